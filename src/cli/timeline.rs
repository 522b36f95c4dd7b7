//! `casefile timeline`: the events as a table or JSON.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use super::{open, printable};
use crate::tui::text::pad;

pub fn run(root: &Path, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    if json {
        let mut out = std::io::stdout().lock();
        let records = super::json::events(&case);
        casefile::text::clean::write_json(&mut out, &records)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = super::text_out();
    let undated = case.timeline.undated_start();
    writeln!(
        out,
        "{} — {} articles, {} events ({} undated)",
        case.name(),
        case.articles.len(),
        case.timeline.events.len(),
        case.timeline.events.len() - undated
    )?;
    // Ids that clash on their wording carry a suffix: the column fits the longest.
    let id_width = case
        .timeline
        .events
        .iter()
        .map(|e| e.id.len())
        .max()
        .unwrap_or(0)
        .max(16);
    writeln!(
        out,
        "{:<id_width$} {:<18} {:<40} {:<9} {:>3}  TEXT",
        "ID", "DATE", "FROM -> TO", "VIA", "SRC"
    )?;
    for (i, e) in case.timeline.events.iter().enumerate() {
        if i == undated {
            writeln!(out, "-- undated --")?;
        }
        let who = case.who(e, "->");
        let via = e.channel.map_or("", |c| c.label());
        writeln!(
            out,
            "{:<id_width$} {} {} {} {:>3}  {}",
            printable(&e.id),
            pad(&e.date_cell(), 18),
            pad(&printable(&who), 40),
            pad(via, 9),
            e.sources.len(),
            pad(&printable(&e.text), 90).trim_end()
        )?;
    }
    writeln!(
        out,
        "~ approximate   * publication date (no date in the text)"
    )?;
    Ok(ExitCode::SUCCESS)
}
