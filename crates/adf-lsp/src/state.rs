//! The server's state: the core's workspace, the open documents, the configuration, and what was
//! negotiated with the client.

use crate::convert::Encoding;
use adf_core::{CheckOptions, Diagnostic, Project};
use std::collections::{HashMap, HashSet};
use std::path::PathBuf;

/// An open document. Its text is checked off the message loop (`check.rs`), so the editor's
/// latest text can be ahead of the project's until the check lands.
pub(crate) struct Doc {
    /// The highest version the client gave (a lower one arriving late never lowers it).
    pub version: i32,
    /// Which opening of the path this is: a check started before a close and a reopen must
    /// not land in the new document.
    pub opening: u64,
    /// The editor's text when the project does not hold it yet (a check is pending, or the
    /// last one failed).
    pub pending: Option<String>,
    /// Counts the changes of the editor's text.
    pub edits: u64,
    /// The value of `edits` the last check (landed or failed) was made for.
    pub checked_edits: u64,
    /// The version whose text the project holds, once checked.
    pub checked: Option<i32>,
    /// The highest version whose diagnostics were pushed: an older one is never pushed after it.
    pub published: Option<i32>,
}

impl Doc {
    /// A document just opened at `version`, its text not checked yet.
    pub fn opened(version: i32, opening: u64, text: String) -> Self {
        Self {
            version,
            opening,
            pending: Some(text),
            edits: 1,
            checked_edits: 0,
            checked: None,
            published: None,
        }
    }

    /// Whether the editor's latest text was checked (its check landed, or failed and was
    /// reported): queries on the document need not wait for it.
    pub fn is_current(&self) -> bool {
        self.checked_edits == self.edits
    }
}

/// What the client said it can do, as far as the server's answers depend on it.
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct ClientCaps {
    /// Position encoding in use.
    pub encoding: Encoding,
    /// The client pulls diagnostics (`textDocument/diagnostic`), so none are pushed; it is
    /// asked to pull again (`workspace/diagnostic/refresh`) when other files' findings change.
    /// (lsp-types does not parse the client's `refreshSupport`; one that lacks it answers
    /// the refresh with an error, which is ignored.)
    pub pull: bool,
    /// A workspace edit may rename files.
    pub file_rename: bool,
    /// The client shows `$/progress` for a token the server creates.
    pub progress: bool,
    /// The client lets the server register file watchers.
    pub watch: bool,
    /// The client expands snippets in completions (`$1`, `${1:x}`); others get plain text.
    pub snippets: bool,
    /// The most `*.json` files a workspace folder may hold (`initializationOptions.maxFiles`).
    pub max_files: Option<usize>,
    /// A profile whose extra rules run (`initializationOptions.profile`, e.g. `"fabric"`).
    pub profile: Option<adf_core::Profile>,
}

impl ClientCaps {
    /// The options every check of this session runs with.
    pub fn check_options(&self) -> CheckOptions {
        CheckOptions {
            profile: self.profile,
            ..CheckOptions::default()
        }
    }
}

/// Everything the handlers share. Edits take it for writing, queries for reading, so a query
/// sees one consistent state (a snapshot) while it runs.
pub(crate) struct State {
    /// Every indexed or open file and the configurations in force; the core decides which
    /// files belong to the factory.
    pub project: Project,
    /// Open documents by path.
    pub docs: HashMap<String, Doc>,
    /// The workspace folders.
    pub roots: Vec<PathBuf>,
    /// True until the first indexing of the workspace folders is done: cross-file findings
    /// are held back meanwhile, since the facts they need are not all known.
    pub indexing: bool,
    /// Set when the client cancels the indexing's progress.
    pub indexing_cancel: adf_core::ide::Cancel,
    /// The client's abilities.
    pub caps: ClientCaps,
    /// A result id per path for pull diagnostics: bumped when the file's findings may change.
    pub result_ids: HashMap<String, u64>,
    /// Files whose last pushed findings were not empty (they must be cleared when fixed).
    pub published: HashSet<String>,
    next_result_id: u64,
    /// Counts openings of documents (see [`Doc::opening`]).
    pub openings: u64,
    /// Documents closed whose disk text the checker has yet to put back, by path: the number of
    /// the close (a reopen or a later close makes an older one moot) and whether the file is in
    /// a workspace folder (else it leaves the project).
    pub reverting: HashMap<String, Revert>,
    /// Counts closes (see [`Revert::close`]).
    pub closes: u64,
}

/// A closed document waiting for its disk text to be checked again.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Revert {
    /// Which close of the path this is.
    pub close: u64,
    /// The file lies in a workspace folder: its disk text replaces the editor's.
    pub from_disk: bool,
}

impl State {
    /// A state with an empty workspace.
    pub fn new() -> Self {
        Self {
            project: Project::new(CheckOptions::default()),
            docs: HashMap::new(),
            roots: Vec::new(),
            indexing: true,
            indexing_cancel: adf_core::ide::Cancel::new(),
            caps: ClientCaps::default(),
            result_ids: HashMap::new(),
            published: HashSet::new(),
            next_result_id: 1,
            openings: 0,
            reverting: HashMap::new(),
            closes: 0,
        }
    }

    /// Notes that these files' findings were computed again (new pull result ids).
    pub fn touched(&mut self, paths: &[String]) {
        for p in paths {
            self.next_result_id += 1;
            self.result_ids.insert(p.clone(), self.next_result_id);
        }
    }

    /// Open documents whose editor text is not checked yet, and closed ones whose disk text is
    /// not back yet.
    pub fn pending(&self) -> impl Iterator<Item = &str> {
        self.docs
            .iter()
            .filter(|(_, d)| !d.is_current())
            .map(|(p, _)| p.as_str())
            .chain(self.reverting.keys().map(String::as_str))
    }

    /// Whether a query on this path must wait for the checker.
    pub fn is_pending(&self, path: &str) -> bool {
        self.docs.get(path).is_some_and(|d| !d.is_current()) || self.reverting.contains_key(path)
    }

    /// The editor's latest text of an open document (or the project's text of another file).
    pub fn editor_text(&self, path: &str) -> Option<&str> {
        match self.docs.get(path).and_then(|d| d.pending.as_deref()) {
            Some(text) => Some(text),
            None => self.project.text(path),
        }
    }

    /// The result id of a file's current findings.
    pub fn result_id(&self, path: &str) -> String {
        self.result_ids.get(path).copied().unwrap_or(0).to_string()
    }

    /// Every file of the workspace, excluded ones and the configuration files included.
    pub fn paths(&self) -> Vec<String> {
        let mut paths = self.project.paths();
        paths.extend(self.project.config_paths());
        paths
    }

    /// The findings of a file as the editor should see them: the configuration applied, and
    /// only the single-file ones while the workspace is still being indexed.
    pub fn findings(&self, path: &str) -> Vec<Diagnostic> {
        if !self.indexing || self.project.is_config(path) {
            return self.project.findings(path);
        }
        let Some(model) = self.project.workspace().model(path) else {
            return Vec::new();
        };
        let mut found = model.diagnostics.clone();
        found.sort_by_key(|d| (d.range.start, d.range.end));
        self.project.apply(path, found)
    }
}
