//! The expression parser on arbitrary text, alone and inside a pipeline: the tree's ranges stay
//! in the value, the escape mapping stays in the file, and the expression rules and IDE queries
//! (completion, hover, definition) at every offset of the value never panic.
#![no_main]

use adf_core::expr::{parse_template, Expr, ExprKind, Mapping};
use adf_core::{ide, CheckOptions, SourceFile, Workspace};
use libfuzzer_sys::fuzz_target;
use std::ops::Range;

const PATH: &str = "factory/pipeline/P.json";

fn assert_in(text: &str, r: &Range<usize>) {
    assert!(
        r.start <= r.end && r.end <= text.len(),
        "{r:?} past {}",
        text.len()
    );
}

fn assert_expr(text: &str, e: &Expr) {
    let mut stack = vec![e];
    while let Some(e) = stack.pop() {
        assert_in(text, &e.range);
        match &e.kind {
            ExprKind::Call { name, args, parens } => {
                assert_in(text, &name.range);
                assert_in(text, parens);
                stack.extend(args.iter());
            }
            ExprKind::Access { target, path } => {
                stack.push(target);
                for step in path {
                    match step {
                        adf_core::expr::syntax::Accessor::Member(m) => assert_in(text, &m.range),
                        adf_core::expr::syntax::Accessor::Index(i) => stack.push(i),
                    }
                }
            }
            _ => {}
        }
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(value) = std::str::from_utf8(data) else {
        return;
    };
    let template = parse_template(value);
    for e in &template.exprs {
        assert_expr(value, e);
    }
    for e in &template.errors {
        assert_in(value, &e.range);
    }

    // The same value as written in a file: JSON escapes map value offsets to file offsets.
    let literal = serde_json::to_string(value).unwrap_or_default();
    let head = r#"{"name": "P", "properties": {
  "parameters": {"p": {"type": "string"}},
  "variables": {"v": {"type": "String"}},
  "activities": [
    {"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
    {"name": "S", "type": "SetVariable", "dependsOn": [{"activity": "A", "dependencyConditions": ["Succeeded"]}],
      "typeProperties": {"variableName": "v", "value": "#;
    let base = head.len();
    let text = format!("{head}{literal}}}}}]}}}}");
    let raw = &literal[1..literal.len() - 1];
    let mapping = Mapping::new(raw, base + 1);
    for e in &template.exprs {
        let r = mapping.file_range(&e.range);
        assert!(r.start <= r.end && r.end <= text.len(), "{r:?}");
    }
    let ws = Workspace::with_files(
        CheckOptions::default(),
        &[SourceFile {
            path: PATH,
            text: &text,
        }],
    );
    // A bounded number of offsets keeps a long input from costing quadratic time.
    let step = (literal.len() / 64).max(1);
    for offset in (base..=base + literal.len()).step_by(step) {
        let _ = ide::completion(&ws, PATH, offset);
        let _ = ide::hover(&ws, PATH, offset);
        let _ = ide::definition(&ws, PATH, offset);
    }
});
