//! `casefile export`: the annotated timeline as Markdown, JSON, CSV or TimelineJS JSON, to
//! standard output or, atomically, to a file.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, anyhow};
use casefile::notes::{ExportFilter, Format, NotesStore, atomic, export};

use super::open;

pub fn run(
    root: &Path,
    format: &str,
    filter: ExportFilter,
    output: Option<&Path>,
) -> anyhow::Result<ExitCode> {
    let format = Format::parse(format)
        .ok_or_else(|| anyhow!("unknown format {format}: md, json, csv or timelinejs"))?;
    let case = open(root)?;
    let store = NotesStore::for_case(&case).context("reading the notes")?;
    for e in store.errors() {
        super::warn(format_args!("{e} (its notes are left out of the export)"));
    }
    let text = export(&case, &store, format, &filter);
    match output {
        Some(path) => atomic::write_atomic(path, text.as_bytes())
            .with_context(|| format!("writing {}", path.display()))?,
        None => std::io::stdout().lock().write_all(text.as_bytes())?,
    }
    Ok(ExitCode::SUCCESS)
}
