//! Additions and corrections applied after generation.
//!
//! The schemas are a snapshot and miss things real factories carry. Every entry below names its
//! source: a Microsoft Learn page, or a file in ../shared/corpus or ../shared/examples that proves
//! the value real. Types known only from here are open (no unknown-property findings), because we
//! know they exist but not their full shape. Nothing goes in without a source.

use super::schema::Builder;
use adf_catalog::{Dialect, JsonType, ObjId, ObjectDef, PropDef};

/// Parameter type spellings ADF Studio writes (lower case) next to the schema's `String`, `Int`, ...
const STUDIO_PARAMETER_TYPES: &[&str] = &[
    "string",
    "int",
    "float",
    "bool",
    "array",
    "object",
    "securestring",
];

pub fn apply(b: &mut Builder) -> Result<(), String> {
    let mut o = Overlay { b };

    // Source: Microsoft Learn "Updating ML Studio (classic) models using Update Resource Activity"
    // (v1, data-factory-azure-ml-update-resource-activity), as stored in
    // shared/corpus/v1/docs-snippets/data-factory-azure-ml-update-resource-activity/ and used by
    // shared/examples/ml-retraining-v1-variants/AzureMLLinkedService-arm.json: an AzureML linked
    // service whose updateResourceEndpoint is an ARM (management.azure.com) endpoint also carries
    // servicePrincipalId, servicePrincipalKey and tenant.
    let aml = o.named(Dialect::V1, "azureMLLinkedService.typeProperties")?;
    o.add(aml, "servicePrincipalId", string());
    o.add(aml, "servicePrincipalKey", secret_string());
    o.add(aml, "tenant", string());

    // Source: ADF Studio writes parameter types in lower case, e.g.
    // shared/corpus/v2/procfwk-datafactory/pipeline/*.json ("type": "string"),
    // shared/corpus/v2/adftools-bigfactorysample2/factory/BigFactorySample2.json (global
    // parameters "int", "float", "bool", "object", "array"). ParameterSpecification serves pipeline,
    // dataset, linked service and data flow parameters.
    for def in ["ParameterSpecification", "GlobalParameterSpecification"] {
        let id = o.def(Dialect::V2, def)?;
        o.extend_enum(id, "type", STUDIO_PARAMETER_TYPES)?;
    }

    // Source: ADF Studio writes a schedule trigger's startTime without offset next to `timeZone`,
    // e.g. shared/corpus/v2/adftools-bigfactorysample2/trigger/*.json; Microsoft Learn "Create a
    // trigger that runs a pipeline on a schedule" documents the local-time form with timeZone.
    let rec = o.def(Dialect::V2, "ScheduleTriggerRecurrence")?;
    o.set_format(rec, "startTime", "date-time-local")?;
    o.set_format(rec, "endTime", "date-time-local")?;

    // ---- v2: properties ADF Studio / Synapse Studio write that the schema lacks ----

    // Source: shared/corpus/v2/mdw-adf-batch-preprocessing/pipeline/pipeline.json (ADF Studio
    // stamps `lastPublishTime` into published pipelines).
    let pipeline = o.def(Dialect::V2, "Pipeline")?;
    o.add(pipeline, "lastPublishTime", string());
    // Source: shared/corpus/v2/adf-gallery-templates/RunSynapseWebActivityPipeline/
    // RunSynapseWebActivityPipeline.json (`"policy": {"elapsedTimeMetric": {}, "cancelAfter": {}}`).
    let policy = o.def(Dialect::V2, "PipelinePolicy")?;
    o.add(policy, "cancelAfter", open_object());
    // Source: shared/corpus/v2/adftools-bigfactorysample2/trigger/TR_RunEveryDay.json and
    // TR_TumblingWindow.json (git trigger files carry the runtime state).
    let trigger = o.def(Dialect::V2, "Trigger")?;
    o.add(
        trigger,
        "runtimeState",
        string_enum(&["Started", "Stopped", "Disabled"]),
    );
    // Source: shared/corpus/v2/adf-gallery-templates/Unlock SharePoint Capacity Insights/
    // Unlock SharePoint Capacity Insights.json (Fabric-era templates: activity
    // `externalReferences`, copy source/sink `datasetSettings`).
    let activity = o.def(Dialect::V2, "Activity")?;
    o.add(activity, "externalReferences", open_object());
    for union in ["CopySource", "CopySink"] {
        let id = o.def(Dialect::V2, union)?;
        o.add(id, "datasetSettings", open_object());
    }
    // Source: shared/corpus/v2/adf-gallery-templates/Slowly Changing Dimension Type 2/
    // Slowly Changing Dimension Type 2.json (data flows exported with a per-step `script`).
    for def in ["Transformation", "DataFlowSource", "DataFlowSink"] {
        let id = o.def(Dialect::V2, def)?;
        o.add(id, "script", string());
    }
    // Source: ADF Studio's variable types include Boolean and Integer, e.g.
    // shared/corpus/v2/dftf-test-pipelines/tests/functional/variables_default_value/pipeline/
    // default_variables.json ("Integer", "Boolean").
    let var = o.def(Dialect::V2, "VariableSpecification")?;
    o.extend_enum(var, "type", &["Boolean", "Integer"])?;
    // Source: Synapse Studio writes null for unset notebook sizes and a `snapshot` flag:
    // shared/corpus/v2/oea-module-pipelines/modules/module_catalog/Canvas_Data/pipeline/
    // syncCanvasData.json.
    let nb = o.def(Dialect::V2, "SynapseNotebookActivityTypeProperties")?;
    for prop in ["numExecutors", "executorSize", "driverSize"] {
        o.add_types(nb, prop, &[JsonType::Null])?;
    }
    o.add(nb, "snapshot", typed(JsonType::Boolean));
    // Source: shared/corpus/v2/adf-gallery-templates/Ingress custom resource to Adobe Campaign/
    // CustomResourceD365ToACS.json (an empty `"schema": {}` on datasets; REST source
    // `additionalHeaders` / `paginationRules` as objects) and
    // shared/corpus/v2/adf-gallery-templates/RunSynapseWebActivityPipeline/
    // RunSynapseWebActivityPipeline.json (a JSON object as web activity `body`).
    let ds = o.def(Dialect::V2, "Dataset")?;
    o.add_types(ds, "schema", &[JsonType::Object])?;
    let rest = o.named(Dialect::V2, "CopySource:RestSource")?;
    o.add_types(rest, "additionalHeaders", &[JsonType::Object])?;
    o.add_types(rest, "paginationRules", &[JsonType::Object])?;
    for def in [
        "WebActivityTypeProperties",
        "AzureFunctionActivityTypeProperties",
    ] {
        let id = o.def(Dialect::V2, def)?;
        o.add_types(id, "body", &[JsonType::Object])?;
    }
    // Source: shared/corpus/v2/mdw-adf-cicd/linkedService/SourceDataStorage.json (accountKey) and
    // shared/corpus/v2/mdw-parking-sensors-synapse/linkedService/Ls_AdlsGen2_01.json (url) hold
    // Key Vault secret references.
    let fs = o.def(Dialect::V2, "AzureBlobFSLinkedServiceTypeProperties")?;
    o.make_secret(fs, "accountKey")?;
    o.add_types(fs, "url", &[JsonType::Object])?;
    // Source: shared/corpus/v2/adftools-bigfactorysample2/credential/credential1.json.
    let sp = o.def(Dialect::V2, "ServicePrincipalCredentialTypeProperties")?;
    o.add(sp, "azureCloudType", string());
    // Source: shared/corpus/v2/mdw-parking-sensors-adf/factory/mdwdops-adf-dev-16.json (read-only
    // identity fields exported into git) and shared/corpus/v2/adftools-adhoc-issues/issue-260/
    // AzureADF/factory/ADF-BIGroupFacts01-Dev.json (`globalConfigurations`).
    let identity = o.def(Dialect::V2, "FactoryIdentity")?;
    o.add(identity, "principalId", string());
    o.add(identity, "tenantId", string());
    let factory = o.def(Dialect::V2, "FactoryProperties")?;
    o.add(factory, "globalConfigurations", open_object());

    // Source: `cargo xtask catalog-audit` (docs/catalog.md): the schema's prose says "Type: string"
    // but ADF Studio writes a LinkedServiceReference object, e.g.
    // shared/corpus-extra/cdm-adf-arm/adf-arm-template-cdm-to-dw/arm_template.json
    // (`redirectIncompatibleRowSettings.linkedServiceName`).
    let redirect = o.def(Dialect::V2, "RedirectIncompatibleRowSettings")?;
    let ls_ref = o.def(Dialect::V2, "LinkedServiceReference")?;
    o.accept_object(redirect, "linkedServiceName", ls_ref)?;
    // Source: ADF Studio writes the data flow activity's sink cache setting
    // (`"cacheSinks": {"firstRowOnly": true}`), e.g. shared/corpus/v2/adf-gallery-templates/
    // Extract data from PDF/Extract data from PDF.json and shared/corpus-extra/
    // mdw-synapse-integration-testing/templates/pipeline/P_Sample3_template.json.
    let edf = o.def(Dialect::V2, "ExecuteDataFlowActivityTypeProperties")?;
    o.add(edf, "cacheSinks", open_object());
    // Source: Microsoft Graph Data Connect, "User selection and filtering"
    // (https://learn.microsoft.com/graph/data-connect-filtering): the Office 365 source dataset's
    // typeProperties take `userScopeFilterUri`, `dateFilterColumn`, `startTime` and `endTime`; used
    // by shared/corpus/v2/adf-gallery-templates/Unlock advanced analytics and insights using
    // Microsoft 365 SharePoint datasets/*.json.
    let o365 = o.def(Dialect::V2, "Office365DatasetTypeProperties")?;
    for prop in [
        "userScopeFilterUri",
        "dateFilterColumn",
        "startTime",
        "endTime",
    ] {
        o.add(o365, prop, string_or_expression());
    }
    // Source: ADF Studio stamps the last editor into pipelines exported from Fabric-era
    // factories, e.g. shared/corpus/v2/adf-gallery-templates/Unlock SharePoint Capacity Insights/
    // Unlock SharePoint Capacity Insights.json and Event driven or triggered refresh/*.json.
    o.add(pipeline, "lastModifiedByObjectId", string());
    // Source: ADF Studio writes the whole activity policy (`timeout`, `retry`,
    // `retryIntervalInSeconds`) on activities whose schema policy only has secureInput/Output,
    // e.g. shared/corpus/v2/adf-gallery-templates/Copy data from Azure FHIR service to ADLS Gen2/
    // Copy data from Azure FHIR service to ADLS Gen2.json and Copy DICOM Metadata Changes to ADLS
    // Gen2 in Delta Format/*.json.
    let secure_policy = o.def(Dialect::V2, "SecureInputOutputPolicy")?;
    let activity_policy = o.def(Dialect::V2, "ActivityPolicy")?;
    for prop in ["timeout", "retry", "retryIntervalInSeconds"] {
        let def = o.prop_of(activity_policy, prop)?;
        o.add(secure_policy, prop, def);
    }
    // Source: Microsoft Learn "Transform data by using the SQL Server Stored Procedure activity"
    // (https://learn.microsoft.com/azure/data-factory/transform-data-using-stored-procedure):
    // the activity's `linkedServiceName` (the database that holds the procedure) is required.
    let sproc = o.named(Dialect::V2, "Activity:SqlServerStoredProcedure")?;
    o.require(sproc, "linkedServiceName");

    // Source: issue 12 ("Trust"): production factories deployed with ADF's own tooling carry
    // SnowflakeV2Table datasets without `typeProperties` (schema and table are then given where
    // the dataset is used). The schema's SnowflakeDatasetTypeProperties has no required member,
    // so an absent `typeProperties` sets no less than an empty one.
    let snowflake = o.named(Dialect::V2, "Dataset:SnowflakeV2Table")?;
    o.drop_required(snowflake, &["typeProperties"]);

    // ---- v2: types the schema lacks (open: only their existence is known) ----

    // Source: shared/corpus/v2/mdw-parking-sensors-synapse/pipeline/P_Ingest_MelbParkingData.json
    // (Synapse dedicated SQL pool stored procedure).
    o.add_variant(Dialect::V2, activity, "SqlPoolStoredProcedure")?;
    // Source: shared/corpus/v2/adf-gallery-templates/Unlock SharePoint Capacity Insights/
    // Unlock SharePoint Capacity Insights.json (Fabric notebook).
    o.add_variant(Dialect::V2, activity, "TridentNotebook")?;
    // Source: shared/corpus/v2/adf-gallery-templates/Refresh Semantic Model after Dataflow/
    // Refresh Semantic Model after Dataflow.json.
    o.add_variant(Dialect::V2, activity, "PBISemanticModelRefresh")?;
    o.add_variant(Dialect::V2, activity, "RefreshDataflow")?;
    // Source: shared/corpus/v2/adf-gallery-templates/AI-Develop RAG pipeline using SQL database
    // in Fabric/AI-Develop RAG pipeline using SQL database in Fabric.json.
    o.add_variant(Dialect::V2, activity, "Office365Outlook")?;
    // Source: shared/corpus/v2/adf-gallery-templates/Copy data from sample data WWI to
    // Datawarehouse/Copy data from sample data WWI to Datawarehouse.json (Fabric warehouse sink).
    let sink = o.def(Dialect::V2, "CopySink")?;
    o.add_variant(Dialect::V2, sink, "DataWarehouseSink")?;

    // ---- v1 ----

    // Source: shared/corpus/v1/adf-samplesv1-java-hdinsight/Datasets/output.json (Visual Studio
    // ADF projects write `"published": false` into datasets).
    let v1ds = o.def(Dialect::V1, "datasetPropertiesTypes")?;
    o.add(v1ds, "published", typed(JsonType::Boolean));
    // Source: Microsoft Learn "Compute environments supported by Azure Data Factory (v1)"
    // (data-factory-compute-linked-services), snippet
    // shared/corpus/v1/docs-snippets/data-factory-compute-linked-services/10-linkedservice.json:
    // Data Lake Analytics with service principal authentication instead of authorization/sessionId.
    let adla = o.named(
        Dialect::V1,
        "azureDataLakeAnalyticsLinkedService.typeProperties",
    )?;
    o.add(adla, "servicePrincipalId", string());
    o.add(adla, "servicePrincipalKey", secret_string());
    o.add(adla, "tenant", string());
    o.drop_required(adla, &["authorization", "sessionId"]);
    // Source: Microsoft Learn v1 "Copy data to and from Data Lake Store by using Data Factory"
    // (https://docs.microsoft.com/en-us/azure/data-factory/data-factory-azure-datalake-connector:
    // "Supported authentication types: service principal authentication, user credential (OAuth)
    // authentication") and the v1 U-SQL article's snippet
    // shared/corpus/v1/docs-snippets/data-factory-usql-activity/6-linkedservice.json: a Data Lake
    // Store linked service with servicePrincipalId/servicePrincipalKey/tenant instead of
    // authorization/sessionId.
    let adls = o.named(
        Dialect::V1,
        "azureDataLakeStoreLinkedService.typeProperties",
    )?;
    o.add(adls, "servicePrincipalId", string());
    o.add(adls, "servicePrincipalKey", secret_string());
    o.add(adls, "tenant", string());
    o.drop_required(adls, &["authorization", "sessionId"]);
    // Source: Microsoft Learn "Create predictive pipelines using Azure Machine Learning Studio
    // (classic) and Azure Data Factory" (v1, data-factory-azure-ml-batch-execution-activity),
    // snippet shared/corpus/v1/docs-snippets/data-factory-azure-ml-batch-execution-activity/
    // 11-pipeline.json: `webServiceInputs` maps web service input names to dataset names.
    let bes = o.named(Dialect::V1, "azureMLBatchExecutionActivity.typeProperties")?;
    o.add(bes, "webServiceInputs", typed(JsonType::Object));
    // Source: shared/corpus/v1/cortana-price-analytics-arm/DataFactoryDeploy.json (TextFormat
    // `firstRowAsHeader`, `skipLineCount`, `treatEmptyAsNull`, also documented in the v1 "File and
    // compression formats" article).
    let text = o.def(Dialect::V1, "textFormat")?;
    o.add(text, "firstRowAsHeader", typed(JsonType::Boolean));
    o.add(text, "skipLineCount", typed(JsonType::Integer));
    o.add(text, "treatEmptyAsNull", typed(JsonType::Boolean));
    // Source: shared/corpus/v1/adf-samplesv1-twitter-azureml/Tables/
    // ContosoTweetsAggSentimentBlob.json (structure columns typed "Int" with a `position`).
    let elem = o.def(Dialect::V1, "dataElement")?;
    o.extend_enum(elem, "type", &["Int"])?;
    o.add(elem, "position", typed(JsonType::Integer));
    // Source: Microsoft Learn "Invoke Spark programs from Azure Data Factory pipelines" (v1,
    // data-factory-spark), snippet shared/corpus/v1/docs-snippets/data-factory-spark/
    // 2-pipeline.json.
    let v1act = o.def(Dialect::V1, "activityTypes")?;
    o.add_variant(Dialect::V1, v1act, "HDInsightSpark")?;
    // Source: the Azure-DataFactory v1 sample adf-samplesv1-hybrid-hortonworks
    // (shared/corpus/v1/adf-samplesv1-hybrid-hortonworks/Pipelines/TestHiveRunningOnHDPHiveInHDFS.json,
    // TestPigRunningOnHDPInline.json, TestReplicate2Azure.json, LinkedServices/OnPremisesHadoop.json,
    // LinkedServices/TransportService.json).
    for t in ["HadoopHive", "HadoopPig", "HadoopMirror"] {
        o.add_variant(Dialect::V1, v1act, t)?;
    }
    let v1ls = o.def(Dialect::V1, "linkedServicePropertiesTypes")?;
    for t in ["OnPremisesHadoop", "AzureServiceBus"] {
        o.add_variant(Dialect::V1, v1ls, t)?;
    }
    // Source: shared/corpus/v1/adf-samplesv1-twitter-azureml/Pipelines/
    // AnalyzeContosoTweetsSentimentML.json and the v1 article data-factory-azure-ml-batch-execution-
    // activity (shared/corpus/v1/docs-snippets/.../15-pipeline.json): AzureMLBatchScoring
    // activities run without `typeProperties`, so it is not required of every v1 activity.
    o.drop_required(v1act, &["typeProperties"]);
    // Source: Microsoft Learn v1 "Datasets in Azure Data Factory" (data-factory-create-datasets),
    // snippet shared/corpus/v1/docs-snippets/data-factory-create-datasets/13-pipeline.json: datasets
    // scoped to a pipeline (`properties.datasets`) are `{name, properties}` without `apiVersion`.
    let ds_common = o.def(Dialect::V1, "datasetCommon")?;
    o.drop_required(ds_common, &["apiVersion"]);

    // Source: shared/corpus/v2/adftools-bigfactorysample2/trigger/TR_TumblingWindow.json, a
    // stopped tumbling-window trigger without a pipeline in a factory that azure.datafactory.tools
    // deploys in its own tests: `pipeline` is only needed once the trigger is started.
    let tw = o.named(Dialect::V2, "Trigger:TumblingWindowTrigger")?;
    o.drop_required(tw, &["pipeline"]);

    Ok(())
}

struct Overlay<'a> {
    b: &'a mut Builder,
}

impl Overlay<'_> {
    /// A schema definition by name.
    fn def(&self, dialect: Dialect, name: &str) -> Result<ObjId, String> {
        self.b
            .lookup(dialect, name)
            .ok_or_else(|| format!("overlay: no definition {name} ({dialect:?})"))
    }

    /// Any object (inline ones included) by its generated name.
    fn named(&self, dialect: Dialect, name: &str) -> Result<ObjId, String> {
        self.b
            .objects
            .iter()
            .zip(&self.b.dialects)
            .position(|(o, d)| o.name == name && *d == dialect)
            .and_then(|i| ObjId::try_from(i).ok())
            .ok_or_else(|| format!("overlay: no object named {name} ({dialect:?})"))
    }

    /// Add a property unless the schema already has it.
    fn add(&mut self, id: ObjId, prop: &str, def: PropDef) {
        self.b
            .obj_mut(id)
            .properties
            .entry(prop.to_string())
            .or_insert(def);
    }

    fn extend_enum(&mut self, id: ObjId, prop: &str, values: &[&str]) -> Result<(), String> {
        let obj = self.b.obj_mut(id);
        let name = obj.name.clone();
        let p = obj
            .properties
            .get_mut(prop)
            .ok_or_else(|| format!("overlay: {name} has no property {prop}"))?;
        for v in values {
            if !p.enum_values.iter().any(|e| e == v) {
                p.enum_values.push((*v).to_string());
            }
        }
        Ok(())
    }

    /// Accept more JSON types than the schema states.
    fn add_types(&mut self, id: ObjId, prop: &str, types: &[JsonType]) -> Result<(), String> {
        let p = self.prop_mut(id, prop)?;
        p.types.extend_from_slice(types);
        p.types.sort();
        p.types.dedup();
        Ok(())
    }

    /// The value may be a Key Vault reference or SecureString object (a SecretBase).
    fn make_secret(&mut self, id: ObjId, prop: &str) -> Result<(), String> {
        let secret_base = self.def(Dialect::V2, "SecretBase")?;
        let p = self.prop_mut(id, prop)?;
        p.secret = true;
        p.types.extend([JsonType::String, JsonType::Object]);
        p.types.sort();
        p.types.dedup();
        p.object = Some(secret_base);
        Ok(())
    }

    /// The value may also be an object of shape `shape` (written so by ADF Studio).
    fn accept_object(&mut self, id: ObjId, prop: &str, shape: ObjId) -> Result<(), String> {
        let p = self.prop_mut(id, prop)?;
        p.types.push(JsonType::Object);
        p.types.sort();
        p.types.dedup();
        p.object = Some(shape);
        Ok(())
    }

    /// A copy of a property's definition, to give another shape the same property.
    fn prop_of(&mut self, id: ObjId, prop: &str) -> Result<PropDef, String> {
        self.prop_mut(id, prop).map(|p| p.clone())
    }

    fn require(&mut self, id: ObjId, name: &str) {
        let req = &mut self.b.obj_mut(id).required;
        if !req.iter().any(|r| r == name) {
            req.push(name.to_string());
            req.sort();
        }
    }

    fn drop_required(&mut self, id: ObjId, names: &[&str]) {
        self.b
            .obj_mut(id)
            .required
            .retain(|r| !names.contains(&r.as_str()));
    }

    fn prop_mut(&mut self, id: ObjId, prop: &str) -> Result<&mut PropDef, String> {
        let obj = self.b.obj_mut(id);
        let name = obj.name.clone();
        obj.properties
            .get_mut(prop)
            .ok_or_else(|| format!("overlay: {name} has no property {prop}"))
    }

    fn set_format(&mut self, id: ObjId, prop: &str, format: &str) -> Result<(), String> {
        let obj = self.b.obj_mut(id);
        let name = obj.name.clone();
        let p = obj
            .properties
            .get_mut(prop)
            .ok_or_else(|| format!("overlay: {name} has no property {prop}"))?;
        p.format = Some(format.to_string());
        Ok(())
    }

    /// A variant known only from real files: open, with the discriminator fixed.
    fn add_variant(&mut self, dialect: Dialect, union: ObjId, value: &str) -> Result<(), String> {
        let union_name = self.b.obj_mut(union).name.clone();
        if self.b.obj_mut(union).variants.contains_key(value) {
            return Err(format!("overlay: {union_name} already has {value}"));
        }
        let mut props = std::collections::BTreeMap::new();
        props.insert(
            "type".to_string(),
            PropDef {
                types: vec![JsonType::String],
                enum_values: vec![value.to_string()],
                ..PropDef::default()
            },
        );
        let id = self.b.alloc(
            dialect,
            ObjectDef {
                name: format!("{union_name}:{value}"),
                properties: props,
                open: true,
                ..ObjectDef::default()
            },
        );
        self.b.obj_mut(union).variants.insert(value.to_string(), id);
        Ok(())
    }
}

fn typed(ty: JsonType) -> PropDef {
    PropDef {
        types: vec![ty],
        ..PropDef::default()
    }
}

fn string_enum(values: &[&str]) -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        enum_values: values.iter().map(|v| (*v).to_string()).collect(),
        ..PropDef::default()
    }
}

/// A free-form object: known to exist, contents unchecked.
fn open_object() -> PropDef {
    typed(JsonType::Object)
}

/// A string, or an ADF expression whose result is one.
fn string_or_expression() -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        expression: true,
        ..PropDef::default()
    }
}

fn string() -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        ..PropDef::default()
    }
}

/// v1 credentials are plain strings (v1 has no SecretBase).
fn secret_string() -> PropDef {
    PropDef {
        types: vec![JsonType::String],
        secret: true,
        ..PropDef::default()
    }
}
