//! Who said it, end to end: speakers named around verbs, by pronouns and by the paragraph
//! before, on articles written for the tests.

use casefile::Case;

/// A case of one article (front matter, then `body`), opened without the cache.
fn one_article(body: &str) -> (tempfile::TempDir, Case) {
    let dir = tempfile::tempdir().expect("temp dir");
    std::fs::create_dir(dir.path().join("corpus")).expect("corpus");
    let text = format!("---\ntitle: Test\noutlet: Example\npublished: 2016-05-02\n---\n{body}");
    std::fs::write(dir.path().join("corpus/a.txt"), text).expect("written");
    let case = Case::open_uncached(dir.path()).expect("opens");
    (dir, case)
}

/// The speaker shown for the quote holding `words`.
fn speaker_of(case: &Case, words: &str) -> String {
    let q = case
        .quotes
        .iter()
        .find(|q| {
            q.parts
                .iter()
                .any(|p| case.articles[q.article].slice(p).contains(words))
        })
        .unwrap_or_else(|| panic!("no quote with {words:?}"));
    q.speaker
        .as_ref()
        .and_then(|s| s.entity)
        .map(|id| case.entities.name(id).to_string())
        .unwrap_or_default()
}

/// None of the entities named `names` is taken for a person.
fn assert_no_person(case: &Case, names: &[&str]) {
    for e in &case.entities.entities {
        if names.contains(&e.name.as_str()) {
            assert_ne!(
                e.kind,
                casefile::extract::entities::EntityKind::Person,
                "{}",
                e.name
            );
        }
    }
}

#[test]
fn speakers_named_around_characterising_verbs_and_in_the_paragraph_before() {
    let (_dir, case) = one_article(
        "Mayor Tilda Brennan of Oakford spoke on Monday.\n\
         Brennan pledged to make the council \"finish the bridge before the winter comes.\"\n\
         Later, Oakford's treasurer, Sam Oduya, released a statement:\n\
         \"The accounts for the bridge are in order and open to anyone who asks.\"\n\
         Oduya is upbeat about the project.\n\
         \"We will open it in spring, with a party for the whole town.\"\n",
    );
    assert!(speaker_of(&case, "finish the bridge").contains("Brennan"));
    assert!(speaker_of(&case, "accounts for the bridge").contains("Oduya"));
    assert!(speaker_of(&case, "open it in spring").contains("Oduya"));
}

#[test]
fn quotes_marked_with_two_apostrophes_take_their_speaker() {
    let (_dir, case) = one_article(
        "''We should not take the growth for granted,'' Lena Marsh, a bank governor, said in a speech.\n\
         ''Who would they appoint? It is a gamble,'' Ms. Marsh said.\n",
    );
    assert!(speaker_of(&case, "growth for granted").contains("Marsh"));
    assert!(speaker_of(&case, "It is a gamble").contains("Marsh"));
    // No stray apostrophe is left in a quote's words.
    for q in &case.quotes {
        for p in &q.parts {
            let t = case.articles[q.article].slice(p);
            assert!(!t.starts_with('\'') && !t.ends_with('\''), "{t:?}");
        }
    }
}

#[test]
fn he_said_goes_to_the_person_the_sentences_are_about() {
    let (_dir, case) = one_article(
        "Carl Benning, a farmer in Ames, has backed Nora Pike since the spring.\n\
         Benning said he had met Pike twice at the county fair.\n\
         \"She listens to people like me, and that is rare in this race,\" he said.\n\
         Ruth Okafor fired back at the campaign on Tuesday: \"We will not be bullied,\" she wrote, \"not by anyone.\"\n",
    );
    assert!(speaker_of(&case, "She listens to people").contains("Benning"));
    assert!(speaker_of(&case, "We will not be bullied").contains("Okafor"));
}

#[test]
fn she_said_skips_a_man_the_text_calls_mr() {
    let (_dir, case) = one_article(
        "Ms. Dora Vance runs the shelter on Elm Street.\n\
         Mr. Paul Okoro, the mayor, visited on Monday and praised the staff.\n\
         ''We never turn anyone away,'' she said.\n",
    );
    assert!(speaker_of(&case, "never turn anyone away").contains("Vance"));
}

#[test]
fn pronouns_follow_first_names_leading_adverbials_and_the_main_figure() {
    let (_dir, case) = one_article(
        "\"It depends on the season,\" said Lottie Pearce, a retired nurse who lives in Dalton.\n\
         To a question on the ferry, Morton Vale said private firms cost more than the town does. \
         \"While the ferry is slow,\" he said, \"most people would agree it works.\"\n\
         Carla Ruiz runs the harbour board. Ruiz took it over in May, and Ruiz chairs it. \
         Her husband, Frank Ruiz, builds boats.\n\
         \"We owe the town an answer,\" Ruiz said.\n",
    );
    assert!(speaker_of(&case, "depends on the season").contains("Lottie Pearce"));
    // "he" is not the woman quoted before, whose first name marks her; it is who said.
    assert!(speaker_of(&case, "the ferry is slow").contains("Morton Vale"));
    // The bare surname is the one the article is about, not the husband named in passing.
    assert_eq!(speaker_of(&case, "owe the town"), "Carla Ruiz");
}

#[test]
fn pronouns_skip_places_and_bodies_and_a_month_can_be_a_first_name() {
    let (_dir, case) = one_article(
        "Senator Paul Roe announced his plan on Monday.\n\
         Former Nevada governor Jan Brewer, an early backer of Roe, calls the plan \"a priority\" \
         for families. \"It will matter to every parent I know,\" she said in an interview.\n\
         Dale Fisk, a former officer, met the Global Response Staff in the city that night. \
         \"Nobody there was told to wait,\" he said.\n",
    );
    // "Jan" before a surname is a first name, and "Former Nevada" is no woman.
    assert_eq!(speaker_of(&case, "every parent I know"), "Jan Brewer");
    // A staff is not a "he": no body, place or state is read as a person.
    assert_eq!(speaker_of(&case, "Nobody there was told"), "Dale Fisk");
    assert_no_person(&case, &["Global Response Staff", "Nevada"]);
}

#[test]
fn a_verb_inside_a_name_is_no_attribution() {
    let (_dir, case) = one_article(
        "Senator Paul Roe spoke in Ohio on Monday.\n\
         Roe said the United States \"must increase its efforts at home and abroad.\"\n\
         Mary Lane told the mayors that the United States should be led by those \"who put the \
         people first.\"\n",
    );
    // "States" in "the United States" is not "states" the verb: the one who said it is.
    assert_eq!(speaker_of(&case, "increase its efforts"), "Paul Roe");
    assert_eq!(speaker_of(&case, "put the people first"), "Mary Lane");
}

#[test]
fn a_source_known_by_first_name_only_is_someone() {
    let (_dir, case) = one_article(
        "The station chief, identified only by his first name, Walt, arrived in the Near East \
         in May.\n\
         Walt said the team had \"no reason to wait.\" \"We moved as soon as we could,\" he said.\n\
         Officials in Austin and Houston declined to comment.\n",
    );
    // "Walt" alone is a man; the Near East, Austin and Houston are places.
    assert_eq!(speaker_of(&case, "moved as soon as we could"), "Walt");
    assert_no_person(&case, &["Near East", "Austin", "Houston"]);
}

#[test]
fn ranks_and_offices_are_titles_not_names() {
    let (_dir, case) = one_article(
        "Admiral Dana Kirsch commands the fleet. Representative Owen Tallis sits on the panel.\n\
         \"We are ready,\" Admiral Kirsch said.\n\
         \"The panel will ask,\" Representative Tallis said.\n",
    );
    assert_eq!(speaker_of(&case, "We are ready"), "Dana Kirsch");
    assert_eq!(speaker_of(&case, "The panel will ask"), "Owen Tallis");
}

#[test]
fn transcript_turns_without_quotation_marks_are_their_speakers_words() {
    let (_dir, case) = one_article(
        "Governor Ada Lind of Kansas spoke to the host Sam Reyes on Sunday.\n\
         SAM REYES: Do you think the governor's plan will pass?\n\
         LIND: Well, I think we have the votes, and we will bring it to the floor in June.\n\
         REYES: And if you lose?\n\
         Reyes: We will be back next week.\n\
         UPDATE: The vote was moved to July.\n\
         Lind: Raise The Gas Tax Now\n",
    );
    let turn = |words: &str| {
        case.quotes
            .iter()
            .find(|q| {
                q.parts
                    .iter()
                    .any(|p| case.articles[q.article].slice(p).contains(words))
            })
            .map(|q| {
                let who = q
                    .speaker_entity()
                    .map(|id| case.entities.name(id).to_string());
                let text = case.articles[q.article].slice(&q.parts[0]).to_string();
                (who.unwrap_or_default(), text)
            })
    };
    let (who, text) = turn("governor's plan").expect("the host's turn");
    assert_eq!(who, "Sam Reyes");
    // The label is not part of the words.
    assert_eq!(text, "Do you think the governor's plan will pass?");
    assert_eq!(turn("we have the votes").expect("a turn").0, "Ada Lind");
    assert_eq!(turn("if you lose").expect("a turn").0, "Sam Reyes");
    assert_eq!(turn("back next week").expect("a turn").0, "Sam Reyes");
    // A label that is no one, and a headline in the same shape, are not turns.
    assert!(turn("moved to July").is_none());
    assert!(turn("Raise The Gas Tax").is_none());
}

#[test]
fn they_is_the_organisation_the_sentence_before_is_about() {
    let (_dir, case) = one_article(
        "The Harbour Workers Union rejected the offer on Monday.\n\
         \"We will not sign this, not now and not later,\" they said.\n",
    );
    assert_eq!(speaker_of(&case, "not sign this"), "Harbour Workers Union");
    // People in the plural are no one entity: "they" names no one.
    let (_dir, case) = one_article(
        "Senator Paul Roe toured the docks.\n\n\
         Dock officials met on Tuesday. \"We need more time,\" they said.\n",
    );
    assert_eq!(speaker_of(&case, "need more time"), "");
}
