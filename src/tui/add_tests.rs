//! `A` in the notebook: key -> action -> state, with the import run at once (as `press` runs
//! effects), over a copy of the bundled case and a saved page written here.

use casefile::progress::LoadProgress;

use super::action::Mode;
use super::adding::{add_and_reopen, finish, swap_pending};
use super::state::{Adding, Popup};
use super::testkit::{press, screen_text, temp_app};

const PAGE: &str = r#"<html lang="en"><head><title>Council split on harbour plan</title>
<meta property="og:site_name" content="Harbour Weekly">
<meta property="article:published_time" content="2021-06-02T08:00:00Z"></head><body>
<nav>Home · News · Sport</nav><article><h1>Council split on harbour plan</h1>
<p>The council voted on Tuesday to send the harbour plan back to committee, after a debate
that ran late into the evening and left both sides claiming they had the public's support.</p>
<p>“This plan puts the fishing fleet last and the developers first,” councillor Ruth Okafor
said after the vote, adding that she would keep pressing for a public inquiry.</p>
<p>The harbour authority said it would publish a revised plan before the end of the summer,
and that the fleet would be consulted on every change to the berths and the slipways.</p>
</article><footer>Contact · Privacy</footer></body></html>"#;

#[test]
fn a_adds_a_saved_page_and_its_quotes_join_the_timeline() {
    let (dir, mut app) = temp_app(160, 45);
    let page = dir.path().join("saved-page.html");
    std::fs::write(&page, PAGE).unwrap();
    let articles = app.case().unwrap().articles.len();
    press(&mut app, "A");
    assert_eq!(app.mode(), Mode::AddSource);
    // Enter on an empty field says why and stays.
    press(&mut app, "<Enter>");
    match &app.popup {
        Some(Popup::Add(p)) => assert!(p.error.as_deref().unwrap().contains("URL")),
        other => panic!("the add popup is gone: {other:?}"),
    }
    let screen = screen_text(&app);
    assert!(screen.contains("Add an article"), "{screen}");
    assert!(
        screen.contains("type a URL (https://…), a saved page or a folder"),
        "{screen}"
    );
    // Every key is text here: `q` does not quit.
    press(&mut app, "q<C-u>");
    assert!(!app.quit);
    press(&mut app, &page.display().to_string());
    press(&mut app, "<Enter>");
    assert!(app.popup.is_none());
    assert!(app.adding.is_none(), "done at once in tests");
    let status = app.status.clone().unwrap_or_default();
    assert!(status.starts_with("added "), "{status}");
    let case = app.case().unwrap();
    assert_eq!(case.articles.len(), articles + 1);
    let added = case
        .articles
        .iter()
        .position(|a| a.meta.outlet.as_deref() == Some("Harbour Weekly"))
        .expect("the new article");
    let quote = case
        .quotes
        .iter()
        .find(|q| {
            q.article == added && q.text(&case.articles[added]).contains("fishing fleet last")
        })
        .expect("its quote");
    let speaker = quote
        .speaker
        .as_ref()
        .and_then(|s| s.entity)
        .map(|id| case.entities.name(id));
    assert_eq!(speaker, Some("Ruth Okafor"));
    // The quote is on the timeline now.
    let q = case
        .quotes
        .iter()
        .position(|x| std::ptr::eq(x, quote))
        .unwrap();
    assert!(case.event_of_quote(q).is_some());
    // Added again: already in the case; Esc closes the popup without adding.
    press(&mut app, "A");
    press(&mut app, &page.display().to_string());
    press(&mut app, "<Enter>");
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("already in the case")
    );
    press(&mut app, "A<Esc>");
    assert!(app.popup.is_none());
    assert_eq!(app.case().unwrap().articles.len(), articles + 1);
}

#[test]
fn an_import_in_progress_shows_in_the_status_bar_and_a_second_waits() {
    let (_dir, mut app) = temp_app(160, 45);
    app.adding = Some(Adding {
        source: "https://example.com/story".into(),
        stage: "fetching the page".into(),
    });
    let screen = screen_text(&app);
    assert!(
        screen.contains("adding https://example.com/story: fetching the page"),
        "{screen}"
    );
    press(&mut app, "A");
    assert!(app.popup.is_none());
    assert!(app.status.as_deref().unwrap().contains("one at a time"));
}

#[test]
fn a_case_read_again_waits_until_the_reader_is_closed_and_keeps_the_event() {
    let (dir, mut app) = temp_app(160, 45);
    let page = dir.path().join("saved-page.html");
    std::fs::write(&page, PAGE).unwrap();
    press(&mut app, "jj");
    let selected = app.event().unwrap().id.clone();
    let articles = app.case().unwrap().articles.len();
    press(&mut app, "r");
    assert_eq!(app.mode(), Mode::Reader);
    let (root, corpus) = {
        let case = app.case().unwrap();
        (case.root.clone(), case.corpus_dir.clone())
    };
    let result = add_and_reopen(
        &root,
        &corpus,
        &page.display().to_string(),
        &|_| {},
        &LoadProgress::default(),
    );
    finish(&mut app, result);
    // The reader holds article and quote numbers of the case on screen: it stays as it is.
    assert!(app.pending_case.is_some());
    assert_eq!(app.case().unwrap().articles.len(), articles);
    assert!(
        app.status
            .as_deref()
            .unwrap()
            .contains("when this window closes")
    );
    press(&mut app, "<Esc>");
    assert!(swap_pending(&mut app));
    assert_eq!(app.case().unwrap().articles.len(), articles + 1);
    assert_eq!(app.event().unwrap().id, selected);
    assert!(!swap_pending(&mut app), "nothing left to swap");
}
