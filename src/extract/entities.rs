//! Folding the names of a corpus into entities: "Donald Trump Jr." / "Trump Jr." / "Don Jr." /
//! "Trump, Jr." are one person, "WikiLeaks" / "Wikileaks" one organisation.
//!
//! Aliases are learned from the corpus by general rules (case, suffix of a longer name, a
//! surname alone, a familiar first name with a generational suffix) and can be added by the
//! investigator in `corpus/entities.ron`. A name is resolved in the context of one article
//! first, so "Mr Brown" in a sports story does not become the chancellor of a politics story.

use rustc_hash::FxHashMap;
use std::path::Path;
use std::sync::OnceLock;

use serde::{Deserialize, Serialize};

use crate::error::CaseError;
pub use crate::extract::census::NameCensus;
use crate::extract::census::NameForms;
pub use crate::extract::names::name_key;
use crate::extract::names::{Gender, title_cased};

/// Index of an entity in the registry.
pub type EntityId = usize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub enum EntityKind {
    Person,
    Organisation,
    /// Seen only as a single capitalised word: a place, an outlet, a group, a surname.
    Unknown,
}

/// A person or organisation, with every form of its name seen or declared.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Entity {
    pub name: String,
    pub kind: EntityKind,
    pub aliases: Vec<String>,
    /// Descriptions it was given in apposition ("the Republican nominee’s oldest son").
    pub descriptions: Vec<String>,
}

/// The optional `corpus/entities.ron`: extra aliases from the investigator.
#[derive(Debug, Clone, Default, Deserialize, Serialize)]
pub struct EntitiesFile {
    pub entities: Vec<DeclaredEntity>,
}

#[derive(Debug, Clone, Deserialize, Serialize)]
pub struct DeclaredEntity {
    pub name: String,
    #[serde(default)]
    pub kind: Option<EntityKind>,
    #[serde(default)]
    pub aliases: Vec<String>,
}

impl EntitiesFile {
    /// Reads `path`; a file that does not parse is an error with its line and column.
    pub fn load(path: &Path) -> Result<EntitiesFile, CaseError> {
        let text = std::fs::read_to_string(path).map_err(|source| CaseError::Io {
            path: path.to_path_buf(),
            source,
        })?;
        ron::from_str(&text).map_err(|e| CaseError::Entities {
            path: path.to_path_buf(),
            line: e.span.start.line,
            column: e.span.start.col,
            message: e.code.to_string(),
        })
    }
}

const SUFFIXES: &[&str] = &["jr", "sr", "ii", "iii", "iv"];

mod words;
use words::*;

/// A name split into given/family words and a generational suffix; initials dropped.
#[derive(Debug, Clone, PartialEq, Eq)]
struct NameParts {
    words: Vec<String>,
    suffix: Option<String>,
}

fn parts(key: &str) -> NameParts {
    let mut words: Vec<String> = key.split(' ').map(str::to_string).collect();
    let suffix = match words.last() {
        Some(w) if words.len() > 1 && SUFFIXES.contains(&w.as_str()) => words.pop(),
        _ => None,
    };
    if words.len() > 2 {
        // Middle initials do not tell people apart: "Donald J Trump" is "Donald Trump".
        let last = words.len() - 1;
        let mut i = 0;
        words.retain(|w| {
            let keep = i == 0 || i == last || w.chars().count() > 1;
            i += 1;
            keep
        });
    }
    NameParts { words, suffix }
}

fn given_names_match(short: &str, full: &str) -> bool {
    short == full
        || NICKNAMES
            .iter()
            .any(|(nick, formal)| *nick == short && *formal == full)
}

/// How a mention's words relate to an entity's full name.
fn is_alias_of(mention: &NameParts, full: &NameParts) -> bool {
    if mention.suffix != full.suffix || mention.words.is_empty() {
        return false;
    }
    if mention.words.len() >= full.words.len() {
        return false;
    }
    // "Trump Jr." of "Donald Trump Jr.", "Ioffe" of "Julia Ioffe": a tail of the full name.
    if full.words.ends_with(&mention.words) {
        return true;
    }
    // "Don Jr." of "Donald Trump Jr.": a (familiar) given name with the suffix.
    mention.suffix.is_some()
        && mention.words.len() == 1
        && given_names_match(&mention.words[0], &full.words[0])
}

fn guess_kind(display: &str, parts: &NameParts, titled: bool) -> EntityKind {
    let lower_words: Vec<&str> = parts.words.iter().map(String::as_str).collect();
    if lower_words.iter().any(|w| ORG_WORDS.contains(w)) {
        return EntityKind::Organisation;
    }
    // "South Carolina", "African American", "Former Nevada": a place or a people, not
    // someone, whatever title stood before it.
    if lower_words
        .last()
        .is_some_and(|w| NOT_PERSON_TAILS.contains(w))
    {
        return EntityKind::Unknown;
    }
    if titled || parts.suffix.is_some() {
        return EntityKind::Person;
    }
    if parts.words.len() >= 2 {
        if NOT_GIVEN_NAMES.contains(&lower_words[0]) {
            return EntityKind::Organisation;
        }
        return EntityKind::Person;
    }
    // One word: "WikiLeaks", "NYT", "CIA" read as organisations; a first name that marks a
    // sex ("Bob", a source known by first name only) as someone, unless it is as often a
    // town's name; others stay unknown.
    let inner_caps = display.chars().skip(1).any(char::is_uppercase);
    if inner_caps {
        EntityKind::Organisation
    } else if Gender::of_first_name(display).is_some()
        && !lower_words
            .first()
            .is_some_and(|w| GIVEN_NAMES_OF_PLACES.contains(w))
    {
        EntityKind::Person
    } else {
        EntityKind::Unknown
    }
}

/// All entities of a case and how to find one from a name as written.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct EntityRegistry {
    pub entities: Vec<Entity>,
    by_key: FxHashMap<String, EntityId>,
    /// Ambiguous short forms ("Trump" with two full names): every candidate.
    candidates: FxHashMap<String, Vec<EntityId>>,
    mentions: Vec<usize>,
    /// Last word of a description (ASCII lowercase) -> the entities described with it, in
    /// order. Built on first use: the walker asks for every "the president’s son" it reads,
    /// and scanning every entity each time cost ~4% of opening a 10,000-article case.
    #[serde(skip)]
    heads: OnceLock<FxHashMap<String, Vec<EntityId>>>,
}

impl EntityRegistry {
    /// Folds a census (and the investigator's declarations, which win) into entities.
    pub fn build(census: &NameCensus, declared: &EntitiesFile) -> EntityRegistry {
        let mut reg = EntityRegistry::default();
        let mut by_last_word: FxHashMap<String, Vec<EntityId>> = FxHashMap::default();
        let mut by_suffix: FxHashMap<String, Vec<EntityId>> = FxHashMap::default();
        let mut entity_parts: Vec<NameParts> = Vec::new();
        for d in &declared.entities {
            let id = reg.add_entity(&d.name, d.kind.unwrap_or(EntityKind::Unknown), 0);
            index_parts(
                &mut by_last_word,
                &mut by_suffix,
                &mut entity_parts,
                id,
                parts(&name_key(&d.name)),
            );
            for alias in &d.aliases {
                reg.by_key.insert(name_key(alias), id);
                reg.entities[id].aliases.push(alias.clone());
            }
        }
        // Longest names first, so short forms fold into them. The sort keys are worked out
        // once per name; keys are unique, so the order is total.
        let mut names: Vec<(usize, usize, &str, &NameForms, NameParts)> = census
            .seen
            .iter()
            .map(|(key, forms)| {
                let p = parts(key);
                let len = p.words.len() + usize::from(p.suffix.is_some());
                (len, forms.total(), &**key, forms, p)
            })
            .collect();
        names.sort_unstable_by(|a, b| b.0.cmp(&a.0).then(b.1.cmp(&a.1)).then(a.2.cmp(b.2)));
        // A name seen only opening sentences, whose first word reads as an adverb or a verb
        // form and whose other words are a name seen in running text ("Wherever Hillary
        // Clinton", "Using Ted Cruz"): the first word is the sentence's, capitalised by
        // position. It is that name; it never becomes a long form.
        let mut opened: Vec<(&str, &str, usize)> = Vec::new();
        for (_, count, key, forms, p) in names {
            if let Some((first, tail)) = key.split_once(' ')
                && ["ly", "ing", "ed", "ever", "ally"]
                    .iter()
                    .any(|e| first.ends_with(e))
                && !census.mid_sentence.contains(key)
                && forms.titled == 0
                && census.mid_sentence.contains(tail)
            {
                opened.push((key, tail, count));
                continue;
            }
            let titled = &forms.titled;
            // The form most articles use ("WikiLeaks" over one outlet's "Wikileaks"); one
            // in capitals only as a last resort ("JAKE TAPPER" labelling a transcript).
            let cased = |f: &str| f.chars().any(char::is_lowercase);
            let display = forms
                .forms
                .iter()
                .max_by(|a, b| {
                    cased(&a.0)
                        .cmp(&cased(&b.0))
                        .then_with(|| a.1.cmp(&b.1))
                        .then_with(|| a.0.len().cmp(&b.0.len()))
                        .then_with(|| b.0.cmp(&a.0))
                })
                .map(|(f, _)| f.to_string())
                .unwrap_or_else(|| key.to_string());
            if let Some(&id) = reg.by_key.get(key) {
                reg.mentions[id] += count;
                reg.note_alias(id, &display);
                continue;
            }
            // Only entities that share the last word, or the generational suffix, can be the
            // full form of this name: look those up instead of scanning every entity.
            let mut cands: Vec<EntityId> = Vec::new();
            if let Some(last) = p.words.last() {
                cands.extend(by_last_word.get(last).into_iter().flatten());
            }
            if let Some(sfx) = &p.suffix {
                cands.extend(by_suffix.get(sfx).into_iter().flatten());
            }
            cands.sort_unstable();
            cands.dedup();
            let mut matches: Vec<EntityId> = cands
                .into_iter()
                .filter(|&id| reg.entities[id].kind != EntityKind::Organisation)
                .filter(|&id| is_alias_of(&p, &entity_parts[id]))
                .collect();
            matches.sort_by_key(|&id| std::cmp::Reverse(reg.mentions[id]));
            match matches.first() {
                Some(&best) => {
                    // A full name seen far more often than the longer form it folds into
                    // ("Donald Trump" into one article's "Cheeto Donald Trump", "Bernie
                    // Sanders" into "Vermonter Bernie Sanders"): the longer form had a word
                    // before the name, and the name is what the entity is called.
                    let long = &reg.entities[best].name;
                    if p.words.len() >= 2
                        && count > 2 * reg.mentions[best]
                        && long.len() > display.len()
                        && long.ends_with(&format!(" {display}"))
                    {
                        let old = std::mem::replace(&mut reg.entities[best].name, display.clone());
                        reg.note_alias(best, &old);
                    }
                    reg.by_key.insert(key.to_string(), best);
                    reg.mentions[best] += count;
                    reg.note_alias(best, &display);
                    if matches.len() > 1 {
                        reg.candidates.insert(key.to_string(), matches);
                    }
                    if *titled > 0 && reg.entities[best].kind == EntityKind::Unknown {
                        reg.entities[best].kind = EntityKind::Person;
                    }
                }
                // A verb or adverb opening sentences ("Commented", "Separately") is no name.
                None if p.words.len() == 1
                    && p.suffix.is_none()
                    && *titled == 0
                    && !census.mid_sentence.contains(key)
                    && ["ed", "ing", "ly"].iter().any(|end| key.ends_with(end)) => {}
                None => {
                    let kind = guess_kind(&display, &p, *titled > 0);
                    // A person seen only in capitals ("JAKE TAPPER:" labelling a transcript's
                    // turns) is shown as names are written.
                    let display = if kind == EntityKind::Person && !cased(&display) {
                        title_cased(&display)
                    } else {
                        display
                    };
                    let id = reg.add_entity(&display, kind, count);
                    reg.by_key.insert(key.to_string(), id);
                    index_parts(&mut by_last_word, &mut by_suffix, &mut entity_parts, id, p);
                }
            }
        }
        for (key, tail, count) in opened {
            if let Some(&id) = reg.by_key.get(tail) {
                reg.by_key.insert(key.to_string(), id);
                reg.mentions[id] += count;
            }
        }
        for (key, descs) in &census.descriptions {
            if let Some(&id) = reg.by_key.get(key) {
                for d in descs {
                    if !reg.entities[id].descriptions.contains(d) {
                        reg.entities[id].descriptions.push(d.clone());
                    }
                }
            }
        }
        // The registry lives as long as the case and never grows again: give back the room
        // the lists and maps kept for growing (up to half of each).
        reg.entities.shrink_to_fit();
        for e in &mut reg.entities {
            e.aliases.shrink_to_fit();
            e.descriptions.shrink_to_fit();
        }
        reg.mentions.shrink_to_fit();
        reg.by_key.shrink_to_fit();
        reg.candidates.shrink_to_fit();
        reg
    }

    fn add_entity(&mut self, name: &str, kind: EntityKind, mentions: usize) -> EntityId {
        let id = self.entities.len();
        self.entities.push(Entity {
            name: name.to_string(),
            kind,
            aliases: Vec::new(),
            descriptions: Vec::new(),
        });
        self.mentions.push(mentions);
        self.by_key.insert(name_key(name), id);
        id
    }

    fn note_alias(&mut self, id: EntityId, form: &str) {
        let e = &mut self.entities[id];
        if e.name != form && !e.aliases.iter().any(|a| a == form) {
            e.aliases.push(form.to_string());
        }
    }

    /// The entity a name refers to. `context` lists entities already named in the same
    /// article, nearest last; an ambiguous short form picks the one named there.
    pub fn resolve(&self, name: &str, context: &[EntityId]) -> Option<EntityId> {
        let key = name_key(name);
        let usual = self.by_key.get(&key).copied();
        if let Some(cands) = self.candidates.get(&key)
            && let Some(&hit) = context.iter().rev().find(|id| cands.contains(id))
        {
            // A bare surname is the main figure who carries it ("Fiorina" after "her husband,
            // Frank Fiorina"): a relative named in passing keeps the full name or a first name.
            if let Some(main) = usual
                && main != hit
                && context.contains(&main)
                && self.mentions[main] >= 3 * self.mentions[hit]
            {
                return Some(main);
            }
            return Some(hit);
        }
        usual
    }

    /// The one entity described with this head noun ("son" for "the president’s son"), if
    /// exactly one is.
    pub fn by_description_head(&self, head: &str) -> Option<EntityId> {
        let heads = self.heads.get_or_init(|| {
            let mut heads: FxHashMap<String, Vec<EntityId>> = FxHashMap::default();
            for (id, e) in self.entities.iter().enumerate() {
                for d in &e.descriptions {
                    let last = d.rsplit(' ').next().unwrap_or(d);
                    let ids = heads.entry(last.to_ascii_lowercase()).or_default();
                    if ids.last() != Some(&id) {
                        ids.push(id);
                    }
                }
            }
            heads
        });
        match heads.get(&head.to_lowercase()).map(Vec::as_slice) {
            Some(&[only]) => Some(only),
            _ => None,
        }
    }

    /// For "his father" of "X Jr.": the same name without the suffix, if known.
    pub fn father_of(&self, id: EntityId) -> Option<EntityId> {
        let p = parts(&name_key(&self.entities[id].name));
        if p.suffix.as_deref() != Some("jr") {
            return None;
        }
        self.by_key.get(&p.words.join(" ")).copied()
    }

    pub fn name(&self, id: EntityId) -> &str {
        &self.entities[id].name
    }

    pub fn kind(&self, id: EntityId) -> EntityKind {
        self.entities[id].kind
    }

    pub fn mention_count(&self, id: EntityId) -> usize {
        self.mentions[id]
    }
}

/// Records an entity's name parts and indexes it by last word and suffix.
fn index_parts(
    by_last_word: &mut FxHashMap<String, Vec<EntityId>>,
    by_suffix: &mut FxHashMap<String, Vec<EntityId>>,
    entity_parts: &mut Vec<NameParts>,
    id: EntityId,
    p: NameParts,
) {
    debug_assert_eq!(entity_parts.len(), id);
    if let Some(last) = p.words.last() {
        by_last_word.entry(last.clone()).or_default().push(id);
    }
    if let Some(sfx) = &p.suffix {
        by_suffix.entry(sfx.clone()).or_default().push(id);
    }
    entity_parts.push(p);
}

#[cfg(test)]
mod tests;
