//! Building the timeline from extracted quotes: group, attach fragments and unmarked blocks,
//! then settle each event's date, sender, recipients and channel by weighing its sources.

use std::collections::BTreeMap;

use rayon::prelude::*;

use super::align::overlap;
use super::assemble::{assemble, assign_ids, infer_from_conversation, sort_events};
use super::attach::{attach_fragments, attach_unmarked};
use super::bounds::{common_words, may_share_run};
use super::index::ShingleIndex;
use super::words::{
    Grouping, OVERLAP_RUN, SAME_MESSAGE_COVERAGE, UnitWords, Wordings, Words, unit_words,
};
use super::{Event, Source, Timeline};
use crate::corpus::{Article, Section};
use crate::extract::{DateBasis, Extraction, Quote, QuoteKind};
use crate::progress::{LoadProgress, LoadStep};
use crate::when::{Precision, When};

/// Quotes shorter than this need an agreeing speaker to merge: short phrases recur.
const SHORT_QUOTE: usize = 12;

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
    build_grouped(articles, extraction, progress, Grouping::ByWording)
}

/// [`build_reporting`], matching once per wording or once per unit (the same timeline).
pub(crate) fn build_grouped(
    articles: &[Article],
    extraction: &Extraction,
    progress: &LoadProgress,
    grouping: Grouping,
) -> Timeline {
    let quotes = &extraction.quotes;
    let units: Vec<usize> = (0..quotes.len())
        .filter(|&i| matches!(quotes[i].kind, QuoteKind::Message | QuoteKind::Unquoted))
        .collect();
    progress.begin(LoadStep::BuildingTimeline, units.len());
    let (mut words, vocab) = unit_words(articles, quotes, &units);
    let wordings = Wordings::group(&words, grouping);
    // The index holds wordings; each weighs as many units as it has, so that the shingles
    // too common to look up are the same as in an index of units.
    let index = ShingleIndex::weighted(
        || (0..wordings.len()).map(|w| words.unit(wordings.first(w)).shingles),
        |w| wordings.units(w as usize).len(),
    );

    // Each unit joins the candidate that contains it best. Which wordings contain a wording
    // is found once per wording (all cores); which of their units each unit joins then
    // depends on the quotes (speakers, dates). The unions are made in unit order, so the
    // result is deterministic.
    let mut best: Vec<Option<usize>> = vec![None; units.len()];
    let found: Vec<Vec<(usize, Option<usize>)>> = (0..wordings.len())
        .into_par_iter()
        .map(|w| {
            let found = best_containers(w, quotes, &units, &words, &wordings, &index);
            progress.advance(found.len());
            found
        })
        .collect();
    for (u, c) in found.into_iter().flatten() {
        best[u] = c;
    }
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
        &wordings,
        &vocab,
        &index,
        &unit_event,
        &mut quote_event,
        &mut extra_sources,
        grouping,
    );
    // Unmarked blocks are matched without the sorted ids: they go before that pass.
    words.free_sorted_ids();
    attach_unmarked(
        articles,
        quotes,
        &units,
        &words,
        &wordings,
        &vocab,
        &index,
        &unit_event,
        &mut extra_sources,
        grouping,
    );

    // Settling the events needs only the units' lengths: the matching structures go first, so
    // they are not held while the events are built.
    let lens: Vec<usize> = (0..words.units()).map(|u| words.unit(u).len()).collect();
    drop((words, wordings, vocab, index));
    let mut events: Vec<Event> = groups
        .par_iter()
        .zip(extra_sources)
        .map(|(g, extra)| assemble(articles, quotes, &units, &lens, g, extra, grouping))
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

/// False when wording `u` can pass neither test of `contains` against wording `c`, whatever
/// the alignment: too few words in common, and no shared run long enough.
fn may_pass(u: &UnitWords, c: &UnitWords, c_item: u32, index: &ShingleIndex) -> bool {
    let bound = common_words(u.sorted_ids, c.sorted_ids) as f64 / u.ids.len() as f64;
    bound >= SAME_MESSAGE_COVERAGE
        || (bound >= 0.4 && may_share_run(u.shingles, |s| index.holds(s, c_item), OVERLAP_RUN))
}

/// How much of `unit` (most of its words, in order) `candidate` holds, if it holds enough to
/// be the same message. Depends on the words alone.
fn contains(
    unit: &UnitWords,
    candidate: &UnitWords,
    c_item: u32,
    index: &ShingleIndex,
) -> Option<f64> {
    let len_u = unit.len();
    if len_u < 3 {
        (unit.ids == candidate.ids).then_some(1.0)
    } else if !may_pass(unit, candidate, c_item, index) {
        None
    } else {
        let o = overlap(unit.ids, candidate.ids);
        let cov = o.coverage(len_u);
        let contained = cov >= SAME_MESSAGE_COVERAGE && o.compactness() >= 0.6 && o.matched >= 3;
        let overlapping = o.longest_run >= OVERLAP_RUN && cov >= 0.4;
        (contained || overlapping).then_some(cov)
    }
}

/// For each unit of wording `w`, the unit that holds it best (most of its words, in order),
/// if any does: the highest coverage, then the longest, then the first. Units as long as it
/// count only before it, so that two copies do not each pick the other.
fn best_containers(
    w: usize,
    quotes: &[Quote],
    units: &[usize],
    words: &Words,
    wordings: &Wordings,
    index: &ShingleIndex,
) -> Vec<(usize, Option<usize>)> {
    let members = wordings.units(w);
    let unit = words.unit(wordings.first(w));
    let len_u = unit.len();
    if len_u == 0 {
        return members.iter().map(|&u| (u as usize, None)).collect();
    }
    let min_shared = if unit.shingles.len() >= 2 { 2 } else { 1 };
    // (coverage, length, wording) of every wording that holds this one, best first.
    let mut holding: Vec<(f64, usize, usize)> = index
        .candidates(unit.shingles, min_shared)
        .into_iter()
        .filter_map(|(c, _)| {
            let c = c as usize;
            let candidate = words.unit(wordings.first(c));
            if candidate.len() < len_u {
                return None;
            }
            contains(&unit, &candidate, c as u32, index).map(|cov| (cov, candidate.len(), c))
        })
        .collect();
    holding.sort_by(|a, b| b.0.total_cmp(&a.0).then(b.1.cmp(&a.1)));
    members
        .iter()
        .map(|&u| {
            let u = u as usize;
            let mut best: Option<(f64, usize, usize)> = None;
            for &(cov, len_c, c) in &holding {
                if let Some((bc, bl, _)) = best
                    && (cov < bc || (cov == bc && len_c < bl))
                {
                    break;
                }
                // The first unit of that wording this one may join.
                let joins = wordings
                    .units(c)
                    .iter()
                    .map(|&c| c as usize)
                    .take_while(|&c| len_c > len_u || c < u)
                    .find(|&c| c != u && !vetoed(&quotes[units[u]], &quotes[units[c]], len_u));
                if let Some(c) = joins
                    && best.is_none_or(|(_, _, bu)| c < bu)
                {
                    best = Some((cov, len_c, c));
                }
            }
            (u, best.map(|(_, _, c)| c))
        })
        .collect()
}
