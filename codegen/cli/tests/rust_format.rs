//! Formatting is opt-in (`Config::format`, feature `format`, the CLI's
//! `--format`): with it the file is exactly what prettyplease prints for
//! errgen's own layout; without it errgen's layout holds its contract. The
//! CLI's `--rust` writes what a build script's `Config` generates for the
//! same options (all but the `@generated` line, which names the command).

#[path = "../../tests/common/layout.rs"]
mod layout;

use std::path::Path;
use std::process::Command;

fn seed_model() -> errgen::Model {
    let path = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../spec/error-response.md");
    let text = std::fs::read_to_string(path).unwrap();
    let (model, diagnostics) = errgen::from_sources(vec![("spec/error-response.md".to_owned(), text)]);
    model.unwrap_or_else(|| panic!("{diagnostics:#?}"))
}

/// Everything below the `@generated` line.
fn body(text: &str) -> &str {
    text.split_once('\n').map_or("", |(_, rest)| rest)
}

#[test]
fn format_prints_the_file_as_prettyplease_does() {
    let model = seed_model();
    let plain = errgen::Config::new().serde(true).http(true).generate(&model).unwrap();
    layout::check("seed", &plain);
    let formatted = errgen::Config::new().serde(true).http(true).format(true).generate(&model).unwrap();
    let file = syn::parse_file(&plain).unwrap();
    let header = plain.lines().next().unwrap();
    assert_eq!(formatted, format!("{header}\n\n{}", prettyplease::unparse(&file)));
    assert_ne!(formatted, plain, "errgen's own layout is not prettyplease's");
}

#[test]
fn the_cli_writes_what_config_generates() {
    let model = seed_model();
    let dir = tempfile::tempdir().unwrap();
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR")).join("../..");
    for format in [false, true] {
        let rust = dir.path().join(format!("errors-{format}.rs"));
        let out = dir.path().join(format!("out-{format}"));
        let mut args = vec!["generate", "--out", out.to_str().unwrap(), "--rust", rust.to_str().unwrap(), "--serde", "--http"];
        if format {
            args.push("--format");
        }
        let run = Command::new(env!("CARGO_BIN_EXE_errgen")).args(&args).current_dir(&workspace).output().unwrap();
        assert!(run.status.success(), "{}", String::from_utf8_lossy(&run.stderr));
        let written = std::fs::read_to_string(&rust).unwrap();
        let expected = errgen::Config::new().spec("spec").serde(true).http(true).format(format).generate(&model).unwrap();
        assert_eq!(body(&written), body(&expected), "format = {format}");
        assert!(written.lines().next().unwrap().contains(if format { " --format" } else { "--http" }), "{written}");
    }
}
