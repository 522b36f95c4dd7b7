//! Colours: the style of each role the views draw with (the selection, the quoted words, a
//! wording difference, reader comments, page debris, notes...), in three built-in themes that
//! the configuration can pick and override role by role:
//!
//! - `dark`: the colours casefile always had (its style snapshots hold them);
//! - `light`: for a white terminal (no yellow or white text, a highlighter for quotes);
//! - `mono`: no colour at all, emphasis by bold, underline, italic and reverse only. It is what
//!   `NO_COLOR` gives, whatever the configuration says.
//!
//! The choice it makes: the views call `theme::quote()`, `theme::dim()`... and get the style of
//! the theme being drawn, which [`Theme::apply`] sets for the length of one frame (a
//! thread-local, set by the root widget). Passing `&Theme` to the hundred places that style
//! something would have threaded it through every helper for no gain: drawing is one
//! synchronous call on one thread, and outside a frame the built-in dark theme applies
//! (the tests that compare a colour, and the layout pass that measures text, which ignores
//! colours).

use std::cell::RefCell;
use std::str::FromStr;

use casefile::config::{ConfigError, StyleSpec};
use ratatui::style::{Color, Modifier, Style};

/// What a style is for.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Role {
    /// Headings, the search prompt, event ids, the spinner.
    Accent,
    /// The frame of the focused pane or popup.
    FocusedBorder,
    /// Other frames.
    Border,
    /// The selected row of the focused list.
    Selection,
    /// The selected row of a list without focus.
    SelectionUnfocused,
    /// Secondary text: counts, hints, positions.
    Dim,
    /// Labels and pane titles.
    Label,
    /// The quoted words of a source; the quote the reader was opened on.
    Quote,
    /// Words where a source's wording differs from the event's text.
    Difference,
    /// The line that spells a difference out ("≠ has “for” for “from”").
    DifferenceNote,
    /// The article's other quotes, in the reader.
    OtherQuote,
    /// Characters a search matched.
    Match,
    /// Errors: a bad date range, a broken note file, sources that disagree.
    Error,
    /// The article's title in the reader.
    Title,
    /// The "reader comment" badge.
    CommentBadge,
    /// The line that opens an article's reader comments, and each commenter's header.
    CommentHeading,
    /// Reader comments.
    Comment,
    /// Page debris (navigation, credits, share buttons) in the reader.
    Debris,
    /// Notes: annotations, noted passages.
    Note,
    /// The star of a starred item.
    Star,
    /// Tags.
    Tag,
    /// The header and status bars.
    Bar,
    /// "casefile" in the header.
    Badge,
    /// A message in the status bar.
    Status,
    /// The filters in the status bar.
    FilterBadge,
    /// A loading step done.
    Done,
}

impl Role {
    pub const ALL: [Role; 26] = [
        Role::Accent,
        Role::FocusedBorder,
        Role::Border,
        Role::Selection,
        Role::SelectionUnfocused,
        Role::Dim,
        Role::Label,
        Role::Quote,
        Role::Difference,
        Role::DifferenceNote,
        Role::OtherQuote,
        Role::Match,
        Role::Error,
        Role::Title,
        Role::CommentBadge,
        Role::CommentHeading,
        Role::Comment,
        Role::Debris,
        Role::Note,
        Role::Star,
        Role::Tag,
        Role::Bar,
        Role::Badge,
        Role::Status,
        Role::FilterBadge,
        Role::Done,
    ];

    /// The role's name in the configuration.
    pub fn name(self) -> &'static str {
        match self {
            Role::Accent => "accent",
            Role::FocusedBorder => "focused_border",
            Role::Border => "border",
            Role::Selection => "selection",
            Role::SelectionUnfocused => "selection_unfocused",
            Role::Dim => "dim",
            Role::Label => "label",
            Role::Quote => "quote",
            Role::Difference => "difference",
            Role::DifferenceNote => "difference_note",
            Role::OtherQuote => "other_quote",
            Role::Match => "match",
            Role::Error => "error",
            Role::Title => "title",
            Role::CommentBadge => "comment_badge",
            Role::CommentHeading => "comment_heading",
            Role::Comment => "comment",
            Role::Debris => "debris",
            Role::Note => "note",
            Role::Star => "star",
            Role::Tag => "tag",
            Role::Bar => "bar",
            Role::Badge => "badge",
            Role::Status => "status",
            Role::FilterBadge => "filter_badge",
            Role::Done => "done",
        }
    }

    pub fn parse(name: &str) -> Option<Role> {
        Role::ALL.into_iter().find(|r| r.name() == name)
    }
}

/// A style for every role.
#[derive(Debug, Clone, PartialEq)]
pub struct Theme {
    styles: [Style; Role::ALL.len()],
}

const fn fg(c: Color) -> Style {
    Style::new().fg(c)
}

const fn on(fg: Color, bg: Color) -> Style {
    Style::new().fg(fg).bg(bg)
}

const fn m(m: Modifier) -> Style {
    Style::new().add_modifier(m)
}

const B: Modifier = Modifier::BOLD;
const U: Modifier = Modifier::UNDERLINED;
const I: Modifier = Modifier::ITALIC;
const R: Modifier = Modifier::REVERSED;

impl Theme {
    pub const NAMES: [&str; 3] = ["dark", "light", "mono"];

    /// A built-in theme by name.
    pub fn named(name: &str) -> Option<Theme> {
        match name {
            "dark" => Some(Theme::dark()),
            "light" => Some(Theme::light()),
            "mono" => Some(Theme::mono()),
            _ => None,
        }
    }

    /// For a dark terminal: casefile's colours from the start.
    pub fn dark() -> Theme {
        use Color::*;
        Theme::of(|r| match r {
            Role::Accent => fg(Cyan),
            Role::FocusedBorder => fg(Cyan).add_modifier(B),
            Role::Border => fg(DarkGray),
            Role::Selection => Style::new().bg(Blue).fg(White),
            Role::SelectionUnfocused => Style::new().bg(DarkGray),
            Role::Dim => fg(DarkGray),
            Role::Label => fg(Gray).add_modifier(B),
            Role::Quote => fg(Yellow).add_modifier(B),
            Role::Difference => on(Black, LightRed).add_modifier(B),
            Role::DifferenceNote => fg(LightRed),
            Role::OtherQuote => fg(Cyan).add_modifier(U),
            Role::Match => fg(Yellow).add_modifier(B.union(U)),
            Role::Error => fg(LightRed),
            Role::Title => Style::new().add_modifier(B).fg(White),
            Role::CommentBadge => on(Black, Magenta),
            Role::CommentHeading => fg(Magenta).add_modifier(B),
            Role::Comment => fg(Gray),
            Role::Debris => fg(DarkGray).add_modifier(I),
            Role::Note => fg(LightGreen),
            Role::Star => fg(Yellow).add_modifier(B),
            Role::Tag => fg(Magenta).add_modifier(B),
            Role::Bar => Style::new().bg(Black),
            Role::Badge => Style::new().bg(Cyan).fg(Black).add_modifier(B),
            Role::Status => on(Black, Yellow),
            Role::FilterBadge => on(Black, Magenta),
            Role::Done => fg(Green),
        })
    }

    /// For a white terminal: dark text, a highlighter for the quoted words.
    pub fn light() -> Theme {
        use Color::*;
        Theme::of(|r| match r {
            Role::Accent => fg(Blue),
            Role::FocusedBorder => fg(Blue).add_modifier(B),
            Role::Border => fg(Gray),
            Role::Selection => on(White, Blue),
            Role::SelectionUnfocused => on(Black, Gray),
            Role::Dim => fg(DarkGray),
            Role::Label => fg(Black).add_modifier(B),
            Role::Quote => on(Black, LightYellow).add_modifier(B),
            Role::Difference => on(White, Red).add_modifier(B),
            Role::DifferenceNote => fg(Red),
            Role::OtherQuote => fg(Blue).add_modifier(U),
            Role::Match => fg(Magenta).add_modifier(B.union(U)),
            Role::Error => fg(Red),
            Role::Title => fg(Black).add_modifier(B),
            Role::CommentBadge => on(White, Magenta),
            Role::CommentHeading => fg(Magenta).add_modifier(B),
            Role::Comment => fg(DarkGray),
            Role::Debris => fg(Gray).add_modifier(I),
            Role::Note => fg(Green),
            Role::Star => fg(Red).add_modifier(B),
            Role::Tag => fg(Magenta).add_modifier(B),
            Role::Bar => Style::new().bg(Gray).fg(Black),
            Role::Badge => on(White, Blue).add_modifier(B),
            Role::Status => on(Black, LightYellow),
            Role::FilterBadge => on(White, Magenta),
            Role::Done => fg(Green),
        })
    }

    /// No colour: bold, underline, italic and reverse only.
    pub fn mono() -> Theme {
        Theme::of(|r| match r {
            Role::Accent | Role::FocusedBorder | Role::Label | Role::Quote => m(B),
            Role::Border | Role::Dim | Role::Bar => Style::new(),
            Role::Selection => m(R),
            Role::SelectionUnfocused => m(U),
            Role::Difference => m(R.union(B)),
            Role::DifferenceNote | Role::Error | Role::Title | Role::Star | Role::Tag => m(B),
            Role::OtherQuote => m(U),
            Role::Match => m(B.union(U)),
            Role::CommentBadge | Role::Status | Role::FilterBadge => m(R),
            Role::CommentHeading | Role::Done => m(B),
            Role::Comment | Role::Debris | Role::Note => m(I),
            Role::Badge => m(R.union(B)),
        })
    }

    fn of(style: impl Fn(Role) -> Style) -> Theme {
        Theme {
            styles: Role::ALL.map(style),
        }
    }

    pub fn get(&self, role: Role) -> Style {
        self.styles[role as usize]
    }

    /// Lays `spec` over the role's style; bad colours are reported and left out. With
    /// `colour` false (NO_COLOR) only the emphasis is taken.
    pub fn set(
        &mut self,
        role: Role,
        spec: &StyleSpec,
        colour: bool,
        problems: &mut Vec<ConfigError>,
    ) {
        let mut style = self.styles[role as usize];
        for (which, c) in [(0, &spec.fg), (1, &spec.bg)] {
            let Some(c) = c else { continue };
            match parse_colour(&c.value) {
                Some(_) if !colour => {}
                Some(col) if which == 0 => style = style.fg(col),
                Some(col) => style = style.bg(col),
                None => problems.push(ConfigError::invalid(
                    &c.at,
                    format!(
                        "“{}” is not a colour (a name like red, lightblue, darkgray; \"#rrggbb\"; or 0-255)",
                        c.value
                    ),
                )),
            }
        }
        for (on, modifier) in [
            (spec.bold, Modifier::BOLD),
            (spec.italic, Modifier::ITALIC),
            (spec.underline, Modifier::UNDERLINED),
            (spec.reverse, Modifier::REVERSED),
            (spec.dim, Modifier::DIM),
        ] {
            style = match on {
                Some(true) => style.add_modifier(modifier),
                Some(false) => style.remove_modifier(modifier),
                None => style,
            };
        }
        self.styles[role as usize] = style;
    }

    /// Makes this the theme of the views until the guard is dropped (one frame).
    pub fn apply(&self) -> Applied {
        let before = CURRENT.with(|c| c.replace(self.clone()));
        Applied(Some(before))
    }
}

impl Default for Theme {
    fn default() -> Theme {
        Theme::dark()
    }
}

/// A colour as the configuration writes it: a name (`red`, `lightblue`, `dark-gray`),
/// `#rrggbb`, or an index 0-255. "reset" or "default": the terminal's own colour.
pub fn parse_colour(s: &str) -> Option<Color> {
    let s = s.trim();
    if s.is_empty() {
        return None;
    }
    if let Ok(n) = s.parse::<u16>() {
        return u8::try_from(n).ok().map(Color::Indexed);
    }
    Color::from_str(s).ok()
}

thread_local! {
    static CURRENT: RefCell<Theme> = RefCell::new(Theme::dark());
}

/// Puts the previous theme back when dropped.
pub struct Applied(Option<Theme>);

impl Drop for Applied {
    fn drop(&mut self) {
        if let Some(t) = self.0.take() {
            CURRENT.with(|c| *c.borrow_mut() = t);
        }
    }
}

/// The style of `role` in the theme being drawn.
pub fn style(role: Role) -> Style {
    CURRENT.with(|c| c.borrow().get(role))
}

pub fn accent() -> Style {
    style(Role::Accent)
}
pub fn focused_border() -> Style {
    style(Role::FocusedBorder)
}
pub fn border() -> Style {
    style(Role::Border)
}
/// The selected row of the focused list.
pub fn selected() -> Style {
    style(Role::Selection)
}
/// The selected row of a list without focus.
pub fn selected_dim() -> Style {
    style(Role::SelectionUnfocused)
}
pub fn dim() -> Style {
    style(Role::Dim)
}
pub fn label() -> Style {
    style(Role::Label)
}
/// The quoted words of a source, the quote the reader was opened on.
pub fn quote() -> Style {
    style(Role::Quote)
}
/// Words where a source's wording differs from the event's text.
pub fn differs() -> Style {
    style(Role::Difference)
}
/// Other quotes of the article, in the reader.
pub fn other_quote() -> Style {
    style(Role::OtherQuote)
}
/// Characters a search matched.
pub fn matched() -> Style {
    style(Role::Match)
}
/// The mark left of the selected row: visible without colour too.
pub const CURSOR: &str = "▶";
