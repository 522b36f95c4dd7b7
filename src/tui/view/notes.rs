//! Notes on screen: the lines that show an item's notes (star, status, tags, annotations,
//! links and backlinks), used by the message pane and the reader; and the note popups (the
//! tag field, the annotation editor, the link finder, the list of every note).

use casefile::Case;
use casefile::notes::{Backlink, ItemRef, NoteFile, NotesStore, Place};
use ratatui::buffer::Buffer;
use ratatui::layout::{Constraint, Layout, Rect};
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::{Block, BorderType, Paragraph, Widget, Wrap};

use super::theme::{self, Role};
use crate::tui::notes::{Notes, label, marks};
use crate::tui::state::{
    AddPopup, AnnotatePopup, App, LinkPopup, LinkStep, NotesPopup, RELATIONS, TagPopup,
};
use crate::tui::text::{Styled, clean, fit_spans, pad, width as width_of};
use casefile::text::clip;

/// The colour of notes, so they stand apart from the corpus.
pub fn note_style() -> Style {
    theme::style(Role::Note)
}

/// Lines for the notes of `file` (headed by `head`), and what points at its item.
pub fn file_lines(
    case: &Case,
    store: &NotesStore,
    file: &NoteFile,
    head: &str,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut top = Styled::new();
    top.push(head, theme::label());
    if file.star {
        top.push("  ★ starred", theme::style(Role::Star));
    }
    if let Some(v) = &file.verification {
        top.push(&format!("  {}", v.status.as_str()), Style::new().bold());
        if !v.reason.is_empty() {
            top.push(&format!(": {}", v.reason), Style::new());
        }
    }
    out.extend(top.wrap(width, ""));
    if !file.tags.is_empty() {
        let mut t = Styled::new();
        let tags: Vec<String> = file.tags.iter().map(|t| format!("#{t}")).collect();
        t.push(&tags.join(" "), theme::style(Role::Tag));
        out.extend(t.wrap(width, "  "));
    }
    for a in &file.annotations {
        let mut t = Styled::new();
        t.push(
            &format!("✎ {} ", a.updated.format("%Y-%m-%d %H:%M")),
            theme::dim(),
        );
        out.extend(t.wrap(width, "  "));
        out.extend(annotation_lines(&a.text, width, || {
            store.path_of(&file.item.key())
        }));
    }
    for l in &file.links {
        let mut t = Styled::new();
        t.push(&format!("→ {} ", l.relation.label()), Style::new().bold())
            .push(&label(case, &l.to), Style::new());
        out.extend(t.wrap(width, "  "));
    }
    out.extend(backlink_lines(case, store, &file.item, width));
    out
}

/// The most of one annotation laid out on screen: a note pasted from a whole book (or a
/// 200 MB one) would otherwise be wrapped on every frame its event is selected.
const NOTE_BYTES_SHOWN: usize = 16 * 1024;
const NOTE_LINES_SHOWN: usize = 80;

/// An annotation's lines at `width`, at most [`NOTE_LINES_SHOWN`] from its first
/// [`NOTE_BYTES_SHOWN`] bytes, then where the rest is.
fn annotation_lines(
    text: &str,
    width: usize,
    file: impl FnOnce() -> std::path::PathBuf,
) -> Vec<Line<'static>> {
    let mut end = text.len().min(NOTE_BYTES_SHOWN);
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    let mut out = Vec::new();
    for para in text[..end].lines() {
        let mut t = Styled::new();
        t.push(para, note_style());
        out.extend(t.wrap(width, "    "));
        if out.len() > NOTE_LINES_SHOWN {
            break;
        }
    }
    if out.len() > NOTE_LINES_SHOWN || end < text.len() {
        out.truncate(NOTE_LINES_SHOWN);
        let mut t = Styled::new();
        t.push(
            &format!(
                "… cut here ({} in all): the whole note is in {}",
                size(text.len()),
                file().display()
            ),
            theme::dim(),
        );
        out.extend(t.wrap(width, "    "));
    }
    out
}

/// "12 KB", "200 MB".
fn size(bytes: usize) -> String {
    match bytes {
        b if b >= 1_000_000 => format!("{} MB", b / 1_000_000),
        b if b >= 1_000 => format!("{} KB", b / 1_000),
        b => format!("{b} bytes"),
    }
}

/// "← contradicts: event …" for every item pointing at `item`.
pub fn backlink_lines(
    case: &Case,
    store: &NotesStore,
    item: &ItemRef,
    width: usize,
) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    for b in store.backlinks(item) {
        let what = match &b {
            Backlink::Link { link, .. } => format!("← {} ", link.relation.label()),
            Backlink::Supports { status, .. } => format!("← supports “{}” ", status.as_str()),
        };
        let mut t = Styled::new();
        t.push(&what, Style::new().bold())
            .push("from ", theme::dim())
            .push(&label(case, b.from()), Style::new());
        out.extend(t.wrap(width, "  "));
    }
    out
}

/// What the head of a note file says, seen from an event: "this event", "source [2]"...
pub fn head_for(case: &Case, notes: &Notes, event: usize, file: &NoteFile) -> String {
    let e = &case.timeline.events[event];
    match &file.item {
        ItemRef::Event { .. } => "On this event".into(),
        ItemRef::Source { .. } => match notes.placements.get(&file.item.key()) {
            Some(Place::Source { range, .. }) => {
                match e.sources.iter().position(|s| s.span == *range) {
                    Some(i) => format!("On source [{}]", i + 1),
                    None => "On a source".into(),
                }
            }
            _ => "On a source".into(),
        },
        ItemRef::Entity { name } => format!("On {name}"),
        ItemRef::Article { .. } => "On the article".into(),
        ItemRef::Passage { .. } => "On a passage".into(),
    }
}

fn frame(title: &str, hints: &str, area: Rect, buf: &mut Buffer) -> Rect {
    let block = Block::bordered()
        .border_type(BorderType::Thick)
        .border_style(theme::focused_border())
        .title(Line::styled(
            format!(" {} {} ", theme::CURSOR, clean(title)),
            theme::focused_border(),
        ))
        .title_bottom(Line::styled(format!(" {hints} "), theme::dim()));
    let inner = block.inner(area);
    block.render(area, buf);
    inner
}

fn on_line(target: &str, width: usize) -> Line<'static> {
    Line::from(fit_spans(
        vec![
            Span::styled("on ", theme::dim()),
            Span::styled(target.to_string(), Style::new().bold()),
        ],
        width,
    ))
}

fn field_line(text: &str, width: usize) -> Line<'static> {
    Line::from(fit_spans(
        vec![
            Span::styled("› ", theme::focused_border()),
            Span::raw(clean(text)),
            Span::styled("█", theme::focused_border()),
        ],
        width,
    ))
}

/// Why the popup's words were not saved, on one line (cut with "…").
fn error_line(e: &str, area: Rect, buf: &mut Buffer) {
    let line = Line::from(fit_spans(
        vec![Span::styled(clean(e), theme::style(Role::Error))],
        area.width as usize,
    ));
    buf.set_line(area.x, area.y, &line, area.width);
}

/// Draws `rows` (label, marked) from `scroll`, the `selected` one highlighted.
fn list(rows: &[String], selected: usize, scroll: usize, area: Rect, buf: &mut Buffer) {
    for (y, (i, row)) in rows
        .iter()
        .enumerate()
        .skip(scroll)
        .take(area.height as usize)
        .enumerate()
    {
        let here = i == selected;
        let cursor = if here { theme::CURSOR } else { " " };
        let text = pad(&format!("{cursor} {row}"), area.width as usize);
        let style = if here {
            theme::selected()
        } else {
            Style::new()
        };
        buf.set_stringn(area.x, area.y + y as u16, text, area.width as usize, style);
    }
}

/// The tag field: the item, what is typed, the matching tags of the case.
pub struct TagView<'a>(pub &'a TagPopup);

impl Widget for TagView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.0;
        let hints = if p.error.is_some() {
            "Enter tries again · Esc keeps it as a draft"
        } else {
            "Enter adds · -tag removes · Tab completes · ↑/↓ choose · Esc cancels"
        };
        let inner = frame("Tag", hints, area, buf);
        let w = inner.width as usize;
        buf.set_line(inner.x, inner.y, &on_line(&p.target.label, w), inner.width);
        buf.set_line(inner.x, inner.y + 2, &field_line(&p.input, w), inner.width);
        if let Some(e) = &p.error {
            error_line(e, Rect::new(inner.x, inner.y + 3, inner.width, 1), buf);
        }
        let rest = Rect::new(
            inner.x,
            inner.y + 4,
            inner.width,
            inner.height.saturating_sub(4),
        );
        if p.completions.is_empty() {
            let msg = if p.input.trim().is_empty() {
                "no tags in this case yet: type one"
            } else {
                "a new tag"
            };
            buf.set_stringn(rest.x, rest.y, msg, w, theme::dim());
        } else {
            let rows: Vec<String> = p
                .completions
                .iter()
                .map(|t| format!("#{}", clean(t)))
                .collect();
            let scroll = (p.selected + 1).saturating_sub(rest.height as usize);
            list(&rows, p.selected, scroll, rest, buf);
        }
    }
}

/// The annotation editor.
pub struct AnnotateView<'a>(pub &'a AnnotatePopup);

impl Widget for AnnotateView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.0;
        let hints = if p.error.is_some() {
            "Ctrl-S tries again · Esc keeps it as a draft · nothing typed is lost"
        } else {
            "Ctrl-S saves · Esc saves and closes · an empty note is not saved"
        };
        let inner = frame("Annotate", hints, area, buf);
        // The reason whole (a file, a line, what was expected), up to three lines.
        let mut why_lines = Vec::new();
        if let Some(e) = &p.error {
            let mut t = Styled::new();
            t.push(e, theme::style(Role::Error));
            why_lines = t.wrap(inner.width as usize, "");
            why_lines.truncate(3);
        }
        let [on, editor, why] = Layout::vertical([
            Constraint::Length(2),
            Constraint::Fill(1),
            Constraint::Length(why_lines.len() as u16),
        ])
        .areas(inner);
        buf.set_line(
            on.x,
            on.y,
            &on_line(&p.target.label, on.width as usize),
            on.width,
        );
        p.editor.render(editor, buf);
        super::draw_lines(&why_lines, 0, why, buf);
    }
}

/// The add popup (`A`): the URL or path being typed, and why Enter refused it.
pub struct AddView<'a>(pub &'a AddPopup);

impl Widget for AddView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.0;
        let inner = frame(
            "Add an article",
            "a URL, a saved page or a folder · Enter adds it in the background · Esc cancels",
            area,
            buf,
        );
        let [field, _, error] = Layout::vertical([
            Constraint::Length(1),
            Constraint::Length(1),
            Constraint::Length(1),
        ])
        .areas(inner);
        p.editor.render(field, buf);
        if let Some(e) = &p.error {
            buf.set_line(
                error.x,
                error.y,
                &Line::styled(e.clone(), theme::style(Role::Error)),
                error.width,
            );
        }
    }
}

/// The link finder, then the relation.
pub struct LinkView<'a>(pub &'a LinkPopup);

impl Widget for LinkView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let p = self.0;
        let hints = match p.step {
            _ if p.error.is_some() => "Enter tries again · Esc keeps it as a draft",
            LinkStep::Target => "type to find · ↑/↓ choose · Enter next · Esc cancels",
            LinkStep::Relation { .. } => "↑/↓ choose or type a relation · Enter saves · Esc back",
        };
        let inner = frame("Link", hints, area, buf);
        let w = inner.width as usize;
        buf.set_line(inner.x, inner.y, &on_line(&p.from.label, w), inner.width);
        if let Some(e) = &p.error {
            error_line(e, Rect::new(inner.x, inner.y + 3, inner.width, 1), buf);
        }
        let rest = Rect::new(
            inner.x,
            inner.y + 4,
            inner.width,
            inner.height.saturating_sub(4),
        );
        match p.step {
            LinkStep::Target => {
                buf.set_line(inner.x, inner.y + 2, &field_line(&p.query, w), inner.width);
                let rows: Vec<String> = p
                    .hits
                    .iter()
                    .map(|&i| p.targets.candidates[i].label.clone())
                    .collect();
                if rows.is_empty() {
                    buf.set_stringn(rest.x, rest.y, "nothing matches", w, theme::dim());
                }
                let scroll = (p.selected + 1).saturating_sub(rest.height as usize);
                list(&rows, p.selected, scroll, rest, buf);
            }
            LinkStep::Relation { to } => {
                let line = Line::from(fit_spans(
                    vec![
                        Span::styled("to ", theme::dim()),
                        Span::styled(p.targets.candidates[to].label.clone(), Style::new().bold()),
                    ],
                    w,
                ));
                buf.set_line(inner.x, inner.y + 2, &line, inner.width);
                let mut rows: Vec<String> =
                    RELATIONS.iter().map(|r| r.label().to_string()).collect();
                rows.push(format!("other: {}█", clean(&p.custom)));
                list(&rows, p.relation, 0, rest, buf);
            }
        }
    }
}

/// The list of every note, with its search field.
pub struct NotesView<'a>(pub &'a App, pub &'a NotesPopup);

impl Widget for NotesView<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let (app, p) = (self.0, self.1);
        let inner = frame(
            "Notes",
            "type to search · Enter goes to the item · Ctrl-R reloads · Esc closes",
            area,
            buf,
        );
        let w = inner.width as usize;
        let Some(l) = app.loaded() else { return };
        let notes: &Notes = match &l.notes {
            Ok(n) => n,
            Err(e) => {
                Paragraph::new(clean(e))
                    .wrap(Wrap { trim: false })
                    .render(inner, buf);
                return;
            }
        };
        buf.set_line(inner.x, inner.y, &field_line(&p.query, w), inner.width);
        let broken: Vec<String> = notes.store.errors().map(|e| e.to_string()).collect();
        let mut head = format!("{} of {} noted items", p.keys.len(), notes.store.len());
        if !broken.is_empty() {
            head.push_str(&format!(
                " · {} broken file(s): {}",
                broken.len(),
                broken[0]
            ));
        }
        let head_style = if broken.is_empty() {
            theme::dim()
        } else {
            theme::style(Role::Error)
        };
        buf.set_stringn(inner.x, inner.y + 1, clean(&head), w, head_style);
        let rest = Rect::new(
            inner.x,
            inner.y + 3,
            inner.width,
            inner.height.saturating_sub(3),
        );
        // Only the rows on screen are labelled (locating an item is not free).
        let shown = p.scroll..p.scroll + rest.height as usize;
        let files: Vec<Option<&NoteFile>> = p
            .keys
            .iter()
            .enumerate()
            .map(|(i, k)| notes.store.get_key(k).filter(|_| shown.contains(&i)))
            .collect();
        let labels: Vec<String> = files
            .iter()
            .map(|f| f.map(|f| label(&l.case, &f.item)).unwrap_or_default())
            .collect();
        let item_cols = item_column(&labels, w);
        let rows: Vec<String> = files
            .iter()
            .zip(&labels)
            .map(|(f, item)| f.map(|f| row_text(f, item, item_cols)).unwrap_or_default())
            .collect();
        if rows.is_empty() {
            let msg = if notes.store.is_empty() {
                "No notes yet: t tags, a annotates, L links, * stars what is selected."
            } else {
                "No note matches."
            };
            buf.set_stringn(rest.x, rest.y, msg, w, theme::dim());
        } else {
            let head = format!("  {} {}", pad("Item", item_cols), "   Notes");
            buf.set_stringn(inner.x, inner.y + 2, head, w, theme::label());
        }
        list(&rows, p.selected, p.scroll, rest, buf);
    }
}

/// Columns of the item column: as wide as the widest label on screen, leaving the notes 40
/// columns on a wide screen and two fifths of a narrow one.
fn item_column(labels: &[String], width: usize) -> usize {
    let widest = labels.iter().map(|l| width_of(l)).max().unwrap_or(0);
    let room = width.saturating_sub(4);
    widest.min(room.saturating_sub(40).max(room * 3 / 5)).max(4)
}

/// One row of the notes list: the item (an orphan's label says so, and why) in its column,
/// the marks as the timeline shows them (★ or a status, ✎ or #), then the start of the first
/// annotation, the tags and the links.
fn row_text(f: &NoteFile, item: &str, item_cols: usize) -> String {
    let mut parts = Vec::new();
    if let Some(a) = f.annotations.first() {
        parts.push(clip(&a.text, 12));
    }
    if !f.tags.is_empty() {
        let tags: Vec<String> = f.tags.iter().map(|t| format!("#{t}")).collect();
        parts.push(tags.join(" "));
    }
    if !f.links.is_empty() {
        let n = f.links.len();
        parts.push(format!("→ {n} link{}", if n == 1 { "" } else { "s" }));
    }
    let [m1, m2] = marks(&[f]);
    clean(&format!(
        "{} {m1}{m2} {}",
        pad(item, item_cols),
        parts.join(" · ")
    ))
}
