//! ## What it does
//! Reports a pipeline with more activities than Data Factory allows in one pipeline. The limit
//! counts every activity defined, inner activities of ForEach, IfCondition, Switch and Until
//! included, whether or not a run reaches them. It was 40 for years, was raised to 80 in March
//! 2024 (Microsoft Fabric blog "Data Factory Increases Maximum Activities Per Pipeline to 80")
//! and to 120 since; the current figure is in "Azure subscription and service limits", section
//! Data Factory (learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits).
//! This rule uses 120.
//!
//! ## Why is this bad?
//! The documented maximum counts every activity a pipeline defines; Data Factory refuses a
//! pipeline above it.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/azure-resource-manager/management/azure-subscription-service-limits#data-factory-limits:
//!   "Maximum activities per pipeline, which includes inner activities for containers", 120.
//! - https://blog.fabric.microsoft.com/en-us/blog/add-up-to-80-activities-to-your-pipeline/:
//!   the limit counts activities defined (both branches of an If), not activities run.
//!
//! ## Example
//! `pipeline/Everything.json` with 121 Wait activities:
//! ```json
//! {"name": "Everything", "properties": {"activities": [
//!     {"name": "W1", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!     {"name": "W2", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
//!     {"name": "...": "and so on up to W121"}
//! ]}}
//! ```
//!
//! Use instead: split the work into child pipelines started by ExecutePipeline activities.
//! ```json
//! {"name": "Everything", "properties": {"activities": [
//!     {"name": "Part1", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Part1", "type": "PipelineReference"}}},
//!     {"name": "Part2", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Part2", "type": "PipelineReference"}}}
//! ]}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;

pub static RULE: Rule = Rule {
    code: "ADF0211",
    name: "too-many-activities",
    severity: Severity::Error,
    summary: "more activities in one pipeline than Data Factory allows (120, inner ones included)",
    source: "src/rules/too_many_activities.rs",
};

/// Data Factory's limit of activities per pipeline, inner activities included.
pub const LIMIT: usize = 120;

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    let n = entity.activities.len();
    if n > LIMIT {
        out.push(Diagnostic::new(
            &RULE,
            entity.name_range,
            format!(
                "pipeline `{}` defines {n} activities (inner ones included); Data Factory allows at most \
                 {LIMIT}: move some into child pipelines started by ExecutePipeline",
                entity.name
            ),
        ));
    }
}
