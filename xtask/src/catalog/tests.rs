use super::*;

const SCHEMAS: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared/adf-schemas");
const COMMITTED: &str = concat!(
    env!("CARGO_MANIFEST_DIR"),
    "/../crates/adf-catalog/data/catalog.json"
);

fn fresh() -> (Catalog, String) {
    let (v1, v2) = read_schemas(Path::new(SCHEMAS)).expect("schemas readable");
    generate(&v1, &v2).expect("generation succeeds")
}

#[test]
fn committed_catalog_is_fresh() {
    let (_, text) = fresh();
    let committed = std::fs::read_to_string(COMMITTED).expect("committed catalog readable");
    assert!(
        committed == text,
        "crates/adf-catalog/data/catalog.json is stale: run `cargo xtask catalog`"
    );
}

#[test]
fn generation_is_deterministic_and_round_trips() {
    let (catalog, text) = fresh();
    let (_, again) = fresh();
    assert_eq!(text, again);
    let parsed: Catalog = serde_json::from_str(&text).expect("deserializes");
    assert_eq!(parsed, catalog);
}

/// Every property name used by real files is found via entity → union → variant → nested shapes.
/// (Values are not checked here: that is the rules engine's job.)
#[test]
fn real_files_use_only_known_properties() {
    use adf_catalog::{EntityKind, ObjId};
    let (catalog, _) = fresh();
    let shared = concat!(env!("CARGO_MANIFEST_DIR"), "/../../shared");
    let mut cases: Vec<(Dialect, EntityKind, PathBuf)> = Vec::new();
    for dir in [
        "examples/ml-retraining-v1",
        "examples/ml-retraining-v1-variants",
    ] {
        for entry in std::fs::read_dir(Path::new(shared).join(dir)).expect("examples present") {
            let path = entry.expect("dir entry").path();
            let text = std::fs::read_to_string(&path).expect("readable");
            let kind = if text.contains("\"activities\"") {
                EntityKind::Pipeline
            } else if text.contains("\"availability\"") {
                EntityKind::Dataset
            } else {
                EntityKind::LinkedService
            };
            cases.push((Dialect::V1, kind, path));
        }
    }
    for (folder, kind) in [
        ("linkedService", EntityKind::LinkedService),
        ("dataset", EntityKind::Dataset),
        ("pipeline", EntityKind::Pipeline),
        ("trigger", EntityKind::Trigger),
    ] {
        let dir = Path::new(shared)
            .join("corpus/v2/procfwk-datafactory")
            .join(folder);
        for entry in std::fs::read_dir(dir).expect("procfwk present") {
            cases.push((Dialect::V2, kind, entry.expect("dir entry").path()));
        }
    }

    fn walk(c: &Catalog, v: &Value, id: ObjId, at: &str, unknown: &mut Vec<String>) {
        let (Some(obj), Some(map)) = (c.object(id), v.as_object()) else {
            return;
        };
        let mut props = obj.properties.clone();
        let mut open = obj.open;
        if let Some(disc) = &obj.discriminator {
            let t = map.get(disc).and_then(Value::as_str).unwrap_or_default();
            match c.variant(obj, t).and_then(|vid| c.object(vid)) {
                Some(var) => {
                    props.extend(var.properties.clone());
                    open |= var.open;
                }
                None => {
                    unknown.push(format!("{at}: unknown {disc} {t}"));
                    return;
                }
            }
        }
        for (key, value) in map {
            let Some(p) = props.get(key) else {
                if !open && obj.values.is_none() {
                    unknown.push(format!("{at}/{key}"));
                }
                continue;
            };
            let here = format!("{at}/{key}");
            if let Some(o) = p.object {
                walk(c, value, o, &here, unknown);
            }
            if let (Some(items), Some(arr)) = (p.items, value.as_array()) {
                for x in arr {
                    walk(c, x, items, &here, unknown);
                }
            }
            if let (Some(vals), Some(m)) = (p.values, value.as_object()) {
                for x in m.values() {
                    walk(c, x, vals, &here, unknown);
                }
            }
        }
    }

    assert!(
        cases.len() > 20,
        "expected the example files, found {}",
        cases.len()
    );
    let mut unknown = Vec::new();
    for (dialect, kind, path) in &cases {
        let text = std::fs::read_to_string(path).expect("readable");
        let value: Value = serde_json::from_str(&text).expect("valid JSON");
        let entity = catalog.entity(*dialect, *kind).expect("entity in catalog");
        walk(
            &catalog,
            &value,
            entity.root,
            &path.display().to_string(),
            &mut unknown,
        );
    }
    assert!(unknown.is_empty(), "unknown properties: {unknown:#?}");
}
