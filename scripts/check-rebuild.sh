#!/usr/bin/env bash
# Checks the freshness contract of errgen::Config::compile on a scratch copy
# of the repository (the working tree is never touched):
#   1. `cargo build` twice without edits: the second run reruns no build
#      script (api-errors is `Fresh`);
#   2. editing a spec file reruns the build script once and the new code
#      appears in the generated file;
#   3. touching a spec file without changing it reruns the build script,
#      but the generated file is not rewritten (its mtime stays).
#   4. a new file in the spec folder reruns the build script.
# Usage: bash scripts/check-rebuild.sh   (uses $CARGO_TARGET_DIR if set)
set -euo pipefail
cd "$(dirname "$0")/.."

scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT
# The working tree as it is: tracked and untracked files, not ignored ones.
git ls-files -z --cached --others --exclude-standard |
    tar --null --ignore-failed-read -cf - -T - 2>/dev/null | tar -xf - -C "$scratch"
# A target folder of its own: cargo hashes workspace packages by their path
# relative to the workspace, so the copy would otherwise share (and rewrite)
# the normal build's OUT_DIR.
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$PWD/target}/check-rebuild"
cd "$scratch"

build() { cargo build -v -p api-errors 2>&1; }
fail() { echo "check-rebuild: $1" >&2; echo "$2" >&2; exit 1; }
reran() { grep -Eq 'Running `[^`]*api-errors-[0-9a-f]+/build-script-build`' <<<"$1"; }

out=$(build) || fail "cargo build failed" "$out"
out=$(build) || fail "cargo build failed" "$out"
grep -q 'Fresh api-errors' <<<"$out" || fail "an unchanged crate was rebuilt" "$out"
reran "$out" && fail "the build script reran without an edit" "$out"
echo "ok: second build without edits: api-errors Fresh, no build script run"

out_dir=$(cargo build -p api-errors --message-format=json 2>/dev/null |
    grep '"reason":"build-script-executed"' | grep -F "$scratch" |
    sed -n 's/.*"out_dir":"\([^"]*\)".*/\1/p')
generated="$out_dir/errors.rs"
[ -f "$generated" ] || fail "no generated file found (OUT_DIR: '$out_dir')" ""
sed -i 's/^| MAINTENANCE  /| REBUILD_PROBE | Probe | Added by check-rebuild.sh |\n| MAINTENANCE  /' spec/error-response.md
grep -q REBUILD_PROBE spec/error-response.md || fail "could not edit the spec" ""
out=$(build) || fail "cargo build failed" "$out"
reran "$out" || fail "editing the spec did not rerun the build script" "$out"
grep -q '"REBUILD_PROBE"' "$generated" || fail "the new code is not in $generated" ""
echo "ok: editing spec/error-response.md reran the build script; REBUILD_PROBE generated"

out=$(build) || fail "cargo build failed" "$out"
reran "$out" && fail "the build script reran after the edit was built" "$out"
before=$(stat -c %y "$generated" 2>/dev/null || stat -f %Fm "$generated")
sleep 1
touch spec/error-response.md
out=$(build) || fail "cargo build failed" "$out"
reran "$out" || fail "touching the spec did not rerun the build script" "$out"
after=$(stat -c %y "$generated" 2>/dev/null || stat -f %Fm "$generated")
[ "$before" = "$after" ] || fail "the unchanged generated file was rewritten" ""
echo "ok: touching the spec reran the build script; errors.rs kept its mtime"

printf '# Notes\n\nA new file in the spec folder.\n' > spec/notes.md
out=$(build) || fail "cargo build failed" "$out"
reran "$out" || fail "a new file in spec/ did not rerun the build script" "$out"
echo "ok: a new file in spec/ reran the build script (the folder is watched)"
out=$(build) || fail "cargo build failed" "$out"
reran "$out" && fail "the build script reran again after the new file was built" "$out"
echo "ok: and the build after that is fresh again"
