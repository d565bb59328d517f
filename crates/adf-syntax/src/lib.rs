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
pub use recover::value_range;
mod recover;
pub use line_index::{LineCol, LineIndex, OutsideText, PastEnd, Unit};

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

/// The jsonc-parser options that define our language (JSON plus comments and trailing commas):
/// the reference the differential tests and benchmarks hold our parser to.
pub fn jsonc_options() -> jsonc_parser::ParseOptions {
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
///
/// Every text goes through our recovering parser: on valid input it builds exactly the tree
/// jsonc-parser's `parse_to_ast` builds (a differential test holds it to that on the whole
/// corpus), it is as fast, and unlike jsonc-parser it neither recurses per level nor stops at the
/// first fault, so one code path serves valid files, half-typed files and hostile ones.
pub fn parse<'a>(text: &'a str, options: &ParseOptions) -> Parsed<'a> {
    if text.len() > options.max_size {
        return too_large(text.len(), options);
    }
    parse_recovering(text, options)
}

/// Runs only the recovering parser (no size check); `parse` gives the same tree on valid text.
#[doc(hidden)]
pub fn parse_recovering<'a>(text: &'a str, options: &ParseOptions) -> Parsed<'a> {
    let (value, errors) = recover::parse(text, options.max_depth);
    Parsed { value, errors }
}
