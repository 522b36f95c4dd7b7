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
        r"(?i)\b(?:said|says|say|wrote|writes|responded|responds|replied|replies|asked|asks|tweeted|tweets|added|adds|continued|continues|explained|explains|suggested|suggests|insisted|insists|messaged|stated|states|noted|notes|argued|argues|proclaimed|declared|declares|posted|answered|answers|warned|warns|urged|urges|claimed|claims|told|tells|recalled|acknowledged|admitted|read|reads|dm(?:'|’)?ed|texted|emailed|commented|remarked|quipped|joked|concluded|observed|announced|conceded|boasted|complained|pleaded|demanded|countered|retorted|elaborated|mused|cautioned|predicted|promised|vowed|confirmed|denied|alleged|maintained|stressed|emphasi[sz]ed|wondered|exclaimed|points?\s+out|pointed\s+out|went\s+on|goes\s+on|shot\s+back|writing|saying|asking|adding|telling|noting|suggesting|explaining|responding|replying|tweeting|continuing|according\s+to)\b",
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

/// Words of `s` with their byte ranges (split on white space, punctuation kept on words).
fn words(s: &str) -> Vec<(usize, &str)> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in s.char_indices() {
        if c.is_whitespace() {
            if let Some(st) = start.take() {
                out.push((st, &s[st..i]));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(st) = start {
        out.push((st, &s[st..]));
    }
    out
}

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
    let ws = words(&masked[..end]);
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
        if w.contains(['“', '”', '"']) {
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
    let first_word = clean(ws[j].1).to_lowercase();
    if !capital_run && !DETERMINERS.contains(&first_word.as_str()) && !is_possessive(ws[j].1) {
        return None;
    }
    Some(ws[j].0..phrase_end)
}

/// "Trump’s", "WikiLeaks’": a possessor, which starts a phrase as a determiner does ("Trump’s
/// eldest son", "WikiLeaks’ Twitter account").
pub(crate) fn is_possessive(word: &str) -> bool {
    ["'s", "’s", "s'", "s’"].iter().any(|p| word.ends_with(p))
}

/// Reads a noun phrase starting at `start`: a name, a pronoun or a determiner phrase.
fn phrase_after(masked: &str, start: usize) -> Option<Range<usize>> {
    let rest = &masked[start..];
    let ws = words(rest);
    let (first_off, first) = *ws.first()?;
    let lw = clean(first).to_lowercase();
    if PRONOUNS.contains(&lw.as_str()) {
        return Some(start + first_off..start + first_off + clean_len(first));
    }
    let capital = is_capitalised(first);
    if !capital && !DETERMINERS.contains(&lw.as_str()) {
        return None;
    }
    let mut end = start + first_off + clean_len(first);
    if first.ends_with([',', '.', ';', ':']) && !matches!(clean(first), "Jr" | "Sr") {
        return Some(start + first_off..end);
    }
    for &(off, w) in ws.iter().skip(1).take(6) {
        let cw = clean(w);
        let keep = if capital {
            is_capitalised(w) || matches!(cw, "Jr" | "Sr")
        } else {
            !cw.is_empty()
                && !matches!(
                    cw.to_lowercase().as_str(),
                    "that"
                        | "who"
                        | "which"
                        | "on"
                        | "in"
                        | "at"
                        | "to"
                        | "about"
                        | "after"
                        | "when"
                )
        };
        if !keep {
            break;
        }
        end = start + off + clean_len(w);
        if w.ends_with([',', ';', ':', '.']) && !matches!(cw, "Jr" | "Sr") {
            break;
        }
    }
    Some(start + first_off..end)
}

fn clean_len(word: &str) -> usize {
    let trimmed = word.trim_end_matches([',', ';', ':', '.', ')', '!', '?']);
    // Keep the dot of "Jr." and initials.
    if word[trimmed.len()..].starts_with('.')
        && (matches!(trimmed, "Jr" | "Sr") || trimmed.len() == 1)
    {
        trimmed.len() + 1
    } else {
        trimmed.len()
    }
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
    if lead_in.contains(&first.trim_matches(|c: char| !c.is_alphanumeric())) {
        // Skip to the first comma when it comes soon: a leading adverbial.
        if let Some(comma) = head.find(',')
            && comma < 90
        {
            start += comma + 1;
            // "On October 3, 2016, WikiLeaks…": a year after the comma is still the adverbial;
            // so is a subordinate clause ("…, when it was clear that…, Wikileaks had…").
            loop {
                let seg = &masked[start..];
                let Some(next) = seg.find(',') else { break };
                let piece = seg[..next].trim();
                let first = piece.split_whitespace().next().unwrap_or("").to_lowercase();
                let year = !piece.is_empty()
                    && piece.len() <= 12
                    && piece.chars().any(|c| c.is_ascii_digit());
                let subordinate = matches!(
                    first.as_str(),
                    "when"
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

/// Finds the attribution for the quotation at `quote` (its outer range, marks included) in a
/// masked sentence. The nearest verb of saying wins; one right after the quotation first.
pub fn attribute(masked: &str, quote: &Range<usize>) -> Option<Attribution> {
    let mut best: Option<(usize, Attribution)> = None;
    for m in SAY_VERB.get().find_iter(masked) {
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
        let found = if lower.starts_with("according") {
            phrase_after(masked, m.end()).map(|r| (r, SpeakerSlot::AfterVerb))
        } else if participle {
            sentence_subject(masked).map(|r| (r, SpeakerSlot::Subject))
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
    let before = masked[..at].to_lowercase();
    let tail: String = before
        .chars()
        .rev()
        .take(40)
        .collect::<Vec<_>>()
        .into_iter()
        .rev()
        .collect();
    [
        "message", "note", "dm", "email", "letter", "tweet", "reply", "response",
    ]
    .iter()
    .any(|w| tail.contains(w))
}

#[cfg(test)]
mod tests;
