//! The two halves of the notebook's scrolling, as ratatui's `ListState` splits them: `update`
//! changes the logical state (what is selected, "a page down", "bring this into view") and the
//! view, which alone knows how text wraps, lays the screen out and records here what it
//! measured, for the next `update` to read. Neither imports the other; both stand on this.
//!
//! - [`Measured`]: line counts and positions of what is on screen now (the message, the
//!   sources' blocks, the open article, the help), as of the last layout pass
//!   (`view::settle`, which runs after every `update` and before every frame).
//! - [`Requests`]: scroll positions `update` cannot work out because they depend on a layout
//!   not measured yet (an article just opened, a new terminal width); the layout pass settles
//!   them and clears them.
//!
//! The screen's rectangles need no measuring: they are a function of the terminal size
//! (`screen.rs`).

use std::ops::Range;
use std::rc::Rc;

/// What the last layout pass measured. Empty before the case is loaded.
#[derive(Debug, Clone, Default)]
pub struct Measured {
    /// Lines of the selected event's message at the message pane's width.
    pub message_lines: usize,
    /// The lines each source block of the selected event takes in the sources pane, one
    /// after the other.
    pub source_spans: Rc<[Range<usize>]>,
    /// Lines of the open article at the reader's width.
    pub reader_lines: usize,
    /// The first line of each paragraph of the open article.
    pub paragraph_line: Rc<[usize]>,
    /// Lines of the help at its popup's width.
    pub help_lines: usize,
}

impl Measured {
    /// All the sources' lines.
    pub fn sources_total(&self) -> usize {
        self.source_spans.last().map_or(0, |r| r.end)
    }
}

/// Where the reader is to be scrolled once its article is laid out.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ReaderScroll {
    /// Just opened: its paragraph with two lines of context above it (from the top when the
    /// paragraph is in the first third of a screen anyway).
    Open,
    /// Its paragraph is marked: scroll only if the paragraph is off screen, to a third down.
    Show,
    /// The terminal was resized: this paragraph (the one at the top before) at the top.
    Top(usize),
}

/// What `update` left for the layout pass to bring into view.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Requests {
    /// Scroll the sources so that the selected block shows.
    pub reveal_source: bool,
    /// Keep the message's scroll within its (new) length.
    pub clamp_message: bool,
    pub reader: Option<ReaderScroll>,
}

/// The layout state `App` keeps between `update` and the view.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub measured: Measured,
    pub requests: Requests,
}
