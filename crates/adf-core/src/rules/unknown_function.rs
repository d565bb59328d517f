//! ## What it does
//! Reports a call to a function that the expression language does not have, with the nearest
//! known names. Function names are matched without regard to case.
//!
//! ## Why is this bad?
//! The expression language has the functions its reference lists and no others; a call to any
//! other name cannot be evaluated, so the activity fails wherever the expression is read.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-expression-language-functions:
//!   the complete list of string, collection, logical, conversion, math and date functions of
//!   expressions.
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
//!              "typeProperties": {"variableName": "label", "value": "@toLowr(pipeline().Pipeline)"}}
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
//!              "typeProperties": {"variableName": "label", "value": "@toLower(pipeline().Pipeline)"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::syntax::Ident;
use crate::suggest;
use adf_catalog::{function, Function, FUNCTIONS};

pub static RULE: Rule = Rule {
    code: "ADF0302",
    name: "unknown-function",
    severity: Severity::Error,
    summary: "an expression calls a function that does not exist",
    source: "src/rules/unknown_function.rs",
};

/// Returns the function, or reports the name.
pub(crate) fn check(
    cx: &Cx<'_>,
    name: &Ident,
    out: &mut Vec<Diagnostic>,
) -> Option<&'static Function> {
    if let Some(f) = function(&name.text) {
        return Some(f);
    }
    let near = suggest::nearest(&name.text, FUNCTIONS.iter().map(|f| f.name), 3);
    out.push(
        Diagnostic::new(
            &RULE,
            cx.range(&name.range),
            format!(
                "no expression function named `{}`{}",
                name.text,
                suggest::did_you_mean(&near)
            ),
        )
        .with_suggestion(&near),
    );
    None
}
