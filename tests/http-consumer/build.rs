//! Generates the shop API's errors from `spec/` with the serde, http and
//! axum options, as a server and client crate would; and the same options
//! on a spec with only a status table and on one with no status table, so
//! that every shape of `Outcome::from_http_response` compiles under the
//! strict lints of `src/lib.rs`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    errgen::Config::new().spec("spec").serde(true).http(true).axum(true).compile()?;
    let statuses = "# Statuses\n\n| HTTP Status | HTTP Code | Retryable | Description |\n| --- | --- | --- | --- |\n\
                    | 404 | NOT_FOUND | No | Missing |\n| 503 | SERVICE_UNAVAILABLE | Yes | Down |\n";
    generate("status_only.rs", statuses)?;
    let codes = "# Errors\n\n| Code | HTTP Status | Message | Retryable |\n| --- | --- | --- | --- |\n\
                 | GONE | 410 | Gone since {{Date}} | No |\n| BUSY |  | Busy | Yes |\n";
    generate("codes_only.rs", codes)
}

/// Writes the Rust for an in-memory spec into `OUT_DIR/name`, if changed.
fn generate(name: &str, spec: &str) -> Result<(), Box<dyn std::error::Error>> {
    let (model, diagnostics) = errgen::from_sources(vec![(name.replace(".rs", ".md"), spec.to_owned())]);
    let model = model.ok_or_else(|| format!("{diagnostics:?}"))?;
    let text = errgen::Config::new().serde(true).http(true).axum(true).generate(&model)?;
    let path = std::path::Path::new(&std::env::var("OUT_DIR")?).join(name);
    if std::fs::read_to_string(&path).ok().as_deref() != Some(text.as_str()) {
        std::fs::write(path, text)?;
    }
    Ok(())
}
