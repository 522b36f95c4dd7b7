//! HTML to an article: Readability (`dom_smoothie`, a port of Firefox's Reader View) finds the
//! body; its HTML is then turned into the blocks casefile reads: headings, paragraphs, the
//! paragraphs of block quotes and embedded posts, list items, table rows, each one block.
//!
//! The metadata is Readability's where it has an answer (so an import agrees with Reader
//! View), completed by [`super::metadata`]. The title loses a " | Site" suffix only when the
//! suffix names the outlet or the host.
//!
//! Inline whitespace is collapsed as a browser does; a `<br>` keeps its line break inside the
//! block (casefile reads hard-wrapped paragraphs), and two in a row start a new block.

use std::panic::AssertUnwindSafe;

use dom_query::{Document, NodeRef};
use dom_smoothie::{Config, Readability, ReadabilityError};
use thiserror::Error;

use super::metadata::{self, PageMeta};

/// What a block of the article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum BlockKind {
    Heading,
    Paragraph,
    /// A paragraph of a `<blockquote>`: a quoted passage or an embedded post.
    Quote,
    /// A list item.
    Item,
}

/// One block of text, whitespace collapsed, inner line breaks kept.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Block {
    pub kind: BlockKind,
    pub text: String,
}

/// An article read from a web page.
#[derive(Debug, Clone, PartialEq)]
pub struct WebArticle {
    /// Without the site's suffix.
    pub title: String,
    /// The title as Reader View shows it (the site's suffix may still be there).
    pub reader_title: String,
    pub site: Option<String>,
    pub authors: Vec<String>,
    /// ISO 8601 (see [`metadata::normalize_time`]).
    pub published: Option<String>,
    /// As the page wrote it.
    pub published_raw: Option<String>,
    pub updated: Option<String>,
    pub url: Option<String>,
    pub lang: Option<String>,
    pub blocks: Vec<Block>,
    /// Readability's own test: does the page look like an article (and not an index page, a
    /// login wall, a search form)?
    pub readerable: bool,
}

impl WebArticle {
    /// The body as casefile text: blocks separated by blank lines.
    pub fn body_text(&self) -> String {
        let mut out = String::new();
        for block in &self.blocks {
            if !out.is_empty() {
                out.push_str("\n\n");
            }
            out.push_str(&block.text);
        }
        out
    }

    /// The outlet: the site's name, else the host of its URL.
    pub fn outlet(&self) -> Option<String> {
        self.site
            .clone()
            .or_else(|| self.url.as_deref().and_then(metadata::host_of))
    }
}

/// Why a page gave no article.
#[derive(Debug, Error)]
pub enum ExtractError {
    #[error("no article found on the page (Readability found no body)")]
    NoArticle,
    #[error("the page is too large to read ({0} elements)")]
    TooLarge(usize),
    #[error("the HTML reader failed on this page (a bug: please report it with the page)")]
    Crashed,
}

/// Reads the article in `html`. `page_url` is the page's address, when known (it is the last
/// resort for the date and the outlet).
pub fn extract(html: &str, page_url: Option<&str>) -> Result<WebArticle, ExtractError> {
    // The parser and Readability run on pages from anywhere: a panic in them is this page's
    // error, never the batch's. Nothing outlives the call, so no broken state is seen again.
    std::panic::catch_unwind(AssertUnwindSafe(|| extract_unguarded(html, page_url)))
        .unwrap_or(Err(ExtractError::Crashed))
}

fn extract_unguarded(html: &str, page_url: Option<&str>) -> Result<WebArticle, ExtractError> {
    let doc = Document::from(html);
    let page = metadata::read(&doc, page_url);
    let url = page_url.filter(|u| metadata::is_web_url(u));
    let config = Config {
        max_elements_to_parse: 200_000,
        ..Config::default()
    };
    let mut readability = match Readability::with_document(doc, url, Some(config.clone())) {
        Ok(r) => r,
        // A URL Readability cannot use for links: read without it.
        Err(_) => Readability::with_document(Document::from(html), None, Some(config))
            .map_err(|_| ExtractError::NoArticle)?,
    };
    let readerable = readability.is_probably_readable();
    let article = readability.parse().map_err(|e| match e {
        ReadabilityError::TooManyElements(n, _) => ExtractError::TooLarge(n),
        _ => ExtractError::NoArticle,
    })?;
    let blocks = blocks_of(&Document::from(article.content.as_ref()));
    if blocks.is_empty() {
        return Err(ExtractError::NoArticle);
    }
    Ok(merge(article, page, blocks, readerable))
}

/// Readability's metadata first, the page's other sources after.
fn merge(
    article: dom_smoothie::Article,
    page: PageMeta,
    blocks: Vec<Block>,
    readerable: bool,
) -> WebArticle {
    let nonempty = |s: Option<String>| s.map(|s| metadata::collapse(&s)).filter(|s| !s.is_empty());
    let url = nonempty(page.canonical_url)
        .or_else(|| nonempty(article.url).filter(|u| metadata::is_web_url(u)));
    let site = nonempty(article.site_name).or(nonempty(page.site));
    let mut authors = nonempty(article.byline)
        .map(|b| metadata::split_authors(&b))
        .unwrap_or_default();
    if authors.is_empty() {
        authors = page.authors;
    }
    let reader_title = nonempty(Some(article.title))
        .or(nonempty(page.title))
        .or_else(|| {
            blocks
                .iter()
                .find(|b| b.kind == BlockKind::Heading)
                .map(|b| b.text.clone())
        })
        .unwrap_or_default();
    let host = url.as_deref().and_then(metadata::host_of);
    let title = metadata::strip_site_suffix(&reader_title, site.as_deref(), host.as_deref());
    let published_raw = nonempty(article.published_time).or(nonempty(page.published));
    let published = published_raw.as_deref().and_then(metadata::normalize_time);
    let updated = nonempty(article.modified_time)
        .or(nonempty(page.updated))
        .as_deref()
        .and_then(metadata::normalize_time);
    WebArticle {
        title,
        reader_title,
        site,
        authors,
        published,
        published_raw,
        updated,
        url,
        lang: nonempty(article.lang).or(nonempty(page.lang)),
        blocks,
        readerable,
    }
}

/// Elements that end the text before them and start a new block.
fn is_block(name: &str) -> bool {
    matches!(
        name,
        "p" | "div"
            | "section"
            | "article"
            | "main"
            | "header"
            | "footer"
            | "aside"
            | "nav"
            | "ul"
            | "ol"
            | "dl"
            | "dd"
            | "dt"
            | "pre"
            | "figure"
            | "figcaption"
            | "table"
            | "thead"
            | "tbody"
            | "tfoot"
            | "tr"
            | "caption"
            | "hr"
            | "address"
            | "center"
            | "details"
            | "summary"
            | "form"
            | "fieldset"
            | "legend"
            | "body"
            | "html"
    )
}

/// The blocks of an extracted article's HTML (or of any HTML: the import test reads
/// Readability's expected output with it too).
pub fn blocks_of(doc: &Document) -> Vec<Block> {
    let mut walker = Walker::default();
    walker.visit(&doc.root(), BlockKind::Paragraph, false);
    walker.flush(BlockKind::Paragraph);
    walker.blocks
}

/// Deepest element nesting the walker follows.
const MAX_DEPTH: usize = 256;

#[derive(Default)]
struct Walker {
    blocks: Vec<Block>,
    /// Text of the block being built.
    buffer: String,
}

impl Walker {
    fn visit(&mut self, node: &NodeRef, kind: BlockKind, pre: bool) {
        self.visit_at(node, kind, pre, 0);
    }

    fn visit_at(&mut self, node: &NodeRef, kind: BlockKind, pre: bool, depth: usize) {
        if depth > MAX_DEPTH {
            // Past any real page's nesting: the text, without its structure, and no deeper
            // recursion (a crafted page must not exhaust the stack).
            self.text(&node.text(), pre);
            return;
        }
        let depth = depth + 1;
        for child in node.children_it(false) {
            if child.is_text() {
                self.text(&child.text(), pre);
                continue;
            }
            if !child.is_element() {
                continue;
            }
            let name = child
                .node_name()
                .map(|n| n.to_ascii_lowercase())
                .unwrap_or_default();
            match name.as_str() {
                "script" | "style" | "noscript" | "template" | "svg" | "math" | "head"
                | "button" | "select" | "input" | "textarea" | "iframe" | "img" => {}
                "br" => self.buffer.push('\n'),
                "h1" | "h2" | "h3" | "h4" | "h5" | "h6" => {
                    self.flush(kind);
                    self.visit_at(&child, kind, pre, depth);
                    let heading = if kind == BlockKind::Quote {
                        BlockKind::Quote
                    } else {
                        BlockKind::Heading
                    };
                    self.flush(heading);
                }
                "blockquote" => {
                    self.flush(kind);
                    self.visit_at(&child, BlockKind::Quote, pre, depth);
                    self.flush(BlockKind::Quote);
                }
                "li" => {
                    self.flush(kind);
                    let inner = if kind == BlockKind::Quote {
                        kind
                    } else {
                        BlockKind::Item
                    };
                    self.visit_at(&child, inner, pre, depth);
                    self.flush(inner);
                }
                "td" | "th" => {
                    if !self.buffer.trim().is_empty() && !self.buffer.ends_with(' ') {
                        self.buffer.push(' ');
                    }
                    self.visit_at(&child, kind, pre, depth);
                    self.buffer.push(' ');
                }
                "pre" => {
                    self.flush(kind);
                    self.visit_at(&child, kind, true, depth);
                    self.flush(kind);
                }
                other if is_block(other) => {
                    self.flush(kind);
                    self.visit_at(&child, kind, pre, depth);
                    self.flush(kind);
                }
                _ => self.visit_at(&child, kind, pre, depth),
            }
        }
    }

    fn text(&mut self, text: &str, pre: bool) {
        if pre {
            self.buffer.push_str(text);
            return;
        }
        let mut last_space = self.buffer.ends_with([' ', '\n']) || self.buffer.is_empty();
        for c in text.chars() {
            if c.is_whitespace() {
                if !last_space {
                    self.buffer.push(' ');
                    last_space = true;
                }
            } else {
                self.buffer.push(c);
                last_space = false;
            }
        }
    }

    /// Ends the block being built; blank lines inside it (two `<br>`) split it.
    fn flush(&mut self, kind: BlockKind) {
        let buffer = std::mem::take(&mut self.buffer);
        let mut lines: Vec<&str> = Vec::new();
        let mut push = |lines: &mut Vec<&str>| {
            if !lines.is_empty() {
                self.blocks.push(Block {
                    kind,
                    text: lines.join("\n"),
                });
                lines.clear();
            }
        };
        for line in buffer.split('\n') {
            let line = line.trim_matches(|c: char| c.is_whitespace());
            if line.is_empty() {
                push(&mut lines);
            } else {
                lines.push(line);
            }
        }
        push(&mut lines);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds_and_texts(html: &str) -> Vec<(BlockKind, String)> {
        blocks_of(&Document::from(html))
            .into_iter()
            .map(|b| (b.kind, b.text))
            .collect()
    }

    #[test]
    fn blocks_keep_paragraphs_headings_quotes_and_items() {
        let html = "<div><h2>A  heading</h2><p>First <b>bold</b>\n  words.</p>\
            <blockquote class=\"twitter-tweet\"><p>Wow. Just wow.</p>— Don (@don) \
            <a href=\"#\">October 14, 2016</a></blockquote>\
            <ul><li>one</li><li>two</li></ul><p>line<br>break<br><br>new block</p>\
            <table><tr><td>a</td><td>b</td></tr></table><script>x()</script></div>";
        let got = kinds_and_texts(html);
        let want = [
            (BlockKind::Heading, "A heading"),
            (BlockKind::Paragraph, "First bold words."),
            (BlockKind::Quote, "Wow. Just wow."),
            (BlockKind::Quote, "— Don (@don) October 14, 2016"),
            (BlockKind::Item, "one"),
            (BlockKind::Item, "two"),
            (BlockKind::Paragraph, "line\nbreak"),
            (BlockKind::Paragraph, "new block"),
            (BlockKind::Paragraph, "a b"),
        ];
        let want: Vec<(BlockKind, String)> =
            want.iter().map(|(k, t)| (*k, t.to_string())).collect();
        assert_eq!(got, want);
    }

    #[test]
    fn an_article_page_is_read_with_its_metadata() {
        let para = "<p>The committee said on Tuesday that it had received the documents, \
            and that it would review them over the coming weeks, according to a statement \
            released by its chairman, who declined to comment further on the matter.</p>";
        let html = format!(
            "<html lang=\"en\"><head><title>Committee gets papers | The Daily</title>\
             <meta property=\"og:site_name\" content=\"The Daily\">\
             <meta property=\"article:published_time\" content=\"2017-11-13T10:00:00Z\">\
             <meta name=\"author\" content=\"Jane Roe\"></head><body><nav>Home News</nav>\
             <article><h1>Committee gets papers</h1>{para}{para}{para}{para}</article></body></html>"
        );
        let a = extract(&html, Some("https://daily.example/2017/11/13/papers")).unwrap();
        assert_eq!(a.title, "Committee gets papers");
        // Reader View keeps the suffix of a title this short; the title written drops it.
        assert_eq!(a.reader_title, "Committee gets papers | The Daily");
        assert_eq!(a.site.as_deref(), Some("The Daily"));
        assert_eq!(a.authors, ["Jane Roe"]);
        assert_eq!(a.published.as_deref(), Some("2017-11-13T10:00:00+00:00"));
        assert_eq!(a.lang.as_deref(), Some("en"));
        assert!(a.readerable);
        assert!(a.body_text().contains("The committee said on Tuesday"));
        assert!(!a.body_text().contains("Home News"));
    }

    #[test]
    fn deep_nesting_neither_overflows_nor_loses_the_text() {
        let html = format!(
            "{}<p>deep words</p>{}",
            "<div>".repeat(5000),
            "</div>".repeat(5000)
        );
        let got = kinds_and_texts(&html);
        assert_eq!(got, [(BlockKind::Paragraph, "deep words".to_string())]);
        let page = format!(
            "<html><body>{}<p>{}</p>{}</body></html>",
            "<div>".repeat(5000),
            "Words of a deeply nested page, long enough to be an article body. ".repeat(20),
            "</div>".repeat(5000)
        );
        // Whatever Readability makes of it, it returns.
        let _ = extract(&page, None);
    }

    #[test]
    fn an_empty_page_has_no_article() {
        assert!(extract("<html><body></body></html>", None).is_err());
        assert!(extract("", None).is_err());
    }
}
