//! ## What it does
//! Reports an expression whose result is certainly a string where the property takes only a
//! boolean: an interpolated `"...@{...}..."` value, a string literal, or a function that
//! returns a string such as `concat` or `substring`. The property's type comes from the
//! catalog; an If's `expression`, an Until's `expression` and a Filter's `condition` take a
//! boolean. Results that depend on the data (`if`, `coalesce`, `json`, parameters, activity
//! outputs) are never judged, nor are other pairs of types: a string of digits converts to a
//! number when the run reads it.
//!
//! ## Why is this bad?
//! The property needs a boolean and the expression certainly yields a string: the run fails
//! when the activity evaluates it, often after earlier activities have done their work.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-if-condition-activity: the If
//!   Condition's `expression` is required and must be an expression whose result type is
//!   boolean.
//! - https://github.com/Azure/Azure-DataFactory/issues/518: a run failed because `if()` was
//!   given a string where a boolean was expected; wrapping it in `bool()` fixed it.
//!
//! ## Example
//! `pipeline/Check.json`:
//! ```json
//! {
//!     "name": "Check",
//!     "properties": {
//!         "parameters": {"mode": {"type": "String", "defaultValue": "full"}},
//!         "activities": [
//!             {"name": "IsFull", "type": "IfCondition",
//!              "typeProperties": {"expression": {"value": "@concat(pipeline().parameters.mode, '=full')", "type": "Expression"}}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Check.json`:
//! ```json
//! {
//!     "name": "Check",
//!     "properties": {
//!         "parameters": {"mode": {"type": "String", "defaultValue": "full"}},
//!         "activities": [
//!             {"name": "IsFull", "type": "IfCondition",
//!              "typeProperties": {"expression": {"value": "@equals(pipeline().parameters.mode, 'full')", "type": "Expression"}}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{whole, Cx};
use crate::expr::syntax::{Expr, ExprKind, Template};
use adf_catalog::{function, ExprType, JsonType};
use adf_syntax::ast::StringLit;

pub static RULE: Rule = Rule {
    code: "ADF0309",
    name: "expression-type-mismatch",
    severity: Severity::Error,
    summary: "an expression's result type is certain and is not the type the property takes",
    source: "src/rules/expression_type_mismatch.rs",
};

/// The result type of an expression when it is certain.
pub(crate) fn certain_type(e: &Expr) -> Option<ExprType> {
    match &e.kind {
        ExprKind::Str(_) => Some(ExprType::String),
        ExprKind::Int(_) => Some(ExprType::Int),
        ExprKind::Float(_) => Some(ExprType::Float),
        ExprKind::Bool(_) => Some(ExprType::Bool),
        ExprKind::Call { name, .. } => {
            let f = function(&name.text)?;
            match f.result {
                ExprType::String
                | ExprType::Int
                | ExprType::Float
                | ExprType::Bool
                | ExprType::Array => Some(f.result),
                _ => None,
            }
        }
        _ => None,
    }
}

fn fits(actual: ExprType, expected: &[JsonType]) -> bool {
    expected.iter().any(|t| {
        matches!(
            (actual, t),
            (ExprType::String, JsonType::String)
                | (ExprType::Bool, JsonType::Boolean)
                | (ExprType::Int, JsonType::Integer | JsonType::Number)
                | (ExprType::Float | ExprType::Number, JsonType::Number)
                | (ExprType::Array, JsonType::Array)
        )
    })
}

/// Checks one expression string against the type its property takes.
pub(crate) fn check(
    cx: &Cx<'_>,
    template: &Template,
    expected: &[JsonType],
    lit: &StringLit<'_>,
    out: &mut Vec<Diagnostic>,
) {
    // Unknown or open-ended property types, and objects (which may stand for anything), pass.
    if expected.is_empty() || expected.contains(&JsonType::Object) || !template.errors.is_empty() {
        return;
    }
    let (actual, range) = match whole(template) {
        Some(e) => match certain_type(e) {
            Some(t) => (t, cx.range(&e.range)),
            None => return,
        },
        // Text around `@{...}` makes the value a string.
        None if !template.whole && !template.exprs.is_empty() => {
            (ExprType::String, lit.range.into())
        }
        None => return,
    };
    // Only a string where nothing but a boolean is taken is certain to fail: a string of digits
    // converts to a number when the run reads the value, and the catalog's types of loosely
    // typed properties (a Set Variable's `value` takes any variable type) are not tight enough
    // to judge other results.
    if actual != ExprType::String
        || fits(actual, expected)
        || !expected.iter().all(|t| *t == JsonType::Boolean)
    {
        return;
    }
    out.push(Diagnostic::new(
        &RULE,
        range,
        format!(
            "this expression gives {} {}, but the property takes {}",
            if actual == ExprType::Array || actual == ExprType::Int {
                "an"
            } else {
                "a"
            },
            actual.as_str(),
            JsonType::alternatives(expected)
        ),
    ));
}
