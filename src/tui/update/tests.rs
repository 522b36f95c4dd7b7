//! Key sequences -> actions -> state, over the bundled case, without a terminal. Each test
//! reads as: the app, the keys, what the state must be after.

use casefile::corpus::Section;

use super::*;
use crate::tui::screen::{inner, reader_text};
use crate::tui::state::Phase;
use crate::tui::testkit::{app, app_at, press, select_event};

fn selected_id(app: &App) -> String {
    app.event().expect("an event is selected").id.clone()
}

#[test]
fn starts_on_the_first_event_with_the_timeline_focused() {
    let app = app(160, 45);
    assert_eq!(app.mode(), Mode::Main);
    assert_eq!(app.focus, Pane::Timeline);
    let first = &app.case().unwrap().timeline.events[0];
    assert_eq!(selected_id(&app), first.id);
    assert_eq!(app.sources.selected, 0);
}

#[test]
fn j_k_g_and_capital_g_move_within_the_timeline() {
    let mut app = app(160, 45);
    let events = app.case().unwrap().timeline.events.clone();
    press(&mut app, "jj");
    assert_eq!(selected_id(&app), events[2].id);
    press(&mut app, "k<Up>");
    assert_eq!(selected_id(&app), events[0].id);
    press(&mut app, "k");
    assert_eq!(selected_id(&app), events[0].id, "stops at the top");
    press(&mut app, "G");
    assert_eq!(selected_id(&app), events.last().unwrap().id);
    press(&mut app, "j<Down><End>");
    assert_eq!(
        selected_id(&app),
        events.last().unwrap().id,
        "stops at the end"
    );
    press(&mut app, "<Home>");
    assert_eq!(selected_id(&app), events[0].id);
    press(&mut app, "<PgDn>");
    assert!(
        app.timeline.selected.unwrap() > 3,
        "a page is several events"
    );
}

#[test]
fn the_selection_stays_on_screen_on_small_terminals() {
    let mut app = app(80, 24);
    press(&mut app, "G");
    let (starts, _) = app.timeline.line_starts();
    let row = app.timeline.selected.unwrap();
    let height = pane_inner(&app, Pane::Timeline).height as usize;
    assert!(starts[row] >= app.timeline.scroll);
    assert!(starts[row] + 2 <= app.timeline.scroll + height);
    press(&mut app, "g");
    assert_eq!(app.timeline.scroll, 0);
}

#[test]
fn tab_h_and_l_change_pane_and_wrap_round() {
    let mut app = app(160, 45);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::Message);
    press(&mut app, "l");
    assert_eq!(app.focus, Pane::Sources);
    press(&mut app, "<Tab>");
    assert_eq!(app.focus, Pane::Timeline);
    press(&mut app, "<S-Tab>");
    assert_eq!(app.focus, Pane::Sources);
    press(&mut app, "hh");
    assert_eq!(app.focus, Pane::Timeline);
    press(&mut app, "<Right><Esc>");
    assert_eq!(app.focus, Pane::Timeline, "Esc goes back to the timeline");
}

#[test]
fn enter_goes_to_the_sources_then_opens_the_reader_and_esc_comes_back() {
    let mut app = app(160, 45);
    select_event(&mut app, |e| e.text.contains("unusual idea"));
    let id = selected_id(&app);
    press(&mut app, "<Enter>");
    assert_eq!(app.focus, Pane::Sources);
    press(&mut app, "jj");
    assert_eq!(app.sources.selected, 2);
    let source = app.source().unwrap().clone();
    press(&mut app, "<Enter>");
    assert_eq!(app.mode(), Mode::Reader);
    let r = app.reader.clone().unwrap();
    assert_eq!(r.article, source.article);
    assert_eq!(r.focus, source.parts);
    assert_eq!(r.paragraph, source.paragraph);
    // The paragraph is on screen.
    let text = reader_text(&app);
    // As the view laid the article out.
    let laid_out = &app.layout.measured;
    let line = laid_out.paragraph_line[r.paragraph];
    assert!(line >= r.scroll && line < r.scroll + text.height as usize);
    let max = laid_out.reader_lines - text.height as usize;
    press(&mut app, "G");
    assert_eq!(app.reader.as_ref().unwrap().scroll, max);
    press(&mut app, "gjjk");
    assert_eq!(app.reader.as_ref().unwrap().scroll, 1);
    press(&mut app, "<Esc>");
    assert_eq!(app.mode(), Mode::Main);
    assert_eq!(selected_id(&app), id, "back where we were");
    assert_eq!(app.focus, Pane::Sources);
    assert_eq!(app.sources.selected, 2);
}

#[test]
fn r_reads_the_first_source_from_the_timeline() {
    let mut app = app(160, 45);
    press(&mut app, "r");
    let first = app.event().unwrap().sources[0].clone();
    assert_eq!(app.reader.as_ref().unwrap().focus, first.parts);
}

#[test]
fn n_marks_the_next_quote_of_the_article_and_enter_goes_to_its_event() {
    let mut app = app(160, 45);
    press(&mut app, "r");
    let before = app.reader.clone().unwrap();
    press(&mut app, "n");
    let after = app.reader.clone().unwrap();
    assert_eq!(after.article, before.article);
    assert!(after.focus[0].start > before.focus[0].start);
    let q = after.quote.unwrap();
    press(&mut app, "N");
    assert_eq!(app.reader.as_ref().unwrap().focus, before.focus);
    press(&mut app, "n<Enter>");
    let case = app.case().unwrap();
    assert_eq!(app.mode(), Mode::Main);
    assert_eq!(selected_id(&app), case.event_of_quote(q).unwrap().id);
    assert_eq!(app.source().unwrap().quote, Some(q));
}

#[test]
fn search_jumps_to_the_event_with_its_source_selected() {
    let mut app = app(160, 45);
    press(&mut app, "/guessed password");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search popup is open")
    };
    assert_eq!(s.query, "guessed password");
    assert!(!s.hits.is_empty());
    assert!(s.hits[0].text.contains("guessed the password"));
    press(&mut app, "<Down><Enter>");
    let case = app.case().unwrap();
    let hit_quote = case
        .quotes
        .iter()
        .position(|q| {
            q.text(&case.articles[q.article])
                .contains("guessed the password")
        })
        .unwrap();
    assert!(app.popup.is_none());
    assert_eq!(app.focus, Pane::Sources);
    assert!(app.event().unwrap().text.contains("guessed the password"));
    let src = app.source().unwrap();
    assert!(src.quote.is_some());
    assert_ne!(
        src.quote,
        Some(hit_quote),
        "the second hit is another outlet's quote"
    );
}

#[test]
fn typing_in_the_search_is_text_not_commands() {
    let mut app = app(160, 45);
    press(&mut app, "/qjkG<BS>");
    assert!(!app.quit);
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("still searching")
    };
    assert_eq!(s.query, "qjk");
    press(&mut app, "<C-u>");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("still searching")
    };
    assert!(s.query.is_empty() && s.hits.is_empty());
    press(&mut app, "<Esc>");
    assert!(app.popup.is_none());
}

#[test]
fn a_quote_in_no_event_opens_in_the_reader() {
    let mut app = app(160, 45);
    press(&mut app, "/just drone<Enter>");
    let r = app.reader.clone().expect("the reader is open");
    let case = app.case().unwrap();
    let q = r.quote.unwrap();
    assert!(case.event_of_quote(q).is_none());
    assert_eq!(case.quotes[q].text(&case.articles[r.article]), "just drone");
    assert!(app.status.as_deref().unwrap().contains("no event"));
}

#[test]
fn filters_by_sender_and_dates_and_f_clears_them() {
    let mut app = app(160, 45);
    let all = app.timeline.shown;
    press(&mut app, "fj<Enter>");
    let case = app.case().unwrap();
    let sender = app.filters.sender.clone().expect("a sender is chosen");
    assert!(app.timeline.shown < all);
    for row in &app.timeline.rows {
        if let Row::Event(e) = row {
            assert_eq!(case.sender_name(&case.timeline.events[*e]), sender);
        }
    }
    press(&mut app, "<Tab><Tab><Tab><Tab>2016-10<Enter>");
    assert!(app.popup.is_none(), "Enter on the dates applies and closes");
    let case = app.case().unwrap();
    assert!(app.timeline.shown > 0);
    for row in &app.timeline.rows {
        if let Row::Event(e) = row {
            let d = case.timeline.events[*e].when.unwrap().date.to_string();
            assert!(d.starts_with("2016-10"), "{d}");
        }
    }
    assert!(app.filters.summary().contains("2016-10-01..2016-10-31"));
    press(&mut app, "F");
    assert!(app.filters.is_empty());
    assert_eq!(app.timeline.shown, all);
}

#[test]
fn a_bad_date_range_says_why_and_keeps_the_popup() {
    let mut app = app(160, 45);
    press(&mut app, "f<S-Tab>2016-13<Enter>");
    let Some(Popup::Filter(f)) = &app.popup else {
        panic!("the filter popup stays")
    };
    assert!(f.error.is_some());
    assert!(app.filters.dates.is_none());
    press(&mut app, "<BS>");
    let Some(Popup::Filter(f)) = &app.popup else {
        panic!("the filter popup stays")
    };
    assert!(f.error.is_none(), "editing clears the error");
}

#[test]
fn search_clears_filters_that_hide_the_event() {
    let mut app = app(160, 45);
    press(&mut app, "fG<Enter><Esc>");
    assert!(!app.filters.is_empty());
    press(&mut app, "/guessed the password<Enter>");
    assert!(app.filters.is_empty());
    assert!(app.event().unwrap().text.contains("guessed the password"));
}

#[test]
fn ctrl_c_quits_from_every_mode_and_q_is_text_in_fields() {
    for keys in ["", "/", "f", "f<S-Tab>", "?", "r"] {
        let mut app = app(80, 24);
        press(&mut app, keys);
        assert!(!app.quit);
        press(&mut app, "<C-c>");
        assert!(app.quit, "after {keys:?}");
    }
    let mut app = app(80, 24);
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn help_opens_scrolls_and_closes() {
    let mut app = app(80, 24);
    press(&mut app, "?");
    assert_eq!(app.mode(), Mode::Help);
    press(&mut app, "jjj");
    assert!(matches!(app.popup, Some(Popup::Help { scroll: 3 })));
    press(&mut app, "?");
    assert!(app.popup.is_none());
}

#[test]
fn clicks_select_and_focus_and_the_wheel_scrolls() {
    let mut app = app(160, 45);
    let a = areas(app.size, app.focus);
    let t = inner(a.pane(Pane::Timeline).unwrap());
    // The third event's row starts on line 4 (two lines per event).
    update(
        &mut app,
        Action::Click {
            x: t.x + 5,
            y: t.y + 5,
        },
    );
    assert_eq!(app.timeline.selected, Some(2));
    let s = a.pane(Pane::Sources).unwrap();
    update(
        &mut app,
        Action::Click {
            x: s.x + 3,
            y: s.y + 2,
        },
    );
    assert_eq!(app.focus, Pane::Sources);
    assert_eq!(app.sources.selected, 0);
    let mut small = crate::tui::testkit::app(80, 24);
    update(
        &mut small,
        Action::Wheel {
            x: 10,
            y: 10,
            down: true,
        },
    );
    // Three lines, rounded to the next event's first line: never half an event at the top.
    assert_eq!(small.timeline.scroll, WHEEL + 1);
    assert_eq!(
        small.timeline.selected,
        Some(0),
        "the wheel does not move the selection"
    );
    // The tab bar on narrow screens.
    let tabs = areas(small.size, small.focus).tabs.unwrap();
    let (_, _, cols) = tab_cells(small.focus)[2].clone();
    update(
        &mut small,
        Action::Click {
            x: tabs.x + cols.start + 1,
            y: tabs.y,
        },
    );
    assert_eq!(small.focus, Pane::Sources);
}

#[test]
fn resizing_keeps_the_selection_in_view() {
    let mut app = app(160, 45);
    press(&mut app, "G");
    update(
        &mut app,
        Action::Resize {
            width: 80,
            height: 24,
        },
    );
    let (starts, _) = app.timeline.line_starts();
    let row = app.timeline.selected.unwrap();
    let height = pane_inner(&app, Pane::Timeline).height as usize;
    assert!(starts[row] + 2 <= app.timeline.scroll + height);
    update(
        &mut app,
        Action::Resize {
            width: 10,
            height: 3,
        },
    );
    update(
        &mut app,
        Action::Resize {
            width: 0,
            height: 0,
        },
    );
    update(
        &mut app,
        Action::Resize {
            width: 200,
            height: 60,
        },
    );
    assert_eq!(app.mode(), Mode::Main);
}

#[test]
fn comment_sources_are_sources_of_their_event() {
    let mut app = app(160, 45);
    select_event(&mut app, |e| {
        e.sources.iter().any(|s| s.section == Section::Comments)
    });
    let n = app.event().unwrap().sources.len();
    press(&mut app, "<Enter>G");
    assert_eq!(app.sources.selected, n - 1);
}

#[test]
fn undated_events_get_a_group_of_their_own() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    std::fs::write(
        corpus.join("a.txt"),
        "---\ntitle: Dated\noutlet: Example\npublished: 2017-11-14\n---\n\
         On September 20, 2016, WikiLeaks wrote: \"We have guessed the password of the site.\"\n",
    )
    .unwrap();
    std::fs::write(
        corpus.join("b.txt"),
        "Undated\n\nJohn Smith said: \"Nobody knows when this message was sent to anyone.\"\n",
    )
    .unwrap();
    let app = app_at(dir.path(), 160, 45);
    let rows = &app.timeline.rows;
    let case = app.case().unwrap();
    if case.timeline.undated_start() < case.timeline.events.len() {
        let g = rows
            .iter()
            .position(|r| *r == Row::Group("Undated"))
            .unwrap();
        assert!(rows[g + 1..].iter().all(|r| match r {
            Row::Event(e) => case.timeline.events[*e].when.is_none(),
            Row::Group(_) => false,
        }));
    } else {
        panic!(
            "the test case should give an undated event: {:?}",
            case.timeline.events
        );
    }
}

#[test]
fn a_case_that_fails_to_open_is_an_error_on_screen() {
    let mut app = App::new("/nowhere", ratatui::layout::Size::new(80, 24));
    app.set_loaded(Err("no corpus folder at /nowhere".into()));
    assert!(matches!(app.phase, Phase::Failed(_)));
    assert_eq!(app.mode(), Mode::Loading);
    let text = crate::tui::testkit::screen_text(&app);
    assert!(text.contains("could not be opened"), "{text}");
    assert!(text.contains("no corpus folder"));
    press(&mut app, "q");
    assert!(app.quit);
}

#[test]
fn a_search_typed_while_loading_runs_once_the_case_is_in() {
    let mut app = App::new("bundled", ratatui::layout::Size::new(160, 45));
    press(&mut app, "/password");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("the search opens while loading");
    };
    assert_eq!(s.query, "password");
    assert!(s.hits.is_empty());
    let loaded = super::super::state::Loaded::new(
        casefile::Case::open(&casefile::case::bundled_case_dir()).unwrap(),
    );
    app.set_loaded(Ok(loaded));
    super::super::effects::run(&mut app);
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("still open");
    };
    assert!(s.hits.iter().any(|h| h.text.contains("password")));
}

#[test]
fn results_of_an_older_query_are_dropped() {
    let mut app = app(160, 45);
    press(&mut app, "/guessed");
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("open");
    };
    let (generation, before) = (s.generation, s.hits.clone());
    assert!(!before.is_empty());
    app.search_results(generation - 1, Vec::new());
    let Some(Popup::Search(s)) = &app.popup else {
        panic!("open");
    };
    assert_eq!(s.hits, before, "a stale answer changes nothing");
}
