#!/usr/bin/env bash
# Runs every test errgen has, on a fresh machine: installs the external
# tools the tests use (TypeScript compiler, OpenAPI validator) into tools/,
# then runs the Rust test suite and the strict-lint checks.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh

export RUSTFLAGS="${RUSTFLAGS:-} -D warnings"
cargo test --workspace --all-features
