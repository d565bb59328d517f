//! The JavaScript surface agrees with the Rust one: every object field the engine serializes is
//! declared in `src/types.d.ts` (and nothing else is), every `Workspace` method the bindings
//! export is wrapped by `wasm-pkg/src/index.js` and declared in `wasm-pkg/src/index.d.ts`, and
//! every `EntityKind` name is in the declared union. A field or a query added on one side only
//! fails here, not in a user's editor.

use std::collections::BTreeSet;
use std::path::Path;

fn read(rel: &str) -> String {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(root.join(rel)).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

/// `snake_case` to `camelCase`.
fn camel(s: &str) -> String {
    let mut out = String::new();
    let mut up = false;
    for c in s.chars() {
        if c == '_' {
            up = true;
        } else if up {
            out.extend(c.to_uppercase());
            up = false;
        } else {
            out.push(c);
        }
    }
    out
}

/// (struct name, its fields as serialized) of every `pub struct` in types.rs.
fn rust_structs(src: &str) -> Vec<(String, BTreeSet<String>)> {
    let mut out = Vec::new();
    let lines: Vec<&str> = src.lines().collect();
    let mut i = 0;
    while i < lines.len() {
        let Some(name) = lines[i]
            .trim()
            .strip_prefix("pub struct ")
            .and_then(|r| r.strip_suffix(" {"))
        else {
            i += 1;
            continue;
        };
        let camel_case = lines[..i]
            .iter()
            .rev()
            .take_while(|l| l.trim_start().starts_with("#[") || l.trim_start().starts_with("///"))
            .any(|l| l.contains("rename_all = \"camelCase\""));
        let mut fields = BTreeSet::new();
        let mut rename: Option<String> = None;
        i += 1;
        while i < lines.len() && lines[i].trim() != "}" {
            let l = lines[i].trim();
            if let Some(r) = l
                .strip_prefix("#[serde(rename = \"")
                .and_then(|r| r.split('"').next())
            {
                rename = Some(r.to_string());
            } else if let Some(field) = l.strip_prefix("pub ").and_then(|r| r.split(':').next()) {
                let skipped = lines[i.saturating_sub(2)..i]
                    .iter()
                    .any(|p| p.contains("serde(skip"));
                if !skipped {
                    let name = rename.take().unwrap_or_else(|| {
                        if camel_case {
                            camel(field)
                        } else {
                            field.to_string()
                        }
                    });
                    fields.insert(name);
                }
                rename = None;
            }
            i += 1;
        }
        out.push((name.to_string(), fields));
    }
    out
}

/// The member names of `interface <name> { ... }` in a declaration file.
fn ts_interface(src: &str, name: &str) -> Option<BTreeSet<String>> {
    let start = src.find(&format!("export interface {name} {{"))?;
    let body = &src[start..];
    let end = body.find("\n}")?;
    Some(
        body[..end]
            .lines()
            .skip(1)
            .map(str::trim)
            .filter(|l| !l.starts_with("/**") && !l.starts_with('*') && !l.starts_with("//"))
            .filter_map(|l| l.split([':', '?']).next())
            .map(str::trim)
            .filter(|n| !n.is_empty() && n.chars().all(|c| c.is_ascii_alphanumeric()))
            .map(str::to_string)
            .collect(),
    )
}

#[test]
fn every_serialized_object_is_declared_field_for_field() {
    let rust = read("src/types.rs");
    let ts = read("src/types.d.ts");
    let structs = rust_structs(&rust);
    assert!(structs.len() >= 15, "types.rs not read: {structs:?}");
    let mut wrong = Vec::new();
    for (name, fields) in &structs {
        match ts_interface(&ts, name) {
            None => wrong.push(format!(
                "{name}: no `export interface {name}` in types.d.ts"
            )),
            Some(declared) if &declared != fields => wrong.push(format!(
                "{name}: Rust serializes {fields:?}, types.d.ts declares {declared:?}"
            )),
            Some(_) => {}
        }
    }
    assert!(wrong.is_empty(), "{wrong:#?}");
}

#[test]
fn every_workspace_method_is_wrapped_and_declared() {
    let lib = read("src/lib.rs");
    let index = read("../../wasm-pkg/src/index.js");
    let declared = read("../../wasm-pkg/src/index.d.ts");
    // The methods of `impl Workspace`, by the name JavaScript sees.
    let body = lib
        .split("impl Workspace {")
        .nth(1)
        .expect("impl Workspace in lib.rs");
    let mut methods = Vec::new();
    let mut js_name: Option<String> = None;
    for line in body.lines() {
        let l = line.trim();
        if l == "}" && line.starts_with('}') {
            break;
        }
        if let Some(n) = l
            .strip_prefix("#[wasm_bindgen(js_name = ")
            .and_then(|r| r.strip_suffix(")]"))
        {
            js_name = Some(n.trim_matches('"').to_string());
        } else if let Some(f) = l.strip_prefix("pub fn ").and_then(|r| r.split('(').next()) {
            let name = js_name.take().unwrap_or_else(|| camel(f));
            if name != "new" {
                methods.push(name);
            }
        }
    }
    assert!(methods.len() >= 15, "methods not read: {methods:?}");
    let missing: Vec<String> = methods
        .iter()
        .filter(|m| {
            !index.contains(&format!("\n  {m}(")) || !declared.contains(&format!("\n  {m}("))
        })
        .cloned()
        .collect();
    assert!(
        missing.is_empty(),
        "Workspace methods not wrapped in wasm-pkg/src/index.js or not declared in index.d.ts: \
         {missing:?}"
    );
}

#[test]
fn every_entity_kind_is_in_the_declared_union() {
    let ts = read("src/types.d.ts");
    let union = ts
        .split("export type EntityKind =")
        .nth(1)
        .and_then(|r| r.split(';').next())
        .expect("EntityKind union in types.d.ts");
    let kinds = [
        adf_catalog::EntityKind::LinkedService,
        adf_catalog::EntityKind::Dataset,
        adf_catalog::EntityKind::Pipeline,
        adf_catalog::EntityKind::Activity,
        adf_catalog::EntityKind::Trigger,
        adf_catalog::EntityKind::DataFlow,
        adf_catalog::EntityKind::IntegrationRuntime,
        adf_catalog::EntityKind::Credential,
        adf_catalog::EntityKind::ManagedVirtualNetwork,
        adf_catalog::EntityKind::ManagedPrivateEndpoint,
        adf_catalog::EntityKind::ChangeDataCapture,
        adf_catalog::EntityKind::Factory,
        adf_catalog::EntityKind::GlobalParameters,
    ];
    let missing: Vec<&str> = kinds
        .iter()
        .map(|k| k.name())
        .filter(|n| !union.contains(&format!("\"{n}\"")))
        .collect();
    assert!(missing.is_empty(), "{missing:?}");
}
