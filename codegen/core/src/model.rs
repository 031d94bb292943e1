//! The intermediate model: what the Markdown says, validated, with no
//! Markdown types and no IO. Every emitter works from a [`Model`] alone.
//!
//! The model is serde-serializable (feature `serde`) and versioned by
//! [`MODEL_VERSION`], so that other tools can consume `errgen model`.

use std::collections::BTreeMap;

/// Version of the model's JSON shape; bumped on any incompatible change.
///
/// Version 2: [`Code::http_status`] may be `null` (the docs give the code no
/// status), and [`Code::alternatives`] holds further rows for one code.
pub const MODEL_VERSION: u32 = 2;

/// Everything errgen knows about an API's errors.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Model {
    /// Always [`MODEL_VERSION`] for models this crate builds.
    pub version: u32,
    /// The HTTP status table, sorted by status number, one entry per status.
    pub statuses: Vec<Status>,
    /// Detailed error codes, in document order (files sorted by path).
    pub codes: Vec<Code>,
    /// Field names of the JSON error body.
    pub body: BodyFormat,
}

/// One row (or several merged rows) of the HTTP status table.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Status {
    /// The HTTP status number, 100 to 599.
    pub status: u16,
    /// Name in `SCREAMING_SNAKE_CASE`, from the `HTTP Code` cell or the
    /// standard reason phrase.
    pub name: String,
    /// The description cell, markup stripped.
    pub description: String,
    /// Whether a client may retry a request that got this status.
    pub retryable: bool,
    /// Whether responses with this status carry the detailed error body.
    pub has_error_body: bool,
    /// Where the (first) row stands.
    pub source: Source,
}

/// One detailed error code (a row of a code table).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Code {
    /// The wire code, exactly as the API sends it.
    pub code: String,
    /// The language-neutral identifier in `UpperCamelCase` (`NotEnoughAsset`);
    /// emitters apply their own keyword escaping on top of it.
    pub ident: String,
    /// The HTTP status responses with this code are sent with; `None` where
    /// the docs give the code no status (the code travels in the body only).
    pub http_status: Option<u16>,
    /// Whether a client may retry.
    pub retryable: bool,
    /// The message template, verbatim, with `{{Name}}` placeholders.
    pub message: String,
    /// The template's parameters, in order of first appearance.
    pub params: Vec<Param>,
    /// The description cell.
    pub description: String,
    /// The heading the code's table stands under.
    pub group: String,
    /// Cells of columns other than code, message and description, keyed by
    /// the column header.
    pub extra: BTreeMap<String, String>,
    /// Where the row stands.
    pub source: Source,
    /// Further rows for this code in the same table: one code documented
    /// with several messages, or sent with several statuses. The fields
    /// above are the first row's.
    pub alternatives: Vec<Alternative>,
}

/// Another row for the same code in one table (see [`Code::alternatives`]).
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Alternative {
    /// The status this row gives, `None` where it gives none.
    pub http_status: Option<u16>,
    /// The row's message template, verbatim.
    pub message: String,
    /// The row's description.
    pub description: String,
    /// Where the row stands.
    pub source: Source,
}

/// A named parameter of a message template.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Param {
    /// The parameter's name in `snake_case` (`error_message`).
    pub name: String,
    /// The placeholder's text as written between the braces (`Error Message`).
    pub placeholder: String,
}

/// The JSON error body's field names.
#[derive(Debug, Clone, PartialEq, Eq)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct BodyFormat {
    /// The field holding the detailed error code (`code`).
    pub code_field: String,
    /// The field holding the human-readable message (`message`).
    pub message_field: String,
}

impl Default for BodyFormat {
    fn default() -> Self {
        BodyFormat { code_field: "code".to_owned(), message_field: "message".to_owned() }
    }
}

/// A place in a spec file, 1-based.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
#[cfg_attr(feature = "serde", derive(serde::Serialize, serde::Deserialize))]
pub struct Source {
    /// The file's path as given to errgen, with `/` separators.
    pub file: String,
    /// Line number, 1-based.
    pub line: u32,
    /// Column (in characters), 1-based.
    pub column: u32,
}

/// `file:line:col`, as compilers and editors write a place.
impl std::fmt::Display for Source {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}:{}", self.file, self.line, self.column)
    }
}

/// A piece of a message template.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Segment<'a> {
    /// Text that appears as written.
    Literal(&'a str),
    /// A placeholder; the index is into [`Code::params`].
    Param(usize),
}

impl Code {
    /// The message template split into literal text and parameters.
    ///
    /// `"Illegal state: {{Error Message}}"` gives
    /// `[Literal("Illegal state: "), Param(0)]`. Empty literals are left
    /// out. A placeholder missing from [`Code::params`] (possible only in a
    /// hand-built model) stays a literal, exactly as written.
    #[must_use]
    pub fn segments(&self) -> Vec<Segment<'_>> {
        segments_of(&self.message, &self.params)
    }

    /// The message with every parameter replaced by the given values, in
    /// [`Code::params`] order; missing values render as empty text.
    #[must_use]
    pub fn render(&self, values: &[&str]) -> String {
        let mut out = String::new();
        for seg in self.segments() {
            match seg {
                Segment::Literal(text) => out.push_str(text),
                Segment::Param(i) => out.push_str(values.get(i).copied().unwrap_or("")),
            }
        }
        out
    }
}

/// Any template (a code's or an [`Alternative`]'s message) split into
/// literal text and indexes into `params`, as [`Code::segments`] does.
#[must_use]
pub fn segments_of<'a>(template: &'a str, params: &[Param]) -> Vec<Segment<'a>> {
    let mut out = Vec::new();
    for piece in crate::template::split(template) {
        match piece {
            crate::template::Piece::Literal(text) => {
                if !text.is_empty() {
                    out.push(Segment::Literal(text));
                }
            }
            crate::template::Piece::Placeholder { name, raw } => {
                // A model built by the parser always has every placeholder
                // among its params; a hand-built one may not, and then
                // the placeholder stays literal text.
                match param_of(params, name) {
                    Some(i) => out.push(Segment::Param(i)),
                    None => out.push(Segment::Literal(raw)),
                }
            }
        }
    }
    out
}

/// Which of `params` the placeholder `name` (trimmed, as written between
/// the braces) stands for: the parameter whose [`Param::placeholder`] it
/// is, else the one whose name is its `snake_case` (`{{error message}}`
/// after `{{Error Message}}`). In a parsed model the two agree, and the
/// first is a comparison where the second converts the name.
pub(crate) fn param_of(params: &[Param], name: &str) -> Option<usize> {
    params.iter().position(|p| p.placeholder == name).or_else(|| {
        let snake = crate::ident::snake(name);
        params.iter().position(|p| p.name == snake)
    })
}

impl Model {
    /// The status entry for `status`, if the status table has one.
    #[must_use]
    pub fn status(&self, status: u16) -> Option<&Status> {
        self.statuses.iter().find(|s| s.status == status)
    }

    /// The code entry for the wire code `code`.
    #[must_use]
    pub fn code(&self, code: &str) -> Option<&Code> {
        self.codes.iter().find(|c| c.code == code)
    }
}

#[cfg(test)]
mod tests {
    use super::{Code, Segment, Source};

    #[test]
    fn placeholders_missing_from_params_stay_as_written() {
        let code = Code {
            code: "A".into(),
            ident: "A".into(),
            http_status: Some(500),
            retryable: true,
            message: "a {{ Spaced Name }} b".into(),
            params: Vec::new(),
            description: String::new(),
            group: String::new(),
            extra: std::collections::BTreeMap::new(),
            source: Source { file: "x.md".into(), line: 1, column: 1 },
            alternatives: Vec::new(),
        };
        assert_eq!(
            code.segments(),
            [Segment::Literal("a "), Segment::Literal("{{ Spaced Name }}"), Segment::Literal(" b")]
        );
        assert_eq!(code.render(&[]), "a {{ Spaced Name }} b");
    }
}
