//! ## What it does
//! Reports a member read from an activity's output that the output does not have, where the
//! output's members are all documented: a Get Metadata output (its metadata options), a Lookup
//! output (`firstRow`, or `count` and `value`), and the `name`/`type` entries of Get Metadata's
//! `childItems` and `structure`. A Copy activity's output is judged by near misses only: the
//! Copy monitoring page calls its list complete, but connector pages document members of their
//! own (a copy from SAP BW Open Hub reports `sapOpenHubMaxRequestId`), so only a name within
//! typing distance of a listed one (`rowCopied` for `rowsCopied`) is reported. Names are compared without regard to case, and the run facts
//! Data Factory adds to outputs (`effectiveIntegrationRuntime`, `billingReference`,
//! `durationInQueue`) are accepted everywhere.
//!
//! Open values are never judged: a web response, a notebook's `runOutput`, a Lookup row's
//! columns, a child pipeline's return value, a Script or Filter output, and `activity('X')`
//! itself (its run record may hold more than `output`, `Status` and `error`). The activity
//! must be one of the same pipeline, of one known type. docs/activity-outputs.md lists every
//! shape with its source.
//!
//! ## Why is this bad?
//! The member is not there when the pipeline runs, so the expression reads nothing: very
//! likely a typo (`rowCopied` for `rowsCopied`) or a member of another activity type's output.
//! The pages list the members but do not say what the run then does, so this is a warning.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/copy-activity-monitoring ("Monitor
//!   programmatically": the complete list of properties a Copy output may have).
//! - https://learn.microsoft.com/azure/data-factory/control-flow-get-metadata-activity
//!   ("Metadata options").
//! - https://learn.microsoft.com/azure/data-factory/control-flow-lookup-activity ("Use the
//!   Lookup activity result").
//!
//! ## Example
//! `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "variables": {"rows": {"type": "String"}},
//!         "activities": [
//!             {"name": "CopySales", "type": "Copy",
//!              "typeProperties": {"source": {"type": "AzureSqlSource"}, "sink": {"type": "ParquetSink"}}},
//!             {"name": "Count", "type": "SetVariable",
//!              "dependsOn": [{"activity": "CopySales", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"variableName": "rows", "value": "@string(activity('CopySales').output.rowCopied)"}}
//!         ]
//!     }
//! }
//! ```
//!
//! Use instead: `pipeline/Load.json`:
//! ```json
//! {
//!     "name": "Load",
//!     "properties": {
//!         "variables": {"rows": {"type": "String"}},
//!         "activities": [
//!             {"name": "CopySales", "type": "Copy",
//!              "typeProperties": {"source": {"type": "AzureSqlSource"}, "sink": {"type": "ParquetSink"}}},
//!             {"name": "Count", "type": "SetVariable",
//!              "dependsOn": [{"activity": "CopySales", "dependencyConditions": ["Succeeded"]}],
//!              "typeProperties": {"variableName": "rows", "value": "@string(activity('CopySales').output.rowsCopied)"}}
//!         ]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::expr::analyze::Cx;
use crate::expr::outputs::{Resolved, Visit};
use crate::suggest;

pub static RULE: Rule = Rule {
    code: "ADF0315",
    name: "unknown-output-property",
    severity: Severity::Warning,
    summary: "a member read from an activity output whose documented members do not include it",
    source: "src/rules/unknown_output_property.rs",
};

/// Checks the member steps of one `activity('X')...` chain.
pub(crate) fn check(
    cx: &Cx<'_>,
    r: &Resolved<'_>,
    visits: &[Visit<'_>],
    out: &mut Vec<Diagnostic>,
) {
    let Some((i, v)) = visits
        .iter()
        .enumerate()
        .find(|(_, v)| v.member.is_none() && !v.shape.open)
    else {
        return;
    };
    let ty = r.activity.type_name.as_deref().unwrap_or("activity");
    let whose = if v.output {
        format!("the output of {ty} activity `{}`", r.activity.name)
    } else {
        let parent = i
            .checked_sub(1)
            .and_then(|p| visits.get(p))
            .map_or("this value", |p| p.name);
        format!(
            "an entry of `{parent}` (of {ty} activity `{}`)",
            r.activity.name
        )
    };
    let names = v.shape.all().map(|m| m.name);
    let near = if v.shape.extensible {
        suggest::typos(v.name, names, 3)
    } else {
        suggest::nearest(v.name, names, 3)
    };
    // Where connectors add members of their own, only a near miss of a listed one is a finding.
    if v.shape.extensible && near.is_empty() {
        return;
    }
    let hint = if near.is_empty() {
        match v.shape.all().next() {
            Some(m) => format!("; its members are listed at {}", m.source),
            None => String::new(),
        }
    } else {
        suggest::did_you_mean(&near)
    };
    out.push(
        Diagnostic::new(
            &RULE,
            cx.range(&v.range),
            format!("{whose} has no member `{}`{hint}", v.name),
        )
        .with_suggestion(&near),
    );
}
