//! `casefile add SOURCE... [--from FILE] [--force]`: URLs and saved pages into the case's
//! `corpus/`, one after another, each with a line saying what happened, then a summary.
//!
//! A progress bar (indicatif) runs on stderr when it is a terminal; piped, only the plain
//! lines are printed. Exit 0 when every source was added or already there, 1 when some
//! failed or were not articles, 2 when nothing could be tried (no sources, an unreadable
//! list, a corpus folder that cannot be made).

use std::io::{IsTerminal, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use casefile::import::{self, ImportError, ImportOptions, Importer, Outcome, Source};
use indicatif::{ProgressBar, ProgressStyle};

use super::printable;

#[derive(Debug, clap::Args)]
pub struct AddArgs {
    /// URLs (http:// or https://), saved pages (.html, .htm) or folders of them.
    #[arg(value_name = "SOURCE")]
    pub sources: Vec<String>,
    /// Read more sources from FILE, one URL or path a line (`#` comments); `-` reads them
    /// from standard input.
    #[arg(long, value_name = "FILE")]
    pub from: Option<PathBuf>,
    /// Fetch again what is already in the case (a changed article keeps its earlier text as
    /// NAME-v1.txt) and add pages that do not look like articles.
    #[arg(long)]
    pub force: bool,
}

/// The folder articles go to: `root/corpus/` (made if missing), unless `root` is already a
/// bare folder of articles.
pub fn corpus_dir(root: &Path) -> PathBuf {
    let corpus = root.join("corpus");
    if corpus.is_dir() {
        return corpus;
    }
    let bare = std::fs::read_dir(root).is_ok_and(|entries| {
        entries.flatten().any(|e| {
            let name = e.file_name().to_string_lossy().to_ascii_lowercase();
            name.ends_with(".txt") || name.ends_with(".md")
        })
    });
    if bare { root.to_path_buf() } else { corpus }
}

#[derive(Default)]
struct Tally {
    added: usize,
    versions: usize,
    already: usize,
    not_articles: usize,
    failed: usize,
}

pub fn run(root: &Path, args: &AddArgs) -> anyhow::Result<ExitCode> {
    let sources = if args.from.as_deref() == Some(Path::new("-")) {
        let mut names = args.sources.clone();
        let stdin = std::io::read_to_string(std::io::stdin()).context("reading standard input")?;
        names.extend(
            stdin
                .lines()
                .map(str::trim)
                .filter(|l| !l.is_empty() && !l.starts_with('#'))
                .map(str::to_string),
        );
        import::expand_sources(&names, None)?
    } else {
        import::expand_sources(&args.sources, args.from.as_deref())?
    };
    if sources.is_empty() {
        anyhow::bail!("nothing to add: give URLs, saved pages or folders (or --from FILE)");
    }
    let corpus = corpus_dir(root);
    std::fs::create_dir_all(&corpus)
        .with_context(|| format!("creating the corpus folder {}", corpus.display()))?;
    let options = ImportOptions {
        force: args.force,
        ..ImportOptions::default()
    };
    let mut importer = Importer::new(&corpus, options)
        .with_context(|| format!("reading the corpus {}", corpus.display()))?;
    writeln!(
        super::text_out(),
        "adding {} source{} to {}",
        sources.len(),
        if sources.len() == 1 { "" } else { "s" },
        corpus.display()
    )?;
    let bar = progress_bar(sources.len());
    let mut tally = Tally::default();
    for source in &sources {
        bar.set_message(printable(&source.to_string()).into_owned());
        let outcome = importer.import(source, chrono::Utc::now());
        let line = report(source, &outcome, &corpus, &mut tally);
        // Lines go to stdout (failures to stderr) whether or not the bar is drawn.
        bar.suspend(|| match &outcome {
            Err(_) => super::warn(&line),
            Ok(_) => {
                let _ = writeln!(super::text_out(), "{line}");
            }
        });
        bar.inc(1);
    }
    bar.finish_and_clear();
    let mut out = super::text_out();
    writeln!(out, "{}", summary(&tally))?;
    Ok(if tally.failed + tally.not_articles > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    })
}

fn progress_bar(len: usize) -> ProgressBar {
    if !std::io::stderr().is_terminal() {
        return ProgressBar::hidden();
    }
    let bar = ProgressBar::new(len as u64);
    let style = ProgressStyle::with_template("{spinner} [{bar:30}] {pos}/{len} {wide_msg}")
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .progress_chars("=> ");
    bar.set_style(style);
    bar.enable_steady_tick(std::time::Duration::from_millis(120));
    bar
}

/// One line about one source.
fn report(
    source: &Source,
    outcome: &Result<Outcome, ImportError>,
    corpus: &Path,
    tally: &mut Tally,
) -> String {
    let shown = |p: &Path| {
        let relative = p.strip_prefix(corpus).unwrap_or(p);
        printable(&format!("corpus/{}", relative.display())).into_owned()
    };
    let source = printable(&source.to_string()).into_owned();
    match outcome {
        Ok(Outcome::Added { path, title }) => {
            tally.added += 1;
            format!("added      {}  “{}”", shown(path), printable(title))
        }
        Ok(Outcome::NewVersion {
            path,
            previous,
            title,
        }) => {
            tally.versions += 1;
            format!(
                "changed    {}  “{}” (the earlier text is kept as {})",
                shown(path),
                printable(title),
                shown(previous)
            )
        }
        Ok(Outcome::Duplicate { existing }) => {
            tally.already += 1;
            format!("already    {source}: in the case as {}", shown(existing))
        }
        Ok(Outcome::Unchanged { existing }) => {
            tally.already += 1;
            format!("unchanged  {source}: same text as {}", shown(existing))
        }
        Err(ImportError::NotArticle) => {
            tally.not_articles += 1;
            format!("skipped    {source}: {}", ImportError::NotArticle)
        }
        Err(e) => {
            tally.failed += 1;
            format!("failed     {source}: {e}")
        }
    }
}

fn summary(t: &Tally) -> String {
    let mut parts = vec![format!("{} added", t.added)];
    if t.versions > 0 {
        parts.push(format!("{} changed (new version)", t.versions));
    }
    if t.already > 0 {
        parts.push(format!("{} already in the case", t.already));
    }
    if t.not_articles > 0 {
        parts.push(format!("{} not articles", t.not_articles));
    }
    if t.failed > 0 {
        parts.push(format!("{} failed", t.failed));
    }
    parts.join(", ")
}
