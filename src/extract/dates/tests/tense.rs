//! The tense of a date's clause, on sentences written for these tests.

use super::*;

/// The tense around the first occurrence of `date` in `text`.
fn t(text: &str, date: &str) -> Tense {
    let at = text.find(date).expect("date in text");
    tense_at(text, &(at..at + date.len()))
}

#[test]
fn past_verbs_before_or_after_the_date() {
    assert_eq!(
        t("The mayor said on Dec. 3 that the road is open.", "Dec. 3"),
        Tense::Past
    );
    assert_eq!(
        t("The fair was held on March 9 in the park.", "March 9"),
        Tense::Past
    );
    assert_eq!(
        t("The council on June 2 approved the plan.", "June 2"),
        Tense::Past
    );
    assert_eq!(
        t("Officials have met on April 4 to talk.", "April 4"),
        Tense::Past
    );
    assert_eq!(
        t("He announced his bid on Jan. 12.", "Jan. 12"),
        Tense::Past
    );
    assert_eq!(
        t("She wrote to the board on Feb. 2.", "Feb. 2"),
        Tense::Past
    );
}

#[test]
fn future_verb_groups() {
    assert_eq!(
        t("Voters will go to the polls on Nov. 8.", "Nov. 8"),
        Tense::Future
    );
    assert_eq!(
        t("The vote will be held on Nov. 8.", "Nov. 8"),
        Tense::Future
    );
    assert_eq!(
        t("The debate is scheduled for Oct. 9.", "Oct. 9"),
        Tense::Future
    );
    assert_eq!(
        t("The band plans to tour in Ohio on May 2.", "May 2"),
        Tense::Future
    );
    assert_eq!(
        t("On Nov. 8, voters will choose a mayor.", "Nov. 8"),
        Tense::Future
    );
    assert_eq!(t("We'll know more on Jan. 20.", "Jan. 20"), Tense::Future);
    assert_eq!(
        t(
            "Ahead of the upcoming Nov. 8 vote, polls tightened.",
            "Nov. 8"
        ),
        Tense::Future
    );
    assert_eq!(
        t(
            "The committee said the hearing will start on Sept. 5.",
            "Sept. 5"
        ),
        Tense::Future
    );
}

#[test]
fn conditional_present_and_verbless_are_neutral() {
    assert_eq!(
        t("He said he would decide on July 4.", "July 4"),
        Tense::Neutral
    );
    assert_eq!(t("The deadline is Aug. 1.", "Aug. 1"), Tense::Neutral);
    assert_eq!(t("Nov. 8: the day of the vote.", "Nov. 8"), Tense::Neutral);
    assert_eq!(
        t("The meeting was scheduled for Oct. 2.", "Oct. 2"),
        Tense::Neutral
    );
    assert_eq!(t("She planned to leave on May 9.", "May 9"), Tense::Neutral);
}

#[test]
fn the_clause_of_the_date_decides() {
    // The saying is past; the date belongs to the clause after "that".
    assert_eq!(
        t(
            "The clerk said that ballots will be counted on Nov. 9.",
            "Nov. 9"
        ),
        Tense::Future
    );
    // The date belongs to the saying.
    assert_eq!(
        t(
            "The clerk said, on Nov. 9, that ballots will be counted.",
            "Nov. 9"
        ),
        Tense::Past
    );
    assert_eq!(
        t(
            "The governor, who was elected on Nov. 4, will take office soon.",
            "Nov. 4"
        ),
        Tense::Past
    );
    assert_eq!(
        t("He will leave the city before Dec. 1.", "Dec. 1"),
        Tense::Future
    );
    // An infinitive between the past verb and the date: a plan, not the past.
    assert_eq!(
        t(
            "The union challenged the mayor to debate in the park on May 14.",
            "May 14"
        ),
        Tense::Neutral
    );
    assert_eq!(t("She sent it to him on May 14.", "May 14"), Tense::Past);
    assert_eq!(t("He flew to Denver on May 14.", "May 14"), Tense::Past);
}

#[test]
fn a_participle_takes_the_tense_of_its_auxiliary() {
    // A clause of its own, with no auxiliary: neither past nor to come.
    assert_eq!(
        t(
            "With the May 3 vote looming, the mayor called a meeting.",
            "May 3"
        ),
        Tense::Neutral
    );
    assert_eq!(
        t("The senator was campaigning in Ohio on May 3.", "May 3"),
        Tense::Past
    );
    assert_eq!(
        t(
            "The senator said during a hearing on May 3 that she agreed.",
            "May 3"
        ),
        Tense::Past
    );
}

#[test]
fn adjectives_names_and_compounds_are_not_verbs() {
    assert_eq!(
        t("The expected Nov. 8 result surprised no one.", "Nov. 8"),
        Tense::Past
    );
    assert_eq!(
        t("A so-called summit on March 3 is planned.", "March 3"),
        Tense::Future
    );
    assert_eq!(
        t("United on Oct. 3 is the theme.", "Oct. 3"),
        Tense::Neutral
    );
}
