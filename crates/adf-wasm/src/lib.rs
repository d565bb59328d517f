//! WebAssembly bindings: a `Workspace` class over adf-core for JavaScript. Files and `adf.toml`
//! configurations are pushed by path; queries take and give `{line, character}` positions in
//! UTF-16 code units; every object has a TypeScript declaration (`types.d.ts`, appended to the
//! generated `.d.ts`). Bad input (unknown path, position outside the text, bad configuration)
//! throws a JavaScript `Error` with a message.
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
use types::{Position, Range};
use wasm_bindgen::prelude::*;
use wasm_bindgen::JsCast;

#[wasm_bindgen(typescript_custom_section)]
const TYPES: &str = include_str!("types.d.ts");

#[wasm_bindgen]
extern "C" {
    /// `string[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "string[]")]
    pub type Paths;
    /// `Diagnostic[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Diagnostic[]")]
    pub type Diagnostics;
    /// `FileDiagnostics[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "FileDiagnostics[]")]
    pub type AllDiagnostics;
    /// `CompletionItem[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "CompletionItem[]")]
    pub type CompletionItems;
    /// `Hover | null` in TypeScript.
    #[wasm_bindgen(typescript_type = "Hover | null")]
    pub type MaybeHover;
    /// `Location[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Location[]")]
    pub type Locations;
    /// `TextEdit[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "TextEdit[]")]
    pub type TextEdits;
    /// `DocumentSymbol[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "DocumentSymbol[]")]
    pub type DocumentSymbols;
    /// `Graph` in TypeScript.
    #[wasm_bindgen(typescript_type = "Graph")]
    pub type JsGraph;
    /// `Position` in TypeScript.
    #[wasm_bindgen(typescript_type = "Position")]
    pub type JsPosition;
    /// `CodeAction[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "CodeAction[]")]
    pub type CodeActions;
    /// `WorkspaceSymbol[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "WorkspaceSymbol[]")]
    pub type WorkspaceSymbols;
    /// `FoldingRange[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "FoldingRange[]")]
    pub type FoldingRanges;
    /// `Range` in TypeScript.
    #[wasm_bindgen(typescript_type = "Range")]
    pub type JsRange;
    /// `Position[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Position[]")]
    pub type JsPositions;
    /// `Range[][]` in TypeScript.
    #[wasm_bindgen(typescript_type = "Range[][]")]
    pub type RangeChains;
    /// `SourceText[]` in TypeScript.
    #[wasm_bindgen(typescript_type = "SourceText[]")]
    pub type SourceTexts;
}

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

fn to_js<T: Serialize + ?Sized, U: JsCast>(value: &T) -> Result<U, JsError> {
    value
        .serialize(&serde_wasm_bindgen::Serializer::json_compatible())
        .map(JsCast::unchecked_into)
        .map_err(|e| JsError::new(&format!("cannot convert the result: {e}")))
}

fn position(pos: JsPosition) -> Result<Position, JsError> {
    serde_wasm_bindgen::from_value(pos.into()).map_err(|e| {
        JsError::new(&format!(
            "invalid position (expected {{line, character}} with non-negative integers): {e}"
        ))
    })
}

fn range(r: JsRange) -> Result<Range, JsError> {
    serde_wasm_bindgen::from_value(r.into()).map_err(|e| {
        JsError::new(&format!(
            "invalid range (expected {{start, end}} positions {{line, character}}): {e}"
        ))
    })
}

fn err(message: String) -> JsError {
    JsError::new(&message)
}

/// One file of [`Workspace::set_files`].
#[derive(serde::Deserialize)]
struct SourceText {
    path: String,
    text: String,
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
    #[wasm_bindgen(js_name = setFile)]
    pub fn set_file(&mut self, path: &str, text: &str) -> Result<Paths, JsError> {
        to_js(&self.host.set_file(path, text))
    }

    /// Adds or replaces many files at once (faster than one `setFile` each when loading a
    /// folder); returns every path of the workspace.
    #[wasm_bindgen(js_name = setFiles)]
    pub fn set_files(&mut self, files: SourceTexts) -> Result<Paths, JsError> {
        let files: Vec<SourceText> = serde_wasm_bindgen::from_value(files.into())
            .map_err(|e| err(format!("invalid files (expected [{{path, text}}]): {e}")))?;
        let files = files.into_iter().map(|f| (f.path, f.text)).collect();
        to_js(&self.host.set_files(files))
    }

    /// Removes a file; returns the paths whose findings were computed again.
    #[wasm_bindgen(js_name = removeFile)]
    pub fn remove_file(&mut self, path: &str) -> Result<Paths, JsError> {
        to_js(&self.host.remove_file(path))
    }

    /// Every path in the workspace, sorted.
    pub fn paths(&self) -> Result<Paths, JsError> {
        to_js(&self.host.paths())
    }

    /// Adds or replaces the `adf.toml` at `path` (it governs the files below its folder);
    /// returns the paths whose findings may have changed, `path` included. A mistake in the
    /// text is an `invalid-config` finding of `path` (`diagnostics(path)`); the last version
    /// that parsed stays in force meanwhile.
    #[wasm_bindgen(js_name = setConfig)]
    pub fn set_config(&mut self, path: &str, text: &str) -> Result<Paths, JsError> {
        to_js(&self.host.set_config(path, text))
    }

    /// Removes the `adf.toml` at `path`; returns the paths whose findings may have changed.
    #[wasm_bindgen(js_name = removeConfig)]
    pub fn remove_config(&mut self, path: &str) -> Result<Paths, JsError> {
        to_js(&self.host.remove_config(path))
    }

    /// The findings of one file (configuration applied; messages never show a secret).
    pub fn diagnostics(&self, path: &str) -> Result<Diagnostics, JsError> {
        to_js(&self.host.diagnostics(path).map_err(err)?)
    }

    /// The findings of every file, by path.
    #[wasm_bindgen(js_name = allDiagnostics)]
    pub fn all_diagnostics(&self) -> Result<AllDiagnostics, JsError> {
        to_js(&self.host.all_diagnostics())
    }

    /// Completion proposals at a position.
    pub fn completion(&self, path: &str, pos: JsPosition) -> Result<CompletionItems, JsError> {
        to_js(&self.host.completion(path, position(pos)?).map_err(err)?)
    }

    /// Hover text at a position, or `null`.
    pub fn hover(&self, path: &str, pos: JsPosition) -> Result<MaybeHover, JsError> {
        to_js(&self.host.hover(path, position(pos)?).map_err(err)?)
    }

    /// Where the name at a position is defined (possibly in another file).
    pub fn definition(&self, path: &str, pos: JsPosition) -> Result<Locations, JsError> {
        to_js(&self.host.definition(path, position(pos)?).map_err(err)?)
    }

    /// Every reference to the entity or activity at a position, its definition included.
    pub fn references(&self, path: &str, pos: JsPosition) -> Result<Locations, JsError> {
        to_js(&self.host.references(path, position(pos)?).map_err(err)?)
    }

    /// The edits renaming the entity or activity at a position and every reference to it;
    /// throws when nothing renameable is there or the new name is empty.
    pub fn rename(
        &self,
        path: &str,
        pos: JsPosition,
        #[wasm_bindgen(js_name = newName)] new_name: &str,
    ) -> Result<TextEdits, JsError> {
        to_js(
            &self
                .host
                .rename(path, position(pos)?, new_name)
                .map_err(err)?,
        )
    }

    /// The outline of a file: entities, with a pipeline's activities nested.
    #[wasm_bindgen(js_name = documentSymbols)]
    pub fn document_symbols(&self, path: &str) -> Result<DocumentSymbols, JsError> {
        to_js(&self.host.document_symbols(path).map_err(err)?)
    }

    /// The code actions for the findings of a file that overlap a range.
    #[wasm_bindgen(js_name = codeActions)]
    pub fn code_actions(&self, path: &str, range: JsRange) -> Result<CodeActions, JsError> {
        to_js(
            &self
                .host
                .code_actions(path, self::range(range)?)
                .map_err(err)?,
        )
    }

    /// Entities and activities whose name matches a query, across the workspace.
    #[wasm_bindgen(js_name = workspaceSymbols)]
    pub fn workspace_symbols(&self, query: &str) -> Result<WorkspaceSymbols, JsError> {
        to_js(&self.host.workspace_symbols(query).map_err(err)?)
    }

    /// The ranges of a file an editor may fold.
    #[wasm_bindgen(js_name = foldingRanges)]
    pub fn folding_ranges(&self, path: &str) -> Result<FoldingRanges, JsError> {
        to_js(&self.host.folding_ranges(path).map_err(err)?)
    }

    /// For each position, the ranges around it from the innermost out (expand selection).
    #[wasm_bindgen(js_name = selectionRanges)]
    pub fn selection_ranges(
        &self,
        path: &str,
        positions: JsPositions,
    ) -> Result<RangeChains, JsError> {
        let positions: Vec<Position> =
            serde_wasm_bindgen::from_value(positions.into()).map_err(|e| {
                err(format!(
                    "invalid positions (expected [{{line, character}}]): {e}"
                ))
            })?;
        to_js(&self.host.selection_ranges(path, &positions).map_err(err)?)
    }

    /// The dependency graph of every factory in the workspace.
    pub fn graph(&self) -> Result<JsGraph, JsError> {
        to_js(&self.host.graph())
    }
}
