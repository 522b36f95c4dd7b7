//! `casefile bench`: loading, memory, re-opening and rendering per corpus (a child process
//! each), then per-keystroke search latency against fzf and sk, printed as tables.

use std::path::{Path, PathBuf};
use std::process::{Command, ExitCode, Stdio};

use anyhow::{Context, bail};
use casefile::bench::generate::{harvest_paragraphs, write_corpus_sized, write_long_paragraph};
use casefile::bench::quotes::{pick_queries, quote_set, write_lines};
use casefile::bench::ranking::agreement;
use casefile::bench::typing::{SHOWN_HITS, installed, time_filter_tool, time_session};
use casefile::bench::{CorpusFigures, Percentiles};
use casefile::search::QuoteSearch;

/// Options of `casefile bench`.
#[derive(Debug, Clone, clap::Args)]
pub struct BenchArgs {
    /// Corpora: bbc, reuters, bundled, a number of articles to generate, or `long` and a size
    /// (long100k, long1m, long10m): one article that is a single paragraph of that many bytes,
    /// measured beside the same text a paragraph a line.
    /// `10000x5k`: 10,000 generated articles of about 5 KB each (real news page size).
    /// Default: bbc,reuters,10000,10000x5k,50000,50000x5k,long100k,long1m,long10m
    /// (--quick: bbc,reuters,long100k).
    #[arg(long, value_delimiter = ',')]
    sizes: Option<Vec<String>>,
    /// Quote counts for the search benches. Default: 10000,100000,1000000
    /// (--quick: 10000,100000).
    #[arg(long, value_delimiter = ',')]
    quotes: Option<Vec<usize>>,
    /// A short run: fewer queries and frames, smaller defaults.
    #[arg(long)]
    quick: bool,
    /// Only write the generated corpora (the numbers in --sizes) as cases under DIR, kept
    /// there to open with `casefile --case DIR/generated-N`, and measure nothing.
    #[arg(long, value_name = "DIR")]
    generate_into: Option<PathBuf>,
}

/// One corpus to measure.
struct Corpus {
    label: String,
    dir: PathBuf,
    generated: bool,
}

pub fn run(args: &BenchArgs) -> anyhow::Result<ExitCode> {
    let sizes = args.sizes.clone().unwrap_or_else(|| {
        let d: &[&str] = if args.quick {
            &["bbc", "reuters", "long100k"]
        } else {
            &[
                "bbc", "reuters", "10000", "10000x5k", "50000", "50000x5k", "long100k", "long1m",
                "long10m",
            ]
        };
        d.iter().map(|s| s.to_string()).collect()
    });
    let counts = args.quotes.clone().unwrap_or_else(|| {
        if args.quick {
            vec![10_000, 100_000]
        } else {
            vec![10_000, 100_000, 1_000_000]
        }
    });
    if let Some(into) = &args.generate_into {
        return generate_into(&sizes, into);
    }
    let work = tempfile::tempdir().context("creating the bench's temp folder")?;
    print_header();

    println!("\n## Corpora (a child process each; peak memory is its whole VmHWM)\n");
    println!(
        "| {:<28} | {:>8} | {:>8} | {:>7} | {:>10} | {:>12} | {:>10} | {:>16} |",
        "corpus",
        "articles",
        "MB",
        "quotes",
        "open ms",
        "peak/corpus",
        "re-open ms",
        "render ms p50/99"
    );
    println!("|{}|", ["-"; 8].map(|_| "---").join("|"));
    let mut measured = Vec::new();
    let mut real_pool = Vec::new();
    let mut generated_pool = Vec::new();
    // Each long paragraph is measured beside the same text a paragraph a line.
    let sizes: Vec<String> = sizes
        .iter()
        .flat_map(|s| match s.strip_prefix("long") {
            Some(n) => vec![s.clone(), format!("{SPLIT_PREFIX}{n}")],
            None => vec![s.clone()],
        })
        .collect();
    for size in &sizes {
        let corpus = match resolve(size, work.path()) {
            Ok(c) => c,
            Err(e) => {
                println!("| {size:<28} | skipped: {e:#} |");
                continue;
            }
        };
        let quotes_file = work.path().join(format!("quotes-{size}.txt"));
        let frames = if args.quick { 30 } else { 200 };
        let cache = work.path().join(format!("cache-{}", measured.len()));
        let f = measure_in_child(&corpus.dir, &quotes_file, frames, &cache)
            .with_context(|| format!("measuring {}", corpus.label))?;
        println!(
            "| {:<28} | {:>8} | {:>8.1} | {:>7} | {:>10.0} | {:>11.1}x | {:>10} | {:>7.2} / {:>6.2} |",
            corpus.label,
            f.articles,
            f.corpus_bytes as f64 / 1e6,
            f.quotes,
            f.open_ms,
            f.peak_bytes as f64 / f.corpus_bytes.max(1) as f64,
            match &f.reopen_uncached {
                None => format!("{:.0}", f.reopen_ms),
                Some(_) => format!("{:.0}*", f.reopen_ms),
            },
            f.render.median_ms,
            f.render.p99_ms,
        );
        let lines = std::fs::read_to_string(&quotes_file)
            .with_context(|| format!("reading {}", quotes_file.display()))?;
        let pool = if corpus.generated {
            &mut generated_pool
        } else {
            &mut real_pool
        };
        pool.extend(lines.lines().map(str::to_string));
        if let Some(why) = &f.reopen_uncached {
            println!(
                "* {}: the re-open did not use the cache: {why}",
                corpus.label
            );
        }
        measured.push((corpus.label, f));
    }
    per_megabyte(&measured);
    steps_table(&measured);
    if !generated_pool.is_empty() {
        println!(
            "\ngenerated: paragraphs of the real BBC and Reuters articles re-used in new \
             combinations under new file names (deterministic), written to a temp folder."
        );
    }
    let (pool, from) = if generated_pool.is_empty() {
        (real_pool, "the real corpora's quotes")
    } else {
        (generated_pool, "the generated corpora's quotes")
    };
    if pool.is_empty() {
        bail!("no corpus could be measured, so there are no quotes to search");
    }
    search_table(&pool, from, &counts, args.quick, work.path())?;
    Ok(ExitCode::SUCCESS)
}

/// Writes each generated size as a case (`corpus/` inside) under `into`.
fn generate_into(sizes: &[String], into: &Path) -> anyhow::Result<ExitCode> {
    for size in sizes.iter().filter(|s| parse_generated(s).is_some()) {
        let case = into.join(format!("generated-{size}"));
        let target = case.join("corpus");
        // Checked before generating: a rename onto it would fail and leave the new copy
        // inside the case folder.
        if target.exists() {
            bail!(
                "{} already exists: remove it, or generate into another folder",
                target.display()
            );
        }
        let corpus = resolve(size, &case)?;
        if let Err(e) = std::fs::rename(&corpus.dir, &target) {
            let _ = std::fs::remove_dir_all(&corpus.dir);
            return Err(e).with_context(|| {
                format!("moving {} to {}", corpus.dir.display(), target.display())
            });
        }
        println!("{}: {}", corpus.label, case.display());
    }
    Ok(ExitCode::SUCCESS)
}

fn print_header() {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|c| {
            c.lines()
                .find(|l| l.starts_with("model name"))
                .and_then(|l| l.split(':').nth(1))
                .map(|m| m.trim().to_string())
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    println!("# casefile bench {}", env!("CARGO_PKG_VERSION"));
    println!(
        "{} · {cores} cores · {cpu}{}",
        chrono::Utc::now().format("%Y-%m-%d %H:%M UTC"),
        if cfg!(debug_assertions) {
            " · DEBUG BUILD: figures not meaningful"
        } else {
            ""
        }
    );
}

/// The folder for a `--sizes` entry; numbers are generated into `work`.
fn resolve(size: &str, work: &Path) -> anyhow::Result<Corpus> {
    let corpora = casefile::case::bundled_case_dir().join("../shared/corpora");
    let real = |name: &str, label: &str| -> anyhow::Result<Corpus> {
        let dir = corpora.join(name);
        if !dir.is_dir() {
            bail!("{} not found", dir.display());
        }
        Ok(Corpus {
            label: label.into(),
            dir,
            generated: false,
        })
    };
    match size {
        "bbc" => real("bbc-news-2005", "BBC (real)"),
        "reuters" => real("reuters-21578-part", "Reuters (real)"),
        "bundled" => Ok(Corpus {
            label: "bundled case".into(),
            dir: casefile::case::bundled_case_dir(),
            generated: false,
        }),
        long if long.starts_with("long") || long.starts_with(SPLIT_PREFIX) => {
            let one_line = long.starts_with("long");
            let n = long
                .trim_start_matches("long")
                .trim_start_matches(SPLIT_PREFIX);
            let bytes = parse_bytes(n)
                .with_context(|| format!("unknown size {long:?} (long100k, long1m, long10m…)"))?;
            let paragraphs = harvest_paragraphs(&generator_sources(&corpora))?;
            let dir = work.join(long);
            write_long_paragraph(&paragraphs, bytes, bytes as u64, one_line, &dir)?;
            let label = if one_line { LONG_LABEL } else { SPLIT_LABEL };
            Ok(Corpus {
                label: format!("{label} {n}"),
                dir,
                generated: false,
            })
        }
        n => {
            let (count, article_bytes) = parse_generated(n).with_context(|| {
                format!("unknown size {n:?} (bbc, reuters, bundled, a number, 10000x5k or long1m)")
            })?;
            let paragraphs = harvest_paragraphs(&generator_sources(&corpora))?;
            let dir = work.join(format!("generated-{n}"));
            write_corpus_sized(&paragraphs, count, count as u64, article_bytes, &dir)?;
            let size = article_bytes.map_or(String::new(), |b| format!(" × {} KB", b / 1000));
            Ok(Corpus {
                label: format!("generated {count}{size} (re-mixed)"),
                dir,
                generated: true,
            })
        }
    }
}

/// A generated size: "10000" (articles of ~2 KB) or "10000x5k" (articles of ~5 KB).
fn parse_generated(size: &str) -> Option<(usize, Option<usize>)> {
    match size.split_once('x') {
        Some((count, bytes)) => Some((count.parse().ok()?, Some(parse_bytes(bytes)?))),
        None => Some((size.parse().ok()?, None)),
    }
}

/// "100k", "1m", "10m": a byte count.
fn parse_bytes(size: &str) -> Option<usize> {
    let lower = size.to_ascii_lowercase();
    let (digits, unit) = match lower.strip_suffix('k') {
        Some(d) => (d, 1_000),
        None => match lower.strip_suffix('m') {
            Some(d) => (d, 1_000_000),
            None => (lower.as_str(), 1),
        },
    };
    digits
        .parse::<usize>()
        .ok()
        .map(|n| n * unit)
        .filter(|&n| n > 0)
}

/// The real corpora whose paragraphs generated articles re-use (the bundled case's when they
/// are missing).
fn generator_sources(corpora: &Path) -> Vec<PathBuf> {
    let sources = [
        corpora.join("bbc-news-2005"),
        corpora.join("reuters-21578-part"),
    ];
    let sources: Vec<PathBuf> = sources.into_iter().filter(|d| d.is_dir()).collect();
    if sources.is_empty() {
        vec![casefile::case::bundled_case_dir().join("corpus")]
    } else {
        sources
    }
}

/// Runs `casefile bench-one` on `dir` and reads the figures it prints. The child's case cache
/// is `cache`, a folder of this run: the first open is always cold (never the user's cache
/// of an earlier run), the second finds what the first stored, and nothing is left behind.
fn measure_in_child(
    dir: &Path,
    quotes_out: &Path,
    frames: usize,
    cache: &Path,
) -> anyhow::Result<CorpusFigures> {
    let exe = std::env::current_exe().context("finding the casefile executable")?;
    let out = Command::new(exe)
        .env("CASEFILE_CACHE_DIR", cache)
        .env_remove("CASEFILE_NO_CACHE")
        .arg("bench-one")
        .arg("--corpus")
        .arg(dir)
        .arg("--quotes-out")
        .arg(quotes_out)
        .arg("--frames")
        .arg(frames.to_string())
        .stderr(Stdio::inherit())
        .output()
        .context("running casefile bench-one")?;
    if !out.status.success() {
        bail!("casefile bench-one failed ({})", out.status);
    }
    let stdout = String::from_utf8_lossy(&out.stdout);
    let line = stdout.lines().last().unwrap_or_default();
    serde_json::from_str(line).with_context(|| format!("reading the child's figures: {line:?}"))
}

/// Open time per MB of one long paragraph against the same text a paragraph a line: a step
/// that grows with the square of a paragraph's length shows as a ratio well above 1.
fn per_megabyte(measured: &[(String, CorpusFigures)]) {
    let ms_per_mb = |f: &CorpusFigures| f.open_ms / (f.corpus_bytes.max(1) as f64 / 1e6);
    let longs: Vec<_> = measured
        .iter()
        .filter(|(label, _)| label.starts_with(LONG_LABEL))
        .collect();
    if longs.is_empty() {
        return;
    }
    println!("\n## One long paragraph against the same text a paragraph a line: open ms per MB\n");
    println!(
        "| {:<28} | {:>10} | {:>10} | {:>6} |",
        "size", "one line", "paragraphs", "ratio"
    );
    println!("|---|---|---|---|");
    for (label, long) in longs {
        let size = &label[LONG_LABEL.len()..];
        let split = measured
            .iter()
            .find(|(l, _)| l.strip_prefix(SPLIT_LABEL) == Some(size))
            .map(|(_, f)| ms_per_mb(f));
        let (split_cell, ratio) = match split {
            Some(s) => (format!("{s:.0}"), format!("{:.2}x", ms_per_mb(long) / s)),
            None => ("-".into(), "-".into()),
        };
        println!(
            "| {:<28} | {:>10.0} | {:>10} | {:>6} |",
            size.trim(),
            ms_per_mb(long),
            split_cell,
            ratio
        );
    }
}

const LONG_LABEL: &str = "long paragraph";
const SPLIT_LABEL: &str = "same text in lines";
/// The `--sizes` entry of the comparison text: the long one's size after it.
const SPLIT_PREFIX: &str = "lines";

/// The first open of each corpus, step by step, and per 1,000 articles: where the time goes,
/// and whether a step grows faster than the corpus.
fn steps_table(measured: &[(String, CorpusFigures)]) {
    const CELL: usize = 12;
    let Some((_, first)) = measured.iter().find(|(_, f)| !f.steps.is_empty()) else {
        return;
    };
    let labels: Vec<&str> = first.steps.iter().map(|(l, _)| l.as_str()).collect();
    println!("\n## The first open, by step: ms (ms per 1,000 articles)\n");
    println!(
        "| {:<28} | {} |",
        "corpus",
        labels
            .iter()
            .map(|l| format!("{l:>w$}", w = l.len().max(CELL)))
            .collect::<Vec<_>>()
            .join(" | ")
    );
    println!("|{}|", vec!["---"; labels.len() + 1].join("|"));
    for (label, f) in measured {
        let per_k = 1000.0 / f.articles.max(1) as f64;
        let cells: Vec<String> = labels
            .iter()
            .map(|l| {
                let cell = match f.steps.iter().find(|(s, _)| s == l) {
                    Some((_, ms)) => format!("{ms:.0} ({:.0})", ms * per_k),
                    None => "-".to_string(),
                };
                format!("{cell:>w$}", w = l.len().max(CELL))
            })
            .collect();
        println!("| {label:<28} | {} |", cells.join(" | "));
    }
}

/// Types the queries into our search and into fzf/sk at every quote count, and prints a row
/// for each.
fn search_table(
    pool: &[String],
    from: &str,
    counts: &[usize],
    quick: bool,
    work: &Path,
) -> anyhow::Result<()> {
    let queries = if quick {
        pick_queries(pool, 2, 1)
    } else {
        pick_queries(pool, 6, 2)
    };
    let keystrokes: usize = queries.iter().map(|q| q.chars().count()).sum();
    println!("\n## Search: ms per keystroke, {} hits shown\n", SHOWN_HITS);
    println!(
        "Quotes: {from} ({} distinct); past that, copies with the words rotated.",
        pool.len()
    );
    println!(
        "Typed one character at a time ({keystrokes} keystrokes; casefile {TYPINGS} times): {}.",
        queries
            .iter()
            .map(|q| format!("“{q}”"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    println!(
        "fzf/sk: `TOOL --filter QUERY < quotes.txt` per keystroke, process start and reading the file included.\n"
    );
    let tools: Vec<&str> = ["fzf", "sk"].into_iter().filter(|t| installed(t)).collect();
    for t in ["fzf", "sk"] {
        if !tools.contains(&t) {
            println!("{t}: not installed, skipped (scripts/bench installs it).");
        }
    }
    println!(
        "\n| {:>9} | {:>8} | {:>16} | {:>10} | {:>16} | {:>8} | {:>16} | {:>8} |",
        "quotes",
        "copies",
        "casefile p50/99",
        "agreement",
        "fzf p50/99",
        "vs fzf",
        "sk p50/99",
        "vs sk"
    );
    println!("|{}|", ["-"; 8].map(|_| "---").join("|"));
    let mut agreements = Vec::new();
    for &count in counts {
        let (quotes, copies) = quote_set(pool, count);
        let lines = work.join(format!("search-{count}.txt"));
        write_lines(&quotes, &lines)?;
        let index = QuoteSearch::from_texts(quotes);
        std::hint::black_box(index.search("warm up", 1));
        // Typed several times so that p99 is not simply the slowest keystroke.
        let ours: Vec<_> = (0..TYPINGS)
            .flat_map(|_| time_session(&index, &queries))
            .collect();
        let ours = Percentiles::of(&ours);
        // A process per keystroke over a million lines takes seconds: the tools type fewer
        // queries there, and the ratio compares our time on the same ones.
        let external = if count > EXTERNAL_ALL_QUERIES_UP_TO {
            few_queries(&queries)
        } else {
            queries.clone()
        };
        let ours_on_external = Percentiles::of(&time_session(&index, &external));
        // The worst query's share of the exhaustive top, over the whole queries typed.
        let each = queries
            .iter()
            .map(String::as_str)
            .chain(AGREEMENT_QUERIES)
            .map(|q| (q, agreement(&index, q, SHOWN_HITS)))
            .collect::<Vec<_>>();
        agreements.push((count, each.clone()));
        let agreement = each
            .iter()
            .map(|(_, a)| *a)
            .min_by(|a, b| (a.0 * b.1.max(1)).cmp(&(b.0 * a.1.max(1))))
            .unwrap_or((0, 0));
        drop(index);
        let mut row = format!(
            "| {count:>9} | {copies:>8} | {:>7.2} / {:>6.2} | {:>4} of {:>2} |",
            ours.median_ms, ours.p99_ms, agreement.0, agreement.1
        );
        for tool in ["fzf", "sk"] {
            if tools.contains(&tool) {
                let theirs = Percentiles::of(&time_filter_tool(tool, &lines, &external)?);
                row.push_str(&format!(
                    " {:>7.1} / {:>6.1} | {:>7.3}x |",
                    theirs.median_ms,
                    theirs.p99_ms,
                    ours_on_external.median_ms / theirs.median_ms.max(f64::MIN_POSITIVE)
                ));
            } else {
                row.push_str(&format!(" {:>16} | {:>8} |", "-", "-"));
            }
        }
        println!("{row}");
        std::fs::remove_file(&lines).ok();
    }
    println!(
        "\n(agreement: of the top {SHOWN_HITS} for the worst of the whole queries and “prime minister” and “goverment”, how many are in an \
         exhaustive SkimMatcherV2 ranking's top {SHOWN_HITS}. vs: our median / theirs on the same \
         keystrokes; below 1 is faster. Past {} quotes fzf and sk type only {}.)",
        EXTERNAL_ALL_QUERIES_UP_TO,
        few_queries(&queries)
            .iter()
            .map(|q| format!("“{q}”"))
            .collect::<Vec<_>>()
            .join(", ")
    );
    for (count, each) in agreements {
        let each: Vec<String> = each
            .iter()
            .map(|(q, (shared, of))| format!("“{q}” {shared}/{of}"))
            .collect();
        println!(
            "\nAgreement at {count} quotes, query by query: {}.",
            each.join(", ")
        );
    }
    Ok(())
}

/// Broad queries whose ranking the scale issue measured (0 and 1 of 20 shared before the
/// search estimated every survivor), checked beside the typed ones.
const AGREEMENT_QUERIES: [&str; 2] = ["prime minister", "goverment"];

/// How many times casefile types the queries (fzf and sk once: a process each is slow).
const TYPINGS: usize = 3;

/// Quote counts up to which fzf and sk type every query.
const EXTERNAL_ALL_QUERIES_UP_TO: usize = 200_000;

/// The first two queries and the last (a typo'd one).
fn few_queries(queries: &[String]) -> Vec<String> {
    let mut few: Vec<String> = queries.iter().take(2).cloned().collect();
    if queries.len() > 2 {
        few.extend(queries.last().cloned());
    }
    few
}
