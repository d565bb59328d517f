//! The `fabric` profile end to end: its readiness findings on the bundled example, on a fixture
//! factory in every output format, from `--profile` and from `adf.toml`, and on every unit of
//! ../shared/corpus-extra (pinned below); without the profile nothing changes.

use adf_core::{CheckOptions, Profile};
use adf_e2e::{
    adf, check_unit, check_unit_with, copy_tree, corpus_extra_units, finding_lines, repo, scratch,
    shared,
};
use serde_json::Value;
use std::collections::{BTreeMap, BTreeSet};
use std::path::Path;

/// A profile finding: (file under the unit, rule, the text it points at, unquoted).
type Finding = (&'static str, &'static str, &'static str);

/// The fabric profile's findings on corpus-extra, unit by unit (units without any are left
/// out). Each was read against its file: the item is in the JSON as the rule's page says.
const PINS: &[(&str, &[Finding])] = &[
    (
        "adf-v1v2migration-v2",
        &[
            (
                "Pipeline/adf_First_Pipeline_2.Trigger.json",
                "fabric-needs-rework",
                "TumblingWindowTrigger",
            ),
            (
                "Pipeline/adf_Second_Pipeline_2.Trigger.json",
                "fabric-needs-rework",
                "TumblingWindowTrigger",
            ),
            (
                "Pipeline/adf_Second_Pipeline_2.Trigger.json",
                "fabric-needs-rework",
                "dependsOn",
            ),
        ],
    ),
    (
        "adftools-bigfactorysample2-vnet",
        &[
            (
                "factory/BigFactorySample2.json",
                "fabric-needs-rework",
                "globalParameters",
            ),
            (
                "integrationRuntime/AzureIR-VnetEnabled.json",
                "fabric-not-migrated",
                "managedVirtualNetwork",
            ),
        ],
    ),
    (
        "aiab-synapse-pattern4/synapse",
        &[
            (
                "linkedService/synwfasthackpt1-WorkspaceDefaultSqlServer.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "pipeline/PL_Curated_Full_Load.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "pipeline/PL_Curated_Incremental_Load.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
        ],
    ),
    (
        "aiab-synapse-pattern4/workspace_publish_pattern_4",
        &[
            (
                "TemplateForWorkspace.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "TemplateForWorkspace.json",
                "fabric-not-migrated",
                "parameters",
            ),
        ],
    ),
    (
        "cdm-adf-arm/adf-arm-template-cdm-to-dw",
        &[("arm_template.json", "fabric-needs-rework", "WebActivity")],
    ),
    (
        "cdm-adf-arm/adf-arm-template-databricks-cdm-to-dw",
        &[("arm_template.json", "fabric-needs-rework", "WebActivity")],
    ),
    (
        "gofast-adf-templates",
        &[
            (
                "integrationRuntime/IRA.json",
                "fabric-not-migrated",
                "managedVirtualNetwork",
            ),
            (
                "integrationRuntime/IRB.json",
                "fabric-not-migrated",
                "managedVirtualNetwork",
            ),
            (
                "linkedService/GenericAmazonRdsForOracle_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/GenericAzureDataLakeStorage_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/GenericAzureKeyVault_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/GenericAzureSQL_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/GenericBlobStorage_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/GenericFileServer_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/GenericMsSqlServer_{IR}.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "trigger/Trigger on File End.json",
                "fabric-needs-rework",
                "BlobEventsTrigger",
            ),
        ],
    ),
    (
        "mdw-synapse-integration-testing",
        &[
            (
                "templates/pipeline/P_Sample3_template.json",
                "fabric-needs-rework",
                "ExecuteDataFlow",
            ),
            (
                "templates/pipeline/P_Sample3_template.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "templates/trigger/T_Stor_template.json",
                "fabric-needs-rework",
                "BlobEventsTrigger",
            ),
        ],
    ),
    (
        "oea-framework-synapse",
        &[
            (
                "linkedService/LS_Azure_SQL_DB.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/LS_HTTP.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/LS_REST.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/LS_SQL_Serverless.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "pipeline/create_lake_db.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "pipeline/delete_dataset.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "pipeline/ingest.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "pipeline/refine.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
        ],
    ),
    (
        "procfwk-synapse",
        &[
            (
                "linkedService/procfwkforsynapse-WorkspaceDefaultSqlServer.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "pipeline/Check For Running Pipeline.json",
                "fabric-needs-rework",
                "WebActivity",
            ),
        ],
    ),
    (
        "synapse-e2e-demo/artifacts",
        &[
            (
                "linkedService/Source_Dataset_LS.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/StorageLS.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "linkedService/SynapseDedicatedPoolLS.json",
                "fabric-not-migrated",
                "parameters",
            ),
            (
                "pipeline/FHIR_Pipeline4Claim_Spark_OC.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "pipeline/FHIR_Pipeline4Observation_Spark_OC.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
            (
                "pipeline/FHIR_Pipeline4Patient_DataFlow_OC.json",
                "fabric-needs-rework",
                "ExecuteDataFlow",
            ),
            (
                "pipeline/FHIR_Pipeline4Patient_DataFlow_OC.json",
                "fabric-needs-rework",
                "SynapseNotebook",
            ),
        ],
    ),
    (
        "synapse-e2e-demo/mybigdata",
        &[(
            "linkedService/mybigdatademows-WorkspaceDefaultSqlServer.json",
            "fabric-not-migrated",
            "parameters",
        )],
    ),
];

fn run(dir: &Path, args: &[&str]) -> (i32, String) {
    let out = adf(dir, args);
    (
        out.status.code().unwrap_or(-1),
        String::from_utf8_lossy(&out.stdout).into_owned(),
    )
}

fn json(text: &str) -> Value {
    serde_json::from_str(text).unwrap_or_else(|e| panic!("not JSON ({e}): {text}"))
}

fn is_profile_line(line: &str) -> bool {
    line.ends_with(" fabric-not-migrated") || line.ends_with(" fabric-needs-rework")
}

#[test]
fn the_bundled_example_has_no_readiness_findings_and_keeps_its_output() {
    // examples/ml-retraining is a v1 factory: the profile reads v2 entities only (the page is
    // about Data Factory v2 pipelines), so its output is the same with and without it.
    let dir = repo().join("examples/ml-retraining");
    let (code, plain) = run(&dir, &["check", "--format", "json", "."]);
    let (code_p, with) = run(
        &dir,
        &["check", "--profile", "fabric", "--format", "json", "."],
    );
    assert_eq!((code, code_p), (0, 0));
    assert_eq!(finding_lines(&json(&plain)), finding_lines(&json(&with)));
}

#[test]
fn the_bundled_v2_example_prints_its_readiness_findings() {
    // examples/retail-lake is clean without the profile; with it, each item the upgrade page
    // names and the factory has: the self-hosted runtime, the global parameter, the mapping
    // data flow and the tumbling window trigger.
    let dir = repo().join("examples/retail-lake");
    let (code, plain) = run(&dir, &["check", "--format", "json", "."]);
    assert_eq!(code, 0);
    assert_eq!(finding_lines(&json(&plain)), Vec::<String>::new());
    let (code, with) = run(
        &dir,
        &["check", "--profile", "fabric", "--format", "json", "."],
    );
    assert_eq!(
        code, 0,
        "a readiness warning fails a run only with --deny-warnings"
    );
    assert_eq!(
        finding_lines(&json(&with)),
        [
            "factory/retail-lake-adf.json:5:9 info fabric-needs-rework",
            "integrationRuntime/StoreNetwork.json:4:17 warning fabric-not-migrated",
            "pipeline/LoadDailySales.json:30:25 info fabric-needs-rework",
            "trigger/EveryDay.json:4:17 info fabric-needs-rework",
        ]
    );
    let (_, text) = run(&dir, &["check", "--profile", "fabric", "."]);
    for message in [
        "self-hosted integration runtime `StoreNetwork` cannot be migrated to Fabric",
        "global parameters do not migrate to Fabric yet",
        "activity `SumPerStore` runs a mapping data flow",
        "tumbling window trigger `EveryDay` does not migrate to Fabric yet",
    ] {
        assert!(text.contains(message), "{message} missing from:\n{text}");
    }
}

#[test]
fn readiness_findings_in_every_format() {
    let dir = repo().join("tests/fixtures/fabric-readiness");
    let (code, plain) = run(&dir, &["check", "--format", "json", "."]);
    assert_eq!(code, 0);
    let plain = finding_lines(&json(&plain));
    assert!(!plain.iter().any(|l| is_profile_line(l)), "{plain:?}");
    let (code, with) = run(
        &dir,
        &["check", "--profile", "fabric", "--format", "json", "."],
    );
    // A readiness warning is a warning: it fails the run only with --deny-warnings.
    assert_eq!(code, 0);
    let with = finding_lines(&json(&with));
    let added: Vec<&String> = with.iter().filter(|l| is_profile_line(l)).collect();
    assert_eq!(
        added,
        [
            "integrationRuntime/OnPremises.json:4:17 warning fabric-not-migrated",
            "pipeline/Load.json:7:25 info fabric-needs-rework",
            "trigger/Hourly.json:4:17 info fabric-needs-rework",
        ]
    );
    let others: Vec<&String> = with.iter().filter(|l| !is_profile_line(l)).collect();
    assert_eq!(others, plain.iter().collect::<Vec<_>>());
    let (code, _) = run(
        &dir,
        &["check", "--profile", "fabric", "--deny-warnings", "."],
    );
    assert_eq!(code, 1);

    let (_, sarif) = run(
        &dir,
        &["check", "--profile", "fabric", "--format", "sarif", "."],
    );
    let sarif = json(&sarif);
    let driver = &sarif["runs"][0]["tool"]["driver"];
    let rules = driver["rules"].as_array().expect("rules");
    let results = sarif["runs"][0]["results"].as_array().expect("results");
    let level = |id: &str| -> Vec<String> {
        results
            .iter()
            .filter(|r| r["ruleId"] == id)
            .map(|r| r["level"].as_str().unwrap_or("?").to_string())
            .collect()
    };
    assert_eq!(level("ADF0401"), ["warning"]);
    assert_eq!(level("ADF0402"), ["note", "note"]);
    for (id, name) in [
        ("ADF0401", "fabric-not-migrated"),
        ("ADF0402", "fabric-needs-rework"),
    ] {
        let rule = rules.iter().find(|r| r["id"] == id).expect("rule listed");
        assert_eq!(rule["name"], name);
        let help = rule["helpUri"].as_str().expect("helpUri");
        assert!(help.ends_with(&format!("/docs/rules/{name}.md")), "{help}");
        assert!(repo().join(format!("docs/rules/{name}.md")).is_file());
    }

    let (_, github) = run(
        &dir,
        &["check", "--profile", "fabric", "--format", "github", "."],
    );
    assert!(
        github
            .lines()
            .any(|l| l.starts_with("::warning ") && l.contains("fabric-not-migrated")),
        "{github}"
    );
    assert_eq!(
        github
            .lines()
            .filter(|l| l.starts_with("::notice ") && l.contains("fabric-needs-rework"))
            .count(),
        2,
        "{github}"
    );
    let (_, devops) = run(
        &dir,
        &[
            "check",
            "--profile",
            "fabric",
            "--format",
            "azure-devops",
            ".",
        ],
    );
    assert!(
        devops
            .lines()
            .any(|l| l.contains("type=warning") && l.contains("fabric-not-migrated")),
        "{devops}"
    );
}

#[test]
fn adf_toml_selects_the_profile() {
    let dir = scratch("fabric-toml");
    copy_tree(&repo().join("tests/fixtures/fabric-readiness"), &dir);
    let (_, flag) = run(
        &dir,
        &["check", "--profile", "fabric", "--format", "json", "."],
    );
    std::fs::write(dir.join("adf.toml"), "profile = \"fabric\"\n").expect("write adf.toml");
    let (_, toml) = run(&dir, &["check", "--format", "json", "."]);
    assert_eq!(finding_lines(&json(&flag)), finding_lines(&json(&toml)));
    std::fs::write(dir.join("adf.toml"), "profile = \"fabrik\"\n").expect("write adf.toml");
    let (code, _) = run(&dir, &["check", "."]);
    assert_eq!(code, 2, "an unknown profile is a configuration error");
    let (code, _) = run(&dir, &["check", "--profile", "fabrik", "."]);
    assert_eq!(code, 2);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn corpus_extra_readiness_findings_are_pinned() {
    let extra = shared().join("corpus-extra");
    let fabric = CheckOptions {
        profile: Some(Profile::Fabric),
        ..CheckOptions::default()
    };
    let mut actual: BTreeMap<String, BTreeSet<(String, String, String)>> = BTreeMap::new();
    for (unit, rels) in &corpus_extra_units(&extra) {
        let plain = check_unit(&extra, rels);
        let with = check_unit_with(&extra, rels, &fabric);
        for ((p, _), (w, text)) in plain.iter().zip(&with) {
            let profile = |d: &&adf_core::Diagnostic| Profile::of_rule(d.rule).is_some();
            // Without the profile, none of its findings and nothing else changed.
            assert!(!p.diagnostics.iter().any(|d| profile(&d)), "{}", p.path);
            let others: Vec<_> = w.diagnostics.iter().filter(|d| !profile(d)).collect();
            assert_eq!(
                others,
                p.diagnostics.iter().collect::<Vec<_>>(),
                "{}",
                p.path
            );
            for d in w.diagnostics.iter().filter(profile) {
                let at = text
                    .get(d.range.start..d.range.end)
                    .unwrap_or("")
                    .trim_matches('"');
                let file = w.path.strip_prefix(&format!("{unit}/")).unwrap_or(&w.path);
                actual.entry(unit.clone()).or_default().insert((
                    file.to_string(),
                    d.rule.name.to_string(),
                    at.chars().take(80).collect(),
                ));
            }
        }
    }
    let expected: BTreeMap<String, BTreeSet<(String, String, String)>> = PINS
        .iter()
        .map(|(unit, findings)| {
            let set = findings
                .iter()
                .map(|(f, r, t)| (f.to_string(), r.to_string(), t.to_string()))
                .collect();
            (unit.to_string(), set)
        })
        .collect();
    if actual != expected {
        let mut dump = String::new();
        for (unit, set) in &actual {
            dump.push_str(&format!("    (\n        {unit:?},\n        &[\n"));
            for (f, r, t) in set {
                dump.push_str(&format!("            ({f:?}, {r:?}, {t:?}),\n"));
            }
            dump.push_str("        ],\n    ),\n");
        }
        panic!("the fabric profile's findings on corpus-extra differ from the pins; now:\n{dump}");
    }
}
