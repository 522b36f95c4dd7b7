//! Cheap necessary conditions for a skim match, checked before the (costly) scorer runs.
//!
//! SkimMatcherV2 with `ignore_case` matches exactly when the query's chars occur in the text
//! in order, compared with `eq_ignore_ascii_case`. Both checks here are implied by that, so
//! they never drop a real match; they may let a few non-matches through (only with non-ASCII
//! queries), which the scorer then rejects.

use memchr::{memchr, memchr2};

/// Bit per ASCII letter and digit present (case-folded); every non-ASCII char shares one bit.
/// Whitespace and ASCII punctuation set no bit (too common to be worth one).
pub fn letter_set(s: &str) -> u64 {
    let mut set = 0u64;
    for b in s.bytes() {
        let bit = match b.to_ascii_lowercase() {
            c @ b'a'..=b'z' => c - b'a',
            c @ b'0'..=b'9' => 26 + c - b'0',
            c if c.is_ascii() => continue,
            _ => 36,
        };
        set |= 1 << bit;
    }
    set
}

/// A query prepared for the byte check: its bytes, ASCII letters lower-cased.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoldedQuery {
    bytes: Vec<u8>,
    pub letters: u64,
}

impl FoldedQuery {
    pub fn new(query: &str) -> FoldedQuery {
        FoldedQuery {
            bytes: query.bytes().map(|b| b.to_ascii_lowercase()).collect(),
            letters: letter_set(query),
        }
    }

    pub fn as_bytes(&self) -> &[u8] {
        &self.bytes
    }

    /// Whether every query byte occurs in `text`, in order (ASCII case-folded). A skim match
    /// implies this: the UTF-8 bytes of in-order chars are themselves in order.
    pub fn is_subsequence_of(&self, text: &[u8]) -> bool {
        self.match_end(text, 0, 0).is_some()
    }

    /// Where the leftmost in-order match of the query's bytes from `from_byte` on ends in
    /// `text`, starting at `at`. Leftmost matching means a longer query that starts with this
    /// one can resume from here instead of from the start of the text.
    pub fn match_end(&self, text: &[u8], mut at: usize, from_byte: usize) -> Option<usize> {
        for &q in &self.bytes[from_byte..] {
            let rest = &text[at..];
            let found = if q.is_ascii_lowercase() {
                memchr2(q, q.to_ascii_uppercase(), rest)
            } else {
                memchr(q, rest)
            };
            at += found? + 1;
        }
        Some(at)
    }

    /// Whether this query's bytes start with `earlier`'s: then its leftmost match extends
    /// `earlier`'s.
    pub fn extends(&self, earlier: &FoldedQuery) -> bool {
        self.bytes.starts_with(&earlier.bytes)
    }

    /// How closely `text` holds the query, best first: contiguously at the start of a word
    /// (ASCII case-folded), contiguously elsewhere, or only spread out. Skim ranks them in
    /// about that order, so a capped search scores them in that order.
    pub fn relevance(&self, text: &[u8]) -> Relevance {
        let Some(&first) = self.bytes.first() else {
            return Relevance::Spread;
        };
        let n = self.bytes.len();
        let mut best = Relevance::Spread;
        let mut at = 0;
        while at + n <= text.len() {
            let rest = &text[at..];
            let found = if first.is_ascii_lowercase() {
                memchr2(first, first.to_ascii_uppercase(), rest)
            } else {
                memchr(first, rest)
            };
            let Some(i) = found else { break };
            let pos = at + i;
            if pos + n <= text.len() && text[pos..pos + n].eq_ignore_ascii_case(&self.bytes) {
                if pos == 0 || !text[pos - 1].is_ascii_alphanumeric() {
                    return Relevance::WordStart;
                }
                best = Relevance::Inside;
            }
            at = pos + 1;
        }
        best
    }
}

/// See [`FoldedQuery::relevance`].
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Relevance {
    WordStart,
    Inside,
    Spread,
}

/// Whether `old` is an in-order subsequence of `new` (ASCII case-folded): then every text
/// that contains `new` in order contains `old` too, so `new`'s matches are among `old`'s.
pub fn narrows(old: &FoldedQuery, new: &FoldedQuery) -> bool {
    old.letters & new.letters == old.letters && old.is_subsequence_of(new.as_bytes())
}
