//! Errors of the notes store. A notes file that does not parse is not an error of the store
//! but a [`NoteFileError`] kept beside the notes that did load; it becomes a [`NotesError`]
//! only when a change would have to write that very file.

use std::fmt;
use std::path::PathBuf;
use std::time::Duration;

use thiserror::Error;

/// A notes file that could not be read: where, and what was expected.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoteFileError {
    pub path: PathBuf,
    /// 1-based line and column of the problem, when the parser gave one.
    pub line: Option<usize>,
    pub column: Option<usize>,
    pub message: String,
    /// The notes format the file was written in, when it is newer than this casefile reads:
    /// nothing is wrong with the file, casefile is too old for it.
    pub newer_format: Option<u32>,
}

impl NoteFileError {
    /// What the user can do about it: upgrade casefile (a newer format) or fix the file.
    pub fn advice(&self) -> &'static str {
        if self.newer_format.is_some() {
            "upgrade casefile to read or change it; it was left as it is"
        } else {
            "fix the file, then try again; it was left as it is"
        }
    }
}

impl fmt::Display for NoteFileError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.path.display())?;
        if let (Some(l), Some(c)) = (self.line, self.column) {
            write!(f, ":{l}:{c}")?;
        }
        write!(f, ": {}", self.message)
    }
}

impl std::error::Error for NoteFileError {}

#[derive(Debug, Error)]
pub enum NotesError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    /// The file a change needs does not parse (or is in a newer format): it is left as it is.
    #[error("{0} ({advice})", advice = .0.advice())]
    Broken(NoteFileError),
    #[error("{spec}: {why}")]
    BadItem { spec: String, why: String },
    #[error("no annotation {id} on {item}")]
    NoAnnotation { item: String, id: String },
    #[error("invalid {what}: {why}")]
    Invalid { what: &'static str, why: String },
    #[error("cannot write notes: {0}")]
    Serialize(String),
    /// Another casefile held the notes folder's lock for longer than this one would wait.
    #[error(
        "another casefile is saving these notes (it holds {}){}",
        path.display(),
        gave_up(*waited)
    )]
    Locked { path: PathBuf, waited: Duration },
}

/// ": gave up after 30 s" (nothing when there was no wait).
fn gave_up(waited: Duration) -> String {
    if waited.is_zero() {
        String::new()
    } else {
        format!(": gave up after {} s", waited.as_secs_f64().ceil() as u64)
    }
}

impl NotesError {
    pub fn io(path: impl Into<PathBuf>, source: std::io::Error) -> NotesError {
        NotesError::Io {
            path: path.into(),
            source,
        }
    }
}
