#!/usr/bin/env bash
# Installs the tools the tests run (into tools/, not globally). Idempotent:
# a second run with unchanged pins only compares two checksums.
#
#   tools/node_modules  typescript 5.9 (tsc), typescript 7 (as typescript7),
#                       node 22 (for its type stripping), openapi-typescript,
#                       @redocly/cli, pinned by tools/package-lock.json (npm ci)
#   tools/.venv         openapi-spec-validator (and its jsonschema, which the
#                       example tests use), pinned by tools/requirements.txt
#
# Needs Node.js 20+ with npm, and Python 3.9+ with venv and pip.
set -euo pipefail
cd "$(dirname "$0")/../tools"

for needed in node npm python3; do
    command -v "$needed" >/dev/null || { echo "install-tools: $needed not found (needs Node.js 20+ with npm, Python 3.9+)" >&2; exit 1; }
done

stamp_of() { sha256sum "$@" | sha256sum | cut -d' ' -f1; }

npm_stamp="$(stamp_of package.json package-lock.json)"
if [[ -f node_modules/.errgen-stamp && "$(cat node_modules/.errgen-stamp)" == "$npm_stamp" \
      && -x node_modules/typescript/bin/tsc && -x node_modules/typescript7/bin/tsc && -x node_modules/node/bin/node \
      && -x node_modules/.bin/openapi-typescript && -x node_modules/.bin/redocly ]]; then
    echo "install-tools: npm tools up to date"
else
    echo "install-tools: npm ci (typescript 5.9 and 7, node 22, openapi-typescript, @redocly/cli)"
    npm ci --no-audit --no-fund --loglevel=error
    echo "$npm_stamp" > node_modules/.errgen-stamp
fi

py_stamp="$(stamp_of requirements.txt)"
if [[ -f .venv/.errgen-stamp && "$(cat .venv/.errgen-stamp)" == "$py_stamp" \
      && -x .venv/bin/openapi-spec-validator ]]; then
    echo "install-tools: python tools up to date"
else
    echo "install-tools: python venv (openapi-spec-validator)"
    rm -rf .venv
    python3 -m venv .venv
    .venv/bin/python -m pip install --quiet --disable-pip-version-check -r requirements.txt
    echo "$py_stamp" > .venv/.errgen-stamp
fi
