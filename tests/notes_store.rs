//! The notes store through its library API: two stores on one folder (as two casefile
//! processes would be) merge instead of overwriting, broken files are reported and left alone,
//! temporary files are ignored, and the queries the TUI needs answer from memory.

use std::path::Path;

use casefile::notes::{
    Backlink, Change, ItemRef, Link, NoteFilter, NotesStore, Relation, Status, TagCount,
};
use chrono::{DateTime, Utc};

fn fixed() -> DateTime<Utc> {
    DateTime::parse_from_rfc3339("2024-05-01T10:00:00Z")
        .unwrap()
        .with_timezone(&Utc)
}

fn store(dir: &Path) -> NotesStore {
    NotesStore::open(dir).unwrap().with_clock(fixed)
}

fn ev(id: &str) -> ItemRef {
    ItemRef::Event {
        id: id.into(),
        text: format!("the words of {id}"),
    }
}

fn tag(item: &ItemRef, tag: &str) -> Change {
    Change::AddTag {
        item: item.clone(),
        tag: tag.into(),
    }
}

#[test]
fn two_stores_on_one_folder_merge_their_changes() {
    let dir = tempfile::tempdir().unwrap();
    let mut a = store(dir.path());
    let mut b = store(dir.path());
    let item = ev("ev-1111111111");
    a.apply(tag(&item, "from-a")).unwrap();
    // b has not seen a's change; its save must not lose it.
    b.apply(tag(&item, "from-b")).unwrap();
    b.apply(Change::AddAnnotation {
        item: item.clone(),
        text: "b's note".into(),
    })
    .unwrap();
    assert_eq!(b.get(&item).unwrap().tags, ["from-a", "from-b"]);
    // a notices b's changes, on its next save or when it refreshes.
    assert!(a.refresh().unwrap());
    assert_eq!(a.get(&item).unwrap().tags, ["from-a", "from-b"]);
    assert_eq!(a.get(&item).unwrap().annotations.len(), 1);
    // Undo in a undoes a's change only.
    a.undo().unwrap().unwrap();
    assert_eq!(a.get(&item).unwrap().tags, ["from-b"]);
    assert_eq!(store(dir.path()).get(&item).unwrap().tags, ["from-b"]);
}

#[test]
fn a_broken_file_is_reported_left_alone_and_read_again_once_fixed() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let good = ev("ev-2222222222");
    let bad = ev("ev-3333333333");
    s.apply(tag(&good, "fine")).unwrap();
    s.apply(tag(&bad, "soon-broken")).unwrap();
    let bad_path = s.path_of(&bad.key());
    let fixed_text = std::fs::read_to_string(&bad_path).unwrap();
    let broken = fixed_text.replace("star: false", "star: flase");
    std::fs::write(&bad_path, &broken).unwrap();

    s.reload().unwrap();
    let errors: Vec<String> = s.errors().map(|e| e.to_string()).collect();
    assert_eq!(errors.len(), 1, "{errors:?}");
    assert!(
        errors[0].contains("event-ev-3333333333.ron:7:10: "),
        "file:line:column: {errors:?}"
    );
    assert!(errors[0].to_lowercase().contains("expected"), "{errors:?}");
    assert!(s.get(&good).is_some(), "the rest loads");
    assert!(s.get(&bad).is_none());

    // A change to that item is refused and the file stays byte for byte.
    let err = s.apply(tag(&bad, "more")).unwrap_err();
    assert!(
        err.to_string().contains("event-ev-3333333333.ron:7:10: "),
        "{err}"
    );
    assert_eq!(std::fs::read_to_string(&bad_path).unwrap(), broken);

    std::fs::write(&bad_path, &fixed_text).unwrap();
    s.reload().unwrap();
    assert_eq!(s.errors().count(), 0);
    assert_eq!(s.get(&bad).unwrap().tags, ["soon-broken"]);
}

#[test]
fn temporary_and_hidden_files_are_not_notes() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(dir.path().join(".casefile-x7Yq.tmp"), "(half a fil").unwrap();
    std::fs::write(dir.path().join(".mine.tmp"), "a user's own").unwrap();
    std::fs::write(dir.path().join(".hidden.ron"), "junk").unwrap();
    std::fs::write(dir.path().join("README.md"), "# our notes").unwrap();
    let mut s = store(dir.path());
    assert!(s.is_empty());
    assert_eq!(s.errors().count(), 0);
    s.apply(tag(&ev("ev-4444444444"), "x")).unwrap();
    assert!(
        !dir.path().join(".casefile-x7Yq.tmp").exists(),
        "left over by a killed writer"
    );
    // Only casefile's own temporary names are removed.
    assert!(dir.path().join(".mine.tmp").exists());
}

#[test]
fn renaming_a_tag_reaches_every_item_and_merges() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let (x, y, z) = (
        ev("ev-5555555555"),
        ev("ev-6666666666"),
        ItemRef::entity("WikiLeaks"),
    );
    s.apply(tag(&x, "dm")).unwrap();
    s.apply(tag(&y, "dm")).unwrap();
    s.apply(tag(&y, "direct message")).unwrap();
    s.apply(tag(&z, "org")).unwrap();
    s.apply(Change::RenameTag {
        from: "dm".into(),
        to: "direct message".into(),
    })
    .unwrap();
    assert_eq!(
        s.tags(),
        [
            TagCount {
                tag: "direct message".into(),
                count: 2
            },
            TagCount {
                tag: "org".into(),
                count: 1
            }
        ]
    );
    s.undo().unwrap();
    assert_eq!(s.get(&x).unwrap().tags, ["dm"]);
    assert_eq!(s.get(&y).unwrap().tags, ["direct message", "dm"]);
}

#[test]
fn queries_for_the_views() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let (x, y) = (ev("ev-7777777777"), ev("ev-8888888888"));
    let article = ItemRef::Article {
        id: "vox.txt".into(),
    };
    for t in ["password", "pac", "PAC-money"] {
        s.apply(tag(&x, t)).unwrap();
    }
    s.apply(tag(&y, "pac")).unwrap();
    s.apply(Change::SetStar {
        item: y.clone(),
        star: true,
    })
    .unwrap();
    s.apply(Change::AddLink {
        item: y.clone(),
        link: Link {
            relation: Relation::RespondsTo,
            to: x.clone(),
        },
    })
    .unwrap();
    s.apply(Change::SetVerification {
        item: x.clone(),
        status: Status::Confirmed,
        reason: "Both outlets print the screenshot".into(),
        sources: vec![article.clone()],
    })
    .unwrap();
    let a = s
        .apply(Change::AddAnnotation {
            item: x.clone(),
            text: "Ask the FEC\nabout the PAC".into(),
        })
        .unwrap();
    assert!(a.annotation.is_some());

    assert_eq!(s.complete_tag("pa"), ["pac", "PAC-money", "password"]);
    assert_eq!(s.complete_tag("PAC-"), ["PAC-money"]);
    let back = s.backlinks(&x);
    assert!(matches!(&back[..], [Backlink::Link { from, link }]
        if from.same_item(&y) && link.relation == Relation::RespondsTo));
    let supports = s.backlinks(&article);
    assert!(matches!(
        &supports[..],
        [Backlink::Supports {
            status: Status::Confirmed,
            ..
        }]
    ));
    assert_eq!(s.starred().len(), 1);
    assert_eq!(s.with_tag("pac").len(), 2);
    let found = s.filter(&NoteFilter {
        text: Some("fec pac".into()),
        ..NoteFilter::default()
    });
    assert_eq!(found.len(), 1);
    assert!(found[0].item.same_item(&x));
    assert_eq!(s.undo_label(), Some("annotated ev-7777777777"));
}

#[test]
fn files_are_pretty_sorted_and_one_per_item() {
    let dir = tempfile::tempdir().unwrap();
    let mut s = store(dir.path());
    let x = ev("ev-9999999999");
    for t in ["zeta", "alpha", "mid"] {
        s.apply(tag(&x, t)).unwrap();
    }
    s.apply(tag(&ItemRef::entity("Roger Stone"), "person"))
        .unwrap();
    let mut names: Vec<String> = std::fs::read_dir(dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".ron"))
        .collect();
    names.sort();
    assert_eq!(names.len(), 2);
    assert!(names[0].starts_with("entity-roger-stone-"), "{names:?}");
    assert_eq!(names[1], "event-ev-9999999999.ron");
    let text = std::fs::read_to_string(dir.path().join(&names[1])).unwrap();
    let expected = "(
    format_version: 1,
    item: Event(
        id: \"ev-9999999999\",
        text: \"the words of ev-9999999999\",
    ),
    star: false,
    tags: [
        \"alpha\",
        \"mid\",
        \"zeta\",
    ],
    verification: None,
    annotations: [],
    links: [],
)
";
    assert_eq!(text, expected);
    // Removing the last note removes the file.
    for t in ["zeta", "alpha", "mid"] {
        s.apply(Change::RemoveTag {
            item: x.clone(),
            tag: t.into(),
        })
        .unwrap();
    }
    assert!(!dir.path().join(&names[1]).exists());
}
