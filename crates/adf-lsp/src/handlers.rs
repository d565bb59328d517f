//! The read side: each request answered from one consistent state by a core query, with the
//! conversions at the edge. Nothing here changes the state.

use crate::convert::{self, invalid, path_of, uri_of, Ranges};
use crate::state::State;
use adf_core::ide::{self, Cancel, Cancelled};
use std::collections::HashMap;
use tower_lsp_server::jsonrpc::{Error, Result};
use tower_lsp_server::lsp_types::*;

/// A query that stopped because the state changed under it.
pub(crate) fn stale(_: Cancelled) -> Error {
    Error::content_modified()
}

/// The dependency graph of the files that belong to the factory, name ranges in the texts the
/// graph was built from (an open document's checked text, not one still being checked).
pub(crate) fn graph(s: &State) -> adf_core::graph::Plain {
    let ws = s.project.workspace();
    s.project.graph().plain(|path| ws.text(path))
}

/// The text of a document and a converter for it.
fn doc<'s>(s: &'s State, path: &str) -> Result<(&'s str, Ranges<'s>)> {
    let text = s
        .project
        .workspace()
        .text(path)
        .ok_or_else(|| invalid(format!("unknown document: {path}")))?;
    Ok((text, Ranges::new(text, s.caps.encoding)))
}

/// The path and byte offset of a position.
fn at(s: &State, p: &TextDocumentPositionParams) -> Result<(String, usize)> {
    let path = path_of(&p.text_document.uri)?;
    let offset = doc(s, &path)?.1.offset(p.position)?;
    Ok((path, offset))
}

fn location(s: &State, l: &ide::Location) -> Option<Location> {
    let text = s.project.workspace().text(&l.path)?;
    Some(Location::new(
        uri_of(&l.path)?,
        Ranges::new(text, s.caps.encoding).range(l.range),
    ))
}

fn locations(s: &State, found: &[ide::Location]) -> Vec<Location> {
    found.iter().filter_map(|l| location(s, l)).collect()
}

/// Text edits grouped by document.
fn text_edits(s: &State, edits: Vec<ide::Edit>) -> HashMap<String, Vec<TextEdit>> {
    let mut out: HashMap<String, Vec<TextEdit>> = HashMap::new();
    for e in edits {
        let Some(text) = s.project.workspace().text(&e.path) else {
            continue;
        };
        let range = Ranges::new(text, s.caps.encoding).range(e.range);
        out.entry(e.path)
            .or_default()
            .push(TextEdit::new(range, e.new_text));
    }
    out
}

/// A workspace edit of plain text changes.
fn workspace_edit(s: &State, edits: Vec<ide::Edit>) -> WorkspaceEdit {
    // `WorkspaceEdit` takes this map; a Uri's inner cell caches a parse and does not change
    // its hash or equality.
    #[allow(clippy::mutable_key_type)]
    let changes: HashMap<Uri, Vec<TextEdit>> = text_edits(s, edits)
        .into_iter()
        .filter_map(|(p, e)| Some((uri_of(&p)?, e)))
        .collect();
    WorkspaceEdit {
        changes: Some(changes),
        ..WorkspaceEdit::default()
    }
}

pub(crate) fn definition(
    s: &State,
    p: &TextDocumentPositionParams,
) -> Result<Option<GotoDefinitionResponse>> {
    let (path, offset) = at(s, p)?;
    let found = locations(s, &ide::definition(s.project.workspace(), &path, offset));
    Ok((!found.is_empty()).then_some(GotoDefinitionResponse::Array(found)))
}

pub(crate) fn references(
    s: &State,
    params: &ReferenceParams,
    cancel: &Cancel,
) -> Result<Option<Vec<Location>>> {
    let (path, offset) = at(s, &params.text_document_position)?;
    let mut found = ide::references(s.project.workspace(), &path, offset, cancel).map_err(stale)?;
    if !params.context.include_declaration {
        let decls = ide::definition(s.project.workspace(), &path, offset);
        found.retain(|l| !decls.contains(l));
    }
    let found = locations(s, &found);
    Ok((!found.is_empty()).then_some(found))
}

pub(crate) fn hover(s: &State, p: &TextDocumentPositionParams) -> Result<Option<Hover>> {
    let (path, offset) = at(s, p)?;
    let (_, ranges) = doc(s, &path)?;
    Ok(
        ide::hover(s.project.workspace(), &path, offset).map(|h| Hover {
            contents: HoverContents::Markup(MarkupContent {
                kind: MarkupKind::Markdown,
                value: h.markdown,
            }),
            range: Some(ranges.range(h.range)),
        }),
    )
}

pub(crate) fn completion(
    s: &State,
    p: &TextDocumentPositionParams,
) -> Result<Option<CompletionResponse>> {
    let (path, offset) = at(s, p)?;
    let (_, ranges) = doc(s, &path)?;
    let items: Vec<CompletionItem> = ide::completion(s.project.workspace(), &path, offset)
        .into_iter()
        .map(|i| convert::completion_item(&ranges, i, s.caps.snippets))
        .collect();
    Ok(Some(CompletionResponse::Array(items)))
}

pub(crate) fn document_symbols(s: &State, uri: &Uri) -> Result<Option<DocumentSymbolResponse>> {
    let path = path_of(uri)?;
    let (_, ranges) = doc(s, &path)?;
    let symbols = ide::document_symbols(s.project.workspace(), &path)
        .into_iter()
        .map(|sym| convert::symbol(&ranges, sym))
        .collect();
    Ok(Some(DocumentSymbolResponse::Nested(symbols)))
}

pub(crate) fn workspace_symbols(
    s: &State,
    query: &str,
    cancel: &Cancel,
) -> Result<Option<OneOf<Vec<SymbolInformation>, Vec<WorkspaceSymbol>>>> {
    let found = ide::workspace_symbols(s.project.workspace(), query, cancel).map_err(stale)?;
    let symbols = found
        .into_iter()
        .filter_map(|w| {
            let loc = location(s, &w.location)?;
            Some(WorkspaceSymbol {
                name: w.name,
                kind: convert::symbol_kind(w.kind),
                tags: None,
                container_name: w.container,
                location: OneOf::Left(loc),
                data: None,
            })
        })
        .collect();
    Ok(Some(OneOf::Right(symbols)))
}

pub(crate) fn rename(s: &State, params: &RenameParams, cancel: &Cancel) -> Result<WorkspaceEdit> {
    let (path, offset) = at(s, &params.text_document_position)?;
    let new_name = &params.new_name;
    let edits = ide::rename(s.project.workspace(), &path, offset, new_name, cancel).map_err(
        |e| match e {
            ide::RenameError::Cancelled => Error::content_modified(),
            e => invalid(e.to_string()),
        },
    )?;
    let moves = if s.caps.file_rename {
        ide::file_renames(s.project.workspace(), &path, offset, new_name)
    } else {
        Vec::new()
    };
    if moves.is_empty() {
        return Ok(workspace_edit(s, edits));
    }
    // Text edits name the files by their old URIs, so they come before the renames.
    let mut ops: Vec<DocumentChangeOperation> = text_edits(s, edits)
        .into_iter()
        .filter_map(|(p, edits)| {
            Some(DocumentChangeOperation::Edit(TextDocumentEdit {
                text_document: OptionalVersionedTextDocumentIdentifier {
                    uri: uri_of(&p)?,
                    version: s.docs.get(&p).and_then(|d| d.checked),
                },
                edits: edits.into_iter().map(OneOf::Left).collect(),
            }))
        })
        .collect();
    for m in moves {
        let (Some(old_uri), Some(new_uri)) = (uri_of(&m.from), uri_of(&m.to)) else {
            continue;
        };
        ops.push(DocumentChangeOperation::Op(ResourceOp::Rename(
            RenameFile {
                old_uri,
                new_uri,
                options: None,
                annotation_id: None,
            },
        )));
    }
    Ok(WorkspaceEdit {
        document_changes: Some(DocumentChanges::Operations(ops)),
        ..WorkspaceEdit::default()
    })
}

pub(crate) fn code_actions(
    s: &State,
    params: &CodeActionParams,
) -> Result<Option<CodeActionResponse>> {
    let path = path_of(&params.text_document.uri)?;
    let (_, ranges) = doc(s, &path)?;
    let range = ranges.text_range(params.range)?;
    let findings = crate::diagnostics::lsp_diagnostics(s, &path);
    let actions = ide::code_actions(s.project.workspace(), &path, range)
        .into_iter()
        .map(|a| {
            let fixes: Vec<Diagnostic> = a
                .rule
                .map(|rule| {
                    findings
                        .iter()
                        .filter(|d| {
                            d.code == Some(NumberOrString::String(rule.to_string()))
                                && d.range.start <= params.range.end
                                && params.range.start <= d.range.end
                        })
                        .cloned()
                        .collect()
                })
                .unwrap_or_default();
            CodeActionOrCommand::CodeAction(CodeAction {
                title: a.title,
                kind: Some(match a.kind {
                    ide::ActionKind::QuickFix => CodeActionKind::QUICKFIX,
                    ide::ActionKind::Refactor => CodeActionKind::REFACTOR_REWRITE,
                }),
                diagnostics: (!fixes.is_empty()).then_some(fixes),
                edit: Some(workspace_edit(s, a.edits)),
                is_preferred: a.preferred.then_some(true),
                ..CodeAction::default()
            })
        })
        .collect::<Vec<_>>();
    Ok(Some(actions))
}

pub(crate) fn folding_ranges(s: &State, uri: &Uri) -> Result<Option<Vec<FoldingRange>>> {
    let path = path_of(uri)?;
    let (_, ranges) = doc(s, &path)?;
    let folds = ide::folding_ranges(s.project.workspace(), &path)
        .into_iter()
        .filter_map(|f| {
            let start = ranges.position(f.range.start).line;
            let end = ranges.position(f.range.end).line;
            // A bracket's own closing line stays visible; a comment folds to its last line.
            let (end, kind) = match f.kind {
                ide::FoldKind::Region => (end.checked_sub(1)?, FoldingRangeKind::Region),
                ide::FoldKind::Comment => (end, FoldingRangeKind::Comment),
            };
            (end > start).then_some(FoldingRange {
                start_line: start,
                start_character: None,
                end_line: end,
                end_character: None,
                kind: Some(kind),
                collapsed_text: None,
            })
        })
        .collect();
    Ok(Some(folds))
}

pub(crate) fn selection_ranges(
    s: &State,
    params: &SelectionRangeParams,
) -> Result<Option<Vec<SelectionRange>>> {
    let path = path_of(&params.text_document.uri)?;
    let (_, ranges) = doc(s, &path)?;
    let offsets = params
        .positions
        .iter()
        .map(|p| ranges.offset(*p))
        .collect::<Result<Vec<usize>>>()?;
    let chains = ide::selection_ranges(s.project.workspace(), &path, &offsets);
    let out = chains
        .into_iter()
        .zip(&params.positions)
        .map(|(chain, pos)| {
            // Built from the outside in, so each range's parent is already made.
            let mut sel: Option<SelectionRange> = None;
            for r in chain.into_iter().rev() {
                sel = Some(SelectionRange {
                    range: ranges.range(r),
                    parent: sel.map(Box::new),
                });
            }
            sel.unwrap_or(SelectionRange {
                range: Range::new(*pos, *pos),
                parent: None,
            })
        })
        .collect();
    Ok(Some(out))
}

/// The command that evaluates the expression at a position (`workspace/executeCommand`).
pub(crate) const EVALUATE: &str = "adf.evaluate";

/// The argument of [`EVALUATE`]: `{uri, position, inputs?}`, inputs by name (typed text).
#[derive(serde::Deserialize)]
struct EvaluateArgs {
    uri: Uri,
    position: Position,
    #[serde(default)]
    inputs: Option<HashMap<String, String>>,
}

/// The arguments of [`EVALUATE`], or an error naming what is wrong with them.
pub(crate) fn evaluate_args(
    args: Vec<serde_json::Value>,
) -> Result<(TextDocumentPositionParams, Vec<(String, String)>)> {
    let [arg]: [serde_json::Value; 1] = args.try_into().map_err(|a: Vec<_>| {
        invalid(format!(
            "{EVALUATE} takes one argument {{uri, position, inputs?}}, not {}",
            a.len()
        ))
    })?;
    let a: EvaluateArgs = serde_json::from_value(arg)
        .map_err(|e| invalid(format!("{EVALUATE}: bad argument: {e}")))?;
    let mut inputs: Vec<(String, String)> = a.inputs.into_iter().flatten().collect();
    // A map has no order; a stable one keeps answers repeatable.
    inputs.sort();
    let p = TextDocumentPositionParams {
        text_document: TextDocumentIdentifier { uri: a.uri },
        position: a.position,
    };
    Ok((p, inputs))
}

/// `adf.evaluate`: the expression at a position, the inputs it reads and its value with the
/// given inputs over the declared defaults; `null` outside an expression.
pub(crate) fn evaluate(
    s: &State,
    p: &TextDocumentPositionParams,
    inputs: &[(String, String)],
) -> Result<Option<serde_json::Value>> {
    let (path, offset) = at(s, p)?;
    let (_, ranges) = doc(s, &path)?;
    let Some(e) = ide::evaluate_at(s.project.workspace(), &path, offset, inputs) else {
        return Ok(Some(serde_json::Value::Null));
    };
    Ok(Some(convert::evaluation(&ranges, e)))
}
