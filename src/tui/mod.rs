//! The notebook: a full-screen terminal UI over a case. This module owns the terminal and the
//! event loop; everything else is plain data (`state`), one keymap (`action`), one pure
//! `update` and views that draw from `&App` (`view`).
//!
//! - Terminal: `ratatui::try_init` (raw mode, alternate screen, a panic hook that restores) and
//!   `ratatui::restore`, plus mouse capture on top, undone on every way out (our panic hook
//!   runs before ratatui's).
//! - Loading: the case opens on a background thread that counts its progress in a shared
//!   `LoadProgress` (read by the loop every `PROGRESS_FRAME`) and sends the loaded case over a
//!   channel; the first frame is drawn before any of it is ready, and keys work throughout
//!   (`/` queues a search for when the quotes are indexed). A panic in the loader becomes an
//!   error on screen, not a broken terminal.
//! - Signals: SIGTERM, SIGINT and SIGHUP set a flag that the loop checks at least every
//!   `TICK`, so the loop ends normally and restores the terminal; casefile then exits with
//!   128 + the signal's number (143 for SIGTERM), as a process killed by it would, so that a
//!   script or a service manager sees it was stopped, not that it finished.
//! - Settings: the user's configuration is read once, before the terminal is taken
//!   (`settings.rs`); what was wrong with it is the first status line. Copying, opening a URL
//!   and editing an article leave the notebook: `update` queues them and the loop runs them
//!   (`desktop.rs`), handing the terminal to the editor and taking it back.

mod action;
mod adding;
pub(crate) mod bench_keys;
mod desktop;
mod drafts;
mod effects;
mod filters;
mod input;
mod keymap;
mod layout;
mod notes;
mod screen;
mod search_thread;
pub(crate) mod settings;
pub(crate) mod state;
pub(crate) mod text;
pub(crate) mod theme;
mod update;
mod view;

#[cfg(test)]
mod add_tests;
#[cfg(test)]
mod drafts_tests;
#[cfg(test)]
mod hardening_tests;
#[cfg(test)]
mod notes_tests;
#[cfg(test)]
mod testkit;
#[cfg(test)]
mod tests;
#[cfg(test)]
mod theme_tests;

use std::io::stdout;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};
use std::sync::mpsc::{self, Receiver, Sender, TryRecvError};
use std::sync::{Arc, Mutex};
use std::thread;
use std::time::{Duration, Instant};

use anyhow::Context;
use casefile::Case;
use casefile::cache::CaseCache;
use casefile::progress::{LoadProgress, LoadStep};
use ratatui::DefaultTerminal;
use ratatui::crossterm::event::{DisableMouseCapture, EnableMouseCapture};
use ratatui::crossterm::execute;

use action::Action;
use input::Input;
use search_thread::SearchThread;
use state::{App, Loaded, Phase};

/// Longest wait for input before the loop looks at the loader and the signal flag again.
const TICK: Duration = Duration::from_millis(50);
/// How often the notes folder is checked for another casefile's changes.
const NOTES_POLL: Duration = Duration::from_secs(2);
/// The same while the case is loading, so that it shows as soon as it is ready.
const LOADING_TICK: Duration = Duration::from_millis(5);
/// How often the loading screen is redrawn with the loader's progress (25 a second).
const PROGRESS_FRAME: Duration = Duration::from_millis(40);
const LOADER_THREAD: &str = "casefile-loader";

/// What the loader thread sends when it is done: the case, or why it could not be opened.
type LoadResult = Result<Box<Loaded>, String>;

/// Opens the case at `root`, counting into `progress`, and sends it to `tx`. Runs on the
/// loader thread.
fn load(root: PathBuf, progress: &LoadProgress, tx: Sender<LoadResult>) {
    let cache = CaseCache::from_env();
    let loaded = Case::open_reporting(&root, cache.as_ref(), progress)
        .map(|case| {
            progress.begin(LoadStep::IndexingSearch, 0);
            let loaded = Box::new(Loaded::new(case));
            progress.begin(LoadStep::Done, 0);
            loaded
        })
        .map_err(|e| e.to_string());
    let _ = tx.send(loaded);
}

/// Runs the notebook on the case at `root` until the user quits or a signal arrives.
pub fn run(root: &Path) -> anyhow::Result<ExitCode> {
    let settings = settings::load();
    let (tx, rx) = mpsc::channel();
    let dir = root.to_path_buf();
    let loader_panic: Arc<Mutex<Option<String>>> = Arc::default();
    let progress = Arc::new(LoadProgress::default());
    let loader_progress = Arc::clone(&progress);
    thread::Builder::new()
        .name(LOADER_THREAD.into())
        .spawn(move || load(dir, &loader_progress, tx))
        .context("starting the loader thread")?;
    let stop = Arc::new(AtomicBool::new(false));
    // Which signal stopped the loop, for the exit status.
    let signal = Arc::new(AtomicUsize::new(0));
    for sig in [
        signal_hook::consts::SIGTERM,
        signal_hook::consts::SIGINT,
        signal_hook::consts::SIGHUP,
    ] {
        signal_hook::flag::register(sig, Arc::clone(&stop))
            .context("installing signal handlers")?;
        signal_hook::flag::register_usize(sig, Arc::clone(&signal), sig as usize)
            .context("installing signal handlers")?;
    }
    let mut terminal = ratatui::try_init().context("setting up the terminal")?;
    install_panic_hook(Arc::clone(&loader_panic));
    let _ = execute!(stdout(), EnableMouseCapture);
    let mut app = App::new(root.display().to_string(), terminal.size()?).with_settings(settings);
    app.drafts = drafts::Drafts::from_env();
    let loader = Loader {
        rx,
        progress,
        panic: loader_panic,
        started: Instant::now(),
    };
    let result = event_loop(&mut terminal, &mut app, &loader, &stop);
    let _ = execute!(stdout(), DisableMouseCapture);
    ratatui::restore();
    // What could not be saved, and where its words went, once the screen is the user's again.
    for message in &app.farewell {
        eprintln!("casefile: {message}");
    }
    result?;
    // Stopped by a signal: the terminal is restored; say so in the status, 128 + its number.
    let sig = signal.load(Ordering::SeqCst);
    if sig != 0 {
        return Ok(ExitCode::from(128 + sig as u8));
    }
    match &app.phase {
        Phase::Failed(e) => {
            crate::cli::warn(format_args!(
                "casefile: opening the case at {}: {e}",
                root.display()
            ));
            Ok(ExitCode::from(2))
        }
        _ => Ok(ExitCode::SUCCESS),
    }
}

/// Before ratatui's hook (which restores the terminal): turn mouse capture off. A panic on the
/// loader thread leaves the terminal alone (the loop still owns it) and is reported on screen.
fn install_panic_hook(loader_panic: Arc<Mutex<Option<String>>>) {
    let restore_and_report = std::panic::take_hook();
    std::panic::set_hook(Box::new(move |info| {
        // The import worker's own failures are its result, reported in the status bar.
        if thread::current().name() == Some(adding::ADD_THREAD) {
            return;
        }
        if thread::current().name() == Some(LOADER_THREAD) {
            if let Ok(mut slot) = loader_panic.lock() {
                *slot = Some(info.to_string());
            }
            return;
        }
        let _ = execute!(stdout(), DisableMouseCapture);
        restore_and_report(info);
    }));
}

/// The event loop's side of the loader thread.
struct Loader {
    rx: Receiver<LoadResult>,
    progress: Arc<LoadProgress>,
    /// What a panic on the loader thread said (set by our panic hook).
    panic: Arc<Mutex<Option<String>>>,
    started: Instant,
}

impl Loader {
    /// The loaded case once it is there, or the reason the loader stopped without one.
    fn try_take(&self) -> Option<Result<Loaded, String>> {
        match self.rx.try_recv() {
            Ok(r) => Some(r.map(|l| *l)),
            Err(TryRecvError::Empty) => None,
            Err(TryRecvError::Disconnected) => {
                let why = self.panic.lock().ok().and_then(|mut s| s.take());
                Some(Err(format!(
                    "the loader stopped: {}",
                    why.unwrap_or_else(|| "no reason given".into())
                )))
            }
        }
    }
}

fn event_loop(
    terminal: &mut DefaultTerminal,
    app: &mut App,
    loader: &Loader,
    stop: &AtomicBool,
) -> anyhow::Result<()> {
    let mut dirty = true;
    let mut loading = true;
    let mut polled = Instant::now();
    let mut progress_drawn = Instant::now();
    let input = Input::start().context("starting the input thread")?;
    let mut desktop = desktop::Desktop::new(&app.settings);
    let mut gone_checked = Instant::now();
    let mut searcher: Option<SearchThread> = None;
    let mut adder: Option<adding::AddWorker> = None;
    while !stop.load(Ordering::Relaxed) {
        dirty |= poll_adder(app, &mut adder);
        if app.pending_case.is_some() && adding::swap_pending(app) {
            dirty = true;
        }
        // A case read again after an import has its own search index.
        if let (Some(s), Some(l)) = (&searcher, app.loaded())
            && !s.serves(&l.search)
        {
            searcher = None;
        }
        if searcher.is_none()
            && let Some(l) = app.loaded()
        {
            searcher = Some(SearchThread::start(Arc::clone(&l.search))?);
        }
        if let Some(s) = searcher.as_mut() {
            dispatch_searches(app, s);
            if let Some((generation, hits)) = s.take() {
                app.search_results(generation, hits);
                dirty = true;
            }
        }
        if app.waiting.is_some() {
            dirty |= effects::retry(app, Instant::now());
        }
        if !loading && polled.elapsed() >= NOTES_POLL {
            polled = Instant::now();
            dirty |= effects::poll(app);
        }
        if loading {
            if let Some(result) = loader.try_take() {
                app.set_loaded(result);
                loading = false;
                dirty = true;
            } else if progress_drawn.elapsed() >= PROGRESS_FRAME {
                progress_drawn = Instant::now();
                dirty |= app.loading_progress(loader.progress.snapshot(), loader.started.elapsed());
            }
        }
        if dirty {
            view::settle(app);
            terminal.draw(|f| f.render_widget(&*app, f.area()))?;
            dirty = false;
            test_panic_seam(app);
        }
        if app.quit {
            break;
        }
        if gone_checked.elapsed() >= TICK {
            gone_checked = Instant::now();
            if input.terminal_gone() {
                break;
            }
        }
        let busy = searcher.as_ref().is_some_and(SearchThread::is_busy);
        let mut timeout = if loading || busy { LOADING_TICK } else { TICK };
        // Handle every pending event before drawing again: held keys do not queue up frames.
        // An input error means the terminal is gone: leave as a signal would.
        let mut input_over = false;
        loop {
            let event = match input.next(timeout) {
                Ok(Some(event)) => event,
                Ok(None) => break,
                Err(_) => {
                    input_over = true;
                    break;
                }
            };
            if let Some(a) = app.settings.keymap.event_action(app.mode(), &event) {
                update::update(app, a);
                if let Some(s) = searcher.as_mut() {
                    dispatch_searches(app, s);
                }
                dispatch_adds(app, &mut adder);
                effects::run(app);
                if app.effects.iter().any(action::Effect::is_outside) {
                    desktop.run(app, terminal, &input);
                }
                // The next key reads what this one changed, laid out.
                view::settle(app);
                dirty = true;
            }
            if app.quit {
                break;
            }
            timeout = Duration::ZERO;
        }
        if input_over {
            break;
        }
    }
    if !app.quit {
        // A signal or a vanished terminal: quit as `q` would, so that an open editor's
        // words are saved.
        update::update(app, Action::Quit);
        effects::run(app);
    }
    Ok(())
}

/// Hands the queued searches to the search thread (before the loading is done they wait).
fn dispatch_searches(app: &mut App, searcher: &mut SearchThread) {
    app.effects.retain(|e| match e {
        action::Effect::Search { generation, query } => {
            searcher.send(*generation, query.clone());
            false
        }
        _ => true,
    });
}

/// Hands a queued `Effect::Add` to a worker thread, so the screen stays live while it runs.
fn dispatch_adds(app: &mut App, adder: &mut Option<adding::AddWorker>) {
    let Some(at) = app
        .effects
        .iter()
        .position(|e| matches!(e, action::Effect::Add { .. }))
    else {
        return;
    };
    let action::Effect::Add { source } = app.effects.remove(at) else {
        return;
    };
    match adding::AddWorker::start(app, source) {
        Some(Ok(worker)) => *adder = Some(worker),
        Some(Err(e)) => {
            app.adding = None;
            app.status = Some(format!("could not start adding: {e}"));
        }
        None => {
            app.adding = None;
            app.status = Some("the case is not open yet".into());
        }
    }
}

/// The worker's stage into the status bar, and its result once done. True when the screen
/// changed.
fn poll_adder(app: &mut App, adder: &mut Option<adding::AddWorker>) -> bool {
    let Some(worker) = adder.as_ref() else {
        return false;
    };
    if let Some(result) = worker.try_take() {
        adding::finish(app, result);
        *adder = None;
        return true;
    }
    let stage = worker.stage();
    match app.adding.as_mut() {
        Some(a) if a.stage != stage => {
            a.stage = stage;
            true
        }
        _ => false,
    }
}

/// Debug builds only: `CASEFILE_TEST_PANIC=1` panics once the case is on screen, so the
/// end-to-end test can check that a panic gives the terminal back.
fn test_panic_seam(app: &App) {
    if cfg!(debug_assertions)
        && app.loaded().is_some()
        && std::env::var_os("CASEFILE_TEST_PANIC").is_some()
    {
        panic!("CASEFILE_TEST_PANIC is set");
    }
}
