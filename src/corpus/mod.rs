//! Loading a case's corpus folder: files to articles, articles to sections and paragraphs.
//!
//! The pipeline is `files` (the walk) -> `load` (read, decode) -> `frontmatter` -> `segment` (paragraph ranges)
//! -> `debris` (kind, section, commenter) -> `segment` again (sentences of readable paragraphs).
//! A file's problems never stop the others: they become [`LoadIssue`]s. Files are read and
//! segmented in parallel with rayon; results are gathered in path order, so output is
//! deterministic.

mod comments;
mod debris;
pub(crate) mod files;
pub(crate) mod frontmatter;
pub(crate) mod load;
mod model;
mod segment;
mod textmeta;
mod words;

pub use files::{LoadIssue, Severity, name_text, path_text};
pub use load::MAX_ARTICLE_BYTES;
pub use model::{Article, ArticleMeta, DateSource, Paragraph, ParagraphKind, Section};
pub use segment::{
    MAX_PARAGRAPH_BYTES, MAX_SENTENCE_BYTES, paragraphs as paragraph_ranges, split_sentences,
};

use std::path::{Path, PathBuf};

use rayon::prelude::*;

use crate::error::CaseError;
use crate::progress::{LoadProgress, LoadStep};

/// Every article that loaded, and what went wrong with the files that did not load cleanly.
#[derive(Debug, Clone, Default)]
pub struct LoadedCorpus {
    pub articles: Vec<Article>,
    pub issues: Vec<LoadIssue>,
}

/// Loads every `.txt` and `.md` file under `dir` (recursively, in path order), and every saved
/// web page (`.html`, `.htm`) through the same extraction as `casefile add` (see
/// [`crate::import::page_text`]: its text is the extracted article with front matter).
///
/// Hidden files and folders, a complete save's `NAME_files/` and other extensions are skipped
/// silently. A file that cannot be
/// used (unreadable, empty, binary) is reported as an `Error` issue and skipped; one decoded
/// with replacement characters or with odd front matter loads with a `Warning`.
pub fn load_corpus(dir: &Path) -> Result<LoadedCorpus, CaseError> {
    load_corpus_reporting(dir, &LoadProgress::default())
}

/// [`load_corpus`], counting the files read into `progress`.
pub fn load_corpus_reporting(
    dir: &Path,
    progress: &LoadProgress,
) -> Result<LoadedCorpus, CaseError> {
    if !dir.is_dir() {
        return Err(CaseError::MissingCorpus(dir.to_path_buf()));
    }
    let mut issues = Vec::new();
    let candidates = files::walk(dir, &mut issues).map_err(|source| CaseError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    progress.begin(LoadStep::Reading, candidates.len());
    let outcomes: Vec<(Option<Article>, Vec<LoadIssue>)> = candidates
        .par_iter()
        .map(|candidate| {
            let outcome = read_article(candidate);
            progress.advance(1);
            outcome
        })
        .collect();
    let mut articles = Vec::with_capacity(outcomes.len());
    for (article, file_issues) in outcomes {
        articles.extend(article);
        issues.extend(file_issues);
    }
    if articles.is_empty() {
        return Err(CaseError::EmptyCorpus(dir.to_path_buf()));
    }
    Ok(LoadedCorpus { articles, issues })
}

/// One file to its article, or to the issue that kept it out.
fn read_article(candidate: &files::Candidate) -> (Option<Article>, Vec<LoadIssue>) {
    match load::read(candidate) {
        Ok(decoded) => {
            let (article, mut file_issues) = article_from_text(
                candidate.id.clone(),
                candidate.path.clone(),
                decoded.text,
                decoded.lossy,
            );
            if let Some(note) = decoded.note {
                file_issues.insert(0, warning(&candidate.path, note));
            }
            (Some(article), file_issues)
        }
        Err(issue) => (None, vec![issue]),
    }
}

fn warning(path: &Path, message: String) -> LoadIssue {
    LoadIssue {
        path: path.to_path_buf(),
        severity: Severity::Warning,
        message,
    }
}

/// Longest title, in characters, taken from the body when the front matter gives none.
const FALLBACK_TITLE_CHARS: usize = 120;

/// Builds an article from its decoded text: front matter, paragraphs, their kinds, sections,
/// commenters and sentences. Returns the warnings about it (bad front matter, no text). Public
/// so that tools and tests can build articles without files.
pub fn article_from_text(
    id: String,
    path: PathBuf,
    text: String,
    lossy: bool,
) -> (Article, Vec<LoadIssue>) {
    let fm = frontmatter::parse(&text);
    let mut issues: Vec<LoadIssue> = fm.warnings.into_iter().map(|w| warning(&path, w)).collect();
    let mut meta = fm.meta;
    let ranges = segment::bound_paragraphs(&text, segment::paragraphs(&text, fm.body_start));
    // What the front matter left empty, from the text: URL, publication date, outlet.
    textmeta::fill(&text, &ranges, &id, &mut meta);
    let texts: Vec<&str> = ranges.iter().map(|r| &text[r.clone()]).collect();
    let classes = debris::classify(&texts, &meta);
    let mut paragraphs: Vec<Paragraph> = ranges
        .into_iter()
        .zip(classes)
        .map(|(range, c)| Paragraph {
            range,
            kind: c.kind,
            section: c.section,
            commenter: c.commenter.map(String::into_boxed_str),
            sentence_ranges: Box::default(),
        })
        .collect();
    if meta.title.trim().is_empty() {
        meta.title =
            fallback_title(&text, &mut paragraphs).unwrap_or_else(|| file_stem(&path, &id));
    }
    for p in &mut paragraphs {
        if matches!(p.kind, ParagraphKind::Text | ParagraphKind::Heading) {
            // Copied to an exact fit: the list grew from four places, and most paragraphs have
            // one or two sentences; the spare room stayed with the case (~2 MB at 10,000
            // articles).
            p.sentence_ranges = segment::split_sentences(&text, p.range.clone())
                .iter()
                .map(|r| r.start as u32..r.end as u32)
                .collect();
        }
    }
    if paragraphs.is_empty() {
        issues.push(warning(&path, "no text after the front matter".into()));
    }
    let article = Article {
        id,
        path,
        body_start: fm.body_start,
        text,
        meta,
        paragraphs,
        lossy,
    };
    (article, issues)
}

/// The first line of the first body paragraph that is not debris, shortened at a word boundary
/// if long. That paragraph becomes a Heading when it is a single short line.
fn fallback_title(text: &str, paragraphs: &mut [Paragraph]) -> Option<String> {
    let first = paragraphs
        .iter_mut()
        .take_while(|p| p.section == Section::Body)
        .find(|p| p.kind != ParagraphKind::Debris)?;
    let body = &text[first.range.clone()];
    let line = body.lines().next().unwrap_or(body).trim();
    if line.chars().count() <= FALLBACK_TITLE_CHARS {
        if first.kind == ParagraphKind::Text && line.len() == body.len() {
            first.kind = ParagraphKind::Heading;
        }
        return Some(line.to_string());
    }
    let cut: String = line.chars().take(FALLBACK_TITLE_CHARS).collect();
    let cut = cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head);
    Some(format!("{}…", cut.trim_end_matches([',', ';', ':', ' '])))
}

fn file_stem(path: &Path, id: &str) -> String {
    path.file_stem()
        .map_or_else(|| id.to_string(), |s| s.to_string_lossy().into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn build(text: &str) -> (Article, Vec<LoadIssue>) {
        article_from_text(
            "dir/a.txt".into(),
            PathBuf::from("/c/dir/a.txt"),
            text.into(),
            false,
        )
    }

    #[test]
    fn fallback_title_skips_debris_and_is_shortened() {
        let (a, _) = build("Skip to content\n\nA short first line\n\nBody text follows here.");
        assert_eq!(a.meta.title, "A short first line");
        assert_eq!(a.paragraphs[1].kind, ParagraphKind::Heading);
        let long = "word ".repeat(60) + "end.";
        let (a, _) = build(&long);
        assert!(a.meta.title.ends_with('…') && a.meta.title.chars().count() <= 121);
        assert_eq!(a.paragraphs[0].kind, ParagraphKind::Text);
        let (a, _) = build("---\noutlet: X\n---\nA prose opening line, as a sentence.\n");
        assert_eq!(a.meta.title, "A prose opening line, as a sentence.");
        assert_eq!(a.meta.outlet.as_deref(), Some("X"));
    }

    #[test]
    fn title_falls_back_to_the_file_name_when_there_is_no_text() {
        let (a, issues) = build("---\noutlet: X\n---\n");
        assert_eq!(a.meta.title, "a");
        assert!(a.paragraphs.is_empty());
        assert_eq!(issues.len(), 1);
        assert_eq!(issues[0].severity, Severity::Warning);
        let (a, _) = build("Skip navigation\n");
        assert_eq!(a.meta.title, "a");
    }

    #[test]
    fn sentences_only_for_readable_paragraphs() {
        let (a, _) = build("Headline\n\nFirst one. Second one.\n\nShare Tweet Email\n");
        let counts: Vec<usize> = a.paragraphs.iter().map(|p| p.sentences().len()).collect();
        assert_eq!(counts, [1, 2, 0]);
    }

    #[test]
    fn random_input_never_panics() {
        const PIECES: &[&str] = &[
            "---",
            "\n",
            "\r\n",
            "\r",
            "  ",
            "\t",
            "title: x",
            "published: 2017-13",
            "Mr.",
            " U.S.",
            "“",
            "”",
            "\"",
            "'",
            "’",
            "...",
            "…",
            ". ",
            "! ",
            "? ",
            "1. Name says:",
            "Comments",
            "3. @A:",
            "😀",
            "中文。",
            "é",
            "\u{0}",
            "\u{1}",
            "a",
            "Word",
            "http://x.tk/",
            "-",
            "#",
            "About Jane Roe",
            "is a reporter at",
            "/Getty",
            "(",
            ")",
            "]",
            "[",
        ];
        let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
        for _ in 0..3000 {
            let mut text = String::new();
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            for k in 0..(seed % 40) {
                let i = (seed.rotate_left(k as u32 * 5) % PIECES.len() as u64) as usize;
                text.push_str(PIECES[i]);
            }
            let bytes: Vec<u8> = (0..seed % 64).map(|k| (seed >> (k % 57)) as u8).collect();
            if let Ok(decoded) = load::decode(bytes) {
                build(&decoded.text);
            }
            let (a, _) = build(&text);
            for p in &a.paragraphs {
                assert!(a.text.get(p.range.clone()).is_some(), "{text:?}");
                assert!(p.sentences().all(|s| a.text.get(s).is_some()), "{text:?}");
            }
        }
    }
}
