//! The notebook's side of the notes: which items the user can note from where they are, how
//! an item is named on screen, the timeline's marks, and the candidates of the link finder.
//! The notes themselves live in the library's `NotesStore`; every change goes through
//! `effects.rs`, so `update` stays pure.

use casefile::Case;
use casefile::notes::{ItemRef, LockWait, NoteFile, NotesStore, Place, Placements, Status, locate};
use casefile::search::QuoteSearch;
use casefile::text::clip;
use casefile::timeline::Event;

use super::text::clean;

/// The notes of the open case and where each noted item is now.
#[derive(Debug)]
pub struct Notes {
    pub store: NotesStore,
    pub placements: Placements,
}

impl Notes {
    /// Opens the case's notes. A broken file is not an error here: the store lists it in
    /// `errors` and the rest opens.
    pub fn open(case: &Case) -> Result<Notes, String> {
        // Never wait on this thread for another casefile's lock: `effects` tries again
        // between frames, so that the screen stays live.
        let store = NotesStore::for_case(case)
            .map_err(|e| e.to_string())?
            .with_lock_wait(LockWait {
                timeout: std::time::Duration::ZERO,
                notice: None,
            });
        let placements = Placements::compute(&store, case);
        Ok(Notes { store, placements })
    }

    /// Recomputes where the noted items are, after the notes changed.
    pub fn relocate(&mut self, case: &Case) {
        self.placements = Placements::compute(&self.store, case);
    }

    /// The note files about event `index` and its sources, the event's own first.
    pub fn of_event(&self, index: usize) -> Vec<&NoteFile> {
        let mut files: Vec<&NoteFile> = self
            .placements
            .for_event(index)
            .iter()
            .filter_map(|k| self.store.get_key(k))
            .collect();
        files.sort_by_key(|f| !matches!(f.item, ItemRef::Event { .. }));
        files
    }

    /// Whether event `index` (or one of its sources) carries `tag`.
    pub fn event_has_tag(&self, index: usize, tag: &str) -> bool {
        self.of_event(index).iter().any(|f| f.has_tag(tag))
    }

    /// Whether event `index` (or one of its sources) is starred.
    pub fn event_starred(&self, index: usize) -> bool {
        self.of_event(index).iter().any(|f| f.star)
    }

    /// The first broken note file, for the status bar when the case opens.
    pub fn broken_summary(&self) -> Option<String> {
        let errors: Vec<String> = self.store.errors().map(|e| e.to_string()).collect();
        match errors.as_slice() {
            [] => None,
            [one] => Some(format!("a note file is broken (left untouched): {one}")),
            [one, ..] => Some(format!(
                "{} note files are broken (left untouched): {one}",
                errors.len()
            )),
        }
    }

    /// The two mark columns of a timeline row: a star (or the verification status), then
    /// "✎" for annotations or links, "#" for tags only.
    pub fn marks(&self, index: usize) -> [char; 2] {
        marks(&self.of_event(index))
    }
}

/// A notes filter: starred events, or events with a tag (on the event or one of its sources).
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum NoteChoice {
    Starred,
    Tag(String),
}

/// The two mark columns for the notes in `files` (see `Notes::marks`).
pub fn marks(files: &[&NoteFile]) -> [char; 2] {
    let first = if files.iter().any(|f| f.star) {
        '★'
    } else {
        match files
            .iter()
            .find_map(|f| f.verification.as_ref().map(|v| v.status))
        {
            Some(Status::Confirmed) => '✓',
            Some(Status::Disputed) => '!',
            Some(Status::Retracted) => '✗',
            Some(Status::Unconfirmed) => '?',
            None => ' ',
        }
    };
    let second = if files
        .iter()
        .any(|f| !f.annotations.is_empty() || !f.links.is_empty())
    {
        '✎'
    } else if files.iter().any(|f| !f.tags.is_empty()) {
        '#'
    } else {
        ' '
    };
    [first, second]
}

/// Something the user can note, with how the screen names it.
#[derive(Debug, Clone, PartialEq)]
pub struct Target {
    pub item: ItemRef,
    pub label: String,
}

/// `s` without the quotation marks around it (a label adds its own).
fn unquoted(s: &str) -> &str {
    s.trim_matches(|c| matches!(c, '“' | '”' | '"' | '‘' | '’'))
}

/// How the screen names `item`: what it is and its first words, or why it is an orphan.
pub fn label(case: &Case, item: &ItemRef) -> String {
    let place = locate(item, case);
    let text = match (&place, item) {
        (Place::Event { index, .. }, _) => event_label(case, &case.timeline.events[*index]),
        (Place::Source { article, .. }, ItemRef::Source { anchor, .. }) => format!(
            "source in {}: “{}”",
            case.articles[*article].outlet_or_unknown(),
            clip(unquoted(&anchor.exact), 8)
        ),
        (Place::Passage { article, .. }, ItemRef::Passage { anchor, .. }) => format!(
            "passage of {}: “{}”",
            case.articles[*article].outlet_or_unknown(),
            clip(unquoted(&anchor.exact), 8)
        ),
        (Place::Article { index }, _) => {
            let a = &case.articles[*index];
            format!(
                "article {} — {}",
                a.outlet_or_unknown(),
                clip(&a.meta.title, 10)
            )
        }
        (Place::Entity { .. }, ItemRef::Entity { name }) => format!("entity {name}"),
        (Place::Orphan { why }, _) => format!(
            "orphan {}: {why}",
            item.words()
                .map(|w| clip(w, 8))
                .unwrap_or_else(|| item.spec())
        ),
        _ => item.spec(),
    };
    clean(&text)
}

/// "event 2016-10-03 WikiLeaks: “Hiya, it’d be great …”".
pub fn event_label(case: &Case, e: &Event) -> String {
    let date = e
        .when
        .as_ref()
        .map(|w| w.display())
        .unwrap_or_else(|| "undated".into());
    format!(
        "event {date} {}: “{}”",
        case.sender_name(e),
        clip(&e.text, 8)
    )
}

/// Everything a link can point at: events, articles and people, with their labels (and the
/// text the finder matches on).
/// Everything a link can point at, with their labels indexed for the quotes' fuzzy search.
#[derive(Debug)]
pub struct LinkTargets {
    pub candidates: Vec<Target>,
    pub index: QuoteSearch,
}

impl LinkTargets {
    pub fn of(case: &Case) -> LinkTargets {
        let candidates = link_candidates(case);
        let index = QuoteSearch::from_texts(candidates.iter().map(|c| c.label.clone()));
        LinkTargets { candidates, index }
    }
}

fn link_candidates(case: &Case) -> Vec<Target> {
    let mut out: Vec<Target> = case
        .timeline
        .events
        .iter()
        .map(|e| Target {
            label: clean(&event_label(case, e)),
            item: ItemRef::event(e),
        })
        .collect();
    for a in &case.articles {
        out.push(Target {
            label: clean(&format!(
                "article {} — {}",
                a.outlet_or_unknown(),
                clip(&a.meta.title, 10)
            )),
            item: ItemRef::article(a),
        });
    }
    let mut names: Vec<String> = case
        .timeline
        .events
        .iter()
        .flat_map(|e| {
            let mut v = vec![case.sender_name(e)];
            v.extend(case.recipient_names(e));
            v
        })
        .filter(|n| n != "unknown" && !n.is_empty() && !n.starts_with('“'))
        .collect();
    names.sort();
    names.dedup();
    for n in names {
        out.push(Target {
            label: format!("entity {}", clean(&n)),
            item: ItemRef::entity(&n),
        });
    }
    out
}
