//! `casefile check`: load the case and report what is in it and what went wrong.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use casefile::Case;
use casefile::corpus::{DateSource, ParagraphKind, Section, Severity};
use casefile::extract::QuoteKind;

use super::{open, printable};

pub fn run(root: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    let mut out = std::io::stdout().lock();
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
    let errors = case
        .issues
        .iter()
        .filter(|i| i.severity == Severity::Error)
        .count();
    let code = if errors > 0 {
        ExitCode::FAILURE
    } else {
        ExitCode::SUCCESS
    };
    if json {
        let issues: Vec<serde_json::Value> = case
            .issues
            .iter()
            .map(|i| {
                serde_json::json!({
                    "path": i.path,
                    "severity": match i.severity {
                        Severity::Warning => "warning",
                        Severity::Error => "error",
                    },
                    "message": i.message,
                })
            })
            .collect();
        let report = serde_json::json!({
            "case": case.name(),
            "root": case.root,
            "corpus": case.corpus_dir,
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
            "warnings": warnings,
            "errors": errors,
            "issues": issues,
        });
        serde_json::to_writer_pretty(&mut out, &report)?;
        writeln!(out)?;
        return Ok(code);
    }
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
    writeln!(out, "warnings:    {warnings}")?;
    writeln!(out, "errors:      {errors}")?;
    Ok(code)
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
