//! What an article's own text says about where and when it was published, for what the front
//! matter leaves empty: articles saved as text keep a "Source: https://…" line, a "Published
//! 3:04 PM ET Tue, 14 Nov 2017" line, a wire dateline ("WASHINGTON, Nov 14 (Reuters) -") or a
//! date alone under the headline.
//!
//! Where each is looked for (never in the middle of the story, where dates and links are about
//! what the story tells):
//! - the URL: a line near the top or the bottom that is a URL after a label ("Source:", "URL:",
//!   "Link:", "Originally published at"), else a URL alone on the first or the last line of the
//!   text (not the last of a list of links);
//! - a "Published"/"Posted"/"Updated"/"Last modified"/"Date:" line, or a byline with a date,
//!   near the top or the bottom; "Published" and "Posted" win over "Updated" on the same page;
//! - a dateline: the place, the date, an agency in parentheses and a dash opening one of the
//!   first lines; or a date (with its year, perhaps a weekday and a time) alone on a line near
//!   the top.
//!
//! and the file's own name, when it holds a date (`atlantic-2017-11-13.txt`, as `casefile add`
//! names what it saves, or `2017/11/13/story.txt`).
//!
//! # Which date wins
//! Front matter, then a "Published" line, then a dateline, then the URL, then the file name. The front matter is
//! what the user (or `casefile add`, reading the page's own metadata) wrote down on purpose. A
//! "Published" line is the page stating its own date. A dateline says when the story was
//! filed, which is the publication date for news but may precede it for a feature, and it
//! often leaves out the year. A URL's date is the day the publishing system made the page (a
//! draft, or the first version of a page updated since), and a path may hold a date that is
//! not the page's at all ("/2016/11/08-results" for a story on that election). A file name is
//! whatever whoever saved the file chose: the story's day, or the day it was saved. A less trusted
//! source never overrides a more trusted one, except to make it finer: a front matter or URL
//! that gives only the month is completed by a day in that month from another source (the
//! date then counts as that source's).
//!
//! A dateline or a "Published" line without a year ("Nov 14") takes the year of another
//! source (the other line, the URL, the file name, a "© 2017" line), placed nearest to it; with
//! none it gives no date: a month and day alone could be any year.
//!
//! The outlet, when the front matter names none, is the URL's host without `www.`
//! (`theatlantic.com`, as `casefile add` names a page whose site gives no name), else the
//! agency of the dateline ("Reuters").

use std::ops::Range;

use regex::Regex;

use super::model::{ArticleMeta, DateSource};
use crate::extract::dates::{self, DateExpr, Tense};
use crate::static_regex::{StaticRegex, seldom_captures};
use crate::when::{Precision, When};
use dateline::wire_dateline;

/// Non-empty lines read from the top of the text, and from the bottom.
const TOP_LINES: usize = 15;
const BOTTOM_LINES: usize = 10;
/// Lines this close to the top may hold a dateline or a date alone.
const DATELINE_LINES: usize = 8;
/// Longest line read as a "Published" line, a byline or a date alone.
const MAX_META_LINE: usize = 200;
const MAX_DATE_LINE: usize = 80;

static URL_LINE: StaticRegex = StaticRegex::new(|| {
    Regex::new(
        r"(?i)^(?P<label>(?:source|url|link|permalink|canonical(?:\s+url)?|web\s+address|address|original(?:\s+url)?|(?:originally\s+|first\s+)?published\s+(?:at|on|in)|(?:this\s+(?:article|story|post)\s+)?(?:originally\s+)?appeared\s+(?:at|on|in)|read\s+(?:it|the\s+original|the\s+full\s+(?:article|story)|more)\s+(?:at|on)|retrieved\s+from|available\s+(?:at|from)|from|via)\s*[:\-–—]?\s*)?<?(?P<url>https?://[^\s<>]+?)>?[.,;)]?$",
    )
    .expect("url line")
});

static PUBLISHED_KEYWORD: StaticRegex = StaticRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:(?P<pub>(?:originally\s+|first\s+)?(?:published|posted)|dated|issued)|(?P<upd>(?:last\s+)?(?:updated|modified))|(?P<date>date)\s*:)",
    )
    .expect("published keyword")
});

/// "By Jane Roe", opening a line.
static BYLINE: StaticRegex = StaticRegex::new(|| Regex::new(r"^(?i:by)\s+\p{Lu}").expect("byline"));

/// "© 2017", "Copyright 2004-2017", "(c) 2017".
static COPYRIGHT: StaticRegex = StaticRegex::new(|| {
    Regex::new(
        r"(?i)(?:©|\(c\)|copyright)\s*(?:©\s*)?(?:(?:19|20)\d\d\s*[-–]\s*)?(?P<y>(?:19|20)\d\d)\b",
    )
    .expect("copyright")
});

/// A date written with numbers: `11/14/2017`, `14.11.2017`, `2017/11/14`.
static NUMERIC_DATE: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"\b(?:(?P<a>\d{1,2})[/.](?P<b>\d{1,2})[/.](?P<y>(?:19|20)\d\d)|(?P<y2>(?:19|20)\d\d)/(?P<m2>\d{1,2})/(?P<d2>\d{1,2}))\b")
        .expect("numeric date")
});

/// A date in a URL's path: `/2017/11/14/`, `2017-11-14`, `20171114`; else `/2017/11/`.
static URL_DAY: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"(?:^|[/_-])(?P<y>(?:19|20)\d\d)[/-]?(?P<m>0[1-9]|1[0-2])[/-]?(?P<d>0[1-9]|[12]\d|3[01])(?:[/_.-]|$)")
        .expect("url day")
});
static URL_MONTH: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"/(?P<y>(?:19|20)\d\d)/(?P<m>0[1-9]|1[0-2])(?:/|$)").expect("url month")
});

/// A month in a file's path: `-2017-11.`, `/2017/11/`, `_2017_11_`.
static FILE_MONTH: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"[/_-](?P<y>(?:19|20)\d\d)[/_-](?P<m>0[1-9]|1[0-2])(?:[/_.-]|$)")
        .expect("file month")
});

/// Words that may stand beside a date alone on its line: weekdays, times, zones.
#[rustfmt::skip]
const DATE_LINE_WORDS: &[&str] = &[
    "at", "on", "am", "pm", "a", "m", "p", "noon", "midnight", "mon", "tue", "tues", "wed", "thu",
    "thur", "thurs", "fri", "sat", "sun", "monday", "tuesday", "wednesday", "thursday", "friday",
    "saturday", "sunday",
];

/// A date found in one place, perhaps without its year.
#[derive(Debug, Clone)]
struct Found {
    expr: DateExpr,
}

/// A paragraph of the body as the readers here see it: its first line, and whether that is all
/// of it (a "line of its own"; a date at the end of a hard-wrapped line is not one).
#[derive(Debug, Clone, Copy)]
struct Para<'a> {
    first: &'a str,
    single: bool,
}

/// Fills what the front matter left empty in `meta` (publication date and where it came from,
/// URL, outlet) from the body's `paragraphs` (ranges into `text`) and from the file's `id`
/// (its path in the corpus).
pub(crate) fn fill(text: &str, paragraphs: &[Range<usize>], id: &str, meta: &mut ArticleMeta) {
    let day_known = meta
        .published
        .is_some_and(|w| w.precision >= Precision::Day);
    if day_known && meta.outlet.is_some() && meta.url.is_some() {
        return;
    }
    let paras: Vec<Para> = paragraphs
        .iter()
        .filter_map(|r| {
            let body = text.get(r.clone())?.trim();
            let first = body.lines().next()?.trim();
            (!first.is_empty()).then_some(Para {
                first,
                single: first.len() == body.len(),
            })
        })
        .collect();
    let top = &paras[..paras.len().min(TOP_LINES)];
    let bottom_start = paras.len().saturating_sub(BOTTOM_LINES).max(top.len());
    let bottom = &paras[bottom_start..];
    let edges = || top.iter().chain(bottom.iter()).copied();
    let own_lines = || edges().filter(|p| p.single).map(|p| p.first);
    let head = || top.iter().take(DATELINE_LINES).copied();

    if meta.url.is_none() {
        meta.url = find_url(&paras, own_lines());
    }
    let wire = head().find_map(|p| wire_dateline(p.first));
    if meta.outlet.is_none() {
        meta.outlet = meta
            .url
            .as_deref()
            .and_then(crate::import::metadata::host_of)
            .or_else(|| wire.as_ref().and_then(|w| w.agency.clone()));
    }
    if day_known {
        return;
    }

    let url_date = meta.url.as_deref().and_then(date_of_url);
    let file_date = date_of_file_name(id);
    let published_line = published_line(own_lines());
    let dateline = wire.and_then(|w| w.date).or_else(|| {
        head()
            .filter(|p| p.single)
            .find_map(|p| date_alone(p.first))
    });
    let copyright = edges().find_map(|p| {
        let l = p.first;
        let y: i32 = seldom_captures(&COPYRIGHT.get(), l)?
            .name("y")?
            .as_str()
            .parse()
            .ok()?;
        year_when(y)
    });
    // A year for the month-days that lack one: the nearest to a dated source.
    let reference = meta
        .published
        .or_else(|| published_line.as_ref().and_then(|f| resolve(f, None)))
        .or(url_date)
        .or_else(|| dateline.as_ref().and_then(|f| resolve(f, None)))
        .or(file_date)
        .or(copyright);
    let candidates = [
        (DateSource::FrontMatter, meta.published),
        (
            DateSource::PublishedLine,
            published_line.and_then(|f| resolve(&f, reference.as_ref())),
        ),
        (
            DateSource::Dateline,
            dateline.and_then(|f| resolve(&f, reference.as_ref())),
        ),
        (DateSource::Url, url_date),
        (DateSource::FileName, file_date),
    ];
    if let Some((source, when)) = choose(&candidates) {
        meta.published = Some(when);
        meta.published_from = Some(source);
    }
}

/// The most trusted date, made finer by a less trusted one that falls inside it.
fn choose(candidates: &[(DateSource, Option<When>)]) -> Option<(DateSource, When)> {
    let mut dated = candidates.iter().filter_map(|(s, w)| Some((*s, (*w)?)));
    let mut best = dated.next()?;
    for (source, when) in dated {
        if when.precision > best.1.precision && within(&when, &best.1) {
            best = (source, when);
        }
    }
    Some(best)
}

/// Does `fine` fall inside the month or year that `coarse` names?
fn within(fine: &When, coarse: &When) -> bool {
    use chrono::Datelike;
    match coarse.precision {
        Precision::Year => fine.date.year() == coarse.date.year(),
        Precision::Month => {
            fine.date.year() == coarse.date.year() && fine.date.month() == coarse.date.month()
        }
        Precision::Day | Precision::Time => false,
    }
}

/// A found date as a day (a year-less one placed nearest to `reference`).
fn resolve(found: &Found, reference: Option<&When>) -> Option<When> {
    if found.expr.lacks_year() && reference.is_none() {
        return None;
    }
    let mut when = dates::resolve_in(&found.expr, Tense::Neutral, None, reference)?;
    if when.precision < Precision::Day {
        return None;
    }
    // The publication date is a day: a time of day beside it is not kept.
    when.precision = Precision::Day;
    when.time = None;
    when.approximate = false;
    Some(when)
}

fn year_when(y: i32) -> Option<When> {
    Some(When {
        date: chrono::NaiveDate::from_ymd_opt(y, 1, 1)?,
        time: None,
        precision: Precision::Year,
        approximate: false,
    })
}

/// The article's URL: a labelled line of its own near either end, else a URL alone on the
/// first line or on the last one (unless the one before is a URL too: a list of links).
fn find_url<'a>(paras: &[Para], mut own_lines: impl Iterator<Item = &'a str>) -> Option<String> {
    let url_of = |p: &Para, labelled: bool| {
        if !p.single {
            return None;
        }
        let c = seldom_captures(&URL_LINE.get(), p.first)?;
        (!labelled || c.name("label").is_some()).then(|| c["url"].to_string())
    };
    let labelled = own_lines.find_map(|l| {
        url_of(
            &Para {
                first: l,
                single: true,
            },
            true,
        )
    });
    if labelled.is_some() {
        return labelled;
    }
    if let Some(url) = paras.first().and_then(|p| url_of(p, false)) {
        return Some(url);
    }
    let n = paras.len();
    let listed = n >= 2 && url_of(&paras[n - 2], false).is_some();
    if listed {
        return None;
    }
    url_of(paras.last()?, false)
}

/// The date in a URL's path: a day, else a `/YYYY/MM/` month.
pub(crate) fn date_of_url(url: &str) -> Option<When> {
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &rest[rest.find('/')?..];
    let path = path.split(['?', '#']).next().unwrap_or(path);
    let num = |c: &regex::Captures, k: &str| c.name(k)?.as_str().parse::<u32>().ok();
    if let Some(c) = URL_DAY.get().captures(path) {
        let date =
            chrono::NaiveDate::from_ymd_opt(num(&c, "y")? as i32, num(&c, "m")?, num(&c, "d")?)?;
        return Some(When::day(date));
    }
    let c = URL_MONTH.get().captures(path)?;
    Some(When {
        date: chrono::NaiveDate::from_ymd_opt(num(&c, "y")? as i32, num(&c, "m")?, 1)?,
        time: None,
        precision: Precision::Month,
        approximate: false,
    })
}

/// The date in a file's path: a day (`atlantic-2017-11-13.txt`, `2017/11/13/x.txt`,
/// `x_20171113.txt`), else a month (`new-republic-2017-11.txt`, `2017/11/x.txt`), as
/// `casefile add` and people name saved articles.
fn date_of_file_name(id: &str) -> Option<When> {
    let path = format!("/{id}");
    let num = |c: &regex::Captures, k: &str| c.name(k)?.as_str().parse::<u32>().ok();
    if let Some(c) = URL_DAY.get().captures(&path) {
        let date =
            chrono::NaiveDate::from_ymd_opt(num(&c, "y")? as i32, num(&c, "m")?, num(&c, "d")?)?;
        return Some(When::day(date));
    }
    let c = FILE_MONTH.get().captures(&path)?;
    Some(When {
        date: chrono::NaiveDate::from_ymd_opt(num(&c, "y")? as i32, num(&c, "m")?, 1)?,
        time: None,
        precision: Precision::Month,
        approximate: false,
    })
}

/// The first calendar date (a day, with or without its year) in `text`, with where it starts.
fn first_date(text: &str) -> Option<(usize, Found)> {
    let written = dates::scan(text).into_iter().find_map(|m| match m.expr {
        DateExpr::Absolute { day: Some(_), .. } => Some((m.range.start, m.expr)),
        _ => None,
    });
    let numeric = numeric_date(text);
    let (at, expr) = match (written, numeric) {
        (Some(w), Some(n)) if n.0 < w.0 => n,
        (Some(w), _) => w,
        (None, n) => n?,
    };
    Some((at, Found { expr }))
}

/// Are the words of `s` only those that stand beside a date on a line of its own: weekdays,
/// "at", "on", clock digits, time zones ("3:04 PM ET Tue,")?
fn only_date_words(s: &str) -> bool {
    s.split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .all(|w| {
            let lower = w.to_lowercase();
            DATE_LINE_WORDS.contains(&lower.as_str())
                || (w.len() <= 4 && w.chars().all(|c| c.is_ascii_uppercase()))
                || (w.len() <= 2 && w.chars().all(|c| c.is_ascii_digit()))
        })
}

/// The first date of `s` when nothing but date words comes before it ("on", "3:04 PM ET
/// Tue,"); what follows it does not matter ("by Jane Roe", "at 5:01 p.m.").
fn leading_date(s: &str) -> Option<Found> {
    let (at, found) = first_date(s)?;
    only_date_words(&s[..at]).then_some(found)
}

/// `11/14/2017` (month first: the day is past 12), `14.11.2017`, `2017/11/14`; a form where
/// either number may be the month (`3/4/2017`) is no date.
fn numeric_date(text: &str) -> Option<(usize, DateExpr)> {
    let c = seldom_captures(&NUMERIC_DATE.get(), text)?;
    let num = |k: &str| c.name(k).and_then(|m| m.as_str().parse::<u32>().ok());
    let (year, month, day) = if let Some(y) = num("y2") {
        (y, num("m2")?, num("d2")?)
    } else {
        let (a, b, y) = (num("a")?, num("b")?, num("y")?);
        match (a > 12, b > 12) {
            (true, false) => (y, b, a),
            (false, true) => (y, a, b),
            _ => return None,
        }
    };
    chrono::NaiveDate::from_ymd_opt(year as i32, month, day)?;
    Some((
        c.get(0)?.start(),
        DateExpr::Absolute {
            year: Some(year as i32),
            month,
            day: Some(day),
            time: None,
        },
    ))
}

/// The date of a "Published …"/"Updated …" line or of a byline with a date; "Published" and
/// "Posted" on any of the lines win over "Updated". The date must follow its keyword with
/// nothing but date words between ("Published 3:04 PM ET Tue, 14 Nov 2017"), so that a
/// sentence opening with "Posted on social media on Oct. 3, …" is no such line.
fn published_line<'a>(lines: impl Iterator<Item = &'a str>) -> Option<Found> {
    let mut updated: Option<Found> = None;
    for line in lines {
        if line.len() > MAX_META_LINE {
            continue;
        }
        let keywords: Vec<regex::Captures> = PUBLISHED_KEYWORD.get().captures_iter(line).collect();
        let byline = BYLINE.get().is_match(line);
        let opens = keywords.first().is_some_and(|k| {
            let before = &line[..k.get(0).map_or(0, |m| m.start())];
            before
                .to_lowercase()
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .all(|w| matches!(w, "this" | "article" | "story" | "post" | "piece" | "was"))
        });
        if !opens && !byline {
            continue;
        }
        if keywords.is_empty() {
            // A byline with a date after a separator: "By Jane Roe | November 14, 2017".
            let date = line
                .split(['|', '•', '·', '—', '–'])
                .skip(1)
                .find_map(|part| date_alone(part.trim()));
            if let Some(found) = date {
                return Some(found);
            }
            continue;
        }
        for (i, k) in keywords.iter().enumerate() {
            let from = k.get(0).map_or(0, |m| m.end());
            let to = keywords
                .get(i + 1)
                .and_then(|n| n.get(0))
                .map_or(line.len(), |m| m.start());
            let Some(found) = leading_date(&line[from..to]) else {
                continue;
            };
            if k.name("upd").is_some() {
                updated.get_or_insert(found);
            } else {
                return Some(found);
            }
        }
    }
    updated
}

/// A line that is a date with its year, perhaps with a weekday, a time and a time zone
/// ("Tuesday 14 November 2017 10.02 GMT", "November 14, 2017").
fn date_alone(line: &str) -> Option<Found> {
    if line.len() > MAX_DATE_LINE || !line.contains(|c: char| c.is_ascii_digit()) {
        return None;
    }
    let found = dates::scan(line);
    let date = found.iter().find(|m| {
        matches!(
            m.expr,
            DateExpr::Absolute {
                year: Some(_),
                day: Some(_),
                ..
            }
        )
    })?;
    let mut rest = line.to_string();
    for m in &found {
        if matches!(m.expr, DateExpr::Absolute { .. } | DateExpr::Time(_)) {
            rest.replace_range(m.range.clone(), &" ".repeat(m.range.len()));
        }
    }
    only_date_words(&rest).then(|| Found {
        expr: date.expr.clone(),
    })
}

mod dateline;
#[cfg(test)]
mod tests;
