//! Tests of attribution.

use super::*;

/// Blanks the quoted words of a test sentence and returns the masked text and the
/// outer range of the first quote.
fn mask(s: &str) -> (String, Range<usize>) {
    let open = s.find('“').expect("test sentence has a quote");
    let close = s[open..].find('”').unwrap() + open + '”'.len_utf8();
    let mut masked = s.to_string();
    let inner = open + '“'.len_utf8()..close - '”'.len_utf8();
    masked.replace_range(inner.clone(), &" ".repeat(inner.len()));
    (masked, open..close)
}

fn speaker(s: &str) -> Option<String> {
    let (m, q) = mask(s);
    attribute(&m, &q).map(|a| a.speaker)
}

#[test]
fn name_after_the_quote() {
    assert_eq!(
        speaker("“A PAC run anti-Trump site is about to launch,” Wikileaks wrote.").as_deref(),
        Some("Wikileaks")
    );
    assert_eq!(
        speaker("“Already did that earlier today,” Trump Jr. responded an hour-and-a-half later.")
            .as_deref(),
        Some("Trump Jr.")
    );
}

#[test]
fn inverted_said() {
    assert_eq!(speaker("“Over the last several months, we have worked,” said Alan Futerfas, an attorney for Donald Trump Jr.").as_deref(), Some("Alan Futerfas"));
}

#[test]
fn pronoun_and_colon_intro() {
    assert_eq!(
        speaker("“Off the record I don’t know who that is,” he wrote on September 21, 2016.")
            .as_deref(),
        Some("he")
    );
    assert_eq!(
        speaker("Trump Jr. quickly answered: “Already did that earlier today.”").as_deref(),
        Some("Trump Jr.")
    );
    assert_eq!(
        speaker("And two minutes later, he asked WikiLeaks: “What’s behind this?”").as_deref(),
        Some("he")
    );
}

#[test]
fn participle_takes_the_subject() {
    assert_eq!(
        speaker("On October 3, 2016, WikiLeaks sent another note about a story that Hillary Clinton had once said she wanted to drone Julian Assange, the group’s founder, writing: “Hiya.”").as_deref(),
        Some("WikiLeaks")
    );
    assert_eq!(
        speaker("Two days later, Trump Jr. tweeted the link to his followers, writing, “For those who have the time.”").as_deref(),
        Some("Trump Jr.")
    );
}

#[test]
fn descriptions_and_according_to() {
    assert_eq!(
        speaker("“Hello,” the Wikileaks Twitter account wrote.").as_deref(),
        Some("the Wikileaks Twitter account")
    );
    assert_eq!(
        speaker("According to Julia Ioffe, “the messages are real.”").as_deref(),
        Some("Julia Ioffe")
    );
    assert_eq!(speaker("Fifteen minutes later, his father tweeted to his millions of followers: “Very little pick-up.”").as_deref(), Some("his father"));
}

#[test]
fn no_verb_no_attribution() {
    assert_eq!(speaker("It was a “just drone” moment."), None);
}

#[test]
fn recipients() {
    let s = "the Wikileaks Twitter account sent a private direct message to Donald Trump Jr., the nominee’s son.";
    let r = recipient_phrases(s);
    assert_eq!(
        r.iter().map(|r| &s[r.clone()]).collect::<Vec<_>>(),
        vec!["Donald Trump Jr."]
    );
    let s = "And two minutes later, he asked WikiLeaks:";
    assert_eq!(
        recipient_phrases(s)
            .iter()
            .map(|r| &s[r.clone()])
            .collect::<Vec<_>>(),
        vec!["WikiLeaks"]
    );
    let s = "a Twitter DM the group sent him on September 20, 2016.";
    assert_eq!(
        recipient_phrases(s)
            .iter()
            .map(|r| &s[r.clone()])
            .collect::<Vec<_>>(),
        vec!["him"]
    );
}

#[test]
fn continuation_verbs() {
    assert!(is_continuation_verb("went on"));
    assert!(is_continuation_verb("added"));
    assert!(!is_continuation_verb("wrote"));
}

#[test]
fn titles_and_initials_belong_to_the_name() {
    assert_eq!(
        speaker("“We will see,” said Sen. Ann Lee (D-Mo.), who chairs the panel.").as_deref(),
        Some("Sen. Ann Lee")
    );
    assert_eq!(
        speaker("“It is over,” said Mr. Burman.").as_deref(),
        Some("Mr. Burman")
    );
    assert_eq!(
        speaker("“No comment,” said Donald J. Trump Jr. on Monday.").as_deref(),
        Some("Donald J. Trump Jr.")
    );
    assert_eq!(
        speaker("“Pray,” said the Rev. Al Green of the First Church.").as_deref(),
        Some("the Rev. Al Green")
    );
}

#[test]
fn descriptors_before_a_name_are_not_the_name() {
    assert_eq!(
        speaker("“It is close,” said Republican pollster Dan Shore.").as_deref(),
        Some("Dan Shore")
    );
    assert_eq!(
        speaker("“We lost,” said former Gov. Bill Raines of Utah, a Democrat.").as_deref(),
        Some("Gov. Bill Raines")
    );
    assert_eq!(
        speaker("“Not now,” said the agency's spokesman, Tom Hale.").as_deref(),
        Some("Tom Hale")
    );
}

#[test]
fn appositions_between_the_name_and_the_verb() {
    assert_eq!(
        speaker("“We are ready,” Jane Roe, the campaign's spokeswoman, said on Monday.").as_deref(),
        Some("Jane Roe")
    );
    assert_eq!(
        speaker("“I voted for him twice,” Carla Moss, 67, a retired teacher in Dayton, Ohio, told reporters.").as_deref(),
        Some("Carla Moss")
    );
    assert_eq!(
        speaker("But Mr. Vance, a Republican who once backed the bill, said he had “no choice.”")
            .as_deref(),
        Some("Mr. Vance")
    );
}

#[test]
fn a_description_holding_a_name_and_a_possessive_in_the_apposition() {
    assert_eq!(
        speaker("“Wages may rise,” the economist Joan Reyes, a former adviser, wrote on her blog.")
            .as_deref(),
        Some("the economist Joan Reyes")
    );
    assert_eq!(
        speaker(
            "“It is long and tiring,” Tia Chen, Mrs. Lowe's chief of staff, said in an interview."
        )
        .as_deref(),
        Some("Tia Chen")
    );
}

#[test]
fn a_participle_goes_with_the_attribution_before_it() {
    assert_eq!(
        speaker("Hale cannot know that, Ruiz added, saying it should be “up to the prosecutor to decide.”")
            .as_deref(),
        Some("Ruiz")
    );
}

#[test]
fn a_sentence_of_reported_speech_ends_with_its_speaker() {
    let s = "The device also fell short of being a media server, said Mr Fogg.";
    assert_eq!(reported_speaker(s).map(|r| &s[r]), Some("Mr Fogg"));
    let s = "Prices will rise next year, Ann Lee said.";
    assert_eq!(reported_speaker(s).map(|r| &s[r]), Some("Ann Lee"));
    // A verb of saying that does not end the sentence names no speaker of it.
    assert_eq!(
        reported_speaker("Lee said the plan was sound and left early."),
        None
    );
}

#[test]
fn said_after_the_writers_words_closing_the_clause() {
    // The words between quote and verb finish the writer's clause; the name follows the verb.
    assert_eq!(
        speaker("“This will be a hard year” for the mayor, said Dunmore.").as_deref(),
        Some("Dunmore")
    );
    assert_eq!(
        speaker("“A fine plan” in every way, said Sen. Ada Brill, who chairs the panel.")
            .as_deref(),
        Some("Sen. Ada Brill")
    );
    // A verb with a clause after it is no inverted attribution.
    assert_eq!(
        speaker("“A fine plan,” Ada Brill told the mayor, said the report.").as_deref(),
        Some("Ada Brill")
    );
}

#[test]
fn the_one_who_says_after_a_leading_adverbial() {
    let r = |s: &str| saying_subject(s).map(|r| s[r].to_string());
    assert_eq!(
        r("To a question on jobs, Morton said firms cost more.").as_deref(),
        Some("Morton")
    );
    assert_eq!(
        r("Ada Brill said the plan would work.").as_deref(),
        Some("Ada Brill")
    );
    // A verb of saying inside a later clause is not the sentence's.
    assert_eq!(
        r("He showed a video of the rally, as one reporter, Lisa Dunn, reported.").as_deref(),
        None
    );
}

#[test]
fn an_object_after_told_is_no_speaker() {
    assert_eq!(
        speaker("“All of my songs are about women,” Butz, 49, told The Daily Planet.").as_deref(),
        Some("Butz")
    );
}

/// The speaker of the `n`th quote of a sentence, every quote masked.
fn speaker_of(s: &str, n: usize) -> Option<String> {
    let mut masked = s.to_string();
    let mut quotes = Vec::new();
    let mut from = 0;
    while let Some(open) = s[from..].find('“').map(|o| o + from) {
        let close = s[open..].find('”').unwrap() + open + '”'.len_utf8();
        let inner = open + '“'.len_utf8()..close - '”'.len_utf8();
        masked.replace_range(inner.clone(), &" ".repeat(inner.len()));
        quotes.push(open..close);
        from = close;
    }
    attribute(&masked, &quotes[n]).map(|a| a.speaker)
}

#[test]
fn a_set_phrase_opening_the_sentence_is_no_speaker() {
    let s = "To wit, Walsh told the paper that Dunn “had a crazy plan,” adding, “He lost.”";
    assert_eq!(speaker_of(s, 1).as_deref(), Some("Walsh"));
    // A person the sentence's view is given to is its subject.
    let r = |s: &str| sentence_subject(s).map(|r| s[r].to_string());
    assert_eq!(
        r("To Florida consultant Wilson, the party line is silly.").as_deref(),
        Some("Wilson")
    );
    assert_eq!(r("To be sure, Wilson is right.").as_deref(), Some("Wilson"));
}

#[test]
fn party_and_state_tags_close_the_name() {
    assert_eq!(
        speaker("Tuesday on the radio, while discussing a tweet, Rep. Jane Roe (R-Utah) said “the bill is dead.”").as_deref(),
        Some("Rep. Jane Roe")
    );
    assert_eq!(
        speaker("Sen. Al Dunn (D-Mo.) said “we will vote no.”").as_deref(),
        Some("Sen. Al Dunn")
    );
}

#[test]
fn the_person_before_an_affiliation() {
    assert_eq!(
        speaker(
            "“It is a stretch,” Jeffrey Lim of the James Center for Arms Studies wrote in May."
        )
        .as_deref(),
        Some("Jeffrey Lim")
    );
    assert_eq!(
        speaker("“It is a stretch,” Ada Brill at Oakford University said.").as_deref(),
        Some("Ada Brill")
    );
    // One capitalised word before "for" is no person.
    assert_ne!(
        speaker("“It is a stretch,” the Center for Arms Studies wrote.").as_deref(),
        Some("Center")
    );
    let r = |s: &str| sentence_subject(s).map(|r| s[r].to_string());
    assert_eq!(
        r("At Boca Vista, where it costs $70,000 to join, Jay Dunn said no.").as_deref(),
        Some("Jay Dunn")
    );
}

#[test]
fn a_day_after_said_is_no_speaker() {
    assert_eq!(
        speaker("“No troops,” Ben Roe, the mayor's deputy, said Sunday.").as_deref(),
        Some("Ben Roe")
    );
    assert_eq!(
        speaker("“A fine plan,” since so many voted for it, said Lee Dunn, who teaches law.")
            .as_deref(),
        Some("Lee Dunn")
    );
    assert_eq!(
        speaker("“Why now?” Beck questioned.").as_deref(),
        Some("Beck")
    );
}

#[test]
fn reported_speech_names_its_speaker_before_an_apposition() {
    let r = |s: &str| reported_speaker(s).map(|r| s[r].to_string());
    assert_eq!(
        r("Nor will tariffs bring the jobs back, said Dan Auer, a professor at Tech, who knows.")
            .as_deref(),
        Some("Dan Auer")
    );
    assert_eq!(
        r("Jobs will come back, said Dan Auer.").as_deref(),
        Some("Dan Auer")
    );
    // A name in a clause after the verb is no speaker of the sentence.
    assert_eq!(
        r("Dan Auer said Tuesday that Ada Brill, the mayor, agreed."),
        None
    );
}

#[test]
fn the_person_a_sentence_turns_to() {
    let r = |s: &str| topic_of(s).map(|r| s[r].to_string());
    assert_eq!(
        r("As for Walsh, he said he is not worried.").as_deref(),
        Some("Walsh")
    );
    assert_eq!(r("As for the polls, he said they are wrong."), None);
    assert_eq!(r("Walsh said he is not worried."), None);
}
