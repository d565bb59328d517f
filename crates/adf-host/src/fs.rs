//! File access behind a small trait, so tests can hand an adapter files that cannot be read,
//! that vanish or that loop.

use std::io;
use std::path::{Path, PathBuf};

/// A path the walk could not follow, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// Where.
    pub path: PathBuf,
    /// Why, for humans.
    pub message: String,
}

/// What the CLI needs of a file system.
pub trait FileSystem: Sync {
    /// The bytes of a file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Every `*.json` file below `root` (or `root` itself when it is a file), sorted, with the
    /// places the walk could not enter.
    fn walk(&self, root: &Path) -> Vec<Result<PathBuf, WalkError>>;
    /// Whether a path exists.
    fn exists(&self, path: &Path) -> bool;
    /// Whether a path is a file.
    fn is_file(&self, path: &Path) -> bool;
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

/// The disk.
pub struct RealFs;

fn walk_error(e: &ignore::Error) -> WalkError {
    // The walker wraps its errors in path, depth and line context; dig out the path.
    fn dig(e: &ignore::Error, path: Option<&Path>) -> WalkError {
        match e {
            ignore::Error::WithPath { path, err } => dig(err, Some(path)),
            ignore::Error::WithDepth { err, .. } | ignore::Error::WithLineNumber { err, .. } => {
                dig(err, path)
            }
            ignore::Error::Loop { ancestor, child } => WalkError {
                path: child.clone(),
                message: format!(
                    "symbolic link loop (leads back to {})",
                    ancestor.to_string_lossy().replace('\\', "/")
                ),
            },
            other => WalkError {
                path: path.map(Path::to_path_buf).unwrap_or_default(),
                message: format!("cannot read: {other}"),
            },
        }
    }
    dig(e, None)
}

fn is_json(p: &Path) -> bool {
    p.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

/// Whether a walk would list this path: a `*.json` file outside the folders never descended
/// into (for adapters told of single changed files, such as the server's file watcher).
pub fn is_walked(path: &Path) -> bool {
    is_json(path)
        && !path.components().any(|c| {
            EXCLUDED_DIRS
                .iter()
                .any(|d| c.as_os_str() == std::ffi::OsStr::new(d))
        })
}

impl FileSystem for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        std::fs::read(path)
    }

    fn walk(&self, root: &Path) -> Vec<Result<PathBuf, WalkError>> {
        if root.is_file() {
            return vec![Ok(root.to_path_buf())];
        }
        let mut out: Vec<Result<PathBuf, WalkError>> = ignore::WalkBuilder::new(root)
            .hidden(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(false)
            .require_git(false)
            .follow_links(true)
            .filter_entry(|e| {
                !(e.file_type().is_some_and(|t| t.is_dir())
                    && e.depth() > 0
                    && EXCLUDED_DIRS.contains(&e.file_name().to_string_lossy().as_ref()))
            })
            .build()
            .filter_map(|entry| match entry {
                Ok(e) => (e.file_type().is_some_and(|t| t.is_file()) && is_json(e.path()))
                    .then(|| Ok(e.into_path())),
                Err(e) => Some(Err(walk_error(&e))),
            })
            .collect();
        out.sort_by(|a, b| sort_key(a).cmp(sort_key(b)));
        out
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

fn sort_key(r: &Result<PathBuf, WalkError>) -> &Path {
    match r {
        Ok(p) => p,
        Err(e) => &e.path,
    }
}

/// Files in memory, some of which fail on purpose (for adapters' tests: CI runs as root, so
/// permissions cannot make such files).
pub mod memory {
    use super::*;
    use std::collections::BTreeMap;

    /// What a path holds.
    pub enum Entry {
        /// Readable bytes.
        Bytes(Vec<u8>),
        /// Listed, but reading fails with this error kind.
        Fails(io::ErrorKind),
        /// A symbolic link that leads back to an ancestor.
        Loop,
    }

    /// A file system of entries by path.
    #[derive(Default)]
    pub struct MemoryFs {
        /// The entries.
        pub entries: BTreeMap<PathBuf, Entry>,
    }

    impl MemoryFs {
        /// Adds a text file.
        pub fn text(mut self, path: &str, text: &str) -> Self {
            self.entries
                .insert(PathBuf::from(path), Entry::Bytes(text.as_bytes().to_vec()));
            self
        }

        /// Adds another entry.
        pub fn entry(mut self, path: &str, entry: Entry) -> Self {
            self.entries.insert(PathBuf::from(path), entry);
            self
        }
    }

    impl FileSystem for MemoryFs {
        fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
            match self.entries.get(path) {
                Some(Entry::Bytes(b)) => Ok(b.clone()),
                Some(Entry::Fails(kind)) => Err(io::Error::from(*kind)),
                Some(Entry::Loop) => Err(io::Error::other("too many levels of symbolic links")),
                None => Err(io::Error::from(io::ErrorKind::NotFound)),
            }
        }

        fn walk(&self, root: &Path) -> Vec<Result<PathBuf, WalkError>> {
            self.entries
                .iter()
                .filter(|(p, _)| p.starts_with(root))
                .filter_map(|(p, e)| match e {
                    Entry::Loop => Some(Err(WalkError {
                        path: p.clone(),
                        message: "symbolic link loop".to_string(),
                    })),
                    _ => is_json(p).then(|| Ok(p.clone())),
                })
                .collect()
        }

        fn exists(&self, path: &Path) -> bool {
            self.entries.keys().any(|p| p.starts_with(path))
        }

        fn is_file(&self, path: &Path) -> bool {
            self.entries.contains_key(path)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::is_walked;
    use std::path::Path;

    #[test]
    fn a_watched_change_is_indexed_like_the_walk_would() {
        assert!(is_walked(Path::new("pipeline/Load.json")));
        assert!(is_walked(Path::new("dataset/Sales.JSON")));
        assert!(!is_walked(Path::new("adf.toml")));
        assert!(!is_walked(Path::new(".git/objects/x.json")));
        assert!(!is_walked(Path::new("tools/node_modules/pkg/package.json")));
    }
}
