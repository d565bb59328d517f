//! ## What it does
//! Reports a v2 expression that cannot be read: an unclosed parenthesis, string or `@{`, a
//! missing argument, a bare name that is not called, text after the end of the expression, or
//! nesting deeper than 64 levels. A string is an expression when it starts with `@` (but not
//! `@@`, which stands for a literal `@`) or holds `@{...}` interpolations; `{"value": "...",
//! "type": "Expression"}` objects hold such strings. The finding points inside the string.
//! v1 expressions (`$$Text.Format(...)`, `SliceStart`) and data flow scripts are other
//! languages and are not read.
//!
//! ## Why is this bad?
//! Data Factory refuses to save or run the pipeline: the expression does not parse.
//!
//! ## Example
//! `pipeline/Tag.json`:
//! ```json
//! {
//!     "name": "Tag",
//!     "properties": {
//!         "variables": {"label": {"type": "String"}},
//!         "activities": [
//!             {"name": "SetLabel", "type": "SetVariable",
//!              "typeProperties": {"variableName": "label", "value": "@concat('run-', pipeline().RunId"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Tag.json`:
//! ```json
//! {
//!     "name": "Tag",
//!     "properties": {
//!         "variables": {"label": {"type": "String"}},
//!         "activities": [
//!             {"name": "SetLabel", "type": "SetVariable",
//!              "typeProperties": {"variableName": "label", "value": "@concat('run-', pipeline().RunId)"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};

pub static RULE: Rule = Rule {
    code: "ADF0301",
    name: "invalid-expression",
    severity: Severity::Error,
    summary: "an ADF expression that does not parse",
    source: "src/rules/invalid_expression.rs",
};

/// A parse fault at a file range.
pub(crate) fn diagnostic(range: TextRange, message: &str) -> Diagnostic {
    Diagnostic::new(&RULE, range, format!("invalid expression: {message}"))
}
