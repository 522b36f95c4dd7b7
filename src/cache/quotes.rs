//! The quote index of a cached case: what `casefile search` shows of every quote, stored beside
//! the case so that a search reads this file (and hashes the articles, to know it is current)
//! instead of decoding the whole case. Decoded without copying: every string borrows from the
//! file's bytes.

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{CacheError, CaseCache, HEADER_LEN, read_framed, write_framed};
use crate::case::Case;
use crate::corpus::LoadIssue;

/// One quote as a search hit shows it.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct QuoteRecord<'a> {
    #[serde(borrow)]
    pub text: Cow<'a, str>,
    #[serde(borrow)]
    pub outlet: Option<Cow<'a, str>>,
    /// The article's id (its path in the corpus).
    #[serde(borrow)]
    pub article: Cow<'a, str>,
    pub section: crate::corpus::Section,
    #[serde(borrow)]
    pub date: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub speaker: Option<Cow<'a, str>>,
    #[serde(borrow)]
    pub event: Option<Cow<'a, str>>,
    pub start: usize,
    pub end: usize,
}

impl QuoteRecord<'static> {
    /// Quote `qi` of an opened case.
    pub fn of(case: &Case, qi: usize) -> QuoteRecord<'static> {
        let q = &case.quotes[qi];
        let a = &case.articles[q.article];
        QuoteRecord {
            text: Cow::Owned(q.text(a)),
            outlet: a.meta.outlet.clone().map(Cow::Owned),
            article: Cow::Owned(a.id.clone()),
            section: q.section,
            date: q.date.as_ref().map(|d| Cow::Owned(d.when.display())),
            speaker: q.speaker.as_ref().map(|s| {
                Cow::Owned(match s.entity {
                    Some(id) => case.entities.name(id).to_string(),
                    None => s.phrase.to_string(),
                })
            }),
            event: case.event_of_quote(qi).map(|e| Cow::Owned(e.id.clone())),
            start: q.outer.start,
            end: q.outer.end,
        }
    }
}

/// Every quote of a case, in quote order, and the case's load issues (paths relative to the
/// corpus folder), which a search reports as opening the case would.
#[derive(Debug, Serialize, Deserialize)]
pub struct QuoteIndex<'a> {
    #[serde(borrow)]
    pub records: Vec<QuoteRecord<'a>>,
    pub issues: Vec<LoadIssue>,
}

/// What [`QuoteIndex`] is written from: each record built as it is written, so the index of
/// a large case (358,000 quotes at 50,000 articles) is never held whole beside the case.
#[derive(Serialize)]
pub(crate) struct QuoteIndexOf<'c> {
    records: RecordsOf<'c>,
    issues: &'c [LoadIssue],
}

impl<'c> QuoteIndexOf<'c> {
    pub(crate) fn new(case: &'c Case, issues: &'c [LoadIssue]) -> Self {
        QuoteIndexOf {
            records: RecordsOf(case),
            issues,
        }
    }
}

/// Every quote's [`QuoteRecord`], serialized as a sequence (a `Vec` when read back).
struct RecordsOf<'c>(&'c Case);

impl Serialize for RecordsOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.quotes.len()))?;
        for qi in 0..self.0.quotes.len() {
            seq.serialize_element(&QuoteRecord::of(self.0, qi))?;
        }
        seq.end()
    }
}

/// A quote index file read into memory; [`StoredQuotes::index`] decodes it, borrowing.
pub struct StoredQuotes {
    pub digest: u128,
    bytes: Vec<u8>,
    /// Where the case's articles are, for the issues' paths.
    corpus_dir: std::path::PathBuf,
}

impl StoredQuotes {
    pub fn index(&self) -> Result<QuoteIndex<'_>, CacheError> {
        Ok(postcard::from_bytes(&self.bytes[HEADER_LEN..])?)
    }

    /// The load issues of `index`, with their paths under the corpus folder again.
    pub fn issues(&self, index: &QuoteIndex<'_>) -> Vec<LoadIssue> {
        super::absolute_issues(index.issues.clone(), &self.corpus_dir)
    }
}

impl CaseCache {
    /// The quote index of the case at `root` if one is stored and the case's files are
    /// unchanged since (the same key as the whole case's), without opening the case.
    pub fn current_quotes(&self, root: &Path) -> Option<StoredQuotes> {
        let corpus = root.join("corpus");
        let corpus_dir = if corpus.is_dir() {
            corpus
        } else {
            root.to_path_buf()
        };
        let progress = crate::progress::LoadProgress::default();
        let (key, stored) = rayon::join(
            || super::key::case_key_keeping(&corpus_dir, &progress, false),
            || self.fetch_quotes(root),
        );
        let (key, mut stored) = (key.ok()?, stored.ok()?);
        stored.corpus_dir = corpus_dir;
        (key.digest == stored.digest).then_some(stored)
    }

    /// The quote index stored for the case at `root`, with the key digest it was stored under.
    pub fn fetch_quotes(&self, root: &Path) -> Result<StoredQuotes, CacheError> {
        let (digest, bytes) = read_framed(&self.quotes_file_for(root))?;
        Ok(StoredQuotes {
            digest,
            bytes,
            corpus_dir: root.join("corpus"),
        })
    }

    pub(crate) fn store_quotes(
        &self,
        root: &Path,
        digest: u128,
        index: &QuoteIndexOf<'_>,
    ) -> Result<(), CacheError> {
        write_framed(&self.quotes_file_for(root), digest, index)
    }
}
