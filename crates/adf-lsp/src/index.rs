//! Reading the workspace folders from disk: the first indexing (with `$/progress`), files changed
//! outside the editor, and the configuration files.

use adf_host::fs::{FileSystem, RealFs};
use adf_host::{files, settings};
use std::path::{Path, PathBuf};

/// Files read from disk, and the ones that could not be read.
#[derive(Default)]
pub(crate) struct Read {
    /// Path and text.
    pub files: Vec<(String, String)>,
    /// Path and why it was skipped.
    pub skipped: Vec<(String, String)>,
}

/// Every `*.json` file below the folders (the walk honours `.gitignore` and skips `.git/`,
/// `node_modules/` and build folders, as `adf check` does).
pub(crate) fn list(roots: &[PathBuf]) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = roots
        .iter()
        .flat_map(|r| RealFs.walk(r))
        .filter_map(Result::ok)
        .collect();
    out.sort();
    out.dedup();
    out
}

/// Reads files as UTF-8 text.
pub(crate) fn read(paths: &[PathBuf]) -> Read {
    let mut out = Read::default();
    for p in paths {
        let path = p.to_string_lossy().into_owned();
        match files::load(&RealFs, p) {
            Ok(text) => out.files.push((path, text)),
            Err(why) => out.skipped.push((path, why)),
        }
    }
    out
}

/// The configuration files that govern these files (nearest `adf.toml` in an ancestor
/// folder), as (path, text): the project parses them and reports their mistakes. Only a file
/// that cannot be read is an error.
pub(crate) fn configs<'p>(
    paths: impl IntoIterator<Item = &'p str>,
) -> Result<Vec<(String, String)>, String> {
    let absolute: Vec<String> = paths
        .into_iter()
        .map(|p| files::absolute(Path::new(p)))
        .collect();
    let found = settings::discover(&RealFs, &absolute)?;
    Ok(found.into_iter().map(|c| (c.path, c.text)).collect())
}

/// Whether a path names a configuration file.
pub(crate) fn is_config(path: &str) -> bool {
    Path::new(path)
        .file_name()
        .is_some_and(|n| n == adf_core::config::FILE_NAME)
}

/// Whether a file below one of the workspace folders is one the indexing reads (the folders
/// skipped are judged below the workspace folder, not in the folder's own path).
pub(crate) fn is_indexed(roots: &[PathBuf], path: &str) -> bool {
    let path = Path::new(path);
    roots.iter().any(|r| {
        path.strip_prefix(r).is_ok_and(|rel| {
            use adf_core::config::{membership, ConfigSet, Membership};
            // Excludes are the project's to apply: an excluded file is still indexed.
            membership(
                &files::display(rel),
                &files::display(path),
                &ConfigSet::default(),
            ) == Membership::Member
        })
    })
}
