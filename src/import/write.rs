//! Writing an imported article into a case: the `.txt` file with its front matter, the page
//! as it was read in `corpus/.originals/`, and what is already there (so an article is never
//! added twice, and a re-fetched one that changed becomes a second version).
//!
//! File names are `<outlet>-<date>-<title>.txt`, lowercase ASCII words joined by `-`
//! (`the-new-york-times-2017-11-13-trump-jr-and-wikileaks.txt`); a name taken by another
//! article gets `-2`, `-3`. An earlier version is renamed `<its name>-v1.txt` (then `-v2`…),
//! its original beside it. Every file is written to a temporary file in the folder and renamed
//! over, so a crash never leaves half an article.

use std::collections::HashMap;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use xxhash_rust::xxh3::xxh3_64;

use super::extract::WebArticle;
use crate::corpus::files::walk;
use crate::corpus::frontmatter;

/// The folder in `corpus/` where the pages are kept as they were read. A dot-folder: the
/// loader never reads it as articles.
pub const ORIGINALS_DIR: &str = ".originals";

/// Longest title part of a file name, in characters.
const TITLE_SLUG_CHARS: usize = 60;

/// The article as casefile text: front matter (`title`, `outlet`, `author`, `published`,
/// `updated`, `url`, `language`, `retrieved`, `original`; empty ones left out), a blank line,
/// then the blocks separated by blank lines.
pub fn render(article: &WebArticle, retrieved: Option<&str>, original: Option<&str>) -> String {
    let mut out = String::from("---\n");
    let authors = article.authors.join(", ");
    let outlet = article.outlet();
    let fields: [(&str, Option<&str>); 9] = [
        ("title", Some(article.title.as_str())),
        ("outlet", outlet.as_deref()),
        ("author", Some(authors.as_str())),
        ("published", article.published.as_deref()),
        ("updated", article.updated.as_deref()),
        ("url", article.url.as_deref()),
        ("language", article.lang.as_deref()),
        ("retrieved", retrieved),
        ("original", original),
    ];
    for (key, value) in fields {
        let Some(value) = value else { continue };
        let value = value.split_whitespace().collect::<Vec<_>>().join(" ");
        if value.is_empty() {
            continue;
        }
        // The reader strips one pair of surrounding quotes: a value that starts with a quote
        // is wrapped in one more pair so that it comes back whole.
        if value.starts_with(['"', '\'']) {
            out.push_str(&format!("{key}: \"{value}\"\n"));
        } else {
            out.push_str(&format!("{key}: {value}\n"));
        }
    }
    out.push_str("---\n\n");
    out.push_str(&article.body_text());
    out.push('\n');
    out
}

/// `<outlet>-<YYYY-MM-DD or undated>-<title words>`.
pub fn file_stem(article: &WebArticle) -> String {
    let outlet = slug(article.outlet().as_deref().unwrap_or("web"), 40);
    let outlet = if outlet.is_empty() {
        "web".into()
    } else {
        outlet
    };
    let date = article
        .published
        .as_deref()
        .and_then(|p| p.get(..10))
        .unwrap_or("undated");
    let title = slug(&article.title, TITLE_SLUG_CHARS);
    if title.is_empty() {
        format!("{outlet}-{date}")
    } else {
        format!("{outlet}-{date}-{title}")
    }
}

/// Lowercase ASCII letters and digits, words joined by `-`, cut at a word under `max` chars.
/// Accented letters lose their accent (é -> e); other scripts are dropped.
pub fn slug(text: &str, max: usize) -> String {
    let mut out = String::new();
    for word in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        let word: String = word
            .chars()
            .filter_map(fold_ascii)
            .map(|c| c.to_ascii_lowercase())
            .collect();
        if word.is_empty() {
            continue;
        }
        if out.len() + word.len() + 1 > max && !out.is_empty() {
            break;
        }
        if !out.is_empty() {
            out.push('-');
        }
        out.push_str(&word);
    }
    out.truncate(max);
    out.trim_end_matches('-').to_string()
}

fn fold_ascii(c: char) -> Option<char> {
    if c.is_ascii_alphanumeric() {
        return Some(c);
    }
    let folded = match c {
        'à'..='å' | 'À'..='Å' => 'a',
        'ç' | 'Ç' => 'c',
        'è'..='ë' | 'È'..='Ë' => 'e',
        'ì'..='ï' | 'Ì'..='Ï' => 'i',
        'ñ' | 'Ñ' => 'n',
        'ò'..='ö' | 'ø' | 'Ò'..='Ö' | 'Ø' => 'o',
        'ù'..='ü' | 'Ù'..='Ü' => 'u',
        'ý' | 'ÿ' | 'Ý' => 'y',
        'ß' => 's',
        _ => return None,
    };
    Some(folded)
}

/// A digest of an article body's words, blind to case, punctuation and layout: the same text
/// saved twice, or re-extracted, gives the same digest.
pub fn text_digest(body: &str) -> u64 {
    let words: Vec<String> = body
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_lowercase)
        .collect();
    xxh3_64(words.join(" ").as_bytes())
}

/// What the corpus already holds: each article's URL and text digest, by file.
#[derive(Debug, Default)]
pub struct CorpusIndex {
    by_url: HashMap<String, PathBuf>,
    by_text: HashMap<u64, PathBuf>,
}

impl CorpusIndex {
    /// Reads the front matter and body of every article in `corpus_dir` (sub-folders included,
    /// dot-folders not). A folder that does not exist yet is an empty corpus.
    pub fn scan(corpus_dir: &Path) -> io::Result<CorpusIndex> {
        let mut index = CorpusIndex::default();
        if !corpus_dir.is_dir() {
            return Ok(index);
        }
        let mut issues = Vec::new();
        for file in walk(corpus_dir, &mut issues)? {
            let lower = file.id.to_ascii_lowercase();
            if !(lower.ends_with(".txt") || lower.ends_with(".md")) {
                continue;
            }
            let Ok(text) = fs::read_to_string(&file.path) else {
                continue;
            };
            index.insert(&file.path, &text);
        }
        Ok(index)
    }

    /// Records an article's file and text (a file's whole text, front matter included).
    pub fn insert(&mut self, path: &Path, text: &str) {
        let fm = frontmatter::parse(text);
        if let Some(url) = fm.meta.url.as_deref().filter(|u| !is_site_root(u)) {
            self.by_url.insert(url_key(url), path.to_path_buf());
        }
        self.by_text
            .insert(text_digest(&text[fm.body_start..]), path.to_path_buf());
    }

    /// Forgets a file (renamed to an earlier version: it stays, but is no longer "the" one).
    pub fn remove(&mut self, path: &Path) {
        self.by_url.retain(|_, p| p != path);
        self.by_text.retain(|_, p| p != path);
    }

    /// The article already at this URL. A site's home page is no article's address: some
    /// sites give it as every article's canonical URL, and it must not make them duplicates.
    pub fn by_url(&self, url: &str) -> Option<&Path> {
        if is_site_root(url) {
            return None;
        }
        self.by_url.get(&url_key(url)).map(PathBuf::as_path)
    }

    /// The article with the same words.
    pub fn by_text(&self, body: &str) -> Option<&Path> {
        self.by_text.get(&text_digest(body)).map(PathBuf::as_path)
    }
}

/// A URL as compared for duplicates: no fragment, no trailing slash, scheme and host in
/// lowercase, `www.` dropped, http and https the same.
pub fn url_key(url: &str) -> String {
    let url = url.trim();
    let url = url.split('#').next().unwrap_or(url);
    let rest = url.split_once("://").map_or(url, |(_, r)| r);
    let (host, path) = rest.split_once('/').unwrap_or((rest, ""));
    let host = host.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    format!("{host}/{}", path.trim_end_matches('/'))
}

/// `https://site.example/` and the like: a host and no path.
fn is_site_root(url: &str) -> bool {
    url_key(url).ends_with('/')
}

/// A free `corpus/<stem>.txt`: the stem itself, or with `-2`, `-3`… added.
pub fn free_name(corpus_dir: &Path, stem: &str) -> String {
    let taken = |s: &str| {
        corpus_dir.join(format!("{s}.txt")).exists()
            || corpus_dir
                .join(ORIGINALS_DIR)
                .join(format!("{s}.html"))
                .exists()
    };
    if !taken(stem) {
        return stem.to_string();
    }
    (2..)
        .map(|n| format!("{stem}-{n}"))
        .find(|s| !taken(s))
        .expect("some number is free")
}

/// Writes `bytes` to `path` whole or not at all: a temporary file beside it, flushed, renamed.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    fs::create_dir_all(dir)?;
    // The mode the umask gives a new file (as for notes), not tempfile's private 0600.
    let mut temp = crate::notes::atomic::temp_file_for(path, dir, ".casefile-import-")?;
    temp.write_all(bytes)?;
    temp.as_file().sync_all()?;
    temp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes a new article: `corpus/<stem>.txt` and its original page. Returns the text path.
pub fn write_article(
    corpus_dir: &Path,
    stem: &str,
    text: &str,
    original: &[u8],
) -> io::Result<PathBuf> {
    let original_path = corpus_dir.join(ORIGINALS_DIR).join(format!("{stem}.html"));
    write_atomic(&original_path, original)?;
    let path = corpus_dir.join(format!("{stem}.txt"));
    write_atomic(&path, text.as_bytes())?;
    Ok(path)
}

/// Renames an article (and its original, if kept) to the first free `<stem>-vN`. Returns the
/// new path of the text.
pub fn keep_as_version(corpus_dir: &Path, path: &Path) -> io::Result<PathBuf> {
    let stem = path
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default();
    let ext = path
        .extension()
        .map(|e| e.to_string_lossy().into_owned())
        .unwrap_or_else(|| "txt".into());
    let dir = path.parent().unwrap_or(corpus_dir);
    let versioned = (1..)
        .map(|n| format!("{stem}-v{n}"))
        .find(|s| !dir.join(format!("{s}.{ext}")).exists())
        .expect("some number is free");
    let new_path = dir.join(format!("{versioned}.{ext}"));
    fs::rename(path, &new_path)?;
    let originals = corpus_dir.join(ORIGINALS_DIR);
    let old_original = originals.join(format!("{stem}.html"));
    if old_original.is_file() {
        fs::rename(&old_original, originals.join(format!("{versioned}.html")))?;
    }
    Ok(new_path)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::import::extract::{Block, BlockKind};

    fn article() -> WebArticle {
        WebArticle {
            title: "\"Wow\": Trump Jr. and WikiLeaks — the messages".into(),
            reader_title: String::new(),
            site: Some("The Atlantic".into()),
            authors: vec!["Julia Ioffe".into(), "Jane Roe".into()],
            published: Some("2017-11-13T10:00:00-05:00".into()),
            published_raw: None,
            updated: None,
            url: Some("https://www.theatlantic.com/a/".into()),
            lang: Some("en".into()),
            blocks: vec![
                Block {
                    kind: BlockKind::Heading,
                    text: "A heading".into(),
                },
                Block {
                    kind: BlockKind::Paragraph,
                    text: "“Wow,” he wrote.".into(),
                },
            ],
            readerable: true,
        }
    }

    #[test]
    fn rendered_front_matter_reads_back() {
        let a = article();
        let text = render(&a, Some("2024-05-01T10:00:00Z"), Some(".originals/x.html"));
        let fm = frontmatter::parse(&text);
        assert!(fm.warnings.is_empty(), "{:?}", fm.warnings);
        assert_eq!(fm.meta.title, a.title);
        assert_eq!(fm.meta.outlet.as_deref(), Some("The Atlantic"));
        assert_eq!(fm.meta.author.as_deref(), Some("Julia Ioffe, Jane Roe"));
        assert_eq!(fm.meta.published.unwrap().date.to_string(), "2017-11-13");
        assert_eq!(
            fm.meta.url.as_deref(),
            Some("https://www.theatlantic.com/a/")
        );
        assert_eq!(&text[fm.body_start..], "\nA heading\n\n“Wow,” he wrote.\n");
        let extra: Vec<&str> = fm.meta.extra.iter().map(|(k, _)| k.as_str()).collect();
        assert_eq!(extra, ["language", "retrieved", "original"]);
    }

    #[test]
    fn names() {
        assert_eq!(
            file_stem(&article()),
            "the-atlantic-2017-11-13-wow-trump-jr-and-wikileaks-the-messages"
        );
        assert_eq!(slug("Café à la Crème, 2017!", 60), "cafe-a-la-creme-2017");
        assert_eq!(slug("один два", 60), "");
        assert!(slug(&"word ".repeat(40), 60).len() <= 60);
        let mut a = article();
        a.site = None;
        a.published = None;
        a.title = String::new();
        assert_eq!(file_stem(&a), "theatlantic-com-undated");
    }

    #[test]
    fn index_finds_by_url_and_by_words() {
        let dir = tempfile::tempdir().unwrap();
        let text = render(&article(), None, None);
        let path = write_article(dir.path(), "a", &text, b"<html>").unwrap();
        assert!(dir.path().join(".originals/a.html").is_file());
        let index = CorpusIndex::scan(dir.path()).unwrap();
        assert_eq!(
            index.by_url("http://theatlantic.com/a#top"),
            Some(path.as_path())
        );
        assert_eq!(index.by_url("https://theatlantic.com/b"), None);
        // A home page as the canonical URL makes nothing a duplicate.
        let mut home = article();
        home.url = Some("https://www.theatlantic.com/".into());
        let mut homes = CorpusIndex::default();
        homes.insert(Path::new("x.txt"), &render(&home, None, None));
        assert_eq!(homes.by_url("https://theatlantic.com"), None);
        assert_eq!(
            index.by_text("a HEADING “wow” he wrote"),
            Some(path.as_path())
        );
        assert_eq!(free_name(dir.path(), "a"), "a-2");
        let v1 = keep_as_version(dir.path(), &path).unwrap();
        assert_eq!(v1, dir.path().join("a-v1.txt"));
        assert!(dir.path().join(".originals/a-v1.html").is_file());
        assert_eq!(free_name(dir.path(), "a"), "a");
    }
}
