//! Document sync: the editor's texts of open documents (open, change, close) replace the disk's
//! in the project. Only `file:` documents take part: another scheme (`git:` for a diff's left
//! side, `untitled:`, notebook cells, plugins' views) is a different document even when its
//! path equals a real file's, so it is ignored and requests on it get empty answers.
//!
//! Open and change record the editor's text under the write lock and hand the check to the
//! checker (`checking.rs`), which runs it off the message loop; a configuration file is small and
//! governs every other file, so it is set at once.

use crate::convert::{self, path_of, Encoding};
use crate::diagnostics;
use crate::index;
use crate::server::{send, Backend};
use crate::state::{Doc, Revert, State};
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
            s.openings += 1;
            let opening = s.openings;
            // The editor's text is the truth again: a pending return to the disk's is moot.
            s.reverting.remove(&path);
            s.docs
                .insert(path.clone(), Doc::opened(doc.version, opening, doc.text));
            settle_config(&mut s, &path)
        };
        match out {
            Some(out) => send(&self.client, out).await,
            None => self.check_soon(),
        }
    }

    /// A document changed: its changes are applied in order to the editor's latest text.
    pub(crate) async fn change(&self, params: DidChangeTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        let version = params.text_document.version;
        let mut notes: Vec<String> = Vec::new();
        let out = {
            let mut s = self.edit();
            let encoding = s.caps.encoding;
            let mut text = s.editor_text(&path).unwrap_or_default().to_string();
            for change in params.content_changes {
                let (t, note) = apply(&text, change, encoding);
                text = t;
                notes.extend(note);
            }
            let fresh = !s.docs.contains_key(&path);
            if fresh {
                // A change of a document never opened: the disk's text was its base.
                s.openings += 1;
                let opening = s.openings;
                s.docs
                    .insert(path.clone(), Doc::opened(version, opening, String::new()));
            }
            if let Some(doc) = s.docs.get_mut(&path) {
                if version <= doc.version && !fresh {
                    notes.push(format!(
                        "version {version} arrived after version {}; its changes were applied, \
                         the document keeps version {}",
                        doc.version, doc.version
                    ));
                }
                doc.version = doc.version.max(version);
                doc.edits += 1;
                doc.pending = Some(text);
            }
            settle_config(&mut s, &path)
        };
        for note in notes {
            self.client
                .log_message(
                    MessageType::WARNING,
                    format!("adf: didChange of {path}: {note}"),
                )
                .await;
        }
        match out {
            Some(out) => send(&self.client, out).await,
            None => self.check_soon(),
        }
    }

    /// A document closed: the disk is the truth again (or the file leaves the project, when it
    /// is outside the workspace folders or gone). A configuration file is small and governs
    /// every file: set at once; a factory file goes to the checker, off the message loop, like
    /// an edit (a closed 30 MB pipeline must not hold up the requests behind it).
    pub(crate) async fn close(&self, params: DidCloseTextDocumentParams) {
        let Ok(path) = path_of(&params.text_document.uri) else {
            return;
        };
        if !index::is_config(&path) {
            {
                let mut s = self.edit();
                s.docs.remove(&path);
                s.closes += 1;
                let revert = Revert {
                    close: s.closes,
                    from_disk: index::is_indexed(&s.roots, &path),
                };
                s.reverting.insert(path, revert);
            }
            self.check_soon();
            return;
        }
        let out = {
            let mut s = self.edit();
            s.docs.remove(&path);
            let disk = adf_host::files::load(&adf_host::fs::RealFs, Path::new(&path)).ok();
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

/// Sets the editor's text of an open configuration file at once (it is small, and what the
/// configuration decides governs every file); `None` for a factory file, left to the checker.
fn settle_config(s: &mut State, path: &str) -> Option<diagnostics::Outgoing> {
    if !index::is_config(path) {
        return None;
    }
    let doc = s.docs.get_mut(path)?;
    let text = doc.pending.take()?;
    doc.checked_edits = doc.edits;
    doc.checked = Some(doc.version);
    let rechecked = s.project.set_config(path, &text);
    Some(diagnostics::outgoing(s, &rechecked, Some(path)))
}

/// Sets the text of a document: a configuration file or a factory file.
pub(crate) fn set_text(project: &mut Project, path: &str, text: &str) -> Vec<String> {
    if index::is_config(path) {
        project.set_config(path, text)
    } else {
        project.set_file(path, text)
    }
}

/// Applies one content change to a text, as the reference implementation of LSP text
/// documents does (vscode-languageserver-node's `TextDocument.update`): a position past the
/// last line is the end of the text, a column past its line's end the line's end, and a range
/// whose end comes before its start is taken the other way round. Dropping such a change would
/// apply the batch's later changes to a text the client never had. Returns the new text and,
/// when the range had to be mended, what was done (the client and the server disagree: worth
/// a log line).
fn apply(
    text: &str,
    change: TextDocumentContentChangeEvent,
    encoding: Encoding,
) -> (String, Option<String>) {
    let Some(range) = change.range else {
        return (change.text, None);
    };
    let ranges = convert::Ranges::new(text, encoding);
    let (mut start, start_moved) = ranges.clamped_offset(range.start);
    let (mut end, end_moved) = ranges.clamped_offset(range.end);
    let mut mended = Vec::new();
    if start_moved || end_moved {
        mended.push("a position past the end of the text was taken as its end");
    }
    if start > end {
        std::mem::swap(&mut start, &mut end);
        mended.push("a range ending before its start was taken the other way round");
    }
    let note = (!mended.is_empty()).then(|| {
        format!(
            "range {}:{}-{}:{} ({} lines): {}",
            range.start.line,
            range.start.character,
            range.end.line,
            range.end.character,
            text.lines().count(),
            mended.join("; ")
        )
    });
    // Offsets from the converter are character boundaries of `text`.
    let (Some(before), Some(after)) = (text.get(..start), text.get(end..)) else {
        return (
            text.to_string(),
            Some("a range inside a character".to_string()),
        );
    };
    let mut out = String::with_capacity(text.len() + change.text.len());
    out.push_str(before);
    out.push_str(&change.text);
    out.push_str(after);
    (out, note)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn change(l0: u32, c0: u32, l1: u32, c1: u32, text: &str) -> TextDocumentContentChangeEvent {
        TextDocumentContentChangeEvent {
            range: Some(Range::new(Position::new(l0, c0), Position::new(l1, c1))),
            range_length: None,
            text: text.to_string(),
        }
    }

    fn applied(text: &str, c: TextDocumentContentChangeEvent) -> String {
        apply(text, c, Encoding::Utf16).0
    }

    #[test]
    fn incremental_changes_apply_at_utf16_and_utf8_positions() {
        // "é" is one UTF-16 unit and two bytes; "😀" two units and four bytes.
        let text = "{\"é😀\": 1,\n \"b\": 2}";
        assert_eq!(
            apply(text, change(0, 5, 0, 5, "x"), Encoding::Utf16),
            ("{\"é😀x\": 1,\n \"b\": 2}".to_string(), None)
        );
        assert_eq!(
            applied(text, change(1, 1, 1, 4, "\"c\"")),
            "{\"é😀\": 1,\n \"c\": 2}"
        );
        // In UTF-8 the same place is byte column 8.
        assert_eq!(
            apply(text, change(0, 8, 0, 8, "x"), Encoding::Utf8).0,
            "{\"é😀x\": 1,\n \"b\": 2}"
        );
    }

    #[test]
    fn a_range_past_the_end_is_clamped_to_the_end_and_noted() {
        let text = "{\"a\": 1}\n";
        let (out, note) = apply(text, change(7, 0, 7, 0, "x"), Encoding::Utf16);
        assert_eq!(out, "{\"a\": 1}\nx");
        assert!(note.is_some_and(|n| n.contains("past the end")));
        // A start inside the text and an end past it: everything after the start goes.
        assert_eq!(applied(text, change(0, 6, 9, 3, "2}")), "{\"a\": 2}");
        // A column past its line's end is that line's end, as LSP allows: nothing to note.
        let (out, note) = apply(text, change(0, 99, 0, 99, " "), Encoding::Utf16);
        assert_eq!(out, "{\"a\": 1} \n");
        assert_eq!(note, None);
    }

    #[test]
    fn a_range_ending_before_its_start_is_swapped_and_noted() {
        let text = "{\"a\": 1}";
        let (out, note) = apply(text, change(0, 7, 0, 6, "2"), Encoding::Utf16);
        assert_eq!(out, "{\"a\": 2}");
        assert!(note.is_some_and(|n| n.contains("other way round")));
    }

    #[test]
    fn later_changes_of_a_batch_apply_to_the_mended_text() {
        // The first change's range ends before its start; the second is relative to the text
        // the first produced, as the client computed it.
        let text = "abc";
        let mut t = text.to_string();
        for c in [change(0, 2, 0, 1, "X"), change(0, 3, 0, 3, "!")] {
            t = applied(&t, c);
        }
        assert_eq!(t, "aXc!");
    }
}
