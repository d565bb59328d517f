//! ## What it does
//! Reports `variables('x')` in a pipeline that declares no variable `x`, and a Set Variable or
//! Append Variable activity whose `variableName` is not declared (the `pipelineReturnValue`
//! system variable aside). Names are compared without regard to case.
//!
//! ## Why is this bad?
//! Set Variable and Append Variable change a variable the pipeline declares, and
//! `variables('x')` reads one; a name the pipeline does not declare is very likely a typo. Data
//! Factory's documentation does not say whether publishing or the run rejects it, so this is a
//! warning.
//!
//! ## Example
//! `pipeline/Count.json`:
//! ```json
//! {
//!     "name": "Count",
//!     "properties": {
//!         "variables": {"total": {"type": "String"}, "label": {"type": "String"}},
//!         "activities": [
//!             {"name": "SetLabel", "type": "SetVariable",
//!              "typeProperties": {"variableName": "label", "value": "@concat('n=', variables('totl'))"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Count.json`:
//! ```json
//! {
//!     "name": "Count",
//!     "properties": {
//!         "variables": {"total": {"type": "String"}, "label": {"type": "String"}},
//!         "activities": [
//!             {"name": "SetLabel", "type": "SetVariable",
//!              "typeProperties": {"variableName": "label", "value": "@concat('n=', variables('total'))"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{literal, Cx};
use crate::expr::syntax::Expr;
use crate::model::Entity;
use crate::suggest;
use adf_catalog::EntityKind;
use adf_syntax::ast::StringLit;

pub static RULE: Rule = Rule {
    code: "ADF0305",
    name: "undefined-variable",
    severity: Severity::Warning,
    summary: "an expression or a Set/Append Variable names a variable that is not declared",
    source: "src/rules/undefined_variable.rs",
};

fn message(entity: &Entity, name: &str) -> String {
    let near = suggest::nearest(name, entity.variables.iter().map(|v| v.name.as_str()), 3);
    let hint = if near.is_empty() && entity.variables.is_empty() {
        "; it declares no variables".to_string()
    } else {
        suggest::did_you_mean(&near)
    };
    format!("pipeline `{}` has no variable `{name}`{hint}", entity.name)
}

fn nearest<'e>(entity: &'e Entity, name: &str) -> Vec<&'e str> {
    suggest::nearest(name, entity.variables.iter().map(|v| v.name.as_str()), 3)
}

fn declared(entity: &Entity, name: &str) -> bool {
    entity
        .variables
        .iter()
        .any(|v| v.name.eq_ignore_ascii_case(name))
}

/// Checks `variables('x')`.
pub(crate) fn check_call(cx: &Cx<'_>, args: &[Expr], out: &mut Vec<Diagnostic>) {
    if cx.entity.kind != EntityKind::Pipeline {
        return;
    }
    let Some(arg) = args.first() else { return };
    let Some(name) = literal(arg) else { return };
    if !declared(cx.entity, name) {
        out.push(
            Diagnostic::new(&RULE, cx.range(&arg.range), message(cx.entity, name))
                .with_suggestion(&nearest(cx.entity, name)),
        );
    }
}

/// Checks a Set/AppendVariable `variableName`.
pub(crate) fn check_target(
    entity: &Entity,
    lit: &StringLit<'_>,
    _activity: usize,
    out: &mut Vec<Diagnostic>,
) {
    let name = lit.value.as_ref();
    // Computed names, and the system variable a pipeline returns its value through.
    if name.contains('@') || name.eq_ignore_ascii_case("pipelineReturnValue") {
        return;
    }
    if !declared(entity, name) {
        out.push(
            Diagnostic::new(&RULE, lit.range.into(), message(entity, name))
                .with_suggestion(&nearest(entity, name)),
        );
    }
}
