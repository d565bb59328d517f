//! The whole-factory analysis: every file's model, an index of names and references per scope,
//! the cross-file rules, and incremental re-checking driven by recorded facts.
//!
//! Push-only: adapters call [`Workspace::set_file`] and [`Workspace::remove_file`] (or add
//! prebuilt models in a batch); nothing here reads a disk. While the cross-file rules check a
//! file they record every fact of other entities they read ([`Fact`]); when a file changes, the
//! facts it can affect are recomputed and exactly the files that read a changed fact are checked
//! again. In parts: `slots` (per-file state), `index` (names, references and producers per
//! scope), `facts` (what a check read, with hashes, and which files to check again), `ctx` (what
//! a cross-file rule may read), `edit` (an edit built away from the workspace, then committed),
//! `loader` (a workspace built from many files as they are read).

mod ctx;
mod edit;
mod facts;
mod index;
mod loader;
mod slots;

pub(crate) use ctx::Ctx;
pub use edit::{BuiltFile, EditBasis};
pub use facts::Fact;
pub use loader::Loader;

use crate::check::CheckOptions;
use crate::classify::{Classification, FileKind};
use crate::config::Profiles;
use crate::diagnostic::Diagnostic;
use crate::layout::Layout;
use crate::model::build;
use crate::model::{Entity, FileModel};
use crate::stored_text::StoredText;
use adf_catalog::EntityKind;
use foldhash::HashMap;
use index::{lower, Index};
use slots::Slot;
use std::collections::BTreeMap;

/// Stable id of a file in a workspace.
pub type FileId = u32;
/// Id of a scope: a factory root (or, for ARM templates, the templates of one root).
pub type ScopeId = u32;

/// The analysis of a set of files.
#[derive(Default)]
pub struct Workspace {
    options: CheckOptions,
    /// The profile each configuration selects for the files below it, on top of `options`.
    profiles: Profiles,
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

/// A file's report: its findings (single-file and cross-file) in text order.
fn file_report(
    model: &FileModel,
    path: String,
    mut diagnostics: Vec<Diagnostic>,
    secrets: Vec<crate::TextRange>,
) -> FileReport {
    diagnostics.sort_by_key(|d| (d.range.start, d.range.end));
    FileReport {
        path,
        kind: model.class.map_or(FileKind::Unknown, |c| c.kind),
        dialect: model.dialect,
        entities: model.entities.len(),
        dynamic_refs: model.dynamic_refs,
        diagnostics,
        secrets,
    }
}

/// A file taken out of a batch's workspace as its report: the findings are moved, not copied
/// (all reports and all models at once was a batch's peak of memory), and the rest of the model
/// is freed wherever this runs (on the pool: on one thread, freeing every model was a tenth of
/// a batch's serial work).
fn into_report(slot: Slot) -> FileReport {
    let Slot {
        mut model, cross, ..
    } = slot;
    let mut diagnostics = std::mem::take(&mut model.diagnostics);
    diagnostics.extend(cross);
    let path = std::mem::take(&mut model.path);
    let secrets = std::mem::take(&mut model.secrets);
    file_report(&model, path, diagnostics, secrets)
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

fn dir_of(path: &str) -> &str {
    path.rfind(['/', '\\']).map_or("", |i| &path[..i])
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

    /// Makes room for a batch's files before they are added: tables grown by doubling hold the
    /// old and the new table at once, the peak of memory of a large run.
    pub(crate) fn reserve<'m>(&mut self, models: impl Iterator<Item = &'m FileModel>) {
        let mut files = 0;
        for m in models {
            files += 1;
            for e in &m.entities {
                *self.index.expect_entities.entry(e.kind).or_default() += 1;
            }
            for r in &m.refs {
                *self.index.expect_referenced.entry(r.target).or_default() += 1;
            }
        }
        // Most references name an entity that others name too: the distinct names are fewer.
        for n in self.index.expect_referenced.values_mut() {
            *n /= 2;
        }
        self.ids.reserve(files);
        self.slots.reserve(files);
    }

    /// The id of a file, if the workspace holds it.
    pub(crate) fn id_of(&self, path: &str) -> Option<FileId> {
        self.ids.get(path).copied()
    }

    /// Ends a batch: every file's report by id (see [`into_report`]), made on the pool once the
    /// index is freed.
    pub(crate) fn into_reports(
        mut self,
        par: &impl crate::batch::MapItems,
    ) -> Vec<Option<FileReport>> {
        let slots = std::mem::take(&mut self.slots);
        drop(self);
        par.map(slots, |slot| slot.map(into_report))
    }

    /// Sets a file's text (adds it or replaces it) and returns the paths whose findings were
    /// computed again, the file itself included.
    pub fn set_file(&mut self, path: &str, text: &str) -> Vec<String> {
        let prepared = build::prepare(path, text, &self.options_for(path));
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

    /// Sets the profiles the configurations select (see [`crate::config::ConfigSet::profiles`]);
    /// returns the paths whose findings were computed again (every file, when they changed).
    pub fn set_profiles(&mut self, profiles: Profiles) -> Vec<String> {
        if profiles == self.profiles {
            return Vec::new();
        }
        self.profiles = profiles;
        self.rebuild_with(None)
    }

    /// The options `path` is checked with: the workspace's, with the profile its
    /// configuration selects.
    pub(crate) fn options_for(&self, path: &str) -> CheckOptions {
        options_under(&self.options, &self.profiles, path)
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
                let prepared = build::prepare(&p, text, &self.options_for(&p));
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
        let diagnostics = m.diagnostics.iter().chain(&slot.cross).cloned().collect();
        Some(file_report(
            m,
            m.path.clone(),
            diagnostics,
            m.secrets.clone(),
        ))
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

/// `options` with the profile the configuration that governs `path` selects, if any (a run's
/// own profile stays when it selects none).
pub(crate) fn options_under(
    options: &CheckOptions,
    profiles: &Profiles,
    path: &str,
) -> CheckOptions {
    let mut o = *options;
    if let Some(p) = profiles.for_path(path) {
        o.profile = Some(p);
    }
    o
}
