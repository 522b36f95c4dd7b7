//! Transcript turns without quotation marks: a paragraph opening with its speaker's label
//! (`TAPPER: Do you think…`, `Jane Roe: Well, I think…`), as interviews are printed. Each turn
//! is the labelled person's words. A label quoting its words (`Roe: “…”`) is read by the
//! sentence walk instead.

use super::Walker;
use super::block::FIRST_SECOND_PERSON;
use crate::corpus::{Paragraph, ParagraphKind};
use crate::extract::entities::EntityKind;
use crate::extract::names::{find_names, title_cased};
use crate::extract::work_title::headline_case;
use crate::extract::{Party, Quote, QuoteKind, Speaker, SpeakerBasis};

/// A label is a name of at most this many words.
const LABEL_WORDS: usize = 4;

/// The label opening `text` (`TAPPER`, `Jane Roe`) and where the turn's words start, when the
/// words are not themselves in quotation marks.
fn label_of(text: &str) -> Option<(&str, usize)> {
    let lead = text.len() - text.trim_start().len();
    let colon = text[lead..].find(':')? + lead;
    let label = text[lead..colon].trim();
    let words: Vec<&str> = label.split_whitespace().collect();
    if words.is_empty() || words.len() > LABEL_WORDS {
        return None;
    }
    // Every word a capitalised name word: "JAKE TAPPER", "Mr. Roe", "Jane Roe".
    let name_like = words.iter().all(|w| {
        w.starts_with(|c: char| c.is_uppercase())
            && w.chars()
                .all(|c| c.is_alphabetic() || matches!(c, '.' | '\'' | '’' | '-'))
    });
    let rest = &text[colon + 1..];
    let start = colon + 1 + (rest.len() - rest.trim_start().len());
    let words_follow = rest.starts_with(char::is_whitespace)
        && text[start..].starts_with(|c: char| c.is_alphanumeric());
    (name_like && words_follow).then_some((label, start))
}

/// "JAKE TAPPER" as a name is written: "Jake Tapper"; mixed case stays.
fn as_written(label: &str) -> String {
    if label.chars().any(char::is_lowercase) {
        label.to_string()
    } else {
        title_cased(label)
    }
}

impl Walker<'_> {
    /// A paragraph that is one labelled turn of a transcript, whose label names a person the
    /// case knows: the whole turn becomes that person's quote.
    pub(super) fn try_transcript_turn(&mut self, pi: usize, p: &Paragraph) -> bool {
        if p.kind != ParagraphKind::Text {
            return false;
        }
        let text = self.article.slice(&p.range);
        let Some((label, start)) = label_of(text) else {
            return false;
        };
        // Someone speaking says I, we or you, or asks; a list of labelled items
        // ("Sanders: Win in a walk.") or a headline ("Roe: Plan Is Dead") does neither.
        let body = &text[start..];
        if !(FIRST_SECOND_PERSON.get().is_match(body) || body.contains('?')) || headline_case(body)
        {
            return false;
        }
        let written = as_written(label);
        let names = find_names(&written, 0);
        let Some(name) = names.iter().find(|n| n.range == (0..written.len())) else {
            return false;
        };
        let Some(id) = self.reg.resolve(&name.text, &self.named) else {
            return false;
        };
        if self.reg.kind(id) != EntityKind::Person {
            return false;
        }
        let words = p.range.start + start..p.range.end;
        let date = self.context_date(pi);
        let recipients = self
            .replied_to(pi, Some(id))
            .map_or_else(Vec::new, |r| vec![Party::Entity(r)]);
        self.quotes.push(Quote {
            article: self.index,
            section: p.section,
            paragraph: pi,
            parts: vec![words.clone()],
            outer: words,
            kind: QuoteKind::Unquoted,
            speaker: Some(Speaker {
                entity: Some(id),
                phrase: label.into(),
                basis: SpeakerBasis::Named,
            }),
            recipients,
            date,
            channel: None,
        });
        self.last_message = Some(self.quotes.len() - 1);
        self.named.push(id);
        true
    }
}

#[cfg(test)]
mod tests {
    use super::{as_written, label_of};

    #[test]
    fn labels_are_names_before_a_colon_and_words() {
        assert_eq!(label_of("TAPPER: Do you think so?"), Some(("TAPPER", 8)));
        assert_eq!(
            label_of("Jane Roe: Well, I think so."),
            Some(("Jane Roe", 10))
        );
        // Quoted words are read by the sentence walk; a time or a sentence is no label.
        assert_eq!(label_of("ROE: “I think so.”"), None);
        assert_eq!(label_of("At 9:30 the hearing began."), None);
        assert_eq!(label_of("The plan is simple: win Ohio."), None);
        assert_eq!(as_written("JAKE TAPPER"), "Jake Tapper");
        assert_eq!(as_written("McDonald"), "McDonald");
    }
}
