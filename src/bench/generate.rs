//! Corpora of any size from the real ones: their paragraphs re-used in new combinations under
//! new file names, deterministically, so that loading can be measured past the 3,462 real
//! articles.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use super::{BenchError, Rng};

/// Paragraphs of every article under the given folders, in file-name order. Reads both real
/// formats: BBC (headline, blank line, a paragraph a line) and Reuters (front matter, then
/// hard-wrapped lines, a paragraph starting with spaces or after a blank line).
pub fn harvest_paragraphs(dirs: &[PathBuf]) -> Result<Vec<String>, BenchError> {
    let mut paragraphs = Vec::new();
    for dir in dirs {
        let mut files: Vec<PathBuf> = std::fs::read_dir(dir)
            .map_err(BenchError::io(dir))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "txt" || x == "md"))
            .collect();
        files.sort();
        for file in files {
            let bytes = std::fs::read(&file).map_err(BenchError::io(&file))?;
            paragraphs.extend(paragraphs_of(&String::from_utf8_lossy(&bytes)));
        }
    }
    Ok(paragraphs)
}

/// The body paragraphs of one article (the headline and front matter left out).
fn paragraphs_of(text: &str) -> Vec<String> {
    let body = match text.strip_prefix("---\n") {
        Some(rest) => rest.split_once("\n---\n").map_or(rest, |(_, body)| body),
        None => text.split_once("\n\n").map_or("", |(_, body)| body),
    };
    let mut out = Vec::new();
    let mut current = String::new();
    for line in body.lines() {
        let starts_new =
            line.trim().is_empty() || line.starts_with("  ") || !text.starts_with("---");
        if starts_new && !current.trim().is_empty() {
            out.push(std::mem::take(&mut current));
        }
        if !line.trim().is_empty() {
            if !current.is_empty() {
                current.push(' ');
            }
            current.push_str(line.trim());
        }
    }
    if !current.trim().is_empty() {
        out.push(current);
    }
    out
}

/// Writes `count` articles to `dir` (BBC format, `gen-00001.txt`...), each 3 to 9 paragraphs
/// drawn from `paragraphs` by a generator seeded with `seed` (about 2 KB an article). Returns
/// the bytes written.
pub fn write_corpus(
    paragraphs: &[String],
    count: usize,
    seed: u64,
    dir: &Path,
) -> Result<u64, BenchError> {
    write_corpus_sized(paragraphs, count, seed, None, dir)
}

/// [`write_corpus`], with articles of about `article_bytes` bytes each when given (paragraphs
/// are drawn until the article reaches between 0.6 and 1.4 times it): real news pages are
/// ~5 KB, and the 2 KB default flatters every per-article figure.
pub fn write_corpus_sized(
    paragraphs: &[String],
    count: usize,
    seed: u64,
    article_bytes: Option<usize>,
    dir: &Path,
) -> Result<u64, BenchError> {
    if paragraphs.is_empty() {
        return Err(BenchError::NoParagraphs(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(BenchError::io(dir))?;
    let mut rng = Rng::new(seed);
    let mut total = 0;
    let mut text = String::new();
    for i in 1..=count {
        text.clear();
        let n = 3 + rng.below(7);
        let first = &paragraphs[rng.below(paragraphs.len())];
        let headline: Vec<&str> = first.split_whitespace().take(8).collect();
        let _ = writeln!(text, "{}\n", headline.join(" "));
        text.push_str(first);
        text.push('\n');
        match article_bytes {
            None => {
                for _ in 1..n {
                    text.push_str(&paragraphs[rng.below(paragraphs.len())]);
                    text.push('\n');
                }
            }
            Some(bytes) => {
                let target = bytes * (6 + rng.below(9)) / 10;
                while text.len() < target {
                    text.push_str(&paragraphs[rng.below(paragraphs.len())]);
                    text.push('\n');
                }
            }
        }
        let path = dir.join(format!("gen-{i:05}.txt"));
        std::fs::write(&path, &text).map_err(BenchError::io(&path))?;
        total += text.len() as u64;
    }
    Ok(total)
}

/// Writes one article of about `bytes` bytes of real paragraphs drawn by a generator seeded
/// with `seed`. With `one_line` they are joined by spaces into a single paragraph, as a page
/// saved without line breaks (or a PDF's text) gives; without, the same text keeps a paragraph
/// a line, to compare against. Returns the bytes written.
pub fn write_long_paragraph(
    paragraphs: &[String],
    bytes: usize,
    seed: u64,
    one_line: bool,
    dir: &Path,
) -> Result<u64, BenchError> {
    if paragraphs.is_empty() {
        return Err(BenchError::NoParagraphs(dir.to_path_buf()));
    }
    std::fs::create_dir_all(dir).map_err(BenchError::io(dir))?;
    let mut rng = Rng::new(seed);
    let mut text = String::with_capacity(bytes + 4096);
    text.push_str("One paragraph without line breaks\n\n");
    while text.len() < bytes {
        text.push_str(&paragraphs[rng.below(paragraphs.len())]);
        text.push(if one_line { ' ' } else { '\n' });
    }
    text.push('\n');
    let path = dir.join("long-paragraph.txt");
    std::fs::write(&path, &text).map_err(BenchError::io(&path))?;
    Ok(text.len() as u64)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_real_formats_give_their_paragraphs() {
        let bbc = "Headline here\n\nFirst para.\nSecond para.\n";
        assert_eq!(paragraphs_of(bbc), vec!["First para.", "Second para."]);
        let reuters = "---\ntitle: T\n---\nIt said\nthis.\n    Then \"that,\" he\nsaid.\n";
        assert_eq!(
            paragraphs_of(reuters),
            vec!["It said this.", "Then \"that,\" he said."]
        );
    }

    #[test]
    fn the_same_seed_writes_the_same_corpus() {
        let paras: Vec<String> = (0..20)
            .map(|i| format!("Paragraph {i} said \"x{i}\"."))
            .collect();
        let a = tempfile::tempdir().expect("temp dir");
        let b = tempfile::tempdir().expect("temp dir");
        let bytes = write_corpus(&paras, 5, 7, a.path()).expect("written");
        assert_eq!(
            write_corpus(&paras, 5, 7, b.path()).expect("written"),
            bytes
        );
        let read = |d: &Path| std::fs::read_to_string(d.join("gen-00005.txt")).expect("read");
        assert_eq!(read(a.path()), read(b.path()));
        assert!(write_corpus(&[], 1, 7, a.path()).is_err());
    }

    #[test]
    fn sized_articles_are_about_the_size_asked() {
        let paras: Vec<String> = (0..50)
            .map(|i| format!("Paragraph {i} said \"x{i}\" and some more words to fill."))
            .collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = write_corpus_sized(&paras, 40, 7, Some(5_000), dir.path()).expect("written");
        let mean = bytes / 40;
        assert!((3_500..6_500).contains(&mean), "{mean}");
    }

    #[test]
    fn a_long_paragraph_is_one_line_of_the_size_asked() {
        let paras: Vec<String> = (0..20)
            .map(|i| format!("Paragraph {i} said \"x{i}\"."))
            .collect();
        let dir = tempfile::tempdir().expect("temp dir");
        let bytes = write_long_paragraph(&paras, 5_000, 3, true, dir.path()).expect("written");
        let text = std::fs::read_to_string(dir.path().join("long-paragraph.txt")).expect("read");
        assert_eq!(bytes as usize, text.len());
        assert!((5_000..5_100).contains(&text.len()), "{}", text.len());
        // The headline, a blank line, then one line.
        assert_eq!(text.lines().count(), 3);
        // The same draws a paragraph a line: the same words.
        let split = tempfile::tempdir().expect("temp dir");
        write_long_paragraph(&paras, 5_000, 3, false, split.path()).expect("written");
        let lines = std::fs::read_to_string(split.path().join("long-paragraph.txt")).expect("read");
        assert!(lines.lines().count() > 100);
        assert_eq!(
            lines.replace('\n', " ").trim(),
            text.replace('\n', " ").trim()
        );
    }
}
