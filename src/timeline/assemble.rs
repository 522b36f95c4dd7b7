//! Settling an event from its sources: the canonical wording, the date (and every different
//! date sources give), the sender by a weighted vote, recipients and channel; then what the
//! conversation as a whole implies, the order of events and their stable ids.

use std::collections::{BTreeMap, HashMap};

use chrono::Timelike;
use rayon::prelude::*;

use super::align::differences;
use super::index::shingles;
use super::words::{Grouping, wording_of};
use super::{DateVersion, Event, Source, SourceKind};
use crate::corpus::{Article, Section};
use crate::extract::{DateBasis, Party, Quote, QuoteKind, SpeakerBasis};
use crate::text::{fnv1a, tokenize};
use crate::when::{Precision, When};

pub(super) fn basis_weight(b: SpeakerBasis) -> usize {
    match b {
        SpeakerBasis::Named => 4,
        SpeakerBasis::Description => 3,
        SpeakerBasis::Pronoun => 2,
        SpeakerBasis::Inferred => 1,
    }
}

pub(super) fn assemble(
    articles: &[Article],
    quotes: &[Quote],
    units: &[usize],
    lens: &[usize],
    group: &[usize],
    extra: Vec<Source>,
    grouping: Grouping,
) -> Event {
    // The most complete wording, from the outlets' own reporting when it has one.
    let canonical = *group
        .iter()
        .max_by_key(|&&u| {
            (
                quotes[units[u]].section == Section::Body,
                lens[u],
                std::cmp::Reverse(u),
            )
        })
        .expect("groups are not empty");
    let cq = &quotes[units[canonical]];
    let text = cq.text(&articles[cq.article]);

    let mut sources: Vec<Source> = group
        .iter()
        .map(|&u| {
            let qi = units[u];
            let kind = if quotes[qi].kind == QuoteKind::Unquoted {
                SourceKind::Unquoted
            } else {
                SourceKind::Quoted
            };
            Source::of_quote(qi, &quotes[qi], kind)
        })
        .chain(extra)
        .collect();
    sources.sort_by_key(|s| (s.article, s.span.start));
    let canon = wording_of(&articles[cq.article], &cq.parts);
    // Sources with the same words (the same parts, byte for byte) differ alike: worked out once.
    let mut known: HashMap<Vec<&str>, Vec<crate::timeline::Difference>> = HashMap::new();
    for s in &mut sources {
        let article = &articles[s.article];
        let key: Vec<&str> = match grouping {
            Grouping::ByWording => s.parts.iter().map(|r| article.slice(r)).collect(),
            Grouping::PerUnit => Vec::new(),
        };
        if let Some(d) = known.get(&key).filter(|_| grouping == Grouping::ByWording) {
            s.differences = d.clone();
            continue;
        }
        let w = wording_of(article, &s.parts);
        s.differences = differences(&w.display, &w.norm, &canon.display, &canon.norm);
        if grouping == Grouping::ByWording {
            known.insert(key, s.differences.clone());
        }
    }

    // Date: the best-founded one; every different date given in a sentence is kept.
    let dated: Vec<(usize, &crate::extract::Dating)> = sources
        .iter()
        .enumerate()
        .filter_map(|(i, s)| s.date.as_ref().map(|d| (i, d)))
        .collect();
    // A day beats a month whatever the basis; then the basis; fragments count least.
    let best = dated
        .iter()
        .min_by_key(|(i, d)| {
            (
                d.when.precision < Precision::Day,
                sources[*i].kind == SourceKind::Fragment,
                d.basis,
                std::cmp::Reverse(d.when.precision),
                d.when.approximate,
                sources[*i].section != Section::Body,
                *i,
            )
        })
        .map(|(_, d)| (*d).clone());
    let mut versions: Vec<DateVersion> = Vec::new();
    for (i, d) in &dated {
        if d.basis > DateBasis::Paragraph || d.when.precision < Precision::Day {
            continue;
        }
        match versions.iter_mut().find(|v| same_moment(&v.when, &d.when)) {
            Some(v) => {
                v.sources.push(*i);
                if d.when.precision > v.when.precision {
                    v.when = d.when;
                }
            }
            None => versions.push(DateVersion {
                when: d.when,
                basis: d.basis,
                phrase: d.phrase.clone().into(),
                sources: vec![*i],
            }),
        }
    }
    if versions.len() < 2 {
        versions.clear();
    }

    // Sender: weighted vote of the sources' attributions; the outlets count double.
    let mut votes: HashMap<usize, usize> = HashMap::new();
    let mut phrase: Option<String> = None;
    // Phrases quoted in passing only vote when nothing else names the sender.
    let has_full = sources.iter().any(|s| {
        s.kind != SourceKind::Fragment && s.speaker.as_ref().is_some_and(|sp| sp.entity.is_some())
    });
    for s in sources
        .iter()
        .filter(|s| !has_full || s.kind != SourceKind::Fragment)
    {
        if let Some(sp) = &s.speaker {
            let w = basis_weight(sp.basis) * if s.section == Section::Body { 2 } else { 1 };
            match sp.entity {
                Some(id) => *votes.entry(id).or_default() += w,
                // An unresolved description ("a diplomat", "the analyst") still says who.
                None if starts_with_determiner(&sp.phrase) => {
                    phrase.get_or_insert_with(|| sp.phrase.to_string());
                }
                None => {}
            }
        }
    }
    let sender = votes
        .into_iter()
        .max_by_key(|&(id, w)| (w, std::cmp::Reverse(id)))
        .map(|(id, _)| id);

    let mut recipients: Vec<Party> = Vec::new();
    for s in &sources {
        if let Some(qi) = s.quote {
            for r in &quotes[qi].recipients {
                if Some(*r) != sender.map(Party::Entity) && !recipients.contains(r) {
                    recipients.push(*r);
                }
            }
        }
    }

    let mut channels: BTreeMap<crate::extract::channel::Channel, (usize, String)> = BTreeMap::new();
    for s in &sources {
        if let Some(qi) = s.quote
            && let Some((c, cue)) = &quotes[qi].channel
        {
            let e = channels.entry(*c).or_insert((0, cue.to_string()));
            e.0 += 1;
        }
    }
    // A post one source saw made in public stays public when a story about private messages
    // quotes it among them: being public is the more specific claim.
    {
        use crate::extract::channel::Channel;
        let public = channels
            .keys()
            .any(|c| matches!(c, Channel::Tweet | Channel::Speech));
        if public {
            channels.retain(|c, _| !matches!(c, Channel::DirectMessage | Channel::Email));
        }
    }
    let channel = channels
        .into_iter()
        .max_by_key(|(c, (n, _))| (*n, std::cmp::Reverse(*c)));
    // The public or people, never both.
    let quoted = || sources.iter().filter_map(|s| s.quote.map(|qi| &quotes[qi]));
    let public_sources = quoted()
        .filter(|q| q.recipients.contains(&Party::Public))
        .count();
    let people_sources = quoted()
        .filter(|q| q.recipients.iter().any(|r| matches!(r, Party::Entity(_))))
        .count();
    crate::extract::channel::settle_recipients(
        channel.as_ref().map(|(c, _)| *c),
        &mut recipients,
        public_sources,
        people_sources,
    );

    Event {
        id: String::new(),
        text,
        when: best.as_ref().map(|d| d.when),
        date_basis: best.as_ref().map(|d| d.basis),
        date_phrase: best.map(|d| d.phrase.into()),
        date_versions: versions,
        sender,
        sender_phrase: if sender.is_none() { phrase } else { None },
        recipients,
        recipients_inferred: false,
        channel: channel.as_ref().map(|(c, _)| *c),
        channel_basis: channel.map(|(_, (_, cue))| format!("“{cue}”")),
        sources,
    }
}

pub(super) fn same_moment(a: &When, b: &When) -> bool {
    if a.date != b.date {
        return false;
    }
    match (a.time, b.time) {
        (Some(x), Some(y)) => {
            let (x, y) = (
                x.num_seconds_from_midnight() as i64,
                y.num_seconds_from_midnight() as i64,
            );
            (x - y).abs() <= 3600
        }
        _ => true,
    }
}

/// Messages between the same two parties go by the same channel, and a sender's usual
/// correspondent is the recipient when the text does not say — but only for an event dated
/// by its own text (a quote dated from context or publication may be about anything else),
/// so an unrelated quote of one of them is not pulled into their conversation.
pub(super) fn infer_from_conversation(events: &mut [Event]) {
    use crate::extract::channel::Channel;
    type Pair = (usize, usize);
    let mut counterpart: HashMap<usize, BTreeMap<usize, usize>> = HashMap::new();
    for e in events.iter() {
        let Some(s) = e.sender else { continue };
        for r in &e.recipients {
            if let Party::Entity(r) = *r {
                *counterpart.entry(s).or_default().entry(r).or_default() += 1;
                *counterpart.entry(r).or_default().entry(s).or_default() += 1;
            }
        }
    }
    let own_date = |e: &Event| {
        matches!(
            e.date_basis,
            Some(DateBasis::Sentence | DateBasis::BackReference | DateBasis::Paragraph)
        )
    };
    for e in events.iter_mut() {
        let Some(s) = e.sender else { continue };
        let private = matches!(
            e.channel,
            None | Some(Channel::DirectMessage | Channel::Email)
        );
        if e.recipients.is_empty()
            && private
            && let Some(partners) = counterpart.get(&s)
        {
            let total: usize = partners.values().sum();
            if let Some((&r, &n)) = partners
                .iter()
                .max_by_key(|(id, n)| (**n, std::cmp::Reverse(**id)))
                && n * 3 >= total * 2
                && own_date(e)
            {
                e.recipients.push(Party::Entity(r));
                e.recipients_inferred = true;
            }
        }
    }
    // Channels once the recipients are known: a message whose recipient was inferred still
    // tells the channel of its pair ("the account sent a direct message" with no name).
    let mut pair_channel: HashMap<Pair, BTreeMap<Channel, usize>> = HashMap::new();
    for e in events.iter() {
        let (Some(s), Some(c)) = (e.sender, e.channel) else {
            continue;
        };
        for r in &e.recipients {
            if let Party::Entity(r) = *r {
                *pair_channel
                    .entry((s.min(r), s.max(r)))
                    .or_default()
                    .entry(c)
                    .or_default() += 1;
            }
        }
    }
    for e in events.iter_mut() {
        let Some(s) = e.sender else { continue };
        if e.channel.is_none()
            && let Some(Party::Entity(r)) = e.recipients.first().copied()
            && own_date(e)
            && let Some(chs) = pair_channel.get(&(s.min(r), s.max(r)))
            && let Some((&c, _)) = chs
                .iter()
                .max_by_key(|(c, n)| (**n, std::cmp::Reverse(**c)))
        {
            e.channel = Some(c);
            e.channel_basis = Some("inferred: other messages between the same two".to_string());
        }
    }
}

/// Dated events by date (and time), ties in the order the articles tell them; undated last.
/// Returns, for each new position, the old index.
pub(super) fn sort_events(events: &mut Vec<Event>) -> Vec<usize> {
    let mut order: Vec<usize> = (0..events.len()).collect();
    let key = |e: &Event| {
        let first = e.sources.iter().map(|s| (s.article, s.span.start)).min();
        (
            e.when.is_none(),
            e.when.map(|w| w.date),
            e.when.and_then(|w| {
                if w.precision == Precision::Time {
                    w.time
                } else {
                    None
                }
            }),
            first,
        )
    };
    order.sort_by(|&a, &b| key(&events[a]).cmp(&key(&events[b])));
    let mut taken: Vec<Option<Event>> = std::mem::take(events).into_iter().map(Some).collect();
    *events = order
        .iter()
        .map(|&i| taken[i].take().expect("each event once"))
        .collect();
    order
}

/// Ids from the wording: the two smallest hashes of the event text's telling shingles, so the id
/// stays when sources are added that quote the same words, and two messages clash only if they
/// share both. Clashing messages all get a suffix from a hash of their whole text: still
/// independent of the order of events and articles.
pub(super) fn assign_ids(events: &mut [Event]) {
    // Each base depends on its own text alone: all cores.
    let bases: Vec<String> = events.par_iter().map(|e| base_id(&e.text)).collect();
    let mut count: HashMap<&str, usize> = HashMap::new();
    for b in &bases {
        *count.entry(b.as_str()).or_default() += 1;
    }
    let mut seen: HashMap<String, usize> = HashMap::new();
    for (e, base) in events.iter_mut().zip(&bases) {
        let mut id = base.clone();
        if count[base.as_str()] > 1 {
            let whole = fnv1a(crate::text::normalize(&e.text).as_bytes());
            id = format!("{base}-{:04x}", whole >> 48);
        }
        let n = seen.entry(id.clone()).or_default();
        *n += 1;
        e.id = if *n == 1 { id } else { format!("{id}-{n}") };
    }
}

/// The id from the message's telling shingles, before clashes are told apart.
fn base_id(text: &str) -> String {
    let norm: Vec<String> = tokenize(text, 0).into_iter().map(|t| t.norm).collect();
    // Shingles of function words only ("i dont know") recur across messages: they do not pick
    // the id while the text has any other.
    let function: Vec<bool> = norm
        .iter()
        .map(|t| FUNCTION_WORDS.contains(&t.as_str()))
        .collect();
    let telling: Vec<u64> = norm
        .windows(3)
        .zip(function.windows(3))
        .filter(|(_, f)| !f.iter().all(|&f| f))
        .map(|(w, _)| shingles(w)[0])
        .collect();
    let mut pool = if telling.is_empty() {
        shingles(&norm)
    } else {
        telling
    };
    pool.sort_unstable();
    pool.dedup();
    // The two smallest hashes (a bottom-2 sketch): a clash needs both shared.
    let key = match pool.as_slice() {
        [] => fnv1a(text.as_bytes()),
        [one] => mix(*one),
        [a, b, ..] => mix(*a ^ mix(*b)),
    };
    format!("ev-{:010x}", key >> 24)
}

fn starts_with_determiner(phrase: &str) -> bool {
    let first = phrase
        .split_whitespace()
        .next()
        .unwrap_or("")
        .to_lowercase();
    matches!(
        first.as_str(),
        "a" | "an" | "the" | "his" | "her" | "their" | "its" | "one" | "two" | "three" | "several"
    )
}

/// splitmix64's finaliser: an independent-looking permutation of 64-bit hashes.
fn mix(h: u64) -> u64 {
    let mut z = h ^ 0x9e37_79b9_7f4a_7c15;
    z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
    z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
    z ^ (z >> 31)
}

/// Words too common to tell one message from another.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "i", "you", "he", "she", "it", "we", "they", "to", "of", "in", "on", "at",
    "for", "is", "are", "was", "were", "be", "been", "will", "would", "have", "has", "had", "do",
    "dont", "not", "and", "but", "or", "that", "this", "there", "what", "so", "as", "by", "with",
    "from", "can", "could", "if", "its", "im", "all", "about", "my", "our", "your", "their", "me",
    "us", "him", "her", "them", "more", "just", "very", "get", "go", "know", "think", "going",
    "one", "no", "yes", "well", "lot", "really", "some", "also", "want", "like", "been", "who",
    "which", "when", "out", "up", "now", "than", "then", "any", "make", "say",
];
