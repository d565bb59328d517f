//! ## What it does
//! Reports a Lookup output member that the Lookup's `firstRowOnly` setting rules out:
//! `firstRow` read from a Lookup with `firstRowOnly` false, or `count`/`value` read from one
//! with `firstRowOnly` true or absent (true is the default). A read through `?.` (or `?[`),
//! inside `coalesce(...)`, or in a string that tests with `contains(...)` is left alone: it
//! expects the member to be missing at times. A computed `firstRowOnly` is not judged.
//!
//! ## Why is this bad?
//! The Lookup page documents two output layouts: with `firstRowOnly` true the row is under a
//! fixed `firstRow` key; with `firstRowOnly` false the rows are under `value` and their number
//! under `count`. The other layout's member is not in the output, so the expression reads
//! nothing: typically the setting was changed (or left at its default) after the expression
//! was written. The page does not say what the run then does, so this is a warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-lookup-activity ("Type
//!   properties": `firstRowOnly` defaults to true; "Use the Lookup activity result": the two
//!   output layouts).
//!
//! ## Example
//! `pipeline/Tables.json`:
//! ```json
//! {
//!     "name": "Tables",
//!     "properties": {
//!         "activities": [
//!             {"name": "ListTables", "type": "Lookup",
//!              "typeProperties": {"source": {"type": "JsonSource"},
//!                                 "dataset": {"referenceName": "Settings", "type": "DatasetReference"}}},
//!             {"name": "EachTable", "type": "ForEach",
//!              "dependsOn": [{"activity": "ListTables", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"items": {"value": "@activity('ListTables').output.value", "type": "Expression"},
//!                                 "activities": [{"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Tables.json`, with every row returned:
//! ```json
//! {
//!     "name": "Tables",
//!     "properties": {
//!         "activities": [
//!             {"name": "ListTables", "type": "Lookup",
//!              "typeProperties": {"source": {"type": "JsonSource"},
//!                                 "dataset": {"referenceName": "Settings", "type": "DatasetReference"},
//!                                 "firstRowOnly": false}},
//!             {"name": "EachTable", "type": "ForEach",
//!              "dependsOn": [{"activity": "ListTables", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"items": {"value": "@activity('ListTables').output.value", "type": "Expression"},
//!                                 "activities": [{"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//!         ]
//!     }
//! }
//! ```
//!
//! `dataset/Settings.json` (beside both):
//! ```json
//! {"name": "Settings", "properties": {"type": "Json", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
//!  "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "config"}}}}
//! ```
//!
//! `linkedService/Lake.json` (beside both):
//! ```json
//! {"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://config.dfs.core.windows.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::outputs::{present, Resolved, Visit};
use crate::model::Flag;
use adf_catalog::Presence;

pub static RULE: Rule = Rule {
    code: "ADF0316",
    name: "lookup-output-mismatch",
    severity: Severity::Warning,
    summary: "a Lookup output member that its firstRowOnly setting rules out",
    source: "src/rules/lookup_output_mismatch.rs",
};

/// Checks the member steps of one `activity('X')...` chain (those read without `?.`).
pub(crate) fn check(
    cx: &Cx<'_>,
    r: &Resolved<'_>,
    visits: &[Visit<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let is_lookup = r
        .output
        .is_some_and(|o| o.activity_type.eq_ignore_ascii_case("Lookup"));
    if !is_lookup {
        return;
    }
    let settings = &r.activity.output_settings;
    for v in visits.iter().filter(|v| v.output) {
        let Some(m) = v.member else { continue };
        if present(m, settings) != Some(false) {
            continue;
        }
        let name = &r.activity.name;
        let message = match m.presence {
            Presence::FirstRowOnly => format!(
                "Lookup `{name}` has `firstRowOnly` false, so its output has `value` and `count`, \
                 not `{}`; read `value[0]`, or set `firstRowOnly` to true",
                v.name
            ),
            _ => {
                let why = if settings.first_row_only == Flag::Absent {
                    "`firstRowOnly` is not set and defaults to true"
                } else {
                    "`firstRowOnly` is true"
                };
                format!(
                    "Lookup `{name}` returns its first row only ({why}), so its output has \
                     `firstRow`, not `{}`; read `firstRow`, or set `firstRowOnly` to false",
                    v.name
                )
            }
        };
        out.push(Diagnostic::new(&RULE, cx.range(&v.range), message));
    }
}
