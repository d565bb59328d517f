//! Every rule's documented bad example triggers the rule, and its fixed example is clean.

use adf_core::{check_files, CheckOptions, SourceFile, RULES};

/// The ```json blocks of a doc comment, each with the backticked `*.json` path named on the
/// line before it, if any.
fn json_blocks(source: &str) -> Vec<(Option<String>, String)> {
    let lines: Vec<&str> = source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            l.trim_start_matches("//!")
                .strip_prefix(' ')
                .unwrap_or(l.trim_start_matches("//!"))
        })
        .collect();
    let mut blocks = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].trim() == "```json" {
            let path = i
                .checked_sub(1)
                .and_then(|p| lines[p].split('`').nth(1))
                .filter(|p| p.ends_with(".json"))
                .map(str::to_string);
            let mut body = String::new();
            i += 1;
            while i < lines.len() && lines[i].trim() != "```" {
                body.push_str(lines[i]);
                body.push('\n');
                i += 1;
            }
            blocks.push((path, body));
        }
        i += 1;
    }
    blocks
}

#[test]
fn documented_examples_behave_as_documented() {
    // These two describe inputs too large to write in a doc page; tests/limits.rs covers them.
    let illustrative = ["file-too-large", "nesting-too-deep"];
    let root = env!("CARGO_MANIFEST_DIR");
    for rule in RULES {
        if illustrative.contains(&rule.name) {
            continue;
        }
        let source =
            std::fs::read_to_string(format!("{root}/{}", rule.source)).expect("rule source");
        let blocks = json_blocks(&source);
        assert_eq!(
            blocks.len(),
            2,
            "{}: expected a bad and a fixed example",
            rule.name
        );
        for (n, (path, text)) in blocks.iter().enumerate() {
            let path = path
                .clone()
                .unwrap_or_else(|| "example/entity.json".to_string());
            let reports = check_files(
                &[SourceFile { path: &path, text }],
                &CheckOptions::default(),
            );
            let found: Vec<String> = reports[0]
                .diagnostics
                .iter()
                .map(|d| format!("{}: {}", d.rule.name, d.message))
                .collect();
            if n == 0 {
                assert!(
                    reports[0]
                        .diagnostics
                        .iter()
                        .any(|d| d.rule.name == rule.name),
                    "{}: the bad example does not trigger the rule; found {found:?}",
                    rule.name
                );
            } else {
                assert!(
                    found.is_empty(),
                    "{}: the fixed example is not clean: {found:?}",
                    rule.name
                );
            }
        }
    }
}
