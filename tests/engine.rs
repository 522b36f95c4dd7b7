//! The engine end to end, as a library: the bundled seed case and articles it has never seen.

mod support;

use casefile::Case;
use casefile::corpus::Section;
use casefile::extract::Party;
use casefile::extract::channel::Channel;
use casefile::text::normalize;
use casefile::timeline::Event;
use casefile::when::Precision;

fn event<'a>(case: &'a Case, words: &str) -> &'a Event {
    let want = normalize(words);
    let hits: Vec<&Event> = case
        .timeline
        .events
        .iter()
        .filter(|e| normalize(&e.text).contains(&want))
        .collect();
    assert_eq!(
        hits.len(),
        1,
        "expected one event with “{words}”, found {}: {:#?}",
        hits.len(),
        hits.iter().map(|e| &e.text).collect::<Vec<_>>()
    );
    hits[0]
}

fn date(e: &Event) -> String {
    e.when.expect("dated").date.to_string()
}

fn sender(case: &Case, e: &Event) -> String {
    case.sender_name(e)
}

fn recipients(case: &Case, e: &Event) -> Vec<String> {
    e.recipients.iter().map(|r| case.party_name(r)).collect()
}

fn outlets(case: &Case, e: &Event) -> Vec<String> {
    let mut o: Vec<String> = e
        .sources
        .iter()
        .filter(|s| s.section == Section::Body)
        .map(|s| case.articles[s.article].outlet_or_unknown().to_string())
        .collect();
    o.sort();
    o.dedup();
    o
}

#[test]
fn seed_messages_are_single_events_with_date_sender_and_sources() {
    let case = Case::open(&support::bundled()).unwrap();
    let wl = "WikiLeaks";
    let jr = "Donald Trump Jr.";

    let pac = event(&case, "We have guessed the password");
    assert_eq!(date(pac), "2016-09-20");
    assert_eq!(sender(&case, pac), wl);
    assert_eq!(outlets(&case, pac), vec!["The Atlantic", "Vox"]);

    let reply = event(&case, "Off the record I don’t know who that is");
    assert_eq!(date(reply), "2016-09-21");
    assert_eq!(sender(&case, reply), jr);
    assert_eq!(outlets(&case, reply), vec!["The Atlantic", "Vox"]);

    let hiya = event(&case, "comment on push this story");
    assert_eq!(date(hiya), "2016-10-03");
    assert_eq!(sender(&case, hiya), wl);

    let already = event(&case, "Already did that earlier today");
    assert_eq!(date(already), "2016-10-03");
    assert_eq!(sender(&case, already), jr);
    assert_eq!(
        outlets(&case, already),
        vec!["Mediaite", "The Atlantic", "Vox"]
    );

    // Sent two minutes after the previous one, by the same person: a different message.
    let leak = event(&case, "What’s behind this Wednesday leak");
    assert_ne!(leak.id, already.id);
    assert_eq!(date(leak), "2016-10-03");
    assert_eq!(sender(&case, leak), jr);
    assert_eq!(
        outlets(&case, leak),
        vec!["Outside the Beltway", "The Atlantic", "Vox"]
    );

    let link = event(&case, "Strongly suggest your dad tweets this link");
    assert_eq!(date(link), "2016-10-12");
    assert_eq!(sender(&case, link), wl);
    assert_eq!(
        outlets(&case, link),
        vec!["Outside the Beltway", "The Atlantic", "Vox"]
    );

    let tweet = event(
        &case,
        "For those who have the time to read about all the corruption",
    );
    assert_eq!(date(tweet), "2016-10-14");
    assert_eq!(sender(&case, tweet), jr);
    assert_eq!(tweet.channel, Some(Channel::Tweet));

    let tax = event(&case, "Leak us one or more of your father’s tax returns");
    assert_eq!(date(tax), "2016-10-21");
    assert_eq!(sender(&case, tax), wl);
    assert_eq!(outlets(&case, tax), vec!["Mediaite", "The Atlantic", "Vox"]);

    let loses = event(&case, "if your father ‘loses’");
    assert_eq!(date(loses), "2016-11-08");
    assert_eq!(loses.when.unwrap().time.unwrap().to_string(), "18:35:00");

    let wow = event(&case, "Wow");
    assert_eq!(date(wow), "2016-11-09");
    assert_eq!(sender(&case, wow), wl);

    let assange = event(&case, "appoint Assange ambassador");
    assert_eq!(date(assange), "2016-12-16");
    assert_eq!(sender(&case, assange), wl);

    let july = event(&case, "Sorry to hear about your problems");
    assert_eq!(date(july), "2017-07-11");
    assert_eq!(july.when.unwrap().time.unwrap().to_string(), "09:29:00");
    assert_eq!(sender(&case, july), wl);
}

#[test]
fn the_first_message_keeps_its_time_and_how_it_was_dated() {
    let case = Case::open(&support::bundled()).unwrap();
    let pac = event(&case, "We have guessed the password");
    let when = pac.when.unwrap();
    assert_eq!(when.precision, Precision::Time);
    assert!(when.approximate, "just before midnight is approximate");
    assert!(
        pac.date_phrase
            .as_deref()
            .unwrap()
            .to_lowercase()
            .contains("midnight")
    );
    assert_eq!(pac.channel, Some(Channel::DirectMessage));
    assert_eq!(
        case.recipient_names(pac),
        vec!["Donald Trump Jr.".to_string()]
    );
}

#[test]
fn an_unrelated_quote_is_not_pulled_into_the_conversation() {
    let case = Case::open(&support::bundled()).unwrap();
    // "Sounds great!" (Trump Jr.'s email about a different meeting) has no date of its own.
    let great = event(&case, "Sounds great");
    assert_eq!(sender(&case, great), "Donald Trump Jr.");
    assert!(
        great.recipients.is_empty(),
        "{:?}",
        case.recipient_names(great)
    );
    assert_ne!(great.channel, Some(Channel::DirectMessage));
    // While the reply to a dated message goes to WikiLeaks, by their usual channel.
    let already = event(&case, "Already did that earlier today");
    assert_eq!(case.recipient_names(already), vec!["WikiLeaks".to_string()]);
    assert_eq!(already.channel, Some(Channel::DirectMessage));
}

#[test]
fn comment_quotes_are_marked_and_never_make_events_alone() {
    let case = Case::open(&support::bundled()).unwrap();
    let link = event(&case, "Strongly suggest your dad tweets this link");
    assert!(
        link.sources.iter().any(|s| s.section == Section::Comments),
        "Mikey re-quotes it in the comments"
    );
    for e in &case.timeline.events {
        assert!(
            e.sources.iter().any(|s| s.section == Section::Body),
            "event {} is only in comments",
            e.id
        );
    }
    assert!(case.quotes.iter().any(|q| q.section == Section::Comments));
}

#[test]
fn wording_differences_are_kept() {
    let case = Case::open(&support::bundled()).unwrap();
    let tax = event(&case, "Leak us one or more of your father’s tax returns");
    let mediaite = tax
        .sources
        .iter()
        .filter(|s| case.articles[s.article].meta.outlet.as_deref() == Some("Mediaite"))
        .flat_map(|s| &s.differences)
        .collect::<Vec<_>>();
    assert!(
        mediaite
            .iter()
            .any(|d| d.source == "for" && d.canonical == "from"),
        "Mediaite has “coming for” where the Atlantic has “coming from”: {mediaite:?}"
    );
}

#[test]
fn ids_are_stable_across_runs_and_when_articles_are_added() {
    let (_dir, root) = support::case_with(&[("wire.txt", support::WIRE.as_bytes())]);
    let first = Case::open(&root).unwrap();
    let again = Case::open(&root).unwrap();
    let ids = |c: &Case| {
        c.timeline
            .events
            .iter()
            .map(|e| e.id.clone())
            .collect::<Vec<_>>()
    };
    assert_eq!(ids(&first), ids(&again));
    std::fs::write(root.join("corpus/fragments.txt"), support::FRAGMENTS).unwrap();
    let more = Case::open(&root).unwrap();
    for id in ids(&first) {
        assert!(
            more.timeline.find(&id).is_some(),
            "event {id} lost its id when an article was added"
        );
    }
}

#[test]
fn unseen_wire_copy_british_style_and_fragments() {
    let (_dir, root) = support::unseen_case();
    let case = Case::open(&root).unwrap();
    assert!(case.issues.is_empty(), "{:?}", case.issues);

    let pac = event(&case, "We have guessed the password");
    assert_eq!(date(pac), "2016-09-20");
    assert_eq!(sender(&case, pac), "WikiLeaks");
    assert_eq!(pac.channel, Some(Channel::DirectMessage));
    assert_eq!(
        outlets(&case, pac),
        vec!["Example Review", "Wire Service"],
        "the fragments join it"
    );

    let reply = event(&case, "I'll ask around");
    assert_eq!(date(reply), "2016-09-21");
    assert_eq!(sender(&case, reply), "Donald Trump Jr.");

    let already = event(&case, "Already did that earlier today");
    let leak = event(&case, "Wednesday leak I keep reading about");
    assert_ne!(already.id, leak.id);
    assert_eq!(date(already), "2016-10-03");
    assert_eq!(date(leak), "2016-10-03");
    assert!(
        already
            .sources
            .iter()
            .any(|s| s.section == Section::Comments)
    );

    let tax = event(&case, "We have an unusual idea");
    assert_eq!(date(tax), "2016-10-21");
    assert_eq!(sender(&case, tax), "WikiLeaks");
    assert!(
        tax.sources.len() >= 2,
        "the “impartiality” fragment joins the tax message"
    );

    let loses = event(&case, "DOES NOT conceed");
    assert_eq!(date(loses), "2016-11-08");
    let wow = event(&case, "Wow");
    assert_eq!(date(wow), "2016-11-09");
}

#[test]
fn hard_wrapped_quotes_keep_byte_ranges_into_the_file() {
    let (_dir, root) = support::unseen_case();
    let case = Case::open(&root).unwrap();
    let pac = event(&case, "We have guessed the password");
    for s in &pac.sources {
        let a = &case.articles[s.article];
        for part in &s.parts {
            let raw = &a.text[part.clone()];
            let file = std::fs::read_to_string(&a.path).unwrap();
            assert_eq!(&file[part.clone()], raw);
        }
    }
}

/// A web page saved as text, with no front matter: debris around the body, the first message
/// introduced by "The first message came on …", a message named only as "the message", and
/// replies that never name whom they answer.
const SAVED_PAGE: &str = r#"Skip to main content
Menu
Trump Jr. exchanged messages with WikiLeaks during campaign
By Dana Example, CNN
Updated 10:32 PM ET, Mon November 13, 2017
Share this article
Advertisement

Washington (CNN) Donald Trump Jr. traded private Twitter messages with WikiLeaks during the final months of the 2016 presidential race, according to copies of the exchange released Monday by his lawyers to congressional investigators.

The first message came on September 20, 2016, when WikiLeaks flagged an anti-Trump website. "A PAC run anti-Trump site putintrump.org is about to launch," the account wrote. "The PAC is a recycled pro-Iraq war PAC. We have guessed the password. It is 'putintrump.'"

Trump Jr. replied the following morning. "Off the record I don't know who that is, but I'll ask around. Thanks," he wrote.

Photo: Getty Images

On October 3, WikiLeaks asked the candidate's son to promote a story about Hillary Clinton. "Hiya, it'd be great if you guys could comment on/push this story," the group wrote.

About 90 minutes later, Trump Jr. answered: "Already did that earlier today. It's amazing what she can get away with."

Two minutes after that he asked another question: "What's behind this Wednesday leak I keep reading about?"

WikiLeaks did not reply to that message.

On October 21, WikiLeaks proposed that Trump Jr. send it his father's tax returns. "Hey Don. We have an unusual idea. Leak us one or more of your father's tax returns," the message read.

On Election Day, at 6:35 p.m., WikiLeaks wrote again: "Hi Don if your father 'loses' we think it is much more interesting if he DOES NOT conceed and spends time CHALLENGING the media and other types of rigging that occurred."

Alan Futerfas, a lawyer for Trump Jr., said in a statement: "We have no concerns about these documents and any questions raised about them have been easily answered in the proper forum."

Related: Read the full exchange
Sign up for our newsletter
"#;

#[test]
fn unseen_saved_page_dates_senders_recipients_and_channels() {
    let (_dir, root) = support::case_with(&[("saved-page.txt", SAVED_PAGE.as_bytes())]);
    let case = Case::open(&root).unwrap();

    // "The first message came on September 20, 2016, when …" moves the narrative there, so
    // the yearless dates after it fall in 2016.
    let pac = event(&case, "We have guessed the password");
    assert_eq!(date(pac), "2016-09-20");
    assert_eq!(date(event(&case, "I'll ask around")), "2016-09-21");
    assert_eq!(
        date(event(&case, "comment on/push this story")),
        "2016-10-03"
    );
    assert_eq!(
        date(event(&case, "Already did that earlier today")),
        "2016-10-03"
    );

    // "On Election Day, at 6:35 p.m.": the US election day of the narrative's year.
    let loses = event(&case, "DOES NOT conceed");
    assert_eq!(loses.when.unwrap().display(), "2016-11-08 18:35");

    // “…,” the message read: the sender is the subject of the sentence before.
    let tax = event(&case, "We have an unusual idea");
    assert_eq!(sender(&case, tax), "WikiLeaks");
    assert_eq!(date(tax), "2016-10-21");

    // "Trump Jr. replied": to the sender of the message before; and the other messages of
    // the pair go the same way.
    let reply = event(&case, "I'll ask around");
    assert_eq!(sender(&case, reply), "Donald Trump Jr.");
    assert_eq!(recipients(&case, reply), vec!["WikiLeaks"]);
    assert_eq!(recipients(&case, tax), vec!["Donald Trump Jr."]);
    assert!(tax.recipients_inferred);
    assert_eq!(
        tax.channel, None,
        "nothing in this page says how they wrote"
    );

    // A wire story saying "in a direct message" gives the pair its channel, and with it the
    // messages whose recipient was inferred.
    let wire = "In a direct message sent on Sept. 20, 2016, the WikiLeaks account told Donald \
                Trump Jr. that a website was about to launch and that \"we have guessed the \
                password.\"\n";
    let (_dir, root) = support::case_with(&[
        ("saved-page.txt", SAVED_PAGE.as_bytes()),
        ("wire.txt", wire.as_bytes()),
    ]);
    let case = Case::open(&root).unwrap();
    let tax = event(&case, "We have an unusual idea");
    assert_eq!(tax.channel, Some(Channel::DirectMessage));

    // The lawyer's statement is not pulled into the conversation.
    let statement = event(&case, "We have no concerns about these documents");
    assert!(statement.recipients.is_empty());
}

/// An exchange printed as a transcript: each message after a time stamp and its sender's name.
const TRANSCRIPT: &str = r#"---
title: The full exchange, message by message
outlet: Example Daily
published: 2017-11-14
---
Below is the exchange between the WikiLeaks Twitter account and Donald Trump Jr., as released by Trump Jr. on Monday.

Sept. 20, 2016, 11:59 p.m. — WikiLeaks: "A PAC run anti-Trump site putintrump.org is about to launch. The PAC is a recycled pro-Iraq war PAC. We have guessed the password. It is 'putintrump.' See 'About' for who is behind it. Any comments?"

Sept. 21, 2016, 6:49 a.m. — Trump Jr.: "Off the record I don't know who that is, but I'll ask around. Thanks."

Oct. 3, 2016, 1:25 a.m. — WikiLeaks: "Hiya, it'd be great if you guys could comment on/push this story."

Oct. 3, 2016, 2:52 a.m. — Trump Jr.: "Already did that earlier today. It's amazing what she can get away with."

Oct. 3, 2016, 2:54 a.m. — Trump Jr.: "What's behind this Wednesday leak I keep reading about?"
"#;

#[test]
fn unseen_transcript_labels_are_senders_and_turns_are_replies() {
    let (_dir, root) = support::case_with(&[("transcript.txt", TRANSCRIPT.as_bytes())]);
    let case = Case::open(&root).unwrap();
    let pac = event(&case, "We have guessed the password");
    assert_eq!(sender(&case, pac), "WikiLeaks");
    assert_eq!(pac.when.unwrap().display(), "2016-09-20 23:59");
    let reply = event(&case, "I'll ask around");
    assert_eq!(sender(&case, reply), "Donald Trump Jr.");
    assert_eq!(recipients(&case, reply), vec!["WikiLeaks"]);
    let hiya = event(&case, "comment on/push this story");
    assert_eq!(sender(&case, hiya), "WikiLeaks");
    assert_eq!(recipients(&case, hiya), vec!["Donald Trump Jr."]);
    let leak = event(&case, "Wednesday leak");
    assert_eq!(sender(&case, leak), "Donald Trump Jr.");
    assert_eq!(leak.when.unwrap().display(), "2016-10-03 02:54");
}

/// A page saved with its embedded tweets: each post's words, then "— Name (@handle) date".
const EMBEDDED_POSTS: &str = r#"---
title: Trump Jr. tweeted the WikiLeaks link two days later
outlet: Example Insider
published: 2017-11-13
---
WikiLeaks asked Donald Trump Jr. on October 12, 2016, to push a link to its searchable archive. His father tweeted about WikiLeaks fifteen minutes later.

Very little pick-up by the dishonest media of incredible information provided by WikiLeaks. So dishonest! Rigged system!

— Donald J. Trump (@realDonaldTrump) October 12, 2016

Two days later, Trump Jr. shared the link himself.

For those who have the time to read about all the corruption and hypocrisy all the @wikileaks emails are right here! wlsearch.tk

— Donald Trump Jr. (@DonaldJTrumpJr) October 14, 2016

He did not respond to a request for comment.
"#;

#[test]
fn unseen_embedded_posts_are_public_messages_dated_by_their_signature() {
    let (_dir, root) = support::case_with(&[("embeds.txt", EMBEDDED_POSTS.as_bytes())]);
    let case = Case::open(&root).unwrap();
    let link = event(&case, "all the @wikileaks emails are right here");
    assert_eq!(sender(&case, link), "Donald Trump Jr.");
    assert_eq!(date(link), "2016-10-14");
    assert_eq!(link.channel, Some(Channel::Tweet));
    assert_eq!(link.recipients, vec![Party::Public]);
    // The signature line is not narrative: the paragraph after it is not dated by it.
    assert_eq!(case.timeline.events.len(), 2, "{:?}", case.timeline.events);

    // With the bundled case, each post joins the event of the same tweet quoted elsewhere.
    let (_dir, root) = support::case_with(&[("embeds.txt", EMBEDDED_POSTS.as_bytes())]);
    for entry in std::fs::read_dir(support::bundled().join("corpus")).unwrap() {
        let path = entry.unwrap().path();
        std::fs::copy(&path, root.join("corpus").join(path.file_name().unwrap())).unwrap();
    }
    let case = Case::open(&root).unwrap();
    let link = event(&case, "all the @wikileaks emails are right here");
    assert!(outlets(&case, link).contains(&"Example Insider".to_string()));
    assert!(link.sources.len() >= 4, "{:?}", outlets(&case, link));
}

/// Speakers and recipients named only by description, possession and pronoun.
const DESCRIBED: &str = r#"---
title: What the messages say
outlet: Example Post
published: 2017-11-13
---
Donald Trump Jr., the president's eldest son, exchanged messages with WikiLeaks, the anti-secrecy group led by Julian Assange, during the campaign.

On Oct. 3, 2016, the anti-secrecy group wrote to him: "Hiya, it'd be great if you guys could comment on/push this story."

"Already did that earlier today. It's amazing what she can get away with," Trump's eldest son wrote back.

On Oct. 21, 2016, the organization sent another request. "Hey Don. We have an unusual idea. Leak us one or more of your father's tax returns," it wrote.

The president's son never replied to that message, according to the records.

On July 11, 2017, at 9:29 a.m., WikiLeaks' Twitter account messaged him again: "Hi Don. Sorry to hear about your problems."
"#;

#[test]
fn unseen_possessive_and_pronoun_parties() {
    let (_dir, root) = support::case_with(&[("described.txt", DESCRIBED.as_bytes())]);
    let case = Case::open(&root).unwrap();
    // "wrote to him" after "…, the anti-secrecy group led by Julian Assange": "him" is the
    // sentence's subject, not the last person named.
    let hiya = event(&case, "comment on/push this story");
    assert_eq!(sender(&case, hiya), "WikiLeaks");
    assert_eq!(recipients(&case, hiya), vec!["Donald Trump Jr."]);
    // "Trump's eldest son wrote back": the son described in apposition, replying.
    let already = event(&case, "Already did that earlier today");
    assert_eq!(sender(&case, already), "Donald Trump Jr.");
    assert_eq!(recipients(&case, already), vec!["WikiLeaks"]);
    // "WikiLeaks' Twitter account messaged him": the account is its owner's; "him" is the
    // other side of the conversation.
    let sorry = event(&case, "Sorry to hear about your problems");
    assert_eq!(sender(&case, sorry), "WikiLeaks");
    assert_eq!(recipients(&case, sorry), vec!["Donald Trump Jr."]);
}
