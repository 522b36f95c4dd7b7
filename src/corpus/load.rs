//! Finding a corpus folder's article files and turning their bytes into text.
//!
//! The walk is sequential and sorted by relative path so that ids and order never depend on the
//! file system; reading and decoding are pure per-file functions the caller runs in parallel.
//! Decoding is forgiving (UTF-8; Windows-1252, the superset of Latin-1, for files that are
//! plainly not UTF-8; UTF-8 with replacement for a UTF-8 file with a few bad bytes; UTF-16
//! with a BOM) but refuses what is plainly not text: NUL bytes or a high share of control
//! characters. A valid UTF-8 file is used byte for byte (a BOM aside).

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fs;
use std::path::{Path, PathBuf};

use super::{LoadIssue, Severity};

/// `ELOOP`: too many levels of symbolic links (40 on Linux, 62 on the BSDs and macOS).
#[cfg(target_os = "linux")]
const ELOOP: i32 = 40;
#[cfg(not(target_os = "linux"))]
const ELOOP: i32 = 62;

/// A file that looks like an article by its name.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
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

/// A file name as text. A UTF-8 name is itself; in a name that is not UTF-8 (Latin-1 names
/// copied from old systems), each byte that is no part of a character becomes `%XX`, and `%`
/// itself `%25`: `a\xff.txt` is `a%FF.txt` and `a\xfe.txt` is `a%FE.txt`, two ids, the same
/// on every run. (Replacing them with U+FFFD made both `a�.txt`, one id for two files.)
pub fn name_text(name: &OsStr) -> Cow<'_, str> {
    if let Some(s) = name.to_str() {
        return Cow::Borrowed(s);
    }
    #[cfg(unix)]
    {
        use std::fmt::Write;
        use std::os::unix::ffi::OsStrExt;
        let mut out = String::new();
        for chunk in name.as_bytes().utf8_chunks() {
            out.push_str(&chunk.valid().replace('%', "%25"));
            for b in chunk.invalid() {
                let _ = write!(out, "%{b:02X}");
            }
        }
        Cow::Owned(out)
    }
    #[cfg(not(unix))]
    {
        name.to_string_lossy()
    }
}

/// A path as text, each part as [`name_text`] writes it: for messages and JSON, where a path
/// that is not UTF-8 must still name its own file.
pub fn path_text(path: &Path) -> String {
    if let Some(s) = path.to_str() {
        return s.to_string();
    }
    let mut out = String::new();
    for (i, part) in path.iter().enumerate() {
        if i > 0 && !out.ends_with(std::path::MAIN_SEPARATOR) {
            out.push(std::path::MAIN_SEPARATOR);
        }
        out.push_str(&name_text(part));
    }
    out
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
    // Only a name that is not UTF-8 can take the id of another (`a%FF.txt` written as such):
    // the UTF-8 one keeps it, the other is reported, never merged with it.
    let mut kept: Vec<Candidate> = Vec::with_capacity(out.len());
    for c in out {
        match kept.last_mut() {
            Some(last) if last.id == c.id => {
                let (keep, skip) = if c.path.to_str().is_some() {
                    (c, std::mem::take(last))
                } else {
                    (last.clone(), c)
                };
                *last = keep;
                issues.push(issue(
                    &skip.path,
                    Severity::Error,
                    format!(
                        "its name is not UTF-8 and reads as {}, the name of another file; \
                         rename it; skipped",
                        skip.id
                    ),
                ));
            }
            _ => kept.push(c),
        }
    }
    Ok(kept)
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
        let name = name_text(&entry.file_name()).into_owned();
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
        } else if is_article_name(&name) && file_type.is_symlink() {
            // A link named like an article that leads nowhere: say so, as for any file skipped.
            let why = match fs::metadata(&path) {
                Err(e) if e.raw_os_error() == Some(ELOOP) => {
                    "symbolic link loop (it leads back to itself); skipped".to_string()
                }
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => match fs::read_link(&path) {
                    Ok(target) => format!(
                        "broken symbolic link: its target {} does not exist; skipped",
                        path_text(&target)
                    ),
                    Err(_) => "broken symbolic link; skipped".to_string(),
                },
                Err(e) => format!("symbolic link that cannot be followed: {e}; skipped"),
                Ok(m) if m.is_dir() => {
                    "symbolic link to a folder (linked folders are not followed); skipped"
                        .to_string()
                }
                Ok(_) => "symbolic link to something that is not a file; skipped".to_string(),
            };
            issues.push(issue(&path, Severity::Error, why));
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

    #[cfg(unix)]
    #[test]
    fn names_that_are_not_utf8_keep_distinct_stable_ids() {
        use std::ffi::OsString;
        use std::os::unix::ffi::OsStringExt;
        let name = |b: &[u8]| OsString::from_vec(b.to_vec());
        assert_eq!(name_text(&name(b"a\xff.txt")), "a%FF.txt");
        assert_eq!(name_text(&name(b"a\xfe.txt")), "a%FE.txt");
        assert_eq!(name_text(&name(b"50%\xe9t\xe9.txt")), "50%25%E9t%E9.txt");
        assert_eq!(name_text(&name("50% é.txt".as_bytes())), "50% é.txt");
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir(dir.path().join(name(b"d\xe9"))).unwrap();
        for n in [&b"a\xff.txt"[..], b"a\xfe.txt", b"d\xe9/b\xff.txt"] {
            fs::write(dir.path().join(name(n)), "text").unwrap();
        }
        let mut issues = Vec::new();
        for _ in 0..2 {
            let found = walk(dir.path(), &mut issues).unwrap();
            let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
            assert_eq!(ids, ["a%FE.txt", "a%FF.txt", "d%E9/b%FF.txt"]);
        }
        assert!(issues.is_empty(), "{issues:?}");
        // A UTF-8 name that reads like an escaped one keeps its id; the other is reported.
        fs::write(dir.path().join("a%FF.txt"), "text").unwrap();
        let found = walk(dir.path(), &mut issues).unwrap();
        let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["a%FE.txt", "a%FF.txt", "d%E9/b%FF.txt"]);
        assert!(found[1].path.ends_with("a%FF.txt"));
        assert_eq!(issues.len(), 1);
        assert!(issues[0].message.contains("not UTF-8"), "{:?}", issues[0]);
    }

    #[cfg(unix)]
    #[test]
    fn dangling_links_and_link_loops_are_reported() {
        let dir = tempfile::tempdir().unwrap();
        let root = dir.path();
        fs::write(root.join("real.txt"), "text").unwrap();
        std::os::unix::fs::symlink("real.txt", root.join("good.txt")).unwrap();
        std::os::unix::fs::symlink("gone.txt", root.join("dangling.txt")).unwrap();
        std::os::unix::fs::symlink("loop.txt", root.join("loop.txt")).unwrap();
        std::os::unix::fs::symlink("gone", root.join("not-an-article")).unwrap();
        let mut issues = Vec::new();
        let found = walk(root, &mut issues).unwrap();
        let ids: Vec<&str> = found.iter().map(|c| c.id.as_str()).collect();
        assert_eq!(ids, ["good.txt", "real.txt"]);
        let mut said: Vec<String> = issues.iter().map(|i| i.to_string()).collect();
        said.sort();
        assert_eq!(said.len(), 2, "{said:?}");
        assert!(said[0].contains("dangling.txt") && said[0].contains("broken symbolic link"));
        assert!(said[0].contains("gone.txt does not exist"), "{said:?}");
        assert!(
            said[1].contains("loop.txt") && said[1].contains("loop"),
            "{said:?}"
        );
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
