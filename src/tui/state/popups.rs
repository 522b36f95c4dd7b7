//! The popups' state: each popup is a variant of [`Popup`] carrying its own data (the text
//! typed, the cursor, the results), held in `App::popup`.

use std::sync::Arc;

use casefile::search::{SearchHit, SearchSession};
use ratatui_textarea::TextArea;

use casefile::notes::Relation;

use crate::tui::notes::{LinkTargets, Target};

/// The relations the link popup offers, in order; the last row of the list is "other" (typed).
pub const RELATIONS: [Relation; 4] = [
    Relation::Corroborates,
    Relation::Contradicts,
    Relation::RespondsTo,
    Relation::SeeAlso,
];

/// The search popup.
#[derive(Debug, Clone, Default)]
pub struct SearchPopup {
    pub query: String,
    /// Bumped on each change of `query`: results of an older query are dropped.
    pub generation: u64,
    /// The newest query's results are not in yet.
    pub searching: bool,
    pub hits: Vec<SearchHit>,
    pub selected: usize,
    /// First result shown.
    pub scroll: usize,
}

/// The parts of the filter popup, in Tab order.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FilterField {
    Sender,
    Channel,
    Outlet,
    Notes,
    Dates,
}

impl FilterField {
    pub const ALL: [FilterField; 5] = [
        FilterField::Sender,
        FilterField::Channel,
        FilterField::Outlet,
        FilterField::Notes,
        FilterField::Dates,
    ];

    pub fn title(self) -> &'static str {
        match self {
            FilterField::Sender => "Sender",
            FilterField::Channel => "Channel",
            FilterField::Outlet => "Outlet",
            FilterField::Notes => "Notes",
            FilterField::Dates => "Dates",
        }
    }
}

/// The filter popup: four lists (item 0 of each is "any") and the date-range field.
/// Choices apply at once; the popup only holds the cursors and the text being typed.
#[derive(Debug, Clone)]
pub struct FilterPopup {
    pub field: FilterField,
    /// Cursor in the sender, channel, outlet and notes lists.
    pub cursor: [usize; 4],
    pub dates: String,
    /// Why `dates` is not a range, when it is not.
    pub error: Option<String>,
}

/// Adding (or removing, "-tag") a tag, with completion from the case's tags.
#[derive(Debug, Clone)]
pub struct TagPopup {
    pub target: Target,
    pub input: String,
    /// Existing tags that start with what is typed, most used first.
    pub completions: Vec<String>,
    /// The completion Tab takes, when one is chosen with the arrows.
    pub selected: usize,
    /// Why the last Enter saved nothing: the field keeps its text.
    pub error: Option<String>,
}

/// Writing an annotation. Ctrl-S saves; Esc saves too (a word typed is never thrown away);
/// an empty editor saves nothing. A failed save leaves the editor open with its text and the
/// reason; Esc then closes it keeping a draft (see `drafts.rs`).
#[derive(Debug)]
pub struct AnnotatePopup {
    pub target: Target,
    pub editor: TextArea<'static>,
    /// Why the last save failed (cleared by the next edit).
    pub error: Option<String>,
    /// The editor was filled from a draft: emptying it and closing discards the draft.
    pub from_draft: bool,
}

/// The two steps of making a link.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LinkStep {
    /// Finding the other item by typing.
    Target,
    /// Choosing the relation (or typing one); `to` is the chosen item.
    Relation { to: usize },
}

/// Making a link from `from` to an item found with the fuzzy finder.
#[derive(Debug)]
pub struct LinkPopup {
    pub from: Target,
    pub step: LinkStep,
    pub query: String,
    /// Everything a link can point at (`from` among them, never offered).
    pub targets: Arc<LinkTargets>,
    /// Narrows from the last query while the user types on.
    pub session: SearchSession,
    /// Indices into `candidates` matching `query`, best first.
    pub hits: Vec<usize>,
    pub selected: usize,
    /// In the relation step: the relation under the cursor (the last is "other", typed).
    pub relation: usize,
    pub custom: String,
    /// Why the last Enter saved nothing: the popup keeps its choices.
    pub error: Option<String>,
}

/// The list of every note in the case, with a search field; Enter goes to the item.
#[derive(Debug, Clone, Default)]
pub struct NotesPopup {
    pub query: String,
    /// Keys of the note files shown, in order.
    pub keys: Vec<String>,
    pub selected: usize,
    pub scroll: usize,
}

/// Typing the URL or path of an article to add (`A`).
#[derive(Debug)]
pub struct AddPopup {
    pub editor: TextArea<'static>,
    /// Why the last Enter added nothing (an empty field).
    pub error: Option<String>,
}

/// An article being added in the background, for the status bar.
#[derive(Debug, Clone, PartialEq)]
pub struct Adding {
    pub source: String,
    /// What the worker is doing ("fetching the page", "re-reading the case: finding quotes").
    pub stage: String,
}

/// At most one popup, drawn over everything else.
#[derive(Debug)]
pub enum Popup {
    Help { scroll: usize },
    Search(SearchPopup),
    Filter(FilterPopup),
    Tag(TagPopup),
    Annotate(Box<AnnotatePopup>),
    Link(Box<LinkPopup>),
    Notes(NotesPopup),
    Add(Box<AddPopup>),
}
