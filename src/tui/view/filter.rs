//! The filter popup: three lists side by side (sender, channel, outlet; "any" first, then
//! each choice with its number of events, the one in force marked "●") and a date-range field
//! under them. Lists scroll to keep their cursor in view, by a rule `list_offset` that
//! `update` shares for clicks.

use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::theme::Role;
use super::{pane_block, theme};
use crate::tui::filters::{Facets, Filters, channel_label};
use crate::tui::notes::NoteChoice;
use crate::tui::screen::{filter_list_offset, filter_parts};
use crate::tui::state::noting::filter_choices;
use crate::tui::state::{App, FilterField, FilterPopup};
use crate::tui::text::{clean, fit_spans, pad};

/// The filter popup, drawn from the app and its state.
pub struct FilterView<'a>(pub &'a App, pub &'a FilterPopup);

/// The items of list `k` (0 sender, 1 channel, 2 outlet, 3 notes), "any" first, and whether
/// each is the filter in force.
pub fn items(app: &App, facets: &Facets, filters: &Filters, k: usize) -> Vec<(String, bool)> {
    let mut v = Vec::new();
    match k {
        0 => {
            v.push(("any sender".to_string(), filters.sender.is_none()));
            for (s, n) in &facets.senders {
                v.push((
                    format!("{} ({n})", clean(s)),
                    filters.sender.as_ref() == Some(s),
                ));
            }
        }
        1 => {
            v.push(("any channel".to_string(), filters.channel.is_none()));
            for (c, n) in &facets.channels {
                v.push((
                    format!("{} ({n})", channel_label(*c)),
                    filters.channel == Some(*c),
                ));
            }
        }
        3 => {
            v.push(("any".to_string(), filters.notes.is_none()));
            for (c, n) in filter_choices(app) {
                let label = match &c {
                    NoteChoice::Starred => format!("★ starred ({n})"),
                    NoteChoice::Tag(t) => format!("#{} ({n})", clean(t)),
                };
                let on = filters.notes.as_ref() == Some(&c);
                v.push((label, on));
            }
        }
        _ => {
            v.push(("any outlet".to_string(), filters.outlet.is_none()));
            for (o, n) in &facets.outlets {
                v.push((
                    format!("{} ({n})", clean(o)),
                    filters.outlet.as_ref() == Some(o),
                ));
            }
        }
    }
    v
}

impl Widget for FilterView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, f) = (self.0, self.1);
        let Some(l) = app.loaded() else { return };
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme::focused_border())
            .title(Line::styled(
                format!(" {} Filter the timeline ", theme::CURSOR),
                theme::focused_border(),
            ))
            .title_bottom(Line::styled(
                " Enter/Space choose · Tab next · F clear all · Esc close ",
                theme::dim(),
            ))
            .render(area, buf);
        let (lists, dates) = filter_parts(area);
        for (k, rect) in lists.iter().enumerate() {
            let field = FilterField::ALL[k];
            let focused = f.field == field;
            pane_block(field.title(), "", focused).render(*rect, buf);
            let inner = super::inner(*rect);
            let all = items(app, &l.facets, &app.filters, k);
            let off = filter_list_offset(f.cursor[k], inner.height as usize);
            for (row, (i, (label, on))) in all
                .iter()
                .enumerate()
                .skip(off)
                .take(inner.height as usize)
                .enumerate()
            {
                let y = inner.y + row as u16;
                let here = i == f.cursor[k];
                let cursor = if here && focused { theme::CURSOR } else { " " };
                let mark = if *on { "●" } else { " " };
                let text = pad(&format!("{cursor}{mark} {label}"), inner.width as usize);
                let style = match (here, focused) {
                    (true, true) => theme::selected(),
                    (true, false) => theme::selected_dim(),
                    _ if *on => Style::new().bold(),
                    _ => Style::new(),
                };
                buf.set_stringn(inner.x, y, text, inner.width as usize, style);
            }
        }
        let focused = f.field == FilterField::Dates;
        let [field, note] =
            Layout::vertical([Constraint::Length(3), Constraint::Length(1)]).areas(dates);
        pane_block("Dates", "from..to", focused).render(field, buf);
        let inner = super::inner(field);
        let caret = if focused { "█" } else { "" };
        let line = Line::from(fit_spans(
            vec![
                Span::raw(clean(&f.dates)),
                Span::styled(caret, theme::focused_border()),
            ],
            inner.width as usize,
        ));
        buf.set_line(inner.x, inner.y, &line, inner.width);
        let note_line = match (&f.error, &app.filters.dates) {
            (Some(e), _) => Line::styled(clean(e), theme::style(Role::Error)),
            (None, Some(r)) => Line::styled(
                format!("in force: {} · Enter applies what you type", r.label()),
                theme::dim(),
            ),
            (None, None) => Line::styled(
                "e.g. 2016-10-01..2016-10-31 · 2016-10 · ..2016-11 · Enter applies",
                theme::dim(),
            ),
        };
        buf.set_line(note.x, note.y, &note_line, note.width);
    }
}
