//! Telling an article's own text from the page furniture saved along with it, and splitting
//! off the readers' comments below it (found by [`super::comments`]).
//!
//! Every rule is a general shape of web debris (navigation and button vocabulary, icon-word
//! lines, photo credits, bylines and author bios at the edges of the body, wire sign-offs), never
//! a list of known lines: the loader meets pages it has never seen. Rules keyed on words such as
//! "email" or "Twitter" only fire on short lines that are nothing but furniture, so that prose
//! mentioning them stays Text.

use crate::static_regex::{seldom_captures, static_regexes};

use super::comments::{comment_header, comments_start, is_comments_heading, plain_header};
use super::model::{ArticleMeta, ParagraphKind, Section};
use super::words::{WordList, at_most_words, word_count};

/// What a paragraph was found to be.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Classified {
    pub kind: ParagraphKind,
    pub section: Section,
    pub commenter: Option<String>,
}

/// Paragraphs this close to either end of the body may be bylines or author bios.
const EDGE: usize = 8;
/// Longest paragraph, in words, that a vocabulary rule may call debris.
const SHORT_WORDS: usize = 30;
const HEADING_MAX_CHARS: usize = 100;
const HEADING_MAX_WORDS: usize = 16;

static_regexes! {
    /// Phrases found only in page furniture, wherever they sit in a short paragraph.
    NAV_PHRASE = r#"(?i)\b(?:skip (?:to )?(?:the )?(?:main )?(?:content|navigation)|press\W+enter\W+to skip|outdated browser|upgrade your browser|improve your (?:visit|experience) (?:to|on) (?:our|this) site|(?:enable|turn on) javascript|javascript is (?:disabled|required)|(?:sign up|subscribe) (?:for|to) (?:our|the|my)\b.{0,30}\bnewsletters?|all rights reserved|accept (?:all )?cookies|(?:cookie|privacy) (?:policy|settings|preferences)|terms of (?:use|service)|free articles? (?:left|remaining)|already a subscriber|(?:share|tweet|email) this (?:article|story|post|page)|click here to|(?:download|get) (?:our|the) app|follow us on)\b"#;
    /// A whole line that is a single control or section-of-site label.
    UI_LINE = r"(?i)^\W*(?:advertisement|advertising|sponsored(?: content)?|ad|newsletters?|subscribe(?: now)?|sign (?:up|in|out)|log ?(?:in|out)|register|menu|search|close|home|share(?: this)?(?: article| story)?|tweet|e-?mail|print|reply|report|like|loading|read more|continue reading|more stories|related(?: articles| stories| posts| coverage| content)?|most (?:read|popular|viewed)|trending(?: now)?|recommended(?: for you)?|you may also like|back to top|top stories|latest news|load more|see more|show more|image|photo|video|watch|listen|gallery|next|previous|permalink)\W*$";
    /// Label lines: tags, categories, captions and credits introduced by a keyword and a colon.
    LABEL_LINE = r"(?i)^(?:filed under|tags?|topics?|categories|category|posted (?:in|under)|related|more on|see also|read (?:more|next|also)|photo(?:graph)?s?|images?|pictures?|illustration|graphic|video|credit|caption|(?:photo|image) credit|source)\s*:";
    FOLLOW_LINE = r"(?i)^(?:follow|like|find|connect with)\s+(?P<name>.{1,60}?)\s+on\s+(?:twitter|facebook|instagram|x|threads|bluesky|linkedin|tiktok|youtube|mastodon)\b";
    /// A wire service's name alone ("REUTER" at the end of a story) or a wire credit line.
    SIGN_OFF = r"(?i)^(?:[(\[]?(?:reuters?|ap|afp|upi|dpa|xinhua|bloomberg|pa|cnn|bbc)[)\]]?\.?|\(?\s*(?:additional )?(?:reporting|writing|editing|compiled|edited) by\b.*|(?:©|\(c\)|copyright)\s.*)$";
    ABOUT_LINE = r"^(?i:about)\s+(?:(?i:the author|the writer|us)|(?P<name>\p{Lu}[\p{L}'’.-]*(?:\s+\p{Lu}[\p{L}'’.-]*){1,3}))\s*:?$";
    BYLINE = r"^(?i:by)\s+(?P<name>\p{Lu}[\p{L}'’.-]*(?:\s+(?:\p{Lu}[\p{L}'’.-]*|and|de|van|von|der|la|le|du|da|di|al))*)\s*(?:$|[,|•·—–-]\s*\S.*$)";
    /// "<Name> is a senior politics correspondent at Vox ..." at the start of a paragraph.
    BIO = r"^(?P<name>\p{Lu}[\p{L}'’.-]+(?:\s+\p{Lu}[\p{L}'’.-]*){1,3})\s+(?:is|was|has been|serves as)\s+(?:a|an|the)\b.{0,120}?\b(?i:correspondent|reporter|writer|editor|contributor|columnist|journalist|author|blogger|producer|critic|fellow|analyst|anchor|host|staff)\b";
    BIO_PHRASE = r"(?i)\b(?:covering|covers|based in|previously|joined|his work|her work|their work|follow (?:him|her|them)|@\w+|is the author of)\b";
    /// Photo-agency vocabulary: enough, with a credit-like shape, to call a short line a credit.
    PHOTO_WORD = r"(?i)\b(?:getty|images|photo|photos|photograph|photography|wireimage|filmmagic|shutterstock|alamy|corbis|nurphoto|sipa|handout|screengrab|screenshot|courtesy|pool)\b";
    AGENCY_WORD = r"(?i)\b(?:reuters|ap|afp|epa|efe|bloomberg|ansa|anadolu|xinhua|staff)\b";
}

/// Words of buttons, menus and icons (lowercased).
static UI_WORDS: WordList = WordList::new(
    "\
    share shares tweet email e-mail print facebook twitter linkedin whatsapp pinterest \
    reddit flipboard messenger copy link save comment comments menu search close more \
    more-arrow arrow home subscribe sign in up log login logout account newsletter \
    newsletters mobile icon clock yes no toggle expand collapse next prev previous x mail \
    sms feed rss options settings back top open nav",
);

/// Grammatical words: a lowercase line without any is not a sentence.
static FUNCTION_WORDS: WordList = WordList::new(
    "\
    the a an of to in on at for and or but is are was were be been it this that with as by \
    from he she they we i you not his her their its has have had will would can could do \
    does did so if than then there what who",
);

fn normalized(t: &str) -> String {
    let t = t.trim().trim_end_matches(['.', ':', '!', '?']);
    t.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// A line of nothing but UI words ("Share Tweet Email"), or of lowercase icon names with no
/// sentence structure ("clock menu more-arrow no yes mobile").
fn is_button_or_icon_line(t: &str) -> bool {
    let tokens: Vec<&str> = t
        .split(|c: char| c.is_whitespace() || "|·•/,".contains(c))
        .filter(|w| !w.is_empty())
        .collect();
    if tokens.len() < 2 || tokens.len() > 12 {
        return false;
    }
    let lower: Vec<String> = tokens.iter().map(|w| w.to_lowercase()).collect();
    let ui = lower.iter().filter(|w| UI_WORDS.contains(w)).count();
    if ui == tokens.len() {
        return true;
    }
    let icon_shaped = t
        .chars()
        .all(|c| c.is_ascii_lowercase() || c == '-' || c == ' ');
    let function = lower.iter().filter(|w| FUNCTION_WORDS.contains(w)).count();
    icon_shaped && tokens.len() >= 3 && (ui * 2 >= tokens.len() || function == 0)
}

/// A menu: three or more short capitalised items between bars or bullets ("Home | Politics |
/// Tech", "News • Sport • Weather"). A page title with its site has two ("Title | Site").
fn is_menu_line(t: &str) -> bool {
    let items: Vec<&str> = t.split(['|', '•', '·']).map(str::trim).collect();
    items.len() >= 3
        && items.iter().all(|item| {
            (1..=3).contains(&word_count(item))
                && item.chars().next().is_some_and(char::is_uppercase)
                && !item.ends_with(['.', '!', '?', ':', ','])
        })
}

/// A photo credit: "Leigh Vogel/WireImage/Getty", "David Becker/Getty", "Photo by X",
/// "X via Getty Images". Short, no sentence punctuation, capitalised words only.
fn is_photo_credit(t: &str) -> bool {
    const CONNECTORS: &[&str] = &["via", "for", "by", "of", "and", "the", "de", "van", "von"];
    if t.chars().count() > 100 || word_count(t) > 12 || t.ends_with(['.', '!', '?', ':', ',']) {
        return false;
    }
    let capitalised = |seg: &str| {
        seg.split_whitespace().all(|w| {
            w.chars()
                .next()
                .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
                || CONNECTORS.contains(&w)
        })
    };
    let segments: Vec<&str> = t.split('/').map(str::trim).collect();
    if segments.iter().any(|s| s.is_empty() || !capitalised(s)) {
        return false;
    }
    if segments.len() >= 2 {
        let person = (2..=4).contains(&word_count(segments[0]));
        return person || PHOTO_WORD.get().is_match(t) || AGENCY_WORD.get().is_match(t);
    }
    PHOTO_WORD.get().is_match(t) && word_count(t) >= 2
}

/// Debris that needs no context: navigation, labels, buttons, credits, sign-offs, rules.
pub(crate) fn is_furniture(t: &str) -> bool {
    let t = t.trim();
    furniture(t, at_most_words(t, SHORT_WORDS))
}

/// [`is_furniture`] of a trimmed `t`, `short` if it has at most [`SHORT_WORDS`] words.
fn furniture(t: &str, short: bool) -> bool {
    if !t.chars().any(char::is_alphanumeric) {
        return true;
    }
    (short
        && (NAV_PHRASE.get().is_match(t)
            || UI_LINE.get().is_match(t)
            || FOLLOW_LINE.get().is_match(t)
            || SIGN_OFF.get().is_match(t)
            || (t.starts_with('[') && t.ends_with(']') && t.len() < 120)
            || is_button_or_icon_line(t)
            || is_menu_line(t)
            || is_photo_credit(t)))
        || (LABEL_LINE.get().is_match(t) && at_most_words(t, 60))
}

/// A title-like line: short, capitalised, without closing sentence punctuation, mostly words.
fn is_heading_shape(t: &str) -> bool {
    let t = t.trim();
    if t.len() > HEADING_MAX_CHARS * 4 || t.contains('\n') {
        return false;
    }
    // Most paragraphs are longer than a heading: counted before their words are split.
    if t.chars().count() > HEADING_MAX_CHARS {
        return false;
    }
    let words: Vec<&str> = t.split_whitespace().collect();
    let numeric = words
        .iter()
        .filter(|w| !w.chars().any(char::is_alphabetic))
        .count();
    !words.is_empty()
        && words.len() <= HEADING_MAX_WORDS
        && numeric * 3 < words.len()
        && !t
            .trim_end_matches(['”', '"', '’', '\'', ')', ']'])
            .ends_with(['.', '!', '?', ':', ';', ',', '…'])
        && t.chars()
            .find(|c| c.is_alphabetic())
            .is_some_and(|c| !c.is_lowercase())
}

/// Names that bylines and bios on this page give for its author.
fn byline_names(texts: &[&str], meta: &ArticleMeta) -> Vec<String> {
    let mut names: Vec<String> = Vec::new();
    if let Some(author) = &meta.author {
        names.extend(
            author
                .split([',', '&'])
                .flat_map(|a| a.split(" and "))
                .map(normalized),
        );
    }
    for t in texts
        .iter()
        .map(|t| t.trim())
        .filter(|t| at_most_words(t, SHORT_WORDS))
    {
        for caps in [
            seldom_captures(&ABOUT_LINE.get(), t),
            seldom_captures(&BYLINE.get(), t),
            seldom_captures(&FOLLOW_LINE.get(), t),
        ] {
            if let Some(name) = caps.and_then(|c| c.name("name")) {
                names.push(normalized(name.as_str()));
            }
        }
    }
    names.retain(|n| !n.is_empty());
    names
}

fn body_kind(
    texts: &[&str],
    i: usize,
    prev: Option<ParagraphKind>,
    ctx: &Context,
) -> ParagraphKind {
    let t = texts[i].trim();
    let at_edge = i < EDGE || i + EDGE >= ctx.body_len;
    let short = at_most_words(t, SHORT_WORDS);
    let after_about = i > 0 && ABOUT_LINE.get().is_match(texts[i - 1].trim());
    let debris = furniture(t, short)
        || is_comments_heading(t)
        || (short && ABOUT_LINE.get().is_match(t))
        || (after_about && at_most_words(t, 150))
        || (short && !ctx.names.is_empty() && ctx.names.contains(&normalized(t)))
        || (short && at_edge && BYLINE.get().is_match(t))
        || (at_edge && is_bio(t, prev, ctx))
        || (i + 1 == ctx.body_len && is_lone_capital_word(t));
    if debris {
        ParagraphKind::Debris
    } else if is_heading_shape(t) || ctx.title.as_ref().is_some_and(|title| is_title(t, title)) {
        ParagraphKind::Heading
    } else {
        ParagraphKind::Text
    }
}

/// A wire sign-off at the end of a story: one word in capitals ("REUTER", "WIRE", "ENDS").
fn is_lone_capital_word(t: &str) -> bool {
    let word = t.trim_end_matches('.');
    word.chars().count() >= 2 && word.chars().all(|c| c.is_uppercase())
}

/// `t` is the article's title (`title` is normalized).
fn is_title(t: &str, title: &str) -> bool {
    t.len() <= title.len() * 2 + 8 && normalized(t) == title
}

fn is_bio(t: &str, prev: Option<ParagraphKind>, ctx: &Context) -> bool {
    let Some(caps) = seldom_captures(&BIO.get(), t) else {
        return false;
    };
    let name = caps
        .name("name")
        .map_or(String::new(), |m| normalized(m.as_str()));
    at_most_words(t, 150)
        && (ctx.names.contains(&name)
            || prev == Some(ParagraphKind::Debris)
            || BIO_PHRASE.get().is_match(t))
}

struct Context {
    body_len: usize,
    names: Vec<String>,
    title: Option<String>,
}

/// Classifies every paragraph of an article (`texts`, in order) given its front-matter facts.
pub(crate) fn classify(texts: &[&str], meta: &ArticleMeta) -> Vec<Classified> {
    let start = comments_start(texts).unwrap_or(texts.len());
    let ctx = Context {
        body_len: start,
        names: byline_names(&texts[..start], meta),
        title: (!meta.title.trim().is_empty()).then(|| normalized(&meta.title)),
    };
    let mut out: Vec<Classified> = Vec::with_capacity(texts.len());
    let mut commenter: Option<String> = None;
    for (i, t) in texts.iter().enumerate() {
        let (kind, section) = if i < start {
            let prev = out.last().map(|c| c.kind);
            (body_kind(texts, i, prev, &ctx), Section::Body)
        } else {
            let header = comment_header(t)
                .or_else(|| (i > start).then(|| plain_header(t)).flatten().map(Some));
            let kind = match header {
                Some(name) => {
                    commenter = name;
                    ParagraphKind::CommentHeader
                }
                None if i == start => ParagraphKind::Heading,
                None if is_furniture(t) => ParagraphKind::Debris,
                None => ParagraphKind::Text,
            };
            (kind, Section::Comments)
        };
        out.push(Classified {
            kind,
            section,
            commenter: commenter.clone(),
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use ParagraphKind::{CommentHeader, Debris, Heading, Text};

    fn kinds(texts: &[&str], meta: &ArticleMeta) -> Vec<ParagraphKind> {
        classify(texts, meta).into_iter().map(|c| c.kind).collect()
    }

    fn plain(texts: &[&str]) -> Vec<ParagraphKind> {
        kinds(texts, &ArticleMeta::default())
    }

    const PROSE: &str = "The account sent a message on September 20, 2016, and he replied.";

    const FURNITURE: &str = "Skip to main content
        Home | Politics | Tech
        News • Sport • Weather • Business
        Press \"Enter\" to skip to content
        You are using an outdated browser.
        Please upgrade your browser
        and improve your visit to our site.
        Skip Navigation
        clock menu more-arrow no yes mobile
        Share Tweet Email
        Share this article
        Advertisement
        Sign up for our daily newsletter
        Filed under:
        FILED UNDER: 2016 Election, US Politics, , , ,
        Tags: politics, russia
        [image via screengrab]
        Follow Justin Baragona on Twitter: @justinbaragona
        Photo: Example Agency/Getty Images
        * * *
        REUTER
        (Reporting by Jane Doe; Editing by John Roe)";

    const NOT_FURNITURE: &str = "He told top staffers by email that WikiLeaks had reached out.
        Sales rose | costs fell | margins held, the report said.
        Trump Jr. tweeted the link to his followers on Twitter.
        Share prices fell sharply on Monday.
        Wow. Just wow.
        The newsletter reported the story first.";

    #[test]
    fn navigation_and_ui_lines_are_debris() {
        for line in FURNITURE.lines().map(str::trim) {
            assert!(is_furniture(line), "{line:?}");
        }
    }

    #[test]
    fn prose_mentioning_ui_words_is_text() {
        for line in NOT_FURNITURE.lines().map(str::trim) {
            assert!(!is_furniture(line), "{line:?}");
            assert_eq!(plain(&[PROSE, line, PROSE])[1], Text, "{line:?}");
        }
    }

    #[test]
    fn photo_credits() {
        let credits = "Leigh Vogel/WireImage/Getty|David Becker/Getty|Chip Somodevilla/Getty \
            Images|Alex Wong via Getty Images|AP Photo/Evan Vucci";
        assert!(credits.split('|').all(is_photo_credit), "{credits}");
        let others = "Donald Trump Jr and Julian Assange|Reuters Reports Profit Rise|He said so/";
        assert!(!others.split('|').any(is_photo_credit), "{others}");
    }

    #[test]
    fn bylines_and_bios_at_the_edges() {
        let bio = "Andrew Prokop is a senior politics correspondent at Vox, covering the news.";
        let got = plain(&["Headline Here", "Leigh Vogel/Getty", bio, PROSE, PROSE]);
        assert_eq!(got, [Heading, Debris, Debris, Text, Text]);
        let about = [
            "Doug Mataconis",
            "About Doug Mataconis",
            "Doug Mataconis held a B.A.",
        ];
        assert_eq!(
            plain(&[PROSE, about[0], about[1], about[2]]),
            [Text, Debris, Debris, Debris]
        );
        let meta = ArticleMeta {
            author: Some("Jane Roe".into()),
            ..ArticleMeta::default()
        };
        assert_eq!(
            plain(&[PROSE, "WIRE"]),
            [Text, Debris],
            "a sign-off ends the story"
        );
        assert_eq!(plain(&["NASA", PROSE]), [Heading, Text]);
        let got = kinds(&[PROSE, "Jane Roe", "By Jane Roe"], &meta);
        assert_eq!(got, [Text, Debris, Debris]);
        // In the middle of a long article, a sentence of that shape is reporting.
        let mut texts = vec![PROSE; 20];
        texts[10] = "Julia Ioffe is a staff writer at The Atlantic who first reported it.";
        assert_eq!(plain(&texts)[10], Text);
    }

    #[test]
    fn headings_and_title() {
        let headings = [
            "What Donald Trump Jr. did",
            "Donald Trump Jr and Julian Assange",
        ];
        assert!(headings.into_iter().all(is_heading_shape));
        let not = [
            "It did not respond.",
            "and then it went",
            "Net 3,110,000 vs 1,286",
            "A\nB",
        ];
        assert!(!not.into_iter().any(is_heading_shape));
        let meta = ArticleMeta {
            title: "Trump Jr. was in cahoots.".into(),
            ..Default::default()
        };
        assert_eq!(
            kinds(&["Trump Jr. was in cahoots.", PROSE], &meta),
            [Heading, Text]
        );
    }

    #[test]
    fn comments_section_and_commenters() {
        let texts = [
            "Headline",
            PROSE,
            "Comments",
            "1. Mikey says:",
            "First.",
            "@Franklin:",
            "3. @MarkedMan:",
            "Reply to him.",
            "Reader Two says:",
            "Second.",
        ];
        let got = classify(&texts, &ArticleMeta::default());
        let sections: Vec<Section> = got.iter().map(|c| c.section).collect();
        assert_eq!(
            sections[..3],
            [Section::Body, Section::Body, Section::Comments]
        );
        assert!(sections[2..].iter().all(|&s| s == Section::Comments));
        let kinds: Vec<ParagraphKind> = got.iter().map(|c| c.kind).collect();
        let header = CommentHeader;
        let expected = [
            Heading, Text, Heading, header, Text, Text, header, Text, header, Text,
        ];
        assert_eq!(kinds, expected);
        let who: Vec<Option<&str>> = got.iter().map(|c| c.commenter.as_deref()).collect();
        assert_eq!(who[3..6], [Some("Mikey"); 3]);
        assert_eq!(who[6..8], [None, None]);
        assert_eq!(who[8..], [Some("Reader Two"); 2]);
    }

    #[test]
    fn comments_heading_without_headers() {
        let mut texts = vec![PROSE; 6];
        texts.extend(["Join the discussion", "Great piece.", "I disagree."]);
        let got = classify(&texts, &ArticleMeta::default());
        assert_eq!((got[6].section, got[8].kind), (Section::Comments, Text));
        // A weak heading ("Discussion") without comment headers is just a heading.
        let got = classify(
            &[PROSE, PROSE, "Discussion", PROSE],
            &ArticleMeta::default(),
        );
        assert!(got.iter().all(|c| c.section == Section::Body));
        // A "Comments" link in the navigation at the top does not swallow the article.
        let got = classify(&["Comments", PROSE, PROSE, PROSE], &ArticleMeta::default());
        assert_eq!(got[0].kind, Debris);
        assert!(got.iter().all(|c| c.section == Section::Body));
    }

    #[test]
    fn odd_input_does_not_panic() {
        let long = "word ".repeat(10_000);
        let texts = [
            "",
            "😀",
            "\u{1}\u{2}",
            "中文标题",
            long.as_str(),
            "1.",
            "says:",
            "About",
        ];
        assert_eq!(plain(&texts).len(), texts.len());
    }
}
