//! `casefile show ID`: one event, every source, and where the sources' wording differs.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use casefile::timeline::{Event, SourceKind};

use super::{open, printable};

/// How many candidates an ambiguous prefix lists.
const CANDIDATES: usize = 5;

/// The one event whose id starts with `prefix`; else why not: no event (with the ids that
/// share its first characters, a likely typo), or several (a few of them listed).
fn find_by_prefix<'a>(events: &'a [Event], prefix: &str) -> anyhow::Result<&'a Event> {
    let starting: Vec<&Event> = events.iter().filter(|e| e.id.starts_with(prefix)).collect();
    match starting.as_slice() {
        [one] => Ok(one),
        [] => {
            let near: Vec<&str> = events
                .iter()
                .map(|e| e.id.as_str())
                .filter(|eid| prefix.starts_with(&eid[..eid.len().min(8)]))
                .take(CANDIDATES)
                .collect();
            if near.is_empty() {
                bail!("no event {prefix} in this case (`casefile timeline` lists them)")
            }
            bail!(
                "no event {prefix} in this case (did you mean {}?)",
                near.join(", ")
            )
        }
        many => {
            let listed: Vec<String> = many
                .iter()
                .take(CANDIDATES)
                .map(|e| format!("{} ({})", e.id, e.date_label()))
                .collect();
            let more = many.len().saturating_sub(CANDIDATES);
            bail!(
                "{prefix} is ambiguous: {} events start with it: {}{}; give more of the id",
                many.len(),
                listed.join(", "),
                if more > 0 {
                    format!(" and {more} more")
                } else {
                    String::new()
                }
            )
        }
    }
}

pub fn run(root: &Path, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    let e = match case.timeline.find(id) {
        Some(e) => e,
        None => find_by_prefix(&case.timeline.events, id)?,
    };
    if json {
        let mut out = std::io::stdout().lock();
        casefile::text::clean::write_json(&mut out, &super::json::event(&case, e))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    // Outlets, titles, file names, quotes: all from the files, all cleaned on the way out.
    let mut out = super::text_out();
    writeln!(out, "{}", e.id)?;
    match (&e.when, &e.date_phrase) {
        (Some(w), Some(p)) => writeln!(
            out,
            "Date:    {}  ({}, from “{}”)",
            w.display(),
            e.date_basis.map_or("", |b| b.as_str()),
            printable(p)
        )?,
        _ => writeln!(out, "Date:    undated")?,
    }
    writeln!(out, "From:    {}", printable(&case.sender_name(e)))?;
    let to = case.recipient_names(e);
    writeln!(
        out,
        "To:      {}{}",
        if to.is_empty() {
            "unknown".to_string()
        } else {
            to.join(", ")
        },
        if e.recipients_inferred {
            "  (inferred from their other messages)"
        } else {
            ""
        }
    )?;
    writeln!(
        out,
        "Via:     {}{}",
        e.channel.map_or("unknown", |c| c.as_str()),
        e.channel_basis
            .as_ref()
            .map(|b| format!("  ({b})"))
            .unwrap_or_default()
    )?;
    writeln!(out, "\n  {}\n", printable(&e.text))?;
    if !e.date_versions.is_empty() {
        writeln!(out, "Sources disagree on the date:")?;
        for v in &e.date_versions {
            let who: Vec<String> = v.sources.iter().map(|&i| format!("[{}]", i + 1)).collect();
            writeln!(
                out,
                "  {}  from “{}”  {}",
                v.when.display(),
                printable(&v.phrase),
                who.join(" ")
            )?;
        }
        writeln!(out)?;
    }
    writeln!(out, "Sources ({}):", e.sources.len())?;
    for (i, s) in e.sources.iter().enumerate() {
        let a = &case.articles[s.article];
        let kind = match s.kind {
            SourceKind::Quoted => "",
            SourceKind::Fragment => ", fragment",
            SourceKind::Unquoted => ", without quotation marks",
        };
        writeln!(
            out,
            "[{}] {} — {} ({}{kind}) {}:{}-{}",
            i + 1,
            a.outlet_or_unknown(),
            printable(&a.meta.title),
            s.section.as_str(),
            a.id,
            s.span.start,
            s.span.end
        )?;
        writeln!(out, "    “{}”", printable(&s.text(a)))?;
        if let Some(d) = &s.date {
            writeln!(
                out,
                "    dated {} ({}: “{}”)",
                d.when.display(),
                d.basis.as_str(),
                printable(&d.phrase)
            )?;
        }
        for d in &s.differences {
            let line = match (d.canonical.is_empty(), d.source.is_empty()) {
                (true, _) => format!("adds “{}”", d.source),
                (_, true) => format!("leaves out “{}”", d.canonical),
                _ => format!("has “{}” for “{}”", d.source, d.canonical),
            };
            writeln!(out, "    differs: {}", printable(&line))?;
        }
    }
    Ok(ExitCode::SUCCESS)
}
