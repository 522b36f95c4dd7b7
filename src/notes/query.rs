//! Questions the views ask of the notes: tags and their counts, tag completion, backlinks,
//! starred items, and a filter for the list of all notes. All read the in-memory notes; none
//! touches the disk.

use super::item::ItemRef;
use super::model::{Link, NoteFile, Status};
use super::store::NotesStore;

/// A tag and how many items carry it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TagCount {
    pub tag: String,
    pub count: usize,
}

/// Another item pointing at this one.
#[derive(Debug, Clone, PartialEq)]
pub enum Backlink<'a> {
    /// `from` links here with this relation.
    Link { from: &'a ItemRef, link: &'a Link },
    /// `from`'s verification cites this item as support.
    Supports { from: &'a ItemRef, status: Status },
}

impl Backlink<'_> {
    pub fn from(&self) -> &ItemRef {
        match self {
            Backlink::Link { from, .. } | Backlink::Supports { from, .. } => from,
        }
    }
}

/// Which notes to show. Every condition given must hold.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct NoteFilter {
    pub tag: Option<String>,
    pub starred: bool,
    pub status: Option<Status>,
    /// Words to find (case-insensitive) in the item, tags, annotations, verification and
    /// link relations.
    pub text: Option<String>,
}

impl NoteFilter {
    pub fn matches(&self, f: &NoteFile) -> bool {
        if let Some(tag) = &self.tag
            && !f.has_tag(tag)
        {
            return false;
        }
        if self.starred && !f.star {
            return false;
        }
        if let Some(st) = self.status
            && f.verification.as_ref().map(|v| v.status) != Some(st)
        {
            return false;
        }
        match &self.text {
            Some(q) if !q.trim().is_empty() => {
                let fields = searchable(f);
                q.to_lowercase()
                    .split_whitespace()
                    .all(|w| fields.iter().any(|field| contains_folded(field, w)))
            }
            _ => true,
        }
    }

    pub fn is_empty(&self) -> bool {
        *self == NoteFilter::default()
    }
}

/// Everything a search looks in, borrowed: an annotation may be hundreds of megabytes, and
/// a copy of it for every key typed in the notes list would freeze the screen.
fn searchable(f: &NoteFile) -> Vec<std::borrow::Cow<'_, str>> {
    use std::borrow::Cow;
    let mut out = vec![Cow::Owned(f.item.spec())];
    out.extend(f.item.words().into_iter().map(Cow::Borrowed));
    out.extend(f.tags.iter().map(|t| Cow::Borrowed(t.as_str())));
    out.extend(f.annotations.iter().map(|a| Cow::Borrowed(a.text.as_str())));
    if let Some(v) = &f.verification {
        out.push(Cow::Borrowed(v.status.as_str()));
        out.push(Cow::Borrowed(v.reason.as_str()));
    }
    out.extend(f.links.iter().map(|l| Cow::Borrowed(l.relation.label())));
    out
}

/// Whether `hay` contains `word` (lowercase), ignoring case. An ASCII word is found without
/// copying `hay` (memchr on its first letter, either case); another lowercases `hay`.
fn contains_folded(hay: &str, word: &str) -> bool {
    if !word.is_ascii() {
        return hay.to_lowercase().contains(word);
    }
    let (h, w) = (hay.as_bytes(), word.as_bytes());
    let Some(&first) = w.first() else {
        return true;
    };
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), h).any(|i| {
        h.get(i..i + w.len())
            .is_some_and(|s| s.eq_ignore_ascii_case(w))
    })
}

impl NotesStore {
    /// Every tag with the number of items that carry it, by tag.
    pub fn tags(&self) -> Vec<TagCount> {
        let mut counts: std::collections::BTreeMap<&str, usize> = Default::default();
        for (_, f) in self.iter() {
            for t in &f.tags {
                *counts.entry(t).or_default() += 1;
            }
        }
        counts
            .into_iter()
            .map(|(tag, count)| TagCount {
                tag: tag.to_string(),
                count,
            })
            .collect()
    }

    /// Existing tags starting with `prefix` (case-insensitive), most used first.
    pub fn complete_tag(&self, prefix: &str) -> Vec<String> {
        let p = prefix.trim().to_lowercase();
        let mut hits: Vec<TagCount> = self
            .tags()
            .into_iter()
            .filter(|t| t.tag.to_lowercase().starts_with(&p))
            .collect();
        hits.sort_by(|a, b| b.count.cmp(&a.count).then_with(|| a.tag.cmp(&b.tag)));
        hits.into_iter().map(|t| t.tag).collect()
    }

    /// Links to `item` from other items, and verifications that cite it.
    pub fn backlinks(&self, item: &ItemRef) -> Vec<Backlink<'_>> {
        let mut out = Vec::new();
        for (_, f) in self.iter() {
            for link in &f.links {
                if link.to.same_item(item) {
                    out.push(Backlink::Link {
                        from: &f.item,
                        link,
                    });
                }
            }
            if let Some(v) = &f.verification
                && v.sources.iter().any(|s| s.same_item(item))
            {
                out.push(Backlink::Supports {
                    from: &f.item,
                    status: v.status,
                });
            }
        }
        out
    }

    /// Starred items' notes.
    pub fn starred(&self) -> Vec<&NoteFile> {
        self.filter(&NoteFilter {
            starred: true,
            ..NoteFilter::default()
        })
    }

    /// Notes of items carrying `tag`.
    pub fn with_tag(&self, tag: &str) -> Vec<&NoteFile> {
        self.filter(&NoteFilter {
            tag: Some(tag.to_string()),
            ..NoteFilter::default()
        })
    }

    /// Notes matching `filter`, in key order.
    pub fn filter(&self, filter: &NoteFilter) -> Vec<&NoteFile> {
        self.iter()
            .map(|(_, f)| f)
            .filter(|f| filter.matches(f))
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::contains_folded;

    #[test]
    fn words_are_found_in_any_case_without_a_copy() {
        assert!(contains_folded("The PAC is Recycled", "recycled"));
        assert!(contains_folded("The PAC is Recycled", "pac"));
        assert!(!contains_folded("The PAC is Recycled", "pack"));
        assert!(contains_folded("Ça alors", "ça"));
        assert!(contains_folded("x", ""));
        let huge = "no needle here ".repeat(1_000_000) + "Needle";
        assert!(contains_folded(&huge, "needle"));
    }
}
