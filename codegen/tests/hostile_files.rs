//! What `errgen generate` and `errgen check` do to the file system when
//! things go wrong or run at once (issue 6, "Files"); complements
//! `generated_fresh.rs`, which covers writing only changed files.
//!
//! - any error, in any file of a multi-file spec: nothing is written, not
//!   even the files that would have been fine, and existing outputs keep
//!   their bytes and modification times;
//! - `check` never writes, whatever the state of the outputs;
//! - concurrent `generate` runs from two different specs into one folder:
//!   a reader never sees a partial file, and at the end each file is one
//!   run's complete output;
//! - output bytes do not depend on the run, the order files were created
//!   in, the locale or the time zone.
#![cfg(feature = "cli")]

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::SystemTime;

fn fixture(name: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data").join(name)
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
    let shared = ["--out", "shared"];
    let mut complete: BTreeMap<&str, Vec<Vec<u8>>> = BTreeMap::new();
    for spec in ["spec", "spec2"] {
        let out = errgen(&["generate", "--spec", spec, "--out", "shared"], root);
        assert!(out.status.success(), "{}", stderr(&out));
        for name in ["errors.ts", "openapi.yaml"] {
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
        for name in ["errors.ts", "openapi.yaml"] {
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
    for name in ["errors.ts", "openapi.yaml"] {
        let end = fs::read(root.join("shared").join(name)).unwrap();
        assert!(complete[name].contains(&end), "{name} at the end is one run's complete output");
    }
    let names: Vec<_> = fs::read_dir(root.join("shared")).unwrap().map(|e| e.unwrap().file_name()).collect();
    assert_eq!(names.len(), 2, "no temporary files are left: {names:?}");

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
            tree(&dir.path().join("out")).into_iter().map(|(p, (bytes, _))| (p, bytes)).collect();
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
