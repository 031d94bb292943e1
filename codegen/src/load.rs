//! Finding and reading spec files: the only IO before generation.

use std::path::{Path, PathBuf};

use crate::diag::{Diagnostic, Label};
use crate::model::{Model, Source};
use crate::lower::ReadOptions;
use crate::source::SourceFile;

/// What loading a spec gave: the model (when there were no errors), every
/// diagnostic, and every input the model was read from.
#[derive(Debug, Clone)]
pub struct Loaded {
    /// The model; `None` when any error was diagnosed.
    pub model: Option<Model>,
    /// Errors, warnings and notes, in the order found.
    pub diagnostics: Vec<Diagnostic>,
    /// The Markdown files read, sorted by path.
    pub files: Vec<PathBuf>,
    /// The folders searched (for `cargo:rerun-if-changed`).
    pub folders: Vec<PathBuf>,
    /// How each table was read (`errgen lint --explain`).
    pub readings: Vec<crate::lower::TableReading>,
}

impl Loaded {
    /// Whether any diagnostic is an error.
    #[must_use]
    pub fn has_errors(&self) -> bool {
        crate::diag::has_errors(&self.diagnostics)
    }
}

/// `/`-separated display form of a path.
fn display(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

fn file_label(path: &str) -> Label {
    Label {
        source: Source { file: path.to_owned(), line: 1, column: 1 },
        len: 0,
        line_text: String::new(),
        text_column: 1,
        note: String::new(),
    }
}

/// What a file of this type is, for "`x.md` is a FIFO (named pipe), not
/// a regular file" (the CLI says the same of outputs it refuses).
#[must_use]
pub fn file_kind(file_type: std::fs::FileType) -> &'static str {
    #[cfg(unix)]
    {
        use std::os::unix::fs::FileTypeExt as _;
        if file_type.is_fifo() {
            return "a FIFO (named pipe)";
        }
        if file_type.is_socket() {
            return "a socket";
        }
        if file_type.is_char_device() {
            return "a character device";
        }
        if file_type.is_block_device() {
            return "a block device";
        }
    }
    if file_type.is_dir() {
        "a folder"
    } else {
        "neither a file nor a folder"
    }
}

/// The error for a spec path that is neither a regular file (or a link to
/// one) nor a folder: reading a FIFO would block, a device would never end.
fn not_regular(shown: &str, file_type: std::fs::FileType) -> Diagnostic {
    Diagnostic::error(format!("`{shown}` is {}, not a regular file", file_kind(file_type)))
        .label(file_label(shown))
        .help("errgen reads only regular files and links to them: replace it with the Markdown file itself")
}

/// Loads every `*.md` under the given folders and files (folders recursively,
/// sorted by path) as one model.
#[must_use]
pub fn load<P: AsRef<Path>>(paths: &[P]) -> Loaded {
    load_with(paths, &ReadOptions::default())
}

/// [`load`], with options for reading the Markdown (a spec-wide column
/// mapping).
#[must_use]
pub fn load_with<P: AsRef<Path>>(paths: &[P], options: &ReadOptions) -> Loaded {
    let mut diagnostics = Vec::new();
    let mut files = Vec::new();
    let mut folders = Vec::new();
    if paths.is_empty() {
        diagnostics.push(Diagnostic::error("no spec path given").help("name a spec folder or Markdown file"));
    }
    for path in paths {
        let path = path.as_ref();
        let shown = display(path);
        let meta = match std::fs::metadata(path) {
            Ok(m) => m,
            Err(e) => {
                diagnostics.push(
                    Diagnostic::error(format!("cannot read spec path `{shown}`: {e}"))
                        .help("pass an existing folder of Markdown files or a `.md` file"),
                );
                continue;
            }
        };
        if meta.is_file() {
            files.push(path.to_path_buf());
            continue;
        }
        if !meta.is_dir() {
            diagnostics.push(not_regular(&shown, meta.file_type()));
            continue;
        }
        folders.push(path.to_path_buf());
        let before = files.len();
        for entry in walkdir::WalkDir::new(path).follow_links(true).sort_by_file_name() {
            match entry {
                Ok(e) => {
                    if e.file_type().is_dir() {
                        if e.depth() > 0 {
                            folders.push(e.path().to_path_buf());
                        }
                    } else if e.path().extension().is_some_and(|x| x == "md") {
                        if e.file_type().is_file() {
                            files.push(e.path().to_path_buf());
                        } else {
                            diagnostics.push(not_regular(&display(e.path()), e.file_type()));
                        }
                    }
                }
                Err(e) => {
                    let at = e.path().map_or_else(|| shown.clone(), display);
                    let what = if e.loop_ancestor().is_some() {
                        "a symbolic link loops back to a folder above it".to_owned()
                    } else {
                        e.to_string()
                    };
                    diagnostics.push(
                        Diagnostic::error(format!("cannot read `{at}`: {what}"))
                            .label(file_label(&at))
                            .help("remove the link or make the folder readable"),
                    );
                }
            }
        }
        if files.len() == before {
            diagnostics.push(
                Diagnostic::error(format!("no Markdown files in `{shown}`"))
                    .help("put the error documentation (`*.md`) in this folder, or name the file itself"),
            );
        }
    }
    files.sort();
    files.dedup();
    let sources = read_sources(&files, &mut diagnostics);
    let failed = crate::diag::has_errors(&diagnostics);
    let lowered = lower_sources(sources, options);
    let (model, mut more, readings) = match lowered {
        Some(l) => (l.model, l.diagnostics, l.readings),
        None => (None, Vec::new(), Vec::new()),
    };
    diagnostics.append(&mut more);
    Loaded { model: if failed { None } else { model }, diagnostics, files, folders, readings }
}

/// Reads each file as UTF-8 text, `(display path, text)`; a file that is
/// not a regular file (by now), cannot be read, or is not UTF-8 gets an
/// error instead.
fn read_sources(files: &[PathBuf], diagnostics: &mut Vec<Diagnostic>) -> Vec<(String, String)> {
    let mut sources = Vec::new();
    for file in files {
        let shown = display(file);
        // Checked again just before reading: the type is what decides
        // whether reading can block or never end.
        match std::fs::metadata(file) {
            Ok(meta) if !meta.is_file() => {
                diagnostics.push(not_regular(&shown, meta.file_type()));
                continue;
            }
            _ => {}
        }
        match std::fs::read(file) {
            Ok(bytes) => match source_text(&shown, bytes) {
                Ok(text) => sources.push((shown, text)),
                Err(diagnostic) => diagnostics.push(diagnostic),
            },
            Err(e) => diagnostics.push(
                Diagnostic::error(format!("cannot read `{shown}`: {e}")).label(file_label(&shown)),
            ),
        }
    }
    sources
}

/// A spec file's bytes as text, or the error for bytes that are not UTF-8,
/// at the line and column of the first bad byte. `shown` names the file in
/// the diagnostic (a path, or `REV:path` for a file read from git).
///
/// # Errors
///
/// The diagnostic for bytes that are not UTF-8.
///
/// ```
/// assert_eq!(errgen::source_text("a.md", b"# Errors".to_vec()).unwrap(), "# Errors");
/// let error = errgen::source_text("a.md", b"ok\n\xff".to_vec()).unwrap_err();
/// assert_eq!(error.labels[0].source.line, 2);
/// ```
pub fn source_text(shown: &str, bytes: Vec<u8>) -> Result<String, Diagnostic> {
    String::from_utf8(bytes).map_err(|e| {
        let bytes = e.as_bytes();
        let valid = e.utf8_error().valid_up_to();
        let good = std::str::from_utf8(&bytes[..valid]).unwrap_or("");
        let line = good.matches('\n').count() + 1;
        let column = good.rsplit('\n').next().unwrap_or("").chars().count() + 1;
        let mut label = file_label(shown);
        label.source.line = u32::try_from(line).unwrap_or(u32::MAX);
        label.source.column = u32::try_from(column).unwrap_or(u32::MAX);
        Diagnostic::error(format!("`{shown}` is not UTF-8 text (byte {valid} is not valid UTF-8)"))
            .label(label)
            .help("save the file as UTF-8")
    })
}

/// Builds a model from in-memory files, `(display path, text)`, in the
/// order given. No IO: tests and `errgen diff --base` use this directly.
#[must_use]
pub fn from_sources(sources: Vec<(String, String)>) -> (Option<Model>, Vec<Diagnostic>) {
    from_sources_with(sources, &ReadOptions::default())
}

/// [`from_sources`] with reading options.
#[must_use]
pub fn from_sources_with(sources: Vec<(String, String)>, options: &ReadOptions) -> (Option<Model>, Vec<Diagnostic>) {
    match lower_sources(sources, options) {
        Some(l) => (l.model, l.diagnostics),
        None => (None, Vec::new()),
    }
}

fn lower_sources(sources: Vec<(String, String)>, options: &ReadOptions) -> Option<crate::lower::Lowered> {
    let files: Vec<SourceFile> = sources.into_iter().map(|(p, t)| SourceFile::new(p, t)).collect();
    if files.is_empty() {
        return None;
    }
    let mut diags = Vec::new();
    let blocks = files.iter().map(|file| crate::parse::blocks(file, &mut diags)).collect();
    Some(crate::lower::lower_blocks(&files, blocks, diags, options))
}

/// `path` as the `@generated` headers name it, the same on every machine:
/// relative to the working directory (with `..` where it lies outside),
/// `.` parts dropped and `..` folded lexically, `/` separators. `./spec`,
/// `spec/` and the absolute path of `spec` all give `spec`.
#[must_use]
pub fn shown_path(path: &Path) -> String {
    use std::path::Component;
    fn fold(path: &Path) -> Vec<Component<'_>> {
        let mut out: Vec<Component<'_>> = Vec::new();
        for part in path.components() {
            match part {
                Component::CurDir => {}
                Component::ParentDir if matches!(out.last(), Some(Component::Normal(_))) => {
                    out.pop();
                }
                other => out.push(other),
            }
        }
        out
    }
    let cwd = std::env::current_dir().unwrap_or_default();
    let absolute = if path.is_absolute() { path.to_path_buf() } else { cwd.join(path) };
    let (target, base) = (fold(&absolute), fold(&cwd));
    let shown: Vec<String> = if cwd.as_os_str().is_empty() || target.first() != base.first() {
        fold(path).iter().map(|c| c.as_os_str().to_string_lossy().into_owned()).collect()
    } else {
        let common = target.iter().zip(&base).take_while(|(a, b)| a == b).count();
        std::iter::repeat_n("..".to_owned(), base.len() - common)
            .chain(target[common..].iter().map(|c| c.as_os_str().to_string_lossy().into_owned()))
            .collect()
    };
    if shown.is_empty() {
        ".".to_owned()
    } else {
        shown.join("/").replace('\\', "/")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn shown_paths_are_relative_and_folded() {
        use super::shown_path;
        use std::path::Path;
        let cwd = std::env::current_dir().unwrap();
        for (given, shown) in [("spec", "spec"), ("./spec", "spec"), ("spec/", "spec"), ("a/../spec/./x.md", "spec/x.md"), (".", ".")] {
            assert_eq!(shown_path(Path::new(given)), shown, "{given}");
        }
        assert_eq!(shown_path(&cwd.join("spec")), "spec");
        let parent = cwd.parent().unwrap().join("other");
        assert_eq!(shown_path(&parent), "../other");
    }
}
