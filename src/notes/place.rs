//! Where each noted item is in the case as it is now: the re-anchoring step.
//!
//! Notes name items by stable references; the corpus may have changed since. [`locate`] finds
//! an item again: an event by id, else (its id changed when its wording grew) the event whose
//! words are at least [`EVENT_SIMILARITY`] like the saved wording; a passage or source by its
//! [`TextAnchor`] (see `anchor.rs`); an article by id; an entity by
//! any of its names. What cannot be found is an [`Place::Orphan`] with the reason: its notes
//! are still listed and exported, never dropped, and the files are never rewritten for it
//! (the anchor on disk keeps the original words, so a corpus put back finds them again).

use std::collections::{BTreeMap, HashMap};
use std::ops::Range;

use super::anchor::{Fit, TextAnchor, similarity};
use super::item::ItemRef;
use super::store::NotesStore;
use crate::Case;
use crate::extract::entities::EntityId;

/// How alike (by words) an event must be to a saved wording to be taken for the same event.
pub const EVENT_SIMILARITY: f32 = 0.8;

/// Where an item is now.
#[derive(Debug, Clone, PartialEq)]
pub enum Place {
    /// `moved`: found by its words, under another id.
    Event {
        index: usize,
        moved: bool,
    },
    /// The source's article and range, and the event that has a source there.
    Source {
        article: usize,
        range: Range<usize>,
        fit: Fit,
        event: Option<usize>,
    },
    Article {
        index: usize,
    },
    Passage {
        article: usize,
        range: Range<usize>,
        fit: Fit,
    },
    Entity {
        id: EntityId,
    },
    /// Gone from the case; the reason says what is missing.
    Orphan {
        why: String,
    },
}

impl Place {
    pub fn is_orphan(&self) -> bool {
        matches!(self, Place::Orphan { .. })
    }

    /// The event the item is, or is a source of.
    pub fn event(&self) -> Option<usize> {
        match self {
            Place::Event { index, .. } => Some(*index),
            Place::Source { event, .. } => *event,
            _ => None,
        }
    }

    /// The article the item is, or is in.
    pub fn article(&self) -> Option<usize> {
        match self {
            Place::Article { index } => Some(*index),
            Place::Source { article, .. } | Place::Passage { article, .. } => Some(*article),
            _ => None,
        }
    }

    /// A short note for the user when the item is not where it was.
    pub fn remark(&self) -> Option<String> {
        match self {
            Place::Event { moved: true, .. } => Some("found by its words: its id changed".into()),
            Place::Source { fit, .. } | Place::Passage { fit, .. } => match fit {
                Fit::Same => None,
                Fit::Moved => Some("moved: the article changed around it".into()),
                Fit::Fuzzy(r) => Some(format!(
                    "its words changed: the most similar passage ({:.0}% alike)",
                    r * 100.0
                )),
            },
            Place::Orphan { why } => Some(format!("orphan: {why}")),
            _ => None,
        }
    }
}

/// Finds `item` in `case`.
pub fn locate(item: &ItemRef, case: &Case) -> Place {
    let article_index = |id: &str| case.articles.iter().position(|a| a.id == id);
    match item {
        ItemRef::Event { id, text } => {
            if let Some(index) = case.timeline.events.iter().position(|e| &e.id == id) {
                return Place::Event {
                    index,
                    moved: false,
                };
            }
            match find_event_by_words(case, text) {
                Some(index) => Place::Event { index, moved: true },
                None => Place::Orphan {
                    why: format!("no event {id} and none with its words"),
                },
            }
        }
        ItemRef::Article { id } => match article_index(id) {
            Some(index) => Place::Article { index },
            None => Place::Orphan {
                why: format!("no article {id}"),
            },
        },
        ItemRef::Entity { name } => match case.entities.resolve(name, &[]) {
            Some(id) => Place::Entity { id },
            None => Place::Orphan {
                why: format!("no person or organisation named {name}"),
            },
        },
        ItemRef::Source { article, anchor } | ItemRef::Passage { article, anchor } => {
            let Some(a) = article_index(article) else {
                return Place::Orphan {
                    why: format!("no article {article}"),
                };
            };
            let Some(found) = anchor.relocate(&case.articles[a].text) else {
                return Place::Orphan {
                    why: format!("its words are no longer in {article}: “{}”", short(anchor)),
                };
            };
            if let ItemRef::Passage { .. } = item {
                return Place::Passage {
                    article: a,
                    range: found.range,
                    fit: found.fit,
                };
            }
            let event = case.timeline.events.iter().position(|e| {
                e.sources
                    .iter()
                    .any(|s| s.article == a && overlaps(&s.span, &found.range))
            });
            Place::Source {
                article: a,
                range: found.range,
                fit: found.fit,
                event,
            }
        }
    }
}

fn find_event_by_words(case: &Case, text: &str) -> Option<usize> {
    let want: Vec<&str> = text.split_whitespace().collect();
    if want.is_empty() {
        return None;
    }
    case.timeline
        .events
        .iter()
        .enumerate()
        .map(|(i, e)| {
            let words: Vec<&str> = e.text.split_whitespace().collect();
            (i, similarity(&want, &words))
        })
        .filter(|(_, r)| *r >= EVENT_SIMILARITY)
        .max_by(|a, b| a.1.total_cmp(&b.1))
        .map(|(i, _)| i)
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

fn short(anchor: &TextAnchor) -> String {
    let words: Vec<&str> = anchor.exact.split_whitespace().collect();
    if words.len() <= 12 {
        words.join(" ")
    } else {
        format!("{} …", words[..12].join(" "))
    }
}

/// The place of every note file of a store, computed once for a case.
#[derive(Debug, Clone, Default)]
pub struct Placements {
    places: BTreeMap<String, Place>,
    by_event: HashMap<usize, Vec<String>>,
}

impl Placements {
    pub fn compute(store: &NotesStore, case: &Case) -> Placements {
        let mut out = Placements::default();
        for (key, f) in store.iter() {
            let place = locate(&f.item, case);
            if let Some(e) = place.event() {
                out.by_event.entry(e).or_default().push(key.to_string());
            }
            out.places.insert(key.to_string(), place);
        }
        out
    }

    /// The place of a note file, by key.
    pub fn get(&self, key: &str) -> Option<&Place> {
        self.places.get(key)
    }

    /// Keys of the notes whose item is gone.
    pub fn orphans(&self) -> impl Iterator<Item = &str> {
        self.places
            .iter()
            .filter(|(_, p)| p.is_orphan())
            .map(|(k, _)| k.as_str())
    }

    /// Keys of the notes on event `index` and on its sources, in key order.
    pub fn for_event(&self, index: usize) -> &[String] {
        self.by_event.get(&index).map_or(&[], Vec::as_slice)
    }

    /// Passages and sources noted in article `index`, with their current ranges.
    pub fn in_article(&self, index: usize) -> Vec<(&str, Range<usize>)> {
        self.places
            .iter()
            .filter_map(|(k, p)| match p {
                Place::Passage { article, range, .. } | Place::Source { article, range, .. }
                    if *article == index =>
                {
                    Some((k.as_str(), range.clone()))
                }
                _ => None,
            })
            .collect()
    }
}
