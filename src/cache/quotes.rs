//! The quote index of a cached case: what `casefile search` shows of every quote, stored beside
//! the case so that a search reads this file (and checks the articles' stamps, to know it is
//! current) instead of decoding the whole case. Decoded without copying: every string borrows
//! from the file's bytes.

use std::borrow::Cow;
use std::path::Path;

use serde::{Deserialize, Serialize};

use super::{CacheError, CaseCache, HEADER_LEN, read_framed, write_framed};
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

/// Every quote of a case, in quote order, and the case's load issues (paths relative to the
/// corpus folder), which a search reports as opening the case would.
#[derive(Debug, Serialize, Deserialize)]
pub struct QuoteIndex<'a> {
    #[serde(borrow)]
    pub records: Vec<QuoteRecord<'a>>,
    pub issues: Vec<LoadIssue>,
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
            || self.key(root, &corpus_dir, &progress, false),
            || self.fetch_quotes(root),
        );
        let (key, mut stored) = (key.ok()?, stored.ok()?);
        if key.digest != stored.digest {
            return None;
        }
        // Files hashed anew (too recent to trust last time, or touched) are trusted next time.
        let _ = self.keep_stamps(root, &key);
        stored.corpus_dir = corpus_dir;
        Some(stored)
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
        index: &impl Serialize,
    ) -> Result<(), CacheError> {
        write_framed(&self.quotes_file_for(root), digest, index)
    }
}
