//! Subcommands of the `casefile` binary. Each opens the case, asks the library, and prints.

pub mod bench;
pub mod bench_one;
pub mod check;
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
use casefile::extract::dates::When;
use casefile::timeline::Event;
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

/// Opens the case, printing per-file problems to stderr so that they are never silent.
pub fn open(root: &Path) -> anyhow::Result<Case> {
    let case =
        Case::open(root).with_context(|| format!("opening the case at {}", root.display()))?;
    for issue in &case.issues {
        eprintln!("{issue}");
    }
    Ok(case)
}

/// A date as the table shows it: "~" for approximate, "*" for a publication date.
pub fn date_cell(event: &Event) -> String {
    match &event.when {
        None => "undated".to_string(),
        Some(w) => {
            let mut s = display_when(w);
            if event.date_basis == Some(casefile::extract::DateBasis::Publication) {
                s.push('*');
            }
            s
        }
    }
}

pub fn display_when(w: &When) -> String {
    let mut s = w.date_string();
    if let Some(t) = w.time_string() {
        s.push(' ');
        s.push_str(&t);
    }
    if w.approximate {
        s.insert(0, '~');
    }
    s
}

/// Cuts `s` to `width` terminal columns, with an ellipsis when cut.
pub fn fit(s: &str, width: usize) -> String {
    if s.width() <= width {
        return format!("{s}{}", " ".repeat(width - s.width()));
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > width {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    w += 1;
    out.push_str(&" ".repeat(width.saturating_sub(w)));
    out
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
