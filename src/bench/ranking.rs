//! How far the search's top hits agree with an exhaustive ranking: every quote scored by
//! `SkimMatcherV2`, best first, ties in corpus order (what an uncapped search would show).

use fuzzy_matcher::FuzzyMatcher;
use rayon::prelude::*;

use crate::search::{QuoteSearch, skim};

/// The exhaustive top `limit` of `query` over the index's quotes: (score, quote), best first.
pub fn exhaustive_top(index: &QuoteSearch, query: &str, limit: usize) -> Vec<(i64, usize)> {
    let mut all: Vec<(i64, usize)> = (0..index.len())
        .into_par_iter()
        .filter_map(|i| skim().fuzzy_match(index.text(i), query).map(|s| (s, i)))
        .collect();
    all.sort_unstable_by_key(|&(s, i)| (std::cmp::Reverse(s), i));
    all.truncate(limit);
    all
}

/// How many of the search's top `limit` quotes for `query` are in the exhaustive top `limit`
/// (out of how many there are: fewer when fewer quotes match).
pub fn agreement(index: &QuoteSearch, query: &str, limit: usize) -> (usize, usize) {
    let exhaustive: Vec<usize> = exhaustive_top(index, query, limit)
        .into_iter()
        .map(|(_, i)| i)
        .collect();
    let shared = index
        .search(query, limit)
        .iter()
        .filter(|h| exhaustive.contains(&h.quote))
        .count();
    (shared, exhaustive.len())
}
