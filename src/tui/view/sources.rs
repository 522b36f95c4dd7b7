//! The sources pane: one block per source excerpt of the selected event. Outlet and title on
//! top, then what kind of source it is (reader comments are labelled), then the paragraph with
//! the quoted words highlighted and the words where this source's wording differs from the
//! event's text marked, then those differences spelled out.
//!
//! `Source::differences` gives the differing words as text; `differing_ranges` finds them again
//! among the source's own words (in order) to mark them where they stand.

use std::ops::Range;

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

/// The lines source `i`'s block takes at `width`, laid out.
pub fn block_height(case: &Case, event: &Event, i: usize, width: usize) -> usize {
    block(case, event, i, width, false).len()
}

/// About the lines source `i`'s block takes at `width`, from the length of its text, without
/// laying it out: its two head lines, its paragraphs' characters over the width beside the
/// rule, a line per difference and the blank line after it. Word wrapping leaves lines a
/// little short, so the paragraphs are reckoned at nine tenths of the width.
pub fn estimated_height(case: &Case, event: &Event, i: usize, width: usize) -> usize {
    let s = &event.sources[i];
    let a = &case.articles[s.article];
    let line = (width.saturating_sub(4) * 9 / 10).max(1);
    let text: usize = a.paragraphs[paragraphs_of(a, s)]
        .iter()
        .map(|p| a.slice(&p.range).chars().count().div_ceil(line).max(1))
        .sum();
    2 + text + s.differences.len() + 1
}

/// The blocks of `spans` with a line in `top..bottom`.
pub fn on_screen(
    spans: &[Range<usize>],
    top: usize,
    bottom: usize,
) -> impl Iterator<Item = usize> + '_ {
    let first = spans.partition_point(|r| r.end <= top);
    (first..spans.len()).take_while(move |&i| spans[i].start < bottom)
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
        let measured = &app.layout.measured;
        let spans = &measured.source_spans;
        let n = event.sources.len();
        let mut extra = format!("{} of {n}", (app.sources.selected + 1).min(n));
        let pos = position(
            app.sources.scroll,
            inner.height as usize,
            measured.sources_total(),
        );
        if !pos.is_empty() {
            // Counted with estimates for blocks not laid out yet (see `layout::SourceHeights`).
            let about = if measured.sources_exact { "" } else { "~" };
            extra.push_str(&format!(" · {about}{pos}"));
        }
        pane_block("Sources", &extra, focused).render(area, buf);
        // Only the blocks on screen are laid out (`view::settle` measured them).
        let (top, bottom) = (
            app.sources.scroll,
            app.sources.scroll + inner.height as usize,
        );
        let mut first_line = None;
        let mut lines: Vec<Line<'static>> = Vec::new();
        for i in on_screen(spans, top, bottom).take(n) {
            first_line.get_or_insert(spans[i].start);
            lines.extend(block(case, event, i, width, i == app.sources.selected));
        }
        let skip = top - first_line.unwrap_or(top).min(top);
        draw_lines(&lines, skip, inner, buf);
    }
}

#[cfg(test)]
mod tests {
    use ratatui::buffer::Buffer;
    use ratatui::widgets::Widget;

    use super::*;
    use crate::tui::layout::SourceHeights;
    use crate::tui::screen::areas;
    use crate::tui::testkit::{app, app_at, press, screen_text, select_event};

    /// Drawing only the blocks on screen gives, at every scroll position, what drawing all of
    /// them gives.
    #[test]
    fn the_blocks_on_screen_draw_as_all_blocks_would() {
        let mut app = app(120, 16);
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
        press(&mut app, "<Tab><Tab>");
        assert_eq!(app.focus, Pane::Sources);
        app.sources.selected = 1;
        let area = areas(app.size, app.focus)
            .pane(Pane::Sources)
            .expect("shown");
        let inner = super::super::inner(area);
        let width = inner.width as usize;
        let all: Vec<Line<'static>> = {
            let (case, event) = (app.case().expect("loaded"), app.event().expect("an event"));
            (0..event.sources.len())
                .flat_map(|i| block(case, event, i, width, i == 1))
                .collect()
        };
        assert!(
            app.layout.measured.sources_exact,
            "a small event is laid out whole"
        );
        assert_eq!(app.layout.measured.sources_total(), all.len());
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

    /// A case of `n` articles that all quote one message, each around it a paragraph of
    /// its own length, so that the blocks' heights differ.
    fn one_message_in(n: usize) -> tempfile::TempDir {
        let dir = tempfile::tempdir().expect("a temporary folder");
        let corpus = dir.path().join("corpus");
        std::fs::create_dir_all(&corpus).expect("corpus folder");
        for i in 1..=n {
            let more = "The account did not explain the request. ".repeat(i % 7);
            let text = format!(
                "---\ntitle: Report {i}\noutlet: Outlet {i}\npublished: 2017-11-14\n---\n\
                 On October 21, 2016, WikiLeaks wrote to Donald Trump Jr.: “Hey Don. We have \
                 an unusual idea. Leak us one or more of your father’s tax returns.” {more}\n"
            );
            std::fs::write(corpus.join(format!("a-{i:03}.txt")), text).expect("written");
        }
        dir
    }

    /// The sources pane's title: "Sources 3 of 80 · ~12-30/500".
    fn title(app: &App) -> String {
        let screen = screen_text(app);
        let line = screen.lines().nth(1).expect("a second line");
        let at = line.find("Sources").expect("the sources pane");
        line[at..]
            .trim_end_matches(['━', '┓', '─', '┐', ' '])
            .to_string()
    }

    #[test]
    fn a_large_event_is_laid_out_as_it_shows_and_reaches_its_last_source() {
        let n = SourceHeights::LAY_OUT_ALL + 16;
        let dir = one_message_in(n);
        let mut app = app_at(dir.path(), 160, 45);
        select_event(&mut app, |e| e.sources.len() == n);
        press(&mut app, "<Tab><Tab>");
        assert_eq!(app.focus, Pane::Sources);
        assert!(!app.layout.measured.sources_exact);
        assert!(
            title(&app).contains(&format!("1 of {n} · ~1-")),
            "{}",
            title(&app)
        );

        press(&mut app, "G");
        assert_eq!(app.sources.selected, n - 1);
        let height = crate::tui::screen::pane_inner(&app, Pane::Sources).height as usize;
        let spans = app.layout.measured.source_spans.clone();
        assert_eq!(
            app.sources.scroll + height,
            spans[n - 1].end,
            "the last line at the bottom"
        );
        assert!(screen_text(&app).contains(&format!("▶[{n}] Outlet ")));

        press(&mut app, "g");
        assert_eq!((app.sources.selected, app.sources.scroll), (0, 0));
        // Paging through every block lays them all out: the position becomes exact.
        for _ in 0..n {
            press(&mut app, "<PgDn>");
        }
        assert!(app.layout.measured.sources_exact);
        let exact = title(&app);
        assert!(!exact.contains('~'), "{exact}");
        let (case, event) = (app.case().expect("loaded"), app.event().expect("an event"));
        let width = crate::tui::screen::pane_inner(&app, Pane::Sources).width as usize;
        let total: usize = (0..n).map(|i| block_height(case, event, i, width)).sum();
        assert_eq!(app.layout.measured.sources_total(), total);
        assert!(exact.ends_with(&format!("/{total}")), "{exact}");
    }
}
