//! Reading configurations: good ones, and bad ones that still give every setting they can
//! with each problem at its `file:line:column`.

use std::path::Path;

use super::*;

fn read(src: &str) -> Loaded {
    parse(src, Path::new("/home/me/.config/casefile/config.ron"))
}

fn messages(l: &Loaded) -> Vec<String> {
    l.problems.iter().map(ToString::to_string).collect()
}

#[test]
fn every_key_is_optional() {
    for src in ["", "  // nothing yet\n", "()"] {
        let l = read(src);
        assert!(l.problems.is_empty(), "{src:?}: {:?}", l.problems);
        assert_eq!(l.config.theme, None);
        assert_eq!(l.config.citation, CitationStyle::Plain);
    }
}

#[test]
fn a_full_configuration_reads() {
    let l = read(
        r##"(
    theme: "light",
    colors: (selection: (fg: "white", bg: "#336699", bold: true)),
    keys: (timeline: (quit: ["q", "x"], page_down: "ctrl-f")),
    citation: "markdown",
    clipboard: "osc52",
    browser: "firefox {url}",
    editor: "hx {file}:{line}",
)"##,
    );
    assert!(l.problems.is_empty(), "{:?}", l.problems);
    let c = &l.config;
    assert_eq!(c.theme.as_ref().map(|t| t.value.as_str()), Some("light"));
    assert_eq!(
        c.theme.as_ref().map(|t| (t.at.line, t.at.column)),
        Some((2, 12))
    );
    let (role, spec) = &c.colors[0];
    assert_eq!(role.value, "selection");
    assert_eq!(spec.bg.as_ref().map(|s| s.value.as_str()), Some("#336699"));
    assert_eq!(spec.bold, Some(true));
    assert_eq!(c.keys.len(), 2);
    assert_eq!(c.keys[0].mode.value, "timeline");
    assert_eq!(c.keys[0].action.value, "quit");
    let quit: Vec<String> = c.keys[0].keys.iter().map(|k| k.value.to_string()).collect();
    assert_eq!(quit, ["q", "x"]);
    assert_eq!(c.keys[1].keys[0].value.to_string(), "Ctrl-f");
    assert_eq!(c.citation, CitationStyle::Markdown);
    assert_eq!(c.clipboard, ClipboardChoice::Osc52);
    assert_eq!(c.browser.as_deref(), Some("firefox {url}"));
    assert_eq!(c.editor.as_deref(), Some("hx {file}:{line}"));
}

#[test]
fn an_unknown_key_is_reported_at_its_place_and_the_rest_still_reads() {
    let l = read("(\n    colour: \"red\",\n    citation: \"chicago\",\n)\n");
    assert_eq!(
        messages(&l),
        [
            "/home/me/.config/casefile/config.ron:2:5: unknown key “colour” (known: theme, colors, keys, citation, clipboard, browser, editor)"
        ]
    );
    assert_eq!(l.config.citation, CitationStyle::Chicago);
}

#[test]
fn a_bad_value_keeps_the_default_and_says_where() {
    let l = read("(\n  citation: \"apa\",\n  clipboard: 52,\n  theme: \"light\",\n)");
    let m = messages(&l);
    assert_eq!(m.len(), 2, "{m:?}");
    assert!(
        m[0].starts_with("/home/me/.config/casefile/config.ron:2:13: “apa” is not a citation"),
        "{m:?}"
    );
    assert!(
        m[1].starts_with("/home/me/.config/casefile/config.ron:3:14: "),
        "{m:?}"
    );
    assert_eq!(l.config.citation, CitationStyle::Plain);
    assert_eq!(l.config.clipboard, ClipboardChoice::Auto);
    assert_eq!(l.config.theme.map(|t| t.value), Some("light".into()));
}

#[test]
fn a_bad_key_of_a_binding_costs_only_that_key() {
    let l = read("(keys: (timeline: (quit: [\"x\", \"ctrl--\", \"hyper-q\"], help: \"?\")))");
    let m = messages(&l);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(m[0].contains(":1:42: “hyper-q” is not a key"), "{m:?}");
    let quit = &l.config.keys[0];
    let keys: Vec<String> = quit.keys.iter().map(|k| k.value.to_string()).collect();
    assert_eq!(keys, ["x", "Ctrl--"]);
    assert_eq!(l.config.keys[1].action.value, "help");
}

#[test]
fn a_syntax_error_loses_the_file_but_says_where() {
    let l = read("(\n  theme: \"light\"\n  citation: \"plain\",\n)");
    let m = messages(&l);
    assert_eq!(m.len(), 1, "{m:?}");
    assert!(
        m[0].starts_with("/home/me/.config/casefile/config.ron:3:"),
        "{m:?}"
    );
    assert_eq!(l.config.theme, None);
}

#[test]
fn a_missing_file_is_a_problem_only_when_named() {
    let dir = tempfile::tempdir().expect("a temp folder");
    let missing = dir.path().join("config.ron");
    assert!(load_from(&missing, false).problems.is_empty());
    let named = load_from(&missing, true);
    assert_eq!(named.problems.len(), 1);
    assert!(messages(&named)[0].contains("cannot read the configuration"));
}

#[test]
fn keys_are_written_as_people_write_them() {
    let k = |s: &str| KeyChord::parse(s).map(|k| k.to_string());
    assert_eq!(k("x"), Ok("x".into()));
    assert_eq!(k("G"), Ok("G".into()));
    assert_eq!(k("shift-g"), Ok("G".into()));
    assert_eq!(k("C-d"), Ok("Ctrl-d".into()));
    assert_eq!(k("Ctrl+D"), Ok("Ctrl-d".into()));
    assert_eq!(k("alt-x"), Ok("Alt-x".into()));
    assert_eq!(k("shift-tab"), Ok("Shift-Tab".into()));
    assert_eq!(k("PageDown"), Ok("PgDn".into()));
    assert_eq!(k("space"), Ok("Space".into()));
    assert_eq!(k("f5"), Ok("F5".into()));
    assert_eq!(k("-"), Ok("-".into()));
    assert!(k("shift-enter").is_err());
    assert!(k("f99").is_err());
    assert!(k("").is_err());
    // What the help writes reads back as the same key.
    for label in [
        "Ctrl-d",
        "Shift-Tab",
        "PgDn",
        "PgUp",
        "↑",
        "Enter",
        "Esc",
        "Space",
        "?",
    ] {
        assert_eq!(k(label), Ok(label.to_string()), "{label}");
    }
}
