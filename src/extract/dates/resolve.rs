//! Resolving: turning a scanned phrase into a calendar point, given the narrative's anchor.

use chrono::{Datelike, NaiveDate, NaiveTime, TimeDelta, Timelike};

use super::{DateExpr, Precision, TimeOfDay, When};

/// How far (in days) a year-less date may lie from the anchor before the neighbouring year is
/// taken instead: about six months either way.
const HALF_YEAR: i64 = 183;

/// A narrative that has reached this hour or later is "in the evening": a bare time of day
/// before [`SMALL_HOURS_END`] then means the next day.
const EVENING_START: u32 = 18;
const SMALL_HOURS_END: u32 = 6;

/// Resolves `expr` to a calendar point.
///
/// - `anchor`: the point the narrative has reached (the date of the previous message or the
///   last date mentioned). Relative phrases, times and weekdays need it; a year-less date uses
///   its year.
/// - `year_hint`: the publication year, used for a year-less date when there is no anchor.
/// - `not_after`: the publication date; a year-less date resolved from `year_hint` that would
///   fall after it is moved to the previous year.
///
/// Returns `None` when the phrase cannot be placed (no anchor for a relative phrase, an anchor
/// coarser than a day for a relative phrase, February 29 in a common year, an overflow).
pub fn resolve(
    expr: &DateExpr,
    anchor: Option<&When>,
    year_hint: Option<i32>,
    not_after: Option<NaiveDate>,
) -> Option<When> {
    match *expr {
        DateExpr::Absolute {
            year,
            month,
            day,
            time,
        } => {
            let year = match year {
                Some(y) => y,
                None => infer_year(month, day, anchor, year_hint, not_after)?,
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
                None => infer_year(month, None, anchor, year_hint, not_after)?,
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
                None => infer_year(11, Some(5), anchor, year_hint, not_after)?,
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
/// only names a year gives that year.
/// Without an anchor: `year_hint`, or the year of `not_after`; the previous year when the date
/// would fall after `not_after`.
fn infer_year(
    month: u32,
    day: Option<u32>,
    anchor: Option<&When>,
    year_hint: Option<i32>,
    not_after: Option<NaiveDate>,
) -> Option<i32> {
    if let Some(a) = anchor {
        let y = a.date.year();
        if a.precision == Precision::Year {
            return Some(y);
        }
        // A month alone is compared by its middle.
        let probe = probe_date(y, month, day.unwrap_or(15))?;
        let diff = (probe - a.date).num_days();
        return Some(if diff < -HALF_YEAR {
            y + 1
        } else if diff > HALF_YEAR {
            y - 1
        } else {
            y
        });
    }
    let y = year_hint.or(not_after.map(|d| d.year()))?;
    if let Some(limit) = not_after {
        let probe = probe_date(y, month, day.unwrap_or(1))?;
        if probe > limit {
            return Some(y - 1);
        }
    }
    Some(y)
}

/// The date for comparisons; February 29 of a common year counts as February 28.
fn probe_date(year: i32, month: u32, day: u32) -> Option<NaiveDate> {
    NaiveDate::from_ymd_opt(year, month, day).or_else(|| NaiveDate::from_ymd_opt(year, month, 28))
}
