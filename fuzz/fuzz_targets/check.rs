//! What both fuzz targets check once a spec has been read: every
//! diagnostic renders, a model comes only without errors, and each emitter
//! either refuses the model with an error or writes output that its reader
//! accepts (Rust that parses and keeps errgen's layout contract, TypeScript
//! with its header, OpenAPI that is YAML). Never a panic.

use errgen::{Diagnostic, Model};

/// Renders the diagnostics and returns the model to check, if any.
pub fn diagnostics(model: Option<Model>, diagnostics: &[Diagnostic]) -> Option<Model> {
    for d in diagnostics {
        let _ = d.render(false);
        let _ = d.render(true);
        assert!(d.short().contains(&d.message), "the short form names the problem");
    }
    let _ = errgen::diag::render_all(diagnostics, false);
    let model = model?;
    assert!(!errgen::diag::has_errors(diagnostics), "a model is returned only without errors");
    Some(model)
}

/// Runs the Rust, TypeScript and OpenAPI emitters on `model`; returns the
/// Rust unless the emitter refused the model.
pub fn outputs(model: &Model) -> Option<String> {
    let rust = errgen::Config::new().serde(true).http(true).axum(true).generate(model).ok();
    if let Some(rust) = &rust {
        assert!(rust.starts_with("// @generated"), "{rust}");
        // Written as text: it must be Rust and keep errgen's layout contract
        // (parses, four-space levels, lines within 100 columns but for one
        // literal and one name).
        crate::layout::check("fuzz input", rust);
    }
    let header = errgen::emit::Header { command: "errgen generate".to_owned(), sources: vec!["spec/a.md".to_owned()] };
    let ts = errgen::emit::typescript(model, &header).expect("TypeScript renders");
    let yaml = errgen::emit::openapi(model, &header).expect("OpenAPI renders");
    assert!(ts.starts_with("// @generated"), "{ts}");
    if let Err(e) = serde_yaml::from_str::<serde_yaml::Value>(&yaml) {
        panic!("generated OpenAPI is not YAML: {e}\n{yaml}");
    }
    rust
}
