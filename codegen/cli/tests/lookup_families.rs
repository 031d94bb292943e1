//! The generated `from_wire` on every family of code sets
//! (`support/code_families.rs`): generation succeeds on every family at
//! every size from 129 to 20,000 codes and always uses the perfect hash;
//! the generated files, compiled by rustc and run, find every code and
//! none of its near misses. The hash itself is swept in `core/src/rust/phash.rs`.

#[path = "../../tests/support/code_families.rs"]
mod code_families;

use std::fmt::Write as _;
use std::path::Path;
use std::process::Command;

use code_families::{Family, SIZES};

/// A spec of one code table holding `codes`.
fn spec(codes: &[String]) -> String {
    let mut spec = String::from("# Codes\n\n<!-- errgen: status=500 retryable=false -->\n\n| code | message |\n| --- | --- |\n");
    for c in codes {
        let _ = writeln!(spec, "| {c} | m |");
    }
    spec
}

fn generate(codes: &[String]) -> String {
    let (model, diagnostics) = errgen::from_sources(vec![("codes.md".to_owned(), spec(codes))]);
    let model = model.unwrap_or_else(|| panic!("{}", errgen::diag::render_all(&diagnostics, false)));
    assert_eq!(model.codes.len(), codes.len());
    errgen::Config::new().generate(&model).unwrap_or_else(|e| panic!("{e}"))
}

/// The sets compiled and run (rustc's time grows with the codes, so not
/// every size): every family at a size that failed before and at 1,000,
/// one at 20,000.
fn compiled_sets() -> Vec<(Family, usize)> {
    let mut sets: Vec<(Family, usize)> = Family::ALL.iter().flat_map(|&f| [(f, 135), (f, 1_000)]).collect();
    sets.push((Family::PrefixedWide, 20_000));
    sets
}

#[test]
fn generation_uses_the_perfect_hash_for_every_family_and_size() {
    for family in Family::ALL {
        for &n in SIZES {
            let codes = family.codes(n);
            let text = generate(&codes);
            let uses_hash = text.contains("const WIRE_SLOTS: ");
            assert_eq!(uses_hash, codes.len() > 128, "{family:?} at {}", codes.len());
        }
    }
}

#[test]
fn the_generated_lookup_compiled_and_run_finds_every_code_and_no_near_miss() {
    let dir = tempfile::tempdir().unwrap();
    let families = Path::new(env!("CARGO_MANIFEST_DIR")).join("../tests/support/code_families.rs");
    let mut main = format!(
        "#![allow(dead_code)]\n#[path = {:?}]\nmod code_families;\nuse code_families::{{near_misses, Family}};\n",
        families.display().to_string()
    );
    let mut body = String::new();
    for (i, (family, n)) in compiled_sets().into_iter().enumerate() {
        let codes = family.codes(n);
        std::fs::write(dir.path().join(format!("m{i}.rs")), generate(&codes)).unwrap();
        let _ = writeln!(main, "mod m{i} {{ include!(\"m{i}.rs\"); }}");
        let _ = writeln!(
            body,
            "    check(&Family::{family:?}.codes({n}), m{i}::ErrorCode::ALL, m{i}::ErrorCode::from_wire, m{i}::ErrorCode::as_str, \"{family:?} at {n}\");"
        );
    }
    main.push_str(
        r#"
fn check<T: Copy + PartialEq + std::fmt::Debug>(codes: &[String], all: &[T], from_wire: fn(&str) -> Option<T>, as_str: fn(T) -> &'static str, what: &str) {
    assert_eq!(all.len(), codes.len(), "{what}");
    let set: std::collections::HashSet<&str> = codes.iter().map(String::as_str).collect();
    for (code, &known) in codes.iter().zip(all) {
        assert_eq!(as_str(known), code, "{what}");
        assert_eq!(from_wire(code), Some(known), "{what}: {code:?}");
        for miss in near_misses(code) {
            if !set.contains(miss.as_str()) {
                assert_eq!(from_wire(&miss), None, "{what}: {miss:?}");
            }
        }
    }
    println!("{what}: ok");
}

fn main() {
"#,
    );
    main.push_str(&body);
    main.push_str("}\n");
    std::fs::write(dir.path().join("main.rs"), main).unwrap();
    let rustc = std::env::var("RUSTC").unwrap_or_else(|_| "rustc".to_owned());
    let out = Command::new(rustc)
        .args(["--edition", "2021", "-D", "warnings", "-o", "lookup", "main.rs"])
        .current_dir(dir.path())
        .output()
        .expect("run rustc");
    assert!(out.status.success(), "rustc:\n{}", String::from_utf8_lossy(&out.stderr));
    let run = Command::new(dir.path().join("lookup")).output().expect("run the lookup");
    let stdout = String::from_utf8_lossy(&run.stdout);
    assert!(run.status.success(), "{stdout}\n{}", String::from_utf8_lossy(&run.stderr));
    assert_eq!(stdout.lines().count(), compiled_sets().len(), "{stdout}");
}

/// `errgen generate --rust` on every family (at a size that failed before,
/// and the largest family at 20,000 codes) writes all three files.
#[test]
fn generate_rust_succeeds_on_every_family() {
    let sets = Family::ALL.iter().map(|&f| (f, 135)).chain([(Family::SharedLongPrefix, 20_000)]);
    for (family, n) in sets {
        let dir = tempfile::tempdir().unwrap();
        let codes = family.codes(n);
        std::fs::write(dir.path().join("codes.md"), spec(&codes)).unwrap();
        let out = Command::new(env!("CARGO_BIN_EXE_errgen"))
            .args(["generate", "--spec", "codes.md", "--out", "out", "--rust", "out/errors.rs"])
            .current_dir(dir.path())
            .output()
            .unwrap();
        assert!(out.status.success(), "{family:?} at {n}: {}", String::from_utf8_lossy(&out.stderr));
        let rust = std::fs::read_to_string(dir.path().join("out/errors.rs")).unwrap();
        assert_eq!(rust.contains("const WIRE_SLOTS: "), codes.len() > 128, "{family:?} at {n}");
    }
}
