//! The key trusts a stamp only while the file's status is unchanged and was settled when
//! stamped; otherwise the file is read. A short settling margin stands in for the real one:
//! ctime cannot be set back, so the tests wait it out.

use std::fs;
use std::path::{Path, PathBuf};
use std::thread::sleep;
use std::time::{Duration, SystemTime};

use crate::Case;
use crate::cache::{CaseCache, Origin};
use crate::progress::LoadProgress;

const MARGIN: Duration = Duration::from_millis(100);
const ARTICLES: usize = 5;
const EDITED: &str = "mediaite-2017-11-13.txt";

fn old_time() -> SystemTime {
    SystemTime::UNIX_EPOCH + Duration::from_secs(1_500_000_000)
}

fn set_mtime(path: &Path, when: SystemTime) {
    let file = fs::File::options().write(true).open(path).unwrap();
    file.set_modified(when).unwrap();
}

/// Waits until every file's times are older than the margin.
fn settle() {
    sleep(MARGIN * 3);
}

/// The bundled articles with old mtimes, settled, and an empty cache with the short margin.
fn fixture() -> (tempfile::TempDir, PathBuf, tempfile::TempDir, CaseCache) {
    let dir = crate::testkit::temp_case();
    let root = dir.path().to_path_buf();
    for entry in fs::read_dir(root.join("corpus")).unwrap() {
        set_mtime(&entry.unwrap().path(), old_time());
    }
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CaseCache::at(cache_dir.path()).settling(MARGIN);
    settle();
    (dir, root, cache_dir, cache)
}

/// How many files a search's check of the key reads.
fn files_read(cache: &CaseCache, root: &Path) -> usize {
    let key = cache.key(root, &root.join("corpus"), &LoadProgress::default(), false);
    key.unwrap().hashed
}

fn open(root: &Path, cache: &CaseCache) -> Case {
    Case::open_with(root, Some(cache)).unwrap()
}

/// Whether the stored quote index is current and has a quote of the edited article
/// containing `text` (others quote the same words).
fn search_finds(cache: &CaseCache, root: &Path, text: &str) -> bool {
    let stored = cache
        .current_quotes(root)
        .expect("the quote index is current");
    let index = stored.index().unwrap();
    index
        .records
        .iter()
        .any(|r| r.article == EDITED && r.text.contains(text))
}

/// Rewrites `name` with `from` replaced by `to` (of the same length), mtime put back.
fn edit_keeping_size_and_mtime(root: &Path, name: &str, from: &str, to: &str) {
    assert_eq!(from.len(), to.len());
    let path = root.join("corpus").join(name);
    let before = fs::metadata(&path).unwrap();
    let text = fs::read_to_string(&path).unwrap();
    assert!(text.contains(from));
    fs::write(&path, text.replace(from, to)).unwrap();
    set_mtime(&path, before.modified().unwrap());
    let after = fs::metadata(&path).unwrap();
    assert_eq!(after.len(), before.len());
    assert_eq!(after.modified().unwrap(), before.modified().unwrap());
}

#[test]
fn a_search_after_opening_reads_no_file_once_the_stamps_are_settled() {
    let (_dir, root, _cache_dir, cache) = fixture();
    assert_eq!(files_read(&cache, &root), ARTICLES, "no stamps yet");
    assert_eq!(open(&root, &cache).origin, Origin::Built);
    assert!(cache.stamps_file_for(&root).is_file());
    assert_eq!(files_read(&cache, &root), 0);
    assert!(search_finds(
        &cache,
        &root,
        "amazing what she can get away with"
    ));
    // An entities file is stamped like an article.
    fs::write(root.join("corpus/entities.ron"), "(entities: [])").unwrap();
    settle();
    assert_eq!(open(&root, &cache).origin, Origin::Built);
    assert_eq!(files_read(&cache, &root), 0);
    assert_eq!(open(&root, &cache).origin, Origin::Cached);
    // A new article ahead of the others: only it is read, the others' stamps are still found.
    fs::write(root.join("corpus/aaa.txt"), "A new article.\n").unwrap();
    assert_eq!(files_read(&cache, &root), 1);
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_read_and_searched() {
    let (_dir, root, _cache_dir, cache) = fixture();
    open(&root, &cache);
    assert_eq!(files_read(&cache, &root), 0);

    edit_keeping_size_and_mtime(&root, EDITED, "amazing", "amusing");
    assert_eq!(files_read(&cache, &root), 1, "its ctime changed");
    assert!(cache.current_quotes(&root).is_none(), "the index is stale");
    assert_eq!(open(&root, &cache).origin, Origin::Built);
    assert!(search_finds(
        &cache,
        &root,
        "amusing what she can get away with"
    ));
    assert!(!search_finds(&cache, &root, "amazing what she"));
    settle();
    assert!(search_finds(&cache, &root, "amusing what she"));
    assert_eq!(files_read(&cache, &root), 0);

    // Another file moved over it, same size and mtime: another inode, read again.
    let path = root.join("corpus").join(EDITED);
    let text = fs::read_to_string(&path).unwrap();
    let other = root.join("elsewhere.txt");
    fs::write(&other, text.replace("amusing", "amazing")).unwrap();
    set_mtime(&other, fs::metadata(&path).unwrap().modified().unwrap());
    fs::rename(&other, &path).unwrap();
    assert_eq!(files_read(&cache, &root), 1);
    assert!(cache.current_quotes(&root).is_none());
    open(&root, &cache);
    assert!(search_finds(&cache, &root, "amazing what she"));
}

#[test]
fn a_file_changed_just_before_the_stamping_is_read_until_settled() {
    let (_dir, root, _cache_dir, cache) = fixture();
    open(&root, &cache);
    edit_keeping_size_and_mtime(&root, EDITED, "amazing", "amusing");
    // Stamped right after the edit: the same tick could hold another edit, which would keep
    // every field of the status. Not trusted, though its status matches.
    assert_eq!(open(&root, &cache).origin, Origin::Built);
    assert_eq!(files_read(&cache, &root), 1);

    // A search once it is settled stamps it again, and then it is trusted.
    settle();
    assert!(search_finds(&cache, &root, "amusing what she"));
    assert_eq!(files_read(&cache, &root), 0);
}

#[test]
fn a_damaged_or_foreign_stamp_table_means_reading_every_file() {
    let (_dir, root, _cache_dir, cache) = fixture();
    open(&root, &cache);
    let file = cache.stamps_file_for(&root);
    let good = fs::read(&file).unwrap();
    let mut flipped = good.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    // Header: magic (8), format (4), digest (16), payload length (8), checksum (16).
    let mut undecodable = good[..52].to_vec();
    let payload = vec![0xffu8; 64];
    undecodable[28..36].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    undecodable[36..52].copy_from_slice(&xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes());
    undecodable.extend_from_slice(&payload);
    let damaged: [&[u8]; 4] = [&good[..good.len() / 2], &flipped, b"garbage", &undecodable];
    for bytes in damaged {
        fs::write(&file, bytes).unwrap();
        assert_eq!(files_read(&cache, &root), ARTICLES);
        assert!(search_finds(&cache, &root, "amazing what she"));
        // The search stamped them again.
        assert_eq!(files_read(&cache, &root), 0);
    }
    // Damaged, and a file edited keeping its size and mtime: the edit is seen.
    fs::write(&file, b"garbage").unwrap();
    edit_keeping_size_and_mtime(&root, EDITED, "amazing", "amusing");
    assert!(cache.current_quotes(&root).is_none());
    open(&root, &cache);
    assert!(search_finds(&cache, &root, "amusing what she"));
}
