//! Second pass: one article in reading order. The walker keeps what a reader keeps in mind —
//! the date the narrative has reached, the people and organisations last named, the last
//! message and its speaker — and turns each quotation into a `Quote`.
//!
//! Choices: dates in parentheses or in past-perfect asides ("Stone had tweeted the day
//! before") date their own quotes but do not move the narrative. Consecutive quotes of one
//! speaker are one message unless something in between says time passed or a new message came
//! ("two minutes later", "wrote again", a new date).

use std::ops::Range;

use regex::Regex;

use crate::static_regex::StaticRegex;

use super::attribution;
use super::channel::channel_cue;
use super::dates::{self, When};
use super::entities::{EntityId, EntityKind, EntityRegistry};
use super::names::find_names;
pub(super) use super::quotes::masked_paragraph;
use super::quotes::{QuoteSpan, blank, find_quotes, opens_with_quote};
use super::work_title;
use super::{DateBasis, Dating, Party, Quote, QuoteKind, Speaker};
use crate::corpus::{Article, Paragraph, ParagraphKind, Section};
use crate::text::word_count;
use cues::{BACK_REFERENCE, may_refer_back, new_message_cue};

/// Quotes shorter than this, with no verb of saying next to them, are mentions.
const MESSAGE_MIN_WORDS: usize = 4;
/// How many paragraphs the narrative date and a message's speaker carry over.
const CARRY_PARAGRAPHS: usize = 2;

static PAST_PERFECT: StaticRegex = StaticRegex::new(|| {
    Regex::new(r"(?i)\bhad\s+(?:\w+ly\s+|once\s+|already\s+|just\s+|also\s+|never\s+)?(?:been\s+)?\w+(?:ed|en|wn|ne|de|id|ld|ht|ung|ook|ote|ent|lt|pt|ut|ad)\b").expect("past perfect")
});
/// Is the attribution's verb an answer ("replied", "responded", "wrote back")?
fn is_reply(masked: &str, att: &attribution::Attribution) -> bool {
    let verb = att.verb.to_lowercase();
    let back = masked[att.verb_range.end..]
        .split_whitespace()
        .next()
        .is_some_and(|w| {
            w.trim_end_matches(|c: char| !c.is_alphanumeric())
                .eq_ignore_ascii_case("back")
        });
    back || ["repl", "respond", "answer", "retort", "shot back"]
        .iter()
        .any(|v| verb.starts_with(v))
}

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
    /// Where the sentence being read starts and ends: pronouns look back from its end (its
    /// own subject first: "Fallon fired back: “…,” he wrote").
    sentence_start: usize,
    sentence_end: usize,
    /// People whose gender an honorific marked ("Mr. Ryan"), for "he" and "she".
    genders: rustc_hash::FxHashMap<EntityId, gender::GenderMark>,
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
        sentence_start: 0,
        sentence_end: 0,
        genders: Default::default(),
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

mod block;
mod cues;
mod embed;
mod gender;
mod people;
mod they;
mod turn;
use people::names_the_message;
mod when;

use when::{about_something_else, attributive, describe, in_parentheses, past_perfect_clause};

impl Walker<'_> {
    fn paragraph(&mut self, pi: usize, p: &Paragraph, previous: Option<usize>) {
        if self.is_signature(pi) || self.try_embedded_post(pi, p) || self.try_transcript_turn(pi, p)
        {
            return;
        }
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
        let sentences: Vec<Range<usize>> = if p.sentence_ranges.is_empty() {
            vec![p.range.clone()]
        } else {
            p.sentences().collect()
        };
        let mut para_date: Option<(When, String, bool)> = None;
        let mut last_in_paragraph: Option<usize> = None;
        for s in sentences {
            // Spans are in text order and do not overlap: the ones a sentence needs are found
            // by bisection, so a paragraph of many sentences and quotes stays linear.
            let starts = spans.partition_point(|q| q.outer.start < s.start);
            let ends = spans.partition_point(|q| q.outer.start < s.end);
            let in_sentence: Vec<&QuoteSpan> = spans[starts..ends].iter().collect();
            let first = spans.partition_point(|q| q.inner.end <= s.start);
            let last = spans.partition_point(|q| q.inner.start < s.end).max(first);
            self.sentence(
                pi,
                p,
                &s,
                &in_sentence,
                &spans[first..last],
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
        self.sentence_start = s.start;
        self.sentence_end = s.end;
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
        // Dates after the article's publication ("the June 7 primary"): they date nothing and
        // move no narrative, but break a run of quotes as any date does.
        let mut ahead: Vec<Range<usize>> = Vec::new();
        for m in dates::scan(&masked) {
            let published = self.published.as_ref();
            let Some(when) = dates::resolve_in(&m.expr, m.tense, running.as_ref(), published)
            else {
                continue;
            };
            let aside = past_perfect_clause(&masked, &m.range)
                || in_parentheses(&masked, m.range.start)
                || attributive(&masked[..m.range.start], &m.expr);
            if dates::after_publication(&when, published) {
                if !aside {
                    ahead.push(m.range.clone());
                }
                continue;
            }
            let phrase = describe(&masked[m.range.clone()], &m.expr, running.as_ref());
            if !aside {
                running = Some(when);
            }
            mentions.push((m.range.clone(), when, aside, phrase));
        }

        // Names, for pronouns and ambiguous surnames later.
        let names = find_names(&masked, 0);

        // A back-reference ("The message was sent at 9:29 am on July 11.") dates the last
        // message rather than the narrative. With no message just before, the same words
        // introduce one ("The first message came on September 20, 2016, when …"): the date is
        // the narrative's.
        let recent = self
            .last_message
            .filter(|&last| pi.saturating_sub(self.quotes[last].paragraph) <= 2);
        if in_sentence.is_empty()
            && may_refer_back(&masked)
            && BACK_REFERENCE.get().is_match(&masked)
            && let (Some(last), Some((_, when, _, phrase))) = (recent, mentions.last())
        {
            let q = &mut self.quotes[last];
            let better = q.date.as_ref().is_none_or(|d| {
                d.basis > DateBasis::BackReference
                    || when.precision > d.when.precision && d.when.date == when.date
            });
            if better {
                q.date = Some(Dating {
                    when: *when,
                    basis: DateBasis::BackReference,
                    phrase: phrase.clone().into(),
                });
            }
            if p.kind == ParagraphKind::Text {
                self.absorb_names(&names);
            }
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
                || ahead.iter().any(|r| r.start < rel_outer.start)
                || new_message_cue(&masked[..rel_outer.start]);
            let broken = self.broken || breaks_here;

            let att = attribution::attribute(&masked, &rel_outer);
            let words = word_count(self.article.slice(&q.inner));
            let standalone = masked[..rel_outer.start].trim().is_empty()
                && masked[rel_outer.end.min(masked.len())..]
                    .trim_matches(|c: char| c.is_whitespace() || c.is_ascii_punctuation())
                    .is_empty();

            // `his book “…”`, `CNN’s “…”`: a title names a work; nobody said it.
            if att.as_ref().is_none_or(|a| !a.adjacent)
                && work_title::is_work_title(
                    &masked[..rel_outer.start],
                    self.article.slice(&q.inner),
                    &masked[rel_outer.end.min(masked.len())..],
                )
            {
                continue;
            }
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
                } else if sp.entity.is_none() && names_the_message(&sp.phrase) {
                    self.sender_of_message(&sp.phrase, p, s, &context)
                        .unwrap_or(sp)
                } else {
                    sp
                }
            });
            let unresolved =
                |sp: &Option<Speaker>| sp.as_ref().is_none_or(|sp| sp.entity.is_none());
            // "Oct. 3, 2016, 2:52 a.m. — Trump Jr.: “…”": a transcript's turn.
            let mut labelled_turn = false;
            if kind == QuoteKind::Message
                && unresolved(&speaker)
                && colon_intro
                && !att.as_ref().is_some_and(|a| a.adjacent)
                && let Some(label) = self.transcript_label(lead, &names, &context)
            {
                speaker = Some(label);
                labelled_turn = true;
            }
            if kind == QuoteKind::Message && unresolved(&speaker) {
                let opens_paragraph = self
                    .article
                    .slice(&(p.range.start..q.outer.start))
                    .trim()
                    .is_empty();
                speaker = self
                    .infer_speaker(&masked, &context, pi, opens_paragraph)
                    .or(speaker);
            }
            // Quoted words in the writer's clause ("Trump pledged to make Apple “…”") are the
            // words of the clause's subject when nothing else names a speaker.
            if kind == QuoteKind::Mention && speaker.is_none() {
                speaker = self.subject_speaker(&masked, &rel_outer, &context);
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
            // A reply, or a turn of a transcript, goes to whoever sent the message before.
            let answers = labelled_turn || att.as_ref().is_some_and(|a| is_reply(&masked, a));
            let recipients = if recipients.is_empty() && kind == QuoteKind::Message && answers {
                self.replied_to(pi, speaker.as_ref().and_then(|sp| sp.entity))
                    .map_or_else(Vec::new, |r| vec![Party::Entity(r)])
            } else {
                recipients
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
                channel: channel.map(|(c, cue)| (c, cue.into_boxed_str())),
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
        if ahead.iter().any(|r| {
            in_sentence
                .iter()
                .all(|q| q.outer.start - s.start > r.start)
        }) {
            self.broken = true;
        }
        for (r, when, aside, phrase) in &mentions {
            if !aside {
                self.anchor = Some((*when, phrase.clone(), pi));
                if !about_something_else(&masked, r, when) {
                    *para_date = Some((*when, phrase.clone(), true));
                }
                if in_sentence
                    .iter()
                    .all(|q| q.outer.start - s.start > r.start)
                {
                    self.broken = true;
                }
            }
        }
        if in_sentence.is_empty() && new_message_cue(&masked) {
            self.broken = true;
        }
        if p.kind == ParagraphKind::Text {
            self.absorb_names(&names);
        }
    }

    /// The sender of the message just before (within [`CARRY_PARAGRAPHS`]), whom a reply
    /// answers, unless the reply is from that sender.
    pub(super) fn replied_to(&self, pi: usize, speaker: Option<EntityId>) -> Option<EntityId> {
        let last = &self.quotes[self.last_message?];
        let sender = last.speaker_entity()?;
        (pi.saturating_sub(last.paragraph) <= CARRY_PARAGRAPHS && Some(sender) != speaker)
            .then_some(sender)
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

    /// The channel named by the sentence just before the quote's, in the same paragraph
    /// ("…sent a private direct message to X. “…,” X wrote."), unless that sentence is an
    /// aside ("Stone had tweeted").
    fn paragraph_channel(
        &self,
        p: &Paragraph,
        upto: &Range<usize>,
    ) -> Option<(super::channel::Channel, String)> {
        let previous = p.sentences().rev().find(|r| r.end <= upto.start)?;
        let masked = masked_paragraph(self.article, previous);
        if PAST_PERFECT.get().is_match(&masked) {
            return None;
        }
        channel_cue(&masked)
    }
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
