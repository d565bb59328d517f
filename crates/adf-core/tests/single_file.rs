//! Single-file rules on fixture factories: what each file is, which dialect, and which findings
//! land where (annotations under the lines, see fixture.rs).

use crate::fixture;

use adf_catalog::{Dialect, EntityKind};
use adf_core::{check_files, CheckOptions, FileKind, Flavor, Severity, SourceFile};
/// Single-file rules have codes below ADF0200 (syntax, file, schema, secrets).
fn single_file_rule(rule: &adf_core::Rule) -> bool {
    rule.code < "ADF0200"
}

#[track_caller]
fn assert_findings(fixture: &str) -> Vec<adf_core::FileReport> {
    fixture::assert_findings_of(fixture, &single_file_rule)
}

#[test]
fn kinds_from_folder_schema_arm_type_and_shape() {
    let reports = assert_findings(
        r#"
//- f/pipeline/ByFolder.json
{"name": "ByFolder", "properties": {"activities": []}}
//- v1/BySchema.json
{"$schema": "http://datafactories.schema.management.azure.com/schemas/2015-09-01/Microsoft.DataFactory.Table.json",
 "name": "BySchema", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage",
 "typeProperties": {"folderPath": "in"}, "availability": {"frequency": "Day", "interval": 1}}}
//- loose/ByArmType.json
{"name": "ByArmType", "type": "Microsoft.DataFactory/factories/linkedservices",
 "properties": {"type": "AzureKeyVault", "typeProperties": {"baseUrl": "https://kv.vault.azure.net"}}}
//- loose/ByShape.json
{"name": "ByShape", "properties": {"type": "ScheduleTrigger", "pipelines": [],
 "typeProperties": {"recurrence": {"frequency": "Hour", "interval": 1}}}}
//- f/publish_config.json
{"publishBranch": "adf_publish"}
//- f/arm/template.json
{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#",
 "contentVersion": "1.0.0.0", "resources": []}
//- f/~ByFolder.json
{"name": "ByFolder", "properties": {"activities": [], "bogus": 1}}
"#,
    );
    let kinds: Vec<FileKind> = reports.iter().map(|r| r.kind).collect();
    assert_eq!(
        kinds,
        vec![
            FileKind::Entity(EntityKind::Pipeline),
            FileKind::Entity(EntityKind::Dataset),
            FileKind::Entity(EntityKind::LinkedService),
            FileKind::Entity(EntityKind::Trigger),
            FileKind::Tooling,
            FileKind::ArmTemplate,
            FileKind::StaleCopy,
        ]
    );
    assert_eq!(reports[1].dialect, Some(Dialect::V1));
    assert_eq!(reports[0].dialect, Some(Dialect::V2));
}

#[test]
fn planted_v2_faults() {
    assert_findings(
        r#"
//- f/pipeline/Daily.json
{
    "name": "Daily",
    "properties": {
        "concurrency": "two",
//                     ^ invalid-value
        "activites": [],
//      ^ unknown-property
        "activities": [
            {
                "name": "Ping",
                "type": "WebActivity",
                "policy": {"retry": "three", "timeout": "0.02:00:00"},
//                                  ^ invalid-value
                "typeProperties": {"url": "https://example.com", "method": "GETT"}
//                                                                         ^ invalid-value
            },
            {
                "name": "Call",
                "type": "WebActivty",
//                      ^ unknown-type
                "typeProperties": {}
            },
            {
                "name": "Post",
                "type": "WebActivity",
                "typeProperties": {"method": "POST"}
//              ^ missing-required-property
            }
        ]
    }
}
"#,
    );
}

#[test]
fn execute_pipeline_and_copy_without_what_they_need_are_found() {
    assert_findings(
        r#"
//- f/pipeline/Run.json
{"name": "Run", "properties": {"activities": [
 {"name": "NoChild", "type": "ExecutePipeline", "typeProperties": {"waitOnCompletion": true}},
//                                              ^ missing-required-property
     {"name": "NoProps", "type": "ExecutePipeline"},
//   ^ missing-required-property
 {"name": "NoSink", "type": "Copy", "typeProperties": {"source": {"type": "BinarySource"}}},
//                                  ^ missing-required-property
 {"name": "NoSource", "type": "Copy", "typeProperties": {"sink": {"type": "BinarySink"}}},
//                                    ^ missing-required-property
 {"name": "Child", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "C", "type": "PipelineReference"}}},
 {"name": "Both", "type": "Copy", "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}}]}}
"#,
    );
}

#[test]
fn planted_v1_faults() {
    assert_findings(
        r#"
//- v1/Sales.json
{
    "name": "Sales",
    "properties": {
        "type": "AzureBlob",
        "linkedServiceName": "Storage",
        "external": "yes",
//                  ^ invalid-value
        "typeProperties": {"folderPath": "sales", "fileName": "s.csv"},
        "availability": {"frequency": "Weekly", "interval": 1}
//                                    ^ invalid-value
    }
}
//- v1/Storage.json
{
    "name": "Storage",
    "properties": {
        "type": "AzureStorage",
        "typeProperties": {"conectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}
//      ^ missing-required-property
//                         ^ unknown-property
    }
}
"#,
    );
}

#[test]
fn computed_values_are_never_judged() {
    assert_findings(
        r#"
//- f/pipeline/Computed.json
{
    "name": "Computed",
    "properties": {
        "activities": [
            {
                "name": "Ping",
                "type": "WebActivity",
                "policy": {"retry": "@pipeline().parameters.retries", "timeout": {"value": "@variables('t')", "type": "Expression"}},
                "typeProperties": {"url": "@{pipeline().parameters.base}/health", "method": "[parameters('method')]"}
            }
        ],
        "concurrency": "[parameters('concurrency')]",
        "description": "<fill in later>"
    }
}
//- f/pipeline/NotAnExpressionHere.json
{"name": "NotAnExpressionHere", "properties": {"activities": [], "concurrency": "@pipeline().parameters.c"}}
//                                                                              ^ invalid-value
"#,
    );
}

#[test]
fn unknown_type_is_an_error_near_a_known_entity_type_else_a_hint() {
    let reports = assert_findings(
        r#"
//- f/linkedService/Typo.json
{"name": "Typo", "properties": {"type": "AzureKeyValt", "typeProperties": {}}}
//                                      ^ unknown-type
//- f/linkedService/Newer.json
{"name": "Newer", "properties": {"type": "QuantumWarehouse", "typeProperties": {"anything": 1}}}
//                                       ^ unknown-type
"#,
    );
    let of = |r: &adf_core::FileReport| {
        r.diagnostics
            .iter()
            .find(|d| d.rule.name == "unknown-type")
            .cloned()
            .expect("an unknown-type finding")
    };
    let (typo, newer) = (of(&reports[0]), of(&reports[1]));
    assert_eq!(typo.severity, Severity::Error);
    assert!(typo.message.contains("did you mean `AzureKeyVault`"));
    assert_eq!(newer.severity, Severity::Hint);
    assert!(newer.message.contains("ADF schemas"), "{}", newer.message);
}

#[test]
fn names_and_values_match_without_regard_to_case() {
    assert_findings(
        r#"
//- f/pipeline/Case.json
{"name": "Case", "Properties": {"Activities": [{"name": "W", "type": "wait", "typeProperties": {"waitTimeInSeconds": 1}}]}}
"#,
    );
}

#[test]
fn unrecognized_file_only_inside_a_factory() {
    assert_findings(
        r#"
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": []}}
//- f/pipeline/notes.json
   {"owner": "data-team"}
// ^ unrecognized-file
//- elsewhere/notes.json
{"owner": "data-team"}
//- f/package.json
{"name": "tooling", "version": "1.0.0"}
"#,
    );
}

#[test]
fn json_in_folders_data_factory_never_reads_is_not_the_factorys() {
    // An app's settings beside a flat v1 factory and inside a git-layout repository: Data
    // Factory reads neither folder, so neither file is reported; a stray file in the flat
    // folder itself still is.
    assert_findings(
        r#"
//- v1/Storage.json
{"$schema": "http://datafactories.schema.management.azure.com/schemas/2015-09-01/Microsoft.DataFactory.LinkedService.json",
 "name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=a"}}}
//- v1/Notes.json
   {"owner": "data-team"}
// ^ unrecognized-file
//- v1/config/app-settings.json
{"name": "scorer", "properties": {"type": "console", "retries": 3}}
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": []}}
//- f/config/app-settings.json
{"name": "scorer", "properties": {"type": "console", "retries": 3}}
"#,
    );
}

#[test]
fn properties_only_files_are_checked_as_properties() {
    assert_findings(
        r#"
//- f/linkedService/Batch.json
{"type": "AzureBatch", "typeProperties": {"accountName": "a", "batchUri": "https://a.batch.azure.com", "poolName": "p",
 "linkedServiceName": {"referenceName": "Storage", "type": "LinkedServiceReference"}, "colour": "blue"}}
//                                                                                    ^ unknown-property
"#,
    );
}

#[test]
fn half_typed_files_give_invalid_json_where_the_fault_is() {
    let text = r#"{
    "name": "Half",
    "properties": {
        "activities": [
            {"name": "W", "type": "Wait" "typeProperties": {"waitTimeInSeconds": 1}}
        ],
        "concurrency": "x"
"#;
    let files = [fixture::FixtureFile {
        path: "f/pipeline/Half.json".to_string(),
        text: text.to_string(),
    }];
    let reports = fixture::check(&files);
    // The missing comma, the rules still running on what was saved, and the unclosed objects
    // at the end of the text: one finding per fault, each where it is.
    assert_eq!(
        fixture::actual_of(&files, &reports, &single_file_rule),
        vec![
            "f/pipeline/Half.json:5:42 invalid-json",
            "f/pipeline/Half.json:7:24 invalid-value",
            "f/pipeline/Half.json:8:1 invalid-json",
        ]
    );
}

#[test]
fn a_stray_quote_gives_one_invalid_json_for_its_line() {
    // The quote ends the string early; what the parser trips over next on the same line (a
    // bare word, the rest of the text as a second string) follows from it: one finding. A
    // fault on the next line is its own.
    let text = r#"{
    "name": "Spark",
    "properties": {
        "activities": [],
        "annotations": ["remove the "--extraFiles" option", "ok"],
        "description": 'single'
    }
}"#;
    let files = [fixture::FixtureFile {
        path: "f/pipeline/Spark.json".to_string(),
        text: text.to_string(),
    }];
    let reports = fixture::check(&files);
    assert_eq!(
        fixture::actual_of(&files, &reports, &|r| r.name == "invalid-json"),
        vec![
            "f/pipeline/Spark.json:5:38 invalid-json",
            "f/pipeline/Spark.json:6:24 invalid-json",
        ]
    );
}

#[test]
fn dialect_of_a_v1_linked_service_comes_from_its_folder() {
    let files = [
        (
            "v1/Storage.json",
            r#"{"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<c>"}}}"#,
        ),
        (
            "v1/Data.json",
            r#"{"name": "Data", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {}, "availability": {"frequency": "Day", "interval": 1}}}"#,
        ),
        (
            "v2/linkedService/Storage.json",
            r#"{"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<c>"}}}"#,
        ),
    ];
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let reports = check_files(&sources, &CheckOptions::default());
    assert_eq!(reports[0].dialect, Some(Dialect::V1));
    assert_eq!(reports[2].dialect, Some(Dialect::V2));
}

#[test]
fn synapse_workspaces_are_told_apart() {
    let files = [
        (
            "ws/pipeline/P.json",
            r#"{"name": "P", "properties": {"activities": []}}"#,
        ),
        (
            "ws/notebook/N.json",
            r#"{"name": "N", "properties": {"cells": []}}"#,
        ),
        (
            "adf/pipeline/P.json",
            r#"{"name": "P", "properties": {"activities": []}}"#,
        ),
        (
            "sql/pipeline/P.json",
            r#"{"name": "P", "properties": {"activities": [{"name": "S", "type": "SqlPoolStoredProcedure", "sqlPool": {"referenceName": "pool", "type": "SqlPoolReference"}, "typeProperties": {"storedProcedureName": "p"}}]}}"#,
        ),
        (
            "v1/Storage.json",
            r#"{"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "<c>"}, "hubName": "h"}}"#,
        ),
    ];
    // The layout the workspace computes from every file, each file's classification as modelled.
    let ws = adf_core::Workspace::from_texts(
        CheckOptions::default(),
        files
            .iter()
            .map(|(p, t)| (p.to_string(), t.to_string()))
            .collect(),
    );
    let flavors: Vec<Flavor> = files
        .iter()
        .map(|(p, _)| {
            let class = ws.model(p).and_then(|m| m.class).expect("classified");
            ws.layout().flavor(p, class.dialect)
        })
        .collect();
    assert_eq!(
        flavors,
        vec![
            Flavor::Synapse,
            Flavor::Synapse,
            Flavor::AdfV2,
            Flavor::Synapse,
            Flavor::AdfV1
        ]
    );
}

/// Runs `f` on a thread with a 2 MiB stack, the budget every adapter must fit in.
fn on_small_stack(f: impl FnOnce() + Send + 'static) {
    std::thread::Builder::new()
        .stack_size(2 << 20)
        .spawn(f)
        .expect("spawn")
        .join()
        .expect("no stack overflow or panic");
}

#[test]
fn ten_thousand_deep_nesting_gives_its_diagnostic() {
    on_small_stack(|| {
        let deep = format!(
            "{{\"name\": \"Deep\", \"properties\": {{\"activities\": [], \"annotations\": {}{}}}}}",
            "[".repeat(10_000),
            "]".repeat(10_000)
        );
        let reports = check_files(
            &[SourceFile {
                path: "f/pipeline/Deep.json",
                text: &deep,
            }],
            &CheckOptions::default(),
        );
        let rules: Vec<&str> = reports[0].diagnostics.iter().map(|d| d.rule.name).collect();
        assert_eq!(rules, vec!["nesting-too-deep"]);
    });
}

#[test]
fn files_over_the_size_limit_are_not_analysed() {
    let mut options = CheckOptions::default();
    options.parse.max_size = 1_000;
    let big = format!(
        "{{\"name\": \"Big\", \"properties\": {{\"description\": \"{}\"}}}}",
        "x".repeat(2_000)
    );
    let reports = check_files(
        &[SourceFile {
            path: "f/pipeline/Big.json",
            text: &big,
        }],
        &options,
    );
    let rules: Vec<&str> = reports[0].diagnostics.iter().map(|d| d.rule.name).collect();
    assert_eq!(rules, vec!["file-too-large"]);
    assert!(
        reports[0].diagnostics[0].message.contains("1000 bytes"),
        "{}",
        reports[0].diagnostics[0].message
    );
}

#[test]
fn name_lengths_and_first_characters_follow_the_arm_schema() {
    let long = "P".repeat(261);
    let fine = "P".repeat(260);
    let fixture = format!(
        r#"
//- f/pipeline/Long.json
{{"name": "{long}", "properties": {{"activities": []}}}}
//       ^ invalid-name
//- f/pipeline/Fine.json
{{"name": "{fine}", "properties": {{"activities": []}}}}
//- f/pipeline/Space.json
{{"name": " Load", "properties": {{"activities": []}}}}
//       ^ invalid-name
//- f/pipeline/_Load.json
{{"name": "_Load", "properties": {{"activities": []}}}}
//- f/trigger/Daily.json
{{"name": "Daily#1", "properties": {{"type": "ScheduleTrigger", "typeProperties": {{"recurrence": {{"frequency": "Day", "interval": 1}}}}}}}}
//       ^ invalid-name
//- f/trigger/Daily1.json
{{"name": "Daily 1", "properties": {{"type": "ScheduleTrigger", "typeProperties": {{"recurrence": {{"frequency": "Day", "interval": 1}}}}}}}}
//- f/integrationRuntime/IR.json
{{"name": "IR", "properties": {{"type": "SelfHosted"}}}}
//       ^ invalid-name
//- f/integrationRuntime/IRA.json
{{"name": "IRA", "properties": {{"type": "SelfHosted"}}}}
//- f/factory/my_factory.json
{{"name": "my_factory", "location": "westeurope"}}
//       ^ invalid-name
//- g/factory/df.json
{{"name": "df", "location": "westeurope"}}
//       ^ invalid-name
//- h/factory/my-factory-001.json
{{"name": "my-factory-001", "location": "westeurope"}}
//- f/credential/Cred.json
{{"name": "-cred", "properties": {{"type": "ManagedIdentity"}}}}
//       ^ invalid-name
//- f/credential/credential1.json
{{"name": "credential_1-a", "properties": {{"type": "ManagedIdentity"}}}}
"#
    );
    let reports = assert_findings(&fixture);
    let messages: Vec<&str> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.rule.name == "invalid-name")
        .map(|d| d.message.as_str())
        .collect();
    assert!(
        messages.iter().any(|m| m.contains("261 characters long")),
        "{messages:?}"
    );
    assert!(
        messages.iter().any(|m| m.contains("has at least 3")),
        "{messages:?}"
    );
}

#[test]
fn names_data_factory_refuses_are_errors_and_real_world_names_are_not() {
    let reports = assert_findings(
        r#"
//- f/pipeline/01-Grandparent.json
{"name": "01-Grandparent", "properties": {"activities": []}}
//- f/pipeline/Template.json
{"name": "<pipelinename>", "properties": {"activities": []}}
//- f/linkedService/ws-WorkspaceDefaultStorage.json
{"name": "ws-WorkspaceDefaultStorage", "properties": {"type": "AzureBlobFS", "typeProperties": {"url": "https://ws.dfs.core.windows.net"}}}
//- f/integrationRuntime/self-hosted-01.json
{"name": "self-hosted-01", "properties": {"type": "SelfHosted"}}
//- f/pipeline/Load.Sales.json
{"name": "Load.Sales", "properties": {"activities": []}}
//       ^ invalid-name
//- f/pipeline/AB.json
{"name": "a/b:c", "properties": {"activities": []}}
//       ^ invalid-name
//- f/integrationRuntime/my_ir.json
{"name": "my_ir", "properties": {"type": "SelfHosted"}}
//       ^ invalid-name
//- f/integrationRuntime/Trailing.json
{"name": "ir-", "properties": {"type": "SelfHosted"}}
//       ^ invalid-name
"#,
    );
    let messages: Vec<&str> = reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.rule.name == "invalid-name")
        .map(|d| d.message.as_str())
        .collect();
    assert!(messages[1].contains("`/`, `:`"), "{messages:?}");
    assert!(reports
        .iter()
        .flat_map(|r| &r.diagnostics)
        .filter(|d| d.rule.name == "invalid-name")
        .all(|d| d.severity == Severity::Error),);
}

/// The rule names of the findings of one file checked alone.
fn rules_of(path: &str, text: &str) -> Vec<&'static str> {
    let reports = check_files(&[SourceFile { path, text }], &CheckOptions::default());
    reports[0]
        .diagnostics
        .iter()
        .map(|d| d.rule.name)
        .filter(|r| *r != "unused-entity")
        .collect()
}

#[test]
fn more_than_fifty_pipeline_parameters_are_an_error() {
    let pipeline = |n: usize| {
        let params: Vec<String> = (1..=n)
            .map(|i| format!("\"p{i}\": {{\"type\": \"string\"}}"))
            .collect();
        format!(
            "{{\"name\": \"Load\", \"properties\": {{\"parameters\": {{{}}}, \"activities\": []}}}}",
            params.join(", ")
        )
    };
    assert_eq!(
        rules_of("f/pipeline/Load.json", &pipeline(51)),
        vec!["too-many-parameters"]
    );
    assert!(rules_of("f/pipeline/Load.json", &pipeline(50)).is_empty());
}

#[test]
fn entities_over_the_documented_bytes_per_object_are_warned_about() {
    // Indentation does not count: a pipeline padded with whitespace past 200 KB stays silent.
    let pipeline = |description: usize, padding: usize| {
        format!(
            "{{\"name\": \"Load\",{}\"properties\": {{\"description\": \"{}\", \"activities\": []}}}}",
            " ".repeat(padding),
            "x".repeat(description)
        )
    };
    assert_eq!(
        rules_of("f/pipeline/Load.json", &pipeline(205_000, 0)),
        vec!["entity-too-large"]
    );
    assert!(rules_of("f/pipeline/Load.json", &pipeline(150_000, 100_000)).is_empty());
    let linked_service = |description: usize| {
        format!(
            "{{\"name\": \"Web\", \"properties\": {{\"type\": \"HttpServer\", \"description\": \"{}\", \
             \"typeProperties\": {{\"url\": \"https://example.com\", \"authenticationType\": \"Anonymous\"}}}}}}",
            "x".repeat(description)
        )
    };
    assert_eq!(
        rules_of("f/linkedService/Web.json", &linked_service(103_000)),
        vec!["entity-too-large"]
    );
    assert!(rules_of("f/linkedService/Web.json", &linked_service(100_000)).is_empty());
}

#[test]
fn for_each_batch_count_above_50_is_reported() {
    let pipeline = |batch: i64| {
        format!(
            "{{\"name\": \"Loop\", \"properties\": {{\"activities\": [{{\"name\": \"Each\", \"type\": \"ForEach\", \
             \"typeProperties\": {{\"isSequential\": false, \"batchCount\": {batch}, \
             \"items\": {{\"value\": \"@createArray(1)\", \"type\": \"Expression\"}}, \"activities\": []}}}}]}}}}"
        )
    };
    assert_eq!(
        rules_of("f/pipeline/Loop.json", &pipeline(51)),
        vec!["invalid-value"]
    );
    // The ForEach page and the schema state a maximum only; 0 is left alone.
    assert!(rules_of("f/pipeline/Loop.json", &pipeline(0)).is_empty());
    assert!(rules_of("f/pipeline/Loop.json", &pipeline(50)).is_empty());
    assert!(rules_of("f/pipeline/Loop.json", &pipeline(1)).is_empty());
}

#[test]
fn parameterization_file_unknown_types_malformed_definitions_and_paths() {
    let reports = assert_findings(
        r#"
//- f/arm-template-parameters-definition.json
{
    "Microsoft.DataFactory/factories/pipeline": {},
//  ^ invalid-parameterization
    "Microsoft.DataFactory/factories/triggers": {
        "properties": {
            "typeProperties": {
                "recurence": {"interval": "=:-interval:int"},
//              ^ unknown-parameterized-property
                "recurrence": {"interval": "=:-interval:integer", "frequency": "x", "startTime": 5},
//                                         ^ invalid-parameterization
//                                                                             ^ invalid-parameterization
//                                                                                               ^ invalid-parameterization
                "maxConcurrency": "=:a:int:b"
//                                ^ invalid-parameterization
            },
            "pipelines": [{"parameters": {"*": "="}}, "pipelineReference.referenceName", 3]
//                                                                                       ^ invalid-parameterization
        }
    },
    "Microsoft.DataFactory/factories/linkedServices": {
        "AzureSqlDatabse": {"properties": {"typeProperties": {"connectionString": "|"}}},
//      ^ unknown-parameterized-property
        "*": {"properties": {"typeProperties": {"conectionString": "="}}},
//                                              ^ unknown-parameterized-property
        "TypeNewerThanTheCatalog": {"properties": {"typeProperties": {"anything": "="}}}
    },
    "Microsoft.DataFactory/factories/dataflows": {"propertes": {"typeProperties": {"script": "="}}, "apiVersion": "="},
//                                                ^ unknown-parameterized-property
    "Microsoft.DataFactory/factories/datasets": "="
//                                              ^ invalid-parameterization
}
//- g/arm-template-parameters-definition.json
{
    "Microsoft.DataFactory/factories": {
        "properties": {"globalParameters": {"*": {"value": "="}}},
        "location": "="
    },
    "microsoft.datafactory/factories/globalparameters": {"properties": {"*": {"value": "="}}},
    "Microsoft.DataFactory/factories/pipelines": {
        "properties": {
            "activities": [{
                "typeProperties": {
                    "waitTimeInSeconds": "-::int",
                    "headers": "=::object",
                    "activities": [{"typeProperties": {"url": "-:-webUrl:string"}}]
                }
            }]
        }
    },
    "Microsoft.DataFactory/factories/integrationRuntimes": {
        "properties": {
            "typeProperties": {
                "ssisProperties": {"catalogInfo": {"catalogAdminPassword": {"value": "-::secureString"}}},
                "computeProperties": {"dataFlowProperties": {"externalComputeInfo": [{"accessToken": "-::secureString"}]}}
            }
        }
    },
    "Microsoft.DataFactory/factories/triggers": {
        "properties": {
            "pipelines": [{"parameters": {"*": "="}}, "pipelineReference.referenceName"],
            "typeProperties": {"recurrence": {"*": "=", "interval": "=:triggerSuffix:int", "frequency": "=:-freq"}}
        }
    },
    "Microsoft.DataFactory/factories/linkedServices": {
        "*": {"properties": {"typeProperties": {"connectionString": "|:-connectionString:secureString", "sasToken": "|"}}},
        "AzureKeyVault": {
            "properties": {
                "typeProperties": {"baseUrl": "|:baseUrl:secureString"},
                "parameters": {"KeyVaultURL": {"type": "=", "defaultValue": "|:defaultValue:secureString"}}
            }
        },
        "Odbc": {"properties": {"typeProperties": {"connectionString": {"secretName": "="}}}}
    },
    "Microsoft.DataFactory/factories/credentials": {"properties": {"typeProperties": {"resourceId": "="}}},
    "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints": {"properties": {"*": "="}}
}
//- h/template-parameters-definition.json
{"Microsoft.Synapse/workspaces/pipelines": {"properties": {"x": 1}}}
"#,
    );
    let ds = |rule: &str| {
        reports
            .iter()
            .flat_map(|r| &r.diagnostics)
            .filter(|d| d.rule.name == rule)
            .collect::<Vec<_>>()
    };
    // Near misses of known names are warnings with the name to use.
    let unknown = ds("unknown-parameterized-property");
    assert!(unknown.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(unknown[0].suggestion.as_deref(), Some("recurrence"));
    assert!(
        unknown[1].message.contains("`AzureSqlDatabase`"),
        "{}",
        unknown[1].message
    );
    let invalid = ds("invalid-parameterization");
    assert!(invalid.iter().all(|d| d.severity == Severity::Warning));
    assert_eq!(
        invalid[0].suggestion.as_deref(),
        Some("Microsoft.DataFactory/factories/pipelines")
    );
}

#[test]
fn parameterization_path_unknown_to_the_schema_is_a_hint() {
    let reports = assert_findings(
        r#"
//- arm-template-parameters-definition.json
{"Microsoft.DataFactory/factories/credentials": {"*": {"properties": {"typeProperties": {"token": "="}}}}}
//                                                                                       ^ unknown-parameterized-property
"#,
    );
    assert_eq!(reports[0].diagnostics[0].severity, Severity::Hint);
}

#[test]
fn parameterization_findings_reach_the_editors_project() {
    // The language server and the wasm host read findings from a `Project`: the file's
    // findings come through it as through `check_files`, and follow its edits.
    let path = "/w/f/arm-template-parameters-definition.json";
    let mut project = adf_core::Project::default();
    project.set_file(path, r#"{"Microsoft.DataFactory/factories/pipeline": {}}"#);
    let names: Vec<&str> = project.findings(path).iter().map(|d| d.rule.name).collect();
    assert_eq!(names, ["invalid-parameterization"]);
    project.set_file(path, r#"{"Microsoft.DataFactory/factories/pipelines": {}}"#);
    assert!(project.findings(path).is_empty());
}
