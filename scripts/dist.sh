#!/usr/bin/env bash
# The release command: builds every artefact of one version into dist/ (or the folder given):
# the Python wheel (the portable `adf`, glibc 2.17), the npm CLI packages (launcher with the
# WASI fallback, and the linux-x64 binary package), the WebAssembly package's tarball, and the
# VS Code extension (linux-x64 with that same binary, and the universal one); then SHA256SUMS.
# The version is the workspace's (Cargo.toml; scripts/set-version.py changes it everywhere);
# every artefact's name carries it, and the script fails if one does not.
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
out="${1:-$root/dist}"
mkdir -p "$out"
out="$(cd "$out" && pwd)"
cd "$root"
version="$(python3 scripts/set-version.py --print)"
step() { echo "== [${SECONDS} s] dist: $*"; }

# Only this release's files: an older version's would get into SHA256SUMS.
rm -f "$out"/*.whl "$out"/*.tgz "$out"/*.vsix "$out"/SHA256SUMS

step "the wheel and the portable binary"
bash scripts/build-portable.sh "$out"

step "the npm CLI packages"
ADF_BINARY="$root/target/portable/adf" bash scripts/build-npm.sh "$out"

step "the WebAssembly package"
bash scripts/build-wasm.sh
(cd wasm-pkg && npm pack --silent --pack-destination "$out" >/dev/null)

step "the VS Code extension"
(
    cd extension
    npm ci --no-audit --no-fund --loglevel=error
    ADF_BINARY="$root/target/portable/adf" npm run --silent package
    cp adf-language-tools-linux-x64.vsix "$out/adf-language-tools-linux-x64-$version.vsix"
    cp adf-language-tools.vsix "$out/adf-language-tools-$version.vsix"
)

step "checks and SHA256SUMS"
shopt -s nullglob
artefacts=("$out"/*.whl "$out"/*.tgz "$out"/*.vsix)
[ ${#artefacts[@]} -gt 0 ] || { echo "error: nothing was built into $out" >&2; exit 1; }
for f in "${artefacts[@]}"; do
    case "$(basename "$f")" in
        *"$version"*) ;;
        *) echo "error: $(basename "$f") does not carry version $version" >&2; exit 1 ;;
    esac
done
# The binary every package ships is the same file.
want="$(sha256sum target/portable/adf | cut -d' ' -f1)"
python3 - "$want" "${artefacts[@]}" <<'PY'
import hashlib, io, sys, tarfile, zipfile
want, files = sys.argv[1], sys.argv[2:]
for f in files:
    found = []
    if f.endswith((".whl", ".vsix")):
        with zipfile.ZipFile(f) as z:
            found = [z.read(n) for n in z.namelist() if n.endswith(("/adf", "scripts/adf"))]
    elif f.endswith(".tgz"):
        with tarfile.open(f) as t:
            found = [t.extractfile(m).read() for m in t.getmembers() if m.isfile() and m.name.endswith("/adf")]
    for data in found:
        got = hashlib.sha256(data).hexdigest()
        if got != want:
            sys.exit(f"error: {f} ships an adf binary ({got[:12]}) other than target/portable/adf ({want[:12]})")
PY
(cd "$out" && sha256sum -- *.whl *.tgz *.vsix > SHA256SUMS && sha256sum -c --quiet SHA256SUMS)
ls -l "$out"
echo "dist: version $version, ${#artefacts[@]} artefacts in $out (${SECONDS} s)"
