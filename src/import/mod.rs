//! Building a case from the web: URLs and saved pages to articles in `corpus/`.
//!
//! The pipeline is `fetch` (a URL's bytes, or a saved file's) -> `charset` (bytes to text) ->
//! `extract` (Readability's body, as blocks, with `metadata`) -> `write` (front matter, file
//! name, original kept, duplicates and versions). [`Importer::import`] runs it for one source
//! and returns what happened; a failure is that source's [`ImportError`], never the batch's.
//! The same extraction reads `.html` files dropped into a corpus ([`page_text`]).
//!
//! Plain synchronous functions: the CLI runs them one source after another with a progress
//! bar, the TUI on a worker thread.

pub mod charset;
pub mod extract;
pub mod fetch;
pub mod metadata;
pub mod write;

use std::fmt;
use std::fs;
use std::io;
use std::path::{Path, PathBuf};

use chrono::{DateTime, SecondsFormat, Utc};
use thiserror::Error;

/// Which file names are saved pages: the corpus's walk knows it, below this module.
pub use crate::corpus::files::{is_page_name, is_resources_of_a_page};
pub use extract::{Block, BlockKind, ExtractError, WebArticle};
pub use fetch::{FetchError, FetchOptions, Fetcher};
pub use write::{CorpusIndex, ORIGINALS_DIR};

/// Largest saved page read from disk, as for a fetched one.
const MAX_FILE_BYTES: u64 = 20_000_000;

/// Something to import: a web address or a saved page.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Source {
    Url(String),
    File(PathBuf),
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Source::Url(u) => f.write_str(u),
            Source::File(p) => write!(f, "{}", p.display()),
        }
    }
}

/// Why one source was not imported.
#[derive(Debug, Error)]
pub enum ImportError {
    #[error(transparent)]
    Fetch(#[from] FetchError),
    #[error(transparent)]
    Extract(#[from] ExtractError),
    #[error(
        "not an article (Readability: not readerable: an index page, a login wall?); `casefile add --force` adds it anyway"
    )]
    NotArticle,
    #[error("{} is larger than the limit of {} MB", .0.display(), MAX_FILE_BYTES / 1_000_000)]
    FileTooLarge(PathBuf),
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("no such file or folder: {0} (a web address starts with http:// or https://)")]
    Missing(String),
}

/// Why the list of sources could not be made (a usage error: nothing was imported).
#[derive(Debug, Error)]
pub enum SourceError {
    #[error("reading the list {path}: {source}")]
    List {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("reading the folder {path}: {source}")]
    Folder {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
}

/// What happened to one source.
#[derive(Debug, Clone, PartialEq)]
pub enum Outcome {
    /// A new article, written to `path`.
    Added { path: PathBuf, title: String },
    /// Already in the case (same canonical URL or same words): nothing written.
    Duplicate { existing: PathBuf },
    /// `--force`: the article changed since; the earlier text is kept as `previous`.
    NewVersion {
        path: PathBuf,
        previous: PathBuf,
        title: String,
    },
    /// `--force`: fetched again, same words as `existing`; nothing written.
    Unchanged { existing: PathBuf },
}

/// Options of a batch.
#[derive(Debug, Clone, Default)]
pub struct ImportOptions {
    /// Re-fetch what is already there (keeping a changed article's earlier version), and add
    /// pages Readability does not take for articles.
    pub force: bool,
    pub fetch: FetchOptions,
}

/// Imports sources into one corpus folder, remembering what it holds across a batch.
pub struct Importer {
    corpus_dir: PathBuf,
    options: ImportOptions,
    fetcher: Fetcher,
    index: CorpusIndex,
}

impl Importer {
    /// An importer into `corpus_dir` (created when the first article is written).
    pub fn new(corpus_dir: &Path, options: ImportOptions) -> Result<Importer, ImportError> {
        let index = CorpusIndex::scan(corpus_dir).map_err(|source| ImportError::Io {
            path: corpus_dir.to_path_buf(),
            source,
        })?;
        Ok(Importer {
            corpus_dir: corpus_dir.to_path_buf(),
            fetcher: Fetcher::new(options.fetch.clone()),
            options,
            index,
        })
    }

    /// Imports one source; `now` is written as the time a URL was retrieved.
    pub fn import(&mut self, source: &Source, now: DateTime<Utc>) -> Result<Outcome, ImportError> {
        let (bytes, charset, page_url, retrieved) = match source {
            Source::Url(url) => {
                if !self.options.force
                    && let Some(existing) = self.index.by_url(url)
                {
                    return Ok(Outcome::Duplicate {
                        existing: existing.to_path_buf(),
                    });
                }
                let page = self.fetcher.fetch(url)?;
                let retrieved = now.to_rfc3339_opts(SecondsFormat::Secs, true);
                (page.bytes, page.charset, Some(page.final_url), retrieved)
            }
            Source::File(path) => {
                let (bytes, saved) = read_saved(path)?;
                (bytes, None, None, saved)
            }
        };
        let text = charset::decode_page(&bytes, charset.as_deref()).text;
        let article = extract::extract(&text, page_url.as_deref())?;
        if !article.readerable && !self.options.force {
            return Err(ImportError::NotArticle);
        }
        let body = article.body_text();
        let existing = article
            .url
            .as_deref()
            .and_then(|u| self.index.by_url(u))
            .or_else(|| self.index.by_text(&body))
            .map(Path::to_path_buf);
        let previous = match existing {
            Some(existing) if !self.options.force => return Ok(Outcome::Duplicate { existing }),
            Some(existing) if self.index.by_text(&body) == Some(existing.as_path()) => {
                return Ok(Outcome::Unchanged { existing });
            }
            Some(existing) => {
                let kept = write::keep_as_version(&self.corpus_dir, &existing)
                    .map_err(|source| self.io(&existing, source))?;
                self.index.remove(&existing);
                Some(kept)
            }
            None => None,
        };
        let stem = write::free_name(&self.corpus_dir, &write::file_stem(&article));
        let original = format!("{ORIGINALS_DIR}/{stem}.html");
        let rendered = write::render(&article, Some(&retrieved), Some(&original));
        let path = write::write_article(&self.corpus_dir, &stem, &rendered, &bytes)
            .map_err(|source| self.io(&self.corpus_dir, source))?;
        self.index.insert(&path, &rendered);
        let title = article.title;
        Ok(match previous {
            Some(previous) => Outcome::NewVersion {
                path,
                previous,
                title,
            },
            None => Outcome::Added { path, title },
        })
    }

    fn io(&self, path: &Path, source: io::Error) -> ImportError {
        ImportError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// A saved page's bytes and the time it was saved (its modification time, RFC 3339).
fn read_saved(path: &Path) -> Result<(Vec<u8>, String), ImportError> {
    let io = |source| ImportError::Io {
        path: path.to_path_buf(),
        source,
    };
    if !path.exists() {
        return Err(ImportError::Missing(path.display().to_string()));
    }
    let meta = fs::metadata(path).map_err(io)?;
    if meta.len() > MAX_FILE_BYTES {
        return Err(ImportError::FileTooLarge(path.to_path_buf()));
    }
    let bytes = fs::read(path).map_err(io)?;
    let saved = meta
        .modified()
        .map(|t| DateTime::<Utc>::from(t).to_rfc3339_opts(SecondsFormat::Secs, true))
        .unwrap_or_default();
    Ok((bytes, saved))
}

/// The sources named on the command line: URLs as they are, files as they are, folders
/// expanded to the pages in them (sub-folders too; a complete save's `NAME_files/` folder of
/// images and scripts is skipped), `list` read one source per line (`#` starts a comment).
/// A name that is neither is kept as a file, to fail with its own error.
pub fn expand_sources(args: &[String], list: Option<&Path>) -> Result<Vec<Source>, SourceError> {
    let mut names: Vec<String> = args.to_vec();
    if let Some(list) = list {
        let text = fs::read_to_string(list).map_err(|source| SourceError::List {
            path: list.to_path_buf(),
            source,
        })?;
        names.extend(
            text.lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
    }
    let mut out = Vec::new();
    for name in names {
        if metadata::is_web_url(&name) {
            out.push(Source::Url(name));
            continue;
        }
        let path = PathBuf::from(&name);
        if path.is_dir() {
            let mut pages = Vec::new();
            pages_in(&path, 0, &mut pages).map_err(|source| SourceError::Folder {
                path: path.clone(),
                source,
            })?;
            pages.sort();
            out.extend(pages.into_iter().map(Source::File));
        } else {
            out.push(Source::File(path));
        }
    }
    Ok(out)
}

fn pages_in(dir: &Path, depth: usize, out: &mut Vec<PathBuf>) -> io::Result<()> {
    if depth > 16 {
        return Ok(());
    }
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name().to_string_lossy().into_owned();
        let path = entry.path();
        if name.starts_with('.') {
            continue;
        }
        if path.is_dir() {
            if !is_resources_of_a_page(dir, &name) {
                pages_in(&path, depth + 1, out)?;
            }
        } else if is_page_name(&name) {
            out.push(path);
        }
    }
    Ok(())
}

/// A saved page read as casefile text (front matter, then the body), for `.html` files
/// dropped into a corpus, and whether some bytes were not valid in the page's encoding. `Err`
/// says why it is not an article.
pub fn page_text(bytes: &[u8]) -> Result<(String, bool), String> {
    let decoded = charset::decode_page(bytes, None);
    let article = extract::extract(&decoded.text, None).map_err(|e| e.to_string())?;
    if !article.readerable {
        return Err(
            "not an article (Readability: not readerable); skipped — `casefile add --force FILE` \
             adds it anyway"
                .into(),
        );
    }
    Ok((write::render(&article, None, None), decoded.lossy))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sources_expand_folders_and_lists() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for p in [
            "a.html",
            "b.HTM",
            "notes.txt",
            "a_files/frame.html",
            "sub/c.html",
            ".hid/d.html",
        ] {
            let path = root.join(p);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, "<p>x</p>").unwrap();
        }
        let list = root.join("list.txt");
        fs::write(&list, "# links\nhttps://example.com/x\n\n  other.html \n").unwrap();
        let got = expand_sources(&[root.display().to_string()], Some(&list)).unwrap();
        let want = vec![
            Source::File(root.join("a.html")),
            Source::File(root.join("b.HTM")),
            Source::File(root.join("sub/c.html")),
            Source::Url("https://example.com/x".into()),
            Source::File(PathBuf::from("other.html")),
        ];
        assert_eq!(got, want);
        assert!(expand_sources(&[], Some(&root.join("missing"))).is_err());
    }
}
