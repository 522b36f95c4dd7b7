//! Word helpers the paragraph readers share (`segment`, `debris`, `comments`): kept here,
//! below all three, so that none of them imports another for a helper.

use std::sync::OnceLock;

use rustc_hash::FxHashSet;

/// Space-separated words, written as one string and looked up as a set: every sentence end
/// and every short line checks a word against lists of 20 to 80 words.
pub(super) struct WordList {
    words: &'static str,
    set: OnceLock<FxHashSet<&'static str>>,
}

impl WordList {
    pub(super) const fn new(words: &'static str) -> WordList {
        WordList {
            words,
            set: OnceLock::new(),
        }
    }

    /// Whether `word` is one of the list's words.
    pub(super) fn contains(&self, word: &str) -> bool {
        !word.is_empty()
            && self
                .set
                .get_or_init(|| self.words.split_ascii_whitespace().collect())
                .contains(word)
    }
}

/// Words as whitespace separates them (a shape measure for short lines: "Share Tweet Email" is
/// three), unlike `text::word_count`, which counts word tokens.
pub(super) fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}
