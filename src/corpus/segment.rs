//! Paragraphs and sentences as byte ranges into the article text.
//!
//! Two layouts meet in saved articles: web copy with one paragraph per line, and wire copy
//! hard-wrapped at ~70 columns whose paragraphs begin with an indent or follow a blank line. The
//! layout is decided once per document from a statistic over its lines (see [`is_hard_wrapped`]),
//! never from the file's origin. Sentences are found by a single left-to-right scan that knows
//! abbreviations, initials, decimals, domains, ellipses and quotations.

use std::ops::Range;

use super::words::WordList;

/// A line of the body (ended by `\n`, `\r\n` or a lone `\r`), as offsets into the text.
#[derive(Debug, Clone, Copy)]
struct Line {
    /// First and one-past-last non-whitespace byte; equal when the line is blank.
    trim_start: usize,
    trim_end: usize,
    /// Leading whitespace, in columns (a tab counts four).
    indent: usize,
    /// Length of the trimmed line in characters.
    chars: usize,
}

impl Line {
    fn blank(&self) -> bool {
        self.trim_start == self.trim_end
    }
}

/// Longest word [`word_before`] reads back, in characters.
const WORD_BYTES: usize = 40;

/// A paragraph longer than this (a page saved without line breaks, a PDF's text) is cut at
/// sentence ends into paragraphs of at most this size: the longest paragraph in the shared
/// news corpora is 2.6 KB, and every later step then works on pieces of bounded size.
pub const MAX_PARAGRAPH_BYTES: usize = 16 * 1024;
/// A "sentence" longer than this (a list of names, text without full stops) is cut at the
/// last space before it; no sentence of real prose comes near.
pub const MAX_SENTENCE_BYTES: usize = 4 * 1024;

/// Longest line, in characters, that can still be part of hard-wrapped text.
const WRAP_MAX_CHARS: usize = 100;

fn lines(text: &str, from: usize) -> Vec<Line> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut start = from.min(text.len());
    let mut i = start;
    while start < bytes.len() {
        while i < bytes.len() && bytes[i] != b'\n' && bytes[i] != b'\r' {
            i += 1;
        }
        out.push(make_line(text, start, i));
        if i >= bytes.len() {
            break;
        }
        i += if bytes[i] == b'\r' && bytes.get(i + 1) == Some(&b'\n') {
            2
        } else {
            1
        };
        start = i;
    }
    out
}

fn make_line(text: &str, start: usize, end: usize) -> Line {
    let s = &text[start..end];
    let body = s.trim_start();
    let lead = &s[..s.len() - body.len()];
    let body = body.trim_end();
    let trim_start = start + lead.len();
    Line {
        trim_start,
        trim_end: trim_start + body.len(),
        indent: lead.chars().map(|c| if c == '\t' { 4 } else { 1 }).sum(),
        chars: body.chars().count(),
    }
}

/// A line that is a list item: `- x`, `* x`, `• x`, `1. x`, `2) x` (one or two digits, so that a
/// wrapped line starting with a year such as "1989." is not taken for one).
fn is_list_item(text: &str, line: &Line) -> bool {
    let s = &text[line.trim_start..line.trim_end];
    let mut chars = s.chars();
    match chars.next() {
        Some('-' | '*' | '•' | '+' | '–') => chars.next().is_some_and(char::is_whitespace),
        Some(c) if c.is_ascii_digit() => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            let rest = &s.as_bytes()[digits..];
            digits <= 2
                && matches!(rest.first(), Some(b'.' | b')'))
                && rest.get(1).is_some_and(u8::is_ascii_whitespace)
        }
        _ => false,
    }
}

/// A line that always stands alone: a Markdown heading or a reader-comment header.
fn is_standalone(text: &str, line: &Line) -> bool {
    let s = &text[line.trim_start..line.trim_end];
    s.starts_with('#') || super::comments::comment_header(s).is_some()
}

/// A line that ends like a sentence or a lead-in: terminal punctuation, maybe inside quotes.
fn ends_clause(line: &str) -> bool {
    line.trim_end_matches(is_closer)
        .ends_with(|c| is_terminator(c) || c == ':')
}

/// Decides the layout of a document: hard-wrapped when (almost) no line is longer than
/// [`WRAP_MAX_CHARS`] and at least a quarter of the non-blank lines run on into the next line:
/// a non-blank line that is not a list item, where the first line stops mid-sentence or the
/// next starts in lowercase. One-paragraph-a-line web copy has many long lines and its short
/// consecutive lines end in full stops; wire copy has no long line and runs on nearly everywhere.
fn is_hard_wrapped(text: &str, lines: &[Line]) -> bool {
    let non_blank = lines.iter().filter(|l| !l.blank()).count();
    if non_blank < 2 {
        return false;
    }
    let long = lines.iter().filter(|l| l.chars > WRAP_MAX_CHARS).count();
    let runs_on = lines
        .windows(2)
        .filter(|w| {
            !w[0].blank()
                && !w[1].blank()
                && w[0].chars <= WRAP_MAX_CHARS
                && !is_list_item(text, &w[1])
                && (!ends_clause(&text[w[0].trim_start..w[0].trim_end])
                    || text[w[1].trim_start..].starts_with(char::is_lowercase))
        })
        .count();
    long * 10 <= non_blank && runs_on * 4 >= non_blank
}

/// Paragraph ranges of the body (from `body_start`), trimmed of surrounding whitespace.
pub fn paragraphs(text: &str, body_start: usize) -> Vec<Range<usize>> {
    if body_start > text.len() || !text.is_char_boundary(body_start) {
        return Vec::new();
    }
    let lines = lines(text, body_start);
    let mut out: Vec<Range<usize>> = Vec::new();
    if !is_hard_wrapped(text, &lines) {
        let ranges = lines.iter().filter(|l| !l.blank());
        out.extend(ranges.map(|l| l.trim_start..l.trim_end));
        return out;
    }
    let base_indent = lines.iter().filter(|l| !l.blank()).map(|l| l.indent).min();
    let base_indent = base_indent.unwrap_or(0);
    let mut open = false;
    let mut prev_standalone = false;
    let mut prev_ends_clause = false;
    for line in &lines {
        if line.blank() {
            open = false;
            continue;
        }
        let standalone = is_standalone(text, line);
        // Wire copy indents new paragraphs by several columns; a one-column indent is noise
        // unless a sentence just ended or the line is a lone sign-off such as " REUTER".
        let indented = match line.indent.saturating_sub(base_indent) {
            0 => false,
            1 => {
                prev_ends_clause
                    || text[line.trim_start..line.trim_end]
                        .split_whitespace()
                        .nth(3)
                        .is_none()
            }
            _ => true,
        };
        let starts_new =
            !open || indented || standalone || prev_standalone || is_list_item(text, line);
        match out.last_mut() {
            Some(last) if !starts_new => last.end = line.trim_end,
            _ => out.push(line.trim_start..line.trim_end),
        }
        open = true;
        prev_standalone = standalone;
        prev_ends_clause = ends_clause(&text[line.trim_start..line.trim_end]);
    }
    out
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '。' | '！' | '？')
}

fn is_closer(c: char) -> bool {
    matches!(c, '”' | '"' | '’' | '\'' | ')' | ']' | '}' | '»')
}

fn is_opener(c: char) -> bool {
    matches!(c, '“' | '"' | '‘' | '\'' | '(' | '[' | '«')
}

/// Abbreviations that precede a name or a number: a period after them never ends a sentence.
static PREFIX_ABBREVIATIONS: WordList = WordList::new(
    "\
    mr mrs ms messrs dr prof gen gov sen rep rev hon lt col sgt capt cmdr adm maj st mt ft \
    pres supt vs v e.g i.e cf viz approx ca fig figs nos pp vol ch sec art",
);

/// Abbreviations that often end a sentence too: the period ends one only when the next word is
/// a typical sentence opener ("...Trump Jr. The next day" but "Trump Jr. Had Direct Contact").
static SUFFIX_ABBREVIATIONS: WordList = WordList::new(
    "\
    jr sr inc co corp ltd llc plc bros etc al jan feb mar apr jun jul aug sep sept oct nov \
    dec mon tue tues wed thu thur thurs fri sat sun no dept est esq ph.d u.s u.k",
);

/// Capitalised words that typically open a sentence.
static SENTENCE_OPENERS: WordList = WordList::new(
    "\
    The A An He She It They We I You This That These Those There Here His Her Its Their Our \
    My Your But And Or So Yet In On At For By With As If When While After Before Since \
    Although Though However Meanwhile Still Also Now Then What Who Why How Where Which Some \
    Many Most All No Not One Both Each Other Another Such Last Next Later Earlier Today \
    Yesterday Mr Mrs Ms Dr",
);

/// Byte offsets (relative to `s`) of double quotation marks that close a quotation opened in
/// the same text; paired as a stack for curly marks, left to right for straight ones. Unpaired
/// marks are ignored so that one stray quote cannot swallow a paragraph.
fn quote_spans(s: &str) -> Vec<(usize, usize)> {
    let bytes = s.as_bytes();
    let mut spans = Vec::new();
    let mut curly: Vec<usize> = Vec::new();
    let mut straight: Option<usize> = None;
    let apostrophes = s.contains("''");
    // Only the marks are visited (found by their first bytes); two apostrophes stand for one
    // double mark in some archives (`''Yes,'' she said`).
    let mut next = 0;
    while let Some((i, c)) = crate::text::next_mark(s, next, apostrophes) {
        let (c, len) = if c == '\'' {
            if bytes.get(i + 1) != Some(&b'\'') {
                next = i + 1;
                continue;
            }
            ('"', 2)
        } else {
            (c, c.len_utf8())
        };
        next = i + len;
        match c {
            '“' | '«' => curly.push(i),
            '”' | '»' => {
                if let Some(o) = curly.pop() {
                    spans.push((o, i));
                }
            }
            '"' => {
                // The character before: a mark made of two apostrophes counts as one mark,
                // and neither opens after it.
                let after_space = |p: char| p.is_whitespace() || "([{—–-/“‘".contains(p);
                let opening = s[..i].chars().next_back().is_none_or(after_space);
                match straight {
                    Some(o) if !opening => {
                        spans.push((o, i));
                        straight = None;
                    }
                    _ if opening => straight = Some(i),
                    _ => {}
                }
            }
            _ => {}
        }
    }
    spans
}

/// The word right before byte `pos` of `s` (letters, digits, inner periods), lowercased.
/// Reads at most [`WORD_BYTES`] back: no abbreviation is longer, and a page of dots and
/// letters without a space would otherwise be read back to its start at every dot.
fn word_before(s: &str, pos: usize) -> String {
    let head = &s[..pos];
    let start = head
        .char_indices()
        .rev()
        .take(WORD_BYTES)
        .find(|&(_, c)| !(c.is_alphanumeric() || c == '.' || c == '-'))
        .map_or(pos.saturating_sub(WORD_BYTES), |(i, c)| i + c.len_utf8());
    let start = (start..=pos)
        .find(|&i| head.is_char_boundary(i))
        .unwrap_or(pos);
    head[start..].trim_start_matches(['.', '-']).to_lowercase()
}

fn next_word(s: &str) -> &str {
    let end = s.find(|c: char| !c.is_alphanumeric()).unwrap_or(s.len());
    &s[..end]
}

/// Whether a terminator run `s[t..after_closers]` followed by whitespace and `rest` ends a
/// sentence, given the text before it.
fn ends_sentence(s: &str, t: usize, run: &str, rest: &str) -> bool {
    let Some(next) = rest.chars().next() else {
        return true;
    };
    // "it. ... there's": the ellipsis that follows decides.
    if next.is_lowercase() || is_terminator(next) {
        return false;
    }
    // An opening quote starts a sentence only if what it quotes does ("Jr. “mostly ignored…”"
    // runs on).
    let quote_opens = is_opener(next)
        && rest[next.len_utf8()..]
            .chars()
            .next()
            .is_some_and(|c| !c.is_lowercase());
    let opens_sentence = quote_opens || SENTENCE_OPENERS.contains(next_word(rest));
    let ellipsis = run.contains('…') || run.starts_with("..");
    if ellipsis {
        return opens_sentence;
    }
    if run != "." {
        return true;
    }
    let word = word_before(s, t);
    let is_initial = {
        let mut cs = word.chars();
        cs.next().is_some_and(char::is_alphabetic) && cs.next().is_none()
    };
    if PREFIX_ABBREVIATIONS.contains(&word) {
        return false;
    }
    // Dotted letters ("u.s", "b.a") are abbreviations; dotted numbers ("1.9094") are not.
    let dotted = word.contains('.') && !word.contains(|c: char| c.is_ascii_digit());
    if is_initial || dotted || SUFFIX_ABBREVIATIONS.contains(&word) {
        return opens_sentence;
    }
    true
}

/// Splits `text[range]` into sentence ranges (absolute, trimmed). An out-of-bounds or
/// non-char-boundary range yields no sentence.
pub fn split_sentences(text: &str, range: Range<usize>) -> Vec<Range<usize>> {
    let Some(s) = text.get(range.clone()) else {
        return Vec::new();
    };
    let base = range.start;
    let spans = quote_spans(s);
    // Whether any letter or digit follows a position: asked at every split.
    let last_alnum = s
        .char_indices()
        .rev()
        .find(|&(_, c)| c.is_alphanumeric())
        .map(|(i, _)| i);
    let skip = |from: usize, pred: fn(char) -> bool| {
        from + s[from..].find(|c| !pred(c)).unwrap_or(s.len() - from)
    };
    let mut out = Vec::new();
    let mut start = 0;
    let mut pos = 0;
    // Spans are in the order of their closing marks; those closed before `t` can never hold a
    // later terminator, so the search starts past them.
    let mut open_from = 0;
    // Without a terminator outside ASCII, the next one is found by its byte.
    // (The ideographic ones start with 0xE3 or 0xEF.)
    let ascii_terminators = memchr::memchr2(0xE3, 0xEF, s.as_bytes()).is_none()
        && memchr::memmem::find(s.as_bytes(), "…".as_bytes()).is_none();
    let find_terminator = |from: usize| {
        if ascii_terminators {
            memchr::memchr3(b'.', b'!', b'?', &s.as_bytes()[from..])
        } else {
            s[from..].find(is_terminator)
        }
    };
    while let Some(found) = find_terminator(pos) {
        let t = pos + found;
        let run_end = skip(t, is_terminator);
        let end = skip(run_end, is_closer);
        pos = end;
        let Some(next) = s[end..].chars().next() else {
            break;
        };
        let cjk = s[t..].starts_with(['。', '！', '？']);
        if !next.is_whitespace() && !cjk {
            continue;
        }
        let rest = s[end..].trim_start();
        while open_from < spans.len() && spans[open_from].1 <= t {
            open_from += 1;
        }
        // Inside a quotation, only a terminator right before the closing mark can end a
        // sentence, and only when a capital or a new quotation follows.
        let inside = spans[open_from..]
            .iter()
            .take(64)
            .find(|&&(o, cl)| o < t && t < cl);
        let split = match inside {
            Some(&(_, close)) => {
                let next = rest.chars().next();
                (run_end..end).contains(&close)
                    && next.is_some_and(|n| n.is_uppercase() || is_opener(n))
                    && !attribution_follows(rest)
            }
            None => cjk || ends_sentence(s, t, &s[t..run_end], rest),
        };
        // Trailing symbols (an emoji after "Congrats!") stay with the sentence they follow.
        let more_words = last_alnum.is_some_and(|a| a >= s.len() - rest.len());
        if split && more_words {
            push_trimmed(&mut out, s, base, start..end);
            start = s.len() - rest.len();
        }
    }
    push_trimmed(&mut out, s, base, start..s.len());
    if out.iter().any(|r| r.len() > MAX_SENTENCE_BYTES) {
        out = out
            .into_iter()
            .flat_map(|r| cut_at_spaces(text, r, MAX_SENTENCE_BYTES))
            .collect();
    }
    out
}

/// `range` of `text` in pieces of at most `max` bytes, each cut at the last white space before
/// the limit (at a character boundary when a piece has none), trimmed.
pub fn cut_at_spaces(text: &str, range: Range<usize>, max: usize) -> Vec<Range<usize>> {
    let mut out = Vec::new();
    let mut start = range.start;
    while range.end - start > max {
        let mut limit = start + max;
        while !text.is_char_boundary(limit) {
            limit -= 1;
        }
        let cut = text[start..limit]
            .rfind(char::is_whitespace)
            .filter(|&i| i > 0)
            .map_or(limit, |i| start + i);
        let cut = if cut == start {
            limit.max(start + 1)
        } else {
            cut
        };
        let cut = (cut..=range.end)
            .find(|&i| text.is_char_boundary(i))
            .unwrap_or(range.end);
        push_trimmed(&mut out, text, 0, start..cut);
        start = cut;
    }
    push_trimmed(&mut out, text, 0, start..range.end);
    out
}

/// Cuts every paragraph longer than [`MAX_PARAGRAPH_BYTES`] at sentence ends into pieces of at
/// most that size, so that no later step meets an unbounded paragraph.
pub fn bound_paragraphs(text: &str, ranges: Vec<Range<usize>>) -> Vec<Range<usize>> {
    if ranges.iter().all(|r| r.len() <= MAX_PARAGRAPH_BYTES) {
        return ranges;
    }
    let mut out = Vec::with_capacity(ranges.len());
    for r in ranges {
        if r.len() <= MAX_PARAGRAPH_BYTES {
            out.push(r);
            continue;
        }
        let mut piece: Option<Range<usize>> = None;
        for s in split_sentences(text, r) {
            match piece.as_mut() {
                Some(p) if s.end - p.start <= MAX_PARAGRAPH_BYTES => p.end = s.end,
                _ => out.extend(piece.replace(s)),
            }
        }
        out.extend(piece);
    }
    out
}

/// "“Hope you’re doing well!” Wikileaks wrote on December 16": after a quotation that ends
/// with its own terminator, a name (or pronoun) and a verb of saying continue the sentence.
fn attribution_follows(rest: &str) -> bool {
    static VERBS: WordList = WordList::new(
        "\
        said says wrote writes asked asks responded replied added tweeted continued \
        explained insisted suggested messaged told answered exclaimed wondered declared \
        posted texted emailed",
    );
    let words: Vec<String> = rest
        .split_whitespace()
        .take(5)
        .map(|w| {
            w.trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase()
        })
        .collect();
    let Some(first) = rest.split_whitespace().next() else {
        return false;
    };
    let pronoun = matches!(words[0].as_str(), "he" | "she" | "they" | "it" | "we");
    let went_on = words.windows(2).any(|w| w[0] == "went" && w[1] == "on");
    (first.starts_with(char::is_uppercase) || pronoun)
        && (went_on || words.iter().skip(1).any(|w| VERBS.contains(w)))
}

fn push_trimmed(out: &mut Vec<Range<usize>>, s: &str, base: usize, r: Range<usize>) {
    let piece = &s[r.clone()];
    let lead = piece.len() - piece.trim_start().len();
    let trimmed = piece.trim();
    if !trimmed.is_empty() {
        let start = base + r.start + lead;
        out.push(start..start + trimmed.len());
    }
}

#[cfg(test)]
mod tests;
