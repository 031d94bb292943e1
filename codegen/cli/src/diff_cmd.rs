//! `errgen diff`: compare two versions of a spec (two paths, or a git
//! revision against the work tree) and print the classified changes.

use std::io::Write;
use std::path::{Component, Path, PathBuf};
use std::process::{Command, ExitCode};

use clap::{Args, ValueEnum};
use errgen::diff::{self, Impact};
use errgen::{Diagnostic, Model};

/// The two forms of the command.
const USAGE: &str = "errgen diff [OPTIONS] OLD NEW\n       errgen diff [OPTIONS] --base REV [NEW]";

/// Arguments of `errgen diff`.
#[derive(Args)]
#[command(override_usage = USAGE)]
pub struct DiffArgs {
    /// OLD and NEW spec (folder or Markdown file each). With --base, only
    /// NEW, which defaults to `spec`.
    #[arg(value_name = "SPEC")]
    paths: Vec<PathBuf>,
    /// Take OLD from this git revision: NEW's path as committed at REV, read
    /// through git without touching the work tree.
    #[arg(long, value_name = "REV")]
    base: Option<String>,
    /// Report format.
    #[arg(long, value_enum, default_value_t = Format::Text)]
    format: Format,
    /// Exit 1 when the diff has a breaking change (for Rust or wire clients),
    /// or any change at all.
    #[arg(long, value_enum, value_name = "WHEN")]
    fail_on: Option<FailOn>,
}

/// Report formats.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum Format {
    /// For a terminal (coloured when stdout is one).
    Text,
    /// Versioned JSON, for tools.
    Json,
    /// For a changelog or a pull request.
    #[value(alias = "md")]
    Markdown,
}

/// When `--fail-on` makes the command exit 1.
#[derive(Clone, Copy, PartialEq, Eq, ValueEnum)]
enum FailOn {
    /// A change that is breaking for Rust consumers or wire clients.
    Breaking,
    /// Any change.
    Any,
}

/// A failure that is the invocation's fault (exit 2), not the spec's.
struct Usage(String);

/// Runs `errgen diff`.
pub fn run(args: &DiffArgs) -> ExitCode {
    match run_inner(args) {
        Ok(code) => code,
        Err(Usage(message)) => {
            eprintln!("error: {message}\n\nUsage: {USAGE}\n\nFor more information, try 'errgen diff --help'.");
            ExitCode::from(2)
        }
    }
}

fn run_inner(args: &DiffArgs) -> Result<ExitCode, Usage> {
    let (old, new) = match &args.base {
        None => {
            let [old, new] = args.paths.as_slice() else {
                return Err(Usage(format!(
                    "expected two specs, OLD and NEW (got {}); or use --base REV [NEW]",
                    args.paths.len()
                )));
            };
            (load_path(old), load_path(new))
        }
        Some(rev) => {
            let new = match args.paths.as_slice() {
                [] => PathBuf::from("spec"),
                [new] => new.clone(),
                more => {
                    return Err(Usage(format!("with --base, give at most one spec, NEW (got {})", more.len())));
                }
            };
            let old = load_rev(rev, &new)?;
            (old, load_path(&new))
        }
    };

    let errors = crate::report_problems(old.1.iter().chain(&new.1));
    let (Some(old_model), Some(new_model)) = (old.0, new.0) else {
        let all: Vec<Diagnostic> = old.1.into_iter().chain(new.1).collect();
        eprintln!("error: cannot compare the specs: {}", errgen::diag::summary(&all));
        return Ok(ExitCode::from(1));
    };
    if errors {
        return Ok(ExitCode::from(1));
    }

    let report = diff::diff(&old_model, &new_model);
    let text = match args.format {
        Format::Text => diff::render_text(&report, true),
        Format::Markdown => diff::render_markdown(&report),
        Format::Json => match diff::render_json(&report) {
            Ok(json) => json + "\n",
            Err(e) => {
                eprintln!("error: cannot write the report as JSON: {e}");
                return Ok(ExitCode::from(1));
            }
        },
    };
    // anstream strips the colour when stdout is not a terminal (or NO_COLOR
    // is set).
    let mut out = anstream::stdout();
    if let Err(e) = out.write_all(text.as_bytes()).and_then(|()| out.flush()) {
        eprintln!("error: cannot write the report: {e}");
        return Ok(ExitCode::from(1));
    }

    let failed = match args.fail_on {
        None => false,
        Some(FailOn::Breaking) => report.verdict.overall == Impact::Breaking,
        Some(FailOn::Any) => !report.is_empty(),
    };
    Ok(if failed { ExitCode::from(1) } else { ExitCode::SUCCESS })
}

type Side = (Option<Model>, Vec<Diagnostic>);

fn load_path(path: &Path) -> Side {
    let loaded = errgen::load(&[path]);
    (loaded.model, loaded.diagnostics)
}

/// Runs git in `dir` and returns its stdout, or its stderr's first line.
fn git(dir: Option<&Path>, args: &[&str]) -> Result<Vec<u8>, String> {
    let mut cmd = Command::new("git");
    if let Some(dir) = dir {
        cmd.arg("-C").arg(dir);
    }
    let output = cmd.args(args).output().map_err(|e| format!("cannot run git: {e}"))?;
    if output.status.success() {
        Ok(output.stdout)
    } else {
        let stderr = String::from_utf8_lossy(&output.stderr);
        Err(stderr.lines().next().unwrap_or("git failed").trim().to_owned())
    }
}

fn git_line(dir: Option<&Path>, args: &[&str]) -> Result<String, String> {
    git(dir, args).map(|out| String::from_utf8_lossy(&out).trim_end_matches(['\n', '\r']).to_owned())
}

/// `a/./b/../c` -> `a/c`, lexically; `None` if it climbs above the start.
fn normalize(path: &Path) -> Option<PathBuf> {
    let mut out = PathBuf::new();
    for component in path.components() {
        match component {
            Component::CurDir => {}
            Component::ParentDir => {
                if !out.pop() {
                    return None;
                }
            }
            Component::Normal(part) => out.push(part),
            Component::RootDir | Component::Prefix(_) => return None,
        }
    }
    Some(out)
}

fn slash(path: &Path) -> String {
    path.to_string_lossy().replace('\\', "/")
}

/// The spec at `path` as committed at `rev`: every `*.md` under it (or the
/// file itself), read with `git cat-file`, lowered with display paths
/// `REV:path`. Git and revision problems are usage errors; a path missing at
/// REV, or unreadable content, is a diagnostic like a missing path on disk.
fn load_rev(rev: &str, path: &Path) -> Result<Side, Usage> {
    // The repository is the one NEW is in (the work tree's folder holding
    // it), so that `diff --base` works from anywhere.
    let probe = if path.is_dir() {
        path.to_path_buf()
    } else {
        path.parent().filter(|p| p.is_dir()).map_or_else(|| PathBuf::from("."), Path::to_path_buf)
    };
    let top = git_line(Some(&probe), &["rev-parse", "--show-toplevel"])
        .map_err(|e| Usage(format!("--base needs a git repository: {e}")))?;
    let top = PathBuf::from(top);
    let commit = git_line(Some(&top), &["rev-parse", "--verify", "--quiet", &format!("{rev}^{{commit}}")])
        .map_err(|_| Usage(format!("`{rev}` is not a commit in this git repository")))?;

    // The path relative to the repository's top folder: through the file
    // system where it exists, else lexically from the current folder.
    let canonical_top = top.canonicalize().unwrap_or_else(|_| top.clone());
    let relative = match path.canonicalize() {
        Ok(canonical) => canonical.strip_prefix(&canonical_top).ok().map(Path::to_path_buf),
        Err(_) if path.is_absolute() => path.strip_prefix(&top).ok().and_then(normalize),
        Err(_) => {
            let prefix = git_line(None, &["rev-parse", "--show-prefix"]).unwrap_or_default();
            normalize(&Path::new(&prefix).join(path))
        }
    };
    let Some(relative) = relative else {
        return Err(Usage(format!("`{}` is outside the git repository at `{}`", path.display(), top.display())));
    };
    let rel = slash(&relative);
    let shown = |file: &str| format!("{rev}:{file}");
    let missing = |what: String| (None, vec![Diagnostic::error(what).help("name a spec path that exists at that revision")]);

    let object = if rel.is_empty() { format!("{commit}^{{tree}}") } else { format!("{commit}:{rel}") };
    let Ok(kind) = git_line(Some(&top), &["cat-file", "-t", &object]) else {
        return Ok(missing(format!("cannot read spec path `{}` at `{rev}`: it does not exist there", path.display())));
    };

    // (display path, blob id) of every spec file.
    let mut files: Vec<(PathBuf, String)> = Vec::new();
    if kind == "blob" {
        let id = git_line(Some(&top), &["rev-parse", &object]).map_err(Usage)?;
        files.push((relative.clone(), id));
    } else {
        let mut args = vec!["ls-tree", "-r", "-z", commit.as_str()];
        if !rel.is_empty() {
            args.extend(["--", rel.as_str()]);
        }
        let listing = git(Some(&top), &args).map_err(Usage)?;
        for entry in listing.split(|b| *b == 0).filter(|e| !e.is_empty()) {
            let entry = String::from_utf8_lossy(entry);
            let Some((meta, name)) = entry.split_once('\t') else { continue };
            let mut meta = meta.split(' ');
            let (mode, kind, id) = (meta.next(), meta.next(), meta.next());
            if kind == Some("blob") && mode != Some("120000") && std::path::Path::new(name).extension().is_some_and(|x| x == "md") {
                if let Some(id) = id {
                    files.push((PathBuf::from(name), id.to_owned()));
                }
            }
        }
        // The same order as `errgen::load` gives files on disk.
        files.sort();
        if files.is_empty() {
            return Ok(missing(format!("no Markdown files in `{}` at `{rev}`", path.display())));
        }
    }

    let mut sources = Vec::new();
    let mut diagnostics = Vec::new();
    for (file, id) in files {
        let name = shown(&slash(&file));
        match git(Some(&top), &["cat-file", "blob", &id]) {
            Ok(bytes) => match errgen::source_text(&name, bytes) {
                Ok(text) => sources.push((name, text)),
                Err(diagnostic) => diagnostics.push(diagnostic),
            },
            Err(e) => diagnostics.push(Diagnostic::error(format!("cannot read `{name}`: {e}"))),
        }
    }
    let (model, mut more) = errgen::from_sources(sources);
    let failed = errgen::diag::has_errors(&diagnostics);
    diagnostics.append(&mut more);
    Ok((if failed { None } else { model }, diagnostics))
}
