//! The incremental searcher: one per search box, asked again on every keystroke.

use std::fmt;

use super::prefilter::{FoldedQuery, narrows};
use super::{Base, QuoteSearch, SearchHit};

/// Most earlier queries remembered (each holds its survivors); older ones are forgotten and a
/// query that needs them starts from all quotes again.
const MAX_STEPS: usize = 64;

/// One earlier query and the quotes that passed its prefilter.
struct Step {
    query: FoldedQuery,
    survivors: Vec<u32>,
    /// Where each survivor's leftmost match ends, if known (see `FoldedQuery::match_end`).
    ends: Vec<u32>,
    /// Whether `ends` are known (not after a one-char query, which needs only its letter set).
    resumable: bool,
}

/// Searches as the user types, narrowing each query to what earlier ones left (see the
/// module doc). Results are always those of a fresh [`QuoteSearch::search`].
pub struct SearchSession {
    /// The index the steps belong to.
    index_id: u64,
    /// Earlier queries, each an in-order subsequence of the next, so that any of them can be
    /// the starting point for a query that extends it (typing on, or deleting back).
    steps: Vec<Step>,
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
        let base = self.steps.last().map(|s| Base {
            candidates: &s.survivors,
            ends: &s.ends,
            resume_at_byte: (s.resumable && folded.extends(&s.query))
                .then_some(s.query.as_bytes().len()),
        });
        let pass = index.pass(query, &folded, base, limit);
        self.matched = pass.survivors.len();
        let hits = index.hits(query, &pass.top);
        let step = Step {
            query: folded,
            survivors: pass.survivors,
            ends: pass.ends,
            resumable: pass.resumable,
        };
        match self.steps.last_mut() {
            Some(last) if last.query == step.query => *last = step,
            _ => {
                if self.steps.len() == MAX_STEPS {
                    self.steps.remove(0);
                }
                self.steps.push(step);
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
