//! Whole screens on ratatui's `TestBackend`, as insta snapshots, at 160x45 and 80x24; and the
//! guarantee that no corpus byte reaches the terminal as a control character, with wide
//! characters keeping the borders aligned.
//!
//! The snapshots show the bundled case: when the engine's output changes (event texts, dates),
//! they change too, and are re-accepted after reading them (`cargo insta review`).

use std::time::Duration;

use casefile::progress::{LoadProgress, LoadStep};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;

use super::state::{App, Pane};
use super::testkit::{app, app_at, press, render, screen_text, select_event};
use super::view::{areas, inner};

const SIZES: [(u16, u16); 2] = [(160, 45), (80, 24)];

fn snapshot(name: &str, app: &App) {
    let name = format!("{name}_{}x{}", app.size.width, app.size.height);
    insta::assert_snapshot!(name, render(app));
}

/// The event whose Mediaite source has "for" where the others have "from", that source
/// selected in the focused sources pane.
fn wording_difference(w: u16, h: u16) -> App {
    let mut app = app(w, h);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    press(&mut app, "<Enter>");
    for _ in 0..app.event().unwrap().sources.len() {
        if app
            .source()
            .is_some_and(|s| s.differences.iter().any(|d| d.source == "for"))
        {
            return app;
        }
        press(&mut app, "j");
    }
    panic!("no source with a wording difference");
}

#[test]
fn timeline_screens() {
    for (w, h) in SIZES {
        snapshot("timeline", &app(w, h));
    }
}

#[test]
fn message_with_sources_and_a_wording_difference() {
    for (w, h) in SIZES {
        let app = wording_difference(w, h);
        snapshot("message", &app);
    }
    // On narrow screens the message is a tab of its own.
    let mut app = wording_difference(80, 24);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus, Pane::Message);
    snapshot("message_tab", &app);
}

#[test]
fn reader_screens() {
    for (w, h) in SIZES {
        let mut app = wording_difference(w, h);
        press(&mut app, "<Enter>");
        snapshot("reader", &app);
    }
}

#[test]
fn search_screens() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        press(&mut app, "/guessed password");
        snapshot("search", &app);
    }
}

#[test]
fn help_screens() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        press(&mut app, "?");
        snapshot("help", &app);
    }
}

#[test]
fn filter_screens() {
    for (w, h) in SIZES {
        let mut app = app(w, h);
        press(&mut app, "fj<Enter><Tab><Tab><Tab><Tab>2016-10");
        snapshot("filter", &app);
    }
}

#[test]
fn the_first_frame_says_the_case_is_loading() {
    let app = App::new("bundled", ratatui::layout::Size::new(80, 24));
    snapshot("loading", &app);
}

/// A notebook whose loader has got as far as `steps` (the last one counted `done` of `total`)
/// after `ms` milliseconds.
fn loading_at(steps: &[LoadStep], done: usize, total: usize, ms: u64) -> App {
    let mut app = App::new("/cases/wire", ratatui::layout::Size::new(160, 45));
    let progress = LoadProgress::default();
    for (i, &s) in steps.iter().enumerate() {
        progress.begin_at(s, total, Duration::from_millis(400 * i as u64));
    }
    progress.advance(done);
    assert!(app.loading_progress(progress.snapshot(), Duration::from_millis(ms)));
    app
}

#[test]
fn the_loading_screen_shows_each_step_and_the_current_count() {
    let app = loading_at(
        &[LoadStep::Reading, LoadStep::CountingNames],
        4068,
        10_000,
        1300,
    );
    snapshot("loading_progress", &app);
    let screen = screen_text(&app);
    assert!(screen.contains("✓ reading the articles"), "{screen}");
    assert!(screen.contains("0.40 s"), "how long it took: {screen}");
    assert!(screen.contains("4,068 / 10,000 articles"), "{screen}");
    assert!(screen.contains("skipped: the cache is off"), "{screen}");
    assert!(screen.contains("1.3 s"), "{screen}");
}

#[test]
fn a_cached_case_shows_the_steps_it_did_not_need() {
    let app = loading_at(
        &[LoadStep::CheckingCache, LoadStep::IndexingSearch],
        0,
        0,
        50,
    );
    let screen = screen_text(&app);
    assert!(screen.contains("✓ checking the cache"), "{screen}");
    for skipped in [
        "reading the articles",
        "finding quotes",
        "storing the cache",
    ] {
        assert!(
            screen
                .lines()
                .any(|l| l.contains(skipped) && l.contains("not needed: the case was cached")),
            "{skipped}: {screen}"
        );
    }
}

#[test]
fn searching_while_loading_says_how_far_the_loader_is() {
    let mut app = loading_at(&[LoadStep::FindingQuotes], 430, 1000, 900);
    press(&mut app, "/wiki");
    let screen = screen_text(&app);
    assert!(screen.contains("/ wiki"), "{screen}");
    assert!(
        screen.contains("the case is loading (finding quotes, 43%)"),
        "{screen}"
    );
    // Progress stops counting once the case is there.
    let progress = LoadProgress::default();
    app.set_loaded(Err("gone".into()));
    assert!(!app.loading_progress(progress.snapshot(), Duration::ZERO));
}

#[test]
fn the_differing_word_is_marked_in_the_source() {
    let app = wording_difference(160, 45);
    let backend = render(&app);
    let buf = backend.buffer();
    let pane = inner(areas(app.size, app.focus).pane(Pane::Sources).unwrap());
    // Rows of the selected block: its paragraph has the thick rule.
    let marked: String = (pane.y..pane.bottom())
        .filter(|&y| buf[(pane.x + 2, y)].symbol() == "┃")
        .flat_map(|y| (pane.x..pane.right()).map(move |x| (x, y)))
        .filter(|&(x, y)| buf[(x, y)].bg == super::theme::differs().bg.unwrap())
        .map(|(x, y)| buf[(x, y)].symbol().to_string())
        .collect();
    assert_eq!(marked, "for");
}

const HOSTILE: &str = "---\ntitle: \"Evil \u{1b}]0;pwned\u{7} title \u{1b}[2J\"\noutlet: \
Tést 日本 📰\npublished: 2016-10-05\n---\n\
Evil \u{1b}]0;pwned\u{7} title \u{1b}[2J\n\n\
On October 5, 2016, 李小龙 wrote to WikiLeaks in a direct message: \"We have 你好世界 news \
\u{1b}[2J\u{1b}[31mred\u{1b}[0m for you 👍🏽👨‍👩‍👧 ❤️ and cafe\u{301} tonight.\" The message \
had a bell \u{7} and a \u{9b}6n query.\n\n\
On October 6, 2016, WikiLeaks replied: \"Thank you 🙏 for the 日本語 news about the \
\u{1b}]8;;http://x\u{7}link\u{1b}]8;;\u{7}.\"\n";

/// Every bordered pane's side borders stand in their columns on every row.
fn assert_borders_aligned(buf: &Buffer, rect: Rect) {
    let edges = ["│", "┃", "┌", "┐", "└", "┘", "┏", "┓", "┗", "┛"];
    for y in rect.y..rect.bottom() {
        for x in [rect.x, rect.right() - 1] {
            let s = buf[(x, y)].symbol();
            assert!(
                edges.contains(&s) || (y == rect.y || y == rect.bottom() - 1),
                "row {y} col {x} is {s:?}, not a border"
            );
        }
    }
}

fn assert_harmless(app: &App) {
    let backend = render(app);
    let buf = backend.buffer();
    for cell in &buf.content {
        assert!(
            !cell.symbol().chars().any(|c| c.is_control()),
            "a control character reached the screen: {:?}",
            cell.symbol()
        );
    }
    let a = areas(app.size, app.focus);
    for p in Pane::ALL {
        if let Some(r) = a.pane(p)
            && app.reader.is_none()
            && app.popup.is_none()
        {
            assert_borders_aligned(buf, r);
        }
    }
    // The text is there, made visible.
    let text = screen_text(app);
    assert!(!text.contains('\u{1b}'));
    // Every row is as wide as the screen, whether a terminal counts columns by grapheme (as
    // ratatui does) or character by character (as tmux does).
    for line in text.lines() {
        let by_char: usize = line
            .chars()
            .map(|c| unicode_width::UnicodeWidthChar::width(c).unwrap_or(0))
            .sum();
        assert_eq!(by_char, app.size.width as usize, "{line:?}");
        assert_eq!(
            unicode_width::UnicodeWidthStr::width(line),
            app.size.width as usize,
            "{line:?}"
        );
    }
}

#[test]
fn corpus_text_cannot_drive_the_terminal_and_wide_text_stays_aligned() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir_all(dir.path().join("corpus")).unwrap();
    std::fs::write(dir.path().join("corpus/hostile.txt"), HOSTILE).unwrap();
    for (w, h) in SIZES {
        let mut app = app_at(dir.path(), w, h);
        assert!(!app.timeline.rows.is_empty(), "the hostile case has events");
        assert_harmless(&app);
        let text = screen_text(&app);
        assert!(
            text.contains('\u{fffd}'),
            "control characters are shown as U+FFFD"
        );
        press(&mut app, "<Enter>");
        assert_harmless(&app);
        press(&mut app, "<Tab><Tab>");
        assert_eq!(app.focus, Pane::Message);
        assert_harmless(&app);
        press(&mut app, "<Tab><Enter>");
        assert!(app.reader.is_some());
        assert_harmless(&app);
        press(&mut app, "<Esc>/日本");
        assert_harmless(&app);
        press(&mut app, "<Esc>?");
        assert_harmless(&app);
        press(&mut app, "<Esc>f");
        assert_harmless(&app);
    }
}

#[test]
fn every_screen_draws_at_tiny_sizes() {
    for (w, h) in [(1, 1), (10, 3), (20, 5), (40, 10), (119, 30), (120, 30)] {
        for keys in ["", "<Enter>", "<Tab>", "r", "/a", "?", "f"] {
            let mut app = app(w, h);
            press(&mut app, keys);
            let _ = render(&app);
        }
    }
}
