//! The add popup's part of `update` (`A`): a one-line editor for a URL, a saved page or a
//! folder; Enter queues the import (`Effect::Add`) and closes, Esc closes. One import at a
//! time: while one runs, `A` says so instead of opening.

use ratatui_textarea::TextArea;

use crate::tui::action::Action;
use crate::tui::action::Effect;
use crate::tui::state::{AddPopup, Adding, App, Popup};

fn editor() -> TextArea<'static> {
    let mut editor = TextArea::default();
    editor.set_placeholder_text("https://… or a saved page (.html) or a folder of them");
    editor
}

pub(super) fn open(app: &mut App) {
    if let Some(adding) = &app.adding {
        app.status = Some(format!(
            "still adding {} ({}); one at a time",
            adding.source, adding.stage
        ));
        return;
    }
    app.popup = Some(Popup::Add(Box::new(AddPopup {
        editor: editor(),
        error: None,
    })));
}

pub(super) fn in_add(app: &mut App, action: Action) {
    let Some(Popup::Add(popup)) = &mut app.popup else {
        return;
    };
    match action {
        Action::Back => app.popup = None,
        Action::ClearInput => {
            popup.editor = editor();
            popup.error = None;
        }
        Action::Edit(key) => {
            popup.editor.input(ratatui_textarea::Input::from(key));
            popup.error = None;
        }
        Action::Open => {
            let source = popup.editor.lines().join(" ").trim().to_string();
            if source.is_empty() {
                popup.error = Some("type a URL (https://…), a saved page or a folder".into());
                return;
            }
            app.popup = None;
            app.adding = Some(Adding {
                source: source.clone(),
                stage: "starting".into(),
            });
            app.effects.push(Effect::Add { source });
        }
        _ => {}
    }
}
