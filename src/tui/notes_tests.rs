//! Notes in the notebook, as a user makes them: keys through the real keymap and `update`,
//! the effects run (saving into a copy of the bundled case), then the state, the files and
//! the screen checked. Screens with notes are snapshots too (the clock is fixed).

use casefile::notes::{ItemRef, NotesStore, Relation};
use chrono::{DateTime, Utc};

use super::notes::NoteChoice;
use super::state::{App, Pane, Phase, Popup};
use super::testkit::{press, render, screen_text, select_event, temp_app};

/// Notes dated 2026-01-02 03:04 UTC, so that screens do not depend on the day.
pub(super) fn fixed_clock(app: &mut App) {
    if let Phase::Ready(l) = &mut app.phase
        && let Ok(n) = &mut l.notes
    {
        let dir = n.store.dir().to_path_buf();
        let clock =
            || DateTime::<Utc>::from_timestamp(1_767_323_040, 0).expect("a valid timestamp");
        n.store = NotesStore::open(dir)
            .expect("notes")
            .with_clock(clock)
            .with_lock_wait(casefile::notes::LockWait {
                timeout: std::time::Duration::ZERO,
                notice: None,
            });
    }
}

/// The store as a fresh process would read it from disk.
fn on_disk(app: &App) -> NotesStore {
    NotesStore::open(app.notes().expect("notes").store.dir()).expect("the notes open")
}

fn event_item(app: &App) -> ItemRef {
    ItemRef::event(app.event().expect("an event"))
}

#[test]
fn t_tags_the_event_with_completion_and_minus_removes() {
    let (_dir, mut app) = temp_app(160, 45);
    press(&mut app, "tsuspicious<Enter>");
    assert!(app.popup.is_none());
    let first = event_item(&app);
    let disk = on_disk(&app);
    assert!(disk.get(&first).expect("a note file").has_tag("suspicious"));
    assert!(
        app.status
            .as_deref()
            .unwrap_or("")
            .starts_with("saved: added tag")
    );
    // The row shows the tag mark, the message pane the tag.
    let screen = screen_text(&app);
    assert!(screen.contains("#suspicious"), "{screen}");
    assert!(screen.contains("▶ #"), "{screen}");

    // Another event: "su" completes to the existing tag.
    press(&mut app, "jtsu");
    match &app.popup {
        Some(Popup::Tag(p)) => assert_eq!(p.completions, ["suspicious"]),
        other => panic!("the tag popup is open: {other:?}"),
    }
    press(&mut app, "<Tab><Enter>");
    let second = event_item(&app);
    let disk = on_disk(&app);
    assert!(disk.get(&second).unwrap().has_tag("suspicious"));
    assert_eq!(disk.tags()[0].count, 2);

    press(&mut app, "t-suspicious<Enter>");
    assert!(
        !on_disk(&app)
            .get(&second)
            .is_some_and(|f| f.has_tag("suspicious"))
    );
    // Esc cancels a tag: nothing is written.
    press(&mut app, "tnever<Esc>");
    assert!(!on_disk(&app).tags().iter().any(|t| t.tag == "never"));
}

#[test]
fn a_annotates_and_neither_ctrl_s_esc_nor_quitting_loses_a_word() {
    let (_dir, mut app) = temp_app(160, 45);
    press(
        &mut app,
        "aFirst line<Enter>second line, q and j typed<C-s>",
    );
    assert!(app.popup.is_none());
    let item = event_item(&app);
    let texts = |app: &App| -> Vec<String> {
        on_disk(app)
            .get(&item)
            .map(|f| f.annotations.iter().map(|a| a.text.clone()).collect())
            .unwrap_or_default()
    };
    assert_eq!(texts(&app), ["First line\nsecond line, q and j typed"]);

    press(&mut app, "aclosed with Esc<Esc>");
    assert!(app.popup.is_none());
    assert_eq!(texts(&app).len(), 2);
    assert!(texts(&app).contains(&"closed with Esc".to_string()));

    // An empty editor saves nothing.
    press(&mut app, "a<Esc>");
    assert_eq!(texts(&app).len(), 2);

    press(&mut app, "ahalf a thought<C-c>");
    assert!(app.quit);
    assert_eq!(texts(&app).len(), 3);
    assert!(texts(&app).contains(&"half a thought".to_string()));
}

#[test]
fn the_link_finder_never_offers_the_item_it_links_from() {
    let (_dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    let from = event_item(&app);
    let offered = |app: &App| {
        let Some(Popup::Link(p)) = &app.popup else {
            panic!("the link finder is open");
        };
        assert!(!p.hits.is_empty());
        p.hits
            .iter()
            .all(|&i| !p.targets.candidates[i].item.same_item(&from))
    };
    press(&mut app, "L");
    assert!(offered(&app), "not in the list before typing");
    // Its own sender's name: it would match, along with the other events.
    press(&mut app, "wikileaks");
    assert!(offered(&app), "not among the hits of a query it matches");
    let Some(Popup::Link(p)) = &app.popup else {
        panic!("the link finder is open");
    };
    let raw = p.targets.index.search("wikileaks", 1000);
    assert!(
        raw.iter()
            .any(|h| p.targets.candidates[h.quote].item.same_item(&from)),
        "the query does match the item itself"
    );
}

#[test]
fn l_links_two_events_and_the_other_end_shows_the_backlink() {
    let (_dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    let from = event_item(&app);
    // Find the target by typing its words; the first hit is it.
    press(&mut app, "Lloses we think");
    let Some(Popup::Link(p)) = &app.popup else {
        panic!("the link finder is open");
    };
    let to = p.targets.candidates[p.hits[0]].item.clone();
    assert!(p.targets.candidates[p.hits[0]].label.contains("loses"));
    press(&mut app, "<Enter><Down><Enter>");
    assert!(app.popup.is_none(), "{:?}", app.status);
    let disk = on_disk(&app);
    let link = &disk.get(&from).expect("the link is saved").links[0];
    assert_eq!(link.relation, Relation::Contradicts);
    assert!(link.to.same_item(&to));
    let screen = screen_text(&app);
    assert!(screen.contains("→ contradicts"), "{screen}");

    // The other end: its message pane shows who points at it.
    select_event(&mut app, |e| e.text.contains("loses"));
    let screen = screen_text(&app);
    assert!(screen.contains("← contradicts"), "{screen}");

    // A relation of one's own, typed.
    press(&mut app, "Lunusual idea<Enter>asks about<Enter>");
    let disk = on_disk(&app);
    let link = &disk.get(&event_item(&app)).unwrap().links[0];
    assert_eq!(link.relation, Relation::Other("asks about".into()));
}

#[test]
fn stars_and_tags_filter_the_timeline_and_u_undoes() {
    let (_dir, mut app) = temp_app(160, 45);
    let all = app.timeline.shown;
    press(&mut app, "*");
    let starred = event_item(&app);
    assert!(on_disk(&app).get(&starred).unwrap().star);
    assert!(screen_text(&app).contains("▶★"));
    press(&mut app, "jjtlater<Enter>");
    // The filter popup's notes list: "any", "★ starred", then the tags.
    press(&mut app, "f<Tab><Tab><Tab>j<Enter>");
    assert_eq!(app.filters.notes, Some(NoteChoice::Starred));
    assert_eq!(app.timeline.shown, 1);
    press(&mut app, "j<Enter><Esc>");
    assert_eq!(app.filters.notes, Some(NoteChoice::Tag("later".into())));
    assert_eq!(app.timeline.shown, 1);
    assert!(screen_text(&app).contains("#later"));
    press(&mut app, "F");
    assert_eq!(app.timeline.shown, all);

    // Undo takes back the tag, then the star.
    press(&mut app, "u");
    assert!(app.status.as_deref().unwrap().starts_with("undone"));
    press(&mut app, "u");
    let disk = on_disk(&app);
    assert!(!disk.get(&starred).is_some_and(|f| f.star));
    assert!(disk.tags().is_empty());
}

#[test]
fn the_notes_list_searches_and_jumps_to_the_item() {
    let (_dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    let wanted = app.event_index();
    press(&mut app, "aabout the tax returns<C-s>g");
    assert_ne!(app.event_index(), wanted);
    press(&mut app, "ntax");
    let Some(Popup::Notes(p)) = &app.popup else {
        panic!("the notes list is open");
    };
    assert_eq!(p.keys.len(), 1);
    assert!(screen_text(&app).contains("about the tax returns"));
    press(&mut app, "<Enter>");
    assert!(app.popup.is_none());
    assert_eq!(app.event_index(), wanted);
    press(&mut app, "nnothing like it");
    let Some(Popup::Notes(p)) = &app.popup else {
        panic!("the notes list is open");
    };
    assert!(p.keys.is_empty());
}

#[test]
fn sources_and_reader_paragraphs_take_their_own_notes() {
    let (_dir, mut app) = temp_app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    press(&mut app, "<Enter>tfrom-source<Enter>");
    assert_eq!(app.focus, Pane::Sources);
    let src = app.source().unwrap();
    let case = app.case().unwrap();
    let item = ItemRef::source(&case.articles[src.article], src).unwrap();
    assert!(on_disk(&app).get(&item).unwrap().has_tag("from-source"));
    assert!(screen_text(&app).contains("On source [1]"));

    // In the reader: mark the next paragraph and annotate it.
    press(&mut app, "<Enter>}");
    let r = app.reader.as_ref().expect("the reader is open");
    assert!(r.quote.is_none() && r.focus.len() == 1);
    press(&mut app, "aworth a second look<C-s>");
    let disk = on_disk(&app);
    let passage = disk
        .iter()
        .map(|(_, f)| f)
        .find(|f| matches!(f.item, ItemRef::Passage { .. }))
        .expect("a passage note");
    assert_eq!(passage.annotations[0].text, "worth a second look");
    let screen = screen_text(&app);
    assert!(screen.contains("note on this passage"), "{screen}");
    assert!(screen.contains("worth a second look"), "{screen}");

    // `o` sends notes to the article instead.
    press(&mut app, "o*");
    let case = app.case().unwrap();
    let article = ItemRef::article(&case.articles[app.reader.as_ref().unwrap().article]);
    assert!(on_disk(&app).get(&article).is_some_and(|f| f.star));
}

#[test]
fn notes_made_elsewhere_show_after_a_poll() {
    let (_dir, mut app) = temp_app(160, 45);
    let item = event_item(&app);
    let mut other = on_disk(&app);
    other
        .apply(casefile::notes::Change::AddTag {
            item,
            tag: "from-a-colleague".into(),
        })
        .unwrap();
    assert!(super::effects::poll(&mut app));
    assert!(screen_text(&app).contains("#from-a-colleague"));
}

#[test]
fn a_broken_note_file_is_reported_and_the_case_opens() {
    let dir = super::testkit::temp_case();
    std::fs::create_dir_all(dir.path().join("notes")).unwrap();
    std::fs::write(
        dir.path().join("notes/event-broken.ron"),
        "(format_version: 1,",
    )
    .unwrap();
    let app = super::testkit::app_at(dir.path(), 160, 45);
    let status = app.status.clone().unwrap_or_default();
    assert!(
        status.contains("broken") && status.contains("event-broken.ron"),
        "{status}"
    );
    assert!(app.case().is_some());
    assert_eq!(
        std::fs::read_to_string(dir.path().join("notes/event-broken.ron")).unwrap(),
        "(format_version: 1,"
    );
}

#[test]
fn note_screens() {
    let (_dir, mut app) = temp_app(160, 45);
    fixed_clock(&mut app);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    press(
        &mut app,
        "*tleak<Enter>aAsked for the tax returns.<Enter>Compare the Atlantic.<C-s>",
    );
    press(&mut app, "Lloses<Enter><Enter>");
    insta::assert_snapshot!("notes_message_160x45", render(&app));
    press(&mut app, "tl");
    insta::assert_snapshot!("notes_tag_popup_160x45", render(&app));
    press(&mut app, "<Esc>aA draft<Enter>on two lines");
    insta::assert_snapshot!("notes_editor_160x45", render(&app));
    press(&mut app, "<C-s>Lwow");
    insta::assert_snapshot!("notes_link_finder_160x45", render(&app));
    press(&mut app, "<Esc>n");
    insta::assert_snapshot!("notes_list_160x45", render(&app));
}
