# shellcheck shell=bash
# Sourced by the portable build and its tests: makes sure target/py-tools is a venv holding the
# pinned tools of scripts/py-tools.txt and puts its bin/ first on PATH (maturin finds zig through
# the Python it runs beside). Reinstalls when the pins change, so an old venv never lingers.
py_tools_root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
py_tools="$py_tools_root/target/py-tools"
py_tools_pins="$py_tools_root/scripts/py-tools.txt"
if ! cmp -s "$py_tools_pins" "$py_tools/installed-pins.txt"; then
    command -v python3 >/dev/null || { echo "error: python3 is needed for the portable build (maturin, zig and the test tools come from PyPI)" >&2; exit 2; }
    echo "setting up $py_tools from $py_tools_pins" >&2
    rm -rf "$py_tools"
    python3 -m venv "$py_tools" || { echo "error: python3 -m venv failed (on Debian: apt-get install python3-venv)" >&2; exit 2; }
    "$py_tools/bin/python" -m pip install --quiet --disable-pip-version-check -r "$py_tools_pins"
    cp "$py_tools_pins" "$py_tools/installed-pins.txt"
fi
export PATH="$py_tools/bin:$PATH"
