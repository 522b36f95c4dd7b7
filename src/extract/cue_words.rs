//! Cue words looked for in every sentence ("again", "tweeted", "statement"), found in one pass
//! of an Aho-Corasick automaton instead of a regex run per cue. A regex with a Unicode word
//! boundary gives up its fast engine on any text holding a curly quote or a dash, as nearly
//! every sentence with a quotation does, and each sentence was searched several times.
//!
//! Case is ignored for ASCII letters only; the two characters that Unicode folds into ASCII
//! letters (ſ to s, the Kelvin sign to k) are reported by [`folds_to_ascii`], so that a
//! caller can fall back to its regex for them and match exactly what the regex would.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, Input, MatchKind};
use memchr::memmem::Finder;

/// Whether `text` holds a character that a case-insensitive Unicode regex reads as an ASCII
/// letter (U+017F long s, U+212A Kelvin sign).
pub(crate) fn folds_to_ascii(text: &str) -> bool {
    static LONG_S: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("ſ"));
    static KELVIN: LazyLock<Finder<'static>> = LazyLock::new(|| Finder::new("\u{212A}"));
    LONG_S.find(text.as_bytes()).is_some() || KELVIN.find(text.as_bytes()).is_some()
}

/// A set of cue words or phrases (ASCII), matched in any ASCII case.
pub(crate) struct CueWords {
    /// Leftmost-first, for [`CueWords::has_word`].
    first: AhoCorasick,
    /// Reporting every occurrence, for [`CueWords::present`].
    every: AhoCorasick,
}

impl CueWords {
    /// Panics if a cue is a prefix of another: [`CueWords::has_word`] relies on one cue at
    /// most starting at any place.
    pub(crate) fn new(words: &[&str]) -> CueWords {
        for (i, a) in words.iter().enumerate() {
            for b in &words[i + 1..] {
                let (a, b) = (a.to_ascii_lowercase(), b.to_ascii_lowercase());
                assert!(!a.starts_with(&b) && !b.starts_with(&a), "{a} and {b}");
            }
        }
        let build = |kind| {
            AhoCorasick::builder()
                .match_kind(kind)
                .ascii_case_insensitive(true)
                .build(words)
                .expect("cue words")
        };
        CueWords {
            first: build(MatchKind::LeftmostFirst),
            every: build(MatchKind::Standard),
        }
    }

    /// Which cues occur in `text`, anywhere (inside longer words too): bit `i` for the `i`th.
    pub(crate) fn present(&self, text: &str) -> u64 {
        self.every
            .find_overlapping_iter(text)
            .fold(0, |bits, m| bits | 1 << m.pattern().as_usize())
    }

    /// Whether a cue occurs in `text` as a whole word: between Unicode word boundaries, as
    /// `\b(?:…)\b` has it.
    pub(crate) fn has_word(&self, text: &str) -> bool {
        let mut from = 0;
        while let Some(m) = self.first.find(Input::new(text).span(from..text.len())) {
            let before = text[..m.start()].chars().next_back();
            let after = text[m.end()..].chars().next();
            if !before.is_some_and(regex_syntax::is_word_character)
                && !after.is_some_and(regex_syntax::is_word_character)
            {
                return true;
            }
            // A cue starting inside this one is looked for too (no other starts here).
            from = m.start() + text[m.start()..].chars().next().map_or(1, char::len_utf8);
        }
        false
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use regex::Regex;

    #[test]
    fn words_are_found_whole_in_any_ascii_case() {
        let cues = CueWords::new(&["again", "another", "follow-up"]);
        assert!(cues.has_word("He wrote AGAIN, “…”"));
        assert!(cues.has_word("“Yes,” — again."));
        assert!(cues.has_word("a follow-up note"));
        assert!(!cues.has_word("against the odds, anothers"));
        assert!(!cues.has_word("éagain and againé"));
        assert!(!cues.has_word(""));
        let overlapping = CueWords::new(&["again", "next"]);
        assert!(overlapping.has_word("againext next"));
        assert!(!overlapping.has_word("againext"));
    }

    #[test]
    #[should_panic(expected = "tweet and tweeted")]
    fn a_cue_may_not_start_another() {
        CueWords::new(&["tweet", "tweeted"]);
    }

    #[test]
    fn presence_reports_every_cue_overlapping_or_inside_words() {
        let cues = CueWords::new(&["tweet", "retweet", "dm", "mail"]);
        assert_eq!(cues.present("He retweeted an admission by e-mail"), 0b1111);
        assert_eq!(cues.present("nothing here"), 0);
    }

    #[test]
    fn agrees_with_the_unicode_regex_on_word_boundaries() {
        let words = ["again", "later", "next", "replied"];
        let cues = CueWords::new(&words);
        let regex = Regex::new(&format!(r"(?i)\b(?:{})\b", words.join("|"))).expect("regex");
        for text in [
            "“Later,” he said.",
            "the nextday",
            "next—",
            "_again",
            "again_",
            "x́again",
            "Ünext",
            "replied’s",
            "REPLIED",
            "two minutes later…",
            "a̱gain",
            "later\u{200D}",
        ] {
            assert_eq!(cues.has_word(text), regex.is_match(text), "{text:?}");
        }
    }

    proptest::proptest! {
        #[test]
        fn agrees_with_the_regex_on_any_text(pieces in proptest::collection::vec(
            proptest::prop_oneof![
                proptest::strategy::Just("again"), proptest::strategy::Just("AGAIN"),
                proptest::strategy::Just("next"), proptest::strategy::Just("follow-up"),
                proptest::strategy::Just("ag"), proptest::strategy::Just("ain"),
                proptest::strategy::Just(" "), proptest::strategy::Just("-"),
                proptest::strategy::Just("é"), proptest::strategy::Just("“"),
                proptest::strategy::Just("_"), proptest::strategy::Just("\u{301}"),
                proptest::strategy::Just("7"), proptest::strategy::Just("x"),
            ],
            0..12,
        )) {
            let words = ["again", "next", "follow-up"];
            let regex = Regex::new(&format!(r"(?i)\b(?:{})\b", words.join("|"))).expect("regex");
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(CueWords::new(&words).has_word(&text), regex.is_match(&text));
        }
    }

    #[test]
    fn folding_characters_are_reported() {
        assert!(folds_to_ascii("reſponded"));
        assert!(folds_to_ascii("\u{212A}elvin"));
        assert!(!folds_to_ascii("responded, Kelvin"));
    }
}
