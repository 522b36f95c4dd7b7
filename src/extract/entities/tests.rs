//! Tests of entities.

use super::*;
use crate::extract::names::is_title;

fn registry(names: &[&str]) -> EntityRegistry {
    let mut census = NameCensus::default();
    for n in names {
        census.add(n, false);
    }
    EntityRegistry::build(&census, &EntitiesFile::default())
}

#[test]
fn short_forms_fold_into_the_full_name() {
    let reg = registry(&[
        "Donald Trump Jr.",
        "Trump Jr.",
        "Don Jr.",
        "Trump, Jr.",
        "Donald Trump",
        "Trump",
    ]);
    let jr = reg.resolve("Donald Trump Jr.", &[]).unwrap();
    assert_eq!(reg.resolve("Trump Jr.", &[]), Some(jr));
    assert_eq!(reg.resolve("Don Jr.", &[]), Some(jr));
    assert_eq!(reg.resolve("Trump, Jr.", &[]), Some(jr));
    let sr = reg.resolve("Donald Trump", &[]).unwrap();
    assert_ne!(sr, jr);
    assert_eq!(reg.resolve("Trump", &[]), Some(sr));
    assert_eq!(reg.father_of(jr), Some(sr));
}

#[test]
fn case_variants_are_one_organisation() {
    let reg = registry(&["WikiLeaks", "Wikileaks", "WikiLeaks"]);
    let id = reg.resolve("Wikileaks", &[]).unwrap();
    assert_eq!(reg.resolve("WikiLeaks", &[]), Some(id));
    assert_eq!(reg.name(id), "WikiLeaks");
    assert_eq!(reg.kind(id), EntityKind::Organisation);
}

#[test]
fn a_surname_shared_by_two_people_follows_the_article() {
    let reg = registry(&["Gordon Brown", "Gordon Brown", "Wes Brown", "Brown"]);
    let gordon = reg.resolve("Gordon Brown", &[]).unwrap();
    let wes = reg.resolve("Wes Brown", &[]).unwrap();
    assert_eq!(reg.resolve("Brown", &[wes]), Some(wes));
    assert_eq!(reg.resolve("Brown", &[]), Some(gordon));
}

#[test]
fn declared_aliases_win() {
    let declared: EntitiesFile = ron::from_str(
        r#"(entities: [(name: "WikiLeaks", kind: Some(Organisation), aliases: ["Assange's group"])])"#,
    )
    .unwrap();
    let reg = EntityRegistry::build(&NameCensus::default(), &declared);
    assert_eq!(reg.resolve("Assange's group", &[]), Some(0));
}

#[test]
fn description_heads_find_the_described_person() {
    let mut census = NameCensus::default();
    census.add("Donald Trump Jr.", false);
    census.add_description("Donald Trump Jr.", "the Republican nominee’s oldest son");
    let reg = EntityRegistry::build(&census, &EntitiesFile::default());
    assert_eq!(reg.by_description_head("son"), Some(0));
    assert_eq!(reg.by_description_head("lawyer"), None);
}

#[test]
fn broken_entities_file_reports_line_and_column() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("entities.ron");
    std::fs::write(&path, "(entities: [\n  (name: 42)\n])").unwrap();
    match EntitiesFile::load(&path) {
        Err(CaseError::Entities { line, .. }) => assert_eq!(line, 2),
        other => panic!("expected a parse error, got {other:?}"),
    }
}

/// The key as it was first written (a string per word), against which the one-string version
/// is checked.
fn name_key_by_words(name: &str) -> String {
    let mut words: Vec<String> = name
        .split(|c: char| c.is_whitespace())
        .map(|w| {
            w.chars()
                .filter(|c| !matches!(c, '.' | ','))
                .flat_map(char::to_lowercase)
                .map(|c| if c == '’' { '\'' } else { c })
                .collect::<String>()
        })
        .filter(|w| !w.is_empty())
        .collect();
    while words
        .first()
        .is_some_and(|w| is_title(w) && words.len() > 1)
    {
        words.remove(0);
    }
    words.join(" ")
}

#[test]
fn name_key_is_the_same_as_word_by_word() {
    for name in [
        "",
        " ",
        "President Trump",
        "President",
        "Mr. President",
        "Mr. Mrs. Dr.",
        "  Donald   J. Trump,  Jr. ",
        "O’Brien",
        "İstanbul Governor Ali",
        ". , .",
        "Dr . Who",
        "ΣΊΣΥΦΟΣ Chancellor",
        "Sen.\tTed\u{a0}Cruz",
    ] {
        assert_eq!(name_key(name), name_key_by_words(name), "{name:?}");
    }
}

#[test]
fn groups_named_after_a_party_or_a_cause_are_not_people() {
    let mut census = NameCensus::default();
    for name in [
        "Indiana GOP",
        "Citizens United",
        "Right Wing Watch",
        "Ann Lee",
    ] {
        census.add(name, false);
    }
    let reg = EntityRegistry::build(&census, &EntitiesFile::default());
    for name in ["Indiana GOP", "Citizens United", "Right Wing Watch"] {
        let id = reg.resolve(name, &[]).expect(name);
        assert_eq!(reg.kind(id), EntityKind::Organisation, "{name}");
    }
    let lee = reg.resolve("Ann Lee", &[]).expect("Ann Lee");
    assert_eq!(reg.kind(lee), EntityKind::Person);
}

#[test]
fn places_and_peoples_are_not_persons() {
    let reg = registry(&[
        "South Carolina",
        "African American",
        "Iowa Citizens",
        "Ada Brill",
    ]);
    let kind = |n: &str| reg.kind(reg.resolve(n, &[]).unwrap());
    for place in ["South Carolina", "African American", "Iowa Citizens"] {
        assert_ne!(kind(place), EntityKind::Person, "{place}");
    }
    assert_eq!(kind("Ada Brill"), EntityKind::Person);
}
