//! Text for the screen: every string from the corpus passes through here before it becomes a
//! `Span`, and every wrapped text is wrapped here, so that drawing and scrolling agree on how
//! many lines a text takes.
//!
//! `clean` is the only door from corpus text to the terminal: control characters (escape
//! sequences start with one) and bidirectional overrides become U+FFFD (the characters that
//! `casefile::text::clean` refuses on the command line too), white space becomes a plain space. Widths are terminal columns (unicode-width, as ratatui counts them), so CJK,
//! emoji and combining marks keep columns aligned.
//!
//! Emoji sequences are where terminals disagree with unicode-width (and with each other): a
//! zero-width joiner sequence ("👨‍👩‍👧") is one 2-column grapheme to unicode-width but three
//! emoji (6 columns) to tmux and many terminals. So joiners, variation selectors and skin-tone
//! modifiers are dropped: every emoji left stands alone, 2 columns everywhere.
//!
//! Wrapping is our own rather than `Paragraph::wrap` because update needs line counts (to
//! scroll to a paragraph, to keep a selection in view) without drawing.

use std::ops::Range;

use ratatui::style::Style;
use ratatui::text::{Line, Span};
use unicode_width::{UnicodeWidthChar, UnicodeWidthStr};

const REPLACEMENT: char = '\u{fffd}';

/// Characters that only join or restyle emoji, whose width terminals count differently.
fn is_emoji_glue(c: char) -> bool {
    matches!(
        c,
        '\u{200d}' | '\u{fe0e}' | '\u{fe0f}' | '\u{1f3fb}'..='\u{1f3ff}'
    )
}

/// One character made safe for a single line of the screen, or None when it is dropped.
pub fn clean_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        Some(' ')
    } else if is_emoji_glue(c) {
        None
    } else if casefile::text::is_unsafe(c) {
        Some(REPLACEMENT)
    } else {
        Some(c)
    }
}

/// A corpus string made safe for one line: no control character survives, white space is a
/// space (runs kept).
pub fn clean(s: &str) -> String {
    s.chars().filter_map(clean_char).collect()
}

/// Terminal columns of a (clean) string.
pub fn width(s: &str) -> usize {
    s.width()
}

/// Cuts `s` to at most `max` columns, ending with "…" when cut.
pub fn fit(s: &str, max: usize) -> String {
    if s.width() <= max {
        return s.to_string();
    }
    if max == 0 {
        return String::new();
    }
    let mut out = String::new();
    let mut w = 0;
    for c in s.chars() {
        let cw = c.width().unwrap_or(0);
        if w + cw + 1 > max {
            break;
        }
        out.push(c);
        w += cw;
    }
    out.push('…');
    out
}

/// `fit`, then padded with spaces to exactly `cols` columns.
pub fn pad(s: &str, cols: usize) -> String {
    let mut out = fit(s, cols);
    let w = out.width();
    out.extend(std::iter::repeat_n(' ', cols.saturating_sub(w)));
    out
}

/// Cuts a line of spans to `max` columns, ending with "…" when cut.
pub fn fit_spans(spans: Vec<Span<'static>>, max: usize) -> Vec<Span<'static>> {
    let total: usize = spans.iter().map(|s| s.content.width()).sum();
    if total <= max {
        return spans;
    }
    let mut out = Vec::new();
    let mut left = max.saturating_sub(1);
    let mut last_style = Style::default();
    for s in spans {
        if left == 0 {
            break;
        }
        last_style = s.style;
        let w = s.content.width();
        if w <= left {
            left -= w;
            out.push(s);
        } else {
            let cut = fit(&s.content, left + 1);
            let cut = cut.trim_end_matches('…').to_string();
            left = 0;
            out.push(Span::styled(cut, s.style));
        }
    }
    if max > 0 {
        out.push(Span::styled("…", last_style));
    }
    out
}

/// Text as characters with their styles, built up piece by piece, then wrapped.
#[derive(Debug, Clone, Default)]
pub struct Styled {
    chars: Vec<(char, Style)>,
}

impl Styled {
    pub fn new() -> Styled {
        Styled::default()
    }

    /// Appends `s` (cleaned; white space kept as spaces) in `style`.
    pub fn push(&mut self, s: &str, style: Style) -> &mut Styled {
        self.chars
            .extend(s.chars().filter_map(|c| Some((clean_char(c)?, style))));
        self
    }

    /// Appends the corpus text `text`, whose first byte is at offset `base` of its article,
    /// styling each character by `style_at(offset)`. White space runs collapse to one space.
    pub fn push_corpus(
        &mut self,
        text: &str,
        base: usize,
        style_at: impl Fn(usize) -> Style,
    ) -> &mut Styled {
        for (i, c) in text.char_indices() {
            let Some(c) = clean_char(c) else { continue };
            if c == ' ' && self.chars.last().is_none_or(|&(p, _)| p == ' ') {
                continue;
            }
            self.chars.push((c, style_at(base + i)));
        }
        self
    }

    /// Wraps at word boundaries to `width` columns; a word wider than a line is broken.
    /// Every line starts with `indent` (which counts toward the width).
    pub fn wrap(&self, width: usize, indent: &str) -> Vec<Line<'static>> {
        wrap_chars(&self.chars, width, indent)
    }
}

/// Merges runs of equally styled characters into spans.
fn spans_of(cells: &[(char, Style)]) -> Vec<Span<'static>> {
    let mut spans: Vec<Span<'static>> = Vec::new();
    let mut buf = String::new();
    let mut cur: Option<Style> = None;
    for &(c, st) in cells {
        if cur != Some(st) {
            if let Some(s) = cur {
                spans.push(Span::styled(std::mem::take(&mut buf), s));
            }
            cur = Some(st);
        }
        buf.push(c);
    }
    if let Some(s) = cur {
        spans.push(Span::styled(buf, s));
    }
    spans
}

fn word_width(cells: &[(char, Style)]) -> usize {
    let s: String = cells.iter().map(|&(c, _)| c).collect();
    s.width()
}

fn wrap_chars(chars: &[(char, Style)], width: usize, indent: &str) -> Vec<Line<'static>> {
    let indent_w = indent.width();
    if width <= indent_w {
        return Vec::new();
    }
    let avail = width - indent_w;
    // Words: maximal runs of non-spaces; the space before a word keeps its own style.
    let mut words: Vec<(Option<Style>, Range<usize>)> = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let space = if chars[i].0 == ' ' {
            let st = chars[i].1;
            while i < chars.len() && chars[i].0 == ' ' {
                i += 1;
            }
            Some(st)
        } else {
            None
        };
        let start = i;
        while i < chars.len() && chars[i].0 != ' ' {
            i += 1;
        }
        if start < i {
            words.push((space, start..i));
        }
    }
    let mut lines: Vec<Vec<(char, Style)>> = Vec::new();
    let mut line: Vec<(char, Style)> = Vec::new();
    let mut line_w = 0;
    for (space, range) in words {
        let word = &chars[range];
        let w = word_width(word);
        if !line.is_empty() && line_w + 1 + w > avail {
            lines.push(std::mem::take(&mut line));
            line_w = 0;
        }
        if !line.is_empty() {
            line.push((' ', space.unwrap_or_default()));
            line_w += 1;
        }
        if w <= avail - line_w {
            line.extend_from_slice(word);
            line_w += w;
            continue;
        }
        // Longer than a line: break it wherever it reaches the edge.
        for &(c, st) in word {
            let cw = c.width().unwrap_or(0);
            if line_w + cw > avail && !line.is_empty() {
                lines.push(std::mem::take(&mut line));
                line_w = 0;
            }
            line.push((c, st));
            line_w += cw;
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
        .into_iter()
        .map(|cells| {
            let mut spans = Vec::new();
            if !indent.is_empty() {
                spans.push(Span::raw(indent.to_string()));
            }
            spans.extend(spans_of(&cells));
            Line::from(spans)
        })
        .collect()
}

/// Width of a line in columns.
#[cfg(test)]
pub fn line_width(line: &Line) -> usize {
    line.spans.iter().map(|s| s.content.width()).sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_sequences_become_harmless() {
        let s = clean("a\x1b[2Jb\x1b]0;title\x07c\u{202e}d\te\u{9b}");
        assert!(!s.chars().any(|c| c.is_control()), "{s:?}");
        assert_eq!(
            s,
            "a\u{fffd}[2Jb\u{fffd}]0;title\u{fffd}c\u{fffd}d e\u{fffd}"
        );
    }

    #[test]
    fn emoji_sequences_fall_apart_into_emoji_of_two_columns() {
        let s = clean("👨\u{200d}👩\u{200d}👧 👍\u{1f3fd} ❤\u{fe0f}");
        assert_eq!(s, "👨👩👧 👍 ❤");
        let by_char: usize = s.chars().map(|c| c.width().unwrap_or(0)).sum();
        assert_eq!(by_char, width(&s));
    }

    #[test]
    fn wrapping_counts_columns_not_chars() {
        let mut t = Styled::new();
        t.push(
            "日本語 の テキスト 👍👍 e\u{301}te\u{301}",
            Style::default(),
        );
        for line in t.wrap(8, "") {
            assert!(line_width(&line) <= 8, "{line:?}");
        }
        let lines = t.wrap(8, "  ");
        assert!(lines.iter().all(|l| line_width(l) <= 8));
        let text: String = lines
            .iter()
            .flat_map(|l| l.spans.iter().map(|s| s.content.to_string()))
            .collect::<String>()
            .replace("  ", "");
        assert!(text.contains("e\u{301}te\u{301}"));
    }

    #[test]
    fn corpus_text_collapses_white_space() {
        let mut t = Styled::new();
        t.push_corpus("a\n    b\t c", 10, |_| Style::default());
        let line: String = t.wrap(40, "")[0]
            .spans
            .iter()
            .map(|s| s.content.to_string())
            .collect();
        assert_eq!(line, "a b c");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
