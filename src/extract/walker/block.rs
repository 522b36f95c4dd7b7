//! Block quotations: a paragraph without quotation marks set off after "It read:" or
//! "X wrote:", written in the first or second person.

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::when::day_only;
use super::{Walker, masked_paragraph};
use crate::corpus::{Paragraph, ParagraphKind};
use crate::extract::attribution;
use crate::extract::channel::channel_cue;
use crate::extract::{DateBasis, Dating, Quote, QuoteKind};

/// Words of someone speaking to someone: a paragraph with none is the writer's.
pub(super) static FIRST_SECOND_PERSON: StaticRegex = StaticRegex::new(|| {
    Regex::new(
        r"\b(?:I|I’m|I'm|[Ww]e|[Uu]s|[Oo]ur|[Mm]y|[Mm]e|[Yy]ou|[Yy]our|[Yy]ou’re|[Yy]ou're)\b",
    )
    .expect("person")
});

static SENT_BY: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"(?i)\b(?:sent|dm(?:'|’)?ed|messaged|tweeted|emailed|wrote|posted)\b")
        .expect("sent by")
});

impl Walker<'_> {
    /// A paragraph with no quotation marks set off after "It read:" / "X wrote:" and written
    /// in the first or second person: a block quotation.
    pub(super) fn try_block_quote(
        &mut self,
        pi: usize,
        p: &Paragraph,
        previous: Option<usize>,
    ) -> bool {
        let Some(prev_i) = previous else { return false };
        if prev_i + 1 != pi || p.kind != ParagraphKind::Text {
            return false;
        }
        let prev = &self.article.paragraphs[prev_i];
        let Some(last_sentence) = prev.sentences().last().or(Some(prev.range.clone())) else {
            return false;
        };
        let intro = masked_paragraph(self.article, last_sentence.clone());
        let trimmed = intro.trim_end();
        let Some(before_colon) = trimmed.strip_suffix(':') else {
            return false;
        };
        let tail: Vec<&str> = before_colon.split_whitespace().rev().take(3).collect();
        let verb_at = tail.iter().position(|w| {
            let w = w
                .trim_matches(|c: char| !c.is_alphanumeric())
                .to_lowercase();
            matches!(
                w.as_str(),
                "read"
                    | "reads"
                    | "said"
                    | "says"
                    | "wrote"
                    | "writes"
                    | "replied"
                    | "responded"
                    | "answered"
                    | "asked"
                    | "added"
                    | "tweeted"
                    | "messaged"
                    | "posted"
                    | "stated"
                    | "declared"
                    | "continued"
                    | "told"
            )
        });
        let Some(verb_at) = verb_at else { return false };
        let after_verb_ok = tail[..verb_at].iter().all(|w| {
            matches!(
                w.trim_matches(|c: char| !c.is_alphanumeric())
                    .to_lowercase()
                    .as_str(),
                "him" | "her" | "them" | "back" | "this" | "following"
            )
        });
        let body = self.article.slice(&p.range);
        if !after_verb_ok || !FIRST_SECOND_PERSON.get().is_match(body) {
            return false;
        }
        let verb_end = before_colon.trim_end().len();
        let colon_quote = verb_end..trimmed.len();
        let context = self.named.clone();
        let mut speaker = attribution::attribute(trimmed, &colon_quote)
            .map(|a| self.resolve_speaker(&a, &context));
        // "It read:": the sender is whoever sent "it" earlier in the paragraph.
        if speaker.as_ref().is_none_or(|s| s.entity.is_none()) {
            let whole = masked_paragraph(self.article, prev.range.clone());
            if let Some(m) = SENT_BY.get().find_iter(&whole).last()
                && let Some(att) = attribution::attribute(&whole, &(m.end()..m.end()))
            {
                let sp = self.resolve_speaker(&att, &context);
                if sp.entity.is_some() {
                    speaker = Some(sp);
                }
            }
        }
        let date = self.anchor.as_ref().map(|(when, phrase, _)| Dating {
            when: day_only(when),
            basis: if self.anchor.as_ref().is_some_and(|a| a.2 == prev_i) {
                DateBasis::Paragraph
            } else {
                DateBasis::Context
            },
            phrase: phrase.clone().into(),
        });
        let range = p.range.clone();
        self.quotes.push(Quote {
            article: self.index,
            section: p.section,
            paragraph: pi,
            parts: vec![range.clone()],
            outer: range,
            kind: QuoteKind::Unquoted,
            speaker,
            recipients: Vec::new(),
            date,
            channel: channel_cue(&masked_paragraph(self.article, prev.range.clone()))
                .map(|(c, cue)| (c, cue.into_boxed_str())),
        });
        self.last_message = Some(self.quotes.len() - 1);
        true
    }
}
