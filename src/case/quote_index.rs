//! The quote index written from an opened case: each quote as a search hit shows it
//! ([`QuoteRecord`], stored by `cache::quotes`), built here, above the cache, from the case.

use std::borrow::Cow;

use serde::Serialize;

use crate::cache::quotes::QuoteRecord;
use crate::case::Case;
use crate::corpus::LoadIssue;

impl QuoteRecord<'static> {
    /// Quote `qi` of an opened case.
    pub fn of(case: &Case, qi: usize) -> QuoteRecord<'static> {
        let q = &case.quotes[qi];
        let a = &case.articles[q.article];
        QuoteRecord {
            text: Cow::Owned(q.text(a)),
            outlet: a.meta.outlet.clone().map(Cow::Owned),
            article: Cow::Owned(a.id.clone()),
            section: q.section,
            date: q.date.as_ref().map(|d| Cow::Owned(d.when.display())),
            speaker: q.speaker.as_ref().map(|s| {
                Cow::Owned(match s.entity {
                    Some(id) => case.entities.name(id).to_string(),
                    None => s.phrase.to_string(),
                })
            }),
            event: case.event_of_quote(qi).map(|e| Cow::Owned(e.id.clone())),
            start: q.outer.start,
            end: q.outer.end,
        }
    }
}

/// What [`QuoteIndex`] is written from: each record built as it is written, so the index of
/// a large case (358,000 quotes at 50,000 articles) is never held whole beside the case.
#[derive(Serialize)]
pub(crate) struct QuoteIndexOf<'c> {
    records: RecordsOf<'c>,
    issues: &'c [LoadIssue],
}

impl<'c> QuoteIndexOf<'c> {
    pub(crate) fn new(case: &'c Case, issues: &'c [LoadIssue]) -> Self {
        QuoteIndexOf {
            records: RecordsOf(case),
            issues,
        }
    }
}

/// Every quote's [`QuoteRecord`], serialized as a sequence (a `Vec` when read back).
struct RecordsOf<'c>(&'c Case);

impl Serialize for RecordsOf<'_> {
    fn serialize<S: serde::Serializer>(&self, serializer: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeSeq;
        let mut seq = serializer.serialize_seq(Some(self.0.quotes.len()))?;
        for qi in 0..self.0.quotes.len() {
            seq.serialize_element(&QuoteRecord::of(self.0, qi))?;
        }
        seq.end()
    }
}
