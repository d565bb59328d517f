//! Schema rules on shapes real factories carry (issue 12, "Trust"): each case is a pair of
//! minimal files, the real-world shape that must give no finding beside a true fault that is
//! still found, with the severity the policy in docs/rules/README.md gives it.

use crate::fixture;

use adf_core::{FileReport, Severity};

/// Single-file rules have codes below ADF0200 (syntax, file, schema, secrets).
fn single_file_rule(rule: &adf_core::Rule) -> bool {
    rule.code < "ADF0200"
}

#[track_caller]
fn assert_findings(fixture: &str) -> Vec<FileReport> {
    fixture::assert_findings_of(fixture, &single_file_rule)
}

/// The severity and message of the one finding of `rule` in the file named `path`.
#[track_caller]
fn finding(reports: &[FileReport], path: &str, rule: &str) -> (Severity, String) {
    let report = reports
        .iter()
        .find(|r| r.path.ends_with(path))
        .unwrap_or_else(|| panic!("no report for {path}"));
    let found: Vec<_> = report
        .diagnostics
        .iter()
        .filter(|d| d.rule.name == rule)
        .collect();
    assert_eq!(found.len(), 1, "{path}: {found:#?}");
    (found[0].severity, found[0].message.clone())
}

#[test]
fn unknown_property_near_miss_is_a_warning_other_names_a_hint() {
    let reports = assert_findings(
        r#"
//- f/dataset/Typo.json
{"name": "Typo", "properties": {"type": "AzureSqlTable", "linkedServiceName": {"referenceName": "Db", "type": "LinkedServiceReference"},
 "typeProperties": {"shema": "dbo", "table": "t"}}}
//                  ^ unknown-property
//- f/dataset/Newer.json
{"name": "Newer", "properties": {"type": "AzureSqlTable", "linkedServiceName": {"referenceName": "Db", "type": "LinkedServiceReference"},
 "typeProperties": {"schema": "dbo", "table": "t", "studioOnlySetting": 1}}}
//                                                 ^ unknown-property
"#,
    );
    let (sev, msg) = finding(&reports, "Typo.json", "unknown-property");
    assert_eq!(sev, Severity::Warning);
    assert!(msg.contains("did you mean `schema`"), "{msg}");
    let (sev, msg) = finding(&reports, "Newer.json", "unknown-property");
    assert_eq!(sev, Severity::Hint);
    assert!(msg.contains("not in the published schema"), "{msg}");
    assert!(!msg.contains("ignores"), "{msg}");
}

#[test]
fn studio_written_and_documented_properties_are_known() {
    assert_findings(
        r#"
//- f/pipeline/Studio.json
{"name": "Studio", "properties": {"lastModifiedByObjectId": "5f0c1e6a-0000-4000-8000-000000000000", "activities": [
  {"name": "Flag", "type": "SetVariable", "policy": {"timeout": "0.12:00:00", "retry": 0, "retryIntervalInSeconds": 30, "secureOutput": false},
   "typeProperties": {"variableName": "v", "value": "x"}},
  {"name": "Flow", "type": "ExecuteDataFlow", "typeProperties": {"dataFlow": {"referenceName": "F", "type": "DataFlowReference"},
   "cacheSinks": {"firstRowOnly": true}}}
 ], "variables": {"v": {"type": "String"}}}}
//- f/dataset/Mail.json
{"name": "Mail", "properties": {"type": "Office365Table", "linkedServiceName": {"referenceName": "O365", "type": "LinkedServiceReference"},
 "typeProperties": {"tableName": "BasicDataSet_v0.Message_v1", "dateFilterColumn": "CreatedDateTime",
  "startTime": "2024-01-01T00:00:00Z", "endTime": "2024-02-01T00:00:00Z",
  "userScopeFilterUri": "https://graph.microsoft.com/v1.0/users?$filter=Department eq 'Finance'"}}}
//- f/pipeline/StillChecked.json
{"name": "StillChecked", "properties": {"activities": [
  {"name": "Flag", "type": "SetVariable", "policy": {"retry": "three"}, "typeProperties": {"variableName": "v", "value": "x"}}
//                                                            ^ invalid-value
 ], "variables": {"v": {"type": "String"}}}}
"#,
    );
}

#[test]
fn unknown_type_near_miss_of_a_settings_or_activity_type_is_a_warning() {
    let reports = assert_findings(
        r#"
//- f/pipeline/Settings.json
{"name": "Settings", "properties": {"activities": [{"name": "C", "type": "Copy",
 "typeProperties": {"source": {"type": "BinarySource", "storeSettings": {"type": "AzureBlobStorageReadSetting"}}, "sink": {"type": "BinarySink"}}}]}}
//                                                                               ^ unknown-type
//- f/pipeline/Activity.json
{"name": "Activity", "properties": {"activities": [{"name": "W", "type": "Wiat", "typeProperties": {"waitTimeInSeconds": 1}}]}}
//                                                                       ^ unknown-type
//- f/pipeline/Newer.json
{"name": "Newer", "properties": {"activities": [{"name": "V", "type": "HoloLensRender", "typeProperties": {}}]}}
//                                                                    ^ unknown-type
"#,
    );
    let (sev, msg) = finding(&reports, "Settings.json", "unknown-type");
    assert_eq!(sev, Severity::Warning);
    assert!(
        msg.contains("did you mean `AzureBlobStorageReadSettings`"),
        "{msg}"
    );
    assert!(!msg.contains("ignores"), "{msg}");
    let (sev, _) = finding(&reports, "Activity.json", "unknown-type");
    assert_eq!(sev, Severity::Warning);
    let (sev, msg) = finding(&reports, "Newer.json", "unknown-type");
    assert_eq!(sev, Severity::Hint);
    assert!(msg.contains("ADF schemas"), "{msg}");
}

#[test]
fn prose_typed_string_takes_the_reference_object_studio_writes() {
    assert_findings(
        r#"
//- f/pipeline/Redirect.json
{"name": "Redirect", "properties": {"activities": [{"name": "C", "type": "Copy", "typeProperties": {
 "source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}, "enableSkipIncompatibleRow": true,
 "redirectIncompatibleRowSettings": {"linkedServiceName": {"referenceName": "Logs", "type": "LinkedServiceReference"}, "path": "errors"}}}]}}
//- f/pipeline/RedirectWrong.json
{"name": "RedirectWrong", "properties": {"activities": [{"name": "C", "type": "Copy", "typeProperties": {
 "source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"},
 "redirectIncompatibleRowSettings": {"linkedServiceName": 42, "path": "errors"}}}]}}
//                                                        ^ invalid-value
"#,
    );
}

#[test]
fn a_secure_string_stands_where_a_string_does() {
    assert_findings(
        r#"
//- f/linkedService/Ml.json
{"name": "Ml", "properties": {"type": "AzureMLService", "typeProperties": {"subscriptionId": "s", "resourceGroupName": "g", "mlWorkspaceName": "w",
 "servicePrincipalId": {"type": "SecureString", "value": "0d5c2b4e-0000-4000-8000-000000000000"}, "tenant": "t"}}}
//- f/linkedService/MlWrong.json
{"name": "MlWrong", "properties": {"type": "AzureMLService", "typeProperties": {"subscriptionId": "s", "resourceGroupName": "g", "mlWorkspaceName": "w",
 "servicePrincipalId": ["not", "a", "string"], "tenant": "t"}}}
//                     ^ invalid-value
"#,
    );
}

#[test]
fn negative_timespans_where_the_pattern_allows_them() {
    assert_findings(
        r#"
//- f/trigger/Hourly.json
{"name": "Hourly", "properties": {"type": "TumblingWindowTrigger",
 "pipeline": {"pipelineReference": {"referenceName": "P", "type": "PipelineReference"}},
 "typeProperties": {"frequency": "Hour", "interval": 1, "startTime": "2024-01-01T00:00:00Z", "maxConcurrency": 1,
  "dependsOn": [{"type": "SelfDependencyTumblingWindowTriggerReference", "offset": "-01:00:00", "size": "01:00:00"}]}}}
//- f/trigger/HourlyWrong.json
{"name": "HourlyWrong", "properties": {"type": "TumblingWindowTrigger",
 "pipeline": {"pipelineReference": {"referenceName": "P", "type": "PipelineReference"}},
 "typeProperties": {"frequency": "Hour", "interval": 1, "startTime": "2024-01-01T00:00:00Z", "maxConcurrency": 1,
  "dependsOn": [{"type": "SelfDependencyTumblingWindowTriggerReference", "offset": "-1 hour", "size": "01:00:00"}]}}}
//                                                                                 ^ invalid-value
"#,
    );
}

#[test]
fn snowflake_v2_table_without_type_properties() {
    assert_findings(
        r#"
//- f/dataset/Snow.json
{"name": "Snow", "properties": {"type": "SnowflakeV2Table", "linkedServiceName": {"referenceName": "Sf", "type": "LinkedServiceReference"}}}
//- f/dataset/SnowWrong.json
   {"name": "SnowWrong", "properties": {"type": "SnowflakeV2Table"}}
//                       ^ missing-required-property
"#,
    );
}

#[test]
fn stored_procedure_activity_needs_its_database() {
    assert_findings(
        r#"
//- f/pipeline/Proc.json
{"name": "Proc", "properties": {"activities": [{"name": "Run", "type": "SqlServerStoredProcedure",
 "linkedServiceName": {"referenceName": "Db", "type": "LinkedServiceReference"},
 "typeProperties": {"storedProcedureName": "dbo.Load"}}]}}
//- f/pipeline/ProcWrong.json
{"name": "ProcWrong", "properties": {"activities": [{"name": "Run", "type": "SqlServerStoredProcedure",
//                                                  ^ missing-required-property
 "typeProperties": {"storedProcedureName": "dbo.Load"}}]}}
"#,
    );
}

#[test]
fn copy_reads_one_dataset_and_writes_one() {
    let reports = assert_findings(
        r#"
//- f/pipeline/One.json
{"name": "One", "properties": {"annotations": [], "activities": [{"name": "C", "type": "Copy",
 "inputs": [{"referenceName": "In", "type": "DatasetReference"}], "outputs": [{"referenceName": "Out", "type": "DatasetReference"}],
 "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}}]}}
//- f/pipeline/Two.json
{"name": "Two", "properties": {"annotations": [], "activities": [{"name": "C", "type": "Copy",
 "inputs": [{"referenceName": "In", "type": "DatasetReference"}, {"referenceName": "In2", "type": "DatasetReference"}],
//                                                               ^ copy-dataset-count
 "outputs": [{"referenceName": "Out", "type": "DatasetReference"}],
 "typeProperties": {"source": {"type": "BinarySource"}, "sink": {"type": "BinarySink"}}}]}}
"#,
    );
    let (sev, msg) = finding(&reports, "Two.json", "copy-dataset-count");
    assert_eq!(sev, Severity::Warning);
    assert!(msg.contains("lists 2 inputs"), "{msg}");
}

#[test]
fn stand_in_secrets_are_not_reported_real_ones_are() {
    let reports = assert_findings(
        r#"
//- f/linkedService/Sql.json
{"name": "Sql", "properties": {"type": "AzureSqlDatabase", "typeProperties": {
 "connectionString": {"type": "SecureString", "value": "Server=tcp:foo.database.windows.net,1433;Database=bar;User ID=u@foo;Password=abcd;Encrypt=True"}}}}
//- f/linkedService/Integrated.json
{"name": "Integrated", "properties": {"type": "SqlServer", "typeProperties": {
 "connectionString": "Data Source=sql01;Initial Catalog=sales;Integrated Security=True"}}}
//- f/linkedService/Files.json
{"name": "Files", "properties": {"type": "FileServer", "typeProperties": {"host": "\\\\srv\\share", "userId": "u", "password": "123456"}}}
//- f/linkedService/Prose.json
{"name": "Prose", "properties": {"type": "AzureSqlDatabase", "typeProperties": {"connectionString": "Sql Connection String"}}}
//- f/linkedService/Open.json
{"name": "Open", "properties": {"type": "AzureBlobStorage", "typeProperties": {
 "sasUri": "https://open.blob.core.windows.net/public/data.parquet?\"\""}}}
//- f/linkedService/Key.json
{"name": "Key", "properties": {"type": "AzureBlobStorage", "typeProperties": {
 "connectionString": "DefaultEndpointsProtocol=https;AccountName=sales;AccountKey=q1w2e3r4t5y6u7i8o9p0Zx+Y/w=="}}}
//                                                                                ^ plaintext-secret
//- f/linkedService/Sas.json
{"name": "Sas", "properties": {"type": "AzureBlobStorage", "typeProperties": {
 "sasUri": "https://sales.blob.core.windows.net/c?sv=2022-11-02&sp=r&sig=Zm9vYmFyYmF6cXV4MTIzNDU2Nzg5MA%3D"}}}
//                                                                       ^ plaintext-secret
"#,
    );
    let (sev, _) = finding(&reports, "Key.json", "plaintext-secret");
    assert_eq!(sev, Severity::Warning);
}
