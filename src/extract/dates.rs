//! Date and time expressions in running text, and how to resolve them to calendar points.
//!
//! Scanning and resolving are two steps on purpose: the caller knows the narrative (which date
//! is the anchor at this point of the article, which sentences are asides) and decides which
//! anchor a relative phrase ("the next morning", "two minutes later") is resolved against.

use std::ops::Range;

use chrono::{NaiveDate, NaiveTime, Weekday};
use serde::Serialize;

/// How much of a calendar point the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
    /// Day and time of day.
    Time,
}

/// A calendar point as precise as the text allows. Fields below `precision` are filled with
/// the first valid value (day 1 for a month) and must not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize)]
pub struct When {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub precision: Precision,
    /// "just before midnight", "about 12 hours later", "early October": near, not exact.
    pub approximate: bool,
}

/// Part of a day named by a relative phrase ("the next morning").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// A time of day as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
    pub approximate: bool,
    /// "shortly after midnight": the moment is past midnight, so when it is resolved against an
    /// anchor of the evening before, the day rolls over.
    pub after_midnight: bool,
}

/// Part of a month ("early October").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub enum MonthPart {
    Early,
    Mid,
    Late,
}

/// What a date phrase says, before it is resolved against an anchor.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub enum DateExpr {
    /// "September 20, 2016", "20 September 2016", "Oct. 3", "2016-09-20", "July 2017",
    /// "on December 16" (no year), optionally with a time in the same phrase.
    Absolute {
        year: Option<i32>,
        month: u32,
        day: Option<u32>,
        time: Option<TimeOfDay>,
    },
    /// "early-October", "late October 2016", "mid-2017" has no month: not this variant.
    PartOfMonth {
        year: Option<i32>,
        month: u32,
        part: MonthPart,
    },
    /// "in 2016": a year alone.
    Year(i32),
    /// "9:29 am", "6:35pm", "at noon", "just before midnight", "shortly after midnight".
    Time(TimeOfDay),
    /// "the next morning" (+1, Morning), "the day before" (-1), "two days later" (+2),
    /// "that day" / "the same day" (0), "the following week" (+7, approximate).
    RelativeDays {
        days: i64,
        part: Option<PartOfDay>,
        approximate: bool,
    },
    /// "two minutes later" (+2), "an hour-and-a-half later" (+90), "about 12 hours later"
    /// (+720, approximate), "hours later" (approximate).
    RelativeMinutes { minutes: i64, approximate: bool },
    /// "on Monday", "last Friday": the nearest such weekday on or before the anchor
    /// (`forward` for "next Friday").
    Weekday { weekday: Weekday, forward: bool },
}

/// One date phrase found in a text: its byte range in the scanned text and what it says.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DateMention {
    pub range: Range<usize>,
    pub expr: DateExpr,
}

impl When {
    /// A day, without time.
    pub fn day(date: NaiveDate) -> When {
        When {
            date,
            time: None,
            precision: Precision::Day,
            approximate: false,
        }
    }

    /// Parses the front-matter forms `YYYY-MM-DD`, `YYYY-MM` and `YYYY`.
    pub fn parse_iso(s: &str) -> Option<When> {
        let s = s.trim();
        let mut parts = s.split('-');
        let year: i32 = parts.next()?.parse().ok()?;
        let month: Option<u32> = match parts.next() {
            Some(m) => Some(m.parse().ok()?),
            None => None,
        };
        let day: Option<u32> = match parts.next() {
            Some(d) => Some(d.parse().ok()?),
            None => None,
        };
        if parts.next().is_some() {
            return None;
        }
        let (date, precision) = match (month, day) {
            (Some(m), Some(d)) => (NaiveDate::from_ymd_opt(year, m, d)?, Precision::Day),
            (Some(m), None) => (NaiveDate::from_ymd_opt(year, m, 1)?, Precision::Month),
            (None, _) => (NaiveDate::from_ymd_opt(year, 1, 1)?, Precision::Year),
        };
        Some(When {
            date,
            time: None,
            precision,
            approximate: false,
        })
    }

    /// `YYYY-MM-DD` for a day or better, `YYYY-MM` for a month, `YYYY` for a year.
    pub fn date_string(&self) -> String {
        match self.precision {
            Precision::Year => self.date.format("%Y").to_string(),
            Precision::Month => self.date.format("%Y-%m").to_string(),
            Precision::Day | Precision::Time => self.date.format("%Y-%m-%d").to_string(),
        }
    }

    /// `HH:MM` when the time of day is known.
    pub fn time_string(&self) -> Option<String> {
        match (self.precision, self.time) {
            (Precision::Time, Some(t)) => Some(t.format("%H:%M").to_string()),
            _ => None,
        }
    }
}
