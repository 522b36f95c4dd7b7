//! The loader on hostile text: whatever a file holds (one paragraph of a whole page, quote marks
//! only, unbalanced quotes, brackets nested thousands deep, a sentence of 10,000 words), loading
//! finishes, within a bound far above what it needs, and every range it hands on lies inside
//! the text. Before the look-ups were bounded, one 88 KB paragraph took 24 s and 220 KB over
//! five minutes.

use std::sync::mpsc;
use std::time::Duration;

use casefile::Case;
use casefile::corpus::{MAX_PARAGRAPH_BYTES, MAX_SENTENCE_BYTES};
use proptest::prelude::*;

/// Far above what any input here needs (well under a second each in a release build), so
/// only a load that grows with the square of its input, or never ends, can miss it.
const GENEROUS: Duration = Duration::from_secs(120);

/// Opens a case of one article holding `text`, on a thread, within [`GENEROUS`].
fn open_one(text: &str) -> Case {
    try_open_one(text).expect("a case with one article opens")
}

/// The same, for text that may hold no article at all (the case is then an error).
fn try_open_one(text: &str) -> Result<Case, casefile::CaseError> {
    let dir = tempfile::tempdir().expect("a temporary folder");
    std::fs::create_dir(dir.path().join("corpus")).expect("corpus folder");
    std::fs::write(dir.path().join("corpus/page.txt"), text).expect("article written");
    let root = dir.path().to_path_buf();
    let (tx, rx) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(Case::open_uncached(&root));
    });
    let case = rx
        .recv_timeout(GENEROUS)
        .unwrap_or_else(|_| panic!("loading {} bytes did not finish", text.len()));
    drop(dir);
    case
}

/// Every paragraph, sentence and quote lies inside its article, on character boundaries,
/// and no paragraph or sentence is past its bound.
fn check_ranges(case: &Case) {
    for a in &case.articles {
        for p in &a.paragraphs {
            assert!(a.text.get(p.range.clone()).is_some(), "{:?}", p.range);
            assert!(p.range.len() <= MAX_PARAGRAPH_BYTES, "{}", p.range.len());
            for s in p.sentences() {
                assert!(a.text.get(s.clone()).is_some(), "{s:?}");
                assert!(s.len() <= MAX_SENTENCE_BYTES, "{}", s.len());
            }
        }
    }
    for q in &case.quotes {
        let a = &case.articles[q.article];
        assert!(a.text.get(q.outer.clone()).is_some(), "{:?}", q.outer);
        for part in &q.parts {
            assert!(a.text.get(part.clone()).is_some(), "{part:?}");
        }
    }
}

/// One sentence of reporting: written messages quoted with their writer, and narrative full
/// of "to" (each a possible recipient) between them. A written quote with no recipient in its
/// sentence makes the engine look back for one, which once read the whole paragraph before
/// it: 100 KB of this as one paragraph took 88 s.
fn sentence(i: usize) -> String {
    let names = [
        "Jane Roe",
        "Mr. Burman",
        "Sen. Ann Lee (D-Mo.)",
        "the campaign",
        "WikiLeaks",
    ];
    let a = names[i % names.len()];
    let b = names[(i + 2) % names.len()];
    match i % 4 {
        0 => format!(
            "“We will look into it {i},” {a} wrote on Oct. {}, 2016. ",
            i % 28 + 1
        ),
        1 => format!("{a} went to see {b} to talk to the press about the leak {i}. "),
        2 => format!("Later, {a} added that the plan was “not going to happen” again. "),
        _ => format!("\"It is done {i},\" {a} wrote, according to {b}. "),
    }
}

#[test]
fn a_whole_page_in_one_paragraph_loads_and_is_cut_at_sentence_ends() {
    let mut text = String::from("One long paragraph\n\n");
    let mut i = 0;
    while text.len() < 400_000 {
        text.push_str(&sentence(i));
        i += 1;
    }
    let case = open_one(&text);
    check_ranges(&case);
    let article = &case.articles[0];
    // Cut into pieces near the bound, each ending where a sentence does.
    let body: Vec<_> = article.paragraphs.iter().skip(1).collect();
    assert!(
        body.len() >= 400_000 / MAX_PARAGRAPH_BYTES,
        "{}",
        body.len()
    );
    for p in &body[..body.len() - 1] {
        let t = article.slice(&p.range);
        assert!(t.ends_with(['.', '”', '"']), "{:?}", &t[t.len() - 20..]);
        assert!(p.range.len() > MAX_PARAGRAPH_BYTES / 2, "{}", p.range.len());
    }
    // Its quotes are read as in the same text a sentence a line.
    let lines = open_one(&text.replace(". ", ".\n"));
    let quoted = |c: &Case| c.quotes.iter().map(|q| q.parts.len()).sum::<usize>();
    let spoken = |c: &Case| {
        let with_speaker = c.quotes.iter().filter(|q| q.speaker.is_some());
        with_speaker.map(|q| q.parts.len()).sum::<usize>()
    };
    let (long, short) = (quoted(&case), quoted(&lines));
    assert!(
        long * 100 >= short * 95 && short > 2_000,
        "{long} quoted parts, {short} in lines"
    );
    assert!(
        spoken(&case) * 100 >= spoken(&lines) * 95,
        "{} vs {}",
        spoken(&case),
        spoken(&lines)
    );
}

#[test]
fn a_sentence_of_ten_thousand_words_and_deep_brackets_load() {
    let words: Vec<String> = (0..10_000).map(|i| format!("word{i}")).collect();
    let mut text = format!("Headline\n\n{} said Jane Roe.\n", words.join(" "));
    text.push_str(&"(".repeat(20_000));
    text.push_str(&")".repeat(20_000));
    text.push('\n');
    text.push_str(&"“".repeat(5_000));
    text.push_str(&"\"".repeat(5_000));
    text.push_str(&"”".repeat(5_000));
    text.push('\n');
    let case = open_one(&text);
    check_ranges(&case);
}

/// Text built from the characters that matter to the loader, in runs and at random.
fn hostile() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("'".to_string()),
        Just("‘".to_string()),
        Just("’".to_string()),
        Just("«".to_string()),
        Just("(".to_string()),
        Just(")".to_string()),
        Just("[".to_string()),
        Just(". ".to_string()),
        Just("! ".to_string()),
        Just(": ".to_string()),
        Just(", ".to_string()),
        Just(" — ".to_string()),
        Just("\n".to_string()),
        Just("\n\n".to_string()),
        Just("---\n".to_string()),
        Just(" said Jane Roe".to_string()),
        Just(" wrote to him".to_string()),
        Just(" Mr. ".to_string()),
        Just(" on Oct. 3, 2016".to_string()),
        Just(" according to ".to_string()),
        "[A-Za-z]{1,12}",
        " [a-z]{1,8}",
        any::<char>().prop_map(String::from),
    ];
    let run = (piece, 1usize..2_000).prop_map(|(p, n)| p.repeat(n));
    prop::collection::vec(run, 1..40).prop_map(|v| v.concat())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 48, ..ProptestConfig::default() })]

    #[test]
    fn any_text_loads_in_bounded_time_with_ranges_inside_it(text in hostile()) {
        match try_open_one(&text) {
            Ok(case) => check_ranges(&case),
            // Text with no readable article (blank, or front matter alone) says so.
            Err(e) => prop_assert!(
                matches!(e, casefile::CaseError::EmptyCorpus(_)),
                "{e}"
            ),
        }
    }
}
