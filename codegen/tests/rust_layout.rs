//! The Rust file is formatted: prettyplease, given the generated file,
//! prints it back byte for byte (its header comment aside, which
//! prettyplease drops). Most of the file is written as text in
//! prettyplease's layout rather than printed by it (`src/rust/text.rs`), so
//! this checks that layout where it can go wrong: names, codes and texts
//! of random lengths on both sides of every line-width decision, both
//! lookup strategies, hostile models, the seed and the synthetic spec.

mod support;

#[path = "../benches/support/synth.rs"]
mod synth;

use std::collections::BTreeMap;

use errgen::model::{BodyFormat, Code, Model, Param, Source, Status, MODEL_VERSION};
use proptest::prelude::*;

/// Panics, showing the first differing line, unless prettyplease leaves
/// `text` as it is.
fn assert_formatted(text: &str, what: &str) {
    let body = text.split_once("\n\n").map_or(text, |(_, body)| body);
    let file = syn::parse_file(text).unwrap_or_else(|e| panic!("{what}: the generated Rust does not parse: {e}"));
    let printed = prettyplease::unparse(&file);
    if printed != body {
        let (ours, theirs): (Vec<&str>, Vec<&str>) = (body.lines().collect(), printed.lines().collect());
        let at = ours.iter().zip(&theirs).position(|(a, b)| a != b).unwrap_or(ours.len().min(theirs.len()));
        let show = |lines: &[&str]| lines[at.saturating_sub(3)..(at + 4).min(lines.len())].join("\n");
        panic!(
            "{what}: prettyplease lays out line {} differently\n--- generated\n{}\n--- prettyplease\n{}",
            at + 1,
            show(&ours),
            show(&theirs)
        );
    }
}

fn source() -> Source {
    Source { file: "t.md".to_owned(), line: 1, column: 1 }
}

/// Text of `len` bytes; every seventh text has characters that an escape
/// or a UTF-8 encoding makes wider than one column each.
fn filler(len: usize, salt: usize) -> String {
    let alphabet: &[&str] = if salt.is_multiple_of(7) { &["a", "\"", "é", " ", "\\", "b", "\n"] } else { &["a", "b", " ", "c"] };
    let mut out = String::new();
    let mut i = salt;
    while out.len() < len {
        out.push_str(alphabet[i % alphabet.len()]);
        i += 1;
    }
    out
}

/// What one code of a layout model is made of.
#[derive(Debug, Clone)]
struct Draft {
    code_len: usize,
    pieces: Vec<(usize, Option<usize>)>,
    description_len: usize,
}

fn draft() -> impl Strategy<Value = Draft> {
    let piece = (0usize..70, prop::option::of(1usize..40));
    (1usize..100, prop::collection::vec(piece, 0..4), 0usize..120)
        .prop_map(|(code_len, pieces, description_len)| Draft { code_len, pieces, description_len })
}

/// A model of codes with names, templates and descriptions of the given
/// lengths (codes are made unique by their position).
fn layout_model(drafts: &[Draft], statuses: usize) -> Model {
    let codes = drafts
        .iter()
        .enumerate()
        .map(|(i, d)| {
            let code = format!("{}{}", char::from(b'A' + u8::try_from(i % 26).unwrap()), "_X".repeat(d.code_len / 2));
            let code = format!("{code}{i}");
            let mut message = String::new();
            let mut params: Vec<Param> = Vec::new();
            for (k, (literal, placeholder)) in d.pieces.iter().enumerate() {
                message.push_str(&filler(*literal, i + k).replace(['{', '}'], ""));
                if let Some(len) = placeholder {
                    let name: String = format!("p{k}{}", "q".repeat(*len));
                    message.push_str("{{");
                    message.push_str(&name);
                    message.push_str("}}");
                    if params.iter().all(|p| p.placeholder != name) {
                        params.push(Param { name: name.clone(), placeholder: name });
                    }
                }
            }
            Code {
                ident: errgen::ident::code_ident(&code).expect("an identifier"),
                code,
                http_status: Some(406),
                retryable: i % 2 == 0,
                message,
                params,
                description: filler(d.description_len, i),
                group: String::new(),
                extra: BTreeMap::new(),
                source: source(),
                alternatives: Vec::new(),
            }
        })
        .collect();
    let statuses = (0..statuses)
        .map(|i| Status {
            status: 400 + u16::try_from(i).unwrap(),
            name: format!("STATUS_{}", "LONG_".repeat(i * 3)),
            description: filler(i * 20, i),
            retryable: i % 2 == 1,
            has_error_body: i == 0,
            source: source(),
        })
        .collect();
    Model {
        version: MODEL_VERSION,
        statuses,
        codes,
        body: BodyFormat { code_field: "code".to_owned(), message_field: "message".to_owned() },
    }
}

fn type_name(base: &str, extra: usize) -> String {
    format!("{base}{}", "X".repeat(extra))
}

fn generate(model: &Model, names: usize, serde: bool) -> String {
    let mut config = errgen::Config::new();
    config
        .serde(serde)
        .http(serde)
        .code_type_name(type_name("ErrorCode", names))
        .error_type_name(type_name("Error", names / 2))
        .status_type_name(type_name("HttpStatus", names / 3))
        .body_type_name(type_name("ErrorBody", names))
        .unknown_code_type_name(type_name("UnknownErrorCode", names / 2))
        .outcome_type_name(type_name("Outcome", names));
    config.generate(model).expect("the emitter accepts the model")
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 96, ..ProptestConfig::default() })]

    #[test]
    fn any_lengths_are_laid_out_as_prettyplease_does(
        drafts in prop::collection::vec(draft(), 1..7),
        statuses in 0usize..4,
        names in 0usize..60,
        serde in any::<bool>(),
    ) {
        let model = layout_model(&drafts, statuses);
        assert_formatted(&generate(&model, names, serde), "layout model");
    }

    #[test]
    fn hostile_models_are_laid_out_as_prettyplease_does(model in support::strategies::model()) {
        assert_formatted(&generate(&model, 0, true), "hostile model");
    }
}

#[test]
fn perfect_hash_tables_with_long_codes_are_laid_out_as_prettyplease_does() {
    let drafts: Vec<Draft> = (0..150)
        .map(|i| Draft { code_len: (i * 7) % 110, pieces: vec![((i * 13) % 90, (i % 3 == 0).then_some(i % 50 + 1))], description_len: i })
        .collect();
    let model = layout_model(&drafts, 2);
    let text = generate(&model, 10, true);
    assert!(text.contains("const WIRE_SLOTS"), "more than 128 codes take the perfect hash");
    assert_formatted(&text, "150 codes");
}

#[test]
fn the_seed_and_the_synthetic_spec_are_laid_out_as_prettyplease_does() {
    let spec = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../spec");
    let loaded = errgen::load(&[spec]);
    let model = loaded.model.unwrap_or_else(|| panic!("{:#?}", loaded.diagnostics));
    assert_formatted(&generate(&model, 0, true), "spec/");
    assert_formatted(&generate(&model, 0, false), "spec/ without serde");
    for n in [1, 200] {
        let (model, diagnostics) = errgen::from_sources(synth::spec(n));
        let model = model.unwrap_or_else(|| panic!("{diagnostics:#?}"));
        assert_formatted(&generate(&model, 0, true), &format!("synthetic spec of {n} codes"));
    }
}

#[test]
fn every_width_around_the_margin_is_laid_out_as_prettyplease_does() {
    // Each length once as the last code and once before it: a comma after
    // a list counts towards its line except after the last element.
    for len in 20..100 {
        for last in [false, true] {
            let long = Draft { code_len: len, pieces: vec![(len, Some(len % 9 + 1)), (len / 3, None)], description_len: len };
            let short = Draft { code_len: 1, pieces: vec![(2, Some(1))], description_len: 1 };
            let drafts = if last { vec![short, long] } else { vec![long, short] };
            let model = layout_model(&drafts, 1);
            assert_formatted(&generate(&model, len % 40, len % 2 == 0), &format!("length {len}, last {last}"));
        }
    }
    let drafts: Vec<Draft> =
        (0..140).map(|i| Draft { code_len: 40 + i % 60, pieces: vec![(i % 5, None)], description_len: 0 }).collect();
    assert_formatted(&generate(&layout_model(&drafts, 0), 0, false), "140 long codes");
}

#[test]
fn filled_tables_of_every_length_are_laid_out_as_prettyplease_does() {
    // `true`/`false` and status numbers fill their lines; one of these
    // lengths ends a line exactly at the margin with the last element.
    for n in 1..80 {
        for pattern in 0..4 {
            let drafts: Vec<Draft> = (0..n).map(|i| Draft { code_len: i % 3, pieces: Vec::new(), description_len: 0 }).collect();
            let mut model = layout_model(&drafts, 0);
            for (i, code) in model.codes.iter_mut().enumerate() {
                code.retryable = (i >> pattern) % 2 == 0;
            }
            assert_formatted(&generate(&model, n % 4, false), &format!("{n} codes, pattern {pattern}"));
        }
    }
}
