//! The keymap: which key gives which action in which mode. This is the only place keys are
//! named; the help popup and the status bar's hints are generated from these tables.
//!
//! Modes follow what has focus (see `App::mode`). In a text field (the search prompt, the date
//! range, the tag) a printable key that the mode does not bind becomes text, so `q` or `j` can
//! be typed there; in the annotation editor every unbound key is the editor's. Ctrl-C quits
//! from every mode.

use ratatui::crossterm::event::{
    Event, KeyCode, KeyEvent, KeyEventKind, KeyModifiers, MouseButton, MouseEventKind,
};

use super::action::{Action, Mode};

/// A key with the modifiers that matter (Shift is part of the character or of BackTab).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Key {
    pub code: KeyCode,
    pub ctrl: bool,
}

const fn ch(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: false,
    }
}

const fn ctrl(c: char) -> Key {
    Key {
        code: KeyCode::Char(c),
        ctrl: true,
    }
}

const fn code(code: KeyCode) -> Key {
    Key { code, ctrl: false }
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
            other => format!("{other:?}"),
        };
        if self.ctrl {
            format!("Ctrl-{base}")
        } else {
            base
        }
    }
}

type Keymap = &'static [(Key, Action)];

const QUIT: (Key, Action) = (ctrl('c'), Action::Quit);

const MAIN: Keymap = &[
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
    (ch('?'), Action::Help),
    (ch('q'), Action::Quit),
    QUIT,
];

const READER: Keymap = &[
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
    (ch('/'), Action::Search),
    (ch('?'), Action::Help),
    (ch('q'), Action::Quit),
    QUIT,
];

const SEARCH: Keymap = &[
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

const FILTER_LIST: Keymap = &[
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

const FILTER_DATES: Keymap = &[
    (code(KeyCode::Tab), Action::NextField),
    (code(KeyCode::BackTab), Action::PrevField),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

const HELP: Keymap = &[
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

const TAG: Keymap = &[
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
const ANNOTATE: Keymap = &[
    (ctrl('s'), Action::Save),
    (code(KeyCode::Esc), Action::Back),
    QUIT,
];

const LINK_TARGET: Keymap = &[
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

const LINK_RELATION: Keymap = &[
    (code(KeyCode::Down), Action::Down),
    (code(KeyCode::Up), Action::Up),
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (code(KeyCode::Backspace), Action::DeleteChar),
    QUIT,
];

const NOTES_LIST: Keymap = &[
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
const ADD_SOURCE: Keymap = &[
    (code(KeyCode::Enter), Action::Open),
    (code(KeyCode::Esc), Action::Back),
    (ctrl('u'), Action::ClearInput),
    QUIT,
];

const LOADING: Keymap = &[
    (ch('/'), Action::Search),
    (ch('q'), Action::Quit),
    (code(KeyCode::Esc), Action::Quit),
    QUIT,
];

/// The bindings of a mode, in the order the help lists them.
pub fn keymap(mode: Mode) -> Keymap {
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
pub const MODES: [Mode; 13] = [
    Mode::Main,
    Mode::Tag,
    Mode::Annotate,
    Mode::LinkTarget,
    Mode::LinkRelation,
    Mode::NotesList,
    Mode::Reader,
    Mode::Search,
    Mode::FilterList,
    Mode::FilterDates,
    Mode::Help,
    Mode::Loading,
    Mode::AddSource,
];

/// The keys bound to `action` in `mode`, as labels.
pub fn keys_for(mode: Mode, action: Action) -> Vec<String> {
    keymap(mode)
        .iter()
        .filter(|(_, a)| *a == action)
        .map(|(k, _)| k.label())
        .collect()
}

/// The action a key press gives in `mode`, if any.
pub fn key_action(mode: Mode, key: KeyEvent) -> Option<Action> {
    if key.kind == KeyEventKind::Release {
        return None;
    }
    if key.modifiers.contains(KeyModifiers::ALT) {
        // The editor has Alt shortcuts (word moves); nothing else binds Alt.
        return mode.edits_text().then_some(Action::Edit(key));
    }
    let k = Key {
        code: key.code,
        ctrl: key.modifiers.contains(KeyModifiers::CONTROL),
    };
    if let Some((_, a)) = keymap(mode).iter().find(|(b, _)| *b == k) {
        return Some(*a);
    }
    match k.code {
        _ if mode.edits_text() => Some(Action::Edit(key)),
        KeyCode::Char(c) if mode.takes_text() && !k.ctrl => Some(Action::Input(c)),
        _ => None,
    }
}

/// The action a terminal event gives in `mode`: keys through the keymap, mouse clicks and
/// wheel as positions (update works out what is there), resizes as the new size.
pub fn event_action(mode: Mode, event: &Event) -> Option<Action> {
    match event {
        Event::Key(k) => key_action(mode, *k),
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
mod tests {
    use super::*;

    fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
        KeyEvent::new(code, mods)
    }

    #[test]
    fn no_key_is_bound_twice_in_a_mode() {
        for mode in MODES {
            let map = keymap(mode);
            for (i, (k, _)) in map.iter().enumerate() {
                assert!(
                    !map[i + 1..].iter().any(|(k2, _)| k2 == k),
                    "{} bound twice in {mode:?}",
                    k.label()
                );
            }
        }
    }

    #[test]
    fn every_mode_can_quit_with_ctrl_c() {
        let ctrl_c = press(KeyCode::Char('c'), KeyModifiers::CONTROL);
        for mode in MODES {
            assert_eq!(key_action(mode, ctrl_c), Some(Action::Quit), "{mode:?}");
        }
    }

    #[test]
    fn printable_keys_are_text_in_text_fields_only() {
        let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
        assert_eq!(key_action(Mode::Main, q), Some(Action::Quit));
        assert_eq!(key_action(Mode::Search, q), Some(Action::Input('q')));
        assert_eq!(key_action(Mode::FilterDates, q), Some(Action::Input('q')));
        let shift_g = press(KeyCode::Char('G'), KeyModifiers::SHIFT);
        assert_eq!(key_action(Mode::Main, shift_g), Some(Action::Bottom));
        let back_tab = press(KeyCode::BackTab, KeyModifiers::SHIFT);
        assert_eq!(key_action(Mode::Main, back_tab), Some(Action::PrevPane));
    }

    #[test]
    fn every_action_of_a_keymap_has_help() {
        for mode in MODES {
            for (_, a) in keymap(mode) {
                assert!(!a.help().is_empty(), "{a:?}");
            }
        }
    }
}
