//! Real error pages as published (`../shared/realworld/`, read at test
//! time, never copied here): errgen must read each one as its writer meant
//! (`expected/NN-*.json`: codes, statuses, retryability) or refuse it with a
//! diagnostic at the right line; and every page it reads must generate Rust,
//! TypeScript and OpenAPI that the real tools accept.
//!
//! Every page is held to its reading: the 14 of kind `tables` in
//! `SOURCES.tsv` and the 6 whose codes stand outside tables (headings per
//! code, bold paragraphs, lists, statuses in prose, a raw HTML table).

#[path = "../../tests/common/tsc_flags.rs"]
mod tsc_flags;

use std::collections::HashMap;
use std::fmt::Write as _;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

/// `../shared/realworld/` beside the checkout; its absence fails the test,
/// since CI always lays it there.
fn corpus() -> PathBuf {
    let dir = workspace().join("../shared/realworld");
    assert!(dir.join("SOURCES.tsv").exists(), "{} is missing: the real pages are read from shared/ beside the checkout", dir.display());
    dir
}

/// The pages: id, kind (`tables` or `beyond-tables`), page path, expectation.
fn pages() -> Vec<(String, String, PathBuf, Value)> {
    let dir = corpus();
    let sources = fs::read_to_string(dir.join("SOURCES.tsv")).unwrap();
    let kinds: HashMap<&str, &str> = sources.lines().skip(1).filter_map(|l| {
        let mut f = l.split('\t');
        Some((f.next()?, f.next()?))
    }).collect();
    let mut out = Vec::new();
    let mut names: Vec<String> = fs::read_dir(dir.join("expected")).unwrap().map(|e| e.unwrap().file_name().to_string_lossy().into_owned()).collect();
    names.sort();
    for name in names {
        let id = name[..2].to_owned();
        let stem = name.trim_end_matches(".json");
        let expected: Value = serde_json::from_str(&fs::read_to_string(dir.join("expected").join(&name)).unwrap()).unwrap();
        let kind = kinds.get(id.as_str()).copied().unwrap_or("").to_owned();
        out.push((id, kind, dir.join("pages").join(format!("{stem}.md")), expected));
    }
    out
}

/// What is wrong with errgen's reading of a page, as the scorer judges it.
fn judge(page: &Path, want: &Value) -> Vec<String> {
    let loaded = errgen::load(&[page]);
    let mut problems = Vec::new();
    if want["outcome"] == "refuse" {
        if loaded.model.is_some() {
            problems.push("accepted a page it should refuse".to_owned());
        }
        if let Some(line) = want["line"].as_u64() {
            let at_line = loaded.diagnostics.iter().any(|d| d.is_error() && d.primary().is_some_and(|s| u64::from(s.line) == line));
            if !at_line {
                problems.push(format!("no error points at line {line}"));
            }
        }
        return problems;
    }
    let Some(model) = loaded.model else {
        return vec![format!("refused: {}", errgen::diag::summary(&loaded.diagnostics))];
    };
    let got: HashMap<&str, &errgen::model::Code> = model.codes.iter().map(|c| (c.code.as_str(), c)).collect();
    let mut matched = std::collections::HashSet::new();
    for w in want["codes"].as_array().into_iter().flatten() {
        let names: Vec<&str> = [w["code"].as_str(), w["aka"].as_str()].into_iter().flatten().collect();
        let Some(hit) = names.iter().copied().find(|n| got.contains_key(n) && !matched.contains(n)) else {
            problems.push(format!("missing {}", names[0]));
            continue;
        };
        matched.insert(hit);
        let c = got[hit];
        let status = w["status"].as_u64().map(|s| u16::try_from(s).unwrap());
        if c.http_status != status {
            problems.push(format!("{hit} status {:?} want {status:?}", c.http_status));
        }
        if let Some(r) = w["retryable"].as_bool() {
            if c.retryable != r {
                problems.push(format!("{hit} retryable {} want {r}", c.retryable));
            }
        }
    }
    let extra: Vec<&str> = got.keys().copied().filter(|c| !matched.contains(c)).collect();
    if !extra.is_empty() {
        problems.push(format!("codes the page does not define: {extra:?}"));
    }
    if let Some(statuses) = want["statuses"].as_array() {
        let have: Vec<u64> = model.statuses.iter().map(|s| u64::from(s.status)).collect();
        let want: Vec<u64> = statuses.iter().filter_map(Value::as_u64).collect();
        if want.iter().any(|s| !have.contains(s)) || (model.codes.is_empty() && have != want) {
            problems.push(format!("statuses {have:?} want {want:?}"));
        }
    }
    problems
}

#[test]
fn every_page_reads_as_its_writer_meant_and_none_panics() {
    let mut failures = String::new();
    let (mut tables, mut beyond) = (0, 0);
    for (id, kind, page, want) in pages() {
        let problems = std::panic::catch_unwind(|| judge(&page, &want)).unwrap_or_else(|_| vec!["panic".to_owned()]);
        match kind.as_str() {
            "tables" => tables += 1,
            _ => beyond += 1,
        }
        if !problems.is_empty() {
            let _ = writeln!(failures, "{id} ({kind}): {}", problems.join("; "));
        }
    }
    assert_eq!((tables, beyond), (14, 6), "SOURCES.tsv lists 14 pages of kind `tables` and 6 beyond tables");
    assert!(failures.is_empty(), "pages not read as meant:\n{failures}");
}

/// A tool from `tools/`, or a failure that says how to install it.
fn tool(relative: &str) -> PathBuf {
    let path = workspace().join("tools").join(relative);
    assert!(path.exists(), "{} is missing: run `bash scripts/install-tools.sh`", path.display());
    path
}

fn run(dir: &Path, program: &Path, args: &[&str]) -> String {
    let out = Command::new(program).args(args).current_dir(dir).env("NO_COLOR", "1").output().unwrap_or_else(|e| panic!("cannot run {}: {e}", program.display()));
    let stdout = String::from_utf8_lossy(&out.stdout).into_owned();
    assert!(out.status.success(), "`{} {}` failed:\n{stdout}\n{}", program.display(), args.join(" "), String::from_utf8_lossy(&out.stderr));
    stdout
}

#[test]
fn every_page_that_reads_generates_rust_typescript_and_openapi_the_tools_accept() {
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("pages");
    fs::create_dir_all(krate.join("src")).unwrap();
    fs::write(krate.join("Cargo.toml"), "[package]\nname = \"pages\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n").unwrap();
    let mut lib = String::from("//! The generated errors of real pages, under the strict lints.\n#![deny(warnings, missing_docs)]\n");
    let mut ts_files = Vec::new();
    let mut read = 0;
    for (id, _, page, _) in pages() {
        let Some(model) = errgen::load(&[&page]).model else { continue };
        read += 1;
        let rust = errgen::Config::new().generate(&model).unwrap_or_else(|e| panic!("{id}: {e}"));
        fs::write(krate.join(format!("src/p{id}.rs")), rust).unwrap();
        let _ = writeln!(lib, "/// Page {id}.\npub mod p{id} {{\n    include!(\"p{id}.rs\");\n}}");
        let header = errgen::emit::Header { command: "errgen generate".to_owned(), sources: vec![page.display().to_string()] };
        let out = dir.path().join(format!("p{id}"));
        fs::create_dir_all(&out).unwrap();
        for file in errgen::emit::render_all(&model, &header).unwrap() {
            fs::write(out.join(file.file_name), file.contents).unwrap();
        }
        ts_files.push(format!("p{id}/{}", errgen::emit::TS_FILE));
        let validator = tool(".venv/bin/openapi-spec-validator");
        let said = run(&out, &validator, &[errgen::emit::OPENAPI_FILE]);
        assert!(said.contains(": OK"), "{id}: {said}");
    }
    assert!(read >= 19, "only {read} pages read");
    fs::write(krate.join("src/lib.rs"), lib).unwrap();
    let cargo = PathBuf::from(std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into()));
    let target = dir.path().join("target");
    run(&krate, &cargo, &["clippy", "--quiet", "--offline", "--target-dir", target.to_str().unwrap(), "--", "-D", "warnings", "-W", "clippy::pedantic"]);
    fs::write(dir.path().join("package.json"), r#"{ "type": "module" }"#).unwrap();
    let tsc = tool("node_modules/typescript/bin/tsc");
    let mut args: Vec<&str> = tsc_flags::TSC_STRICT.to_vec();
    args.push("--noEmit");
    args.extend(ts_files.iter().map(String::as_str));
    run(dir.path(), &tsc, &args);
}
