//! ARM deployment templates: which Data Factory (and Synapse) entities a template deploys, and
//! the partial evaluation of the template's expressions needed to name them.
//!
//! What is found:
//! - full resource types (`Microsoft.DataFactory/factories/pipelines`, the factory itself,
//!   `Microsoft.Synapse/workspaces/datasets`, v1 `Microsoft.DataFactory/datafactories/...`),
//!   matched without regard to case;
//! - relative types inside a parent's `resources` array (`"type": "pipelines"` inside a
//!   factory), and at the top level of ADF template-gallery files, which hold factory children
//!   without their factory;
//! - resources of inline nested deployments (`Microsoft.Resources/deployments` with
//!   `properties.template`), evaluated in the outer template's context, or in their own with
//!   `expressionEvaluationOptions.scope: inner`;
//! - `resources` written as an object of symbolic names (template language version 2.0).
//!
//! Synapse artifacts that are not Data Factory entities (notebooks, SQL scripts, Spark pools)
//! and the workspace itself are left out; so are v1 gateways, which have no entity kind.

mod eval;
mod expr;

pub use eval::{eval, is_expression, resolve_reference, ArmContext, Partial, Piece};

use crate::json;
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::{Object, Value};
use adf_syntax::Range;
use std::sync::Arc;

/// One Data Factory (or Synapse) entity resource of a template.
#[derive(Debug, Clone)]
pub struct ArmResource<'t, 'a> {
    /// What entity the resource deploys.
    pub kind: EntityKind,
    /// V1 for `Microsoft.DataFactory/datafactories/*` (and v1-era `factories` resources with
    /// API version 2015-*), V2 otherwise.
    pub dialect: Dialect,
    /// The resource belongs to a Synapse workspace (`Microsoft.Synapse/workspaces/*`).
    pub synapse: bool,
    /// The entity's own name (the last segment of the resource name), `None` when it is only
    /// known at deployment.
    pub name: Option<String>,
    /// The range of the resource's `name` value (of the resource object when it has none).
    pub name_range: Range,
    /// The resource object: `{"name", "type", "apiVersion", "properties", "dependsOn", ...}`.
    pub object: &'t Object<'a>,
    /// The context the resource's expressions are evaluated in (the template's own, or that of
    /// the nested template it sits in), e.g. for [`resolve_reference`].
    pub context: Arc<ArmContext>,
}

/// Child resource types (lower case) of a factory or workspace that are entities.
const CHILD_KINDS: &[(&str, EntityKind)] = &[
    ("pipelines", EntityKind::Pipeline),
    ("linkedservices", EntityKind::LinkedService),
    ("datasets", EntityKind::Dataset),
    ("triggers", EntityKind::Trigger),
    ("dataflows", EntityKind::DataFlow),
    ("integrationruntimes", EntityKind::IntegrationRuntime),
    ("credentials", EntityKind::Credential),
    ("managedvirtualnetworks", EntityKind::ManagedVirtualNetwork),
    ("adfcdcs", EntityKind::ChangeDataCapture),
    ("globalparameters", EntityKind::GlobalParameters),
];

/// The entity a full resource type (lower case) deploys: kind, whether the type itself says v1,
/// and whether it is a Synapse one.
fn classify_type(full: &str) -> Option<(EntityKind, bool, bool)> {
    let segments: Vec<&str> = full.split('/').collect();
    let child = |name: &str| {
        CHILD_KINDS
            .iter()
            .find(|(n, _)| *n == name)
            .map(|(_, k)| *k)
    };
    match segments.as_slice() {
        ["microsoft.datafactory", "factories"] => Some((EntityKind::Factory, false, false)),
        // v1-era templates (docs samples) put v1 pipelines under `factories`.
        ["microsoft.datafactory", "factories", "datapipelines"] => {
            Some((EntityKind::Pipeline, true, false))
        }
        ["microsoft.datafactory", "factories", c] => child(c).map(|k| (k, false, false)),
        ["microsoft.datafactory", "factories", "managedvirtualnetworks", "managedprivateendpoints"] => {
            Some((EntityKind::ManagedPrivateEndpoint, false, false))
        }
        ["microsoft.datafactory", "datafactories"] => Some((EntityKind::Factory, true, false)),
        ["microsoft.datafactory", "datafactories", c] => match *c {
            "linkedservices" => Some((EntityKind::LinkedService, true, false)),
            "datasets" | "tables" => Some((EntityKind::Dataset, true, false)),
            "datapipelines" | "pipelines" => Some((EntityKind::Pipeline, true, false)),
            _ => None,
        },
        ["microsoft.synapse", "workspaces", c] => child(c).map(|k| (k, false, true)),
        ["microsoft.synapse", "workspaces", "managedvirtualnetworks", "managedprivateendpoints"] => {
            Some((EntityKind::ManagedPrivateEndpoint, false, true))
        }
        _ => None,
    }
}

/// A `resources` list waiting to be walked, with what its entries inherit.
struct Work<'t, 'a> {
    list: &'t Value<'a>,
    /// The parent's full type (lower case); `None` at a template's top level.
    parent: Option<String>,
    /// The parent is a v1 resource.
    v1: bool,
    ctx: Arc<ArmContext>,
}

/// Every ADF/Synapse entity resource in a template, nested `resources` arrays and inline nested
/// deployments included, in text order.
pub fn resources<'t, 'a>(root: &'t Object<'a>) -> Vec<ArmResource<'t, 'a>> {
    let mut out = Vec::new();
    let mut work = Vec::new();
    let ctx = Arc::new(ArmContext::from_template(root));
    if let Some(list) = json::get(root, "resources") {
        work.push(Work {
            list: &list.value,
            parent: None,
            v1: false,
            ctx,
        });
    }
    // An explicit work list rather than recursion: nesting is bounded by the parser's depth
    // limit, but the walk need not rely on it.
    while let Some(item) = work.pop() {
        let entries: Vec<&'t Value<'a>> = match item.list {
            Value::Array(a) => a.elements.iter().collect(),
            // Language version 2.0: `"resources": { "symbolicName": { ... } }`.
            Value::Object(o) => o.properties.iter().map(|p| &p.value).collect(),
            _ => continue,
        };
        for entry in entries {
            let Value::Object(res) = entry else {
                continue;
            };
            walk_resource(res, &item, &mut out, &mut work);
        }
    }
    out.sort_by_key(|r| r.object.range.start);
    out
}

/// Records one resource (when it is an entity) and queues its children.
fn walk_resource<'t, 'a>(
    res: &'t Object<'a>,
    item: &Work<'t, 'a>,
    out: &mut Vec<ArmResource<'t, 'a>>,
    work: &mut Vec<Work<'t, 'a>>,
) {
    let full = match json::get_str(res, "type") {
        Some(t) if !is_expression(t) && t.contains('/') => t.to_ascii_lowercase(),
        Some(t) if !is_expression(t) => match &item.parent {
            Some(parent) => format!("{parent}/{}", t.to_ascii_lowercase()),
            // Template-gallery files hold factory children at the top level.
            None => format!("microsoft.datafactory/factories/{}", t.to_ascii_lowercase()),
        },
        // A computed or missing type: nothing known, and neither about its children.
        _ => "?".to_string(),
    };
    let api_v1 = json::get_str(res, "apiVersion")
        .and_then(|v| eval(v, &item.ctx).known())
        .is_some_and(|v| v.starts_with("2015-"));
    let mut v1 = item.v1 || api_v1;
    // `existing` resources are references to deployed ones, not deployments.
    let existing = matches!(
        json::get(res, "existing").map(|p| &p.value),
        Some(Value::BooleanLit(b)) if b.value
    );
    if let Some((kind, type_v1, synapse)) = classify_type(&full) {
        v1 |= type_v1;
        if !existing {
            let name_value = json::get(res, "name").map(|p| &p.value);
            let name = match name_value {
                Some(Value::StringLit(s)) => eval(&s.value, &item.ctx).last_segment(),
                _ => None,
            };
            out.push(ArmResource {
                kind,
                dialect: if v1 { Dialect::V1 } else { Dialect::V2 },
                synapse,
                name: name.filter(|n| !n.is_empty()),
                name_range: name_value.map_or(res.range, json::range),
                object: res,
                context: Arc::clone(&item.ctx),
            });
        }
    }
    if let Some(children) = json::get(res, "resources") {
        work.push(Work {
            list: &children.value,
            parent: Some(full.clone()),
            v1,
            ctx: Arc::clone(&item.ctx),
        });
    }
    if full == "microsoft.resources/deployments" {
        queue_nested_template(res, item, work);
    }
}

/// Queues the resources of an inline nested template (`properties.template`).
fn queue_nested_template<'t, 'a>(
    res: &'t Object<'a>,
    item: &Work<'t, 'a>,
    work: &mut Vec<Work<'t, 'a>>,
) {
    let Some(props) = json::get_obj(res, "properties") else {
        return;
    };
    let Some(template) = json::get_obj(props, "template") else {
        return;
    };
    let Some(list) = json::get(template, "resources") else {
        return;
    };
    let inner = json::get_obj(props, "expressionEvaluationOptions")
        .and_then(|o| json::get_str(o, "scope"))
        .is_some_and(|s| s.eq_ignore_ascii_case("inner"));
    // ARM's default scope is the outer template: the nested template's own parameters and
    // variables are not used then.
    let ctx = if inner {
        Arc::new(ArmContext::nested(
            template,
            json::get_obj(props, "parameters"),
            &item.ctx,
        ))
    } else {
        Arc::clone(&item.ctx)
    };
    work.push(Work {
        list: &list.value,
        parent: None,
        v1: false,
        ctx,
    });
}

#[cfg(test)]
mod tests;
