//! Another casefile holding `notes/.lock`: `casefile note …` says on stderr that it waits,
//! and gives up with a clear error after `CASEFILE_LOCK_TIMEOUT`, instead of hanging without
//! a word; once the lock is free the change is saved at once.

mod support;

use std::time::{Duration, Instant};

use assert_cmd::Command;
use casefile::Case;
use casefile::notes::atomic::DirLock;

#[test]
fn a_held_lock_is_waited_for_aloud_and_then_given_up_with_a_clear_error() {
    let (_dir, root) = support::unseen_case();
    let id = Case::open(&root).unwrap().timeline.events[0].id.clone();
    let note = |timeout: &str| {
        Command::cargo_bin("casefile")
            .unwrap()
            .env("CASEFILE_LOCK_TIMEOUT", timeout)
            .arg("--case")
            .arg(&root)
            .args(["note", "star", &id])
            .output()
            .unwrap()
    };
    let lock = DirLock::acquire(&root.join("notes")).unwrap();
    let start = Instant::now();
    let out = note("0.5");
    let took = start.elapsed();
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(!out.status.success(), "{stderr}");
    assert!(
        stderr.contains("waiting for another casefile"),
        "says that it waits: {stderr}"
    );
    assert!(
        stderr.contains("another casefile is saving these notes")
            && stderr.contains(".lock")
            && stderr.contains("gave up after"),
        "{stderr}"
    );
    assert!(took < Duration::from_secs(20), "{took:?}");
    assert!(out.stdout.is_empty());

    drop(lock);
    let out = note("0.5");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert!(out.status.success(), "{stderr}");
    assert!(!stderr.contains("waiting"), "{stderr}");
    assert!(String::from_utf8_lossy(&out.stdout).starts_with("saved: "));
}
