//! The words around a date phrase, shared by the scanner's families: the lexicon (months,
//! weekdays, counts) and the checks on the text next to a match ("on" before it, "leak" after
//! it, a capitalized word, the start of a sentence).

use chrono::Weekday;
use regex::Regex;

use super::{DateExpr, DateMention};

/// Month names for the regexes, full names before abbreviations ("sept" before "sep").
pub(super) const MONTHS: &str = "january|february|march|april|may|june|july|august|september|\
    october|november|december|jan|feb|mar|apr|jun|jul|aug|sept|sep|oct|nov|dec";
pub(super) const WEEKDAYS: &str = "monday|tuesday|wednesday|thursday|friday|saturday|sunday";
/// Counts written as words, compounds ("twenty-five") first.
pub(super) const NUMBER_WORDS: &str = "(?:twenty|thirty|forty|fifty)[\\s-]\
    (?:one|two|three|four|five|six|seven|eight|nine)|one|two|three|four|five|six|seven|eight|\
    nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|\
    twenty|thirty|forty|fifty|sixty";
/// Plausible years for a news archive. Four-digit numbers outside are not taken as years.
pub(super) const YEARS: std::ops::RangeInclusive<i32> = 1800..=2199;
/// Larger counts ("99999999999 days later") are not time offsets: no mention.
pub(super) const MAX_COUNT: f64 = 100_000.0;

pub(super) fn re(pattern: &str) -> Regex {
    Regex::new(pattern).expect("date regex is valid")
}

/// Lowercase words that may follow a weekday or a year used as a date ("on Tuesday that",
/// "in 2016 and"), as opposed to a noun it would modify ("this Wednesday leak").
#[rustfmt::skip]
pub(super) const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "that", "this", "these", "those", "and", "or", "but", "nor", "to", "in", "at",
    "on", "of", "for", "with", "as", "after", "before", "when", "while", "following", "by", "from",
    "into", "amid", "during", "until", "since", "he", "she", "it", "they", "we", "i", "you", "his",
    "her", "its", "their", "our", "my", "was", "were", "is", "are", "had", "has", "have", "will",
    "would", "could", "should", "did", "does", "said", "says", "told", "so", "then", "where",
    "which", "who", "whose", "not", "also", "there", "ahead", "against", "over", "under", "up",
    "if", "than", "about", "around", "because", "once", "via", "per", "both", "either", "just",
    "only", "even", "already", "again", "last", "next",
];

#[derive(Clone, Copy, PartialEq)]
pub(super) enum Lean {
    Exact,
    Approx,
    Before,
    After,
}

pub(super) fn mention(start: usize, end: usize, expr: DateExpr) -> DateMention {
    DateMention {
        range: start..end,
        expr,
        tense: super::Tense::Neutral,
    }
}

/// Whether `pos` starts a sentence (or a heading, a quotation, a parenthesis).
fn at_sentence_start(text: &str, pos: usize) -> bool {
    let before = &text[..pos];
    let trimmed = before.trim_end();
    if trimmed.len() < before.len() && before[trimmed.len()..].contains('\n') {
        return true;
    }
    match trimmed.chars().next_back() {
        None => true,
        Some(c) => matches!(
            c,
            '.' | '!'
                | '?'
                | '"'
                | '“'
                | '”'
                | '‘'
                | '’'
                | '\''
                | '('
                | '['
                | ':'
                | ';'
                | '—'
                | '–'
                | '-'
                | '|'
                | '*'
                | '•'
        ),
    }
}

/// A capitalized phrase in the middle of a sentence is a name or a title ("the BBC's Today
/// programme", "Midnight Express", "28 Days Later"), not a date.
pub(super) fn capitalized_mid_sentence(text: &str, start: usize) -> bool {
    starts_upper(&text[start..]) && !at_sentence_start(text, start)
}

pub(super) fn starts_upper(s: &str) -> bool {
    s.bytes().next().is_some_and(|b| b.is_ascii_uppercase())
}

pub(super) fn month_number(s: &str) -> Option<u32> {
    let p = s.get(..3)?.to_ascii_lowercase();
    Some(match p.as_str() {
        "jan" => 1,
        "feb" => 2,
        "mar" => 3,
        "apr" => 4,
        "may" => 5,
        "jun" => 6,
        "jul" => 7,
        "aug" => 8,
        "sep" => 9,
        "oct" => 10,
        "nov" => 11,
        "dec" => 12,
        _ => return None,
    })
}

pub(super) fn is_full_month(s: &str) -> bool {
    const FULL: [&str; 12] = [
        "january",
        "february",
        "march",
        "april",
        "may",
        "june",
        "july",
        "august",
        "september",
        "october",
        "november",
        "december",
    ];
    FULL.iter().any(|f| s.eq_ignore_ascii_case(f))
}

pub(super) fn weekday_of(s: &str) -> Option<Weekday> {
    let p = s.get(..3)?.to_ascii_lowercase();
    Some(match p.as_str() {
        "mon" => Weekday::Mon,
        "tue" => Weekday::Tue,
        "wed" => Weekday::Wed,
        "thu" => Weekday::Thu,
        "fri" => Weekday::Fri,
        "sat" => Weekday::Sat,
        "sun" => Weekday::Sun,
        _ => return None,
    })
}

pub(super) fn parse_year(s: &str) -> Option<i32> {
    s.parse::<i32>().ok().filter(|y| YEARS.contains(y))
}

pub(super) fn valid_day(year: Option<i32>, month: u32, day: Option<u32>) -> bool {
    match (year, day) {
        (_, None) => (1..=12).contains(&month),
        (Some(y), Some(d)) => chrono::NaiveDate::from_ymd_opt(y, month, d).is_some(),
        // Without a year, February 29 is allowed (a leap year may be chosen on resolution).
        (None, Some(d)) => chrono::NaiveDate::from_ymd_opt(2000, month, d).is_some(),
    }
}

/// "1,400", "$20", "3.5": a number glued to the one at `pos`.
pub(super) fn numeric_before(text: &str, pos: usize) -> bool {
    let mut it = text[..pos].chars().rev();
    match it.next() {
        Some('$' | '£' | '€' | '#' | '¥') => true,
        Some(',' | '.' | ':' | '/' | '-') => it.next().is_some_and(|c| c.is_ascii_digit()),
        Some(c) => c.is_alphanumeric(),
        None => false,
    }
}

/// The run of ASCII letters that ends right before `pos`, separated from it by whitespace.
pub(super) fn prev_word(text: &str, pos: usize) -> Option<(usize, &str)> {
    let before = &text[..pos];
    let trimmed = before.trim_end();
    if trimmed.len() == before.len() {
        return None;
    }
    let bytes = trimmed.as_bytes();
    let mut s = trimmed.len();
    while s > 0 && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    if s == trimmed.len() {
        return None;
    }
    if trimmed[..s]
        .chars()
        .next_back()
        .is_some_and(|c| c.is_alphanumeric() || c == '\'' || c == '’' || c == '-')
    {
        return None;
    }
    Some((s, &trimmed[s..]))
}

/// Matches one of `phrases` (whole words, case-insensitive) ending right before `pos`;
/// phrases are tried in order, so longer ones must come first.
pub(super) fn strip_prefix<T: Copy>(
    text: &str,
    pos: usize,
    phrases: &[(&[&str], T)],
) -> Option<(usize, T)> {
    'outer: for (phrase, value) in phrases {
        let mut p = pos;
        for w in phrase.iter().rev() {
            match prev_word(text, p) {
                Some((s, word)) if word.eq_ignore_ascii_case(w) => p = s,
                _ => continue 'outer,
            }
        }
        return Some((p, *value));
    }
    None
}

/// Includes a neutral preposition ("on", "in", "at") before a phrase in its range.
pub(super) fn extend_prep(text: &str, start: usize) -> usize {
    match prev_word(text, start) {
        Some((s, w))
            if w.eq_ignore_ascii_case("on")
                || w.eq_ignore_ascii_case("in")
                || w.eq_ignore_ascii_case("at") =>
        {
            s
        }
        _ => start,
    }
}

/// Includes "Tuesday, " before "8 November 2016".
pub(super) fn extend_weekday_before(text: &str, start: usize) -> usize {
    let before = text[..start].trim_end();
    let before = before.strip_suffix(',').unwrap_or(before).trim_end();
    if before.len() == start {
        return start;
    }
    let bytes = before.as_bytes();
    let mut s = before.len();
    while s > 0 && bytes[s - 1].is_ascii_alphabetic() {
        s -= 1;
    }
    let word = &before[s..];
    let boundary = before[..s]
        .chars()
        .next_back()
        .is_none_or(|c| !c.is_alphanumeric());
    if boundary && starts_upper(word) && is_weekday_name(word) {
        s
    } else {
        start
    }
}

fn is_weekday_name(s: &str) -> bool {
    WEEKDAYS.split('|').any(|w| s.eq_ignore_ascii_case(w))
}

pub(super) enum Follow<'a> {
    End,
    Punct,
    Possessive,
    Word(&'a str),
    Other(char),
}

/// What comes right after a phrase ending at `end`.
pub(super) fn follow(text: &str, end: usize) -> Follow<'_> {
    let rest = &text[end..];
    let mut chars = rest.chars();
    let Some(c) = chars.next() else {
        return Follow::End;
    };
    if c.is_whitespace() {
        let t = rest.trim_start();
        let Some(d) = t.chars().next() else {
            return Follow::End;
        };
        if d.is_ascii_alphabetic() {
            let n = t.bytes().take_while(|b| b.is_ascii_alphabetic()).count();
            return Follow::Word(&t[..n]);
        }
        let mut tc = t.chars();
        tc.next();
        return if is_punct(d, tc.next()) {
            Follow::Punct
        } else {
            Follow::Other(d)
        };
    }
    let next = chars.next();
    if (c == '\'' || c == '’') && matches!(next, Some('s' | 'S')) {
        return if chars.next().is_none_or(|x| !x.is_alphanumeric()) {
            Follow::Possessive
        } else {
            Follow::Other(c)
        };
    }
    if is_punct(c, next) {
        Follow::Punct
    } else {
        Follow::Other(c)
    }
}

fn is_punct(c: char, next: Option<char>) -> bool {
    match c {
        ',' | '.' | ':' => !next.is_some_and(|n| n.is_ascii_digit()),
        '-' => next.is_none_or(|n| n.is_whitespace()),
        ';' | '!' | '?' | '(' | ')' | '[' | ']' | '{' | '}' | '"' | '“' | '”' | '‘' | '’'
        | '\'' | '«' | '»' | '—' | '–' | '…' => true,
        _ => false,
    }
}

/// A calendar date may be followed by anything but a glued number or word ("May 10-month",
/// "October 1,400", "2016-09-20-01").
pub(super) fn date_follow_ok(text: &str, end: usize) -> bool {
    match follow(text, end) {
        Follow::End | Follow::Punct | Follow::Word(_) | Follow::Possessive => true,
        // Something unexpected after a space (a digit, a non-ASCII letter) is another word.
        Follow::Other(_) => text[end..].starts_with(char::is_whitespace),
    }
}

/// A bare year must be followed by the end, punctuation, a capitalized word or a function
/// word: "in 2016, the", "since 2014 and"; not "in 2000 cases", "2016-17", "2,225".
pub(super) fn year_follow_ok(text: &str, end: usize) -> bool {
    match follow(text, end) {
        Follow::End | Follow::Punct => !text[end..].starts_with(['-', '/']),
        Follow::Word(w) => {
            starts_upper(w) || FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
        }
        Follow::Possessive | Follow::Other(_) => false,
    }
}

/// For "the day before", "two days after": the phrase must end here (punctuation or end of
/// text), or be followed by "that" and then end ("two days after that,"). Returns the end of
/// the phrase.
pub(super) fn standalone_end(text: &str, end: usize) -> Option<usize> {
    match follow(text, end) {
        Follow::End | Follow::Punct => Some(end),
        Follow::Word(w) if w.eq_ignore_ascii_case("that") => {
            let off = text[end..].find(|c: char| !c.is_whitespace())?;
            let e = end + off + 4;
            match follow(text, e) {
                Follow::End | Follow::Punct => Some(e),
                _ => None,
            }
        }
        _ => None,
    }
}

/// A count as written: digits, "1.5", number words, "a", "an", "a couple of", "a few".
/// The flag is true for vague counts ("a few", "several").
pub(super) fn parse_count(s: &str) -> Option<(f64, bool)> {
    let lower = s.to_ascii_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| c.is_whitespace() || c == '-')
        .filter(|w| !w.is_empty())
        .collect();
    if let [only] = words.as_slice()
        && only.bytes().all(|b| b.is_ascii_digit() || b == b'.')
    {
        let v: f64 = only.parse().ok()?;
        return (v.is_finite() && v <= MAX_COUNT).then_some((v, false));
    }
    let unit = |w: &str| -> Option<f64> {
        Some(match w {
            "a" | "an" | "one" => 1.0,
            "two" => 2.0,
            "three" => 3.0,
            "four" => 4.0,
            "five" => 5.0,
            "six" => 6.0,
            "seven" => 7.0,
            "eight" => 8.0,
            "nine" => 9.0,
            "ten" => 10.0,
            "eleven" => 11.0,
            "twelve" => 12.0,
            "thirteen" => 13.0,
            "fourteen" => 14.0,
            "fifteen" => 15.0,
            "sixteen" => 16.0,
            "seventeen" => 17.0,
            "eighteen" => 18.0,
            "nineteen" => 19.0,
            "twenty" => 20.0,
            "thirty" => 30.0,
            "forty" => 40.0,
            "fifty" => 50.0,
            "sixty" => 60.0,
            _ => return None,
        })
    };
    match words.as_slice() {
        ["a", "couple", ..] | ["couple", ..] => Some((2.0, true)),
        ["a", "few"] => Some((3.0, true)),
        ["a", "handful", ..] => Some((4.0, true)),
        ["several"] => Some((3.0, true)),
        ["half", _] => Some((0.5, false)),
        [tens, ones] => {
            let (t, o) = (unit(tens)?, unit(ones)?);
            (t >= 20.0 && o < 10.0).then_some((t + o, false))
        }
        [w] => Some((unit(w)?, false)),
        _ => None,
    }
}
