//! ## What it does
//! Reports v1 Azure ML activities whose web-service datasets are not among the activity's own
//! datasets: an AzureMLBatchExecution `webServiceInput` or `webServiceInputs` value that is not
//! in `inputs`, a `webServiceOutputs` value that is not in `outputs`, and an
//! AzureMLUpdateResource `trainedModelDatasetName` that is not in `inputs`.
//!
//! ## Why is this bad?
//! Data Factory hands the web service only the datasets the activity declares. The v1
//! documentation requires every dataset named in `webServiceInput`, `webServiceInputs` and
//! `webServiceOutputs` to be among the activity's `inputs` and `outputs`, so those findings are
//! errors. The `trainedModelDatasetName` case is shown by the documentation's examples but not
//! stated as a rule: it is a warning (the update step would not receive the new `.ilearner`).
//!
//! ## Evidence
//! - https://learn.microsoft.com/azure/data-factory/v1/data-factory-azure-ml-batch-execution-activity:
//!   datasets used as web service inputs and outputs must also be listed as the activity's
//!   inputs and outputs.
//! - https://learn.microsoft.com/azure/data-factory/v1/data-factory-api-change-log
//!   (2016-09-28): the same requirement for `webServiceInputs`.
//! - https://learn.microsoft.com/azure/data-factory/v1/data-factory-azure-ml-update-resource-activity:
//!   the sample's AzureMLUpdateResource activity lists its `trainedModelDatasetName` among
//!   `inputs`.
//!
//! ## Example
//! `Retrain.json`:
//! ```json
//! {
//!     "name": "Retrain",
//!     "properties": {
//!         "activities": [{
//!             "name": "Train", "type": "AzureMLBatchExecution", "linkedServiceName": "Training",
//!             "inputs": [{"name": "TrainingData"}], "outputs": [{"name": "Model"}],
//!             "typeProperties": {"webServiceInput": "TrainingData", "webServiceOutputs": {"output1": "Scores"}}
//!         }],
//!         "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"
//!     }
//! }
//! ```
//!
//! Use instead: `Retrain.json`:
//! ```json
//! {
//!     "name": "Retrain",
//!     "properties": {
//!         "activities": [{
//!             "name": "Train", "type": "AzureMLBatchExecution", "linkedServiceName": "Training",
//!             "inputs": [{"name": "TrainingData"}], "outputs": [{"name": "Model"}],
//!             "typeProperties": {"webServiceInput": "TrainingData", "webServiceOutputs": {"output1": "Model"}}
//!         }],
//!         "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"
//!     }
//! }
//! ```
//!
//! `Training.json` (beside both):
//! ```json
//! {"name": "Training", "properties": {"type": "AzureML", "typeProperties": {"mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/w/services/s/jobs", "apiKey": "<key>"}}}
//! ```
//!
//! `TrainingData.json` (beside both):
//! ```json
//! {"name": "TrainingData", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "external": true, "typeProperties": {"folderPath": "trainingdata"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Model.json` (beside both):
//! ```json
//! {"name": "Model", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "model"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Scores.json` (beside both):
//! ```json
//! {"name": "Scores", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "scores"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Storage.json` (beside both):
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{Entity, Named};

pub static RULE: Rule = Rule {
    code: "ADF0233",
    name: "azureml-web-service-io",
    severity: Severity::Error,
    summary:
        "web-service inputs/outputs or the trained-model dataset not among the activity's datasets",
    source: "src/rules/azureml_web_service_io.rs",
};

fn listed(name: &str, list: &[Named]) -> bool {
    list.iter().any(|n| n.name.eq_ignore_ascii_case(name))
}

/// Checks one pipeline.
pub(crate) fn check(entity: &Entity, out: &mut Vec<Diagnostic>) {
    for a in &entity.activities {
        for n in &a.web_service_inputs {
            if !listed(&n.name, &a.inputs) {
                out.push(Diagnostic::new(
                    &RULE,
                    n.range,
                    format!(
                        "web service input `{}` is not among the inputs of activity `{}`; add it to `inputs`",
                        n.name, a.name
                    ),
                ));
            }
        }
        for n in &a.web_service_outputs {
            if !listed(&n.name, &a.outputs) {
                out.push(Diagnostic::new(
                    &RULE,
                    n.range,
                    format!(
                        "web service output `{}` is not among the outputs of activity `{}`; add it to `outputs`",
                        n.name, a.name
                    ),
                ));
            }
        }
        if let Some(n) = &a.trained_model_dataset {
            if !listed(&n.name, &a.inputs) {
                // Documented by example only, not as a rule: a warning (see the page).
                let mut d = Diagnostic::new(
                    &RULE,
                    n.range,
                    format!(
                        "trained model dataset `{}` is not among the inputs of activity `{}`; the update would \
                         not receive the new model: add it to `inputs`",
                        n.name, a.name
                    ),
                );
                d.severity = Severity::Warning;
                out.push(d);
            }
        }
    }
}
