//! The search off the UI thread: typing never waits for results. The thread takes the newest
//! query waiting (older ones are skipped, not searched) and sends back its results with the
//! query's generation, which `App::search_results` matches against the popup's.

use std::sync::Arc;
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::thread;

use casefile::search::{QuoteSearch, SearchHit, SearchSession};

use super::update::SEARCH_LIMIT;

/// A query to run, with its generation.
type Job = (u64, String);

/// The search thread: send it queries, collect results. It ends when this is dropped.
pub struct SearchThread {
    jobs: Sender<Job>,
    results: Receiver<(u64, Vec<SearchHit>)>,
    /// Queries sent and not yet answered (skipped ones count as answered by a newer one).
    pending: bool,
    /// The index it searches.
    search: Arc<QuoteSearch>,
}

impl SearchThread {
    pub fn start(search: Arc<QuoteSearch>) -> std::io::Result<SearchThread> {
        let served = Arc::clone(&search);
        let (jobs, job_rx) = mpsc::channel::<Job>();
        let (result_tx, results) = mpsc::channel();
        thread::Builder::new()
            .name("casefile-search".into())
            .spawn(move || {
                // Narrows from the previous query's survivors while the user types on.
                let mut session = SearchSession::default();
                while let Ok(mut job) = job_rx.recv() {
                    // Only the newest query matters.
                    loop {
                        match job_rx.try_recv() {
                            Ok(newer) => job = newer,
                            Err(TryRecvError::Empty) => break,
                            Err(TryRecvError::Disconnected) => return,
                        }
                    }
                    let hits = session.search(&search, &job.1, SEARCH_LIMIT);
                    if result_tx.send((job.0, hits)).is_err() {
                        return;
                    }
                }
            })?;
        Ok(SearchThread {
            jobs,
            results,
            pending: false,
            search: served,
        })
    }

    /// Whether it searches this index (a case read again has a new one).
    pub fn serves(&self, search: &Arc<QuoteSearch>) -> bool {
        Arc::ptr_eq(&self.search, search)
    }

    pub fn send(&mut self, generation: u64, query: String) {
        if self.jobs.send((generation, query)).is_ok() {
            self.pending = true;
        }
    }

    /// Whether results may still arrive (the loop then looks more often).
    pub fn is_busy(&self) -> bool {
        self.pending
    }

    /// The newest results that have arrived, if any.
    pub fn take(&mut self) -> Option<(u64, Vec<SearchHit>)> {
        let mut newest = None;
        while let Ok(r) = self.results.try_recv() {
            newest = Some(r);
        }
        if newest.is_some() {
            self.pending = false;
        }
        newest
    }
}
