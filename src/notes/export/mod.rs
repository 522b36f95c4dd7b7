//! The annotated timeline as a report: Markdown for a memo, JSON and CSV for tools,
//! TimelineJS for publishing.
//!
//! Every format renders the same [`Report`]: the events of the timeline in order, each with
//! the notes on it and on its source excerpts (tags, star, verification, annotations, links),
//! then the notes on other items (articles, passages, people), then the orphans (notes whose
//! item is gone, kept so nothing is lost). Sources are cited by numbered footnotes, one per
//! article, numbered in order of first citation: outlet, title, publication date, URL.
//!
//! Filters (`--tag`, `--starred`) keep an event when the tag (the star) is on the event or on
//! one of its sources; both given, both must hold. Without a filter every event is exported,
//! noted or not: the report is the timeline with its notes.

mod csv;
mod json;
mod markdown;
mod timelinejs;

use std::collections::HashMap;

use super::item::ItemRef;
use super::model::NoteFile;
use super::place::{Place, Placements, locate};
use super::query::Backlink;
use super::store::NotesStore;
use crate::Case;
use crate::text::clip;
use crate::timeline::Event;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Markdown,
    Json,
    Csv,
    TimelineJs,
}

impl Format {
    /// `md`/`markdown`, `json`, `csv`, `timelinejs`.
    pub fn parse(s: &str) -> Option<Format> {
        match s.to_ascii_lowercase().as_str() {
            "md" | "markdown" => Some(Format::Markdown),
            "json" => Some(Format::Json),
            "csv" => Some(Format::Csv),
            "timelinejs" | "timeline-js" | "tljs" => Some(Format::TimelineJs),
            _ => None,
        }
    }
}

/// Which events and notes to export.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ExportFilter {
    pub tag: Option<String>,
    pub starred: bool,
}

impl ExportFilter {
    pub fn is_empty(&self) -> bool {
        self.tag.is_none() && !self.starred
    }

    /// Do these notes, taken together, pass?
    fn passes<'a>(&self, mut notes: impl Iterator<Item = &'a NoteFile> + Clone) -> bool {
        let tag_ok = self
            .tag
            .as_ref()
            .is_none_or(|t| notes.clone().any(|f| f.has_tag(t)));
        tag_ok && (!self.starred || notes.any(|f| f.star))
    }
}

/// Renders the report of `case` and its notes in `format`.
///
/// Markdown and CSV are text that people `cat`, page and paste: every character of them that
/// could drive a terminal (from an article, a file name, front matter or a teammate's note) is
/// replaced by [`crate::text::printable`], whole output at once, so no field can slip through.
/// JSON and TimelineJS stay exact, every such character escaped (`\u001b`) by
/// [`crate::text::clean::json_string`].
pub fn export(case: &Case, store: &NotesStore, format: Format, filter: &ExportFilter) -> String {
    let report = Report::build(case, store, filter);
    match format {
        Format::Markdown => text_only(markdown::render(&report)),
        Format::Json => json::render(&report),
        Format::Csv => text_only(csv::render(&report)),
        Format::TimelineJs => timelinejs::render(&report),
    }
}

fn text_only(text: String) -> String {
    match crate::text::printable(&text) {
        std::borrow::Cow::Borrowed(_) => text,
        std::borrow::Cow::Owned(clean) => clean,
    }
}

/// The notes of one item in the report.
#[derive(Debug)]
pub struct NoteEntry<'a> {
    pub file: &'a NoteFile,
    pub place: Place,
}

/// One event with its notes and footnotes.
#[derive(Debug)]
pub struct EventEntry<'a> {
    pub event: &'a Event,
    /// The event's own notes first, then its sources'.
    pub notes: Vec<NoteEntry<'a>>,
    /// Footnote numbers of the articles that quote it.
    pub cites: Vec<usize>,
    /// Other items that link to it (or cite it for their verification), with the relation.
    pub backlinks: Vec<(ItemRef, String)>,
}

impl EventEntry<'_> {
    /// The event's own note (not one of its sources').
    pub fn own(&self) -> Option<&NoteEntry<'_>> {
        self.notes
            .iter()
            .find(|n| matches!(n.place, Place::Event { .. }))
    }

    /// The tags of the event and its sources, each once, sorted.
    pub fn tags(&self) -> Vec<&str> {
        let mut tags: Vec<&str> = self
            .notes
            .iter()
            .flat_map(|n| n.file.tags.iter().map(String::as_str))
            .collect();
        tags.sort_unstable();
        tags.dedup();
        tags
    }
}

/// What every format renders.
#[derive(Debug)]
pub struct Report<'a> {
    pub case: &'a Case,
    pub filter: ExportFilter,
    pub events: Vec<EventEntry<'a>>,
    /// Notes on articles, passages, entities, and sources outside any event.
    pub others: Vec<NoteEntry<'a>>,
    pub orphans: Vec<NoteEntry<'a>>,
    /// Article index of each footnote; footnote `n` is `footnotes[n - 1]`.
    pub footnotes: Vec<usize>,
    numbers: HashMap<usize, usize>,
}

impl<'a> Report<'a> {
    pub fn build(case: &'a Case, store: &'a NotesStore, filter: &ExportFilter) -> Report<'a> {
        let placements = Placements::compute(store, case);
        let mut report = Report {
            case,
            filter: filter.clone(),
            events: Vec::new(),
            others: Vec::new(),
            orphans: Vec::new(),
            footnotes: Vec::new(),
            numbers: HashMap::new(),
        };
        for (index, event) in case.timeline.events.iter().enumerate() {
            let mut notes: Vec<NoteEntry> = placements
                .for_event(index)
                .iter()
                .filter_map(|k| {
                    let file = store.get_key(k)?;
                    let place = placements.get(k)?.clone();
                    Some(NoteEntry { file, place })
                })
                .collect();
            notes.sort_by_key(|n| !matches!(n.place, Place::Event { .. }));
            if !filter.passes(notes.iter().map(|n| n.file)) {
                continue;
            }
            let mut articles: Vec<usize> = event.body_sources().map(|s| s.article).collect();
            if articles.is_empty() {
                articles = event.sources.iter().map(|s| s.article).collect();
            }
            let mut cites = Vec::new();
            for a in articles {
                let n = report.cite(a);
                if !cites.contains(&n) {
                    cites.push(n);
                }
            }
            let backlinks = store
                .backlinks(&ItemRef::event(event))
                .into_iter()
                .map(|b| match b {
                    Backlink::Link { from, link } => (from.clone(), link.relation.label().into()),
                    Backlink::Supports { from, status } => (
                        from.clone(),
                        format!("supports its status “{}”", status.as_str()),
                    ),
                })
                .collect();
            report.events.push(EventEntry {
                event,
                notes,
                cites,
                backlinks,
            });
        }
        for (key, file) in store.iter() {
            let Some(place) = placements.get(key) else {
                continue;
            };
            if place.event().is_some() || !filter.passes(std::iter::once(file)) {
                continue;
            }
            if let Some(a) = place.article() {
                report.cite(a);
            }
            let entry = NoteEntry {
                file,
                place: place.clone(),
            };
            if place.is_orphan() {
                report.orphans.push(entry);
            } else {
                report.others.push(entry);
            }
        }
        // Articles cited only as support of a verification get footnotes too.
        let support: Vec<ItemRef> = report
            .notes()
            .filter_map(|n| n.file.verification.as_ref())
            .flat_map(|v| v.sources.iter().cloned())
            .collect();
        for item in support {
            if let Some(a) = locate(&item, case).article() {
                report.cite(a);
            }
        }
        report
    }

    /// The footnote number of an article, given on first use.
    fn cite(&mut self, article: usize) -> usize {
        if let Some(&n) = self.numbers.get(&article) {
            return n;
        }
        self.footnotes.push(article);
        let n = self.footnotes.len();
        self.numbers.insert(article, n);
        n
    }

    /// The footnote number of an article already cited.
    pub fn footnote_of(&self, article: usize) -> Option<usize> {
        self.numbers.get(&article).copied()
    }

    /// Every note entry of the report.
    pub fn notes(&self) -> impl Iterator<Item = &NoteEntry<'a>> {
        self.events
            .iter()
            .flat_map(|e| e.notes.iter())
            .chain(self.others.iter())
            .chain(self.orphans.iter())
    }

    /// A footnote: outlet, title, date, URL of an article.
    pub fn citation(&self, article: usize) -> Citation {
        let a = &self.case.articles[article];
        Citation {
            article: a.id.clone(),
            outlet: a.outlet_or_unknown().to_string(),
            title: collapse(&a.meta.title),
            date: a.meta.published.map(|w| w.date_string()),
            url: a.meta.url.clone(),
        }
    }

    /// How an item reads in the report (see [`item_label`]).
    pub fn item_label(&self, item: &ItemRef) -> String {
        item_label(self.case, item)
    }

    /// The footnote of the article an item is in, if cited.
    pub fn footnote_of_item(&self, item: &ItemRef) -> Option<usize> {
        locate(item, self.case)
            .article()
            .and_then(|a| self.footnote_of(a))
    }
}

/// What a footnote says about an article.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Citation {
    pub article: String,
    pub outlet: String,
    pub title: String,
    /// Publication date (`YYYY-MM-DD`, or less precise); None when unknown.
    pub date: Option<String>,
    pub url: Option<String>,
}

impl std::fmt::Display for Citation {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "{}, “{}”, {}",
            self.outlet,
            self.title,
            self.date.as_deref().unwrap_or("undated")
        )?;
        if let Some(u) = &self.url {
            write!(f, ", {u}")?;
        }
        Ok(())
    }
}

/// How an item reads for people, with its reference: an event's id, date and first words; an
/// article's outlet and title; a passage's outlet and words; an entity's name; an orphan's
/// reference and the words it was made on.
pub fn item_label(case: &Case, item: &ItemRef) -> String {
    let place = locate(item, case);
    match place {
        Place::Event { index, .. } => {
            let e = &case.timeline.events[index];
            format!("{} ({}): “{}”", e.id, e.date_label(), clip(&e.text, 12))
        }
        Place::Orphan { .. } => format!("{} {}", item.spec(), describe(case, item, &place)),
        _ => describe(case, item, &place),
    }
}

/// How an item reads for people, without its reference (see [`item_label`]).
pub fn describe(case: &Case, item: &ItemRef, place: &Place) -> String {
    match place {
        Place::Event { index, .. } => {
            let e = &case.timeline.events[*index];
            format!("{}  “{}”", e.date_label(), clip(&e.text, 12))
        }
        Place::Article { index } => {
            let a = &case.articles[*index];
            format!("{}, “{}”", a.outlet_or_unknown(), collapse(&a.meta.title))
        }
        Place::Source { article, range, .. } | Place::Passage { article, range, .. } => {
            let a = &case.articles[*article];
            let words = a.text[range.clone()].trim_matches(['“', '”', '"']);
            format!("{}: “{}”", a.outlet_or_unknown(), clip(words, 16))
        }
        Place::Entity { id } => case.entities.name(*id).to_string(),
        Place::Orphan { .. } => match item.words() {
            Some(w) => format!("(gone from the case): “{}”", clip(w, 12)),
            None => "(gone from the case)".to_string(),
        },
    }
}

/// What the date rests on, in words: "day, from “on October 3”", "publication date".
pub fn date_note(e: &Event) -> String {
    let Some(w) = e.when else {
        return "no date in the sources".to_string();
    };
    let mut s = w.precision.as_str().to_string();
    if w.approximate {
        s.push_str(", approximate");
    }
    match (e.date_basis, &e.date_phrase) {
        (Some(crate::extract::DateBasis::Publication), _) => {
            s.push_str(", publication date: the text gives none")
        }
        (_, Some(p)) => s.push_str(&format!(", from “{}”", collapse(p))),
        _ => {}
    }
    s
}

/// "1 event", "3 events".
pub fn count(n: usize, noun: &str) -> String {
    if n == 1 {
        format!("1 {noun}")
    } else {
        format!("{n} {noun}s")
    }
}

/// Runs of whitespace made single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}
