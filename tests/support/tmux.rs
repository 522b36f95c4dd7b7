//! The end-to-end harness: the real binary in a tmux server of its own, driven with keys as a
//! person would, the screen read back with `capture-pane`.

use std::path::PathBuf;
use std::process::{Command, Output};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

pub const TIMEOUT: Duration = Duration::from_secs(20);

pub fn bundled() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// One tmux server with one session running the binary; killed on drop.
pub struct Tmux {
    pub socket: String,
    /// The data folder the binary is given (CASEFILE_DATA_DIR): drafts go there, never to
    /// the user's home.
    pub data: tempfile::TempDir,
}

static NEXT: AtomicUsize = AtomicUsize::new(0);

impl Tmux {
    /// Starts `casefile --case <bundled>` in a `w` x `h` terminal, with `env` set.
    pub fn start(w: u16, h: u16, env: &str) -> Tmux {
        Tmux::start_in(w, h, env, &bundled())
    }

    /// Starts `casefile --case <case>` in a `w` x `h` terminal, with `env` set.
    pub fn start_in(w: u16, h: u16, env: &str, case: &std::path::Path) -> Tmux {
        match Command::new("tmux").arg("-V").output() {
            Ok(o) if o.status.success() => {}
            _ => panic!(
                "tmux is needed for the end-to-end TUI tests and was not found: install it \
                 (apt-get install tmux); CI's .ci/run does"
            ),
        }
        let socket = format!(
            "casefile-test-{}-{}",
            std::process::id(),
            NEXT.fetch_add(1, Ordering::SeqCst)
        );
        let t = Tmux {
            socket,
            data: tempfile::tempdir().expect("a data folder"),
        };
        let bin = env!("CARGO_BIN_EXE_casefile");
        let script = format!(
            "CASEFILE_DATA_DIR='{}' {env} '{bin}' --case '{}'; echo EXITED $?; \
             stty -a | tr ' ;' '\\n\\n' | grep -x -e icanon -e -icanon -e echo -e -echo | \
             tr '\\n' ' '; echo; sleep 60",
            t.data.path().display(),
            case.display()
        );
        let (w, h) = (w.to_string(), h.to_string());
        t.run(&[
            "-f",
            "/dev/null",
            "new-session",
            "-d",
            "-s",
            "main",
            "-x",
            &w,
            "-y",
            &h,
            "sh",
            "-c",
            &script,
        ]);
        // Keys reach the program at once: no wait to tell Esc from an escape sequence.
        t.run(&["set-option", "-s", "escape-time", "0"]);
        t
    }

    pub fn run(&self, args: &[&str]) -> Output {
        let out = Command::new("tmux")
            .arg("-L")
            .arg(&self.socket)
            .args(args)
            .output()
            .expect("tmux runs");
        assert!(
            out.status.success(),
            "tmux {args:?}: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        out
    }

    pub fn screen(&self) -> String {
        String::from_utf8_lossy(&self.run(&["capture-pane", "-p", "-t", "main"]).stdout).into()
    }

    pub fn display(&self, format: &str) -> String {
        let out = self.run(&["display-message", "-p", "-t", "main", format]);
        String::from_utf8_lossy(&out.stdout).trim().to_string()
    }

    /// Sends tmux key names ("j", "Enter", "Escape", "C-c").
    pub fn keys(&self, keys: &[&str]) {
        let mut args = vec!["send-keys", "-t", "main"];
        args.extend_from_slice(keys);
        self.run(&args);
    }

    /// Types `text` literally.
    pub fn type_text(&self, text: &str) {
        self.run(&["send-keys", "-t", "main", "-l", text]);
    }

    /// Polls the screen until `ok` holds; fails with the last screen after `TIMEOUT`.
    pub fn wait_for(&self, what: &str, ok: impl Fn(&str) -> bool) -> String {
        self.wait_within(TIMEOUT, what, ok)
    }

    /// Polls the screen until `ok` holds; fails with the last screen after `timeout`.
    pub fn wait_within(&self, timeout: Duration, what: &str, ok: impl Fn(&str) -> bool) -> String {
        let start = Instant::now();
        loop {
            let s = self.screen();
            if ok(&s) {
                return s;
            }
            if start.elapsed() > timeout {
                panic!("timed out waiting for {what}; the screen:\n{s}");
            }
            std::thread::sleep(Duration::from_millis(20));
        }
    }

    /// Waits for the case to be on screen.
    pub fn wait_loaded(&self) -> String {
        self.wait_for("the timeline", |s| {
            s.contains("Timeline") && s.contains(" src")
        })
    }

    /// The pid of the binary: the child of the pane's shell.
    pub fn casefile_pid(&self) -> u32 {
        let shell: u32 = self.display("#{pane_pid}").parse().expect("a pid");
        for entry in std::fs::read_dir("/proc").expect("/proc") {
            let Ok(entry) = entry else { continue };
            let Ok(stat) = std::fs::read_to_string(entry.path().join("stat")) else {
                continue;
            };
            // pid (comm) state ppid ...
            let Some(after) = stat.rsplit_once(')').map(|(_, a)| a) else {
                continue;
            };
            let ppid: Option<u32> = after.split_whitespace().nth(1).and_then(|p| p.parse().ok());
            if ppid == Some(shell) && stat.contains("(casefile)") {
                return entry.file_name().to_string_lossy().parse().expect("a pid");
            }
        }
        panic!("no casefile process under the pane's shell {shell}");
    }

    /// After the binary has exited: its status, and the terminal is back to normal (main
    /// screen, cooked mode with echo, cursor shown, no mouse reporting).
    pub fn assert_restored(&self, status: i32) -> String {
        let marker = format!("EXITED {status}");
        let s = self.wait_for(&marker, |s| s.contains(&marker) && s.contains("canon"));
        assert_eq!(
            self.display("#{alternate_on}"),
            "0",
            "left the alternate screen"
        );
        assert_eq!(self.display("#{cursor_flag}"), "1", "the cursor shows");
        assert_eq!(
            self.display("#{mouse_any_flag}"),
            "0",
            "mouse reporting is off"
        );
        let modes = s
            .lines()
            .find(|l| l.contains("canon"))
            .expect("stty output");
        let modes: Vec<&str> = modes.split_whitespace().collect();
        assert!(modes.contains(&"icanon"), "cooked mode: {modes:?}");
        assert!(modes.contains(&"echo"), "echo: {modes:?}");
        s
    }
}

impl Drop for Tmux {
    fn drop(&mut self) {
        let _ = Command::new("tmux")
            .args(["-L", &self.socket, "kill-server"])
            .output();
    }
}

/// The row of the timeline's cursor ("▶" just inside the left border).
pub fn cursor_row(screen: &str) -> Option<usize> {
    screen
        .lines()
        .position(|l| l.starts_with("│▶") || l.starts_with("┃▶"))
}
