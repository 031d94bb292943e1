//! Code shared by the property and hostile-input tests.

pub mod mdwriter;
pub mod strategies;
