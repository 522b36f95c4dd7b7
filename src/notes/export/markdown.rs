//! The report as Markdown a journalist can paste into a memo: one section per event with its
//! date (and what the date rests on), who to whom, the words, the verification status, tags
//! and annotations, and `[^n]` footnotes (outlet, title, date, URL) gathered at the end.
//! Text from articles and notes is escaped so that it never turns into markup.

use std::fmt::Write;

use super::{Citation, NoteEntry, Report, clip, collapse, count, date_note};
use crate::notes::anchor::Fit;
use crate::notes::model::NoteFile;
use crate::notes::place::Place;

pub fn render(r: &Report) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# {}: annotated timeline\n", md(&r.case.name()));
    let mut scope = count(r.events.len(), "event");
    if let Some(t) = &r.filter.tag {
        scope.push_str(&format!(" tagged “{}”", md(t)));
    }
    if r.filter.starred {
        scope.push_str(" (starred only)");
    }
    let _ = writeln!(
        out,
        "{scope}, from {}. `~` marks an approximate date.\n",
        count(r.case.articles.len(), "article")
    );
    for entry in &r.events {
        let e = entry.event;
        let _ = writeln!(
            out,
            "## {} — {}\n",
            md(&e.date_label()),
            md(&r.case.who(e, "→"))
        );
        let marks: Vec<String> = entry.cites.iter().map(|n| format!("[^{n}]")).collect();
        let _ = writeln!(out, "> {} {}\n", md(&e.text), marks.join(" "));
        let _ = writeln!(
            out,
            "- **Date:** {} ({})",
            md(&e.date_label()),
            md(&date_note(e))
        );
        if let Some(c) = e.channel {
            let _ = writeln!(out, "- **Via:** {}", c.as_str());
        }
        for n in &entry.notes {
            match &n.place {
                Place::Event { .. } => note_lines(r, n.file, "", &mut out),
                Place::Source { article, range, .. } => {
                    let a = &r.case.articles[*article];
                    let _ = writeln!(
                        out,
                        "- **On the source in {}** (“{}”):",
                        md(a.outlet_or_unknown()),
                        md(&clip(&a.text[range.clone()], 12))
                    );
                    note_lines(r, n.file, "  ", &mut out);
                }
                _ => {}
            }
        }
        for (from, relation) in &entry.backlinks {
            let _ = writeln!(
                out,
                "- **Linked from:** {} — {}",
                md(&r.item_label(from)),
                md(relation)
            );
        }
        let _ = writeln!(out, "- Event id: `{}`\n", e.id);
    }
    if !r.others.is_empty() {
        let _ = writeln!(out, "## Other notes\n");
        for n in &r.others {
            other(r, n, &mut out);
        }
    }
    if !r.orphans.is_empty() {
        let _ = writeln!(
            out,
            "## Orphaned notes\n\nTheir items are no longer in the case; the notes are kept.\n"
        );
        for n in &r.orphans {
            other(r, n, &mut out);
        }
    }
    if !r.footnotes.is_empty() {
        let _ = writeln!(out, "## Sources\n");
        for (i, &a) in r.footnotes.iter().enumerate() {
            let _ = writeln!(out, "[^{}]: {}", i + 1, md_citation(&r.citation(a)));
        }
    }
    out
}

fn other(r: &Report, n: &NoteEntry, out: &mut String) {
    let cite = n
        .place
        .article()
        .and_then(|a| r.footnote_of(a))
        .map(|k| format!(" [^{k}]"))
        .unwrap_or_default();
    let kind = n.file.item.kind().as_str();
    let _ = writeln!(
        out,
        "### {} {}{cite}\n",
        capitalise(kind),
        md(&r.item_label(&n.file.item))
    );
    if let Some(remark) = n.place.remark() {
        let _ = writeln!(out, "- _{}_", md(&remark));
    }
    if let Place::Passage { fit, .. } | Place::Source { fit, .. } = &n.place
        && matches!(fit, Fit::Fuzzy(_))
        && let Some(words) = n.file.item.words()
    {
        let _ = writeln!(out, "- Noted on: “{}”", md(&collapse(words)));
    }
    note_lines(r, n.file, "", out);
    out.push('\n');
}

/// The notes of one file as list items, indented by `indent`.
fn note_lines(r: &Report, f: &NoteFile, indent: &str, out: &mut String) {
    if let Some(v) = &f.verification {
        let _ = write!(out, "{indent}- **Status:** {}", v.status.as_str());
        if !v.reason.is_empty() {
            let _ = write!(out, " — {}", md_block(&v.reason, indent));
        }
        let support: Vec<String> = v
            .sources
            .iter()
            .map(|s| match r.footnote_of_item(s) {
                Some(n) => format!("{} [^{n}]", md(&r.item_label(s))),
                None => md(&r.item_label(s)),
            })
            .collect();
        if !support.is_empty() {
            let _ = write!(out, ". Supported by: {}", support.join("; "));
        }
        out.push('\n');
    }
    if f.star {
        let _ = writeln!(out, "{indent}- **Starred** as important");
    }
    if !f.tags.is_empty() {
        let tags: Vec<String> = f.tags.iter().map(|t| md(t)).collect();
        let _ = writeln!(out, "{indent}- **Tags:** {}", tags.join(", "));
    }
    for a in &f.annotations {
        let mut when = a.created.format("%Y-%m-%d %H:%M UTC").to_string();
        if a.updated != a.created {
            when.push_str(&a.updated.format(", edited %Y-%m-%d %H:%M UTC").to_string());
        }
        let _ = writeln!(
            out,
            "{indent}- **Note** ({when}): {}",
            md_block(&a.text, indent)
        );
    }
    for l in &f.links {
        let _ = writeln!(
            out,
            "{indent}- **{}:** {}",
            capitalise(l.relation.label()),
            md(&r.item_label(&l.to))
        );
    }
}

/// Multi-line text inside a list item: continuation lines indented under it.
fn md_block(s: &str, indent: &str) -> String {
    s.lines()
        .map(md)
        .collect::<Vec<_>>()
        .join(&format!("\n{indent}  "))
}

/// Escapes the characters Markdown would read as markup.
pub fn md(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for c in s.chars() {
        if matches!(
            c,
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|'
        ) {
            out.push('\\');
        }
        if c == '\n' {
            out.push(' ');
        } else {
            out.push(c);
        }
    }
    out
}

/// A citation with its URL as an autolink.
fn md_citation(c: &Citation) -> String {
    let mut s = format!(
        "{}, “{}”, {}",
        md(&c.outlet),
        md(&c.title),
        c.date.as_deref().unwrap_or("undated")
    );
    if let Some(u) = &c.url {
        s.push_str(&format!(
            ", <{}>",
            u.replace(' ', "%20").replace('>', "%3E")
        ));
    }
    s
}

fn capitalise(s: &str) -> String {
    let mut c = s.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}
