//! First pass: every proper name in an article's own words (quotations left out), and the
//! descriptions set beside names ("Donald Trump Jr., the Republican nominee’s oldest son,").

use std::sync::LazyLock;

use regex::Regex;

use std::collections::BTreeMap;

use super::entities::name_key;
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

/// How often a written form of a name was seen: in how many articles, how many times.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct FormCount {
    pub(super) articles: usize,
    pub(super) mentions: usize,
}

/// Written forms of one name and how often each was seen, plus how often it had a title.
pub(super) type NameForms = (BTreeMap<String, FormCount>, usize);

/// Every name seen in the corpus, counted, before folding.
#[derive(Debug, Default, Clone)]
pub struct NameCensus {
    /// key -> (display form counts, titled count)
    pub(super) seen: BTreeMap<String, NameForms>,
    /// key -> mentions that were not the first word of a sentence
    pub(super) mid_sentence: BTreeMap<String, usize>,
    /// key of a name -> descriptions given to it in apposition
    pub(super) descriptions: BTreeMap<String, Vec<String>>,
}

impl NameCensus {
    pub fn add(&mut self, display: &str, titled: bool) {
        self.add_at(display, titled, false);
    }

    /// Counts a name; `sentence_start` says it opened a sentence, where any word is capitalised.
    pub fn add_at(&mut self, display: &str, titled: bool, sentence_start: bool) {
        let key = name_key(display);
        if !sentence_start && !key.is_empty() {
            *self.mid_sentence.entry(key.clone()).or_default() += 1;
        }
        if key.is_empty() {
            return;
        }
        let entry = self.seen.entry(key).or_default();
        let form = entry
            .0
            .entry(display.replace(", Jr", " Jr").replace(", Sr", " Sr"))
            .or_default();
        form.mentions += 1;
        form.articles = 1;
        if titled {
            entry.1 += 1;
        }
    }

    pub fn add_description(&mut self, name: &str, description: &str) {
        self.descriptions
            .entry(name_key(name))
            .or_default()
            .push(description.to_string());
    }

    pub fn merge(&mut self, other: NameCensus) {
        for (key, (forms, titled)) in other.seen {
            let entry = self.seen.entry(key).or_default();
            for (form, n) in forms {
                let f = entry.0.entry(form).or_default();
                f.articles += n.articles;
                f.mentions += n.mentions;
            }
            entry.1 += titled;
        }
        for (key, n) in other.mid_sentence {
            *self.mid_sentence.entry(key).or_default() += n;
        }
        for (key, descs) in other.descriptions {
            self.descriptions.entry(key).or_default().extend(descs);
        }
    }
}

pub(super) fn total(v: &NameForms) -> usize {
    v.0.values().map(|f| f.mentions).sum()
}
