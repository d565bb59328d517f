//! Structural ranges of a file: folding (objects, arrays, block comments) and selection
//! ranges (from the innermost node at a cursor out to the whole document). Both read the
//! tolerant parse, so they work on half-typed text.

use crate::diagnostic::TextRange;
use crate::expr::syntax::{parse_template, Accessor, Expr, ExprKind, Mapping};
use crate::Workspace;
use adf_syntax::ast::{ObjectPropName, StringLit, Value};

/// What a folding range folds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum FoldKind {
    /// An object or array.
    Region,
    /// A block comment.
    Comment,
}

/// A range an editor may fold.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Fold {
    /// From the opening to past the closing delimiter.
    pub range: TextRange,
    /// What it is.
    pub kind: FoldKind,
}

fn multi_line(text: &str, r: TextRange) -> bool {
    text.get(r.start..r.end).is_some_and(|s| s.contains('\n'))
}

/// Block comments (`/* ... */`) of a JSONC text; strings and line comments are skipped.
fn block_comments(text: &str) -> Vec<TextRange> {
    let bytes = text.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        match b {
            b'"' => {
                i += 1;
                while let Some(&c) = bytes.get(i) {
                    i += 1;
                    match c {
                        b'\\' => i += 1,
                        b'"' | b'\n' => break,
                        _ => {}
                    }
                }
            }
            b'/' if bytes.get(i + 1) == Some(&b'/') => {
                i = text
                    .get(i..)
                    .and_then(|r| r.find('\n'))
                    .map_or(bytes.len(), |n| i + n);
            }
            b'/' if bytes.get(i + 1) == Some(&b'*') => {
                let end = text
                    .get(i + 2..)
                    .and_then(|r| r.find("*/"))
                    .map_or(bytes.len(), |n| i + 2 + n + 2);
                out.push(TextRange::new(i, end));
                i = end;
            }
            _ => i += 1,
        }
    }
    out
}

/// Every object and array spanning more than one line, and every multi-line block comment, in
/// text order.
pub fn folding_ranges(ws: &Workspace, path: &str) -> Vec<Fold> {
    let Some(text) = ws.text(path) else {
        return Vec::new();
    };
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let mut out = Vec::new();
    let mut stack: Vec<&Value<'_>> = parsed.value.iter().collect();
    while let Some(v) = stack.pop() {
        let r = match v {
            Value::Object(o) => {
                stack.extend(o.properties.iter().map(|p| &p.value));
                o.range
            }
            Value::Array(a) => {
                stack.extend(a.elements.iter());
                a.range
            }
            _ => continue,
        };
        let r = TextRange::from(r);
        if multi_line(text, r) {
            out.push(Fold {
                range: r,
                kind: FoldKind::Region,
            });
        }
    }
    out.extend(
        block_comments(text)
            .into_iter()
            .filter(|r| multi_line(text, *r))
            .map(|range| Fold {
                range,
                kind: FoldKind::Comment,
            }),
    );
    out.sort_by_key(|f| (f.range.start, std::cmp::Reverse(f.range.end)));
    out
}

fn inside(r: TextRange, offset: usize) -> bool {
    r.start <= offset && offset <= r.end
}

/// Expression nodes around a value offset, outermost first (the tree is at most 64 deep).
fn expr_chain(e: &Expr, v: usize, out: &mut Vec<std::ops::Range<usize>>) {
    if !(e.range.start <= v && v <= e.range.end) {
        return;
    }
    out.push(e.range.clone());
    match &e.kind {
        ExprKind::Call { name, args, .. } => {
            if name.range.start <= v && v <= name.range.end {
                out.push(name.range.clone());
            }
            if let Some(a) = args.iter().find(|a| a.range.start <= v && v <= a.range.end) {
                expr_chain(a, v, out);
            }
        }
        ExprKind::Access { target, path } => {
            expr_chain(target, v, out);
            for step in path {
                match step {
                    Accessor::Member(m) if m.range.start <= v && v <= m.range.end => {
                        out.push(m.range.clone());
                    }
                    Accessor::Index(ix) => expr_chain(ix, v, out),
                    _ => {}
                }
            }
        }
        _ => {}
    }
}

/// The ranges of a string literal around an offset, outermost first: the literal, its content
/// and, for an expression string, its expression nodes.
fn string_chain(text: &str, s: &StringLit<'_>, offset: usize, out: &mut Vec<TextRange>) {
    let whole = TextRange::from(s.range);
    out.push(whole);
    let closed = whole.end >= whole.start + 2 && text.get(whole.end - 1..whole.end) == Some("\"");
    let content = TextRange::new(
        whole.start + 1,
        if closed { whole.end - 1 } else { whole.end },
    );
    if !inside(content, offset) {
        return;
    }
    out.push(content);
    if !s.value.contains('@') {
        return;
    }
    let template = parse_template(&s.value);
    let map = Mapping::new(
        text.get(content.start..content.end).unwrap_or(""),
        content.start,
    );
    let v = map.value_offset(offset);
    let mut chain = Vec::new();
    if let Some(e) = template
        .exprs
        .iter()
        .find(|e| e.range.start <= v && v <= e.range.end)
    {
        expr_chain(e, v, &mut chain);
    }
    out.extend(chain.iter().map(|r| map.file_range(r)));
}

/// For each offset, the ranges that hold it from the innermost out: an expression node (for
/// expression strings), the string's content, the string, the property (name and value), the
/// enclosing object or array, ... up to the whole document.
pub fn selection_ranges(ws: &Workspace, path: &str, offsets: &[usize]) -> Vec<Vec<TextRange>> {
    let Some(text) = ws.text(path) else {
        return offsets.iter().map(|_| Vec::new()).collect();
    };
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let document = TextRange::new(0, text.len());
    offsets
        .iter()
        .map(|&offset| {
            // Outermost first, reversed at the end.
            let mut chain = vec![document];
            let mut cur = parsed.value.as_ref();
            while let Some(v) = cur.take() {
                let r = TextRange::from(crate::json::range(v));
                if !inside(r, offset) {
                    break;
                }
                match v {
                    Value::Object(o) => {
                        chain.push(r);
                        let Some(p) = o.properties.iter().find(|p| inside(p.range.into(), offset))
                        else {
                            break;
                        };
                        chain.push(p.range.into());
                        match &p.name {
                            ObjectPropName::String(s) if inside(s.range.into(), offset) => {
                                string_chain(text, s, offset, &mut chain);
                            }
                            _ => cur = Some(&p.value),
                        }
                    }
                    Value::Array(a) => {
                        chain.push(r);
                        cur = a
                            .elements
                            .iter()
                            .find(|e| inside(crate::json::range(e).into(), offset));
                    }
                    Value::StringLit(s) => string_chain(text, s, offset, &mut chain),
                    _ => chain.push(r),
                }
            }
            chain.dedup();
            chain.reverse();
            chain
        })
        .collect()
}
