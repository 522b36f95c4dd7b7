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

const G_DIGIT: u16 = 1;
const G_MONTH: u16 = 2;
const G_PART: u16 = 4;
const G_CLOCK: u16 = 8;
const G_DIRECTION: u16 = 16;
const G_DAY: u16 = 32;
const G_DAY_PART: u16 = 64;
const G_UNIT: u16 = 128;

/// Keywords whose presence lets a family of regexes run: most sentences hold no digit and few
/// of these words, and then few or no regexes run. Where one keyword is a prefix of another,
/// the longer comes first (the gate is a leftmost-first alternation of these words).
const GATE_WORDS: &[(&str, u16)] = &[
    ("january", G_MONTH),
    ("february", G_MONTH),
    ("march", G_MONTH),
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
    ("mid", G_PART),
    ("early", G_PART),
    ("later", G_DIRECTION),
    ("late", G_PART),
    ("beginning", G_PART),
    ("start", G_PART),
    ("end", G_PART),
    ("afternoon", G_DAY_PART),
    ("after", G_DIRECTION),
    ("before", G_DIRECTION),
    ("earlier", G_DIRECTION),
    ("prior", G_DIRECTION),
    ("previously", G_DIRECTION),
    (" on", G_DIRECTION),
    ("day", G_DAY),
    ("morning", G_DAY_PART),
    ("evening", G_DAY_PART),
    ("night", G_DAY_PART),
    ("tomorrow", G_DAY_PART),
    ("sec", G_UNIT),
    ("min", G_UNIT),
    ("hour", G_UNIT),
    ("hr", G_UNIT),
    ("week", G_UNIT),
    ("month", G_UNIT),
    ("year", G_UNIT),
];

/// The gate words (after the ten digits), as a leftmost-first alternation matching ASCII
/// letters in either case. An automaton, not a regex: every sentence is gated, digits and
/// " on" match often, and each step of a regex's match iterator cost more than the match.
static GATE: LazyLock<AhoCorasick> = LazyLock::new(|| {
    let digits = (b'0'..=b'9').map(|d| char::from(d).to_string());
    AhoCorasick::builder()
        .match_kind(MatchKind::LeftmostFirst)
        .ascii_case_insensitive(true)
        .build(digits.chain(GATE_WORDS.iter().map(|(w, _)| w.to_string())))
        .expect("gate words")
});

/// Which families of phrases a text may hold.
struct Gates {
    digit: bool,
    month: bool,
    part: bool,
    clock_word: bool,
    direction: bool,
    day: bool,
    day_part: bool,
    unit: bool,
}

impl Gates {
    fn of(text: &str) -> Gates {
        let mut flags = 0u16;
        for m in GATE.find_iter(text) {
            let flag = m
                .pattern()
                .as_usize()
                .checked_sub(10)
                .map_or(G_DIGIT, |word| GATE_WORDS[word].1);
            // The calendar scanners keep a month only capitalised ("may have" is no date):
            // a lowercase one, as common as the modal "may", need not run them.
            if flag == G_MONTH && !text.as_bytes()[m.start()].is_ascii_uppercase() {
                continue;
            }
            flags |= flag;
        }
        Gates {
            digit: flags & G_DIGIT != 0,
            month: flags & G_MONTH != 0,
            part: flags & G_PART != 0,
            clock_word: flags & G_CLOCK != 0,
            direction: flags & G_DIRECTION != 0,
            day: flags & G_DAY != 0,
            day_part: flags & G_DAY_PART != 0,
            unit: flags & G_UNIT != 0,
        }
    }
}

/// Finds every date or time phrase in `text`, in order, non-overlapping, longest match winning.
///
/// Ranges are byte ranges into `text` and include the neutral prepositions "on", "in", "at"
/// and the words that qualify the phrase ("just before the stroke of", "about", "last",
/// "early"), but not prepositions that change its meaning ("since", "until", "by").
/// See the module documentation of `dates` for the choices made on ambiguous phrases.
pub fn scan(text: &str) -> Vec<DateMention> {
    let mut cands: Vec<DateMention> = Vec::new();
    let g = Gates::of(text);
    if g.month {
        scan_mdy(text, &mut cands);
    }
    if g.digit {
        if g.month {
            scan_dmy(text, &mut cands);
        }
        scan_iso(text, &mut cands);
        scan_year(text, &mut cands);
    }
    if (g.month || g.digit) && g.part {
        scan_part(text, &mut cands);
    }
    if g.digit || g.clock_word {
        scan_time(text, &mut cands);
    }
    if (g.day || g.unit) && g.direction {
        scan_count(text, &mut cands);
    }
    if g.day || g.day_part || g.unit {
        scan_fixed(text, &mut cands);
    }
    if g.day {
        scan_weekday(text, &mut cands);
    }
    scan_named(text, &mut cands);
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
        assert!(!Gates::of("we may go to the market in march").month);
        assert!(Gates::of("we went in May").month);
        assert!(Gates::of("on Dec. 3").month);
        // What the gate lets by is still found; what it stops was never a date.
        assert!(scan("the market may open").is_empty());
        assert_eq!(scan("It opened in May 2016.").len(), 1);
    }
}
