//! The case cache: a re-opened unchanged case comes from the cache and equals the built one;
//! any change to what it was built from (content even at the same size and time, the file
//! list, entities.ron) or a damaged cache file makes it build afresh; a search that trusts
//! settled file stamps still sees an edit that keeps size and mtime.

mod support;

use std::fs;
use std::path::Path;
use std::time::{Duration, SystemTime};

use casefile::Case;
use casefile::cache::{CaseCache, Origin};

/// Everything an opened case holds, as JSON, to compare a cached case with a built one.
fn fingerprint(case: &Case) -> String {
    let texts: Vec<(&str, &Path, &str)> = case
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.path.as_path(), a.text.as_str()))
        .collect();
    serde_json::to_string(&(
        &case.timeline,
        &case.timeline.quote_event,
        &case.quotes,
        &case.articles,
        texts,
        &case.issues,
        // The registry's own look-up maps are hash maps, in no stable order.
        &case.entities.entities,
        (0..case.entities.entities.len())
            .map(|id| case.entities.mention_count(id))
            .collect::<Vec<_>>(),
    ))
    .unwrap()
}

fn has_alias(case: &Case, alias: &str) -> bool {
    case.entities
        .entities
        .iter()
        .any(|e| e.aliases.iter().any(|a| a == alias))
}

fn open(root: &Path, cache: &CaseCache) -> Case {
    Case::open_with(root, Some(cache)).expect("the case opens")
}

/// A case (with a broken file, so that issues are stored too) and an empty cache folder.
fn fixture() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    tempfile::TempDir,
    CaseCache,
) {
    let (dir, root) = support::case_with(&[
        ("wire.txt", support::WIRE.as_bytes()),
        ("british.md", support::BRITISH.as_bytes()),
        ("nested/fragments.txt", support::FRAGMENTS.as_bytes()),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
    ]);
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = CaseCache::at(cache_dir.path());
    (dir, root, cache_dir, cache)
}

#[test]
fn an_unchanged_case_is_reopened_from_the_cache_as_it_was_built() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let built = open(&root, &cache);
    assert_eq!(built.origin, Origin::Built);
    assert!(!built.timeline.events.is_empty());
    assert!(!built.issues.is_empty(), "the broken file is an issue");
    assert!(cache.file_for(&root).is_file());

    let cached = open(&root, &cache);
    assert_eq!(cached.origin, Origin::Cached, "{:?}", cached.cache_note);
    assert!(fingerprint(&cached) == fingerprint(&built));
    assert!(fingerprint(&cached) == fingerprint(&Case::open_uncached(&root).unwrap()));
    for name in ["Trump Jr.", "WikiLeaks", "Assange"] {
        assert_eq!(
            cached.entities.resolve(name, &[]),
            built.entities.resolve(name, &[])
        );
    }
}

#[test]
fn an_edit_that_keeps_size_and_mtime_is_still_seen() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let path = root.join("corpus/wire.txt");
    let mtime = SystemTime::UNIX_EPOCH + Duration::from_secs(1_500_000_000);
    fs::File::options()
        .write(true)
        .open(&path)
        .unwrap()
        .set_modified(mtime)
        .unwrap();
    assert_eq!(open(&root, &cache).origin, Origin::Built);

    let text = fs::read_to_string(&path).unwrap();
    let edited = text.replace("guessed the password", "guessed the passcode");
    assert_eq!(edited.len(), text.len());
    fs::write(&path, &edited).unwrap();
    let file = fs::File::options().write(true).open(&path).unwrap();
    file.set_modified(mtime).unwrap();
    drop(file);
    assert_eq!(fs::metadata(&path).unwrap().modified().unwrap(), mtime);

    let reopened = open(&root, &cache);
    assert_eq!(reopened.origin, Origin::Built);
    let wire = reopened
        .articles
        .iter()
        .find(|a| a.id == "wire.txt")
        .unwrap();
    assert!(wire.text.contains("guessed the passcode"));
    assert_eq!(open(&root, &cache).origin, Origin::Cached);
}

#[test]
fn adding_or_removing_an_article_rebuilds() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let first = open(&root, &cache);
    fs::write(root.join("corpus/extra.txt"), "A new article.\n").unwrap();
    let added = open(&root, &cache);
    assert_eq!(added.origin, Origin::Built);
    assert_eq!(added.articles.len(), first.articles.len() + 1);

    fs::remove_file(root.join("corpus/nested/fragments.txt")).unwrap();
    let removed = open(&root, &cache);
    assert_eq!(removed.origin, Origin::Built);
    assert_eq!(removed.articles.len(), first.articles.len());
    assert!(
        removed
            .articles
            .iter()
            .all(|a| a.id != "nested/fragments.txt")
    );
}

#[test]
fn a_changed_entities_file_rebuilds() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let first = open(&root, &cache);
    assert!(!has_alias(&first, "Assange's group"));
    fs::write(
        root.join("corpus/entities.ron"),
        r#"(entities: [(name: "WikiLeaks", kind: Some(Organisation), aliases: ["Assange's group"])])"#,
    )
    .unwrap();
    let declared = open(&root, &cache);
    assert_eq!(declared.origin, Origin::Built);
    assert!(has_alias(&declared, "Assange's group"));
    assert_eq!(open(&root, &cache).origin, Origin::Cached);
}

#[test]
fn a_truncated_or_garbage_cache_file_is_rebuilt_not_trusted() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let built = open(&root, &cache);
    let file = cache.file_for(&root);
    let bytes = fs::read(&file).unwrap();

    fs::write(&file, &bytes[..bytes.len() / 2]).unwrap();
    let after_truncation = open(&root, &cache);
    assert_eq!(after_truncation.origin, Origin::Built);
    assert!(fingerprint(&after_truncation) == fingerprint(&built));

    let mut flipped = bytes.clone();
    let last = flipped.len() - 1;
    flipped[last] ^= 0xff;
    fs::write(&file, &flipped).unwrap();
    assert_eq!(open(&root, &cache).origin, Origin::Built);

    fs::write(&file, b"not a cache at all").unwrap();
    assert_eq!(open(&root, &cache).origin, Origin::Built);
    // Written anew: the next opening is served from it.
    assert_eq!(open(&root, &cache).origin, Origin::Cached);
}

#[test]
fn a_cache_of_an_older_format_or_a_payload_that_does_not_decode_is_rebuilt() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let built = open(&root, &cache);
    let file = cache.file_for(&root);
    let bytes = fs::read(&file).unwrap();
    // Header: magic (8), format (4), key digest (16), payload length (8), checksum (16).
    let mut older = bytes.clone();
    older[8..12].copy_from_slice(&2u32.to_le_bytes());
    fs::write(&file, &older).unwrap();
    let rebuilt = open(&root, &cache);
    assert_eq!(rebuilt.origin, Origin::Built);
    assert!(fingerprint(&rebuilt) == fingerprint(&built));
    assert_eq!(open(&root, &cache).origin, Origin::Cached);

    // A payload whose checksum holds but which is not a case: decoding fails, it is rebuilt.
    let mut garbage = bytes[..52].to_vec();
    let payload = vec![0xffu8; 64];
    garbage[28..36].copy_from_slice(&(payload.len() as u64).to_le_bytes());
    garbage[36..52].copy_from_slice(&xxhash_rust::xxh3::xxh3_128(&payload).to_le_bytes());
    garbage.extend_from_slice(&payload);
    fs::write(&file, &garbage).unwrap();
    let rebuilt = open(&root, &cache);
    assert_eq!(rebuilt.origin, Origin::Built, "{:?}", rebuilt.cache_note);
    assert!(fingerprint(&rebuilt) == fingerprint(&built));
}

#[test]
fn the_cache_does_not_store_the_texts_of_plain_files() {
    let (_dir, root, _cache_dir, cache) = fixture();
    let built = open(&root, &cache);
    let stored = fs::read(cache.file_for(&root)).unwrap();
    let text = &built
        .articles
        .iter()
        .find(|a| a.id == "wire.txt")
        .unwrap()
        .text;
    let needle = &text.as_bytes()[text.len() / 2..text.len() / 2 + 60];
    assert!(!stored.windows(needle.len()).any(|w| w == needle));
}

#[test]
fn opening_uncached_neither_reads_nor_writes_the_cache() {
    let (_dir, root, cache_dir, cache) = fixture();
    assert_eq!(Case::open_uncached(&root).unwrap().origin, Origin::Built);
    assert!(!cache.file_for(&root).exists());
    assert!(fs::read_dir(cache_dir.path()).unwrap().next().is_none());
}

#[test]
fn the_cli_caches_in_casefile_cache_dir_unless_told_not_to() {
    let (_dir, root, cache_dir, cache) = fixture();
    let run = |extra: &[&str]| {
        assert_cmd::Command::cargo_bin("casefile")
            .unwrap()
            .env("CASEFILE_CACHE_DIR", cache_dir.path())
            .env_remove("CASEFILE_NO_CACHE")
            .args(["--case", root.to_str().unwrap(), "check"])
            .args(extra)
            .output()
            .unwrap()
    };
    run(&["--no-cache"]);
    assert!(!cache.file_for(&root).exists());
    run(&[]);
    assert!(cache.file_for(&root).is_file());
}

#[test]
fn search_reads_the_stored_quote_index_and_says_what_opening_the_case_says() {
    let (_dir, root, cache_dir, cache) = fixture();
    let search = |query: &str, no_cache: bool| {
        let mut cmd = assert_cmd::Command::cargo_bin("casefile").unwrap();
        cmd.env("CASEFILE_CACHE_DIR", cache_dir.path())
            .env_remove("CASEFILE_NO_CACHE")
            .args(["--case", root.to_str().unwrap(), "search", "--json", query]);
        if no_cache {
            cmd.env("CASEFILE_NO_CACHE", "1");
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success());
        (out.stdout, out.stderr)
    };
    let uncached = search("password", true);
    assert!(!cache.quotes_file_for(&root).exists());
    open(&root, &cache);
    assert!(cache.quotes_file_for(&root).is_file());
    // From the quote index: the same hits, the same warnings (the broken file).
    assert_eq!(search("password", false), uncached);
    assert!(!uncached.1.is_empty());
    // A changed article makes the stored index stale: the case is opened (and stored) again.
    let path = root.join("corpus/wire.txt");
    let edited = fs::read_to_string(&path)
        .unwrap()
        .replace("guessed the password", "guessed the passphrase");
    fs::write(&path, edited).unwrap();
    let after = search("passphrase", false);
    assert_eq!(after, search("passphrase", true));
    assert!(String::from_utf8_lossy(&after.0).contains("passphrase"));
    // A damaged index is not trusted either.
    fs::write(cache.quotes_file_for(&root), b"CASEFILE garbage").unwrap();
    assert_eq!(search("passphrase", false), after);
}

#[test]
fn a_search_trusting_settled_stamps_still_sees_an_edit_that_keeps_size_and_mtime() {
    let (_dir, root, cache_dir, cache) = fixture();
    let path = root.join("corpus/wire.txt");
    let mtime = SystemTime::UNIX_EPOCH + Duration::from_secs(1_500_000_000);
    let set_mtime = |when| {
        let file = fs::File::options().write(true).open(&path).unwrap();
        file.set_modified(when).unwrap();
    };
    set_mtime(mtime);
    // Past the real settling margin (2 s): the stamps the check takes are trusted.
    std::thread::sleep(Duration::from_millis(2200));
    let cli = |args: &[&str]| {
        let out = assert_cmd::Command::cargo_bin("casefile")
            .unwrap()
            .env("CASEFILE_CACHE_DIR", cache_dir.path())
            .env_remove("CASEFILE_NO_CACHE")
            .args(["--case", root.to_str().unwrap()])
            .args(args)
            .output()
            .unwrap();
        // `check` fails on the broken file; a search only warns of it.
        assert!(out.status.success() || args == ["check"]);
        String::from_utf8(out.stdout).unwrap()
    };
    // What the search says wire.txt's quotes are (others quote the same words).
    let wire_quotes = |json: &str| -> Vec<String> {
        let hits: Vec<serde_json::Value> = serde_json::from_str(json).unwrap();
        hits.iter()
            .filter(|h| h["article"] == "wire.txt")
            .map(|h| h["text"].as_str().unwrap().to_string())
            .collect()
    };
    let wire_says = |words: &str| {
        let quotes = wire_quotes(&cli(&["search", "--json", "guessed"]));
        quotes.iter().any(|q| q.contains(words))
    };
    cli(&["check"]);
    assert!(cache.stamps_file_for(&root).is_file());
    assert!(wire_says("guessed the password"));

    let text = fs::read_to_string(&path).unwrap();
    fs::write(&path, text.replace("the password", "the passcode")).unwrap();
    set_mtime(mtime);
    assert_eq!(fs::metadata(&path).unwrap().len(), text.len() as u64);
    assert!(wire_says("guessed the passcode"));
    assert!(!wire_says("guessed the password"));

    // A damaged stamp table: every file is read, the results are the same.
    let found = cli(&["search", "--json", "guessed"]);
    fs::write(cache.stamps_file_for(&root), b"CASEFILE garbage").unwrap();
    assert_eq!(cli(&["search", "--json", "guessed"]), found);
}
