//! Scanning: finding date and time phrases in running text.
//!
//! Each family of phrases (month-day-year, day-month-year, ISO dates, parts of months, bare
//! years, clock times, counted offsets such as "two days later", fixed relative phrases such as
//! "the next morning", weekdays) has one regex, compiled once. A regex only finds the core of a
//! phrase; the words around it ("on", "just before the stroke of", "more than", "last") and the
//! context that decides whether the core is a date at all ("this Wednesday leak", "three days
//! after The New York Times broke the story", "2,225 files") are checked by hand, on ASCII words
//! next to the match. Candidates from all families are then made non-overlapping, longest first,
//! and a clock time written right next to a calendar date ("at 9:29 am on July 11") is merged
//! into that date.
use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, MatchKind};

use super::calendar::{scan_dmy, scan_iso, scan_mdy, scan_part, scan_year};
use super::clock::scan_time;
use super::named::scan_named;
use super::relative::{scan_count, scan_fixed, scan_weekday};
use super::{DateExpr, DateMention};
use crate::text::is_ascii_white_space;

const G_DIGIT: u16 = 1;
const G_MONTH: u16 = 2;
const G_PART: u16 = 4;
const G_CLOCK: u16 = 8;
const G_DIRECTION: u16 = 16;
const G_DAY: u16 = 32;
const G_DAY_PART: u16 = 64;
const G_UNIT: u16 = 128;
const G_WEEKDAY: u16 = 256;
const G_NAMED: u16 = 512;

/// Words whose presence lets a family of regexes run: most sentences hold no digit and few of
/// these words, and then few or no regexes run. A word counts only at the start of a word (a
/// family's regex has it after `\b` or whitespace), in any ASCII case; a month or a weekday only
/// capitalised, as the families keep them. So a family's gate holds whenever it can find
/// anything, and gating changes nothing but the time (a proptest checks it).
const GATE_WORDS: &[(&str, u16)] = &[
    ("jan", G_MONTH),
    ("feb", G_MONTH),
    ("mar", G_MONTH),
    ("apr", G_MONTH),
    ("may", G_MONTH),
    ("jun", G_MONTH),
    ("jul", G_MONTH),
    ("aug", G_MONTH),
    ("sep", G_MONTH),
    ("oct", G_MONTH),
    ("nov", G_MONTH),
    ("dec", G_MONTH),
    ("midnight", G_CLOCK),
    ("midday", G_CLOCK),
    ("noon", G_CLOCK),
    // "mid" also opens "middle of".
    ("mid", G_PART),
    ("early", G_PART),
    ("late", G_PART),
    ("beginning", G_PART),
    ("start", G_PART),
    ("end", G_PART),
    // "after" also opens "afterwards", "before" "beforehand".
    ("later", G_DIRECTION),
    ("after", G_DIRECTION),
    ("before", G_DIRECTION),
    ("earlier", G_DIRECTION),
    ("prior", G_DIRECTION),
    ("previously", G_DIRECTION),
    ("on", G_DIRECTION),
    ("day", G_DAY),
    ("morning", G_DAY_PART),
    ("afternoon", G_DAY_PART),
    ("evening", G_DAY_PART),
    ("night", G_DAY_PART),
    ("today", G_DAY_PART),
    ("tonight", G_DAY_PART),
    ("tomorrow", G_DAY_PART),
    ("yesterday", G_DAY_PART),
    ("sec", G_UNIT),
    ("min", G_UNIT),
    ("hour", G_UNIT),
    ("hr", G_UNIT),
    ("week", G_UNIT),
    ("month", G_UNIT),
    ("year", G_UNIT),
    ("monday", G_WEEKDAY),
    ("tuesday", G_WEEKDAY),
    ("wednesday", G_WEEKDAY),
    ("thursday", G_WEEKDAY),
    ("friday", G_WEEKDAY),
    ("saturday", G_WEEKDAY),
    ("sunday", G_WEEKDAY),
    // The first words of the named days.
    ("election", G_NAMED),
    ("christmas", G_NAMED),
    ("new", G_NAMED),
    ("fourth", G_NAMED),
];

/// The gate words, the ten digits and the two characters that a case-insensitive regex reads
/// as ASCII letters (long s, Kelvin sign), every occurrence reported, ASCII letters in either
/// case. An automaton: every sentence is gated, and a byte loop classing each byte ran slower
/// (its branches follow the text).
static GATE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let words = GATE_WORDS.iter().map(|(w, _)| w.to_string());
    let digits = (b'0'..=b'9').map(|d| char::from(d).to_string());
    AhoCorasick::builder()
        .match_kind(MatchKind::Standard)
        .ascii_case_insensitive(true)
        .build(
            words
                .chain(digits)
                .chain(["\u{17F}".into(), "\u{212A}".into()]),
        )
        .expect("gate words")
});

/// Which families of phrases a text may hold: the flags of the gate words present, and what
/// the digits allow.
struct Gates {
    flags: u16,
    shapes: DigitShapes,
}

impl Gates {
    /// Which families may find something: gate words where a word starts, digits anywhere.
    /// A long s or a Kelvin sign makes the words untrustworthy: then every family runs.
    fn of(text: &str) -> Gates {
        let bytes = text.as_bytes();
        let mut flags = 0u16;
        for m in GATE.find_overlapping_iter(text) {
            // After the words come the ten digits, then the two folding characters.
            let Some(&(_, flag)) = GATE_WORDS.get(m.pattern().as_usize()) else {
                if m.pattern().as_usize() < GATE_WORDS.len() + 10 {
                    flags |= G_DIGIT;
                    continue;
                }
                return Gates::everything();
            };
            if flags & flag == 0
                && (m.start() == 0 || !is_word_byte(bytes[m.start() - 1]))
                && (flag & (G_MONTH | G_WEEKDAY) == 0 || bytes[m.start()].is_ascii_uppercase())
            {
                flags |= flag;
            }
        }
        let shapes = if flags & G_DIGIT != 0 {
            DigitShapes::of(text)
        } else {
            DigitShapes::default()
        };
        Gates { flags, shapes }
    }

    /// Every family runs.
    fn everything() -> Gates {
        Gates {
            flags: u16::MAX,
            shapes: DigitShapes {
                year: true,
                iso: true,
                clock: true,
            },
        }
    }

    /// Whether any of the families `flags` may be present.
    fn any(&self, flags: u16) -> bool {
        self.flags & flags != 0
    }
}

/// A byte of an ASCII word (`\w` without Unicode): the regexes' `(?-u:\b)` sits between one
/// of these and anything else.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'_'
}

/// What the runs of ASCII digits in a text allow. Each family keeps only ASCII digits (it
/// parses them), so runs of them decide.
#[derive(Default)]
struct DigitShapes {
    /// Four digits standing alone: a year.
    year: bool,
    /// Four digits, a hyphen and a digit: an ISO date.
    iso: bool,
    /// One or two digits before ':', '.', "am"/"pm" (spaces between or not), or spaces and
    /// "o'clock": a clock time. A character past the ASCII range after the digits may be a
    /// space to the regex, and lets it by.
    clock: bool,
}

impl DigitShapes {
    fn of(text: &str) -> DigitShapes {
        let bytes = text.as_bytes();
        let mut shapes = DigitShapes::default();
        let mut i = 0;
        while let Some(d) = bytes[i..].iter().position(u8::is_ascii_digit) {
            let start = i + d;
            let end = bytes[start..]
                .iter()
                .position(|b| !b.is_ascii_digit())
                .map_or(bytes.len(), |n| start + n);
            let next = bytes.get(end).copied();
            if end - start == 4 {
                let alone = (start == 0 || !is_word_byte(bytes[start - 1]))
                    && !next.is_some_and(is_word_byte);
                shapes.year |= alone;
                shapes.iso |=
                    next == Some(b'-') && bytes.get(end + 1).is_some_and(u8::is_ascii_digit);
            }
            if !shapes.clock {
                let spaced = bytes[end..]
                    .iter()
                    .position(|&b| !is_ascii_white_space(b))
                    .map_or(bytes.len(), |n| end + n);
                shapes.clock = matches!(next, Some(b':' | b'.'))
                    || match bytes.get(spaced) {
                        Some(b) if !b.is_ascii() => true,
                        Some(b'a' | b'A' | b'p' | b'P') => true,
                        Some(b'o' | b'O') => spaced > end,
                        _ => false,
                    };
            }
            i = end;
        }
        shapes
    }
}

/// Finds every date or time phrase in `text`, in order, non-overlapping, longest match winning.
///
/// Ranges are byte ranges into `text` and include the neutral prepositions "on", "in", "at"
/// and the words that qualify the phrase ("just before the stroke of", "about", "last",
/// "early"), but not prepositions that change its meaning ("since", "until", "by").
/// See the module documentation of `dates` for the choices made on ambiguous phrases.
pub fn scan(text: &str) -> Vec<DateMention> {
    scan_gated(text, Gates::of(text))
}

/// [`scan`], with the families `g` lets run.
fn scan_gated(text: &str, g: Gates) -> Vec<DateMention> {
    let mut cands: Vec<DateMention> = Vec::new();
    let shapes = &g.shapes;
    if g.any(G_MONTH) {
        scan_mdy(text, &mut cands);
    }
    if g.any(G_DIGIT) && g.any(G_MONTH) {
        scan_dmy(text, &mut cands);
    }
    if shapes.iso {
        scan_iso(text, &mut cands);
    }
    if shapes.year {
        scan_year(text, &mut cands);
    }
    if g.any(G_MONTH | G_DIGIT) && g.any(G_PART) {
        scan_part(text, &mut cands);
    }
    if g.any(G_CLOCK) || shapes.clock {
        scan_time(text, &mut cands);
    }
    if g.any(G_DAY | G_UNIT) && g.any(G_DIRECTION) {
        scan_count(text, &mut cands);
    }
    if g.any(G_DAY | G_DAY_PART | G_UNIT) {
        scan_fixed(text, &mut cands);
    }
    if g.any(G_WEEKDAY) {
        scan_weekday(text, &mut cands);
    }
    if g.any(G_NAMED) {
        scan_named(text, &mut cands);
    }
    let mut found = select(text, cands);
    let mut tenses = None;
    for m in found.iter_mut().filter(|m| m.expr.lacks_year()) {
        m.tense = tenses
            .get_or_insert_with(|| super::tense::Tenses::of(text))
            .at(&m.range);
    }
    found
}

/// Longest candidates first; then merge a clock time into a calendar date written next to it.
fn select(text: &str, mut cands: Vec<DateMention>) -> Vec<DateMention> {
    cands.sort_by(|a, b| {
        (b.range.end - b.range.start)
            .cmp(&(a.range.end - a.range.start))
            .then(a.range.start.cmp(&b.range.start))
    });
    let mut picked: Vec<DateMention> = Vec::with_capacity(cands.len());
    for c in cands {
        if c.range.start >= c.range.end {
            continue;
        }
        if picked
            .iter()
            .all(|p| c.range.end <= p.range.start || c.range.start >= p.range.end)
        {
            picked.push(c);
        }
    }
    picked.sort_by_key(|m| m.range.start);

    let mut out: Vec<DateMention> = Vec::with_capacity(picked.len());
    for c in picked {
        if let Some(prev) = out.last_mut() {
            let gap = &text[prev.range.end..c.range.start];
            if gap.len() <= 3
                && gap.chars().all(|ch| ch.is_whitespace() || ch == ',')
                && let Some(expr) = merge_time_and_date(&prev.expr, &c.expr)
            {
                prev.expr = expr;
                prev.range.end = c.range.end;
                continue;
            }
        }
        out.push(c);
    }
    out
}

fn merge_time_and_date(a: &DateExpr, b: &DateExpr) -> Option<DateExpr> {
    let (t, date) = match (a, b) {
        (DateExpr::Time(t), d) | (d, DateExpr::Time(t)) => (*t, d),
        _ => return None,
    };
    match *date {
        DateExpr::Absolute {
            year,
            month,
            day: Some(day),
            time: None,
        } => Some(DateExpr::Absolute {
            year,
            month,
            day: Some(day),
            time: Some(t),
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn only_a_capitalised_month_opens_the_calendar_scanners() {
        assert!(!Gates::of("we may go to the market in march").any(G_MONTH));
        assert!(Gates::of("we went in May").any(G_MONTH));
        assert!(Gates::of("on Dec. 3").any(G_MONTH));
        // What the gate lets by is still found; what it stops was never a date.
        assert!(scan("the market may open").is_empty());
        assert_eq!(scan("It opened in May 2016.").len(), 1);
    }

    #[test]
    fn gate_words_count_at_the_start_of_a_word() {
        // "hr" in "three", "min" in "administration", "day" in "today": no unit, no day.
        let g = Gates::of("three administration officials spoke today");
        assert!(!g.any(G_UNIT) && !g.any(G_DAY) && g.any(G_DAY_PART));
        let g = Gates::of("two hours later, on Monday");
        assert!(g.any(G_UNIT) && g.any(G_DIRECTION) && g.any(G_WEEKDAY));
        assert!(!Gates::of("a monday-morning meeting").any(G_WEEKDAY));
        assert!(Gates::of("a merry Christmas").any(G_NAMED));
        // A long s reads as "s" to the regexes: everything runs.
        assert!(Gates::of("Thurſday").any(G_WEEKDAY));
    }

    #[test]
    fn digit_shapes_let_by_years_iso_dates_and_clock_times() {
        let s = DigitShapes::of("in 2016, 12345 votes");
        assert!(s.year && !s.iso && !s.clock);
        assert!(DigitShapes::of("on 2016-09-20").iso);
        assert!(!DigitShapes::of("x2016 and 2016x").year);
        for clock in ["at 9:29", "9.30", "6pm", "6 P.M.", "3 o'clock", "6\u{a0}pm"] {
            assert!(DigitShapes::of(clock).clock, "{clock}");
        }
        assert!(!DigitShapes::of("4 votes and 20 seats").clock);
    }

    proptest::proptest! {
        /// The gates only skip families that would find nothing.
        #[test]
        fn gating_changes_nothing_but_the_time(pieces in proptest::collection::vec(
            proptest::sample::select(vec![
                "May", "may", "Oct.", "october", "September", "mid", "middle of", "late",
                "Later", "later", "the", "end of", "beginning of", "next", "following",
                "same", "that", "day", "days", "Day", "today", "yesterday", "tonight",
                "tomorrow", "morning", "night", "evening", "hour", "hours", "hrs", "three",
                "minutes", "admin", "week", "weeks", "year", "years", "month", "before",
                "after", "afterwards", "earlier", "prior", "previously", "on", "On", "in",
                "at", "since", "noon", "midnight", "Monday", "monday", "Sunday", "Election Day",
                "Christmas", "Eve", "New Year's", "Fourth of July", "o'clock", "am", "pm",
                "a.m.", "p.m.", "ET", "2016", "20", "9", "12345", "1987", ":", ".", ",", "-",
                "30", " ", " ", " ", "\u{a0}", "\n", "_", "x", "a", "ſ", "\u{212A}", "é",
                "’", "٣", "two", "a few", "few", "new", "pre",
            ]),
            0..14,
        )) {
            let text: String = pieces.concat();
            proptest::prop_assert_eq!(scan(&text), scan_gated(&text, Gates::everything()));
        }
    }
}
