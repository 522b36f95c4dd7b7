//! The report as JSON: `{case, filter, events, other_notes, orphans, footnotes}`.
//!
//! Each event has the timeline's fields as `crate::record` works them out (`id, date, time,
//! precision, approximate, date_basis, date_source, sender, recipients, channel, text`: the
//! record's [`Detail::Report`] shape), then a summary of its notes
//! (`status` and `verification` from the event's own note; `tags` and `starred` over the
//! event and its sources, as the filters read them), every note in full (`notes`), what links
//! to it (`backlinks`), its footnote numbers and its sources.

use serde::Serialize;

use super::{Citation, NoteEntry, Report};
use crate::notes::model::NoteFile;
use crate::record::{Detail, EventRecord, SourceRecord};

#[derive(Serialize)]
struct JsonReport {
    case: String,
    filter: JsonFilter,
    events: Vec<JsonEvent>,
    other_notes: Vec<JsonNote>,
    orphans: Vec<JsonNote>,
    footnotes: Vec<JsonFootnote>,
}

#[derive(Serialize)]
struct JsonFilter {
    tag: Option<String>,
    starred: bool,
}

#[derive(Serialize)]
struct JsonEvent {
    #[serde(flatten)]
    event: EventRecord,
    status: Option<&'static str>,
    verification: Option<JsonVerification>,
    tags: Vec<String>,
    starred: bool,
    notes: Vec<JsonNote>,
    backlinks: Vec<JsonLink>,
    footnotes: Vec<usize>,
    sources: Vec<SourceRecord>,
}

#[derive(Serialize)]
struct JsonNote {
    /// The item in the command-line form (`ev-…`, `article:…`, `passage:…`).
    item: String,
    kind: &'static str,
    /// How the item reads now.
    label: String,
    /// Set when the item moved, changed or is gone.
    remark: Option<String>,
    starred: bool,
    tags: Vec<String>,
    verification: Option<JsonVerification>,
    annotations: Vec<JsonAnnotation>,
    links: Vec<JsonLink>,
}

#[derive(Serialize)]
struct JsonVerification {
    status: &'static str,
    reason: String,
    sources: Vec<JsonSupport>,
    updated: String,
}

#[derive(Serialize)]
struct JsonSupport {
    item: String,
    label: String,
    footnote: Option<usize>,
}

#[derive(Serialize)]
struct JsonAnnotation {
    id: String,
    created: String,
    updated: String,
    text: String,
}

#[derive(Serialize)]
struct JsonLink {
    relation: String,
    /// The other end: the target of a link, or the source of a backlink.
    item: String,
    label: String,
}

#[derive(Serialize)]
struct JsonFootnote {
    number: usize,
    #[serde(flatten)]
    citation: Citation,
}

pub fn render(r: &Report) -> String {
    let report = JsonReport {
        case: r.case.name(),
        filter: JsonFilter {
            tag: r.filter.tag.clone(),
            starred: r.filter.starred,
        },
        events: r.events.iter().map(|entry| event(r, entry)).collect(),
        other_notes: r.others.iter().map(|n| note(r, n)).collect(),
        orphans: r.orphans.iter().map(|n| note(r, n)).collect(),
        footnotes: r
            .footnotes
            .iter()
            .enumerate()
            .map(|(i, &a)| JsonFootnote {
                number: i + 1,
                citation: r.citation(a),
            })
            .collect(),
    };
    let mut s = crate::text::clean::json_string(&report).unwrap_or_else(|_| "{}".into());
    s.push('\n');
    s
}

fn event(r: &Report, entry: &super::EventEntry) -> JsonEvent {
    let e = entry.event;
    let own = entry.own();
    let tags: Vec<String> = entry.tags().into_iter().map(str::to_string).collect();
    JsonEvent {
        event: EventRecord::of(r.case, e, Detail::Report),
        status: own
            .and_then(|n| n.file.verification.as_ref())
            .map(|v| v.status.as_str()),
        verification: own.and_then(|n| verification(r, n.file)),
        tags,
        starred: entry.notes.iter().any(|n| n.file.star),
        notes: entry.notes.iter().map(|n| note(r, n)).collect(),
        backlinks: entry
            .backlinks
            .iter()
            .map(|(from, relation)| JsonLink {
                relation: relation.clone(),
                item: from.spec(),
                label: r.item_label(from),
            })
            .collect(),
        footnotes: entry.cites.clone(),
        sources: e
            .sources
            .iter()
            .map(|s| SourceRecord {
                footnote: Some(r.footnote_of(s.article)),
                ..SourceRecord::of(r.case, s, Detail::Report)
            })
            .collect(),
    }
}

fn note(r: &Report, n: &NoteEntry) -> JsonNote {
    let f = n.file;
    JsonNote {
        item: f.item.spec(),
        kind: f.item.kind().as_str(),
        label: r.item_label(&f.item),
        remark: n.place.remark(),
        starred: f.star,
        tags: f.tags.clone(),
        verification: verification(r, f),
        annotations: f
            .annotations
            .iter()
            .map(|a| JsonAnnotation {
                id: a.id.clone(),
                created: a.created.to_rfc3339(),
                updated: a.updated.to_rfc3339(),
                text: a.text.clone(),
            })
            .collect(),
        links: f
            .links
            .iter()
            .map(|l| JsonLink {
                relation: l.relation.label().to_string(),
                item: l.to.spec(),
                label: r.item_label(&l.to),
            })
            .collect(),
    }
}

fn verification(r: &Report, f: &NoteFile) -> Option<JsonVerification> {
    let v = f.verification.as_ref()?;
    Some(JsonVerification {
        status: v.status.as_str(),
        reason: v.reason.clone(),
        sources: v
            .sources
            .iter()
            .map(|s| JsonSupport {
                item: s.spec(),
                label: r.item_label(s),
                footnote: r.footnote_of_item(s),
            })
            .collect(),
        updated: v.updated.to_rfc3339(),
    })
}
