//! ## What it does
//! Reports a v1 dataset that activities consume but that no activity of the factory produces
//! and that is not marked `"external": true`.
//!
//! ## Why is this bad?
//! v1 runs an activity only when the slices of its inputs are ready. A slice becomes ready when
//! the activity producing it succeeds, or, for data that arrives from outside the factory, when
//! the dataset is external (and its `externalData` policy finds the data). A consumed dataset
//! that is neither produced nor external never becomes ready, and the pipeline waits forever.
//!
//! ## Example
//! `TrainingData.json`, read by the retraining activity and written by nothing in the factory:
//! ```json
//! {
//!     "name": "TrainingData",
//!     "properties": {
//!         "type": "AzureBlob", "linkedServiceName": "Storage",
//!         "typeProperties": {"folderPath": "training/input"},
//!         "availability": {"frequency": "Week", "interval": 1}
//!     }
//! }
//! ```
//!
//! Use instead: `TrainingData.json`:
//! ```json
//! {
//!     "name": "TrainingData",
//!     "properties": {
//!         "type": "AzureBlob", "linkedServiceName": "Storage", "external": true,
//!         "typeProperties": {"folderPath": "training/input"},
//!         "availability": {"frequency": "Week", "interval": 1}
//!     }
//! }
//! ```
//!
//! `Train.json` (beside both):
//! ```json
//! {"name": "Train", "properties": {"activities": [{"name": "Copy", "type": "Copy",
//!   "inputs": [{"name": "TrainingData"}], "outputs": [{"name": "Staged"}],
//!   "typeProperties": {"source": {"type": "BlobSource"}, "sink": {"type": "BlobSink"}},
//!   "scheduler": {"frequency": "Week", "interval": 1}}],
//!   "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}
//! ```
//!
//! `Staged.json` (beside both):
//! ```json
//! {"name": "Staged", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "training/staged"}, "availability": {"frequency": "Week", "interval": 1}}}
//! ```
//!
//! `Storage.json` (beside both):
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::FileModel;
use crate::workspace::Ctx;
use adf_catalog::{Dialect, EntityKind};

pub static RULE: Rule = Rule {
    code: "ADF0231",
    name: "v1-input-not-external",
    severity: Severity::Warning,
    summary: "a v1 dataset consumed but produced by no activity and not `external: true`",
    source: "src/rules/v1_input_not_external.rs",
};

/// Checks the v1 datasets of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for e in &model.entities {
        if e.kind != EntityKind::Dataset || e.dialect != Dialect::V1 {
            continue;
        }
        if e.dataset.as_ref().is_some_and(|d| d.external) {
            continue;
        }
        if ctx.is_referenced(EntityKind::Dataset, &e.name) && !ctx.is_produced(&e.name) {
            out.push(Diagnostic::new(
                &RULE,
                e.name_range,
                format!(
                    "dataset `{}` is read by an activity but produced by none and not marked external; v1 would \
                     wait for its slices forever: add `\"external\": true` if the data comes from outside the factory",
                    e.name
                ),
            ));
        }
    }
}
