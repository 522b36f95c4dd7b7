//! Shell completions and the man page, from the same clap definition as the parser.
//!
//! `casefile completions SHELL` prints the script that registers casefile's dynamic
//! completion (clap_complete's `COMPLETE=SHELL casefile` protocol): the shell asks casefile
//! itself at each Tab, so event ids (with their date and words) and the case's tags complete
//! too. The case is the one the line names with `--case`, else the one `casefile` would open
//! in the current folder (its cache makes that quick). `--static` prints a classic script instead: subcommands and options only, nothing
//! run at Tab.

use std::ffi::OsStr;
use std::io::Write;
use std::process::ExitCode;

use clap::Command;
use clap_complete::engine::CompletionCandidate;
use clap_complete::env::Shells;

/// The shells `completions` knows.
pub const SHELLS: [&str; 5] = ["bash", "zsh", "fish", "elvish", "powershell"];

/// The environment variable of clap_complete's protocol.
pub const VAR: &str = "COMPLETE";

pub fn completions(mut cmd: Command, shell: &str, static_script: bool) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    let name = cmd.get_name().to_string();
    if static_script {
        let shell: clap_complete::Shell =
            shell.parse().map_err(|e| anyhow::anyhow!("{shell}: {e}"))?;
        // Into memory first: clap_complete panics when it cannot write (`| head`), while a
        // failed write here is the quiet end of a closed pipe (see main).
        let mut script = Vec::new();
        clap_complete::generate(shell, &mut cmd, name, &mut script);
        out.write_all(&script)?;
        return Ok(ExitCode::SUCCESS);
    }
    let shells = Shells::builtins();
    let Some(completer) = shells.completer(shell) else {
        anyhow::bail!(
            "{shell}: not a shell casefile completes ({})",
            SHELLS.join(", ")
        );
    };
    completer.write_registration(VAR, &name, &name, &name, &mut out)?;
    Ok(ExitCode::SUCCESS)
}

pub fn man(cmd: Command) -> anyhow::Result<ExitCode> {
    let mut out = std::io::stdout().lock();
    clap_mangen::Man::new(cmd).render(&mut out)?;
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

/// The case the command being completed names (`--case DIR` on its line), else the one
/// `casefile` would open in the current folder.
fn here() -> std::path::PathBuf {
    let cwd = std::env::current_dir().unwrap_or_else(|_| ".".into());
    let named = case_arg(std::env::args().skip_while(|a| a != "--"));
    casefile::case::locate(named.as_deref().map(std::path::Path::new), &cwd)
}

/// The value of `--case` among the words of a command line.
fn case_arg(words: impl Iterator<Item = String>) -> Option<String> {
    let mut words = words.peekable();
    let mut found = None;
    while let Some(w) = words.next() {
        if let Some(v) = w.strip_prefix("--case=") {
            found = Some(v.to_string());
        } else if w == "--case" {
            found = words.next_if(|v| !v.starts_with('-'));
        }
    }
    found.filter(|v| !v.is_empty())
}

/// Every event id of the case here, with its date and the start of its words as help.
pub fn event_ids() -> Vec<CompletionCandidate> {
    let Ok(case) = casefile::Case::open(&here()) else {
        return Vec::new();
    };
    case.timeline
        .events
        .iter()
        .map(|e| {
            let words: String = e.text.chars().take(40).collect();
            let help = format!("{} {}", e.date_label(), super::printable(&words));
            CompletionCandidate::new(&e.id).help(Some(help.into()))
        })
        .collect()
}

/// Every tag of the case here, with how many items carry it.
pub fn tags() -> Vec<CompletionCandidate> {
    let dir = casefile::notes::notes_dir(&here());
    let Ok(store) = casefile::notes::NotesStore::open(dir) else {
        return Vec::new();
    };
    store
        .tags()
        .into_iter()
        // A tag from a teammate's file with a control character is never handed to the
        // shell (nor could it be typed).
        .filter(|t| !casefile::text::has_unsafe(&t.tag))
        .map(|t| {
            CompletionCandidate::new(OsStr::new(&t.tag))
                .help(Some(format!("{} items", t.count).into()))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_case_named_on_the_line_is_the_one_completed() {
        let words = |s: &str| {
            s.split(' ')
                .map(str::to_string)
                .collect::<Vec<_>>()
                .into_iter()
        };
        assert_eq!(
            super::case_arg(words("casefile --case /c show ev-")),
            Some("/c".into())
        );
        assert_eq!(
            super::case_arg(words("casefile show --case=/d ev-")),
            Some("/d".into())
        );
        assert_eq!(super::case_arg(words("casefile show ev-")), None);
        assert_eq!(super::case_arg(words("casefile --case")), None);
    }
}
