//! A file's text as the workspace keeps it between edits.
//!
//! A language server holds every file of a factory, and most are never opened: kept plain, the
//! texts of a 5 000-pipeline factory (34 000 files, 110 MB) were the largest part of its memory.
//! Texts that arrive in bulk are kept LZ4-compressed (JSON shrinks several times) and unpacked
//! once, on first read; texts set one at a time (the documents being edited) stay plain.

use std::sync::OnceLock;

/// A text, plain or compressed.
#[derive(Debug)]
pub(crate) enum StoredText {
    /// Kept as given.
    Plain(String),
    /// Compressed, with the unpacked text once something read it.
    Packed {
        bytes: Vec<u8>,
        plain: OnceLock<String>,
    },
}

impl StoredText {
    /// A text kept compressed.
    pub fn packed(text: &str) -> Self {
        Self::Packed {
            bytes: lz4_flex::compress_prepend_size(text.as_bytes()),
            plain: OnceLock::new(),
        }
    }

    /// The text (unpacked on first use). `None` only if the compressed bytes were damaged,
    /// which this module never does.
    pub fn get(&self) -> Option<&str> {
        match self {
            Self::Plain(s) => Some(s),
            Self::Packed { bytes, plain } => {
                if let Some(s) = plain.get() {
                    return Some(s);
                }
                let raw = lz4_flex::decompress_size_prepended(bytes).ok()?;
                let text = String::from_utf8(raw).ok()?;
                Some(plain.get_or_init(|| text))
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::StoredText;

    #[test]
    fn a_packed_text_reads_back_the_same() {
        let text =
            "{\"name\": \"Sales\", \"properties\": {\"description\": \"Ümsätze 😀\"}}\n".repeat(50);
        let packed = StoredText::packed(&text);
        if let StoredText::Packed { bytes, .. } = &packed {
            assert!(
                bytes.len() * 4 < text.len(),
                "{} of {}",
                bytes.len(),
                text.len()
            );
        }
        assert_eq!(packed.get(), Some(text.as_str()));
        // The second read is the cached text.
        assert_eq!(packed.get(), Some(text.as_str()));
        assert_eq!(StoredText::Plain("x".into()).get(), Some("x"));
    }
}
