//! The notes' part of `update`: the note keys of the panes and the reader (tag, annotate,
//! link, star, undo, choose the item), and the popups they open (the tag field with
//! completion, the annotation editor, the link finder, the list of every note).
//!
//! Nothing here writes: a change becomes an `Effect` for `effects::run`.

use crate::tui::theme::Role;
use casefile::notes::{Change, ItemRef, NoteFilter, Place};
use std::sync::Arc;

use casefile::search::SearchSession;
use ratatui_textarea::{TextArea, WrapMode};

use super::link;
use super::{delta, focus, keep_event_visible, open_reader, show_event, step};
use crate::tui::action::Action;
use crate::tui::action::Effect;
use crate::tui::drafts::{Draft, DraftKind};
use crate::tui::filters::Filters;
use crate::tui::notes::Target;
use crate::tui::screen::{note_list_rows, popup_area};
use crate::tui::state::noting::{current_target, targets, unavailable};
use crate::tui::state::{
    AnnotatePopup, App, LinkPopup, LinkStep, NotesPopup, Pane, Popup, Reader, TagPopup,
};

/// The note keys of the panes and the reader. Returns false when `action` is not one.
pub(super) fn note_key(app: &mut App, action: Action) -> bool {
    let opens = matches!(
        action,
        Action::Tag | Action::Annotate | Action::Link | Action::Star | Action::NotesList
    );
    if !opens && !matches!(action, Action::Undo | Action::NextTarget) {
        return false;
    }
    if let Some(why) = unavailable(app) {
        app.status = Some(why);
        return true;
    }
    let target = current_target(app);
    match (action, target) {
        (Action::NotesList, _) => {
            let mut p = NotesPopup::default();
            fill_notes(app, &mut p);
            app.popup = Some(Popup::Notes(p));
        }
        (Action::Undo, _) => app.effects.push(Effect::Undo),
        (Action::NextTarget, Some(_)) => {
            let n = targets(app).len().max(1);
            app.note_target = (app.note_target + 1) % n;
            if let Some(t) = current_target(app) {
                app.status = Some(format!("notes go to: {}", t.label));
            }
        }
        (_, None) => app.status = Some("nothing here to note".into()),
        (Action::Tag, Some(target)) => {
            let completions = completions(app, "");
            offer_draft(app, DraftKind::Tag, &target);
            app.popup = Some(Popup::Tag(TagPopup {
                target,
                input: String::new(),
                completions,
                selected: 0,
                error: None,
            }));
        }
        (Action::Annotate, Some(target)) => {
            let mut editor = TextArea::default();
            editor.set_wrap_mode(WrapMode::WordOrGlyph);
            editor.set_placeholder_text("Write your note. Ctrl-S saves; Esc saves too.");
            // The editor's own colours are the theme's (none under NO_COLOR).
            let theme = &app.settings.theme;
            editor.set_placeholder_style(theme.get(Role::Dim));
            editor.set_selection_style(theme.get(Role::Selection));
            offer_draft(app, DraftKind::Annotation, &target);
            app.popup = Some(Popup::Annotate(Box::new(AnnotatePopup {
                target,
                editor,
                error: None,
                from_draft: false,
            })));
        }
        (Action::Link, Some(from)) => {
            let Some(loaded) = app.loaded() else {
                return true;
            };
            let mut popup = LinkPopup {
                from,
                step: LinkStep::Target,
                query: String::new(),
                targets: Arc::clone(&loaded.link_targets),
                session: SearchSession::default(),
                hits: Vec::new(),
                selected: 0,
                relation: 0,
                custom: String::new(),
                error: None,
            };
            popup.hits = link::hits(&mut popup);
            offer_draft(app, DraftKind::Link, &popup.from);
            app.popup = Some(Popup::Link(Box::new(popup)));
        }
        (Action::Star, Some(target)) => {
            let starred = app
                .loaded()
                .and_then(|l| l.notes())
                .and_then(|n| n.store.get(&target.item))
                .is_some_and(|f| f.star);
            app.effects.push(Effect::Apply(Box::new(Change::SetStar {
                item: target.item,
                star: !starred,
            })));
        }
        _ => {}
    }
    true
}

fn completions(app: &App, prefix: &str) -> Vec<String> {
    app.loaded()
        .and_then(|l| l.notes())
        .map(|n| n.store.complete_tag(prefix))
        .unwrap_or_default()
}

/// Asks `effects` to fill the popup about to open with the draft kept for its item.
fn offer_draft(app: &mut App, kind: DraftKind, target: &Target) {
    app.effects.push(Effect::OfferDraft {
        kind,
        item: Box::new(target.item.clone()),
    });
}

/// Whether the open popup's words are waiting for another casefile's lock: the popup is
/// frozen meanwhile (its words are being saved as they are), Esc gives up waiting.
fn frozen(app: &mut App, action: Action) -> bool {
    let Some(w) = app.waiting.as_mut() else {
        return false;
    };
    if !w.effects.iter().any(|e| matches!(e, Effect::Save(_))) {
        return false;
    }
    if action == Action::Back {
        w.give_up = true;
    }
    true
}

/// Puts `draft` into the note popup open on `item` (called by `effects` once it has read the
/// draft). False when the popup is not that one.
pub fn fill_from_draft(app: &mut App, item: &ItemRef, draft: Draft) -> bool {
    let tags = match (&draft, app.notes()) {
        (Draft::Tag(t), Some(n)) => n.store.complete_tag(t.trim_start_matches('-')),
        _ => Vec::new(),
    };
    match (&mut app.popup, draft) {
        (Some(Popup::Annotate(p)), Draft::Annotation(text)) if p.target.item.same_item(item) => {
            p.editor.insert_str(text);
            p.from_draft = true;
        }
        (Some(Popup::Tag(p)), Draft::Tag(input)) if p.target.item.same_item(item) => {
            p.input = input;
            p.completions = tags;
            p.selected = 0;
        }
        (
            Some(Popup::Link(p)),
            Draft::Link {
                query,
                to,
                relation,
            },
        ) if p.from.item.same_item(item) => link::restore(p, query, to, relation),
        _ => return false,
    }
    true
}

/// On the way out (quitting, a signal, a closed terminal): the open note popup's words are
/// saved (the annotation) or kept as a draft (a tag or link not yet confirmed).
pub(super) fn leave_popup(app: &mut App) {
    if app
        .waiting
        .as_ref()
        .is_some_and(|w| w.effects.iter().any(|e| matches!(e, Effect::Save(_))))
    {
        // Its words are queued already; `effects` drafts them when the save fails.
        return;
    }
    let draft = match &app.popup {
        Some(Popup::Annotate(_)) => return save_editor(app),
        Some(Popup::Tag(p)) => (p.target.item.clone(), Draft::Tag(p.input.clone())),
        Some(Popup::Link(p)) => (p.from.item.clone(), link::draft(p)),
        _ => return,
    };
    if !draft.1.is_empty() {
        app.effects.push(Effect::draft(draft.0, draft.1));
    }
}

// ---- tag ----

pub(super) fn in_tag(app: &mut App, action: Action) {
    if frozen(app, action) {
        return;
    }
    let Some(Popup::Tag(p)) = &mut app.popup else {
        return;
    };
    let typed = match action {
        Action::Input(c) => {
            p.input.push(c);
            true
        }
        Action::DeleteChar => {
            p.input.pop();
            true
        }
        Action::ClearInput => {
            p.input.clear();
            true
        }
        _ => false,
    };
    if typed {
        p.error = None;
        let prefix = p.input.trim_start_matches('-').to_string();
        let c = completions(app, &prefix);
        if let Some(Popup::Tag(p)) = &mut app.popup {
            p.completions = c;
            p.selected = 0;
        }
        return;
    }
    match action {
        Action::Down | Action::Up => {
            let d = delta(action, 1).unwrap_or(0);
            p.selected = step(p.selected, d, p.completions.len());
        }
        Action::Complete => {
            if let Some(c) = p.completions.get(p.selected) {
                let minus = if p.input.starts_with('-') { "-" } else { "" };
                p.input = format!("{minus}{c}");
            }
        }
        Action::Open => {
            let input = p.input.trim();
            let (remove, tag) = match input.strip_prefix('-') {
                Some(t) => (true, t.trim().to_string()),
                None => (false, input.to_string()),
            };
            let tag = if tag.is_empty() {
                p.completions.get(p.selected).cloned().unwrap_or_default()
            } else {
                tag
            };
            let item = p.target.item.clone();
            if tag.is_empty() {
                app.popup = None;
                app.status = Some("no tag typed".into());
                return;
            }
            // The field stays open until the tag is saved (see `effects::saving`).
            app.effects.push(Effect::Save(Box::new(if remove {
                Change::RemoveTag { item, tag }
            } else {
                Change::AddTag { item, tag }
            })));
        }
        // After a failed save Esc keeps the words as a draft; else it cancels.
        Action::Back if p.error.is_some() => {
            let (item, draft) = (p.target.item.clone(), Draft::Tag(p.input.clone()));
            app.effects.push(Effect::draft(item, draft));
        }
        Action::Back => app.popup = None,
        _ => {}
    }
}

// ---- annotate ----

/// Saves what the editor holds (when it holds anything); the editor closes once it is saved.
/// Ctrl-S, Esc and quitting all come here, so no typed word is thrown away.
fn save_editor(app: &mut App) {
    let Some(Popup::Annotate(p)) = &app.popup else {
        return;
    };
    let text = p.editor.lines().join("\n");
    if text.trim().is_empty() {
        let (from_draft, item) = (p.from_draft, p.target.item.clone());
        app.popup = None;
        if from_draft {
            app.effects.push(Effect::DropDraft {
                kind: DraftKind::Annotation,
                item: Box::new(item),
            });
        } else {
            app.status = Some("empty annotation: nothing saved".into());
        }
        return;
    }
    app.effects
        .push(Effect::Save(Box::new(Change::AddAnnotation {
            item: p.target.item.clone(),
            text,
        })));
}

pub(super) fn in_annotate(app: &mut App, action: Action) {
    if frozen(app, action) {
        return;
    }
    let Some(Popup::Annotate(p)) = &mut app.popup else {
        return;
    };
    match action {
        // After a failed save, Esc closes the editor keeping its words as a draft.
        Action::Back if p.error.is_some() => {
            let draft = Draft::Annotation(p.editor.lines().join("\n"));
            let item = p.target.item.clone();
            app.effects.push(Effect::draft(item, draft));
        }
        Action::Save | Action::Back => save_editor(app),
        // The key goes to the editor; a change of its text clears the last failure.
        Action::Edit(input) if p.editor.input(ratatui_textarea::Input::from(input)) => {
            p.error = None;
        }
        _ => {}
    }
}

// ---- link ----

pub(super) fn in_link(app: &mut App, action: Action) {
    if frozen(app, action) {
        return;
    }
    link::in_link(app, action);
}

// ---- the list of notes ----

/// Fills the list with the notes matching its query.
fn fill_notes(app: &App, p: &mut NotesPopup) {
    let Some(n) = app.notes() else {
        p.keys.clear();
        return;
    };
    let filter = NoteFilter {
        text: Some(p.query.clone()).filter(|q| !q.trim().is_empty()),
        ..NoteFilter::default()
    };
    p.keys = n
        .store
        .filter(&filter)
        .into_iter()
        .map(|f| f.item.key())
        .collect();
    p.selected = p.selected.min(p.keys.len().saturating_sub(1));
    p.scroll = p.scroll.min(p.selected);
}

/// After the notes changed: the open list shows them as they are.
pub fn refresh_notes_popup(app: &mut App) {
    if let Some(Popup::Notes(p)) = &app.popup {
        let mut p = p.clone();
        fill_notes(app, &mut p);
        app.popup = Some(Popup::Notes(p));
    }
}

pub(super) fn in_notes_list(app: &mut App, action: Action) {
    let visible = app
        .popup
        .as_ref()
        .map_or(1, |p| note_list_rows(popup_area(app.size, p)));
    let Some(Popup::Notes(p)) = &app.popup else {
        return;
    };
    let mut p = p.clone();
    match action {
        Action::Input(_) | Action::DeleteChar | Action::ClearInput => {
            match action {
                Action::Input(c) => p.query.push(c),
                Action::DeleteChar => {
                    p.query.pop();
                }
                _ => p.query.clear(),
            }
            p.selected = 0;
            p.scroll = 0;
            fill_notes(app, &mut p);
        }
        Action::Back => {
            app.popup = None;
            return;
        }
        Action::Reload => app.effects.push(Effect::Reload),
        Action::Open => {
            if let Some(key) = p.keys.get(p.selected).cloned() {
                app.popup = None;
                go_to_note(app, &key);
            }
            return;
        }
        a => {
            if let Some(d) = delta(a, visible) {
                p.selected = step(p.selected, d, p.keys.len());
                if p.selected < p.scroll {
                    p.scroll = p.selected;
                } else if p.selected >= p.scroll + visible {
                    p.scroll = p.selected + 1 - visible;
                }
            }
        }
    }
    app.popup = Some(Popup::Notes(p));
}

/// Shows the item of note file `key`: its event (with the source selected), its article in
/// the reader, the events of a person; an orphan says why it cannot be shown.
fn go_to_note(app: &mut App, key: &str) {
    let Some(l) = app.loaded() else { return };
    let Some(n) = l.notes() else { return };
    let place = n.placements.get(key).cloned();
    let item = n.store.get_key(key).map(|f| f.item.clone());
    match (place, item) {
        (Some(Place::Event { index, .. }), _) => show_event(app, index, None),
        (
            Some(Place::Source {
                event: Some(e),
                range,
                ..
            }),
            _,
        ) => {
            let source = app.case().and_then(|c| {
                c.timeline.events[e]
                    .sources
                    .iter()
                    .position(|s| s.span == range)
            });
            show_event(app, e, source);
        }
        (Some(Place::Source { article, range, .. } | Place::Passage { article, range, .. }), _) => {
            show_passage(app, article, range)
        }
        (Some(Place::Article { index }), _) => {
            let r = Reader {
                article: index,
                focus: Vec::new(),
                quote: None,
                paragraph: 0,
                scroll: 0,
            };
            app.reader = None;
            open_reader(app, r);
        }
        (Some(Place::Entity { .. }), Some(ItemRef::Entity { name })) => {
            app.reader = None;
            app.filters = Filters {
                sender: Some(name.clone()),
                ..Filters::default()
            };
            app.refilter();
            keep_event_visible(app);
            focus(app, Pane::Timeline);
            app.status = Some(format!("showing the events from {name}"));
        }
        (Some(Place::Orphan { why }), _) => app.status = Some(format!("orphan note: {why}")),
        _ => app.status = Some("this note's item is not in the case".into()),
    }
}

fn show_passage(app: &mut App, article: usize, range: std::ops::Range<usize>) {
    let Some(case) = app.case() else { return };
    let paragraph = case.articles[article]
        .paragraphs
        .iter()
        .position(|p| p.range.end > range.start)
        .unwrap_or(0);
    let r = Reader {
        article,
        focus: vec![range],
        quote: None,
        paragraph,
        scroll: 0,
    };
    app.reader = None;
    open_reader(app, r);
}
