//! Profiles: their rules run only when selected (`CheckOptions::profile`, `profile` in
//! `adf.toml`), and then find each documented item (violating shape found, legal shape beside
//! it silent; annotations under the lines, see fixture.rs).

use crate::fixture;

use adf_core::config::{Config, ConfigSet};
use adf_core::{CheckOptions, Profile, Rule};

fn fabric_rule(rule: &Rule) -> bool {
    Profile::Fabric.rules().iter().any(|r| r.name == rule.name)
}

fn fabric() -> CheckOptions {
    CheckOptions {
        profile: Some(Profile::Fabric),
        ..CheckOptions::default()
    }
}

/// Every item of the fabric profile, each next to a shape the migration takes.
const FACTORY: &str = r#"
//- f/integrationRuntime/OnPrem.json
{"name": "OnPrem", "properties": {"type": "SelfHosted", "typeProperties": {}}}
//                                        ^ fabric-not-migrated
//- f/integrationRuntime/Ssis.json
{"name": "Ssis", "properties": {"type": "Managed", "typeProperties": {"computeProperties": {"location": "West Europe"},
  "ssisProperties": {"edition": "Standard"}}}}
//^ fabric-not-migrated
//- f/integrationRuntime/Vnet.json
{"name": "Vnet", "properties": {"type": "Managed", "typeProperties": {"computeProperties": {"location": "AutoResolve"}},
  "managedVirtualNetwork": {"type": "ManagedVirtualNetworkReference", "referenceName": "default"}}}
//^ fabric-not-migrated
//- f/integrationRuntime/Azure.json
{"name": "Azure", "properties": {"type": "Managed", "typeProperties": {"computeProperties": {"location": "AutoResolve"}}}}
//- f/linkedService/Sap.json
{"name": "Sap", "properties": {"type": "SapEcc", "typeProperties": {"url": "https://sap.example.com"}}}
//                                     ^ fabric-not-migrated
//- f/linkedService/Shop.json
{"name": "Shop", "properties": {"type": "Shopify", "typeProperties": {"host": "shop.example.com"}}}
//                                      ^ fabric-needs-rework
//- f/linkedService/Adla.json
{"name": "Adla", "properties": {"type": "AzureDataLakeAnalytics", "typeProperties": {"accountName": "a"}}}
//                                      ^ fabric-not-migrated
//- f/linkedService/Dynamic.json
{"name": "Dynamic", "properties": {"type": "AzureSqlDatabase", "parameters": {"db": {"type": "String"}},
//                                                             ^ fabric-not-migrated
 "typeProperties": {"connectionString": "Server=s;Database=@{linkedService().db}"}}}
//- f/linkedService/Fixed.json
{"name": "Fixed", "properties": {"type": "AzureSqlDatabase", "parameters": {},
 "typeProperties": {"connectionString": "Server=s;Database=d"}}}
//- f/credential/Uami.json
{"name": "Uami", "properties": {"type": "ManagedIdentity", "typeProperties": {"resourceId": "/subscriptions/s/resourceGroups/r/providers/Microsoft.ManagedIdentity/userAssignedIdentities/u"}}}
//                                      ^ fabric-needs-rework
//- f/credential/System.json
{"name": "System", "properties": {"type": "ManagedIdentity"}}
//- f/trigger/Custom.json
{"name": "Custom", "properties": {"type": "CustomEventsTrigger", "typeProperties": {"scope": "s", "events": ["e"]}}}
//                                        ^ fabric-not-migrated
//- f/trigger/Blob.json
{"name": "Blob", "properties": {"type": "BlobEventsTrigger", "typeProperties": {"scope": "s", "events": ["Microsoft.Storage.BlobCreated"]}}}
//                                      ^ fabric-needs-rework
//- f/trigger/Window.json
{"name": "Window", "properties": {"type": "TumblingWindowTrigger", "typeProperties": {"frequency": "Hour", "interval": 1,
//                                        ^ fabric-needs-rework
 "startTime": "2026-01-01T00:00:00Z", "maxConcurrency": 1,
  "dependsOn": [{"type": "SelfDependencyTumblingWindowTriggerReference", "offset": "-01:00:00"}]}}}
//^ fabric-needs-rework
//- f/trigger/Daily.json
{"name": "Daily", "properties": {"type": "ScheduleTrigger", "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1}}}}
//- f/factory/F.json
{"name": "F", "properties": {"globalParameters": {"env": {"type": "String", "value": "dev"}}}}
//                           ^ fabric-needs-rework
//- f/pipeline/P.json
{"name": "P", "properties": {"activities": [
 {"name": "Usql", "type": "DataLakeAnalyticsU-SQL", "typeProperties": {"scriptPath": "s"}},
//                        ^ fabric-not-migrated
 {"name": "Batch", "type": "Custom", "typeProperties": {"command": "run.exe"}},
//                         ^ fabric-not-migrated
 {"name": "Loop", "type": "ForEach", "typeProperties": {"items": {"value": "@createArray(1)", "type": "Expression"}, "activities": [
  {"name": "Flow", "type": "ExecuteDataFlow", "typeProperties": {"dataflow": {"referenceName": "D", "type": "DataFlowReference"}}}
//                         ^ fabric-needs-rework
 ]}},
 {"name": "Nb", "type": "SynapseNotebook", "typeProperties": {"notebook": {"referenceName": "N", "type": "NotebookReference"}}},
//                      ^ fabric-needs-rework
 {"name": "Cert", "type": "WebActivity", "typeProperties": {"url": "https://x", "method": "GET",
//                        ^ fabric-not-migrated
  "authentication": {"type": "ClientCertificate", "pfx": {"type": "SecureString", "value": "***"}}}},
 {"name": "Headers", "type": "WebActivity", "typeProperties": {"url": "https://x", "method": "GET", "headers": {"a": "b"}}},
//                           ^ fabric-needs-rework
 {"name": "Plain", "type": "WebActivity", "typeProperties": {"url": "https://x", "method": "GET"}},
 {"name": "Wait", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}}
]}}
"#;

#[test]
fn fabric_profile_finds_each_item_and_passes_the_legal_shapes() {
    fixture::assert_findings_with(FACTORY, &fabric(), &fabric_rule);
}

#[test]
fn profile_rules_are_off_unless_selected() {
    let files = fixture::files(FACTORY);
    let reports = fixture::check(&files);
    assert!(fixture::actual_of(&files, &reports, &fabric_rule).is_empty());
    // Selecting the profile adds its findings and changes no other.
    let with = fixture::check_with(&files, &fabric());
    let other = |r: &Rule| !fabric_rule(r);
    assert_eq!(
        fixture::actual_of(&files, &reports, &other),
        fixture::actual_of(&files, &with, &other)
    );
}

#[test]
fn profiles_by_name_and_in_adf_toml() {
    assert_eq!(Profile::from_name("Fabric"), Some(Profile::Fabric));
    assert_eq!(Profile::from_name("synapse"), None);
    let c = Config::parse("profile = \"fabric\"\n").expect("parses");
    assert_eq!(c.profile, Some(Profile::Fabric));
    let e = Config::parse("profile = \"fabrik\"\n").expect_err("unknown");
    assert!(e.message.contains("unknown profile `fabrik`"), "{e}");
    assert_eq!(Config::parse("").expect("parses").profile, None);

    // A configuration that selects the profile turns it on for the files below it.
    let configs = ConfigSet::new([("/f".to_string(), c)]);
    let texts = [(
        "/f/integrationRuntime/OnPrem.json",
        r#"{"name": "OnPrem", "properties": {"type": "SelfHosted"}}"#,
    )];
    let files: Vec<adf_core::batch::BatchFile> = texts
        .iter()
        .map(|(p, _)| adf_core::batch::BatchFile {
            path: p.to_string(),
            config_path: p.to_string(),
        })
        .collect();
    let read = |f: &adf_core::batch::BatchFile| {
        texts
            .iter()
            .find(|(p, _)| *p == f.path)
            .map(|(_, t)| t.to_string())
            .ok_or_else(|| "no text".to_string())
    };
    let run = |configs: &ConfigSet| -> Vec<&'static str> {
        adf_core::batch::check(
            &adf_core::batch::InOrder,
            files.clone(),
            read,
            &CheckOptions::default(),
            configs,
            &[],
        )
        .into_iter()
        .flatten()
        .flat_map(|b| b.report.diagnostics)
        .map(|d| d.rule.name)
        .collect()
    };
    assert_eq!(run(&configs), vec!["fabric-not-migrated"]);
    assert!(run(&ConfigSet::default()).is_empty());
}
