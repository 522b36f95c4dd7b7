//! Wire datelines: "WASHINGTON, Nov 14 (Reuters) - …", "NEW YORK, Nov. 14, 2017 /PRNewswire/
//! -- …", "LONDON (AP) — …": the place, the date, the agency and a dash opening a story.

use super::Found;
use crate::extract::dates::{self, DateExpr};

/// A wire dateline opening a line: its date and its agency.
pub(super) struct Wire {
    pub date: Option<Found>,
    pub agency: Option<String>,
}

/// "WASHINGTON, Nov 14 (Reuters) - …", "NEW YORK, Nov. 14, 2017 /PRNewswire/ -- …",
/// "LONDON (AP) — …", "Portland, Ore., May 3 — …".
pub(super) fn wire_dateline(line: &str) -> Option<Wire> {
    if !line.starts_with(|c: char| c.is_uppercase()) {
        return None;
    }
    let window = &line[..floor_char_boundary(line, 120)];
    let dash = [" -- ", " - ", " — ", " – ", "—", "–"]
        .iter()
        .filter_map(|d| window.find(d))
        .min()?;
    let mut head = line[..dash].trim_end();
    let mut agency = None;
    for (open, close) in [('(', ')'), ('/', '/')] {
        if head.ends_with(close)
            && let Some(at) = head[..head.len() - 1].rfind(open)
        {
            let name = head[at + 1..head.len() - 1].trim();
            if is_agency(name) {
                agency = Some(name.to_string());
                head = head[..at].trim_end();
                break;
            }
        }
    }
    let (place, rest) = match head.split_once(',') {
        Some((p, r)) => (p, Some(r)),
        None => (head, None),
    };
    if !is_place(place) {
        return None;
    }
    let date = match rest {
        // "Portland, Ore., May 3": the date is what follows the last place part.
        Some(rest) => Some(date_after_places(rest)?),
        // Without a date, only the wire's own form: "LONDON (AP) —".
        None if agency.is_some()
            && place.chars().any(char::is_alphabetic)
            && !place.chars().any(char::is_lowercase) =>
        {
            None
        }
        None => return None,
    };
    Some(Wire { date, agency })
}

fn floor_char_boundary(s: &str, at: usize) -> usize {
    let mut i = at.min(s.len());
    while !s.is_char_boundary(i) {
        i -= 1;
    }
    i
}

/// The date that `rest` is, perhaps after more parts of the place ("Ore., May 3").
fn date_after_places(rest: &str) -> Option<Found> {
    let mut tail = rest;
    loop {
        if let Some(found) = whole_date(tail.trim()) {
            return Some(found);
        }
        match tail.split_once(',') {
            Some((part, more)) if is_place(part.trim()) => tail = more,
            _ => return None,
        }
    }
}

/// One to five capitalized words ("WASHINGTON", "New York", "St. Louis", "D.C.").
fn is_place(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=5).contains(&words.len())
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
        })
}

/// A news agency's name: one to three capitalized words or an acronym ("Reuters", "AP",
/// "PRNewswire", "Agence France-Presse"); not a party tag ("D-N.Y.") or a single letter.
fn is_agency(s: &str) -> bool {
    let words: Vec<&str> = s.split_whitespace().collect();
    (1..=3).contains(&words.len())
        && s.chars().filter(|c| c.is_alphabetic()).count() >= 2
        && words.iter().all(|w| {
            w.starts_with(|c: char| c.is_uppercase())
                && w.chars()
                    .all(|c| c.is_alphabetic() || matches!(c, '-' | '&'))
        })
}

/// `s` is a date and nothing else ("Nov 14", "Nov. 14, 2017", "14 November 2017").
fn whole_date(s: &str) -> Option<Found> {
    let found = dates::scan(s);
    let [m] = found.as_slice() else {
        return None;
    };
    let covers = m.range.start == 0 && m.range.end == s.len();
    match m.expr {
        DateExpr::Absolute { day: Some(_), .. } if covers => Some(Found {
            expr: m.expr.clone(),
        }),
        _ => None,
    }
}
