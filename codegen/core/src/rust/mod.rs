//! The Rust emitter: a [`Model`] in, one Rust file out, written as text in
//! a layout of its own (`writer`), or formatted by prettyplease on request
//! (feature `format`).
//!
//! The file is a list of items with no inner attributes, so that a crate can
//! `include!` it inside any module. Every path into std, serde and http is
//! absolute, so items of the including module cannot capture it. Lookups are
//! table driven: per-code facts live in arrays indexed by the enum's
//! discriminant, and wire codes are found through a `match` for a few codes
//! and a perfect hash emitted as plain tables beyond (`phash`; a `match` on
//! thousands of strings is slow to compile and to run). Tables are
//! `&'static` arrays, so indexing one never copies it, even unoptimised.
//!
//! One function writes each generated item: `code` the code enum and the
//! unknown-code error, `error` the error enum and the wire body, `status`
//! the status enum and the retry outcome. What they state about the model
//! comes from `crate::facts`, as the TypeScript and `OpenAPI` outputs'.
//!
//! The shape follows the model:
//!
//! - Where every code has an HTTP status, `ErrorCode::http_status` is a
//!   `const fn` returning `u16`; where some code has none, it returns
//!   `Option<u16>` (`None`: the code travels in the body only), and so do
//!   the `http` accessors. No status is ever invented.
//! - A code documented in several rows (alternatives) keeps all of them:
//!   `ErrorCode::http_statuses` (emitted when some code has more than one
//!   status) lists every status, the first row's first; `ErrorCode::messages`
//!   (emitted when some code has more than one template) lists every
//!   template. A body's message is parsed against each template of its code
//!   in turn; the variant of such a code has the parameters of all its
//!   templates as fields (empty where the matched template lacks one) and
//!   keeps the received `message`, which `Display` writes back.
//! - A spec with no codes (only a status table) gets the status enum and an
//!   `Outcome::from_status`, and no code, error or body types; a spec with
//!   no status table gets no status enum, and `Outcome` has no `status`.

mod code;
mod doc;
mod error;
mod phash;
mod status;
mod writer;

use rustc_hash::FxHashSet;

use crate::facts::{CodeFacts, Facts};
use crate::ident;
use crate::model::{Model, Status};
use writer::Writer;

/// The names of the six generated types.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct TypeNames {
    pub code: String,
    pub error: String,
    pub status: String,
    pub body: String,
    pub unknown: String,
    pub outcome: String,
}

impl Default for TypeNames {
    fn default() -> Self {
        TypeNames {
            code: "ErrorCode".to_owned(),
            error: "Error".to_owned(),
            status: "HttpStatus".to_owned(),
            body: "ErrorBody".to_owned(),
            unknown: "UnknownErrorCode".to_owned(),
            outcome: "Outcome".to_owned(),
        }
    }
}

impl TypeNames {
    fn all(&self) -> [&String; 6] {
        [&self.code, &self.error, &self.status, &self.body, &self.unknown, &self.outcome]
    }
}

/// What the emitter needs from errgen's `Config`.
#[derive(Debug, Clone)]
#[allow(clippy::struct_excessive_bools)] // one switch per option of `Config`
pub struct Settings {
    pub serde: bool,
    pub http: bool,
    pub axum: bool,
    pub format: bool,
    pub header: String,
    pub names: TypeNames,
}

/// Variant names the emitter adds to the error type itself; codes whose
/// identifier is one of them get a trailing underscore in both enums.
const RESERVED_VARIANTS: &[&str] = &["Unknown", "Unmatched"];

/// What every part of the file is written from.
struct Input<'a> {
    model: &'a Model,
    facts: &'a Facts<'a>,
    codes: &'a [Variant<'a>],
    statuses: &'a [(&'a Status, String)],
    settings: &'a Settings,
}

/// The generated file, or a sentence saying why there is none.
pub fn generate(model: &Model, settings: &Settings) -> Result<String, String> {
    let text = prepared(model, settings, |input| {
        // Reserved up front, so that the file is not copied as it grows:
        // each code's texts appear a few times, with a few hundred bytes
        // around them.
        let size: usize =
            model.codes.iter().map(|c| 4 * c.code.len() + 3 * c.message.len() + 2 * c.description.len() + 700).sum();
        let mut w = Writer::new(&settings.names, size + 32 * 1024);
        write_items(&mut w, input);
        w.out
    })?;
    if settings.format {
        return format(&text);
    }
    Ok(text)
}

/// [`generate`] written into `sink` as it is generated, so that the file
/// is never held whole (but with `format`, which needs it whole). The
/// outer error is why there is no file (nothing is written then); the
/// inner one is the sink's.
pub fn generate_into(model: &Model, settings: &Settings, sink: &mut dyn std::io::Write) -> Result<std::io::Result<()>, String> {
    if settings.format {
        return generate(model, settings).map(|text| sink.write_all(text.as_bytes()));
    }
    prepared(model, settings, |input| {
        let mut w = Writer::streaming(&settings.names, sink);
        write_items(&mut w, input);
        w.finish()
    })
}

/// Checks the settings and the model, then hands what the items are
/// written from to `write`.
fn prepared<R>(model: &Model, settings: &Settings, write: impl FnOnce(&Input<'_>) -> R) -> Result<R, String> {
    check_names(&settings.names)?;
    if settings.axum && !settings.serde && !model.codes.is_empty() {
        return Err("the axum option sends the error body as JSON, which needs the serde option too: \
                    add `.serde(true)` to the `errgen::Config` (or `--serde` to `errgen generate --rust`)"
            .to_owned());
    }
    if model.codes.is_empty() && model.statuses.is_empty() {
        return Err("the spec defines neither error codes nor HTTP statuses".to_owned());
    }
    let facts = Facts::new(model);
    let codes = variants(&facts)?;
    let statuses = status_variants(&model.statuses);
    let input = Input { model, facts: &facts, codes: &codes, statuses: &statuses, settings };
    Ok(write(&input))
}

/// The file's header and items, in order.
fn write_items(w: &mut Writer<'_>, input: &Input<'_>) {
    for line in input.settings.header.lines() {
        w.out.push_str("// ");
        w.out.extend(line.chars().filter(|&c| !doc::is_dropped(c)));
        w.out.push('\n');
    }
    if !input.codes.is_empty() {
        code::code_enum(w, input);
        code::unknown_type(w);
        error::error_enum(w, input);
        error::body_type(w, input);
    }
    if !input.statuses.is_empty() {
        status::status_enum(w, input);
    }
    status::outcome_type(w, input);
}

/// The file as prettyplease prints it, its header comment kept.
#[cfg(feature = "format")]
fn format(text: &str) -> Result<String, String> {
    let file = syn::parse_file(text).map_err(|e| format!("internal error: generated Rust does not parse: {e}"))?;
    let header: String = text.lines().take_while(|l| l.starts_with("//")).flat_map(|l| [l, "\n"]).collect();
    Ok(header + "\n" + &prettyplease::unparse(&file))
}

#[cfg(not(feature = "format"))]
fn format(_: &str) -> Result<String, String> {
    Err("formatting the Rust file needs errgen's feature `format`".to_owned())
}

fn check_names(names: &TypeNames) -> Result<(), String> {
    let all = names.all();
    for (i, name) in all.iter().enumerate() {
        if !ident::is_rust_type_name(name) {
            return Err(format!("`{name}` cannot name a generated type: use an UpperCamelCase ASCII identifier"));
        }
        if all[..i].contains(name) {
            return Err(format!("two generated types are both named `{name}`: give each its own name"));
        }
    }
    Ok(())
}

/// One code's Rust names (`r#` for raw identifiers).
struct Variant<'a> {
    facts: &'a CodeFacts<'a>,
    ident: String,
    /// One per parameter of any of its templates.
    fields: Vec<String>,
}

impl Variant<'_> {
    /// Whether the code has several templates, and so its variant keeps
    /// the message it was parsed from.
    fn keeps_message(&self) -> bool {
        self.facts.templates.len() > 1
    }

    /// Whether its variant has fields.
    fn has_fields(&self) -> bool {
        !self.fields.is_empty() || self.keeps_message()
    }
}

fn variants<'a>(facts: &'a Facts<'a>) -> Result<Vec<Variant<'a>>, String> {
    // The variants so far by name: no copy of each name to key a map.
    let mut by_name = crate::lower::KeyIndex::default();
    let mut out: Vec<Variant<'a>> = Vec::with_capacity(facts.codes.len());
    for code_facts in &facts.codes {
        let code = code_facts.code;
        let name = ident::rust_variant(&code.ident, RESERVED_VARIANTS);
        if !ident::is_ascii_ident(name.trim_end_matches('_')) {
            return Err(format!("{}: code `{}` has identifier `{}`, which Rust cannot use", code.source, code.code, code.ident));
        }
        if let Some(first) = by_name.find(&name, |i| out[i].ident.as_str()).map(|i| out[i].facts.code) {
            return Err(format!(
                "{}: codes `{}` ({}) and `{}` both become the Rust variant `{name}`: name one with an `ident.CODE=Name` directive",
                code.source,
                first.code,
                first.source,
                code.code
            ));
        }
        // A code has a few fields: a clash is a search of those before (a
        // set only for a message with many placeholders, which stays linear).
        let keeps_message = code_facts.templates.len() > 1;
        let mut fields: Vec<String> = Vec::with_capacity(code_facts.params.len());
        let mut many = (code_facts.params.len() > 16).then(FxHashSet::default);
        for param in code_facts.params.iter() {
            let field = ident::rust_field(&param.name);
            let clash = match many.as_mut() {
                Some(set) => !set.insert(field.clone()),
                None => fields.contains(&field),
            };
            if (keeps_message && field == "message") || clash {
                return Err(format!(
                    "{}: code `{}` has two parameters that become the field `{field}` (a code with several messages keeps one called `message`)",
                    code.source,
                    code.code
                ));
            }
            fields.push(field);
        }
        by_name.insert(&name, out.len());
        out.push(Variant { facts: code_facts, ident: name, fields });
    }
    Ok(out)
}

/// Status variants: the status name in `UpperCamelCase`, or `StatusNNN` where
/// that is no identifier or is taken.
fn status_variants(statuses: &[Status]) -> Vec<(&Status, String)> {
    let mut seen = FxHashSet::default();
    statuses
        .iter()
        .map(|s| {
            let named = ident::code_ident(&s.name).map(|i| ident::rust_variant(&i, &[]));
            let name = match named {
                Some(name) if !seen.contains(&name) => name,
                _ => format!("Status{}", s.status),
            };
            seen.insert(name.clone());
            (s, name)
        })
        .collect()
}

fn yes_no(retryable: bool) -> &'static str {
    if retryable {
        "retryable"
    } else {
        "not retryable"
    }
}

/// `HTTP status 409, not retryable.`, for every status a code has.
#[cfg(test)]
fn status_line(code: &CodeFacts<'_>) -> String {
    let mut line = String::new();
    push_status_line(&mut line, code);
    line
}

/// [`status_line`], appended to `line`.
fn push_status_line(line: &mut String, code: &CodeFacts<'_>) {
    match &*code.statuses {
        [] => line.push_str("No documented HTTP status"),
        [one] => {
            line.push_str("HTTP status ");
            writer::push_int(line, *one);
        }
        [first @ .., last] => {
            line.push_str("HTTP status ");
            for (i, &s) in first.iter().enumerate() {
                if i > 0 {
                    line.push_str(", ");
                }
                writer::push_int(line, s);
            }
            line.push_str(" or ");
            writer::push_int(line, *last);
        }
    }
    line.push_str(", ");
    line.push_str(yes_no(code.code.retryable));
    line.push('.');
}

/// The derives of the two fieldless enums, open, without `Debug` (the code
/// enum's is written by hand; the status enum adds [`DEBUG_DERIVE`]).
const COPY_DERIVES: &str = "#[derive(
    ::core::clone::Clone,
    ::core::marker::Copy,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
    ::core::cmp::PartialOrd,
    ::core::cmp::Ord,
    ::core::hash::Hash,
";

/// The derives of the body and outcome types, which hold strings, open,
/// without `Debug` (they add [`DEBUG_DERIVE`]; the error enum derives only
/// `Clone` and writes the others by hand).
const VALUE_DERIVES: &str = "#[derive(
    ::core::clone::Clone,
    ::core::cmp::PartialEq,
    ::core::cmp::Eq,
    ::core::hash::Hash,
";

/// `Debug`, a line of the derive lists above.
const DEBUG_DERIVE: &str = "    ::core::fmt::Debug,\n";

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        let header = "@generated by errgen generate. DO NOT EDIT.".to_owned();
        Settings { serde: false, http: false, axum: false, format: false, header, names: TypeNames::default() }
    }

    fn model(rows: &str) -> Model {
        let spec = format!("# Errors\n\n{rows}");
        let (model, diagnostics) = crate::testing::from_sources(vec![("e.md".to_owned(), spec)]);
        model.unwrap_or_else(|| panic!("{diagnostics:#?}"))
    }

    #[test]
    fn a_code_named_like_an_added_variant_is_renamed_and_a_clash_is_located() {
        let ok = model("<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n| UNKNOWN | u |\n");
        let text = generate(&ok, &settings()).unwrap();
        assert!(text.contains("    Unknown_,\n") && text.contains("    Unknown {\n"), "{text}");

        // `ident.` directives may name anything, including the renamed form.
        let clash = model(
            "<!-- errgen: status=500 ident.OTHER=Unknown_ -->\n\n| code | message |\n| --- | --- |\n| UNKNOWN | u |\n| OTHER | o |\n",
        );
        let err = generate(&clash, &settings()).unwrap_err();
        assert!(err.starts_with("e.md:8:"), "{err}");
        assert!(err.contains("`UNKNOWN` (e.md:7:") && err.contains("`Unknown_`"), "{err}");
    }

    #[test]
    fn a_parameter_that_becomes_the_kept_message_field_is_located_with_few_and_many_placeholders() {
        // A code with several messages keeps a field `message`: a parameter
        // of that name clashes, found by a search among a few fields and by
        // the set a long message uses.
        let table = |first: &str| {
            format!("<!-- errgen: status=400 -->\n\n| code | message |\n| --- | --- |\n| BAD | {first} |\n| BAD | other |\n")
        };
        let many = (0..20).map(|i| format!("{{{{p{i}}}}} ")).collect::<Vec<_>>().concat();
        for first in ["{{message}}".to_owned(), format!("{many}{{{{message}}}}")] {
            let err = generate(&model(&table(&first)), &settings()).unwrap_err();
            assert!(err.starts_with("e.md:7:") && err.contains("`BAD`") && err.contains("field `message`"), "{err}");
        }
        // Twenty distinct parameters, in both forms, are fine.
        for first in [many.clone(), format!("{many}{{{{other}}}}")] {
            assert!(generate(&model(&table(&first)), &settings()).is_ok(), "{first}");
        }
    }

    #[test]
    fn lookups_are_a_match_for_a_few_codes_and_tables_beyond() {
        let text = generate(&model("<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n| B | b |\n| A | a |\n"), &settings()).unwrap();
        assert!(text.contains("            \"A\" => ErrorCode::A,\n"), "{text}");
        let rows = (0..=code::MATCH_MAX).fold(String::new(), |rows, i| rows + "| C" + &i.to_string() + " | c |\n");
        let text = generate(&model(&format!("<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n{rows}")), &settings()).unwrap();
        assert!(text.contains("const WIRE_SLOTS: &'static [(&'static str, Self); 161] = &["), "{text}");
        assert!(!text.contains("\"C0\" =>"), "no match arm on a string");
    }

    #[test]
    fn axum_needs_serde_where_there_are_bodies_and_is_named_only_when_on() {
        let codes = model("<!-- errgen: status=404 -->\n\n| code | message |\n| --- | --- |\n| A | a |\n");
        let mut settings = settings();
        assert!(!generate(&codes, &settings).unwrap().contains("axum"));
        settings.axum = true;
        let err = generate(&codes, &settings).unwrap_err();
        assert!(err.contains("needs the serde option") && err.contains(".serde(true)") && err.contains("--serde"), "{err}");
        settings.serde = true;
        let text = generate(&codes, &settings).unwrap();
        assert!(text.contains("impl ::axum::response::IntoResponse for Error {"), "{text}");
        let statuses = model("| HTTP Status | HTTP Code | Description |\n| --- | --- | --- |\n| 404 | NOT_FOUND | Missing |\n");
        settings.serde = false;
        let text = generate(&statuses, &settings).unwrap();
        assert!(text.contains("impl ::axum::response::IntoResponse for HttpStatus {"), "{text}");
    }

    #[test]
    fn status_lines_name_every_status() {
        let facts_of = |statuses: Vec<u16>| {
            let m = model("<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n| A | a |\n");
            let code = m.codes[0].clone();
            status_line(&CodeFacts { code: &code, statuses: crate::facts::Few::Many(statuses), templates: crate::facts::Few::Many(Vec::new()), params: Vec::new().into() })
        };
        assert_eq!(facts_of(vec![]), "No documented HTTP status, retryable.");
        assert_eq!(facts_of(vec![409]), "HTTP status 409, retryable.");
        assert_eq!(facts_of(vec![304, 409, 412]), "HTTP status 304, 409 or 412, retryable.");
    }
}
