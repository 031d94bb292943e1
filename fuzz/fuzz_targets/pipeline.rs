//! The whole pipeline on arbitrary bytes: bytes -> UTF-8 check (or the
//! non-UTF-8 path through `errgen::load`) -> parse -> model -> the Rust,
//! TypeScript and OpenAPI emitters, and every diagnostic rendered.
//!
//! Run from the repository root (README, "Fuzzing"):
//!     cargo +nightly fuzz run -s none pipeline fuzz/corpus/pipeline spec codegen/tests/data
//!
//! (the first folder collects the corpus; the others seed it with the spec
//! and every test fixture). `-s none`: errgen is safe Rust, and without
//! AddressSanitizer the target runs about 30 times faster. The checks on
//! what the pipeline gives are in `check.rs`, shared with `structured`.
#![no_main]

use libfuzzer_sys::fuzz_target;

mod check;
#[path = "../../codegen/tests/common/layout.rs"]
mod layout;

fuzz_target!(|data: &[u8]| {
    // Inputs that start with 0xFF take the file path: written to a temporary
    // file and read by `errgen::load`, as the CLI and build scripts do. This
    // covers the non-UTF-8 diagnostic on real bytes.
    let (model, diagnostics) = if let Some(rest) = data.strip_prefix(&[0xFF]) {
        let dir = std::env::temp_dir().join(format!("errgen-fuzz-{}", std::process::id()));
        let _ = std::fs::create_dir_all(&dir);
        let path = dir.join("spec.md");
        std::fs::write(&path, rest).expect("write the fuzz input");
        let loaded = errgen::load(&[&path]);
        (loaded.model, loaded.diagnostics)
    } else {
        let Ok(text) = std::str::from_utf8(data) else { return };
        // Two files: the input, and the input again under another name, so
        // that cross-file merging and duplicate checks run too.
        let mut sources = vec![("spec/a.md".to_owned(), text.to_owned())];
        if text.len() % 7 == 3 {
            sources.push(("spec/b.md".to_owned(), text.to_owned()));
        }
        errgen::from_sources(sources)
    };
    if let Some(model) = check::diagnostics(model, &diagnostics) {
        let _ = check::outputs(&model);
    }
});
