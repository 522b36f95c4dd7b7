//! Attaching what is not a full quote to the events: phrases quoted in passing ("promised to
//! “ask around”") and paragraphs that carry a message without quotation marks.

use rayon::prelude::*;
use rustc_hash::FxHashSet;

use super::align::overlap;
use super::assemble::source_of;
use super::bounds::{common_words, may_share_run, sorted};
use super::build::{OVERLAP_RUN, SAME_MESSAGE_COVERAGE, Words, norm_of};
use super::index::{Postings, ShingleIndex, shingles};
use super::vocab::Vocab;
use super::{Source, SourceKind};
use crate::corpus::{Article, ParagraphKind};
use crate::extract::{Quote, QuoteKind};
use crate::text::tokenize;

/// Phrases of fewer words are matched word for word, through their first word pair.
const SHORT_PHRASE: usize = 4;

/// Quoted phrases inside the writers' own sentences ("promised to “ask around”") join the one
/// event whose wording holds them: word for word when short, mostly and in order when longer.
#[allow(clippy::too_many_arguments)]
pub(super) fn attach_fragments(
    articles: &[Article],
    quotes: &[Quote],
    words: &Words,
    vocab: &Vocab,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
    quote_event: &mut [Option<usize>],
    extra: &mut [Vec<Source>],
) {
    // Short phrases are found by their first word pair. Only the pairs that open one are
    // indexed: all the units' pairs (~440,000 at 10,000 articles) made the largest structure
    // of the timeline step.
    let wanted: FxHashSet<(u32, u32)> = quotes
        .par_iter()
        .filter(|q| q.kind == QuoteKind::Mention)
        .filter_map(|q| {
            let ids = vocab.ids_of(&norm_of(&articles[q.article], &q.parts));
            (2..SHORT_PHRASE)
                .contains(&ids.len())
                .then(|| (ids[0], ids[1]))
        })
        .collect::<Vec<_>>()
        .into_iter()
        .collect();
    let bigrams: Postings<(u32, u32)> = Postings::build(|| {
        (0..words.units())
            .filter(|&u| unit_event[u].is_some())
            .map(|u| {
                let ids = words.unit(u).ids;
                let pairs = ids.windows(2).map(|pair| (pair[0], pair[1]));
                (u as u32, pairs.filter(|pair| wanted.contains(pair)))
            })
    });
    drop(wanted);
    // Each phrase is looked up on its own (all cores); joining happens in quote order.
    let joined: Vec<(usize, usize)> = quotes
        .par_iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuoteKind::Mention)
        .filter_map(|(qi, q)| {
            let norm = norm_of(&articles[q.article], &q.parts);
            let ids = vocab.ids_of(&norm);
            fragment_event(&norm, &ids, words, &bigrams, index, unit_event).map(|e| (qi, e))
        })
        .collect();
    for (qi, e) in joined {
        quote_event[qi] = Some(e);
        extra[e].push(source_of(qi, &quotes[qi], SourceKind::Fragment));
    }
}

/// The one event whose wording holds the phrase `norm` (`ids` its vocabulary ids), if exactly
/// one holds it best.
fn fragment_event(
    norm: &[String],
    ids: &[u32],
    words: &Words,
    bigrams: &Postings<(u32, u32)>,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
) -> Option<usize> {
    if ids.len() < 2 {
        return None;
    }
    // (coverage, event) of every event that holds the phrase.
    let mut hits: Vec<(f64, usize)> = Vec::new();
    if ids.len() < SHORT_PHRASE {
        let cands = bigrams.get(&(ids[0], ids[1]))?;
        if cands.len() > super::index::MAX_POSTING {
            return None;
        }
        hits.extend(
            cands
                .iter()
                .map(|&u| u as usize)
                .filter(|&u| words.unit(u).ids.windows(ids.len()).any(|win| win == ids))
                .filter_map(|u| unit_event[u].map(|e| (1.0, e))),
        );
    } else {
        let sorted_ids = sorted(ids);
        for (u, _) in index.candidates(&shingles(norm), 1) {
            let u = u as usize;
            let Some(e) = unit_event[u] else { continue };
            let bound = common_words(&sorted_ids, words.unit(u).sorted_ids);
            if (bound as f64 / ids.len() as f64) < SAME_MESSAGE_COVERAGE {
                continue;
            }
            let o = overlap(ids, words.unit(u).ids);
            let cov = o.coverage(ids.len());
            if cov >= SAME_MESSAGE_COVERAGE && o.compactness() >= 0.6 {
                hits.push((cov, e));
            }
        }
    }
    hits.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    hits.dedup_by_key(|h| h.1);
    match hits.as_slice() {
        [only] => Some(only.1),
        [best, next, ..] if best.0 > next.0 => Some(best.1),
        _ => None,
    }
}

/// Paragraphs that carry an event's words without quotation marks (a block quotation that
/// the extractor could not tell from prose) become unquoted sources of that event.
#[allow(clippy::too_many_arguments)]
pub(super) fn attach_unmarked(
    articles: &[Article],
    quotes: &[Quote],
    units: &[usize],
    words: &Words,
    vocab: &Vocab,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
    extra: &mut [Vec<Source>],
) {
    // Paragraphs that hold any part of a message quote are read as quoted.
    let mut quoted: std::collections::HashSet<(usize, usize)> = std::collections::HashSet::new();
    for &q in units {
        let paragraphs = &articles[quotes[q].article].paragraphs;
        for part in &quotes[q].parts {
            let at = paragraphs.partition_point(|p| p.range.end <= part.start);
            quoted.insert((quotes[q].article, at));
        }
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
                .filter_map(|(pi, p)| {
                    unmarked_in(ai, article, pi, p, words, vocab, index, unit_event)
                })
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
#[allow(clippy::too_many_arguments)]
pub(super) fn unmarked_in(
    ai: usize,
    article: &Article,
    pi: usize,
    p: &crate::corpus::Paragraph,
    words: &Words,
    vocab: &Vocab,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
) -> Option<(usize, Source)> {
    let tokens = tokenize(article.slice(&p.range), p.range.start);
    if tokens.len() < OVERLAP_RUN {
        return None;
    }
    let norm: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let ids = vocab.ids_of(&norm);
    let paragraph_shingles = shingles(&norm);
    let sorted_shingles = sorted(&paragraph_shingles);
    let mut best: Option<(usize, usize, std::ops::Range<usize>)> = None;
    for (u, _) in index.candidates(&paragraph_shingles, 4) {
        let u = u as usize;
        let Some(e) = unit_event[u] else { continue };
        let unit = words.unit(u);
        if !may_share_run(
            unit.shingles,
            |s| sorted_shingles.binary_search(&s).is_ok(),
            OVERLAP_RUN,
        ) {
            continue;
        }
        let o = overlap(unit.ids, &ids);
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
            date: None,
            speaker: None,
            differences: Vec::new(),
        },
    ))
}
