//! On every valid corpus file, `parse`, the recovering parser and jsonc-parser build one tree.

use crate::common;

use std::path::{Path, PathBuf};

use adf_syntax::{parse, parse_recovering, ParseOptions};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

fn json_files(root: &Path) -> Vec<PathBuf> {
    let mut out = Vec::new();
    let mut dirs = vec![root.to_path_buf()];
    while let Some(dir) = dirs.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            if path.is_dir() {
                dirs.push(path);
            } else if path.extension().is_some_and(|e| e == "json") {
                out.push(path);
            }
        }
    }
    out.sort();
    out
}

fn run() {
    let options = ParseOptions::default();
    let mut compared = 0;
    let mut with_bom = 0;
    let mut with_control_chars = 0;
    let mut skipped = 0;
    for path in json_files(&Path::new(SHARED).join("corpus")) {
        let name = path.display();
        let Ok(text) = std::fs::read_to_string(&path) else {
            skipped += 1;
            continue;
        };
        // jsonc-parser rejects a BOM; three spaces in its place keep every offset the same.
        let spaced = match text.strip_prefix('\u{feff}') {
            Some(rest) => {
                with_bom += 1;
                format!("   {rest}")
            }
            None => text.clone(),
        };
        let Ok(expected) =
            jsonc_parser::parse_to_ast(&spaced, &Default::default(), &adf_syntax::jsonc_options())
        else {
            skipped += 1;
            continue;
        };
        if expected.value.is_none() {
            skipped += 1;
            continue;
        }
        let ours = parse(&text, &options);
        let recovered = parse_recovering(&text, &options);
        // jsonc-parser lets raw control characters into strings; we report them (and keep
        // them in the value, so the trees still match).
        let is_control = |m: &str| m.starts_with("control character");
        if !ours.errors.is_empty() {
            assert!(
                ours.errors.iter().all(|e| is_control(&e.message)),
                "{name}: {:?}",
                ours.errors
            );
            with_control_chars += 1;
        }
        assert_eq!(ours.errors, recovered.errors, "{name}");
        assert!(ours.value.is_some(), "{name}");
        assert_eq!(ours.value, expected.value, "{name}");
        assert_eq!(recovered.value, expected.value, "{name}");
        compared += 1;
    }
    println!(
        "compared {compared} corpus files ({with_bom} with a BOM, {with_control_chars} with raw \
         control characters in strings); {skipped} not valid JSONC, skipped"
    );
    assert!(compared > 500, "only {compared} files compared");
}

#[test]
fn corpus_trees_are_identical() {
    common::on_small_stack(run);
}
