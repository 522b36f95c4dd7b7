//! A case: a folder with `corpus/` (the articles) and `notes/` (the investigator's notes),
//! opened into articles, extracted quotes and the timeline in one call.

use std::path::{Path, PathBuf};

use crate::corpus::{self, Article, LoadIssue, Severity};
use crate::error::CaseError;
use crate::extract::entities::{EntitiesFile, EntityRegistry};
use crate::extract::{self, Party, Quote};
use crate::timeline::{self, Event, Timeline};

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
}

impl Case {
    /// Opens the case at `root`. A folder without `corpus/` is read as a bare folder of
    /// articles. Problems with single files are in `issues`; only a missing or empty corpus
    /// (or a broken `entities.ron`) is an error.
    pub fn open(root: &Path) -> Result<Case, CaseError> {
        if !root.is_dir() {
            return Err(CaseError::MissingCorpus(root.to_path_buf()));
        }
        let corpus_dir = if root.join("corpus").is_dir() {
            root.join("corpus")
        } else {
            root.to_path_buf()
        };
        let loaded = corpus::load_corpus(&corpus_dir)?;
        let entities_path = corpus_dir.join("entities.ron");
        let declared = if entities_path.is_file() {
            EntitiesFile::load(&entities_path)?
        } else {
            EntitiesFile::default()
        };
        let extraction = extract::extract(&loaded.articles, &declared);
        let timeline = timeline::build(&loaded.articles, &extraction);
        Ok(Case {
            root: root.to_path_buf(),
            corpus_dir,
            articles: loaded.articles,
            issues: loaded.issues,
            entities: extraction.entities,
            quotes: extraction.quotes,
            timeline,
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
