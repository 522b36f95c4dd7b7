//! A case: a folder with `corpus/` (the articles) and `notes/` (the investigator's notes),
//! opened into articles, extracted quotes and the timeline in one call.

mod quote_index;

use std::borrow::Cow;
use std::path::{Path, PathBuf};

use crate::cache::{self, CacheError, CaseCache, Origin, Snapshot};
use crate::corpus::{self, Article, LoadIssue, Severity};
use crate::error::CaseError;
use crate::extract::entities::{EntitiesFile, EntityRegistry};
use crate::extract::{self, Party, Quote};
use crate::progress::{LoadProgress, LoadStep};
use crate::static_regex;
use crate::timeline::{self, Event, Timeline};
use quote_index::QuoteIndexOf;

/// The case shipped with casefile: the repository's own folder.
pub fn bundled_case_dir() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// Which folder to open: `--case DIR` if given; else the current folder if it has a
/// `corpus/`; else the bundled case.
pub fn locate(explicit: Option<&Path>, cwd: &Path) -> PathBuf {
    match explicit {
        Some(dir) => dir.to_path_buf(),
        None if cwd.join("corpus").is_dir() => cwd.to_path_buf(),
        None => bundled_case_dir(),
    }
}

/// An opened case.
#[derive(Debug)]
pub struct Case {
    pub root: PathBuf,
    /// The folder the articles were read from: `root/corpus`, or `root` itself when it is a
    /// bare folder of articles.
    pub corpus_dir: PathBuf,
    pub articles: Vec<Article>,
    pub issues: Vec<LoadIssue>,
    pub entities: EntityRegistry,
    pub quotes: Vec<Quote>,
    pub timeline: Timeline,
    /// Built from the files, or read back from the cache.
    pub origin: Origin,
    /// Why the cache was not used or not updated, for debugging; never an error.
    pub cache_note: Option<String>,
}

impl Case {
    /// Opens the case at `root`, from the cache when its files are unchanged (see
    /// `CaseCache::from_env`). A folder without `corpus/` is read as a bare folder of articles.
    /// Problems with single files are in `issues`; only a missing or empty corpus (or a broken
    /// `entities.ron`) is an error.
    pub fn open(root: &Path) -> Result<Case, CaseError> {
        Case::open_reporting(
            root,
            CaseCache::from_env().as_ref(),
            &LoadProgress::default(),
        )
    }

    /// Opens the case from its files, neither reading nor writing the cache.
    pub fn open_uncached(root: &Path) -> Result<Case, CaseError> {
        Case::open_with(root, None)
    }

    /// Opens the case with the given cache, or none.
    pub fn open_with(root: &Path, cache: Option<&CaseCache>) -> Result<Case, CaseError> {
        Case::open_reporting(root, cache, &LoadProgress::default())
    }

    /// Opens the case with the given cache, or none, reporting each step to `progress` (which
    /// another thread may watch). `progress` ends at `LoadStep::Done`, on success or error.
    pub fn open_reporting(
        root: &Path,
        cache: Option<&CaseCache>,
        progress: &LoadProgress,
    ) -> Result<Case, CaseError> {
        let case = Case::open_steps(root, cache, progress);
        progress.begin(LoadStep::Done, 0);
        case
    }

    fn open_steps(
        root: &Path,
        cache: Option<&CaseCache>,
        progress: &LoadProgress,
    ) -> Result<Case, CaseError> {
        if root.exists() && !root.is_dir() {
            return Err(CaseError::CaseNotFolder(root.to_path_buf()));
        }
        if !root.is_dir() {
            return Err(CaseError::MissingCorpus(root.to_path_buf()));
        }
        let corpus = root.join("corpus");
        if corpus.exists() && !corpus.is_dir() {
            return Err(CaseError::CorpusNotFolder(corpus));
        }
        let corpus_dir = if root.join("corpus").is_dir() {
            root.join("corpus")
        } else {
            root.to_path_buf()
        };
        let Some(cache) = cache else {
            return Case::build(root, corpus_dir, progress);
        };
        // Hashing the files and decoding the stored case are independent: both at once.
        let (key, fetched) = rayon::join(
            || cache.key(root, &corpus_dir, progress, true),
            || cache.fetch(root),
        );
        let Ok(mut key) = key else {
            // The build reports what is wrong with the folder.
            return Case::build(root, corpus_dir, progress);
        };
        let miss = match fetched {
            Ok((digest, stale)) if digest != key.digest => {
                // Freed now, not held through the rebuild.
                drop(stale);
                "the files changed since".to_string()
            }
            Ok((_, snapshot)) => match Case::from_snapshot(root, &corpus_dir, snapshot, &mut key) {
                Some(mut case) => {
                    // The files just hashed are stamped: a search need not read them again.
                    if let Err(e) = cache.keep_stamps(root, &key) {
                        case.cache_note = Some(format!("stamps not stored: {e}"));
                    }
                    return Ok(case);
                }
                None => "the cached case does not fit its files".to_string(),
            },
            Err(e) => e.to_string(),
        };
        // The build reads the files itself: their bytes are not held through it.
        key.contents = Vec::new();
        let mut case = Case::build(root, corpus_dir, progress)?;
        progress.begin(LoadStep::StoringCache, 0);
        let stored = case
            .store(cache, &key)
            .and_then(|()| cache.keep_stamps(root, &key));
        case.cache_note = Some(match stored {
            Ok(()) => format!("rebuilt: {miss}"),
            Err(e) => format!("rebuilt: {miss}; not stored: {e}"),
        });
        Ok(case)
    }

    /// Loads, extracts and builds the timeline from the files.
    fn build(root: &Path, corpus_dir: PathBuf, progress: &LoadProgress) -> Result<Case, CaseError> {
        let loaded = corpus::load_corpus_reporting(&corpus_dir, progress)?;
        // Each step matches with its own regexes: the last step's go first.
        static_regex::release_regexes();
        let entities_path = corpus_dir.join("entities.ron");
        let declared = if entities_path.is_file() {
            EntitiesFile::load(&entities_path)?
        } else {
            EntitiesFile::default()
        };
        // Extraction gives back its regexes itself, between its passes.
        let extraction = extract::extract_reporting(&loaded.articles, &declared, progress);
        let timeline = timeline::build_reporting(&loaded.articles, &extraction, progress);
        Ok(Case {
            root: root.to_path_buf(),
            corpus_dir,
            articles: loaded.articles,
            issues: loaded.issues,
            entities: extraction.entities,
            quotes: extraction.quotes,
            timeline,
            origin: Origin::Built,
            cache_note: None,
        })
    }

    fn store(&self, cache: &CaseCache, key: &cache::CaseKey) -> Result<(), CacheError> {
        let Some(issues) = cache::relative_issues(&self.issues, &self.corpus_dir) else {
            return Ok(());
        };
        let quote_issues = issues.clone();
        let snapshot = Snapshot {
            articles: Cow::Borrowed(&self.articles),
            texts: self.articles.iter().map(cache::stored_text).collect(),
            issues,
            entities: Cow::Borrowed(&self.entities),
            quotes: Cow::Borrowed(&self.quotes),
            timeline: Cow::Borrowed(&self.timeline),
            quote_event: Cow::Borrowed(&self.timeline.quote_event),
        };
        // Two files, one a core: the case, and the quote index a search reads alone.
        let (case, quotes) = rayon::join(
            || cache.store(&self.root, key, &snapshot),
            || {
                let quotes = QuoteIndexOf::new(self, &quote_issues);
                cache.store_quotes(&self.root, key.digest, &quotes)
            },
        );
        case.and(quotes)
    }

    fn from_snapshot(
        root: &Path,
        corpus_dir: &Path,
        snapshot: Snapshot<'static>,
        key: &mut cache::CaseKey,
    ) -> Option<Case> {
        let mut articles = snapshot.articles.into_owned();
        cache::restore_articles(&mut articles, snapshot.texts, &key.files, &mut key.contents)
            .ok()?;
        key.contents = Vec::new();
        let mut timeline = snapshot.timeline.into_owned();
        timeline.quote_event = snapshot.quote_event.into_owned();
        Some(Case {
            root: root.to_path_buf(),
            corpus_dir: corpus_dir.to_path_buf(),
            articles,
            issues: cache::absolute_issues(snapshot.issues, corpus_dir),
            entities: snapshot.entities.into_owned(),
            quotes: snapshot.quotes.into_owned(),
            timeline,
            origin: Origin::Cached,
            cache_note: None,
        })
    }

    /// The case's name: its folder's name.
    pub fn name(&self) -> String {
        self.root
            .canonicalize()
            .unwrap_or_else(|_| self.root.clone())
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_else(|| "case".to_string())
    }

    pub fn has_errors(&self) -> bool {
        self.issues.iter().any(|i| i.severity == Severity::Error)
    }

    /// Display name of an entity, or the phrase the text used.
    pub fn party_name(&self, party: &Party) -> String {
        match party {
            Party::Entity(id) => self.entities.name(*id).to_string(),
            Party::Public => "public".to_string(),
        }
    }

    pub fn sender_name(&self, event: &Event) -> String {
        match (event.sender, &event.sender_phrase) {
            (Some(id), _) => self.entities.name(id).to_string(),
            (None, Some(p)) => format!("“{p}”"),
            (None, None) => "unknown".to_string(),
        }
    }

    pub fn recipient_names(&self, event: &Event) -> Vec<String> {
        event
            .recipients
            .iter()
            .map(|p| self.party_name(p))
            .collect()
    }

    /// "Sender → Recipient, Other" (with the given arrow), or the sender alone.
    pub fn who(&self, event: &Event, arrow: &str) -> String {
        let to = self.recipient_names(event);
        if to.is_empty() {
            self.sender_name(event)
        } else {
            format!("{} {arrow} {}", self.sender_name(event), to.join(", "))
        }
    }

    /// The outlets that carry the event, each once, in name order.
    pub fn outlets(&self, event: &Event) -> Vec<&str> {
        let mut outlets: Vec<&str> = event
            .sources
            .iter()
            .map(|s| self.articles[s.article].outlet_or_unknown())
            .collect();
        outlets.sort_unstable();
        outlets.dedup();
        outlets
    }

    /// The event a quote belongs to, if any.
    pub fn event_of_quote(&self, quote: usize) -> Option<&Event> {
        self.timeline
            .quote_event
            .get(quote)
            .copied()
            .flatten()
            .map(|e| &self.timeline.events[e])
    }
}
