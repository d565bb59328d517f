//! Build-time facts for the `adf` binary: the rule pages for `adf explain` and the commit for
//! `adf --version`.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    rule_pages();
    build_commit();
}

/// Embeds the rule pages (docs/rules/<name>.md, written by `cargo xtask docs`) for `adf
/// explain`: a table generated from the folder, so a new rule's page is picked up without editing
/// code.
fn rule_pages() {
    let manifest = PathBuf::from(std::env::var_os("CARGO_MANIFEST_DIR").unwrap_or_default());
    let dir = manifest.join("../../docs/rules");
    println!("cargo:rerun-if-changed={}", dir.display());
    let mut pages: Vec<PathBuf> = std::fs::read_dir(&dir)
        .map(|entries| {
            entries
                .flatten()
                .map(|e| e.path())
                .filter(|p| p.extension().is_some_and(|x| x == "md"))
                .filter(|p| p.file_stem().is_some_and(|s| s != "README"))
                .collect()
        })
        .unwrap_or_default();
    pages.sort();
    let mut table =
        String::from("/// Rule pages by rule name.\npub static PAGES: &[(&str, &str)] = &[\n");
    for page in &pages {
        println!("cargo:rerun-if-changed={}", page.display());
        let name = page
            .file_stem()
            .map(|s| s.to_string_lossy())
            .unwrap_or_default();
        let _ = writeln!(
            table,
            "    ({name:?}, include_str!({:?})),",
            page.display().to_string()
        );
    }
    table.push_str("];\n");
    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default()).join("rule_pages.rs");
    if let Err(e) = std::fs::write(&out, table) {
        panic!("cannot write {}: {e}", out.display());
    }
}

fn git(args: &[&str]) -> Option<String> {
    let out = Command::new("git").args(args).output().ok()?;
    if !out.status.success() {
        return None;
    }
    let text = String::from_utf8(out.stdout).ok()?;
    let text = text.trim();
    (!text.is_empty()).then(|| text.to_string())
}

/// Records the commit the binary is built from, for `adf --version`. A build outside a git
/// checkout (a source archive) takes `ADF_BUILD_COMMIT` from the environment, or says "unknown":
/// a version line must never claim a commit it cannot know.
fn build_commit() {
    println!("cargo:rerun-if-env-changed=ADF_BUILD_COMMIT");
    let commit = std::env::var("ADF_BUILD_COMMIT")
        .ok()
        .filter(|c| !c.trim().is_empty())
        .or_else(|| git(&["rev-parse", "--short=12", "HEAD"]));
    // Rebuild when HEAD moves: HEAD itself changes on a checkout, the branch's ref file (or
    // packed-refs) on a commit. In a worktree these live in the worktree's own git folder and
    // the shared common folder.
    if let Some(dir) = git(&["rev-parse", "--git-dir"]) {
        let dir = PathBuf::from(dir);
        println!("cargo:rerun-if-changed={}", dir.join("HEAD").display());
        if let Some(reference) = git(&["symbolic-ref", "-q", "HEAD"]) {
            if let Some(common) = git(&["rev-parse", "--git-common-dir"]) {
                let common = PathBuf::from(common);
                println!(
                    "cargo:rerun-if-changed={}",
                    common.join(&reference).display()
                );
                // Only when it exists: cargo reruns a build script on every build while a
                // watched file is missing, and a repository without packed-refs (most) relinked
                // adf on each `cargo build`. The loose ref above stays watched even when missing
                // (the ref is packed): that costs builds, never a stale commit.
                let packed = common.join("packed-refs");
                if packed.exists() {
                    println!("cargo:rerun-if-changed={}", packed.display());
                }
            }
        }
    }
    println!(
        "cargo:rustc-env=ADF_BUILD_COMMIT={}",
        commit.as_deref().unwrap_or("unknown")
    );
}
