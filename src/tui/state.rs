//! The notebook's state as plain data: the loaded case (read-only domain data) and the view
//! state around it (focus, selections, scroll offsets, the popup, the filters). No terminal
//! here: `update` changes this, the views draw it, tests build it from the bundled case.
//!
//! Scroll offsets are stored, not derived at draw time, so that a click or the wheel means the
//! same thing to `update` as to what is on screen. The terminal size is part of the state for
//! the same reason (it arrives as `Action::Resize`).

use std::ops::Range;
use std::sync::Arc;
use std::time::{Duration, Instant};

use casefile::Case;
use casefile::corpus::{LoadIssue, Severity};
use casefile::progress::{LoadProgress, ProgressSnapshot};
use casefile::search::{QuoteSearch, SearchHit};
use casefile::timeline::{Event, Source};
use ratatui::layout::Size;

use super::action::Effect;
use super::action::Mode;
use super::drafts::Drafts;
use super::filters::{Facets, Filters};
use super::layout::Layout;
use super::notes::{LinkTargets, Notes};
use super::settings::Settings;

pub mod noting;
mod popups;

pub use popups::*;

/// A case ready to browse: the domain data and what is computed once from it.
#[derive(Debug)]
pub struct Loaded {
    pub case: Case,
    /// Shared with the search thread.
    pub search: Arc<QuoteSearch>,
    pub facets: Facets,
    /// What `L` can link to, indexed once here (on the loader thread) rather than on every
    /// `L` on the UI thread: ~35 ms at 10,000 articles.
    pub link_targets: Arc<LinkTargets>,
    /// The case's notes, or why they could not be opened (the case still opens).
    pub notes: Result<Notes, String>,
    /// The case's name, for the header.
    pub name: String,
}

impl Loaded {
    /// Builds everything the notebook needs from an opened case (the slow part of loading).
    pub fn new(case: Case) -> Loaded {
        let search = Arc::new(QuoteSearch::new(&case.articles, &case.quotes));
        let facets = Facets::of(&case);
        let link_targets = Arc::new(LinkTargets::of(&case));
        let name = case.name();
        let notes = Notes::open(&case);
        Loaded {
            case,
            search,
            facets,
            link_targets,
            notes,
            name,
        }
    }

    pub fn notes(&self) -> Option<&Notes> {
        self.notes.as_ref().ok()
    }
}

/// Where loading stands.
#[derive(Debug)]
pub enum Phase {
    /// The background loader is at work.
    Loading(LoadingView),
    /// The case could not be opened: the message says why.
    Failed(String),
    Ready(Box<Loaded>),
}

/// What the loading screen shows: the loader's last reported progress and the time since
/// the start (copied in by the event loop, so that drawing stays a function of the state).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct LoadingView {
    pub progress: ProgressSnapshot,
    pub elapsed: Duration,
}

/// The three panes, left to right.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Pane {
    Timeline,
    Message,
    Sources,
}

impl Pane {
    pub const ALL: [Pane; 3] = [Pane::Timeline, Pane::Message, Pane::Sources];

    pub fn index(self) -> usize {
        self as usize
    }

    pub fn title(self) -> &'static str {
        match self {
            Pane::Timeline => "Timeline",
            Pane::Message => "Message",
            Pane::Sources => "Sources",
        }
    }

    pub fn next(self) -> Pane {
        Pane::ALL[(self.index() + 1) % 3]
    }

    pub fn prev(self) -> Pane {
        Pane::ALL[(self.index() + 2) % 3]
    }
}

/// One row of the timeline list.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Row {
    /// A group heading ("Undated").
    Group(&'static str),
    /// An event, by index into `case.timeline.events`.
    Event(usize),
}

impl Row {
    /// Screen lines the row takes: events show a head line and the start of their text.
    pub fn height(&self) -> usize {
        match self {
            Row::Group(_) => 1,
            Row::Event(_) => 2,
        }
    }
}

/// The timeline list: the rows the filters let through, the selected event, the first line
/// shown.
#[derive(Debug, Clone, Default)]
pub struct TimelineView {
    pub rows: Vec<Row>,
    /// Index into `rows` of the selected event row.
    pub selected: Option<usize>,
    pub scroll: usize,
    /// How many events pass the filters.
    pub shown: usize,
}

impl TimelineView {
    /// First screen line of each row, and the total.
    pub fn line_starts(&self) -> (Vec<usize>, usize) {
        let mut starts = Vec::with_capacity(self.rows.len());
        let mut at = 0;
        for r in &self.rows {
            starts.push(at);
            at += r.height();
        }
        (starts, at)
    }

    pub fn selected_event(&self) -> Option<usize> {
        match self.selected.map(|i| &self.rows[i]) {
            Some(Row::Event(e)) => Some(*e),
            _ => None,
        }
    }
}

/// The sources pane: which source is selected, the first line shown.
#[derive(Debug, Clone, Copy, Default)]
pub struct SourcesView {
    pub selected: usize,
    pub scroll: usize,
}

/// The article reader, over the panes until Esc.
#[derive(Debug, Clone, PartialEq)]
pub struct Reader {
    pub article: usize,
    /// Byte ranges of the words highlighted (the source or quote the reader was opened on).
    pub focus: Vec<Range<usize>>,
    /// The quote those words are, when they are one (n/N move it).
    pub quote: Option<usize>,
    /// The paragraph to scroll to (the focus's first).
    pub paragraph: usize,
    pub scroll: usize,
}

/// The whole notebook.
#[derive(Debug)]
pub struct App {
    /// The folder being opened, for the loading screen and errors.
    pub case_dir: String,
    pub size: Size,
    pub phase: Phase,
    pub focus: Pane,
    pub timeline: TimelineView,
    pub message_scroll: usize,
    pub sources: SourcesView,
    pub reader: Option<Reader>,
    pub popup: Option<Popup>,
    pub filters: Filters,
    /// A one-off message for the status bar (cleared by the next key).
    pub status: Option<String>,
    /// Which of the items noteable from here notes go to (`o` moves it; see `notes::targets`).
    pub note_target: usize,
    /// Changes to the notes that `update` asked for, run by `effects::run`.
    pub effects: Vec<Effect>,
    pub quit: bool,
    /// What the view measured and what `update` asked it to bring into view (`layout.rs`).
    pub layout: Layout,
    /// The article being added in the background, if any (`A`).
    pub adding: Option<Adding>,
    /// The case read again after an import, waiting until no popup or reader holds indices
    /// into the one on screen (see `adding::swap_pending`).
    pub pending_case: Option<Box<Loaded>>,
    /// The keymap, the theme and the rest of the user's configuration.
    pub settings: Settings,
    /// Where the words of a note popup go when they cannot be saved (see `drafts.rs`).
    pub drafts: Drafts,
    /// Changes to the notes waiting for another casefile to let go of the notes' lock.
    pub waiting: Option<Waiting>,
    /// What to tell the user on stderr once the terminal is back (drafts kept when quitting,
    /// changes that could not be saved).
    pub farewell: Vec<String>,
}

/// Changes to the notes held up by another casefile's lock on the notes folder: tried again
/// between frames (`effects::retry`) until `effects::LOCK_PATIENCE` has passed, meanwhile the
/// status bar says so and every key but the popup's works.
#[derive(Debug)]
pub struct Waiting {
    /// The effects, in order; the first is the one that found the lock held.
    pub effects: Vec<Effect>,
    pub since: Instant,
    /// Time waited so far, as of the last try (copied in so that drawing is a function of the
    /// state).
    pub elapsed: Duration,
    /// The user gave up waiting (Esc in the popup whose words wait).
    pub give_up: bool,
}

impl App {
    /// A notebook waiting for its case.
    pub fn new(case_dir: impl Into<String>, size: Size) -> App {
        App {
            case_dir: case_dir.into(),
            size,
            phase: Phase::Loading(LoadingView {
                progress: LoadProgress::default().snapshot(),
                elapsed: Duration::ZERO,
            }),
            focus: Pane::Timeline,
            timeline: TimelineView::default(),
            message_scroll: 0,
            sources: SourcesView::default(),
            reader: None,
            popup: None,
            filters: Filters::default(),
            status: None,
            note_target: 0,
            effects: Vec::new(),
            quit: false,
            layout: Layout::default(),
            adding: None,
            pending_case: None,
            settings: Settings::default(),
            drafts: Drafts::default(),
            waiting: None,
            farewell: Vec::new(),
        }
    }

    /// The same with the user's settings; the configuration's problems are the first status.
    pub fn with_settings(mut self, settings: Settings) -> App {
        self.status = config_summary(&settings);
        self.settings = settings;
        self
    }

    /// The loader's latest progress, while the case is still loading; false when there was
    /// nothing to change (loaded already, or the same figures).
    pub fn loading_progress(&mut self, progress: ProgressSnapshot, elapsed: Duration) -> bool {
        match &mut self.phase {
            Phase::Loading(view) => {
                let new = LoadingView { progress, elapsed };
                std::mem::replace(view, new) != new
            }
            _ => false,
        }
    }

    /// Swaps in the loaded case (or the reason it failed) and selects the first event.
    pub fn set_loaded(&mut self, loaded: Result<Loaded, String>) {
        self.layout.source_heights.forget();
        match loaded {
            Ok(l) => {
                self.phase = Phase::Ready(Box::new(l));
                self.refilter();
                // A query typed while loading runs now.
                if let Some(Popup::Search(s)) = &mut self.popup
                    && !s.query.trim().is_empty()
                {
                    s.generation += 1;
                    s.searching = true;
                    self.effects.push(Effect::Search {
                        generation: s.generation,
                        query: s.query.clone(),
                    });
                }
                let notes = match self.loaded().map(|l| &l.notes) {
                    Some(Err(e)) => Some(format!("notes are unavailable: {e}")),
                    Some(Ok(n)) => n.broken_summary(),
                    None => None,
                };
                let skipped = match self.skipped_files().len() {
                    0 => None,
                    1 => Some("1 file skipped — ? lists it; casefile check says why".into()),
                    n => Some(format!(
                        "{n} files skipped — ? lists them; casefile check says why"
                    )),
                };
                // The configuration's problems stay said until the notes or the corpus have
                // one to say.
                if let Some(s) = notes.or(skipped) {
                    self.status = Some(s);
                }
            }
            Err(e) => self.phase = Phase::Failed(e),
        }
    }

    pub fn loaded(&self) -> Option<&Loaded> {
        match &self.phase {
            Phase::Ready(l) => Some(l),
            _ => None,
        }
    }

    pub fn case(&self) -> Option<&Case> {
        self.loaded().map(|l| &l.case)
    }

    /// The corpus files left out when the case was read (unreadable, binary, empty, not
    /// decodable...): errors, and warnings that say they skipped something.
    pub fn skipped_files(&self) -> Vec<&LoadIssue> {
        self.case().map_or_else(Vec::new, |c| {
            c.issues
                .iter()
                .filter(|i| i.severity == Severity::Error || i.message.ends_with("skipped"))
                .collect()
        })
    }

    /// The case's notes, once loaded and when they could be opened.
    pub fn notes(&self) -> Option<&Notes> {
        self.loaded().and_then(Loaded::notes)
    }

    /// Results for the query of `generation`; older ones (the user typed on) are dropped.
    pub fn search_results(&mut self, generation: u64, hits: Vec<SearchHit>) {
        if let Some(Popup::Search(s)) = &mut self.popup
            && s.generation == generation
        {
            s.hits = hits;
            s.searching = false;
            s.selected = 0;
            s.scroll = 0;
        }
    }

    /// Which keymap applies now.
    pub fn mode(&self) -> Mode {
        if self.loaded().is_none() {
            // The search can be typed into while the case loads.
            return match &self.popup {
                Some(Popup::Search(_)) => Mode::Search,
                _ => Mode::Loading,
            };
        }
        match &self.popup {
            Some(Popup::Help { .. }) => Mode::Help,
            Some(Popup::Search(_)) => Mode::Search,
            Some(Popup::Filter(f)) if f.field == FilterField::Dates => Mode::FilterDates,
            Some(Popup::Filter(_)) => Mode::FilterList,
            Some(Popup::Tag(_)) => Mode::Tag,
            Some(Popup::Annotate(_)) => Mode::Annotate,
            Some(Popup::Link(l)) if l.step == LinkStep::Target => Mode::LinkTarget,
            Some(Popup::Link(_)) => Mode::LinkRelation,
            Some(Popup::Notes(_)) => Mode::NotesList,
            Some(Popup::Add(_)) => Mode::AddSource,
            None if self.reader.is_some() => Mode::Reader,
            None => Mode::Main,
        }
    }

    /// The selected event's index in the timeline.
    pub fn event_index(&self) -> Option<usize> {
        self.timeline.selected_event()
    }

    pub fn event(&self) -> Option<&Event> {
        let e = self.event_index()?;
        self.case().map(|c| &c.timeline.events[e])
    }

    pub fn source(&self) -> Option<&Source> {
        self.event()?.sources.get(self.sources.selected)
    }

    /// Rebuilds the timeline rows after the filters changed, keeping the selected event when it
    /// still shows.
    pub fn refilter(&mut self) {
        let Some(loaded) = self.loaded() else { return };
        let (case, notes) = (&loaded.case, loaded.notes());
        let keep = self.event_index();
        let undated = case.timeline.undated_start();
        let mut rows = Vec::new();
        let mut shown = 0;
        for i in 0..case.timeline.events.len() {
            if !self.filters.matches(case, notes, i) {
                continue;
            }
            if i >= undated && !rows.iter().any(|r| matches!(r, Row::Group(_))) {
                rows.push(Row::Group("Undated"));
            }
            rows.push(Row::Event(i));
            shown += 1;
        }
        let selected = keep
            .and_then(|k| rows.iter().position(|r| *r == Row::Event(k)))
            .or_else(|| rows.iter().position(|r| matches!(r, Row::Event(_))));
        let changed = selected.map(|i| rows[i].clone()) != keep.map(Row::Event);
        self.timeline = TimelineView {
            rows,
            selected,
            scroll: 0,
            shown,
        };
        if changed {
            self.sources = SourcesView::default();
            self.message_scroll = 0;
        }
    }
}

/// The status line for a configuration with problems: the first, and how to see them all.
fn config_summary(settings: &Settings) -> Option<String> {
    match settings.problems.as_slice() {
        [] => None,
        [one] => Some(format!("config: {one} (? shows it again)")),
        [one, rest @ ..] => Some(format!(
            "config: {one} and {} more (? lists them)",
            rest.len()
        )),
    }
}
