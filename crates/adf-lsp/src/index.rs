//! Reading the workspace folders from disk: the first indexing (with `$/progress`), files changed
//! outside the editor, and the configuration files.

use adf_core::ide::Cancel;
use adf_host::fs::{FileSystem, RealFs, WalkCount};
use adf_host::{files, settings};
use std::path::{Path, PathBuf};

/// Entries the walk passes between two progress reports: a report per entry would flood the
/// client on a folder as big as `/`.
const REPORT_EVERY: usize = 1024;

/// What listing the workspace folders found.
#[derive(Debug, Default)]
pub(crate) struct Listing {
    /// The `*.json` files, sorted.
    pub files: Vec<PathBuf>,
    /// Places not entered and files not listed (links out of the folder, system folders,
    /// unreadable folders, FIFOs), with why.
    pub skipped: Vec<(String, String)>,
    /// A folder that holds more `*.json` files than the limit: the listing stopped there.
    pub too_many: Option<PathBuf>,
    /// The client cancelled the listing.
    pub cancelled: bool,
}

/// Every `*.json` file below the folders (the walk honours `.gitignore`, skips `.git/`,
/// `node_modules/` and build folders, and refuses what `adf check` refuses), telling `report`
/// how far it came every [`REPORT_EVERY`] entries; it stops past `max_files` files in one
/// folder or when `cancel` is set.
pub(crate) fn list(
    roots: &[PathBuf],
    max_files: usize,
    cancel: &Cancel,
    report: &mut dyn FnMut(WalkCount),
) -> Listing {
    let mut out = Listing::default();
    let mut before = WalkCount::default();
    for root in roots {
        let mut last = WalkCount::default();
        let walked = RealFs.walk_watched(root, max_files, &mut |c| {
            last = c;
            if c.entries % REPORT_EVERY == 0 {
                report(WalkCount {
                    entries: before.entries + c.entries,
                    files: before.files + c.files,
                });
            }
            !cancel.is_cancelled()
        });
        if cancel.is_cancelled() {
            out.cancelled = true;
            return out;
        }
        before.entries += last.entries;
        before.files += last.files;
        for entry in walked {
            match entry {
                Ok(p) => out.files.push(p),
                Err(e) if e.fatal => {
                    // Part of a factory would give false whole-factory findings.
                    return Listing {
                        too_many: Some(root.clone()),
                        ..Listing::default()
                    };
                }
                Err(e) => out.skipped.push((files::display(&e.path), e.message)),
            }
        }
    }
    out.files.sort();
    out.files.dedup();
    out
}

/// Reads a file as UTF-8 text, or says why it cannot be indexed.
pub(crate) fn read(path: &Path) -> Result<String, String> {
    files::load(&RealFs, path)
}

/// Whether a file that could not be read is gone (deleted since it was listed or announced):
/// that is a removal, not a fault to report.
pub(crate) fn is_gone(path: &Path) -> bool {
    std::fs::symlink_metadata(path).is_err()
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

#[cfg(test)]
mod tests {
    use super::*;

    /// A fresh folder of `n` pipelines below the system's temporary folder.
    fn folder(name: &str, n: usize) -> PathBuf {
        let dir = std::env::temp_dir().join(format!("adf-lsp-{name}-{}", std::process::id()));
        let _ = std::fs::remove_dir_all(&dir);
        std::fs::create_dir_all(dir.join("pipeline")).expect("mkdir");
        for i in 0..n {
            std::fs::write(dir.join(format!("pipeline/P{i}.json")), "{}").expect("write");
        }
        dir
    }

    #[test]
    fn the_listing_reports_its_counts_and_lists_every_file() {
        let dir = folder("list", 3000);
        let mut reports = Vec::new();
        let listed = list(
            std::slice::from_ref(&dir),
            10_000,
            &Cancel::never(),
            &mut |c| reports.push(c),
        );
        assert_eq!(listed.files.len(), 3000);
        assert!(!listed.cancelled && listed.too_many.is_none());
        // One report per REPORT_EVERY entries (the root and its folder are entries too).
        assert_eq!(
            reports.iter().map(|c| c.entries).collect::<Vec<_>>(),
            [1024, 2048]
        );
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_cancelled_listing_stops_at_the_next_entry() {
        let dir = folder("cancel", 3000);
        let cancel = Cancel::new();
        let mut reports = 0;
        let listed = list(
            std::slice::from_ref(&dir),
            10_000,
            &cancel.clone(),
            &mut |_| {
                reports += 1;
                cancel.cancel();
            },
        );
        assert!(listed.cancelled);
        assert!(listed.files.is_empty());
        assert_eq!(reports, 1, "the walk went on after the cancel");
        let _ = std::fs::remove_dir_all(dir);
    }

    #[test]
    fn a_folder_over_the_limit_is_named_and_nothing_of_it_is_listed() {
        let dir = folder("limit", 5);
        let listed = list(std::slice::from_ref(&dir), 4, &Cancel::never(), &mut |_| {});
        assert_eq!(listed.too_many, Some(dir.clone()));
        assert!(listed.files.is_empty());
        let _ = std::fs::remove_dir_all(dir);
    }
}
