//! The help popup: the corpus files the case left out and what was wrong with the
//! configuration (if anything), every key of every mode, generated from the keymap in force,
//! then the mouse and the marks of the timeline.

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Widget};

use super::{draw_lines, position, theme};
use crate::tui::action::{Action, Mode};
use crate::tui::screen::HELP_COLUMN as COLUMN;
use crate::tui::settings::Settings;
use crate::tui::state::App;

/// The help popup, scrolled to `.1`.
pub struct HelpPopup<'a>(pub &'a App, pub usize);

const KEYS_COLS: usize = 28;

/// Modes the help lists, in this order (loading has only "quit").
const LISTED: [Mode; 12] = [
    Mode::Main,
    Mode::Reader,
    Mode::Search,
    Mode::FilterList,
    Mode::FilterDates,
    Mode::Tag,
    Mode::Annotate,
    Mode::LinkTarget,
    Mode::LinkRelation,
    Mode::NotesList,
    Mode::AddSource,
    Mode::Help,
];

/// A key row; keys too long for their column get a line of their own.
fn row(out: &mut Vec<Line<'static>>, keys: &str, what: &str) {
    let what = Span::raw(what.to_string());
    if keys.chars().count() >= KEYS_COLS {
        out.push(Line::styled(format!("  {keys}"), Style::new().bold()));
        out.push(Line::from(vec![Span::raw(" ".repeat(KEYS_COLS + 2)), what]));
    } else {
        out.push(Line::from(vec![
            Span::styled(format!("  {keys:<KEYS_COLS$}"), Style::new().bold()),
            what,
        ]));
    }
}

fn heading(s: &str) -> Line<'static> {
    Line::styled(s.to_string(), theme::accent().bold())
}

/// Actions listed on one row, with what the row says.
const PAIRS: [(Action, Action, &str); 6] = [
    (Action::Down, Action::Up, "down / up a line or item"),
    (Action::PageDown, Action::PageUp, "down / up a screen"),
    (Action::Top, Action::Bottom, "to the top / the end"),
    (Action::NextPane, Action::PrevPane, "next / previous pane"),
    (
        Action::NextQuote,
        Action::PrevQuote,
        "next / previous quote of the article",
    ),
    (
        Action::NextField,
        Action::PrevField,
        "next / previous list or field",
    ),
];

/// Every line of the help at `width` columns: on wide screens, in two columns side by side
/// (split at a heading near the middle).
pub fn lines(app: &App, width: usize) -> Vec<Line<'static>> {
    let mut all = skipped(app);
    all.extend(one_column(&app.settings));
    if width < 2 * COLUMN + 2 {
        return all;
    }
    let half = all.len().div_ceil(2);
    let split = (half..all.len())
        .find(|&i| all[i - 1].spans.iter().all(|s| s.content.is_empty()))
        .unwrap_or(half);
    let (left, right) = all.split_at(split);
    (0..left.len().max(right.len()))
        .map(|i| {
            let mut spans = left.get(i).map(|l| l.spans.clone()).unwrap_or_default();
            let w: usize = spans
                .iter()
                .map(|s| crate::tui::text::width(&s.content))
                .sum();
            spans.push(Span::raw(" ".repeat(COLUMN + 2 - w.min(COLUMN))));
            spans.extend(right.get(i).map(|l| l.spans.clone()).unwrap_or_default());
            Line::from(spans)
        })
        .collect()
}

/// The corpus files the case left out, each with why (as `casefile check` says it).
fn skipped(app: &App) -> Vec<Line<'static>> {
    let files = app.skipped_files();
    if files.is_empty() {
        return Vec::new();
    }
    let root = app.case().map(|c| c.root.clone()).unwrap_or_default();
    let mut out = vec![Line::styled(
        format!(
            "Files skipped when the case was read ({}; casefile check says the same)",
            files.len()
        ),
        theme::style(theme::Role::Error).bold(),
    )];
    for issue in files {
        let path = issue.path.strip_prefix(&root).unwrap_or(&issue.path);
        let text = format!("{}: {}", path.display(), issue.message);
        indented(&mut out, &crate::tui::text::clean(&text));
    }
    out.push(Line::from(""));
    out
}

/// `text` wrapped to the column, the lines after the first indented further.
fn indented(out: &mut Vec<Line<'static>>, text: &str) {
    for (i, l) in wrap(text, COLUMN - 4).into_iter().enumerate() {
        let indent = if i == 0 { "  " } else { "    " };
        out.push(Line::raw(format!("{indent}{l}")));
    }
}

fn one_column(settings: &Settings) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    if !settings.problems.is_empty() {
        out.push(Line::styled(
            "Configuration problems (those settings kept their defaults)",
            theme::style(theme::Role::Error).bold(),
        ));
        for p in &settings.problems {
            indented(&mut out, &crate::tui::text::clean(&p.to_string()));
        }
        out.push(Line::from(""));
    }
    for mode in LISTED {
        out.push(heading(mode.title()));
        let map = settings.keymap.bindings(mode);
        let keys = |action: Action| -> String {
            let k: Vec<String> = map
                .iter()
                .filter(|(_, a)| *a == action)
                .map(|(k, _)| k.label())
                .collect();
            k.join(" ")
        };
        let mut seen: Vec<Action> = Vec::new();
        for (_, action) in map {
            if seen.contains(action) {
                continue;
            }
            seen.push(*action);
            let pair = PAIRS
                .iter()
                .find(|(a, b, _)| a == action && map.iter().any(|(_, x)| x == b));
            match pair {
                Some((a, b, what)) => {
                    seen.push(*b);
                    row(&mut out, &format!("{} / {}", keys(*a), keys(*b)), what);
                }
                None => row(&mut out, &keys(*action), action.help_in(mode)),
            }
        }
        if matches!(
            mode,
            Mode::Search | Mode::FilterDates | Mode::Tag | Mode::LinkTarget | Mode::NotesList
        ) {
            row(&mut out, "other keys", "type text");
        }
        if mode == Mode::LinkRelation {
            row(&mut out, "other keys", "type a relation of your own");
        }
        if mode == Mode::AddSource {
            row(
                &mut out,
                "other keys",
                "type or paste a URL, a saved page or a folder",
            );
        }
        if mode == Mode::Annotate {
            row(
                &mut out,
                "other keys",
                "edit (arrows, Ctrl-A/E, Ctrl-Z undo...)",
            );
        }
        out.push(Line::from(""));
    }
    out.push(heading("Mouse"));
    row(&mut out, "click", "select and focus");
    row(&mut out, "wheel", "scroll what is under the pointer");
    out.push(Line::from(""));
    out.push(heading("Timeline marks"));
    row(&mut out, "~2016-09-20", "approximate");
    row(&mut out, "2016-11-08 18:35", "the time is known");
    row(&mut out, "2017-11", "only the month is known");
    row(
        &mut out,
        "2017-11-13*",
        "publication date: the text gives none",
    );
    row(&mut out, "★ / ✓ ! ✗ ?", "starred / confirmed, disputed...");
    row(&mut out, "✎ / #", "annotated or linked / tagged");
    row(
        &mut out,
        "Filters",
        "f picks sender, channel, outlet, tag or ★, dates",
    );
    row(&mut out, "", "dates like 2016-10-01..2016-10-31 or 2016-10");
    out
}

/// `text` cut at spaces into lines of at most `width` columns (a longer word is cut).
fn wrap(text: &str, width: usize) -> Vec<String> {
    let width = width.max(1);
    let mut lines = vec![String::new()];
    for word in text.split(' ') {
        let last = lines.last_mut().expect("a line");
        let w = crate::tui::text::width(last);
        if w > 0 && w + 1 + crate::tui::text::width(word) > width {
            lines.push(word.to_string());
        } else {
            if w > 0 {
                last.push(' ');
            }
            last.push_str(word);
        }
    }
    lines
        .into_iter()
        .flat_map(|l| {
            let chars: Vec<char> = l.chars().collect();
            chars
                .chunks(width)
                .map(|c| c.iter().collect::<String>())
                .collect::<Vec<_>>()
        })
        .collect()
}

impl Widget for HelpPopup<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let inner = super::inner(area);
        let all = lines(self.0, inner.width as usize);
        let pos = position(self.1, inner.height as usize, all.len());
        Block::bordered()
            .border_type(BorderType::Thick)
            .border_style(theme::focused_border())
            .title(Line::styled(
                format!(" {} Keys {pos} ", theme::CURSOR),
                theme::focused_border(),
            ))
            .title_bottom(Line::styled(" Esc closes ", theme::dim()))
            .render(area, buf);
        draw_lines(&all, self.1, inner, buf);
    }
}
