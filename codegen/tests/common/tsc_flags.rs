//! The `tsc` settings every test that type-checks generated TypeScript
//! uses: strict, and erasable syntax only, as Node's type stripping needs.

/// Flags for `tsc`; callers add `--noEmit` or output options and the files.
pub const TSC_STRICT: &[&str] = &[
    "--strict",
    "--target",
    "es2022",
    "--module",
    "nodenext",
    "--moduleResolution",
    "nodenext",
    "--erasableSyntaxOnly",
    "--verbatimModuleSyntax",
    "--isolatedModules",
    "--noUncheckedIndexedAccess",
    "--exactOptionalPropertyTypes",
    "--noImplicitOverride",
    "--noFallthroughCasesInSwitch",
];
