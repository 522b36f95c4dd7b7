//! Who: resolving the phrases that name speakers and recipients ("he", "the account",
//! "his father", "a response from X that said") against the people the article has named.

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::{Walker, masked_paragraph};
use crate::corpus::Paragraph;
use crate::extract::attribution::{self, Attribution, SpeakerSlot};
use crate::extract::channel::Channel;
use crate::extract::entities::{EntityId, EntityKind};
use crate::extract::names::{NameMention, find_names};
use crate::extract::{Party, Speaker, SpeakerBasis};
use std::ops::Range;

const ORG_HEADS: &[&str] = &[
    "account",
    "group",
    "organization",
    "organisation",
    "site",
    "website",
    "outlet",
    "company",
    "firm",
    "agency",
    "feed",
    "handle",
    "publisher",
];

impl Walker<'_> {
    pub(super) fn recipients(
        &self,
        masked: &str,
        p: &Paragraph,
        s: &Range<usize>,
        context: &[EntityId],
        speaker: Option<EntityId>,
        channel: Option<Channel>,
    ) -> Vec<Party> {
        let mut out = Vec::new();
        let public = matches!(channel, Some(Channel::Tweet | Channel::Speech));
        let read = |text: &str, out: &mut Vec<Party>| {
            for r in attribution::recipient_phrases(text) {
                let phrase = &text[r];
                let lower = phrase.to_lowercase();
                let party = if lower.contains("followers") {
                    Some(Party::Public)
                } else if matches!(lower.as_str(), "him" | "her" | "them") {
                    self.last_person_except(context, speaker).map(Party::Entity)
                } else {
                    self.resolve_phrase(phrase, context).0.map(Party::Entity)
                };
                if let Some(party) = party
                    && party != speaker.map_or(Party::Public, Party::Entity)
                    && !out.contains(&party)
                {
                    out.push(party);
                }
            }
        };
        read(masked, &mut out);
        // The sentence before may say who it went to — not for a public post.
        let private = !matches!(
            channel,
            Some(Channel::Tweet | Channel::Speech | Channel::Interview | Channel::Statement)
        );
        if out.is_empty() && private && s.start > p.range.start {
            let intro = masked_paragraph(self.article, p.range.start..s.start);
            read(&intro, &mut out);
        }
        if out.is_empty() && public {
            out.push(Party::Public);
        }
        out
    }

    /// The sender named before a relative pronoun: "from X", else the last name.
    pub(super) fn sender_before(&self, before: &str, context: &[EntityId]) -> Option<Speaker> {
        static FROM: StaticRegex = StaticRegex::new(|| Regex::new(r"\bfrom\s+").expect("from"));
        let from = FROM.get().find_iter(before).last()?;
        let name = find_names(&before[from.end()..], 0).into_iter().next()?;
        let entity = self.reg.resolve(&name.text, context)?;
        Some(Speaker {
            entity: Some(entity),
            phrase: name.text,
            basis: SpeakerBasis::Named,
        })
    }

    pub(super) fn last_person_except(
        &self,
        context: &[EntityId],
        not: Option<EntityId>,
    ) -> Option<EntityId> {
        context
            .iter()
            .rev()
            .find(|&&id| Some(id) != not && self.reg.kind(id) == EntityKind::Person)
            .copied()
    }

    /// Entities named so far, plus those named earlier in this sentence.
    pub(super) fn context_with(&self, before: &[NameMention]) -> Vec<EntityId> {
        let mut ctx = self.named.clone();
        for n in before {
            if let Some(id) = self.reg.resolve(&n.text, &ctx) {
                ctx.push(id);
            }
        }
        ctx
    }

    pub(super) fn absorb_names(&mut self, names: &[NameMention]) {
        for n in names {
            if let Some(id) = self.reg.resolve(&n.text, &self.named) {
                self.named.push(id);
            }
        }
        if self.named.len() > 64 {
            self.named.drain(..self.named.len() - 64);
        }
    }

    pub(super) fn resolve_speaker(&self, att: &Attribution, context: &[EntityId]) -> Speaker {
        let (entity, basis) = self.resolve_phrase(&att.speaker, context);
        let basis = if att.slot == SpeakerSlot::Subject && basis == SpeakerBasis::Named {
            SpeakerBasis::Named
        } else {
            basis
        };
        Speaker {
            entity,
            phrase: att.speaker.clone(),
            basis,
        }
    }

    /// A phrase naming someone -> the entity, and how it was found.
    pub(super) fn resolve_phrase(
        &self,
        phrase: &str,
        context: &[EntityId],
    ) -> (Option<EntityId>, SpeakerBasis) {
        let lower = phrase.trim().to_lowercase();
        match lower.as_str() {
            "he" | "she" | "him" | "her" | "i" => {
                let person = context
                    .iter()
                    .rev()
                    .find(|&&id| self.reg.kind(id) == EntityKind::Person)
                    .copied();
                return (person, SpeakerBasis::Pronoun);
            }
            "it" => return (self.last_org(context), SpeakerBasis::Pronoun),
            "they" | "we" | "who" => return (None, SpeakerBasis::Pronoun),
            _ => {}
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        let determiner = words.first().is_some_and(|w| {
            matches!(
                *w,
                "the" | "his" | "her" | "its" | "their" | "a" | "an" | "that" | "this"
            )
        });
        if determiner {
            // "the Wikileaks Twitter account": a name inside the description.
            if let Some(n) = find_names(phrase, 0).first()
                && let Some(id) = self.reg.resolve(&n.text, context)
            {
                return (Some(id), SpeakerBasis::Description);
            }
            let head = words
                .last()
                .copied()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric());
            if ORG_HEADS.contains(&head) {
                return (self.last_org(context), SpeakerBasis::Description);
            }
            if matches!(head, "father" | "dad") && words.first() == Some(&"his") {
                let child = context
                    .iter()
                    .rev()
                    .find(|&&id| self.reg.kind(id) == EntityKind::Person);
                return (
                    child.and_then(|&c| self.reg.father_of(c)),
                    SpeakerBasis::Description,
                );
            }
            return (
                self.reg.by_description_head(head),
                SpeakerBasis::Description,
            );
        }
        (self.reg.resolve(phrase, context), SpeakerBasis::Named)
    }

    pub(super) fn last_org(&self, context: &[EntityId]) -> Option<EntityId> {
        self.last_org_speaker.or_else(|| {
            context
                .iter()
                .rev()
                .find(|&&id| self.reg.kind(id) == EntityKind::Organisation)
                .copied()
        })
    }

    /// No attribution of its own: the sentence's subject if it is someone, else the speaker of
    /// the message just before (within a paragraph).
    pub(super) fn infer_speaker(
        &self,
        masked: &str,
        context: &[EntityId],
        pi: usize,
    ) -> Option<Speaker> {
        if let Some(r) = attribution::sentence_subject(masked) {
            let phrase = masked[r].trim();
            let (entity, _) = self.resolve_phrase(phrase, context);
            if entity.is_some() {
                return Some(Speaker {
                    entity,
                    phrase: phrase.to_string(),
                    basis: SpeakerBasis::Inferred,
                });
            }
        }
        let last = &self.quotes[self.last_message?];
        if pi.saturating_sub(last.paragraph) <= 1 {
            return last.speaker.clone().map(|mut s| {
                s.basis = SpeakerBasis::Inferred;
                s
            });
        }
        None
    }
}
