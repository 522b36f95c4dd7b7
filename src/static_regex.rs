//! Regexes compiled when first needed, that can be given back between the steps that use them.
//!
//! A `regex::Regex` keeps, for each thread that has used it, the caches its engines grow while
//! matching (lazy DFA states, backtracking bitsets, capture slots), besides its compiled
//! program. Held in a plain static, both live as long as the process: at 10,000 articles the
//! ~40 patterns of loading and extraction held ~15 MB through the timeline step, which uses
//! none of them. [`release_regexes`] drops them between steps; a regex used again is compiled
//! again (each is used by one step of opening a case, so in one open each compiles once).

use std::ops::Deref;
use std::sync::{Mutex, Once, PoisonError, RwLock, RwLockReadGuard};

use regex::Regex;

/// A regex (or a list of them, `T`) compiled on first use, and dropped by [`release_regexes`].
pub(crate) struct StaticRegex<T: 'static = Regex> {
    compile: fn() -> T,
    compiled: RwLock<Option<T>>,
    /// Held while compiling, so that one thread compiles and the others wait for it.
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

impl<T: Send + Sync> Release for StaticRegex<T> {
    fn release(&self) {
        // Never waits: a regex in use right now is kept until the next release, and no reader
        // can be held up behind a waiting writer.
        if let Ok(mut compiled) = self.compiled.try_write() {
            *compiled = None;
        }
    }
}

/// Every [`StaticRegex`] compiled so far.
static COMPILED: Mutex<Vec<&'static dyn Release>> = Mutex::new(Vec::new());

impl<T: Send + Sync> StaticRegex<T> {
    pub(crate) const fn new(compile: fn() -> T) -> Self {
        StaticRegex {
            compile,
            compiled: RwLock::new(None),
            compiling: Mutex::new(()),
            listed: Once::new(),
        }
    }

    /// The regex, compiled if it is not. Hold the guard only while matching.
    pub(crate) fn get(&'static self) -> Compiled<T> {
        loop {
            let compiled = self.compiled.read().unwrap_or_else(PoisonError::into_inner);
            if compiled.is_some() {
                return Compiled(compiled);
            }
            drop(compiled);
            let _compiling = self
                .compiling
                .lock()
                .unwrap_or_else(PoisonError::into_inner);
            let missing = self
                .compiled
                .read()
                .unwrap_or_else(PoisonError::into_inner)
                .is_none();
            if missing {
                let regex = (self.compile)();
                // While it is missing nobody holds it but for a glance, and only this thread,
                // holding `compiling`, puts it back: the write cannot wait on a reader that
                // waits on it.
                *self
                    .compiled
                    .write()
                    .unwrap_or_else(PoisonError::into_inner) = Some(regex);
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
        assert!(DIGITS.compiled.read().expect("not poisoned").is_none());
        assert_eq!(DIGITS.get().find("a 42").map(|m| m.start()), Some(2));
    }

    #[test]
    fn release_skips_a_regex_in_use() {
        let guard = WORD.get();
        release_regexes();
        assert!(guard.is_match("still usable"));
    }
}
