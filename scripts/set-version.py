#!/usr/bin/env python3
"""Sets the one version of every artefact: the workspace version in the root Cargo.toml (the
place it lives: the CLI, the wheel and the npm CLI packages read it from there at build time),
and the committed package.json files that npm needs to hold one (the wasm package, the
playground, the VS Code extension, and their package-lock.json roots), and the names of the
built files in README.md's install lines. A test
(`tests/tidy.rs`) fails when they differ.

usage: python3 scripts/set-version.py 0.2.0      # or --print: the current version
"""
import json
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
PACKAGES = ["wasm-pkg", "playground", "extension"]
SEMVER = re.compile(r"^\d+\.\d+\.\d+(?:-[0-9A-Za-z.-]+)?$")


def cargo_version() -> str:
    text = (ROOT / "Cargo.toml").read_text(encoding="utf-8")
    section = text.split("[workspace.package]", 1)[1].split("\n[", 1)[0]
    found = re.search(r'^version\s*=\s*"([^"]+)"', section, re.M)
    if not found:
        sys.exit("error: no version in [workspace.package] of Cargo.toml")
    return found.group(1)


def set_json_version(path: Path, version: str, lock: bool) -> None:
    text = path.read_text(encoding="utf-8")
    data = json.loads(text)
    data["version"] = version
    if lock and "" in data.get("packages", {}):
        data["packages"][""]["version"] = version
    indent = 2
    path.write_text(json.dumps(data, indent=indent, ensure_ascii=False) + "\n", encoding="utf-8")


def main() -> None:
    args = sys.argv[1:]
    if args == ["--print"]:
        print(cargo_version())
        return
    if len(args) != 1 or not SEMVER.match(args[0]):
        sys.exit(__doc__.strip().splitlines()[-1] + "\nerror: give one version such as 0.2.0")
    version = args[0]
    old = cargo_version()
    cargo = ROOT / "Cargo.toml"
    text = cargo.read_text(encoding="utf-8")
    head, rest = text.split("[workspace.package]", 1)
    section, tail = (rest.split("\n[", 1) + [""])[:2]
    section = re.sub(r'^version\s*=\s*"[^"]+"', f'version = "{version}"', section, count=1, flags=re.M)
    cargo.write_text(head + "[workspace.package]" + section + ("\n[" + tail if tail else ""), encoding="utf-8")
    for pkg in PACKAGES:
        set_json_version(ROOT / pkg / "package.json", version, lock=False)
        lock = ROOT / pkg / "package-lock.json"
        if lock.exists():
            set_json_version(lock, version, lock=True)
    # The README's install lines name the built files, whose names carry the version.
    readme = ROOT / "README.md"
    lines = readme.read_text(encoding="utf-8").split("\n")
    lines = [l.replace(f"-{old}", f"-{version}") if "dist/" in l else l for l in lines]
    readme.write_text("\n".join(lines), encoding="utf-8")
    print(f"version {version}: Cargo.toml, README.md's install lines and {', '.join(PACKAGES)}; run `cargo update --workspace` for Cargo.lock")


if __name__ == "__main__":
    main()
