//! Tests of segment.
use super::*;

fn paras(text: &str) -> Vec<&str> {
    paragraphs(text, 0).into_iter().map(|r| &text[r]).collect()
}

fn sents(s: &str) -> Vec<&str> {
    split_sentences(s, 0..s.len())
        .into_iter()
        .map(|r| &s[r])
        .collect()
}

#[test]
fn one_paragraph_a_line_with_and_without_blank_lines() {
    let long = "word ".repeat(40);
    let text = format!("Title here\n\n{long}\n{long}\n\n  {long}\n");
    let p = paras(&text);
    assert_eq!(p.len(), 4);
    assert_eq!(p[0], "Title here");
    assert_eq!(p[3], long.trim());
}

#[test]
fn indented_comment_lines_are_not_wrapped() {
    let long = "This comment line is long enough to be a paragraph of its own. ".repeat(3);
    let text =
        format!("{long}\n\n  1. Mikey says:\n\n    {long}\n    Short next line.\n    {long}\n");
    let p = paras(&text);
    assert_eq!(p.len(), 5);
    assert_eq!(p[1], "1. Mikey says:");
    assert_eq!(p[3], "Short next line.");
}

#[test]
fn hard_wrapped_wire_copy_is_joined() {
    let text = "If the dollar goes the way of Wall Street,\n\
        Japanese will finally move out of dollar investments in a\n\
        serious way, Japan investment managers say.\n\
        \x20   The Japanese, the dominant foreign investors in U.S. Dollar\n\
        securities, have already sold U.S. Equities.\n\
        \x20REUTER\n";
    let p = paras(text);
    assert_eq!(p.len(), 3);
    assert!(p[0].starts_with("If the dollar") && p[0].ends_with("managers say."));
    assert!(p[0].contains("Street,\nJapanese"));
    assert_eq!(p[2], "REUTER");
}

#[test]
fn wrapped_text_with_blank_lines_tables_and_lists() {
    let text = "A first paragraph of wrapped text that goes on for a\n\
        while and then ends here.\n\n\
        A second paragraph, also wrapped at about sixty columns or\nso, ends now.\n\
        - a list item that is short\n- another item\n\
        \x20   Net 3,110,000 vs 1,286,000\n    Revs 112.7 mln vs 93.8 mln\n";
    let p = paras(text);
    assert_eq!(p.len(), 6, "{p:?}");
    assert_eq!(p[4], "Net 3,110,000 vs 1,286,000");
}

#[test]
fn crlf_and_lone_cr_lines() {
    let text = "Title\r\n\r\nFirst paragraph.\r\nSecond paragraph.\r\n";
    assert_eq!(
        paras(text),
        ["Title", "First paragraph.", "Second paragraph."]
    );
    assert_eq!(paras("One.\rTwo."), ["One.", "Two."]);
}

#[test]
fn ranges_are_absolute_and_survive_odd_input() {
    let text = "---\nx: y\n---\n  émoji 😀 line  \n";
    let r = paragraphs(text, 13);
    assert_eq!(&text[r[0].clone()], "émoji 😀 line");
    assert!(paragraphs(text, 999).is_empty());
    assert!(paragraphs("😀", 1).is_empty());
    assert!(split_sentences("😀", 1..4).is_empty());
    let long = "x".repeat(100_000);
    assert_eq!(paragraphs(&long, 0).len(), 1);
    assert_eq!(paras("\u{1}\u{2}\n\n\t\n"), ["\u{1}\u{2}"]);
}

/// Asserts that `input` splits into the `|`-separated sentences of `expected`.
fn check(input: &str, expected: &str) {
    let want: Vec<&str> = expected.split('|').collect();
    assert_eq!(sents(input), want, "{input:?}");
}

#[test]
fn sentences_basic_and_absolute() {
    let text = "xx One two. Three four! Five? six.";
    let r = split_sentences(text, 3..text.len());
    let got: Vec<&str> = r.iter().map(|r| &text[r.clone()]).collect();
    assert_eq!(got, ["One two.", "Three four!", "Five? six."]);
    check("Congrats! 😀", "Congrats! 😀");
}

#[test]
fn sentences_abbreviations_initials_numbers() {
    check(
        "Mr. Smith met Dr. Jones at St. Paul's. They left.",
        "Mr. Smith met Dr. Jones at St. Paul's.|They left.",
    );
    check(
        "J. K. Rowling wrote it. It sold.",
        "J. K. Rowling wrote it.|It sold.",
    );
    check(
        "Donald Trump Jr. Had Direct Contact",
        "Donald Trump Jr. Had Direct Contact",
    );
    check(
        "It messaged Trump Jr. The next day.",
        "It messaged Trump Jr.|The next day.",
    );
    check(
        "It fell 3.85 pct in the U.S. Dollar, e.g. bonds.",
        "It fell 3.85 pct in the U.S. Dollar, e.g. bonds.",
    );
    check(
        "A pound bought $1.9094. Oil rose. He ran 7.09secs. World record.",
        "A pound bought $1.9094.|Oil rose.|He ran 7.09secs.|World record.",
    );
    check(
        "It came on Oct. 12 and in Sept. 2016 too. Then it stopped.",
        "It came on Oct. 12 and in Sept. 2016 too.|Then it stopped.",
    );
    check(
        "Pears, etc. are fruit. Acme Inc. said so.",
        "Pears, etc. are fruit.|Acme Inc. said so.",
    );
}

#[test]
fn sentences_urls_domains_ellipses() {
    check(
        "See putintrump.org and http://wlsearch.tk/ now. Done.",
        "See putintrump.org and http://wlsearch.tk/ now.|Done.",
    );
    check(
        "Suggest it. ... there's more… and more",
        "Suggest it. ... there's more… and more",
    );
    check(
        "He waited... The door opened.",
        "He waited...|The door opened.",
    );
}

#[test]
fn sentences_and_quotations() {
    check(
        "He wrote: “Off the record I’ll ask around. Thanks.” He left.",
        "He wrote: “Off the record I’ll ask around. Thanks.”|He left.",
    );
    check(
        "“Hi Don. Sorry to hear,” Wikileaks wrote. Then nothing.",
        "“Hi Don. Sorry to hear,” Wikileaks wrote.|Then nothing.",
    );
    check(
        "He said \"Go. Now.\" She went. \"Why?\" \"Because.\"",
        "He said \"Go. Now.\"|She went.|\"Why?\"|\"Because.\"",
    );
    check(
        "It rose (as expected.) Then fell.",
        "It rose (as expected.)|Then fell.",
    );
    check(
        "An “unclosed quote. Still splits.",
        "An “unclosed quote.|Still splits.",
    );
    // A quotation followed by its attribution is one sentence.
    check(
        "“Hope you’re doing well!” Wikileaks wrote on December 16. Then nothing.",
        "“Hope you’re doing well!” Wikileaks wrote on December 16.|Then nothing.",
    );
    check(
        "“Wow.” He went on to say more.",
        "“Wow.” He went on to say more.",
    );
}

#[test]
fn sentences_across_wrapped_lines_and_cjk() {
    check(
        "It rose\nsharply. The\n  dollar fell.",
        "It rose\nsharply.|The\n  dollar fell.",
    );
    check("你好。世界！", "你好。|世界！");
}
