//! The catalog's data model: what the generator writes and the rules read.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Index of an [`ObjectDef`] in [`Catalog::objects`].
pub type ObjId = u32;

/// Which generation of Data Factory a file or type belongs to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Dialect {
    /// Data Factory v1 (2015-10-01 JSON).
    V1,
    /// Data Factory v2 (2018-06-01), Synapse pipelines included.
    V2,
}

/// The kinds of top-level things a factory holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub enum EntityKind {
    /// A connection to a store or compute service.
    LinkedService,
    /// A named view of data (v1 "table").
    Dataset,
    /// A pipeline of activities.
    Pipeline,
    /// One step of a pipeline (kept for completeness; activities live inside pipelines).
    Activity,
    /// A schedule or event that starts pipelines.
    Trigger,
    /// A mapping data flow, flowlet or wrangling (Power Query) flow.
    DataFlow,
    /// Compute that runs activities (Azure, self-hosted, managed SSIS).
    IntegrationRuntime,
    /// A credential (managed identity, service principal).
    Credential,
    /// A managed virtual network.
    ManagedVirtualNetwork,
    /// A managed private endpoint inside a managed virtual network.
    ManagedPrivateEndpoint,
    /// Change data capture resource.
    ChangeDataCapture,
    /// The factory itself (factory/*.json in git).
    Factory,
    /// The factory's global parameters.
    GlobalParameters,
}

impl EntityKind {
    /// The kind's stable identifier (`LinkedService`, `DataFlow`), as JSON outputs and the
    /// JavaScript API name it.
    pub fn name(self) -> &'static str {
        match self {
            EntityKind::LinkedService => "LinkedService",
            EntityKind::Dataset => "Dataset",
            EntityKind::Pipeline => "Pipeline",
            EntityKind::Activity => "Activity",
            EntityKind::Trigger => "Trigger",
            EntityKind::DataFlow => "DataFlow",
            EntityKind::IntegrationRuntime => "IntegrationRuntime",
            EntityKind::Credential => "Credential",
            EntityKind::ManagedVirtualNetwork => "ManagedVirtualNetwork",
            EntityKind::ManagedPrivateEndpoint => "ManagedPrivateEndpoint",
            EntityKind::ChangeDataCapture => "ChangeDataCapture",
            EntityKind::Factory => "Factory",
            EntityKind::GlobalParameters => "GlobalParameters",
        }
    }

    /// The kind in words, for messages: "linked service", "data flow", ...
    pub fn words(self) -> &'static str {
        match self {
            EntityKind::LinkedService => "linked service",
            EntityKind::Dataset => "dataset",
            EntityKind::Pipeline => "pipeline",
            EntityKind::Activity => "activity",
            EntityKind::Trigger => "trigger",
            EntityKind::DataFlow => "data flow",
            EntityKind::IntegrationRuntime => "integration runtime",
            EntityKind::Credential => "credential",
            EntityKind::ManagedVirtualNetwork => "managed virtual network",
            EntityKind::ManagedPrivateEndpoint => "managed private endpoint",
            EntityKind::ChangeDataCapture => "change data capture",
            EntityKind::Factory => "factory",
            EntityKind::GlobalParameters => "global parameters",
        }
    }
}

/// The JSON types a value may take.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum JsonType {
    /// A JSON string.
    String,
    /// Any JSON number.
    Number,
    /// A JSON number without fraction or exponent.
    Integer,
    /// true or false.
    Boolean,
    /// A JSON object.
    Object,
    /// A JSON array.
    Array,
    /// null.
    Null,
}

impl JsonType {
    /// The type's name as JSON Schema spells it (`string`, `integer`, ...).
    pub fn name(self) -> &'static str {
        match self {
            JsonType::String => "string",
            JsonType::Number => "number",
            JsonType::Integer => "integer",
            JsonType::Boolean => "boolean",
            JsonType::Object => "object",
            JsonType::Array => "array",
            JsonType::Null => "null",
        }
    }

    /// The type with its article, as messages say it (`a string`, `an integer`, `null`).
    pub fn with_article(self) -> &'static str {
        match self {
            JsonType::String => "a string",
            JsonType::Number => "a number",
            JsonType::Integer => "an integer",
            JsonType::Boolean => "a boolean",
            JsonType::Object => "an object",
            JsonType::Array => "an array",
            JsonType::Null => "null",
        }
    }

    /// Types as messages list them: `a string or an integer`.
    pub fn alternatives(types: &[JsonType]) -> String {
        let names: Vec<&str> = types.iter().map(|t| t.with_article()).collect();
        names.join(" or ")
    }
}

/// What the catalog knows about one property.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct PropDef {
    /// Accepted JSON types; empty means the catalog does not know (anything goes).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub types: Vec<JsonType>,
    /// An ADF expression (`@...` or `{"value": ..., "type": "Expression"}`) may stand here.
    #[serde(default, skip_serializing_if = "is_false")]
    pub expression: bool,
    /// Allowed string values, if the set is closed.
    #[serde(default, rename = "enum", skip_serializing_if = "Vec::is_empty")]
    pub enum_values: Vec<String>,
    /// A regular-expression pattern string values must match (as written in the schema).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pattern: Option<String>,
    /// The value is a .NET timespan such as "02:00:00" or "1.00:00:00".
    #[serde(default, skip_serializing_if = "is_false")]
    pub timespan: bool,
    /// A string format the value must follow: "date-time" (ISO 8601 with offset) or
    /// "date-time-local" (ISO 8601, offset optional).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub format: Option<String>,
    /// The value is a secret (SecureString, Key Vault reference or a credential string).
    #[serde(default, skip_serializing_if = "is_false")]
    pub secret: bool,
    /// Object-valued: the shape of the object (possibly a union on `type`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub object: Option<ObjId>,
    /// Array-valued: the shape of each element when elements are objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub items: Option<ObjId>,
    /// Object-valued map: the shape of every member value (e.g. `parameters`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<ObjId>,
}

/// The shape of a JSON object: its properties, and if polymorphic, its variants by `type`.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct ObjectDef {
    /// The schema definition name this came from (for messages and hover), e.g. `AzureMLLinkedServiceTypeProperties`.
    pub name: String,
    /// Properties common to every variant.
    #[serde(default)]
    pub properties: BTreeMap<String, PropDef>,
    /// Names of required properties.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub required: Vec<String>,
    /// Unknown properties are allowed (no unknown-property finding).
    #[serde(default, skip_serializing_if = "is_false")]
    pub open: bool,
    /// A map: the shape of every member not named in `properties` (e.g. the global parameters
    /// file, whose members are `{type, value}`). Set only on open objects.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub values: Option<ObjId>,
    /// Polymorphic objects: the discriminator value (`type`) to the variant's extra shape.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub variants: BTreeMap<String, ObjId>,
    /// Name of the discriminator property when `variants` is not empty (always `type` in ADF).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub discriminator: Option<String>,
}

/// One entity kind in one dialect: where its shape starts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct EntityDef {
    /// The generation this entry is for.
    pub dialect: Dialect,
    /// The entity kind.
    pub kind: EntityKind,
    /// The shape of the file's top-level object (`{"name", "properties", ...}`).
    pub root: ObjId,
    /// The shape of `properties` (usually a union on `type`).
    pub properties: ObjId,
}

/// The whole catalog.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
pub struct Catalog {
    /// Which schema snapshots this was generated from, e.g. "v1 2015-10-01, v2 2018-06-01".
    pub snapshot: String,
    /// Every entity kind per dialect.
    pub entities: Vec<EntityDef>,
    /// All object shapes; [`ObjId`]s index this.
    pub objects: Vec<ObjectDef>,
}

fn is_false(b: &bool) -> bool {
    !*b
}
