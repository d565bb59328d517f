//! The server's state: the core's workspace plus what the editor told us of open documents.

use adf_core::{CheckOptions, Workspace};
use std::collections::HashMap;
use std::path::Path;

/// An open document.
pub(crate) struct Doc {
    /// The version the client gave with its last change.
    pub version: i32,
}

/// Everything the handlers share. Edits take it for writing, queries for reading, so a query
/// sees one consistent state (a snapshot) while it runs.
#[derive(Default)]
pub(crate) struct State {
    /// The analysis of every indexed or open file.
    pub ws: Workspace,
    /// Open documents by path.
    pub docs: HashMap<String, Doc>,
}

impl State {
    /// A state with an empty workspace.
    pub fn new() -> Self {
        Self {
            ws: Workspace::new(CheckOptions::default()),
            docs: HashMap::new(),
        }
    }
}

/// Folders never worth indexing.
const SKIPPED: &[&str] = &[".git", "node_modules", "target", ".vs", ".vscode"];

/// Every `*.json` file below `root` (iteratively; unreadable folders are skipped), with its text.
pub(crate) fn read_json_files(root: &Path) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack = vec![root.to_path_buf()];
    while let Some(dir) = stack.pop() {
        let Ok(entries) = std::fs::read_dir(&dir) else {
            continue;
        };
        for entry in entries.flatten() {
            let path = entry.path();
            let Ok(kind) = entry.file_type() else {
                continue;
            };
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if kind.is_dir() {
                if !SKIPPED.contains(&name.as_ref()) {
                    stack.push(path);
                }
            } else if kind.is_file() && name.ends_with(".json") {
                if let Ok(text) = std::fs::read_to_string(&path) {
                    out.push((path.to_string_lossy().into_owned(), text));
                }
            }
        }
    }
    out.sort();
    out
}
