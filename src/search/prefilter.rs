//! Cheap necessary conditions for a skim match, checked before the (costly) scorer runs.
//!
//! SkimMatcherV2 with `ignore_case` matches exactly when the query's chars occur in the text
//! in order, compared with `eq_ignore_ascii_case`. Both checks here are implied by that, so
//! they never drop a real match; they may let a few non-matches through (only with non-ASCII
//! queries), which the scorer then rejects.

use memchr::{memchr, memchr2, memmem, memrchr, memrchr2};

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

    /// Where `text` holds the query contiguously (ASCII case-folded), left to right; `first`
    /// is its first byte. Found by jumping to each candidate first byte.
    fn occurrences<'t>(&'t self, first: u8, text: &'t [u8]) -> impl Iterator<Item = usize> + 't {
        let n = self.bytes.len();
        let mut at = 0;
        std::iter::from_fn(move || {
            while at + n <= text.len() {
                let rest = &text[at..];
                let found = if first.is_ascii_lowercase() {
                    memchr2(first, first.to_ascii_uppercase(), rest)
                } else {
                    memchr(first, rest)
                }?;
                let pos = at + found;
                at = pos + 1;
                if pos + n <= text.len() && text[pos..pos + n].eq_ignore_ascii_case(&self.bytes) {
                    return Some(pos);
                }
            }
            None
        })
    }

    /// How closely `text` holds the query, best first: contiguously at the start of a word
    /// (ASCII case-folded), contiguously elsewhere, or only spread out. Skim ranks them in
    /// about that order, so a capped search scores them in that order.
    pub fn relevance(&self, text: &[u8]) -> Relevance {
        let Some(&first) = self.bytes.first() else {
            return Relevance::Spread;
        };
        let mut best = Relevance::Spread;
        for pos in self.occurrences(first, text) {
            if pos == 0 || !text[pos - 1].is_ascii_alphanumeric() {
                return Relevance::WordStart;
            }
            best = Relevance::Inside;
        }
        best
    }
}

/// Skim's score of the contiguous match of `query` (as typed) at byte `pos` of `text`; see
/// [`FoldedQuery::estimate`].
pub fn contiguous_score(text: &[u8], pos: usize, query: &[u8]) -> i32 {
    let mut prev = if pos == 0 {
        CharClass::Empty
    } else {
        class_of(text[pos - 1])
    };
    let mut score = -1;
    for (k, &q) in query.iter().enumerate() {
        let c = text[pos + k];
        let class = class_of(c);
        let mut bonus = place_bonus(prev, class);
        if pos + k == 0 {
            bonus *= 2;
        }
        score += 16 - if c != q { 2 } else { 0 };
        score += if k == 0 { bonus } else { bonus.max(4) };
        prev = class;
    }
    score
}

/// Finds where a text holds the query contiguously, lower-case, capitalised or in title case
/// (as nearly every occurrence in prose is), with SIMD substring search: several times
/// cheaper than [`FoldedQuery::estimate`]'s case-folded scan, which would run for every
/// survivor of a broad query. An occurrence in other capitals is left to the spread-out
/// estimate.
pub struct ContiguousFinder {
    finders: Vec<memmem::Finder<'static>>,
}

impl ContiguousFinder {
    pub fn new(folded: &FoldedQuery) -> ContiguousFinder {
        let lower = folded.bytes.clone();
        let mut capital = lower.clone();
        if let Some(first) = capital.first_mut() {
            first.make_ascii_uppercase();
        }
        let mut title = capital.clone();
        for i in 1..title.len() {
            if !title[i - 1].is_ascii_alphanumeric() && title[i - 1].is_ascii() {
                title[i].make_ascii_uppercase();
            }
        }
        let mut forms = vec![lower, capital, title];
        forms.dedup();
        ContiguousFinder {
            finders: forms
                .iter()
                .map(|f| memmem::Finder::new(f).into_owned())
                .collect(),
        }
    }

    /// The best [`contiguous_score`] among the occurrences found, None without one.
    pub fn estimate(&self, text: &[u8], query: &[u8]) -> Option<i32> {
        self.finders
            .iter()
            .flat_map(|f| f.find_iter(text))
            .map(|pos| contiguous_score(text, pos, query))
            .max()
    }
}

/// Skim's char classes (fuzzy-matcher 0.3.7, `CharType`), for its in-place bonuses.
#[derive(Clone, Copy, PartialEq, Eq)]
enum CharClass {
    Empty,
    Upper,
    Lower,
    Number,
    HardSep,
    SoftSep,
}

/// The class of the char a byte belongs to: a byte past ASCII is part of a char skim counts
/// as a lower-case letter.
fn class_of(b: u8) -> CharClass {
    match b {
        b' ' | b'/' | b'\\' | b'|' | b'(' | b')' | b'[' | b']' | b'{' | b'}' => CharClass::HardSep,
        b'!'..=b'\'' | b'*'..=b'.' | b':'..=b'@' | b'^'..=b'`' | b'~' => CharClass::SoftSep,
        b'0'..=b'9' => CharClass::Number,
        b'A'..=b'Z' => CharClass::Upper,
        _ => CharClass::Lower,
    }
}

/// Skim's in-place bonus of a char after another (head 8, break 7, camel 6, tail 0).
fn place_bonus(prev: CharClass, cur: CharClass) -> i32 {
    match (prev, cur) {
        (CharClass::Empty | CharClass::HardSep, _) => 8,
        (CharClass::SoftSep, _) => 7,
        (CharClass::Lower | CharClass::Number, CharClass::Upper) => 6,
        _ => 0,
    }
}

impl FoldedQuery {
    /// Skim's score (default configuration, case ignored) of the best place where `text`
    /// holds the query contiguously, worked out like skim's scorer does for one contiguous
    /// alignment: 16 a char (less 2 for a case mismatch with `query`, the query as typed), less
    /// 1, plus each char's in-place bonus (the first one's doubled at the text's start; at
    /// least 4 for the others, skim's bonus for consecutive matches).
    /// None when the text holds it only spread out. A cheap stand-in for the score, to choose
    /// which texts to score when there are too many.
    pub fn estimate(&self, text: &[u8], query: &[u8]) -> Option<i32> {
        let first = *self.bytes.first()?;
        let n = self.bytes.len();
        if query.len() != n {
            return None;
        }
        let mut best: Option<i32> = None;
        for pos in self.occurrences(first, text) {
            let score = contiguous_score(text, pos, query);
            best = Some(best.map_or(score, |b| b.max(score)));
        }
        best
    }
}

impl FoldedQuery {
    /// [`FoldedQuery::estimate`] for a text that holds the query only spread out: skim's
    /// score of one alignment, the shortest stretch that ends where the leftmost match ends,
    /// matched greedily (a gap costs 3 plus 1 a char; a char after a gap gets its in-place
    /// bonus, one inside a run at least 4). Skim's best alignment scores at least this.
    /// Where the shortest stretch of `text` that holds the query and ends at `end` (the end
    /// of the leftmost match) starts: the stretch [`FoldedQuery::spread_estimate`] scores. Its
    /// length is a cheap first sign of that score (each char of a gap costs a point).
    pub fn window_start(&self, text: &[u8], end: usize) -> Option<usize> {
        let mut start = end.min(text.len());
        for &q in self.bytes.iter().rev() {
            let before = &text[..start];
            start = if q.is_ascii_lowercase() {
                memrchr2(q, q.to_ascii_uppercase(), before)
            } else {
                memrchr(q, before)
            }?;
        }
        Some(start)
    }

    /// `end` is where the leftmost match ends (as [`FoldedQuery::match_end`] gives it).
    pub fn spread_estimate(&self, text: &[u8], query: &[u8], end: usize) -> Option<i32> {
        let n = self.bytes.len();
        if n == 0 || query.len() != n || end > text.len() {
            return None;
        }
        let start = self.window_start(text, end)?;
        let mut prev = if start == 0 {
            CharClass::Empty
        } else {
            class_of(text[start - 1])
        };
        let (mut score, mut k, mut in_gap) = (-1, 0, false);
        for (at, &c) in text.iter().enumerate().take(end).skip(start) {
            if k == n {
                break;
            }
            let class = class_of(c);
            let mut bonus = place_bonus(prev, class);
            if at == 0 {
                bonus *= 2;
            }
            if c.eq_ignore_ascii_case(&self.bytes[k]) {
                score += 16 - if c != query[k] { 2 } else { 0 };
                score += if k == 0 || in_gap {
                    bonus
                } else {
                    bonus.max(4)
                };
                in_gap = false;
                k += 1;
            } else {
                score += if in_gap { -1 } else { -4 };
                in_gap = true;
            }
            prev = class;
        }
        (k == n).then_some(score)
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
