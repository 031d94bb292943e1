//! What `errgen generate` and `errgen check` do to the file system when
//! things go wrong or run at once (issue 6, "Files"); complements
//! `generated_fresh.rs`, which covers writing only changed files.
//!
//! - any error, in any file of a multi-file spec: nothing is written, not
//!   even the files that would have been fine, and existing outputs keep
//!   their bytes and modification times;
//! - `check` never writes, whatever the state of the outputs;
//! - concurrent `generate` runs from two different specs into one folder:
//!   a reader never sees a partial file, and at the end the set of files is
//!   one run's complete output (runs take turns through a lock file);
//! - only regular files (and links to them) are read or replaced: a FIFO
//!   or a device as a spec file or an output is an error naming it, never
//!   a hang (issue 16);
//! - temporary files of a killed run are removed by the next run, and a
//!   SIGTERM or SIGINT removes the run's own;
//! - output bytes do not depend on the run, the order files were created
//!   in, the locale or the time zone.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data").join(name)
}

fn errgen(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errgen")).args(args).current_dir(dir).output().expect("run errgen")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

const ALL_OUTPUTS: &[&str] = &["generate", "--out", "out", "--rust", "out/errors.rs"];

/// Every file under `root`: path -> (bytes, modification time).
fn tree(root: &Path) -> BTreeMap<PathBuf, (Vec<u8>, SystemTime)> {
    let mut out = BTreeMap::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            if path.is_dir() {
                stack.push(path);
            } else {
                let meta = fs::metadata(&path).unwrap();
                out.insert(path.strip_prefix(root).unwrap().to_path_buf(), (fs::read(&path).unwrap(), meta.modified().unwrap()));
            }
        }
    }
    out
}

/// A project with a three-file spec (seed, numeric/Korean codes, bidi text).
fn project() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    fs::create_dir_all(spec.join("more")).unwrap();
    fs::copy(fixture("seed/error-response.md"), spec.join("a-seed.md")).unwrap();
    let korean = fs::read_to_string(fixture("hostile/numeric_korean.md")).unwrap();
    // Only one status table per model: keep the Korean file's codes, drop its table.
    let korean = korean.replace("| 400 | [Error Code](#오류-응답-형식) | 잘못된 요청입니다 |\n", "").replace(
        "| 503 | SERVICE_UNAVAILABLE | 서비스를 사용할 수 없습니다 |\n",
        "",
    );
    fs::write(spec.join("more/b-korean.md"), korean).unwrap();
    let bidi = fs::read_to_string(fixture("hostile/bidi_zero_width.md")).unwrap().replace(
        "| 400 | [Error Code](#body) | status &#x202E;desrever&#x202C; &#x2066;isolate&#x2069; |\n",
        "",
    );
    fs::write(spec.join("more/c-bidi.md"), bidi).unwrap();
    dir
}

#[test]
fn the_multi_file_project_generates() {
    let dir = project();
    let out = errgen(ALL_OUTPUTS, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
}

/// An error in one file of three: nothing is written, including files that
/// did not exist, and the outputs of the last good run keep their bytes and
/// times. Warnings alone do not stop the run.
#[test]
fn an_error_in_any_file_writes_nothing() {
    let dir = project();
    let root = dir.path();
    assert!(errgen(ALL_OUTPUTS, root).status.success());
    fs::remove_file(root.join("out/openapi.yaml")).unwrap();
    let before = tree(root);

    for (file, broken) in [
        ("spec/more/b-korean.md", "\n## Again\n\n<!-- errgen: status=400 -->\n\n| code | message |\n| --- | --- |\n| 10000 | another message |\n"),
        ("spec/more/c-bidi.md", "\n## Bad\n\n<!-- errgen: status=999 -->\n\n| code | message |\n| --- | --- |\n| X | x |\n"),
        ("spec/a-seed.md", "\n## Clash\n\n<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n| not-found | x |\n"),
    ] {
        let path = root.join(file);
        let good = fs::read_to_string(&path).unwrap();
        fs::write(&path, format!("{good}{broken}")).unwrap();
        let expected = tree(root);
        let out = errgen(ALL_OUTPUTS, root);
        assert_eq!(out.status.code(), Some(1), "{file}: {}", stderr(&out));
        assert!(stderr(&out).contains("error: nothing written"), "{}", stderr(&out));
        assert!(out.stdout.is_empty(), "no `written` lines");
        assert_eq!(tree(root), expected, "{file}: the outputs are untouched and no file is added");
        assert!(!root.join("out/openapi.yaml").exists(), "a missing output stays missing");
        fs::write(&path, good).unwrap();
    }
    let out = errgen(ALL_OUTPUTS, root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_ne!(tree(root), before, "the repaired spec writes again");
}

/// A named way to prepare the project before running `check`.
type State = (&'static str, fn(&Path));

/// `check` leaves the tree exactly as it was: with no outputs, stale ones,
/// fresh ones, and a spec with errors.
#[test]
fn check_never_writes() {
    let dir = project();
    let root = dir.path();
    let check: Vec<&str> = ["check"].into_iter().chain(ALL_OUTPUTS[1..].iter().copied()).collect();
    let states: [State; 4] = [
        ("no outputs", |_| {}),
        ("fresh", |root| assert!(errgen(ALL_OUTPUTS, root).status.success())),
        ("stale", |root| fs::write(root.join("out/errors.ts"), "// hand edit\n").unwrap()),
        ("spec errors", |root| {
            let spec = root.join("spec/a-seed.md");
            let text = fs::read_to_string(&spec).unwrap() + "\n| code | message |\n| --- | --- |\n| 오류 | x |\n";
            fs::write(spec, text).unwrap();
        }),
    ];
    for (state, set_up) in states {
        set_up(root);
        let before = tree(root);
        let out = errgen(&check, root);
        let expected = i32::from(state != "fresh");
        assert_eq!(out.status.code(), Some(expected), "{state}: {}", stderr(&out));
        assert_eq!(tree(root), before, "{state}: check changed the file system");
    }
}

/// Two specs that give different outputs are generated into one folder by
/// eight concurrent runs while a reader keeps reading: every read is one of
/// the two complete files, and so is the end state; no temporary file is
/// left.
#[test]
fn concurrent_generate_runs_from_two_specs_never_expose_a_partial_file() {
    let dir = project();
    let root = dir.path();
    fs::create_dir_all(root.join("spec2")).unwrap();
    let seed = fs::read_to_string(fixture("seed/error-response.md")).unwrap();
    fs::write(root.join("spec2/a-seed.md"), seed.replace("Not enough asset", "Not enough assets")).unwrap();
    // The complete outputs of each spec, generated alone first with the
    // same arguments (the header names them).
    let shared = ["--out", "shared", "--rust", "shared/errors.rs"];
    let mut complete: BTreeMap<&str, Vec<Vec<u8>>> = BTreeMap::new();
    for spec in ["spec", "spec2"] {
        let out = errgen(&["generate", "--spec", spec, "--out", "shared", "--rust", "shared/errors.rs"], root);
        assert!(out.status.success(), "{}", stderr(&out));
        for name in OUTPUT_NAMES {
            complete.entry(name).or_default().push(fs::read(root.join("shared").join(name)).unwrap());
        }
        fs::remove_dir_all(root.join("shared")).unwrap();
    }
    assert_ne!(complete["errors.ts"][0], complete["errors.ts"][1]);
    let runs: Vec<_> = (0..8)
        .map(|i| {
            let spec = if i % 2 == 0 { "spec" } else { "spec2" };
            Command::new(env!("CARGO_BIN_EXE_errgen"))
                .args(["generate", "--spec", spec])
                .args(shared)
                .current_dir(root)
                .stdout(Stdio::null())
                .stderr(Stdio::null())
                .spawn()
                .unwrap()
        })
        .collect();
    let mut reads = 0;
    let mut running = runs;
    while !running.is_empty() {
        for name in OUTPUT_NAMES {
            if let Ok(bytes) = fs::read(root.join("shared").join(name)) {
                reads += 1;
                assert!(complete[name].contains(&bytes), "a reader saw a partial {name} ({} bytes)", bytes.len());
            }
        }
        running.retain_mut(|child| match child.try_wait().unwrap() {
            Some(status) => {
                assert!(status.success());
                false
            }
            None => true,
        });
    }
    assert!(reads > 0 || root.join("shared/errors.ts").exists());
    // The runs took turns (the lock file): the three files are all from the
    // spec of the run that wrote last.
    let end: Vec<Vec<u8>> = OUTPUT_NAMES.iter().map(|name| fs::read(root.join("shared").join(name)).unwrap()).collect();
    let from = |spec: usize| OUTPUT_NAMES.iter().zip(&end).all(|(name, bytes)| &complete[name][spec] == bytes);
    assert!(from(0) || from(1), "the outputs at the end are one spec's set");
    assert_eq!(leftovers(&root.join("shared")), Vec::<String>::new(), "no temporary files are left");
}

const OUTPUT_NAMES: [&str; 3] = ["errors.ts", "openapi.yaml", "errors.rs"];

/// Files in `dir` other than the outputs and the lock file.
fn leftovers(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(dir).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.retain(|n| !OUTPUT_NAMES.contains(&n.as_str()) && n != errgen_cli::write::LOCK_FILE);
    names.sort();
    names
}

/// The same spec, laid out by creating its files in opposite orders in two
/// folders, and generated under different locales, time zones and times,
/// gives byte-identical outputs.
#[test]
fn outputs_are_byte_identical_across_runs_file_order_locale_and_time_zone() {
    let make = |reverse: bool| {
        let dir = tempfile::tempdir().unwrap();
        let src = project();
        let mut files: Vec<(PathBuf, Vec<u8>)> = tree(src.path()).into_iter().map(|(p, (b, _))| (p, b)).collect();
        if reverse {
            files.reverse();
        }
        for (path, bytes) in files {
            let target = dir.path().join(path);
            fs::create_dir_all(target.parent().unwrap()).unwrap();
            fs::write(target, bytes).unwrap();
        }
        dir
    };
    let envs: [&[(&str, &str)]; 4] = [
        &[("LC_ALL", "C"), ("TZ", "UTC")],
        &[("LC_ALL", "tr_TR.UTF-8"), ("LANG", "tr_TR.UTF-8"), ("TZ", "Pacific/Chatham")],
        &[("LC_ALL", "ko_KR.UTF-8"), ("TZ", "Asia/Seoul"), ("SOURCE_DATE_EPOCH", "0")],
        &[("LC_ALL", "de_DE.UTF-8"), ("TZ", "America/St_Johns"), ("LANGUAGE", "de")],
    ];
    let mut results = Vec::new();
    for (i, env) in envs.iter().enumerate() {
        let dir = make(i % 2 == 1);
        let mut cmd = Command::new(env!("CARGO_BIN_EXE_errgen"));
        cmd.args(ALL_OUTPUTS).current_dir(dir.path());
        for (k, v) in *env {
            cmd.env(k, v);
        }
        let out = cmd.output().unwrap();
        assert!(out.status.success(), "{env:?}: {}", stderr(&out));
        let outputs: Vec<(PathBuf, Vec<u8>)> =
            tree(&dir.path().join("out")).into_iter().filter(|(p, _)| p != Path::new(errgen_cli::write::LOCK_FILE)).map(|(p, (bytes, _))| (p, bytes)).collect();
        assert_eq!(outputs.len(), 3);
        results.push((env, outputs));
    }
    let (first_env, first) = &results[0];
    for (env, outputs) in &results[1..] {
        for ((name, a), (_, b)) in first.iter().zip(outputs) {
            assert!(a == b, "{} differs between {first_env:?} and {env:?}", name.display());
        }
    }
}

/// Runs errgen, failing (instead of hanging the suite) if it does not end
/// within a minute.
fn errgen_within_a_minute(args: &[&str], dir: &Path) -> Output {
    let mut child = Command::new(env!("CARGO_BIN_EXE_errgen"))
        .args(args)
        .current_dir(dir)
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .unwrap();
    let start = std::time::Instant::now();
    while child.try_wait().unwrap().is_none() {
        if start.elapsed() > std::time::Duration::from_secs(60) {
            child.kill().unwrap();
            panic!("`errgen {}` blocked", args.join(" "));
        }
        std::thread::sleep(std::time::Duration::from_millis(20));
    }
    child.wait_with_output().unwrap()
}

#[cfg(unix)]
fn mkfifo(path: &Path) {
    let status = Command::new("mkfifo").arg(path).status().expect("run mkfifo");
    assert!(status.success());
}

/// A FIFO named `x.md` in the spec folder, a FIFO given as `--spec`, and a
/// link `z.md -> /dev/zero`: `lint` and `generate` end at once with an
/// error naming the file and what it is, and write nothing.
#[cfg(unix)]
#[test]
fn special_files_in_the_spec_are_errors_not_hangs() {
    let dir = project();
    let root = dir.path();
    mkfifo(&root.join("spec/x.md"));
    std::os::unix::fs::symlink("/dev/zero", root.join("spec/more/z.md")).unwrap();
    mkfifo(&root.join("lone.md"));
    let cases: [(&[&str], &[&str]); 3] = [
        (&["lint"], &["`spec/x.md` is a FIFO (named pipe), not a regular file", "`spec/more/z.md` is a character device, not a regular file"]),
        (ALL_OUTPUTS, &["`spec/x.md` is a FIFO (named pipe)", "`spec/more/z.md` is a character device"]),
        (&["lint", "--spec", "lone.md"], &["`lone.md` is a FIFO (named pipe), not a regular file"]),
    ];
    for (args, expected) in cases {
        let out = errgen_within_a_minute(args, root);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{args:?}: {err}");
        for e in expected {
            assert!(err.contains(e), "{args:?}: expected `{e}` in:\n{err}");
        }
        assert!(err.contains("reads only regular files"), "{err}");
    }
    assert!(!root.join("out").exists(), "nothing is written");
}

/// An output path that is a FIFO (or a folder) is refused before anything
/// is staged: no other output is written and no temporary file appears.
#[cfg(unix)]
#[test]
fn an_output_that_is_not_a_regular_file_is_refused_before_staging() {
    for blocker in ["fifo", "folder"] {
        let dir = project();
        let root = dir.path();
        fs::create_dir_all(root.join("out")).unwrap();
        if blocker == "fifo" {
            mkfifo(&root.join("out/errors.rs"));
        } else {
            fs::create_dir(root.join("out/errors.rs")).unwrap();
        }
        let out = errgen_within_a_minute(ALL_OUTPUTS, root);
        let err = stderr(&out);
        assert_eq!(out.status.code(), Some(1), "{blocker}: {err}");
        let what = if blocker == "fifo" { "a FIFO (named pipe)" } else { "a folder" };
        assert!(err.contains(&format!("out/errors.rs is {what}, not a regular file")), "{blocker}: {err}");
        let names: Vec<_> = fs::read_dir(root.join("out")).unwrap().map(|e| e.unwrap().file_name()).collect();
        assert_eq!(names, ["errors.rs"], "{blocker}: nothing else staged or written");
    }
}

/// Temporary files that a killed run left (`SIGKILL` cannot be caught)
/// are removed by the next run into the folder; other files stay.
#[test]
fn the_next_run_removes_what_a_killed_run_left() {
    let dir = project();
    let root = dir.path();
    fs::create_dir_all(root.join("out")).unwrap();
    for name in [".errgen-AbC123.tmp", ".errgen-zz.tmp"] {
        fs::write(root.join("out").join(name), vec![b'x'; 1 << 20]).unwrap();
    }
    fs::write(root.join("out/notes.tmp"), "mine").unwrap();
    let out = errgen(ALL_OUTPUTS, root);
    assert!(out.status.success(), "{}", stderr(&out));
    assert_eq!(leftovers(&root.join("out")), ["notes.tmp"]);
    // Also when every output is unchanged.
    fs::write(root.join("out/.errgen-again.tmp"), "x").unwrap();
    let out = errgen(ALL_OUTPUTS, root);
    assert!(String::from_utf8_lossy(&out.stdout).lines().all(|l| l.starts_with("unchanged")));
    assert_eq!(leftovers(&root.join("out")), ["notes.tmp"]);
}

/// SIGTERM and SIGINT while the outputs are being staged: the run ends
/// with status 130 and its temporary files are gone. The spec is big
/// enough (50,000 codes) that staging takes a while; the test sends the
/// signal as soon as the first temporary file appears.
#[cfg(unix)]
#[test]
fn a_signal_during_staging_removes_the_temporary_files() {
    use std::fmt::Write as _;
    let dir = tempfile::tempdir().unwrap();
    let root = dir.path();
    let mut spec = String::from("# Codes\n\n<!-- errgen: status=500 retryable=false -->\n\n| code | message |\n| --- | --- |\n");
    for i in 0..50_000 {
        let _ = writeln!(spec, "| CODE_{i} | Failure {i} in {{{{Place}}}}: a long message that makes every output bigger |");
    }
    fs::write(root.join("codes.md"), spec).unwrap();
    for signal in ["TERM", "INT"] {
        let out_dir = root.join(format!("out-{signal}"));
        fs::create_dir_all(&out_dir).unwrap();
        let out_arg = out_dir.to_str().unwrap();
        let rust = out_dir.join("errors.rs");
        let mut child = Command::new(env!("CARGO_BIN_EXE_errgen"))
            .args(["generate", "--spec", "codes.md", "--out", out_arg, "--rust", rust.to_str().unwrap()])
            .current_dir(root)
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let staging = loop {
            if !leftovers(&out_dir).is_empty() {
                break true;
            }
            if child.try_wait().unwrap().is_some() {
                break false;
            }
        };
        assert!(staging, "SIG{signal}: the run ended before a temporary file was seen");
        let killed = Command::new("kill").args([&format!("-{signal}"), &child.id().to_string()]).status().unwrap();
        assert!(killed.success());
        let out = child.wait_with_output().unwrap();
        let err = stderr(&out);
        // Either the signal came while staging (status 130, nothing
        // renamed) or during the renames, which it waits for.
        assert_eq!(out.status.code(), Some(130), "SIG{signal}: {err}");
        assert!(err.contains("interrupted"), "{err}");
        assert_eq!(leftovers(&out_dir), Vec::<String>::new(), "SIG{signal}: temporary files removed");
    }
}
