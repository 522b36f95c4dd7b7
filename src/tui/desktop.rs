//! The effects that leave the notebook, run by the event loop: copying to the clipboard,
//! opening a URL in the browser, editing an article in the user's editor.
//!
//! - Copying tries the system clipboard (`arboard`; kept open for the whole session, since on
//!   X11 the text lives only as long as its owner) and, when there is none — over SSH, on a
//!   headless machine, in a bare console — falls back to OSC 52, an escape sequence that asks
//!   the terminal itself to take the text (tmux passes it on with `set -g set-clipboard on`).
//!   The status line says which was used.
//! - Opening runs the configured `browser` command, else `$BROWSER`, else the system's opener
//!   (the `open` crate), detached and silent so that nothing scribbles on the screen.
//! - Editing hands the terminal over: the input thread pauses (so that it does not eat the
//!   editor's keys), the terminal is restored, the editor runs, and the notebook's terminal
//!   comes back as it was.

use std::io::{self, Write};
use std::path::Path;
use std::process::{Command, Stdio};

use casefile::config::ClipboardChoice;
use ratatui::DefaultTerminal;
use ratatui::crossterm::cursor::Show;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;
use ratatui::crossterm::terminal::{EnterAlternateScreen, enable_raw_mode};

use super::action::Effect;
use super::input::Input;
use super::settings::Settings;
use super::state::App;

/// Where copied text went.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Via {
    System,
    Osc52,
}

impl Via {
    pub fn describe(self) -> &'static str {
        match self {
            Via::System => "the system clipboard",
            Via::Osc52 => "the terminal's clipboard (OSC 52)",
        }
    }
}

/// The OSC 52 sequence that puts `text` on the terminal's clipboard.
pub fn osc52(text: &str) -> String {
    format!("\x1b]52;c;{}\x07", base64(text.as_bytes()))
}

/// Standard base64 with padding (RFC 4648), all OSC 52 needs.
pub fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk[0],
            *chunk.get(1).unwrap_or(&0),
            *chunk.get(2).unwrap_or(&0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                out.push(ABC[(n >> (18 - 6 * i) & 63) as usize] as char);
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Copies `text` as `choice` says: to the system clipboard through `system`, else (or
/// instead) as OSC 52 written to `terminal`.
pub fn copy(
    choice: ClipboardChoice,
    text: &str,
    system: &mut dyn FnMut(&str) -> Result<(), String>,
    terminal: &mut dyn Write,
) -> Result<Via, String> {
    if choice != ClipboardChoice::Osc52 {
        match system(text) {
            Ok(()) => return Ok(Via::System),
            Err(e) if choice == ClipboardChoice::System => return Err(e),
            Err(_) => {}
        }
    }
    terminal
        .write_all(osc52(text).as_bytes())
        .and_then(|()| terminal.flush())
        .map_err(|e| e.to_string())?;
    Ok(Via::Osc52)
}

/// A command line from a template: split at white space, `{url}`/`{file}`/`{line}` replaced
/// in each word (so a path with spaces stays one argument); `extra` words go last when the
/// template names none of the placeholders.
pub fn command_line(template: &str, values: &[(&str, &str)], extra: &[&str]) -> Vec<String> {
    let mut used = false;
    let mut words: Vec<String> = template
        .split_whitespace()
        .map(|w| {
            let mut w = w.to_string();
            for (k, v) in values {
                let key = format!("{{{k}}}");
                if w.contains(&key) {
                    used = true;
                    w = w.replace(&key, v);
                }
            }
            w
        })
        .collect();
    if !used {
        words.extend(extra.iter().map(|s| s.to_string()));
    }
    words
}

/// The command that opens `url`: the configured one, else `$BROWSER` (its first entry), else
/// none (the system's opener).
pub fn browser_command(
    configured: Option<&str>,
    env: Option<&str>,
    url: &str,
) -> Option<Vec<String>> {
    let template =
        configured.or_else(|| env.and_then(|b| b.split(':').find(|s| !s.trim().is_empty())))?;
    let words = command_line(template, &[("url", url)], &[url]);
    (!words.is_empty()).then_some(words)
}

/// The command that edits `path` at `line`: the configured one, else `$VISUAL`, `$EDITOR` or
/// vi, as `EDITOR +LINE FILE`.
pub fn editor_command(
    configured: Option<&str>,
    visual: Option<&str>,
    editor: Option<&str>,
    path: &Path,
    line: usize,
) -> Vec<String> {
    let file = path.to_string_lossy();
    let line = line.to_string();
    let values = [("file", file.as_ref()), ("line", line.as_str())];
    match configured {
        Some(t) => command_line(t, &values, &[&file]),
        None => {
            let editor = [visual, editor]
                .into_iter()
                .flatten()
                .find(|e| !e.trim().is_empty())
                .unwrap_or("vi");
            command_line(editor, &values, &[&format!("+{line}"), &file])
        }
    }
}

/// The runner, kept by the event loop for the session.
pub struct Desktop {
    /// The system clipboard once opened (`None` until the first copy, or when there is none).
    clipboard: Option<arboard::Clipboard>,
    tried_clipboard: bool,
    choice: ClipboardChoice,
    browser: Option<String>,
    editor: Option<String>,
}

impl Desktop {
    pub fn new(settings: &Settings) -> Desktop {
        Desktop {
            clipboard: None,
            tried_clipboard: false,
            choice: settings.clipboard,
            browser: settings.browser.clone(),
            editor: settings.editor.clone(),
        }
    }

    /// Carries out the copying, opening and editing `update` queued, and says how it went.
    pub fn run(&mut self, app: &mut App, terminal: &mut DefaultTerminal, input: &Input) {
        let queued: Vec<Effect> = std::mem::take(&mut app.effects);
        for effect in queued {
            let message = match effect {
                Effect::Copy { text, what } => self.copy(&text, what),
                Effect::OpenUrl(url) => self.open(&url),
                Effect::Edit { path, line } => self.edit(&path, line, terminal, input),
                other => {
                    app.effects.push(other);
                    continue;
                }
            };
            app.status = Some(message);
        }
    }

    fn copy(&mut self, text: &str, what: &str) -> String {
        if !self.tried_clipboard && self.choice != ClipboardChoice::Osc52 {
            self.tried_clipboard = true;
            self.clipboard = arboard::Clipboard::new().ok();
        }
        let clipboard = &mut self.clipboard;
        let mut system = |t: &str| match clipboard.as_mut() {
            Some(c) => c.set_text(t).map_err(|e| e.to_string()),
            None => Err("no system clipboard (no display)".into()),
        };
        match copy(self.choice, text, &mut system, &mut io::stdout()) {
            Ok(Via::Osc52) if std::env::var_os("TMUX").is_some() => format!(
                "copied {what} to {} (tmux passes it on with set-clipboard on)",
                Via::Osc52.describe()
            ),
            Ok(via) => format!("copied {what} to {}", via.describe()),
            Err(e) => format!("could not copy {what}: {e}"),
        }
    }

    fn open(&self, url: &str) -> String {
        let env = std::env::var("BROWSER").ok();
        match browser_command(self.browser.as_deref(), env.as_deref(), url) {
            Some(words) => match spawn_detached(&words) {
                Ok(()) => format!("opened {url} with {}", words[0]),
                Err(e) => format!("could not open {url} with {}: {e}", words[0]),
            },
            None => match open::that_detached(url) {
                Ok(()) => format!("opened {url}"),
                Err(e) => {
                    format!("could not open {url}: {e} (set $BROWSER or `browser` in the config)")
                }
            },
        }
    }

    fn edit(
        &self,
        path: &Path,
        line: usize,
        terminal: &mut DefaultTerminal,
        input: &Input,
    ) -> String {
        let words = editor_command(
            self.editor.as_deref(),
            std::env::var("VISUAL").ok().as_deref(),
            std::env::var("EDITOR").ok().as_deref(),
            path,
            line,
        );
        let before = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        input.pause();
        let _ = execute!(io::stdout(), DisableMouseCapture, Show);
        ratatui::restore();
        let status = Command::new(&words[0]).args(&words[1..]).status();
        // Back as `ratatui::try_init` left it (its panic hook is still installed).
        let _ = enable_raw_mode();
        let _ = execute!(io::stdout(), EnterAlternateScreen, EnableMouseCapture);
        let _ = terminal.clear();
        input.resume();
        let after = std::fs::metadata(path).and_then(|m| m.modified()).ok();
        let name = path
            .file_name()
            .map_or_else(String::new, |n| n.to_string_lossy().into_owned());
        match status {
            Ok(s) if !s.success() => format!("{} exited with {s} on {name}", words[0]),
            Ok(_) if before != after => {
                format!("{name} changed: open casefile again to read it anew")
            }
            Ok(_) => format!("back from {} ({name}, line {line})", words[0]),
            Err(e) => format!(
                "could not run {}: {e} (set $EDITOR or `editor` in the config)",
                words[0]
            ),
        }
    }
}

/// Starts `words` with no terminal of its own, and reaps it when it ends.
fn spawn_detached(words: &[String]) -> io::Result<()> {
    let mut child = Command::new(&words[0])
        .args(&words[1..])
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()?;
    std::thread::spawn(move || child.wait());
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn base64_is_rfc_4648() {
        for (plain, encoded) in [
            ("", ""),
            ("f", "Zg=="),
            ("fo", "Zm8="),
            ("foo", "Zm9v"),
            ("foob", "Zm9vYg=="),
            ("fooba", "Zm9vYmE="),
            ("foobar", "Zm9vYmFy"),
        ] {
            assert_eq!(base64(plain.as_bytes()), encoded, "{plain}");
        }
        // UTF-8 of the curly quotes a citation starts with.
        assert_eq!(base64("“Hi”".as_bytes()), "4oCcSGnigJ0=");
    }

    #[test]
    fn without_a_system_clipboard_the_terminal_gets_osc_52() {
        let mut written = Vec::new();
        let mut none = |_: &str| Err("no display".to_string());
        let via = copy(ClipboardChoice::Auto, "“Hi” — A", &mut none, &mut written);
        assert_eq!(via, Ok(Via::Osc52));
        assert_eq!(
            String::from_utf8(written).expect("text"),
            "\x1b]52;c;4oCcSGnigJ0g4oCUIEE=\x07"
        );
    }

    #[test]
    fn the_system_clipboard_comes_first_and_osc52_can_be_chosen() {
        let got = std::cell::RefCell::new(Vec::new());
        let mut written = Vec::new();
        let mut system = |t: &str| {
            got.borrow_mut().push(t.to_string());
            Ok(())
        };
        let via = copy(ClipboardChoice::Auto, "x", &mut system, &mut written);
        assert_eq!(via, Ok(Via::System));
        assert_eq!(*got.borrow(), ["x"]);
        assert!(written.is_empty(), "nothing for the terminal");
        let via = copy(ClipboardChoice::Osc52, "x", &mut system, &mut written);
        assert_eq!(
            got.borrow().len(),
            1,
            "OSC 52 chosen: the system is not asked"
        );
        assert_eq!(via, Ok(Via::Osc52));
        assert_eq!(written, b"\x1b]52;c;eA==\x07");
        let mut none = |_: &str| Err("no display".to_string());
        let mut nothing = Vec::new();
        let via = copy(ClipboardChoice::System, "x", &mut none, &mut nothing);
        assert_eq!(via, Err("no display".into()));
        assert!(nothing.is_empty());
    }

    #[test]
    fn commands_come_from_the_config_then_the_environment() {
        let url = "https://example.org/a b";
        assert_eq!(
            browser_command(Some("firefox --new-tab {url}"), Some("lynx"), url),
            Some(vec!["firefox".into(), "--new-tab".into(), url.into()])
        );
        assert_eq!(
            browser_command(None, Some("w3m:lynx"), url),
            Some(vec!["w3m".into(), url.into()])
        );
        assert_eq!(browser_command(None, None, url), None);
        let path = Path::new("/cases/my case/corpus/a.txt");
        assert_eq!(
            editor_command(None, None, Some("nvim"), path, 12),
            ["nvim", "+12", "/cases/my case/corpus/a.txt"]
        );
        assert_eq!(
            editor_command(None, Some("code --wait"), Some("nvim"), path, 3),
            ["code", "--wait", "+3", "/cases/my case/corpus/a.txt"]
        );
        assert_eq!(
            editor_command(Some("hx {file}:{line}"), None, None, path, 7),
            ["hx", "/cases/my case/corpus/a.txt:7"]
        );
        assert_eq!(editor_command(None, None, None, path, 1)[0], "vi");
    }
}
