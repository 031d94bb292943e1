//! The code enum (`ErrorCode`): per-code tables, accessors, the wire-code
//! lookup, and the unknown-code error its parsing returns.


use super::writer::{push_int, str_lit, Body, Writer};
use super::{doc, phash, push_status_line, Input, Variant, COPY_DERIVES, DEBUG_DERIVE, VALUE_DERIVES};

/// Up to this many codes, `from_wire` is a `match` on the string: as
/// fast as any table for a few codes, and quick to compile while small.
pub(super) const MATCH_MAX: usize = 128;

/// Writes the doc lines of a code's `ErrorCode` variant: wire code,
/// template, statuses, retryability, description, other templates and any
/// extra columns.
fn variant_docs(w: &mut Writer<'_>, v: &Variant<'_>) {
    let code = v.facts.code;
    // The writer's scratch line, so that no variant allocates its own.
    let mut line = std::mem::take(&mut w.scratch);
    line.clear();
    doc::push_code_span(&mut line, &code.code);
    line.push_str(": ");
    push_message_doc(&mut line, &code.message);
    w.doc(1, &line);
    w.doc(1, "");
    line.clear();
    push_status_line(&mut line, v.facts);
    w.doc(1, &line);
    doc::each_prose_line(&code.description, &mut line, |text| {
        w.doc(1, "");
        w.doc(1, text);
    });
    for template in &v.facts.templates[1..] {
        line.clear();
        line.push_str("Also documented with the message ");
        push_message_doc(&mut line, template);
        line.push('.');
        w.doc(1, "");
        w.doc(1, &line);
    }
    for (column, value) in &code.extra {
        line.clear();
        doc::push_prose_joined(&mut line, column);
        line.push_str(": ");
        let head = line.len();
        doc::push_prose_joined(&mut line, value);
        if line.len() > head {
            w.doc(1, "");
            w.doc(1, &line);
        }
    }
    w.scratch = line;
}

/// A message template as a code span, or a note that it is empty.
pub(super) fn push_message_doc(out: &mut String, message: &str) {
    // What `code_span` keeps of it: not white space, not dropped.
    if message.chars().all(|c| c.is_whitespace() || doc::is_dropped(c)) {
        out.push_str("(empty message)");
    } else {
        doc::push_code_span(out, message);
    }
}

/// A table of string literals, one per code.
fn str_table(w: &mut Writer<'_>, head: &str, values: &[&str]) {
    w.list(1, head, ";", values.len(), false, |out, i| str_lit(out, values[i]));
}

/// Which optional parts the code enum has.
#[derive(Clone, Copy)]
struct Shape {
    /// Some code has no status: `http_status` returns an `Option`.
    optional: bool,
    several_statuses: bool,
    several_templates: bool,
}

pub(super) fn code_enum(w: &mut Writer<'_>, input: &Input<'_>) {
    let shape = Shape {
        optional: !input.facts.every_code_has_status(),
        several_statuses: input.facts.some_code_has_several_statuses(),
        several_templates: input.facts.some_code_has_several_templates(),
    };
    declaration(w, input.codes, shape);
    tables(w, input.codes, shape);
    accessors(w, shape);
    wire_lookup(w, input.codes);
    trait_impls(w, input, shape);
}

/// The enum's docs, derives and variants.
fn declaration(w: &mut Writer<'_>, codes: &[Variant<'_>], shape: Shape) {
    let Shape { optional, several_statuses, several_templates } = shape;
    w.put(
        "
/// A detailed error code from the API's error documentation.
///
/// [`Display`](std::fmt::Display) and [`as_str`]($Code::as_str) give the wire code;
/// [`FromStr`](std::str::FromStr) parses it back.
",
    );
    if optional {
        w.put(
            "///
/// Some codes have no documented HTTP status (they travel in the error body only):
/// [`http_status`]($Code::http_status) is `None` for them.
",
        );
    }
    if several_statuses || several_templates {
        w.put(
            "///
/// Some codes are documented in several rows: see
",
        );
        let mut line = String::from("/// ");
        if several_statuses {
            line.push_str("[`http_statuses`]($Code::http_statuses)");
        }
        if several_statuses && several_templates {
            line.push_str(" and ");
        }
        if several_templates {
            line.push_str("[`messages`]($Code::messages)");
        }
        line.push_str(".\n");
        w.put(&line);
    }
    // `Debug` by hand (a table, not an arm per variant): `Error`'s
    // `Debug`, which `Outcome::source` compiles here, calls it.
    w.put(COPY_DERIVES);
    w.put(")]\n#[non_exhaustive]\npub enum $Code {\n");
    for v in codes {
        variant_docs(w, v);
        w.line_of(1, &[&v.ident, ","]);
    }
    w.put("}\n");
}

/// Written above each `impl` whose tables have a row per code: clippy's
/// `large_stack_arrays` (pedantic) takes a constant's array for a local
/// one, and a consumer under pedantic lints would have to allow it for a
/// spec of a few hundred codes.
pub(super) const TABLES_ALLOW: &str =
    "// The tables are constants in read-only memory, not arrays on the stack.\n#[allow(clippy::large_stack_arrays)]";

/// The per-code tables the accessors index.
fn tables(w: &mut Writer<'_>, codes: &[Variant<'_>], shape: Shape) {
    let Shape { optional, several_statuses, several_templates } = shape;
    w.put("\n");
    w.put(TABLES_ALLOW);
    w.put("\nimpl $Code {\n");
    w.line(1, "/// Every code, in the order the documentation lists them.");
    // Variants through the type's name, not `Self` (resolved while type
    // checking, a path at a time).
    let code = w.names().code.as_str();
    w.list(1, "pub const ALL: &'static [Self] = &", ";", codes.len(), false, |out, i| {
        out.push_str(code);
        out.push_str("::");
        out.push_str(&codes[i].ident);
    });
    let n = codes.len();
    w.list(1, &format!("const NAMES: &'static [&'static str; {n}] = &"), ";", n, false, |out, i| {
        let ident = &codes[i].ident;
        str_lit(out, ident.strip_prefix("r#").unwrap_or(ident));
    });
    let wire: Vec<&str> = codes.iter().map(|v| v.facts.code.code.as_str()).collect();
    str_table(w, &format!("const WIRE_CODES: &'static [&'static str; {n}] = &"), &wire);
    if optional {
        w.line(1, "/// Per code, its HTTP status; 0 where the documentation gives none.");
    }
    w.list(1, &format!("const HTTP_STATUSES: &'static [u16; {n}] = &"), ";", n, true, |out, i| {
        push_int(out, codes[i].facts.code.http_status.unwrap_or(0));
    });
    if several_statuses {
        w.rows(
            1,
            &format!("const STATUS_SETS: &'static [&'static [u16]; {n}] = &"),
            n,
            |i| codes[i].facts.statuses.len(),
            |out, i, j| {
                push_int(out, codes[i].facts.statuses[j]);
            },
        );
    }
    w.list(1, &format!("const RETRYABLE: &'static [bool; {n}] = &"), ";", n, true, |out, i| {
        out.push_str(if codes[i].facts.code.retryable { "true" } else { "false" });
    });
    if several_templates {
        w.rows(
            1,
            &format!("const TEMPLATES: &'static [&'static [&'static str]; {n}] = &"),
            n,
            |i| codes[i].facts.templates.len(),
            |out, i, j| str_lit(out, codes[i].facts.templates[j]),
        );
    } else {
        let messages: Vec<&str> = codes.iter().map(|v| v.facts.code.message.as_str()).collect();
        str_table(w, &format!("const MESSAGES: &'static [&'static str; {n}] = &"), &messages);
    }
    let descriptions: Vec<&str> = codes.iter().map(|v| v.facts.code.description.as_str()).collect();
    str_table(w, &format!("const DESCRIPTIONS: &'static [&'static str; {n}] = &"), &descriptions);
}

/// The `const fn`s that read the tables.
fn accessors(w: &mut Writer<'_>, shape: Shape) {
    let Shape { optional, several_statuses, several_templates } = shape;
    w.put(
        "
    /// The wire code, exactly as the API sends it.
    #[must_use]
    pub const fn as_str(self) -> &'static str {
        Self::WIRE_CODES[self as usize]
    }
",
    );
    if optional {
        w.put(
            "
    /// The HTTP status responses with this code are sent with, or `None` where the
    /// documentation gives the code no status (it travels in the error body only).
    #[must_use]
    pub const fn http_status(self) -> ::core::option::Option<u16> {
        match Self::HTTP_STATUSES[self as usize] {
            0 => ::core::option::Option::None,
            status => ::core::option::Option::Some(status),
        }
    }
",
        );
    } else {
        w.put(
            "
    /// The HTTP status responses with this code are sent with.
    #[must_use]
    pub const fn http_status(self) -> u16 {
        Self::HTTP_STATUSES[self as usize]
    }
",
        );
    }
    if several_statuses {
        w.put(
            "
    /// Every HTTP status the documentation gives this code, in the order of its rows
    /// ([`http_status`](Self::http_status) first); empty where it gives none.
    #[must_use]
    pub const fn http_statuses(self) -> &'static [u16] {
        Self::STATUS_SETS[self as usize]
    }
",
        );
    }
    w.put(
        "
    /// Whether the documentation says a client may retry.
    #[must_use]
    pub const fn is_retryable(self) -> bool {
        Self::RETRYABLE[self as usize]
    }
",
    );
    if several_templates {
        w.put(
            "
    /// The documented message template, with `{{Name}}` placeholders (the first
    /// row's, where the code has several: see [`messages`](Self::messages)).
    #[must_use]
    pub const fn message(self) -> &'static str {
        Self::TEMPLATES[self as usize][0]
    }

    /// Every message template the documentation gives this code, in the order of
    /// its rows ([`message`](Self::message) first).
    #[must_use]
    pub const fn messages(self) -> &'static [&'static str] {
        Self::TEMPLATES[self as usize]
    }
",
        );
    } else {
        w.put(
            "
    /// The documented message template, with `{{Name}}` placeholders.
    #[must_use]
    pub const fn message(self) -> &'static str {
        Self::MESSAGES[self as usize]
    }
",
        );
    }
    w.put(
        "
    /// The documented description.
    #[must_use]
    pub const fn description(self) -> &'static str {
        Self::DESCRIPTIONS[self as usize]
    }
",
    );
}

/// The end of the inherent `impl`, `Display`, `FromStr`, `TryFrom`, and
/// serde and http where asked for.
fn trait_impls(w: &mut Writer<'_>, input: &Input<'_>, shape: Shape) {
    w.put(
        "}

impl ::core::fmt::Display for $Code {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl ::core::fmt::Debug for $Code {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(Self::NAMES[*self as usize])
    }
}

impl ::core::str::FromStr for $Code {
    type Err = $Unknown;

    fn from_str(s: &str) -> ::core::result::Result<Self, $Unknown> {
        let unknown = || $Unknown { code: ::std::borrow::ToOwned::to_owned(s) };
        Self::from_wire(s).ok_or_else(unknown)
    }
}

impl ::core::convert::TryFrom<&str> for $Code {
    type Error = $Unknown;

    fn try_from(value: &str) -> ::core::result::Result<Self, $Unknown> {
        value.parse()
    }
}
",
    );
    if input.settings.serde {
        w.put(
            "
impl ::serde::Serialize for $Code {
    fn serialize<S: ::serde::Serializer>(
        &self,
        serializer: S,
    ) -> ::core::result::Result<S::Ok, S::Error> {
        serializer.serialize_str(self.as_str())
    }
}

impl<'de> ::serde::Deserialize<'de> for $Code {
    fn deserialize<D: ::serde::Deserializer<'de>>(
        deserializer: D,
    ) -> ::core::result::Result<Self, D::Error> {
        struct CodeVisitor;

        impl ::serde::de::Visitor<'_> for CodeVisitor {
            type Value = $Code;

            fn expecting(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
                f.write_str(\"a documented error code\")
            }

            fn visit_str<E: ::serde::de::Error>(
                self,
                value: &str,
            ) -> ::core::result::Result<$Code, E> {
                let unexpected = ::serde::de::Unexpected::Str(value);
                $Code::from_wire(value).ok_or_else(|| E::invalid_value(unexpected, &self))
            }
        }

        deserializer.deserialize_str(CodeVisitor)
    }
}
",
        );
    }
    if input.settings.http {
        if shape.optional {
            w.put(
                "
impl $Code {
    /// The HTTP status responses with this code are sent with, as an [`http::StatusCode`];
    /// `None` where the documentation gives the code no status.
    #[must_use]
    pub fn status_code(self) -> ::core::option::Option<::http::StatusCode> {
        self.http_status().and_then(|status| ::http::StatusCode::from_u16(status).ok())
    }
}
",
            );
        } else {
            w.put(
                "
impl $Code {
    /// The HTTP status responses with this code are sent with, as an [`http::StatusCode`].
    #[must_use]
    pub fn status_code(self) -> ::http::StatusCode {
        ::http::StatusCode::from_u16(self.http_status())
            .unwrap_or(::http::StatusCode::INTERNAL_SERVER_ERROR)
    }
}
",
            );
        }
    }
}

/// `from_wire`: a `match` for a few codes, else a perfect hash whose slots
/// hold the wire code and the value side by side (one cache line per probe).
fn wire_lookup(w: &mut Writer<'_>, codes: &[Variant<'_>]) {
    // Past `MATCH_MAX`, a perfect hash; should none be found (no set of
    // distinct codes is known to provoke that, see `phash`), the `match`
    // serves, which is correct for any codes.
    let keys: Vec<&str> = codes.iter().map(|v| v.facts.code.code.as_str()).collect();
    let table = if codes.len() > MATCH_MAX { phash::build(&keys) } else { None };
    let Some(table) = table else {
        w.put(
            "
    /// The code for a wire code, or `None` for a code this crate does not know.
    #[must_use]
    #[allow(clippy::too_many_lines)]
    pub fn from_wire(code: &str) -> ::core::option::Option<Self> {
        let known = match code {
",
        );
        let (mut pat, mut body) = (String::new(), String::new());
        for v in codes {
            pat.clear();
            str_lit(&mut pat, &v.facts.code.code);
            body.clear();
            body.push_str(&w.names().code);
            body.push_str("::");
            body.push_str(&v.ident);
            w.arm(3, &pat, &Body::Expr(&body));
        }
        w.put(
            "            _ => return ::core::option::Option::None,
        };
        ::core::option::Option::Some(known)
    }
",
        );
        return;
    };
    w.out.push('\n');
    w.line(1, "/// Per bucket of the wire-code hash, the displacement that puts its codes in free slots.");
    let buckets = table.displacements.len();
    w.list(1, &format!("const WIRE_DISPLACEMENTS: &'static [u16; {buckets}] = &"), ";", buckets, true, |out, i| {
        push_int(out, table.displacements[i]);
    });
    w.line(1, "/// Per slot, the wire code hashed there and its code. A slot no code hashes to");
    w.line(1, "/// repeats the first code, which a lookup finds only by its own wire code.");
    let slots = table.slots.len();
    let code = w.names().code.as_str();
    w.list(1, &format!("const WIRE_SLOTS: &'static [(&'static str, Self); {slots}] = &"), ";", slots, false, |out, i| {
        let v = usize::try_from(table.slots[i]).ok().and_then(|s| codes.get(s)).unwrap_or(&codes[0]);
        out.push('(');
        str_lit(out, &v.facts.code.code);
        out.push_str(", ");
        out.push_str(code);
        out.push_str("::");
        out.push_str(&v.ident);
        out.push(')');
    });
    w.put(phash::RUNTIME);
    let seed = table.seed.to_string();
    let (buckets, slots) = (buckets.to_string(), slots.to_string());
    w.put_with(
        "
    /// The code for a wire code, or `None` for a code this crate does not know.
    #[must_use]
    pub fn from_wire(code: &str) -> ::core::option::Option<Self> {
        let h = Self::wire_hash(code.as_bytes(), $SEED);
        let d = Self::WIRE_DISPLACEMENTS[Self::wire_range(h, $BUCKETS)];
        let (wire, known) = Self::WIRE_SLOTS[Self::wire_slot(h, d, $SLOTS)];
        if wire == code {
            ::core::option::Option::Some(known)
        } else {
            ::core::option::Option::None
        }
    }
",
        &[("SEED", &seed), ("BUCKETS", &buckets), ("SLOTS", &slots)],
    );
}

/// The error that parsing an unknown wire code returns.
pub(super) fn unknown_type(w: &mut Writer<'_>) {
    w.put(
        "
/// A wire code that is not a documented [`$Code`], returned by parsing one.
",
    );
    w.put(VALUE_DERIVES);
    w.put(DEBUG_DERIVE);
    w.put(
        ")]
pub struct $Unknown {
    /// The code as given.
    pub code: ::std::string::String,
}

impl ::core::fmt::Display for $Unknown {
    fn fmt(&self, f: &mut ::core::fmt::Formatter<'_>) -> ::core::fmt::Result {
        f.write_str(\"unknown error code `\")?;
        f.write_str(&self.code)?;
        f.write_str(\"`\")
    }
}

impl ::std::error::Error for $Unknown {}
",
    );
}
