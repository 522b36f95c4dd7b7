//! Fuzzy search over every quote of a case, scored by fuzzy-matcher's skim algorithm.
//!
//! A letter-set prefilter rejects most quotes before scoring: a quote that lacks one of the
//! query's letters or digits cannot match. Scoring runs on all cores and only the best `limit`
//! hits are kept and sorted.

use std::cmp::Reverse;
use std::collections::BinaryHeap;

use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use rayon::prelude::*;

use crate::corpus::Article;
use crate::extract::Quote;

/// One searchable quote.
#[derive(Debug, Clone)]
struct Item {
    quote: usize,
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

/// Bit per ASCII letter and digit present (case-folded); other characters share one bit.
fn letter_set(s: &str) -> u64 {
    let mut set = 0u64;
    for c in s.chars() {
        let c = c.to_ascii_lowercase();
        let bit = match c {
            'a'..='z' => c as u32 - 'a' as u32,
            '0'..='9' => 26 + c as u32 - '0' as u32,
            c if c.is_whitespace() => continue,
            c if c.is_ascii() => continue,
            _ => 36,
        };
        set |= 1 << bit;
    }
    set
}

/// The quotes of a case, ready to search.
#[derive(Debug, Clone, Default)]
pub struct QuoteSearch {
    items: Vec<Item>,
}

impl QuoteSearch {
    pub fn new(articles: &[Article], quotes: &[Quote]) -> QuoteSearch {
        let items = quotes
            .iter()
            .enumerate()
            .map(|(i, q)| {
                let text = q.text(&articles[q.article]);
                Item {
                    quote: i,
                    letters: letter_set(&text),
                    text,
                }
            })
            .collect();
        QuoteSearch { items }
    }

    pub fn len(&self) -> usize {
        self.items.len()
    }

    pub fn is_empty(&self) -> bool {
        self.items.is_empty()
    }

    /// The best `limit` quotes for `query`, best first (ties in corpus order). An empty query
    /// matches nothing.
    pub fn search(&self, query: &str, limit: usize) -> Vec<SearchHit> {
        let query = query.trim();
        if query.is_empty() || limit == 0 {
            return Vec::new();
        }
        let needed = letter_set(query);
        let matcher = SkimMatcherV2::default().ignore_case();
        let top = self
            .items
            .par_chunks(2048)
            .map(|chunk| {
                let mut heap: BinaryHeap<Reverse<(i64, Reverse<usize>)>> = BinaryHeap::new();
                for (off, item) in chunk.iter().enumerate() {
                    if item.letters & needed != needed {
                        continue;
                    }
                    if let Some(score) = matcher.fuzzy_match(&item.text, query) {
                        let pos = item.quote;
                        let _ = off;
                        heap.push(Reverse((score, Reverse(pos))));
                        if heap.len() > limit {
                            heap.pop();
                        }
                    }
                }
                heap.into_vec()
            })
            .reduce(Vec::new, |mut a, b| {
                a.extend(b);
                a
            });
        let mut top: Vec<(i64, usize)> = top
            .into_iter()
            .map(|Reverse((s, Reverse(q)))| (s, q))
            .collect();
        top.sort_by_key(|&(s, q)| (Reverse(s), q));
        top.truncate(limit);
        top.into_iter()
            .map(|(score, q)| {
                let item = &self.items[q];
                let indices = matcher
                    .fuzzy_indices(&item.text, query)
                    .map(|(_, idx)| idx)
                    .unwrap_or_default();
                SearchHit {
                    quote: q,
                    score,
                    text: item.text.clone(),
                    indices,
                }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn letter_sets_reject_what_cannot_match() {
        let q = letter_set("wow");
        assert_eq!(letter_set("Wow.") & q, q);
        assert_ne!(letter_set("Hello there") & q, q);
    }
}
