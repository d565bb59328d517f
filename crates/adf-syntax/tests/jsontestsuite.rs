//! Runs every JSONTestSuite parsing case through `parse`.

use crate::common;

use std::path::PathBuf;

use adf_syntax::{parse, parse_recovering, ParseOptions};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// `n_` cases that our JSONC relaxations accept on purpose, with the reason.
const ACCEPTED_ON_PURPOSE: &[(&str, &str)] = &[
    ("n_array_extra_comma.json", "trailing comma in an array"),
    (
        "n_array_number_and_comma.json",
        "trailing comma in an array",
    ),
    (
        "n_object_trailing_comma.json",
        "trailing comma in an object",
    ),
    (
        "n_object_trailing_comment.json",
        "block comment after the root value",
    ),
    (
        "n_object_trailing_comment_slash_open.json",
        "line comment after the root value",
    ),
    (
        "n_structure_object_with_comment.json",
        "block comment inside an object",
    ),
    (
        "n_structure_whitespace_formfeed.json",
        "form feed is whitespace to jsonc-parser, and both parsers must agree",
    ),
];

fn run() {
    let dir = PathBuf::from(SHARED).join("jsontestsuite/test_parsing");
    let mut entries: Vec<_> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("reading {}: {e}", dir.display()))
        .filter_map(Result::ok)
        .map(|e| e.path())
        .collect();
    entries.sort();
    let options = ParseOptions::default();
    let mut failures = Vec::new();
    let mut accepted_n = Vec::new();
    let mut counts = (0, 0, 0);
    for path in entries {
        let Some(name) = path
            .file_name()
            .and_then(|n| n.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        if !name.ends_with(".json") {
            continue;
        }
        let bytes = std::fs::read(&path).unwrap_or_else(|e| panic!("reading {name}: {e}"));
        // Invalid UTF-8 is rejected by the caller before parsing, so it counts as rejected.
        let text = std::str::from_utf8(&bytes).ok();
        let parsed = text.map(|t| parse(t, &options));
        let accepted = parsed
            .as_ref()
            .is_some_and(|p| p.errors.is_empty() && p.value.is_some());
        // The recovering parser alone must draw the same line, whichever parser `parse` used.
        if let Some(text) = text {
            let direct = parse_recovering(text, &options);
            if (direct.errors.is_empty() && direct.value.is_some()) != accepted {
                failures.push(format!("{name}: parsers disagree: {:?}", direct.errors));
            }
        }
        if name.starts_with("y_") {
            counts.0 += 1;
            if !accepted {
                failures.push(format!("{name}: rejected: {:?}", parsed.map(|p| p.errors)));
            }
        } else if name.starts_with("n_") {
            counts.1 += 1;
            if accepted {
                accepted_n.push(name);
            }
        } else {
            counts.2 += 1;
        }
    }
    let expected: Vec<&str> = ACCEPTED_ON_PURPOSE.iter().map(|(n, _)| *n).collect();
    for name in &accepted_n {
        if !expected.contains(&name.as_str()) {
            failures.push(format!("{name}: accepted but must be rejected"));
        }
    }
    for name in expected {
        if !accepted_n.iter().any(|n| n == name) {
            failures.push(format!(
                "{name}: listed as accepted on purpose but rejected"
            ));
        }
    }
    println!("y: {}, n: {}, i: {}", counts.0, counts.1, counts.2);
    assert!(counts.0 > 50 && counts.1 > 50, "test suite not found");
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

#[test]
fn json_test_suite() {
    common::on_small_stack(run);
}
