#!/usr/bin/env bash
# Tests of the npm packages of the `adf` command (npm/README.md): builds them
# (scripts/build-npm.sh), installs the tarballs into fresh folders without asking any registry,
# then runs the installed `adf` on the native path and with the WASI fallback forced, against the
# release CLI run the same way: same standard output byte for byte, same standard error, same exit
# code, on the example, a copy with planted faults, a missing path and a copy under a path with a
# space, by relative and absolute paths. Also: the launcher alone (no platform package), and a
# native adf that cannot start, fall back to WASI with one note; a signal reaches the native
# child; the WASI build has no `adf lsp`. Each part prints its seconds.
#
#   ADF_BINARY  the native executable to pack (see scripts/build-npm.sh); the reference the
#               packages are compared with is always the release build, target/release/adf
set -euo pipefail
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
start=$SECONDS
part_start=$SECONDS

die() { echo "error: $*" >&2; exit 1; }
# Ends a part: how long it took, so a slow one shows.
part() { echo "   [$((SECONDS - part_start)) s] $*"; part_start=$SECONDS; }

command -v node >/dev/null || die "Node.js 18 or later is needed"
[ -d examples/ml-retraining ] || die "examples/ml-retraining is missing"

echo "== release build of the CLI (the reference)"
cargo build --locked --release -p adf-cli
reference="$CARGO_TARGET_DIR/release/adf"
part "release build"

echo "== npm packages (scripts/build-npm.sh)"
mapfile -t tarballs < <(bash scripts/build-npm.sh)
[ ${#tarballs[@]} -ge 2 ] || die "scripts/build-npm.sh packed ${#tarballs[@]} tarballs, expected the launcher and a platform"
launcher_tgz=""
platform_tgz=""
for t in "${tarballs[@]}"; do
  [ -f "$t" ] || die "$t was not written"
  case "$(basename "$t")" in
    adf-language-tools-linux-x64-*.tgz) platform_tgz=$t ;;
    adf-language-tools-[0-9]*.tgz) launcher_tgz=$t ;;
  esac
done
[ -n "$launcher_tgz" ] && [ -n "$platform_tgz" ] || die "no launcher or no linux-x64 tarball among: ${tarballs[*]}"
part "build and pack"

echo "== what the tarballs hold"
version=$(node -p 'require(process.argv[1]).version' "$repo/npm/adf-language-tools/package.json")
workspace_version=$(python3 "$repo/scripts/set-version.py" --print)
[ "$version" = 0.0.0 ] || die "npm/adf-language-tools/package.json should keep the placeholder 0.0.0 (the build stamps the real one), has $version"
listing=$(tar -tvzf "$platform_tgz")
echo "$listing"
grep -Eq '^-rwx.* package/adf$' <<<"$listing" || die "the platform tarball's adf is not executable"
listing=$(tar -tvzf "$launcher_tgz")
echo "$listing"
for f in package/bin/adf.js package/adf.wasm package/package.json package/README.md; do
  grep -q " $f\$" <<<"$listing" || die "the launcher tarball lacks $f"
done
[ "$(tar -tzf "$launcher_tgz" | wc -l)" -eq 4 ] || die "the launcher tarball holds more than bin/adf.js, adf.wasm, package.json and README.md"
tar -xOzf "$launcher_tgz" package/package.json | node -e '
  let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => {
    const m = JSON.parse(s), v = process.argv[1];
    const optional = JSON.stringify(m.optionalDependencies);
    if (m.version !== v || optional !== JSON.stringify({ "adf-language-tools-linux-x64": v })) {
      console.error(`error: launcher manifest: version ${m.version}, optionalDependencies ${optional}; expected ${v}`);
      process.exit(1);
    }
  });' "$workspace_version"
[ "$(tar -xOzf "$platform_tgz" package/package.json | node -p 'JSON.parse(require("fs").readFileSync(0, "utf8")).version')" = "$workspace_version" ] ||
  die "the platform package's version is not the workspace's ($workspace_version)"
part "tarball contents"

work=$(mktemp -d "${TMPDIR:-/tmp}/adf-npm-test.XXXXXX")
trap 'rm -rf "$work"' EXIT

# A fresh cache, --offline and a registry nobody listens on: an install that asked a registry
# for anything (the unpublished names above all) would fail, or fetch nothing, instead of
# installing someone else's package of that name.
npm_install() {
  local dir=$1
  shift
  mkdir -p "$dir"
  (cd "$dir" && echo '{"private": true}' >package.json &&
    npm install --offline --cache "$work/npm-cache" --registry http://127.0.0.1:9/ \
      --no-audit --no-fund --loglevel http "$@") >"$dir.log" 2>&1 ||
    { cat "$dir.log" >&2; die "npm install $* failed"; }
}

echo "== install both tarballs into a fresh folder (offline)"
npm_install "$work/full" "$launcher_tgz" "$platform_tgz"
if grep -Eq 'ENOTCACHED|127\.0\.0\.1:9|GET [0-9]' "$work/full.log"; then
  cat "$work/full.log" >&2
  die "npm asked a registry during the install of local tarballs"
fi
(cd "$work/full" && npm ls --all --offline >"$work/full-ls.txt" 2>&1) || { cat "$work/full-ls.txt" >&2; die "npm ls: the install is incomplete"; }
grep -q 'adf-language-tools-linux-x64@' "$work/full-ls.txt" || die "the platform package was not installed"
# npm does look the optional dependency up by name (`--loglevel silly` shows the packument
# cache miss for 127.0.0.1:9); what it installs must still be the local tarball.
node -e '
  const lock = require(process.argv[1]).packages["node_modules/adf-language-tools-linux-x64"];
  if (!lock || !String(lock.resolved).startsWith("file:")) {
    console.error(`error: the platform package did not come from the tarball: ${JSON.stringify(lock)}`);
    process.exit(1);
  }' "$work/full/node_modules/.package-lock.json"
[ -x "$work/full/node_modules/adf-language-tools-linux-x64/adf" ] || die "the installed native adf lost its executable bit"
installed="$work/full/node_modules/.bin/adf"
[ -x "$installed" ] || die "npm made no node_modules/.bin/adf"
part "install (launcher and platform)"

echo "== install the launcher alone (no platform package)"
npm_install "$work/alone" "$launcher_tgz"
[ ! -e "$work/alone/node_modules/adf-language-tools-linux-x64" ] || die "the platform package came from somewhere"
alone="$work/alone/node_modules/.bin/adf"
part "install (launcher alone)"

# The material: the example, a copy with planted faults (a misspelled property, a warning, and
# a misspelled reference, an error: exit 1), a copy under a folder whose name has a space.
data="$work/data"
mkdir -p "$data/with space"
cp -R examples/ml-retraining "$data/ok"
cp -R examples/ml-retraining "$data/bad"
cp -R examples/ml-retraining "$data/with space/ml retraining"
sed -i -e 's/"executionPriorityOrder"/"executionPriorityOrdr"/' \
  -e 's/"linkedServiceName": "RetrainingService"/"linkedServiceName": "RetrainingServce"/' \
  "$data/bad/WeeklyRetraining.json"
grep -q RetrainingServce "$data/bad/WeeklyRetraining.json" || die "the fault was not planted"
# Links and a FIFO: the WASI build's walker does not follow links (adf-host's fs.rs says why)
# and must still report what the native walk reports: a link out of the folder, a loop, a link
# to a file inside (read: here a second BlobStorage, a duplicate name), a FIFO.
mkdir -p "$data/links/sub" "$data/outside"
cp examples/ml-retraining/*.json "$data/links/"
cp "$data/bad/WeeklyRetraining.json" "$data/outside/"
ln -s ../outside "$data/links/out"
ln -s .. "$data/links/sub/loop"
ln -s BlobStorage.json "$data/links/again.json"
mkfifo "$data/links/fifo.json"

# Runs `$1` and the reference in folder $2 with the rest as arguments; both must exit with
# $expected and write the same standard output and error, byte for byte.
cases=0
same() {
  local label=$1 cmd=$2 dir=$3 expected=$4
  shift 4
  local got want
  set +e
  (cd "$dir" && if [ -n "${stale_pwd:-}" ]; then PWD=$stale_pwd "$cmd" "$@"; else "$cmd" "$@"; fi) >"$work/got.out" 2>"$work/got.err"
  got=$?
  (cd "$dir" && "$reference" "$@") >"$work/want.out" 2>"$work/want.err"
  want=$?
  set -e
  [ "$want" -eq "$expected" ] || die "reference adf $* (in $dir) exited $want, expected $expected"
  [ "$got" -eq "$want" ] || { cat "$work/got.err" >&2; die "$label: adf $* (in $dir) exited $got, the reference $want"; }
  cmp -s "$work/got.out" "$work/want.out" || { diff "$work/want.out" "$work/got.out" | head -20 >&2; die "$label: adf $* (in $dir): standard output differs from the reference's"; }
  cmp -s "$work/got.err" "$work/want.err" || { diff "$work/want.err" "$work/got.err" | head -20 >&2; die "$label: adf $* (in $dir): standard error differs from the reference's"; }
  cases=$((cases + 1))
}

# Every case in both formats, from the repository and from the data folder, by relative and
# absolute paths.
all_cases() {
  local label=$1 cmd=$2 format
  for format in json text; do
    same "$label" "$cmd" "$repo" 0 check examples/ml-retraining --format "$format"
    same "$label" "$cmd" "$repo" 0 check "$repo/examples/ml-retraining" --format "$format"
    same "$label" "$cmd" "$repo/examples/ml-retraining" 0 check --format "$format"
    same "$label" "$cmd" "$data" 0 check ok --format "$format"
    same "$label" "$cmd" "$data" 1 check bad --format "$format"
    same "$label" "$cmd" "$data" 1 check "$data/bad" --format "$format"
    same "$label" "$cmd" "$data/bad" 1 check . --format "$format"
    same "$label" "$cmd" "$data" 1 check ./bad/WeeklyRetraining.json --format "$format"
    same "$label" "$cmd" "$data" 0 check "with space/ml retraining" --format "$format"
    same "$label" "$cmd" "$data" 0 check "$data/with space/ml retraining" --format "$format"
    same "$label" "$cmd" "$data/with space" 1 check "ml retraining" ../bad --format "$format"
    same "$label" "$cmd" "$data" 1 check links --format "$format"
    same "$label" "$cmd" "$data" 2 check no-such-folder --format "$format"
    same "$label" "$cmd" "$data" 2 check "$data/no such folder" --format "$format"
  done
  same "$label" "$cmd" "$data" 0 check ok --format sarif
  same "$label" "$cmd" "$data" 1 check bad --format github
  same "$label" "$cmd" "$data" 2 check bad --format no-such-format
  same "$label" "$cmd" "$data" 0 rules
  same "$label" "$cmd" "$data" 0 --version
  # A parent that does not keep PWD up to date (one that spawns with another working folder):
  # the launcher must still tell the WASI build the real current folder.
  stale_pwd=/ same "$label" "$cmd" "$data" 1 check bad --format json
  same "$label" "$cmd" "$data" 0 explain unused-entity
}

echo "== native path (node_modules/.bin/adf, platform package installed)"
before=$cases
all_cases native "$installed"
echo "   $((cases - before)) runs identical to the reference"
part "native path"

echo "== npx, as users run it: by package name in the install, and from nothing into npx's cache"
# Without a note on standard error: the platform package was found, the native adf ran.
# From the install's folder, where npx finds the package (fingerprints depend on the folder).
(cd "$work/full" && "$reference" check "$data/ok" --format json) >"$work/want.out" 2>/dev/null
(cd "$work/full" && npx --offline --no-install adf-language-tools check "$data/ok" --format json) >"$work/npx.out" 2>"$work/npx.err" ||
  die "npx --no-install adf-language-tools failed: $(cat "$work/npx.err")"
cmp -s "$work/npx.out" "$work/want.out" && [ ! -s "$work/npx.err" ] || die "npx --no-install adf-language-tools: other output, or said: $(cat "$work/npx.err")"
mkdir "$work/elsewhere"
(cd "$work/elsewhere" && "$reference" check "$data/ok" --format json) >"$work/want.out" 2>/dev/null
(cd "$work/elsewhere" && npx --offline --cache "$work/npx-cache" --registry http://127.0.0.1:9/ --yes \
  --package="$launcher_tgz" --package="$platform_tgz" -- adf check "$data/ok" --format json) >"$work/npx.out" 2>"$work/npx.err" ||
  die "npx --package=<the tarballs> -- adf failed: $(cat "$work/npx.err")"
cmp -s "$work/npx.out" "$work/want.out" && [ ! -s "$work/npx.err" ] || die "npx --package=<the tarballs> -- adf: other output, or said: $(cat "$work/npx.err")"
part "npx"

echo "== WASI fallback forced (ADF_NPM_FORCE_WASI=1)"
before=$cases
export ADF_NPM_FORCE_WASI=1
all_cases wasi "$installed"
# Also through npx, as users run it (from the folder it is installed in).
(cd "$work/full" && npx --no-install adf check "$data/bad" --format json) >"$work/npx.out" 2>"$work/npx.err" && rc=0 || rc=$?
# From the same folder: fingerprints depend on the working folder.
(cd "$work/full" && "$reference" check "$data/bad" --format json) >"$work/want.out" 2>/dev/null || true
[ "$rc" -eq 1 ] && [ ! -s "$work/npx.err" ] || die "npx --no-install adf (WASI) exited $rc (expected 1), said: $(cat "$work/npx.err")"
cmp -s "$work/npx.out" "$work/want.out" || { diff "$work/want.out" "$work/npx.out" | head -20 >&2; die "npx --no-install adf (WASI): output differs from the reference's"; }
set +e
(cd "$data" && "$installed" lsp) </dev/null >"$work/lsp.out" 2>"$work/lsp.err"
rc=$?
set -e
[ "$rc" -eq 2 ] || die "adf lsp in the WASI build exited $rc, expected 2"
grep -q 'no language server' "$work/lsp.err" || die "adf lsp in the WASI build does not say why: $(cat "$work/lsp.err")"
unset ADF_NPM_FORCE_WASI
echo "   $((cases - before)) runs identical to the reference"
part "WASI fallback (forced)"

echo "== launcher alone: falls back to WASI with one note on standard error"
set +e
(cd "$data" && "$alone" check bad --format json) >"$work/alone.out" 2>"$work/alone.err"
rc=$?
(cd "$data" && "$reference" check bad --format json) >"$work/want.out" 2>/dev/null
set -e
[ "$rc" -eq 1 ] || die "the launcher alone exited $rc on the faulty copy, expected 1"
cmp -s "$work/alone.out" "$work/want.out" || die "the launcher alone: output differs from the reference's"
[ "$(wc -l <"$work/alone.err")" -eq 1 ] && grep -q '^adf (npm): no native build installed for linux-x64; using the portable WebAssembly build' "$work/alone.err" ||
  die "the launcher alone should say one line about the portable build, said: $(cat "$work/alone.err")"
# The note must not turn a pipe shared by both streams non-blocking: more output than a pipe
# holds (80 KB), read late, would then fail with EAGAIN halfway (exit 2, output cut).
mkdir "$data/many"
for i in $(seq 150); do cp -R "$data/bad" "$data/many/copy$i"; done
set +e
"$alone" check "$data/many" 2>&1 | (sleep 1 && cat >"$work/alone.out")
rc=${PIPESTATUS[0]}
set -e
"$reference" check "$data/many" >"$work/want.out" 2>&1 || true
[ "$(wc -c <"$work/want.out")" -gt 65536 ] || die "the output of $data/many is smaller than a pipe's buffer: no test"
[ "$rc" -eq 1 ] && tail -n +2 "$work/alone.out" | cmp -s - "$work/want.out" ||
  die "the launcher alone, both streams into one slow pipe: exit $rc, or output other than the note and the reference's"
part "launcher alone"

echo "== a native adf that cannot start: the WASI build runs instead, with one note"
cp -R "$work/full" "$work/broken"
chmod -x "$work/broken/node_modules/adf-language-tools-linux-x64/adf"
(cd "$data" && "$reference" check bad --format json) >"$work/want.out" 2>/dev/null || true
# falls_back INSTALL WHAT NOTE: the install's adf runs the WASI build instead of its native one,
# with the reference's output and exit code, and says so in one stderr line matching NOTE.
falls_back() {
  local install=$1 what=$2 note=$3 rc=0
  (cd "$data" && "$work/$install/node_modules/.bin/adf" check bad --format json) \
    >"$work/$install.out" 2>"$work/$install.err" || rc=$?
  [ "$rc" -eq 1 ] && cmp -s "$work/$install.out" "$work/want.out" ||
    die "with $what: exit $rc (expected 1), or output other than the reference's"
  [ "$(wc -l <"$work/$install.err")" -eq 1 ] && grep -q "$note" "$work/$install.err" ||
    die "with $what, the launcher should say one line about it, said: $(cat "$work/$install.err")"
}
falls_back broken "a native adf that cannot start" \
  '^adf (npm): cannot start .*/adf (EACCES); using the portable WebAssembly build$'
part "native adf that cannot start"

echo "== a platform package of another version: the WASI build runs instead, with one note"
cp -R "$work/full" "$work/skewed"
node -e '
  const fs = require("fs"), file = process.argv[1];
  const m = JSON.parse(fs.readFileSync(file, "utf8"));
  m.version = "0.0.1-other";
  fs.writeFileSync(file, JSON.stringify(m));' "$work/skewed/node_modules/adf-language-tools-linux-x64/package.json"
falls_back skewed "a platform package of another version" \
  "^adf (npm): adf-language-tools-linux-x64 is 0.0.1-other, adf-language-tools $workspace_version; using the portable WebAssembly build"
part "platform package of another version"

echo "== a signal sent to the launcher reaches the native adf"
# `adf lsp` waits on its input; the launcher must pass SIGTERM on and then die of it too.
mkfifo "$work/lsp-in"
(cd "$data" && exec "$installed" lsp) <"$work/lsp-in" >/dev/null 2>&1 &
launcher_pid=$!
exec 9>"$work/lsp-in"
child=""
for _ in $(seq 50); do
  child=$(pgrep -P "$launcher_pid" -x adf || true)
  [ -n "$child" ] && break
  sleep 0.1
done
[ -n "$child" ] || die "the launcher started no native adf"
kill -TERM "$launcher_pid"
set +e
wait "$launcher_pid"
rc=$?
set -e
exec 9>&-
[ "$rc" -eq 143 ] || die "the launcher ended with $rc after SIGTERM, expected 143 (killed by SIGTERM)"
! kill -0 "$child" 2>/dev/null || die "the native adf (pid $child) outlived the launcher"
part "signal"

echo "npm package tests: $cases runs identical to the reference, in $((SECONDS - start)) s"
