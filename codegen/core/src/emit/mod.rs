//! TypeScript and `OpenAPI` emitters: askama templates under
//! `codegen/templates/` rendered from a [`Model`] alone.
//!
//! Rendering is pure (no IO of its own) and deterministic: the same model
//! and [`Header`] give the same bytes. Spec text reaches the output only
//! through [`escape`]: its filters, or a code's texts escaped once there
//! (`Escaped`) where both files repeat them. [`Outputs`] computes what both
//! templates state once and gives each file as a `String` or writes it into
//! an [`std::io::Write`] as it is rendered (`errgen generate` stages each
//! file that way without holding its text).

pub mod escape;
mod openapi;
mod ts;

use std::fmt::{self, Write};

use askama::filters::Safe;

use crate::facts::{Cut, Few};
use crate::model::{Code, Model, Param, Status};
use escape::Escaped;

/// File name of the TypeScript module inside the output folder.
pub const TS_FILE: &str = "errors.ts";
/// File name of the `OpenAPI` fragment inside the output folder.
pub const OPENAPI_FILE: &str = "openapi.yaml";

/// The command that generated the files: every file's `@generated` header
/// names it, and `check` tells the user to run it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Header {
    /// The command line that regenerates the files
    /// (`errgen generate --spec spec --out generated`).
    pub command: String,
    /// The spec files the model was read from, as given.
    pub sources: Vec<String>,
}

/// The `OpenAPI` fragment's document metadata: `info` and `servers`.
/// [`Default`] gives what errgen writes without options.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OpenApiInfo {
    /// `info.title` (default `API error responses`).
    pub title: String,
    /// `info.version`; `None` (the default) writes the model version.
    pub version: Option<String>,
    /// `info.license`; `None` (the default) writes none: the fragment's
    /// license is the API's, which errgen is not told unless it is given.
    pub license: Option<License>,
    /// `servers[].url`; empty (the default) writes `/`, the `OpenAPI`
    /// default for a document without `servers`, made explicit.
    pub servers: Vec<String>,
}

impl Default for OpenApiInfo {
    fn default() -> Self {
        OpenApiInfo { title: "API error responses".to_owned(), version: None, license: None, servers: Vec::new() }
    }
}

/// An `OpenAPI` 3.1 `License` object.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct License {
    /// The license's name (`Apache 2.0`).
    pub name: String,
    /// How to identify it: an SPDX expression or a URL (`OpenAPI` 3.1 allows
    /// one of them).
    pub id: Option<LicenseId>,
}

/// [`License::id`]: `identifier` or `url`.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum LicenseId {
    /// An SPDX license expression (`Apache-2.0`).
    Spdx(String),
    /// A URL of the license text.
    Url(String),
}

/// One rendered output file.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    /// The file's name inside the output folder ([`TS_FILE`], [`OPENAPI_FILE`]).
    pub file_name: &'static str,
    /// The file's full contents.
    pub contents: String,
}

/// Renders the TypeScript module (`errors.ts`).
///
/// # Errors
/// Only if askama fails to render, which the templates do not provoke.
pub fn typescript(model: &Model, header: &Header) -> askama::Result<String> {
    ts::render(&View::new(model, header, &OpenApiInfo::default()))
}

/// Renders the `OpenAPI` 3.1 fragment (`openapi.yaml`).
///
/// # Errors
/// Only if askama fails to render, which the templates do not provoke.
pub fn openapi(model: &Model, header: &Header) -> askama::Result<String> {
    openapi_with(model, header, &OpenApiInfo::default())
}

/// [`openapi`] with the given document metadata.
///
/// # Errors
/// As [`openapi`].
pub fn openapi_with(model: &Model, header: &Header, info: &OpenApiInfo) -> askama::Result<String> {
    openapi::render(&View::new(model, header, info))
}

/// Renders every file `errgen generate` writes, in a fixed order.
///
/// # Errors
/// As [`typescript`] and [`openapi`].
pub fn render_all(model: &Model, header: &Header) -> askama::Result<Vec<Rendered>> {
    render_all_with(model, header, &OpenApiInfo::default())
}

/// [`render_all`] with the given `OpenAPI` document metadata.
///
/// # Errors
/// As [`typescript`] and [`openapi`].
pub fn render_all_with(model: &Model, header: &Header, info: &OpenApiInfo) -> askama::Result<Vec<Rendered>> {
    let outputs = Outputs::new(model, header, info);
    Output::ALL.iter().map(|&output| Ok(Rendered { file_name: output.file_name(), contents: outputs.render(output)? })).collect()
}

/// One of the files [`render_all`] renders.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Output {
    /// The TypeScript module, [`TS_FILE`].
    TypeScript,
    /// The `OpenAPI` fragment, [`OPENAPI_FILE`].
    OpenApi,
}

impl Output {
    /// Every output, in the order [`render_all`] gives them.
    pub const ALL: [Output; 2] = [Output::TypeScript, Output::OpenApi];

    /// The file's name inside the output folder.
    #[must_use]
    pub fn file_name(self) -> &'static str {
        match self {
            Output::TypeScript => TS_FILE,
            Output::OpenApi => OPENAPI_FILE,
        }
    }
}

/// What [`render_all`] renders, computed once from a model and ready to
/// give each [`Output`] as a `String` or to write it into an
/// [`std::io::Write`] (so that `errgen generate` never holds the text).
pub struct Outputs<'a> {
    view: View<'a>,
}

impl<'a> Outputs<'a> {
    /// Prepares the outputs of `model`.
    #[must_use]
    pub fn new(model: &'a Model, header: &'a Header, info: &'a OpenApiInfo) -> Self {
        Outputs { view: View::new(model, header, info) }
    }

    /// The output's full contents.
    ///
    /// # Errors
    /// Only if askama fails to render, which the templates do not provoke.
    pub fn render(&self, output: Output) -> askama::Result<String> {
        match output {
            Output::TypeScript => ts::render(&self.view),
            Output::OpenApi => openapi::render(&self.view),
        }
    }

    /// Writes the output's full contents (the bytes of [`Outputs::render`])
    /// into `out`, as they are rendered.
    ///
    /// # Errors
    /// `out`'s errors, or askama's (which the templates do not provoke).
    pub fn write(&self, output: Output, out: &mut dyn std::io::Write) -> std::io::Result<()> {
        match output {
            Output::TypeScript => ts::write(&self.view, out),
            Output::OpenApi => openapi::write(&self.view, out),
        }
    }
}

/// What both templates need, computed once.
struct View<'a> {
    model: &'a Model,
    header: &'a Header,
    info: &'a OpenApiInfo,
    statuses: Vec<StatusView<'a>>,
    codes: Vec<CodeView<'a>>,
    /// [`Self::has_alternatives`], computed once: the templates ask it once
    /// per code.
    alternatives: bool,
    /// [`Self::has_multi_status`], computed once, likewise.
    multi_status: bool,
    /// The statuses retried when the status table does not list them
    /// ([`crate::facts::RETRIED_WHEN_UNLISTED`]), as list items
    /// (`429, 500, ...`).
    unlisted_retried: String,
    /// The same as prose (`429, 500, 502, 503 or 504`).
    unlisted_retried_prose: String,
    /// [`crate::facts::Facts::body_statuses`].
    body_statuses: Option<Vec<u16>>,
    /// [`Self::code_status_type`], computed once (a search of the status
    /// table per status of every code).
    code_status_type: &'static str,
    /// The body's code and message field names escaped for the inside of a
    /// string literal, once: the `OpenAPI` examples repeat them per row.
    body_fields_in_quotes: [String; 2],
}

/// A code with every row the docs give it.
struct CodeView<'a> {
    code: &'a Code,
    /// The wire code inside a string literal, escaped once: both files
    /// quote it up to eight times.
    code_q: Escaped<'a>,
    /// The wire code as a TypeScript property name (three of them).
    code_key: Escaped<'a>,
    /// The TypeScript name inside a string literal (three times).
    ident_q: Escaped<'a>,
    /// The first row, then the alternatives, in document order (most
    /// codes have one: kept without a vector).
    rows: Few<Row<'a>>,
    /// The distinct statuses of the rows, first row's first.
    statuses: Few<u16>,
    /// The parameters of all its templates ([`crate::facts::CodeFacts::params`]).
    params: std::borrow::Cow<'a, [Param]>,
    /// Each distinct template cut at its placeholders, first row's first.
    cuts: Few<Cut<'a>>,
}

/// One documented row of a code: a status (or none), a message, a description.
struct Row<'a> {
    http_status: Option<u16>,
    message: &'a str,
    description: &'a str,
    /// `description` inside a string literal, escaped once: the first
    /// row's is the code's, which both files quote up to four times.
    description_q: Escaped<'a>,
}

impl<'a> CodeView<'a> {
    /// The `statuses` as a TypeScript array literal's items.
    fn statuses_list(&self) -> Safe<Direct<impl Fn(&mut dyn Write) -> fmt::Result + '_>> {
        direct(|f| write_numbers(f, self.statuses.iter().map(|&s| usize::from(s)), ", "))
    }

    /// The first row's status as a TypeScript value (`null` for none).
    fn http_status(&self) -> Safe<Direct<impl Fn(&mut dyn Write) -> fmt::Result + '_>> {
        self.rows[0].ts_status()
    }

    /// The statuses for a comment: `HTTP 406`, `HTTP 304 or 412`, or
    /// `No documented HTTP status`.
    fn status_phrase(&self) -> Safe<Direct<impl Fn(&mut dyn Write) -> fmt::Result + '_>> {
        direct(|f| {
            if self.statuses.is_empty() {
                return f.write_str("No documented HTTP status (the code travels in the body only)");
            }
            f.write_str("HTTP ")?;
            write_numbers(f, self.statuses.iter().map(|&s| usize::from(s)), " or ")?;
            if self.rows.iter().any(|r| r.http_status.is_none()) {
                f.write_str(", or no documented status")?;
            }
            Ok(())
        })
    }

    /// The rows after the first.
    fn alternatives(&self) -> &[Row<'a>] {
        &self.rows[1..]
    }

    /// The code's description inside a string literal.
    fn description_q(&self) -> &Escaped<'a> {
        &self.rows[0].description_q
    }
}

impl Cut<'_> {
    /// The slots as a TypeScript array literal's items.
    fn slots_list(&self) -> Safe<Direct<impl Fn(&mut dyn Write) -> fmt::Result + '_>> {
        direct(|f| write_numbers(f, self.slots.iter().copied(), ", "))
    }
}

impl<'a> Row<'a> {
    /// The status as a TypeScript value (`null` for none).
    fn ts_status(&self) -> Safe<Direct<impl Fn(&mut dyn Write) -> fmt::Result + 'a>> {
        let status = self.http_status;
        direct(move |f| match status {
            Some(status) => write_number(f, usize::from(status)),
            None => f.write_str("null"),
        })
    }

    /// The message as an example shows it (see [`write_sample`]), escaped
    /// for the inside of a string literal, written as it is made.
    fn sample_in_quotes(&self) -> Safe<Direct<impl Fn(&mut dyn Write) -> fmt::Result + 'a>> {
        let message = self.message;
        direct(move |f| write_sample(f, message, &|f, text| escape::InQuotes(text).write(f)))
    }
}

/// A value the templates write straight into the output (no `String` in
/// between): what its function writes.
struct Direct<F>(F);

/// `write` as a value askama writes as it is ([`Safe`]: nothing to escape).
fn direct<F: Fn(&mut dyn Write) -> fmt::Result>(write: F) -> Safe<Direct<F>> {
    Safe(Direct(write))
}

impl<F: Fn(&mut dyn Write) -> fmt::Result> fmt::Display for Direct<F> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        (self.0)(f)
    }
}

impl<F: Fn(&mut dyn Write) -> fmt::Result> askama::FastWritable for Direct<F> {
    fn write_into(&self, dest: &mut dyn Write, _: &dyn askama::Values) -> askama::Result<()> {
        Ok((self.0)(dest)?)
    }
}

/// `n` in decimal, without the formatting machinery.
fn write_number(f: &mut dyn Write, n: usize) -> fmt::Result {
    f.write_str(crate::decimal::decimal(n, &mut [0; 20]))
}

/// The numbers in decimal, `separator` between them.
fn write_numbers(f: &mut dyn Write, numbers: impl Iterator<Item = usize>, separator: &str) -> fmt::Result {
    for (i, n) in numbers.enumerate() {
        if i > 0 {
            f.write_str(separator)?;
        }
        write_number(f, n)?;
    }
    Ok(())
}

/// Writes a message template with each placeholder replaced by a readable
/// sample value, its name in lower case between angle brackets:
/// `Illegal state: {{Error Message}}` gives `Illegal state: <error message>`
/// (an empty name gives `<value>`). Examples show this, never a raw `{{…}}`.
/// The text (literal text and names) goes through `text`, the brackets
/// straight into `f`: escaping for a literal changes neither bracket and
/// escapes a text piece by piece as it would whole.
fn write_sample(f: &mut dyn Write, template: &str, text: &dyn Fn(&mut dyn Write, &str) -> fmt::Result) -> fmt::Result {
    if !template.contains("{{") {
        return text(f, template);
    }
    for piece in crate::template::split(template) {
        match piece {
            crate::template::Piece::Literal(literal) => text(f, literal)?,
            crate::template::Piece::Placeholder { name, .. } => {
                f.write_char('<')?;
                if name.is_empty() {
                    f.write_str("value")?;
                } else if name.is_ascii() && name.len() <= 64 {
                    // Lower-cased on the stack: no `String` per placeholder.
                    let mut buf = [0_u8; 64];
                    let bytes = &mut buf[..name.len()];
                    bytes.copy_from_slice(name.as_bytes());
                    bytes.make_ascii_lowercase();
                    text(f, std::str::from_utf8(bytes).unwrap_or_default())?;
                } else {
                    text(f, &name.to_lowercase())?;
                }
                f.write_char('>')?;
            }
        }
    }
    Ok(())
}

/// [`write_sample`] as a `String`, unescaped.
#[cfg(test)]
fn sample_message(template: &str) -> String {
    let mut out = String::with_capacity(template.len());
    let _ = write_sample(&mut out, template, &|f, text| f.write_str(text));
    out
}

/// A status with its codes.
struct StatusView<'a> {
    status: &'a Status,
    /// The codes sent with this status (by their first row or by an
    /// alternative), in model order, each once: indices into
    /// [`View::codes`] ([`crate::facts::StatusFacts::codes`]).
    codes: Vec<usize>,
    /// One example per row documented with this status.
    examples: Vec<Example<'a>>,
    /// Whether responses with this status carry the error body
    /// ([`crate::facts::StatusFacts::error_body`]).
    error_body: bool,
}

/// A response example: a code's row at one status.
struct Example<'a> {
    /// The example's key inside a string literal, where it is not the wire
    /// code ([`View::example_key`]): `CODE (2)`, `CODE (3)` for further
    /// rows of the same code at this status (wire codes hold no spaces, so
    /// the keys cannot collide).
    key: Option<Escaped<'a>>,
    /// The code, an index into [`View::codes`].
    code: usize,
    /// The row, an index into the code's [`CodeView::rows`].
    row: usize,
}

impl StatusView<'_> {
    /// The description, or the name when the spec gives none.
    fn description(&self) -> &str {
        if self.status.description.trim().is_empty() {
            &self.status.name
        } else {
            &self.status.description
        }
    }
}

/// A code's first row and its alternatives.
fn rows<'a>(code: &'a Code) -> Few<Row<'a>> {
    let row = |http_status, message: &'a String, description: &'a String| Row {
        http_status,
        message,
        description,
        description_q: Escaped::in_quotes(description),
    };
    let first = row(code.http_status, &code.message, &code.description);
    if code.alternatives.is_empty() {
        return Few::One([first]);
    }
    let mut out = Vec::with_capacity(1 + code.alternatives.len());
    out.push(first);
    out.extend(code.alternatives.iter().map(|a| row(a.http_status, &a.message, &a.description)));
    Few::Many(out)
}

impl<'a> View<'a> {
    fn new(model: &'a Model, header: &'a Header, info: &'a OpenApiInfo) -> Self {
        // Each code's statuses, each status's codes and whether it carries
        // the body come from `facts.rs`, as the Rust emitter reads them.
        let facts = crate::facts::Facts::new(model);
        let alternatives = model.codes.iter().any(|c| !c.alternatives.is_empty());
        let multi_status = facts.some_code_has_several_statuses();
        let body_statuses = facts.body_statuses();
        let listed = facts.codes.iter().flat_map(|c| &c.statuses).all(|s| model.status(*s).is_some());
        let code_status_type = match (!model.statuses.is_empty(), listed) {
            (true, true) => "HttpStatus",
            (true, false) => "HttpStatus | (number & {})",
            (false, _) => "number",
        };
        let codes: Vec<CodeView<'a>> = facts
            .codes
            .into_iter()
            .map(|f| {
                let cuts = match &*f.templates {
                    [one] => Few::One([f.cut(one)]),
                    several => Few::Many(several.iter().map(|t| f.cut(t)).collect()),
                };
                let code = f.code;
                CodeView {
                    code,
                    code_q: Escaped::in_quotes(&code.code),
                    code_key: Escaped::ts_property(&code.code),
                    ident_q: Escaped::in_quotes(&code.ident),
                    rows: rows(code),
                    statuses: f.statuses,
                    params: f.params,
                    cuts,
                }
            })
            .collect();
        let statuses = facts
            .statuses
            .into_iter()
            .map(|fact| {
                let status = fact.status;
                let mut examples = Vec::new();
                for (code, cv) in codes.iter().enumerate() {
                    let mut n = 0;
                    for (row, _) in cv.rows.iter().enumerate().filter(|(_, r)| r.http_status == Some(status.status)) {
                        n += 1;
                        let key = (n > 1).then(|| Escaped::in_quotes(&format!("{} ({n})", cv.code.code)).into_owned());
                        examples.push(Example { key, code, row });
                    }
                }
                StatusView { status, codes: fact.codes, examples, error_body: fact.error_body }
            })
            .collect();
        View {
            model,
            header,
            info,
            statuses,
            codes,
            alternatives,
            multi_status,
            unlisted_retried: crate::facts::retried_when_unlisted(", "),
            unlisted_retried_prose: crate::facts::retried_when_unlisted_prose(),
            body_statuses,
            code_status_type,
            body_fields_in_quotes: [&model.body.code_field, &model.body.message_field]
                .map(|field| escape::InQuotes(field).to_string()),
        }
    }

    /// The body's code field, escaped for the inside of a string literal.
    fn code_field_in_quotes(&self) -> Safe<&str> {
        Safe(&self.body_fields_in_quotes[0])
    }

    /// The body's message field, likewise.
    fn message_field_in_quotes(&self) -> Safe<&str> {
        Safe(&self.body_fields_in_quotes[1])
    }

    /// `info.version`: as given, else the model version.
    fn version(&self) -> String {
        self.info.version.clone().unwrap_or_else(|| self.model.version.to_string())
    }

    /// `servers[].url`: as given, else `/`.
    fn servers(&self) -> Vec<&str> {
        if self.info.servers.is_empty() {
            vec!["/"]
        } else {
            self.info.servers.iter().map(String::as_str).collect()
        }
    }

    /// Whether the spec documents detailed codes; without them the outputs
    /// have no `ErrorCode` type (it would be empty).
    fn has_codes(&self) -> bool {
        !self.model.codes.is_empty()
    }

    /// Whether the spec has a status table; without one the outputs have no
    /// `HttpStatus` type and no status responses.
    fn has_statuses(&self) -> bool {
        !self.model.statuses.is_empty()
    }

    /// Whether the outputs describe an error body: codes are documented, or
    /// a status carries the body.
    fn has_body(&self) -> bool {
        self.has_codes() || self.statuses.iter().any(|s| s.error_body)
    }

    /// Whether some code has more than one row (`alternatives` in the
    /// metadata).
    fn has_alternatives(&self) -> bool {
        self.alternatives
    }

    /// Whether some code is documented with more than one status
    /// (`httpStatuses` in the metadata).
    fn has_multi_status(&self) -> bool {
        self.multi_status
    }

    /// The TypeScript type of a status a code is documented with:
    /// `HttpStatus`, widened when some code's status is not in the status
    /// table, or `number` without a status table.
    fn code_status_type(&self) -> &'static str {
        self.code_status_type
    }

    /// The TypeScript type of a list of [`Self::code_status_type`].
    fn code_status_array(&self) -> String {
        match self.code_status_type() {
            simple @ ("HttpStatus" | "number") => format!("readonly {simple}[]"),
            union => format!("readonly ({union})[]"),
        }
    }

    /// The rows that give no status, with their codes: examples of the
    /// generic `ErrorResponse`, since no status response can show them.
    fn examples_without_status(&self) -> Vec<(&CodeView<'a>, &Row<'a>)> {
        self.codes.iter().flat_map(|c| c.rows.iter().filter(|r| r.http_status.is_none()).map(move |r| (c, r))).collect()
    }

    /// The code at `i`, an index of [`StatusView::codes`] or [`Example::code`].
    #[allow(clippy::trivially_copy_pass_by_ref)] // askama passes a field by reference
    fn code_at(&self, i: &usize) -> &CodeView<'a> {
        &self.codes[*i]
    }

    /// An example's key inside a string literal: its own, else the wire code.
    fn example_key<'s>(&'s self, e: &'s Example<'a>) -> &'s Escaped<'a> {
        e.key.as_ref().unwrap_or(&self.codes[e.code].code_q)
    }

    /// Whether some code's first row gives no status.
    fn some_code_without_status(&self) -> bool {
        self.model.codes.iter().any(|c| c.http_status.is_none())
    }

    /// The bytes of spec text the outputs repeat, plus some per code: what
    /// to reserve for an output (a few times this), so that it is not
    /// copied as it grows.
    fn text_size(&self) -> usize {
        self.model.codes.iter().map(|c| 2 * c.code.len() + c.message.len() + c.description.len() + 64).sum()
    }

    /// The statuses of the table whose responses carry the error body:
    /// each gets its own body type.
    fn body_status_views(&self) -> Vec<&StatusView<'a>> {
        self.statuses.iter().filter(|s| s.error_body).collect()
    }

    /// [`crate::facts::Facts::body_statuses`] as a TypeScript array
    /// literal's items; `None`: any 4xx or 5xx.
    fn body_status_list(&self) -> Option<String> {
        self.body_statuses.as_ref().map(|list| list.iter().map(u16::to_string).collect::<Vec<_>>().join(", "))
    }

    /// The sources as one comment line.
    fn sources(&self) -> String {
        self.header.sources.join(", ")
    }
}

/// Renders `template` into a buffer of `size` bytes, with the final line
/// break askama drops (files end with one).
fn render_file<T: askama::Template>(template: &T, size: usize) -> askama::Result<String> {
    let mut out = String::with_capacity(size);
    template.render_into(&mut out)?;
    out.push('\n');
    Ok(out)
}

/// [`render_file`]'s bytes, written into `out` as they are rendered.
fn write_file<T: askama::Template>(template: &T, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    askama::Template::write_into(template, out)?;
    out.write_all(b"\n")
}

/// askama filters shared by both templates. `filter_fn` expands to
/// `#[inline(always)]` methods on unit structs, which pedantic clippy flags.
#[allow(clippy::inline_always, clippy::unused_self, clippy::unnecessary_wraps)]
mod filters {
    use askama::filters::Safe;
    use askama::{Result, Values};

    use super::escape::{Comment, InQuotes, TsProperty};

    // Each filter's value is already escaped for its place, so it is marked
    // `Safe`: askama writes it straight into the output instead of through
    // its (with `escape = "none"`, do-nothing) escaping writer.

    /// The text inside a double-quoted string literal valid in TypeScript
    /// and YAML (the template writes the quotes, with the text around
    /// them: one write fewer each side).
    #[askama::filter_fn]
    pub fn in_quotes<S: AsRef<str>>(s: S, _: &dyn Values) -> Result<Safe<InQuotes<S>>> {
        Ok(Safe(InQuotes(s)))
    }

    /// Text for one comment line.
    #[askama::filter_fn]
    pub fn comment<S: AsRef<str>>(s: S, _: &dyn Values) -> Result<Safe<Comment<S>>> {
        Ok(Safe(Comment(s)))
    }

    /// A TypeScript property name.
    #[askama::filter_fn]
    pub fn ts_key<S: AsRef<str>>(s: S, _: &dyn Values) -> Result<Safe<TsProperty<S>>> {
        Ok(Safe(TsProperty(s)))
    }
}

#[cfg(test)]
mod sample_tests {
    use super::sample_message;

    #[test]
    fn placeholders_become_readable_samples() {
        assert_eq!(sample_message("Illegal state: {{Error Message}}"), "Illegal state: <error message>");
        assert_eq!(sample_message("{{ A }} and {{}} and {{b"), "<a> and <value> and {{b");
        assert_eq!(sample_message("no placeholder"), "no placeholder");
    }
}
