//! The layout pass: lays out what only the view knows how to wrap (the selected event's
//! message and sources, the open article, the help) at the sizes the screen gives them,
//! records it in `App::layout` for the next `update`, and settles the scroll positions
//! `update` asked for (`layout.rs`). It runs after every `update` and before every frame, as
//! ratatui's `ListState` offset is settled while rendering; drawing itself stays `&App`.
//!
//! The sources pane is laid out lazily: the blocks on screen and the selected one, with the
//! rest counted by estimate until they show (`layout::SourceHeights`); a large event's first
//! key costs a screen of blocks, not all of them.

use std::ops::Range;
use std::rc::Rc;

use super::{help, message, reader, sources};
use crate::tui::layout::{Measured, ReaderScroll, Requests, SourceHeights};
use crate::tui::screen::{inner, pane_inner, popup_area, reader_text};
use crate::tui::state::{App, Pane, Popup};

/// Measures the screen for `update` and settles its requests.
pub fn settle(app: &mut App) {
    if app.loaded().is_none() {
        return;
    }
    measure(app);
    let requests = std::mem::take(&mut app.layout.requests);
    settle_sources(app, &requests);
    settle_requests(app, requests);
}

fn measure(app: &mut App) {
    let message_width = pane_inner(app, Pane::Message).width as usize;
    let message_lines = message::lines(app, message_width).len();
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
        reader_lines,
        paragraph_line,
        help_lines,
        ..std::mem::take(&mut app.layout.measured)
    };
}

/// Lays out the source blocks the pane shows (and the selected one), scrolls as `update`
/// asked, and records where every block stands in `Measured::source_spans`. Laying out a
/// block on screen can move the blocks below it, so scrolling to the selection and laying out
/// what then shows repeat until nothing new is laid out.
fn settle_sources(app: &mut App, requests: &Requests) {
    let inner = pane_inner(app, Pane::Sources);
    let (width, height) = (inner.width as usize, inner.height as usize);
    let mut heights = std::mem::take(&mut app.layout.source_heights);
    let (mut scroll, mut selected) = (app.sources.scroll, app.sources.selected);
    let (spans, exact) = match (app.case(), app.event_index()) {
        (Some(case), Some(e)) if !case.timeline.events[e].sources.is_empty() => {
            let event = &case.timeline.events[e];
            let n = event.sources.len();
            let lay_out = |heights: &mut SourceHeights, i: usize| {
                let new = !heights.is_laid_out(i);
                if new {
                    heights.set(i, sources::block_height(case, event, i, width));
                }
                new
            };
            if !heights.is_for(e, width) {
                let estimates = (0..n)
                    .map(|i| sources::estimated_height(case, event, i, width))
                    .collect();
                heights.start(e, width, estimates);
                if n <= SourceHeights::LAY_OUT_ALL {
                    (0..n).for_each(|i| {
                        lay_out(&mut heights, i);
                    });
                }
            }
            let sel = selected.min(n - 1);
            lay_out(&mut heights, sel);
            let mut spans = heights.spans();
            loop {
                if requests.reveal_source && selected < n {
                    scroll = revealed(&spans[sel], scroll, height);
                }
                let total = spans.last().map_or(0, |r| r.end);
                scroll = scroll.min(total.saturating_sub(height));
                let shown: Vec<usize> =
                    sources::on_screen(&spans, scroll, scroll + height).collect();
                let mut more = false;
                for i in shown {
                    more |= lay_out(&mut heights, i);
                }
                if !more {
                    break;
                }
                spans = heights.spans();
            }
            if requests.select_top_source {
                selected = spans.iter().position(|r| r.end > scroll).unwrap_or(sel);
            }
            (spans, heights.exact())
        }
        _ => (Rc::from([]), true),
    };
    app.layout.measured.sources_exact = exact;
    app.layout.measured.source_spans = spans;
    app.layout.source_heights = heights;
    app.sources.scroll = scroll;
    app.sources.selected = selected;
}

/// The scroll that shows `block` (its top when it is above or taller than the pane).
fn revealed(block: &Range<usize>, scroll: usize, height: usize) -> usize {
    if block.start < scroll || block.len() > height {
        block.start
    } else if block.end > scroll + height {
        block.end - height
    } else {
        scroll
    }
}

fn settle_requests(app: &mut App, requests: Requests) {
    let measured = &app.layout.measured;
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
