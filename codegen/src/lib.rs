//! errgen: typed errors generated from an API's Markdown error documentation.
//!
//! See `ARCHITECTURE.md` for the pipeline: [`load`] reads Markdown into a
//! [`Model`] with [`Diagnostic`]s; emitters turn the model into code.
#![deny(missing_docs)]

mod config;
pub mod diag;
#[cfg(feature = "templates")]
pub mod emit;
#[cfg(feature = "diff")]
pub mod diff;
mod facts;
#[cfg(feature = "html")]
mod html;
pub mod ident;
mod json;
mod load;
mod lower;
pub mod model;
mod parse;
mod rust;
mod safety;
mod template;

pub use config::{Config, GenerateError};
pub use diag::{Diagnostic, Severity};
pub use load::{file_kind, from_sources, from_sources_with, load, load_with, shown_path, source_text, Loaded};
pub use lower::{explain, header_role, ColumnReading, ReadOptions, Role, TableReading};
pub use model::Model;
