//! The expression language's tree and a tolerant parser: every input gives a tree plus errors.
//!
//! Ranges are byte offsets into the string's decoded value; [`Mapping`] turns them into file
//! offsets. Recursion is bounded by [`MAX_DEPTH`]: deeper input is an error, not a crash.

use std::ops::Range;

/// Deepest nesting of calls and indexes the parser follows (the language has no real need
/// beyond a dozen; the bound keeps recursion and drops shallow).
pub const MAX_DEPTH: usize = 64;

/// A name in an expression (function or member).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ident {
    /// The name as written.
    pub text: String,
    /// Where it is (value offsets).
    pub range: Range<usize>,
}

/// One step after a primary: `.name`, `?.name`, `[index]`.
#[derive(Debug, Clone, PartialEq)]
pub enum Accessor {
    /// `.name` (or `?.name`).
    Member(Ident),
    /// `[expr]` (or `?[expr]`).
    Index(Expr),
}

/// What an expression node is.
#[derive(Debug, Clone, PartialEq)]
pub enum ExprKind {
    /// `name(args)`.
    Call {
        /// The function name.
        name: Ident,
        /// Its arguments.
        args: Vec<Expr>,
        /// Where the argument list is, parentheses included.
        parens: Range<usize>,
    },
    /// A primary followed by member and index steps (kept flat so the tree stays shallow).
    Access {
        /// The primary.
        target: Box<Expr>,
        /// The steps, in order.
        path: Vec<Accessor>,
    },
    /// `'text'` (with `''` for a quote).
    Str(String),
    /// An integer literal.
    Int(i64),
    /// A number with a fraction.
    Float(f64),
    /// `true` or `false`.
    Bool(bool),
    /// `null`.
    Null,
    /// Nothing usable here (an error was reported).
    Missing,
}

/// An expression node with its range.
#[derive(Debug, Clone, PartialEq)]
pub struct Expr {
    /// What it is.
    pub kind: ExprKind,
    /// Where it is (value offsets).
    pub range: Range<usize>,
}

/// A fault in an expression.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ExprError {
    /// What is wrong.
    pub message: String,
    /// Where (value offsets).
    pub range: Range<usize>,
}

/// A string value read as a template: a whole expression (`@expr`), interpolations
/// (`text @{expr} text`), or plain text.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Template {
    /// The expressions, in order.
    pub exprs: Vec<Expr>,
    /// The whole value is one expression (`@...`), so its type is the expression's.
    pub whole: bool,
    /// Faults found.
    pub errors: Vec<ExprError>,
}

impl Template {
    /// Whether the value holds any expression at all.
    pub fn is_expression(&self) -> bool {
        self.whole || !self.exprs.is_empty() || !self.errors.is_empty()
    }
}

/// Maps offsets of a JSON string's decoded value to offsets in the file.
#[derive(Debug, Clone)]
pub enum Mapping {
    /// No escapes: value offset + base = file offset.
    Offset(usize),
    /// File offset per value byte, plus one for the end.
    Table(Vec<usize>),
    /// Every value offset stands for the same file range: the value was computed (an ARM
    /// expression evaluated to an ADF one), so no part of it is written anywhere in the file.
    Whole(crate::TextRange),
}

impl Mapping {
    /// The mapping for a string literal whose raw text (between the quotes) starts at `base`.
    pub fn new(raw: &str, base: usize) -> Self {
        if !raw.contains('\\') {
            return Mapping::Offset(base);
        }
        let bytes = raw.as_bytes();
        let mut table = Vec::with_capacity(raw.len() + 1);
        let mut i = 0;
        while i < bytes.len() {
            let at = base + i;
            if bytes.get(i) == Some(&b'\\') {
                match bytes.get(i + 1) {
                    Some(b'u') => {
                        let hex = |j: usize| {
                            raw.get(j..j + 4)
                                .and_then(|h| u32::from_str_radix(h, 16).ok())
                        };
                        let first = hex(i + 2).unwrap_or(0xFFFD);
                        let mut len = 6;
                        let mut cp = first;
                        if (0xD800..0xDC00).contains(&first) && raw.get(i + 6..i + 8) == Some("\\u")
                        {
                            if let Some(lo) = hex(i + 8).filter(|l| (0xDC00..0xE000).contains(l)) {
                                cp = 0x10000 + ((first - 0xD800) << 10) + (lo - 0xDC00);
                                len = 12;
                            }
                        }
                        let n = char::from_u32(cp).map_or(3, char::len_utf8);
                        table.extend(std::iter::repeat_n(at, n));
                        i += len;
                    }
                    Some(_) => {
                        table.push(at);
                        i += 2;
                    }
                    None => {
                        table.push(at);
                        i += 1;
                    }
                }
            } else {
                table.push(at);
                i += 1;
            }
        }
        table.push(base + bytes.len());
        Mapping::Table(table)
    }

    /// The file offset of a value offset.
    pub fn file_offset(&self, value_offset: usize) -> usize {
        match self {
            Mapping::Offset(base) => base + value_offset,
            Mapping::Table(t) => t
                .get(value_offset)
                .or_else(|| t.last())
                .copied()
                .unwrap_or(0),
            Mapping::Whole(r) => r.start,
        }
    }

    /// The file range of a value range.
    pub fn file_range(&self, r: &Range<usize>) -> crate::TextRange {
        if let Mapping::Whole(whole) = self {
            return *whole;
        }
        let start = self.file_offset(r.start);
        // The entry after the last byte is where its escape ends in the file.
        let end = self.file_offset(r.end);
        crate::TextRange::new(start, end.max(start))
    }

    /// The value offset of a file offset (the first value byte at or after it).
    pub fn value_offset(&self, file_offset: usize) -> usize {
        match self {
            Mapping::Offset(base) => file_offset.saturating_sub(*base),
            Mapping::Table(t) => t.partition_point(|f| *f < file_offset),
            Mapping::Whole(_) => 0,
        }
    }
}

/// Reads a string value as a template. `@@` at the start (or before `{` in interpolations)
/// escapes a literal `@`.
pub fn parse_template(text: &str) -> Template {
    let mut t = Template::default();
    if text.starts_with("@@") {
        return t;
    }
    if text.starts_with('@') && !text.starts_with("@{") {
        t.whole = true;
        let mut p = Parser::new(text, 1, &mut t.errors);
        let e = p.expr(0);
        p.skip_ws();
        if p.pos < text.len() {
            if e.kind == ExprKind::Missing && e.range.start <= 1 {
                // Nothing after `@` reads as an expression (`@GF{IR}`, a text template's
                // placeholder, or prose): one finding for the whole value says so.
                t.errors.clear();
                t.errors.push(ExprError {
                    message: not_an_expression(text),
                    range: 0..text.len(),
                });
            } else {
                let end = text.len();
                p.error(
                    p.pos..end,
                    "unexpected text after the end of the expression",
                );
            }
        }
        t.exprs.push(e);
        return t;
    }
    let bytes = text.as_bytes();
    let mut i = 0;
    while i + 1 < bytes.len() {
        if bytes.get(i) == Some(&b'@') && bytes.get(i + 1) == Some(&b'@') {
            i += 2;
            continue;
        }
        if bytes.get(i) == Some(&b'@') && bytes.get(i + 1) == Some(&b'{') {
            let mut p = Parser::new(text, i + 2, &mut t.errors);
            let e = p.expr(0);
            p.skip_ws();
            if p.peek() == Some(b'}') {
                p.pos += 1;
            } else {
                // Resynchronise at the next `}` so the rest of the string is still read.
                let start = p.pos;
                let close = text.get(start..).and_then(|r| r.find('}'));
                match close {
                    Some(c) => {
                        p.error(start..start + c, "expected `}` to close the interpolation");
                        p.pos = start + c + 1;
                    }
                    None => {
                        p.error(i..text.len(), "`@{` is never closed with `}`");
                        p.pos = text.len();
                    }
                }
            }
            i = p.pos;
            t.exprs.push(e);
            continue;
        }
        i += 1;
    }
    t
}

/// The message for a value that starts with `@` but is no expression at all.
fn not_an_expression(text: &str) -> String {
    const SHOWN: usize = 40;
    let shown = match text.char_indices().nth(SHOWN) {
        Some((i, _)) => format!("{}...", text.get(..i).unwrap_or(text)),
        None => text.to_string(),
    };
    format!(
        "`{shown}` is not an ADF expression: an expression starting with `@` must be a function \
         call or a literal (`@{{...}}` inside text, `@@` for a literal `@`); if this is a \
         placeholder of a text template, it must be replaced before deployment"
    )
}

struct Parser<'s, 'e> {
    text: &'s str,
    pos: usize,
    errors: &'e mut Vec<ExprError>,
}

fn is_ident_start(b: u8) -> bool {
    b.is_ascii_alphabetic() || b == b'_' || b == b'$' || b >= 0x80
}

fn is_ident_char(b: u8) -> bool {
    // Hyphens occur in global parameter names (`pipeline().globalParameters.GP-Int`).
    is_ident_start(b) || b.is_ascii_digit() || b == b'-'
}

impl<'s, 'e> Parser<'s, 'e> {
    fn new(text: &'s str, pos: usize, errors: &'e mut Vec<ExprError>) -> Self {
        Self { text, pos, errors }
    }

    fn peek(&self) -> Option<u8> {
        self.text.as_bytes().get(self.pos).copied()
    }

    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.pos += 1;
        }
    }

    fn error(&mut self, range: Range<usize>, message: &str) {
        self.errors.push(ExprError {
            message: message.to_string(),
            range,
        });
    }

    /// The end of the character at `at` (`at` itself at the end of the text), so a range over
    /// one character never splits it.
    fn char_end(&self, at: usize) -> usize {
        self.text
            .get(at..)
            .and_then(|rest| rest.chars().next())
            .map_or(at, |c| at + c.len_utf8())
    }

    fn missing(&mut self, message: &str) -> Expr {
        let at = self.pos;
        let end = self.char_end(at);
        self.error(at..end, message);
        Expr {
            kind: ExprKind::Missing,
            range: at..at,
        }
    }

    fn ident(&mut self) -> Ident {
        let start = self.pos;
        while self.peek().is_some_and(is_ident_char) {
            self.pos += 1;
        }
        Ident {
            text: self.text.get(start..self.pos).unwrap_or("").to_string(),
            range: start..self.pos,
        }
    }

    /// Skips a balanced remainder (used past the depth limit) without recursing.
    fn skip_balanced(&mut self) {
        let mut depth = 0usize;
        let mut in_str = false;
        while let Some(b) = self.peek() {
            if in_str {
                if b == b'\'' {
                    in_str = false;
                }
            } else {
                match b {
                    b'\'' => in_str = true,
                    b'(' | b'[' => depth += 1,
                    b')' | b']' | b',' | b'}' if depth == 0 => return,
                    b')' | b']' => depth -= 1,
                    _ => {}
                }
            }
            self.pos += 1;
        }
    }

    fn expr(&mut self, depth: usize) -> Expr {
        self.skip_ws();
        let start = self.pos;
        if depth >= MAX_DEPTH {
            self.skip_balanced();
            let end = self.pos;
            self.error(
                start..end.max(self.char_end(start)),
                "expression nested too deeply (more than 64 levels of calls and indexes)",
            );
            return Expr {
                kind: ExprKind::Missing,
                range: start..end,
            };
        }
        let primary = self.primary(depth);
        let mut path = Vec::new();
        loop {
            self.skip_ws();
            let save = self.pos;
            if self.peek() == Some(b'?') {
                self.pos += 1;
            }
            match self.peek() {
                Some(b'.') => {
                    self.pos += 1;
                    self.skip_ws();
                    if self.peek().is_some_and(is_ident_char) {
                        path.push(Accessor::Member(self.ident()));
                    } else {
                        let at = self.pos;
                        self.error(
                            at.saturating_sub(1)..at,
                            "expected a property name after `.`",
                        );
                        path.push(Accessor::Member(Ident {
                            text: String::new(),
                            range: at..at,
                        }));
                    }
                }
                Some(b'[') => {
                    self.pos += 1;
                    let index = self.expr(depth + 1);
                    self.skip_ws();
                    if self.peek() == Some(b']') {
                        self.pos += 1;
                    } else {
                        self.missing("expected `]`");
                    }
                    path.push(Accessor::Index(index));
                }
                _ => {
                    self.pos = save;
                    break;
                }
            }
        }
        if path.is_empty() {
            primary
        } else {
            let end = self.pos;
            Expr {
                kind: ExprKind::Access {
                    target: Box::new(primary),
                    path,
                },
                range: start..end,
            }
        }
    }

    fn primary(&mut self, depth: usize) -> Expr {
        let start = self.pos;
        match self.peek() {
            Some(b'\'') => {
                self.pos += 1;
                let mut s = String::new();
                let mut closed = false;
                while let Some(rest) = self.text.get(self.pos..) {
                    let Some(q) = rest.find('\'') else {
                        s.push_str(rest);
                        self.pos = self.text.len();
                        break;
                    };
                    s.push_str(rest.get(..q).unwrap_or(""));
                    self.pos += q + 1;
                    if self.peek() == Some(b'\'') {
                        s.push('\'');
                        self.pos += 1;
                    } else {
                        closed = true;
                        break;
                    }
                }
                if !closed {
                    let end = self.pos;
                    self.error(start..end, "string literal is never closed with `'`");
                }
                Expr {
                    kind: ExprKind::Str(s),
                    range: start..self.pos,
                }
            }
            Some(b) if b.is_ascii_digit() || b == b'-' || b == b'+' => {
                self.pos += 1;
                while self
                    .peek()
                    .is_some_and(|b| b.is_ascii_digit() || matches!(b, b'.' | b'e' | b'E'))
                {
                    self.pos += 1;
                }
                let t = self.text.get(start..self.pos).unwrap_or("");
                let kind = if let Ok(i) = t.parse::<i64>() {
                    ExprKind::Int(i)
                } else if let Ok(f) = t.parse::<f64>() {
                    ExprKind::Float(f)
                } else {
                    let end = self.pos;
                    self.error(start..end, "not a number");
                    ExprKind::Missing
                };
                Expr {
                    kind,
                    range: start..self.pos,
                }
            }
            Some(b) if is_ident_start(b) => {
                let name = self.ident();
                self.skip_ws();
                if self.peek() == Some(b'(') {
                    let open = self.pos;
                    self.pos += 1;
                    let mut args = Vec::new();
                    self.skip_ws();
                    if self.peek() == Some(b')') {
                        self.pos += 1;
                    } else {
                        loop {
                            args.push(self.expr(depth + 1));
                            self.skip_ws();
                            match self.peek() {
                                Some(b',') => self.pos += 1,
                                Some(b')') => {
                                    self.pos += 1;
                                    break;
                                }
                                _ => {
                                    // One fault per spot: a missing argument at the end already said so.
                                    let reported = self.peek().is_none()
                                        && args.last().is_some_and(|a| a.kind == ExprKind::Missing);
                                    if !reported {
                                        self.missing("expected `,` or `)` in the argument list");
                                    }
                                    break;
                                }
                            }
                        }
                    }
                    return Expr {
                        kind: ExprKind::Call {
                            name,
                            args,
                            parens: open..self.pos,
                        },
                        range: start..self.pos,
                    };
                }
                let kind = match name.text.to_ascii_lowercase().as_str() {
                    "true" => ExprKind::Bool(true),
                    "false" => ExprKind::Bool(false),
                    "null" => ExprKind::Null,
                    _ => {
                        self.error(
                            name.range.clone(),
                            "a name on its own is not an expression; call it as a function: `name()`",
                        );
                        ExprKind::Missing
                    }
                };
                Expr {
                    kind,
                    range: name.range,
                }
            }
            None => self.missing("expected an expression"),
            Some(_) => {
                let e = self
                    .missing("expected a function call, a string in single quotes, or a number");
                // Step over the offending character so the caller makes progress.
                if self
                    .peek()
                    .is_some_and(|b| !matches!(b, b')' | b']' | b',' | b'}'))
                {
                    let next = self
                        .text
                        .get(self.pos..)
                        .and_then(|r| r.chars().next())
                        .map_or(1, char::len_utf8);
                    self.pos += next;
                }
                e
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_calls_members_and_interpolation() {
        let t = parse_template("@concat(pipeline().parameters.a, '-', item()?['x'])");
        assert!(t.whole && t.errors.is_empty(), "{:?}", t.errors);
        let t = parse_template("x @{pipeline().globalParameters.GP-Int} y @{utcnow()}");
        assert_eq!(t.exprs.len(), 2);
        assert!(t.errors.is_empty());
        assert!(!parse_template("@@literal").is_expression());
        assert!(!parse_template("mail me@example.com").is_expression());
    }

    #[test]
    fn half_typed_input_gives_errors_not_panics() {
        for s in [
            "@",
            "@concat(",
            "@concat('a'",
            "@a.",
            "@{",
            "@{x(",
            "@'",
            "@)",
            "@pipeline().",
            "@f(,)",
            "@[",
            "@-",
            "@é(",
            "@{'}'}",
        ] {
            let t = parse_template(s);
            let _ = t.errors.len();
        }
        assert!(parse_template("@concat(").errors.len() == 1);
    }

    #[test]
    fn deep_nesting_is_an_error() {
        let s = format!("@{}1{}", "f(".repeat(10_000), ")".repeat(10_000));
        let t = parse_template(&s);
        assert!(t.errors.iter().any(|e| e.message.contains("too deeply")));
    }

    #[test]
    fn mapping_accounts_for_escapes() {
        // Raw `@concat(\"a\", \u0041)` decodes to `@concat("a", A)`.
        let raw = r#"@concat(\"a\", \u0041)"#;
        let m = Mapping::new(raw, 10);
        // The decoded `A` is at value offset 13; in the file it is the `\u0041` at raw 15.
        assert_eq!(m.file_offset(13), 10 + 15);
        assert_eq!(m.file_range(&(13..14)), crate::TextRange::new(25, 31));
        assert_eq!(m.value_offset(25), 13);
    }
}
