//! The link finder's part of `update`: typing finds the other item, Enter goes on to the
//! relation, Enter again saves (the popup stays open until the link is saved, and keeps its
//! choices when it is not; see `effects/saving.rs`).

use casefile::notes::{Change, ItemRef, Link, Relation};

use super::{delta, step};
use crate::tui::action::Action;
use crate::tui::action::Effect;
use crate::tui::drafts::Draft;
use crate::tui::screen::{note_list_rows, popup_area};
use crate::tui::state::{App, LinkPopup, LinkStep, Popup, RELATIONS};

/// Most targets the link finder shows.
const LIST_LIMIT: usize = 200;

/// The candidates matching the query, best first (all, in order, for an empty one), without
/// the item the link starts from.
pub(super) fn hits(p: &mut LinkPopup) -> Vec<usize> {
    let targets = &p.targets;
    let from = &p.from.item;
    let offered = |i: &usize| !targets.candidates[*i].item.same_item(from);
    if p.query.trim().is_empty() {
        return (0..targets.candidates.len())
            .filter(offered)
            .take(LIST_LIMIT)
            .collect();
    }
    p.session
        .search(&targets.index, &p.query, LIST_LIMIT + 1)
        .into_iter()
        .map(|h| h.quote)
        .filter(offered)
        .take(LIST_LIMIT)
        .collect()
}

/// The popup's words as a draft: the query, and the item and relation once chosen.
pub(super) fn draft(p: &LinkPopup) -> Draft {
    let (to, relation) = match p.step {
        LinkStep::Target => (None, None),
        LinkStep::Relation { to } => (
            Some(p.targets.candidates[to].item.clone()),
            Some(match RELATIONS.get(p.relation) {
                Some(r) => r.label().to_string(),
                None => p.custom.clone(),
            }),
        ),
    };
    Draft::Link {
        query: p.query.clone(),
        to,
        relation,
    }
}

/// Puts a draft back: the query, and the item and relation chosen when it is still there.
pub(super) fn restore(
    p: &mut LinkPopup,
    query: String,
    to: Option<ItemRef>,
    relation: Option<String>,
) {
    p.query = query;
    p.hits = hits(p);
    p.selected = 0;
    let Some(to) = to.and_then(|to| {
        p.targets
            .candidates
            .iter()
            .position(|c| c.item.same_item(&to))
    }) else {
        return;
    };
    p.step = LinkStep::Relation { to };
    let relation = relation.unwrap_or_default();
    match RELATIONS.iter().position(|r| r.label() == relation) {
        Some(i) => p.relation = i,
        None => {
            p.relation = RELATIONS.len();
            p.custom = relation;
        }
    }
}

pub(super) fn in_link(app: &mut App, action: Action) {
    let visible = app
        .popup
        .as_ref()
        .map_or(1, |p| note_list_rows(popup_area(app.size, p)));
    let Some(Popup::Link(p)) = &mut app.popup else {
        return;
    };
    if matches!(
        action,
        Action::Input(_) | Action::DeleteChar | Action::ClearInput
    ) {
        p.error = None;
    }
    match (&p.step, action) {
        // After a failed save Esc keeps the choices as a draft.
        (_, Action::Back) if p.error.is_some() => {
            let (item, draft) = (p.from.item.clone(), draft(p));
            app.effects.push(Effect::draft(item, draft));
        }
        (LinkStep::Target, Action::Input(_) | Action::DeleteChar | Action::ClearInput) => {
            match action {
                Action::Input(c) => p.query.push(c),
                Action::DeleteChar => {
                    p.query.pop();
                }
                _ => p.query.clear(),
            }
            p.hits = hits(p);
            p.selected = 0;
        }
        (LinkStep::Target, Action::Open) => match p.hits.get(p.selected) {
            Some(&to) => p.step = LinkStep::Relation { to },
            None => app.status = Some("no item matches: nothing to link to".into()),
        },
        (LinkStep::Target, Action::Back) => app.popup = None,
        (LinkStep::Target, a) => {
            if let Some(d) = delta(a, visible) {
                p.selected = step(p.selected, d, p.hits.len());
            }
        }
        (LinkStep::Relation { .. }, Action::Input(c)) => {
            p.custom.push(c);
            p.relation = RELATIONS.len();
        }
        (LinkStep::Relation { .. }, Action::DeleteChar) => {
            p.custom.pop();
        }
        (LinkStep::Relation { .. }, Action::Down | Action::Up) => {
            let d = delta(action, 1).unwrap_or(0);
            p.relation = step(p.relation, d, RELATIONS.len() + 1);
        }
        (LinkStep::Relation { .. }, Action::Back) => p.step = LinkStep::Target,
        (LinkStep::Relation { to }, Action::Open) => {
            let relation = match RELATIONS.get(p.relation) {
                Some(r) => r.clone(),
                None if p.custom.trim().is_empty() => {
                    app.status = Some("type the relation, or pick one with ↑/↓".into());
                    return;
                }
                None => Relation::parse(&p.custom),
            };
            let link = Link {
                relation,
                to: p.targets.candidates[*to].item.clone(),
            };
            let item = p.from.item.clone();
            // The popup stays open until the link is saved (see `effects::saving`).
            app.effects
                .push(Effect::Save(Box::new(Change::AddLink { item, link })));
        }
        _ => {}
    }
}
