//! What the npm packages ship: `npm pack --dry-run` of each publishable package lists only
//! runtime files (the package's `files`), and `dependencies` names no build or test tool (those
//! belong in `devDependencies`, which consumers never install). A private package is never
//! published; only its dependencies are checked.

use adf_e2e::repo;
use serde_json::Value;
use std::path::Path;
use std::process::Command;

/// The npm packages of the repository.
const PACKAGES: &[&str] = &[
    "wasm-pkg",
    "playground",
    "npm/adf-language-tools",
    "npm/platforms/linux-x64",
];

/// Files a published package may hold: its manifest, notices and runtime code.
fn is_runtime_file(path: &str) -> bool {
    matches!(path, "package.json" | "README.md" | "LICENSE")
        || path.starts_with("src/") && !path.contains(".test.")
        || matches!(
            path,
            "dist/adf_wasm.js" | "dist/adf_wasm.d.ts" | "dist/adf_wasm_bg.wasm"
        )
        // The npm CLI packages (npm/): the launcher, the WASI build, a native executable.
        || matches!(path, "bin/adf.js" | "adf.wasm" | "adf" | "adf.exe")
}

/// Packages that build, bundle, type-check, lint or test, never needed at run time.
const TOOLS: &[&str] = &[
    "typescript",
    "esbuild",
    "binaryen",
    "wasm-pack",
    "wasm-bindgen-cli",
    "webpack",
    "rollup",
    "vite",
    "parcel",
    "tsup",
    "terser",
    "babel",
    "eslint",
    "prettier",
    "jest",
    "mocha",
    "vitest",
    "ava",
    "tap",
    "playwright",
    "playwright-core",
    "puppeteer",
    "c8",
    "nyc",
    "ts-node",
    "tsx",
];

fn is_tool(name: &str) -> bool {
    let base = name.rsplit('/').next().unwrap_or(name);
    TOOLS.contains(&base)
        || name.starts_with("@types/")
        || name.starts_with("@babel/")
        || name.starts_with("@rollup/")
        || name.starts_with("@playwright/")
}

fn manifest(dir: &Path) -> Value {
    let text = std::fs::read_to_string(dir.join("package.json")).expect("package.json");
    serde_json::from_str(&text).expect("package.json is JSON")
}

/// The paths `npm pack --dry-run` would put in the tarball.
fn packed(dir: &Path) -> Vec<String> {
    let npm = if cfg!(windows) { "npm.cmd" } else { "npm" };
    let out = Command::new(npm)
        .args(["pack", "--dry-run", "--json", "--ignore-scripts"])
        .current_dir(dir)
        .output()
        .expect("npm (Node.js 18 or later) is needed by the wasm package's checks");
    assert!(
        out.status.success(),
        "npm pack --dry-run in {}: {}",
        dir.display(),
        String::from_utf8_lossy(&out.stderr)
    );
    let report: Value = serde_json::from_slice(&out.stdout).expect("npm pack --json");
    report[0]["files"]
        .as_array()
        .expect("a file list")
        .iter()
        .filter_map(|f| f["path"].as_str().map(String::from))
        .collect()
}

#[test]
fn published_packages_ship_runtime_files_only() {
    for name in PACKAGES {
        let dir = repo().join(name);
        if manifest(&dir)["private"] == Value::Bool(true) {
            continue;
        }
        let files = packed(&dir);
        assert!(
            files.iter().any(|f| f == "package.json"),
            "{name}: {files:?}"
        );
        let extra: Vec<&String> = files.iter().filter(|f| !is_runtime_file(f)).collect();
        assert!(extra.is_empty(), "{name} would ship {extra:?}");
    }
}

#[test]
fn dependencies_hold_no_build_or_test_tool() {
    for name in PACKAGES {
        let manifest = manifest(&repo().join(name));
        for field in ["dependencies", "peerDependencies", "optionalDependencies"] {
            let tools: Vec<&String> = manifest[field]
                .as_object()
                .into_iter()
                .flat_map(|deps| deps.keys())
                .filter(|d| is_tool(d))
                .collect();
            assert!(
                tools.is_empty(),
                "{name}'s {field} holds {tools:?}: move them to devDependencies"
            );
        }
    }
}

#[test]
fn the_checks_know_a_tool_and_a_stray_file() {
    assert!(is_tool("typescript") && is_tool("@types/node") && is_tool("@rollup/plugin-x"));
    assert!(!is_tool("fflate") && !is_tool("@codemirror/view"));
    assert!(is_runtime_file("src/index.js") && is_runtime_file("dist/adf_wasm_bg.wasm"));
    for stray in [
        "test/engine.test.mjs",
        "build.mjs",
        "node_modules/x/y.js",
        "dist/other.wasm",
    ] {
        assert!(!is_runtime_file(stray), "{stray}");
    }
}
