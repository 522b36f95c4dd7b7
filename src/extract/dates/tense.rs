//! The tense of the clause a date phrase sits in: whether what happens on that date is told as
//! past ("said on Dec. 3", "was held on Nov. 8", "has met on June 2"), as to come ("will vote
//! on Nov. 8", "is scheduled for March 3", "plans to speak on May 2", "the upcoming Nov. 8
//! vote"), or neither (a present tense, "would", a date with no verb near it).
//!
//! A year-less date needs it to know on which side of the publication date its month and day
//! fall (see [`super::resolve_in`]).
//!
//! How the verb is found: the sentence is cut into clauses at punctuation and at the words
//! that open a clause ("that", "which", "who", "when", "and", "but", "because", …). The verb
//! group nearest the date in its own clause decides, looking back first ("will be held on
//! Nov. 8"), then forward ("Trump on Oct. 3 tweeted"); without one, the nearest verb group of
//! the clauses before ("he will leave before Nov. 8"), then after ("On Nov. 8, voters will
//! choose"). A verb group is read from its first word: "will", "shall", "'ll" make it future;
//! "would", "could", "might" and other modals make it neither (a plan told in the past may have
//! happened either side of publication); "is/are scheduled (set, due, slated, expected, going)"
//! and "plans/intends/hopes/expects to" are future, their past forms ("was scheduled",
//! "planned to") neither; "has"/"have" with a participle, "had", "did", "was", "were" and a past
//! verb ("said", "met", "announced") are past; a present verb is neither. A past verb with an
//! infinitive between it and the date ("challenged him to debate on April 14") is neither: the
//! date is the plan's.
//!
//! The words are English and lowercase: a capitalized word ("United", "Ted") is never taken
//! for a verb, nor is a word after an article or a possessive ("the expected vote"), nor the
//! second half of a hyphenated word ("so-called").

use std::borrow::Cow;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// What the clause of a date phrase says about when it lies.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Default, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Tense {
    /// Told as done: the date is on or before the publication date.
    Past,
    /// Present, conditional, or no verb found: the nearest such date.
    #[default]
    Neutral,
    /// Told as to come: the date is on or after the publication date.
    Future,
}

/// A word of the sentence with its byte range.
struct Word<'a> {
    /// Lowercase, with a curly apostrophe made straight (borrowed when it already is).
    text: Cow<'a, str>,
    raw: &'a str,
    range: Range<usize>,
    /// Glued to the word before by a hyphen ("so-called").
    after_hyphen: bool,
}

/// Words that open a new clause: the verb of the clause before does not govern what follows.
#[rustfmt::skip]
const CLAUSE_OPENERS: &[&str] = &[
    "that", "which", "who", "whom", "whose", "when", "where", "while", "whereas", "because", "and",
    "but", "or", "although", "though", "if", "unless", "since", "until", "before", "after", "once",
    "as",
];

const FUTURE_AUX: &[&str] = &["will", "shall", "won't", "wont", "shan't"];
#[rustfmt::skip]
const MODALS: &[&str] = &[
    "would", "could", "should", "might", "may", "must", "can", "wouldn't", "couldn't", "shouldn't",
    "can't", "cannot",
];
#[rustfmt::skip]
const PRESENT_AUX: &[&str] = &[
    "is", "are", "am", "isn't", "aren't", "has", "have", "hasn't", "haven't", "does", "do",
    "doesn't", "don't",
];
#[rustfmt::skip]
const PAST_AUX: &[&str] = &[
    "was", "were", "wasn't", "weren't", "had", "hadn't", "did", "didn't",
];
/// Words inside a verb group between the auxiliary and the verb.
#[rustfmt::skip]
const GROUP_FILLERS: &[&str] = &[
    "be", "been", "being", "have", "not", "never", "also", "already", "just", "still", "now",
    "then", "again", "to", "soon", "finally", "even", "only", "first",
];
/// Participles and adjectives that, after a present "is/are/has been", say a thing is planned.
#[rustfmt::skip]
const PROSPECTIVE: &[&str] = &[
    "scheduled", "slated", "set", "due", "poised", "expected", "planned", "going", "supposed",
    "planning", "preparing", "hoping", "expecting", "intending", "about", "likely", "ready",
    "bound",
];
/// Verbs of intention that look ahead when followed by "to": present forms.
#[rustfmt::skip]
const INTENT_PRESENT: &[&str] = &[
    "plans", "plan", "intends", "intend", "hopes", "hope", "expects", "expect", "aims", "aim",
    "wants", "want", "vows", "vow", "promises", "promise", "pledges", "pledge", "threatens",
    "threaten", "seeks", "seek", "needs", "need",
];
/// Their past forms: a past plan, which may have happened either side of publication.
#[rustfmt::skip]
const INTENT_PAST: &[&str] = &[
    "planned", "intended", "hoped", "expected", "aimed", "wanted", "vowed", "promised", "pledged",
    "threatened", "sought", "needed",
];
/// Words right before a date that say it is to come ("the upcoming Nov. 8 vote").
const AHEAD_WORDS: &[&str] = &["upcoming", "coming", "forthcoming", "next"];
/// Irregular past forms (the regular ones end in -ed).
#[rustfmt::skip]
const IRREGULAR_PAST: &[&str] = &[
    "said", "told", "wrote", "sent", "went", "came", "made", "gave", "took", "began", "broke",
    "met", "won", "lost", "ran", "got", "left", "spoke", "knew", "saw", "became", "brought",
    "thought", "found", "held", "kept", "paid", "led", "fell", "rose", "sold", "bought", "struck",
    "stood", "sat", "chose", "drew", "flew", "grew", "threw", "wore", "spent", "meant", "heard",
    "felt", "built", "caught", "taught", "fought", "swore", "forgot", "hid", "shook", "drove",
    "rode", "ate", "fled", "sought", "won", "withdrew", "underwent", "undertook", "overtook",
    "arose", "awoke", "bore", "slept", "sang", "rang", "sank", "swam", "tore", "woke", "wept",
    "dealt", "lent", "lit", "shot", "stuck", "stole", "froze", "forbade", "mistook", "overcame",
    "spun", "split", "quit",
];
/// Words ending in -ed that are not past verbs.
#[rustfmt::skip]
const NOT_PAST_ED: &[&str] = &[
    "need", "speed", "seed", "feed", "bleed", "breed", "creed", "deed", "greed", "heed", "indeed",
    "proceed", "succeed", "exceed", "reed", "weed", "steed", "bed", "red", "shed", "wed", "sled",
    "embed", "hundred", "kindred", "naked", "wicked", "sacred", "rugged", "wretched", "beloved",
    "infrared", "shred", "biped", "ted",
];
/// Words ending in -ing that are prepositions or nouns, not participles.
#[rustfmt::skip]
const NOT_PARTICIPLES: &[&str] = &[
    "during", "according", "including", "following", "regarding", "concerning", "excluding",
    "pending", "notwithstanding", "morning", "evening", "nothing", "something", "anything",
    "everything", "thing", "spring", "string", "king", "ring", "wing", "ceiling", "sibling",
    "meeting", "hearing", "briefing", "ruling", "funding", "spending", "building", "wedding",
    "polling", "offering", "opening", "closing", "ending", "beginning", "setting", "timing",
];
/// Words after which a participle is an adjective ("the expected vote").
#[rustfmt::skip]
const DETERMINERS: &[&str] = &[
    "a", "an", "the", "his", "her", "its", "their", "our", "my", "your", "this", "these", "those",
    "some", "any", "no", "each", "every",
];

/// The tense of the clause holding the date phrase at `range` of `text` (a sentence, quoted
/// words blanked or not).
pub fn tense_at(text: &str, range: &Range<usize>) -> Tense {
    Tenses::of(text).at(range)
}

/// The words of a text and their roles, taken once for the tenses of all its date phrases.
pub(crate) struct Tenses<'a> {
    text: &'a str,
    words: Vec<Word<'a>>,
    roles: Vec<Role>,
}

impl<'a> Tenses<'a> {
    pub(crate) fn of(text: &'a str) -> Tenses<'a> {
        let words = words(text);
        let roles: Vec<Role> = (0..words.len()).map(|i| role(&words, i)).collect();
        Tenses { text, words, roles }
    }

    /// [`tense_at`] the phrase at `range`.
    pub(crate) fn at(&self, range: &Range<usize>) -> Tense {
        let Tenses { text, words, roles } = self;
        tense_of(text, words, roles, range)
    }
}

fn tense_of(text: &str, words: &[Word<'_>], roles: &[Role], range: &Range<usize>) -> Tense {
    // Words before the phrase are `..b`, after it `a..`.
    let b = words.partition_point(|w| w.range.end <= range.start);
    let a = words.partition_point(|w| w.range.start < range.end);
    // "the upcoming Nov. 8 vote", "next Nov. 8".
    if let Some(w) = b.checked_sub(1).map(|i| &words[i])
        && AHEAD_WORDS.contains(&w.text.as_ref())
        && text[w.range.end..range.start].trim().is_empty()
    {
        return Tense::Future;
    }
    let opens = |i: usize| opens_clause(text, words, i);
    let clause_start = (0..b).rev().find(|&i| opens(i)).unwrap_or(0);
    let clause_end = (a..words.len()).find(|&i| opens(i)).unwrap_or(words.len());
    // A verb before the date governs it unless an infinitive comes between: "challenged him
    // to debate on April 14" tells of a plan, which may lie after the challenge.
    let before = |from: usize, to: usize| {
        let (tense, end) = last_group(&roles[from..to])?;
        let infinitive = (from + end + 1..b).any(|i| opens_infinitive(words, i, b));
        Some(if tense == Tense::Past && infinitive {
            Tense::Neutral
        } else {
            tense
        })
    };
    before(clause_start, b)
        .or_else(|| first_group(&roles[a..clause_end]))
        .or_else(|| before(0, clause_start))
        .or_else(|| first_group(&roles[clause_end..]))
        .unwrap_or(Tense::Neutral)
}

/// Pronouns that follow "to" as a preposition ("sent it to him").
#[rustfmt::skip]
const OBJECT_WORDS: &[&str] = &[
    "him", "her", "them", "us", "me", "you", "it", "himself", "herself", "themselves",
];

/// Is word `i` (before `limit`) the "to" of an infinitive: followed by a lowercase word that
/// is no article, possessive or pronoun ("to debate", not "to the", "to him", "to Ohio")?
fn opens_infinitive(words: &[Word], i: usize, limit: usize) -> bool {
    words[i].text == "to"
        && i + 1 < limit
        && words[i + 1]
            .raw
            .chars()
            .next()
            .is_some_and(char::is_lowercase)
        && !DETERMINERS.contains(&words[i + 1].text.as_ref())
        && !OBJECT_WORDS.contains(&words[i + 1].text.as_ref())
}

/// Does a new clause start at word `i`: an opening word, or punctuation between it and the
/// word before?
fn opens_clause(text: &str, words: &[Word], i: usize) -> bool {
    if CLAUSE_OPENERS.contains(&words[i].text.as_ref()) {
        return true;
    }
    let gap_start = i.checked_sub(1).map_or(0, |j| words[j].range.end);
    text[gap_start..words[i].range.start].contains([
        ',', ';', ':', '—', '–', '(', ')', '“', '”', '"', '.', '!', '?',
    ])
}

fn words(text: &str) -> Vec<Word<'_>> {
    let mut out = Vec::new();
    let mut start = None;
    let is_word = |c: char| c.is_alphabetic() || c == '\'' || c == '’';
    for (i, c) in text.char_indices() {
        match (is_word(c), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                push_word(text, s..i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        push_word(text, s..text.len(), &mut out);
    }
    out
}

/// Adds the word at `r` of `text`, without the apostrophes around it.
fn push_word<'a>(text: &'a str, r: Range<usize>, out: &mut Vec<Word<'a>>) {
    let raw = text[r.clone()].trim_matches(['\'', '’']);
    if raw.is_empty() {
        return;
    }
    let s = r.start + text[r].find(raw).unwrap_or(0);
    out.push(Word {
        text: if raw.bytes().any(|b| b.is_ascii_uppercase() || !b.is_ascii()) {
            Cow::Owned(raw.replace('’', "'").to_lowercase())
        } else {
            Cow::Borrowed(raw)
        },
        raw,
        range: s..s + raw.len(),
        after_hyphen: text[..s].ends_with('-'),
    });
}

/// What one word can do in a verb group.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Future,
    Modal,
    PresentAux,
    PastAux,
    Prospective,
    IntentPresent,
    IntentPast,
    Past,
    /// A present participle ("looming", "campaigning"): the tense of its auxiliary, if any.
    Participle,
    Filler,
    Other,
}

/// The role of word `i` of the sentence.
fn role(words: &[Word], i: usize) -> Role {
    let w = &words[i];
    let t = w.text.as_ref();
    // Contractions: "he'll", "we've", "she'd", "they're".
    if t.ends_with("'ll") {
        return Role::Future;
    }
    if t.ends_with("'ve") || t.ends_with("'re") || t.ends_with("'m") {
        return Role::PresentAux;
    }
    if t.ends_with("'d") {
        return Role::Modal;
    }
    // A capitalized word is a name ("Will", "United"), unless it is an auxiliary opening the
    // sentence ("Was the vote…", "Will voters…").
    let lower = w.raw.chars().next().is_some_and(char::is_lowercase);
    let auxiliary = [FUTURE_AUX, MODALS, PRESENT_AUX, PAST_AUX]
        .iter()
        .any(|list| list.contains(&t));
    if !lower && (i > 0 || !auxiliary || w.raw.chars().all(char::is_uppercase)) {
        return Role::Other;
    }
    let prev = i.checked_sub(1).map(|j| words[j].text.as_ref());
    // "the expected vote", "a so-called summit": adjectives, not verbs.
    let adjective = w.after_hyphen || prev.is_some_and(|p| DETERMINERS.contains(&p));
    let followed_by_to = words.get(i + 1).is_some_and(|n| n.text == "to");
    if FUTURE_AUX.contains(&t) {
        Role::Future
    } else if MODALS.contains(&t) {
        Role::Modal
    } else if PRESENT_AUX.contains(&t) {
        Role::PresentAux
    } else if PAST_AUX.contains(&t) {
        Role::PastAux
    } else if adjective {
        Role::Other
    } else if INTENT_PRESENT.contains(&t) && followed_by_to {
        Role::IntentPresent
    } else if INTENT_PAST.contains(&t) && followed_by_to {
        Role::IntentPast
    } else if PROSPECTIVE.contains(&t) {
        Role::Prospective
    } else if GROUP_FILLERS.contains(&t) || t.ends_with("ly") {
        Role::Filler
    } else if t.len() >= 5 && t.ends_with("ing") && !NOT_PARTICIPLES.contains(&t) {
        Role::Participle
    } else if IRREGULAR_PAST.contains(&t)
        || (t.len() >= 4 && t.ends_with("ed") && !NOT_PAST_ED.contains(&t))
    {
        Role::Past
    } else {
        Role::Other
    }
}

/// Is this role a verb that can head or end a group (not a filler)?
fn is_verbal(r: Role) -> bool {
    !matches!(r, Role::Filler | Role::Other)
}

/// The tense of the last verb group of `roles`, and where that group ends.
fn last_group(roles: &[Role]) -> Option<(Tense, usize)> {
    let end = roles.iter().rposition(|&r| is_verbal(r))?;
    let mut start = end;
    while start > 0 && roles[start - 1] != Role::Other {
        start -= 1;
    }
    Some((group_tense(&roles[start..=end]), end))
}

/// The tense of the first verb group of `roles`.
fn first_group(roles: &[Role]) -> Option<Tense> {
    let start = roles.iter().position(|&r| is_verbal(r))?;
    let mut end = start;
    while end + 1 < roles.len() && roles[end + 1] != Role::Other {
        end += 1;
    }
    Some(group_tense(&roles[start..=end]))
}

/// A verb group's tense, from its words in order ("will be held", "was scheduled",
/// "plans to", "has met").
fn group_tense(group: &[Role]) -> Tense {
    let has = |r: Role| group.contains(&r);
    if has(Role::Future) {
        return Tense::Future;
    }
    if has(Role::Modal) {
        return Tense::Neutral;
    }
    let head = group.iter().copied().find(|&r| is_verbal(r));
    if has(Role::Prospective) || has(Role::IntentPresent) || has(Role::IntentPast) {
        return match head {
            Some(Role::PresentAux | Role::IntentPresent) => Tense::Future,
            _ => Tense::Neutral,
        };
    }
    match head {
        Some(Role::PastAux | Role::Past) => Tense::Past,
        // "has met", "have said": the present perfect tells a thing done.
        Some(Role::PresentAux) if has(Role::Past) => Tense::Past,
        _ => Tense::Neutral,
    }
}
