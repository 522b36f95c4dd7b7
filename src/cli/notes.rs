//! `casefile notes` (list the notes) and `casefile note …` (change them from the command
//! line, for scripts; the TUI makes the same changes through the same store).
//!
//! Items are given as `ev-…` (an event id or a unique prefix), `article:<id>`,
//! `entity:<name>`, `passage:<article>:<start>-<end>` or `source:<article>:<start>-<end>`. An
//! item that is gone from the case can still be named by its reference as `casefile notes`
//! prints it, so orphaned notes can be edited and removed.
//!
//! Every change is saved before its line is printed: `saved: …` (or `unchanged: …` when it
//! was already so). Broken note files are reported on stderr as `file:line:column: what was
//! expected`; the other notes are listed, and the exit code is then 1.

use clap_complete::ArgValueCandidates;
use std::io::Write;
use std::path::Path;
use std::process::ExitCode;

use anyhow::{Context, bail};
use casefile::Case;
use casefile::notes::export::{describe, item_label};
use casefile::notes::{
    Backlink, Change, Fit, ItemKind, ItemRef, Link, LockWait, NoteFilter, NotesStore, Place,
    Placements, Relation, Status, locate,
};
use casefile::text::clip;
use clap::Subcommand;

use super::{open, printable};

/// The `casefile note` subcommands.
#[derive(Debug, Subcommand)]
pub enum NoteCommand {
    /// Add tags to an item; each one is saved, and acknowledged, on its own.
    Tag {
        #[arg(help = ITEM_HELP, add = ArgValueCandidates::new(super::complete::event_ids))]
        item: String,
        /// The tags to add (plain words; quote a tag of several words).
        #[arg(required = true, add = ArgValueCandidates::new(super::complete::tags))]
        tags: Vec<String>,
    },
    /// Remove tags from an item.
    Untag {
        #[arg(help = ITEM_HELP, add = ArgValueCandidates::new(super::complete::event_ids))]
        item: String,
        /// The tags to remove.
        #[arg(required = true, add = ArgValueCandidates::new(super::complete::tags))]
        tags: Vec<String>,
    },
    /// Mark an item as important.
    Star {
        #[arg(help = ITEM_HELP, add = ArgValueCandidates::new(super::complete::event_ids))]
        item: String,
    },
    /// Remove the star.
    Unstar {
        #[arg(help = ITEM_HELP, add = ArgValueCandidates::new(super::complete::event_ids))]
        item: String,
    },
    /// Add an annotation (several lines are fine; "-" reads it from standard input).
    Annotate {
        #[arg(help = ITEM_HELP)]
        item: String,
        /// The annotation's text, or "-" to read it from standard input.
        text: String,
    },
    /// Replace the text of an annotation (its id as `casefile notes` shows it).
    Edit {
        #[arg(help = ITEM_HELP)]
        item: String,
        /// The annotation's id as `casefile notes` shows it (a-…).
        id: String,
        /// The new text.
        text: String,
    },
    /// Delete an annotation.
    Unannotate {
        #[arg(help = ITEM_HELP)]
        item: String,
        /// The annotation's id as `casefile notes` shows it (a-…).
        id: String,
    },
    /// Link an item to another: corroborates, contradicts, "responds to", "see also", or your
    /// own word.
    Link {
        #[arg(help = ITEM_HELP)]
        item: String,
        /// The item linked to, named as ITEM is.
        target: String,
        /// corroborates, contradicts, "responds to", "see also", or your own word.
        #[arg(long, default_value = "see also")]
        relation: String,
    },
    /// Remove a link.
    Unlink {
        #[arg(help = ITEM_HELP)]
        item: String,
        /// The item linked to, named as ITEM is.
        target: String,
        /// The link's relation.
        #[arg(long, default_value = "see also")]
        relation: String,
    },
    /// Set the verification status, with the reason and the items that support it.
    Verify {
        #[arg(help = ITEM_HELP)]
        item: String,
        /// The status.
        #[arg(long, value_parser = ["confirmed", "disputed", "unconfirmed", "retracted"])]
        status: String,
        /// Why: what the status rests on.
        #[arg(long, default_value = "")]
        reason: String,
        /// An item that supports the status (named as ITEM is); give it once for each.
        #[arg(long = "source", value_name = "ITEM")]
        sources: Vec<String>,
    },
    /// Remove the verification status.
    Unverify {
        #[arg(help = ITEM_HELP)]
        item: String,
    },
    /// Rename a tag on every item of the case (onto an existing tag: merge the two).
    RenameTag {
        /// The tag as it is now.
        from: String,
        /// Its new name (an existing tag: the two are merged).
        to: String,
    },
}

/// The help of every ITEM argument.
const ITEM_HELP: &str = "The item: an event id (ev-… or a unique prefix), article:<id>, \
    entity:<name>, passage:<article>:<start>-<end> or source:<article>:<start>-<end>";

/// Opens the case and its notes, reporting broken note files on stderr.
fn open_notes(root: &Path) -> anyhow::Result<(Case, NotesStore)> {
    let case = open(root)?;
    let store = NotesStore::for_case(&case).context("reading the notes")?;
    for e in store.errors() {
        super::warn(e);
    }
    Ok((case, store))
}

/// An item of the case, or one that only the notes still know (an orphan).
fn item(spec: &str, case: &Case, store: &NotesStore) -> anyhow::Result<ItemRef> {
    match ItemRef::parse(spec, case) {
        Ok(item) => Ok(item),
        Err(e) => {
            let known = store
                .iter()
                .flat_map(|(_, f)| {
                    let links = f.links.iter().map(|l| &l.to);
                    std::iter::once(&f.item).chain(links)
                })
                .find(|i| i.spec() == spec);
            known.cloned().ok_or_else(|| e.into())
        }
    }
}

pub fn run_change(root: &Path, command: NoteCommand) -> anyhow::Result<ExitCode> {
    let (case, mut store) = open_notes(root)?;
    store.set_lock_wait(lock_wait());
    let it = |spec: &str, store: &NotesStore| item(spec, &case, store);
    let changes: Vec<Change> = match command {
        NoteCommand::Tag { item, tags } => {
            let item = it(&item, &store)?;
            tags.into_iter()
                .map(|tag| Change::AddTag {
                    item: item.clone(),
                    tag,
                })
                .collect()
        }
        NoteCommand::Untag { item, tags } => {
            let item = it(&item, &store)?;
            tags.into_iter()
                .map(|tag| Change::RemoveTag {
                    item: item.clone(),
                    tag,
                })
                .collect()
        }
        NoteCommand::Star { item } => vec![Change::SetStar {
            item: it(&item, &store)?,
            star: true,
        }],
        NoteCommand::Unstar { item } => vec![Change::SetStar {
            item: it(&item, &store)?,
            star: false,
        }],
        NoteCommand::Annotate { item, text } => {
            let text = if text == "-" {
                std::io::read_to_string(std::io::stdin()).context("reading standard input")?
            } else {
                text
            };
            vec![Change::AddAnnotation {
                item: it(&item, &store)?,
                text,
            }]
        }
        NoteCommand::Edit { item, id, text } => vec![Change::EditAnnotation {
            item: it(&item, &store)?,
            id,
            text,
        }],
        NoteCommand::Unannotate { item, id } => vec![Change::RemoveAnnotation {
            item: it(&item, &store)?,
            id,
        }],
        NoteCommand::Link {
            item,
            target,
            relation,
        } => vec![Change::AddLink {
            item: it(&item, &store)?,
            link: Link {
                relation: Relation::parse(&relation),
                to: it(&target, &store)?,
            },
        }],
        NoteCommand::Unlink {
            item,
            target,
            relation,
        } => vec![Change::RemoveLink {
            item: it(&item, &store)?,
            link: Link {
                relation: Relation::parse(&relation),
                to: it(&target, &store)?,
            },
        }],
        NoteCommand::Verify {
            item,
            status,
            reason,
            sources,
        } => {
            let Some(status) = Status::parse(&status) else {
                bail!("unknown status {status}");
            };
            let sources = sources
                .iter()
                .map(|s| it(s, &store))
                .collect::<anyhow::Result<Vec<_>>>()?;
            vec![Change::SetVerification {
                item: it(&item, &store)?,
                status,
                reason,
                sources,
            }]
        }
        NoteCommand::Unverify { item } => vec![Change::RestoreVerification {
            item: it(&item, &store)?,
            verification: None,
        }],
        NoteCommand::RenameTag { from, to } => vec![Change::RenameTag { from, to }],
    };
    // Acknowledgements name the item (a file name, an entity) and the tag: cleaned.
    let mut out = super::text_out();
    for change in changes {
        let applied = store.apply(change)?;
        let word = if applied.changed {
            "saved"
        } else {
            "unchanged"
        };
        match &applied.annotation {
            Some(id) => writeln!(out, "{word}: {} ({id})", applied.description)?,
            None => writeln!(out, "{word}: {}", applied.description)?,
        }
    }
    Ok(ExitCode::SUCCESS)
}

/// `casefile notes`: what to list.
#[derive(Debug, Default)]
pub struct ListOptions {
    pub filter: NoteFilter,
    pub json: bool,
}

pub fn run_list(root: &Path, options: &ListOptions) -> anyhow::Result<ExitCode> {
    let (case, store) = open_notes(root)?;
    let places = Placements::compute(&store, &case);
    let mut notes: Vec<(&str, &casefile::notes::NoteFile)> = store
        .iter()
        .filter(|(_, f)| options.filter.matches(f))
        .collect();
    // Events in timeline order, then articles and what is in them, then people, then orphans.
    notes.sort_by_cached_key(|(key, f)| {
        let rank = match places.get(key) {
            Some(Place::Orphan { .. }) | None => (4, 0),
            Some(p) => match (p.event(), p.article(), f.item.kind()) {
                (Some(e), _, _) => (0, e),
                (None, Some(a), _) => (1, a),
                (_, _, ItemKind::Entity) => (2, 0),
                _ => (3, 0),
            },
        };
        (rank, key.to_string())
    });
    if options.json {
        let mut out = std::io::stdout().lock();
        let records: Vec<serde_json::Value> = notes
            .iter()
            .map(|(key, f)| record(&case, &store, &places, key, f))
            .collect();
        casefile::text::clean::write_json(&mut out, &records)?;
        writeln!(out)?;
    } else {
        // Notes come from teammates through git as much as from this user: cleaned.
        let mut out = super::text_out();
        let orphans = places.orphans().count();
        writeln!(
            out,
            "{} — {} noted items{}{}",
            case.name(),
            notes.len(),
            if options.filter.is_empty() {
                String::new()
            } else {
                format!(" (of {})", store.len())
            },
            if orphans > 0 {
                format!(", {orphans} orphaned")
            } else {
                String::new()
            }
        )?;
        for (key, f) in &notes {
            print_note(&mut out, &case, &store, &places, key, f)?;
        }
    }
    if let Some(summary) = broken_summary(&store) {
        super::warn(summary);
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

/// What to do about the note files that could not be read: fix them, or (for files of a
/// newer notes format) upgrade casefile. None when every file was read.
pub fn broken_summary(store: &NotesStore) -> Option<String> {
    let (newer, broken): (Vec<_>, Vec<_>) = store.errors().partition(|e| e.newer_format.is_some());
    let mut parts = Vec::new();
    if !broken.is_empty() {
        parts.push(format!(
            "{} note file(s) could not be read; fix them and run again",
            broken.len()
        ));
    }
    if !newer.is_empty() {
        parts.push(format!(
            "{} note file(s) were written by a newer casefile; upgrade casefile to read them",
            newer.len()
        ));
    }
    (!parts.is_empty()).then(|| parts.join("; "))
}

fn print_note(
    out: &mut impl Write,
    case: &Case,
    store: &NotesStore,
    places: &Placements,
    key: &str,
    f: &casefile::notes::NoteFile,
) -> anyhow::Result<()> {
    let place = places.get(key);
    let orphan = place.is_some_and(|p| p.is_orphan());
    let mut head = format!("{}{}", if orphan { "ORPHAN " } else { "" }, f.item.spec());
    if f.star {
        head.push_str("  ★");
    }
    if let Some(v) = &f.verification {
        head.push_str(&format!("  [{}]", v.status.as_str()));
    }
    writeln!(out, "\n{}", printable(&head))?;
    if let Some(place) = place {
        writeln!(out, "  {}", printable(&describe(case, &f.item, place)))?;
    }
    if let Some(remark) = place.and_then(|p| p.remark()) {
        writeln!(out, "  ({})", printable(&remark))?;
    }
    if let Some(Place::Passage { fit, .. } | Place::Source { fit, .. }) = place
        && matches!(fit, Fit::Fuzzy(_))
        && let Some(words) = f.item.words()
    {
        writeln!(out, "  noted on: “{}”", printable(&clip(words, 16)))?;
    }
    if !f.tags.is_empty() {
        writeln!(out, "  tags: {}", printable(&f.tags.join(", ")))?;
    }
    if let Some(v) = &f.verification {
        let mut line = format!("  {}", v.status.as_str());
        if !v.reason.is_empty() {
            line.push_str(&format!(" — {}", v.reason));
        }
        let support: Vec<String> = v.sources.iter().map(|s| s.spec()).collect();
        if !support.is_empty() {
            line.push_str(&format!(" (supported by {})", support.join(", ")));
        }
        writeln!(out, "{}", printable(&line))?;
    }
    for a in &f.annotations {
        let mut when = a.created.format("%Y-%m-%d %H:%M").to_string();
        if a.updated != a.created {
            when.push_str(&a.updated.format(", edited %Y-%m-%d %H:%M").to_string());
        }
        let text = a.text.replace('\n', "\n      ");
        writeln!(out, "  note {} ({when}): {}", a.id, printable(&text))?;
    }
    for l in &f.links {
        writeln!(
            out,
            "  {} → {}",
            l.relation.label(),
            printable(&format!(
                "{}  {}",
                l.to.spec(),
                describe(case, &l.to, &locate(&l.to, case))
            ))
        )?;
    }
    for b in store.backlinks(&f.item) {
        let what = match &b {
            Backlink::Link { link, .. } => link.relation.label().to_string(),
            Backlink::Supports { status, .. } => {
                format!("cites it as support: {}", status.as_str())
            }
        };
        writeln!(
            out,
            "  ← {} ({})",
            printable(&b.from().spec()),
            printable(&what)
        )?;
    }
    Ok(())
}

fn record(
    case: &Case,
    store: &NotesStore,
    places: &Placements,
    key: &str,
    f: &casefile::notes::NoteFile,
) -> serde_json::Value {
    let place = places.get(key);
    serde_json::json!({
        "file": store.path_of(key).display().to_string(),
        "item": f.item.spec(),
        "kind": f.item.kind().as_str(),
        "label": item_label(case, &f.item),
        "orphan": place.is_some_and(|p| p.is_orphan()),
        "remark": place.and_then(|p| p.remark()),
        "starred": f.star,
        "tags": f.tags,
        "verification": f.verification.as_ref().map(|v| serde_json::json!({
            "status": v.status.as_str(),
            "reason": v.reason,
            "sources": v.sources.iter().map(|s| s.spec()).collect::<Vec<_>>(),
            "updated": v.updated.to_rfc3339(),
        })),
        "annotations": f.annotations.iter().map(|a| serde_json::json!({
            "id": a.id,
            "created": a.created.to_rfc3339(),
            "updated": a.updated.to_rfc3339(),
            "text": a.text,
        })).collect::<Vec<_>>(),
        "links": f.links.iter().map(|l| serde_json::json!({
            "relation": l.relation.label(),
            "to": l.to.spec(),
        })).collect::<Vec<_>>(),
        "backlinks": store.backlinks(&f.item).iter().map(|b| serde_json::json!({
            "from": b.from().spec(),
            "relation": match b {
                Backlink::Link { link, .. } => link.relation.label().to_string(),
                Backlink::Supports { status, .. } => format!("supports: {}", status.as_str()),
            },
        })).collect::<Vec<_>>(),
    })
}

/// The environment variable with the longest wait, in seconds, for another casefile saving
/// to the same notes (30 by default).
pub const LOCK_TIMEOUT_ENV: &str = "CASEFILE_LOCK_TIMEOUT";

/// A change waits for another casefile's lock as long as `CASEFILE_LOCK_TIMEOUT` says (30 s),
/// saying on stderr that it waits: a silent pause would look like a hang.
fn lock_wait() -> LockWait {
    let timeout = std::env::var(LOCK_TIMEOUT_ENV)
        .ok()
        .and_then(|s| s.trim().parse::<f64>().ok())
        .and_then(|s| std::time::Duration::try_from_secs_f64(s).ok())
        .unwrap_or(LockWait::default().timeout);
    LockWait {
        timeout,
        notice: Some(|dir| {
            eprintln!(
                "casefile: waiting for another casefile to finish saving notes (it holds {})…",
                dir.join(casefile::notes::atomic::LOCK_FILE).display()
            )
        }),
    }
}
