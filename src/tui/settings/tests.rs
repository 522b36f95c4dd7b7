//! The configuration as the notebook takes it: the example is the built-in settings, a key
//! rebound works through the real keymap and `update`, and every wrong name is reported at
//! its place while the rest applies.

use std::path::Path;

use casefile::config;
use ratatui::style::{Color, Modifier};

use super::*;
use crate::tui::testkit::{app, press, screen_text};

fn settings(src: &str) -> Settings {
    Settings::from_config(&config::parse(src, Path::new("config.ron")), false)
}

fn problems(s: &Settings) -> Vec<String> {
    s.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn the_example_reads_without_a_problem_and_changes_nothing() {
    let example = example();
    let s = settings(&example);
    assert_eq!(problems(&s), Vec::<String>::new());
    assert_eq!(s.keymap, Keymap::default());
    assert_eq!(s.theme, Theme::dark());
    assert_eq!(s.citation, CitationStyle::Plain);
    assert_eq!(s.clipboard, ClipboardChoice::Auto);
    // Every action that has a key somewhere is in it, and every role.
    for a in Action::BINDABLE {
        let name = a.name().expect("a name");
        let bound = Mode::ALL.iter().any(|&m| Keymap::applies(m, a));
        assert_eq!(
            example.contains(&format!(" {name}: [")),
            bound,
            "{name} in the example"
        );
    }
    for r in Role::ALL {
        assert!(example.contains(&format!(" {}: (", r.name())), "{r:?}");
    }
}

#[test]
fn x_bound_to_quit_quits_and_the_help_and_hints_say_so() {
    let s = settings(r#"(keys: (timeline: (quit: ["x"])))"#);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    let mut app = app(160, 45).with_settings(s);
    press(&mut app, "q");
    assert!(!app.quit, "q no longer quits in the timeline");
    let screen = screen_text(&app);
    let status = screen.lines().last().expect("a status line");
    assert!(status.contains(" x quit"), "{status}");
    let help: Vec<String> = crate::tui::view::help::lines(&app, 80)
        .iter()
        .map(ToString::to_string)
        .collect();
    let main = help
        .iter()
        .position(|l| l == "Timeline, message and sources")
        .expect("the main keys");
    let reader = help
        .iter()
        .position(|l| l == "Article reader")
        .expect("the reader's keys");
    let quit: Vec<&String> = help[main..reader]
        .iter()
        .filter(|l| l.ends_with(" quit"))
        .collect();
    assert_eq!(quit.len(), 1, "{help:#?}");
    assert!(quit[0].starts_with("  x "), "{quit:?}");
    press(&mut app, "?");
    assert!(app.popup.is_some());
    press(&mut app, "<Esc>x");
    assert!(app.quit);
}

#[test]
fn several_keys_and_modifiers_bind_one_action() {
    let s = settings(r#"(keys: (timeline: (down: ["j", "ctrl-n", "alt-j"])))"#);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    assert_eq!(
        s.keymap.keys_for(Mode::Main, Action::Down),
        ["j", "Ctrl-n", "Alt-j"]
    );
    let mut app = app(160, 45).with_settings(s);
    let first = app.event_index();
    press(&mut app, "<C-n>");
    assert_ne!(app.event_index(), first, "Ctrl-n moved down");
    // ↓ was replaced.
    let before = app.event_index();
    press(&mut app, "<Down>");
    assert_eq!(app.event_index(), before);
}

#[test]
fn wrong_names_are_reported_where_they_are_and_the_rest_applies() {
    let s = settings(
        r##"(
    theme: "solarized",
    colors: (selektion: (fg: "red"), quote: (fg: "mauve", bold: false), note: (fg: "#00ff00")),
    keys: (
        timline: (quit: ["x"]),
        timeline: (qiut: ["x"], star: ["s"], help: ["ctrl-c"]),
        search: (star: ["s"]),
        reader: (quit: ["x"], help: ["x"]),
    ),
)"##,
    );
    let p = problems(&s);
    let expect = [
        "config.ron:2:12: “solarized” is not a theme (one of: dark, light, mono)",
        "config.ron:3:14: “selektion” is not a colour role",
        "config.ron:3:50: “mauve” is not a colour",
        "config.ron:5:9: “timline” is not a mode",
        "config.ron:6:20: “qiut” is not an action",
        "config.ron:6:53: Ctrl-c always quits",
        "config.ron:7:18: star does nothing in search",
        "config.ron:8:38: x is bound to quit too in reader: help takes it",
    ];
    assert_eq!(p.len(), expect.len(), "{p:#?}");
    for (got, want) in p.iter().zip(expect) {
        assert!(got.starts_with(want), "{got}\nwanted {want}");
    }
    // What was right applies.
    assert_eq!(s.theme.get(Role::Note).fg, Some(Color::Rgb(0, 255, 0)));
    assert!(
        !s.theme
            .get(Role::Quote)
            .add_modifier
            .contains(Modifier::BOLD)
    );
    assert_eq!(s.theme.get(Role::Quote).fg, Some(Color::Yellow));
    assert_eq!(s.keymap.keys_for(Mode::Main, Action::Star), ["s"]);
    assert_eq!(s.keymap.keys_for(Mode::Reader, Action::Help), ["x"]);
}

#[test]
fn a_key_taken_from_the_only_binding_of_an_action_is_reported() {
    let s = settings(r#"(keys: (timeline: (quit: ["n"])))"#);
    let p = problems(&s);
    assert_eq!(p.len(), 1, "{p:?}");
    assert!(
        p[0].starts_with("config.ron:1:27: n was the only key of notes in timeline"),
        "{p:?}"
    );
}

#[test]
fn the_app_opens_with_a_broken_configuration_and_says_so() {
    let s = settings("(theme: \"light\",, )");
    assert_eq!(s.problems.len(), 1);
    assert_eq!(s.theme, Theme::dark(), "the whole file kept its defaults");
    let mut app = app(160, 45).with_settings(s);
    let screen = screen_text(&app);
    assert!(screen.contains("config: config.ron:1:"), "{screen}");
    press(&mut app, "?");
    assert!(screen_text(&app).contains("Configuration problems"));
}

#[test]
fn no_color_means_mono_and_keeps_only_the_emphasis_of_overrides() {
    let loaded = config::parse(
        r#"(theme: "light", colors: (quote: (fg: "red", underline: true)))"#,
        Path::new("config.ron"),
    );
    let s = Settings::from_config(&loaded, true);
    assert!(s.problems.is_empty(), "{:?}", s.problems);
    for r in Role::ALL {
        let st = s.theme.get(r);
        assert_eq!((st.fg, st.bg), (None, None), "{r:?} has no colour");
    }
    let quote = s.theme.get(Role::Quote).add_modifier;
    assert!(quote.contains(Modifier::UNDERLINED | Modifier::BOLD));
}
