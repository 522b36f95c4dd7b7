//! Publication date, URL and outlet read from articles without front matter: texts written
//! for these tests in the shapes saved pages and wire copy have.

use super::*;

/// A paragraph of web copy, longer than a wrapped line: with it, the texts below (where `¶`
/// stands for it) read one paragraph a line, as pages saved as text do.
const PROSE: &str = "The council met for three hours, heard from dozens of residents and approved the plan by a vote of six to three.";

/// `text` with each `¶` made a paragraph of [`PROSE`].
fn prose(text: &str) -> String {
    text.replace('¶', PROSE)
}

/// The metadata of `text` read as an article without front matter.
fn meta(text: &str) -> ArticleMeta {
    let mut m = ArticleMeta::default();
    fill_from(text, &mut m);
    m
}

/// [`fill`] on the paragraphs the loader finds in `text`.
fn fill_from(text: &str, m: &mut ArticleMeta) {
    let text = prose(text);
    let paragraphs = crate::corpus::paragraph_ranges(&text, 0);
    fill(&text, &paragraphs, "saved/article.txt", m);
}

fn dated(text: &str) -> Option<(String, DateSource)> {
    let m = meta(text);
    Some((m.published?.display(), m.published_from?))
}

#[test]
fn date_and_outlet_from_a_source_line() {
    let text = "Harbor board delays the vote\n\n\
        Source: https://www.example-news.com/local/2017/11/14/harbor-board-delays-vote/\n\n\
        ¶\n";
    let m = meta(text);
    assert_eq!(
        m.url.as_deref(),
        Some("https://www.example-news.com/local/2017/11/14/harbor-board-delays-vote/")
    );
    assert_eq!(m.outlet.as_deref(), Some("example-news.com"));
    assert_eq!(m.published.unwrap().display(), "2017-11-14");
    assert_eq!(m.published_from, Some(DateSource::Url));
}

#[test]
fn url_forms_of_a_date() {
    let day = |u: &str| date_of_url(u).map(|w| w.display());
    assert_eq!(
        day("https://a.example/2017/11/14/slug").as_deref(),
        Some("2017-11-14")
    );
    assert_eq!(
        day("https://a.example/news/20171114-slug.html").as_deref(),
        Some("2017-11-14")
    );
    assert_eq!(
        day("https://a.example/news/slug-2017-11-14").as_deref(),
        Some("2017-11-14")
    );
    assert_eq!(
        day("https://a.example/2017/11/slug").as_deref(),
        Some("2017-11")
    );
    // An id that holds digits, a date in the query, a year alone, an impossible day: none.
    assert_eq!(day("https://a.example/story/201711145531"), None);
    assert_eq!(day("https://a.example/story?d=2017-11-14"), None);
    assert_eq!(day("https://a.example/2016-election/slug"), None);
    assert_eq!(day("https://a.example/2017/02/30/slug"), None);
    assert_eq!(day("https://2017/11/14.example"), None);
}

#[test]
fn a_bare_url_on_the_first_or_last_line() {
    let first = "https://www.example-daily.com/2016/03/02/mayor-race\n\nMayor race tightens\n\n¶\n";
    assert_eq!(meta(first).outlet.as_deref(), Some("example-daily.com"));
    assert_eq!(dated(first), Some(("2016-03-02".into(), DateSource::Url)));
    let last = "Mayor race tightens\n\n¶\n\nhttps://example-daily.com/2016/03/02/mayor-race\n";
    assert_eq!(dated(last), Some(("2016-03-02".into(), DateSource::Url)));
    // A list of links at the bottom (a text dump's references) names no page.
    let listed = "Mayor race tightens\n\n¶\n\n\
        https://example.org/2015/01/01/a\nhttps://example.org/2015/02/02/b\n";
    assert_eq!(meta(listed).url, None);
    // A link inside the story is not the page's.
    let inline =
        "Mayor race tightens\n\nRead the filing at https://example.org/2015/01/01/a today.\n\n¶\n";
    assert_eq!(meta(inline).url, None);
    assert_eq!(dated(inline), None);
}

#[test]
fn published_and_updated_lines() {
    let text = "Council approves budget\n\nPublished 3:04 PM ET Tue, 14 Nov 2017\n\n\
        ¶\n";
    assert_eq!(
        dated(text),
        Some(("2017-11-14".into(), DateSource::PublishedLine))
    );
    let text = "Council approves budget\nUpdated: Nov. 14, 2017 at 5:01 p.m.\n¶\n";
    assert_eq!(
        dated(text),
        Some(("2017-11-14".into(), DateSource::PublishedLine))
    );
    // "Published" wins over "Updated", on one line or on two.
    let text = "Council approves budget\nUpdated Nov. 16, 2017 | Published Nov. 14, 2017\n¶\n";
    assert_eq!(dated(text).unwrap().0, "2017-11-14");
    let text = "Council approves budget\nLast updated: 16 November 2017\nPosted on November 14, 2017 by Jane Roe\n¶\n";
    assert_eq!(dated(text).unwrap().0, "2017-11-14");
    // A byline with a date after a separator; a numeric date only when unambiguous.
    let text = "Council approves budget\nBy Jane Roe | November 14, 2017\n¶\n";
    assert_eq!(dated(text).unwrap().0, "2017-11-14");
    let text = "Council approves budget\nPublished: 11/14/2017\n¶\n";
    assert_eq!(dated(text).unwrap().0, "2017-11-14");
    let text = "Council approves budget\nPublished: 03/04/2017\n¶\n";
    assert_eq!(dated(text), None);
    // A sentence that opens with "Posted" tells a story, not the page's date.
    let text = "Video spreads\nPosted on social media on Oct. 3, 2017, the video spread.\n¶\n";
    assert_eq!(dated(text), None);
}

#[test]
fn wire_datelines() {
    let text = "Senate passes bill\n\n\
        WASHINGTON, Nov 14 (Reuters) - The U.S. Senate passed the bill on Tuesday.\n\n\
        © 2017 Example Wire\n";
    let m = meta(text);
    assert_eq!(m.published.unwrap().display(), "2017-11-14");
    assert_eq!(m.published_from, Some(DateSource::Dateline));
    assert_eq!(m.outlet.as_deref(), Some("Reuters"));
    // With its year, a place with its state, and another agency form.
    let text = "Plant opens\nPortland, Ore., May 3, 2016 /PRNewswire/ -- ¶\n";
    let m = meta(text);
    assert_eq!(m.published.unwrap().display(), "2016-05-03");
    assert_eq!(m.outlet.as_deref(), Some("PRNewswire"));
    // A year-less dateline takes the year of the URL, nearest to its date.
    let text = "Plant opens\nBERLIN, Dec 31 (Reuters) - ¶\n\
        Source: https://example.com/2018/01/02/plant-opens\n";
    assert_eq!(
        dated(text),
        Some(("2017-12-31".into(), DateSource::Dateline))
    );
    // Without any year it gives no date, but the agency still names the outlet.
    let text = "Plant opens\nBERLIN, Dec 31 (Reuters) - ¶\n";
    let m = meta(text);
    assert_eq!(m.published, None);
    assert_eq!(m.outlet.as_deref(), Some("Reuters"));
    let m = meta("Plant opens\nLONDON (AP) — ¶\n");
    assert_eq!((m.published, m.outlet.as_deref()), (None, Some("AP")));
}

#[test]
fn prose_and_headlines_are_no_datelines() {
    for text in [
        "Paris, France, is the capital - and more.\n¶\n",
        "Senator Jane Roe (D-N.Y.) – a profile\n¶\n",
        "Trump (R) - the nominee\n¶\n",
        "Iraq, 2003 - the war\n¶\n",
        "On Nov. 14, 2017, the council voted - narrowly.\n¶\n",
    ] {
        let m = meta(text);
        assert_eq!((m.published, m.outlet.as_deref()), (None, None), "{text:?}");
    }
}

#[test]
fn a_date_alone_near_the_top() {
    for (line, want) in [
        ("14 November 2017", "2017-11-14"),
        ("November 14, 2017", "2017-11-14"),
        ("Tuesday 14 November 2017 10.02 GMT", "2017-11-14"),
        ("Nov. 14, 2017 5:01 PM EST", "2017-11-14"),
    ] {
        let text = format!("Council approves budget\n\n{line}\n\n¶\n");
        assert_eq!(
            dated(&text),
            Some((want.to_string(), DateSource::Dateline)),
            "{line}"
        );
    }
    // A date with other words is a sentence; a date far down the story is the story's.
    assert_eq!(
        dated("Budget\n\nThe vote came on November 14, 2017.\n"),
        None
    );
    let mut far = String::from("Budget\n\n");
    for i in 0..12 {
        far.push_str(&format!("Paragraph {i} of the story.\n\n"));
    }
    far.push_str("November 14, 2017\n\nMore.\n");
    assert_eq!(dated(&far), None);
}

#[test]
fn order_of_trust() {
    // A "Published" line beats a dateline, which beats the URL.
    let text = "Budget\nSource: https://example.com/2017/11/10/budget\n\
        Published: Nov. 14, 2017\nWASHINGTON, Nov 13 (Reuters) - ¶\n";
    assert_eq!(
        dated(text),
        Some(("2017-11-14".into(), DateSource::PublishedLine))
    );
    let text = "Budget\nSource: https://example.com/2017/11/10/budget\n\
        WASHINGTON, Nov 13 (Reuters) - ¶\n";
    assert_eq!(
        dated(text),
        Some(("2017-11-13".into(), DateSource::Dateline))
    );
    // The front matter beats them all; its URL dates an article it leaves undated.
    let mut m = ArticleMeta {
        published: When::parse_iso("2017-11-01"),
        published_from: Some(DateSource::FrontMatter),
        ..ArticleMeta::default()
    };
    fill_from("Budget\nPublished: Nov. 14, 2017\n¶\n", &mut m);
    assert_eq!(m.published.unwrap().display(), "2017-11-01");
    assert_eq!(m.published_from, Some(DateSource::FrontMatter));
    let mut m = ArticleMeta {
        url: Some("https://www.example.com/2017/11/14/budget".into()),
        outlet: Some("Example".into()),
        ..ArticleMeta::default()
    };
    fill_from("Budget\n¶\n", &mut m);
    assert_eq!(m.published.unwrap().display(), "2017-11-14");
    assert_eq!(m.published_from, Some(DateSource::Url));
    assert_eq!(m.outlet.as_deref(), Some("Example"));
}

#[test]
fn a_day_completes_a_month() {
    // Front matter that gives the month only takes the day a less trusted source gives in it.
    let mut m = ArticleMeta {
        published: When::parse_iso("2017-11"),
        published_from: Some(DateSource::FrontMatter),
        ..ArticleMeta::default()
    };
    fill_from("Budget\nWASHINGTON, Nov 14 (Reuters) - ¶\n", &mut m);
    assert_eq!(m.published.unwrap().display(), "2017-11-14");
    assert_eq!(m.published_from, Some(DateSource::Dateline));
    // Not a day in another month.
    let mut m = ArticleMeta {
        published: When::parse_iso("2017-11"),
        published_from: Some(DateSource::FrontMatter),
        ..ArticleMeta::default()
    };
    fill_from("Budget\nWASHINGTON, Dec 14 (Reuters) - ¶\n", &mut m);
    assert_eq!(m.published.unwrap().display(), "2017-11");
    assert_eq!(m.published_from, Some(DateSource::FrontMatter));
    // A URL month is completed by a dateline's day.
    let text = "Budget\nSource: https://example.com/2017/11/budget\nBERLIN, Nov 14 (Reuters) - ¶\n";
    assert_eq!(
        dated(text),
        Some(("2017-11-14".into(), DateSource::Dateline))
    );
}

#[test]
fn the_file_name_last() {
    let named = |id: &str, text: &str| {
        let text = prose(text);
        let mut m = ArticleMeta::default();
        fill(
            &text,
            &crate::corpus::paragraph_ranges(&text, 0),
            id,
            &mut m,
        );
        Some((m.published?.display(), m.published_from?))
    };
    assert_eq!(
        named("example-2017-11-13-council-budget.txt", "Budget\n¶\n"),
        Some(("2017-11-13".into(), DateSource::FileName))
    );
    assert_eq!(
        named("2017/11/13/budget.txt", "Budget\n¶\n"),
        Some(("2017-11-13".into(), DateSource::FileName))
    );
    assert_eq!(
        named("example-2017-11.txt", "Budget\n¶\n"),
        Some(("2017-11".into(), DateSource::FileName))
    );
    // A number that is no date; any other source first; its year for a year-less dateline.
    assert_eq!(named("wire-20001.txt", "Budget\n¶\n"), None);
    assert_eq!(named("wire-19871340.txt", "Budget\n¶\n"), None);
    assert_eq!(
        named(
            "x-2017-11-13.txt",
            "Budget\nSource: https://example.com/2017/11/10/b\n¶\n"
        ),
        Some(("2017-11-10".into(), DateSource::Url))
    );
    assert_eq!(
        named(
            "x-2015-11-20.txt",
            "Budget\n\nNEW YORK, Nov. 19 (UPI) — ¶\n"
        ),
        Some(("2015-11-19".into(), DateSource::Dateline))
    );
}

#[test]
fn a_date_ending_a_hard_wrapped_line_is_no_date_line() {
    // Wire copy wrapped at ~60 columns, paragraphs opening with an indent: the last line of a
    // sentence may be nothing but a date.
    let text = "TRADE BOARD SETS RULES\n\
        The board said its new rules on margins will take effect\n\
        November 15, 2012.\n\
        \x20   Traders had asked for more time to adjust their positions\n\
        before the change, officials at the exchange said on Monday.\n\
        \x20   The board also said it would review the rules next year\n\
        after consulting members of the exchange and its clearing firms.\n";
    assert_eq!(dated(text), None);
}

#[test]
fn never_panics_on_odd_lines() {
    for text in [
        "",
        "\n\n",
        "A\u{2014}",
        "É, — x",
        "WASHINGTON, — (Reuters) -",
        "Published",
        "Published: 99/99/2017",
        "Source: https://",
        "https://x",
        "By Jane | ",
        "X, Nov 31 (Reuters) - text",
    ] {
        let _ = meta(text);
    }
}
