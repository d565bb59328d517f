#!/usr/bin/env bash
# Writes the pre-commit hook repository (a git repository with one commit, tagged v<version>)
# from pre-commit/ into the folder given as argument. The hook pins the adf-language-tools wheel
# to the version Cargo builds, filled in here so that Cargo stays the one place it is written.
set -euo pipefail
[ $# -eq 1 ] || { echo "usage: $0 OUT_DIR (a new or empty folder)" >&2; exit 2; }
out="$1"
if [ -e "$out" ] && [ -n "$(ls -A "$out")" ]; then
    echo "error: $out is not empty; give a new or empty folder" >&2
    exit 2
fi
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$(dirname "$0")/.."
version="$(python3 scripts/set-version.py --print)"
cp pre-commit/.pre-commit-hooks.yaml "$out/"
for f in pyproject.toml README.md; do
    sed "s/@VERSION@/$version/g" "pre-commit/$f" >"$out/$f"
done
if grep -rq '@VERSION@' "$out"; then
    echo "error: a @VERSION@ placeholder is left in $out" >&2
    exit 1
fi
git -C "$out" init --quiet
git -C "$out" add -A
git -C "$out" -c commit.gpgsign=false -c user.name="adf hook-repo.sh" -c user.email="hook-repo@example.invalid" \
    commit --quiet -m "adf-check hook for adf-language-tools $version"
git -C "$out" tag "v$version"
echo "hook repository for adf-language-tools $version: $out (tag v$version)"
