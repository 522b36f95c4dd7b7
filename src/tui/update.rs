//! `update`: the one function that changes the app, given an action. Pure: no terminal, no
//! clock, no I/O, so key sequences can be tested as data.
//!
//! It dispatches on the mode (`App::mode`), as the keymap does. Where an action depends on
//! what is on screen it reads the screen's rectangles (`screen.rs`) and what the view measured
//! when it last laid the screen out (`App::layout`); a scroll that needs a layout not measured
//! yet (an article just opened, a new width) is left as a request that the view settles
//! (`layout.rs`). Nothing here imports the view.
//!
//! The main panes are handled here; the reader in `update/reader.rs`, the popups in
//! `update/popups.rs`, copying and opening (`y` `Y` `O` `E`) in `update/outside.rs`. What
//! several of those files do (show an event, open the reader, go to a quote) is here, so that
//! they stand on this file and never on each other in a circle.

mod add;
mod link;
mod notes;
mod outside;
mod popups;
mod reader;
#[cfg(test)]
mod tests;

use ratatui::layout::{Position, Size};

use super::action::{Action, Mode};
use super::filters::Filters;
use super::layout::ReaderScroll;
use super::screen::{areas, pane_inner, tab_cells};
use super::state::{App, Pane, Popup, Reader, Row, SearchPopup, SourcesView};
pub use notes::{fill_from_draft, refresh_notes_popup};
use popups::{in_filter, in_help, in_search, open_filter};
use reader::{in_reader, read_source};

/// Most results the search shows.
pub const SEARCH_LIMIT: usize = 200;
/// Lines the wheel scrolls.
const WHEEL: usize = 3;

/// Applies `action` to `app`.
pub fn update(app: &mut App, action: Action) {
    if !matches!(action, Action::Resize { .. } | Action::Wheel { .. }) {
        app.status = None;
    }
    match action {
        Action::Quit => {
            // Quitting from a note popup keeps what was typed (saved, or kept as a draft).
            notes::leave_popup(app);
            app.quit = true;
            return;
        }
        Action::Resize { width, height } => return resize(app, Size::new(width, height)),
        _ => {}
    }
    let before = selection(app);
    match app.mode() {
        Mode::Loading if action == Action::Search => {
            app.popup = Some(Popup::Search(SearchPopup::default()))
        }
        Mode::Loading => {}
        Mode::Main => main(app, action),
        Mode::Reader => in_reader(app, action),
        Mode::Search => in_search(app, action),
        Mode::FilterList | Mode::FilterDates => in_filter(app, action),
        Mode::Help => in_help(app, action),
        Mode::Tag => notes::in_tag(app, action),
        Mode::Annotate => notes::in_annotate(app, action),
        Mode::LinkTarget | Mode::LinkRelation => notes::in_link(app, action),
        Mode::NotesList => notes::in_notes_list(app, action),
        Mode::AddSource => add::in_add(app, action),
    }
    // Notes go to the most specific item again once the user is somewhere else.
    if selection(app) != before {
        app.note_target = 0;
    }
}

/// What is selected, as far as the note target depends on it.
fn selection(app: &App) -> (Option<usize>, usize, Pane, Option<(usize, usize)>) {
    (
        app.event_index(),
        app.sources.selected,
        app.focus,
        app.reader
            .as_ref()
            .map(|r| (r.article, r.focus.first().map_or(usize::MAX, |f| f.start))),
    )
}

/// Moves `at` by `delta` within `0..len`.
fn step(at: usize, delta: isize, len: usize) -> usize {
    if len == 0 {
        return 0;
    }
    at.saturating_add_signed(delta).min(len - 1)
}

/// How far a movement action moves in a list or text `page` lines high.
fn delta(action: Action, page: usize) -> Option<isize> {
    let page = page.max(1) as isize;
    Some(match action {
        Action::Down => 1,
        Action::Up => -1,
        Action::PageDown => page,
        Action::PageUp => -page,
        Action::Top => isize::MIN / 2,
        Action::Bottom => isize::MAX / 2,
        _ => return None,
    })
}

// ---- main panes ----

fn main(app: &mut App, action: Action) {
    match action {
        Action::Up
        | Action::Down
        | Action::PageUp
        | Action::PageDown
        | Action::Top
        | Action::Bottom => match app.focus {
            Pane::Timeline => {
                let page = pane_inner(app, Pane::Timeline).height as usize / 2;
                move_event(app, delta(action, page).unwrap_or(0));
            }
            Pane::Message => {
                let page = pane_inner(app, Pane::Message).height as usize;
                scroll_message(app, delta(action, page.saturating_sub(1)).unwrap_or(0));
            }
            Pane::Sources => move_source(app, action),
        },
        Action::NextPane => focus(app, app.focus.next()),
        Action::PrevPane => focus(app, app.focus.prev()),
        Action::Open => match app.focus {
            Pane::Timeline | Pane::Message => {
                if app.event().is_some_and(|e| !e.sources.is_empty()) {
                    focus(app, Pane::Sources);
                }
            }
            Pane::Sources => read_source(app),
        },
        Action::Read => read_source(app),
        Action::Back => focus(app, Pane::Timeline),
        Action::Search => app.popup = Some(Popup::Search(SearchPopup::default())),
        Action::Filter => open_filter(app),
        Action::ClearFilters => clear_filters(app),
        Action::Help => app.popup = Some(Popup::Help { scroll: 0 }),
        Action::AddSource => add::open(app),
        Action::Click { x, y } => click_main(app, Position::new(x, y)),
        Action::Wheel { x, y, down } => wheel_main(app, Position::new(x, y), down),
        Action::Copy | Action::CopyId | Action::OpenUrl | Action::EditArticle => {
            outside::outside(app, action)
        }
        a => {
            notes::note_key(app, a);
        }
    }
}

/// Opens `r`, to be scrolled so its paragraph shows with two lines of context above (from
/// the top when it is in the first third of a screen anyway) once the view has laid the
/// article out (`ReaderScroll::Open`).
fn open_reader(app: &mut App, r: Reader) {
    if app.case().is_none() {
        return;
    }
    app.reader = Some(r);
    app.layout.requests.reader = Some(ReaderScroll::Open);
}

/// Goes to quote `q`: its event in the timeline with its source selected, or, when it is in
/// no event, the reader. Filters that hide the event are cleared.
fn jump_to_quote(app: &mut App, q: usize) {
    app.popup = None;
    let Some(case) = app.case() else { return };
    let Some(e) = case.timeline.quote_event.get(q).copied().flatten() else {
        let quote = &case.quotes[q];
        let r = Reader {
            article: quote.article,
            focus: quote.parts.clone(),
            quote: Some(q),
            paragraph: quote.paragraph,
            scroll: 0,
        };
        open_reader(app, r);
        app.status = Some("this quote is in no event: opened in the reader".into());
        return;
    };
    let source = case.timeline.events[e]
        .sources
        .iter()
        .position(|s| s.quote == Some(q))
        .unwrap_or(0);
    show_event(app, e, Some(source));
}

/// Shows event `e` (clearing filters that hide it) with source `source` selected in the
/// focused sources pane, or, without one, the timeline focused; the reader closes.
pub(super) fn show_event(app: &mut App, e: usize, source: Option<usize>) {
    app.reader = None;
    if !app.timeline.rows.contains(&Row::Event(e)) {
        app.filters = Filters::default();
        app.refilter();
        app.status = Some("filters cleared to show the event".into());
    }
    if let Some(row) = app.timeline.rows.iter().position(|r| *r == Row::Event(e)) {
        select_row(app, row);
    }
    match source {
        Some(s) => {
            app.sources.selected = s;
            focus(app, Pane::Sources);
        }
        None => focus(app, Pane::Timeline),
    }
}

fn focus(app: &mut App, pane: Pane) {
    app.focus = pane;
    keep_event_visible(app);
    keep_source_visible(app);
}

/// Moves the timeline selection by `delta` events.
fn move_event(app: &mut App, delta: isize) {
    let events: Vec<usize> = (0..app.timeline.rows.len())
        .filter(|&i| matches!(app.timeline.rows[i], Row::Event(_)))
        .collect();
    let Some(cur) = app.timeline.selected else {
        return;
    };
    let at = events.iter().position(|&i| i == cur).unwrap_or(0);
    select_row(app, events[step(at, delta, events.len())]);
}

/// Selects timeline row `row`; a new event starts at its first source, scrolled to the top.
fn select_row(app: &mut App, row: usize) {
    if app.timeline.selected != Some(row) {
        app.timeline.selected = Some(row);
        app.sources = SourcesView::default();
        app.message_scroll = 0;
    }
    keep_event_visible(app);
}

fn keep_event_visible(app: &mut App) {
    let height = pane_inner(app, Pane::Timeline).height as usize;
    let tl = &mut app.timeline;
    let Some(sel) = tl.selected else { return };
    let (starts, total) = tl.line_starts();
    // Show the group heading just above the row when there is one.
    let top = if sel > 0 && matches!(tl.rows[sel - 1], Row::Group(_)) {
        starts[sel - 1]
    } else {
        starts[sel]
    };
    let bottom = starts[sel] + tl.rows[sel].height();
    if top < tl.scroll {
        tl.scroll = top;
    } else if bottom > tl.scroll + height {
        tl.scroll = bottom.saturating_sub(height);
    }
    tl.scroll = tl.scroll.min(total.saturating_sub(height));
    // Never begin with the second line of an event: a list starting with no date nor sender
    // reads as a broken row. Rounding up keeps the selection's bottom in view.
    tl.scroll = row_start(&starts, tl.scroll, true).min(top);
}

/// The first line of the row at `line`, or of the next row when `up` (rounding up).
fn row_start(starts: &[usize], line: usize, up: bool) -> usize {
    match starts.binary_search(&line) {
        Ok(_) => line,
        Err(i) if up => starts.get(i).copied().unwrap_or(line),
        Err(i) => i
            .checked_sub(1)
            .and_then(|i| starts.get(i))
            .copied()
            .unwrap_or(0),
    }
}

fn scroll_message(app: &mut App, delta: isize) {
    let lines = app.layout.measured.message_lines;
    let max = lines.saturating_sub(pane_inner(app, Pane::Message).height as usize);
    app.message_scroll = app.message_scroll.saturating_add_signed(delta).min(max);
}

/// j/k select the next/previous source, but first scroll through a block taller than the pane;
/// PgUp/PgDn scroll a page and select the block at the top.
fn move_source(app: &mut App, action: Action) {
    let spans = app.layout.measured.source_spans.clone();
    if spans.is_empty() {
        return;
    }
    let height = pane_inner(app, Pane::Sources).height as usize;
    let total = spans.last().map_or(0, |r| r.end);
    let max = total.saturating_sub(height);
    let sel = app.sources.selected.min(spans.len() - 1);
    let s = &mut app.sources;
    match action {
        Action::Down if spans[sel].end > s.scroll + height && s.scroll < max => s.scroll += 1,
        Action::Up if spans[sel].start < s.scroll => s.scroll -= 1,
        Action::Down | Action::Up | Action::Top | Action::Bottom => {
            s.selected = step(sel, delta(action, 1).unwrap_or(0), spans.len());
            keep_source_visible(app);
        }
        _ => {
            let d = delta(action, height.saturating_sub(1)).unwrap_or(0);
            s.scroll = s.scroll.saturating_add_signed(d).min(max);
            // Which block is at the top is known once the blocks there are laid out.
            app.layout.requests.select_top_source = true;
        }
    }
}

/// The selected source is to show: the view scrolls to it once the event's sources are laid
/// out (see `view::settle`).
fn keep_source_visible(app: &mut App) {
    app.layout.requests.reveal_source = true;
}

fn click_main(app: &mut App, at: Position) {
    let a = areas(app.size, app.focus);
    if let Some(tabs) = a.tabs
        && tabs.contains(at)
    {
        let x = at.x - tabs.x;
        if let Some((p, _, _)) = tab_cells(app.focus)
            .into_iter()
            .find(|(_, _, cols)| cols.contains(&x))
        {
            focus(app, p);
        }
        return;
    }
    let Some(pane) = Pane::ALL
        .into_iter()
        .find(|&p| a.pane(p).is_some_and(|r| r.contains(at)))
    else {
        return;
    };
    app.focus = pane;
    let inner = pane_inner(app, pane);
    if !inner.contains(at) {
        return;
    }
    let line = (at.y - inner.y) as usize;
    match pane {
        Pane::Timeline => {
            let (starts, _) = app.timeline.line_starts();
            let line = line + app.timeline.scroll;
            if let Some(row) = starts.iter().rposition(|&s| s <= line)
                && matches!(app.timeline.rows[row], Row::Event(_))
            {
                select_row(app, row);
            }
        }
        Pane::Sources => {
            let line = line + app.sources.scroll;
            let spans = &app.layout.measured.source_spans;
            if let Some(i) = spans.iter().position(|r| r.contains(&line)) {
                app.sources.selected = i;
            }
        }
        Pane::Message => {}
    }
}

fn wheel_main(app: &mut App, at: Position, down: bool) {
    let a = areas(app.size, app.focus);
    let Some(pane) = Pane::ALL
        .into_iter()
        .find(|&p| a.pane(p).is_some_and(|r| r.contains(at)))
    else {
        return;
    };
    let d = if down {
        WHEEL as isize
    } else {
        -(WHEEL as isize)
    };
    let height = pane_inner(app, pane).height as usize;
    match pane {
        Pane::Timeline => {
            let (starts, total) = app.timeline.line_starts();
            let max = total.saturating_sub(height);
            let line = app.timeline.scroll.saturating_add_signed(d).min(max);
            app.timeline.scroll = row_start(&starts, line, down);
        }
        Pane::Message => scroll_message(app, d),
        Pane::Sources => {
            let total = app.layout.measured.sources_total();
            let max = total.saturating_sub(height);
            app.sources.scroll = app.sources.scroll.saturating_add_signed(d).min(max);
        }
    }
}

fn clear_filters(app: &mut App) {
    if app.filters.is_empty() {
        return;
    }
    app.filters = Filters::default();
    app.refilter();
    keep_event_visible(app);
    app.status = Some("filters cleared".into());
}

// ---- resize ----

/// A new terminal size: keep the selections in view and the reader on the same paragraph.
/// The wrapped text moves with the width, so the sources, the message and the reader are
/// settled by the view once it has laid them out at the new size.
fn resize(app: &mut App, size: Size) {
    let top_paragraph = match (app.case(), &app.reader) {
        (Some(_), Some(r)) => {
            let lines = &app.layout.measured.paragraph_line;
            lines.iter().rposition(|&l| l <= r.scroll)
        }
        _ => None,
    };
    app.size = size;
    if app.loaded().is_none() {
        return;
    }
    keep_event_visible(app);
    keep_source_visible(app);
    app.layout.requests.clamp_message = true;
    if let (Some(p), Some(_)) = (top_paragraph, &app.reader) {
        app.layout.requests.reader = Some(ReaderScroll::Top(p));
    }
    if let Some(Popup::Search(s)) = &mut app.popup {
        s.scroll = s.selected.min(s.scroll);
    }
}
