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
//! modifiers are dropped: every emoji left stands alone, 2 columns everywhere. Flags too: a
//! pair of regional indicators ("🇺🇸") is one 2-column grapheme to ratatui but two 1-column
//! cells to tmux 3.3 and a 2-column flag to others, so each regional indicator becomes its
//! letter ("US").
//!
//! The same disagreement remains for any grapheme of several spacing characters (an Indic
//! conjunct "क्ष", a consonant and its vowel sign "कि"): ratatui keeps it in one wide cell and
//! trusts the terminal to clear the cell after it when it is overwritten, while the terminal
//! holds two narrow cells and clears only the first, leaving a stale glyph.
//! [`one_spacing_char_per_cell`] splits such cells after drawing, so that ratatui's cells are
//! the terminal's.
//!
//! Wrapping is our own rather than `Paragraph::wrap` because update needs line counts (to
//! scroll to a paragraph, to keep a selection in view) without drawing.

use std::ops::Range;

use ratatui::buffer::Buffer;
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

/// The letter a regional indicator stands for (U+1F1E6 "🇦" is A).
fn regional_letter(c: char) -> Option<char> {
    let offset = u32::from(c).checked_sub(0x1f1e6).filter(|o| *o < 26)?;
    char::from_u32(u32::from('A') + offset)
}

/// One character made safe for a single line of the screen, or None when it is dropped.
pub fn clean_char(c: char) -> Option<char> {
    if c.is_whitespace() {
        Some(' ')
    } else if is_emoji_glue(c) {
        None
    } else if let Some(letter) = regional_letter(c) {
        Some(letter)
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

/// Splits every cell of `buf` that holds several spacing characters (see the module docs)
/// into one cell per spacing character, each with the marks that follow it. Widths do not
/// change: a cluster is split only when each part is one column and they fill its cells.
pub fn one_spacing_char_per_cell(buf: &mut Buffer) {
    let area = buf.area;
    for y in area.top()..area.bottom() {
        let mut x = area.left();
        while x < area.right() {
            let cell = &buf[(x, y)];
            let symbol = cell.symbol();
            let width = symbol.width();
            if symbol.is_ascii() || width < 2 || x + width as u16 > area.right() {
                x += 1;
                continue;
            }
            let mut parts: Vec<String> = Vec::new();
            for c in symbol.chars() {
                match parts.last_mut() {
                    Some(last) if c.width().unwrap_or(0) == 0 => last.push(c),
                    _ => parts.push(c.to_string()),
                }
            }
            if parts.len() != width || parts.iter().any(|p| p.width() != 1) {
                x += width as u16;
                continue;
            }
            let style = cell.style();
            for (i, part) in parts.iter().enumerate() {
                buf[(x + i as u16, y)].set_symbol(part).set_style(style);
            }
            x += width as u16;
        }
    }
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
    fn flags_become_letters_and_no_cell_holds_two_spacing_characters() {
        assert_eq!(clean("🇺🇸 🇩🇪\u{301}"), "US DE\u{301}");
        // A conjunct is one 2-column grapheme to ratatui, two cells to the terminal: drawn
        // over with blanks, the terminal must be told to clear its second cell too.
        let area = ratatui::layout::Rect::new(0, 0, 8, 1);
        let mut before = Buffer::empty(area);
        before.set_string(0, 0, "aक्षb", Style::default());
        one_spacing_char_per_cell(&mut before);
        assert_eq!(before[(1, 0)].symbol(), "क्");
        assert_eq!(before[(2, 0)].symbol(), "ष");
        assert_eq!(before[(3, 0)].symbol(), "b");
        let after = Buffer::empty(area);
        let cleared: Vec<u16> = before.diff(&after).iter().map(|(x, _, _)| *x).collect();
        assert!(cleared.contains(&2), "{cleared:?}");
        // A wide character stays whole.
        let mut wide = Buffer::empty(area);
        wide.set_string(0, 0, "日本", Style::default());
        one_spacing_char_per_cell(&mut wide);
        assert_eq!(wide[(0, 0)].symbol(), "日");
        assert_eq!(wide[(2, 0)].symbol(), "本");
    }

    #[test]
    fn fit_cuts_with_an_ellipsis() {
        assert_eq!(fit("abcdef", 4), "abc…");
        assert_eq!(fit("日本語", 4), "日…");
        assert_eq!(pad("ab", 4), "ab  ");
    }
}
