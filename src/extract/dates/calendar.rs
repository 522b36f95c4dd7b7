//! Calendar dates: "September 20, 2016", "Oct. 3", "20 September 2016", "2016-09-20",
//! "July 2017", "in May", "late October 2016", "mid-2017", "in 2016".

use regex::Captures;

use crate::static_regex::StaticRegex;

use super::words::{
    MONTHS, WEEKDAYS, YEARS, date_follow_ok, extend_prep, extend_weekday_before, is_full_month,
    mention, month_number, numeric_before, parse_year, prev_word, re, starts_upper, valid_day,
    year_follow_ok,
};
use super::{DateExpr, DateMention, MonthPart, TimeOfDay};

/// "September 20, 2016", "Sept. 20", "Tuesday, November 8, 2016", "July 2017", "May".
static MDY: StaticRegex = StaticRegex::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:(?P<wd>{WEEKDAYS})(?-u:\b),?\s+)?(?P<mon>{MONTHS})(?-u:\b)\.?(?:\s+(?P<day>\d{{1,2}})(?:st|nd|rd|th)?(?-u:\b))?(?:,?\s+(?P<year>\d{{4}})(?-u:\b))?"
    ))
});

/// "20 September 2016", "31 December 2004", "20th of September", "7 July".
static DMY: StaticRegex = StaticRegex::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?P<day>\d{{1,2}})(?P<ord>st|nd|rd|th)?(?P<of>\s+of)?\s+(?P<mon>{MONTHS})(?-u:\b)(?:\.?,?\s+(?P<year>\d{{4}})(?-u:\b))?"
    ))
});

/// "2016-09-20", "2016-09-20 18:35", "2016-09-20T18:35".
static ISO: StaticRegex = StaticRegex::new(|| {
    re(
        r"(?-u:\b)(?P<y>\d{4})-(?P<m>\d{2})-(?P<d>\d{2})(?:[T ](?P<hh>\d{2}):(?P<mm>\d{2}))?(?-u:\b)",
    )
});

/// "early-October", "late October 2016", "mid-December", "the end of October", "mid-2017".
static PART: StaticRegex = StaticRegex::new(|| {
    re(&format!(
        r"(?i)(?-u:\b)(?:the\s+)?(?P<part>early|mid|late|beginning\s+of|start\s+of|middle\s+of|end\s+of)(?:\s*-\s*|\s+)(?:(?P<mon>{MONTHS})(?-u:\b)(?:\.?,?\s+(?P<year>\d{{4}})(?-u:\b))?|(?P<yonly>\d{{4}})(?-u:\b))"
    ))
});

/// A four-digit number; whether it is a year is decided by the words around it.
static YEAR: StaticRegex = StaticRegex::new(|| re(r"(?-u:\b)\d{4}(?-u:\b)"));

pub(super) fn scan_mdy(text: &str, out: &mut Vec<DateMention>) {
    for c in MDY.get().captures_iter(text) {
        let Some(mon) = c.name("mon") else { continue };
        if !starts_upper(mon.as_str()) {
            continue;
        }
        let Some(month) = month_number(mon.as_str()) else {
            continue;
        };
        let mut start = match c.name("wd") {
            Some(wd) if starts_upper(wd.as_str()) => wd.start(),
            _ => mon.start(),
        };
        let day_m = c.name("day");
        let day: Option<u32> = day_m.and_then(|d| d.as_str().parse().ok());
        let (year, end) = match c.name("year") {
            Some(y) => match parse_year(y.as_str()) {
                Some(year) => (Some(year), y.end()),
                None => (None, day_m.map_or(mon.end(), |_| day_end(&c))),
            },
            None => (None, day_m.map_or(mon.end(), |_| day_end(&c))),
        };
        if day.is_none() && year.is_none() {
            // A month alone only after a preposition that makes it a time ("in May", not
            // "may have"); "early/late/mid" are parts of months, found by `scan_part`.
            let full = is_full_month(mon.as_str());
            let Some((pstart, pre)) = prev_word(text, mon.start()) else {
                continue;
            };
            let pre = pre.to_ascii_lowercase();
            let ok = if month == 5 || month == 3 {
                matches!(pre.as_str(), "in" | "since" | "until" | "by")
            } else {
                matches!(
                    pre.as_str(),
                    "in" | "since"
                        | "until"
                        | "till"
                        | "by"
                        | "during"
                        | "through"
                        | "throughout"
                        | "from"
                        | "before"
                        | "after"
                )
            };
            if !full || !ok || c.name("wd").is_some_and(|w| w.start() < mon.start()) {
                continue;
            }
            if pre == "in" {
                start = pstart;
            }
            out.push(mention(
                start,
                mon.end(),
                DateExpr::Absolute {
                    year: None,
                    month,
                    day: None,
                    time: None,
                },
            ));
            continue;
        }
        if !valid_day(year, month, day) || !date_follow_ok(text, end) {
            continue;
        }
        start = extend_prep(text, start);
        out.push(mention(
            start,
            end,
            DateExpr::Absolute {
                year,
                month,
                day,
                time: None,
            },
        ));
    }
}

fn day_end(c: &Captures) -> usize {
    // The day group stops before an ordinal suffix; the suffix belongs to the phrase.
    let d = c.name("day").expect("day present");
    let full = c.get(0).expect("match").as_str();
    let off = d.end() - c.get(0).expect("match").start();
    let rest = &full[off..];
    let suffix = rest
        .get(..2)
        .filter(|s| {
            ["st", "nd", "rd", "th"]
                .iter()
                .any(|x| s.eq_ignore_ascii_case(x))
        })
        .map_or(0, |_| 2);
    d.end() + suffix
}

pub(super) fn scan_dmy(text: &str, out: &mut Vec<DateMention>) {
    for c in DMY.get().captures_iter(text) {
        let (Some(day_m), Some(mon)) = (c.name("day"), c.name("mon")) else {
            continue;
        };
        if !starts_upper(mon.as_str()) || numeric_before(text, day_m.start()) {
            continue;
        }
        let Some(month) = month_number(mon.as_str()) else {
            continue;
        };
        let Ok(day) = day_m.as_str().parse::<u32>() else {
            continue;
        };
        let mut start = day_m.start();
        if let Some((s, w)) = prev_word(text, start)
            && w.eq_ignore_ascii_case("the")
        {
            start = s;
        }
        if c.name("of").is_some() && c.name("ord").is_none() && start == day_m.start() {
            continue; // "20 of September" without ordinal or "the": not a date form
        }
        let (year, end) = match c
            .name("year")
            .and_then(|y| parse_year(y.as_str()).map(|v| (v, y)))
        {
            Some((year, y)) => (Some(year), y.end()),
            None => (None, mon.end()),
        };
        if !valid_day(year, month, Some(day)) || !date_follow_ok(text, end) {
            continue;
        }
        start = extend_weekday_before(text, start);
        start = extend_prep(text, start);
        out.push(mention(
            start,
            end,
            DateExpr::Absolute {
                year,
                month,
                day: Some(day),
                time: None,
            },
        ));
    }
}

pub(super) fn scan_iso(text: &str, out: &mut Vec<DateMention>) {
    for c in ISO.get().captures_iter(text) {
        let m = c.get(0).expect("match");
        if numeric_before(text, m.start()) || text[..m.start()].ends_with('-') {
            continue;
        }
        let num = |name: &str| c.name(name).and_then(|x| x.as_str().parse::<u32>().ok());
        let (Some(y), Some(mo), Some(d)) = (num("y"), num("m"), num("d")) else {
            continue;
        };
        let year = y as i32;
        if !YEARS.contains(&year) || chrono::NaiveDate::from_ymd_opt(year, mo, d).is_none() {
            continue;
        }
        let mut end = m.end();
        let mut time = None;
        if let (Some(hh), Some(mm)) = (num("hh"), num("mm")) {
            if hh <= 23 && mm <= 59 {
                time = Some(TimeOfDay {
                    hour: hh,
                    minute: mm,
                    approximate: false,
                    after_midnight: false,
                });
            } else {
                end = c.name("d").expect("day").end();
            }
        }
        if !date_follow_ok(text, end) {
            continue;
        }
        out.push(mention(
            extend_prep(text, m.start()),
            end,
            DateExpr::Absolute {
                year: Some(year),
                month: mo,
                day: Some(d),
                time,
            },
        ));
    }
}

pub(super) fn scan_part(text: &str, out: &mut Vec<DateMention>) {
    for c in PART.get().captures_iter(text) {
        let m = c.get(0).expect("match");
        let part_s = c.name("part").expect("part").as_str().to_ascii_lowercase();
        let part = if part_s.starts_with("early")
            || part_s.starts_with("beginning")
            || part_s.starts_with("start")
        {
            MonthPart::Early
        } else if part_s.starts_with("mid") {
            MonthPart::Mid
        } else {
            MonthPart::Late
        };
        let start = extend_prep(text, m.start());
        if let Some(mon) = c.name("mon") {
            if !starts_upper(mon.as_str()) {
                continue;
            }
            let Some(month) = month_number(mon.as_str()) else {
                continue;
            };
            let (year, end) = match c
                .name("year")
                .and_then(|y| parse_year(y.as_str()).map(|v| (v, y)))
            {
                Some((year, y)) => (Some(year), y.end()),
                None => (None, mon.end()),
            };
            if !date_follow_ok(text, end) {
                continue;
            }
            out.push(mention(
                start,
                end,
                DateExpr::PartOfMonth { year, month, part },
            ));
        } else if let Some(y) = c.name("yonly") {
            let Some(year) = parse_year(y.as_str()) else {
                continue;
            };
            if !year_follow_ok(text, y.end()) {
                continue;
            }
            out.push(mention(start, y.end(), DateExpr::Year(year)));
        }
    }
}

pub(super) fn scan_year(text: &str, out: &mut Vec<DateMention>) {
    for m in YEAR.get().find_iter(text) {
        let Some(year) = parse_year(m.as_str()) else {
            continue;
        };
        let Some((pstart, pre)) = prev_word(text, m.start()) else {
            continue;
        };
        // Not "to", "around", "about": "rose to 2010 from 1990", "at around 1900 GMT".
        let pre = pre.to_ascii_lowercase();
        let ok = matches!(
            pre.as_str(),
            "in" | "since"
                | "until"
                | "till"
                | "by"
                | "of"
                | "from"
                | "during"
                | "through"
                | "throughout"
                | "before"
                | "after"
                | "circa"
                | "between"
        );
        if !ok || !year_follow_ok(text, m.end()) {
            continue;
        }
        let start = if pre == "in" { pstart } else { m.start() };
        out.push(mention(start, m.end(), DateExpr::Year(year)));
    }
}
