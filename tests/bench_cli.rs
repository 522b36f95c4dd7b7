//! `casefile bench --quick` end to end on something tiny: the bundled case and 30 generated
//! articles, 2,000 quotes. Checks that every table has its rows, not the figures.

use assert_cmd::Command;

#[test]
fn a_quick_bench_prints_every_row() {
    let out = Command::cargo_bin("casefile")
        .expect("binary built")
        .args([
            "bench",
            "--quick",
            "--sizes",
            "bundled,30",
            "--quotes",
            "2000",
        ])
        .timeout(std::time::Duration::from_secs(120))
        .output()
        .expect("bench ran");
    let stdout = String::from_utf8_lossy(&out.stdout);
    assert!(
        out.status.success(),
        "{stdout}\n{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let row = |start: &str| {
        stdout
            .lines()
            .find(|l| l.starts_with(start))
            .unwrap_or_else(|| panic!("no row starting {start:?} in\n{stdout}"))
            .to_string()
    };
    let bundled = row("| bundled case");
    assert_eq!(bundled.matches('|').count(), 9, "{bundled}");
    assert!(row("| generated 30 (re-mixed)").contains(" 30 |"));
    // The re-open came from the bench's own cache, and the first open was cold: every step
    // of a cold open has its column.
    assert!(!stdout.contains("did not use the cache"), "{stdout}");
    let steps = stdout
        .lines()
        .filter(|l| l.starts_with("| bundled case"))
        .nth(1)
        .unwrap_or_else(|| panic!("no step row for the bundled case in\n{stdout}"));
    assert_eq!(steps.matches('|').count(), 9, "{steps}");
    for step in [
        "checking the cache",
        "reading the articles",
        "storing the cache",
    ] {
        assert!(stdout.contains(step), "{step}: {stdout}");
    }
    assert!(stdout.contains("Quotes: the generated corpora's quotes"));
    assert!(stdout.contains("generated: paragraphs of the real"));
    let search = row("|      2000 |");
    assert_eq!(search.matches('|').count(), 9, "{search}");
    // The ranking agreement column: the search's top 20 against an exhaustive ranking.
    assert!(search.contains(" of "), "{search}");
    // Ours always, then each tool that is installed; a missing one is said to be missing
    // (fzf without sk, or sk without fzf, is a machine like any other).
    let missing = ["fzf", "sk"]
        .iter()
        .filter(|tool| stdout.contains(&format!("{tool}: not installed")))
        .count();
    assert_eq!(
        search.matches(" / ").count(),
        3 - missing,
        "each tool is measured or said to be missing:\n{stdout}"
    );
}

#[test]
fn generated_cases_can_be_kept_to_open_by_hand() {
    let dir = tempfile::tempdir().expect("a temporary folder");
    Command::cargo_bin("casefile")
        .expect("binary built")
        .args(["bench", "--sizes", "bbc,25", "--generate-into"])
        .arg(dir.path())
        .assert()
        .success();
    let corpus = dir.path().join("generated-25/corpus");
    let files = std::fs::read_dir(&corpus)
        .expect("the generated corpus")
        .count();
    assert_eq!(files, 25);
    // Only the numbers are generated: the real corpus is not copied.
    assert_eq!(
        std::fs::read_dir(dir.path()).expect("the folder").count(),
        1
    );
    Command::cargo_bin("casefile")
        .expect("binary built")
        .args(["check", "--case"])
        .arg(dir.path().join("generated-25"))
        .assert()
        .success();
    // Again into the same folder: refused before anything is written, the case kept whole.
    Command::cargo_bin("casefile")
        .expect("binary built")
        .args(["bench", "--sizes", "25", "--generate-into"])
        .arg(dir.path())
        .assert()
        .failure()
        .stderr(predicates::str::contains("already exists"));
    let case: Vec<_> = std::fs::read_dir(dir.path().join("generated-25"))
        .expect("the case")
        .map(|e| e.expect("an entry").file_name())
        .collect();
    assert_eq!(case, ["corpus"], "nothing left beside the corpus");
    assert_eq!(
        std::fs::read_dir(&corpus)
            .expect("the generated corpus")
            .count(),
        25
    );
}
