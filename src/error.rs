//! Typed errors of the library. Problems with single files are not errors but `LoadIssue`s:
//! the rest of the case still loads.

use std::path::PathBuf;

use thiserror::Error;

/// A failure that stops a case from opening at all.
#[derive(Debug, Error)]
pub enum CaseError {
    #[error("no corpus folder at {0} (a case is a folder with corpus/ and notes/)")]
    MissingCorpus(PathBuf),
    #[error("{0} is a file, not a folder: a case is a folder with corpus/ and notes/")]
    CaseNotFolder(PathBuf),
    #[error("{0} is a file, not a folder: a case keeps its articles in the folder corpus/")]
    CorpusNotFolder(PathBuf),
    #[error("the corpus at {0} holds no readable .txt or .md article")]
    EmptyCorpus(PathBuf),
    #[error("cannot read {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("{path}:{line}:{column}: {message}")]
    Entities {
        path: PathBuf,
        line: usize,
        column: usize,
        message: String,
    },
}
