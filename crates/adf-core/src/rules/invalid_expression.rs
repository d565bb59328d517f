//! ## What it does
//! Reports a v2 expression that cannot be read: an unclosed parenthesis, string or `@{`, a
//! missing argument, a bare name that is not called, text after the end of the expression, or
//! nesting deeper than 64 levels. A string is an expression when it starts with `@` (but not
//! `@@`, which stands for a literal `@`) or holds `@{...}` interpolations; `{"value": "...",
//! "type": "Expression"}` objects hold such strings. The finding points inside the string, at
//! the first fault only: what the parser meets after it (an unclosed string swallows the
//! closing parenthesis) follows from it. A value that starts with `@` but is no expression at
//! all, such as a text template's placeholder `@GF{IR}` left unfilled, is reported as that.
//! v1 expressions (`$$Text.Format(...)`, `SliceStart`) and data flow scripts are other
//! languages and are not read.
//!
//! In an ARM template, a `"[...]"` string is ARM's own expression: ARM evaluates it at
//! deployment (`{{` in `format` becomes `{`, `''` becomes `'`) and Data Factory reads the
//! result. Such a string is checked by its value when the template fixes that value (literals,
//! parameter defaults, variables); the finding then covers the whole ARM string. A value known
//! only at deployment is not judged.
//!
//! ## Why is this bad?
//! Data Factory extracts the body of a value that starts with `@` and evaluates it; a body that
//! does not parse fails the run that reaches it, and a reference name that is not a plain name
//! is refused when the entity is deployed.
//!
//! ## Evidence
//! - <https://learn.microsoft.com/ru-ru/azure/data-factory/control-flow-expression-language-functions>
//!   (the same text at <https://docs.azure.cn/data-factory/control-flow-expression-language-functions>):
//!   a JSON value that starts with `@` is an expression whose body is what follows the `@`; a
//!   literal that starts with `@` must be written `@@`; `@{ ... }` interpolates inside text.
//! - <https://github.com/kromerm/adfdataflowdocs/issues/11>: a pipeline run fails with
//!   `ErrorCode=InvalidTemplate, ErrorMessage=Unable to parse expression '_c1'`.
//! - <https://github.com/MicrosoftDocs/azure-docs/issues/18339>: an expression in a dataset or
//!   pipeline reference fails the ARM deployment with `The document creation or update failed
//!   because of invalid reference`.
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
