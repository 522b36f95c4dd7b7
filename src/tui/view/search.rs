//! The search popup: a prompt, then the best quotes for it, each with outlet, date and event
//! on one line and the quote on the next, the matched characters highlighted. A long quote is
//! shown from a little before its first match so that the match is on screen.

use casefile::Case;
use casefile::search::SearchHit;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::theme::{self, Role};
use crate::tui::screen::{SEARCH_RESULT_LINES, search_results_area, visible_search_results};
use crate::tui::state::{App, Phase, SearchPopup};
use crate::tui::text::{clean, clean_char, fit_spans};

/// The search popup, drawn from the app and its state.
pub struct SearchView<'a>(pub &'a App, pub &'a SearchPopup);

/// "The Atlantic · ~2016-09-20 23:59 · ev-023598e5b5 · WikiLeaks".
fn meta(case: &Case, hit: &SearchHit) -> Vec<Span<'static>> {
    let q = &case.quotes[hit.quote];
    let a = &case.articles[q.article];
    let mut spans = vec![
        Span::styled(clean(a.outlet_or_unknown()), Style::new().bold()),
        Span::styled(" · ", theme::dim()),
        Span::raw(
            q.date
                .as_ref()
                .map_or("undated".into(), |d| d.when.display()),
        ),
        Span::styled(" · ", theme::dim()),
    ];
    match case.event_of_quote(hit.quote) {
        Some(e) => spans.push(Span::styled(clean(&e.id), theme::accent())),
        None => spans.push(Span::styled("no event (opens the reader)", theme::dim())),
    }
    if let Some(s) = &q.speaker {
        let who = s
            .entity
            .map(|id| case.entities.name(id).to_string())
            .unwrap_or_else(|| s.phrase.to_string());
        spans.push(Span::styled(" · ", theme::dim()));
        spans.push(Span::raw(clean(&who)));
    }
    if q.section == casefile::corpus::Section::Comments {
        spans.push(Span::styled(
            " reader comment ",
            theme::style(Role::CommentBadge),
        ));
    }
    spans
}

/// The quote with matched characters highlighted, starting near the first match.
fn quote_line(hit: &SearchHit, cols: usize) -> Vec<Span<'static>> {
    // Indices are into the quote's own characters: keep them, drop what `clean` drops.
    let chars: Vec<Option<char>> = hit.text.chars().map(clean_char).collect();
    let first = hit.indices.first().copied().unwrap_or(0);
    let start = if first > cols / 3 {
        first - cols / 6
    } else {
        0
    };
    let mut spans = vec![Span::raw("   ")];
    if start > 0 {
        spans.push(Span::styled("…", theme::dim()));
    }
    let mut run = String::new();
    let mut run_matched = false;
    for (i, c) in chars.iter().enumerate().skip(start) {
        let m = hit.indices.binary_search(&i).is_ok();
        if m != run_matched && !run.is_empty() {
            let style = if run_matched {
                theme::matched()
            } else {
                Style::new()
            };
            spans.push(Span::styled(std::mem::take(&mut run), style));
        }
        run_matched = m;
        run.extend(*c);
    }
    if !run.is_empty() {
        let style = if run_matched {
            theme::matched()
        } else {
            Style::new()
        };
        spans.push(Span::styled(run, style));
    }
    fit_spans(spans, cols)
}

impl Widget for SearchView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, s) = (self.0, self.1);
        let loaded = app.loaded();
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme::focused_border())
            .title(Line::styled(
                format!(" {} Search every quote ", theme::CURSOR),
                theme::focused_border(),
            ))
            .render(area, buf);
        let inner = super::inner(area);
        let cols = inner.width as usize;
        let prompt = Line::from(fit_spans(
            vec![
                Span::styled("/ ", theme::accent().bold()),
                Span::raw(clean(&s.query)),
                Span::styled("█", theme::accent()),
            ],
            cols,
        ));
        buf.set_line(inner.x, inner.y, &prompt, inner.width);
        let count = if let Phase::Loading(view) = &app.phase {
            format!(
                "the case is loading ({}): results as soon as its quotes are indexed",
                super::loading::summary(view)
            )
        } else if s.query.trim().is_empty() {
            format!(
                "type to search {} quotes",
                loaded.map_or(0, |l| l.search.len())
            )
        } else if s.searching && s.hits.is_empty() {
            "searching…".to_string()
        } else if s.hits.is_empty() {
            "no quote matches".to_string()
        } else {
            format!(
                "{} result{} · Enter goes to the event",
                s.hits.len(),
                if s.hits.len() == 1 { "" } else { "s" }
            )
        };
        buf.set_stringn(inner.x, inner.y + 1, count, cols, theme::dim());
        let results = search_results_area(area);
        let Some(l) = loaded else { return };
        for (row, (i, hit)) in s
            .hits
            .iter()
            .enumerate()
            .skip(s.scroll)
            .take(visible_search_results(area))
            .enumerate()
        {
            let y = results.y + row as u16 * SEARCH_RESULT_LINES;
            if y >= results.bottom() {
                break;
            }
            let selected = i == s.selected;
            let cursor = if selected { theme::CURSOR } else { " " };
            let mut head = vec![Span::raw(format!("{cursor}{:>2}. ", i + 1))];
            head.extend(meta(&l.case, hit));
            let r = Rect::new(
                results.x,
                y,
                results.width,
                SEARCH_RESULT_LINES.min(results.bottom() - y),
            );
            if selected {
                buf.set_style(r, theme::selected());
            }
            buf.set_line(r.x, y, &Line::from(fit_spans(head, cols)), r.width);
            if r.height > 1 {
                buf.set_line(r.x, y + 1, &Line::from(quote_line(hit, cols)), r.width);
            }
        }
    }
}
