//! ## What it does
//! Reports `activity('X')` when the pipeline has no activity named `X` (at any level of
//! nesting), with the nearest names. Names are compared without regard to case.
//!
//! ## Why is this bad?
//! Every run of the pipeline fails when it starts, with `InvalidTemplate`: the activity named
//! in the expression is not defined. ADF Studio's "Validate all" did not report it in the
//! published case below, so only a run shows it.
//!
//! ## Evidence
//! - https://github.com/MicrosoftDocs/azure-docs/issues/37554: a triggered run failed with
//!   `BadRequest`, `ErrorCode=InvalidTemplate`, the action referenced by an expression "not
//!   defined in the template", while "Validate all" showed no error.
//!
//! ## Example
//! `pipeline/Report.json`:
//! ```json
//! {
//!     "name": "Report",
//!     "properties": {
//!         "variables": {"status": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Record", "type": "SetVariable",
//!              "dependsOn": [{"activity": "Pause", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"variableName": "status", "value": "@string(activity('Pase').output)"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Report.json`:
//! ```json
//! {
//!     "name": "Report",
//!     "properties": {
//!         "variables": {"status": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}},
//!             {"name": "Record", "type": "SetVariable",
//!              "dependsOn": [{"activity": "Pause", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"variableName": "status", "value": "@string(activity('Pause').output)"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{literal, Cx};
use crate::expr::syntax::Expr;
use crate::suggest;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0306",
    name: "unknown-activity-reference",
    severity: Severity::Error,
    summary: "`activity('X')` names no activity of the pipeline",
    source: "src/rules/unknown_activity_reference.rs",
};

/// Checks `activity('X')`; true when the name was found (so the scope can be checked).
pub(crate) fn check(cx: &Cx<'_>, args: &[Expr], out: &mut Vec<Diagnostic>) -> bool {
    if cx.entity.kind != EntityKind::Pipeline {
        return false;
    }
    let Some(arg) = args.first() else {
        return false;
    };
    let Some(name) = literal(arg) else {
        return false;
    };
    let acts = &cx.entity.activities;
    if !cx.entity.activities_named(name).is_empty() {
        return true;
    }
    let near = suggest::nearest(name, acts.iter().map(|a| a.name.as_str()), 3);
    out.push(
        Diagnostic::new(
            &RULE,
            cx.range(&arg.range),
            format!(
                "pipeline `{}` has no activity named `{name}`{}",
                cx.entity.name,
                suggest::did_you_mean(&near)
            ),
        )
        .with_suggestion(&near),
    );
    false
}
