//! errgen-core: everything of [errgen](https://crates.io/crates/errgen)
//! but reading Markdown. Use `errgen`, which re-exports the public part of
//! this crate; the rest (`source`, `lower`, `rust`) is errgen's own
//! plumbing, with no stable API.
//!
//! The crate exists so that a build compiles it while it compiles
//! pulldown-cmark: `errgen` is what depends on both, and holds only the
//! Markdown reader, the file loading and `Config`. See `ARCHITECTURE.md`.
#![deny(missing_docs)]

mod decimal;
pub mod diag;
#[cfg(feature = "diff")]
pub mod diff;
#[cfg(feature = "templates")]
pub mod emit;
mod facts;
pub mod ident;
mod json;
#[doc(hidden)]
#[allow(clippy::must_use_candidate, clippy::missing_errors_doc, clippy::missing_panics_doc)]
pub mod lower;
pub mod model;
#[doc(hidden)]
#[allow(clippy::must_use_candidate, clippy::missing_errors_doc, clippy::missing_panics_doc)]
pub mod rust;
mod safety;
#[doc(hidden)]
#[allow(clippy::must_use_candidate, clippy::missing_errors_doc, clippy::missing_panics_doc)]
pub mod source;
mod template;
#[cfg(test)]
mod testing;
