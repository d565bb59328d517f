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

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// One small file of each kind, checked under its own path (which gives its kind).
const FILES: &[&str] = &[
    "corpus/v2/adftools-bigfactorysample2/pipeline/Multiple Waits.json",
    "corpus/v2/dftf-test-pipelines/examples/data_factory/copy_blobs/pipeline/copy_blobs.json",
    "corpus/v2/devsquad-dataops-adf/dataset/FlightsDelaysSink.json",
    "corpus/v2/gofast-adf/linkedService/GenericFileServer_IRA.json",
    "corpus/v2/adftools-bigfactorysample2/dataflow/Currency Converter.json",
    "corpus/v2/adftools-adhoc-issues/issue-138/ARMTemplateForFactory.json",
    "corpus/v1/adf-samplesv1-analysis-services/Pipeline_ServicePrincipalAuth.json",
];

/// Fragments a mutation inserts: JSON tokens, expression syntax, characters of several bytes.
const FRAGMENTS: &[&str] = &[
    "{",
    "}",
    "[",
    "]",
    "\"",
    ",",
    ":",
    " ",
    "\n",
    "\\",
    "/*",
    "//",
    "é",
    "€",
    "😀",
    "\u{FFFD}",
    "@",
    "@{",
    "(",
    ")",
    "'",
    ".",
    "?.",
    "null",
    "true",
    "-1e9",
    "\"type\": \"X\"",
    "\"name\": \"n\"",
    "\"dependsOn\": [{\"activity\": \"A\"}]",
    "activity('",
    "pipeline().",
    "[concat(",
    "\"referenceName\": \"R\"",
    "\u{feff}",
];

/// Bytes that arbitrary texts draw on half the time, so they get past the first token.
const JSON_BYTES: &[u8] = b"{}[]\":,@ '()a1\n";

/// The cases: mutated texts per corpus file, and texts of arbitrary bytes.
const MUTATIONS_PER_FILE: usize = 400;
const ARBITRARY_CASES: usize = 600;

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
        match n {
            0 => 0,
            n => (self.next() % n as u64) as usize,
        }
    }

    /// A character boundary of `text`, at or before a random offset.
    fn boundary(&mut self, text: &str) -> usize {
        let mut at = self.below(text.len() + 1);
        while !text.is_char_boundary(at) {
            at -= 1;
        }
        at
    }
}

/// Deletes a short span, inserts a fragment, or copies a span of the text elsewhere.
fn mutate(rng: &mut XorShift, text: &mut String) {
    let at = rng.boundary(text);
    match rng.below(3) {
        0 => {
            let mut end = (at + 1 + rng.below(8)).min(text.len());
            while !text.is_char_boundary(end) {
                end += 1;
            }
            text.replace_range(at..end, "");
        }
        1 => text.insert_str(at, FRAGMENTS[rng.below(FRAGMENTS.len())]),
        _ => {
            let from = rng.boundary(text);
            let mut to = (from + rng.below(64)).min(text.len());
            while !text.is_char_boundary(to) {
                to -= 1;
            }
            let copied = text[from..to.max(from)].to_string();
            text.insert_str(at, &copied);
        }
    }
}

/// The budget of one case: findings are counted, and a check must not report more than a few
/// per byte (a rule that loops over its own output would exceed it long before a timeout).
fn within_budget(text: &str, findings: usize) -> bool {
    findings <= 4 * text.len() + 16
}

#[test]
fn mutated_corpus_files_and_arbitrary_bytes_are_checked_without_panic() {
    let sources: Vec<(&str, String)> = FILES
        .iter()
        .filter_map(|f| {
            let text = std::fs::read_to_string(std::path::Path::new(SHARED).join(f)).ok()?;
            Some((*f, text))
        })
        .collect();
    assert_eq!(
        sources.len(),
        FILES.len(),
        "corpus files missing under {SHARED}"
    );
    let mut rng = XorShift(0x2545_F491_4F6C_DD1D);
    let mut cases = 0;
    for (path, source) in &sources {
        let mut text = source.clone();
        for case in 0..MUTATIONS_PER_FILE {
            // Mutations pile up for a while, then start again from the file.
            if case % 20 == 0 {
                text = source.clone();
            }
            for _ in 0..=rng.below(3) {
                mutate(&mut rng, &mut text);
            }
            let findings = check_one(path, &text);
            assert!(
                within_budget(&text, findings),
                "{findings} findings: {text:?}"
            );
            cases += 1;
        }
    }
    let paths = [
        "f/pipeline/P.json",
        "f/dataset/D.json",
        "arm/ARMTemplateForFactory.json",
    ];
    for case in 0..ARBITRARY_CASES {
        let len = rng.below(512);
        let bytes: Vec<u8> = (0..len)
            .map(|_| match rng.below(4) {
                0 | 1 => JSON_BYTES[rng.below(JSON_BYTES.len())],
                _ => (rng.next() & 0xFF) as u8,
            })
            .collect();
        let text = String::from_utf8_lossy(&bytes);
        let findings = check_one(paths[case % paths.len()], &text);
        assert!(
            within_budget(&text, findings),
            "{findings} findings: {text:?}"
        );
        cases += 1;
    }
    assert_eq!(cases, FILES.len() * MUTATIONS_PER_FILE + ARBITRARY_CASES);
}
