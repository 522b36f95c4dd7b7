//! The notebook's settings: the user's configuration (read by the library's `config`) resolved
//! against what only the notebook knows — its modes and actions (the keymap), its colour roles
//! and themes — with every name the configuration got wrong reported at its `file:line:column`.
//! Also the full commented example `casefile config --example` prints, generated from the
//! built-in tables so that it cannot drift from them.

use std::collections::HashMap;
use std::fmt::Write as _;

use casefile::config::{self, CitationStyle, ClipboardChoice, ConfigError, Location};
use ratatui::crossterm::event::KeyCode;
use ratatui::style::{Color, Modifier, Style};

use super::action::{Action, Mode};
use super::keymap::{CTRL_C, Key, Keymap, defaults};
use super::theme::{Role, Theme};

/// Everything the configuration decides, ready to use.
#[derive(Debug, Clone, Default)]
pub struct Settings {
    pub keymap: Keymap,
    pub theme: Theme,
    pub citation: CitationStyle,
    pub clipboard: ClipboardChoice,
    /// The command `O` opens URLs with (`{url}`), over `$BROWSER`.
    pub browser: Option<String>,
    /// The command `E` edits files with (`{file}`, `{line}`), over `$VISUAL`/`$EDITOR`.
    pub editor: Option<String>,
    /// What was wrong with the configuration (each setting concerned kept its default).
    pub problems: Vec<ConfigError>,
}

/// Whether `NO_COLOR` asks for no colour (set and not empty, as no-color.org says).
pub fn no_color() -> bool {
    std::env::var_os("NO_COLOR").is_some_and(|v| !v.is_empty())
}

/// The user's settings: their configuration file, and `NO_COLOR`.
pub fn load() -> Settings {
    Settings::from_config(&config::load(), no_color())
}

impl Settings {
    /// Resolves a read configuration; `colour` false (NO_COLOR) means the mono theme, and
    /// only the emphasis of colour overrides.
    pub fn from_config(loaded: &config::Loaded, no_color: bool) -> Settings {
        let c = &loaded.config;
        let mut problems = loaded.problems.clone();
        let mut theme = Theme::dark();
        if let Some(name) = &c.theme {
            match Theme::named(&name.value) {
                Some(t) => theme = t,
                None => problems.push(ConfigError::invalid(
                    &name.at,
                    format!(
                        "“{}” is not a theme (one of: {})",
                        name.value,
                        Theme::NAMES.join(", ")
                    ),
                )),
            }
        }
        if no_color {
            theme = Theme::mono();
        }
        for (role, spec) in &c.colors {
            match Role::parse(&role.value) {
                Some(r) => theme.set(r, spec, !no_color, &mut problems),
                None => problems.push(ConfigError::invalid(
                    &role.at,
                    format!(
                        "“{}” is not a colour role (roles: {})",
                        role.value,
                        Role::ALL.map(Role::name).join(", ")
                    ),
                )),
            }
        }
        let keymap = keymap(c, &mut problems);
        Settings {
            keymap,
            theme,
            citation: c.citation,
            clipboard: c.clipboard,
            browser: c.browser.clone(),
            editor: c.editor.clone(),
            problems,
        }
    }
}

/// The default keymap with the configuration's bindings over it; unknown names, keys bound
/// twice and actions left without a key are reported.
fn keymap(c: &config::Config, problems: &mut Vec<ConfigError>) -> Keymap {
    let mut map = Keymap::default();
    // Per mode, which action the configuration gave each key, and where.
    let mut given: HashMap<(Mode, Key), (Action, Location)> = HashMap::new();
    for b in &c.keys {
        let Some(mode) = Mode::parse(&b.mode.value) else {
            problems.push(ConfigError::invalid(
                &b.mode.at,
                format!(
                    "“{}” is not a mode (modes: {})",
                    b.mode.value,
                    Mode::ALL.map(Mode::name).join(", ")
                ),
            ));
            continue;
        };
        let Some(action) = Action::parse(&b.action.value) else {
            problems.push(ConfigError::invalid(
                &b.action.at,
                format!(
                    "“{}” is not an action (see `casefile config --example`)",
                    b.action.value
                ),
            ));
            continue;
        };
        if !Keymap::applies(mode, action) {
            problems.push(ConfigError::invalid(
                &b.action.at,
                format!("{} does nothing in {}", b.action.value, mode.name()),
            ));
            continue;
        }
        let mut keys = Vec::new();
        for k in &b.keys {
            let key = Key::from(k.value);
            if key == CTRL_C && action != Action::Quit {
                problems.push(ConfigError::invalid(&k.at, "Ctrl-c always quits"));
                continue;
            }
            if let Some((other, _)) = given.get(&(mode, key))
                && *other != action
            {
                problems.push(ConfigError::invalid(
                    &k.at,
                    format!(
                        "{} is bound to {} too in {}: {} takes it",
                        key.label(),
                        other.name().unwrap_or_default(),
                        mode.name(),
                        b.action.value
                    ),
                ));
            }
            given.insert((mode, key), (action, k.at.clone()));
            keys.push(key);
        }
        for t in map.rebind(mode, action, &keys) {
            let user = given.get(&(mode, t.key)).map(|(_, at)| at.clone());
            if t.orphaned
                && let Some(at) = user
            {
                problems.push(ConfigError::invalid(
                    &at,
                    format!(
                        "{} was the only key of {} in {}: it has none now",
                        t.key.label(),
                        t.from.name().unwrap_or_default(),
                        mode.name()
                    ),
                ));
            }
        }
    }
    map
}

/// A key as the configuration writes it: `"x"`, `"ctrl-d"`, `"shift-tab"`, `"pagedown"`.
fn config_key(k: Key) -> String {
    let base = match k.code {
        KeyCode::Char(' ') => "space".to_string(),
        KeyCode::Char(c) => c.to_string(),
        KeyCode::Enter => "enter".into(),
        KeyCode::Esc => "esc".into(),
        KeyCode::Tab => "tab".into(),
        KeyCode::BackTab => "shift-tab".into(),
        KeyCode::Backspace => "backspace".into(),
        KeyCode::Delete => "delete".into(),
        KeyCode::Insert => "insert".into(),
        KeyCode::Up => "up".into(),
        KeyCode::Down => "down".into(),
        KeyCode::Left => "left".into(),
        KeyCode::Right => "right".into(),
        KeyCode::PageUp => "pageup".into(),
        KeyCode::PageDown => "pagedown".into(),
        KeyCode::Home => "home".into(),
        KeyCode::End => "end".into(),
        KeyCode::F(n) => format!("f{n}"),
        other => format!("{other:?}").to_lowercase(),
    };
    let alt = if k.alt { "alt-" } else { "" };
    let ctrl = if k.ctrl { "ctrl-" } else { "" };
    format!("{ctrl}{alt}{base}")
}

fn colour_name(c: Color) -> String {
    match c {
        Color::Rgb(r, g, b) => format!("#{r:02x}{g:02x}{b:02x}"),
        Color::Indexed(i) => i.to_string(),
        other => other.to_string().to_lowercase(),
    }
}

/// A role's style as the configuration writes it.
fn style_spec(s: Style) -> String {
    let mut parts = Vec::new();
    if let Some(c) = s.fg {
        parts.push(format!("fg: \"{}\"", colour_name(c)));
    }
    if let Some(c) = s.bg {
        parts.push(format!("bg: \"{}\"", colour_name(c)));
    }
    for (m, name) in [
        (Modifier::BOLD, "bold"),
        (Modifier::ITALIC, "italic"),
        (Modifier::UNDERLINED, "underline"),
        (Modifier::REVERSED, "reverse"),
        (Modifier::DIM, "dim"),
    ] {
        if s.add_modifier.contains(m) {
            parts.push(format!("{name}: true"));
        }
    }
    format!("({})", parts.join(", "))
}

/// The full commented configuration, every value the built-in one: copying it changes
/// nothing, and each line is a place to start.
pub fn example() -> String {
    let mut out = String::from(HEAD);
    let dark = Theme::dark();
    for role in Role::ALL {
        let _ = writeln!(
            out,
            "        {}: {},",
            role.name(),
            style_spec(dark.get(role))
        );
    }
    out.push_str(KEYS_HEAD);
    let order = [
        Mode::Main,
        Mode::Reader,
        Mode::Search,
        Mode::FilterList,
        Mode::FilterDates,
        Mode::Help,
        Mode::Tag,
        Mode::Annotate,
        Mode::LinkTarget,
        Mode::LinkRelation,
        Mode::NotesList,
        Mode::Loading,
    ];
    for mode in order {
        let _ = writeln!(out, "        // {}", mode.title());
        let _ = writeln!(out, "        {}: (", mode.name());
        let mut seen: Vec<Action> = Vec::new();
        for (_, action) in defaults(mode) {
            if seen.contains(action) {
                continue;
            }
            seen.push(*action);
            let keys: Vec<String> = defaults(mode)
                .iter()
                .filter(|(k, a)| a == action && *k != CTRL_C)
                .map(|(k, _)| format!("{:?}", config_key(*k)))
                .collect();
            if keys.is_empty() {
                continue;
            }
            let line = format!(
                "            {}: [{}],",
                action.name().unwrap_or_default(),
                keys.join(", ")
            );
            let _ = writeln!(out, "{line:<60}// {}", action.help_in(mode));
        }
        out.push_str("        ),\n");
    }
    out.push_str(TAIL);
    out
}

const HEAD: &str = r##"// casefile's configuration. Save it as ~/.config/casefile/config.ron (the user's config
// folder; CASEFILE_CONFIG=FILE reads another) and keep only what you change: every key is
// optional, and a key left out keeps the value shown here, which is the built-in one.
// A mistake is reported with its file:line:column when casefile starts (and by
// `casefile config`); that setting keeps its default and casefile opens all the same.
(
    // Colours: "dark" (for a dark terminal), "light" (for a white one) or "mono" (no colour:
    // bold, underline, italic and reverse only). NO_COLOR=1 in the environment means "mono",
    // whatever this says.
    theme: "dark",

    // Any role's style, over the theme's: fg and bg colours (black, red, green, yellow, blue,
    // magenta, cyan, gray, darkgray, lightred, lightgreen, lightyellow, lightblue,
    // lightmagenta, lightcyan, white, reset; "#rrggbb"; or "0".."255"), and bold, italic,
    // underline, reverse, dim: true or false. The values below are the dark theme's.
    colors: (
"##;

const KEYS_HEAD: &str = r#"    ),

    // Keys, mode by mode: an action and the keys that do it. They replace that action's keys
    // in that mode (a key another action had is taken from it: a key bound twice, or an
    // action left with no key, is reported). Keys: "x", "G", "?", "ctrl-d", "alt-x", "enter",
    // "esc", "tab", "shift-tab", "backspace", "delete", "space", "up", "down", "left",
    // "right", "pageup", "pagedown", "home", "end", "f1".."f12"; [] leaves the action without
    // a key. Ctrl-c always quits.
    // In the text fields (search, dates, tag, link, notes) a printable key that is not bound
    // types itself; in the annotation editor every key that is not bound edits.
    keys: (
"#;

const TAIL: &str = r#"    ),

    // How `y` cites what it copies: "plain" (“…” — A to B, channel, date (as quoted by
    // Outlet, “Title”, date, URL)), "markdown" (a block quote, the article linked) or
    // "chicago" (a Chicago-style note).
    citation: "plain",

    // Where `y` copies to: "auto" (the system clipboard; without one, as over SSH or on a
    // headless machine, the terminal's through OSC 52), "system", or "osc52" (tmux passes it
    // on with `set -g set-clipboard on`).
    clipboard: "auto",

    // The command `O` opens a web page with; {url} is replaced (without it the URL goes
    // last). Left out: $BROWSER, else the system's opener (xdg-open, open).
    // browser: "firefox --new-tab {url}",

    // The command `E` edits an article with; {file} and {line} are replaced. Left out:
    // $VISUAL, else $EDITOR, else vi, as `EDITOR +{line} {file}`.
    // editor: "hx {file}:{line}",
)
"#;

#[cfg(test)]
mod tests;
