//! Regexes compiled when first needed, that can be given back between the steps that use them.
//!
//! A `regex::Regex` keeps, for each thread that has used it, the caches its engines grow while
//! matching (lazy DFA states, backtracking bitsets, capture slots), besides its compiled
//! program. Held in a plain static, both live as long as the process: at 10,000 articles the
//! ~40 patterns of loading and extraction held ~15 MB through the timeline step, which uses
//! none of them. [`release_regexes`] drops them between steps; a regex used again is compiled
//! again (each is used by one step of opening a case, so in one open each compiles once).

use std::ops::Deref;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Mutex, Once, PoisonError, RwLock, RwLockReadGuard};

use regex::Regex;

/// How many threads get a copy of their own; more threads share them.
const COPIES: usize = 8;

/// One thread's copy, alone on its cache lines: a lock shared by all threads, and a regex's
/// own pool of match caches (a mutex for every thread but the first to use it), had the two
/// cores of a case opening pass cache lines back and forth on every search.
#[repr(align(128))]
struct ThreadCopy<T>(RwLock<Option<T>>);

/// A regex (or a list of them, `T`) compiled on first use, and dropped by [`release_regexes`].
pub(crate) struct StaticRegex<T: 'static = Regex> {
    compile: fn() -> T,
    /// Cloned from the first compiled: a cloned `Regex` shares the program and has a pool
    /// of its own.
    copies: [ThreadCopy<T>; COPIES],
    /// Held while compiling or cloning, so that one thread compiles and the others wait.
    compiling: Mutex<()>,
    listed: Once,
}

/// A compiled [`StaticRegex`], kept while the guard lives.
pub(crate) struct Compiled<T: 'static>(RwLockReadGuard<'static, Option<T>>);

impl<T> Deref for Compiled<T> {
    type Target = T;
    fn deref(&self) -> &T {
        self.0.as_ref().expect("compiled before the guard was made")
    }
}

/// What [`release_regexes`] needs of a [`StaticRegex`], whatever it holds.
trait Release: Sync {
    fn release(&self);
}

impl<T: Send + Sync + Clone> Release for StaticRegex<T> {
    fn release(&self) {
        // Never waits: a copy in use right now is kept until the next release, and no reader
        // can be held up behind a waiting writer.
        for copy in &self.copies {
            if let Ok(mut compiled) = copy.0.try_write() {
                *compiled = None;
            }
        }
    }
}

/// `re.captures(haystack)` for a pattern that seldom matches: `captures` allocates its slots
/// on every call and `is_match` nothing, so most haystacks are turned away first.
pub(crate) fn seldom_captures<'h>(re: &Regex, haystack: &'h str) -> Option<regex::Captures<'h>> {
    if re.is_match(haystack) {
        re.captures(haystack)
    } else {
        None
    }
}

/// Every [`StaticRegex`] compiled so far.
static COMPILED: Mutex<Vec<&'static dyn Release>> = Mutex::new(Vec::new());

/// This thread's copy of every [`StaticRegex`].
fn copy_index() -> usize {
    static NEXT: AtomicUsize = AtomicUsize::new(0);
    thread_local! {
        static INDEX: usize = NEXT.fetch_add(1, Ordering::Relaxed) % COPIES;
    }
    INDEX.with(|i| *i)
}

impl<T: Send + Sync + Clone> StaticRegex<T> {
    pub(crate) const fn new(compile: fn() -> T) -> Self {
        StaticRegex {
            compile,
            copies: [const { ThreadCopy(RwLock::new(None)) }; COPIES],
            compiling: Mutex::new(()),
            listed: Once::new(),
        }
    }

    /// The regex, compiled (or cloned) if this thread's copy is missing. Hold the guard only
    /// while matching.
    pub(crate) fn get(&'static self) -> Compiled<T> {
        let copy = &self.copies[copy_index()].0;
        loop {
            let compiled = copy.read().unwrap_or_else(PoisonError::into_inner);
            if compiled.is_some() {
                return Compiled(compiled);
            }
            drop(compiled);
            let _compiling = self
                .compiling
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let missing = copy
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .is_none();
            if missing {
                let regex = self
                    .copies
                    .iter()
                    .find_map(|c| c.0.try_read().ok().and_then(|r| r.clone()))
                    .unwrap_or_else(self.compile);
                // While it is missing nobody holds it but for a glance, and only this thread,
                // holding `compiling`, puts it back: the write cannot wait on a reader that
                // waits on it.
                *copy.write().unwrap_or_else(PoisonError::into_inner) = Some(regex);
                self.listed.call_once(|| {
                    COMPILED
                        .lock()
                        .unwrap_or_else(PoisonError::into_inner)
                        .push(self)
                });
            }
            // Read again: a release may come before the read.
        }
    }
}

/// Drops every [`StaticRegex`] (program and match caches) not in use at this moment. Called
/// between the steps of opening a case.
pub fn release_regexes() {
    for regex in COMPILED
        .lock()
        .unwrap_or_else(PoisonError::into_inner)
        .iter()
    {
        regex.release();
    }
}

/// Declares regexes compiled once, on first use (each a [`StaticRegex`]).
macro_rules! static_regexes {
    ($($(#[$doc:meta])* $name:ident = $pattern:expr;)+) => {$(
        $(#[$doc])*
        static $name: $crate::static_regex::StaticRegex =
            $crate::static_regex::StaticRegex::new(|| {
                ::regex::Regex::new($pattern).expect("static regex")
            });
    )+};
}
pub(crate) use static_regexes;

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
        release_regexes();
        let after: Vec<String> = WORD
            .get()
            .find_iter("two words")
            .map(|m| m.as_str().to_string())
            .collect();
        assert_eq!(before, ["two", "words"]);
        assert_eq!(after, before);
    }

    #[test]
    fn compiled_again_after_release() {
        static DIGITS: StaticRegex = StaticRegex::new(|| Regex::new(r"\d+").expect("digits"));
        assert!(DIGITS.get().is_match("42"));
        release_regexes();
        assert!(
            DIGITS
                .copies
                .iter()
                .all(|c| c.0.read().expect("not poisoned").is_none())
        );
        assert_eq!(DIGITS.get().find("a 42").map(|m| m.start()), Some(2));
    }

    #[test]
    fn every_thread_matches_with_its_own_copy() {
        static YEAR: StaticRegex = StaticRegex::new(|| Regex::new(r"\b\d{4}\b").expect("year"));
        let threads = COPIES + 2;
        let found: Vec<(usize, Option<usize>)> = std::thread::scope(|scope| {
            let handles: Vec<_> = (0..threads)
                .map(|i| {
                    scope.spawn(move || {
                        let text = format!("{i} in 2016");
                        (copy_index(), YEAR.get().find(&text).map(|m| m.start()))
                    })
                })
                .collect();
            handles
                .into_iter()
                .map(|h| h.join().expect("no panic"))
                .collect()
        });
        for (i, (_, start)) in found.iter().enumerate() {
            assert_eq!(*start, Some(i.to_string().len() + 4));
        }
        let mut copies: Vec<usize> = found.iter().map(|(copy, _)| *copy).collect();
        copies.sort_unstable();
        copies.dedup();
        // Other tests take copy indices too, so only "more than one" is certain.
        assert!(
            copies.len() > 1,
            "{threads} threads got one copy: {copies:?}"
        );
        release_regexes();
        assert!(
            YEAR.copies
                .iter()
                .all(|c| c.0.read().expect("not poisoned").is_none())
        );
    }

    #[test]
    fn release_skips_a_regex_in_use() {
        let guard = WORD.get();
        release_regexes();
        assert!(guard.is_match("still usable"));
    }
}
