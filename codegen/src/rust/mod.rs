//! The Rust emitter: a [`Model`] in, one formatted Rust file out.
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
//! Each item's fixed shape is written with `quote` and printed by
//! prettyplease; what grows with the number of codes (variants, tables,
//! arms) is written as text by `text`, already in prettyplease's layout,
//! and spliced in where the printed skeleton holds a placeholder.

mod doc;
mod phash;
mod text;

use std::collections::BTreeSet;
use std::fmt::Write as _;

use proc_macro2::{Ident, Literal, Span, TokenStream};
use quote::{format_ident, quote};

use crate::ident;
use crate::model::{Code, Model, Segment, Status};
use text::{Body, Items, List, INDENT};

/// What the emitter needs from [`crate::Config`].
#[derive(Debug, Clone)]
pub(crate) struct Settings {
    pub serde: bool,
    pub http: bool,
    pub header: String,
    pub code_type: String,
    pub error_type: String,
    pub status_type: String,
    pub body_type: String,
    pub unknown_type: String,
    pub outcome_type: String,
}

/// Variant names the emitter adds to the error type itself; codes whose
/// identifier is one of them get a trailing underscore in both enums.
const RESERVED_VARIANTS: &[&str] = &["Unknown", "Unmatched"];

/// The generated file, or a sentence saying why there is none.
pub(crate) fn generate(model: &Model, settings: &Settings) -> Result<String, String> {
    check_names(settings)?;
    if model.codes.is_empty() {
        return Err("the spec defines no error codes".to_owned());
    }
    let codes = variants(model)?;
    let statuses = status_variants(&model.statuses);
    let n = |name: &str| Ident::new(name, Span::call_site());
    let names = Names {
        code: n(&settings.code_type),
        error: n(&settings.error_type),
        status: n(&settings.status_type),
        body: n(&settings.body_type),
        unknown: n(&settings.unknown_type),
        outcome: n(&settings.outcome_type),
    };
    // Reserved up front, so that the file is not copied as it grows: each
    // code's texts appear a few times, with a few hundred bytes around them.
    let size: usize = model.codes.iter().map(|c| 4 * c.code.len() + 3 * c.message.len() + 2 * c.description.len() + 900).sum();
    let mut out = String::with_capacity(size + 16 * 1024);
    for line in settings.header.lines() {
        out.push_str("// ");
        out.extend(line.chars().filter(|&c| !doc::is_dropped(c)));
        out.push('\n');
    }
    out.push('\n');
    // Each part is printed on its own, so that only one part's skeleton is
    // in memory at a time (prettyplease puts nothing between items, so the
    // text is the same as printing them as one file).
    let mut splices = Splices::default();
    let code_part = code_enum(&codes, &names, settings, &mut splices);
    print_part(code_part, &splices, &mut out)?;
    print_part(unknown_type(&names), &Splices::default(), &mut out)?;
    let mut splices = Splices::default();
    let error_part = error_enum(&codes, &names, settings, &mut splices);
    print_part(error_part, &splices, &mut out)?;
    print_part(body_type(model, &codes, &names, settings), &Splices::default(), &mut out)?;
    print_part(status_enum(&statuses, &names, settings), &Splices::default(), &mut out)?;
    print_part(outcome_type(&names), &Splices::default(), &mut out)?;
    Ok(out)
}

/// Writes per-code text at the indentation it is given.
type Splice<'a> = Box<dyn Fn(&mut String, usize) -> Result<(), String> + 'a>;

/// The text that replaces each placeholder of a part's skeleton.
#[derive(Default)]
struct Splices<'a>(Vec<Splice<'a>>);

/// What placeholders are called: an identifier no spec can put at the
/// start of a line (type names are `UpperCamelCase`; spec text only appears
/// inside doc comments and string literals).
const SPLICE: &str = "__errgen_splice_";

impl<'a> Splices<'a> {
    /// A placeholder identifier for the skeleton, as an enum variant, an
    /// associated `const` or a `match` arm's pattern: the line holding it
    /// is replaced by what `write` writes.
    fn add(&mut self, write: impl Fn(&mut String, usize) -> Result<(), String> + 'a) -> Ident {
        self.0.push(Box::new(write));
        format_ident!("{SPLICE}{}", self.0.len() - 1)
    }
}

/// Prints a part's skeleton with prettyplease and splices in the per-code text.
fn print_part(tokens: TokenStream, splices: &Splices<'_>, out: &mut String) -> Result<(), String> {
    let file: syn::File =
        syn::parse2(tokens).map_err(|e| format!("internal error: generated Rust does not parse: {e}"))?;
    let printed = prettyplease::unparse(&file);
    for line in printed.split_inclusive('\n') {
        let code = line.trim_start_matches(' ');
        let Some(rest) = code.strip_prefix(SPLICE).or_else(|| code.strip_prefix("const ").and_then(|c| c.strip_prefix(SPLICE)))
        else {
            out.push_str(line);
            continue;
        };
        let digits = rest.find(|c: char| !c.is_ascii_digit()).unwrap_or(rest.len());
        let splice = rest[..digits].parse::<usize>().ok().and_then(|i| splices.0.get(i));
        let Some(splice) = splice else {
            return Err(format!("internal error: no text for the placeholder in `{}`", line.trim()));
        };
        splice(out, line.len() - code.len())?;
    }
    Ok(())
}

fn check_names(settings: &Settings) -> Result<(), String> {
    let all = [
        &settings.code_type,
        &settings.error_type,
        &settings.status_type,
        &settings.body_type,
        &settings.unknown_type,
        &settings.outcome_type,
    ];
    let mut seen = BTreeSet::new();
    for name in all {
        if !ident::is_rust_type_name(name) {
            return Err(format!("`{name}` cannot name a generated type: use an UpperCamelCase ASCII identifier"));
        }
        if !seen.insert(name) {
            return Err(format!("two generated types are both named `{name}`: give each its own name"));
        }
    }
    Ok(())
}

struct Names {
    code: Ident,
    error: Ident,
    status: Ident,
    body: Ident,
    unknown: Ident,
    outcome: Ident,
}

/// One code's Rust names (`r#` for raw identifiers).
struct Variant<'a> {
    code: &'a Code,
    ident: String,
    fields: Vec<String>,
}

fn parse_ident(name: &str) -> Ident {
    match name.strip_prefix("r#") {
        Some(raw) => Ident::new_raw(raw, Span::call_site()),
        None => Ident::new(name, Span::call_site()),
    }
}

/// `file:line:col` of a code's row.
fn at(code: &Code) -> String {
    format!("{}:{}:{}", code.source.file, code.source.line, code.source.column)
}

fn variants(model: &Model) -> Result<Vec<Variant<'_>>, String> {
    let mut seen = std::collections::BTreeMap::new();
    let mut out = Vec::new();
    for code in &model.codes {
        let name = ident::rust_variant(&code.ident, RESERVED_VARIANTS);
        if !ident::is_ascii_ident(name.trim_end_matches('_')) {
            return Err(format!("{}: code `{}` has identifier `{}`, which Rust cannot use", at(code), code.code, code.ident));
        }
        if let Some(first) = seen.insert(name.clone(), code) {
            return Err(format!(
                "{}: codes `{}` ({}) and `{}` both become the Rust variant `{name}`: name one with an `ident.CODE=Name` directive",
                at(code),
                first.code,
                at(first),
                code.code
            ));
        }
        let mut field_names = BTreeSet::new();
        let mut fields = Vec::new();
        for param in &code.params {
            let field = ident::rust_field(&param.name);
            if !field_names.insert(field.clone()) {
                return Err(format!("{}: code `{}` has two parameters that become the field `{field}`", at(code), code.code));
            }
            fields.push(field);
        }
        out.push(Variant { code, ident: name, fields });
    }
    Ok(out)
}

/// Status variants: the status name in `UpperCamelCase`, or `StatusNNN` where
/// that is no identifier or is taken.
fn status_variants(statuses: &[Status]) -> Vec<(&Status, Ident)> {
    let mut seen = BTreeSet::new();
    statuses
        .iter()
        .map(|s| {
            let named = ident::code_ident(&s.name).map(|i| ident::rust_variant(&i, &[]));
            let name = match named {
                Some(name) if !seen.contains(&name) => name,
                _ => format!("Status{}", s.status),
            };
            seen.insert(name.clone());
            (s, parse_ident(&name))
        })
        .collect()
}

/// `#[doc = "..."]` attributes, one per line.
fn docs<S: AsRef<str>>(lines: &[S]) -> TokenStream {
    let mut out = TokenStream::new();
    for line in lines {
        let line = line.as_ref();
        let text = if line.is_empty() { String::new() } else { format!(" {line}") };
        out.extend(quote!(#[doc = #text]));
    }
    out
}

/// The derives of the two fieldless enums.
fn copy_derives() -> TokenStream {
    quote! {
        #[derive(
            ::core::clone::Clone, ::core::marker::Copy, ::core::cmp::PartialEq, ::core::cmp::Eq,
            ::core::cmp::PartialOrd, ::core::cmp::Ord, ::core::hash::Hash, ::core::fmt::Debug,
        )]
        #[non_exhaustive]
    }
}

fn yes_no(retryable: bool) -> &'static str {
    if retryable {
        "retryable"
    } else {
        "not retryable"
    }
}

/// Writes the doc lines of a code's `ErrorCode` variant: wire code,
/// template, status, retryability, description and any extra columns.
fn code_docs(out: &mut String, indent: usize, code: &Code) {
    let mut line = String::new();
    doc::push_code_span(&mut line, &code.code);
    line.push_str(": ");
    push_message_doc(&mut line, &code.message);
    text::doc(out, indent, &line);
    text::doc(out, indent, "");
    line.clear();
    let _ = write!(line, "HTTP status {}, {}.", code.http_status.unwrap_or_default(), yes_no(code.retryable));
    text::doc(out, indent, &line);
    let description = doc::prose(&code.description);
    if !description.is_empty() {
        text::doc(out, indent, "");
        for line in &description {
            text::doc(out, indent, line);
        }
    }
    for (column, value) in &code.extra {
        let value = doc::prose(value);
        if !value.is_empty() {
            text::doc(out, indent, "");
            let head = doc::prose(column).join(" ");
            text::doc(out, indent, &format!("{head}: {}", value.join(" ")));
        }
    }
}

/// A message template as a code span, or a note that it is empty.
fn push_message_doc(out: &mut String, message: &str) {
    // What `code_span` keeps of it: not white space, not dropped.
    if message.chars().all(|c| c.is_whitespace() || doc::is_dropped(c)) {
        out.push_str("(empty message)");
    } else {
        doc::push_code_span(out, message);
    }
}

/// `Self::TABLE[self as usize]` for a table of `len` entries; an enum
/// without variants has no value to index with.
fn index(table: &TokenStream, len: usize) -> TokenStream {
    if len == 0 {
        quote!(match self {})
    } else {
        quote!(Self::#table[self as usize])
    }
}

/// A table of string literals, one per code.
fn str_table<'c>(out: &mut String, indent: usize, head: &str, values: impl Iterator<Item = &'c str>) {
    let mut items = Items::general();
    for value in values {
        items.push_lit(value);
    }
    text::table(out, indent, head, &items);
}

#[allow(clippy::too_many_lines)] // one `quote!` of the whole item
fn code_enum<'a>(
    codes: &'a [Variant<'a>],
    names: &Names,
    settings: &Settings,
    splices: &mut Splices<'a>,
) -> TokenStream {
    let Names { code: ty, unknown, .. } = names;
    let count = codes.len();
    let ty_name = ty.to_string();
    let variants = splices.add(move |out, indent| {
        for v in codes {
            code_docs(out, indent, v.code);
            text::pad(out, indent);
            out.push_str(&v.ident);
            out.push_str(",\n");
        }
        Ok(())
    });
    let tables = splices.add(move |out, indent| {
        text::doc(out, indent, "Every code, in the order the documentation lists them.");
        let mut all = Items::general();
        for v in codes {
            all.push(|out| {
                out.push_str("Self::");
                out.push_str(&v.ident);
            });
        }
        text::table(out, indent, &format!("pub const ALL: &'static [{ty_name}] = &"), &all);
        str_table(out, indent, &format!("const WIRE_CODES: &'static [&'static str; {count}] = &"), codes.iter().map(|v| v.code.code.as_str()));
        let mut statuses = Items::simple();
        let mut retryable = Items::simple();
        for v in codes {
            statuses.push_int(v.code.http_status.unwrap_or_default());
            retryable.push_str(if v.code.retryable { "true" } else { "false" });
        }
        text::table(out, indent, &format!("const HTTP_STATUSES: &'static [u16; {count}] = &"), &statuses);
        text::table(out, indent, &format!("const RETRYABLE: &'static [bool; {count}] = &"), &retryable);
        str_table(out, indent, &format!("const MESSAGES: &'static [&'static str; {count}] = &"), codes.iter().map(|v| v.code.message.as_str()));
        str_table(
            out,
            indent,
            &format!("const DESCRIPTIONS: &'static [&'static str; {count}] = &"),
            codes.iter().map(|v| v.code.description.as_str()),
        );
        Ok(())
    });
    let lookup = wire_lookup(codes, splices);
    let enum_doc = docs(&[
        "A detailed error code from the API's error documentation.".to_owned(),
        String::new(),
        format!("[`Display`](std::fmt::Display) and [`as_str`]({ty}::as_str) give the wire code; [`FromStr`](std::str::FromStr) parses it back."),
    ]);
    let serde = settings.serde.then(|| {
        quote! {
            impl ::serde::Serialize for #ty {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    serializer.serialize_str(self.as_str())
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #ty {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    struct CodeVisitor;
                    impl ::serde::de::Visitor<'_> for CodeVisitor {
                        type Value = #ty;
                        fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                            f.write_str("a documented error code")
                        }
                        fn visit_str<E: ::serde::de::Error>(self, value: &str) -> ::core::result::Result<#ty, E> {
                            #ty::from_wire(value).ok_or_else(|| E::invalid_value(::serde::de::Unexpected::Str(value), &self))
                        }
                    }
                    deserializer.deserialize_str(CodeVisitor)
                }
            }
        }
    });
    let http = settings.http.then(|| {
        quote! {
            impl #ty {
                /// The HTTP status responses with this code are sent with, as an [`http::StatusCode`].
                #[must_use]
                pub fn status_code(self) -> ::http::StatusCode {
                    ::http::StatusCode::from_u16(self.http_status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
                }
            }
        }
    });
    let wire_at = index(&quote!(WIRE_CODES), count);
    let status_at = index(&quote!(HTTP_STATUSES), count);
    let retry_at = index(&quote!(RETRYABLE), count);
    let message_at = index(&quote!(MESSAGES), count);
    let description_at = index(&quote!(DESCRIPTIONS), count);
    let copy = copy_derives();
    quote! {
        #enum_doc
        #copy
        pub enum #ty {
            #variants,
        }

        impl #ty {
            const #tables: () = ();

            /// The wire code, exactly as the API sends it.
            #[must_use]
            pub const fn as_str(self) -> &'static str {
                #wire_at
            }

            /// The HTTP status responses with this code are sent with.
            #[must_use]
            pub const fn http_status(self) -> u16 {
                #status_at
            }

            /// Whether the documentation says a client may retry.
            #[must_use]
            pub const fn is_retryable(self) -> bool {
                #retry_at
            }

            /// The documented message template, with `{{Name}}` placeholders.
            #[must_use]
            pub const fn message(self) -> &'static str {
                #message_at
            }

            /// The documented description.
            #[must_use]
            pub const fn description(self) -> &'static str {
                #description_at
            }

            #lookup
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(self.as_str())
            }
        }

        impl ::core::str::FromStr for #ty {
            type Err = #unknown;
            fn from_str(s: &str) -> ::core::result::Result<Self, #unknown> {
                Self::from_wire(s).ok_or_else(|| #unknown { code: ::std::borrow::ToOwned::to_owned(s) })
            }
        }

        impl ::core::convert::TryFrom<&str> for #ty {
            type Error = #unknown;
            fn try_from(value: &str) -> ::core::result::Result<Self, #unknown> {
                value.parse()
            }
        }

        #serde
        #http
    }
}

/// Up to this many codes, `from_wire` is a `match` on the string: as
/// fast as any table for a few codes, and quick to compile while small.
const MATCH_MAX: usize = 128;

/// `from_wire`: a `match` for a few codes, else a perfect hash whose slots
/// hold the wire code and the value side by side (one cache line per probe).
fn wire_lookup<'a>(codes: &'a [Variant<'a>], splices: &mut Splices<'a>) -> TokenStream {
    let doc = quote! {
        /// The code for a wire code, or `None` for a code this crate does not know.
        #[must_use]
    };
    // Past `MATCH_MAX`, a perfect hash; if none is found (no set of distinct
    // codes seen so far provokes that, see `phash`), the `match` serves.
    let keys: Vec<&str> = codes.iter().map(|v| v.code.code.as_str()).collect();
    let table = if codes.len() > MATCH_MAX { phash::build(&keys) } else { None };
    let Some(table) = table else {
        let arms = splices.add(move |out, indent| {
            let mut pat = String::new();
            let mut body = String::new();
            for v in codes {
                pat.clear();
                text::str_lit(&mut pat, &v.code.code);
                body.clear();
                body.push_str("Self::");
                body.push_str(&v.ident);
                text::arm(out, indent, &pat, &Body::Atom(&body))?;
            }
            Ok(())
        });
        return quote! {
            #doc
            #[allow(clippy::too_many_lines)]
            pub fn from_wire(code: &str) -> ::core::option::Option<Self> {
                let known = match code {
                    #arms => {}
                    _ => return ::core::option::Option::None,
                };
                ::core::option::Option::Some(known)
            }
        };
    };
    let seed = Literal::u64_unsuffixed(table.seed);
    let buckets = Literal::usize_unsuffixed(table.displacements.len());
    let slots = Literal::usize_unsuffixed(table.slots.len());
    let tables = splices.add(move |out, indent| {
        text::doc(out, indent, "Per bucket of the wire-code hash, the displacement that puts its codes in free slots.");
        let mut displacements = Items::simple();
        for &d in &table.displacements {
            displacements.push_int(d);
        }
        text::table(out, indent, &format!("const WIRE_DISPLACEMENTS: &'static [u16; {}] = &", table.displacements.len()), &displacements);
        text::doc(out, indent, "Per slot, the wire code hashed there and its code. A slot no code hashes to");
        text::doc(out, indent, "repeats the first code, which a lookup finds only by its own wire code.");
        let rows: Vec<List> = table
            .slots
            .iter()
            .map(|&s| {
                let v = usize::try_from(s).ok().and_then(|s| codes.get(s)).unwrap_or(&codes[0]);
                let mut pair = Items::general();
                pair.push_lit(&v.code.code);
                pair.push(|out| {
                    out.push_str("Self::");
                    out.push_str(&v.ident);
                });
                List::tuple(pair)
            })
            .collect();
        text::table_of_lists(out, indent, &format!("const WIRE_SLOTS: &'static [(&'static str, Self); {}] = &", table.slots.len()), &rows);
        Ok(())
    });
    let runtime = phash::runtime();
    quote! {
        const #tables: () = ();

        #runtime

        #doc
        pub fn from_wire(code: &str) -> ::core::option::Option<Self> {
            let h = Self::wire_hash(code.as_bytes(), #seed);
            let d = Self::WIRE_DISPLACEMENTS[Self::wire_range(h, #buckets)];
            let (wire, known) = Self::WIRE_SLOTS[Self::wire_slot(h, d, #slots)];
            if wire == code {
                ::core::option::Option::Some(known)
            } else {
                ::core::option::Option::None
            }
        }
    }
}

/// The pattern of one code variant of the error type: `#prefix::Name`
/// or `#prefix::Name { .. }`.
fn pattern(prefix: &TokenStream, v: &Variant<'_>) -> TokenStream {
    let ident = parse_ident(&v.ident);
    if v.fields.is_empty() {
        quote!(#prefix::#ident)
    } else {
        quote!(#prefix::#ident { .. })
    }
}

fn unknown_type(names: &Names) -> TokenStream {
    let Names { code, unknown, .. } = names;
    let doc = docs(&[format!("A wire code that is not a documented [`{code}`], returned by parsing one.")]);
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::fmt::Debug)]
        pub struct #unknown {
            /// The code as given.
            pub code: ::std::string::String,
        }

        impl ::core::fmt::Display for #unknown {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str("unknown error code `")?;
                f.write_str(&self.code)?;
                f.write_str("`")
            }
        }

        impl ::std::error::Error for #unknown {}
    }
}

/// The template cut at its placeholders: the literal before, between and
/// after them (empty where two touch), and which parameter each one is.
fn literals_and_slots(code: &Code) -> (Vec<String>, Vec<usize>) {
    let mut literals = vec![String::new()];
    let mut slots = Vec::new();
    for segment in code.segments() {
        match segment {
            Segment::Literal(text) => literals.last_mut().map_or((), |l| l.push_str(text)),
            Segment::Param(i) => {
                slots.push(i);
                literals.push(String::new());
            }
        }
    }
    (literals, slots)
}

/// Writes the `Error` variant of one code: its doc lines, and its fields
/// with theirs.
fn error_variant(out: &mut String, indent: usize, v: &Variant<'_>) {
    let mut line = String::new();
    line.push_str("The ");
    doc::push_code_span(&mut line, &v.code.code);
    line.push_str(" error: ");
    push_message_doc(&mut line, &v.code.message);
    text::doc(out, indent, &line);
    text::doc(out, indent, "");
    line.clear();
    let _ = write!(line, "HTTP status {}, {}.", v.code.http_status.unwrap_or_default(), yes_no(v.code.retryable));
    text::doc(out, indent, &line);
    text::pad(out, indent);
    out.push_str(&v.ident);
    if v.fields.is_empty() {
        out.push_str(",\n");
        return;
    }
    out.push_str(" {\n");
    for (param, field) in v.code.params.iter().zip(&v.fields) {
        line.clear();
        let _ = write!(line, "The value of the {} placeholder.", doc::code_span(&format!("{{{{{}}}}}", param.placeholder)));
        text::doc(out, indent + INDENT, &line);
        text::pad(out, indent + INDENT);
        out.push_str(field);
        out.push_str(": ::std::string::String,\n");
    }
    text::pad(out, indent);
    out.push_str("},\n");
}

/// The pattern `Name { field: p0, other: p1 }`, binding each field in order.
fn with_values(out: &mut String, prefix: &str, v: &Variant<'_>) {
    out.push_str(prefix);
    out.push_str(&v.ident);
    out.push_str(" { ");
    for (i, field) in v.fields.iter().enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        let _ = write!(out, "{field}: p{i}");
    }
    out.push_str(" }");
}

#[allow(clippy::too_many_lines)] // one `quote!` of the whole item
fn error_enum<'a>(codes: &'a [Variant<'a>], names: &Names, settings: &Settings, splices: &mut Splices<'a>) -> TokenStream {
    let Names { code: code_ty, error: ty, body, .. } = names;
    let code_name = code_ty.to_string();
    let count = codes.len();
    let variants = splices.add(move |out, indent| {
        for v in codes {
            error_variant(out, indent, v);
        }
        Ok(())
    });
    let code_prefix = format!("{code_name}::");
    let code_arms = splices.add({
        let code_prefix = code_prefix.clone();
        move |out, indent| {
            let (mut pat, mut body) = (String::new(), String::new());
            for v in codes {
                pat.clear();
                pat.push_str("Self::");
                pat.push_str(&v.ident);
                if !v.fields.is_empty() {
                    pat.push_str(" { .. }");
                }
                body.clear();
                body.push_str(&code_prefix);
                body.push_str(&v.ident);
                text::arm(out, indent, &pat, &Body::Atom(&body))?;
            }
            Ok(())
        }
    });
    // A wildcard where it stands for several variants: an or-pattern of
    // every variant costs compile time for nothing.
    let self_pats = if let [one] = codes { pattern(&quote!(Self), one) } else { quote!(_) };
    let with_params: Vec<&Variant<'_>> = codes.iter().filter(|v| !v.fields.is_empty()).collect();
    let units: Vec<&Variant<'_>> = codes.iter().filter(|v| v.fields.is_empty()).collect();
    let max_params = codes.iter().map(|v| v.fields.len()).max().unwrap_or(0);
    let max_params_lit = Literal::usize_unsuffixed(max_params);
    // Templates as tables indexed by the code's discriminant: the literal
    // text around the placeholders, and which parameter each one is. One
    // generic function renders and one parses, so that the per-code code
    // is a constructor or a pattern, not a copy of the algorithm (which
    // made large specs slow to compile).
    let tables = splices.add(move |out, indent| {
        text::doc(out, indent, "Per code, the literal text of its template around the placeholders.");
        let mut literal_rows = Vec::with_capacity(codes.len());
        let mut slot_rows = Vec::with_capacity(codes.len());
        for v in codes {
            let (literals, slots) = literals_and_slots(v.code);
            let mut row = Items::general();
            for literal in &literals {
                row.push_lit(literal);
            }
            literal_rows.push(List::array_ref(row));
            let mut row = Items::simple();
            for slot in slots {
                row.push_int(u8::try_from(slot).unwrap_or(u8::MAX));
            }
            slot_rows.push(List::array_ref(row));
        }
        text::table_of_lists(out, indent, &format!("const TEMPLATE_LITERALS: &'static [&'static [&'static str]; {count}] = &"), &literal_rows);
        text::doc(out, indent, "Per code, which parameter each placeholder of its template is.");
        text::table_of_lists(out, indent, &format!("const TEMPLATE_SLOTS: &'static [&'static [u8]; {count}] = &"), &slot_rows);
        Ok(())
    });
    let display_arms = (!with_params.is_empty()).then(|| {
        let code_prefix = code_prefix.clone();
        let with_params = with_params.clone();
        let arms = splices.add(move |out, indent| {
            let (mut pat, mut body) = (String::new(), String::new());
            for v in &with_params {
                pat.clear();
                with_values(&mut pat, "Self::", v);
                body.clear();
                let _ = write!(body, "Self::render(f, {code_prefix}{}, &[", v.ident);
                for i in 0..v.fields.len() {
                    let _ = write!(body, "{}p{i}", if i > 0 { ", " } else { "" });
                }
                body.push_str("])");
                text::arm(out, indent, &pat, &Body::Other(&body))?;
            }
            Ok(())
        });
        quote!(#arms => {})
    });
    let unit_display = match units.as_slice() {
        [] => None,
        [one] => {
            let ident = parse_ident(&one.ident);
            Some(quote!(Self::#ident => f.write_str(#code_ty::#ident.message()),))
        }
        _ => Some(quote!(_ => f.write_str(self.code().map_or("", #code_ty::message)),)),
    };
    // The values arrive as owned strings and move into the fields, so that
    // each arm is only a constructor (an allocation per field in every arm
    // made this function slow to compile).
    let value_names: Vec<Ident> = (0..max_params).map(|i| format_ident!("p{}", i)).collect();
    let (values_name, take_values) = if with_params.is_empty() {
        (format_ident!("_values"), None)
    } else {
        (format_ident!("values"), Some(quote!(let [#(#value_names),*] = values;)))
    };
    // One arm per code. (A table of the unit variants' values, cloned by
    // index, measured slower to compile: it instantiates `Clone`.)
    let construct_arms = splices.add(move |out, indent| {
        let (mut pat, mut body) = (String::new(), String::new());
        for v in codes {
            pat.clear();
            pat.push_str(&code_prefix);
            pat.push_str(&v.ident);
            body.clear();
            body.push_str("Self::");
            body.push_str(&v.ident);
            if v.fields.is_empty() {
                text::arm(out, indent, &pat, &Body::Atom(&body))?;
            } else {
                let mut fields = Items::general();
                for (i, field) in v.fields.iter().enumerate() {
                    fields.push(|out| {
                        let _ = write!(out, "{field}: p{i}");
                    });
                }
                text::arm(out, indent, &pat, &Body::Struct(&body, &fields))?;
            }
        }
        Ok(())
    });
    // Only codes with parameters render through the tables; without any,
    // the function would be dead code (a warning under `deny(warnings)`).
    let render_fn = (!with_params.is_empty()).then(|| {
        quote! {
            /// Writes the template of `code` with the parameters' `values`.
            fn render(f: &mut ::core::fmt::Formatter<'_>, code: #code_ty, values: &[&::std::string::String]) -> ::core::fmt::Result {
                let literals = Self::TEMPLATE_LITERALS[code as usize];
                let slots = Self::TEMPLATE_SLOTS[code as usize];
                let ::core::option::Option::Some((first, rest)) = literals.split_first() else {
                    return ::core::result::Result::Ok(());
                };
                f.write_str(first)?;
                for (slot, literal) in slots.iter().zip(rest) {
                    f.write_str(values.get(usize::from(*slot)).copied().map_or("", ::std::string::String::as_str))?;
                    f.write_str(literal)?;
                }
                ::core::result::Result::Ok(())
            }
        }
    });
    let template_helpers = quote! {
        const #tables: () = ();

        #render_fn

        /// The error for `code` with its message's parameters recovered
        /// from `message`, or `None` where the message does not fit the template.
        fn parse(code: #code_ty, message: &str) -> ::core::option::Option<Self> {
            let literals = Self::TEMPLATE_LITERALS[code as usize];
            let slots = Self::TEMPLATE_SLOTS[code as usize];
            let (first, rest) = literals.split_first()?;
            let mut tail = message.strip_prefix(first)?;
            let mut values: [::core::option::Option<&str>; #max_params_lit] = [::core::option::Option::None; #max_params_lit];
            for (at, (slot, literal)) in slots.iter().zip(rest).enumerate() {
                let value = if at + 1 == slots.len() {
                    let value = tail.strip_suffix(literal)?;
                    tail = "";
                    value
                } else {
                    let end = tail.find(literal)?;
                    let value = &tail[..end];
                    tail = &tail[end + literal.len()..];
                    value
                };
                let seen = values.get_mut(usize::from(*slot))?;
                match seen {
                    ::core::option::Option::Some(earlier) if *earlier != value => return ::core::option::Option::None,
                    _ => *seen = ::core::option::Option::Some(value),
                }
            }
            if !tail.is_empty() {
                return ::core::option::Option::None;
            }
            let values = values.map(|value| ::std::borrow::ToOwned::to_owned(value.unwrap_or_default()));
            ::core::option::Option::Some(Self::construct(code, values))
        }

        /// The error for `code` with these parameter values, in field order.
        #[allow(clippy::too_many_lines)]
        fn construct(code: #code_ty, #values_name: [::std::string::String; #max_params_lit]) -> Self {
            #take_values
            match code {
                #construct_arms => {}
            }
        }
    };
    let enum_doc = docs(&[
        "An error the API returned, with the message's parameters as fields.".to_owned(),
        String::new(),
        "[`Display`](std::fmt::Display) renders the documented message. Converting from the wire body".to_owned(),
        format!("([`{body}`]) never fails: an unknown code becomes [`{ty}::Unknown`], and a known code"),
        format!("whose message does not fit its template becomes [`{ty}::Unmatched`]; both keep the raw message."),
    ]);
    let serde = settings.serde.then(|| {
        quote! {
            impl ::serde::Serialize for #ty {
                fn serialize<S: ::serde::Serializer>(&self, serializer: S) -> ::core::result::Result<S::Ok, S::Error> {
                    #body::from(self).serialize(serializer)
                }
            }
            impl<'de> ::serde::Deserialize<'de> for #ty {
                fn deserialize<D: ::serde::Deserializer<'de>>(deserializer: D) -> ::core::result::Result<Self, D::Error> {
                    <#body as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
                }
            }
        }
    });
    let http = settings.http.then(|| {
        quote! {
            impl #ty {
                /// The documented HTTP status as an [`http::StatusCode`]; `None` for an unknown code.
                #[must_use]
                pub fn status_code(&self) -> ::core::option::Option<::http::StatusCode> {
                    self.code().map(#code_ty::status_code)
                }
            }
        }
    });
    quote! {
        #enum_doc
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::fmt::Debug)]
        #[non_exhaustive]
        pub enum #ty {
            #variants,
            /// A code this crate does not know (the server is newer than the documentation it was built from).
            Unknown {
                /// The wire code.
                code: ::std::string::String,
                /// The message as received.
                message: ::std::string::String,
            },
            /// A known code whose message does not fit the documented template.
            Unmatched {
                /// The code.
                code: #code_ty,
                /// The message as received.
                message: ::std::string::String,
            },
        }

        impl #ty {
            /// The documented code, or `None` for an unknown one.
            #[must_use]
            #[allow(clippy::too_many_lines)]
            pub fn code(&self) -> ::core::option::Option<#code_ty> {
                let code = match self {
                    #code_arms => {}
                    Self::Unknown { .. } => return ::core::option::Option::None,
                    Self::Unmatched { code, .. } => *code,
                };
                ::core::option::Option::Some(code)
            }

            /// The wire code, known or not.
            #[must_use]
            #[allow(clippy::too_many_lines)]
            pub fn wire_code(&self) -> &str {
                match self {
                    Self::Unknown { code, .. } => code,
                    Self::Unmatched { code, .. } => code.as_str(),
                    #self_pats => self.code().map_or("", #code_ty::as_str),
                }
            }

            /// The documented HTTP status; `None` for an unknown code.
            #[must_use]
            pub fn http_status(&self) -> ::core::option::Option<u16> {
                self.code().map(#code_ty::http_status)
            }

            /// Whether the documentation says a client may retry; `false` for an unknown code.
            #[must_use]
            pub fn is_retryable(&self) -> bool {
                self.code().is_some_and(#code_ty::is_retryable)
            }

            /// The wire body: the code and the rendered message.
            #[must_use]
            pub fn to_body(&self) -> #body {
                #body::from(self)
            }

            #template_helpers
        }

        impl ::core::fmt::Display for #ty {
            #[allow(clippy::too_many_lines)]
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                match self {
                    #display_arms
                    Self::Unknown { message, .. } | Self::Unmatched { message, .. } => f.write_str(message),
                    #unit_display
                }
            }
        }

        impl ::std::error::Error for #ty {}

        impl ::core::convert::From<#body> for #ty {
            #[allow(clippy::too_many_lines)]
            fn from(body: #body) -> Self {
                let #body { code, message } = body;
                let ::core::option::Option::Some(known) = #code_ty::from_wire(&code) else {
                    return Self::Unknown { code, message };
                };
                match Self::parse(known, &message) {
                    ::core::option::Option::Some(error) => error,
                    ::core::option::Option::None => Self::Unmatched { code: known, message },
                }
            }
        }

        #serde
        #http
    }
}

fn body_type(model: &Model, codes: &[Variant<'_>], names: &Names, settings: &Settings) -> TokenStream {
    let Names { error, body, .. } = names;
    let error_pats = if let [one] = codes { pattern(&quote!(#error), one) } else { quote!(_) };
    let code_field = Literal::string(&model.body.code_field);
    let message_field = Literal::string(&model.body.message_field);
    let (derive, code_attr, message_attr) = if settings.serde {
        (
            quote!(#[derive(::serde::Serialize, ::serde::Deserialize)]),
            quote!(#[serde(rename = #code_field)]),
            quote!(#[serde(rename = #message_field)]),
        )
    } else {
        (TokenStream::new(), TokenStream::new(), TokenStream::new())
    };
    let code_doc = docs(&[format!("The detailed error code (JSON field {}).", doc::code_span(&model.body.code_field))]);
    let message_doc = docs(&[format!("The message (JSON field {}).", doc::code_span(&model.body.message_field))]);
    let doc = docs(&[format!("The JSON error body, as sent on the wire; convert it into an [`{error}`] to read it.")]);
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::hash::Hash, ::core::fmt::Debug, ::core::default::Default)]
        #derive
        pub struct #body {
            #code_doc
            #code_attr
            pub code: ::std::string::String,
            #message_doc
            #message_attr
            pub message: ::std::string::String,
        }

        impl ::core::convert::From<&#error> for #body {
            fn from(error: &#error) -> Self {
                #body {
                    code: ::std::borrow::ToOwned::to_owned(error.wire_code()),
                    message: ::std::string::ToString::to_string(error),
                }
            }
        }

        impl ::core::convert::From<#error> for #body {
            // Inline, as derives are: it drops an error, and the drop glue
            // of an enum with a variant per code is compiled only where used.
            #[inline]
            fn from(error: #error) -> Self {
                match error {
                    #error::Unknown { code, message } => #body { code, message },
                    #error::Unmatched { code, message } => #body { code: ::std::borrow::ToOwned::to_owned(code.as_str()), message },
                    #error_pats => #body::from(&error),
                }
            }
        }
    }
}

fn status_enum(statuses: &[(&Status, Ident)], names: &Names, settings: &Settings) -> TokenStream {
    let ty = &names.status;
    let count_usize = statuses.len();
    let count = Literal::usize_unsuffixed(statuses.len());
    let variants = statuses.iter().map(|(s, ident)| {
        let mut lines = vec![format!("HTTP {} {}: {}.", s.status, doc::code_span(&s.name), yes_no(s.retryable))];
        if s.has_error_body {
            lines.push(String::new());
            lines.push("Responses carry the detailed error body.".to_owned());
        }
        let description = doc::prose(&s.description);
        if !description.is_empty() {
            lines.push(String::new());
            lines.extend(description);
        }
        let doc = docs(&lines);
        quote!(#doc #ident,)
    });
    let all = statuses.iter().map(|(_, i)| i);
    let numbers = statuses.iter().map(|(s, _)| Literal::u16_unsuffixed(s.status));
    let names_lit = statuses.iter().map(|(s, _)| Literal::string(&s.name));
    let retryable = statuses.iter().map(|(s, _)| s.retryable);
    let bodies = statuses.iter().map(|(s, _)| s.has_error_body);
    let descriptions = statuses.iter().map(|(s, _)| Literal::string(&s.description));
    let from_arms = statuses.iter().map(|(s, i)| {
        let n = Literal::u16_unsuffixed(s.status);
        quote!(#n => ::core::option::Option::Some(Self::#i),)
    });
    // With no statuses there is nothing to match on.
    let (status_param, from_body) = if count_usize == 0 {
        (quote!(_status), quote!(::core::option::Option::None))
    } else {
        (quote!(status), quote!(match status { #(#from_arms)* _ => ::core::option::Option::None }))
    };
    let status_at = index(&quote!(NUMBERS), statuses.len());
    let name_at = index(&quote!(NAMES), statuses.len());
    let retry_at = index(&quote!(RETRYABLE), statuses.len());
    let body_at = index(&quote!(ERROR_BODY), statuses.len());
    let description_at = index(&quote!(DESCRIPTIONS), statuses.len());
    let http = settings.http.then(|| status_http(ty));
    // An empty table has no variant to index with: no tables then, or they
    // would be dead code.
    let tables = (count_usize > 0).then(|| {
        quote! {
            const NUMBERS: &'static [u16; #count] = &[#(#numbers),*];
            const NAMES: &'static [&'static str; #count] = &[#(#names_lit),*];
            const RETRYABLE: &'static [bool; #count] = &[#(#retryable),*];
            const ERROR_BODY: &'static [bool; #count] = &[#(#bodies),*];
            const DESCRIPTIONS: &'static [&'static str; #count] = &[#(#descriptions),*];
        }
    });
    let doc = docs(&["An HTTP status from the API's status table.".to_owned()]);
    let copy = copy_derives();
    quote! {
        #doc
        #copy
        pub enum #ty {
            #(#variants)*
        }

        impl #ty {
            /// Every status in the table, in ascending order.
            pub const ALL: &'static [#ty] = &[#(Self::#all),*];
            #tables

            /// The documented status for a status number, if the table lists it.
            #[must_use]
            #[allow(clippy::too_many_lines)]
            pub const fn from_status(#status_param: u16) -> ::core::option::Option<Self> {
                #from_body
            }

            /// The status number.
            #[must_use]
            pub const fn status(self) -> u16 {
                #status_at
            }

            /// The documented name (`NOT_FOUND`).
            #[must_use]
            pub const fn name(self) -> &'static str {
                #name_at
            }

            /// Whether a client may retry a request that got this status.
            #[must_use]
            pub const fn is_retryable(self) -> bool {
                #retry_at
            }

            /// Whether responses with this status carry the detailed error body.
            #[must_use]
            pub const fn has_error_body(self) -> bool {
                #body_at
            }

            /// The documented description.
            #[must_use]
            pub const fn description(self) -> &'static str {
                #description_at
            }
        }

        impl ::core::fmt::Display for #ty {
            fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                ::core::write!(f, "{} {}", self.status(), self.name())
            }
        }

        #http
    }
}

/// The status type's `http::StatusCode` accessors.
fn status_http(ty: &Ident) -> TokenStream {
    quote! {
        impl #ty {
            /// This status as an [`http::StatusCode`].
            #[must_use]
            pub fn status_code(self) -> ::http::StatusCode {
                ::http::StatusCode::from_u16(self.status()).unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
            }

            /// The documented status for an [`http::StatusCode`], if the table lists it.
            #[must_use]
            pub fn from_status_code(status: ::http::StatusCode) -> ::core::option::Option<Self> {
                Self::from_status(status.as_u16())
            }
        }
    }
}

fn outcome_type(names: &Names) -> TokenStream {
    let Names { error, status, body, outcome: ty, .. } = names;
    let doc = docs(&[
        "What a response means for a client's retry loop: see [`".to_owned() + &ty.to_string() + "::from_response`].",
    ]);
    quote! {
        #doc
        #[derive(::core::clone::Clone, ::core::cmp::PartialEq, ::core::cmp::Eq, ::core::fmt::Debug)]
        pub struct #ty {
            /// The status's entry in the status table, if it has one.
            pub status: ::core::option::Option<#status>,
            /// The typed error from the body, if there was a body.
            pub error: ::core::option::Option<#error>,
            /// Whether to retry the request.
            pub retry: bool,
        }

        impl #ty {
            /// Classifies a response by its HTTP status and its error body (if it had one).
            ///
            /// A documented code decides by its own retryability; otherwise the
            /// status table decides; a status the table does not list is retried
            /// when it is 429, 500, 502, 503 or 504.
            #[must_use]
            #[inline]
            pub fn from_response(status: u16, body: ::core::option::Option<#body>) -> Self {
                let known = #status::from_status(status);
                let error = body.map(#error::from);
                let retry = match error.as_ref().and_then(#error::code) {
                    ::core::option::Option::Some(code) => code.is_retryable(),
                    ::core::option::Option::None => known.map_or_else(
                        || ::core::matches!(status, 429 | 500 | 502 | 503 | 504),
                        #status::is_retryable,
                    ),
                };
                #ty { status: known, error, retry }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn settings() -> Settings {
        crate::Config::new().settings()
    }

    fn model(rows: &str) -> Model {
        let spec = format!("# Errors\n\n{rows}");
        let (model, diagnostics) = crate::from_sources(vec![("e.md".to_owned(), spec)]);
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
    fn lookups_are_a_match_for_a_few_codes_and_tables_beyond() {
        let text = generate(&model("<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n| B | b |\n| A | a |\n"), &settings()).unwrap();
        assert!(text.contains("            \"A\" => Self::A,\n"), "{text}");
        let rows = (0..=MATCH_MAX).fold(String::new(), |rows, i| rows + "| C" + &i.to_string() + " | c |\n");
        let text = generate(&model(&format!("<!-- errgen: status=500 -->\n\n| code | message |\n| --- | --- |\n{rows}")), &settings()).unwrap();
        assert!(text.contains("const WIRE_SLOTS: &'static [(&'static str, Self); 161] = &["), "{text}");
        assert!(!text.contains("\"C0\" =>"), "no match arm on a string");
    }
}
