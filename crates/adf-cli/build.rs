//! Embeds the rule pages (docs/rules/<name>.md, written by `cargo xtask docs`) for `adf explain`:
//! a table generated from the folder, so a new rule's page is picked up without editing code.

use std::fmt::Write as _;
use std::path::PathBuf;

fn main() {
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
