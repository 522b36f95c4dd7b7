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

use std::path::Path;

use anyhow::Context;
use casefile::Case;

/// Opens the case, printing per-file problems to stderr so that they are never silent.
pub fn open(root: &Path) -> anyhow::Result<Case> {
    let case =
        Case::open(root).with_context(|| format!("opening the case at {}", root.display()))?;
    for issue in &case.issues {
        eprintln!("{issue}");
    }
    Ok(case)
}

/// Replaces control characters so that no byte of an article can drive the terminal.
pub fn printable(s: &str) -> String {
    s.chars()
        .map(|c| {
            if c.is_control() && c != '\n' {
                '\u{fffd}'
            } else {
                c
            }
        })
        .collect()
}
