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

/// Whether `t` has at most `n` words as [`word_count`] counts them, without counting past
/// `n`: asked of every paragraph, most of them long. ASCII bytes are tested as they are; other
/// characters are decoded (some are white space).
pub(super) fn at_most_words(t: &str, n: usize) -> bool {
    let bytes = t.as_bytes();
    let mut words = 0;
    let mut in_word = false;
    let mut i = 0;
    while i < bytes.len() {
        let (space, len) = match bytes[i] {
            b @ 0..0x80 => (crate::text::is_ascii_white_space(b), 1),
            _ => {
                let c = t[i..].chars().next().unwrap_or_default();
                (c.is_whitespace(), c.len_utf8())
            }
        };
        if !space && !in_word {
            words += 1;
            if words > n {
                return false;
            }
        }
        in_word = !space;
        i += len;
    }
    true
}

#[cfg(test)]
mod tests {
    use super::*;

    proptest::proptest! {
        #[test]
        fn at_most_words_agrees_with_split_whitespace(
            pieces in proptest::collection::vec(
                proptest::prop_oneof![
                    proptest::strategy::Just("a"), proptest::strategy::Just("é"),
                    proptest::strategy::Just(" "), proptest::strategy::Just("\t"),
                    proptest::strategy::Just("\n"), proptest::strategy::Just("\u{a0}"),
                    proptest::strategy::Just("\u{2009}"), proptest::strategy::Just("\u{3000}"),
                    proptest::strategy::Just("\u{1c}"), proptest::strategy::Just("“"),
                ],
                0..16,
            ),
            n in 0usize..6,
        ) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(
                at_most_words(&text, n),
                text.split_whitespace().count() <= n
            );
        }
    }
}
