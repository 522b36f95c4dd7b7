//! Storing and fetching an opened case, so that re-opening an unchanged case skips loading,
//! extraction and the timeline.
//!
//! One file per case root, `cases/<hash of the canonical root>.bin` under the cache folder:
//! a header (magic, format, the case's key digest, payload length and checksum) and the
//! postcard payload. A file that is missing, stale, truncated or corrupt is simply not used:
//! the case is built afresh and the file replaced (written beside it, then renamed). Beside
//! it, `<hash>.quotes.bin` holds what a search needs ([`quotes`]) and `<hash>.stamps.bin` the
//! article files' stamps, so that an unchanged file need not be read to know it unchanged
//! ([`stamps`]).

mod key;
pub mod quotes;
mod stamps;

use std::borrow::Cow;
use std::fs;
use std::io::{self, BufWriter, Seek, SeekFrom, Write};
use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};
use thiserror::Error;
use xxhash_rust::xxh3::{Xxh3Default, xxh3_64, xxh3_128};

use crate::corpus::files::Candidate;
use crate::corpus::{Article, LoadIssue};
use crate::extract::Quote;
use crate::extract::entities::EntityRegistry;
use crate::timeline::Timeline;
pub(crate) use key::CaseKey;
use stamps::StoredStamps;

const MAGIC: &[u8; 8] = b"CASEFILE";
/// Magic, format, key digest, payload length, payload checksum.
const HEADER_LEN: usize = 8 + 4 + 16 + 8 + 16;

/// Where an opened case came from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Origin {
    /// Loaded and analysed from the files.
    Built,
    /// Read back from the cache: the files are unchanged since it was built.
    Cached,
}

/// Why a cache file was not used or not written. Never shown to the user as an error: the
/// case is built instead.
#[derive(Debug, Error)]
pub enum CacheError {
    #[error("no cache file at {0}")]
    Missing(PathBuf),
    #[error("cannot use {path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: io::Error,
    },
    #[error("{0} is not a casefile cache of this format")]
    Foreign(PathBuf),
    #[error("{0} is truncated or corrupt")]
    Corrupt(PathBuf),
    #[error("cannot encode or decode the case: {0}")]
    Codec(#[from] postcard::Error),
}

/// Where a cached article's text comes from.
#[derive(Serialize, Deserialize)]
pub(crate) enum StoredText<'a> {
    /// Decoded again from its file's bytes, which the key has just read and hashed: the text
    /// is not stored twice (it was three quarters of the cache).
    FromFile,
    /// Stored: a saved web page's text, which takes a readability pass to get.
    Stored(Cow<'a, str>),
}

/// The parts of an opened case that are stored: borrowed from the case when storing, owned
/// when fetched. Article texts and the quote -> event map are skipped by the types' own serde
/// (they are not part of the JSON shapes), so they travel beside them.
#[derive(Serialize, Deserialize)]
pub(crate) struct Snapshot<'a> {
    pub(crate) articles: Cow<'a, [Article]>,
    pub(crate) texts: Vec<StoredText<'a>>,
    /// Issue paths relative to the corpus folder, so the case can be opened by another path.
    pub(crate) issues: Vec<LoadIssue>,
    pub(crate) entities: Cow<'a, EntityRegistry>,
    pub(crate) quotes: Cow<'a, [Quote]>,
    pub(crate) timeline: Cow<'a, Timeline>,
    pub(crate) quote_event: Cow<'a, [Option<usize>]>,
}

/// A cache folder.
#[derive(Debug, Clone)]
pub struct CaseCache {
    dir: PathBuf,
    /// How long a file's times must precede a stamping for its stamp to be trusted.
    settle: Duration,
}

impl CaseCache {
    /// The cache in `dir` (its files go to `dir/cases/`).
    pub fn at(dir: impl Into<PathBuf>) -> CaseCache {
        CaseCache {
            dir: dir.into(),
            settle: stamps::SETTLE,
        }
    }

    /// This cache with another settling margin: tests cannot wait out the real one after
    /// writing files (their ctime cannot be set back).
    #[cfg(test)]
    pub(crate) fn settling(mut self, settle: Duration) -> CaseCache {
        self.settle = settle;
        self
    }

    /// The cache the environment asks for: none with `CASEFILE_NO_CACHE=1`; the folder in
    /// `CASEFILE_CACHE_DIR` if set; else the user's cache folder for casefile.
    pub fn from_env() -> Option<CaseCache> {
        if std::env::var_os("CASEFILE_NO_CACHE").is_some_and(|v| !v.is_empty() && v != "0") {
            return None;
        }
        if let Some(dir) = std::env::var_os("CASEFILE_CACHE_DIR").filter(|d| !d.is_empty()) {
            return Some(CaseCache::at(dir));
        }
        directories::ProjectDirs::from("", "", "casefile").map(|p| CaseCache::at(p.cache_dir()))
    }

    /// The file that holds the case rooted at `root`.
    pub fn file_for(&self, root: &Path) -> PathBuf {
        let canonical = root.canonicalize().unwrap_or_else(|_| root.to_path_buf());
        let name = xxh3_64(canonical.as_os_str().as_encoded_bytes());
        self.dir.join("cases").join(format!("{name:016x}.bin"))
    }

    /// The stored case of `root` and the key digest it was stored under. The caller compares
    /// the digest with the files' key: reading and checking both can then run at once.
    pub(crate) fn fetch(&self, root: &Path) -> Result<(u128, Snapshot<'static>), CacheError> {
        let (digest, bytes) = read_framed(&self.file_for(root))?;
        Ok((digest, postcard::from_bytes(&bytes[HEADER_LEN..])?))
    }

    /// The key of the case at `root` (its articles in `corpus_dir`), trusting the stored
    /// stamps of unchanged files; with `keep_contents`, every file is read and its bytes kept.
    pub(crate) fn key(
        &self,
        root: &Path,
        corpus_dir: &Path,
        progress: &crate::progress::LoadProgress,
        keep_contents: bool,
    ) -> io::Result<CaseKey> {
        let stored = self.fetch_stamps(root);
        let table = stored.as_ref().and_then(StoredStamps::table);
        key::case_key_keeping(
            corpus_dir,
            progress,
            keep_contents,
            table.as_ref(),
            self.settle,
        )
    }

    /// Stores the stamps `key` took, for the next key, if they say anything new.
    pub(crate) fn keep_stamps(&self, root: &Path, key: &CaseKey) -> Result<(), CacheError> {
        self.store_stamps(root, key.digest, &key.files, &key.stamps)
    }

    /// Stores a case under `key`, replacing the file whole or not at all.
    pub(crate) fn store(
        &self,
        root: &Path,
        key: &CaseKey,
        snapshot: &Snapshot<'_>,
    ) -> Result<(), CacheError> {
        write_framed(&self.file_for(root), key.digest, snapshot)
    }

    /// The file that holds the quote index of the case rooted at `root` (see [`quotes`]).
    pub fn quotes_file_for(&self, root: &Path) -> PathBuf {
        self.file_for(root).with_extension("quotes.bin")
    }
}

/// A cache file and the key digest it was stored under, once its header and checksum hold:
/// its payload is `bytes[HEADER_LEN..]`.
fn read_framed(path: &Path) -> Result<(u128, Vec<u8>), CacheError> {
    let bytes = fs::read(path).map_err(|source| match source.kind() {
        io::ErrorKind::NotFound => CacheError::Missing(path.to_path_buf()),
        _ => CacheError::Io {
            path: path.to_path_buf(),
            source,
        },
    })?;
    if bytes.len() < HEADER_LEN || &bytes[..8] != MAGIC {
        return Err(CacheError::Foreign(path.to_path_buf()));
    }
    let field = |at: usize, n: usize| &bytes[at..at + n];
    let format = u32::from_le_bytes(field(8, 4).try_into().expect("4 bytes"));
    if format != key::FORMAT {
        return Err(CacheError::Foreign(path.to_path_buf()));
    }
    let digest = u128::from_le_bytes(field(12, 16).try_into().expect("16 bytes"));
    let len = u64::from_le_bytes(field(28, 8).try_into().expect("8 bytes"));
    let checksum = u128::from_le_bytes(field(36, 16).try_into().expect("16 bytes"));
    let payload = &bytes[HEADER_LEN..];
    if payload.len() as u64 != len || xxh3_128(payload) != checksum {
        return Err(CacheError::Corrupt(path.to_path_buf()));
    }
    Ok((digest, bytes))
}

/// Writes `value` framed (header, postcard payload) to `path`, replacing the file whole or
/// not at all: written beside it, then renamed.
fn write_framed<T: Serialize>(path: &Path, digest: u128, value: &T) -> Result<(), CacheError> {
    let dir = path.parent().expect("the file is inside cases/");
    let io_err = |source| CacheError::Io {
        path: path.to_path_buf(),
        source,
    };
    fs::create_dir_all(dir).map_err(io_err)?;
    let temp = tempfile::NamedTempFile::new_in(dir).map_err(io_err)?;
    let mut out = HashingWriter {
        inner: BufWriter::new(temp),
        hasher: Xxh3Default::new(),
        len: 0,
    };
    out.inner.write_all(&[0; HEADER_LEN]).map_err(io_err)?;
    let mut out = postcard::to_io(value, out)?;
    let mut header = Vec::with_capacity(HEADER_LEN);
    header.extend_from_slice(MAGIC);
    header.extend_from_slice(&key::FORMAT.to_le_bytes());
    header.extend_from_slice(&digest.to_le_bytes());
    header.extend_from_slice(&out.len.to_le_bytes());
    header.extend_from_slice(&out.hasher.digest128().to_le_bytes());
    out.inner.seek(SeekFrom::Start(0)).map_err(io_err)?;
    out.inner.write_all(&header).map_err(io_err)?;
    let temp = out.inner.into_inner().map_err(|e| io_err(e.into_error()))?;
    temp.persist(path).map_err(|e| io_err(e.error))?;
    Ok(())
}

/// Counts and hashes the payload on its way to the file, so it is never held in memory.
struct HashingWriter<W> {
    inner: W,
    hasher: Xxh3Default,
    len: u64,
}

impl<W: Write> Write for HashingWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let n = self.inner.write(buf)?;
        self.hasher.update(&buf[..n]);
        self.len += n as u64;
        Ok(n)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.inner.flush()
    }
}

/// Issue paths made relative to `corpus_dir` for storing; None if one is elsewhere (it could
/// not be told apart from a relative one when read back).
pub(crate) fn relative_issues(issues: &[LoadIssue], corpus_dir: &Path) -> Option<Vec<LoadIssue>> {
    issues
        .iter()
        .map(|i| {
            Some(LoadIssue {
                path: i.path.strip_prefix(corpus_dir).ok()?.to_path_buf(),
                ..i.clone()
            })
        })
        .collect()
}

/// The stored issues with their paths under `corpus_dir` again.
pub(crate) fn absolute_issues(issues: Vec<LoadIssue>, corpus_dir: &Path) -> Vec<LoadIssue> {
    issues
        .into_iter()
        .map(|mut i| {
            i.path = if i.path.as_os_str().is_empty() {
                corpus_dir.to_path_buf()
            } else {
                corpus_dir.join(&i.path)
            };
            i
        })
        .collect()
}

/// How an article's text is stored: a saved page's text as it is, any other file's from its
/// bytes (decoding is a pure function of them).
pub(crate) fn stored_text(article: &Article) -> StoredText<'_> {
    if crate::import::is_page_name(&article.id) {
        StoredText::Stored(Cow::Borrowed(&article.text))
    } else {
        StoredText::FromFile
    }
}

/// Puts back into cached articles what is not stored with them: text and path (the path as
/// this opening's walk found it). The texts of files are decoded from `contents` (the key's
/// bytes, one per file of `files`), which they take.
pub(crate) fn restore_articles(
    articles: &mut [Article],
    texts: Vec<StoredText<'_>>,
    files: &[Candidate],
    contents: &mut [Option<Vec<u8>>],
) -> Result<(), ()> {
    if texts.len() != articles.len() || contents.len() != files.len() {
        return Err(());
    }
    // Articles are in file order, some files skipped: one pass over both.
    let mut next = 0;
    for (article, text) in articles.iter_mut().zip(texts) {
        let at = next
            + files[next..]
                .iter()
                .position(|f| f.id == article.id)
                .ok_or(())?;
        next = at + 1;
        article.path = files[at].path.clone();
        article.text = match text {
            StoredText::Stored(text) => text.into_owned(),
            StoredText::FromFile => {
                let bytes = contents[at].take().ok_or(())?;
                let decoded = crate::corpus::load::decode(bytes).map_err(|_| ())?;
                if decoded.lossy != article.lossy {
                    return Err(());
                }
                decoded.text
            }
        };
    }
    Ok(())
}
