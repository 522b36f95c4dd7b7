//! End to end, for issue 11: the words of a failed save kept on screen and in a draft that
//! the next session offers; another casefile's lock waited for aloud while `j` still moves;
//! skipped files said; flags and combining marks leaving no stale glyph behind; the key hints
//! that matter kept at 80x24. The real binary in tmux (see `support/tmux.rs`).

mod support;

use std::path::Path;
use std::time::Duration;

use casefile::Case;
use casefile::notes::ItemRef;
use casefile::notes::atomic::DirLock;

use casefile::testkit::temp_case;
use support::tmux::{Tmux, cursor_row};

/// The note file of the event selected when the case opens (the first).
fn first_event_note(case: &Path) -> std::path::PathBuf {
    let opened = Case::open(case).expect("the case opens");
    let item = ItemRef::event(&opened.timeline.events[0]);
    case.join("notes").join(format!("{}.ron", item.key()))
}

#[test]
fn a_failed_save_keeps_the_words_and_the_next_session_offers_their_draft() {
    let case = temp_case();
    let data = tempfile::tempdir().expect("a data folder");
    let env = format!("CASEFILE_DATA_DIR='{}'", data.path().display());
    let note = first_event_note(case.path());
    std::fs::create_dir_all(note.parent().unwrap()).unwrap();
    std::fs::write(&note, "(format_version: 1, item: oops").unwrap();

    let t = Tmux::start_in(160, 45, &env, case.path());
    t.wait_loaded();
    t.keys(&["a"]);
    t.wait_for("the editor", |s| s.contains("Ctrl-S saves"));
    t.type_text("words typed in tmux");
    t.keys(&["C-s"]);
    let s = t.wait_for("the failure said in the editor", |s| {
        s.contains("not saved") && s.contains("Esc keeps it as a draft")
    });
    assert!(s.contains("words typed in tmux"), "the words stay:\n{s}");
    t.keys(&["C-c"]);
    let s = t.assert_restored(0);
    assert!(s.contains("kept as a draft in"), "where the draft is:\n{s}");
    let drafts: Vec<_> = walk(data.path());
    assert_eq!(drafts.len(), 1, "{drafts:?}");
    assert_eq!(
        std::fs::read_to_string(&drafts[0]).unwrap(),
        "words typed in tmux"
    );
    drop(t);

    // The note file fixed, the next session: `a` offers the draft, Ctrl-S saves it.
    std::fs::remove_file(&note).unwrap();
    let t = Tmux::start_in(160, 45, &env, case.path());
    t.wait_loaded();
    t.keys(&["a"]);
    let s = t.wait_for("the draft in the editor", |s| {
        s.contains("words typed in tmux") && s.contains("draft from last time")
    });
    assert!(s.contains("Ctrl-S saves"), "{s}");
    t.keys(&["C-s"]);
    t.wait_for("the annotation saved", |s| s.contains("saved: annotated"));
    t.keys(&["q"]);
    t.assert_restored(0);
    assert!(walk(data.path()).is_empty(), "the draft is gone once saved");
    let saved = std::fs::read_to_string(&note).expect("the note file");
    assert!(saved.contains("words typed in tmux"), "{saved}");
}

/// Every file under `dir`.
fn walk(dir: &Path) -> Vec<std::path::PathBuf> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            out.extend(walk(&path));
        } else {
            out.push(path);
        }
    }
    out
}

#[test]
fn another_casefiles_lock_is_waited_for_on_screen_and_j_still_moves() {
    let case = temp_case();
    let lock = DirLock::acquire(&case.path().join("notes")).expect("the lock");
    let t = Tmux::start_in(160, 45, "", case.path());
    let s = t.wait_loaded();
    let first = cursor_row(&s).expect("a selected event");
    t.keys(&["*"]);
    t.wait_for("the wait said", |s| {
        s.contains("waiting for another casefile")
    });
    t.keys(&["j"]);
    t.wait_for("the cursor on the next event while waiting", |s| {
        cursor_row(s) == Some(first + 2)
    });
    drop(lock);
    t.wait_within(Duration::from_secs(10), "the star saved", |s| {
        s.contains("saved: ") && !s.contains("waiting for another casefile")
    });
    t.keys(&["q"]);
    t.assert_restored(0);
}

#[test]
fn skipped_files_are_said_and_listed() {
    let case = temp_case();
    let corpus = case.path().join("corpus");
    std::fs::write(corpus.join("binary.txt"), b"\x00\x01\x02 not text \x00").unwrap();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    let t = Tmux::start_in(80, 24, "CASEFILE_NO_CACHE=1", case.path());
    let s = t.wait_loaded();
    let header = s.lines().next().unwrap_or("");
    assert!(header.contains("2 files skipped"), "{s}");
    t.keys(&["?"]);
    let s = t.wait_for("the list in the help", |s| s.contains("Files skipped"));
    assert!(s.contains("binary.txt") && s.contains("empty.txt"), "{s}");
    t.keys(&["Escape"]);
    // The key hints that matter survive 80 columns. Waited for, not read once: a capture
    // can land mid-redraw, between the help's last row going and the status line coming.
    t.wait_for("the help closed and the main hints", |s| {
        let status = s.lines().last().unwrap_or("");
        !s.contains("Files skipped") && status.contains("? keys") && status.contains("q quit")
    });
    t.keys(&["q"]);
    t.assert_restored(0);
}

/// Flags (regional indicators), combining marks and Indic conjuncts: after any redraw the
/// screen is what a full redraw draws, no glyph left behind.
#[test]
fn flags_and_combining_marks_leave_no_stale_glyph() {
    let case = tempfile::tempdir().expect("a case folder");
    std::fs::create_dir_all(case.path().join("corpus")).unwrap();
    std::fs::write(
        case.path().join("corpus/flags.txt"),
        "---\ntitle: Flags test\noutlet: Test Outlet\npublished: 2017-11-13\n---\n\
         On October 3, 2016, WikiLeaks wrote to Trump Jr.: “Flags 🇺🇸🇬🇧🇫 and e\u{301} and \
         a\u{310} mark, then \u{301} alone, more 🇩🇪\u{301} words here to fill the line.”\n\
         On October 4, 2016, WikiLeaks wrote to Trump Jr.: “Plain words only in this message, \
         nothing special at all here.”\n\
         On October 5, 2016, WikiLeaks wrote to Trump Jr.: “Conjuncts क्ष and कि here, Hindi \
         हिन्दी text to scroll past.”\n",
    )
    .unwrap();
    let t = Tmux::start_in(160, 45, "CASEFILE_NO_CACHE=1", case.path());
    t.wait_loaded();
    for key in [
        "r", "Escape", "j", "r", "Escape", "G", "r", "Escape", "g", "Tab",
    ] {
        t.keys(&[key]);
        std::thread::sleep(Duration::from_millis(300));
        let drawn = t.screen();
        // A resize makes ratatui clear and draw everything again.
        t.run(&["resize-window", "-t", "main", "-x", "159", "-y", "45"]);
        t.wait_for("the narrower frame", |s| s != drawn);
        t.run(&["resize-window", "-t", "main", "-x", "160", "-y", "45"]);
        let what = format!("a full redraw equal to the frame drawn after {key}:\n{drawn}");
        t.wait_within(Duration::from_secs(5), &what, |s| s == drawn);
    }
    t.keys(&["q"]);
    t.assert_restored(0);
}
