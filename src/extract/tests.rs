//! One test per extraction rule, on small articles written here.

use super::{DateBasis, Extraction, Party, Quote, QuoteKind, SpeakerBasis, extract};
use crate::corpus::{Article, Section, article_from_text};
use crate::extract::channel::Channel;
use crate::extract::entities::EntitiesFile;

fn article(text: &str) -> Article {
    let body = format!("---\ntitle: T\noutlet: Test\npublished: 2017-11-13\n---\n{text}");
    article_from_text("a.txt".into(), "a.txt".into(), body, false).0
}

fn run(text: &str) -> (Vec<Article>, Extraction) {
    let articles = vec![article(text)];
    let ex = extract(&articles, &EntitiesFile::default());
    (articles, ex)
}

fn quote<'a>(arts: &[Article], ex: &'a Extraction, words: &str) -> &'a Quote {
    ex.quotes
        .iter()
        .find(|q| q.text(&arts[q.article]).contains(words))
        .unwrap_or_else(|| panic!("no quote with “{words}”"))
}

fn speaker(ex: &Extraction, q: &Quote) -> String {
    q.speaker_entity()
        .map_or("?".into(), |id| ex.entities.name(id).to_string())
}

fn date(q: &Quote) -> String {
    q.date.as_ref().map_or("none".into(), |d| d.when.display())
}

const STORY: &str = "Donald Trump Jr. spoke to reporters on Monday.\n";

#[test]
fn speaker_named_after_the_quote_and_he_resolved_to_the_last_person() {
    let (a, ex) = run(
        "Julia Ioffe met Alan Futerfas on March 3, 2017.\n“We have nothing to hide here,” he said.",
    );
    assert_eq!(
        speaker(&ex, quote(&a, &ex, "nothing to hide")),
        "Alan Futerfas"
    );
}

#[test]
fn aliases_fold_across_forms() {
    let (a, ex) = run(&format!(
        "{STORY}“I will ask around about it,” Trump Jr. wrote on May 2, 2016.\n“This is all very normal stuff,” Don Jr. said on May 3, 2016."
    ));
    assert_eq!(
        speaker(&ex, quote(&a, &ex, "ask around")),
        "Donald Trump Jr."
    );
    assert_eq!(
        speaker(&ex, quote(&a, &ex, "normal stuff")),
        "Donald Trump Jr."
    );
}

#[test]
fn quotes_broken_by_an_attribution_are_one_message() {
    let (a, ex) = run(
        "On October 3, 2016, WikiLeaks wrote again. “Hiya, great to see you,” WikiLeaks wrote. “Please push this story.”",
    );
    let q = quote(&a, &ex, "Hiya");
    assert_eq!(q.parts.len(), 2);
    assert_eq!(
        q.text(&a[0]),
        "Hiya, great to see you. Please push this story."
    );
}

#[test]
fn a_quote_can_run_over_two_paragraphs() {
    let (a, ex) = run(
        "The spokesman said: “We will not comment on this at all.\n“Nor will we comment on anything else today.”",
    );
    let q = quote(&a, &ex, "We will not comment");
    assert_eq!(q.parts.len(), 2);
    assert!(q.text(&a[0]).contains("Nor will we comment"));
}

#[test]
fn messages_minutes_apart_stay_apart() {
    let (a, ex) = run(&format!(
        "{STORY}On October 3, 2016, Trump Jr. wrote: “Already did that earlier today.”\nTwo minutes later, Trump Jr. wrote again, asking, “What is behind this leak?”"
    ));
    let first = quote(&a, &ex, "Already did that");
    let second = quote(&a, &ex, "What is behind");
    assert_ne!(first, second);
    assert_eq!(date(second), "2016-10-03");
}

#[test]
fn the_same_speaker_going_on_is_one_message() {
    let (a, ex) = run(
        "On October 21, 2016, WikiLeaks sent a long message. “We have an unusual idea,” WikiLeaks wrote.\nIt laid out reasons. “It will improve the perception of our impartiality,” WikiLeaks went on.",
    );
    let q = quote(&a, &ex, "unusual idea");
    assert!(q.text(&a[0]).contains("impartiality"), "{}", q.text(&a[0]));
}

#[test]
fn phrases_in_the_writers_own_sentence_are_mentions() {
    let (a, ex) = run(
        "She said she wanted to “just drone” him. According to “a source familiar with the investigations,” he emailed them.",
    );
    assert_eq!(quote(&a, &ex, "just drone").kind, QuoteKind::Mention);
    assert_eq!(quote(&a, &ex, "a source familiar").kind, QuoteKind::Mention);
}

#[test]
fn relative_dates_count_from_the_narrative() {
    let (a, ex) = run(
        "Just before midnight on September 20, 2016, WikiLeaks sent a message.\nThe next morning, Trump Jr. responded. “Off the record I will ask around,” he wrote.",
    );
    let q = quote(&a, &ex, "Off the record");
    assert_eq!(date(q), "2016-09-21");
    assert_eq!(q.date.as_ref().unwrap().basis, DateBasis::Paragraph);
    assert!(q.date.as_ref().unwrap().phrase.contains("The next morning"));
}

#[test]
fn asides_date_their_own_quote_but_do_not_move_the_narrative() {
    let (a, ex) = run(
        "On October 12, 2016, WikiLeaks messaged Trump Jr. (At a rally on October 10, Donald Trump had proclaimed, “I love WikiLeaks!”)\n“Strongly suggest your dad tweets this link,” WikiLeaks went on.",
    );
    assert_eq!(date(quote(&a, &ex, "I love WikiLeaks")), "2016-10-10");
    assert_eq!(date(quote(&a, &ex, "Strongly suggest")), "2016-10-12");
}

#[test]
fn a_past_perfect_clause_is_an_aside() {
    let (a, ex) = run(
        "On October 3, 2016, Trump Jr. sent a message. The day before, Roger Stone had tweeted, “Wednesday is the day.”\n“What is behind this leak?” Trump Jr. asked.",
    );
    assert_eq!(date(quote(&a, &ex, "Wednesday is the day")), "2016-10-02");
    assert_eq!(date(quote(&a, &ex, "What is behind")), "2016-10-03");
}

#[test]
fn no_date_in_context_falls_back_to_publication() {
    let (a, ex) = run("“We have no concerns about these documents,” said Alan Futerfas, a lawyer.");
    let q = quote(&a, &ex, "no concerns");
    assert_eq!(date(q), "2017-11-13");
    assert_eq!(q.date.as_ref().unwrap().basis, DateBasis::Publication);
    assert_eq!(speaker(&ex, q), "Alan Futerfas");
}

#[test]
fn the_message_was_sent_at_dates_the_message_before() {
    let (a, ex) = run(
        "On July 11, 2017, WikiLeaks got in touch. “Sorry to hear about your problems,” WikiLeaks wrote.\nThe message was sent at 9:29 am on July 11.",
    );
    let q = quote(&a, &ex, "Sorry to hear");
    assert_eq!(date(q), "2017-07-11 09:29");
    assert_eq!(q.date.as_ref().unwrap().basis, DateBasis::BackReference);
}

#[test]
fn a_block_after_it_read_is_a_quote_of_the_sender() {
    let (a, ex) = run(
        "WikiLeaks has an account. The correspondence begins with a direct message the group sent him on September 20, 2016. It read:\nWe have guessed the password. See the site for who is behind it. Any comments?",
    );
    let q = quote(&a, &ex, "guessed the password");
    assert_eq!(q.kind, QuoteKind::Unquoted);
    assert_eq!(speaker(&ex, q), "WikiLeaks");
    assert_eq!(date(q), "2016-09-20");
}

#[test]
fn channels_and_public_recipients() {
    let (a, ex) = run(&format!(
        "{STORY}On October 14, 2016, Trump Jr. tweeted the link to his followers, writing, “For those who have the time to read.”\nOn October 12, 2016, WikiLeaks sent a direct message to Trump Jr. “Hey Donald, great to see you,” WikiLeaks wrote."
    ));
    let tweet = quote(&a, &ex, "For those");
    assert_eq!(tweet.channel.as_ref().map(|c| c.0), Some(Channel::Tweet));
    assert_eq!(tweet.recipients, vec![Party::Public]);
    let dm = quote(&a, &ex, "Hey Donald");
    assert_eq!(
        dm.channel.as_ref().map(|c| c.0),
        Some(Channel::DirectMessage)
    );
    let jr = ex.entities.resolve("Donald Trump Jr.", &[]).unwrap();
    assert_eq!(dm.recipients, vec![Party::Entity(jr)]);
}

#[test]
fn descriptions_resolve_to_entities() {
    let (a, ex) = run(&format!(
        "{STORY}Donald Trump also spoke. WikiLeaks wrote to Trump Jr. on October 12, 2016.\n“Hey Donald, hello there,” the account wrote.\nFifteen minutes later, his father tweeted: “Very little pick-up by the dishonest media.”"
    ));
    let hey = quote(&a, &ex, "Hey Donald");
    assert_eq!(speaker(&ex, hey), "WikiLeaks");
    assert_eq!(
        hey.speaker.as_ref().unwrap().basis,
        SpeakerBasis::Description
    );
    assert_eq!(
        speaker(&ex, quote(&a, &ex, "Very little pick-up")),
        "Donald Trump"
    );
}

#[test]
fn quotes_in_reader_comments_are_marked() {
    let (a, ex) = run(
        "“We did nothing wrong at all,” said Alan Futerfas.\n\nComments\n\n1. Reader says:\n\n“We did nothing wrong at all,” he said. Sure.",
    );
    let in_comments: Vec<&Quote> = ex
        .quotes
        .iter()
        .filter(|q| q.section == Section::Comments)
        .collect();
    assert_eq!(in_comments.len(), 1);
    assert!(in_comments[0].text(&a[0]).contains("nothing wrong"));
}

#[test]
fn a_vague_date_of_something_else_does_not_date_the_quote() {
    let (a, ex) = run(&format!(
        "{STORY}Lee, 82, who created the comic in 1962, said: “It could be worth tens of millions of dollars.”\n\
         Loans fell to the lowest rate since September 1995, the bank said: “The volatility should not be overplayed.”\n\
         In June 2016, WikiLeaks wrote to the campaign: “We have a lot of material coming soon.”\n\
         Castle, in 1968, said: “I am not going to resign from this post.”\n\
         WikiLeaks didn't write again until November 8, 2016. “Hi Don, we think it is much more interesting,” it wrote."
    ));
    // With another verb, or as a reference point, the date says when something else happened:
    // the quote falls back to the publication date.
    let created = quote(&a, &ex, "tens of millions");
    assert_eq!(date(created), "2017-11-13");
    assert_eq!(created.date.as_ref().unwrap().basis, DateBasis::Publication);
    assert_eq!(
        date(quote(&a, &ex, "should not be overplayed")),
        "2017-11-13"
    );
    // With a verb of saying or sending, it is the quote's date.
    assert_eq!(date(quote(&a, &ex, "a lot of material")), "2016-06");
    assert_eq!(date(quote(&a, &ex, "not going to resign")), "1968");
    // A negated "until" names the moment itself.
    assert_eq!(date(quote(&a, &ex, "much more interesting")), "2016-11-08");
}

#[test]
fn a_message_quoted_in_pieces_shows_the_writers_gaps_as_an_ellipsis() {
    let (a, ex) = run(
        "The Ferry Group sent Ana Ruiz a message on March 3, 2017.\n\
         “We have a plan for the harbour,” the group wrote. “It starts in spring.”\n\
         On March 5, 2017, the group sent another message.\n\
         “Vote for the bridge,” the group wrote to Ruiz. (Ruiz had backed the bridge in 2015.) \
         “is the only way to win.”\n",
    );
    // One attribution between the pieces: nothing of the message is missing.
    let plan = quote(&a, &ex, "plan for the harbour");
    assert_eq!(
        plan.text(&a[plan.article]),
        "We have a plan for the harbour. It starts in spring."
    );
    // The writer's own sentence between them: a gap, never the writer's words.
    let vote = quote(&a, &ex, "Vote for the bridge");
    let text = vote.text(&a[vote.article]);
    assert_eq!(text, "Vote for the bridge … is the only way to win.");
    assert!(!text.contains("backed"));
}
