//! Turning an article file's bytes into text (the files themselves are found by `files.rs`).
//!
//! Reading and decoding are pure per-file functions the caller runs in parallel.
//! Decoding is forgiving (UTF-8; Windows-1252, the superset of Latin-1, for files that are
//! plainly not UTF-8; UTF-8 with replacement for a UTF-8 file with a few bad bytes; UTF-16
//! with a BOM) but refuses what is plainly not text: NUL bytes or a high share of control
//! characters. A valid UTF-8 file is used byte for byte (a BOM aside).

use std::fs;

use super::files::{Candidate, LoadIssue, Severity, issue};

/// Largest file read as an article: a saved page is kilobytes, a book a few megabytes; past
/// this it is a dump or a mistake, and offsets inside an article fit in 32 bits.
pub const MAX_ARTICLE_BYTES: u64 = 256_000_000;
/// Share of control characters above which a file is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.10;
/// Share of replacement characters (after lossy decoding) above which a file is binary data.
const MAX_REPLACEMENT_SHARE: f64 = 0.30;
/// Bytes inspected by the binary test.
const SNIFF_BYTES: usize = 64 * 1024;

/// Text decoded from a file's bytes.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Decoded {
    pub text: String,
    /// Some bytes were not valid and were replaced by U+FFFD.
    pub lossy: bool,
    /// A caveat worth reporting as a warning.
    pub note: Option<String>,
}

/// Reads and decodes one file; `Err` holds the issue that skips it.
pub(crate) fn read(candidate: &Candidate) -> Result<Decoded, LoadIssue> {
    if let Ok(meta) = fs::metadata(&candidate.path)
        && meta.len() > MAX_ARTICLE_BYTES
    {
        return Err(issue(
            &candidate.path,
            Severity::Error,
            format!(
                "{} MB is too large for an article (the limit is {} MB); skipped",
                meta.len() / 1_000_000,
                MAX_ARTICLE_BYTES / 1_000_000
            ),
        ));
    }
    let bytes = fs::read(&candidate.path).map_err(|e| {
        issue(
            &candidate.path,
            Severity::Error,
            format!("cannot read: {e}; skipped"),
        )
    })?;
    if super::files::is_page_name(&candidate.id) {
        // A saved web page: read through the same extraction as `casefile add`.
        return crate::import::page_text(&bytes)
            .map(|(text, lossy)| Decoded {
                text,
                lossy,
                note: lossy.then(|| {
                    "saved page: some bytes were not valid in its encoding and were replaced \
                     with \u{FFFD}"
                        .to_string()
                }),
            })
            .map_err(|message| issue(&candidate.path, Severity::Error, message));
    }
    decode(bytes).map_err(|message| issue(&candidate.path, Severity::Error, message))
}

/// Decodes a file's bytes, or says why it is not an article.
pub(crate) fn decode(bytes: Vec<u8>) -> Result<Decoded, String> {
    if let Some(decoded) = decode_utf16(&bytes) {
        return check_empty(decoded);
    }
    let bytes = match bytes.strip_prefix(b"\xEF\xBB\xBF") {
        Some(rest) => rest.to_vec(),
        None => bytes,
    };
    if looks_binary(&bytes) {
        return Err("binary data, not text; skipped".into());
    }
    let decoded = match String::from_utf8(bytes) {
        Ok(text) => Decoded {
            text,
            lossy: false,
            note: None,
        },
        Err(e) if is_single_byte_text(e.as_bytes()) => {
            let bytes = e.as_bytes();
            let high = bytes.iter().filter(|&&b| b >= 0x80).count();
            if high as f64 > MAX_REPLACEMENT_SHARE * bytes.len() as f64 {
                return Err("binary data or an unknown encoding, not text; skipped".into());
            }
            // What every browser does with "Latin-1": Windows-1252, whose 0x93 0x94 are the
            // curly quotes “ ” (in Latin-1 they are control characters no text uses).
            let (text, _) = encoding_rs::WINDOWS_1252.decode_without_bom_handling(bytes);
            Decoded {
                text: text.into_owned(),
                lossy: false,
                note: Some(
                    "not UTF-8: decoded as Windows-1252 (Latin-1); save it as UTF-8 to be sure \
                     of its accents and quotes"
                        .into(),
                ),
            }
        }
        Err(e) => {
            let text = String::from_utf8_lossy(e.as_bytes()).into_owned();
            let replaced = text.chars().filter(|&c| c == '\u{FFFD}').count();
            if replaced as f64 > MAX_REPLACEMENT_SHARE * text.chars().count() as f64 {
                return Err("binary data or an unknown encoding, not UTF-8 text; skipped".into());
            }
            Decoded {
                text,
                lossy: true,
                note: Some(format!(
                    "not valid UTF-8: {replaced} invalid byte sequence(s) replaced with \u{FFFD}"
                )),
            }
        }
    };
    check_empty(decoded)
}

/// Bytes that are not UTF-8 read as a single-byte encoding (Windows-1252, Latin-1) rather
/// than as UTF-8 with a few bad bytes: more of the bytes past ASCII fail as UTF-8 than form
/// UTF-8 characters. (A Latin-1 "é" is one byte that UTF-8 refuses; a UTF-8 file damaged in
/// a few places keeps most of its characters whole.)
fn is_single_byte_text(bytes: &[u8]) -> bool {
    let (mut whole, mut broken) = (0usize, 0usize);
    for chunk in bytes.utf8_chunks() {
        whole += chunk.valid().chars().filter(|c| !c.is_ascii()).count();
        broken += chunk.invalid().len();
    }
    broken > whole
}

fn check_empty(decoded: Decoded) -> Result<Decoded, String> {
    if decoded.text.trim().is_empty() {
        Err("empty file; skipped".into())
    } else {
        Ok(decoded)
    }
}

/// UTF-16 text is only recognised by its byte-order mark.
fn decode_utf16(bytes: &[u8]) -> Option<Decoded> {
    let little = match bytes.get(..2)? {
        [0xFF, 0xFE] => true,
        [0xFE, 0xFF] => false,
        _ => return None,
    };
    let units = bytes[2..].chunks_exact(2).map(|p| {
        let pair = [p[0], p[1]];
        if little {
            u16::from_le_bytes(pair)
        } else {
            u16::from_be_bytes(pair)
        }
    });
    let units: Vec<u16> = units.collect();
    let lossy = String::from_utf16(&units).is_err() || bytes.len() % 2 == 1;
    Some(Decoded {
        text: String::from_utf16_lossy(&units),
        lossy,
        note: Some("decoded from UTF-16".into()),
    })
}

/// NUL bytes, or more than [`MAX_CONTROL_SHARE`] control characters in the first bytes.
fn looks_binary(bytes: &[u8]) -> bool {
    let sample = &bytes[..bytes.len().min(SNIFF_BYTES)];
    if sample.contains(&0) {
        return true;
    }
    let control = sample
        .iter()
        .filter(|&&b| (b < 0x20 && !matches!(b, b'\t' | b'\n' | b'\r' | 0x0C)) || b == 0x7F)
        .count();
    !sample.is_empty() && control as f64 > MAX_CONTROL_SHARE * sample.len() as f64
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn decodes_utf8_and_strips_bom() {
        let d = decode(b"\xEF\xBB\xBFHello".to_vec()).unwrap();
        assert_eq!(
            d,
            Decoded {
                text: "Hello".into(),
                lossy: false,
                note: None
            }
        );
    }

    #[test]
    fn windows_1252_and_latin1_are_decoded_with_a_note() {
        let d = decode(b"a \xA315.8m signing for the caf\xe9".to_vec()).unwrap();
        assert!(!d.lossy);
        assert_eq!(d.text, "a £15.8m signing for the café");
        assert!(d.note.unwrap().contains("Windows-1252"));
        let d = decode(b"\x93We won,\x94 he said \x96 twice\x85 It\x92s done.".to_vec()).unwrap();
        assert_eq!(d.text, "“We won,” he said – twice… It’s done.");
        assert!(d.note.is_some());
    }

    #[test]
    fn utf8_with_a_few_bad_bytes_stays_utf8_with_replacements() {
        let mut bytes = "“Quoted” café — and one bad byte: ".as_bytes().to_vec();
        bytes.extend_from_slice(b"\xff end");
        let d = decode(bytes).unwrap();
        assert!(d.lossy);
        assert_eq!(d.text, "“Quoted” café — and one bad byte: \u{FFFD} end");
        assert!(d.note.unwrap().contains("not valid UTF-8"));
    }

    #[test]
    fn valid_utf8_is_untouched_byte_for_byte() {
        let text = "“Curly” quotes, café, 中文, emoji 😀, \u{93}C1 kept\r\nCRLF\n";
        let d = decode(text.as_bytes().to_vec()).unwrap();
        assert_eq!(d.text.as_bytes(), text.as_bytes());
        assert!(!d.lossy && d.note.is_none());
    }

    #[test]
    fn empty_binary_and_garbage_are_refused() {
        assert!(decode(Vec::new()).unwrap_err().contains("empty"));
        assert!(decode(b" \n\t\r\n".to_vec()).unwrap_err().contains("empty"));
        assert!(
            decode(b"PK\x03\x04\x00\x00abc".to_vec())
                .unwrap_err()
                .contains("binary")
        );
        assert!(
            decode(b"\x01\x02\x03\x04abc".to_vec())
                .unwrap_err()
                .contains("binary")
        );
        assert!(decode(vec![0xC3, 0x28, 0xA0, 0xA1, 0xFF, 0xFE, 0x80]).is_err());
        // A few control characters in real text are fine.
        assert!(decode(b"Some text\x0bwith a vertical tab and more words".to_vec()).is_ok());
    }

    #[test]
    fn utf16_with_bom() {
        let mut bytes = vec![0xFF, 0xFE];
        bytes.extend("Hé 😀".encode_utf16().flat_map(u16::to_le_bytes));
        let d = decode(bytes).unwrap();
        assert_eq!(d.text, "Hé 😀");
        assert!(!d.lossy);
        let mut be = vec![0xFE, 0xFF];
        be.extend("Hi".encode_utf16().flat_map(u16::to_be_bytes));
        assert_eq!(decode(be).unwrap().text, "Hi");
        assert!(decode(vec![0xFF, 0xFE, 0x20, 0x00]).is_err());
    }
}
