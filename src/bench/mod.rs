//! Measuring casefile at scale: corpora generated from the real ones, a quote pool for the
//! search benches, typing queries one keystroke at a time (ours, fzf, skim), and the
//! figures one `casefile bench` child process reports for one corpus.
//!
//! The `casefile bench` command (in the binary) drives these and prints the table.

pub mod generate;
pub mod quotes;
pub mod ranking;
pub mod typing;

use std::path::{Path, PathBuf};
use std::time::Duration;

use serde::{Deserialize, Serialize};

/// Why a bench step could not run.
#[derive(Debug, thiserror::Error)]
pub enum BenchError {
    #[error("{path}: {source}")]
    Io {
        path: PathBuf,
        #[source]
        source: std::io::Error,
    },
    #[error("no paragraphs to generate articles from under {0}")]
    NoParagraphs(PathBuf),
    #[error("running {tool}: {source}")]
    Tool {
        tool: String,
        #[source]
        source: std::io::Error,
    },
}

impl BenchError {
    pub fn io(path: &Path) -> impl FnOnce(std::io::Error) -> BenchError + '_ {
        move |source| BenchError::Io {
            path: path.to_path_buf(),
            source,
        }
    }
}

/// Median and 99th percentile of a set of timings, in milliseconds.
#[derive(Debug, Clone, Copy, Default, PartialEq, Serialize, Deserialize)]
pub struct Percentiles {
    pub median_ms: f64,
    pub p99_ms: f64,
    pub samples: usize,
}

impl Percentiles {
    /// Nearest-rank percentiles; all zero for no samples.
    pub fn of(times: &[Duration]) -> Percentiles {
        if times.is_empty() {
            return Percentiles::default();
        }
        let mut ms: Vec<f64> = times.iter().map(|t| t.as_secs_f64() * 1000.0).collect();
        ms.sort_by(f64::total_cmp);
        let rank = |p: f64| ms[((p * ms.len() as f64).ceil() as usize).clamp(1, ms.len()) - 1];
        Percentiles {
            median_ms: rank(0.5),
            p99_ms: rank(0.99),
            samples: ms.len(),
        }
    }
}

/// What one child process measured for one corpus.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct CorpusFigures {
    pub articles: usize,
    pub corpus_bytes: u64,
    pub quotes: usize,
    pub events: usize,
    /// `Case::open`: load, extract, timeline.
    pub open_ms: f64,
    /// The first open's steps (`LoadStep::label`) and how long each took, in order; steps
    /// that did not run are left out.
    #[serde(default)]
    pub steps: Vec<(String, f64)>,
    /// Peak resident memory (VmHWM) after the first open and its search index (what the TUI
    /// holds), whole process.
    pub peak_bytes: u64,
    /// A second `Case::open` of the unchanged folder.
    pub reopen_ms: f64,
    /// Why the second open did not come from the cache (it should have), if it did not.
    #[serde(default)]
    pub reopen_uncached: Option<String>,
    /// Full frames of the main screen.
    pub render: Percentiles,
}

/// This process's peak resident memory (VmHWM) so far, from /proc/self/status; `None` where
/// there is no /proc.
pub fn peak_resident_bytes() -> Option<u64> {
    let status = std::fs::read_to_string("/proc/self/status").ok()?;
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    let kb: u64 = line.split_whitespace().nth(1)?.parse().ok()?;
    Some(kb * 1024)
}

/// Total size of the files under `dir`.
pub fn folder_bytes(dir: &Path) -> Result<u64, BenchError> {
    let mut total = 0;
    for entry in std::fs::read_dir(dir).map_err(BenchError::io(dir))? {
        let entry = entry.map_err(BenchError::io(dir))?;
        let meta = entry.metadata().map_err(BenchError::io(&entry.path()))?;
        total += if meta.is_dir() {
            folder_bytes(&entry.path())?
        } else {
            meta.len()
        };
    }
    Ok(total)
}

/// A small deterministic generator (splitmix64): the same seed gives the same corpus.
#[derive(Debug, Clone)]
pub struct Rng(u64);

impl Rng {
    pub fn new(seed: u64) -> Rng {
        Rng(seed)
    }

    pub fn next_u64(&mut self) -> u64 {
        self.0 = self.0.wrapping_add(0x9E37_79B9_7F4A_7C15);
        let mut z = self.0;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        z ^ (z >> 31)
    }

    /// A number in `0..n` (`n` > 0).
    pub fn below(&mut self, n: usize) -> usize {
        (self.next_u64() % n as u64) as usize
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn percentiles_are_nearest_rank() {
        let times: Vec<Duration> = (1..=100).map(Duration::from_millis).collect();
        let p = Percentiles::of(&times);
        assert_eq!((p.median_ms, p.p99_ms, p.samples), (50.0, 99.0, 100));
        assert_eq!(Percentiles::of(&[]), Percentiles::default());
    }

    #[test]
    fn peak_memory_is_read_on_linux() {
        if cfg!(target_os = "linux") {
            assert!(peak_resident_bytes().is_some_and(|b| b > 1024 * 1024));
        }
    }
}
