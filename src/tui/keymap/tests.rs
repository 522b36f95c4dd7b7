//! Tests of keymap.
use super::*;

fn press(code: KeyCode, mods: KeyModifiers) -> KeyEvent {
    KeyEvent::new(code, mods)
}

#[test]
fn no_key_is_bound_twice_in_a_mode() {
    for mode in MODES {
        let map = defaults(mode);
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
        assert_eq!(
            Keymap::default().key_action(mode, ctrl_c),
            Some(Action::Quit),
            "{mode:?}"
        );
    }
}

#[test]
fn printable_keys_are_text_in_text_fields_only() {
    let map = Keymap::default();
    let key_action = |mode, key| map.key_action(mode, key);
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
        for (_, a) in defaults(mode) {
            assert!(!a.help().is_empty(), "{a:?}");
            assert!(
                a.name().is_some_and(|n| Action::parse(n) == Some(*a)),
                "{a:?}"
            );
        }
    }
}

#[test]
fn rebinding_replaces_the_action_s_keys_and_takes_a_key_from_another() {
    let mut map = Keymap::default();
    let taken = map.rebind(Mode::Main, Action::Quit, &[ch('x'), ch('n'), CTRL_C]);
    let x = press(KeyCode::Char('x'), KeyModifiers::NONE);
    let q = press(KeyCode::Char('q'), KeyModifiers::NONE);
    assert_eq!(map.key_action(Mode::Main, x), Some(Action::Quit));
    assert_eq!(map.key_action(Mode::Main, q), None, "q is no longer bound");
    assert_eq!(map.keys_for(Mode::Main, Action::Quit), ["x", "n", "Ctrl-c"]);
    // n was the notes list's only key.
    assert_eq!(
        taken,
        [Taken {
            key: ch('n'),
            from: Action::NotesList,
            orphaned: true
        }]
    );
    // Other modes keep their keys.
    assert_eq!(map.key_action(Mode::Reader, q), Some(Action::Quit));
}

#[test]
fn an_alt_binding_works_and_alt_is_never_text() {
    let mut map = Keymap::default();
    let alt_s = Key {
        code: KeyCode::Char('s'),
        ctrl: false,
        alt: true,
    };
    map.rebind(Mode::Search, Action::ClearInput, &[alt_s]);
    let press_alt = press(KeyCode::Char('s'), KeyModifiers::ALT);
    assert_eq!(
        map.key_action(Mode::Search, press_alt),
        Some(Action::ClearInput)
    );
    let alt_x = press(KeyCode::Char('x'), KeyModifiers::ALT);
    assert_eq!(map.key_action(Mode::Search, alt_x), None);
    assert!(matches!(
        map.key_action(Mode::Annotate, alt_x),
        Some(Action::Edit(_))
    ));
    assert_eq!(map.keys_for(Mode::Search, Action::ClearInput), ["Alt-s"]);
}
