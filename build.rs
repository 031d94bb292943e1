//! Generates the API's error types from the Markdown in `spec/`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    errgen::Config::new()
        .spec("spec")
        .serde(std::env::var_os("CARGO_FEATURE_SERDE").is_some())
        .http(std::env::var_os("CARGO_FEATURE_HTTP").is_some())
        .compile()?;
    Ok(())
}
