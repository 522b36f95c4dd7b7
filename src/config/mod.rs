//! The user's configuration: `config.ron` in the user's config folder
//! (`~/.config/casefile/config.ron` on Linux; `CASEFILE_CONFIG=FILE` reads another), RON like
//! the notes, every key optional.
//!
//! A configuration never stops casefile from opening: reading it gives the settings that could
//! be read and a list of [`ConfigError`]s, each with the `file:line:column` of what was wrong,
//! and whatever was wrong keeps its built-in default. One bad key costs only that key: the
//! file is read section by section (see `parse.rs`), not thrown away at the first error.
//!
//! This module knows the file's shape; the names that only the notebook knows (its modes,
//! actions, colour roles, colours) come back as [`Spanned`] strings for the notebook to check,
//! so that an unknown action is reported at its place in the file too.

mod parse;

use std::fmt;
use std::path::{Path, PathBuf};

use thiserror::Error;

pub use parse::parse;

/// The environment variable naming the configuration file to read instead of the default.
pub const ENV: &str = "CASEFILE_CONFIG";

/// A place in the configuration file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Location {
    pub path: PathBuf,
    /// From 1.
    pub line: usize,
    /// From 1, in characters.
    pub column: usize,
}

impl fmt::Display for Location {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}:{}:{}", self.path.display(), self.line, self.column)
    }
}

/// A value read from the file, with where it was written.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Spanned<T> {
    pub value: T,
    pub at: Location,
}

/// What was wrong with the configuration. The setting concerned keeps its default.
#[derive(Debug, Error, Clone, PartialEq, Eq)]
pub enum ConfigError {
    /// The file exists (or was named by `CASEFILE_CONFIG`) but could not be read.
    #[error("{}: cannot read the configuration: {message}", path.display())]
    Read { path: PathBuf, message: String },
    /// A key or value the configuration does not allow.
    #[error("{at}: {message}")]
    Invalid { at: Location, message: String },
}

impl ConfigError {
    pub fn invalid(at: &Location, message: impl Into<String>) -> ConfigError {
        ConfigError::Invalid {
            at: at.clone(),
            message: message.into(),
        }
    }
}

/// How `y` writes a citation.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum CitationStyle {
    /// `“…” — A to B, channel, date (as quoted by Outlet, “Title”, date, URL)`.
    #[default]
    Plain,
    /// A block quote with the article linked.
    Markdown,
    /// A Chicago-like note: `“…” A to B, channel, date, quoted in Author, “Title,” Outlet, …`.
    Chicago,
}

impl CitationStyle {
    pub const NAMES: [&str; 3] = ["plain", "markdown", "chicago"];

    pub fn parse(s: &str) -> Option<CitationStyle> {
        match s {
            "plain" => Some(CitationStyle::Plain),
            "markdown" => Some(CitationStyle::Markdown),
            "chicago" => Some(CitationStyle::Chicago),
            _ => None,
        }
    }
}

/// Where `y` copies to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum ClipboardChoice {
    /// The system clipboard, else the terminal's (OSC 52).
    #[default]
    Auto,
    /// The system clipboard only.
    System,
    /// The terminal's clipboard only (OSC 52: works over SSH and in tmux with
    /// `set-clipboard on`).
    Osc52,
}

impl ClipboardChoice {
    pub const NAMES: [&str; 3] = ["auto", "system", "osc52"];

    pub fn parse(s: &str) -> Option<ClipboardChoice> {
        match s {
            "auto" => Some(ClipboardChoice::Auto),
            "system" => Some(ClipboardChoice::System),
            "osc52" => Some(ClipboardChoice::Osc52),
            _ => None,
        }
    }
}

/// A key as the configuration writes it: `"x"`, `"G"`, `"ctrl-d"`, `"alt-x"`, `"enter"`,
/// `"shift-tab"`, `"pagedown"`, `"f5"`...
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct KeyChord {
    pub key: KeyName,
    pub ctrl: bool,
    pub alt: bool,
}

/// The keys a chord can be made of (Shift is part of the character, or `BackTab`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum KeyName {
    Char(char),
    Enter,
    Esc,
    Tab,
    BackTab,
    Backspace,
    Delete,
    Insert,
    Up,
    Down,
    Left,
    Right,
    PageUp,
    PageDown,
    Home,
    End,
    F(u8),
}

impl KeyChord {
    /// Reads a key as written in the configuration (case-insensitive names; `-` or `+` after
    /// a modifier: `ctrl-d`, `C-d`, `Ctrl+D` are one key).
    pub fn parse(s: &str) -> Result<KeyChord, String> {
        let mut rest = s;
        let (mut ctrl, mut alt, mut shift) = (false, false, false);
        loop {
            let lower = rest.to_ascii_lowercase();
            let Some((m, tail)) = [
                "ctrl-", "ctrl+", "c-", "alt-", "alt+", "a-", "m-", "shift-", "shift+", "s-",
            ]
            .iter()
            .find(|m| lower.starts_with(**m) && rest.len() > m.len())
            .map(|m| (*m, &rest[m.len()..])) else {
                break;
            };
            match m.as_bytes()[0] {
                b'c' => ctrl = true,
                b'a' | b'm' => alt = true,
                _ => shift = true,
            }
            rest = tail;
        }
        let mut chars = rest.chars();
        let key = match (chars.next(), chars.next()) {
            (Some(c), None) => {
                if shift {
                    let up: Vec<char> = c.to_uppercase().collect();
                    if up.len() != 1 || up[0] == c {
                        return Err(format!(
                            "“{s}”: Shift goes with a letter (or write the character: \"?\")"
                        ));
                    }
                    KeyName::Char(up[0])
                } else if ctrl || alt {
                    KeyName::Char(c.to_ascii_lowercase())
                } else {
                    KeyName::Char(c)
                }
            }
            (None, _) => return Err("an empty key".into()),
            _ => {
                let name = rest.to_ascii_lowercase();
                let key = match name.as_str() {
                    "enter" | "return" => KeyName::Enter,
                    "esc" | "escape" => KeyName::Esc,
                    "tab" if shift => KeyName::BackTab,
                    "tab" => KeyName::Tab,
                    "backtab" => KeyName::BackTab,
                    "backspace" | "bs" => KeyName::Backspace,
                    "delete" | "del" => KeyName::Delete,
                    "insert" | "ins" => KeyName::Insert,
                    "space" => KeyName::Char(' '),
                    "up" | "↑" => KeyName::Up,
                    "down" | "↓" => KeyName::Down,
                    "left" | "←" => KeyName::Left,
                    "right" | "→" => KeyName::Right,
                    "pageup" | "pgup" => KeyName::PageUp,
                    "pagedown" | "pgdn" => KeyName::PageDown,
                    "home" => KeyName::Home,
                    "end" => KeyName::End,
                    f if f.starts_with('f')
                        && f[1..].parse::<u8>().is_ok_and(|n| (1..=24).contains(&n)) =>
                    {
                        KeyName::F(f[1..].parse().unwrap_or(1))
                    }
                    _ => {
                        return Err(format!(
                            "“{s}” is not a key (write \"x\", \"G\", \"ctrl-d\", \"enter\", \"shift-tab\", \"pagedown\", \"f5\"…)"
                        ));
                    }
                };
                if shift && key != KeyName::BackTab {
                    return Err(format!("“{s}”: Shift goes with a letter or Tab"));
                }
                key
            }
        };
        Ok(KeyChord { key, ctrl, alt })
    }
}

impl fmt::Display for KeyChord {
    /// The key as the help and the status bar write it (`Ctrl-d`, `Shift-Tab`, `PgDn`, `↑`).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.ctrl {
            f.write_str("Ctrl-")?;
        }
        if self.alt {
            f.write_str("Alt-")?;
        }
        match self.key {
            KeyName::Char(' ') => f.write_str("Space"),
            KeyName::Char(c) => write!(f, "{c}"),
            KeyName::Enter => f.write_str("Enter"),
            KeyName::Esc => f.write_str("Esc"),
            KeyName::Tab => f.write_str("Tab"),
            KeyName::BackTab => f.write_str("Shift-Tab"),
            KeyName::Backspace => f.write_str("Backspace"),
            KeyName::Delete => f.write_str("Delete"),
            KeyName::Insert => f.write_str("Insert"),
            KeyName::Up => f.write_str("↑"),
            KeyName::Down => f.write_str("↓"),
            KeyName::Left => f.write_str("←"),
            KeyName::Right => f.write_str("→"),
            KeyName::PageUp => f.write_str("PgUp"),
            KeyName::PageDown => f.write_str("PgDn"),
            KeyName::Home => f.write_str("Home"),
            KeyName::End => f.write_str("End"),
            KeyName::F(n) => write!(f, "F{n}"),
        }
    }
}

/// A colour role's style over the theme's: colours as written (the notebook reads them),
/// emphasis as switches.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StyleSpec {
    pub fg: Option<Spanned<String>>,
    pub bg: Option<Spanned<String>>,
    pub bold: Option<bool>,
    pub italic: Option<bool>,
    pub underline: Option<bool>,
    pub reverse: Option<bool>,
    pub dim: Option<bool>,
}

/// The keys of one action in one mode, replacing its default keys there.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Binding {
    pub mode: Spanned<String>,
    pub action: Spanned<String>,
    pub keys: Vec<Spanned<KeyChord>>,
}

/// Everything the configuration can set; what it leaves out is `None` (or empty): the
/// built-in default.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Config {
    /// The file read, when there was one.
    pub path: Option<PathBuf>,
    pub theme: Option<Spanned<String>>,
    /// Colour roles over the theme's, in the file's order.
    pub colors: Vec<(Spanned<String>, StyleSpec)>,
    /// Key bindings, in the file's order.
    pub keys: Vec<Binding>,
    pub citation: CitationStyle,
    pub clipboard: ClipboardChoice,
    /// The command that opens a URL (`{url}` in it is replaced; without, the URL is added).
    pub browser: Option<String>,
    /// The command that edits a file (`{file}`, `{line}`).
    pub editor: Option<String>,
}

/// A configuration as read: the settings, and what was wrong (each problem's setting kept its
/// default).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Loaded {
    pub config: Config,
    pub problems: Vec<ConfigError>,
}

/// The configuration file to read: `CASEFILE_CONFIG` when set, else `config.ron` in the
/// user's config folder. `None` when there is no home to find it in.
pub fn path() -> Option<PathBuf> {
    if let Some(p) = std::env::var_os(ENV).filter(|p| !p.is_empty()) {
        return Some(PathBuf::from(p));
    }
    directories::ProjectDirs::from("", "", "casefile").map(|d| d.config_dir().join("config.ron"))
}

/// Reads the user's configuration (see [`path`]). A missing default file is no problem; a
/// missing file named by `CASEFILE_CONFIG` is one.
pub fn load() -> Loaded {
    match path() {
        Some(p) => load_from(&p, std::env::var_os(ENV).is_some_and(|v| !v.is_empty())),
        None => Loaded::default(),
    }
}

/// Reads the configuration at `path`; `required`: a missing file is reported.
pub fn load_from(path: &Path, required: bool) -> Loaded {
    match std::fs::read_to_string(path) {
        Ok(src) => parse(&src, path),
        Err(e) if e.kind() == std::io::ErrorKind::NotFound && !required => Loaded::default(),
        Err(e) => Loaded {
            config: Config::default(),
            problems: vec![ConfigError::Read {
                path: path.to_path_buf(),
                message: e.to_string(),
            }],
        },
    }
}

#[cfg(test)]
mod tests;
