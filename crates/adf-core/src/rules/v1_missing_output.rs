//! ## What it does
//! Reports a v1 activity without an output dataset. Data Factory v1 schedules activities by
//! their outputs: an activity runs once for each slice of its output dataset, even when the
//! activity produces no data (then a dummy output dataset is the custom).
//!
//! ## Why is this bad?
//! A v1 activity is scheduled by its output dataset's slices, so v1 requires an output dataset
//! even for an activity that produces nothing.
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/v1/data-factory-scheduling-and-execution:
//!   an output dataset must be specified for an activity even if it produces no output (an
//!   input dataset may be left out).
//! - https://learn.microsoft.com/azure/data-factory/v1/data-factory-azure-ml-update-resource-activity:
//!   the Update Resource activity produces nothing and is given a placeholder output dataset
//!   for this reason.
//!
//! ## Example
//! `WeeklyUpdate.json`:
//! ```json
//! {
//!     "name": "WeeklyUpdate",
//!     "properties": {
//!         "activities": [{
//!             "name": "Update", "type": "AzureMLUpdateResource", "linkedServiceName": "Scoring",
//!             "inputs": [{"name": "Model"}],
//!             "typeProperties": {"trainedModelName": "Model [trained model]", "trainedModelDatasetName": "Model"}
//!         }],
//!         "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"
//!     }
//! }
//! ```
//!
//! Use instead: `WeeklyUpdate.json`:
//! ```json
//! {
//!     "name": "WeeklyUpdate",
//!     "properties": {
//!         "activities": [{
//!             "name": "Update", "type": "AzureMLUpdateResource", "linkedServiceName": "Scoring",
//!             "inputs": [{"name": "Model"}], "outputs": [{"name": "UpdateLog"}],
//!             "typeProperties": {"trainedModelName": "Model [trained model]", "trainedModelDatasetName": "Model"}
//!         }],
//!         "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"
//!     }
//! }
//! ```
//!
//! `Scoring.json` (beside both):
//! ```json
//! {"name": "Scoring", "properties": {"type": "AzureML", "typeProperties": {"mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/w/services/s/jobs", "apiKey": "<key>", "updateResourceEndpoint": "https://management.azureml.net/workspaces/w/webservices/s/endpoints/e"}}}
//! ```
//!
//! `Model.json` (beside both):
//! ```json
//! {"name": "Model", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "external": true, "typeProperties": {"folderPath": "model"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `UpdateLog.json` (beside both):
//! ```json
//! {"name": "UpdateLog", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "updatelog"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Storage.json` (beside both):
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::Entity;
use adf_catalog::Dialect;

pub static RULE: Rule = Rule {
    code: "ADF0230",
    name: "v1-missing-output",
    severity: Severity::Error,
    summary: "a v1 activity without an output dataset (v1 schedules by outputs)",
    source: "src/rules/v1_missing_output.rs",
};

/// Checks one v1 pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    if entity.dialect != Dialect::V1 {
        return;
    }
    for a in &entity.activities {
        if a.outputs.is_empty() {
            out.push(Diagnostic::new(
                &RULE,
                a.name_range,
                format!(
                    "v1 activity `{}` has no output dataset; v1 runs an activity once per slice of its output, \
                     so add `\"outputs\": [{{\"name\": \"...\"}}]` (a placeholder dataset if it produces no data)",
                    a.name
                ),
            ));
        }
    }
}
