//! An event as the outputs write it: `casefile timeline --json` and `show --json`, and the
//! notes export's JSON, CSV and TimelineJS. Each field is worked out here, once, from the
//! timeline; each output takes the record and adds its own (the export: the notes and the
//! footnotes).
//!
//! The two JSON shapes carry different fields: [`Detail::Full`] has everything the timeline
//! knows (date versions, how the recipients and the channel were found, each source's
//! attribution and wording differences), [`Detail::Report`] what the export has always had. The
//! fields only one of them has are `Option`s left out of the other (`skip_serializing_if`);
//! a field that is `null` in the full record when unknown is an `Option` in that `Option`.
//! Both are written in the order of this struct, so the export's events list `date_basis`
//! before `date_source`, as the command line's always have.

use serde::Serialize;

use crate::Case;
use crate::timeline::{Difference, Event, Source, SourceKind};

/// Which of the two shapes a record takes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Detail {
    /// The command line's JSON: every field; the sender as found (its name, or the words
    /// that name it), `null` when unknown.
    Full,
    /// The notes export: the sender as people read it (“the words” when unresolved,
    /// `unknown`), and no date versions, basis of recipients or channel, nor attribution of
    /// sources.
    Report,
}

/// An event's own fields.
#[derive(Debug, Clone, Serialize)]
pub struct EventRecord {
    pub id: String,
    /// "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" at lower precision), or null.
    pub date: Option<String>,
    /// "HH:MM" or null.
    pub time: Option<String>,
    /// year | month | day | time
    pub precision: Option<&'static str>,
    pub approximate: bool,
    /// The words the date was read from.
    pub date_basis: Option<String>,
    /// sentence | back-reference | paragraph | context | publication
    pub date_source: Option<&'static str>,
    /// Full only: the other dates the sources give.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub date_versions: Option<Vec<DateVersionRecord>>,
    pub sender: Option<String>,
    pub recipients: Vec<String>,
    /// Full only.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub recipients_inferred: Option<bool>,
    pub channel: Option<&'static str>,
    /// Full only (and then `null` when no words gave the channel).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub channel_basis: Option<Option<String>>,
    pub text: String,
}

#[derive(Debug, Clone, Serialize)]
pub struct DateVersionRecord {
    pub date: String,
    pub time: Option<String>,
    pub basis: String,
    pub sources: Vec<usize>,
}

/// One source excerpt of an event.
#[derive(Debug, Clone, Serialize)]
pub struct SourceRecord {
    /// The export's footnote for the article (`null` when it has none); set by the export.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub footnote: Option<Option<usize>>,
    pub article: String,
    pub outlet: Option<String>,
    pub title: String,
    /// Full only: body | comments.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub section: Option<&'static str>,
    /// Full only: quoted | fragment | unquoted.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub kind: Option<&'static str>,
    /// The words this source quotes.
    pub quote: String,
    /// Full only: the paragraph around them.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub excerpt: Option<String>,
    pub start: usize,
    pub end: usize,
    /// Full only.
    #[serde(flatten)]
    pub attribution: Option<SourceAttribution>,
}

/// What the full record says of a source beyond its words.
#[derive(Debug, Clone, Serialize)]
pub struct SourceAttribution {
    pub date: Option<String>,
    pub date_basis: Option<String>,
    pub speaker: Option<String>,
    pub differences: Vec<Difference>,
}

impl EventRecord {
    pub fn of(case: &Case, e: &Event, detail: Detail) -> EventRecord {
        let full = detail == Detail::Full;
        EventRecord {
            id: e.id.clone(),
            date: e.when.map(|w| w.date_string()),
            time: e.when.and_then(|w| w.time_string()),
            precision: e.when.map(|w| w.precision.as_str()),
            approximate: e.when.is_some_and(|w| w.approximate),
            date_basis: e.date_phrase.clone(),
            date_source: e.date_basis.map(|b| b.as_str()),
            date_versions: full.then(|| {
                e.date_versions
                    .iter()
                    .map(|v| DateVersionRecord {
                        date: v.when.date_string(),
                        time: v.when.time_string(),
                        basis: v.phrase.clone(),
                        sources: v.sources.clone(),
                    })
                    .collect()
            }),
            sender: match detail {
                Detail::Full => e
                    .sender
                    .map(|id| case.entities.name(id).to_string())
                    .or_else(|| e.sender_phrase.clone()),
                Detail::Report => Some(case.sender_name(e)),
            },
            recipients: case.recipient_names(e),
            recipients_inferred: full.then_some(e.recipients_inferred),
            channel: e.channel.map(|c| c.as_str()),
            channel_basis: full.then(|| e.channel_basis.clone()),
            text: e.text.clone(),
        }
    }
}

impl SourceRecord {
    pub fn of(case: &Case, s: &Source, detail: Detail) -> SourceRecord {
        let full = detail == Detail::Full;
        let a = &case.articles[s.article];
        SourceRecord {
            footnote: None,
            article: a.id.clone(),
            outlet: a.meta.outlet.clone(),
            title: a.meta.title.clone(),
            section: full.then(|| s.section.as_str()),
            kind: full.then_some(match s.kind {
                SourceKind::Quoted => "quoted",
                SourceKind::Fragment => "fragment",
                SourceKind::Unquoted => "unquoted",
            }),
            quote: s.text(a),
            excerpt: full.then(|| {
                crate::text::collapse_whitespace(a.slice(&a.paragraphs[s.paragraph].range))
            }),
            start: s.span.start,
            end: s.span.end,
            attribution: full.then(|| SourceAttribution {
                date: s.date.as_ref().map(|d| d.when.display()),
                date_basis: s.date.as_ref().map(|d| d.phrase.to_string()),
                speaker: s.speaker.as_ref().map(|sp| match sp.entity {
                    Some(id) => case.entities.name(id).to_string(),
                    None => sp.phrase.to_string(),
                }),
                differences: s.differences.clone(),
            }),
        }
    }
}
