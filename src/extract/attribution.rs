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
        r"(?i)\b(?:said|says|say|wrote|writes|responded|responds|replied|replies|asked|asks|tweeted|tweets|added|adds|continued|continues|explained|explains|suggested|suggests|insisted|insists|messaged|stated|states|noted|notes|argued|argues|proclaimed|declared|declares|posted|answered|answers|warned|warns|urged|urges|claimed|claims|told|tells|recalled|acknowledged|admitted|read|reads|dm(?:'|’)?ed|texted|emailed|commented|remarked|quipped|joked|concluded|observed|announced|conceded|boasted|complained|pleaded|demanded|countered|retorted|elaborated|mused|cautioned|predicted|promised|vowed|confirmed|denied|alleged|maintained|stressed|emphasi[sz]ed|wondered|exclaimed|charged|charges|concludes|recalls|acknowledges|admits|insisted|announces|confirms|denies|testified|assured|assures|recounted|recounts|reported|reports|revealed|called|calls|described|describes|decried|decries|labell?ed|dubbed|pledged|pledges|touted|hailed|thanked|accused|blasted|slammed|criticized|criticised|lamented|laments|conceded|concedes|replied|responds|retorts|warned|points?\s+out|pointed\s+out|went\s+on|goes\s+on|shot\s+back|writing|saying|asking|adding|telling|noting|suggesting|explaining|responding|replying|tweeting|continuing|questioned|asserted|asserts|contended|contends|opined|scoffed|snapped|mocked|gushed|fumed|agreed|agrees|disagreed|objected|interjected|shouted|yelled|chanted|cried|screamed|whispered|sighed|laughed|reasoned|speculated|clarified|reiterated|reiterates|affirmed|protested|advised|summarized|summed\s+up|promises|vows|predicts|wonders|quips|boasts|complains|observes|scoffs|according\s+to)\b",
    )
    .expect("say verbs")
});

/// Whether the verb of saying `m` found in `text` is one, not part of a name: "the United
/// States", "the Daily Reports" (a capitalised verb after a capitalised word that follows a
/// lower-case one). A headline's "Roe Says" has no lower-case word before it and stays.
fn is_say_verb(text: &str, m: &regex::Match<'_>) -> bool {
    if !m.as_str().starts_with(|c: char| c.is_uppercase()) {
        return true;
    }
    let mut before = text[..m.start()].split_whitespace().rev();
    let name_part = before.next().is_some_and(is_capitalised)
        && before
            .next()
            .is_some_and(|w| w.starts_with(|c: char| c.is_lowercase()));
    !name_part
}

/// Whether `text` holds a verb of saying (outside names).
pub fn has_say_verb(text: &str) -> bool {
    SAY_VERB
        .get()
        .find_iter(text)
        .any(|m| is_say_verb(text, &m))
}

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

mod phrase;
pub(crate) use phrase::is_possessive;
use phrase::*;

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

/// The first comma that ends a clause: not the one inside a number ("$70,000").
fn clause_comma(s: &str) -> Option<usize> {
    s.match_indices(',')
        .map(|(i, _)| i)
        .find(|&i| !s[i + 1..].starts_with(|c: char| c.is_ascii_digit()))
}

/// Whether a sentence whose first word is `first` (lower-cased) opens with an adverbial
/// ("On October 3, …", "After the debate, …", "Frustrated, …", "According to X, …").
fn opens_with_adverbial(first: &str) -> bool {
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
        "unless",
        "whether",
        "even",
        "back",
        "earlier",
        "now",
        "today",
        "yesterday",
        "tonight",
        "last",
        "next",
        "this",
        "also",
        "instead",
        "again",
        "indeed",
        "sometimes",
        "often",
        "here",
        "there",
        "thus",
        "therefore",
        "nevertheless",
        "nonetheless",
        "otherwise",
        "afterward",
        "afterwards",
        "monday",
        "tuesday",
        "wednesday",
        "thursday",
        "friday",
        "saturday",
        "sunday",
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
    lead_in.contains(&bare_first) || opener
}

/// The subject of a sentence: its first noun phrase after a leading adverbial
/// ("On October 3, 2016, WikiLeaks sent…" -> "WikiLeaks").
pub fn sentence_subject(masked: &str) -> Option<Range<usize>> {
    let trimmed_start = masked.len() - masked.trim_start().len();
    let mut start = trimmed_start;
    let head = &masked[start..];
    let first = head.split_whitespace().next().unwrap_or("").to_lowercase();
    // "To wit, …", "To be sure, …", "To date, …": a set phrase, not someone it is to.
    let set_phrase = first == "to"
        && prefix(head, 40).find(',').is_some_and(|c| {
            let words: Vec<&str> = head[..c].split_whitespace().skip(1).collect();
            words.len() <= 2 && words.iter().all(|w| !is_capitalised(w))
        });
    if opens_with_adverbial(&first) || set_phrase {
        // Skip to the first comma when it comes soon: a leading adverbial.
        if let Some(comma) = clause_comma(prefix(head, 90)) {
            start += comma + 1;
            // "On October 3, 2016, WikiLeaks…": a year after the comma is still the adverbial;
            // so is a subordinate clause ("…, when it was clear that…, Wikileaks had…").
            loop {
                let seg = &masked[start..];
                let Some(next) = clause_comma(prefix(seg, CLAUSE_BYTES)) else {
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
    let m = SAY_VERB
        .get()
        .find_iter(body)
        .filter(|m| is_say_verb(body, m))
        .last()?;
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
    // "…, said David Autor, a professor of economics, who…": an apposition may follow the
    // name when the verb comes after a comma, as reported speech puts it.
    let apposition = masked[r.end..].trim_start().starts_with(',')
        && body[..m.start()].trim_end().ends_with(',')
        && !SAY_VERB
            .get()
            .find_iter(&body[r.end..])
            .any(|m| is_say_verb(&body[r.end..], &m));
    ((r.end >= body.len() || apposition) && is_capitalised(&masked[r.clone()])).then_some(r)
}

/// The person a sentence says it turns to: "As for Trump, he said…" gives "Trump", whom the
/// pronoun after the comma stands for.
pub fn topic_of(masked: &str) -> Option<Range<usize>> {
    let lead = masked.len() - masked.trim_start().len();
    let rest = &masked[lead..];
    let after = ["As for ", "As to ", "And as for "]
        .iter()
        .find(|p| rest.starts_with(*p))
        .map(|p| lead + p.len())?;
    let r = phrase_after(masked, after)?;
    (is_capitalised(&masked[r.clone()]) && masked[r.end..].starts_with(',')).then_some(r)
}

/// The one who says something in a sentence of reported speech led by an adverbial: "To a
/// question on jobs, Roe said…", "In Ohio on Tuesday Roe told voters…". The first verb of
/// saying with a name right before it, at the start of the sentence or after a comma or a
/// closing quote mark.
pub fn saying_subject(masked: &str) -> Option<Range<usize>> {
    let near = prefix(masked, VERB_WINDOW);
    let m = SAY_VERB.get().find_iter(near).find(|m| {
        if !is_say_verb(near, m) {
            return false;
        }
        let verb = m.as_str().to_lowercase();
        !verb.ends_with("ing") && !verb.starts_with("according")
    })?;
    let r = phrase_before(masked, m.start())?;
    let lead = masked[..r.start].trim();
    let first = lead.split_whitespace().next().unwrap_or("").to_lowercase();
    let led = lead.is_empty()
        || lead.ends_with([',', '”', '"', '’']) && (first == "to" || opens_with_adverbial(&first));
    (led && is_capitalised(&masked[r.clone()])).then_some(r)
}

/// Finds the attribution for the quotation at `quote` (its outer range, marks included) in a
/// masked sentence. The nearest verb of saying wins; one right after the quotation first.
pub fn attribute(masked: &str, quote: &Range<usize>) -> Option<Attribution> {
    let mut best: Option<(usize, Attribution)> = None;
    let near = window(masked, quote, VERB_WINDOW);
    let window = &masked[near.clone()];
    for m in SAY_VERB
        .get()
        .find_iter(window)
        .filter(|m| is_say_verb(window, m))
    {
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
                .filter(|v| is_say_verb(near, v) && !v.as_str().to_lowercase().ends_with("ing"))
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
            // "“…” for Clinton, said Kunin.": a few words finishing the writer's clause, then
            // the verb after a comma with a name that ends the sentence.
            let intransitive = matches!(
                lower.as_str(),
                "said"
                    | "says"
                    | "added"
                    | "adds"
                    | "noted"
                    | "explained"
                    | "continued"
                    | "argued"
                    | "insisted"
                    | "recalled"
                    | "quipped"
                    | "remarked"
                    | "observed"
                    | "concluded"
                    | "wrote"
                    | "writes"
            );
            let inverted = inverted
                || intransitive
                    && m.start() >= quote.end
                    && distance <= 14
                    && masked[quote.end..m.start()].trim_end().ends_with(',')
                    && phrase_after(masked, m.end()).is_some_and(|r| {
                        is_capitalised(&masked[r.clone()])
                            && !crate::extract::names::is_calendar_word(&masked[r.clone()])
                            && masked[r.end..]
                                .trim_start()
                                .chars()
                                .next()
                                .is_none_or(|c| matches!(c, '.' | ',' | ';'))
                    });
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
