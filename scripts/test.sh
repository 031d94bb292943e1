#!/usr/bin/env bash
# Runs every test errgen has, on a fresh machine: installs the external
# tools the tests use (TypeScript compiler, OpenAPI validator) into tools/,
# then runs the Rust test suite and the strict-lint checks.
set -euo pipefail
cd "$(dirname "$0")/.."

bash scripts/install-tools.sh
# The linear-work test counts instructions with Valgrind: installed from
# the distribution's packages where it is missing.
if ! command -v valgrind >/dev/null; then
    if command -v apt-get >/dev/null; then
        SUDO=""; [ "$(id -u)" -eq 0 ] || SUDO="sudo"
        $SUDO apt-get update -qq && $SUDO apt-get install -y -qq valgrind >/dev/null
    fi
    command -v valgrind >/dev/null || { echo "test.sh: valgrind not found and not installable (apt-get install valgrind)" >&2; exit 1; }
fi

export RUSTFLAGS="${RUSTFLAGS:-} -D warnings"
cargo test --workspace --all-features
# Strict lints over the workspace, including the generated Rust that the
# root crate and tests/hostile-consumer include.
cargo clippy --workspace --all-targets --all-features -- -D warnings -W clippy::pedantic
RUSTDOCFLAGS="-D warnings" cargo doc --workspace --no-deps --all-features
# build.rs reruns only when the spec changes (uses a scratch copy).
bash scripts/check-rebuild.sh
