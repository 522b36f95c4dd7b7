//! First pass: every proper name in an article's own words (quotations left out), and the
//! descriptions set beside names ("Donald Trump Jr., the Republican nominee’s oldest son,").

use regex::Regex;

use crate::static_regex::{StaticRegex, seldom_captures};

use std::collections::BTreeMap;

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::names::find_names;
use super::names::name_key;
use super::quotes::masked_paragraph;
use crate::corpus::{Article, ParagraphKind};
use crate::progress::LoadProgress;

static APPOSITION: StaticRegex = StaticRegex::new(|| {
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
                && let Some(c) = seldom_captures(&APPOSITION.get(), &masked[name.range.end..])
            {
                census.add_description(&name.text, c[1].trim());
            }
        }
    }
    census
}

/// Articles counted at once before their censuses are merged: the merge of one chunk runs
/// while the next is counted, and only a chunk's small per-article censuses wait in memory.
/// (A parallel reduce held several corpus-sized partial censuses at once: ~45 MB at 10,000
/// articles.)
const CHUNK: usize = 256;

/// The census of every article, merged in article order (so descriptions keep that order).
pub fn count_all(articles: &[Article], progress: &LoadProgress) -> NameCensus {
    let mut census = NameCensus::default();
    let mut counted: Vec<NameCensus> = Vec::new();
    for chunk in articles.chunks(CHUNK) {
        let (next, ()) = rayon::join(
            || {
                chunk
                    .par_iter()
                    .map(|a| {
                        let counted = count_names(a);
                        progress.advance(1);
                        counted
                    })
                    .collect::<Vec<_>>()
            },
            || counted.drain(..).for_each(|c| census.merge(c)),
        );
        counted = next;
    }
    counted.into_iter().for_each(|c| census.merge(c));
    census
}

/// How often a written form of a name was seen: in how many articles, how many times.
#[derive(Debug, Default, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(super) struct FormCount {
    pub(super) articles: usize,
    pub(super) mentions: usize,
}

/// Written forms of one name and how often each was seen, plus how often it had a title.
/// Most names have one or two forms: a short list, not a map.
#[derive(Debug, Default, Clone)]
pub(super) struct NameForms {
    pub(super) forms: Vec<(Box<str>, FormCount)>,
    pub(super) titled: usize,
}

impl NameForms {
    fn form_mut(&mut self, form: &str) -> &mut FormCount {
        self.form_given(form, |form| form.into())
    }

    /// [`NameForms::form_mut`], the form made into a box (`boxed`) only if it is new.
    fn form_given<F: AsRef<str>>(&mut self, form: F, boxed: fn(F) -> Box<str>) -> &mut FormCount {
        let at = match self.forms.iter().position(|(f, _)| **f == *form.as_ref()) {
            Some(at) => at,
            None => {
                self.forms.push((boxed(form), FormCount::default()));
                self.forms.len() - 1
            }
        };
        &mut self.forms[at].1
    }

    /// Mentions of all forms.
    pub(super) fn total(&self) -> usize {
        self.forms.iter().map(|(_, f)| f.mentions).sum()
    }
}

/// Every name seen in the corpus, counted, before folding. Hash maps, not ordered ones: the
/// registry sorts the names itself, and looks the other two up by key.
#[derive(Debug, Default, Clone)]
pub struct NameCensus {
    /// key -> display forms counted, and titled count
    pub(super) seen: FxHashMap<Box<str>, NameForms>,
    /// keys of names seen other than as the first word of a sentence
    pub(super) mid_sentence: FxHashSet<Box<str>>,
    /// key of a name -> descriptions given to it in apposition, in article order (iterated
    /// in key order: descriptions of keys that fold into one entity are kept in that order)
    pub(super) descriptions: BTreeMap<String, Vec<String>>,
}

impl NameCensus {
    pub fn add(&mut self, display: &str, titled: bool) {
        self.add_at(display, titled, false);
    }

    /// Counts a name; `sentence_start` says it opened a sentence, where any word is capitalised.
    pub fn add_at(&mut self, display: &str, titled: bool, sentence_start: bool) {
        let key = name_key(display);
        if key.is_empty() {
            return;
        }
        if !sentence_start && !self.mid_sentence.contains(key.as_str()) {
            self.mid_sentence.insert(key.as_str().into());
        }
        let entry = match self.seen.get_mut(key.as_str()) {
            Some(entry) => entry,
            None => self.seen.entry(key.into_boxed_str()).or_default(),
        };
        let form = if display.contains(", ") {
            entry.form_mut(&display.replace(", Jr", " Jr").replace(", Sr", " Sr"))
        } else {
            entry.form_mut(display)
        };
        form.mentions += 1;
        form.articles = 1;
        if titled {
            entry.titled += 1;
        }
    }

    pub fn add_description(&mut self, name: &str, description: &str) {
        self.descriptions
            .entry(name_key(name))
            .or_default()
            .push(description.to_string());
    }

    pub fn merge(&mut self, other: NameCensus) {
        for (key, forms) in other.seen {
            let entry = self.seen.entry(key).or_default();
            for (form, n) in forms.forms {
                // The merged census's own box is moved, not copied.
                let f = entry.form_given(form, |form| form);
                f.articles += n.articles;
                f.mentions += n.mentions;
            }
            entry.titled += forms.titled;
        }
        self.mid_sentence.extend(other.mid_sentence);
        for (key, descs) in other.descriptions {
            self.descriptions.entry(key).or_default().extend(descs);
        }
    }
}
