//! Notes survive corpus changes: a passage note follows its words when the article is edited,
//! becomes an orphan (listed, exported, never dropped) when they are deleted; an event whose
//! id changed is found again by its words.

mod support;

use assert_cmd::Command;
use casefile::Case;
use casefile::notes::{
    Change, Fit, ItemRef, NotesStore, Place, Placements, locate, store::notes_dir,
};
use predicates::prelude::*;

const PASSAGE: &str = "The account did not reply to that question, the messages show.";

fn edit(root: &std::path::Path, f: impl Fn(&str) -> String) {
    let path = root.join("corpus/wire.txt");
    let text = std::fs::read_to_string(&path).unwrap();
    std::fs::write(&path, f(&text)).unwrap();
}

fn place_of(root: &std::path::Path, item: &ItemRef) -> (Case, Place) {
    let case = Case::open(root).unwrap();
    let store = NotesStore::for_case(&case).unwrap();
    let places = Placements::compute(&store, &case);
    let place = places.get(&item.key()).unwrap().clone();
    (case, place)
}

#[test]
fn passage_notes_follow_their_words_and_orphans_are_kept() {
    let (_dir, root) = support::case_with(&[("wire.txt", support::WIRE.as_bytes())]);
    let case = Case::open(&root).unwrap();
    let article = case.articles.iter().find(|a| a.id == "wire.txt").unwrap();
    let start = article.text.find(PASSAGE).unwrap();
    let passage = ItemRef::passage(article, start..start + PASSAGE.len()).unwrap();
    let event = case
        .timeline
        .events
        .iter()
        .find(|e| e.text.contains("Wednesday leak"))
        .unwrap();
    let source = ItemRef::source(article, &event.sources[0]).unwrap();
    let mut store = NotesStore::for_case(&case).unwrap();
    store
        .apply(Change::AddAnnotation {
            item: passage.clone(),
            text: "No reply: look for a later DM".into(),
        })
        .unwrap();
    store
        .apply(Change::AddTag {
            item: source.clone(),
            tag: "question".into(),
        })
        .unwrap();

    // Text inserted before it, unrelated words changed: the same words, further on.
    edit(&root, |t| {
        t.replace("Monday", "Tuesday").replacen(
            "    On September 20",
            "    An editor's note added at the top of the story.\n    On September 20",
            1,
        )
    });
    let (case, place) = place_of(&root, &passage);
    let Place::Passage {
        article,
        range,
        fit,
    } = place
    else {
        panic!("{place:?}")
    };
    assert_eq!(fit, Fit::Moved);
    assert!(range.start > start);
    assert_eq!(&case.articles[article].text[range], PASSAGE);
    let (case, place) = place_of(&root, &source);
    let e = place
        .event()
        .expect("the source is still a source of its event");
    assert_eq!(case.timeline.events[e].id, event.id);

    // Some of its words changed: the most similar passage.
    edit(&root, |t| t.replace("that question", "that query"));
    let (case, place) = place_of(&root, &passage);
    let Place::Passage {
        article,
        range,
        fit,
    } = place
    else {
        panic!("{place:?}")
    };
    assert!(matches!(fit, Fit::Fuzzy(r) if r >= 0.7), "{fit:?}");
    assert!(case.articles[article].text[range].contains("that query"));
    Command::cargo_bin("casefile")
        .unwrap()
        .arg("--case")
        .arg(&root)
        .arg("notes")
        .assert()
        .success()
        .stdout(predicate::str::contains("its words changed"))
        .stdout(predicate::str::contains(
            "noted on: “The account did not reply to that question,",
        ));

    // Gone: an orphan, still listed with its note, still exported, its file untouched.
    let file = notes_dir(&root).join(format!("{}.ron", passage.key()));
    let before = std::fs::read(&file).unwrap();
    edit(&root, |t| {
        t.lines()
            .filter(|l| !l.contains("did not reply"))
            .collect::<Vec<_>>()
            .join("\n")
    });
    let (_, place) = place_of(&root, &passage);
    assert!(place.is_orphan(), "{place:?}");
    let root_arg = root.to_str().unwrap();
    Command::cargo_bin("casefile")
        .unwrap()
        .args(["--case", root_arg, "notes"])
        .assert()
        .success()
        .stdout(predicate::str::contains(format!(
            "ORPHAN {}",
            passage.spec()
        )))
        .stdout(predicate::str::contains("No reply: look for a later DM"))
        .stdout(predicate::str::contains("The account did not reply"));
    Command::cargo_bin("casefile")
        .unwrap()
        .args(["--case", root_arg, "export", "--format", "md"])
        .assert()
        .success()
        .stdout(predicate::str::contains("## Orphaned notes"))
        .stdout(predicate::str::contains("No reply: look for a later DM"));
    assert_eq!(std::fs::read(&file).unwrap(), before);
}

#[test]
fn an_event_whose_id_changed_is_found_by_its_words() {
    let (_dir, root) = support::case_with(&[("wire.txt", support::WIRE.as_bytes())]);
    let case = Case::open(&root).unwrap();
    let event = &case.timeline.events[1];
    let renamed = ItemRef::Event {
        id: "ev-0000000000".into(),
        text: event.text.clone(),
    };
    assert_eq!(
        locate(&renamed, &case),
        Place::Event {
            index: 1,
            moved: true
        }
    );
    let unknown = ItemRef::Event {
        id: "ev-0000000000".into(),
        text: "Words nobody ever wrote in any of these articles".into(),
    };
    assert!(locate(&unknown, &case).is_orphan());
}
