//! `casefile search QUERY`: fuzzy search over every quote, best first.

use std::io::{IsTerminal, Write};
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use casefile::cache::CaseCache;
use casefile::cache::quotes::QuoteRecord;
use casefile::search::{QuoteSearch, SearchHit};
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
    // An unchanged cached case: its quote index alone, without opening the case.
    let stored = CaseCache::from_env().and_then(|c| c.current_quotes(root));
    let records = match stored.as_ref().map(|s| (s, s.index())) {
        Some((stored, Ok(index))) => {
            for issue in stored.issues(&index) {
                super::warn(issue);
            }
            let search = QuoteSearch::from_texts(index.records.iter().map(|r| r.text.to_string()));
            let hits = search.search(query, limit);
            hits.iter()
                .map(|h| hit_record(&index.records[h.quote], h))
                .collect::<Vec<_>>()
        }
        _ => {
            let case = open(root)?;
            let search = QuoteSearch::new(&case.articles, &case.quotes);
            let hits = search.search(query, limit);
            hits.iter()
                .map(|h| hit_record(&QuoteRecord::of(&case, h.quote), h))
                .collect()
        }
    };
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

fn hit_record(r: &QuoteRecord<'_>, hit: &SearchHit) -> HitRecord {
    HitRecord {
        score: hit.score,
        text: hit.text.clone(),
        matched: hit.indices.clone(),
        outlet: r.outlet.as_deref().map(str::to_string),
        article: r.article.to_string(),
        section: r.section.as_str(),
        date: r.date.as_deref().map(str::to_string),
        speaker: r.speaker.as_deref().map(str::to_string),
        event: r.event.as_deref().map(str::to_string),
        start: r.start,
        end: r.end,
    }
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
