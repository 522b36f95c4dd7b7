//! Reading who is speaking from the words around a quotation: "“…,” X wrote", "X wrote: “…”",
//! "said X", "according to X", a participle ("…, writing, “…”") whose speaker is the subject of
//! the sentence, and the recipient ("messaged X", "a direct message to X").
//!
//! All functions work on a *masked* sentence: the same text with quoted words blanked out, so
//! byte offsets still line up and nothing inside a quote is read as attribution.

use std::ops::Range;

use regex::Regex;

use crate::static_regex::StaticRegex;

/// Verbs of saying, in the forms newswriting uses. "went on"/"goes on" are two words.
static SAY_VERB: StaticRegex = StaticRegex::new(|| {
    Regex::new(
        r"(?i)\b(?:said|says|say|wrote|writes|responded|responds|replied|replies|asked|asks|tweeted|tweets|added|adds|continued|continues|explained|explains|suggested|suggests|insisted|insists|messaged|stated|states|noted|notes|argued|argues|proclaimed|declared|declares|posted|answered|answers|warned|warns|urged|urges|claimed|claims|told|tells|recalled|acknowledged|admitted|read|reads|dm(?:'|’)?ed|texted|emailed|commented|remarked|quipped|joked|concluded|observed|announced|conceded|boasted|complained|pleaded|demanded|countered|retorted|elaborated|mused|cautioned|predicted|promised|vowed|confirmed|denied|alleged|maintained|stressed|emphasi[sz]ed|wondered|exclaimed|charged|charges|concludes|recalls|acknowledges|admits|insisted|announces|confirms|denies|testified|assured|assures|recounted|recounts|reported|reports|revealed|called|calls|described|describes|decried|decries|labell?ed|dubbed|pledged|pledges|touted|hailed|thanked|accused|blasted|slammed|criticized|criticised|lamented|laments|conceded|concedes|replied|responds|retorts|warned|points?\s+out|pointed\s+out|went\s+on|goes\s+on|shot\s+back|writing|saying|asking|adding|telling|noting|suggesting|explaining|responding|replying|tweeting|continuing|according\s+to)\b",
    )
    .expect("say verbs")
});

/// Verbs that say the words continue the same message.
pub fn is_continuation_verb(verb: &str) -> bool {
    let v = verb.to_lowercase();
    v.starts_with("went on")
        || v.starts_with("goes on")
        || matches!(
            v.as_str(),
            "continued" | "continues" | "added" | "adds" | "continuing" | "adding"
        )
}

/// Where the speaker phrase stands relative to its verb.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SpeakerSlot {
    /// "Wikileaks wrote", "he said".
    BeforeVerb,
    /// "said Alan Futerfas", "according to a source".
    AfterVerb,
    /// A participle ("…, writing, “…”"): the subject of the sentence speaks.
    Subject,
}

/// A verb of saying found near a quotation, and the phrase naming the speaker.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Attribution {
    pub verb: String,
    pub verb_range: Range<usize>,
    pub speaker: String,
    pub speaker_range: Range<usize>,
    pub slot: SpeakerSlot,
    /// Verb within a few words of the quotation (or introducing it with a colon).
    pub adjacent: bool,
    /// The verb comes after the quotation ("“…,” he wrote").
    pub after: bool,
}

const PRONOUNS: &[&str] = &["he", "she", "they", "it", "i", "we", "who"];
const SKIP_BACK: &[&str] = &[
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
const DETERMINERS: &[&str] = &[
    "the", "his", "her", "its", "their", "a", "an", "that", "this",
];

/// Words of `s` with their byte ranges (split on white space, punctuation kept on words),
/// produced lazily so that a look-up reads only the few words it needs.
fn words(s: &str) -> impl Iterator<Item = (usize, &str)> {
    s.split_whitespace()
        .map(move |w| (w.as_ptr() as usize - s.as_ptr() as usize, w))
}

/// The last `n` words of `s`, in reading order: a look-up backwards from a verb never needs
/// more, and reading only them keeps a long sentence linear.
fn last_words(s: &str, n: usize) -> Vec<(usize, &str)> {
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
const LOOK_BACK_WORDS: usize = 32;

fn clean(word: &str) -> &str {
    word.trim_matches(|c: char| !c.is_alphanumeric() && c != '.' && c != '\'' && c != '’')
        .trim_end_matches('.')
}

fn is_capitalised(word: &str) -> bool {
    word.trim_start_matches(|c: char| !c.is_alphanumeric())
        .starts_with(|c: char| c.is_uppercase())
}

/// Reads a noun phrase ending just before `end` in `masked`: a name (capitalised run), a
/// pronoun, or a determiner phrase ("the Wikileaks Twitter account", "his father").
fn phrase_before(masked: &str, end: usize) -> Option<Range<usize>> {
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
    Some(ws[j].0..phrase_end)
}

/// The speaker named before an apposition that ends just before the verb at `verb`: "“…,”
/// Jane Roe, the campaign's spokeswoman, said", "Cecelia Purner, 67, a retired teacher in
/// Allentown, Pa., said". The name opens its clause: right after a quotation's closing mark,
/// or at the start of the sentence (after a conjunction).
fn apposition_before(masked: &str, verb: usize) -> Option<Range<usize>> {
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
const APPOSITION_BYTES: usize = 300;

/// "Trump’s", "WikiLeaks’": a possessor, which starts a phrase as a determiner does ("Trump’s
/// eldest son", "WikiLeaks’ Twitter account").
pub(crate) fn is_possessive(word: &str) -> bool {
    ["'s", "’s", "s'", "s’"].iter().any(|p| word.ends_with(p))
}

/// Titles and honorifics written with a full stop: they belong to the name after them
/// ("Sen. Ann Lee", "the Rev. Al Green"), so their dot never ends the phrase.
const TITLE_ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "dr", "sen", "sens", "rep", "reps", "gov", "gen", "lt", "col",
    "maj", "capt", "cmdr", "adm", "sgt", "cpl", "prof", "rev", "fr", "hon", "st", "atty", "supt",
    "pres", "insp", "det", "amb", "sec", "asst", "ft",
];

/// A word whose trailing dot does not end a name: a title ("Sen."), an initial ("J."),
/// "Jr."/"Sr.", or letters with inner dots ("U.S.").
fn dot_stays(word: &str) -> bool {
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
fn ends_phrase(word: &str) -> bool {
    let w = word.trim_end_matches(['”', '"', '’', '\'']);
    w.ends_with([',', ';', ':', '(', ')', '!', '?'])
        || word.starts_with('(')
        || (w.ends_with('.') && !dot_stays(w))
}

/// Small words that end a name read forwards: "Jane Roe of Ohio", "Roe in a statement".
const NAME_STOPS: &[&str] = &[
    "of", "in", "on", "at", "for", "to", "with", "from", "by", "that", "who", "which", "when",
    "after", "before", "about", "during", "and", "but", "as", "while", "because", "if", "than",
    "said", "says", "told", "wrote", "added", "is", "was", "has", "had", "will", "would",
];

/// Reads a noun phrase starting at `start`: a name, a pronoun or a determiner phrase.
/// Descriptors before a name are left out ("former Gov. Bill Richardson", "Republican
/// pollster Daron Shaw" give the name), and a description followed by the name it
/// describes gives the name ("the White House spokesman, Josh Earnest").
fn phrase_after(masked: &str, start: usize) -> Option<Range<usize>> {
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
fn capital_run(ws: &[(usize, &str)], k: usize, start: usize) -> Option<Range<usize>> {
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

fn clean_len(word: &str) -> usize {
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

/// The longest leading clause [`sentence_subject`] skips; bounding the comma search keeps it
/// linear on a sentence that has none.
const CLAUSE_BYTES: usize = 600;

/// How far from a quotation, in bytes each side, a verb of saying is looked for: more than any
/// real sentence, and it keeps a run-on "sentence" of a whole page from costing its square.
const VERB_WINDOW: usize = 1_000;

/// At most the first `n` bytes of `s`, cut at a character boundary.
fn prefix(s: &str, n: usize) -> &str {
    let mut end = n.min(s.len());
    while !s.is_char_boundary(end) {
        end -= 1;
    }
    &s[..end]
}

/// The byte range of `s` within `window` bytes of `around`, trimmed to whole words so that a
/// word-boundary pattern matches inside it as it would in all of `s`.
fn window(s: &str, around: &Range<usize>, window: usize) -> Range<usize> {
    let mut lo = around.start.saturating_sub(window);
    while !s.is_char_boundary(lo) {
        lo += 1;
    }
    if lo > 0 {
        lo += s[lo..around.start].find(char::is_whitespace).unwrap_or(0);
    }
    let mut hi = (around.end + window).min(s.len());
    while !s.is_char_boundary(hi) {
        hi -= 1;
    }
    if hi < s.len() {
        hi = around.end
            + s[around.end..hi]
                .rfind(char::is_whitespace)
                .unwrap_or(hi - around.end);
    }
    lo..hi
}

/// The subject of a sentence: its first noun phrase after a leading adverbial
/// ("On October 3, 2016, WikiLeaks sent…" -> "WikiLeaks").
pub fn sentence_subject(masked: &str) -> Option<Range<usize>> {
    let trimmed_start = masked.len() - masked.trim_start().len();
    let mut start = trimmed_start;
    let head = &masked[start..];
    let first = head.split_whitespace().next().unwrap_or("").to_lowercase();
    let lead_in = [
        "on",
        "in",
        "at",
        "after",
        "before",
        "by",
        "during",
        "since",
        "when",
        "while",
        "two",
        "three",
        "four",
        "five",
        "fifteen",
        "ten",
        "an",
        "just",
        "shortly",
        "days",
        "hours",
        "minutes",
        "the",
        "later",
        "meanwhile",
        "however",
        "still",
        "then",
        "but",
        "and",
        "so",
        "yet",
        "per",
        "over",
        "more",
        "less",
        "about",
        "around",
        "as",
        "within",
    ];
    let bare_first = first.trim_matches(|c: char| !c.is_alphanumeric());
    // A participle, adjective or preposition opening the sentence ("Frustrated, Roe said",
    // "Appearing before supporters, Roe said", "Amid the protests, …", "According to X, …").
    let opener = bare_first.len() > 4
        && (bare_first.ends_with("ing")
            || bare_first.ends_with("ed")
            || bare_first.ends_with("ly"))
        || matches!(
            bare_first,
            "amid"
                | "according"
                | "despite"
                | "although"
                | "though"
                | "unlike"
                | "like"
                | "asked"
                | "following"
                | "without"
                | "with"
                | "for"
                | "from"
                | "under"
                | "until"
                | "once"
                | "if"
                | "because"
                | "among"
                | "across"
                | "throughout"
        );
    if lead_in.contains(&bare_first) || opener {
        // Skip to the first comma when it comes soon: a leading adverbial.
        if let Some(comma) = prefix(head, 90).find(',') {
            start += comma + 1;
            // "On October 3, 2016, WikiLeaks…": a year after the comma is still the adverbial;
            // so is a subordinate clause ("…, when it was clear that…, Wikileaks had…").
            loop {
                let seg = &masked[start..];
                let Some(next) = prefix(seg, CLAUSE_BYTES).find(',') else {
                    break;
                };
                let piece = seg[..next].trim();
                let first = piece.split_whitespace().next().unwrap_or("").to_lowercase();
                let year = !piece.is_empty()
                    && piece.len() <= 12
                    && piece.chars().any(|c| c.is_ascii_digit());
                let subordinate = matches!(
                    first.as_str(),
                    "which"
                        | "who"
                        | "where"
                        | "when"
                        | "as"
                        | "while"
                        | "after"
                        | "before"
                        | "because"
                        | "if"
                        | "although"
                        | "though"
                        | "since"
                        | "until"
                        | "once"
                );
                if year || subordinate {
                    start += next + 1;
                } else {
                    break;
                }
            }
        } else if matches!(first.as_str(), "and" | "but" | "so" | "yet" | "then") {
            start += first.len();
        }
    }
    let from = start + (masked[start..].len() - masked[start..].trim_start().len());
    phrase_after(masked, from)
}

/// The speaker a sentence of reported speech ends with: "…, said Mr Fogg." or "…, Fogg
/// said." (the verb of saying last, and nothing but the name after it). Such a sentence is
/// about what that speaker says, whatever its grammatical subject.
pub fn reported_speaker(masked: &str) -> Option<Range<usize>> {
    let body = masked.trim_end_matches(|c: char| c.is_whitespace() || ".!?”\"'’".contains(c));
    let m = SAY_VERB.get().find_iter(body).last()?;
    if m.as_str().to_lowercase().ends_with("ing") || m.as_str().eq_ignore_ascii_case("according to")
    {
        return None;
    }
    let after = &body[m.end()..];
    if after.trim().is_empty() {
        let r = phrase_before(masked, m.start())?;
        return masked[r.clone()]
            .split_whitespace()
            .any(is_capitalised)
            .then_some(r);
    }
    let r = phrase_after(masked, m.end())?;
    (r.end >= body.len() && is_capitalised(&masked[r.clone()])).then_some(r)
}

/// Finds the attribution for the quotation at `quote` (its outer range, marks included) in a
/// masked sentence. The nearest verb of saying wins; one right after the quotation first.
pub fn attribute(masked: &str, quote: &Range<usize>) -> Option<Attribution> {
    let mut best: Option<(usize, Attribution)> = None;
    let near = window(masked, quote, VERB_WINDOW);
    for m in SAY_VERB.get().find_iter(&masked[near.clone()]) {
        let m = Match {
            start: near.start + m.start(),
            end: near.start + m.end(),
            text: m.as_str(),
        };
        if m.start() >= quote.start && m.end() <= quote.end {
            continue;
        }
        let verb = m.as_str().to_string();
        let lower = verb.to_lowercase();
        let distance = if m.start() >= quote.end {
            masked[quote.end..m.start()].split_whitespace().count()
        } else {
            masked[m.end()..quote.start].split_whitespace().count() + 1
        };
        let between = if m.start() >= quote.end {
            &masked[quote.end..m.start()]
        } else {
            &masked[m.end()..quote.start]
        };
        let intro = between.trim_end();
        let colon_intro = m.end() <= quote.start
            && (intro.ends_with([':', ','])
                || intro
                    .trim_start_matches([',', ' '])
                    .eq_ignore_ascii_case("that"));
        // After the quote: "“…,” Wikileaks wrote" (a few words at most, nothing but a name).
        // Before it: only a colon or comma intro ("X wrote: “…”") counts as next to it.
        let adjacent = if m.start() >= quote.end {
            distance <= 4
        } else {
            colon_intro
        };
        let participle = lower.ends_with("ing") && !lower.starts_with("according");
        // A participle speaks for the subject only when it introduces the quotation
        // (", writing, “…”"); after it ("“…” without reporters asking him") it is narrative.
        if participle && m.start() >= quote.end {
            continue;
        }
        let found = if lower.starts_with("according") {
            phrase_after(masked, m.end()).map(|r| (r, SpeakerSlot::AfterVerb))
        } else if participle {
            // ", Lewandowski added, saying “…”": the participle goes with the attribution just
            // before it, whose speaker may not be the sentence's subject.
            let near = &masked[near.start..m.start()];
            let earlier = SAY_VERB
                .get()
                .find_iter(near)
                .filter(|v| !v.as_str().to_lowercase().ends_with("ing"))
                .last()
                .filter(|v| near[v.end()..].trim().trim_matches(',').trim().is_empty())
                .and_then(|v| phrase_before(masked, near_start(masked, near) + v.start()))
                .filter(|r| masked[r.clone()].split_whitespace().any(is_capitalised));
            earlier
                .map(|r| (r, SpeakerSlot::BeforeVerb))
                .or_else(|| sentence_subject(masked).map(|r| (r, SpeakerSlot::Subject)))
        } else {
            let before = phrase_before(masked, m.start()).map(|r| (r, SpeakerSlot::BeforeVerb));
            // "“…,” said Alan Futerfas": a verb right after the quote with the name behind it.
            let inverted = m.start() >= quote.end
                && masked[quote.end..m.start()]
                    .trim()
                    .trim_matches(',')
                    .is_empty();
            if inverted {
                phrase_after(masked, m.end())
                    .map(|r| (r, SpeakerSlot::AfterVerb))
                    .or(before)
            } else {
                let before = before.or_else(|| {
                    apposition_before(masked, m.start()).map(|r| (r, SpeakerSlot::BeforeVerb))
                });
                before.or_else(|| {
                    // "…, Wikileaks wrote, that “…”": the phrase may also sit after a verb
                    // that follows its subject across an apposition; try the subject.
                    sentence_subject(masked).map(|r| (r, SpeakerSlot::Subject))
                })
            }
        };
        let Some((range, slot)) = found else {
            continue;
        };
        // Skip quoted ranges that leaked into the phrase.
        if range.start < quote.end && range.end > quote.start {
            continue;
        }
        let speaker = masked[range.clone()].trim().to_string();
        if speaker.is_empty() {
            continue;
        }
        // A verb after the quote is preferred at equal distance ("“…,” he wrote").
        let score = distance * 2 + usize::from(m.start() < quote.start);
        let att = Attribution {
            verb,
            verb_range: m.start()..m.end(),
            speaker,
            speaker_range: range,
            slot,
            adjacent,
            after: m.start() >= quote.end,
        };
        if best.as_ref().is_none_or(|(s, _)| score < *s) {
            best = Some((score, att));
        }
    }
    best.map(|(_, a)| a)
}

/// Where `part`, a slice of `whole`, starts in it.
fn near_start(whole: &str, part: &str) -> usize {
    part.as_ptr() as usize - whole.as_ptr() as usize
}

/// A verb's match, its offsets in the whole sentence.
struct Match<'a> {
    start: usize,
    end: usize,
    text: &'a str,
}

impl<'a> Match<'a> {
    fn start(&self) -> usize {
        self.start
    }
    fn end(&self) -> usize {
        self.end
    }
    fn as_str(&self) -> &'a str {
        self.text
    }
}

/// Phrases naming who a message went to: "messaged Trump Jr.", "a direct message to X",
/// "asked WikiLeaks", "responded to Wikileaks". Returns the phrases found, in order.
pub fn recipient_phrases(masked: &str) -> Vec<Range<usize>> {
    static TO: StaticRegex = StaticRegex::new(|| {
        Regex::new(
            r"(?i)\b(?:messages?\s+to|note\s+to|dms?\s+to|email\s+to|responded\s+to|replied\s+to|wrote\s+to|reached\s+out\s+to|written\s+to|sent\s+to|tweeted\s+to|messaged|dm(?:'|’)?ed|emailed|texted|contacted|asked|told|sent|pointing|wrote\s+again\s+to|to)\s+",
        )
        .expect("recipient pattern")
    });
    let mut out = Vec::new();
    for m in TO.get().find_iter(masked) {
        let bare_to = m.as_str().trim().eq_ignore_ascii_case("to");
        if let Some(r) = phrase_after(masked, m.end()) {
            let phrase = masked[r.clone()].to_lowercase();
            let named = is_capitalised(&masked[r.clone()]);
            let pronoun = matches!(phrase.as_str(), "him" | "her" | "them");
            let public = phrase.contains("followers");
            // A bare "to" only counts before a name ("a direct message to Donald Trump Jr.").
            if (bare_to && named && preceded_by_message_word(masked, m.start()))
                || (!bare_to && (named || pronoun || public))
            {
                out.push(r);
            }
        } else if let Some(rest) = masked.get(m.end()..) {
            let w = rest.split_whitespace().next().unwrap_or("");
            let lw = clean(w).to_lowercase();
            if !bare_to && matches!(lw.as_str(), "him" | "her" | "them") {
                let off = m.end() + rest.find(w).unwrap_or(0);
                out.push(off..off + clean(w).len());
            }
        }
    }
    out
}

fn preceded_by_message_word(masked: &str, at: usize) -> bool {
    let before = &masked[..at];
    let from = before.char_indices().rev().nth(39).map_or(0, |(i, _)| i);
    let tail = before[from..].to_lowercase();
    [
        "message", "note", "dm", "email", "letter", "tweet", "reply", "response",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

#[cfg(test)]
mod tests;
