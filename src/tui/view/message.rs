//! The message pane: the selected event's text wrapped to the pane, then its date (and the
//! phrase it came from), sender, recipients and channel, and each date the sources give when
//! they disagree. Scrolls when it does not fit.

use casefile::Case;
use casefile::extract::DateBasis;
use casefile::timeline::Event;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::notes as notes_view;
use super::theme::Role;
use super::{draw_lines, pane_block, position, theme};
use crate::tui::state::noting::current_target;
use crate::tui::state::{App, Pane};
use crate::tui::text::{Styled, clean};

/// The message pane, drawn from the app.
pub struct MessagePane<'a>(pub &'a App);

/// Columns of the field labels.
const LABEL: usize = 6;

/// A labelled field: the label on the first line, the value wrapped beside it.
fn field(out: &mut Vec<Line<'static>>, label: &str, value: &Styled, width: usize) {
    let wrapped = value.wrap(width.saturating_sub(LABEL), "");
    for (i, line) in wrapped.into_iter().enumerate() {
        let head = if i == 0 {
            Span::styled(format!("{label:<LABEL$}"), theme::label())
        } else {
            Span::raw(" ".repeat(LABEL))
        };
        let mut spans = vec![head];
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
}

/// `s` in `style`, wrapped to `width`.
fn wrapped(s: &str, style: Style, width: usize) -> Vec<Line<'static>> {
    let mut t = Styled::new();
    t.push(s, style);
    t.wrap(width, "")
}

fn plain(s: &str) -> Styled {
    let mut t = Styled::new();
    t.push(s, Style::new());
    t
}

/// Every line of the pane for the selected event at `width` columns: the event, then its
/// notes.
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let (Some(loaded), Some(index)) = (app.loaded(), app.event_index()) else {
        return Vec::new();
    };
    let case = &loaded.case;
    let mut out = event_lines(case, &case.timeline.events[index], width);
    out.extend(notes_lines(app, index, width));
    out
}

/// The notes section: where notes go now, then the notes of the event, of its sources and
/// of the item notes go to, and what points at them.
fn notes_lines(app: &App, index: usize, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let Some(loaded) = app.loaded() else {
        return out;
    };
    let case = &loaded.case;
    out.push(Line::from(""));
    let notes = match &loaded.notes {
        Ok(n) => n,
        Err(e) => {
            let mut t = Styled::new();
            t.push(&format!("Notes unavailable: {e}"), theme::dim());
            out.extend(t.wrap(width, ""));
            return out;
        }
    };
    let rule = format!("── Notes {}", "─".repeat(width.saturating_sub(9)));
    out.push(Line::styled(rule, theme::label()));
    let current = current_target(app);
    if let Some(t) = &current {
        let mut line = Styled::new();
        line.push("notes go to ", theme::dim())
            .push(&t.label, Style::new().italic())
            .push("  (o: another item)", theme::dim());
        out.extend(line.wrap(width, ""));
    }
    let mut files = notes.of_event(index);
    let target = current.map(|t| t.item);
    if let Some(item) = &target
        && let Some(f) = notes.store.get(item)
        && !files.iter().any(|g| g.item.same_item(item))
    {
        files.push(f);
    }
    let mut shown_backlinks = false;
    for f in &files {
        out.push(Line::from(""));
        let head = notes_view::head_for(case, notes, index, f);
        out.extend(notes_view::file_lines(case, &notes.store, f, &head, width));
        shown_backlinks |= target.as_ref().is_some_and(|t| t.same_item(&f.item));
    }
    // What points at the item even when it has no notes of its own.
    let back = match &target {
        Some(item) if !shown_backlinks => {
            notes_view::backlink_lines(case, &notes.store, item, width)
        }
        _ => Vec::new(),
    };
    if !back.is_empty() {
        out.push(Line::from(""));
        out.extend(wrapped("Pointing here", theme::label(), width));
        out.extend(back);
    } else if files.is_empty() {
        // Wrapped, not cut: on a narrow pane the keys would be lost.
        out.extend(wrapped(
            "none yet: t tag · a annotate · L link · * star",
            theme::dim(),
            width,
        ));
    }
    out
}

/// The event's own lines.
fn event_lines(case: &Case, event: &Event, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut text = Styled::new();
    text.push("“", theme::dim())
        .push(&event.text, Style::new().bold())
        .push("”", theme::dim());
    out.extend(text.wrap(width, ""));
    out.push(Line::from(""));

    let mut date = Styled::new();
    date.push(&event.date_cell(), Style::new().bold());
    match (event.date_basis, &event.date_phrase) {
        (Some(DateBasis::Publication), _) => {
            date.push("  publication date: the text gives none", theme::dim());
        }
        (Some(basis), Some(phrase)) => {
            date.push(&format!("  ({}) from “", basis.as_str()), theme::dim())
                .push(phrase, Style::new().italic())
                .push("”", theme::dim());
        }
        _ => {}
    }
    field(&mut out, "Date", &date, width);
    field(&mut out, "From", &plain(&case.sender_name(event)), width);
    let to = case.recipient_names(event);
    let mut to_text = plain(&if to.is_empty() {
        "unknown".to_string()
    } else {
        to.join(", ")
    });
    if event.recipients_inferred {
        to_text.push("  (inferred from their other messages)", theme::dim());
    }
    field(&mut out, "To", &to_text, width);
    let mut via = plain(event.channel.map_or("unknown", |c| c.as_str()));
    if let Some(b) = &event.channel_basis {
        via.push(&format!("  ({b})"), theme::dim());
    }
    field(&mut out, "Via", &via, width);
    let comments = event
        .sources
        .iter()
        .filter(|s| s.section == casefile::corpus::Section::Comments)
        .count();
    let outlets = case.outlets(event);
    let mut src = format!(
        "{} from {} outlet{}",
        event.sources.len(),
        outlets.len(),
        if outlets.len() == 1 { "" } else { "s" }
    );
    if comments > 0 {
        src.push_str(&format!(", {comments} in reader comments"));
    }
    field(&mut out, "Srcs", &plain(&src), width);

    if !event.date_versions.is_empty() {
        out.push(Line::from(""));
        out.extend(wrapped(
            "Sources disagree on the date:",
            theme::style(Role::Error).bold(),
            width,
        ));
        for v in &event.date_versions {
            let which: Vec<String> = v.sources.iter().map(|i| format!("[{}]", i + 1)).collect();
            let mut t = Styled::new();
            t.push("• ", theme::dim())
                .push(&v.when.display(), Style::new().bold())
                .push(&format!(" ({}) from “", v.basis.as_str()), theme::dim())
                .push(&v.phrase, Style::new().italic())
                .push("” ", theme::dim())
                .push(&which.join(" "), theme::label());
            out.extend(t.wrap(width, ""));
        }
    }
    out.push(Line::from(""));
    out.push(Line::styled(clean(&event.id), theme::dim()));
    out
}

impl Widget for MessagePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let inner = super::inner(area);
        let focused = app.focus == Pane::Message;
        if app.event().is_none() {
            pane_block("Message", "", focused).render(area, buf);
            return;
        }
        let all = lines(app, inner.width as usize);
        let pos = position(app.message_scroll, inner.height as usize, all.len());
        pane_block("Message", &pos, focused).render(area, buf);
        draw_lines(&all, app.message_scroll, inner, buf);
    }
}
