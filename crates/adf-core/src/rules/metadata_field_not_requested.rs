//! ## What it does
//! Reports a Get Metadata output member that the activity's `fieldList` does not ask for
//! (`activity('GetFiles').output.childItems` with `"fieldList": ["exists"]`). Names are
//! compared without regard to case. A `fieldList` that is an expression, or that holds
//! anything but literal strings, is not judged; a read through `?.` is left alone.
//!
//! ## Why is this bad?
//! Get Metadata returns only the metadata named in `fieldList`, so a member it was not asked
//! for is not in the output and the expression reads nothing: typically a field removed from
//! the list, or one never added. The page does not say what the run then does, so this is a
//! warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/control-flow-get-metadata-activity
//!   ("Metadata options": the field list decides what is retrieved; "Sample output").
//!
//! ## Example
//! `pipeline/Files.json`:
//! ```json
//! {
//!     "name": "Files",
//!     "properties": {
//!         "activities": [
//!             {"name": "GetFiles", "type": "GetMetadata",
//!              "typeProperties": {"dataset": {"referenceName": "Landing", "type": "DatasetReference"},
//!                                 "fieldList": ["exists"]}},
//!             {"name": "EachFile", "type": "ForEach",
//!              "dependsOn": [{"activity": "GetFiles", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"items": {"value": "@activity('GetFiles').output.childItems", "type": "Expression"},
//!                                 "activities": [{"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Files.json`, asking for the child items:
//! ```json
//! {
//!     "name": "Files",
//!     "properties": {
//!         "activities": [
//!             {"name": "GetFiles", "type": "GetMetadata",
//!              "typeProperties": {"dataset": {"referenceName": "Landing", "type": "DatasetReference"},
//!                                 "fieldList": ["exists", "childItems"]}},
//!             {"name": "EachFile", "type": "ForEach",
//!              "dependsOn": [{"activity": "GetFiles", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"items": {"value": "@activity('GetFiles').output.childItems", "type": "Expression"},
//!                                 "activities": [{"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//!         ]
//!     }
//! }
//! ```
//!
//! `dataset/Landing.json` (beside both):
//! ```json
//! {"name": "Landing", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Lake", "type": "LinkedServiceReference"},
//!  "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "landing"}}}}
//! ```
//!
//! `linkedService/Lake.json` (beside both):
//! ```json
//! {"name": "Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://landing.dfs.core.windows.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::outputs::{present, Resolved, Visit};
use adf_catalog::Presence;

pub static RULE: Rule = Rule {
    code: "ADF0317",
    name: "metadata-field-not-requested",
    severity: Severity::Warning,
    summary: "a Get Metadata output member that its fieldList does not ask for",
    source: "src/rules/metadata_field_not_requested.rs",
};

/// Checks the member steps of one `activity('X')...` chain (those read without `?.`).
pub(crate) fn check(
    cx: &Cx<'_>,
    r: &Resolved<'_>,
    visits: &[Visit<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let settings = &r.activity.output_settings;
    for v in visits.iter().filter(|v| v.output) {
        let Some(m) = v.member.filter(|m| m.presence == Presence::Requested) else {
            continue;
        };
        if present(m, settings) != Some(false) {
            continue;
        }
        out.push(Diagnostic::new(
            &RULE,
            cx.range(&v.range),
            format!(
                "Get Metadata `{}` does not ask for `{}` in its `fieldList`, so its output has \
                 no `{}`; add `\"{}\"` to `fieldList`",
                r.activity.name, v.name, v.name, m.name
            ),
        ));
    }
}
