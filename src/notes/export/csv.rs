//! The report as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a
//! quote or a line break, quotes doubled, CRLF line ends), one row per event, for
//! spreadsheets. Notes on other items and orphans are left to the Markdown and JSON reports.
//!
//! Columns: `id, date, time, precision, approximate, date_source, date_basis, sender,
//! recipients, channel, text, status, reason, tags, starred, annotations, links, sources`: the
//! event's fields are those of its record (`crate::record`, the export's JSON shape), empty
//! when null. Several
//! values in one cell (tags, annotations, sources) are one per line.

use super::{EventEntry, Report};
use crate::record::{Detail, EventRecord};

const HEADER: [&str; 18] = [
    "id",
    "date",
    "time",
    "precision",
    "approximate",
    "date_source",
    "date_basis",
    "sender",
    "recipients",
    "channel",
    "text",
    "status",
    "reason",
    "tags",
    "starred",
    "annotations",
    "links",
    "sources",
];

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    row(&mut out, HEADER.iter().map(|s| s.to_string()));
    for entry in &r.events {
        row(&mut out, fields(r, entry).into_iter());
    }
    out
}

fn fields(r: &Report, entry: &EventEntry) -> Vec<String> {
    let e = EventRecord::of(r.case, entry.event, Detail::Report);
    let own = entry.own().and_then(|n| n.file.verification.as_ref());
    let tags = entry.tags();
    let annotations: Vec<String> = entry
        .notes
        .iter()
        .flat_map(|n| n.file.annotations.iter())
        .map(|a| format!("[{}] {}", a.created.format("%Y-%m-%d %H:%M"), a.text))
        .collect();
    let links: Vec<String> = entry
        .notes
        .iter()
        .flat_map(|n| n.file.links.iter())
        .map(|l| format!("{} {}", l.relation.label(), l.to.spec()))
        .collect();
    let sources: Vec<String> = entry
        .cites
        .iter()
        .map(|&n| format!("[{n}] {}", r.citation(r.footnotes[n - 1])))
        .collect();
    vec![
        e.id,
        e.date.unwrap_or_default(),
        e.time.unwrap_or_default(),
        e.precision.unwrap_or_default().to_string(),
        e.approximate.to_string(),
        e.date_source.unwrap_or_default().to_string(),
        e.date_basis.unwrap_or_default(),
        e.sender.unwrap_or_default(),
        e.recipients.join("\n"),
        e.channel.unwrap_or_default().to_string(),
        e.text,
        own.map(|v| v.status.as_str().to_string())
            .unwrap_or_default(),
        own.map(|v| v.reason.clone()).unwrap_or_default(),
        tags.join("\n"),
        entry.notes.iter().any(|n| n.file.star).to_string(),
        annotations.join("\n"),
        links.join("\n"),
        sources.join("\n"),
    ]
}

fn row(out: &mut String, fields: impl Iterator<Item = String>) {
    let cells: Vec<String> = fields.map(|f| cell(&f)).collect();
    out.push_str(&cells.join(","));
    out.push_str("\r\n");
}

/// One field, quoted when it must be.
fn cell(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::cell;

    #[test]
    fn cells_are_quoted_when_needed() {
        assert_eq!(cell("plain"), "plain");
        assert_eq!(cell("a, b"), "\"a, b\"");
        assert_eq!(cell("say \"hi\""), "\"say \"\"hi\"\"\"");
        assert_eq!(cell("two\nlines"), "\"two\nlines\"");
    }
}
