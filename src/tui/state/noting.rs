//! What the notes can be about from where the user is, asked of the whole [`App`]: the items
//! noteable from here and the one notes go to now, why notes cannot be made, and the notes
//! filter's choices. They read the state, so they live with it, above `tui/notes.rs` (which
//! knows only the notes and the case).

use casefile::notes::ItemRef;

use super::{App, Pane};
use crate::tui::notes::{NoteChoice, Target, label};

/// What can be noted from where the user is, the most specific first: in the reader, the
/// marked passage (or paragraph) and the article; in the sources pane, the selected source;
/// then the event, its article, and the people of the event.
pub fn targets(app: &App) -> Vec<Target> {
    let Some(case) = app.case() else {
        return Vec::new();
    };
    let mut items: Vec<ItemRef> = Vec::new();
    if let Some(r) = &app.reader {
        let a = &case.articles[r.article];
        let span = match (r.focus.first(), r.focus.last()) {
            (Some(f), Some(l)) => Some(f.start..l.end),
            _ => None,
        };
        if let Some(p) = span.and_then(|s| ItemRef::passage(a, s)) {
            items.push(p);
        }
        items.push(ItemRef::article(a));
    } else {
        if let (Pane::Sources, Some(s)) = (app.focus, app.source())
            && let Some(item) = ItemRef::source(&case.articles[s.article], s)
        {
            items.push(item);
        }
        if let Some(e) = app.event() {
            items.push(ItemRef::event(e));
            if let Some(s) = app.source() {
                items.push(ItemRef::article(&case.articles[s.article]));
            }
            let mut people = vec![case.sender_name(e)];
            people.extend(case.recipient_names(e));
            for p in people {
                if p != "unknown" && !p.is_empty() && !p.starts_with('“') {
                    let item = ItemRef::entity(&p);
                    if !items.contains(&item) {
                        items.push(item);
                    }
                }
            }
        }
    }
    items
        .into_iter()
        .map(|item| Target {
            label: label(case, &item),
            item,
        })
        .collect()
}

/// The item notes go to now: the target the user picked with `o`, else the first.
pub fn current_target(app: &App) -> Option<Target> {
    let all = targets(app);
    let n = all.len();
    all.into_iter()
        .nth(if n == 0 { 0 } else { app.note_target % n })
}

/// Why notes cannot be made now (still loading, or the notes folder could not be opened).
pub fn unavailable(app: &App) -> Option<String> {
    match app.loaded() {
        None => Some("the case is still loading".into()),
        Some(l) => match &l.notes {
            Ok(_) => None,
            Err(e) => Some(format!("notes are unavailable: {e}")),
        },
    }
}

/// The notes filter's choices after "any": starred, then each tag, with how many events the
/// choice shows (as `Filters::matches` lets them through: for the event's own notes or its
/// sources'; a note on an article or a person alone shows no event), most first.
pub fn filter_choices(app: &App) -> Vec<(NoteChoice, usize)> {
    let (Some(n), Some(case)) = (app.notes(), app.case()) else {
        return Vec::new();
    };
    let mut starred = 0;
    let mut tagged: std::collections::BTreeMap<String, usize> =
        n.store.tags().into_iter().map(|t| (t.tag, 0)).collect();
    for index in 0..case.timeline.events.len() {
        let files = n.of_event(index);
        if files.is_empty() {
            continue;
        }
        starred += usize::from(files.iter().any(|f| f.star));
        let mut tags: Vec<&String> = files.iter().flat_map(|f| &f.tags).collect();
        tags.sort();
        tags.dedup();
        for t in tags {
            if let Some(count) = tagged.get_mut(t) {
                *count += 1;
            }
        }
    }
    let mut tags: Vec<(String, usize)> = tagged.into_iter().collect();
    tags.sort_by(|a, b| b.1.cmp(&a.1).then_with(|| a.0.cmp(&b.0)));
    let mut out = vec![(NoteChoice::Starred, starred)];
    out.extend(
        tags.into_iter()
            .map(|(t, count)| (NoteChoice::Tag(t), count)),
    );
    out
}
