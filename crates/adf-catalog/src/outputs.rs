//! What an activity run gives an expression: `activity('X')` itself (`output`, `Status`,
//! `error`) and the shape of `activity('X').output` per activity type. Every member names the
//! Microsoft Learn page it is read from; the descriptions are this project's words.
//!
//! A shape is *closed* when its page lists every member (or the settings decide them, as a Get
//! Metadata `fieldList` does): a member it does not list is reported. An *open* shape (a web
//! response, a Lookup row, a notebook's exit value) lists what is known and claims nothing else.

use crate::JsonType;

/// The Lookup activity page.
pub const LOOKUP_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-lookup-activity";
/// The Get Metadata activity page.
pub const GET_METADATA_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-get-metadata-activity";
/// The Copy activity monitoring page (its "Monitor programmatically" table).
pub const COPY_MONITORING_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/copy-activity-monitoring";
/// The pipeline return value tutorial (Execute Pipeline output).
pub const RETURN_VALUE_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-return-value";
/// The Web activity page.
pub const WEB_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-web-activity";
/// The Databricks Notebook activity page.
pub const DATABRICKS_NOTEBOOK_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/transform-data-databricks-notebook";
/// The Script activity page (its "Activity output" section).
pub const SCRIPT_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/transform-data-using-script";
/// The Filter activity page.
pub const FILTER_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-filter-activity";
/// The WebHook activity page (the callback's `Output` becomes the activity output).
pub const WEBHOOK_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-webhook-activity";
/// The Azure Function activity page.
pub const AZURE_FUNCTION_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-azure-function-activity";
/// The Synapse notebook activity page (its "Synapse notebook activity output" sample).
pub const SYNAPSE_NOTEBOOK_PAGE: &str =
    "https://learn.microsoft.com/azure/synapse-analytics/synapse-notebook-activity";
/// The error-handling tutorial (`activity('X').Status`).
pub const ERROR_HANDLING_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling";
/// The Fail activity page (an activity's error message and error code).
pub const FAIL_PAGE: &str =
    "https://learn.microsoft.com/azure/data-factory/control-flow-fail-activity";

/// When a member is in the output, as the activity's settings decide.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Presence {
    /// Whatever the settings.
    Always,
    /// Lookup with `firstRowOnly` true or absent (its default is true).
    FirstRowOnly,
    /// Lookup with `firstRowOnly` false.
    AllRows,
    /// Get Metadata: only when the member is named in `fieldList`.
    Requested,
    /// Execute Pipeline with `waitOnCompletion` true or absent (its default is true).
    WaitOnCompletion,
}

/// One member of an output (or of a value inside it).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct OutputMember {
    /// Its name as documented (expressions match it without regard to case).
    pub name: &'static str,
    /// Its JSON type.
    pub ty: JsonType,
    /// What it holds, in this project's words.
    pub doc: &'static str,
    /// The page that documents it.
    pub source: &'static str,
    /// When it is there.
    pub presence: Presence,
    /// The members of the value (an object) or of each element (an array), when known.
    pub shape: Option<&'static Shape>,
}

/// The members of an object value.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Shape {
    /// The documented members.
    pub members: &'static [OutputMember],
    /// Other members may exist: nothing beyond `members` is claimed or reported.
    pub open: bool,
    /// The run facts Data Factory adds to activity outputs ([`RUN_METADATA`]) belong here too.
    pub run_metadata: bool,
    /// Connectors may add members the list does not have (a Copy from SAP BW Open Hub adds its
    /// request id): only a near miss of a listed name is worth reporting.
    pub extensible: bool,
}

impl Shape {
    /// The member named `name` (ASCII case aside), the run metadata included.
    pub fn member(&self, name: &str) -> Option<&'static OutputMember> {
        self.all().find(|m| m.name.eq_ignore_ascii_case(name))
    }

    /// Every documented member, the run metadata last.
    pub fn all(&self) -> impl Iterator<Item = &'static OutputMember> {
        let extra: &'static [OutputMember] = if self.run_metadata { RUN_METADATA } else { &[] };
        self.members.iter().chain(extra.iter())
    }
}

/// The output of one activity type.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct ActivityOutput {
    /// The activity `type` (matched without regard to case).
    pub activity_type: &'static str,
    /// What `activity('X').output` holds.
    pub shape: &'static Shape,
    /// The page that documents it.
    pub source: &'static str,
}

const fn m(
    name: &'static str,
    ty: JsonType,
    doc: &'static str,
    source: &'static str,
) -> OutputMember {
    OutputMember {
        name,
        ty,
        doc,
        source,
        presence: Presence::Always,
        shape: None,
    }
}

const fn when(mut member: OutputMember, presence: Presence) -> OutputMember {
    member.presence = presence;
    member
}

const fn with(mut member: OutputMember, shape: &'static Shape) -> OutputMember {
    member.shape = Some(shape);
    member
}

const fn closed(members: &'static [OutputMember]) -> Shape {
    Shape {
        members,
        open: false,
        run_metadata: false,
        extensible: false,
    }
}

const fn open(members: &'static [OutputMember]) -> Shape {
    Shape {
        members,
        open: true,
        run_metadata: false,
        extensible: false,
    }
}

const fn output(members: &'static [OutputMember]) -> Shape {
    Shape {
        members,
        open: false,
        run_metadata: true,
        extensible: false,
    }
}

/// A row or an object whose members come from the data (Lookup rows, responses, return values).
pub static DATA: Shape = open(&[]);

/// `activity('X').error`: what a failed run reports.
pub static ERROR: Shape = open(&[
    m(
        "message",
        JsonType::String,
        "The error message of the failed run.",
        FAIL_PAGE,
    ),
    m(
        "errorCode",
        JsonType::String,
        "The error code of the failed run.",
        FAIL_PAGE,
    ),
]);

/// `activity('X')`: the activity run. Open: the run record may hold members the pages do not
/// list, so none is reported.
pub static ACTIVITY_RUN: Shape = open(&[
    m(
        "output",
        JsonType::Object,
        "What the activity returned; its members depend on the activity type.",
        ERROR_HANDLING_PAGE,
    ),
    m(
        "Status",
        JsonType::String,
        "How the run ended: `Succeeded` or `Failed`.",
        ERROR_HANDLING_PAGE,
    ),
    with(
        m(
            "error",
            JsonType::Object,
            "The error of a failed run (`message`, `errorCode`).",
            FAIL_PAGE,
        ),
        &ERROR,
    ),
]);

/// Run facts Data Factory adds to activity outputs; the Copy monitoring page and the Synapse
/// notebook output sample show them.
pub static RUN_METADATA: &[OutputMember] = &[
    m(
        "effectiveIntegrationRuntime",
        JsonType::String,
        "The integration runtime(s) the run used, as `<name> (<region>)`.",
        COPY_MONITORING_PAGE,
    ),
    m(
        "billingReference",
        JsonType::Object,
        "What the run consumed, for billing.",
        COPY_MONITORING_PAGE,
    ),
    m(
        "durationInQueue",
        JsonType::Object,
        "Seconds spent queued before the run started.",
        COPY_MONITORING_PAGE,
    ),
    m(
        "executionDuration",
        JsonType::Integer,
        "How long the activity ran, in seconds.",
        SYNAPSE_NOTEBOOK_PAGE,
    ),
];

static LOOKUP: Shape = output(&[
    with(
        when(
            m(
                "firstRow",
                JsonType::Object,
                "The first row (its columns are the members); only with `firstRowOnly` true, the default.",
                LOOKUP_PAGE,
            ),
            Presence::FirstRowOnly,
        ),
        &DATA,
    ),
    when(
        m(
            "count",
            JsonType::Integer,
            "How many rows came back; only with `firstRowOnly` false.",
            LOOKUP_PAGE,
        ),
        Presence::AllRows,
    ),
    with(
        when(
            m(
                "value",
                JsonType::Array,
                "Every row, as an array of objects; only with `firstRowOnly` false.",
                LOOKUP_PAGE,
            ),
            Presence::AllRows,
        ),
        &DATA,
    ),
]);

/// The `name`/`type` pair of Get Metadata's `childItems` and `structure` entries.
static NAME_TYPE: Shape = closed(&[
    m(
        "name",
        JsonType::String,
        "The name (of the child item or column).",
        GET_METADATA_PAGE,
    ),
    m(
        "type",
        JsonType::String,
        "The type: `File` or `Folder` for a child item, the data type for a column.",
        GET_METADATA_PAGE,
    ),
]);

const fn field(name: &'static str, ty: JsonType, doc: &'static str) -> OutputMember {
    when(m(name, ty, doc, GET_METADATA_PAGE), Presence::Requested)
}

static GET_METADATA: Shape = output(&[
    field(
        "itemName",
        JsonType::String,
        "The file or folder name.",
    ),
    field(
        "itemType",
        JsonType::String,
        "`File` or `Folder`.",
    ),
    field("size", JsonType::Integer, "The file size in bytes (files only)."),
    field(
        "created",
        JsonType::String,
        "When the file or folder was created.",
    ),
    field(
        "lastModified",
        JsonType::String,
        "When the file or folder last changed.",
    ),
    with(
        field(
            "childItems",
            JsonType::Array,
            "The folder's subfolders and files, each with `name` and `type` (folders only).",
        ),
        &NAME_TYPE,
    ),
    field(
        "contentMD5",
        JsonType::String,
        "The file's MD5 hash (files only).",
    ),
    with(
        field(
            "structure",
            JsonType::Array,
            "The columns of the file or table, each with `name` and `type`.",
        ),
        &NAME_TYPE,
    ),
    field(
        "columnCount",
        JsonType::Integer,
        "How many columns the file or table has.",
    ),
    field(
        "exists",
        JsonType::Boolean,
        "Whether the file, folder or table exists; asking for it keeps a missing one from failing the run.",
    ),
]);

const fn copy(name: &'static str, ty: JsonType, doc: &'static str) -> OutputMember {
    m(name, ty, doc, COPY_MONITORING_PAGE)
}

/// The SAP BW loading tutorial (a Copy from SAP BW Open Hub reports its highest request id).
pub const SAP_BW_PAGE: &str = "https://learn.microsoft.com/azure/data-factory/load-sap-bw-data";

/// Extensible: connector pages document members of their own.
static COPY: Shape = Shape {
    members: COPY_MEMBERS,
    open: false,
    run_metadata: true,
    extensible: true,
};

static COPY_MEMBERS: &[OutputMember] = &[
    copy("dataRead", JsonType::Integer, "Bytes read from the source."),
    copy(
        "dataWritten",
        JsonType::Integer,
        "Bytes written to the sink.",
    ),
    copy(
        "filesRead",
        JsonType::Integer,
        "Files read from a file-based source.",
    ),
    copy(
        "filesWritten",
        JsonType::Integer,
        "Files written to a file-based sink.",
    ),
    copy(
        "filesSkipped",
        JsonType::Integer,
        "Files of the source that were skipped.",
    ),
    copy(
        "dataConsistencyVerification",
        JsonType::Object,
        "The result of the copied data's consistency check.",
    ),
    copy(
        "sourcePeakConnections",
        JsonType::Integer,
        "The most connections open to the source at once.",
    ),
    copy(
        "sinkPeakConnections",
        JsonType::Integer,
        "The most connections open to the sink at once.",
    ),
    copy(
        "rowsRead",
        JsonType::Integer,
        "Rows read from the source (not for files copied as-is).",
    ),
    copy(
        "rowsCopied",
        JsonType::Integer,
        "Rows written to the sink (not for files copied as-is).",
    ),
    copy(
        "rowsSkipped",
        JsonType::Integer,
        "Incompatible rows skipped (with `enableSkipIncompatibleRow`).",
    ),
    copy(
        "copyDuration",
        JsonType::Integer,
        "How long the copy took, in seconds.",
    ),
    copy("throughput", JsonType::Number, "Transfer rate in KBps."),
    copy(
        "sqlDwPolyBase",
        JsonType::Boolean,
        "Whether PolyBase loaded the data into Azure Synapse Analytics.",
    ),
    copy(
        "redshiftUnload",
        JsonType::Boolean,
        "Whether UNLOAD read the data from Redshift.",
    ),
    copy(
        "hdfsDistcp",
        JsonType::Boolean,
        "Whether DistCp read the data from HDFS.",
    ),
    copy(
        "usedDataIntegrationUnits",
        JsonType::Integer,
        "The Data Integration Units the copy used.",
    ),
    copy(
        "usedParallelCopies",
        JsonType::Integer,
        "The parallel copies the copy used.",
    ),
    copy(
        "logPath",
        JsonType::String,
        "Where the session log of skipped data is.",
    ),
    copy(
        "redirectRowPath",
        JsonType::String,
        "Where the log of skipped incompatible rows is (earlier versions of the page).",
    ),
    copy(
        "executionDetails",
        JsonType::Array,
        "The stages of the copy with their durations and settings (its layout may change).",
    ),
    copy(
        "perfRecommendation",
        JsonType::Array,
        "Performance tuning tips for this run.",
    ),
    copy(
        "errors",
        JsonType::Array,
        "The errors of the run (in the page's example output).",
    ),
    m(
        "sapOpenHubMaxRequestId",
        JsonType::String,
        "With an SAP BW Open Hub source: the highest request id copied (the next high watermark).",
        SAP_BW_PAGE,
    ),
];

static EXECUTE_PIPELINE: Shape = open(&[with(
    when(
        m(
            "pipelineReturnValue",
            JsonType::Object,
            "The keys the child pipeline set as its return value; needs `waitOnCompletion`.",
            RETURN_VALUE_PAGE,
        ),
        Presence::WaitOnCompletion,
    ),
    &DATA,
)]);

static DATABRICKS_NOTEBOOK: Shape = open(&[with(
    m(
        "runOutput",
        JsonType::Object,
        "What the notebook passed to `dbutils.notebook.exit`.",
        DATABRICKS_NOTEBOOK_PAGE,
    ),
    &DATA,
)]);

static SCRIPT_RESULT_SET: Shape = open(&[
    m(
        "rowCount",
        JsonType::Integer,
        "How many rows the result set has.",
        SCRIPT_PAGE,
    ),
    with(
        m(
            "rows",
            JsonType::Array,
            "The rows of the result set.",
            SCRIPT_PAGE,
        ),
        &DATA,
    ),
]);

/// Open: the page's sample output ends in `...`.
static SCRIPT: Shape = open(&[
    m(
        "resultSetCount",
        JsonType::Integer,
        "How many result sets the script returned.",
        SCRIPT_PAGE,
    ),
    with(
        m(
            "resultSets",
            JsonType::Array,
            "The result sets, each with `rowCount` and `rows`.",
            SCRIPT_PAGE,
        ),
        &SCRIPT_RESULT_SET,
    ),
    m(
        "recordsAffected",
        JsonType::Integer,
        "Rows a non-query script changed.",
        SCRIPT_PAGE,
    ),
    with(
        m(
            "outputParameters",
            JsonType::Object,
            "The script's output parameters by name.",
            SCRIPT_PAGE,
        ),
        &DATA,
    ),
    m(
        "outputLogs",
        JsonType::String,
        "What the script logged, when logs go to the activity output.",
        SCRIPT_PAGE,
    ),
    m(
        "outputTruncated",
        JsonType::Boolean,
        "Whether the output was cut at its size limit.",
        SCRIPT_PAGE,
    ),
]);

/// Open: the Filter page shows `value` only, while runs return more.
static FILTER: Shape = open(&[with(
    m(
        "value",
        JsonType::Array,
        "The items that met the condition.",
        FILTER_PAGE,
    ),
    &DATA,
)]);

/// Open: the page shows the status object in a sample only.
static SYNAPSE_NOTEBOOK: Shape = open(&[with(
    m(
        "status",
        JsonType::Object,
        "The notebook run's state; its `Output.result` holds the exit value and the run id.",
        SYNAPSE_NOTEBOOK_PAGE,
    ),
    &DATA,
)]);

/// Open: the function's response.
static AZURE_FUNCTION: Shape = open(&[m(
    "statusQueryGetUri",
    JsonType::String,
    "For a Durable Function: the address to poll for its status.",
    AZURE_FUNCTION_PAGE,
)]);

/// Every activity type whose output is documented, in no particular order.
pub static ACTIVITY_OUTPUTS: &[ActivityOutput] = &[
    ActivityOutput {
        activity_type: "Lookup",
        shape: &LOOKUP,
        source: LOOKUP_PAGE,
    },
    ActivityOutput {
        activity_type: "GetMetadata",
        shape: &GET_METADATA,
        source: GET_METADATA_PAGE,
    },
    ActivityOutput {
        activity_type: "Copy",
        shape: &COPY,
        source: COPY_MONITORING_PAGE,
    },
    ActivityOutput {
        activity_type: "ExecutePipeline",
        shape: &EXECUTE_PIPELINE,
        source: RETURN_VALUE_PAGE,
    },
    ActivityOutput {
        activity_type: "WebActivity",
        shape: &DATA,
        source: WEB_PAGE,
    },
    ActivityOutput {
        activity_type: "WebHook",
        shape: &DATA,
        source: WEBHOOK_PAGE,
    },
    ActivityOutput {
        activity_type: "AzureFunctionActivity",
        shape: &AZURE_FUNCTION,
        source: AZURE_FUNCTION_PAGE,
    },
    ActivityOutput {
        activity_type: "SynapseNotebook",
        shape: &SYNAPSE_NOTEBOOK,
        source: SYNAPSE_NOTEBOOK_PAGE,
    },
    ActivityOutput {
        activity_type: "DatabricksNotebook",
        shape: &DATABRICKS_NOTEBOOK,
        source: DATABRICKS_NOTEBOOK_PAGE,
    },
    ActivityOutput {
        activity_type: "Script",
        shape: &SCRIPT,
        source: SCRIPT_PAGE,
    },
    ActivityOutput {
        activity_type: "Filter",
        shape: &FILTER,
        source: FILTER_PAGE,
    },
];

/// The documented output of an activity type (ASCII case aside).
pub fn activity_output(activity_type: &str) -> Option<&'static ActivityOutput> {
    ACTIVITY_OUTPUTS
        .iter()
        .find(|o| o.activity_type.eq_ignore_ascii_case(activity_type))
}

/// How a shape is judged, in words for the docs page.
fn closure(shape: &Shape) -> &'static str {
    if shape.open {
        "open: members beyond these are never reported"
    } else if shape.extensible {
        "closed to near misses: connectors may add members, so only a near miss of a listed name is reported"
    } else {
        "closed: a member not listed is reported"
    }
}

fn presence(p: Presence) -> &'static str {
    match p {
        Presence::Always => "",
        Presence::FirstRowOnly => "`firstRowOnly` true or absent",
        Presence::AllRows => "`firstRowOnly` false",
        Presence::Requested => "named in `fieldList`",
        Presence::WaitOnCompletion => "`waitOnCompletion` true or absent",
    }
}

fn rows(shape: &Shape, prefix: &str, depth: usize, out: &mut String) {
    for m in shape.all() {
        out.push_str(&format!(
            "| `{prefix}{}` | {} | {} | {} | [source]({}) |\n",
            m.name,
            m.ty.name(),
            presence(m.presence),
            m.doc,
            m.source
        ));
        // Nesting is two levels at most; the bound keeps a cyclic table from looping.
        if let (Some(s), true) = (m.shape, depth < 3) {
            let suffix = if m.ty == JsonType::Array { "[]." } else { "." };
            rows(s, &format!("{prefix}{}{suffix}", m.name), depth + 1, out);
        }
    }
}

/// docs/activity-outputs.md, rendered from the data (`cargo xtask docs` writes it; a test
/// checks it is current).
pub fn outputs_markdown() -> String {
    let mut out = String::from(
        "# Activity outputs\n\n\
         <!-- Generated by `cargo xtask docs` from crates/adf-catalog/src/outputs.rs; do not edit. -->\n\n\
         What an expression can read from an activity run, as the editor completes it and the rules \
         `unknown-output-property`, `lookup-output-mismatch` and `metadata-field-not-requested` \
         check it. Every member names the Microsoft Learn page it comes from; names are matched \
         without regard to case. An activity type not listed here has no documented output: \
         nothing is claimed or reported about it.\n",
    );
    let header =
        "\n| Member | Type | Present when | What it holds | Source |\n|---|---|---|---|---|\n";
    out.push_str(&format!(
        "\n## `activity('X')`\n\nThe activity run itself ({}).\n{header}",
        closure(&ACTIVITY_RUN)
    ));
    rows(&ACTIVITY_RUN, "", 0, &mut out);
    for o in ACTIVITY_OUTPUTS {
        out.push_str(&format!(
            "\n## {}\n\n`activity('X').output` of a `{}` activity ({}); source: {}.\n{header}",
            o.activity_type,
            o.activity_type,
            closure(o.shape),
            o.source
        ));
        rows(o.shape, "", 0, &mut out);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn walk(shape: &Shape, seen: &mut Vec<&'static str>) {
        for m in shape.all() {
            assert!(
                m.source.starts_with("https://learn.microsoft.com/azure/"),
                "{} cites {}",
                m.name,
                m.source
            );
            assert!(m.doc.ends_with('.'), "{}: {}", m.name, m.doc);
            seen.push(m.name);
            if let Some(s) = m.shape {
                walk(s, seen);
            }
        }
    }

    #[test]
    fn every_member_cites_a_learn_page_and_names_are_unique_per_shape() {
        let mut all = Vec::new();
        walk(&ACTIVITY_RUN, &mut all);
        for o in ACTIVITY_OUTPUTS {
            walk(o.shape, &mut all);
            let mut names: Vec<String> = o.shape.all().map(|m| m.name.to_lowercase()).collect();
            let n = names.len();
            names.sort();
            names.dedup();
            assert_eq!(n, names.len(), "{} repeats a member", o.activity_type);
        }
        assert!(all.contains(&"firstRow") && all.contains(&"childItems"));
    }

    #[test]
    fn the_docs_page_is_current() {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../docs/activity-outputs.md"
        );
        let on_disk = std::fs::read_to_string(path).unwrap_or_default();
        assert!(
            on_disk == outputs_markdown(),
            "docs/activity-outputs.md is stale: run `cargo xtask docs`"
        );
        for o in ACTIVITY_OUTPUTS {
            assert!(on_disk.contains(&format!("## {}", o.activity_type)));
        }
    }

    #[test]
    fn lookup_members_depend_on_first_row_only() {
        let lookup = activity_output("lookup").map(|o| o.shape);
        let first = lookup.and_then(|s| s.member("FIRSTROW"));
        assert_eq!(first.map(|m| m.presence), Some(Presence::FirstRowOnly));
        let value = lookup.and_then(|s| s.member("value"));
        assert_eq!(value.map(|m| m.presence), Some(Presence::AllRows));
    }
}
