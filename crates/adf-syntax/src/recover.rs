//! A recovering JSONC parser that builds jsonc-parser's `ast` types from broken text.
//!
//! It accepts exactly the language of `parse_to_ast` with comments and trailing commas allowed
//! (plus a leading BOM, and minus raw control characters in strings), and on valid text it builds
//! the same tree. On broken text it keeps going and reports one error per fault.
//!
//! Choices made for later consumers (completion, linting):
//! - A property without a usable value (`"a": ,`, `"a": }`, `"a":` at the end) is left out of the
//!   tree rather than given a placeholder value, so no consumer ever mistakes an invented value
//!   for a real one; the error sits where the value was expected, and the text still shows the
//!   name to a completion provider.
//! - A property whose name is not a double-quoted string is left out too, but its value is still
//!   parsed (and dropped) so the structure after it stays in sync.
//! - A container closed by the wrong bracket or by the end of the text ends where the token that
//!   ended it starts (the text's length at the end), so a cursor after it is still inside.
//! - An error directly after another error, with no token accepted between them, is not
//!   reported: one run of garbage gives one error.
//!
//! The parser is iterative (an explicit stack), so hostile nesting cannot overflow the stack.

use std::borrow::Cow;

use jsonc_parser::ast::{
    Array, BooleanLit, NullKeyword, NumberLit, Object, ObjectProp, ObjectPropName, StringLit, Value,
};
use jsonc_parser::common::Range;

use crate::{SyntaxError, SyntaxErrorKind};

const BOM: &str = "\u{feff}";

/// Why a token cannot be used as JSON.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Bad {
    /// A bare word such as `abc`, `True` or `NaN`.
    Word,
    /// Something that starts like a number but is not a JSON number (`01`, `+1`, `.5`, `1.`).
    Number,
    /// A string in single quotes.
    SingleQuoted,
    /// Any other character that cannot start a token.
    Char,
}

#[derive(Debug, Clone, PartialEq)]
enum Kind<'a> {
    LBrace,
    RBrace,
    LBracket,
    RBracket,
    Comma,
    Colon,
    Str(Cow<'a, str>),
    Num(&'a str),
    True,
    False,
    Null,
    Bad(Bad),
    Eof,
}

#[derive(Debug, Clone)]
struct Token<'a> {
    kind: Kind<'a>,
    start: usize,
    end: usize,
}

impl Token<'_> {
    fn range(&self) -> Range {
        Range::new(self.start, self.end)
    }

    fn starts_value(&self) -> bool {
        matches!(
            self.kind,
            Kind::LBrace
                | Kind::LBracket
                | Kind::Str(_)
                | Kind::Num(_)
                | Kind::True
                | Kind::False
                | Kind::Null
        )
    }
}

/// The first index at or after `from` that holds a quote, a backslash or a control character, or the end:
/// where a string's plain run stops. Strings are most of a factory's bytes, so this looks at
/// eight bytes per step (each test below is true for a word when one of its bytes is that
/// byte, or below 0x20, exactly), then finds the byte one at a time.
fn plain_run_end(bytes: &[u8], from: usize) -> usize {
    const ONES: u64 = 0x0101_0101_0101_0101;
    const HIGHS: u64 = 0x8080_8080_8080_8080;
    let has_zero = |x: u64| x.wrapping_sub(ONES) & !x;
    let mut i = from;
    while let Some(word) = bytes
        .get(i..i + 8)
        .and_then(|w| <[u8; 8]>::try_from(w).ok())
    {
        let x = u64::from_le_bytes(word);
        let quote = has_zero(x ^ (ONES * u64::from(b'"')));
        let backslash = has_zero(x ^ (ONES * u64::from(b'\\')));
        let control = x.wrapping_sub(ONES * 0x20) & !x;
        if (quote | backslash | control) & HIGHS != 0 {
            break;
        }
        i += 8;
    }
    while let Some(&b) = bytes.get(i) {
        if b == b'"' || b == b'\\' || b < 0x20 {
            break;
        }
        i += 1;
    }
    i
}

/// Splits text into tokens, skipping whitespace and comments, and never failing: faults inside
/// a token (bad escapes, unterminated strings or comments) are recorded and the token is kept.
struct Lexer<'a> {
    text: &'a str,
    bytes: &'a [u8],
    pos: usize,
    errors: Vec<SyntaxError>,
}

fn invalid(range: Range, message: String) -> SyntaxError {
    SyntaxError {
        kind: SyntaxErrorKind::Invalid,
        range,
        message,
    }
}

/// Bytes that continue a bare word or a malformed number, so one run of them is one fault.
fn is_word_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || matches!(b, b'_' | b'$' | b'-' | b'+' | b'.')
}

impl<'a> Lexer<'a> {
    fn new(text: &'a str) -> Self {
        // The BOM is not part of the JSON text; skipping it here keeps offsets into the original.
        let pos = if text.starts_with(BOM) { BOM.len() } else { 0 };
        Self {
            text,
            bytes: text.as_bytes(),
            pos,
            errors: Vec::new(),
        }
    }

    fn peek_byte(&self, at: usize) -> Option<u8> {
        self.bytes.get(at).copied()
    }

    fn char_at(&self, at: usize) -> Option<char> {
        self.text.get(at..).and_then(|s| s.chars().next())
    }

    fn slice(&self, start: usize, end: usize) -> &'a str {
        self.text.get(start..end).unwrap_or("")
    }

    /// Skips whitespace (the same set jsonc-parser skips) and comments.
    fn skip_trivia(&mut self) {
        loop {
            // Indentation is most of a pretty-printed file's trivia: whole words of spaces.
            while self.bytes.get(self.pos..self.pos + 8) == Some(b"        ".as_slice()) {
                self.pos += 8;
            }
            match self.peek_byte(self.pos) {
                Some(b' ' | b'\t' | b'\n' | b'\r' | 0x0B | 0x0C) => self.pos += 1,
                Some(b'/') => match self.peek_byte(self.pos + 1) {
                    Some(b'/') => {
                        self.pos += 2;
                        while let Some(b) = self.peek_byte(self.pos) {
                            if b == b'\n' || b == b'\r' {
                                break;
                            }
                            self.pos += 1;
                        }
                    }
                    Some(b'*') => {
                        let start = self.pos;
                        self.pos += 2;
                        loop {
                            match self.peek_byte(self.pos) {
                                Some(b'*') if self.peek_byte(self.pos + 1) == Some(b'/') => {
                                    self.pos += 2;
                                    break;
                                }
                                Some(_) => self.pos += 1,
                                None => {
                                    self.errors.push(invalid(
                                        Range::new(start, self.pos),
                                        "unterminated block comment: expected '*/'".to_string(),
                                    ));
                                    break;
                                }
                            }
                        }
                    }
                    _ => return,
                },
                Some(b) if b >= 0x80 => match self.char_at(self.pos) {
                    Some(c) if c.is_whitespace() => self.pos += c.len_utf8(),
                    _ => return,
                },
                _ => return,
            }
        }
    }

    fn next(&mut self) -> Token<'a> {
        self.skip_trivia();
        let start = self.pos;
        let Some(b) = self.peek_byte(start) else {
            return Token {
                kind: Kind::Eof,
                start,
                end: start,
            };
        };
        let kind = match b {
            b'{' => self.single(Kind::LBrace),
            b'}' => self.single(Kind::RBrace),
            b'[' => self.single(Kind::LBracket),
            b']' => self.single(Kind::RBracket),
            b',' => self.single(Kind::Comma),
            b':' => self.single(Kind::Colon),
            b'"' => Kind::Str(self.string()),
            b'\'' => {
                self.single_quoted();
                Kind::Bad(Bad::SingleQuoted)
            }
            b'-' | b'0'..=b'9' => self.number(),
            b'+' | b'.' => {
                self.word_run();
                Kind::Bad(Bad::Number)
            }
            _ if is_word_byte(b) || b >= 0x80 => {
                self.word_run();
                match self.slice(start, self.pos) {
                    "true" => Kind::True,
                    "false" => Kind::False,
                    "null" => Kind::Null,
                    // A lone non-word character that is not whitespace, e.g. a BOM mid-text.
                    _ if self.pos == start => {
                        self.pos += self.char_at(start).map_or(1, char::len_utf8);
                        Kind::Bad(Bad::Char)
                    }
                    _ => Kind::Bad(Bad::Word),
                }
            }
            _ => {
                // ASCII only here, so one byte is one character.
                self.pos += 1;
                Kind::Bad(Bad::Char)
            }
        };
        Token {
            kind,
            start,
            end: self.pos,
        }
    }

    fn single(&mut self, kind: Kind<'a>) -> Kind<'a> {
        self.pos += 1;
        kind
    }

    /// Advances over word bytes and non-ASCII non-whitespace characters.
    fn word_run(&mut self) {
        while let Some(b) = self.peek_byte(self.pos) {
            if b < 0x80 {
                if !is_word_byte(b) {
                    break;
                }
                self.pos += 1;
            } else {
                match self.char_at(self.pos) {
                    Some(c) if !c.is_whitespace() => self.pos += c.len_utf8(),
                    _ => break,
                }
            }
        }
    }

    fn at_word_continuation(&self) -> bool {
        match self.peek_byte(self.pos) {
            Some(b) if b < 0x80 => is_word_byte(b),
            Some(_) => self.char_at(self.pos).is_some_and(|c| !c.is_whitespace()),
            None => false,
        }
    }

    fn skip_digits(&mut self) -> bool {
        let start = self.pos;
        while matches!(self.peek_byte(self.pos), Some(b'0'..=b'9')) {
            self.pos += 1;
        }
        self.pos > start
    }

    /// Scans a strict JSON number; anything else that starts like one is one `Bad::Number`.
    fn number(&mut self) -> Kind<'a> {
        let start = self.pos;
        let mut ok = true;
        if self.peek_byte(self.pos) == Some(b'-') {
            self.pos += 1;
        }
        match self.peek_byte(self.pos) {
            Some(b'0') => self.pos += 1,
            Some(b'1'..=b'9') => {
                self.skip_digits();
            }
            _ => ok = false,
        }
        if ok && self.peek_byte(self.pos) == Some(b'.') {
            self.pos += 1;
            ok = self.skip_digits();
        }
        if ok && matches!(self.peek_byte(self.pos), Some(b'e' | b'E')) {
            self.pos += 1;
            if matches!(self.peek_byte(self.pos), Some(b'+' | b'-')) {
                self.pos += 1;
            }
            ok = self.skip_digits();
        }
        if ok && !self.at_word_continuation() {
            Kind::Num(self.slice(start, self.pos))
        } else {
            self.word_run();
            Kind::Bad(Bad::Number)
        }
    }

    /// Skips a single-quoted string up to its closing quote or the end of the line.
    fn single_quoted(&mut self) {
        self.pos += 1;
        while let Some(b) = self.peek_byte(self.pos) {
            match b {
                b'\'' => {
                    self.pos += 1;
                    return;
                }
                b'\n' | b'\r' => return,
                b'\\' if !matches!(self.peek_byte(self.pos + 1), Some(b'\n' | b'\r') | None) => {
                    self.pos += 2;
                }
                _ => self.pos += 1,
            }
        }
    }

    fn hex4(&self, at: usize) -> Option<u32> {
        let digits = self.bytes.get(at..at + 4)?;
        let mut value = 0u32;
        for &d in digits {
            value = value * 16 + char::from(d).to_digit(16)?;
        }
        Some(value)
    }

    /// Scans a double-quoted string and unescapes it like jsonc-parser does. An unterminated
    /// string ends at the end of its line, since that is where the user most likely stopped.
    fn string(&mut self) -> Cow<'a, str> {
        let start = self.pos;
        self.pos += 1;
        let mut seg_start = self.pos;
        let mut owned: Option<String> = None;
        loop {
            self.pos = plain_run_end(self.bytes, self.pos);
            match self.peek_byte(self.pos) {
                None | Some(b'\n' | b'\r') => {
                    self.errors.push(invalid(
                        Range::new(start, self.pos),
                        "unterminated string: expected '\"'".to_string(),
                    ));
                    return self.finish_string(owned, seg_start, self.pos);
                }
                Some(b'"') => {
                    let value = self.finish_string(owned, seg_start, self.pos);
                    self.pos += 1;
                    return value;
                }
                Some(b'\\') => {
                    let esc = self.pos;
                    let buf = owned.get_or_insert_with(String::new);
                    buf.push_str(self.text.get(seg_start..esc).unwrap_or(""));
                    self.escape(esc, buf);
                    seg_start = self.pos;
                }
                Some(b) if b < 0x20 => {
                    self.errors.push(invalid(
                        Range::new(self.pos, self.pos + 1),
                        format!(
                            "control character U+{:04X} in string: write it as an escape",
                            b
                        ),
                    ));
                    self.pos += 1;
                }
                // Bytes of multi-byte characters are never ASCII, so stepping bytewise is safe.
                Some(_) => self.pos += 1,
            }
        }
    }

    fn finish_string(&self, owned: Option<String>, seg_start: usize, end: usize) -> Cow<'a, str> {
        let tail = self.slice(seg_start, end);
        match owned {
            Some(mut s) => {
                s.push_str(tail);
                Cow::Owned(s)
            }
            None => Cow::Borrowed(tail),
        }
    }

    /// Decodes one escape starting at the backslash at `esc`, leaving `pos` after it.
    fn escape(&mut self, esc: usize, buf: &mut String) {
        let simple = match self.peek_byte(esc + 1) {
            // A backslash at the line end: let the string end there as unterminated.
            None | Some(b'\n' | b'\r') => {
                self.pos = esc + 1;
                return;
            }
            Some(b'"') => Some('"'),
            Some(b'\\') => Some('\\'),
            Some(b'/') => Some('/'),
            Some(b'b') => Some('\u{08}'),
            Some(b'f') => Some('\u{0C}'),
            Some(b'n') => Some('\n'),
            Some(b'r') => Some('\r'),
            Some(b't') => Some('\t'),
            Some(b'u') => None,
            Some(_) => {
                let c = self.char_at(esc + 1).unwrap_or('\u{FFFD}');
                let end = esc + 1 + c.len_utf8();
                self.errors.push(invalid(
                    Range::new(esc, end),
                    format!("invalid escape sequence '\\{c}'"),
                ));
                buf.push(c);
                self.pos = end;
                return;
            }
        };
        if let Some(c) = simple {
            buf.push(c);
            self.pos = esc + 2;
            return;
        }
        let Some(high) = self.hex4(esc + 2) else {
            let mut end = esc + 2;
            while end < esc + 6 && self.peek_byte(end).is_some_and(|b| b.is_ascii_hexdigit()) {
                end += 1;
            }
            self.errors.push(invalid(
                Range::new(esc, end),
                "invalid unicode escape: expected four hex digits after '\\u'".to_string(),
            ));
            buf.push('\u{FFFD}');
            self.pos = end;
            return;
        };
        let after = esc + 6;
        let decoded = if (0xD800..=0xDBFF).contains(&high) {
            let low = if self.peek_byte(after) == Some(b'\\')
                && self.peek_byte(after + 1) == Some(b'u')
            {
                self.hex4(after + 2)
                    .filter(|low| (0xDC00..=0xDFFF).contains(low))
            } else {
                None
            };
            match low {
                Some(low) => {
                    self.pos = after + 6;
                    char::from_u32(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
                }
                None => {
                    self.pos = after;
                    None
                }
            }
        } else {
            self.pos = after;
            char::from_u32(high)
        };
        match decoded {
            Some(c) => buf.push(c),
            None => {
                self.errors.push(invalid(
                    Range::new(esc, self.pos),
                    "invalid unicode escape: unpaired surrogate".to_string(),
                ));
                buf.push('\u{FFFD}');
            }
        }
    }
}

/// What an open object expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ObjState {
    /// After `{` or `,`: a property name or `}`.
    Key,
    /// After a property name: `:`.
    Colon,
    /// After `:`: the value.
    Value,
    /// After a property: `,` or `}`.
    CommaOrEnd,
}

/// What an open array expects next.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum ArrState {
    /// After `[` or `,`: an element or `]`.
    Value,
    /// After an element: `,` or `]`.
    CommaOrEnd,
}

/// A property waiting for its value; `name` is `None` when the property will be dropped.
struct Pending<'a> {
    name: Option<StringLit<'a>>,
    start: usize,
}

enum Frame<'a> {
    Object {
        start: usize,
        /// Where this object's properties begin in [`Parser::properties`].
        base: usize,
        pending: Option<Pending<'a>>,
        state: ObjState,
    },
    Array {
        start: usize,
        /// Where this array's elements begin in [`Parser::elements`].
        base: usize,
        state: ArrState,
    },
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ctx {
    Root,
    RootDone,
    Obj(ObjState),
    Arr(ArrState),
}

struct Parser<'a> {
    lexer: Lexer<'a>,
    /// Tokens put back or looked ahead at; the last one is next.
    pushed: Vec<Token<'a>>,
    stack: Vec<Frame<'a>>,
    /// The properties of every open object, innermost last: each object takes its own, in one
    /// allocation of the exact size, when it closes (growing a vector per object was a tenth
    /// of the parse).
    properties: Vec<ObjectProp<'a>>,
    /// The elements of every open array, the same way.
    elements: Vec<Value<'a>>,
    open_objects: usize,
    open_arrays: usize,
    root: Option<Value<'a>>,
    root_done: bool,
    errors: Vec<SyntaxError>,
    /// True after an error until a token is accepted; silences follow-on errors.
    recovering: bool,
    max_depth: usize,
}

/// The items from `base` on, in a vector of their exact size. Frames close innermost first,
/// so `base` is never past the end; `min` keeps that a fact the code need not trust.
fn take_from<T>(items: &mut Vec<T>, base: usize) -> Vec<T> {
    items.split_off(base.min(items.len()))
}

/// Parses `text`, saving as much of the tree as it can, with every fault as an error.
pub(crate) fn parse(text: &str, max_depth: usize) -> (Option<Value<'_>>, Vec<SyntaxError>) {
    let mut parser = Parser {
        lexer: Lexer::new(text),
        pushed: Vec::new(),
        stack: Vec::new(),
        properties: Vec::new(),
        elements: Vec::new(),
        open_objects: 0,
        open_arrays: 0,
        root: None,
        root_done: false,
        errors: Vec::new(),
        recovering: false,
        max_depth,
    };
    parser.run();
    let mut errors = parser.errors;
    errors.append(&mut parser.lexer.errors);
    errors.sort_by_key(|e| (e.range.start, e.range.end));
    (parser.root, errors)
}

/// Characters of an unexpected token that a message quotes: an unquoted value may be a
/// password (`"password": Abc123...`), and messages end up in CI logs and committed baselines.
const QUOTED_CHARS: usize = 3;

/// Words quoted in full: what people write for JSON's literals, and no secret.
const LITERAL_LOOKALIKES: [&str; 8] = [
    "true",
    "false",
    "null",
    "none",
    "nan",
    "infinity",
    "undefined",
    "-infinity",
];

fn describe(text: &str, tok: &Token<'_>) -> String {
    match tok.kind {
        Kind::Eof => "the end of the text".to_string(),
        Kind::Str(_) => "a string".to_string(),
        Kind::Num(_) => "a number".to_string(),
        _ => {
            let raw = text.get(tok.start..tok.end).unwrap_or("");
            if LITERAL_LOOKALIKES
                .iter()
                .any(|w| w.eq_ignore_ascii_case(raw))
            {
                return format!("'{raw}'");
            }
            let mut chars = raw.chars();
            let shown: String = chars.by_ref().take(QUOTED_CHARS).collect();
            if chars.next().is_some() {
                format!("'{shown}…' (shortened)")
            } else {
                format!("'{shown}'")
            }
        }
    }
}

impl<'a> Parser<'a> {
    fn next(&mut self) -> Token<'a> {
        match self.pushed.pop() {
            Some(tok) => tok,
            None => self.lexer.next(),
        }
    }

    fn push_back(&mut self, tok: Token<'a>) {
        self.pushed.push(tok);
    }

    fn peek_is_colon(&mut self) -> bool {
        if self.pushed.is_empty() {
            let tok = self.lexer.next();
            self.pushed.push(tok);
        }
        self.pushed
            .last()
            .is_some_and(|t| matches!(t.kind, Kind::Colon))
    }

    fn error(&mut self, range: Range, message: String) {
        if !self.recovering {
            self.errors.push(invalid(range, message));
        }
        self.recovering = true;
    }

    fn error_at(&mut self, tok: &Token<'_>, expected: &str) {
        let found = describe(self.lexer.text, tok);
        let message = match tok.kind {
            Kind::Bad(Bad::SingleQuoted) => "strings must use double quotes".to_string(),
            Kind::Bad(Bad::Number) => format!("{expected}; {found} is not a valid JSON number"),
            _ => format!("{expected}, found {found}"),
        };
        self.error(tok.range(), message);
    }

    fn accept(&mut self) {
        self.recovering = false;
    }

    fn ctx(&self) -> Ctx {
        match self.stack.last() {
            None if self.root_done => Ctx::RootDone,
            None => Ctx::Root,
            Some(Frame::Object { state, .. }) => Ctx::Obj(*state),
            Some(Frame::Array { state, .. }) => Ctx::Arr(*state),
        }
    }

    fn set_obj(&mut self, new_state: ObjState) {
        if let Some(Frame::Object { state, .. }) = self.stack.last_mut() {
            *state = new_state;
        }
    }

    fn set_arr(&mut self, new_state: ArrState) {
        if let Some(Frame::Array { state, .. }) = self.stack.last_mut() {
            *state = new_state;
        }
    }

    fn set_pending(&mut self, new: Option<Pending<'a>>) {
        if let Some(Frame::Object { pending, .. }) = self.stack.last_mut() {
            *pending = new;
        }
    }

    /// Hands a finished value (or `None` for one that was skipped) to the open container.
    fn deliver(&mut self, value: Option<Value<'a>>) {
        match self.stack.last_mut() {
            None => {
                if value.is_some() {
                    self.root = value;
                    self.root_done = true;
                }
            }
            Some(Frame::Object { pending, state, .. }) => {
                if let (
                    Some(value),
                    Some(Pending {
                        name: Some(name),
                        start,
                    }),
                ) = (value, pending.take())
                {
                    let end = value_range(&value).end;
                    self.properties.push(ObjectProp {
                        range: Range::new(start, end),
                        name: ObjectPropName::String(name),
                        value,
                    });
                }
                *state = ObjState::CommaOrEnd;
            }
            Some(Frame::Array { state, .. }) => {
                if let Some(value) = value {
                    self.elements.push(value);
                }
                *state = ArrState::CommaOrEnd;
            }
        }
    }

    /// Closes the innermost container, ending it at `end`.
    fn close(&mut self, end: usize) {
        let value = match self.stack.pop() {
            Some(Frame::Object { start, base, .. }) => {
                self.open_objects = self.open_objects.saturating_sub(1);
                Value::Object(Object {
                    range: Range::new(start, end),
                    properties: take_from(&mut self.properties, base),
                })
            }
            Some(Frame::Array { start, base, .. }) => {
                self.open_arrays = self.open_arrays.saturating_sub(1);
                Value::Array(Array {
                    range: Range::new(start, end),
                    elements: take_from(&mut self.elements, base),
                })
            }
            None => return,
        };
        self.deliver(Some(value));
    }

    /// Starts a value at `tok`, which must start one.
    fn start_value(&mut self, tok: Token<'a>) {
        let range = tok.range();
        let value = match tok.kind {
            Kind::Str(value) => Value::StringLit(StringLit { range, value }),
            Kind::Num(value) => Value::NumberLit(NumberLit { range, value }),
            Kind::True => Value::BooleanLit(BooleanLit { range, value: true }),
            Kind::False => Value::BooleanLit(BooleanLit {
                range,
                value: false,
            }),
            Kind::Null => Value::NullKeyword(NullKeyword { range }),
            Kind::LBrace | Kind::LBracket => {
                if self.stack.len() >= self.max_depth {
                    self.too_deep(range);
                    return;
                }
                self.accept();
                if tok.kind == Kind::LBrace {
                    self.open_objects += 1;
                    self.stack.push(Frame::Object {
                        start: tok.start,
                        base: self.properties.len(),
                        pending: None,
                        state: ObjState::Key,
                    });
                } else {
                    self.open_arrays += 1;
                    self.stack.push(Frame::Array {
                        start: tok.start,
                        base: self.elements.len(),
                        state: ArrState::Value,
                    });
                }
                return;
            }
            _ => return,
        };
        self.accept();
        self.deliver(Some(value));
    }

    /// Reports nesting past the limit and skips the too-deep container by counting brackets.
    fn too_deep(&mut self, range: Range) {
        self.errors.push(SyntaxError {
            kind: SyntaxErrorKind::TooDeep,
            range,
            message: format!("nesting deeper than {} levels", self.max_depth),
        });
        self.recovering = true;
        let mut depth = 1usize;
        while depth > 0 {
            let tok = self.next();
            match tok.kind {
                Kind::LBrace | Kind::LBracket => depth += 1,
                Kind::RBrace | Kind::RBracket => depth -= 1,
                Kind::Eof => {
                    self.push_back(tok);
                    break;
                }
                _ => {}
            }
        }
        self.deliver(None);
    }

    /// Handles a `}` or `]` that does not close the innermost container: it closes an outer
    /// one when there is one (ending the inner containers unclosed), else it is skipped.
    fn wrong_close(&mut self, tok: Token<'a>) {
        let closes_outer = match tok.kind {
            Kind::RBrace => self.open_objects > 0,
            _ => self.open_arrays > 0,
        };
        if closes_outer {
            let message = match self.stack.last() {
                Some(Frame::Object { .. }) => "unclosed object: expected '}'",
                _ => "unclosed array: expected ']'",
            };
            self.error(Range::new(tok.start, tok.start), message.to_string());
            self.close(tok.start);
            self.push_back(tok);
        } else {
            self.error_at(&tok, "unexpected closing bracket");
        }
    }

    fn unclosed_at_eof(&mut self, tok: &Token<'_>) {
        let message = match self.stack.last() {
            Some(Frame::Object { .. }) => "unclosed object: expected '}'",
            _ => "unclosed array: expected ']'",
        };
        self.error(Range::new(tok.start, tok.start), message.to_string());
        self.close(tok.start);
    }

    fn run(&mut self) {
        // Every step consumes a token, closes a container or moves to a state that consumes
        // the token next; the cap only guards against a mistake in that reasoning.
        let mut budget = self.lexer.text.len().saturating_mul(8).saturating_add(64);
        loop {
            if budget == 0 {
                let end = self.lexer.text.len();
                self.errors.push(invalid(
                    Range::new(end, end),
                    "parser gave up on this text".to_string(),
                ));
                return;
            }
            budget -= 1;
            let tok = self.next();
            match self.ctx() {
                Ctx::Root => self.in_root(tok),
                Ctx::RootDone => {
                    if tok.kind != Kind::Eof {
                        self.errors.push(invalid(
                            tok.range(),
                            "unexpected text after the JSON value".to_string(),
                        ));
                    }
                    return;
                }
                Ctx::Obj(state) => self.in_object(state, tok),
                Ctx::Arr(state) => self.in_array(state, tok),
            }
        }
    }

    fn in_root(&mut self, tok: Token<'a>) {
        if tok.starts_value() {
            self.start_value(tok);
        } else if tok.kind == Kind::Eof {
            self.error(tok.range(), "expected a JSON value".to_string());
            self.root_done = true;
        } else {
            self.error_at(&tok, "expected a JSON value");
        }
    }

    fn in_object(&mut self, state: ObjState, tok: Token<'a>) {
        match state {
            ObjState::Key => match tok.kind {
                Kind::Str(value) => {
                    let name = StringLit {
                        range: Range::new(tok.start, tok.end),
                        value,
                    };
                    self.accept();
                    self.set_pending(Some(Pending {
                        name: Some(name),
                        start: tok.start,
                    }));
                    self.set_obj(ObjState::Colon);
                }
                Kind::RBrace => {
                    self.accept();
                    self.close(tok.end);
                }
                Kind::Eof => self.unclosed_at_eof(&tok),
                Kind::RBracket => self.wrong_close(tok),
                Kind::Colon => {
                    // `{: 1}`: the value is still parsed so what follows stays in sync.
                    self.error_at(&tok, "expected a property name");
                    self.set_pending(Some(Pending {
                        name: None,
                        start: tok.start,
                    }));
                    self.set_obj(ObjState::Value);
                }
                Kind::LBrace | Kind::LBracket => {
                    self.error_at(&tok, "expected a property name");
                    self.set_pending(Some(Pending {
                        name: None,
                        start: tok.start,
                    }));
                    self.set_obj(ObjState::Value);
                    self.start_value(tok);
                }
                Kind::Num(_) | Kind::True | Kind::False | Kind::Null | Kind::Bad(_) => {
                    if self.peek_is_colon() {
                        // `{a: 1}` or `{'a': 1}`: a name in the wrong form; keep the value in sync.
                        let message = if tok.kind == Kind::Bad(Bad::SingleQuoted) {
                            "strings must use double quotes".to_string()
                        } else {
                            "property names must be strings in double quotes".to_string()
                        };
                        self.error(tok.range(), message);
                        self.next();
                        self.set_pending(Some(Pending {
                            name: None,
                            start: tok.start,
                        }));
                        self.set_obj(ObjState::Value);
                    } else {
                        self.error_at(&tok, "expected a property name");
                    }
                }
                Kind::Comma => self.error_at(&tok, "expected a property name"),
            },
            ObjState::Colon => match tok.kind {
                Kind::Colon => {
                    self.accept();
                    self.set_obj(ObjState::Value);
                }
                Kind::Str(_) if self.peek_is_colon() => {
                    // `{"a" "b": 1}`: "a" is a name left behind; "b" starts the next property.
                    self.error(
                        Range::new(tok.start, tok.start),
                        "missing ':' after property name".to_string(),
                    );
                    self.set_obj(ObjState::Key);
                    self.push_back(tok);
                }
                _ if tok.starts_value() => {
                    self.error(
                        Range::new(tok.start, tok.start),
                        "missing ':' after property name".to_string(),
                    );
                    self.set_obj(ObjState::Value);
                    self.push_back(tok);
                }
                Kind::Comma => {
                    self.error(tok.range(), "missing ':' after property name".to_string());
                    self.set_pending(None);
                    self.set_obj(ObjState::Key);
                }
                Kind::RBrace => {
                    self.error(tok.range(), "missing ':' after property name".to_string());
                    self.set_pending(None);
                    self.close(tok.end);
                }
                Kind::Eof | Kind::RBracket => {
                    self.error(
                        Range::new(tok.start, tok.start),
                        "missing ':' after property name".to_string(),
                    );
                    self.set_pending(None);
                    self.set_obj(ObjState::CommaOrEnd);
                    self.push_back(tok);
                }
                _ => self.error_at(&tok, "expected ':' after property name"),
            },
            ObjState::Value => match tok.kind {
                Kind::Str(_) if self.peek_is_colon() => {
                    // `"a": ` then `"b": 2` on the next line: the user has not typed a's value.
                    self.error(
                        Range::new(tok.start, tok.start),
                        "expected a value".to_string(),
                    );
                    self.set_obj(ObjState::Key);
                    self.push_back(tok);
                }
                _ if tok.starts_value() => self.start_value(tok),
                Kind::Comma => {
                    self.error(tok.range(), "expected a value".to_string());
                    self.set_pending(None);
                    self.set_obj(ObjState::Key);
                }
                Kind::RBrace => {
                    self.error(tok.range(), "expected a value".to_string());
                    self.set_pending(None);
                    self.close(tok.end);
                }
                Kind::Eof | Kind::RBracket => {
                    self.error(tok.range(), "expected a value".to_string());
                    self.set_pending(None);
                    self.set_obj(ObjState::CommaOrEnd);
                    self.push_back(tok);
                }
                _ => self.error_at(&tok, "expected a value"),
            },
            ObjState::CommaOrEnd => match tok.kind {
                Kind::Comma => {
                    self.accept();
                    self.set_obj(ObjState::Key);
                }
                Kind::RBrace => {
                    self.accept();
                    self.close(tok.end);
                }
                Kind::Eof => self.unclosed_at_eof(&tok),
                Kind::RBracket => self.wrong_close(tok),
                Kind::Colon => self.error_at(&tok, "expected ',' or '}' after a property"),
                _ => {
                    self.error(
                        tok.range(),
                        "expected ',' or '}' after a property".to_string(),
                    );
                    self.set_obj(ObjState::Key);
                    self.push_back(tok);
                }
            },
        }
    }

    fn in_array(&mut self, state: ArrState, tok: Token<'a>) {
        match tok.kind {
            Kind::RBracket => {
                self.accept();
                self.close(tok.end);
            }
            Kind::RBrace => self.wrong_close(tok),
            Kind::Eof => self.unclosed_at_eof(&tok),
            Kind::Comma if state == ArrState::CommaOrEnd => {
                self.accept();
                self.set_arr(ArrState::Value);
            }
            _ if tok.starts_value() => {
                if state == ArrState::CommaOrEnd {
                    self.error(
                        tok.range(),
                        "expected ',' or ']' after an array element".to_string(),
                    );
                    self.set_arr(ArrState::Value);
                }
                self.start_value(tok);
            }
            _ if state == ArrState::CommaOrEnd => {
                self.error_at(&tok, "expected ',' or ']' after an array element")
            }
            _ => self.error_at(&tok, "expected a value"),
        }
    }
}

/// The range of any value.
pub fn value_range(value: &Value<'_>) -> Range {
    match value {
        Value::StringLit(v) => v.range,
        Value::NumberLit(v) => v.range,
        Value::BooleanLit(v) => v.range,
        Value::Object(v) => v.range,
        Value::Array(v) => v.range,
        Value::NullKeyword(v) => v.range,
    }
}

#[cfg(test)]
mod tests {
    use super::plain_run_end;

    /// The byte-at-a-time answer the word-at-a-time search must give.
    fn naive(bytes: &[u8], from: usize) -> usize {
        (from..bytes.len())
            .find(|&i| matches!(bytes[i], b'"' | b'\\' | 0..=0x1F))
            .unwrap_or(bytes.len())
    }

    #[test]
    fn the_plain_run_ends_where_a_byte_at_a_time_search_ends_it() {
        // Every byte value at every place of a word and after it, on plain backgrounds of
        // ASCII and of multi-byte characters (whose bytes are all 0x80 or above).
        for background in [b'a', 0xC3, 0x7F, b' ', 0x21, 0xFF] {
            for len in [0usize, 1, 7, 8, 9, 16, 23] {
                for at in 0..len.max(1) {
                    for special in 0..=255u8 {
                        let mut bytes = vec![background; len];
                        if at < len {
                            bytes[at] = special;
                        }
                        for from in [0, at.min(len), len] {
                            assert_eq!(
                                plain_run_end(&bytes, from),
                                naive(&bytes, from),
                                "{bytes:?} from {from}"
                            );
                        }
                    }
                }
            }
        }
    }
}
