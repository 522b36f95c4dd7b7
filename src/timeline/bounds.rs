//! Cheap necessary conditions for an alignment to pass, checked before the diff: most
//! candidates from the shingle index fail them, and the diff costs far more than the check.
//! Each is a true upper bound, so skipping on them never changes a result.

/// Words two sequences have in common, counting repeats (both sorted): no alignment can match
/// more of them, so it bounds `Overlap::matched`.
pub(super) fn common_words(a_sorted: &[u32], b_sorted: &[u32]) -> usize {
    let (mut i, mut j, mut n) = (0, 0, 0);
    while i < a_sorted.len() && j < b_sorted.len() {
        match a_sorted[i].cmp(&b_sorted[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                n += 1;
                i += 1;
                j += 1;
            }
        }
    }
    n
}

/// Whether a run of `run` identical words can exist in both: it needs `run - 2` consecutive
/// three-word shingles of `short` that all occur in `long` (`in_long` says whether one does).
/// Only a hash collision gives a false yes; a real run always gives yes.
pub(super) fn may_share_run(
    short_shingles: &[u64],
    in_long: impl Fn(u64) -> bool,
    run: usize,
) -> bool {
    let need = run.saturating_sub(super::index::SHINGLE - 1).max(1);
    let mut streak = 0;
    for &s in short_shingles {
        if in_long(s) {
            streak += 1;
            if streak >= need {
                return true;
            }
        } else {
            streak = 0;
        }
    }
    false
}

/// `items` sorted, for the checks above.
pub(super) fn sorted<T: Ord + Copy>(items: &[T]) -> Vec<T> {
    let mut out = items.to_vec();
    out.sort_unstable();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::timeline::align::overlap;
    use crate::timeline::index::shingles;

    fn ids(s: &str) -> Vec<u32> {
        s.split(' ')
            .map(|w| w.bytes().map(u32::from).sum())
            .collect()
    }

    #[test]
    fn common_words_bound_the_matched_words() {
        let a = "the cat sat on the mat and the dog sat too";
        let b = "a dog and the cat sat on a mat";
        let (x, y) = (ids(a), ids(b));
        let o = overlap(&x, &y);
        let bound = common_words(&sorted(&x), &sorted(&y));
        assert_eq!(bound, 7, "the, cat, sat, on, mat, and, dog");
        assert!(o.matched <= bound);
    }

    #[test]
    fn a_shared_run_is_never_missed() {
        let long: Vec<&str> = "x y a b c d e f g h z".split(' ').collect();
        let short: Vec<&str> = "q a b c d e f g h r".split(' ').collect();
        let long_sorted = sorted(&shingles(&long));
        let in_long = |s: u64| long_sorted.binary_search(&s).is_ok();
        assert!(may_share_run(&shingles(&short), in_long, 8));
        assert!(!may_share_run(&shingles(&short), in_long, 9));
    }
}
