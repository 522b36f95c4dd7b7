//! No escape byte on any output: every subcommand runs on a case whose file names, front
//! matter, article text and notes (written by a teammate, arriving through git) carry OSC 52
//! (clipboard), OSC 0 (title), CSI, C1 controls (the one-character CSI, OSC, DCS, ST), other
//! C0 controls, DEL and a bidirectional override; none of them may come out on stdout or
//! stderr, or in an export (md, csv; JSON and TimelineJS stay exact, every such character
//! escaped as `\uXXXX`, and must still hold every one of them).

mod support;

use std::ffi::{OsStr, OsString};
use std::path::{Path, PathBuf};

use assert_cmd::Command;
use casefile::notes::{Annotation, ItemRef, Link, NoteFile, NotesStore, Relation};

/// The clipboard (OSC 52), the title (OSC 0), the screen (CSI), C1 CSI/OSC/ST/DCS, other C0
/// controls and DEL, and a right-to-left override.
const HOSTILE: &str = "\u{1b}]52;c;aGFja2Vk\u{7}\u{1b}]0;pwned\u{7}\u{1b}[2J\u{1b}[31m\
                       \u{9b}1m\u{9d}0;t\u{9c}\u{90}q\u{9c}\u{8}\u{5}\u{7f}\u{202e}";

fn hostile_article() -> String {
    format!(
        "---
title: WikiLeaks{HOSTILE} urged Trump son
outlet: Wire{HOSTILE} Service
author: Jane{HOSTILE} Roe
url: https://example.com/{HOSTILE}/wire
published: 2017-11-14
---
    WASHINGTON, Nov 14 (Wire) - The WikiLeaks Twitter account
privately contacted Donald Trump Jr. during the 2016 campaign.
    On September 20, 2016, WikiLeaks sent him a direct message
about a website. \"A PAC run anti-Trump{HOSTILE}
site is about to launch,\" the account wrote. \"We have guessed the password.{HOSTILE}\"
    Trump Jr. replied the next day: \"Off the record I don't know{HOSTILE}
who that is, but I'll ask around. Thanks.\"\r
    On Oct. 3, 2016, Trump Jr. wrote to WikiLeaks: \"Already did\x0b
that earlier today. It's amazing what she can get away with.\"
"
    )
}

/// A file name holding escape sequences (valid UTF-8, so a Unix name).
fn evil_name() -> String {
    "evil\u{1b}]0;pwned\u{7}\u{1b}[31m\u{9b}2J\u{202e}.txt".to_string()
}

/// A file name that is not UTF-8: a raw C1 CSI byte, then an OSC 0.
fn raw_name() -> OsString {
    use std::os::unix::ffi::OsStringExt;
    OsString::from_vec(b"raw\x9b2J\x1b]0;t\x07.txt".to_vec())
}

/// The case: the hostile article under a hostile name, a plain one under a non-UTF-8 name,
/// a hostile saved page, and notes written by hand (not through casefile's checks) with
/// hostile tags, annotations, relation, reason and an orphan's words, plus a broken note file
/// whose name and text are hostile.
fn hostile_case() -> (tempfile::TempDir, PathBuf) {
    let (dir, root) = support::case_with(&[
        (evil_name().as_str(), hostile_article().as_bytes()),
        ("plain.md", support::BRITISH.as_bytes()),
    ]);
    std::fs::write(
        root.join("corpus").join(raw_name()),
        "A short note.\n\n\"Wow,\" he wrote on November 9, 2016.\n".as_bytes(),
    )
    .unwrap();
    let case = casefile::Case::open_uncached(&root).unwrap();
    let event = case
        .timeline
        .events
        .iter()
        .find(|e| e.text.contains('\u{1b}'))
        .expect("the hostile article gives an event whose text keeps the bytes");
    let store = NotesStore::open(root.join("notes")).unwrap();
    let time = "2024-05-01T10:00:00Z".parse().unwrap();
    let annotation = |text: &str| Annotation {
        id: "a-00000001".into(),
        created: time,
        updated: time,
        text: text.into(),
    };
    let article = ItemRef::Article { id: evil_name() };
    let mut on_event = NoteFile::new(ItemRef::event(event));
    on_event.tags = vec![format!("tag{HOSTILE}"), "plain".into()];
    on_event.star = true;
    on_event.annotations.push(annotation(&format!(
        "two lines{HOSTILE}\nand more{HOSTILE}"
    )));
    on_event.links.push(Link {
        relation: Relation::Other(format!("rel{HOSTILE}")),
        to: article.clone(),
    });
    on_event.verification = Some(casefile::notes::Verification {
        status: casefile::notes::Status::Disputed,
        reason: format!("because{HOSTILE}"),
        sources: vec![article.clone()],
        updated: time,
    });
    let mut on_article = NoteFile::new(article);
    on_article.tags = vec![format!("art{HOSTILE}")];
    on_article.annotations.push(annotation(HOSTILE));
    let mut orphan = NoteFile::new(ItemRef::Event {
        id: "ev-0000000000".into(),
        text: format!("gone{HOSTILE} words"),
    });
    orphan.tags = vec![format!("orphan{HOSTILE}")];
    for f in [on_event, on_article, orphan] {
        let path = store.path_of(&f.item.key());
        std::fs::write(path, f.to_ron().unwrap()).unwrap();
    }
    std::fs::write(
        root.join("notes").join(format!("broken{HOSTILE}.ron")),
        format!("(format_version: 1, item: {HOSTILE}"),
    )
    .unwrap();
    (dir, root)
}

/// Runs casefile on the case; returns stdout and stderr.
fn run(root: &Path, args: &[&OsStr]) -> (Vec<u8>, Vec<u8>) {
    // A configuration file whose name and text are hostile too.
    let config = root.join(format!("config{HOSTILE}.ron"));
    std::fs::write(
        &config,
        format!("(theme: \"{HOSTILE}\", keys: {{ \"{HOSTILE}\": \"x\" }})"),
    )
    .unwrap();
    let out = Command::cargo_bin("casefile")
        .unwrap()
        .env("CASEFILE_CONFIG", config)
        .arg("--no-cache")
        .arg("--case")
        .arg(root)
        .args(args)
        .output()
        .unwrap();
    assert!(
        out.status.code().is_some_and(|c| c <= 2),
        "{args:?} crashed: {:?} {}",
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    (out.stdout, out.stderr)
}

/// No character a terminal could obey. `crlf`: a carriage return before a new line is
/// allowed (CSV rows end so).
fn assert_clean(what: &str, bytes: &[u8], crlf: bool) {
    let text = std::str::from_utf8(bytes)
        .unwrap_or_else(|e| panic!("{what}: not UTF-8 ({e}); a raw byte could be a C1 control"));
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let crlf_ok = crlf && c == '\r' && chars.get(i + 1) == Some(&'\n');
        let allowed = matches!(c, '\n' | '\t') || crlf_ok;
        let bad = casefile::text::is_unsafe(c) && !allowed;
        assert!(
            !bad,
            "{what}: U+{:04X} came out: …{}…",
            c as u32,
            chars[i.saturating_sub(40)..(i + 40).min(chars.len())]
                .iter()
                .collect::<String>()
                .escape_debug()
        );
    }
}

fn os(args: &[&str]) -> Vec<OsString> {
    args.iter().map(OsString::from).collect()
}

fn check(root: &Path, args: Vec<OsString>) -> (String, String) {
    let refs: Vec<&OsStr> = args.iter().map(OsString::as_os_str).collect();
    let (out, err) = run(root, &refs);
    // CSV rows end with CRLF, which `printable` keeps (a lone CR it does not).
    assert_clean(&format!("stdout of {args:?}"), &out, true);
    assert_clean(&format!("stderr of {args:?}"), &err, false);
    (
        String::from_utf8_lossy(&out).into_owned(),
        String::from_utf8_lossy(&err).into_owned(),
    )
}

#[test]
fn no_subcommand_prints_a_control_character_from_the_case() {
    let (_dir, root) = hostile_case();
    // The JSON keeps every byte, escaped: the hostile text did reach the commands.
    let (json, _) = check(&root, os(&["quotes", "--json"]));
    assert!(json.contains("\\u001b]52;c;aGFja2Vk\\u0007"), "{json}");
    assert!(
        json.contains("\\u009b1m\\u009d0;t\\u009c\\u0090q\\u009c"),
        "{json}"
    );
    assert!(json.contains("\\u007f\\u202e"), "{json}");
    let (timeline, _) = check(&root, os(&["timeline", "--json"]));
    let events: Vec<serde_json::Value> = serde_json::from_str(&timeline).unwrap();
    let ids: Vec<String> = events
        .iter()
        .map(|e| e["id"].as_str().unwrap().to_string())
        .collect();
    let hostile_event = events
        .iter()
        .find(|e| e["text"].as_str().unwrap().contains('\u{1b}'))
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_string();
    let article = format!("article:{}", evil_name());
    // The file whose name is not UTF-8, by (a part of) the id casefile gives it.
    let raw_article = "article:raw%9B2J";

    for args in [
        vec![],
        os(&["timeline"]),
        os(&["search", "password"]),
        os(&["search", "anti-Trump site", "--limit", "50"]),
        os(&["search", "zzzzqqqq"]),
        os(&["search", "password", "--json"]),
        os(&["show", "ev-"]),
        os(&["show", &format!("ev-{HOSTILE}")]),
        os(&["quotes"]),
        os(&["quotes", "--article", "evil"]),
        os(&["check"]),
        os(&["check", "--json"]),
        os(&["notes"]),
        os(&["notes", "--json"]),
        os(&["notes", "--starred"]),
        os(&["export"]),
        os(&["export", "--format", "csv"]),
        os(&["export", "--format", "json"]),
        os(&["export", "--format", "timelinejs"]),
        os(&["config"]),
        os(&["config", "--path"]),
        os(&["completions", "bash"]),
        os(&["completions", "zsh", "--static"]),
        os(&["man"]),
    ] {
        check(&root, args);
    }
    for id in &ids {
        check(&root, os(&["show", id]));
        check(&root, os(&["show", id, "--json"]));
    }

    // Changes from the command line: each acknowledgement names the item (a hostile file
    // name) and what changed.
    let changes: Vec<Vec<OsString>> = vec![
        os(&["note", "tag", &article, "fine"]),
        os(&["note", "tag", raw_article, "fine"]),
        os(&["note", "star", &article]),
        os(&["note", "unstar", &article]),
        os(&["note", "annotate", &article, &format!("said{HOSTILE}")]),
        os(&["note", "link", &hostile_event, &article]),
        os(&["note", "unlink", &hostile_event, &article]),
        os(&[
            "note",
            "verify",
            &article,
            "--status",
            "confirmed",
            "--reason",
            HOSTILE,
        ]),
        os(&["note", "unverify", &article]),
        os(&["note", "untag", &article, "fine"]),
        os(&["note", "unannotate", &article, "a-00000001"]),
        os(&["note", "edit", &hostile_event, "a-00000001", "new words"]),
    ];
    for args in changes {
        let (out, err) = check(&root, args.clone());
        assert!(
            out.starts_with("saved") || out.starts_with("unchanged"),
            "{args:?}: {out}{err}"
        );
    }
    // A rename touches every note file, the broken one too: refused, and said cleanly.
    let (_, err) = check(
        &root,
        os(&["note", "rename-tag", &format!("art{HOSTILE}"), "art"]),
    );
    assert!(err.contains("broken"), "{err}");
    // After the changes, once more the lists and exports.
    for args in [os(&["notes"]), os(&["export"]), os(&["check"])] {
        check(&root, args);
    }
}

#[test]
fn text_exports_written_to_files_hold_no_control_character() {
    let (dir, root) = hostile_case();
    for (format, crlf) in [
        ("md", false),
        ("csv", true),
        ("json", false),
        ("timelinejs", false),
    ] {
        let file = dir.path().join(format!("out.{format}"));
        let args = vec![
            OsString::from("export"),
            "--format".into(),
            format.into(),
            "--output".into(),
            file.clone().into(),
        ];
        check(&root, args);
        let bytes = std::fs::read(&file).unwrap();
        assert_clean(&format!("export --format {format} file"), &bytes, crlf);
        let text = String::from_utf8(bytes).unwrap();
        // The URL of the hostile article's footnote and its tags are there, cleaned.
        if format == "md" {
            assert!(
                text.contains("https://example.com/\u{fffd}]52;c;aGFja2Vk"),
                "{text}"
            );
            assert!(text.contains("tag\u{fffd}"), "{text}");
        }
        if format == "json" {
            assert!(text.contains("tag\\u001b]52"), "JSON stays exact: {text}");
        }
    }
}

#[test]
fn tags_and_relations_with_control_characters_are_refused() {
    let (_dir, root) = hostile_case();
    let article = format!("article:{}", evil_name());
    let out = Command::cargo_bin("casefile")
        .unwrap()
        .args(["--no-cache", "--case"])
        .arg(&root)
        .args(["note", "tag", &article, "a\u{1b}]0;T\u{7}tag"])
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(
        err.contains("invalid tag") && err.contains("U+001B"),
        "{err}"
    );
    assert_clean("refusal", err.as_bytes(), false);
    let out = Command::cargo_bin("casefile")
        .unwrap()
        .args(["--no-cache", "--case"])
        .arg(&root)
        .args(["note", "link", &article, "ev-0000000000", "--relation"])
        .arg(format!("rel{HOSTILE}"))
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(2));
    let err = String::from_utf8(out.stderr).unwrap();
    assert!(err.contains("invalid relation"), "{err}");
    let store = NotesStore::open(root.join("notes")).unwrap();
    let tags: Vec<String> = store.tags().into_iter().map(|t| t.tag).collect();
    assert!(!tags.iter().any(|t| t.starts_with("a\u{1b}")), "{tags:?}");
}

#[test]
fn shell_completion_never_offers_a_tag_with_a_control_character() {
    let (_dir, root) = hostile_case();
    let out = Command::cargo_bin("casefile")
        .unwrap()
        .current_dir(&root)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", "4")
        .env("_CLAP_IFS", "\n")
        .args(["--", "casefile", "note", "tag", "ev-0000000000", ""])
        .output()
        .unwrap();
    assert!(out.status.success());
    assert_clean("completions", &out.stdout, false);
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(text.lines().any(|l| l == "plain"), "{text}");
}

#[test]
fn a_hostile_saved_page_added_prints_nothing_a_terminal_obeys() {
    let dir = tempfile::tempdir().unwrap();
    let page = dir.path().join(format!("page{HOSTILE}.html"));
    let body = "<p>The account wrote a long message about the website and the password, \
                and it went on at some length so that the page reads as an article.</p>"
        .repeat(12);
    std::fs::write(
        &page,
        format!(
            "<html><head><title>Title{HOSTILE}</title>\
             <meta property=\"og:site_name\" content=\"Site{HOSTILE}\"></head>\
             <body><article><h1>Title{HOSTILE}</h1>{body}</article></body></html>"
        ),
    )
    .unwrap();
    let case = dir.path().join("case");
    std::fs::create_dir(&case).unwrap();
    for _ in 0..2 {
        let out = Command::cargo_bin("casefile")
            .unwrap()
            .args(["--no-cache", "--case"])
            .arg(&case)
            .arg("add")
            .arg(&page)
            .output()
            .unwrap();
        assert_clean("add stdout", &out.stdout, false);
        assert_clean("add stderr", &out.stderr, false);
    }
}
