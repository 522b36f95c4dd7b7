//! The layout pass: lays out what only the view knows how to wrap (the selected event's
//! message and sources, the open article, the help) at the sizes the screen gives them,
//! records it in `App::layout` for the next `update`, and settles the scroll positions
//! `update` asked for (`layout.rs`). It runs after every `update` and before every frame, as
//! ratatui's `ListState` offset is settled while rendering; drawing itself stays `&App`.

use std::ops::Range;
use std::rc::Rc;

use super::{help, message, reader, sources};
use crate::tui::layout::{Measured, ReaderScroll, Requests};
use crate::tui::screen::{inner, pane_inner, popup_area, reader_text};
use crate::tui::state::{App, Pane, Popup};

/// Measures the screen for `update` and settles its requests.
pub fn settle(app: &mut App) {
    if app.loaded().is_none() {
        return;
    }
    measure(app);
    let requests = std::mem::take(&mut app.layout.requests);
    settle_requests(app, requests);
}

fn measure(app: &mut App) {
    let message_width = pane_inner(app, Pane::Message).width as usize;
    let message_lines = message::lines(app, message_width).len();
    let sources_width = pane_inner(app, Pane::Sources).width as usize;
    let mut at = 0;
    let source_spans: Rc<[Range<usize>]> = sources::block_heights(app, sources_width)
        .iter()
        .map(|&h| {
            let r = at..at + h;
            at = r.end;
            r
        })
        .collect();
    let (reader_lines, paragraph_line) = match (app.case(), &app.reader) {
        (Some(case), Some(r)) => {
            let width = reader_text(app).width as usize;
            let doc = reader::document(case, app.notes(), r, width);
            (doc.lines.len(), doc.paragraph_line.into())
        }
        _ => (0, Rc::from([])),
    };
    let help_lines = match &app.popup {
        Some(p @ Popup::Help { .. }) => {
            let width = inner(popup_area(app.size, p)).width as usize;
            help::lines(app, width).len()
        }
        _ => 0,
    };
    app.layout.measured = Measured {
        message_lines,
        source_spans,
        reader_lines,
        paragraph_line,
        help_lines,
    };
}

fn settle_requests(app: &mut App, requests: Requests) {
    let measured = &app.layout.measured;
    if requests.reveal_source
        && let Some(r) = measured.source_spans.get(app.sources.selected)
    {
        let height = pane_inner(app, Pane::Sources).height as usize;
        let s = &mut app.sources;
        if r.start < s.scroll || r.len() > height {
            s.scroll = r.start;
        } else if r.end > s.scroll + height {
            s.scroll = r.end - height;
        }
        s.scroll = s
            .scroll
            .min(measured.sources_total().saturating_sub(height));
    }
    if requests.clamp_message {
        let height = pane_inner(app, Pane::Message).height as usize;
        let max = measured.message_lines.saturating_sub(height);
        app.message_scroll = app.message_scroll.min(max);
    }
    if let Some(how) = requests.reader {
        let height = reader_text(app).height as usize;
        let max = measured.reader_lines.saturating_sub(height);
        let line_of = |p: usize| measured.paragraph_line.get(p).copied().unwrap_or(0);
        if let Some(r) = app.reader.as_mut() {
            let at = line_of(r.paragraph);
            r.scroll = match how {
                ReaderScroll::Open if at < height / 3 => 0,
                ReaderScroll::Open => at.saturating_sub(2),
                ReaderScroll::Show if at < r.scroll || at + 2 > r.scroll + height => {
                    at.saturating_sub(height / 3)
                }
                ReaderScroll::Show => r.scroll,
                ReaderScroll::Top(p) => line_of(p),
            }
            .min(max);
        }
    }
}
