//! Specs of many codes of one shape: the input is read as a description
//! of a model (a code shape such as `ERR_{i:03}`, how many codes, up to
//! 2,047; tables with their headings, statuses and extra columns; the
//! texts), the model is written as Markdown by the property tests' writer
//! (`codegen/tests/support/mdwriter.rs`), and the Markdown goes through
//! the whole pipeline. Byte-level fuzzing (`pipeline`) rarely grows inputs
//! past its seeds; this reaches the sizes where the perfect hash and the
//! per-table work matter.
//!
//! Beyond `check.rs`: a model, when there is one, holds every code written
//! in tables (none vanishes), and past 128 codes `from_wire` is the
//! perfect hash. The same models are also written in the forms read
//! outside tables (a heading per code, bold leads, lists, HTML tables).
//!
//! Run from the repository root (README, "Fuzzing"):
//!     cargo +nightly fuzz run -s none structured fuzz/corpus/structured -- -max_len=4096 -len_control=0
#![no_main]

use std::collections::{BTreeMap, BTreeSet};

use arbitrary::Arbitrary;
use errgen::model::{BodyFormat, Code, Model, Source, Status, MODEL_VERSION};
use libfuzzer_sys::fuzz_target;

mod check;
#[path = "../../codegen/tests/common/layout.rs"]
mod layout;
#[path = "../../codegen/tests/support/mdwriter.rs"]
mod mdwriter;

#[derive(Arbitrary, Debug)]
enum Shape {
    Sequential { prefix: String, suffix: String, width: u8, start: u32 },
    LastBytes { stem: String, k: u8 },
    Dotted { a: String, b: String, c: String, m: u8 },
    Kebab { a: String },
    Free(Vec<String>),
}

#[derive(Arbitrary, Debug)]
struct TableIn {
    group: String,
    status: u8,
    retryable: bool,
    extra: Vec<String>,
}

#[derive(Arbitrary, Debug)]
struct Input {
    shape: Shape,
    count: u16,
    tables: Vec<TableIn>,
    statuses: Vec<(u8, bool, bool, String)>,
    texts: Vec<String>,
    /// How the codes are written: Markdown tables, or one of the forms
    /// read outside tables (a heading per code, bold leads, list items, a
    /// raw HTML table).
    form: u8,
}

const STATUSES: [u16; 9] = [400, 401, 403, 404, 406, 409, 429, 500, 503];

fn short(s: &str, max: usize) -> String {
    s.chars().take(max).collect()
}

/// The wire codes of the shape, trimmed as the parser trims cells,
/// non-empty, distinct and within the writer's limits.
fn codes(shape: &Shape, n: usize) -> Vec<String> {
    let raw: Vec<String> = match shape {
        Shape::Sequential { prefix, suffix, width, start } => {
            let (prefix, suffix, width) = (short(prefix, 40), short(suffix, 12), usize::from(width % 9));
            (0..n).map(|i| format!("{prefix}{:0width$}{suffix}", u64::from(*start) + i as u64)).collect()
        }
        Shape::LastBytes { stem, k } => {
            let stem = short(stem, 20);
            let k = usize::from(k % 7) + 1;
            (0..n)
                .map(|i| {
                    let mut code = stem.clone();
                    let mut rest = i;
                    for _ in 0..k {
                        code.push(char::from(b'A' + (rest % 26) as u8));
                        rest /= 26;
                    }
                    code
                })
                .collect()
        }
        Shape::Dotted { a, b, c, m } => {
            let m = usize::from(*m).max(1);
            let (a, b, c) = (short(a, 12), short(b, 12), short(c, 12));
            (0..n).map(|i| format!("{a}{}.{b}{}.{c}", i % m, i / m)).collect()
        }
        Shape::Kebab { a } => {
            let a = short(a, 20);
            (0..n).map(|i| format!("{a}-{i}")).collect()
        }
        Shape::Free(codes) => codes.iter().take(n).map(|c| short(c, 40)).collect(),
    };
    let mut seen = BTreeSet::new();
    raw.into_iter()
        .map(|c| mdwriter::normalize(&c))
        .filter(|c| !c.is_empty() && writable(c) && seen.insert(c.clone()))
        .collect()
}

/// The writer's limit (`mdwriter.rs`): a code without an identifier of its
/// own is named by an `ident.CODE=Name` directive, which cannot hold white
/// space or `-->`. And a code that reads as a range of codes (`1000-1999`,
/// README, "Parsing rules" 9) is a row errgen skips with a
/// warning.
fn writable(code: &str) -> bool {
    (errgen::ident::code_ident(code).is_some() || !(code.contains(char::is_whitespace) || code.contains("-->")))
        && !reads_as_range(code)
}

/// Two runs of digits around `~`, `..`, an en or em dash, ` to ` or `-`.
fn reads_as_range(code: &str) -> bool {
    let digits = |s: &str| !s.trim().is_empty() && s.trim().bytes().all(|b| b.is_ascii_digit());
    ["~", "..", "\u{2013}", "\u{2014}", " to ", "-"]
        .iter()
        .any(|sep| code.trim().split_once(sep).is_some_and(|(a, b)| digits(a) && digits(b)))
}

fn source() -> Source {
    Source { file: String::new(), line: 0, column: 0 }
}

fn model(input: &Input) -> Option<Model> {
    let codes = codes(&input.shape, usize::from(input.count % 2048) + 1);
    if codes.is_empty() {
        return None;
    }
    let one = [TableIn { group: "Errors".to_owned(), status: 7, retryable: false, extra: Vec::new() }];
    let tables = if input.tables.is_empty() { &one[..] } else { &input.tables[..input.tables.len().min(8)] };
    let text = |i: usize| input.texts.get(i % input.texts.len().max(1)).map_or(String::new(), |t| mdwriter::normalize(&short(t, 60)));
    let mut model_codes = Vec::with_capacity(codes.len());
    for (i, code) in codes.into_iter().enumerate() {
        let t = &tables[i % tables.len()];
        let mut extra = BTreeMap::new();
        for key in t.extra.iter().take(3) {
            let key = mdwriter::normalize(&short(key, 20));
            if !key.is_empty() && !mdwriter::reserved_column(&key) {
                extra.insert(key, text(i + 7));
            }
        }
        let ident = errgen::ident::code_ident(&code).unwrap_or_else(|| format!("Code{i}"));
        model_codes.push(Code {
            code,
            ident,
            http_status: Some(STATUSES[usize::from(t.status) % STATUSES.len()]),
            retryable: t.retryable,
            message: text(i),
            params: Vec::new(),
            description: text(i + 3),
            group: mdwriter::normalize(&short(&t.group, 30)),
            extra,
            source: source(),
            alternatives: Vec::new(),
        });
    }
    // Codes of one table stand together (the writer starts a table when a
    // code's table differs from the one before).
    model_codes.sort_by_key(|c| (c.group.clone(), c.http_status, c.retryable, c.extra.keys().cloned().collect::<Vec<_>>()));
    let mut numbers = BTreeSet::new();
    let statuses = input
        .statuses
        .iter()
        .take(9)
        .filter_map(|(s, retryable, body, description)| {
            let status = STATUSES[usize::from(*s) % STATUSES.len()];
            numbers.insert(status).then(|| Status {
                status,
                name: mdwriter::errgen_reason(status).unwrap_or("ERROR").to_owned(),
                description: mdwriter::normalize(&short(description, 40)),
                retryable: *retryable,
                has_error_body: *body,
                source: source(),
            })
        })
        .collect();
    Some(Model { version: MODEL_VERSION, statuses, codes: model_codes, body: BodyFormat::default() })
}

fuzz_target!(|input: Input| {
    let Some(written) = model(&input) else { return };
    let form = match input.form % 5 {
        1 => Some(mdwriter::Form::Heading),
        2 => Some(mdwriter::Form::Bold),
        3 => Some(mdwriter::Form::List),
        4 => Some(mdwriter::Form::Html),
        _ => None,
    };
    let (markdown, _) = match form {
        Some(f) => mdwriter::write_outside(&written, "spec/a.md", f),
        None => mdwriter::write(&written, "spec/a.md"),
    };
    let (model, diagnostics) = errgen::from_sources(vec![("spec/a.md".to_owned(), markdown)]);
    let Some(model) = check::diagnostics(model, &diagnostics) else { return };
    let read: BTreeSet<&str> = model.codes.iter().map(|c| c.code.as_str()).collect();
    // Outside tables, a code needs a code-like shape: only tables hold
    // every code written.
    for c in written.codes.iter().filter(|_| form.is_none()) {
        assert!(read.contains(c.code.as_str()), "code {:?} was written but is not in the model", c.code);
    }
    if let Some(rust) = check::outputs(&model) {
        assert_eq!(rust.contains("const WIRE_SLOTS: "), model.codes.len() > 128, "the perfect hash serves past 128 codes");
    }
});
