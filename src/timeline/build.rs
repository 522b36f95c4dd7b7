//! Building the timeline from extracted quotes: group, attach fragments and unmarked blocks,
//! then settle each event's date, sender, recipients and channel by weighing its sources.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::align::overlap;
use super::assemble::{assemble, assign_ids, infer_from_conversation, sort_events};
use super::attach::{attach_fragments, attach_unmarked};
use super::bounds::{common_words, may_share_run};
use super::index::{ShingleIndex, shingles};
use super::vocab::Vocab;
use super::{Event, Source, Timeline};
use crate::corpus::{Article, Section};
use crate::extract::{DateBasis, Extraction, Quote, QuoteKind};
use crate::progress::{LoadProgress, LoadStep};
use crate::text::{Token, tokenize};
use crate::when::{Precision, When};

/// Share of a quote's words that must be found, in order, in another to be the same message.
pub(super) const SAME_MESSAGE_COVERAGE: f64 = 0.75;
/// A run of this many identical words makes two quotes overlap even when neither holds most
/// of the other (two sources quoting different halves of one message).
pub(super) const OVERLAP_RUN: usize = 8;
/// Quotes shorter than this need an agreeing speaker to merge: short phrases recur.
const SHORT_QUOTE: usize = 12;

/// Units whose words are read at once before their normalised forms are interned: the
/// strings of a chunk are dropped as soon as it is interned, so the words of every unit are
/// never held as strings at the same time (at 10,000 articles they were ~50 MB).
const WORDS_CHUNK: usize = 1024;

/// What matching needs of the units' words: vocabulary ids and shingle hashes, no strings. The
/// text itself, when needed (differences), is read again from the article with [`wording_of`].
/// Every unit's words sit in one array per kind: one small vector per unit and kind (~100,000
/// at 10,000 articles) left the allocator's pages shared between kinds, so freeing the sorted
/// ones early gave nothing back.
pub(super) struct Words {
    /// Unit `u`'s words are `word_at[u]..word_at[u + 1]` of `ids` and `sorted_ids`; its
    /// shingles, `shingle_at[u]..shingle_at[u + 1]` of `shingles`.
    word_at: Vec<usize>,
    shingle_at: Vec<usize>,
    /// The normalised words as vocabulary ids, so alignment compares integers, not strings.
    ids: Vec<u32>,
    /// Each unit's `ids` sorted, for the checks in `bounds` that spare most diffs; freed once
    /// the passes that use it are done. (Whether a unit has a shingle is asked of the shingle
    /// index, which knows it: a sorted copy of every unit's shingles cost 3.5 MB at 10,000
    /// articles.)
    sorted_ids: Vec<u32>,
    shingles: Vec<u64>,
}

/// One unit's part of [`Words`]; `sorted_ids` is empty once freed.
#[derive(Clone, Copy)]
pub(super) struct UnitWords<'a> {
    pub(super) ids: &'a [u32],
    pub(super) sorted_ids: &'a [u32],
    pub(super) shingles: &'a [u64],
}

impl UnitWords<'_> {
    /// Number of words.
    pub(super) fn len(&self) -> usize {
        self.ids.len()
    }
}

impl Words {
    /// Number of units.
    pub(super) fn units(&self) -> usize {
        self.word_at.len() - 1
    }

    pub(super) fn unit(&self, u: usize) -> UnitWords<'_> {
        let words = self.word_at[u]..self.word_at[u + 1];
        let shingles = self.shingle_at[u]..self.shingle_at[u + 1];
        UnitWords {
            ids: &self.ids[words.clone()],
            sorted_ids: self.sorted_ids.get(words).unwrap_or_default(),
            shingles: &self.shingles[shingles],
        }
    }

    pub(super) fn free_sorted_ids(&mut self) {
        self.sorted_ids = Vec::new();
    }
}

/// `values` with each piece `at[i]..at[i + 1]` sorted on its own.
fn sorted_pieces<T: Ord + Copy + Send>(values: &[T], at: &[usize]) -> Vec<T> {
    let mut out = values.to_vec();
    let mut pieces: Vec<&mut [T]> = Vec::with_capacity(at.len());
    let mut rest = out.as_mut_slice();
    for w in at.windows(2) {
        let (piece, tail) = std::mem::take(&mut rest).split_at_mut(w[1] - w[0]);
        pieces.push(piece);
        rest = tail;
    }
    pieces.par_iter_mut().for_each(|p| p.sort_unstable());
    drop(pieces);
    out
}

/// Words of a quote as written: display words and normalised forms, one to one.
pub(super) struct Wording {
    pub(super) norm: Vec<String>,
    pub(super) display: Vec<String>,
}

pub(super) fn wording_of(article: &Article, parts: &[std::ops::Range<usize>]) -> Wording {
    let mut norm = Vec::new();
    let mut display = Vec::new();
    for r in parts {
        let tokens: Vec<Token> = tokenize(article.slice(r), r.start);
        // Each word as written with what follows it up to the next word of the same part
        // ("putintrump." + "org "), so a run of words reads as the source has it.
        for (i, t) in tokens.iter().enumerate() {
            let end = tokens.get(i + 1).map_or(t.range.end, |n| n.range.start);
            display.push(article.slice(&(t.range.start..end)).to_string());
        }
        norm.extend(tokens.into_iter().map(|t| t.norm));
    }
    Wording { norm, display }
}

/// The normalised words of a quote (the `norm` of [`wording_of`], without the display words).
pub(super) fn norm_of(article: &Article, parts: &[std::ops::Range<usize>]) -> Vec<String> {
    let mut norm = Vec::new();
    for r in parts {
        norm.extend(
            tokenize(article.slice(r), r.start)
                .into_iter()
                .map(|t| t.norm),
        );
    }
    norm
}

/// The words of every unit, and the vocabulary of their normalised forms. Ids are given in
/// unit order, word by word.
fn unit_words(articles: &[Article], quotes: &[Quote], units: &[usize]) -> (Words, Vocab) {
    let mut vocab = Vocab::default();
    let mut word_at = Vec::with_capacity(units.len() + 1);
    let mut shingle_at = Vec::with_capacity(units.len() + 1);
    word_at.push(0);
    shingle_at.push(0);
    // Per chunk, then joined into arrays of the exact size.
    let mut chunk_ids: Vec<Vec<u32>> = Vec::new();
    let mut chunk_shingles: Vec<Vec<u64>> = Vec::new();
    for chunk in units.chunks(WORDS_CHUNK) {
        let norms: Vec<(Vec<String>, Vec<u64>)> = chunk
            .par_iter()
            .map(|&i| {
                let norm = norm_of(&articles[quotes[i].article], &quotes[i].parts);
                let shingles = shingles(&norm);
                (norm, shingles)
            })
            .collect();
        let mut ids = Vec::new();
        let mut shingles = Vec::new();
        for (norm, unit_shingles) in norms {
            let (words_before, shingles_before) =
                (word_at[word_at.len() - 1], shingle_at[shingle_at.len() - 1]);
            word_at.push(words_before + norm.len());
            shingle_at.push(shingles_before + unit_shingles.len());
            ids.extend(vocab.intern(&norm));
            shingles.extend(unit_shingles);
        }
        chunk_ids.push(ids);
        chunk_shingles.push(shingles);
    }
    let ids = chunk_ids.concat();
    drop(chunk_ids);
    let shingles = chunk_shingles.concat();
    drop(chunk_shingles);
    let sorted_ids = sorted_pieces(&ids, &word_at);
    let words = Words {
        word_at,
        shingle_at,
        ids,
        sorted_ids,
        shingles,
    };
    (words, vocab)
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
    build_reporting(articles, extraction, &LoadProgress::default())
}

/// [`build`], counting into `progress` the quotes whose best match has been looked for.
pub fn build_reporting(
    articles: &[Article],
    extraction: &Extraction,
    progress: &LoadProgress,
) -> Timeline {
    let quotes = &extraction.quotes;
    let units: Vec<usize> = (0..quotes.len())
        .filter(|&i| matches!(quotes[i].kind, QuoteKind::Message | QuoteKind::Unquoted))
        .collect();
    progress.begin(LoadStep::BuildingTimeline, units.len());
    let (mut words, vocab) = unit_words(articles, quotes, &units);
    let index = ShingleIndex::new(|| (0..words.units()).map(|u| words.unit(u).shingles));

    // Each unit joins the candidate that contains it best. Finding it is independent per unit
    // (all cores); the unions are then made in unit order, so the result is deterministic.
    let best: Vec<Option<usize>> = (0..units.len())
        .into_par_iter()
        .map(|u| {
            let best = best_container(u, quotes, &units, &words, &index);
            progress.advance(1);
            best
        })
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
        &vocab,
        &index,
        &unit_event,
        &mut quote_event,
        &mut extra_sources,
    );
    // Unmarked blocks are matched without the sorted ids: they go before that pass.
    words.free_sorted_ids();
    attach_unmarked(
        articles,
        quotes,
        &units,
        &words,
        &vocab,
        &index,
        &unit_event,
        &mut extra_sources,
    );

    // Settling the events needs only the units' lengths: the matching structures go first, so
    // they are not held while the events are built.
    let lens: Vec<usize> = (0..words.units()).map(|u| words.unit(u).len()).collect();
    drop((words, vocab, index));
    let mut events: Vec<Event> = groups
        .par_iter()
        .zip(extra_sources)
        .map(|(g, extra)| assemble(articles, quotes, &units, &lens, g, extra))
        .collect();
    infer_from_conversation(&mut events);
    let order = sort_events(&mut events);
    assign_ids(&mut events);
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

/// False when unit `u` can pass neither test of `best_container` against unit `c`, whatever
/// the alignment: too few words in common, and no shared run long enough.
fn may_pass(u: &UnitWords, c: &UnitWords, c_item: u32, index: &ShingleIndex) -> bool {
    let bound = common_words(u.sorted_ids, c.sorted_ids) as f64 / u.ids.len() as f64;
    bound >= SAME_MESSAGE_COVERAGE
        || (bound >= 0.4 && may_share_run(u.shingles, |s| index.holds(s, c_item), OVERLAP_RUN))
}

/// The unit that holds unit `u` best (most of its words, in order), if any does.
fn best_container(
    u: usize,
    quotes: &[Quote],
    units: &[usize],
    words: &Words,
    index: &ShingleIndex,
) -> Option<usize> {
    let unit = words.unit(u);
    let len_u = unit.len();
    if len_u == 0 {
        return None;
    }
    let min_shared = if unit.shingles.len() >= 2 { 2 } else { 1 };
    let mut best: Option<(f64, usize, usize)> = None;
    for (c, _) in index.candidates(unit.shingles, min_shared) {
        let c = c as usize;
        let candidate = words.unit(c);
        let len_c = candidate.len();
        if c == u || len_c < len_u || (len_c == len_u && c > u) {
            continue;
        }
        if vetoed(&quotes[units[u]], &quotes[units[c]], len_u) {
            continue;
        }
        let ok_and_cov = if len_u < 3 {
            (unit.ids == candidate.ids).then_some(1.0)
        } else if !may_pass(&unit, &candidate, c as u32, index) {
            None
        } else {
            let o = overlap(unit.ids, candidate.ids);
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
