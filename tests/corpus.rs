//! Real-world JSON gets no false errors: every whole-entity file of ../shared/corpus (v1 and v2;
//! doc snippets unless MANIFEST.md flags them invalid-json, fragment or placeholder) is checked
//! source by source.
//!
//! - Single-file rules: the errors and warnings must be exactly [`EXEMPTIONS`], each naming the
//!   evidence that the file itself is wrong.
//! - Cross-file rules and plaintext-secret (sources only; a docs article is no factory): the
//!   errors and warnings of each source must be exactly its pin in [`PINS`]: for a whole factory
//!   its true faults, each with its evidence; for a partial source its references to entities
//!   that are not in it, with the reason. Built-in names never appear.
//!
//! References that leave their source, v2: ten partial sources pinned below (gallery templates,
//! adhoc issues, test factories, dftf, gofast-adf, gofast ARM modules, the MCW lab, mdw batch
//! preprocessing, mdw governance, OEA modules) and two Synapse sources whose only outside
//! references are a workspace's built-in default storage (adf-samplesv2's
//! `twitterhashtagsandbox-WorkspaceDefaultStorage`, aiab-synapse-pattern3's
//! `...-WorkspaceDefaultStorage`): twelve of the twenty-two v2 sources.

use adf_core::{FileKind, Severity};
use adf_e2e::{check_unit, json_files, shared};
use std::collections::{BTreeMap, BTreeSet};

/// (file under corpus/, rule, evidence that the file is at fault).
const EXEMPTIONS: &[(&str, &str, &str)] = &[
    // Pre-GA (2014 preview) shape, per MANIFEST.md: `properties.location`, activity
    // `transformation`, linked service types such as `AzureStorageLinkedService`. Not v1 GA JSON.
    ("v1/adf-samplesv1-json-custom-activity/LinkedServices/HDInsightLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-custom-activity/LinkedServices/HDInsightStorageLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-custom-activity/LinkedServices/StorageLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-custom-activity/Tables/InputTable1.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-custom-activity/Tables/InputTable2.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-custom-activity/Tables/OutputTable.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-hive/LinkedServices/HDInsightLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-hive/LinkedServices/HDInsightStorageLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-hive/LinkedServices/StorageLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-hive/Tables/InputTable.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-hive/Tables/OutputTable.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-pig/LinkedServices/HDInsightLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-pig/LinkedServices/HDInsightStorageLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-pig/LinkedServices/StorageLinkedService.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-pig/Tables/InputTable.json", "missing-required-property", PRE_GA),
    ("v1/adf-samplesv1-json-pig/Tables/OutputTable.json", "missing-required-property", PRE_GA),
    // MANIFEST.md: "the linked-service file starts with the text `Formatted JSON Data` before the JSON".
    ("v1/adf-samplesv1-json-custom-linkedservice-table/CustomLinkedService/YahooFinanceLinkedService.json", "invalid-json", "text before the JSON (MANIFEST.md)"),
    // The sample's README asks the user to fill these in: `"start": "yyyy-mm-ddT00:00:00Z"`.
    ("v1/cortana-pophealth-datalake/pipeline.json", "invalid-value", "`yyyy-mm-dd` date placeholders left in start/end"),
    // The article's dataset has `"type": " SqlServerTable"` with a leading space; ADF matches types exactly.
    ("v1/docs-snippets/data-factory-sqlserver-connector/11-dataset.json", "unknown-type", "leading space in the type name"),
    // The article's linked service is named `" HDInsightOnDemandLinkedService"` with a leading
    // space; the v1 naming rules page: names start with a letter, a number or an underscore.
    ("v1/docs-snippets/data-factory-compute-linked-services/3-linkedservice.json", "invalid-name", "leading space in the linked service name"),
    // Template-gallery templates are completed by the user after import: these leave a required
    // property for them to fill in (the stored procedure, the SSIS package, the staging dataset's
    // linked service), so the files as stored cannot be deployed.
    ("v2/adf-gallery-templates/Delta copy from Database/Delta copy from Database.json", "missing-required-property", GALLERY_TO_COMPLETE),
    ("v2/adf-gallery-templates/Schedule Azure-SSIS Integration Runtime to execute SSIS packages/Schedule Azure-SSIS Integration Runtime to execute SSIS packages.json", "missing-required-property", GALLERY_TO_COMPLETE),
    ("v2/adf-gallery-templates/Transform data using data flow with copy ingest/Transform data using data flow with copy ingest.json", "missing-required-property", GALLERY_TO_COMPLETE),
    // A Fabric-era template: its AzureFunctionActivity uses Fabric's shape (no `method`, an empty
    // `functionName` for the user to fill in), which ADF's AzureFunctionActivity does not take.
    ("v2/adf-gallery-templates/AI-Develop RAG pipeline using SQL database in Fabric/AI-Develop RAG pipeline using SQL database in Fabric.json", "missing-required-property", "Fabric activity shape, not ADF's"),
    // Datasets with `"folder": "OpenDataSet"`: the REST API's folder is an object `{"name": ...}`.
    ("v2/adf-samplesv2/DataIntegrationInABox/template.json", "invalid-value", "`folder` written as a string"),
    // Warnings, true: settings types misspelt in Microsoft's own gallery templates (the schema's
    // types end in `Settings`); what Data Factory does with an unknown settings type is not
    // documented, so these are warnings, not errors.
    ("v2/adf-gallery-templates/Incremental Copy From Sap Table/Incremental Copy From Sap Table.json", "unknown-type", "`AzureBlobStorageReadSetting` for `AzureBlobStorageReadSettings`"),
    ("v2/adf-gallery-templates/Movies Analytics/Movies Analytics.json", "unknown-type", "`AmazonS3ReadSetting` and `AzureBlobFSWriteSetting`, each without its final `s`"),
    // An issue repro trimmed by its author: an ExecuteDataFlow activity without `typeProperties`
    // (no data flow to run) cannot be published.
    ("v2/adftools-adhoc-issues/issue-240/pipeline/pl_nav_extract.json", "missing-required-property", "trimmed issue repro: ExecuteDataFlow without its data flow"),
];

const GALLERY_TO_COMPLETE: &str = "gallery template with a required property left for the user";
const PRE_GA: &str = "pre-GA 2014 preview shape (MANIFEST.md)";

/// Doc-snippet files that MANIFEST.md flags as not whole, valid entities.
fn flagged_snippets(manifest: &str) -> BTreeSet<String> {
    let mut flagged = BTreeSet::new();
    let mut article = None;
    for line in manifest.lines() {
        if let Some(rest) = line.strip_prefix("### ") {
            article = rest
                .contains("/docs-snippets/")
                .then(|| rest.trim().to_string());
            continue;
        }
        let Some(article) = &article else { continue };
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() >= 3 && cells[1].starts_with('`') {
            let file = cells[1].trim_matches('`');
            let flags = cells[2];
            if ["invalid-json", "fragment", "placeholder"]
                .iter()
                .any(|f| flags.contains(f))
            {
                flagged.insert(format!("{article}/{file}"));
            }
        }
    }
    flagged
}

/// A cross-file finding: (rule, the text it points at, unquoted).
type Finding = (&'static str, &'static str);

/// A source and the cross-file findings it must give, with the reason.
struct Pin {
    source: &'static str,
    why: &'static str,
    findings: &'static [Finding],
}

const PINS: &[Pin] = &[
    Pin {
        source: "v1/adf-samplesv1-analysis-services",
        why: "whole sample; true fault: its three pipeline files are alternative versions of one \
              pipeline and all use the name `tabular-processing-activity-test`",
        findings: &[("duplicate-name", "tabular-processing-activity-test")],
    },
    Pin {
        source: "v1/adf-samplesv1-java-hdinsight",
        why:
            "partial: pipelines and one dataset; the linked services and the R output dataset are \
              created by the sample's instructions. True fault: the Linux and Windows variants \
              both name their pipeline `AdfHDInsightJava`",
        findings: &[
            ("unresolved-reference", "StorageLinkedService"),
            ("unresolved-reference", "HDInsightLinkedService"),
            ("unresolved-reference", "MachineLearningOutput"),
            ("duplicate-name", "AdfHDInsightJava"),
        ],
    },
    Pin {
        source: "v1/adf-v1v2migration-v1",
        why: "whole factory; true fault: adf_FileSystemInput uses `LS-FileServer` but the linked \
              service in LS-FileServer.json is named `LS_FileServer`. Its dataset \
              `adf_stage_Dataset[truncated]` repeats `adf_stage_Dataset` (same table and linked \
              service) under another name, which no name rule can see; its LS-FileServer password \
              \"123456\" is a v1 inline secret: masked in every output, not reported (v1 had no \
              Key Vault references)",
        findings: &[("unresolved-reference", "LS-FileServer")],
    },
    Pin {
        source: "v1/cortana-pophealth-datalake",
        why:
            "partial: one pipeline and two datasets of a deployment guide; the other datasets and \
              the Data Lake linked services are created by the guide's other steps",
        findings: &[
            ("unresolved-reference", "AzureDataLakeStoreLinkedService"),
            (
                "unresolved-reference",
                "AzureDataLakeAnalyticsLinkedService",
            ),
            ("unresolved-reference", "02JoinedData"),
            ("unresolved-reference", "03ScoredData"),
            ("unresolved-reference", "04ProcessedForPBIData"),
            ("unresolved-reference", "05AppendedToHistoricData"),
        ],
    },
    Pin {
        source: "v2/adf-gallery-templates",
        why:
            "partial: gallery templates are imported into a user's factory, which must provide the \
              data flow runtime `myDataFlowCluster` and the linked services `Blob` and \
              `hdiOnDemand_storage_ls`. True fault: 'Transform data using data flow with copy \
              ingest' reads its SalesforceObject dataset with a BlobSource. True, as warnings: \
              the FHIR-to-FHIR copy and Delphix templates set pipeline variables inside ForEach \
              loops without `isSequential`, which run in parallel by default; the ForEach page's \
              limitations and the Set Variable page say pipeline variables are not scoped to an \
              iteration (not thread safe).",
        findings: &[
            ("unresolved-reference", "myDataFlowCluster"),
            ("unresolved-reference", "Blob"),
            ("unresolved-reference", "hdiOnDemand_storage_ls"),
            ("incompatible-reference", "SourceDatasetEntity"),
            ("variable-in-parallel-foreach", "applicationId"),
            ("variable-in-parallel-foreach", "currentSchema"),
            ("variable-in-parallel-foreach", "mountId"),
            ("variable-in-parallel-foreach", "sourceConnectorId"),
            ("variable-in-parallel-foreach", "sourceEnvironmentId"),
            ("variable-in-parallel-foreach", "sourceRuleset"),
            ("variable-in-parallel-foreach", "targetConnectorId"),
            ("variable-in-parallel-foreach", "targetEnvironmentId"),
            ("variable-in-parallel-foreach", "targetRuleset"),
            ("variable-in-parallel-foreach", "updatedFhirResource"),
        ],
    },
    Pin {
        source: "v2/adftools-adhoc-issues",
        why: "partial: issue repros trimmed by their authors, without the data flow and the \
              self-hosted runtime they name",
        findings: &[
            ("unresolved-reference", "intRunTimexxxOneAmieDev"),
            ("unresolved-reference", "DFLJsonFlattenConverations"),
        ],
    },
    Pin {
        source: "v2/adftools-bigfactorysample2",
        why:
            "whole factory; true fault: in 'Multiple Waits', `Wait 4` depends on `If Condition1`, \
              but the IfCondition activity is named `If Condition`",
        findings: &[("unknown-dependency", "If Condition1")],
    },
    Pin {
        source: "v2/adftools-test-factories",
        why:
            "partial: misc/ holds loose test files; the Cosmos DB dataset's linked service is not \
              among them",
        findings: &[("unresolved-reference", "LS_CosmosDbUat")],
    },
    Pin {
        source: "v2/dftf-test-pipelines",
        why:
            "partial: pipelines of a testing framework's examples, without the datasets and child \
              pipelines they use",
        findings: &[
            ("unresolved-reference", "copy_output_files"),
            ("unresolved-reference", "monitor_batch_job"),
            ("unresolved-reference", "DynamicBlobStorage"),
            ("unresolved-reference", "Binary"),
        ],
    },
    Pin {
        source: "v2/gofast-adf",
        why: "partial: the managed virtual network `default` is created by the deployment \
              (Terraform), not kept in the git folder",
        findings: &[("unresolved-reference", "default")],
    },
    Pin {
        source: "v2/gofast-arm-modules",
        why:
            "partial: ARM modules; the Azure Function linked service is deployed by another module",
        findings: &[("unresolved-reference", "SLS_AzureFunctionApp")],
    },
    Pin {
        source: "v2/mcw-synapse-lab-resources",
        why: "partial: a lab's datasets and pipeline; its linked services are created in the lab",
        findings: &[
            ("unresolved-reference", "sqlpool04"),
            ("unresolved-reference", "solliancepublicdata"),
        ],
    },
    Pin {
        source: "v2/mdw-adf-batch-preprocessing",
        why: "partial: properties-only files deployed by a script that names the linked services \
              on the command line (`AzureBlobStorage_LS`, `AzureKeyVault_LS`)",
        findings: &[
            ("unresolved-reference", "AzureBlobStorage_LS"),
            ("unresolved-reference", "AzureKeyVault_LS"),
        ],
    },
    Pin {
        source: "v2/mdw-governance-adf",
        why: "partial: datasets and a pipeline; the linked services are deployed separately",
        findings: &[
            ("unresolved-reference", "DataLakeStorage"),
            ("unresolved-reference", "SourceDataStorage"),
            ("unresolved-reference", "PresidioDatabricks"),
        ],
    },
    Pin {
        source: "v2/mdw-parking-sensors-synapse",
        why: "whole workspace; true faults: the ingest pipeline reads `Ds_Http_Parking_Bay` and \
              `Ds_Http_Parking_Bay_Sensors` with a RestSource and passes them `relativeurl`, but \
              both are Json datasets on an HttpServerLocation without parameters (the pipeline was \
              written for an earlier RestResource version of the datasets)",
        findings: &[
            ("incompatible-reference", "Ds_Http_Parking_Bay_Sensors"),
            ("incompatible-reference", "Ds_Http_Parking_Bay"),
            ("unknown-parameter-argument", "relativeurl"),
        ],
    },
    Pin {
        source: "v2/oea-module-pipelines",
        why: "partial: module pipelines that call the shared OEA framework's pipelines and \
              datasets, installed in the workspace separately. True, as a warning: \
              `1_land_insights_prod_data` sets `date_folder` inside a ForEach loop without \
              `isSequential` (parallel by default), where pipeline variables are shared by all \
              iterations (ForEach and Set Variable pages)",
        findings: &[
            ("variable-in-parallel-foreach", "date_folder"),
            ("unresolved-reference", "land_data_from_URL"),
            ("unresolved-reference", "land_metadata_from_URL"),
            ("unresolved-reference", "delete_dataset"),
            ("unresolved-reference", "Stage2npData_Parquet"),
            ("unresolved-reference", "Canvas Data Lake Sync"),
            ("unresolved-reference", "Stage1npData_CanvasDataFormat"),
            ("unresolved-reference", "Stage1npData_JSON"),
            ("unresolved-reference", "land_from_ls_datalake"),
            ("unresolved-reference", "DS_datalake_folder"),
            ("unresolved-reference", "ingest"),
            ("unresolved-reference", "create_sql_db"),
            ("unresolved-reference", "refine"),
            ("unresolved-reference", "DS_HTTP_binary"),
            ("unresolved-reference", "DS_datalake_file"),
            ("unresolved-reference", "ML_datalake_file5"),
            ("unresolved-reference", "DS_datalake_folder6"),
            ("unresolved-reference", "land_from_ls_datalake6"),
            ("unresolved-reference", "ingest6"),
            ("unresolved-reference", "land_metadata_from_URL3"),
            ("unresolved-reference", "refine3"),
            ("unresolved-reference", "create_sql_db3"),
        ],
    },
];

#[test]
fn corpus_has_no_false_errors() {
    let corpus = shared().join("corpus");
    let manifest = std::fs::read_to_string(corpus.join("MANIFEST.md")).expect("MANIFEST.md");
    let flagged = flagged_snippets(&manifest);
    assert_eq!(flagged.len(), 87, "MANIFEST.md flags not read as expected");

    // A unit of checking: one source, or one article of doc snippets.
    let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rel in json_files(&corpus) {
        let parts: Vec<&str> = rel.split('/').collect();
        let unit = if parts.get(1) == Some(&"docs-snippets") {
            parts[..3].join("/")
        } else {
            parts[..2].join("/")
        };
        if flagged.contains(&rel) {
            continue;
        }
        units.entry(unit).or_default().push(rel);
    }

    let mut single: BTreeSet<(String, String)> = BTreeSet::new();
    let mut details = Vec::new();
    let mut cross: BTreeMap<String, BTreeSet<(String, String)>> = BTreeMap::new();
    let (mut files, mut entities, mut arm, mut warnings) = (0, 0, 0, 0);
    for (unit, rels) in &units {
        let is_docs = unit.contains("/docs-snippets/");
        for (report, text) in check_unit(&corpus, rels) {
            files += 1;
            entities += report.entities;
            if report.kind == FileKind::ArmTemplate {
                arm += 1;
            }
            for d in &report.diagnostics {
                if d.rule.code >= "ADF0120" {
                    if !is_docs && d.severity <= Severity::Warning {
                        let at = text
                            .get(d.range.start..d.range.end)
                            .unwrap_or("")
                            .trim_matches('"');
                        cross
                            .entry(unit.clone())
                            .or_default()
                            .insert((d.rule.name.to_string(), at.to_string()));
                    }
                    continue;
                }
                if d.severity <= Severity::Warning {
                    single.insert((report.path.clone(), d.rule.name.to_string()));
                    details.push(format!("{}: {}: {}", report.path, d.rule.name, d.message));
                    if d.severity == Severity::Warning {
                        warnings += 1;
                    }
                }
            }
        }
    }
    println!(
        "corpus: {files} files checked in {} units, {entities} entities, {warnings} single-file \
         warnings; {arm} ARM template files, their resources checked like entity files",
        units.len()
    );
    assert!(
        files > 600 && arm > 200,
        "too few files: {files}, ARM {arm}"
    );

    let expected: BTreeSet<(String, String)> = EXEMPTIONS
        .iter()
        .map(|(f, r, _)| (f.to_string(), r.to_string()))
        .collect();
    let unexpected: Vec<&String> = details
        .iter()
        .filter(|d| {
            !expected
                .iter()
                .any(|(f, r)| d.starts_with(&format!("{f}: {r}:")))
        })
        .collect();
    let stale: Vec<&(String, String)> = expected.difference(&single).collect();
    assert!(
        unexpected.is_empty(),
        "false errors on real-world JSON:\n{unexpected:#?}"
    );
    assert!(
        stale.is_empty(),
        "exemptions that no longer occur (remove them): {stale:#?}"
    );

    let mut mismatches = Vec::new();
    for unit in units.keys().filter(|u| !u.contains("/docs-snippets/")) {
        let actual = cross.get(unit).cloned().unwrap_or_default();
        let pin = PINS.iter().find(|p| p.source == unit);
        let expected: BTreeSet<(String, String)> = pin
            .map(|p| {
                p.findings
                    .iter()
                    .map(|(r, t)| (r.to_string(), t.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        if actual != expected {
            mismatches.push(format!(
                "{unit} ({}):\n  unexpected: {:?}\n  missing: {:?}",
                pin.map_or("no pin: a whole source without faults", |p| p.why),
                actual.difference(&expected).collect::<Vec<_>>(),
                expected.difference(&actual).collect::<Vec<_>>()
            ));
        }
    }
    for pin in PINS {
        assert!(
            units.contains_key(pin.source),
            "pinned source {} is not in the corpus",
            pin.source
        );
    }
    assert!(
        mismatches.is_empty(),
        "cross-file findings differ from the pins:\n{}",
        mismatches.join("\n")
    );
}

/// Why the 'Unlock SharePoint' templates' findings are true (information: Microsoft's own
/// templates do it on purpose).
const SHAREPOINT: &str = "each `Extract ... From MGDC` If Condition leads to an Upon Completion \
    path (into the merge notebook) and an Upon Failure path (a Set Variable) at once, which \
    Microsoft's error-handling page says cannot coexist; when an extract fails, both run";

/// Every finding of the run-outcome rules in corpus/ and corpus-extra/, of any severity (the
/// pins above see errors and warnings only; `failure-swallowed` is information): (corpus, file,
/// rule, the activity name it points at, why it is true).
const OUTCOME_PINS: &[(&str, &str, &str, &str, &str)] = &[
    ("corpus", "v2/adf-gallery-templates/Identify file with latest epoch as prefix/Identify file with latest epoch as prefix.json",
     "failure-swallowed", "IterateFolder",
     "the ForEach that finds the latest file leads to `WriteLatestValueToJSON` on Upon Completion \
      only; that write is the only leaf, so a failed loop still ends in a Succeeded pipeline, \
      with whatever value the loop had reached written out"),
    ("corpus", "v2/adf-gallery-templates/Unlock SharePoint Capacity Insights/Unlock SharePoint Capacity Insights.json",
     "conflicting-dependency-conditions", "Extract Sites From MGDC", SHAREPOINT),
    ("corpus", "v2/adf-gallery-templates/Unlock SharePoint Capacity Insights/Unlock SharePoint Capacity Insights.json",
     "conflicting-dependency-conditions", "Extract Files From MGDC", SHAREPOINT),
    ("corpus", "v2/adf-gallery-templates/Unlock SharePoint Oversharing Insights/Unlock SharePoint Oversharing Insights.json",
     "conflicting-dependency-conditions", "Extract Sites From MGDC", SHAREPOINT),
    ("corpus", "v2/adf-gallery-templates/Unlock SharePoint Oversharing Insights/Unlock SharePoint Oversharing Insights.json",
     "conflicting-dependency-conditions", "Extract Permissions From MGDC", SHAREPOINT),
    ("corpus", "v2/procfwk-datafactory/pipeline/04-Infant.json",
     "failure-swallowed", "Set Pipeline Result",
     "the Switch that logs the worker's result leads to `Check For Alerts` on Upon Completion \
      only, and nothing after it reads the Switch: if logging the result fails, the infant \
      pipeline still reports Succeeded (the framework's own best-effort choice)"),
    ("corpus-extra", "procfwk-synapse/pipeline/04-Infant.json",
     "failure-swallowed", "Set Pipeline Result",
     "the Synapse port of the same procfwk pipeline, same reason"),
];

#[test]
fn run_outcome_findings_are_pinned() {
    const RULES: [&str; 3] = [
        "unreachable-activity",
        "failure-swallowed",
        "conflicting-dependency-conditions",
    ];
    let mut actual = BTreeSet::new();
    for root in ["corpus", "corpus-extra"] {
        let dir = shared().join(root);
        // One unit per source folder: the rules read one pipeline at a time.
        let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
        for rel in json_files(&dir) {
            let unit: Vec<&str> = rel.split('/').take(3).collect();
            units.entry(unit.join("/")).or_default().push(rel);
        }
        for rels in units.values() {
            for (report, text) in check_unit(&dir, rels) {
                for d in report
                    .diagnostics
                    .iter()
                    .filter(|d| RULES.contains(&d.rule.name))
                {
                    let at = text
                        .get(d.range.start..d.range.end)
                        .unwrap_or("")
                        .trim_matches('"');
                    actual.insert((
                        root.to_string(),
                        report.path.clone(),
                        d.rule.name.to_string(),
                        at.to_string(),
                    ));
                }
            }
        }
    }
    let expected: BTreeSet<(String, String, String, String)> = OUTCOME_PINS
        .iter()
        .map(|(c, f, r, t, _)| (c.to_string(), f.to_string(), r.to_string(), t.to_string()))
        .collect();
    assert_eq!(
        actual,
        expected,
        "run-outcome findings differ from OUTCOME_PINS:\nunexpected: {:#?}\nmissing: {:#?}",
        actual.difference(&expected).collect::<Vec<_>>(),
        expected.difference(&actual).collect::<Vec<_>>()
    );
}
