//! Phrases relative to the anchor: counted offsets ("two minutes later", "about 12 hours
//! later", "three weeks later"), fixed phrases ("the next morning", "the day before", "that
//! day", "yesterday") and weekdays ("on Monday", "last Friday", "Tuesday morning").

use crate::static_regex::StaticRegex;

use super::words::{
    FUNCTION_WORDS, Follow, Lean, MAX_COUNT, NUMBER_WORDS, WEEKDAYS, capitalized_mid_sentence,
    extend_prep, follow, mention, numeric_before, parse_count, prev_word, re, standalone_end,
    starts_upper, strip_prefix, weekday_of,
};
use super::{DateExpr, DateMention, PartOfDay};

/// "two minutes later", "an hour-and-a-half later", "about 12 hours later", "hours later",
/// "three weeks later", "two days after", "a month earlier".
static COUNT: StaticRegex = StaticRegex::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:(?P<n>\d{{1,12}}(?:\.\d{{1,2}})?|a\s+couple\s+of|a\s+couple|couple\s+of|a\s+few|a\s+handful\s+of|several|half\s+an?|{NUMBER_WORDS}|an|a)\s+)?(?:(?P<half1>and\s+a\s+half)\s+)?(?P<unit>seconds?|secs?|minutes?|mins?|hours?|hrs?|days?|weeks?|months?|years?)(?:[\s-]+and[\s-]+(?:(?P<half2>a[\s-]+half)|(?P<n2>\d{{1,2}}|{NUMBER_WORDS})\s+(?:minutes?|mins?)))?\s+(?P<dir>later|earlier|afterwards?|after|before|prior|on|beforehand|previously)(?-u:\b)"
    ))
});

/// "the next morning", "the day before", "that day", "earlier that day", "yesterday".
static FIXED: StaticRegex = StaticRegex::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(?:the\s+)?(?:next|following)\s+(?:day|morning|afternoon|evening|night)|the\s+(?:next|following|previous|prior|preceding)\s+(?:day|morning|afternoon|evening|night|week|month|year)|the\s+(?:day|morning|afternoon|evening|night)\s+(?:before|after|prior)(?:\s+(?:yesterday|tomorrow))?|(?:earlier|later)\s+(?:that\s+(?:same\s+)?|in\s+the\s+)(?:day|morning|afternoon|evening|night)|that\s+(?:same\s+)?(?:day|morning|afternoon|evening|night)|the\s+same\s+(?:day|morning|afternoon|evening|night)|(?:yesterday|today|tomorrow)(?:\s+(?:morning|afternoon|evening|night))?|tonight|this\s+(?:morning|afternoon|evening)|last\s+night)(?-u:\b)",
    )
});

/// "Monday", "Tuesday morning" (the words before it are checked by hand).
static WEEKDAY: StaticRegex = StaticRegex::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<wd>{WEEKDAYS})(?-u:\b)(?:\s+(?P<part>morning|afternoon|evening|night)(?-u:\b))?"
    ))
});

const COUNT_PREFIXES: &[(&[&str], Lean)] = &[
    (&["no", "more", "than"], Lean::Approx),
    (&["more", "than"], Lean::Approx),
    (&["less", "than"], Lean::Approx),
    (&["fewer", "than"], Lean::Approx),
    (&["just", "over"], Lean::Approx),
    (&["just", "under"], Lean::Approx),
    (&["about"], Lean::Approx),
    (&["around"], Lean::Approx),
    (&["roughly"], Lean::Approx),
    (&["nearly"], Lean::Approx),
    (&["almost"], Lean::Approx),
    (&["some"], Lean::Approx),
    (&["approximately"], Lean::Approx),
    (&["over"], Lean::Approx),
    (&["under"], Lean::Approx),
    (&["just"], Lean::Exact),
    (&["only"], Lean::Exact),
    (&["barely"], Lean::Exact),
    (&["exactly"], Lean::Exact),
    (&["precisely"], Lean::Exact),
];

#[derive(Clone, Copy, PartialEq)]
enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Month,
    Year,
}

impl Unit {
    fn of(word: &str) -> Unit {
        let w = word.to_ascii_lowercase();
        if w.starts_with("se") {
            Unit::Second
        } else if w.starts_with("mi") {
            Unit::Minute
        } else if w.starts_with('h') {
            Unit::Hour
        } else if w.starts_with('d') {
            Unit::Day
        } else if w.starts_with('w') {
            Unit::Week
        } else if w.starts_with("mo") {
            Unit::Month
        } else {
            Unit::Year
        }
    }

    /// The count assumed when none is written ("hours later", "days later").
    fn vague_count(self) -> f64 {
        match self {
            Unit::Second => 20.0,
            Unit::Minute => 5.0,
            Unit::Hour => 3.0,
            _ => 2.0,
        }
    }
}

pub(super) fn scan_count(text: &str, out: &mut Vec<DateMention>) {
    for c in COUNT.get().captures_iter(text) {
        let m = c.get(0).expect("match");
        if numeric_before(text, m.start()) {
            continue;
        }
        let unit_m = c.name("unit").expect("unit");
        let unit_s = unit_m.as_str();
        if starts_upper(unit_s) && unit_m.start() != m.start() {
            continue; // title case: "28 Days Later"
        }
        let unit = Unit::of(unit_s);
        let dir = c.name("dir").expect("dir").as_str().to_ascii_lowercase();
        let mut end = m.end();
        // "after"/"before"/"prior"/"on" count from the anchor only when nothing follows:
        // "two days after, ..." yes, "three days after The New York Times broke the story" no.
        if matches!(dir.as_str(), "after" | "before" | "prior" | "on") {
            match standalone_end(text, end) {
                Some(e) => end = e,
                None => continue,
            }
        }
        let sign: f64 = match dir.as_str() {
            "earlier" | "before" | "prior" | "beforehand" | "previously" => -1.0,
            _ => 1.0,
        };
        let mut approximate = false;
        let count: f64 = match c.name("n") {
            Some(n) => match parse_count(n.as_str()) {
                Some((v, vague)) => {
                    approximate |= vague;
                    v
                }
                None => continue,
            },
            None => {
                if !unit_s.ends_with(['s', 'S']) {
                    continue; // "day later" without a count is not a phrase
                }
                approximate = true;
                unit.vague_count()
            }
        };
        let half = if c.name("half1").is_some() || c.name("half2").is_some() {
            0.5
        } else {
            0.0
        };
        let extra_minutes: f64 = match c.name("n2") {
            Some(n2) => match parse_count(n2.as_str()) {
                Some((v, _)) => v,
                None => continue,
            },
            None => 0.0,
        };
        let amount = count + half;
        if !(0.0..=MAX_COUNT).contains(&amount) {
            continue;
        }
        let mut start = m.start();
        for _ in 0..2 {
            match strip_prefix(text, start, COUNT_PREFIXES) {
                Some((s, l)) => {
                    start = s;
                    approximate |= l == Lean::Approx;
                }
                None => break,
            }
        }
        if capitalized_mid_sentence(text, start) {
            continue;
        }
        let minutes = |v: f64, approximate: bool| DateExpr::RelativeMinutes {
            minutes: (sign * v.round()) as i64,
            approximate: approximate || v.fract() != 0.0,
        };
        // Weeks, months and years are round figures in news prose: always approximate.
        let days = |v: f64, approximate: bool| DateExpr::RelativeDays {
            days: (sign * v.round()) as i64,
            part: None,
            approximate: approximate || v.fract() != 0.0,
        };
        let expr = match unit {
            Unit::Second => minutes(amount / 60.0, true),
            Unit::Minute => minutes(amount, approximate),
            Unit::Hour => minutes(amount * 60.0 + extra_minutes, approximate),
            Unit::Day => days(amount, approximate),
            Unit::Week => days(amount * 7.0, true),
            Unit::Month => days(amount * 30.0, true),
            Unit::Year => days(amount * 365.0, true),
        };
        out.push(mention(start, end, expr));
    }
}

pub(super) fn scan_fixed(text: &str, out: &mut Vec<DateMention>) {
    for c in FIXED.get().captures_iter(text) {
        let m = c.get(0).expect("match");
        if capitalized_mid_sentence(text, m.start()) {
            continue;
        }
        let lower = m.as_str().to_ascii_lowercase();
        let words: Vec<&str> = lower.split_whitespace().collect();
        let mut end = m.end();
        let part_of = |w: &str| match w {
            "morning" => Some(PartOfDay::Morning),
            "afternoon" => Some(PartOfDay::Afternoon),
            "evening" => Some(PartOfDay::Evening),
            "night" => Some(PartOfDay::Night),
            _ => None,
        };
        let last = *words.last().unwrap_or(&"");
        let (days, part, approximate) = match words.as_slice() {
            // "the day before yesterday", "the day after tomorrow"
            ["the", "day", "before", "yesterday"] => (-2, None, false),
            ["the", "day", "after", "tomorrow"] => (2, None, false),
            ["the", w, "before", ..] | ["the", w, "after", ..] | ["the", w, "prior", ..] => {
                match standalone_end(text, end) {
                    Some(e) => end = e,
                    None => continue,
                }
                let d = if words[2] == "after" { 1 } else { -1 };
                (d, part_of(w), false)
            }
            ["the", "next" | "following", unit] | ["next" | "following", unit] => match *unit {
                "week" => (7, None, true),
                "month" => (30, None, true),
                "year" => (365, None, true),
                w => (1, part_of(w), false),
            },
            ["the", "previous" | "prior" | "preceding", unit] => match *unit {
                "week" => (-7, None, true),
                "month" => (-30, None, true),
                "year" => (-365, None, true),
                w => (-1, part_of(w), false),
            },
            ["the", "same", w] => {
                // "the same day that Trump Jr. received ..." is the day of another event.
                if let Follow::Word(next) = follow(text, end)
                    && ["that", "as", "when", "where"]
                        .iter()
                        .any(|x| next.eq_ignore_ascii_case(x))
                {
                    continue;
                }
                (0, part_of(w), false)
            }
            ["that", ..] | ["earlier", ..] | ["later", ..] => {
                if matches!(follow(text, end), Follow::Other(_)) {
                    continue; // "that day-to-day"
                }
                (0, part_of(last), false)
            }
            ["yesterday", ..] => (-1, part_of(last), false),
            ["today", ..] => (0, part_of(last), false),
            ["tomorrow", ..] => (1, part_of(last), false),
            ["tonight"] => (0, Some(PartOfDay::Night), false),
            ["this", w] => (0, part_of(w), false),
            ["last", "night"] => (-1, Some(PartOfDay::Night), false),
            _ => continue,
        };
        out.push(mention(
            extend_prep(text, m.start()),
            end,
            DateExpr::RelativeDays {
                days,
                part,
                approximate,
            },
        ));
    }
}

/// Words before a weekday: (phrase, forward, included in the range).
const WEEKDAY_PREFIXES: &[(&[&str], (bool, bool))] = &[
    (&["the", "following"], (true, true)),
    (&["the", "next"], (true, true)),
    (&["this", "past"], (false, true)),
    (&["this", "coming"], (true, true)),
    (&["last"], (false, true)),
    (&["next"], (true, true)),
    (&["this"], (false, true)),
    (&["on"], (false, true)),
    (&["early"], (false, true)),
    (&["late"], (false, true)),
    (&["since"], (false, false)),
    (&["by"], (false, false)),
    (&["until"], (false, false)),
    (&["till"], (false, false)),
    (&["from"], (false, false)),
    (&["before"], (false, false)),
    (&["after"], (false, false)),
    (&["over"], (false, false)),
    (&["through"], (false, false)),
];

pub(super) fn scan_weekday(text: &str, out: &mut Vec<DateMention>) {
    for c in WEEKDAY.get().captures_iter(text) {
        let wd_m = c.name("wd").expect("weekday");
        if !starts_upper(wd_m.as_str()) {
            continue;
        }
        let Some(weekday) = weekday_of(wd_m.as_str()) else {
            continue;
        };
        // "Monday-Friday", "Mon/Fri": a range of days, not a date.
        if text[..wd_m.start()].ends_with(['-', '/', '–']) {
            continue;
        }
        let mut start = wd_m.start();
        let mut forward = false;
        let mut has_pre = false;
        let mut s = start;
        for _ in 0..2 {
            match strip_prefix(text, s, WEEKDAY_PREFIXES) {
                Some((ps, (fwd, include))) => {
                    if !has_pre {
                        forward = fwd;
                    }
                    has_pre = true;
                    s = ps;
                    if include {
                        start = ps;
                    } else {
                        break;
                    }
                }
                None => break,
            }
        }
        // "Saturday Night Live": a capitalized part of the day is part of a name.
        let part = c.name("part").filter(|p| !starts_upper(p.as_str()));
        let end = part.map_or(wd_m.end(), |p| p.end());
        if !has_pre {
            // "Ash Wednesday", "Black Friday": a capitalized word right before a bare weekday
            // makes it part of a name ("But Monday's vote" is not one).
            if let Some((_, w)) = prev_word(text, wd_m.start())
                && starts_upper(w)
                && !FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
            {
                continue;
            }
        }
        if part.is_none() {
            let ok = match follow(text, end) {
                Follow::End | Follow::Punct | Follow::Possessive => true,
                Follow::Word(w) => {
                    FUNCTION_WORDS.iter().any(|f| w.eq_ignore_ascii_case(f))
                        || (has_pre && starts_upper(w))
                }
                Follow::Other(ch) => has_pre && ch.is_ascii_digit(),
            };
            if !ok {
                continue;
            }
        }
        out.push(mention(start, end, DateExpr::Weekday { weekday, forward }));
    }
}
