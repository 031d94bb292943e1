//! Snapshots of the Rust emitter: each case generates `tests/data/rust/NAME.rs`
//! with the options it names here and compares byte for byte. Most cases
//! read `tests/data/rust/NAME.md`; the model v2 cases (codes without a
//! status, codes with alternative rows, a status-only spec) start from a
//! parsed spec and change the model by hand, as lowering does not produce
//! those yet. `UPDATE_EXPECT=1 cargo test -p errgen --test rust_snapshots`
//! rewrites the expected files.
//!
//! The expected files are not only compared: the `hostile-consumer` crate
//! includes each of them under `#![deny(warnings, missing_docs)]`, so
//! rustc, clippy (pedantic) and rustdoc judge exactly what is checked in.
//! Every output is also parsed by syn and held to the layout contract
//! (`layout::check`).

#[path = "common/layout.rs"]
mod layout;

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

use errgen::model::{Alternative, Model};

fn data() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/rust")
}

/// The model of `tests/data/rust/NAME.md`.
fn spec_model(name: &str) -> Model {
    let text = std::fs::read_to_string(data().join(format!("{name}.md"))).unwrap();
    let (model, diagnostics) = errgen::from_sources(vec![(format!("tests/data/rust/{name}.md"), text)]);
    model.unwrap_or_else(|| panic!("{name}.md has errors: {diagnostics:#?}"))
}

/// Generates `model` with `configure` and compares with `NAME.rs`.
fn check(name: &str, from: &str, model: &Model, configure: impl FnOnce(&mut errgen::Config)) {
    let mut config = errgen::Config::new();
    config.spec(format!("tests/data/rust/{from}.md")).generated_by("errgen's snapshot test (codegen/tests/rust_snapshots.rs)");
    configure(&mut config);
    let actual = config.generate(model).unwrap();
    assert_eq!(config.generate(model).unwrap(), actual, "{name}: generation is not deterministic");
    layout::check(name, &actual);
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

fn full(c: &mut errgen::Config) {
    c.serde(true).http(true);
}

fn alternative(status: Option<u16>, message: &str) -> Alternative {
    Alternative {
        http_status: status,
        message: message.to_owned(),
        description: String::new(),
        source: errgen::model::Source { file: "tests/data/rust/options.md".to_owned(), line: 25, column: 1 },
    }
}

#[test]
fn minimal_with_defaults() {
    check("minimal", "minimal", &spec_model("minimal"), |_| {});
}

#[test]
fn options_with_serde_http_and_renamed_types() {
    check("options", "options", &spec_model("options"), |c| {
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

/// One code has no documented status: `http_status` says so in its type.
#[test]
fn a_code_without_a_status() {
    let mut model = spec_model("options");
    model.codes[1].http_status = None;
    check("no_status", "options", &model, full);
}

/// Codes documented in several rows: another status for one, another
/// template (with a parameter of its own) for another.
#[test]
fn codes_with_alternative_rows() {
    let mut model = spec_model("options");
    model.codes[0].alternatives.push(alternative(Some(503), "Not found"));
    model.codes[1].alternatives.push(alternative(None, "Limit reached for {{Item}} until {{Reset At}}"));
    model.codes[1].alternatives.push(alternative(Some(406), "Limit of {{Limit}} reached for {{Item}}"));
    check("alternatives", "options", &model, full);
}

/// A status-only spec: the status type and the retry helper, no code types.
#[test]
fn statuses_without_codes() {
    let mut model = spec_model("options");
    model.codes.clear();
    check("status_only", "options", &model, full);
}

#[test]
fn a_spec_with_neither_codes_nor_statuses_is_refused() {
    let mut model = spec_model("options");
    model.codes.clear();
    model.statuses.clear();
    let err = errgen::Config::new().generate(&model).unwrap_err().to_string();
    assert!(err.contains("neither error codes nor HTTP statuses"), "{err}");
}

/// Past the `match` (128 codes) the lookup is a perfect hash; long wire
/// codes, names, messages and descriptions on both sides of the width
/// keep the layout contract there and in the `match`.
#[test]
fn long_and_many_codes_keep_the_layout() {
    for (count, width) in [(20, 10), (20, 95), (300, 40), (300, 120)] {
        let mut spec = String::from("# Many\n\n<!-- errgen: status=500 -->\n\n| code | message | description |\n| --- | --- | --- |\n");
        for i in 0..count {
            let code = format!("CODE_{i}_{}", "X".repeat(width + i % 7));
            let words = "word ".repeat(width / 3 + i % 5);
            let (a, dashes) = ("A".repeat(i % 9), "-".repeat(width));
            let _ = writeln!(spec, "| {code} | {words}{{{{Detail {a}}}}} {words} | {words}`{dashes}` {words} |");
        }
        let (model, diagnostics) = errgen::from_sources(vec![("many.md".to_owned(), spec)]);
        let model = model.unwrap_or_else(|| panic!("{diagnostics:#?}"));
        for config in [errgen::Config::new(), errgen::Config::new().serde(true).http(true).clone()] {
            layout::check(&format!("{count} codes, width {width}"), &config.generate(&model).unwrap());
        }
    }
}
