//! The incremental searcher: one per search box, asked again on every keystroke.

use std::fmt;

use fuzzy_matcher::skim::SkimMatcherV2;

use super::prefilter::{FoldedQuery, narrows};
use super::{QuoteSearch, SearchHit};

/// Most earlier queries remembered (each holds its survivors); older ones are forgotten and a
/// query that needs them starts from all quotes again.
const MAX_STEPS: usize = 64;

/// One earlier query and the quotes that passed its prefilter.
struct Step {
    query: FoldedQuery,
    survivors: Vec<u32>,
}

/// Searches as the user types, narrowing each query to what earlier ones left (see the
/// module doc). Results are always those of a fresh [`QuoteSearch::search`].
pub struct SearchSession {
    /// The index the steps belong to.
    index_id: u64,
    /// Earlier queries, each an in-order subsequence of the next, so that any of them can be
    /// the starting point for a query that extends it (typing on, or deleting back).
    steps: Vec<Step>,
    matcher: SkimMatcherV2,
    matched: usize,
}

impl Default for SearchSession {
    fn default() -> SearchSession {
        SearchSession::new()
    }
}

impl fmt::Debug for SearchSession {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("SearchSession")
            .field("index_id", &self.index_id)
            .field("steps", &self.steps.len())
            .field("matched", &self.matched)
            .finish()
    }
}

impl SearchSession {
    pub fn new() -> SearchSession {
        SearchSession {
            index_id: 0,
            steps: Vec::new(),
            matcher: SkimMatcherV2::default().ignore_case(),
            matched: 0,
        }
    }

    /// The best `limit` quotes of `index` for `query` (trimmed), best first, ties in corpus
    /// order. An empty query matches nothing.
    pub fn search(&mut self, index: &QuoteSearch, query: &str, limit: usize) -> Vec<SearchHit> {
        let query = query.trim();
        if self.index_id != index.id {
            self.steps.clear();
            self.index_id = index.id;
        }
        if query.is_empty() {
            self.matched = 0;
            return Vec::new();
        }
        let folded = FoldedQuery::new(query);
        while let Some(step) = self.steps.last() {
            if narrows(&step.query, &folded) {
                break;
            }
            self.steps.pop();
        }
        let base = self.steps.last().map(|s| s.survivors.as_slice());
        let pass = index.pass(&self.matcher, query, &folded, base, limit);
        self.matched = pass.survivors.len();
        let hits = index.hits(&self.matcher, query, &pass.top);
        match self.steps.last_mut() {
            Some(step) if step.query == folded => step.survivors = pass.survivors,
            _ => {
                if self.steps.len() == MAX_STEPS {
                    self.steps.remove(0);
                }
                self.steps.push(Step {
                    query: folded,
                    survivors: pass.survivors,
                });
            }
        }
        hits
    }

    /// How many quotes passed the last query's prefilter: the number of matches (exact for
    /// ASCII queries, an upper bound otherwise).
    pub fn matched(&self) -> usize {
        self.matched
    }

    /// Forgets earlier queries (their memory too).
    pub fn reset(&mut self) {
        self.steps.clear();
        self.matched = 0;
    }
}
