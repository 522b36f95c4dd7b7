//! Building the timeline from extracted quotes: group, attach fragments and unmarked blocks,
//! then settle each event's date, sender, recipients and channel by weighing its sources.

use std::collections::{BTreeMap, HashMap};

use chrono::Timelike;
use rayon::prelude::*;

use super::align::{differences, overlap};
use super::index::{ShingleIndex, shingles};
use super::{DateVersion, Event, Source, SourceKind, Timeline};
use crate::corpus::{Article, ParagraphKind, Section};
use crate::extract::dates::{Precision, When};
use crate::extract::{DateBasis, Extraction, Party, Quote, QuoteKind, SpeakerBasis};
use crate::text::{Token, collapse_whitespace, fnv1a, tokenize};

/// Share of a quote's words that must be found, in order, in another to be the same message.
const SAME_MESSAGE_COVERAGE: f64 = 0.75;
/// A run of this many identical words makes two quotes overlap even when neither holds most
/// of the other (two sources quoting different halves of one message).
const OVERLAP_RUN: usize = 8;
/// Quotes shorter than this need an agreeing speaker to merge: short phrases recur.
const SHORT_QUOTE: usize = 12;

/// Words of a quote: display words and normalised forms, one to one.
struct Words {
    norm: Vec<String>,
    display: Vec<String>,
}

fn words_of(article: &Article, parts: &[std::ops::Range<usize>]) -> Words {
    let mut tokens: Vec<Token> = Vec::new();
    for r in parts {
        tokens.extend(tokenize(article.slice(r), r.start));
    }
    Words {
        display: tokens
            .iter()
            .map(|t| article.slice(&t.range).to_string())
            .collect(),
        norm: tokens.into_iter().map(|t| t.norm).collect(),
    }
}

struct UnionFind(Vec<usize>);

impl UnionFind {
    fn find(&mut self, x: usize) -> usize {
        let mut r = x;
        while self.0[r] != r {
            r = self.0[r];
        }
        let mut y = x;
        while self.0[y] != r {
            let next = self.0[y];
            self.0[y] = r;
            y = next;
        }
        r
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            self.0[ra.max(rb)] = ra.min(rb);
        }
    }
}

fn strong_date(q: &Quote) -> Option<When> {
    q.date
        .as_ref()
        .filter(|d| matches!(d.basis, DateBasis::Sentence | DateBasis::BackReference))
        .map(|d| d.when)
}

/// Would merging these two quotes contradict what the texts say about them?
fn vetoed(a: &Quote, b: &Quote, short_len: usize) -> bool {
    if short_len < SHORT_QUOTE
        && let (Some(x), Some(y)) = (a.speaker_entity(), b.speaker_entity())
        && x != y
    {
        return true;
    }
    if let (Some(x), Some(y)) = (strong_date(a), strong_date(b))
        && x.precision >= Precision::Day
        && y.precision >= Precision::Day
        && (x.date - y.date).num_days().abs() > 2
    {
        return true;
    }
    false
}

/// Builds the timeline of `extraction` over `articles`.
pub fn build(articles: &[Article], extraction: &Extraction) -> Timeline {
    let quotes = &extraction.quotes;
    let units: Vec<usize> = (0..quotes.len())
        .filter(|&i| matches!(quotes[i].kind, QuoteKind::Message | QuoteKind::Unquoted))
        .collect();
    let words: Vec<Words> = units
        .iter()
        .map(|&i| words_of(&articles[quotes[i].article], &quotes[i].parts))
        .collect();
    let unit_shingles: Vec<Vec<u64>> = words.iter().map(|w| shingles(&w.norm)).collect();
    let mut index = ShingleIndex::default();
    for (u, s) in unit_shingles.iter().enumerate() {
        index.add(u as u32, s);
    }

    // Each unit joins the candidate that contains it best. Finding it is independent per unit
    // (all cores); the unions are then made in unit order, so the result is deterministic.
    let best: Vec<Option<usize>> = (0..units.len())
        .into_par_iter()
        .map(|u| best_container(u, quotes, &units, &words, &unit_shingles, &index))
        .collect();
    let mut uf = UnionFind((0..units.len()).collect());
    for (u, c) in best.iter().enumerate() {
        if let Some(c) = c {
            uf.union(u, *c);
        }
    }

    // Components: a component seen only in readers' comments is not the outlets' reporting.
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for u in 0..units.len() {
        let root = uf.find(u);
        groups.entry(root).or_default().push(u);
    }
    let groups: Vec<Vec<usize>> = groups
        .into_values()
        .filter(|g| g.iter().any(|&u| quotes[units[u]].section == Section::Body))
        .collect();

    let mut unit_event: Vec<Option<usize>> = vec![None; units.len()];
    for (e, g) in groups.iter().enumerate() {
        for &u in g {
            unit_event[u] = Some(e);
        }
    }
    let mut quote_event: Vec<Option<usize>> = vec![None; quotes.len()];
    for (u, &q) in units.iter().enumerate() {
        quote_event[q] = unit_event[u];
    }
    let mut extra_sources: Vec<Vec<Source>> = vec![Vec::new(); groups.len()];

    attach_fragments(
        articles,
        quotes,
        &words,
        &index,
        &unit_event,
        &mut quote_event,
        &mut extra_sources,
    );
    attach_unmarked(
        articles,
        quotes,
        &units,
        &words,
        &index,
        &unit_event,
        &mut extra_sources,
    );

    let mut events: Vec<Event> = groups
        .iter()
        .zip(extra_sources)
        .map(|(g, extra)| assemble(articles, quotes, &units, &words, g, extra))
        .collect();
    infer_from_conversation(&mut events);
    let order = sort_events(&mut events);
    assign_ids(&mut events, articles, quotes);
    // Re-map quote -> event after sorting.
    let mut new_pos = vec![0; order.len()];
    for (new, &old) in order.iter().enumerate() {
        new_pos[old] = new;
    }
    for e in quote_event.iter_mut().flatten() {
        *e = new_pos[*e];
    }
    Timeline {
        events,
        quote_event,
    }
}

/// The unit that holds unit `u` best (most of its words, in order), if any does.
fn best_container(
    u: usize,
    quotes: &[Quote],
    units: &[usize],
    words: &[Words],
    unit_shingles: &[Vec<u64>],
    index: &ShingleIndex,
) -> Option<usize> {
    let len_u = words[u].norm.len();
    if len_u == 0 {
        return None;
    }
    let min_shared = if unit_shingles[u].len() >= 2 { 2 } else { 1 };
    let mut best: Option<(f64, usize, usize)> = None;
    for (c, _) in index.candidates(&unit_shingles[u], min_shared) {
        let c = c as usize;
        let len_c = words[c].norm.len();
        if c == u || len_c < len_u || (len_c == len_u && c > u) {
            continue;
        }
        if vetoed(&quotes[units[u]], &quotes[units[c]], len_u) {
            continue;
        }
        let ok_and_cov = if len_u < 3 {
            (words[u].norm == words[c].norm).then_some(1.0)
        } else {
            let o = overlap(&words[u].norm, &words[c].norm);
            let cov = o.coverage(len_u);
            let contained =
                cov >= SAME_MESSAGE_COVERAGE && o.compactness() >= 0.6 && o.matched >= 3;
            let overlapping = o.longest_run >= OVERLAP_RUN && cov >= 0.4;
            (contained || overlapping).then_some(cov)
        };
        if let Some(cov) = ok_and_cov
            && best.is_none_or(|(bc, bl, _)| cov > bc || (cov == bc && len_c > bl))
        {
            best = Some((cov, len_c, c));
        }
    }
    best.map(|(_, _, c)| c)
}

/// Quoted phrases inside the writers' own sentences ("promised to “ask around”") join the one
/// event whose wording holds them: word for word when short, mostly and in order when longer.
fn attach_fragments(
    articles: &[Article],
    quotes: &[Quote],
    words: &[Words],
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
    quote_event: &mut [Option<usize>],
    extra: &mut [Vec<Source>],
) {
    let mut bigrams: HashMap<u64, Vec<u32>> = HashMap::new();
    for (u, w) in words.iter().enumerate() {
        if unit_event[u].is_none() {
            continue;
        }
        for pair in w.norm.windows(2) {
            let list = bigrams
                .entry(fnv1a(format!("{} {}", pair[0], pair[1]).as_bytes()))
                .or_default();
            if list.last() != Some(&(u as u32)) {
                list.push(u as u32);
            }
        }
    }
    for (qi, q) in quotes.iter().enumerate() {
        if q.kind != QuoteKind::Mention {
            continue;
        }
        let w = words_of(&articles[q.article], &q.parts);
        if w.norm.len() < 2 {
            continue;
        }
        // (coverage, event) of every event that holds the phrase.
        let mut hits: Vec<(f64, usize)> = Vec::new();
        if w.norm.len() < 4 {
            let key = fnv1a(format!("{} {}", w.norm[0], w.norm[1]).as_bytes());
            let Some(cands) = bigrams.get(&key) else {
                continue;
            };
            if cands.len() > super::index::MAX_POSTING {
                continue;
            }
            hits.extend(
                cands
                    .iter()
                    .map(|&u| u as usize)
                    .filter(|&u| {
                        words[u]
                            .norm
                            .windows(w.norm.len())
                            .any(|win| win == w.norm.as_slice())
                    })
                    .filter_map(|u| unit_event[u].map(|e| (1.0, e))),
            );
        } else {
            for (u, _) in index.candidates(&shingles(&w.norm), 1) {
                let u = u as usize;
                let Some(e) = unit_event[u] else { continue };
                let o = overlap(&w.norm, &words[u].norm);
                let cov = o.coverage(w.norm.len());
                if cov >= SAME_MESSAGE_COVERAGE && o.compactness() >= 0.6 {
                    hits.push((cov, e));
                }
            }
        }
        hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
        hits.dedup_by_key(|h| h.1);
        let unique = match hits.as_slice() {
            [only] => Some(only.1),
            [best, next, ..] if best.0 > next.0 => Some(best.1),
            _ => None,
        };
        if let Some(e) = unique {
            quote_event[qi] = Some(e);
            extra[e].push(source_of(articles, qi, q, SourceKind::Fragment));
        }
    }
}

/// Paragraphs that carry an event's words without quotation marks (a block quotation that
/// the extractor could not tell from prose) become unquoted sources of that event.
#[allow(clippy::too_many_arguments)]
fn attach_unmarked(
    articles: &[Article],
    quotes: &[Quote],
    units: &[usize],
    words: &[Words],
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
    extra: &mut [Vec<Source>],
) {
    // Paragraphs that already hold a message quote are read as quoted.
    let mut quoted: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for &q in units {
        quoted.insert((quotes[q].article, quotes[q].paragraph));
    }
    let found: Vec<(usize, Source)> = articles
        .par_iter()
        .enumerate()
        .flat_map_iter(|(ai, article)| {
            article
                .paragraphs
                .iter()
                .enumerate()
                .filter(|(pi, p)| p.kind == ParagraphKind::Text && !quoted.contains(&(ai, *pi)))
                .filter_map(|(pi, p)| unmarked_in(ai, article, pi, p, words, index, unit_event))
                .collect::<Vec<_>>()
        })
        .collect();
    for (e, source) in found {
        if !extra[e]
            .iter()
            .any(|s| s.article == source.article && s.paragraph == source.paragraph)
        {
            extra[e].push(source);
        }
    }
}

/// The event whose words paragraph `pi` carries without quotation marks, and the source.
fn unmarked_in(
    ai: usize,
    article: &Article,
    pi: usize,
    p: &crate::corpus::Paragraph,
    words: &[Words],
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
) -> Option<(usize, Source)> {
    let tokens = tokenize(article.slice(&p.range), p.range.start);
    if tokens.len() < OVERLAP_RUN {
        return None;
    }
    let norm: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let mut best: Option<(usize, usize, std::ops::Range<usize>)> = None;
    for (u, _) in index.candidates(&shingles(&norm), 4) {
        let u = u as usize;
        let Some(e) = unit_event[u] else { continue };
        let unit_norm: Vec<&str> = words[u].norm.iter().map(String::as_str).collect();
        let o = overlap(&unit_norm, &norm);
        if o.longest_run < OVERLAP_RUN || o.compactness() < 0.6 {
            continue;
        }
        if best.as_ref().is_none_or(|(m, _, _)| o.matched > *m) {
            best = Some((o.matched, e, o.first..o.first + o.span));
        }
    }
    let (_, e, region) = best?;
    // Most of the paragraph: the whole paragraph is the block.
    let range = if region.len() * 10 >= tokens.len() * 7 {
        p.range.clone()
    } else {
        tokens[region.start].range.start..tokens[region.end - 1].range.end
    };
    Some((
        e,
        Source {
            article: ai,
            quote: None,
            kind: SourceKind::Unquoted,
            section: p.section,
            paragraph: pi,
            parts: vec![range.clone()],
            span: range.clone(),
            text: collapse_whitespace(article.slice(&range)),
            date: None,
            speaker: None,
            differences: Vec::new(),
        },
    ))
}

fn source_of(articles: &[Article], qi: usize, q: &Quote, kind: SourceKind) -> Source {
    Source {
        article: q.article,
        quote: Some(qi),
        kind,
        section: q.section,
        paragraph: q.paragraph,
        parts: q.parts.clone(),
        span: q.outer.clone(),
        text: q.text(&articles[q.article]),
        date: q.date.clone(),
        speaker: q.speaker.clone(),
        differences: Vec::new(),
    }
}

fn basis_weight(b: SpeakerBasis) -> usize {
    match b {
        SpeakerBasis::Named => 4,
        SpeakerBasis::Description => 3,
        SpeakerBasis::Pronoun => 2,
        SpeakerBasis::Inferred => 1,
    }
}

fn assemble(
    articles: &[Article],
    quotes: &[Quote],
    units: &[usize],
    words: &[Words],
    group: &[usize],
    extra: Vec<Source>,
) -> Event {
    // The most complete wording, from the outlets' own reporting when it has one.
    let canonical = *group
        .iter()
        .max_by_key(|&&u| {
            (
                quotes[units[u]].section == Section::Body,
                words[u].norm.len(),
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
            source_of(articles, qi, &quotes[qi], kind)
        })
        .chain(extra)
        .collect();
    sources.sort_by_key(|s| (s.article, s.span.start));
    let canon = &words[canonical];
    for s in &mut sources {
        let w = words_of(&articles[s.article], &s.parts);
        s.differences = differences(&w.display, &w.norm, &canon.display, &canon.norm);
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
                phrase: d.phrase.clone(),
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
                None => {
                    phrase.get_or_insert_with(|| sp.phrase.clone());
                }
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
            let e = channels.entry(*c).or_insert((0, cue.clone()));
            e.0 += 1;
        }
    }
    let channel = channels
        .into_iter()
        .max_by_key(|(c, (n, _))| (*n, std::cmp::Reverse(*c)));

    Event {
        id: String::new(),
        text,
        when: best.as_ref().map(|d| d.when),
        date_basis: best.as_ref().map(|d| d.basis),
        date_phrase: best.map(|d| d.phrase),
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

fn same_moment(a: &When, b: &When) -> bool {
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
/// correspondent is the recipient when the text does not say.
fn infer_from_conversation(events: &mut [Event]) {
    let mut counterpart: HashMap<usize, BTreeMap<usize, usize>> = HashMap::new();
    let mut pair_channel: HashMap<
        (usize, usize),
        BTreeMap<crate::extract::channel::Channel, usize>,
    > = HashMap::new();
    for e in events.iter() {
        let Some(s) = e.sender else { continue };
        for r in &e.recipients {
            if let Party::Entity(r) = *r {
                *counterpart.entry(s).or_default().entry(r).or_default() += 1;
                *counterpart.entry(r).or_default().entry(s).or_default() += 1;
                if let Some(c) = e.channel {
                    *pair_channel
                        .entry((s.min(r), s.max(r)))
                        .or_default()
                        .entry(c)
                        .or_default() += 1;
                }
            }
        }
    }
    for e in events.iter_mut() {
        let Some(s) = e.sender else { continue };
        let private = matches!(
            e.channel,
            None | Some(
                crate::extract::channel::Channel::DirectMessage
                    | crate::extract::channel::Channel::Email
            )
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
            {
                e.recipients.push(Party::Entity(r));
                e.recipients_inferred = true;
            }
        }
        if e.channel.is_none()
            && let Some(Party::Entity(r)) = e.recipients.first().copied()
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
fn sort_events(events: &mut Vec<Event>) -> Vec<usize> {
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

/// Ids from the wording: the smallest shingle hash of the event's text (a min-hash), so the
/// id stays when sources are added that quote the same words.
fn assign_ids(events: &mut [Event], articles: &[Article], quotes: &[Quote]) {
    let _ = (articles, quotes);
    let mut seen: HashMap<String, usize> = HashMap::new();
    for e in events.iter_mut() {
        let norm: Vec<String> = tokenize(&e.text, 0).into_iter().map(|t| t.norm).collect();
        let min = shingles(&norm)
            .into_iter()
            .min()
            .unwrap_or_else(|| fnv1a(e.text.as_bytes()));
        let base = format!("ev-{:010x}", min >> 24);
        let n = seen.entry(base.clone()).or_default();
        *n += 1;
        e.id = if *n == 1 { base } else { format!("{base}-{n}") };
    }
}
