//! Typing queries one keystroke at a time: into a [`SearchSession`], and into `fzf --filter`
//! and `sk --filter` (a process per keystroke, start-up included) over the same quotes.

use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use super::BenchError;
use super::quotes::keystrokes;
use crate::search::{QuoteSearch, SearchSession};

/// Hits asked for per keystroke: a screenful.
pub const SHOWN_HITS: usize = 20;

/// How long each keystroke took to answer, typing each query into a fresh session.
pub fn time_session(index: &QuoteSearch, queries: &[String]) -> Vec<Duration> {
    let mut times = Vec::new();
    for query in queries {
        let mut session = SearchSession::new();
        for typed in keystrokes(query) {
            let start = Instant::now();
            let hits = session.search(index, typed, SHOWN_HITS);
            times.push(start.elapsed());
            std::hint::black_box(hits);
        }
    }
    times
}

/// Whether `tool` runs here (`tool --version` succeeds).
pub fn installed(tool: &str) -> bool {
    Command::new(tool)
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

/// How long `tool --filter TYPED < lines` took for every keystroke of every query, output
/// discarded.
pub fn time_filter_tool(
    tool: &str,
    lines: &Path,
    queries: &[String],
) -> Result<Vec<Duration>, BenchError> {
    let mut times = Vec::new();
    for query in queries {
        for typed in keystrokes(query) {
            let input = std::fs::File::open(lines).map_err(BenchError::io(lines))?;
            let start = Instant::now();
            Command::new(tool)
                .arg("--filter")
                .arg(typed)
                .stdin(input)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .status()
                .map_err(|source| BenchError::Tool {
                    tool: tool.to_string(),
                    source,
                })?;
            times.push(start.elapsed());
        }
    }
    Ok(times)
}
