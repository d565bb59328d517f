//! Tolerant JSON/JSONC parsing for ADF files: one tree type (jsonc-parser's `ast`), byte ranges
//! on every node, recovery from faults, bounded depth, and a line index.
//!
//! Parsing never fails: [`parse`] returns whatever tree it could build and a list of errors.

pub use jsonc_parser::ast;
pub use jsonc_parser::common::Range;

mod line_index;
pub use line_index::{LineCol, LineIndex};

/// Limits that keep parsing safe on hostile input.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ParseOptions {
    /// Deepest nesting of objects and arrays accepted; deeper input stops with a `TooDeep` error.
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

/// Parses JSONC (comments and trailing commas allowed, nothing else beyond JSON).
pub fn parse<'a>(text: &'a str, options: &ParseOptions) -> Parsed<'a> {
    if text.len() > options.max_size {
        return Parsed {
            value: None,
            errors: vec![SyntaxError {
                kind: SyntaxErrorKind::TooLarge,
                range: Range::new(0, 0),
                message: format!(
                    "file is {} bytes, larger than the limit of {} bytes",
                    text.len(),
                    options.max_size
                ),
            }],
        };
    }
    let parse_options = jsonc_parser::ParseOptions {
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
    };
    match jsonc_parser::parse_to_ast(text, &Default::default(), &parse_options) {
        Ok(r) => Parsed {
            value: r.value,
            errors: Vec::new(),
        },
        Err(e) => Parsed {
            value: None,
            errors: vec![SyntaxError {
                kind: SyntaxErrorKind::Invalid,
                range: Range::new(e.range().start, e.range().end),
                message: e.kind().to_string(),
            }],
        },
    }
}
