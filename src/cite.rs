//! Citations: a quote, a source's excerpt or a passage of an article, with who said it to
//! whom, by which channel and when, and the article that reported it — written in one of the
//! styles investigators paste into their drafts ([`CitationStyle`]).
//!
//! Only what the case knows is written: a message dated by nothing but the article's
//! publication date gets no date of its own, and an article without front matter no URL.

use std::ops::Range;

use chrono::Datelike;

use crate::Case;
use crate::config::CitationStyle;
use crate::extract::DateBasis;
use crate::timeline::{Event, Source};
use crate::when::{Precision, When};

/// What a citation says, before it is written in a style.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Citation {
    /// The words quoted, white space collapsed.
    pub text: String,
    /// The message's sender, when the words are a message.
    pub sender: Option<String>,
    pub recipients: Vec<String>,
    /// "direct message", "tweet"...
    pub channel: Option<String>,
    /// When the message was sent (not the article's publication date).
    pub date: Option<When>,
    /// The article that reported the words.
    pub outlet: Option<String>,
    pub author: Option<String>,
    pub title: String,
    pub published: Option<When>,
    pub url: Option<String>,
}

impl Citation {
    /// The words of `source` (as that article has them), cited as `event`'s message.
    pub fn of_source(case: &Case, event: &Event, source: &Source) -> Citation {
        let text = source.text(&case.articles[source.article]);
        Citation::new(case, Some(event), source.article, text)
    }

    /// The event's text, as reported by `source` (its article is the one cited).
    pub fn of_event(case: &Case, event: &Event, source: &Source) -> Citation {
        Citation::new(case, Some(event), source.article, event.text.clone())
    }

    /// The words at `ranges` of article `article` (a passage the reader marked), cited as
    /// `event`'s message when they are one.
    pub fn of_passage(
        case: &Case,
        article: usize,
        ranges: &[Range<usize>],
        event: Option<&Event>,
    ) -> Citation {
        let a = &case.articles[article];
        let parts: Vec<String> = ranges
            .iter()
            .map(|r| crate::text::collapse_whitespace(a.slice(r)))
            .collect();
        Citation::new(case, event, article, parts.join(" … "))
    }

    fn new(case: &Case, event: Option<&Event>, article: usize, text: String) -> Citation {
        let a = &case.articles[article];
        let text = text
            .trim()
            .trim_start_matches(['“', '"'])
            .trim_end_matches(['”', '"'])
            .trim()
            .to_string();
        Citation {
            text,
            sender: event.map(|e| case.sender_name(e)),
            recipients: event.map(|e| case.recipient_names(e)).unwrap_or_default(),
            channel: event
                .and_then(|e| e.channel)
                .map(|c| c.as_str().replace('-', " ")),
            date: event
                .filter(|e| e.date_basis != Some(DateBasis::Publication))
                .and_then(|e| e.when),
            outlet: a.meta.outlet.clone(),
            author: a.meta.author.clone(),
            title: a.meta.title.clone(),
            published: a.meta.published,
            url: a.meta.url.clone(),
        }
    }

    /// The citation written in `style`.
    pub fn render(&self, style: CitationStyle) -> String {
        match style {
            CitationStyle::Plain => self.plain(),
            CitationStyle::Markdown => self.markdown(),
            CitationStyle::Chicago => self.chicago(),
        }
    }

    /// "A to B, C" or "A".
    fn who(&self) -> Option<String> {
        let sender = self.sender.as_ref()?;
        Some(if self.recipients.is_empty() {
            sender.clone()
        } else {
            format!("{sender} to {}", self.recipients.join(", "))
        })
    }

    /// The message part: "A to B, direct message, 2016-10-03".
    fn message(&self, date: impl Fn(&When) -> String) -> Vec<String> {
        let mut parts: Vec<String> = self.who().into_iter().collect();
        parts.extend(self.channel.clone());
        parts.extend(self.date.as_ref().map(&date));
        parts
    }

    /// The article part: "The Atlantic, “Title”, 2017-11-13, URL".
    fn source(&self, link: bool) -> Vec<String> {
        let mut parts: Vec<String> = self.outlet.clone().into_iter().collect();
        parts.push(format!("“{}”", self.title));
        if link && let Some(url) = &self.url {
            let label = parts.join(", ");
            parts = vec![format!("[{label}]({url})")];
        }
        parts.extend(self.published.as_ref().map(When::display));
        if !link {
            parts.extend(self.url.clone());
        }
        parts
    }

    fn plain(&self) -> String {
        let message = self.message(When::display);
        let source = self.source(false).join(", ");
        if message.is_empty() {
            format!("“{}” — {source}", self.text)
        } else {
            format!(
                "“{}” — {} (as quoted by {source})",
                self.text,
                message.join(", ")
            )
        }
    }

    fn markdown(&self) -> String {
        let message = self.message(When::display);
        let source = self.source(true).join(", ");
        let quote: Vec<String> = self.text.lines().map(|l| format!("> {l}")).collect();
        let by = if message.is_empty() {
            source
        } else {
            format!("{}, as quoted by {source}", message.join(", "))
        };
        format!("{}\n>\n> — {by}", quote.join("\n"))
    }

    /// A Chicago-style note: `“…” A, direct message to B, October 3, 2016, quoted in Author,
    /// “Title,” Outlet, November 13, 2017, URL.`
    fn chicago(&self) -> String {
        let mut parts = Vec::new();
        if let Some(sender) = &self.sender {
            let mut s = sender.clone();
            match (&self.channel, self.recipients.is_empty()) {
                (Some(c), false) => s.push_str(&format!(", {c} to {}", self.recipients.join(", "))),
                (Some(c), true) => s.push_str(&format!(", {c}")),
                (None, false) => s.push_str(&format!(" to {}", self.recipients.join(", "))),
                (None, true) => {}
            }
            parts.push(s);
            parts.extend(self.date.as_ref().map(long_date));
        }
        let mut article = String::new();
        if !parts.is_empty() {
            article.push_str("quoted in ");
        }
        if let Some(a) = &self.author {
            article.push_str(&format!("{a}, "));
        }
        // Chicago puts the comma inside the quotation marks.
        article.push_str(&format!("“{},”", self.title));
        let mut tail: Vec<String> = self.outlet.clone().into_iter().collect();
        tail.extend(self.published.as_ref().map(long_date));
        tail.extend(self.url.clone());
        if !tail.is_empty() {
            article.push(' ');
            article.push_str(&tail.join(", "));
        } else {
            article.pop();
            article.pop();
            article.push('”');
        }
        parts.push(article);
        format!("“{}” {}.", self.text, parts.join(", "))
    }
}

/// "October 3, 2016", "October 2016", "2016"; "about …" when approximate.
fn long_date(w: &When) -> String {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    let d = w.date;
    let month = MONTHS[d.month0() as usize];
    let s = match w.precision {
        Precision::Year => d.year().to_string(),
        Precision::Month => format!("{month} {}", d.year()),
        Precision::Day | Precision::Time => format!("{month} {}, {}", d.day(), d.year()),
    };
    if w.approximate {
        format!("about {s}")
    } else {
        s
    }
}

#[cfg(test)]
mod tests;
