//! Merging rules, on small articles written here.

use crate::corpus::{Article, article_from_text};
use crate::extract::entities::EntitiesFile;
use crate::extract::extract;
use crate::text::normalize;
use crate::timeline::{Event, SourceKind, Timeline, build};

fn articles(texts: &[&str]) -> Vec<Article> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let body =
                format!("---\ntitle: T{i}\noutlet: Outlet {i}\npublished: 2017-11-13\n---\n{t}");
            article_from_text(format!("a{i}.txt"), format!("a{i}.txt").into(), body, false).0
        })
        .collect()
}

fn timeline(texts: &[&str]) -> Timeline {
    let arts = articles(texts);
    let ex = extract(&arts, &EntitiesFile::default());
    build(&arts, &ex)
}

fn event<'a>(t: &'a Timeline, words: &str) -> &'a Event {
    let want = normalize(words);
    let hits: Vec<&Event> = t
        .events
        .iter()
        .filter(|e| normalize(&e.text).contains(&want))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "events with “{words}”: {:?}",
        t.events.iter().map(|e| &e.text).collect::<Vec<_>>()
    );
    hits[0]
}

#[test]
fn punctuation_case_sic_and_ellipses_do_not_split_a_message() {
    let t = timeline(&[
        "On October 12, 2016, WikiLeaks wrote: “Strongly suggest your dad tweets this link if he mentions us. There’s many great stories the press are missing and we’re sure some of your follows [sic] will find it.”",
        "On Oct. 12, 2016, WikiLeaks wrote: \"strongly suggest your dad tweets this link if he mentions us ... there's many great stories there the press are missing and we're sure some of your follows will find it\"",
    ]);
    let e = event(&t, "Strongly suggest your dad");
    assert_eq!(e.sources.len(), 2);
    let diffs: Vec<_> = e.sources.iter().flat_map(|s| &s.differences).collect();
    // The longer wording is canonical; the other source leaves out its extra "there".
    assert!(normalize(&e.text).contains("stories there the press"));
    assert!(
        diffs
            .iter()
            .any(|d| d.canonical == "there" && d.source.is_empty()),
        "{diffs:?}"
    );
    assert_eq!(diffs.len(), 1, "nothing but that word differs: {diffs:?}");
}

#[test]
fn different_messages_of_one_sender_minutes_apart_stay_two_events() {
    let t = timeline(&[
        "On October 3, 2016, Trump Jr. wrote: “Already did that earlier today.” Two minutes later he wrote: “What is behind this Wednesday leak?”",
        "Trump Jr. answered on October 3, 2016: “Already did that earlier today.” He then asked: “What is behind this Wednesday leak?”",
    ]);
    let a = event(&t, "Already did that");
    let b = event(&t, "Wednesday leak");
    assert_ne!(a.id, b.id);
    assert_eq!(a.sources.len(), 2);
    assert_eq!(b.sources.len(), 2);
}

#[test]
fn a_fragment_joins_the_one_message_that_holds_it() {
    let t = timeline(&[
        "On October 21, 2016, WikiLeaks wrote: “If we publish them it will dramatically improve the perception of our impartiality.”",
        "On November 8, 2016, WikiLeaks wrote: “We think it is much more interesting if he does not concede.”",
        "WikiLeaks said publishing would “improve the perception of impartiality” for the group.",
    ]);
    let tax = event(&t, "perception of our impartiality");
    assert!(tax.sources.iter().any(|s| s.kind == SourceKind::Fragment));
    let concede = event(&t, "does not concede");
    assert_eq!(concede.sources.len(), 1);
}

#[test]
fn sources_that_disagree_on_the_date_keep_both_versions() {
    let t = timeline(&[
        "On October 12, 2016, WikiLeaks wrote: “Hey Donald, great to see you and your dad talking about our publications.”",
        "On October 13, 2016, WikiLeaks wrote: “Hey Donald, great to see you and your dad talking about our publications.”",
    ]);
    let e = event(&t, "Hey Donald");
    assert_eq!(e.date_versions.len(), 2);
    assert_eq!(e.when.unwrap().date.to_string(), "2016-10-12");
}

#[test]
fn common_short_phrases_of_different_people_do_not_merge() {
    let t = timeline(&[
        "On May 1, 2016, Mr Brown said: “We are very pleased.”",
        "On May 1, 2016, Ms Green said: “We are very pleased.”",
    ]);
    assert_eq!(t.events.len(), 2);
}

#[test]
fn an_unmarked_block_is_found_by_its_wording() {
    let t = timeline(&[
        "On October 12, 2016, WikiLeaks wrote: “Strongly suggest your dad tweets this link if he mentions us. There are many great stories the press are missing.”",
        "WikiLeaks DMed Trump Jr. again, suggesting he tweet out the link\nStrongly suggest your dad tweets this link if he mentions us. There are many great stories the press are missing.",
    ]);
    let e = event(&t, "Strongly suggest");
    assert!(
        e.sources
            .iter()
            .any(|s| s.kind == SourceKind::Unquoted && s.article == 1)
    );
}

#[test]
fn a_public_post_quoted_in_a_story_about_private_messages_stays_public() {
    let t = timeline(&[
        "On October 14, 2016, Jane Roe tweeted: “Everyone should read these documents about the harbor budget right now.”",
        "John Smith sent Jane Roe a private message on October 12, 2016. On October 14, 2016, Jane Roe wrote to John Smith: “Everyone should read these documents about the harbor budget right now.”",
    ]);
    let e = event(&t, "Everyone should read these documents");
    assert_eq!(e.sources.len(), 2);
    assert_eq!(
        e.channel,
        Some(crate::extract::channel::Channel::Tweet),
        "{e:?}"
    );
    // The public or a person, never both.
    assert_eq!(e.recipients, [crate::extract::Party::Public]);
}

#[test]
fn matching_once_per_wording_gives_the_timeline_of_matching_per_copy() {
    use crate::progress::LoadProgress;
    use crate::timeline::build::build_grouped;
    use crate::timeline::words::Grouping;
    let message = "“We have an unusual idea: leak us one or more of your father’s tax returns, it will dramatically improve the perception of our impartiality,” WikiLeaks wrote on October 21, 2016.";
    let fragment = "The group said it would “improve the perception of our impartiality” and more.";
    let block = "Leak us one or more of your father’s tax returns, it will dramatically improve the perception of our impartiality";
    let other = "“Off the record I don’t know who that is but I’ll ask around,” Trump Jr. replied on September 21, 2016.";
    let short = "“Sounds great,” he said.";
    let texts = [
        message.to_string(),
        format!("{other}\n\n{fragment}"),
        format!("{block}\n\n{short}"),
        format!("{message}\n\n{short}\n\n{other}"),
        format!("{fragment}\n\n{block}"),
        message.replace("October 21", "October 25"),
        format!("{short}\n\n{message}"),
    ];
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let arts = articles(&refs);
    let ex = extract(&arts, &EntitiesFile::default());
    let json = |t: &Timeline| serde_json::to_string(&(&t.events, &t.quote_event)).unwrap();
    let grouped = build_grouped(&arts, &ex, &LoadProgress::default(), Grouping::ByWording);
    let per_copy = build_grouped(&arts, &ex, &LoadProgress::default(), Grouping::PerUnit);
    assert!(json(&grouped) == json(&per_copy));
    // Copies did merge: some event has several sources, one of them a fragment or block.
    assert!(grouped.events.iter().any(|e| e.sources.len() >= 3
        && e.sources.iter().any(|s| s.kind != SourceKind::Quoted)));
}
