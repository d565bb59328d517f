//! The whole-factory analysis: every file's model, an index of names and references per scope,
//! the cross-file rules, and incremental re-checking driven by recorded facts.
//!
//! Push-only: adapters call [`Workspace::set_file`] and [`Workspace::remove_file`] (or add
//! prebuilt models in a batch); nothing here reads a disk. While the cross-file rules check a
//! file they record every fact of other entities they read ([`Fact`]); when a file changes, the
//! facts it can affect are recomputed and exactly the files that read a changed fact are checked
//! again.

use crate::check::CheckOptions;
use crate::classify::{Classification, FileKind};
use crate::diagnostic::Diagnostic;
use crate::layout::{Flavor, Layout};
use crate::model::build;
use crate::model::{Entity, FileModel, Summary};
use crate::rules;
use crate::stored_text::StoredText;
use adf_catalog::EntityKind;
use std::collections::hash_map::DefaultHasher;
use std::collections::{BTreeMap, HashMap, HashSet};
use std::hash::{Hash, Hasher};

/// Stable id of a file in a workspace.
pub type FileId = u32;
/// Id of a scope: a factory root (or, for ARM templates, the templates of one root).
pub type ScopeId = u32;

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

struct Slot {
    text: Option<StoredText>,
    model: FileModel,
    scope: ScopeId,
    flavor: Flavor,
    cross: Vec<Diagnostic>,
    facts: Vec<(Fact, u64)>,
}

/// Where an entity lives: file and index in the file's entity list.
type EntityAt = (FileId, u32);

#[derive(Default)]
struct Index {
    entities: HashMap<(ScopeId, EntityKind, String), Vec<EntityAt>>,
    by_kind: HashMap<(ScopeId, EntityKind), BTreeMap<String, usize>>,
    referenced: HashMap<(ScopeId, EntityKind, String), usize>,
    produced: HashMap<(ScopeId, String), usize>,
}

/// The analysis of a set of files.
#[derive(Default)]
pub struct Workspace {
    options: CheckOptions,
    /// Batch runs (the CLI) never edit files afterwards, so they skip recording facts.
    batch: bool,
    ids: HashMap<String, FileId>,
    slots: Vec<Option<Slot>>,
    scopes: Vec<String>,
    scope_ids: HashMap<String, ScopeId>,
    classes: BTreeMap<String, Classification>,
    /// Folder groups that form one factory each (from the adapters' configuration).
    joins: Vec<Vec<String>>,
    layout: Layout,
    index: Index,
    /// The files that read each fact (a short sorted list: most facts have one or two readers).
    dependents: HashMap<Fact, Vec<FileId>>,
}

/// The findings of one file and what it was found to be.
#[derive(Debug, Clone)]
pub struct FileReport {
    /// The file's path as given.
    pub path: String,
    /// What the file holds.
    pub kind: FileKind,
    /// The dialect its entities were checked in.
    pub dialect: Option<adf_catalog::Dialect>,
    /// Number of entities the file defines.
    pub entities: usize,
    /// References whose target is computed and so not checked.
    pub dynamic_refs: usize,
    /// Findings, in text order.
    pub diagnostics: Vec<Diagnostic>,
    /// Spans of real-looking secrets that outputs must mask.
    pub secrets: Vec<crate::TextRange>,
}

fn lower(s: &str) -> String {
    s.to_lowercase()
}

fn dir_of(path: &str) -> &str {
    path.rfind(['/', '\\']).map_or("", |i| &path[..i])
}

/// `other` relative to the deepest folder it shares with the folder `base` (whole folder names,
/// `/` or `\\` separators); unchanged when they share none.
fn shown_from(base: &str, other: &str) -> String {
    let is_sep = |c: char| c == '/' || c == '\\';
    let mut shared = 0;
    let mut b = base.char_indices().peekable();
    for (i, c) in other.char_indices() {
        match b.next() {
            Some((_, d)) if d == c => {
                if is_sep(c) {
                    shared = i + 1;
                }
            }
            Some(_) => break,
            None => {
                // `base` is a whole folder of `other`.
                if is_sep(c) {
                    shared = i + 1;
                }
                break;
            }
        }
    }
    other[shared..].to_string()
}

/// What rules read of an entity ([`Summary`]: everything but positions, which move with every
/// edit), hashed with the entity's file.
fn summary_hash(path: &str, e: &Entity, h: &mut DefaultHasher) {
    path.hash(h);
    Summary::of(e).hash(h);
}

impl Workspace {
    /// An empty workspace.
    pub fn new(options: CheckOptions) -> Self {
        Self {
            options,
            ..Self::default()
        }
    }

    /// An empty workspace for a one-shot run: no facts are recorded (they only serve later
    /// edits), which saves their memory and the hashing of every value read.
    pub fn batch(options: CheckOptions) -> Self {
        Self {
            options,
            batch: true,
            ..Self::default()
        }
    }

    fn scope_id(&mut self, key: String) -> ScopeId {
        if let Some(id) = self.scope_ids.get(&key) {
            return *id;
        }
        let id = self.scopes.len() as ScopeId;
        self.scopes.push(key.clone());
        self.scope_ids.insert(key, id);
        id
    }

    /// The scope key of a file: its factory root; ARM templates share a scope of their own per
    /// root, since an exported template repeats the entities of the git files beside it.
    fn scope_key(layout: &Layout, path: &str, kind: FileKind) -> String {
        let root = layout.factory_root(path).unwrap_or_else(|| dir_of(path));
        match kind {
            FileKind::ArmTemplate => match layout.factory_root(path) {
                Some(r) => format!("{r}#arm"),
                None => "#arm".to_string(),
            },
            _ => root.to_string(),
        }
    }

    fn slot(&self, id: FileId) -> Option<&Slot> {
        self.slots.get(id as usize).and_then(Option::as_ref)
    }

    /// Sets a file's text (adds it or replaces it) and returns the paths whose findings were
    /// computed again, the file itself included.
    pub fn set_file(&mut self, path: &str, text: &str) -> Vec<String> {
        let prepared = build::prepare(path, text, &self.options);
        let class = prepared.class;
        let old_class = self.classes.insert(path.to_string(), class);
        if old_class != Some(class) {
            let layout = self.compute_layout();
            if layout != self.layout {
                drop(prepared);
                self.layout = layout;
                return self.rebuild_with(Some((path, text)));
            }
        }
        let model = build::build_model(&prepared, &self.layout);
        drop(prepared);
        self.replace(path, Some(StoredText::Plain(text.to_string())), Some(model))
    }

    /// Removes a file and returns the paths whose findings were computed again.
    pub fn remove_file(&mut self, path: &str) -> Vec<String> {
        if self.classes.remove(path).is_none() {
            return Vec::new();
        }
        let layout = self.compute_layout();
        if layout != self.layout {
            if let Some(id) = self.ids.remove(path) {
                self.unindex(id);
                if let Some(s) = self.slots.get_mut(id as usize) {
                    *s = None;
                }
            }
            self.layout = layout;
            return self.rebuild_with(None);
        }
        self.replace(path, None, None)
    }

    fn compute_layout(&self) -> Layout {
        Layout::with_joins(
            self.classes.iter().map(|(p, c)| (p.as_str(), *c)),
            &self.joins,
        )
    }

    /// Declares groups of folders (in the form of the paths given) that form one factory each,
    /// as `adf.toml`'s `[[factory]]` does, and returns the paths whose findings were computed
    /// again.
    pub fn set_factory_joins(&mut self, joins: Vec<Vec<String>>) -> Vec<String> {
        if joins == self.joins {
            return Vec::new();
        }
        self.joins = joins;
        let layout = self.compute_layout();
        if layout == self.layout {
            return Vec::new();
        }
        self.layout = layout;
        self.rebuild_with(None)
    }

    /// Re-models the files whose model depends on the layout and re-checks everything (the
    /// layout changed: a new factory root, or a folder's majority dialect).
    fn rebuild_with(&mut self, new: Option<(&str, &str)>) -> Vec<String> {
        let mut texts: Vec<(String, Option<StoredText>, FileModel)> = Vec::new();
        for slot in self.slots.iter_mut().filter_map(Option::take) {
            if new.is_some_and(|(p, _)| p == slot.model.path) {
                continue;
            }
            texts.push((slot.model.path.clone(), slot.text, slot.model));
        }
        if let Some((p, t)) = new {
            let model = FileModel {
                path: p.to_string(),
                ..FileModel::default()
            };
            texts.push((p.to_string(), Some(StoredText::Plain(t.to_string())), model));
        }
        // Models added without text (batch use) cannot be re-read; they are kept as they are.
        let models: Vec<(String, Option<StoredText>, FileModel)> = texts
            .into_iter()
            .map(|(p, stored, old)| {
                let Some(text) = stored.as_ref().and_then(StoredText::get) else {
                    return (p, stored, old);
                };
                let prepared = build::prepare(&p, text, &self.options);
                let model = build::build_model(&prepared, &self.layout);
                drop(prepared);
                (p, stored, model)
            })
            .collect();
        self.ids.clear();
        self.slots.clear();
        self.index = Index::default();
        self.dependents.clear();
        for (p, t, m) in models {
            self.insert(p, t, m);
        }
        self.check_all();
        self.slots
            .iter()
            .flatten()
            .map(|s| s.model.path.clone())
            .collect()
    }

    /// A workspace holding these files (texts kept, so later edits can re-read them), checked.
    pub fn with_files(options: CheckOptions, files: &[crate::SourceFile<'_>]) -> Self {
        Self::from_texts(
            options,
            files
                .iter()
                .map(|f| (f.path.to_string(), f.text.to_string()))
                .collect(),
        )
    }

    /// A workspace that takes these (path, text) pairs over, checked (see [`Loader`]).
    pub fn from_texts(options: CheckOptions, files: Vec<(String, String)>) -> Self {
        let mut loader = Loader::new(options);
        for (path, text) in files {
            loader.add(path, text);
        }
        loader.finish()
    }

    /// Adds a model built elsewhere (a batch run that drops texts early). Call
    /// [`Workspace::check_all`] once every model is in.
    pub fn add_model(&mut self, model: FileModel) {
        // Only later edits recompute the layout from every classification.
        if let Some(class) = model.class.filter(|_| !self.batch) {
            self.classes.insert(model.path.clone(), class);
        }
        let path = model.path.clone();
        self.insert(path, None, model);
    }

    /// Sets the layout used for scopes (batch runs compute it once from every classification).
    pub fn set_layout(&mut self, layout: Layout) {
        self.layout = layout;
    }

    fn insert(&mut self, path: String, text: Option<StoredText>, model: FileModel) -> FileId {
        let kind = model.class.map_or(FileKind::Unknown, |c| c.kind);
        let evidence = model
            .class
            .map_or(crate::DialectEvidence::Unknown, |c| c.dialect);
        let scope = self.scope_id(Self::scope_key(&self.layout, &path, kind));
        let flavor = self.layout.flavor(&path, evidence);
        let id = match self.ids.get(&path) {
            Some(id) => *id,
            None => {
                let id = self.slots.len() as FileId;
                self.slots.push(None);
                self.ids.insert(path, id);
                id
            }
        };
        if let Some(slot) = self.slots.get_mut(id as usize) {
            // The path lives in the model (and as the key of `ids`), not a third time here.
            *slot = Some(Slot {
                text,
                model,
                scope,
                flavor,
                cross: Vec::new(),
                facts: Vec::new(),
            });
        }
        self.index_file(id);
        id
    }

    fn index_file(&mut self, id: FileId) {
        let Some(slot) = self.slots.get(id as usize).and_then(Option::as_ref) else {
            return;
        };
        let scope = slot.scope;
        for (i, e) in slot.model.entities.iter().enumerate() {
            // A name computed at deployment (ARM) cannot be looked up.
            if e.name.is_empty() {
                continue;
            }
            let name = lower(&e.name);
            self.index
                .entities
                .entry((scope, e.kind, name.clone()))
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

    fn unindex(&mut self, id: FileId) {
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

    fn forget_reader(&mut self, fact: &Fact, id: FileId) {
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

    fn replace(
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
    fn fact_value(&self, fact: &Fact) -> u64 {
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
                (self
                    .index
                    .referenced
                    .get(&(*scope, *kind, name.clone()))
                    .copied()
                    .unwrap_or(0)
                    > 0)
                .hash(&mut h);
            }
            Fact::Anywhere(kind, name) => {
                for path in self.paths_anywhere(*kind, name) {
                    path.hash(&mut h);
                }
            }
            Fact::Produced(scope, name) => {
                (self
                    .index
                    .produced
                    .get(&(*scope, name.clone()))
                    .copied()
                    .unwrap_or(0)
                    > 0)
                .hash(&mut h);
            }
        }
        h.finish()
    }

    fn entities_at(
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
    fn paths_anywhere(&self, kind: EntityKind, name_lc: &str) -> Vec<&str> {
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

    fn recheck(&mut self, id: FileId) {
        let (d, f) = self.cross_check(id);
        self.store(id, d, f);
    }

    /// Checks every file (sequentially; batch adapters may run [`Workspace::cross_check`] in
    /// parallel over [`Workspace::file_ids`] and [`Workspace::store`] the results instead).
    pub fn check_all(&mut self) {
        for id in self.file_ids() {
            self.recheck(id);
        }
    }

    /// Every file id in use.
    pub fn file_ids(&self) -> Vec<FileId> {
        (0..self.slots.len() as FileId)
            .filter(|i| self.slot(*i).is_some())
            .collect()
    }

    /// The path of a file id.
    pub fn path(&self, id: FileId) -> Option<&str> {
        self.slot(id).map(|s| s.model.path.as_str())
    }

    /// The report of one file: single-file and cross-file findings in text order.
    pub fn report(&self, path: &str) -> Option<FileReport> {
        let slot = self.slot(*self.ids.get(path)?)?;
        let m = &slot.model;
        let mut diagnostics: Vec<Diagnostic> =
            m.diagnostics.iter().chain(&slot.cross).cloned().collect();
        diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
        Some(FileReport {
            path: slot.model.path.clone(),
            kind: m.class.map_or(FileKind::Unknown, |c| c.kind),
            dialect: m.dialect,
            entities: m.entities.len(),
            dynamic_refs: m.dynamic_refs,
            diagnostics,
            secrets: m.secrets.clone(),
        })
    }

    /// Reports of every file, by path.
    pub fn reports(&self) -> Vec<FileReport> {
        let mut paths: Vec<&String> = self.ids.keys().collect();
        paths.sort();
        paths.into_iter().filter_map(|p| self.report(p)).collect()
    }

    /// The options every file is checked with.
    pub fn options(&self) -> &CheckOptions {
        &self.options
    }

    /// The layout in use.
    pub fn layout(&self) -> &Layout {
        &self.layout
    }

    /// The model of a file (read-only, for queries such as the IDE features).
    pub fn model(&self, path: &str) -> Option<&FileModel> {
        Some(&self.slot(*self.ids.get(path)?)?.model)
    }

    /// The text of a file, when the workspace keeps it (files added by `set_file` do).
    pub fn text(&self, path: &str) -> Option<&str> {
        self.slot(*self.ids.get(path)?)?.text.as_ref()?.get()
    }

    /// The scope of a file.
    fn scope_of(&self, path: &str) -> Option<ScopeId> {
        self.ids
            .get(path)
            .and_then(|id| self.slot(*id))
            .map(|s| s.scope)
    }

    /// The models of every file in the same scope (factory) as `path`, itself included.
    pub fn scope_models(&self, path: &str) -> Vec<&FileModel> {
        let Some(scope) = self.scope_of(path) else {
            return Vec::new();
        };
        let mut out: Vec<&FileModel> = self
            .slots
            .iter()
            .flatten()
            .filter(|s| s.scope == scope)
            .map(|s| &s.model)
            .collect();
        out.sort_by(|a, b| a.path.cmp(&b.path));
        out
    }

    /// Entities of a kind and name (case-insensitive) in the scope of `path`, with their files.
    pub fn lookup_from(&self, path: &str, kind: EntityKind, name: &str) -> Vec<(&str, &Entity)> {
        let Some(scope) = self.scope_of(path) else {
            return Vec::new();
        };
        let mut out: Vec<(&str, &Entity)> = self.entities_at(scope, kind, &lower(name)).collect();
        out.sort_by(|a, b| a.0.cmp(b.0));
        out
    }

    /// Every name of a kind in the scope of `path`, sorted.
    pub fn names_from(&self, path: &str, kind: EntityKind) -> Vec<&str> {
        let Some(scope) = self.scope_of(path) else {
            return Vec::new();
        };
        self.index
            .by_kind
            .get(&(scope, kind))
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }
}

/// Builds a workspace from many files as they are read, keeping memory near the models: each
/// file is modelled (its tree dropped) and its text compressed as soon as it is added, so no
/// second copy of the factory's texts is ever held; the few files whose model needs the layout
/// keep their plain text until [`Loader::finish`] knows it.
pub struct Loader {
    ws: Workspace,
    pending: Vec<(String, Loaded)>,
}

/// A file added to a [`Loader`]: modelled, with its packed text, or waiting for the layout with
/// its plain text.
type Loaded = Result<(StoredText, FileModel), String>;

impl Loader {
    /// An empty loader.
    pub fn new(options: CheckOptions) -> Self {
        Self {
            ws: Workspace::new(options),
            pending: Vec::new(),
        }
    }

    /// Declares groups of folders that form one factory each (see
    /// [`Workspace::set_factory_joins`]).
    pub fn with_joins(mut self, joins: Vec<Vec<String>>) -> Self {
        self.ws.joins = joins;
        self
    }

    /// Adds a file.
    pub fn add(&mut self, path: String, text: String) {
        let (class, step) = build::model_early(&path, &text, &self.ws.options);
        let entry = match step {
            build::Step::Done(m) => Ok((StoredText::packed(&text), m)),
            build::Step::Deferred(_) => Err(text),
        };
        self.ws.classes.insert(path.clone(), class);
        self.pending.push((path, entry));
    }

    /// The workspace of every file added, checked.
    pub fn finish(self) -> Workspace {
        let Self { mut ws, pending } = self;
        ws.layout = ws.compute_layout();
        ws.slots.reserve_exact(pending.len());
        for (path, entry) in pending {
            let (stored, model) = match entry {
                Ok(done) => done,
                Err(text) => {
                    let prepared = build::prepare(&path, &text, &ws.options);
                    let m = build::build_model(&prepared, &ws.layout);
                    drop(prepared);
                    // A copy made after the tree is freed leaves no holes pinned (see
                    // model_early).
                    (StoredText::packed(&text), m.clone())
                }
            };
            ws.insert(path, Some(stored), model);
        }
        ws.check_all();
        ws
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

/// What the cross-file rules of one file may read; every read is recorded as a [`Fact`].
pub(crate) struct Ctx<'w> {
    ws: &'w Workspace,
    /// The path of the file being checked.
    path: &'w str,
    scope: ScopeId,
    flavor: Flavor,
    /// The facts read so far; `None` in batch runs, which record none.
    read: Option<HashSet<Fact>>,
}

/// An entity found by a lookup, with the file it is in.
pub(crate) struct Found<'w> {
    pub path: &'w str,
    /// What a rule may read of it (exactly what the recorded fact hashes).
    pub entity: Summary<'w>,
}

impl Found<'_> {
    /// The entity's `type` when its file was read completely and the catalog knows the type;
    /// rules that judge a target by its type or properties skip it otherwise.
    pub fn known_type(&self) -> Option<&str> {
        let t = self.entity.type_name?;
        let known = crate::classify::kinds_of_type(t)
            .iter()
            .any(|(_, k)| *k == self.entity.kind);
        (self.entity.complete && known).then_some(t)
    }
}

impl<'w> Ctx<'w> {
    fn record(&mut self, fact: Fact) {
        if let Some(read) = &mut self.read {
            read.insert(fact);
        }
    }

    /// Entities of a kind and name (case-insensitive) in the file's scope.
    pub fn lookup(&mut self, kind: EntityKind, name: &str) -> Vec<Found<'w>> {
        let name = lower(name);
        let ws = self.ws;
        let found = ws
            .entities_at(self.scope, kind, &name)
            .map(|(path, entity)| Found {
                path,
                entity: Summary::of(entity),
            })
            .collect();
        self.record(Fact::Entity(self.scope, kind, name));
        found
    }

    /// Every name of a kind in the scope.
    pub fn names(&mut self, kind: EntityKind) -> Vec<&'w str> {
        self.record(Fact::Names(self.scope, kind));
        let ws = self.ws;
        ws.index
            .by_kind
            .get(&(self.scope, kind))
            .map(|m| m.keys().map(String::as_str).collect())
            .unwrap_or_default()
    }

    /// Whether anything in the scope references this entity.
    pub fn is_referenced(&mut self, kind: EntityKind, name: &str) -> bool {
        let key = (self.scope, kind, lower(name));
        let n = self.ws.index.referenced.get(&key).copied().unwrap_or(0);
        self.record(Fact::Referenced(key.0, key.1, key.2));
        n > 0
    }

    /// The files, in any factory of the workspace (this one included, ARM templates not), that
    /// define an entity of this kind and name.
    pub fn anywhere(&mut self, kind: EntityKind, name: &str) -> Vec<&'w str> {
        let name = lower(name);
        let ws = self.ws;
        let found = ws.paths_anywhere(kind, &name);
        self.record(Fact::Anywhere(kind, name));
        found
    }

    /// Another file's path as messages name it: relative to the folder this file's factory
    /// and that file share (its factory root, for a file of the same factory), so that every
    /// host, whatever paths it was given, says the same.
    pub fn shown(&self, other: &str) -> String {
        let base = self
            .ws
            .layout
            .factory_root(self.path)
            .unwrap_or_else(|| dir_of(self.path));
        shown_from(base, other)
    }

    /// Whether a v1 activity in the scope produces this dataset.
    pub fn is_produced(&mut self, name: &str) -> bool {
        let key = (self.scope, lower(name));
        let n = self.ws.index.produced.get(&key).copied().unwrap_or(0);
        self.record(Fact::Produced(key.0, key.1));
        n > 0
    }

    /// The product the file is written for.
    pub fn flavor(&self) -> Flavor {
        self.flavor
    }

    /// Whether the file is an ARM template (its scope is the templates of its root).
    pub fn in_arm_scope(&self) -> bool {
        self.ws
            .scopes
            .get(self.scope as usize)
            .is_some_and(|s| s.ends_with("#arm"))
    }
}

#[cfg(test)]
mod tests {
    use super::shown_from;

    #[test]
    fn other_files_are_named_from_the_folder_both_share() {
        assert_eq!(shown_from("/w/f", "/w/f/dataset/A.json"), "dataset/A.json");
        assert_eq!(shown_from("f", "f/dataset/A.json"), "dataset/A.json");
        assert_eq!(
            shown_from("/w/workspace", "/w/templates/dataset/A.json"),
            "templates/dataset/A.json"
        );
        // Whole folder names only: `/w/fa` does not contain `/w/f`.
        assert_eq!(shown_from("/w/f", "/w/fa/A.json"), "fa/A.json");
        assert_eq!(shown_from("", "dataset/A.json"), "dataset/A.json");
        assert_eq!(shown_from("C:\\w\\f", "C:\\w\\f\\A.json"), "A.json");
    }
}
