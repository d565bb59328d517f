//! ## What it does
//! Reports a Set Variable activity that changes a pipeline variable from inside a ForEach whose
//! iterations run in parallel: `isSequential` is absent (Data Factory's default is false) or
//! false. The activity may sit deeper, in an If Condition or Switch inside the loop. The
//! pipeline return value (`pipelineReturnValue`, `setSystemVariable`) is not a pipeline variable
//! and is left alone, and so is a ForEach whose `isSequential` is an expression.
//!
//! Append Variable is not reported: the ForEach page names Set Variable only, and collecting
//! each iteration's result with Append Variable in a parallel loop is a pattern of Microsoft's
//! own template gallery (the FHIR templates in the corpus); what the tool cannot know there is
//! whether the order of the items matters.
//!
//! ## Why is this bad?
//! Pipeline variables belong to the whole run, not to one iteration: parallel iterations all
//! write the same variable, so which value an activity reads back depends on timing. Data Factory
//! takes the pipeline and runs it, so this is a warning; the fixes are a sequential loop
//! (`"isSequential": true`) or a child pipeline per item (started by Execute Pipeline), whose
//! variables are its own.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-for-each-activity (type
//!   properties; "Limitations and workarounds"): `isSequential` defaults to false; Set Variable
//!   cannot be used in a ForEach that runs in parallel, because variables are global to the
//!   pipeline; the workarounds are a sequential ForEach or an Execute Pipeline inside it.
//! - https://learn.microsoft.com/azure/data-factory/control-flow-set-variable-activity (end of
//!   "Incrementing a variable"): variables are scoped to the pipeline and not thread safe; reading
//!   or changing them in a parallel ForEach can behave unexpectedly.
//!
//! ## Example
//! `pipeline/Files.json`:
//! ```json
//! {
//!     "name": "Files",
//!     "properties": {
//!         "variables": {"current": {"type": "String"}},
//!         "activities": [
//!             {"name": "EachFile", "type": "ForEach", "typeProperties": {
//!                 "items": {"value": "@createArray('a.csv', 'b.csv')", "type": "Expression"},
//!                 "activities": [{"name": "Remember", "type": "SetVariable",
//!                     "typeProperties": {"variableName": "current", "value": "@item()"}}]
//!             }}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Files.json`, with the iterations one after another:
//! ```json
//! {
//!     "name": "Files",
//!     "properties": {
//!         "variables": {"current": {"type": "String"}},
//!         "activities": [
//!             {"name": "EachFile", "type": "ForEach", "typeProperties": {
//!                 "isSequential": true,
//!                 "items": {"value": "@createArray('a.csv', 'b.csv')", "type": "Expression"},
//!                 "activities": [{"name": "Remember", "type": "SetVariable",
//!                     "typeProperties": {"variableName": "current", "value": "@item()"}}]
//!             }}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::ancestors;
use crate::model::Entity;

pub static RULE: Rule = Rule {
    code: "ADF0213",
    name: "variable-in-parallel-foreach",
    severity: Severity::Warning,
    summary: "a Set Variable changes a pipeline variable inside a parallel ForEach",
    source: "src/rules/variable_in_parallel_foreach.rs",
};

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    for (i, a) in entity.activities.iter().enumerate() {
        let Some(var) = &a.sets_variable else {
            continue;
        };
        if !a
            .type_name
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("SetVariable"))
        {
            continue;
        }
        let Some(each) = ancestors(entity, i)
            .into_iter()
            .filter_map(|p| entity.activities.get(p))
            .find(|p| p.parallel)
        else {
            continue;
        };
        out.push(Diagnostic::new(
            &RULE,
            var.range,
            format!(
                "`{}` changes pipeline variable `{}` inside ForEach `{}`, whose iterations run in \
                 parallel (`isSequential` is not true): the variable is shared by all iterations, \
                 so its value depends on timing; set `isSequential` to true or move the loop's \
                 activities into a child pipeline started by ExecutePipeline",
                a.name, var.name, each.name
            ),
        ));
    }
}
