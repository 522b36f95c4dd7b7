//! `casefile bench-one` (hidden): the child process `casefile bench` runs once per corpus, so
//! that each corpus gets its own peak-memory figure. Prints one JSON line of figures.

use std::path::Path;
use std::process::ExitCode;
use std::time::Instant;

use anyhow::{Context, bail};
use casefile::Case;
use casefile::bench::{CorpusFigures, Percentiles, folder_bytes, peak_resident_bytes};
use casefile::cache::{CaseCache, Origin};
use casefile::progress::{LoadProgress, LoadStep};
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

use crate::tui::state::{App, Loaded};

/// The screen size the render figure is for.
const SCREEN: Size = Size::new(200, 60);

pub fn run(corpus: &Path, quotes_out: &Path, frames: usize) -> anyhow::Result<ExitCode> {
    let start = Instant::now();
    let progress = LoadProgress::default();
    let case = Case::open_reporting(corpus, CaseCache::from_env().as_ref(), &progress)
        .with_context(|| format!("opening {}", corpus.display()))?;
    let open_ms = ms_since(start);
    if case.origin != Origin::Built {
        bail!("the first open of {} came from a cache", corpus.display());
    }
    // What the TUI does next, before its first frame of the case: the search index and notes.
    progress.begin(LoadStep::IndexingSearch, 0);
    let case = Loaded::new(case).case;
    progress.begin(LoadStep::Done, 0);
    let done = progress.snapshot();
    let steps = LoadStep::LISTED
        .iter()
        .filter_map(|&s| Some((s.label().to_string(), done.took(s)?.as_secs_f64() * 1000.0)))
        .collect();
    let peak_bytes = peak_resident_bytes().unwrap_or(0);
    let corpus_bytes = folder_bytes(&case.corpus_dir)?;
    let texts: Vec<String> = case
        .quotes
        .iter()
        .map(|q| q.text(&case.articles[q.article]))
        .collect();
    casefile::bench::quotes::write_lines(&texts, quotes_out)?;
    let (articles, quotes, events) = (
        case.articles.len(),
        case.quotes.len(),
        case.timeline.events.len(),
    );
    drop((case, texts));

    let start = Instant::now();
    let case = Case::open(corpus).with_context(|| format!("re-opening {}", corpus.display()))?;
    let reopen_ms = ms_since(start);
    let reopen_uncached = (case.origin != Origin::Cached)
        .then(|| case.cache_note.clone().unwrap_or_else(|| "no cache".into()));
    let render = render_frames(case, frames)?;

    let figures = CorpusFigures {
        articles,
        corpus_bytes,
        quotes,
        events,
        open_ms,
        steps,
        peak_bytes,
        reopen_ms,
        reopen_uncached,
        render,
    };
    println!("{}", serde_json::to_string(&figures)?);
    Ok(ExitCode::SUCCESS)
}

/// Times `frames` full frames of the main screen (the terminal cleared before each, so every
/// cell is drawn and flushed to the test backend).
fn render_frames(case: Case, frames: usize) -> anyhow::Result<Percentiles> {
    let mut app = App::new(case.root.display().to_string(), SCREEN);
    app.set_loaded(Ok(Loaded::new(case)));
    let mut terminal = Terminal::new(TestBackend::new(SCREEN.width, SCREEN.height))?;
    let mut times = Vec::with_capacity(frames);
    for _ in 0..frames {
        terminal.clear()?;
        let start = Instant::now();
        terminal.draw(|f| f.render_widget(&app, f.area()))?;
        times.push(start.elapsed());
    }
    Ok(Percentiles::of(&times))
}

fn ms_since(start: Instant) -> f64 {
    start.elapsed().as_secs_f64() * 1000.0
}
