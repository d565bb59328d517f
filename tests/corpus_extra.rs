//! The second half of the real-world data: ../shared/corpus-extra (MANIFEST.md: 314 files from 17
//! public sources, none tuned for). Every error and warning of every unit is pinned below with
//! the evidence that the file is at fault, or, for a partial source, the reason a reference leaves
//! it. A finding that is not pinned fails the test, and so does a pin that no longer occurs: a rule
//! or severity change shows here before it lands.
//!
//! A unit is a source, or one folder of a source read from several folders of its repository
//! (MANIFEST.md gives such a source one row per folder).

use adf_core::Severity;
use adf_e2e::{check_unit, corpus_extra_units, shared};
use std::collections::{BTreeMap, BTreeSet};

/// An error or warning: (file under the unit, rule, the text it points at, unquoted).
type Finding = (&'static str, &'static str, &'static str);

/// A unit and the findings it must give, with the reason.
struct Pin {
    unit: &'static str,
    why: &'static str,
    findings: &'static [Finding],
}

const PINS: &[Pin] = &[
    Pin {
        unit: "adf-samples-json-copy-2015/Blob_Copy_OnpremSqlServer_Dest_Sample",
        why: "whole sample; true fault: the pipeline reads dataset `AzureBlobInput`, but the \
              sample's blob dataset (Tables/AzureBlobSource.json) is named `AzureBlobSource`",
        findings: &[(
            "Pipelines/AzureBlobToSqlserverSamplePipeline.json",
            "unresolved-reference",
            "AzureBlobInput",
        )],
    },
    Pin {
        unit: "adf-samples-spark",
        why: "whole sample; true faults: Pipeline.json holds an instruction text with unescaped \
              quotes inside a JSON string (`remove the \"--extraFiles\" option`), so it does not \
              parse; and `X2.json` is an alternative version of `X.json` that keeps its pipeline \
              name, so both cannot be deployed to one factory (as corpus/ \
              adf-samplesv1-analysis-services)",
        findings: &[
            ("Pipeline/Pipeline.json", "invalid-json", "--extraFiles"),
            ("Pipeline/AdfSparkSubmitJarCreateHiveTable.json", "duplicate-name", "AdfSparkSubmitJarCreateHiveTable"),
            ("Pipeline/AdfSparkSubmitJarCreateHiveTable2.json", "duplicate-name", "AdfSparkSubmitJarCreateHiveTable"),
            ("Pipeline/AdfSparkSubmitJarSimple.json", "duplicate-name", "AdfSparkSubmitJarSimple"),
            ("Pipeline/AdfSparkSubmitJarSimple2.json", "duplicate-name", "AdfSparkSubmitJarSimple"),
        ],
    },
    Pin {
        unit: "adf-v1v2migration-v2",
        why: "partial, and the output of a v1-to-v2 migration tool: the self-hosted integration \
              runtime `mygateway` is created in the target factory, not emitted. True faults the \
              tool left: a Copy activity with two inputs (v1 listed extra inputs for scheduling; \
              a v2 Copy reads the one dataset of its source) and SqlServerStoredProcedure \
              activities without `linkedServiceName` (required on the Stored Procedure activity's \
              page), both warnings",
        findings: &[
            ("LinkedService/LS-FileServer.json", "unresolved-reference", "mygateway"),
            ("Pipeline/adf_Second_Pipeline.json", "copy-dataset-count", "{\n            \"referenceName\": \"adf_stage_Dataset_truncated_\",\n            \"type"),
            ("Pipeline/adf_Second_Pipeline.json", "missing-required-property", "{"),
        ],
    },
    Pin {
        unit: "aiab-synapse-pattern4/synapse",
        why: "whole workspace; true fault, a warning: in `PL_move_data_from_SQL_to_Staging_area`, \
              `current_date_time` sets the pipeline variable `current_get_time` inside the ForEach \
              `Loop metadata`, which has no `isSequential` and so runs its iterations in parallel; \
              the variable is shared by all of them (ForEach and Set Variable pages)",
        findings: &[(
            "pipeline/PL_move_data_from_SQL_to_Staging_area.json",
            "variable-in-parallel-foreach",
            "current_get_time",
        )],
    },
    Pin {
        unit: "aiab-synapse-pattern4/workspace_publish_pattern_4",
        why: "the published ARM template of the same workspace: the same parallel ForEach setting \
              `current_get_time`",
        findings: &[(
            "TemplateForWorkspace.json",
            "variable-in-parallel-foreach",
            "current_get_time",
        )],
    },
    Pin {
        unit: "adftools-bigfactorysample2-vnet",
        why: "partial: the managed-VNet variant of a test factory keeps only its VNet-related \
              files; the self-hosted runtime `SharedIR-DEV2019` is in the full factory \
              (corpus/v2/adftools-bigfactorysample2/integrationRuntime/SharedIR-DEV2019.json)",
        findings: &[(
            "linkedService/LS_SqlServer_DEV19_AW2017.json",
            "unresolved-reference",
            "SharedIR-DEV2019",
        )],
    },
    Pin {
        unit: "cortana-pophealth-spark",
        why: "whole v1 factory; true fault: activity `PredictionsBlobToSQL` has a daily \
              `scheduler` but its output `PredictionsSQL` is available hourly, and v1 requires the \
              scheduler to match the output's availability (data-factory-scheduling-and-execution)",
        findings: &[(
            "Pipelines/predictionscopy.json",
            "v1-availability-mismatch",
            "scheduler",
        )],
    },
    Pin {
        unit: "gofast-adf-templates",
        why: "text templates, not a deployable factory: GoFast's deployment replaces `@GF{IR}` \
              with an integration runtime's name (IRA, IRB) before deploying, while the linked \
              service files already carry the `_IRA` names, so as stored the references do not \
              resolve and `@GF{IR}` is no expression. Partial: the managed VNet `default` and the \
              function-app linked service are deployed by other modules (as corpus/v2/gofast-*). \
              True faults: the AWS_RDSORA_* templates were copied from AZ_SQL_* without renaming \
              (same pipeline names), and AWS_RDSORA_Full_Load reads its Oracle dataset with an \
              AzureSqlSource and the AZ_SQL dataset's parameter names",
        findings: &[
            ("dataset/ADLSBinary_{IR}.json", "unresolved-reference", "GenericAzureDataLakeStorage_@GF{IR}"),
            ("dataset/ADLSDelimitedText_{IR}.json", "unresolved-reference", "GenericAzureDataLakeStorage_@GF{IR}"),
            ("dataset/ADLSExcel_{IR}.json", "unresolved-reference", "GenericAzureDataLakeStorage_@GF{IR}"),
            ("dataset/ADLSJson_{IR}.json", "unresolved-reference", "GenericAzureDataLakeStorage_@GF{IR}"),
            ("dataset/ADLSParquet_{IR}.json", "unresolved-reference", "GenericAzureDataLakeStorage_@GF{IR}"),
            ("dataset/AzureSqlTable_{IR}.json", "unresolved-reference", "GenericAzureSQL_@GF{IR}"),
            ("dataset/BlobBinary_{IR}.json", "unresolved-reference", "GenericBlobStorage_@GF{IR}"),
            ("dataset/BlobDelimitedText_{IR}.json", "unresolved-reference", "GenericBlobStorage_@GF{IR}"),
            ("dataset/BlobExcel_{IR}.json", "unresolved-reference", "GenericBlobStorage_@GF{IR}"),
            ("dataset/BlobJson_{IR}.json", "unresolved-reference", "GenericBlobStorage_@GF{IR}"),
            ("dataset/BlobParquet_{IR}.json", "unresolved-reference", "GenericBlobStorage_@GF{IR}"),
            ("dataset/FileBinary_{IR}.json", "unresolved-reference", "GenericFileServer_@GF{IR}"),
            ("dataset/FileParquet_{IR}.json", "unresolved-reference", "GenericFileServer_@GF{IR}"),
            ("dataset/SqlServerTable_{IR}.json", "unresolved-reference", "GenericMsSqlServer_@GF{IR}"),
            ("linkedService/GenericAzureDataLakeStorage_{IR}.json", "invalid-expression", "@GF{IR}"),
            ("linkedService/GenericAzureKeyVault_{IR}.json", "invalid-expression", "@GF{IR}"),
            ("linkedService/GenericAzureSQL_{IR}.json", "invalid-expression", "@GF{IR}"),
            ("linkedService/GenericBlobStorage_{IR}.json", "invalid-expression", "@GF{IR}"),
            ("linkedService/GenericFileServer_{IR}.json", "invalid-expression", "@GF{IR}"),
            ("linkedService/GenericMsSqlServer_{IR}.json", "invalid-expression", "@GF{IR}"),
            ("integrationRuntime/IRA.json", "unresolved-reference", "default"),
            ("integrationRuntime/IRB.json", "unresolved-reference", "default"),
            ("pipeline/AWS_RDSORA_AZ_Storage_Parquet_{IR}.json", "duplicate-name", "AZ_SQL_AZ_Storage_Parquet_@GF{IR}"),
            ("pipeline/AZ_SQL_AZ_Storage_Parquet_{IR}.json", "duplicate-name", "AZ_SQL_AZ_Storage_Parquet_@GF{IR}"),
            ("pipeline/AWS_RDSORA_Full_Load_{IR}.json", "duplicate-name", "AZ_SQL_Full_Load_@GF{IR}"),
            ("pipeline/AZ_SQL_Full_Load_{IR}.json", "duplicate-name", "AZ_SQL_Full_Load_@GF{IR}"),
            ("pipeline/AWS_RDSORA_Full_Load_{IR}.json", "incompatible-reference", "AmazonRdsForOracleTable_@GF{IR}"),
            ("pipeline/AWS_RDSORA_Full_Load_{IR}.json", "missing-parameter-argument", "AmazonRdsForOracleTable_@GF{IR}"),
            ("pipeline/AWS_RDSORA_Full_Load_{IR}.json", "unknown-parameter-argument", "Schema"),
            ("pipeline/AWS_RDSORA_Full_Load_{IR}.json", "unknown-parameter-argument", "Table"),
            ("pipeline/AWS_RDSORA_AZ_Storage_Parquet_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AWS_RDSORA_Full_Load_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_Function_Generic.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_SQL_AZ_Storage_Parquet_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_SQL_Create_Table_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_SQL_Full_Load_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_SQL_Post_Copy_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_SQL_Watermark_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/AZ_Storage_Parquet_AZ_SQL_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/Create_Task_Master_AZ_SQL_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/SH_SQL_AZ_Storage_Parquet_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/SH_SQL_Full_Load_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/SH_SQL_GEN_File_Parquet_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
            ("pipeline/SH_SQL_Watermark_{IR}.json", "unresolved-reference", "AzureFunctionAdsGoFastDataLakeAccelFunApp"),
        ],
    },
    Pin {
        unit: "mdw-synapse-integration-testing",
        why: "two folders of one workspace: the sample's deployment copies templates/ into \
              workspace/, so each folder names entities of the other; each finding says which \
              file holds the name (`[[factory]] folders` in adf.toml joins them)",
        findings: &[
            ("templates/pipeline/P_Sample3_template.json", "unresolved-reference", "Df_SaveToSQL"),
            ("templates/pipeline/P_Sample3_template.json", "unresolved-reference", "Ds_Egress_Parquet"),
            ("templates/pipeline/P_Sample3_template.json", "unresolved-reference", "Ds_Ingest_CSV"),
            ("workspace/dataflow/Df_SaveToSQL.json", "unresolved-reference", "Ds_SqlDW_Table"),
            ("workspace/linkedService/Ls_AdlsGen2_01.json", "unresolved-reference", "Ls_KeyVault_01"),
        ],
    },
    Pin {
        unit: "synapse-e2e-demo/artifacts",
        why: "whole workspace; true faults: the dataset's `StorageWithSaSUrl` expression \
              `@concat('https://...?SAS=REDACTED)` never closes its string literal (the SAS token \
              was cut out together with the closing quote); and two other datasets pass the \
              linked service a container SAS URL with its `sig=` signature written inline (valid \
              until 2028), a committed credential (plaintext-secret, a warning)",
        findings: &[
            (
                "dataset/Source_DataPrep_DS.json",
                "invalid-expression",
                "'https://medicaldl.blob.core.windows.net/source?SAS=REDACTED)",
            ),
            ("dataset/Source_DataPrep_Curated_DS.json", "plaintext-secret", "<masked>"),
            ("dataset/Source_DataPrep_Processed_DS.json", "plaintext-secret", "<masked>"),
        ],
    },
];

#[test]
fn corpus_extra_findings_are_all_pinned() {
    let extra = shared().join("corpus-extra");
    let units = corpus_extra_units(&extra);
    assert!(units.len() >= 25, "too few units: {}", units.len());

    let mut actual: BTreeMap<String, BTreeSet<(String, String, String)>> = BTreeMap::new();
    let mut files = 0;
    for (unit, rels) in &units {
        for (report, text) in check_unit(&extra, rels) {
            files += 1;
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.severity <= Severity::Warning)
            {
                // A pin never repeats a secret: the finding's place is enough.
                let at = if d.rule.name == "plaintext-secret" {
                    "<masked>"
                } else {
                    text.get(d.range.start..d.range.end)
                        .unwrap_or("")
                        .trim_matches('"')
                };
                let file = report
                    .path
                    .strip_prefix(&format!("{unit}/"))
                    .unwrap_or(&report.path);
                actual.entry(unit.clone()).or_default().insert((
                    file.to_string(),
                    d.rule.name.to_string(),
                    at.chars().take(80).collect(),
                ));
            }
        }
    }
    assert!(files >= 300, "too few files: {files}");

    let mut mismatches = Vec::new();
    for unit in units.keys() {
        let got = actual.get(unit).cloned().unwrap_or_default();
        let pin = PINS.iter().find(|p| p.unit == unit);
        let expected: BTreeSet<(String, String, String)> = pin
            .map(|p| {
                p.findings
                    .iter()
                    .map(|(f, r, t)| (f.to_string(), r.to_string(), t.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        if got != expected {
            let show = |set: Vec<&(String, String, String)>| {
                set.iter()
                    .map(|(f, r, t)| format!("            ({f:?}, {r:?}, {t:?}),"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            mismatches.push(format!(
                "{unit} ({}):\n  unexpected:\n{}\n  missing:\n{}",
                pin.map_or("no pin: a unit without faults", |p| p.why),
                show(got.difference(&expected).collect()),
                show(expected.difference(&got).collect()),
            ));
        }
    }
    for pin in PINS {
        assert!(
            units.contains_key(pin.unit),
            "pinned unit {} is not in corpus-extra",
            pin.unit
        );
        assert!(
            !pin.why.is_empty() && !pin.findings.is_empty(),
            "{}: a pin needs its reason and its findings",
            pin.unit
        );
    }
    assert!(
        mismatches.is_empty(),
        "errors and warnings on corpus-extra differ from the pins:\n{}",
        mismatches.join("\n")
    );
}
