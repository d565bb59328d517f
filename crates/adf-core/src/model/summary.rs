//! What a cross-file rule may read of an entity in another file. The workspace hashes exactly
//! this view into the fact a lookup records (its `Hash` is derived), so a rule cannot read a
//! field whose change would not re-check it: stale findings cannot be written by accident.
//! Positions are left out: they move with every edit and no rule judges another file by them.

use super::{Entity, LinkedServiceFacts, NullUse, Param};
use adf_catalog::{Dialect, EntityKind};

/// The position-free part of an entity that cross-file rules read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct Summary<'e> {
    /// Its kind.
    pub kind: EntityKind,
    /// Its name.
    pub name: &'e str,
    /// v1 or v2.
    pub dialect: Dialect,
    /// Its `type`, when written.
    pub type_name: Option<&'e str>,
    /// Whether its file was read completely (a half-typed entity is not judged by others).
    pub complete: bool,
    /// Its parameters; `None` when they could not be read.
    pub params: Option<Params<'e>>,
    /// Linked services: what the Azure ML rules read.
    pub linked_service: Option<&'e LinkedServiceFacts>,
    /// v1 datasets: `availability` as (frequency, interval).
    pub availability: Option<(&'e str, i64)>,
    /// v1 datasets: `external: true`.
    pub external: bool,
    /// v2 datasets: the location's `type`.
    pub location_type: Option<&'e str>,
}

/// A parameter as other files see it.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub(crate) struct ParamSummary<'e> {
    /// Its name.
    pub name: &'e str,
    /// Declared type, lower case, if stated.
    pub ty: Option<&'e str>,
    /// Whether a default value is declared.
    pub has_default: bool,
    /// Pipelines: where a null value would fail the run.
    pub null_use: Option<&'e NullUse>,
}

/// An entity's parameters as other files see them: a view, built per lookup without copying.
#[derive(Clone, Copy)]
pub(crate) struct Params<'e>(&'e [Param]);

impl<'e> Params<'e> {
    /// Each parameter, in declaration order.
    pub fn iter(self) -> impl Iterator<Item = ParamSummary<'e>> {
        self.0.iter().map(ParamSummary::of)
    }
}

impl std::hash::Hash for Params<'_> {
    fn hash<H: std::hash::Hasher>(&self, h: &mut H) {
        self.0.len().hash(h);
        for p in self.iter() {
            p.hash(h);
        }
    }
}

impl PartialEq for Params<'_> {
    fn eq(&self, other: &Self) -> bool {
        self.iter().eq(other.iter())
    }
}

impl Eq for Params<'_> {}

impl std::fmt::Debug for Params<'_> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_list().entries(self.iter()).finish()
    }
}

impl<'e> ParamSummary<'e> {
    fn of(p: &'e Param) -> Self {
        Self {
            name: &p.name,
            ty: p.ty.as_deref(),
            has_default: p.has_default,
            null_use: p.null_use.as_ref(),
        }
    }
}

impl<'e> Summary<'e> {
    /// The summary of an entity.
    pub fn of(e: &'e Entity) -> Self {
        let dataset = e.dataset.as_ref();
        Self {
            kind: e.kind,
            name: &e.name,
            dialect: e.dialect,
            type_name: e.type_name.as_deref(),
            complete: e.complete,
            params: e.params.as_deref().map(Params),
            linked_service: e.linked_service.as_ref(),
            availability: dataset
                .and_then(|d| d.availability.as_ref())
                .map(|a| (a.frequency.as_str(), a.interval)),
            external: dataset.is_some_and(|d| d.external),
            location_type: dataset
                .and_then(|d| d.location_type.as_ref())
                .map(|l| l.name.as_str()),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{DatasetFacts, Named, Schedule};
    use crate::TextRange;
    use std::collections::hash_map::DefaultHasher;
    use std::hash::{Hash, Hasher};

    fn hash(e: &Entity) -> u64 {
        let mut h = DefaultHasher::new();
        Summary::of(e).hash(&mut h);
        h.finish()
    }

    fn entity() -> Entity {
        Entity {
            kind: EntityKind::Dataset,
            name: "Sales".into(),
            name_range: TextRange::new(0, 5),
            dialect: Dialect::V1,
            type_name: Some("AzureBlob".into()),
            type_range: None,
            params: Some(vec![Param {
                name: "region".into(),
                range: TextRange::new(10, 16),
                ty: Some("string".into()),
                has_default: false,
                null_use: None,
            }]),
            variables: Vec::new(),
            activities: Vec::new(),
            by_name: Vec::new(),
            linked_service: None,
            dataset: Some(DatasetFacts {
                availability: Some(Schedule {
                    frequency: "Hour".into(),
                    interval: 1,
                    range: TextRange::new(20, 40),
                }),
                external: false,
                location_type: Some(Named {
                    name: "AzureBlobStorageLocation".into(),
                    range: TextRange::new(50, 60),
                }),
            }),
            duplicate_keys: Vec::new(),
            range: TextRange::new(0, 100),
            complete: true,
        }
    }

    #[test]
    fn every_field_a_rule_reads_changes_the_hash() {
        let base = hash(&entity());
        type Change = (&'static str, fn(&mut Entity));
        let changes: Vec<Change> = vec![
            ("kind", |e| e.kind = EntityKind::LinkedService),
            ("name", |e| e.name = "Sales2".into()),
            ("dialect", |e| e.dialect = Dialect::V2),
            ("type", |e| e.type_name = Some("AzureSqlTable".into())),
            ("complete", |e| e.complete = false),
            ("params gone", |e| e.params = None),
            ("param name", |e| {
                if let Some(p) = e.params.as_mut().and_then(|p| p.first_mut()) {
                    p.name = "area".into();
                }
            }),
            ("param type", |e| {
                if let Some(p) = e.params.as_mut().and_then(|p| p.first_mut()) {
                    p.ty = Some("int".into());
                }
            }),
            ("param default", |e| {
                if let Some(p) = e.params.as_mut().and_then(|p| p.first_mut()) {
                    p.has_default = true;
                }
            }),
            ("param null use", |e| {
                if let Some(p) = e.params.as_mut().and_then(|p| p.first_mut()) {
                    p.null_use = Some(NullUse {
                        activity: "Len".into(),
                        place: crate::model::NullPlace::Function("length".into()),
                    });
                }
            }),
            ("linked service facts", |e| {
                e.linked_service = Some(LinkedServiceFacts::default());
            }),
            ("availability", |e| {
                if let Some(a) = e.dataset.as_mut().and_then(|d| d.availability.as_mut()) {
                    a.interval = 2;
                }
            }),
            ("external", |e| {
                if let Some(d) = e.dataset.as_mut() {
                    d.external = true;
                }
            }),
            ("location type", |e| {
                if let Some(l) = e.dataset.as_mut().and_then(|d| d.location_type.as_mut()) {
                    l.name = "HttpServerLocation".into();
                }
            }),
        ];
        for (what, change) in changes {
            let mut e = entity();
            change(&mut e);
            assert_ne!(hash(&e), base, "{what} does not change the hash");
        }
    }

    #[test]
    fn positions_do_not_change_the_hash() {
        let base = hash(&entity());
        let mut e = entity();
        e.name_range = TextRange::new(3, 8);
        e.range = TextRange::new(3, 103);
        if let Some(p) = e.params.as_mut().and_then(|p| p.first_mut()) {
            p.range = TextRange::new(13, 19);
        }
        if let Some(a) = e.dataset.as_mut().and_then(|d| d.availability.as_mut()) {
            a.range = TextRange::new(23, 43);
        }
        assert_eq!(hash(&e), base);
    }
}
