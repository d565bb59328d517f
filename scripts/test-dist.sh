#!/usr/bin/env bash
# The release as a new user meets it: scripts/dist.sh builds dist/, then the lines of the
# README's install block (the one after `<!-- install-from-dist`) run one by one, as written, in
# a fresh folder: pip in a fresh venv that may not reach any index, npm with an empty cache and
# no registry, `code` as code-server with an empty extensions folder. Each installed program then
# checks a copy of the example (and the npm one also through its WebAssembly fallback).
# Needs what dist.sh needs, python3-venv, and code-server (scripts/install-code-server.sh).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
cd "$root"
version="$(python3 scripts/set-version.py --print)"

# ADF_DIST_BUILT=1: dist/ is fresh already (a second try of the install lines).
[ "${ADF_DIST_BUILT:-}" = 1 ] || bash scripts/dist.sh "$root/dist"

mapfile -t lines < <(python3 - README.md <<'PY'
import sys
text = open(sys.argv[1], encoding="utf-8").read()
marker = "<!-- install-from-dist"
if marker not in text:
    sys.exit("error: README.md has no install-from-dist block")
block = text.split(marker, 1)[1].split("```sh\n", 1)[1].split("```", 1)[0]
for line in block.splitlines():
    if line.strip():
        print(line)
PY
)
[ ${#lines[@]} -ge 3 ] || { echo "error: the README's install block has ${#lines[@]} lines" >&2; exit 1; }

tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
ln -s "$root/dist" "$tmp/dist"
python3 -m venv "$tmp/venv"
# A new user's environment: the venv's pip first on PATH, no package index, no npm registry.
export PATH="$tmp/venv/bin:$PATH"
export PIP_NO_INDEX=1 PIP_DISABLE_PIP_VERSION_CHECK=1
export npm_config_cache="$tmp/npm-cache" npm_config_offline=true \
    npm_config_registry=http://127.0.0.1:9/ npm_config_audit=false npm_config_fund=false \
    npm_config_update_notifier=false npm_config_loglevel=error
code_server="$root/extension/.code-server/node_modules/.bin/code-server"
[ -x "$code_server" ] || bash scripts/install-code-server.sh
code() { "$code_server" --extensions-dir "$tmp/extensions" --user-data-dir "$tmp/user-data" "$@"; }

cd "$tmp"
echo '{"private": true}' > package.json
for line in "${lines[@]}"; do
    echo "\$ $line"
    eval "$line"
done

cp -r "$root/examples/ml-retraining" "$tmp/factory"
expect() {
    local want=$1 what=$2
    shift 2
    local got=0
    "$@" > "$tmp/out.txt" 2>&1 || got=$?
    if [ "$got" != "$want" ]; then
        cat "$tmp/out.txt" >&2
        echo "error: $what exited $got, expected $want" >&2
        exit 1
    fi
    echo "ok: $what (exit $got)"
}
[ "$(command -v adf)" = "$tmp/venv/bin/adf" ] || { echo "error: pip put no adf on the venv's PATH" >&2; exit 1; }
expect 0 "adf from the wheel on the example" adf check factory
adf --version | grep -q "^adf $version " || { echo "error: the wheel's adf --version: $(adf --version)" >&2; exit 1; }
expect 0 "npx adf (native) on the example" npx --no-install adf check factory
ADF_NPM_FORCE_WASI=1 expect 0 "npx adf (WebAssembly fallback) on the example" npx --no-install adf check factory
expect 2 "npx adf on a missing folder" npx --no-install adf check missing-folder
code --list-extensions --show-versions > "$tmp/extensions.txt"
grep -qx "adf-language-tools.adf-language-tools@$version" "$tmp/extensions.txt" || {
    cat "$tmp/extensions.txt" >&2
    echo "error: code-server did not install the extension" >&2
    exit 1
}
echo "ok: the .vsix installed (adf-language-tools.adf-language-tools@$version)"
echo "test-dist: every install line of the README works on the built artefacts"
