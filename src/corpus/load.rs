//! Finding a corpus folder's article files and turning their bytes into text.
//!
//! The walk is sequential and sorted by relative path so that ids and order never depend on the
//! file system; reading and decoding are pure per-file functions the caller runs in parallel.
//! Decoding is forgiving (UTF-8 with replacement, UTF-16 with a BOM) but refuses what is plainly
//! not text: NUL bytes or a high share of control characters.

use std::fs;
use std::path::{Path, PathBuf};

use super::{LoadIssue, Severity};

/// A file that looks like an article by its name.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct Candidate {
    /// Path relative to the corpus folder, with `/` separators.
    pub id: String,
    pub path: PathBuf,
}

/// Deepest folder nesting followed, against pathological trees.
const MAX_DEPTH: usize = 64;

/// Largest file read as an article: a saved page is kilobytes, a book a few megabytes; past
/// this it is a dump or a mistake, and offsets inside an article fit in 32 bits.
pub const MAX_ARTICLE_BYTES: u64 = 256_000_000;
/// Share of control characters above which a file is taken for binary data.
const MAX_CONTROL_SHARE: f64 = 0.10;
/// Share of replacement characters (after lossy decoding) above which a file is binary data.
const MAX_REPLACEMENT_SHARE: f64 = 0.30;
/// Bytes inspected by the binary test.
const SNIFF_BYTES: usize = 64 * 1024;

fn issue(path: &Path, severity: Severity, message: impl Into<String>) -> LoadIssue {
    LoadIssue {
        path: path.to_path_buf(),
        severity,
        message: message.into(),
    }
}

fn is_article_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".txt") || lower.ends_with(".md") || crate::import::is_page_name(name)
}

/// Lists the `.txt`, `.md` and saved web page (`.html`, `.htm`) files under `root` (hidden
/// entries, other extensions and a complete save's `NAME_files/` folder skipped, symlinked
/// folders not followed), sorted by id. Unreadable sub-folders become issues.
pub(crate) fn walk(root: &Path, issues: &mut Vec<LoadIssue>) -> std::io::Result<Vec<Candidate>> {
    let mut out = Vec::new();
    let entries = fs::read_dir(root)?;
    visit(entries, "", 0, &mut out, issues);
    out.sort_by(|a, b| a.id.cmp(&b.id));
    Ok(out)
}

fn visit(
    entries: fs::ReadDir,
    prefix: &str,
    depth: usize,
    out: &mut Vec<Candidate>,
    issues: &mut Vec<LoadIssue>,
) {
    for entry in entries {
        let entry = match entry {
            Ok(e) => e,
            Err(e) => {
                issues.push(issue(
                    Path::new(prefix),
                    Severity::Error,
                    format!("cannot list: {e}"),
                ));
                continue;
            }
        };
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.starts_with('.') {
            continue;
        }
        let path = entry.path();
        let id = format!("{prefix}{name}");
        let Ok(file_type) = entry.file_type() else {
            issues.push(issue(
                &path,
                Severity::Error,
                "cannot read file type; skipped",
            ));
            continue;
        };
        if file_type.is_dir() {
            if crate::import::is_resources_of_a_page(path.parent().unwrap_or(&path), &name) {
                continue;
            }
            if depth >= MAX_DEPTH {
                issues.push(issue(
                    &path,
                    Severity::Warning,
                    "folder nested too deep; skipped",
                ));
                continue;
            }
            match fs::read_dir(&path) {
                Ok(sub) => visit(sub, &format!("{id}/"), depth + 1, out, issues),
                Err(e) => issues.push(issue(
                    &path,
                    Severity::Error,
                    format!("cannot list folder: {e}"),
                )),
            }
        } else if is_article_name(&name) && (file_type.is_file() || path.is_file()) {
            out.push(Candidate { id, path });
        }
    }
}

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
    if crate::import::is_page_name(&candidate.id) {
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
    fn latin1_is_lossy_with_a_note() {
        let d = decode(b"a \xA315.8m signing".to_vec()).unwrap();
        assert!(d.lossy);
        assert_eq!(d.text, "a \u{FFFD}15.8m signing");
        assert!(d.note.unwrap().contains("not valid UTF-8"));
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

    #[test]
    fn walk_sorts_filters_and_skips_hidden() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        for (p, body) in [
            ("b.txt", "b"),
            ("a/z.md", "z"),
            ("a/y.TXT", "y"),
            ("entities.ron", "x"),
            (".hidden.txt", "h"),
            (".git/HEAD.txt", "g"),
            ("notes.json", "{}"),
        ] {
            let path = root.join(p);
            fs::create_dir_all(path.parent().unwrap()).unwrap();
            fs::write(path, body).unwrap();
        }
        let mut issues = Vec::new();
        let found = walk(root, &mut issues).unwrap();
        let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a/y.TXT", "a/z.md", "b.txt"]);
        assert!(issues.is_empty());
        assert!(walk(&root.join("missing"), &mut issues).is_err());
    }
}
