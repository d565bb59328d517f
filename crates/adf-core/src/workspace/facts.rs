//! The facts a file's cross-file check read of other files, with the hash of each value, and
//! the incremental step built on them: after a change, exactly the files that read a fact whose
//! value changed are checked again.

use super::ctx::Ctx;
use super::index::lower;
use super::{FileId, ScopeId, Workspace};
use crate::diagnostic::Diagnostic;
use crate::model::{Entity, FileModel, Summary};
use crate::rules;
use crate::stored_text::StoredText;
use adf_catalog::EntityKind;
use foldhash::{HashSet, HashSetExt};
use std::collections::hash_map::DefaultHasher;
use std::hash::{Hash, Hasher};

/// A fact about other entities that a file's check read.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub enum Fact {
    /// Every entity of a kind and (lower-case) name in a scope, with what rules read of them.
    Entity(ScopeId, EntityKind, String),
    /// The names of every entity of a kind in a scope (for "did you mean").
    Names(ScopeId, EntityKind),
    /// Whether anything references the entity of this kind and name.
    Referenced(ScopeId, EntityKind, String),
    /// Whether a v1 activity produces the dataset of this name.
    Produced(ScopeId, String),
    /// Where entities of a kind and (lower-case) name are, in every scope (to say where a
    /// name that does not resolve lives instead).
    Anywhere(EntityKind, String),
}

/// What rules read of an entity ([`Summary`]: everything but positions, which move with every
/// edit), hashed with the entity's file.
fn summary_hash(path: &str, e: &Entity, h: &mut DefaultHasher) {
    path.hash(h);
    Summary::of(e).hash(h);
}

impl Workspace {
    /// Drops `id` from the readers of a fact (its check no longer reads it).
    pub(super) fn forget_reader(&mut self, fact: &Fact, id: FileId) {
        if let Some(d) = self.dependents.get_mut(fact) {
            if let Ok(i) = d.binary_search(&id) {
                d.remove(i);
            }
            if d.is_empty() {
                self.dependents.remove(fact);
            }
        }
    }

    /// The facts a change of this file's model can alter.
    fn touched_facts(&self, id: FileId) -> Vec<Fact> {
        let Some(slot) = self.slot(id) else {
            return Vec::new();
        };
        let scope = slot.scope;
        let mut out = Vec::new();
        for e in &slot.model.entities {
            out.push(Fact::Entity(scope, e.kind, lower(&e.name)));
            out.push(Fact::Anywhere(e.kind, lower(&e.name)));
            out.push(Fact::Names(scope, e.kind));
            for a in &e.activities {
                for o in &a.outputs {
                    out.push(Fact::Produced(scope, lower(&o.name)));
                }
            }
        }
        for r in &slot.model.refs {
            out.push(Fact::Referenced(scope, r.target, lower(&r.name)));
        }
        out
    }

    /// Puts a file's new model in (or takes it out when `model` is `None`), checks it, and
    /// checks again the files that read a fact whose value the change altered; returns the
    /// paths checked.
    pub(super) fn replace(
        &mut self,
        path: &str,
        text: Option<StoredText>,
        model: Option<FileModel>,
    ) -> Vec<String> {
        let mut touched = Vec::new();
        if let Some(id) = self.ids.get(path).copied() {
            touched.extend(self.touched_facts(id));
            self.unindex(id);
            if let Some(s) = self.slots.get_mut(id as usize) {
                *s = None;
            }
            if model.is_none() {
                self.ids.remove(path);
            }
        }
        let mut rechecked = Vec::new();
        if let Some(model) = model {
            let id = self.insert(path.to_string(), text, model);
            touched.extend(self.touched_facts(id));
            self.recheck(id);
            rechecked.push(path.to_string());
        }
        let touched: HashSet<Fact> = touched.into_iter().collect();
        let mut stale: Vec<FileId> = Vec::new();
        for fact in &touched {
            let Some(files) = self.dependents.get(fact) else {
                continue;
            };
            let now = self.fact_value(fact);
            for f in files {
                let changed = self
                    .slot(*f)
                    .is_some_and(|s| s.facts.iter().any(|(k, v)| k == fact && *v != now));
                if changed && !stale.contains(f) {
                    stale.push(*f);
                }
            }
        }
        stale.sort_unstable();
        for f in stale {
            if let Some(p) = self.slot(f).map(|s| s.model.path.clone()) {
                if !rechecked.contains(&p) {
                    self.recheck(f);
                    rechecked.push(p);
                }
            }
        }
        rechecked
    }

    /// The current value of a fact.
    pub(super) fn fact_value(&self, fact: &Fact) -> u64 {
        let mut h = DefaultHasher::new();
        match fact {
            Fact::Entity(scope, kind, name) => {
                let mut found: Vec<(&str, &Entity)> =
                    self.entities_at(*scope, *kind, name).collect();
                found.sort_by(|a, b| a.0.cmp(b.0));
                for (path, e) in found {
                    summary_hash(path, e, &mut h);
                }
            }
            Fact::Names(scope, kind) => {
                if let Some(names) = self.index.by_kind.get(&(*scope, *kind)) {
                    for n in names.keys() {
                        n.hash(&mut h);
                    }
                }
            }
            Fact::Referenced(scope, kind, name) => {
                (self.index.referenced(*scope, *kind, name) > 0).hash(&mut h);
            }
            Fact::Anywhere(kind, name) => {
                for path in self.paths_anywhere(*kind, name) {
                    path.hash(&mut h);
                }
            }
            Fact::Produced(scope, name) => {
                (self.index.produced(*scope, name) > 0).hash(&mut h);
            }
        }
        h.finish()
    }

    /// Runs the cross-file rules of one file against the current index: its findings and the
    /// facts it read. Pure, so a batch adapter may run it for many files in parallel.
    pub fn cross_check(&self, id: FileId) -> (Vec<Diagnostic>, Vec<(Fact, u64)>) {
        let Some(slot) = self.slot(id) else {
            return (Vec::new(), Vec::new());
        };
        let mut ctx = Ctx {
            ws: self,
            path: &slot.model.path,
            scope: slot.scope,
            flavor: slot.flavor,
            read: (!self.batch).then(HashSet::new),
        };
        let mut out = Vec::new();
        rules::check_cross_file(&slot.model, &mut ctx, &mut out);
        let facts = ctx.read.into_iter().flatten().map(|f| {
            let v = self.fact_value(&f);
            (f, v)
        });
        (out, facts.collect())
    }

    /// Stores the result of [`Workspace::cross_check`] for a file.
    pub fn store(&mut self, id: FileId, diagnostics: Vec<Diagnostic>, facts: Vec<(Fact, u64)>) {
        let Some(slot) = self.slots.get_mut(id as usize).and_then(Option::as_mut) else {
            return;
        };
        let old = std::mem::take(&mut slot.facts);
        for (f, _) in &old {
            self.forget_reader(f, id);
        }
        for (f, _) in &facts {
            let readers = self.dependents.entry(f.clone()).or_default();
            if let Err(i) = readers.binary_search(&id) {
                readers.insert(i, id);
            }
        }
        if let Some(slot) = self.slots.get_mut(id as usize).and_then(Option::as_mut) {
            slot.cross = diagnostics;
            slot.facts = facts;
        }
    }

    pub(super) fn recheck(&mut self, id: FileId) {
        let (d, f) = self.cross_check(id);
        self.store(id, d, f);
    }
}
