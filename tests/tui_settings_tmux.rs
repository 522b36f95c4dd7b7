//! End to end, in a real terminal (tmux), what issue 14 added: a configuration that binds `x`
//! to quit, `y` copying through OSC 52 into tmux's clipboard on a machine without a display,
//! `O` opening the article's URL with `$BROWSER`, and `E` handing the terminal to `$EDITOR`
//! and taking it back.
//!
//! The harness is `support::tmux`'s, with no display and no user configuration.

mod support;

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use support::tmux::{TIMEOUT, Tmux, bundled};

const URL: &str = "https://www.theatlantic.com/politics/archive/2017/11/the-secret-correspondence-between-donald-trump-jr-and-wikileaks/545738/";

/// `casefile --case CASE` in a 160x45 terminal with `env` set, no display, no user config,
/// and tmux taking OSC 52 into its clipboard.
fn start(env: &str, case: &Path) -> Tmux {
    let env = format!(
        "env -u DISPLAY -u WAYLAND_DISPLAY -u NO_COLOR CASEFILE_CONFIG=/nonexistent/default.ron {env}"
    );
    let t = Tmux::start_in(160, 45, &env, case);
    t.run(&["set-option", "-s", "set-clipboard", "on"]);
    t
}

/// The bundled case with a URL in the Atlantic's front matter, in `dir`.
fn case_with_url(dir: &Path) {
    let corpus = dir.join("corpus");
    std::fs::create_dir_all(&corpus).unwrap();
    for entry in std::fs::read_dir(bundled().join("corpus")).unwrap() {
        let p = entry.unwrap().path();
        let mut text = std::fs::read_to_string(&p).unwrap();
        if p.file_name()
            .unwrap()
            .to_string_lossy()
            .starts_with("atlantic")
        {
            text = text.replacen(
                "published: 2017-11-13\n",
                &format!("published: 2017-11-13\nurl: {URL}\n"),
                1,
            );
        }
        std::fs::write(corpus.join(p.file_name().unwrap()), text).unwrap();
    }
}

/// A script that writes its arguments to `out` and exits.
fn recorder(dir: &Path, name: &str, out: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let path = dir.join(name);
    std::fs::write(
        &path,
        format!("#!/bin/sh\necho \"$@\" > '{}'\n", out.display()),
    )
    .unwrap();
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o755)).unwrap();
    path
}

fn wait_file(path: &Path) -> String {
    let start = Instant::now();
    while start.elapsed() < TIMEOUT {
        if let Ok(s) = std::fs::read_to_string(path)
            && s.ends_with('\n')
        {
            return s;
        }
        std::thread::sleep(Duration::from_millis(20));
    }
    panic!("{} was never written", path.display());
}

#[test]
fn a_configuration_binding_x_to_quit_is_obeyed() {
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("config.ron");
    std::fs::write(&config, "(keys: (timeline: (quit: [\"x\"])))\n").unwrap();
    let t = start(
        &format!("CASEFILE_CONFIG='{}'", config.display()),
        &bundled(),
    );
    t.wait_loaded();
    // Waited for, not read once: a capture can land while tmux is still drawing the frame.
    t.wait_for("the hint showing the bound key", |s| {
        s.lines()
            .rev()
            .find(|l| !l.trim().is_empty())
            .is_some_and(|status| status.contains(" x quit"))
    });
    t.keys(&["q"]);
    t.keys(&["j"]);
    t.wait_for("q ignored, j moved", |s| {
        s.lines().nth(4).is_some_and(|l| l.starts_with("┃▶"))
    });
    t.keys(&["x"]);
    t.wait_for("casefile quit with x", |s| s.contains("EXITED 0"));
}

#[test]
fn y_copies_through_osc_52_without_a_display() {
    let t = start("", &bundled());
    t.wait_loaded();
    t.keys(&["y"]);
    t.wait_for("the status line", |s| {
        s.contains("copied the message to the terminal's clipboard (OSC 52)")
    });
    let buffer = String::from_utf8(t.run(&["show-buffer"]).stdout).unwrap();
    assert!(
        buffer.starts_with("“A PAC run anti-Trump site putintrump.org is about to launch.")
            && buffer.contains("” — WikiLeaks to Donald Trump Jr., direct message, ~2016-09-20 23:59 (as quoted by The Atlantic"),
        "{buffer}"
    );
    t.keys(&["Y"]);
    t.wait_for("the id copied", |s| s.contains("copied the event id"));
    let buffer = String::from_utf8(t.run(&["show-buffer"]).stdout).unwrap();
    assert_eq!(buffer, "ev-723af5ec59");
    t.keys(&["q"]);
    t.wait_for("quit", |s| s.contains("EXITED 0"));
}

#[test]
fn o_opens_the_url_and_e_hands_the_terminal_to_the_editor() {
    let dir = tempfile::tempdir().unwrap();
    let case = dir.path().join("case");
    case_with_url(&case);
    let opened = dir.path().join("opened");
    let edited = dir.path().join("edited");
    let browser = recorder(dir.path(), "browser.sh", &opened);
    let editor = recorder(dir.path(), "editor.sh", &edited);
    let t = start(
        &format!(
            "BROWSER='{}' EDITOR='{}' VISUAL=",
            browser.display(),
            editor.display()
        ),
        &case,
    );
    t.wait_loaded();
    t.keys(&["O"]);
    assert_eq!(wait_file(&opened), format!("{URL}\n"));
    t.wait_for("the status line", |s| {
        s.contains("opened https://www.theatlantic.com")
    });
    // The editor gets the terminal as a shell has it: main screen, cursor shown.
    std::fs::write(
        &editor,
        format!(
            "#!/bin/sh\ntmux -L {} display-message -p -t main '#{{alternate_on}} #{{cursor_flag}}' > '{}.screen'\necho \"$@\" > '{}'\n",
            t.socket,
            edited.display(),
            edited.display()
        ),
    )
    .unwrap();
    t.keys(&["E"]);
    let args = wait_file(&edited);
    let screen = std::fs::read_to_string(format!("{}.screen", edited.display())).unwrap();
    assert_eq!(
        screen, "0 1\n",
        "alternate screen off, cursor on, while editing"
    );
    let file = case.join("corpus/atlantic-2017-11-13.txt");
    assert_eq!(args, format!("+8 {}\n", file.display()));
    let s = t.wait_for("the notebook back", |s| {
        s.contains("back from") && s.contains("▶ Timeline")
    });
    assert!(s.contains("atlantic-2017-11-13.txt, line 8"), "{s}");
    t.keys(&["j"]);
    t.wait_for("keys work again", |s| {
        s.lines().nth(4).is_some_and(|l| l.starts_with("┃▶"))
    });
    t.keys(&["q"]);
    t.wait_for("quit", |s| s.contains("EXITED 0"));
}
