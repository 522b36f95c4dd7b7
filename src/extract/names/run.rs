//! Runs of capitalised words, found by hand: the words a name can be made of, with "Jr."/"Sr."
//! (", Jr." too) and particles ("de", "van") joining the run.
//!
//! It finds exactly what the regex in the tests finds (leftmost-first, as the `regex` crate
//! does). Every paragraph and every sentence is read for names, twice over (the census, then
//! the walker): the regex's lazy DFA over Unicode letter classes, and the reverse search for
//! each match's start, were ~14% of the instructions of opening a case.

use std::sync::LazyLock;

/// Words that join two capitalised words into one name ("Charles de Gaulle").
const PARTICLES: &[&str] = &[
    "de", "da", "del", "van", "von", "der", "bin", "al", "la", "le", "di",
];

/// Byte ranges of every run of capitalised words in `text`, left to right, not overlapping.
pub(super) fn name_runs(text: &str) -> impl Iterator<Item = std::ops::Range<usize>> + '_ {
    let bytes = text.as_bytes();
    let mut at = 0;
    std::iter::from_fn(move || {
        let start = at + bytes[at..].iter().position(u8::is_ascii_uppercase)?;
        let end = run_end(text, start);
        at = end;
        Some(start..end)
    })
}

/// Where the run starting with the capital at `start` ends.
fn run_end(text: &str, start: usize) -> usize {
    let bytes = text.as_bytes();
    let mut end = word_end(text, start);
    loop {
        // A generational suffix, with or without a comma: " Jr", ", Sr." (and, as the
        // pattern always had it, " Jrs" stops after "Jr").
        let space = end + usize::from(bytes.get(end) == Some(&b','));
        if bytes.get(space) == Some(&b' ')
            && matches!(bytes.get(space + 1..space + 3), Some([b'J' | b'S', b'r']))
        {
            end = space + 3;
            if bytes.get(end) == Some(&b'.') {
                end += 1;
            }
            continue;
        }
        if bytes.get(end) != Some(&b' ') {
            return end;
        }
        // A particle between two names: " de Gaulle" (the name after it takes no
        // hyphen, apostrophe or full stop).
        let after = &text[end + 1..];
        if let Some(p) = PARTICLES.iter().find(|p| {
            after.starts_with(**p)
                && after.as_bytes().get(p.len()) == Some(&b' ')
                && after
                    .as_bytes()
                    .get(p.len() + 1)
                    .is_some_and(u8::is_ascii_uppercase)
        }) {
            end = letters_end(text, end + 1 + p.len() + 2);
            continue;
        }
        if bytes.get(end + 1).is_some_and(u8::is_ascii_uppercase) {
            end = word_end(text, end + 1);
            continue;
        }
        return end;
    }
}

/// The end of one capitalised word from its capital at `start`: letters and digits, pieces
/// joined by a hyphen, an apostrophe or a full stop ("O’Brien", "U.S"), and one full stop.
fn word_end(text: &str, start: usize) -> usize {
    let mut end = letters_end(text, start + 1);
    loop {
        let rest = &text[end..];
        let joint = match rest.as_bytes().first() {
            Some(b'-' | b'\'' | b'.') => 1,
            _ if rest.starts_with('’') => '’'.len_utf8(),
            _ => break,
        };
        let piece = letters_end(text, end + joint);
        if piece == end + joint {
            break;
        }
        end = piece;
    }
    if text.as_bytes().get(end) == Some(&b'.') {
        end += 1;
    }
    end
}

/// The end of the letters and digits from `at`.
fn letters_end(text: &str, at: usize) -> usize {
    text[at..]
        .char_indices()
        .find(|&(_, c)| !is_letter_or_digit(c))
        .map_or(text.len(), |(i, _)| at + i)
}

/// A letter (`\p{L}`) or a decimal digit (`\p{Nd}`), as the regex classes had them.
fn is_letter_or_digit(c: char) -> bool {
    if c.is_ascii() {
        return c.is_ascii_alphanumeric();
    }
    static RANGES: LazyLock<Vec<(char, char)>> = LazyLock::new(|| {
        let hir = regex_syntax::parse(r"[\p{L}\p{Nd}]").expect("letter class");
        match hir.kind() {
            regex_syntax::hir::HirKind::Class(regex_syntax::hir::Class::Unicode(class)) => class
                .ranges()
                .iter()
                .map(|r| (r.start(), r.end()))
                .collect(),
            _ => unreachable!("a bracketed class parses to a class"),
        }
    });
    let i = RANGES.partition_point(|&(_, end)| end < c);
    RANGES.get(i).is_some_and(|&(start, _)| start <= c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use regex::Regex;

    /// The pattern this module replaces: the oracle.
    fn oracle() -> Regex {
        Regex::new(
            r"(?x)
            (?:[A-Z][\p{L}\d]*(?:[-'’.][\p{L}\d]+)*\.?|[A-Z]\.)
            (?:
                (?:,?\x20(?:Jr|Sr)\.?)
              | (?:\x20(?:de|da|del|van|von|der|bin|al|la|le|di)\x20[A-Z][\p{L}\d]*)
              | (?:\x20(?:[A-Z][\p{L}\d]*(?:[-'’.][\p{L}\d]+)*\.?|[A-Z]\.))
            )*",
        )
        .expect("oracle")
    }

    fn runs(text: &str) -> Vec<&str> {
        name_runs(text).map(|r| &text[r]).collect()
    }

    fn expected<'t>(re: &Regex, text: &'t str) -> Vec<&'t str> {
        re.find_iter(text).map(|m| m.as_str()).collect()
    }

    #[test]
    fn reads_names_with_suffixes_particles_and_joints() {
        let text = "Donald Trump Jr., Charles de Gaulle's aide, Ms O’Brien-Smith, \
                    U.S. Sen. Bob Roe, Sr. and iPhone maker Apple.";
        assert_eq!(
            runs(text),
            [
                "Donald Trump Jr.",
                "Charles de Gaulle",
                "Ms O’Brien-Smith",
                "U.S. Sen. Bob Roe, Sr.",
                "Phone",
                "Apple."
            ]
        );
        assert_eq!(runs(text), expected(&oracle(), text));
    }

    #[test]
    fn agrees_with_the_pattern_on_awkward_text() {
        let re = oracle();
        for text in [
            "Smith Jrabc",
            "Smith, Jones",
            "A. B. C.",
            "Élise Roe",
            "Roe Élise",
            "X.-Y",
            "José Müller٣ Ünal",
            "de Gaulle",
            "Van de Graaff",
            "Al bin Laden",
            "Ab'",
            "Ab’",
            "Ab’c’d.",
            "Jr Jr Jr",
            "Ab..Cd",
            "T",
            "",
            "a b c",
            "Le Pen",
            "M. le Pen",
            "Roe, Sr.Jr",
            "Anne-",
            "Q’",
            "Abc ‘Def’ Ghi",
            "ÀB",
            "ǅemal",
            "Ab\u{2019}\u{301}",
        ] {
            assert_eq!(runs(text), expected(&re, text), "{text:?}");
        }
    }

    proptest! {
        #[test]
        fn agrees_with_the_pattern(pieces in proptest::collection::vec(
            prop_oneof![
                Just("A"), Just("b"), Just("Jr"), Just("Sr"), Just("de"), Just("van"),
                Just(" "), Just(","), Just("."), Just("-"), Just("'"), Just("’"), Just("é"),
                Just("É"), Just("٣"), Just("7"), Just("\u{301}"), Just("“"), Just("Q"),
            ],
            0..24,
        )) {
            let text: String = pieces.concat();
            prop_assert_eq!(runs(&text), expected(&oracle(), &text));
        }
    }
}
