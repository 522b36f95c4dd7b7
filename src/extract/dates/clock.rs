//! Clock times: "6:35pm", "9:30 a.m.", "5:26 PM ET", "18:35", "at noon", "just before the
//! stroke of midnight", "7:00pm that night".
use crate::static_regex::StaticRegex;

use super::words::{
    Lean, capitalized_mid_sentence, date_follow_ok, mention, numeric_before, re, strip_prefix,
};
use super::{DateExpr, DateMention, TimeOfDay};

/// "6:35pm", "9:30 a.m.", "5:26 PM ET", "18:35", "3 o'clock", "noon", "midnight",
/// "7:00pm that night".
static TIME: StaticRegex = StaticRegex::new(|| {
    re(
        r"(?i)(?-u:\b)(?:(?P<h>\d{1,2})(?:[:.](?P<m>\d{2}))?\s*(?P<ampm>(?:am|pm)(?-u:\b)|a\.m\.?|p\.m\.?)|(?P<h24>\d{1,2}):(?P<m24>\d{2})(?::\d{2})?(?-u:\b)|(?P<oc>\d{1,2})\s+o['’]clock(?-u:\b)|(?P<word>noon|midday|midnight)(?-u:\b))(?:\s+(?P<tz>ET|EST|EDT|CT|CST|CDT|MT|MST|MDT|PT|PST|PDT|GMT|UTC|BST|CET|CEST)(?-u:\b))?(?:\s+(?P<dp>in\s+the\s+(?:morning|afternoon|evening)|at\s+night)(?-u:\b))?(?:\s+(?P<rel>that\s+(?:same\s+)?(?:day|night|evening|morning|afternoon)|(?:on\s+)?the\s+same\s+(?:day|night|evening))(?-u:\b))?",
    )
});

const TIME_PREFIXES: &[(&[&str], Lean)] = &[
    (&["as", "late", "as"], Lean::Exact),
    (&["as", "early", "as"], Lean::Exact),
    (&["some", "time", "after"], Lean::After),
    (&["sometime", "after"], Lean::After),
    (&["a", "little", "after"], Lean::After),
    (&["a", "little", "before"], Lean::Before),
    (&["the", "stroke", "of"], Lean::Exact),
    (&["just", "before"], Lean::Before),
    (&["shortly", "before"], Lean::Before),
    (&["right", "before"], Lean::Before),
    (&["soon", "before"], Lean::Before),
    (&["just", "after"], Lean::After),
    (&["shortly", "after"], Lean::After),
    (&["soon", "after"], Lean::After),
    (&["right", "after"], Lean::After),
    (&["just", "past"], Lean::After),
    (&["shortly", "past"], Lean::After),
    (&["before"], Lean::Before),
    (&["after"], Lean::After),
    (&["past"], Lean::After),
    (&["around"], Lean::Approx),
    (&["about"], Lean::Approx),
    (&["approximately"], Lean::Approx),
    (&["roughly"], Lean::Approx),
    (&["circa"], Lean::Approx),
    (&["nearly"], Lean::Approx),
    (&["almost"], Lean::Approx),
    (&["at"], Lean::Exact),
];

pub(super) fn scan_time(text: &str, out: &mut Vec<DateMention>) {
    for c in TIME.get().captures_iter(text) {
        let m = c.get(0).expect("match");
        if numeric_before(text, m.start()) {
            continue;
        }
        // Qualifying words before the time, innermost first ("just before | the stroke of |").
        let mut start = m.start();
        let mut lean = Lean::Exact;
        let mut prefixed = false;
        for _ in 0..3 {
            match strip_prefix(text, start, TIME_PREFIXES) {
                Some((s, l)) => {
                    start = s;
                    prefixed = true;
                    // The innermost qualifier that is not neutral decides.
                    if lean == Lean::Exact {
                        lean = l;
                    }
                }
                None => break,
            }
        }
        if capitalized_mid_sentence(text, start) {
            continue;
        }
        let approx = lean != Lean::Exact;
        let num = |name: &str| c.name(name).and_then(|x| x.as_str().parse::<u32>().ok());
        let dp = c.name("dp").map(|d| d.as_str().to_ascii_lowercase());
        let evening = dp.as_deref().is_some_and(|d| !d.ends_with("morning"));
        let morning = dp.as_deref().is_some_and(|d| d.ends_with("morning"));
        let adjust = |h: u32| -> u32 {
            if evening && h < 12 {
                h + 12
            } else if morning && h == 12 {
                0
            } else {
                h
            }
        };
        let mut after_midnight = false;
        let (hour, minute) = if let Some(h) = num("h") {
            let minute = num("m").unwrap_or(0);
            let pm = c
                .name("ampm")
                .is_some_and(|a| a.as_str().starts_with(['p', 'P']));
            if !(1..=12).contains(&h) || minute > 59 {
                continue;
            }
            let hour = match (pm, h) {
                (false, 12) => 0,
                (false, h) => h,
                (true, 12) => 12,
                (true, h) => h + 12,
            };
            (hour, minute)
        } else if let Some(h) = num("h24") {
            let minute = num("m24").unwrap_or(0);
            let two_digits = c.name("h24").is_some_and(|x| x.as_str().len() == 2);
            if h > 23 || minute > 59 || !(two_digits || prefixed || dp.is_some()) {
                continue;
            }
            (adjust(h), minute)
        } else if let Some(h) = num("oc") {
            if !(1..=12).contains(&h) {
                continue;
            }
            (adjust(h), 0)
        } else if let Some(w) = c.name("word") {
            match w.as_str().to_ascii_lowercase().as_str() {
                "midnight" => {
                    if lean == Lean::After {
                        after_midnight = true;
                        (0, 0)
                    } else {
                        (23, 59)
                    }
                }
                _ => (12, 0),
            }
        } else {
            continue;
        };
        let is_midnight = c
            .name("word")
            .is_some_and(|w| w.as_str().eq_ignore_ascii_case("midnight"));
        let mut end = m.end();
        if let Some(tz) = c.name("tz")
            && !tz.as_str().bytes().all(|b| b.is_ascii_uppercase())
        {
            // Lowercase "et", "pt": not a zone; stop the phrase before it.
            end = text[..tz.start()].trim_end().len();
        }
        if !date_follow_ok(text, end) {
            continue;
        }
        out.push(mention(
            start,
            end,
            DateExpr::Time(TimeOfDay {
                hour,
                minute,
                approximate: approx || is_midnight,
                after_midnight,
            }),
        ));
    }
}
