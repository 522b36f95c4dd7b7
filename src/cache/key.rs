//! What a cached case depends on, folded into one digest: if any of it changes, the cache is
//! not used. The digest takes every file's content hash, since an edit can keep size and mtime
//! (`touch -r`, `cp -p`, a same-length fix whose mtime is put back).
//!
//! A file is not read when its status (size, mtime, ctime, inode, device) equals the one
//! stored with its hash ([`super::stamps`]) and its times were settled when that was stamped.
//! This is safe because ctime cannot be set from user space: every write, and every setting of
//! mtime (touch, cp -p, rsync, tar), sets it to now. An edit therefore shows a new ctime, unless
//! it fell in the same timestamp tick as the stamping, which the settling margin rules out.
//! The other files are read and hashed on all cores: reading 10,000 small files is mostly
//! waiting.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3Default, xxh3_128};

use super::stamps::{Fresh, Known, StampTable, Status, nanos};
use crate::corpus::files::{Candidate, walk};
use crate::progress::{LoadProgress, LoadStep};

/// Bumped whenever the stored layout or the meaning of a stored field changes.
/// 3: article texts are no longer stored; they are decoded again from the bytes the key read.
pub(crate) const FORMAT: u32 = 3;

/// The digest of everything an opened case depends on, the article files it found, and
/// their bytes as read for hashing (None for a file that could not be read, or was not read):
/// a re-open decodes the texts from them instead of storing the texts twice.
pub(crate) struct CaseKey {
    pub(crate) digest: u128,
    pub(crate) files: Vec<Candidate>,
    pub(crate) contents: Vec<Option<Vec<u8>>>,
    /// How many files were opened and hashed (`entities.ron` included); the others were
    /// known by their stamps.
    #[cfg_attr(not(test), expect(dead_code, reason = "what the tests observe"))]
    pub(crate) hashed: usize,
    /// The stamps taken, to store for the next key.
    pub(crate) stamps: Fresh,
}

/// Size, modification time (ns since the epoch) and content hash of one file.
type Stamp = (u64, i128, u128);

/// One open, one fstat and one read per file: at 10,000 files the system calls are the cost.
/// The content is read up to the size the stamp records; a file that changes meanwhile changes
/// the key of the next opening (and its status, so its stamp is not trusted either).
/// The bytes are returned with `keep`; without, they are read into a buffer the thread
/// reuses (a search checking the key has no use for them, and 10,000 fresh buffers were most
/// of its page faults).
fn read_and_hash(path: &Path, keep: bool) -> io::Result<(Stamp, Option<Status>, Option<Vec<u8>>)> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut file = fs::File::open(path)?;
    let meta = file.metadata()?;
    let mtime = nanos(meta.modified()?);
    let status = Status::of(&meta, mtime);
    let len = meta.len() as usize;
    if keep {
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes)?;
        let hash = xxh3_128(&bytes);
        return Ok(((len as u64, mtime, hash), status, Some(bytes)));
    }
    BUFFER.with_borrow_mut(|bytes| {
        bytes.resize(len, 0);
        file.read_exact(bytes)?;
        Ok(((len as u64, mtime, xxh3_128(bytes)), status, None))
    })
}

/// One file as the key saw it.
struct Seen {
    stamp: io::Result<Stamp>,
    bytes: Option<Vec<u8>>,
    /// Its status and hash, to stamp.
    known: Option<Known>,
    hashed: bool,
}

/// A file's stamp: from `trusted` (a settled stored stamp) if a `stat` still gives its status
/// and the bytes are not wanted, else read and hashed.
fn see(path: &Path, keep: bool, trusted: Option<Known>) -> Seen {
    if let Some((status, hash)) = trusted.filter(|_| !keep)
        && let Ok(meta) = fs::metadata(path)
        && let Ok(mtime) = meta.modified().map(nanos)
        && Status::of(&meta, mtime) == Some(status)
    {
        return Seen {
            stamp: Ok((status.size, status.mtime, hash)),
            bytes: None,
            known: Some((status, hash)),
            hashed: false,
        };
    }
    match read_and_hash(path, keep) {
        Ok((stamp, status, bytes)) => Seen {
            stamp: Ok(stamp),
            bytes,
            known: status.map(|s| (s, stamp.2)),
            hashed: true,
        },
        Err(e) => Seen {
            stamp: Err(e),
            bytes: None,
            known: None,
            hashed: true,
        },
    }
}

fn feed(hasher: &mut Xxh3Default, bytes: &[u8]) {
    // Length first, so that two different lists of fields never feed the same bytes.
    hasher.update(&(bytes.len() as u64).to_le_bytes());
    hasher.update(bytes);
}

fn feed_stamp(hasher: &mut Xxh3Default, stamp: &io::Result<Stamp>) {
    match stamp {
        Ok((size, modified, content)) => {
            hasher.update(b"F");
            hasher.update(&size.to_le_bytes());
            hasher.update(&modified.to_le_bytes());
            hasher.update(&content.to_le_bytes());
        }
        Err(e) => {
            hasher.update(b"E");
            feed(hasher, e.kind().to_string().as_bytes());
        }
    }
}

/// The key of the corpus at `corpus_dir`: the crate version, the executable and the cache
/// format, every article file (relative path, size, mtime, content hash), and `entities.ron`.
/// Files whose stamp in `known` still holds are not read (see the module's doc; `settle` is
/// the margin, [`super::stamps::SETTLE`] but in tests); the files' bytes are kept only with
/// `keep_contents` (a search that only checks the key has no use for them), and then every
/// file is read.
pub(crate) fn case_key_keeping(
    corpus_dir: &Path,
    progress: &LoadProgress,
    keep_contents: bool,
    known: Option<&StampTable<'_>>,
    settle: Duration,
) -> io::Result<CaseKey> {
    // Before any file is looked at: a file changed after this is not settled in these stamps.
    let taken = nanos(SystemTime::now());
    let mut walk_issues = Vec::new();
    let files = walk(corpus_dir, &mut walk_issues)?;
    progress.begin(LoadStep::CheckingCache, files.len());
    let look = |path: &Path, stored: Option<Known>| {
        let trusted = stored.filter(|k| known.is_some_and(|t| t.trusts(k, settle)));
        let seen = see(path, keep_contents, trusted);
        let news = match known {
            Some(t) => t.news(stored, seen.known, taken, settle),
            None => seen.known.is_some(),
        };
        (seen, news)
    };
    let seen: Vec<(Seen, bool)> = files
        .par_iter()
        .enumerate()
        .map(|(at, f)| {
            let seen = look(&f.path, known.and_then(|t| t.get(&f.id, at)));
            progress.advance(1);
            seen
        })
        .collect();
    let entities_path = corpus_dir.join("entities.ron");
    let entities = entities_path
        .exists()
        .then(|| look(&entities_path, known.and_then(StampTable::entities)));

    let mut hasher = Xxh3Default::new();
    hasher.update(&FORMAT.to_le_bytes());
    feed(&mut hasher, env!("CARGO_PKG_VERSION").as_bytes());
    // The running executable's size and time: a rebuilt casefile (a developer's change to the
    // extraction, say, under the same version) does not trust what an older build stored.
    if let Ok(meta) = std::env::current_exe().and_then(fs::metadata) {
        hasher.update(&meta.len().to_le_bytes());
        if let Ok(Ok(age)) = meta.modified().map(|m| m.duration_since(UNIX_EPOCH)) {
            hasher.update(&age.as_nanos().to_le_bytes());
        }
    }
    for issue in &walk_issues {
        feed(&mut hasher, issue.to_string().as_bytes());
    }
    hasher.update(&(files.len() as u64).to_le_bytes());
    for (file, (seen, _)) in files.iter().zip(&seen) {
        feed(&mut hasher, file.id.as_bytes());
        feed_stamp(&mut hasher, &seen.stamp);
    }
    if let Some((seen, _)) = &entities {
        hasher.update(b"entities");
        feed_stamp(&mut hasher, &seen.stamp);
    }

    let stamped = seen.iter().filter(|(s, _)| s.known.is_some()).count();
    let mut stamps = Fresh {
        taken,
        news: seen.iter().any(|(_, news)| *news)
            || known.is_some_and(|t| t.len() != stamped)
            || entities.as_ref().is_some_and(|(_, news)| *news),
        entities: entities.as_ref().and_then(|(s, _)| s.known),
        files: Vec::with_capacity(files.len()),
    };
    let mut hashed = entities.as_ref().is_some_and(|(s, _)| s.hashed) as usize;
    let mut contents = Vec::with_capacity(files.len());
    for (seen, _) in seen {
        hashed += seen.hashed as usize;
        stamps.files.push(seen.known);
        contents.push(seen.bytes);
    }
    Ok(CaseKey {
        digest: hasher.digest128(),
        files,
        contents,
        hashed,
        stamps,
    })
}
