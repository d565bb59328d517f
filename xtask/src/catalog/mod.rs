//! `cargo xtask catalog`: generate crates/adf-catalog/data/catalog.json from ../shared/adf-schemas.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not yet written".into())
}
