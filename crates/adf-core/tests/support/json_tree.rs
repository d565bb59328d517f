//! Every `*.json` file below a folder, sorted: shared by the corpus tests and the benchmarks of
//! adf-core (which itself reads no disk), included with `#[path]`.

use std::path::{Path, PathBuf};

/// The paths of every `*.json` file below `dir`, sorted (unreadable folders are skipped).
pub fn json_paths(dir: &Path) -> Vec<PathBuf> {
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
            } else if p.extension().is_some_and(|x| x == "json") {
                out.push(p);
            }
        }
    }
    out.sort();
    out
}

/// Those files with their texts (files that are not UTF-8 are left out).
#[allow(dead_code)] // Not every includer reads the texts.
pub fn json_texts(dir: &Path) -> Vec<(String, String)> {
    json_paths(dir)
        .iter()
        .filter_map(|p| {
            Some((
                p.to_string_lossy().into_owned(),
                std::fs::read_to_string(p).ok()?,
            ))
        })
        .collect()
}
