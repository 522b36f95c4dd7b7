//! Citations of the bundled case's messages, in each style.

use super::*;
use crate::config::CitationStyle;

const URL: &str = "https://www.theatlantic.com/politics/archive/2017/11/the-secret-correspondence-between-donald-trump-jr-and-wikileaks/545738/";

/// The bundled case, its Atlantic article given its URL (the bundled one has none), in a
/// temporary folder that lives as long as the case is used (the articles are read whole).
fn bundled() -> Case {
    let dir = tempfile::tempdir().expect("a temp folder");
    let corpus = dir.path().join("corpus");
    std::fs::create_dir_all(&corpus).expect("corpus");
    for entry in std::fs::read_dir(crate::case::bundled_case_dir().join("corpus")).expect("ls") {
        let path = entry.expect("entry").path();
        let mut text = std::fs::read_to_string(&path).expect("an article");
        if path
            .file_name()
            .is_some_and(|n| n.to_string_lossy().starts_with("atlantic"))
        {
            text = text.replacen(
                "published: 2017-11-13\n",
                &format!("published: 2017-11-13\nurl: {URL}\n"),
                1,
            );
        }
        std::fs::write(corpus.join(path.file_name().expect("a name")), text).expect("written");
    }
    let case = Case::open(dir.path()).expect("the case opens");
    // The case holds the articles' text; the folder may go.
    drop(dir);
    case
}

/// The event "Hiya, it'd be great if you guys could comment on/push this story" and its
/// source in The Atlantic.
fn atlantic_source(case: &Case) -> (&Event, &Source) {
    let event = case
        .timeline
        .events
        .iter()
        .find(|e| e.text.starts_with("Hiya, it’d be great"))
        .expect("the event");
    let source = event
        .sources
        .iter()
        .find(|s| case.articles[s.article].meta.outlet.as_deref() == Some("The Atlantic"))
        .expect("an Atlantic source");
    (event, source)
}

#[test]
fn plain_says_who_to_whom_how_when_and_who_reported_it() {
    let case = bundled();
    let (event, source) = atlantic_source(&case);
    let c = Citation::of_source(&case, event, source);
    let text = c.render(CitationStyle::Plain);
    let url = URL;
    assert!(text.starts_with("“Hiya, it’d be great"), "{text}");
    assert!(
        text.ends_with(&format!(
            "” — WikiLeaks to Donald Trump Jr., direct message, 2016-10-03 (as quoted by The Atlantic, “The Secret Correspondence Between Donald Trump Jr. and WikiLeaks”, 2017-11-13, {url})"
        )),
        "{text}"
    );
}

#[test]
fn markdown_quotes_a_block_and_links_the_article() {
    let case = bundled();
    let (event, source) = atlantic_source(&case);
    let text = Citation::of_event(&case, event, source).render(CitationStyle::Markdown);
    let url = URL;
    let lines: Vec<&str> = text.lines().collect();
    assert!(lines[0].starts_with("> Hiya, it’d be great"), "{text}");
    assert_eq!(lines[lines.len() - 2], ">");
    assert_eq!(
        lines[lines.len() - 1],
        format!(
            "> — WikiLeaks to Donald Trump Jr., direct message, 2016-10-03, as quoted by [The Atlantic, “The Secret Correspondence Between Donald Trump Jr. and WikiLeaks”]({url}), 2017-11-13"
        )
    );
}

#[test]
fn chicago_is_a_note_with_long_dates() {
    let case = bundled();
    let (event, source) = atlantic_source(&case);
    let text = Citation::of_source(&case, event, source).render(CitationStyle::Chicago);
    let url = URL;
    assert!(
        text.ends_with(&format!(
            "” WikiLeaks, direct message to Donald Trump Jr., October 3, 2016, quoted in Julia Ioffe, “The Secret Correspondence Between Donald Trump Jr. and WikiLeaks,” The Atlantic, November 13, 2017, {url}."
        )),
        "{text}"
    );
}

#[test]
fn a_passage_in_no_event_cites_the_article_alone() {
    let case = bundled();
    let (_, source) = atlantic_source(&case);
    let a = &case.articles[source.article];
    let p = &a.paragraphs[a.paragraphs.len() / 2];
    let c = Citation::of_passage(&case, source.article, std::slice::from_ref(&p.range), None);
    let text = c.render(CitationStyle::Plain);
    assert!(
        text.ends_with(&format!(
            "” — The Atlantic, “The Secret Correspondence Between Donald Trump Jr. and WikiLeaks”, 2017-11-13, {URL}"
        )),
        "{text}"
    );
    assert!(!text.contains("as quoted by"), "no message: {text}");
}

#[test]
fn a_message_dated_only_by_its_article_gets_no_date_of_its_own() {
    let case = bundled();
    let event = case
        .timeline
        .events
        .iter()
        .find(|e| e.date_basis == Some(DateBasis::Publication) && !e.sources.is_empty())
        .expect("an event dated by publication");
    let c = Citation::of_event(&case, event, &event.sources[0]);
    assert_eq!(c.date, None);
    assert!(c.published.is_some());
}
