//! A consumer's build script compiles errgen's default features only, and
//! those pull in neither syn, prettyplease, proc-macro2 nor quote (the
//! Rust file is written as text) nor a diagnostics renderer (a build
//! script prints the short form): `cargo tree` is the oracle. The
//! command-line tool's crates are in no feature at all.

use std::process::Command;

fn tree(features: &[&str]) -> String {
    tree_of("errgen", features)
}

fn tree_of(package: &str, features: &[&str]) -> String {
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    let mut args = vec!["tree", "--offline", "-p", package, "-e", "normal", "--prefix", "none"];
    args.extend(features);
    let out = Command::new(cargo).args(&args).current_dir(env!("CARGO_MANIFEST_DIR")).output().expect("run cargo tree");
    assert!(out.status.success(), "{}", String::from_utf8_lossy(&out.stderr));
    String::from_utf8(out.stdout).unwrap()
}

fn crates(tree: &str) -> Vec<&str> {
    tree.lines().filter_map(|l| l.split_whitespace().next()).collect()
}

#[test]
fn the_default_build_compiles_no_syntax_tree_crates() {
    let default = tree(&[]);
    for heavy in ["syn", "prettyplease", "proc-macro2", "quote", "annotate-snippets"] {
        assert!(!crates(&default).contains(&heavy), "`{heavy}` is in errgen's default build:\n{default}");
    }
    let format = tree(&["--features", "format"]);
    assert!(crates(&format).contains(&"prettyplease") && crates(&format).contains(&"syn"), "{format}");
}

/// What only the `errgen` command needs lives in its own package
/// (`codegen/cli`): no feature of the library brings it in.
#[test]
fn no_library_feature_compiles_the_command_line_crates() {
    let all = tree(&["--all-features"]);
    let cli_crates = ["clap", "similar", "tempfile", "anstream", "yaml-edit", "fs4", "ctrlc"];
    for cli in cli_crates {
        assert!(!crates(&all).contains(&cli), "`{cli}` is in errgen's build with every feature:\n{all}");
    }
}

/// `errgen-core` (the model, lowering and emitters) compiles no Markdown
/// parser, with any feature: a build compiles it beside pulldown-cmark,
/// and `errgen`, which needs both, is what waits for the two.
#[test]
fn the_core_builds_beside_the_markdown_parser() {
    let core = tree_of("errgen-core", &["--all-features"]);
    assert!(crates(&core).contains(&"heck"), "{core}");
    assert!(!crates(&core).contains(&"pulldown-cmark"), "pulldown-cmark is under errgen-core:\n{core}");
    let errgen = tree(&[]);
    assert!(crates(&errgen).contains(&"pulldown-cmark") && crates(&errgen).contains(&"errgen-core"), "{errgen}");
}
