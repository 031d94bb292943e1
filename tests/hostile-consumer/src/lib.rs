//! errgen's output for a hostile spec, included inside a module under the
//! strictest lints the project uses (`scripts/test.sh` adds clippy's
//! pedantic group and `RUSTDOCFLAGS="-D warnings"`).
#![deny(warnings, missing_docs)]

/// The generated error types.
pub mod hostile {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}

/// The emitter's checked-in snapshot for `minimal.md` (defaults).
pub mod minimal {
    include!("../../../codegen/tests/data/rust/minimal.rs");
}

/// The emitter's checked-in snapshot for `options.md` (serde, http,
/// renamed types).
pub mod options {
    include!("../../../codegen/tests/data/rust/options.rs");
}

/// The snapshot with a code that has no documented HTTP status.
pub mod no_status {
    include!("../../../codegen/tests/data/rust/no_status.rs");
}

/// The snapshot with codes documented in several rows (other statuses,
/// other templates).
pub mod alternatives {
    include!("../../../codegen/tests/data/rust/alternatives.rs");
}

/// The snapshot of a status-only spec (no codes).
pub mod status_only {
    include!("../../../codegen/tests/data/rust/status_only.rs");
}

/// 300 generated codes, half with parameters.
pub mod many {
    include!(concat!(env!("OUT_DIR"), "/many.rs"));
}

/// 135 sequential codes `ERR_000`...`ERR_134`.
pub mod sequential {
    include!(concat!(env!("OUT_DIR"), "/sequential.rs"));
}
