//! `casefile bench-keys` (hidden): how long a key takes in the notebook, measured the way the
//! event loop spends it (`update`, the effects, the layout pass, then a frame's layout pass
//! and draw), on the event of the case with the most sources. Timings live here, never in a
//! test.
//!
//! `--gather` first gives that event the sources of every event with the same text: the
//! timeline never merges more than a few hundred identical copies (common shingles are not
//! looked up), but real stories have events quoted by thousands of pages, and this is the
//! shape that made a key in the sources pane slow (issue 15).

use std::path::Path;
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use casefile::Case;
use casefile::bench::Percentiles;
use ratatui::Terminal;
use ratatui::backend::TestBackend;
use ratatui::layout::Size;

use super::action::Action;
use super::state::{App, Loaded, Pane};
use super::{effects, update, view};

/// The screen the keys are timed on (the size the tmux tests use).
const SCREEN: Size = Size::new(160, 45);

pub fn run(root: &Path, gather: bool, rounds: usize) -> anyhow::Result<ExitCode> {
    let mut case = Case::open(root).with_context(|| format!("opening {}", root.display()))?;
    if gather {
        gather_same_text(&mut case);
    }
    let Some(event) = (0..case.timeline.events.len())
        .max_by_key(|&e| (case.timeline.events[e].sources.len(), usize::MAX - e))
    else {
        anyhow::bail!("the case has no event");
    };
    let sources = case.timeline.events[event].sources.len();
    let mut app = App::new(root.display().to_string(), SCREEN);
    app.set_loaded(Ok(Loaded::new(case)));
    let mut terminal = Terminal::new(TestBackend::new(SCREEN.width, SCREEN.height))?;
    frame(&mut app, &mut terminal)?;
    let row = app
        .timeline
        .rows
        .iter()
        .position(|r| *r == super::state::Row::Event(event))
        .context("the event is in the timeline")?;
    // The timeline's cursor on the event before (or after) it, so that one key selects it.
    let (from, onto) = if row == 0 {
        (1, Action::Up)
    } else {
        (row - 1, Action::Down)
    };
    println!(
        "event with {sources} sources, {}x{}",
        SCREEN.width, SCREEN.height
    );
    println!(
        "{:<34} {:>9} {:>9} {:>9}",
        "key", "p50 ms", "p99 ms", "max ms"
    );
    let mut select = Vec::new();
    for _ in 0..rounds.min(20) {
        app.timeline.selected = Some(from);
        app.focus = Pane::Timeline;
        frame(&mut app, &mut terminal)?;
        select.push(press(&mut app, &mut terminal, onto)?);
        anyhow::ensure!(
            app.event_index() == Some(event),
            "the key selects the event"
        );
    }
    report("timeline: onto the event", &select);
    press(&mut app, &mut terminal, Action::NextPane)?;
    press(&mut app, &mut terminal, Action::NextPane)?;
    let plans: [(&str, &[Action]); 4] = [
        ("sources: j", &[Action::Down]),
        ("sources: k", &[Action::Up]),
        ("sources: PgDn, PgUp", &[Action::PageDown, Action::PageUp]),
        ("sources: End, Home", &[Action::Bottom, Action::Top]),
    ];
    for (label, keys) in plans {
        let mut times = Vec::new();
        if keys == [Action::Up] {
            app.sources.selected = sources.saturating_sub(1).min(rounds);
            press(&mut app, &mut terminal, Action::Down)?;
        }
        for _ in 0..rounds {
            for &k in keys {
                times.push(press(&mut app, &mut terminal, k)?);
            }
        }
        report(label, &times);
    }
    Ok(ExitCode::SUCCESS)
}

/// One key as the event loop handles it, then the frame it draws.
fn press(
    app: &mut App,
    terminal: &mut Terminal<TestBackend>,
    action: Action,
) -> anyhow::Result<Duration> {
    let start = Instant::now();
    update::update(app, action);
    effects::run(app);
    view::settle(app);
    frame(app, terminal)?;
    Ok(start.elapsed())
}

fn frame(app: &mut App, terminal: &mut Terminal<TestBackend>) -> anyhow::Result<()> {
    view::settle(app);
    terminal.draw(|f| f.render_widget(&*app, f.area()))?;
    Ok(())
}

fn report(label: &str, times: &[Duration]) {
    let p = Percentiles::of(times);
    let max = times.iter().max().map_or(0.0, |d| d.as_secs_f64() * 1000.0);
    println!(
        "{label:<34} {:>9.2} {:>9.2} {:>9.2}",
        p.median_ms, p.p99_ms, max
    );
}

/// Moves the sources of every event with the most common text onto the first of them.
fn gather_same_text(case: &mut Case) {
    let events = &mut case.timeline.events;
    let mut by_text: std::collections::HashMap<&str, Vec<usize>> = Default::default();
    for (i, e) in events.iter().enumerate() {
        by_text.entry(e.text.as_str()).or_default().push(i);
    }
    let Some(group) = by_text
        .into_values()
        .max_by_key(|g| (g.len(), usize::MAX - g[0]))
    else {
        return;
    };
    let (first, rest) = group.split_first().expect("a group is never empty");
    let moved: Vec<_> = rest
        .iter()
        .flat_map(|&i| std::mem::take(&mut events[i].sources))
        .collect();
    events[*first].sources.extend(moved);
}
