//! The popups' part of `update`: the search (typing runs it, Enter goes to the quote), the
//! filter popup (choices apply at once, the date range on Enter) and the help (scrolling).

use ratatui::layout::Position;

use super::{WHEEL, clear_filters, delta, jump_to_quote, keep_event_visible, step};
use crate::tui::action::Action;
use crate::tui::action::Effect;
use crate::tui::filters::DateRange;
use crate::tui::screen::{
    SEARCH_RESULT_LINES, filter_list_offset, filter_parts, inner, popup_area, search_results_area,
    visible_search_results,
};
use crate::tui::state::noting::filter_choices;
use crate::tui::state::{App, FilterField, FilterPopup, Popup, SearchPopup};

fn search_state(app: &mut App) -> Option<&mut SearchPopup> {
    match &mut app.popup {
        Some(Popup::Search(s)) => Some(s),
        _ => None,
    }
}

pub(super) fn in_search(app: &mut App, action: Action) {
    let area = app.popup.as_ref().map(|p| popup_area(app.size, p));
    let visible = area.map_or(1, visible_search_results);
    let query_changed = match action {
        Action::Input(c) => search_state(app).map(|s| s.query.push(c)).is_some(),
        Action::DeleteChar => search_state(app).map(|s| s.query.pop()).is_some(),
        Action::ClearInput => search_state(app).map(|s| s.query.clear()).is_some(),
        _ => false,
    };
    if query_changed {
        // The search runs off this thread; the newest query wins (see `App::search_results`).
        if let Some(s) = search_state(app) {
            s.generation += 1;
            if s.query.trim().is_empty() {
                s.hits.clear();
                s.searching = false;
                s.selected = 0;
                s.scroll = 0;
                return;
            }
            s.searching = true;
            let effect = Effect::Search {
                generation: s.generation,
                query: s.query.clone(),
            };
            app.effects.push(effect);
        }
        return;
    }
    let d = match action {
        Action::Wheel { down, .. } => Some(if down { 1 } else { -1 }),
        a => delta(a, visible),
    };
    match action {
        Action::Open => {
            let q = search_state(app).and_then(|s| s.hits.get(s.selected).map(|h| h.quote));
            if let Some(q) = q {
                jump_to_quote(app, q);
            }
        }
        Action::Back => app.popup = None,
        Action::Click { x, y } => {
            let results = area.map(search_results_area).unwrap_or_default();
            if let Some(s) = search_state(app)
                && results.contains(Position::new(x, y))
            {
                let i = s.scroll + ((y - results.y) / SEARCH_RESULT_LINES) as usize;
                if i < s.hits.len() {
                    s.selected = i;
                }
            }
        }
        _ => {
            if let (Some(d), Some(s)) = (d, search_state(app)) {
                s.selected = step(s.selected, d, s.hits.len());
                if s.selected < s.scroll {
                    s.scroll = s.selected;
                } else if s.selected >= s.scroll + visible {
                    s.scroll = s.selected + 1 - visible;
                }
            }
        }
    }
}

// ---- filters ----

const FIELDS: usize = FilterField::ALL.len();

pub(super) fn open_filter(app: &mut App) {
    let Some(l) = app.loaded() else { return };
    let f = &app.filters;
    let cursor = [
        f.sender
            .as_ref()
            .and_then(|s| l.facets.senders.iter().position(|(n, _)| n == s))
            .map_or(0, |i| i + 1),
        f.channel
            .and_then(|c| l.facets.channels.iter().position(|(n, _)| *n == c))
            .map_or(0, |i| i + 1),
        f.outlet
            .as_ref()
            .and_then(|o| l.facets.outlets.iter().position(|(n, _)| n == o))
            .map_or(0, |i| i + 1),
        f.notes
            .as_ref()
            .and_then(|c| filter_choices(app).iter().position(|(n, _)| n == c))
            .map_or(0, |i| i + 1),
    ];
    app.popup = Some(Popup::Filter(FilterPopup {
        field: FilterField::Sender,
        cursor,
        dates: f.dates.map(|r| r.label()).unwrap_or_default(),
        error: None,
    }));
}

fn list_len(app: &App, k: usize) -> usize {
    let Some(l) = app.loaded() else { return 0 };
    1 + match k {
        0 => l.facets.senders.len(),
        1 => l.facets.channels.len(),
        2 => l.facets.outlets.len(),
        _ => filter_choices(app).len(),
    }
}

/// Puts choice `i` of list `k` in force (0 is "any").
fn choose(app: &mut App, k: usize, i: usize) {
    let Some(l) = app.loaded() else { return };
    let pick = i.checked_sub(1);
    match k {
        0 => {
            app.filters.sender = pick
                .and_then(|i| l.facets.senders.get(i))
                .map(|s| s.0.clone())
        }
        1 => app.filters.channel = pick.and_then(|i| l.facets.channels.get(i)).map(|c| c.0),
        2 => {
            app.filters.outlet = pick
                .and_then(|i| l.facets.outlets.get(i))
                .map(|o| o.0.clone())
        }
        _ => {
            app.filters.notes = pick
                .and_then(|i| filter_choices(app).get(i).cloned())
                .map(|c| c.0)
        }
    }
    app.refilter();
    keep_event_visible(app);
}

pub(super) fn in_filter(app: &mut App, action: Action) {
    let Some(Popup::Filter(f)) = &app.popup else {
        return;
    };
    let area = popup_area(app.size, app.popup.as_ref().expect("popup"));
    let (lists, _) = filter_parts(area);
    let field = f.field;
    let k = FilterField::ALL
        .iter()
        .position(|&x| x == field)
        .unwrap_or(0);
    let page = inner(lists[0]).height as usize;
    let mut f = f.clone();
    match action {
        Action::NextField => f.field = FilterField::ALL[(k + 1) % FIELDS],
        Action::PrevField => f.field = FilterField::ALL[(k + FIELDS - 1) % FIELDS],
        Action::Back => {
            app.popup = None;
            return;
        }
        Action::ClearFilters => {
            clear_filters(app);
            f.cursor = [0; 4];
            f.dates.clear();
            f.error = None;
        }
        Action::Input(c) => f.dates.push(c),
        Action::DeleteChar => {
            f.dates.pop();
        }
        Action::ClearInput => f.dates.clear(),
        Action::Open if field == FilterField::Dates => {
            match (f.dates.trim(), DateRange::parse(&f.dates)) {
                ("", _) => app.filters.dates = None,
                (_, Ok(r)) => app.filters.dates = Some(r),
                (_, Err(e)) => {
                    f.error = Some(e);
                    app.popup = Some(Popup::Filter(f));
                    return;
                }
            }
            app.refilter();
            keep_event_visible(app);
            app.popup = None;
            return;
        }
        Action::Open => choose(app, k, f.cursor[k]),
        Action::Click { x, y } => {
            let at = Position::new(x, y);
            if let Some(j) = lists.iter().position(|r| r.contains(at)) {
                f.field = FilterField::ALL[j];
                let inner = inner(lists[j]);
                if inner.contains(at) {
                    let off = filter_list_offset(f.cursor[j], inner.height as usize);
                    let i = off + (y - inner.y) as usize;
                    if i < list_len(app, j) {
                        f.cursor[j] = i;
                        choose(app, j, i);
                    }
                }
            } else if area.contains(at) {
                f.field = FilterField::Dates;
            }
        }
        a if field != FilterField::Dates => {
            let d = match a {
                Action::Wheel { down, .. } => Some(if down { 1 } else { -1 }),
                a => delta(a, page),
            };
            if let Some(d) = d {
                f.cursor[k] = step(f.cursor[k], d, list_len(app, k));
            }
        }
        _ => {}
    }
    if matches!(
        action,
        Action::Input(_) | Action::DeleteChar | Action::ClearInput
    ) {
        f.error = None;
    }
    app.popup = Some(Popup::Filter(f));
}

// ---- help ----

pub(super) fn in_help(app: &mut App, action: Action) {
    let Some(p @ Popup::Help { .. }) = &app.popup else {
        return;
    };
    let height = inner(popup_area(app.size, p)).height as usize;
    let max = app.layout.measured.help_lines.saturating_sub(height);
    let d = match action {
        Action::Wheel { down, .. } => Some(if down {
            WHEEL as isize
        } else {
            -(WHEEL as isize)
        }),
        a => delta(a, height.saturating_sub(1)),
    };
    match (action, &mut app.popup) {
        (Action::Back, _) => app.popup = None,
        (_, Some(Popup::Help { scroll })) => {
            if let Some(d) = d {
                *scroll = scroll.saturating_add_signed(d).min(max);
            }
        }
        _ => {}
    }
}
