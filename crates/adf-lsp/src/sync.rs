//! Document sync: the editor's texts of open documents (open, change, close) replace the disk's
//! in the project, and the findings they change are sent.

use crate::convert::{self, path_of, Encoding};
use crate::diagnostics;
use crate::index;
use crate::server::{send, Backend};
use crate::state::Doc;
use adf_core::Project;
use std::path::Path;
use tower_lsp_server::lsp_types::*;

impl Backend {
    /// A document opened: its text replaces the disk's.
    pub(crate) async fn open(&self, params: DidOpenTextDocumentParams) {
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

    /// A document changed: its changes are applied in order.
    pub(crate) async fn change(&self, params: DidChangeTextDocumentParams) {
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

    /// A document closed: the disk is the truth again.
    pub(crate) async fn close(&self, params: DidCloseTextDocumentParams) {
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
}

/// Sets the text of a document: a configuration file or a factory file.
pub(crate) fn set_text(project: &mut Project, path: &str, text: &str) -> Vec<String> {
    if index::is_config(path) {
        project.set_config(path, text)
    } else {
        project.set_file(path, text)
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

#[cfg(test)]
mod tests {
    use super::*;

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
