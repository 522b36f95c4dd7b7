//! Drawing: the screen layout, the header and status bar, and the root widget that draws each
//! pane and then the overlays (reader, then popup) in a fixed order. Every view draws from
//! `&App` only.
//!
//! The screen's rectangles are a pure function of the terminal size and the focus
//! (`tui/screen.rs`, which `update` uses too); what only drawing knows (how many lines a
//! message or an article wraps to) is measured here and recorded for `update` by [`settle`].

pub mod filter;
pub mod help;
pub mod loading;
pub mod message;
pub mod notes;
pub mod reader;
pub mod search;
mod settle;
pub mod sources;
// The theme is the settings' data; the panes here style with it.
pub(crate) use super::theme;
pub mod timeline;

use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Modifier, Style};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Clear, Paragraph, Widget, Wrap};

// The screen's rectangles, which the panes here draw into.
pub use super::screen::{areas, centered, inner, popup_area, tab_cells};

use super::action::{Action, Mode};
use super::keymap::Keymap;
use super::state::{App, Pane, Phase, Popup};
use super::text::{self, clean, fit_spans};
pub use settle::settle;
use theme::Role;

/// A pane's frame: thick and coloured with a "▶" in the title when focused.
pub fn pane_block(title: &str, extra: &str, focused: bool) -> Block<'static> {
    let mut spans = vec![if focused {
        Span::styled(
            format!(" {} {title} ", theme::CURSOR),
            theme::focused_border(),
        )
    } else {
        Span::styled(format!(" {title} "), theme::label())
    }];
    if !extra.is_empty() {
        spans.push(Span::styled(format!("{extra} "), theme::dim()));
    }
    let block = Block::bordered().title(Line::from(spans));
    if focused {
        block
            .border_type(BorderType::Thick)
            .border_style(theme::focused_border())
    } else {
        block.border_style(theme::border())
    }
}

impl Widget for &App {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let _theme = self.settings.theme.apply();
        let a = areas(area.as_size(), self.focus);
        self.render_header(a.header, buf);
        match &self.phase {
            Phase::Loading(view) => loading::render(&self.case_dir, view, a.body, buf),
            Phase::Failed(e) => failed(&self.case_dir, e, a.body, buf),
            Phase::Ready(_) => {
                if let Some(r) = a.tabs {
                    tabs(self.focus, r, buf);
                }
                if let Some(r) = a.pane(Pane::Timeline) {
                    timeline::TimelinePane(self).render(r, buf);
                }
                if let Some(r) = a.pane(Pane::Message) {
                    message::MessagePane(self).render(r, buf);
                }
                if let Some(r) = a.pane(Pane::Sources) {
                    sources::SourcesPane(self).render(r, buf);
                }
                if self.reader.is_some() {
                    reader::ReaderView(self).render(a.body, buf);
                }
            }
        }
        self.render_status(a.status, buf);
        if let Some(p) = &self.popup {
            let r = popup_area(area.as_size(), p);
            Clear.render(r, buf);
            match p {
                Popup::Help { scroll } => help::HelpPopup(self, *scroll).render(r, buf),
                Popup::Search(s) => search::SearchView(self, s).render(r, buf),
                Popup::Filter(f) => filter::FilterView(self, f).render(r, buf),
                Popup::Tag(t) => notes::TagView(t).render(r, buf),
                Popup::Annotate(a) => notes::AnnotateView(a).render(r, buf),
                Popup::Link(l) => notes::LinkView(l).render(r, buf),
                Popup::Notes(n) => notes::NotesView(self, n).render(r, buf),
                Popup::Add(a) => notes::AddView(a).render(r, buf),
            }
        }
        text::one_spacing_char_per_cell(buf);
    }
}

impl App {
    fn render_header(&self, area: Rect, buf: &mut Buffer) {
        let mut spans = vec![Span::styled(" casefile ", theme::style(Role::Badge))];
        if let Some(l) = self.loaded() {
            let c = &l.case;
            spans.push(Span::styled(
                format!(" {} ", clean(&l.name)),
                Style::new().bold(),
            ));
            let mut counts = format!(
                " {} articles · {} events · {} quotes",
                c.articles.len(),
                c.timeline.events.len(),
                c.quotes.len()
            );
            // Files left out come first: they must not be cut off on a narrow screen.
            let skipped = self.skipped_files().len();
            if skipped > 0 {
                let files = if skipped == 1 { "file" } else { "files" };
                spans.push(Span::styled(
                    format!(" {skipped} {files} skipped — casefile check, ? lists "),
                    theme::style(Role::Error),
                ));
            }
            if !self.filters.is_empty() {
                counts.push_str(&format!(" · showing {}", self.timeline.shown));
            }
            spans.push(Span::styled(counts, theme::dim()));
        }
        let line = Line::from(fit_spans(spans, area.width as usize));
        buf.set_style(area, theme::style(Role::Bar));
        buf.set_line(area.x, area.y, &line, area.width);
    }

    fn render_status(&self, area: Rect, buf: &mut Buffer) {
        let mode = self.mode();
        let mut spans = Vec::new();
        if let Some(msg) = &self.status {
            spans.push(Span::styled(
                format!(" {} ", clean(msg)),
                theme::style(Role::Status),
            ));
            spans.push(Span::raw(" "));
        }
        if let Some(w) = &self.waiting {
            spans.push(Span::styled(
                format!(
                    " waiting for another casefile to finish saving notes… {} s ",
                    w.elapsed.as_secs()
                ),
                theme::style(Role::FilterBadge),
            ));
            spans.push(Span::raw(" "));
        }
        if let Some(adding) = &self.adding {
            spans.push(Span::styled(
                format!(
                    " adding {}: {}… ",
                    clean(&adding.source),
                    clean(&adding.stage)
                ),
                theme::style(Role::FilterBadge),
            ));
            spans.push(Span::raw(" "));
        }
        if !self.filters.is_empty() && matches!(mode, Mode::Main | Mode::FilterList) {
            spans.push(Span::styled(
                format!(" filter: {} ", clean(&self.filters.summary())),
                theme::style(Role::FilterBadge),
            ));
            spans.push(Span::styled(
                format!(
                    " {} clears ",
                    self.settings
                        .keymap
                        .keys_for(Mode::Main, Action::ClearFilters)
                        .join("/")
                ),
                theme::dim(),
            ));
        }
        // How to get help and how to leave are never cut off: the other hints give way
        // (whole, with a "…"), then the message.
        let mut pinned = Vec::new();
        let mut others = Vec::new();
        for (keys, label) in hints(&self.settings.keymap, mode, self.focus) {
            let hint = [
                Span::styled(format!(" {keys}"), Style::new().bold()),
                Span::styled(format!(" {label} "), theme::dim()),
            ];
            if matches!(label, "keys" | "quit") {
                pinned.extend(hint);
            } else {
                others.push(hint);
            }
        }
        let width = area.width as usize;
        let pinned_w: usize = pinned.iter().map(|s| text::width(&s.content)).sum();
        let room = width.saturating_sub(pinned_w);
        let used =
            |spans: &[Span]| -> usize { spans.iter().map(|s| text::width(&s.content)).sum() };
        let count = others.len();
        for (i, hint) in others.into_iter().enumerate() {
            // Room for this hint, and for the "…" that says more were left out.
            let after = if i + 1 == count { 0 } else { 2 };
            if used(&spans) + used(&hint) + after > room {
                if used(&spans) + 2 <= room {
                    spans.push(Span::styled(" …", theme::dim()));
                }
                break;
            }
            spans.extend(hint);
        }
        let mut line = fit_spans(spans, room);
        if pinned_w <= width {
            line.extend(pinned);
        }
        let line = Line::from(fit_spans(line, width));
        buf.set_style(area, theme::style(Role::Bar));
        buf.set_line(area.x, area.y, &line, area.width);
    }
}

/// The status bar's key hints for the mode and pane: (keys, what they do). Keys come from the
/// keymap.
pub fn hints(keymap: &Keymap, mode: Mode, focus: Pane) -> Vec<(String, &'static str)> {
    use Action::*;
    let list: &[(&[Action], &'static str)] = match (mode, focus) {
        (Mode::Loading, _) => &[(&[Search], "search"), (&[Quit], "quit")],
        (Mode::Main, Pane::Timeline) => &[
            (&[Down, Up], "move"),
            (&[Open], "sources"),
            (&[Read], "read"),
            (&[Search], "search"),
            (&[Filter], "filter"),
            (&[Tag, Annotate, Link, Star], "note"),
            (&[NotesList], "notes"),
            (&[NextPane], "pane"),
            (&[Help], "keys"),
            (&[Quit], "quit"),
        ],
        (Mode::Main, Pane::Message) => &[
            (&[Down, Up], "scroll"),
            (&[Open], "sources"),
            (&[Read], "read"),
            (&[Back], "timeline"),
            (&[Search], "search"),
            (&[NextPane], "pane"),
            (&[Help], "keys"),
            (&[Quit], "quit"),
        ],
        (Mode::Main, Pane::Sources) => &[
            (&[Down, Up], "move"),
            (&[Open], "read article"),
            (&[Back], "timeline"),
            (&[Tag, Annotate, Link, Star], "note"),
            (&[Search], "search"),
            (&[NextPane], "pane"),
            (&[Help], "keys"),
            (&[Quit], "quit"),
        ],
        (Mode::Reader, _) => &[
            (&[Down, Up], "scroll"),
            (&[NextQuote, PrevQuote], "quotes"),
            (&[NextParagraph, PrevParagraph], "paragraphs"),
            (&[Tag, Annotate, Link, Star], "note"),
            (&[Open], "quote's event"),
            (&[Back], "back"),
            (&[Help], "keys"),
            (&[Quit], "quit"),
        ],
        (Mode::Search, _) => &[
            (&[Up, Down], "select"),
            (&[Open], "go to"),
            (&[ClearInput], "clear"),
            (&[Back], "close"),
        ],
        (Mode::FilterList, _) => &[
            (&[Down, Up], "move"),
            (&[Open], "choose"),
            (&[NextField], "next list"),
            (&[ClearFilters], "clear all"),
            (&[Back], "close"),
        ],
        (Mode::FilterDates, _) => &[
            (&[Open], "apply"),
            (&[NextField], "next list"),
            (&[ClearInput], "clear"),
            (&[Back], "close"),
        ],
        (Mode::Help, _) => &[(&[Down, Up], "scroll"), (&[Back], "close")],
        (Mode::Tag, _) => &[
            (&[Open], "add"),
            (&[Complete], "complete"),
            (&[Back], "cancel"),
        ],
        (Mode::Annotate, _) => &[(&[Save], "save"), (&[Back], "save and close")],
        (Mode::LinkTarget, _) => &[
            (&[Up, Down], "select"),
            (&[Open], "choose"),
            (&[Back], "cancel"),
        ],
        (Mode::LinkRelation, _) => &[
            (&[Up, Down], "relation"),
            (&[Open], "save"),
            (&[Back], "back"),
        ],
        (Mode::NotesList, _) => &[
            (&[Up, Down], "select"),
            (&[Open], "go to"),
            (&[Reload], "reload"),
            (&[Back], "close"),
        ],
        (Mode::AddSource, _) => &[
            (&[Open], "add"),
            (&[ClearInput], "clear"),
            (&[Back], "cancel"),
        ],
    };
    list.iter()
        .map(|(actions, label)| {
            let keys: Vec<String> = actions
                .iter()
                .filter_map(|a| keymap.keys_for(mode, *a).into_iter().next())
                .collect();
            (keys.join("/"), *label)
        })
        .collect()
}

fn tabs(focus: Pane, area: Rect, buf: &mut Buffer) {
    for (p, label, cols) in tab_cells(focus) {
        let style = if p == focus {
            theme::focused_border().add_modifier(Modifier::REVERSED)
        } else {
            theme::label()
        };
        if cols.start < area.width {
            buf.set_stringn(
                area.x + cols.start,
                area.y,
                label,
                (area.width - cols.start) as usize,
                style,
            );
        }
    }
}

fn failed(dir: &str, err: &str, area: Rect, buf: &mut Buffer) {
    let text = vec![
        Line::from(Span::styled(
            "The case could not be opened",
            theme::style(Role::Error).bold(),
        )),
        Line::from(""),
        Line::from(clean(err)),
        Line::from(""),
        Line::from(Span::styled(format!("case: {}", clean(dir)), theme::dim())),
        Line::from(Span::styled("q quits", theme::dim())),
    ];
    let r = centered(area, 90, 10);
    Paragraph::new(text)
        .wrap(Wrap { trim: false })
        .block(Block::bordered().border_style(theme::style(Role::Error)))
        .render(r, buf);
}

/// Draws `lines` from line `scroll` into `area`, without wrapping (they are wrapped already).
pub fn draw_lines(lines: &[Line<'static>], scroll: usize, area: Rect, buf: &mut Buffer) {
    for (i, line) in lines
        .iter()
        .skip(scroll)
        .take(area.height as usize)
        .enumerate()
    {
        buf.set_line(area.x, area.y + i as u16, line, area.width);
    }
}

/// A scroll position shown in a pane's title: "12-30/80".
pub fn position(scroll: usize, height: usize, total: usize) -> String {
    if total <= height {
        String::new()
    } else {
        format!("{}-{}/{}", scroll + 1, (scroll + height).min(total), total)
    }
}
