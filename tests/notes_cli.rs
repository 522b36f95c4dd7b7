//! `casefile note …`, `casefile notes` and `casefile export` on a small case: the commands
//! save what they say, a broken note file is reported (file:line:column, what was expected)
//! and left alone while the rest lists, and every export format has the shape its readers
//! expect, filters included.

mod support;

use std::path::{Path, PathBuf};

use assert_cmd::Command;
use casefile::Case;
use predicates::prelude::*;

fn casefile(root: &Path, args: &[&str]) -> std::process::Output {
    Command::cargo_bin("casefile")
        .unwrap()
        .arg("--case")
        .arg(root)
        .args(args)
        .output()
        .unwrap()
}

fn ok(root: &Path, args: &[&str]) -> String {
    let out = casefile(root, args);
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The three test articles, the wire story with a URL; the ids of two events.
fn case() -> (tempfile::TempDir, PathBuf, String, String) {
    let wire = support::WIRE.replacen(
        "published: 2017-11-14\n",
        "published: 2017-11-14\nurl: https://example.com/wire/trump-jr\n",
        1,
    );
    let (dir, root) = support::case_with(&[
        ("wire.txt", wire.as_bytes()),
        ("british.md", support::BRITISH.as_bytes()),
        ("fragments.txt", support::FRAGMENTS.as_bytes()),
    ]);
    let case = Case::open(&root).unwrap();
    let id = |words: &str| {
        case.timeline
            .events
            .iter()
            .find(|e| e.text.contains(words))
            .unwrap()
            .id
            .clone()
    };
    let (pac, wow) = (id("guessed the password"), id("Wow."));
    (dir, root, pac, wow)
}

/// Splits CSV text into records of fields (quotes, doubled quotes, line breaks in fields).
fn parse_csv(text: &str) -> Vec<Vec<String>> {
    let (mut rows, mut row, mut field) = (Vec::new(), Vec::new(), String::new());
    let (mut quoted, mut chars) = (false, text.chars().peekable());
    while let Some(c) = chars.next() {
        match (c, quoted) {
            ('"', true) if chars.peek() == Some(&'"') => {
                field.push('"');
                chars.next();
            }
            ('"', _) => quoted = !quoted,
            (',', false) => row.push(std::mem::take(&mut field)),
            ('\r', false) => {}
            ('\n', false) => {
                row.push(std::mem::take(&mut field));
                rows.push(std::mem::take(&mut row));
            }
            _ => field.push(c),
        }
    }
    rows
}

/// Event headings of a Markdown report.
fn md_events(md: &str) -> Vec<&str> {
    md.lines()
        .filter(|l| l.starts_with("## ") && l.contains(" — "))
        .collect()
}

#[test]
fn notes_are_made_listed_and_exported() {
    let (_dir, root, pac, wow) = case();
    let saved = ok(&root, &["note", "tag", &pac, "key", "password"]);
    assert_eq!(
        saved,
        format!("saved: added tag “key” to {pac}\nsaved: added tag “password” to {pac}\n")
    );
    ok(&root, &["note", "star", &wow]);
    ok(
        &root,
        &[
            "note",
            "verify",
            &pac,
            "--status",
            "disputed",
            "--reason",
            "Only the wire has the full text",
            "--source",
            "article:british.md",
        ],
    );
    ok(&root, &["note", "annotate", &pac, "Line one\nLine two"]);
    ok(
        &root,
        &["note", "link", &wow, &pac, "--relation", "responds-to"],
    );
    ok(&root, &["note", "tag", "article:british", "outlet"]);
    ok(&root, &["note", "rename-tag", "password", "passwords"]);
    assert!(ok(&root, &["note", "tag", &pac, "key"]).starts_with("unchanged: "));

    // The listing.
    let list = ok(&root, &["notes"]);
    assert!(list.contains(&format!("{pac}  [disputed]")), "{list}");
    assert!(list.contains("tags: key, passwords"), "{list}");
    assert!(list.contains("Line one\n      Line two"), "{list}");
    assert!(list.contains(&format!("← {wow} (responds to)")), "{list}");
    assert!(list.contains(&format!("{wow}  ★")), "{list}");
    let starred = ok(&root, &["notes", "--starred", "--json"]);
    let starred: Vec<serde_json::Value> = serde_json::from_str(&starred).unwrap();
    assert_eq!(starred.len(), 1);
    assert_eq!(starred[0]["item"], wow.as_str());
    assert_eq!(starred[0]["links"][0]["relation"], "responds to");

    // Markdown: footnotes with outlet, title, date and URL; filters.
    let md = ok(&root, &["export", "--format", "md"]);
    let case = Case::open(&root).unwrap();
    assert_eq!(md_events(&md).len(), case.timeline.events.len());
    assert!(
        md.contains(
            "Wire Service, “WikiLeaks urged Trump son to share father's tax returns”, \
             2017-11-14, <https://example.com/wire/trump-jr>"
        ),
        "{md}"
    );
    assert!(md.contains("[^1]: "), "{md}");
    assert!(
        md.contains(
            "- **Status:** disputed — Only the wire has the full text. Supported by: Daily Example"
        ),
        "{md}"
    );
    assert!(md.contains("- **Tags:** key, passwords"), "{md}");
    assert!(md.contains("Line one\n  Line two"), "{md}");
    assert!(md.contains("(day, from “On September 20, 2016”)"), "{md}");
    let tagged = ok(&root, &["export", "--format", "md", "--tag", "key"]);
    assert_eq!(md_events(&tagged).len(), 1, "{tagged}");
    assert!(tagged.contains("guessed the password"));
    let star = ok(&root, &["export", "--format", "md", "--starred"]);
    assert_eq!(md_events(&star).len(), 1, "{star}");
    assert!(star.contains("> Wow."));

    // JSON.
    let json: serde_json::Value =
        serde_json::from_str(&ok(&root, &["export", "--format", "json"])).unwrap();
    let events = json["events"].as_array().unwrap();
    assert_eq!(events.len(), case.timeline.events.len());
    let e = events.iter().find(|e| e["id"] == pac.as_str()).unwrap();
    assert_eq!(e["status"], "disputed");
    assert_eq!(e["tags"], serde_json::json!(["key", "passwords"]));
    assert_eq!(e["precision"], "day");
    assert!(!e["footnotes"].as_array().unwrap().is_empty());
    let note = &json["footnotes"][0];
    for key in ["number", "outlet", "title", "date", "url"] {
        assert!(note.get(key).is_some(), "footnote lacks {key}: {note}");
    }
    assert_eq!(json["other_notes"][0]["tags"][0], "outlet");

    // CSV: a header, one row per event, multi-line cells quoted.
    let csv = ok(&root, &["export", "--format", "csv", "--tag", "key"]);
    let rows = parse_csv(&csv);
    assert_eq!(rows.len(), 2, "{csv}");
    assert_eq!(rows[0][0], "id");
    assert_eq!(rows[0].len(), 18);
    assert_eq!(rows[1].len(), 18);
    assert_eq!(rows[1][0], pac);
    assert!(rows[1][15].contains("Line one\nLine two"), "{:?}", rows[1]);

    // TimelineJS: the shape Knight Lab's TimelineJS reads.
    let tl: serde_json::Value =
        serde_json::from_str(&ok(&root, &["export", "--format", "timelinejs"])).unwrap();
    assert!(tl["title"]["text"]["headline"].is_string());
    let slides = tl["events"].as_array().unwrap();
    assert!(!slides.is_empty());
    let mut ids = std::collections::BTreeSet::new();
    for s in slides {
        let d = &s["start_date"];
        assert!(d["year"].is_i64(), "{s}");
        if let Some(m) = d.get("month") {
            assert!((1..=12).contains(&m.as_i64().unwrap()), "{s}");
        }
        if let Some(day) = d.get("day") {
            assert!((1..=31).contains(&day.as_i64().unwrap()), "{s}");
        }
        if let Some(h) = d.get("hour") {
            assert!((0..=23).contains(&h.as_i64().unwrap()), "{s}");
            assert!(d["minute"].is_i64(), "{s}");
        }
        assert!(s["text"]["headline"].is_string() && s["text"]["text"].is_string());
        assert!(s["group"].is_string());
        assert!(ids.insert(s["unique_id"].as_str().unwrap().to_string()));
        if let Some(m) = s.get("media") {
            assert!(m["url"].as_str().unwrap().starts_with("<blockquote>"));
        }
    }
    let out = root.join("timeline.json");
    ok(
        &root,
        &[
            "export",
            "--format",
            "timelinejs",
            "--starred",
            "--output",
            out.to_str().unwrap(),
        ],
    );
    let tl: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(out).unwrap()).unwrap();
    assert_eq!(tl["events"].as_array().unwrap().len(), 1);
    assert!(
        tl["events"][0]["text"]["headline"]
            .as_str()
            .unwrap()
            .starts_with('★')
    );
}

#[test]
fn a_broken_note_file_is_reported_and_left_alone_while_the_rest_lists() {
    let (_dir, root, pac, _) = case();
    ok(&root, &["note", "tag", &pac, "fine"]);
    ok(&root, &["note", "tag", "article:british.md", "outlet"]);
    let path = root.join("notes/article-british.md.ron");
    let original = std::fs::read_to_string(&path).unwrap();
    let broken = original.replace("star: false,", "star: false\n    tags: [\"x\"],");
    std::fs::write(&path, &broken).unwrap();

    let out = casefile(&root, &["notes"]);
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(
        stderr.contains("notes/article-british.md.ron:7:5: Expected comma"),
        "{stderr}"
    );
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(stdout.contains("tags: fine"), "{stdout}");

    // A change to that item is refused; the file stays as it was.
    Command::cargo_bin("casefile")
        .unwrap()
        .arg("--case")
        .arg(&root)
        .args(["note", "tag", "article:british.md", "more"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("article-british.md.ron:7:5"))
        .stderr(predicate::str::contains("left as it is"));
    assert_eq!(std::fs::read_to_string(&path).unwrap(), broken);

    // Fixed by hand: read again.
    std::fs::write(&path, original).unwrap();
    let list = ok(&root, &["notes"]);
    assert!(list.contains("tags: outlet"), "{list}");
}

#[test]
fn unknown_items_are_explained() {
    let (_dir, root, _, _) = case();
    Command::cargo_bin("casefile")
        .unwrap()
        .arg("--case")
        .arg(&root)
        .args(["note", "tag", "ev-nothing", "x"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("no such event"))
        .stderr(predicate::str::contains("article:<id>"));
    assert!(
        std::fs::read_dir(root.join("notes"))
            .unwrap()
            .next()
            .is_none()
    );
}
