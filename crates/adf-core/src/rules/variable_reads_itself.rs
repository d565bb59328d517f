//! ## What it does
//! Reports `variables('x')` in the `value` of the Set Variable activity that sets `x`, the usual
//! attempt at a counter (`@add(int(variables('i')), 1)` into `i`). Names are compared without
//! regard to case. The same read in an Append Variable's value is reported as a warning: the
//! documented limit names Set Variable only.
//!
//! ## Why is this bad?
//! Data Factory does not let a Set Variable's value read the variable it sets; ADF Studio's
//! validation refuses it. The documented workaround is a second, temporary variable: one Set
//! Variable computes the new value into the temporary variable, a second copies it back.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-set-variable-activity (section
//!   "Incrementing a variable"): the `value` of a Set Variable activity cannot reference the
//!   variable being set; the workaround is a temporary variable and a second Set Variable.
//! - ADF Studio's validation message, quoted in the blog post "Synapse snack - Increment counter
//!   variable" (5 April 2023) on https://microsoft-bitools.blogspot.com: "The expression contains
//!   self referencing variable. A variable cannot reference itself in the expression."
//!
//! ## Example
//! `pipeline/Count.json`:
//! ```json
//! {
//!     "name": "Count",
//!     "properties": {
//!         "variables": {"i": {"type": "String", "defaultValue": "0"}},
//!         "activities": [
//!             {"name": "Increment", "type": "SetVariable",
//!              "typeProperties": {"variableName": "i", "value": "@string(add(int(variables('i')), 1))"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Count.json`, through a temporary variable:
//! ```json
//! {
//!     "name": "Count",
//!     "properties": {
//!         "variables": {"i": {"type": "String", "defaultValue": "0"}, "next": {"type": "String"}},
//!         "activities": [
//!             {"name": "Compute", "type": "SetVariable",
//!              "typeProperties": {"variableName": "next", "value": "@string(add(int(variables('i')), 1))"}},
//!             {"name": "Increment", "type": "SetVariable",
//!              "dependsOn": [{"activity": "Compute", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"variableName": "i", "value": "@variables('next')"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{literal, Cx};
use crate::expr::sites::Slot;
use crate::expr::syntax::Expr;

pub static RULE: Rule = Rule {
    code: "ADF0311",
    name: "variable-reads-itself",
    severity: Severity::Error,
    summary: "a Set Variable's value reads the variable it sets",
    source: "src/rules/variable_reads_itself.rs",
};

/// Checks `variables('x')` in a Set/Append Variable's `value`.
pub(crate) fn check(cx: &Cx<'_>, args: &[Expr], out: &mut Vec<Diagnostic>) {
    if cx.slot != Slot::VariableValue {
        return;
    }
    let Some(act) = cx.activity.and_then(|a| cx.entity.activities.get(a)) else {
        return;
    };
    let Some(target) = &act.sets_variable else {
        return;
    };
    let Some(arg) = args.first() else { return };
    let Some(name) = literal(arg) else { return };
    if !name.eq_ignore_ascii_case(&target.name) {
        return;
    }
    let append = act
        .type_name
        .as_deref()
        .is_some_and(|t| t.eq_ignore_ascii_case("AppendVariable"));
    let message = if append {
        format!(
            "the value of Append Variable `{}` reads `{}`, the variable it appends to; Data \
             Factory does not let a Set Variable read the variable it sets and may \
             refuse this too: compute the value into a second variable first",
            act.name, target.name
        )
    } else {
        format!(
            "the value of Set Variable `{}` reads `{}`, the variable it sets, which Data Factory \
             does not allow; compute the value into a second variable first and set `{}` from \
             that",
            act.name, target.name, target.name
        )
    };
    let mut d = Diagnostic::new(&RULE, cx.range(&arg.range), message);
    if append {
        // Microsoft's page states the limit for Set Variable only.
        d.severity = Severity::Warning;
    }
    out.push(d);
}
