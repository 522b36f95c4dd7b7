//! Words that tell the walker what a sentence does to the run of messages: a new message or
//! time passing ("wrote again", "later"), a look back at the last one ("The message was sent
//! at 9:29 am").

use std::sync::LazyLock;

use regex::Regex;

use crate::extract::cue_words::{CueWords, folds_to_ascii};
use crate::static_regex::StaticRegex;

const NEW_MESSAGE_WORDS: &[&str] = &[
    "again",
    "another",
    "later",
    "next",
    "replied",
    "responded",
    "answered",
    "follow-up",
];
static NEW_MESSAGE_CUE: LazyLock<CueWords> = LazyLock::new(|| CueWords::new(NEW_MESSAGE_WORDS));
/// The same words as a regex, for the rare text [`CueWords`] cannot decide alone.
static NEW_MESSAGE_REGEX: StaticRegex = StaticRegex::new(|| {
    Regex::new(&format!(r"(?i)\b(?:{})\b", NEW_MESSAGE_WORDS.join("|"))).expect("cue")
});

/// Does `text` announce a new message or time passing ("wrote again", "later")?
pub(super) fn new_message_cue(text: &str) -> bool {
    if folds_to_ascii(text) {
        return NEW_MESSAGE_REGEX.get().is_match(text);
    }
    NEW_MESSAGE_CUE.has_word(text)
}
pub(super) static BACK_REFERENCE: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"(?i)^\s*(?:the|that|this|his|her|its)\s+(?:first\s+|last\s+|final\s+|latest\s+)?(?:message|note|tweet|email|e-mail|dm|direct message|reply|response|post|letter)s?\s+(?:was|were|is|came|arrived)\b").expect("back reference")
});

/// Whether `text` may open with a back-reference: its first word is one that
/// [`BACK_REFERENCE`] opens with (checked before the regex, which most sentences fail here).
pub(super) fn may_refer_back(text: &str) -> bool {
    let rest = text.trim_start();
    let word = rest
        .split(|c: char| !c.is_ascii_alphabetic())
        .next()
        .unwrap_or("");
    let opener = ["the", "that", "this", "his", "her", "its"]
        .iter()
        .any(|w| w.eq_ignore_ascii_case(word));
    (opener && rest[word.len()..].starts_with(char::is_whitespace)) || folds_to_ascii(text)
}
