//! Generates Rust from `spec/hostile.md`, a spec written to break the
//! generated code: keywords and prelude names as codes, names of the
//! generated items, comment and quote breakers, bidi controls, braces.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    errgen::Config::new()
        .spec("spec")
        .serde(true)
        .http(true)
        .compile()?;
    Ok(())
}
