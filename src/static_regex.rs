//! Regexes compiled once per process whose match caches can be given back between load steps.
//!
//! A `regex::Regex` keeps, for each thread that has used it, the caches its engines grow while
//! matching (lazy DFA states, backtracking bitsets, capture slots). Held in a plain static they
//! live as long as the process: at 10,000 articles the ~40 patterns of loading and extraction
//! held ~15 MB of them through the timeline step, which uses none. A clone of a `Regex` shares
//! its compiled program but starts with empty caches, so swapping each regex for its clone
//! between steps ([`release_match_caches`]) frees them, and compiling happens once.

use std::sync::{Mutex, OnceLock, PoisonError, RwLock, RwLockReadGuard};

use regex::Regex;

/// A regex (or a list of them, `T`) compiled on first use, whose caches
/// [`release_match_caches`] drops.
pub(crate) struct StaticRegex<T: 'static = Regex> {
    compile: fn() -> T,
    compiled: OnceLock<RwLock<T>>,
}

/// What [`release_match_caches`] needs of a [`StaticRegex`], whatever it holds.
trait MatchCaches: Sync {
    fn release(&self);
}

impl<T: Clone + Send + Sync> MatchCaches for StaticRegex<T> {
    fn release(&self) {
        // Never waits: a thread matching with it right now keeps its caches until the next
        // release, and no reader can be held up behind a waiting writer.
        if let Some(lock) = self.compiled.get()
            && let Ok(mut compiled) = lock.try_write()
        {
            *compiled = compiled.clone();
        }
    }
}

/// Every [`StaticRegex`] compiled so far.
static COMPILED: Mutex<Vec<&'static dyn MatchCaches>> = Mutex::new(Vec::new());

impl<T: Clone + Send + Sync> StaticRegex<T> {
    pub(crate) const fn new(compile: fn() -> T) -> Self {
        StaticRegex {
            compile,
            compiled: OnceLock::new(),
        }
    }

    /// The regex, compiled on the first call. Hold the guard only while matching.
    pub(crate) fn get(&'static self) -> RwLockReadGuard<'static, T> {
        self.compiled
            .get_or_init(|| {
                COMPILED
                    .lock()
                    .unwrap_or_else(PoisonError::into_inner)
                    .push(self);
                RwLock::new((self.compile)())
            })
            .read()
            .unwrap_or_else(PoisonError::into_inner)
    }
}

/// Drops the match caches of every [`StaticRegex`] not in use at this moment; they grow again
/// as the next step matches. Called between the steps of opening a case.
pub fn release_match_caches() {
    for regex in COMPILED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
    {
        regex.release();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    static WORD: StaticRegex = StaticRegex::new(|| Regex::new(r"\w+").expect("word"));

    #[test]
    fn matches_the_same_after_release() {
        let before: Vec<String> = WORD
            .get()
            .find_iter("two words")
            .map(|m| m.as_str().to_string())
            .collect();
        release_match_caches();
        let after: Vec<String> = WORD
            .get()
            .find_iter("two words")
            .map(|m| m.as_str().to_string())
            .collect();
        assert_eq!(before, ["two", "words"]);
        assert_eq!(after, before);
    }

    #[test]
    fn release_skips_a_regex_in_use() {
        let guard = WORD.get();
        release_match_caches();
        assert!(guard.is_match("still usable"));
    }
}
