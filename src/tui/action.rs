//! Everything the user can ask for, as one documented `Action` enum, and the modes whose
//! keymaps (`keymap.rs`) turn keys into actions. Actions and modes have names
//! (`Action::name`, `Mode::name`): the configuration binds keys with them, and the example
//! configuration lists them.

use casefile::notes::{Change, ItemRef};
use ratatui::crossterm::event::KeyEvent;

use super::drafts::{Draft, DraftKind};

/// What the user asked for. Movement actions apply to whatever has focus: the selected list,
/// or the text of the message pane, the reader or the help.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Action {
    /// One line (or item) up.
    Up,
    /// One line (or item) down.
    Down,
    /// One screen up.
    PageUp,
    /// One screen down.
    PageDown,
    /// To the first item, or the top of the text.
    Top,
    /// To the last item, or the end of the text.
    Bottom,
    /// Focus the pane to the right (wrapping round).
    NextPane,
    /// Focus the pane to the left (wrapping round).
    PrevPane,
    /// Open what is selected: an event's sources, a source in the reader, a search result,
    /// a filter choice; in the reader, the event of the marked quote.
    Open,
    /// Open the selected source (from the timeline: the event's first) in the article reader.
    Read,
    /// Close the popup or the reader; in a pane, go back to the timeline.
    Back,
    /// Leave casefile.
    Quit,
    /// Show every key.
    Help,
    /// Open the fuzzy search over every quote.
    Search,
    /// Open the filter popup.
    Filter,
    /// Turn every filter off.
    ClearFilters,
    /// In the reader: mark the next quote of the article.
    NextQuote,
    /// In the reader: mark the previous quote of the article.
    PrevQuote,
    /// In the filter popup: the next list or field.
    NextField,
    /// In the filter popup: the previous list or field.
    PrevField,
    /// Type a character into the focused text field.
    Input(char),
    /// Delete the character before the cursor of the text field.
    DeleteChar,
    /// Empty the text field.
    ClearInput,
    /// Tag the item notes go to (type the tag; "-tag" removes it).
    Tag,
    /// Write an annotation on the item notes go to.
    Annotate,
    /// Link the item notes go to with another (found by typing), then pick the relation.
    Link,
    /// Star the item notes go to (or take its star away).
    Star,
    /// Take back the last change to the notes.
    Undo,
    /// Show every note in the case.
    NotesList,
    /// Notes go to the next item noteable from here (event, source, article, people...).
    NextTarget,
    /// In the reader: mark the next paragraph (to note it).
    NextParagraph,
    /// In the reader: mark the previous paragraph.
    PrevParagraph,
    /// In the tag field: take the chosen completion.
    Complete,
    /// In the editor: save the annotation and close.
    Save,
    /// A key for the annotation editor.
    Edit(KeyEvent),
    /// In the notes list: read the notes folder again (after fixing a broken file).
    Reload,
    /// Add an article to the case: a URL or a saved page, imported in the background.
    AddSource,
    /// Copy what is selected (the event's text, a source's excerpt, the reader's marked
    /// passage) with its citation.
    Copy,
    /// Copy the selected event's id.
    CopyId,
    /// Open the selected source's article on the web, in the browser.
    OpenUrl,
    /// Open the selected source's article file in the editor, at the quote's line.
    EditArticle,
    /// The terminal has a new size.
    Resize { width: u16, height: u16 },
    /// A left click at this cell: select what is there and focus its pane.
    Click { x: u16, y: u16 },
    /// The mouse wheel over this cell.
    Wheel { x: u16, y: u16, down: bool },
}

impl Action {
    /// What the help popup says about the action.
    pub fn help(self) -> &'static str {
        match self {
            Action::Up => "up one line / item",
            Action::Down => "down one line / item",
            Action::PageUp => "up one screen",
            Action::PageDown => "down one screen",
            Action::Top => "first item / top",
            Action::Bottom => "last item / end",
            Action::NextPane => "next pane",
            Action::PrevPane => "previous pane",
            Action::Open => "open the selection",
            Action::Read => "read the source's article",
            Action::Back => "close / go back",
            Action::Quit => "quit",
            Action::Help => "this help",
            Action::Search => "search every quote",
            Action::Filter => "filter the timeline",
            Action::ClearFilters => "clear all filters",
            Action::NextQuote => "next quote in the article",
            Action::PrevQuote => "previous quote in the article",
            Action::NextField => "next list / field",
            Action::PrevField => "previous list / field",
            Action::Input(_) => "type text",
            Action::DeleteChar => "delete a character",
            Action::ClearInput => "clear the field",
            Action::Tag => "tag (Enter adds; -tag removes)",
            Action::Annotate => "write an annotation",
            Action::Link => "link to another item",
            Action::Star => "star / unstar",
            Action::Undo => "undo the last note change",
            Action::NotesList => "every note in the case",
            Action::NextTarget => "note the next item (event, source, article, person)",
            Action::NextParagraph => "mark the next paragraph",
            Action::PrevParagraph => "mark the previous paragraph",
            Action::Complete => "complete the tag",
            Action::Save => "save the annotation",
            Action::Edit(_) => "edit the text",
            Action::Reload => "reload the notes from disk",
            Action::AddSource => "add an article: a URL or a saved page",
            Action::Copy => "copy it with its citation",
            Action::CopyId => "copy the event's id",
            Action::OpenUrl => "open the article's URL in the browser",
            Action::EditArticle => "open the article file in $EDITOR",
            Action::Resize { .. } | Action::Click { .. } | Action::Wheel { .. } => "",
        }
    }
}

impl Action {
    /// Every action a key can be bound to, in the order the configuration example lists them.
    pub const BINDABLE: [Action; 39] = [
        Action::Up,
        Action::Down,
        Action::PageUp,
        Action::PageDown,
        Action::Top,
        Action::Bottom,
        Action::NextPane,
        Action::PrevPane,
        Action::Open,
        Action::Read,
        Action::Back,
        Action::Quit,
        Action::Help,
        Action::Search,
        Action::Filter,
        Action::ClearFilters,
        Action::NextQuote,
        Action::PrevQuote,
        Action::NextField,
        Action::PrevField,
        Action::DeleteChar,
        Action::ClearInput,
        Action::Tag,
        Action::Annotate,
        Action::Link,
        Action::Star,
        Action::Undo,
        Action::NotesList,
        Action::NextTarget,
        Action::NextParagraph,
        Action::PrevParagraph,
        Action::Complete,
        Action::Save,
        Action::Reload,
        Action::Copy,
        Action::CopyId,
        Action::OpenUrl,
        Action::EditArticle,
        Action::AddSource,
    ];

    /// The action's name in the configuration; `None` for what carries data (typed text,
    /// the mouse, a resize), which no key names.
    pub fn name(self) -> Option<&'static str> {
        Some(match self {
            Action::Up => "up",
            Action::Down => "down",
            Action::PageUp => "page_up",
            Action::PageDown => "page_down",
            Action::Top => "top",
            Action::Bottom => "bottom",
            Action::NextPane => "next_pane",
            Action::PrevPane => "prev_pane",
            Action::Open => "open",
            Action::Read => "read",
            Action::Back => "back",
            Action::Quit => "quit",
            Action::Help => "help",
            Action::Search => "search",
            Action::Filter => "filter",
            Action::ClearFilters => "clear_filters",
            Action::NextQuote => "next_quote",
            Action::PrevQuote => "prev_quote",
            Action::NextField => "next_field",
            Action::PrevField => "prev_field",
            Action::DeleteChar => "delete_char",
            Action::ClearInput => "clear_input",
            Action::Tag => "tag",
            Action::Annotate => "annotate",
            Action::Link => "link",
            Action::Star => "star",
            Action::Undo => "undo",
            Action::NotesList => "notes",
            Action::NextTarget => "next_target",
            Action::NextParagraph => "next_paragraph",
            Action::PrevParagraph => "prev_paragraph",
            Action::Complete => "complete",
            Action::Save => "save",
            Action::Reload => "reload",
            Action::Copy => "copy",
            Action::CopyId => "copy_id",
            Action::OpenUrl => "open_url",
            Action::EditArticle => "edit_article",
            Action::AddSource => "add_source",
            Action::Input(_)
            | Action::Edit(_)
            | Action::Resize { .. }
            | Action::Click { .. }
            | Action::Wheel { .. } => return None,
        })
    }

    /// The action named `name` in the configuration.
    pub fn parse(name: &str) -> Option<Action> {
        Action::BINDABLE
            .into_iter()
            .find(|a| a.name() == Some(name))
    }
}

impl Action {
    /// `help`, more precisely where the action means something particular in `mode`.
    pub fn help_in(self, mode: Mode) -> &'static str {
        match (self, mode) {
            (Action::Open, Mode::Main) => "timeline: to the sources; a source: read it",
            (Action::Open, Mode::Reader) => "go to the event of the marked quote",
            (Action::Open, Mode::Search) => "go to the result's event (or read it)",
            (Action::Open, Mode::FilterList) => "choose the item under the cursor",
            (Action::Open, Mode::FilterDates) => "apply the date range",
            (Action::Open, Mode::Tag) => "add the tag (-tag: remove it)",
            (Action::Open, Mode::LinkTarget) => "choose this item",
            (Action::Open, Mode::LinkRelation) => "save the link",
            (Action::Open, Mode::NotesList) => "go to the noted item",
            (Action::Open, Mode::AddSource) => "add it (in the background)",
            (Action::Back, Mode::Annotate) => "save and close (nothing is lost)",
            (Action::Back, Mode::LinkRelation) => "back to the item",
            (Action::Back, Mode::Main) => "back to the timeline",
            (Action::Back, Mode::Reader) => "close the reader",
            (Action::Back, _) => "close",
            _ => self.help(),
        }
    }
}

/// Which keymap applies: derived from what has focus (`App::mode`).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Mode {
    /// The case is loading, or failed to load.
    Loading,
    /// The three panes.
    Main,
    /// The article reader.
    Reader,
    /// The search popup (a text field).
    Search,
    /// The filter popup, on one of its lists.
    FilterList,
    /// The filter popup, on the date range (a text field).
    FilterDates,
    /// The help popup.
    Help,
    /// Typing a tag.
    Tag,
    /// The annotation editor.
    Annotate,
    /// The link's fuzzy finder.
    LinkTarget,
    /// The link's relation.
    LinkRelation,
    /// The list of every note.
    NotesList,
    /// Typing the URL or path of an article to add.
    AddSource,
}

impl Mode {
    /// Every mode, in the order of `index`.
    pub const ALL: [Mode; 13] = [
        Mode::Loading,
        Mode::Main,
        Mode::Reader,
        Mode::Search,
        Mode::FilterList,
        Mode::FilterDates,
        Mode::Help,
        Mode::Tag,
        Mode::Annotate,
        Mode::LinkTarget,
        Mode::LinkRelation,
        Mode::NotesList,
        Mode::AddSource,
    ];

    pub fn index(self) -> usize {
        self as usize
    }

    /// The mode's name in the configuration's `keys`.
    pub fn name(self) -> &'static str {
        match self {
            Mode::Loading => "loading",
            Mode::Main => "timeline",
            Mode::Reader => "reader",
            Mode::Search => "search",
            Mode::FilterList => "filter",
            Mode::FilterDates => "filter_dates",
            Mode::Help => "help",
            Mode::Tag => "tag",
            Mode::Annotate => "annotate",
            Mode::LinkTarget => "link",
            Mode::LinkRelation => "link_relation",
            Mode::NotesList => "notes",
            Mode::AddSource => "add",
        }
    }

    pub fn parse(name: &str) -> Option<Mode> {
        Mode::ALL.into_iter().find(|m| m.name() == name)
    }

    pub fn title(self) -> &'static str {
        match self {
            Mode::Loading => "Loading",
            Mode::Main => "Timeline, message and sources",
            Mode::Reader => "Article reader",
            Mode::Search => "Search",
            Mode::FilterList => "Filters (lists)",
            Mode::FilterDates => "Filters (date range)",
            Mode::Help => "Help",
            Mode::Tag => "Tag",
            Mode::Annotate => "Annotation editor",
            Mode::LinkTarget => "Link: the other item",
            Mode::LinkRelation => "Link: the relation",
            Mode::NotesList => "Notes",
            Mode::AddSource => "Add an article",
        }
    }

    /// Every key the mode does not bind goes to a `TextArea` editor.
    pub(super) fn edits_text(self) -> bool {
        matches!(self, Mode::Annotate | Mode::AddSource)
    }

    /// Printable keys that are not bound become text.
    pub(super) fn takes_text(self) -> bool {
        matches!(
            self,
            Mode::Search
                | Mode::FilterDates
                | Mode::Tag
                | Mode::LinkTarget
                | Mode::LinkRelation
                | Mode::NotesList
        )
    }
}

/// What `update` asks the world to do (save a note, search, copy, open…), as a plain value
/// beside the [`Action`] that led to it; `effects.rs` runs the queue.
#[derive(Debug, Clone, PartialEq)]
pub enum Effect {
    /// Save this change.
    Apply(Box<Change>),
    /// Save the change a note popup (the editor, the tag field, the link finder) holds: once
    /// saved the popup closes and its draft goes; a failure leaves it open with its words and
    /// the reason; when quitting, a failure keeps the words as a draft (see `saving.rs`).
    Save(Box<Change>),
    /// Keep the open note popup's words about `item` as a draft, then close it.
    Draft {
        item: Box<ItemRef>,
        draft: Box<Draft>,
    },
    /// Fill the note popup just opened on `item` with its draft, when one was kept.
    OfferDraft { kind: DraftKind, item: Box<ItemRef> },
    /// Forget the draft of `kind` about `item` (the user emptied the words it gave back).
    DropDraft { kind: DraftKind, item: Box<ItemRef> },
    /// Take back the last change.
    Undo,
    /// Read the notes folder again (after fixing a broken file by hand).
    Reload,
    /// Search the quotes. The event loop hands this to the search thread; tests (and
    /// `run`) search at once.
    Search { generation: u64, query: String },
    /// Add an article (a URL or a path) to the case, then read the case again. The event loop
    /// hands this to a worker thread; tests (and `run`) do it at once.
    Add { source: String },
    /// Put `text` on the clipboard; `what` names it in the status line ("the quote").
    /// This and the two below are left in the queue for the event loop's `Desktop`.
    Copy { text: String, what: &'static str },
    /// Open this URL in the browser.
    OpenUrl(String),
    /// Edit this file at this line (from 1), the terminal handed over meanwhile.
    Edit {
        path: std::path::PathBuf,
        line: usize,
    },
}

impl Effect {
    /// Keep `draft` about `item` (see [`Effect::Draft`]).
    pub fn draft(item: ItemRef, draft: Draft) -> Effect {
        Effect::Draft {
            item: Box::new(item),
            draft: Box::new(draft),
        }
    }

    /// Whether the event loop carries this out (it needs the terminal or the desktop).
    pub fn is_outside(&self) -> bool {
        matches!(
            self,
            Effect::Copy { .. } | Effect::OpenUrl(_) | Effect::Edit { .. }
        )
    }

    /// Whether this takes the notes folder's lock, and so may have to wait for it.
    pub fn needs_lock(&self) -> bool {
        matches!(self, Effect::Apply(_) | Effect::Save(_) | Effect::Undo)
    }
}
