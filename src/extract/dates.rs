//! Date and time expressions in running text, and how to resolve them to calendar points.
//!
//! Scanning and resolving are two steps on purpose: the caller knows the narrative (which date
//! is the anchor at this point of the article, which sentences are asides) and decides which
//! anchor a relative phrase ("the next morning", "two minutes later") is resolved against.
//!
//! - [`scan`] finds the phrases (`dates/scan.rs`, which runs the families in
//!   `dates/calendar.rs`, `dates/clock.rs` and `dates/relative.rs`, sharing `dates/words.rs`);
//! - [`resolve`] places one against an anchor (`dates/resolve.rs`);
//! - [`When::display`] shows the result.
//!
//! A sentence may hold several mentions about one moment ("The next morning, about 12 hours
//! later", "two days later, on October 14, 2016", "The next morning at 9am"). Which anchor
//! each gets is the caller's choice: a time after a relative day ("at 9am") needs the day's
//! result, while "about 12 hours later" is best counted from the original anchor (it then gives
//! 2016-09-21 ~11:59 rather than a bare day). Keeping the most precise result works for both.
//!
//! # Choices on ambiguous phrases
//!
//! Scanning:
//! - A clock time written right next to a calendar date (only spaces or a comma between) is
//!   merged into one `Absolute` with a time: "Just before the stroke of midnight on September
//!   20, 2016" is one mention, `Absolute { 2016-09-20, time: ~23:59 }`; so is "at 9:29 am on
//!   July 11". A time next to a weekday or a relative phrase stays a separate mention.
//! - "midnight", "at midnight", "the stroke of midnight", "just before midnight": 23:59,
//!   approximate, on the day being talked about (the end of that day). "after midnight",
//!   "shortly after midnight", "just past midnight": 00:00, approximate, `after_midnight`.
//!   Other qualifiers ("around 3pm", "shortly after 6pm", "before 9am") make the time
//!   approximate without moving it. Time zones ("5:26 PM ET") are read and dropped.
//! - "that day", "that night", "the same day" right after a time ("Shortly after midnight that
//!   day", "7:00pm that night") belong to the time mention: the time is resolved against the
//!   anchor, which is that day.
//! - A bare `H:MM` without am/pm is a time only with two hour digits ("18:35") or after a
//!   qualifier ("at 9:30"), so that "3:16" is not one; `H.MM` needs am/pm ("7.30pm").
//! - A month alone ("in May") only after in/since/until/by (and, for months other than May and
//!   March, during/through/throughout/from/till/before/after); never as an abbreviation. Month
//!   names and weekdays must be capitalized; the other words are case-insensitive.
//! - A bare year only after a preposition (in, since, until, till, by, of, from, during,
//!   through, throughout, before, after, circa, between; not "to" or "around": "rose to 2010
//!   from 1990") and followed by the end, punctuation, a capitalized word or a function word:
//!   "in 2016, the" and "since 2014 and" yes; "the 2016 presidential election" (ignored, not
//!   taken as a year), "in 2000 cases", "2,225", "$2016", "2004-05" no. "early/mid/late 2017"
//!   and "the end of 2004" are `Year`. Years are taken from 1800 to 2199 only.
//! - Weekdays: after on/last/next/the next/the following/this/this past/this coming/early/
//!   late (in the range) or since/by/until/from/before/after/over (not in the range), or bare
//!   when followed by the end, punctuation, "'s", a part of the day or a function word ("made
//!   public Monday.", "said Monday that"). Rejected: a weekday followed by another lowercase
//!   word ("this Wednesday leak"), a bare weekday followed by a capitalized word ("Sunday
//!   Times") or preceded by one that is not a function word ("Ash Wednesday", "Black Friday";
//!   "But Monday's vote" is kept), one glued to "@" or to a dash ("Monday-Friday"). "next",
//!   "the next", "the following" and "this coming" look forward; "last", "this" and the rest
//!   look back. A part of the day after it ("Tuesday morning") is part of the range but not of
//!   the expression.
//! - Counted offsets: "N minutes/hours/days/weeks/months/years later|earlier|afterwards|
//!   beforehand|previously" always; with "after|before|prior|on" only when the phrase ends
//!   there (punctuation or end, optionally "that": "two days after that,"). "three days after
//!   The New York Times broke the story" is relative to an unknown event: no mention. Weeks are
//!   7 days, months 30, years 365, all approximate; seconds round to minutes (approximate).
//!   Without a count: "minutes later" +5, "hours later"/"just hours later" +180, "days later"
//!   +2 days, "weeks later" +14, "months later" +60, "years later" +730, all approximate;
//!   "a few" 3, "several" 3, "a couple of" 2, approximate. "about", "around", "more than",
//!   "nearly", "some", "over" before the count make it approximate; "just", "only" do not.
//!   Counts above 100,000 are not offsets ("99999999999 days later": no mention).
//! - "the day before/after", "the night before", "the morning after" only when standalone
//!   (as above); "the day after the election" is no mention. "the same day" followed by
//!   that/as/when/where ("on the same day that Trump Jr. received ...") is no mention.
//!   "the next|following week/month/year" are +7/+30/+365 approximate.
//! - "yesterday", "today", "tomorrow", "tonight", "this morning", "last night" are scanned like
//!   any phrase; the caller drops them inside quotations.
//! - Not scanned: numeric dates such as "9/20/2016" (ambiguous order), "last year", "this
//!   month", "N days ago", seasons ("in the winter"), "in the morning" without a time, weekday
//!   abbreviations ("Tue."), named days ("Election Day").
//!
//! Resolving (see [`resolve_in`]):
//! - A year-less date takes the anchor's year, or the next year if that is more than ~6 months
//!   (183 days) before the anchor, or the previous year if more than ~6 months after it. With
//!   no anchor it is placed against the publication date by the tense of its clause
//!   ([`tense_at`]): told in the past ("said on Dec. 3"), the latest such date not after
//!   publication; told as to come ("will vote on Nov. 8", "is scheduled for"), the earliest
//!   not before it; otherwise ("would", a present tense, no verb) the nearest, which lies
//!   within ~6 months either way. With an anchor, a date told as to come is still not put
//!   before the publication date (2 days' slack). Callers should prefer an anchor when they have one:
//!   the publication date is a poor guide to a year-less date deep in a retrospective.
//! - A time alone takes the anchor's day. It rolls over to the next day when `after_midnight`
//!   is set (unless the anchor's own time is already before 06:00), or when the anchor's time
//!   is 18:00 or later and the time is before 06:00 ("at 11pm ... at 1:30am"). A time that came
//!   with its own date (`Absolute` with a time) never rolls over.
//! - Relative phrases, times and weekdays need an anchor that names at least a day; otherwise
//!   `None`. Minutes move the anchor's date and time when it has a time; without one, only
//!   whole days (`minutes / 1440`) move it and the result is a day.
//! - A weekday is the nearest such day on or before the anchor (on or after it for "next").
//! - Approximation: times carry their own flag; minutes are approximate if the phrase or the
//!   anchor is; relative days carry the phrase's flag only (the anchor's time does not make
//!   "the next morning" approximate); parts of months always are.

mod calendar;
mod clock;
mod named;
mod relative;
mod resolve;
mod scan;
mod tense;
mod words;

#[cfg(test)]
mod tests;

pub use resolve::{after_publication, resolve, resolve_in};
pub use scan::scan;
pub use tense::{Tense, tense_at};
// The date value lives below corpus and extract (`src/when.rs`); the date code here names it
// as its own.
pub use crate::when::{Precision, When};

use std::ops::Range;

use chrono::Weekday;
use serde::{Deserialize, Serialize};

/// Part of a day named by a relative phrase ("the next morning").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum PartOfDay {
    Morning,
    Afternoon,
    Evening,
    Night,
}

/// A time of day as written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeOfDay {
    pub hour: u32,
    pub minute: u32,
    pub approximate: bool,
    /// "shortly after midnight": the moment is past midnight, so when it is resolved against an
    /// anchor of the evening before, the day rolls over.
    pub after_midnight: bool,
}

/// Part of a month ("early October").
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub enum MonthPart {
    Early,
    Mid,
    Late,
}

/// What a date phrase says, before it is resolved against an anchor.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
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
    /// "Election Day" (US): the Tuesday after the first Monday of November, in an even year;
    /// the year from the phrase or the narrative.
    ElectionDay { year: Option<i32> },
    /// "on Monday", "last Friday": the nearest such weekday on or before the anchor
    /// (`forward` for "next Friday").
    Weekday { weekday: Weekday, forward: bool },
}

/// One date phrase found in a text: its byte range in the scanned text and what it says.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DateMention {
    pub range: Range<usize>,
    pub expr: DateExpr,
    /// For a month and day without a year, the tense of the phrase's clause: which side of
    /// the publication date they fall on. `Neutral` for the others.
    #[serde(default)]
    pub tense: Tense,
}

impl DateExpr {
    /// A month (and day) written without its year: it is placed by the narrative or by the
    /// publication date.
    pub fn lacks_year(&self) -> bool {
        matches!(
            self,
            DateExpr::Absolute { year: None, .. }
                | DateExpr::PartOfMonth { year: None, .. }
                | DateExpr::ElectionDay { year: None }
        )
    }
}
