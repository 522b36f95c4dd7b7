//! The timeline: quotes of the same message, across articles, merged into one event with its
//! date, sender, recipients, channel and every source that quotes it.
//!
//! Merging never compares every pair: each quote looks up the quotes that share three-word
//! shingles with it in an inverted index and is aligned only with those. A quote joins the one
//! candidate that contains it best, so a fragment cannot bridge two different messages.

mod align;
mod assemble;
mod attach;
mod bounds;
mod build;
mod index;
#[cfg(test)]
mod tests;
mod vocab;
mod words;

pub use align::{Difference, Overlap, overlap};
pub use build::{build, build_reporting};
pub use index::{ShingleIndex, shingles};

use std::ops::Range;

use serde::{Deserialize, Serialize};

use crate::corpus::{Article, Section};
use crate::extract::channel::Channel;
use crate::extract::entities::EntityId;
use crate::extract::{DateBasis, Dating, Party, Quote, Speaker};
use crate::when::When;

/// How a source carries the message.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SourceKind {
    /// In quotation marks.
    Quoted,
    /// A short phrase of the message in quotation marks inside the writer's sentence.
    Fragment,
    /// Set off as a block without quotation marks.
    Unquoted,
}

/// One excerpt of one article that quotes an event.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Source {
    pub article: usize,
    /// The extracted quote, when the excerpt is one (None for an unmarked block found by its
    /// wording).
    pub quote: Option<usize>,
    pub kind: SourceKind,
    pub section: Section,
    pub paragraph: usize,
    /// Byte ranges of the words this source quotes.
    pub parts: Vec<Range<usize>>,
    /// From the first to the last quoted word (marks included where there are marks).
    pub span: Range<usize>,
    pub date: Option<Dating>,
    pub speaker: Option<Speaker>,
    /// Where its wording differs from the event's text.
    pub differences: Vec<Difference>,
}

impl Source {
    /// The source an extracted quote (number `qi`) gives.
    pub(crate) fn of_quote(qi: usize, q: &Quote, kind: SourceKind) -> Source {
        Source {
            article: q.article,
            quote: Some(qi),
            kind,
            section: q.section,
            paragraph: q.paragraph,
            parts: q.parts.clone(),
            span: q.outer.clone(),
            date: q.date.clone(),
            speaker: q.speaker.clone(),
            differences: Vec::new(),
        }
    }

    /// The words as this source has them: each part with its white space collapsed, parts
    /// joined by an ellipsis. Read from the article rather than stored, since at 10,000
    /// articles the copies were 2.6 MB that nothing needs until an excerpt is shown.
    pub fn text(&self, article: &Article) -> String {
        let parts: Vec<String> = self
            .parts
            .iter()
            .map(|r| crate::text::collapse_whitespace(article.slice(r)))
            .collect();
        parts.join(" … ")
    }
}

/// A date one group of sources gives, when sources disagree.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct DateVersion {
    pub when: When,
    pub basis: DateBasis,
    pub phrase: String,
    /// Indices into the event's `sources`.
    pub sources: Vec<usize>,
}

/// One message (or statement) and everything known about it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Event {
    /// Stable id: from the message's wording, the same across runs.
    pub id: String,
    /// The most complete wording among the sources.
    pub text: String,
    pub when: Option<When>,
    pub date_basis: Option<DateBasis>,
    /// The phrase the date came from.
    pub date_phrase: Option<String>,
    /// Filled only when sources give different dates: each version with its sources.
    pub date_versions: Vec<DateVersion>,
    pub sender: Option<EntityId>,
    /// How the text names the sender, when no entity was found for it.
    pub sender_phrase: Option<String>,
    pub recipients: Vec<Party>,
    /// Recipients worked out from the other messages between the same people.
    pub recipients_inferred: bool,
    pub channel: Option<Channel>,
    /// The words that named the channel, or why it was inferred.
    pub channel_basis: Option<String>,
    pub sources: Vec<Source>,
}

impl Event {
    /// The date as lists show it: `~2016-09-20 23:59`, `2016-10`, or `undated`.
    pub fn date_label(&self) -> String {
        self.when
            .map_or_else(|| "undated".to_string(), |w| w.display())
    }

    /// `date_label`, with `*` when the date is only the article's publication date.
    pub fn date_cell(&self) -> String {
        let mut s = self.date_label();
        if self.when.is_some() && self.date_basis == Some(DateBasis::Publication) {
            s.push('*');
        }
        s
    }

    /// Sources in the outlets' own reporting (not readers' comments).
    pub fn body_sources(&self) -> impl Iterator<Item = &Source> {
        self.sources.iter().filter(|s| s.section == Section::Body)
    }
}

/// All events of a case, dated ones in date order, undated ones after them.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Timeline {
    pub events: Vec<Event>,
    /// For each extracted quote, the event it belongs to.
    #[serde(skip)]
    pub quote_event: Vec<Option<usize>>,
}

impl Timeline {
    pub fn find(&self, id: &str) -> Option<&Event> {
        self.events.iter().find(|e| e.id == id)
    }

    /// Index of the first undated event (== len when all are dated).
    pub fn undated_start(&self) -> usize {
        self.events
            .iter()
            .position(|e| e.when.is_none())
            .unwrap_or(self.events.len())
    }
}
