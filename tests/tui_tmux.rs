//! End to end: the real binary in a real terminal (tmux), driven with keys as a person would,
//! checking the screen at each step and that the terminal is given back clean after `q`,
//! Ctrl-C, SIGTERM and a panic.
//!
//! Each test runs its own tmux server (`-L` socket) so tests run in parallel without touching
//! the user's tmux. tmux is required: without it these tests fail (CI installs it).
//!
//! The binary runs under `sh -c '...; echo EXITED $?; stty -a; sleep'`, so that once it has
//! quit the pane shows its exit status and the terminal modes it left behind.

mod support;

use std::process::Command;
use std::time::{Duration, Instant};

use casefile::testkit::temp_case;
use support::tmux::{Tmux, bundled, cursor_row};

#[test]
fn move_search_read_and_quit_at_160x45() {
    let started = Instant::now();
    let t = Tmux::start(160, 45, "");
    t.wait_for("a first frame", |s| s.contains("casefile"));
    eprintln!(
        "first frame after {:?} (debug build, tmux polling)",
        started.elapsed()
    );
    let s = t.wait_loaded();
    assert!(s.contains("▶ Timeline"), "the timeline has focus:\n{s}");
    assert!(
        s.contains("Message") && s.contains("Sources"),
        "three panes:\n{s}"
    );
    let first = cursor_row(&s).expect("a selected event");

    t.keys(&["j"]);
    t.wait_for("the cursor on the next event", |s| {
        cursor_row(s) == Some(first + 2)
    });
    t.keys(&["Down", "k"]);
    t.wait_for("the cursor one event lower", |s| {
        cursor_row(s) == Some(first + 2)
    });

    t.keys(&["/"]);
    t.wait_for("the search popup", |s| s.contains("Search every quote"));
    t.type_text("guessed password");
    let s = t.wait_for("results", |s| {
        s.contains("guessed password█") && s.contains("result")
    });
    assert!(s.contains("guessed the password"), "{s}");
    t.keys(&["Enter"]);
    let s = t.wait_for("the event, sources focused", |s| {
        !s.contains("Search every quote") && s.contains("▶ Sources")
    });
    assert!(s.contains("guessed the password"), "{s}");

    t.keys(&["Enter"]);
    t.wait_for("the reader", |s| s.contains("▶ Reader"));
    t.keys(&["Escape"]);
    t.wait_for("back in the sources", |s| {
        !s.contains("▶ Reader") && s.contains("▶ Sources")
    });
    t.keys(&["r"]);
    t.wait_for("the reader again", |s| s.contains("▶ Reader"));
    // Esc and the next key go separately: sent together they read as Alt+key.
    t.keys(&["Escape"]);
    t.wait_for("the reader closed", |s| !s.contains("▶ Reader"));
    t.keys(&["?"]);
    t.wait_for("the help", |s| s.contains("▶ Keys"));
    t.keys(&["Escape"]);
    t.wait_for("the help closed", |s| !s.contains("▶ Keys"));
    t.keys(&["q"]);
    t.assert_restored(0);
}

#[test]
fn narrow_tabs_and_resizing_at_80x24() {
    let t = Tmux::start(80, 24, "");
    let s = t.wait_loaded();
    assert!(s.contains("[ Timeline ]"), "tabs on a narrow screen:\n{s}");
    t.keys(&["Tab"]);
    t.wait_for("the message tab", |s| s.contains("[ Message ]"));
    t.keys(&["Tab"]);
    t.wait_for("the sources tab", |s| {
        s.contains("[ Sources ]") && s.contains("[1]")
    });
    t.run(&["resize-window", "-t", "main", "-x", "160", "-y", "45"]);
    let s = t.wait_for("three panes", |s| {
        !s.contains("[ Sources ]") && s.contains("▶ Sources") && s.contains("Timeline")
    });
    assert!(s.lines().count() >= 44, "{s}");
    t.run(&["resize-window", "-t", "main", "-x", "60", "-y", "15"]);
    t.wait_for("tabs again", |s| s.contains("[ Sources ]"));
    t.keys(&["q"]);
    t.assert_restored(0);
}

#[test]
fn ctrl_c_gives_the_terminal_back() {
    let t = Tmux::start(100, 30, "");
    t.wait_loaded();
    t.keys(&["/"]);
    t.wait_for("the search popup", |s| s.contains("Search every quote"));
    t.keys(&["C-c"]);
    t.assert_restored(0);
}

#[test]
fn sigterm_gives_the_terminal_back() {
    let t = Tmux::start(120, 40, "");
    t.wait_loaded();
    let pid = t.casefile_pid();
    let killed = Command::new("kill")
        .args(["-TERM", &pid.to_string()])
        .status()
        .expect("kill runs");
    assert!(killed.success());
    // Stopped, not finished: 128 + 15, as a process killed by SIGTERM reports.
    t.assert_restored(143);
}

#[test]
fn a_panic_gives_the_terminal_back() {
    if !cfg!(debug_assertions) {
        eprintln!("a_panic_gives_the_terminal_back needs a debug build (CASEFILE_TEST_PANIC)");
        return;
    }
    let t = Tmux::start(120, 40, "CASEFILE_TEST_PANIC=1");
    let s = t.assert_restored(101);
    assert!(
        s.contains("CASEFILE_TEST_PANIC"),
        "the panic message shows:\n{s}"
    );
}

#[test]
fn a_case_that_cannot_open_says_why() {
    let t = Tmux::start_in(
        100,
        30,
        "",
        std::path::Path::new("/nonexistent/casefile-case"),
    );
    t.wait_for("the error", |s| s.contains("could not be opened"));
    t.keys(&["q"]);
    let s = t.assert_restored(2);
    assert!(s.contains("/nonexistent/casefile-case"), "{s}");
}

#[test]
fn a_note_written_in_one_session_is_there_in_the_next() {
    let case = temp_case();
    let t = Tmux::start_in(160, 45, "", case.path());
    t.wait_loaded();
    t.keys(&["t"]);
    t.wait_for("the tag field", |s| s.contains("Enter adds"));
    t.type_text("e2e-tag");
    t.keys(&["Enter"]);
    t.wait_for("the tag saved", |s| s.contains("saved: added tag"));
    t.keys(&["a"]);
    t.wait_for("the editor", |s| s.contains("Ctrl-S saves"));
    t.type_text("written in tmux");
    t.keys(&["Enter"]);
    t.type_text("on two lines");
    t.keys(&["C-s"]);
    t.wait_for("the annotation saved", |s| s.contains("saved: annotated"));
    t.keys(&["q"]);
    t.assert_restored(0);
    let files: Vec<String> = std::fs::read_dir(case.path().join("notes"))
        .expect("a notes folder")
        .map(|e| e.expect("entry").file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    assert_eq!(files.len(), 1, "one note file: {files:?}");
    drop(t);

    // A new session on the same case: the timeline row has its marks, the notes list has
    // the note, and Enter on it goes to the event.
    let t = Tmux::start_in(160, 45, "", case.path());
    let screen = t.wait_loaded();
    assert!(screen.contains("▶ ✎"), "marks on the noted row:\n{screen}");
    t.keys(&["j", "n"]);
    t.wait_for("the notes list", |s| s.contains("noted items"));
    t.type_text("tmux");
    let screen = t.wait_for("the note found", |s| s.contains("1 of 1 noted items"));
    assert!(screen.contains("#e2e-tag"), "{screen}");
    assert!(screen.contains("written in tmux on two lines"), "{screen}");
    t.keys(&["Enter"]);
    // Wait for the whole frame: a capture can land while tmux is still drawing it.
    let screen = t.wait_for("back on the event", |s| {
        !s.contains("noted items") && cursor_row(s) == Some(2) && s.contains("written in tmux")
    });
    assert_eq!(
        cursor_row(&screen),
        Some(2),
        "the first event again:\n{screen}"
    );
    assert!(screen.contains("written in tmux"), "{screen}");
    t.keys(&["q"]);
    t.assert_restored(0);
}

/// A case of `count` articles made of the real BBC articles' paragraphs (`../shared/corpora`,
/// which CI puts beside the repository), big enough that loading takes a while.
fn generated_case(count: usize) -> tempfile::TempDir {
    use casefile::bench::generate::{harvest_paragraphs, write_corpus};
    let bbc = bundled().join("../shared/corpora/bbc-news-2005");
    let paragraphs = harvest_paragraphs(&[bbc]).expect("the BBC corpus in ../shared/corpora");
    let dir = tempfile::tempdir().expect("a temporary folder");
    write_corpus(&paragraphs, count, 7, &dir.path().join("corpus")).expect("corpus written");
    dir
}

#[test]
fn a_big_case_shows_its_progress_and_takes_a_search_while_it_loads() {
    let case = generated_case(1500);
    let t = Tmux::start_in(160, 45, "CASEFILE_NO_CACHE=1", case.path());
    // The debug build takes seconds over 1,500 articles: the steps show as they go.
    let s = t.wait_for("the loading screen counting", |s| {
        s.contains("Loading case…") && s.contains(" / 1,500 ")
    });
    assert!(s.contains("skipped: the cache is off"), "{s}");
    assert!(s.contains("indexing quotes for search"), "{s}");
    t.wait_for("a finished step", |s| s.contains("✓ reading the articles"));
    t.keys(&["/"]);
    t.type_text("government");
    let s = t.wait_for("the query typed while loading", |s| {
        s.contains("government█")
    });
    if !s.contains("result") {
        assert!(s.contains("the case is loading ("), "{s}");
    }
    let s = t.wait_within(Duration::from_secs(120), "results once loaded", |s| {
        s.contains("government█") && s.contains(" results · Enter")
    });
    assert!(s.to_lowercase().contains("government"), "{s}");
    t.keys(&["Escape"]);
    let s = t.wait_for("the timeline", |s| s.contains("▶ Timeline"));
    assert!(s.contains("1500 articles"), "{s}");
    t.keys(&["q"]);
    t.assert_restored(0);
}

/// The state letter of process `pid` (`R`, `S`, `Z`...), or None once it is gone.
fn process_state(pid: u32) -> Option<char> {
    let stat = std::fs::read_to_string(format!("/proc/{pid}/stat")).ok()?;
    stat.rsplit_once(')')?.1.trim_start().chars().next()
}

/// crossterm spins forever on a terminal that has gone (crossterm-rs/crossterm#793): casefile
/// must still end, and save the words in its editor, when its window is closed.
#[test]
fn closing_the_terminal_ends_casefile_and_keeps_what_was_typed() {
    let case = temp_case();
    let t = Tmux::start_in(160, 45, "", case.path());
    t.wait_loaded();
    t.keys(&["a"]);
    t.wait_for("the editor", |s| s.contains("Ctrl-S saves"));
    t.type_text("typed before the window closed");
    t.wait_for("the words in the editor", |s| {
        s.contains("typed before the window closed")
    });
    let pid = t.casefile_pid();
    t.run(&["kill-server"]);
    let start = Instant::now();
    while let Some(state) = process_state(pid).filter(|&s| s != 'Z') {
        assert!(
            start.elapsed() < Duration::from_secs(10),
            "casefile is still running ({state}) 10 s after its terminal closed"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    let notes: String = std::fs::read_dir(case.path().join("notes"))
        .expect("a notes folder")
        .map(|e| e.expect("an entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "ron"))
        .map(|p| std::fs::read_to_string(p).expect("a note file"))
        .collect();
    assert!(
        notes.contains("typed before the window closed"),
        "the editor's words were saved: {notes}"
    );
}

#[test]
fn a_adds_a_saved_page_in_the_background_and_its_quotes_join_the_timeline() {
    let case = temp_case();
    let page = case.path().join("saved page.html");
    std::fs::write(
        &page,
        "<html><head><title>Harbour plan sent back</title>\
         <meta property=\"og:site_name\" content=\"Harbour Weekly\"></head><body><article>\
         <p>The council voted on Tuesday to send the harbour plan back to committee, after a \
         debate that ran late into the evening and left both sides claiming victory.</p>\
         <p>“This plan puts the fishing fleet last and the developers first,” councillor Ruth \
         Okafor said after the vote, adding that she would keep pressing for an inquiry.</p>\
         <p>The harbour authority said it would publish a revised plan before the summer, and \
         that the fleet would be consulted on every change to the berths.</p></article></body></html>",
    )
    .expect("the page written");
    let t = Tmux::start_in(160, 45, "CASEFILE_NO_CACHE=1", case.path());
    let before = t.wait_loaded();
    assert!(before.contains(" 5 articles"), "{before}");
    t.keys(&["A"]);
    t.wait_for("the add popup", |s| s.contains("Add an article"));
    t.type_text(&page.display().to_string());
    t.keys(&["Enter"]);
    // The status bar says what was added; the header counts the case read again.
    t.wait_for("the article added and the case read again", |s| {
        s.contains(" 6 articles")
            && s.contains("added harbour-weekly-undated-harbour-plan-sent-back.txt")
            && s.contains("quotes (+")
    });
    t.keys(&["/"]);
    t.type_text("fishing fleet last");
    t.wait_for("the new quote found", |s| {
        s.contains("Harbour Weekly · undated")
    });
    t.keys(&["Escape"]);
    t.wait_for("the search closed", |s| !s.contains("Search every quote"));
    t.keys(&["q"]);
    t.assert_restored(0);
}
