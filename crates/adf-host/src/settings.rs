//! Finding and reading `adf.toml` files: the nearest ancestor folder of each checked file, or
//! the one file given with `--config`. Parsing belongs to the core.

use crate::files;
use crate::fs::FileSystem;
use adf_core::config::{Config, ConfigSet, FILE_NAME};
use std::collections::BTreeSet;
use std::path::{Path, PathBuf};

/// Reads and parses one configuration file; the error names the file, line and column.
pub fn read(fs: &dyn FileSystem, path: &Path) -> Result<Config, String> {
    let shown = files::display(path);
    let text = files::load(fs, path).map_err(|m| format!("configuration {shown}: {m}"))?;
    Config::parse(&text).map_err(|e| format!("configuration {shown}:{e}"))
}

/// The configuration given with `--config`, for every file.
pub fn forced(fs: &dyn FileSystem, path: &Path) -> Result<ConfigSet, String> {
    if !fs.is_file(path) {
        return Err(format!(
            "configuration {} does not exist",
            files::display(path)
        ));
    }
    let config = read(fs, path)?;
    let dir = Path::new(&files::absolute(path))
        .parent()
        .map(files::display)
        .unwrap_or_default();
    Ok(ConfigSet::single(&dir, config))
}

/// Every `adf.toml` in a folder that holds, or is above, one of the files (absolute paths).
pub fn discover(fs: &dyn FileSystem, absolute_files: &[String]) -> Result<ConfigSet, String> {
    let mut dirs = BTreeSet::new();
    for f in absolute_files {
        let mut dir = Path::new(f).parent();
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
            found.push((files::display(&dir), read(fs, &candidate)?));
        }
    }
    Ok(ConfigSet::new(found))
}
