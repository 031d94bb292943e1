//! Writing generated files: only when their content changed, atomically,
//! and a check mode that reports what would change (rust-analyzer's
//! `ensure_file_contents`).
//!
//! Contents are compared with line endings normalised to `\n`, so a
//! checkout that turned `\n` into `\r\n` is not stale.
//!
//! Only regular files (or links to them) are read or replaced: an output
//! path that is a FIFO, a device, a socket or a folder is refused before
//! anything is staged. Runs into one folder take turns through a lock file
//! ([`LOCK_FILE`], locked with `fs4`), so the set of outputs is always one
//! run's; holding the lock, a run removes the temporary files that an
//! earlier run killed mid-write left ([`TEMP_PREFIX`]`*.tmp`), and
//! [`remove_staged`] removes this run's when it is interrupted.

use std::fmt::Write as _;
use std::fs;
use std::io::{self, Write as _};
use std::path::{Path, PathBuf};
use std::sync::{Mutex, PoisonError};

use fs4::fs_std::FileExt as _;

/// The lock file `generate` keeps in each folder it writes to.
pub const LOCK_FILE: &str = ".errgen.lock";
/// How the names of staged temporary files start (they end in `.tmp`).
pub const TEMP_PREFIX: &str = ".errgen-";

/// This run's staged temporary files, until they are renamed. While the
/// renames run the lock is held, so an interrupt waits for them to finish.
static STAGED: Mutex<Vec<PathBuf>> = Mutex::new(Vec::new());

/// What [`write_all`] did to one file.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// The file was missing or different and has been replaced.
    Written,
    /// The file already had these contents and was not touched.
    Unchanged,
}

impl Outcome {
    /// `written` or `unchanged`, as `errgen generate` prints it.
    #[must_use]
    pub fn as_str(self) -> &'static str {
        match self {
            Outcome::Written => "written",
            Outcome::Unchanged => "unchanged",
        }
    }
}

/// `s` with every `\r\n` turned into `\n`.
#[must_use]
pub fn normalize_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n")
    } else {
        s.to_owned()
    }
}

/// Whether `old` (already normalised) is `new` once normalised, without a
/// copy of `new` where it has no carriage return (errgen's own output).
fn same_text(old: &str, new: &str) -> bool {
    if new.contains('\r') {
        old == normalize_newlines(new)
    } else {
        old == new
    }
}

/// An error unless `path` is missing or a regular file (links followed).
fn regular_or_missing(path: &Path) -> io::Result<()> {
    match fs::metadata(path) {
        Ok(meta) if !meta.is_file() => Err(io::Error::new(
            io::ErrorKind::InvalidInput,
            format!(
                "{} is {}, not a regular file: errgen writes only regular files (remove it or choose another path)",
                path.display(),
                errgen::file_kind(meta.file_type())
            ),
        )),
        _ => Ok(()),
    }
}

/// The file's current contents, normalised; `None` when it does not exist.
fn current(path: &Path) -> io::Result<Option<String>> {
    regular_or_missing(path)?;
    match fs::read(path) {
        Ok(bytes) => Ok(Some(normalize_newlines(&String::from_utf8_lossy(&bytes)))),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `path` holds exactly `contents` (up to line endings).
///
/// # Errors
/// When the file exists but cannot be read.
pub fn is_fresh(path: &Path, contents: &str) -> io::Result<bool> {
    Ok(current(path)?.is_some_and(|old| same_text(&old, contents)))
}

/// Writes every `(path, contents)` whose file is missing or different, and
/// leaves the others untouched.
///
/// Every path is checked first: one that exists and is not a regular file
/// (or a link to one) fails the call before anything is staged. Then each
/// folder written to is locked ([`LOCK_FILE`]; a second run waits), stale
/// temporary files of an earlier, killed run are removed, and freshness is
/// judged under the lock. Each file is written to a temporary file in its
/// own folder, flushed to disk, and renamed over the target, so a killed run
/// never leaves a half-written file. All temporary files are written before
/// the first rename: if any cannot be written, no target changes. Missing
/// folders are created. A replaced file keeps its permissions; a new one
/// gets `0o644` on Unix.
///
/// # Errors
/// The first IO error, with the path it concerns.
pub fn write_all(files: &[(PathBuf, String)]) -> io::Result<Vec<Outcome>> {
    for (path, _) in files {
        regular_or_missing(path)?;
    }
    let _locks = lock_folders(files)?;
    let mut outcomes = Vec::with_capacity(files.len());
    for (path, contents) in files {
        let fresh = is_fresh(path, contents).map_err(|e| with_path(&e, path))?;
        outcomes.push(if fresh { Outcome::Unchanged } else { Outcome::Written });
    }
    let renamed = stage_and_rename(files, &outcomes);
    // Renamed, or dropped (and so deleted) on an error: none is left.
    STAGED.lock().unwrap_or_else(PoisonError::into_inner).clear();
    renamed.map(|()| outcomes)
}

/// Stages every file to be written, then renames them all, holding the
/// registry of staged files so that an interrupt waits for the renames.
fn stage_and_rename(files: &[(PathBuf, String)], outcomes: &[Outcome]) -> io::Result<()> {
    let mut staged = Vec::new();
    for ((path, contents), outcome) in files.iter().zip(outcomes) {
        if *outcome == Outcome::Written {
            staged.push((stage(path, contents).map_err(|e| with_path(&e, path))?, path));
        }
    }
    let _renaming = STAGED.lock().unwrap_or_else(PoisonError::into_inner);
    for (temp, path) in staged {
        temp.persist(path).map_err(|e| with_path(&e.error, path))?;
    }
    Ok(())
}

/// Removes this run's staged temporary files (for an interrupt handler).
/// Waits while renames are under way, so it never undoes half of them;
/// afterwards nothing more is staged by this process.
pub fn remove_staged() {
    let mut registry = STAGED.lock().unwrap_or_else(PoisonError::into_inner);
    for path in registry.drain(..) {
        let _ = fs::remove_file(path);
    }
    // Keep the lock: a staging still under way cannot register (and then
    // rename) another file before the process exits.
    std::mem::forget(registry);
}

/// The folder a file is written into.
fn folder(path: &Path) -> &Path {
    match path.parent() {
        Some(dir) if !dir.as_os_str().is_empty() => dir,
        _ => Path::new("."),
    }
}

/// Locks every folder the files go to (created if missing), in sorted
/// order so that two runs cannot each hold one and wait for the other,
/// and removes what killed runs left there. The locks last as long as the
/// returned files.
fn lock_folders(files: &[(PathBuf, String)]) -> io::Result<Vec<fs::File>> {
    let mut folders: Vec<PathBuf> = files.iter().map(|(p, _)| folder(p).to_path_buf()).collect();
    folders.sort();
    folders.dedup();
    let mut locks = Vec::with_capacity(folders.len());
    for dir in folders {
        fs::create_dir_all(&dir).map_err(|e| with_path(&e, &dir))?;
        let path = dir.join(LOCK_FILE);
        regular_or_missing(&path)?;
        let lock = fs::OpenOptions::new().create(true).truncate(false).write(true).open(&path).map_err(|e| with_path(&e, &path))?;
        lock.lock_exclusive().map_err(|e| with_path(&e, &path))?;
        remove_stale_temps(&dir).map_err(|e| with_path(&e, &dir))?;
        locks.push(lock);
    }
    Ok(locks)
}

/// Removes `.errgen-*.tmp` files in `dir`: with the folder locked, no
/// running errgen owns one, so they are what a killed run left.
fn remove_stale_temps(dir: &Path) -> io::Result<()> {
    for entry in fs::read_dir(dir)? {
        let entry = entry?;
        let name = entry.file_name();
        let name = name.to_string_lossy();
        if name.starts_with(TEMP_PREFIX) && name.ends_with(".tmp") && entry.file_type()?.is_file() {
            fs::remove_file(entry.path())?;
        }
    }
    Ok(())
}

/// Writes `contents` into a new temporary file beside `path`.
fn stage(path: &Path, contents: &str) -> io::Result<tempfile::NamedTempFile> {
    let mut temp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(folder(path))?;
    // Known before the (long) write, so that an interrupt removes it.
    STAGED.lock().unwrap_or_else(PoisonError::into_inner).push(temp.path().to_path_buf());
    temp.write_all(contents.as_bytes())?;
    let permissions = match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    Ok(temp)
}

#[cfg(unix)]
#[allow(clippy::unnecessary_wraps)] // `None` on other platforms
fn default_permissions() -> Option<fs::Permissions> {
    use std::os::unix::fs::PermissionsExt as _;
    Some(fs::Permissions::from_mode(0o644))
}

#[cfg(not(unix))]
fn default_permissions() -> Option<fs::Permissions> {
    None
}

fn with_path(e: &io::Error, path: &Path) -> io::Error {
    io::Error::new(e.kind(), format!("{}: {e}", path.display()))
}

/// A unified diff from the file's current contents (empty when missing) to
/// `contents`, or `None` when the file is fresh. `display` names the file in
/// the diff's header.
///
/// # Errors
/// When the file exists but cannot be read.
pub fn stale_diff(path: &Path, display: &str, contents: &str) -> io::Result<Option<String>> {
    let old = current(path)?;
    let new = normalize_newlines(contents);
    if old.as_deref() == Some(new.as_str()) {
        return Ok(None);
    }
    let old_name = if old.is_some() { format!("a/{display}") } else { "/dev/null".to_owned() };
    let old = old.unwrap_or_default();
    let diff = similar::TextDiff::from_lines(old.as_str(), new.as_str());
    Ok(Some(diff.unified_diff().context_radius(3).header(&old_name, &format!("b/{display}")).to_string()))
}

/// The check mode of [`write_all`]: `Ok(())` when every file is fresh,
/// otherwise `Err` with a unified diff per stale file followed by a line
/// naming `command`, the command that regenerates them.
///
/// # Errors
/// The report when files are stale, or an IO error's text.
pub fn check_all(files: &[(PathBuf, String)], command: &str) -> Result<(), String> {
    let mut report = String::new();
    let mut stale = Vec::new();
    for (path, contents) in files {
        let display = path.display().to_string();
        match stale_diff(path, &display, contents) {
            Ok(None) => {}
            Ok(Some(diff)) => {
                report.push_str(&diff);
                stale.push(display);
            }
            Err(e) => return Err(format!("error: cannot read {display}: {e}")),
        }
    }
    if stale.is_empty() {
        return Ok(());
    }
    let _ = write!(
        report,
        "\nerror: {} out of date with the spec: {}\nhelp: run `{command}` to regenerate\n",
        if stale.len() == 1 { "this file is" } else { "these files are" },
        stale.join(", ")
    );
    Err(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_only_what_changed_and_checks() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("out/a.txt");
        let b = dir.path().join("out/b.txt");
        let files = vec![(a.clone(), "one\ntwo\n".to_owned()), (b.clone(), "x\n".to_owned())];
        let err = check_all(&files, "make it").unwrap_err();
        assert!(err.contains("--- /dev/null") && err.contains("+one") && err.contains("run `make it`"), "{err}");
        assert_eq!(write_all(&files).unwrap(), vec![Outcome::Written, Outcome::Written]);
        assert_eq!(fs::read_to_string(&a).unwrap(), "one\ntwo\n");
        check_all(&files, "make it").unwrap();
        assert_eq!(write_all(&files).unwrap(), vec![Outcome::Unchanged, Outcome::Unchanged]);

        // CRLF checkouts are fresh; edited files are stale with a diff.
        fs::write(&a, "one\r\ntwo\r\n").unwrap();
        check_all(&files, "make it").unwrap();
        fs::write(&b, "y\n").unwrap();
        let err = check_all(&files, "make it").unwrap_err();
        assert!(err.contains("-y\n+x\n") && err.contains("b.txt") && !err.contains("a.txt"), "{err}");
        assert_eq!(write_all(&files).unwrap(), vec![Outcome::Unchanged, Outcome::Written]);

        // No temporary file is left behind.
        let mut names: Vec<_> = fs::read_dir(dir.path().join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
        names.sort();
        assert_eq!(names, [LOCK_FILE, "a.txt", "b.txt"]);
    }

    #[cfg(unix)]
    #[test]
    fn new_files_are_world_readable_and_replaced_files_keep_permissions() {
        use std::os::unix::fs::PermissionsExt as _;
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        write_all(&[(a.clone(), "1".to_owned())]).unwrap();
        assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o644);
        fs::set_permissions(&a, fs::Permissions::from_mode(0o600)).unwrap();
        write_all(&[(a.clone(), "2".to_owned())]).unwrap();
        assert_eq!(fs::metadata(&a).unwrap().permissions().mode() & 0o777, 0o600);
    }

    #[test]
    fn nothing_changes_when_one_file_cannot_be_staged() {
        let dir = tempfile::tempdir().unwrap();
        let good = dir.path().join("good.txt");
        // A regular file where a folder should be: staging below it fails.
        let blocker = dir.path().join("blocker");
        fs::write(&blocker, "").unwrap();
        let bad = blocker.join("bad.txt");
        let result = write_all(&[(good.clone(), "new".to_owned()), (bad, "x".to_owned())]);
        assert!(result.is_err());
        assert!(!good.exists(), "the first file must not be written when the second fails");
    }
}
