//! Typed errors of the API, generated at build time from `spec/` by errgen.
#![deny(warnings, missing_docs)]

mod generated {
    include!(concat!(env!("OUT_DIR"), "/errors.rs"));
}

pub use generated::*;
