//! Property tests over the emitters' whole outputs, for random models with
//! hostile text (`support/strategies.rs`):
//!
//! 1. every string literal decodes back to exactly the spec text: Rust
//!    literals read by `syn`, TypeScript literals by `serde_json`, the
//!    OpenAPI fragment by a YAML parser;
//! 2. no spec text ends a comment or a string: the code around the text (its
//!    tokens with string literals and comments blanked out) is the same as
//!    for a tame model with the same codes, identifiers and placeholders;
//! 3. no output holds a raw bidirectional control, so rustc's
//!    `text_direction_codepoint_in_literal` / `_in_comment` lints cannot fire
//!    (the hostile corpus compiles real files under them too).
#![cfg(feature = "templates")]

#[path = "common/layout.rs"]
mod layout;
mod support;

use std::collections::BTreeSet;

use errgen::emit::{self, Header};
use errgen::model::Model;
use proc_macro2::{Delimiter, TokenStream, TokenTree};
use proptest::prelude::*;
use support::strategies::model;

fn header() -> Header {
    Header { command: "errgen generate */ \"x\" \u{202E}".to_owned(), sources: vec!["spec/*/t.md".to_owned()] }
}

struct Outputs {
    rust: String,
    ts: String,
    yaml: String,
}

fn outputs(model: &Model) -> Outputs {
    Outputs {
        rust: errgen::Config::new().serde(true).http(true).generate(model).expect("the Rust emitter accepts the model"),
        ts: emit::typescript(model, &header()).expect("TypeScript renders"),
        yaml: emit::openapi(model, &header()).expect("OpenAPI renders"),
    }
}

/// The same model with every free text (messages' literal pieces,
/// descriptions, groups, extra values, status descriptions) replaced by
/// `x`, keeping empty texts empty and placeholders, codes, identifiers,
/// names and field names as they are.
fn tame(model: &Model) -> Model {
    let x = |s: &str| if s.is_empty() { String::new() } else { "x".to_owned() };
    let mut m = model.clone();
    for c in &mut m.codes {
        let mut message = String::new();
        for seg in c.segments() {
            match seg {
                errgen::model::Segment::Literal(_) => message.push('x'),
                errgen::model::Segment::Param(i) => {
                    message.push_str("{{");
                    message.push_str(&c.params[i].placeholder);
                    message.push_str("}}");
                }
            }
        }
        c.message = message;
        c.description = x(&c.description);
        c.group = x(&c.group);
        for v in c.extra.values_mut() {
            *v = x(v);
        }
    }
    for s in &mut m.statuses {
        s.description = x(&s.description);
    }
    m
}

const BIDI: &[char] = &[
    '\u{202A}', '\u{202B}', '\u{202C}', '\u{202D}', '\u{202E}', '\u{2066}', '\u{2067}', '\u{2068}', '\u{2069}',
];

// ---- Rust ----

/// Every string literal in the Rust file, decoded by syn.
fn rust_strings(rust: &str) -> Vec<String> {
    let file = syn::parse_file(rust).expect("generated Rust parses");
    let tokens: TokenStream = quote::ToTokens::to_token_stream(&file);
    let mut out = Vec::new();
    collect_rust_strings(tokens, &mut out);
    out
}

fn collect_rust_strings(tokens: TokenStream, out: &mut Vec<String>) {
    for tt in tokens {
        match tt {
            TokenTree::Group(g) => collect_rust_strings(g.stream(), out),
            TokenTree::Literal(lit) => {
                if let Ok(s) = syn::parse_str::<syn::LitStr>(&lit.to_string()) {
                    out.push(s.value());
                }
            }
            _ => {}
        }
    }
}

/// The Rust file's tokens with string literals as `STR` and doc attributes
/// (comments) left out, as one line per token. Braces, commas and
/// semicolons are left out too: the formatter adds a trailing comma, or
/// wraps a match arm in a block, when a line grows long, which depends on
/// the length of the text.
fn rust_skeleton(rust: &str) -> Vec<String> {
    let tokens: TokenStream = rust.parse().expect("generated Rust lexes");
    let mut out = Vec::new();
    rust_skeleton_into(tokens, &mut out);
    out.retain(|t| !matches!(t.as_str(), "," | ";" | "open Brace" | "close Brace"));
    out
}

/// Where two token skeletons first differ, with some context, or `None`.
fn first_difference(a: &[String], b: &[String]) -> Option<String> {
    let at = a.iter().zip(b).position(|(x, y)| x != y).or_else(|| (a.len() != b.len()).then(|| a.len().min(b.len())))?;
    let window = |v: &[String]| v[at.saturating_sub(12)..(at + 12).min(v.len())].join(" ");
    Some(format!("token {at}:\n  hostile: {}\n  tame:    {}", window(a), window(b)))
}

fn rust_skeleton_into(tokens: TokenStream, out: &mut Vec<String>) {
    let trees: Vec<TokenTree> = tokens.into_iter().collect();
    let mut i = 0;
    while i < trees.len() {
        if let (TokenTree::Punct(p), Some(TokenTree::Group(g))) = (&trees[i], trees.get(i + 1)) {
            let is_doc = p.as_char() == '#'
                && g.delimiter() == Delimiter::Bracket
                && matches!(g.stream().into_iter().next(), Some(TokenTree::Ident(id)) if id == "doc");
            if is_doc {
                i += 2;
                continue;
            }
        }
        match &trees[i] {
            TokenTree::Group(g) => {
                out.push(format!("open {:?}", g.delimiter()));
                rust_skeleton_into(g.stream(), out);
                out.push(format!("close {:?}", g.delimiter()));
            }
            TokenTree::Literal(lit) => {
                let text = lit.to_string();
                if syn::parse_str::<syn::LitStr>(&text).is_ok() {
                    out.push("STR".to_owned());
                } else {
                    out.push(text);
                }
            }
            other => out.push(other.to_string()),
        }
        i += 1;
    }
}

// ---- TypeScript ----

#[derive(Debug, PartialEq)]
enum TsToken {
    /// A double-quoted string literal, as written.
    Str(String),
    /// Anything else: identifiers, numbers, punctuation, single-quoted and
    /// template literals (which the templates write, not the spec).
    Code(String),
}

fn js_line_terminator(c: char) -> bool {
    matches!(c, '\n' | '\r' | '\u{2028}' | '\u{2029}')
}

/// A small ECMAScript lexer: enough to find where comments and strings end
/// as a JavaScript engine would (line terminators include U+2028/U+2029).
fn ts_tokens(ts: &str) -> Vec<TsToken> {
    let chars: Vec<char> = ts.chars().collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let c = chars[i];
        let next = chars.get(i + 1).copied();
        if c.is_whitespace() || c == '\u{FEFF}' {
            i += 1;
        } else if c == '/' && next == Some('/') {
            while i < chars.len() && !js_line_terminator(chars[i]) {
                i += 1;
            }
        } else if c == '/' && next == Some('*') {
            i += 2;
            while i < chars.len() && !(chars[i] == '*' && chars.get(i + 1) == Some(&'/')) {
                i += 1;
            }
            assert!(i < chars.len(), "unterminated block comment");
            i += 2;
        } else if c == '"' || c == '\'' || c == '`' {
            let start = i;
            i += 1;
            while i < chars.len() && chars[i] != c {
                assert!(
                    c == '`' || !js_line_terminator(chars[i]),
                    "line terminator inside a string literal: {:?}",
                    chars[start..i].iter().collect::<String>()
                );
                if chars[i] == '\\' {
                    i += 1;
                }
                i += 1;
            }
            assert!(i < chars.len(), "unterminated string");
            i += 1;
            let text: String = chars[start..i].iter().collect();
            out.push(if c == '"' { TsToken::Str(text) } else { TsToken::Code(text) });
        } else if c.is_alphanumeric() || c == '_' || c == '$' {
            let start = i;
            while i < chars.len() && (chars[i].is_alphanumeric() || chars[i] == '_' || chars[i] == '$') {
                i += 1;
            }
            out.push(TsToken::Code(chars[start..i].iter().collect()));
        } else {
            out.push(TsToken::Code(c.to_string()));
            i += 1;
        }
    }
    out
}

fn ts_strings(ts: &str) -> Vec<String> {
    ts_tokens(ts)
        .into_iter()
        .filter_map(|t| match t {
            TsToken::Str(lit) => Some(
                serde_json::from_str::<String>(&lit).unwrap_or_else(|e| panic!("literal {lit} is not JSON: {e}")),
            ),
            TsToken::Code(_) => None,
        })
        .collect()
}

fn ts_skeleton(ts: &str) -> Vec<String> {
    ts_tokens(ts)
        .into_iter()
        .map(|t| match t {
            TsToken::Str(_) => "STR".to_owned(),
            TsToken::Code(c) => c,
        })
        .collect()
}

// ---- YAML ----

fn yaml_value(yaml: &str) -> serde_yaml::Value {
    serde_yaml::from_str(yaml).unwrap_or_else(|e| panic!("OpenAPI fragment is not YAML: {e}"))
}

fn yaml_strings(v: &serde_yaml::Value, out: &mut Vec<String>) {
    match v {
        serde_yaml::Value::String(s) => out.push(s.clone()),
        serde_yaml::Value::Sequence(items) => items.iter().for_each(|i| yaml_strings(i, out)),
        serde_yaml::Value::Mapping(map) => {
            for (k, v) in map {
                yaml_strings(k, out);
                yaml_strings(v, out);
            }
        }
        serde_yaml::Value::Tagged(t) => yaml_strings(&t.value, out),
        _ => {}
    }
}

/// The YAML document with every string scalar that is a value (not a key)
/// blanked, and mapping keys kept.
fn yaml_skeleton(v: &serde_yaml::Value) -> serde_yaml::Value {
    match v {
        serde_yaml::Value::String(_) => serde_yaml::Value::String(String::new()),
        serde_yaml::Value::Sequence(items) => serde_yaml::Value::Sequence(items.iter().map(yaml_skeleton).collect()),
        serde_yaml::Value::Mapping(map) => {
            serde_yaml::Value::Mapping(map.iter().map(|(k, v)| (k.clone(), yaml_skeleton(v))).collect())
        }
        other => other.clone(),
    }
}

fn check(model: &Model) -> Result<(), TestCaseError> {
    let hostile = outputs(model);
    let plain = outputs(&tame(model));

    for (name, text) in [("Rust", &hostile.rust), ("TypeScript", &hostile.ts), ("OpenAPI", &hostile.yaml)] {
        let bidi: Vec<char> = text.chars().filter(|c| BIDI.contains(c)).collect();
        prop_assert!(bidi.is_empty(), "{} output holds raw bidi controls {:?}", name, bidi);
    }

    // 1. Literals decode to the spec's text.
    let rust: BTreeSet<String> = rust_strings(&hostile.rust).into_iter().collect();
    let ts: BTreeSet<String> = ts_strings(&hostile.ts).into_iter().collect();
    let mut yaml = Vec::new();
    yaml_strings(&yaml_value(&hostile.yaml), &mut yaml);
    let yaml: BTreeSet<String> = yaml.into_iter().collect();
    for c in &model.codes {
        for text in [&c.code, &c.message, &c.description] {
            prop_assert!(rust.contains(text), "Rust has no literal for {:?} (code {:?})", text, c.code);
        }
        for text in [&c.code, &c.message, &c.description, &c.group] {
            prop_assert!(ts.contains(text), "TypeScript has no literal for {:?} (code {:?})", text, c.code);
        }
        prop_assert!(yaml.contains(&c.code), "OpenAPI has no string {:?}", c.code);
        prop_assert!(
            c.description.is_empty() || yaml.contains(&c.description),
            "OpenAPI has no string {:?}",
            c.description
        );
    }
    for s in &model.statuses {
        prop_assert!(ts.contains(&s.description), "TypeScript has no literal for {:?}", s.description);
    }

    // 2. Spec text cannot change the code around it.
    if let Some(d) = first_difference(&rust_skeleton(&hostile.rust), &rust_skeleton(&plain.rust)) {
        return Err(TestCaseError::fail(format!("Rust token structure changed at {d}")));
    }
    if let Some(d) = first_difference(&ts_skeleton(&hostile.ts), &ts_skeleton(&plain.ts)) {
        return Err(TestCaseError::fail(format!("TypeScript token structure changed at {d}")));
    }
    prop_assert_eq!(
        yaml_skeleton(&yaml_value(&hostile.yaml)),
        yaml_skeleton(&yaml_value(&plain.yaml)),
        "YAML structure changed"
    );
    Ok(())
}

proptest! {
    // 64 cases by default (each renders three files twice);
    // `PROPTEST_CASES=2000` for a longer search.
    #![proptest_config(ProptestConfig {
        cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(64),
        ..ProptestConfig::default()
    })]

    #[test]
    fn emitted_literals_decode_and_text_never_escapes(model in model()) {
        check(&model)?;
    }

    /// The Rust layout contract (`common/layout.rs`) holds for random
    /// models, and for the model v2 shapes made from them: codes without a
    /// status, codes with alternative rows, no codes, no statuses.
    #[test]
    fn rust_layout_holds_for_every_shape(model in model()) {
        for (shape, model) in v2_shapes(&model) {
            let config = errgen::Config::new().serde(true).http(true).clone();
            match config.generate(&model) {
                Ok(rust) => layout::check(shape, &rust),
                // A hand-made alternative may name a parameter `message`,
                // which such a code's variant keeps for itself.
                Err(e) => prop_assert!(shape == "alternatives" && e.to_string().contains("field"), "{shape}: {e}"),
            }
        }
    }
}

/// `model` as generated, and changed by hand into the shapes lowering does
/// not produce yet.
fn v2_shapes(model: &Model) -> Vec<(&'static str, Model)> {
    let mut no_status = model.clone();
    for code in no_status.codes.iter_mut().step_by(2) {
        code.http_status = None;
    }
    let mut alternatives = model.clone();
    let messages: Vec<String> = model.codes.iter().map(|c| c.message.clone()).collect();
    for (i, code) in alternatives.codes.iter_mut().enumerate() {
        let other = &messages[(i + 1) % messages.len()];
        code.alternatives.push(errgen::model::Alternative {
            http_status: Some(599 - u16::try_from(i % 100).unwrap_or(0)),
            message: other.clone(),
            description: String::new(),
            source: code.source.clone(),
        });
    }
    let mut status_only = model.clone();
    status_only.codes.clear();
    let mut codes_only = model.clone();
    codes_only.statuses.clear();
    let mut shapes = vec![("plain", model.clone()), ("no_status", no_status), ("alternatives", alternatives)];
    if !status_only.statuses.is_empty() {
        shapes.push(("status_only", status_only));
    }
    shapes.push(("codes_only", codes_only));
    shapes
}

/// The checker itself notices a broken escaper: a hand-made breakout in
/// each language is caught.
#[test]
fn the_checks_catch_breakouts() {
    assert_ne!(ts_skeleton("/** a */ x */ const a = 1;"), ts_skeleton("/** a */ const a = 1;"));
    assert_ne!(ts_skeleton("// a\u{2028}evil();\nconst a = 1;"), ts_skeleton("// a\nconst a = 1;"));
    assert_eq!(ts_strings(r#"const a = "q\"\u202E";"#), vec!["q\"\u{202E}".to_owned()]);
    assert_ne!(rust_skeleton("/// a\nfn f() {}"), rust_skeleton("fn f() {} fn g() {}"));
    assert_eq!(rust_skeleton("#[doc = \"a\"] fn f() { \"b\"; }"), rust_skeleton("fn f() { \"c\"; }"));
    assert_eq!(rust_strings("const A: &str = r#\"x\"y\"#;"), vec!["x\"y".to_owned()]);
}
