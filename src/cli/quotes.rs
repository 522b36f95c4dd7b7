//! `casefile quotes`: every quote extracted, with its speaker, date, kind and event — to see
//! what the engine read, article by article.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use casefile::extract::QuoteKind;

use super::{open, printable};

pub fn run(root: &Path, article_filter: Option<&str>) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    let mut out = std::io::stdout().lock();
    let mut current = usize::MAX;
    for (i, q) in case.quotes.iter().enumerate() {
        let a = &case.articles[q.article];
        if article_filter.is_some_and(|f| !a.id.contains(f)) {
            continue;
        }
        if q.article != current {
            current = q.article;
            writeln!(out, "== {} ({})", a.id, a.outlet_or_unknown())?;
        }
        let kind = match q.kind {
            QuoteKind::Message => "msg",
            QuoteKind::Mention => "phrase",
            QuoteKind::Unquoted => "block",
        };
        let speaker = q
            .speaker
            .as_ref()
            .map_or("?".to_string(), |s| match s.entity {
                Some(id) => format!("{} ({:?})", case.entities.name(id), s.basis),
                None => format!("“{}” (unresolved)", s.phrase),
            });
        let to: Vec<String> = q.recipients.iter().map(|p| case.party_name(p)).collect();
        let date = q.date.as_ref().map_or("undated".to_string(), |d| {
            format!("{} [{}: {}]", d.when.display(), d.basis.as_str(), d.phrase)
        });
        writeln!(
            out,
            "#{i} {kind} ¶{} {} -> {} · {} · {} · {}",
            q.paragraph,
            printable(&speaker),
            if to.is_empty() {
                "?".to_string()
            } else {
                to.join(", ")
            },
            printable(&date),
            q.channel.as_ref().map_or("-", |c| c.0.label()),
            case.event_of_quote(i).map_or("-", |e| e.id.as_str()),
        )?;
        writeln!(out, "    {}", printable(&q.text(a)))?;
    }
    Ok(ExitCode::SUCCESS)
}
