//! A calendar point as precise as the text gave it (`When`, with its `Precision`). It is a plain
//! value that the corpus (front matter, publication dates), the extractor (dates in the text),
//! the timeline and the outputs all hold, so it sits below all of them; finding dates in text
//! is `extract::dates`.

use chrono::{NaiveDate, NaiveTime};
use serde::{Deserialize, Serialize};

/// How much of a calendar point the text gave.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Precision {
    Year,
    Month,
    Day,
    /// Day and time of day.
    Time,
}

impl Precision {
    /// The name the JSON and CSV outputs use (the same as its serde form).
    pub fn as_str(self) -> &'static str {
        match self {
            Precision::Year => "year",
            Precision::Month => "month",
            Precision::Day => "day",
            Precision::Time => "time",
        }
    }
}

/// A calendar point as precise as the text allows. Fields below `precision` are filled with
/// the first valid value (day 1 for a month) and must not be shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct When {
    pub date: NaiveDate,
    pub time: Option<NaiveTime>,
    pub precision: Precision,
    /// "just before midnight", "about 12 hours later", "early October": near, not exact.
    pub approximate: bool,
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

    /// Why [`When::parse_iso`] refused `s`, in words: a date written right that does not
    /// exist ("2016-02-30 does not exist: February 2016 has 29 days"), else a wrong shape.
    pub fn iso_problem(s: &str) -> String {
        let s = s.trim();
        let numbers: Option<Vec<u32>> = s.split('-').map(|p| p.parse().ok()).collect();
        let shape = format!("{s} is not a date: write YYYY-MM-DD, YYYY-MM or YYYY");
        let Some(numbers) = numbers else {
            return shape;
        };
        let Ok(year) = i32::try_from(numbers[0]) else {
            return shape;
        };
        match numbers[1..] {
            [month, ..] if !(1..=12).contains(&month) => {
                format!("{s} does not exist: there is no month {month}")
            }
            [month, day] => {
                let first = NaiveDate::from_ymd_opt(year, month, 1);
                let next = first.and_then(|d| d.checked_add_months(chrono::Months::new(1)));
                match (first, next) {
                    (Some(first), Some(next)) if day > 0 => format!(
                        "{s} does not exist: {} has {} days",
                        first.format("%B %Y"),
                        (next - first).num_days()
                    ),
                    _ => format!("{s} does not exist: there is no day {day}"),
                }
            }
            _ => shape,
        }
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

    /// A human form: `2016-09-20`, `2016-09-20 18:35`, `2016-10`, `2016`, with a leading `~`
    /// when approximate (`~2016-09-20 23:59`).
    pub fn display(&self) -> String {
        let mut s = String::with_capacity(17);
        if self.approximate {
            s.push('~');
        }
        s.push_str(&self.date_string());
        if let Some(t) = self.time_string() {
            s.push(' ');
            s.push_str(&t);
        }
        s
    }
}
