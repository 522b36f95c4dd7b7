//! The `casefile` binary on the bundled case, on small corpora with bad files, and on the
//! shared real corpora.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;

fn casefile() -> Command {
    Command::cargo_bin("casefile").expect("binary built")
}

/// `casefile timeline --json` on the bundled case, parsed.
fn bundled_timeline() -> Vec<serde_json::Value> {
    let out = casefile()
        .args([
            "--case",
            support::bundled().to_str().unwrap(),
            "timeline",
            "--json",
        ])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    serde_json::from_slice(&out.stdout).unwrap()
}

#[test]
fn timeline_table_on_the_bundled_case() {
    casefile()
        .args(["--case", support::bundled().to_str().unwrap(), "timeline"])
        .assert()
        .success()
        .stdout(predicate::str::contains("2016-09-20"))
        .stdout(predicate::str::contains("WikiLeaks -> Donald Trump Jr."))
        .stdout(predicate::str::contains("A PAC run anti-Trump site"));
}

#[test]
fn timeline_json_has_the_documented_fields() {
    let events = bundled_timeline();
    assert!(events.len() >= 12, "{} events", events.len());
    for e in &events {
        for key in [
            "id",
            "date",
            "time",
            "precision",
            "date_basis",
            "sender",
            "recipients",
            "channel",
            "text",
            "sources",
        ] {
            assert!(e.get(key).is_some(), "event lacks {key}: {e}");
        }
        for s in e["sources"].as_array().unwrap() {
            for key in [
                "article", "outlet", "title", "section", "quote", "excerpt", "start", "end",
            ] {
                assert!(s.get(key).is_some(), "source lacks {key}: {s}");
            }
            assert!(s["start"].as_u64().unwrap() < s["end"].as_u64().unwrap());
        }
    }
    let pac = events
        .iter()
        .find(|e| e["text"].as_str().unwrap().contains("guessed the password"))
        .unwrap();
    assert_eq!(pac["date"], "2016-09-20");
    assert_eq!(pac["sender"], "WikiLeaks");
    assert_eq!(pac["channel"], "direct-message");
}

#[test]
fn dates_are_in_order_and_undated_come_last() {
    let events = bundled_timeline();
    let dates: Vec<Option<String>> = events
        .iter()
        .map(|e| e["date"].as_str().map(String::from))
        .collect();
    let dated: Vec<&String> = dates.iter().flatten().collect();
    let mut sorted = dated.clone();
    sorted.sort();
    assert_eq!(dated, sorted);
    if let Some(first_none) = dates.iter().position(Option::is_none) {
        assert!(dates[first_none..].iter().all(Option::is_none));
    }
}

#[test]
fn search_finds_a_quote_with_its_event() {
    let out = casefile()
        .args([
            "--case",
            support::bundled().to_str().unwrap(),
            "search",
            "guessed pasword",
            "--json",
            "--limit",
            "5",
        ])
        .output()
        .unwrap();
    assert!(out.status.success());
    let hits: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(!hits.is_empty() && hits.len() <= 5);
    assert!(
        hits[0]["text"]
            .as_str()
            .unwrap()
            .contains("guessed the password")
    );
    assert!(hits[0]["event"].as_str().unwrap().starts_with("ev-"));
    assert!(!hits[0]["matched"].as_array().unwrap().is_empty());
}

#[test]
fn show_prints_every_source_and_differences() {
    let events = bundled_timeline();
    let tax = events
        .iter()
        .find(|e| e["text"].as_str().unwrap().contains("unusual idea"))
        .unwrap();
    casefile()
        .args([
            "--case",
            support::bundled().to_str().unwrap(),
            "show",
            tax["id"].as_str().unwrap(),
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("Mediaite"))
        .stdout(predicate::str::contains("The Atlantic"))
        .stdout(predicate::str::contains("differs:"));
    casefile()
        .args([
            "--case",
            support::bundled().to_str().unwrap(),
            "show",
            "ev-nope",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no event ev-nope"));
}

#[test]
fn check_reports_bad_files_by_name_and_fails() {
    let (_dir, root) = support::case_with(&[
        ("good.txt", support::WIRE.as_bytes()),
        ("empty.txt", b""),
        ("binary.txt", b"\x00\x01\x02\x03PNG\x00\x00"),
        ("latin1.txt", b"Caf\xe9 owner said: \"We are open.\"\n"),
    ]);
    casefile()
        .args(["--case", root.to_str().unwrap(), "check"])
        .assert()
        .code(1)
        .stdout(predicate::str::contains("articles:    2"))
        .stderr(predicate::str::contains("empty.txt"))
        .stderr(predicate::str::contains("binary.txt"))
        .stderr(predicate::str::contains("latin1.txt"));
}

#[test]
fn a_missing_or_empty_corpus_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    casefile()
        .args([
            "--case",
            dir.path().join("nowhere").to_str().unwrap(),
            "timeline",
        ])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no corpus folder"));
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    casefile()
        .args(["--case", dir.path().to_str().unwrap(), "timeline"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("holds no readable"));
}

#[test]
fn control_characters_in_articles_never_reach_the_terminal() {
    let (_dir, root) = support::case_with(&[(
        "evil.txt",
        "Evil\n\nThe spokesman said: \"We deny it \x1b[2J\x1b]0;pwned\x07 entirely and always.\"\n"
            .as_bytes(),
    )]);
    let out = casefile()
        .args(["--case", root.to_str().unwrap(), "timeline"])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert!(!out.stdout.contains(&0x1b), "an escape byte reached stdout");
    assert!(!out.stdout.contains(&0x07));
}

#[test]
fn timeline_runs_on_all_the_shared_corpora() {
    let corpora = support::shared_corpora();
    let out = casefile()
        .args(["--case", corpora.to_str().unwrap(), "timeline", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let events: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(
        events.len() > 1000,
        "{} events from ~3,500 articles",
        events.len()
    );
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("sport_199.txt"),
        "the Latin-1 BBC file is flagged: {stderr}"
    );
}

#[test]
fn quotes_json_gives_offsets_into_the_file_and_what_was_read() {
    let root = support::bundled();
    let out = casefile()
        .args(["--case", root.to_str().unwrap(), "quotes", "--json"])
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let quotes: Vec<serde_json::Value> = serde_json::from_slice(&out.stdout).unwrap();
    assert!(quotes.len() > 50, "{}", quotes.len());
    for key in [
        "article",
        "outlet",
        "index",
        "kind",
        "paragraph",
        "start",
        "end",
        "text",
        "speaker",
        "speaker_how",
        "recipients",
        "date",
        "date_basis",
        "channel",
        "event",
    ] {
        assert!(
            quotes[0].get(key).is_some(),
            "{key} missing from {}",
            quotes[0]
        );
    }
    // A single-part quote's offsets hold its words in the file, front matter counted.
    let mut checked = 0;
    for q in &quotes {
        let parts = q["parts"].as_array().unwrap();
        if parts.len() != 1 {
            continue;
        }
        let file = std::fs::read(root.join("corpus").join(q["article"].as_str().unwrap())).unwrap();
        let (s, e) = (
            q["start"].as_u64().unwrap() as usize,
            q["end"].as_u64().unwrap() as usize,
        );
        let words = String::from_utf8_lossy(&file[s..e])
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let text = q["text"].as_str().unwrap();
        assert!(
            words.starts_with(text.trim_end_matches(',')),
            "{words:?} vs {text:?}"
        );
        checked += 1;
    }
    assert!(checked > 20, "{checked}");
    // The first message has its sender, date and event.
    let first = &quotes[0];
    assert_eq!(first["kind"], "message");
    assert_eq!(first["speaker"], "WikiLeaks");
    assert!(first["event"].as_str().unwrap().starts_with("ev-"));
    assert!(quotes.iter().any(|q| q["speaker"].is_null()));
}
