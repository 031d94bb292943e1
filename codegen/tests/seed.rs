//! The published page, byte for byte, and its repaired copy in `spec/`.

use std::path::{Path, PathBuf};

use errgen::{load, Model, Severity};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

fn seed_path() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/seed/error-response.md")
}

fn loaded(path: &Path) -> (Model, Vec<errgen::Diagnostic>) {
    let loaded = load(&[path]);
    let rendered = errgen::diag::render_all(&loaded.diagnostics, false);
    (loaded.model.unwrap_or_else(|| panic!("{rendered}")), loaded.diagnostics)
}

/// The model without source locations, which differ between the two files.
fn without_sources(mut model: Model) -> Model {
    for s in &mut model.statuses {
        s.source = errgen::model::Source { file: String::new(), line: 0, column: 0 };
    }
    for c in &mut model.codes {
        c.source = errgen::model::Source { file: String::new(), line: 0, column: 0 };
    }
    model
}

#[test]
fn the_test_copy_is_the_published_page_byte_for_byte() {
    // CI lays shared/ beside the clone; a developer's checkout has it too.
    let shared = root().join("../shared/seed/error-response.md");
    if let Ok(published) = std::fs::read(&shared) {
        assert_eq!(std::fs::read(seed_path()).unwrap(), published, "tests/data/seed drifted from {shared:?}");
    } else {
        // Without shared/, the copy is still checked for the quirks it must keep.
        let text = std::fs::read_to_string(seed_path()).unwrap();
        assert!(text.starts_with("metaLinks:") && text.contains("&quot;code&quot;"));
    }
}

#[test]
fn verbatim_and_repaired_seed_give_the_same_model() {
    let (verbatim, _) = loaded(&seed_path());
    let (repaired, _) = loaded(&root().join("spec/error-response.md"));
    assert_eq!(without_sources(verbatim), without_sources(repaired));
}

#[test]
fn seed_statuses_and_codes_are_exactly_the_documented_ones() {
    let (model, _) = loaded(&seed_path());
    let statuses: Vec<_> = model.statuses.iter().map(|s| (s.status, s.name.as_str(), s.has_error_body, s.retryable)).collect();
    assert_eq!(
        statuses,
        [
            (400, "BAD_REQUEST", false, false),
            (401, "UNAUTHORIZED", false, false),
            (403, "NOT_ALLOW_API", false, false),
            (404, "NOT_FOUND", false, false),
            (405, "METHOD_NOT_ALLOWED", false, false),
            (406, "NOT_ACCEPTABLE", true, false),
            (429, "TOO_MANY_REQUESTS", false, true),
            (500, "INTERNAL_SERVER_ERROR", true, true),
            (503, "SERVICE_UNAVAILABLE", false, true),
        ]
    );
    let codes: Vec<_> = model.codes.iter().map(|c| (c.code.as_str(), c.http_status.unwrap_or_default(), c.retryable)).collect();
    assert_eq!(
        codes,
        [
            ("INTERNAL_SERVER_ERROR", 500, true),
            ("MAINTENANCE", 500, true),
            ("ILLEGAL_STATE", 500, true),
            ("BAD_REQUEST", 406, false),
            ("NOT_FOUND", 406, false),
            ("CONFLICT", 406, false),
            ("NOT_ENOUGH_ASSET", 406, false),
            ("NEXT_MARKET_NOT_REGISTERED_GAME_ITEM_PACKAGE", 406, false),
        ]
    );
    let illegal = model.code("ILLEGAL_STATE").unwrap();
    assert_eq!(illegal.message, "Illegal state: {{Error Message}}");
    assert_eq!(illegal.params.len(), 1);
    assert_eq!(illegal.params[0].name, "error_message");
    assert_eq!(illegal.group, "Retryable Error Response");
    assert_eq!(model.code("NOT_ENOUGH_ASSET").unwrap().ident, "NotEnoughAsset");
    assert_eq!((model.body.code_field.as_str(), model.body.message_field.as_str()), ("code", "message"));
    assert_eq!(model.status(503).unwrap().name, "SERVICE_UNAVAILABLE", "escaped underscores are resolved");
}

#[test]
fn seed_gives_exactly_three_warnings_at_their_lines() {
    for (path, lines) in [(seed_path(), [24, 26, 34]), (root().join("spec/error-response.md"), [25, 27, 35])] {
        let (_, diags) = loaded(&path);
        let got: Vec<_> = diags
            .iter()
            .map(|d| (d.severity, d.primary().map(|s| s.line), d.message.clone()))
            .collect();
        assert_eq!(
            got,
            [
                (Severity::Warning, Some(lines[0]), "status 405 has no name; using `METHOD_NOT_ALLOWED`".to_owned()),
                (Severity::Warning, Some(lines[1]), "status 429 has no name; using `TOO_MANY_REQUESTS`".to_owned()),
                (
                    Severity::Warning,
                    Some(lines[2]),
                    "example uses code `INVALID_APP_CREDENTIAL`, which no code table defines".to_owned()
                ),
            ],
            "{path:?}"
        );
    }
}
