//! `y` `Y` `O` `E`: what the user takes out of the notebook. Pure like the rest of `update`:
//! each works out what is selected (the reader's marked passage, else the selected source or
//! event) and queues an [`Effect`] — text to copy, a URL to open, a file and line to edit —
//! that the event loop's runner (`desktop.rs`) carries out and reports.

use casefile::cite::Citation;

use crate::tui::action::Action;
use crate::tui::action::Effect;
use crate::tui::state::{App, Pane};

/// Handles one of the four actions.
pub(super) fn outside(app: &mut App, action: Action) {
    let effect = match action {
        Action::Copy => copy(app),
        Action::CopyId => copy_id(app),
        Action::OpenUrl => open_url(app),
        Action::EditArticle => edit(app),
        _ => return,
    };
    match effect {
        Ok(e) => app.effects.push(e),
        Err(why) => app.status = Some(why.into()),
    }
}

/// The article, the byte offset to edit at, and the words to cite, of what is selected.
fn article_at(app: &App) -> Result<(usize, usize), &'static str> {
    if let Some(r) = &app.reader {
        let at = r.focus.first().map_or_else(
            || {
                app.case()
                    .and_then(|c| c.articles[r.article].paragraphs.get(r.paragraph))
                    .map_or(0, |p| p.range.start)
            },
            |f| f.start,
        );
        return Ok((r.article, at));
    }
    let s = app.source().ok_or("no source selected")?;
    Ok((s.article, s.parts.first().map_or(s.span.start, |p| p.start)))
}

fn copy(app: &App) -> Result<Effect, &'static str> {
    let case = app.case().ok_or("the case is not open yet")?;
    let style = app.settings.citation;
    if let Some(r) = &app.reader {
        if r.focus.is_empty() {
            return Err("mark a quote (n) or a paragraph (}) to copy it");
        }
        let event = r.quote.and_then(|q| case.event_of_quote(q));
        let what = if r.quote.is_some() {
            "the quote"
        } else {
            "the passage"
        };
        return Ok(Effect::Copy {
            text: Citation::of_passage(case, r.article, &r.focus, event).render(style),
            what,
        });
    }
    let event = app.event().ok_or("no event selected")?;
    let source = app
        .source()
        .or(event.sources.first())
        .ok_or("this event has no source to cite")?;
    let (citation, what) = if app.focus == Pane::Sources {
        (Citation::of_source(case, event, source), "the excerpt")
    } else {
        (Citation::of_event(case, event, source), "the message")
    };
    Ok(Effect::Copy {
        text: citation.render(style),
        what,
    })
}

fn copy_id(app: &App) -> Result<Effect, &'static str> {
    let event = match &app.reader {
        Some(r) => r
            .quote
            .and_then(|q| app.case()?.event_of_quote(q))
            .ok_or("the marked passage is in no event")?,
        None => app.event().ok_or("no event selected")?,
    };
    Ok(Effect::Copy {
        text: event.id.clone(),
        what: "the event id",
    })
}

fn open_url(app: &App) -> Result<Effect, &'static str> {
    let case = app.case().ok_or("the case is not open yet")?;
    let (article, _) = article_at(app)?;
    case.articles[article]
        .meta
        .url
        .clone()
        .map(Effect::OpenUrl)
        .ok_or("this article has no URL (give it one in its front matter: url: https://…)")
}

fn edit(app: &App) -> Result<Effect, &'static str> {
    let case = app.case().ok_or("the case is not open yet")?;
    let (article, at) = article_at(app)?;
    let a = &case.articles[article];
    let line = a.text[..at.min(a.text.len())].matches('\n').count() + 1;
    Ok(Effect::Edit {
        path: a.path.clone(),
        line,
    })
}

#[cfg(test)]
mod tests {
    use casefile::config::CitationStyle;

    use crate::tui::action::Effect;
    use crate::tui::testkit::{app, press, select_event};

    fn copied(app: &crate::tui::state::App) -> (String, &'static str) {
        match app.effects.as_slice() {
            [Effect::Copy { text, what }] => (text.clone(), what),
            other => panic!("one copy queued: {other:?} (status {:?})", app.status),
        }
    }

    #[test]
    fn y_copies_the_message_the_excerpt_or_the_reader_s_quote_with_its_citation() {
        let mut app = app(160, 45);
        select_event(&mut app, |e| e.text.starts_with("Hiya, it’d be great"));
        press(&mut app, "y");
        let (text, what) = copied(&app);
        assert_eq!(what, "the message");
        assert!(
            text.starts_with("“Hiya, it’d be great if you guys could comment"),
            "{text}"
        );
        assert!(
            text.contains(
                "” — WikiLeaks to Donald Trump Jr., direct message, 2016-10-03 (as quoted by "
            ),
            "{text}"
        );
        app.effects.clear();
        press(&mut app, "<Enter>y");
        assert_eq!(copied(&app).1, "the excerpt");
        app.effects.clear();
        press(&mut app, "<Enter>y");
        let (text, what) = copied(&app);
        assert_eq!(what, "the quote");
        assert!(
            text.contains("direct message, 2016-10-03 (as quoted by"),
            "{text}"
        );
        app.effects.clear();
        press(&mut app, "}y");
        assert_eq!(copied(&app).1, "the passage");
    }

    #[test]
    fn the_citation_style_is_the_configuration_s() {
        let mut app = app(160, 45);
        app.settings.citation = CitationStyle::Markdown;
        select_event(&mut app, |e| e.text.starts_with("Hiya, it’d be great"));
        press(&mut app, "y");
        let (text, _) = copied(&app);
        assert!(text.starts_with("> Hiya"), "{text}");
        assert!(
            text.contains("\n>\n> — WikiLeaks to Donald Trump Jr."),
            "{text}"
        );
    }

    #[test]
    fn capital_y_copies_the_event_id() {
        let mut app = app(160, 45);
        press(&mut app, "jY");
        let id = app.event().expect("an event").id.clone();
        assert_eq!(copied(&app), (id, "the event id"));
    }

    #[test]
    fn o_needs_a_url_and_e_edits_the_article_at_the_quote_s_line() {
        let mut app = app(160, 45);
        select_event(&mut app, |e| e.text.starts_with("Hiya, it’d be great"));
        press(&mut app, "O");
        assert!(app.effects.is_empty());
        assert!(
            app.status.as_deref().unwrap_or("").contains("has no URL"),
            "{:?}",
            app.status
        );
        press(&mut app, "E");
        let (path, line) = match app.effects.as_slice() {
            [Effect::Edit { path, line }] => (path.clone(), *line),
            other => panic!("an edit queued: {other:?}"),
        };
        let text = std::fs::read_to_string(&path).expect("the article");
        let quoted = text.lines().nth(line - 1).expect("the line");
        let source = app.source().expect("a source");
        let article = &app.case().expect("case").articles[source.article];
        let words = article.slice(&source.parts[0]);
        assert!(quoted.contains(&words[..words.len().min(20)]), "{quoted}");
    }
}
