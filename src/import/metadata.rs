//! What a page says about itself: title, outlet, authors, publication and update times,
//! canonical URL and language.
//!
//! Readability (`dom_smoothie`) already reads JSON-LD, Open Graph, `article:` and Dublin Core
//! meta tags the way Firefox's Reader View does, and its answers come first, so that an import
//! agrees with Reader View. What it leaves empty is filled here from the page's other habits:
//! JSON-LD fields it skips (`publisher`, `dateModified`, several authors), more meta names
//! (`byl`, `parsely-*`, `sailthru.*`, `application-name`), `<link rel=canonical>`, `<time>`,
//! the byline elements, the "saved from url" comment a browser writes into a complete save,
//! and, last, the URL itself (its host for the outlet, a `/2017/11/13/` path for the date).
//! Nothing is invented: a field no source gives stays empty.

use std::sync::LazyLock;

use chrono::{DateTime, NaiveDate, NaiveDateTime};
use dom_query::Document;
use regex::Regex;
use serde_json::Value;

/// Metadata read from the page's markup, before Readability runs (it changes the tree).
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageMeta {
    pub title: Option<String>,
    pub site: Option<String>,
    pub authors: Vec<String>,
    /// As the page writes it (ISO 8601 mostly); see [`normalize_time`].
    pub published: Option<String>,
    pub updated: Option<String>,
    pub canonical_url: Option<String>,
    pub lang: Option<String>,
}

/// Reads the page's own metadata from its markup. `page_url` is where it came from, if known.
pub fn read(doc: &Document, page_url: Option<&str>) -> PageMeta {
    let metas = meta_tags(doc);
    let meta = |names: &[&str]| -> Option<String> {
        names.iter().find_map(|n| {
            metas
                .iter()
                .find(|(k, v)| k == n && !v.is_empty())
                .map(|(_, v)| v.clone())
        })
    };
    let ld = json_ld(doc);
    let mut out = PageMeta {
        title: ld
            .headline
            .clone()
            .or_else(|| meta(&["og:title", "twitter:title"])),
        site: ld
            .publisher
            .clone()
            .or_else(|| meta(&["og:site_name", "application-name", "al:android:app_name"])),
        authors: ld.authors.clone(),
        published: ld.published.clone().or_else(|| {
            meta(&[
                "article:published_time",
                "article:published",
                "parsely-pub-date",
                "sailthru.date",
                "datepublished",
                "dc.date.issued",
                "dc.date",
                "dcterms.date",
                "date",
                "pubdate",
                "publish-date",
                "citation_publication_date",
            ])
        }),
        updated: ld
            .modified
            .clone()
            .or_else(|| meta(&["article:modified_time", "og:updated_time", "datemodified"])),
        canonical_url: canonical(doc)
            .or_else(|| meta(&["og:url"]))
            .or_else(|| ld.url.clone())
            .filter(|u| is_web_url(u)),
        lang: attr(doc, "html", "lang").or_else(|| meta(&["og:locale", "content-language"])),
    };
    if out.authors.is_empty() {
        let named = meta(&[
            "author",
            "byl",
            "parsely-author",
            "sailthru.author",
            "dc.creator",
            "citation_author",
            "article:author",
        ]);
        out.authors = named.map(|a| split_authors(&a)).unwrap_or_default();
    }
    if out.authors.is_empty() {
        out.authors = byline_elements(doc);
    }
    if out.published.is_none() {
        out.published = time_element(doc);
    }
    let source_url = out
        .canonical_url
        .clone()
        .or_else(|| saved_from(doc))
        .or_else(|| page_url.map(str::to_string));
    if out.canonical_url.is_none() {
        out.canonical_url = source_url.clone().filter(|u| is_web_url(u));
    }
    if out.published.is_none() {
        out.published = source_url.as_deref().and_then(date_in_url);
    }
    out
}

/// `(name or property, content)` of every `<meta>`, names lowercased.
fn meta_tags(doc: &Document) -> Vec<(String, String)> {
    doc.select("meta")
        .nodes()
        .iter()
        .filter_map(|m| {
            let key = m
                .attr("property")
                .or_else(|| m.attr("name"))
                .or_else(|| m.attr("itemprop"))
                .or_else(|| m.attr("http-equiv"))?;
            let content = m.attr("content")?;
            Some((key.trim().to_ascii_lowercase(), collapse(&content)))
        })
        .collect()
}

fn attr(doc: &Document, selector: &str, name: &str) -> Option<String> {
    let value = doc.select_single(selector).attr(name)?;
    let value = value.trim();
    (!value.is_empty()).then(|| value.to_string())
}

fn canonical(doc: &Document) -> Option<String> {
    doc.select("link[rel]")
        .nodes()
        .iter()
        .find(|l| {
            l.attr("rel").is_some_and(|r| {
                r.split_whitespace()
                    .any(|w| w.eq_ignore_ascii_case("canonical"))
            })
        })
        .and_then(|l| l.attr("href"))
        .map(|h| h.trim().to_string())
}

/// What JSON-LD blocks say about the article.
#[derive(Debug, Default)]
struct JsonLd {
    headline: Option<String>,
    authors: Vec<String>,
    publisher: Option<String>,
    published: Option<String>,
    modified: Option<String>,
    url: Option<String>,
}

fn json_ld(doc: &Document) -> JsonLd {
    let mut out = JsonLd::default();
    for script in doc.select("script[type]").nodes() {
        let is_ld = script
            .attr("type")
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json"));
        if !is_ld {
            continue;
        }
        let text = script.text();
        let Ok(value) = serde_json::from_str::<Value>(text.trim()) else {
            continue;
        };
        let mut objects = Vec::new();
        flatten(&value, &mut objects, 0);
        if let Some(article) = objects.into_iter().find(|o| is_article(o)) {
            fill_from_article(&mut out, article);
            break;
        }
    }
    out
}

/// Every object of a JSON-LD value: the value itself, `@graph` members and array items.
fn flatten<'a>(value: &'a Value, out: &mut Vec<&'a Value>, depth: usize) {
    if depth > 4 {
        return;
    }
    match value {
        Value::Array(items) => items.iter().for_each(|v| flatten(v, out, depth + 1)),
        Value::Object(map) => {
            out.push(value);
            if let Some(graph) = map.get("@graph") {
                flatten(graph, out, depth + 1);
            }
        }
        _ => {}
    }
}

fn is_article(value: &Value) -> bool {
    let is = |t: &str| {
        t.ends_with("Article")
            || matches!(
                t,
                "BlogPosting" | "LiveBlogPosting" | "Report" | "WebPage" | "SocialMediaPosting"
            )
    };
    match value.get("@type") {
        Some(Value::String(t)) => is(t) && t != "WebPage" || t == "WebPage" && has_dates(value),
        Some(Value::Array(ts)) => ts.iter().filter_map(Value::as_str).any(is),
        _ => false,
    }
}

fn has_dates(value: &Value) -> bool {
    value.get("datePublished").is_some() && value.get("headline").is_some()
}

fn fill_from_article(out: &mut JsonLd, article: &Value) {
    let text = |key: &str| {
        article
            .get(key)
            .and_then(Value::as_str)
            .map(collapse)
            .filter(|s| !s.is_empty())
    };
    out.headline = text("headline").or_else(|| text("name"));
    out.published = text("datePublished").or_else(|| text("dateCreated"));
    out.modified = text("dateModified");
    out.url = text("url").or_else(|| {
        let main = article.get("mainEntityOfPage")?;
        main.as_str()
            .map(str::to_string)
            .or_else(|| main.get("@id")?.as_str().map(str::to_string))
    });
    out.publisher = article.get("publisher").and_then(name_of);
    if let Some(author) = article.get("author").or_else(|| article.get("creator")) {
        let list: Vec<&Value> = match author {
            Value::Array(items) => items.iter().collect(),
            other => vec![other],
        };
        for a in list {
            if let Some(name) = name_of(a) {
                for n in split_authors(&name) {
                    if !out.authors.contains(&n) {
                        out.authors.push(n);
                    }
                }
            }
        }
    }
}

/// A JSON-LD person or organisation: a string, or an object with a `name`.
fn name_of(value: &Value) -> Option<String> {
    let name = match value {
        Value::String(s) => s.as_str(),
        Value::Object(map) => map.get("name")?.as_str()?,
        Value::Array(items) => return items.iter().find_map(name_of),
        _ => return None,
    };
    let name = collapse(name);
    (!name.is_empty() && !is_web_url(&name)).then_some(name)
}

/// Authors named by the page's byline elements.
fn byline_elements(doc: &Document) -> Vec<String> {
    for selector in [
        "[itemprop=author] [itemprop=name]",
        "[itemprop=author]",
        "[rel=author]",
        ".byline__name",
        ".byline",
        ".author-name",
    ] {
        let names: Vec<String> = doc
            .select(selector)
            .nodes()
            .iter()
            .flat_map(|n| split_authors(&n.text()))
            .filter(|n| n.split_whitespace().count() <= 6)
            .collect();
        if !names.is_empty() {
            let mut unique: Vec<String> = Vec::new();
            for n in names {
                if !unique.contains(&n) {
                    unique.push(n);
                }
            }
            return unique;
        }
    }
    Vec::new()
}

/// "By Jane Roe and John Doe" -> ["Jane Roe", "John Doe"]; a URL is no name.
pub fn split_authors(text: &str) -> Vec<String> {
    let text = collapse(text);
    let lower = text.to_lowercase();
    let text = ["by ", "par ", "von ", "por "]
        .iter()
        .find(|p| lower.starts_with(*p))
        .and_then(|p| text.get(p.len()..))
        .unwrap_or(&text);
    text.split([',', ';', '|', '\n'])
        .flat_map(|part| part.split(" and "))
        .flat_map(|part| part.split(" & "))
        .map(|p| p.trim().trim_end_matches(['.', ':']).trim().to_string())
        .filter(|p| !p.is_empty() && !is_web_url(p) && p.chars().any(char::is_alphabetic))
        .collect()
}

fn time_element(doc: &Document) -> Option<String> {
    let times = doc.select("time[datetime]");
    let nodes = times.nodes();
    let preferred = nodes
        .iter()
        .find(|t| {
            t.has_attr("pubdate")
                || t.attr("itemprop")
                    .is_some_and(|p| p.eq_ignore_ascii_case("datePublished"))
        })
        .or_else(|| nodes.first())?;
    let value = preferred.attr("datetime")?;
    normalize_time(&value).map(|_| value.trim().to_string())
}

/// The URL in `<!-- saved from url=(0061)https://… -->`, written by browsers into a saved page.
fn saved_from(doc: &Document) -> Option<String> {
    let html = doc.html();
    let head = &html[..html.len().min(4096)];
    let at = head.find("saved from url=(")?;
    let rest = &head[at + "saved from url=(".len()..];
    let rest = &rest[rest.find(')')? + 1..];
    let end = rest
        .find(|c: char| c.is_whitespace() || c == '-')
        .unwrap_or(rest.len());
    let url = &rest[..end];
    is_web_url(url).then(|| url.to_string())
}

pub fn is_web_url(s: &str) -> bool {
    let lower = s.trim().to_ascii_lowercase();
    lower.starts_with("http://") || lower.starts_with("https://")
}

/// The host of a URL without `www.`: "https://www.nytimes.com/x" -> "nytimes.com".
pub fn host_of(url: &str) -> Option<String> {
    let rest = url.trim().split_once("://")?.1;
    let host = rest.split(['/', '?', '#']).next()?;
    let host = host.rsplit_once('@').map_or(host, |(_, h)| h);
    let host = host.split(':').next()?.to_ascii_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host).to_string();
    (!host.is_empty()).then_some(host)
}

/// A date written in a URL's path: `/2017/11/13/`, `/2017-11-13-`, `/20171113/`.
pub fn date_in_url(url: &str) -> Option<String> {
    let path = url.split_once("://").map_or(url, |(_, r)| r);
    let path = &path[path.find('/')?..];
    static URL_DATE: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(
            r"(?:^|[/_-])((?:19|20)\d\d)[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?:[/_.-]|$)",
        )
        .expect("a valid pattern")
    });
    let caps = URL_DATE.captures(path)?;
    let date = format!("{}-{}-{}", &caps[1], &caps[2], &caps[3]);
    NaiveDate::parse_from_str(&date, "%Y-%m-%d").ok()?;
    Some(date)
}

/// A page's time as ISO 8601: RFC 3339 when it has a time and an offset, `YYYY-MM-DDTHH:MM:SS`
/// without an offset, `YYYY-MM-DD` for a date. The date part is the day as the page gives it
/// (its own time zone). None when it is not a time at all.
pub fn normalize_time(raw: &str) -> Option<String> {
    let s = raw.trim();
    if let Ok(t) = DateTime::parse_from_rfc3339(s) {
        return Some(t.to_rfc3339());
    }
    if let Ok(t) = DateTime::parse_from_rfc2822(s) {
        return Some(t.to_rfc3339());
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f%z",
        "%Y-%m-%d %H:%M:%S%.f%z",
        "%Y-%m-%dT%H:%M%z",
    ] {
        if let Ok(t) = DateTime::parse_from_str(s, format) {
            return Some(t.to_rfc3339());
        }
    }
    for format in [
        "%Y-%m-%dT%H:%M:%S%.f",
        "%Y-%m-%d %H:%M:%S%.f",
        "%Y-%m-%dT%H:%M",
    ] {
        if let Ok(t) = NaiveDateTime::parse_from_str(s, format) {
            return Some(t.format("%Y-%m-%dT%H:%M:%S").to_string());
        }
    }
    let day = s.get(..10).unwrap_or(s);
    for format in ["%Y-%m-%d", "%Y/%m/%d", "%Y%m%d"] {
        if let Ok(d) = NaiveDate::parse_from_str(day, format) {
            return Some(d.format("%Y-%m-%d").to_string());
        }
    }
    if let Ok(d) = NaiveDate::parse_from_str(s, "%B %d, %Y") {
        return Some(d.format("%Y-%m-%d").to_string());
    }
    None
}

/// The title without a trailing (or leading) " | Site", " - Site", " — Site" that names the
/// outlet or the host. Any other separator is left alone: "Iraq - the war" is a title.
pub fn strip_site_suffix(title: &str, site: Option<&str>, host: Option<&str>) -> String {
    let title = collapse(title);
    let names: Vec<String> = [site, host, host.and_then(|h| h.split('.').next())]
        .into_iter()
        .flatten()
        .map(squash)
        .filter(|n| n.len() >= 2)
        .collect();
    if names.is_empty() {
        return title;
    }
    for sep in [" | ", " - ", " – ", " — ", " :: ", " · ", " « ", " » "] {
        if let Some((head, tail)) = title.rsplit_once(sep) {
            let tail = squash(tail);
            if !head.trim().is_empty() && names.iter().any(|n| same_name(n, &tail)) {
                return head.trim().to_string();
            }
        }
        if let Some((head, tail)) = title.split_once(sep) {
            let head_name = squash(head);
            if !tail.trim().is_empty() && names.iter().any(|n| same_name(n, &head_name)) {
                return tail.trim().to_string();
            }
        }
    }
    title
}

fn same_name(a: &str, b: &str) -> bool {
    a == b || (b.len() >= 4 && a.starts_with(b)) || (a.len() >= 4 && b.starts_with(a))
}

/// Lowercase letters and digits only, without a leading "the": "The New York Times" ->
/// "newyorktimes".
fn squash(s: &str) -> String {
    let lower = s.trim().to_lowercase();
    let lower = lower.strip_prefix("the ").unwrap_or(&lower);
    lower.chars().filter(|c| c.is_alphanumeric()).collect()
}

/// Whitespace runs as single spaces.
pub fn collapse(s: &str) -> String {
    s.split_whitespace().collect::<Vec<_>>().join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn meta_of(html: &str, url: Option<&str>) -> PageMeta {
        read(&Document::from(html), url)
    }

    #[test]
    fn json_ld_article_with_graph_and_authors() {
        let html = r#"<html lang="en-GB"><head><script type="application/ld+json">
            {"@context":"https://schema.org","@graph":[{"@type":"WebSite","name":"X"},
             {"@type":"NewsArticle","headline":"Big news","datePublished":"2017-11-13T10:00:00-05:00",
              "dateModified":"2017-11-14T08:00:00Z","author":[{"@type":"Person","name":"Jane Roe"},
              {"name":"John Doe"}],"publisher":{"@type":"Organization","name":"The Daily"},
              "mainEntityOfPage":{"@id":"https://daily.example/a"}}]}
            </script></head><body></body></html>"#;
        let m = meta_of(html, None);
        assert_eq!(m.title.as_deref(), Some("Big news"));
        assert_eq!(m.authors, ["Jane Roe", "John Doe"]);
        assert_eq!(m.site.as_deref(), Some("The Daily"));
        assert_eq!(m.published.as_deref(), Some("2017-11-13T10:00:00-05:00"));
        assert_eq!(m.updated.as_deref(), Some("2017-11-14T08:00:00Z"));
        assert_eq!(m.canonical_url.as_deref(), Some("https://daily.example/a"));
        assert_eq!(m.lang.as_deref(), Some("en-GB"));
    }

    #[test]
    fn meta_tags_time_byline_and_url_fallbacks() {
        let html = r#"<head><meta property="og:site_name" content="Vox">
            <meta name="byl" content="By Andrew Prokop and Jane Roe">
            <link rel="canonical" href="https://www.vox.com/2017/11/13/x"></head>
            <body><time datetime="2017-11-13T14:00:00Z">Nov 13</time></body>"#;
        let m = meta_of(html, None);
        assert_eq!(m.site.as_deref(), Some("Vox"));
        assert_eq!(m.authors, ["Andrew Prokop", "Jane Roe"]);
        assert_eq!(m.published.as_deref(), Some("2017-11-13T14:00:00Z"));
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://www.vox.com/2017/11/13/x")
        );
        // Nothing but a saved-from comment: the URL gives the date.
        let html = "<!-- saved from url=(0042)https://example.com/2016/10/02/story.html -->\
            <html><body><p class=byline>By Ann Lee</p></body></html>";
        let m = meta_of(html, None);
        assert_eq!(
            m.canonical_url.as_deref(),
            Some("https://example.com/2016/10/02/story.html")
        );
        assert_eq!(m.published.as_deref(), Some("2016-10-02"));
        assert_eq!(m.authors, ["Ann Lee"]);
        assert_eq!(meta_of("<p>x</p>", None), PageMeta::default());
    }

    #[test]
    fn site_suffix_only_when_it_names_the_site() {
        let t = |title, site| strip_site_suffix(title, site, Some("nytimes.com"));
        assert_eq!(
            t(
                "Sudan sanctions lifted - The New York Times",
                Some("The New York Times")
            ),
            "Sudan sanctions lifted"
        );
        assert_eq!(t("Sanctions | NYTimes.com", None), "Sanctions");
        assert_eq!(t("Iraq - the war", Some("BBC")), "Iraq - the war");
        assert_eq!(t("BBC News | A story", Some("BBC News")), "A story");
        assert_eq!(strip_site_suffix("A  title ", None, None), "A title");
    }

    #[test]
    fn times_and_url_dates() {
        assert_eq!(
            normalize_time("2017-11-13T10:00:00-05:00").unwrap(),
            "2017-11-13T10:00:00-05:00"
        );
        assert_eq!(
            normalize_time("Mon, 13 Nov 2017 10:00:00 GMT").unwrap(),
            "2017-11-13T10:00:00+00:00"
        );
        assert_eq!(normalize_time("2017-11-13").unwrap(), "2017-11-13");
        assert_eq!(
            normalize_time("2017-11-13 10:00:00").unwrap(),
            "2017-11-13T10:00:00"
        );
        assert_eq!(normalize_time("November 13, 2017").unwrap(), "2017-11-13");
        assert_eq!(normalize_time("yesterday"), None);
        assert_eq!(
            date_in_url("https://x.com/2017/11/13/a").as_deref(),
            Some("2017-11-13")
        );
        assert_eq!(
            date_in_url("https://x.com/news/20171113-a").as_deref(),
            Some("2017-11-13")
        );
        assert_eq!(date_in_url("https://x.com/2017/13/45/a"), None);
        assert_eq!(
            host_of("https://www.bbc.co.uk/news").as_deref(),
            Some("bbc.co.uk")
        );
        assert_eq!(
            split_authors("By Jane Roe, John Doe & Ann Lee"),
            ["Jane Roe", "John Doe", "Ann Lee"]
        );
    }
}
