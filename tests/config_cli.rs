//! `casefile config`, `completions`, `man`, and `--json` on `show` and `check`, as a user runs
//! them: the example configuration reads back without a problem, a broken one is reported
//! with its place (exit 1), the completion scripts generate and the dynamic completion answers
//! with the case's event ids and tags.

mod support;

use assert_cmd::Command;
use predicates::prelude::*;

fn casefile() -> Command {
    let mut c = Command::cargo_bin("casefile").expect("binary built");
    c.env_remove("NO_COLOR").env_remove("COMPLETE");
    c
}

#[test]
fn the_example_configuration_reads_back_without_a_problem() {
    let out = casefile().args(["config", "--example"]).output().unwrap();
    assert!(out.status.success());
    let example = String::from_utf8(out.stdout).unwrap();
    assert!(example.contains("theme: \"dark\""));
    assert!(example.contains("quit: [\"q\"]"));
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    std::fs::write(&path, &example).unwrap();
    casefile()
        .env("CASEFILE_CONFIG", &path)
        .arg("config")
        .assert()
        .success()
        .stdout(predicate::str::contains(": read"))
        .stderr(predicate::str::is_empty());
    casefile()
        .env("CASEFILE_CONFIG", &path)
        .args(["config", "--path"])
        .assert()
        .success()
        .stdout(format!("{}\n", path.display()));
}

#[test]
fn a_broken_configuration_is_reported_with_its_place() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("config.ron");
    std::fs::write(
        &path,
        "(\n  theme: \"sepia\",\n  keys: (timeline: (quit: [\"x\"], jump: [\"J\"])),\n)\n",
    )
    .unwrap();
    let out = casefile()
        .env("CASEFILE_CONFIG", &path)
        .arg("config")
        .output()
        .unwrap();
    assert_eq!(out.status.code(), Some(1));
    let err = String::from_utf8(out.stderr).unwrap();
    let p = path.display();
    assert!(
        err.contains(&format!("{p}:2:10: “sepia” is not a theme")),
        "{err}"
    );
    assert!(
        err.contains(&format!("{p}:3:34: “jump” is not an action")),
        "{err}"
    );
    // A missing file named by CASEFILE_CONFIG is a problem too.
    casefile()
        .env("CASEFILE_CONFIG", dir.path().join("nope.ron"))
        .arg("config")
        .assert()
        .code(1)
        .stderr(predicate::str::contains("cannot read the configuration"));
}

#[test]
fn completion_scripts_generate_for_each_shell() {
    for shell in ["bash", "zsh", "fish", "elvish", "powershell"] {
        let out = casefile().args(["completions", shell]).output().unwrap();
        assert!(out.status.success(), "{shell}");
        let script = String::from_utf8(out.stdout).unwrap();
        assert!(script.contains("COMPLETE"), "{shell}: {script}");
        assert!(script.contains("casefile"), "{shell}");
        let out = casefile()
            .args(["completions", shell, "--static"])
            .output()
            .unwrap();
        assert!(out.status.success(), "{shell} --static");
        let script = String::from_utf8(out.stdout).unwrap();
        for sub in ["timeline", "completions", "config"] {
            assert!(script.contains(sub), "{shell} --static lacks {sub}");
        }
    }
    casefile()
        .args(["completions", "tcsh"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("invalid value"));
}

/// What the shell gets back for `words`, the last one being completed (bash's protocol).
fn complete(dir: &std::path::Path, words: &[&str]) -> Vec<String> {
    let out = casefile()
        .current_dir(dir)
        .env("COMPLETE", "bash")
        .env("_CLAP_COMPLETE_INDEX", (words.len() - 1).to_string())
        .env("_CLAP_IFS", "\n")
        .arg("--")
        .args(words)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(str::to_string)
        .collect()
}

#[test]
fn event_ids_and_tags_complete_dynamically() {
    let case = support::bundled();
    let got = complete(&case, &["casefile", "show", "ev-7"]);
    assert!(got.contains(&"ev-723af5ec59".to_string()), "{got:?}");
    assert!(got.iter().all(|id| id.starts_with("ev-7")), "{got:?}");
    let got = complete(&case, &["casefile", "tim"]);
    assert_eq!(got, ["timeline"]);

    // Tags come from the case's notes.
    let dir = casefile::testkit::temp_case();
    casefile()
        .current_dir(dir.path())
        .args(["note", "tag", "ev-723af5ec59", "password", "pac"])
        .assert()
        .success();
    let got = complete(dir.path(), &["casefile", "notes", "--tag", "pa"]);
    assert_eq!(got, ["pac", "password"]);
    // From elsewhere (where the bundled case would be the default), the case on the line.
    let elsewhere = tempfile::tempdir().unwrap();
    let named = dir.path().to_str().unwrap();
    let got = complete(
        elsewhere.path(),
        &["casefile", "--case", named, "notes", "--tag", "pa"],
    );
    assert_eq!(got, ["pac", "password"]);
    let got = complete(
        dir.path(),
        &["casefile", "note", "untag", "ev-723af5ec59", "pas"],
    );
    assert_eq!(got, ["password"]);
}

#[test]
fn the_man_page_renders() {
    let out = casefile().arg("man").output().unwrap();
    assert!(out.status.success());
    let page = String::from_utf8(out.stdout).unwrap();
    assert!(page.contains(".TH casefile 1"), "{page}");
    assert!(page.contains("completions"), "the subcommands are listed");
}

#[test]
fn show_and_check_speak_json_too() {
    let case = support::bundled();
    let case = case.to_str().unwrap();
    let out = casefile()
        .args(["--case", case, "show", "ev-723a", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let event: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(event["id"], "ev-723af5ec59");
    assert_eq!(event["sender"], "WikiLeaks");
    assert!(event["sources"].as_array().is_some_and(|s| !s.is_empty()));

    let out = casefile()
        .args(["--case", case, "check", "--json"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let report: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    assert_eq!(report["articles"], 5);
    assert_eq!(report["errors"], 0);
    assert!(report["events"].as_u64().is_some_and(|n| n > 0));
    assert!(report["issues"].is_array());
}

#[test]
fn a_reader_that_stops_early_is_no_error() {
    use std::io::Read;
    use std::process::{Command as Std, Stdio};
    let mut child = Std::new(env!("CARGO_BIN_EXE_casefile"))
        .args(["config", "--example"])
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    // Read nothing: close the pipe at once, as `| head -0` would.
    drop(child.stdout.take());
    let status = child.wait().unwrap();
    let mut err = String::new();
    child
        .stderr
        .take()
        .unwrap()
        .read_to_string(&mut err)
        .unwrap();
    assert!(status.success(), "{status}: {err}");
    assert_eq!(err, "");
}
