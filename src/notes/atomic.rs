//! Durable, all-or-nothing file writes and the lock that serialises writers of one notes
//! folder.
//!
//! [`write_atomic`] writes to a temporary file in the same folder (named
//! `.casefile-<random>.tmp`, so the loader, which only reads `*.ron` not starting with `.`,
//! never sees it), flushes it to disk, renames it over the target and flushes the folder:
//! killed at any instant, the target is either the old file or the new one. A temporary file
//! left by a killed writer is removed by the next writer ([`remove_stale_temp_files`], called
//! under the lock, when no other writer can be mid-write); only names with casefile's own
//! prefix are removed, never a user's `.draft.tmp`.
//!
//! The file keeps the mode of the file it replaces (a note made private with `chmod 600`
//! stays private); a new file gets the mode the user's umask gives (0644 under the usual
//! 022, 0600 under 077), as any program's new file does.
//!
//! [`DirLock`] is an advisory lock (flock on Unix, LockFileEx on Windows, through `fs4`) on
//! `notes/.lock`. The operating system drops it when the process dies, so a killed writer
//! never leaves the folder locked; a live one holding it is waited for a bounded time
//! ([`DirLock::acquire_within`], or not at all with [`DirLock::try_acquire`]), so that a
//! stuck process costs the others an error, not a frozen screen. It only orders casefile
//! processes; an editor saving a note by hand is not stopped, which the store survives by
//! re-reading files before changing them.

use std::fs::{File, OpenOptions};
use std::io::{self, Write};
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

/// Name of the lock file inside the notes folder.
pub const LOCK_FILE: &str = ".lock";
/// The start of the name of every temporary file casefile writes (and of no user's file).
pub const TEMP_PREFIX: &str = ".casefile-";
/// The end of it.
const TEMP_SUFFIX: &str = ".tmp";
/// Written once, so that a team keeping the case in git does not commit the lock or leftovers.
const GITIGNORE: &str =
    "# casefile: the writers' lock and interrupted writes\n.lock\n.casefile-*.tmp\n";

/// Writes `bytes` to `path` atomically and durably (see the module docs).
pub fn write_atomic(path: &Path, bytes: &[u8]) -> io::Result<()> {
    let dir = parent_dir(path);
    let mut tmp = temp_file_for(path, &dir, TEMP_PREFIX)?;
    tmp.write_all(bytes)?;
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    sync_dir(&dir)
}

/// A temporary file in `dir` that will replace `target`: created with the mode of the
/// existing `target`, or else with 0666 as the umask leaves it (the kernel applies the umask
/// at creation, as for any new file; `tempfile` alone would make it 0600).
pub fn temp_file_for(
    target: &Path,
    dir: &Path,
    prefix: &str,
) -> io::Result<tempfile::NamedTempFile> {
    let mut builder = tempfile::Builder::new();
    builder.prefix(prefix).suffix(TEMP_SUFFIX);
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        builder.permissions(std::fs::Permissions::from_mode(0o666));
    }
    let tmp = builder.tempfile_in(dir)?;
    // An existing file's mode is kept as it is, whatever the umask (which only narrows new
    // files): set after creation, where the umask does not apply.
    if let Ok(meta) = std::fs::metadata(target) {
        tmp.as_file().set_permissions(meta.permissions())?;
    }
    Ok(tmp)
}

/// Removes `path` (if it exists) and makes the removal durable.
pub fn remove_durable(path: &Path) -> io::Result<()> {
    match std::fs::remove_file(path) {
        Ok(()) => sync_dir(&parent_dir(path)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(()),
        Err(e) => Err(e),
    }
}

/// Is this a temporary file of [`write_atomic`]? Only casefile's own names: a user's
/// `.notes.tmp` is theirs.
pub fn is_temp_name(name: &str) -> bool {
    name.starts_with(TEMP_PREFIX) && name.ends_with(TEMP_SUFFIX)
}

/// Deletes temporary files left by writers that were killed. Call only under [`DirLock`].
pub fn remove_stale_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.flatten() {
        if is_temp_name(&entry.file_name().to_string_lossy()) {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

fn parent_dir(path: &Path) -> PathBuf {
    match path.parent() {
        Some(p) if !p.as_os_str().is_empty() => p.to_path_buf(),
        _ => PathBuf::from("."),
    }
}

/// Flushes a folder's entries (the rename) to disk. A no-op where folders cannot be opened.
fn sync_dir(dir: &Path) -> io::Result<()> {
    #[cfg(unix)]
    {
        File::open(dir)?.sync_all()
    }
    #[cfg(not(unix))]
    {
        let _ = dir;
        Ok(())
    }
}

/// An exclusive lock on a notes folder, held until dropped.
#[derive(Debug)]
pub struct DirLock {
    file: File,
}

impl DirLock {
    /// Creates the folder if needed (with a `.gitignore` for the lock and temporary files)
    /// and waits for the lock.
    pub fn acquire(dir: &Path) -> io::Result<DirLock> {
        std::fs::create_dir_all(dir)?;
        let path = dir.join(LOCK_FILE);
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(&path)?;
        fs4::FileExt::lock(&file)?;
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, GITIGNORE.as_bytes())?;
        }
        Ok(DirLock { file })
    }
}

/// Waiting for a lock another casefile holds, without blocking forever (see
/// [`DirLock::acquire_within`]). Kept apart from [`DirLock::acquire`] on purpose.
impl DirLock {
    /// Takes the lock if no other process holds it now; `None` when one does.
    pub fn try_acquire(dir: &Path) -> io::Result<Option<DirLock>> {
        std::fs::create_dir_all(dir)?;
        let file = OpenOptions::new()
            .create(true)
            .truncate(false)
            .read(true)
            .write(true)
            .open(dir.join(LOCK_FILE))?;
        match fs4::FileExt::try_lock(&file) {
            Ok(()) => {}
            Err(fs4::TryLockError::WouldBlock) => return Ok(None),
            Err(fs4::TryLockError::Error(e)) => return Err(e),
        }
        let ignore = dir.join(".gitignore");
        if !ignore.exists() {
            write_atomic(&ignore, GITIGNORE.as_bytes())?;
        }
        Ok(Some(DirLock { file }))
    }

    /// Takes the lock, waiting at most `timeout` for another process to let it go (polling,
    /// so that a wait always ends); `waiting` is called once, when the first try finds the
    /// lock held. `None` when the time ran out.
    pub fn acquire_within(
        dir: &Path,
        timeout: Duration,
        waiting: impl FnOnce(),
    ) -> io::Result<Option<DirLock>> {
        let start = Instant::now();
        let mut waiting = Some(waiting);
        loop {
            if let Some(lock) = DirLock::try_acquire(dir)? {
                return Ok(Some(lock));
            }
            let waited = start.elapsed();
            if waited >= timeout {
                return Ok(None);
            }
            if let Some(w) = waiting.take() {
                w();
            }
            std::thread::sleep(LOCK_POLL.min(timeout - waited));
        }
    }
}

/// How often [`DirLock::acquire_within`] tries again.
const LOCK_POLL: Duration = Duration::from_millis(25);

impl Drop for DirLock {
    fn drop(&mut self) {
        let _ = fs4::FileExt::unlock(&self.file);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_replace_and_leave_no_temp_files() {
        let dir = tempfile::tempdir().unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one").unwrap();
        write_atomic(&path, b"two").unwrap();
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        assert_eq!(names, ["a.ron"]);
        remove_durable(&path).unwrap();
        remove_durable(&path).unwrap();
        assert!(!path.exists());
    }

    #[cfg(unix)]
    #[test]
    fn a_held_lock_is_waited_for_a_bounded_time_and_said_once() {
        let dir = tempfile::tempdir().unwrap();
        let held = DirLock::acquire(dir.path()).unwrap();
        assert!(DirLock::try_acquire(dir.path()).unwrap().is_none());
        let mut said = 0;
        let start = Instant::now();
        let got = DirLock::acquire_within(dir.path(), Duration::from_millis(100), || said += 1);
        assert!(got.unwrap().is_none());
        assert!(start.elapsed() >= Duration::from_millis(100));
        assert_eq!(said, 1);
        drop(held);
        let mut said = 0;
        let got = DirLock::acquire_within(dir.path(), Duration::from_secs(5), || said += 1);
        assert!(got.unwrap().is_some());
        assert_eq!(said, 0, "a free lock is taken without a word");
    }

    #[cfg(unix)]
    #[test]
    fn an_existing_mode_is_kept_and_a_new_file_follows_the_umask() {
        use std::os::unix::fs::PermissionsExt;
        let mode = |p: &Path| std::fs::metadata(p).unwrap().permissions().mode() & 0o777;
        let dir = tempfile::tempdir().unwrap();
        // What the umask gives any program's new file.
        let reference = dir.path().join("reference");
        std::fs::File::create(&reference).unwrap();
        let path = dir.path().join("a.ron");
        write_atomic(&path, b"one").unwrap();
        assert_eq!(mode(&path), mode(&reference));
        for private in [0o600, 0o640, 0o664] {
            std::fs::set_permissions(&path, std::fs::Permissions::from_mode(private)).unwrap();
            write_atomic(&path, b"two").unwrap();
            assert_eq!(mode(&path), private, "{private:o}");
        }
        assert_eq!(std::fs::read(&path).unwrap(), b"two");
    }

    #[test]
    fn a_users_own_temp_file_is_left_alone() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".x.tmp"), "mine").unwrap();
        std::fs::write(dir.path().join(".casefile-k3Jq9a.tmp"), "half").unwrap();
        let lock = DirLock::acquire(dir.path()).unwrap();
        remove_stale_temp_files(dir.path());
        drop(lock);
        assert_eq!(std::fs::read(dir.path().join(".x.tmp")).unwrap(), b"mine");
        assert!(!dir.path().join(".casefile-k3Jq9a.tmp").exists());
        assert!(!is_temp_name(".x.tmp") && !is_temp_name(".abc.tmp"));
    }

    #[test]
    fn stale_temp_files_go_under_the_lock() {
        let dir = tempfile::tempdir().unwrap();
        std::fs::write(dir.path().join(".casefile-abc.tmp"), "half").unwrap();
        let lock = DirLock::acquire(dir.path()).unwrap();
        remove_stale_temp_files(dir.path());
        drop(lock);
        assert!(!dir.path().join(".casefile-abc.tmp").exists());
        assert!(dir.path().join(".gitignore").exists());
        assert!(is_temp_name(".casefile-x1y2.tmp") && !is_temp_name("x.tmp"));
        assert!(!is_temp_name(".lock"));
    }
}
