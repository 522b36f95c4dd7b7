//! First pass: every proper name in an article's own words (quotations left out), and the
//! descriptions set beside names ("Donald Trump Jr., the Republican nominee’s oldest son,").

use std::sync::LazyLock;

use regex::Regex;

use super::entities::NameCensus;
use super::names::find_names;
use super::walker::masked_paragraph;
use crate::corpus::{Article, ParagraphKind};

static APPOSITION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^,\s+((?:the|a|an)\s+[^,;:.“”\x22()]{2,60}?)\s*[,.;]").expect("apposition")
});

pub fn count_names(article: &Article) -> NameCensus {
    let mut census = NameCensus::default();
    for p in &article.paragraphs {
        // Headlines are in Title Case: every word looks like a name there.
        if p.kind != ParagraphKind::Text {
            continue;
        }
        let masked = masked_paragraph(article, p.range.clone());
        for name in find_names(&masked, 0) {
            let before = masked[..name.range.start]
                .trim_end_matches(|c: char| c.is_whitespace() || "“\"‘(".contains(c));
            let sentence_start = before.is_empty() || before.ends_with(['.', '!', '?', ':']);
            census.add_at(&name.text, name.titled, sentence_start);
            if name.text.contains(' ')
                && let Some(c) = APPOSITION.captures(&masked[name.range.end..])
            {
                census.add_description(&name.text, c[1].trim());
            }
        }
    }
    census
}
