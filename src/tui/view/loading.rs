//! The loading screen: every step of opening the case, the current one with a bar and its
//! count, so that a 10,000-article case shows it is moving (and the cache shows it was used).

use casefile::progress::{LoadStep, ProgressSnapshot};
use ratatui::buffer::Buffer;
use ratatui::layout::Rect;
use ratatui::style::{Style, Stylize};
use ratatui::text::{Line, Span};
use ratatui::widgets::{Paragraph, Widget};

use super::centered;
use super::theme;
use crate::tui::state::LoadingView;
use crate::tui::text::clean;

const WIDTH: u16 = 78;
/// Columns of the current step's bar.
const BAR: usize = 20;
/// Columns of a step's label.
const LABEL: usize = 28;
const SPINNER: [char; 8] = ['⠋', '⠙', '⠹', '⠸', '⠼', '⠴', '⠦', '⠧'];

pub fn render(dir: &str, view: &LoadingView, area: Rect, buf: &mut Buffer) {
    let p = &view.progress;
    let mut lines = vec![
        Line::from("Loading case…".bold()),
        Line::from(Span::styled(clean(dir), theme::dim())),
        Line::from(""),
    ];
    lines.extend(
        LoadStep::LISTED
            .iter()
            .map(|&step| step_line(step, p, view)),
    );
    lines.push(Line::from(""));
    lines.push(Line::from(Span::styled(
        format!(
            "{:.1} s · / searches (it runs once the quotes are indexed) · q quits",
            view.elapsed.as_secs_f64()
        ),
        theme::dim(),
    )));
    let r = centered(area, WIDTH, lines.len() as u16);
    Paragraph::new(lines).render(r, buf);
}

/// The current step in a few words ("finding quotes, 43%"), for places too small for the list.
pub fn summary(view: &LoadingView) -> String {
    let p = &view.progress;
    if p.total > 0 {
        format!("{}, {:.0}%", p.step.label(), p.ratio() * 100.0)
    } else {
        p.step.label().to_string()
    }
}

fn step_line(step: LoadStep, p: &ProgressSnapshot, view: &LoadingView) -> Line<'static> {
    let label = format!("{:<LABEL$}", step.label());
    if step == p.step {
        let spinner = SPINNER[(view.elapsed.as_millis() / 100) as usize % SPINNER.len()];
        let mut spans = vec![
            Span::styled(format!("{spinner} "), theme::accent()),
            Span::styled(label, Style::new().bold()),
        ];
        if p.total > 0 {
            let filled = (p.ratio() * BAR as f64).round() as usize;
            spans.push(Span::styled("█".repeat(filled), theme::accent()));
            spans.push(Span::styled("░".repeat(BAR - filled), theme::dim()));
            spans.push(Span::raw(format!(
                " {} / {} {}",
                grouped(p.done),
                grouped(p.total),
                step.unit()
            )));
        }
        return Line::from(spans);
    }
    if step < p.step && p.has_begun(step) {
        let took = p
            .took(step)
            .map(|d| format!("{:.2} s", d.as_secs_f64()))
            .unwrap_or_default();
        return Line::from(vec![
            Span::styled("✓ ", theme::style(theme::Role::Done)),
            Span::raw(label),
            Span::styled(took, theme::dim()),
        ]);
    }
    if step < p.step {
        // Not run: the cache made it needless, or the cache is off.
        let why = if p.has_begun(LoadStep::CheckingCache) {
            "not needed: the case was cached"
        } else {
            "skipped: the cache is off"
        };
        return Line::from(vec![
            Span::styled("– ", theme::dim()),
            Span::styled(label, theme::dim()),
            Span::styled(why, theme::dim()),
        ]);
    }
    Line::from(Span::styled(format!("  {label}"), theme::dim()))
}

/// 12345 as "12,345".
fn grouped(n: usize) -> String {
    let digits = n.to_string();
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn thousands_are_grouped() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(1000), "1,000");
        assert_eq!(grouped(1234567), "1,234,567");
    }
}
