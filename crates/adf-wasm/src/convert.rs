//! Byte offsets of the core ⇄ UTF-16 positions of JavaScript, and core results ⇄ plain objects.

use crate::types::{self, Position, Range};
use adf_core::ide;
use adf_core::TextRange;
use adf_syntax::{LineCol, LineIndex, PastEnd, Unit};

/// One file's text with its line index, for converting positions both ways.
pub struct Positions<'t> {
    text: &'t str,
    index: LineIndex,
}

impl<'t> Positions<'t> {
    /// A converter for `text`.
    pub fn new(text: &'t str) -> Self {
        Self {
            text,
            index: LineIndex::new(text),
        }
    }

    /// The position of a byte offset (clamped into the text).
    pub fn position(&self, offset: usize) -> Position {
        let lc = self.index.position(self.text, offset, Unit::Utf16);
        Position {
            line: lc.line,
            character: lc.col,
        }
    }

    /// The range of a byte range.
    pub fn range(&self, r: TextRange) -> Range {
        Range {
            start: self.position(r.start),
            end: self.position(r.end),
        }
    }

    /// The byte offset of a position; an error when the line does not exist or the column lies
    /// past the line's end (JavaScript callers compute positions from the text they pushed, so
    /// such a column means a stale or wrong text, and a caller is better told).
    pub fn offset(&self, pos: Position) -> Result<usize, String> {
        let lc = LineCol {
            line: pos.line,
            col: pos.character,
        };
        self.index
            .offset(self.text, lc, Unit::Utf16, PastEnd::Reject)
            .map_err(|e| e.to_string())
    }

    /// The byte range of a range; an error when either end is outside or they are reversed.
    pub fn text_range(&self, r: Range) -> Result<TextRange, String> {
        let start = self.offset(r.start)?;
        let end = self.offset(r.end)?;
        if end < start {
            return Err(format!(
                "range end {}:{} comes before its start {}:{}",
                r.end.line, r.end.character, r.start.line, r.start.character
            ));
        }
        Ok(TextRange::new(start, end))
    }
}

/// The core's plain graph as JavaScript's (the same fields, the range as a `Range`).
pub fn graph(g: adf_core::graph::Plain) -> types::Graph {
    let range = |r: adf_core::graph::PlainRange| {
        let at = |p: adf_core::graph::PlainPosition| Position {
            line: p.line,
            character: p.character,
        };
        Range {
            start: at(r.start),
            end: at(r.end),
        }
    };
    types::Graph {
        nodes: g
            .nodes
            .into_iter()
            .map(|n| {
                // Every field named: a field the core adds fails to compile here until JavaScript
                // gets it too.
                let adf_core::graph::PlainNode {
                    id,
                    kind,
                    name,
                    root,
                    pipeline,
                    path,
                    range: at,
                } = n;
                types::GraphNode {
                    id,
                    kind: kind.into(),
                    name,
                    root,
                    pipeline,
                    path,
                    range: at.map(range),
                }
            })
            .collect(),
        edges: g
            .edges
            .into_iter()
            .map(|e| {
                let adf_core::graph::PlainEdge { from, to, link } = e;
                types::GraphEdge {
                    from,
                    to,
                    link: link.into(),
                }
            })
            .collect(),
    }
}

/// A core finding as a plain object. The message is passed on as it is: the core never quotes a
/// secret's value in one, and no source text (which the CLI masks in its snippets) goes out.
pub fn diagnostic(pos: &Positions<'_>, d: adf_core::Diagnostic) -> types::Diagnostic {
    types::Diagnostic {
        range: pos.range(d.range),
        severity: d.severity.into(),
        code: d.rule.code,
        rule: d.rule.name,
        message: d.message,
    }
}

/// A completion item as a plain object (positions of its replace range in `pos`'s text).
pub fn completion_item(pos: &Positions<'_>, item: ide::CompletionItem) -> types::CompletionItem {
    use types::CompletionKind as K;
    let (kind, entity_kind) = match item.kind {
        ide::CompletionKind::Property => (K::Property, None),
        ide::CompletionKind::Value => (K::Value, None),
        ide::CompletionKind::Type => (K::Type, None),
        ide::CompletionKind::Entity(k) => (K::Entity, Some(k.into())),
        ide::CompletionKind::Activity => (K::Activity, None),
        ide::CompletionKind::Function => (K::Function, None),
        ide::CompletionKind::Parameter => (K::Parameter, None),
        ide::CompletionKind::Variable => (K::Variable, None),
    };
    types::CompletionItem {
        label: item.label,
        kind,
        entity_kind,
        detail: item.detail,
        insert_text: item.insert_text,
        snippet: item.snippet,
        range: item.replace.map(|r| pos.range(r)),
        filter_text: item.filter_text,
    }
}

/// `entity` (with its kind) or `activity`.
pub fn symbol_kind(kind: ide::SymbolKind) -> (types::SymbolKind, Option<types::EntityKind>) {
    match kind {
        ide::SymbolKind::Entity(k) => (types::SymbolKind::Entity, Some(k.into())),
        ide::SymbolKind::Activity => (types::SymbolKind::Activity, None),
    }
}

/// A document symbol as a plain object.
pub fn symbol(pos: &Positions<'_>, s: ide::Symbol) -> types::DocumentSymbol {
    let (kind, entity_kind) = symbol_kind(s.kind);
    types::DocumentSymbol {
        name: s.name,
        detail: s.detail,
        kind,
        entity_kind,
        range: pos.range(s.range),
        selection_range: pos.range(s.selection_range),
        children: s.children.into_iter().map(|c| symbol(pos, c)).collect(),
    }
}

/// The answer of "evaluate with inputs", positions in UTF-16.
pub fn evaluation(pos: &Positions<'_>, e: ide::Evaluation) -> types::Evaluation {
    let result = match e.outcome {
        ide::Outcome::Value(value) => types::EvalResult::Value { value },
        ide::Outcome::Unknown(needs) => types::EvalResult::Unknown { needs },
        ide::Outcome::Error { message, range } => types::EvalResult::Error {
            message,
            range: pos.range(range),
        },
    };
    types::Evaluation {
        expression: e.expression,
        range: pos.range(e.range),
        inputs: e
            .inputs
            .into_iter()
            .map(|i| types::EvalInput {
                name: i.name,
                kind: i.kind.into(),
                default: i.default,
            })
            .collect(),
        result,
        ignored: e.ignored,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn p(line: u32, character: u32) -> Position {
        Position { line, character }
    }

    #[test]
    fn utf16_columns_count_surrogate_pairs_twice() {
        let text = "{\"a\": \"😀x\"}\n";
        let pos = Positions::new(text);
        let x = text.find('x').unwrap_or(0);
        assert_eq!(pos.position(x), p(0, 9));
        assert_eq!(pos.offset(p(0, 9)), Ok(x));
    }

    #[test]
    fn positions_past_the_line_or_the_text_are_errors() {
        let pos = Positions::new("ab\ncd");
        assert_eq!(pos.offset(p(1, 2)), Ok(5));
        let past_line = pos.offset(p(0, 3)).expect_err("past the line end");
        assert!(past_line.contains("outside the document"), "{past_line}");
        assert!(pos.offset(p(2, 0)).is_err());
        assert!(pos
            .text_range(Range {
                start: p(1, 0),
                end: p(0, 0)
            })
            .is_err());
    }
}
