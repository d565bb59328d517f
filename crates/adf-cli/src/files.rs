//! Finding and reading the JSON files below the paths given on the command line.

use std::path::{Path, PathBuf};

/// A file found on disk, read as text.
pub struct LoadedFile {
    /// The path as shown to the user (relative as given, `/` separators).
    pub display: String,
    /// The text, or why it could not be read.
    pub text: Result<String, String>,
}

/// Folders never descended into.
const EXCLUDED_DIRS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    ".vs",
    ".vscode",
    "bin",
    "obj",
];

fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// Every `*.json` file below `root` (or `root` itself), honouring .gitignore, sorted.
pub fn collect(root: &Path) -> Vec<PathBuf> {
    if root.is_file() {
        return vec![root.to_path_buf()];
    }
    let mut out: Vec<PathBuf> = ignore::WalkBuilder::new(root)
        .hidden(false)
        .git_ignore(true)
        .git_global(false)
        .git_exclude(false)
        .require_git(false)
        .filter_entry(|e| {
            !(e.file_type().is_some_and(|t| t.is_dir())
                && e.depth() > 0
                && EXCLUDED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
        })
        .build()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_some_and(|t| t.is_file()))
        .map(|e| e.into_path())
        .filter(|p| {
            p.extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
        })
        .collect();
    out.sort();
    out
}

/// Reads a file as UTF-8 text.
pub fn load(path: &Path) -> LoadedFile {
    let text = match std::fs::read(path) {
        Ok(bytes) => String::from_utf8(bytes).map_err(|e| {
            format!(
                "not UTF-8 text (invalid byte at offset {})",
                e.utf8_error().valid_up_to()
            )
        }),
        Err(e) => Err(format!("cannot read: {e}")),
    };
    LoadedFile {
        display: display(path),
        text,
    }
}
