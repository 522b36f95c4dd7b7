//! An inverted index of word shingles, so that finding the quotes that share wording with a
//! quote costs the length of its posting lists, never a comparison with every other quote.

use std::hash::Hash;

use rustc_hash::FxHashMap;

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

/// Key -> the items that hold it, in item order. All lists share one array and the map holds
/// only where each starts: a map of one `Vec` per key cost ~50 bytes a key more, and the
/// timeline holds two such indexes over every unit's words at once.
#[derive(Debug, Clone)]
pub struct Postings<K> {
    slots: FxHashMap<K, u32>,
    /// `starts[slot]..starts[slot + 1]` is the slot's range of `items`.
    starts: Vec<u32>,
    items: Vec<u32>,
}

impl<K> Default for Postings<K> {
    fn default() -> Self {
        Postings {
            slots: FxHashMap::default(),
            starts: vec![0],
            items: Vec::new(),
        }
    }
}

impl<K: Hash + Eq + Copy> Postings<K> {
    /// The postings of `lists()`, which gives each item (in increasing order) with its keys;
    /// it is called twice, to count and then to fill. An item is listed once per key.
    pub fn build<I, J>(lists: impl Fn() -> I) -> Self
    where
        I: Iterator<Item = (u32, J)>,
        J: IntoIterator<Item = K>,
    {
        let mut slots: FxHashMap<K, u32> = FxHashMap::default();
        // Per slot: its count, then its fill position; and the last item put in it.
        let mut counts: Vec<u32> = Vec::new();
        let mut last: Vec<u32> = Vec::new();
        for (item, keys) in lists() {
            for key in keys {
                let slot = *slots.entry(key).or_insert_with(|| {
                    counts.push(0);
                    last.push(u32::MAX);
                    counts.len() as u32 - 1
                }) as usize;
                if last[slot] != item {
                    last[slot] = item;
                    counts[slot] += 1;
                }
            }
        }
        let mut starts = Vec::with_capacity(counts.len() + 1);
        let mut total = 0u32;
        starts.push(0);
        for c in &mut counts {
            let start = total;
            total += *c;
            starts.push(total);
            *c = start;
        }
        last.fill(u32::MAX);
        let mut items = vec![0u32; total as usize];
        for (item, keys) in lists() {
            for key in keys {
                let slot = slots[&key] as usize;
                if last[slot] != item {
                    last[slot] = item;
                    items[counts[slot] as usize] = item;
                    counts[slot] += 1;
                }
            }
        }
        Postings {
            slots,
            starts,
            items,
        }
    }

    /// The items that hold `key`, in increasing order.
    pub fn get(&self, key: &K) -> Option<&[u32]> {
        self.slot(key).map(|slot| self.items_of(slot))
    }

    /// Where `key`'s list is, if it has one.
    fn slot(&self, key: &K) -> Option<usize> {
        self.slots.get(key).map(|&s| s as usize)
    }

    fn items_of(&self, slot: usize) -> &[u32] {
        &self.items[self.starts[slot] as usize..self.starts[slot + 1] as usize]
    }

    /// Number of keys.
    fn keys(&self) -> usize {
        self.starts.len() - 1
    }
}

/// Shingle -> the items that contain it. An item may stand for several quotes with the same
/// words (its weight): a shingle is too common to look up when the quotes, not the items,
/// holding it pass [`MAX_POSTING`], so grouping quotes never changes which shingles count.
#[derive(Debug, Default, Clone)]
pub struct ShingleIndex {
    postings: Postings<u64>,
    /// Per key slot, whether its quotes pass [`MAX_POSTING`].
    crowded: Vec<bool>,
}

impl ShingleIndex {
    /// The index of `lists`: the shingles of items 0, 1, 2…, each item one quote.
    pub fn new<'a, L>(lists: impl Fn() -> L) -> Self
    where
        L: Iterator<Item = &'a [u64]>,
    {
        Self::weighted(lists, |_| 1)
    }

    /// The index of `lists`, item `i` standing for `weight(i)` quotes.
    pub fn weighted<'a, L>(lists: impl Fn() -> L, weight: impl Fn(u32) -> usize) -> Self
    where
        L: Iterator<Item = &'a [u64]>,
    {
        let postings = Postings::build(|| {
            lists()
                .enumerate()
                .map(|(i, shingles)| (i as u32, shingles.iter().copied()))
        });
        let crowded = (0..postings.keys())
            .map(|slot| {
                let items = postings.items_of(slot);
                items.len() > MAX_POSTING
                    || items.iter().map(|&i| weight(i)).sum::<usize>() > MAX_POSTING
            })
            .collect();
        ShingleIndex { postings, crowded }
    }

    /// Whether item `item` has `shingle`.
    pub fn holds(&self, shingle: u64, item: u32) -> bool {
        self.postings
            .get(&shingle)
            .is_some_and(|items| items.binary_search(&item).is_ok())
    }

    /// Items sharing at least `min_shared` distinct shingles with `shingles`, with the count,
    /// in item order.
    pub fn candidates(&self, shingles: &[u64], min_shared: usize) -> Vec<(u32, usize)> {
        let mut distinct = shingles.to_vec();
        distinct.sort_unstable();
        distinct.dedup();
        let mut hits: Vec<u32> = Vec::new();
        for s in &distinct {
            if let Some(slot) = self.postings.slot(s)
                && !self.crowded[slot]
            {
                hits.extend_from_slice(self.postings.items_of(slot));
            }
        }
        hits.sort_unstable();
        let mut out: Vec<(u32, usize)> = Vec::new();
        for run in hits.chunk_by(|a, b| a == b) {
            if run.len() >= min_shared {
                out.push((run[0], run.len()));
            }
        }
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
        let lists = [shingles(&a), shingles(&b)];
        let idx = ShingleIndex::new(|| lists.iter().map(Vec::as_slice));
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
