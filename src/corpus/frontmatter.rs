//! The optional `---` block of `key: value` lines at the very start of a file.
//!
//! A deliberately small subset of YAML (flat keys, quoted or bare values, indented continuation
//! lines and `- item` lists joined with ", "): the files are written by hand or by scripts, and a
//! full YAML parser would accept far more than the notebook can use. A block that does not look
//! like front matter (never closed, or holding lines that are not `key: value`) is left as body
//! text, with a warning, rather than guessed at.

use super::model::ArticleMeta;
use crate::when::When;

/// What the front matter gave, where the body starts, and any caveats to report.
#[derive(Debug, Clone, Default, PartialEq)]
pub(crate) struct FrontMatter {
    pub meta: ArticleMeta,
    pub body_start: usize,
    pub warnings: Vec<String>,
}

/// Lines with their content range (terminator excluded) and the offset after the terminator.
fn lines_with_ends(text: &str) -> impl Iterator<Item = (&str, usize)> {
    let mut pos = 0;
    std::iter::from_fn(move || {
        if pos >= text.len() {
            return None;
        }
        let rest = &text[pos..];
        let (len, term) = match rest.find(['\n', '\r']) {
            Some(i) if rest[i..].starts_with("\r\n") => (i, 2),
            Some(i) => (i, 1),
            None => (rest.len(), 0),
        };
        let line = &rest[..len];
        pos += len + term;
        Some((line, pos))
    })
}

fn is_fence(line: &str) -> bool {
    line.trim_end() == "---"
}

/// Splits `key: value`; keys are a letter then letters, digits, `_`, `-` or spaces.
fn key_value(line: &str) -> Option<(String, &str)> {
    let (key, value) = line.split_once(':')?;
    let key = key.trim();
    let mut chars = key.chars();
    let valid = chars.next().is_some_and(|c| c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '_' | '-' | ' '))
        && key.len() <= 40;
    valid.then(|| (key.to_ascii_lowercase(), value.trim()))
}

fn unquote(value: &str) -> &str {
    let v = value.trim();
    for q in ['"', '\''] {
        if v.len() >= 2 && v.starts_with(q) && v.ends_with(q) {
            return &v[1..v.len() - 1];
        }
    }
    v
}

/// Parses the front matter of `text`, if any.
pub(crate) fn parse(text: &str) -> FrontMatter {
    let mut out = FrontMatter::default();
    let mut lines = lines_with_ends(text);
    match lines.next() {
        Some((first, _)) if is_fence(first) => {}
        _ => return out,
    }
    let mut pairs: Vec<(String, String)> = Vec::new();
    let mut looks_like_front_matter = true;
    let mut body_start = None;
    for (line, end) in lines.by_ref() {
        if is_fence(line) {
            body_start = Some(end);
            break;
        }
        let trimmed = line.trim();
        if trimmed.is_empty() || trimmed.starts_with('#') {
            continue;
        }
        let indented = line.starts_with([' ', '\t']);
        match (indented, pairs.last_mut(), key_value(line)) {
            (true, Some((_, value)), _) => {
                let item = trimmed.strip_prefix("- ").unwrap_or(trimmed);
                let sep = if trimmed.starts_with("- ") && !value.is_empty() {
                    ", "
                } else {
                    " "
                };
                if !value.is_empty() {
                    value.push_str(sep);
                }
                value.push_str(unquote(item));
            }
            (false, _, Some((key, value))) => pairs.push((key, unquote(value).to_string())),
            _ => looks_like_front_matter = false,
        }
    }
    let Some(body_start) = body_start else {
        if !pairs.is_empty() {
            out.warnings
                .push("front matter opened with --- is never closed; read as body text".into());
        }
        return out;
    };
    if !looks_like_front_matter {
        out.warnings.push(
            "the --- block at the top holds lines that are not `key: value`; read as body text"
                .into(),
        );
        return out;
    }
    out.body_start = body_start;
    for (key, value) in pairs {
        apply(&mut out, key, value);
    }
    out
}

fn apply(out: &mut FrontMatter, key: String, value: String) {
    let meta = &mut out.meta;
    let some = |v: String| (!v.is_empty()).then_some(v);
    match key.as_str() {
        "title" => meta.title = value,
        "outlet" => meta.outlet = some(value),
        "author" => meta.author = some(value),
        "url" => meta.url = some(value),
        "published" if value.is_empty() => {}
        "published" => match When::parse_iso(&value).or_else(|| date_of_timestamp(&value)) {
            Some(when) => {
                meta.published = Some(when);
                meta.published_from = Some(super::model::DateSource::FrontMatter);
            }
            None => {
                out.warnings.push(if When::parse_iso(&value).is_none() && value.len() <= 10 {
                    format!(
                        "published: {}; kept as an extra field",
                        When::iso_problem(&value)
                    )
                } else {
                    format!(
                        "published: `{value}` is not a date (YYYY-MM-DD, YYYY-MM or an ISO 8601 \
                         time); kept as an extra field"
                    )
                });
                meta.extra.push((key, value));
            }
        },
        _ => meta.extra.push((key, value)),
    }
}

/// The day of an ISO 8601 time as `casefile add` writes it (`2017-11-13T10:00:00-05:00`): the
/// date as the page wrote it, in its own time zone. The time itself is not used for dating.
fn date_of_timestamp(value: &str) -> Option<When> {
    let (date, rest) = (value.get(..10)?, value.get(10..)?);
    if !rest.starts_with(['T', ' ']) || rest.len() < 3 {
        return None;
    }
    When::parse_iso(date).filter(|w| w.precision == crate::when::Precision::Day)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::when::Precision;

    #[test]
    fn a_date_that_does_not_exist_is_called_so() {
        let fm = parse("---\npublished: 2016-02-30\n---\nBody.\n");
        assert!(fm.meta.published.is_none());
        assert_eq!(
            fm.warnings,
            [
                "published: 2016-02-30 does not exist: February 2016 has 29 days; kept as an \
              extra field"
            ]
        );
        let fm = parse("---\npublished: 2017-13-01\n---\nBody.\n");
        assert!(
            fm.warnings[0].contains("there is no month 13"),
            "{:?}",
            fm.warnings
        );
        let fm = parse("---\npublished: last Tuesday\n---\nBody.\n");
        assert!(
            fm.warnings[0].contains("is not a date"),
            "{:?}",
            fm.warnings
        );
    }

    #[test]
    fn known_and_unknown_keys() {
        let text = "---\ntitle: A \"quoted\" title\noutlet: 'Vox'\nauthor: Andrew Prokop\n\
            published: 2017-11-13\nurl: https://vox.com/a:b\ntopic: politics\n---\nBody.\n";
        let fm = parse(text);
        assert_eq!(fm.meta.title, "A \"quoted\" title");
        assert_eq!(fm.meta.outlet.as_deref(), Some("Vox"));
        assert_eq!(fm.meta.author.as_deref(), Some("Andrew Prokop"));
        assert_eq!(fm.meta.url.as_deref(), Some("https://vox.com/a:b"));
        assert_eq!(fm.meta.published.unwrap().precision, Precision::Day);
        assert_eq!(
            fm.meta.extra,
            [("topic".to_string(), "politics".to_string())]
        );
        assert_eq!(&text[fm.body_start..], "Body.\n");
        assert!(fm.warnings.is_empty());
    }

    #[test]
    fn month_precision_and_bad_date() {
        let fm = parse("---\npublished: 2017-11\n---\n");
        assert_eq!(fm.meta.published.unwrap().precision, Precision::Month);
        let fm = parse("---\npublished: last Tuesday\n---\nx");
        assert!(fm.meta.published.is_none());
        assert_eq!(fm.meta.extra, [("published".into(), "last Tuesday".into())]);
        assert_eq!(fm.warnings.len(), 1);
        assert!(fm.warnings[0].contains("last Tuesday"));
    }

    #[test]
    fn published_as_a_timestamp_gives_its_day() {
        let fm = parse("---\npublished: 2017-11-13T23:30:00-05:00\n---\n");
        let when = fm.meta.published.unwrap();
        assert_eq!(when.date.to_string(), "2017-11-13");
        assert_eq!(when.precision, Precision::Day);
        assert!(fm.warnings.is_empty());
        assert!(
            parse("---\npublished: 2017-11-13Tx\n---\n")
                .meta
                .published
                .is_none()
        );
    }

    #[test]
    fn crlf_lines() {
        let text = "---\r\ntitle: T\r\noutlet: O\r\n---\r\nBody\r\n";
        let fm = parse(text);
        assert_eq!(fm.meta.title, "T");
        assert_eq!(fm.meta.outlet.as_deref(), Some("O"));
        assert_eq!(&text[fm.body_start..], "Body\r\n");
    }

    #[test]
    fn lists_and_continuations() {
        let fm = parse("---\ntags:\n  - a\n  - b\nnote: one\n  two\n---\n");
        assert_eq!(
            fm.meta.extra,
            [
                ("tags".into(), "a, b".into()),
                ("note".into(), "one two".into())
            ]
        );
    }

    #[test]
    fn no_front_matter_and_edge_cases() {
        for text in [
            "",
            "---",
            "---\n",
            "Title\n---\nx: y\n---\n",
            "----\nx: y\n----\n",
        ] {
            let fm = parse(text);
            assert_eq!(fm.body_start, 0, "{text:?}");
            assert_eq!(fm.meta, ArticleMeta::default());
        }
        let unterminated = parse("---\ntitle: x\nno closing fence\n");
        assert_eq!(unterminated.body_start, 0);
        assert_eq!(unterminated.warnings.len(), 1);
        let prose = parse("---\nJust a rule, then prose.\n---\n");
        assert_eq!(prose.body_start, 0);
        assert_eq!(prose.warnings.len(), 1);
        let only = "---\ntitle: Only\n---";
        assert_eq!(parse(only).body_start, only.len());
        assert_eq!(parse("---\n---\nBody").body_start, 8);
        assert_eq!(parse("---\nauthor:\n---\n").meta.author, None);
    }
}
