//! Attaching what is not a full quote to the events: phrases quoted in passing ("promised to
//! “ask around”") and paragraphs that carry a message without quotation marks.

use rayon::prelude::*;
use rustc_hash::{FxHashMap, FxHashSet};

use super::align::overlap;
use super::bounds::{common_words, may_share_run, sorted};
use super::index::{Postings, ShingleIndex, shingles};
use super::vocab::Vocab;
use super::words::{Grouping, OVERLAP_RUN, SAME_MESSAGE_COVERAGE, Wordings, Words, norm_of};
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
    wordings: &Wordings,
    vocab: &Vocab,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
    quote_event: &mut [Option<usize>],
    extra: &mut [Vec<Source>],
    grouping: Grouping,
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
    // Each distinct phrase is looked up once (all cores); joining happens in quote order.
    let phrases: Vec<(usize, Vec<String>)> = quotes
        .par_iter()
        .enumerate()
        .filter(|(_, q)| q.kind == QuoteKind::Mention)
        .map(|(qi, q)| (qi, norm_of(&articles[q.article], &q.parts)))
        .collect();
    let mut distinct: FxHashMap<&[String], usize> = FxHashMap::default();
    let mut looked_up: Vec<&[String]> = Vec::new();
    let phrase_of: Vec<usize> = phrases
        .iter()
        .map(|(_, norm)| {
            let mut add = || {
                looked_up.push(norm.as_slice());
                looked_up.len() - 1
            };
            match grouping {
                Grouping::ByWording => *distinct.entry(norm.as_slice()).or_insert_with(add),
                Grouping::PerUnit => add(),
            }
        })
        .collect();
    drop(distinct);
    let events: Vec<Option<usize>> = looked_up
        .par_iter()
        .map(|norm| {
            let ids = vocab.ids_of(norm);
            fragment_event(norm, &ids, words, wordings, &bigrams, index, unit_event)
        })
        .collect();
    for ((qi, _), i) in phrases.iter().zip(phrase_of) {
        if let Some(e) = events[i] {
            quote_event[*qi] = Some(e);
            extra[e].push(Source::of_quote(*qi, &quotes[*qi], SourceKind::Fragment));
        }
    }
}

/// The one event whose wording holds the phrase `norm` (`ids` its vocabulary ids), if exactly
/// one holds it best.
fn fragment_event(
    norm: &[String],
    ids: &[u32],
    words: &Words,
    wordings: &Wordings,
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
        for (w, _) in index.candidates(&shingles(norm), 1) {
            let members = wordings.units(w as usize);
            if members.iter().all(|&u| unit_event[u as usize].is_none()) {
                continue;
            }
            let unit = words.unit(wordings.first(w as usize));
            let bound = common_words(&sorted_ids, unit.sorted_ids);
            if (bound as f64 / ids.len() as f64) < SAME_MESSAGE_COVERAGE {
                continue;
            }
            let o = overlap(ids, unit.ids);
            let cov = o.coverage(ids.len());
            if cov >= SAME_MESSAGE_COVERAGE && o.compactness() >= 0.6 {
                hits.extend(
                    members
                        .iter()
                        .filter_map(|&u| unit_event[u as usize])
                        .map(|e| (cov, e)),
                );
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
/// the extractor could not tell from prose) become unquoted sources of that event. A text
/// that several articles carry is matched once.
#[allow(clippy::too_many_arguments)]
pub(super) fn attach_unmarked(
    articles: &[Article],
    quotes: &[Quote],
    units: &[usize],
    words: &Words,
    wordings: &Wordings,
    vocab: &Vocab,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
    extra: &mut [Vec<Source>],
    grouping: Grouping,
) {
    // Paragraphs that hold any part of a message quote are read as quoted.
    let mut quoted: FxHashSet<(usize, usize)> = FxHashSet::default();
    for &q in units {
        let paragraphs = &articles[quotes[q].article].paragraphs;
        for part in &quotes[q].parts {
            let at = paragraphs.partition_point(|p| p.range.end <= part.start);
            quoted.insert((quotes[q].article, at));
        }
    }
    // (article, paragraph, its distinct text), in article and paragraph order.
    let mut distinct: FxHashMap<&str, usize> = FxHashMap::default();
    let mut texts: Vec<&str> = Vec::new();
    let mut open: Vec<(usize, usize, usize)> = Vec::new();
    for (ai, article) in articles.iter().enumerate() {
        for (pi, p) in article.paragraphs.iter().enumerate() {
            if p.kind != ParagraphKind::Text || quoted.contains(&(ai, pi)) {
                continue;
            }
            let text = article.slice(&p.range);
            let i = match grouping {
                Grouping::ByWording => *distinct.entry(text).or_insert_with(|| {
                    texts.push(text);
                    texts.len() - 1
                }),
                Grouping::PerUnit => {
                    texts.push(text);
                    texts.len() - 1
                }
            };
            open.push((ai, pi, i));
        }
    }
    drop((distinct, quoted));
    let blocks: Vec<Option<Unmarked>> = texts
        .par_iter()
        .map(|text| unmarked_in(text, words, wordings, vocab, index, unit_event))
        .collect();
    for (ai, pi, i) in open {
        let Some(block) = &blocks[i] else { continue };
        let p = &articles[ai].paragraphs[pi];
        let range = match &block.region {
            None => p.range.clone(),
            Some(r) => p.range.start + r.start..p.range.start + r.end,
        };
        let e = block.event;
        if !extra[e]
            .iter()
            .any(|s| s.article == ai && s.paragraph == pi)
        {
            extra[e].push(Source {
                article: ai,
                quote: None,
                kind: SourceKind::Unquoted,
                section: p.section,
                paragraph: pi,
                parts: vec![range.clone()],
                span: range,
                date: None,
                speaker: None,
                differences: Vec::new(),
            });
        }
    }
}

/// The event a paragraph's text carries without quotation marks.
struct Unmarked {
    event: usize,
    /// The bytes of the paragraph that carry it, when not the whole paragraph.
    region: Option<std::ops::Range<usize>>,
}

/// The event whose words the paragraph text `text` carries without quotation marks, if any.
fn unmarked_in(
    text: &str,
    words: &Words,
    wordings: &Wordings,
    vocab: &Vocab,
    index: &ShingleIndex,
    unit_event: &[Option<usize>],
) -> Option<Unmarked> {
    let tokens = tokenize(text, 0);
    if tokens.len() < OVERLAP_RUN {
        return None;
    }
    let norm: Vec<&str> = tokens.iter().map(|t| t.norm.as_str()).collect();
    let ids = vocab.ids_of(&norm);
    let paragraph_shingles = shingles(&norm);
    let sorted_shingles = sorted(&paragraph_shingles);
    // (matched words, unit, event, region): the most words, then the first unit.
    let mut best: Option<(usize, usize, usize, std::ops::Range<usize>)> = None;
    for (w, _) in index.candidates(&paragraph_shingles, 4) {
        let w = w as usize;
        let Some((u, e)) = wordings
            .units(w)
            .iter()
            .find_map(|&u| unit_event[u as usize].map(|e| (u as usize, e)))
        else {
            continue;
        };
        let unit = words.unit(wordings.first(w));
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
        if best
            .as_ref()
            .is_none_or(|(m, bu, _, _)| o.matched > *m || (o.matched == *m && u < *bu))
        {
            best = Some((o.matched, u, e, o.first..o.first + o.span));
        }
    }
    let (_, _, event, region) = best?;
    // Most of the paragraph: the whole paragraph is the block.
    let region = (region.len() * 10 < tokens.len() * 7)
        .then(|| tokens[region.start].range.start..tokens[region.end - 1].range.end);
    Some(Unmarked { event, region })
}
