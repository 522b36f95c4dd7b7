use fuzzy_matcher::FuzzyMatcher;
use fuzzy_matcher::skim::SkimMatcherV2;
use proptest::prelude::*;

use super::prefilter::{FoldedQuery, Relevance, narrows};
use super::*;

fn index(texts: &[&str]) -> QuoteSearch {
    QuoteSearch::from_texts(texts.iter().map(|t| t.to_string()))
}

/// Every match of plain SkimMatcherV2 (fresh per call, see `skim`), best first, ties in
/// corpus order.
fn plain_skim(texts: &[String], query: &str) -> Vec<(i64, usize)> {
    let mut all: Vec<(i64, usize)> = texts
        .iter()
        .enumerate()
        .filter_map(|(i, t)| skim().fuzzy_match(t, query).map(|s| (s, i)))
        .collect();
    all.sort_by_key(|&(s, i)| (std::cmp::Reverse(s), i));
    all
}

#[test]
fn letter_sets_reject_what_cannot_match() {
    let q = letter_set("wow");
    assert_eq!(letter_set("Wow.") & q, q);
    assert_ne!(letter_set("Hello there") & q, q);
}

#[test]
fn the_byte_check_is_ordered_and_case_folded() {
    let q = FoldedQuery::new("Gov");
    assert!(q.is_subsequence_of(b"the GOVERNMENT said"));
    assert!(q.is_subsequence_of(b"great over vast"));
    assert!(!q.is_subsequence_of(b"vog"), "order matters");
    let go = FoldedQuery::new("go");
    assert_eq!(go.relevance(b"ago, we GO on"), Relevance::WordStart);
    assert_eq!(go.relevance(b"ago"), Relevance::Inside);
    assert_eq!(go.relevance(b"g-o"), Relevance::Spread);
}

#[test]
fn a_query_narrows_the_queries_it_contains_in_order() {
    let q = |s| FoldedQuery::new(s);
    assert!(narrows(&q("go"), &q("gov")));
    assert!(
        narrows(&q("gv"), &q("Gov")),
        "an insertion in the middle narrows too"
    );
    assert!(!narrows(&q("gov"), &q("go")));
    assert!(!narrows(&q("og"), &q("gov")));
}

#[test]
fn hits_are_best_first_with_ties_in_corpus_order() {
    let s = index(&[
        "the minister resigned",
        "ministers met",
        "m i n i s t e r",
        "the minister resigned",
        "nothing here",
    ]);
    let hits = s.search("minister", 10);
    let order: Vec<usize> = hits.iter().map(|h| h.quote).collect();
    assert_eq!(hits.len(), 4, "the fourth quote lacks the letters");
    assert!(hits.windows(2).all(|w| w[0].score >= w[1].score));
    let tie: Vec<usize> = order
        .iter()
        .copied()
        .filter(|&q| q == 0 || q == 3)
        .collect();
    assert_eq!(
        tie,
        vec![0, 3],
        "equal texts score equally and keep corpus order"
    );
    let texts: Vec<String> = (0..5).map(|i| s.text(i).to_string()).collect();
    let expected: Vec<usize> = plain_skim(&texts, "minister")
        .iter()
        .map(|&(_, i)| i)
        .collect();
    assert_eq!(order, expected, "skim's own order");
    let hit0 = hits.iter().find(|h| h.quote == 0).expect("quote 0 matches");
    assert_eq!(
        hit0.indices,
        (4..12).collect::<Vec<_>>(),
        "indices of the shown hit"
    );
}

#[test]
fn the_limit_keeps_the_best() {
    let s = index(&["xx minister", "minister", "m-i-n-i-s-t-e-r", "administer"]);
    let all = s.search("minister", 10);
    let two = s.search("minister", 2);
    assert_eq!(two, all[..2].to_vec());
    assert!(s.search("minister", 0).is_empty());
    assert!(s.search("   ", 10).is_empty());
}

#[test]
fn past_the_cap_word_starts_are_scored_first() {
    // Spread-out matches first in corpus order, then more word-start ones than the cap holds.
    let mut texts: Vec<String> = (0..SCORE_CAP).map(|i| format!("g{i} o")).collect();
    texts.extend((0..SCORE_CAP + 10).map(|i| format!("we go {i}")));
    let s = QuoteSearch::from_texts(texts);
    let mut session = SearchSession::new();
    let hits = session.search(&s, "go", 5);
    assert_eq!(session.matched(), 2 * SCORE_CAP + 10, "every match counts");
    assert_eq!(
        hits.iter().map(|h| h.quote).collect::<Vec<_>>(),
        (SCORE_CAP..SCORE_CAP + 5).collect::<Vec<_>>(),
        "the first word-start matches, in corpus order"
    );
    let small = index(&["a bag of gold", "ago", "go home"]);
    let exact: Vec<usize> = small.search("go", 10).iter().map(|h| h.quote).collect();
    let texts: Vec<String> = (0..3).map(|i| small.text(i).to_string()).collect();
    let plain: Vec<usize> = plain_skim(&texts, "go").iter().map(|&(_, i)| i).collect();
    assert_eq!(exact, plain, "under the cap, skim's own order");
}

#[test]
fn narrowing_gives_the_same_results_as_a_fresh_search() {
    let texts: Vec<String> = (0..3000)
        .map(|i| {
            format!(
                "Quote {i}: the {} minister said {} would go to the government {}",
                ["prime", "foreign", "home"][i % 3],
                ["she", "he", "they", "it"][i % 4],
                i % 7
            )
        })
        .collect();
    let s = QuoteSearch::from_texts(texts);
    let mut session = SearchSession::new();
    let typed = [
        "g",
        "go",
        "gov",
        "govt",
        "gov",
        "go",
        "go ",
        "go m",
        "go mi",
        "gomi",
        "minister",
        "ministers",
        "mnstr",
        "",
        "prime 3",
        "Prime 3",
    ];
    for q in typed {
        assert_eq!(session.search(&s, q, 15), s.search(q, 15), "query {q:?}");
    }
    let other = index(&["gov"]);
    assert_eq!(
        session.search(&other, "gov", 5).len(),
        1,
        "another index starts over"
    );
}

#[test]
fn everything_can_move_to_a_worker_thread() {
    fn send_sync<T: Send + Sync>() {}
    send_sync::<QuoteSearch>();
    send_sync::<SearchSession>();
    send_sync::<SearchHit>();
}

fn text_strategy() -> impl Strategy<Value = String> {
    proptest::string::string_regex("[abcAB xé.-]{0,30}").expect("regex")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(300))]

    /// The prefilter never drops a real match, and scores are skim's own (under the cap).
    #[test]
    fn search_finds_every_skim_match(
        texts in proptest::collection::vec(text_strategy(), 0..40),
        query in "[abcAB xé]{3,5}",
    ) {
        let s = QuoteSearch::from_texts(texts.clone());
        let ours: Vec<(i64, usize)> =
            s.search(&query, usize::MAX / 2).iter().map(|h| (h.score, h.quote)).collect();
        let trimmed = query.trim();
        let expected = if trimmed.is_empty() { Vec::new() } else { plain_skim(&texts, trimmed) };
        prop_assert_eq!(ours, expected);
    }

    /// Keeping only the best few (per parallel chunk, then merged) keeps skim's best.
    #[test]
    fn a_small_limit_keeps_skims_best(
        texts in proptest::collection::vec(text_strategy(), 0..40),
        query in "[abcAB xé]{1,4}",
        limit in 1usize..5,
    ) {
        let s = QuoteSearch::from_texts(texts.clone());
        let ours: Vec<(i64, usize)> =
            s.search(&query, limit).iter().map(|h| (h.score, h.quote)).collect();
        let trimmed = query.trim();
        let mut expected = if trimmed.is_empty() { Vec::new() } else { plain_skim(&texts, trimmed) };
        expected.truncate(limit);
        prop_assert_eq!(ours, expected);
    }

    /// Typing, deleting and retyping in one session gives a fresh search's hits every time.
    #[test]
    fn a_session_matches_fresh_searches(
        texts in proptest::collection::vec(text_strategy(), 0..40),
        typed in proptest::collection::vec("[abcAB xé]{0,5}", 1..6),
    ) {
        let s = QuoteSearch::from_texts(texts);
        let mut session = SearchSession::new();
        for q in &typed {
            for end in 0..=q.chars().count() {
                let prefix: String = q.chars().take(end).collect();
                prop_assert_eq!(session.search(&s, &prefix, 3), s.search(&prefix, 3));
            }
        }
    }

    #[test]
    fn the_prefilter_passes_every_skim_match(text in text_strategy(), query in "[abcAB xé]{1,4}") {
        if SkimMatcherV2::default().ignore_case().fuzzy_match(&text, &query).is_some() {
            let q = FoldedQuery::new(&query);
            prop_assert_eq!(letter_set(&text) & q.letters, q.letters);
            prop_assert!(q.is_subsequence_of(text.as_bytes()));
        }
    }
}

#[test]
fn the_estimates_are_skims_score_of_that_alignment() {
    use fuzzy_matcher::FuzzyMatcher;
    for (t, q) in [
        ("prime minister said", "prime minister"),
        ("the Prime Minister said", "prime minister"),
        ("“prime minister said", "prime minister"),
        ("a-prime minister said", "prime minister"),
        ("the government said", "goverment"),
        ("the Govermment", "goverment"),
        ("rethink", "think"),
        ("a thing k", "think"),
        ("a goverment said", "gvmt"),
    ] {
        let f = FoldedQuery::new(q);
        let (text, query) = (t.as_bytes(), q.as_bytes());
        let end = f.match_end(text, 0, 0).expect("a match");
        let estimate = f
            .estimate(text, query)
            .or_else(|| f.spread_estimate(text, query, end));
        assert_eq!(
            estimate.map(i64::from),
            skim().fuzzy_match(t, q),
            "{t:?} {q:?}"
        );
        assert_eq!(
            ContiguousFinder::new(&f).estimate(text, query),
            f.estimate(text, query)
        );
    }
}

#[test]
fn a_broad_query_finds_its_best_matches_wherever_they_are() {
    // Thousands of quotes hold "prime minister" somewhere; the few that open with it (the
    // best skim scores) come last in corpus order.
    let mut texts: Vec<String> = (0..6_000)
        .map(|i| format!("quote {i} where the prime minister spoke of item {i}"))
        .collect();
    texts.extend((0..20).map(|i| format!("Prime minister {i} opened")));
    let index = QuoteSearch::from_texts(texts);
    let hits = index.search("prime minister", 20);
    let exhaustive = crate::bench::ranking::exhaustive_top(&index, "prime minister", 20);
    assert_eq!(
        hits.iter().map(|h| h.quote).collect::<Vec<_>>(),
        exhaustive.iter().map(|&(_, i)| i).collect::<Vec<_>>()
    );
    assert!(hits.iter().all(|h| h.quote >= 6_000));
}
