//! Quoted titles of works: `his book “The Art of Losing”`, `appeared on CNN’s “State of
//! Play”`, `the “Dancing Queens” star`. A title names a thing; nobody said it, so it is no
//! quote at all (issue 10, item 7).
//!
//! Title Case alone is not enough: headlines and some speech are written in it
//! (`Roe: ‘We Will Win This State’`). The quote must also stand where a noun stands: after a
//! word for a work (`book`, `show`, `titled`), a possessive (`CNN’s`), `on`/`in` (`aired on`,
//! `a role in`), `author of`, `according to`; or before a noun it modifies (`star`, `hats`).

/// Words too small to be capitalised in a title.
const MINOR: &[&str] = &[
    "a", "an", "and", "as", "at", "but", "by", "de", "del", "for", "from", "in", "into", "la",
    "los", "nor", "of", "on", "or", "the", "to", "vs", "vs.", "with", "is", "are", "be",
];

/// Nouns for a work that a title follows: `his 2005 book “…”`, `the ad, “…”`.
const WORK_NOUNS: &[&str] = &[
    "book",
    "novel",
    "memoir",
    "memoirs",
    "manifesto",
    "biography",
    "autobiography",
    "collection",
    "anthology",
    "film",
    "movie",
    "documentary",
    "show",
    "series",
    "program",
    "programme",
    "sitcom",
    "play",
    "musical",
    "opera",
    "song",
    "album",
    "column",
    "op-ed",
    "essay",
    "article",
    "editorial",
    "commentary",
    "podcast",
    "segment",
    "episode",
    "memo",
    "study",
    "ad",
    "video",
    "poem",
    "painting",
    "headline",
    "magazine",
    "newsletter",
    "blog",
    "thriller",
    "satire",
    "comedy",
    "drama",
    "sequel",
];

/// Verbs that introduce a name: `titled “…”`, `a play called “…”`.
const NAMING: &[&str] = &["titled", "entitled", "called", "named", "dubbed", "billed"];

/// People a title is the work of: `author of “…”`, `host of “…”`.
const MAKERS: &[&str] = &[
    "author",
    "co-author",
    "editor",
    "co-editor",
    "host",
    "co-host",
    "founder",
    "creator",
    "director",
    "producer",
    "writer",
    "star",
    "cast",
    "publisher",
];

/// Nouns a title modifies when it stands before them: `the “…” star`, `“…” hats`.
const MODIFIED: &[&str] = &[
    "star",
    "stars",
    "actor",
    "actress",
    "host",
    "hat",
    "hats",
    "cap",
    "caps",
    "shirt",
    "shirts",
    "t-shirt",
    "t-shirts",
    "sticker",
    "stickers",
    "sign",
    "signs",
    "banner",
    "bag",
    "tour",
    "initiative",
    "campaign",
    "cry",
    "episode",
    "segment",
    "cast",
    "franchise",
    "author",
    "series",
    "movement",
];

/// Whether the quote `inner`, standing between `lead` and `tail` in its sentence, is the
/// title of a work. `lead` and `tail` exclude the quotation marks.
pub fn is_work_title(lead: &str, inner: &str, tail: &str) -> bool {
    title_case(inner) && !headline(lead, tail) && (named_before(lead) || modifies_after(tail))
}

/// Words with their surrounding punctuation removed, empty ones dropped.
fn words(text: &str) -> impl Iterator<Item = &str> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric() && c != '-' && c != '\''))
        .filter(|w| !w.is_empty())
}

fn is_minor(word: &str) -> bool {
    MINOR.iter().any(|m| m.eq_ignore_ascii_case(word))
}

fn starts_upper(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

/// Two to sixteen words, the first and every one that is not minor capitalised, and not
/// shouted in capitals (a sign's or a chant's words).
fn title_case(inner: &str) -> bool {
    let all: Vec<&str> = words(inner).collect();
    if !(2..=16).contains(&all.len()) || !starts_upper(all[0]) {
        return false;
    }
    let letters = || inner.chars().filter(|c| c.is_alphabetic());
    if letters().all(|c| c.is_uppercase()) {
        return false;
    }
    all.iter().all(|w| is_minor(w) || starts_upper(w))
}

/// Whether `text` is capitalised as a headline is: at least four in five of its words that
/// are not minor, and two of them at least.
pub(crate) fn headline_case(text: &str) -> bool {
    headline(text, "")
}

/// A headline capitalises its own words too, so a Title Case quote in it says nothing.
fn headline(lead: &str, tail: &str) -> bool {
    let outside: Vec<&str> = words(lead)
        .chain(words(tail))
        .filter(|w| !is_minor(w) && w.chars().any(char::is_alphabetic))
        .collect();
    outside.len() >= 2
        && outside.iter().filter(|w| starts_upper(w)).count() * 5 >= outside.len() * 4
}

fn last_words(lead: &str, n: usize) -> Vec<String> {
    let mut out: Vec<String> = lead
        .split_whitespace()
        .rev()
        .take(n)
        .map(|w| w.to_lowercase())
        .collect();
    out.reverse();
    out
}

fn bare(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '-')
}

fn named_before(lead: &str) -> bool {
    let lead = lead.trim_end();
    let recent = last_words(lead, 5);
    let Some(last_raw) = recent.last() else {
        return false;
    };
    let last = bare(last_raw);
    let prev = recent.len().checked_sub(2).map(|i| bare(&recent[i]));
    if WORK_NOUNS.contains(&last) || matches!(last, "titled" | "entitled") {
        return true;
    }
    // “a play called”, “the show was officially named”: a naming verb after a work noun.
    if NAMING.contains(&last) && recent.iter().any(|w| WORK_NOUNS.contains(&bare(w))) {
        return true;
    }
    if matches!(last, "on" | "in") {
        return true;
    }
    if last == "of" && prev.is_some_and(|p| MAKERS.contains(&p)) {
        return true;
    }
    if last == "to" && prev == Some("according") {
        return true;
    }
    possessive_of_name(lead)
}

/// `CNN’s`, `Fleming's`: a name's possessive, not `its` or `the party's`.
fn possessive_of_name(lead: &str) -> bool {
    let Some(word) = lead.split_whitespace().last() else {
        return false;
    };
    let stem = word
        .strip_suffix("’s")
        .or_else(|| word.strip_suffix("'s"))
        .or_else(|| word.strip_suffix("s’"));
    stem.is_some_and(starts_upper)
}

fn modifies_after(tail: &str) -> bool {
    let next = tail
        .trim_start_matches(|c: char| c.is_whitespace())
        .split_whitespace()
        .next()
        .unwrap_or("");
    // A comma or stop between them makes the title a clause of its own.
    next.chars().next().is_some_and(char::is_lowercase) && MODIFIED.contains(&bare(next))
}

#[cfg(test)]
mod tests {
    use super::is_work_title;

    #[test]
    fn titles_after_a_word_for_a_work() {
        assert!(is_work_title(
            "She wrote it up in her 2009 book ",
            "The Long Road Home",
            " and sold it."
        ));
        assert!(is_work_title(
            "The column, entitled ",
            "Why The Mayor Must Go,",
            " ran on Sunday."
        ));
        assert!(is_work_title(
            "a local theatre staged a comedy called ",
            "The Senator Sleeps",
            " last year."
        ));
        assert!(is_work_title(
            "Roe is the author of ",
            "Counting the Votes",
            ", a history."
        ));
        assert!(is_work_title(
            "One night in 1998, according to ",
            "Rivers of Money",
            " by Ann Lee, he left."
        ));
    }

    #[test]
    fn titles_of_shows_after_a_possessive_or_on() {
        assert!(is_work_title(
            "Speaking on ABC’s ",
            "Sunday With Mary Doe,",
            " the senator hedged."
        ));
        assert!(is_work_title(
            "Hours after the interview aired on ",
            "The Evening Hour",
            " he resigned."
        ));
        assert!(is_work_title(
            "He had small roles in ",
            "The Night Shift,",
            " and other films."
        ));
    }

    #[test]
    fn titles_that_modify_a_noun() {
        assert!(is_work_title(
            "",
            "Dancing With Wolves",
            " star Ann Lee spoke out on Tuesday."
        ));
        assert!(is_work_title(
            "protesters burned their ",
            "Keep The Faith Alive",
            " hats outside."
        ));
    }

    #[test]
    fn speech_in_title_case_stays_a_quote() {
        // A headline's words are all capitalised: no cue means anything there.
        assert!(!is_work_title(
            "Roe: Senate Bill Is ",
            "A Slap In The Face",
            ""
        ));
        // Said, declared, chanted: words, not a name.
        assert!(!is_work_title(
            "She declared ",
            "What a Great Night!",
            " and left the stage."
        ));
        assert!(!is_work_title(
            "The crowd chanted ",
            "Lock Them Up",
            " for a minute."
        ));
        // Not Title Case: a phrase on a show is still a phrase.
        assert!(!is_work_title(
            "He said on ",
            "we will be fine",
            " and moved on."
        ));
        // Shouted capitals are a sign or a chant.
        assert!(!is_work_title(
            "a banner on the stage read ",
            "NO MORE WARS",
            "."
        ));
        // A possessive before ordinary words in quotes.
        assert!(!is_work_title(
            "Roe’s ",
            "not going anywhere",
            " line drew cheers."
        ));
    }
}
