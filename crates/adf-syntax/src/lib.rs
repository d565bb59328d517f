//! Tolerant JSON/JSONC parsing for ADF files: one tree type (jsonc-parser's `ast`), byte ranges
//! on every node, recovery from faults, bounded depth, and a line index.
//!
//! Parsing never fails: [`parse`] returns whatever tree it could build and a list of errors.
//!
//! Valid text goes through jsonc-parser; broken text through our own recovering parser, which
//! builds the same tree types (identical trees on valid text) and reports one error per fault.
//! What broken text leaves in the tree:
//! - a property without a usable value (`"a": ,`, `"a": }`, `"a":` at the end) is left out,
//!   never given an invented value; the error sits where the value was expected;
//! - a property whose name is not a double-quoted string is left out (its value is still
//!   parsed, so what follows stays in sync);
//! - missing commas and colons are reported and the properties on both sides kept;
//! - an unterminated string ends at the end of its line;
//! - an unclosed container keeps its children and ends where the token that ended it starts
//!   (the end of the text at EOF);
//! - a run of garbage gives one error; text after the root value gives one error.
//!
//! Raw control characters inside strings are reported (jsonc-parser lets them through) but
//! kept in the string's value.

pub use jsonc_parser::ast;
pub use jsonc_parser::common::Range;

mod line_index;
mod recover;
pub use line_index::{LineCol, LineIndex};

use ast::{ObjectPropName, Value};

/// Limits that keep parsing safe on hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Deepest nesting of objects and arrays accepted; deeper input stops with a `TooDeep` error.
    /// Keep it modest (the default 128 is ample): dropping a tree recurses once per level.
    pub max_depth: usize,
    /// Largest text in bytes that is parsed; larger gives a `TooLarge` error and no tree.
    pub max_size: usize,
}

impl Default for ParseOptions {
    fn default() -> Self {
        Self {
            max_depth: 128,
            max_size: 16 * 1024 * 1024,
        }
    }
}

/// What kind of fault a [`SyntaxError`] is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SyntaxErrorKind {
    /// The text is not valid JSONC at this place.
    Invalid,
    /// Nesting deeper than [`ParseOptions::max_depth`].
    TooDeep,
    /// The text is larger than [`ParseOptions::max_size`].
    TooLarge,
}

/// One fault found while parsing.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntaxError {
    /// The kind of fault.
    pub kind: SyntaxErrorKind,
    /// Byte range in the original text (may be empty, at the fault's position).
    pub range: Range,
    /// What is wrong, for humans.
    pub message: String,
}

/// The result of parsing: a tree (if any value could be saved) and the faults.
#[derive(Debug)]
pub struct Parsed<'a> {
    /// The root value, possibly partial when `errors` is not empty.
    pub value: Option<ast::Value<'a>>,
    /// Every fault, in text order.
    pub errors: Vec<SyntaxError>,
}

/// The jsonc-parser options that define our language: JSON plus comments and trailing commas.
fn pinned_options() -> jsonc_parser::ParseOptions {
    jsonc_parser::ParseOptions {
        allow_comments: true,
        allow_loose_object_property_names: false,
        allow_trailing_commas: true,
        allow_missing_commas: false,
        allow_single_quoted_strings: false,
        allow_hexadecimal_numbers: false,
        allow_unary_plus_numbers: false,
        allow_bare_decimal_point_numbers: false,
        allow_non_finite_numbers: false,
        allow_extended_string_escapes: false,
    }
}

const BOM: &str = "\u{feff}";

fn too_large(len: usize, options: &ParseOptions) -> Parsed<'static> {
    Parsed {
        value: None,
        errors: vec![SyntaxError {
            kind: SyntaxErrorKind::TooLarge,
            range: Range::new(0, 0),
            message: format!(
                "file is {} bytes, larger than the limit of {} bytes",
                len, options.max_size
            ),
        }],
    }
}

/// Parses JSONC (comments and trailing commas allowed, nothing else beyond JSON; a leading
/// UTF-8 BOM is skipped). Never fails: returns the tree it could save and every fault, with
/// byte ranges into `text` (BOM included).
pub fn parse<'a>(text: &'a str, options: &ParseOptions) -> Parsed<'a> {
    if text.len() > options.max_size {
        return too_large(text.len(), options);
    }
    let (body, shift) = match text.strip_prefix(BOM) {
        Some(body) => (body, BOM.len()),
        None => (text, 0),
    };
    // jsonc-parser recurses per level, and it accepts raw control characters in strings, which
    // we reject; the pre-scan sends both cases to the recovering parser instead.
    if fits_fast_path(body.as_bytes(), options.max_depth) {
        if let Ok(result) = jsonc_parser::parse_to_ast(body, &Default::default(), &pinned_options())
        {
            // An empty text parses to no value; the recovering parser reports it.
            if let Some(mut value) = result.value {
                if shift > 0 {
                    shift_ranges(&mut value, shift);
                }
                return Parsed {
                    value: Some(value),
                    errors: Vec::new(),
                };
            }
        }
    }
    parse_recovering(text, options)
}

/// Runs only the recovering parser (no size check); `parse` gives the same tree on valid text.
#[doc(hidden)]
pub fn parse_recovering<'a>(text: &'a str, options: &ParseOptions) -> Parsed<'a> {
    let (value, errors) = recover::parse(text, options.max_depth);
    Parsed { value, errors }
}

/// Whether `bytes` nests at most `max_depth` deep and has no raw control character inside a
/// string, looking past strings and comments the way jsonc-parser tokenizes them.
fn fits_fast_path(bytes: &[u8], max_depth: usize) -> bool {
    let mut depth = 0usize;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        i += 1;
        match b {
            b'{' | b'[' => {
                depth += 1;
                if depth > max_depth {
                    return false;
                }
            }
            b'}' | b']' => depth = depth.saturating_sub(1),
            b'"' => loop {
                match bytes.get(i) {
                    None => return true,
                    Some(b'"') => {
                        i += 1;
                        break;
                    }
                    Some(b'\\') => i += 2,
                    Some(&c) if c < 0x20 => return false,
                    Some(_) => i += 1,
                }
            },
            b'/' => match bytes.get(i) {
                Some(b'/') => {
                    while let Some(&c) = bytes.get(i) {
                        if c == b'\n' || c == b'\r' {
                            break;
                        }
                        i += 1;
                    }
                }
                Some(b'*') => {
                    i += 1;
                    loop {
                        match bytes.get(i) {
                            None => return true,
                            Some(b'*') if bytes.get(i + 1) == Some(&b'/') => {
                                i += 2;
                                break;
                            }
                            Some(_) => i += 1,
                        }
                    }
                }
                _ => {}
            },
            _ => {}
        }
    }
    true
}

/// Moves every range in `value` by `by` bytes, iteratively so depth cannot overflow the stack.
fn shift_ranges(value: &mut Value<'_>, by: usize) {
    fn shift(range: &mut Range, by: usize) {
        range.start = range.start.saturating_add(by);
        range.end = range.end.saturating_add(by);
    }
    let mut stack = vec![value];
    while let Some(value) = stack.pop() {
        match value {
            Value::StringLit(v) => shift(&mut v.range, by),
            Value::NumberLit(v) => shift(&mut v.range, by),
            Value::BooleanLit(v) => shift(&mut v.range, by),
            Value::NullKeyword(v) => shift(&mut v.range, by),
            Value::Array(v) => {
                shift(&mut v.range, by);
                stack.extend(v.elements.iter_mut());
            }
            Value::Object(v) => {
                shift(&mut v.range, by);
                for prop in &mut v.properties {
                    shift(&mut prop.range, by);
                    match &mut prop.name {
                        ObjectPropName::String(name) => shift(&mut name.range, by),
                        ObjectPropName::Word(name) => shift(&mut name.range, by),
                    }
                    stack.push(&mut prop.value);
                }
            }
        }
    }
}
