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
