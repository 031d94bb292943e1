//! proptest strategies for hostile models: text with every kind of
//! breaker, arbitrary wire codes, and models the parser could produce.

#![allow(dead_code)]

use std::collections::BTreeMap;

use errgen::model::{BodyFormat, Code, Model, Source, Status, MODEL_VERSION};
use proptest::prelude::*;

use super::mdwriter::{self, normalize};

/// Text pieces that break comments, strings, templates, tables, YAML,
/// HTML or terminals, plus arbitrary characters.
pub fn text() -> impl Strategy<Value = String> {
    let token = prop_oneof![
        Just("\""), Just("'"), Just("\\"), Just("*/"), Just("/*"), Just("//"), Just("${"), Just("{{"),
        Just("}}"), Just("{{Error Message}}"), Just("{{ x }}"), Just("{"), Just("}"), Just("|"), Just("\n"),
        Just("\r\n"), Just("\r"), Just("\t"), Just(" "), Just("  "), Just("\u{202E}"), Just("\u{2066}"),
        Just("\u{200B}"), Just("\u{200F}"), Just("\0"), Just("😀"), Just("\u{1D54F}"), Just("`"), Just("```"),
        Just("<br>"), Just("&amp;"), Just("&#0;"), Just("<!--"), Just("-->"), Just("#"), Just("\u{2028}"),
        Just("\u{85}"), Just("\u{A0}"), Just("\u{FEFF}"), Just("</script>"), Just(": "), Just("- "),
        Just("*"), Just("_"), Just("["), Just("](x)"), Just("오류"), Just("\u{1F}"), Just("\u{7F}"),
        Just("r#\""), Just("\"#"), Just("'''"), Just("&"), Just("<"), Just(">"), Just("!"),
    ];
    let piece = prop_oneof![
        3 => token.prop_map(str::to_owned),
        2 => any::<char>().prop_map(String::from),
        2 => "[a-z ]{1,6}".prop_map(|s: String| s),
    ];
    prop::collection::vec(piece, 0..10).prop_map(|v| v.concat())
}

/// Normalized text (what a cell can hold).
pub fn cell() -> impl Strategy<Value = String> {
    text().prop_map(|t| normalize(&t))
}

/// A message template whose placeholders are all valid.
pub fn message() -> impl Strategy<Value = String> {
    cell().prop_map(|m| if mdwriter::params_of(&m).is_some() { m } else { m.replace('}', ")") })
}

pub const KEYWORDS: &[&str] = &[
    "Self", "self", "super", "crate", "type", "fn", "async", "await", "dyn", "r#type", "Option", "Some",
    "None", "Result", "Ok", "Err", "String", "Vec", "Box", "Default", "Drop", "Fn", "Unknown", "ErrorCode",
    "Error", "class", "function", "delete", "void", "typeof", "instanceof", "enum", "interface", "null",
    "undefined", "NaN", "Infinity", "constructor", "__proto__", "prototype", "toString", "Object", "Array",
    "Promise", "Symbol", "eval", "arguments", "let", "yield", "true", "false", "package", "abstract",
];

/// A wire code: no white space or control characters, otherwise anything.
pub fn code_name() -> impl Strategy<Value = String> {
    let any_code = prop::collection::vec(
        any::<char>().prop_filter("no white space or control", |c| !c.is_whitespace() && !c.is_control()),
        1..8,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    prop_oneof![
        3 => "[A-Z][A-Z0-9_]{0,10}".prop_map(|s: String| s),
        1 => "[0-9]{1,6}".prop_map(|s: String| s),
        1 => "[가-힣]{1,4}".prop_map(|s: String| s),
        2 => prop::sample::select(KEYWORDS).prop_map(str::to_owned),
        1 => "[a-z]{1,5}[-.:/=][A-Za-z]{1,5}".prop_map(|s: String| s),
        3 => any_code,
    ]
}

fn status_number() -> impl Strategy<Value = u16> {
    // 2xx rows are success rows, not error statuses.
    prop_oneof![prop::sample::select(&[400u16, 401, 403, 404, 406, 409, 429, 500, 503][..]), 100u16..=199, 300u16..=599]
}

fn source() -> Source {
    Source { file: String::new(), line: 0, column: 0 }
}

#[derive(Debug, Clone)]
struct CodeDraft {
    code: String,
    rename: bool,
    message: String,
    description: String,
    group: String,
    status: u16,
    retryable: bool,
    extra: Vec<(String, String)>,
}

fn code_draft() -> impl Strategy<Value = CodeDraft> {
    (
        code_name(),
        prop::bool::weighted(0.15),
        message(),
        cell(),
        prop_oneof![Just(String::new()), Just("Retryable".to_owned()), cell()],
        status_number(),
        any::<bool>(),
        prop::collection::vec((cell(), cell()), 0..3),
    )
        .prop_map(|(code, rename, message, description, group, status, retryable, extra)| CodeDraft {
            code,
            rename,
            message,
            description,
            group,
            status,
            retryable,
            extra,
        })
}

fn status_draft() -> impl Strategy<Value = (u16, Option<String>, String, bool, bool)> {
    (
        status_number(),
        prop::option::of(prop_oneof!["[A-Z][A-Z0-9_]{0,10}".prop_map(|s: String| s), code_name()]),
        cell(),
        any::<bool>(),
        any::<bool>(),
    )
}

fn body() -> impl Strategy<Value = BodyFormat> {
    let field = |word: &'static str| {
        prop_oneof![
            Just(word.to_owned()),
            (text(), text()).prop_map(move |(a, b)| format!("{a}{word}{b}")),
        ]
    };
    (field("code"), prop_oneof![field("message"), field("msg")])
        .prop_filter("field names the parser tells apart", |(c, m)| {
            let (c, m) = (c.to_lowercase(), m.to_lowercase());
            c.contains("code") && !c.contains("message") && !c.contains("msg") && !m.contains("code")
        })
        .prop_map(|(code_field, message_field)| BodyFormat { code_field, message_field })
}

/// Builds a model the parser could have produced from the drafts: unique
/// codes, identifiers and status names; group-level settings shared by
/// neighbouring codes only where the writer groups them.
pub fn model() -> impl Strategy<Value = Model> {
    (prop::collection::vec(status_draft(), 0..4), prop::collection::vec(code_draft(), 1..8), body()).prop_map(
        |(status_drafts, code_drafts, body)| {
            let mut statuses: BTreeMap<u16, Status> = BTreeMap::new();
            for (status, name, description, retryable, has_error_body) in status_drafts {
                let name = match name {
                    Some(n) if errgen::ident::code_ident(&n).is_some() => n,
                    _ => match mdwriter::errgen_reason(status) {
                        Some(r) => r.to_owned(),
                        None => format!("STATUS_{status}"),
                    },
                };
                if statuses.contains_key(&status) || statuses.values().any(|s| s.name == name) {
                    continue;
                }
                statuses.insert(status, Status { status, name, description, retryable, has_error_body, source: source() });
            }
            let mut codes: Vec<Code> = Vec::new();
            for (i, d) in code_drafts.into_iter().enumerate() {
                let ident = match errgen::ident::code_ident(&d.code) {
                    Some(id) if !d.rename => id,
                    _ => format!("Named{i}"),
                };
                if codes.iter().any(|c| c.code == d.code || c.ident == ident) {
                    continue;
                }
                let extra: BTreeMap<String, String> =
                    d.extra.into_iter().filter(|(k, _)| !mdwriter::reserved_column(k)).collect();
                let params = mdwriter::params_of(&d.message).expect("message() gives valid templates");
                codes.push(Code {
                    code: d.code,
                    ident,
                    http_status: Some(d.status),
                    retryable: d.retryable,
                    message: d.message,
                    params,
                    description: d.description,
                    group: d.group,
                    extra,
                    source: source(),
                    alternatives: Vec::new(),
                });
            }
            Model { version: MODEL_VERSION, statuses: statuses.into_values().collect(), codes, body }
        },
    )
}


/// A model that errgen's forms outside tables can carry
/// ([`mdwriter::write_outside`]): codes of one code-like shape (two or
/// more, so the shape repeats), one-line messages without digits (a digit
/// could state a status), groups of plain words, and no description,
/// extra or alternatives.
pub fn outside_model() -> impl Strategy<Value = Model> {
    let word = "[A-Za-z\u{e0}-\u{ff}\u{4e00}-\u{4e20}]{1,8}";
    let message = prop::collection::vec(prop_oneof![4 => word.prop_map(|s: String| s), 1 => Just("{{Detail Text}}".to_owned()), 1 => Just("(x),".to_owned()), 1 => Just("a.b;".to_owned())], 1..6)
        .prop_map(|w| w.join(" "));
    let group = "[A-Z][a-z]{2,8}( [a-z]{2,8}){0,2}";
    let status = prop_oneof![1 => Just(None), 3 => prop::sample::select(vec![400u16, 401, 403, 404, 409, 422, 429, 500, 503]).prop_map(Some)];
    let shape = prop_oneof![Just(false), Just(true)];
    (shape, prop::collection::vec((message, group, status, any::<bool>()), 2..7)).prop_map(|(numeric, drafts)| {
        let codes = drafts
            .into_iter()
            .enumerate()
            .map(|(i, (message, group, http_status, retryable))| {
                let code = if numeric { format!("-{}", 1000 + i * 7) } else { format!("E_{}", ["QUOTA", "LIMIT", "GONE", "BAD_INPUT", "DENIED", "BUSY", "LATE"][i % 7]) };
                let ident = errgen::ident::code_ident(&code).expect("code-like codes have identifiers");
                let params = mdwriter::params_of(&message).expect("valid placeholders");
                Code {
                    code,
                    ident,
                    http_status,
                    retryable,
                    message,
                    params,
                    description: String::new(),
                    group,
                    extra: BTreeMap::new(),
                    source: source(),
                    alternatives: Vec::new(),
                }
            })
            .collect();
        Model { version: MODEL_VERSION, statuses: Vec::new(), codes, body: BodyFormat::default() }
    })
}
