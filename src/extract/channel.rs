//! The channel a message went by, from what the text says around it.

use regex::Regex;

use std::sync::LazyLock;

use super::cue_words::{CueWords, folds_to_ascii};
use crate::static_regex::StaticRegex;
use serde::{Deserialize, Serialize};

use super::Party;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "kebab-case")]
pub enum Channel {
    DirectMessage,
    Tweet,
    Email,
    Statement,
    Interview,
    Speech,
}

impl Channel {
    pub fn as_str(self) -> &'static str {
        match self {
            Channel::DirectMessage => "direct-message",
            Channel::Tweet => "tweet",
            Channel::Email => "email",
            Channel::Statement => "statement",
            Channel::Interview => "interview",
            Channel::Speech => "speech",
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Channel::DirectMessage => "DM",
            Channel::Tweet => "tweet",
            Channel::Email => "email",
            Channel::Statement => "statement",
            Channel::Interview => "interview",
            Channel::Speech => "speech",
        }
    }
}

/// Cue patterns, most specific first (a "Twitter direct message" is a DM, not a tweet), each
/// with key words that every match of it holds (in any ASCII case): a pattern runs only on
/// text holding one of its keys.
const CUE_PATTERNS: [(Channel, &[&str], &str); 6] = [
    (
        Channel::DirectMessage,
        &["direct", "private", "messaged", "dm"],
        r"(?i)\b(?:direct[- ]messages?|private[- ]messages?|messaged|dm(?:'|’)?ed|dm(?:'|’)?d)\b|\bDMs?\b",
    ),
    (
        Channel::Email,
        &["mail"],
        r"(?i)\b(?:e-?mailed|sent an e-?mail|in an e-?mail|by e-?mail|wrote in an e-?mail|e-?mail to)\b",
    ),
    (
        Channel::Tweet,
        &["tweet", "twitter"],
        r"(?i)\b(?:tweet(?:ed|s|ing)?|retweet(?:ed|s)?|posted on twitter|on his twitter|on her twitter|twitter feed)\b",
    ),
    (
        Channel::Statement,
        &["statement", "spokes", "press release"],
        r"(?i)\b(?:statement|spokes(?:man|woman|person)|press release)\b",
    ),
    (
        Channel::Interview,
        &[
            "interview",
            "told reporters",
            "on-air",
            "on air",
            "program",
            "podcast",
        ],
        r"(?i)\b(?:interview|told reporters|on-air|on air|programme|program|podcast)\b",
    ),
    (
        Channel::Speech,
        &["rally", "speech", "conference", "addressed", "remarks to"],
        r"(?i)\b(?:rally|speech|press conference|news conference|addressed|remarks to)\b",
    ),
];

/// The patterns of [`CUE_PATTERNS`], compiled.
static CUES: StaticRegex<Vec<(Channel, Regex)>> = StaticRegex::new(|| {
    CUE_PATTERNS
        .iter()
        .map(|(c, _, p)| (*c, Regex::new(p).expect("channel cue")))
        .collect()
});

/// Every key of [`CUE_PATTERNS`], and for each, the pattern it stands for.
static KEYS: LazyLock<(CueWords, Vec<usize>)> = LazyLock::new(|| {
    let (words, patterns): (Vec<&str>, Vec<usize>) = CUE_PATTERNS
        .iter()
        .enumerate()
        .flat_map(|(i, (_, keys, _))| keys.iter().map(move |k| (*k, i)))
        .unzip();
    (CueWords::new(&words), patterns)
});

/// The channel named in `masked` (text outside quotes), with the cue words.
pub fn channel_cue(masked: &str) -> Option<(Channel, String)> {
    // Most sentences name no channel: one pass for the keys, and only the patterns whose
    // keys are there run.
    let (keys, pattern_of) = &*KEYS;
    let present = keys.present(masked);
    let folds = folds_to_ascii(masked);
    if present == 0 && !folds {
        return None;
    }
    let mut wanted = [folds; CUE_PATTERNS.len()];
    for (key, &pattern) in pattern_of.iter().enumerate() {
        wanted[pattern] |= present & (1 << key) != 0;
    }
    CUES.get()
        .iter()
        .zip(wanted)
        .filter(|(_, wanted)| *wanted)
        .find_map(|((c, re), _)| re.find(masked).map(|m| (*c, m.as_str().to_string())))
}

/// Settles whom a message went to as one side, the public or people, never both:
///
/// - a tweet is a public post: its recipients are the public, whoever the sentence also
///   names ("tweeted the link WikiLeaks had sent him"), also when it is quoted in a story
///   about private messages;
/// - a direct message or an email is private: the public is dropped when people are named;
/// - otherwise, when both appear, the side with more sources behind it
///   (`public_sources` against `people_sources`), people on a tie (they were named).
pub fn settle_recipients(
    channel: Option<Channel>,
    recipients: &mut Vec<Party>,
    public_sources: usize,
    people_sources: usize,
) {
    let public = recipients.contains(&Party::Public);
    let people = recipients.iter().any(|r| matches!(r, Party::Entity(_)));
    match channel {
        Some(Channel::Tweet) => {
            recipients.clear();
            recipients.push(Party::Public);
        }
        _ if !(public && people) => {}
        Some(Channel::DirectMessage | Channel::Email) => recipients.retain(|r| *r != Party::Public),
        _ if public_sources > people_sources => {
            recipients.clear();
            recipients.push(Party::Public);
        }
        _ => recipients.retain(|r| *r != Party::Public),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recipients_are_the_public_or_people_never_both() {
        let person = Party::Entity(3);
        let settle = |c, mut r: Vec<Party>, p, q| {
            settle_recipients(c, &mut r, p, q);
            r
        };
        // A tweet goes to the public, even when the sentence names someone.
        assert_eq!(
            settle(Some(Channel::Tweet), vec![person], 0, 1),
            [Party::Public]
        );
        assert_eq!(settle(Some(Channel::Tweet), vec![], 0, 0), [Party::Public]);
        // A private message keeps its people.
        assert_eq!(
            settle(
                Some(Channel::DirectMessage),
                vec![Party::Public, person],
                3,
                1
            ),
            [person]
        );
        // Otherwise the side more sources give, people on a tie.
        assert_eq!(
            settle(None, vec![person, Party::Public], 2, 1),
            [Party::Public]
        );
        assert_eq!(
            settle(Some(Channel::Speech), vec![person, Party::Public], 1, 1),
            [person]
        );
        // Nothing to settle: a speech to one heckler stays addressed to them.
        assert_eq!(settle(Some(Channel::Speech), vec![person], 0, 1), [person]);
        assert_eq!(settle(None, vec![], 0, 0), Vec::<Party>::new());
    }

    fn ch(s: &str) -> Option<Channel> {
        channel_cue(s).map(|(c, _)| c)
    }

    #[test]
    fn direct_message_beats_twitter() {
        assert_eq!(
            ch("the Wikileaks Twitter account sent a private direct message to him"),
            Some(Channel::DirectMessage)
        );
        assert_eq!(
            ch("WikiLeaks DMed Trump Jr. again, suggesting that he tweet out the link"),
            Some(Channel::DirectMessage)
        );
    }

    #[test]
    fn other_channels() {
        assert_eq!(ch("he tweeted out the link"), Some(Channel::Tweet));
        assert_eq!(
            ch("Trump Jr. then emailed top officials"),
            Some(Channel::Email)
        );
        assert_eq!(ch("said in a statement"), Some(Channel::Statement));
        assert_eq!(ch("told GMTV's Sunday programme"), Some(Channel::Interview));
        assert_eq!(ch("At a rally on October 10"), Some(Channel::Speech));
        assert_eq!(ch("he wrote on September 21"), None);
    }

    #[test]
    fn a_dm_word_inside_other_words_is_not_a_cue() {
        assert_eq!(ch("the admiral spoke"), None);
    }
}
