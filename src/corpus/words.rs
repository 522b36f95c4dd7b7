//! Word helpers the paragraph readers share (`segment`, `debris`, `comments`): kept here,
//! below all three, so that none of them imports another for a helper.

/// Whether `word` is one of the space-separated words of `list`.
pub(super) fn listed(list: &str, word: &str) -> bool {
    !word.is_empty() && list.split_ascii_whitespace().any(|w| w == word)
}

/// Words as whitespace separates them (a shape measure for short lines: "Share Tweet Email" is
/// three), unlike `text::word_count`, which counts word tokens.
pub(super) fn word_count(t: &str) -> usize {
    t.split_whitespace().count()
}
