//! ## What it does
//! Reports an AzureMLUpdateResource activity whose AzureML linked service cannot update the
//! web service: it has no `updateResourceEndpoint`, or its endpoint is an Azure Resource
//! Manager one (`https://management.azure.com/...`, the new web services) and it lacks
//! `servicePrincipalId`, `servicePrincipalKey` or `tenant`, which Data Factory needs to call
//! it. A classic endpoint (`https://management.azureml.net/...`) is called with the linked
//! service's `apiKey`.
//!
//! ## Why is this bad?
//! The retraining pipeline runs and succeeds, but the scoring web service never gets the new
//! model. Nothing fails, so this is a warning.
//!
//! ## Example
//! `Update.json`, where `Scoring` is an AzureML linked service without `updateResourceEndpoint`:
//! ```json
//! {"name": "Update", "properties": {"activities": [{"name": "Update", "type": "AzureMLUpdateResource",
//!   "linkedServiceName": "Scoring", "inputs": [{"name": "Model"}], "outputs": [{"name": "Log"}],
//!   "typeProperties": {"trainedModelName": "Model [trained model]", "trainedModelDatasetName": "Model"}}],
//!   "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}
//! ```
//!
//! Use instead: run the update on `ScoringUpdatable`, which has an ARM endpoint and a service
//! principal. `Update.json`:
//! ```json
//! {"name": "Update", "properties": {"activities": [{"name": "Update", "type": "AzureMLUpdateResource",
//!   "linkedServiceName": "ScoringUpdatable", "inputs": [{"name": "Model"}], "outputs": [{"name": "Log"}],
//!   "typeProperties": {"trainedModelName": "Model [trained model]", "trainedModelDatasetName": "Model"}}],
//!   "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}
//! ```
//!
//! `Scoring.json` (beside both):
//! ```json
//! {"name": "Scoring", "properties": {"type": "AzureML", "typeProperties": {"mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/w/services/s/jobs", "apiKey": "<key>"}}}
//! ```
//!
//! `ScoringUpdatable.json` (beside both):
//! ```json
//! {"name": "ScoringUpdatable", "properties": {"type": "AzureML", "typeProperties": {
//!   "mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/w/services/s/jobs", "apiKey": "<key>",
//!   "updateResourceEndpoint": "https://management.azure.com/subscriptions/<s>/resourceGroups/<g>/providers/Microsoft.MachineLearning/webServices/<w>?api-version=2016-05-01-preview",
//!   "servicePrincipalId": "<id>", "servicePrincipalKey": "<key>", "tenant": "<tenant>"}}}
//! ```
//!
//! `Model.json` (beside both):
//! ```json
//! {"name": "Model", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "external": true, "typeProperties": {"folderPath": "model"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Log.json` (beside both):
//! ```json
//! {"name": "Log", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "log"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Storage.json` (beside both):
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{FileModel, Role};
use crate::workspace::Ctx;

pub static RULE: Rule = Rule {
    code: "ADF0234",
    name: "azureml-update-endpoint",
    severity: Severity::Warning,
    summary: "AzureMLUpdateResource on a linked service without a usable `updateResourceEndpoint`",
    source: "src/rules/azureml_update_endpoint.rs",
};

/// Checks the AzureMLUpdateResource activities of a file.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in &model.refs {
        if r.role != Role::ActivityLinkedService {
            continue;
        }
        let Some(act) = model
            .entities
            .get(r.entity)
            .and_then(|e| e.activities.get(r.activity?))
        else {
            continue;
        };
        if !act
            .type_name
            .as_deref()
            .is_some_and(|t| t.eq_ignore_ascii_case("AzureMLUpdateResource"))
        {
            continue;
        }
        let found = ctx.lookup(r.target, &r.name);
        let [ls] = found.as_slice() else { continue };
        if !ls
            .known_type()
            .is_some_and(|t| t.eq_ignore_ascii_case("AzureML"))
        {
            continue;
        }
        let Some(facts) = &ls.entity.linked_service else {
            continue;
        };
        let message = match &facts.update_resource_endpoint {
            None => format!(
                "linked service `{}` has no `updateResourceEndpoint`, so this update cannot reach the web \
                 service; add the web service's update endpoint to the linked service",
                r.name
            ),
            Some(url) if url.to_ascii_lowercase().contains("management.azure.com") => {
                let missing: Vec<&str> = [
                    ("servicePrincipalId", facts.service_principal_id),
                    ("servicePrincipalKey", facts.service_principal_key),
                    ("tenant", facts.tenant),
                ]
                .iter()
                .filter(|(_, present)| !present)
                .map(|(n, _)| *n)
                .collect();
                if missing.is_empty() {
                    continue;
                }
                format!(
                    "linked service `{}` has an Azure Resource Manager updateResourceEndpoint, which Data Factory \
                     calls with a service principal, but it lacks {}",
                    r.name,
                    missing.iter().map(|m| format!("`{m}`")).collect::<Vec<_>>().join(", ")
                )
            }
            Some(_) if !facts.api_key => format!(
                "linked service `{}` has a classic updateResourceEndpoint, which is called with the linked \
                 service's `apiKey`, but it has none",
                r.name
            ),
            Some(_) => continue,
        };
        out.push(Diagnostic::new(&RULE, r.range, message));
    }
}
