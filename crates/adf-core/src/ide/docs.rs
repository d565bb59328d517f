//! Links to the official documentation page of an entity or activity type, built from the
//! pages' addresses (facts), never from their text.

use adf_catalog::EntityKind;

const BASE: &str = "https://learn.microsoft.com/azure/data-factory/";

/// Page of each activity type (lower case).
const ACTIVITIES: &[(&str, &str)] = &[
    ("appendvariable", "control-flow-append-variable-activity"),
    ("copy", "copy-activity-overview"),
    ("delete", "delete-activity"),
    ("executedataflow", "control-flow-execute-data-flow-activity"),
    ("executepipeline", "control-flow-execute-pipeline-activity"),
    ("fail", "control-flow-fail-activity"),
    ("filter", "control-flow-filter-activity"),
    ("foreach", "control-flow-for-each-activity"),
    ("getmetadata", "control-flow-get-metadata-activity"),
    ("ifcondition", "control-flow-if-condition-activity"),
    ("lookup", "control-flow-lookup-activity"),
    ("script", "transform-data-using-script"),
    ("setvariable", "control-flow-set-variable-activity"),
    (
        "sqlserverstoredprocedure",
        "transform-data-using-stored-procedure",
    ),
    ("switch", "control-flow-switch-activity"),
    ("until", "control-flow-until-activity"),
    ("validation", "control-flow-validation-activity"),
    ("wait", "control-flow-wait-activity"),
    ("webactivity", "control-flow-web-activity"),
    ("webhook", "control-flow-webhook-activity"),
];

/// Page of each linked service, dataset or trigger type (lower case).
const TYPES: &[(&str, &str)] = &[
    ("amazons3", "connector-amazon-simple-storage-service"),
    ("avro", "format-avro"),
    ("azureblobfs", "connector-azure-data-lake-storage"),
    ("azureblobfsfile", "connector-azure-data-lake-storage"),
    ("azureblobstorage", "connector-azure-blob-storage"),
    ("azurekeyvault", "store-credentials-in-key-vault"),
    ("azuresqldatabase", "connector-azure-sql-database"),
    ("azuresqldw", "connector-azure-sql-data-warehouse"),
    ("azuresqldwtable", "connector-azure-sql-data-warehouse"),
    ("azuresqlmi", "connector-azure-sql-managed-instance"),
    ("azuresqltable", "connector-azure-sql-database"),
    ("azuretablestorage", "connector-azure-table-storage"),
    ("binary", "format-binary"),
    ("blobeventstrigger", "how-to-create-event-trigger"),
    ("cosmosdb", "connector-azure-cosmos-db"),
    ("customeventstrigger", "how-to-create-custom-event-trigger"),
    ("delimitedtext", "format-delimited-text"),
    ("excel", "format-excel"),
    ("fileserver", "connector-file-system"),
    ("ftpserver", "connector-ftp"),
    ("httpserver", "connector-http"),
    ("json", "format-json"),
    ("odata", "connector-odata"),
    ("oracle", "connector-oracle"),
    ("orc", "format-orc"),
    ("parquet", "format-parquet"),
    ("restservice", "connector-rest"),
    ("salesforce", "connector-salesforce"),
    ("scheduletrigger", "how-to-create-schedule-trigger"),
    ("sftp", "connector-sftp"),
    ("snowflake", "connector-snowflake"),
    ("sqlserver", "connector-sql-server"),
    ("sqlservertable", "connector-sql-server"),
    (
        "tumblingwindowtrigger",
        "how-to-create-tumbling-window-trigger",
    ),
    ("xml", "format-xml"),
];

/// The overview page of each kind, when the type has no page of its own.
fn kind_page(kind: EntityKind) -> Option<&'static str> {
    Some(match kind {
        EntityKind::Pipeline => "concepts-pipelines-activities",
        EntityKind::Dataset => "concepts-datasets-linked-services",
        EntityKind::LinkedService => "concepts-linked-services",
        EntityKind::Trigger => "concepts-pipeline-execution-triggers",
        EntityKind::DataFlow => "concepts-data-flow-overview",
        EntityKind::IntegrationRuntime => "concepts-integration-runtime",
        _ => return None,
    })
}

fn find(table: &'static [(&'static str, &'static str)], type_name: &str) -> Option<&'static str> {
    let t = type_name.to_ascii_lowercase();
    table.iter().find(|(k, _)| *k == t).map(|(_, page)| *page)
}

/// The documentation page of an activity type.
pub(crate) fn activity_page(type_name: &str) -> Option<String> {
    find(ACTIVITIES, type_name).map(|p| format!("{BASE}{p}"))
}

/// The documentation page of an entity's type, or of its kind when the type has none (v2 only:
/// v1 pages are retired).
pub(crate) fn entity_page(kind: EntityKind, type_name: Option<&str>) -> Option<String> {
    type_name
        .and_then(|t| find(TYPES, t))
        .or_else(|| kind_page(kind))
        .map(|p| format!("{BASE}{p}"))
}
