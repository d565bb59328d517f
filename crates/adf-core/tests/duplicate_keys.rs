//! A property name written twice in one object: reported on the later one, which is the one
//! the model reads (as `JSON.parse` and Json.NET do).

use crate::fixture;

use adf_core::fixture as core_fixture;

#[track_caller]
fn assert_duplicate_keys(fixture: &str) {
    fixture::assert_findings_of(fixture, &|r| r.name == "duplicate-key");
}

#[test]
fn a_key_written_again_is_reported_where_it_is_written_again() {
    assert_duplicate_keys(
        r#"
//- f/pipeline/Load.json
{
    "name": "Load",
    "properties": {
        "parameters": {
            "region": {"type": "String"},
            "region": {"type": "Int"},
//          ^ duplicate-key
            "Region": {"type": "Int"}
        },
        "activities": [
            {"name": "Pause", "type": "Wait",
             "typeProperties": {"waitTimeInSeconds": 5, "waitTimeInSeconds": 10, "waitTimeInSeconds": 15}}
//                                                      ^ duplicate-key
//                                                                               ^ duplicate-key
        ],
        "description": "Loads sales"
    },
    "name": "LoadSales"
//  ^ duplicate-key
}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "description": "a", "Description": "b",
 "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
"#,
    );
}

#[test]
fn the_fixed_file_has_no_finding() {
    assert_duplicate_keys(
        r#"
//- f/pipeline/Load.json
{
    "name": "LoadSales",
    "properties": {
        "parameters": {"region": {"type": "Int"}, "Region": {"type": "Int"}},
        "activities": [
            {"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 15}}
        ],
        "description": "Loads sales"
    }
}
"#,
    );
}

#[test]
fn the_model_reads_the_last_of_two_equal_keys() {
    let ws = core_fixture::parse(
        r#"
//- f/pipeline/Load.json
{
    "name": "Load",
    "properties": {
        "activities": [{"name": "First", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}],
        "parameters": {"region": {"type": "String"}, "region": {"type": "Int", "defaultValue": 1}},
        "variables": {"v": {"type": "String"}, "v": {"type": "Array"}}
    },
    "properties": {
        "activities": [{"name": "Second", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}],
        "parameters": {"region": {"type": "String"}, "region": {"type": "Int", "defaultValue": 1}},
        "variables": {"v": {"type": "String"}, "v": {"type": "Array"}}
    },
    "name": "LoadSales"
}
//- f/trigger/Daily.json
{"name": "Daily", "properties": {"type": "ScheduleTrigger",
 "pipelines": [{"pipelineReference": {"referenceName": "Gone", "type": "PipelineReference"}},
               {"pipelineReference": {"referenceName": "Gone", "type": "PipelineReference"}, "pipelineReference": {"referenceName": "LoadSales", "type": "PipelineReference"}}],
 "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1, "startTime": "2024-01-01T00:00:00Z"}}}}
"#,
    )
    .workspace();
    let model = ws.model("f/pipeline/Load.json").expect("model");
    let e = &model.entities[0];
    assert_eq!(e.name, "LoadSales");
    let acts: Vec<&str> = e.activities.iter().map(|a| a.name.as_str()).collect();
    assert_eq!(acts, ["Second"]);
    let params: Vec<(&str, Option<&str>, bool)> = e
        .params
        .iter()
        .flatten()
        .map(|p| (p.name.as_str(), p.ty.as_deref(), p.has_default))
        .collect();
    assert_eq!(params, [("region", Some("int"), true)]);
    let vars: Vec<&str> = e.variables.iter().map(|v| v.name.as_str()).collect();
    assert_eq!(vars, ["v"]);
    // The reference an overridden `pipelineReference` held is gone with it.
    let trigger = ws.model("f/trigger/Daily.json").expect("model");
    let targets: Vec<&str> = trigger.refs.iter().map(|r| r.name.as_str()).collect();
    assert_eq!(targets, ["Gone", "LoadSales"]);
}

#[test]
fn an_arm_templates_envelope_and_each_resource_report_their_own() {
    assert_duplicate_keys(
        r#"
//- f/ARMTemplateForFactory.json
{
    "$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
    "contentVersion": "1.0.0.0",
    "parameters": {
        "factoryName": {"type": "string"},
        "factoryName": {"type": "string", "defaultValue": "adf-sales"}
//      ^ duplicate-key
    },
    "variables": {"factoryId": "[concat('Microsoft.DataFactory/factories/', parameters('factoryName'))]"},
    "resources": [
        {
            "name": "[concat(parameters('factoryName'), '/Load')]",
            "type": "Microsoft.DataFactory/factories/pipelines",
            "apiVersion": "2018-06-01",
            "properties": {
                "activities": [{"name": "Pause", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 5}}],
                "description": "a",
                "description": "b"
//              ^ duplicate-key
            }
        }
    ]
}
"#,
    );
}
