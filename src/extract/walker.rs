//! Second pass: one article in reading order. The walker keeps what a reader keeps in mind —
//! the date the narrative has reached, the people and organisations last named, the last
//! message and its speaker — and turns each quotation into a `Quote`.
//!
//! Choices: dates in parentheses or in past-perfect asides ("Stone had tweeted the day
//! before") date their own quotes but do not move the narrative. Consecutive quotes of one
//! speaker are one message unless something in between says time passed or a new message came
//! ("two minutes later", "wrote again", a new date).

use std::ops::Range;
use std::sync::LazyLock;

use regex::Regex;

use super::attribution::{self, Attribution, SpeakerSlot};
use super::channel::{Channel, channel_cue};
use super::dates::{self, DateExpr, Precision, When};
use super::entities::{EntityId, EntityKind, EntityRegistry};
use super::names::find_names;
use super::quotes::{QuoteSpan, find_quotes, opens_with_quote};
use super::{DateBasis, Dating, Party, Quote, QuoteKind, Speaker, SpeakerBasis};
use crate::corpus::{Article, Paragraph, ParagraphKind, Section};
use crate::text::word_count;

/// Quotes shorter than this, with no verb of saying next to them, are mentions.
const MESSAGE_MIN_WORDS: usize = 4;
/// How many paragraphs the narrative date and a message's speaker carry over.
const CARRY_PARAGRAPHS: usize = 2;

/// Blanks the quoted words of `range` so that attribution and names are read only from the
/// writer's own words. Offsets are relative to `range.start`.
pub fn masked_paragraph(article: &Article, range: Range<usize>) -> String {
    let text = article.slice(&range);
    let mut masked = text.to_string();
    for q in find_quotes(text, 0) {
        blank(&mut masked, q.inner);
    }
    masked
}

fn blank(s: &mut String, r: Range<usize>) {
    let spaces = " ".repeat(r.len());
    s.replace_range(r, &spaces);
}

static PAST_PERFECT: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bhad\s+(?:\w+ly\s+|once\s+|already\s+|just\s+|also\s+|never\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|de|id|ld|ht|ung|ook|ote|ent|lt|pt|ut|ad)\b").expect("past perfect")
});
static NEW_MESSAGE_CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:again|another|later|next|replied|responded|answered|follow-up)\b")
        .expect("cue")
});
static BACK_REFERENCE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:the|that|this|his|her|its)\s+(?:first\s+|last\s+|final\s+|latest\s+)?(?:message|note|tweet|email|e-mail|dm|direct message|reply|response|post|letter)s?\s+(?:was|were|is|came|arrived)\b").expect("back reference")
});
static FIRST_SECOND_PERSON: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"\b(?:I|I’m|I'm|[Ww]e|[Uu]s|[Oo]ur|[Mm]y|[Mm]e|[Yy]ou|[Yy]our|[Yy]ou’re|[Yy]ou're)\b",
    )
    .expect("person")
});
static SENT_BY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:sent|dm(?:'|’)?ed|messaged|tweeted|emailed|wrote|posted)\b")
        .expect("sent by")
});

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

/// What the walker remembers while reading.
struct Walker<'a> {
    index: usize,
    article: &'a Article,
    reg: &'a EntityRegistry,
    published: Option<When>,
    /// The narrative's date and the paragraph that set it.
    anchor: Option<(When, String, usize)>,
    /// Entities in the order they were named (people and organisations).
    named: Vec<EntityId>,
    last_org_speaker: Option<EntityId>,
    quotes: Vec<Quote>,
    /// Quote left open at the end of the previous paragraph.
    open_quote: Option<usize>,
    /// The last message, for joining and back-references.
    last_message: Option<usize>,
    /// Time passed or a new message was announced since the last message.
    broken: bool,
    section: Section,
}

/// Turns one article into quotes.
pub fn walk(index: usize, article: &Article, reg: &EntityRegistry) -> Vec<Quote> {
    let mut w = Walker {
        index,
        article,
        reg,
        published: article.meta.published,
        anchor: None,
        named: Vec::new(),
        last_org_speaker: None,
        quotes: Vec::new(),
        open_quote: None,
        last_message: None,
        broken: false,
        section: Section::Body,
    };
    let mut previous_text: Option<usize> = None;
    for (pi, p) in article.paragraphs.iter().enumerate() {
        if p.section != w.section {
            // Comments are written after the article: their dates start from publication.
            w.section = p.section;
            w.anchor = None;
            w.last_message = None;
            w.open_quote = None;
        }
        match p.kind {
            ParagraphKind::Debris => continue,
            ParagraphKind::CommentHeader => {
                w.last_message = None;
                w.open_quote = None;
                continue;
            }
            ParagraphKind::Text | ParagraphKind::Heading => {}
        }
        w.paragraph(pi, p, previous_text);
        previous_text = Some(pi);
    }
    w.quotes
}

impl Walker<'_> {
    fn paragraph(&mut self, pi: usize, p: &Paragraph, previous: Option<usize>) {
        let text = self.article.slice(&p.range);
        let mut spans = find_quotes(text, p.range.start);
        // A quotation that runs on from the paragraph before.
        if let Some(qi) = self.open_quote.take()
            && opens_with_quote(text)
            && let Some(first) = spans.first()
            && first.outer.start == p.range.start + (text.len() - text.trim_start().len())
        {
            let first = spans.remove(0);
            let q = &mut self.quotes[qi];
            q.parts.push(first.inner.clone());
            q.outer.end = first.outer.end;
            if first.open_ended {
                self.open_quote = Some(qi);
            }
        }
        let quoted: usize = spans.iter().map(|q| q.inner.len()).sum();
        if quoted * 3 < text.len() && self.try_block_quote(pi, p, previous) {
            return;
        }
        let sentences: Vec<Range<usize>> = if p.sentences.is_empty() {
            vec![p.range.clone()]
        } else {
            p.sentences.clone()
        };
        let mut para_date: Option<(When, String, bool)> = None;
        let mut last_in_paragraph: Option<usize> = None;
        for s in sentences {
            let in_sentence: Vec<&QuoteSpan> = spans
                .iter()
                .filter(|q| q.outer.start >= s.start && q.outer.start < s.end)
                .collect();
            self.sentence(
                pi,
                p,
                &s,
                &in_sentence,
                &spans,
                &mut para_date,
                &mut last_in_paragraph,
            );
        }
        if let Some(last) = spans.last()
            && last.open_ended
        {
            self.open_quote = self
                .quotes
                .iter()
                .rposition(|q| q.parts.last().is_some_and(|r| r.end == last.inner.end));
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn sentence(
        &mut self,
        pi: usize,
        p: &Paragraph,
        s: &Range<usize>,
        in_sentence: &[&QuoteSpan],
        all: &[QuoteSpan],
        para_date: &mut Option<(When, String, bool)>,
        last_in_paragraph: &mut Option<usize>,
    ) {
        let raw = self.article.slice(s);
        let mut masked = raw.to_string();
        for q in all {
            let a = q.inner.start.max(s.start);
            let b = q.inner.end.min(s.end);
            if a < b {
                blank(&mut masked, a - s.start..b - s.start);
            }
        }

        // Dates, in order, each resolved against the narrative so far.
        let mut mentions: Vec<(Range<usize>, When, bool, String)> = Vec::new();
        let mut running = self.anchor.as_ref().map(|a| a.0);
        for m in dates::scan(&masked) {
            let (year_hint, not_after) = self.year_hint();
            let Some(when) = dates::resolve(&m.expr, running.as_ref(), year_hint, not_after) else {
                continue;
            };
            let aside = past_perfect_clause(&masked, &m.range)
                || in_parentheses(&masked, m.range.start)
                || attributive(&masked[..m.range.start], &m.expr);
            let phrase = describe(&masked[m.range.clone()], &m.expr, running.as_ref());
            if !aside {
                running = Some(when);
            }
            mentions.push((m.range.clone(), when, aside, phrase));
        }

        // Names, for pronouns and ambiguous surnames later.
        let names = find_names(&masked, 0);

        // A back-reference ("The message was sent at 9:29 am on July 11.") dates the last
        // message rather than the narrative.
        if in_sentence.is_empty() && BACK_REFERENCE.is_match(&masked) {
            if let (Some(last), Some((_, when, _, phrase))) = (self.last_message, mentions.last()) {
                let q = &mut self.quotes[last];
                if pi.saturating_sub(q.paragraph) <= 2 {
                    let better = q.date.as_ref().is_none_or(|d| {
                        d.basis > DateBasis::BackReference
                            || when.precision > d.when.precision && d.when.date == when.date
                    });
                    if better {
                        q.date = Some(Dating {
                            when: *when,
                            basis: DateBasis::BackReference,
                            phrase: phrase.clone(),
                        });
                    }
                }
            }
            self.absorb_names(&names);
            return;
        }

        for q in in_sentence {
            let rel_outer = q.outer.start - s.start..q.outer.end.min(s.end) - s.start;
            // Names and dates before the quote are part of what the reader knows.
            let before: Vec<_> = names
                .iter()
                .filter(|n| n.range.end <= rel_outer.start)
                .cloned()
                .collect();
            let context = self.context_with(&before);
            let breaks_here = mentions
                .iter()
                .any(|(r, _, aside, _)| !aside && r.start < rel_outer.start)
                || NEW_MESSAGE_CUE.is_match(&masked[..rel_outer.start]);
            let broken = self.broken || breaks_here;

            let att = attribution::attribute(&masked, &rel_outer);
            let words = word_count(self.article.slice(&q.inner));
            let standalone = masked[..rel_outer.start].trim().is_empty()
                && masked[rel_outer.end.min(masked.len())..]
                    .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
                    .is_empty();

            // “Thanks.” after “…,” he wrote: the same message goes on.
            if standalone && let Some(prev) = *last_in_paragraph {
                self.extend(prev, q);
                continue;
            }
            // Two quotes in one sentence around one attribution: one message.
            if let Some(prev) = *last_in_paragraph
                && self.quotes[prev].outer.end >= s.start
                && self.quotes[prev].kind == QuoteKind::Message
                && self
                    .article
                    .slice(&(self.quotes[prev].outer.end..q.outer.start))
                    .split_whitespace()
                    .count()
                    <= 6
                && att.as_ref().is_none_or(|a| {
                    a.verb_range.end <= rel_outer.start
                        && self.resolve_speaker(a, &context).entity
                            == self.quotes[prev].speaker_entity()
                })
                && !breaks_here
            {
                self.extend(prev, q);
                continue;
            }

            let lead = masked[..rel_outer.start].trim_end();
            // Quoted words inside the writer's own clause ("wanting to “just drone” him", "was
            // “in cahoots with WikiLeaks,” Pence insisted") are phrases, however long; so is
            // whatever follows "according to". Only an introducing verb ("X wrote: “…”",
            // "wrote, that “…”") makes such a quote someone's words.
            let according = lead.to_lowercase().ends_with("according to");
            let embedded = according || ends_mid_clause(lead);
            let intro_verb = att.as_ref().is_some_and(|a| a.adjacent && !a.after);
            let after_verb = att.as_ref().is_some_and(|a| a.adjacent && a.after);
            let colon_intro = lead.ends_with(':');
            let kind = if !according
                && ((standalone && words > 0)
                    || intro_verb
                    || colon_intro
                    || (!embedded && (after_verb || words >= MESSAGE_MIN_WORDS)))
            {
                QuoteKind::Message
            } else {
                QuoteKind::Mention
            };
            let mut speaker = att.as_ref().map(|a| {
                let sp = self.resolve_speaker(a, &context);
                // "a response from Trump Jr. that said: “…”": the relative pronoun stands for
                // the message, whose sender is named before it.
                if matches!(sp.phrase.to_lowercase().as_str(), "that" | "which") {
                    self.sender_before(&masked[..a.speaker_range.start], &context)
                        .unwrap_or(sp)
                } else {
                    sp
                }
            });
            if kind == QuoteKind::Message && speaker.as_ref().is_none_or(|sp| sp.entity.is_none()) {
                speaker = self.infer_speaker(&masked, &context, pi).or(speaker);
            }
            let date = self.date_for(&masked, &rel_outer, &mentions, para_date, pi);
            let channel = channel_cue(&masked).or_else(|| self.paragraph_channel(p, s));
            let recipients = if kind == QuoteKind::Message {
                self.recipients(
                    &masked,
                    p,
                    s,
                    &context,
                    speaker.as_ref().and_then(|sp| sp.entity),
                    channel.as_ref().map(|c| c.0),
                )
            } else {
                Vec::new()
            };
            let quote = Quote {
                article: self.index,
                section: p.section,
                paragraph: pi,
                parts: vec![q.inner.clone()],
                outer: q.outer.clone(),
                kind,
                speaker,
                recipients,
                date,
                channel,
            };

            // The same speaker going on, with nothing in between to say time passed.
            if kind == QuoteKind::Message
                && let Some(last) = self.last_message
                && !broken
                && self.joinable(last, &quote, pi)
            {
                let ql = &mut self.quotes[last];
                ql.parts.push(q.inner.clone());
                ql.outer.end = q.outer.end;
                if ql.channel.is_none() {
                    ql.channel = quote.channel;
                }
                *last_in_paragraph = Some(last);
                continue;
            }

            if let Some(sp) = &quote.speaker
                && let Some(id) = sp.entity
                && self.reg.kind(id) != EntityKind::Person
            {
                self.last_org_speaker = Some(id);
            }
            self.quotes.push(quote);
            let qi = self.quotes.len() - 1;
            *last_in_paragraph = Some(qi);
            let aside = in_parentheses(&masked, rel_outer.start);
            if kind == QuoteKind::Message
                && let Some(pd) = para_date.as_mut()
            {
                pd.2 = false;
            }
            if kind == QuoteKind::Message && !aside {
                self.last_message = Some(qi);
                self.broken = false;
            }
        }

        // The narrative moves on after the sentence.
        for (r, when, aside, phrase) in &mentions {
            if !aside {
                self.anchor = Some((*when, phrase.clone(), pi));
                *para_date = Some((*when, phrase.clone(), true));
                if in_sentence
                    .iter()
                    .all(|q| q.outer.start - s.start > r.start)
                {
                    self.broken = true;
                }
            }
        }
        if in_sentence.is_empty() && NEW_MESSAGE_CUE.is_match(&masked) {
            self.broken = true;
        }
        self.absorb_names(&names);
    }

    fn joinable(&self, last: usize, next: &Quote, pi: usize) -> bool {
        let prev = &self.quotes[last];
        prev.section == next.section
            && pi.saturating_sub(prev.paragraph) <= 2
            && prev.speaker_entity().is_some()
            && prev.speaker_entity() == next.speaker_entity()
            && match (&prev.date, &next.date) {
                (Some(a), Some(b)) => a.when.date == b.when.date || b.basis >= DateBasis::Paragraph,
                _ => true,
            }
    }

    fn extend(&mut self, qi: usize, q: &QuoteSpan) {
        let target = &mut self.quotes[qi];
        target.parts.push(q.inner.clone());
        target.outer.end = target.outer.end.max(q.outer.end);
        if target.kind == QuoteKind::Mention {
            target.kind = QuoteKind::Message;
        }
    }

    fn year_hint(&self) -> (Option<i32>, Option<chrono::NaiveDate>) {
        use chrono::Datelike;
        match &self.published {
            Some(p) => (
                Some(p.date.year()),
                Some(match p.precision {
                    Precision::Month => p
                        .date
                        .checked_add_months(chrono::Months::new(1))
                        .and_then(|d| d.pred_opt())
                        .unwrap_or(p.date),
                    Precision::Year => p
                        .date
                        .with_month(12)
                        .and_then(|d| d.with_day(31))
                        .unwrap_or(p.date),
                    _ => p.date,
                }),
            ),
            None => (None, None),
        }
    }

    fn date_for(
        &self,
        masked: &str,
        rel_outer: &Range<usize>,
        mentions: &[(Range<usize>, When, bool, String)],
        para_date: &Option<(When, String, bool)>,
        pi: usize,
    ) -> Option<Dating> {
        // The nearest date phrase of the sentence, either side of the quote; an aside's date
        // ("…had published it on October 1; …") only for a quote in the aside's own clause.
        let same_clause = |r: &Range<usize>| {
            let between = if r.start >= rel_outer.end {
                &masked[rel_outer.end..r.start]
            } else {
                &masked[r.end.min(rel_outer.start)..rel_outer.start]
            };
            !between.contains([';', '(', ')', '—'])
        };
        let nearest = mentions
            .iter()
            .filter(|(r, _, aside, _)| !aside || same_clause(r))
            .min_by_key(|(r, _, _, _)| {
                if r.start >= rel_outer.end {
                    r.start - rel_outer.end
                } else {
                    rel_outer.start.saturating_sub(r.end)
                }
            });
        if let Some((_, when, _, phrase)) = nearest {
            return Some(Dating {
                when: *when,
                basis: DateBasis::Sentence,
                phrase: phrase.clone(),
            });
        }
        if let Some((when, phrase, fresh)) = para_date {
            // The time holds for the first message after the sentence that gave it
            // ("Just before midnight on September 20, … sent a message. “…”").
            return Some(Dating {
                when: if *fresh { *when } else { day_only(when) },
                basis: DateBasis::Paragraph,
                phrase: phrase.clone(),
            });
        }
        if let Some((when, phrase, from)) = &self.anchor
            && pi.saturating_sub(*from) <= CARRY_PARAGRAPHS
            && when.precision >= Precision::Day
        {
            return Some(Dating {
                when: day_only(when),
                basis: DateBasis::Context,
                phrase: phrase.clone(),
            });
        }
        self.published.map(|when| Dating {
            when,
            basis: DateBasis::Publication,
            phrase: "publication date".to_string(),
        })
    }

    fn paragraph_channel(
        &self,
        p: &Paragraph,
        upto: &Range<usize>,
    ) -> Option<(super::channel::Channel, String)> {
        let masked = masked_paragraph(self.article, p.range.start..upto.start.max(p.range.start));
        // Asides ("Stone had tweeted") do not tell how this message went.
        let own: String = masked
            .split_inclusive(['.', '!', '?'])
            .filter(|sent| !PAST_PERFECT.is_match(sent))
            .collect();
        channel_cue(&own)
    }

    fn recipients(
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
    fn sender_before(&self, before: &str, context: &[EntityId]) -> Option<Speaker> {
        static FROM: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\bfrom\s+").expect("from"));
        let from = FROM.find_iter(before).last()?;
        let name = find_names(&before[from.end()..], 0).into_iter().next()?;
        let entity = self.reg.resolve(&name.text, context)?;
        Some(Speaker {
            entity: Some(entity),
            phrase: name.text,
            basis: SpeakerBasis::Named,
        })
    }

    fn last_person_except(&self, context: &[EntityId], not: Option<EntityId>) -> Option<EntityId> {
        context
            .iter()
            .rev()
            .find(|&&id| Some(id) != not && self.reg.kind(id) == EntityKind::Person)
            .copied()
    }

    /// Entities named so far, plus those named earlier in this sentence.
    fn context_with(&self, before: &[super::names::NameMention]) -> Vec<EntityId> {
        let mut ctx = self.named.clone();
        for n in before {
            if let Some(id) = self.reg.resolve(&n.text, &ctx) {
                ctx.push(id);
            }
        }
        ctx
    }

    fn absorb_names(&mut self, names: &[super::names::NameMention]) {
        for n in names {
            if let Some(id) = self.reg.resolve(&n.text, &self.named) {
                self.named.push(id);
            }
        }
        if self.named.len() > 64 {
            self.named.drain(..self.named.len() - 64);
        }
    }

    fn resolve_speaker(&self, att: &Attribution, context: &[EntityId]) -> Speaker {
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
    fn resolve_phrase(
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

    fn last_org(&self, context: &[EntityId]) -> Option<EntityId> {
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
    fn infer_speaker(&self, masked: &str, context: &[EntityId], pi: usize) -> Option<Speaker> {
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

    /// A paragraph with no quotation marks set off after "It read:" / "X wrote:" and written
    /// in the first or second person: a block quotation.
    fn try_block_quote(&mut self, pi: usize, p: &Paragraph, previous: Option<usize>) -> bool {
        let Some(prev_i) = previous else { return false };
        if prev_i + 1 != pi || p.kind != ParagraphKind::Text {
            return false;
        }
        let prev = &self.article.paragraphs[prev_i];
        let Some(last_sentence) = prev.sentences.last().cloned().or(Some(prev.range.clone()))
        else {
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
        if !after_verb_ok || !FIRST_SECOND_PERSON.is_match(body) {
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
            if let Some(m) = SENT_BY.find_iter(&whole).last()
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
            phrase: phrase.clone(),
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
            channel: channel_cue(&masked_paragraph(self.article, prev.range.clone())),
        });
        self.last_message = Some(self.quotes.len() - 1);
        true
    }
}

fn day_only(when: &When) -> When {
    let mut w = *when;
    if w.precision == Precision::Time {
        w.precision = Precision::Day;
        w.time = None;
        w.approximate = false;
    }
    w
}

/// Is the verb that goes with the date phrase at `r` in the past perfect ("The day before,
/// Stone had tweeted")? Such a clause is an aside about earlier events. The verb is the first
/// one after the phrase in its clause, else the last one before it.
fn past_perfect_clause(masked: &str, r: &Range<usize>) -> bool {
    static VERB: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(?:had|has|have)\s+(?:\w+ly\s+|once\s+|already\s+|just\s+|also\s+|never\s+|not\s+)?(?:been\s+)?\w+|\b\w+ed\b|\b(?:wrote|sent|said|told|went|came|made|gave|took|began|broke|met|won|lost|ran|got|left|put|spoke|knew|saw|became|brought|thought|found|held|kept|paid|was|were|did|had)\b").expect("verb")
    });
    let clause_start = masked[..r.start].rfind(';').map_or(0, |i| i + 1);
    let clause_end = masked[r.end..]
        .find(';')
        .map_or(masked.len(), |i| r.end + i);
    let is_perfect = |m: &str| {
        let l = m.to_lowercase();
        l.starts_with("had ") || l.starts_with("had\n")
    };
    if let Some(m) = VERB.find(&masked[r.end..clause_end]) {
        return is_perfect(m.as_str());
    }
    VERB.find_iter(&masked[clause_start..r.start])
        .last()
        .is_some_and(|m| is_perfect(m.as_str()))
}

/// Does the writer's sentence run straight into the quote ("was “…", "Trump Jr. “…")?
fn ends_mid_clause(lead: &str) -> bool {
    let Some(last) = lead.chars().next_back() else {
        return false;
    };
    if last.is_alphanumeric() || last == '’' || last == '\'' {
        return true;
    }
    // "Trump Jr. “…": an abbreviation, not the end of a sentence.
    let word = lead.rsplit(char::is_whitespace).next().unwrap_or("");
    last == '.' && matches!(word, "Jr." | "Sr." | "Mr." | "Mrs." | "Ms." | "Dr." | "St.")
}

/// A date used as a modifier ("Trump Jr.’s June 2016 meeting", "the 2016 campaign") or a
/// bare year says when something else happened, not where the narrative is.
fn attributive(before: &str, expr: &DateExpr) -> bool {
    if matches!(expr, DateExpr::Year(_)) {
        return true;
    }
    if !matches!(
        expr,
        DateExpr::Absolute { .. } | DateExpr::PartOfMonth { .. }
    ) {
        return false;
    }
    let before = before.trim_end();
    let last = before
        .rsplit(char::is_whitespace)
        .next()
        .unwrap_or("")
        .to_lowercase();
    last.ends_with("’s")
        || last.ends_with("'s")
        || matches!(
            last.as_str(),
            "the" | "a" | "an" | "his" | "her" | "its" | "their" | "this" | "that"
        )
}

fn in_parentheses(masked: &str, at: usize) -> bool {
    let before = &masked[..at];
    before.matches('(').count() > before.matches(')').count()
}

/// The phrase as written, with the anchor a relative phrase was counted from.
fn describe(phrase: &str, expr: &DateExpr, anchor: Option<&When>) -> String {
    let phrase = crate::text::collapse_whitespace(phrase);
    match (expr, anchor) {
        (
            DateExpr::RelativeDays { .. }
            | DateExpr::RelativeMinutes { .. }
            | DateExpr::Time(_)
            | DateExpr::Weekday { .. },
            Some(a),
        ) => format!("{phrase} (after {})", a.display()),
        _ => phrase,
    }
}
