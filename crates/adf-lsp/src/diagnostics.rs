//! Findings for the editor: pushed (`publishDiagnostics`, with the open document's version) or
//! pulled (`textDocument/diagnostic`, `workspace/diagnostic`, with result ids).

use crate::convert::{self, uri_of, Ranges};
use crate::state::State;
use std::collections::HashMap;
use tower_lsp_server::lsp_types::*;

/// Diagnostics ready to publish: document, findings, version of an open document.
pub(crate) type Publish = (Uri, Vec<Diagnostic>, Option<i32>);

/// What to tell the client after files were checked again.
#[derive(Default)]
pub(crate) struct Outgoing {
    /// Findings to push.
    pub publish: Vec<Publish>,
    /// Ask a pulling client to pull again (findings of files it did not edit changed).
    pub refresh: bool,
}

/// A file's findings as LSP diagnostics.
pub(crate) fn lsp_diagnostics(state: &State, path: &str) -> Vec<Diagnostic> {
    let found = state.findings(path);
    if found.is_empty() {
        return Vec::new();
    }
    let Some(text) = state.project.text(path) else {
        return Vec::new();
    };
    let ranges = Ranges::new(text, state.caps.encoding);
    found
        .iter()
        .map(|d| convert::diagnostic(&ranges, d))
        .collect()
}

/// What the client needs to hear after `paths` were checked again because of an edit of
/// `edited` (if any): pushed findings, or a refresh request for a pulling client when files
/// other than the one the client is editing changed.
pub(crate) fn outgoing(state: &mut State, paths: &[String], edited: Option<&str>) -> Outgoing {
    state.touched(paths);
    if state.caps.pull {
        let others = paths.iter().any(|p| Some(p.as_str()) != edited);
        return Outgoing {
            publish: Vec::new(),
            refresh: others,
        };
    }
    let mut publish = Vec::new();
    for path in paths {
        // Findings go with the version of the text they are about: an open document's text
        // that was not checked yet has no findings to show, and a version older than one
        // already shown would take the client back.
        let version = match state.docs.get(path) {
            Some(doc) => match doc.checked {
                Some(v) if doc.published.is_none_or(|p| v >= p) => Some(v),
                _ => continue,
            },
            None => None,
        };
        let diagnostics = lsp_diagnostics(state, path);
        // Files never reported and still clean need no message (thousands after indexing).
        if diagnostics.is_empty() && !state.published.remove(path) && !state.docs.contains_key(path)
        {
            continue;
        }
        if !diagnostics.is_empty() {
            state.published.insert(path.clone());
        }
        let Some(uri) = uri_of(path) else {
            continue;
        };
        if let Some(doc) = state.docs.get_mut(path) {
            doc.published = version;
        }
        publish.push((uri, diagnostics, version));
    }
    Outgoing {
        publish,
        refresh: false,
    }
}

/// The pulled report of one document.
pub(crate) fn document_report(
    state: &State,
    path: &str,
    previous: Option<&str>,
) -> DocumentDiagnosticReport {
    let result_id = state.result_id(path);
    if previous == Some(result_id.as_str()) {
        return DocumentDiagnosticReport::Unchanged(RelatedUnchangedDocumentDiagnosticReport {
            related_documents: None,
            unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport { result_id },
        });
    }
    DocumentDiagnosticReport::Full(RelatedFullDocumentDiagnosticReport {
        related_documents: None,
        full_document_diagnostic_report: FullDocumentDiagnosticReport {
            result_id: Some(result_id),
            items: lsp_diagnostics(state, path),
        },
    })
}

/// The pulled report of every file of the workspace; files whose result id the client already
/// has are reported unchanged.
pub(crate) fn workspace_report(
    state: &State,
    previous: &[PreviousResultId],
    cancel: &adf_core::ide::Cancel,
) -> Result<WorkspaceDiagnosticReport, adf_core::ide::Cancelled> {
    let known: HashMap<&str, &str> = previous
        .iter()
        .map(|p| (p.uri.as_str(), p.value.as_str()))
        .collect();
    let mut items = Vec::new();
    for path in state.paths() {
        let path = path.as_str();
        cancel.check()?;
        let Some(uri) = uri_of(path) else {
            continue;
        };
        let version = state.docs.get(path).and_then(|d| d.checked).map(i64::from);
        let result_id = state.result_id(path);
        if known.get(uri.as_str()) == Some(&result_id.as_str()) {
            items.push(WorkspaceDocumentDiagnosticReport::Unchanged(
                WorkspaceUnchangedDocumentDiagnosticReport {
                    uri,
                    version,
                    unchanged_document_diagnostic_report: UnchangedDocumentDiagnosticReport {
                        result_id,
                    },
                },
            ));
        } else {
            items.push(WorkspaceDocumentDiagnosticReport::Full(
                WorkspaceFullDocumentDiagnosticReport {
                    uri,
                    version,
                    full_document_diagnostic_report: FullDocumentDiagnosticReport {
                        result_id: Some(result_id),
                        items: lsp_diagnostics(state, path),
                    },
                },
            ));
        }
    }
    Ok(WorkspaceDiagnosticReport { items })
}
