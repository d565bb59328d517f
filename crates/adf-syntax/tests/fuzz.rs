//! Deterministic mutation fuzzing over corpus files: no panic, sane error ranges, and whatever
//! the recovering parser accepts, jsonc-parser accepts with the same tree. Whole-file analysis
//! gets the same treatment in adf-core's `tests/fuzz_analysis.rs`; the open-ended fuzzing
//! (cargo-fuzz, nightly) is in `fuzz/`.

use crate::common;

use std::path::Path;

use adf_syntax::ast::{ObjectPropName, Value};
use adf_syntax::{parse, parse_recovering, ParseOptions, Range};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

const FILES: &[&str] = &[
    "corpus/v2/docs-snippets/update-machine-learning-models/2-linkedservice.json",
    "corpus/v1/adf-v1v2migration-v1/Pipeline/adf_Second_Pipeline.json",
    "corpus/v1/adf-samplesv1-analysis-services/Pipeline_customTMSL.json",
];

const ALPHABET: &[char] = &[
    '{', '}', '[', ']', '"', ',', ':', ' ', '\n', '/', '*', 'a', '1', 'é', '\\',
];

struct XorShift(u64);

impl XorShift {
    fn next(&mut self) -> u64 {
        let mut x = self.0;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.0 = x;
        x
    }

    fn below(&mut self, n: usize) -> usize {
        if n == 0 {
            0
        } else {
            (self.next() % n as u64) as usize
        }
    }
}

fn check_range(text: &str, range: Range, what: &str) {
    assert!(
        range.start <= range.end
            && range.end <= text.len()
            && text.is_char_boundary(range.start)
            && text.is_char_boundary(range.end),
        "{what} range {range:?} is off in {text:?}"
    );
}

fn check_tree(text: &str, value: &Value<'_>) {
    let mut stack = vec![value];
    while let Some(v) = stack.pop() {
        match v {
            Value::StringLit(s) => check_range(text, s.range, "string"),
            Value::NumberLit(n) => check_range(text, n.range, "number"),
            Value::BooleanLit(b) => check_range(text, b.range, "boolean"),
            Value::NullKeyword(n) => check_range(text, n.range, "null"),
            Value::Array(a) => {
                check_range(text, a.range, "array");
                stack.extend(a.elements.iter());
            }
            Value::Object(o) => {
                check_range(text, o.range, "object");
                for p in &o.properties {
                    check_range(text, p.range, "property");
                    if let ObjectPropName::String(name) = &p.name {
                        check_range(text, name.range, "name");
                    }
                    stack.push(&p.value);
                }
            }
        }
    }
}

fn mutate(rng: &mut XorShift, text: &mut String) {
    let mut at = rng.below(text.len() + 1);
    while !text.is_char_boundary(at) {
        at -= 1;
    }
    if rng.below(2) == 0 && at < text.len() {
        let mut end = (at + 1 + rng.below(3)).min(text.len());
        while !text.is_char_boundary(end) {
            end += 1;
        }
        text.replace_range(at..end, "");
    } else {
        let c = ALPHABET[rng.below(ALPHABET.len())];
        text.insert(at, c);
    }
}

fn run() {
    let options = ParseOptions::default();
    let mut sources: Vec<String> = FILES
        .iter()
        .filter_map(|f| std::fs::read_to_string(Path::new(SHARED).join(f)).ok())
        .collect();
    // Small inputs reach the edge cases (empty text, lone tokens) far more often.
    sources.push(r#"{"a": [1, {"b": "c\n"}], "d": null} // x"#.to_string());
    sources.push("\u{feff}[true, false, -1.5e3, \"\\u00e9\"]".to_string());
    assert!(sources.len() >= 5, "fuzz sources not found");
    let mut rng = XorShift(0x9E37_79B9_7F4A_7C15);
    let mut accepted = 0;
    for source in &sources {
        let mut text = source.clone();
        for step in 0..2_000 {
            if step % 50 == 0 {
                text = source.clone();
            }
            mutate(&mut rng, &mut text);
            let parsed = parse(&text, &options);
            for e in &parsed.errors {
                check_range(&text, e.range, "error");
            }
            if let Some(v) = &parsed.value {
                check_tree(&text, v);
            }
            let recovered = parse_recovering(&text, &options);
            if let Some(v) = &recovered.value {
                check_tree(&text, v);
            }
            if recovered.errors.is_empty() {
                accepted += 1;
                let body = text.strip_prefix('\u{feff}').map(|b| format!("   {b}"));
                let body = body.as_deref().unwrap_or(&text);
                let expected = jsonc_parser::parse_to_ast(
                    body,
                    &Default::default(),
                    &adf_syntax::jsonc_options(),
                );
                let expected = expected.unwrap_or_else(|e| {
                    panic!("recovering parser accepted what jsonc-parser rejects ({e}): {text:?}")
                });
                assert_eq!(recovered.value, expected.value, "{text:?}");
                assert!(parsed.errors.is_empty(), "{text:?}");
                assert_eq!(parsed.value, expected.value, "{text:?}");
            } else {
                assert!(!parsed.errors.is_empty(), "{text:?}");
            }
        }
    }
    println!("{accepted} mutated texts were still valid");
}

#[test]
fn mutations_never_panic() {
    common::on_small_stack(run);
}
