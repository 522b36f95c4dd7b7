//! Colours on screen, per theme: every screen of the notebook drawn with its styles (the
//! buffer's style runs, which the text snapshots of `tests.rs` leave out) and kept as insta
//! snapshots. The `dark` ones were taken before themes existed: they hold the built-in colours
//! to what they always were. `light` and `mono` are kept for the screens that show most roles,
//! and NO_COLOR is checked cell by cell.

use std::time::Duration;

use casefile::progress::{LoadProgress, LoadStep};
use ratatui::layout::Size;
use ratatui::style::{Color, Modifier};

use super::notes_tests::fixed_clock;
use super::settings::Settings;
use super::state::App;
use super::testkit::{app, press, render, select_event, temp_app};
use super::theme::Theme;

/// Every screen worth a look at 160x45: (name, app). The temp folder of the notes screen is
/// returned so it outlives the app.
fn screens() -> (tempfile::TempDir, Vec<(&'static str, App)>) {
    let mut out = Vec::new();
    out.push(("timeline", app(160, 45)));
    let mut message = app(160, 45);
    select_event(&mut message, |e| e.text.contains("unusual idea"));
    press(&mut message, "<Enter>jjj");
    out.push(("message", message));
    let mut reader = app(160, 45);
    select_event(&mut reader, |e| e.text.contains("unusual idea"));
    press(&mut reader, "<Enter><Enter>");
    out.push(("reader", reader));
    let mut search = app(160, 45);
    press(&mut search, "/guessed password");
    out.push(("search", search));
    let mut help = app(160, 45);
    press(&mut help, "?");
    out.push(("help", help));
    let mut filter = app(160, 45);
    press(&mut filter, "fj<Enter><Tab><Tab><Tab><Tab>2016-1x");
    out.push(("filter", filter));
    let mut loading = App::new("/cases/wire", Size::new(160, 45));
    let progress = LoadProgress::default();
    progress.begin_at(LoadStep::Reading, 100, Duration::ZERO);
    progress.begin_at(LoadStep::CountingNames, 100, Duration::from_millis(400));
    progress.advance(40);
    loading.loading_progress(progress.snapshot(), Duration::from_millis(900));
    out.push(("loading", loading));
    let (dir, mut notes) = temp_app(160, 45);
    fixed_clock(&mut notes);
    select_event(&mut notes, |e| e.text.contains("unusual idea"));
    press(&mut notes, "*tleak<Enter>aAsked for the tax returns.<C-s>");
    press(&mut notes, "Lloses<Enter><Enter><Enter>");
    out.push(("notes", notes));
    (dir, out)
}

/// The screen's text and its style runs.
fn styled(app: &App) -> String {
    format!("{:?}", render(app).buffer())
}

#[test]
fn the_dark_theme_keeps_its_colours() {
    let (_dir, screens) = screens();
    for (name, app) in &screens {
        insta::assert_snapshot!(format!("styles_dark_{name}"), styled(app));
    }
}

/// The screens that show most roles (selection, quote, wording difference, comments, debris,
/// other quotes, note marks), in the light and mono themes.
#[test]
fn light_and_mono_screens() {
    for (theme, name) in [(Theme::light(), "light"), (Theme::mono(), "mono")] {
        let (_dir, screens) = screens();
        for (screen, mut app) in screens {
            if !["message", "reader", "notes", "search"].contains(&screen) {
                continue;
            }
            app.settings.theme = theme.clone();
            insta::assert_snapshot!(format!("styles_{name}_{screen}"), styled(&app));
        }
    }
}

/// NO_COLOR: not one cell of any screen has a colour, and what colour marked is still marked
/// (the selection, the quoted words, the wording difference).
#[test]
fn no_color_draws_no_colour_at_all() {
    let loaded = casefile::config::parse("()", std::path::Path::new("config.ron"));
    let (_dir, mut screens) = screens();
    // The annotation editor takes its colours from the settings as it opens.
    let mut editor = app(160, 45);
    editor.settings = Settings::from_config(&loaded, true);
    press(&mut editor, "a");
    screens.push(("editor", editor));
    for (name, mut app) in screens {
        app.settings = Settings::from_config(&loaded, true);
        let backend = render(&app);
        let buf = backend.buffer();
        for cell in &buf.content {
            assert_eq!(
                (cell.fg, cell.bg),
                (Color::Reset, Color::Reset),
                "{name}: {:?}",
                cell.symbol()
            );
        }
        if name == "message" {
            let marked = |m: Modifier| {
                buf.content
                    .iter()
                    .filter(|c| c.modifier.contains(m))
                    .count()
            };
            assert!(
                marked(Modifier::REVERSED) > 0,
                "the selection and the difference"
            );
            assert!(marked(Modifier::BOLD) > 0, "the quoted words");
        }
    }
}
