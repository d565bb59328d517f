//! What a file is and which factory it belongs to, on pairs of fixture factories: the
//! real-world shape gives no finding, and a true fault beside it is still found (annotations
//! under the lines, see fixture.rs).

mod fixture;

use adf_catalog::{Dialect, EntityKind};
use adf_core::FileKind;
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
