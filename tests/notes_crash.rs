//! The real binary writing notes, killed with SIGKILL at random moments, and two binaries
//! writing the same item at once.
//!
//! After every kill: every note file parses, nothing but note files is read as notes, and
//! every change whose "saved:" line the writer printed (it prints after the save returned) is
//! on disk. The runs are bounded in number and in total time so the suite stays quick.

mod support;

use std::collections::{BTreeMap, BTreeSet};
use std::io::{BufRead, BufReader};
use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::sync::mpsc;
use std::time::{Duration, Instant};

use casefile::Case;
use casefile::notes::{ItemRef, NoteFile, NotesStore};

const RUNS: usize = 60;
const BUDGET: Duration = Duration::from_secs(15);
const TAGS_PER_RUN: usize = 30;

fn spawn(root: &Path, args: &[&str]) -> Child {
    Command::new(env!("CARGO_BIN_EXE_casefile"))
        .arg("--case")
        .arg(root)
        .args(args)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .expect("the casefile binary runs")
}

/// A small deterministic random generator (xorshift), so a failure can be replayed.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

/// The tag an acknowledgement line names, if it is one.
fn acked_tag(line: &str) -> Option<String> {
    let rest = line.strip_prefix("saved: added tag “")?;
    Some(rest.split('”').next()?.to_string())
}

fn case_with_notes() -> (
    tempfile::TempDir,
    std::path::PathBuf,
    Vec<(String, ItemRef)>,
) {
    let (dir, root) = support::case_with(&[
        ("wire.txt", support::WIRE.as_bytes()),
        ("british.md", support::BRITISH.as_bytes()),
    ]);
    let case = Case::open(&root).unwrap();
    let event = &case.timeline.events[0];
    let items = vec![
        (event.id.clone(), ItemRef::event(event)),
        (
            "article:wire.txt".to_string(),
            ItemRef::Article {
                id: "wire.txt".into(),
            },
        ),
        (
            "article:british.md".to_string(),
            ItemRef::Article {
                id: "british.md".into(),
            },
        ),
    ];
    (dir, root, items)
}

/// Every `*.ron` note file parses and the store reads exactly those.
fn check_files(notes: &Path) -> NotesStore {
    let mut count = 0;
    for entry in std::fs::read_dir(notes).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name.ends_with(".ron") && !name.starts_with('.') {
            count += 1;
            let text = std::fs::read_to_string(&path).unwrap();
            if let Err(e) = NoteFile::from_ron(&text, &path) {
                panic!("a killed writer left a broken file: {e}\n{text}");
            }
        } else {
            assert!(
                [".lock", ".gitignore"].contains(&name.as_str())
                    || casefile::notes::atomic::is_temp_name(&name),
                "unexpected file {name}"
            );
        }
    }
    let store = NotesStore::open(notes).unwrap();
    assert_eq!(store.errors().count(), 0);
    assert_eq!(store.len(), count, "temporary files are not notes");
    store
}

#[test]
fn killing_writers_at_random_never_loses_an_acknowledged_change() {
    let (_dir, root, items) = case_with_notes();
    let notes = root.join("notes");
    let start = Instant::now();
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut acked: BTreeMap<usize, BTreeSet<String>> = BTreeMap::new();
    let (mut runs, mut interrupted, mut unacknowledged, mut torn) = (0, 0, 0, 0);
    for run in 0..RUNS {
        if start.elapsed() > BUDGET {
            break;
        }
        runs += 1;
        let which = run % items.len();
        let tags: Vec<String> = (0..TAGS_PER_RUN).map(|i| format!("r{run}-{i}")).collect();
        let mut args = vec!["note", "tag", items[which].0.as_str()];
        args.extend(tags.iter().map(String::as_str));
        let mut child = spawn(&root, &args);
        let stdout = child.stdout.take().unwrap();
        let (tx, rx) = mpsc::channel();
        let reader = std::thread::spawn(move || {
            for line in BufReader::new(stdout).lines() {
                let Ok(line) = line else { break };
                if tx.send(line).is_err() {
                    break;
                }
            }
        });
        let mut lines = Vec::new();
        // Four runs in five die among the writes: right after a random number of
        // acknowledgements, so the kill lands mid-run however fast the machine is. Every fifth
        // dies at a random moment from the start, loading included.
        let among_writes = run % 5 != 0;
        if among_writes {
            // At most half the writes, so a dozen are still to come when the kill lands.
            let wanted = 1 + rng.below(TAGS_PER_RUN as u64 / 2) as usize;
            while lines.len() < wanted {
                match rx.recv_timeout(Duration::from_secs(20)) {
                    Ok(line) => lines.push(line),
                    Err(_) => break,
                }
            }
            std::thread::sleep(Duration::from_micros(rng.below(2000)));
        } else {
            std::thread::sleep(Duration::from_millis(rng.below(250)));
        }
        if child.try_wait().unwrap().is_none() {
            interrupted += 1;
        }
        let _ = child.kill();
        let _ = child.wait();
        reader.join().unwrap();
        lines.extend(rx.try_iter());
        for line in &lines {
            let tag = acked_tag(line).unwrap_or_else(|| panic!("unexpected output: {line}"));
            acked.entry(which).or_default().insert(tag);
        }

        let store = check_files(&notes);
        torn += std::fs::read_dir(&notes)
            .unwrap()
            .filter(|e| {
                let name = e.as_ref().unwrap().file_name();
                casefile::notes::atomic::is_temp_name(&name.to_string_lossy())
            })
            .count();
        for (i, tags) in &acked {
            let have: BTreeSet<String> = store
                .get(&items[*i].1)
                .map(|f| f.tags.iter().cloned().collect())
                .unwrap_or_default();
            let lost: Vec<&String> = tags.difference(&have).collect();
            assert!(
                lost.is_empty(),
                "run {run}: acknowledged but lost: {lost:?}"
            );
        }
        let saved = store
            .get(&items[which].1)
            .map_or(0, |f| f.tags.iter().filter(|t| tags.contains(t)).count());
        unacknowledged += saved.saturating_sub(lines.len());
    }
    eprintln!(
        "{runs} runs in {:.1?}: {interrupted} killed mid-run, {torn} in the middle of writing a \
         file, {unacknowledged} right after a save, {} saves acknowledged",
        start.elapsed(),
        acked.values().map(BTreeSet::len).sum::<usize>()
    );
    assert!(runs >= 10, "only {runs} runs in the time budget");
    assert!(
        interrupted >= runs / 2,
        "too few kills landed: {interrupted}"
    );
}

#[test]
fn two_writers_on_the_same_item_keep_both_sets_of_changes() {
    let (_dir, root, items) = case_with_notes();
    let item = items[0].0.as_str();
    let a_tags: Vec<String> = (0..15).map(|i| format!("a{i}")).collect();
    let b_tags: Vec<String> = (0..15).map(|i| format!("b{i}")).collect();
    let with = |tags: &[String]| {
        let mut args = vec!["note", "tag", item];
        args.extend(tags.iter().map(String::as_str));
        spawn(&root, &args)
    };
    let children = vec![
        with(&a_tags),
        with(&b_tags),
        spawn(&root, &["note", "annotate", item, "from writer C"]),
        spawn(
            &root,
            &["note", "annotate", item, "from writer D\nwith two lines"],
        ),
    ];
    for child in children {
        let out = child.wait_with_output().unwrap();
        assert!(out.status.success());
    }
    let store = check_files(&root.join("notes"));
    let f = store.get(&items[0].1).unwrap();
    for t in a_tags.iter().chain(&b_tags) {
        assert!(f.has_tag(t), "{t} lost: {:?}", f.tags);
    }
    let texts: BTreeSet<&str> = f.annotations.iter().map(|a| a.text.as_str()).collect();
    assert_eq!(
        texts,
        BTreeSet::from(["from writer C", "from writer D\nwith two lines"])
    );
}
