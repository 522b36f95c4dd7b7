//! The investigator's notes: tags, stars, annotations, links between items and verification
//! statuses on anything of a case (events, source excerpts, articles, passages, entities),
//! kept in the case's `notes/` folder as one pretty RON file per noted item.
//!
//! - `item.rs`: [`ItemRef`], what a note is about, and its file name; `anchor.rs`:
//!   [`TextAnchor`], how a passage is found again after its article changed;
//! - `model.rs`: [`NoteFile`], the data of one file, and its RON form;
//! - `change.rs`: [`Change`], every modification as data, with its inverse for undo;
//! - `store.rs`: [`NotesStore`], loading, locking, merging with other writers, saving
//!   atomically (`atomic.rs`) and undo; `query.rs`: tags, completion, backlinks, filters;
//! - `place.rs`: [`Placements`], where each noted item is in the case now (orphans included);
//! - `export/`: the annotated timeline as Markdown, JSON, CSV or TimelineJS.
//!
//! The library has no terminal code: the command line (`casefile notes`, `casefile note`,
//! `casefile export`) and the TUI both go through [`NotesStore::apply`] and the queries.
//!
//! For a view: open the store once with [`NotesStore::for_case`] (show [`NotesStore::errors`]
//! in the status bar), compute [`Placements`] after loading and after each change, and poll
//! [`NotesStore::refresh`] now and then to see another casefile's changes. The notes of the
//! focused event are `placements.for_event(index)` (its own note, notes made under an older
//! id, and notes on its sources) read with [`NotesStore::get_key`]; of any other item,
//! [`NotesStore::get`] with its [`ItemRef`] (`ItemRef::article`, `::entity`, `::passage`,
//! `::paragraph`, `::source`); what points at it, [`NotesStore::backlinks`]. Every edit is a
//! [`Change`] given to [`NotesStore::apply`]; its `Applied::description` makes the status
//! message, [`NotesStore::undo`] takes the last one back ([`NotesStore::undo_label`] says
//! which). Tag completion is [`NotesStore::complete_tag`], the tag list with counts
//! [`NotesStore::tags`], the list of all notes with search [`NotesStore::filter`] with a
//! [`NoteFilter`]; passages to highlight in the reader, [`Placements::in_article`].

pub mod anchor;
pub mod atomic;
pub mod change;
pub mod error;
pub mod export;
pub mod item;
pub mod model;
pub mod place;
pub mod query;
pub mod store;

pub use anchor::{Fit, Relocation, TextAnchor};
pub use change::Change;
pub use error::{NoteFileError, NotesError};
pub use export::{ExportFilter, Format, export};
pub use item::{ItemKind, ItemRef};
pub use model::{Annotation, FORMAT_VERSION, Link, NoteFile, Relation, Status, Verification};
pub use place::{Place, Placements, locate};
pub use query::{Backlink, NoteFilter, TagCount};
pub use store::{Applied, Clock, LockWait, NotesStore, SystemClock, notes_dir};
