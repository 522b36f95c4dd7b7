//! Loading a case's corpus folder: files to articles, articles to sections and paragraphs.

mod model;

pub use model::{Article, ArticleMeta, Paragraph, ParagraphKind, Section};

use std::fmt;
use std::path::{Path, PathBuf};

use serde::Serialize;

use crate::error::CaseError;

/// How bad a problem with one file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file loaded, with a caveat (decoded with replacement characters, odd front matter).
    Warning,
    /// The file was skipped.
    Error,
}

/// A problem with one file of the corpus, reported with the file's path.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct LoadIssue {
    pub path: PathBuf,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for LoadIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", self.path.display(), self.message)
    }
}

/// Every article that loaded, and what went wrong with the files that did not load cleanly.
#[derive(Debug, Clone, Default)]
pub struct LoadedCorpus {
    pub articles: Vec<Article>,
    pub issues: Vec<LoadIssue>,
}

/// Loads every `.txt` and `.md` file under `dir` (recursively, in path order).
pub fn load_corpus(dir: &Path) -> Result<LoadedCorpus, CaseError> {
    let _ = dir;
    let _: PathBuf;
    todo!("helper: loader")
}
