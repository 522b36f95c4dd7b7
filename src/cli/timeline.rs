//! `casefile timeline`: the events as a table or JSON.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{date_cell, fit, open, printable};

pub fn run(root: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    let mut out = std::io::stdout().lock();
    if json {
        let records = super::json::events(&case);
        serde_json::to_writer_pretty(&mut out, &records)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let undated = case.timeline.undated_start();
    writeln!(
        out,
        "{} — {} articles, {} events ({} undated)",
        case.name(),
        case.articles.len(),
        case.timeline.events.len(),
        case.timeline.events.len() - undated
    )?;
    writeln!(
        out,
        "{:<16} {:<18} {:<40} {:<9} {:>3}  TEXT",
        "ID", "DATE", "FROM -> TO", "VIA", "SRC"
    )?;
    for (i, e) in case.timeline.events.iter().enumerate() {
        if i == undated {
            writeln!(out, "-- undated --")?;
        }
        let to = case.recipient_names(e).join(", ");
        let who = if to.is_empty() {
            case.sender_name(e)
        } else {
            format!("{} -> {to}", case.sender_name(e))
        };
        let via = e.channel.map_or("", |c| c.label());
        writeln!(
            out,
            "{:<16} {} {} {} {:>3}  {}",
            e.id,
            fit(&date_cell(e), 18),
            fit(&printable(&who), 40),
            fit(via, 9),
            e.sources.len(),
            fit(&printable(&e.text), 90).trim_end()
        )?;
    }
    writeln!(
        out,
        "~ approximate   * publication date (no date in the text)"
    )?;
    Ok(ExitCode::SUCCESS)
}
