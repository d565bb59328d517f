//! Per-file state: a file's text and model, its scope and product, and what its cross-file
//! check found and read.

use super::{dir_of, Fact, FileId, ScopeId, Workspace};
use crate::classify::FileKind;
use crate::diagnostic::Diagnostic;
use crate::layout::{Flavor, Layout};
use crate::model::FileModel;
use crate::stored_text::StoredText;

/// One file of the workspace (its path lives in the model).
pub(super) struct Slot {
    pub(super) text: Option<StoredText>,
    pub(super) model: FileModel,
    pub(super) scope: ScopeId,
    pub(super) flavor: Flavor,
    /// Findings of the cross-file rules (the single-file ones are in the model).
    pub(super) cross: Vec<Diagnostic>,
    /// What those rules read, with each value's hash when read.
    pub(super) facts: Vec<(Fact, u64)>,
}

impl Workspace {
    /// The id of a scope key, given on first use.
    pub(super) fn scope_id(&mut self, key: String) -> ScopeId {
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
    pub(super) fn scope_key(layout: &Layout, path: &str, kind: FileKind) -> String {
        let root = layout.factory_root(path).unwrap_or_else(|| dir_of(path));
        match kind {
            FileKind::ArmTemplate => match layout.factory_root(path) {
                Some(r) => format!("{r}#arm"),
                None => "#arm".to_string(),
            },
            _ => root.to_string(),
        }
    }

    /// The state of a file in use.
    pub(super) fn slot(&self, id: FileId) -> Option<&Slot> {
        self.slots.get(id as usize).and_then(Option::as_ref)
    }

    /// Puts a file in its slot (a new id for a new path) and indexes it.
    pub(super) fn insert(
        &mut self,
        path: String,
        text: Option<StoredText>,
        model: FileModel,
    ) -> FileId {
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
}
