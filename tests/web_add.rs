//! `casefile add` and the fetcher under it, against a local HTTP server (127.0.0.1 only):
//! redirects, gzip, a 404, a 503, a login wall, a slow answer that must time out, an
//! oversized one, a PDF, a Latin-1 page; then the command end to end (files, front matter,
//! originals, duplicates, versions, exit codes), saved pages dropped into a corpus, and quotes
//! found in an imported news page.

mod web_server;

use std::collections::HashMap;
use std::fs;
use std::path::Path;
use std::time::{Duration, Instant};

use assert_cmd::Command;
use casefile::import::charset::decode_page;
use casefile::import::extract::extract;
use casefile::import::{FetchError, FetchOptions, Fetcher};
use predicates::prelude::*;
use web_server::Server;

/// A news page written for these tests: navigation and a footer around an article with
/// quotes, an attributed block quote and an embedded post.
fn news_page(title: &str, extra: &str) -> String {
    format!(
        r##"<!DOCTYPE html><html lang="en"><head><meta charset="utf-8">
<title>{title} | The Daily Ledger</title>
<meta property="og:site_name" content="The Daily Ledger">
<meta property="og:title" content="{title}">
<meta property="article:published_time" content="2019-03-04T09:30:00-05:00">
<meta property="article:modified_time" content="2019-03-05T11:00:00-05:00">
<meta name="author" content="Maria Alvarez">
<link rel="canonical" href="https://ledger.example/2019/03/04/{slug}">
</head><body>
<nav><a href="/">Home</a> <a href="/politics">Politics</a> <a href="/sport">Sport</a></nav>
<article>
<h1>{title}</h1>
<p class="byline">By Maria Alvarez</p>
<p>The mayor of Riverton defended the new bridge contract on Monday, telling reporters at
city hall that the process had been fair and open to every bidder from the start.</p>
<p>“We followed every rule in the book, and the contract went to the lowest bidder,” Mayor
Helen Park said. “Anyone who says otherwise has not read the documents.”</p>
<p>Her rival on the council, Tom Reyes, was not convinced by that account of events.
“The numbers simply do not add up, and the public deserves to see them,” Reyes told the
Ledger in an interview on Tuesday afternoon.</p>
<h2>A second look</h2>
<p>The city auditor said she would review the bidding process over the coming weeks, and
that her office had already asked the contractors for their full set of records.</p>
<blockquote class="twitter-tweet"><p>The bridge contract deserves a full public hearing.
I will ask for one at Thursday's council meeting.</p>— Tom Reyes (@tomreyes) <a href="#">March 4, 2019</a></blockquote>
<p>{extra}The contractor did not respond to several requests for comment on Monday, and a
spokesman for the mayor's office declined to say when the records would be published.</p>
</article>
<footer>© 2019 The Daily Ledger · Privacy · Terms · Contact us</footer>
</body></html>"##,
        slug = title.to_lowercase().replace(' ', "-"),
    )
}

fn latin1_page() -> Vec<u8> {
    let page = news_page("Café owners protest fees", "Le café coûte 2 € désormais. ");
    // Latin-1 has no curly quotes, dashes or euro sign: put the plain ones in.
    let page = page
        .replace(['“', '”'], "\"")
        .replace('—', "-")
        .replace('©', "(c)")
        .replace('€', "EUR")
        .replace("<meta charset=\"utf-8\">", "");
    page.chars()
        .map(|c| u8::try_from(c as u32).expect("Latin-1"))
        .collect()
}

fn server() -> Server {
    let mut pages: HashMap<String, Vec<u8>> = HashMap::new();
    pages.insert(
        "bridge".into(),
        news_page("Mayor defends bridge contract", "").into_bytes(),
    );
    pages.insert(
        "bridge-edited".into(),
        news_page(
            "Mayor defends bridge contract",
            "Update: the mayor has since resigned. ",
        )
        .into_bytes(),
    );
    pages.insert("latin1".into(), latin1_page());
    pages.insert(
        "index".into(),
        b"<html><head><title>Home</title></head><body><nav><a href='/a'>A</a> <a href='/b'>B</a></nav>\
          <ul><li><a href='/1'>Story one</a></li><li><a href='/2'>Story two</a></li></ul></body></html>"
            .to_vec(),
    );
    Server::start(pages)
}

fn fetcher() -> Fetcher {
    Fetcher::new(FetchOptions {
        connect_timeout: Duration::from_secs(2),
        total_timeout: Duration::from_secs(1),
        max_redirects: 5,
        max_bytes: 1_000_000,
    })
}

#[test]
fn fetch_follows_redirects_and_gzip_and_reports_each_failure() {
    let server = server();
    let f = fetcher();
    let page = f.fetch(&server.url("/redirect/3/bridge")).unwrap();
    assert!(
        page.final_url.ends_with("/page/bridge"),
        "{}",
        page.final_url
    );
    let gz = f.fetch(&server.url("/gz/bridge")).unwrap();
    assert_eq!(gz.bytes, page.bytes);
    let err = |path: &str| f.fetch(&server.url(path)).unwrap_err();
    assert!(matches!(
        err("/redirect/9/bridge"),
        FetchError::Redirects(5)
    ));
    assert!(matches!(err("/loop"), FetchError::Redirects(_)));
    assert!(matches!(err("/missing"), FetchError::NotFound));
    assert!(matches!(err("/broken"), FetchError::Server(503)));
    assert!(matches!(err("/login"), FetchError::Refused(403)));
    assert!(matches!(err("/pdf"), FetchError::NotHtml(m) if m == "application/pdf"));
    assert!(matches!(err("/huge"), FetchError::TooLarge(1_000_000)));
    for slow in ["/slow-headers", "/slow-body"] {
        let started = Instant::now();
        let e = err(slow);
        assert!(matches!(e, FetchError::Timeout(..)), "{slow}: {e:?}");
        assert!(started.elapsed() < Duration::from_secs(3), "{slow} hung");
    }
    // A port nobody listens on: connection refused, at once.
    let closed = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let port = closed.local_addr().unwrap().port();
    drop(closed);
    let e = f.fetch(&format!("http://127.0.0.1:{port}/x")).unwrap_err();
    assert!(
        matches!(e, FetchError::Connect | FetchError::Io(_)),
        "{e:?}"
    );
    assert!(matches!(
        f.fetch("ftp://x/y").unwrap_err(),
        FetchError::BadUrl(_)
    ));
    // https:// to a server that speaks plain HTTP: the TLS handshake fails.
    let e = f
        .fetch(&format!("https://{}/page/bridge", server.addr))
        .unwrap_err();
    assert!(matches!(e, FetchError::Tls(_)), "{e:?}");
    // Every message is a sentence for the person who typed the URL.
    assert_eq!(
        err("/missing").to_string(),
        "the page was not found (HTTP 404)"
    );
}

#[test]
fn a_latin1_page_is_decoded_by_its_header_or_its_guess() {
    let server = server();
    let fetched = fetcher().fetch(&server.url("/latin1/latin1")).unwrap();
    assert_eq!(fetched.charset.as_deref(), Some("ISO-8859-1"));
    let text = decode_page(&fetched.bytes, fetched.charset.as_deref()).text;
    let a = extract(&text, Some(&fetched.final_url)).unwrap();
    assert_eq!(a.title, "Café owners protest fees");
    assert!(a.body_text().contains("Le café coûte 2 EUR désormais."));
    // Without the header (a saved file): not UTF-8, so Windows-1252, the same text.
    let guessed = decode_page(&fetched.bytes, None).text;
    assert_eq!(guessed, text);
}

fn casefile() -> Command {
    let mut c = Command::cargo_bin("casefile").expect("binary built");
    c.env("CASEFILE_NO_CACHE", "1");
    c
}

fn case_files(corpus: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus)
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".txt"))
        .collect();
    names.sort();
    names
}

#[test]
fn add_urls_then_duplicates_versions_and_exit_codes() {
    let server = server();
    let case = tempfile::tempdir().unwrap();
    let dir = case.path().to_str().unwrap();
    let bridge = server.url("/page/bridge");
    let out = casefile()
        .args(["add", "--case", dir, &bridge, &server.url("/missing")])
        .args([&server.url("/page/index")])
        .output()
        .unwrap();
    let stdout = String::from_utf8_lossy(&out.stdout);
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stdout}\n{stderr}");
    assert!(
        stderr.contains("/missing: the page was not found (HTTP 404)"),
        "{stderr}"
    );
    assert!(stderr.contains("not an article"), "{stderr}");
    assert!(
        stdout.contains("1 added, 1 not articles, 1 failed"),
        "{stdout}"
    );
    let corpus = case.path().join("corpus");
    let name = "the-daily-ledger-2019-03-04-mayor-defends-bridge-contract.txt";
    assert_eq!(case_files(&corpus), [name]);
    let text = fs::read_to_string(corpus.join(name)).unwrap();
    let front = text.split("\n---\n").next().unwrap();
    for line in [
        "title: Mayor defends bridge contract",
        "outlet: The Daily Ledger",
        "author: Maria Alvarez",
        "published: 2019-03-04T09:30:00-05:00",
        "updated: 2019-03-05T11:00:00-05:00",
        "url: https://ledger.example/2019/03/04/mayor-defends-bridge-contract",
        "original: .originals/the-daily-ledger-2019-03-04-mayor-defends-bridge-contract.html",
    ] {
        assert!(front.contains(line), "missing {line:?} in\n{front}");
    }
    assert!(front.contains("\nretrieved: 20"), "{front}");
    assert!(
        !text.contains("Privacy · Terms"),
        "page furniture kept:\n{text}"
    );
    let original = corpus
        .join(".originals")
        .join(name.replace(".txt", ".html"));
    assert_eq!(
        fs::read(original).unwrap(),
        news_page("Mayor defends bridge contract", "").as_bytes()
    );

    // Again, by another address of the same article: already there, nothing written.
    casefile()
        .args(["add", "--case", dir, &server.url("/redirect/1/bridge")])
        .assert()
        .success()
        .stdout(predicate::str::contains("already"))
        .stdout(predicate::str::contains("0 added, 1 already in the case"));
    assert_eq!(case_files(&corpus).len(), 1);

    // --force, and the article changed since (a stealth edit): two versions.
    let edited = server.url("/edited/bridge-edited/bridge-edited");
    casefile()
        .args(["add", "--case", dir, "--force", &edited])
        .assert()
        .success()
        .stdout(predicate::str::contains("changed"));
    let v1 = name.replace(".txt", "-v1.txt");
    assert_eq!(case_files(&corpus), [v1.clone(), name.to_string()]);
    assert!(
        fs::read_to_string(corpus.join(name))
            .unwrap()
            .contains("has since resigned")
    );
    assert!(
        !fs::read_to_string(corpus.join(&v1))
            .unwrap()
            .contains("has since resigned")
    );
    assert!(
        corpus
            .join(".originals")
            .join(v1.replace(".txt", ".html"))
            .is_file()
    );
    // --force on the same text: unchanged, no third version.
    casefile()
        .args(["add", "--case", dir, "--force", &edited])
        .assert()
        .success()
        .stdout(predicate::str::contains("unchanged"));
    assert_eq!(case_files(&corpus).len(), 2);
    // Usage: nothing to add.
    casefile().args(["add", "--case", dir]).assert().code(2);
    // An address typed without its scheme is no file either: the message says what is wrong.
    casefile()
        .args(["add", "--case", dir, "ledger.example/2019/03/04/story"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains(
            "no such file or folder: ledger.example/2019/03/04/story (a web address starts \
             with http:// or https://)",
        ));
    // Sources on standard input.
    casefile()
        .args(["add", "--case", dir, "--from", "-"])
        .write_stdin(format!("# again\n{bridge}\n"))
        .assert()
        .success()
        .stdout(predicate::str::contains("adding 1 source to"))
        .stdout(predicate::str::contains("1 already in the case"));
    // The case opens, and the originals are not read as articles.
    casefile()
        .args(["--case", dir, "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("articles:    2"));
}

#[test]
fn saved_pages_from_a_folder_and_dropped_into_a_corpus() {
    let saved = tempfile::tempdir().unwrap();
    let page = news_page("Mayor defends bridge contract", "");
    fs::write(saved.path().join("bridge.html"), &page).unwrap();
    // A browser's complete save: its frames and scripts are not articles.
    fs::create_dir(saved.path().join("bridge_files")).unwrap();
    fs::write(saved.path().join("bridge_files/ad.html"), "<p>Buy now</p>").unwrap();
    fs::write(saved.path().join("latin.htm"), latin1_page()).unwrap();
    let case = tempfile::tempdir().unwrap();
    let list = case.path().join("sources.txt");
    fs::write(&list, format!("# saved\n{}\n", saved.path().display())).unwrap();
    casefile()
        .args(["add", "--case", case.path().to_str().unwrap(), "--from"])
        .arg(&list)
        .assert()
        .success()
        .stdout(predicate::str::contains("2 added"));

    // Dropped straight into a corpus: read through the same extraction when the case opens.
    let dropped = tempfile::tempdir().unwrap();
    let corpus = dropped.path().join("corpus");
    fs::create_dir_all(corpus.join("bridge_files")).unwrap();
    fs::write(corpus.join("bridge.html"), &page).unwrap();
    fs::write(corpus.join("bridge_files/ad.html"), "<p>Buy now</p>").unwrap();
    fs::write(
        corpus.join("notes.txt"),
        "A note of my own, with “a quote,” she said.\n",
    )
    .unwrap();
    casefile()
        .args(["--case", dropped.path().to_str().unwrap(), "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("articles:    2"))
        .stdout(predicate::str::contains("web pages:   1"))
        .stdout(predicate::str::contains(
            "bridge.html  “Mayor defends bridge contract” — The Daily Ledger · Maria Alvarez · \
             2019-03-04 · https://ledger.example/2019/03/04/mayor-defends-bridge-contract",
        ));
}

#[test]
fn a_saved_page_in_a_corpus_is_cached_like_the_rest() {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("corpus");
    fs::create_dir_all(&corpus).unwrap();
    fs::write(
        corpus.join("bridge.htm"),
        news_page("Mayor defends bridge contract", ""),
    )
    .unwrap();
    let cache_dir = tempfile::tempdir().unwrap();
    let cache = casefile::cache::CaseCache::at(cache_dir.path());
    let first = casefile::Case::open_with(dir.path(), Some(&cache)).unwrap();
    let again = casefile::Case::open_with(dir.path(), Some(&cache)).unwrap();
    assert_eq!(first.origin, casefile::cache::Origin::Built);
    assert_eq!(again.origin, casefile::cache::Origin::Cached);
    assert_eq!(again.articles[0].text, first.articles[0].text);
    assert_eq!(
        again.articles[0].meta.title,
        "Mayor defends bridge contract"
    );
    assert!(
        first.articles[0]
            .text
            .starts_with("---\ntitle: Mayor defends bridge contract\n")
    );
    assert_eq!(again.quotes.len(), first.quotes.len());
    // The page changes: read again.
    fs::write(corpus.join("bridge.htm"), news_page("Mayor quits", "")).unwrap();
    let changed = casefile::Case::open_with(dir.path(), Some(&cache)).unwrap();
    assert_eq!(changed.origin, casefile::cache::Origin::Built);
    assert_eq!(changed.articles[0].meta.title, "Mayor quits");
}

#[test]
fn quotes_are_found_in_an_imported_news_page() {
    let saved = tempfile::tempdir().unwrap();
    let page = saved.path().join("bridge.html");
    fs::write(&page, news_page("Mayor defends bridge contract", "")).unwrap();
    let case = tempfile::tempdir().unwrap();
    casefile()
        .args(["add", "--case", case.path().to_str().unwrap()])
        .arg(&page)
        .assert()
        .success();
    let case = casefile::Case::open_uncached(case.path()).unwrap();
    let article = &case.articles[0];
    assert_eq!(article.meta.outlet.as_deref(), Some("The Daily Ledger"));
    assert_eq!(
        article.meta.published.unwrap().date.to_string(),
        "2019-03-04"
    );
    let said: Vec<(String, String)> = case
        .quotes
        .iter()
        .map(|q| {
            let who = q
                .speaker
                .as_ref()
                .and_then(|s| s.entity)
                .map_or("?".to_string(), |id| case.entities.name(id).to_string());
            (who, q.text(article))
        })
        .collect();
    let find = |words: &str| said.iter().find(|(_, t)| t.contains(words));
    let park = find("We followed every rule in the book").expect("the mayor's quote");
    assert!(park.0.contains("Park"), "{said:?}");
    assert!(
        park.1.contains("has not read the documents"),
        "one quote, two parts: {park:?}"
    );
    let reyes = find("The numbers simply do not add up").expect("the rival's quote");
    assert!(reyes.0.contains("Reyes"), "{said:?}");
    // The embedded post is the account's own words, dated by its line.
    let post = case
        .quotes
        .iter()
        .find(|q| q.text(article).contains("deserves a full public hearing"));
    assert!(post.is_some(), "the embedded post: {said:?}");
}
