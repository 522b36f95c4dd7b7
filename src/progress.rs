//! How far the opening of a case has got, for a progress display on another thread.
//!
//! The loading steps bump atomic counters from whichever rayon worker finishes a piece of
//! work; a display reads a [`ProgressSnapshot`] whenever it draws. Reporting therefore costs
//! one relaxed atomic add per article: no messages, no locks, nothing for a caller that does
//! not watch (it passes a throwaway [`LoadProgress`]).

use std::sync::atomic::{AtomicU8, AtomicU64, AtomicUsize, Ordering};
use std::time::{Duration, Instant};

/// A step of opening a case, in the order they run.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[repr(u8)]
pub enum LoadStep {
    /// Not started yet.
    Starting,
    /// Hashing the article files to see whether the cached case still fits them.
    CheckingCache,
    /// Reading, decoding and segmenting the articles.
    Reading,
    /// Counting the names in every article, to learn the people and their aliases.
    CountingNames,
    /// Finding quotes, their speakers, dates and channels.
    FindingQuotes,
    /// Merging the quotes of different articles into events.
    BuildingTimeline,
    /// Writing the opened case to the cache for the next time.
    StoringCache,
    /// Indexing every quote for the fuzzy search (the TUI's own step).
    IndexingSearch,
    /// Opened.
    Done,
}

impl LoadStep {
    /// Every step, in order; a step's number is its place here.
    const ALL: [LoadStep; STEPS] = [
        LoadStep::Starting,
        LoadStep::CheckingCache,
        LoadStep::Reading,
        LoadStep::CountingNames,
        LoadStep::FindingQuotes,
        LoadStep::BuildingTimeline,
        LoadStep::StoringCache,
        LoadStep::IndexingSearch,
        LoadStep::Done,
    ];

    /// Every step a display may list, in order (without `Starting` and `Done`).
    pub const LISTED: &'static [LoadStep] = Self::ALL.split_at(1).1.split_at(STEPS - 2).0;

    pub fn label(self) -> &'static str {
        match self {
            LoadStep::Starting => "starting",
            LoadStep::CheckingCache => "checking the cache",
            LoadStep::Reading => "reading the articles",
            LoadStep::CountingNames => "counting names",
            LoadStep::FindingQuotes => "finding quotes",
            LoadStep::BuildingTimeline => "merging quotes into events",
            LoadStep::StoringCache => "storing the cache",
            LoadStep::IndexingSearch => "indexing quotes for search",
            LoadStep::Done => "done",
        }
    }

    /// What the counter of this step counts.
    pub fn unit(self) -> &'static str {
        match self {
            LoadStep::CheckingCache | LoadStep::Reading => "files",
            LoadStep::CountingNames | LoadStep::FindingQuotes => "articles",
            LoadStep::BuildingTimeline | LoadStep::IndexingSearch => "quotes",
            LoadStep::Starting | LoadStep::StoringCache | LoadStep::Done => "",
        }
    }

    fn from_u8(n: u8) -> LoadStep {
        Self::ALL.get(n as usize).copied().unwrap_or(LoadStep::Done)
    }
}

/// Number of [`LoadStep`]s, `Starting` and `Done` included.
const STEPS: usize = 9;

/// Where an opening stands, shared between the loader and whoever displays it.
#[derive(Debug)]
pub struct LoadProgress {
    step: AtomicU8,
    done: AtomicUsize,
    total: AtomicUsize,
    origin: Instant,
    /// When each step began, in µs since `origin`, plus one (0: not begun). Kept per step so
    /// that a display that polls can tell a step it missed (it ran between two polls) from
    /// one that was skipped (the cache made it needless), and say how long each took.
    began: [AtomicU64; STEPS],
}

impl Default for LoadProgress {
    fn default() -> Self {
        LoadProgress {
            step: AtomicU8::new(LoadStep::Starting as u8),
            done: AtomicUsize::new(0),
            total: AtomicUsize::new(0),
            origin: Instant::now(),
            began: std::array::from_fn(|_| AtomicU64::new(0)),
        }
    }
}

/// One reading of a [`LoadProgress`].
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ProgressSnapshot {
    pub step: LoadStep,
    /// Pieces of the step's work finished, never more than `total`.
    pub done: usize,
    /// Pieces of work in the step; 0 when it is not counted.
    pub total: usize,
    /// As in [`LoadProgress`]: when each step began, µs + 1, or 0.
    began: [u64; STEPS],
}

impl ProgressSnapshot {
    /// Share of the step done, 0.0 to 1.0 (0.0 for an uncounted step).
    pub fn ratio(&self) -> f64 {
        if self.total == 0 {
            0.0
        } else {
            self.done as f64 / self.total as f64
        }
    }

    /// Whether `step` has begun (it may be over).
    pub fn has_begun(&self, step: LoadStep) -> bool {
        step == self.step || self.began[step as usize] != 0
    }

    /// How long a finished step took: from its start to the start of the next step that ran.
    /// None for a step not begun or still running.
    pub fn took(&self, step: LoadStep) -> Option<Duration> {
        let start = self.began[step as usize].checked_sub(1)?;
        let end = self.began[step as usize + 1..]
            .iter()
            .find(|&&b| b != 0)?
            .checked_sub(1)?;
        Some(Duration::from_micros(end.saturating_sub(start)))
    }
}

impl LoadProgress {
    /// Moves on to `step`, with `total` pieces of work to do (0: not counted).
    pub fn begin(&self, step: LoadStep, total: usize) {
        self.begin_at(step, total, self.origin.elapsed());
    }

    /// [`begin`](Self::begin), as if at `at` after this progress was made: for tests and
    /// replays that need fixed times.
    pub fn begin_at(&self, step: LoadStep, total: usize, at: Duration) {
        // Counters first: a reader that sees the new step never sees the old step's count.
        self.done.store(0, Ordering::Relaxed);
        self.total.store(total, Ordering::Relaxed);
        self.began[step as usize].store(at.as_micros() as u64 + 1, Ordering::Relaxed);
        self.step.store(step as u8, Ordering::Release);
    }

    /// `n` more pieces of the current step are done.
    pub fn advance(&self, n: usize) {
        self.done.fetch_add(n, Ordering::Relaxed);
    }

    pub fn snapshot(&self) -> ProgressSnapshot {
        let step = LoadStep::from_u8(self.step.load(Ordering::Acquire));
        let began = std::array::from_fn(|i| self.began[i].load(Ordering::Relaxed));
        let total = self.total.load(Ordering::Relaxed);
        let done = self.done.load(Ordering::Relaxed);
        ProgressSnapshot {
            step,
            done: if total == 0 { done } else { done.min(total) },
            total,
            began,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn steps_round_trip_through_the_atomic() {
        let p = LoadProgress::default();
        assert_eq!(p.snapshot().step, LoadStep::Starting);
        assert_eq!(LoadStep::LISTED.len(), 7);
        assert_eq!(LoadStep::LISTED[0], LoadStep::CheckingCache);
        for &step in LoadStep::ALL.iter().skip(1) {
            p.begin(step, 3);
            assert_eq!(p.snapshot().step, step);
        }
    }

    #[test]
    fn a_new_step_starts_its_count_from_zero_and_never_passes_its_total() {
        let p = LoadProgress::default();
        p.begin(LoadStep::Reading, 4);
        p.advance(3);
        assert_eq!(p.snapshot().done, 3);
        assert_eq!(p.snapshot().ratio(), 0.75);
        p.advance(9);
        assert_eq!(p.snapshot().done, 4);
        p.begin(LoadStep::CountingNames, 10);
        let s = p.snapshot();
        assert_eq!((s.step, s.done, s.total), (LoadStep::CountingNames, 0, 10));
    }

    #[test]
    fn a_skipped_step_is_told_from_one_that_ran() {
        let p = LoadProgress::default();
        p.begin(LoadStep::CheckingCache, 10);
        p.begin(LoadStep::IndexingSearch, 0);
        let s = p.snapshot();
        assert!(s.has_begun(LoadStep::CheckingCache));
        assert!(s.has_begun(LoadStep::IndexingSearch));
        assert!(!s.has_begun(LoadStep::Reading));
    }

    #[test]
    fn a_step_took_until_the_next_one_that_ran() {
        let p = LoadProgress::default();
        let ms = Duration::from_millis;
        p.begin_at(LoadStep::Reading, 0, ms(10));
        p.begin_at(LoadStep::CountingNames, 0, ms(250));
        p.begin_at(LoadStep::Done, 0, ms(400));
        let s = p.snapshot();
        assert_eq!(s.took(LoadStep::Reading), Some(ms(240)));
        assert_eq!(s.took(LoadStep::CountingNames), Some(ms(150)));
        assert_eq!(s.took(LoadStep::FindingQuotes), None);
        assert_eq!(s.took(LoadStep::Done), None);
    }
}
