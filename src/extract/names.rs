//! Spotting proper names in running text: runs of capitalised words, with titles, possessives
//! and generational suffixes handled, and the words that only look like names (sentence
//! openers, months, weekdays) left out.

use std::ops::Range;
use std::sync::LazyLock;

use rustc_hash::FxHashSet;

/// A proper name as written in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NameMention {
    /// The name without title or possessive: "Trump Jr." for "Trump Jr.’s".
    pub text: String,
    pub range: Range<usize>,
    /// Written with a personal title ("Ms Hewitt", "President Trump").
    pub titled: bool,
    /// What a gendered honorific before it says ("Mr. Ryan", "Ms. Gil"), for "he" and "she".
    pub gender: Option<Gender>,
    /// What its first name says when that name nearly always marks one sex ("Janet Roe",
    /// "Peter Roe"): weaker than an honorific, as some people carry the other sex's name.
    pub given_gender: Option<Gender>,
}

/// A person's grammatical gender as the text marks it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Gender {
    Male,
    Female,
}

impl Gender {
    /// "he" and "his" are male, "she" and "her" female.
    pub fn of_pronoun(word: &str) -> Option<Gender> {
        match word.to_lowercase().as_str() {
            "he" | "him" | "his" | "himself" => Some(Gender::Male),
            "she" | "her" | "hers" | "herself" => Some(Gender::Female),
            _ => None,
        }
    }

    /// The gender an honorific marks: Mr., Sir, Lord; Mrs., Ms., Miss, Dame, Lady.
    fn of_title(word: &str) -> Option<Gender> {
        match bare(word) {
            "Mr" | "Sir" | "Lord" | "Messrs" | "Congressman" | "Councilman" | "Alderman"
            | "Assemblyman" => Some(Gender::Male),
            "Mrs" | "Ms" | "Miss" | "Dame" | "Lady" | "Mme" | "Congresswoman" | "Councilwoman"
            | "Assemblywoman" => Some(Gender::Female),
            _ => None,
        }
    }

    /// The sex nearly everyone given `name` at birth had (US birth records, see
    /// `scripts/first_names.py`): "Janet" is female, "Peter" male, "Jordan" and "Pat" neither.
    pub fn of_first_name(name: &str) -> Option<Gender> {
        static FIRST_NAMES: LazyLock<rustc_hash::FxHashMap<&'static str, Gender>> =
            LazyLock::new(|| {
                include_str!("names/first_names.txt")
                    .lines()
                    .filter(|l| !l.starts_with('#'))
                    .filter_map(|l| match l.split_once(' ')? {
                        (n, "m") => Some((n, Gender::Male)),
                        (n, "f") => Some((n, Gender::Female)),
                        _ => None,
                    })
                    .collect()
            });
        if name.len() > 20 || !name.chars().all(char::is_alphabetic) {
            return None;
        }
        if name.is_ascii() {
            return ascii_lowercase_in(name, &mut [0; 20])
                .and_then(|l| FIRST_NAMES.get(l).copied());
        }
        FIRST_NAMES.get(name.to_lowercase().as_str()).copied()
    }
}

mod run;
mod words;
use words::*;

fn bare(word: &str) -> &str {
    word.trim_end_matches(['.', ','])
}

/// The lists above as sets: every word of every run of capitalised words is checked, and
/// scanning the lists for each was a large share of reading names.
static TITLE_SET: LazyLock<FxHashSet<String>> =
    LazyLock::new(|| TITLES.iter().map(|t| t.to_ascii_lowercase()).collect());
static NOT_NAME_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| NOT_NAMES.iter().chain(CALENDAR_WORDS).copied().collect());
static HEADLINE_GLUE_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| HEADLINE_GLUE.iter().copied().collect());
static DESCRIPTOR_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| DESCRIPTORS.iter().copied().collect());
static CALENDAR_SET: LazyLock<FxHashSet<&'static str>> =
    LazyLock::new(|| CALENDAR_WORDS.iter().copied().collect());
/// No title is longer; a longer word is not looked up.
const LONGEST_TITLE: usize = 32;

/// Key for comparing name forms: lower case, no dots or commas, single spaces. Built in one
/// string (every name read is keyed, in the census and again by the walker, so a string per
/// word showed in profiles).
pub fn name_key(name: &str) -> String {
    let mut key = String::with_capacity(name.len());
    for w in name.split(char::is_whitespace) {
        let mark = key.len();
        if !key.is_empty() {
            key.push(' ');
        }
        let start = key.len();
        if w.is_ascii() {
            // Most names are: decoding and Unicode lowercasing each character showed in
            // profiles.
            for b in w.bytes().filter(|b| !matches!(b, b'.' | b',')) {
                key.push(char::from(b.to_ascii_lowercase()));
            }
        } else {
            for c in w.chars().filter(|c| !matches!(c, '.' | ',')) {
                for c in c.to_lowercase() {
                    key.push(if c == '’' { '\'' } else { c });
                }
            }
        }
        if key.len() == start {
            key.truncate(mark);
        }
    }
    // Leading titles go ("President Trump" is "trump"), unless the title is all there is.
    let mut cut = 0;
    while let Some(space) = key[cut..].find(' ')
        && is_title(&key[cut..cut + space])
    {
        cut += space + 1;
    }
    key.drain(..cut);
    key
}

/// A name written in capitals as names are written: "JAKE TAPPER" becomes "Jake Tapper".
pub fn title_cased(name: &str) -> String {
    name.split(' ')
        .map(|w| {
            let mut cs = w.chars();
            cs.next()
                .map_or_else(String::new, |c| c.to_string() + &cs.as_str().to_lowercase())
        })
        .collect::<Vec<_>>()
        .join(" ")
}

/// A month or weekday ("Sunday", "Nov."), which a capitalised word after "said" often is.
pub fn is_calendar_word(word: &str) -> bool {
    CALENDAR_SET.contains(word.trim_end_matches(['.', ',']))
}

pub fn is_title(word: &str) -> bool {
    // Case-insensitive for ASCII letters only, as `eq_ignore_ascii_case` is.
    ascii_lowercase_in(bare(word), &mut [0; LONGEST_TITLE]).is_some_and(|l| TITLE_SET.contains(l))
}

/// `word` with its ASCII letters lowercased, written in `buf` (a word looked up in a set is
/// not worth an allocation); `None` if it is longer than `buf`.
fn ascii_lowercase_in<'b>(word: &str, buf: &'b mut [u8]) -> Option<&'b str> {
    let lower = buf.get_mut(..word.len())?;
    lower.copy_from_slice(word.as_bytes());
    lower.make_ascii_lowercase();
    std::str::from_utf8(lower).ok()
}

/// Words before a month that make it a date, not a first name: "in June Clinton said".
const BEFORE_A_MONTH: &[&str] = &[
    "in", "on", "since", "by", "until", "till", "through", "of", "last", "next", "early", "late",
    "mid", "from", "to", "during", "before", "after", "this", "that", "each", "every", "and", "or",
    "between",
];

/// A month that is also a common first name ("Jan", "April", "June"), opening a run of names with no
/// date word before it: "governor Jan Roe" is someone, "in June Roe said" is a date.
fn month_as_given_name(text: &str, start: usize, first: &str) -> bool {
    if !["Jan", "April", "June"].contains(&first) {
        return false;
    }
    let before = text[..start].trim_end();
    let Some(word) = before.rsplit(|c: char| c.is_whitespace()).next() else {
        return true;
    };
    // After a full stop or at the start a capitalised month opens the sentence: no cue there.
    !(word.is_empty()
        || word.ends_with(['.', '!', '?', ','])
        || word.chars().any(|c| c.is_ascii_digit())
        || BEFORE_A_MONTH.iter().any(|w| w.eq_ignore_ascii_case(word)))
}

fn is_not_name(word: &str) -> bool {
    NOT_NAME_SET.contains(bare(word))
}

/// Proper names in `text`, offsets plus `base`.
pub fn find_names(text: &str, base: usize) -> Vec<NameMention> {
    let mut out = Vec::new();
    for m in run::name_runs(text) {
        // Mid-word matches ("x.Trump", "@Trump", "#Wikileaks") are not name starts.
        if text[..m.start]
            .chars()
            .next_back()
            .is_some_and(|c| c.is_alphanumeric() || "@#/.".contains(c))
        {
            continue;
        }
        // A possessive inside the run ends a name ("The Atlantic’s Julia Ioffe"), and so does
        // a full stop that is not an abbreviation's ("the Mac Mini. The EFF said").
        let mut seg_start = m.start;
        let mut pos = m.start;
        for word in space_words(&text[m.start..m.end]) {
            let word_end = pos + word.len();
            if pos > m.start && HEADLINE_GLUE_SET.contains(word) {
                if seg_start < pos {
                    push_name(text, base, seg_start, pos - 1, &mut out);
                }
                seg_start = word_end + 1;
                pos = word_end + 1;
                continue;
            }
            let possessive = ["’s", "'s", "’", "'"]
                .iter()
                .find(|p| word.len() > p.len() && word.ends_with(*p));
            if let Some(p) = possessive {
                push_name(text, base, seg_start, word_end - p.len(), &mut out);
                seg_start = word_end + 1;
            } else if word_end < m.end
                && word.ends_with('.')
                && !ends_with_abbreviation(word)
                && !is_title(word)
            {
                push_name(text, base, seg_start, word_end, &mut out);
                seg_start = word_end + 1;
            }
            pos = word_end + 1;
        }
        if seg_start < m.end {
            push_name(text, base, seg_start, m.end, &mut out);
        }
    }
    out
}

fn push_name(
    text: &str,
    base: usize,
    mut start: usize,
    mut end: usize,
    out: &mut Vec<NameMention>,
) {
    let mut titled = false;
    let mut gender = None;
    // A title inside the run ("French Finance Minister Edouard Balladur", "LSI Chairman
    // Wilfred Corrigan"): the name is what follows the last title word.
    let run = &text[start..end];
    let mut offset = 0;
    let mut cut = None;
    for word in space_words(run) {
        if offset > 0 && offset + word.len() < run.len() && is_title(word) {
            cut = Some(offset + word.len() + 1);
        }
        offset += word.len() + 1;
    }
    if let Some(c) = cut {
        start += c;
        titled = true;
    }
    // Peel leading openers and titles: "President Trump" becomes "Trump" (titled); and
    // descriptors before a person's name ("Democrat Bernie Sanders", "Year Barack Obama"),
    // but not from an organisation's ("Republican National Committee").
    loop {
        let rest = &text[start..end];
        let first = first_space(rest).map_or(rest, |space| &rest[..space]);
        if first.len() == rest.len() {
            break;
        }
        if is_title(first) {
            titled = true;
            gender = Gender::of_title(first).or(gender);
        } else if DESCRIPTOR_SET.contains(bare(first)) {
            let words = space_count(rest) + 1;
            let last = bare(last_space(rest).map_or(rest, |space| &rest[space + 1..]));
            if words < 3 || ORG_TAILS.contains(&last) {
                break;
            }
        } else if !is_not_name(first) || month_as_given_name(text, start, first) {
            break;
        }
        start += first.len() + 1;
    }
    // Five or more capitalised words are a headline or a title of a work in Title Case, not
    // a name; one such line must not become the long form of every name in it.
    if space_count(&text[start..end]) >= 4 {
        return;
    }
    // Calendar words at the end of a run are a date, not part of a name.
    while let Some(space) = last_space(&text[start..end]) {
        let last = text[start + space + 1..end].trim_end_matches(['.', ',']);
        if !CALENDAR_SET.contains(last) {
            break;
        }
        end = start + space;
    }
    // A sentence full stop is not part of the name unless it closes a suffix or initial.
    if text[start..end].ends_with('.') && !ends_with_abbreviation(&text[start..end]) {
        end -= 1;
    }
    // "the WikiLeaks Twitter account": the platform is not part of the name.
    if let Some(space) = last_space(&text[start..end]) {
        let last = text[start + space + 1..end].trim_end_matches(['.', ',']);
        if PLATFORMS.contains(&last) {
            end = start + space;
        }
    }
    let name = text[start..end].trim_end_matches(',');
    let single = first_space(name).is_none();
    if name.is_empty() || (single && (is_not_name(name) || is_title(name))) {
        return;
    }
    if single && name.chars().count() == 1 {
        return;
    }
    // A first name alone ("Jordan") may be a surname or a place; before a surname it is one.
    let given_gender = first_space(name).and_then(|space| Gender::of_first_name(&name[..space]));
    out.push(NameMention {
        text: name.to_string(),
        range: base + start..base + start + name.len(),
        titled,
        gender,
        given_gender,
    });
}

/// Where the first space is. Names are cut at ASCII spaces, over short runs of words: a byte
/// loop, where `str`'s searchers cost more to set up than the search.
fn first_space(s: &str) -> Option<usize> {
    s.bytes().position(|b| b == b' ')
}

/// Where the last space is.
fn last_space(s: &str) -> Option<usize> {
    s.bytes().rposition(|b| b == b' ')
}

fn space_count(s: &str) -> usize {
    s.bytes().filter(|&b| b == b' ').count()
}

/// The pieces of `s` between spaces, as `s.split(' ')` gives them.
fn space_words(s: &str) -> impl Iterator<Item = &str> {
    let mut rest = Some(s);
    std::iter::from_fn(move || {
        let r = rest?;
        match first_space(r) {
            Some(space) => {
                rest = Some(&r[space + 1..]);
                Some(&r[..space])
            }
            None => {
                rest = None;
                Some(r)
            }
        }
    })
}

fn ends_with_abbreviation(name: &str) -> bool {
    let last = name.rsplit(' ').next().unwrap_or(name);
    matches!(
        last,
        "Jr." | "Sr." | "St." | "Co." | "Inc." | "Ltd." | "Corp."
    ) || (last.len() == 2 && last.starts_with(|c: char| c.is_uppercase()))
        || last.matches('.').count() >= 2
}

#[cfg(test)]
mod tests;
