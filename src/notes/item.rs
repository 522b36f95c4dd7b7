//! What a note is about: an [`ItemRef`], a stable reference to something of the case.
//!
//! Items are named the way the engine names them, never by position in a list: an event by
//! its id (a hash of its wording, stable across runs), an article by its path in the corpus, an
//! entity by its display name, a source excerpt or a passage by its article and a
//! [`TextAnchor`]. An event also keeps its wording, so that an event whose id changed (its
//! wording grew with a new article) can be found again by its words.
//!
//! A paragraph is noted as a passage over the paragraph's range: one kind of item, one
//! re-anchoring rule.
//!
//! Each item has a *key* ([`ItemRef::key`]): the stem of its notes file, deterministic and safe
//! on every file system (lowercase ASCII letters, digits, `.`, `_`, `-`; a short stable hash is
//! added when the readable part had to drop or change characters, so two items never share a
//! file). Two references are the same item when their keys are equal: an event's key is its
//! id, a passage's key its article and the range and words it was made on (not the context).
//!
//! The command-line form ([`ItemRef::spec`], [`ItemRef::parse`]) is `ev-…` for an event,
//! `article:<id>`, `entity:<name>`, `passage:<article>:<start>-<end>` and
//! `source:<article>:<start>-<end>` (byte offsets, as `casefile show` prints them).

use std::fmt;
use std::ops::Range;

use serde::{Deserialize, Serialize};

use super::anchor::TextAnchor;
use super::error::NotesError;
use crate::Case;
use crate::corpus::Article;
use crate::text::fnv1a;
use crate::timeline::{Event, Source};

/// A reference to one notable thing of a case.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub enum ItemRef {
    /// An event of the timeline. `text` is its wording when it was noted.
    Event {
        id: String,
        #[serde(default)]
        text: String,
    },
    /// One excerpt of an article that quotes an event.
    Source { article: String, anchor: TextAnchor },
    /// A whole article, by its id (path in the corpus).
    Article { id: String },
    /// A paragraph or a selected passage of an article.
    Passage { article: String, anchor: TextAnchor },
    /// A person or organisation, by display name.
    Entity { name: String },
}

/// Which kind of item, for filters and file names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum ItemKind {
    Event,
    Source,
    Article,
    Passage,
    Entity,
}

impl ItemKind {
    pub fn as_str(self) -> &'static str {
        match self {
            ItemKind::Event => "event",
            ItemKind::Source => "source",
            ItemKind::Article => "article",
            ItemKind::Passage => "passage",
            ItemKind::Entity => "entity",
        }
    }
}

impl ItemRef {
    pub fn event(event: &Event) -> ItemRef {
        ItemRef::Event {
            id: event.id.clone(),
            text: event.text.clone(),
        }
    }

    pub fn article(article: &Article) -> ItemRef {
        ItemRef::Article {
            id: article.id.clone(),
        }
    }

    pub fn entity(name: &str) -> ItemRef {
        ItemRef::Entity {
            name: name.to_string(),
        }
    }

    /// A passage of `article`; None when the range is empty or not on character boundaries.
    pub fn passage(article: &Article, range: Range<usize>) -> Option<ItemRef> {
        Some(ItemRef::Passage {
            article: article.id.clone(),
            anchor: TextAnchor::new(&article.text, range)?,
        })
    }

    /// Paragraph `index` of `article`, as a passage.
    pub fn paragraph(article: &Article, index: usize) -> Option<ItemRef> {
        let range = article.paragraphs.get(index)?.range.clone();
        ItemRef::passage(article, range)
    }

    /// A source excerpt of an event; `article` must be the source's article.
    pub fn source(article: &Article, source: &Source) -> Option<ItemRef> {
        Some(ItemRef::Source {
            article: article.id.clone(),
            anchor: TextAnchor::new(&article.text, source.span.clone())?,
        })
    }

    pub fn kind(&self) -> ItemKind {
        match self {
            ItemRef::Event { .. } => ItemKind::Event,
            ItemRef::Source { .. } => ItemKind::Source,
            ItemRef::Article { .. } => ItemKind::Article,
            ItemRef::Passage { .. } => ItemKind::Passage,
            ItemRef::Entity { .. } => ItemKind::Entity,
        }
    }

    /// The article this item is in, for sources, passages and articles.
    pub fn article_id(&self) -> Option<&str> {
        match self {
            ItemRef::Source { article, .. } | ItemRef::Passage { article, .. } => Some(article),
            ItemRef::Article { id } => Some(id),
            ItemRef::Event { .. } | ItemRef::Entity { .. } => None,
        }
    }

    /// The words the item was noted on: an event's wording, a passage's exact words.
    pub fn words(&self) -> Option<&str> {
        match self {
            ItemRef::Event { text, .. } if !text.is_empty() => Some(text),
            ItemRef::Source { anchor, .. } | ItemRef::Passage { anchor, .. } => Some(&anchor.exact),
            _ => None,
        }
    }

    /// The stem of this item's notes file; equal keys mean the same item.
    pub fn key(&self) -> String {
        match self {
            ItemRef::Event { id, .. } => format!("event-{}", slug(id)),
            ItemRef::Article { id } => format!("article-{}", slug(id)),
            ItemRef::Entity { name } => format!("entity-{}", slug(name)),
            ItemRef::Source { article, anchor } => {
                format!("source-{}-{}", slug(article), anchor_hash(anchor))
            }
            ItemRef::Passage { article, anchor } => {
                format!("passage-{}-{}", slug(article), anchor_hash(anchor))
            }
        }
    }

    /// The same item (equal keys).
    pub fn same_item(&self, other: &ItemRef) -> bool {
        self.kind() == other.kind() && self.key() == other.key()
    }

    /// The command-line form (see the module docs).
    pub fn spec(&self) -> String {
        match self {
            ItemRef::Event { id, .. } => id.clone(),
            ItemRef::Article { id } => format!("article:{id}"),
            ItemRef::Entity { name } => format!("entity:{name}"),
            ItemRef::Source { article, anchor } => {
                format!("source:{article}:{}-{}", anchor.start, anchor.end)
            }
            ItemRef::Passage { article, anchor } => {
                format!("passage:{article}:{}-{}", anchor.start, anchor.end)
            }
        }
    }

    /// Reads the command-line form against an open case: the item must exist now. An event
    /// may be given by a unique prefix of its id, an article by a unique part of its id, an
    /// entity by any of its names.
    pub fn parse(spec: &str, case: &Case) -> Result<ItemRef, NotesError> {
        let bad = |why: String| NotesError::BadItem {
            spec: spec.to_string(),
            why,
        };
        if let Some(name) = spec.strip_prefix("entity:") {
            let id = case
                .entities
                .resolve(name, &[])
                .ok_or_else(|| bad("no such person or organisation in the case".into()))?;
            return Ok(ItemRef::entity(case.entities.name(id)));
        }
        if let Some(id) = spec.strip_prefix("article:") {
            return Ok(ItemRef::article(find_article(case, id).map_err(bad)?));
        }
        for (prefix, is_source) in [("passage:", false), ("source:", true)] {
            if let Some(rest) = spec.strip_prefix(prefix) {
                let (article, range) = rest
                    .rsplit_once(':')
                    .ok_or_else(|| bad("expected <article>:<start>-<end>".into()))?;
                let range = parse_range(range).ok_or_else(|| {
                    bad("expected byte offsets <start>-<end>, such as 120-180".into())
                })?;
                let article = find_article(case, article).map_err(bad)?;
                let anchor = TextAnchor::new(&article.text, range).ok_or_else(|| {
                    bad(format!(
                        "not a passage of {} (it has {} bytes; offsets must fall between characters)",
                        article.id,
                        article.text.len()
                    ))
                })?;
                let article = article.id.clone();
                return Ok(if is_source {
                    ItemRef::Source { article, anchor }
                } else {
                    ItemRef::Passage { article, anchor }
                });
            }
        }
        let events = &case.timeline.events;
        if let Some(e) = case.timeline.find(spec) {
            return Ok(ItemRef::event(e));
        }
        let near: Vec<&Event> = events.iter().filter(|e| e.id.starts_with(spec)).collect();
        match near.as_slice() {
            [one] if spec.len() >= 4 => Ok(ItemRef::event(one)),
            [] => Err(bad(
                "no such event (items are ev-…, article:<id>, entity:<name>, \
                 passage:<article>:<start>-<end>, source:<article>:<start>-<end>)"
                    .into(),
            )),
            many => Err(bad(format!(
                "ambiguous: {}",
                many.iter()
                    .take(5)
                    .map(|e| e.id.as_str())
                    .collect::<Vec<_>>()
                    .join(", ")
            ))),
        }
    }
}

impl fmt::Display for ItemRef {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.spec())
    }
}

fn find_article<'a>(case: &'a Case, id: &str) -> Result<&'a Article, String> {
    if let Some(a) = case.articles.iter().find(|a| a.id == id) {
        return Ok(a);
    }
    let near: Vec<&Article> = case.articles.iter().filter(|a| a.id.contains(id)).collect();
    match near.as_slice() {
        [one] => Ok(one),
        [] => Err(format!("no article {id} in the case")),
        many => Err(format!(
            "ambiguous article: {}",
            many.iter()
                .take(5)
                .map(|a| a.id.as_str())
                .collect::<Vec<_>>()
                .join(", ")
        )),
    }
}

fn parse_range(s: &str) -> Option<Range<usize>> {
    let (a, b) = s.split_once('-')?;
    Some(a.trim().parse().ok()?..b.trim().parse().ok()?)
}

/// A file-name-safe form of `s`: lowercase ASCII letters, digits, `.`, `_` and `-`, at most
/// 60 characters, with an 8-digit hash of `s` when anything had to change.
pub fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        let keep = c.is_ascii_lowercase() || c.is_ascii_digit() || matches!(c, '.' | '_' | '-');
        let c = if keep { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
        if out.len() >= 60 {
            break;
        }
    }
    let trimmed = out.trim_start_matches(['.', '-']).trim_end_matches('-');
    if trimmed == s && !trimmed.is_empty() {
        trimmed.to_string()
    } else if trimmed.is_empty() {
        short_hash(s.as_bytes())
    } else {
        format!("{trimmed}-{}", short_hash(s.as_bytes()))
    }
}

fn anchor_hash(anchor: &TextAnchor) -> String {
    let key = format!("{}:{}:{}", anchor.start, anchor.end, anchor.exact);
    short_hash(key.as_bytes())
}

/// Eight hex digits of a stable hash.
pub fn short_hash(bytes: &[u8]) -> String {
    format!("{:08x}", fnv1a(bytes) & 0xffff_ffff)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn keys_are_readable_safe_and_distinct() {
        let ev = ItemRef::Event {
            id: "ev-723af5ec59".into(),
            text: "A PAC run".into(),
        };
        assert_eq!(ev.key(), "event-ev-723af5ec59");
        let a = ItemRef::Article {
            id: "atlantic-2017-11-13.txt".into(),
        };
        assert_eq!(a.key(), "article-atlantic-2017-11-13.txt");
        let sub = ItemRef::Article {
            id: "2017/atlantic.txt".into(),
        };
        let flat = ItemRef::Article {
            id: "2017-atlantic.txt".into(),
        };
        assert_ne!(sub.key(), flat.key());
        assert!(sub.key().starts_with("article-2017-atlantic.txt-"));
        let e = ItemRef::entity("Donald Trump Jr.");
        assert!(
            e.key().starts_with("entity-donald-trump-jr.-"),
            "{}",
            e.key()
        );
        assert_ne!(
            ItemRef::entity("WikiLeaks").key(),
            ItemRef::entity("Wikileaks").key()
        );
        for k in [
            ev.key(),
            a.key(),
            sub.key(),
            e.key(),
            slug("../../etc"),
            slug("…"),
        ] {
            assert!(
                k.chars()
                    .all(|c| c.is_ascii_alphanumeric() || "._-".contains(c))
                    && !k.starts_with('.'),
                "{k}"
            );
        }
    }

    #[test]
    fn passage_keys_ignore_the_context() {
        let text = "one two three four five";
        let a = TextAnchor::new(text, 4..13).unwrap();
        let mut b = a.clone();
        b.before = "something else".into();
        let pa = ItemRef::Passage {
            article: "x.txt".into(),
            anchor: a,
        };
        let pb = ItemRef::Passage {
            article: "x.txt".into(),
            anchor: b,
        };
        assert!(pa.same_item(&pb));
        assert!(pa.key().starts_with("passage-x.txt-"));
        assert_eq!(pa.spec(), "passage:x.txt:4-13");
    }
}
