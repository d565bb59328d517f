#!/usr/bin/env bash
# Builds the npm packages of the `adf` command (npm/README.md): the launcher adf-language-tools,
# holding the WASI build, and one package per platform in npm/platforms/, holding its native
# executable. Every package.json gets the version of the Cargo workspace (workspace.package.version,
# the one place it lives) in a staging folder under target/; `npm pack` writes the tarballs.
#
# usage: bash scripts/build-npm.sh [OUT]   OUT: where the tarballs go (default: $ADF_NPM_OUT,
#                                          else target/dist)
#   ADF_BINARY      the native executable for linux-x64 (default: target/portable/adf if built,
#                   else target/release/adf, built here when missing)
#   ADF_BINARY_<PLATFORM>  the executable of another platform folder, e.g. ADF_BINARY_DARWIN_ARM64
#
# Prints the paths of the tarballs, one a line, last.
set -euo pipefail
# Paths given relative to where the script was called from.
caller=$(pwd)
absolute() { case "$1" in /*) echo "$1" ;; *) echo "$caller/$1" ;; esac; }
[ -z "${ADF_BINARY:-}" ] || ADF_BINARY=$(absolute "$ADF_BINARY")
[ $# -le 1 ] || { echo "usage: bash scripts/build-npm.sh [OUT]" >&2; exit 2; }
[ $# -eq 0 ] || ADF_NPM_OUT=$1
[ -z "${ADF_NPM_OUT:-}" ] || ADF_NPM_OUT=$(absolute "$ADF_NPM_OUT")
cd "$(dirname "$0")/.."
repo=$(pwd)
export CARGO_TARGET_DIR="${CARGO_TARGET_DIR:-$repo/target}"
out="${ADF_NPM_OUT:-$CARGO_TARGET_DIR/dist}"
stage_dir="$CARGO_TARGET_DIR/npm-stage"

die() { echo "error: $*" >&2; exit 2; }
command -v node >/dev/null || die "Node.js 18 or later is needed"
command -v npm >/dev/null || die "npm is needed"

version=$(python3 scripts/set-version.py --print) || die "cannot read the workspace version (Cargo.toml)"

# The portable build: the CLI without the language server (tokio needs threads WASI lacks).
echo "== WASI build of adf (wasm32-wasip1, without the lsp feature)" >&2
rustup target list --installed | grep -qx wasm32-wasip1 || rustup target add wasm32-wasip1 >&2
cargo build --locked --release -p adf-cli --target wasm32-wasip1 --no-default-features >&2
wasm="$CARGO_TARGET_DIR/wasm32-wasip1/release/adf.wasm"
[ -f "$wasm" ] || die "the WASI build left no $wasm"

# Which executable each platform folder packs.
binary_for() {
  local platform=$1 var
  var="ADF_BINARY_$(echo "$platform" | tr 'a-z-' 'A-Z_')"
  if [ -n "${!var:-}" ]; then
    absolute "${!var}"
  elif [ "$platform" = linux-x64 ]; then
    if [ -n "${ADF_BINARY:-}" ]; then
      echo "$ADF_BINARY"
    elif [ -x "$CARGO_TARGET_DIR/portable/adf" ]; then
      echo "$CARGO_TARGET_DIR/portable/adf"
    else
      if [ ! -x "$CARGO_TARGET_DIR/release/adf" ]; then
        echo "== release build of adf (no ADF_BINARY, no target/portable/adf)" >&2
        cargo build --locked --release -p adf-cli >&2
      fi
      echo "$CARGO_TARGET_DIR/release/adf"
    fi
  else
    die "no executable for npm/platforms/$platform: set $var"
  fi
}

# Refuses an executable built for another platform: npm would install it where it cannot run.
check_binary() {
  local platform=$1 file=$2 head
  [ -f "$file" ] || die "$file (the executable for $platform) does not exist"
  head=$(od -An -tx1 -N20 "$file" | tr -d ' \n')
  case "$platform" in
    linux-x64) [[ $head == 7f454c4602* && ${head:36:4} == 3e00 ]] ;;
    linux-arm64) [[ $head == 7f454c4602* && ${head:36:4} == b700 ]] ;;
    darwin-x64) [[ $head == cffaedfe07000001* ]] ;;
    darwin-arm64) [[ $head == cffaedfe0c000001* ]] ;;
    win32-*) [[ $head == 4d5a* ]] ;;
    *) die "scripts/build-npm.sh does not know how to recognise an executable for $platform: add it to check_binary" ;;
  esac || die "$file is not an executable for $platform"
}

rm -rf "$stage_dir"
mkdir -p "$stage_dir" "$out"
platforms=()
for dir in npm/platforms/*/; do
  platforms+=("$(basename "$dir")")
done
[ ${#platforms[@]} -gt 0 ] || die "npm/platforms/ holds no platform"

# Copies a package's sources and stamps the version (and, for the launcher, the platform
# packages as optional dependencies of that same version).
stamp() {
  local dir=$1 optional=$2
  node -e '
    const fs = require("fs");
    const [file, version, optional] = process.argv.slice(1);
    const manifest = JSON.parse(fs.readFileSync(file, "utf8"));
    manifest.version = version;
    if ("optionalDependencies" in manifest) {
      manifest.optionalDependencies = Object.fromEntries(
        optional.split(" ").filter(Boolean).map((name) => [name, version]));
    }
    fs.writeFileSync(file, JSON.stringify(manifest, null, 2) + "\n");
  ' "$dir/package.json" "$version" "$optional"
}

tarballs=()
pack() {
  local dir=$1 name
  name=$(cd "$dir" && npm pack --ignore-scripts --json --pack-destination "$out" |
    node -e 'let s = ""; process.stdin.on("data", (d) => (s += d)).on("end", () => process.stdout.write(JSON.parse(s)[0].filename));')
  tarballs+=("$out/$name")
}

names=""
for platform in "${platforms[@]}"; do
  src="npm/platforms/$platform"
  binary=$(binary_for "$platform")
  check_binary "$platform" "$binary"
  dest="$stage_dir/$platform"
  cp -R "$src" "$dest"
  exe=adf
  [[ $platform == win32-* ]] && exe=adf.exe
  # 755: npm keeps a file's executable bit in the tarball, and the launcher executes it.
  install -m 755 "$binary" "$dest/$exe"
  stamp "$dest" ""
  names+=" $(node -p 'require(process.argv[1]).name' "$dest/package.json")"
  echo "== $platform: $binary" >&2
  pack "$dest"
done

dest="$stage_dir/adf-language-tools"
cp -R npm/adf-language-tools "$dest"
install -m 644 "$wasm" "$dest/adf.wasm"
chmod 755 "$dest/bin/adf.js"
stamp "$dest" "$names"
pack "$dest"

echo "== npm packages $version in $out" >&2
printf '%s\n' "${tarballs[@]}"
