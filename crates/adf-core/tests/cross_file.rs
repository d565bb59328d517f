//! Cross-file rules on fixture factories (annotations under the lines, see fixture.rs), the ARM
//! template model, built-in names, and incremental re-checking against from-scratch checks.

mod fixture;

use adf_core::{check_files, CheckOptions, SourceFile, Workspace};
use fixture::assert_findings;

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
