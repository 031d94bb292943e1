//! Typed errors of the API, generated at build time from `spec/` by errgen.
