//! The report as the JSON that Knight Lab's TimelineJS reads (its "JSON data format"): a
//! `title` slide and an `events` array of slides, each with `start_date {year, month, day,
//! hour, minute, display_date}` (only the parts the date's precision knows), `text {headline,
//! text}` (HTML: escaped words, the status, tags, notes and the numbered sources),
//! `media` (the first outlet's quotation as a `<blockquote>`, with the outlet as credit and
//! the article's URL as link), `group` (the sender, so each speaker gets a row) and
//! `unique_id` (the event id, stable for `hash_bookmark` links); those two are the event's
//! record's (`crate::record`).
//!
//! TimelineJS requires a start date, so undated events are left out; the title slide says
//! how many.

use serde::Serialize;

use super::{EventEntry, Report, count};
use crate::extract::DateBasis;
use crate::record::{Detail, EventRecord};
use crate::when::Precision;

#[derive(Serialize)]
struct Timeline {
    title: Slide,
    events: Vec<Slide>,
}

#[derive(Serialize)]
struct Slide {
    #[serde(skip_serializing_if = "Option::is_none")]
    start_date: Option<TlDate>,
    text: TlText,
    #[serde(skip_serializing_if = "Option::is_none")]
    media: Option<TlMedia>,
    #[serde(skip_serializing_if = "Option::is_none")]
    group: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    unique_id: Option<String>,
}

#[derive(Serialize)]
struct TlDate {
    year: i32,
    #[serde(skip_serializing_if = "Option::is_none")]
    month: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    day: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    minute: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    display_date: Option<String>,
}

#[derive(Serialize)]
struct TlText {
    headline: String,
    text: String,
}

#[derive(Serialize)]
struct TlMedia {
    url: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    caption: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    credit: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    link: Option<String>,
}

pub fn render(r: &Report) -> String {
    let events: Vec<Slide> = r.events.iter().filter_map(|e| slide(r, e)).collect();
    let undated = r.events.len() - events.len();
    let mut intro = format!(
        "<p>{} from {}, with the investigator's notes.</p>",
        count(events.len(), "event"),
        count(r.case.articles.len(), "article")
    );
    if undated > 0 {
        intro.push_str(&format!(
            "<p>Not shown: {} without a date (a timeline needs one).</p>",
            count(undated, "event")
        ));
    }
    let timeline = Timeline {
        title: Slide {
            start_date: None,
            text: TlText {
                headline: html(&r.case.name()),
                text: intro,
            },
            media: None,
            group: None,
            unique_id: None,
        },
        events,
    };
    let mut s = crate::text::clean::json_string(&timeline).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn slide(r: &Report, entry: &EventEntry) -> Option<Slide> {
    let e = entry.event;
    let w = e.when?;
    // The date's parts are TimelineJS's own shape; the sender and the id are the record's.
    let record = EventRecord::of(r.case, e, Detail::Report);
    use chrono::{Datelike, Timelike};
    let time = if w.precision == Precision::Time {
        w.time
    } else {
        None
    };
    let publication = e.date_basis == Some(DateBasis::Publication);
    let display_date = (w.approximate || publication).then(|| {
        let mut d = w.display();
        if publication {
            d.push_str(" (publication date)");
        }
        d
    });
    let start_date = TlDate {
        year: w.date.year(),
        month: (w.precision >= Precision::Month).then(|| w.date.month()),
        day: (w.precision >= Precision::Day).then(|| w.date.day()),
        hour: time.map(|t| t.hour()),
        minute: time.map(|t| t.minute()),
        display_date,
    };
    let starred = entry.notes.iter().any(|n| n.file.star);
    let headline = format!(
        "{}{}",
        if starred { "★ " } else { "" },
        html(&r.case.who(e, "→"))
    );
    Some(Slide {
        start_date: Some(start_date),
        text: TlText {
            headline,
            text: body(r, entry),
        },
        media: media(r, entry),
        group: record.sender,
        unique_id: Some(record.id),
    })
}

fn body(r: &Report, entry: &EventEntry) -> String {
    let e = entry.event;
    let mut s = format!("<p>“{}”</p>", html(&e.text));
    let own = entry.own();
    if let Some(v) = own.and_then(|n| n.file.verification.as_ref()) {
        s.push_str(&format!("<p><strong>{}</strong>", v.status.as_str()));
        if !v.reason.is_empty() {
            s.push_str(&format!(": {}", html(&v.reason)));
        }
        s.push_str("</p>");
    }
    let tags = entry.tags();
    if !tags.is_empty() {
        s.push_str(&format!("<p>Tags: {}</p>", html(&tags.join(", "))));
    }
    let notes: Vec<String> = entry
        .notes
        .iter()
        .flat_map(|n| n.file.annotations.iter())
        .map(|a| format!("<li>{}</li>", html(&a.text).replace('\n', "<br>")))
        .collect();
    if !notes.is_empty() {
        s.push_str(&format!("<ul>{}</ul>", notes.concat()));
    }
    let sources: Vec<String> = entry
        .cites
        .iter()
        .map(|&n| {
            let c = r.citation(r.footnotes[n - 1]);
            let mut li = format!(
                "<li>{}, “{}”, {}",
                html(&c.outlet),
                html(&c.title),
                c.date.as_deref().unwrap_or("undated")
            );
            if let Some(u) = &c.url {
                li.push_str(&format!(", <a href=\"{0}\">{0}</a>", html(u)));
            }
            li.push_str("</li>");
            li
        })
        .collect();
    if !sources.is_empty() {
        s.push_str(&format!("<p>Sources:</p><ol>{}</ol>", sources.concat()));
    }
    s
}

/// The first outlet's quotation, as a blockquote.
fn media(r: &Report, entry: &EventEntry) -> Option<TlMedia> {
    let src = entry.event.body_sources().next()?;
    let a = &r.case.articles[src.article];
    Some(TlMedia {
        url: format!("<blockquote>“{}”</blockquote>", html(&src.text(a))),
        caption: Some(html(&a.meta.title)),
        credit: Some(html(a.outlet_or_unknown())),
        link: a.meta.url.clone(),
    })
}

/// Escapes text for HTML.
fn html(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            _ => out.push(c),
        }
    }
    out
}
