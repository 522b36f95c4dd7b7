//! The article reader: the whole article over the panes, scrolled to the paragraph of the
//! source it was opened on, that quote highlighted and the article's other quotes underlined.
//! Page debris is dimmed behind a dotted rule; reader comments come after a heading of their
//! own, indented. Text is at most `MAX_TEXT` columns wide and centred, to be readable on wide
//! terminals.

use std::ops::Range;

use casefile::Case;
use casefile::corpus::{ParagraphKind, Section};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::Line;
use ratatui::widgets::{Clear, Widget};

use super::notes as notes_view;
use super::theme::Role;
use super::{draw_lines, pane_block, position, theme};
use crate::tui::notes::Notes;
use crate::tui::screen::reader_text_area;
use crate::tui::state::{App, Reader};
use crate::tui::text::{Styled, clean};

/// The reader, drawn from the app.
pub struct ReaderView<'a>(pub &'a App);

/// The article laid out: its lines, and where each paragraph and quote starts.
#[derive(Debug, Default)]
pub struct Doc {
    pub lines: Vec<Line<'static>>,
    /// First line of each paragraph (by index in `article.paragraphs`).
    pub paragraph_line: Vec<usize>,
}

/// The article of `reader` laid out at `width` columns, its notes (on the article, and on
/// its passages and sources, under their paragraph) in place.
pub fn document(case: &Case, notes: Option<&Notes>, reader: &Reader, width: usize) -> Doc {
    let a = &case.articles[reader.article];
    let noted: Vec<(&str, Range<usize>)> = notes
        .map(|n| n.placements.in_article(reader.article))
        .unwrap_or_default();
    let others: Vec<Range<usize>> = case
        .quotes
        .iter()
        .filter(|q| q.article == reader.article)
        .flat_map(|q| q.parts.iter().cloned())
        .collect();
    let mut lines = Vec::new();
    let mut title = Styled::new();
    title.push(&a.meta.title, theme::style(Role::Title));
    lines.extend(title.wrap(width, ""));
    let mut meta = vec![a.outlet_or_unknown().to_string()];
    if let Some(au) = &a.meta.author {
        meta.push(format!("by {au}"));
    }
    meta.push(
        a.meta
            .published
            .map(|w| w.display())
            .unwrap_or_else(|| "date unknown".into()),
    );
    meta.push(a.id.clone());
    let mut m = Styled::new();
    m.push(&meta.join(" · "), theme::dim());
    lines.extend(m.wrap(width, ""));
    if let Some(url) = &a.meta.url {
        let mut u = Styled::new();
        u.push(url, theme::dim());
        lines.extend(u.wrap(width, ""));
    }
    if let Some(n) = notes
        && let Some(f) = n.store.get(&casefile::notes::ItemRef::article(a))
    {
        lines.extend(notes_view::file_lines(
            case,
            &n.store,
            f,
            "Notes on this article",
            width,
        ));
    }
    lines.push(Line::from(""));

    let mut paragraph_line = Vec::with_capacity(a.paragraphs.len());
    let mut in_comments = false;
    for p in &a.paragraphs {
        if p.section == Section::Comments && !in_comments {
            in_comments = true;
            let label = " Reader comments ";
            let side = width.saturating_sub(label.len()) / 2;
            lines.push(Line::styled(
                format!("{}{label}{}", "━".repeat(side), "━".repeat(side)),
                theme::style(Role::CommentHeading),
            ));
            lines.push(Line::from(""));
        }
        paragraph_line.push(lines.len());
        let (base, indent) = match (p.kind, p.section) {
            (ParagraphKind::Debris, _) => (theme::style(Role::Debris), "┆ "),
            (ParagraphKind::Heading, Section::Body) => (Style::new().bold(), ""),
            (ParagraphKind::CommentHeader, _) => (theme::style(Role::CommentHeading), "  "),
            (_, Section::Comments) => (theme::style(Role::Comment), "  "),
            _ => (Style::new(), ""),
        };
        let mut t = Styled::new();
        t.push_corpus(a.slice(&p.range), p.range.start, |at| {
            if reader.focus.iter().any(|r| r.contains(&at)) {
                theme::quote().add_modifier(Modifier::REVERSED)
            } else if noted.iter().any(|(_, r)| r.contains(&at)) {
                base.patch(notes_view::note_style().add_modifier(Modifier::UNDERLINED))
            } else if others.iter().any(|r| r.contains(&at)) {
                base.patch(theme::other_quote())
            } else {
                base
            }
        });
        lines.extend(t.wrap(width, indent));
        if let Some(n) = notes {
            for (key, range) in &noted {
                if !p.range.contains(&range.start) {
                    continue;
                }
                if let Some(f) = n.store.get_key(key) {
                    let head = match f.item {
                        casefile::notes::ItemRef::Source { .. } => "┃ note on this source",
                        _ => "┃ note on this passage",
                    };
                    lines.extend(notes_view::file_lines(case, &n.store, f, head, width));
                }
            }
        }
        lines.push(Line::from(""));
    }
    Doc {
        lines,
        paragraph_line,
    }
}

impl Widget for ReaderView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let (Some(case), Some(reader)) = (app.case(), &app.reader) else {
            return;
        };
        let text = reader_text_area(area);
        let notes = app.notes();
        let doc = document(case, notes, reader, text.width as usize);
        let a = &case.articles[reader.article];
        Clear.render(area, buf);
        let title = format!(
            "Reader · {} — {}",
            clean(a.outlet_or_unknown()),
            clean(&a.meta.title)
        );
        let title = crate::tui::text::fit(&title, (area.width as usize).saturating_sub(20));
        let pos = position(reader.scroll, text.height as usize, doc.lines.len());
        pane_block(&title, &pos, true).render(area, buf);
        draw_lines(&doc.lines, reader.scroll, text, buf);
    }
}
