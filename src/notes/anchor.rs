//! Text anchors: how a note on a passage finds its words again after the article changed.
//!
//! An anchor keeps the byte range it was made on, the exact words, and up to
//! [`CONTEXT_CHARS`] characters of text before and after them (the scheme web annotators use:
//! a "text quote selector" with a position hint). [`TextAnchor::relocate`] tries, in order:
//!
//! 1. the same range, if it still holds exactly the same words ([`Fit::Same`]);
//! 2. every place where the same words occur, whitespace allowed to differ (a hard-wrapped
//!    article re-wrapped still matches); the one whose surroundings agree best with the saved
//!    context wins, ties going to the one nearest the old position ([`Fit::Moved`]);
//! 3. a fuzzy search for the words with some of them changed: windows of the article's words
//!    starting or ending where the passage's first or last words occur, compared word by word
//!    with `similar`; the best window at least [`FUZZY_THRESHOLD`] similar wins ([`Fit::Fuzzy`]).
//!
//! When all three fail the passage is gone and the note is an orphan. Step 3 only looks at a
//! bounded number of windows ([`MAX_WINDOWS`]), so a pathological article costs milliseconds,
//! at the price of missing a heavily rewritten passage whose first and last words all changed.

use std::ops::Range;

use serde::{Deserialize, Serialize};

/// How many characters of context are kept on each side.
pub const CONTEXT_CHARS: usize = 32;
/// How similar (0..=1, by words) a rewritten passage must be to count as the same passage.
pub const FUZZY_THRESHOLD: f32 = 0.7;
/// At most this many windows are compared in the fuzzy step.
pub const MAX_WINDOWS: usize = 400;

/// A passage of an article: where it was, what it said, and what was around it.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct TextAnchor {
    /// Byte offsets into the article's text (the whole file) when the anchor was made.
    pub start: usize,
    pub end: usize,
    /// The words themselves.
    pub exact: String,
    /// Up to [`CONTEXT_CHARS`] characters just before and after.
    #[serde(default)]
    pub before: String,
    #[serde(default)]
    pub after: String,
}

/// How well a relocated anchor fits.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Fit {
    /// Same words at the same place.
    Same,
    /// Same words (maybe wrapped differently) at another place.
    Moved,
    /// The words changed; this is the most similar passage (0..=1 by words).
    Fuzzy(f32),
}

/// Where an anchor is in the current text.
#[derive(Debug, Clone, PartialEq)]
pub struct Relocation {
    pub range: Range<usize>,
    pub fit: Fit,
}

impl TextAnchor {
    /// Anchors `range` of `text`. None when the range is empty, out of bounds or not on
    /// character boundaries.
    pub fn new(text: &str, range: Range<usize>) -> Option<TextAnchor> {
        if range.start >= range.end
            || range.end > text.len()
            || !text.is_char_boundary(range.start)
            || !text.is_char_boundary(range.end)
        {
            return None;
        }
        let before_start = text[..range.start]
            .char_indices()
            .rev()
            .take(CONTEXT_CHARS)
            .last()
            .map_or(range.start, |(i, _)| i);
        let after_end = text[range.end..]
            .char_indices()
            .nth(CONTEXT_CHARS)
            .map_or(text.len(), |(i, _)| range.end + i);
        Some(TextAnchor {
            start: range.start,
            end: range.end,
            exact: text[range.clone()].to_string(),
            before: text[before_start..range.start].to_string(),
            after: text[range.end..after_end].to_string(),
        })
    }

    /// The range the anchor was made on.
    pub fn range(&self) -> Range<usize> {
        self.start..self.end
    }

    /// Finds the anchored words in `text` (see the module docs); None when they are gone.
    pub fn relocate(&self, text: &str) -> Option<Relocation> {
        if text.get(self.range()) == Some(self.exact.as_str()) && !self.exact.is_empty() {
            return Some(Relocation {
                range: self.range(),
                fit: Fit::Same,
            });
        }
        if let Some(range) = self.find_exact(text) {
            return Some(Relocation {
                range,
                fit: Fit::Moved,
            });
        }
        self.find_fuzzy(text)
    }

    /// Step 2: the same words, whitespace allowed to differ, best context first.
    fn find_exact(&self, text: &str) -> Option<Range<usize>> {
        let words: Vec<String> = self.exact.split_whitespace().map(regex::escape).collect();
        if words.is_empty() {
            return None;
        }
        let re = regex::Regex::new(&words.join(r"\s+")).ok()?;
        re.find_iter(text)
            .map(|m| {
                let score = common_suffix(&text[..m.start()], &self.before)
                    + common_prefix(&text[m.end()..], &self.after);
                (score, m.start().abs_diff(self.start), m.range())
            })
            .max_by(|a, b| a.0.cmp(&b.0).then_with(|| b.1.cmp(&a.1)))
            .map(|(_, _, range)| range)
    }

    /// Step 3: the most similar run of words, if similar enough.
    fn find_fuzzy(&self, text: &str) -> Option<Relocation> {
        let want: Vec<&str> = self.exact.split_whitespace().collect();
        if want.len() < 3 {
            return None;
        }
        let words: Vec<(usize, &str)> = word_spans(text);
        let n = want.len();
        let heads: Vec<&str> = want.iter().take(3).copied().collect();
        let tails: Vec<&str> = want.iter().rev().take(3).copied().collect();
        let mut starts: Vec<usize> = Vec::new();
        for (i, (_, w)) in words.iter().enumerate() {
            if let Some(j) = heads.iter().position(|h| h == w) {
                starts.push(i.saturating_sub(j));
            }
            if let Some(j) = tails.iter().position(|t| t == w) {
                starts.push((i + j + 1).saturating_sub(n));
            }
        }
        starts.sort_unstable();
        starts.dedup();
        starts.sort_by_key(|&s| words[s].0.abs_diff(self.start));
        starts.truncate(MAX_WINDOWS / 3);
        let mut best: Option<(f32, usize, Range<usize>)> = None;
        for &s in &starts {
            for len in [n.saturating_sub(1), n, n + 1] {
                let end = (s + len).min(words.len());
                if end <= s {
                    continue;
                }
                let window: Vec<&str> = words[s..end].iter().map(|(_, w)| *w).collect();
                let ratio = similarity(&want, &window);
                let start = words[s].0;
                let last = words[end - 1];
                let range = start..last.0 + last.1.len();
                let dist = start.abs_diff(self.start);
                let better = match &best {
                    None => true,
                    Some((r, d, _)) => ratio > *r || (ratio == *r && dist < *d),
                };
                if better {
                    best = Some((ratio, dist, range));
                }
            }
        }
        best.filter(|(r, _, _)| *r >= FUZZY_THRESHOLD)
            .map(|(r, _, range)| Relocation {
                range,
                fit: Fit::Fuzzy(r),
            })
    }
}

/// Word-level similarity of two word lists, 0..=1.
pub fn similarity(a: &[&str], b: &[&str]) -> f32 {
    let ops = similar::capture_diff_slices(similar::Algorithm::Myers, a, b);
    similar::get_diff_ratio(&ops, a.len(), b.len())
}

/// Whitespace-separated words of `text` with their byte offsets.
fn word_spans(text: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        match (c.is_whitespace(), start) {
            (true, Some(s)) => {
                out.push((s, &text[s..i]));
                start = None;
            }
            (false, None) => start = Some(i),
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, &text[s..]));
    }
    out
}

/// Characters `a` and `b` share at their ends.
fn common_suffix(a: &str, b: &str) -> usize {
    a.chars()
        .rev()
        .zip(b.chars().rev())
        .take_while(|(x, y)| x == y)
        .count()
}

/// Characters `a` and `b` share at their starts.
fn common_prefix(a: &str, b: &str) -> usize {
    a.chars().zip(b.chars()).take_while(|(x, y)| x == y).count()
}

#[cfg(test)]
mod tests {
    use super::*;

    const TEXT: &str = "Intro line.\nThe account wrote: “We have guessed the password.” Then it \
                        asked again. Later: “We have guessed the password.” said nobody.";

    fn anchor_of(text: &str, words: &str, nth: usize) -> TextAnchor {
        let start = text.match_indices(words).nth(nth).unwrap().0;
        TextAnchor::new(text, start..start + words.len()).unwrap()
    }

    #[test]
    fn context_is_cut_on_char_boundaries() {
        let a = anchor_of(TEXT, "guessed", 0);
        assert_eq!(a.exact, "guessed");
        assert_eq!(a.before.chars().count(), CONTEXT_CHARS);
        assert!(a.before.ends_with("We have "));
        assert!(a.after.starts_with(" the password.”"));
        assert!(TextAnchor::new(TEXT, 3..3).is_none());
        assert!(TextAnchor::new("“x”", 1..3).is_none(), "inside a character");
    }

    #[test]
    fn unchanged_text_is_the_same_place() {
        let a = anchor_of(TEXT, "guessed the password", 1);
        let r = a.relocate(TEXT).unwrap();
        assert_eq!((r.range, r.fit), (a.range(), Fit::Same));
    }

    #[test]
    fn inserted_text_moves_the_range_and_context_picks_the_right_copy() {
        let a = anchor_of(TEXT, "We have guessed the password.", 1);
        let edited = format!("A new first paragraph.\n\n{TEXT}");
        let r = a.relocate(&edited).unwrap();
        assert_eq!(r.fit, Fit::Moved);
        assert_eq!(&edited[r.range.clone()], a.exact);
        assert_eq!(r.range.start, a.start + "A new first paragraph.\n\n".len());
    }

    #[test]
    fn rewrapped_words_still_match() {
        let a = anchor_of(TEXT, "Then it asked again.", 0);
        let edited = TEXT.replace("Then it asked again.", "Then it\n   asked again.");
        let r = a.relocate(&edited).unwrap();
        assert_eq!(r.fit, Fit::Moved);
        assert_eq!(&edited[r.range], "Then it\n   asked again.");
    }

    #[test]
    fn changed_words_are_found_fuzzily() {
        let text = "Some words. The group asked him to leak one or more of his father's tax \
                    returns before the vote. Other words.";
        let a = anchor_of(
            text,
            "asked him to leak one or more of his father's tax returns",
            0,
        );
        let edited = text.replace("one or more", "one or two");
        let r = a.relocate(&edited).unwrap();
        assert!(matches!(r.fit, Fit::Fuzzy(x) if x > 0.8), "{:?}", r.fit);
        assert_eq!(
            &edited[r.range],
            "asked him to leak one or two of his father's tax returns"
        );
    }

    #[test]
    fn deleted_words_are_gone() {
        let a = anchor_of(TEXT, "Then it asked again.", 0);
        let edited = TEXT.replace("Then it asked again.", "");
        assert!(a.relocate(&edited).is_none());
        assert!(a.relocate("").is_none());
    }
}
