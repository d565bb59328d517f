#!/usr/bin/env bash
# One portable Linux build of `adf`: a manylinux2014 wheel (glibc 2.17 and later, linked with
# zig so the build machine's newer glibc does not leak in) written to target/dist/ or the folder
# given as the first argument, and the very binary inside that wheel copied to
# target/portable/adf, so that every package that ships `adf` ships the same bytes.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
# A folder given is taken relative to where the script was started, the default to the repository.
out="${1:-$root/target/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"

source scripts/py-tools.sh

# Build into an empty folder so the wheel just built is the only one to pick up, whatever else
# (older versions) the out folder holds.
staging="$root/target/portable/staging"
rm -rf "$staging"
mkdir -p "$staging"
maturin build --release --locked --zig --compatibility manylinux2014 \
    --target x86_64-unknown-linux-gnu --out "$staging"
wheels=("$staging"/*.whl)
[ ${#wheels[@]} -eq 1 ] && [ -f "${wheels[0]}" ] || { echo "error: expected one wheel in $staging, found: ${wheels[*]}" >&2; exit 1; }
wheel="${wheels[0]}"

# A bin wheel keeps its executable under <name>-<version>.data/scripts/; take it from the wheel
# itself rather than from cargo's target folder so the copy is byte for byte what pip installs.
python3 - "$wheel" "$root/target/portable/adf" <<'PY'
import os, sys, zipfile
wheel, dest = sys.argv[1], sys.argv[2]
with zipfile.ZipFile(wheel) as z:
    found = [n for n in z.namelist() if n.endswith(".data/scripts/adf")]
    if len(found) != 1:
        sys.exit(f"error: {wheel} holds {len(found)} .data/scripts/adf entries, expected 1")
    tmp = dest + ".tmp"
    with z.open(found[0]) as src, open(tmp, "wb") as dst:
        dst.write(src.read())
os.chmod(tmp, 0o755)
os.replace(tmp, dest)
PY
mv -f "$wheel" "$out/"
rmdir "$staging"
echo "wheel: $out/$(basename "$wheel")"
echo "binary: $root/target/portable/adf"
