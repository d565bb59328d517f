//! ARM templates as Data Factory deploys them: ARM evaluates its own `"[...]"` expressions
//! before Data Factory reads the ADF expression they yield; a resource's envelope (`apiVersion`,
//! `location`, nested `resources`...) is ARM's, not the entity's; and nested child resources are
//! entities of their own. Each real-world shape gives no finding beside a true fault that is
//! still found.

use crate::fixture;

const HEAD: &str = r#""$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
 "contentVersion": "1.0.0.0""#;

fn with_head(fixture: &str) -> String {
    fixture.replace("$HEAD", HEAD)
}

#[test]
fn arm_expressions_are_checked_by_the_adf_expression_they_yield() {
    // `{{` is ARM's `{` in `format`, `''` its quote: the yielded expressions are sound. A value
    // only known at deployment (`resourceGroup()`) is not judged. A broken ADF expression inside
    // a fully known `concat` is still reported, on the whole ARM string, naming the value.
    let reports = fixture::assert_findings(&with_head(
        r#"
//- arm/template.json
{$HEAD,
 "parameters": {"factoryName": {"type": "string", "defaultValue": "adf1"}},
 "resources": [
  {"name": "[concat(parameters('factoryName'), '/P')]", "type": "Microsoft.DataFactory/factories/pipelines",
   "apiVersion": "2018-06-01",
   "properties": {"variables": {"v": {"type": "String"}, "w": {"type": "String"}}, "parameters": {"x": {"type": "String"}},
    "activities": [
     {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "w",
      "value": "[format('@{{variables(''v'')}}/{0}', parameters('factoryName'))]"}},
     {"name": "B", "type": "SetVariable", "typeProperties": {"variableName": "v",
      "value": "[concat('@pipeline().parameters.x', '')]"}},
     {"name": "C", "type": "SetVariable", "typeProperties": {"variableName": "v",
      "value": "[format('@concat(''{0}'', {1})', parameters('factoryName'), resourceGroup().location)]"}},
     {"name": "D", "type": "SetVariable", "typeProperties": {"variableName": "v",
      "value": "[concat('@concat(''a'', ', parameters('factoryName'))]"}}
//             ^ invalid-expression
    ]}}
 ]}
"#,
    ));
    let message = reports[0]
        .diagnostics
        .first()
        .map_or("", |d| d.message.as_str());
    assert!(
        message.contains("(in `@concat('a', adf1`, the value of this ARM expression)"),
        "{message}"
    );
}

#[test]
fn bicep_compiled_templates_are_read() {
    // Language version 2.0: resources keyed by symbolic name; the factory has no `properties`.
    fixture::assert_findings(&with_head(
        r#"
//- arm/main.json
{$HEAD, "languageVersion": "2.0",
 "parameters": {"factoryName": {"type": "string", "defaultValue": "adf1"}},
 "resources": {
  "factory": {"type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01",
   "name": "[parameters('factoryName')]", "location": "westeurope", "identity": {"type": "SystemAssigned"}},
  "pipe": {"type": "Microsoft.DataFactory/factories/pipelines", "apiVersion": "2018-06-01",
   "name": "[format('{0}/{1}', parameters('factoryName'), 'P')]", "dependsOn": ["factory"],
   "properties": {"variables": {"v": {"type": "String"}, "u": {"type": "String"}}, "activities": [
     {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "u",
      "value": "[format('{0}-@{{variables(''v'')}}', parameters('factoryName'))]"}},
     {"name": "B", "type": "SetVariable", "typeProperties": {"variableName": "v",
      "value": "[format('@{{variables(''w'')}}', parameters('factoryName'))]"}}
//             ^ undefined-variable
   ]}}
 }}
"#,
    ));
}

#[test]
fn a_factory_resource_without_properties_is_an_envelope() {
    // ARM's own keys are not factory properties; a misspelt key inside `properties` still is.
    fixture::assert_findings(&with_head(
        r#"
//- arm/template.json
{$HEAD,
 "resources": [
  {"name": "adf1", "type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01",
   "location": "westeurope", "identity": {"type": "SystemAssigned"}, "tags": {}, "dependsOn": [],
   "comments": "the factory", "resources": []},
  {"name": "adf2", "type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01",
   "location": "westeurope", "properties": {"globalParameter": {}}}
//                                          ^ unknown-property
 ]}
"#,
    ));
}

#[test]
fn nested_child_resources_are_their_own_entities() {
    // The dataset nested in the factory resource references a missing linked service: one
    // finding, from the dataset, not a second one from the factory. The nested data flow's
    // source passes no dataset arguments, as data flows do (the Execute Data Flow activity
    // passes them), and is not judged as if the factory referenced the dataset. Children are
    // nested with a relative type (`datasets`) or the full one.
    fixture::assert_findings(&with_head(
        r#"
//- arm/template.json
{$HEAD,
 "resources": [
  {"name": "adf1", "type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01", "location": "westeurope",
   "resources": [
    {"name": "Store", "type": "linkedservices", "apiVersion": "2018-06-01", "dependsOn": ["adf1"],
     "properties": {"type": "AzureBlobStorage", "typeProperties": {"connectionString": "@{linkedService().cs}"},
      "parameters": {"cs": {"type": "String"}}}},
    {"name": "Files", "type": "datasets", "apiVersion": "2018-06-01", "dependsOn": ["adf1"],
     "properties": {"type": "Binary", "parameters": {"folder": {"type": "String"}},
      "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference", "parameters": {"cs": "x"}},
      "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}},
    {"name": "Flow", "type": "Microsoft.DataFactory/factories/dataflows", "apiVersion": "2018-06-01", "dependsOn": ["adf1"],
     "properties": {"type": "MappingDataFlow", "typeProperties": {
      "sources": [{"name": "src", "dataset": {"referenceName": "Files", "type": "DatasetReference"}}],
      "sinks": [], "transformations": [], "scriptLines": ["source(allowSchemaDrift: true) ~> src"]}}},
    {"name": "Lost", "type": "datasets", "apiVersion": "2018-06-01", "dependsOn": ["adf1"],
     "properties": {"type": "Binary",
      "linkedServiceName": {"referenceName": "Stor", "type": "LinkedServiceReference"},
//                                           ^ unresolved-reference
      "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
   ]}
 ]}
"#,
    ));
}

#[test]
fn nested_v1_children_are_their_own_entities() {
    // The 2015 shape: tables nested in a `datafactories` resource name their linked service as
    // a string. One finding for the wrong name, from the table.
    fixture::assert_findings(&with_head(
        r#"
//- arm/template.json
{$HEAD,
 "resources": [
  {"name": "adf1", "type": "Microsoft.DataFactory/datafactories", "apiVersion": "2015-10-01", "location": "westus",
   "resources": [
    {"name": "Storage", "type": "linkedservices", "apiVersion": "2015-10-01", "dependsOn": ["adf1"],
     "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<connection string>"}}},
    {"name": "Input", "type": "datasets", "apiVersion": "2015-10-01", "dependsOn": ["Storage"],
     "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "external": true,
      "typeProperties": {"folderPath": "in/"}, "availability": {"frequency": "Day", "interval": 1}}},
    {"name": "Output", "type": "datasets", "apiVersion": "2015-10-01", "dependsOn": ["Storage"],
     "properties": {"type": "AzureBlob", "linkedServiceName": "Storag",
//                                                            ^ unresolved-reference
      "typeProperties": {"folderPath": "out/"}, "availability": {"frequency": "Day", "interval": 1}}}
   ]}
 ]}
"#,
    ));
}

#[test]
fn editor_queries_leave_arm_expressions_alone() {
    // An ARM expression's text is not the ADF expression it yields: no hover at a position in
    // it, while an ADF expression in the same template still has one.
    let text = with_head(
        r#"{$HEAD, "resources": [
  {"name": "P", "type": "Microsoft.DataFactory/factories/pipelines", "apiVersion": "2018-06-01",
   "properties": {"variables": {"v": {"type": "String"}}, "activities": [
     {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "v",
      "value": "[concat('run @{pipeline().Run$1Id}', '')]"}},
     {"name": "B", "type": "SetVariable", "typeProperties": {"variableName": "v",
      "value": "@variables('v$2')"}}]}}]}"#,
    );
    let hover_at = |marker: &str| {
        let offset = text.find(marker).expect("marker");
        let clean = text.replace("$1", "").replace("$2", "");
        let offset = offset - if marker == "$2" { 2 } else { 0 };
        let ws = adf_core::Workspace::from_texts(
            Default::default(),
            vec![("arm/template.json".to_string(), clean.clone())],
        );
        let model = ws.model("arm/template.json").expect("modelled");
        adf_core::expr::ide::hover(&clean, offset, model).map(|h| h.text)
    };
    assert_eq!(hover_at("$1"), None);
    assert_eq!(hover_at("$2").as_deref(), Some("variable `v`"));
}

#[test]
fn evaluate_reads_the_global_parameters_of_the_templates_factory_resource() {
    let f = adf_core::fixture::parse(&with_head(
        r#"
//- arm/template.json
{$HEAD,
 "resources": [
  {"name": "adf1", "type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01", "location": "westeurope",
   "properties": {"globalParameters": {"env": {"type": "String", "value": "prod"}}}},
  {"name": "adf1/P", "type": "Microsoft.DataFactory/factories/pipelines", "apiVersion": "2018-06-01",
   "dependsOn": ["adf1"],
   "properties": {"variables": {"v": {"type": "String"}}, "activities": [
    {"name": "A", "type": "SetVariable", "typeProperties": {"variableName": "v",
     "value": "@toUpper(pipeline().globalParam$0eters.env)"}}]}}
 ]}
"#,
    ));
    let (path, offset) = f.cursor.clone().expect("a cursor");
    let ws = f.workspace();
    let e = adf_core::ide::evaluate_at(&ws, &path, offset, &[]).expect("an expression");
    assert_eq!(e.inputs.len(), 1, "{:?}", e.inputs);
    assert_eq!(e.inputs[0].name, "pipeline().globalParameters.env");
    assert_eq!(e.inputs[0].default.as_deref(), Some("\"prod\""));
    assert_eq!(e.outcome, adf_core::ide::Outcome::Value("\"PROD\"".into()));
}
