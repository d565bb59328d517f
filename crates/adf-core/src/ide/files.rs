//! File moves that go with a rename: in ADF's git layout an entity's file is named after it.

use super::nav::{symbol_at, Sym};
use crate::classify::{FileKind, GIT_FOLDERS};
use crate::Workspace;
use adf_catalog::Dialect;

/// A file to move to a new path.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FileRename {
    /// The file's path now.
    pub from: String,
    /// Its path after the rename.
    pub to: String,
}

/// The folder part of a path (up to the last separator, included) and the file name.
fn split(path: &str) -> (&str, &str) {
    match path.rfind(['/', '\\']) {
        Some(i) => path.split_at(i + 1),
        None => ("", path),
    }
}

/// The files to move when the entity at the cursor is renamed to `new_name`: each file that
/// declares it in ADF's git layout (its folder is the kind's git folder, e.g. `pipeline/`, and
/// its file stem is the entity's name) moves to `<same folder>/<new_name>.json`. Empty for
/// activities, parameters, v1 flat folders, ARM templates and names that cannot be file names.
pub fn file_renames(ws: &Workspace, path: &str, offset: usize, new_name: &str) -> Vec<FileRename> {
    let new_name = new_name.trim();
    if new_name.is_empty()
        || new_name.contains(['/', '\\', ':', '*', '?', '"', '<', '>', '|'])
        || new_name.starts_with('.')
    {
        return Vec::new();
    }
    let Some((Sym::Entity(kind, name), _)) = symbol_at(ws, path, offset) else {
        return Vec::new();
    };
    let mut out = Vec::new();
    for (file, e) in ws.lookup_from(path, kind, &name) {
        let single = ws
            .model(file)
            .and_then(|m| m.class)
            .is_some_and(|c| c.kind == FileKind::Entity(kind));
        if !single || e.dialect != Dialect::V2 {
            continue;
        }
        let (dir, file_name) = split(file);
        let Some(stem) = file_name
            .strip_suffix(".json")
            .or_else(|| file_name.strip_suffix(".JSON"))
        else {
            continue;
        };
        let folder = dir
            .trim_end_matches(['/', '\\'])
            .rsplit(['/', '\\'])
            .next()
            .unwrap_or("")
            .to_ascii_lowercase();
        let in_git_folder = GIT_FOLDERS.iter().any(|(f, k)| *f == folder && *k == kind);
        if !in_git_folder || !stem.eq_ignore_ascii_case(&e.name) || stem == new_name {
            continue;
        }
        out.push(FileRename {
            from: file.to_string(),
            to: format!("{dir}{new_name}.json"),
        });
    }
    out
}
