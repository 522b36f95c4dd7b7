//! Changes to notes, as data: the one way notes are modified, from the command line and from
//! the TUI alike.
//!
//! A [`Change`] is an operation, not a new state: the store applies it to the file as it is on
//! disk at that moment (re-read under the lock), so two people changing the same item keep
//! both their changes. Applying one to a [`NoteFile`] gives its inverse, the change that
//! undoes it, or nothing when it changed nothing (adding a tag already there); undo applies the
//! inverse the same way, so it too merges with what others did meanwhile.

use chrono::{DateTime, Utc};

use super::error::NotesError;
use super::item::{ItemRef, short_hash};
use super::model::{Annotation, Link, NoteFile, Relation, Status, Verification};
use super::model::{clean_tag, clean_text};

/// One change to the notes.
#[derive(Debug, Clone, PartialEq)]
pub enum Change {
    AddTag {
        item: ItemRef,
        tag: String,
    },
    RemoveTag {
        item: ItemRef,
        tag: String,
    },
    SetStar {
        item: ItemRef,
        star: bool,
    },
    /// A new annotation; its id is chosen by the store and returned in `Applied`.
    AddAnnotation {
        item: ItemRef,
        text: String,
    },
    EditAnnotation {
        item: ItemRef,
        id: String,
        text: String,
    },
    RemoveAnnotation {
        item: ItemRef,
        id: String,
    },
    /// Puts back an annotation exactly as it was (the inverse of edit and remove).
    RestoreAnnotation {
        item: ItemRef,
        annotation: Annotation,
    },
    AddLink {
        item: ItemRef,
        link: Link,
    },
    RemoveLink {
        item: ItemRef,
        link: Link,
    },
    SetVerification {
        item: ItemRef,
        status: Status,
        reason: String,
        sources: Vec<ItemRef>,
    },
    /// Sets the verification exactly (None removes it): the inverse of `SetVerification`.
    RestoreVerification {
        item: ItemRef,
        verification: Option<Verification>,
    },
    /// Renames a tag on every item of the case; renaming onto an existing tag merges the two.
    RenameTag {
        from: String,
        to: String,
    },
    /// Several changes saved as one step (and undone as one).
    Batch(Vec<Change>),
}

impl Change {
    /// The item a single-item change is about (None for `RenameTag` and `Batch`).
    pub fn item(&self) -> Option<&ItemRef> {
        match self {
            Change::AddTag { item, .. }
            | Change::RemoveTag { item, .. }
            | Change::SetStar { item, .. }
            | Change::AddAnnotation { item, .. }
            | Change::EditAnnotation { item, .. }
            | Change::RemoveAnnotation { item, .. }
            | Change::RestoreAnnotation { item, .. }
            | Change::AddLink { item, .. }
            | Change::RemoveLink { item, .. }
            | Change::SetVerification { item, .. }
            | Change::RestoreVerification { item, .. } => Some(item),
            Change::RenameTag { .. } | Change::Batch(_) => None,
        }
    }

    /// One line saying what the change does, for acknowledgements and the undo message.
    pub fn describe(&self) -> String {
        match self {
            Change::AddTag { item, tag } => format!("added tag “{tag}” to {item}"),
            Change::RemoveTag { item, tag } => format!("removed tag “{tag}” from {item}"),
            Change::SetStar { item, star: true } => format!("starred {item}"),
            Change::SetStar { item, star: false } => format!("unstarred {item}"),
            Change::AddAnnotation { item, .. } => format!("annotated {item}"),
            Change::EditAnnotation { item, id, .. } => format!("edited annotation {id} of {item}"),
            Change::RemoveAnnotation { item, id } => {
                format!("removed annotation {id} of {item}")
            }
            Change::RestoreAnnotation { item, annotation } => {
                format!("restored annotation {} of {item}", annotation.id)
            }
            Change::AddLink { item, link } => {
                format!("linked {item} {} {}", link.relation.label(), link.to)
            }
            Change::RemoveLink { item, link } => {
                format!("unlinked {item} {} {}", link.relation.label(), link.to)
            }
            Change::SetVerification { item, status, .. } => {
                format!("marked {item} {}", status.as_str())
            }
            Change::RestoreVerification { item, .. } => format!("restored verification of {item}"),
            Change::RenameTag { from, to } => format!("renamed tag “{from}” to “{to}”"),
            Change::Batch(changes) => match changes.as_slice() {
                [one] => one.describe(),
                _ => format!("{} changes", changes.len()),
            },
        }
    }
}

/// Applies a single-item change to `file` (which must be that item's file). Returns the
/// inverse, or None when nothing changed. `new_annotation` receives the id of an added
/// annotation.
pub fn apply_to(
    file: &mut NoteFile,
    change: &Change,
    now: DateTime<Utc>,
    new_annotation: &mut Option<String>,
) -> Result<Option<Change>, NotesError> {
    let item = file.item.clone();
    let inverse = match change {
        Change::AddTag { tag, .. } => {
            let tag = valid_tag(tag)?;
            if file.has_tag(&tag) {
                None
            } else {
                file.tags.push(tag.clone());
                Some(Change::RemoveTag { item, tag })
            }
        }
        Change::RemoveTag { tag, .. } => {
            let before = file.tags.len();
            file.tags.retain(|t| t != tag);
            (file.tags.len() != before).then(|| Change::AddTag {
                item,
                tag: tag.clone(),
            })
        }
        Change::SetStar { star, .. } => (file.star != *star).then(|| {
            file.star = *star;
            Change::SetStar { item, star: !star }
        }),
        Change::AddAnnotation { text, .. } => {
            let text = valid_text(text, "annotation")?;
            let id = annotation_id(file, now, &text);
            file.annotations.push(Annotation {
                id: id.clone(),
                created: now,
                updated: now,
                text,
            });
            *new_annotation = Some(id.clone());
            Some(Change::RemoveAnnotation { item, id })
        }
        Change::EditAnnotation { id, text, .. } => {
            let text = valid_text(text, "annotation")?;
            let a = annotation_mut(file, id)?;
            (a.text != text).then(|| {
                let old = a.clone();
                a.text = text;
                a.updated = now;
                Change::RestoreAnnotation {
                    item,
                    annotation: old,
                }
            })
        }
        Change::RemoveAnnotation { id, .. } => {
            let pos = file.annotations.iter().position(|a| &a.id == id);
            pos.map(|i| Change::RestoreAnnotation {
                item,
                annotation: file.annotations.remove(i),
            })
        }
        Change::RestoreAnnotation { annotation, .. } => {
            let pos = file.annotations.iter().position(|a| a.id == annotation.id);
            match pos {
                Some(i) if file.annotations[i] == *annotation => None,
                Some(i) => Some(Change::RestoreAnnotation {
                    item,
                    annotation: std::mem::replace(&mut file.annotations[i], annotation.clone()),
                }),
                None => {
                    file.annotations.push(annotation.clone());
                    Some(Change::RemoveAnnotation {
                        item,
                        id: annotation.id.clone(),
                    })
                }
            }
        }
        Change::AddLink { link, .. } => {
            if let Relation::Other(r) = &link.relation {
                plain(r, "relation")?;
                if clean_tag(r).is_none() {
                    return Err(NotesError::Invalid {
                        what: "relation",
                        why: "it is empty".into(),
                    });
                }
            }
            if link.to.same_item(&file.item) {
                return Err(NotesError::Invalid {
                    what: "link",
                    why: "an item cannot link to itself".into(),
                });
            }
            let exists = file.links.iter().any(|l| same_link(l, link));
            (!exists).then(|| {
                file.links.push(link.clone());
                Change::RemoveLink {
                    item,
                    link: link.clone(),
                }
            })
        }
        Change::RemoveLink { link, .. } => {
            let pos = file.links.iter().position(|l| same_link(l, link));
            pos.map(|i| Change::AddLink {
                item,
                link: file.links.remove(i),
            })
        }
        Change::SetVerification {
            status,
            reason,
            sources,
            ..
        } => {
            let mut sources = sources.clone();
            sources.sort();
            sources.dedup();
            let new = Verification {
                status: *status,
                reason: clean_text(reason),
                sources,
                updated: now,
            };
            let same = file.verification.as_ref().is_some_and(|v| {
                v.status == new.status && v.reason == new.reason && v.sources == new.sources
            });
            (!same).then(|| Change::RestoreVerification {
                item,
                verification: file.verification.replace(new),
            })
        }
        Change::RestoreVerification { verification, .. } => (file.verification != *verification)
            .then(|| Change::RestoreVerification {
                item,
                verification: std::mem::replace(&mut file.verification, verification.clone()),
            }),
        Change::RenameTag { .. } | Change::Batch(_) => {
            return Err(NotesError::Invalid {
                what: "change",
                why: "not a change of one item".into(),
            });
        }
    };
    file.normalize();
    Ok(inverse)
}

/// Links are the same when they go to the same item with the same relation.
fn same_link(a: &Link, b: &Link) -> bool {
    a.relation == b.relation && a.to.same_item(&b.to)
}

pub fn valid_tag(tag: &str) -> Result<String, NotesError> {
    plain(tag, "tag")?;
    clean_tag(tag).ok_or(NotesError::Invalid {
        what: "tag",
        why: "it is empty".into(),
    })
}

/// Tags and relations are one line of plain words, printed in every list and export: a
/// control character (an escape sequence starts with one) or a bidirectional override in them
/// is refused, not stored.
fn plain(s: &str, what: &'static str) -> Result<(), NotesError> {
    let line: String = s.split_whitespace().collect::<Vec<_>>().join(" ");
    match crate::text::clean::first_unsafe(&line) {
        None => Ok(()),
        Some(c) => Err(NotesError::Invalid {
            what,
            why: format!(
                "it holds the control character {c} (terminal escape sequences start with one); \
                 a {what} is plain text"
            ),
        }),
    }
}

fn valid_text(text: &str, what: &'static str) -> Result<String, NotesError> {
    let t = clean_text(text);
    if t.is_empty() {
        return Err(NotesError::Invalid {
            what,
            why: "it is empty".into(),
        });
    }
    Ok(t)
}

fn annotation_mut<'a>(file: &'a mut NoteFile, id: &str) -> Result<&'a mut Annotation, NotesError> {
    let item = file.item.spec();
    file.annotations
        .iter_mut()
        .find(|a| a.id == id)
        .ok_or_else(|| NotesError::NoAnnotation {
            item,
            id: id.to_string(),
        })
}

/// `a-` and eight hex digits of the creation time and text; bumped on a clash.
fn annotation_id(file: &NoteFile, now: DateTime<Utc>, text: &str) -> String {
    let mut seed = format!("{}\n{text}", now.to_rfc3339());
    loop {
        let id = format!("a-{}", short_hash(seed.as_bytes()));
        if file.annotation(&id).is_none() {
            return id;
        }
        seed.push('+');
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn t(s: u32) -> DateTime<Utc> {
        DateTime::from_timestamp(1_700_000_000 + i64::from(s), 0).unwrap()
    }

    fn ev() -> ItemRef {
        ItemRef::Event {
            id: "ev-1".into(),
            text: String::new(),
        }
    }

    #[test]
    fn each_change_has_an_inverse_that_restores_the_file() {
        let item = ev();
        let other = ItemRef::Article { id: "a.txt".into() };
        let mut f = NoteFile::new(item.clone());
        let mut id = None;
        let changes = [
            Change::AddTag {
                item: item.clone(),
                tag: " key  message ".into(),
            },
            Change::SetStar {
                item: item.clone(),
                star: true,
            },
            Change::AddAnnotation {
                item: item.clone(),
                text: "first\r\nsecond".into(),
            },
            Change::AddLink {
                item: item.clone(),
                link: Link {
                    relation: Relation::Contradicts,
                    to: other.clone(),
                },
            },
            Change::SetVerification {
                item: item.clone(),
                status: Status::Confirmed,
                reason: "two outlets".into(),
                sources: vec![other.clone()],
            },
        ];
        let mut inverses = Vec::new();
        for (i, c) in changes.iter().enumerate() {
            let inv = apply_to(&mut f, c, t(i as u32), &mut id).unwrap();
            inverses.push(inv.expect("changed"));
        }
        assert_eq!(f.tags, ["key message"]);
        assert_eq!(f.annotations[0].text, "first\nsecond");
        let aid = id.clone().unwrap();
        let edit = Change::EditAnnotation {
            item: item.clone(),
            id: aid.clone(),
            text: "changed".into(),
        };
        inverses.push(apply_to(&mut f, &edit, t(9), &mut id).unwrap().unwrap());
        assert_eq!(f.annotations[0].updated, t(9));
        assert_eq!(f.annotations[0].created, t(2));
        // Doing it again changes nothing.
        assert_eq!(apply_to(&mut f, &changes[0], t(10), &mut id).unwrap(), None);
        assert_eq!(apply_to(&mut f, &edit, t(10), &mut id).unwrap(), None);
        for inv in inverses.iter().rev() {
            apply_to(&mut f, inv, t(11), &mut id).unwrap();
        }
        assert!(f.is_empty(), "{f:?}");
    }

    #[test]
    fn bad_changes_are_errors() {
        let mut f = NoteFile::new(ev());
        let mut id = None;
        let empty = Change::AddTag {
            item: ev(),
            tag: "  ".into(),
        };
        assert!(apply_to(&mut f, &empty, t(0), &mut id).is_err());
        let missing = Change::EditAnnotation {
            item: ev(),
            id: "a-x".into(),
            text: "x".into(),
        };
        assert!(matches!(
            apply_to(&mut f, &missing, t(0), &mut id),
            Err(NotesError::NoAnnotation { .. })
        ));
        let selfie = Change::AddLink {
            item: ev(),
            link: Link {
                relation: Relation::SeeAlso,
                to: ev(),
            },
        };
        assert!(apply_to(&mut f, &selfie, t(0), &mut id).is_err());
    }

    #[test]
    fn tags_and_relations_with_control_characters_are_refused() {
        let mut f = NoteFile::new(ev());
        let mut id = None;
        for tag in ["a\u{1b}]0;T\u{7}tag", "a\u{9b}2J", "rtl\u{202e}"] {
            let change = Change::AddTag {
                item: ev(),
                tag: tag.into(),
            };
            let e = apply_to(&mut f, &change, t(0), &mut id).unwrap_err();
            assert!(e.to_string().contains("control character U+"), "{e}");
        }
        let link = Change::AddLink {
            item: ev(),
            link: Link {
                relation: Relation::Other("sees\u{1b}[2J".into()),
                to: ItemRef::Entity {
                    name: "Jane Roe".into(),
                },
            },
        };
        let e = apply_to(&mut f, &link, t(0), &mut id).unwrap_err();
        assert!(e.to_string().starts_with("invalid relation"), "{e}");
        assert!(f.tags.is_empty() && f.links.is_empty());
        // White space in a tag is still one space, not a refusal.
        let spaced = Change::AddTag {
            item: ev(),
            tag: "key\tmessage\n".into(),
        };
        apply_to(&mut f, &spaced, t(0), &mut id).unwrap();
        assert_eq!(f.tags, ["key message"]);
    }

    #[test]
    fn annotation_ids_do_not_clash() {
        let mut f = NoteFile::new(ev());
        let mut id = None;
        let add = Change::AddAnnotation {
            item: ev(),
            text: "same".into(),
        };
        apply_to(&mut f, &add, t(0), &mut id).unwrap();
        apply_to(&mut f, &add, t(0), &mut id).unwrap();
        assert_eq!(f.annotations.len(), 2);
        assert_ne!(f.annotations[0].id, f.annotations[1].id);
    }
}
