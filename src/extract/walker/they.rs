//! Whom "they" stands for: a group or an organisation the sentence before is about ("The
//! union rejected the offer. “…,” they said."). Plural people ("officials", "the Smiths") are
//! no entity, so the pronoun stays unresolved rather than guessed.

use super::{Walker, masked_paragraph};
use crate::corpus::ParagraphKind;
use crate::extract::attribution;
use crate::extract::entities::{EntityId, EntityKind};

impl Walker<'_> {
    /// The organisation that is the subject of the sentence before the current one (or of
    /// the current one, before the quote), if any.
    pub(super) fn group_subject(&self, context: &[EntityId]) -> Option<EntityId> {
        let upto = self
            .article
            .paragraphs
            .partition_point(|p| p.range.start <= self.sentence_start);
        let p = self.article.paragraphs[..upto]
            .iter()
            .rev()
            .find(|p| p.kind == ParagraphKind::Text)?;
        let r = p.sentences().rev().find(|r| r.end <= self.sentence_start)?;
        let masked = masked_paragraph(self.article, r);
        let subject = attribution::reported_speaker(&masked)
            .or_else(|| attribution::sentence_subject(&masked))?;
        let phrase = masked[subject].trim();
        if matches!(
            phrase.to_lowercase().as_str(),
            "they" | "it" | "he" | "she" | "we"
        ) {
            return None;
        }
        let (id, _) = self.resolve_phrase(phrase, context);
        id.filter(|&id| self.reg.kind(id) == EntityKind::Organisation)
    }
}
