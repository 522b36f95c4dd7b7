//! The notes of a case on disk and in memory: one RON file per noted item in `notes/`.
//!
//! Reading: every `*.ron` file of the folder whose name does not start with `.` is a note
//! file; one that does not parse is kept aside as a [`NoteFileError`] (file, line, column,
//! what was expected), never touched, and the other notes load. [`NotesStore::refresh`]
//! re-reads only the files whose size, time or inode changed (an atomic write always makes a
//! new inode), so polling it is cheap; [`NotesStore::reload`] re-reads everything.
//!
//! Writing ([`NotesStore::apply`]): take the folder's lock; re-read from disk the file(s) the
//! change touches, so that what another casefile saved in the meantime is kept; apply the
//! change; write each changed file atomically (a file left with no notes is deleted); refresh
//! from disk, which also picks up the other process's changes to other items; release the
//! lock. The change's inverse goes on the undo stack. A change that would have to write a file
//! that does not parse is refused, and the file stays as it is.
//!
//! A rename of a tag rewrites every file that has it, each atomically, not all of them as one
//! transaction: a crash in the middle leaves some items renamed, and running it again finishes
//! the job. Undo lives in memory: it undoes this session's changes, not another process's.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime};

use chrono::{DateTime, Utc};

use super::atomic::{self, DirLock};
use super::change::{Change, apply_to, valid_tag};
use super::error::{NoteFileError, NotesError};
use super::item::ItemRef;
use super::model::NoteFile;
use crate::Case;

/// Where the time of a change comes from; tests pass a fixed clock.
pub trait Clock: Send {
    fn now(&self) -> DateTime<Utc>;
}

/// The system clock, to the second (files read better without nanoseconds).
#[derive(Debug, Clone, Copy, Default)]
pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> DateTime<Utc> {
        let now = Utc::now();
        DateTime::from_timestamp(now.timestamp(), 0).unwrap_or(now)
    }
}

impl<F: Fn() -> DateTime<Utc> + Send> Clock for F {
    fn now(&self) -> DateTime<Utc> {
        self()
    }
}

/// What applying a change did.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Applied {
    /// False when the change was already true (a tag already there).
    pub changed: bool,
    /// The id of the annotation an `AddAnnotation` made.
    pub annotation: Option<String>,
    /// One line for a status bar or an acknowledgement.
    pub description: String,
}

/// How long a change waits for another casefile that holds the notes folder's lock, and what
/// it does when it begins to wait. The default waits 30 s and says nothing: the command line
/// says so on stderr, the notebook does not wait at all (it retries between frames, see
/// `tui/effects.rs`), so that a stuck process never freezes anything.
#[derive(Debug, Clone, Copy)]
pub struct LockWait {
    /// The longest wait; zero tries once.
    pub timeout: Duration,
    /// Called once when the lock is found held, with the notes folder.
    pub notice: Option<fn(&Path)>,
}

impl Default for LockWait {
    fn default() -> LockWait {
        LockWait {
            timeout: Duration::from_secs(30),
            notice: None,
        }
    }
}

/// One step of the undo stack.
#[derive(Debug, Clone)]
struct UndoStep {
    label: String,
    inverse: Change,
}

/// How a file looked when last read, to notice changes.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Stamp {
    len: u64,
    modified: Option<SystemTime>,
    inode: u64,
}

/// A file read under the lock and the change being made to it.
struct Staged {
    original: Option<NoteFile>,
    file: NoteFile,
}

/// The notes of one case.
pub struct NotesStore {
    dir: PathBuf,
    notes: BTreeMap<String, NoteFile>,
    broken: BTreeMap<String, NoteFileError>,
    stamps: BTreeMap<String, Stamp>,
    undo: Vec<UndoStep>,
    clock: Box<dyn Clock>,
    lock_wait: LockWait,
}

impl std::fmt::Debug for NotesStore {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("NotesStore")
            .field("dir", &self.dir)
            .field("notes", &self.notes.len())
            .field("broken", &self.broken.len())
            .field("undo", &self.undo.len())
            .finish()
    }
}

/// The notes folder of a case.
pub fn notes_dir(case_root: &Path) -> PathBuf {
    case_root.join("notes")
}

impl NotesStore {
    /// Loads the notes in `dir`; a missing folder is a case without notes (it is created at
    /// the first change). Only a folder that cannot be listed is an error.
    pub fn open(dir: impl Into<PathBuf>) -> Result<NotesStore, NotesError> {
        let mut store = NotesStore {
            dir: dir.into(),
            notes: BTreeMap::new(),
            broken: BTreeMap::new(),
            stamps: BTreeMap::new(),
            undo: Vec::new(),
            clock: Box::new(SystemClock),
            lock_wait: LockWait::default(),
        };
        store.refresh()?;
        Ok(store)
    }

    /// The notes of an open case (its `notes/` folder).
    pub fn for_case(case: &Case) -> Result<NotesStore, NotesError> {
        NotesStore::open(notes_dir(&case.root))
    }

    pub fn with_clock(mut self, clock: impl Clock + 'static) -> NotesStore {
        self.clock = Box::new(clock);
        self
    }

    /// How changes wait for another casefile's lock (see [`LockWait`]).
    pub fn with_lock_wait(mut self, wait: LockWait) -> NotesStore {
        self.lock_wait = wait;
        self
    }

    pub fn set_lock_wait(&mut self, wait: LockWait) {
        self.lock_wait = wait;
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// The file of a key.
    pub fn path_of(&self, key: &str) -> PathBuf {
        self.dir.join(format!("{key}.ron"))
    }

    /// The notes of an item, if any.
    pub fn get(&self, item: &ItemRef) -> Option<&NoteFile> {
        self.notes.get(&item.key())
    }

    /// The notes in the file of `key` (its stem).
    pub fn get_key(&self, key: &str) -> Option<&NoteFile> {
        self.notes.get(key)
    }

    /// Every note file that loaded, by key (file stem), in key order.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &NoteFile)> {
        self.notes.iter().map(|(k, f)| (k.as_str(), f))
    }

    pub fn len(&self) -> usize {
        self.notes.len()
    }

    pub fn is_empty(&self) -> bool {
        self.notes.is_empty()
    }

    /// Files that did not parse, in file-name order. They are left untouched on disk.
    pub fn errors(&self) -> impl Iterator<Item = &NoteFileError> {
        self.broken.values()
    }

    /// Re-reads everything from disk (after the user fixed a file, say).
    pub fn reload(&mut self) -> Result<(), NotesError> {
        self.notes.clear();
        self.broken.clear();
        self.stamps.clear();
        self.refresh().map(|_| ())
    }

    /// Re-reads the files that changed on disk since they were read; true if any did.
    pub fn refresh(&mut self) -> Result<bool, NotesError> {
        let on_disk = self.list()?;
        let mut changed = false;
        let gone: Vec<String> = self
            .stamps
            .keys()
            .filter(|k| !on_disk.contains_key(*k))
            .cloned()
            .collect();
        for key in gone {
            self.stamps.remove(&key);
            self.notes.remove(&key);
            self.broken.remove(&key);
            changed = true;
        }
        for (key, stamp) in on_disk {
            if self.stamps.get(&key) == Some(&stamp) {
                continue;
            }
            changed = true;
            let path = self.path_of(&key);
            match read_note(&path) {
                Ok(Some(file)) => {
                    if file.item.key() != key {
                        self.broken.insert(
                            key.clone(),
                            NoteFileError {
                                path: path.clone(),
                                line: None,
                                column: None,
                                newer_format: None,
                                message: format!(
                                    "loaded, but its item's notes belong in {}.ron: rename the \
                                     file, or changes to the item will go to that file",
                                    file.item.key()
                                ),
                            },
                        );
                    } else {
                        self.broken.remove(&key);
                    }
                    self.notes.insert(key.clone(), file);
                }
                Ok(None) => {
                    self.notes.remove(&key);
                    self.broken.remove(&key);
                    continue;
                }
                Err(e) => {
                    self.notes.remove(&key);
                    self.broken.insert(key.clone(), e);
                }
            }
            self.stamps.insert(key, stamp);
        }
        Ok(changed)
    }

    /// The note files in the folder, by key, with their stamps.
    fn list(&self) -> Result<BTreeMap<String, Stamp>, NotesError> {
        let mut out = BTreeMap::new();
        let entries = match std::fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(out),
            Err(e) => return Err(NotesError::io(&self.dir, e)),
        };
        for entry in entries {
            let entry = entry.map_err(|e| NotesError::io(&self.dir, e))?;
            let name = entry.file_name().to_string_lossy().into_owned();
            let Some(key) = name.strip_suffix(".ron") else {
                continue;
            };
            if key.starts_with('.') || key.is_empty() {
                continue;
            }
            let Ok(meta) = entry.metadata() else {
                continue;
            };
            if meta.is_file() {
                out.insert(key.to_string(), stamp(&meta));
            }
        }
        Ok(out)
    }

    /// Applies a change and saves it (see the module docs).
    pub fn apply(&mut self, change: Change) -> Result<Applied, NotesError> {
        let (applied, inverse) = self.commit(&change)?;
        if let Some(inverse) = inverse {
            self.undo.push(UndoStep {
                label: change.describe(),
                inverse,
            });
        }
        Ok(applied)
    }

    /// What [`NotesStore::undo`] would undo.
    pub fn undo_label(&self) -> Option<&str> {
        self.undo.last().map(|s| s.label.as_str())
    }

    pub fn can_undo(&self) -> bool {
        !self.undo.is_empty()
    }

    /// Undoes this session's last change; None when there is nothing to undo. On an error
    /// the step stays on the stack.
    pub fn undo(&mut self) -> Result<Option<Applied>, NotesError> {
        let Some(step) = self.undo.pop() else {
            return Ok(None);
        };
        match self.commit(&step.inverse) {
            Ok((mut applied, _)) => {
                applied.description = format!("undid: {}", step.label);
                Ok(Some(applied))
            }
            Err(e) => {
                self.undo.push(step);
                Err(e)
            }
        }
    }

    /// Lock, re-read, apply, write, refresh. Returns what happened and the inverse.
    fn commit(&mut self, change: &Change) -> Result<(Applied, Option<Change>), NotesError> {
        let now = self.clock.now();
        let lock = self.lock()?;
        atomic::remove_stale_temp_files(&self.dir);
        let mut staged = BTreeMap::new();
        let mut annotation = None;
        let inverse = self.stage(change, now, &mut staged, &mut annotation)?;
        let written = self.write_staged(&staged);
        // Even after a failed write, memory shows what is on disk.
        self.refresh()?;
        drop(lock);
        written?;
        let applied = Applied {
            changed: inverse.is_some(),
            annotation,
            description: change.describe(),
        };
        Ok((applied, inverse))
    }

    /// The folder's lock, waited for as `lock_wait` says.
    fn lock(&self) -> Result<DirLock, NotesError> {
        let LockWait { timeout, notice } = self.lock_wait;
        let dir = &self.dir;
        let say = || {
            if let Some(notice) = notice {
                notice(dir);
            }
        };
        match DirLock::acquire_within(dir, timeout, say) {
            Ok(Some(lock)) => Ok(lock),
            Ok(None) => Err(NotesError::Locked {
                path: dir.join(atomic::LOCK_FILE),
                waited: timeout,
            }),
            Err(e) => Err(NotesError::io(dir, e)),
        }
    }

    /// Writes (or deletes, when left empty) every staged file that changed.
    fn write_staged(&self, staged: &BTreeMap<String, Staged>) -> Result<(), NotesError> {
        for (key, st) in staged {
            if st.original.as_ref() == Some(&st.file) {
                continue;
            }
            let path = self.path_of(key);
            if st.file.is_empty() {
                atomic::remove_durable(&path).map_err(|e| NotesError::io(&path, e))?;
            } else {
                let text = st
                    .file
                    .to_ron()
                    .map_err(|e| NotesError::Serialize(e.to_string()))?;
                atomic::write_atomic(&path, text.as_bytes())
                    .map_err(|e| NotesError::io(&path, e))?;
            }
        }
        Ok(())
    }

    /// Applies `change` to freshly read copies of the files it touches.
    fn stage(
        &self,
        change: &Change,
        now: DateTime<Utc>,
        staged: &mut BTreeMap<String, Staged>,
        annotation: &mut Option<String>,
    ) -> Result<Option<Change>, NotesError> {
        match change {
            Change::Batch(changes) => {
                let mut inverses = Vec::new();
                for c in changes {
                    inverses.extend(self.stage(c, now, staged, annotation)?);
                }
                inverses.reverse();
                Ok((!inverses.is_empty()).then_some(Change::Batch(inverses)))
            }
            Change::RenameTag { from, to } => {
                let to = valid_tag(to)?;
                if *from == to {
                    return Ok(None);
                }
                let mut inverses = Vec::new();
                for key in self.list()?.into_keys() {
                    let st = self.staged(staged, &key, None)?;
                    if !st.file.has_tag(from) {
                        continue;
                    }
                    let item = st.file.item.clone();
                    for c in [
                        Change::RemoveTag {
                            item: item.clone(),
                            tag: from.clone(),
                        },
                        Change::AddTag {
                            item,
                            tag: to.clone(),
                        },
                    ] {
                        inverses.extend(apply_to(&mut st.file, &c, now, annotation)?);
                    }
                }
                inverses.reverse();
                Ok((!inverses.is_empty()).then_some(Change::Batch(inverses)))
            }
            single => {
                let Some(item) = single.item() else {
                    return Ok(None);
                };
                let st = self.staged(staged, &item.key(), Some(item))?;
                apply_to(&mut st.file, single, now, annotation)
            }
        }
    }

    /// The staged copy of a key's file, read from disk on first use. `item` makes an empty
    /// file when there is none on disk.
    fn staged<'a>(
        &self,
        staged: &'a mut BTreeMap<String, Staged>,
        key: &str,
        item: Option<&ItemRef>,
    ) -> Result<&'a mut Staged, NotesError> {
        if !staged.contains_key(key) {
            let original = read_note(&self.path_of(key)).map_err(NotesError::Broken)?;
            let file = match (&original, item) {
                (Some(f), _) => f.clone(),
                (None, Some(item)) => NoteFile::new(item.clone()),
                (None, None) => {
                    return Err(NotesError::io(
                        self.path_of(key),
                        std::io::Error::from(std::io::ErrorKind::NotFound),
                    ));
                }
            };
            staged.insert(key.to_string(), Staged { original, file });
        }
        Ok(staged.get_mut(key).expect("just inserted"))
    }
}

/// Reads one note file: None if it does not exist.
fn read_note(path: &Path) -> Result<Option<NoteFile>, NoteFileError> {
    let text = match std::fs::read(path) {
        Ok(bytes) => bytes,
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(None),
        Err(e) => {
            return Err(NoteFileError {
                path: path.to_path_buf(),
                line: None,
                column: None,
                newer_format: None,
                message: format!("cannot read: {e}"),
            });
        }
    };
    let text = String::from_utf8(text).map_err(|e| NoteFileError {
        path: path.to_path_buf(),
        line: None,
        column: None,
        newer_format: None,
        message: format!("not UTF-8 text (byte {})", e.utf8_error().valid_up_to()),
    })?;
    NoteFile::from_ron(&text, path).map(Some)
}

fn stamp(meta: &std::fs::Metadata) -> Stamp {
    #[cfg(unix)]
    let inode = std::os::unix::fs::MetadataExt::ino(meta);
    #[cfg(not(unix))]
    let inode = 0;
    Stamp {
        len: meta.len(),
        modified: meta.modified().ok(),
        inode,
    }
}
