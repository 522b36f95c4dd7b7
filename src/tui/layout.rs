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
//! - [`SourceHeights`]: the source blocks of the selected event laid out so far. An event
//!   quoted by a thousand pages is not laid out whole on every selection: only the blocks on
//!   screen, the selected one and those needed to place the scroll are, and the others count
//!   with an estimate from their text's length until they show.
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
    /// after the other: exact for the blocks laid out (always those on screen and the
    /// selected one), estimated for the others (see [`SourceHeights`]).
    pub source_spans: Rc<[Range<usize>]>,
    /// Every block of `source_spans` is laid out: the pane's position is exact.
    pub sources_exact: bool,
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

/// The line count of each source block of one event at one width, kept between frames and
/// keys, as far as the view has laid the blocks out. An event with at most
/// [`SourceHeights::LAY_OUT_ALL`] sources is laid out whole when it is selected; a larger one
/// block by block as the blocks come on screen (or are selected), the others counted with the
/// estimate the view gave for each. So the position in the pane's title is exact for every
/// event but the large ones, for which it is shown with a `~` until every block has been on
/// screen; the lines drawn are always the blocks' own. Heights do not depend on which source
/// is selected.
#[derive(Debug, Clone, Default)]
pub struct SourceHeights {
    /// (event index, pane width) the heights are for.
    key: Option<(usize, usize)>,
    /// Each block's lines: laid out, or the estimate while `!laid_out[i]`.
    heights: Vec<usize>,
    laid_out: Vec<bool>,
    /// How many blocks are not laid out yet.
    estimated: usize,
}

impl SourceHeights {
    /// Events with this many sources or fewer are laid out whole (~3 ms at worst; a block of
    /// a long paragraph takes ~40 µs).
    pub const LAY_OUT_ALL: usize = 64;

    /// Whether the heights are those of event `e` at `width`.
    pub fn is_for(&self, e: usize, width: usize) -> bool {
        self.key == Some((e, width))
    }

    /// Starts over for event `e` at `width`, every block at its estimated height.
    pub fn start(&mut self, e: usize, width: usize, estimates: Vec<usize>) {
        self.key = Some((e, width));
        self.estimated = estimates.len();
        self.laid_out = vec![false; estimates.len()];
        self.heights = estimates;
    }

    pub fn is_laid_out(&self, i: usize) -> bool {
        self.laid_out.get(i).copied().unwrap_or(true)
    }

    /// Block `i` laid out in `lines` lines.
    pub fn set(&mut self, i: usize, lines: usize) {
        if !self.laid_out[i] {
            self.laid_out[i] = true;
            self.estimated -= 1;
        }
        self.heights[i] = lines;
    }

    /// No block is counted with an estimate.
    pub fn exact(&self) -> bool {
        self.estimated == 0
    }

    /// The lines of each block, one block after the other.
    pub fn spans(&self) -> Rc<[Range<usize>]> {
        let mut at = 0;
        self.heights
            .iter()
            .map(|&h| {
                let r = at..at + h;
                at = r.end;
                r
            })
            .collect()
    }

    /// For a case read anew (event indices mean other events).
    pub fn forget(&mut self) {
        *self = SourceHeights::default();
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
    /// Select the source block at the top of the pane (after a page up or down), once the
    /// blocks now on screen are laid out.
    pub select_top_source: bool,
    /// Keep the message's scroll within its (new) length.
    pub clamp_message: bool,
    pub reader: Option<ReaderScroll>,
}

/// The layout state `App` keeps between `update` and the view.
#[derive(Debug, Clone, Default)]
pub struct Layout {
    pub measured: Measured,
    pub requests: Requests,
    /// The view's memory of the selected event's source blocks.
    pub source_heights: SourceHeights,
}
