//! The JSON shape of events and search hits, as the CLI prints them.

use casefile::Case;
use casefile::timeline::Event;
use serde::Serialize;

#[derive(Serialize)]
pub struct EventRecord {
    pub id: String,
    /// "YYYY-MM-DD" (or "YYYY-MM" / "YYYY" at lower precision), or null.
    pub date: Option<String>,
    /// "HH:MM" or null.
    pub time: Option<String>,
    /// year | month | day | time
    pub precision: Option<&'static str>,
    pub approximate: bool,
    pub date_basis: Option<String>,
    /// sentence | back-reference | paragraph | context | publication
    pub date_source: Option<&'static str>,
    pub date_versions: Vec<DateVersionRecord>,
    pub sender: Option<String>,
    pub recipients: Vec<String>,
    pub recipients_inferred: bool,
    pub channel: Option<&'static str>,
    pub channel_basis: Option<String>,
    pub text: String,
    pub sources: Vec<SourceRecord>,
}

#[derive(Serialize)]
pub struct DateVersionRecord {
    pub date: String,
    pub time: Option<String>,
    pub basis: String,
    pub sources: Vec<usize>,
}

#[derive(Serialize)]
pub struct SourceRecord {
    pub article: String,
    pub outlet: Option<String>,
    pub title: String,
    pub section: &'static str,
    /// quoted | fragment | unquoted
    pub kind: &'static str,
    /// The words this source quotes.
    pub quote: String,
    /// The paragraph around them.
    pub excerpt: String,
    pub start: usize,
    pub end: usize,
    pub date: Option<String>,
    pub date_basis: Option<String>,
    pub speaker: Option<String>,
    pub differences: Vec<casefile::timeline::Difference>,
}

pub fn event(case: &Case, e: &Event) -> EventRecord {
    EventRecord {
        id: e.id.clone(),
        date: e.when.map(|w| w.date_string()),
        time: e.when.and_then(|w| w.time_string()),
        precision: e.when.map(|w| w.precision.as_str()),
        approximate: e.when.is_some_and(|w| w.approximate),
        date_basis: e.date_phrase.clone(),
        date_source: e.date_basis.map(|b| b.as_str()),
        date_versions: e
            .date_versions
            .iter()
            .map(|v| DateVersionRecord {
                date: v.when.date_string(),
                time: v.when.time_string(),
                basis: v.phrase.clone(),
                sources: v.sources.clone(),
            })
            .collect(),
        sender: e
            .sender
            .map(|id| case.entities.name(id).to_string())
            .or_else(|| e.sender_phrase.clone()),
        recipients: case.recipient_names(e),
        recipients_inferred: e.recipients_inferred,
        channel: e.channel.map(|c| c.as_str()),
        channel_basis: e.channel_basis.clone(),
        text: e.text.clone(),
        sources: e
            .sources
            .iter()
            .map(|s| {
                let a = &case.articles[s.article];
                let p = &a.paragraphs[s.paragraph];
                SourceRecord {
                    article: a.id.clone(),
                    outlet: a.meta.outlet.clone(),
                    title: a.meta.title.clone(),
                    section: s.section.as_str(),
                    kind: match s.kind {
                        casefile::timeline::SourceKind::Quoted => "quoted",
                        casefile::timeline::SourceKind::Fragment => "fragment",
                        casefile::timeline::SourceKind::Unquoted => "unquoted",
                    },
                    quote: s.text(a),
                    excerpt: casefile::text::collapse_whitespace(a.slice(&p.range)),
                    start: s.span.start,
                    end: s.span.end,
                    date: s.date.as_ref().map(|d| d.when.display()),
                    date_basis: s.date.as_ref().map(|d| d.phrase.to_string()),
                    speaker: s.speaker.as_ref().map(|sp| match sp.entity {
                        Some(id) => case.entities.name(id).to_string(),
                        None => sp.phrase.to_string(),
                    }),
                    differences: s.differences.clone(),
                }
            })
            .collect(),
    }
}

pub fn events(case: &Case) -> Vec<EventRecord> {
    case.timeline
        .events
        .iter()
        .map(|e| event(case, e))
        .collect()
}
