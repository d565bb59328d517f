use super::*;
#[path = "../../tests/support/json_tree.rs"]
mod json_tree;
use crate::classify::{classify, FileKind};
use std::collections::BTreeMap;
use std::path::Path;

fn parse(text: &str) -> adf_syntax::Parsed<'_> {
    adf_syntax::parse(text, &adf_syntax::ParseOptions::default())
}

/// (kind, dialect, synapse, name) of every resource of a template.
fn summary(text: &str) -> Vec<(EntityKind, Dialect, bool, Option<String>)> {
    let parsed = parse(text);
    let Some(Value::Object(root)) = &parsed.value else {
        return Vec::new();
    };
    resources(root)
        .into_iter()
        .map(|r| (r.kind, r.dialect, r.synapse, r.name))
        .collect()
}

fn v2(kind: EntityKind, name: Option<&str>) -> (EntityKind, Dialect, bool, Option<String>) {
    (kind, Dialect::V2, false, name.map(str::to_string))
}

fn v1(kind: EntityKind, name: Option<&str>) -> (EntityKind, Dialect, bool, Option<String>) {
    (kind, Dialect::V1, false, name.map(str::to_string))
}

#[test]
fn full_types_and_factory_prefixed_names() {
    let t = r#"{
        "$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "parameters": {
            "factoryName": { "type": "string" },
            "pipelineName": { "type": "string", "defaultValue": "PL_Copy" },
            "dynamicName": { "type": "string" }
        },
        "variables": { "factoryId": "[concat('Microsoft.DataFactory/factories/', parameters('factoryName'))]" },
        "resources": [
            { "name": "[parameters('factoryName')]", "type": "Microsoft.DataFactory/factories", "apiVersion": "2018-06-01" },
            { "name": "[concat(parameters('factoryName'), '/MyPipeline')]", "type": "Microsoft.DataFactory/factories/pipelines" },
            { "name": "[concat(parameters('factoryName'), '/', parameters('pipelineName'))]", "type": "microsoft.datafactory/factories/PIPELINES" },
            { "name": "[concat(parameters('factoryName'), '/', parameters('dynamicName'))]", "type": "Microsoft.DataFactory/factories/datasets" },
            { "name": "myFactory/LS_Sql", "type": "Microsoft.DataFactory/factories/linkedServices" },
            { "name": "[concat(parameters('factoryName'), '/ls2')]", "type": "Microsoft.DataFactory/factories/linkedservices" },
            { "name": "[concat(parameters('factoryName'), '/TR')]", "type": "Microsoft.DataFactory/factories/triggers" },
            { "name": "[concat(parameters('factoryName'), '/DF')]", "type": "Microsoft.DataFactory/factories/dataflows" },
            { "name": "[concat(parameters('factoryName'), '/IR')]", "type": "Microsoft.DataFactory/factories/integrationRuntimes" },
            { "name": "[concat(parameters('factoryName'), '/Cred')]", "type": "Microsoft.DataFactory/factories/credentials" },
            { "name": "[concat(parameters('factoryName'), '/default')]", "type": "Microsoft.DataFactory/factories/managedVirtualNetworks" },
            { "name": "[concat(parameters('factoryName'), '/default/mpe1')]", "type": "Microsoft.DataFactory/factories/managedVirtualNetworks/managedPrivateEndpoints" },
            { "name": "[concat(parameters('factoryName'), '/cdc1')]", "type": "Microsoft.DataFactory/factories/adfcdcs" },
            { "name": "[concat(parameters('factoryName'), '/default')]", "type": "Microsoft.DataFactory/factories/globalParameters" },
            { "name": "sa", "type": "Microsoft.Storage/storageAccounts" },
            { "name": "[concat(parameters('factoryName'), '/pe')]", "type": "Microsoft.DataFactory/factories/privateEndpointConnections" }
        ]
    }"#;
    assert_eq!(
        summary(t),
        vec![
            v2(EntityKind::Factory, None),
            v2(EntityKind::Pipeline, Some("MyPipeline")),
            v2(EntityKind::Pipeline, Some("PL_Copy")),
            v2(EntityKind::Dataset, None),
            v2(EntityKind::LinkedService, Some("LS_Sql")),
            v2(EntityKind::LinkedService, Some("ls2")),
            v2(EntityKind::Trigger, Some("TR")),
            v2(EntityKind::DataFlow, Some("DF")),
            v2(EntityKind::IntegrationRuntime, Some("IR")),
            v2(EntityKind::Credential, Some("Cred")),
            v2(EntityKind::ManagedVirtualNetwork, Some("default")),
            v2(EntityKind::ManagedPrivateEndpoint, Some("mpe1")),
            v2(EntityKind::ChangeDataCapture, Some("cdc1")),
            v2(EntityKind::GlobalParameters, Some("default")),
        ]
    );
    // The classifier agrees that this is a template.
    let parsed = parse(t);
    assert_eq!(
        classify("t.json", parsed.value.as_ref()).kind,
        FileKind::ArmTemplate
    );
}

#[test]
fn name_range_and_object_point_into_the_text() {
    let t = r#"{ "resources": [ { "type": "Microsoft.DataFactory/factories/pipelines", "name": "f/p", "properties": {} },
        { "type": "Microsoft.DataFactory/factories/datasets" } ] }"#;
    let parsed = parse(t);
    let Some(Value::Object(root)) = &parsed.value else {
        panic!("test template parses");
    };
    let found = resources(root);
    assert_eq!(found.len(), 2);
    let r = &found[0];
    assert_eq!(t.get(r.name_range.start..r.name_range.end), Some("\"f/p\""));
    assert!(json::get_obj(r.object, "properties").is_some());
    // No name: the range is the resource object's, and the name is unknown.
    let r = &found[1];
    assert_eq!(r.name, None);
    assert_eq!(r.name_range, r.object.range);
}

#[test]
fn relative_types_inside_a_factory() {
    let t = r#"{
        // JSONC comments appear in hand-written templates
        "parameters": { "factoryName": { "type": "string", "defaultValue": "adf-dev" } },
        "variables": { "lsName": "LS_Blob" },
        "resources": [
            {
                "name": "[parameters('factoryName')]",
                "type": "Microsoft.DataFactory/factories",
                "apiVersion": "2018-06-01",
                "resources": [
                    { "name": "[variables('lsName')]", "type": "linkedservices" },
                    { "name": "DS_In", "type": "datasets", },
                    { "name": "PL_Main", "type": "pipelines" },
                    { "name": "TR_Daily", "type": "triggers" },
                    {
                        "name": "default", "type": "managedVirtualNetworks",
                        "resources": [ { "name": "mpe", "type": "managedPrivateEndpoints" } ]
                    },
                    { "name": "x", "type": "privateEndpointConnections" }
                ]
            }
        ]
    }"#;
    assert_eq!(
        summary(t),
        vec![
            v2(EntityKind::Factory, Some("adf-dev")),
            v2(EntityKind::LinkedService, Some("LS_Blob")),
            v2(EntityKind::Dataset, Some("DS_In")),
            v2(EntityKind::Pipeline, Some("PL_Main")),
            v2(EntityKind::Trigger, Some("TR_Daily")),
            v2(EntityKind::ManagedVirtualNetwork, Some("default")),
            v2(EntityKind::ManagedPrivateEndpoint, Some("mpe")),
        ]
    );
}

#[test]
fn gallery_templates_hold_factory_children_at_the_top() {
    let t = r#"{
        "$schema": "http://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#",
        "contentVersion": "1.0.0.0",
        "resources": [
            { "name": "Schedule refreshes", "type": "pipelines", "apiVersion": "2018-06-01", "properties": {} },
            { "name": "[concat(parameters('factoryName'), '/DS')]", "type": "datasets" }
        ]
    }"#;
    assert_eq!(
        summary(t),
        vec![
            v2(EntityKind::Pipeline, Some("Schedule refreshes")),
            v2(EntityKind::Dataset, Some("DS")),
        ]
    );
}

#[test]
fn v1_templates() {
    let t = r#"{
        "variables": { "dataFactoryName": "[concat('HiveDF', uniqueString(resourceGroup().id))]", "ls": "StorageLS" },
        "resources": [
            {
                "name": "[variables('dataFactoryName')]",
                "type": "Microsoft.DataFactory/datafactories",
                "apiVersion": "2015-10-01",
                "resources": [
                    { "type": "linkedservices", "name": "[variables('ls')]" },
                    { "type": "datasets", "name": "AzureBlobInput" },
                    { "type": "dataPipelines", "name": "HivePipeline" }
                ]
            },
            { "type": "Microsoft.DataFactory/datafactories/linkedservices", "name": "[concat(variables('dataFactoryName'), '/LS2')]" }
        ]
    }"#;
    assert_eq!(
        summary(t),
        vec![
            v1(EntityKind::Factory, None),
            v1(EntityKind::LinkedService, Some("StorageLS")),
            v1(EntityKind::Dataset, Some("AzureBlobInput")),
            v1(EntityKind::Pipeline, Some("HivePipeline")),
            v1(EntityKind::LinkedService, Some("LS2")),
        ]
    );
    // v1-era docs samples use `factories` with API version 2015-10-01 (possibly via a
    // variable); their children are v1 too. Gateways have no entity kind.
    let t = r#"{
        "variables": { "apiVersion": "2015-10-01" },
        "resources": [ {
            "name": "DF", "type": "Microsoft.DataFactory/factories", "apiVersion": "[variables('apiVersion')]",
            "resources": [
                { "type": "linkedservices", "name": "LS" },
                { "type": "datapipelines", "name": "PL" },
                { "type": "gateways", "name": "GW" }
            ]
        } ]
    }"#;
    assert_eq!(
        summary(t),
        vec![
            v1(EntityKind::Factory, Some("DF")),
            v1(EntityKind::LinkedService, Some("LS")),
            v1(EntityKind::Pipeline, Some("PL")),
        ]
    );
}

#[test]
fn synapse_workspaces() {
    let t = r#"{
        "parameters": { "workspaceName": { "type": "string" } },
        "resources": [
            { "name": "[parameters('workspaceName')]", "type": "Microsoft.Synapse/workspaces" },
            { "name": "[concat(parameters('workspaceName'), '/PL')]", "type": "Microsoft.Synapse/workspaces/pipelines" },
            { "name": "[concat(parameters('workspaceName'), '/LS')]", "type": "Microsoft.Synapse/workspaces/linkedServices" },
            { "name": "[concat(parameters('workspaceName'), '/DS')]", "type": "Microsoft.Synapse/workspaces/datasets" },
            { "name": "[concat(parameters('workspaceName'), '/TR')]", "type": "Microsoft.Synapse/workspaces/triggers" },
            { "name": "[concat(parameters('workspaceName'), '/DF')]", "type": "Microsoft.Synapse/workspaces/dataflows" },
            { "name": "[concat(parameters('workspaceName'), '/IR')]", "type": "Microsoft.Synapse/workspaces/integrationruntimes" },
            { "name": "[concat(parameters('workspaceName'), '/CR')]", "type": "Microsoft.Synapse/workspaces/credentials" },
            { "name": "[concat(parameters('workspaceName'), '/NB')]", "type": "Microsoft.Synapse/workspaces/notebooks" },
            { "name": "[concat(parameters('workspaceName'), '/SQL')]", "type": "Microsoft.Synapse/workspaces/sqlscripts" },
            { "name": "[concat(parameters('workspaceName'), '/Pool')]", "type": "Microsoft.Synapse/workspaces/bigDataPools" }
        ]
    }"#;
    let s = |kind, name: &str| (kind, Dialect::V2, true, Some(name.to_string()));
    assert_eq!(
        summary(t),
        vec![
            s(EntityKind::Pipeline, "PL"),
            s(EntityKind::LinkedService, "LS"),
            s(EntityKind::Dataset, "DS"),
            s(EntityKind::Trigger, "TR"),
            s(EntityKind::DataFlow, "DF"),
            s(EntityKind::IntegrationRuntime, "IR"),
            s(EntityKind::Credential, "CR"),
        ]
    );
    // Relative children of a workspace.
    let t = r#"{ "resources": [ { "name": "ws", "type": "Microsoft.Synapse/workspaces",
        "resources": [ { "name": "PL", "type": "pipelines" }, { "name": "NB", "type": "notebooks" } ] } ] }"#;
    assert_eq!(summary(t), vec![s(EntityKind::Pipeline, "PL")]);
}

#[test]
fn nested_deployments() {
    let t = r#"{
        "parameters": { "factoryName": { "type": "string" }, "env": { "type": "string", "defaultValue": "dev" } },
        "variables": { "pl": "PL_Outer" },
        "resources": [
            {
                "name": "outerScope",
                "type": "Microsoft.Resources/deployments",
                "properties": {
                    "mode": "Incremental",
                    "template": {
                        "resources": [
                            { "name": "[concat(parameters('factoryName'), '/', variables('pl'))]", "type": "Microsoft.DataFactory/factories/pipelines" }
                        ]
                    }
                }
            },
            {
                "name": "innerScope",
                "type": "Microsoft.Resources/deployments",
                "properties": {
                    "expressionEvaluationOptions": { "scope": "inner" },
                    "parameters": {
                        "factoryName": { "value": "[parameters('factoryName')]" },
                        "suffix": { "value": "[parameters('env')]" }
                    },
                    "template": {
                        "parameters": {
                            "factoryName": { "type": "string" },
                            "suffix": { "type": "string", "defaultValue": "prod" },
                            "ds": { "type": "string", "defaultValue": "[concat('DS_', parameters('suffix'))]" }
                        },
                        "variables": { "pl": "PL_Inner" },
                        "resources": [
                            { "name": "[concat(parameters('factoryName'), '/', variables('pl'))]", "type": "Microsoft.DataFactory/factories/pipelines" },
                            { "name": "[concat(parameters('factoryName'), '/', parameters('ds'))]", "type": "Microsoft.DataFactory/factories/datasets",
                              "properties": { "linkedServiceName": { "referenceName": "[concat('LS_', parameters('suffix'))]" } } }
                        ]
                    }
                }
            },
            {
                "name": "linked",
                "type": "Microsoft.Resources/deployments",
                "properties": { "templateLink": { "uri": "https://example.invalid/t.json" } }
            }
        ]
    }"#;
    assert_eq!(
        summary(t),
        vec![
            v2(EntityKind::Pipeline, Some("PL_Outer")),
            v2(EntityKind::Pipeline, Some("PL_Inner")),
            v2(EntityKind::Dataset, Some("DS_dev")),
        ]
    );
    // Each resource carries the context its expressions need.
    let parsed = parse(t);
    let Some(Value::Object(root)) = &parsed.value else {
        panic!("test template parses");
    };
    let found = resources(root);
    let ds = found.iter().find(|r| r.kind == EntityKind::Dataset);
    let reference = ds
        .and_then(|r| json::get_obj(r.object, "properties"))
        .and_then(|p| json::get_obj(p, "linkedServiceName"))
        .and_then(|l| json::get_str(l, "referenceName"));
    let ctx = ds.map(|r| Arc::clone(&r.context));
    assert_eq!(
        reference
            .zip(ctx)
            .and_then(|(text, ctx)| resolve_reference(text, &ctx))
            .as_deref(),
        Some("LS_dev")
    );
}

#[test]
fn symbolic_resources_and_existing() {
    let t = r#"{
        "languageVersion": "2.0",
        "parameters": { "factoryName": { "type": "string", "defaultValue": "f" } },
        "resources": {
            "factory": { "existing": true, "name": "[parameters('factoryName')]", "type": "Microsoft.DataFactory/factories" },
            "pl": { "name": "[format('{0}/{1}', parameters('factoryName'), 'PL')]", "type": "Microsoft.DataFactory/factories/pipelines" }
        }
    }"#;
    assert_eq!(summary(t), vec![v2(EntityKind::Pipeline, Some("PL"))]);
}

#[test]
fn odd_shapes_do_not_break_the_walk() {
    for t in [
        "{}",
        r#"{ "resources": 5 }"#,
        r#"{ "resources": [ 1, "x", null, [], {} ] }"#,
        r#"{ "resources": [ { "type": 5, "name": [] } ] }"#,
        r#"{ "resources": [ { "type": "[variables('t')]", "name": "x", "resources": [ { "type": "pipelines", "name": "p" } ] } ] }"#,
        r#"{ "resources": [ { "type": "Microsoft.DataFactory/factories/pipelines", "name": "[concat(]" } ] }"#,
        r#"{ "resources": [ { "type": "Microsoft.Resources/deployments", "properties": { "template": { "resources": "x" } } } ] }"#,
        r#"{ "resources": [ { "type": "Microsoft.DataFactory/factories/pipelines", "name": "f/" } ] }"#,
        r#"{ "resources": [ { "type": "Microsoft.DataFactory/factories/pipelines/extra", "name": "f/p/x" } ] }"#,
        r#"{ "resources": [ { "type": "/", "name": "/" }, { "type": "", "name": "" } ] }"#,
    ] {
        let found = summary(t);
        assert!(
            found.iter().all(|(_, _, _, n)| n.is_none()),
            "{t}: {found:?}"
        );
    }
    // Deeply nested `resources` and deployments, as deep as the parser allows.
    let mut t = String::from("{");
    for _ in 0..60 {
        t.push_str(r#""resources": [ { "type": "Microsoft.Resources/deployments", "properties": { "template": { "#);
    }
    t.push_str(r#""resources": [ { "type": "pipelines", "name": "deep" } ]"#);
    for _ in 0..60 {
        t.push_str(" } } } ]");
    }
    t.push('}');
    let found = summary(&t);
    assert!(found.len() <= 1);
}

/// Every string `referenceName` under an object (an explicit stack; the tree is bounded).
fn reference_names<'o>(obj: &'o Object<'_>) -> Vec<&'o str> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value<'_>> = obj.properties.iter().map(|p| &p.value).collect();
    for p in &obj.properties {
        if json::name(p) == "referenceName" {
            if let Value::StringLit(s) = &p.value {
                out.push(s.value.as_ref());
            }
        }
    }
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                for p in &o.properties {
                    if json::name(p) == "referenceName" {
                        if let Value::StringLit(s) = &p.value {
                            out.push(s.value.as_ref());
                        }
                    }
                    stack.push(&p.value);
                }
            }
            Value::Array(a) => stack.extend(a.elements.iter()),
            _ => {}
        }
    }
    out
}

/// Walks every ARM template of the shared corpus: no panic, and most names resolve.
fn corpus_walk() {
    let corpus = Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../../shared/corpus"
    ));
    let paths = json_tree::json_paths(corpus);
    if paths.is_empty() {
        eprintln!("corpus not found at {}; skipped", corpus.display());
        return;
    }
    let (mut templates, mut resolved, mut dynamic) = (0usize, 0usize, 0usize);
    // Dynamic names that would resolve if the caller's parameters were known (module-style
    // templates that take every name as a parameter without default).
    let mut left_to_caller = 0usize;
    let (mut refs_resolved, mut refs_dynamic) = (0usize, 0usize);
    let mut ref_examples: Vec<String> = Vec::new();
    let mut by_kind: BTreeMap<String, usize> = BTreeMap::new();
    let mut dynamic_examples: Vec<String> = Vec::new();
    for path in &paths {
        let Ok(text) = std::fs::read_to_string(path) else {
            continue;
        };
        let parsed = parse(&text);
        let shown = path.to_string_lossy();
        if classify(&shown, parsed.value.as_ref()).kind != FileKind::ArmTemplate {
            continue;
        }
        let Some(Value::Object(root)) = &parsed.value else {
            continue;
        };
        templates += 1;
        for r in resources(root) {
            let key = format!(
                "{:?}{}{}",
                r.kind,
                if r.dialect == Dialect::V1 { " v1" } else { "" },
                if r.synapse { " synapse" } else { "" }
            );
            *by_kind.entry(key).or_default() += 1;
            for text in reference_names(r.object) {
                if resolve_reference(text, &r.context).is_some() {
                    refs_resolved += 1;
                } else {
                    refs_dynamic += 1;
                    ref_examples.push(text.to_string());
                }
            }
            if r.name.is_some() {
                resolved += 1;
            } else {
                dynamic += 1;
                let name = json::get_str(r.object, "name").unwrap_or("");
                let why = if eval::eval_assuming_parameters(name, &r.context)
                    .last_segment()
                    .is_some()
                {
                    left_to_caller += 1;
                    "parameter"
                } else {
                    "other"
                };
                let written = text
                    .get(r.name_range.start..r.name_range.end)
                    .unwrap_or("")
                    .to_string();
                let short = shown
                    .rsplit_once("corpus/")
                    .map_or(shown.as_ref(), |(_, s)| s);
                dynamic_examples.push(format!("({why}) {short}: {written}"));
            }
        }
    }
    eprintln!("ARM templates: {templates}");
    for (kind, n) in &by_kind {
        eprintln!("  {kind}: {n}");
    }
    eprintln!(
        "names resolved: {resolved}, dynamic: {dynamic} \
         (of which {left_to_caller} only for parameters without default)"
    );
    // The unexplained ones first: they are what the evaluator might learn next.
    dynamic_examples.sort_by_key(|e| !e.starts_with("(other)"));
    for e in dynamic_examples.iter().take(20) {
        eprintln!("  dynamic: {e}");
    }
    eprintln!("referenceName values resolved: {refs_resolved}, dynamic: {refs_dynamic}");
    ref_examples.sort();
    ref_examples.dedup();
    for e in ref_examples.iter().take(10) {
        eprintln!("  dynamic reference: {e}");
    }
    assert!(templates > 200, "{templates} templates");
    // Of the names a template itself determines, at least 90 % resolve.
    let knowable = resolved + dynamic - left_to_caller;
    assert!(
        resolved * 10 >= knowable * 9,
        "{resolved} of {knowable} knowable names resolved"
    );
}

#[test]
fn corpus_templates() {
    corpus_walk();
}

#[test]
fn corpus_templates_on_a_small_stack() {
    let handle = std::thread::Builder::new()
        .stack_size(2 * 1024 * 1024)
        .spawn(corpus_walk);
    assert!(handle.is_ok_and(|h| h.join().is_ok()));
}
