//! Drafts: the words of a note popup (the annotation editor, the tag field, the link finder)
//! that could not be saved, kept in the user's data folder so that no typed word is lost when
//! the notes folder cannot be written (a broken note file, a read-only `notes/`, another
//! casefile holding the lock) and the user quits anyway. The next `a`, `t` or `L` on the same
//! item offers the draft again; a successful save removes it.
//!
//! Where: `$CASEFILE_DATA_DIR/drafts/` when that variable is set (tests set it, so that they
//! never write to the user's home), else the data folder of `directories`
//! (`~/.local/share/casefile/drafts/` on Linux, which honours `XDG_DATA_HOME`). One folder per
//! case, named after the case and a hash of its path (two cases of the same name stay apart),
//! one file per item and kind, named after the item's notes file:
//! `drafts/bundled-1a2b3c4d/event-ev-….annotation.txt` (the annotation's words as they are),
//! `….tag.txt` (what was typed, `-tag` for a removal), `….link.ron` (the query, and the item
//! and relation chosen).
//!
//! This is the only file I/O of the notebook besides the notes store; it runs in
//! `effects.rs`, never in `update`.

use std::io;
use std::path::{Path, PathBuf};

use casefile::Case;
use casefile::notes::{Change, ItemRef};
use serde::{Deserialize, Serialize};

/// The environment variable naming the folder for casefile's data (drafts).
pub const DATA_DIR_ENV: &str = "CASEFILE_DATA_DIR";

/// Which popup a draft belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DraftKind {
    Annotation,
    Tag,
    Link,
}

impl DraftKind {
    fn suffix(self) -> &'static str {
        match self {
            DraftKind::Annotation => "annotation.txt",
            DraftKind::Tag => "tag.txt",
            DraftKind::Link => "link.ron",
        }
    }

    /// "annotation", "tag", "link", for messages.
    pub fn noun(self) -> &'static str {
        match self {
            DraftKind::Annotation => "annotation",
            DraftKind::Tag => "tag",
            DraftKind::Link => "link",
        }
    }
}

/// The words of one popup.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub enum Draft {
    /// The editor's text.
    Annotation(String),
    /// What the tag field held ("-tag" removes).
    Tag(String),
    /// The link finder: the query typed, and the item and relation once chosen.
    Link {
        query: String,
        to: Option<ItemRef>,
        relation: Option<String>,
    },
}

impl Draft {
    pub fn kind(&self) -> DraftKind {
        match self {
            Draft::Annotation(_) => DraftKind::Annotation,
            Draft::Tag(_) => DraftKind::Tag,
            Draft::Link { .. } => DraftKind::Link,
        }
    }

    /// The draft of a popup's change that could not be saved, and the item it is about.
    pub fn of_change(change: &Change) -> Option<(ItemRef, Draft)> {
        Some(match change {
            Change::AddAnnotation { item, text } => (item.clone(), Draft::Annotation(text.clone())),
            Change::AddTag { item, tag } => (item.clone(), Draft::Tag(tag.clone())),
            Change::RemoveTag { item, tag } => (item.clone(), Draft::Tag(format!("-{tag}"))),
            Change::AddLink { item, link } => (
                item.clone(),
                Draft::Link {
                    query: String::new(),
                    to: Some(link.to.clone()),
                    relation: Some(link.relation.label().to_string()),
                },
            ),
            _ => return None,
        })
    }

    /// Whether there is nothing in it worth keeping.
    pub fn is_empty(&self) -> bool {
        match self {
            Draft::Annotation(t) | Draft::Tag(t) => t.trim().is_empty(),
            Draft::Link { query, to, .. } => query.trim().is_empty() && to.is_none(),
        }
    }

    fn to_file(&self) -> io::Result<String> {
        match self {
            Draft::Annotation(t) | Draft::Tag(t) => Ok(t.clone()),
            Draft::Link { .. } => {
                let config = ron::ser::PrettyConfig::new().struct_names(false);
                ron::ser::to_string_pretty(self, config).map_err(io::Error::other)
            }
        }
    }

    fn from_file(kind: DraftKind, text: String) -> Option<Draft> {
        match kind {
            DraftKind::Annotation => Some(Draft::Annotation(text)),
            DraftKind::Tag => Some(Draft::Tag(text.trim().to_string())),
            DraftKind::Link => ron::from_str(&text).ok(),
        }
    }
}

/// Where the drafts of this user go; `None` keeps none (no data folder could be found, or a
/// test that does not need them).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Drafts {
    base: Option<PathBuf>,
}

impl Drafts {
    /// The folder the environment asks for (see the module docs).
    pub fn from_env() -> Drafts {
        let data = std::env::var_os(DATA_DIR_ENV)
            .filter(|d| !d.is_empty())
            .map(PathBuf::from)
            .or_else(|| {
                directories::ProjectDirs::from("", "", "casefile").map(|p| p.data_dir().into())
            });
        Drafts {
            base: data.map(|d| d.join("drafts")),
        }
    }

    /// Drafts in `base` (tests).
    pub fn at(base: impl Into<PathBuf>) -> Drafts {
        Drafts {
            base: Some(base.into()),
        }
    }

    /// The file of the draft of `kind` about `item` in `case`.
    pub fn file(&self, case: &Case, kind: DraftKind, item: &ItemRef) -> Option<PathBuf> {
        let base = self.base.as_ref()?;
        Some(
            base.join(case_folder(case))
                .join(format!("{}.{}", item.key(), kind.suffix())),
        )
    }

    /// The draft of `kind` about `item`, if one was kept.
    pub fn read(&self, case: &Case, kind: DraftKind, item: &ItemRef) -> Option<Draft> {
        let text = std::fs::read_to_string(self.file(case, kind, item)?).ok()?;
        Draft::from_file(kind, text).filter(|d| !d.is_empty())
    }

    /// Keeps `draft` about `item`; returns the file written.
    pub fn write(&self, case: &Case, item: &ItemRef, draft: &Draft) -> io::Result<PathBuf> {
        let Some(path) = self.file(case, draft.kind(), item) else {
            return Err(io::Error::new(
                io::ErrorKind::NotFound,
                format!("no data folder for drafts (set {DATA_DIR_ENV})"),
            ));
        };
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir)?;
        }
        casefile::notes::atomic::write_atomic(&path, draft.to_file()?.as_bytes())?;
        Ok(path)
    }

    /// Forgets the draft of `kind` about `item` (it was saved, or emptied by the user).
    pub fn remove(&self, case: &Case, kind: DraftKind, item: &ItemRef) {
        if let Some(path) = self.file(case, kind, item) {
            let _ = std::fs::remove_file(&path);
            // The case's folder goes with its last draft.
            if let Some(dir) = path.parent() {
                let _ = std::fs::remove_dir(dir);
            }
        }
    }
}

/// "bundled-1a2b3c4d": the case's name (letters, digits, `-_.` only) and a hash of its path.
fn case_folder(case: &Case) -> String {
    let name: String = case
        .name()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '_'
            }
        })
        .take(40)
        .collect();
    let name = name.trim_start_matches('.');
    let root = case
        .root
        .canonicalize()
        .unwrap_or_else(|_| case.root.clone());
    let hash = xxhash_rust::xxh3::xxh3_64(root.as_os_str().as_encoded_bytes());
    format!(
        "{}-{:08x}",
        if name.is_empty() { "case" } else { name },
        hash as u32
    )
}

/// `path` for a message: as it is (drafts live outside the case).
pub fn shown(path: &Path) -> String {
    super::text::clean(&path.display().to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use casefile::notes::{Link, Relation};

    #[test]
    fn a_draft_is_kept_read_back_and_removed_in_its_own_folder() {
        let case_dir = super::super::testkit::temp_case();
        let case = Case::open(case_dir.path()).expect("the case opens");
        let data = tempfile::tempdir().unwrap();
        let drafts = Drafts::at(data.path());
        let item = ItemRef::event(&case.timeline.events[0]);
        assert_eq!(drafts.read(&case, DraftKind::Annotation, &item), None);
        let text = Draft::Annotation("two\nlines".into());
        let path = drafts.write(&case, &item, &text).unwrap();
        assert!(path.starts_with(data.path()));
        assert!(path.to_string_lossy().ends_with(".annotation.txt"));
        assert_eq!(std::fs::read_to_string(&path).unwrap(), "two\nlines");
        assert_eq!(
            drafts.read(&case, DraftKind::Annotation, &item),
            Some(text.clone())
        );

        let (_, link) = Draft::of_change(&Change::AddLink {
            item: item.clone(),
            link: Link {
                relation: Relation::Contradicts,
                to: ItemRef::entity("WikiLeaks"),
            },
        })
        .unwrap();
        drafts.write(&case, &item, &link).unwrap();
        assert_eq!(drafts.read(&case, DraftKind::Link, &item), Some(link));

        drafts.remove(&case, DraftKind::Annotation, &item);
        drafts.remove(&case, DraftKind::Link, &item);
        assert_eq!(drafts.read(&case, DraftKind::Annotation, &item), None);
        assert_eq!(std::fs::read_dir(data.path()).unwrap().count(), 0);
        assert!(Drafts::default().write(&case, &item, &text).is_err());
    }
}
