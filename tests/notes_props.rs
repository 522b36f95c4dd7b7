//! Property tests of the notes store: any notes file survives RON and back unchanged (unicode,
//! newlines, quotes, raw-string delimiters), and any sequence of changes leaves on disk
//! exactly what the store holds in memory, and undoing them all leaves nothing.

use std::path::Path;
use std::sync::Arc;
use std::sync::atomic::{AtomicI64, Ordering};

use casefile::notes::{
    Annotation, Change, ItemRef, Link, NoteFile, NotesStore, Relation, Status, TextAnchor,
    Verification,
};
use chrono::{DateTime, Utc};
use proptest::prelude::*;

/// Strings that stress the RON writer: anything at all, and the characters that matter.
fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z \"#\\\\\n\r\t“”é’—🙂{}()\\[\\],:]{0,24}",
        Just("r#\"\"##\"#".to_string()),
        Just(String::new()),
    ]
}

fn time() -> impl Strategy<Value = DateTime<Utc>> {
    (0i64..4_000_000_000).prop_map(|s| DateTime::from_timestamp(s, 0).unwrap())
}

fn anchor() -> impl Strategy<Value = TextAnchor> {
    (0usize..100_000, 0usize..500, text(), text(), text()).prop_map(
        |(start, len, exact, before, after)| TextAnchor {
            start,
            end: start + len,
            exact,
            before,
            after,
        },
    )
}

fn item() -> impl Strategy<Value = ItemRef> {
    prop_oneof![
        (text(), text()).prop_map(|(id, text)| ItemRef::Event { id, text }),
        (text(), anchor()).prop_map(|(article, anchor)| ItemRef::Source { article, anchor }),
        text().prop_map(|id| ItemRef::Article { id }),
        (text(), anchor()).prop_map(|(article, anchor)| ItemRef::Passage { article, anchor }),
        text().prop_map(|name| ItemRef::Entity { name }),
    ]
}

fn relation() -> impl Strategy<Value = Relation> {
    prop_oneof![
        Just(Relation::Corroborates),
        Just(Relation::Contradicts),
        Just(Relation::RespondsTo),
        Just(Relation::SeeAlso),
        text().prop_map(Relation::Other),
    ]
}

fn status() -> impl Strategy<Value = Status> {
    prop::sample::select(Status::ALL.to_vec())
}

fn note_file() -> impl Strategy<Value = NoteFile> {
    let annotation =
        (text(), time(), time(), text()).prop_map(|(id, created, updated, text)| Annotation {
            id,
            created,
            updated,
            text,
        });
    let link = (relation(), item()).prop_map(|(relation, to)| Link { relation, to });
    let verification = (
        status(),
        text(),
        prop::collection::vec(item(), 0..3),
        time(),
    )
        .prop_map(|(status, reason, sources, updated)| Verification {
            status,
            reason,
            sources,
            updated,
        });
    (
        item(),
        any::<bool>(),
        prop::collection::vec(text(), 0..4),
        prop::option::of(verification),
        prop::collection::vec(annotation, 0..3),
        prop::collection::vec(link, 0..3),
    )
        .prop_map(|(item, star, tags, verification, annotations, links)| {
            let mut f = NoteFile::new(item);
            f.star = star;
            f.tags = tags;
            f.verification = verification;
            f.annotations = annotations;
            f.links = links;
            f.normalize();
            f
        })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    #[test]
    fn any_note_file_round_trips_through_ron(f in note_file()) {
        let text = f.to_ron().unwrap();
        let back = NoteFile::from_ron(&text, Path::new("x.ron"));
        prop_assert!(back.is_ok(), "{:?}\n{text}", back.err());
        let back = back.unwrap();
        prop_assert_eq!(&back, &f, "{}", text);
        prop_assert_eq!(back.to_ron().unwrap(), text, "the same bytes again");
    }
}

/// The things a random session does to three items.
fn change() -> impl Strategy<Value = (usize, u8, usize, String)> {
    (0usize..3, 0u8..9, 0usize..4, text())
}

fn items() -> [ItemRef; 3] {
    let anchor = TextAnchor::new("one two three four", 4..13).unwrap();
    [
        ItemRef::Event {
            id: "ev-0123456789".into(),
            text: "What’s behind this Wednesday leak?".into(),
        },
        ItemRef::Passage {
            article: "2017/vox.txt".into(),
            anchor,
        },
        ItemRef::entity("WikiLeaks"),
    ]
}

/// Turns a generated tuple into a change, using the store's annotations for ids.
fn make_change(store: &NotesStore, (i, op, n, s): (usize, u8, usize, String)) -> Change {
    let items = items();
    let item = items[i].clone();
    let tag = ["pac", "key message", "Ünïcode", "to-check"][n].to_string();
    let annotation_id = || {
        store
            .get(&item)
            .and_then(|f| f.annotations.get(n % f.annotations.len().max(1)))
            .map_or("a-none".to_string(), |a| a.id.clone())
    };
    match op {
        0 => Change::AddTag { item, tag },
        1 => Change::RemoveTag { item, tag },
        2 => Change::SetStar {
            item,
            star: n % 2 == 0,
        },
        3 => Change::AddAnnotation { item, text: s },
        4 => Change::EditAnnotation {
            id: annotation_id(),
            item,
            text: s,
        },
        5 => Change::RemoveAnnotation {
            id: annotation_id(),
            item,
        },
        6 => Change::AddLink {
            link: Link {
                relation: Relation::Other(s),
                to: items[(i + 1) % 3].clone(),
            },
            item,
        },
        7 => Change::SetVerification {
            item,
            status: Status::ALL[n],
            reason: s,
            sources: vec![items[(i + 2) % 3].clone()],
        },
        _ => Change::RenameTag {
            from: tag,
            to: ["pac", "merged"][n % 2].to_string(),
        },
    }
}

fn snapshot(store: &NotesStore) -> Vec<(String, NoteFile)> {
    store
        .iter()
        .map(|(k, f)| (k.to_string(), f.clone()))
        .collect()
}

/// A temporary folder, on a RAM disk when there is one: these cases test what is written, not
/// that it survives a power cut, and each fsync on the CI disk costs tens of milliseconds.
fn scratch() -> tempfile::TempDir {
    let shm = Path::new("/dev/shm");
    if shm.is_dir()
        && let Ok(dir) = tempfile::tempdir_in(shm)
    {
        return dir;
    }
    tempfile::tempdir().unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(40))]

    #[test]
    fn any_session_is_on_disk_and_undoes_to_nothing(
        ops in prop::collection::vec(change(), 1..14)
    ) {
        let dir = scratch();
        let clock = Arc::new(AtomicI64::new(1_700_000_000));
        let tick = clock.clone();
        let mut store = NotesStore::open(dir.path().join("notes"))
            .unwrap()
            .with_clock(move || {
                DateTime::from_timestamp(tick.fetch_add(60, Ordering::SeqCst), 0).unwrap()
            });
        for op in ops {
            let change = make_change(&store, op);
            // Empty text, unknown ids: refused without touching anything.
            let before = snapshot(&store);
            if store.apply(change).is_err() {
                prop_assert_eq!(snapshot(&store), before);
            }
        }
        let reopened = NotesStore::open(dir.path().join("notes")).unwrap();
        prop_assert_eq!(snapshot(&reopened), snapshot(&store));
        prop_assert_eq!(reopened.errors().count(), 0);
        while store.can_undo() {
            store.undo().unwrap();
        }
        prop_assert!(store.is_empty(), "{:?}", snapshot(&store));
        let left: Vec<String> = std::fs::read_dir(dir.path().join("notes"))
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .filter(|n| n.ends_with(".ron"))
            .collect();
        prop_assert!(left.is_empty(), "{left:?}");
    }
}
