//! The `casefile` command: a thin layer over the library. With no subcommand it opens the
//! notebook TUI (or, when stdout is not a terminal, prints the timeline as `timeline` does).

mod cli;
mod tui;

use std::io::IsTerminal;
use std::path::PathBuf;
use std::process::ExitCode;

use clap::{CommandFactory, Parser, Subcommand};
use clap_complete::{ArgValueCandidates, CompleteEnv};

/// Loading allocates millions of small pieces on all cores: mimalloc does it with ~20% less CPU
/// than glibc at 10,000 articles and a lower peak RSS. Built without transparent huge pages,
/// which would inflate a small case's RSS threefold.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

unsafe extern "C" {
    /// mimalloc's own setter (libmimalloc-sys links it; its Rust binding needs a feature).
    fn mi_option_set(option: i32, value: std::ffi::c_long);
}

/// `mi_option_purge_delay` in mimalloc 2's `mi_option_t`.
const MI_OPTION_PURGE_DELAY: i32 = 15;

/// Opening a case frees large passes (the name census, the timeline's matching structures)
/// while the next step allocates; mimalloc returns freed pages to the system after 10 ms by
/// default, so they stayed resident across steps. After 1 ms, the peak RSS of a 10,000-article
/// case is ~6 MB lower, at no measurable cost in time.
fn tune_allocator() {
    // SAFETY: called first thing in `main`, before any other thread exists (the setter is not
    // thread safe); the option only changes when freed memory is given back.
    unsafe { mi_option_set(MI_OPTION_PURGE_DELAY, 1) };
}

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
    /// Build the case from its files, neither reading nor writing the cache (same as
    /// CASEFILE_NO_CACHE=1).
    #[arg(long, global = true)]
    no_cache: bool,
    #[command(subcommand)]
    command: Option<Command>,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// The reconstructed timeline of messages, as a table or JSON.
    Timeline {
        /// Every event as JSON: date, sender, recipients, channel, text and each source.
        #[arg(long)]
        json: bool,
    },
    /// Fuzzy search over every quote in the case, best first.
    Search {
        /// The words to look for (fuzzy: letters in order, not necessarily together).
        query: String,
        /// The hits as JSON, with score, matched characters, article, speaker and event.
        #[arg(long)]
        json: bool,
        /// How many hits at most (1 or more).
        #[arg(long, default_value_t = 20, value_name = "N")]
        limit: usize,
    },
    /// One event with all its sources and their wording differences.
    Show {
        /// The event's id as `timeline` prints it, or a prefix only that event's id starts
        /// with.
        #[arg(add = ArgValueCandidates::new(cli::complete::event_ids))]
        id: String,
        /// The event as JSON (the shape of one event of `timeline --json`).
        #[arg(long)]
        json: bool,
    },
    /// Every extracted quote with its speaker, date, kind and event, article by article.
    Quotes {
        /// Only articles whose id (path) contains this.
        #[arg(long)]
        article: Option<String>,
        /// An array of every quote with its byte offsets, speaker, recipients, date and event.
        #[arg(long)]
        json: bool,
    },
    /// Load the case and report counts, warnings and errors (non-zero exit on errors).
    Check {
        /// The counts and every issue as JSON.
        #[arg(long)]
        json: bool,
    },
    /// Add articles from the web: URLs, saved pages (.html, .htm) or folders of them, into
    /// the case's corpus/ (the current folder's without --case), with their metadata.
    Add(cli::add::AddArgs),
    /// List the notes: items with their tags, star, status, annotations and links. Broken
    /// note files are reported on stderr (exit 1) and the rest is listed.
    Notes {
        /// Only items with this tag.
        #[arg(long, add = ArgValueCandidates::new(cli::complete::tags))]
        tag: Option<String>,
        /// Only starred items.
        #[arg(long)]
        starred: bool,
        /// Only items with this status.
        #[arg(long, value_parser = ["confirmed", "disputed", "unconfirmed", "retracted"])]
        status: Option<String>,
        /// Only notes containing these words.
        #[arg(long)]
        search: Option<String>,
        /// The notes as JSON: item, file, tags, star, status, annotations, links, backlinks.
        #[arg(long)]
        json: bool,
    },
    /// Change the notes from the command line: tag, star, annotate, link, verify…
    Note {
        #[command(subcommand)]
        command: cli::notes::NoteCommand,
    },
    /// Measure loading, memory, re-opening, rendering and per-keystroke search (against fzf
    /// and sk) on the real and generated corpora; prints a table. `scripts/bench` runs it.
    Bench(cli::bench::BenchArgs),
    /// One corpus of `bench`, in its own process (for its peak memory).
    #[command(hide = true)]
    BenchOne {
        /// The case folder to measure.
        #[arg(long)]
        corpus: PathBuf,
        /// Where to write the case's quotes for the search benches.
        #[arg(long)]
        quotes_out: PathBuf,
        /// How many frames to render.
        #[arg(long, default_value_t = 200)]
        frames: usize,
    },
    /// How long a key takes in the notebook on the event with the most sources.
    #[command(hide = true)]
    BenchKeys {
        /// First give that event the sources of every event with the same text.
        #[arg(long)]
        gather: bool,
        /// How many times each key is pressed.
        #[arg(long, default_value_t = 200)]
        rounds: usize,
    },
    /// The annotated timeline as a report: md, json, csv, or timelinejs (Knight Lab).
    Export {
        /// md (a memo with footnotes), json, csv (one row an event) or timelinejs (Knight Lab's
        /// TimelineJS data).
        #[arg(long, default_value = "md", value_parser = ["md", "json", "csv", "timelinejs"])]
        format: String,
        /// Only events with this tag (on the event or one of its sources).
        #[arg(long, add = ArgValueCandidates::new(cli::complete::tags))]
        tag: Option<String>,
        /// Only starred events.
        #[arg(long)]
        starred: bool,
        /// Write to this file (atomically) instead of standard output.
        #[arg(long, value_name = "FILE")]
        output: Option<PathBuf>,
    },
    /// Where the configuration is read from and what is wrong with it (exit 1 when something
    /// is); `--example` prints a full commented one.
    Config {
        /// Print the full commented configuration, every value the built-in one.
        #[arg(long, conflicts_with = "path")]
        example: bool,
        /// Print only the path of the configuration file.
        #[arg(long)]
        path: bool,
    },
    /// The shell script that completes casefile's subcommands, options, event ids and tags:
    /// `source <(casefile completions bash)` in ~/.bashrc (zsh alike; fish: `casefile
    /// completions fish | source`).
    Completions {
        /// The shell to complete in.
        #[arg(value_parser = cli::complete::SHELLS)]
        shell: String,
        /// A classic script: subcommands and options only, nothing run at Tab.
        #[arg(long = "static")]
        static_script: bool,
    },
    /// The man page (roff): `casefile man > ~/.local/share/man/man1/casefile.1`.
    Man,
}

fn main() -> ExitCode {
    tune_allocator();
    // `COMPLETE=bash casefile -- …`: the shell asking for completions (see cli::complete).
    CompleteEnv::with_factory(Args::command)
        .var(cli::complete::VAR)
        .complete();
    let args = Args::parse();
    if args.no_cache {
        // SAFETY: no other thread exists yet; the flag reaches every way of opening the case
        // (the TUI included) through the environment the library reads.
        unsafe { std::env::set_var("CASEFILE_NO_CACHE", "1") };
    }
    let cwd = std::env::current_dir().unwrap_or_else(|_| PathBuf::from("."));
    let root = casefile::case::locate(args.case.as_deref(), &cwd);
    let result = match args.command {
        None if std::io::stdout().is_terminal() => tui::run(&root),
        None => cli::timeline::run(&root, false),
        Some(Command::Timeline { json }) => cli::timeline::run(&root, json),
        Some(Command::Search { query, json, limit }) => {
            cli::search::run(&root, &query, json, limit)
        }
        Some(Command::Show { id, json }) => cli::show::run(&root, &id, json),
        Some(Command::Quotes { article, json }) => {
            cli::quotes::run(&root, article.as_deref(), json)
        }
        Some(Command::Check { json }) => cli::check::run(&root, json),
        // Never into the bundled case by default: a new case starts in the current folder.
        Some(Command::Add(add)) => cli::add::run(args.case.as_deref().unwrap_or(&cwd), &add),
        Some(Command::Notes {
            tag,
            starred,
            status,
            search,
            json,
        }) => {
            let filter = casefile::notes::NoteFilter {
                tag,
                starred,
                status: status.as_deref().and_then(casefile::notes::Status::parse),
                text: search,
            };
            cli::notes::run_list(&root, &cli::notes::ListOptions { filter, json })
        }
        Some(Command::Bench(args)) => cli::bench::run(&args),
        Some(Command::BenchOne {
            corpus,
            quotes_out,
            frames,
        }) => cli::bench_one::run(&corpus, &quotes_out, frames),
        Some(Command::BenchKeys { gather, rounds }) => tui::bench_keys::run(&root, gather, rounds),
        Some(Command::Note { command }) => cli::notes::run_change(&root, command),
        Some(Command::Export {
            format,
            tag,
            starred,
            output,
        }) => {
            let filter = casefile::notes::ExportFilter { tag, starred };
            cli::export::run(&root, &format, filter, output.as_deref())
        }
        Some(Command::Config { example, path }) => cli::config::run(if example {
            cli::config::Show::Example
        } else if path {
            cli::config::Show::Path
        } else {
            cli::config::Show::Check
        }),
        Some(Command::Completions {
            shell,
            static_script,
        }) => cli::complete::completions(Args::command(), &shell, static_script),
        Some(Command::Man) => cli::complete::man(Args::command()),
    };
    match result {
        Ok(code) => code,
        // `casefile timeline | head`: the reader had enough, which is no error.
        Err(e)
            if e.chain().any(|c| {
                let pipe = std::io::ErrorKind::BrokenPipe;
                c.downcast_ref::<std::io::Error>()
                    .is_some_and(|io| io.kind() == pipe)
                    || c.downcast_ref::<serde_json::Error>()
                        .is_some_and(|j| j.io_error_kind() == Some(pipe))
            }) =>
        {
            ExitCode::SUCCESS
        }
        Err(e) => {
            cli::warn(format_args!("casefile: {}", cli::describe_error(&e)));
            ExitCode::from(2)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::Args;
    use clap::CommandFactory;

    /// Every argument and flag of every subcommand, `--json`, QUERY, ID, ITEM and TAGS
    /// included, says what it is in `--help` (and in the man page).
    #[test]
    fn every_argument_has_help() {
        fn walk(cmd: &clap::Command, path: &str, missing: &mut Vec<String>) {
            let path = format!("{path} {}", cmd.get_name());
            for arg in cmd.get_arguments() {
                let id = arg.get_id().as_str();
                if id == "help" || id == "version" {
                    continue;
                }
                if arg.get_help().is_none() && arg.get_long_help().is_none() {
                    missing.push(format!("{path}: {id}"));
                }
            }
            for sub in cmd.get_subcommands() {
                walk(sub, &path, missing);
            }
        }
        let mut missing = Vec::new();
        walk(&Args::command(), "", &mut missing);
        assert!(missing.is_empty(), "arguments without help: {missing:#?}");
    }
}
