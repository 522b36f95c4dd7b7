//! Fuzzy search over every quote of a case, scored by fuzzy-matcher's `SkimMatcherV2`
//! (case-insensitive), built to answer every keystroke within a frame at 100,000 quotes.
//!
//! # API
//!
//! - [`QuoteSearch::new`] indexes a case's quotes once (or [`QuoteSearch::from_texts`] any
//!   strings); [`QuoteSearch::search`]`(query, limit)` is a one-off search, best first.
//! - [`SearchSession`] is the incremental searcher for typing: keep one per search box and call
//!   [`SearchSession::search`]`(&index, query, limit)` on every keystroke. It remembers the
//!   quotes that survived earlier queries and, when the new query extends one of them (typing
//!   on, or deleting back to it), only looks at those. Its results are the same as a fresh
//!   [`QuoteSearch::search`]. [`SearchSession::matched`] is how many quotes matched last time.
//! - Everything is `Send + Sync`: the TUI can move a `SearchSession` and an
//!   `Arc<QuoteSearch>` to a worker thread, send it queries and send the hits back.
//!
//! # How it is fast
//!
//! 1. A letter-set bitmask per quote rejects quotes lacking one of the query's letters.
//! 2. A byte check (the query's bytes in order, ASCII case-folded, memchr-driven) rejects the
//!    rest of the non-matches; it is exactly skim's match condition for ASCII queries.
//! 3. Narrowing (in a session): an extended query only checks the previous survivors, and
//!    when it only appends characters, resumes each check where the previous match ended.
//! 4. Survivors are scored by `SkimMatcherV2` on all cores, each chunk keeping its top `limit`
//!    in a heap (no full sort); match indices are computed only for the returned hits.
//! 5. A query that still has more survivors than its [`score_cap`] (at most [`SCORE_CAP`],
//!    fewer for long queries, whose skim calls cost more) scores only that many. From three
//!    chars on, every survivor's score is estimated first (on all cores): where the text holds
//!    the query contiguously, skim's own formula for that alignment, found with SIMD substring
//!    search ([`ContiguousFinder`]); only when fewer than `limit` texts hold it so (a typo),
//!    the shortest stretches holding it spread out are estimated too. The `cap` best estimates
//!    (ties in corpus order) are scored, so the best matches are found wherever they are in
//!    the corpus: on 100,000 quotes the top 20 agree with an exhaustive ranking (`casefile
//!    bench`, agreement column). One- and two-char queries, whose survivors are most of the
//!    corpus, take the most relevant of their first [`CLASSIFIED_PER_SCORED`] x cap
//!    survivors: contiguous at a word start, then contiguous anywhere, then the rest. The
//!    choice depends only on the query and the survivors, so narrowing still gives a fresh
//!    search's results.
//!
//! Ordering: higher score first; equal scores in corpus (quote) order.

mod prefilter;
mod session;
#[cfg(test)]
mod tests;

use std::cmp::Reverse;
use std::collections::BinaryHeap;
use std::sync::atomic::{AtomicU64, Ordering};

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::corpus::Article;
use crate::extract::Quote;

pub use prefilter::{ContiguousFinder, FoldedQuery, letter_set};
pub use session::SearchSession;

/// Most survivors one keystroke scores (see the module doc): about what two cores score
/// with SkimMatcherV2 in a frame, with room for the prefilter.
pub const SCORE_CAP: usize = 1_000;

/// One searchable quote.
#[derive(Debug, Clone)]
struct Item {
    text: String,
    letters: u64,
}

/// A quote that matched, with the positions (char indices into `text`) of the matched
/// characters, for highlighting.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SearchHit {
    pub quote: usize,
    pub score: i64,
    pub text: String,
    pub indices: Vec<usize>,
}

/// Skim's cost grows with the query's length: a long query scores fewer survivors, down to
/// this many query chars per keystroke over the scored ones (`score_cap`).
const SCORED_QUERY_CHARS: usize = 4 * SCORE_CAP;

/// How many survivors a query of `query_chars` chars scores at most: [`SCORE_CAP`] for up to
/// four chars, fewer for longer (more specific) queries, never under a fifth of the cap.
pub fn score_cap(query_chars: usize) -> usize {
    (SCORED_QUERY_CHARS / query_chars.max(1)).clamp(SCORE_CAP / 5, SCORE_CAP)
}

/// Queries of at least this many chars choose what they score by estimating every
/// survivor's score; shorter ones (whose survivors are most of the corpus, and whose results
/// change at the next keystroke) by the cheaper relevance levels.
pub const ESTIMATED_FROM_CHARS: usize = 3;

/// Of the survivors that hold the query only spread out, this many times the room left are
/// estimated in full: those with the shortest stretches holding the query.
const SPREAD_ESTIMATED_PER_ROOM: usize = 4;

/// A capped search looks at this many times its cap of survivors to choose what it scores.
pub const CLASSIFIED_PER_SCORED: usize = 8;

/// The scorer, fresh for every call: fuzzy-matcher 0.3.7 reuses a per-thread score matrix
/// whose stale bonus cells can move a score by a point depending on what that thread scored
/// before (and its `use_cache(false)` panics), so a shared matcher's scores would depend on
/// the order of the work. A new one costs a few small allocations.
pub fn skim() -> SkimMatcherV2 {
    SkimMatcherV2::default().ignore_case()
}

/// Candidates per parallel chunk: a few chunks per thread, not too small to be worth it.
fn chunk_len(n: usize) -> usize {
    (n / (rayon::current_num_threads() * 4)).clamp(128, 16_384)
}

/// Tells indexes apart, so that a session used with another index starts over.
static NEXT_INDEX_ID: AtomicU64 = AtomicU64::new(1);

/// The quotes of a case, ready to search.
#[derive(Debug, Clone)]
pub struct QuoteSearch {
    items: Vec<Item>,
    /// `0..items.len()`: the candidates of a search with nothing to narrow from.
    all: Vec<u32>,
    id: u64,
}

impl Default for QuoteSearch {
    fn default() -> QuoteSearch {
        QuoteSearch::from_texts(Vec::new())
    }
}

/// What one pass over the candidates found: the quotes that passed the prefilter (in corpus
/// order, for narrowing later) and the best `limit` of them with their scores.
struct Pass {
    survivors: Vec<u32>,
    /// Per survivor, where the leftmost match of the query ends (see `Base`).
    ends: Vec<u32>,
    top: Vec<(i64, u32)>,
    /// Whether `ends` are real match ends (not for one-char queries).
    resumable: bool,
}

/// Where a narrowed search starts: an earlier query's survivors and their match ends, and,
/// when the new query only appends to it, the query byte to resume matching at.
struct Base<'a> {
    candidates: &'a [u32],
    ends: &'a [u32],
    resume_at_byte: Option<usize>,
}

impl QuoteSearch {
    pub fn new(articles: &[Article], quotes: &[Quote]) -> QuoteSearch {
        let texts: Vec<String> = quotes
            .par_iter()
            .map(|q| q.text(&articles[q.article]))
            .collect();
        QuoteSearch::from_texts(texts)
    }

    /// An index over arbitrary texts; hit `quote` is the text's position.
    pub fn from_texts(texts: impl IntoIterator<Item = String>) -> QuoteSearch {
        let texts: Vec<String> = texts.into_iter().collect();
        let items: Vec<Item> = texts
            .into_par_iter()
            .map(|mut text| {
                // Kept as long as the case is open: without the spare room a text built piece
                // by piece has (~1 MB over the 26,000 quotes of 10,000 articles).
                text.shrink_to_fit();
                Item {
                    letters: letter_set(&text),
                    text,
                }
            })
            .collect();
        let all = (0..items.len() as u32).collect();
        QuoteSearch {
            items,
            all,
            id: NEXT_INDEX_ID.fetch_add(1, Ordering::Relaxed),
        }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The text of quote `i`.
    pub fn text(&self, i: usize) -> &str {
        &self.items[i].text
    }

    /// The best `limit` quotes for `query`, best first (ties in corpus order). An empty query
    /// matches nothing. The same as a fresh [`SearchSession`]'s first search.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        SearchSession::new().search(self, query, limit)
    }

    /// Checks `candidates` against `query` and scores the survivors, or the [`SCORE_CAP`]
    /// most relevant of them (see the module doc).
    fn pass(
        &self,
        query: &str,
        folded: &FoldedQuery,
        base: Option<Base<'_>>,
        limit: usize,
    ) -> Pass {
        let (candidates, ends, resume) = match &base {
            Some(b) => (b.candidates, Some(b.ends), b.resume_at_byte),
            None => (self.all.as_slice(), None, None),
        };
        // Resuming needs the earlier match ends; without them, check from the start.
        let resume = resume.filter(|_| ends.is_some());
        // One ASCII letter or digit: its bit in the letter set is the whole answer (its end
        // is then unknown, and a longer query checks from the start).
        let mask_decides = matches!(folded.as_bytes(), [b] if b.is_ascii_alphanumeric());
        let chunk = chunk_len(candidates.len());
        let check = |i: u32, end: u32| -> Option<(u32, u32)> {
            let item = &self.items[i as usize];
            if item.letters & folded.letters != folded.letters {
                return None;
            }
            if mask_decides {
                return Some((i, 0));
            }
            let text = item.text.as_bytes();
            let found = match resume {
                Some(byte) => folded.match_end(text, end as usize, byte),
                None => folded.match_end(text, 0, 0),
            };
            found.map(|e| (i, e as u32))
        };
        let (survivors, ends): (Vec<u32>, Vec<u32>) = match ends {
            Some(ends) => candidates
                .par_chunks(chunk)
                .zip(ends.par_chunks(chunk))
                .flat_map_iter(|(ids, ends)| {
                    ids.iter().zip(ends).filter_map(|(&i, &e)| check(i, e))
                })
                .unzip(),
            None => candidates
                .par_chunks(chunk)
                .flat_map_iter(|ids| ids.iter().filter_map(|&i| check(i, 0)))
                .unzip(),
        };
        let cap = score_cap(query.chars().count());
        let relevant;
        let scored = if survivors.len() <= cap {
            &survivors
        } else if query.chars().count() < ESTIMATED_FROM_CHARS {
            relevant = self.most_relevant(folded, &survivors, cap);
            &relevant
        } else {
            relevant = self.best_estimated(query, folded, &survivors, &ends, cap, limit);
            &relevant
        };
        let top = scored
            .par_chunks(chunk_len(scored.len()))
            .map(|chunk| {
                let mut top = TopK::new(limit);
                for &i in chunk {
                    if let Some(score) = skim().fuzzy_match(&self.items[i as usize].text, query) {
                        top.push(score, i);
                    }
                }
                top.into_vec()
            })
            .flatten_iter()
            .collect();
        Pass {
            survivors,
            ends,
            resumable: !mask_decides,
            top: best_first(top, limit),
        }
    }

    /// The `cap` survivors with the highest [`FoldedQuery::estimate`], ties in corpus order:
    /// every survivor is estimated, on all cores, so the best matches are scored wherever they
    /// are in the corpus. Those that hold the query only spread out come after, by
    /// [`FoldedQuery::spread_estimate`] (dearer), only when fewer than `limit` hold it
    /// contiguously (a typo).
    fn best_estimated(
        &self,
        query: &str,
        folded: &FoldedQuery,
        survivors: &[u32],
        ends: &[u32],
        cap: usize,
        limit: usize,
    ) -> Vec<u32> {
        let query = query.as_bytes();
        let text = |i: u32| self.items[i as usize].text.as_bytes();
        let chunk = chunk_len(survivors.len());
        let finder = ContiguousFinder::new(folded);
        // Contiguous ones with their estimate; the others with their match end.
        let (contiguous, spread): (Vec<_>, Vec<_>) = survivors
            .par_chunks(chunk)
            .zip(ends.par_chunks(chunk))
            .flat_map_iter(|(ids, ends)| {
                ids.iter()
                    .zip(ends)
                    .map(|(&i, &end)| match finder.estimate(text(i), query) {
                        Some(e) => Ok((Reverse(e), i)),
                        None => Err((i, end)),
                    })
            })
            .partition_map(|r| match r {
                Ok(c) => rayon::iter::Either::Left(c),
                Err(s) => rayon::iter::Either::Right(s),
            });
        let mut contiguous: Vec<(Reverse<i32>, u32)> = contiguous;
        let spread: Vec<(u32, u32)> = spread;
        let mut chosen = top(&mut contiguous, cap);
        // Enough quotes hold the query as typed to fill the hits: a spread-out match, which
        // pays for every gap, is not looked for among the rest.
        let room = if chosen.len() >= limit {
            0
        } else {
            cap - chosen.len()
        };
        if room > 0 {
            // The shortest stretches first (cheap), then those few estimated in full.
            let mut windows: Vec<(Reverse<i32>, u32)> = spread
                .par_iter()
                .enumerate()
                .with_min_len(chunk_len(spread.len()))
                .map(|(at, &(i, end))| {
                    let len = folded
                        .window_start(text(i), end as usize)
                        .map_or(i32::MIN, |start| start as i32 - end as i32);
                    (Reverse(len), at as u32)
                })
                .collect();
            let shortest = top(&mut windows, SPREAD_ESTIMATED_PER_ROOM * room);
            let mut spread: Vec<(Reverse<i32>, u32)> = shortest
                .par_iter()
                .map(|&at| {
                    let (i, end) = spread[at as usize];
                    let e = folded
                        .spread_estimate(text(i), query, end as usize)
                        .unwrap_or(i32::MIN);
                    (Reverse(e), i)
                })
                .collect();
            chosen.extend(top(&mut spread, room));
        }
        chosen.sort_unstable();
        chosen
    }

    /// The first `cap` survivors by relevance, each level in corpus order, among the first
    /// [`CLASSIFIED_PER_SCORED`] x `cap` survivors. Classified in waves, stopping once the
    /// best level alone fills the cap (the usual case for a common word), so that a broad
    /// query costs the same at any corpus size.
    fn most_relevant(&self, folded: &FoldedQuery, survivors: &[u32], cap: usize) -> Vec<u32> {
        let mut levels: [Vec<u32>; 3] = Default::default();
        let classified = &survivors[..survivors.len().min(CLASSIFIED_PER_SCORED * cap)];
        for wave in classified.chunks(2 * cap) {
            let parts: Vec<[Vec<u32>; 3]> = wave
                .par_chunks(chunk_len(wave.len()))
                .map(|chunk| {
                    let mut levels: [Vec<u32>; 3] = Default::default();
                    for &i in chunk {
                        let text = self.items[i as usize].text.as_bytes();
                        levels[folded.relevance(text) as usize].push(i);
                    }
                    levels
                })
                .collect();
            for part in parts {
                for (level, found) in levels.iter_mut().zip(part) {
                    let room = cap - level.len();
                    level.extend(found.into_iter().take(room));
                }
            }
            if levels[0].len() == cap {
                break;
            }
        }
        let [word_start, inside, spread] = levels;
        let mut chosen = word_start;
        for level in [inside, spread] {
            let room = cap - chosen.len();
            chosen.extend(level.into_iter().take(room));
        }
        chosen
    }

    /// The hits for the chosen quotes, with match positions (computed only for these).
    fn hits(&self, query: &str, top: &[(i64, u32)]) -> Vec<SearchHit> {
        top.iter()
            .map(|&(score, i)| {
                let text = &self.items[i as usize].text;
                let indices = skim()
                    .fuzzy_indices(text, query)
                    .map(|(_, idx)| idx)
                    .unwrap_or_default();
                SearchHit {
                    quote: i as usize,
                    score,
                    text: text.clone(),
                    indices,
                }
            })
            .collect()
    }
}

/// The best `limit` (score, quote) pairs seen, as a min-heap: the worst kept is on top and is
/// the one pushed out. Among equal scores the later quote counts as worse.
struct TopK {
    limit: usize,
    heap: BinaryHeap<Reverse<(i64, Reverse<u32>)>>,
}

impl TopK {
    fn new(limit: usize) -> TopK {
        TopK {
            limit,
            heap: BinaryHeap::with_capacity(limit.min(1024) + 1),
        }
    }

    fn push(&mut self, score: i64, quote: u32) {
        if self.heap.len() == self.limit {
            match self.heap.peek() {
                Some(Reverse((worst, Reverse(q))))
                    if (score, Reverse(quote)) > (*worst, Reverse(*q)) =>
                {
                    self.heap.pop();
                }
                _ => return,
            }
        }
        self.heap.push(Reverse((score, Reverse(quote))));
    }

    fn into_vec(self) -> Vec<(i64, u32)> {
        self.heap
            .into_iter()
            .map(|Reverse((s, Reverse(q)))| (s, q))
            .collect()
    }
}

/// The quotes of the `n` best (estimate, quote) pairs, in no order.
fn top(estimated: &mut Vec<(Reverse<i32>, u32)>, n: usize) -> Vec<u32> {
    if estimated.len() > n && n > 0 {
        estimated.select_nth_unstable(n - 1);
    }
    estimated.truncate(n);
    estimated.iter().map(|&(_, i)| i).collect()
}

/// Best first, ties in corpus order, at most `limit`.
fn best_first(mut top: Vec<(i64, u32)>, limit: usize) -> Vec<(i64, u32)> {
    top.sort_unstable_by_key(|&(s, q)| (Reverse(s), q));
    top.truncate(limit);
    top
}
