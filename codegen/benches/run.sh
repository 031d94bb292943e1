#!/usr/bin/env bash
# errgen's benchmark suite (issue 7; figures in BENCHMARKS.md): the six
# parts in the release profile, then generation again in the dev profile
# (build scripts run unoptimised by default). Arguments pick parts:
#   bash codegen/benches/run.sh [generate] [compile] [lookup] [cold] [rebuild] [memory] [diff] [shapes]
# Throwaway crates and target folders go under $ERRGEN_BENCH_TMP (default: a
# new temporary folder) and are deleted afterwards. Needs crates.io for the
# lookup (phf) and cold-build (prost-build) comparison crates.
set -euo pipefail
cd "$(dirname "$0")/../.."
export ERRGEN_BENCH_TMP="${ERRGEN_BENCH_TMP:-$(mktemp -d)}"
cargo bench -p errgen-cli --bench perf -- "$@"
if [ $# -eq 0 ] || [[ " $* " == *" generate "* ]]; then
    cargo bench -p errgen-cli --bench perf --profile dev -- generate
fi
