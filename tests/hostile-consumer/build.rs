//! Generates Rust from `spec/hostile.md`, a spec written to break the
//! generated code: keywords and prelude names as codes, names of the
//! generated items, comment and quote breakers, bidi controls, braces.
//! Also generates `many.rs` from an in-memory spec with enough codes that
//! every per-code function is longer than clippy's `too_many_lines` limit
//! (and the lookup a perfect hash), a few of them with very long names,
//! and `sequential.rs` from 135 codes `ERR_000`...`ERR_134`.

use std::fmt::Write as _;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    errgen::Config::new().spec("spec").serde(true).http(true).compile()?;

    let mut spec = String::from("# Many\n\n<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n");
    for i in 0..300 {
        // Some wire codes so long that every line naming them is over the
        // layout's width, so that its broken forms compile here too.
        let long = if i % 50 == 7 { "_THAT_GOES_ON".repeat(8) } else { String::new() };
        if i % 2 == 0 {
            writeln!(spec, "| CODE_{i}{long} | Failure {i}: {{{{Detail}}}} at {{{{Place}}}} |")?;
        } else {
            writeln!(spec, "| CODE_{i}{long} | Failure {i} |")?;
        }
    }
    generate("many.rs", spec)?;

    // 135 sequential codes that differ in their last bytes: the shape the
    // first perfect hash could not place.
    let mut spec = String::from("# Sequential\n\n<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n");
    for i in 0..135 {
        writeln!(spec, "| ERR_{i:03} | Failure {i} |")?;
    }
    generate("sequential.rs", spec)
}

/// Writes the Rust for an in-memory spec into `OUT_DIR/name`.
fn generate(name: &str, spec: String) -> Result<(), Box<dyn std::error::Error>> {
    let (model, diagnostics) = errgen::from_sources(vec![(name.replace(".rs", ".md"), spec)]);
    let model = model.ok_or_else(|| format!("{diagnostics:?}"))?;
    let text = errgen::Config::new().serde(true).http(true).generate(&model)?;
    let path = std::path::Path::new(&std::env::var("OUT_DIR")?).join(name);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text)?;
    }
    Ok(())
}
