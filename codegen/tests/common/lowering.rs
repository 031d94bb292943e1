//! Lowering one in-memory spec file, for the rule tests.

use errgen::{from_sources, Diagnostic, Model};

/// Lowers `md` as the file `t.md`.
pub fn lower(md: &str) -> (Option<Model>, Vec<Diagnostic>) {
    from_sources(vec![("t.md".to_owned(), md.to_owned())])
}

/// The model of `md`, or a panic that shows its errors.
pub fn model(md: &str) -> (Model, Vec<Diagnostic>) {
    match lower(md) {
        (Some(m), d) => (m, d),
        (None, d) => panic!("spec has errors:\n{}", errgen::diag::render_all(&d, false)),
    }
}
