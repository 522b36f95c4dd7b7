//! The stamp table: every article file's status (size, mtime, ctime, inode, device) and content
//! hash as they were when the key last hashed it, and when that was. A file whose status is
//! unchanged since, and was settled then, keeps its hash without being read (git's index does
//! the same); see [`super::key`] for why that is safe.
//!
//! Stored beside the case as `<hash>.stamps.bin`, framed like the other cache files (the
//! header's digest is the key the stamps gave, not needed to use them). It is a memo of facts
//! about files, valid whatever case or build wrote it: missing, damaged or foreign, it only
//! means every file is hashed.

use std::borrow::Cow;
use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};

use super::{CacheError, CaseCache, HEADER_LEN, read_framed, write_framed};
use crate::corpus::files::Candidate;

/// How long after a stamping a file's times must be older than it to be trusted: longer than
/// any file system's timestamp granularity (FAT's 2 s), so that an edit in the same tick as the
/// stamping, which could leave the times as they were, is never missed.
pub(crate) const SETTLE: Duration = Duration::from_secs(2);

/// What a `stat` tells of a file; any edit changes one of these.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub(crate) struct Status {
    pub(crate) size: u64,
    /// Nanoseconds since the epoch, as the key's digest takes them.
    pub(crate) mtime: i128,
    pub(crate) ctime: i128,
    pub(crate) ino: u64,
    pub(crate) dev: u64,
}

impl Status {
    /// The status of a file from its metadata; None where there is no ctime (not unix).
    #[cfg(unix)]
    pub(crate) fn of(meta: &fs::Metadata, mtime: i128) -> Option<Status> {
        use std::os::unix::fs::MetadataExt;
        Some(Status {
            size: meta.len(),
            mtime,
            ctime: i128::from(meta.ctime()) * 1_000_000_000 + i128::from(meta.ctime_nsec()),
            ino: meta.ino(),
            dev: meta.dev(),
        })
    }

    #[cfg(not(unix))]
    pub(crate) fn of(_meta: &fs::Metadata, _mtime: i128) -> Option<Status> {
        None
    }

    /// Whether both times are older than `taken` by more than `settle`.
    fn settled(&self, taken: i128, settle: Duration) -> bool {
        let before = taken - settle.as_nanos() as i128;
        self.mtime < before && self.ctime < before
    }
}

/// A file's status and content hash.
pub(crate) type Known = (Status, u128);

#[derive(Serialize, Deserialize)]
struct Entry<'a> {
    /// Relative id, as the walk names the file.
    #[serde(borrow)]
    id: Cow<'a, str>,
    status: Status,
    hash: u128,
}

/// The stored table: entries in id order (the walk's), and `entities.ron`'s.
#[derive(Serialize, Deserialize)]
pub(crate) struct StampTable<'a> {
    /// When the stamping began, in nanoseconds since the epoch.
    taken: i128,
    #[serde(borrow)]
    entries: Vec<Entry<'a>>,
    entities: Option<Known>,
}

impl StampTable<'_> {
    /// The stamp of `id`, settled or not. `hint` is where it is if the file list is as it was
    /// (the usual case: a search then compares one id, not 14).
    pub(crate) fn get(&self, id: &str, hint: usize) -> Option<Known> {
        let at = match self.entries.get(hint) {
            Some(e) if e.id == id => hint,
            _ => self
                .entries
                .binary_search_by(|e| e.id.as_ref().cmp(id))
                .ok()?,
        };
        let e = &self.entries[at];
        Some((e.status, e.hash))
    }

    pub(crate) fn entities(&self) -> Option<Known> {
        self.entities
    }

    /// Whether a stamp of this table may be trusted on its status alone: settled when taken.
    pub(crate) fn trusts(&self, (status, _): &Known, settle: Duration) -> bool {
        status.settled(self.taken, settle)
    }

    /// Whether the stamp `fresh`, taken at `taken`, says more than this table's `stored`: a
    /// different status or hash, or one that was not settled here and now is.
    pub(crate) fn news(
        &self,
        stored: Option<Known>,
        fresh: Option<Known>,
        taken: i128,
        settle: Duration,
    ) -> bool {
        match (stored, fresh) {
            (_, None) => false,
            (None, Some(_)) => true,
            (Some(stored), Some(fresh)) => {
                stored != fresh || (!self.trusts(&stored, settle) && fresh.0.settled(taken, settle))
            }
        }
    }

    pub(crate) fn len(&self) -> usize {
        self.entries.len()
    }
}

/// The stamps one key computation took, one per file of its walk, to store for the next.
#[derive(Debug)]
pub(crate) struct Fresh {
    pub(crate) taken: i128,
    pub(crate) files: Vec<Option<Known>>,
    pub(crate) entities: Option<Known>,
    /// Whether they say more than the stored table (a file hashed anew, one gone): only then
    /// are they written.
    pub(crate) news: bool,
}

/// A time in nanoseconds since the epoch, as the key's digest takes an mtime.
pub(crate) fn nanos(time: SystemTime) -> i128 {
    match time.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    }
}

/// A stamp table file read into memory; [`StoredStamps::table`] decodes it, borrowing.
pub(crate) struct StoredStamps {
    bytes: Vec<u8>,
}

impl StoredStamps {
    pub(crate) fn table(&self) -> Option<StampTable<'_>> {
        postcard::from_bytes(&self.bytes[HEADER_LEN..]).ok()
    }
}

impl CaseCache {
    /// The file that holds the stamp table of the case rooted at `root`.
    pub fn stamps_file_for(&self, root: &Path) -> std::path::PathBuf {
        self.file_for(root).with_extension("stamps.bin")
    }

    pub(crate) fn fetch_stamps(&self, root: &Path) -> Option<StoredStamps> {
        let (_, bytes) = read_framed(&self.stamps_file_for(root)).ok()?;
        Some(StoredStamps { bytes })
    }

    /// Writes the stamps `fresh` took of `files`, if they say anything new.
    pub(crate) fn store_stamps(
        &self,
        root: &Path,
        digest: u128,
        files: &[Candidate],
        fresh: &Fresh,
    ) -> Result<(), CacheError> {
        if !fresh.news || files.len() != fresh.files.len() {
            return Ok(());
        }
        let entries = files
            .iter()
            .zip(&fresh.files)
            .filter_map(|(f, known)| {
                let (status, hash) = (*known)?;
                Some(Entry {
                    id: Cow::Borrowed(&f.id),
                    status,
                    hash,
                })
            })
            .collect();
        let table = StampTable {
            taken: fresh.taken,
            entries,
            entities: fresh.entities,
        };
        write_framed(&self.stamps_file_for(root), digest, &table)
    }
}

#[cfg(test)]
mod tests;
