//! The screen's rectangles: a pure function of the terminal size, the focus (which matters
//! only on narrow screens) and the popup open. `view` draws into them and `update` uses the
//! same ones to turn clicks and the wheel into selections and to size a page, so neither
//! imports the other. From 120 columns the three panes stand side by side; below, they become
//! tabs and only the focused one shows.

use ratatui::layout::{Constraint, Layout, Margin, Rect, Size};

use super::state::{App, Pane, Popup};

/// Below this width the panes become tabs.
pub const WIDE: u16 = 120;

/// The screen's rectangles.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Areas {
    pub header: Rect,
    /// The tab bar, on narrow screens.
    pub tabs: Option<Rect>,
    /// Each pane's rectangle (border included), when it shows.
    pub panes: [Option<Rect>; 3],
    /// Everything between the header (and tabs) and the status bar: where the reader goes.
    pub body: Rect,
    pub status: Rect,
}

impl Areas {
    pub fn pane(&self, p: Pane) -> Option<Rect> {
        self.panes[p.index()]
    }

    /// The pane's inside (within its border).
    pub fn inner(&self, p: Pane) -> Option<Rect> {
        self.pane(p).map(inner)
    }
}

/// Inside a bordered block.
pub fn inner(r: Rect) -> Rect {
    r.inner(Margin::new(1, 1))
}

/// The layout for a terminal of `size` with `focus` (which matters only on narrow screens).
pub fn areas(size: Size, focus: Pane) -> Areas {
    let full = Rect::new(0, 0, size.width, size.height);
    let [header, rest, status] = Layout::vertical([
        Constraint::Length(1),
        Constraint::Fill(1),
        Constraint::Length(1),
    ])
    .areas(full);
    let mut panes = [None; 3];
    if size.width >= WIDE {
        // The timeline needs its columns most on the narrower of the wide screens.
        let timeline = if size.width < 150 { 44 } else { 40 };
        let [t, m, s] = Layout::horizontal([
            Constraint::Percentage(timeline),
            Constraint::Percentage(26),
            Constraint::Fill(1),
        ])
        .areas(rest);
        panes = [Some(t), Some(m), Some(s)];
        Areas {
            header,
            tabs: None,
            panes,
            body: rest,
            status,
        }
    } else {
        let [tabs, pane] =
            Layout::vertical([Constraint::Length(1), Constraint::Fill(1)]).areas(rest);
        panes[focus.index()] = Some(pane);
        Areas {
            header,
            tabs: Some(tabs),
            panes,
            body: rest,
            status,
        }
    }
}

/// The tab labels and the columns each takes on the tab bar.
pub fn tab_cells(focus: Pane) -> Vec<(Pane, String, Range)> {
    let mut x = 1;
    Pane::ALL
        .iter()
        .map(|&p| {
            let label = if p == focus {
                format!("[ {} ]", p.title())
            } else {
                format!("  {}  ", p.title())
            };
            let w = label.chars().count() as u16;
            let cell = (p, label, x..x + w);
            x += w + 1;
            cell
        })
        .collect()
}

type Range = std::ops::Range<u16>;

/// A rectangle of at most `w` x `h` centred in `area`.
pub fn centered(area: Rect, w: u16, h: u16) -> Rect {
    let w = w.min(area.width);
    let h = h.min(area.height);
    Rect::new(
        area.x + (area.width - w) / 2,
        area.y + (area.height - h) / 2,
        w,
        h,
    )
}

/// Where a popup goes on a screen of `size`.
pub fn popup_area(size: Size, popup: &Popup) -> Rect {
    let full = Rect::new(0, 0, size.width, size.height);
    match popup {
        Popup::Search(_) => centered(full, 110, size.height.saturating_sub(2).min(34)),
        Popup::Help { .. } => {
            let two = (2 * HELP_COLUMN + 4) as u16;
            let w = if size.width >= two {
                two
            } else {
                HELP_COLUMN as u16 + 2
            };
            centered(full, w, size.height.saturating_sub(2))
        }
        Popup::Filter(_) => centered(full, 110, 22),
        Popup::Tag(_) => centered(full, 84, 16),
        Popup::Add(_) => centered(full, 96, 7),
        Popup::Annotate(_) => centered(full, 90, size.height.saturating_sub(4).min(22)),
        Popup::Link(_) => centered(full, 110, size.height.saturating_sub(2).min(30)),
        // Two columns, the item and its notes: as wide as the screen allows.
        Popup::Notes(_) => centered(full, 150, size.height.saturating_sub(2).min(30)),
    }
}

// ---- popups ----

/// Columns of one help column.
pub const HELP_COLUMN: usize = 76;

/// The filter popup's filter_parts: the four lists (borders included) and the date field.
pub fn filter_parts(area: Rect) -> ([Rect; 4], Rect) {
    let inner = inner(area);
    let [lists, dates] =
        Layout::vertical([Constraint::Fill(1), Constraint::Length(4)]).areas(inner);
    let cols = Layout::horizontal([
        Constraint::Percentage(30),
        Constraint::Percentage(18),
        Constraint::Percentage(27),
        Constraint::Fill(1),
    ])
    .areas(lists);
    (cols, dates)
}

/// First item shown of a list `height` rows high with the cursor at `cursor`.
pub fn filter_list_offset(cursor: usize, height: usize) -> usize {
    (cursor + 1).saturating_sub(height.max(1))
}

/// Rows of a list inside a note popup of `area` (one line each; query and hints excluded).
pub fn note_list_rows(area: Rect) -> usize {
    (area.height as usize).saturating_sub(6).max(1)
}

/// Lines each result takes.
pub const SEARCH_RESULT_LINES: u16 = 2;
/// Lines above the results: the prompt and the count.
const SEARCH_TOP: u16 = 2;

/// Where the results go inside the popup `area`.
pub fn search_results_area(area: Rect) -> Rect {
    let inner = inner(area);
    Rect::new(
        inner.x,
        inner.y + SEARCH_TOP,
        inner.width,
        inner.height.saturating_sub(SEARCH_TOP),
    )
}

/// How many results fit in the popup `area`.
pub fn visible_search_results(area: Rect) -> usize {
    (search_results_area(area).height / SEARCH_RESULT_LINES).max(1) as usize
}

// ---- the reader ----

/// Widest text column.
pub const READER_MAX_TEXT: u16 = 100;

/// The reader's text column inside `body` (the area between header and status bar).
pub fn reader_text_area(body: Rect) -> Rect {
    let inner = inner(body);
    let w = inner.width.min(READER_MAX_TEXT);
    Rect::new(inner.x + (inner.width - w) / 2, inner.y, w, inner.height)
}

/// The reader's text column on this screen.
pub fn reader_text(app: &App) -> Rect {
    reader_text_area(areas(app.size, app.focus).body)
}

/// The inside of `pane` on this screen (on narrow screens, as it is when it has focus).
pub fn pane_inner(app: &App, pane: Pane) -> Rect {
    areas(app.size, pane).inner(pane).unwrap_or_default()
}
