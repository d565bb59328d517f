//! The workspace as JavaScript drives it, in plain Rust (so native tests cover it): files and
//! `adf.toml` configurations pushed by path (the project keeps them and reports their
//! mistakes), queries at UTF-16 positions, errors as messages.
//! The wasm-bindgen class in `lib.rs` only converts values.

use crate::convert::{self, Positions};
use crate::types::{
    ActionKind, CodeAction, CompletionItem, Diagnostic, DocumentSymbol, Evaluation,
    FileDiagnostics, FileRename, FoldKind, FoldingRange, Graph, Hover, Location, Position, Range,
    TextEdit, WorkspaceSymbol,
};
use adf_core::config::{membership, ConfigSet, Membership};
use adf_core::{ide, CheckOptions, Project, TextRange, Workspace};

/// Files, configurations and the analysis over them.
pub struct Host {
    /// The files, the configurations and the analysis; which files belong to the factory and
    /// which configuration is in force is the core's decision.
    project: Project,
}

impl Default for Host {
    fn default() -> Self {
        Self::new()
    }
}

fn unknown(path: &str) -> String {
    format!("unknown file `{path}`: set it with setFile first")
}

impl Host {
    /// An empty workspace with the default options (those of `adf check`).
    pub fn new() -> Self {
        Self {
            project: Project::new(CheckOptions::default()),
        }
    }

    /// The analysis (for the queries).
    fn ws(&self) -> &Workspace {
        self.project.workspace()
    }

    /// Every path given and not removed, sorted.
    pub fn paths(&self) -> Vec<String> {
        self.project.paths()
    }

    /// Adds or replaces a file; returns the paths whose findings were computed again.
    pub fn set_file(&mut self, path: &str, text: &str) -> Vec<String> {
        self.project.set_file(path, text)
    }

    /// Adds or replaces many files at once (one layout, one check of everything): for loading
    /// a folder, where one `set_file` each would re-check the factory again and again.
    /// Files a walk of the folder would skip (vendor, build and system folders) are left out,
    /// as the CLI and the server leave them out.
    pub fn set_files(&mut self, files: Vec<(String, String)>) -> Vec<String> {
        let files = files
            .into_iter()
            .filter(|(path, _)| {
                !matches!(
                    membership(path, path, &ConfigSet::default()),
                    Membership::SkippedFolder | Membership::SystemFolder
                )
            })
            .collect();
        self.project.set_files(files);
        self.paths()
    }

    /// Removes a file; returns the paths whose findings were computed again.
    pub fn remove_file(&mut self, path: &str) -> Vec<String> {
        self.project.remove_file(path)
    }

    /// Adds or replaces the `adf.toml` at `path` (it governs the files below its folder);
    /// returns the paths whose findings may have changed, `path` included. A mistake in the
    /// text is an `invalid-config` finding of `path`.
    pub fn set_config(&mut self, path: &str, text: &str) -> Vec<String> {
        self.project.set_config(path, text)
    }

    /// Removes the `adf.toml` at `path`; returns the paths whose findings may have changed.
    pub fn remove_config(&mut self, path: &str) -> Vec<String> {
        self.project.remove_config(path)
    }

    /// The text of a file in the analysis.
    fn text(&self, path: &str) -> Result<&str, String> {
        if self.project.is_excluded(path) && self.project.contains(path) {
            return Err(format!("file `{path}` is excluded by its adf.toml"));
        }
        self.ws().text(path).ok_or_else(|| unknown(path))
    }

    /// The findings of one file, configuration applied.
    pub fn diagnostics(&self, path: &str) -> Result<Vec<Diagnostic>, String> {
        if !self.project.contains(path) {
            return Err(unknown(path));
        }
        let text = if self.project.is_config(path) {
            self.project.text(path)
        } else {
            self.ws().text(path)
        };
        let Some(text) = text else {
            return Ok(Vec::new());
        };
        let pos = Positions::new(text);
        Ok(self
            .project
            .findings(path)
            .into_iter()
            .map(|d| convert::diagnostic(&pos, d))
            .collect())
    }

    /// The findings of every file (files without findings included), by path, the
    /// configuration files' after the others.
    pub fn all_diagnostics(&self) -> Vec<FileDiagnostics> {
        self.paths()
            .into_iter()
            .chain(self.project.config_paths())
            .filter_map(|path| {
                let diagnostics = self.diagnostics(&path).ok()?;
                Some(FileDiagnostics { path, diagnostics })
            })
            .collect()
    }

    /// The byte offset of a position in a file, with its converter.
    fn at(&self, path: &str, pos: Position) -> Result<(Positions<'_>, usize), String> {
        let p = Positions::new(self.text(path)?);
        let offset = p.offset(pos)?;
        Ok((p, offset))
    }

    fn edit(&self, e: ide::Edit) -> TextEdit {
        let range = self.location(ide::Location {
            path: e.path.clone(),
            range: e.range,
        });
        TextEdit {
            path: e.path,
            range: range.range,
            new_text: e.new_text,
        }
    }

    fn location(&self, l: ide::Location) -> Location {
        let range = match self.ws().text(&l.path) {
            Some(t) => Positions::new(t).range(l.range),
            None => Positions::new("").range(TextRange::default()),
        };
        Location {
            path: l.path,
            range,
        }
    }

    /// Completion proposals at a position.
    pub fn completion(&self, path: &str, pos: Position) -> Result<Vec<CompletionItem>, String> {
        let (p, offset) = self.at(path, pos)?;
        Ok(ide::completion(self.ws(), path, offset)
            .into_iter()
            .map(|i| convert::completion_item(&p, i))
            .collect())
    }

    /// Hover text at a position, if any.
    pub fn hover(&self, path: &str, pos: Position) -> Result<Option<Hover>, String> {
        let (p, offset) = self.at(path, pos)?;
        Ok(ide::hover(self.ws(), path, offset).map(|h| Hover {
            markdown: h.markdown,
            range: p.range(h.range),
        }))
    }

    /// The expression at a position, the inputs it reads (with their declared defaults) and its
    /// value with `inputs` (name and typed text; JSON when it parses, else a string) over the
    /// defaults; `None` outside an expression.
    pub fn evaluate(
        &self,
        path: &str,
        pos: Position,
        inputs: &[(String, String)],
    ) -> Result<Option<Evaluation>, String> {
        let (p, offset) = self.at(path, pos)?;
        Ok(ide::evaluate_at(self.ws(), path, offset, inputs).map(|e| convert::evaluation(&p, e)))
    }

    /// Where the name at a position is defined.
    pub fn definition(&self, path: &str, pos: Position) -> Result<Vec<Location>, String> {
        let (_, offset) = self.at(path, pos)?;
        Ok(ide::definition(self.ws(), path, offset)
            .into_iter()
            .map(|l| self.location(l))
            .collect())
    }

    /// Every reference to the entity or activity at a position, its definition included.
    pub fn references(&self, path: &str, pos: Position) -> Result<Vec<Location>, String> {
        let (_, offset) = self.at(path, pos)?;
        // JavaScript calls are synchronous: nothing can cancel a query while it runs.
        let found = ide::references(self.ws(), path, offset, &ide::Cancel::never())
            .map_err(|e| e.to_string())?;
        Ok(found.into_iter().map(|l| self.location(l)).collect())
    }

    /// The edits that rename the entity or activity at a position everywhere.
    pub fn rename(
        &self,
        path: &str,
        pos: Position,
        new_name: &str,
    ) -> Result<Vec<TextEdit>, String> {
        let (_, offset) = self.at(path, pos)?;
        let edits = ide::rename(self.ws(), path, offset, new_name, &ide::Cancel::never())
            .map_err(|e| e.to_string())?;
        Ok(edits.into_iter().map(|e| self.edit(e)).collect())
    }

    /// The files to rename with the entity at a position (its file in the git layout is named
    /// after it); empty when the name cannot be a file name or nothing is renamed so.
    pub fn file_renames(
        &self,
        path: &str,
        pos: Position,
        new_name: &str,
    ) -> Result<Vec<FileRename>, String> {
        let (_, offset) = self.at(path, pos)?;
        Ok(ide::file_renames(self.ws(), path, offset, new_name)
            .into_iter()
            .map(|r| FileRename {
                from: r.from,
                to: r.to,
            })
            .collect())
    }

    /// The outline of a file.
    pub fn document_symbols(&self, path: &str) -> Result<Vec<DocumentSymbol>, String> {
        let p = Positions::new(self.text(path)?);
        Ok(ide::document_symbols(self.ws(), path)
            .into_iter()
            .map(|s| convert::symbol(&p, s))
            .collect())
    }

    /// The code actions for the findings of a file that overlap a range.
    pub fn code_actions(&self, path: &str, range: Range) -> Result<Vec<CodeAction>, String> {
        let range = Positions::new(self.text(path)?).text_range(range)?;
        Ok(ide::code_actions(self.ws(), path, range)
            .into_iter()
            .map(|a| CodeAction {
                title: a.title,
                kind: match a.kind {
                    ide::ActionKind::QuickFix => ActionKind::QuickFix,
                    ide::ActionKind::Refactor => ActionKind::Refactor,
                },
                rule: a.rule,
                edits: a.edits.into_iter().map(|e| self.edit(e)).collect(),
                preferred: a.preferred,
            })
            .collect())
    }

    /// Entities and activities whose name matches a query, across the workspace.
    pub fn workspace_symbols(&self, query: &str) -> Result<Vec<WorkspaceSymbol>, String> {
        let found = ide::workspace_symbols(self.ws(), query, &ide::Cancel::never())
            .map_err(|e| e.to_string())?;
        Ok(found
            .into_iter()
            .map(|s| {
                let (kind, entity_kind) = convert::symbol_kind(s.kind);
                WorkspaceSymbol {
                    name: s.name,
                    kind,
                    entity_kind,
                    detail: s.detail,
                    container: s.container,
                    location: self.location(s.location),
                }
            })
            .collect())
    }

    /// The ranges of a file an editor may fold.
    pub fn folding_ranges(&self, path: &str) -> Result<Vec<FoldingRange>, String> {
        let p = Positions::new(self.text(path)?);
        Ok(ide::folding_ranges(self.ws(), path)
            .into_iter()
            .map(|f| FoldingRange {
                range: p.range(f.range),
                kind: match f.kind {
                    ide::FoldKind::Region => FoldKind::Region,
                    ide::FoldKind::Comment => FoldKind::Comment,
                },
            })
            .collect())
    }

    /// For each position, the ranges around it from the innermost out (expand selection).
    pub fn selection_ranges(
        &self,
        path: &str,
        positions: &[Position],
    ) -> Result<Vec<Vec<Range>>, String> {
        let p = Positions::new(self.text(path)?);
        let offsets = positions
            .iter()
            .map(|pos| p.offset(*pos))
            .collect::<Result<Vec<_>, _>>()?;
        Ok(ide::selection_ranges(self.ws(), path, &offsets)
            .into_iter()
            .map(|chain| chain.into_iter().map(|r| p.range(r)).collect())
            .collect())
    }

    /// The dependency graph of every factory: what `adf graph --format json` prints for the
    /// same files.
    pub fn graph(&self) -> Graph {
        let ws = self.ws();
        convert::graph(self.project.graph().plain(|path| ws.text(path)))
    }
}

#[cfg(test)]
mod tests;
