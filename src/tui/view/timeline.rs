//! The timeline pane: one two-line row per event (date, sender -> recipients, number of
//! sources; then the channel and the start of the text), undated events under a heading of
//! their own.
//!
//! Two columns left of the date hold the note marks: ★ starred (or ✓ ! ✗ ? for a
//! verification status), then ✎ annotated or linked, # tagged.

use casefile::Case;
use casefile::timeline::Event;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::{pane_block, position, theme};
use crate::tui::state::{App, Pane, Row};
use crate::tui::text::{clean, fit_spans, pad, width};

/// The timeline pane, drawn from the app.
pub struct TimelinePane<'a>(pub &'a App);

/// Columns of the date: "~2016-09-20 23:59*" at most.
const DATE_COLS: usize = 18;

/// The two lines of an event row, `cols` wide: the note marks (see `Notes::marks`), date and
/// who on the first; channel, the start of the text and the number of sources on the second.
fn event_lines(
    case: &Case,
    event: &Event,
    marks: [char; 2],
    cols: usize,
    selected: bool,
) -> [Line<'static>; 2] {
    let cursor = if selected { theme::CURSOR } else { " " };
    let [m1, m2] = marks;
    let head_left = format!("{cursor}{m1}{m2}{} ", pad(&event.date_cell(), DATE_COLS));
    let head = Line::from(fit_spans(
        vec![
            Span::raw(head_left),
            Span::styled(clean(&case.who(event, "→")), Style::new().bold()),
        ],
        cols,
    ));
    let count = format!(" {:>2} src", event.sources.len());
    let mut body = vec![Span::raw("    ")];
    if let Some(c) = event.channel {
        body.push(Span::styled(format!("{} · ", c.label()), theme::label()));
    }
    body.push(Span::raw(clean(&event.text)));
    let mut body = fit_spans(body, cols.saturating_sub(width(&count)));
    let used: usize = body.iter().map(|s| width(&s.content)).sum();
    body.push(Span::raw(
        " ".repeat(cols.saturating_sub(used + width(&count))),
    ));
    body.push(Span::styled(count, theme::dim()));
    [head, Line::from(body)]
}

impl Widget for TimelinePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let Some(case) = app.case() else { return };
        let focused = app.focus == Pane::Timeline;
        let tl = &app.timeline;
        let (_, total_lines) = tl.line_starts();
        let inner = super::inner(area);
        let total = case.timeline.events.len();
        let count = if app.filters.is_empty() {
            format!("{total} events")
        } else {
            format!("{} of {total} events, filtered", tl.shown)
        };
        let pos = position(tl.scroll, inner.height as usize, total_lines);
        let extra = if pos.is_empty() {
            count
        } else {
            format!("{count} · {pos}")
        };
        pane_block("Timeline", &extra, focused).render(area, buf);
        if tl.rows.is_empty() {
            let msg = if app.filters.is_empty() {
                "No events in this case."
            } else {
                "No event passes the filters (F clears them)."
            };
            buf.set_stringn(
                inner.x + 1,
                inner.y,
                msg,
                inner.width as usize,
                theme::dim(),
            );
            return;
        }
        let cols = inner.width as usize;
        let notes = app.notes();
        // Only the rows on screen are laid out: a case may have tens of thousands.
        let (starts, _) = tl.line_starts();
        let first = starts
            .partition_point(|&s| s <= tl.scroll)
            .saturating_sub(1);
        let skip = tl.scroll - starts.get(first).copied().unwrap_or(0);
        let mut lines: Vec<(Line<'static>, Option<Style>)> = Vec::new();
        for (i, row) in tl.rows.iter().enumerate().skip(first) {
            if lines.len() >= skip + inner.height as usize {
                break;
            }
            match row {
                Row::Group(name) => {
                    let label = format!("── {name} ");
                    let fill = "─".repeat(cols.saturating_sub(width(&label)));
                    lines.push((Line::styled(format!("{label}{fill}"), theme::label()), None));
                }
                Row::Event(e) => {
                    let selected = tl.selected == Some(i);
                    let style = selected.then(|| {
                        if focused {
                            theme::selected()
                        } else {
                            theme::selected_dim()
                        }
                    });
                    let marks = notes.map_or([' ', ' '], |n| n.marks(*e));
                    let event = &case.timeline.events[*e];
                    for l in event_lines(case, event, marks, cols, selected) {
                        lines.push((l, style));
                    }
                }
            }
        }
        for (y, (line, style)) in lines
            .iter()
            .skip(skip)
            .take(inner.height as usize)
            .enumerate()
        {
            let r = Rect::new(inner.x, inner.y + y as u16, inner.width, 1);
            if let Some(s) = style {
                buf.set_style(r, *s);
            }
            buf.set_line(r.x, r.y, line, r.width);
        }
    }
}
