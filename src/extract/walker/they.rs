//! Whom "they" stands for: a group or an organisation the sentence before is about ("The
//! union rejected the offer. “…,” they said."). Plural people ("officials", "the Smiths") are
//! no entity, so the pronoun itself names no one.

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
        let r = self.article.paragraphs[..upto]
            .iter()
            .rev()
            .filter(|p| p.kind == ParagraphKind::Text)
            .flat_map(|p| p.sentences().rev())
            .find(|r| r.end <= self.sentence_start)?;
        let masked = masked_paragraph(self.article, r);
        let subject = attribution::reported_speaker(&masked)
            .or_else(|| attribution::sentence_subject(&masked))?;
        let phrase = masked[subject].trim();
        // A name opening the subject ("The Harbour Workers Union rejected…"), not a
        // description of people ("Dock officials", "the protesters"), which a guess would
        // give to the last organisation named.
        let name: Vec<&str> = phrase
            .split_whitespace()
            .skip_while(|w| w.eq_ignore_ascii_case("the"))
            .take_while(|w| w.starts_with(|c: char| c.is_uppercase()))
            .collect();
        let id = self.reg.resolve(&name.join(" "), context);
        id.filter(|&id| self.reg.kind(id) == EntityKind::Organisation)
    }
}
