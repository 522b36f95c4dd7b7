//! `casefile search QUERY`: fuzzy search over every quote, best first.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use casefile::search::QuoteSearch;
use serde::Serialize;

use super::{open, printable};

#[derive(Serialize)]
struct HitRecord {
    score: i64,
    text: String,
    /// Char indices of `text` that matched the query.
    matched: Vec<usize>,
    outlet: Option<String>,
    article: String,
    section: &'static str,
    date: Option<String>,
    speaker: Option<String>,
    event: Option<String>,
    start: usize,
    end: usize,
}

pub fn run(root: &Path, query: &str, json: bool, limit: usize) -> anyhow::Result<ExitCode> {
    if query.trim().is_empty() {
        bail!("the search query is empty");
    }
    if limit == 0 {
        bail!("--limit 0 asks for no quote at all: give 1 or more (the default is 20)");
    }
    let case = open(root)?;
    let search = QuoteSearch::new(&case.articles, &case.quotes);
    let hits = search.search(query, limit);
    let records: Vec<HitRecord> = hits
        .iter()
        .map(|h| {
            let q = &case.quotes[h.quote];
            let a = &case.articles[q.article];
            HitRecord {
                score: h.score,
                text: h.text.clone(),
                matched: h.indices.clone(),
                outlet: a.meta.outlet.clone(),
                article: a.id.clone(),
                section: q.section.as_str(),
                date: q.date.as_ref().map(|d| d.when.display()),
                speaker: q.speaker.as_ref().map(|s| match s.entity {
                    Some(id) => case.entities.name(id).to_string(),
                    None => s.phrase.to_string(),
                }),
                event: case.event_of_quote(h.quote).map(|e| e.id.clone()),
                start: q.outer.start,
                end: q.outer.end,
            }
        })
        .collect();
    if json {
        let mut out = std::io::stdout().lock();
        casefile::text::clean::write_json(&mut out, &records)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Outlets, file names, speakers and quotes come from the files: cleaned on the way out.
    let mut out = super::text_out();
    if records.is_empty() {
        writeln!(out, "no quote matches “{}”", printable(query))?;
        return Ok(ExitCode::SUCCESS);
    }
    let color = std::io::stdout().is_terminal();
    for (i, r) in records.iter().enumerate() {
        writeln!(
            out,
            "{:>3}. {} · {} · {} · {}{}",
            i + 1,
            r.outlet.as_deref().unwrap_or(&r.article),
            r.date.as_deref().unwrap_or("undated"),
            r.speaker.as_deref().unwrap_or("unknown speaker"),
            r.event.as_deref().unwrap_or("no event"),
            if r.section == "comments" {
                " · comments"
            } else {
                ""
            }
        )?;
        // `printable` replaces character for character, so the matched indices still hold;
        // the highlighting's own escapes are the only ones written raw.
        let line = format!(
            "     {}\n",
            highlight(&printable(&r.text), &r.matched, color)
        );
        out.write_raw(line.as_bytes())?;
    }
    Ok(ExitCode::SUCCESS)
}

/// Matched characters in bold on a terminal, in [brackets] otherwise.
fn highlight(text: &str, matched: &[usize], color: bool) -> String {
    let mut out = String::new();
    for (i, c) in text.chars().enumerate() {
        if matched.binary_search(&i).is_ok() {
            if color {
                out.push_str("\x1b[1;33m");
                out.push(c);
                out.push_str("\x1b[0m");
            } else {
                out.push('[');
                out.push(c);
                out.push(']');
            }
        } else {
            out.push(c);
        }
    }
    out
}
