//! The loaded corpus as plain data: articles, their sections and paragraphs, with every piece
//! keeping its byte range in the file so that notes and excerpts can anchor to it.
//!
//! Offsets are into `Article::text`, the whole decoded file (front matter included). For a file
//! that was not valid UTF-8, that is the text after lossy decoding (flagged in `Article::lossy`).

use std::ops::Range;
use std::path::PathBuf;

use serde::{Deserialize, Serialize};

use crate::when::When;

/// Where a paragraph sits: the outlet's own reporting, or the readers' comments below it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Section {
    Body,
    Comments,
}

impl Section {
    pub fn as_str(self) -> &'static str {
        match self {
            Section::Body => "body",
            Section::Comments => "comments",
        }
    }
}

/// What a paragraph is, as far as reading goes.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum ParagraphKind {
    /// Running text of the article or of a comment.
    Text,
    /// A short title-like line: headline, section heading, standfirst.
    Heading,
    /// Page furniture saved along with the text: navigation, credits, share buttons, bios.
    Debris,
    /// The "N. Name says:" line that opens a reader comment.
    CommentHeader,
}

/// One paragraph of an article. Hard-wrapped paragraphs span several lines of the file; their
/// `range` covers all of them and the text inside keeps its newlines and indentation.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paragraph {
    pub range: Range<usize>,
    pub kind: ParagraphKind,
    pub section: Section,
    /// For paragraphs in the comments section: the commenter's name, when the header gave one.
    /// (Boxed, as the sentences: a paragraph is never grown once read, and the capacity word of
    /// a `String` and a `Vec` cost 1.1 MB over the 70,000 paragraphs of 10,000 articles.)
    pub commenter: Option<Box<str>>,
    /// Sentence ranges (absolute offsets, inside `range`), in 32 bits: there are more
    /// sentences than anything else, and no article reaches 4 GiB (the loader refuses files
    /// past [`MAX_ARTICLE_BYTES`](crate::corpus::MAX_ARTICLE_BYTES)). Empty for debris. Read
    /// them with [`Paragraph::sentences`].
    pub sentence_ranges: Box<[Range<u32>]>,
}

impl Paragraph {
    /// The sentence ranges, as byte offsets into the article text.
    pub fn sentences(&self) -> impl DoubleEndedIterator<Item = Range<usize>> + ExactSizeIterator {
        self.sentence_ranges
            .iter()
            .map(|r| r.start as usize..r.end as usize)
    }
}

/// Where an article's publication date was read, most trusted first (see
/// [`super::textmeta`] for why this order).
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum DateSource {
    /// The `published:` key of the front matter.
    FrontMatter,
    /// A "Published …", "Updated …" or "Posted …" line, or a byline with a date.
    PublishedLine,
    /// A dateline opening the story ("WASHINGTON, Nov 14 (Reuters) -") or a date alone on a
    /// line near the top.
    Dateline,
    /// A date in the article's URL (`/2017/11/14/`, `20171114`, `2017-11-14`).
    Url,
    /// A date in the file's name or folder (`atlantic-2017-11-13.txt`).
    FileName,
}

impl DateSource {
    /// The name `quotes --json` gives as `date_basis` for a quote dated by publication.
    pub fn as_str(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front-matter",
            DateSource::PublishedLine => "published-line",
            DateSource::Dateline => "dateline",
            DateSource::Url => "url",
            DateSource::FileName => "file-name",
        }
    }

    /// In words, for the phrase a quote's date rests on.
    pub fn describe(self) -> &'static str {
        match self {
            DateSource::FrontMatter => "front matter",
            DateSource::PublishedLine => "“Published” line",
            DateSource::Dateline => "dateline",
            DateSource::Url => "URL",
            DateSource::FileName => "file name",
        }
    }
}

/// Facts about an article, from its front matter or, failing that, from the text itself.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ArticleMeta {
    pub title: String,
    pub outlet: Option<String>,
    pub author: Option<String>,
    /// Publication date; `precision` says whether the day (or only the month) is known.
    pub published: Option<When>,
    /// Where `published` was read.
    #[serde(default)]
    pub published_from: Option<DateSource>,
    /// The article's address: the front matter's `url:`, or a "Source:"/"URL:" line or a URL
    /// alone on the first or last line of the text.
    pub url: Option<String>,
    /// Front-matter keys we do not know, kept so nothing the user wrote is lost.
    pub extra: Vec<(String, String)>,
}

impl ArticleMeta {
    /// The words a quote dated by publication shows as its date's phrase: "publication date
    /// (front matter)", "publication date (URL)".
    pub fn published_phrase(&self) -> String {
        match self.published_from {
            Some(source) => format!("publication date ({})", source.describe()),
            None => "publication date".to_string(),
        }
    }
}

/// A loaded article.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Article {
    /// Stable id: the path relative to the corpus folder, with `/` separators.
    pub id: String,
    #[serde(skip)]
    pub path: PathBuf,
    /// The whole decoded file.
    #[serde(skip)]
    pub text: String,
    pub meta: ArticleMeta,
    /// Offset where the body starts (after the front matter, if any).
    pub body_start: usize,
    pub paragraphs: Vec<Paragraph>,
    /// The file was not valid UTF-8 and was decoded with replacement characters.
    pub lossy: bool,
}

impl Article {
    /// The text of a byte range of this article.
    pub fn slice(&self, range: &Range<usize>) -> &str {
        &self.text[range.clone()]
    }

    /// The outlet's name, or a placeholder that says it is unknown.
    pub fn outlet_or_unknown(&self) -> &str {
        self.meta.outlet.as_deref().unwrap_or("(unknown outlet)")
    }
}
