//! The generated catalog of ADF entity types and properties, and lookups over it.
//!
//! `data/catalog.json` is written by `cargo xtask catalog` from Microsoft's published JSON Schemas
//! plus the overlay in `xtask/src/catalog/overlay.rs`; the build never reads the schemas themselves.

mod functions;
mod model;
mod outputs;
mod tables;

pub use functions::*;
pub use model::*;
pub use outputs::*;

use std::sync::OnceLock;

const CATALOG_JSON: &str = include_str!("../data/catalog.json");

/// The catalog, deserialized once on first use.
pub fn catalog() -> &'static Catalog {
    static CATALOG: OnceLock<Catalog> = OnceLock::new();
    CATALOG.get_or_init(|| {
        // The committed file is checked by a test, so a failure here is a build defect, not input.
        serde_json::from_str(CATALOG_JSON).unwrap_or_default()
    })
}

/// The committed catalog text (for the staleness test).
pub fn catalog_json() -> &'static str {
    CATALOG_JSON
}

impl Catalog {
    /// The object shape with this id.
    pub fn object(&self, id: ObjId) -> Option<&ObjectDef> {
        self.objects.get(id as usize)
    }

    /// The entry for one entity kind in one dialect.
    pub fn entity(&self, dialect: Dialect, kind: EntityKind) -> Option<&EntityDef> {
        self.entities
            .iter()
            .find(|e| e.dialect == dialect && e.kind == kind)
    }

    /// Every `type` discriminator of an entity kind's `properties` object in a dialect.
    pub fn type_names(&self, dialect: Dialect, kind: EntityKind) -> Vec<&str> {
        self.entity(dialect, kind)
            .and_then(|e| self.object(e.properties))
            .map(|o| o.variants.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// The variant shape for a discriminator value of a polymorphic object, case-sensitive first.
    pub fn variant(&self, obj: &ObjectDef, type_name: &str) -> Option<ObjId> {
        obj.variant_exact(type_name).or_else(|| {
            obj.variants
                .iter()
                .find(|(k, _)| k.eq_ignore_ascii_case(type_name))
                .map(|(_, v)| *v)
        })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn committed_catalog_deserializes() {
        let parsed: Result<Catalog, _> = serde_json::from_str(catalog_json());
        assert!(parsed.is_ok(), "{:?}", parsed.err());
    }

    #[test]
    fn every_null_intolerant_entry_names_an_argument_of_a_known_function_and_its_source() {
        for n in NULL_INTOLERANT {
            let f = function(n.function);
            assert!(f.is_some(), "{} is not a function", n.function);
            let fits = f.is_some_and(|f| f.max.is_none_or(|max| n.arg < usize::from(max)));
            assert!(fits, "{} has no argument {}", n.function, n.arg);
            assert!(n.source.len() > 20, "{} cites no source", n.function);
        }
    }
}
