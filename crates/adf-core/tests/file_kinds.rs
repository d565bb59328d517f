//! What a file is and which factory it belongs to, on pairs of fixture factories: the
//! real-world shape gives no finding, and a true fault beside it is still found (annotations
//! under the lines, see fixture.rs).

use crate::fixture;

use adf_catalog::{Dialect, EntityKind};
use adf_core::config::{Config, ConfigSet};
use adf_core::{CheckOptions, FileKind, Loader, Workspace};
use fixture::assert_findings;

fn report<'r>(reports: &'r [adf_core::FileReport], path: &str) -> &'r adf_core::FileReport {
    reports
        .iter()
        .find(|r| r.path == path)
        .unwrap_or_else(|| panic!("no report for {path}"))
}

#[test]
fn a_v2_copy_with_dataset_reference_inputs_is_v2_and_a_scheduled_v1_pipeline_is_v1() {
    let reports = assert_findings(
        r#"
//- qs/pipeline/CopyPipeline.json
{"name": "CopyPipeline", "properties": {"activities": [{"name": "CopyFromBlobToBlob", "type": "Copy",
 "inputs": [{"referenceName": "InputDataset", "type": "DatasetReference"}],
 "outputs": [{"referenceName": "OutputDataset", "type": "DatasetReference"}],
 "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}}]}}
//- qs/pipeline/Check.json
{"name": "Check", "properties": {"activities": [{"name": "Wait", "type": "Validation",
 "typeProperties": {"dataset": {"referenceName": "InputDataset", "type": "DatasetReference"}, "timeout": "00:10:00"}},
 {"name": "Copy", "type": "Copy", "dependsOn": [{"activity": "Wait", "dependencyConditions": ["Succeeded"]}],
 "inputs": [{"referenceName": "InputDataset", "type": "DatasetReference"}],
 "outputs": [{"referenceName": "OutputDataset", "type": "DatasetReference"}],
 "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}}]}}
//- qs/dataset/InputDataset.json
{"name": "InputDataset", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Storage", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "in"}}}}
//- qs/dataset/OutputDataset.json
{"name": "OutputDataset", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Storage", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "out"}}}}
//- qs/linkedService/Storage.json
{"name": "Storage", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- v1/Pipelines/Hourly.json
{"name": "Hourly", "properties": {"activities": [{"name": "Run", "type": "SqlServerStoredProcedure", "linkedServiceName": "Db",
//                                                        ^ v1-missing-output
 "inputs": [{"name": "Staged"}], "typeProperties": {"storedProcedureName": "p"}, "scheduler": {"frequency": "Hour", "interval": 1}}],
 "start": "2017-01-01T00:00:00Z", "end": "2017-01-02T00:00:00Z"}}
//- v1/Tables/Staged.json
{"name": "Staged", "properties": {"type": "AzureSqlTable", "linkedServiceName": "Db", "external": true,
 "typeProperties": {"tableName": "t"}, "availability": {"frequency": "Hour", "interval": 1}}}
//- v1/LinkedServices/Db.json
{"name": "Db", "properties": {"type": "AzureSqlDatabase", "typeProperties": {"connectionString": "Server=tcp:s.database.windows.net;Database=d"}}}
"#,
    );
    assert_eq!(
        report(&reports, "qs/pipeline/CopyPipeline.json").dialect,
        Some(Dialect::V2)
    );
    assert_eq!(
        report(&reports, "qs/pipeline/Check.json").dialect,
        Some(Dialect::V2)
    );
    assert_eq!(
        report(&reports, "v1/Pipelines/Hourly.json").dialect,
        Some(Dialect::V1)
    );
}

#[test]
fn a_trigger_in_the_pipeline_folder_is_checked_as_a_trigger_with_a_hint() {
    let reports = assert_findings(
        r#"
//- m/Pipeline/Load.json
{"name": "Load", "properties": {"activities": [{"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//- m/Pipeline/First.Trigger.json
   {"name": "First", "properties": {"type": "TumblingWindowTrigger",
// ^ misplaced-file
 "pipeline": {"pipelineReference": {"referenceName": "Load", "type": "PipelineReference"}},
 "typeProperties": {"frequency": "Hour", "interval": 24, "startTime": "2021-08-26T19:15:43Z", "maxConcurrency": 1}}}
//- m/Pipeline/Second.Trigger.json
   {"name": "Second", "properties": {"type": "TumblingWindowTrigger",
// ^ misplaced-file
 "pipeline": {"pipelineReference": {"referenceName": "Load", "type": "PipelineReference"}},
 "typeProperties": {"frequency": "Hour", "interval": 24, "startTime": "2021-08-26T19:15:43Z", "maxConcurrency": 1,
 "dependsOn": [{"type": "TumblingWindowTriggerDependencyReference", "referenceTrigger": {"referenceName": "First", "type": "TriggerReference"}},
 {"type": "TumblingWindowTriggerDependencyReference", "referenceTrigger": {"referenceName": "Frist", "type": "TriggerReference"}}]}}}
//                                                                                          ^ unresolved-reference
//- m/Pipeline/Broken.json
{"name": "Broken", "properties": {"type": "Wait", "activities": []}}
//                                ^ unknown-property
//- m/dataset/Wrong.json
{"name": "Wrong", "properties": {"type": "AzureBlobStorage", "linkedServiceName": {"referenceName": "S", "type": "LinkedServiceReference"}}}
//       ^ unused-entity
//                                       ^ unknown-type
//- m/linkedService/S.json
{"name": "S", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
"#,
    );
    let kind = |p: &str| report(&reports, p).kind;
    assert_eq!(
        kind("m/Pipeline/First.Trigger.json"),
        FileKind::Entity(EntityKind::Trigger)
    );
    assert_eq!(
        kind("m/Pipeline/Broken.json"),
        FileKind::Entity(EntityKind::Pipeline)
    );
    assert_eq!(
        kind("m/dataset/Wrong.json"),
        FileKind::Entity(EntityKind::Dataset)
    );
}

#[test]
fn visual_studio_v1_deployment_configs_are_tooling() {
    let reports = assert_findings(
        r#"
//- v1/LinkedServices/Storage.json
{"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=a"}}}
//       ^ unused-entity
//- v1/ProdConfig.json
{"$schema": "http://datafactories.schema.management.azure.com/vsschemas/V1/Microsoft.DataFactory.Config.json",
 "Storage": [{"name": "$.properties.typeProperties.connectionString", "value": "DefaultEndpointsProtocol=https;AccountName=prod"}]}
//- v1/Notes.json
   {"owner": "data-team"}
// ^ unrecognized-file
"#,
    );
    assert_eq!(
        report(&reports, "v1/ProdConfig.json").kind,
        FileKind::Tooling
    );
    let notes = &report(&reports, "v1/Notes.json").diagnostics[0];
    assert_eq!(notes.severity, adf_core::Severity::Info);
}

#[test]
fn an_entity_named_like_a_tool_file_is_an_entity_in_its_folder() {
    // ADF's git layout names each file after its entity: `dataset/Config.json` is the dataset
    // `Config`, which a pipeline may use; a `config.json` elsewhere is still a tool's.
    let reports = assert_findings(
        r#"
//- f/linkedService/Db.json
{"name": "Db", "properties": {"type": "AzureSqlDatabase", "typeProperties": {"connectionString": {"type": "AzureKeyVaultSecret", "store": {"referenceName": "Vault", "type": "LinkedServiceReference"}, "secretName": "db"}}}}
//- f/linkedService/Vault.json
{"name": "Vault", "properties": {"type": "AzureKeyVault", "typeProperties": {"baseUrl": "https://v.vault.azure.net/"}}}
//- f/dataset/Config.json
{"name": "Config", "properties": {"type": "AzureSqlTable", "linkedServiceName": {"referenceName": "Db", "type": "LinkedServiceReference"}, "typeProperties": {"tableName": "cfg"}}}
//- f/pipeline/Load.json
{"name": "Load", "properties": {"activities": [{"name": "Read", "type": "Lookup",
  "typeProperties": {"source": {"type": "AzureSqlSource"}, "dataset": {"referenceName": "Config", "type": "DatasetReference"}}}]}}
//- f/config.json
{"name": "tool", "properties": {"retries": 3}}
"#,
    );
    assert_eq!(
        report(&reports, "f/dataset/Config.json").kind,
        FileKind::Entity(EntityKind::Dataset)
    );
    assert_eq!(report(&reports, "f/config.json").kind, FileKind::Tooling);
}

#[test]
fn synapse_workspace_default_linked_services_are_never_unused() {
    assert_findings(
        r#"
//- ws/linkedService/myws-WorkspaceDefaultStorage.json
{"name": "myws-WorkspaceDefaultStorage", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://myws.dfs.core.windows.net"}}}
//- ws/linkedService/myws-WorkspaceDefaultSqlServer.json
{"name": "myws-WorkspaceDefaultSqlServer", "properties": {"type": "AzureSqlDW", "typeProperties": {"connectionString": "Data Source=tcp:myws.sql.azuresynapse.net,1433;Initial Catalog=@{linkedService().DBName}"},
 "parameters": {"DBName": {"type": "String"}}}}
//- ws/linkedService/Forgotten.json
{"name": "Forgotten", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://other.dfs.core.windows.net"}}}
//       ^ unused-entity
//- ws/notebook/N.json
{"name": "N", "properties": {"cells": []}}
"#,
    );
}

/// Two factory roots side by side: a deploy script copies `templates/` into `workspace/`.
const SIDE_BY_SIDE: &str = r#"
//- syn/workspace/dataset/Ds_Ingest.json
{"name": "Ds_Ingest", "properties": {"type": "Parquet", "linkedServiceName": {"referenceName": "Ls_Lake", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "raw"}}}}
//- syn/workspace/linkedService/Ls_Lake.json
{"name": "Ls_Lake", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://lake.dfs.core.windows.net"}}}
//- syn/templates/pipeline/P_Sample.json
{"name": "P_Sample", "properties": {"activities": [
 {"name": "Look", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "Ds_Ingest", "type": "DatasetReference"}}},
 {"name": "Gone", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "Ds_Nowhere", "type": "DatasetReference"}}}]}}
"#;

fn workspace(fixture: &str, joins: Vec<Vec<String>>) -> Workspace {
    let files = adf_core::fixture::parse(fixture).files;
    let mut loader = Loader::new(CheckOptions::default()).with_joins(joins);
    for (p, t) in files {
        loader.add(p, t);
    }
    loader.finish()
}

/// The unresolved-reference messages of a file.
fn unresolved(ws: &Workspace, path: &str) -> Vec<String> {
    ws.report(path)
        .map(|r| r.diagnostics)
        .unwrap_or_default()
        .into_iter()
        .filter(|d| d.rule.name == "unresolved-reference")
        .map(|d| d.message)
        .collect()
}

const PIPELINE: &str = "syn/templates/pipeline/P_Sample.json";
const DATASET: &str = "syn/workspace/dataset/Ds_Ingest.json";

#[test]
fn a_name_in_another_factory_root_is_said_to_be_there() {
    let ws = workspace(SIDE_BY_SIDE, Vec::new());
    let found = unresolved(&ws, PIPELINE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("a dataset of that name is in `workspace/dataset/Ds_Ingest.json`")
            && found[0].contains("[[factory]]"),
        "{found:#?}"
    );
    assert!(found[1].contains("no dataset named `Ds_Nowhere`") && !found[1].contains("is in"));
}

#[test]
fn folders_joined_in_the_configuration_form_one_factory() {
    let config = Config::parse("[[factory]]\nfolders = [\"workspace\", \"templates\"]\n")
        .expect("configuration parses");
    let joins = ConfigSet::new([("syn".to_string(), config)]).factory_joins();
    let ws = workspace(SIDE_BY_SIDE, joins.clone());
    let found = unresolved(&ws, PIPELINE);
    assert_eq!(found.len(), 1, "{found:#?}");
    assert!(found[0].contains("`Ds_Nowhere`"), "{found:#?}");
    // The data set is used now, so it is not unused.
    assert!(ws.report(DATASET).is_some_and(|r| r.diagnostics.is_empty()));

    // Joining after the files are in, as a server does when adf.toml changes.
    let mut ws = workspace(SIDE_BY_SIDE, Vec::new());
    let rechecked = ws.set_factory_joins(joins);
    assert!(rechecked.iter().any(|p| p == PIPELINE), "{rechecked:?}");
    assert_eq!(unresolved(&ws, PIPELINE).len(), 1);
    ws.set_factory_joins(Vec::new());
    assert_eq!(unresolved(&ws, PIPELINE).len(), 2);
}

#[test]
fn edits_in_a_joined_folder_update_the_other_folders_findings() {
    let joins = vec![vec![
        "syn/workspace".to_string(),
        "syn/templates".to_string(),
    ]];
    let mut ws = workspace(SIDE_BY_SIDE, joins);
    let original = ws.text(DATASET).expect("text kept").to_string();
    let renamed = original.replace("\"Ds_Ingest\"", "\"Ds_Ingested\"");
    let rechecked = ws.set_file(DATASET, &renamed);
    assert!(rechecked.iter().any(|p| p == PIPELINE), "{rechecked:?}");
    let found = unresolved(&ws, PIPELINE);
    assert_eq!(found.len(), 2, "{found:#?}");
    assert!(
        found[0].contains("did you mean `Ds_Ingested`"),
        "{found:#?}"
    );
    ws.set_file(DATASET, &original);
    assert_eq!(unresolved(&ws, PIPELINE).len(), 1);
}

#[test]
fn where_a_name_is_elsewhere_follows_edits_in_the_other_root() {
    let mut ws = workspace(SIDE_BY_SIDE, Vec::new());
    let original = ws.text(DATASET).expect("text kept").to_string();
    let renamed = original.replace("\"Ds_Ingest\"", "\"Ds_Other\"");
    let rechecked = ws.set_file(DATASET, &renamed);
    assert!(rechecked.iter().any(|p| p == PIPELINE), "{rechecked:?}");
    assert!(!unresolved(&ws, PIPELINE)[0].contains("is in `"));
    ws.set_file(DATASET, &original);
    assert!(unresolved(&ws, PIPELINE)[0].contains("is in `workspace/"));
}
