//! Tests of names.
use super::*;

fn names(text: &str) -> Vec<String> {
    find_names(text, 0).into_iter().map(|n| n.text).collect()
}

#[test]
fn suffixes_and_possessives() {
    assert_eq!(
        names("Trump Jr.’s lawyers met Donald Trump Jr. today."),
        vec!["Trump Jr.", "Donald Trump Jr."]
    );
    assert_eq!(
        names("does Trump, Jr. rebuff Wikileaks"),
        vec!["Trump, Jr.", "Wikileaks"]
    );
}

#[test]
fn sentence_openers_and_titles_are_peeled() {
    assert_eq!(
        names("The Atlantic’s Julia Ioffe wrote"),
        vec!["Atlantic", "Julia Ioffe"]
    );
    let m = find_names("Ms Hewitt told GMTV's Sunday programme", 0);
    assert_eq!(m[0].text, "Hewitt");
    assert!(m[0].titled);
    assert_eq!(
        names("On October 3, 2016, WikiLeaks wrote"),
        vec!["WikiLeaks"]
    );
}

#[test]
fn a_full_stop_ends_a_name() {
    assert_eq!(names("the Mac Mini. The EFF said"), vec!["Mac Mini", "EFF"]);
    assert_eq!(
        names("Donald Trump Jr. had direct contact"),
        vec!["Donald Trump Jr."]
    );
    // In a Title Case headline the run is no name at all, never one long one.
    assert!(names("Donald Trump Jr. Had Direct Contact").is_empty());
}

#[test]
fn titles_inside_a_run_are_cut_off() {
    let m = find_names("said French Finance Minister Edouard Balladur today", 0);
    assert_eq!(m[0].text, "Edouard Balladur");
    assert!(m[0].titled);
    assert_eq!(names("Posted Nov. 14, 2017 by Jane Roe"), vec!["Jane Roe"]);
}

#[test]
fn honorifics_mark_gender() {
    let m = find_names(
        "said Mr. Ryan and Ms. Gil, with Mrs. Ann Lee and Tom Hale",
        0,
    );
    let g: Vec<(String, Option<Gender>)> = m.into_iter().map(|n| (n.text, n.gender)).collect();
    assert_eq!(
        g,
        vec![
            ("Ryan".to_string(), Some(Gender::Male)),
            ("Gil".to_string(), Some(Gender::Female)),
            ("Ann Lee".to_string(), Some(Gender::Female)),
            ("Tom Hale".to_string(), None),
        ]
    );
}

#[test]
fn headlines_and_descriptors_are_not_names() {
    // A Title Case headline gives the names in it, never itself as one long name.
    assert_eq!(
        names("Jane Roe Scores Direct Hit On Tom Hale"),
        vec!["Tom Hale"]
    );
    let headline = names("Why The Senate Will Never Pass This Bill Again");
    assert!(headline.iter().all(|n| !n.contains(' ')), "{headline:?}");
    // Party and other descriptors before a person's name are not part of it; before an
    // organisation's they are.
    assert_eq!(names("said Democrat Ann Lee today"), vec!["Ann Lee"]);
    assert_eq!(
        names("Person of the Year Ann Lee"),
        vec!["Person", "Ann Lee"]
    );
    assert_eq!(
        names("a Republican National Committee memo"),
        vec!["Republican National Committee"]
    );
    assert_eq!(
        names("Senate Majority Leader Mitch Moody spoke"),
        vec!["Mitch Moody"]
    );
    assert!(names("Despite Tom Hale, nobody came").contains(&"Tom Hale".to_string()));
    assert_eq!(
        names("Novelist Ann Lee Moss wrote it"),
        vec!["Ann Lee Moss"]
    );
    assert!(names("I'm old enough to remember it").is_empty());
}

#[test]
fn sentence_full_stop_is_not_part_of_a_name() {
    assert_eq!(names("a message to WikiLeaks."), vec!["WikiLeaks"]);
    assert_eq!(names("They met U.S. officials"), vec!["U.S."]);
}

#[test]
fn handles_and_urls_are_not_names() {
    assert!(names("@wikileaks and http://wlsearch.tk/").is_empty());
}

#[test]
fn first_names_that_mark_a_sex_mark_the_person() {
    let m = find_names(
        "Janet Pell met Peter Sorn and Jordan Blake, then Pat Ruiz.",
        0,
    );
    let g: Vec<(&str, Option<Gender>)> = m
        .iter()
        .map(|n| (n.text.as_str(), n.given_gender))
        .collect();
    assert_eq!(
        g,
        vec![
            ("Janet Pell", Some(Gender::Female)),
            ("Peter Sorn", Some(Gender::Male)),
            ("Jordan Blake", None),
            ("Pat Ruiz", None),
        ]
    );
    // A lone first name may be a surname: it marks nothing.
    assert_eq!(Gender::of_first_name("Janet"), Some(Gender::Female));
    assert_eq!(
        find_names("It was Peter.", 0)
            .first()
            .and_then(|n| n.given_gender),
        None
    );
}

/// The key as first written, char by char, that the byte path for ASCII names must agree with.
fn name_key_by_chars(name: &str) -> String {
    let mut words: Vec<String> = Vec::new();
    for w in name.split(char::is_whitespace) {
        let word: String = w
            .chars()
            .filter(|c| !matches!(c, '.' | ','))
            .flat_map(char::to_lowercase)
            .map(|c| if c == '’' { '\'' } else { c })
            .collect();
        if !word.is_empty() {
            words.push(word);
        }
    }
    let mut first = 0;
    while first + 1 < words.len() && is_title(&words[first]) {
        first += 1;
    }
    words[first.min(words.len())..].join(" ")
}

proptest::proptest! {
    #[test]
    fn name_key_agrees_with_the_char_by_char_key(pieces in proptest::collection::vec(
        proptest::sample::select(vec![
            "President", "Sen.", "Mr", "Trump", "Jr.", ",", ".", " ", "\t", "\u{0B}", "\u{a0}",
            "\u{1F}", "O’Brien", "O'Brien", "É", "İ", "x", "  ",
        ]),
        0..8,
    )) {
        let name: String = pieces.concat();
        proptest::prop_assert_eq!(name_key(&name), name_key_by_chars(&name));
    }

    #[test]
    fn first_name_gender_reads_any_case(name in "[A-Za-z]{1,22}") {
        proptest::prop_assert_eq!(
            Gender::of_first_name(&name),
            Gender::of_first_name(&name.to_uppercase()),
        );
    }
}
