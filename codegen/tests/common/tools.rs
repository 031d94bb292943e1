//! The real tools the emitter and merge tests run, from `tools/`
//! (`scripts/install-tools.sh`): a missing tool fails the test, naming the
//! script.
#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::{json, Value};

/// The workspace root (the folder holding `Cargo.lock`), from either
/// package whose tests use these tools (`codegen`, `codegen/cli`).
pub fn workspace() -> PathBuf {
    let package = Path::new(env!("CARGO_MANIFEST_DIR"));
    package.ancestors().find(|dir| dir.join("Cargo.lock").is_file()).unwrap_or(package).to_path_buf()
}

/// TypeScript 5.9's compiler.
pub const TSC: &str = "node_modules/typescript/bin/tsc";
/// TypeScript 7's compiler (the npm package `typescript@7`, installed as
/// `typescript7`).
pub const TSC7: &str = "node_modules/typescript7/bin/tsc";
/// Node 22 (the npm package `node@22`), for its type stripping.
pub const NODE22: &str = "node_modules/node/bin/node";

/// A tool from `tools/`, or a failure that says how to install it.
pub fn tool(relative: &str) -> PathBuf {
    let path = workspace().join("tools").join(relative);
    assert!(
        path.exists(),
        "{} is missing: run `bash scripts/install-tools.sh` (installs typescript 5.9 and 7, node 22, \
         openapi-typescript, @redocly/cli and openapi-spec-validator into tools/)",
        path.display()
    );
    path
}

/// Runs `program args` in `dir`; panics with its output unless it succeeds.
pub fn run(dir: &Path, program: &Path, args: &[&str]) -> String {
    let out = Command::new(program)
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(
        out.status.success(),
        "`{} {}` failed in {} ({}):\n{stdout}\n{}",
        program.display(),
        args.join(" "),
        dir.display(),
        out.status,
        String::from_utf8_lossy(&out.stderr)
    );
    stdout
}


/// The YAML file as JSON, read by `PyYAML` (the validator's own parser).
pub fn yaml_as_json(dir: &Path, file: &str) -> Value {
    let python = tool(".venv/bin/python");
    let out = run(
        dir,
        &python,
        &["-c", "import json, sys, yaml; print(json.dumps(yaml.safe_load(open(sys.argv[1], encoding='utf-8'))))", file],
    );
    serde_json::from_str(&out).unwrap()
}

/// The rule ids of Redocly's problems (errors and warnings) for `file`:
/// with the repository's `redocly.yaml` (the configuration the README
/// ships), or with Redocly's built-in `recommended` rules. Sorted, each once.
pub fn redocly_problems(dir: &Path, file: &str, shipped_config: bool) -> Vec<String> {
    let redocly = tool("node_modules/.bin/redocly");
    let config = workspace().join("redocly.yaml");
    let mut args = vec!["lint", "--format", "json"];
    if shipped_config {
        args.extend(["--config", config.to_str().unwrap()]);
    }
    args.push(file);
    let out = Command::new(&redocly)
        .args(&args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .env("REDOCLY_TELEMETRY", "off")
        .env("REDOCLY_SUPPRESS_UPDATE_NOTICE", "true")
        .output()
        .unwrap();
    let report: Value = serde_json::from_slice(&out.stdout)
        .unwrap_or_else(|e| panic!("redocly lint --format json: {e}\n{}", String::from_utf8_lossy(&out.stderr)));
    let mut rules: Vec<String> =
        report["problems"].as_array().unwrap().iter().map(|p| p["ruleId"].as_str().unwrap().to_owned()).collect();
    rules.sort();
    rules.dedup();
    rules
}

/// Every example in `file` checked against its schema by the `jsonschema`
/// package (JSON Schema 2020-12); returns how many were checked.
pub fn validate_examples(dir: &Path, file: &str) -> usize {
    let python = tool(".venv/bin/python");
    let script = workspace().join("codegen/tests/py/validate_examples.py");
    let out = run(dir, &python, &[script.to_str().unwrap(), file]);
    let report: Value = serde_json::from_str(&out).unwrap();
    assert_eq!(report["errors"], json!([]), "{file}");
    usize::try_from(report["validated"].as_u64().unwrap()).unwrap()
}
