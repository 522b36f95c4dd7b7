//! Subcommands of the `casefile` binary. Each opens the case, asks the library, and prints.

pub mod add;
pub mod bench;
pub mod bench_one;
pub mod check;
pub mod complete;
pub mod config;
pub mod export;
pub mod json;
pub mod notes;
pub mod quotes;
pub mod search;
pub mod show;
pub mod timeline;

use std::fmt::Display;
use std::io::Write;
use std::path::Path;

use anyhow::Context;
use casefile::Case;
use casefile::text::CleanWriter;

pub use casefile::text::printable;

/// Opens the case, printing per-file problems to stderr so that they are never silent.
pub fn open(root: &Path) -> anyhow::Result<Case> {
    let case =
        Case::open(root).with_context(|| format!("opening the case at {}", root.display()))?;
    for issue in &case.issues {
        warn(issue);
    }
    Ok(case)
}

/// Standard output for text (never JSON): everything written through it is cleaned by
/// `casefile::text::printable`, so no byte of an article, a file name or a note can drive the
/// terminal, whichever field it came in.
pub fn text_out() -> CleanWriter<std::io::StdoutLock<'static>> {
    CleanWriter::new(std::io::stdout().lock())
}

/// One line on standard error, cleaned like [`text_out`]. A closed stderr is no reason to
/// stop (nor to panic, as `eprintln!` would).
pub fn warn(line: impl Display) {
    let mut err = CleanWriter::new(std::io::stderr().lock());
    let _ = writeln!(err, "{line}");
    let _ = err.flush();
}

/// An error and its causes, each said once: "reading the notes: notes: Not a directory (os
/// error 20)". A cause whose words the message before already holds (an error type that
/// prints its source and also gives it as `source()`) is not repeated.
pub fn describe_error(e: &anyhow::Error) -> String {
    let mut out = String::new();
    let mut previous = String::new();
    for cause in e.chain() {
        let text = cause.to_string();
        if !previous.is_empty() && previous.contains(&text) {
            continue;
        }
        if !out.is_empty() {
            out.push_str(": ");
        }
        out.push_str(&text);
        previous = text;
    }
    out
}

#[cfg(test)]
mod tests {
    #[test]
    fn a_cause_is_said_once() {
        let io = std::io::Error::from_raw_os_error(20);
        let inner = anyhow::Error::new(casefile::notes::NotesError::io("notes", io));
        let e = inner.context("reading the notes");
        let text = super::describe_error(&e);
        assert_eq!(text.matches("os error 20").count(), 1, "{text}");
        assert!(text.starts_with("reading the notes: notes: "), "{text}");
    }
}
