//! No typed word is lost when the notes cannot be written: a failed save keeps the popup
//! open with its words and the reason, quitting keeps them as a draft and says where, the
//! next popup on the item offers the draft, and a held lock is waited for without freezing
//! the screen. The notes are made unwritable by breaking the item's note file (root ignores
//! file modes, so a read-only folder would not fail for it).

use std::path::{Path, PathBuf};
use std::time::Instant;

use casefile::notes::atomic::DirLock;
use casefile::notes::{ItemRef, NotesStore, Relation};

use super::drafts::DraftKind;
use super::effects;
use super::state::{App, LinkStep, Popup};
use super::testkit::{app_at, drafts_of, press, screen_text, select_event, temp_app};

const BROKEN: &str = "(format_version: 1, item: oops";

fn event_item(app: &App) -> ItemRef {
    ItemRef::event(app.event().expect("an event"))
}

fn notes_dir(app: &App) -> PathBuf {
    app.notes().expect("notes").store.dir().to_path_buf()
}

/// Breaks the note file of `item`, so that saving to it fails.
fn break_note_file(app: &App, item: &ItemRef) -> PathBuf {
    let dir = notes_dir(app);
    std::fs::create_dir_all(&dir).unwrap();
    let path = dir.join(format!("{}.ron", item.key()));
    std::fs::write(&path, BROKEN).unwrap();
    path
}

fn draft_file(app: &App, kind: DraftKind, item: &ItemRef) -> PathBuf {
    app.drafts
        .file(app.case().expect("a case"), kind, item)
        .expect("drafts are on")
}

fn editor_text(app: &App) -> String {
    match &app.popup {
        Some(Popup::Annotate(p)) => p.editor.lines().join("\n"),
        other => panic!("the editor is open: {other:?}"),
    }
}

/// The same case opened again, as the next casefile would, with the same drafts folder.
fn reopen(dir: &Path) -> App {
    let mut app = app_at(dir, 160, 45);
    app.drafts = drafts_of(dir);
    app
}

#[test]
fn a_failed_save_keeps_the_editor_open_with_the_words_and_the_reason() {
    let (_dir, mut app) = temp_app(160, 45);
    let item = event_item(&app);
    break_note_file(&app, &item);
    press(&mut app, "aFirst line<Enter>second line<C-s>");
    assert_eq!(editor_text(&app), "First line\nsecond line");
    let Some(Popup::Annotate(p)) = &app.popup else {
        unreachable!()
    };
    let why = p.error.clone().expect("the reason is kept");
    assert!(why.contains("not saved") && why.contains(".ron"), "{why}");
    let screen = screen_text(&app);
    assert!(screen.contains("not saved"), "{screen}");
    assert!(screen.contains("Esc keeps it as a draft"), "{screen}");
    // Typed on, Esc saves (and fails) again: the words still stay.
    press(&mut app, "!<Esc>");
    assert_eq!(editor_text(&app), "First line\nsecond line!");
    assert!(matches!(&app.popup, Some(Popup::Annotate(p)) if p.error.is_some()));
}

#[test]
fn quitting_with_an_unsaved_annotation_keeps_a_draft_that_the_next_a_offers() {
    let (dir, mut app) = temp_app(160, 45);
    let item = event_item(&app);
    let broken = break_note_file(&app, &item);
    press(&mut app, "aWords I typed<Enter>and more<C-s><C-c>");
    assert!(app.quit);
    let file = draft_file(&app, DraftKind::Annotation, &item);
    assert!(file.starts_with(dir.path().join("data")), "{file:?}");
    assert_eq!(
        std::fs::read_to_string(&file).unwrap(),
        "Words I typed\nand more"
    );
    // Where it went is said (on stderr, once the terminal is back).
    assert_eq!(app.farewell.len(), 1, "{:?}", app.farewell);
    assert!(
        app.farewell[0].contains(&file.display().to_string()),
        "{:?}",
        app.farewell
    );

    // The next casefile: `a` on the item opens the editor with the draft, and says so.
    std::fs::remove_file(&broken).unwrap();
    let mut app = reopen(dir.path());
    press(&mut app, "a");
    assert_eq!(editor_text(&app), "Words I typed\nand more");
    assert!(
        app.status.as_deref().unwrap_or("").contains("draft"),
        "{:?}",
        app.status
    );
    // Saved: the draft goes.
    press(&mut app, "<C-s>");
    assert!(app.popup.is_none(), "{:?}", app.status);
    let disk = NotesStore::open(notes_dir(&app)).unwrap();
    assert_eq!(
        disk.get(&item).unwrap().annotations[0].text,
        "Words I typed\nand more"
    );
    assert!(!file.exists());
}

#[test]
fn esc_after_a_failed_save_keeps_a_draft_and_emptying_it_discards_it() {
    let (_dir, mut app) = temp_app(160, 45);
    let item = event_item(&app);
    break_note_file(&app, &item);
    press(&mut app, "athought<C-s><Esc>");
    assert!(app.popup.is_none());
    let file = draft_file(&app, DraftKind::Annotation, &item);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "thought");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.contains("kept as a draft") && status.contains("offers it again"));
    // Offered again; deleting the words and closing discards it.
    press(&mut app, "a");
    assert_eq!(editor_text(&app), "thought");
    press(&mut app, "<BS><BS><BS><BS><BS><BS><BS><Esc>");
    assert!(app.popup.is_none());
    assert!(!file.exists(), "{:?}", app.status);
}

#[test]
fn the_tag_field_keeps_its_text_on_failure_and_drafts_it_on_quit() {
    let (dir, mut app) = temp_app(160, 45);
    let item = event_item(&app);
    let broken = break_note_file(&app, &item);
    press(&mut app, "tsuspicious<Enter>");
    match &app.popup {
        Some(Popup::Tag(p)) => {
            assert_eq!(p.input, "suspicious");
            assert!(p.error.as_deref().unwrap_or("").contains("not saved"));
        }
        other => panic!("the tag field is open: {other:?}"),
    }
    press(&mut app, "<C-c>");
    let file = draft_file(&app, DraftKind::Tag, &item);
    assert_eq!(std::fs::read_to_string(&file).unwrap(), "suspicious");

    std::fs::remove_file(&broken).unwrap();
    let mut app = reopen(dir.path());
    press(&mut app, "t");
    match &app.popup {
        Some(Popup::Tag(p)) => assert_eq!(p.input, "suspicious"),
        other => panic!("the tag field is open: {other:?}"),
    }
    press(&mut app, "<Enter>");
    assert!(app.popup.is_none());
    let disk = NotesStore::open(notes_dir(&app)).unwrap();
    assert!(disk.get(&item).unwrap().has_tag("suspicious"));
    assert!(!file.exists());
}

#[test]
fn the_link_finder_keeps_its_choices_on_failure_and_drafts_them_on_quit() {
    let (dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    let from = event_item(&app);
    let broken = break_note_file(&app, &from);
    press(&mut app, "Lloses we think<Enter><Down><Enter>");
    let Some(Popup::Link(p)) = &app.popup else {
        panic!("the link finder is open: {:?}", app.status);
    };
    assert!(matches!(p.step, LinkStep::Relation { .. }));
    assert!(p.error.is_some());
    // Quitting while typing keeps it too.
    press(&mut app, "<C-c>");
    assert!(draft_file(&app, DraftKind::Link, &from).exists());

    std::fs::remove_file(&broken).unwrap();
    let mut app = reopen(dir.path());
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    press(&mut app, "L");
    let Some(Popup::Link(p)) = &app.popup else {
        panic!("the link finder is open");
    };
    let LinkStep::Relation { to } = p.step else {
        panic!("the draft's item is chosen again: {:?}", p.step);
    };
    assert!(p.targets.candidates[to].label.contains("loses"));
    press(&mut app, "<Enter>");
    assert!(app.popup.is_none(), "{:?}", app.status);
    let disk = NotesStore::open(notes_dir(&app)).unwrap();
    assert_eq!(
        disk.get(&from).unwrap().links[0].relation,
        Relation::Contradicts
    );
    assert!(!draft_file(&app, DraftKind::Link, &from).exists());
}

#[test]
fn a_held_lock_is_waited_for_on_screen_and_never_freezes_the_keys() {
    let (_dir, mut app) = temp_app(160, 45);
    let dir = notes_dir(&app);
    let lock = DirLock::acquire(&dir).unwrap();
    let first = app.event_index();
    press(&mut app, "*j");
    assert_ne!(app.event_index(), first, "j still moves");
    assert!(app.waiting.is_some());
    let screen = screen_text(&app);
    assert!(screen.contains("waiting for another casefile"), "{screen}");
    // Still held: tried again, still waiting.
    assert!(!effects::retry(&mut app, Instant::now()) || app.waiting.is_some());
    assert!(app.waiting.is_some());
    drop(lock);
    assert!(effects::retry(&mut app, Instant::now()));
    assert!(app.waiting.is_none());
    let item = ItemRef::event(&app.case().unwrap().timeline.events[first.unwrap()]);
    assert!(NotesStore::open(&dir).unwrap().get(&item).unwrap().star);

    // An annotation whose lock never comes: the editor keeps the words and says why.
    let _lock = DirLock::acquire(&dir).unwrap();
    press(&mut app, "apatience<C-s>");
    assert!(app.waiting.is_some());
    press(&mut app, "x");
    assert_eq!(editor_text(&app), "patience", "frozen while it waits");
    effects::retry(&mut app, Instant::now() + effects::LOCK_PATIENCE);
    assert!(app.waiting.is_none());
    assert_eq!(editor_text(&app), "patience");
    let Some(Popup::Annotate(p)) = &app.popup else {
        unreachable!()
    };
    assert!(
        p.error
            .as_deref()
            .unwrap_or("")
            .contains("another casefile"),
        "{:?}",
        p.error
    );
    // Esc gives up a wait at once: the words stay, with the reason.
    press(&mut app, "<C-s>");
    assert!(app.waiting.is_some());
    press(&mut app, "<Esc>");
    assert!(app.waiting.is_none());
    assert_eq!(editor_text(&app), "patience");
    assert!(matches!(&app.popup, Some(Popup::Annotate(p)) if p.error.is_some()));
    // Quitting ends a wait at once, and the words become a draft.
    press(&mut app, "<C-s>");
    assert!(app.waiting.is_some());
    press(&mut app, "<C-c>");
    assert!(app.waiting.is_none());
    let item = event_item(&app);
    let file = draft_file(&app, DraftKind::Annotation, &item);
    assert_eq!(std::fs::read_to_string(file).unwrap(), "patience");
}
