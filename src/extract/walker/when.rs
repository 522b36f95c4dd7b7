//! When: dating a quote from the date phrases around it, and telling the narrative's dates
//! from asides (parentheses, past perfect, a date used as a modifier).

use std::ops::Range;

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::{CARRY_PARAGRAPHS, Walker};
use crate::extract::dates::{DateExpr, Precision, When};
use crate::extract::{DateBasis, Dating};

impl Walker<'_> {
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
            .filter(|(r, when, aside, _)| {
                (!aside || same_clause(r)) && !about_something_else(masked, r, when)
            })
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
                phrase: phrase.clone().into(),
            });
        }
        if let Some((when, phrase, fresh)) = para_date {
            // The time holds for the first message after the sentence that gave it
            // ("Just before midnight on September 20, … sent a message. “…”").
            return Some(Dating {
                when: if *fresh { *when } else { day_only(when) },
                basis: DateBasis::Paragraph,
                phrase: phrase.clone().into(),
            });
        }
        self.context_date(pi)
    }

    /// The date of a quote whose own sentence gives none: the narrative's day, when it was
    /// set within a few paragraphs, else the publication date.
    pub(super) fn context_date(&self, pi: usize) -> Option<Dating> {
        if let Some((when, phrase, from)) = &self.anchor
            && pi.saturating_sub(*from) <= CARRY_PARAGRAPHS
            && when.precision >= Precision::Day
        {
            return Some(Dating {
                when: day_only(when),
                basis: DateBasis::Context,
                phrase: phrase.clone().into(),
            });
        }
        self.published.map(|when| Dating {
            when,
            basis: DateBasis::Publication,
            phrase: self.article.meta.published_phrase().into(),
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

/// A past-tense verb, or a perfect ("had sent", "has already written").
static VERB: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"(?i)\b(?:had|has|have)\s+(?:\w+ly\s+|once\s+|already\s+|just\s+|also\s+|never\s+|not\s+)?(?:been\s+)?\w+|\b\w+ed\b|\b(?:wrote|sent|said|told|went|came|made|gave|took|began|broke|met|won|lost|ran|got|left|put|spoke|knew|saw|became|brought|thought|found|held|kept|paid|was|were|did|had)\b").expect("verb")
});

/// Is the verb that goes with the date phrase at `r` in the past perfect ("The day before,
/// Stone had tweeted")? Such a clause is an aside about earlier events. The verb is the first
/// one after the phrase in its clause, else the last one before it.
pub(super) fn past_perfect_clause(masked: &str, r: &Range<usize>) -> bool {
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

/// Words before a date that make it a reference point ("since September 1995", "before 2015"),
/// not the time of what the sentence tells.
const REFERENCE_WORDS: [&str; 8] = [
    "since", "until", "till", "before", "after", "by", "from", "between",
];

/// Beginnings of verbs of saying, sending and getting in touch: the acts a quote's date is about.
/// Narrower than the attribution's verbs of saying: "alleged", "vowed" or "predicted" next to
/// a year ("an alleged incident in January 2004") tell of something else.
const SAYING_VERBS: [&str; 44] = [
    "said", "say", "wrote", "writ", "told", "tell", "sent", "send", "messag", "tweet", "retweet",
    "repl", "respond", "answer", "ask", "add", "email", "e-mail", "post", "dm", "text", "call",
    "announc", "stat", "declar", "suggest", "urg", "explain", "insist", "not", "recall", "remark",
    "comment", "continu", "claim", "argu", "warn", "reach", "contact", "follow", "press", "offer",
    "propos", "publish",
];

/// Is the date at `r` about something other than the quote? A reference point never dates
/// one. A vague date (a year or a month) does only when it goes with a verb of saying or
/// sending ("In June 2016, WikiLeaks wrote"); with another verb it tells when something else
/// happened ("Lee, who created Spider-Man in 1962, …", "the lowest rate since September
/// 1995", "elected in 1997, she told researchers"). The verb is the first one after the date
/// in its comma-free stretch, else the last one before it, else (a leading "In 1968, …") the
/// first one of the next stretch.
pub(super) fn about_something_else(masked: &str, r: &Range<usize>, when: &When) -> bool {
    let before = &masked[..r.start];
    let word_before = before
        .trim_end()
        .rsplit(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let first_word = masked[r.clone()]
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("")
        .to_lowercase();
    let reference = [word_before.as_str(), first_word.as_str()]
        .into_iter()
        .find(|w| REFERENCE_WORDS.contains(w));
    if let Some(word) = reference {
        // "didn't write again until November 8": a negated "until" names the moment itself.
        let negated = matches!(word, "until" | "till") && {
            let clause = before
                .char_indices()
                .rfind(|(_, c)| matches!(c, '.' | ';' | '!' | '?'))
                .map_or(before, |(i, _)| &before[i..])
                .to_lowercase();
            clause.contains("n't")
                || clause.contains("n’t")
                || clause
                    .split_whitespace()
                    .any(|w| matches!(w, "not" | "never" | "no"))
        };
        return !negated;
    }
    if when.precision > Precision::Month {
        return false;
    }
    const BREAKS: [char; 7] = [',', ';', ':', '—', '–', '(', ')'];
    let start = before
        .char_indices()
        .rfind(|(_, c)| BREAKS.contains(c))
        .map_or(0, |(i, c)| i + c.len_utf8());
    let end = masked[r.end..]
        .find(BREAKS)
        .map_or(masked.len(), |i| r.end + i);
    let verbs = VERB.get();
    let verb = verbs
        .find(&masked[r.end..end])
        .or_else(|| verbs.find_iter(&masked[start..r.start]).last())
        .or_else(|| {
            let rest = masked[end..].trim_start_matches(BREAKS);
            let next = rest.find(BREAKS).map_or(rest, |i| &rest[..i]);
            verbs.find(next)
        });
    let Some(verb) = verb else {
        return false;
    };
    let word = verb
        .as_str()
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    !SAYING_VERBS.iter().any(|v| word.starts_with(v))
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
