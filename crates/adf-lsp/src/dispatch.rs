//! Request routing: the `LanguageServer` methods, each handed to `sync`, `indexing` or a query
//! (`handlers`, one core query per request) run on the read lock once the documents it reads
//! are checked ([`Scope`]).

use crate::capabilities;
use crate::checking::Scope;
use crate::convert::path_of;
use crate::diagnostics;
use crate::handlers;
use crate::server::{write, Backend};
use std::sync::Arc;
use tower_lsp_server::jsonrpc::Result;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::LanguageServer;

impl LanguageServer for Backend {
    async fn initialize(&self, params: InitializeParams) -> Result<InitializeResult> {
        let caps = capabilities::client_caps(&params);
        {
            let mut s = write(&self.state);
            s.roots = capabilities::workspace_roots(&params);
            s.caps = caps;
            // Nothing is loaded yet: the project starts over with the session's options.
            if caps.profile.is_some() {
                s.project = adf_core::Project::new(caps.check_options());
            }
        }
        Ok(capabilities::initialize_result(caps))
    }

    async fn initialized(&self, _: InitializedParams) {
        self.register_watchers().await;
        // Indexing runs beside the handlers: documents opened meanwhile are answered at once
        // with their single-file findings.
        tokio::spawn(Self::index(self.client.clone(), Arc::clone(&self.state)));
    }

    async fn shutdown(&self) -> Result<()> {
        self.cancel_queries();
        Ok(())
    }

    async fn did_open(&self, params: DidOpenTextDocumentParams) {
        self.open(params).await;
    }

    async fn did_change(&self, params: DidChangeTextDocumentParams) {
        self.change(params).await;
    }

    async fn did_close(&self, params: DidCloseTextDocumentParams) {
        self.close(params).await;
    }

    async fn did_change_watched_files(&self, params: DidChangeWatchedFilesParams) {
        self.watched_files_changed(params).await;
    }

    async fn diagnostic(
        &self,
        params: DocumentDiagnosticParams,
    ) -> Result<DocumentDiagnosticReportResult> {
        let Some(path) = file(&params.text_document.uri) else {
            return Ok(DocumentDiagnosticReportResult::Report(
                DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
            ));
        };
        self.query(Scope::Doc(path.clone()), move |s, _| {
            // A file that left the workspace (renamed, deleted) has no findings: VS Code pulls
            // once more for the old name after a rename, and an error there only fills its log.
            if !s.project.contains(&path) {
                return Ok(DocumentDiagnosticReportResult::Report(
                    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport::default()),
                ));
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
        self.query(Scope::All, move |s, cancel| {
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
        if file(&params.text_document_position_params.text_document.uri).is_none() {
            return Ok(None);
        }
        self.query(Scope::All, move |s, _| {
            handlers::definition(s, &params.text_document_position_params)
        })
        .await
    }

    async fn references(&self, params: ReferenceParams) -> Result<Option<Vec<Location>>> {
        if file(&params.text_document_position.text_document.uri).is_none() {
            return Ok(None);
        }
        self.query(Scope::All, move |s, cancel| {
            handlers::references(s, &params, cancel)
        })
        .await
    }

    async fn hover(&self, params: HoverParams) -> Result<Option<Hover>> {
        let Some(path) = file(&params.text_document_position_params.text_document.uri) else {
            return Ok(None);
        };
        self.query(Scope::Doc(path), move |s, _| {
            handlers::hover(s, &params.text_document_position_params)
        })
        .await
    }

    async fn completion(&self, params: CompletionParams) -> Result<Option<CompletionResponse>> {
        let Some(path) = file(&params.text_document_position.text_document.uri) else {
            return Ok(None);
        };
        self.query(Scope::Doc(path), move |s, _| {
            handlers::completion(s, &params.text_document_position)
        })
        .await
    }

    async fn document_symbol(
        &self,
        params: DocumentSymbolParams,
    ) -> Result<Option<DocumentSymbolResponse>> {
        let Some(path) = file(&params.text_document.uri) else {
            return Ok(None);
        };
        self.query(Scope::Doc(path), move |s, _| {
            handlers::document_symbols(s, &params.text_document.uri)
        })
        .await
    }

    async fn symbol(
        &self,
        params: WorkspaceSymbolParams,
    ) -> Result<Option<OneOf<Vec<SymbolInformation>, Vec<WorkspaceSymbol>>>> {
        self.query(Scope::All, move |s, cancel| {
            handlers::workspace_symbols(s, &params.query, cancel)
        })
        .await
    }

    async fn rename(&self, params: RenameParams) -> Result<Option<WorkspaceEdit>> {
        if file(&params.text_document_position.text_document.uri).is_none() {
            return Ok(None);
        }
        self.query(Scope::All, move |s, cancel| {
            handlers::rename(s, &params, cancel).map(Some)
        })
        .await
    }

    async fn code_action(&self, params: CodeActionParams) -> Result<Option<CodeActionResponse>> {
        if file(&params.text_document.uri).is_none() {
            return Ok(None);
        }
        self.query(Scope::All, move |s, _| handlers::code_actions(s, &params))
            .await
    }

    async fn folding_range(&self, params: FoldingRangeParams) -> Result<Option<Vec<FoldingRange>>> {
        let Some(path) = file(&params.text_document.uri) else {
            return Ok(None);
        };
        self.query(Scope::Doc(path), move |s, _| {
            handlers::folding_ranges(s, &params.text_document.uri)
        })
        .await
    }

    async fn execute_command(
        &self,
        params: ExecuteCommandParams,
    ) -> Result<Option<serde_json::Value>> {
        if params.command != handlers::EVALUATE {
            return Err(crate::convert::invalid(format!(
                "unknown command: {}",
                params.command
            )));
        }
        let (position, inputs) = handlers::evaluate_args(params.arguments)?;
        // A document that is not a file is none of the factory's: no expression to evaluate.
        let Some(path) = file(&position.text_document.uri) else {
            return Ok(Some(serde_json::Value::Null));
        };
        self.query(Scope::Doc(path), move |s, _| {
            handlers::evaluate(s, &position, &inputs)
        })
        .await
    }

    async fn selection_range(
        &self,
        params: SelectionRangeParams,
    ) -> Result<Option<Vec<SelectionRange>>> {
        let Some(path) = file(&params.text_document.uri) else {
            return Ok(None);
        };
        self.query(Scope::Doc(path), move |s, _| {
            handlers::selection_ranges(s, &params)
        })
        .await
    }
}

impl Backend {
    /// `adf/graph` (no params): the dependency graph of the factories with the configuration
    /// applied, the object `adf graph --format json` prints for the same folder.
    pub(crate) async fn graph(&self) -> Result<adf_core::graph::Plain> {
        self.query(Scope::All, |s, _| Ok(handlers::graph(s))).await
    }
}

/// The path of a request's document; `None` for a document that is not a file (a diff's
/// side, an untitled buffer, a notebook cell): it is not part of the factory, and an error
/// for each of its requests would only fill the client's log, so it gets empty answers.
fn file(uri: &Uri) -> Option<String> {
    path_of(uri).ok()
}
