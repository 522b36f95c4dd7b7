//! Text normalisation shared by extraction, matching and search.
//!
//! Outlets quote the same message with different punctuation, case, apostrophes, "[sic]",
//! brackets and ellipses. Matching works on word tokens that erase those differences, and each
//! token keeps its byte range so a match can be shown in the source's own words.

pub mod clean;

pub use clean::{CleanWriter, has_unsafe, is_unsafe, printable};

use std::ops::Range;

/// One normalised word of a text, with where it stands in that text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Token {
    /// Lower-case letters and digits only ("It’d" -> "itd").
    pub norm: String,
    /// Byte range of the word as written, offset by the `base` given to `tokenize`.
    pub range: Range<usize>,
}

/// Splits `text` into normalised word tokens; `base` is added to every range. Editorial
/// insertions "[sic]" are dropped; bracketed words otherwise count ("[Washington,] DC").
pub fn tokenize(text: &str, base: usize) -> Vec<Token> {
    let mut tokens = Vec::new();
    for_each_word(text, |start, end| {
        let written = &text[start..end];
        // Most words are ASCII letters and digits alone: lowercased in one go.
        let norm = if written.bytes().all(|b| b.is_ascii_alphanumeric()) {
            written.to_ascii_lowercase()
        } else {
            let mut norm = String::with_capacity(end - start);
            for c in written.chars().filter(|c| c.is_alphanumeric()) {
                if c.is_ascii() {
                    norm.push(c.to_ascii_lowercase());
                } else {
                    norm.extend(c.to_lowercase());
                }
            }
            norm
        };
        if !(norm == "sic" && bracketed(text, start, end)) {
            tokens.push(Token {
                norm,
                range: base + start..base + end,
            });
        }
    });
    tokens
}

/// Calls `word` with the byte range of every word of `text`: a run of letters and digits,
/// through apostrophes between them ("don’t" is one word). ASCII bytes are classed as bytes;
/// only other characters are decoded (every quote and paragraph is tokenized for matching).
fn for_each_word(text: &str, mut word: impl FnMut(usize, usize)) {
    let bytes = text.as_bytes();
    let mut start: Option<usize> = None;
    let mut i = 0;
    while i < bytes.len() {
        // A run of ASCII letters and digits at once.
        if bytes[i].is_ascii_alphanumeric() {
            start.get_or_insert(i);
            i += 1;
            while bytes.get(i).is_some_and(u8::is_ascii_alphanumeric) {
                i += 1;
            }
            continue;
        }
        let (alphanumeric, apostrophe, len) = char_class(text, i);
        let next = i + len;
        if alphanumeric {
            start.get_or_insert(i);
        } else if apostrophe && start.is_some() && next < bytes.len() && char_class(text, next).0 {
            // "don’t" stays one word, written the same with either apostrophe.
        } else if let Some(s) = start.take() {
            word(s, i);
        }
        i = next;
    }
    if let Some(s) = start {
        word(s, text.len());
    }
}

/// Whether the character at byte `i` of `text` is alphanumeric, whether it is an apostrophe,
/// and its length in bytes.
#[inline]
fn char_class(text: &str, i: usize) -> (bool, bool, usize) {
    let b = text.as_bytes()[i];
    if b.is_ascii() {
        (b.is_ascii_alphanumeric(), b == b'\'', 1)
    } else {
        let c = text[i..].chars().next().unwrap_or_default();
        (c.is_alphanumeric(), is_apostrophe(c), c.len_utf8())
    }
}

/// Whether the word at `start..end` stands in brackets on its own ("[sic]").
fn bracketed(text: &str, start: usize, end: usize) -> bool {
    text[..start].ends_with('[') && text[end..].starts_with(']')
}

/// The next character from `from` that may be a double quotation mark (with `apostrophes`, a
/// `'` too). Found by the bytes the marks start with ('"', '\'', 0xC2 for « », 0xE2 for “ ” „),
/// not by decoding every character: every paragraph is read for quotes several times over
/// (sentence splitting, quote finding), and walking it char by char was ~5% of opening a case.
pub(crate) fn next_mark(text: &str, from: usize, apostrophes: bool) -> Option<(usize, char)> {
    let bytes = text.as_bytes();
    let mut at = from;
    loop {
        let hit = at
            + if apostrophes {
                bytes[at..]
                    .iter()
                    .position(|b| matches!(b, b'"' | b'\'' | 0xC2 | 0xE2))?
            } else {
                memchr::memchr3(b'"', 0xC2, 0xE2, &bytes[at..])?
            };
        let c = text[hit..].chars().next()?;
        if matches!(c, '"' | '“' | '”' | '„' | '«' | '»') || (apostrophes && c == '\'') {
            return Some((hit, c));
        }
        at = hit + c.len_utf8();
    }
}

/// An ASCII byte that is white space to Unicode (and so to `char::is_whitespace` and a regex's
/// `\s`): space, tab, line feed, vertical tab, form feed, carriage return.
pub(crate) fn is_ascii_white_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t'..=b'\r')
}

/// Apostrophes and the right single quote that typesetters use for them.
pub fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’' | 'ʼ')
}

/// The normalised words of `text`, joined by single spaces.
pub fn normalize(text: &str) -> String {
    let tokens = tokenize(text, 0);
    let mut out = String::with_capacity(text.len());
    for (i, t) in tokens.iter().enumerate() {
        if i > 0 {
            out.push(' ');
        }
        out.push_str(&t.norm);
    }
    out
}

/// Collapses runs of white space (including the newlines of hard-wrapped text) to one space.
pub fn collapse_whitespace(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut pending_space = false;
    for c in text.chars() {
        if c.is_whitespace() {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// 64-bit FNV-1a: a hash that is the same on every machine and every run, for stable ids.
pub fn fnv1a(bytes: &[u8]) -> u64 {
    fnv1a_continue(0xcbf2_9ce4_8422_2325, bytes)
}

/// Feeds more bytes into an FNV-1a hash: `fnv1a_continue(fnv1a(a), b) == fnv1a(a ++ b)`.
pub fn fnv1a_continue(mut hash: u64, bytes: &[u8]) -> u64 {
    for b in bytes {
        hash ^= u64::from(*b);
        hash = hash.wrapping_mul(0x0100_0000_01b3);
    }
    hash
}

/// The first `words` words of `s`, white space collapsed, with an ellipsis when cut: for
/// labels and summaries.
pub fn clip(s: &str, words: usize) -> String {
    // Only the words kept are read: a note may be hundreds of megabytes.
    let mut all = s.split_whitespace();
    let head: Vec<&str> = all.by_ref().take(words).collect();
    if all.next().is_none() {
        head.join(" ")
    } else {
        format!("{} …", head.join(" "))
    }
}

/// Number of words, for "how long is this quote" decisions: the words [`tokenize`] keeps,
/// counted without building them (every quote is measured).
pub fn word_count(text: &str) -> usize {
    let mut count = 0;
    for_each_word(text, |start, end| {
        let sic = bracketed(text, start, end)
            && text[start..end]
                .chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .eq("sic".chars());
        count += usize::from(!sic);
    });
    count
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The plain char-by-char tokenizer the byte-classing one must agree with.
    fn tokenize_by_chars(text: &str) -> Vec<Token> {
        let mut words = Vec::new();
        let mut start: Option<usize> = None;
        let mut chars = text.char_indices().peekable();
        while let Some((i, c)) = chars.next() {
            let joins_word = is_apostrophe(c)
                && start.is_some()
                && chars.peek().is_some_and(|&(_, n)| n.is_alphanumeric());
            if c.is_alphanumeric() {
                start.get_or_insert(i);
            } else if !joins_word && let Some(s) = start.take() {
                words.push((s, i));
            }
        }
        if let Some(s) = start {
            words.push((s, text.len()));
        }
        words
            .into_iter()
            .map(|(start, end)| Token {
                norm: text[start..end]
                    .chars()
                    .filter(|c| c.is_alphanumeric())
                    .flat_map(char::to_lowercase)
                    .collect(),
                range: start..end,
            })
            .filter(|t| !(t.norm == "sic" && bracketed(text, t.range.start, t.range.end)))
            .collect()
    }

    proptest::proptest! {
        #[test]
        fn tokenize_agrees_with_the_char_by_char_reading(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "a", "Z", "7", "don", "’", "'", "ʼ", "t", " ", "-", "[", "]", "sic", "SIC", "é",
                "É", "İ", "ß", "ǅ", "«", "“", "\u{301}", "٣", "_", ",", "\n", "\u{a0}", "日本",
            ]),
            0..16,
        )) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(tokenize(&text, 0), tokenize_by_chars(&text));
        }
    }

    #[test]
    fn word_count_counts_what_tokenize_keeps() {
        for text in [
            "",
            "don’t stop",
            "[sic] it was [SIC] so [si’c] [Washington,] DC",
            "a - b ' c'",
            "Élan 42 x'y' ’tis",
            "[sic]",
            "sic] [sic",
            "«Tu» ʼn",
        ] {
            assert_eq!(word_count(text), tokenize(text, 0).len(), "{text:?}");
        }
    }

    #[test]
    fn tokens_erase_case_punctuation_and_apostrophe_style() {
        assert_eq!(
            normalize("Hiya, it’d be great if you guys could comment on/push this story"),
            normalize("Hiya. It'd be great if you guys could comment on / push this story")
        );
    }

    #[test]
    fn sic_is_dropped_but_other_brackets_keep_their_words() {
        assert_eq!(
            normalize("some of your follows [sic] will"),
            "some of your follows will"
        );
        assert_eq!(
            normalize("ambassador to [Washington,] DC"),
            "ambassador to washington dc"
        );
    }

    #[test]
    fn token_ranges_point_at_the_words_as_written() {
        let text = "“Off the record I don’t know”";
        let tokens = tokenize(text, 10);
        let dont = &tokens[4];
        assert_eq!(dont.norm, "dont");
        assert_eq!(&text[dont.range.start - 10..dont.range.end - 10], "don’t");
    }

    #[test]
    fn trailing_apostrophe_is_not_part_of_the_word() {
        let tokens = tokenize("the Clintons’ plans", 0);
        assert_eq!(tokens[1].norm, "clintons");
        assert_eq!(tokens[2].norm, "plans");
    }

    #[test]
    fn whitespace_of_wrapped_lines_collapses() {
        assert_eq!(collapse_whitespace("  a\n    b  c\n"), "a b c");
    }

    #[test]
    fn fnv_is_fixed() {
        assert_eq!(fnv1a(b""), 0xcbf2_9ce4_8422_2325);
        assert_eq!(fnv1a(b"a"), 0xaf63_dc4c_8601_ec8c);
    }
}
