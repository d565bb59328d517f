//! `cargo xtask catalog`: generate crates/adf-catalog/data/catalog.json from ../shared/adf-schemas.
//!
//! `generate` is a pure function from the two schema texts to the catalog text (the overlay is
//! compiled in), so the command, `--check` and the freshness test all produce the same bytes.
//! docs/catalog.md explains the decisions taken here.

pub mod audit;
mod describe;
mod entities;
mod overlay;
mod schema;

use adf_catalog::{Catalog, Dialect, EntityKind};
use schema::Builder;
use serde_json::Value;
use std::path::{Path, PathBuf};

/// What the catalog says it was generated from (shown in unknown-type warnings).
const SNAPSHOT: &str = "ADF schemas v1 2015-10-01, v2 2018-06-01 (+ overlay)";

const V1_FILE: &str = "v1-2015-10-01-Microsoft.DataFactory.json";
const V2_FILE: &str = "v2-2018-06-01-Microsoft.DataFactory.json";

pub fn run(args: &[String]) -> Result<(), String> {
    let check = match args {
        [] => false,
        [flag] if flag == "--check" => true,
        _ => return Err("usage: cargo xtask catalog [--check]".into()),
    };
    let root = workspace_root();
    let (v1, v2) = read_schemas(&root.join("../shared/adf-schemas"))?;
    let (catalog, text) = generate(&v1, &v2)?;
    let out = root.join("crates/adf-catalog/data/catalog.json");
    if check {
        let committed = std::fs::read_to_string(&out)
            .map_err(|e| format!("cannot read {}: {e}", out.display()))?;
        if committed != text {
            return Err(format!(
                "{} is stale: run `cargo xtask catalog` and commit the result",
                out.display()
            ));
        }
        println!("{} is up to date", out.display());
        return Ok(());
    }
    std::fs::write(&out, &text).map_err(|e| format!("cannot write {}: {e}", out.display()))?;
    println!("wrote {} ({} bytes)", out.display(), text.len());
    print!("{}", coverage(&catalog));
    Ok(())
}

/// The repository root (xtask lives one level below it).
fn workspace_root() -> PathBuf {
    let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("..");
    root.canonicalize().unwrap_or(root)
}

/// Read both schema files; the v1 file is Windows-1252, not UTF-8.
pub fn read_schemas(dir: &Path) -> Result<(String, String), String> {
    let read = |name: &str| {
        let path = dir.join(name);
        std::fs::read(&path).map_err(|e| format!("cannot read {}: {e}", path.display()))
    };
    let v1_bytes = read(V1_FILE)?;
    let (v1, _, _) = encoding_rs::WINDOWS_1252.decode(&v1_bytes);
    let v2 = String::from_utf8(read(V2_FILE)?).map_err(|e| format!("{V2_FILE}: {e}"))?;
    Ok((v1.into_owned(), v2))
}

/// Generate the catalog from the schema texts; returns it and its compact JSON text.
pub fn generate(v1_text: &str, v2_text: &str) -> Result<(Catalog, String), String> {
    generate_with_prose(v1_text, v2_text).map(|(c, t, _)| (c, t))
}

/// Properties as (object name, property name).
pub type PropNames = Vec<(String, String)>;

/// [`generate`], plus the properties whose type was read from description prose.
pub fn generate_with_prose(
    v1_text: &str,
    v2_text: &str,
) -> Result<(Catalog, String, PropNames), String> {
    let v1: Value = serde_json::from_str(v1_text).map_err(|e| format!("{V1_FILE}: {e}"))?;
    let v2: Value = serde_json::from_str(v2_text).map_err(|e| format!("{V2_FILE}: {e}"))?;
    let mut b = Builder::default();
    let mut entities = entities::v2(&mut b, &v2)?;
    entities.extend(entities::v1(&mut b, &v1)?);
    overlay::apply(&mut b)?;
    let catalog = Catalog {
        snapshot: SNAPSHOT.to_string(),
        entities,
        objects: b.objects,
    };
    let text = serde_json::to_string(&catalog).map_err(|e| e.to_string())?;
    Ok((catalog, text, b.prose_typed))
}

/// Which dialect each object belongs to, found by walking from that dialect's entities.
fn object_dialects(c: &Catalog) -> Vec<Option<Dialect>> {
    let mut seen: Vec<Option<Dialect>> = vec![None; c.objects.len()];
    for e in &c.entities {
        let mut stack = vec![e.root, e.properties];
        while let Some(id) = stack.pop() {
            let Some(slot) = seen.get_mut(id as usize) else {
                continue;
            };
            if slot.is_some() {
                continue;
            }
            *slot = Some(e.dialect);
            let Some(o) = c.object(id) else { continue };
            stack.extend(o.variants.values().copied());
            stack.extend(o.values);
            for p in o.properties.values() {
                stack.extend(p.object.into_iter().chain(p.items).chain(p.values));
            }
        }
    }
    seen
}

/// The coverage report printed by the command and copied into docs/catalog.md.
pub fn coverage(c: &Catalog) -> String {
    use std::fmt::Write;
    let mut out = String::new();
    let dialects = object_dialects(c);
    for dialect in [Dialect::V2, Dialect::V1] {
        let name = if dialect == Dialect::V1 { "v1" } else { "v2" };
        let _ = writeln!(out, "{name} entity types:");
        for e in c.entities.iter().filter(|e| e.dialect == dialect) {
            let n = c.type_names(dialect, e.kind).len();
            let what = if n == 0 {
                "single shape".to_string()
            } else {
                format!("{n} types")
            };
            let _ = writeln!(out, "  {:<24} {what}", kind_name(e.kind));
        }
        let objs: Vec<_> = c
            .objects
            .iter()
            .zip(&dialects)
            .filter(|(_, d)| **d == Some(dialect))
            .map(|(o, _)| o)
            .collect();
        let props: Vec<_> = objs.iter().flat_map(|o| o.properties.values()).collect();
        let count =
            |f: &dyn Fn(&&adf_catalog::PropDef) -> bool| props.iter().filter(|p| f(p)).count();
        let _ = writeln!(
            out,
            "{name}: {} object shapes, {} properties: {} typed, {} expression, {} enum, {} pattern ({} timespan), {} format, {} secret",
            objs.len(),
            props.len(),
            count(&|p| !p.types.is_empty()),
            count(&|p| p.expression),
            count(&|p| !p.enum_values.is_empty()),
            count(&|p| p.pattern.is_some()),
            count(&|p| p.timespan),
            count(&|p| p.format.is_some()),
            count(&|p| p.secret),
        );
    }
    let unreachable = dialects.iter().filter(|d| d.is_none()).count();
    let _ = writeln!(
        out,
        "objects in total: {} ({} not reachable from an entity)",
        c.objects.len(),
        unreachable
    );
    out
}

fn kind_name(k: EntityKind) -> String {
    serde_json::to_value(k)
        .ok()
        .and_then(|v| v.as_str().map(str::to_string))
        .unwrap_or_default()
}

#[cfg(test)]
mod tests;
