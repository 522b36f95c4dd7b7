//! Embedded posts as a saved page keeps them: the post's words as a paragraph of their own,
//! then its signature line, "— Donald Trump Jr. (@DonaldJTrumpJr) October 14, 2016". The
//! paragraph is the named account's public post on that day, with or without quotation marks.

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::Walker;
use crate::corpus::{Paragraph, ParagraphKind};
use crate::extract::channel::Channel;
use crate::extract::dates::{self, When};
use crate::extract::{DateBasis, Dating, Party, Quote, QuoteKind, Speaker, SpeakerBasis};

/// "— Name (@handle) Month D, YYYY": a dash, a display name, a handle in parentheses, a date.
static SIGNATURE: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"^\s*[—–-]{1,2}\s*(?P<name>[^()\n]{1,60}?)\s*\(@(?P<handle>\w{1,30})\)\s*(?P<date>[^\n]{4,40}?)\s*$")
        .expect("post signature")
});

/// A post's signature: who posted it and when.
pub(super) struct Signature {
    pub name: String,
    pub when: When,
    pub phrase: String,
}

/// The signature in `text`, if the whole paragraph is one whose date reads as a full date.
pub(super) fn signature(text: &str) -> Option<Signature> {
    if !text.contains("(@") {
        return None;
    }
    let caps = SIGNATURE.get().captures(text)?;
    let date = caps.name("date")?.as_str();
    let mention = dates::scan(date).into_iter().next()?;
    let when = dates::resolve(&mention.expr, None, None, None)?;
    Some(Signature {
        name: caps.name("name")?.as_str().trim().to_string(),
        when,
        phrase: date.trim().to_string(),
    })
}

impl Walker<'_> {
    /// Is paragraph `pi` a post's signature line (read with the post, not as narrative)?
    pub(super) fn is_signature(&self, pi: usize) -> bool {
        self.article
            .paragraphs
            .get(pi)
            .is_some_and(|p| signature(self.article.slice(&p.range)).is_some())
    }

    /// When the paragraph after `pi` signs an embedded post, `p` is that post: a public
    /// message of the signing account, dated by the signature.
    pub(super) fn try_embedded_post(&mut self, pi: usize, p: &Paragraph) -> bool {
        if p.kind != ParagraphKind::Text {
            return false;
        }
        let Some(next) = self.article.paragraphs.get(pi + 1) else {
            return false;
        };
        let Some(sig) = signature(self.article.slice(&next.range)) else {
            return false;
        };
        let entity = self.reg.resolve(&sig.name, &self.named);
        let text = self.article.slice(&p.range);
        // The words without the quotation marks a page may keep around them.
        let lead = text.len() - text.trim_start_matches(['"', '“', ' ']).len();
        let tail = text.len() - text.trim_end_matches(['"', '”', ' ', '\n']).len();
        let range = p.range.start + lead..p.range.end - tail;
        if range.is_empty() {
            return false;
        }
        self.quotes.push(Quote {
            article: self.index,
            section: p.section,
            paragraph: pi,
            parts: vec![range.clone()],
            outer: p.range.clone(),
            kind: QuoteKind::Message,
            speaker: Some(Speaker {
                entity,
                phrase: sig.name.into(),
                basis: SpeakerBasis::Named,
            }),
            recipients: vec![Party::Public],
            date: Some(Dating {
                when: sig.when,
                basis: DateBasis::Sentence,
                phrase: sig.phrase.into(),
            }),
            channel: Some((Channel::Tweet, "embedded post".into())),
        });
        self.last_message = Some(self.quotes.len() - 1);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn signature_lines_are_read_and_others_are_not() {
        let sig = signature("— Donald Trump Jr. (@DonaldJTrumpJr) October 14, 2016").unwrap();
        assert_eq!(sig.name, "Donald Trump Jr.");
        assert_eq!(sig.when.display(), "2016-10-14");
        assert!(signature("- WikiLeaks (@wikileaks) 3 October 2016").is_some());
        assert!(
            signature("— Donald Trump Jr. (@DonaldJTrumpJr)").is_none(),
            "no date"
        );
        assert!(
            signature("Trump Jr. (@DonaldJTrumpJr) October 14, 2016").is_none(),
            "no dash"
        );
        assert!(signature("— He wrote (to @someone) that it was fine").is_none());
    }
}
