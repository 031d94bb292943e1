//! The README's "Using errgen from build.rs" example is this crate's real
//! `build.rs`, `src/lib.rs` and `Cargo.toml` lines, so building this crate
//! compiles exactly that example; its "Servers and clients" example is
//! `tests/http-consumer`'s example, compiled with that crate. (The quick
//! start is run by `codegen/cli/tests/cli.rs`.)

use std::collections::BTreeMap;

const README: &str = include_str!("../README.md");

/// The fenced code blocks of the README section `heading`, as
/// `(info string, text)`.
fn blocks(heading: &str) -> Vec<(String, String)> {
    let start = README.find(&format!("\n{heading}\n")).unwrap_or_else(|| panic!("README has no `{heading}`"));
    let rest = &README[start + heading.len() + 2..];
    let section = &rest[..rest.find("\n## ").unwrap_or(rest.len())];
    let mut out = Vec::new();
    let mut open: Option<(String, String)> = None;
    for line in section.lines() {
        match (&mut open, line.strip_prefix("```")) {
            (None, Some(info)) => open = Some((info.to_owned(), String::new())),
            (Some(_), Some("")) => out.push(open.take().unwrap()),
            (Some((_, text)), _) => {
                text.push_str(line);
                text.push('\n');
            }
            (None, None) => {}
        }
    }
    assert!(open.is_none(), "unclosed code block in `{heading}`");
    out
}

/// TOML lines grouped by their `[table]` header.
fn tables(toml: &str) -> BTreeMap<String, Vec<String>> {
    let mut out: BTreeMap<String, Vec<String>> = BTreeMap::new();
    let mut table = String::new();
    for line in toml.lines().map(str::trim).filter(|l| !l.is_empty() && !l.starts_with('#')) {
        if line.starts_with('[') {
            line.clone_into(&mut table);
        }
        out.entry(table.clone()).or_default().push(line.to_owned());
    }
    out
}

#[test]
fn the_build_rs_example_is_this_crates_code() {
    let blocks = blocks("## Using errgen from build.rs");
    let infos: Vec<&str> = blocks.iter().map(|(info, _)| info.as_str()).collect();
    assert_eq!(infos, ["toml", "rust", "rust"]);
    assert_eq!(blocks[1].1, include_str!("../build.rs"), "README's build.rs differs from build.rs");
    assert_eq!(blocks[2].1, include_str!("../src/lib.rs"), "README's src/lib.rs differs from src/lib.rs");

    let manifest = tables(include_str!("../Cargo.toml"));
    for (table, lines) in tables(&blocks[0].1) {
        let real = manifest.get(&table).unwrap_or_else(|| panic!("Cargo.toml has no {table}"));
        for line in lines {
            assert!(real.contains(&line), "README's `{line}` is not in Cargo.toml's {table}");
        }
    }
}

#[test]
fn the_server_and_client_example_is_http_consumers_example() {
    let blocks = blocks("## Servers and clients (axum, http)");
    assert_eq!(blocks.len(), 1);
    assert_eq!(blocks[0].0, "rust");
    assert_eq!(blocks[0].1, include_str!("http-consumer/examples/server_and_client.rs"), "README's example differs from the file");
}
