//! The text of a checked file, read again for output: texts are dropped during the run to keep
//! memory flat, and only files with findings are read a second time. A text that changed since
//! it was checked is not used (see [`Source::read`]).

use adf_host::fs::FileSystem;
use adf_syntax::LineIndex;
use std::path::Path;

/// A file's text and line index, for positions and snippets.
pub struct Source {
    /// The text, as checked.
    pub text: String,
    /// Its line index.
    pub index: LineIndex,
}

impl Source {
    /// Reads a checked file again; `None` when the text is not the one checked (its digest
    /// differs): the findings' ranges and the secrets' masks belong to the text checked.
    pub fn read(fs: &dyn FileSystem, path: &Path, checked: Option<u64>) -> Option<Source> {
        let text = String::from_utf8(fs.read(path).ok()?).ok()?;
        (checked == Some(digest(&text))).then(|| Source::new(text))
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

/// A digest of a text, to tell whether a second read got the text that was checked. FxHash's
/// step over 8-byte words, seeded with the length: every text of a run is digested, and SipHash
/// cost more than a tenth of a whole check; it only has to notice a file rewritten between reads.
pub fn digest(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let mut words = text.as_bytes().chunks_exact(8);
    let mut h = text.len() as u64;
    for w in &mut words {
        let mut b = [0u8; 8];
        b.copy_from_slice(w);
        h = step(h, u64::from_le_bytes(b));
    }
    words
        .remainder()
        .iter()
        .fold(h, |h, b| step(h, u64::from(*b)))
}
