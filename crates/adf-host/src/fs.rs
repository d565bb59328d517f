//! File access behind a small trait, so tests can hand an adapter files that cannot be read,
//! that vanish or that loop.

use crate::files;
use adf_core::config::membership::{is_skipped_folder, is_system_path, link_stays_inside};
use adf_core::config::{membership, ConfigSet, Membership};
use std::io;
use std::path::{Path, PathBuf};

/// A path the walk could not follow, and why.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct WalkError {
    /// Where.
    pub path: PathBuf,
    /// Why, for humans.
    pub message: String,
    /// The walk stopped here (too many files): the run cannot do its job.
    pub fatal: bool,
}

impl WalkError {
    /// A place skipped; the rest of the walk goes on.
    pub fn skipped(path: &Path, message: impl Into<String>) -> Self {
        WalkError {
            path: path.to_path_buf(),
            message: message.into(),
            fatal: false,
        }
    }
}

/// How far a walk has come.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct WalkCount {
    /// Entries passed (files of any kind and folders).
    pub entries: usize,
    /// `*.json` files listed.
    pub files: usize,
}

/// How many `*.json` files a walk lists before it gives up, unless told otherwise: far more
/// than any factory holds, far fewer than a walk of `/` finds.
pub const DEFAULT_MAX_FILES: usize = 100_000;

/// What the CLI needs of a file system.
pub trait FileSystem: Sync {
    /// The bytes of a file.
    fn read(&self, path: &Path) -> io::Result<Vec<u8>>;
    /// Every `*.json` file below `root` (or `root` itself when it is a file), sorted, with the
    /// places the walk could not or would not enter; past `max_files` files the walk stops with
    /// a fatal [`WalkError`].
    fn walk_at_most(&self, root: &Path, max_files: usize) -> Vec<Result<PathBuf, WalkError>> {
        self.walk_watched(root, max_files, &mut |_| true)
    }
    /// [`FileSystem::walk_at_most`] that tells `go_on` of every entry it passes and stops,
    /// keeping what it listed so far, when `go_on` answers false (a server shows the count and
    /// lets the user cancel a walk that would take minutes).
    fn walk_watched(
        &self,
        root: &Path,
        max_files: usize,
        go_on: &mut dyn FnMut(WalkCount) -> bool,
    ) -> Vec<Result<PathBuf, WalkError>>;
    /// [`FileSystem::walk_at_most`] with [`DEFAULT_MAX_FILES`].
    fn walk(&self, root: &Path) -> Vec<Result<PathBuf, WalkError>> {
        self.walk_at_most(root, DEFAULT_MAX_FILES)
    }
    /// Whether a path exists.
    fn exists(&self, path: &Path) -> bool;
    /// Whether a path is a file.
    fn is_file(&self, path: &Path) -> bool;
}

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
            ignore::Error::Loop { ancestor, child } => WalkError::skipped(
                child,
                format!(
                    "symbolic link loop (leads back to {})",
                    ancestor.to_string_lossy().replace('\\', "/")
                ),
            ),
            other => WalkError::skipped(
                path.unwrap_or(Path::new("")),
                format!("cannot read: {other}"),
            ),
        }
    }
    dig(e, None)
}

fn is_json(p: &Path) -> bool {
    p.extension()
        .is_some_and(|x| x.eq_ignore_ascii_case("json"))
}

fn slashed(p: &Path) -> String {
    p.to_string_lossy().replace('\\', "/")
}

/// Why an entry the walk found is not entered or listed, if it is not: links out of the root,
/// system folders, other file systems, and files that are not regular files (a FIFO would block
/// the read forever). Only links cost a look at the disk beyond what the walk knows.
fn refused(e: &ignore::DirEntry, canonical_root: &str, root_device: Option<u64>) -> Option<String> {
    if e.path_is_symlink() {
        // A dangling link is left to the walker, which reports it (when it follows links).
        let target = match std::fs::canonicalize(e.path()) {
            Ok(t) => slashed(&t),
            #[cfg(target_os = "wasi")]
            Err(err) => {
                return Some(format!(
                    "cannot read: IO error for operation on {}: {err}",
                    slashed(e.path())
                ))
            }
            #[cfg(not(target_os = "wasi"))]
            Err(_) => return None,
        };
        if !link_stays_inside(canonical_root, &target) {
            return Some(if is_system_path(&target) {
                "symbolic link into /proc, /sys or /dev: not followed, never read".to_string()
            } else {
                "symbolic link to a place outside the folder being checked: not followed (keep a copy inside it instead)".to_string()
            });
        }
        #[cfg(target_os = "wasi")]
        return unfollowed_link(e);
    }
    let kind = e.file_type()?;
    if kind.is_dir() {
        if is_system_path(&files::absolute(e.path())) {
            return Some(SYSTEM_FOLDER.to_string());
        }
        let here = std::fs::metadata(e.path()).ok().and_then(|m| device(&m));
        return (here.is_some() && here != root_device).then(|| {
            "another file system is mounted here: not entered (check it by naming it)".to_string()
        });
    }
    (!kind.is_file() && is_json(e.path())).then(|| NOT_REGULAR.to_string())
}

/// What a native walk learns by following a link that stays inside, found without following it
/// (on WASI the walker does not follow links: see `walk_watched`). A link to a regular file is
/// listed like one ([`lists_as_file`]), a link back to a folder above it is the loop the native
/// walk reports, and a link to another folder is not entered, unlike natively.
#[cfg(target_os = "wasi")]
fn unfollowed_link(e: &ignore::DirEntry) -> Option<String> {
    let meta = match std::fs::metadata(e.path()) {
        Ok(m) => m,
        Err(err) => return Some(format!("cannot read: {err}")),
    };
    if meta.is_file() {
        return None;
    }
    if !meta.is_dir() {
        return is_json(e.path()).then(|| NOT_REGULAR.to_string());
    }
    let target = std::fs::canonicalize(e.path()).ok();
    let ancestor = e
        .path()
        .ancestors()
        .skip(1)
        .take(e.depth())
        .find(|a| std::fs::canonicalize(a).ok() == target);
    Some(match ancestor {
        Some(a) => format!("symbolic link loop (leads back to {})", slashed(a)),
        None => "symbolic link to a folder: not entered by the portable (WASI) build of adf (check that folder by naming it)".to_string(),
    })
}

/// Whether a walked entry is a file to list: a regular file, or on WASI a link to one that
/// [`refused`] let through (natively the walker follows links and reports the target's type).
fn lists_as_file(e: &ignore::DirEntry) -> bool {
    e.file_type().is_some_and(|t| t.is_file())
        || cfg!(target_os = "wasi")
            && e.path_is_symlink()
            && std::fs::metadata(e.path()).is_ok_and(|m| m.is_file())
}

const NOT_REGULAR: &str = "not a regular file (a FIFO, socket or device): not read";

const SYSTEM_FOLDER: &str = "below /proc, /sys or /dev: system state, not files; never read";

/// Opens a path that is not a symbolic link without ever blocking (opening a FIFO waits for a
/// writer); `None` when it is a link.
#[cfg(unix)]
fn open_unlinked(path: &Path) -> io::Result<Option<std::fs::File>> {
    use std::os::unix::fs::OpenOptionsExt;
    match std::fs::OpenOptions::new()
        .read(true)
        .custom_flags(libc::O_NONBLOCK | libc::O_NOFOLLOW)
        .open(path)
    {
        Ok(f) => Ok(Some(f)),
        Err(e) if e.raw_os_error() == Some(libc::ELOOP) => Ok(None),
        Err(e) => Err(e),
    }
}

/// Elsewhere a link is not told apart by opening: looked at first.
#[cfg(not(unix))]
fn open_unlinked(path: &Path) -> io::Result<Option<std::fs::File>> {
    let own = std::fs::symlink_metadata(path)?;
    if own.file_type().is_symlink() {
        return Ok(None);
    }
    if !own.is_file() {
        return Err(refusal(&own));
    }
    std::fs::File::open(path).map(Some)
}

/// Why a path that is not a regular file is not read.
fn refusal(meta: &std::fs::Metadata) -> io::Error {
    if meta.is_dir() {
        // A file replaced by a folder after it was listed.
        io::Error::other("a folder now, not a file")
    } else {
        io::Error::other(NOT_REGULAR)
    }
}

/// Reads an opened file to its end when it is a regular file.
fn read_regular(file: std::fs::File) -> io::Result<Vec<u8>> {
    use std::io::Read;
    let meta = file.metadata()?;
    if !meta.is_file() {
        return Err(refusal(&meta));
    }
    let size = usize::try_from(meta.len()).unwrap_or(0);
    let mut out = Vec::with_capacity(size.saturating_add(1));
    // Through `take`: `File`'s own `read_to_end` asks the system for the size again.
    (&file).take(u64::MAX).read_to_end(&mut out)?;
    Ok(out)
}

#[cfg(unix)]
fn device(meta: &std::fs::Metadata) -> Option<u64> {
    use std::os::unix::fs::MetadataExt;
    Some(meta.dev())
}

/// Windows, and WASI (the npm package's portable build), have no stable device number in std
/// (`std::os::wasi::fs` is unstable): there a walk enters other file systems mounted below it.
#[cfg(not(unix))]
fn device(_meta: &std::fs::Metadata) -> Option<u64> {
    None
}

impl FileSystem for RealFs {
    fn read(&self, path: &Path) -> io::Result<Vec<u8>> {
        // A relative path lies below the current folder, which the walk of its root checked
        // (and making it absolute asks the system for the current folder, per file).
        if path.is_absolute() && is_system_path(&slashed(path)) {
            return Err(io::Error::other(SYSTEM_FOLDER));
        }
        match open_unlinked(path)? {
            Some(file) => read_regular(file),
            // Only a link is resolved (the walk does not enter folders linked out of its root,
            // and resolves its root): resolving every path cost a readlink per folder of the
            // path, per file.
            None => {
                let target = std::fs::canonicalize(path)?;
                if is_system_path(&slashed(&target)) {
                    return Err(io::Error::other(SYSTEM_FOLDER));
                }
                match open_unlinked(&target)? {
                    Some(file) => read_regular(file),
                    None => Err(io::Error::other("a link that keeps changing")),
                }
            }
        }
    }

    fn walk_watched(
        &self,
        root: &Path,
        max_files: usize,
        go_on: &mut dyn FnMut(WalkCount) -> bool,
    ) -> Vec<Result<PathBuf, WalkError>> {
        let canonical_root = match std::fs::canonicalize(root) {
            Ok(c) => c,
            Err(e) => return vec![Err(WalkError::skipped(root, format!("cannot read: {e}")))],
        };
        if is_system_path(&files::absolute(root)) || is_system_path(&slashed(&canonical_root)) {
            return vec![Err(WalkError::skipped(root, SYSTEM_FOLDER))];
        }
        if !canonical_root.is_dir() {
            // A file named on the command line is read even through a link: it was asked for.
            let regular = std::fs::metadata(&canonical_root).is_ok_and(|m| m.is_file());
            return vec![if regular {
                Ok(root.to_path_buf())
            } else {
                Err(WalkError::skipped(root, NOT_REGULAR))
            }];
        }
        let root_device = std::fs::metadata(&canonical_root)
            .ok()
            .and_then(|m| device(&m));
        let canonical_root = slashed(&canonical_root);
        let skipped = std::sync::Arc::new(std::sync::Mutex::new(Vec::new()));
        let skipped_in_filter = skipped.clone();
        let walker = ignore::WalkBuilder::new(root)
            .hidden(false)
            // ripgrep's `.ignore` files are for searching, not for deciding what a factory is.
            .ignore(false)
            .git_ignore(true)
            .git_global(false)
            .git_exclude(false)
            .require_git(false)
            // The walker finds loops through links with same-file, which has no WASI support:
            // every linked folder would fail ("same-file is not supported on this platform").
            // There links are not followed and `unfollowed_link` tells what following would.
            .follow_links(!cfg!(target_os = "wasi"))
            .filter_entry(move |e| {
                if e.depth() == 0 {
                    return true;
                }
                let is_dir = e.file_type().is_some_and(|t| t.is_dir());
                if is_dir && is_skipped_folder(&e.file_name().to_string_lossy()) {
                    return false;
                }
                match refused(e, &canonical_root, root_device) {
                    Some(why) => {
                        if let Ok(mut s) = skipped_in_filter.lock() {
                            s.push(WalkError::skipped(e.path(), why));
                        }
                        false
                    }
                    None => true,
                }
            })
            .build();
        let mut out: Vec<Result<PathBuf, WalkError>> = Vec::new();
        let mut count = WalkCount::default();
        for entry in walker {
            count.entries += 1;
            if !go_on(count) {
                break;
            }
            match entry {
                Ok(e) if lists_as_file(&e) && is_member(root, &e) => {
                    count.files += 1;
                    if count.files > max_files {
                        out.push(Err(too_many(root, max_files)));
                        break;
                    }
                    out.push(Ok(e.into_path()));
                }
                Ok(_) => {}
                Err(e) => out.push(Err(walk_error(&e))),
            }
        }
        if let Ok(mut s) = skipped.lock() {
            out.extend(s.drain(..).map(Err));
        }
        out.sort_by_cached_key(sort_key);
        out
    }

    fn exists(&self, path: &Path) -> bool {
        path.exists()
    }

    fn is_file(&self, path: &Path) -> bool {
        path.is_file()
    }
}

/// Whether a file the walk found belongs to the factory, as the core decides (excludes are
/// the caller's: the CLI reports an excluded file as such, the server keeps it aside).
fn is_member(root: &Path, e: &ignore::DirEntry) -> bool {
    // The walk joins names to the root, so the path starts with the root's text: slicing it
    // off saves comparing the two component by component, for every file.
    fn as_text(p: &Path) -> Option<&str> {
        p.to_str().filter(|s| !s.as_bytes().contains(&b'\\'))
    }
    let sliced = as_text(root).zip(as_text(e.path())).and_then(|(r, p)| {
        let r = r.trim_end_matches('/');
        p.strip_prefix(r)?.strip_prefix('/')
    });
    let relative = match sliced {
        Some(rest) if !rest.is_empty() && !root.as_os_str().is_empty() => rest.to_string(),
        _ => e
            .path()
            .strip_prefix(root)
            .map_or_else(|_| slashed(e.path()), slashed),
    };
    membership(&relative, &files::absolute(e.path()), &ConfigSet::default()) == Membership::Member
}

/// The walk gave up: more files than any factory holds.
fn too_many(root: &Path, max_files: usize) -> WalkError {
    WalkError {
        path: root.to_path_buf(),
        message: format!(
            "more than {max_files} JSON files below {}: stopped walking (name the factory's folder, or raise --max-files)",
            files::display(root)
        ),
        fatal: true,
    }
}

/// The order of a walk's results: the order of their paths' components, as `Path`'s own `Ord`
/// gives it, but found by one byte comparison instead of splitting both paths into components
/// at every comparison (that was a quarter of the main thread's work on a large factory).
/// A separator becomes the byte 0, which sorts below every byte a file name can hold, so a
/// folder's files come before a longer name that shares its prefix, as with components.
fn sort_key(r: &Result<PathBuf, WalkError>) -> Vec<u8> {
    let path = match r {
        Ok(p) => p.as_path(),
        Err(e) => e.path.as_path(),
    };
    path.as_os_str()
        .as_encoded_bytes()
        .iter()
        .map(|&b| {
            if std::path::is_separator(b as char) {
                0
            } else {
                b
            }
        })
        .collect()
}

/// Files in memory, some of which fail on purpose (for adapters' tests: CI runs as root, so
/// permissions cannot make such files).
pub mod memory {
    use super::*;
    use std::collections::BTreeMap;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// What a path holds.
    pub enum Entry {
        /// Readable bytes.
        Bytes(Vec<u8>),
        /// Listed, but reading fails with this error kind.
        Fails(io::ErrorKind),
        /// A symbolic link that leads back to an ancestor.
        Loop,
        /// Rewritten while the run reads it: the first read gets `first`, every later one
        /// `then` (a file saved by an editor or a CI step during the check).
        Rewritten {
            /// The bytes of the first read.
            first: Vec<u8>,
            /// The bytes of every later read.
            then: Vec<u8>,
            /// Reads so far.
            reads: AtomicUsize,
        },
    }

    impl Entry {
        /// A file whose text changes after its first read.
        pub fn rewritten(first: &str, then: &str) -> Self {
            Entry::Rewritten {
                first: first.as_bytes().to_vec(),
                then: then.as_bytes().to_vec(),
                reads: AtomicUsize::new(0),
            }
        }
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
                Some(Entry::Rewritten { first, then, reads }) => {
                    Ok(if reads.fetch_add(1, Ordering::SeqCst) == 0 {
                        first.clone()
                    } else {
                        then.clone()
                    })
                }
                None => Err(io::Error::from(io::ErrorKind::NotFound)),
            }
        }

        fn walk_watched(
            &self,
            root: &Path,
            max_files: usize,
            go_on: &mut dyn FnMut(WalkCount) -> bool,
        ) -> Vec<Result<PathBuf, WalkError>> {
            let mut out = Vec::new();
            let mut count = WalkCount::default();
            for (p, e) in self.entries.iter().filter(|(p, _)| p.starts_with(root)) {
                count.entries += 1;
                if !go_on(count) {
                    break;
                }
                match e {
                    Entry::Loop => out.push(Err(WalkError::skipped(p, "symbolic link loop"))),
                    _ if is_json(p) => {
                        count.files += 1;
                        if count.files > max_files {
                            out.push(Err(too_many(root, max_files)));
                            break;
                        }
                        out.push(Ok(p.clone()));
                    }
                    _ => {}
                }
            }
            out
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
mod tests;
