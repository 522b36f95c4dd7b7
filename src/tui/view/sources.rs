//! The sources pane: one block per source excerpt of the selected event. Outlet and title on
//! top, then what kind of source it is (reader comments are labelled), then the paragraph with
//! the quoted words highlighted and the words where this source's wording differs from the
//! event's text marked, then those differences spelled out.
//!
//! `Source::differences` gives the differing words as text; `differing_ranges` finds them again
//! among the source's own words (in order) to mark them where they stand.

use std::ops::Range;
use std::rc::Rc;

use casefile::Case;
use casefile::corpus::{Article, Section};
use casefile::text::{Token, tokenize};
use casefile::timeline::{Event, Source, SourceKind};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::theme::Role;
use super::{draw_lines, pane_block, position, theme};
use crate::tui::state::{App, Pane};
use crate::tui::text::{Styled, clean, fit_spans};

/// The sources pane, drawn from the app.
pub struct SourcesPane<'a>(pub &'a App);

/// Byte ranges (in the article) of the words where `source` differs from the canonical text:
/// each difference's words, found in order among the source's quoted words. Words are compared
/// in their normalised form, so punctuation carried along in the difference does not matter.
pub fn differing_ranges(article: &Article, source: &Source) -> Vec<Range<usize>> {
    let tokens: Vec<Token> = source
        .parts
        .iter()
        .flat_map(|r| tokenize(article.slice(r), r.start))
        .collect();
    let mut out = Vec::new();
    let mut from = 0;
    for d in &source.differences {
        let want: Vec<String> = tokenize(&d.source, 0).into_iter().map(|t| t.norm).collect();
        let n = want.len();
        if n == 0 || n > tokens.len() {
            continue;
        }
        let found = (from..=tokens.len() - n).find(|&i| {
            tokens[i..i + n]
                .iter()
                .zip(&want)
                .all(|(t, w)| t.norm == *w)
        });
        if let Some(i) = found {
            out.push(tokens[i].range.start..tokens[i + n - 1].range.end);
            from = i + n;
        }
    }
    out
}

/// The paragraphs a source's words stand in.
fn paragraphs_of(article: &Article, source: &Source) -> Range<usize> {
    let last = article
        .paragraphs
        .iter()
        .rposition(|p| p.range.start < source.span.end)
        .unwrap_or(source.paragraph)
        .max(source.paragraph);
    source.paragraph..last + 1
}

fn in_any(ranges: &[Range<usize>], at: usize) -> bool {
    ranges.iter().any(|r| r.contains(&at))
}

/// "has “for” for “from”", "leaves out “our”", "adds “…”".
fn describe(d: &casefile::timeline::Difference) -> String {
    match (d.canonical.is_empty(), d.source.is_empty()) {
        (true, _) => format!("adds “{}”", d.source),
        (_, true) => format!("leaves out “{}”", d.canonical),
        _ => format!("has “{}” for “{}”", d.source, d.canonical),
    }
}

/// The lines of source `i`'s block, `width` columns wide.
fn block(case: &Case, event: &Event, i: usize, width: usize, selected: bool) -> Vec<Line<'static>> {
    let s = &event.sources[i];
    let a = &case.articles[s.article];
    let mut out = Vec::new();
    let cursor = if selected { theme::CURSOR } else { " " };
    let head_style = if selected {
        theme::accent().bold()
    } else {
        Style::new().bold()
    };
    out.push(Line::from(fit_spans(
        vec![
            Span::styled(format!("{cursor}[{}] ", i + 1), head_style),
            Span::styled(clean(a.outlet_or_unknown()), head_style),
            Span::styled(format!(" — {}", clean(&a.meta.title)), theme::dim()),
        ],
        width,
    )));
    let mut tags: Vec<Span<'static>> = vec![Span::raw("    ")];
    if s.section == Section::Comments {
        let who = a.paragraphs[s.paragraph]
            .commenter
            .as_deref()
            .map(|c| format!(" by {}", clean(c)))
            .unwrap_or_default();
        tags.push(Span::styled(
            format!(" READER COMMENT{who} "),
            theme::style(Role::CommentBadge),
        ));
        tags.push(Span::raw(" "));
    }
    let kind = match s.kind {
        SourceKind::Quoted => "quoted",
        SourceKind::Fragment => "fragment",
        SourceKind::Unquoted => "without quotation marks",
    };
    let mut meta = kind.to_string();
    if let Some(d) = &s.date {
        meta.push_str(&format!(
            " · dated {} ({})",
            d.when.display(),
            d.basis.as_str()
        ));
    }
    tags.push(Span::styled(meta, theme::dim()));
    out.push(Line::from(fit_spans(tags, width)));

    let diffs = differing_ranges(a, s);
    let rule = if selected { "  ┃ " } else { "  │ " };
    for p in &a.paragraphs[paragraphs_of(a, s)] {
        let mut text = Styled::new();
        text.push_corpus(a.slice(&p.range), p.range.start, |at| {
            if in_any(&diffs, at) {
                theme::differs()
            } else if in_any(&s.parts, at) {
                theme::quote()
            } else {
                Style::new()
            }
        });
        out.extend(text.wrap(width, rule));
    }
    for d in &s.differences {
        let mut t = Styled::new();
        t.push("≠ ", theme::style(Role::DifferenceNote).bold())
            .push(&describe(d), theme::style(Role::DifferenceNote));
        out.extend(t.wrap(width, "  "));
    }
    out.push(Line::from(""));
    out
}

/// The line count of each source block of the selected event at `width` (kept in
/// `App::source_heights` between frames).
pub fn block_heights(app: &App, width: usize) -> Rc<[usize]> {
    let (Some(case), Some(e)) = (app.case(), app.event_index()) else {
        return Rc::from([]);
    };
    app.source_heights.get_or((e, width), || {
        let event = &case.timeline.events[e];
        (0..event.sources.len())
            .map(|i| block(case, event, i, width, false).len())
            .collect()
    })
}

impl Widget for SourcesPane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let inner = super::inner(area);
        let focused = app.focus == Pane::Sources;
        let (Some(case), Some(event)) = (app.case(), app.event()) else {
            pane_block("Sources", "", focused).render(area, buf);
            return;
        };
        let width = inner.width as usize;
        let heights = block_heights(app, width);
        let total: usize = heights.iter().sum();
        let n = event.sources.len();
        let mut extra = format!("{} of {n}", (app.sources.selected + 1).min(n));
        let pos = position(app.sources.scroll, inner.height as usize, total);
        if !pos.is_empty() {
            extra.push_str(&format!(" · {pos}"));
        }
        pane_block("Sources", &extra, focused).render(area, buf);
        // Only the blocks on screen are laid out.
        let (top, bottom) = (
            app.sources.scroll,
            app.sources.scroll + inner.height as usize,
        );
        let mut at = 0;
        let mut first_line = None;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for (i, &h) in heights.iter().enumerate() {
            if at >= bottom {
                break;
            }
            if at + h > top {
                first_line.get_or_insert(at);
                lines.extend(block(case, event, i, width, i == app.sources.selected));
            }
            at += h;
        }
        let skip = top - first_line.unwrap_or(top);
        draw_lines(&lines, skip, inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::layout::Rect;
    use ratatui::widgets::Widget;

    use super::*;
    use crate::tui::testkit::{app, select_event};

    /// Drawing only the blocks on screen gives, at every scroll position, what drawing all of
    /// them gives.
    #[test]
    fn the_blocks_on_screen_draw_as_all_blocks_would() {
        let mut app = app(160, 45);
        let most = app
            .case()
            .expect("loaded")
            .timeline
            .events
            .iter()
            .map(|e| e.sources.len())
            .max()
            .expect("events");
        select_event(&mut app, |e| e.sources.len() == most);
        app.sources.selected = 1;
        let area = Rect::new(0, 0, 50, 12);
        let inner = super::super::inner(area);
        let width = inner.width as usize;
        let all: Vec<Line<'static>> = {
            let (case, event) = (app.case().expect("loaded"), app.event().expect("an event"));
            (0..event.sources.len())
                .flat_map(|i| block(case, event, i, width, i == 1))
                .collect()
        };
        assert_eq!(block_heights(&app, width).iter().sum::<usize>(), all.len());
        assert!(all.len() > 3 * inner.height as usize, "several screens");
        for scroll in 0..all.len() {
            app.sources.scroll = scroll;
            let mut got = Buffer::empty(area);
            SourcesPane(&app).render(area, &mut got);
            let mut want = Buffer::empty(area);
            draw_lines(&all, scroll, inner, &mut want);
            for y in inner.top()..inner.bottom() {
                for x in inner.left()..inner.right() {
                    assert_eq!(got[(x, y)], want[(x, y)], "scroll {scroll}, cell {x},{y}");
                }
            }
        }
    }
}
