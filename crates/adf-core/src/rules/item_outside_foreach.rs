//! ## What it does
//! Reports `item()` where no iteration defines it. `item()` is the current element inside the
//! activities of a ForEach (at any depth) and inside a Filter's `condition`. It is not defined
//! in a ForEach's own `items` (evaluated once, before the loop), in a Filter's `items`, at the
//! top level of a pipeline, or in datasets, linked services and triggers.
//!
//! ## Why is this bad?
//! Data Factory rejects the expression: there is no current item.
//!
//! ## Evidence
//! - https://github.com/MicrosoftDocs/azure-docs/issues/11327: ADF Studio reports that
//!   `@item()` can only be used in a Filter activity or in the child activities of a ForEach;
//!   Microsoft's answer confirms it is a validation error, not a bug.
//! - https://learn.microsoft.com/azure/data-factory/control-flow-expression-language-functions
//!   and the ForEach activity's page: `item()` is the current element of the ForEach's `items`.
//!
//! ## Example
//! `pipeline/Files.json`:
//! ```json
//! {
//!     "name": "Files",
//!     "properties": {
//!         "parameters": {"files": {"type": "Array", "defaultValue": ["a.csv"]}},
//!         "variables": {"current": {"type": "String"}},
//!         "activities": [
//!             {"name": "Pick", "type": "SetVariable",
//!              "typeProperties": {"variableName": "current", "value": "@string(item())"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Files.json`:
//! ```json
//! {
//!     "name": "Files",
//!     "properties": {
//!         "parameters": {"files": {"type": "Array", "defaultValue": ["a.csv"]}},
//!         "variables": {"current": {"type": "String"}},
//!         "activities": [
//!             {"name": "EachFile", "type": "ForEach",
//!              "typeProperties": {
//!                  "isSequential": true,
//!                  "items": {"value": "@pipeline().parameters.files", "type": "Expression"},
//!                  "activities": [
//!                      {"name": "Pick", "type": "SetVariable",
//!                       "typeProperties": {"variableName": "current", "value": "@string(item())"}}
//!                  ]
//!              }}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::{item_defined, Cx};
use crate::expr::sites::Slot;
use crate::expr::syntax::Ident;

pub static RULE: Rule = Rule {
    code: "ADF0308",
    name: "item-outside-foreach",
    severity: Severity::Error,
    summary: "`item()` used where no ForEach or Filter iteration defines it",
    source: "src/rules/item_outside_foreach.rs",
};

/// Checks one `item()` call.
pub(crate) fn check(cx: &Cx<'_>, name: &Ident, out: &mut Vec<Diagnostic>) {
    if item_defined(cx.entity, cx.activity, cx.slot) {
        return;
    }
    let message = match cx.slot {
        Slot::ForEachItems => {
            "`item()` is not defined in a ForEach's own `items`, which is evaluated before the loop"
        }
        Slot::FilterItems => "`item()` is not defined in a Filter's `items`; use it in `condition`",
        _ => "`item()` is only defined inside a ForEach's activities or a Filter's `condition`",
    };
    out.push(Diagnostic::new(&RULE, cx.range(&name.range), message));
}
