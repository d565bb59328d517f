//! ## What it does
//! Reports text that is not valid JSON. Comments (`//`, `/* */`) and trailing commas are
//! tolerated, as in JSONC; single quotes, unquoted names, missing commas or colons, and anything
//! after the root value are not. Each fault is reported once, where it is (what the parser
//! trips over later on the same line, such as the rest of a string cut short by a stray quote,
//! follows from it and is not reported again), and the rest of the file is still read so that
//! other findings, completion and navigation keep working.
//!
//! The message quotes an unexpected token by its first three characters only, and outputs mask
//! the token itself: an unquoted value (`"password": Abc123...`) may well be a secret.
//!
//! ## Why is this bad?
//! Data Factory cannot take a file that does not parse: the REST API refuses a payload that is
//! not valid JSON, and in a git-mode factory ADF Studio cannot load the entity.
//!
//! ## Evidence
//! - https://github.com/Azure/Azure-DataFactory/issues/299: publishing failed with
//!   `BadRequest`, the service saying the document create or update failed because of invalid
//!   JSON.
//! - https://github.com/Azure/Azure-DataFactory/issues/533: an invalid string committed to a
//!   factory's git repository broke what ADF Studio loaded, and runs then failed validation.
//!
//! ## Example
//! ```json
//! {
//!     "name": "CopySales",
//!     "properties": {
//!         "activities": []
//!         "annotations": []
//!     }
//! }
//! ```
//!
//! Use instead:
//! ```json
//! {
//!     "name": "CopySales",
//!     "properties": {
//!         "activities": [],
//!         "annotations": []
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0001",
    name: "invalid-json",
    severity: Severity::Error,
    summary: "the file is not parseable JSON/JSONC",
    source: "src/rules/invalid_json.rs",
};

/// The spans of faults that outputs must mask: bare words and single-quoted strings, which may
/// be secrets written without their double quotes.
pub(crate) fn tokens_to_mask<'e>(
    text: &'e str,
    errors: &'e [adf_syntax::SyntaxError],
) -> impl Iterator<Item = TextRange> + 'e {
    errors.iter().filter_map(move |e| {
        if e.kind != adf_syntax::SyntaxErrorKind::Invalid {
            return None;
        }
        let token = text.get(e.range.start..e.range.end)?;
        let bare = !token.is_empty()
            && !token
                .chars()
                .any(|c| c.is_whitespace() || "{}[],:\"".contains(c));
        (bare || token.starts_with('\'')).then(|| e.range.into())
    })
}

/// A finding for one syntax fault.
pub(crate) fn diagnostic(range: TextRange, message: &str) -> Diagnostic {
    Diagnostic::new(&RULE, range, format!("invalid JSON: {message}"))
}
