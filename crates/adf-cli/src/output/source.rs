//! The text of a checked file, read again for output: texts are dropped during the run to keep
//! memory flat, and only files with findings are read a second time.

use adf_host::fs::FileSystem;
use adf_syntax::LineIndex;
use std::path::Path;

/// A file's text and line index, for positions and snippets.
pub struct Source {
    /// The text as read now (empty when the file vanished since the check).
    pub text: String,
    /// Its line index.
    pub index: LineIndex,
}

impl Source {
    /// Reads a checked file again.
    pub fn read(fs: &dyn FileSystem, path: &Path) -> Source {
        let text = fs
            .read(path)
            .ok()
            .and_then(|b| String::from_utf8(b).ok())
            .unwrap_or_default();
        Source::new(text)
    }

    /// A text at hand.
    pub fn new(text: String) -> Source {
        let index = LineIndex::new(&text);
        Source { text, index }
    }

    /// 1-based line and character column of a byte offset.
    pub fn position(&self, offset: usize) -> (u32, u32) {
        let p = self.index.to_chars(&self.text, offset);
        (p.line + 1, p.col + 1)
    }
}
