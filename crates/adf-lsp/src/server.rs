//! The LSP handlers: document sync and diagnostics on the write side, queries on the read side.
//!
//! Document changes are applied under the write lock before the handler's first await, so they
//! take effect in arrival order; queries run in blocking tasks under `catch_unwind` on the read
//! lock, so a panic in a query fails that request and never the server.

use crate::convert::{self, invalid, path_of, uri_of, Ranges};
use crate::state::{read_json_files, Doc, State};
use adf_core::{ide, CheckOptions, SourceFile, Workspace};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::PathBuf;
use std::sync::{Arc, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

/// Diagnostics ready to publish: document, findings, version of an open document.
type Publish = (Uri, Vec<Diagnostic>, Option<i32>);

/// The server.
pub(crate) struct Backend {
    client: Client,
    state: Arc<RwLock<State>>,
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            state: Arc::new(RwLock::new(State::new())),
        }
    }

    // A panic while the lock was held cannot leave the workspace half-changed in a way the next
    // request would trip on worse than a fresh error, so poisoning is ignored.
    fn write(&self) -> RwLockWriteGuard<'_, State> {
        self.state.write().unwrap_or_else(|e| e.into_inner())
    }

    /// Runs a query on the current state in a blocking task; a panic becomes an internal error.
    async fn query<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&State) -> Result<T> + Send + 'static,
    {
        let state = Arc::clone(&self.state);
        let task = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                let guard: RwLockReadGuard<'_, State> =
                    state.read().unwrap_or_else(|e| e.into_inner());
                f(&guard)
            }))
        });
        match task.await {
            Ok(Ok(result)) => result,
            _ => Err(Error::internal_error()),
        }
    }

    async fn publish(&self, items: Vec<Publish>) {
        for (uri, diagnostics, version) in items {
            self.client
                .publish_diagnostics(uri, diagnostics, version)
                .await;
        }
    }
}

/// The diagnostics of these files as LSP values.
fn collect(state: &State, paths: &[String]) -> Vec<Publish> {
    let mut out = Vec::new();
    for path in paths {
        let Some(uri) = uri_of(path) else {
            continue;
        };
        let version = state.docs.get(path).map(|d| d.version);
        let (Some(report), Some(text)) = (state.ws.report(path), state.ws.text(path)) else {
            out.push((uri, Vec::new(), version));
            continue;
        };
        let ranges = Ranges::new(text);
        let diagnostics = report
            .diagnostics
            .iter()
            .map(|d| convert::diagnostic(&ranges, d))
            .collect();
        out.push((uri, diagnostics, version));
    }
    out
}

/// Applies one content change to a text; `None` when its range is outside the text.
fn apply(text: &str, change: TextDocumentContentChangeEvent) -> Option<String> {
    let Some(range) = change.range else {
        return Some(change.text);
    };
    let start = convert::offset(text, range.start).ok()?;
    let end = convert::offset(text, range.end).ok()?;
    if start > end {
        return None;
    }
    let mut out = String::with_capacity(text.len() + change.text.len());
    out.push_str(text.get(..start)?);
    out.push_str(&change.text);
    out.push_str(text.get(end..)?);
    Some(out)
}

/// The text of a document and the byte offset of a position in it.
fn at<'s>(state: &'s State, path: &str, pos: Position) -> Result<(&'s str, usize)> {
    let text = state
        .ws
        .text(path)
        .ok_or_else(|| invalid(format!("unknown document: {path}")))?;
    Ok((text, convert::offset(text, pos)?))
}

fn locations(state: &State, found: Vec<ide::Location>) -> Vec<Location> {
    found
        .into_iter()
        .filter_map(|l| {
            let text = state.ws.text(&l.path)?;
            Some(Location::new(
                uri_of(&l.path)?,
                Ranges::new(text).range(l.range),
            ))
        })
        .collect()
}

fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
    let mut roots: Vec<PathBuf> = params
        .workspace_folders
        .iter()
        .flatten()
        .filter_map(|f| f.uri.to_file_path().map(|p| p.into_owned()))
        .collect();
    #[allow(deprecated)]
    if roots.is_empty() {
        if let Some(p) = params.root_uri.as_ref().and_then(|u| u.to_file_path()) {
            roots.push(p.into_owned());
        }
    }
    roots
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let roots = workspace_roots(&params);
        let files = tokio::task::spawn_blocking(move || {
            roots
                .iter()
                .flat_map(|r| read_json_files(r))
                .collect::<Vec<_>>()
        })
        .await
        .unwrap_or_default();
        let sources: Vec<SourceFile<'_>> = files
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t })
            .collect();
        self.write().ws = Workspace::with_files(CheckOptions::default(), &sources);
        Ok(InitializeResult {
            capabilities: ServerCapabilities {
                text_document_sync: Some(TextDocumentSyncCapability::Options(
                    TextDocumentSyncOptions {
                        open_close: Some(true),
                        change: Some(TextDocumentSyncKind::INCREMENTAL),
                        ..TextDocumentSyncOptions::default()
                    },
                )),
                definition_provider: Some(OneOf::Left(true)),
                references_provider: Some(OneOf::Left(true)),
                hover_provider: Some(HoverProviderCapability::Simple(true)),
                completion_provider: Some(CompletionOptions {
                    trigger_characters: Some(vec!["\"".to_string()]),
                    ..CompletionOptions::default()
                }),
                document_symbol_provider: Some(OneOf::Left(true)),
                rename_provider: Some(OneOf::Left(true)),
                ..ServerCapabilities::default()
            },
            server_info: Some(ServerInfo {
                name: "adf".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let items = {
            let state = self.write();
            let paths: Vec<String> = state
                .ws
                .reports()
                .into_iter()
                .filter(|r| !r.diagnostics.is_empty())
                .map(|r| r.path)
                .collect();
            collect(&state, &paths)
        };
        self.publish(items).await;
    }

    async fn shutdown(&self) -> Result<()> {
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Ok(path) = path_of(&doc.uri) else {
            return;
        };
        let items = {
            let mut state = self.write();
            state.docs.insert(
                path.clone(),
                Doc {
                    version: doc.version,
                },
            );
            let rechecked = state.ws.set_file(&path, &doc.text);
            collect(&state, &rechecked)
        };
        self.publish(items).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let items = {
            let mut state = self.write();
            let mut text = state.ws.text(&path).unwrap_or_default().to_string();
            for change in params.content_changes {
                // A change outside the text means client and server disagree; keeping the last
                // good text is better than inventing one.
                if let Some(t) = apply(&text, change) {
                    text = t;
                }
            }
            state.docs.insert(
                path.clone(),
                Doc {
                    version: params.text_document.version,
                },
            );
            let rechecked = state.ws.set_file(&path, &text);
            collect(&state, &rechecked)
        };
        self.publish(items).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        // The disk is the truth again for a closed file (or it is gone, if never saved).
        let disk = std::fs::read_to_string(&path).ok();
        let items = {
            let mut state = self.write();
            state.docs.remove(&path);
            let mut rechecked = match &disk {
                Some(text) => state.ws.set_file(&path, text),
                None => state.ws.remove_file(&path),
            };
            if disk.is_none() {
                rechecked.push(path.clone());
            }
            collect(&state, &rechecked)
        };
        self.publish(items).await;
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        let p = params.text_document_position_params;
        let path = path_of(&p.text_document.uri)?;
        self.query(move |s| {
            let (_, offset) = at(s, &path, p.position)?;
            let found = locations(s, ide::definition(&s.ws, &path, offset));
            Ok((!found.is_empty()).then_some(GotoDefinitionResponse::Array(found)))
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        let p = params.text_document_position;
        let path = path_of(&p.text_document.uri)?;
        let with_decl = params.context.include_declaration;
        self.query(move |s| {
            let (_, offset) = at(s, &path, p.position)?;
            let mut found = ide::references(&s.ws, &path, offset);
            if !with_decl {
                let decls = ide::definition(&s.ws, &path, offset);
                found.retain(|l| !decls.contains(l));
            }
            let found = locations(s, found);
            Ok((!found.is_empty()).then_some(found))
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let p = params.text_document_position_params;
        let path = path_of(&p.text_document.uri)?;
        self.query(move |s| {
            let (text, offset) = at(s, &path, p.position)?;
            Ok(ide::hover(&s.ws, &path, offset).map(|h| Hover {
                contents: HoverContents::Markup(MarkupContent {
                    kind: MarkupKind::Markdown,
                    value: h.markdown,
                }),
                range: Some(Ranges::new(text).range(h.range)),
            }))
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let p = params.text_document_position;
        let path = path_of(&p.text_document.uri)?;
        self.query(move |s| {
            let (_, offset) = at(s, &path, p.position)?;
            let items: Vec<CompletionItem> = ide::completion(&s.ws, &path, offset)
                .into_iter()
                .map(convert::completion_item)
                .collect();
            Ok(Some(CompletionResponse::Array(items)))
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let path = path_of(&params.text_document.uri)?;
        self.query(move |s| {
            let text =
                s.ws.text(&path)
                    .ok_or_else(|| invalid(format!("unknown document: {path}")))?;
            let ranges = Ranges::new(text);
            let symbols = ide::document_symbols(&s.ws, &path)
                .into_iter()
                .map(|sym| convert::symbol(&ranges, sym))
                .collect();
            Ok(Some(DocumentSymbolResponse::Nested(symbols)))
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        let p = params.text_document_position;
        let path = path_of(&p.text_document.uri)?;
        let new_name = params.new_name;
        self.query(move |s| {
            let (_, offset) = at(s, &path, p.position)?;
            let edits =
                ide::rename(&s.ws, &path, offset, &new_name).map_err(|e| invalid(e.to_string()))?;
            // `WorkspaceEdit` takes this map; a Uri's inner cell caches a parse and does not
            // change its hash or equality.
            #[allow(clippy::mutable_key_type)]
            let mut changes: HashMap<Uri, Vec<TextEdit>> = HashMap::new();
            for e in edits {
                let (Some(uri), Some(text)) = (uri_of(&e.path), s.ws.text(&e.path)) else {
                    continue;
                };
                changes
                    .entry(uri)
                    .or_default()
                    .push(TextEdit::new(Ranges::new(text).range(e.range), e.new_text));
            }
            Ok(Some(WorkspaceEdit {
                changes: Some(changes),
                ..WorkspaceEdit::default()
            }))
        })
        .await
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use tower_lsp_server::LspService;

    #[tokio::test]
    async fn a_panicking_query_fails_the_request_not_the_server() {
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        let failed: Result<()> = backend.query(|_| panic!("query bug")).await;
        assert_eq!(failed, Err(Error::internal_error()));
        // The state is still usable afterwards.
        let ok = backend.query(|s| Ok(s.docs.len())).await;
        assert_eq!(ok, Ok(0));
    }

    #[test]
    fn incremental_changes_apply_at_utf16_positions() {
        let change = |l0, c0, l1, c1, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        };
        // "é" is one UTF-16 unit and two bytes; "😀" two units and four bytes.
        let text = "{\"é😀\": 1,\n \"b\": 2}";
        assert_eq!(
            apply(text, change(0, 5, 0, 5, "x")).as_deref(),
            Some("{\"é😀x\": 1,\n \"b\": 2}")
        );
        assert_eq!(
            apply(text, change(1, 1, 1, 4, "\"c\"")).as_deref(),
            Some("{\"é😀\": 1,\n \"c\": 2}")
        );
        assert_eq!(apply(text, change(7, 0, 7, 0, "x")), None);
    }
}
