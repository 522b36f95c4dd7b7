//! Named days: holidays on a fixed date ("Christmas Day", "New Year's Eve", "the Fourth of
//! July") and the US "Election Day", the Tuesday after the first Monday of November in an even
//! year. Written lower case, "election day" is anyone's (a British general election's): only
//! the capitalised US name is read.

use crate::static_regex::StaticRegex;

use super::words::re;
use super::{DateExpr, DateMention};

static NAMED: StaticRegex = StaticRegex::new(|| {
    re(
        r"\b(?:[Oo]n\s+)?(?:(?P<election>Election Day)|(?i:(?P<xmas>christmas\s+day)|(?P<xmas_eve>christmas\s+eve)|(?P<new_year>new\s+year(?:'|’)?s\s+day)|(?P<new_year_eve>new\s+year(?:'|’)?s\s+eve)|(?P<july4>(?:the\s+)?fourth\s+of\s+july)))(?:,?\s+(?P<year>(?:19|20)\d\d))?\b",
    )
});

const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// Words one of the names must contain: most sentences hold none, and then the regex (which has
/// no literal prefix to skip ahead with) does not run.
const CUES: [&str; 6] = [
    "Election Day",
    "hristmas",
    "HRISTMAS",
    "ew Year",
    "ew year",
    "ourth of July",
];

pub(super) fn scan_named(text: &str, out: &mut Vec<DateMention>) {
    if !CUES.iter().any(|c| text.contains(c)) {
        return;
    }
    for caps in NAMED.get().captures_iter(text) {
        let Some(whole) = caps.get(0) else { continue };
        // "Election Day, November 8, 2016": the date written next to it says it all.
        let rest = text[whole.end()..].trim_start_matches([',', ' ']);
        if rest.starts_with(|c: char| c.is_ascii_digit())
            || MONTHS.iter().any(|m| rest.starts_with(m))
        {
            continue;
        }
        let year = caps.name("year").and_then(|y| y.as_str().parse().ok());
        let fixed = |month, day| DateExpr::Absolute {
            year,
            month,
            day: Some(day),
            time: None,
        };
        let expr = if caps.name("election").is_some() {
            DateExpr::ElectionDay { year }
        } else if caps.name("xmas").is_some() {
            fixed(12, 25)
        } else if caps.name("xmas_eve").is_some() {
            fixed(12, 24)
        } else if caps.name("new_year").is_some() {
            fixed(1, 1)
        } else if caps.name("new_year_eve").is_some() {
            fixed(12, 31)
        } else {
            fixed(7, 4)
        };
        out.push(DateMention {
            range: whole.range(),
            expr,
            tense: super::Tense::Neutral,
        });
    }
}
