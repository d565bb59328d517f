#!/usr/bin/env bash
# The Python wheel and what is built on it: the wheel installed into a fresh venv behaves as the
# native CLI does; it is manylinux2014 (glibc 2.17) and holds the same binary as
# target/portable/adf; the pre-commit hook passes a clean factory and fails a faulty one; the
# GitHub Action's script and the Azure Pipelines template write SARIF and keep adf's exit code;
# both CI files validate against their schemas. Nothing unpublished is fetched: pip resolves
# adf-language-tools from target/dist only.
set -euo pipefail
cd "$(dirname "$0")/.."
root="$PWD"

started=$SECONDS
part_name=""
part_start=$SECONDS
timings=()
part() {
    if [ -n "$part_name" ]; then
        timings+=("$(printf '%4d s  %s' $((SECONDS - part_start)) "$part_name")")
    fi
    part_name="$1"
    part_start=$SECONDS
    echo "-- [$((SECONDS - started)) s] $part_name"
}
fail() {
    echo "FAIL: $*" >&2
    exit 1
}
# expect CODE COMMAND...: runs COMMAND (its output kept in $tmp/out.txt and shown on failure)
# and fails unless it exits with CODE.
expect() {
    local want="$1" got=0
    shift
    "$@" >"$tmp/out.txt" 2>&1 || got=$?
    if [ "$got" -ne "$want" ]; then
        cat "$tmp/out.txt" >&2
        fail "exit code $got, expected $want: $*"
    fi
}
contains() {
    grep -qF -- "$1" "$tmp/out.txt" || { cat "$tmp/out.txt" >&2; fail "output lacks \"$1\""; }
}

[ -f ../shared/sarif/sarif-schema-2.1.0.json ] ||
    { echo "error: ../shared/sarif/sarif-schema-2.1.0.json (the shared test material beside the repository) is missing" >&2; exit 2; }

tmp="$(mktemp -d "${TMPDIR:-/tmp}/adf-test-wheel.XXXXXX")"
trap 'rm -rf "$tmp"' EXIT

part "tools venv and the native CLI"
source scripts/py-tools.sh
native="$root/target/release/adf"
# A no-op after scripts/test.sh's release build; standalone it keeps the comparison honest.
cargo build --locked --release -p adf-cli
version="$(python3 scripts/set-version.py --print)"
dist="$root/target/dist"

part "the wheel (scripts/build-portable.sh; cargo rebuilds only what changed)"
# Always through cargo rather than "when the wheel exists": cargo alone knows every input of the
# binary (the sources, the rule pages it embeds, build-script inputs such as the commit), and
# when none changed the build takes a few seconds.
bash scripts/build-portable.sh "$dist"
wheels=("$dist"/adf_language_tools-"$version"-py3-none-*manylinux*_x86_64.whl)
[ ${#wheels[@]} -eq 1 ] || fail "expected one wheel of $version in $dist, found: ${wheels[*]}"
wheel="${wheels[0]}"
[ -f "$wheel" ] || fail "scripts/build-portable.sh wrote no wheel of $version to $dist (it holds: $(ls "$dist"))"
echo "$(basename "$wheel"): $(stat -c %s "$wheel") bytes"

part "the wheel's tag (auditwheel) and the binary's glibc baseline"
auditwheel show "$wheel" >"$tmp/out.txt" 2>&1 || { cat "$tmp/out.txt" >&2; fail "auditwheel show failed"; }
cat "$tmp/out.txt"
contains '"manylinux_2_17_x86_64"'
newest_glibc="$(objdump -T target/portable/adf | grep -o 'GLIBC_[0-9][0-9.]*' | sed 's/GLIBC_//' | sort -V | tail -n 1)"
echo "newest glibc symbol version needed by target/portable/adf: $newest_glibc"
[ "$(printf '%s\n2.17\n' "$newest_glibc" | sort -V | tail -n 1)" = 2.17 ] ||
    fail "target/portable/adf needs glibc $newest_glibc, newer than the manylinux2014 baseline 2.17"

part "the wheel in a fresh venv against the native CLI"
python3 -m venv "$tmp/venv"
"$tmp/venv/bin/python" -m pip install --quiet --disable-pip-version-check --no-index "$wheel"
adf="$tmp/venv/bin/adf"
cmp "$adf" target/portable/adf || fail "the adf pip installed differs from target/portable/adf"
[ "$("$adf" --version)" = "$("$native" --version)" ] || fail "--version differs: $("$adf" --version) / $("$native" --version)"
mkdir -p "$tmp/clean" "$tmp/faulty" "$tmp/with space"
cp -r examples/ml-retraining "$tmp/clean/"
cp -r examples/ml-retraining "$tmp/faulty/"
cp -r examples/ml-retraining "$tmp/with space/"
# The fault docs/ci.md shows: a dataset naming a linked service that does not exist.
sed -i 's/"linkedServiceName": "BlobStorage"/"linkedServiceName": "BlobStorge"/' "$tmp/faulty/ml-retraining/TrainedModel.json"
grep -q BlobStorge "$tmp/faulty/ml-retraining/TrainedModel.json" || fail "the fault was not planted"
(
    cd "$tmp/clean"
    expect 0 "$adf" check ml-retraining
    contains "checked 7 files"
    expect 2 "$adf" check does-not-exist
    cd "$tmp/faulty"
    expect 1 "$adf" check ml-retraining
    contains "BlobStorge"
    cd "$tmp/with space"
    expect 0 "$adf" check ml-retraining
    expect 0 "$adf" check "$tmp/with space/ml-retraining"
    # The same JSON, byte for byte, from the wheel's binary and the native build.
    for dir in "$tmp/clean" "$tmp/with space" "$tmp/faulty"; do
        cd "$dir"
        "$adf" check --format json ml-retraining >"$tmp/wheel.json" || true
        "$native" check --format json ml-retraining >"$tmp/native.json" || true
        cmp "$tmp/wheel.json" "$tmp/native.json" || fail "JSON output differs in $dir"
    done
    # The last folder compared is the faulty one.
    python3 -c 'import json, sys; d = json.load(open(sys.argv[1])); assert d["summary"]["errors"] == 1, d["summary"]' "$tmp/wheel.json" ||
        fail "the faulty copy's JSON does not count 1 error"
)

part "pre-commit try-repo with the hook repository"
hook_repo="$tmp/hook-repo"
bash scripts/hook-repo.sh "$hook_repo"
# The hook repository's own package builds with setuptools; keep its wheel beside ours so that
# pip never needs an index (fetched once from PyPI).
wheelhouse="$root/target/py-tools/wheelhouse"
if ! ls "$wheelhouse"/setuptools-*.whl >/dev/null 2>&1; then
    "$py_tools/bin/python" -m pip download --quiet --disable-pip-version-check --only-binary :all: --dest "$wheelhouse" 'setuptools>=77'
fi
project="$tmp/project"
mkdir -p "$project"
cp -r examples/ml-retraining "$project/factory"
git -C "$project" init --quiet
git -C "$project" add -A
git -C "$project" -c commit.gpgsign=false -c user.name=test -c user.email=test@example.invalid commit --quiet -m factory
(
    cd "$project"
    export PRE_COMMIT_HOME="$tmp/pre-commit-home" PIP_NO_INDEX=1 PIP_FIND_LINKS="$dist $wheelhouse"
    expect 0 pre-commit try-repo "$hook_repo" adf-check --all-files
    contains "adf check"
    contains "Passed"
    # Why the hook takes no file names: the pipeline alone names datasets and linked services
    # that, without the rest of the factory, do not exist.
    expect 1 "$adf" check factory/WeeklyRetraining.json
    contains "no dataset named \`TrainedModel\` in this factory"
    # Only a pipeline staged: the hook still checks the whole factory, so the pipeline's
    # datasets and linked services resolve and nothing is reported missing.
    sed -i 's/"concurrency": 1,/"concurrency": 2,/' factory/WeeklyRetraining.json
    git add factory/WeeklyRetraining.json
    expect 0 pre-commit try-repo "$hook_repo" adf-check
    contains "Passed"
    sed -i 's/"linkedServiceName": "BlobStorage"/"linkedServiceName": "BlobStorge"/' factory/TrainedModel.json
    git add factory/TrainedModel.json
    expect 1 pre-commit try-repo "$hook_repo" adf-check --all-files
    contains "Failed"
    contains "no linked service named \`BlobStorge\`"
)

part "the GitHub Action's script (ci/action/run.sh)"
(
    cd "$tmp/clean"
    # No wheel and no version: run.sh installs the version of the Cargo.toml beside the action,
    # which pip finds in target/dist.
    export ADF_ACTION_ROOT="$root" ADF_VENV="$tmp/action-venv"
    PIP_NO_INDEX=1 PIP_FIND_LINKS="$dist" ADF_PATH=ml-retraining ADF_SARIF="$tmp/clean/out/adf.sarif" \
        GITHUB_OUTPUT="$tmp/clean.out" expect 0 bash "$root/ci/action/run.sh"
    contains "adf check exited with 0; 0 result(s)"
    grep -qx 'exit-code=0' "$tmp/clean.out" && grep -qx 'sarif-valid=true' "$tmp/clean.out" ||
        fail "step outputs of the clean run: $(cat "$tmp/clean.out")"
    cd "$tmp/faulty"
    ADF_WHEEL="$wheel" ADF_PATH=ml-retraining ADF_SARIF=adf.sarif ADF_ARGS="--max-files 1000" \
        GITHUB_OUTPUT="$tmp/faulty.out" expect 1 bash "$root/ci/action/run.sh"
    contains "adf check exited with 1; 1 result(s)"
    python3 -c 'import json, sys; r = json.load(open(sys.argv[1]))["runs"][0]["results"]; assert [x["ruleId"] for x in r] == ["ADF0201"], r' adf.sarif ||
        fail "the faulty copy's SARIF does not hold the one ADF0201 result"
    # As the action runs it: exit 0 so that the upload step runs, the code in the outputs.
    ADF_DEFER_EXIT=true ADF_WHEEL="$wheel" ADF_PATH=ml-retraining ADF_SARIF=deferred.sarif \
        GITHUB_OUTPUT="$tmp/deferred.out" expect 0 bash "$root/ci/action/run.sh"
    grep -qx 'exit-code=1' "$tmp/deferred.out" && grep -qx 'sarif-valid=true' "$tmp/deferred.out" ||
        fail "step outputs of the deferred run: $(cat "$tmp/deferred.out")"
    # A path that does not exist: exit 2, and no SARIF to upload.
    ADF_WHEEL="$wheel" ADF_PATH=does-not-exist ADF_SARIF=missing.sarif \
        GITHUB_OUTPUT="$tmp/missing.out" expect 2 bash "$root/ci/action/run.sh"
    grep -qx 'sarif-valid=false' "$tmp/missing.out" || fail "step outputs of the missing-path run: $(cat "$tmp/missing.out")"
)
# The logs validate against the SARIF 2.1.0 schema (shared, offline).
check-jsonschema --schemafile ../shared/sarif/sarif-schema-2.1.0.json "$tmp/clean/out/adf.sarif" "$tmp/faulty/adf.sarif"

part "the Azure Pipelines template (its bash steps run here)"
(
    cd "$tmp/faulty"
    expect 1 "$py_tools/bin/python" "$root/ci/azure-pipelines/run-locally.py" "$root/ci/azure-pipelines/adf-check.yml" "$tmp/azure-faulty" \
        wheel="$wheel" path=ml-retraining
    contains "##vso[task.setvariable variable=adfExitCode]1"
    contains "publish: yes"
    contains "##vso[task.logissue type=error]adf check exited with 1"
    [ -s "$tmp/azure-faulty/CodeAnalysisLogs/adf.sarif" ] || fail "no SARIF at the root of the CodeAnalysisLogs folder"
    cd "$tmp/clean"
    expect 0 "$py_tools/bin/python" "$root/ci/azure-pipelines/run-locally.py" "$root/ci/azure-pipelines/adf-check.yml" "$tmp/azure-clean" \
        wheel="$wheel" path=ml-retraining publish=false
    contains "##vso[task.setvariable variable=adfExitCode]0"
    contains "publish: no"
)

part "action.yml and the Azure Pipelines template against their schemas"
check-jsonschema --builtin-schema vendor.github-actions action.yml
check-jsonschema --builtin-schema vendor.azure-pipelines ci/azure-pipelines/adf-check.yml

part "done"
printf '%s\n' "${timings[@]}"
echo "scripts/test-wheel.sh: all green in $((SECONDS - started)) s"
