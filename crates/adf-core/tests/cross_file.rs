//! Cross-file rules on fixture factories (annotations under the lines, see fixture.rs), the ARM
//! template model, built-in names, and incremental re-checking against from-scratch checks.

use crate::fixture;

use adf_core::{check_files, CheckOptions, SourceFile, Workspace};
use fixture::{assert_findings, assert_findings_of};

#[test]
fn references_resolve_case_insensitively_and_suggest_near_names() {
    let reports = assert_findings(
        r#"
//- f/linkedService/SalesStorage.json
{"name": "SalesStorage", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "salesstorage", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/dataset/Orders.json
{"name": "Orders", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "SalesStorag", "type": "LinkedServiceReference"},
//                                                                                         ^ unresolved-reference
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/pipeline/Copy.json
{"name": "Copy", "properties": {"activities": [{"name": "Read", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
 "dataset": {"referenceName": "Sales", "type": "DatasetReference"}}}, {"name": "Read2", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
 "dataset": {"referenceName": "Orders", "type": "DatasetReference"}}}]}}
"#,
    );
    let message = &reports[2].diagnostics[0].message;
    assert!(message.contains("did you mean `SalesStorage`"), "{message}");
}

#[test]
fn built_in_names_always_exist() {
    assert_findings(
        r#"
//- f/linkedService/Db.json
{"name": "Db", "properties": {"type": "AzureSqlDatabase", "connectVia": {"referenceName": "AutoResolveIntegrationRuntime", "type": "IntegrationRuntimeReference"},
 "typeProperties": {"connectionString": "Server=tcp:s.database.windows.net;Database=d;"}}}
//- f/dataset/T.json
{"name": "T", "properties": {"type": "AzureSqlTable", "linkedServiceName": {"referenceName": "Db", "type": "LinkedServiceReference"}, "typeProperties": {"table": "t"}}}
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "L", "type": "Lookup", "typeProperties": {"source": {"type": "AzureSqlSource"},
 "dataset": {"referenceName": "T", "type": "DatasetReference"}}}]}}
//- ws/notebook/N.json
{"name": "N", "properties": {"cells": []}}
//- ws/dataset/Raw.json
{"name": "Raw", "properties": {"type": "Parquet", "linkedServiceName": {"referenceName": "myws-WorkspaceDefaultStorage", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "raw"}}}}
//- ws/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
 "dataset": {"referenceName": "Raw", "type": "DatasetReference"}}}]}}
//- adf/dataset/Raw.json
{"name": "Raw", "properties": {"type": "Parquet", "linkedServiceName": {"referenceName": "myws-WorkspaceDefaultStorage", "type": "LinkedServiceReference"},
//                                                                                       ^ unresolved-reference
 "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "raw"}}}}
//- adf/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
 "dataset": {"referenceName": "Raw", "type": "DatasetReference"}}}]}}
"#,
    );
}

#[test]
fn names_of_another_kind_and_duplicates() {
    assert_findings(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//       ^ duplicate-name
//- f/linkedService/store-copy.json
{"name": "STORE", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://t.blob.core.windows.net"}}}
//       ^ duplicate-name
//- f/dataset/Data.json
{"name": "Data", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"},
//       ^ duplicate-name
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/dataset/Data2.json
{"name": "Data", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Data", "type": "LinkedServiceReference"},
//       ^ duplicate-name
//                                                                                       ^ incompatible-reference
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [{"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
 "dataset": {"referenceName": "Data", "type": "DatasetReference"}}}]}}
"#,
    );
}

#[test]
fn names_of_one_kind_are_unique_without_regard_to_case_across_kinds_they_may_repeat() {
    assert_findings(
        r#"
//- f/pipeline/Load.json
{"name": "Load", "properties": {"activities": []}}
//       ^ duplicate-name
//- f/pipeline/LOAD-copy.json
{"name": "LOAD", "properties": {"activities": []}}
//       ^ duplicate-name
//- f/trigger/Load.json
{"name": "load", "properties": {"type": "ScheduleTrigger", "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1}}}}
//- f/pipeline/Loader.json
{"name": "Loader", "properties": {"activities": []}}
"#,
    );
}

#[test]
fn arm_templates_resolve_names_through_parameters_and_concat() {
    assert_findings(
        r#"
//- arm/template.json
{
  "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
  "contentVersion": "1.0.0.0",
  "parameters": {"factoryName": {"type": "string"}, "env": {"type": "string", "defaultValue": "dev"}},
  "variables": {"factoryId": "[concat('Microsoft.DataFactory/factories/', parameters('factoryName'))]"},
  "resources": [
    {"name": "[concat(parameters('factoryName'), '/LS_', parameters('env'))]", "type": "Microsoft.DataFactory/factories/linkedServices",
     "apiVersion": "2018-06-01", "properties": {"type": "AzureBlobStorage", "typeProperties": {"connectionString": "[parameters('conn')]"}}},
    {"name": "[concat(parameters('factoryName'), '/DS')]", "type": "Microsoft.DataFactory/factories/datasets", "apiVersion": "2018-06-01",
     "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "[concat('LS_', parameters('env'))]", "type": "LinkedServiceReference"},
       "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "[parameters('container')]"}}}},
    {"name": "[concat(parameters('factoryName'), '/P')]", "type": "Microsoft.DataFactory/factories/pipelines", "apiVersion": "2018-06-01",
     "properties": {"activities": [
       {"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "DS", "type": "DatasetReference"}}},
       {"name": "N", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "DX", "type": "DatasetReference"}}},
//                                                                                                                 ^ unresolved-reference
       {"name": "O", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "[parameters('dynamic')]", "type": "DatasetReference"}}}
     ]}}
  ]
}
"#,
    );
}

#[test]
fn too_many_activities_counts_inner_ones() {
    let waits: Vec<String> = (0..119)
        .map(|i| format!("{{\"name\": \"W{i}\", \"type\": \"Wait\", \"typeProperties\": {{\"waitTimeInSeconds\": 1}}}}"))
        .collect();
    let text = format!(
        "{{\"name\": \"Big\", \"properties\": {{\"activities\": [{}, {{\"name\": \"Loop\", \"type\": \"ForEach\", \"typeProperties\": \
         {{\"items\": {{\"value\": \"@createArray(1)\", \"type\": \"Expression\"}}, \"activities\": [{{\"name\": \"Inner\", \"type\": \"Wait\", \
         \"typeProperties\": {{\"waitTimeInSeconds\": 1}}}}]}}}}]}}}}",
        waits.join(", ")
    );
    let reports = check_files(
        &[SourceFile {
            path: "f/pipeline/Big.json",
            text: &text,
        }],
        &CheckOptions::default(),
    );
    let rules: Vec<&str> = reports[0].diagnostics.iter().map(|d| d.rule.name).collect();
    assert_eq!(
        rules,
        vec!["too-many-activities"],
        "121 activities with the inner one"
    );
    let fewer = text.replacen(
        "{\"name\": \"W0\", \"type\": \"Wait\", \"typeProperties\": {\"waitTimeInSeconds\": 1}}, ",
        "",
        1,
    );
    let reports = check_files(
        &[SourceFile {
            path: "f/pipeline/Big.json",
            text: &fewer,
        }],
        &CheckOptions::default(),
    );
    assert!(
        reports[0].diagnostics.is_empty(),
        "{:?}",
        reports[0].diagnostics
    );
}

/// The findings of every file as comparable strings.
#[test]
fn variables_changed_in_a_parallel_foreach_are_found_and_sequential_loops_are_silent() {
    assert_findings(
        r#"
//- f/pipeline/Loops.json
{"name": "Loops", "properties": {"variables": {"v": {"type": "String"}, "all": {"type": "Array"}}, "activities": [
 {"name": "Parallel", "type": "ForEach", "typeProperties": {"items": "@createArray(1, 2)", "activities": [
  {"name": "Set", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@string(item())"}},
//                                                                          ^ variable-in-parallel-foreach
  {"name": "Branch", "type": "IfCondition", "typeProperties": {"expression": "@equals(item(), 1)", "ifTrueActivities": [
   {"name": "Deep", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@string(item())"}}]}},
//                                                                            ^ variable-in-parallel-foreach
  {"name": "Add", "type": "AppendVariable", "typeProperties": {"variableName": "all", "value": "@item()"}},
  {"name": "Return", "type": "SetVariable", "typeProperties": {"variableName": "pipelineReturnValue", "setSystemVariable": true, "value": []}}]}},
 {"name": "Explicit", "type": "ForEach", "typeProperties": {"isSequential": false, "items": "@createArray(1)", "activities": [
  {"name": "Set2", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "x"}}]}},
//                                                                           ^ variable-in-parallel-foreach
 {"name": "InOrder", "type": "ForEach", "typeProperties": {"isSequential": true, "items": "@createArray(1)", "activities": [
  {"name": "Set3", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "x"}}]}},
 {"name": "InOrderText", "type": "ForEach", "typeProperties": {"isSequential": "true", "items": "@createArray(1)", "activities": [
  {"name": "Set4", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "x"}}]}},
 {"name": "Outside", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "y"}}]}}
"#,
    );
}

#[test]
fn every_documented_nesting_limit_is_found_and_the_allowed_nestings_are_silent() {
    let wait = r#"{"name": "W", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}"#;
    let text = r#"
//- f/pipeline/Nest.json
{"name": "Nest", "properties": {"activities": [
 {"name": "Check", "type": "Validation", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}, "timeout": "0.00:10:00"}},
 {"name": "F1", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": [
  {"name": "F2", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": []}},
//                       ^ invalid-nesting
  {"name": "U1", "type": "Until", "typeProperties": {"expression": "@true", "activities": []}},
//                       ^ invalid-nesting
  {"name": "I1", "type": "IfCondition", "typeProperties": {"expression": "@true", "ifTrueActivities": [WAIT]}},
  {"name": "S1", "type": "Switch", "typeProperties": {"on": "a", "cases": [{"value": "a", "activities": [
   {"name": "V1", "type": "Validation", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}}}]}]}},
//                        ^ invalid-nesting
  {"name": "V2", "type": "Validation", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}}}]}},
//                       ^ invalid-nesting
 {"name": "U2", "type": "Until", "typeProperties": {"expression": "@true", "activities": [
  {"name": "U3", "type": "Until", "typeProperties": {"expression": "@true", "activities": []}},
//                       ^ invalid-nesting
  {"name": "F3", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": []}},
//                       ^ invalid-nesting
  {"name": "S2", "type": "Switch", "typeProperties": {"on": "a", "defaultActivities": [WAIT]}}]}},
 {"name": "I2", "type": "IfCondition", "typeProperties": {"expression": "@true", "ifFalseActivities": [
  {"name": "I3", "type": "IfCondition", "typeProperties": {"expression": "@true"}},
//                       ^ invalid-nesting
  {"name": "F4", "type": "ForEach", "typeProperties": {"items": "@createArray(1)", "activities": []}},
//                       ^ invalid-nesting
  {"name": "V3", "type": "Validation", "typeProperties": {"dataset": {"referenceName": "D", "type": "DatasetReference"}}}]}},
//                       ^ invalid-nesting
 {"name": "S3", "type": "Switch", "typeProperties": {"on": "a", "cases": [{"value": "a", "activities": [
  {"name": "S4", "type": "Switch", "typeProperties": {"on": "b"}},
//                       ^ invalid-nesting
  {"name": "U4", "type": "Until", "typeProperties": {"expression": "@true", "activities": []}}]}]}}
//                       ^ invalid-nesting
]}}
"#
    .replace("WAIT", wait);
    assert_findings_of(&text, &|r| r.name == "invalid-nesting");
}

fn snapshot(reports: &[adf_core::FileReport]) -> Vec<String> {
    let mut v: Vec<String> = reports
        .iter()
        .flat_map(|r| {
            r.diagnostics.iter().map(move |d| {
                format!(
                    "{} {}..{} {} {}",
                    r.path, d.range.start, d.range.end, d.rule.name, d.message
                )
            })
        })
        .collect();
    v.sort();
    v
}

#[test]
fn incremental_edits_match_a_fresh_check_and_recheck_only_readers() {
    let mut files: Vec<(String, String)> = vec![
        ("f/linkedService/LS.json".into(), r#"{"name": "LS", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}"#.into()),
        ("f/dataset/D1.json".into(), r#"{"name": "D1", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "LS", "type": "LinkedServiceReference"}, "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}"#.into()),
        ("f/dataset/D2.json".into(), r#"{"name": "D2", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "LS", "type": "LinkedServiceReference"}, "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}"#.into()),
        ("f/pipeline/P.json".into(), r#"{"name": "P", "properties": {"activities": [{"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "D1", "type": "DatasetReference"}}}]}}"#.into()),
        ("f/pipeline/Q.json".into(), r#"{"name": "Q", "properties": {"activities": [{"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "D2", "type": "DatasetReference"}}}]}}"#.into()),
    ];
    let sources = |files: &[(String, String)]| -> Vec<(String, String)> { files.to_vec() };
    let fresh = |files: &[(String, String)]| {
        let s: Vec<SourceFile<'_>> = files
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t })
            .collect();
        snapshot(&check_files(&s, &CheckOptions::default()))
    };
    let loaded = sources(&files);
    let s: Vec<SourceFile<'_>> = loaded
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let mut ws = Workspace::with_files(CheckOptions::default(), &s);
    let current = |ws: &Workspace| snapshot(&ws.reports());
    assert_eq!(current(&ws), fresh(&files));

    // The linked service changes type: its datasets read its type (location check), so they are
    // checked again; the pipelines read only the datasets and are not.
    let ls = files[0]
        .1
        .replace("AzureBlobStorage\"", "AzureDataLakeStore\"")
        .replace(
            "serviceEndpoint\": \"https://s.blob.core.windows.net",
            "dataLakeStoreUri\": \"https://s.azuredatalakestore.net/webhdfs/v1",
        );
    files[0].1 = ls.clone();
    let mut rechecked = ws.set_file("f/linkedService/LS.json", &ls);
    rechecked.sort();
    assert_eq!(
        rechecked,
        vec![
            "f/dataset/D1.json",
            "f/dataset/D2.json",
            "f/linkedService/LS.json"
        ]
    );
    assert_eq!(current(&ws), fresh(&files));
    assert!(
        current(&ws)
            .iter()
            .any(|d| d.contains("incompatible-reference")),
        "{:?}",
        current(&ws)
    );

    // A pipeline's body changes: nobody reads it.
    let p = files[3].1.replace("\"size\"", "\"lastModified\"");
    files[3].1 = p.clone();
    assert_eq!(
        ws.set_file("f/pipeline/P.json", &p),
        vec!["f/pipeline/P.json"]
    );
    assert_eq!(current(&ws), fresh(&files));

    // A dataset disappears: its reader finds a dangling reference; the linked service loses a
    // reader but stays referenced, so it is not checked again.
    files.remove(1);
    let mut rechecked = ws.remove_file("f/dataset/D1.json");
    rechecked.sort();
    assert_eq!(rechecked, vec!["f/pipeline/P.json"]);
    assert_eq!(current(&ws), fresh(&files));

    // It comes back under a new name that P does not use, then P is fixed.
    let d = r#"{"name": "D3", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "LS", "type": "LinkedServiceReference"}, "typeProperties": {"location": {"type": "AzureBlobFSLocation", "fileSystem": "c"}}}}"#;
    files.push(("f/dataset/D3.json".into(), d.into()));
    ws.set_file("f/dataset/D3.json", d);
    assert_eq!(current(&ws), fresh(&files));
    let p = files[2].1.replace("\"D1\"", "\"D3\"");
    files[2].1 = p.clone();
    ws.set_file("f/pipeline/P.json", &p);
    assert_eq!(current(&ws), fresh(&files));
}

// ---- missing-parameter-argument: pipeline targets are null, not rejected ----

fn only_missing_arguments(rule: &adf_core::Rule) -> bool {
    rule.name == "missing-parameter-argument"
}

#[test]
fn a_trigger_passing_one_of_several_parameters_used_as_plain_strings_gives_nothing() {
    // The shape of Microsoft's trigger parameterization example: five parameters without
    // defaults, a trigger that passes one, the pipeline reading them as plain strings.
    assert_findings_of(
        r#"
//- f/pipeline/Ingest.json
{"name": "Ingest", "properties": {"parameters": {"source": {"type": "string"}, "folder": {"type": "string"}, "file": {"type": "string"},
 "runDate": {"type": "string"}, "note": {"type": "string"}},
 "variables": {"v": {"type": "String"}},
 "activities": [
  {"name": "Remember", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@pipeline().parameters.source"}},
  {"name": "Path", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@{pipeline().parameters.folder}/@{pipeline().parameters.file}"}},
  {"name": "Say", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@concat(pipeline().parameters.runDate, pipeline().parameters.note)"}}]}}
//- f/trigger/OnFile.json
{"name": "OnFile", "properties": {"type": "BlobEventsTrigger",
 "typeProperties": {"blobPathBeginsWith": "/in/blobs/", "events": ["Microsoft.Storage.BlobCreated"], "scope": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/a"},
 "pipelines": [{"pipelineReference": {"referenceName": "Ingest", "type": "PipelineReference"},
   "parameters": {"file": "@triggerBody().fileName"}}]}}
"#,
        &only_missing_arguments,
    );
}

#[test]
fn a_guarded_callee_gives_nothing_and_an_unguarded_one_is_found() {
    let reports = assert_findings_of(
        r#"
//- f/pipeline/Guarded.json
{"name": "Guarded", "properties": {"parameters": {"x": {"type": "string"}, "y": {"type": "string"}, "z": {"type": "string"}},
 "variables": {"n": {"type": "String"}, "parts": {"type": "Array"}},
 "activities": [
  {"name": "Len", "type": "SetVariable", "typeProperties": {"variableName": "n", "value": "@string(length(coalesce(pipeline().parameters.x, '')))"}},
  {"name": "Maybe", "type": "SetVariable", "typeProperties": {"variableName": "n", "value": "@if(empty(pipeline().parameters.z), '0', string(length(pipeline().parameters.z)))"}},
  {"name": "Check", "type": "IfCondition", "typeProperties": {"expression": {"value": "@equals(pipeline().parameters.y, null)", "type": "Expression"},
   "ifFalseActivities": [{"name": "Cut", "type": "SetVariable", "typeProperties": {"variableName": "parts", "value": "@split(pipeline().parameters.y, ',')"}}]}}]}}
//- f/pipeline/Unguarded.json
{"name": "Unguarded", "properties": {"parameters": {"x": {"type": "string"}, "list": {"type": "array"}},
 "variables": {"n": {"type": "String"}},
 "activities": [
  {"name": "Len", "type": "SetVariable", "typeProperties": {"variableName": "n", "value": "@string(length(pipeline().parameters.x))"}},
  {"name": "Each", "type": "ForEach", "typeProperties": {"items": {"value": "@pipeline().parameters.list", "type": "Expression"}, "activities": []}}]}}
//- f/pipeline/Parent.json
{"name": "Parent", "properties": {"activities": [
 {"name": "A", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Guarded", "type": "PipelineReference"}}},
 {"name": "B", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Unguarded", "type": "PipelineReference"},
//                                                                                         ^ missing-parameter-argument
  "parameters": {"list": []}}},
 {"name": "C", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Unguarded", "type": "PipelineReference"},
//                                                                                         ^ missing-parameter-argument
  "parameters": {"x": "abc"}}}]}}
"#,
        &only_missing_arguments,
    );
    let messages: Vec<(&str, adf_core::Severity)> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.rule.name == "missing-parameter-argument")
        .map(|d| (d.message.as_str(), d.severity))
        .collect();
    assert_eq!(
        messages,
        [
            (
                "pipeline `Unguarded` receives no value for `x` (declared without a default): it \
                 is null in this run, and activity `Len` passes it to `length`, which fails on \
                 null; pass a value or give the parameter a default",
                adf_core::Severity::Warning
            ),
            (
                "pipeline `Unguarded` receives no value for `list` (declared without a default): \
                 it is null in this run, and activity `Each` uses it as the whole value of the \
                 required `items`, which needs a value; pass a value or give the parameter a \
                 default",
                adf_core::Severity::Warning
            ),
        ]
    );
}

#[test]
fn a_trigger_that_leaves_out_a_parameter_split_by_the_callee_is_found() {
    assert_findings_of(
        r#"
//- f/pipeline/Load.json
{"name": "Load", "properties": {"parameters": {"regions": {"type": "string"}, "day": {"type": "string"}},
 "variables": {"v": {"type": "Array"}},
 "activities": [{"name": "Cut", "type": "SetVariable", "typeProperties": {"variableName": "v", "value": "@split(pipeline().parameters.regions, ',')"}}]}}
//- f/trigger/Nightly.json
{"name": "Nightly", "properties": {"type": "ScheduleTrigger",
 "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1, "startTime": "2024-01-01T02:00:00Z"}},
 "pipelines": [{"pipelineReference": {"referenceName": "Load", "type": "PipelineReference"}, "parameters": {"day": "mon"}},
//                                                     ^ missing-parameter-argument
  {"pipelineReference": {"referenceName": "Load", "type": "PipelineReference"}, "parameters": {"regions": "emea"}}]}}
"#,
        &only_missing_arguments,
    );
}

#[test]
fn a_dataset_reference_that_leaves_out_an_argument_is_still_found() {
    // The same shape with the argument passed gives nothing.
    assert_findings_of(
        r#"
//- f/linkedService/Store.json
{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}
//- f/dataset/Data.json
{"name": "Data", "properties": {"type": "Binary", "parameters": {"folder": {"type": "string"}},
 "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c", "folderPath": {"value": "@dataset().folder", "type": "Expression"}}}}}
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Del", "type": "Delete", "typeProperties": {"dataset": {"referenceName": "Data", "type": "DatasetReference"}}},
//                                                                                 ^ missing-parameter-argument
 {"name": "Del2", "type": "Delete", "typeProperties": {"dataset": {"referenceName": "Data", "type": "DatasetReference", "parameters": {"folder": "x"}}}}]}}
"#,
        &only_missing_arguments,
    );
}

/// A batch given one path twice reports it twice, alike: the report leaves the workspace once,
/// and the earlier use gets a copy.
#[test]
fn a_path_given_twice_is_reported_twice_alike() {
    let text = r#"{"name": "P", "properties": {"activities": [{"name": "Run", "type": "ExecutePipeline",
 "typeProperties": {"pipeline": {"referenceName": "Missing", "type": "PipelineReference"}}}]}}"#;
    let file = SourceFile {
        path: "f/pipeline/P.json",
        text,
    };
    let reports = check_files(&[file, file], &CheckOptions::default());
    assert_eq!(reports.len(), 2);
    let rules =
        |i: usize| -> Vec<&str> { reports[i].diagnostics.iter().map(|d| d.rule.name).collect() };
    assert!(rules(0).contains(&"unresolved-reference"), "{:?}", rules(0));
    assert_eq!(rules(0), rules(1));
    assert_eq!(reports[0].path, reports[1].path);
}
