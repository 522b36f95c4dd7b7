//! Reading the noun phrase that names a speaker, backwards from a verb ("Sen. Ann Lee
//! said") or forwards from it ("said Republican pollster Dan Shore"), through titles,
//! initials, particles, descriptors and appositions. Every look-up reads a bounded number of
//! words from its starting point, so a long sentence costs no more than a short one.

use std::ops::Range;

pub(super) const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "who"];
pub(super) const SKIP_BACK: &[&str] = &[
    "then",
    "also",
    "again",
    "later",
    "once",
    "quickly",
    "simply",
    "had",
    "has",
    "have",
    "would",
    "will",
    "did",
    "does",
    "had",
    "later",
    "soon",
    "just",
    "first",
    "finally",
    "still",
    "further",
    "never",
    "always",
    "previously",
    "publicly",
    "privately",
];
pub(super) const DETERMINERS: &[&str] = &[
    "the", "his", "her", "its", "their", "a", "an", "that", "this",
];

/// Words of `s` with their byte ranges (split on white space, punctuation kept on words),
/// produced lazily so that a look-up reads only the few words it needs.
pub(super) fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The last `n` words of `s`, in reading order: a look-up backwards from a verb never needs
/// more, and reading only them keeps a long sentence linear.
pub(super) fn last_words(s: &str, n: usize) -> Vec<(usize, &str)> {
    let mut out: Vec<(usize, &str)> = s
        .split_whitespace()
        .rev()
        .take(n)
        .map(|w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
        .collect();
    out.reverse();
    out
}

/// How many words a phrase look-up reads back from its verb: the skipped adverbs and the
/// longest phrase ([`phrase_before`] stops at six words) fit well inside it.
pub(super) const LOOK_BACK_WORDS: usize = 32;

pub(super) fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
        .trim_end_matches('.')
}

pub(super) fn is_capitalised(word: &str) -> bool {
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(|c: char| c.is_uppercase())
}

/// Reads a noun phrase ending just before `end` in `masked`: a name (capitalised run), a
/// pronoun, or a determiner phrase ("the Wikileaks Twitter account", "his father").
pub(super) fn phrase_before(masked: &str, end: usize) -> Option<Range<usize>> {
    let mut ws = last_words(&masked[..end], LOOK_BACK_WORDS);
    let mut i = ws.len();
    // Skip adverbs and auxiliaries: "Trump Jr. quickly answered", "he had once said".
    while i > 0 {
        let w = clean(ws[i - 1].1).to_lowercase();
        if (w.ends_with("ly") && w.len() > 3 && !is_capitalised(ws[i - 1].1))
            || SKIP_BACK.contains(&w.as_str())
        {
            i -= 1;
        } else {
            break;
        }
    }
    // "Rep. Jane Roe (R-Utah) said": the party and state tag closes the name.
    if i > 1 && is_party_tag(ws[i - 1].1) {
        i -= 1;
    }
    if i == 0 {
        return None;
    }
    let (last_start, last) = ws[i - 1];
    if last.ends_with([',', ';', ':', ')', '(']) || last.chars().all(|c| !c.is_alphanumeric()) {
        return None;
    }
    let phrase_end = last_start + last.len();
    let lw = clean(last).to_lowercase();
    if PRONOUNS.contains(&lw.as_str()) {
        return Some(last_start..phrase_end);
    }
    // Walk back over the phrase: capitalised words (and "Jr." etc.), or lower-case words
    // back to a determiner.
    let mut j = i;
    let capital_run = is_capitalised(last);
    while j > 0 {
        let (_, w) = ws[j - 1];
        // A phrase never reaches back across a quotation.
        if w.contains(['“', '”', '"']) || w.ends_with("''") {
            break;
        }
        if j < i && w.ends_with([',', ';', ':', '(', ')']) && !w.ends_with(", Jr.") {
            // "Trump," before "Jr." belongs to the name; other commas end it.
            let next = ws[j].1;
            if !(w.ends_with(',') && matches!(clean(next), "Jr" | "Sr")) {
                break;
            }
        }
        let lower = clean(w).to_lowercase();
        if capital_run {
            if is_capitalised(w) || matches!(lower.as_str(), "de" | "van" | "von" | "bin" | "al") {
                j -= 1;
                if i - j >= 6 {
                    break;
                }
                continue;
            }
            if DETERMINERS.contains(&lower.as_str())
                && (lower == "the" || lower == "his" || lower == "her")
            {
                j -= 1;
            }
            break;
        }
        j -= 1;
        if DETERMINERS.contains(&lower.as_str()) {
            break;
        }
        if is_possessive(w) {
            // "the band’s spokesman": the possessor's own determiner belongs to the phrase.
            if j > 0 && DETERMINERS.contains(&clean(ws[j - 1].1).to_lowercase().as_str()) {
                j -= 1;
            }
            break;
        }
        if i - j >= 5 {
            return None;
        }
    }
    if j == i {
        return None;
    }
    // "…,”Clinton said": a closing mark glued to the name is not part of it.
    let glued = ws[j].1.len() - ws[j].1.trim_start_matches(['”', '"', '’', '\'']).len();
    if glued > 0 {
        ws[j].0 += glued;
        ws[j].1 = &ws[j].1[glued..];
    }
    let first_word = clean(ws[j].1).to_lowercase();
    if !capital_run && !DETERMINERS.contains(&first_word.as_str()) && !is_possessive(ws[j].1) {
        return None;
    }
    if capital_run && let Some(person) = affiliated_person(&ws, j) {
        return Some(person);
    }
    Some(ws[j].0..phrase_end)
}

/// "Jane Roe of the Center for Policy Studies wrote": the capitalised run that ends at the
/// verb is an organisation; the person is the run before "of (the)", "at" or "from".
fn affiliated_person(ws: &[(usize, &str)], org_start: usize) -> Option<Range<usize>> {
    let mut j = org_start;
    let mut person = None;
    for _ in 0..3 {
        let mut k = j.checked_sub(1)?;
        if matches!(ws[k].1, "the" | "The") {
            k = k.checked_sub(1)?;
        }
        if !matches!(ws[k].1, "of" | "at" | "from" | "for") {
            break;
        }
        let end = k;
        let mut start = end;
        while start > 0
            && is_capitalised(ws[start - 1].1)
            && !ws[start - 1].1.ends_with([',', ';', ':', ')', '”', '"'])
            && end - start < 5
        {
            start -= 1;
        }
        if start == end {
            break;
        }
        let (last_off, last) = ws[end - 1];
        person = Some(ws[start].0..last_off + clean_len(last));
        j = start;
    }
    // A person is two or more words ("Jeffrey Lewis"), not one ("Center of X").
    person.filter(|r| ws.iter().filter(|(o, _)| r.contains(o)).count() >= 2)
}

/// A party and state tag after a legislator's name: "(R-Utah)", "(D-Mo.)", "(I-Vt.)", "(R)".
pub(super) fn is_party_tag(word: &str) -> bool {
    let Some(inner) = word
        .trim_end_matches([',', '.'])
        .strip_prefix('(')
        .and_then(|w| w.strip_suffix(')'))
    else {
        return false;
    };
    let (party, state) = inner.split_once('-').unwrap_or((inner, ""));
    matches!(party, "R" | "D" | "I")
        && state.len() <= 14
        && (state.is_empty() || state.starts_with(|c: char| c.is_ascii_uppercase()))
        && state.chars().all(|c| c.is_ascii_alphabetic() || c == '.')
}

/// The speaker named before an apposition that ends just before the verb at `verb`: "“…,”
/// Jane Roe, the campaign's spokeswoman, said", "Cecelia Purner, 67, a retired teacher in
/// Allentown, Pa., said". The name opens its clause: right after a quotation's closing mark,
/// or at the start of the sentence (after a conjunction).
pub(super) fn apposition_before(masked: &str, verb: usize) -> Option<Range<usize>> {
    let head = masked[..verb].trim_end();
    if !head.ends_with(',') {
        return None;
    }
    // The clause starts after the last quotation mark (the quote is blanked) or at the start.
    let floor = head.len().saturating_sub(APPOSITION_BYTES);
    let clause = head[..head.len() - 1]
        .char_indices()
        .rev()
        .take_while(|&(i, _)| i >= floor)
        .find(|&(i, c)| {
            matches!(c, '”' | '"' | '“' | ';') || (c == '\'' && head[..i].ends_with('\''))
        })
        .map_or(0, |(i, c)| i + c.len_utf8());
    if clause == 0 && floor > 0 {
        return None;
    }
    let lead = &masked[clause..];
    let mut from = clause + lead.len() - lead.trim_start_matches([',', ' ']).len();
    let first = masked[from..].split_whitespace().next().unwrap_or("");
    if matches!(first, "But" | "And" | "So" | "Yet" | "Still") {
        from += first.len();
    }
    let name = phrase_after(masked, from)?;
    // The name is its own clause part: a comma follows it.
    let after = masked[name.end..].trim_start();
    // A name, a possessor, or a description holding a name ("the economist Jared Bernstein").
    let named = masked[name.clone()].split_whitespace().any(is_capitalised);
    (named && after.starts_with(',') && name.end < head.len()).then_some(name)
}

/// How far back from its verb an apposition's name may stand.
pub(super) const APPOSITION_BYTES: usize = 300;

/// "Trump’s", "WikiLeaks’": a possessor, which starts a phrase as a determiner does ("Trump’s
/// eldest son", "WikiLeaks’ Twitter account").
pub(crate) fn is_possessive(word: &str) -> bool {
    ["'s", "’s", "s'", "s’"].iter().any(|p| word.ends_with(p))
}

/// Titles and honorifics written with a full stop: they belong to the name after them
/// ("Sen. Ann Lee", "the Rev. Al Green"), so their dot never ends the phrase.
pub(super) const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col",
    "maj", "capt", "cmdr", "adm", "sgt", "cpl", "prof", "rev", "fr", "hon", "st", "atty", "supt",
    "pres", "insp", "det", "amb", "sec", "asst", "ft",
];

/// A word whose trailing dot does not end a name: a title ("Sen."), an initial ("J."),
/// "Jr."/"Sr.", or letters with inner dots ("U.S.").
pub(super) fn dot_stays(word: &str) -> bool {
    let w = word.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some(bare) = w.strip_suffix('.') else {
        return false;
    };
    let lower = bare.to_lowercase();
    let initial = bare.chars().count() == 1 && bare.starts_with(char::is_uppercase);
    initial
        || matches!(bare, "Jr" | "Sr")
        || TITLE_ABBREVIATIONS.contains(&lower.as_str())
        || (bare.contains('.') && bare.chars().all(|c| c == '.' || c.is_uppercase()))
}

/// Does `word` end the phrase it is in (a comma, a colon, a bracket, a full stop)?
pub(super) fn ends_phrase(word: &str) -> bool {
    let w = word.trim_end_matches(['”', '"', '’', '\'']);
    w.ends_with([',', ';', ':', '(', ')', '!', '?'])
        || word.starts_with('(')
        || (w.ends_with('.') && !dot_stays(w))
}

/// Small words that end a name read forwards: "Jane Roe of Ohio", "Roe in a statement".
pub(super) const NAME_STOPS: &[&str] = &[
    "of", "in", "on", "at", "for", "to", "with", "from", "by", "that", "who", "which", "when",
    "after", "before", "about", "during", "and", "but", "as", "while", "because", "if", "than",
    "said", "says", "told", "wrote", "added", "is", "was", "has", "had", "will", "would",
];

/// Reads a noun phrase starting at `start`: a name, a pronoun or a determiner phrase.
/// Descriptors before a name are left out ("former Gov. Bill Richardson", "Republican
/// pollster Daron Shaw" give the name), and a description followed by the name it
/// describes gives the name ("the White House spokesman, Josh Earnest").
pub(super) fn phrase_after(masked: &str, start: usize) -> Option<Range<usize>> {
    let rest = &masked[start..];
    let ws: Vec<(usize, &str)> = words(rest).take(16).collect();
    let (first_off, first) = *ws.first()?;
    let lw = clean(first).to_lowercase();
    if PRONOUNS.contains(&lw.as_str()) {
        return Some(start + first_off..start + first_off + clean_len(first));
    }
    let at = |k: usize| start + ws[k].0;
    let end_of = |k: usize| start + ws[k].0 + clean_len(ws[k].1);
    let determiner = DETERMINERS.contains(&lw.as_str()) || is_possessive(first);
    if !is_capitalised(first) && !determiner {
        // Lower-case descriptors right before a name: "former Gov. X", "pollster X".
        let name = (1..ws.len().min(4)).find(|&k| is_capitalised(ws[k].1))?;
        let plain = ws[..name].iter().all(|(_, w)| {
            let c = clean(w).to_lowercase();
            !ends_phrase(w)
                && !NAME_STOPS.contains(&c.as_str())
                && c.chars().all(char::is_alphabetic)
        });
        return if plain {
            capital_run(&ws, name, start)
        } else {
            None
        };
    }
    if is_capitalised(first) && !determiner {
        return capital_run(&ws, 0, start);
    }
    // A determiner phrase: lower-case words (and names) up to a stop word or punctuation.
    let mut last = 0;
    if !ends_phrase(first) {
        for (k, (_, w)) in ws.iter().enumerate().take(7).skip(1) {
            let cw = clean(w).to_lowercase();
            if cw.is_empty() || NAME_STOPS.contains(&cw.as_str()) {
                break;
            }
            last = k;
            if ends_phrase(w) {
                break;
            }
        }
    }
    // "the White House spokesman, Josh Earnest": the name the description stands before.
    if ws[last].1.ends_with(',')
        && let Some(name) = ws.get(last + 1).filter(|(_, w)| is_capitalised(w))
        && !DETERMINERS.contains(&clean(name.1).to_lowercase().as_str())
        && let Some(r) = capital_run(&ws, last + 1, start)
        && (masked[r.end..].trim_start().starts_with([',', '.', ';'])
            || masked[r.end..].trim().is_empty())
    {
        return Some(r);
    }
    Some(at(0)..end_of(last))
}

/// The capitalised run of words starting at word `k` of `ws` (offsets from `start`), through
/// titles, initials, particles and "Jr."; a run of descriptors followed by a name
/// ("Republican pollster Daron Shaw", "Trump spokeswoman Hope Hicks") gives the name.
pub(super) fn capital_run(ws: &[(usize, &str)], k: usize, start: usize) -> Option<Range<usize>> {
    let mut last = k;
    let mut j = k;
    while !ends_phrase(ws[j].1) {
        let Some((_, next)) = ws.get(j + 1) else {
            break;
        };
        // A bracket ("(D-Mo.)") or a quotation after the name is not part of it.
        if next.starts_with(['(', '[', '“', '"', '‘', '\'']) {
            break;
        }
        let lower = clean(next).to_lowercase();
        let particle = matches!(
            lower.as_str(),
            "de" | "van" | "von" | "bin" | "al" | "la" | "del"
        );
        if is_capitalised(next) || particle {
            j += 1;
            if is_capitalised(next) {
                last = j;
            }
            if j - k >= 6 {
                break;
            }
            continue;
        }
        // Lower-case descriptors between two capitalised runs: the first was a descriptor.
        let resume = (j + 2..ws.len().min(j + 4)).find(|&m| is_capitalised(ws[m].1));
        let descriptors = resume.is_some_and(|m| {
            ws[j + 1..m].iter().all(|(_, w)| {
                let c = clean(w).to_lowercase();
                !ends_phrase(w)
                    && !NAME_STOPS.contains(&c.as_str())
                    && !DETERMINERS.contains(&c.as_str())
                    && c.chars().all(|ch| ch.is_alphabetic() || ch == '-')
            })
        });
        if descriptors && !ends_phrase(ws[j].1) {
            return capital_run(ws, resume?, start);
        }
        break;
    }
    let first = start + ws[k].0;
    let end = start + ws[last].0 + clean_len(ws[last].1);
    (end > first).then_some(first..end)
}

pub(super) fn clean_len(word: &str) -> usize {
    let trimmed = word.trim_end_matches([',', ';', ':', '.', ')', '!', '?']);
    // Keep the dot of "Jr.", titles and initials.
    if word[trimmed.len()..].starts_with('.')
        && (matches!(trimmed, "Jr" | "Sr")
            || trimmed.len() == 1
            || dot_stays(&word[..trimmed.len() + 1]))
    {
        trimmed.len() + 1
    } else {
        trimmed.len()
    }
}
