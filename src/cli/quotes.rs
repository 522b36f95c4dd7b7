//! `casefile quotes`: every quote extracted, with its speaker, date, kind and event — to see
//! what the engine read, article by article.

use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use casefile::Case;
use casefile::extract::{DateBasis, Quote, QuoteKind, SpeakerBasis};
use serde::Serialize;

use super::{open, printable};

/// One quote as `quotes --json` prints it: where it is (byte offsets into the article file,
/// front matter counted), what it says, and what the engine read around it.
#[derive(Serialize)]
struct QuoteRecord<'a> {
    /// The file's path relative to the corpus folder.
    article: &'a str,
    outlet: &'a str,
    /// The quote's number in the case (as `#N` in the text output).
    index: usize,
    /// message | mention | block
    kind: &'static str,
    paragraph: usize,
    /// From the first quoted word to the last (a message joined from several parts spans the
    /// writer's words between them; `parts` has each).
    start: usize,
    end: usize,
    parts: Vec<[usize; 2]>,
    text: String,
    /// Who the engine says spoke: the entity's name, else the words naming them; null when
    /// nothing names a speaker.
    speaker: Option<String>,
    /// named | description | pronoun | inferred | unresolved
    speaker_how: Option<&'static str>,
    recipients: Vec<String>,
    /// As the timeline shows it: `2016-09-20`, `~2016-09-20 23:59`, `2016-10`.
    date: Option<String>,
    /// Where the date came from: a date in the text (sentence | back-reference | paragraph |
    /// context), or, when the text gives none, the article's publication date, named by where
    /// that was read (front-matter | published-line | dateline | url | file-name).
    date_basis: Option<&'static str>,
    channel: Option<&'static str>,
    /// The timeline event the quote belongs to (messages only).
    event: Option<&'a str>,
}

fn kind_label(kind: QuoteKind, json: bool) -> &'static str {
    match (kind, json) {
        (QuoteKind::Message, false) => "msg",
        (QuoteKind::Message, true) => "message",
        (QuoteKind::Mention, false) => "phrase",
        (QuoteKind::Mention, true) => "mention",
        (QuoteKind::Unquoted, _) => "block",
    }
}

fn record<'a>(case: &'a Case, i: usize, q: &Quote) -> QuoteRecord<'a> {
    let a = &case.articles[q.article];
    let (speaker, how) = match &q.speaker {
        None => (None, None),
        Some(s) => match s.entity {
            Some(id) => (
                Some(case.entities.name(id).to_string()),
                Some(match s.basis {
                    SpeakerBasis::Named => "named",
                    SpeakerBasis::Description => "description",
                    SpeakerBasis::Pronoun => "pronoun",
                    SpeakerBasis::Inferred => "inferred",
                }),
            ),
            None => (Some(s.phrase.to_string()), Some("unresolved")),
        },
    };
    QuoteRecord {
        article: &a.id,
        outlet: a.outlet_or_unknown(),
        index: i,
        kind: kind_label(q.kind, true),
        paragraph: q.paragraph,
        start: q.parts.first().map_or(q.outer.start, |r| r.start),
        end: q.parts.last().map_or(q.outer.end, |r| r.end),
        parts: q.parts.iter().map(|r| [r.start, r.end]).collect(),
        text: q.text(a),
        speaker,
        speaker_how: how,
        recipients: q.recipients.iter().map(|p| case.party_name(p)).collect(),
        date: q.date.as_ref().map(|d| d.when.display()),
        date_basis: q
            .date
            .as_ref()
            .map(|d| match (d.basis, a.meta.published_from) {
                (DateBasis::Publication, Some(source)) => source.as_str(),
                (basis, _) => basis.as_str(),
            }),
        channel: q.channel.as_ref().map(|c| c.0.label()),
        event: case.event_of_quote(i).map(|e| e.id.as_str()),
    }
}

pub fn run(root: &Path, article_filter: Option<&str>, json: bool) -> anyhow::Result<ExitCode> {
    let case = open(root)?;
    if json {
        let mut out = std::io::stdout().lock();
        // Exact text: serde escapes control characters, so nothing reaches a terminal raw.
        let records: Vec<QuoteRecord> = case
            .quotes
            .iter()
            .enumerate()
            .filter(|(_, q)| article_filter.is_none_or(|f| case.articles[q.article].id.contains(f)))
            .map(|(i, q)| record(&case, i, q))
            .collect();
        casefile::text::clean::write_json(&mut out, &records)?;
        writeln!(out)?;
        return Ok(ExitCode::SUCCESS);
    }
    // File names, outlets, speakers and quotes come from the files: cleaned on the way out.
    let mut out = super::text_out();
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
        let kind = kind_label(q.kind, false);
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
