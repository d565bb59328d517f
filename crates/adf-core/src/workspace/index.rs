//! The index of a workspace: entities by scope, kind and name, the names of each kind, and how
//! often each name is referenced or (v1) produced.

use super::{FileId, ScopeId, Workspace};
use crate::model::Entity;
use adf_catalog::EntityKind;
use foldhash::HashMap;
use std::collections::BTreeMap;
use std::hash::Hash;

/// Where an entity lives: file and index in the file's entity list.
pub(super) type EntityAt = (FileId, u32);

/// Names, references and producers per scope (keys lower-case, `by_kind` as written).
#[derive(Default)]
pub(super) struct Index {
    /// Where each entity is defined (two places for a duplicate name).
    pub(super) entities: HashMap<(ScopeId, EntityKind, String), Vec<EntityAt>>,
    /// The names of each kind as written, with how many entities bear each.
    pub(super) by_kind: HashMap<(ScopeId, EntityKind), BTreeMap<String, usize>>,
    /// How many reference sites name each entity.
    pub(super) referenced: HashMap<(ScopeId, EntityKind, String), usize>,
    /// How many v1 activities output each dataset.
    pub(super) produced: HashMap<(ScopeId, String), usize>,
}

/// A name as the index keys it: Data Factory matches entity names without regard to case.
pub(super) fn lower(s: &str) -> String {
    // Names are nearly always ASCII, where one byte maps to one byte.
    if s.is_ascii() {
        s.to_ascii_lowercase()
    } else {
        s.to_lowercase()
    }
}

fn decrement<K: Hash + Eq>(map: &mut HashMap<K, usize>, key: &K) {
    if let Some(n) = map.get_mut(key) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            map.remove(key);
        }
    }
}

impl Workspace {
    /// Adds a file's entities, references and v1 outputs to the index.
    pub(super) fn index_file(&mut self, id: FileId) {
        let Some(slot) = self.slots.get(id as usize).and_then(Option::as_ref) else {
            return;
        };
        let scope = slot.scope;
        for (i, e) in slot.model.entities.iter().enumerate() {
            // A name computed at deployment (ARM) cannot be looked up.
            if e.name.is_empty() {
                continue;
            }
            self.index
                .entities
                .entry((scope, e.kind, lower(&e.name)))
                .or_default()
                .push((id, i as u32));
            *self
                .index
                .by_kind
                .entry((scope, e.kind))
                .or_default()
                .entry(e.name.clone())
                .or_default() += 1;
            for a in &e.activities {
                for o in &a.outputs {
                    *self
                        .index
                        .produced
                        .entry((scope, lower(&o.name)))
                        .or_default() += 1;
                }
            }
        }
        for r in &slot.model.refs {
            *self
                .index
                .referenced
                .entry((scope, r.target, lower(&r.name)))
                .or_default() += 1;
        }
    }

    /// Takes a file out of the index and out of the readers of the facts it read.
    pub(super) fn unindex(&mut self, id: FileId) {
        let Some(slot) = self.slots.get(id as usize).and_then(Option::as_ref) else {
            return;
        };
        let scope = slot.scope;
        for e in &slot.model.entities {
            // Skipped by `index_file`: taking its activities' outputs off would undercount
            // another producer of the same dataset.
            if e.name.is_empty() {
                continue;
            }
            let key = (scope, e.kind, lower(&e.name));
            if let Some(v) = self.index.entities.get_mut(&key) {
                v.retain(|(f, _)| *f != id);
                if v.is_empty() {
                    self.index.entities.remove(&key);
                }
            }
            if let Some(names) = self.index.by_kind.get_mut(&(scope, e.kind)) {
                if let Some(n) = names.get_mut(&e.name) {
                    *n -= 1;
                    if *n == 0 {
                        names.remove(&e.name);
                    }
                }
            }
            for a in &e.activities {
                for o in &a.outputs {
                    decrement(&mut self.index.produced, &(scope, lower(&o.name)));
                }
            }
        }
        for r in &slot.model.refs {
            decrement(
                &mut self.index.referenced,
                &(scope, r.target, lower(&r.name)),
            );
        }
        // The slot is dropped or replaced after this, so its facts can be taken, not copied.
        let facts = self
            .slots
            .get_mut(id as usize)
            .and_then(Option::as_mut)
            .map(|s| std::mem::take(&mut s.facts))
            .unwrap_or_default();
        for (fact, _) in &facts {
            self.forget_reader(fact, id);
        }
    }

    pub(super) fn entities_at(
        &self,
        scope: ScopeId,
        kind: EntityKind,
        name_lc: &str,
    ) -> impl Iterator<Item = (&str, &Entity)> {
        self.index
            .entities
            .get(&(scope, kind, name_lc.to_string()))
            .into_iter()
            .flatten()
            .filter_map(move |(f, i)| {
                let slot = self.slot(*f)?;
                Some((
                    slot.model.path.as_str(),
                    slot.model.entities.get(*i as usize)?,
                ))
            })
    }

    /// The files of every scope but ARM templates' that define an entity of this kind and
    /// (lower-case) name, sorted.
    pub(super) fn paths_anywhere(&self, kind: EntityKind, name_lc: &str) -> Vec<&str> {
        // ARM templates repeat the git files beside them: only git-layout factories count.
        let mut out: Vec<&str> = (0..self.scopes.len() as ScopeId)
            .filter(|s| {
                self.scopes
                    .get(*s as usize)
                    .is_some_and(|k| !k.ends_with("#arm"))
            })
            .flat_map(|scope| self.entities_at(scope, kind, name_lc).map(|(p, _)| p))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }
}
