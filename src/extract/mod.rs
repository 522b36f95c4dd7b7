//! Extraction: quotes, their speakers, recipients, dates and channels, from loaded articles.
//!
//! Two passes over the corpus: the first counts every proper name (and the descriptions given
//! to them in apposition) so that aliases can be folded into entities across articles; the
//! second walks each article in reading order, keeping the narrative's date and the people
//! last named, and turns each quotation into a `Quote`. Articles are independent in both
//! passes, so each pass runs on all cores.

pub mod attribution;
mod census;
pub mod channel;
mod cue_words;
pub mod dates;
pub mod entities;
pub mod names;
pub mod quotes;
#[cfg(test)]
mod tests;
mod walker;
pub mod work_title;

use std::ops::Range;

use rayon::prelude::*;
use serde::{Deserialize, Serialize};

use crate::corpus::{Article, Section};
use crate::progress::{LoadProgress, LoadStep};
use crate::static_regex;
use channel::Channel;
use dates::When;
use entities::{EntitiesFile, EntityId, EntityRegistry};

/// How a quotation stands in its sentence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum QuoteKind {
    /// Someone's words, attributed or long enough to be a statement.
    Message,
    /// A word or phrase in quotation marks inside the writer's own sentence ("scare quotes").
    Mention,
    /// A block quotation set off without quotation marks ("It read:" and a paragraph).
    Unquoted,
}

/// How the speaker was worked out.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum SpeakerBasis {
    /// Named next to the verb of saying.
    Named,
    /// A description ("the account", "the president’s son") resolved to an entity.
    Description,
    /// "he", "she", "it": the last one named.
    Pronoun,
    /// No attribution of its own: the subject of the sentence, or the speaker just before.
    Inferred,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Speaker {
    pub entity: Option<EntityId>,
    /// The words of the text that name the speaker.
    pub phrase: Box<str>,
    pub basis: SpeakerBasis,
}

/// Someone a message was sent to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
pub enum Party {
    Entity(EntityId),
    /// A public post: a tweet to followers, a speech.
    Public,
}

/// Where a quote's date came from, best first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateBasis {
    /// A date phrase in the quote's own sentence.
    Sentence,
    /// A later sentence that says when "the message was sent".
    BackReference,
    /// Earlier in the same paragraph.
    Paragraph,
    /// The last date of the narrative, from an earlier paragraph.
    Context,
    /// No date in the text around it: the article's publication date.
    Publication,
}

impl DateBasis {
    pub fn as_str(self) -> &'static str {
        match self {
            DateBasis::Sentence => "sentence",
            DateBasis::BackReference => "back-reference",
            DateBasis::Paragraph => "paragraph",
            DateBasis::Context => "context",
            DateBasis::Publication => "publication",
        }
    }
}

/// A date given to a quote, with the phrase it came from.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dating {
    pub when: When,
    pub basis: DateBasis,
    /// The words that gave the date ("The next morning, about 12 hours later"), plus the
    /// anchor it was counted from for relative phrases.
    pub phrase: Box<str>,
}

/// One quotation in one article: possibly several marked parts joined because they are one
/// message ("“…,” Wikileaks wrote. “…”").
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quote {
    pub article: usize,
    pub section: Section,
    /// Paragraph of the first part.
    pub paragraph: usize,
    /// Byte ranges of the quoted words (marks excluded), in reading order.
    pub parts: Vec<Range<usize>>,
    /// From the first opening mark to the last closing mark.
    pub outer: Range<usize>,
    pub kind: QuoteKind,
    pub speaker: Option<Speaker>,
    pub recipients: Vec<Party>,
    pub date: Option<Dating>,
    pub channel: Option<(Channel, Box<str>)>,
}

impl Quote {
    /// The message as one line: the parts in order, white space collapsed. The comma that a
    /// part ends with before an attribution ("“…launch,” Wikileaks wrote. “The PAC…”") is the
    /// writer's, not the sender's: it becomes a full stop before a capital, else goes. Where
    /// the writer's own words stand between two parts (more than "he said"), an ellipsis
    /// marks the gap, so the writer's words are never read as the sender's.
    pub fn text(&self, article: &Article) -> String {
        let mut out = String::new();
        for (i, r) in self.parts.iter().enumerate() {
            let part = crate::text::collapse_whitespace(article.slice(r));
            let next = self.parts.get(i + 1).map(|n| article.slice(n).trim_start());
            if let Some(n) = self.parts.get(i + 1)
                && r.end <= n.start
                && writer_between(article.slice(&(r.end..n.start)))
            {
                out.push_str(part.strip_suffix(',').unwrap_or(&part));
                out.push_str(" … ");
                continue;
            }
            match (part.strip_suffix(','), next) {
                (Some(cut), Some(n)) => {
                    out.push_str(cut);
                    if n.starts_with(char::is_uppercase) {
                        out.push('.');
                    }
                }
                // "“…this story,” Wikileaks suggested": the closing comma is the writer's.
                _ if next.is_none() => out.push_str(part.strip_suffix(',').unwrap_or(&part)),
                _ => out.push_str(&part),
            }
            if next.is_some() {
                out.push(' ');
            }
        }
        out
    }

    pub fn speaker_entity(&self) -> Option<EntityId> {
        self.speaker.as_ref().and_then(|s| s.entity)
    }
}

/// Whether the text between two parts of a message is the writer's own words rather than
/// quotation marks, white space or one attribution ("”, Roe said. “", "” said Roe, a
/// senator. “"): no verb of saying, or more than one sentence, is narrative.
fn writer_between(bridge: &str) -> bool {
    let inner = bridge.trim_matches(|c: char| c.is_whitespace() || "“”\"‘’'".contains(c));
    if !inner.chars().any(char::is_alphanumeric) {
        return false;
    }
    !attribution::has_say_verb(inner) || sentence_breaks(inner)
}

/// Whether `text` holds a sentence end followed by another sentence ("wrote. (At a rally…",
/// "went on. It then…"); "Jr. to" and "Oct. 3" are abbreviations, not ends.
fn sentence_breaks(text: &str) -> bool {
    let words: Vec<&str> = text.split_whitespace().collect();
    words.windows(2).any(|pair| {
        let (word, next) = (pair[0], pair[1]);
        let end = word.trim_end_matches(['”', '"', '’', ')']);
        let stop = end.ends_with(['.', '!', '?']);
        let abbreviation = end.ends_with('.')
            && (matches!(end, "Jr." | "Sr." | "Mr." | "Mrs." | "Ms." | "Dr." | "St.")
                || end.chars().filter(|c| c.is_alphabetic()).count() <= 1
                || end.len() <= 4 && end.starts_with(char::is_uppercase));
        stop && !abbreviation && next.starts_with(|c: char| c.is_uppercase() || "(“\"".contains(c))
    })
}

/// Everything extraction found in a corpus.
#[derive(Debug, Clone, Default)]
pub struct Extraction {
    pub entities: EntityRegistry,
    pub quotes: Vec<Quote>,
}

/// Runs both passes over `articles`.
pub fn extract(articles: &[Article], declared: &EntitiesFile) -> Extraction {
    extract_reporting(articles, declared, &LoadProgress::default())
}

/// [`extract`], counting the articles of each pass into `progress`.
pub fn extract_reporting(
    articles: &[Article],
    declared: &EntitiesFile,
    progress: &LoadProgress,
) -> Extraction {
    progress.begin(LoadStep::CountingNames, articles.len());
    let census = census::count_all(articles, progress);
    // The regexes of each pass go before what comes after it is built.
    static_regex::release_regexes();
    let entities = EntityRegistry::build(&census, declared);
    drop(census);
    progress.begin(LoadStep::FindingQuotes, articles.len());
    let per_article: Vec<Vec<Quote>> = articles
        .par_iter()
        .enumerate()
        .map(|(i, a)| {
            let mut quotes = walker::walk(i, a, &entities);
            for q in quotes.iter_mut().filter(|q| q.kind == QuoteKind::Message) {
                let public = usize::from(q.recipients.contains(&Party::Public));
                let people = usize::from(q.recipients.len() > public);
                let channel = q.channel.as_ref().map(|c| c.0);
                channel::settle_recipients(channel, &mut q.recipients, public, people);
            }
            // Without the spare room of its growth: all of them are held until gathered.
            quotes.shrink_to_fit();
            progress.advance(1);
            quotes
        })
        .collect();
    static_regex::release_regexes();
    // Sized once: collecting the flattened quotes grew the vector by doubling, and its spare
    // capacity (up to half of it) stayed with the case. Gathered on a pool thread: the
    // per-article vectors were allocated on the pool's threads, and mimalloc reuses a block
    // freed by the thread that allocated it at once, one freed by another thread only later;
    // gathered on the calling thread, the peak RSS at 10,000 articles was ~2 MB higher.
    let (quotes, ()) = rayon::join(
        move || {
            let mut quotes = Vec::with_capacity(per_article.iter().map(Vec::len).sum());
            quotes.extend(per_article.into_iter().flatten());
            quotes
        },
        || (),
    );
    Extraction { entities, quotes }
}
