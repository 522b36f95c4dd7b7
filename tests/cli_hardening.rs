//! The command line under a hostile user (issue 11, part 4): `check` covers the notes, a
//! closed pipe ends quietly, note and export files keep their mode or follow the umask, a
//! user's own temporary file is left alone, file names that are not UTF-8 keep distinct ids,
//! dangling links are reported, Windows-1252 articles are decoded, and the messages say
//! what is wrong once and plainly.

mod support;

use std::path::{Path, PathBuf};
use std::process::{Output, Stdio};

use assert_cmd::Command;

fn casefile(root: &Path, args: &[&str]) -> Output {
    Command::cargo_bin("casefile")
        .unwrap()
        .arg("--no-cache")
        .arg("--case")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn text(bytes: &[u8]) -> String {
    String::from_utf8_lossy(bytes).into_owned()
}

/// The three test articles as a case; the id of the event "guessed the password".
fn case() -> (tempfile::TempDir, PathBuf, String) {
    let (dir, root) = support::unseen_case();
    let out = casefile(&root, &["timeline", "--json"]);
    let events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let pac = events
        .iter()
        .find(|e| e["text"].as_str().unwrap().contains("guessed the password"))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    (dir, root, pac)
}

#[test]
fn check_reports_a_broken_note_file_with_its_place_and_fails() {
    let (_dir, root, pac) = case();
    assert!(
        casefile(&root, &["note", "tag", &pac, "pac"])
            .status
            .success()
    );
    let out = casefile(&root, &["check"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("notes:       1 file(s)"));
    std::fs::write(
        root.join("notes/hand-made.ron"),
        "(\n    format_version: 1,\n    item: Nope,\n)\n",
    )
    .unwrap();
    let out = casefile(&root, &["check"]);
    assert_eq!(out.status.code(), Some(1), "{}", text(&out.stdout));
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("errors:      1"), "{stdout}");
    assert!(stdout.contains("1 could not be read"), "{stdout}");
    assert!(stderr.contains("hand-made.ron:3:11: "), "{stderr}");
    let out = casefile(&root, &["check", "--json"]);
    assert_eq!(out.status.code(), Some(1));
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["errors"], 1);
    assert_eq!(report["notes"]["broken"], 1);
    let issue = &report["issues"][0];
    assert!(issue["path"].as_str().unwrap().ends_with("hand-made.ron"));
    assert_eq!(
        (issue["line"].as_u64(), issue["column"].as_u64()),
        (Some(3), Some(11))
    );
}

#[test]
fn a_note_file_of_a_newer_format_asks_for_an_upgrade_not_a_fix() {
    let (_dir, root, pac) = case();
    assert!(
        casefile(&root, &["note", "tag", &pac, "pac"])
            .status
            .success()
    );
    let file = std::fs::read_dir(root.join("notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    let newer = std::fs::read_to_string(&file)
        .unwrap()
        .replace("format_version: 1", "format_version: 7");
    std::fs::write(&file, newer).unwrap();
    for args in [&["notes"][..], &["check"], &["note", "tag", &pac, "more"]] {
        let out = casefile(&root, args);
        let err = text(&out.stderr);
        assert_ne!(out.status.code(), Some(0), "{args:?}");
        assert!(err.contains("upgrade casefile"), "{args:?}: {err}");
        assert!(!err.contains("fix the"), "{args:?}: {err}");
    }
}

/// Runs casefile with its stdout a pipe whose reader is already gone.
fn into_a_closed_pipe(root: &Path, args: &[&str]) -> Output {
    let (reader, writer) = std::io::pipe().unwrap();
    drop(reader);
    std::process::Command::new(env!("CARGO_BIN_EXE_casefile"))
        .arg("--case")
        .arg(root)
        .args(args)
        .stdout(Stdio::from(writer))
        .stderr(Stdio::piped())
        .output()
        .unwrap()
}

#[test]
fn a_closed_pipe_ends_every_command_quietly_with_status_0() {
    let (_dir, root, pac) = case();
    for args in [
        &["timeline"][..],
        &["timeline", "--json"],
        &["quotes"],
        &["search", "password"],
        &["show", &pac],
        &["check"],
        &["notes"],
        &["export"],
        &["export", "--format", "csv"],
        &["config", "--example"],
        &["completions", "bash"],
        &["completions", "zsh", "--static"],
        &["completions", "fish", "--static"],
        &["man"],
        &["--help"],
    ] {
        let out = into_a_closed_pipe(&root, args);
        assert_eq!(
            out.status.code(),
            Some(0),
            "{args:?}: {}",
            text(&out.stderr)
        );
        assert_eq!(text(&out.stderr), "", "{args:?}");
    }
}

#[cfg(unix)]
fn mode(p: &Path) -> u32 {
    use std::os::unix::fs::PermissionsExt;
    std::fs::metadata(p).unwrap().permissions().mode() & 0o777
}

#[cfg(unix)]
#[test]
fn note_and_export_files_keep_their_mode_or_follow_the_umask() {
    use std::os::unix::fs::PermissionsExt;
    let (dir, root, pac) = case();
    // A new note under umask 077 is private; under 022 readable by all (the usual 0644).
    for (umask, want) in [("077", 0o600), ("022", 0o644)] {
        let tag = format!("t{umask}");
        let status = std::process::Command::new("sh")
            .arg("-c")
            .arg(format!(
                "umask {umask}; exec \"$0\" --no-cache --case \"$1\" note tag \"$2\" {tag}"
            ))
            .arg(env!("CARGO_BIN_EXE_casefile"))
            .arg(&root)
            .arg("article:wire.txt")
            .output()
            .unwrap();
        assert!(status.status.success(), "{}", text(&status.stderr));
        let file = root.join("notes/article-wire.txt.ron");
        assert_eq!(mode(&file), want, "umask {umask}");
        std::fs::remove_file(file).unwrap();
    }
    // A note made private stays private when casefile rewrites it.
    assert!(
        casefile(&root, &["note", "tag", &pac, "one"])
            .status
            .success()
    );
    let note = std::fs::read_dir(root.join("notes"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|x| x == "ron"))
        .unwrap();
    std::fs::set_permissions(&note, std::fs::Permissions::from_mode(0o600)).unwrap();
    assert!(
        casefile(&root, &["note", "tag", &pac, "two"])
            .status
            .success()
    );
    assert!(std::fs::read_to_string(&note).unwrap().contains("\"two\""));
    assert_eq!(mode(&note), 0o600);
    // So does an export written over a private file.
    let report = dir.path().join("report.md");
    std::fs::write(&report, "old").unwrap();
    std::fs::set_permissions(&report, std::fs::Permissions::from_mode(0o600)).unwrap();
    let out = casefile(&root, &["export", "--output", report.to_str().unwrap()]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert_eq!(mode(&report), 0o600);
    assert!(
        std::fs::read_to_string(&report)
            .unwrap()
            .contains("guessed")
    );
}

#[test]
fn a_users_own_temporary_file_in_notes_is_left_alone() {
    let (_dir, root, pac) = case();
    std::fs::write(root.join("notes/.x.tmp"), "my draft").unwrap();
    assert!(
        casefile(&root, &["note", "tag", &pac, "pac"])
            .status
            .success()
    );
    assert_eq!(
        std::fs::read_to_string(root.join("notes/.x.tmp")).unwrap(),
        "my draft"
    );
    let left: Vec<String> = std::fs::read_dir(root.join("notes"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with(".casefile-"))
        .collect();
    assert!(left.is_empty(), "{left:?}");
}

#[cfg(unix)]
#[test]
fn file_names_that_are_not_utf8_keep_their_own_ids_and_notes() {
    use std::ffi::OsString;
    use std::os::unix::ffi::OsStringExt;
    let (_dir, root) = support::case_with(&[]);
    let corpus = root.join("corpus");
    std::fs::write(
        corpus.join(OsString::from_vec(b"a\xff.txt".to_vec())),
        support::WIRE,
    )
    .unwrap();
    std::fs::write(
        corpus.join(OsString::from_vec(b"a\xfe.txt".to_vec())),
        support::BRITISH,
    )
    .unwrap();
    let out = casefile(&root, &["quotes", "--json"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    let quotes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    let mut articles: Vec<&str> = quotes
        .iter()
        .map(|q| q["article"].as_str().unwrap())
        .collect();
    articles.dedup();
    assert_eq!(articles, ["a%FE.txt", "a%FF.txt"]);
    let out = casefile(&root, &["note", "tag", "article:a%FF.txt", "wire"]);
    assert!(out.status.success(), "{}", text(&out.stderr));
    assert!(text(&out.stdout).contains("article:a%FF.txt"));
    let out = casefile(&root, &["notes", "--json"]);
    let notes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(notes.len(), 1);
    assert_eq!(notes[0]["item"], "article:a%FF.txt");
    assert!(notes[0]["label"].as_str().unwrap().contains("Wire Service"));
    // The same ids on the next run (and through the cache).
    for _ in 0..2 {
        let out = Command::cargo_bin("casefile")
            .unwrap()
            .env("CASEFILE_CACHE_DIR", root.join("cache"))
            .arg("--case")
            .arg(&root)
            .args(["quotes", "--json"])
            .output()
            .unwrap();
        let again: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
        assert_eq!(again, quotes);
    }
}

#[cfg(unix)]
#[test]
fn dangling_links_and_loops_named_like_articles_are_reported() {
    let (_dir, root) = support::unseen_case();
    let corpus = root.join("corpus");
    std::os::unix::fs::symlink("moved-away.txt", corpus.join("dangling.txt")).unwrap();
    std::os::unix::fs::symlink("loop.md", corpus.join("loop.md")).unwrap();
    let out = casefile(&root, &["check"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(
        err.contains("dangling.txt: broken symbolic link: its target moved-away.txt"),
        "{err}"
    );
    assert!(err.contains("loop.md: symbolic link loop"), "{err}");
    assert!(text(&out.stdout).contains("articles:    3"));
}

#[test]
fn windows_1252_articles_are_decoded_with_a_warning() {
    // Opening and closing marks and apostrophes as Word writes them, in Windows-1252.
    let mut curly = String::new();
    for c in support::WIRE.chars() {
        match c {
            '"' if curly.matches('“').count() > curly.matches('”').count() => curly.push('”'),
            '"' => curly.push('“'),
            '\'' => curly.push('’'),
            c => curly.push(c),
        }
    }
    let (bytes, _, unmappable) = encoding_rs::WINDOWS_1252.encode(&curly);
    assert!(!unmappable);
    assert!(bytes.contains(&0x93) && bytes.contains(&0x94));
    let (_dir, root) = support::case_with(&[("wire.txt", &bytes)]);
    let out = casefile(&root, &["quotes"]);
    assert!(out.status.success());
    let (stdout, stderr) = (text(&out.stdout), text(&out.stderr));
    assert!(stdout.contains("We have guessed the password."), "{stdout}");
    assert!(!stdout.contains('\u{fffd}'), "{stdout}");
    assert!(
        stderr.contains("wire.txt: not UTF-8: decoded as Windows-1252"),
        "{stderr}"
    );
    let out = casefile(&root, &["check"]);
    assert!(out.status.success(), "a warning, not an error");
    assert!(text(&out.stdout).contains("warnings:    1"));
    let out = casefile(&root, &["quotes", "--json"]);
    let quotes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        quotes
            .iter()
            .any(|q| q["text"].as_str().unwrap().contains("I’ll ask around"))
    );
}

#[test]
fn errors_say_what_is_wrong_once_and_plainly() {
    let (dir, root, _) = case();
    // A file where the notes folder should be: the reason once, with the path.
    std::fs::remove_dir_all(root.join("notes")).unwrap();
    std::fs::write(root.join("notes"), "").unwrap();
    let err = text(&casefile(&root, &["notes"]).stderr);
    assert_eq!(err.matches("Not a directory").count(), 1, "{err}");
    assert!(err.contains(&format!(
        "{}: Not a directory",
        root.join("notes").display()
    )));
    // A file where the corpus folder should be.
    let filed = dir.path().join("filed");
    std::fs::create_dir(&filed).unwrap();
    std::fs::write(filed.join("corpus"), "not a folder").unwrap();
    let err = text(&casefile(&filed, &["check"]).stderr);
    assert!(err.contains("corpus is a file, not a folder"), "{err}");
    assert!(!err.contains("holds no readable"), "{err}");
    // --limit 0 asks for nothing.
    let out = casefile(&root, &["search", "password", "--limit", "0"]);
    assert_eq!(out.status.code(), Some(2));
    assert!(
        text(&out.stderr).contains("--limit 0"),
        "{}",
        text(&out.stderr)
    );
    assert_eq!(text(&out.stdout), "");
    // A prefix of several ids is ambiguous, with candidates.
    let out = casefile(&root, &["show", "ev-"]);
    let err = text(&out.stderr);
    assert_eq!(out.status.code(), Some(2));
    assert!(err.contains("ev- is ambiguous"), "{err}");
    assert!(!err.contains("no event"), "{err}");
    assert!(err.matches("ev-").count() >= 4, "{err}");
    // A date that is written right but does not exist.
    let (_d, odd) = support::case_with(&[(
        "odd.txt",
        support::WIRE
            .replace("published: 2017-11-14", "published: 2016-02-30")
            .as_bytes(),
    )]);
    let err = text(&casefile(&odd, &["check"]).stderr);
    assert!(
        err.contains("2016-02-30 does not exist: February 2016 has 29 days"),
        "{err}"
    );
}

#[test]
fn note_help_describes_every_argument() {
    let out = Command::cargo_bin("casefile")
        .unwrap()
        .args(["note", "tag", "--help"])
        .output()
        .unwrap();
    let help = text(&out.stdout);
    for words in [
        "<ITEM>",
        "The item: an event id",
        "<TAGS>...",
        "The tags to add",
    ] {
        assert!(help.contains(words), "{help}");
    }
}
