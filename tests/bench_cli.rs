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
    assert!(stdout.contains("Quotes: the generated corpora's quotes"));
    assert!(stdout.contains("generated: paragraphs of the real"));
    let search = row("|      2000 |");
    assert_eq!(search.matches('|').count(), 8, "{search}");
    for tool in ["fzf", "sk"] {
        assert!(
            search.matches(" / ").count() == 3
                || stdout.contains(&format!("{tool}: not installed")),
            "{tool} is measured or said to be missing:\n{stdout}"
        );
    }
}
