//! The `errgen` binary as a user runs it: `model`, `lint`, exit codes, and
//! clear errors for paths that are missing, empty, looping or not UTF-8.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

fn seed() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/data/seed/error-response.md")
}

fn errgen(args: &[&str], dir: &Path) -> Output {
    Command::new(env!("CARGO_BIN_EXE_errgen")).args(args).current_dir(dir).output().expect("run errgen")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

#[test]
fn model_prints_versioned_json_of_spec_by_default() {
    let out = errgen(&["model"], &workspace());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let json: serde_json::Value = serde_json::from_slice(&out.stdout).expect("stdout is JSON");
    assert_eq!(json["version"], 2);
    assert_eq!(json["body"]["code_field"], "code");
    assert_eq!(json["body"]["message_field"], "message");
    let illegal = &json["codes"][2];
    assert_eq!(illegal["code"], "ILLEGAL_STATE");
    assert_eq!(illegal["http_status"], 500);
    assert_eq!(illegal["retryable"], true);
    assert_eq!(illegal["params"][0]["name"], "error_message");
    assert_eq!(illegal["group"], "Retryable Error Response");
    assert_eq!(illegal["source"]["file"], "spec/error-response.md");
    assert_eq!(illegal["source"]["line"], 48);
    assert!(illegal["extra"].is_object());
    let s406 = json["statuses"].as_array().unwrap().iter().find(|s| s["status"] == 406).unwrap();
    assert_eq!(s406["name"], "NOT_ACCEPTABLE");
    assert_eq!(s406["has_error_body"], true);
    assert_eq!(s406["source"]["line"], 22);
    let warnings = stderr(&out).matches("warning:").count();
    assert_eq!(warnings, 3, "model still shows the warnings:\n{}", stderr(&out));
}

#[test]
fn lint_on_the_seed_prints_exactly_three_warnings() {
    let seed = seed();
    let out = errgen(&["lint", "--spec", seed.to_str().unwrap()], &workspace());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(0), "{err}");
    let headlines: Vec<&str> = err.lines().filter(|l| l.starts_with("warning:") || l.starts_with("error:")).collect();
    assert_eq!(
        headlines,
        [
            "warning: status 405 has no name; using `METHOD_NOT_ALLOWED`",
            "warning: status 429 has no name; using `TOO_MANY_REQUESTS`",
            "warning: example uses code `INVALID_APP_CREDENTIAL`, which no code table defines",
        ],
        "{err}"
    );
    let locations: Vec<&str> = err.lines().filter_map(|l| l.trim().strip_prefix("--> ")).collect();
    let ends: Vec<String> = locations.iter().map(|l| l.rsplit('/').next().unwrap().to_owned()).collect();
    assert_eq!(ends, ["error-response.md:24:16", "error-response.md:26:16", "error-response.md:34:27"]);
    assert!(err.contains("26 | | 429 "), "the source line is shown:\n{err}");

    let denied = errgen(&["lint", "--deny-warnings", "--spec", seed.to_str().unwrap()], &workspace());
    assert_eq!(denied.status.code(), Some(1));
}

#[test]
fn lint_exits_1_on_errors_and_reports_them_all() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("bad.md"),
        "## Retryable\n\n<!-- errgen: status=500 -->\n\n| code | message |\n|-|-|\n| 오류 | a |\n| B | {{}} |\n",
    )
    .unwrap();
    let out = errgen(&["lint", "--spec", "."], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("--> ./bad.md:7:3"), "{err}");
    assert!(err.contains("--> ./bad.md:8:7"), "{err}");
    assert!(err.contains("2 errors"), "{err}");
    let model = errgen(&["model", "--spec", "."], dir.path());
    assert_eq!(model.status.code(), Some(1));
    assert!(model.stdout.is_empty(), "no model is printed when there are errors");
}

#[test]
fn missing_empty_and_non_utf8_inputs_get_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let out = errgen(&["lint", "--spec", "nope"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: cannot read spec path `nope`"), "{}", stderr(&out));

    std::fs::create_dir(dir.path().join("empty")).unwrap();
    let out = errgen(&["lint", "--spec", "empty"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("error: no Markdown files in `empty`"), "{}", stderr(&out));

    std::fs::write(dir.path().join("latin1.md"), b"# T\n\ncaf\xe9\n").unwrap();
    let out = errgen(&["lint", "--spec", "latin1.md"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1));
    assert!(err.contains("`latin1.md` is not UTF-8 text"), "{err}");
    assert!(err.contains("--> latin1.md:3:4"), "{err}");
    assert!(!err.contains("panicked"), "{err}");
}

#[cfg(unix)]
#[test]
fn a_symlink_loop_is_an_error_not_a_hang() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("spec");
    std::fs::create_dir_all(spec.join("sub")).unwrap();
    std::fs::copy(seed(), spec.join("errors.md")).unwrap();
    std::os::unix::fs::symlink("..", spec.join("sub/up")).unwrap();
    let out = errgen(&["lint", "--spec", "spec"], dir.path());
    let err = stderr(&out);
    assert_eq!(out.status.code(), Some(1), "{err}");
    assert!(err.contains("a symbolic link loops back to a folder above it"), "{err}");
    assert!(err.contains("spec/sub/up"), "{err}");
}

#[test]
fn a_clean_spec_gets_a_one_line_summary() {
    let dir = tempfile::tempdir().unwrap();
    let spec = "# Errors\n\n| Code | HTTP Status | Message | Retryable |\n| --- | --- | --- | --- |\n| NOT_FOUND | 404 | Not found | No |\n";
    std::fs::write(dir.path().join("errors.md"), spec).unwrap();
    let out = errgen(&["lint", "--spec", "errors.md"], dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    assert_eq!(stderr(&out), "lint: clean: 1 file read, no errors, no warnings\n");
    assert!(out.stdout.is_empty());
}

#[test]
fn usage_errors_exit_2() {
    let out = errgen(&["lint", "--no-such-flag"], &workspace());
    assert_eq!(out.status.code(), Some(2));
    let out = errgen(&[], &workspace());
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn generate_writes_openapi_metadata_flags_and_names_them_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    let seed = seed();
    let args = [
        "generate", "--spec", seed.to_str().unwrap(), "--out", "out", "--title", "Shop errors", "--api-version", "1.2.0",
        "--license", "MIT", "--license-id", "MIT", "--server", "https://api.example.com",
    ];
    let out = errgen(&args, dir.path());
    assert_eq!(out.status.code(), Some(0), "{}", stderr(&out));
    let yaml = std::fs::read_to_string(dir.path().join("out/openapi.yaml")).unwrap();
    assert!(yaml.contains("  title: \"Shop errors\"\n  version: \"1.2.0\"\n"), "{yaml}");
    assert!(yaml.contains("  license:\n    name: \"MIT\"\n    identifier: \"MIT\"\n"), "{yaml}");
    assert!(yaml.contains("servers:\n  - url: \"https://api.example.com\"\npaths: {}\n"), "{yaml}");
    assert!(
        yaml.lines().next().unwrap().contains(
            "--title 'Shop errors' --api-version 1.2.0 --license MIT --license-id MIT --server https://api.example.com"
        ),
        "the header names the flags: {}",
        yaml.lines().next().unwrap()
    );
    // `check` with the same flags finds the files fresh; without them, stale.
    let mut check = args;
    check[0] = "check";
    assert_eq!(errgen(&check, dir.path()).status.code(), Some(0));
    assert_eq!(errgen(&["check", "--spec", seed.to_str().unwrap(), "--out", "out"], dir.path()).status.code(), Some(1));
    // A license identifier needs a license; it and a URL exclude each other.
    let bad = errgen(&["generate", "--license-id", "MIT"], dir.path());
    assert_eq!(bad.status.code(), Some(2), "{}", stderr(&bad));
    let both = errgen(&["generate", "--license", "X", "--license-id", "MIT", "--license-url", "https://x"], dir.path());
    assert_eq!(both.status.code(), Some(2), "{}", stderr(&both));
}

/// The README's quick start: its spec lints clean, `errgen generate` writes
/// the two files, and what it promises is in them (the TypeScript run by
/// Node 22's type stripping, the Rust from `errgen::Config`).
#[test]
fn the_readme_quick_start_does_what_it_says() {
    let readme = std::fs::read_to_string(workspace().join("README.md")).unwrap();
    let start = readme.find("## Quick start").expect("README has a quick start");
    let section = &readme[start..];
    let spec_start = section.find("```markdown\n").expect("a Markdown block") + "```markdown\n".len();
    let spec = &section[spec_start..spec_start + section[spec_start..].find("```").unwrap()];
    assert!(start < readme.find("## Using errgen from build.rs").unwrap(), "the quick start comes first");

    let dir = tempfile::tempdir().unwrap();
    std::fs::create_dir(dir.path().join("spec")).unwrap();
    std::fs::write(dir.path().join("spec/errors.md"), spec).unwrap();
    let lint = errgen(&["lint"], dir.path());
    assert_eq!(stderr(&lint), "lint: clean: 1 file read, no errors, no warnings\n");
    let out = errgen(&["generate"], dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let ts = std::fs::read_to_string(dir.path().join("generated/errors.ts")).unwrap();
    assert!(std::fs::read_to_string(dir.path().join("generated/openapi.yaml")).unwrap().contains("ITEM_NOT_FOUND"));
    for name in ["export const ErrorCode", "export const errorCodes", "export function isRetryable", "export function parseMessage"] {
        assert!(ts.contains(name), "errors.ts has no `{name}`");
    }
    std::fs::write(dir.path().join("package.json"), r#"{ "type": "module" }"#).unwrap();
    let check = "import { parseMessage } from \"./generated/errors.ts\";\nconsole.log(JSON.stringify(parseMessage(\"ITEM_NOT_FOUND\", \"Item 7 not found\")));\n";
    std::fs::write(dir.path().join("check.ts"), check).unwrap();
    let node = workspace().join("tools/node_modules/node/bin/node");
    assert!(node.exists(), "run `bash scripts/install-tools.sh` (installs Node 22 into tools/)");
    let run = Command::new(node).args(["--experimental-strip-types", "--no-warnings", "check.ts"]).current_dir(dir.path()).output().unwrap();
    assert_eq!(String::from_utf8_lossy(&run.stdout), "{\"item_id\":\"7\"}\n", "{}", String::from_utf8_lossy(&run.stderr));

    let (model, _) = errgen::from_sources(vec![("errors.md".to_owned(), spec.to_owned())]);
    let rust = errgen::Config::new().generate(&model.unwrap()).unwrap();
    assert!(rust.contains("    ItemNotFound {\n") && rust.contains("item_id: ::std::string::String"), "{rust}");
}

#[test]
fn axum_without_serde_is_refused_and_with_it_is_named_in_the_header() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::copy(seed(), dir.path().join("errors.md")).unwrap();
    let out = errgen(&["generate", "--spec", "errors.md", "--out", "out", "--rust", "out/errors.rs", "--axum"], dir.path());
    assert_eq!(out.status.code(), Some(1));
    assert!(stderr(&out).contains("needs the serde option too") && stderr(&out).contains("`--serde`"), "{}", stderr(&out));
    assert!(!dir.path().join("out").exists(), "nothing written");
    let args = ["generate", "--spec", "errors.md", "--out", "out", "--rust", "out/errors.rs", "--serde", "--axum"];
    let out = errgen(&args, dir.path());
    assert!(out.status.success(), "{}", stderr(&out));
    let rust = std::fs::read_to_string(dir.path().join("out/errors.rs")).unwrap();
    assert!(rust.lines().next().unwrap().contains("--rust out/errors.rs --serde --axum."), "{rust}");
    assert!(rust.contains("impl ::axum::response::IntoResponse for Error {"));
}
