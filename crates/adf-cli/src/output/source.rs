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
/// step over 8-byte words in four independent lanes, seeded with the length: every text of a
/// run is digested (SipHash cost more than a tenth of a whole check, one lane 2 %), and it only
/// has to notice a file rewritten between reads.
pub fn digest(text: &str) -> u64 {
    const K: u64 = 0x517c_c1b7_2722_0a95;
    let step = |h: u64, w: u64| (h.rotate_left(5) ^ w).wrapping_mul(K);
    let word = |b: &[u8]| {
        let mut w = [0u8; 8];
        w.copy_from_slice(b);
        u64::from_le_bytes(w)
    };
    let len = text.len() as u64;
    // Four chains the processor can run side by side: one waits on each multiply.
    let mut lanes = [len, len ^ 1, len ^ 2, len ^ 3];
    let mut blocks = text.as_bytes().chunks_exact(32);
    for block in &mut blocks {
        for (lane, b) in lanes.iter_mut().zip(block.chunks_exact(8)) {
            *lane = step(*lane, word(b));
        }
    }
    let h = lanes.iter().fold(len, |h, lane| step(h, *lane));
    let mut words = blocks.remainder().chunks_exact(8);
    let h = (&mut words).fold(h, |h, b| step(h, word(b)));
    words
        .remainder()
        .iter()
        .fold(h, |h, b| step(h, u64::from(*b)))
}

#[cfg(test)]
mod tests {
    use super::digest;

    #[test]
    fn a_digest_changes_with_any_byte_and_with_the_length() {
        let text = "{\"name\": \"PL_Orders\", \"properties\": {\"activities\": []}}\n".repeat(3);
        let base = digest(&text);
        // Every position: in a 32-byte block's every lane, in the words after the blocks, and in
        // the bytes after the words.
        for i in 0..text.len() {
            let mut changed = text.clone().into_bytes();
            changed[i] = if changed[i] == b'x' { b'y' } else { b'x' };
            let changed = String::from_utf8(changed).expect("ASCII stays UTF-8");
            assert_ne!(digest(&changed), base, "byte {i}");
        }
        assert_ne!(digest(&text[..text.len() - 1]), base);
        assert_ne!(digest(""), digest("\0"));
        // Two lanes swapped are another text.
        let swapped = format!("{}{}{}", &text[8..16], &text[..8], &text[16..]);
        assert_ne!(digest(&swapped), base);
    }
}
