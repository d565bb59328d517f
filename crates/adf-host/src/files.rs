//! Reading the files found below the paths given on the command line, through [`FileSystem`].

use crate::fs::FileSystem;
use std::io;
use std::path::Path;

/// The path as shown to the user (relative as given, `/` separators).
pub fn display(path: &Path) -> String {
    // Runs for every file a walk lists: a UTF-8 path without `\\` is copied once.
    if let Some(s) = path.to_str().filter(|s| !s.as_bytes().contains(&b'\\')) {
        return s.strip_prefix("./").unwrap_or(s).to_string();
    }
    let s = path.to_string_lossy().replace('\\', "/");
    s.strip_prefix("./").map(str::to_string).unwrap_or(s)
}

/// The absolute form of a path with `/` separators (configurations are found and matched by it).
pub fn absolute(path: &Path) -> String {
    // The current folder is read once: no host changes it while it runs, and asking the system
    // for it per file was a syscall per file of every walk.
    static CWD: std::sync::OnceLock<Option<(std::path::PathBuf, String)>> =
        std::sync::OnceLock::new();
    let cwd = CWD.get_or_init(|| {
        let dir = std::env::current_dir().ok()?;
        let text = dir.to_str()?.replace('\\', "/");
        Some((dir, text))
    });
    // A plain path (what a walk lists) is joined as text, or is already absolute: this runs
    // per file.
    if let Some((plain, absolute)) = plain(path) {
        if absolute {
            return plain.to_string();
        }
        if let Some((_, base)) = cwd {
            let base = base.trim_end_matches('/');
            let mut joined = String::with_capacity(base.len() + 1 + plain.len());
            joined.push_str(base);
            joined.push('/');
            joined.push_str(plain);
            return joined;
        }
    }
    let joined = match cwd {
        Some((dir, _)) if path.is_relative() => dir.join(path),
        _ => path.to_path_buf(),
    };
    let abs = std::path::absolute(&joined).unwrap_or(joined);
    let s = abs.to_string_lossy().replace('\\', "/");
    // `absolute` keeps `.` components; they would break prefix matches.
    s.replace("/./", "/")
}

/// A path with `/` separators and no empty, `.` or `..` part (after a leading `./`), which
/// [`absolute`] would return unchanged, or join to the current folder unchanged; and whether it
/// is absolute. Only where a leading `/` is what makes a path absolute (not Windows).
fn plain(path: &Path) -> Option<(&str, bool)> {
    let s = path.to_str()?;
    if cfg!(windows) || s.bytes().any(|b| b == b'\\' || b == b':') {
        return None;
    }
    let absolute = s.starts_with('/');
    let mut rest = s.strip_prefix('/').unwrap_or(s);
    if !absolute {
        while let Some(r) = rest.strip_prefix("./") {
            rest = r;
        }
    }
    let plain = !rest.is_empty()
        && rest
            .as_bytes()
            .split(|&b| b == b'/')
            .all(|c| !c.is_empty() && c != b"." && c != b"..");
    plain.then_some((if absolute { s } else { rest }, absolute))
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

#[cfg(test)]
mod tests {
    use super::{absolute, load};
    use crate::fs::memory::{Entry, MemoryFs};
    use std::path::Path;

    #[test]
    fn a_plain_relative_path_joins_as_the_general_case_does() {
        let cwd = std::env::current_dir().expect("the test runs in a folder");
        let general = |p: &str| {
            let abs = std::path::absolute(cwd.join(p)).expect("an absolute path");
            abs.to_string_lossy().replace('\\', "/").replace("/./", "/")
        };
        let here = cwd.to_string_lossy().replace('\\', "/");
        let inside = format!("{here}/f/p.json");
        let odd = format!("{here}/f/../p.json");
        assert_eq!(absolute(Path::new(&inside)), inside);
        assert_eq!(absolute(Path::new(&odd)), general(&odd));
        for p in [
            "a.json",
            "./a.json",
            "././f/pipeline/p.json",
            "f/x y/p.json",
        ] {
            assert_eq!(absolute(Path::new(p)), general(p), "{p}");
        }
        // Not plain: left to the general case, which keeps `..` as the system would walk it.
        for p in ["f/../a.json", "f//a.json", "f/./a.json", "f/"] {
            assert_eq!(absolute(Path::new(p)), general(p), "{p}");
        }
    }

    fn utf16(text: &str, big_endian: bool) -> Vec<u8> {
        let mut bytes = if big_endian {
            vec![0xFE, 0xFF]
        } else {
            vec![0xFF, 0xFE]
        };
        for unit in text.encode_utf16() {
            bytes.extend_from_slice(&if big_endian {
                unit.to_be_bytes()
            } else {
                unit.to_le_bytes()
            });
        }
        bytes
    }

    #[test]
    fn utf16_is_named_with_its_fix_and_utf8_with_a_bom_is_read() {
        let fs = MemoryFs::default()
            .entry("le.json", Entry::Bytes(utf16("{}", false)))
            .entry("be.json", Entry::Bytes(utf16("{}", true)))
            .entry("bom.json", Entry::Bytes(b"\xEF\xBB\xBF{}".to_vec()));
        assert_eq!(
            load(&fs, Path::new("le.json")),
            Err("UTF-16 text (little-endian, byte order mark FF FE): adf reads UTF-8 only; re-save the file as UTF-8".to_string())
        );
        assert!(load(&fs, Path::new("be.json"))
            .is_err_and(|e| e.starts_with("UTF-16 text (big-endian, byte order mark FE FF)")));
        assert_eq!(
            load(&fs, Path::new("bom.json")),
            Ok("\u{feff}{}".to_string())
        );
    }
}
