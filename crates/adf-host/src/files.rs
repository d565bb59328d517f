//! Reading the files found below the paths given on the command line, through [`FileSystem`].

use crate::fs::FileSystem;
use std::io;
use std::path::Path;

/// The path as shown to the user (relative as given, `/` separators).
pub fn display(path: &Path) -> String {
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The absolute form of a path with `/` separators (configurations are found and matched by it).
pub fn absolute(path: &Path) -> String {
    let abs = std::path::absolute(path).unwrap_or_else(|_| path.to_path_buf());
    let s = abs.to_string_lossy().replace('\\', "/");
    // `absolute` keeps `.` components; they would break prefix matches.
    s.replace("/./", "/")
}

/// An absolute path (`/` separators) as shown to the user: relative to the current folder when
/// below it, like the paths of the files found by a walk of `.`.
pub fn shown(absolute_path: &str) -> String {
    let cwd = absolute(Path::new("."));
    let cwd = cwd.trim_end_matches("/.").trim_end_matches('/');
    absolute_path
        .strip_prefix(cwd)
        .and_then(|rest| rest.strip_prefix('/'))
        .map_or_else(|| absolute_path.to_string(), str::to_string)
}

/// Reads a file as UTF-8 text, or says why it cannot be checked.
pub fn load(fs: &dyn FileSystem, path: &Path) -> Result<String, String> {
    match fs.read(path) {
        Ok(bytes) => {
            if let Some((order, mark)) = utf16_bom(&bytes) {
                Err(format!(
                    "UTF-16 text ({order}, byte order mark {mark}): adf reads UTF-8 only; \
                     re-save the file as UTF-8"
                ))
            } else {
                String::from_utf8(bytes).map_err(|e| {
                    format!(
                        "binary or not UTF-8 text (invalid byte at offset {})",
                        e.utf8_error().valid_up_to()
                    )
                })
            }
        }
        Err(e) if e.kind() == io::ErrorKind::NotFound => {
            Err("vanished during the run (listed, then gone)".to_string())
        }
        Err(e) if e.kind() == io::ErrorKind::PermissionDenied => {
            Err("cannot read: permission denied".to_string())
        }
        Err(e) => Err(format!("cannot read: {e}")),
    }
}

/// The byte order (and its mark) of a UTF-16 text that starts with a byte order mark.
fn utf16_bom(bytes: &[u8]) -> Option<(&'static str, &'static str)> {
    match bytes {
        [0xFF, 0xFE, ..] => Some(("little-endian", "FF FE")),
        [0xFE, 0xFF, ..] => Some(("big-endian", "FE FF")),
        _ => None,
    }
}
