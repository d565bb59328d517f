//! The LSP handlers: document sync, watched files, indexing and diagnostics on the write side,
//! queries on the read side.
//!
//! Document changes are applied under the write lock before the handler's first await, so they
//! take effect in arrival order; before taking it they cancel the queries in flight (a query on
//! a stale text is of no use, and the write lock waits for readers). Queries run in blocking
//! tasks under `catch_unwind` on the read lock, so a panic fails that request and never the
//! server; each gets a [`Cancel`] that is set when the client cancels the request (tower-lsp
//! drops the handler's future) or when an edit arrives.

use crate::convert::{self, path_of, Encoding};
use crate::diagnostics::{self, Outgoing};
use crate::handlers;
use crate::index;
use crate::state::{ClientCaps, Doc, State};
use adf_core::config::ConfigFiles;
use adf_core::ide::Cancel;
use adf_core::{CheckOptions, Project};
use std::collections::HashMap;
use std::panic::AssertUnwindSafe;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::{Arc, Mutex, RwLock, RwLockReadGuard, RwLockWriteGuard};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::notification::Notification;
use tower_lsp_server::lsp_types::request::WorkDoneProgressCreate;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::{Client, LanguageServer, UriExt};

/// The token of the indexing progress.
const INDEXING: &str = "adf/indexing";

/// Files read per step of the indexing (one progress report each).
const CHUNK: usize = 512;

/// The server.
pub(crate) struct Backend {
    client: Client,
    state: Arc<RwLock<State>>,
    /// Queries in flight, by a private id.
    inflight: Arc<Mutex<HashMap<u64, Cancel>>>,
    next_query: AtomicU64,
}

/// Sets a query's flag when dropped: a request the client cancelled has its future dropped.
struct CancelOnDrop(Cancel);

impl Drop for CancelOnDrop {
    fn drop(&mut self) {
        self.0.cancel();
    }
}

// A panic while a lock was held cannot leave the workspace half-changed in a way the next
// request would trip on worse than a fresh error, so poisoning is ignored.
fn write(state: &RwLock<State>) -> RwLockWriteGuard<'_, State> {
    state.write().unwrap_or_else(|e| e.into_inner())
}

fn read(state: &RwLock<State>) -> RwLockReadGuard<'_, State> {
    state.read().unwrap_or_else(|e| e.into_inner())
}

impl Backend {
    /// A server that talks to `client`.
    pub fn new(client: Client) -> Self {
        Self {
            client,
            state: Arc::new(RwLock::new(State::new())),
            inflight: Arc::new(Mutex::new(HashMap::new())),
            next_query: AtomicU64::new(0),
        }
    }

    /// Stops every query in flight (the state is about to change).
    fn cancel_queries(&self) {
        let inflight = self.inflight.lock().unwrap_or_else(|e| e.into_inner());
        for c in inflight.values() {
            c.cancel();
        }
    }

    /// Takes the state for writing, once the queries in flight were told to stop.
    fn edit(&self) -> RwLockWriteGuard<'_, State> {
        self.cancel_queries();
        write(&self.state)
    }

    /// Runs a query on the current state in a blocking task; a panic becomes an internal
    /// error, a cancellation a "content modified" error.
    async fn query<T, F>(&self, f: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&State, &Cancel) -> Result<T> + Send + 'static,
    {
        let cancel = Cancel::new();
        let id = self.next_query.fetch_add(1, Ordering::Relaxed);
        self.inflight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .insert(id, cancel.clone());
        let _armed = CancelOnDrop(cancel.clone());
        let state = Arc::clone(&self.state);
        let task = tokio::task::spawn_blocking(move || {
            std::panic::catch_unwind(AssertUnwindSafe(|| {
                let guard = read(&state);
                if cancel.is_cancelled() {
                    return Err(Error::content_modified());
                }
                f(&guard, &cancel)
            }))
        });
        let result = task.await;
        self.inflight
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .remove(&id);
        match result {
            Ok(Ok(result)) => result,
            _ => Err(Error::internal_error()),
        }
    }

    /// Indexes the workspace folders: reads every factory file, reporting `$/progress`, builds
    /// the workspace off the lock, then swaps it in with the open documents' texts and
    /// publishes every finding.
    async fn index(client: Client, state: Arc<RwLock<State>>) {
        let (roots, caps) = {
            let s = read(&state);
            (s.roots.clone(), s.caps)
        };
        let progress = if caps.progress {
            let token = NumberOrString::String(INDEXING.to_string());
            let created = client
                .send_request::<WorkDoneProgressCreate>(WorkDoneProgressCreateParams {
                    token: token.clone(),
                })
                .await;
            match created {
                Ok(()) => Some(
                    client
                        .progress(token, "Indexing ADF factories")
                        .with_percentage(0)
                        .begin()
                        .await,
                ),
                Err(_) => None,
            }
        } else {
            None
        };
        let listed = tokio::task::spawn_blocking(move || {
            let listed = index::list(&roots);
            let configs = index::configs(listed.iter().filter_map(|p| p.to_str()));
            (listed, configs)
        })
        .await;
        let Ok((listed, configs)) = listed else {
            return;
        };
        let total = listed.len();
        // Each file is modelled and its text compressed as it is read (adf_core::Loader), so
        // the factory's texts are never held twice.
        // Excluded files are set aside as they are read: they are not part of the factory.
        // A configuration with a mistake is a finding of its file, published with the rest.
        let mut config_files = ConfigFiles::default();
        for (path, text) in configs.as_deref().unwrap_or_default() {
            config_files.set(path, text);
        }
        let mut loader = Some(Project::loader_with_files(
            CheckOptions::default(),
            config_files,
        ));
        let mut skipped: Vec<(String, String)> = Vec::new();
        for (i, chunk) in listed.chunks(CHUNK).enumerate() {
            let chunk = chunk.to_vec();
            let Some(mut l) = loader.take() else {
                break;
            };
            let step = tokio::task::spawn_blocking(move || {
                let got = index::read(&chunk);
                for (path, text) in got.files {
                    l.add(path, text);
                }
                (l, got.skipped)
            })
            .await;
            let Ok((l, missed)) = step else {
                break;
            };
            loader = Some(l);
            skipped.extend(missed);
            if let Some(p) = &progress {
                let done = ((i + 1) * CHUNK).min(total);
                let pct = u32::try_from(done * 80 / total.max(1)).unwrap_or(80);
                p.report_with_message(format!("{done}/{total} files read"), pct)
                    .await;
            }
        }
        if let Some(p) = &progress {
            p.report_with_message(format!("checking {total} files"), 80)
                .await;
        }
        let built = match loader {
            Some(l) => tokio::task::spawn_blocking(move || l.finish()).await.ok(),
            None => None,
        };
        let Some(mut project) = built else {
            client
                .show_message(MessageType::ERROR, "adf: indexing the workspace failed")
                .await;
            return;
        };
        if let Err(e) = &configs {
            client.show_message(MessageType::ERROR, e).await;
        }
        if !skipped.is_empty() {
            let list: Vec<String> = skipped
                .iter()
                .map(|(p, why)| format!("{p}: {why}"))
                .collect();
            client
                .log_message(
                    MessageType::WARNING,
                    format!("adf: files not indexed:\n{}", list.join("\n")),
                )
                .await;
        }
        let out = {
            let mut s = write(&state);
            // What the editor holds wins over the disk.
            for path in s.docs.keys() {
                if let Some(text) = s.project.text(path) {
                    if index::is_config(path) {
                        project.set_config(path, text);
                    } else {
                        project.set_file(path, text);
                    }
                }
            }
            s.project = project;
            s.indexing = false;
            let paths = s.paths();
            diagnostics::outgoing(&mut s, &paths, None)
        };
        // A pulling client pulled single-file findings meanwhile; it must pull again.
        let out = Outgoing {
            refresh: out.refresh || caps.pull,
            ..out
        };
        if let Some(p) = progress {
            p.finish_with_message(format!("{total} files")).await;
        }
        send(&client, out).await;
    }

    /// Reloads the configuration files of the workspace and re-reports every file.
    async fn reload_configs(&self) {
        let paths = read(&self.state).paths();
        let configs =
            tokio::task::spawn_blocking(move || index::configs(paths.iter().map(String::as_str)))
                .await;
        let mut configs = match configs {
            Ok(Ok(c)) => c,
            // A file that cannot be read at all; a mistake in one is a finding of it instead.
            Ok(Err(e)) => {
                self.client.show_message(MessageType::ERROR, e).await;
                return;
            }
            Err(_) => return,
        };
        let out = {
            let mut s = self.edit();
            // The editor's text of an open configuration wins over the disk.
            for (path, text) in &mut configs {
                if s.docs.contains_key(path.as_str()) {
                    if let Some(open) = s.project.text(path) {
                        *text = open.to_string();
                    }
                }
            }
            // Excludes, joined folders and severities can change anywhere.
            let paths = s.project.set_config_files(configs);
            let mut out = diagnostics::outgoing(&mut s, &paths, None);
            out.refresh = s.caps.pull;
            out
        };
        send(&self.client, out).await;
    }
}

/// Sets the text of a document: a configuration file or a factory file.
fn set_text(project: &mut Project, path: &str, text: &str) -> Vec<String> {
    if index::is_config(path) {
        project.set_config(path, text)
    } else {
        project.set_file(path, text)
    }
}

/// Tells the client what it needs to hear.
async fn send(client: &Client, out: Outgoing) {
    for (uri, diagnostics, version) in out.publish {
        client.publish_diagnostics(uri, diagnostics, version).await;
    }
    if out.refresh {
        // A client that does not answer is no reason to stop.
        let _ = client.workspace_diagnostic_refresh().await;
    }
}

/// Applies one content change to a text; `None` when its range is outside the text.
fn apply(text: &str, change: TextDocumentContentChangeEvent, encoding: Encoding) -> Option<String> {
    let Some(range) = change.range else {
        return Some(change.text);
    };
    let ranges = convert::Ranges::new(text, encoding);
    let start = ranges.offset(range.start).ok()?;
    let end = ranges.offset(range.end).ok()?;
    if start > end {
        return None;
    }
    let mut out = String::with_capacity(text.len() + change.text.len());
    out.push_str(text.get(..start)?);
    out.push_str(&change.text);
    out.push_str(text.get(end..)?);
    Some(out)
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

fn client_caps(params: &InitializeParams) -> ClientCaps {
    let c = &params.capabilities;
    let td = c.text_document.as_ref();
    let ws = c.workspace.as_ref();
    ClientCaps {
        encoding: Encoding::negotiate(c),
        pull: td.and_then(|t| t.diagnostic.as_ref()).is_some(),
        file_rename: ws.and_then(|w| w.workspace_edit.as_ref()).is_some_and(|e| {
            e.document_changes == Some(true)
                && e.resource_operations
                    .as_ref()
                    .is_some_and(|ops| ops.contains(&ResourceOperationKind::Rename))
        }),
        progress: c
            .window
            .as_ref()
            .and_then(|w| w.work_done_progress)
            .unwrap_or(false),
        watch: ws
            .and_then(|w| w.did_change_watched_files.as_ref())
            .and_then(|d| d.dynamic_registration)
            .unwrap_or(false),
        snippets: td
            .and_then(|t| t.completion.as_ref())
            .and_then(|c| c.completion_item.as_ref())
            .and_then(|i| i.snippet_support)
            .unwrap_or(false),
    }
}

fn capabilities(caps: ClientCaps) -> ServerCapabilities {
    ServerCapabilities {
        position_encoding: Some(caps.encoding.kind()),
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
            trigger_characters: Some(vec!["\"".to_string(), ".".to_string(), "(".to_string()]),
            ..CompletionOptions::default()
        }),
        document_symbol_provider: Some(OneOf::Left(true)),
        workspace_symbol_provider: Some(OneOf::Left(true)),
        rename_provider: Some(OneOf::Left(true)),
        code_action_provider: Some(CodeActionProviderCapability::Options(CodeActionOptions {
            code_action_kinds: Some(vec![
                CodeActionKind::QUICKFIX,
                CodeActionKind::REFACTOR_REWRITE,
            ]),
            ..CodeActionOptions::default()
        })),
        folding_range_provider: Some(FoldingRangeProviderCapability::Simple(true)),
        selection_range_provider: Some(SelectionRangeProviderCapability::Simple(true)),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("adf".to_string()),
            inter_file_dependencies: true,
            workspace_diagnostics: true,
            ..DiagnosticOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = client_caps(&params);
        {
            let mut s = write(&self.state);
            s.roots = workspace_roots(&params);
            s.caps = caps;
        }
        Ok(InitializeResult {
            capabilities: capabilities(caps),
            server_info: Some(ServerInfo {
                name: "adf".to_string(),
                version: Some(env!("CARGO_PKG_VERSION").to_string()),
            }),
        })
    }

    async fn initialized(&self, _: InitializedParams) {
        let caps = read(&self.state).caps;
        if caps.watch {
            let watchers = ["**/*.json", "**/adf.toml"]
                .into_iter()
                .map(|glob| FileSystemWatcher {
                    glob_pattern: GlobPattern::String(glob.to_string()),
                    kind: None,
                })
                .collect();
            let options = DidChangeWatchedFilesRegistrationOptions { watchers };
            let registration = Registration {
                id: "adf/watch".to_string(),
                method: notification::DidChangeWatchedFiles::METHOD.to_string(),
                register_options: serde_json::to_value(options).ok(),
            };
            if let Err(e) = self.client.register_capability(vec![registration]).await {
                self.client
                    .log_message(
                        MessageType::WARNING,
                        format!("adf: file watching not registered: {e}"),
                    )
                    .await;
            }
        }
        // Indexing runs beside the handlers: documents opened meanwhile are answered at once
        // with their single-file findings.
        tokio::spawn(Self::index(self.client.clone(), Arc::clone(&self.state)));
    }

    async fn shutdown(&self) -> Result<()> {
        self.cancel_queries();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        let doc = params.text_document;
        let Ok(path) = path_of(&doc.uri) else {
            return;
        };
        let out = {
            let mut s = self.edit();
            s.docs.insert(
                path.clone(),
                Doc {
                    version: doc.version,
                },
            );
            let rechecked = set_text(&mut s.project, &path, &doc.text);
            diagnostics::outgoing(&mut s, &rechecked, Some(&path))
        };
        send(&self.client, out).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let out = {
            let mut s = self.edit();
            let encoding = s.caps.encoding;
            let mut text = s.project.text(&path).unwrap_or_default().to_string();
            for change in params.content_changes {
                // A change outside the text means client and server disagree; keeping the last
                // good text is better than inventing one.
                if let Some(t) = apply(&text, change, encoding) {
                    text = t;
                }
            }
            s.docs.insert(
                path.clone(),
                Doc {
                    version: params.text_document.version,
                },
            );
            let rechecked = set_text(&mut s.project, &path, &text);
            diagnostics::outgoing(&mut s, &rechecked, Some(&path))
        };
        send(&self.client, out).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        // The disk is the truth again for a closed file (or it is gone, if never saved).
        let out = {
            let mut s = self.edit();
            let disk = index::is_indexed(&s.roots, &path)
                .then(|| adf_host::files::load(&adf_host::fs::RealFs, Path::new(&path)).ok())
                .flatten();
            s.docs.remove(&path);
            let disk = if index::is_config(&path) {
                adf_host::files::load(&adf_host::fs::RealFs, Path::new(&path)).ok()
            } else {
                disk
            };
            let mut rechecked = match &disk {
                Some(text) => set_text(&mut s.project, &path, text),
                None if s.project.is_config(&path) => s.project.remove_config(&path),
                None => s.project.remove_file(&path),
            };
            if disk.is_none() && !rechecked.contains(&path) {
                rechecked.push(path.clone());
            }
            diagnostics::outgoing(&mut s, &rechecked, None)
        };
        send(&self.client, out).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        let roots = read(&self.state).roots.clone();
        let mut configs_changed = false;
        let mut changed: Vec<(String, Option<String>)> = Vec::new();
        for event in params.changes {
            let Ok(path) = path_of(&event.uri) else {
                continue;
            };
            if index::is_config(&path) {
                configs_changed = true;
                continue;
            }
            if !index::is_indexed(&roots, &path) {
                continue;
            }
            let text = if event.typ == FileChangeType::DELETED {
                None
            } else {
                adf_host::files::load(&adf_host::fs::RealFs, Path::new(&path)).ok()
            };
            changed.push((path, text));
        }
        if !changed.is_empty() {
            let out = {
                let mut s = self.edit();
                let mut rechecked: Vec<String> = Vec::new();
                for (path, text) in changed {
                    // The editor's text of an open document wins over the disk.
                    if s.docs.contains_key(&path) {
                        continue;
                    }
                    let again = match &text {
                        Some(t) => s.project.set_file(&path, t),
                        None => {
                            let mut r = s.project.remove_file(&path);
                            r.push(path.clone());
                            r
                        }
                    };
                    for p in again {
                        if !rechecked.contains(&p) {
                            rechecked.push(p);
                        }
                    }
                }
                let mut out = diagnostics::outgoing(&mut s, &rechecked, None);
                out.refresh = out.refresh || (s.caps.pull && !rechecked.is_empty());
                out
            };
            send(&self.client, out).await;
        }
        if configs_changed {
            self.reload_configs().await;
        }
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let path = path_of(&params.text_document.uri)?;
        self.query(move |s, _| {
            if !s.project.contains(&path) {
                return Err(convert::invalid(format!("unknown document: {path}")));
            }
            Ok(DocumentDiagnosticReportResult::Report(
                diagnostics::document_report(s, &path, params.previous_result_id.as_deref()),
            ))
        })
        .await
    }

    async fn workspace_diagnostic(
        &self,
        params: WorkspaceDiagnosticParams,
    ) -> Result<WorkspaceDiagnosticReportResult> {
        self.query(move |s, cancel| {
            diagnostics::workspace_report(s, &params.previous_result_ids, cancel)
                .map(WorkspaceDiagnosticReportResult::Report)
                .map_err(handlers::stale)
        })
        .await
    }

    async fn goto_definition(
        &self,
        params: GotoDefinitionParams,
    ) -> Result<Option<GotoDefinitionResponse>> {
        self.query(move |s, _| handlers::definition(s, &params.text_document_position_params))
            .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        self.query(move |s, cancel| handlers::references(s, &params, cancel))
            .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        self.query(move |s, _| handlers::hover(s, &params.text_document_position_params))
            .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        self.query(move |s, _| handlers::completion(s, &params.text_document_position))
            .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        self.query(move |s, _| handlers::document_symbols(s, &params.text_document.uri))
            .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<OneOf<Vec<SymbolInformation>, Vec<WorkspaceSymbol>>>> {
        self.query(move |s, cancel| handlers::workspace_symbols(s, &params.query, cancel))
            .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        self.query(move |s, cancel| handlers::rename(s, &params, cancel).map(Some))
            .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        self.query(move |s, _| handlers::code_actions(s, &params))
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        self.query(move |s, _| handlers::folding_ranges(s, &params.text_document.uri))
            .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        self.query(move |s, _| handlers::selection_ranges(s, &params))
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
        let failed: Result<()> = backend.query(|_, _| panic!("query bug")).await;
        assert_eq!(failed, Err(Error::internal_error()));
        // The state is still usable afterwards.
        let ok = backend.query(|s, _| Ok(s.docs.len())).await;
        assert_eq!(ok, Ok(0));
    }

    #[tokio::test]
    async fn an_edit_cancels_the_queries_in_flight() {
        let (service, _socket) = LspService::new(Backend::new);
        let backend = service.inner();
        let (started_tx, started_rx) = std::sync::mpsc::channel();
        let query = backend.query(move |_, cancel| {
            let _ = started_tx.send(());
            // A long query that polls its flag, as the core's loops over files do.
            for _ in 0..10_000 {
                if cancel.is_cancelled() {
                    return Err(Error::content_modified());
                }
                std::thread::sleep(std::time::Duration::from_millis(1));
            }
            Ok(())
        });
        let edit = async {
            let _ = tokio::task::spawn_blocking(move || started_rx.recv()).await;
            backend.cancel_queries();
        };
        let (result, ()) = tokio::join!(query, edit);
        assert_eq!(result, Err(Error::content_modified()));
    }

    #[test]
    fn incremental_changes_apply_at_utf16_and_utf8_positions() {
        let change = |l0, c0, l1, c1, text: &str| TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        };
        // "é" is one UTF-16 unit and two bytes; "😀" two units and four bytes.
        let text = "{\"é😀\": 1,\n \"b\": 2}";
        let utf16 = Encoding::Utf16;
        assert_eq!(
            apply(text, change(0, 5, 0, 5, "x"), utf16).as_deref(),
            Some("{\"é😀x\": 1,\n \"b\": 2}")
        );
        assert_eq!(
            apply(text, change(1, 1, 1, 4, "\"c\""), utf16).as_deref(),
            Some("{\"é😀\": 1,\n \"c\": 2}")
        );
        assert_eq!(apply(text, change(7, 0, 7, 0, "x"), utf16), None);
        // In UTF-8 the same place is byte column 8.
        assert_eq!(
            apply(text, change(0, 8, 0, 8, "x"), Encoding::Utf8).as_deref(),
            Some("{\"é😀x\": 1,\n \"b\": 2}")
        );
    }
}
