//! Test helpers: an app over the bundled case (or a small case written to a temp folder),
//! keys written as a string ("jj<Enter>/guessed<Enter>") fed through the real keymap, and a
//! screen rendered to ratatui's `TestBackend`.

use std::path::Path;

use casefile::Case;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::crossterm::event::{KeyCode, KeyEvent, KeyModifiers};
use ratatui::layout::Size;

use super::effects;
use super::state::{App, Loaded};
use super::update::update;

/// An app over the case at `root`, at `w` x `h`, named "bundled" so that screens do not
/// depend on the folder's name.
pub fn app_at(root: &Path, w: u16, h: u16) -> App {
    let case = Case::open(root).expect("the case opens");
    let mut loaded = Loaded::new(case);
    loaded.name = "bundled".into();
    let mut app = App::new("bundled", Size::new(w, h));
    app.set_loaded(Ok(loaded));
    // As the event loop lays out the first frame before the first key.
    super::view::settle(&mut app);
    app
}

/// An app over the bundled case.
pub fn app(w: u16, h: u16) -> App {
    app_at(&casefile::case::bundled_case_dir(), w, h)
}

pub use casefile::testkit::temp_case;

/// An app over a fresh copy of the bundled case, and the folder (keep it alive). Its drafts
/// go to `data/drafts` in the same folder, never to the user's home.
pub fn temp_app(w: u16, h: u16) -> (tempfile::TempDir, App) {
    let dir = temp_case();
    let mut app = app_at(dir.path(), w, h);
    app.drafts = drafts_of(dir.path());
    (dir, app)
}

/// The drafts folder of a temporary case made by `temp_case`.
pub fn drafts_of(dir: &Path) -> super::drafts::Drafts {
    super::drafts::Drafts::at(dir.join("data").join("drafts"))
}

fn key(token: &str) -> KeyEvent {
    let (code, mods) = match token {
        "Enter" => (KeyCode::Enter, KeyModifiers::NONE),
        "Esc" => (KeyCode::Esc, KeyModifiers::NONE),
        "Tab" => (KeyCode::Tab, KeyModifiers::NONE),
        "S-Tab" => (KeyCode::BackTab, KeyModifiers::SHIFT),
        "Down" => (KeyCode::Down, KeyModifiers::NONE),
        "Up" => (KeyCode::Up, KeyModifiers::NONE),
        "Left" => (KeyCode::Left, KeyModifiers::NONE),
        "Right" => (KeyCode::Right, KeyModifiers::NONE),
        "PgDn" => (KeyCode::PageDown, KeyModifiers::NONE),
        "PgUp" => (KeyCode::PageUp, KeyModifiers::NONE),
        "Home" => (KeyCode::Home, KeyModifiers::NONE),
        "End" => (KeyCode::End, KeyModifiers::NONE),
        "BS" => (KeyCode::Backspace, KeyModifiers::NONE),
        "Space" => (KeyCode::Char(' '), KeyModifiers::NONE),
        t if t.starts_with("C-") => (
            KeyCode::Char(t[2..].chars().next().expect("a key after C-")),
            KeyModifiers::CONTROL,
        ),
        t => panic!("unknown key <{t}>"),
    };
    KeyEvent::new(code, mods)
}

/// Feeds `keys` through the keymap of the current mode and `update`: plain characters are
/// keys, `<Enter>`, `<Esc>`, `<Tab>`, `<S-Tab>`, `<Down>`, `<C-c>`... are named ones.
pub fn press(app: &mut App, keys: &str) {
    let mut chars = keys.chars();
    while let Some(c) = chars.next() {
        let ev = if c == '<' {
            let token: String = chars.by_ref().take_while(|&c| c != '>').collect();
            key(&token)
        } else {
            let mods = if c.is_uppercase() {
                KeyModifiers::SHIFT
            } else {
                KeyModifiers::NONE
            };
            KeyEvent::new(KeyCode::Char(c), mods)
        };
        if let Some(a) = app.settings.keymap.key_action(app.mode(), ev) {
            update(app, a);
            effects::run(app);
            // As the event loop does after every key.
            super::view::settle(app);
        }
    }
}

/// Presses `j` until the selected event satisfies `want` (panics if none does).
pub fn select_event(app: &mut App, want: impl Fn(&casefile::timeline::Event) -> bool) {
    press(app, "g");
    for _ in 0..app.timeline.rows.len() {
        if app.event().is_some_and(&want) {
            return;
        }
        press(app, "j");
    }
    panic!("no event as wanted");
}

/// The whole screen drawn at the app's size.
pub fn render(app: &App) -> TestBackend {
    let mut terminal =
        Terminal::new(TestBackend::new(app.size.width, app.size.height)).expect("test terminal");
    terminal
        .draw(|f| f.render_widget(app, f.area()))
        .expect("drawn");
    terminal.backend().clone()
}

/// The screen as plain text, one line per row.
pub fn screen_text(app: &App) -> String {
    let backend = render(app);
    let buf = backend.buffer();
    let mut out = String::new();
    for y in 0..buf.area.height {
        let mut skip = 0;
        for x in 0..buf.area.width {
            let cell = &buf[(x, y)];
            if skip > 0 {
                skip -= 1;
                continue;
            }
            out.push_str(cell.symbol());
            skip = unicode_width::UnicodeWidthStr::width(cell.symbol()).saturating_sub(1);
        }
        out.push('\n');
    }
    out
}
