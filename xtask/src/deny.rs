//! `cargo xtask deny`: checks the dependency graph of the workspace and of fuzz/ against
//! deny.toml (allowed licenses, banned crates, allowed sources), from `cargo metadata`. It reads
//! the subset of cargo-deny's format that deny.toml uses; a test runs it.

use serde_json::Value;
use std::path::{Path, PathBuf};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("..")
}

/// The manifests whose graphs are checked (fuzz/ is a workspace of its own).
const MANIFESTS: &[&str] = &["Cargo.toml", "fuzz/Cargo.toml"];

/// What deny.toml allows.
#[derive(Debug, Default)]
pub struct Policy {
    /// License ids (an exception as `X WITH Y`).
    pub allow: Vec<String>,
    /// Crate names that must not appear.
    pub banned: Vec<String>,
    /// Registry index URLs packages may come from.
    pub registries: Vec<String>,
    /// Git repository URLs packages may come from.
    pub git: Vec<String>,
}

impl Policy {
    /// Reads the subset of cargo-deny's format that deny.toml uses.
    pub fn parse(text: &str) -> Result<Self, String> {
        let doc: toml::Table = toml::from_str(text).map_err(|e| format!("deny.toml: {e}"))?;
        let strings = |table: &str, key: &str| -> Vec<String> {
            doc.get(table)
                .and_then(|t| t.get(key))
                .and_then(|v| v.as_array())
                .map(|a| {
                    a.iter()
                        .filter_map(|s| s.as_str().map(String::from))
                        .collect()
                })
                .unwrap_or_default()
        };
        let banned = doc
            .get("bans")
            .and_then(|t| t.get("deny"))
            .and_then(|v| v.as_array())
            .map(|a| {
                a.iter()
                    .filter_map(|b| b.get("name").and_then(|n| n.as_str()).map(String::from))
                    .collect()
            })
            .unwrap_or_default();
        let policy = Self {
            allow: strings("licenses", "allow"),
            banned,
            registries: strings("sources", "allow-registry"),
            git: strings("sources", "allow-git"),
        };
        if policy.allow.is_empty() || policy.registries.is_empty() {
            return Err("deny.toml: licenses.allow and sources.allow-registry are required".into());
        }
        Ok(policy)
    }

    /// The faults of one package of `cargo metadata`.
    pub fn faults(&self, package: &Value) -> Vec<String> {
        let name = package["name"].as_str().unwrap_or("?");
        let who = format!("{name} {}", package["version"].as_str().unwrap_or("?"));
        let mut faults = Vec::new();
        match package["license"].as_str() {
            Some(expr) => match licensed(expr, &self.allow) {
                Ok(true) => {}
                Ok(false) => faults.push(format!("{who}: license `{expr}` is not allowed")),
                Err(e) => faults.push(format!("{who}: license `{expr}`: {e}")),
            },
            None => faults.push(format!(
                "{who}: no SPDX license expression (a license file only); add the crate's license to Cargo.toml's metadata or replace the crate"
            )),
        }
        if self.banned.iter().any(|b| b == name) {
            faults.push(format!("{who}: banned by deny.toml"));
        }
        if let Some(source) = package["source"].as_str() {
            let allowed = if let Some(url) = source
                .strip_prefix("registry+")
                .or_else(|| source.strip_prefix("sparse+"))
            {
                self.registries.iter().any(|r| r == url)
            } else if let Some(url) = source.strip_prefix("git+") {
                let repo = url.split(['?', '#']).next().unwrap_or(url);
                self.git.iter().any(|g| g == repo)
            } else {
                false
            };
            if !allowed {
                faults.push(format!("{who}: source `{source}` is not allowed"));
            }
        }
        faults
    }
}

/// Whether an SPDX license expression is satisfied by the allowed ids: `OR` needs one side,
/// `AND` both, `WITH` names one id with its exception; the old `A/B` means `A OR B`.
pub fn licensed(expr: &str, allow: &[String]) -> Result<bool, String> {
    let spaced = expr
        .replace('(', " ( ")
        .replace(')', " ) ")
        .replace('/', " OR ");
    let tokens: Vec<&str> = spaced.split_whitespace().collect();
    let mut at = 0;
    let value = or_expr(&tokens, &mut at, allow)?;
    match tokens.get(at) {
        None => Ok(value),
        Some(t) => Err(format!("unexpected `{t}`")),
    }
}

fn or_expr(tokens: &[&str], at: &mut usize, allow: &[String]) -> Result<bool, String> {
    let mut value = and_expr(tokens, at, allow)?;
    while tokens.get(*at) == Some(&"OR") {
        *at += 1;
        value |= and_expr(tokens, at, allow)?;
    }
    Ok(value)
}

fn and_expr(tokens: &[&str], at: &mut usize, allow: &[String]) -> Result<bool, String> {
    let mut value = license(tokens, at, allow)?;
    while tokens.get(*at) == Some(&"AND") {
        *at += 1;
        value &= license(tokens, at, allow)?;
    }
    Ok(value)
}

fn license(tokens: &[&str], at: &mut usize, allow: &[String]) -> Result<bool, String> {
    let Some(&token) = tokens.get(*at) else {
        return Err("the expression ends too early".into());
    };
    *at += 1;
    if token == "(" {
        let value = or_expr(tokens, at, allow)?;
        if tokens.get(*at) != Some(&")") {
            return Err("a `(` is never closed".into());
        }
        *at += 1;
        return Ok(value);
    }
    if matches!(token, ")" | "OR" | "AND" | "WITH") {
        return Err(format!("unexpected `{token}`"));
    }
    let id = if tokens.get(*at) == Some(&"WITH") {
        let exception = tokens.get(*at + 1).ok_or("`WITH` names no exception")?;
        *at += 2;
        format!("{token} WITH {exception}")
    } else {
        token.to_string()
    };
    Ok(allow.contains(&id))
}

/// The faults of every package in the graphs of `MANIFESTS`.
pub fn check() -> Result<Vec<String>, String> {
    let path = root().join("deny.toml");
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    let policy = Policy::parse(&text)?;
    let cargo = std::env::var("CARGO").unwrap_or_else(|_| "cargo".into());
    let mut faults = Vec::new();
    for manifest in MANIFESTS {
        let out = std::process::Command::new(&cargo)
            .args([
                "metadata",
                "--format-version",
                "1",
                "--locked",
                "--manifest-path",
            ])
            .arg(root().join(manifest))
            .output()
            .map_err(|e| format!("cargo metadata: {e}"))?;
        if !out.status.success() {
            return Err(format!(
                "cargo metadata --manifest-path {manifest}: {}",
                String::from_utf8_lossy(&out.stderr)
            ));
        }
        let metadata: Value = serde_json::from_slice(&out.stdout)
            .map_err(|e| format!("cargo metadata of {manifest}: {e}"))?;
        for package in metadata["packages"].as_array().into_iter().flatten() {
            faults.extend(
                policy
                    .faults(package)
                    .into_iter()
                    .map(|f| format!("{manifest}: {f}")),
            );
        }
    }
    faults.sort();
    faults.dedup();
    Ok(faults)
}

/// Prints every fault; fails when there is one.
pub fn run(_args: &[String]) -> Result<(), String> {
    let faults = check()?;
    if faults.is_empty() {
        println!("deny.toml: licenses, bans and sources ok");
        return Ok(());
    }
    for f in &faults {
        eprintln!("{f}");
    }
    Err(format!(
        "{} dependency faults against deny.toml",
        faults.len()
    ))
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    fn allow(ids: &[&str]) -> Vec<String> {
        ids.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn the_dependency_graphs_meet_deny_toml() {
        let faults = check().expect("cargo metadata and deny.toml");
        assert!(faults.is_empty(), "{faults:#?}");
    }

    #[test]
    fn license_expressions_follow_spdx() {
        let ok = allow(&[
            "MIT",
            "Apache-2.0",
            "Apache-2.0 WITH LLVM-exception",
            "Unicode-3.0",
        ]);
        for (expr, want) in [
            ("MIT", true),
            ("MIT OR GPL-3.0-only", true),
            ("GPL-3.0-only OR MIT", true),
            ("MIT AND GPL-3.0-only", false),
            ("(MIT OR Apache-2.0) AND Unicode-3.0", true),
            ("(MIT OR Apache-2.0) AND BSD-3-Clause", false),
            ("MIT/Apache-2.0", true),
            ("Apache-2.0 WITH LLVM-exception OR GPL-2.0", true),
            ("GPL-2.0 WITH Classpath-exception-2.0", false),
            ("LGPL-2.1-or-later", false),
        ] {
            assert_eq!(licensed(expr, &ok), Ok(want), "{expr}");
        }
        for bad in ["MIT OR", "(MIT", "MIT)", "AND MIT", "MIT WITH"] {
            assert!(licensed(bad, &ok).is_err(), "{bad}");
        }
    }

    #[test]
    fn banned_crates_foreign_sources_and_missing_licenses_are_faults() {
        let policy = Policy::parse(
            r#"
[licenses]
allow = ["MIT"]
[bans]
deny = [{ name = "openssl-sys" }]
[sources]
allow-registry = ["https://github.com/rust-lang/crates.io-index"]
"#,
        )
        .expect("a policy");
        let package = |name: &str, license: Value, source: Value| json!({"name": name, "version": "1.0.0", "license": license, "source": source});
        let crates_io = json!("registry+https://github.com/rust-lang/crates.io-index");
        assert!(policy
            .faults(&package("serde", json!("MIT"), crates_io.clone()))
            .is_empty());
        assert!(policy
            .faults(&package("adf-core", json!("MIT"), Value::Null))
            .is_empty());
        for (p, why) in [
            (
                package("openssl-sys", json!("MIT"), crates_io.clone()),
                "banned",
            ),
            (
                package("x", json!("GPL-3.0-only"), crates_io.clone()),
                "not allowed",
            ),
            (package("x", Value::Null, crates_io), "no SPDX"),
            (
                package(
                    "x",
                    json!("MIT"),
                    json!("git+https://example.invalid/x?rev=1#abc"),
                ),
                "source",
            ),
            (
                package(
                    "x",
                    json!("MIT"),
                    json!("registry+https://example.invalid/index"),
                ),
                "source",
            ),
        ] {
            let faults = policy.faults(&p);
            assert!(faults.iter().any(|f| f.contains(why)), "{p}: {faults:?}");
        }
    }
}
