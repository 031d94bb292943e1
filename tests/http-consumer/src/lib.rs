//! The shop API's typed errors, generated at build time with errgen's
//! serde, http and axum options, under the strict lints; and the same
//! options on a status-only and a codes-only spec.
#![deny(warnings, missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}

pub use generated::*;

/// A spec with only a status table, generated with the same options.
pub mod status_only {
    include!(concat!(env!("OUT_DIR"), "/status_only.rs"));
}

/// A spec with no status table, generated with the same options.
pub mod codes_only {
    include!(concat!(env!("OUT_DIR"), "/codes_only.rs"));
}
