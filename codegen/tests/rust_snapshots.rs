//! Snapshots of the Rust emitter: each `tests/data/rust/NAME.md` is
//! generated with the options its case names here and compared byte for
//! byte with `tests/data/rust/NAME.rs`. `UPDATE_EXPECT=1 cargo test -p
//! errgen --test rust_snapshots` rewrites the expected files.
//!
//! The expected files are not only compared: the `hostile-consumer` crate
//! includes each of them under `#![deny(warnings, missing_docs)]`, so
//! rustc, clippy (pedantic) and rustdoc judge exactly what is checked in.

use std::path::{Path, PathBuf};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rust")
}

/// Generates `NAME.md` with `configure` and compares with `NAME.rs`.
fn check(name: &str, configure: impl FnOnce(&mut errgen::Config)) {
    let spec = data().join(format!("{name}.md"));
    let text = std::fs::read_to_string(&spec).unwrap();
    let shown = format!("tests/data/rust/{name}.md");
    let (model, diagnostics) = errgen::from_sources(vec![(shown.clone(), text)]);
    let model = model.unwrap_or_else(|| panic!("{name}.md has errors: {diagnostics:#?}"));
    let mut config = errgen::Config::new();
    config.spec(&shown).generated_by("errgen's snapshot test (codegen/tests/rust_snapshots.rs)");
    configure(&mut config);
    let actual = config.generate(&model).unwrap();
    assert_eq!(config.generate(&model).unwrap(), actual, "{name}: generation is not deterministic");
    let expected_path = data().join(format!("{name}.rs"));
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::write(&expected_path, &actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&expected_path).unwrap_or_default();
    if expected != actual {
        let first = expected.lines().zip(actual.lines()).position(|(e, a)| e != a);
        panic!(
            "{} differs from the generated Rust (first differing line: {}); \
             run `UPDATE_EXPECT=1 cargo test -p errgen --test rust_snapshots` and review the diff",
            expected_path.display(),
            first.map_or_else(|| "past the end of one".to_owned(), |i| (i + 1).to_string()),
        );
    }
}

#[test]
fn minimal_with_defaults() {
    check("minimal", |_| {});
}

#[test]
fn options_with_serde_http_and_renamed_types() {
    check("options", |c| {
        c.serde(true)
            .http(true)
            .code_type_name("ApiErrorCode")
            .error_type_name("ApiError")
            .status_type_name("ApiStatus")
            .body_type_name("ApiErrorBody")
            .unknown_code_type_name("UnknownApiErrorCode")
            .outcome_type_name("RetryDecision");
    });
}
