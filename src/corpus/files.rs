//! Which files of a corpus folder are articles, their names as text, and what can go wrong
//! with one file ([`LoadIssue`]).
//!
//! The walk is sequential and sorted by relative path so that ids and order never depend on
//! the file system. It stands below both the loader (`load.rs`, which reads what it finds) and
//! `casefile add` (`import::write`, which looks for a page already added), so neither reaches
//! into the other for it; a saved page's file names are known here for the same reason.

use std::borrow::Cow;
use std::ffi::OsStr;
use std::fmt;
use std::fs;
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

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

pub(super) fn issue(path: &Path, severity: Severity, message: impl Into<String>) -> LoadIssue {
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
    lower.ends_with(".txt") || lower.ends_with(".md") || is_page_name(name)
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
            if is_resources_of_a_page(path.parent().unwrap_or(&path), &name) {
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

/// Whether a file name is a saved web page.
pub fn is_page_name(name: &str) -> bool {
    let lower = name.to_ascii_lowercase();
    lower.ends_with(".html") || lower.ends_with(".htm") || lower.ends_with(".xhtml")
}

/// `NAME_files/` beside `NAME.html` (or `.htm`): a browser's "complete" save keeps the page's
/// images, scripts and frames there; they are not articles.
pub fn is_resources_of_a_page(dir: &Path, folder: &str) -> bool {
    let Some(stem) = folder.strip_suffix("_files") else {
        return false;
    };
    ["html", "htm", "xhtml", "HTML", "HTM"]
        .iter()
        .any(|ext| dir.join(format!("{stem}.{ext}")).is_file())
}

/// How bad a problem with one file is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Severity {
    /// The file loaded, with a caveat (decoded with replacement characters, odd front matter).
    Warning,
    /// The file was skipped.
    Error,
}

/// A problem with one file of the corpus, reported with the file's path.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct LoadIssue {
    pub path: PathBuf,
    pub severity: Severity,
    pub message: String,
}

impl fmt::Display for LoadIssue {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let level = match self.severity {
            Severity::Warning => "warning",
            Severity::Error => "error",
        };
        write!(f, "{level}: {}: {}", path_text(&self.path), self.message)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
