//! The `casefile` command: a thin layer over the library. With no subcommand it will open the
//! notebook TUI; until that lands it prints the timeline.

mod cli;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

#[derive(Debug, Parser)]
#[command(
    name = "casefile",
    version,
    about = "Who said what to whom, and when: a terminal investigation notebook"
)]
struct Args {
    /// The case folder (with corpus/ and notes/); a bare folder of articles also works.
    /// Default: the current folder if it has a corpus/, else the bundled case.
    #[arg(long, global = true, value_name = "DIR")]
    case: Option<PathBuf>,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The reconstructed timeline of messages, as a table or JSON.
    Timeline {
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over every quote in the case, best first.
    Search {
        query: String,
        #[arg(long)]
        json: bool,
        #[arg(long, default_value_t = 20)]
        limit: usize,
    },
    /// One event with all its sources and their wording differences.
    Show { id: String },
    /// Every extracted quote with its speaker, date, kind and event, article by article.
    Quotes {
        /// Only articles whose id (path) contains this.
        #[arg(long)]
        article: Option<String>,
    },
    /// Load the case and report counts, warnings and errors (non-zero exit on errors).
    Check,
}

fn main() -> ExitCode {
    let args = Args::parse();
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = casefile::case::locate(args.case.as_deref(), &cwd);
    let result = match args.command {
        None => cli::timeline::run(&root, false),
        Some(Command::Timeline { json }) => cli::timeline::run(&root, json),
        Some(Command::Search { query, json, limit }) => {
            cli::search::run(&root, &query, json, limit)
        }
        Some(Command::Show { id }) => cli::show::run(&root, &id),
        Some(Command::Quotes { article }) => cli::quotes::run(&root, article.as_deref()),
        Some(Command::Check) => cli::check::run(&root),
    };
    match result {
        Ok(code) => code,
        Err(e) => {
            eprintln!("casefile: {e:#}");
            ExitCode::from(2)
        }
    }
}
