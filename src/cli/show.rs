//! `casefile show ID`: one event, every source, and where the sources' wording differs.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::bail;
use casefile::timeline::SourceKind;

use super::{open, printable};

pub fn run(root: &Path, id: &str, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    let Some(e) = case.timeline.find(id) else {
        let near: Vec<&str> = case
            .timeline
            .events
            .iter()
            .map(|e| e.id.as_str())
            .filter(|eid| eid.starts_with(id) || id.starts_with(&eid[..eid.len().min(8)]))
            .take(5)
            .collect();
        if near.len() == 1 {
            return run(root, near[0], json);
        }
        bail!(
            "no event {id} in this case{}",
            if near.is_empty() {
                String::new()
            } else {
                format!(" (did you mean {}?)", near.join(", "))
            }
        );
    };
    let mut out = std::io::stdout().lock();
    if json {
        serde_json::to_writer_pretty(&mut out, &super::json::event(&case, e))?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
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
