//! The one door from text that casefile did not write (articles, file names, front matter,
//! notes, configuration) to a terminal or a text export.
//!
//! A terminal obeys control characters: ESC starts CSI, OSC (OSC 52 writes the clipboard,
//! OSC 0 the window title) and DCS sequences, and in UTF-8 the C1 characters U+0080–U+009F
//! (CSI is U+009B, OSC U+009D) may do the same. Bidirectional overrides reorder what is shown.
//! So every such character becomes U+FFFD (visible, and never obeyed). New lines and tabs are
//! kept, and so is a carriage return that ends a line (`\r\n`, as CSV writes rows).
//!
//! [`printable`] cleans a string; [`CleanWriter`] cleans everything written through it, so that
//! a command writing its text output through one cannot forget a field. JSON stays exact:
//! [`write_json`] escapes every unsafe character as `\uXXXX` (serde_json alone escapes C0 but
//! writes C1, DEL and bidirectional overrides raw), so a JSON reader gets the very text and a
//! terminal shown the JSON gets no control character. The TUI's own `clean` asks [`is_unsafe`]
//! too, so screen and command line refuse the same characters.

use std::borrow::Cow;
use std::io::{self, Write};

/// What an unsafe character is shown as.
pub const REPLACEMENT: char = '\u{fffd}';

/// Bidirectional formatting characters: harmless to the terminal but able to reorder a line.
pub fn is_bidi_control(c: char) -> bool {
    matches!(c, '\u{202a}'..='\u{202e}' | '\u{2066}'..='\u{2069}' | '\u{200e}' | '\u{200f}')
}

/// A character that must never reach a terminal as it is: a control character (C0, DEL, C1;
/// new line and tab included, which callers keep or turn into spaces themselves) or a
/// bidirectional override.
pub fn is_unsafe(c: char) -> bool {
    c.is_control() || is_bidi_control(c)
}

/// Does `s` hold a character that [`printable`] would replace?
pub fn has_unsafe(s: &str) -> bool {
    let bytes = s.as_bytes();
    s.char_indices()
        .any(|(i, c)| is_unsafe(c) && !kept(c, bytes.get(i + 1).copied()))
}

/// New lines and tabs, and a carriage return before a new line, are kept.
fn kept(c: char, next: Option<u8>) -> bool {
    matches!(c, '\n' | '\t') || (c == '\r' && next == Some(b'\n'))
}

/// `s` safe for a terminal or a text file (see the module docs); borrowed when nothing had to
/// change.
pub fn printable(s: &str) -> Cow<'_, str> {
    if !has_unsafe(s) {
        return Cow::Borrowed(s);
    }
    let bytes = s.as_bytes();
    let mut out = String::with_capacity(s.len() + 8);
    for (i, c) in s.char_indices() {
        if is_unsafe(c) && !kept(c, bytes.get(i + 1).copied()) {
            out.push(REPLACEMENT);
        } else {
            out.push(c);
        }
    }
    Cow::Owned(out)
}

/// The first unsafe character of `s` that [`printable`] would replace, for messages that
/// refuse such text ("U+001B").
pub fn first_unsafe(s: &str) -> Option<String> {
    let bytes = s.as_bytes();
    s.char_indices()
        .find(|&(i, c)| is_unsafe(c) && !kept(c, bytes.get(i + 1).copied()))
        .map(|(_, c)| format!("U+{:04X}", c as u32))
}

/// A writer that passes everything written through it to `inner` cleaned by [`printable`].
/// Bytes that are not UTF-8 are replaced too (a terminal in another encoding could read them
/// as C1 controls); a character split between two writes is held until it is whole. A
/// carriage return at the very end of one write is held the same way, to see whether a new
/// line follows.
#[derive(Debug)]
pub struct CleanWriter<W: Write> {
    inner: W,
    /// The start of a character (or a `\r`) not yet known to be whole.
    pending: Vec<u8>,
}

impl<W: Write> CleanWriter<W> {
    pub fn new(inner: W) -> CleanWriter<W> {
        CleanWriter {
            inner,
            pending: Vec::new(),
        }
    }

    /// Writes `bytes` to the inner writer as they are: for the writer's own escape sequences
    /// (bold on a terminal), never for text from outside.
    pub fn write_raw(&mut self, bytes: &[u8]) -> io::Result<()> {
        self.drain_pending()?;
        self.inner.write_all(bytes)
    }

    /// Cleans and writes what is pending, whole or not.
    fn drain_pending(&mut self) -> io::Result<()> {
        if self.pending.is_empty() {
            return Ok(());
        }
        let rest = std::mem::take(&mut self.pending);
        let text = String::from_utf8_lossy(&rest);
        self.inner.write_all(printable(&text).as_bytes())
    }
}

impl<W: Write> Write for CleanWriter<W> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        let mut data = std::mem::take(&mut self.pending);
        data.extend_from_slice(buf);
        // Hold back an incomplete character (at most 3 bytes) or a final `\r`.
        let mut cut = data.len() - incomplete_tail(&data);
        if cut == data.len() && data.last() == Some(&b'\r') {
            cut -= 1;
        }
        self.pending = data.split_off(cut);
        let text = String::from_utf8_lossy(&data);
        self.inner.write_all(printable(&text).as_bytes())?;
        Ok(buf.len())
    }

    fn flush(&mut self) -> io::Result<()> {
        self.drain_pending()?;
        self.inner.flush()
    }
}

/// How many bytes at the end of `data` start a UTF-8 character that is not complete yet.
fn incomplete_tail(data: &[u8]) -> usize {
    for k in 1..=data.len().min(3) {
        let b = data[data.len() - k];
        match b {
            0x80..=0xBF => continue,
            0xC0..=0xDF => return if k < 2 { k } else { 0 },
            0xE0..=0xEF => return if k < 3 { k } else { 0 },
            0xF0..=0xFF => return if k < 4 { k } else { 0 },
            _ => return 0,
        }
    }
    0
}

impl<W: Write> Drop for CleanWriter<W> {
    fn drop(&mut self) {
        let _ = self.drain_pending();
    }
}

/// `value` as pretty JSON (two-space indents, as `serde_json::to_writer_pretty`) into
/// `writer`, with every unsafe character escaped (see the module docs).
pub fn write_json<W: Write, T: serde::Serialize + ?Sized>(
    writer: W,
    value: &T,
) -> serde_json::Result<()> {
    let mut ser = serde_json::Serializer::with_formatter(writer, SafeJson::default());
    value.serialize(&mut ser)
}

/// [`write_json`] into a string.
pub fn json_string<T: serde::Serialize + ?Sized>(value: &T) -> serde_json::Result<String> {
    let mut out = Vec::new();
    write_json(&mut out, value)?;
    // serde_json writes UTF-8 only.
    Ok(String::from_utf8(out).unwrap_or_default())
}

/// serde_json's pretty formatter, escaping the unsafe characters that it would write raw.
#[derive(Default)]
struct SafeJson(serde_json::ser::PrettyFormatter<'static>);

impl serde_json::ser::Formatter for SafeJson {
    fn write_string_fragment<W: ?Sized + Write>(
        &mut self,
        writer: &mut W,
        fragment: &str,
    ) -> io::Result<()> {
        let mut start = 0;
        for (i, c) in fragment.char_indices() {
            if is_unsafe(c) {
                writer.write_all(&fragment.as_bytes()[start..i])?;
                write!(writer, "\\u{:04x}", c as u32)?;
                start = i + c.len_utf8();
            }
        }
        writer.write_all(&fragment.as_bytes()[start..])
    }

    fn begin_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_array(w)
    }
    fn end_array<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array(w)
    }
    fn begin_array_value<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_array_value(w, first)
    }
    fn end_array_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_array_value(w)
    }
    fn begin_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object(w)
    }
    fn end_object<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object(w)
    }
    fn begin_object_key<W: ?Sized + Write>(&mut self, w: &mut W, first: bool) -> io::Result<()> {
        self.0.begin_object_key(w, first)
    }
    fn begin_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.begin_object_value(w)
    }
    fn end_object_value<W: ?Sized + Write>(&mut self, w: &mut W) -> io::Result<()> {
        self.0.end_object_value(w)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn json_is_exact_and_holds_no_raw_control_character() {
        let value = serde_json::json!({"k\u{9b}": ["a\u{1b}]0;t\u{7}b\u{9d}c\u{7f}\u{202e}é😀\n"]});
        let text = json_string(&value).unwrap();
        assert!(!text.chars().any(|c| is_unsafe(c) && c != '\n'), "{text}");
        let back: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert_eq!(back, value);
        // Clean values come out as serde_json's own pretty printer writes them.
        let plain = serde_json::json!({"a": [1, "b", {"c": null}], "d": []});
        assert_eq!(
            json_string(&plain).unwrap(),
            serde_json::to_string_pretty(&plain).unwrap()
        );
    }

    #[test]
    fn escape_sequences_and_c1_become_replacement_characters() {
        let s = "a\x1b]52;c;aGk=\x07b\x1b[31mc\u{9b}2Jd\u{9d}0;t\u{9c}e\u{202e}f\x7fg\rh";
        let p = printable(s);
        assert!(!p.chars().any(is_unsafe), "{p:?}");
        assert_eq!(
            p,
            "a\u{fffd}]52;c;aGk=\u{fffd}b\u{fffd}[31mc\u{fffd}2Jd\u{fffd}0;t\u{fffd}e\u{fffd}f\u{fffd}g\u{fffd}h"
        );
        assert!(has_unsafe(s));
        assert_eq!(first_unsafe(s).as_deref(), Some("U+001B"));
    }

    #[test]
    fn lines_tabs_and_crlf_are_kept_and_clean_text_is_borrowed() {
        let s = "one\ttwo\r\nthree\n“four” 中文 😀";
        assert!(matches!(printable(s), Cow::Borrowed(_)));
        assert!(!has_unsafe(s));
        assert_eq!(first_unsafe(s), None);
        assert_eq!(printable("a\rb\r"), "a\u{fffd}b\u{fffd}");
    }

    #[test]
    fn the_writer_cleans_across_split_writes() {
        let mut out = Vec::new();
        {
            let mut w = CleanWriter::new(&mut out);
            let text = "é\u{9b}x\r\ny\x1b".as_bytes();
            // One byte at a time: characters and CRLF split between writes.
            for b in text {
                w.write_all(std::slice::from_ref(b)).unwrap();
            }
            w.write_raw(b"\x1b[1m").unwrap();
            w.write_all(b"z\xff\r").unwrap();
        }
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "é\u{fffd}x\r\ny\u{fffd}\x1b[1mz\u{fffd}\u{fffd}"
        );
    }
}
