//! Loading corpora end to end: corpora written by the tests into temporary folders, the bundled
//! seed case, and the shared real corpora that CI places beside the repository.

use std::fs;
use std::path::{Path, PathBuf};

use casefile::corpus::{
    Article, LoadedCorpus, ParagraphKind, Section, Severity, load_corpus, split_sentences,
};
use casefile::error::CaseError;
use casefile::when::Precision;

/// A temporary corpus folder holding the given (relative path, bytes) files.
fn corpus(files: &[(&str, &[u8])]) -> tempfile::TempDir {
    let dir = tempfile::tempdir().expect("temp dir");
    for (name, bytes) in files {
        let path = dir.path().join(name);
        fs::create_dir_all(path.parent().unwrap()).unwrap();
        fs::write(path, bytes).unwrap();
    }
    dir
}

fn load(files: &[(&str, &[u8])]) -> LoadedCorpus {
    let dir = corpus(files);
    load_corpus(dir.path()).expect("corpus loads")
}

fn article<'a>(corpus: &'a LoadedCorpus, id: &str) -> &'a Article {
    corpus
        .articles
        .iter()
        .find(|a| a.id == id)
        .unwrap_or_else(|| panic!("no article {id}"))
}

fn texts(a: &Article) -> Vec<&str> {
    a.paragraphs.iter().map(|p| a.slice(&p.range)).collect()
}

fn text_of_kind(a: &Article, kind: ParagraphKind) -> Vec<&str> {
    a.paragraphs
        .iter()
        .filter(|p| p.kind == kind)
        .map(|p| a.slice(&p.range))
        .collect()
}

const LONG: &str = "WikiLeaks sent many more direct messages to Trump Jr. over several months, \
    ranging from questions to requests for leaks.";

#[test]
fn front_matter_is_parsed() {
    let text = "---\ntitle: The Title\noutlet: Example News\nauthor: Jane Roe\npublished: 2017-11-13\n\
        url: https://example.com/a\nsection: politics\n---\nFirst paragraph of the story.\n";
    let c = load(&[("a.md", text.as_bytes())]);
    let a = &c.articles[0];
    assert_eq!(a.id, "a.md");
    assert_eq!(a.meta.title, "The Title");
    assert_eq!(a.meta.outlet.as_deref(), Some("Example News"));
    assert_eq!(a.meta.author.as_deref(), Some("Jane Roe"));
    assert_eq!(a.meta.url.as_deref(), Some("https://example.com/a"));
    let published = a.meta.published.expect("date");
    assert_eq!(
        (published.date_string().as_str(), published.precision),
        ("2017-11-13", Precision::Day)
    );
    assert_eq!(
        a.meta.extra,
        [("section".to_string(), "politics".to_string())]
    );
    assert_eq!(&a.text[a.body_start..], "First paragraph of the story.\n");
    assert_eq!(texts(a), ["First paragraph of the story."]);
    assert!(c.issues.is_empty(), "{:?}", c.issues);
}

#[test]
fn bad_published_date_warns_and_loads() {
    let c = load(&[(
        "a.txt",
        b"---\ntitle: T\npublished: 13/11/2017\n---\nBody text here.\n",
    )]);
    let a = &c.articles[0];
    assert!(a.meta.published.is_none());
    assert_eq!(
        a.meta.extra,
        [("published".to_string(), "13/11/2017".to_string())]
    );
    assert_eq!(c.issues.len(), 1);
    assert_eq!(c.issues[0].severity, Severity::Warning);
    assert!(c.issues[0].path.ends_with("a.txt"));
    assert!(c.issues[0].message.contains("13/11/2017"));
}

#[test]
fn without_front_matter_title_comes_from_the_body_and_nothing_is_invented() {
    let text = format!("Skip to content\n\nA Headline Without Punctuation\n\n{LONG}\n");
    let c = load(&[("plain.txt", text.as_bytes())]);
    let a = &c.articles[0];
    assert_eq!(a.meta.title, "A Headline Without Punctuation");
    assert_eq!(
        (a.meta.outlet.as_ref(), a.meta.author.as_ref()),
        (None, None)
    );
    assert_eq!((a.meta.published, a.meta.url.as_ref()), (None, None));
    assert_eq!(a.body_start, 0);
    let kinds: Vec<ParagraphKind> = a.paragraphs.iter().map(|p| p.kind).collect();
    assert_eq!(
        kinds,
        [
            ParagraphKind::Debris,
            ParagraphKind::Heading,
            ParagraphKind::Text
        ]
    );
}

#[test]
fn hard_wrapped_wire_copy_joins_lines_into_paragraphs() {
    let text = "---\ntitle: Wire\n---\nIf the dollar goes the way of Wall Street,\n\
        Japanese will finally move out of dollar investments in a\n\
        serious way, Japan investment managers say.\n\
        \x20   The Japanese, the dominant foreign investors in U.S. Dollar\n\
        securities, have already sold U.S. Equities. \"We will see,\" said\n\
        one manager.\n\
        \x20REUTER\n";
    let c = load(&[("wire.txt", text.as_bytes())]);
    let a = &c.articles[0];
    let t = texts(a);
    assert_eq!(t.len(), 3, "{t:?}");
    assert_eq!(
        t[0],
        "If the dollar goes the way of Wall Street,\nJapanese will finally move out of dollar \
         investments in a\nserious way, Japan investment managers say."
    );
    assert!(t[1].starts_with("The Japanese") && t[1].ends_with("one manager."));
    assert_eq!(a.paragraphs[2].kind, ParagraphKind::Debris);
    let sentences: Vec<&str> = a.paragraphs[1].sentences().map(|r| a.slice(&r)).collect();
    assert_eq!(sentences.len(), 2, "{sentences:?}");
    assert!(sentences[1].starts_with("\"We will see,\" said\none manager."));
}

#[test]
fn one_paragraph_a_line_with_and_without_blank_lines() {
    let text = format!("Headline\n\n{LONG}\n{LONG} Again.\nShort line.\n\n    {LONG}\n");
    let c = load(&[("web.txt", text.as_bytes())]);
    let a = &c.articles[0];
    let t = texts(a);
    assert_eq!(t.len(), 5, "{t:?}");
    assert_eq!(t[3], "Short line.");
    assert_eq!(t[4], LONG);
}

#[test]
fn comments_section_with_commenters() {
    let text = format!(
        "Headline\n\n{LONG}\n\nComments\n\n  1. Mikey says:\n\n    {LONG}\n\n    Second thought.\n\n  \
         2. MarkedMan says:\n\n    Reply text.\n\n  3. @MarkedMan:\n\n    Addressed reply.\n"
    );
    let c = load(&[("blog.txt", text.as_bytes())]);
    let a = &c.articles[0];
    let sections: Vec<Section> = a.paragraphs.iter().map(|p| p.section).collect();
    assert_eq!(sections[..2], [Section::Body, Section::Body]);
    assert!(
        sections[2..].iter().all(|s| *s == Section::Comments),
        "{sections:?}"
    );
    assert_eq!(text_of_kind(a, ParagraphKind::CommentHeader).len(), 3);
    let commenters: Vec<Option<&str>> = a
        .paragraphs
        .iter()
        .map(|p| p.commenter.as_deref())
        .collect();
    assert_eq!(
        commenters[3..7],
        [
            Some("Mikey"),
            Some("Mikey"),
            Some("Mikey"),
            Some("MarkedMan")
        ]
    );
    assert_eq!(commenters[8..], [None, None]);
    let comment = &a.paragraphs[4];
    assert_eq!(
        (comment.kind, a.slice(&comment.range)),
        (ParagraphKind::Text, LONG)
    );
}

#[test]
fn page_debris_is_not_text() {
    let text = format!(
        "You are using an outdated browser.\nPlease upgrade your browser\nand improve your visit to our site.\n\
         Skip Navigation\n\nclock menu more-arrow no yes mobile\n\nThe Headline\n\nDavid Becker/Getty\n\n\
         Jane Roe is a senior politics correspondent at Example, covering the White House.\n\n{LONG}\n\n\
         He told campaign staff by email and later on Twitter that he had been contacted.\n\n\
         [image via screengrab]\n\nFollow Jane Roe on Twitter: @janeroe\n"
    );
    let c = load(&[("page.txt", text.as_bytes())]);
    let a = &c.articles[0];
    assert_eq!(
        text_of_kind(a, ParagraphKind::Text),
        [
            LONG,
            "He told campaign staff by email and later on Twitter that he had been contacted."
        ]
    );
    assert_eq!(text_of_kind(a, ParagraphKind::Heading), ["The Headline"]);
    assert_eq!(text_of_kind(a, ParagraphKind::Debris).len(), 9);
    assert!(
        a.paragraphs
            .iter()
            .filter(|p| p.kind == ParagraphKind::Debris)
            .all(|p| p.sentences().len() == 0)
    );
    assert_eq!(a.meta.title, "The Headline");
}

#[test]
fn latin1_file_is_decoded_as_windows_1252_with_a_warning() {
    let c = load(&[
        ("latin1.txt", b"Chelsea paid \xA315.8m for him.\n"),
        ("ok.txt", b"Fine text.\n"),
    ]);
    let a = article(&c, "latin1.txt");
    assert!(!a.lossy);
    assert_eq!(a.text, "Chelsea paid £15.8m for him.\n");
    assert!(!article(&c, "ok.txt").lossy);
    assert_eq!(c.issues.len(), 1);
    assert_eq!(c.issues[0].severity, Severity::Warning);
    assert!(c.issues[0].path.ends_with("latin1.txt"));
    assert!(
        c.issues[0].message.contains("Windows-1252"),
        "{}",
        c.issues[0]
    );
}

#[test]
fn utf8_file_with_a_bad_byte_loads_lossy_with_a_warning() {
    let mut bytes = "“Fine” text, café, and one bad byte: ".as_bytes().to_vec();
    bytes.extend_from_slice(b"\xff.\n");
    let c = load(&[("bad.txt", &bytes[..]), ("ok.txt", b"Fine text.\n")]);
    let a = article(&c, "bad.txt");
    assert!(a.lossy);
    assert!(a.text.contains('\u{FFFD}') && a.text.starts_with("“Fine” text, café"));
    assert_eq!(c.issues.len(), 1);
    assert!(
        c.issues[0].message.contains("not valid UTF-8"),
        "{}",
        c.issues[0]
    );
}

#[test]
fn empty_and_binary_files_are_skipped_with_issues() {
    let c = load(&[
        ("empty.txt", b""),
        ("blank.md", b"  \n\n\t\n"),
        ("image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"),
        ("good.txt", b"A real article.\n"),
        ("entities.ron", b"(people: [])"),
        (".git/notes.txt", b"hidden"),
    ]);
    assert_eq!(c.articles.len(), 1);
    assert_eq!(c.articles[0].id, "good.txt");
    let mut named: Vec<(String, Severity)> = c
        .issues
        .iter()
        .map(|i| {
            (
                i.path.file_name().unwrap().to_string_lossy().into_owned(),
                i.severity,
            )
        })
        .collect();
    named.sort_by(|a, b| a.0.cmp(&b.0));
    assert_eq!(
        named,
        [
            ("blank.md".to_string(), Severity::Error),
            ("empty.txt".to_string(), Severity::Error),
            ("image.txt".to_string(), Severity::Error),
        ]
    );
    assert!(
        c.issues
            .iter()
            .all(|i| i.to_string().starts_with("error: "))
    );
}

#[cfg(unix)]
#[test]
fn unreadable_file_is_skipped_with_an_issue() {
    use std::os::unix::fs::PermissionsExt;
    let dir = corpus(&[("secret.txt", b"Hidden text."), ("open.txt", b"Open text.")]);
    let secret = dir.path().join("secret.txt");
    fs::set_permissions(&secret, fs::Permissions::from_mode(0o000)).unwrap();
    let c = load_corpus(dir.path()).unwrap();
    if fs::read(&secret).is_ok() {
        // Running as root: permissions do not stop reads, so the file legitimately loads.
        assert_eq!(c.articles.len(), 2);
    } else {
        assert_eq!(c.articles.len(), 1);
        assert_eq!(c.issues.len(), 1);
        assert_eq!(c.issues[0].severity, Severity::Error);
        assert!(c.issues[0].path.ends_with("secret.txt"));
    }
}

#[test]
fn missing_dir_and_empty_corpus_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("nope");
    assert!(matches!(load_corpus(&missing), Err(CaseError::MissingCorpus(p)) if p == missing));
    let file = dir.path().join("file.txt");
    fs::write(&file, "text").unwrap();
    assert!(matches!(
        load_corpus(&file),
        Err(CaseError::MissingCorpus(_))
    ));
    let empty = corpus(&[("notes.json", b"{}"), ("blank.txt", b"\n")]);
    assert!(matches!(
        load_corpus(empty.path()),
        Err(CaseError::EmptyCorpus(_))
    ));
}

#[test]
fn files_are_found_recursively_in_path_order() {
    let c = load(&[
        ("b/z.txt", b"Z text."),
        ("a.md", b"A text."),
        ("b/a.txt", b"BA text."),
    ]);
    let ids: Vec<&str> = c.articles.iter().map(|a| a.id.as_str()).collect();
    assert_eq!(ids, ["a.md", "b/a.txt", "b/z.txt"]);
}

#[test]
fn byte_ranges_slice_the_expected_text() {
    let text =
        "---\ntitle: Ranges\n---\n\n  Émile said “Bonjour.” He left. 😀\n\nSecond — line.  \n";
    let c = load(&[("r.txt", text.as_bytes())]);
    let a = &c.articles[0];
    assert_eq!(
        texts(a),
        ["Émile said “Bonjour.” He left. 😀", "Second — line."]
    );
    let sentences: Vec<&str> = a.paragraphs[0].sentences().map(|r| &a.text[r]).collect();
    assert_eq!(sentences, ["Émile said “Bonjour.”", "He left. 😀"]);
    for p in &a.paragraphs {
        assert!(p.range.start >= a.body_start);
        assert!(
            p.sentences()
                .all(|s| s.start >= p.range.start && s.end <= p.range.end)
        );
    }
    let range = a.paragraphs[0].range.clone();
    assert_eq!(
        split_sentences(&a.text, range),
        a.paragraphs[0].sentences().collect::<Vec<_>>()
    );
}

#[test]
fn crlf_files_load_like_lf_files() {
    let lf = format!("---\ntitle: T\noutlet: O\n---\nHeadline\n\n{LONG}\n\nLast one.\n");
    let crlf = lf.replace('\n', "\r\n");
    let c = load(&[("lf.txt", lf.as_bytes()), ("crlf.txt", crlf.as_bytes())]);
    let (a, b) = (article(&c, "lf.txt"), article(&c, "crlf.txt"));
    assert_eq!(texts(a), texts(b));
    assert_eq!(b.meta.outlet.as_deref(), Some("O"));
    assert_eq!(&b.text[b.body_start..b.body_start + 8], "Headline");
    assert!(texts(b).iter().all(|t| !t.contains('\r')));
}

#[test]
fn odd_files_do_not_panic() {
    let long_line = "x".repeat(200_000);
    let control: Vec<u8> = (0u8..=255).filter(|b| *b != 0).cycle().take(5000).collect();
    let c = load(&[
        ("fence.txt", b"---"),
        ("only-front-matter.txt", b"---\ntitle: Only\n---\n"),
        (
            "unterminated.txt",
            b"---\ntitle: Never closed\nSome text.\n",
        ),
        ("long.txt", long_line.as_bytes()),
        (
            "cjk.txt",
            "中文标题\n\n这是第一句。这是第二句！\n\n😀🎉 emoji line".as_bytes(),
        ),
        ("control.txt", &control),
        ("ok.txt", b"Fine."),
    ]);
    let only = article(&c, "only-front-matter.txt");
    assert!(only.paragraphs.is_empty());
    assert_eq!(only.meta.title, "Only");
    let unterminated = article(&c, "unterminated.txt");
    assert_eq!(unterminated.body_start, 0);
    assert!(unterminated.meta.outlet.is_none());
    let cjk = article(&c, "cjk.txt");
    assert_eq!(cjk.paragraphs[1].sentences().len(), 2);
    for a in &c.articles {
        for p in &a.paragraphs {
            assert!(!a.slice(&p.range).is_empty());
            assert!(p.sentences().all(|s| !a.slice(&s).is_empty()));
        }
    }
}

fn bundled_corpus() -> LoadedCorpus {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("corpus");
    load_corpus(&dir).expect("bundled corpus loads")
}

fn find<'a>(c: &'a LoadedCorpus, outlet: &str) -> &'a Article {
    c.articles
        .iter()
        .find(|a| a.meta.outlet.as_deref() == Some(outlet))
        .expect(outlet)
}

#[test]
fn bundled_seed_case() {
    let c = bundled_corpus();
    assert_eq!(c.articles.len(), 5);
    assert!(c.issues.is_empty(), "{:?}", c.issues);
    let mut outlets: Vec<&str> = c.articles.iter().map(|a| a.outlet_or_unknown()).collect();
    outlets.sort_unstable();
    assert_eq!(
        outlets,
        [
            "Mediaite",
            "Outside the Beltway",
            "The Atlantic",
            "The New Republic",
            "Vox"
        ]
    );

    let otb = find(&c, "Outside the Beltway");
    assert_eq!(text_of_kind(otb, ParagraphKind::CommentHeader).len(), 31);
    let first_comment = otb
        .paragraphs
        .iter()
        .position(|p| p.section == Section::Comments)
        .unwrap();
    assert_eq!(otb.slice(&otb.paragraphs[first_comment].range), "Comments");
    assert!(
        otb.paragraphs[first_comment..]
            .iter()
            .all(|p| p.section == Section::Comments)
    );
    let body_text = otb
        .paragraphs
        .iter()
        .filter(|p| p.kind == ParagraphKind::Text && p.section == Section::Body)
        .map(|p| otb.slice(&p.range))
        .collect::<Vec<_>>();
    assert!(
        body_text
            .iter()
            .all(|t| !t.starts_with("FILED UNDER") && !t.starts_with("About Doug"))
    );
    assert!(body_text.iter().all(|t| !t.starts_with("Doug Mataconis")));
    let debris = text_of_kind(otb, ParagraphKind::Debris);
    assert!(debris.iter().any(|t| t.starts_with("FILED UNDER:")));
    assert!(debris.contains(&"About Doug Mataconis"));
    let commenters: Vec<&str> = otb
        .paragraphs
        .iter()
        .filter_map(|p| p.commenter.as_deref())
        .collect();
    assert!(commenters.contains(&"Daryl's other brother Darryl"));

    let atlantic = find(&c, "The Atlantic");
    // 23 lines of prose; `wc -l` says 22 because the last line has no newline.
    let body = atlantic
        .paragraphs
        .iter()
        .filter(|p| p.section == Section::Body)
        .count();
    assert_eq!(body, 23);
    assert!(
        atlantic
            .paragraphs
            .iter()
            .all(|p| p.kind == ParagraphKind::Text)
    );

    let vox = find(&c, "Vox");
    let debris = text_of_kind(vox, ParagraphKind::Debris);
    assert!(debris.contains(&"clock menu more-arrow no yes mobile"));
    assert!(debris.contains(&"Leigh Vogel/WireImage/Getty"));
    assert!(text_of_kind(vox, ParagraphKind::Heading).contains(&"What Donald Trump Jr. did"));
}

/// The shared real corpora, which CI always places beside the repository.
fn shared(sub: &str) -> PathBuf {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../shared/corpora")
        .join(sub);
    assert!(
        dir.is_dir(),
        "{} is missing: the shared corpora must sit beside the repository",
        dir.display()
    );
    dir
}

#[test]
fn shared_reuters_paragraphs_span_lines() {
    let c = load_corpus(&shared("reuters-21578-part")).unwrap();
    assert_eq!(c.articles.len(), 1237);
    let a = article(&c, "reuters-20001.txt");
    assert_eq!(a.meta.outlet.as_deref(), Some("Reuters"));
    let t = texts(a);
    assert_eq!(
        t[0],
        "If the dollar goes the way of Wall Street,\nJapanese will finally move out of dollar \
         investments in a\nserious way, Japan investment managers say."
    );
    assert!(t[1].starts_with("The Japanese, the dominant") && t[1].ends_with("U.S. Equities."));
    assert_eq!(t.last(), Some(&"REUTER"));
    assert_eq!(a.paragraphs.last().unwrap().kind, ParagraphKind::Debris);
}

#[test]
fn shared_bbc_loads_with_the_latin1_file_decoded() {
    let c = load_corpus(&shared("bbc-news-2005")).unwrap();
    assert_eq!(c.articles.len(), 2225);
    // Its one byte past ASCII is Latin-1's pound sign, read as such (it was U+FFFD).
    let sport = article(&c, "sport_199.txt");
    assert!(!sport.lossy);
    assert!(sport.text.contains("a £15.8m signing"));
    assert!(c.issues.iter().any(|i| i.path.ends_with("sport_199.txt")
        && i.severity == Severity::Warning
        && i.message.contains("Windows-1252")));
    assert!(c.articles.iter().all(|a| !a.lossy));
    let first = article(&c, "business_001.txt");
    assert_eq!(first.meta.title, "Ad sales boost Time Warner profit");
    assert_eq!(first.paragraphs[0].kind, ParagraphKind::Heading);
    assert!(
        first.paragraphs[1..]
            .iter()
            .all(|p| p.kind == ParagraphKind::Text)
    );
}

#[test]
fn a_file_too_large_for_an_article_is_reported_and_the_rest_loads() {
    let dir = corpus(&[("ok.txt", b"A short article. It loads.\n")]);
    // Sparse: as large as the limit says without writing it.
    let big = fs::File::create(dir.path().join("dump.txt")).unwrap();
    big.set_len(casefile::corpus::MAX_ARTICLE_BYTES + 1)
        .unwrap();
    let loaded = load_corpus(dir.path()).unwrap();
    assert_eq!(loaded.articles.len(), 1);
    let issue = &loaded.issues[0];
    assert!(issue.path.ends_with("dump.txt"));
    assert_eq!(issue.severity, Severity::Error);
    assert!(issue.message.contains("too large"), "{}", issue.message);
}
