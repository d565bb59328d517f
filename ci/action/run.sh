#!/usr/bin/env bash
# The GitHub Action's work (action.yml), kept in a file so that it runs the same way here:
# install adf-language-tools with pip into a venv, run `adf check --format sarif` into a file,
# say whether that file is a SARIF log, and exit with adf's code, or, with ADF_DEFER_EXIT=true
# (the action), exit 0 and leave the code in the step outputs, so that the upload runs before a
# later step fails the job.
#
# Environment: ADF_VERSION (empty: the version in the Cargo.toml beside the action), ADF_WHEEL
# (a local wheel instead of PyPI), ADF_PATH (paths, one per line; default "."), ADF_ARGS (more
# arguments, split at spaces), ADF_SARIF (default adf.sarif), ADF_VENV (where to install),
# ADF_ACTION_ROOT (the action's checkout), GITHUB_OUTPUT (step outputs, when set).
set -euo pipefail

root="${ADF_ACTION_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}"
sarif="${ADF_SARIF:-adf.sarif}"
venv="${ADF_VENV:-${RUNNER_TEMP:-${TMPDIR:-/tmp}}/adf-check-venv}"

output() {
    if [ -n "${GITHUB_OUTPUT:-}" ]; then
        echo "$1=$2" >>"$GITHUB_OUTPUT"
    fi
}

if [ "$(uname -s)/$(uname -m)" != "Linux/x86_64" ]; then
    echo "error: the adf-language-tools wheel is built for Linux x86-64; this runner is $(uname -s)/$(uname -m)" >&2
    exit 2
fi
command -v python3 >/dev/null || { echo "error: python3 is needed to install adf with pip" >&2; exit 2; }

if [ -n "${ADF_WHEEL:-}" ]; then
    [ -f "$ADF_WHEEL" ] || { echo "error: wheel not found: $ADF_WHEEL" >&2; exit 2; }
    requirement="$ADF_WHEEL"
else
    version="${ADF_VERSION:-}"
    if [ -z "$version" ]; then
        # The action's own release: the workspace version of the Cargo.toml it ships with.
        version="$(awk '/^\[/ { section = $0 } section == "[workspace.package]" && /^version *=/ { gsub(/^version *= *"|".*$/, ""); print; exit }' "$root/Cargo.toml" 2>/dev/null || true)"
        [ -n "$version" ] || { echo "error: no version input and no workspace version in $root/Cargo.toml" >&2; exit 2; }
    fi
    requirement="adf-language-tools==$version"
fi

if [ ! -x "$venv/bin/python" ]; then
    python3 -m venv "$venv" || { echo "error: python3 -m venv $venv failed" >&2; exit 2; }
fi
echo "installing $requirement into $venv"
"$venv/bin/python" -m pip install --quiet --disable-pip-version-check "$requirement" ||
    { echo "error: pip could not install $requirement" >&2; exit 2; }
"$venv/bin/adf" --version

paths=()
while IFS= read -r line; do
    [ -n "$line" ] && paths+=("$line")
done <<<"${ADF_PATH:-.}"
[ ${#paths[@]} -gt 0 ] || paths=(.)
read -r -a args <<<"${ADF_ARGS:-}"

mkdir -p "$(dirname "$sarif")"
set +e
"$venv/bin/adf" check --format sarif "${args[@]}" -- "${paths[@]}" >"$sarif"
code=$?
set -e

# Only a SARIF log is worth uploading: after a usage error (exit 2) the file may be empty.
if summary="$("$venv/bin/python" - "$sarif" <<'PY'
import json, sys
with open(sys.argv[1], encoding="utf-8") as f:
    log = json.load(f)
runs = log["runs"]
if not isinstance(runs, list) or not runs:
    sys.exit(1)
print(sum(len(run.get("results", [])) for run in runs))
PY
)" 2>/dev/null; then
    echo "adf check exited with $code; $summary result(s) in $sarif"
    output sarif-valid true
else
    echo "adf check exited with $code; $sarif is not a SARIF log (see the messages above)" >&2
    output sarif-valid false
fi
output sarif-file "$sarif"
output exit-code "$code"

if [ "${ADF_DEFER_EXIT:-false}" = true ]; then
    exit 0
fi
exit "$code"
