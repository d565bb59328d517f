//! Hostile sizes and depths: bounded errors, no stack overflow, no hang.

use crate::common;

use std::time::{Duration, Instant};

use adf_syntax::ast::Value;
use adf_syntax::{parse, ParseOptions, SyntaxErrorKind};

/// Depth of the tree, counted without recursion.
fn depth(value: &Value<'_>) -> usize {
    let mut max = 0;
    let mut stack = vec![(value, 1)];
    while let Some((v, d)) = stack.pop() {
        max = max.max(d);
        match v {
            Value::Array(a) => stack.extend(a.elements.iter().map(|e| (e, d + 1))),
            Value::Object(o) => stack.extend(o.properties.iter().map(|p| (&p.value, d + 1))),
            _ => {}
        }
    }
    max
}

fn too_deep_count(text: &str, options: &ParseOptions) -> (usize, usize, Option<usize>) {
    let parsed = parse(text, options);
    let deep = parsed
        .errors
        .iter()
        .filter(|e| e.kind == SyntaxErrorKind::TooDeep)
        .count();
    (deep, parsed.errors.len(), parsed.value.as_ref().map(depth))
}

#[test]
fn deep_arrays() {
    common::on_small_stack(|| {
        let options = ParseOptions::default();
        let text = format!("{}{}", "[".repeat(10_000), "]".repeat(10_000));
        let (deep, all, tree_depth) = too_deep_count(&text, &options);
        assert_eq!((deep, all), (1, 1));
        assert_eq!(tree_depth, Some(128));
        let parsed = parse(&text, &options);
        let message = parsed.errors.first().map(|e| e.message.as_str());
        assert_eq!(message, Some("nesting deeper than 128 levels"));
    });
}

#[test]
fn deep_objects() {
    common::on_small_stack(|| {
        let options = ParseOptions::default();
        let text = format!("{}1{}", r#"{"a":"#.repeat(10_000), "}".repeat(10_000));
        let (deep, all, tree_depth) = too_deep_count(&text, &options);
        assert_eq!((deep, all), (1, 1));
        assert_eq!(tree_depth, Some(128));
    });
}

#[test]
fn deep_unclosed() {
    common::on_small_stack(|| {
        let options = ParseOptions::default();
        for text in [
            "[".repeat(100_000),
            r#"{"a":"#.repeat(100_000),
            r#"[{"a":"#.repeat(50_000),
        ] {
            let (deep, _, tree_depth) = too_deep_count(&text, &options);
            assert_eq!(deep, 1);
            assert!(tree_depth.is_some_and(|d| d <= 128));
        }
    });
}

#[test]
fn depth_limit_is_exact() {
    common::on_small_stack(|| {
        let options = ParseOptions {
            max_depth: 5,
            ..ParseOptions::default()
        };
        let at_limit = format!("{}{}", "[".repeat(5), "]".repeat(5));
        assert_eq!(too_deep_count(&at_limit, &options), (0, 0, Some(5)));
        let over = format!("{}{}", "[".repeat(6), "]".repeat(6));
        assert_eq!(too_deep_count(&over, &options), (1, 1, Some(5)));
        // Brackets in strings and comments do not nest (the tree depth counts the strings).
        let hidden = r#"[[[["[[[[[[", /* [[[[[[ */ "\"[[[[[["]]]] // [[[[[["#;
        assert_eq!(too_deep_count(hidden, &options), (0, 0, Some(5)));
        // Elements after a too-deep one are kept.
        let after = r#"[[[[[[1]]]], 2]]"#;
        let parsed = parse(after, &options);
        assert_eq!(parsed.errors.len(), 1);
        let Some(Value::Array(outer)) = &parsed.value else {
            panic!("no tree")
        };
        let Some(Value::Array(inner)) = outer.elements.first() else {
            panic!("no inner array")
        };
        assert_eq!(inner.elements.len(), 2);
        // With no depth allowed at all, a scalar root still parses.
        let none = ParseOptions {
            max_depth: 0,
            ..ParseOptions::default()
        };
        assert!(parse("1", &none).errors.is_empty());
        assert_eq!(too_deep_count("[]", &none), (1, 1, None));
    });
}

#[test]
fn too_large() {
    let options = ParseOptions {
        max_size: 10,
        ..ParseOptions::default()
    };
    let parsed = parse(r#"{"a": 12345}"#, &options);
    assert!(parsed.value.is_none());
    assert_eq!(parsed.errors.len(), 1);
    assert_eq!(
        parsed.errors.first().map(|e| e.kind),
        Some(SyntaxErrorKind::TooLarge)
    );
    assert!(parse("[1, 2, 3]", &options).errors.is_empty());
}

#[test]
fn fifty_megabytes_is_refused_quickly() {
    let text = format!("\"{}\"", "x".repeat(50 * 1024 * 1024));
    let start = Instant::now();
    let parsed = parse(&text, &ParseOptions::default());
    assert!(start.elapsed() < Duration::from_millis(100));
    assert!(parsed.value.is_none());
    let kinds: Vec<_> = parsed.errors.iter().map(|e| e.kind).collect();
    assert_eq!(kinds, [SyntaxErrorKind::TooLarge]);
}
