//! The synthetic spec the benches use lints clean and has the codes asked for.

#[path = "../benches/support/synth.rs"]
mod synth;

fn check(n: usize) {
    let files = synth::spec(n);
    let (model, diagnostics) = errgen::from_sources(files);
    let shown: Vec<_> = diagnostics.iter().filter(|d| d.severity != errgen::Severity::Note).collect();
    assert!(shown.is_empty(), "n = {n}: {:#?}", shown.first());
    let model = model.expect("a model");
    assert_eq!(model.codes.len(), n);
    assert!(model.codes.iter().any(|c| !c.params.is_empty()), "some messages have parameters");
    assert!(errgen::Config::new().serde(true).http(true).generate(&model).is_ok());
}

#[test]
fn small_specs_lint_clean() {
    for n in [1, 8, 100, 1_000] {
        check(n);
    }
}

#[test]
fn codes_are_distinct_up_to_100_000() {
    let codes: std::collections::BTreeSet<String> = (0..100_000).map(synth::code).collect();
    assert_eq!(codes.len(), 100_000);
}
