//! The article reader's part of `update`: opening it on a source or a quote, scrolling,
//! moving the mark from quote to quote, and going to the marked quote's event.

use super::{WHEEL, delta, jump_to_quote, open_reader};
use crate::tui::action::Action;
use crate::tui::layout::ReaderScroll;
use crate::tui::screen::reader_text;
use crate::tui::state::{App, Popup, Reader, SearchPopup};

/// Opens the selected source of the selected event in the reader.
pub(super) fn read_source(app: &mut App) {
    let Some(s) = app.source() else {
        app.status = Some("no source to read".into());
        return;
    };
    let r = Reader {
        article: s.article,
        focus: s.parts.clone(),
        quote: s.quote,
        paragraph: s.paragraph,
        scroll: 0,
    };
    open_reader(app, r);
}

pub(super) fn in_reader(app: &mut App, action: Action) {
    let text = reader_text(app);
    let height = text.height as usize;
    let len = match (app.case(), &app.reader) {
        (Some(_), Some(_)) => app.layout.measured.reader_lines,
        _ => return,
    };
    let max = len.saturating_sub(height);
    let d = match action {
        Action::Wheel { down, .. } => Some(if down {
            WHEEL as isize
        } else {
            -(WHEEL as isize)
        }),
        a => delta(a, height.saturating_sub(2)),
    };
    if let Some(d) = d {
        if let Some(r) = app.reader.as_mut() {
            r.scroll = r.scroll.saturating_add_signed(d).min(max);
        }
        return;
    }
    match action {
        Action::NextQuote => next_quote(app, true),
        Action::PrevQuote => next_quote(app, false),
        Action::Open => match app.reader.as_ref().and_then(|r| r.quote) {
            Some(q) if app.case().and_then(|c| c.event_of_quote(q)).is_some() => {
                jump_to_quote(app, q)
            }
            _ => app.status = Some("this quote is in no event".into()),
        },
        Action::Back => app.reader = None,
        Action::Search => app.popup = Some(Popup::Search(SearchPopup::default())),
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::NextParagraph => mark_paragraph(app, true),
        Action::PrevParagraph => mark_paragraph(app, false),
        Action::Copy | Action::CopyId | Action::OpenUrl | Action::EditArticle => {
            super::outside::outside(app, action)
        }
        a => {
            super::notes::note_key(app, a);
        }
    }
}

/// Marks the next (or previous) paragraph of the body, so that it can be noted; from no mark,
/// the first paragraph on screen.
fn mark_paragraph(app: &mut App, forward: bool) {
    let (Some(case), Some(r)) = (app.case(), &app.reader) else {
        return;
    };
    let a = &case.articles[r.article];
    let paragraph_line = &app.layout.measured.paragraph_line;
    let current = r
        .focus
        .first()
        .and_then(|f| a.paragraphs.iter().position(|p| p.range.contains(&f.start)));
    let on_screen = paragraph_line.iter().position(|&l| l >= r.scroll);
    let noteable = |i: &usize| {
        !matches!(
            a.paragraphs[*i].kind,
            casefile::corpus::ParagraphKind::Debris
        )
    };
    let pick = match (current, forward) {
        (None, _) => on_screen.filter(noteable),
        (Some(c), true) => (c + 1..a.paragraphs.len()).find(noteable),
        (Some(c), false) => (0..c).rev().find(noteable),
    };
    let Some(p) = pick.or(on_screen) else {
        app.status = Some("no paragraph there".into());
        return;
    };
    let next = Reader {
        article: r.article,
        focus: vec![a.paragraphs[p].range.clone()],
        quote: None,
        paragraph: p,
        scroll: r.scroll,
    };
    app.reader = Some(next);
    app.layout.requests.reader = Some(ReaderScroll::Show);
}

/// Marks the next (or previous) quote of the article and scrolls to it.
fn next_quote(app: &mut App, forward: bool) {
    let (Some(case), Some(r)) = (app.case(), &app.reader) else {
        return;
    };
    let mut quotes: Vec<usize> = (0..case.quotes.len())
        .filter(|&q| case.quotes[q].article == r.article)
        .collect();
    quotes.sort_by_key(|&q| case.quotes[q].outer.start);
    let here = r.focus.first().map_or(0, |f| f.start);
    let pick = if forward {
        quotes.iter().find(|&&q| case.quotes[q].outer.start > here)
    } else {
        quotes
            .iter()
            .rev()
            .find(|&&q| case.quotes[q].outer.end <= here)
    };
    let Some(&q) = pick else {
        app.status = Some(format!(
            "no {} quote in this article",
            if forward { "later" } else { "earlier" }
        ));
        return;
    };
    let quote = &case.quotes[q];
    let next = Reader {
        article: r.article,
        focus: quote.parts.clone(),
        quote: Some(q),
        paragraph: quote.paragraph,
        scroll: r.scroll,
    };
    app.reader = Some(next);
    app.layout.requests.reader = Some(ReaderScroll::Show);
}
