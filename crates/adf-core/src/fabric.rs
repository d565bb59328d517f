//! The `fabric` profile: what Microsoft's page "Upgrade your Azure Data Factory pipelines to
//! Fabric" (section "What's out of scope") lists as not moving to Data Factory in Microsoft
//! Fabric, found in a factory's JSON. Each item states the page's own verdict; the rules'
//! pages (`fabric-not-migrated`, `fabric-needs-rework`) quote the facts with the URL.
//!
//! Items the page names that are not reported: Apache Airflow assets (not factory JSON this
//! tool reads); metadata-driven pipelines (a pattern, not a shape); customer-managed keys, dual
//! tokens and federated credentials (the page does not say which JSON shows them); notebook
//! pool environment settings (nor here); Copy upserts into Lakehouse tables and cross-cloud or
//! Azure Machine Learning refresh workloads (no shape the page ties them to); connectors it names
//! only as "for example" without a type this tool could match (MDX, SAP CDS). Datasets, which
//! Fabric does not have (learn.microsoft.com/fabric/data-factory/compare-fabric-data-factory-and-azure-data-factory),
//! are not reported either: every v2 factory has them and the migration page does not list them
//! as out of scope.
//!
//! Synapse workspaces get the same findings: the items are shapes of the shared v2 JSON. Microsoft
//! has a page of its own for Synapse pipelines, which was not read for this list.

use crate::diagnostic::{Diagnostic, TextRange};
use crate::json;
use crate::model::Entity;
use crate::rules::{fabric_needs_rework, fabric_not_migrated};
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::{Object, Value};

/// Linked service types of connectors the page says Fabric has no equivalent for.
const NO_EQUIVALENT_CONNECTORS: &[(&str, &str)] = &[("SapEcc", "SAP ECC"), ("SapBW", "SAP BW")];

/// Linked service types of the software-as-a-service connectors the page says are not
/// supported today.
const SAAS_CONNECTORS: &[(&str, &str)] = &[
    ("Hubspot", "HubSpot"),
    ("GoogleAdWords", "Google Ads"),
    ("QuickBooks", "QuickBooks"),
    ("Shopify", "Shopify"),
    ("Xero", "Xero"),
];

/// The product name of a linked service type listed in `table`.
fn connector(table: &[(&str, &'static str)], ty: &str) -> Option<&'static str> {
    table
        .iter()
        .find(|(t, _)| t.eq_ignore_ascii_case(ty))
        .map(|(_, label)| *label)
}

/// Reports what of one entity the Fabric migration leaves out.
pub(crate) fn check(obj: &Object<'_>, entity: &Entity, out: &mut Vec<Diagnostic>) {
    // The migration moves v2 factories; v1 has its own, older, path.
    if entity.dialect == Dialect::V1 {
        return;
    }
    let props = json::get_obj(obj, "properties").unwrap_or(obj);
    let tp = json::get_obj(props, "typeProperties");
    let ty = entity.type_name.as_deref().unwrap_or("");
    let at_type = entity.type_range.unwrap_or(entity.name_range);
    let name = &entity.name;
    let blocked = |range: TextRange, message: String| {
        Diagnostic::new(&fabric_not_migrated::RULE, range, message)
    };
    let rework = |range: TextRange, message: String| {
        Diagnostic::new(&fabric_needs_rework::RULE, range, message)
    };
    match entity.kind {
        EntityKind::IntegrationRuntime => {
            if ty.eq_ignore_ascii_case("SelfHosted") {
                out.push(blocked(
                    at_type,
                    format!(
                        "self-hosted integration runtime `{name}` cannot be migrated to Fabric; \
                         use an on-premises data gateway there instead"
                    ),
                ));
            }
            if ty.eq_ignore_ascii_case("Managed") {
                if let Some(p) = tp.and_then(|t| json::get(t, "ssisProperties")) {
                    out.push(blocked(
                        json::name_range(p).into(),
                        format!(
                            "Azure-SSIS integration runtime `{name}`: the Fabric migration does \
                             not move SSIS integration runtimes"
                        ),
                    ));
                }
                let vnet = json::get(props, "managedVirtualNetwork")
                    .or_else(|| tp.and_then(|t| json::get(t, "customerVirtualNetwork")))
                    .or_else(|| {
                        tp.and_then(|t| json::get_obj(t, "computeProperties"))
                            .and_then(|c| json::get(c, "vNetProperties"))
                    });
                if let Some(p) = vnet {
                    out.push(blocked(
                        json::name_range(p).into(),
                        format!(
                            "integration runtime `{name}` runs in a virtual network: the Fabric \
                             migration does not move managed or injected virtual network \
                             runtimes; a Fabric virtual network gateway needs to be set up instead"
                        ),
                    ));
                }
            }
        }
        EntityKind::ChangeDataCapture => out.push(blocked(
            entity.name_range,
            format!(
                "change data capture `{name}` does not migrate to Fabric (out of the migration's \
                 scope)"
            ),
        )),
        EntityKind::LinkedService => {
            if let Some(label) = connector(NO_EQUIVALENT_CONNECTORS, ty) {
                out.push(blocked(
                    at_type,
                    format!(
                        "linked service `{name}` uses the {label} connector, which has no \
                         equivalent in Fabric: the pipelines that use it need a redesign"
                    ),
                ));
            }
            if let Some(label) = connector(SAAS_CONNECTORS, ty) {
                out.push(rework(
                    at_type,
                    format!(
                        "linked service `{name}` uses the {label} connector, which Fabric does \
                         not support today"
                    ),
                ));
            }
            if ty.eq_ignore_ascii_case("AzureDataLakeAnalytics") {
                out.push(blocked(
                    at_type,
                    format!(
                        "linked service `{name}` connects to Azure Data Lake Analytics (U-SQL), \
                         a deprecated service Fabric does not support"
                    ),
                ));
            }
            if let Some(p) = json::get(props, "parameters") {
                if matches!(&p.value, Value::Object(o) if !o.properties.is_empty()) {
                    out.push(blocked(
                        json::name_range(p).into(),
                        format!(
                            "linked service `{name}` is parameterised: the Fabric migration \
                             does not support parameterised connections; each set of values must \
                             become a connection of its own"
                        ),
                    ));
                }
            }
        }
        // A user-assigned identity names its resource; the workspace's own (system) identity
        // credential of Synapse has no `resourceId`.
        EntityKind::Credential
            if ty.eq_ignore_ascii_case("ManagedIdentity")
                && tp.and_then(|t| json::get(t, "resourceId")).is_some() =>
        {
            out.push(rework(
                at_type,
                format!(
                    "credential `{name}` is a user-assigned managed identity, which Fabric does \
                     not support; use the workspace identity instead"
                ),
            ));
        }
        EntityKind::Trigger => trigger(ty, at_type, name, tp, out),
        EntityKind::Factory | EntityKind::GlobalParameters => {
            let globals = if entity.kind == EntityKind::Factory {
                json::get(props, "globalParameters")
            } else {
                None
            };
            let declared = entity.params.as_ref().is_some_and(|p| !p.is_empty());
            if declared {
                let range = globals.map_or(entity.name_range, |p| json::name_range(p).into());
                out.push(rework(
                    range,
                    "global parameters do not migrate to Fabric yet: recreate them as Fabric \
                     variable libraries"
                        .to_string(),
                ));
            }
        }
        EntityKind::Pipeline => {
            if let Some(Value::Array(acts)) = json::get(props, "activities").map(|p| &p.value) {
                activities(&acts.elements, out);
            }
        }
        _ => {}
    }
}

fn trigger(
    ty: &str,
    at_type: TextRange,
    name: &str,
    tp: Option<&Object<'_>>,
    out: &mut Vec<Diagnostic>,
) {
    let rework = |message: String| Diagnostic::new(&fabric_needs_rework::RULE, at_type, message);
    if ty.eq_ignore_ascii_case("CustomEventsTrigger") {
        out.push(Diagnostic::new(
            &fabric_not_migrated::RULE,
            at_type,
            format!("custom event trigger `{name}` cannot be migrated to Fabric"),
        ));
    } else if ty.eq_ignore_ascii_case("BlobEventsTrigger") {
        out.push(rework(format!(
            "storage event trigger `{name}` does not migrate to Fabric yet (support is coming)"
        )));
    } else if ty.eq_ignore_ascii_case("TumblingWindowTrigger") {
        out.push(rework(format!(
            "tumbling window trigger `{name}` does not migrate to Fabric yet (interval scheduling \
             is coming); watermark and backfill logic needs a redesign"
        )));
        let deps = tp.and_then(|t| json::get(t, "dependsOn"));
        if let Some(p) =
            deps.filter(|p| matches!(&p.value, Value::Array(a) if !a.elements.is_empty()))
        {
            out.push(Diagnostic::new(
                &fabric_needs_rework::RULE,
                json::name_range(p).into(),
                format!(
                    "trigger `{name}` depends on other triggers: Fabric does not support trigger \
                     dependencies yet"
                ),
            ));
        }
    } else if ty.eq_ignore_ascii_case("ChainingTrigger") {
        out.push(rework(format!(
            "chaining trigger `{name}`: Fabric does not support chaining triggers yet"
        )));
    }
}

/// The activities of a pipeline, inner ones included.
fn activities(list: &[Value<'_>], out: &mut Vec<Diagnostic>) {
    for act in list {
        let Value::Object(act) = act else { continue };
        activity(act, out);
        for (_, inner) in crate::model::child_arrays(act) {
            activities(inner, out);
        }
    }
}

fn activity(act: &Object<'_>, out: &mut Vec<Diagnostic>) {
    let Some(Value::StringLit(ty)) = json::get(act, "type").map(|p| &p.value) else {
        return;
    };
    let at: TextRange = ty.range.into();
    let name = json::get_str(act, "name").unwrap_or("");
    let ty = ty.value.as_ref();
    let tp = json::get_obj(act, "typeProperties");
    let blocked = |message: String| Diagnostic::new(&fabric_not_migrated::RULE, at, message);
    let rework = |message: String| Diagnostic::new(&fabric_needs_rework::RULE, at, message);
    let is = |t: &str| ty.eq_ignore_ascii_case(t);
    if is("DataLakeAnalyticsU-SQL") {
        out.push(blocked(format!(
            "activity `{name}` runs U-SQL on Azure Data Lake Analytics, a deprecated service \
             Fabric does not support"
        )));
    } else if is("Custom") {
        out.push(blocked(format!(
            "Custom activity `{name}`: Fabric's Batch and Custom activities lack workspace \
             identity support, which blocks their migration"
        )));
    } else if is("SynapseNotebook") || is("SparkJob") {
        out.push(rework(format!(
            "activity `{name}` runs a Synapse notebook or Spark job definition, which migrates \
             only in part: redesign it as a Fabric notebook or Spark job"
        )));
    } else if is("ExecuteDataFlow") {
        out.push(rework(format!(
            "activity `{name}` runs a mapping data flow, which does not migrate to Fabric yet \
             (support is coming)"
        )));
    } else if is("WebActivity") || is("WebHook") {
        let auth = tp.and_then(|t| json::get_obj(t, "authentication"));
        let auth_type = auth.and_then(|a| json::get_str(a, "type")).unwrap_or("");
        if auth_type.eq_ignore_ascii_case("ClientCertificate") {
            out.push(blocked(format!(
                "activity `{name}` authenticates with a client certificate, which Fabric does not \
                 support: it needs a redesign"
            )));
        } else if auth.is_some() || tp.and_then(|t| json::get(t, "headers")).is_some() {
            out.push(rework(format!(
                "activity `{name}` sets its own authentication or headers: such activities \
                 must be rebuilt by hand in Fabric"
            )));
        }
    }
}
