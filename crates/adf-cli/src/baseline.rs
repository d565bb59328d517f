//! Baselines: the findings a team accepted when adopting the tool, by fingerprint, so a run
//! fails only on new ones. Fingerprints leave out positions so that findings survive line moves,
//! and name files relative to the baseline file's folder so that runs from any folder agree.

use crate::check::Checked;
use adf_core::config::entity_at;
use adf_core::Diagnostic;
use adf_host::files;
use adf_host::fs::FileSystem;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;
use std::path::Path;

/// The format version written into baseline files. Version 1 fingerprinted paths as given on
/// the command line (relative to where adf ran); version 2 relative to the baseline's folder.
const VERSION: u32 = 2;

/// 64-bit FNV-1a: tiny, and stable across Rust releases (unlike the std hasher).
fn fnv1a(parts: &[&str]) -> u64 {
    let mut h: u64 = 0xcbf2_9ce4_8422_2325;
    for part in parts {
        for b in part.bytes().chain([0u8]) {
            h ^= u64::from(b);
            h = h.wrapping_mul(0x0100_0000_01b3);
        }
    }
    h
}

/// The fingerprint of a finding: rule, file (as [`key`] names it), entity and message, no line
/// numbers.
pub fn fingerprint(checked: &Checked, d: &Diagnostic) -> String {
    let entity = entity_at(&checked.entities, d.range).unwrap_or("");
    format!(
        "{:016x}",
        fnv1a(&[d.rule.name, &checked.fingerprint_path, entity, &d.message])
    )
}

/// The folder fingerprints name files from (absolute, `/` separators): the baseline file's
/// when there is one, else the current folder.
pub fn anchor(baseline_file: Option<&str>) -> String {
    let folder = baseline_file
        .map(|f| Path::new(f).parent().unwrap_or(Path::new("")))
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    files::absolute(folder)
}

/// A file as fingerprints name it: its path relative to `anchor` (`..` where it lies outside).
pub fn key(anchor: &str, shown_path: &str) -> String {
    let absolute = files::absolute(Path::new(shown_path));
    let from = components(anchor);
    let to = components(&absolute);
    if from.first() != to.first() {
        // Another drive: nothing in common to be relative to.
        return to.join("/");
    }
    let shared = from.iter().zip(&to).take_while(|(a, b)| a == b).count();
    let ups = from.len() - shared;
    let mut parts: Vec<&str> = vec![".."; ups];
    parts.extend(to.get(shared..).unwrap_or_default());
    parts.join("/")
}

/// The components of an absolute `/`-separated path, `.` and `..` resolved by name.
fn components(path: &str) -> Vec<&str> {
    let mut out: Vec<&str> = Vec::new();
    for part in path.split('/') {
        match part {
            "" | "." => {}
            ".." => {
                out.pop();
            }
            _ => out.push(part),
        }
    }
    out
}

/// One accepted finding (the readable fields help review of the baseline file in git).
#[derive(Debug, Clone, Serialize, Deserialize)]
struct Entry {
    fingerprint: String,
    rule: String,
    file: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    entity: Option<String>,
    message: String,
}

#[derive(Debug, Serialize, Deserialize)]
struct File {
    version: u32,
    findings: Vec<Entry>,
}

/// Accepted findings.
#[derive(Debug, Default)]
pub struct Baseline {
    entries: Vec<Entry>,
}

impl Baseline {
    /// Every finding of a run.
    pub fn of(checked: &[Checked]) -> Self {
        let mut entries = Vec::new();
        for c in checked {
            for d in &c.report.diagnostics {
                entries.push(Entry {
                    fingerprint: fingerprint(c, d),
                    rule: d.rule.name.to_string(),
                    file: c.fingerprint_path.clone(),
                    entity: entity_at(&c.entities, d.range).map(str::to_string),
                    message: d.message.clone(),
                });
            }
        }
        Baseline { entries }
    }

    /// Number of accepted findings.
    pub fn len(&self) -> usize {
        self.entries.len()
    }

    /// Drops accepted findings from a run (as many of each fingerprint as were accepted) and
    /// returns how many were dropped.
    pub fn hide(&self, checked: &mut [Checked]) -> usize {
        let mut left: BTreeMap<&str, usize> = BTreeMap::new();
        for e in &self.entries {
            *left.entry(e.fingerprint.as_str()).or_default() += 1;
        }
        let mut hidden = 0;
        for c in checked.iter_mut() {
            let prints: Vec<String> = c
                .report
                .diagnostics
                .iter()
                .map(|d| fingerprint(c, d))
                .collect();
            let mut keep = prints.iter().map(|p| match left.get_mut(p.as_str()) {
                Some(n) if *n > 0 => {
                    *n -= 1;
                    hidden += 1;
                    false
                }
                _ => true,
            });
            c.report.diagnostics.retain(|_| keep.next().unwrap_or(true));
        }
        hidden
    }
}

/// Only the version, read first so that an old file gets its own message.
#[derive(Deserialize)]
struct Versioned {
    version: u32,
}

/// Reads a baseline file; a missing one is an error, never an empty baseline (a path typo or a
/// file never committed would let every finding pass).
pub fn read(fs: &dyn FileSystem, path: &Path) -> Result<Baseline, String> {
    let shown = files::display(path);
    if !fs.exists(path) {
        return Err(format!(
            "baseline {shown} does not exist; create it with `--write-baseline {shown}`"
        ));
    }
    let text = files::load(fs, path).map_err(|m| format!("baseline {shown}: {m}"))?;
    let not_baseline =
        |e: serde_json::Error| format!("baseline {shown} is not a baseline file: {e}");
    let versioned: Versioned = serde_json::from_str(&text).map_err(not_baseline)?;
    if versioned.version < VERSION {
        return Err(format!(
            "baseline {shown} has the old fingerprint format (version {}): rewrite with --write-baseline {shown}",
            versioned.version
        ));
    }
    if versioned.version > VERSION {
        return Err(format!(
            "baseline {shown} has version {}, this adf reads version {VERSION}: update adf",
            versioned.version
        ));
    }
    let file: File = serde_json::from_str(&text).map_err(not_baseline)?;
    Ok(Baseline {
        entries: file.findings,
    })
}

/// Writes a baseline file.
pub fn write(path: &Path, baseline: &Baseline) -> Result<(), String> {
    let file = File {
        version: VERSION,
        findings: baseline.entries.clone(),
    };
    let text = serde_json::to_string_pretty(&file).map_err(|e| e.to_string())? + "\n";
    std::fs::write(path, text)
        .map_err(|e| format!("cannot write the baseline {}: {e}", files::display(path)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn files_are_named_from_the_baseline_folder() {
        assert_eq!(
            key("/repo/ci", "/repo/factory/pipeline/A.json"),
            "../factory/pipeline/A.json"
        );
        assert_eq!(
            key("/repo", "/repo/./factory/../factory/A.json"),
            "factory/A.json"
        );
        assert_eq!(key("/repo/factory", "/repo/factory/A.json"), "A.json");
        assert_eq!(anchor(Some("/repo/ci/adf-baseline.json")), "/repo/ci");
    }
}
