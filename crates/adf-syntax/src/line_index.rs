//! Offsets to and from (line, column) in UTF-16 code units, UTF-8 bytes and characters.

/// A position as a zero-based line and column.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub struct LineCol {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column (in the unit the method names).
    pub col: u32,
}

/// The unit a column counts in.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Unit {
    /// UTF-16 code units (LSP's default, JavaScript strings).
    Utf16,
    /// UTF-8 bytes.
    Utf8,
    /// Unicode scalar values (what a terminal user counts).
    Chars,
}

/// What a column past the end of its line means when converting to an offset. An editor sends
/// such a column when its text and ours disagree, or (as LSP allows) to mean the line's end.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum PastEnd {
    /// It stands for the end of the line.
    Clamp,
    /// It is an error.
    Reject,
}

/// A position that is not in the text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct OutsideText {
    /// The position asked for.
    pub pos: LineCol,
    /// How many lines the text has.
    pub lines: usize,
}

impl std::fmt::Display for OutsideText {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(
            f,
            "position {}:{} is outside the document ({} lines)",
            self.pos.line, self.pos.col, self.lines
        )
    }
}

/// Line starts of one text, for converting positions.
#[derive(Debug, Clone)]
pub struct LineIndex {
    line_starts: Vec<usize>,
    // Kept beside the starts because a line break is one or two bytes, which the starts alone
    // cannot tell apart once the text is gone.
    line_ends: Vec<usize>,
    len: usize,
    // Unit counts from the text's start at regular offsets, so that a column on a long line
    // (a minified file is one line) costs one binary search and a short scan instead of a scan
    // from the line's start. Empty for an ASCII text, where every unit is a byte.
    marks: Vec<Mark>,
}

/// Units from the start of the text to `offset` (a character boundary).
#[derive(Debug, Clone, Copy)]
struct Mark {
    offset: usize,
    utf16: usize,
    chars: usize,
}

/// Bytes between two marks at least: the most a conversion scans.
const MARK_STRIDE: usize = 256;

/// How many units a character is.
fn width(unit: Unit, c: char) -> usize {
    match unit {
        Unit::Utf16 => c.len_utf16(),
        Unit::Utf8 => c.len_utf8(),
        Unit::Chars => 1,
    }
}

#[cfg(test)]
thread_local! {
    /// Characters scanned by conversions, so tests can bound the work of one.
    static SCANNED: std::cell::Cell<usize> = const { std::cell::Cell::new(0) };
}

fn scanned(_n: usize) {
    #[cfg(test)]
    SCANNED.with(|s| s.set(s.get() + _n));
}

impl LineIndex {
    /// Indexes the line starts of `text` (`\n`, `\r\n` and lone `\r` end lines).
    pub fn new(text: &str) -> Self {
        let bytes = text.as_bytes();
        let mut line_starts = vec![0];
        let mut line_ends = Vec::new();
        // Built for every file that shows a position and on every edit in the editor: jump from
        // line break to line break rather than test each byte.
        let mut breaks = memchr::memchr2_iter(b'\n', b'\r', bytes);
        while let Some(i) = breaks.next() {
            line_ends.push(i);
            let end = if bytes.get(i) == Some(&b'\r') && bytes.get(i + 1) == Some(&b'\n') {
                // `\r\n` is one break: skip its `\n`.
                breaks.next();
                i + 1
            } else {
                i
            };
            line_starts.push(end + 1);
        }
        line_ends.push(text.len());
        Self {
            line_starts,
            line_ends,
            len: text.len(),
            marks: Self::marks(text),
        }
    }

    fn marks(text: &str) -> Vec<Mark> {
        if text.is_ascii() {
            return Vec::new();
        }
        let mut marks = vec![Mark {
            offset: 0,
            utf16: 0,
            chars: 0,
        }];
        let (mut utf16, mut chars) = (0, 0);
        let mut next = MARK_STRIDE;
        for (i, c) in text.char_indices() {
            if i >= next {
                marks.push(Mark {
                    offset: i,
                    utf16,
                    chars,
                });
                next = i + MARK_STRIDE;
            }
            utf16 += c.len_utf16();
            chars += 1;
        }
        marks
    }

    /// Units from the start of the indexed text to `offset` (a character boundary of `text`),
    /// or `None` when `text` is not the indexed one.
    fn units_before(&self, text: &str, offset: usize, unit: Unit) -> Option<usize> {
        if text.len() != self.len {
            return None;
        }
        if unit == Unit::Utf8 || self.marks.is_empty() {
            return Some(offset);
        }
        let at = self
            .marks
            .partition_point(|m| m.offset <= offset)
            .checked_sub(1)?;
        let mark = self.marks.get(at)?;
        let base = match unit {
            Unit::Utf16 => mark.utf16,
            _ => mark.chars,
        };
        let rest = text.get(mark.offset..offset)?;
        scanned(rest.len());
        Some(base + rest.chars().map(|c| width(unit, c)).sum::<usize>())
    }

    /// Number of lines (a text ending in a line break has an empty last line).
    pub fn line_count(&self) -> usize {
        self.line_starts.len()
    }

    fn line_of(&self, offset: usize) -> usize {
        match self.line_starts.binary_search(&offset) {
            Ok(l) => l,
            // Line 0 starts at 0, so an offset never sorts before every start.
            Err(l) => l.saturating_sub(1),
        }
    }

    fn clamp(text: &str, offset: usize) -> usize {
        let mut offset = offset.min(text.len());
        while offset > 0 && !text.is_char_boundary(offset) {
            offset -= 1;
        }
        offset
    }

    fn to_units(&self, text: &str, offset: usize, unit: Unit) -> LineCol {
        let offset = Self::clamp(text, offset);
        let line = self.line_of(offset);
        let start = self.line_start(line).unwrap_or(0);
        let indexed = self
            .units_before(text, offset, unit)
            .zip(self.units_before(text, start, unit));
        let col = match indexed {
            Some((to, from)) => to.saturating_sub(from),
            // A text other than the indexed one could put `start` off a boundary; count
            // nothing then.
            None => text
                .get(start..offset)
                .map(|s| {
                    scanned(s.len());
                    s.chars().map(|c| width(unit, c)).sum()
                })
                .unwrap_or(0),
        };
        LineCol {
            line: u32::try_from(line).unwrap_or(u32::MAX),
            col: u32::try_from(col).unwrap_or(u32::MAX),
        }
    }

    /// Line and UTF-16 column of a byte offset (clamped into the text).
    pub fn to_utf16(&self, text: &str, offset: usize) -> LineCol {
        self.to_units(text, offset, Unit::Utf16)
    }

    /// Line and UTF-8 (byte) column of a byte offset (clamped into the text and to a character
    /// boundary).
    pub fn to_utf8(&self, text: &str, offset: usize) -> LineCol {
        self.to_units(text, offset, Unit::Utf8)
    }

    /// Line and character (Unicode scalar) column of a byte offset (clamped into the text).
    pub fn to_chars(&self, text: &str, offset: usize) -> LineCol {
        self.to_units(text, offset, Unit::Chars)
    }

    /// Line and column, in `unit`, of a byte offset (clamped into the text).
    pub fn position(&self, text: &str, offset: usize, unit: Unit) -> LineCol {
        match unit {
            Unit::Utf16 => self.to_utf16(text, offset),
            Unit::Utf8 => self.to_utf8(text, offset),
            Unit::Chars => self.to_chars(text, offset),
        }
    }

    /// Byte offset of a line and a column in `unit`: the one conversion every host uses, with
    /// its policy for a column past the line's end explicit. A line that does not exist is
    /// always an error; a column inside a character gives that character's start.
    pub fn offset(
        &self,
        text: &str,
        pos: LineCol,
        unit: Unit,
        past_end: PastEnd,
    ) -> Result<usize, OutsideText> {
        let outside = || OutsideText {
            pos,
            lines: self.line_count(),
        };
        let line = usize::try_from(pos.line).map_err(|_| outside())?;
        self.line_start(line).ok_or_else(outside)?;
        if past_end == PastEnd::Reject {
            let end = self.position(text, self.line_end(line), unit);
            if pos.col > end.col {
                return Err(outside());
            }
        }
        let found = match unit {
            Unit::Utf16 => self.from_utf16(text, pos),
            Unit::Utf8 => self.from_utf8(text, pos),
            Unit::Chars => self.from_chars(text, pos),
        };
        found.ok_or_else(outside)
    }

    /// Byte offset of a line and UTF-16 column; `None` when the line does not exist.
    /// A column past the end of the line gives the line's end; a column inside a surrogate
    /// pair gives the start of that character.
    pub fn from_utf16(&self, text: &str, pos: LineCol) -> Option<usize> {
        self.offset_of_units(text, pos, Unit::Utf16)
    }

    /// Byte offset of a line and UTF-8 column; `None` when the line does not exist. A column past
    /// the end of the line gives the line's end; one inside a character gives its start.
    pub fn from_utf8(&self, text: &str, pos: LineCol) -> Option<usize> {
        self.offset_of_units(text, pos, Unit::Utf8)
    }

    /// Byte offset of a line and character column; `None` when the line does not exist.
    /// A column past the end of the line gives the line's end.
    pub fn from_chars(&self, text: &str, pos: LineCol) -> Option<usize> {
        self.offset_of_units(text, pos, Unit::Chars)
    }

    fn offset_of_units(&self, text: &str, pos: LineCol, unit: Unit) -> Option<usize> {
        let line = usize::try_from(pos.line).ok()?;
        let start = self.line_start(line)?;
        let end = self.line_end(line);
        let target = usize::try_from(pos.col).unwrap_or(usize::MAX);
        // Start the scan at the last mark of the line that is not past the column.
        let (from, mut units) = match self.units_before(text, start, unit) {
            Some(_) if self.marks.is_empty() || unit == Unit::Utf8 => {
                // Every unit is a byte: jump, then back off to a character boundary.
                let mut at = start.saturating_add(target).min(end);
                while at > start && !text.is_char_boundary(at) {
                    at -= 1;
                }
                return text.get(start..at).map(|_| at);
            }
            Some(base) => {
                let first = self.marks.partition_point(|m| m.offset <= start);
                let last = self.marks.partition_point(|m| m.offset <= end);
                let marks = self.marks.get(first..last).unwrap_or(&[]);
                let count = |m: &Mark| {
                    match unit {
                        Unit::Utf16 => m.utf16,
                        _ => m.chars,
                    }
                    .saturating_sub(base)
                };
                let k = marks.partition_point(|m| count(m) <= target);
                match k.checked_sub(1).and_then(|k| marks.get(k)) {
                    Some(m) => (m.offset, count(m)),
                    None => (start, 0),
                }
            }
            None => (start, 0),
        };
        let rest = text.get(from..end)?;
        for (i, c) in rest.char_indices() {
            scanned(c.len_utf8());
            let next = units.saturating_add(width(unit, c));
            if next > target {
                return Some(from + i);
            }
            units = next;
        }
        Some(end)
    }

    /// Byte offset where a line's content ends, before its `\n`, `\r\n` or `\r`; the text's
    /// length for a line past the last.
    pub fn line_end(&self, line: usize) -> usize {
        self.line_ends.get(line).copied().unwrap_or(self.len)
    }

    /// Byte offset of the start of a line; `None` when the line does not exist.
    pub fn line_start(&self, line: usize) -> Option<usize> {
        self.line_starts.get(line).copied()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_conversion_with_an_explicit_policy_past_the_line_end() {
        let text = "ab😀c\nxy";
        let ix = LineIndex::new(text);
        let at = |line, col| LineCol { line, col };
        // The emoji is two UTF-16 units, four bytes, one character.
        assert_eq!(
            ix.offset(text, at(0, 4), Unit::Utf16, PastEnd::Reject),
            Ok(6)
        );
        assert_eq!(
            ix.offset(text, at(0, 6), Unit::Utf8, PastEnd::Reject),
            Ok(6)
        );
        assert_eq!(
            ix.offset(text, at(0, 3), Unit::Chars, PastEnd::Reject),
            Ok(6)
        );
        assert_eq!(ix.position(text, 6, Unit::Utf16), at(0, 4));
        // Past the end of line 0 (5 UTF-16 units): the line's end, or an error.
        assert_eq!(
            ix.offset(text, at(0, 9), Unit::Utf16, PastEnd::Clamp),
            Ok(7)
        );
        let e = ix.offset(text, at(0, 9), Unit::Utf16, PastEnd::Reject);
        assert_eq!(
            e.map_err(|e| e.to_string()),
            Err("position 0:9 is outside the document (2 lines)".to_string())
        );
        // A line that does not exist is an error under either policy.
        assert!(ix
            .offset(text, at(5, 0), Unit::Utf16, PastEnd::Clamp)
            .is_err());
        assert!(ix
            .offset(text, at(u32::MAX, 0), Unit::Utf8, PastEnd::Reject)
            .is_err());
    }

    fn lc(line: u32, col: u32) -> LineCol {
        LineCol { line, col }
    }

    #[test]
    fn ascii_lines() {
        let text = "ab\ncd\n";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.to_utf16(text, 0), lc(0, 0));
        assert_eq!(idx.to_utf16(text, 2), lc(0, 2));
        assert_eq!(idx.to_utf16(text, 3), lc(1, 0));
        assert_eq!(idx.to_chars(text, 4), lc(1, 1));
        assert_eq!(idx.to_utf16(text, 6), lc(2, 0));
        assert_eq!(idx.from_utf16(text, lc(1, 1)), Some(4));
        assert_eq!(idx.from_chars(text, lc(0, 2)), Some(2));
        assert_eq!(idx.line_start(1), Some(3));
        assert_eq!(idx.line_end(0), 2);
        assert_eq!(idx.line_end(1), 5);
        assert_eq!(idx.line_end(2), 6);
    }

    #[test]
    fn crlf_lines() {
        let text = "ab\r\ncd\r\nef";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 3);
        assert_eq!(idx.line_end(0), 2);
        assert_eq!(idx.line_start(1), Some(4));
        assert_eq!(idx.line_end(1), 6);
        assert_eq!(idx.line_end(2), 10);
        assert_eq!(idx.to_utf16(text, 4), lc(1, 0));
        assert_eq!(idx.to_utf16(text, 9), lc(2, 1));
        // A column past the line's end stops before the "\r\n".
        assert_eq!(idx.from_utf16(text, lc(0, 99)), Some(2));
        assert_eq!(idx.from_chars(text, lc(1, 99)), Some(6));
        // Between '\r' and '\n' is still on the first line.
        assert_eq!(idx.to_chars(text, 3).line, 0);
    }

    #[test]
    fn lone_cr_lines() {
        let text = "a\rb\r\rc";
        let idx = LineIndex::new(text);
        assert_eq!(idx.line_count(), 4);
        assert_eq!(idx.line_start(1), Some(2));
        assert_eq!(idx.line_end(1), 3);
        assert_eq!(idx.line_start(2), Some(4));
        assert_eq!(idx.line_end(2), 4);
        assert_eq!(idx.to_utf16(text, 5), lc(3, 0));
        assert_eq!(idx.from_utf16(text, lc(3, 1)), Some(6));
    }

    #[test]
    fn multi_byte_chars() {
        // 'é' is 2 bytes and 1 UTF-16 unit; '€' is 3 bytes and 1 unit.
        let text = "é€x\nü";
        let idx = LineIndex::new(text);
        assert_eq!(idx.to_utf16(text, 2), lc(0, 1));
        assert_eq!(idx.to_utf16(text, 5), lc(0, 2));
        assert_eq!(idx.to_chars(text, 6), lc(0, 3));
        assert_eq!(idx.from_utf16(text, lc(0, 2)), Some(5));
        assert_eq!(idx.from_chars(text, lc(1, 1)), Some(9));
        // UTF-8 columns are byte counts from the line's start.
        assert_eq!(idx.to_utf8(text, 5), lc(0, 5));
        assert_eq!(idx.to_utf8(text, 9), lc(1, 2));
        assert_eq!(idx.from_utf8(text, lc(0, 2)), Some(2));
        assert_eq!(idx.from_utf8(text, lc(1, 2)), Some(9));
        // A UTF-8 column inside a character resolves to its start.
        assert_eq!(idx.from_utf8(text, lc(0, 3)), Some(2));
        // An offset inside a character clamps back to its start.
        assert_eq!(idx.to_utf8(text, 3), lc(0, 2));
        assert_eq!(idx.to_utf16(text, 1), lc(0, 0));
        assert_eq!(idx.to_chars(text, 4), lc(0, 1));
    }

    #[test]
    fn surrogate_pairs() {
        // '😀' is 4 bytes, 2 UTF-16 units, 1 char.
        let text = "a😀b";
        let idx = LineIndex::new(text);
        assert_eq!(idx.to_utf16(text, 5), lc(0, 3));
        assert_eq!(idx.to_chars(text, 5), lc(0, 2));
        assert_eq!(idx.from_utf16(text, lc(0, 3)), Some(5));
        assert_eq!(idx.from_chars(text, lc(0, 2)), Some(5));
        // A column in the middle of the pair resolves to the character's start.
        assert_eq!(idx.from_utf16(text, lc(0, 2)), Some(1));
        assert_eq!(idx.from_utf16(text, lc(0, 1)), Some(1));
    }

    /// The conversions as they were before the index kept marks: a scan from the line start.
    fn scan_position(idx: &LineIndex, text: &str, offset: usize, unit: Unit) -> LineCol {
        let offset = LineIndex::clamp(text, offset);
        let line = idx.line_of(offset);
        let start = idx.line_start(line).unwrap_or(0);
        let col = text
            .get(start..offset)
            .map_or(0, |s| s.chars().map(|c| width(unit, c)).sum());
        lc(line as u32, col as u32)
    }

    fn scan_offset(idx: &LineIndex, text: &str, pos: LineCol, unit: Unit) -> Option<usize> {
        let start = idx.line_start(pos.line as usize)?;
        let end = idx.line_end(pos.line as usize);
        let mut units = 0;
        for (i, c) in text.get(start..end)?.char_indices() {
            units += width(unit, c);
            if units > pos.col as usize {
                return Some(start + i);
            }
        }
        Some(end)
    }

    /// A long text of mixed widths (1 to 4 bytes, one or two UTF-16 units) and line breaks.
    fn mixed_text(len: usize) -> String {
        let pieces = ["a", "é", "€", "😀", "\n", "\r\n", "bc", "\r", "xyz😀😀"];
        let mut text = String::new();
        let mut seed = 7u64;
        while text.len() < len {
            seed = seed
                .wrapping_mul(6364136223846793005)
                .wrapping_add(1442695040888963407);
            // Line breaks rarer than characters, so that some lines span many marks.
            let i = (seed >> 33) as usize % 40;
            text.push_str(pieces.get(i).copied().unwrap_or("q"));
        }
        text
    }

    #[test]
    fn marks_give_what_a_scan_from_the_line_start_gives() {
        let units = [Unit::Utf16, Unit::Utf8, Unit::Chars];
        for text in [
            mixed_text(5_000),
            "😀".repeat(700),
            "a".repeat(900),
            String::new(),
        ] {
            let idx = LineIndex::new(&text);
            for offset in 0..=text.len() + 2 {
                for unit in units {
                    let pos = idx.position(&text, offset, unit);
                    assert_eq!(pos, scan_position(&idx, &text, offset, unit), "{offset}");
                    for col in [pos.col, pos.col + 1, pos.col + 3, u32::MAX] {
                        let at = lc(pos.line, col);
                        assert_eq!(
                            idx.offset_of_units(&text, at, unit),
                            scan_offset(&idx, &text, at, unit),
                            "{at:?} {unit:?}"
                        );
                    }
                }
            }
        }
    }

    fn scanned_by(f: impl FnOnce()) -> usize {
        SCANNED.with(|s| s.set(0));
        f();
        SCANNED.with(std::cell::Cell::get)
    }

    #[test]
    fn a_column_on_one_long_line_costs_a_bounded_scan() {
        // A minified file: one line, every character two bytes, columns far from its start.
        for text in ["é".repeat(200_000), "ab".repeat(200_000)] {
            let idx = LineIndex::new(&text);
            let offsets = (0..1_000).map(|i| text.len() - 2 * i);
            let work = scanned_by(|| {
                for offset in offsets {
                    let pos = idx.to_utf16(&text, offset);
                    assert_eq!(idx.from_utf16(&text, pos), Some(offset));
                    let pos = idx.to_chars(&text, offset);
                    assert_eq!(idx.from_chars(&text, pos), Some(offset));
                }
            });
            // A scan from the line's start would read about 400 MB here.
            assert!(work <= 4_000 * (MARK_STRIDE + 4), "{work} bytes scanned");
        }
    }

    #[test]
    fn out_of_range_never_panics() {
        let text = "ab\ncd";
        let idx = LineIndex::new(text);
        assert_eq!(idx.to_utf16(text, 1000), lc(1, 2));
        assert_eq!(idx.to_chars(text, usize::MAX), lc(1, 2));
        assert_eq!(idx.from_utf16(text, lc(5, 0)), None);
        assert_eq!(idx.from_chars(text, lc(u32::MAX, u32::MAX)), None);
        assert_eq!(idx.from_utf16(text, lc(1, u32::MAX)), Some(5));
        assert_eq!(idx.line_start(9), None);
        assert_eq!(idx.line_end(9), 5);
        // A different, shorter text than the indexed one must not panic either.
        assert_eq!(idx.to_utf16("", 4), lc(0, 0));
        let _ = idx.from_utf16("a", lc(1, 1));
        let _ = idx.to_utf16("é", 1);
        let empty = LineIndex::new("");
        assert_eq!(empty.line_count(), 1);
        assert_eq!(empty.line_end(0), 0);
        assert_eq!(empty.from_chars("", lc(0, 3)), Some(0));
    }
}
