//! ## What it does
//! Reports objects and arrays nested deeper than the parser's limit (128 levels by default).
//! Parsing stops descending at the limit; the part beyond it is skipped.
//!
//! ## Why is this bad?
//! Real Data Factory files nest a few dozen levels at most (the deepest file of the test corpus
//! has 16). Deeper input is generated or corrupted, and following it without a limit could exhaust
//! the stack of an editor or a browser tab.
//!
//! This is a limit of this tool, not of Data Factory, so it is a warning that says which part
//! was not analysed; the rest of the file is still checked.
//!
//! ## Example
//! ```json
//! {"name": "Deep", "properties": {"a": [[[[[[[[ ... 10 000 levels ... ]]]]]]]]}}
//! ```
//!
//! Use instead: keep nesting to what the entity needs.
//! ```json
//! {"name": "Deep", "properties": {"a": [1, 2, 3]}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0002",
    name: "nesting-too-deep",
    severity: Severity::Warning,
    summary: "objects and arrays nested deeper than the parser's limit",
    source: "src/rules/nesting_too_deep.rs",
};

/// A finding where the limit was crossed.
pub(crate) fn diagnostic(range: TextRange, message: &str) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        range,
        format!("{message}; the part beyond the limit was not analysed"),
    )
}
