//! The notebook's only writes: `update` stays pure and queues an [`Effect`] when the user
//! changes a note; the event loop (and the tests' `press`) runs the queue right after, saving
//! through the library's `NotesStore`, then says what happened in the status bar.
//!
//! Another casefile (or a teammate's `git pull`) may change the notes on disk: [`poll`] asks
//! the store now and then and, when something changed, recomputes where the notes are.

use casefile::notes::Change;

use super::notes::Notes;
use super::state::{App, Phase};
use super::update::SEARCH_LIMIT;

/// A change to the notes asked for by `update`.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save this change.
    Apply(Box<Change>),
    /// Take back the last change.
    Undo,
    /// Read the notes folder again (after fixing a broken file by hand).
    Reload,
    /// Search the quotes. The event loop hands this to the search thread; tests (and
    /// `run`) search at once.
    Search { generation: u64, query: String },
    /// Add an article (a URL or a path) to the case, then read the case again. The event loop
    /// hands this to a worker thread; tests (and `run`) do it at once.
    Add { source: String },
    /// Put `text` on the clipboard; `what` names it in the status line ("the quote").
    /// This and the two below are left in the queue for the event loop's `Desktop`.
    Copy { text: String, what: &'static str },
    /// Open this URL in the browser.
    OpenUrl(String),
    /// Edit this file at this line (from 1), the terminal handed over meanwhile.
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
}

impl Effect {
    /// Whether the event loop carries this out (it needs the terminal or the desktop).
    pub fn is_outside(&self) -> bool {
        matches!(
            self,
            Effect::Copy { .. } | Effect::OpenUrl(_) | Effect::Edit { .. }
        )
    }
}

fn notes_mut(app: &mut App) -> Option<(&casefile::Case, &mut Notes)> {
    match &mut app.phase {
        Phase::Ready(l) => match &mut l.notes {
            Ok(n) => Some((&l.case, n)),
            Err(_) => None,
        },
        _ => None,
    }
}

/// Runs every queued effect on the notes and the search, in order; copying, opening and
/// editing stay queued for the event loop.
pub fn run(app: &mut App) {
    let (outside, queued): (Vec<Effect>, Vec<Effect>) = std::mem::take(&mut app.effects)
        .into_iter()
        .partition(Effect::is_outside);
    app.effects = outside;
    if queued.is_empty() {
        return;
    }
    let mut messages = Vec::new();
    for effect in queued {
        if let Effect::Add { source } = effect {
            super::adding::add_now(app, &source);
            continue;
        }
        if let Effect::Search { generation, query } = effect {
            // Before the case is in there is nothing to search: loading queues it again.
            if let Some(hits) = app.loaded().map(|l| l.search.search(&query, SEARCH_LIMIT)) {
                app.search_results(generation, hits);
            }
            continue;
        }
        let Some((case, notes)) = notes_mut(app) else {
            messages.push("notes are unavailable".to_string());
            continue;
        };
        let message = match effect {
            Effect::Apply(change) => match notes.store.apply(*change) {
                Ok(a) if a.changed => format!("saved: {}", a.description),
                Ok(a) => format!("already so: {}", a.description),
                Err(e) => format!("not saved: {e}"),
            },
            Effect::Undo => match notes.store.undo() {
                Ok(Some(a)) => format!("undone: {}", a.description),
                Ok(None) => "nothing to undo".to_string(),
                Err(e) => format!("could not undo: {e}"),
            },
            Effect::Reload => match notes.store.reload() {
                Ok(()) => {
                    let broken = notes.store.errors().count();
                    if broken == 0 {
                        format!("notes reloaded: {} items", notes.store.len())
                    } else {
                        format!(
                            "notes reloaded: {} items, {broken} broken file(s)",
                            notes.store.len()
                        )
                    }
                }
                Err(e) => format!("could not reload the notes: {e}"),
            },
            Effect::Search { .. }
            | Effect::Add { .. }
            | Effect::Copy { .. }
            | Effect::OpenUrl(_)
            | Effect::Edit { .. } => continue,
        };
        notes.relocate(case);
        messages.push(message);
    }
    if let Some(m) = messages.pop() {
        app.status = Some(m);
        after_change(app);
    }
}

/// Keeps the view in step with the notes: the tag filter and the notes list see the change.
fn after_change(app: &mut App) {
    if app.filters.notes.is_some() {
        app.refilter();
    }
    super::update::refresh_notes_popup(app);
}

/// Picks up changes another process made to the notes. Returns whether anything changed.
pub fn poll(app: &mut App) -> bool {
    let Some((case, notes)) = notes_mut(app) else {
        return false;
    };
    match notes.store.refresh() {
        Ok(true) => {
            notes.relocate(case);
            app.status = Some("notes changed on disk: reloaded".into());
            after_change(app);
            true
        }
        Ok(false) => false,
        Err(e) => {
            app.status = Some(format!("could not read the notes: {e}"));
            true
        }
    }
}

/// The first broken note file, for the status bar when the case opens.
pub fn broken_summary(app: &App) -> Option<String> {
    let notes = app.loaded()?.notes.as_ref().ok()?;
    let errors: Vec<String> = notes.store.errors().map(|e| e.to_string()).collect();
    match errors.as_slice() {
        [] => None,
        [one] => Some(format!("a note file is broken (left untouched): {one}")),
        [one, ..] => Some(format!(
            "{} note files are broken (left untouched): {one}",
            errors.len()
        )),
    }
}
