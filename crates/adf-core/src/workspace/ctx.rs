//! What the cross-file rules of a file may read of the others: every read goes through [`Ctx`]
//! and is recorded as a [`Fact`], and another entity is seen only as its position-free
//! [`Summary`], whose hash is the fact's value.

use super::index::lower;
use super::{dir_of, Fact, ScopeId, Workspace};
use crate::layout::Flavor;
use crate::model::Summary;
use adf_catalog::EntityKind;
use foldhash::HashSet;

/// What the cross-file rules of one file may read; every read is recorded as a [`Fact`].
pub(crate) struct Ctx<'w> {
    pub(super) ws: &'w Workspace,
    /// The path of the file being checked.
    pub(super) path: &'w str,
    pub(super) scope: ScopeId,
    pub(super) flavor: Flavor,
    /// The facts read so far; `None` in batch runs, which record none.
    pub(super) read: Option<HashSet<Fact>>,
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
        let name = lower(name);
        let n = self.ws.index.referenced(self.scope, kind, &name);
        self.record(Fact::Referenced(self.scope, kind, name));
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
        let name = lower(name);
        let n = self.ws.index.produced(self.scope, &name);
        self.record(Fact::Produced(self.scope, name));
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
