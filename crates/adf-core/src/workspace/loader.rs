//! A workspace built from many files as they are read.

use super::Workspace;
use crate::check::CheckOptions;
use crate::model::{build, FileModel};
use crate::stored_text::StoredText;

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

    /// Declares the profiles the configurations select (see [`Workspace::set_profiles`]).
    pub fn with_profiles(mut self, profiles: crate::config::Profiles) -> Self {
        self.ws.profiles = profiles;
        self
    }

    /// Adds a file.
    pub fn add(&mut self, path: String, text: String) {
        let (class, step) = build::model_early(&path, &text, &self.ws.options_for(&path));
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
                    let prepared = build::prepare(&path, &text, &ws.options_for(&path));
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
