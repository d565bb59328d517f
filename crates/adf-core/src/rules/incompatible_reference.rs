//! ## What it does
//! Reports a reference to an entity that exists but cannot serve where it is used:
//! - a name of the wrong kind: a dataset where a linked service is expected, a pipeline where a
//!   dataset is expected, and so on;
//! - an activity on a linked service of the wrong type: AzureMLBatchExecution,
//!   AzureMLUpdateResource and AzureMLBatchScoring need an `AzureML` linked service,
//!   AzureMLExecutePipeline `AzureMLService`, HDInsight activities `HDInsight` or
//!   `HDInsightOnDemand`, Databricks activities `AzureDatabricks`, DataLakeAnalyticsU-SQL
//!   `AzureDataLakeAnalytics`, Custom `AzureBatch`, AzureFunctionActivity `AzureFunction`,
//!   AzureDataExplorerCommand `AzureDataExplorer`, SqlServerStoredProcedure a SQL database;
//! - a Copy source or sink of a format or store other than its dataset's type (for example a
//!   `ParquetSource` reading a `DelimitedText` dataset); checked for the common pairs
//!   (DelimitedText, Parquet, Json, Avro, Orc, Binary, Excel, Xml, AzureSqlTable, SqlServerTable,
//!   AzureSqlDWTable, AzureSqlMITable, CosmosDbSqlApiCollection, RestResource, AzureTable,
//!   OracleTable, v1 AzureBlob);
//! - a dataset `location` of a store other than its linked service's type (an
//!   `AzureBlobFSLocation` on an `AzureBlobStorage` linked service).
//!
//! ## Why is this bad?
//! The reference resolves, but to an entity that cannot serve there: a copy source of one store
//! reading a dataset of another, an activity on a linked service of the wrong kind. The
//! activity is very likely not doing what was meant. Data Factory's documentation does not say
//! whether publishing catches this or only the run fails, so it is a warning.
//!
//! ## Example
//! `RetrainModel.json` (v1), where `Storage` is an AzureStorage linked service:
//! ```json
//! {
//!     "name": "RetrainModel",
//!     "properties": {
//!         "activities": [{
//!             "name": "Train", "type": "AzureMLBatchExecution", "linkedServiceName": "Storage",
//!             "inputs": [{"name": "Data"}], "outputs": [{"name": "Model"}],
//!             "typeProperties": {"webServiceInput": "Data", "webServiceOutputs": {"output1": "Model"}}
//!         }],
//!         "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"
//!     }
//! }
//! ```
//!
//! Use instead: `RetrainModel.json`, on the AzureML linked service `Training`:
//! ```json
//! {
//!     "name": "RetrainModel",
//!     "properties": {
//!         "activities": [{
//!             "name": "Train", "type": "AzureMLBatchExecution", "linkedServiceName": "Training",
//!             "inputs": [{"name": "Data"}], "outputs": [{"name": "Model"}],
//!             "typeProperties": {"webServiceInput": "Data", "webServiceOutputs": {"output1": "Model"}}
//!         }],
//!         "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"
//!     }
//! }
//! ```
//!
//! `Storage.json` (beside both):
//! ```json
//! {"name": "Storage", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=<a>;AccountKey=<k>"}}}
//! ```
//!
//! `Training.json` (beside both):
//! ```json
//! {"name": "Training", "properties": {"type": "AzureML", "typeProperties": {"mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/w/services/s/jobs", "apiKey": "<key>"}}}
//! ```
//!
//! `Data.json` (beside both):
//! ```json
//! {"name": "Data", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "external": true, "typeProperties": {"folderPath": "in"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```
//!
//! `Model.json` (beside both):
//! ```json
//! {"name": "Model", "properties": {"type": "AzureBlob", "linkedServiceName": "Storage", "typeProperties": {"folderPath": "out"}, "availability": {"frequency": "Day", "interval": 1}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity};
use crate::model::{FileModel, RefSite, Role};
use crate::workspace::Ctx;
use adf_catalog::EntityKind;

pub static RULE: Rule = Rule {
    code: "ADF0202",
    name: "incompatible-reference",
    severity: Severity::Warning,
    summary: "the entity exists but cannot serve here (wrong kind or type)",
    source: "src/rules/incompatible_reference.rs",
};

const SQL_DATABASES: &[&str] = &[
    "AzureSqlDatabase",
    "AzureSqlDW",
    "AzureSqlMI",
    "SqlServer",
    "AzureSqlDataWarehouse",
    "OnPremisesSqlServer",
    "AmazonRdsForSqlServer",
];

/// Linked service types an activity type runs on.
const ACTIVITY_LINKED_SERVICES: &[(&str, &[&str])] = &[
    ("AzureMLBatchExecution", &["AzureML"]),
    ("AzureMLUpdateResource", &["AzureML"]),
    ("AzureMLBatchScoring", &["AzureML"]),
    ("AzureMLExecutePipeline", &["AzureMLService"]),
    ("HDInsightHive", &["HDInsight", "HDInsightOnDemand"]),
    ("HDInsightPig", &["HDInsight", "HDInsightOnDemand"]),
    ("HDInsightMapReduce", &["HDInsight", "HDInsightOnDemand"]),
    ("HDInsightStreaming", &["HDInsight", "HDInsightOnDemand"]),
    ("HDInsightSpark", &["HDInsight", "HDInsightOnDemand"]),
    ("DatabricksNotebook", &["AzureDatabricks"]),
    ("DatabricksSparkJar", &["AzureDatabricks"]),
    ("DatabricksSparkPython", &["AzureDatabricks"]),
    ("DataLakeAnalyticsU-SQL", &["AzureDataLakeAnalytics"]),
    ("Custom", &["AzureBatch"]),
    ("AzureFunctionActivity", &["AzureFunction"]),
    ("AzureDataExplorerCommand", &["AzureDataExplorer"]),
    ("SqlServerStoredProcedure", SQL_DATABASES),
];

/// Dataset types a Copy source or sink type reads or writes.
const COPY_DATASETS: &[(&str, &[&str])] = &[
    ("DelimitedText", &["DelimitedText"]),
    ("Parquet", &["Parquet"]),
    ("Json", &["Json"]),
    ("Avro", &["Avro"]),
    ("Orc", &["Orc"]),
    ("Binary", &["Binary"]),
    ("Excel", &["Excel"]),
    ("Xml", &["Xml"]),
    ("AzureSql", &["AzureSqlTable"]),
    ("SqlServer", &["SqlServerTable"]),
    ("AzureSqlDW", &["AzureSqlDWTable"]),
    ("SqlDW", &["AzureSqlDWTable"]),
    ("SqlMI", &["AzureSqlMITable"]),
    ("CosmosDbSqlApi", &["CosmosDbSqlApiCollection"]),
    ("Rest", &["RestResource"]),
    ("AzureTable", &["AzureTable"]),
    ("Oracle", &["OracleTable"]),
    ("Blob", &["AzureBlob"]),
];

/// Linked service types a dataset location type lives on.
const LOCATION_LINKED_SERVICES: &[(&str, &[&str])] = &[
    // A Data Lake Gen2 account serves the Blob API too, and Synapse templates pair a Blob
    // location with an AzureBlobFS linked service (corpus: adf-samplesv2 DataIntegrationInABox).
    (
        "AzureBlobStorageLocation",
        &["AzureBlobStorage", "AzureStorage", "AzureBlobFS"],
    ),
    ("AzureBlobFSLocation", &["AzureBlobFS"]),
    ("AzureDataLakeStoreLocation", &["AzureDataLakeStore"]),
    ("AzureFileStorageLocation", &["AzureFileStorage"]),
    ("FileServerLocation", &["FileServer"]),
    ("AmazonS3Location", &["AmazonS3"]),
    ("AmazonS3CompatibleLocation", &["AmazonS3Compatible"]),
    ("GoogleCloudStorageLocation", &["GoogleCloudStorage"]),
    ("OracleCloudStorageLocation", &["OracleCloudStorage"]),
    ("HttpServerLocation", &["HttpServer"]),
    ("SftpLocation", &["Sftp"]),
    ("FtpServerLocation", &["FtpServer"]),
    ("HdfsLocation", &["Hdfs"]),
];

fn allowed<'t>(table: &'t [(&str, &'t [&str])], key: &str) -> Option<&'t [&'t str]> {
    table
        .iter()
        .find(|(k, _)| k.eq_ignore_ascii_case(key))
        .map(|(_, v)| *v)
}

fn fits(list: &[&str], t: &str) -> bool {
    list.iter().any(|a| a.eq_ignore_ascii_case(t))
}

/// The finding for a name that exists only as another kind of entity.
pub(crate) fn wrong_kind(r: &RefSite, actual: EntityKind) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        r.range,
        format!(
            "`{}` is a {}, but a {} is expected here",
            r.name,
            actual.words(),
            r.target.words()
        ),
    )
}

/// The Copy source or sink type without its `Source`/`Sink` suffix.
fn copy_store(t: &str) -> &str {
    t.strip_suffix("Source")
        .or_else(|| t.strip_suffix("Sink"))
        .unwrap_or(t)
}

/// Checks what each resolved reference points at.
pub(crate) fn check(model: &FileModel, ctx: &mut Ctx<'_>, out: &mut Vec<Diagnostic>) {
    for r in &model.refs {
        let found = ctx.lookup(r.target, &r.name);
        let [target] = found.as_slice() else { continue };
        let Some(target_type) = target.known_type() else {
            continue;
        };
        let entity = model.entities.get(r.entity);
        let activity = r
            .activity
            .and_then(|a| entity.and_then(|e| e.activities.get(a)));
        match (r.role, activity) {
            (Role::ActivityLinkedService, Some(act)) => {
                let Some(act_type) = act.type_name.as_deref() else {
                    continue;
                };
                if let Some(ok) = allowed(ACTIVITY_LINKED_SERVICES, act_type) {
                    if !fits(ok, target_type) {
                        out.push(Diagnostic::new(
                            &RULE,
                            r.range,
                            format!(
                                "a {act_type} activity needs a linked service of type {}, but `{}` is of type {target_type}",
                                ok.join(" or "),
                                r.name
                            ),
                        ));
                    }
                }
            }
            (Role::ActivityInput | Role::ActivityOutput, Some(act)) => {
                // Copy reads its first input and writes its first output; v1 lists further
                // datasets only to wait on their slices.
                let first = model
                    .refs
                    .iter()
                    .find(|o| o.entity == r.entity && o.activity == r.activity && o.role == r.role);
                if !first.is_some_and(|f| std::ptr::eq(f, r)) {
                    continue;
                }
                let side = if r.role == Role::ActivityInput {
                    &act.copy_source
                } else {
                    &act.copy_sink
                };
                let Some(side) = side else { continue };
                if let Some(ok) = allowed(COPY_DATASETS, copy_store(&side.name)) {
                    if !fits(ok, target_type) {
                        out.push(Diagnostic::new(
                            &RULE,
                            r.range,
                            format!(
                                "the copy {} is a {} but dataset `{}` is of type {target_type}; use a {} dataset or a {} {}",
                                if r.role == Role::ActivityInput { "source" } else { "sink" },
                                side.name,
                                r.name,
                                ok.join(" or "),
                                target_type,
                                if r.role == Role::ActivityInput { "source" } else { "sink" },
                            ),
                        ));
                    }
                }
            }
            (Role::DatasetLinkedService, _) => {
                let Some(loc) = entity
                    .and_then(|e| e.dataset.as_ref())
                    .and_then(|d| d.location_type.as_ref())
                else {
                    continue;
                };
                if let Some(ok) = allowed(LOCATION_LINKED_SERVICES, &loc.name) {
                    if !fits(ok, target_type) {
                        out.push(Diagnostic::new(
                            &RULE,
                            loc.range,
                            format!(
                                "location {} needs a linked service of type {}, but `{}` is of type {target_type}",
                                loc.name,
                                ok.join(" or "),
                                r.name
                            ),
                        ));
                    }
                }
            }
            _ => {}
        }
    }
}
