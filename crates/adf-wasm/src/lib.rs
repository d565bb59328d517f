//! WebAssembly bindings: a `Workspace` class over adf-core for JavaScript. Files and `adf.toml`
//! configurations are pushed by path; queries take and give `{line, character}` positions in
//! UTF-16 code units. Every object has a TypeScript declaration generated from its type in
//! `types.rs`, and each method here names its TypeScript parameter and result types, so the
//! bindings' `.d.ts` is the whole typed surface and the npm wrapper forwards every method: a
//! query is its conversion in `host.rs` and its method here, nothing in JavaScript. Bad input
//! (unknown path, position outside the text) throws a JavaScript `Error` with a message.
//!
//! On wasm32 a panic aborts: the instance traps (`WebAssembly.RuntimeError: unreachable`) and its
//! state is lost. The npm package's wrapper detects that, instantiates the module again and
//! replays the files; [`trap`] lets its tests force one. The panic hook keeps the message for
//! [`last_panic`] so the wrapper can say what went wrong.

pub mod convert;
pub mod host;
pub mod types;

use host::Host;
use serde::Serialize;
use std::cell::RefCell;
use types::{Position, Range, SourceText};
use wasm_bindgen::prelude::*;

thread_local! {
    /// The message of the last panic, read by the wrapper after a trap.
    static LAST_PANIC: RefCell<Option<String>> = const { RefCell::new(None) };
}

/// Installs the panic hook that records messages (runs when the module is instantiated).
#[wasm_bindgen(start)]
fn start() {
    std::panic::set_hook(Box::new(|info| {
        let message = info.to_string();
        LAST_PANIC.with(|p| {
            if let Ok(mut slot) = p.try_borrow_mut() {
                *slot = Some(message);
            }
        });
    }));
}

/// The message of the last panic of this instance, if any (read it after a trap).
#[wasm_bindgen(js_name = lastPanic)]
pub fn last_panic() -> Option<String> {
    LAST_PANIC.with(|p| p.try_borrow().ok().and_then(|s| s.clone()))
}

/// Test hook: panics on purpose, which traps the instance, so the wrapper's recovery can be
/// tested. Never call it otherwise.
#[wasm_bindgen(js_name = "__trap")]
pub fn trap() {
    panic!("adf-wasm: __trap() called (test hook that kills the instance on purpose)");
}

/// The version of adf-wasm (the workspace version).
#[wasm_bindgen]
pub fn version() -> String {
    env!("CARGO_PKG_VERSION").to_string()
}

fn to_js<T: Serialize + ?Sized>(value: &T) -> Result<JsValue, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

/// A value JavaScript passed, or an error saying what was `expected`.
fn from_js<T: serde::de::DeserializeOwned>(value: JsValue, expected: &str) -> Result<T, JsError> {
    serde_wasm_bindgen::from_value(value)
        .map_err(|e| JsError::new(&format!("invalid {expected}: {e}")))
}

fn position(pos: JsValue) -> Result<Position, JsError> {
    from_js(
        pos,
        "position (expected {line, character} with non-negative integers)",
    )
}

fn range(r: JsValue) -> Result<Range, JsError> {
    from_js(
        r,
        "range (expected {start, end} positions {line, character})",
    )
}

fn err(message: String) -> JsError {
    JsError::new(&message)
}

/// The analysis of a set of ADF files pushed by path.
#[wasm_bindgen]
pub struct Workspace {
    host: Host,
}

impl Default for Workspace {
    fn default() -> Self {
        Self::new()
    }
}

#[wasm_bindgen]
impl Workspace {
    /// An empty workspace.
    #[wasm_bindgen(constructor)]
    pub fn new() -> Workspace {
        Workspace { host: Host::new() }
    }

    /// Adds or replaces a file; returns the paths whose findings were computed again.
    #[wasm_bindgen(js_name = setFile, unchecked_return_type = "string[]")]
    pub fn set_file(&mut self, path: &str, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.set_file(path, text))
    }

    /// Adds or replaces many files at once (faster than one `setFile` each when loading a
    /// folder); returns every path of the workspace.
    #[wasm_bindgen(js_name = setFiles, unchecked_return_type = "string[]")]
    pub fn set_files(
        &mut self,
        #[wasm_bindgen(unchecked_param_type = "SourceText[]")] files: JsValue,
    ) -> Result<JsValue, JsError> {
        let files: Vec<SourceText> = from_js(files, "files (expected [{path, text}])")?;
        let files = files.into_iter().map(|f| (f.path, f.text)).collect();
        to_js(&self.host.set_files(files))
    }

    /// Removes a file; returns the paths whose findings were computed again.
    #[wasm_bindgen(js_name = removeFile, unchecked_return_type = "string[]")]
    pub fn remove_file(&mut self, path: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.remove_file(path))
    }

    /// Every path in the workspace, sorted.
    #[wasm_bindgen(unchecked_return_type = "string[]")]
    pub fn paths(&self) -> Result<JsValue, JsError> {
        to_js(&self.host.paths())
    }

    /// Adds or replaces the `adf.toml` at `path` (it governs the files below its folder);
    /// returns the paths whose findings may have changed, `path` included. A mistake in the
    /// text is an `invalid-config` finding of `path` (`diagnostics(path)`); the last version
    /// that parsed stays in force meanwhile.
    #[wasm_bindgen(js_name = setConfig, unchecked_return_type = "string[]")]
    pub fn set_config(&mut self, path: &str, text: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.set_config(path, text))
    }

    /// Removes the `adf.toml` at `path`; returns the paths whose findings may have changed.
    #[wasm_bindgen(js_name = removeConfig, unchecked_return_type = "string[]")]
    pub fn remove_config(&mut self, path: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.remove_config(path))
    }

    /// The findings of one file (configuration applied; messages never show a secret).
    #[wasm_bindgen(unchecked_return_type = "Diagnostic[]")]
    pub fn diagnostics(&self, path: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.diagnostics(path).map_err(err)?)
    }

    /// The findings of every file, by path.
    #[wasm_bindgen(js_name = allDiagnostics, unchecked_return_type = "FileDiagnostics[]")]
    pub fn all_diagnostics(&self) -> Result<JsValue, JsError> {
        to_js(&self.host.all_diagnostics())
    }

    /// Completion proposals at a position.
    #[wasm_bindgen(unchecked_return_type = "CompletionItem[]")]
    pub fn completion(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.host.completion(path, position(pos)?).map_err(err)?)
    }

    /// Hover text at a position, or `null`.
    #[wasm_bindgen(unchecked_return_type = "Hover | null")]
    pub fn hover(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.host.hover(path, position(pos)?).map_err(err)?)
    }

    /// The expression-valued string at a position: the inputs it reads, each with its declared
    /// default, and its value with `inputs` (by input name, the text a user typed: read as JSON
    /// when it parses, else as a string) laid over those defaults; `null` outside an expression.
    #[wasm_bindgen(unchecked_return_type = "Evaluation | null")]
    pub fn evaluate(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
        #[wasm_bindgen(unchecked_param_type = "Record<string, string> | undefined | null")]
        inputs: JsValue,
    ) -> Result<JsValue, JsError> {
        let inputs: Option<std::collections::BTreeMap<String, String>> = from_js(
            inputs,
            "inputs (expected an object of input names to strings)",
        )?;
        let inputs: Vec<(String, String)> = inputs.into_iter().flatten().collect();
        to_js(
            &self
                .host
                .evaluate(path, position(pos)?, &inputs)
                .map_err(err)?,
        )
    }

    /// Where the name at a position is defined (possibly in another file).
    #[wasm_bindgen(unchecked_return_type = "Location[]")]
    pub fn definition(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.host.definition(path, position(pos)?).map_err(err)?)
    }

    /// Every reference to the entity or activity at a position, its definition included.
    #[wasm_bindgen(unchecked_return_type = "Location[]")]
    pub fn references(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(&self.host.references(path, position(pos)?).map_err(err)?)
    }

    /// The edits renaming the entity or activity at a position and every reference to it;
    /// throws when nothing renameable is there or the new name is empty.
    #[wasm_bindgen(unchecked_return_type = "TextEdit[]")]
    pub fn rename(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
        #[wasm_bindgen(js_name = newName)] new_name: &str,
    ) -> Result<JsValue, JsError> {
        to_js(
            &self
                .host
                .rename(path, position(pos)?, new_name)
                .map_err(err)?,
        )
    }

    /// The files to rename along with `rename` at the same position: in the git layout an
    /// entity's file is named after it. Apply them after `rename`'s edits, which name the files
    /// by their current paths.
    #[wasm_bindgen(js_name = fileRenames, unchecked_return_type = "FileRename[]")]
    pub fn file_renames(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position")] pos: JsValue,
        #[wasm_bindgen(js_name = newName)] new_name: &str,
    ) -> Result<JsValue, JsError> {
        to_js(
            &self
                .host
                .file_renames(path, position(pos)?, new_name)
                .map_err(err)?,
        )
    }

    /// The outline of a file: entities, with a pipeline's activities nested.
    #[wasm_bindgen(js_name = documentSymbols, unchecked_return_type = "DocumentSymbol[]")]
    pub fn document_symbols(&self, path: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.document_symbols(path).map_err(err)?)
    }

    /// The code actions for the findings of a file that overlap a range.
    #[wasm_bindgen(js_name = codeActions, unchecked_return_type = "CodeAction[]")]
    pub fn code_actions(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Range")] range: JsValue,
    ) -> Result<JsValue, JsError> {
        to_js(
            &self
                .host
                .code_actions(path, self::range(range)?)
                .map_err(err)?,
        )
    }

    /// Entities and activities whose name matches a query, across the workspace.
    #[wasm_bindgen(js_name = workspaceSymbols, unchecked_return_type = "WorkspaceSymbol[]")]
    pub fn workspace_symbols(&self, query: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.workspace_symbols(query).map_err(err)?)
    }

    /// The ranges of a file an editor may fold.
    #[wasm_bindgen(js_name = foldingRanges, unchecked_return_type = "FoldingRange[]")]
    pub fn folding_ranges(&self, path: &str) -> Result<JsValue, JsError> {
        to_js(&self.host.folding_ranges(path).map_err(err)?)
    }

    /// For each position, the ranges around it from the innermost out (expand selection).
    #[wasm_bindgen(js_name = selectionRanges, unchecked_return_type = "Range[][]")]
    pub fn selection_ranges(
        &self,
        path: &str,
        #[wasm_bindgen(unchecked_param_type = "Position[]")] positions: JsValue,
    ) -> Result<JsValue, JsError> {
        let positions: Vec<Position> =
            from_js(positions, "positions (expected [{line, character}])")?;
        to_js(&self.host.selection_ranges(path, &positions).map_err(err)?)
    }

    /// The dependency graph of every factory in the workspace: the object `adf graph --format
    /// json` prints for the same files.
    #[wasm_bindgen(unchecked_return_type = "Graph")]
    pub fn graph(&self) -> Result<JsValue, JsError> {
        to_js(&self.host.graph())
    }
}
