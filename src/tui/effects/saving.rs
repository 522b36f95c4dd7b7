//! Saving what a note popup holds, so that no typed word is lost: a save that fails leaves
//! the popup open with its words and the reason; quitting then (or Esc after the failure)
//! keeps the words as a draft in the user's data folder (`drafts.rs`) and says where, on the
//! status line or, when quitting, on stderr once the terminal is back; the next `a`, `t` or
//! `L` on the item offers the draft again, and a successful save removes it. When even the
//! draft cannot be written, the words themselves are printed on stderr at exit.

use casefile::notes::{Change, ItemRef, NotesError};

use crate::tui::action::Effect;
use crate::tui::drafts::{self, Draft, DraftKind};
use crate::tui::notes::label;
use crate::tui::state::{App, Popup};
use crate::tui::update::fill_from_draft;

/// The key that opens the popup of a draft of `kind`, for "… offers it again".
fn key_of(app: &App, kind: DraftKind) -> String {
    use crate::tui::action::{Action, Mode};
    let action = match kind {
        DraftKind::Annotation => Action::Annotate,
        DraftKind::Tag => Action::Tag,
        DraftKind::Link => Action::Link,
    };
    app.settings
        .keymap
        .keys_for(Mode::Main, action)
        .into_iter()
        .next()
        .unwrap_or_else(|| kind.noun().to_string())
}

/// Whether a note popup is open.
fn note_popup_open(app: &App) -> bool {
    matches!(
        app.popup,
        Some(Popup::Annotate(_) | Popup::Tag(_) | Popup::Link(_))
    )
}

/// Saves a popup's change. `Ok` is the status message; `Err` gives the effect back when the
/// lock is held and `patient` says to wait.
pub(super) fn save(app: &mut App, change: Change, patient: bool) -> Result<String, Effect> {
    let Some((case, notes)) = super::notes_mut(app) else {
        return Ok(failed(app, &change, "notes are unavailable".into()));
    };
    match notes.store.apply(change.clone()) {
        Ok(a) => {
            notes.relocate(case);
            if let (Some((item, draft)), Some(case)) = (Draft::of_change(&change), app.case()) {
                app.drafts.remove(case, draft.kind(), &item);
            }
            if note_popup_open(app) {
                app.popup = None;
            }
            Ok(if a.changed {
                format!("saved: {}", a.description)
            } else {
                format!("already so: {}", a.description)
            })
        }
        Err(NotesError::Locked { .. }) if patient => Err(Effect::Save(Box::new(change))),
        Err(e) => Ok(failed(app, &change, e.to_string())),
    }
}

/// A popup's change could not be saved: when quitting, its words become a draft; else the
/// popup stays open and says why.
fn failed(app: &mut App, change: &Change, why: String) -> String {
    if app.quit {
        if let Some((item, draft)) = Draft::of_change(change) {
            farewell_draft(app, &item, &draft, &format!("was not saved ({why})"));
        }
        return format!("not saved: {why}");
    }
    let esc = app
        .settings
        .keymap
        .keys_for(
            crate::tui::action::Mode::Annotate,
            crate::tui::action::Action::Back,
        )
        .into_iter()
        .next()
        .unwrap_or_else(|| "Esc".into());
    let reason = format!("not saved: {why}");
    match &mut app.popup {
        Some(Popup::Annotate(p)) => p.error = Some(reason.clone()),
        Some(Popup::Tag(p)) => p.error = Some(reason.clone()),
        Some(Popup::Link(p)) => p.error = Some(reason.clone()),
        _ => {}
    }
    format!("{reason} · your words stay here; {esc} keeps them as a draft")
}

/// Writes the draft of words left when quitting, and what to say about it on stderr.
fn farewell_draft(app: &mut App, item: &ItemRef, draft: &Draft, what_happened: &str) {
    let Some(case) = app.case() else { return };
    let on = label(case, item);
    let noun = draft.kind().noun();
    let message = match app.drafts.write(case, item, draft) {
        Ok(path) => format!(
            "the {noun} on {on} {what_happened}; it is kept as a draft in {}, and {} on the \
             item offers it again",
            drafts::shown(&path),
            key_of(app, draft.kind())
        ),
        Err(e) => format!(
            "the {noun} on {on} {what_happened}, and no draft could be kept ({e}); here it \
             is:\n{}",
            words(draft)
        ),
    };
    app.farewell.push(message);
}

/// The words of a draft, as the user typed them.
fn words(draft: &Draft) -> String {
    match draft {
        Draft::Annotation(t) | Draft::Tag(t) => t.clone(),
        Draft::Link {
            query,
            to,
            relation,
        } => {
            let to = to.as_ref().map(ItemRef::spec).unwrap_or_default();
            format!(
                "link to {to} ({}); query {query}",
                relation.as_deref().unwrap_or("")
            )
        }
    }
}

/// Keeps a popup's words as a draft and closes it (Esc after a failed save, or quitting
/// with words typed). If the draft cannot be written the popup stays open.
pub(super) fn keep_draft(app: &mut App, item: &ItemRef, draft: &Draft) -> String {
    if app.quit {
        farewell_draft(app, item, draft, "was not saved");
        return "kept as a draft".into();
    }
    let Some(case) = app.case() else {
        return "the case is not open".into();
    };
    match app.drafts.write(case, item, draft) {
        Ok(path) => {
            if note_popup_open(app) {
                app.popup = None;
            }
            format!(
                "kept as a draft in {}: {} on this item offers it again",
                drafts::shown(&path),
                key_of(app, draft.kind())
            )
        }
        Err(e) => format!("could not keep a draft either ({e}): your words stay here"),
    }
}

/// Fills the note popup just opened on `item` with its draft, if one was kept.
pub(super) fn offer_draft(app: &mut App, kind: DraftKind, item: &ItemRef) -> Option<String> {
    let draft = app.drafts.read(app.case()?, kind, item)?;
    fill_from_draft(app, item, draft).then(|| {
        format!(
            "your {} draft from last time (not saved yet): {}",
            kind.noun(),
            match kind {
                DraftKind::Annotation => "Ctrl-S saves it; empty it to discard it",
                DraftKind::Tag | DraftKind::Link => "Enter saves it",
            }
        )
    })
}
