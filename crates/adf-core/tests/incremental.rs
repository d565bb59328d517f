//! Incremental re-checking against from-scratch checks, by random edits: a v2 factory in git
//! layout and a v1 one are edited thousands of times (characters and snippets typed and deleted
//! anywhere, entities renamed and retyped, references retargeted, parameters added and removed,
//! files created and deleted), and after every step each file's findings from the edited
//! [`Workspace`] must equal those of a workspace built from the same texts.
//!
//! The generator is a seeded xorshift, so a failure names its seed and step and replays exactly.
//! `ADF_INCR_STEPS` sets the steps per seed (default 800 in debug builds, 3 200 steps in all,
//! and 1000 in release), `ADF_INCR_SEEDS` how many seeds run (default 4) and `ADF_INCR_FIRST` the
//! first of them (default 1), e.g. `ADF_INCR_FIRST=17 ADF_INCR_SEEDS=1` replays seed 17.

use adf_core::{CheckOptions, FileReport, SourceFile, Workspace};
use std::collections::BTreeMap;

/// A small deterministic generator (xorshift64*), reproducible from its seed.
struct Rng(u64);

impl Rng {
    fn new(seed: u64) -> Self {
        Self(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1)
    }

    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.0 = x;
        x.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    /// A number in `0..n` (`n > 0`).
    fn below(&mut self, n: usize) -> usize {
        (self.next() % n as u64) as usize
    }

    fn chance(&mut self, percent: usize) -> bool {
        self.below(100) < percent
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

// ---------------------------------------------------------------------------------------------
// The factories edited.

const V2: &[(&str, &str)] = &[
    (
        "adf/factory/SalesFactory.json",
        r#"{
    "name": "SalesFactory",
    "location": "westeurope",
    "properties": {
        "globalParameters": {
            "env": {
                "type": "String",
                "value": "dev"
            }
        }
    }
}
"#,
    ),
    (
        "adf/linkedService/SalesBlob.json",
        r#"{
    "name": "SalesBlob",
    "properties": {
        "type": "AzureBlobStorage",
        "annotations": [],
        "typeProperties": {
            "serviceEndpoint": "https://sales.blob.core.windows.net",
            "accountKind": "StorageV2"
        }
    }
}
"#,
    ),
    (
        "adf/linkedService/SalesDb.json",
        r#"{
    "name": "SalesDb",
    "properties": {
        "type": "AzureSqlDatabase",
        "parameters": {
            "db": {
                "type": "String"
            }
        },
        "connectVia": {
            "referenceName": "AutoResolveIntegrationRuntime",
            "type": "IntegrationRuntimeReference"
        },
        "typeProperties": {
            "connectionString": "Server=tcp:sales.database.windows.net;Database=@{linkedService().db};"
        }
    }
}
"#,
    ),
    (
        "adf/linkedService/Lake.json",
        r#"{
    "name": "Lake",
    "properties": {
        "type": "AzureBlobFS",
        "typeProperties": {
            "url": "https://lake.dfs.core.windows.net"
        }
    }
}
"#,
    ),
    (
        "adf/dataset/SalesCsv.json",
        r#"{
    "name": "SalesCsv",
    "properties": {
        "linkedServiceName": {
            "referenceName": "SalesBlob",
            "type": "LinkedServiceReference"
        },
        "parameters": {
            "folder": {
                "type": "string"
            }
        },
        "type": "DelimitedText",
        "typeProperties": {
            "location": {
                "type": "AzureBlobStorageLocation",
                "container": "sales",
                "folderPath": {
                    "value": "@dataset().folder",
                    "type": "Expression"
                }
            },
            "columnDelimiter": ","
        }
    }
}
"#,
    ),
    (
        "adf/dataset/SalesTable.json",
        r#"{
    "name": "SalesTable",
    "properties": {
        "linkedServiceName": {
            "referenceName": "SalesDb",
            "type": "LinkedServiceReference",
            "parameters": {
                "db": "sales"
            }
        },
        "type": "AzureSqlTable",
        "typeProperties": {
            "schema": "dbo",
            "table": "Sales"
        }
    }
}
"#,
    ),
    (
        "adf/dataset/Archive.json",
        r#"{
    "name": "Archive",
    "properties": {
        "linkedServiceName": {
            "referenceName": "Lake",
            "type": "LinkedServiceReference"
        },
        "type": "Parquet",
        "typeProperties": {
            "location": {
                "type": "AzureBlobFSLocation",
                "fileSystem": "archive"
            }
        }
    }
}
"#,
    ),
    (
        "adf/pipeline/CopySales.json",
        r#"{
    "name": "CopySales",
    "properties": {
        "parameters": {
            "day": {
                "type": "string"
            },
            "files": {
                "type": "array",
                "defaultValue": []
            }
        },
        "variables": {
            "count": {
                "type": "String"
            }
        },
        "activities": [
            {
                "name": "Copy",
                "type": "Copy",
                "typeProperties": {
                    "source": {
                        "type": "DelimitedTextSource"
                    },
                    "sink": {
                        "type": "AzureSqlSink"
                    }
                },
                "inputs": [
                    {
                        "referenceName": "SalesCsv",
                        "type": "DatasetReference",
                        "parameters": {
                            "folder": "@concat('in/', pipeline().parameters.day)"
                        }
                    }
                ],
                "outputs": [
                    {
                        "referenceName": "SalesTable",
                        "type": "DatasetReference"
                    }
                ]
            },
            {
                "name": "Each",
                "type": "ForEach",
                "dependsOn": [
                    {
                        "activity": "Copy",
                        "dependencyConditions": ["Succeeded"]
                    }
                ],
                "typeProperties": {
                    "items": {
                        "value": "@pipeline().parameters.files",
                        "type": "Expression"
                    },
                    "activities": [
                        {
                            "name": "Note",
                            "type": "SetVariable",
                            "typeProperties": {
                                "variableName": "count",
                                "value": "@{item()} in @{pipeline().globalParameters.env}"
                            }
                        }
                    ]
                }
            },
            {
                "name": "RunChild",
                "type": "ExecutePipeline",
                "dependsOn": [
                    {
                        "activity": "Each",
                        "dependencyConditions": ["Completed"]
                    }
                ],
                "typeProperties": {
                    "pipeline": {
                        "referenceName": "Archive",
                        "type": "PipelineReference"
                    },
                    "waitOnCompletion": true,
                    "parameters": {
                        "rows": "@activity('Copy').output.rowsCopied"
                    }
                }
            }
        ]
    }
}
"#,
    ),
    (
        "adf/pipeline/Archive.json",
        r#"{
    "name": "Archive",
    "properties": {
        "parameters": {
            "rows": {
                "type": "int"
            }
        },
        "activities": [
            {
                "name": "Look",
                "type": "Lookup",
                "typeProperties": {
                    "source": {
                        "type": "AzureSqlSource"
                    },
                    "dataset": {
                        "referenceName": "SalesTable",
                        "type": "DatasetReference"
                    }
                }
            },
            {
                "name": "Store",
                "type": "Copy",
                "dependsOn": [
                    {
                        "activity": "Look",
                        "dependencyConditions": ["Succeeded"]
                    }
                ],
                "typeProperties": {
                    "source": {
                        "type": "AzureSqlSource"
                    },
                    "sink": {
                        "type": "ParquetSink"
                    }
                },
                "inputs": [
                    {
                        "referenceName": "SalesTable",
                        "type": "DatasetReference"
                    }
                ],
                "outputs": [
                    {
                        "referenceName": "Archive",
                        "type": "DatasetReference"
                    }
                ]
            }
        ]
    }
}
"#,
    ),
    (
        "adf/trigger/Daily.json",
        r#"{
    "name": "Daily",
    "properties": {
        "type": "ScheduleTrigger",
        "runtimeState": "Started",
        "typeProperties": {
            "recurrence": {
                "frequency": "Day",
                "interval": 1,
                "startTime": "2024-01-01T06:00:00",
                "timeZone": "W. Europe Standard Time"
            }
        },
        "pipelines": [
            {
                "pipelineReference": {
                    "referenceName": "CopySales",
                    "type": "PipelineReference"
                },
                "parameters": {
                    "day": "@trigger().scheduledTime"
                }
            }
        ]
    }
}
"#,
    ),
    (
        "adf/trigger/OnDrop.json",
        r#"{
    "name": "OnDrop",
    "properties": {
        "type": "BlobEventsTrigger",
        "typeProperties": {
            "blobPathBeginsWith": "/sales/blobs/in/",
            "events": ["Microsoft.Storage.BlobCreated"],
            "scope": "/subscriptions/s/resourceGroups/r/providers/Microsoft.Storage/storageAccounts/sales"
        },
        "pipelines": [
            {
                "pipelineReference": {
                    "referenceName": "Archive",
                    "type": "PipelineReference"
                },
                "parameters": {
                    "rows": 0
                }
            }
        ]
    }
}
"#,
    ),
    ("adf/pipeline/notes.json", "{\"owner\": \"data-team\"}\n"),
];

const V1: &[(&str, &str)] = &[
    (
        "v1/BlobStorage.json",
        include_str!("../../../examples/ml-retraining/BlobStorage.json"),
    ),
    (
        "v1/LabeledTrainingData.json",
        include_str!("../../../examples/ml-retraining/LabeledTrainingData.json"),
    ),
    (
        "v1/RetrainingService.json",
        include_str!("../../../examples/ml-retraining/RetrainingService.json"),
    ),
    (
        "v1/ScoringService.json",
        include_str!("../../../examples/ml-retraining/ScoringService.json"),
    ),
    (
        "v1/ScoringUpdateLog.json",
        include_str!("../../../examples/ml-retraining/ScoringUpdateLog.json"),
    ),
    (
        "v1/TrainedModel.json",
        include_str!("../../../examples/ml-retraining/TrainedModel.json"),
    ),
    (
        "v1/WeeklyRetraining.json",
        include_str!("../../../examples/ml-retraining/WeeklyRetraining.json"),
    ),
];

/// Names edits pick from: the factories' own (in other cases too) and some that exist nowhere.
const NAMES: &[&str] = &[
    "SalesBlob",
    "salesblob",
    "SalesDb",
    "Lake",
    "SalesCsv",
    "SalesTable",
    "Archive",
    "ARCHIVE",
    "CopySales",
    "Daily",
    "SalesFactory",
    "BlobStorage",
    "RetrainingService",
    "ScoringService",
    "LabeledTrainingData",
    "TrainedModel",
    "ScoringUpdateLog",
    "WeeklyRetraining",
    "AutoResolveIntegrationRuntime",
    "Missing",
    "Sales",
    "",
];

const TYPES: &[&str] = &[
    "AzureBlobStorage",
    "AzureSqlDatabase",
    "AzureBlobFS",
    "AzureKeyVault",
    "AzureDataLakeStore",
    "HttpServer",
    "DelimitedText",
    "Parquet",
    "AzureSqlTable",
    "Binary",
    "Json",
    "AzureStorage",
    "AzureML",
    "AzureBlob",
    "ScheduleTrigger",
    "TumblingWindowTrigger",
    "NoSuchType",
];

const REF_TYPES: &[&str] = &[
    "LinkedServiceReference",
    "DatasetReference",
    "PipelineReference",
    "IntegrationRuntimeReference",
];

/// Text typed at random places.
const SNIPPETS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    " ",
    "\n",
    "x",
    "é",
    "\"name\": \"Sales\",",
    "\"type\": \"AzureBlob\",",
    "\"parameters\": {\"p\": {\"type\": \"string\"}},",
    "\"linkedServiceName\": \"BlobStorage\",",
    "{\"referenceName\": \"SalesCsv\", \"type\": \"DatasetReference\"}",
    "\"activity\": \"Copy\"",
    "\"dependsOn\": [{\"activity\": \"Nope\", \"dependencyConditions\": [\"Succeeded\"]}],",
    "@pipeline().parameters.day",
    "@{pipeline().parameters.nope}",
    "@dataset().folder",
    "@concat(item(), 1",
    "@activity('Look').output",
    "\"availability\": {\"frequency\": \"Day\", \"interval\": 1},",
    "\"external\": true,",
    "\"outputs\": [{\"name\": \"TrainedModel\"}],",
    "\"inputs\": [{\"name\": \"LabeledTrainingData\"}],",
    "\"globalParameters\": {\"region\": {\"type\": \"String\", \"value\": \"eu\"}},",
    "@pipeline().globalParameters.region",
];

/// Files an edit may create (`{}` is replaced by a random name of [`NAMES`]).
const NEW_FILES: &[(&str, &str)] = &[
    (
        "adf/dataset/{}.json",
        r#"{"name": "{}", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "{}", "type": "LinkedServiceReference"}, "parameters": {"p": {"type": "string"}}, "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}"#,
    ),
    (
        "adf/pipeline/{}.json",
        r#"{"name": "{}", "properties": {"parameters": {"day": {"type": "string", "defaultValue": "x"}}, "activities": [{"name": "Get", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"], "dataset": {"referenceName": "{}", "type": "DatasetReference", "parameters": {"folder": "@pipeline().parameters.day"}}}}, {"name": "Run", "type": "ExecutePipeline", "dependsOn": [{"activity": "Get", "dependencyConditions": ["Succeeded"]}], "typeProperties": {"pipeline": {"referenceName": "{}", "type": "PipelineReference"}, "parameters": {"rows": 1}}}]}}"#,
    ),
    (
        "adf/linkedService/{}.json",
        r#"{"name": "{}", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://x.blob.core.windows.net"}}}"#,
    ),
    (
        "adf/trigger/{}.json",
        r#"{"name": "{}", "properties": {"type": "ScheduleTrigger", "typeProperties": {"recurrence": {"frequency": "Hour", "interval": 1}}, "pipelines": [{"pipelineReference": {"referenceName": "{}", "type": "PipelineReference"}}]}}"#,
    ),
    (
        "adf/globalParameters/{}.json",
        r#"{"name": "{}", "properties": {"env": {"type": "String", "value": "x"}}}"#,
    ),
    (
        "v1/{}.json",
        r#"{"name": "{}", "properties": {"type": "AzureBlob", "linkedServiceName": "{}", "typeProperties": {"folderPath": "x"}, "availability": {"frequency": "Day", "interval": 1}}}"#,
    ),
    (
        "v1/{}.json",
        r#"{"name": "{}", "properties": {"activities": [{"name": "Copy", "type": "Copy", "inputs": [{"name": "{}"}], "outputs": [{"name": "{}"}], "typeProperties": {"source": {"type": "BlobSource"}, "sink": {"type": "BlobSink"}}, "scheduler": {"frequency": "Week", "interval": 1}}], "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}"#,
    ),
    (
        "other/dataset/{}.json",
        r#"{"name": "{}", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "{}", "type": "LinkedServiceReference"}}}"#,
    ),
    (
        "adf/{}.json",
        r#"{"name": "{}", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "x"}}}"#,
    ),
    ("adf/pipeline/{}.json", "not json at all {"),
    ("adf/{}.json", ARM),
    ("arm/{}.json", ARM),
];

/// An exported ARM template: its entities form a scope of their own beside the git files.
const ARM: &str = r#"{"$schema": "https://schema.management.azure.com/schemas/2019-04-01/deploymentTemplate.json#", "contentVersion": "1.0.0.0",
 "parameters": {"factoryName": {"type": "string"}},
 "resources": [
  {"name": "[concat(parameters('factoryName'), '/{}')]", "type": "Microsoft.DataFactory/factories/linkedServices", "apiVersion": "2018-06-01",
   "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://x.blob.core.windows.net"}}},
  {"name": "[concat(parameters('factoryName'), '/{}')]", "type": "Microsoft.DataFactory/factories/datasets", "apiVersion": "2018-06-01",
   "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "{}", "type": "LinkedServiceReference"},
    "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}},
  {"name": "[concat(parameters('factoryName'), '/{}')]", "type": "Microsoft.DataFactory/factories/pipelines", "apiVersion": "2018-06-01",
   "properties": {"activities": [{"name": "M", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
    "dataset": {"referenceName": "{}", "type": "DatasetReference"}}}]}}
 ]}
"#;

// ---------------------------------------------------------------------------------------------
// Edits.

/// One step: a file gets a new text, or is removed.
#[derive(Debug, Clone)]
enum Step {
    Set(String, String),
    Remove(String),
}

/// The byte ranges of every string value written after `"key": "` (the factories are written
/// with that spacing).
fn values_of(text: &str, key: &str) -> Vec<(usize, usize)> {
    let pat = format!("\"{key}\": \"");
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = text[from..].find(&pat) {
        let start = from + i + pat.len();
        let Some(len) = text[start..].find('"') else {
            break;
        };
        out.push((start, start + len));
        from = start + len;
    }
    out
}

fn boundary(text: &str, mut at: usize) -> usize {
    at = at.min(text.len());
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    at
}

/// Replaces one random string value of `key` with `new`; `None` when the text has none.
fn replace_value(rng: &mut Rng, text: &str, key: &str, new: &str) -> Option<String> {
    let spots = values_of(text, key);
    if spots.is_empty() {
        return None;
    }
    let (s, e) = *rng.pick(&spots);
    Some(format!("{}{new}{}", &text[..s], &text[e..]))
}

fn fill(template: &str, rng: &mut Rng) -> String {
    let mut out = String::new();
    let mut parts = template.split("{}");
    if let Some(first) = parts.next() {
        out.push_str(first);
    }
    for p in parts {
        let name: &&str = rng.pick(NAMES);
        out.push_str(name);
        out.push_str(p);
    }
    out
}

/// A random step on the current files (`broken`: those with invalid JSON).
fn random_step(
    rng: &mut Rng,
    files: &BTreeMap<String, String>,
    originals: &[(&str, &str)],
    broken: &[String],
) -> Step {
    let paths: Vec<&String> = files.keys().collect();
    let path = if paths.is_empty() {
        None
    } else {
        Some((*rng.pick(&paths)).clone())
    };
    let text = path.as_ref().and_then(|p| files.get(p)).cloned();
    let roll = rng.below(100);
    if let (Some(path), Some(text)) = (path.clone(), text) {
        let edited = match roll {
            // Typing and deleting anywhere (broken JSON too).
            0..=11 => {
                let at = boundary(&text, rng.below(text.len() + 1));
                let s = rng.pick(SNIPPETS);
                Some(format!("{}{s}{}", &text[..at], &text[at..]))
            }
            12..=21 => {
                let at = boundary(&text, rng.below(text.len() + 1));
                let len = if rng.chance(70) {
                    1 + rng.below(3)
                } else {
                    1 + rng.below(60)
                };
                let end = boundary(&text, at + len);
                Some(format!("{}{}", &text[..at], &text[end..]))
            }
            // Renames, retyping, retargeting.
            22..=35 => {
                let v = *rng.pick(NAMES);
                replace_value(rng, &text, "name", v)
            }
            36..=44 => {
                let v = *rng.pick(TYPES);
                replace_value(rng, &text, "type", v)
            }
            45..=56 => {
                let v = *rng.pick(NAMES);
                replace_value(rng, &text, "referenceName", v)
                    .or_else(|| replace_value(rng, &text, "linkedServiceName", v))
            }
            57..=59 => {
                let v = *rng.pick(REF_TYPES);
                replace_value(rng, &text, "type", v)
            }
            60..=62 => {
                let v = *rng.pick(&["Copy", "Each", "Look", "Nope", "RetrainModel"]);
                replace_value(rng, &text, "activity", v)
            }
            63..=65 => {
                let v = *rng.pick(&["Week", "Day", "Hour", "Minute"]);
                replace_value(rng, &text, "frequency", v)
            }
            // Parameters: add one (declared or passed) or drop one.
            66..=74 => {
                let at = text
                    .find("\"parameters\": {")
                    .map(|i| i + "\"parameters\": {".len());
                match at {
                    Some(at) if rng.chance(50) => {
                        let p = *rng.pick(&["day", "folder", "rows", "db", "extra"]);
                        let decl = if rng.chance(50) {
                            format!("\"{p}\": {{\"type\": \"string\"}}, ")
                        } else {
                            format!("\"{p}\": {{\"type\": \"int\", \"defaultValue\": 1}}, ")
                        };
                        Some(format!("{}{decl}{}", &text[..at], &text[at..]))
                    }
                    Some(at) => {
                        // Drop the first member of the parameters object.
                        let rest = &text[at..];
                        let end = rest
                            .find("},")
                            .map(|i| i + 2)
                            .or_else(|| rest.find('}').map(|i| i + 1));
                        end.map(|e| format!("{}{}", &text[..at], &text[at + e..]))
                    }
                    None => text.find("\"properties\": {").map(|i| {
                        let at = i + "\"properties\": {".len();
                        format!(
                            "{}\"parameters\": {{\"day\": {{\"type\": \"string\"}}}}, {}",
                            &text[..at],
                            &text[at..]
                        )
                    }),
                }
            }
            // Back to a pristine text, so that broken states do not pile up.
            // Back to a pristine text, mostly of a file with broken JSON, so that broken states
            // do not pile up.
            75..=86 => {
                let path = if !broken.is_empty() && rng.chance(80) {
                    rng.pick(broken).clone()
                } else {
                    path
                };
                let orig = originals
                    .iter()
                    .find(|(p, _)| *p == path)
                    .map(|(_, t)| t.to_string());
                let text = orig.unwrap_or_else(|| fill(rng.pick(NEW_FILES).1, rng));
                return Step::Set(path, text);
            }
            87..=91 => return Step::Remove(path),
            _ => None,
        };
        if let Some(t) = edited {
            return Step::Set(path, t);
        }
    }
    // Create (or restore) a file.
    if rng.chance(50) {
        let missing: Vec<&(&str, &str)> = originals
            .iter()
            .filter(|(p, _)| !files.contains_key(*p))
            .collect();
        if !missing.is_empty() {
            let (p, t) = rng.pick(&missing);
            return Step::Set(p.to_string(), t.to_string());
        }
    }
    let (p, t) = *rng.pick(NEW_FILES);
    let name = *rng.pick(&[
        "Extra",
        "Sales",
        "SalesCsv",
        "Archive",
        "New1",
        "TrainedModel",
    ]);
    Step::Set(p.replace("{}", name), fill(&t.replacen("{}", name, 1), rng))
}

// ---------------------------------------------------------------------------------------------
// Comparison.

/// Everything a report says that positions and rules decide, one line per finding.
fn summary(reports: &[FileReport]) -> Vec<String> {
    let mut out = Vec::new();
    for r in reports {
        out.push(format!(
            "{} kind={:?} dialect={:?} entities={} dynamic={}",
            r.path, r.kind, r.dialect, r.entities, r.dynamic_refs
        ));
        for d in &r.diagnostics {
            out.push(format!(
                "{} {}..{} {} {:?} {}",
                r.path, d.range.start, d.range.end, d.rule.name, d.severity, d.message
            ));
        }
    }
    out
}

fn fresh(files: &BTreeMap<String, String>) -> Vec<String> {
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    summary(&Workspace::with_files(CheckOptions::default(), &sources).reports())
}

fn workspace(files: &BTreeMap<String, String>) -> Workspace {
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    Workspace::with_files(CheckOptions::default(), &sources)
}

fn apply(ws: &mut Workspace, files: &mut BTreeMap<String, String>, step: &Step) {
    match step {
        Step::Set(p, t) => {
            files.insert(p.clone(), t.clone());
            ws.set_file(p, t);
        }
        Step::Remove(p) => {
            files.remove(p);
            ws.remove_file(p);
        }
    }
}

/// The lines only one side has.
fn diff(incremental: &[String], expected: &[String]) -> String {
    let mut out = String::new();
    for l in incremental.iter().filter(|l| !expected.contains(l)) {
        out.push_str(&format!("  incremental only: {l}\n"));
    }
    for l in expected.iter().filter(|l| !incremental.contains(l)) {
        out.push_str(&format!("  fresh only:       {l}\n"));
    }
    out
}

/// Runs one seed, counting in `seen` the findings of each rule after every step; on a mismatch,
/// panics with the seed, the step and, when the step alone shows the difference on a fresh
/// workspace of the texts before it, those texts reduced to the files that matter.
fn run(seed: u64, steps: usize, seen: &mut BTreeMap<String, usize>) {
    let originals: Vec<(&str, &str)> = V2.iter().chain(V1).copied().collect();
    let mut files: BTreeMap<String, String> = originals
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let mut ws = workspace(&files);
    let mut rng = Rng::new(seed);
    let mut broken: Vec<String> = Vec::new();
    for n in 0..steps {
        let step = random_step(&mut rng, &files, &originals, &broken);
        let before = files.clone();
        apply(&mut ws, &mut files, &step);
        let got = summary(&ws.reports());
        let want = fresh(&files);
        broken.clear();
        for l in want.iter().filter(|l| !l.contains(" kind=")) {
            let mut words = l.split(' ');
            let (Some(path), Some(rule)) = (words.next(), words.nth(1)) else {
                continue;
            };
            *seen.entry(rule.to_string()).or_default() += 1;
            if rule == "invalid-json" && !broken.iter().any(|b| b == path) {
                broken.push(path.to_string());
            }
        }
        if got != want {
            let replays = one_step_differs(&before, &step);
            let context = if replays {
                let small = minimise(&before, &step);
                let mut out = String::from(
                    "a fresh workspace of these texts shows the difference after this step alone:\n",
                );
                for (p, t) in &small {
                    out.push_str(&format!("//- {p}\n{t}\n"));
                }
                out
            } else {
                "a fresh workspace of the texts before does not show the difference after this \
                 step alone: an earlier step left stale facts"
                    .to_string()
            };
            panic!(
                "seed {seed} step {n}: incremental findings differ from a fresh check after {}\n{}\
                 step: {step:?}\n{context}",
                match &step {
                    Step::Set(p, _) => format!("setting {p}"),
                    Step::Remove(p) => format!("removing {p}"),
                },
                diff(&got, &want),
            );
        }
    }
}

/// Whether one step on a fresh workspace of `before` ends with other findings than a fresh
/// workspace of the texts after it.
fn one_step_differs(before: &BTreeMap<String, String>, step: &Step) -> bool {
    let mut ws = workspace(before);
    let mut after = before.clone();
    apply(&mut ws, &mut after, step);
    summary(&ws.reports()) != fresh(&after)
}

/// Drops files of `before` while the step alone still shows a difference.
fn minimise(before: &BTreeMap<String, String>, step: &Step) -> BTreeMap<String, String> {
    let stepped = match step {
        Step::Set(p, _) | Step::Remove(p) => p.clone(),
    };
    let mut small = before.clone();
    let paths: Vec<String> = small.keys().cloned().collect();
    for p in paths {
        if p == stepped {
            continue;
        }
        let mut fewer = small.clone();
        fewer.remove(&p);
        if one_step_differs(&fewer, step) {
            small = fewer;
        }
    }
    small
}

fn steps_per_seed() -> usize {
    std::env::var("ADF_INCR_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(if cfg!(debug_assertions) { 800 } else { 1000 })
}

#[test]
fn random_edits_keep_incremental_findings_equal_to_a_fresh_check() {
    let steps = steps_per_seed();
    let seeds: u64 = std::env::var("ADF_INCR_SEEDS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(4);
    let first: u64 = std::env::var("ADF_INCR_FIRST")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(1);
    let mut seen = BTreeMap::new();
    for seed in first..first + seeds {
        run(seed, steps, &mut seen);
    }
    eprintln!("findings per rule over every step: {seen:#?}");
    // The edits must reach the states the cross-file rules judge, or the comparison proves little.
    for rule in [
        "invalid-json",
        "unresolved-reference",
        "incompatible-reference",
        "duplicate-name",
        "unused-entity",
        "missing-parameter-argument",
        "unknown-parameter-argument",
        "undefined-parameter",
        "v1-input-not-external",
        "v1-availability-mismatch",
        "azureml-update-endpoint",
    ] {
        assert!(
            seen.contains_key(rule),
            "no step produced `{rule}`: {seen:#?}"
        );
    }
}

// ---------------------------------------------------------------------------------------------
// Regressions the random edits found, each reduced to the files and the step that show it.

/// Sets each `(path, text)` in turn on a workspace of `files`, checking it against a fresh one
/// after every step; returns the last findings.
fn edit_and_compare(files: &[(&str, &str)], steps: &[(&str, &str)]) -> Vec<String> {
    let mut texts: BTreeMap<String, String> = files
        .iter()
        .map(|(p, t)| (p.to_string(), t.to_string()))
        .collect();
    let mut ws = workspace(&texts);
    let mut got = summary(&ws.reports());
    for (p, t) in steps {
        apply(
            &mut ws,
            &mut texts,
            &Step::Set(p.to_string(), t.to_string()),
        );
        got = summary(&ws.reports());
        let want = fresh(&texts);
        assert_eq!(got, want, "after setting {p}:\n{}", diff(&got, &want));
    }
    got
}

/// An entity without a name is not indexed, nor are the outputs of its activities; taking them
/// off the index again when its file changed undercounted the other producer of the dataset,
/// which then looked produced by none.
#[test]
fn editing_an_unnamed_v1_pipeline_leaves_other_producers_counted() {
    let unnamed = r#"{"name": "", "properties": {"activities": [{"name": "A", "type": "Copy", "inputs": [{"name": "In"}], "outputs": [{"name": "Out"}], "typeProperties": {"source": {"type": "BlobSource"}, "sink": {"type": "BlobSink"}}, "scheduler": {"frequency": "Day", "interval": 1}}], "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}"#;
    let got = edit_and_compare(
        &[
            (
                "v1/Store.json",
                r#"{"name": "Store", "properties": {"type": "AzureStorage", "typeProperties": {"connectionString": "x"}}}"#,
            ),
            (
                "v1/In.json",
                r#"{"name": "In", "properties": {"type": "AzureBlob", "linkedServiceName": "Store", "external": true, "typeProperties": {"folderPath": "in"}, "availability": {"frequency": "Day", "interval": 1}}}"#,
            ),
            (
                "v1/Out.json",
                r#"{"name": "Out", "properties": {"type": "AzureBlob", "linkedServiceName": "Store", "typeProperties": {"folderPath": "out"}, "availability": {"frequency": "Day", "interval": 1}}}"#,
            ),
            (
                "v1/Maker.json",
                &unnamed.replace("\"name\": \"\"", "\"name\": \"Maker\""),
            ),
            (
                "v1/Reader.json",
                r#"{"name": "Reader", "properties": {"activities": [{"name": "B", "type": "Copy", "inputs": [{"name": "Out"}], "outputs": [{"name": "In"}], "typeProperties": {"source": {"type": "BlobSource"}, "sink": {"type": "BlobSink"}}, "scheduler": {"frequency": "Day", "interval": 1}}], "start": "2024-01-01T00:00:00Z", "end": "2024-02-01T00:00:00Z"}}"#,
            ),
            ("v1/Unnamed.json", unnamed),
        ],
        &[(
            "v1/Unnamed.json",
            &unnamed.replace("\"B\"", "\"C\"").replace("\"A\"", "\"B\""),
        )],
    );
    assert!(
        !got.iter().any(|l| l.contains("v1-input-not-external")),
        "{got:#?}"
    );
}

/// A callee's parameter-use facts are part of what its callers read: adding or removing a null
/// guard in the callee makes the caller's missing-parameter-argument appear or disappear, and
/// an edit that keeps the facts does not re-check the caller.
#[test]
fn a_guard_added_or_removed_in_the_callee_updates_the_callers_finding() {
    const PARENT: &str = "f/pipeline/Parent.json";
    const CHILD: &str = "f/pipeline/Child.json";
    let parent = r#"{"name": "Parent", "properties": {"activities": [{"name": "Run", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Child", "type": "PipelineReference"}}}]}}"#;
    let child = |value: &str| {
        format!(
            r#"{{"name": "Child", "properties": {{"parameters": {{"x": {{"type": "string"}}}}, "variables": {{"n": {{"type": "String"}}}}, "activities": [{{"name": "Len", "type": "SetVariable", "typeProperties": {{"variableName": "n", "value": "{value}"}}}}]}}}}"#
        )
    };
    let guarded = child("@string(length(coalesce(pipeline().parameters.x, '')))");
    let bare = child("@string(length(pipeline().parameters.x))");
    let found = |ws: &Workspace| {
        ws.report(PARENT).is_some_and(|r| {
            r.diagnostics
                .iter()
                .any(|d| d.rule.name == "missing-parameter-argument")
        })
    };
    let mut ws = Workspace::with_files(
        CheckOptions::default(),
        &[
            SourceFile {
                path: PARENT,
                text: parent,
            },
            SourceFile {
                path: CHILD,
                text: &guarded,
            },
        ],
    );
    assert!(!found(&ws));

    let rechecked = ws.set_file(CHILD, &bare);
    assert!(rechecked.iter().any(|p| p == PARENT), "{rechecked:?}");
    assert!(found(&ws));

    // Same facts, text moved: the caller is not checked again.
    let rechecked = ws.set_file(CHILD, &bare.replace("\"Len\"", "  \"Len\""));
    assert_eq!(rechecked, [CHILD]);
    assert!(found(&ws));

    let rechecked = ws.set_file(CHILD, &guarded);
    assert!(rechecked.iter().any(|p| p == PARENT), "{rechecked:?}");
    assert!(!found(&ws));

    // And every step equals a fresh check.
    edit_and_compare(
        &[(PARENT, parent), (CHILD, &guarded)],
        &[(CHILD, &bare), (CHILD, &guarded), (CHILD, &bare)],
    );
}
