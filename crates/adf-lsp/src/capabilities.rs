//! What the server tells the client it can do (the `initialize` answer), and what it learns of
//! the client (its capabilities and workspace folders).

use crate::convert::Encoding;
use crate::state::ClientCaps;
use std::path::PathBuf;
use tower_lsp_server::lsp_types::*;
use tower_lsp_server::UriExt;

/// The workspace folders (or the root of a client that names no folder).
pub(crate) fn workspace_roots(params: &InitializeParams) -> Vec<PathBuf> {
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

/// What the server's answers depend on of the client's capabilities.
pub(crate) fn client_caps(params: &InitializeParams) -> ClientCaps {
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
        max_files: params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("maxFiles"))
            .and_then(serde_json::Value::as_u64)
            .and_then(|n| usize::try_from(n).ok()),
        profile: params
            .initialization_options
            .as_ref()
            .and_then(|o| o.get("profile"))
            .and_then(serde_json::Value::as_str)
            .and_then(adf_core::Profile::from_name),
    }
}

/// The server's capabilities for a client.
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
        execute_command_provider: Some(ExecuteCommandOptions {
            commands: vec![crate::handlers::EVALUATE.to_string()],
            ..ExecuteCommandOptions::default()
        }),
        diagnostic_provider: Some(DiagnosticServerCapabilities::Options(DiagnosticOptions {
            identifier: Some("adf".to_string()),
            inter_file_dependencies: true,
            workspace_diagnostics: true,
            ..DiagnosticOptions::default()
        })),
        ..ServerCapabilities::default()
    }
}

/// The answer to `initialize`.
pub(crate) fn initialize_result(caps: ClientCaps) -> InitializeResult {
    InitializeResult {
        capabilities: capabilities(caps),
        server_info: Some(ServerInfo {
            name: "adf".to_string(),
            version: Some(env!("CARGO_PKG_VERSION").to_string()),
        }),
    }
}
