//! Adding an article from the notebook (`A`): the library's importer on a worker thread, then
//! the case opened again (from its files: the new article changes the cache key), so that the
//! new article's quotes join the timeline. The event loop polls the worker and shows its stage
//! in the status bar; the view stays usable meanwhile.
//!
//! Tests run the same steps at once through [`add_now`].

use std::path::{Path, PathBuf};
use std::sync::mpsc::{self, Receiver, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread;

use casefile::Case;
use casefile::cache::CaseCache;
use casefile::import::{self, ImportOptions, Importer, Outcome};
use casefile::progress::{LoadProgress, LoadStep};

use super::state::{App, Loaded};

/// The worker thread's name (the panic hook leaves the terminal alone for it).
pub const ADD_THREAD: &str = "casefile-add";

/// What an import gave: a line for the status bar, and the case read again when an article
/// was written.
pub struct AddResult {
    pub message: String,
    pub loaded: Option<Box<Loaded>>,
}

/// Imports `source` (a URL, a saved page or a folder) into `corpus_dir`, then opens the case
/// at `root` again if anything was written. `stage` is told what is being done.
pub fn add_and_reopen(
    root: &Path,
    corpus_dir: &Path,
    source: &str,
    stage: &dyn Fn(&str),
    progress: &LoadProgress,
) -> AddResult {
    let fail = |message: String| AddResult {
        message,
        loaded: None,
    };
    let sources = match import::expand_sources(&[source.to_string()], None) {
        Ok(s) if s.is_empty() => return fail(format!("no saved pages in {source}")),
        Ok(s) => s,
        Err(e) => return fail(format!("could not add: {e}")),
    };
    let mut importer = match Importer::new(corpus_dir, ImportOptions::default()) {
        Ok(i) => i,
        Err(e) => return fail(format!("could not add: {e}")),
    };
    let (mut written, mut lines) = (0, Vec::new());
    for s in &sources {
        stage(if matches!(s, import::Source::Url(_)) {
            "fetching the page"
        } else {
            "reading the page"
        });
        let shown = |p: &Path| {
            p.strip_prefix(corpus_dir)
                .unwrap_or(p)
                .display()
                .to_string()
        };
        lines.push(match importer.import(s, chrono::Utc::now()) {
            Ok(Outcome::Added { path, title }) | Ok(Outcome::NewVersion { path, title, .. }) => {
                written += 1;
                format!("added {} “{title}”", shown(&path))
            }
            Ok(Outcome::Duplicate { existing } | Outcome::Unchanged { existing }) => {
                format!("already in the case: {}", shown(&existing))
            }
            Err(e) => format!("not added: {s}: {e}"),
        });
    }
    let message = match lines.as_slice() {
        [one] => one.clone(),
        _ => format!("{written} of {} pages added", sources.len()),
    };
    if written == 0 {
        return fail(message);
    }
    stage("reading the case again");
    match Case::open_reporting(root, CaseCache::from_env().as_ref(), progress) {
        Ok(case) => {
            progress.begin(LoadStep::IndexingSearch, 0);
            AddResult {
                message,
                loaded: Some(Box::new(Loaded::new(case))),
            }
        }
        Err(e) => fail(format!(
            "{message}, but the case could not be read again: {e}"
        )),
    }
}

/// Where the open case lives: (root, corpus folder).
fn case_dirs(app: &App) -> Option<(PathBuf, PathBuf)> {
    app.case().map(|c| (c.root.clone(), c.corpus_dir.clone()))
}

/// Adds `source` at once, on this thread (tests, and a runner without a worker).
pub fn add_now(app: &mut App, source: &str) {
    let Some((root, corpus)) = case_dirs(app) else {
        app.adding = None;
        app.status = Some("the case is not open yet".into());
        return;
    };
    let result = add_and_reopen(&root, &corpus, source, &|_| {}, &LoadProgress::default());
    finish(app, result);
}

/// Says what happened and swaps in the case read again (the new quotes join the timeline),
/// now or, when a popup or the reader is open, once it is closed.
pub fn finish(app: &mut App, result: AddResult) {
    app.adding = None;
    app.status = Some(result.message);
    if let Some(loaded) = result.loaded {
        app.pending_case = Some(loaded);
        if !swap_pending(app)
            && let Some(status) = &mut app.status
        {
            status.push_str(" · the timeline takes it in when this window closes");
        }
    }
}

/// Swaps in the case waiting in `pending_case`, unless a popup or the reader is open: they
/// hold indices (articles, quotes, search hits) into the case on screen, which a new case
/// renumbers. The selected event stays selected (found by its id). Returns whether it swapped.
pub fn swap_pending(app: &mut App) -> bool {
    if app.popup.is_some() || app.reader.is_some() {
        return false;
    }
    let Some(loaded) = app.pending_case.take() else {
        return false;
    };
    let before = app.case().map_or(0, |c| c.quotes.len());
    let selected = app.event().map(|e| e.id.clone());
    let status = app.status.take();
    app.set_loaded(Ok(*loaded));
    let Some(case) = app.case() else {
        return true;
    };
    let after = case.quotes.len();
    let again = selected.and_then(|id| case.timeline.events.iter().position(|e| e.id == id));
    if let Some(e) = again {
        super::update::show_event(app, e, None);
    }
    let counts = format!("{after} quotes ({:+})", after as i64 - before as i64);
    app.status = Some(match status {
        Some(s) => format!("{s} · {counts}"),
        None => format!("the case now has {counts}"),
    });
    true
}

/// An import running on its own thread.
pub struct AddWorker {
    rx: Receiver<AddResult>,
    stage: Arc<Mutex<String>>,
    progress: Arc<LoadProgress>,
}

impl AddWorker {
    /// Starts adding `source` to the open case; None when the case is not open.
    pub fn start(app: &App, source: String) -> Option<std::io::Result<AddWorker>> {
        let (root, corpus) = case_dirs(app)?;
        let (tx, rx) = mpsc::channel();
        let stage = Arc::new(Mutex::new("starting".to_string()));
        let progress = Arc::new(LoadProgress::default());
        let (worker_stage, worker_progress) = (Arc::clone(&stage), Arc::clone(&progress));
        let spawned = thread::Builder::new()
            .name(ADD_THREAD.into())
            .spawn(move || {
                let tell = |s: &str| {
                    if let Ok(mut slot) = worker_stage.lock() {
                        *slot = s.to_string();
                    }
                };
                let result = add_and_reopen(&root, &corpus, &source, &tell, &worker_progress);
                let _ = tx.send(result);
            });
        Some(spawned.map(|_| AddWorker {
            rx,
            stage,
            progress,
        }))
    }

    /// What the worker is doing, with the reading step once the case is being read again.
    pub fn stage(&self) -> String {
        let stage = self.stage.lock().map(|s| s.clone()).unwrap_or_default();
        let p = self.progress.snapshot();
        if p.step == LoadStep::Starting || p.step == LoadStep::Done {
            return stage;
        }
        if p.total > 0 {
            format!("{stage}: {} {}/{}", p.step.label(), p.done, p.total)
        } else {
            format!("{stage}: {}", p.step.label())
        }
    }

    /// The result once the worker is done (or an error result if it died).
    pub fn try_take(&self) -> Option<AddResult> {
        match self.rx.try_recv() {
            Ok(r) => Some(r),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => Some(AddResult {
                message: "adding stopped with an internal error".into(),
                loaded: None,
            }),
        }
    }
}
