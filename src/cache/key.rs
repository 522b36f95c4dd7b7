//! What a cached case depends on, folded into one digest: if any of it changes, the cache is
//! not used. Sizes and times alone are not trusted (an edit can keep both): every file's
//! content is hashed too, on all cores, since reading 10,000 small files is mostly waiting.

use std::fs;
use std::io::{self, Read};
use std::path::Path;
use std::time::UNIX_EPOCH;

use rayon::prelude::*;
use xxhash_rust::xxh3::{Xxh3Default, xxh3_128};

use crate::corpus::files::{Candidate, walk};
use crate::progress::{LoadProgress, LoadStep};

/// Bumped whenever the stored layout or the meaning of a stored field changes.
/// 3: article texts are no longer stored; they are decoded again from the bytes the key read.
pub(crate) const FORMAT: u32 = 3;

/// The digest of everything an opened case depends on, the article files it found, and
/// their bytes as read for hashing (None for a file that could not be read): a re-open
/// decodes the texts from them instead of storing the texts twice.
pub(crate) struct CaseKey {
    pub(crate) digest: u128,
    pub(crate) files: Vec<Candidate>,
    pub(crate) contents: Vec<Option<Vec<u8>>>,
}

/// Size, modification time (ns since the epoch) and content hash of one file.
type Stamp = (u64, i128, u128);

/// One open, one fstat and one read per file: at 10,000 files the system calls are the cost.
/// The content is read up to the size the stamp records; a file that changes meanwhile changes
/// the key of the next opening.
/// The bytes are returned with `keep`; without, they are read into a buffer the thread
/// reuses (a search checking the key has no use for them, and 10,000 fresh buffers were most
/// of its page faults).
fn stamp(path: &Path, keep: bool) -> io::Result<(Stamp, Option<Vec<u8>>)> {
    thread_local! {
        static BUFFER: std::cell::RefCell<Vec<u8>> = const { std::cell::RefCell::new(Vec::new()) };
    }
    let mut file = fs::File::open(path)?;
    let meta = file.metadata()?;
    let modified = meta.modified()?;
    let nanos = match modified.duration_since(UNIX_EPOCH) {
        Ok(d) => d.as_nanos() as i128,
        Err(before) => -(before.duration().as_nanos() as i128),
    };
    let len = meta.len() as usize;
    if keep {
        let mut bytes = vec![0; len];
        file.read_exact(&mut bytes)?;
        let hash = xxh3_128(&bytes);
        return Ok(((len as u64, nanos, hash), Some(bytes)));
    }
    BUFFER.with_borrow_mut(|bytes| {
        bytes.resize(len, 0);
        file.read_exact(bytes)?;
        Ok(((len as u64, nanos, xxh3_128(bytes)), None))
    })
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
pub(crate) fn case_key(corpus_dir: &Path, progress: &LoadProgress) -> io::Result<CaseKey> {
    case_key_keeping(corpus_dir, progress, true)
}

/// [`case_key`]; the files' bytes are kept only with `keep_contents` (a search that only
/// checks the key has no use for them).
pub(crate) fn case_key_keeping(
    corpus_dir: &Path,
    progress: &LoadProgress,
    keep_contents: bool,
) -> io::Result<CaseKey> {
    let mut walk_issues = Vec::new();
    let files = walk(corpus_dir, &mut walk_issues)?;
    progress.begin(LoadStep::CheckingCache, files.len());
    let (stamps, contents): (Vec<io::Result<Stamp>>, Vec<Option<Vec<u8>>>) = files
        .par_iter()
        .map(|f| {
            let s = stamp(&f.path, keep_contents);
            progress.advance(1);
            match s {
                Ok((stamp, bytes)) => (Ok(stamp), bytes),
                Err(e) => (Err(e), None),
            }
        })
        .unzip();
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
    for (file, stamp) in files.iter().zip(&stamps) {
        feed(&mut hasher, file.id.as_bytes());
        feed_stamp(&mut hasher, stamp);
    }
    let entities = corpus_dir.join("entities.ron");
    if entities.exists() {
        hasher.update(b"entities");
        feed_stamp(&mut hasher, &stamp(&entities, false).map(|(s, _)| s));
    }
    Ok(CaseKey {
        digest: hasher.digest128(),
        files,
        contents,
    })
}
