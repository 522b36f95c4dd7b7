//! The message pane: the selected event's text wrapped to the pane, then its date (and the
//! phrase it came from), sender, recipients and channel, and each date the sources give when
//! they disagree. Scrolls when it does not fit.

use casefile::Case;
use casefile::extract::DateBasis;
use casefile::timeline::Event;
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::Style;
use ratatui::text::{Line, Span};
use ratatui::widgets::Widget;

use super::timeline::date_cell;
use super::{draw_lines, pane_block, position, theme};
use crate::tui::state::{App, Pane};
use crate::tui::text::{Styled, clean};

/// The message pane, drawn from the app.
pub struct MessagePane<'a>(pub &'a App);

/// Columns of the field labels.
const LABEL: usize = 6;

/// A labelled field: the label on the first line, the value wrapped beside it.
fn field(out: &mut Vec<Line<'static>>, label: &str, value: &Styled, width: usize) {
    let wrapped = value.wrap(width.saturating_sub(LABEL), "");
    for (i, line) in wrapped.into_iter().enumerate() {
        let head = if i == 0 {
            Span::styled(format!("{label:<LABEL$}"), theme::label())
        } else {
            Span::raw(" ".repeat(LABEL))
        };
        let mut spans = vec![head];
        spans.extend(line.spans);
        out.push(Line::from(spans));
    }
}

fn plain(s: &str) -> Styled {
    let mut t = Styled::new();
    t.push(s, Style::new());
    t
}

/// Every line of the pane for `event` at `width` columns.
pub fn lines(case: &Case, event: &Event, width: usize) -> Vec<Line<'static>> {
    let mut out = Vec::new();
    let mut text = Styled::new();
    text.push("“", theme::dim())
        .push(&event.text, Style::new().bold())
        .push("”", theme::dim());
    out.extend(text.wrap(width, ""));
    out.push(Line::from(""));

    let mut date = Styled::new();
    date.push(&date_cell(event), Style::new().bold());
    match (event.date_basis, &event.date_phrase) {
        (Some(DateBasis::Publication), _) => {
            date.push("  publication date: the text gives none", theme::dim());
        }
        (Some(basis), Some(phrase)) => {
            date.push(&format!("  ({}) from “", basis.as_str()), theme::dim())
                .push(phrase, Style::new().italic())
                .push("”", theme::dim());
        }
        _ => {}
    }
    field(&mut out, "Date", &date, width);
    field(&mut out, "From", &plain(&case.sender_name(event)), width);
    let to = case.recipient_names(event);
    let mut to_text = plain(&if to.is_empty() {
        "unknown".to_string()
    } else {
        to.join(", ")
    });
    if event.recipients_inferred {
        to_text.push("  (inferred from their other messages)", theme::dim());
    }
    field(&mut out, "To", &to_text, width);
    let mut via = plain(event.channel.map_or("unknown", |c| c.as_str()));
    if let Some(b) = &event.channel_basis {
        via.push(&format!("  ({b})"), theme::dim());
    }
    field(&mut out, "Via", &via, width);
    let comments = event
        .sources
        .iter()
        .filter(|s| s.section == casefile::corpus::Section::Comments)
        .count();
    let mut outlets: Vec<&str> = event
        .sources
        .iter()
        .map(|s| case.articles[s.article].outlet_or_unknown())
        .collect();
    outlets.sort_unstable();
    outlets.dedup();
    let mut src = format!(
        "{} from {} outlet{}",
        event.sources.len(),
        outlets.len(),
        if outlets.len() == 1 { "" } else { "s" }
    );
    if comments > 0 {
        src.push_str(&format!(", {comments} in reader comments"));
    }
    field(&mut out, "Srcs", &plain(&src), width);

    if !event.date_versions.is_empty() {
        out.push(Line::from(""));
        out.push(Line::styled(
            "Sources disagree on the date:",
            Style::new().fg(ratatui::style::Color::LightRed).bold(),
        ));
        for v in &event.date_versions {
            let which: Vec<String> = v.sources.iter().map(|i| format!("[{}]", i + 1)).collect();
            let mut t = Styled::new();
            t.push("• ", theme::dim())
                .push(&v.when.display(), Style::new().bold())
                .push(&format!(" ({}) from “", v.basis.as_str()), theme::dim())
                .push(&v.phrase, Style::new().italic())
                .push("” ", theme::dim())
                .push(&which.join(" "), theme::label());
            out.extend(t.wrap(width, ""));
        }
    }
    out.push(Line::from(""));
    out.push(Line::styled(clean(&event.id), theme::dim()));
    out
}

impl Widget for MessagePane<'_> {
    fn render(self, area: Rect, buf: &mut Buffer) {
        let app = self.0;
        let inner = super::inner(area);
        let focused = app.focus == Pane::Message;
        let (Some(case), Some(event)) = (app.case(), app.event()) else {
            pane_block("Message", "", focused).render(area, buf);
            return;
        };
        let all = lines(case, event, inner.width as usize);
        let pos = position(app.message_scroll, inner.height as usize, all.len());
        pane_block("Message", &pos, focused).render(area, buf);
        draw_lines(&all, app.message_scroll, inner, buf);
    }
}
