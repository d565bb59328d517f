//! The generator core: builds every entity of the factory as a JSON tree, writes it to text at
//! once and remembers where each reference name landed. Pure: no I/O, no clock, no hashing order.
//!
//! Shape of the result (why it is built this way):
//! - Pipelines are generated in order; an ExecutePipeline only calls an earlier pipeline, so
//!   pipeline calls can never form a cycle, and the callee's declared parameters are known.
//! - Datasets and data flows are created on demand by the activity that needs them (or an earlier
//!   one is reused), so every dataset and data flow is referenced by construction.
//! - Linked services and integration runtimes come from fixed-size pools handed out round-robin;
//!   only the first min(pool, uses) of a pool are written, so every linked service is referenced.
//! - Expressions only name what is in scope: declared pipeline parameters and variables,
//!   `activity('X')` only for X in the activity's own `dependsOn`, `item()` only inside ForEach
//!   (and in Filter conditions, where ADF defines it).

use super::json::{arr, b, expr, i, obj, s, strs, ObjBuilder, J};
use super::rng::Rng;

/// Where a reference sits; planting spreads over these so each reference kind gets broken.
#[derive(Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Debug)]
pub enum Category {
    CopyDataset,
    ActivityDataset,
    DataFlowDataset,
    DatasetLinkedService,
    ActivityLinkedService,
    KeyVaultStore,
    ExecutePipeline,
    TriggerPipeline,
    DataFlow,
    IntegrationRuntime,
}

pub const CATEGORIES: [Category; 10] = [
    Category::CopyDataset,
    Category::ActivityDataset,
    Category::DataFlowDataset,
    Category::DatasetLinkedService,
    Category::ActivityLinkedService,
    Category::KeyVaultStore,
    Category::ExecutePipeline,
    Category::TriggerPipeline,
    Category::DataFlow,
    Category::IntegrationRuntime,
];

impl Category {
    /// The `type` of the reference object.
    pub fn kind(self) -> &'static str {
        match self {
            Category::CopyDataset | Category::ActivityDataset | Category::DataFlowDataset => {
                "DatasetReference"
            }
            Category::DatasetLinkedService
            | Category::ActivityLinkedService
            | Category::KeyVaultStore => "LinkedServiceReference",
            Category::ExecutePipeline | Category::TriggerPipeline => "PipelineReference",
            Category::DataFlow => "DataFlowReference",
            Category::IntegrationRuntime => "IntegrationRuntimeReference",
        }
    }

    /// Where in the factory, for the statistics and the manifest.
    pub fn site(self) -> &'static str {
        match self {
            Category::CopyDataset => "activity inputs/outputs",
            Category::ActivityDataset => "Lookup/GetMetadata dataset",
            Category::DataFlowDataset => "data flow source/sink",
            Category::DatasetLinkedService => "dataset linkedServiceName",
            Category::ActivityLinkedService => "activity linkedServiceName",
            Category::KeyVaultStore => "Key Vault secret store",
            Category::ExecutePipeline => "ExecutePipeline pipeline",
            Category::TriggerPipeline => "trigger pipelineReference",
            Category::DataFlow => "ExecuteDataFlow dataFlow",
            Category::IntegrationRuntime => "connectVia / data flow runtime",
        }
    }

    /// The entity folder the target lives in (names are unique per kind).
    pub fn target_folder(self) -> &'static str {
        match self.kind() {
            "DatasetReference" => "dataset",
            "LinkedServiceReference" => "linkedService",
            "PipelineReference" => "pipeline",
            "DataFlowReference" => "dataflow",
            _ => "integrationRuntime",
        }
    }
}

/// One `referenceName` written somewhere.
pub struct Site {
    pub file: usize,
    /// Byte offset of the opening quote of the name in the file's text.
    pub offset: usize,
    pub category: Category,
    pub target: String,
}

pub struct Generated {
    pub files: Vec<(String, String)>,
    pub sites: Vec<Site>,
    /// Activities per pipeline (nested ones included), in pipeline order.
    pub activities: Vec<usize>,
    /// Deepest activity nesting (1 = top level only).
    pub max_depth: usize,
}

#[derive(Clone)]
struct Param {
    name: &'static str,
    ty: &'static str,
    default: Option<J>,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum LsType {
    KeyVault,
    Blob,
    AdlsGen2,
    AzureSql,
    Databricks,
    Rest,
}

const LS_TYPES: [LsType; 6] = [
    LsType::Blob,
    LsType::AdlsGen2,
    LsType::AzureSql,
    LsType::Databricks,
    LsType::Rest,
    // Last: Key Vault references are handed out while the others are written.
    LsType::KeyVault,
];

struct Pool {
    size: usize,
    next: usize,
}

#[derive(Clone, Copy, PartialEq, Eq)]
enum DsKind {
    Csv,
    Parquet,
    Json,
    Sql,
    Rest,
}

struct Dataset {
    name: String,
    kind: DsKind,
    ls: LsType,
    params: Vec<Param>,
}

struct DataFlow {
    name: String,
    sources: Vec<String>,
    sinks: Vec<String>,
}

struct Pipeline {
    name: String,
    params: Vec<Param>,
}

/// What an activity produces that its dependents may use in expressions.
#[derive(Clone)]
enum Output {
    None,
    /// An array at `@activity(name)<path>` whose items are read with `item` (e.g. `item().name`).
    Array {
        name: String,
        path: &'static str,
        item: &'static str,
    },
    FirstRow(String),
    Rows(String),
    Web(String),
    Copy(String),
}

#[derive(Clone, Copy, Default)]
struct Scope {
    /// The `item()` expression of the enclosing ForEach.
    item: Option<&'static str>,
    /// Inside ForEach or Until: ADF forbids another ForEach/Until here.
    in_loop: bool,
    /// Inside IfCondition or Switch: kept to leaf activities (ADF forbids control activities
    /// such as If, Switch, ForEach and Until there).
    in_branch: bool,
}

/// Per-pipeline state while its activities are built.
struct Pl {
    params: Vec<Param>,
    vars: Vec<(&'static str, &'static str)>,
    counter: usize,
    activities: usize,
    depth: usize,
    entity: &'static str,
    /// Set and Append Variable activities so far: a ForEach holding one runs sequentially (a
    /// Set Variable in a parallel one is `variable-in-parallel-foreach`, and appended items
    /// then keep their order).
    var_writes: usize,
}

impl Pl {
    fn has(&self, name: &str) -> bool {
        self.params.iter().any(|p| p.name == name)
    }

    fn var(&mut self, name: &'static str, ty: &'static str) -> &'static str {
        if !self.vars.iter().any(|v| v.0 == name) {
            self.vars.push((name, ty));
        }
        name
    }

    fn name(&mut self, base: &str) -> String {
        self.counter += 1;
        format!("{base}{}", self.counter)
    }
}

const DOMAINS: [&str; 10] = [
    "Sales",
    "Finance",
    "Customers",
    "Inventory",
    "Marketing",
    "HR",
    "Logistics",
    "Billing",
    "Support",
    "Procurement",
];

const ENTITIES: [&str; 16] = [
    "Orders",
    "Customers",
    "Products",
    "Invoices",
    "Shipments",
    "Payments",
    "Employees",
    "Stores",
    "Suppliers",
    "Returns",
    "Campaigns",
    "Tickets",
    "Accounts",
    "Contracts",
    "Budgets",
    "Warehouses",
];

const COLUMNS: [(&str, &str); 16] = [
    ("Id", "Int32"),
    ("Code", "String"),
    ("Name", "String"),
    ("Description", "String"),
    ("Status", "String"),
    ("Amount", "Decimal"),
    ("Quantity", "Int32"),
    ("UnitPrice", "Decimal"),
    ("Currency", "String"),
    ("CreatedAt", "DateTime"),
    ("ModifiedAt", "DateTime"),
    ("IsActive", "Boolean"),
    ("Region", "String"),
    ("OwnerEmail", "String"),
    ("ExternalRef", "String"),
    ("Version", "Int64"),
];

const TRANSFORMS: [(&str, &str); 6] = [
    ("FilterActive", "filter(IsActive == true())"),
    ("DeriveLoadDate", "derive(LoadDate = currentDate(), Source = 'synthetic')"),
    ("AggregateByRegion", "aggregate(groupBy(Region), Total = sum(Amount), Rows = count())"),
    ("SelectColumns", "select(mapColumn(Id, Code, Name, Status, Amount), skipDuplicateMapInputs: true, skipDuplicateMapOutputs: true)"),
    ("SortByModified", "sort(desc(ModifiedAt, true))"),
    ("AlterRowUpsert", "alterRow(upsertIf(true()))"),
];

pub struct Gen {
    rng: Rng,
    width: usize,
    files: Vec<(String, String)>,
    sites: Vec<Site>,
    pools: Vec<(LsType, Pool)>,
    shir: Pool,
    datasets: Vec<Dataset>,
    dataflows: Vec<DataFlow>,
    pipelines: Vec<Pipeline>,
    activities: Vec<usize>,
    max_depth: usize,
}

/// Builds the whole factory for `n` pipelines.
pub fn generate(n: usize, seed: u64) -> Generated {
    let n = n.max(1);
    let mut g = Gen {
        rng: Rng::new(seed),
        width: n.to_string().len().max(4),
        files: Vec::new(),
        sites: Vec::new(),
        // Sizes chosen so that, with the datasets and activities below, a factory has about
        // seven entity files per pipeline (see docs/generator.md for the measured numbers).
        pools: LS_TYPES
            .iter()
            .map(|&t| {
                let size = match t {
                    LsType::Blob | LsType::AdlsGen2 => n / 5,
                    LsType::AzureSql => n / 5,
                    LsType::Databricks => n / 40,
                    LsType::Rest => n / 25,
                    LsType::KeyVault => n / 150,
                };
                (
                    t,
                    Pool {
                        size: size.max(2),
                        next: 0,
                    },
                )
            })
            .collect(),
        shir: Pool {
            size: (n / 400).max(1),
            next: 0,
        },
        datasets: Vec::new(),
        dataflows: Vec::new(),
        pipelines: Vec::new(),
        activities: Vec::new(),
        max_depth: 0,
    };
    for p in 0..n {
        let mut rng = g.rng.fork(p as u64);
        g.pipeline(p, &mut rng);
    }
    let mut rng = g.rng.fork(u64::MAX);
    for t in 0..triggers(n) {
        g.trigger(t, n, &mut rng);
    }
    g.linked_services(&mut rng);
    g.integration_runtimes();
    g.factory(seed);
    Generated {
        files: g.files,
        sites: g.sites,
        activities: g.activities,
        max_depth: g.max_depth,
    }
}

/// How many triggers a factory of `n` pipelines has (most pipelines are triggered).
fn triggers(n: usize) -> usize {
    (n * 7 / 10).max(1)
}

fn folder(name: String) -> J {
    obj().k("name", s(name)).done()
}

fn num(width: usize, n: usize) -> String {
    format!("{n:0width$}")
}

fn ls_prefix(t: LsType) -> &'static str {
    match t {
        LsType::KeyVault => "LS_KeyVault_",
        LsType::Blob => "LS_Blob_",
        LsType::AdlsGen2 => "LS_AdlsGen2_",
        LsType::AzureSql => "LS_AzureSql_",
        LsType::Databricks => "LS_Databricks_",
        LsType::Rest => "LS_Rest_",
    }
}

/// The declared parameters of linked service `idx` of type `t`. A function of the index (not
/// drawn at random when the file is written) because references are built before the file.
fn ls_params(t: LsType, idx: usize) -> Vec<Param> {
    match (t, idx % 3) {
        (LsType::AzureSql, 1) => vec![Param {
            name: "databaseName",
            ty: "string",
            default: None,
        }],
        (LsType::AzureSql, 2) => vec![Param {
            name: "databaseName",
            ty: "string",
            default: Some(s("sales")),
        }],
        (LsType::Blob, 2) => vec![Param {
            name: "accountName",
            ty: "string",
            default: Some(s("stsynthraw01")),
        }],
        _ => Vec::new(),
    }
}

fn param_specs(params: &[Param]) -> J {
    J::Obj(
        params
            .iter()
            .map(|p| {
                let spec = obj()
                    .k("type", s(p.ty))
                    .k_opt("defaultValue", p.default.clone());
                (p.name.to_string(), spec.done())
            })
            .collect(),
    )
}

impl Gen {
    fn site(&mut self, name: &str, category: Category) -> J {
        let id = self.sites.len();
        self.sites.push(Site {
            file: usize::MAX,
            offset: 0,
            category,
            target: name.to_string(),
        });
        J::Site(name.to_string(), id)
    }

    fn reference(&mut self, name: &str, ty: &str, category: Category) -> ObjBuilder {
        let site = self.site(name, category);
        obj().k("referenceName", site).k("type", s(ty))
    }

    fn emit(&mut self, path: String, tree: J) {
        let file = self.files.len();
        let mut at = Vec::new();
        let text = super::json::write(&tree, &mut at);
        for (id, offset) in at {
            self.sites[id].file = file;
            self.sites[id].offset = offset;
        }
        self.files.push((path, text));
    }

    fn pool(&mut self, t: LsType) -> &mut Pool {
        // `pools` lists every LsType in LS_TYPES order.
        let at = LS_TYPES.iter().position(|x| *x == t).unwrap_or(0);
        &mut self.pools[at].1
    }

    /// A reference to the next linked service of type `t`, passing every parameter it requires.
    fn ls_ref(&mut self, t: LsType, category: Category, rng: &mut Rng) -> J {
        let pool = self.pool(t);
        let idx = pool.next % pool.size;
        pool.next += 1;
        let name = format!("{}{:02}", ls_prefix(t), idx + 1);
        let params = ls_params(t, idx);
        let mut r = self.reference(&name, "LinkedServiceReference", category);
        if !params.is_empty() {
            let mut args = obj();
            for p in &params {
                if p.default.is_none() || rng.chance(50) {
                    let v = match p.name {
                        "databaseName" => *rng.pick(&["sales", "finance_dw", "staging", "mart"]),
                        _ => *rng.pick(&["stsynthraw01", "stsynthcur02"]),
                    };
                    args.push(p.name, s(v));
                }
            }
            r.push("parameters", args.done());
        }
        r.done()
    }

    fn kv_secret(&mut self, secret: String, rng: &mut Rng) -> J {
        let store = self.ls_ref(LsType::KeyVault, Category::KeyVaultStore, rng);
        obj()
            .k("type", s("AzureKeyVaultSecret"))
            .k("store", store)
            .k("secretName", s(secret))
            .done()
    }

    // ---------------------------------------------------------------- datasets and data flows

    /// An existing dataset of one of `kinds` (when `reuse` percent says so and one fits) or a
    /// new one. `defaults_only`: every parameter has a default (data flows pass no arguments).
    fn dataset(
        &mut self,
        kinds: &[DsKind],
        defaults_only: bool,
        reuse: u32,
        rng: &mut Rng,
    ) -> usize {
        if rng.chance(reuse) && !self.datasets.is_empty() {
            // A few tries at random keep this O(1) while still reusing across pipelines.
            for _ in 0..6 {
                let d = self.datasets.len() - 1 - rng.below(self.datasets.len().min(60));
                let ds = &self.datasets[d];
                if kinds.contains(&ds.kind)
                    && (!defaults_only || ds.params.iter().all(|p| p.default.is_some()))
                {
                    return d;
                }
            }
        }
        let kind = *rng.pick(kinds);
        self.new_dataset(kind, defaults_only, rng)
    }

    fn new_dataset(&mut self, kind: DsKind, defaults_only: bool, rng: &mut Rng) -> usize {
        let entity = *rng.pick(&ENTITIES);
        let suffix = match kind {
            DsKind::Csv => "csv",
            DsKind::Parquet => "parquet",
            DsKind::Json => "json",
            DsKind::Sql => "sql",
            DsKind::Rest => "api",
        };
        let name = format!(
            "DS_{entity}_{}_{suffix}",
            num(self.width, self.datasets.len() + 1)
        );
        let ls = match kind {
            DsKind::Sql => LsType::AzureSql,
            DsKind::Rest => LsType::Rest,
            _ if rng.chance(50) => LsType::Blob,
            _ => LsType::AdlsGen2,
        };
        let required = |rng: &mut Rng, v: &str| {
            if defaults_only || rng.chance(55) {
                Some(s(v))
            } else {
                None
            }
        };
        let parameterized = !rng.chance(20);
        let params = match kind {
            _ if !parameterized => Vec::new(),
            DsKind::Sql => vec![
                Param {
                    name: "schemaName",
                    ty: "string",
                    default: Some(s("dbo")),
                },
                Param {
                    name: "tableName",
                    ty: "string",
                    default: required(rng, entity),
                },
            ],
            DsKind::Rest => vec![
                Param {
                    name: "relativeUrl",
                    ty: "string",
                    default: required(rng, &format!("v1/{}", entity.to_lowercase())),
                },
                Param {
                    name: "pageSize",
                    ty: "int",
                    default: Some(i(100)),
                },
            ],
            _ => vec![
                Param {
                    name: "folderPath",
                    ty: "string",
                    default: required(rng, &format!("{}/incoming", entity.to_lowercase())),
                },
                Param {
                    name: "fileName",
                    ty: "string",
                    default: Some(s(format!("{}.{suffix}", entity.to_lowercase()))),
                },
            ],
        };
        let ls_ref = self.ls_ref(ls, Category::DatasetLinkedService, rng);
        let ncols = rng.range(2, 6);
        let columns: Vec<J> = COLUMNS
            .iter()
            .take(ncols)
            .map(|(c, t)| {
                let t = match kind {
                    DsKind::Sql => match *t {
                        "Int32" => "int",
                        "Int64" => "bigint",
                        "Decimal" => "decimal",
                        "DateTime" => "datetime2",
                        "Boolean" => "bit",
                        _ => "nvarchar",
                    },
                    DsKind::Csv => "String",
                    _ => t,
                };
                obj()
                    .k("name", s(format!("{entity}{c}")))
                    .k("type", s(t))
                    .done()
            })
            .collect();
        let p = |name: &str, literal: String| {
            if parameterized {
                expr(format!("@dataset().{name}"))
            } else {
                s(literal)
            }
        };
        let container = *rng.pick(&["raw", "curated", "landing", "archive"]);
        let location = || {
            let mut l = obj().k(
                "type",
                s(if ls == LsType::Blob {
                    "AzureBlobStorageLocation"
                } else {
                    "AzureBlobFSLocation"
                }),
            );
            l.push(
                "fileName",
                p("fileName", format!("{}.{suffix}", entity.to_lowercase())),
            );
            l.push(
                "folderPath",
                p("folderPath", format!("{}/incoming", entity.to_lowercase())),
            );
            l.push(
                if ls == LsType::Blob {
                    "container"
                } else {
                    "fileSystem"
                },
                s(container),
            );
            l.done()
        };
        let (ty, tp) = match kind {
            DsKind::Csv => (
                "DelimitedText",
                obj()
                    .k("location", location())
                    .k("columnDelimiter", s(","))
                    .k("escapeChar", s("\\"))
                    .k("firstRowAsHeader", b(true))
                    .k("quoteChar", s("\"")),
            ),
            DsKind::Parquet => (
                "Parquet",
                obj()
                    .k("location", location())
                    .k("compressionCodec", s("snappy")),
            ),
            DsKind::Json => (
                "Json",
                obj()
                    .k("location", location())
                    .k("encodingName", s("UTF-8")),
            ),
            DsKind::Sql => (
                "AzureSqlTable",
                obj()
                    .k("schema", p("schemaName", "dbo".into()))
                    .k("table", p("tableName", entity.to_string())),
            ),
            DsKind::Rest => (
                "RestResource",
                obj().k(
                    "relativeUrl",
                    if parameterized {
                        expr("@{dataset().relativeUrl}?pageSize=@{dataset().pageSize}")
                    } else {
                        s(format!("v1/{}", entity.to_lowercase()))
                    },
                ),
            ),
        };
        let domain = *rng.pick(&DOMAINS);
        let props = obj()
            .k("linkedServiceName", ls_ref)
            .k_opt(
                "parameters",
                (!params.is_empty()).then(|| param_specs(&params)),
            )
            .k(
                "folder",
                folder(format!(
                    "{domain}/{}",
                    if kind == DsKind::Sql { "Sql" } else { "Lake" }
                )),
            )
            .k("annotations", arr(vec![]))
            .k("type", s(ty))
            .k("typeProperties", tp.done())
            .k(
                "schema",
                arr(if kind == DsKind::Parquet {
                    vec![]
                } else {
                    columns
                }),
            );
        let tree = obj()
            .k("name", s(&name))
            .k("properties", props.done())
            .done();
        self.emit(format!("dataset/{name}.json"), tree);
        self.datasets.push(Dataset {
            name,
            kind,
            ls,
            params,
        });
        self.datasets.len() - 1
    }

    /// A DatasetReference passing arguments for the dataset's parameters (always the required
    /// ones, sometimes the optional ones).
    fn ds_ref(&mut self, d: usize, category: Category, pl: &Pl, scope: Scope, rng: &mut Rng) -> J {
        let name = self.datasets[d].name.clone();
        let params = self.datasets[d].params.clone();
        let mut r = self.reference(&name, "DatasetReference", category);
        if !params.is_empty() && category != Category::DataFlowDataset {
            let mut args = obj();
            for p in &params {
                if p.default.is_some() && rng.chance(50) {
                    continue;
                }
                let v = match (p.name, p.ty) {
                    (_, "int") => i(*rng.pick(&[50, 100, 250, 1000])),
                    ("fileName", _) if scope.item.is_some() => {
                        expr(format!("@{}", scope.item.unwrap_or("item()")))
                    }
                    ("folderPath", _) => expr(format!(
                        "@concat('{}/', formatDateTime(pipeline().parameters.runDate, 'yyyy/MM/dd'))",
                        pl.entity.to_lowercase()
                    )),
                    ("tableName", _) if scope.item == Some("item().TableName") => {
                        expr("@item().TableName")
                    }
                    ("relativeUrl", _) => s(format!("v1/{}", pl.entity.to_lowercase())),
                    _ if rng.chance(30) => expr("@pipeline().parameters.runDate"),
                    _ => s(pl.entity),
                };
                args.push(p.name, v);
            }
            r.push("parameters", args.done());
        }
        r.done()
    }

    fn dataflow(&mut self, rng: &mut Rng) -> usize {
        if !self.dataflows.is_empty() && rng.chance(25) {
            return self.dataflows.len() - 1 - rng.below(self.dataflows.len().min(20));
        }
        let entity = *rng.pick(&ENTITIES);
        let name = format!(
            "DF_Transform{entity}_{}",
            num(self.width, self.dataflows.len() + 1)
        );
        let empty = Pl {
            params: Vec::new(),
            vars: Vec::new(),
            counter: 0,
            activities: 0,
            depth: 0,
            entity,
            var_writes: 0,
        };
        let mut sources = Vec::new();
        let mut source_names = Vec::new();
        for n in 0..rng.range(1, 2) {
            let d = self.dataset(&[DsKind::Csv, DsKind::Parquet, DsKind::Sql], true, 30, rng);
            let r = self.ds_ref(d, Category::DataFlowDataset, &empty, Scope::default(), rng);
            let src = format!("src{entity}{}", n + 1);
            sources.push(obj().k("dataset", r).k("name", s(&src)).done());
            source_names.push(src);
        }
        let d = self.dataset(&[DsKind::Sql, DsKind::Parquet], true, 20, rng);
        let sink_ref = self.ds_ref(d, Category::DataFlowDataset, &empty, Scope::default(), rng);
        let sink = format!("sink{entity}");
        let mut lines: Vec<String> = Vec::new();
        for src in &source_names {
            lines.push("source(output(".into());
            let ncols = rng.range(4, 10);
            for (k, (c, t)) in COLUMNS.iter().take(ncols).enumerate() {
                let t = match *t {
                    "Int32" => "integer",
                    "Int64" => "long",
                    "Decimal" => "decimal(18,2)",
                    "DateTime" => "timestamp",
                    "Boolean" => "boolean",
                    _ => "string",
                };
                let comma = if k + 1 < ncols { "," } else { "" };
                lines.push(format!("          {c} as {t}{comma}"));
            }
            lines.push("     ),".into());
            lines.push("     allowSchemaDrift: true,".into());
            lines.push("     validateSchema: false,".into());
            lines.push(format!("     ignoreNoFilesFound: false) ~> {src}"));
        }
        let mut prev = source_names[0].clone();
        if source_names.len() > 1 {
            let join = format!("Join{entity}");
            lines.push(format!("{prev}, {} join(Id == Id,", source_names[1]));
            lines.push("     joinType:'inner',".into());
            lines.push("     matchType:'exact',".into());
            lines.push("     ignoreSpaces: false,".into());
            lines.push(format!("     broadcast: 'auto')~> {join}"));
            prev = join;
        }
        let mut transformations = Vec::new();
        if source_names.len() > 1 {
            transformations.push(obj().k("name", s(&prev)).done());
        }
        let count = rng.range(1, 4);
        let start = rng.below(TRANSFORMS.len());
        for k in 0..count {
            let (t, body) = TRANSFORMS[(start + k) % TRANSFORMS.len()];
            lines.push(format!("{prev} {body} ~> {t}"));
            transformations.push(obj().k("name", s(t)).done());
            prev = t.to_string();
        }
        lines.push(format!("{prev} sink(allowSchemaDrift: true,"));
        lines.push("     validateSchema: false,".into());
        lines.push("     deletable:false,".into());
        lines.push("     insertable:true,".into());
        lines.push("     updateable:false,".into());
        lines.push("     upsertable:false,".into());
        lines.push("     format: 'table',".into());
        lines.push("     skipDuplicateMapInputs: true,".into());
        lines.push(format!("     skipDuplicateMapOutputs: true) ~> {sink}"));
        let tp = obj()
            .k("sources", arr(sources))
            .k(
                "sinks",
                arr(vec![obj()
                    .k("dataset", sink_ref)
                    .k("name", s(&sink))
                    .done()]),
            )
            .k("transformations", arr(transformations))
            .k("scriptLines", arr(lines.into_iter().map(s).collect()));
        let props = obj()
            .k("folder", folder(format!("Transform/{entity}")))
            .k("type", s("MappingDataFlow"))
            .k("typeProperties", tp.done());
        let tree = obj()
            .k("name", s(&name))
            .k("properties", props.done())
            .done();
        self.emit(format!("dataflow/{name}.json"), tree);
        self.dataflows.push(DataFlow {
            name,
            sources: source_names,
            sinks: vec![sink],
        });
        self.dataflows.len() - 1
    }

    // ---------------------------------------------------------------- pipelines

    fn pipeline(&mut self, p: usize, rng: &mut Rng) {
        let domain = DOMAINS[p % DOMAINS.len()];
        let name = format!("PL_{domain}_{}", num(self.width, p + 1));
        let entity = *rng.pick(&ENTITIES);
        let params = pipeline_params(rng);
        let mut pl = Pl {
            params,
            vars: Vec::new(),
            counter: 0,
            activities: 0,
            depth: 0,
            entity,
            var_writes: 0,
        };
        // 3..=15 activities, nested ones included; weighted toward the middle like real
        // factories (the sum of two draws).
        let total = 3 + rng.range(0, 6) + rng.range(0, 6);
        let activities = self.activity_array(&mut pl, Scope::default(), total, 1, rng);
        let mut props = obj()
            .k("activities", arr(activities))
            .k("parameters", param_specs(&pl.params));
        if !pl.vars.is_empty() {
            let vars = pl
                .vars
                .iter()
                .map(|(n, t)| {
                    let spec = obj().k("type", s(*t)).k_opt(
                        "defaultValue",
                        match *t {
                            "Array" => Some(arr(vec![])),
                            "Boolean" => Some(b(false)),
                            _ if rng.chance(50) => Some(s("")),
                            _ => None,
                        },
                    );
                    (n.to_string(), spec.done())
                })
                .collect();
            props.push("variables", J::Obj(vars));
        }
        let sub = *rng.pick(&["Ingest", "Transform", "Publish", "Maintenance"]);
        props.push("folder", folder(format!("{domain}/{sub}")));
        props.push("annotations", strs(&["synthetic", domain]));
        let tree = obj()
            .k("name", s(&name))
            .k("properties", props.done())
            .done();
        self.emit(format!("pipeline/{name}.json"), tree);
        self.activities.push(pl.activities);
        self.max_depth = self.max_depth.max(pl.depth);
        self.pipelines.push(Pipeline {
            name,
            params: pl.params,
        });
    }

    /// One `activities` array holding `budget` activities in all (nested ones included).
    fn activity_array(
        &mut self,
        pl: &mut Pl,
        scope: Scope,
        budget: usize,
        depth: usize,
        rng: &mut Rng,
    ) -> Vec<J> {
        pl.depth = pl.depth.max(depth);
        let mut out = Vec::new();
        let mut left = budget;
        let mut prev: Option<(String, Output)> = None;
        while left > 0 {
            // Mostly a chain; sometimes an activity starts in parallel with no dependency.
            let dep = match &prev {
                Some(p) if rng.chance(85) => Some(p.clone()),
                _ => None,
            };
            let (tree, name, output, used) =
                self.activity(pl, scope, dep.as_ref(), left, depth, rng);
            left -= used;
            out.push(tree);
            prev = Some((name, output));
        }
        out
    }

    /// One activity (and everything nested in it); returns the tree, its name, what it outputs
    /// and how many activities it took from the budget.
    fn activity(
        &mut self,
        pl: &mut Pl,
        scope: Scope,
        dep: Option<&(String, Output)>,
        left: usize,
        depth: usize,
        rng: &mut Rng,
    ) -> (J, String, Output, usize) {
        let out = dep.map(|d| d.1.clone()).unwrap_or(Output::None);
        let array_in = matches!(out, Output::Array { .. } | Output::Rows(_));
        let mut kinds: Vec<(&str, u32)> = vec![
            ("Copy", 16),
            ("Lookup", 9),
            ("GetMetadata", 5),
            ("SetVariable", 8),
            ("Wait", 4),
            ("WebActivity", 5),
            ("ExecuteDataFlow", 5),
            ("SqlServerStoredProcedure", 6),
            ("DatabricksNotebook", 2),
            ("Filter", if array_in { 12 } else { 1 }),
            ("AppendVariable", if scope.item.is_some() { 6 } else { 1 }),
        ];
        if !self.pipelines.is_empty() {
            kinds.push(("ExecutePipeline", 5));
        }
        if left >= 2 && !scope.in_branch {
            kinds.push(("IfCondition", 6));
            if pl.has("region") {
                kinds.push(("Switch", 5));
            }
            if !scope.in_loop {
                kinds.push(("ForEach", if array_in { 40 } else { 8 }));
                kinds.push(("Until", 2));
            }
        }
        let total: u32 = kinds.iter().map(|k| k.1).sum();
        let mut roll = rng.below(total as usize) as u32;
        let mut kind = "Wait";
        for (k, w) in &kinds {
            if roll < *w {
                kind = k;
                break;
            }
            roll -= w;
        }
        pl.activities += 1;
        let depends = match dep {
            Some((d, _)) => {
                let cond = if rng.chance(90) {
                    "Succeeded"
                } else {
                    *rng.pick(&["Completed", "Failed"])
                };
                vec![obj()
                    .k("activity", s(d.as_str()))
                    .k("dependencyConditions", strs(&[cond]))
                    .done()]
            }
            None => Vec::new(),
        };
        let entity = pl.entity;
        let mut used = 1;
        let mut output = Output::None;
        let mut io = None;
        let (name, policy, linked, tp) = match kind {
            "Copy" => {
                let name = pl.name(&format!("Copy{entity}"));
                let pairs: [(DsKind, DsKind); 6] = [
                    (DsKind::Csv, DsKind::Sql),
                    (DsKind::Sql, DsKind::Parquet),
                    (DsKind::Json, DsKind::Csv),
                    (DsKind::Rest, DsKind::Json),
                    (DsKind::Parquet, DsKind::Sql),
                    (DsKind::Csv, DsKind::Parquet),
                ];
                let (sk, tk) = *rng.pick(&pairs);
                let src = self.dataset(&[sk], false, 50, rng);
                let dst = self.dataset(&[tk], false, 50, rng);
                let source = self.copy_source(src, pl, rng);
                let sink = self.copy_sink(dst);
                let ncols = rng.range(2, 5);
                let mappings = COLUMNS
                    .iter()
                    .take(ncols)
                    .map(|(c, t)| {
                        let col = obj().k("name", s(format!("{entity}{c}"))).k("type", s(*t));
                        obj()
                            .k("source", col.clone().done())
                            .k("sink", col.done())
                            .done()
                    })
                    .collect();
                let translator = obj()
                    .k("type", s("TabularTranslator"))
                    .k("mappings", arr(mappings))
                    .k("typeConversion", b(true))
                    .k(
                        "typeConversionSettings",
                        obj()
                            .k("allowDataTruncation", b(true))
                            .k("treatBooleanAsNumber", b(false))
                            .done(),
                    );
                let tp = obj()
                    .k("source", source)
                    .k("sink", sink)
                    .k("enableStaging", b(false))
                    // ADF Studio writes an explicit mapping only once columns were imported.
                    .k_opt("translator", rng.chance(30).then(|| translator.done()));
                let input = self.ds_ref(src, Category::CopyDataset, pl, scope, rng);
                let output_ref = self.ds_ref(dst, Category::CopyDataset, pl, scope, rng);
                output = Output::Copy(name.clone());
                io = Some((input, output_ref));
                (name, Some(policy(rng)), None, tp)
            }
            "Lookup" => {
                let name = pl.name(&format!("Lookup{entity}"));
                let first_row = rng.chance(50);
                let d = self.dataset(&[DsKind::Sql, DsKind::Csv], false, 40, rng);
                let source = if self.datasets[d].kind == DsKind::Sql {
                    let q = if first_row {
                        format!("SELECT MAX(ModifiedAt) AS Watermark, 'Ready' AS Status FROM etl.{entity}Watermark WHERE LoadDate <= '@{{pipeline().parameters.runDate}}'")
                    } else {
                        format!("SELECT TableName, SchemaName FROM etl.LoadConfig WHERE Domain = '{entity}' AND Enabled = 1")
                    };
                    obj()
                        .k("type", s("AzureSqlSource"))
                        .k("sqlReaderQuery", expr(q))
                        .k("queryTimeout", s("02:00:00"))
                        .k("partitionOption", s("None"))
                        .done()
                } else {
                    self.copy_source(d, pl, rng)
                };
                let dataset = self.ds_ref(d, Category::ActivityDataset, pl, scope, rng);
                output = if first_row {
                    Output::FirstRow(name.clone())
                } else {
                    Output::Rows(name.clone())
                };
                let tp = obj()
                    .k("source", source)
                    .k("dataset", dataset)
                    .k("firstRowOnly", b(first_row));
                (name, Some(policy(rng)), None, tp)
            }
            "GetMetadata" => {
                let name = pl.name(&format!("GetFiles{entity}"));
                let d = self.dataset(
                    &[DsKind::Csv, DsKind::Parquet, DsKind::Json],
                    false,
                    40,
                    rng,
                );
                let dataset = self.ds_ref(d, Category::ActivityDataset, pl, scope, rng);
                let ds = &self.datasets[d];
                let store = read_settings(ds.ls);
                let format = match ds.kind {
                    DsKind::Parquet => "ParquetReadSettings",
                    DsKind::Json => "JsonReadSettings",
                    _ => "DelimitedTextReadSettings",
                };
                let tp = obj()
                    .k("dataset", dataset)
                    .k(
                        "fieldList",
                        strs(&["childItems", "lastModified", "itemName"]),
                    )
                    .k(
                        "storeSettings",
                        obj()
                            .k("type", s(store))
                            .k("recursive", b(true))
                            .k("enablePartitionDiscovery", b(false))
                            .done(),
                    )
                    .k("formatSettings", obj().k("type", s(format)).done());
                output = Output::Array {
                    name: name.clone(),
                    path: ".output.childItems",
                    item: "item().name",
                };
                (name, Some(policy(rng)), None, tp)
            }
            "SetVariable" => {
                pl.var_writes += 1;
                let name = pl.name("Set");
                let (var, value) = match &out {
                    Output::FirstRow(a) => (
                        pl.var("status", "String"),
                        s(format!("@activity('{a}').output.firstRow.Status")),
                    ),
                    Output::Copy(a) => (
                        pl.var("rowCount", "String"),
                        s(format!("@string(activity('{a}').output.rowsCopied)")),
                    ),
                    Output::Array { name: a, path, .. } => (
                        pl.var("isValid", "Boolean"),
                        s(format!("@greater(length(activity('{a}'){path}), 0)")),
                    ),
                    Output::Web(a) => (
                        pl.var("status", "String"),
                        s(format!("@string(activity('{a}').output)")),
                    ),
                    Output::Rows(a) => (
                        pl.var("rowCount", "String"),
                        s(format!("@string(activity('{a}').output.count)")),
                    ),
                    _ => (
                        pl.var("status", "String"),
                        s("@concat('Started ', pipeline().Pipeline, ' for ', pipeline().parameters.runDate)"),
                    ),
                };
                let tp = obj().k("variableName", s(var)).k("value", value);
                let policy = obj()
                    .k("secureOutput", b(false))
                    .k("secureInput", b(false))
                    .done();
                (format!("{name}{}", capitalize(var)), Some(policy), None, tp)
            }
            "AppendVariable" => {
                pl.var_writes += 1;
                let name = pl.name("Append");
                let value = match scope.item {
                    Some(it) => s(format!("@{it}")),
                    None => s("@pipeline().parameters.runDate"),
                };
                let var = pl.var("processedItems", "Array");
                let tp = obj().k("variableName", s(var)).k("value", value);
                (name, None, None, tp)
            }
            "Wait" => {
                let name = pl.name("Wait");
                let tp = obj().k("waitTimeInSeconds", i(*rng.pick(&[5, 30, 60, 300])));
                (name, None, None, tp)
            }
            "WebActivity" => {
                let name = pl.name(&format!("Notify{entity}"));
                let post = rng.chance(50);
                let url = if pl.has("notifyUrl") {
                    s(format!(
                        "@concat(pipeline().parameters.notifyUrl, '/{}')",
                        entity.to_lowercase()
                    ))
                } else {
                    s(format!(
                        "https://api.contoso.example/v1/{}/status?date=@{{pipeline().parameters.runDate}}",
                        entity.to_lowercase()
                    ))
                };
                let mut tp = obj()
                    .k("method", s(if post { "POST" } else { "GET" }))
                    .k("url", url)
                    .k(
                        "headers",
                        obj().k("Content-Type", s("application/json")).done(),
                    );
                if post {
                    tp.push(
                        "body",
                        s("{\"pipeline\": \"@{pipeline().Pipeline}\", \"runId\": \"@{pipeline().RunId}\", \"runDate\": \"@{pipeline().parameters.runDate}\"}"),
                    );
                }
                tp.push(
                    "authentication",
                    obj()
                        .k("type", s("MSI"))
                        .k("resource", s("https://management.azure.com/"))
                        .done(),
                );
                output = Output::Web(name.clone());
                (name, Some(policy(rng)), None, tp)
            }
            "Filter" => {
                let name = pl.name("Filter");
                let (items, item) = array_source(pl, &out);
                let cond = if item == "item()" {
                    "@not(empty(item()))".to_string()
                } else if item == "item().name" {
                    "@endswith(item().name, '.csv')".to_string()
                } else {
                    format!("@not(equals({item}, ''))")
                };
                let tp = obj().k("items", expr(items)).k("condition", expr(cond));
                output = Output::Array {
                    name: name.clone(),
                    path: ".output.Value",
                    item,
                };
                (name, None, None, tp)
            }
            "ExecuteDataFlow" => {
                let name = pl.name(&format!("Transform{entity}"));
                let df = self.dataflow(rng);
                let (df_name, ds_params) = {
                    let f = &self.dataflows[df];
                    let params: Vec<(String, J)> = f
                        .sources
                        .iter()
                        .chain(&f.sinks)
                        .map(|n| (n.clone(), obj().done()))
                        .collect();
                    (f.name.clone(), params)
                };
                let r = self
                    .reference(&df_name, "DataFlowReference", Category::DataFlow)
                    .k("parameters", obj().done())
                    .k("datasetParameters", J::Obj(ds_params))
                    .done();
                let mut tp = obj().k("dataFlow", r);
                if rng.chance(50) {
                    tp.push(
                        "integrationRuntime",
                        self.reference(
                            "IR-Azure-Managed",
                            "IntegrationRuntimeReference",
                            Category::IntegrationRuntime,
                        )
                        .done(),
                    );
                }
                tp.push(
                    "compute",
                    obj()
                        .k("coreCount", i(*rng.pick(&[8, 16, 32])))
                        .k("computeType", s("General"))
                        .done(),
                );
                tp.push("traceLevel", s("Fine"));
                (name, Some(policy(rng)), None, tp)
            }
            "SqlServerStoredProcedure" => {
                let name = pl.name(&format!("Merge{entity}"));
                let ls = self.ls_ref(LsType::AzureSql, Category::ActivityLinkedService, rng);
                let mut sp = obj().k(
                    "RunDate",
                    obj()
                        .k("value", s("@pipeline().parameters.runDate"))
                        .k("type", s("String"))
                        .done(),
                );
                if let Some(it) = scope.item {
                    sp.push(
                        "ItemName",
                        obj()
                            .k("value", s(format!("@string({it})")))
                            .k("type", s("String"))
                            .done(),
                    );
                }
                sp.push(
                    "BatchSize",
                    obj().k("value", s("500")).k("type", s("Int32")).done(),
                );
                let tp = obj()
                    .k(
                        "storedProcedureName",
                        s(format!("[etl].[usp_Merge{entity}]")),
                    )
                    .k("storedProcedureParameters", sp.done());
                (name, Some(policy(rng)), Some(ls), tp)
            }
            "DatabricksNotebook" => {
                let name = pl.name(&format!("Notebook{entity}"));
                let ls = self.ls_ref(LsType::Databricks, Category::ActivityLinkedService, rng);
                let mut params = obj().k("run_date", s("@pipeline().parameters.runDate"));
                if let Some(it) = scope.item {
                    params.push("item", s(format!("@string({it})")));
                }
                let tp = obj()
                    .k(
                        "notebookPath",
                        s(format!("/Shared/etl/{}_transform", entity.to_lowercase())),
                    )
                    .k("baseParameters", params.done());
                (name, Some(policy(rng)), Some(ls), tp)
            }
            "ExecutePipeline" => {
                let name = pl.name("Run");
                let target = rng.below(self.pipelines.len());
                let (tname, tparams) = {
                    let t = &self.pipelines[target];
                    (t.name.clone(), t.params.clone())
                };
                let r = self
                    .reference(&tname, "PipelineReference", Category::ExecutePipeline)
                    .done();
                let mut args = obj();
                for p in &tparams {
                    if p.default.is_none() || rng.chance(40) {
                        args.push(p.name, argument(p, pl, scope, rng, false));
                    }
                }
                let tp = obj()
                    .k("pipeline", r)
                    .k("waitOnCompletion", b(true))
                    .k("parameters", args.done());
                let policy = obj().k("secureInput", b(false)).done();
                let name = format!("{name}{}", tname.trim_start_matches("PL_").replace('_', ""));
                (name, Some(policy), None, tp)
            }
            "ForEach" => {
                let name = pl.name("ForEach");
                let (items, item) = array_source(pl, &out);
                let inner = rng.range(1, (left - 1).min(5));
                used += inner;
                let sub = Scope {
                    item: Some(item),
                    in_loop: true,
                    in_branch: scope.in_branch,
                };
                let writes = pl.var_writes;
                let acts = self.activity_array(pl, sub, inner, depth + 1, rng);
                // The draws stay as they were, so the rest of the factory does too.
                let drawn = rng.chance(30);
                let sequential = drawn || pl.var_writes > writes;
                let mut tp = obj()
                    .k("items", expr(items))
                    .k("isSequential", b(sequential));
                if !drawn {
                    let batch = *rng.pick(&[4, 8, 20]);
                    if !sequential {
                        tp.push("batchCount", i(batch));
                    }
                }
                tp.push("activities", arr(acts));
                (name, None, None, tp)
            }
            "Until" => {
                let name = pl.name("UntilDone");
                let var = pl.var("status", "String");
                let inner = rng.range(1, (left - 1).min(4));
                used += inner;
                let sub = Scope {
                    item: scope.item,
                    in_loop: true,
                    in_branch: scope.in_branch,
                };
                let acts = self.activity_array(pl, sub, inner, depth + 1, rng);
                let tp = obj()
                    .k(
                        "expression",
                        expr(format!("@equals(variables('{var}'), 'Succeeded')")),
                    )
                    .k("timeout", s("0.01:00:00"))
                    .k("activities", arr(acts));
                (name, None, None, tp)
            }
            "IfCondition" => {
                let name = pl.name("If");
                let cond = match &out {
                    Output::FirstRow(a) => {
                        format!("@equals(activity('{a}').output.firstRow.Status, 'Ready')")
                    }
                    Output::Copy(a) => {
                        format!("@greater(activity('{a}').output.rowsCopied, 0)")
                    }
                    Output::Array { name: a, path, .. } => {
                        format!("@greater(length(activity('{a}'){path}), 0)")
                    }
                    _ if pl.has("fullLoad") => "@pipeline().parameters.fullLoad".to_string(),
                    _ => "@not(empty(pipeline().parameters.runDate))".to_string(),
                };
                let inner = rng.range(1, (left - 1).min(6));
                used += inner;
                let t = rng.range(1, inner);
                let sub = Scope {
                    item: scope.item,
                    in_loop: scope.in_loop,
                    in_branch: true,
                };
                let yes = self.activity_array(pl, sub, t, depth + 1, rng);
                let no = self.activity_array(pl, sub, inner - t, depth + 1, rng);
                let mut tp = obj()
                    .k("expression", expr(cond))
                    .k("ifTrueActivities", arr(yes));
                if !no.is_empty() {
                    tp.push("ifFalseActivities", arr(no));
                }
                (name, None, None, tp)
            }
            _ => {
                // Switch on the region parameter (only offered when the pipeline declares it).
                let name = pl.name("SwitchRegion");
                let inner = rng.range(1, (left - 1).min(6));
                used += inner;
                let sub = Scope {
                    item: scope.item,
                    in_loop: scope.in_loop,
                    in_branch: true,
                };
                let regions = ["westeurope", "northeurope", "eastus"];
                let ncases = rng.range(1, 3).min(inner);
                let mut rest = inner;
                let mut cases = Vec::new();
                for (k, region) in regions.iter().take(ncases).enumerate() {
                    let share = if k + 1 == ncases && rest > 0 && rng.chance(50) {
                        rest
                    } else {
                        rng.range(1, rest - (ncases - k - 1)).min(2)
                    };
                    rest -= share;
                    let acts = self.activity_array(pl, sub, share, depth + 1, rng);
                    cases.push(
                        obj()
                            .k("value", s(*region))
                            .k("activities", arr(acts))
                            .done(),
                    );
                }
                let default = self.activity_array(pl, sub, rest, depth + 1, rng);
                let tp = obj()
                    .k("on", expr("@pipeline().parameters.region"))
                    .k("cases", arr(cases))
                    .k("defaultActivities", arr(default));
                (name, None, None, tp)
            }
        };
        let mut tree = obj()
            .k("name", s(&name))
            .k("type", s(kind))
            .k("dependsOn", arr(depends));
        // ADF Studio's key order: name, type, dependsOn, policy, userProperties,
        // linkedServiceName, typeProperties, inputs, outputs.
        if let Some(p) = policy {
            tree.push("policy", p);
        }
        tree.push("userProperties", arr(vec![]));
        if let Some(l) = linked {
            tree.push("linkedServiceName", l);
        }
        tree.push("typeProperties", tp.done());
        if let Some((input, output_ref)) = io {
            tree.push("inputs", arr(vec![input]));
            tree.push("outputs", arr(vec![output_ref]));
        }
        (tree.done(), name, output, used)
    }

    fn copy_source(&mut self, d: usize, pl: &Pl, rng: &mut Rng) -> J {
        let ds = &self.datasets[d];
        let entity = pl.entity;
        match ds.kind {
            DsKind::Sql => obj()
                .k("type", s("AzureSqlSource"))
                .k(
                    "sqlReaderQuery",
                    expr(format!("SELECT * FROM dbo.{entity} WHERE ModifiedAt >= '@{{pipeline().parameters.runDate}}'")),
                )
                .k("queryTimeout", s("02:00:00"))
                .k("partitionOption", s("None"))
                .done(),
            DsKind::Rest => obj()
                .k("type", s("RestSource"))
                .k("httpRequestTimeout", s("00:01:40"))
                .k("requestInterval", s("00.00:00:00.010"))
                .k("requestMethod", s("GET"))
                .k(
                    "paginationRules",
                    obj().k("supportRFC5988", s("true")).done(),
                )
                .done(),
            kind => {
                let (ty, format) = match kind {
                    DsKind::Parquet => ("ParquetSource", None),
                    DsKind::Json => ("JsonSource", Some("JsonReadSettings")),
                    _ => ("DelimitedTextSource", Some("DelimitedTextReadSettings")),
                };
                let mut store = obj()
                    .k("type", s(read_settings(ds.ls)))
                    .k("recursive", b(true));
                if rng.chance(50) {
                    store.push("wildcardFolderPath", s(format!("{}/incoming", entity.to_lowercase())));
                    store.push("wildcardFileName", s("*"));
                }
                store.push("enablePartitionDiscovery", b(false));
                obj()
                    .k("type", s(ty))
                    .k("storeSettings", store.done())
                    .k_opt("formatSettings", format.map(|f| obj().k("type", s(f)).done()))
                    .done()
            }
        }
    }

    fn copy_sink(&mut self, d: usize) -> J {
        let ds = &self.datasets[d];
        let write = match ds.ls {
            LsType::Blob => "AzureBlobStorageWriteSettings",
            _ => "AzureBlobFSWriteSettings",
        };
        match ds.kind {
            DsKind::Sql => obj()
                .k("type", s("AzureSqlSink"))
                .k("writeBehavior", s("insert"))
                .k("sqlWriterUseTableLock", b(false))
                .k("tableOption", s("autoCreate"))
                .k("disableMetricsCollection", b(false))
                .done(),
            kind => {
                let (ty, format) = match kind {
                    DsKind::Parquet => ("ParquetSink", obj().k("type", s("ParquetWriteSettings"))),
                    DsKind::Json => (
                        "JsonSink",
                        obj()
                            .k("type", s("JsonWriteSettings"))
                            .k("filePattern", s("setOfObjects")),
                    ),
                    _ => (
                        "DelimitedTextSink",
                        obj()
                            .k("type", s("DelimitedTextWriteSettings"))
                            .k("quoteAllText", b(true))
                            .k("fileExtension", s(".csv")),
                    ),
                };
                obj()
                    .k("type", s(ty))
                    .k("storeSettings", obj().k("type", s(write)).done())
                    .k("formatSettings", format.done())
                    .done()
            }
        }
    }

    // ---------------------------------------------------------------- triggers

    fn trigger(&mut self, t: usize, n: usize, rng: &mut Rng) {
        let kind = rng.below(4);
        // Spread the first pipeline of each trigger over all pipelines; more are random.
        let first = t * n / triggers(n);
        let mut targets = vec![first.min(n - 1)];
        if kind != 2 {
            for _ in 0..rng.below(3) {
                let p = rng.below(n);
                if !targets.contains(&p) {
                    targets.push(p);
                }
            }
        }
        let mut refs = Vec::new();
        for &p in &targets {
            let (pname, params) = {
                let p = &self.pipelines[p];
                (p.name.clone(), p.params.clone())
            };
            let r = self
                .reference(&pname, "PipelineReference", Category::TriggerPipeline)
                .done();
            let mut args = obj();
            for param in &params {
                if param.default.is_none() || rng.chance(30) {
                    let v = match (param.name, kind) {
                        ("runDate", 2) => s("@trigger().outputs.windowStartTime"),
                        ("runDate", 3) => s("@triggerBody().fileName"),
                        ("runDate", _) => s("@trigger().scheduledTime"),
                        _ => argument(param, &empty_pl(), Scope::default(), rng, true),
                    };
                    args.push(param.name, v);
                }
            }
            refs.push(
                obj()
                    .k("pipelineReference", r)
                    .k("parameters", args.done())
                    .done(),
            );
        }
        let w = self.width;
        let state = if rng.chance(80) { "Started" } else { "Stopped" };
        let hour = rng.below(24) as i64;
        let (name, ty, tp) = match kind {
            2 => {
                let tp = obj()
                    .k("frequency", s("Hour"))
                    .k("interval", i(*rng.pick(&[1, 6, 24])))
                    .k("startTime", s("2024-01-01T00:00:00Z"))
                    .k("delay", s("00:00:00"))
                    .k("maxConcurrency", i(50))
                    .k(
                        "retryPolicy",
                        obj().k("count", i(2)).k("intervalInSeconds", i(30)).done(),
                    )
                    .k("dependsOn", arr(vec![]));
                (
                    format!("TR_Window_{}", num(w, t + 1)),
                    "TumblingWindowTrigger",
                    tp,
                )
            }
            3 => {
                let entity = rng.pick(&ENTITIES).to_lowercase();
                let tp = obj()
                    .k("blobPathBeginsWith", s(format!("/raw/blobs/{entity}/")))
                    .k("blobPathEndsWith", s(".csv"))
                    .k("ignoreEmptyBlobs", b(true))
                    .k(
                        "scope",
                        s("/subscriptions/00000000-0000-0000-0000-000000000000/resourceGroups/rg-synth-data/providers/Microsoft.Storage/storageAccounts/stsynthraw01"),
                    )
                    .k("events", strs(&["Microsoft.Storage.BlobCreated"]));
                (
                    format!("TR_BlobArrival_{}", num(w, t + 1)),
                    "BlobEventsTrigger",
                    tp,
                )
            }
            _ => {
                let tp = obj().k(
                    "recurrence",
                    obj()
                        .k("frequency", s("Day"))
                        .k("interval", i(1))
                        .k("startTime", s(format!("2024-01-01T{hour:02}:00:00")))
                        .k("timeZone", s("W. Europe Standard Time"))
                        .k(
                            "schedule",
                            obj()
                                .k("minutes", arr(vec![i(0)]))
                                .k("hours", arr(vec![i(hour)]))
                                .done(),
                        )
                        .done(),
                );
                (format!("TR_Daily_{}", num(w, t + 1)), "ScheduleTrigger", tp)
            }
        };
        let mut props = obj()
            .k("annotations", arr(vec![]))
            .k("runtimeState", s(state));
        if kind == 2 {
            let one = refs.into_iter().next().unwrap_or_else(|| obj().done());
            props.push("pipeline", one);
        } else {
            props.push("pipelines", arr(refs));
        }
        props.push("type", s(ty));
        props.push("typeProperties", tp.done());
        let tree = obj()
            .k("name", s(&name))
            .k("properties", props.done())
            .done();
        self.emit(format!("trigger/{name}.json"), tree);
    }

    // ---------------------------------------------------------------- linked services, IRs

    fn linked_services(&mut self, rng: &mut Rng) {
        for t in LS_TYPES {
            let pool = self.pool(t);
            let count = pool.size.min(pool.next);
            for idx in 0..count {
                self.linked_service(t, idx, rng);
            }
        }
    }

    fn connect_via(&mut self, rng: &mut Rng) -> J {
        if rng.chance(60) {
            let idx = self.shir.next % self.shir.size;
            self.shir.next += 1;
            let name = format!("IR-SelfHosted-{:02}", idx + 1);
            self.reference(
                &name,
                "IntegrationRuntimeReference",
                Category::IntegrationRuntime,
            )
            .done()
        } else {
            self.reference(
                "IR-Azure-Managed",
                "IntegrationRuntimeReference",
                Category::IntegrationRuntime,
            )
            .done()
        }
    }

    fn linked_service(&mut self, t: LsType, idx: usize, rng: &mut Rng) {
        let name = format!("{}{:02}", ls_prefix(t), idx + 1);
        let params = ls_params(t, idx);
        let n = idx + 1;
        let (ty, tp, via) = match t {
            LsType::KeyVault => (
                "AzureKeyVault",
                obj().k(
                    "baseUrl",
                    s(format!("https://kv-synth-{n:02}.vault.azure.net/")),
                ),
                false,
            ),
            LsType::Blob => {
                let tp = if !params.is_empty() {
                    obj()
                        .k(
                            "serviceEndpoint",
                            s("https://@{linkedService().accountName}.blob.core.windows.net/"),
                        )
                        .k("accountKind", s("StorageV2"))
                } else if rng.chance(50) {
                    let secret = self.kv_secret(format!("blob-{n:02}-connection-string"), rng);
                    obj().k("connectionString", secret)
                } else {
                    let secret = self.kv_secret(format!("blob-{n:02}-sas-uri"), rng);
                    obj()
                        .k("sasUri", secret)
                        .k("authenticationType", s("SasUri"))
                };
                ("AzureBlobStorage", tp, rng.chance(40))
            }
            LsType::AdlsGen2 => {
                let mut tp = obj().k(
                    "url",
                    s(format!("https://stsynthlake{n:02}.dfs.core.windows.net/")),
                );
                if rng.chance(50) {
                    let key = self.kv_secret(format!("adls-{n:02}-account-key"), rng);
                    tp.push("accountKey", key);
                } else {
                    tp.push(
                        "servicePrincipalId",
                        s("11111111-2222-3333-4444-555555555555"),
                    );
                    let key = self.kv_secret(format!("adls-{n:02}-sp-secret"), rng);
                    tp.push("servicePrincipalKey", key);
                    tp.push("tenant", s("66666666-7777-8888-9999-000000000000"));
                }
                ("AzureBlobFS", tp, rng.chance(30))
            }
            LsType::AzureSql => {
                let db = if params.is_empty() {
                    format!("sqldb-synth-{n:02}")
                } else {
                    "@{linkedService().databaseName}".to_string()
                };
                let tp = obj()
                    .k(
                        "connectionString",
                        s(format!("Integrated Security=False;Encrypt=True;Connection Timeout=30;Data Source=sql-synth-{n:02}.database.windows.net;Initial Catalog={db};User ID=etl_user")),
                    )
                    .k("password", self.kv_secret(format!("sql-{n:02}-password"), rng));
                ("AzureSqlDatabase", tp, rng.chance(50))
            }
            LsType::Databricks => {
                let tp = obj()
                    .k(
                        "domain",
                        s(format!(
                            "https://adb-10000000000000{n:02}.azuredatabricks.net"
                        )),
                    )
                    .k(
                        "accessToken",
                        self.kv_secret(format!("dbx-{n:02}-token"), rng),
                    )
                    .k("newClusterNodeType", s("Standard_DS3_v2"))
                    .k("newClusterNumOfWorker", s("2:8"))
                    .k("newClusterVersion", s("13.3.x-scala2.12"))
                    .k(
                        "newClusterSparkEnvVars",
                        obj()
                            .k("PYSPARK_PYTHON", s("/databricks/python3/bin/python3"))
                            .done(),
                    );
                ("AzureDatabricks", tp, false)
            }
            LsType::Rest => {
                let tp = obj()
                    .k("url", s(format!("https://api{n:02}.contoso.example/")))
                    .k("enableServerCertificateValidation", b(true))
                    .k("authenticationType", s("Basic"))
                    .k("userName", s("svc-adf"))
                    .k(
                        "password",
                        self.kv_secret(format!("rest-{n:02}-password"), rng),
                    );
                ("RestService", tp, rng.chance(30))
            }
        };
        let mut props = obj();
        if !params.is_empty() {
            props.push("parameters", param_specs(&params));
        }
        props.push("annotations", arr(vec![]));
        props.push("type", s(ty));
        props.push("typeProperties", tp.done());
        if via {
            let r = self.connect_via(rng);
            props.push("connectVia", r);
        }
        let tree = obj()
            .k("name", s(&name))
            .k("properties", props.done())
            .done();
        self.emit(format!("linkedService/{name}.json"), tree);
    }

    fn integration_runtimes(&mut self) {
        for idx in 0..self.shir.size {
            let name = format!("IR-SelfHosted-{:02}", idx + 1);
            let props = obj()
                .k("type", s("SelfHosted"))
                .k(
                    "description",
                    s("On-premises gateway for the synthetic factory"),
                )
                .k("typeProperties", obj().done());
            let tree = obj()
                .k("name", s(&name))
                .k("properties", props.done())
                .done();
            self.emit(format!("integrationRuntime/{name}.json"), tree);
        }
        let compute = obj()
            .k("location", s("AutoResolve"))
            .k(
                "dataFlowProperties",
                obj()
                    .k("computeType", s("General"))
                    .k("coreCount", i(8))
                    .k("timeToLive", i(10))
                    .k("cleanup", b(true))
                    .done(),
            )
            .k(
                "pipelineExternalComputeScaleProperties",
                obj().k("timeToLive", i(60)).done(),
            );
        let props = obj().k("type", s("Managed")).k(
            "typeProperties",
            obj().k("computeProperties", compute.done()).done(),
        );
        let tree = obj()
            .k("name", s("IR-Azure-Managed"))
            .k("properties", props.done())
            .done();
        self.emit("integrationRuntime/IR-Azure-Managed.json".into(), tree);
    }

    fn factory(&mut self, seed: u64) {
        let name = format!("adf-synth-{seed}");
        let globals = obj().k(
            "environment",
            obj().k("type", s("String")).k("value", s("dev")).done(),
        );
        let tree = obj()
            .k("name", s(&name))
            .k("location", s("westeurope"))
            .k("identity", obj().k("type", s("SystemAssigned")).done())
            .k(
                "properties",
                obj().k("globalParameters", globals.done()).done(),
            )
            .done();
        self.emit(format!("factory/{name}.json"), tree);
        self.files.push((
            "publish_config.json".into(),
            "{\"publishBranch\":\"adf_publish\"}".into(),
        ));
    }
}

fn read_settings(ls: LsType) -> &'static str {
    match ls {
        LsType::Blob => "AzureBlobStorageReadSettings",
        _ => "AzureBlobFSReadSettings",
    }
}

fn capitalize(v: &str) -> String {
    let mut c = v.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

fn empty_pl() -> Pl {
    Pl {
        params: Vec::new(),
        vars: Vec::new(),
        counter: 0,
        activities: 0,
        depth: 0,
        entity: "Orders",
        var_writes: 0,
    }
}

/// The array a ForEach or Filter iterates: the dependency's output when it has one, else an
/// array parameter or variable. Returns (expression, how to read one item).
fn array_source(pl: &mut Pl, out: &Output) -> (String, &'static str) {
    match out {
        Output::Array { name, path, item } => (format!("@activity('{name}'){path}"), item),
        Output::Rows(a) => (format!("@activity('{a}').output.value"), "item().TableName"),
        _ if pl.has("tables") => ("@pipeline().parameters.tables".into(), "item()"),
        _ => {
            let v = pl.var("fileList", "Array");
            (format!("@variables('{v}')"), "item()")
        }
    }
}

/// The parameters a pipeline declares: always `runDate`, then a few of the others. Lower-case
/// types, as ADF Studio writes them.
fn pipeline_params(rng: &mut Rng) -> Vec<Param> {
    let required = |rng: &mut Rng, v: J| if rng.chance(70) { Some(v) } else { None };
    let mut out = vec![Param {
        name: "runDate",
        ty: "string",
        default: required(rng, s("2024-01-01")),
    }];
    let mut others = vec![
        Param {
            name: "sourceFolder",
            ty: "string",
            default: required(rng, s("incoming")),
        },
        Param {
            name: "region",
            ty: "string",
            default: Some(s("westeurope")),
        },
        Param {
            name: "batchSize",
            ty: "int",
            default: required(rng, i(500)),
        },
        Param {
            name: "fullLoad",
            ty: "bool",
            default: required(rng, b(false)),
        },
        Param {
            name: "tables",
            ty: "array",
            default: Some(strs(&["Orders", "Customers", "Products"])),
        },
        Param {
            name: "config",
            ty: "object",
            default: Some(
                obj()
                    .k("mode", s("incremental"))
                    .k("retentionDays", i(30))
                    .done(),
            ),
        },
        Param {
            name: "maxParallel",
            ty: "int",
            default: Some(i(4)),
        },
        Param {
            name: "notifyUrl",
            ty: "string",
            default: Some(s("https://hooks.contoso.example/adf")),
        },
    ];
    rng.shuffle(&mut others);
    let k = rng.range(1, 5);
    out.extend(others.into_iter().take(k));
    out
}

/// A value for parameter `p` of the right type. `plain`: the caller writes strings as plain
/// strings (triggers) rather than Expression objects (activities, as ADF Studio does).
fn argument(p: &Param, pl: &Pl, scope: Scope, rng: &mut Rng, plain: bool) -> J {
    match p.ty {
        "int" => i(*rng.pick(&[1, 4, 100, 500, 1000])),
        "bool" => b(rng.chance(50)),
        "array" => strs(&["Orders", "Invoices"]),
        "object" => obj().k("mode", s("full")).k("retentionDays", i(7)).done(),
        _ if plain => s(match p.name {
            "region" => "northeurope",
            "notifyUrl" => "https://hooks.contoso.example/adf",
            _ => "incoming",
        }),
        _ => {
            let v = match (p.name, scope.item) {
                ("runDate", _) => "@pipeline().parameters.runDate".to_string(),
                (_, Some(it)) if rng.chance(50) => format!("@string({it})"),
                (name, _) if pl.has(name) => format!("@pipeline().parameters.{name}"),
                _ => format!(
                    "@concat('{}', '/', pipeline().parameters.runDate)",
                    pl.entity.to_lowercase()
                ),
            };
            expr(v)
        }
    }
}

/// The policy ADF Studio writes for activities that run work (12 hours, a few retries).
fn policy(rng: &mut Rng) -> J {
    obj()
        .k("timeout", s("0.12:00:00"))
        .k("retry", i(*rng.pick(&[0, 0, 1, 2, 3])))
        .k("retryIntervalInSeconds", i(30))
        .k("secureOutput", b(false))
        .k("secureInput", b(false))
        .done()
}
