//! errgen: typed errors generated from an API's Markdown error documentation.
//!
//! See `ARCHITECTURE.md` for the pipeline: [`load`] reads Markdown into a
//! [`Model`] with [`Diagnostic`]s; emitters turn the model into code.
//!
//! This crate is the Markdown reader (pulldown-cmark), the file loading and
//! [`Config`]; the model, lowering and emitters are the crate `errgen-core`,
//! which a build compiles beside pulldown-cmark, and whose public part is
//! re-exported here.
#![deny(missing_docs)]

mod config;
#[cfg(feature = "html")]
mod html;
mod load;
mod parse;

#[cfg(feature = "diff")]
pub use errgen_core::diff;
#[cfg(feature = "templates")]
pub use errgen_core::emit;
pub use errgen_core::{diag, ident, model};
use errgen_core::{lower, rust, source};

pub use config::{Config, GenerateError};
pub use diag::{Diagnostic, Severity};
pub use load::{file_kind, from_sources, from_sources_with, load, load_with, shown_path, source_text, Loaded};
pub use lower::{explain, header_role, ColumnReading, ReadOptions, Role, TableReading};
pub use model::Model;
