//! Writing generated files: only when their content changed, atomically,
//! and a check mode that reports what would change (rust-analyzer's
//! `ensure_file_contents`).
//!
//! Contents are compared with line endings normalised to `\n`, so a
//! checkout that turned `\n` into `\r\n` is not stale. Outputs are staged
//! one at a time ([`Staging`]): each is written through a buffer straight
//! into its temporary file and compared with its target a chunk at a
//! time, so a run holds at most the one output being produced, never the
//! set, and neither file whole for the comparison.
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
use std::io;
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

/// How many bytes [`Normalized`] reads at a time.
const CHUNK: usize = 1 << 16;

/// The bytes of a reader with every `\r\n` turned into `\n`, a chunk at a
/// time, so that two files are compared without either being held whole.
struct Normalized<R> {
    inner: R,
    buf: Vec<u8>,
    start: usize,
    end: usize,
    /// The last byte read was a `\r` not yet known to start a `\r\n`.
    cr_pending: bool,
    done: bool,
}

impl<R: io::Read> Normalized<R> {
    fn new(inner: R) -> Self {
        Normalized { inner, buf: vec![0; CHUNK], start: 0, end: 0, cr_pending: false, done: false }
    }

    /// The next normalised bytes; empty at the end.
    fn fill(&mut self) -> io::Result<&[u8]> {
        while self.start == self.end && !self.done {
            self.refill()?;
        }
        Ok(&self.buf[self.start..self.end])
    }

    fn consume(&mut self, n: usize) {
        self.start += n;
    }

    fn refill(&mut self) -> io::Result<()> {
        let mut len = 0;
        if self.cr_pending {
            self.buf[0] = b'\r';
            len = 1;
            self.cr_pending = false;
        }
        let n = loop {
            match self.inner.read(&mut self.buf[len..]) {
                Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
                other => break other?,
            }
        };
        self.done = n == 0;
        len += n;
        // Drop each `\r` before a `\n`; a `\r` that ends the chunk waits
        // for the next byte.
        let mut kept = self.buf[..len].iter().position(|&b| b == b'\r').unwrap_or(len);
        let mut at = kept;
        while at < len {
            let b = self.buf[at];
            at += 1;
            if b == b'\r' {
                if at < len && self.buf[at] == b'\n' {
                    continue;
                }
                if at == len && !self.done {
                    self.cr_pending = true;
                    break;
                }
            }
            self.buf[kept] = b;
            kept += 1;
        }
        self.start = 0;
        self.end = kept;
        Ok(())
    }
}

/// Whether two readers give the same bytes once `\r\n` is read as `\n`
/// in both, compared a chunk at a time.
fn same_normalized(old: impl io::Read, new: impl io::Read) -> io::Result<bool> {
    let (mut old, mut new) = (Normalized::new(old), Normalized::new(new));
    loop {
        let (old_bytes, new_bytes) = (old.fill()?, new.fill()?);
        if old_bytes.is_empty() || new_bytes.is_empty() {
            return Ok(old_bytes.is_empty() && new_bytes.is_empty());
        }
        let common = old_bytes.len().min(new_bytes.len());
        if old_bytes[..common] != new_bytes[..common] {
            return Ok(false);
        }
        old.consume(common);
        new.consume(common);
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

/// The file at `path` to read, or `None` when it does not exist.
fn open_existing(path: &Path) -> io::Result<Option<fs::File>> {
    regular_or_missing(path)?;
    match fs::File::open(path) {
        Ok(file) => Ok(Some(file)),
        Err(e) if e.kind() == io::ErrorKind::NotFound => Ok(None),
        Err(e) => Err(e),
    }
}

/// Whether `path` holds exactly `contents` (up to line endings), compared
/// a chunk at a time.
///
/// # Errors
/// When the file exists but cannot be read.
pub fn is_fresh(path: &Path, contents: &str) -> io::Result<bool> {
    match open_existing(path)? {
        Some(file) => same_normalized(file, contents.as_bytes()),
        None => Ok(false),
    }
}

/// Writes every `(path, contents)` whose file is missing or different, and
/// leaves the others untouched: [`Staging`] for contents already in memory.
///
/// # Errors
/// As [`Staging::new`], [`Staging::stage`] and [`Staging::finish`].
pub fn write_all(files: &[(PathBuf, String)]) -> io::Result<Vec<Outcome>> {
    let mut staging = Staging::new(files.iter().map(|(path, _)| path.clone()).collect())?;
    for (path, contents) in files {
        staging.stage(path, contents)?;
    }
    staging.finish()
}

/// One run's outputs, each staged to a temporary file as soon as it is
/// produced (so that no more than one output is ever held in memory) and
/// all renamed over their targets at the end.
///
/// [`Staging::new`] checks every path first: one that exists and is not a
/// regular file (or a link to one) fails before anything is staged. Then
/// each folder written to is locked ([`LOCK_FILE`]; a second run waits),
/// stale temporary files of an earlier, killed run are removed, and every
/// output is staged and judged under the lock: written to a temporary file
/// in its target's folder, then compared with the target a chunk at a
/// time (line endings normalised). An unchanged output's temporary file
/// is removed at once and its target is never touched (its mtime stays);
/// a changed one is flushed to disk. [`Staging::finish`] renames them all,
/// so a killed run never leaves a half-written file, and if any output
/// cannot be staged, no target changes: dropping a `Staging` removes its
/// temporary files. The folders are created (when missing) and locked at
/// the first byte an output writes, so an output refused before it writes
/// anything (the Rust file's checks) leaves no trace. A replaced file
/// keeps its permissions; a new one gets `0o644` on Unix.
pub struct Staging {
    files: Vec<(PathBuf, State)>,
    /// Taken at the first temporary file, held until the renames are done.
    locks: Option<Vec<fs::File>>,
}

/// Where one output of a [`Staging`] stands.
enum State {
    Pending,
    Unchanged,
    Written(tempfile::NamedTempFile),
}

impl Staging {
    /// Checks `paths`, the outputs to come, in the order
    /// [`Staging::finish`] reports them.
    ///
    /// # Errors
    /// An output that is not a regular file, or the first IO error, with
    /// the path it concerns.
    pub fn new(paths: Vec<PathBuf>) -> io::Result<Staging> {
        for path in &paths {
            regular_or_missing(path)?;
        }
        Ok(Staging { files: paths.into_iter().map(|p| (p, State::Pending)).collect(), locks: None })
    }

    /// Stages `contents` as the output `path`.
    ///
    /// # Errors
    /// As [`Staging::stage_with`].
    pub fn stage(&mut self, path: &Path, contents: &str) -> io::Result<Outcome> {
        self.stage_with(path, |out| out.write_all(contents.as_bytes()))
    }

    /// Stages the output `path` from what `write` writes (through a
    /// buffer, straight into the temporary file), and says whether it
    /// differs from the file there.
    ///
    /// # Errors
    /// When `path` was not given to [`Staging::new`] or was staged already,
    /// `write`'s error, or an IO error, with the path it concerns.
    pub fn stage_with(&mut self, path: &Path, write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>) -> io::Result<Outcome> {
        let Some(i) = self.files.iter().position(|(p, state)| p == path && matches!(state, State::Pending)) else {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{}: not an output to stage", path.display())));
        };
        let Staging { files, locks } = self;
        let mut lock = || {
            if locks.is_none() {
                *locks = Some(lock_folders(files.iter().map(|(p, _)| p.as_path()))?);
            }
            Ok(())
        };
        let staged = stage(path, &mut lock, write).map_err(|e| with_path(&e, path))?;
        let outcome = if staged.is_some() { Outcome::Written } else { Outcome::Unchanged };
        self.files[i].1 = staged.map_or(State::Unchanged, State::Written);
        Ok(outcome)
    }

    /// Renames every changed output over its target and says what
    /// happened to each, in the order of [`Staging::new`].
    ///
    /// # Errors
    /// When an output was never staged, or the first rename that fails.
    pub fn finish(mut self) -> io::Result<Vec<Outcome>> {
        if let Some((path, _)) = self.files.iter().find(|(_, state)| matches!(state, State::Pending)) {
            return Err(io::Error::new(io::ErrorKind::InvalidInput, format!("{}: never staged", path.display())));
        }
        let files = std::mem::take(&mut self.files);
        let mut outcomes = Vec::with_capacity(files.len());
        // Holding the registry, so that an interrupt waits for the renames.
        let _renaming = STAGED.lock().unwrap_or_else(PoisonError::into_inner);
        for (path, state) in files {
            outcomes.push(match state {
                State::Written(temp) => {
                    temp.persist(&path).map_err(|e| with_path(&e.error, &path))?;
                    Outcome::Written
                }
                State::Pending | State::Unchanged => Outcome::Unchanged,
            });
        }
        Ok(outcomes)
    }
}

impl Drop for Staging {
    fn drop(&mut self) {
        // The temporary files not renamed go with their `NamedTempFile`s;
        // renamed or deleted, none is left to remove on an interrupt.
        self.files.clear();
        STAGED.lock().unwrap_or_else(PoisonError::into_inner).clear();
    }
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
fn lock_folders<'a>(paths: impl Iterator<Item = &'a Path>) -> io::Result<Vec<fs::File>> {
    let mut folders: Vec<PathBuf> = paths.map(|p| folder(p).to_path_buf()).collect();
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

/// Writes what `write` writes into a new temporary file beside `path`,
/// made (after `lock`) at the first byte written; the file when it differs
/// from `path`'s (flushed to disk, with the target's permissions), `None`
/// (and the file removed) when it is the same. A `write` that fails before
/// writing makes no file.
fn stage(
    path: &Path,
    lock: &mut dyn FnMut() -> io::Result<()>,
    write: impl FnOnce(&mut dyn io::Write) -> io::Result<()>,
) -> io::Result<Option<tempfile::NamedTempFile>> {
    let mut lazy = LazyTemp { path, lock, temp: None };
    let mut out = io::BufWriter::with_capacity(CHUNK, &mut lazy);
    if let Err(e) = write(&mut out) {
        // Not flushed: what is buffered goes, and with it any need of a file.
        drop(out.into_parts());
        return Err(e);
    }
    out.into_inner().map_err(io::IntoInnerError::into_error)?;
    let temp = match lazy.temp.take() {
        Some(temp) => temp,
        None => lazy.create()?,
    };
    let temp_path = temp.path().to_path_buf();
    let unchanged = match open_existing(path)? {
        Some(old) => same_normalized(old, temp.reopen()?)?,
        None => false,
    };
    if unchanged {
        drop(temp);
        STAGED.lock().unwrap_or_else(PoisonError::into_inner).retain(|p| *p != temp_path);
        return Ok(None);
    }
    let permissions = match fs::metadata(path) {
        Ok(meta) => Some(meta.permissions()),
        Err(_) => default_permissions(),
    };
    if let Some(permissions) = permissions {
        temp.as_file().set_permissions(permissions)?;
    }
    temp.as_file().sync_all()?;
    Ok(Some(temp))
}

/// The temporary file [`stage`] writes into, made at the first write.
struct LazyTemp<'a> {
    path: &'a Path,
    lock: &'a mut dyn FnMut() -> io::Result<()>,
    temp: Option<tempfile::NamedTempFile>,
}

impl LazyTemp<'_> {
    /// Locks the folders and makes the temporary file beside `path`.
    fn create(&mut self) -> io::Result<tempfile::NamedTempFile> {
        (self.lock)()?;
        let temp = tempfile::Builder::new().prefix(TEMP_PREFIX).suffix(".tmp").tempfile_in(folder(self.path))?;
        // Known before the (long) write, so that an interrupt removes it.
        STAGED.lock().unwrap_or_else(PoisonError::into_inner).push(temp.path().to_path_buf());
        Ok(temp)
    }

    fn file(&mut self) -> io::Result<&mut fs::File> {
        let temp = match self.temp.take() {
            Some(temp) => temp,
            None => self.create()?,
        };
        Ok(self.temp.insert(temp).as_file_mut())
    }
}

impl io::Write for LazyTemp<'_> {
    fn write(&mut self, buf: &[u8]) -> io::Result<usize> {
        self.file()?.write(buf)
    }

    fn flush(&mut self) -> io::Result<()> {
        self.temp.as_mut().map_or(Ok(()), |temp| temp.as_file_mut().flush())
    }
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
/// the diff's header. A fresh file is compared a chunk at a time; only a
/// stale one is read whole, for the diff.
///
/// # Errors
/// When the file exists but cannot be read.
pub fn stale_diff(path: &Path, display: &str, contents: &str) -> io::Result<Option<String>> {
    if is_fresh(path, contents)? {
        return Ok(None);
    }
    let old = match open_existing(path)? {
        Some(mut file) => {
            let mut bytes = Vec::new();
            io::Read::read_to_end(&mut file, &mut bytes)?;
            Some(normalize_newlines(&String::from_utf8_lossy(&bytes)))
        }
        None => None,
    };
    let new: std::borrow::Cow<'_, str> = if contents.contains('\r') { normalize_newlines(contents).into() } else { contents.into() };
    let old_name = if old.is_some() { format!("a/{display}") } else { "/dev/null".to_owned() };
    let old = old.unwrap_or_default();
    let diff = similar::TextDiff::from_lines(old.as_str(), &*new);
    Ok(Some(diff.unified_diff().context_radius(3).header(&old_name, &format!("b/{display}")).to_string()))
}

/// The check mode of [`Staging`]: outputs are given one at a time (and
/// can be dropped after), the stale ones' diffs are kept for the report.
#[derive(Default)]
pub struct Check {
    report: String,
    stale: Vec<String>,
}

impl Check {
    /// Compares the output `path` with `contents`, keeping the diff when
    /// it is stale.
    ///
    /// # Errors
    /// An IO error's text.
    pub fn file(&mut self, path: &Path, contents: &str) -> Result<(), String> {
        let display = path.display().to_string();
        match stale_diff(path, &display, contents) {
            Ok(None) => Ok(()),
            Ok(Some(diff)) => {
                self.report.push_str(&diff);
                self.stale.push(display);
                Ok(())
            }
            Err(e) => Err(format!("error: cannot read {display}: {e}")),
        }
    }

    /// `Ok(())` when every file was fresh, otherwise `Err` with a unified
    /// diff per stale file followed by a line naming `command`, the
    /// command that regenerates them.
    ///
    /// # Errors
    /// The report when files are stale.
    pub fn finish(mut self, command: &str) -> Result<(), String> {
        if self.stale.is_empty() {
            return Ok(());
        }
        let _ = write!(
            self.report,
            "\nerror: {} out of date with the spec: {}\nhelp: run `{command}` to regenerate\n",
            if self.stale.len() == 1 { "this file is" } else { "these files are" },
            self.stale.join(", ")
        );
        Err(self.report)
    }
}

/// The check mode of [`write_all`]: [`Check`] over files in memory.
///
/// # Errors
/// The report when files are stale, or an IO error's text.
pub fn check_all(files: &[(PathBuf, String)], command: &str) -> Result<(), String> {
    let mut check = Check::default();
    for (path, contents) in files {
        check.file(path, contents)?;
    }
    check.finish(command)
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

    /// A reader that gives at most `step` bytes a read, so that chunk
    /// boundaries fall everywhere (`\r` at the end of one, `\n` at the
    /// start of the next).
    struct Trickle<'a> {
        bytes: &'a [u8],
        step: usize,
    }

    impl io::Read for Trickle<'_> {
        fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
            let n = self.step.min(buf.len()).min(self.bytes.len());
            buf[..n].copy_from_slice(&self.bytes[..n]);
            self.bytes = &self.bytes[n..];
            Ok(n)
        }
    }

    fn normalized(bytes: &[u8], step: usize) -> Vec<u8> {
        let mut reader = Normalized::new(Trickle { bytes, step });
        let mut out = Vec::new();
        loop {
            let chunk = reader.fill().unwrap();
            if chunk.is_empty() {
                return out;
            }
            out.extend_from_slice(chunk);
            let n = chunk.len();
            reader.consume(n);
        }
    }

    proptest::proptest! {
        #[test]
        fn chunked_normalising_is_normalize_newlines(
            text in proptest::collection::vec(proptest::prop_oneof![proptest::strategy::Just('\r'), proptest::strategy::Just('\n'), proptest::strategy::Just('a'), proptest::strategy::Just('é')], 0..64),
            step in 1_usize..9,
            other_step in 1_usize..9,
        ) {
            let text: String = text.into_iter().collect();
            let expected = normalize_newlines(&text);
            proptest::prop_assert_eq!(normalized(text.as_bytes(), step), expected.as_bytes());
            let same = same_normalized(Trickle { bytes: text.as_bytes(), step }, Trickle { bytes: text.as_bytes(), step: other_step }).unwrap();
            proptest::prop_assert!(same);
            // Both sides are normalised (once: `\r\r\n` is `\r\n`).
            let same = same_normalized(Trickle { bytes: text.as_bytes(), step }, Trickle { bytes: expected.as_bytes(), step: other_step }).unwrap();
            proptest::prop_assert_eq!(same, normalize_newlines(&expected) == expected);
            let longer = format!("{expected}x");
            let differs = same_normalized(Trickle { bytes: text.as_bytes(), step }, longer.as_bytes()).unwrap();
            proptest::prop_assert!(!differs);
        }
    }

    #[test]
    fn files_larger_than_a_chunk_are_compared_whole() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.txt");
        let line = "0123456789abcdef\n";
        let text = line.repeat(3 * CHUNK / line.len() + 1);
        fs::write(&a, text.replace('\n', "\r\n")).unwrap();
        assert!(is_fresh(&a, &text).unwrap(), "CRLF on every line, across chunk boundaries");
        let mut edited = text.clone().into_bytes();
        let last = edited.len() - 2;
        edited[last] = b'X';
        assert!(!is_fresh(&a, std::str::from_utf8(&edited).unwrap()).unwrap(), "a change in the last chunk");
        assert!(!is_fresh(&a, &text[..text.len() - 1]).unwrap(), "one byte shorter");
        assert!(!is_fresh(&dir.path().join("missing.txt"), "").unwrap());
    }

    #[test]
    fn staged_outputs_are_judged_one_at_a_time_and_unchanged_ones_keep_their_mtime() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("out/a.txt"), dir.path().join("b.txt"));
        let mut staging = Staging::new(vec![a.clone(), b.clone()]).unwrap();
        assert_eq!(staging.stage_with(&a, |out| out.write_all(b"one\n")).unwrap(), Outcome::Written);
        assert_eq!(staging.stage(&b, "two\n").unwrap(), Outcome::Written);
        assert!(!a.exists() && !b.exists(), "nothing is renamed before `finish`");
        assert_eq!(staging.finish().unwrap(), [Outcome::Written, Outcome::Written]);
        assert_eq!(fs::read_to_string(&a).unwrap(), "one\n");

        let old = std::time::SystemTime::UNIX_EPOCH + std::time::Duration::from_secs(1_000_000);
        fs::write(&a, "one\r\n").unwrap();
        fs::File::options().write(true).open(&a).unwrap().set_modified(old).unwrap();
        let mut staging = Staging::new(vec![a.clone(), b.clone()]).unwrap();
        assert_eq!(staging.stage(&a, "one\n").unwrap(), Outcome::Unchanged);
        assert!(staging.stage(&a, "again\n").is_err(), "an output is staged once");
        assert!(staging.stage(&dir.path().join("c.txt"), "").is_err(), "only the outputs named up front");
        let written = staging.stage_with(&b, |out| {
            out.write_all(b"tw")?;
            out.write_all(b"o!\n")
        });
        assert_eq!(written.unwrap(), Outcome::Written);
        assert_eq!(staging.finish().unwrap(), [Outcome::Unchanged, Outcome::Written]);
        assert_eq!(fs::metadata(&a).unwrap().modified().unwrap(), old, "an unchanged file is not touched");
        assert_eq!(fs::read(&a).unwrap(), b"one\r\n");
        assert_eq!(fs::read_to_string(&b).unwrap(), "two!\n");

        // An output never staged fails `finish`, which then renames nothing.
        let mut staging = Staging::new(vec![a.clone(), b.clone()]).unwrap();
        staging.stage(&b, "three\n").unwrap();
        assert!(staging.finish().is_err());
        assert_eq!(fs::read_to_string(&b).unwrap(), "two!\n");
        assert_eq!(leftovers(dir.path()), [LOCK_FILE, "b.txt", "out"]);
        assert_eq!(leftovers(&dir.path().join("out")), [LOCK_FILE, "a.txt"]);
        let registered = STAGED.lock().unwrap().iter().any(|p| p.starts_with(dir.path()));
        assert!(!registered, "no temporary file is left registered for removal");
    }

    #[test]
    fn a_failing_output_renames_nothing_and_leaves_no_temporary_file() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("a.txt"), dir.path().join("b.txt"));
        fs::write(&b, "old\n").unwrap();
        let mut staging = Staging::new(vec![a.clone(), b.clone()]).unwrap();
        staging.stage(&a, "new\n").unwrap();
        let failed = staging.stage_with(&b, |out| {
            out.write_all(b"half of it")?;
            Err(io::Error::other("the renderer failed"))
        });
        let err = failed.unwrap_err().to_string();
        assert!(err.contains("b.txt") && err.contains("the renderer failed"), "{err}");
        drop(staging);
        assert!(!a.exists(), "the staged output is not renamed");
        assert_eq!(fs::read_to_string(&b).unwrap(), "old\n");
        assert_eq!(leftovers(dir.path()), [LOCK_FILE, "b.txt"]);
    }

    #[test]
    fn an_output_refused_before_its_first_byte_creates_and_locks_nothing() {
        let dir = tempfile::tempdir().unwrap();
        let (a, b) = (dir.path().join("new/a.rs"), dir.path().join("other/b.ts"));
        let mut staging = Staging::new(vec![a.clone(), b.clone()]).unwrap();
        let refused = staging.stage_with(&a, |_| Err(io::Error::other("refused")));
        assert!(refused.unwrap_err().to_string().contains("refused"));
        drop(staging);
        assert!(leftovers(dir.path()).is_empty(), "{:?}", leftovers(dir.path()));
        // Once an output writes, every folder is made and locked at once.
        let mut staging = Staging::new(vec![a.clone(), b.clone()]).unwrap();
        staging.stage(&a, "a\n").unwrap();
        assert_eq!(leftovers(dir.path()), ["new", "other"]);
        assert_eq!(leftovers(&dir.path().join("other")), [LOCK_FILE]);
        staging.stage(&b, "b\n").unwrap();
        assert_eq!(staging.finish().unwrap(), [Outcome::Written, Outcome::Written]);
        assert_eq!(fs::read_to_string(&a).unwrap(), "a\n");
    }

    /// The names in `dir`, sorted.
    fn leftovers(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
        names.sort();
        names
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
