//! Resolving: turning a scanned phrase into a calendar point, given the narrative's anchor.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike};

use super::{DateExpr, Precision, Tense, TimeOfDay, When};

/// How far (in days) a year-less date may lie from the anchor before the neighbouring year is
/// taken instead: about six months either way.
const HALF_YEAR: i64 = 183;

/// Days a year-less date told in the past may lie after the publication date (or one told as
/// to come, before it) and keep its year: the publication date may be the day after in the
/// writer's time zone, or the first of several updates.
const PUBLICATION_SLACK_DAYS: i64 = 2;

/// A narrative that has reached this hour or later is "in the evening": a bare time of day
/// before [`SMALL_HOURS_END`] then means the next day.
const EVENING_START: u32 = 18;
const SMALL_HOURS_END: u32 = 6;

/// Resolves `expr` to a calendar point, with no tense known: [`resolve_in`] with
/// [`Tense::Neutral`] and a publication date given as `not_after` (its day), or failing that
/// as `year_hint` (its year).
///
/// - `anchor`: the point the narrative has reached (the date of the previous message or the
///   last date mentioned). Relative phrases, times and weekdays need it; a year-less date uses
///   its year.
///
/// Returns `None` when the phrase cannot be placed (no anchor for a relative phrase, an anchor
/// coarser than a day for a relative phrase, February 29 in a common year, an overflow).
pub fn resolve(
    expr: &DateExpr,
    anchor: Option<&When>,
    year_hint: Option<i32>,
    not_after: Option<NaiveDate>,
) -> Option<When> {
    let published = not_after.map(When::day).or_else(|| {
        year_hint.and_then(|y| {
            Some(When {
                date: NaiveDate::from_ymd_opt(y, 1, 1)?,
                time: None,
                precision: Precision::Year,
                approximate: false,
            })
        })
    });
    resolve_in(expr, Tense::Neutral, anchor, published.as_ref())
}

/// Resolves `expr` to a calendar point.
///
/// - `tense`: the tense of the phrase's clause ([`super::tense_at`]); it decides on which side
///   of the publication date a year-less date falls.
/// - `anchor`: the point the narrative has reached (the date of the previous message or the
///   last date mentioned). Relative phrases, times and weekdays need it; a year-less date uses
///   its year.
/// - `published`: the article's publication date (a day, a month or a year), the reference
///   for a year-less date when there is no anchor, and a bound on it when there is one.
///
/// Returns `None` when the phrase cannot be placed (no anchor for a relative phrase, an anchor
/// coarser than a day for a relative phrase, February 29 in a common year, an overflow).
pub fn resolve_in(
    expr: &DateExpr,
    tense: Tense,
    anchor: Option<&When>,
    published: Option<&When>,
) -> Option<When> {
    let infer_year =
        |month: u32, day: Option<u32>| infer_year(month, day, anchor, published, tense);
    match *expr {
        DateExpr::Absolute {
            year,
            month,
            day,
            time,
        } => {
            let year = match year {
                Some(y) => y,
                None => infer_year(month, day)?,
            };
            let date = NaiveDate::from_ymd_opt(year, month, day.unwrap_or(1))?;
            Some(match (day, time) {
                (None, _) => When {
                    date,
                    time: None,
                    precision: Precision::Month,
                    approximate: false,
                },
                (Some(_), None) => When::day(date),
                // The phrase names its own day: "shortly after midnight on November 9" does
                // not roll over.
                (Some(_), Some(t)) => When {
                    date,
                    time: Some(clock(t)?),
                    precision: Precision::Time,
                    approximate: t.approximate,
                },
            })
        }
        DateExpr::PartOfMonth { year, month, .. } => {
            let year = match year {
                Some(y) => y,
                None => infer_year(month, None)?,
            };
            Some(When {
                date: NaiveDate::from_ymd_opt(year, month, 1)?,
                time: None,
                precision: Precision::Month,
                approximate: true,
            })
        }
        DateExpr::Year(y) => Some(When {
            date: NaiveDate::from_ymd_opt(y, 1, 1)?,
            time: None,
            precision: Precision::Year,
            approximate: false,
        }),
        DateExpr::Time(t) => {
            let a = day_anchor(anchor)?;
            let anchor_hour = anchor_time(a).map(|at| at.hour());
            let roll = if t.after_midnight {
                // Past midnight: the next day, unless the narrative is already in the small
                // hours of its day.
                anchor_hour.is_none_or(|h| h >= SMALL_HOURS_END)
            } else {
                anchor_hour.is_some_and(|h| h >= EVENING_START) && t.hour < SMALL_HOURS_END
            };
            let date = if roll {
                a.date.checked_add_signed(TimeDelta::try_days(1)?)?
            } else {
                a.date
            };
            Some(When {
                date,
                time: Some(clock(t)?),
                precision: Precision::Time,
                approximate: t.approximate,
            })
        }
        DateExpr::ElectionDay { year } => {
            let year = match year {
                Some(y) => y,
                None => infer_year(11, Some(5))?,
            };
            if year % 2 != 0 {
                return None;
            }
            let first = NaiveDate::from_ymd_opt(year, 11, 1)?;
            let to_monday = (7 - first.weekday().num_days_from_monday()) % 7;
            Some(When::day(first.checked_add_days(chrono::Days::new(
                u64::from(to_monday) + 1,
            ))?))
        }
        DateExpr::RelativeDays {
            days, approximate, ..
        } => {
            let a = day_anchor(anchor)?;
            Some(When {
                date: a.date.checked_add_signed(TimeDelta::try_days(days)?)?,
                time: None,
                precision: Precision::Day,
                approximate,
            })
        }
        DateExpr::RelativeMinutes {
            minutes,
            approximate,
        } => {
            let a = day_anchor(anchor)?;
            match anchor_time(a) {
                Some(t) => {
                    let dt = a
                        .date
                        .and_time(t)
                        .checked_add_signed(TimeDelta::try_minutes(minutes)?)?;
                    Some(When {
                        date: dt.date(),
                        time: Some(dt.time()),
                        precision: Precision::Time,
                        approximate: approximate || a.approximate,
                    })
                }
                None => {
                    // Without a time the day can only move by whole days.
                    let days = minutes / (24 * 60);
                    Some(When {
                        date: a.date.checked_add_signed(TimeDelta::try_days(days)?)?,
                        time: None,
                        precision: Precision::Day,
                        approximate,
                    })
                }
            }
        }
        DateExpr::Weekday { weekday, forward } => {
            let a = day_anchor(anchor)?;
            let from = a.date.weekday().num_days_from_monday() as i64;
            let to = weekday.num_days_from_monday() as i64;
            let offset = if forward {
                (to - from).rem_euclid(7)
            } else {
                -(from - to).rem_euclid(7)
            };
            Some(When::day(
                a.date.checked_add_signed(TimeDelta::try_days(offset)?)?,
            ))
        }
    }
}

/// The anchor if it names at least a day: counting days from "October 2016" is meaningless.
fn day_anchor(anchor: Option<&When>) -> Option<&When> {
    anchor.filter(|a| a.precision >= Precision::Day)
}

fn anchor_time(a: &When) -> Option<NaiveTime> {
    if a.precision == Precision::Time {
        a.time
    } else {
        None
    }
}

fn clock(t: TimeOfDay) -> Option<NaiveTime> {
    NaiveTime::from_hms_opt(t.hour, t.minute, 0)
}

/// The year of a year-less month (and day).
///
/// With an anchor: the anchor's year, moved by one when that puts the date more than about six
/// months before the anchor (next year: narratives move forward) or after it (previous year: a
/// look back, "(On December 7, Assange had released ...)" written in January). An anchor that
/// only names a year gives that year. A date told as to come is then not before the
/// publication date ([`PUBLICATION_SLACK_DAYS`] allowed): its year moves on by one when it
/// would be. A date told in the past is not held before publication: a past verb often
/// governs a plan ("proposed they debate on April 15", "announced a rally on May 3"), and a
/// live page tells of days after its first date; the narrative is the better guide there.
///
/// Without an anchor, the publication date is the reference (an article of 2016-10-20 writing
/// "on Nov. 8" means 2016-11-08): told in the past, the latest such date not after
/// publication ("said on Dec. 3" in January: the December before); told as to come, the
/// earliest not before it ("will speak on March 3" in June: next March); otherwise the nearest
/// one, which is always within about six months either way. A month without a day counts as
/// its whole span: "in November" in an article of November 13 is that November in every tense.
fn infer_year(
    month: u32,
    day: Option<u32>,
    anchor: Option<&When>,
    published: Option<&When>,
    tense: Tense,
) -> Option<i32> {
    let window = published.and_then(publication_window);
    if let Some(a) = anchor {
        let y = a.date.year();
        let y = if a.precision == Precision::Year {
            y
        } else {
            // A month alone is compared by its middle.
            let probe = probe_date(y, month, day.unwrap_or(15))?;
            let diff = (probe - a.date).num_days();
            if diff < -HALF_YEAR {
                y + 1
            } else if diff > HALF_YEAR {
                y - 1
            } else {
                y
            }
        };
        let Some(window) = window else {
            return Some(y);
        };
        let span = span_of(y, month, day)?;
        return Some(match tense {
            Tense::Future if span.1 < window.0 - slack() => y + 1,
            _ => y,
        });
    }
    let window = window?;
    let y = window.0.year();
    let mut candidates = Vec::with_capacity(3);
    for year in [y - 1, y, y + 1] {
        candidates.push((year, span_of(year, month, day)?));
    }
    let chosen = match tense {
        Tense::Past => candidates
            .iter()
            .rev()
            .find(|(_, span)| span.0 <= window.1 + slack()),
        Tense::Future => candidates
            .iter()
            .find(|(_, span)| span.1 >= window.0 - slack()),
        Tense::Neutral => candidates.iter().min_by_key(|(_, span)| {
            if span.1 < window.0 {
                (window.0 - span.1).num_days()
            } else if span.0 > window.1 {
                (span.0 - window.1).num_days()
            } else {
                0
            }
        }),
    };
    chosen.map(|(year, _)| *year)
}

/// Is `when` after the article's publication date (with [`PUBLICATION_SLACK_DAYS`])? Nothing
/// quoted in the article was said then: such a date tells of a plan ("the June 7 primary",
/// "will debate on Oct. 9", "proposed they debate on April 15"), or is a reading of a
/// year-less date the text did not mean ("by Election Day, he was hovering near 60%" in a
/// passage on 2000). It dates no message and does not move the narrative.
pub fn after_publication(when: &When, published: Option<&When>) -> bool {
    published
        .and_then(publication_window)
        .is_some_and(|window| when.date > window.1 + slack())
}

fn slack() -> TimeDelta {
    TimeDelta::days(PUBLICATION_SLACK_DAYS)
}

/// The first and last day a publication date covers: its day, its month or its year.
fn publication_window(p: &When) -> Option<(NaiveDate, NaiveDate)> {
    let d = p.date;
    Some(match p.precision {
        Precision::Day | Precision::Time => (d, d),
        Precision::Month => (d.with_day(1)?, last_of_month(d.year(), d.month())?),
        Precision::Year => (
            NaiveDate::from_ymd_opt(d.year(), 1, 1)?,
            NaiveDate::from_ymd_opt(d.year(), 12, 31)?,
        ),
    })
}

/// The days a year-less month (and day) covers in `year`.
fn span_of(year: i32, month: u32, day: Option<u32>) -> Option<(NaiveDate, NaiveDate)> {
    Some(match day {
        Some(d) => {
            let date = probe_date(year, month, d)?;
            (date, date)
        }
        None => (
            NaiveDate::from_ymd_opt(year, month, 1)?,
            last_of_month(year, month)?,
        ),
    })
}

fn last_of_month(year: i32, month: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, 1)?
        .checked_add_months(chrono::Months::new(1))?
        .pred_opt()
}

/// The date for comparisons; February 29 of a common year counts as February 28.
fn probe_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
}
