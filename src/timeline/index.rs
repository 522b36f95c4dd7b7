//! An inverted index of word shingles, so that finding the quotes that share wording with a
//! quote costs the length of its posting lists, never a comparison with every other quote.

use rustc_hash::{FxHashMap, FxHashSet};

use crate::text::{fnv1a, fnv1a_continue};

/// Words per shingle. Three words are specific enough to find the same message and short
/// enough that a fragment of six words still shares several shingles.
pub const SHINGLE: usize = 3;

/// Shingles so common that their postings say nothing ("said it was") are skipped at query
/// time; this bounds the work per quote on large corpora.
pub const MAX_POSTING: usize = 400;

/// Hashes of the word shingles of `tokens` (one hash of all of them when there are fewer).
pub fn shingles<T: AsRef<str>>(tokens: &[T]) -> Vec<u64> {
    if tokens.is_empty() {
        return Vec::new();
    }
    if tokens.len() < SHINGLE {
        return vec![hash_words(tokens)];
    }
    tokens.windows(SHINGLE).map(hash_words).collect()
}

/// FNV-1a of the words joined by single spaces, without building the joined string.
fn hash_words<T: AsRef<str>>(words: &[T]) -> u64 {
    let mut hash = fnv1a(b"");
    for (i, w) in words.iter().enumerate() {
        if i > 0 {
            hash = fnv1a_continue(hash, b" ");
        }
        hash = fnv1a_continue(hash, w.as_ref().as_bytes());
    }
    hash
}

/// Shingle -> the items that contain it.
#[derive(Debug, Default, Clone)]
pub struct ShingleIndex {
    postings: FxHashMap<u64, Vec<u32>>,
}

impl ShingleIndex {
    pub fn add(&mut self, item: u32, shingles: &[u64]) {
        for &s in shingles {
            let list = self.postings.entry(s).or_default();
            if list.last() != Some(&item) {
                list.push(item);
            }
        }
    }

    /// Items sharing at least `min_shared` distinct shingles with `shingles`, with the count.
    pub fn candidates(&self, shingles: &[u64], min_shared: usize) -> Vec<(u32, usize)> {
        let mut counts: FxHashMap<u32, usize> = FxHashMap::default();
        let mut seen = FxHashSet::default();
        for s in shingles {
            if !seen.insert(*s) {
                continue;
            }
            if let Some(list) = self.postings.get(s)
                && list.len() <= MAX_POSTING
            {
                for &item in list {
                    *counts.entry(item).or_default() += 1;
                }
            }
        }
        let mut out: Vec<(u32, usize)> = counts
            .into_iter()
            .filter(|&(_, n)| n >= min_shared)
            .collect();
        out.sort_unstable();
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_are_counted_per_item() {
        let a = ["a", "b", "c", "d"];
        let b = ["x", "b", "c", "d"];
        let mut idx = ShingleIndex::default();
        idx.add(0, &shingles(&a));
        idx.add(1, &shingles(&b));
        let got = idx.candidates(&shingles(&["b", "c", "d"]), 1);
        assert_eq!(got, vec![(0, 1), (1, 1)]);
        assert!(idx.candidates(&shingles(&["q", "r", "s"]), 1).is_empty());
    }

    #[test]
    fn short_sequences_get_one_shingle() {
        assert_eq!(shingles(&["wow"]).len(), 1);
        assert_eq!(shingles::<&str>(&[]).len(), 0);
    }
}
