//! Finding quotations in a paragraph: curly and straight double quotes, with single quotes
//! nested inside left as content. A paragraph with no double quotes at all may be in the
//! British style, quoting with single ones ('Hiya, it'd be great,' it wrote): there a single
//! mark quotes only at a word's edge, so the apostrophes of "it'd" and "Jr's" stay words.
//!
//! Straight quotes carry no direction, so whether a `"` opens or closes is read from its
//! neighbours, falling back to alternation. An opening mark that is never closed is a quote
//! that runs on into the next paragraph (the typographic convention), if that paragraph opens
//! with a quotation mark; otherwise it is a stray mark and no quote is made of it.

use std::ops::Range;

use crate::corpus::Article;

/// One quotation as marked in a paragraph.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QuoteSpan {
    /// From the opening mark to the closing mark, both included.
    pub outer: Range<usize>,
    /// The quoted words, marks excluded.
    pub inner: Range<usize>,
    /// The quote is not closed in this paragraph (a multi-paragraph quote continues).
    pub open_ended: bool,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    Either,
}

/// Whether a mark standing between `before` and `after` opens or closes, read from its
/// neighbours: a space (or bracket, dash) on one side only says which.
fn by_neighbours(before: Option<char>, after: Option<char>) -> Mark {
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–".contains(a));
    match (space_before, space_after) {
        (true, false) => Mark::Open,
        (false, true) => Mark::Close,
        _ => Mark::Either,
    }
}

fn classify(text: &str, i: usize, c: char) -> Option<Mark> {
    match c {
        '“' | '„' | '«' => Some(Mark::Open),
        // Some pages use the closing mark for both ends: before a word, after a space or at
        // the start, it opens.
        '”' => {
            let before = text[..i].chars().next_back();
            let after = text[i + c.len_utf8()..].chars().next();
            let opens = before.is_none_or(|b| b.is_whitespace() || "([{—–-/".contains(b))
                && after.is_some_and(char::is_alphanumeric);
            Some(if opens { Mark::Open } else { Mark::Close })
        }
        '»' => Some(Mark::Close),
        '"' => Some(by_neighbours(
            text[..i].chars().next_back(),
            text[i + 1..].chars().next(),
        )),
        _ => None,
    }
}

/// Two apostrophes standing for a double mark (`''Yes,'' she said`, as some archives and
/// wires write them): the mark and its offset, for a run of apostrophes starting at `i`. A
/// closing run of three is an inner single close and this mark, so a closing mark is the
/// run's last two; an opening one its first two.
fn double_apostrophe(text: &str, i: usize) -> Option<(Mark, usize)> {
    let run = text[i..].bytes().take_while(|&b| b == b'\'').count();
    if run < 2 || text[..i].ends_with('\'') {
        return None;
    }
    let mark = by_neighbours(
        text[..i].chars().next_back(),
        text[i + run..].chars().next(),
    );
    let at = if mark == Mark::Close { i + run - 2 } else { i };
    Some((mark, at))
}

/// Whether `text` holds a single mark that may open a quotation: ‘ or '.
fn has_single_mark(text: &str) -> bool {
    let bytes = text.as_bytes();
    let mut at = 0;
    while let Some(hit) = memchr::memchr2(b'\'', 0xE2, &bytes[at..]) {
        let hit = at + hit;
        if bytes[hit] == b'\'' || text[hit..].starts_with('‘') {
            return true;
        }
        at = hit + 1;
    }
    false
}

/// Quotations in `text` (one paragraph), offsets relative to `text` plus `base`.
///
/// `continues` says the paragraph's first quote is the continuation of an open quote from the
/// paragraph before; such a paragraph starts with an opening mark, and it is consumed as usual.
pub fn find_quotes(text: &str, base: usize) -> Vec<QuoteSpan> {
    let apostrophes = text.contains("''");
    let double = apostrophes || crate::text::next_mark(text, 0, false).is_some();
    if !double && has_single_mark(text) && is_prose(text) {
        return single_quotes(text, base);
    }
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    let mut skip_to = 0;
    let mut next = 0;
    while let Some((i, c)) = crate::text::next_mark(text, next, apostrophes) {
        next = i + c.len_utf8();
        if i < skip_to {
            continue;
        }
        let found = if c == '\'' && apostrophes {
            double_apostrophe(text, i).inspect(|&(_, at)| skip_to = at + 2)
        } else {
            classify(text, i, c).map(|mark| (mark, i))
        };
        let Some((mark, i)) = found else {
            continue;
        };
        match (open, mark) {
            (None, Mark::Open | Mark::Either) => open = Some(i),
            (None, Mark::Close) => {} // stray closing mark
            (Some(start), Mark::Close | Mark::Either) => {
                let end = i + mark_len(text, i);
                spans.push(QuoteSpan {
                    outer: base + start..base + end,
                    inner: base + start + mark_len(text, start)..base + i,
                    open_ended: false,
                });
                open = None;
            }
            (Some(_), Mark::Open) => {
                // A second opening mark before any close: the first was stray (or an inch
                // mark). Start again from here.
                open = Some(i);
            }
        }
    }
    if let Some(start) = open {
        let inner_start = start + mark_len(text, start);
        let inner_end = text.trim_end().len();
        if inner_end > inner_start {
            spans.push(QuoteSpan {
                outer: base + start..base + inner_end,
                inner: base + inner_start..base + inner_end,
                open_ended: true,
            });
        }
    }
    spans.retain(|s| {
        let inner = text[s.inner.start - base..s.inner.end - base].trim();
        s.open_ended || !(inner.is_empty() || is_markup_value(text, s.outer.start - base, inner))
    });
    spans
}

/// Quotation marks around a link or an HTML attribute's value (`<a href="http://…">` left in a
/// saved page) quote nobody.
fn is_markup_value(text: &str, open: usize, inner: &str) -> bool {
    let attribute = text[..open].ends_with('=');
    let link = !inner.contains(char::is_whitespace)
        && ["http://", "https://", "www."]
            .iter()
            .any(|p| inner.starts_with(p));
    attribute || link
}

/// A single mark at a word's edge: opening before a word, closing after one; between two
/// letters it is an apostrophe, and with space on both sides nothing.
fn classify_single(text: &str, i: usize, c: char) -> Option<Mark> {
    if c != '‘' && c != '’' && c != '\'' {
        return None;
    }
    let before = text[..i].chars().next_back();
    let after = text[i + c.len_utf8()..].chars().next();
    let space_before = before.is_none_or(|b| b.is_whitespace() || "([{—–-/:".contains(b));
    let space_after = after.is_none_or(|a| a.is_whitespace() || ".,;:!?)]}—–".contains(a));
    match (space_before, space_after) {
        (true, false) if c != '’' => Some(Mark::Open),
        (false, true) if c != '‘' => Some(Mark::Close),
        _ => None,
    }
}

/// Running text ends a sentence ("….", "…?’"); a headline ("Straw: 'UK will stand firm'")
/// does not, and its single quotes are the headline writer's, not a speaker's.
fn is_prose(text: &str) -> bool {
    let end = text.trim_end().trim_end_matches(['\'', '’', ')']);
    end.ends_with(['.', '!', '?', '…'])
}

/// Quotations marked with single quotes only; an unclosed one is a stray mark (a quote
/// running on into the next paragraph is not told from an apostrophe this way).
fn single_quotes(text: &str, base: usize) -> Vec<QuoteSpan> {
    let mut spans = Vec::new();
    let mut open: Option<usize> = None;
    for (i, c) in text.char_indices() {
        match (open, classify_single(text, i, c)) {
            (_, Some(Mark::Open)) => open = Some(i),
            (Some(start), Some(Mark::Close)) => {
                let inner = base + start + mark_len(text, start)..base + i;
                if !text[inner.start - base..inner.end - base].trim().is_empty() {
                    spans.push(QuoteSpan {
                        outer: base + start..base + i + c.len_utf8(),
                        inner,
                        open_ended: false,
                    });
                }
                open = None;
            }
            _ => {}
        }
    }
    spans
}

fn mark_len(text: &str, at: usize) -> usize {
    if text[at..].starts_with("''") {
        return 2;
    }
    text[at..].chars().next().map_or(1, char::len_utf8)
}

/// Does the paragraph start with an opening quotation mark (so it continues an open quote)?
pub fn opens_with_quote(text: &str) -> bool {
    let t = text.trim_start();
    t.starts_with(['“', '"', '„', '”']) || t.starts_with("''")
}

/// Blanks the quoted words of `range` so that attribution and names are read only from the
/// writer's own words. Offsets are relative to `range.start`.
pub fn masked_paragraph(article: &Article, range: Range<usize>) -> String {
    let text = article.slice(&range);
    let mut masked = text.to_string();
    for q in find_quotes(text, 0) {
        blank(&mut masked, q.inner);
    }
    masked
}

pub(crate) fn blank(s: &mut String, r: Range<usize>) {
    let spaces = " ".repeat(r.len());
    s.replace_range(r, &spaces);
}

#[cfg(test)]
mod tests {
    use super::*;

    fn inners(text: &str) -> Vec<&str> {
        find_quotes(text, 0)
            .into_iter()
            .map(|s| &text[s.inner])
            .collect()
    }

    #[test]
    fn single_quotes_quote_when_a_paragraph_has_no_double_ones() {
        let t = "On 3 October WikiLeaks messaged Trump Jr: 'Hiya, it'd be great if you could push this story.' Trump Jr replied: ‘Already did that earlier today. It’s amazing.’ The group's reply, in the dogs' words, never came.";
        assert_eq!(
            inners(t),
            vec![
                "Hiya, it'd be great if you could push this story.",
                "Already did that earlier today. It’s amazing."
            ]
        );
        // With double quotes in the paragraph, single ones are content.
        let t =
            "“It is ‘putintrump.’ Any comments?” WikiLeaks wrote, in the group's 'usual' style.";
        assert_eq!(inners(t), vec!["It is ‘putintrump.’ Any comments?"]);
    }

    #[test]
    fn curly_quotes_broken_by_an_attribution() {
        let t = "“A PAC run anti-Trump site is about to launch,” Wikileaks wrote. “The PAC is a recycled pro-Iraq war PAC. It is ‘putintrump.’ Any comments?”";
        assert_eq!(
            inners(t),
            vec![
                "A PAC run anti-Trump site is about to launch,",
                "The PAC is a recycled pro-Iraq war PAC. It is ‘putintrump.’ Any comments?"
            ]
        );
    }

    #[test]
    fn straight_quotes_pair_up_across_wrapped_lines() {
        let t = "But \"if the dollar falls steeply, which did not happen\nyesterday,\" said Akira Kawakami. \"Investment is difficult.\"";
        assert_eq!(
            inners(t),
            vec![
                "if the dollar falls steeply, which did not happen\nyesterday,",
                "Investment is difficult."
            ]
        );
    }

    #[test]
    fn open_quote_at_paragraph_end_is_open_ended() {
        let t = "He said: “We will go on. And on.";
        let spans = find_quotes(t, 0);
        assert_eq!(spans.len(), 1);
        assert!(spans[0].open_ended);
        assert_eq!(&t[spans[0].inner.clone()], "We will go on. And on.");
    }

    #[test]
    fn links_and_markup_values_are_no_quotes() {
        let text = r#"Watch it at <a href="http://video.example.com">the site</a>. He said "http://x.example" and "go now.""#;
        assert_eq!(inners(text), vec!["go now."]);
    }

    #[test]
    fn stray_closing_mark_makes_no_quote() {
        assert!(inners("He is 6’2” tall").is_empty());
    }

    #[test]
    fn base_offsets_are_added() {
        let spans = find_quotes("x “ab”", 100);
        assert_eq!(spans[0].inner, 105..107);
    }

    #[test]
    fn two_apostrophes_quote_as_a_double_mark() {
        let t = "''This is less a 'refugee crisis' than an occupation,'' she wrote. ''It's 'Unplugged.'''";
        assert_eq!(
            inners(t),
            vec![
                "This is less a 'refugee crisis' than an occupation,",
                "It's 'Unplugged.'"
            ]
        );
        // An apostrophe alone is still a word's.
        assert!(inners("The candidates' plans, Jones' words.").is_empty());
    }

    #[test]
    fn a_closing_mark_before_a_word_opens() {
        assert_eq!(
            inners("He said: ”We will win,” and left."),
            vec!["We will win,"]
        );
        assert_eq!(inners("”Yes.”"), vec!["Yes."]);
    }

    #[test]
    fn nested_single_quotes_stay_inside() {
        assert_eq!(
            inners("“‘That’s a real smart tough guy’ or something similar,” Wikileaks wrote."),
            vec!["‘That’s a real smart tough guy’ or something similar,"]
        );
    }
}
