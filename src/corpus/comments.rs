//! The readers' comments below an article: where the section starts (a "Comments" heading, or
//! the first "12. Name says:" header) and who wrote each comment.

use super::words::{WordList, word_count};
use crate::static_regex::{seldom_captures, static_regexes};

/// How far before the first comment header a "Comments" heading may sit.
const COMMENTS_HEADING_REACH: usize = 5;

/// Words that cannot open a commenter's name in an unnumbered "Name said:" header.
static NOT_NAMES: WordList = WordList::new(
    "\
    he she it they we i you and but then so the this that who which also",
);

static_regexes! {
    COMMENTS_HEADING_STRONG = r"(?i)^(?:\d+\s+)?(?:(?:readers?'?|user)\s+)?comments?(?:\s*\(\d+\))?\s*:?$|^(?i)(?:join the (?:discussion|conversation)|leave a (?:comment|reply))$|^(?i)(?:\d+|one|two|three|four|five|six|seven|eight|nine|ten) (?:thoughts?|responses?|replies|comments?) (?:on|to) .{1,200}$";
    COMMENTS_HEADING_WEAK = r"(?i)^(?:\d+\s+)?(?:responses?|replies|discussion|conversation)(?:\s*\(\d+\))?\s*:?$";
    /// "12. Name says:" (or "#12 Name says", with an optional date after it), the usual blog
    /// comment header.
    NUMBERED_HEADER = r"^(?:#\s*\d{1,4}[.):]?|\d{1,4}[.)])\s+(?P<name>\S.{0,59}?)\s+(?:says|said|writes|wrote|replied|replies|commented)(?:\s*:)?(?P<tail>.{0,40})$";
    /// The date or time a comment header may carry after the verb.
    HEADER_DATE = r"(?i)^(?:on\s+)?(?:\d{1,2}:\d{2}|\d{4}-\d{2}|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)\w*\.?\s+\d|\d{1,2}\s+(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)|(?:mon|tue|wed|thu|fri|sat|sun)\w*,?\s|\d{1,2}/\d{1,2}/\d{2})";
    /// "3. @Name:" a numbered comment that opens by addressing another commenter.
    AT_HEADER = r"^\d{1,4}[.)]\s+@[^:\s][^:]{0,59}:$";
    /// "Name says:" without a number: a header only inside a comments section.
    PLAIN_HEADER = r"^(?P<name>\S.{0,59}?)\s+(?:says|said|writes|wrote):(?P<tail>.{0,40})$";
}

/// A comment header that can open a comments section: "12. Name says:" gives `Some(Some(name))`,
/// "3. @Name:" gives `Some(None)` (the name there is the addressee, not the commenter).
pub(crate) fn comment_header(t: &str) -> Option<Option<String>> {
    let t = t.trim();
    if AT_HEADER.get().is_match(t) {
        return Some(None);
    }
    let caps = seldom_captures(&NUMBERED_HEADER.get(), t)?;
    commenter_name(&caps).map(Some)
}

fn commenter_name(caps: &regex::Captures<'_>) -> Option<String> {
    let name = caps.name("name")?.as_str().trim();
    let tail = caps.name("tail").map_or("", |m| m.as_str().trim());
    let ok = word_count(name) <= 8
        && !name.contains(['“', '”', '"'])
        && !name.contains(". ")
        && !name.ends_with(',')
        && (tail.is_empty() || HEADER_DATE.get().is_match(tail));
    ok.then(|| name.to_string())
}

/// "Name says:" without a number, trusted only inside a comments section.
pub(super) fn plain_header(t: &str) -> Option<String> {
    let caps = seldom_captures(&PLAIN_HEADER.get(), t.trim())?;
    let name = commenter_name(&caps)?;
    let first = name.split_whitespace().next()?.to_lowercase();
    (word_count(&name) <= 5 && !NOT_NAMES.contains(&first)).then_some(name)
}

/// A heading that opens a comments section wherever it stands ("Comments (31)", "Leave a
/// reply"); in the body it is a link to the section, so debris.
pub(super) fn is_comments_heading(t: &str) -> bool {
    COMMENTS_HEADING_STRONG.get().is_match(t.trim())
}

/// Index of the paragraph that opens the comments section, if there is one.
pub(super) fn comments_start(texts: &[&str]) -> Option<usize> {
    let is_heading = |t: &str| {
        let t = t.trim();
        is_comments_heading(t) || COMMENTS_HEADING_WEAK.get().is_match(t)
    };
    match texts.iter().position(|t| comment_header(t).is_some()) {
        Some(h) => {
            let from = h.saturating_sub(COMMENTS_HEADING_REACH).max(1);
            Some((from..h).rev().find(|&j| is_heading(texts[j])).unwrap_or(h))
        }
        None => (texts.len() / 2..texts.len()).find(|&j| j > 0 && is_comments_heading(texts[j])),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn comment_headers() {
        let named = |t: &str| comment_header(t).flatten();
        assert_eq!(named("1. Mikey says:").as_deref(), Some("Mikey"));
        let darryl = named("  5. Daryl's other brother Darryl says:");
        assert_eq!(darryl.as_deref(), Some("Daryl's other brother Darryl"));
        assert_eq!(
            named("17. Not the IT Dept. says:").as_deref(),
            Some("Not the IT Dept.")
        );
        assert_eq!(
            named("2. Jen says: November 13, 2017 at 5:02 pm").as_deref(),
            Some("Jen")
        );
        assert_eq!(comment_header("3. @MarkedMan:"), Some(None));
        assert_eq!(
            comment_header("29 to 534,500 shares. It said Simmons now has 4 shares"),
            None
        );
        assert_eq!(
            comment_header("1) Don't make contact with these people directly."),
            None
        );
        assert_eq!(plain_header("Mikey says:").as_deref(), Some("Mikey"));
        assert_eq!(
            (plain_header("He said:"), plain_header("One more thing:")),
            (None, None)
        );
    }
}
