//! The notebook's smaller defects of issue 11, each checked as a user would meet it: skipped
//! files said, a huge annotation drawn only as far as it shows, the starred filter counting
//! what it shows, the notes list's columns, the timeline never starting mid-event, hints cut
//! with "…" (or kept whole), and the undo wording.

use casefile::notes::{Change, ItemRef};

use super::notes::NoteChoice;
use super::state::noting::filter_choices;
use super::state::{App, Pane};
use super::testkit::{app, app_at, press, screen_text, select_event, temp_app, temp_case};
use super::view::message;

/// The status line: the screen's last row.
fn status_line(app: &App) -> String {
    screen_text(app).lines().last().unwrap_or("").to_string()
}

#[test]
fn skipped_files_are_said_in_the_header_and_listed_in_the_help() {
    let dir = temp_case();
    let corpus = dir.path().join("corpus");
    std::fs::write(corpus.join("binary.txt"), b"\x00\x01\x02 not text \x00").unwrap();
    std::fs::write(corpus.join("empty.txt"), b"").unwrap();
    let mut app = app_at(dir.path(), 160, 45);
    assert_eq!(app.skipped_files().len(), 2);
    let screen = screen_text(&app);
    let header = screen.lines().next().unwrap();
    assert!(
        header.contains("2 files skipped — casefile check"),
        "{header}"
    );
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .contains("2 files skipped"),
        "{:?}",
        app.status
    );
    press(&mut app, "?");
    let help = screen_text(&app);
    assert!(help.contains("Files skipped"), "{help}");
    assert!(help.contains("corpus/binary.txt: binary data"), "{help}");
    assert!(help.contains("corpus/empty.txt: empty file"), "{help}");
    // Still said at 80 columns, before the counts.
    let small = app_at(dir.path(), 80, 24);
    let header = screen_text(&small).lines().next().unwrap().to_string();
    assert!(header.contains("2 files skipped"), "{header}");
}

#[test]
fn a_case_without_skipped_files_says_nothing_of_them() {
    let app = app(160, 45);
    assert!(!screen_text(&app).contains("skipped"));
}

#[test]
fn a_huge_annotation_lays_out_only_what_can_show() {
    let (_dir, mut app) = temp_app(160, 45);
    let item = ItemRef::event(app.event().unwrap());
    let huge = "All work and no play makes a long note. ".repeat(200_000);
    if let Some(l) = match &mut app.phase {
        super::state::Phase::Ready(l) => Some(l),
        _ => None,
    } && let Ok(n) = &mut l.notes
    {
        n.store
            .apply(Change::AddAnnotation {
                item,
                text: huge.clone(),
            })
            .unwrap();
        n.relocate(&l.case);
    }
    let width = 60;
    let lines = message::lines(&app, width);
    assert!(lines.len() < 200, "{} lines laid out", lines.len());
    let text: String = lines.iter().map(ToString::to_string).collect();
    assert!(text.contains("cut here (7 MB in all)"), "{text}");
    assert!(text.contains(".ron"), "{text}");
    // The notes list shows its start.
    press(&mut app, "n");
    assert!(screen_text(&app).contains("All work and no play"));
}

#[test]
fn the_starred_filter_counts_the_events_it_shows() {
    let (_dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    // The event, then (with `o`) its article: two starred items, one event.
    press(&mut app, "*o*");
    assert_eq!(app.notes().unwrap().store.starred().len(), 2);
    let choices = filter_choices(&app);
    assert_eq!(choices[0], (NoteChoice::Starred, 1));
    press(&mut app, "f<Tab><Tab><Tab>");
    assert!(screen_text(&app).contains("★ starred (1)"));
    press(&mut app, "j<Enter><Esc>");
    assert_eq!(app.timeline.shown, 1);
    // A tag on an article alone shows no event: (0), as the filter would show.
    press(&mut app, "tsolo<Enter>");
    let solo = filter_choices(&app)
        .into_iter()
        .find(|(c, _)| *c == NoteChoice::Tag("solo".into()))
        .unwrap();
    assert_eq!(solo.1, 0);
}

#[test]
fn the_notes_list_shows_the_item_first_in_aligned_columns() {
    let (_dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    press(&mut app, "*jtlater<Enter>jaa thought<C-s>n");
    let screen = screen_text(&app);
    let rows: Vec<&str> = screen
        .lines()
        .filter(|l| l.contains("┃▶ event ") || l.contains("┃  event "))
        .collect();
    assert_eq!(rows.len(), 3, "{screen}");
    // Every row starts with its item (the cursor or a space before it), none blank.
    let col = |r: &str, at: usize| r[..at].chars().count();
    let starts: Vec<usize> = rows
        .iter()
        .map(|r| col(r, r.find("event ").unwrap()))
        .collect();
    assert!(starts.windows(2).all(|w| w[0] == w[1]), "{screen}");
    // At 160 columns the item is whole, and the notes start in one column.
    for r in &rows {
        let item = &r[r.find("event ").unwrap()..];
        assert!(item.contains("”"), "the item is cut: {r}");
    }
    let notes: Vec<usize> = rows
        .iter()
        .map(|r| {
            ["★", "#later", "✎"]
                .iter()
                .filter_map(|m| r.find(m))
                .min()
                .unwrap()
        })
        .collect();
    let cols: Vec<usize> = rows.iter().zip(&notes).map(|(r, &n)| col(r, n)).collect();
    assert!(
        screen.contains("Item") && screen.contains("Notes"),
        "{screen}"
    );
    assert!(cols.iter().all(|&c| c > 40), "{cols:?}\n{screen}");
}

#[test]
fn the_timeline_never_starts_with_the_second_line_of_an_event() {
    for (w, h) in [(160, 45), (160, 44), (80, 24), (80, 25), (100, 31)] {
        let mut app = app(w, h);
        for keys in ["G", "g", "<PgDn>", "G<Up>", "f<Tab><Tab>j<Enter><Esc>G"] {
            press(&mut app, keys);
            let (starts, _) = app.timeline.line_starts();
            assert!(
                starts.contains(&app.timeline.scroll),
                "{w}x{h} after {keys}: scroll {} is inside a row",
                app.timeline.scroll
            );
        }
        press(&mut app, "F");
    }
}

#[test]
fn texts_too_long_for_their_place_wrap_or_end_with_an_ellipsis() {
    // The notes hint of the message pane, under 46 columns: wrapped, every key kept.
    let narrow = app(40, 24);
    let lines = message::lines(&narrow, 38);
    assert!(lines.iter().all(|l| l.width() <= 38));
    let text: String = lines.iter().map(|l| format!("{l} ")).collect();
    assert!(text.contains("* star"), "{text}");
    // The key hints at 80x24: how to get help and how to leave always show.
    for (w, h) in [(80, 24), (60, 20)] {
        let mut app = app(w, h);
        let status = status_line(&app);
        assert!(
            status.contains("? keys") && status.contains("q quit"),
            "{w}x{h}: {status}"
        );
        assert!(status.contains('…'), "hints left out are said: {status}");
        press(&mut app, "<Tab>");
        assert_eq!(app.focus, Pane::Message);
        let status = status_line(&app);
        assert!(status.contains("q quit"), "{status}");
    }
}

#[test]
fn undo_says_undone_once() {
    let (_dir, mut app) = temp_app(160, 45);
    press(&mut app, "tlater<Enter>u");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("undone: added tag “later”"), "{status}");
    assert!(!status.contains("undid"), "{status}");
}
