//! When: dating a quote from the date phrases around it, and telling the narrative's dates
//! from asides (parentheses, past perfect, a date used as a modifier).

use std::ops::Range;

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::{CARRY_PARAGRAPHS, Walker};
use crate::extract::dates::{DateExpr, Precision, When};
use crate::extract::{DateBasis, Dating};

impl Walker<'_> {
    pub(super) fn year_hint(&self) -> (Option<i32>, Option<chrono::NaiveDate>) {
        use chrono::Datelike;
        match &self.published {
            Some(p) => (
                Some(p.date.year()),
                Some(match p.precision {
                    Precision::Month => p
                        .date
                        .checked_add_months(chrono::Months::new(1))
                        .and_then(|d| d.pred_opt())
                        .unwrap_or(p.date),
                    Precision::Year => p
                        .date
                        .with_month(12)
                        .and_then(|d| d.with_day(31))
                        .unwrap_or(p.date),
                    _ => p.date,
                }),
            ),
            None => (None, None),
        }
    }

    pub(super) fn date_for(
        &self,
        masked: &str,
        rel_outer: &Range<usize>,
        mentions: &[(Range<usize>, When, bool, String)],
        para_date: &Option<(When, String, bool)>,
        pi: usize,
    ) -> Option<Dating> {
        // The nearest date phrase of the sentence, either side of the quote; an aside's date
        // ("…had published it on October 1; …") only for a quote in the aside's own clause.
        let same_clause = |r: &Range<usize>| {
            let between = if r.start >= rel_outer.end {
                &masked[rel_outer.end..r.start]
            } else {
                &masked[r.end.min(rel_outer.start)..rel_outer.start]
            };
            !between.contains([';', '(', ')', '—'])
        };
        let nearest = mentions
            .iter()
            .filter(|(r, _, aside, _)| !aside || same_clause(r))
            .min_by_key(|(r, _, _, _)| {
                if r.start >= rel_outer.end {
                    r.start - rel_outer.end
                } else {
                    rel_outer.start.saturating_sub(r.end)
                }
            });
        if let Some((_, when, _, phrase)) = nearest {
            return Some(Dating {
                when: *when,
                basis: DateBasis::Sentence,
                phrase: phrase.clone(),
            });
        }
        if let Some((when, phrase, fresh)) = para_date {
            // The time holds for the first message after the sentence that gave it
            // ("Just before midnight on September 20, … sent a message. “…”").
            return Some(Dating {
                when: if *fresh { *when } else { day_only(when) },
                basis: DateBasis::Paragraph,
                phrase: phrase.clone(),
            });
        }
        if let Some((when, phrase, from)) = &self.anchor
            && pi.saturating_sub(*from) <= CARRY_PARAGRAPHS
            && when.precision >= Precision::Day
        {
            return Some(Dating {
                when: day_only(when),
                basis: DateBasis::Context,
                phrase: phrase.clone(),
            });
        }
        self.published.map(|when| Dating {
            when,
            basis: DateBasis::Publication,
            phrase: "publication date".to_string(),
        })
    }
}

pub(super) fn day_only(when: &When) -> When {
    let mut w = *when;
    if w.precision == Precision::Time {
        w.precision = Precision::Day;
        w.time = None;
        w.approximate = false;
    }
    w
}

/// Is the verb that goes with the date phrase at `r` in the past perfect ("The day before,
/// Stone had tweeted")? Such a clause is an aside about earlier events. The verb is the first
/// one after the phrase in its clause, else the last one before it.
pub(super) fn past_perfect_clause(masked: &str, r: &Range<usize>) -> bool {
    static VERB: StaticRegex = StaticRegex::new(|| {
        Regex::new(r"(?i)\b(?:had|has|have)\s+(?:\w+ly\s+|once\s+|already\s+|just\s+|also\s+|never\s+|not\s+)?(?:been\s+)?\w+|\b\w+ed\b|\b(?:wrote|sent|said|told|went|came|made|gave|took|began|broke|met|won|lost|ran|got|left|put|spoke|knew|saw|became|brought|thought|found|held|kept|paid|was|were|did|had)\b").expect("verb")
    });
    let clause_start = masked[..r.start].rfind(';').map_or(0, |i| i + 1);
    let clause_end = masked[r.end..]
        .find(';')
        .map_or(masked.len(), |i| r.end + i);
    let is_perfect = |m: &str| {
        let l = m.to_lowercase();
        l.starts_with("had ") || l.starts_with("had\n")
    };
    if let Some(m) = VERB.get().find(&masked[r.end..clause_end]) {
        return is_perfect(m.as_str());
    }
    VERB.get()
        .find_iter(&masked[clause_start..r.start])
        .last()
        .is_some_and(|m| is_perfect(m.as_str()))
}

/// A date used as a modifier ("Trump Jr.’s June 2016 meeting", "the 2016 campaign") or a
/// bare year says when something else happened, not where the narrative is.
pub(super) fn attributive(before: &str, expr: &DateExpr) -> bool {
    if matches!(expr, DateExpr::Year(_)) {
        return true;
    }
    if !matches!(
        expr,
        DateExpr::Absolute { .. } | DateExpr::PartOfMonth { .. }
    ) {
        return false;
    }
    let before = before.trim_end();
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    last.ends_with("’s")
        || last.ends_with("'s")
        || matches!(
            last.as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "that"
        )
}

pub(super) fn in_parentheses(masked: &str, at: usize) -> bool {
    let before = &masked[..at];
    before.matches('(').count() > before.matches(')').count()
}

/// The phrase as written, with the anchor a relative phrase was counted from.
pub(super) fn describe(phrase: &str, expr: &DateExpr, anchor: Option<&When>) -> String {
    let phrase = crate::text::collapse_whitespace(phrase);
    match (expr, anchor) {
        (
            DateExpr::RelativeDays { .. }
            | DateExpr::RelativeMinutes { .. }
            | DateExpr::Time(_)
            | DateExpr::Weekday { .. },
            Some(a),
        ) => format!("{phrase} (after {})", a.display()),
        _ => phrase,
    }
}
