//! A big spec's Rust under a strict consumer's lints: the generated file of
//! 1,200 codes (and 36 statuses), with and without serde, compiled by
//! clippy with `#![deny(warnings, missing_docs)]` and `clippy::pedantic`.
//! The small specs of the other tests stay under the thresholds some
//! lints have (an array's size, a function's length), so only a big one
//! shows whether the generated file passes them.

use std::fmt::Write as _;
use std::fs;
use std::path::PathBuf;
use std::process::Command;

/// Statuses with a standard reason phrase (the name of a status the table
/// does not name).
const STATUSES: [u16; 36] = [
    400, 401, 402, 403, 404, 405, 406, 407, 408, 409, 410, 411, 412, 413, 414, 415, 416, 417, 421, 422, 423, 424, 425,
    426, 428, 429, 431, 451, 500, 501, 502, 503, 504, 505, 507, 511,
];

fn big_spec() -> String {
    let mut md = String::from("# Statuses\n\n| HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n");
    for s in STATUSES {
        let _ = writeln!(md, "| {s} | [Error Code](#format) | Failure {s} |");
    }
    md.push_str("\n## Format\n\n```json\n{ \"code\": \"BIG_0\", \"message\": \"m\" }\n```\n\n");
    md.push_str("## Codes\n\n| Code | HTTP Status | Message | Retryable |\n| --- | --- | --- | --- |\n");
    for i in 0..1_200 {
        let message = match i % 3 {
            0 => format!("Failed {i}"),
            1 => format!("Item {{{{Item Id}}}} failed {i}"),
            _ => format!("{{{{A}}}} and {{{{B}}}} failed {i}"),
        };
        let _ = writeln!(md, "| BIG\\_{i} | {} | {message} | {} |", STATUSES[i % STATUSES.len()], if i % 2 == 0 { "Yes" } else { "No" });
    }
    md
}

#[test]
fn the_rust_of_a_big_spec_passes_clippy_pedantic_under_deny_warnings() {
    let (model, diagnostics) = errgen::from_sources(vec![("spec/big.md".to_owned(), big_spec())]);
    let model = model.unwrap_or_else(|| panic!("{diagnostics:?}"));
    assert_eq!((model.codes.len(), model.statuses.len()), (1_200, STATUSES.len()));
    let dir = tempfile::tempdir().unwrap();
    let krate = dir.path().join("big");
    fs::create_dir_all(krate.join("src")).unwrap();
    let manifest = "[package]\nname = \"big\"\nversion = \"0.0.0\"\nedition = \"2021\"\n\n[workspace]\n\n\
                    [dependencies]\nserde = { version = \"1\", features = [\"derive\"] }\n";
    fs::write(krate.join("Cargo.toml"), manifest).unwrap();
    let plain = errgen::Config::new().generate(&model).unwrap();
    let serde = errgen::Config::new().serde(true).generate(&model).unwrap();
    fs::write(krate.join("src/plain.rs"), plain).unwrap();
    fs::write(krate.join("src/with_serde.rs"), serde).unwrap();
    let lib = "//! A big spec's errors.\n#![deny(warnings, missing_docs)]\n\
               /// Without serde.\npub mod plain {\n    include!(\"plain.rs\");\n}\n\
               /// With serde.\npub mod with_serde {\n    include!(\"with_serde.rs\");\n}\n";
    fs::write(krate.join("src/lib.rs"), lib).unwrap();
    // The workspace's lock file, so that `--offline` finds serde's version.
    let workspace = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    fs::copy(workspace.join("Cargo.lock"), krate.join("Cargo.lock")).unwrap();
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let target = dir.path().join("target");
    let out = Command::new(cargo)
        .args(["clippy", "--quiet", "--offline", "--target-dir"])
        .arg(&target)
        .args(["--", "-D", "warnings", "-W", "clippy::pedantic"])
        .current_dir(&krate)
        .env("NO_COLOR", "1")
        .output()
        .unwrap();
    assert!(out.status.success(), "clippy refused the big spec's Rust:\n{}", String::from_utf8_lossy(&out.stderr));
}
