//! The notebook's only writes: `update` stays pure and queues an [`Effect`] when the user
//! changes a note; the event loop (and the tests' `press`) runs the queue right after, saving
//! through the library's `NotesStore`, then says what happened in the status bar.
//!
//! What a note popup holds is saved with [`Effect::Save`]: the popup closes only once it is
//! saved; a failure keeps it open with the reason, and quitting then keeps the words as a
//! draft (`saving.rs`, `drafts.rs`).
//!
//! Another casefile holding the notes' lock never blocks this thread: the store tries the lock
//! once, and a change that finds it held waits in `App::waiting` (with every change queued
//! after it) and is tried again between frames by [`retry`], the status bar counting the
//! seconds, until [`LOCK_PATIENCE`] has passed and it fails like any other failed save.
//!
//! Another casefile (or a teammate's `git pull`) may change the notes on disk: [`poll`] asks
//! the store now and then and, when something changed, recomputes where the notes are.

mod saving;

use std::time::{Duration, Instant};

use casefile::notes::NotesError;

use super::action::Effect;
use super::notes::Notes;
use super::state::{App, Phase, Waiting};
use super::update::SEARCH_LIMIT;

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
/// editing stay queued for the event loop. A change that finds another casefile holding the
/// notes' lock waits in `app.waiting`, with every change after it (see [`retry`]).
pub fn run(app: &mut App) {
    run_at(app, Instant::now());
}

/// [`run`] at `now` (tests pass the time).
pub fn run_at(app: &mut App, now: Instant) {
    let (outside, mut queued): (Vec<Effect>, Vec<Effect>) = std::mem::take(&mut app.effects)
        .into_iter()
        .partition(Effect::is_outside);
    app.effects = outside;
    // Behind a wait, changes queue up in order; quitting or giving up ends the wait now, and
    // what waited fails (its words stay, or become a draft when quitting).
    let mut patient = !app.quit;
    if let Some(w) = app.waiting.as_mut() {
        let (locked, free): (Vec<Effect>, Vec<Effect>) =
            queued.into_iter().partition(Effect::needs_lock);
        w.effects.extend(locked);
        queued = free;
        if app.quit || w.give_up {
            let w = app.waiting.take().expect("waiting");
            queued.splice(0..0, w.effects);
        }
        patient = false;
    }
    if !queued.is_empty() {
        process(app, queued, patient.then_some(now), now);
    }
}

/// How long the notebook waits for another casefile's lock before a change fails (its words
/// stay in the popup).
pub const LOCK_PATIENCE: Duration = Duration::from_secs(15);

/// Tries the changes waiting for the lock again; they fail once [`LOCK_PATIENCE`] has passed.
/// Returns whether the screen changed (the wait ended, or another second passed).
pub fn retry(app: &mut App, now: Instant) -> bool {
    let Some(w) = app.waiting.take() else {
        return false;
    };
    let elapsed = now.saturating_duration_since(w.since);
    let patient = elapsed < LOCK_PATIENCE && !w.give_up && !app.quit;
    let before = w.elapsed.as_secs();
    process(app, w.effects, patient.then_some(w.since), now);
    match app.waiting.as_mut() {
        Some(w) => {
            w.elapsed = elapsed;
            elapsed.as_secs() != before
        }
        None => true,
    }
}

/// Runs `effects` in order. With `patience` (when the wait began), a change that finds the
/// lock held goes to `app.waiting` with the notes changes after it; without, it fails.
fn process(app: &mut App, effects: Vec<Effect>, patience: Option<Instant>, now: Instant) {
    let mut messages = Vec::new();
    let mut blocked: Vec<Effect> = Vec::new();
    for effect in effects {
        if !blocked.is_empty() && effect.needs_lock() {
            blocked.push(effect);
            continue;
        }
        match effect {
            Effect::Add { source } => super::adding::add_now(app, &source),
            Effect::Search { generation, query } => {
                // Before the case is in there is nothing to search: loading queues it again.
                if let Some(hits) = app.loaded().map(|l| l.search.search(&query, SEARCH_LIMIT)) {
                    app.search_results(generation, hits);
                }
            }
            Effect::OfferDraft { kind, item } => {
                messages.extend(saving::offer_draft(app, kind, &item));
            }
            Effect::DropDraft { kind, item } => {
                if let Some(case) = app.case() {
                    app.drafts.remove(case, kind, &item);
                }
                messages.push(format!("{} draft discarded", kind.noun()));
            }
            Effect::Draft { item, draft } => messages.push(saving::keep_draft(app, &item, &draft)),
            Effect::Save(change) => match saving::save(app, *change, patience.is_some()) {
                Ok(m) => messages.push(m),
                Err(waits) => blocked.push(waits),
            },
            effect => match change_notes(app, effect, patience.is_some()) {
                Ok(m) => messages.push(m),
                Err(waits) => blocked.push(waits),
            },
        }
    }
    if !blocked.is_empty() {
        app.waiting = Some(Waiting {
            effects: blocked,
            since: patience.unwrap_or(now),
            elapsed: now.saturating_duration_since(patience.unwrap_or(now)),
            give_up: false,
        });
    }
    if let Some(m) = messages.pop() {
        app.status = Some(m);
        after_change(app);
    }
}

/// Applies, undoes or reloads; `Err` gives the effect back when it must wait for the lock.
fn change_notes(app: &mut App, effect: Effect, patient: bool) -> Result<String, Effect> {
    let quitting = app.quit;
    let Some((case, notes)) = notes_mut(app) else {
        return Ok("notes are unavailable".to_string());
    };
    let message = match &effect {
        Effect::Apply(change) => match notes.store.apply((**change).clone()) {
            Ok(a) if a.changed => format!("saved: {}", a.description),
            Ok(a) => format!("already so: {}", a.description),
            Err(NotesError::Locked { .. }) if patient => return Err(effect),
            Err(e) => {
                let m = format!("not saved: {}: {e}", change.describe());
                if quitting {
                    app.farewell.push(m.clone());
                }
                return Ok(m);
            }
        },
        Effect::Undo => {
            let label = notes.store.undo_label().map(str::to_string);
            match notes.store.undo() {
                Ok(Some(_)) => format!("undone: {}", label.unwrap_or_default()),
                Ok(None) => "nothing to undo".to_string(),
                Err(NotesError::Locked { .. }) if patient => return Err(effect),
                Err(e) => format!("could not undo: {e}"),
            }
        }
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
        _ => return Ok(String::new()),
    };
    notes.relocate(case);
    Ok(message)
}

/// Keeps the view in step with the notes: the tag filter and the notes list see the change.
pub(super) fn after_change(app: &mut App) {
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
