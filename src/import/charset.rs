//! Bytes of a page to text: the charset from a byte-order mark, else the `Content-Type`
//! header, else the page's own `<meta charset>` (or `http-equiv`), else UTF-8 when the bytes
//! are valid UTF-8, else Windows-1252 (what browsers assume for "Latin-1" pages).
//!
//! `encoding_rs` does the decoding and knows the WHATWG labels ("latin1", "iso-8859-1" and
//! "us-ascii" all mean Windows-1252 on the web), so a label is never matched by hand.

use encoding_rs::{Encoding, UTF_8, WINDOWS_1252};

/// Bytes of the page searched for a `<meta>` charset, as browsers do.
const META_SCAN_BYTES: usize = 4096;

/// Decoded page text and the name of the encoding used.
#[derive(Debug, Clone, PartialEq)]
pub struct DecodedPage {
    pub text: String,
    pub encoding: &'static str,
    /// Some bytes were not valid in that encoding and became U+FFFD.
    pub lossy: bool,
}

/// Decodes `bytes`, preferring `header_charset` (from HTTP) over the page's own declaration.
pub fn decode_page(bytes: &[u8], header_charset: Option<&str>) -> DecodedPage {
    let declared = header_charset
        .and_then(|label| Encoding::for_label(label.trim().as_bytes()))
        .or_else(|| meta_charset(bytes));
    let encoding = match declared {
        // A page saved by a browser is re-encoded as UTF-8 but may keep its old <meta>.
        Some(e) if e != UTF_8 && header_charset.is_none() && std::str::from_utf8(bytes).is_ok() => {
            UTF_8
        }
        Some(e) => e,
        None if std::str::from_utf8(bytes).is_ok() => UTF_8,
        None => WINDOWS_1252,
    };
    // `decode` sniffs a BOM first, which overrides everything else.
    let (text, used, lossy) = encoding.decode(bytes);
    DecodedPage {
        text: text.into_owned(),
        encoding: used.name(),
        lossy,
    }
}

/// The encoding named by `<meta charset="…">` or `<meta http-equiv="Content-Type"
/// content="…; charset=…">` near the start of the page. UTF-16 labels there mean UTF-8 (the
/// page could not have been read as ASCII otherwise).
fn meta_charset(bytes: &[u8]) -> Option<&'static Encoding> {
    let head = &bytes[..bytes.len().min(META_SCAN_BYTES)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let mut rest = head.as_str();
    while let Some(at) = rest.find("<meta") {
        rest = &rest[at + 5..];
        let tag = &rest[..rest.find('>').unwrap_or(rest.len())];
        if let Some(at) = tag.find("charset") {
            let value = tag[at + 7..].trim_start();
            let Some(value) = value.strip_prefix('=') else {
                continue;
            };
            let value = value.trim_start().trim_start_matches(['"', '\'']);
            let end = value
                .find(|c: char| c == '"' || c == '\'' || c == ';' || c == '/' || c.is_whitespace())
                .unwrap_or(value.len());
            if let Some(e) = Encoding::for_label(&value.as_bytes()[..end]) {
                return Some(
                    if e == encoding_rs::UTF_16LE || e == encoding_rs::UTF_16BE {
                        UTF_8
                    } else {
                        e
                    },
                );
            }
        }
    }
    None
}

/// Whether bytes served without a content type look like an HTML page.
pub fn looks_like_html(bytes: &[u8]) -> bool {
    let head = &bytes[..bytes.len().min(1024)];
    let head = String::from_utf8_lossy(head).to_ascii_lowercase();
    let head = head.trim_start_matches('\u{feff}').trim_start();
    [
        "<!doctype html",
        "<html",
        "<head",
        "<body",
        "<!--",
        "<meta",
        "<title",
    ]
    .iter()
    .any(|start| head.starts_with(start))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_then_meta_then_utf8_then_windows_1252() {
        let latin1 = b"<html><p>caf\xe9 \xa315</p></html>";
        let d = decode_page(latin1, Some("ISO-8859-1"));
        assert_eq!(d.text, "<html><p>café £15</p></html>");
        assert_eq!(d.encoding, "windows-1252");
        assert!(!d.lossy);
        // No header, no meta, not UTF-8: Windows-1252.
        assert_eq!(decode_page(latin1, None).text, d.text);
        let meta = b"<meta http-equiv=\"Content-Type\" content=\"text/html; charset=iso-8859-15\"><p>\xa4</p>";
        let d = decode_page(meta, None);
        assert_eq!(d.encoding, "ISO-8859-15");
        assert!(d.text.ends_with("<p>€</p>"));
        let d = decode_page("<meta charset='utf-8'><p>é</p>".as_bytes(), None);
        assert_eq!((d.encoding, d.text.ends_with("é</p>")), ("UTF-8", true));
    }

    #[test]
    fn a_utf8_page_keeping_an_old_meta_is_read_as_utf8() {
        let page = "<meta charset=\"windows-1252\"><p>naïve — “quoted”</p>";
        let d = decode_page(page.as_bytes(), None);
        assert_eq!(d.text, page);
        // The server's word wins over a guess.
        let d = decode_page(page.as_bytes(), Some("windows-1252"));
        assert_ne!(d.text, page);
    }

    #[test]
    fn bom_wins() {
        let mut bytes = vec![0xEF, 0xBB, 0xBF];
        bytes.extend_from_slice("<p>é</p>".as_bytes());
        let d = decode_page(&bytes, Some("iso-8859-1"));
        assert_eq!(d.text, "<p>é</p>");
    }

    #[test]
    fn html_sniffing() {
        assert!(looks_like_html(b"  <!DOCTYPE html><html>"));
        assert!(looks_like_html(b"\xef\xbb\xbf<html>"));
        assert!(!looks_like_html(b"%PDF-1.4"));
        assert!(!looks_like_html(b"{\"json\": true}"));
    }
}
