//! The report as CSV (RFC 4180: comma-separated, fields quoted when they hold a comma, a
//! quote or a line break, quotes doubled, CRLF line ends), one row per event, for
//! spreadsheets. Notes on other items and orphans are left to the Markdown and JSON reports.
//!
//! Columns: `id, date, time, precision, approximate, date_source, date_basis, sender,
//! recipients, channel, text, status, reason, tags, starred, annotations, links, sources`, with
//! the meanings of `casefile timeline --json` for the event's fields. Several
//! values in one cell (tags, annotations, sources) are one per line.

use super::{EventEntry, Report};

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
    let e = entry.event;
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
        e.id.clone(),
        e.when.map(|w| w.date_string()).unwrap_or_default(),
        e.when.and_then(|w| w.time_string()).unwrap_or_default(),
        e.when
            .map(|w| w.precision.as_str().to_string())
            .unwrap_or_default(),
        e.when.is_some_and(|w| w.approximate).to_string(),
        e.date_basis
            .map(|b| b.as_str().to_string())
            .unwrap_or_default(),
        e.date_phrase.clone().unwrap_or_default(),
        r.case.sender_name(e),
        r.case.recipient_names(e).join("\n"),
        e.channel
            .map(|c| c.as_str().to_string())
            .unwrap_or_default(),
        e.text.clone(),
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
