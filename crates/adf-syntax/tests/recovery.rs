//! Half-typed inputs: where each error lands and what of the tree survives.

use adf_syntax::ast::{ObjectPropName, Value};
use adf_syntax::value_range;
use adf_syntax::{parse, parse_recovering, ParseOptions, Range, SyntaxErrorKind};

/// Marks where an error must start; removed from the text before parsing.
const MARK: char = '§';

struct Case {
    /// Input with a `MARK` at the start of every expected error.
    text: &'static str,
    /// Dotted paths (object keys, array indexes) and the exact text of the property or
    /// element there, or `None` when it must be absent.
    nodes: &'static [(&'static str, Option<&'static str>)],
}

const CASES: &[Case] = &[
    Case {
        text: r#"{"a": 1 §"b": 2}"#,
        nodes: &[("a", Some(r#""a": 1"#)), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: "{\"a\": §\"unterminated\n, \"b\": 2}",
        nodes: &[
            ("a", Some("\"a\": \"unterminated")),
            ("b", Some(r#""b": 2"#)),
        ],
    },
    Case {
        text: "{\"a\": §\"unterminated\r\n, \"b\": 2}",
        nodes: &[
            ("a", Some("\"a\": \"unterminated")),
            ("b", Some(r#""b": 2"#)),
        ],
    },
    Case {
        text: r#"{"a" §1, "b": 2}"#,
        nodes: &[("a", Some(r#""a" 1"#)), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": §, "b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"x": 0, "a": §}"#,
        nodes: &[("x", Some(r#""x": 0"#)), ("a", None)],
    },
    Case {
        // The value has not been typed yet and the next property follows on the next line.
        text: "{\"a\": \n  §\"b\": 2}",
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": §tru, "b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": §01, "b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": §x, "b": §y, "c": 3}"#,
        nodes: &[("a", None), ("b", None), ("c", Some(r#""c": 3"#))],
    },
    Case {
        text: r#"{"a": 1,§, "b": 2}"#,
        nodes: &[("a", Some(r#""a": 1"#)), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": 1, "b"§}"#,
        nodes: &[("a", Some(r#""a": 1"#)), ("b", None)],
    },
    Case {
        text: r#"{"a" §"b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": {"x": 1§"#,
        nodes: &[("a", Some(r#""a": {"x": 1"#)), ("a.x", Some(r#""x": 1"#))],
    },
    Case {
        text: "{\"a\": [1, {\"x\": 2}, \"s\"\n§",
        nodes: &[
            ("a.0", Some("1")),
            ("a.1.x", Some(r#""x": 2"#)),
            ("a.2", Some(r#""s""#)),
        ],
    },
    Case {
        text: "[1, 2§",
        nodes: &[("0", Some("1")), ("1", Some("2"))],
    },
    Case {
        text: "[1 §2, 3]",
        nodes: &[("0", Some("1")), ("1", Some("2")), ("2", Some("3"))],
    },
    Case {
        text: "[1, §, 3]",
        nodes: &[("0", Some("1")), ("1", Some("3"))],
    },
    Case {
        text: r#"{"a": [1, 2§}"#,
        nodes: &[("a", Some(r#""a": [1, 2"#)), ("a.1", Some("2"))],
    },
    Case {
        text: r#"[{"a": 1§]"#,
        nodes: &[("0.a", Some(r#""a": 1"#))],
    },
    Case {
        text: r#"{"a": 1} §trailing"#,
        nodes: &[("a", Some(r#""a": 1"#))],
    },
    Case {
        text: r#"{"a": 1}§}"#,
        nodes: &[("a", Some(r#""a": 1"#))],
    },
    Case {
        text: r#"{§'a': 1, "b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{§a: 1, "b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": §'x', "b": 2}"#,
        nodes: &[("a", None), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": "x§\qy", "b": 2}"#,
        nodes: &[("a", Some(r#""a": "x\qy""#)), ("b", Some(r#""b": 2"#))],
    },
    Case {
        text: r#"{"a": §+1, "b": §.5, "c": §NaN, "d": §0x1F}"#,
        nodes: &[("a", None), ("b", None), ("c", None), ("d", None)],
    },
    Case {
        text: "{\"a\": \"tab§\there\"}",
        nodes: &[("a", Some("\"a\": \"tab\there\""))],
    },
    Case {
        text: r#"§} {"a": 1}"#,
        nodes: &[("a", Some(r#""a": 1"#))],
    },
    Case {
        text: "§",
        nodes: &[],
    },
    Case {
        text: "  // nothing here\n§",
        nodes: &[],
    },
    Case {
        text: r#"{"a": 1} §/* open"#,
        nodes: &[("a", Some(r#""a": 1"#))],
    },
    Case {
        // Comments and a trailing comma are fine.
        text: "{\"a\": 1, // one\n /* two */ \"b\": [2,],}",
        nodes: &[("a", Some(r#""a": 1"#)), ("b.0", Some("2"))],
    },
];

fn find<'v, 'a>(root: &'v Value<'a>, path: &str) -> Option<(Range, &'v Value<'a>)> {
    let mut range = None;
    let mut node = root;
    for key in path.split('.') {
        match node {
            Value::Object(obj) => {
                let prop = obj.properties.iter().find(|p| match &p.name {
                    ObjectPropName::String(s) => s.value == key,
                    ObjectPropName::Word(w) => w.value == key,
                })?;
                range = Some(prop.range);
                node = &prop.value;
            }
            Value::Array(arr) => {
                let el = arr.elements.get(key.parse::<usize>().ok()?)?;
                range = Some(value_range(el));
                node = el;
            }
            _ => return None,
        }
    }
    range.map(|r| (r, node))
}

#[test]
fn recovery_table() {
    let options = ParseOptions::default();
    for case in CASES {
        let marks: Vec<usize> = case
            .text
            .match_indices(MARK)
            .enumerate()
            .map(|(i, (at, _))| at - i * MARK.len_utf8())
            .collect();
        let text = case.text.replace(MARK, "");
        let parsed = parse(&text, &options);
        let starts: Vec<usize> = parsed.errors.iter().map(|e| e.range.start).collect();
        assert_eq!(starts, marks, "{text:?}: {:#?}", parsed.errors);
        for e in &parsed.errors {
            assert_eq!(e.kind, SyntaxErrorKind::Invalid, "{text:?}");
            assert!(!e.message.is_empty());
            assert!(e.range.start <= e.range.end && e.range.end <= text.len());
        }
        let root = parsed.value.as_ref();
        for (path, expected) in case.nodes {
            let found = root.and_then(|r| find(r, path));
            match (expected, found) {
                (Some(expected), Some((range, _))) => {
                    assert_eq!(
                        text.get(range.start..range.end),
                        Some(*expected),
                        "{text:?} at {path}"
                    );
                }
                (None, None) => {}
                (expected, found) => {
                    panic!("{text:?} at {path}: expected {expected:?}, found {found:?}")
                }
            }
        }
        // The same answer whichever parser ran.
        let direct = parse_recovering(&text, &options);
        assert_eq!(direct.value, parsed.value, "{text:?}");
        assert_eq!(direct.errors, parsed.errors, "{text:?}");
    }
}

#[test]
fn error_messages_are_clear() {
    let options = ParseOptions::default();
    let message = |text: &str| {
        let parsed = parse(text, &options);
        assert_eq!(parsed.errors.len(), 1, "{text:?}: {:?}", parsed.errors);
        parsed
            .errors
            .into_iter()
            .map(|e| e.message)
            .collect::<String>()
    };
    assert_eq!(
        message(r#"{"a": 1 "b": 2}"#),
        "expected ',' or '}' after a property"
    );
    assert_eq!(
        message("{\"a\": \"x\n}"),
        "unterminated string: expected '\"'"
    );
    assert_eq!(message(r#"{"a": , "b": 2}"#), "expected a value");
    assert_eq!(message(r#"{"a" 1}"#), "missing ':' after property name");
    assert_eq!(message(r#"{"a": 1"#), "unclosed object: expected '}'");
    assert_eq!(message("[1"), "unclosed array: expected ']'");
    assert_eq!(message(""), "expected a JSON value");
    assert_eq!(message("{'a': 1}"), "strings must use double quotes");
    assert_eq!(
        message("{a: 1}"),
        "property names must be strings in double quotes"
    );
    assert_eq!(message("[1] 2"), "unexpected text after the JSON value");
}

#[test]
fn unescapes_like_jsonc_parser() {
    let options = ParseOptions::default();
    let text = r#"["a\"b\\c\/d\b\f\n\r\t", "\u00e9\uD83D\uDE00", "plain", "é😀"]"#;
    let fast = parse(text, &options);
    let slow = parse_recovering(text, &options);
    assert!(fast.errors.is_empty() && slow.errors.is_empty());
    assert_eq!(fast.value, slow.value);
    let Some(Value::Array(arr)) = &slow.value else {
        panic!("not an array")
    };
    let strings: Vec<&str> = arr
        .elements
        .iter()
        .filter_map(|v| v.as_string_lit().map(|s| s.value.as_ref()))
        .collect();
    assert_eq!(
        strings,
        ["a\"b\\c/d\u{8}\u{c}\n\r\t", "é😀", "plain", "é😀"]
    );
}

#[test]
fn bad_unicode_escapes_are_errors() {
    let options = ParseOptions::default();
    for text in [
        r#"["\uD800"]"#,
        r#"["\uDC00"]"#,
        r#"["\uD800\u0041"]"#,
        r#"["\u12"]"#,
        r#"["\u12G4"]"#,
        r#"["\x41"]"#,
        r#"["\'"]"#,
        "[\"\\\u{e9}\"]",
    ] {
        let parsed = parse(text, &options);
        assert_eq!(parsed.errors.len(), 1, "{text}: {:?}", parsed.errors);
        let Some(Value::Array(arr)) = &parsed.value else {
            panic!("{text}: no array")
        };
        assert_eq!(arr.elements.len(), 1, "{text}");
    }
}

#[test]
fn bom_and_crlf() {
    let options = ParseOptions::default();
    let text = "\u{feff}{\r\n  \"a\": 1,\r\n  \"b\": [true, null]\r\n}\r\n";
    for parsed in [parse(text, &options), parse_recovering(text, &options)] {
        assert!(parsed.errors.is_empty(), "{:?}", parsed.errors);
        let Some(root) = parsed.value.as_ref() else {
            panic!("no tree")
        };
        assert_eq!(value_range(root), Range::new(3, text.len() - 2));
        let (range, _) = find(root, "a").expect("a");
        assert_eq!(text.get(range.start..range.end), Some("\"a\": 1"));
        let (range, _) = find(root, "b.1").expect("b.1");
        assert_eq!(text.get(range.start..range.end), Some("null"));
    }
    // A BOM anywhere else is not whitespace.
    assert!(!parse("{\"a\": \u{feff}1}", &options).errors.is_empty());
    let only_bom = parse("\u{feff}", &options);
    assert_eq!(only_bom.errors.len(), 1);
    assert!(only_bom.value.is_none());
}

#[test]
fn unicode_whitespace_matches_jsonc_parser() {
    let options = ParseOptions::default();
    let text = "{\"a\":\u{a0}1,\u{2028}\"b\":\u{3000}2}";
    let parsed = parse(text, &options);
    assert!(parsed.errors.is_empty());
    assert_eq!(parsed.value, parse_recovering(text, &options).value);
    assert!(parse_recovering(text, &options).errors.is_empty());
}

#[test]
fn an_unexpected_token_is_quoted_by_its_first_characters_only() {
    // An unquoted value may be a password: messages go to CI logs and committed baselines.
    let parsed = parse(
        r#"{"password": Abc123secretXyz789}"#,
        &ParseOptions::default(),
    );
    let messages: Vec<&str> = parsed.errors.iter().map(|e| e.message.as_str()).collect();
    assert_eq!(
        messages,
        ["expected a value, found 'Abc…' (shortened)"],
        "{messages:?}"
    );
    let parsed = parse(r#"{"pin": 0123456789}"#, &ParseOptions::default());
    assert!(
        parsed.errors.iter().all(|e| !e.message.contains("0123456")),
        "{:?}",
        parsed.errors
    );
    // What people write for JSON's literals is shown whole: it helps and hides nothing.
    let parsed = parse(r#"{"a": True}"#, &ParseOptions::default());
    assert_eq!(parsed.errors[0].message, "expected a value, found 'True'");
}
