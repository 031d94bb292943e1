//! The `errgen` command's file writing, shared by the binary and its tests:
//! write-if-changed, atomic, one run at a time per output folder.
#![deny(missing_docs)]

pub mod write;
