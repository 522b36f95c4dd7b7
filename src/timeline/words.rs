//! The words of the units (message quotes and unmarked blocks) as matching sees them, shared by
//! grouping, attaching and settling: vocabulary ids and shingle hashes per unit, units grouped
//! by identical wording, and the thresholds that say two wordings are one message.

use rayon::prelude::*;
use rustc_hash::FxHashMap;

use super::index::shingles;
use super::vocab::Vocab;
use crate::corpus::Article;
use crate::extract::Quote;
use crate::text::{Token, tokenize};

/// Share of a quote's words that must be found, in order, in another to be the same message.
pub(super) const SAME_MESSAGE_COVERAGE: f64 = 0.75;
/// A run of this many identical words makes two quotes overlap even when neither holds most
/// of the other (two sources quoting different halves of one message).
pub(super) const OVERLAP_RUN: usize = 8;

/// Units whose words are read at once before their normalised forms are interned: the
/// strings of a chunk are dropped as soon as it is interned, so the words of every unit are
/// never held as strings at the same time (at 10,000 articles they were ~50 MB).
const WORDS_CHUNK: usize = 1024;

/// What matching needs of the units' words: vocabulary ids and shingle hashes, no strings. The
/// text itself, when needed (differences), is read again from the article with [`wording_of`].
/// Every unit's words sit in one array per kind: one small vector per unit and kind (~100,000
/// at 10,000 articles) left the allocator's pages shared between kinds, so freeing the sorted
/// ones early gave nothing back.
pub(super) struct Words {
    /// Unit `u`'s words are `word_at[u]..word_at[u + 1]` of `ids` and `sorted_ids`; its
    /// shingles, `shingle_at[u]..shingle_at[u + 1]` of `shingles`.
    word_at: Vec<usize>,
    shingle_at: Vec<usize>,
    /// The normalised words as vocabulary ids, so alignment compares integers, not strings.
    ids: Vec<u32>,
    /// Each unit's `ids` sorted, for the checks in `bounds` that spare most diffs; freed once
    /// the passes that use it are done. (Whether a unit has a shingle is asked of the shingle
    /// index, which knows it: a sorted copy of every unit's shingles cost 3.5 MB at 10,000
    /// articles.)
    sorted_ids: Vec<u32>,
    shingles: Vec<u64>,
}

/// One unit's part of [`Words`]; `sorted_ids` is empty once freed.
#[derive(Clone, Copy)]
pub(super) struct UnitWords<'a> {
    pub(super) ids: &'a [u32],
    pub(super) sorted_ids: &'a [u32],
    pub(super) shingles: &'a [u64],
}

impl UnitWords<'_> {
    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }
}

impl Words {
    /// Number of units.
    pub(super) fn units(&self) -> usize {
        self.word_at.len() - 1
    }

    pub(super) fn unit(&self, u: usize) -> UnitWords<'_> {
        let words = self.word_at[u]..self.word_at[u + 1];
        let shingles = self.shingle_at[u]..self.shingle_at[u + 1];
        UnitWords {
            ids: &self.ids[words.clone()],
            sorted_ids: self.sorted_ids.get(words).unwrap_or_default(),
            shingles: &self.shingles[shingles],
        }
    }

    pub(super) fn free_sorted_ids(&mut self) {
        self.sorted_ids = Vec::new();
    }
}

/// `values` with each piece `at[i]..at[i + 1]` sorted on its own.
fn sorted_pieces<T: Ord + Copy + Send>(values: &[T], at: &[usize]) -> Vec<T> {
    let mut out = values.to_vec();
    let mut pieces: Vec<&mut [T]> = Vec::with_capacity(at.len());
    let mut rest = out.as_mut_slice();
    for w in at.windows(2) {
        let (piece, tail) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
        pieces.push(piece);
        rest = tail;
    }
    pieces.par_iter_mut().for_each(|p| p.sort_unstable());
    drop(pieces);
    out
}

/// Words of a quote as written: display words and normalised forms, one to one.
pub(super) struct Wording {
    pub(super) norm: Vec<String>,
    pub(super) display: Vec<String>,
}

pub(super) fn wording_of(article: &Article, parts: &[std::ops::Range<usize>]) -> Wording {
    let mut norm = Vec::new();
    let mut display = Vec::new();
    for r in parts {
        let tokens: Vec<Token> = tokenize(article.slice(r), r.start);
        // Each word as written with what follows it up to the next word of the same part
        // ("putintrump." + "org "), so a run of words reads as the source has it.
        for (i, t) in tokens.iter().enumerate() {
            let end = tokens.get(i + 1).map_or(t.range.end, |n| n.range.start);
            display.push(article.slice(&(t.range.start..end)).to_string());
        }
        norm.extend(tokens.into_iter().map(|t| t.norm));
    }
    Wording { norm, display }
}

/// The normalised words of a quote (the `norm` of [`wording_of`], without the display words).
pub(super) fn norm_of(article: &Article, parts: &[std::ops::Range<usize>]) -> Vec<String> {
    let mut norm = Vec::new();
    for r in parts {
        norm.extend(
            tokenize(article.slice(r), r.start)
                .into_iter()
                .map(|t| t.norm),
        );
    }
    norm
}

/// The words of every unit, and the vocabulary of their normalised forms. Ids are given in
/// unit order, word by word.
pub(super) fn unit_words(
    articles: &[Article],
    quotes: &[Quote],
    units: &[usize],
) -> (Words, Vocab) {
    let mut vocab = Vocab::default();
    let mut word_at = Vec::with_capacity(units.len() + 1);
    let mut shingle_at = Vec::with_capacity(units.len() + 1);
    word_at.push(0);
    shingle_at.push(0);
    // Per chunk, then joined into arrays of the exact size. A chunk is interned (one core)
    // while the next is read (the others), in order, so the ids are those of one pass.
    let mut chunk_ids: Vec<Vec<u32>> = Vec::new();
    let mut chunk_shingles: Vec<Vec<u64>> = Vec::new();
    let read = |chunk: &[usize]| -> Vec<(Vec<String>, Vec<u64>)> {
        chunk
            .par_iter()
            .map(|&i| {
                let norm = norm_of(&articles[quotes[i].article], &quotes[i].parts);
                let shingles = shingles(&norm);
                (norm, shingles)
            })
            .collect()
    };
    let mut intern = |norms: Vec<(Vec<String>, Vec<u64>)>| {
        let mut ids = Vec::new();
        let mut shingles = Vec::new();
        for (norm, unit_shingles) in norms {
            let (words_before, shingles_before) =
                (word_at[word_at.len() - 1], shingle_at[shingle_at.len() - 1]);
            word_at.push(words_before + norm.len());
            shingle_at.push(shingles_before + unit_shingles.len());
            ids.extend(vocab.intern(&norm));
            shingles.extend(unit_shingles);
        }
        chunk_ids.push(ids);
        chunk_shingles.push(shingles);
    };
    let mut read_before: Vec<(Vec<String>, Vec<u64>)> = Vec::new();
    for chunk in units.chunks(WORDS_CHUNK) {
        let (next, ()) = rayon::join(
            || read(chunk),
            || {
                if !read_before.is_empty() {
                    intern(std::mem::take(&mut read_before));
                }
            },
        );
        read_before = next;
    }
    if !read_before.is_empty() {
        intern(read_before);
    }
    let ids = chunk_ids.concat();
    drop(chunk_ids);
    let shingles = chunk_shingles.concat();
    drop(chunk_shingles);
    let sorted_ids = sorted_pieces(&ids, &word_at);
    let words = Words {
        word_at,
        shingle_at,
        ids,
        sorted_ids,
        shingles,
    };
    (words, vocab)
}

/// Whether matching works once per distinct wording or once per unit. Both give the same
/// timeline; per unit is the plain form the grouped one is checked against.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Grouping {
    /// Units with identical word sequences share one look-up, one alignment per candidate
    /// wording and one set of differences: a message quoted by hundreds of outlets costs
    /// about what one quote of it costs.
    ByWording,
    /// Every unit is its own wording.
    #[cfg_attr(not(test), allow(dead_code))]
    PerUnit,
}

/// Units grouped by identical word sequences (vocabulary ids). Wordings are numbered in the
/// order of their first unit, and each lists its units in increasing order.
pub(super) struct Wordings {
    /// Wording `w`'s units are `members[at[w]..at[w + 1]]`.
    at: Vec<u32>,
    members: Vec<u32>,
}

impl Wordings {
    pub(super) fn group(words: &Words, grouping: Grouping) -> Wordings {
        let n = words.units();
        let of_unit: Vec<u32> = match grouping {
            Grouping::PerUnit => (0..n as u32).collect(),
            Grouping::ByWording => {
                let mut seen: FxHashMap<&[u32], u32> = FxHashMap::default();
                (0..n)
                    .map(|u| {
                        let next = seen.len() as u32;
                        *seen.entry(words.unit(u).ids).or_insert(next)
                    })
                    .collect()
            }
        };
        let count = of_unit.iter().map(|&w| w as usize + 1).max().unwrap_or(0);
        let mut at = vec![0u32; count + 1];
        for &w in &of_unit {
            at[w as usize + 1] += 1;
        }
        for w in 0..count {
            at[w + 1] += at[w];
        }
        let mut fill = at.clone();
        let mut members = vec![0u32; n];
        for (u, &w) in of_unit.iter().enumerate() {
            members[fill[w as usize] as usize] = u as u32;
            fill[w as usize] += 1;
        }
        Wordings { at, members }
    }

    /// Number of distinct wordings.
    pub(super) fn len(&self) -> usize {
        self.at.len() - 1
    }

    /// The units of wording `w`, in increasing order.
    pub(super) fn units(&self, w: usize) -> &[u32] {
        &self.members[self.at[w] as usize..self.at[w + 1] as usize]
    }

    /// The first unit of wording `w`: its words are the wording's words.
    pub(super) fn first(&self, w: usize) -> usize {
        self.members[self.at[w] as usize] as usize
    }
}
