//! errgen's output for a hostile spec, included inside a module under the
//! strictest lints the project uses (`scripts/test.sh` adds clippy's
//! pedantic group and `RUSTDOCFLAGS="-D warnings"`).
#![deny(warnings, missing_docs)]

/// The generated error types.
pub mod hostile {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}
