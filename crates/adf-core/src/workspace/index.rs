//! The index of a workspace: entities by scope, kind and name, the names of each kind, and how
//! often each name is referenced or (v1) produced.

use super::{FileId, ScopeId, Workspace};
use crate::model::Entity;
use adf_catalog::EntityKind;
use foldhash::HashMap;
use std::collections::BTreeMap;

/// Where an entity lives: file and index in the file's entity list.
pub(super) type EntityAt = (FileId, u32);

/// Names, references and producers per scope (names lower-case, `by_kind` as written). The
/// name is the inner key, so that a lookup or a count of a name seen before copies nothing.
#[derive(Default)]
pub(super) struct Index {
    /// Where each entity is defined (two places for a duplicate name).
    pub(super) entities: HashMap<(ScopeId, EntityKind), HashMap<String, Vec<EntityAt>>>,
    /// The names of each kind as written, with how many entities bear each.
    pub(super) by_kind: HashMap<(ScopeId, EntityKind), BTreeMap<String, usize>>,
    /// How many reference sites name each entity.
    pub(super) referenced: HashMap<(ScopeId, EntityKind), HashMap<String, usize>>,
    /// How many v1 activities output each dataset.
    pub(super) produced: HashMap<ScopeId, HashMap<String, usize>>,
    /// How many entity names of each kind a batch is about to add: the first scope's table for
    /// the kind starts that large (see [`Workspace::reserve`]).
    pub(super) expect_entities: HashMap<EntityKind, usize>,
    /// The same for the distinct names its references target.
    pub(super) expect_referenced: HashMap<EntityKind, usize>,
}

/// An empty table for the names of one kind, as large as `expect` says (once).
fn sized<V>(expect: &mut HashMap<EntityKind, usize>, kind: EntityKind) -> HashMap<String, V> {
    HashMap::with_capacity_and_hasher(expect.remove(&kind).unwrap_or(0), Default::default())
}

impl Index {
    /// How many reference sites in the scope name this entity (lower-case name).
    pub(super) fn referenced(&self, scope: ScopeId, kind: EntityKind, name_lc: &str) -> usize {
        self.referenced
            .get(&(scope, kind))
            .and_then(|m| m.get(name_lc))
            .copied()
            .unwrap_or(0)
    }

    /// How many v1 activities in the scope output this dataset (lower-case name).
    pub(super) fn produced(&self, scope: ScopeId, name_lc: &str) -> usize {
        self.produced
            .get(&scope)
            .and_then(|m| m.get(name_lc))
            .copied()
            .unwrap_or(0)
    }
}

/// A name as the index keys it: Data Factory matches entity names without regard to case.
pub(super) fn lower(s: &str) -> String {
    let mut key = String::with_capacity(s.len());
    lower_into(s, &mut key);
    key
}

/// `name` as [`lower`] keys it, into `buf` (cleared first): no allocation once `buf` is grown.
fn lower_into(name: &str, buf: &mut String) {
    buf.clear();
    // Names are nearly always ASCII, where one byte maps to one byte.
    if name.is_ascii() {
        buf.push_str(name);
        buf.make_ascii_lowercase();
    } else {
        buf.push_str(&name.to_lowercase());
    }
}

/// One more use of `name` (any case): the name is copied only the first time.
fn count_up(counts: &mut HashMap<String, usize>, name: &str, buf: &mut String) {
    lower_into(name, buf);
    match counts.get_mut(buf.as_str()) {
        Some(n) => *n += 1,
        None => {
            counts.insert(buf.clone(), 1);
        }
    }
}

/// One use of `name` (any case) less; a name no longer used leaves the map.
fn count_down(counts: Option<&mut HashMap<String, usize>>, name: &str) {
    let Some(counts) = counts else { return };
    let key = lower(name);
    if let Some(n) = counts.get_mut(&key) {
        *n = n.saturating_sub(1);
        if *n == 0 {
            counts.remove(&key);
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
        let mut buf = String::new();
        for (i, e) in slot.model.entities.iter().enumerate() {
            // A name computed at deployment (ARM) cannot be looked up.
            if e.name.is_empty() {
                continue;
            }
            let index = &mut self.index;
            index
                .entities
                .entry((scope, e.kind))
                .or_insert_with(|| sized(&mut index.expect_entities, e.kind))
                .entry(lower(&e.name))
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
                    let produced = self.index.produced.entry(scope).or_default();
                    count_up(produced, &o.name, &mut buf);
                }
            }
        }
        for r in &slot.model.refs {
            let index = &mut self.index;
            let referenced = index
                .referenced
                .entry((scope, r.target))
                .or_insert_with(|| sized(&mut index.expect_referenced, r.target));
            count_up(referenced, &r.name, &mut buf);
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
            if let Some(names) = self.index.entities.get_mut(&(scope, e.kind)) {
                let key = lower(&e.name);
                if let Some(v) = names.get_mut(&key) {
                    v.retain(|(f, _)| *f != id);
                    if v.is_empty() {
                        names.remove(&key);
                    }
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
                    count_down(self.index.produced.get_mut(&scope), &o.name);
                }
            }
        }
        for r in &slot.model.refs {
            count_down(self.index.referenced.get_mut(&(scope, r.target)), &r.name);
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
            .get(&(scope, kind))
            .and_then(|names| names.get(name_lc))
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
