#!/usr/bin/env bash
# Installs the tools the tests run (into tools/, not globally). Idempotent.
set -euo pipefail
cd "$(dirname "$0")/.."
