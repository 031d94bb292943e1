//! The error enum (`Error`, a variant per code with the message's
//! parameters as fields) and the wire body (`ErrorBody`).
//!
//! Templates are tables indexed by the code's discriminant (a code's other
//! templates, if any, follow as further rows): the literal text around the
//! placeholders, and which parameter each one is. One generic function
//! renders and one parses, so that the per-code code is a constructor or a
//! pattern, not a copy of the algorithm (which made large specs slow to
//! compile).
//!
//! Functions with an arm per variant are what compiling the file costs
//! beyond the bare enum, so there are three: `code` (plain paths, which
//! optimise to the identity on the discriminant), `fields` (the values of
//! a variant's fields, by reference, into an array) and `construct` (the
//! variant for a code and its values). `Display` and `Debug` read a variant
//! through `code` and `fields` and tables (`FIELD_NAMES`, `ErrorCode::NAMES`);
//! `Debug` is written by hand because `Outcome::source` makes a `dyn Error`
//! of the enum, which compiles its `Debug` in the generated file (derived,
//! an arm per variant for both enums). Its output is the derive's.
//! `PartialEq` and `Hash` read `code` and `fields` too (derived, each was
//! another arm per variant); only `Clone` is derived.

use std::fmt::Write as _;

use super::code::push_message_doc;
use super::writer::{push_int, str_lit, Body, Writer};
use super::{doc, Input, Variant, DEBUG_DERIVE, VALUE_DERIVES};
use crate::facts::Cut;

/// Writes the `Error` variant of one code: its doc line (the code's
/// statuses and description are on the code's variant), and its fields
/// with theirs.
fn variant(w: &mut Writer<'_>, v: &Variant<'_>) {
    let code = v.facts.code;
    let mut line = std::mem::take(&mut w.scratch);
    line.clear();
    line.push_str("The ");
    doc::push_code_span(&mut line, &code.code);
    line.push_str(" error: ");
    push_message_doc(&mut line, &code.message);
    w.doc(1, &line);
    if !v.has_fields() {
        w.line_of(1, &[&v.ident, ","]);
        w.scratch = line;
        return;
    }
    w.line_of(1, &[&v.ident, " {"]);
    let mut placeholder = String::new();
    for (param, field) in v.facts.params.iter().zip(&v.fields) {
        line.clear();
        line.push_str("The value of the ");
        placeholder.clear();
        placeholder.push_str("{{");
        placeholder.push_str(&param.placeholder);
        placeholder.push_str("}}");
        doc::push_code_span(&mut line, &placeholder);
        line.push_str(" placeholder");
        if v.keeps_message() {
            line.push_str(" (empty where the message's template has none)");
        }
        line.push('.');
        w.doc(2, &line);
        w.line_of(2, &[field, ": ::std::string::String,"]);
    }
    if v.keeps_message() {
        w.doc(2, "The message as received (the code has several documented templates).");
        w.line(2, "message: ::std::string::String,");
    }
    w.line(1, "},");
    w.scratch = line;
}

/// `Error::Name { field: p0, other: p1 }` (the kept message last, `error`
/// the type's name), binding each field in order, into `out` (cleared
/// first).
fn with_values(out: &mut String, error: &str, v: &Variant<'_>) {
    out.clear();
    out.push_str(error);
    out.push_str("::");
    out.push_str(&v.ident);
    out.push_str(" { ");
    for (i, field) in field_names(v).enumerate() {
        if i > 0 {
            out.push_str(", ");
        }
        out.push_str(field);
        out.push_str(": p");
        push_int(out, i);
    }
    out.push_str(" }");
}

/// A variant's fields in declaration order: the parameters, then the kept
/// message.
fn field_names<'v>(v: &'v Variant<'_>) -> impl Iterator<Item = &'v str> {
    v.fields.iter().map(String::as_str).chain(v.keeps_message().then_some("message"))
}

/// `Self::Name` or `Self::Name { .. }`.
fn pattern(prefix: &str, v: &Variant<'_>) -> String {
    let mut out = String::new();
    out.push_str(prefix);
    out.push_str("::");
    out.push_str(&v.ident);
    if v.has_fields() {
        out.push_str(" { .. }");
    }
    out
}

/// [`pattern`] into `out` (cleared first).
fn pattern_into(out: &mut String, prefix: &str, v: &Variant<'_>) {
    out.clear();
    out.push_str(prefix);
    out.push_str("::");
    out.push_str(&v.ident);
    if v.has_fields() {
        out.push_str(" { .. }");
    }
}

/// The pattern of a `match` arm that stands for `rest`: a wildcard, or the
/// one variant's pattern where it is one (clippy's
/// `match_wildcard_for_single_variants`).
fn rest_pattern(prefix: &str, rest: &[&Variant<'_>]) -> String {
    if let [one] = rest {
        pattern(prefix, one)
    } else {
        "_".to_owned()
    }
}

/// `prefix` then `ident` into `out` (cleared first).
fn path_into<'s>(out: &'s mut String, prefix: &str, ident: &str) -> &'s str {
    out.clear();
    out.push_str(prefix);
    out.push_str(ident);
    out
}

/// The most fields a variant has (the kept message included).
fn max_fields(codes: &[Variant<'_>]) -> usize {
    codes.iter().map(|v| v.fields.len() + usize::from(v.keeps_message())).max().unwrap_or(0)
}

#[allow(clippy::too_many_lines)] // one item, written top to bottom
pub(super) fn error_enum(w: &mut Writer<'_>, input: &Input<'_>) {
    let codes = input.codes;
    // Variants are named through the type (`Error::Name`), not `Self`: a
    // path through `Self` is resolved while type checking, each of thousands.
    let error = input.settings.names.error.as_str();
    let several_templates = input.facts.some_code_has_several_templates();
    w.out.push('\n');
    w.line(0, "/// An error the API returned, with the message's parameters as fields.");
    w.line(0, "///");
    w.doc_named(
        0,
        "[`Display`](std::fmt::Display) renders the documented message. Converting from the wire body \
         ([`$Body`]) never fails: an unknown code becomes [`$Error::Unknown`], and a known code whose \
         message does not fit its template becomes [`$Error::Unmatched`]; both keep the raw message.",
    );
    // `Debug`, `PartialEq` and `Hash` by hand, below: derived, each is a
    // function with an arm per variant (and `Debug` is compiled here
    // because `Outcome::source` makes a `dyn` of it).
    w.put("#[derive(::core::clone::Clone)]\n#[non_exhaustive]\npub enum $Error {\n");
    for v in codes {
        variant(w, v);
    }
    let max = max_fields(codes).to_string();
    let code_prefix = format!("{}::", input.settings.names.code);
    let max_params = codes.iter().map(|v| v.fields.len()).max().unwrap_or(0).to_string();
    let http_status = if input.facts.every_code_has_status() { "map" } else { "and_then" };
    w.put_with(
        "    /// A code this crate does not know (the server is newer than the documentation it
    /// was built from).
    Unknown {
        /// The wire code.
        code: ::std::string::String,
        /// The message as received.
        message: ::std::string::String,
    },
    /// A known code whose message does not fit the documented template.
    Unmatched {
        /// The code.
        code: $Code,
        /// The message as received.
        message: ::std::string::String,
    },
}

$ALLOW
impl $Error {
    /// The documented code, or `None` for an unknown one.
    #[must_use]
    #[allow(clippy::too_many_lines)]
    pub fn code(&self) -> ::core::option::Option<$Code> {
",
        &[("MAP", http_status), ("ALLOW", super::code::TABLES_ALLOW)],
    );
    code_fn(w, codes, &code_prefix);
    w.put_with(
        "
    /// The wire code, known or not.
    #[must_use]
    pub fn wire_code(&self) -> &str {
        match self {
            Self::Unknown { code, .. } => code,
            Self::Unmatched { code, .. } => code.as_str(),
",
        &[],
    );
    // One code's pattern may be too long for the line: `arm` breaks it.
    let all: Vec<&Variant<'_>> = codes.iter().collect();
    let as_str = format!("self.code().map_or(\"\", {code_prefix}as_str)");
    w.arm(3, &rest_pattern(error, &all), &Body::Expr(&as_str));
    w.put_with(
        "        }
    }

    /// The documented HTTP status; `None` for an unknown code or one the documentation
    /// gives no status.
    #[must_use]
    pub fn http_status(&self) -> ::core::option::Option<u16> {
        self.code().$MAP($Code::http_status)
    }

    /// Whether the documentation says a client may retry; `false` for an unknown code.
    #[must_use]
    pub fn is_retryable(&self) -> bool {
        self.code().is_some_and($Code::is_retryable)
    }

    /// The wire body: the code and the rendered message.
    #[must_use]
    pub fn to_body(&self) -> $Body {
        $Body::from(self)
    }
",
        &[("MAP", http_status)],
    );
    if max != "0" {
        w.put(
            "
    /// What `fields` leaves in the slots a variant has no field for.
    const NO_VALUE: &'static ::std::string::String = &::std::string::String::new();
",
        );
    }
    let names: Vec<&str> = codes.iter().flat_map(field_names).map(|name| name.strip_prefix("r#").unwrap_or(name)).collect();
    let counts: Vec<usize> = codes.iter().map(|v| field_names(v).count()).collect();
    w.line(1, "/// The names of the variants' fields, in declaration order, a code after another.");
    w.list(1, &format!("const FIELD_NAMES: &'static [&'static str; {}] = &", names.len()), ";", names.len(), false, |out, i| {
        str_lit(out, names[i]);
    });
    w.line(1, "/// Per code, where its fields' names start (the next code's start is where they end).");
    starts_table(w, "FIELD_STARTS", &counts);
    if max != "0" {
        fields_fn(w, codes, &max);
    }
    template_tables(w, codes);
    // Variants that keep their message write it back; only the others
    // render a template (without any, `render` would be dead code).
    let rendered: Vec<&Variant<'_>> = codes.iter().filter(|v| !v.keeps_message()).collect();
    w.put(
        "
    /// Where row `row` of a flat table starts and ends, by the table's `starts`.
    const fn row(starts: &[u32], row: usize) -> (usize, usize) {
        (starts[row] as usize, starts[row + 1] as usize)
    }
",
    );
    if !rendered.is_empty() {
        w.put(
            "
    /// Writes the template of `code` with the parameters' `values`.
    fn render(
        f: &mut ::core::fmt::Formatter<'_>,
        code: $Code,
        values: &[&::std::string::String],
    ) -> ::core::fmt::Result {
        let (start, end) = Self::row(Self::TEMPLATE_STARTS, code as usize);
        // Index loops, not iterator adapters: fewer generics to compile.
        let mut at = start;
        while at < end {
            let slot = usize::from(Self::TEMPLATE_SLOTS[at]);
            if let ::core::option::Option::Some(value) = values.get(slot) {
                f.write_str(value)?;
            }
            f.write_str(Self::TEMPLATE_LITERALS[at])?;
            at += 1;
        }
        ::core::result::Result::Ok(())
    }
",
        );
    }
    let (try_others, message_arg, message_param) = if several_templates {
        (
            ".or_else(|| {
            let others = Self::OTHER_TEMPLATES[code as usize];
            others.iter().find_map(|&row| Self::fit(usize::from(row), message))
        })",
            ", message",
            "        message: &str,\n",
        )
    } else {
        ("", "", "")
    };
    w.put_with(
        "
    /// The values of the placeholders of template `row` (a code's first template
    /// is its discriminant) recovered from `message`, or `None` where the message
    /// does not fit it.
    fn fit(
        row: usize,
        message: &str,
    ) -> ::core::option::Option<[::core::option::Option<&str>; $MAX]> {
        let (start, end) = Self::row(Self::TEMPLATE_STARTS, row);
        if start == end {
            return ::core::option::Option::None;
        }
        let mut tail = message.strip_prefix(Self::TEMPLATE_LITERALS[start])?;
        let mut values = [::core::option::Option::None; $MAX];
        let mut at = start + 1;
        while at < end {
            let literal = Self::TEMPLATE_LITERALS[at];
            let value = if at + 1 == end {
                let value = tail.strip_suffix(literal)?;
                tail = \"\";
                value
            } else {
                let found = Self::find(tail.as_bytes(), literal.as_bytes())?;
                let value = tail.get(..found)?;
                tail = tail.get(found + literal.len()..)?;
                value
            };
            let seen = values.get_mut(usize::from(Self::TEMPLATE_SLOTS[at]))?;
            match seen {
                ::core::option::Option::Some(earlier) if *earlier != value => {
                    return ::core::option::Option::None;
                }
                _ => *seen = ::core::option::Option::Some(value),
            }
            at += 1;
        }
        if !tail.is_empty() {
            return ::core::option::Option::None;
        }
        ::core::option::Option::Some(values)
    }

    /// Where `needle` first occurs in `haystack`: a byte loop, where
    /// `str::find` would compile the two-way searcher into this crate. (A
    /// match of one string's bytes in another's starts on a character
    /// boundary.)
    fn find(haystack: &[u8], needle: &[u8]) -> ::core::option::Option<usize> {
        let mut at = 0;
        while let ::core::option::Option::Some(rest) = haystack.get(at..) {
            if rest.len() < needle.len() {
                break;
            }
            if rest.starts_with(needle) {
                return ::core::option::Option::Some(at);
            }
            at += 1;
        }
        ::core::option::Option::None
    }

    /// The error for `code` with its message's parameters recovered from `message`,
    /// or `None` where the message fits none of the code's templates.
    fn parse(code: $Code, message: &str) -> ::core::option::Option<Self> {
",
        &[("MAX", &max_params)],
    );
    // The parameters' values, owned one by one: no generic array `map`.
    let count: usize = max_params.parse().unwrap_or(0);
    if count == 0 {
        w.put_with("        Self::fit(code as usize, message)$OTHERS?;\n", &[("OTHERS", try_others)]);
    } else {
        w.put_with("        let found = Self::fit(code as usize, message)$OTHERS?;\n", &[("OTHERS", try_others)]);
        w.list(2, "let ", " = found;", count, false, |out, i| {
            let _ = write!(out, "v{i}");
        });
        w.list(2, "let values = ", ";", count, false, |out, i| {
            let _ = write!(out, "Self::owned(v{i})");
        });
    }
    let construct = if codes.len() > CHUNK {
        "        Self::construct(code, $VALUES$MESSAGE_ARG)\n    }\n"
    } else {
        "        ::core::option::Option::Some(Self::construct(code, $VALUES$MESSAGE_ARG))\n    }\n"
    };
    w.put_with(construct, &[("VALUES", if count == 0 { "[]" } else { "values" }), ("MESSAGE_ARG", message_arg)]);
    if max_params != "0" {
        w.put(
            "
    /// A parameter's value as a field: empty where the template has none.
    fn owned(value: ::core::option::Option<&str>) -> ::std::string::String {
        match value {
            ::core::option::Option::Some(value) => ::std::borrow::ToOwned::to_owned(value),
            ::core::option::Option::None => ::std::string::String::new(),
        }
    }
",
        );
    }
    construct_fn(w, codes, &max_params, message_param);
    w.put(
        "}

impl ::core::fmt::Display for $Error {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
",
    );
    // Variants that keep their message write it as the catch-alls do, in
    // one arm (clippy's `match_same_arms`), a pattern per line.
    let mut keep: Vec<String> =
        codes.iter().filter(|v| v.keeps_message()).map(|v| format!("{error}::{} {{ message, .. }}", v.ident)).collect();
    keep.push(format!("{error}::Unknown {{ message, .. }}"));
    keep.push(format!("{error}::Unmatched {{ message, .. }}"));
    if keep.len() == 2 {
        w.arm(3, &keep.join(" | "), &Body::Expr("f.write_str(message)"));
    } else {
        for (i, pat) in keep.iter().enumerate() {
            let lead = if i == 0 { "" } else { "| " };
            let end = if i + 1 == keep.len() { " => f.write_str(message)," } else { "" };
            w.line_of(3, &[lead, pat, end]);
        }
    }
    // The fields' values, for `render` and `Debug`.
    let read_values = if max == "0" {
        "                let values: [&::std::string::String; 0] = [];\n".to_owned()
    } else {
        format!("                let mut values = [Self::NO_VALUE; {max}];\n                self.fields(&mut values);\n")
    };
    if !rendered.is_empty() {
        w.line_of(3, &[&rest_pattern(error, &rendered), " => {"]);
        w.put_with(
            "$VALUES                match self.code() {
                    ::core::option::Option::Some(code) => Self::render(f, code, &values),
                    ::core::option::Option::None => ::core::result::Result::Ok(()),
                }
            }
",
            &[("VALUES", &read_values)],
        );
    }
    w.put_with(
        "        }
    }
}

impl ::core::fmt::Debug for $Error {
    // Inline, as the derive's is: compiled only in a crate that prints one.
    #[inline]
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        match self {
            Self::Unknown { code, message } => {
                f.debug_struct(\"Unknown\").field(\"code\", code).field(\"message\", message).finish()
            }
            Self::Unmatched { code, message } => {
                f.debug_struct(\"Unmatched\").field(\"code\", code).field(\"message\", message).finish()
            }
            $REST => {
$VALUES                let ::core::option::Option::Some(code) = self.code() else {
                    return ::core::result::Result::Ok(());
                };
                let mut out = f.debug_struct($Code::NAMES[code as usize]);
                let (start, end) = Self::row(Self::FIELD_STARTS, code as usize);
                let mut at = start;
                while at < end {
                    if let ::core::option::Option::Some(value) = values.get(at - start) {
                        out.field(Self::FIELD_NAMES[at], value);
                    }
                    at += 1;
                }
                out.finish()
            }
        }
    }
}

impl ::std::error::Error for $Error {}
",
        &[("REST", &rest_pattern(error, &all)), ("VALUES", &read_values)],
    );
    eq_and_hash(w, &max);
    w.put(
        "
impl ::core::convert::From<$Body> for $Error {
    fn from(body: $Body) -> Self {
        let $Body { code, message } = body;
        let ::core::option::Option::Some(known) = $Code::from_wire(&code) else {
            return Self::Unknown { code, message };
        };
        match Self::parse(known, &message) {
            ::core::option::Option::Some(error) => error,
            ::core::option::Option::None => Self::Unmatched { code: known, message },
        }
    }
}
",
    );
    if input.settings.serde {
        w.put(
            "
impl ::serde::Serialize for $Error {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        $Body::from(self).serialize(serializer)
    }
}

impl<'de> ::serde::Deserialize<'de> for $Error {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        <$Body as ::serde::Deserialize<'de>>::deserialize(deserializer).map(Self::from)
    }
}
",
        );
    }
    if input.settings.http {
        w.put_with(
            "
impl $Error {
    /// The documented HTTP status as an [`http::StatusCode`]; `None` for an unknown code
    /// or one the documentation gives no status.
    #[must_use]
    pub fn status_code(&self) -> ::core::option::Option<::http::StatusCode> {
        self.code().$MAP($Code::status_code)
    }
}
",
            &[("MAP", http_status)],
        );
    }
    if input.settings.axum {
        w.put(
            "
impl ::axum::response::IntoResponse for $Error {
    /// The documented HTTP status (500 Internal Server Error for an unknown code or one
    /// the documentation gives no status) with the JSON error body
    /// (`Content-Type: application/json`).
    fn into_response(self) -> ::axum::response::Response {
        let status = self
            .http_status()
            .and_then(|status| ::axum::http::StatusCode::from_u16(status).ok())
            .unwrap_or(::axum::http::StatusCode::INTERNAL_SERVER_ERROR);
        (status, ::axum::Json($Body::from(self))).into_response()
    }
}
",
        );
    }
}

/// Codes per function of `code`'s arms above this many codes.
pub(super) const CHUNK: usize = 256;

/// The body of `code` (the variant's code) and, for more than [`CHUNK`]
/// codes, the functions it calls. An arm per variant, a plain path each:
/// optimised, a `match` becomes the identity on the discriminant, but
/// LLVM's CFG simplification of one `match` with an arm per code grows
/// with the square of the arms (8.5 s of 35 s at 10,000 codes, release),
/// so a large enum's arms go `CHUNK` to a function: `code` matches each
/// function's variants in one arm (an or-pattern, a jump per variant to a
/// few targets) and calls it, not inlined (inlined, LLVM folds the two
/// `match`es back into one).
fn code_fn(w: &mut Writer<'_>, codes: &[Variant<'_>], code_prefix: &str) {
    let (mut pat, mut code) = (String::new(), String::new());
    let arms = |w: &mut Writer<'_>, chunk: &[Variant<'_>], pat: &mut String, code: &mut String| {
        for v in chunk {
            pattern_into(pat, w.names().error.as_str(), v);
            path_into(code, code_prefix, &v.ident);
            w.arm(3, pat, &Body::Expr(code));
        }
    };
    if codes.len() <= CHUNK {
        w.line(2, "let code = match self {");
        arms(w, codes, &mut pat, &mut code);
        w.put(
            "            Self::Unknown { .. } => return ::core::option::Option::None,
            Self::Unmatched { code, .. } => *code,
        };
        ::core::option::Option::Some(code)
    }
",
        );
        return;
    }
    w.line(2, "match self {");
    for (i, chunk) in codes.chunks(CHUNK).enumerate() {
        for (j, v) in chunk.iter().enumerate() {
            pattern_into(&mut pat, w.names().error.as_str(), v);
            let lead = if j == 0 { "" } else { "| " };
            if j + 1 == chunk.len() {
                let call = format!(" => self.code_{i}(),");
                w.line_of(3, &[lead, &pat, &call]);
            } else {
                w.line_of(3, &[lead, &pat]);
            }
        }
    }
    w.put(
        "            Self::Unknown { .. } => ::core::option::Option::None,
            Self::Unmatched { code, .. } => ::core::option::Option::Some(*code),
        }
    }
",
    );
    for (i, chunk) in codes.chunks(CHUNK).enumerate() {
        let (first, last, index) = ((i * CHUNK).to_string(), (i * CHUNK + chunk.len() - 1).to_string(), i.to_string());
        w.put_with(
            "
    /// `code` of the variants of codes $FIRST to $LAST.
    #[inline(never)]
    #[allow(clippy::too_many_lines)]
    fn code_$I(&self) -> ::core::option::Option<$Code> {
        let code = match self {
",
            &[("FIRST", &first), ("LAST", &last), ("I", &index)],
        );
        arms(w, chunk, &mut pat, &mut code);
        w.put(
            "            _ => return ::core::option::Option::None,
        };
        ::core::option::Option::Some(code)
    }
",
        );
    }
}

/// `fields`: the values of a variant's fields, put into a caller's array,
/// one arm per number of fields (an or-pattern of the variants with that
/// many: clippy's `match_same_arms`, and fewer blocks to compile). It does
/// not yield the code: where one arm does both, LLVM's correlated value
/// propagation takes seconds on it at 1,000 codes, while `code`'s arms of
/// plain paths optimise to nothing.
fn fields_fn(w: &mut Writer<'_>, codes: &[Variant<'_>], max: &str) {
    w.put_with(
        "
    /// Puts the values of a documented variant's fields into `values`, in
    /// declaration order; `Display` and `Debug` read a variant through it.
    #[allow(clippy::too_many_lines)]
    fn fields<'a>(&'a self, values: &mut [&'a ::std::string::String; $MAX]) {
",
        &[("MAX", max)],
    );
    let count = max.parse().unwrap_or(0);
    w.list(2, "let ", " = values;", count, false, |out, i| {
        let _ = write!(out, "v{i}");
    });
    // The variants with fields, grouped by how many, in order of first use.
    let mut groups: Vec<(usize, Vec<&Variant<'_>>)> = Vec::new();
    for v in codes.iter().filter(|v| v.has_fields()) {
        let n = field_names(v).count();
        match groups.iter_mut().find(|(k, _)| *k == n) {
            Some((_, group)) => group.push(v),
            None => groups.push((n, vec![v])),
        }
    }
    // One group: an `if let` (clippy's `single_match`).
    let single = groups.len() == 1;
    if !single {
        w.line(2, "match self {");
    }
    let (depth, body) = if single { (2, 3) } else { (3, 4) };
    for (n, group) in &groups {
        if single {
            alternatives(w, 2, "if let ", group, " = self {");
        } else {
            alternatives(w, 3, "", group, " => {");
        }
        for i in 0..*n {
            w.pad(body);
            let _ = writeln!(w.out, "*v{i} = p{i};");
        }
        w.line(depth, "}");
    }
    if !single {
        w.line(3, "_ => {}");
        w.line(2, "}");
    }
    w.line(1, "}");
}

/// An or-pattern of `variants`, each binding its fields to `p0`, `p1`, ...:
/// `lead` before the first, `end` after the last, one alternative per line
/// (where several), and a field per line for one too wide for its line.
fn alternatives(w: &mut Writer<'_>, depth: usize, lead: &str, variants: &[&Variant<'_>], end: &str) {
    let mut pat = String::new();
    if let [one] = variants {
        with_values(&mut pat, &w.names().error, one);
        if 4 * depth + lead.len() + pat.chars().count() + end.len() <= super::writer::WIDTH {
            w.line_of(depth, &[lead, &pat, end]);
            return;
        }
    }
    for (i, v) in variants.iter().enumerate() {
        // Alternatives after the first one level in, under an `if let`.
        let (at, lead) = match (i, lead.is_empty()) {
            (0, _) => (depth, lead),
            (_, true) => (depth, "| "),
            (_, false) => (depth + 1, "| "),
        };
        let last = i + 1 == variants.len();
        // Under an `if let` of several lines, the block opens on a line of its own.
        let (tail, own_line) = match (last, end) {
            (false, _) => ("", ""),
            (true, " = self {") if variants.len() > 1 => (" = self", "{"),
            (true, _) => (end, ""),
        };
        with_values(&mut pat, &w.names().error, v);
        if 4 * at + lead.len() + pat.chars().count() + tail.len() <= super::writer::WIDTH {
            w.line_of(at, &[lead, &pat, tail]);
        } else {
            // Long names: the pattern a field per line, so that no line
            // holds two of them.
            w.line_of(at, &[lead, &w.names().error, "::", &v.ident, " {"]);
            for (i, field) in field_names(v).enumerate() {
                w.pad(at + 1);
                let _ = writeln!(w.out, "{field}: p{i},");
            }
            w.line_of(at, &["}", tail]);
        }
        if !own_line.is_empty() {
            w.line(depth, own_line);
        }
    }
}

/// `PartialEq`, `Eq` and `Hash` for the error enum, through `code` and
/// `fields` (`max` of them), which every documented variant already has:
/// derived, each is one more function with an arm per variant (measured:
/// `PartialEq` and `Hash` were a fifth of the file's release compile at
/// 1,000 codes). Two documented errors are equal when their codes and
/// their fields' values are; the hash reads the same.
fn eq_and_hash(w: &mut Writer<'_>, max: &str) {
    let (eq_values, hash_values) = if max == "0" {
        (String::new(), String::new())
    } else {
        (
            format!(
                "                let mut values = [Self::NO_VALUE; {max}];
                let mut other_values = [Self::NO_VALUE; {max}];
                self.fields(&mut values);
                other.fields(&mut other_values);
"
            ),
            format!(
                "                let mut values = [Self::NO_VALUE; {max}];
                self.fields(&mut values);
"
            ),
        )
    };
    let (eq, hash) = if max == "0" {
        ("self.code() == other.code()", "")
    } else {
        ("self.code() == other.code() && values == other_values", "                ::core::hash::Hash::hash(&values, state);\n")
    };
    w.put_with(
        "
impl ::core::cmp::PartialEq for $Error {
    fn eq(&self, other: &Self) -> bool {
        match (self, other) {
            (
                Self::Unknown { code, message },
                Self::Unknown { code: other_code, message: other_message },
            ) => code == other_code && message == other_message,
            (
                Self::Unmatched { code, message },
                Self::Unmatched { code: other_code, message: other_message },
            ) => code == other_code && message == other_message,
            (Self::Unknown { .. } | Self::Unmatched { .. }, _)
            | (_, Self::Unknown { .. } | Self::Unmatched { .. }) => false,
            _ => {
$EQ_VALUES                $EQ
            }
        }
    }
}

impl ::core::cmp::Eq for $Error {}

impl ::core::hash::Hash for $Error {
    fn hash<H: ::core::hash::Hasher>(&self, state: &mut H) {
        match self {
            Self::Unknown { code, message } => {
                state.write_u8(0);
                ::core::hash::Hash::hash(code, state);
                ::core::hash::Hash::hash(message, state);
            }
            Self::Unmatched { code, message } => {
                state.write_u8(1);
                ::core::hash::Hash::hash(code, state);
                ::core::hash::Hash::hash(message, state);
            }
            _ => {
$HASH_VALUES                state.write_u8(2);
                ::core::hash::Hash::hash(&self.code(), state);
$HASH            }
        }
    }
}
",
        &[("EQ_VALUES", &eq_values), ("EQ", eq), ("HASH_VALUES", &hash_values), ("HASH", hash)],
    );
}

/// `construct`: the error for a code and its parameter values. An arm
/// per code; above [`CHUNK`] codes, a function per `CHUNK` of them, which
/// `construct` picks by the code's discriminant (as `code`, for LLVM's CFG
/// simplification: 3.5 s of one `match` at 10,000 codes, release).
fn construct_fn(w: &mut Writer<'_>, codes: &[Variant<'_>], max_params: &str, message_param: &str) {
    let chunked = codes.len() > CHUNK;
    let message_arg = if message_param.is_empty() { "" } else { ", message" };
    w.put_with(
        "
    /// The error for `code` with these parameter values, in field order.
    #[allow(clippy::too_many_lines)]
    fn construct(
        code: $Code,
        $VALUES: [::std::string::String; $MAX],
$MESSAGE_PARAM    ) -> $RESULT {\n",
        &[
            ("VALUES", if max_params == "0" { "_values" } else { "values" }),
            ("MAX", max_params),
            ("MESSAGE_PARAM", message_param),
            ("RESULT", if chunked { "::core::option::Option<Self>" } else { "Self" }),
        ],
    );
    if !chunked {
        let max = max_params.parse().unwrap_or(0);
        construct_arms(w, codes, max, max, "", "");
        w.put(
            "        }
    }
",
        );
        return;
    }
    w.line(2, &format!("match code as usize / {CHUNK} {{"));
    let chunks = codes.chunks(CHUNK).count();
    for i in 0..chunks {
        let values = if max_params == "0" { "[]" } else { "values" };
        w.line(3, &format!("{i} => Self::construct_{i}(code, {values}{message_arg}),"));
    }
    w.put(
        "            _ => ::core::option::Option::None,
        }
    }
",
    );
    for (i, chunk) in codes.chunks(CHUNK).enumerate() {
        // What this chunk uses of the values and the message.
        let used = chunk.iter().map(|v| v.fields.len()).max().unwrap_or(0);
        let keeps = chunk.iter().any(Variant::keeps_message);
        let message = match (message_param.is_empty(), keeps) {
            (true, _) => String::new(),
            (false, true) => "        message: &str,\n".to_owned(),
            (false, false) => "        _message: &str,\n".to_owned(),
        };
        let (first, last, index) = ((i * CHUNK).to_string(), (i * CHUNK + chunk.len() - 1).to_string(), i.to_string());
        w.put_with(
            "
    /// `construct` for codes $FIRST to $LAST.
    #[inline(never)]
    #[allow(clippy::too_many_lines)]
    fn construct_$I(
        code: $Code,
        $VALUES: [::std::string::String; $MAX],
$MESSAGE    ) -> ::core::option::Option<Self> {\n",
            &[
                ("FIRST", &first),
                ("LAST", &last),
                ("I", &index),
                ("VALUES", if used == 0 { "_values" } else { "values" }),
                ("MAX", max_params),
                ("MESSAGE", &message),
            ],
        );
        let max = max_params.parse().unwrap_or(0);
        construct_arms(w, chunk, max, used, "let error = ", "            _ => return ::core::option::Option::None,\n");
        w.put(
            "        };
        ::core::option::Option::Some(error)
    }
",
        );
    }
}

/// `let [p0, p1, _] = values;` (the first `used` of the `max` values
/// bound), then `lead` and a `match` on the code with an arm per variant of
/// `codes`, then `rest`; the caller closes the `match`.
fn construct_arms(w: &mut Writer<'_>, codes: &[Variant<'_>], max: usize, used: usize, lead: &str, rest: &str) {
    if used > 0 {
        w.list(2, "let ", " = values;", max, false, |out, i| {
            if i < used {
                let _ = write!(out, "p{i}");
            } else {
                out.push('_');
            }
        });
    }
    w.line_of(2, &[lead, "match code {"]);
    // One arm per code. (A table of the unit variants' values, cloned by
    // index, measured slower to compile: it instantiates `Clone`.)
    let (mut pat, mut path) = (String::new(), String::new());
    let error_prefix = format!("{}::", w.names().error);
    for v in codes {
        pat.clear();
        pat.push_str(w.names().code.as_str());
        pat.push_str("::");
        pat.push_str(&v.ident);
        path_into(&mut path, &error_prefix, &v.ident);
        if v.has_fields() {
            let mut fields: Vec<String> = v.fields.iter().enumerate().map(|(i, f)| format!("{f}: p{i}")).collect();
            if v.keeps_message() {
                fields.push("message: ::std::borrow::ToOwned::to_owned(message)".to_owned());
            }
            w.arm(3, &pat, &Body::Struct(&path, &fields));
        } else {
            w.arm(3, &pat, &Body::Expr(&path));
        }
    }
    w.put(rest);
}

/// `const NAME: &'static [u32; N + 1]`: where each of `N` rows of `counts`
/// entries starts in a flat table, and where the last ends.
fn starts_table(w: &mut Writer<'_>, name: &str, counts: &[usize]) {
    let mut starts = Vec::with_capacity(counts.len() + 1);
    let mut at = 0;
    starts.push(at);
    for count in counts {
        at += count;
        starts.push(at);
    }
    w.list(1, &format!("const {name}: &'static [u32; {}] = &", starts.len()), ";", starts.len(), true, |out, i| {
        push_int(out, starts[i]);
    });
}

/// The template tables, flat: the pieces of every row (a literal each, and
/// which parameter comes before it) and where each row's start; rows
/// `0..codes` are the codes' first templates, further rows their other ones
/// (`OTHER_TEMPLATES`).
fn template_tables(w: &mut Writer<'_>, codes: &[Variant<'_>]) {
    let mut rows: Vec<Cut> = codes.iter().map(|v| v.facts.cut(v.facts.code.message.as_str())).collect();
    let mut others: Vec<Vec<usize>> = Vec::new();
    for v in codes {
        let mut mine = Vec::new();
        for template in &v.facts.templates[1..] {
            mine.push(rows.len());
            rows.push(v.facts.cut(template));
        }
        others.push(mine);
    }
    // Flat, a template's pieces after another's, with the rows' starts: a
    // slice per row costs a coercion and an allocation each to compile.
    let literals: Vec<&str> = rows.iter().flat_map(|row| row.literals.iter().copied()).collect();
    // Per piece, the parameter before its literal: none before the first.
    let slots: Vec<u8> = rows
        .iter()
        .flat_map(|row| std::iter::once(u8::MAX).chain(row.slots.iter().map(|&s| u8::try_from(s).unwrap_or(u8::MAX))))
        .collect();
    let counts: Vec<usize> = rows.iter().map(|row| row.literals.len()).collect();
    w.out.push('\n');
    w.line(1, "/// The templates' pieces, one template after another: each piece's literal text.");
    w.list(1, &format!("const TEMPLATE_LITERALS: &'static [&'static str; {}] = &", literals.len()), ";", literals.len(), false, |out, i| {
        str_lit(out, literals[i]);
    });
    w.line(1, "/// Per piece, the parameter written before its literal (`u8::MAX`: none, the first piece).");
    w.list(1, &format!("const TEMPLATE_SLOTS: &'static [u8; {}] = &", slots.len()), ";", slots.len(), true, |out, i| {
        push_int(out, slots[i]);
    });
    w.line(1, "/// Per template, where its pieces start (the next template's start is where they end).");
    starts_table(w, "TEMPLATE_STARTS", &counts);
    if others.iter().any(|o| !o.is_empty()) {
        let count = codes.len();
        w.line(1, "/// Per code, the rows of its other templates.");
        w.rows(
            1,
            &format!("const OTHER_TEMPLATES: &'static [&'static [u16]; {count}] = &"),
            count,
            |i| others[i].len(),
            |out, i, j| {
                push_int(out, others[i][j]);
            },
        );
    }
}

pub(super) fn body_type(w: &mut Writer<'_>, input: &Input<'_>) {
    let body = &input.model.body;
    let mut code_field = String::new();
    str_lit(&mut code_field, &body.code_field);
    let mut message_field = String::new();
    str_lit(&mut message_field, &body.message_field);
    w.out.push('\n');
    w.doc_named(0, "The JSON error body, as sent on the wire; convert it into an [`$Error`] to read it.");
    w.put(VALUE_DERIVES);
    w.put(DEBUG_DERIVE);
    w.put("    ::core::default::Default,\n)]\n");
    if input.settings.serde {
        w.line(0, "#[derive(::serde::Serialize, ::serde::Deserialize)]");
    }
    w.put("pub struct $Body {\n");
    w.doc(1, &format!("The detailed error code (JSON field {}).", doc::code_span(&body.code_field)));
    if input.settings.serde {
        w.line(1, &format!("#[serde(rename = {code_field})]"));
    }
    w.line(1, "pub code: ::std::string::String,");
    w.doc(1, &format!("The message (JSON field {}).", doc::code_span(&body.message_field)));
    if input.settings.serde {
        w.line(1, &format!("#[serde(rename = {message_field})]"));
    }
    w.line(1, "pub message: ::std::string::String,");
    let pats = if let [one] = input.codes { pattern(&input.settings.names.error, one) } else { "_".to_owned() };
    w.put(
        "}

impl ::core::convert::From<&$Error> for $Body {
    fn from(error: &$Error) -> Self {
        $Body {
            code: ::std::borrow::ToOwned::to_owned(error.wire_code()),
            message: ::std::string::ToString::to_string(error),
        }
    }
}

impl ::core::convert::From<$Error> for $Body {
    // Inline, as derives are: it drops an error, and the drop glue of an
    // enum with a variant per code is compiled only where used.
    #[inline]
    fn from(error: $Error) -> Self {
        match error {
            $Error::Unknown { code, message } => $Body { code, message },
            $Error::Unmatched { code, message } => {
                $Body { code: ::std::borrow::ToOwned::to_owned(code.as_str()), message }
            }
",
    );
    w.arm(3, &pats, &Body::Expr(&format!("{}::from(&error)", input.settings.names.body)));
    w.put(
        "        }
    }
}
",
    );
}
