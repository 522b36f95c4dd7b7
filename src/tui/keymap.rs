//! The keymap: which key gives which action in which mode. The default tables below are the
//! only place keys are named; the configuration's `keys` replace an action's keys mode by mode
//! (`settings.rs`), and the help popup and the status bar's hints are generated from the
//! resulting [`Keymap`], so they show the keys actually bound.
//!
//! Modes follow what has focus (see `App::mode`). In a text field (the search prompt, the date
//! range, the tag) a printable key that the mode does not bind becomes text, so `q` or `j` can
//! be typed there; in the annotation editor every unbound key is the editor's. Ctrl-C quits
//! from every mode.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use casefile::config::{KeyChord, KeyName};

use super::action::{Action, Mode};

/// A key with the modifiers that matter (Shift is part of the character or of BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
    pub alt: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
        alt: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
        alt: false,
    }
}

const fn code(code: KeyCode) -> Key {
    Key {
        code,
        ctrl: false,
        alt: false,
    }
}

/// The key that always quits, whatever the configuration says.
pub const CTRL_C: Key = ctrl('c');

impl From<KeyChord> for Key {
    fn from(k: KeyChord) -> Key {
        let code = match k.key {
            KeyName::Char(c) => KeyCode::Char(c),
            KeyName::Enter => KeyCode::Enter,
            KeyName::Esc => KeyCode::Esc,
            KeyName::Tab => KeyCode::Tab,
            KeyName::BackTab => KeyCode::BackTab,
            KeyName::Backspace => KeyCode::Backspace,
            KeyName::Delete => KeyCode::Delete,
            KeyName::Insert => KeyCode::Insert,
            KeyName::Up => KeyCode::Up,
            KeyName::Down => KeyCode::Down,
            KeyName::Left => KeyCode::Left,
            KeyName::Right => KeyCode::Right,
            KeyName::PageUp => KeyCode::PageUp,
            KeyName::PageDown => KeyCode::PageDown,
            KeyName::Home => KeyCode::Home,
            KeyName::End => KeyCode::End,
            KeyName::F(n) => KeyCode::F(n),
        };
        Key {
            code,
            ctrl: k.ctrl,
            alt: k.alt,
        }
    }
}

impl Key {
    /// The key as the help and the status bar write it.
    pub fn label(self) -> String {
        let base = match self.code {
            KeyCode::Char(' ') => "Space".to_string(),
            KeyCode::Char(c) => c.to_string(),
            KeyCode::Up => "↑".into(),
            KeyCode::Down => "↓".into(),
            KeyCode::Left => "←".into(),
            KeyCode::Right => "→".into(),
            KeyCode::PageUp => "PgUp".into(),
            KeyCode::PageDown => "PgDn".into(),
            KeyCode::Home => "Home".into(),
            KeyCode::End => "End".into(),
            KeyCode::Enter => "Enter".into(),
            KeyCode::Esc => "Esc".into(),
            KeyCode::Tab => "Tab".into(),
            KeyCode::BackTab => "Shift-Tab".into(),
            KeyCode::Backspace => "Backspace".into(),
            KeyCode::F(n) => format!("F{n}"),
            other => format!("{other:?}"),
        };
        let alt = if self.alt { "Alt-" } else { "" };
        if self.ctrl {
            format!("Ctrl-{alt}{base}")
        } else {
            format!("{alt}{base}")
        }
    }
}

type Table = &'static [(Key, Action)];

const QUIT: (Key, Action) = (CTRL_C, Action::Quit);

const MAIN: Table = &[
    (ch('j'), Action::Down),
    (code(KeyCode::Down), Action::Down),
    (ch('k'), Action::Up),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (ctrl('d'), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (ctrl('u'), Action::PageUp),
    (ch('g'), Action::Top),
    (code(KeyCode::Home), Action::Top),
    (ch('G'), Action::Bottom),
    (code(KeyCode::End), Action::Bottom),
    (code(KeyCode::Tab), Action::NextPane),
    (ch('l'), Action::NextPane),
    (code(KeyCode::Right), Action::NextPane),
    (code(KeyCode::BackTab), Action::PrevPane),
    (ch('h'), Action::PrevPane),
    (code(KeyCode::Left), Action::PrevPane),
    (code(KeyCode::Enter), Action::Open),
    (ch('r'), Action::Read),
    (code(KeyCode::Esc), Action::Back),
    (ch('/'), Action::Search),
    (ch('f'), Action::Filter),
    (ch('F'), Action::ClearFilters),
    (ch('t'), Action::Tag),
    (ch('a'), Action::Annotate),
    (ch('L'), Action::Link),
    (ch('*'), Action::Star),
    (ch('o'), Action::NextTarget),
    (ch('u'), Action::Undo),
    (ch('n'), Action::NotesList),
    (ch('A'), Action::AddSource),
    (ch('y'), Action::Copy),
    (ch('Y'), Action::CopyId),
    (ch('O'), Action::OpenUrl),
    (ch('E'), Action::EditArticle),
    (ch('?'), Action::Help),
    (ch('q'), Action::Quit),
    QUIT,
];

const READER: Table = &[
    (ch('j'), Action::Down),
    (code(KeyCode::Down), Action::Down),
    (ch('k'), Action::Up),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (ctrl('d'), Action::PageDown),
    (ch(' '), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (ctrl('u'), Action::PageUp),
    (ch('g'), Action::Top),
    (code(KeyCode::Home), Action::Top),
    (ch('G'), Action::Bottom),
    (code(KeyCode::End), Action::Bottom),
    (ch('n'), Action::NextQuote),
    (code(KeyCode::Tab), Action::NextQuote),
    (ch('N'), Action::PrevQuote),
    (code(KeyCode::BackTab), Action::PrevQuote),
    (ch('}'), Action::NextParagraph),
    (ch('{'), Action::PrevParagraph),
    (ch('t'), Action::Tag),
    (ch('a'), Action::Annotate),
    (ch('L'), Action::Link),
    (ch('*'), Action::Star),
    (ch('o'), Action::NextTarget),
    (ch('u'), Action::Undo),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (ch('h'), Action::Back),
    (code(KeyCode::Left), Action::Back),
    (ch('y'), Action::Copy),
    (ch('Y'), Action::CopyId),
    (ch('O'), Action::OpenUrl),
    (ch('E'), Action::EditArticle),
    (ch('/'), Action::Search),
    (ch('?'), Action::Help),
    (ch('q'), Action::Quit),
    QUIT,
];

const SEARCH: Table = &[
    (code(KeyCode::Down), Action::Down),
    (ctrl('n'), Action::Down),
    (code(KeyCode::Up), Action::Up),
    (ctrl('p'), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (code(KeyCode::Home), Action::Top),
    (code(KeyCode::End), Action::Bottom),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

const FILTER_LIST: Table = &[
    (ch('j'), Action::Down),
    (code(KeyCode::Down), Action::Down),
    (ch('k'), Action::Up),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (ch('g'), Action::Top),
    (code(KeyCode::Home), Action::Top),
    (ch('G'), Action::Bottom),
    (code(KeyCode::End), Action::Bottom),
    (code(KeyCode::Tab), Action::NextField),
    (ch('l'), Action::NextField),
    (code(KeyCode::Right), Action::NextField),
    (code(KeyCode::BackTab), Action::PrevField),
    (ch('h'), Action::PrevField),
    (code(KeyCode::Left), Action::PrevField),
    (code(KeyCode::Enter), Action::Open),
    (ch(' '), Action::Open),
    (ch('F'), Action::ClearFilters),
    (code(KeyCode::Esc), Action::Back),
    (ch('f'), Action::Back),
    (ch('q'), Action::Quit),
    QUIT,
];

const FILTER_DATES: Table = &[
    (code(KeyCode::Tab), Action::NextField),
    (code(KeyCode::BackTab), Action::PrevField),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

const HELP: Table = &[
    (ch('j'), Action::Down),
    (code(KeyCode::Down), Action::Down),
    (ch('k'), Action::Up),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (ch('g'), Action::Top),
    (code(KeyCode::Home), Action::Top),
    (ch('G'), Action::Bottom),
    (code(KeyCode::End), Action::Bottom),
    (code(KeyCode::Esc), Action::Back),
    (ch('?'), Action::Back),
    (code(KeyCode::Enter), Action::Back),
    (ch('q'), Action::Quit),
    QUIT,
];

const TAG: Table = &[
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Tab), Action::Complete),
    (code(KeyCode::Down), Action::Down),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

/// Every other key goes to the editor (see `key_action`).
const ANNOTATE: Table = &[
    (ctrl('s'), Action::Save),
    (code(KeyCode::Esc), Action::Back),
    QUIT,
];

const LINK_TARGET: Table = &[
    (code(KeyCode::Down), Action::Down),
    (ctrl('n'), Action::Down),
    (code(KeyCode::Up), Action::Up),
    (ctrl('p'), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

const LINK_RELATION: Table = &[
    (code(KeyCode::Down), Action::Down),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    QUIT,
];

const NOTES_LIST: Table = &[
    (code(KeyCode::Down), Action::Down),
    (ctrl('n'), Action::Down),
    (code(KeyCode::Up), Action::Up),
    (ctrl('p'), Action::Up),
    (code(KeyCode::PageDown), Action::PageDown),
    (code(KeyCode::PageUp), Action::PageUp),
    (code(KeyCode::Home), Action::Top),
    (code(KeyCode::End), Action::Bottom),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    (ctrl('u'), Action::ClearInput),
    (ctrl('r'), Action::Reload),
    QUIT,
];

/// The URL or path field; every other key edits it.
const ADD_SOURCE: Table = &[
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

const LOADING: Table = &[
    (ch('/'), Action::Search),
    (ch('q'), Action::Quit),
    (code(KeyCode::Esc), Action::Quit),
    QUIT,
];

/// The built-in bindings of a mode, in the order the help lists them.
pub fn defaults(mode: Mode) -> Table {
    match mode {
        Mode::Loading => LOADING,
        Mode::Main => MAIN,
        Mode::Reader => READER,
        Mode::Search => SEARCH,
        Mode::FilterList => FILTER_LIST,
        Mode::FilterDates => FILTER_DATES,
        Mode::Help => HELP,
        Mode::Tag => TAG,
        Mode::Annotate => ANNOTATE,
        Mode::LinkTarget => LINK_TARGET,
        Mode::LinkRelation => LINK_RELATION,
        Mode::NotesList => NOTES_LIST,
        Mode::AddSource => ADD_SOURCE,
    }
}

/// Every mode.
#[cfg(test)]
pub const MODES: [Mode; 13] = Mode::ALL;

/// The bindings in force: the defaults with the configuration's keys over them.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Keymap {
    /// By `Mode::index`.
    tables: Vec<Vec<(Key, Action)>>,
}

impl Default for Keymap {
    fn default() -> Keymap {
        Keymap {
            tables: Mode::ALL.iter().map(|&m| defaults(m).to_vec()).collect(),
        }
    }
}

/// What giving an action new keys took from other actions.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Taken {
    pub key: Key,
    /// The action that had the key.
    pub from: Action,
    /// Whether `from` is left without any key in the mode.
    pub orphaned: bool,
}

impl Keymap {
    /// The bindings of a mode, in the order the help lists them.
    pub fn bindings(&self, mode: Mode) -> &[(Key, Action)] {
        &self.tables[mode.index()]
    }

    /// Whether `action` means something in `mode` (it has a default key there).
    pub fn applies(mode: Mode, action: Action) -> bool {
        defaults(mode).iter().any(|(_, a)| *a == action)
    }

    /// Gives `action` exactly `keys` in `mode`, in the place of its first key so far; a key
    /// another action had is taken from it (and said so). Ctrl-C stays Quit.
    pub fn rebind(&mut self, mode: Mode, action: Action, keys: &[Key]) -> Vec<Taken> {
        let table = &mut self.tables[mode.index()];
        let keys: Vec<Key> =
            keys.iter()
                .copied()
                .filter(|k| *k != CTRL_C)
                .fold(Vec::new(), |mut v, k| {
                    if !v.contains(&k) {
                        v.push(k);
                    }
                    v
                });
        let mut taken = Vec::new();
        let at = table
            .iter()
            .position(|(_, a)| *a == action)
            .unwrap_or(table.len());
        let mut out: Vec<(Key, Action)> = Vec::new();
        let mut placed = false;
        for (i, &(k, a)) in table.iter().enumerate() {
            if i == at {
                out.extend(keys.iter().map(|&k| (k, action)));
                placed = true;
            }
            if (a == action && k != CTRL_C) || keys.contains(&k) {
                if a != action {
                    taken.push(Taken {
                        key: k,
                        from: a,
                        orphaned: false,
                    });
                }
                continue;
            }
            out.push((k, a));
        }
        if !placed {
            out.extend(keys.iter().map(|&k| (k, action)));
        }
        for t in &mut taken {
            t.orphaned = !out.iter().any(|(_, a)| *a == t.from);
        }
        *table = out;
        taken
    }

    /// The keys bound to `action` in `mode`, as labels.
    pub fn keys_for(&self, mode: Mode, action: Action) -> Vec<String> {
        self.bindings(mode)
            .iter()
            .filter(|(_, a)| *a == action)
            .map(|(k, _)| k.label())
            .collect()
    }

    /// The action a key press gives in `mode`, if any.
    pub fn key_action(&self, mode: Mode, key: KeyEvent) -> Option<Action> {
        if key.kind == KeyEventKind::Release {
            return None;
        }
        let k = Key {
            code: key.code,
            ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
            alt: key.modifiers.contains(KeyModifiers::ALT),
        };
        if let Some((_, a)) = self.bindings(mode).iter().find(|(b, _)| *b == k) {
            return Some(*a);
        }
        match k.code {
            _ if mode.edits_text() => Some(Action::Edit(key)),
            // Alt is for the editor's shortcuts (word moves) and for bindings; never text.
            _ if k.alt => None,
            KeyCode::Char(c) if mode.takes_text() && !k.ctrl => Some(Action::Input(c)),
            _ => None,
        }
    }

    /// The action a terminal event gives in `mode`: keys through the keymap, mouse clicks and
    /// wheel as positions (update works out what is there), resizes as the new size.
    pub fn event_action(&self, mode: Mode, event: &Event) -> Option<Action> {
        match event {
            Event::Key(k) => self.key_action(mode, *k),
            _ => other_event_action(event),
        }
    }
}

/// Mouse clicks and the wheel as positions, resizes as the new size.
fn other_event_action(event: &Event) -> Option<Action> {
    match event {
        Event::Mouse(m) => match m.kind {
            MouseEventKind::Down(MouseButton::Left) => Some(Action::Click {
                x: m.column,
                y: m.row,
            }),
            MouseEventKind::ScrollDown => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: true,
            }),
            MouseEventKind::ScrollUp => Some(Action::Wheel {
                x: m.column,
                y: m.row,
                down: false,
            }),
            _ => None,
        },
        Event::Resize(w, h) => Some(Action::Resize {
            width: *w,
            height: *h,
        }),
        _ => None,
    }
}

#[cfg(test)]
mod tests;
