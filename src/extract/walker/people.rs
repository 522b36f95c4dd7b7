//! Who: resolving the phrases that name speakers and recipients ("he", "the account",
//! "his father", "a response from X that said") against the people the article has named.

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::gender::GenderMark;
use super::{CARRY_PARAGRAPHS, Walker, masked_paragraph};
use crate::corpus::{Paragraph, ParagraphKind};
use crate::extract::attribution::{self, Attribution, SpeakerSlot};
use crate::extract::channel::Channel;
use crate::extract::entities::{EntityId, EntityKind};
use crate::extract::names::{Gender, NameMention, find_names};
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

/// Nouns for the message itself: "“…,” the message read" names no sender.
const MESSAGE_HEADS: &[&str] = &[
    "message", "note", "tweet", "email", "e-mail", "dm", "text", "post", "letter", "reply",
    "response", "missive",
];

/// "the message", "his reply", "WikiLeaks’ first note": a phrase that names the message, not
/// its sender.
pub(super) fn names_the_message(phrase: &str) -> bool {
    let lower = phrase.trim().to_lowercase();
    let words: Vec<&str> = lower.split_whitespace().collect();
    words.len() >= 2
        && words.last().is_some_and(|w| {
            MESSAGE_HEADS.contains(&w.trim_matches(|c: char| !c.is_alphanumeric()))
        })
}

impl Walker<'_> {
    /// The sender of a message that the attribution names only as a message ("On October 21,
    /// WikiLeaks proposed a deal. “…,” the message read."): someone named in the phrase
    /// ("Trump Jr.’s reply"), else the subject of the sentence before in the paragraph.
    pub(super) fn sender_of_message(
        &self,
        phrase: &str,
        p: &Paragraph,
        s: &Range<usize>,
        context: &[EntityId],
    ) -> Option<Speaker> {
        let named = |text: &str, basis| {
            let name = find_names(text, 0).into_iter().next()?;
            let entity = self.reg.resolve(&name.text, context)?;
            Some(Speaker {
                entity: Some(entity),
                phrase: name.text.into(),
                basis,
            })
        };
        if let Some(sp) = named(phrase, SpeakerBasis::Named) {
            return Some(sp);
        }
        let before = p.sentences().rfind(|r| r.end <= s.start)?;
        let sentence = &masked_paragraph(self.article, before);
        let subject = &sentence[attribution::sentence_subject(sentence)?];
        let (entity, _) = self.resolve_phrase(subject.trim(), context);
        entity.map(|entity| Speaker {
            entity: Some(entity),
            phrase: subject.trim().to_string().into(),
            basis: SpeakerBasis::Inferred,
        })
    }

    /// The name standing alone before the colon that introduces a quote, as a transcript
    /// labels its turns ("2:52 a.m. — Trump Jr.: “…”"): after a dash or a bracket, or
    /// opening the sentence, so that "told the Daily Star:" is not one.
    pub(super) fn transcript_label(
        &self,
        lead: &str,
        names: &[NameMention],
        context: &[EntityId],
    ) -> Option<Speaker> {
        let label = lead.trim_end_matches(':').trim_end();
        let n = names.iter().rev().find(|n| {
            n.range.end == label.len()
                && label[..n.range.start]
                    .trim_end()
                    .chars()
                    .last()
                    .is_none_or(|c| matches!(c, '—' | '–' | '-' | '|' | ')' | ']'))
        })?;
        Some(Speaker {
            entity: Some(self.reg.resolve(&n.text, context)?),
            phrase: n.text.clone().into(),
            basis: SpeakerBasis::Named,
        })
    }

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
                    self.correspondent(speaker)
                        .or_else(|| self.last_subject(s.start, context, speaker))
                        .or_else(|| self.last_person_except(context, speaker))
                        .map(Party::Entity)
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
        if out.is_empty()
            && private
            && let Some(before) = p.sentences().rfind(|r| r.end <= s.start)
        {
            let intro = masked_paragraph(self.article, before);
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
            phrase: name.text.into(),
            basis: SpeakerBasis::Named,
        })
    }

    /// The person on the other side of the messages just before: whom "him" most likely
    /// means in "X wrote to him".
    fn correspondent(&self, speaker: Option<EntityId>) -> Option<EntityId> {
        self.quotes
            .iter()
            .rev()
            .take(12)
            .filter(|q| q.kind != crate::extract::QuoteKind::Mention)
            .flat_map(|q| {
                let to = q.recipients.iter().filter_map(|r| match r {
                    Party::Entity(id) => Some(*id),
                    Party::Public => None,
                });
                q.speaker_entity().into_iter().chain(to)
            })
            .find(|&id| Some(id) != speaker && self.reg.kind(id) == EntityKind::Person)
    }

    /// The last person who was the subject of a sentence before `before` (a few sentences
    /// back): "him" is more likely them than someone named in passing since ("…, the group
    /// led by Julian Assange"). Read only when a pronoun needs it.
    fn last_subject(
        &self,
        before: usize,
        context: &[EntityId],
        not: Option<EntityId>,
    ) -> Option<EntityId> {
        self.last_subject_of(before, context, not, None)
    }

    /// [`Self::last_subject`], of the gender a pronoun asks for when the text marks one.
    fn last_subject_of(
        &self,
        before: usize,
        context: &[EntityId],
        not: Option<EntityId>,
        gender: Option<Gender>,
    ) -> Option<EntityId> {
        let upto = self
            .article
            .paragraphs
            .partition_point(|p| p.range.start < before);
        self.article.paragraphs[..upto]
            .iter()
            .rev()
            .filter(|p| p.kind == ParagraphKind::Text)
            .flat_map(|p| p.sentences().rev())
            .filter(|r| r.end <= before)
            .take(6)
            .find_map(|r| {
                // A sentence quoting someone is about its speaker, whatever its grammar.
                if let Some(id) = self
                    .quotes
                    .iter()
                    .rev()
                    .take(16)
                    .filter(|q| q.outer.start >= r.start && q.outer.end <= r.end)
                    .find_map(|q| q.speaker_entity())
                {
                    return (Some(id) != not
                        && self.reg.kind(id) == EntityKind::Person
                        && self.may_be(id, gender))
                    .then_some(id);
                }
                let masked = masked_paragraph(self.article, r.clone());
                // "The Mac mini fell short…, said Mr Fogg.": the speaker, not the subject.
                let subject = attribution::reported_speaker(&masked)
                    .or_else(|| attribution::saying_subject(&masked))
                    .or_else(|| attribution::sentence_subject(&masked))?;
                let phrase = masked[subject].trim();
                // A pronoun subject stands for someone further back: read past it, unless the
                // sentence names whom it turns to ("As for Trump, he said…").
                if matches!(
                    phrase.to_lowercase().as_str(),
                    "he" | "she" | "it" | "they" | "i" | "we"
                ) {
                    let topic = attribution::topic_of(&masked)?;
                    let (id, _) = self.resolve_phrase(masked[topic].trim(), context);
                    return id.filter(|&id| {
                        Some(id) != not
                            && self.reg.kind(id) == EntityKind::Person
                            && self.may_be(id, gender)
                    });
                }
                let (id, _) = self.resolve_phrase(phrase, context);
                id.filter(|&id| {
                    Some(id) != not
                        && self.reg.kind(id) == EntityKind::Person
                        && self.may_be(id, gender)
                })
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
                let mark = self.genders.get(&id).copied();
                if let Some(m) = GenderMark::merge(mark, n.gender, n.given_gender) {
                    self.genders.insert(id, m);
                }
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
            phrase: att.speaker.clone().into(),
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
            "he" | "she" => {
                return (self.pronoun_person(&lower, context), SpeakerBasis::Pronoun);
            }
            "him" | "her" | "i" => {
                let person = context
                    .iter()
                    .rev()
                    .find(|&&id| self.reg.kind(id) == EntityKind::Person)
                    .copied();
                return (person, SpeakerBasis::Pronoun);
            }
            "it" => return (self.last_org(context), SpeakerBasis::Pronoun),
            "they" => return (self.group_subject(context), SpeakerBasis::Pronoun),
            "we" | "who" => return (None, SpeakerBasis::Pronoun),
            _ => {}
        }
        let words: Vec<&str> = lower.split_whitespace().collect();
        // "WikiLeaks’ Twitter account", "Trump’s eldest son": an account is its owner's; a
        // relative or an aide is whoever the articles describe so.
        let possessive =
            words.len() >= 2 && words.first().is_some_and(|w| attribution::is_possessive(w));
        if possessive {
            let head = words
                .last()
                .copied()
                .unwrap_or("")
                .trim_matches(|c: char| !c.is_alphanumeric());
            let found = if ORG_HEADS.contains(&head) {
                find_names(phrase, 0)
                    .first()
                    .and_then(|n| self.reg.resolve(&n.text, context))
            } else {
                self.reg.by_description_head(head)
            };
            if found.is_some() {
                return (found, SpeakerBasis::Description);
            }
        }
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
        // "Senate Majority Leader Mitch McConnell": the name inside a titled phrase.
        let named = self.reg.resolve(phrase, context).or_else(|| {
            find_names(phrase, 0)
                .last()
                .and_then(|n| self.reg.resolve(&n.text, context))
        });
        (named, SpeakerBasis::Named)
    }

    /// Whom "he" or "she" speaking means: the person the sentences before are about (their
    /// subject), else the speaker of the message just before, else the last person named.
    /// A person named only in passing ("…, the group led by X") or inside a reported clause
    /// is not the subject, so they do not take the quote.
    fn pronoun_person(&self, pronoun: &str, context: &[EntityId]) -> Option<EntityId> {
        let gender = Gender::of_pronoun(pronoun);
        if let Some(id) = self.last_subject_of(self.sentence_end, context, None, gender) {
            return Some(id);
        }
        let previous = self.last_message.map(|l| &self.quotes[l]).filter(|q| {
            let here = self
                .article
                .paragraphs
                .partition_point(|p| p.range.start <= self.sentence_start);
            here.saturating_sub(q.paragraph + 1) <= CARRY_PARAGRAPHS
        });
        if let Some(id) = previous.and_then(|q| q.speaker_entity())
            && self.reg.kind(id) == EntityKind::Person
            && self.may_be(id, gender)
        {
            return Some(id);
        }
        context
            .iter()
            .rev()
            .find(|&&id| self.reg.kind(id) == EntityKind::Person && self.may_be(id, gender))
            .copied()
    }

    /// Whether the person `id` can be the one a pronoun of `gender` stands for: yes unless
    /// the article marks them otherwise ("Mr. Ryan" is not "she").
    fn may_be(&self, id: EntityId, gender: Option<Gender>) -> bool {
        match (gender, self.genders.get(&id).and_then(|m| m.gender())) {
            (Some(want), Some(known)) => want == known,
            _ => true,
        }
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

    /// The sentence's subject, when it stands before the quotation at `quote` and names
    /// someone the article knows.
    pub(super) fn subject_speaker(
        &self,
        masked: &str,
        quote: &Range<usize>,
        context: &[EntityId],
    ) -> Option<Speaker> {
        let r = attribution::sentence_subject(masked)?;
        if r.end > quote.start {
            return None;
        }
        let phrase = masked[r].trim();
        let (entity, _) = self.resolve_phrase(phrase, context);
        entity.map(|entity| Speaker {
            entity: Some(entity),
            phrase: phrase.to_string().into(),
            basis: SpeakerBasis::Inferred,
        })
    }

    /// No attribution of its own: the sentence's subject if it is someone, else the speaker of
    /// the message just before (within a paragraph).
    pub(super) fn infer_speaker(
        &self,
        masked: &str,
        context: &[EntityId],
        pi: usize,
        opens_paragraph: bool,
    ) -> Option<Speaker> {
        let intro = opens_paragraph.then(|| self.paragraph_before(pi)).flatten();
        // "As Jane Roe reported:" closing the paragraph before introduces this one.
        if let Some(before) = &intro
            && before.trim_end().ends_with(':')
            && let Some(sp) = self.introducer(before, context)
        {
            return Some(sp);
        }
        if let Some(r) = attribution::sentence_subject(masked) {
            let phrase = masked[r].trim();
            let (entity, _) = self.resolve_phrase(phrase, context);
            if entity.is_some() {
                return Some(Speaker {
                    entity,
                    phrase: phrase.to_string().into(),
                    basis: SpeakerBasis::Inferred,
                });
            }
        }
        // "…, consultant Phil Musser says." / "“…”": the one the sentence before reports.
        if let Some(sp) = self.reporter_before() {
            return Some(sp);
        }
        if let Some(last) = self.last_message.map(|l| &self.quotes[l])
            && pi.saturating_sub(last.paragraph) <= 1
            && let Some(mut sp) = last.speaker.clone()
        {
            sp.basis = SpeakerBasis::Inferred;
            return Some(sp);
        }
        // A quotation standing alone after a paragraph about someone ("Roe is upbeat about
        // the race." / "“…”") is theirs.
        let before = intro?;
        let r = attribution::sentence_subject(&before)?;
        let phrase = before[r].trim();
        let (entity, _) = self.resolve_phrase(phrase, context);
        let entity = entity.filter(|&id| self.reg.kind(id) == EntityKind::Person)?;
        Some(Speaker {
            entity: Some(entity),
            phrase: phrase.to_string().into(),
            basis: SpeakerBasis::Inferred,
        })
    }

    /// The person whose words the sentence just before this one reports ("…, Roe said.",
    /// "To a question, Roe said…"), if it is reported speech.
    fn reporter_before(&self) -> Option<Speaker> {
        let upto = self
            .article
            .paragraphs
            .partition_point(|p| p.range.start < self.sentence_start);
        let p = self.article.paragraphs[..upto]
            .iter()
            .rev()
            .find(|p| p.kind != ParagraphKind::Debris)
            .filter(|p| p.kind == ParagraphKind::Text)?;
        let r = p.sentences().rev().find(|r| r.end <= self.sentence_start)?;
        let masked = masked_paragraph(self.article, r);
        let who = attribution::reported_speaker(&masked)
            .or_else(|| attribution::saying_subject(&masked))?;
        let phrase = masked[who].trim();
        let (entity, _) = self.resolve_phrase(phrase, &self.named);
        let entity = entity.filter(|&id| self.reg.kind(id) == EntityKind::Person)?;
        Some(Speaker {
            entity: Some(entity),
            phrase: phrase.to_string().into(),
            basis: SpeakerBasis::Inferred,
        })
    }

    /// The last sentence of the text paragraph before paragraph `pi`, masked.
    fn paragraph_before(&self, pi: usize) -> Option<String> {
        let p = self.article.paragraphs[..pi]
            .iter()
            .rev()
            .find(|p| p.kind != ParagraphKind::Debris)?;
        if p.kind != ParagraphKind::Text {
            return None;
        }
        let last = p.sentences().next_back().unwrap_or(p.range.clone());
        Some(masked_paragraph(self.article, last))
    }

    /// Who a sentence ending in a colon says will speak: the attribution before the colon
    /// ("As Jane Roe reported:"), else its subject ("The senator released a statement:").
    fn introducer(&self, sentence: &str, context: &[EntityId]) -> Option<Speaker> {
        let end = sentence.trim_end().len();
        if let Some(att) = attribution::attribute(sentence, &(end..end)) {
            let sp = self.resolve_speaker(&att, context);
            if sp.entity.is_some() {
                return Some(sp);
            }
        }
        let r = attribution::sentence_subject(sentence)?;
        let phrase = sentence[r].trim();
        let (entity, basis) = self.resolve_phrase(phrase, context);
        entity.map(|entity| Speaker {
            entity: Some(entity),
            phrase: phrase.to_string().into(),
            basis,
        })
    }
}
