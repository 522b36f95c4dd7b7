//! Tests for scanning and resolving, mostly on sentences from the seed articles; shared
//! helpers here, one file per step.

mod relative;
mod resolve;
mod scan;
mod tense;

use chrono::{NaiveDate, NaiveTime, Weekday};

use super::*;

fn ymd(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn at(y: i32, m: u32, d: u32, h: u32, min: u32, approximate: bool) -> When {
    When {
        date: ymd(y, m, d),
        time: Some(NaiveTime::from_hms_opt(h, min, 0).unwrap()),
        precision: Precision::Time,
        approximate,
    }
}

fn day(y: i32, m: u32, d: u32) -> When {
    When::day(ymd(y, m, d))
}

/// The phrases found, as text.
fn phrases(text: &str) -> Vec<&str> {
    scan(text).into_iter().map(|m| &text[m.range]).collect()
}

/// The only mention in `text`, checked to cover `phrase`.
fn only(text: &str, phrase: &str) -> DateExpr {
    let found = scan(text);
    assert_eq!(found.len(), 1, "{text:?} gave {found:?}");
    assert_eq!(&text[found[0].range.clone()], phrase, "in {text:?}");
    found[0].expr.clone()
}

fn none(text: &str) {
    let found = scan(text);
    assert!(found.is_empty(), "{text:?} gave {found:?}");
}

fn abs(year: Option<i32>, month: u32, day: Option<u32>) -> DateExpr {
    DateExpr::Absolute {
        year,
        month,
        day,
        time: None,
    }
}

fn tod(hour: u32, minute: u32, approximate: bool, after_midnight: bool) -> TimeOfDay {
    TimeOfDay {
        hour,
        minute,
        approximate,
        after_midnight,
    }
}

fn rel_days(days: i64, part: Option<PartOfDay>, approximate: bool) -> DateExpr {
    DateExpr::RelativeDays {
        days,
        part,
        approximate,
    }
}

fn rel_min(minutes: i64, approximate: bool) -> DateExpr {
    DateExpr::RelativeMinutes {
        minutes,
        approximate,
    }
}

// ---------------------------------------------------------------------------------------------
// Scanning: absolute dates
