//! Shared helpers of the end-to-end tests: where things are, and how to run the CLI.

pub mod lsp_client;

use std::collections::{BTreeMap, BTreeSet};
use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn repo() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The read-only shared material beside the repository (`../shared`).
pub fn shared() -> PathBuf {
    let p = repo().join("../shared");
    assert!(p.is_dir(), "../shared is missing beside the repository");
    p
}

/// The release `adf` binary that the end-to-end tests share (built once by the test command).
pub fn adf_bin() -> PathBuf {
    if let Some(p) = std::env::var_os("ADF_BIN") {
        return PathBuf::from(p);
    }
    let target = std::env::var_os("CARGO_TARGET_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| repo().join("target"));
    let bin = target.join("release/adf");
    assert!(
        bin.is_file(),
        "{} is missing: run `cargo build --release -p adf-cli` first (the README's test command does)",
        bin.display()
    );
    bin
}

/// Runs `adf` with arguments in a working directory.
pub fn adf(dir: &Path, args: &[&str]) -> Output {
    Command::new(adf_bin())
        .args(args)
        .current_dir(dir)
        .env("NO_COLOR", "1")
        .output()
        .expect("run adf")
}

/// Every `*.json` file below `dir`, sorted, as paths relative to `dir` with `/` separators.
pub fn json_files(dir: &Path) -> Vec<String> {
    files_where(dir, |p| p.extension().is_some_and(|x| x == "json"))
}

/// Every file below `dir` that `keep` accepts, sorted, as paths relative to `dir` with `/`
/// separators.
pub fn files_where(dir: &Path, keep: impl Fn(&Path) -> bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&d) else {
            continue;
        };
        for e in entries.flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else if keep(&p) {
                if let Ok(rel) = p.strip_prefix(dir) {
                    out.push(rel.to_string_lossy().replace('\\', "/"));
                }
            }
        }
    }
    out.sort();
    out
}

/// Copies a folder tree (for planting faults in a scratch copy).
pub fn copy_tree(from: &Path, to: &Path) {
    for rel in json_files(from) {
        let dest = to.join(&rel);
        if let Some(parent) = dest.parent() {
            std::fs::create_dir_all(parent).expect("mkdir");
        }
        std::fs::copy(from.join(&rel), dest).expect("copy");
    }
}

/// A fresh scratch folder under the target directory.
pub fn scratch(name: &str) -> PathBuf {
    let dir = repo()
        .join("target/e2e-scratch")
        .join(format!("{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// Checks the files `rels` below `root` together, as one factory; each report with its text.
pub fn check_unit(root: &Path, rels: &[String]) -> Vec<(adf_core::FileReport, String)> {
    check_unit_with(root, rels, &adf_core::CheckOptions::default())
}

/// [`check_unit`] under these options (e.g. a profile).
pub fn check_unit_with(
    root: &Path,
    rels: &[String],
    options: &adf_core::CheckOptions,
) -> Vec<(adf_core::FileReport, String)> {
    let texts: Vec<(String, String)> = rels
        .iter()
        .map(|r| {
            let bytes = std::fs::read(root.join(r)).expect("read a corpus file");
            (r.clone(), String::from_utf8_lossy(&bytes).into_owned())
        })
        .collect();
    let sources: Vec<adf_core::SourceFile<'_>> = texts
        .iter()
        .map(|(p, t)| adf_core::SourceFile { path: p, text: t })
        .collect();
    let reports = adf_core::check_files(&sources, options);
    reports
        .into_iter()
        .zip(texts)
        .map(|(report, (_, text))| (report, text))
        .collect()
}

/// Sources that corpus-extra's MANIFEST.md lists with more than one folder: each folder is its
/// own unit.
fn multi_folder_sources(manifest: &str) -> BTreeSet<String> {
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for line in manifest.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | source | repository | commit | path | ADF | files | license |
        if cells.len() == 9 && cells[6].parse::<usize>().is_ok() {
            *rows.entry(cells[1].to_string()).or_default() += 1;
        }
    }
    rows.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(s, _)| s)
        .collect()
}

/// The units of corpus-extra (a source, or one folder of a source that MANIFEST.md lists with
/// several folders), each with its JSON files relative to `extra`.
pub fn corpus_extra_units(extra: &Path) -> BTreeMap<String, Vec<String>> {
    let manifest = std::fs::read_to_string(extra.join("MANIFEST.md")).expect("MANIFEST.md");
    let multi = multi_folder_sources(&manifest);
    assert!(
        multi.contains("adf-samples-json-copy-2015") && multi.contains("synapse-e2e-demo"),
        "MANIFEST.md rows not read as expected: {multi:?}"
    );
    let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rel in json_files(extra) {
        let parts: Vec<&str> = rel.split('/').collect();
        let depth = if multi.contains(parts[0]) { 2 } else { 1 };
        if parts.len() <= depth {
            continue;
        }
        units
            .entry(parts[..depth].join("/"))
            .or_default()
            .push(rel.clone());
    }
    units
}

/// `file:line:column severity rule` of each finding of `adf check --format json`, sorted: the
/// form the end-to-end tests compare.
pub fn finding_lines(json: &serde_json::Value) -> Vec<String> {
    let mut lines: Vec<String> = json["diagnostics"]
        .as_array()
        .expect("diagnostics array")
        .iter()
        .map(|d| {
            format!(
                "{}:{}:{} {} {}",
                d["file"].as_str().unwrap_or("?"),
                d["line"],
                d["column"],
                d["severity"].as_str().unwrap_or("?"),
                d["rule"].as_str().unwrap_or("?")
            )
        })
        .collect();
    lines.sort();
    lines
}
