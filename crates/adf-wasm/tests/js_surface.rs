//! The JavaScript surface is generated from the Rust one: the objects' TypeScript declarations
//! by tsify from `src/types.rs`, each method's parameter and result types by wasm-bindgen from
//! `src/lib.rs`, and the npm wrapper forwards every method it does not define itself. These
//! tests guard the few places where a name is still written by hand: a type named in a method
//! must be one the types declare, `Option` must be declared `null` (as the serializer writes
//! it), and the wasm entity kinds and graph links must be spelled as the catalog and the core
//! spell them.

use adf_wasm::types;
use std::collections::BTreeSet;
use std::path::Path;
use tsify::Tsify;

fn read(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// The names of the `pub struct`s and `pub enum`s of types.rs, and of those whose derive has
/// no `Tsify`.
fn types_rs() -> (BTreeSet<String>, Vec<String>) {
    let src = read("src/types.rs");
    let lines: Vec<&str> = src.lines().collect();
    let mut declared = BTreeSet::new();
    let mut undeclared = Vec::new();
    for (i, line) in lines.iter().enumerate() {
        let Some(name) = ["pub struct ", "pub enum "].iter().find_map(|p| {
            line.strip_prefix(p)
                .and_then(|r| r.split([' ', '{', '(', ';']).next())
        }) else {
            continue;
        };
        let derives_tsify = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.starts_with("#[") || l.starts_with("///"))
            .any(|l| l.starts_with("#[derive(") && l.contains("Tsify"));
        if derives_tsify {
            declared.insert(name.to_string());
        } else {
            undeclared.push(name.to_string());
        }
    }
    (declared, undeclared)
}

#[test]
fn every_plain_object_has_a_generated_declaration() {
    let (declared, undeclared) = types_rs();
    assert!(declared.len() >= 20, "types.rs not read: {declared:?}");
    assert!(undeclared.is_empty(), "no #[derive(Tsify)]: {undeclared:?}");
}

#[test]
fn every_type_a_method_names_is_declared() {
    let (declared, _) = types_rs();
    let lib = read("src/lib.rs");
    let builtin = [
        "string",
        "number",
        "boolean",
        "null",
        "undefined",
        "void",
        "Record",
    ];
    let mut named = BTreeSet::new();
    for attr in ["unchecked_return_type = \"", "unchecked_param_type = \""] {
        for piece in lib.split(attr).skip(1) {
            let ts = piece.split('"').next().unwrap_or("");
            named.extend(
                ts.split(|c: char| !c.is_ascii_alphanumeric())
                    .filter(|w| !w.is_empty())
                    .map(str::to_string),
            );
        }
    }
    assert!(named.len() >= 10, "lib.rs not read: {named:?}");
    let unknown: Vec<&String> = named
        .iter()
        .filter(|n| !declared.contains(*n) && !builtin.contains(&n.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "lib.rs names TypeScript types types.rs does not declare: {unknown:?}"
    );
}

#[test]
fn option_is_declared_null_as_the_serializer_writes_it() {
    // serde-wasm-bindgen's JSON-compatible serializer writes `None` as `null`; tsify's "js"
    // feature would declare `undefined`.
    for (decl, field) in [
        (types::GraphNode::DECL, "path: string | null;"),
        (types::GraphNode::DECL, "range: Range | null;"),
        (
            types::CompletionItem::DECL,
            "entityKind: EntityKind | null;",
        ),
        (types::Diagnostic::DECL, "severity: Severity;"),
        (types::EvalInput::DECL, "default: string | null;"),
    ] {
        assert!(decl.contains(field), "`{field}` not in\n{decl}");
    }
    assert!(
        types::Severity::DECL.contains(r#""error" | "warning" | "info" | "hint""#),
        "{}",
        types::Severity::DECL
    );
}

#[test]
fn entity_kinds_are_spelled_as_the_catalog_spells_them() {
    use adf_catalog::EntityKind as K;
    let kinds = [
        K::LinkedService,
        K::Dataset,
        K::Pipeline,
        K::Activity,
        K::Trigger,
        K::DataFlow,
        K::IntegrationRuntime,
        K::Credential,
        K::ManagedVirtualNetwork,
        K::ManagedPrivateEndpoint,
        K::ChangeDataCapture,
        K::Factory,
        K::GlobalParameters,
    ];
    for k in kinds {
        let js = serde_json::to_value(types::EntityKind::from(k)).unwrap_or_default();
        assert_eq!(js.as_str(), Some(k.name()));
        assert!(
            types::EntityKind::DECL.contains(&format!("\"{}\"", k.name())),
            "{}",
            types::EntityKind::DECL
        );
    }
}

#[test]
fn graph_links_are_spelled_as_the_core_spells_them() {
    use adf_core::graph::Link;
    use adf_core::model::Role;
    let links = [
        Link::Contains,
        Link::Reference(Role::DatasetLinkedService),
        Link::Reference(Role::ActivityLinkedService),
        Link::Reference(Role::ActivityInput),
        Link::Reference(Role::ActivityOutput),
        Link::Reference(Role::KeyVaultStore),
        Link::Reference(Role::ConnectVia),
        Link::Reference(Role::ExecutePipeline),
        Link::Reference(Role::TriggerPipeline),
        Link::Reference(Role::WebService),
        Link::Reference(Role::Other),
    ];
    for link in links {
        let js = serde_json::to_value(types::GraphLink::from(link)).unwrap_or_default();
        assert_eq!(js.as_str(), Some(link.name()));
    }
}

#[test]
fn evaluation_words_are_the_language_servers() {
    use adf_core::ide::InputKind as K;
    // adf-lsp writes `InputKind::as_str` and `{kind: "value" | "unknown" | "error", ...}`; the
    // extension's wasm server forwards this object as is, so the two must agree.
    let kinds = [
        K::Parameter,
        K::GlobalParameter,
        K::Variable,
        K::System,
        K::Item,
        K::ActivityOutput,
        K::EntityParameter,
        K::ContextFunction,
        K::Clock,
        K::Random,
        K::Unsupported,
    ];
    for k in kinds {
        let js = serde_json::to_value(types::InputKind::from(k)).unwrap_or_default();
        assert_eq!(js.as_str(), Some(k.as_str()));
    }
    for variant in [
        r#"{ kind: "value"; value: string }"#,
        r#"{ kind: "unknown"; needs: string[] }"#,
        r#"{ kind: "error"; message: string; range: Range }"#,
    ] {
        assert!(
            types::EvalResult::DECL.contains(variant),
            "{}",
            types::EvalResult::DECL
        );
    }
}
