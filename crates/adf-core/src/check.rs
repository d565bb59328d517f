//! What a check run is given: its options and the files (by path and text).

use adf_syntax::ParseOptions;

/// Options of a check run.
#[derive(Debug, Clone, Copy)]
pub struct CheckOptions {
    /// Parser limits (nesting depth, file size).
    pub parse: ParseOptions,
    /// Read and check ADF expressions (on by default; off only to measure their cost).
    pub expressions: bool,
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            parse: ParseOptions::default(),
            expressions: true,
        }
    }
}

/// A file given by path and text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The path (any separator; only used for classification and roots).
    pub path: &'a str,
    /// The text.
    pub text: &'a str,
}
