//! Conversions between the core's plain data and LSP types: URIs ⇄ paths, positions (UTF-16 or
//! UTF-8) ⇄ byte offsets, and the query results.

use adf_core::ide;
use adf_core::{Diagnostic, Severity, TextRange};
use adf_syntax::{LineCol, LineIndex, PastEnd, Unit};
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types as lsp;
use tower_lsp_server::UriExt;

/// An InvalidParams error with a message.
pub(crate) fn invalid(message: impl Into<String>) -> Error {
    let mut e = Error::invalid_params(message.into());
    e.data = None;
    e
}

/// Whether a URI names a file on disk. Editors also open other views of a file (`git:` for a
/// diff's left side, `untitled:`, notebook cells, plugins' own schemes) whose path part may equal
/// a real file's: those are not the file and must never replace or join it.
pub(crate) fn is_file(uri: &lsp::Uri) -> bool {
    uri.scheme()
        .is_some_and(|s| s.as_str().eq_ignore_ascii_case("file"))
}

/// The workspace path of a `file:` URI; an error for any other scheme.
pub(crate) fn path_of(uri: &lsp::Uri) -> Result<String> {
    if !is_file(uri) {
        return Err(invalid(format!("not a file URI: {}", uri.as_str())));
    }
    uri.to_file_path()
        .map(|p| p.to_string_lossy().into_owned())
        .ok_or_else(|| invalid(format!("not a file URI: {}", uri.as_str())))
}

/// The `file:` URI of a workspace path.
pub(crate) fn uri_of(path: &str) -> Option<lsp::Uri> {
    lsp::Uri::from_file_path(path)
}

/// The unit of a position's `character`: UTF-16 code units (LSP's default) or UTF-8 bytes, when
/// the client offers it (no conversion of columns at all).
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub(crate) enum Encoding {
    /// UTF-16 code units.
    #[default]
    Utf16,
    /// UTF-8 bytes.
    Utf8,
}

impl Encoding {
    /// The encoding to use with a client: UTF-8 when it offers it.
    pub fn negotiate(caps: &lsp::ClientCapabilities) -> Self {
        let offered = caps
            .general
            .as_ref()
            .and_then(|g| g.position_encodings.as_ref());
        match offered {
            Some(kinds) if kinds.contains(&lsp::PositionEncodingKind::UTF8) => Self::Utf8,
            _ => Self::Utf16,
        }
    }

    /// The unit of columns.
    pub fn unit(self) -> Unit {
        match self {
            Self::Utf16 => Unit::Utf16,
            Self::Utf8 => Unit::Utf8,
        }
    }

    /// The LSP name of the encoding.
    pub fn kind(self) -> lsp::PositionEncodingKind {
        match self {
            Self::Utf16 => lsp::PositionEncodingKind::UTF16,
            Self::Utf8 => lsp::PositionEncodingKind::UTF8,
        }
    }
}

/// Converts between byte offsets of one text and LSP positions.
pub(crate) struct Ranges<'t> {
    text: &'t str,
    index: LineIndex,
    encoding: Encoding,
}

impl<'t> Ranges<'t> {
    /// A converter for `text`.
    pub fn new(text: &'t str, encoding: Encoding) -> Self {
        Self {
            text,
            index: LineIndex::new(text),
            encoding,
        }
    }

    /// The LSP position of a byte offset.
    pub fn position(&self, offset: usize) -> lsp::Position {
        let lc = self.index.position(self.text, offset, self.encoding.unit());
        lsp::Position::new(lc.line, lc.col)
    }

    /// The LSP range of a byte range.
    pub fn range(&self, r: TextRange) -> lsp::Range {
        lsp::Range::new(self.position(r.start), self.position(r.end))
    }

    /// The byte offset of a position; an error when its line does not exist. A column past the
    /// line's end means the line's end (LSP lets clients say so).
    pub fn offset(&self, pos: lsp::Position) -> Result<usize> {
        let lc = LineCol {
            line: pos.line,
            col: pos.character,
        };
        self.index
            .offset(self.text, lc, self.encoding.unit(), PastEnd::Clamp)
            .map_err(|e| invalid(e.to_string()))
    }

    /// The byte offset of a position, never failing: a line past the last means the end of the
    /// text, as in the reference implementation of LSP text documents
    /// (vscode-languageserver-node's `TextDocument.offsetAt`); the flag says it was moved so.
    pub fn clamped_offset(&self, pos: lsp::Position) -> (usize, bool) {
        match self.offset(pos) {
            Ok(offset) => (offset, false),
            Err(_) => (self.text.len(), true),
        }
    }

    /// The byte range of an LSP range (its ends ordered).
    pub fn text_range(&self, r: lsp::Range) -> Result<TextRange> {
        let (a, b) = (self.offset(r.start)?, self.offset(r.end)?);
        Ok(TextRange::new(a.min(b), a.max(b)))
    }
}

/// An LSP diagnostic for a core finding.
pub(crate) fn diagnostic(ranges: &Ranges<'_>, d: &Diagnostic) -> lsp::Diagnostic {
    lsp::Diagnostic {
        range: ranges.range(d.range),
        severity: Some(match d.severity {
            Severity::Error => lsp::DiagnosticSeverity::ERROR,
            Severity::Warning => lsp::DiagnosticSeverity::WARNING,
            Severity::Info => lsp::DiagnosticSeverity::INFORMATION,
            Severity::Hint => lsp::DiagnosticSeverity::HINT,
        }),
        code: Some(lsp::NumberOrString::String(d.rule.name.to_string())),
        source: Some("adf".to_string()),
        message: d.message.clone(),
        ..lsp::Diagnostic::default()
    }
}

/// An LSP completion item for a core one; its replace range, when known, becomes a text edit.
/// A snippet goes as plain text to a client that did not declare `snippetSupport`, which
/// would otherwise insert `$1` literally.
pub(crate) fn completion_item(
    ranges: &Ranges<'_>,
    mut item: ide::CompletionItem,
    snippets: bool,
) -> lsp::CompletionItem {
    if item.snippet && !snippets {
        item.insert_text = snippet_to_plain(&item.insert_text);
        item.snippet = false;
    }
    let text_edit = item.replace.map(|r| {
        lsp::CompletionTextEdit::Edit(lsp::TextEdit::new(
            ranges.range(r),
            item.insert_text.clone(),
        ))
    });
    lsp::CompletionItem {
        kind: Some(match item.kind {
            ide::CompletionKind::Property => lsp::CompletionItemKind::PROPERTY,
            ide::CompletionKind::Value => lsp::CompletionItemKind::ENUM_MEMBER,
            ide::CompletionKind::Type => lsp::CompletionItemKind::CLASS,
            ide::CompletionKind::Entity(_) => lsp::CompletionItemKind::REFERENCE,
            ide::CompletionKind::Activity => lsp::CompletionItemKind::FIELD,
            ide::CompletionKind::Function => lsp::CompletionItemKind::FUNCTION,
            ide::CompletionKind::Parameter => lsp::CompletionItemKind::VARIABLE,
            ide::CompletionKind::Variable => lsp::CompletionItemKind::VARIABLE,
        }),
        detail: item.detail,
        filter_text: item.filter_text,
        text_edit,
        insert_text: Some(item.insert_text),
        insert_text_format: Some(if item.snippet {
            lsp::InsertTextFormat::SNIPPET
        } else {
            lsp::InsertTextFormat::PLAIN_TEXT
        }),
        label: item.label,
        ..lsp::CompletionItem::default()
    }
}

/// The text a snippet inserts with its tab stops left empty: `$1` and `$0` go, a placeholder
/// `${1:x}` leaves `x`, a choice `${1|a,b|}` its first option, `\$` `\}` `\\` their character.
pub(crate) fn snippet_to_plain(snippet: &str) -> String {
    let mut out = String::with_capacity(snippet.len());
    let mut chars = snippet.chars().peekable();
    // Placeholders open with `${`: how many are open, and whether the text is a choice's
    // options after the first (dropped).
    let mut open = 0usize;
    let mut skipping_choice = false;
    while let Some(c) = chars.next() {
        match c {
            '\\' => {
                if let Some(next) = chars.next() {
                    if !skipping_choice {
                        out.push(next);
                    }
                }
            }
            '$' if chars.peek().is_some_and(char::is_ascii_digit) => {
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
            }
            '$' if chars.peek() == Some(&'{') => {
                chars.next();
                while chars.peek().is_some_and(char::is_ascii_digit) {
                    chars.next();
                }
                match chars.next() {
                    Some(':') => open += 1,
                    Some('|') => {
                        open += 1;
                        // The first option is what is inserted; `,` ends it, `|}` the choice.
                        while let Some(o) = chars.next() {
                            match o {
                                ',' => {
                                    skipping_choice = true;
                                    break;
                                }
                                '|' => break,
                                '\\' => {
                                    if let Some(n) = chars.next() {
                                        out.push(n);
                                    }
                                }
                                _ => out.push(o),
                            }
                        }
                    }
                    // `${1}`: an empty tab stop.
                    _ => {}
                }
            }
            '}' if open > 0 => {
                open -= 1;
                skipping_choice = false;
            }
            _ if skipping_choice => {}
            _ => out.push(c),
        }
    }
    out
}

/// The LSP kind of a symbol: pipelines are classes with activities as methods.
pub(crate) fn symbol_kind(kind: ide::SymbolKind) -> lsp::SymbolKind {
    match kind {
        ide::SymbolKind::Entity(adf_catalog::EntityKind::Pipeline) => lsp::SymbolKind::CLASS,
        ide::SymbolKind::Entity(_) => lsp::SymbolKind::OBJECT,
        ide::SymbolKind::Activity => lsp::SymbolKind::METHOD,
    }
}

/// An LSP document symbol for a core one.
pub(crate) fn symbol(ranges: &Ranges<'_>, s: ide::Symbol) -> lsp::DocumentSymbol {
    let kind = symbol_kind(s.kind);
    let children: Vec<lsp::DocumentSymbol> =
        s.children.into_iter().map(|c| symbol(ranges, c)).collect();
    // `deprecated` is a required field of the struct, superseded by `tags`.
    #[allow(deprecated)]
    lsp::DocumentSymbol {
        name: if s.name.is_empty() {
            "(unnamed)".to_string()
        } else {
            s.name
        },
        detail: s.detail,
        kind,
        tags: None,
        deprecated: None,
        range: ranges.range(s.range),
        selection_range: ranges.range(s.selection_range),
        children: (!children.is_empty()).then_some(children),
    }
}

/// The JSON answer of `adf.evaluate` (the same shape as the wasm engine's `evaluate`).
pub(crate) fn evaluation(ranges: &Ranges<'_>, e: adf_core::ide::Evaluation) -> serde_json::Value {
    use adf_core::ide::Outcome;
    let result = match e.outcome {
        Outcome::Value(value) => serde_json::json!({"kind": "value", "value": value}),
        Outcome::Unknown(needs) => serde_json::json!({"kind": "unknown", "needs": needs}),
        Outcome::Error { message, range } => serde_json::json!({
            "kind": "error", "message": message, "range": ranges.range(range)
        }),
    };
    let inputs: Vec<serde_json::Value> = e
        .inputs
        .into_iter()
        .map(|i| serde_json::json!({"name": i.name, "kind": i.kind.as_str(), "default": i.default}))
        .collect();
    serde_json::json!({
        "expression": e.expression,
        "range": ranges.range(e.range),
        "inputs": inputs,
        "result": result,
        "ignored": e.ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::snippet_to_plain;

    #[test]
    fn snippets_become_the_text_they_insert() {
        assert_eq!(snippet_to_plain("\"type\": \"$1\""), "\"type\": \"\"");
        assert_eq!(snippet_to_plain("\"retry\": ${1:0}"), "\"retry\": 0");
        assert_eq!(snippet_to_plain("\"on\": ${1|true,false|}"), "\"on\": true");
        assert_eq!(snippet_to_plain("{$1}$0"), "{}");
        assert_eq!(snippet_to_plain("${1:a ${2:b}} ${3}"), "a b ");
        assert_eq!(snippet_to_plain(r"cost \$5 \} \\"), r"cost $5 } \");
        assert_eq!(snippet_to_plain("a}b$"), "a}b$");
    }
}
