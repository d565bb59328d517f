//! Finding and reading `adf.toml` files: the nearest ancestor folder of each checked file, or
//! the one file given with `--config`. Parsing, and what a mistake in a file means, belong to
//! the core (`adf_core::config`); only a file that cannot be read at all is an error here.

use crate::files;
use crate::fs::FileSystem;
use adf_core::config::FILE_NAME;
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// A configuration file as read from disk.
#[derive(Debug, Clone)]
pub struct ConfigText {
    /// Its path (absolute for a discovered file, as given for `--config`), `/` separators.
    pub path: String,
    /// The folder it governs, absolute, `/` separators.
    pub dir: String,
    /// Its text.
    pub text: String,
}

/// Reads one configuration file; the error names the file.
fn read(fs: &dyn FileSystem, path: &Path, dir: String) -> Result<ConfigText, String> {
    let shown = files::display(path);
    let text = files::load(fs, path).map_err(|m| format!("configuration {shown}: {m}"))?;
    Ok(ConfigText {
        path: shown,
        dir,
        text,
    })
}

/// The configuration given with `--config`, for every file.
pub fn forced(fs: &dyn FileSystem, path: &Path) -> Result<ConfigText, String> {
    if !fs.is_file(path) {
        return Err(format!(
            "configuration {} does not exist",
            files::display(path)
        ));
    }
    let dir = Path::new(&files::absolute(path))
        .parent()
        .map(files::display)
        .unwrap_or_default();
    read(fs, path, dir)
}

/// Every `adf.toml` in a folder that holds, or is above, one of the files (absolute paths).
pub fn discover(fs: &dyn FileSystem, absolute_files: &[String]) -> Result<Vec<ConfigText>, String> {
    let mut dirs = BTreeSet::new();
    // Files come sorted, so a folder's files follow each other: one look per folder instead of
    // a tree insert (comparing paths component by component) per file.
    let mut previous: Option<&std::ffi::OsStr> = None;
    for f in absolute_files {
        let parent = Path::new(f).parent();
        let parent_text = parent.map(Path::as_os_str);
        if parent_text.is_some() && parent_text == previous {
            continue;
        }
        previous = parent_text;
        let mut dir = parent;
        while let Some(d) = dir {
            // Folders already seen have had their ancestors added too.
            if !dirs.insert(d.to_path_buf()) {
                break;
            }
            dir = d.parent();
        }
    }
    let mut found = Vec::new();
    for dir in dirs {
        let candidate: PathBuf = dir.join(FILE_NAME);
        if fs.is_file(&candidate) {
            found.push(read(fs, &candidate, files::display(&dir))?);
        }
    }
    Ok(found)
}
