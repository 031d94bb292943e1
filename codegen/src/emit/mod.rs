//! TypeScript and `OpenAPI` emitters: askama templates under
//! `codegen/templates/` rendered from a [`Model`] alone.
//!
//! Rendering is pure (no IO) and deterministic: the same model and
//! [`Header`] give the same bytes. Spec text reaches the output only through
//! the filters in [`escape`].

pub mod escape;
mod openapi;
mod ts;

use crate::model::{Code, Model, Status};

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
    ts::render(&View::new(model, header))
}

/// Renders the `OpenAPI` 3.1 fragment (`openapi.yaml`).
///
/// # Errors
/// Only if askama fails to render, which the templates do not provoke.
pub fn openapi(model: &Model, header: &Header) -> askama::Result<String> {
    openapi::render(&View::new(model, header))
}

/// Renders every file `errgen generate` writes, in a fixed order.
///
/// # Errors
/// As [`typescript`] and [`openapi`].
pub fn render_all(model: &Model, header: &Header) -> askama::Result<Vec<Rendered>> {
    Ok(vec![
        Rendered { file_name: TS_FILE, contents: typescript(model, header)? },
        Rendered { file_name: OPENAPI_FILE, contents: openapi(model, header)? },
    ])
}

/// What both templates need, computed once.
struct View<'a> {
    model: &'a Model,
    header: &'a Header,
    statuses: Vec<StatusView<'a>>,
}

/// A status with its codes.
struct StatusView<'a> {
    status: &'a Status,
    /// The codes sent with this status, in model order.
    codes: Vec<&'a Code>,
    /// Whether responses with this status carry the error body
    /// ([`crate::facts::StatusFacts::error_body`]).
    error_body: bool,
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

impl<'a> View<'a> {
    fn new(model: &'a Model, header: &'a Header) -> Self {
        let statuses = crate::facts::Facts::new(model)
            .statuses
            .into_iter()
            .map(|s| StatusView { status: s.status, codes: s.codes, error_body: s.error_body })
            .collect();
        View { model, header, statuses }
    }

    /// Whether every code is sent with a status the status table lists;
    /// otherwise a code's `httpStatus` in TypeScript is wider than
    /// `HttpStatus`.
    fn code_statuses_listed(&self) -> bool {
        self.model.codes.iter().all(|c| c.http_status.is_some_and(|s| self.model.status(s).is_some()))
    }

    /// The bytes of spec text the outputs repeat, plus some per code: what
    /// to reserve for an output (a few times this), so that it is not
    /// copied as it grows.
    fn text_size(&self) -> usize {
        self.model.codes.iter().map(|c| 2 * c.code.len() + c.message.len() + c.description.len() + 64).sum()
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

/// askama filters shared by both templates. `filter_fn` expands to
/// `#[inline(always)]` methods on unit structs, which pedantic clippy flags.
#[allow(clippy::inline_always, clippy::unused_self, clippy::unnecessary_wraps)]
mod filters {
    use askama::{Result, Values};

    use super::escape::{Comment, StringLiteral};

    /// A double-quoted string literal valid in TypeScript and YAML.
    #[askama::filter_fn]
    pub fn lit<S: AsRef<str>>(s: S, _: &dyn Values) -> Result<StringLiteral<S>> {
        Ok(StringLiteral(s))
    }

    /// Text for one comment line.
    #[askama::filter_fn]
    pub fn comment<S: AsRef<str>>(s: S, _: &dyn Values) -> Result<Comment<S>> {
        Ok(Comment(s))
    }

    /// A TypeScript property name.
    #[askama::filter_fn]
    pub fn ts_key(s: impl std::fmt::Display, _: &dyn Values) -> Result<String> {
        Ok(super::escape::ts_property(&s.to_string()))
    }
}
