//! `casefile check`: load the case and report what is in it and what went wrong.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use casefile::Case;
use casefile::corpus::path_text;
use casefile::corpus::{DateSource, ParagraphKind, Section, Severity};
use casefile::extract::QuoteKind;
use casefile::notes::{NoteFileError, NotesError, NotesStore};

use super::{open, printable};

pub fn run(root: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    let paragraphs: usize = case.articles.iter().map(|a| a.paragraphs.len()).sum();
    let debris: usize = case
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .filter(|p| p.kind == ParagraphKind::Debris)
        .count();
    let comments = case
        .articles
        .iter()
        .flat_map(|a| &a.paragraphs)
        .filter(|p| p.kind == ParagraphKind::CommentHeader)
        .count();
    let count = |k: QuoteKind| case.quotes.iter().filter(|q| q.kind == k).count();
    let in_comments = case
        .quotes
        .iter()
        .filter(|q| q.section == Section::Comments)
        .count();
    let undated = case.timeline.events.len() - case.timeline.undated_start();
    let dating = publication_dates(&case);
    let warnings = case
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Warning)
        .count();
    let notes = Notes::read(&case);
    let errors = case
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count()
        + notes.problems.len();
    let code = if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if json {
        let mut out = std::io::stdout().lock();
        let mut issues: Vec<serde_json::Value> = case
            .issues
            .iter()
            .map(|i| {
                serde_json::json!({
                    "path": path_text(&i.path),
                    "severity": match i.severity {
                        Severity::Warning => "warning",
                        Severity::Error => "error",
                    },
                    "message": i.message,
                })
            })
            .collect();
        issues.extend(notes.problems.iter().map(|p| {
            serde_json::json!({
                "path": path_text(&p.path),
                "line": p.line,
                "column": p.column,
                "severity": "error",
                "message": p.message,
            })
        }));
        let report = serde_json::json!({
            "case": case.name(),
            "root": path_text(&case.root),
            "corpus": path_text(&case.corpus_dir),
            "articles": case.articles.len(),
            "paragraphs": paragraphs,
            "debris": debris,
            "comments": comments,
            "quotes": {
                "total": case.quotes.len(),
                "messages": count(QuoteKind::Message),
                "unmarked": count(QuoteKind::Unquoted),
                "phrases": count(QuoteKind::Mention),
                "in_comments": in_comments,
            },
            "published": {
                "dated": dating.iter().map(|(_, n)| n).sum::<usize>(),
                "by_source": dating
                    .iter()
                    .map(|(s, n)| (s.as_str().to_string(), serde_json::json!(n)))
                    .collect::<serde_json::Map<_, _>>(),
            },
            "entities": case.entities.entities.len(),
            "events": case.timeline.events.len(),
            "undated": undated,
            "notes": { "files": notes.files, "broken": notes.problems.len() },
            "warnings": warnings,
            "errors": errors,
            "issues": issues,
        });
        casefile::text::clean::write_json(&mut out, &report)?;
        writeln!(out)?;
        return Ok(code);
    }
    let mut out = super::text_out();
    writeln!(
        out,
        "case:        {} ({})",
        case.name(),
        case.root.display()
    )?;
    writeln!(out, "corpus:      {}", case.corpus_dir.display())?;
    writeln!(out, "articles:    {}", case.articles.len())?;
    writeln!(
        out,
        "paragraphs:  {paragraphs} ({debris} page debris, {comments} reader comments)"
    )?;
    writeln!(
        out,
        "quotes:      {} ({} messages, {} unmarked blocks, {} phrases; {in_comments} in comments)",
        case.quotes.len(),
        count(QuoteKind::Message),
        count(QuoteKind::Unquoted),
        count(QuoteKind::Mention)
    )?;
    let dated: usize = dating.iter().map(|(_, n)| n).sum();
    let sources: Vec<String> = dating
        .iter()
        .map(|(s, n)| format!("{n} {}", s.describe()))
        .collect();
    writeln!(
        out,
        "published:   {dated} of {} articles dated{}",
        case.articles.len(),
        if sources.is_empty() {
            String::new()
        } else {
            format!(" ({})", sources.join(", "))
        }
    )?;
    writeln!(out, "entities:    {}", case.entities.entities.len())?;
    writeln!(
        out,
        "events:      {} ({undated} undated)",
        case.timeline.events.len()
    )?;
    web_pages(&mut out, &case)?;
    writeln!(
        out,
        "notes:       {} file(s) in {}{}",
        notes.files,
        notes.dir.display(),
        if notes.problems.is_empty() {
            String::new()
        } else {
            format!(", {} could not be read", notes.problems.len())
        }
    )?;
    writeln!(out, "warnings:    {warnings}")?;
    writeln!(out, "errors:      {errors}")?;
    Ok(code)
}

/// The notes folder as `check` sees it: how many note files loaded, and each one that did not
/// (as `path:line:column: what was expected`, already said on stderr).
struct Notes {
    dir: std::path::PathBuf,
    files: usize,
    problems: Vec<NoteFileError>,
}

impl Notes {
    fn read(case: &Case) -> Notes {
        let dir = casefile::notes::notes_dir(&case.root);
        let (files, problems) = match NotesStore::open(&dir) {
            Ok(store) => (store.len(), store.errors().cloned().collect()),
            // The folder itself cannot be listed (a file named notes, no permission).
            Err(NotesError::Io { path, source }) => (
                0,
                vec![NoteFileError {
                    path,
                    line: None,
                    column: None,
                    message: format!("cannot list the notes folder: {source}"),
                    newer_format: None,
                }],
            ),
            Err(e) => (
                0,
                vec![NoteFileError {
                    path: dir.clone(),
                    line: None,
                    column: None,
                    message: e.to_string(),
                    newer_format: None,
                }],
            ),
        };
        for p in &problems {
            super::warn(format_args!("error: {p} ({})", p.advice()));
        }
        Notes {
            dir,
            files,
            problems,
        }
    }
}

/// How many articles have a publication date, by where it was read (most trusted first).
fn publication_dates(case: &Case) -> Vec<(DateSource, usize)> {
    let mut counts: std::collections::BTreeMap<DateSource, usize> = Default::default();
    for a in &case.articles {
        if a.meta.published.is_some()
            && let Some(source) = a.meta.published_from
        {
            *counts.entry(source).or_default() += 1;
        }
    }
    counts.into_iter().collect()
}

/// Saved web pages in the corpus (`.html`, `.htm`), read through the same extraction as
/// `casefile add`: each with the metadata it gave, so that a wrong outlet or date shows.
fn web_pages(out: &mut impl Write, case: &Case) -> std::io::Result<()> {
    let pages: Vec<_> = case
        .articles
        .iter()
        .filter(|a| casefile::import::is_page_name(&a.id))
        .collect();
    if pages.is_empty() {
        return Ok(());
    }
    writeln!(
        out,
        "web pages:   {} (read as Reader View does)",
        pages.len()
    )?;
    for a in pages {
        let m = &a.meta;
        let published = m.published.map(|w| w.date.to_string());
        let fields = [
            m.outlet.as_deref().unwrap_or("outlet unknown"),
            m.author.as_deref().unwrap_or("author unknown"),
            published.as_deref().unwrap_or("undated"),
            m.url.as_deref().unwrap_or("no URL"),
        ];
        writeln!(
            out,
            "  {}  “{}” — {}",
            printable(&a.id),
            printable(&m.title),
            printable(&fields.join(" · "))
        )?;
    }
    Ok(())
}
