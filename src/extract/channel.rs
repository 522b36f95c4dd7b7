//! The channel a message went by, from what the text says around it.

use regex::Regex;

use crate::static_regex::StaticRegex;
use serde::{Deserialize, Serialize};

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

/// Cue patterns, most specific first: a "Twitter direct message" is a DM, not a tweet.
static CUES: StaticRegex<Vec<(Channel, Regex)>> = StaticRegex::new(|| {
    let cue = |c, p: &str| (c, Regex::new(p).expect("channel cue"));
    vec![
        cue(
            Channel::DirectMessage,
            r"(?i)\b(?:direct[- ]messages?|private[- ]messages?|messaged|dm(?:'|’)?ed|dm(?:'|’)?d)\b|\bDMs?\b",
        ),
        cue(
            Channel::Email,
            r"(?i)\b(?:e-?mailed|sent an e-?mail|in an e-?mail|by e-?mail|wrote in an e-?mail|e-?mail to)\b",
        ),
        cue(
            Channel::Tweet,
            r"(?i)\b(?:tweet(?:ed|s|ing)?|retweet(?:ed|s)?|posted on twitter|on his twitter|on her twitter|twitter feed)\b",
        ),
        cue(
            Channel::Statement,
            r"(?i)\b(?:statement|spokes(?:man|woman|person)|press release)\b",
        ),
        cue(
            Channel::Interview,
            r"(?i)\b(?:interview|told reporters|on-air|on air|programme|program|podcast)\b",
        ),
        cue(
            Channel::Speech,
            r"(?i)\b(?:rally|speech|press conference|news conference|addressed|remarks to)\b",
        ),
    ]
});

/// The channel named in `masked` (text outside quotes), with the cue words.
pub fn channel_cue(masked: &str) -> Option<(Channel, String)> {
    CUES.get()
        .iter()
        .find_map(|(c, re)| re.find(masked).map(|m| (*c, m.as_str().to_string())))
}

#[cfg(test)]
mod tests {
    use super::*;

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
