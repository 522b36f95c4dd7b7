//! `casefile config`: where the configuration is read from, whether it reads (every problem
//! with its `file:line:column`; exit 1 when there is one), and `--example`, the full commented
//! configuration with every built-in value.

use std::io::Write;
use std::process::ExitCode;

use casefile::config;

use crate::tui::settings::{Settings, example, no_color};

/// What `casefile config` prints.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Show {
    /// The path and the problems.
    Check,
    /// The path alone.
    Path,
    /// The commented example.
    Example,
}

pub fn run(show: Show) -> anyhow::Result<ExitCode> {
    // The path and the problems quote the user's files: cleaned on the way out.
    let mut out = crate::cli::text_out();
    if show == Show::Example {
        out.write_all(example().as_bytes())?;
        return Ok(ExitCode::SUCCESS);
    }
    let Some(path) = config::path() else {
        anyhow::bail!(
            "no home folder to find the configuration in (set {})",
            config::ENV
        );
    };
    if show == Show::Path {
        writeln!(out, "{}", path.display())?;
        return Ok(ExitCode::SUCCESS);
    }
    let loaded = config::load();
    let settings = Settings::from_config(&loaded, no_color());
    let state = if loaded.config.path.is_some() {
        "read"
    } else {
        "not there: the built-in settings apply (`casefile config --example` prints them)"
    };
    writeln!(out, "{}: {state}", path.display())?;
    if no_color() {
        writeln!(out, "NO_COLOR is set: no colours (the mono theme)")?;
    }
    for p in &settings.problems {
        crate::cli::warn(p);
    }
    Ok(if settings.problems.is_empty() {
        ExitCode::SUCCESS
    } else {
        ExitCode::from(1)
    })
}
