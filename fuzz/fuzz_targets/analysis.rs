//! Whole-file analysis: the fuzzed text as one file of a small factory (a pipeline, a dataset,
//! a linked service, an ARM template or its parameters file, chosen by the first byte), checked
//! in one shot and in a workspace with IDE queries at a few offsets. No panic, and every finding
//! and masked span lies on the text's character boundaries.
#![no_main]

use adf_core::{check_files, ide, CheckOptions, SourceFile, TextRange, Workspace};
use libfuzzer_sys::fuzz_target;

/// Where the fuzzed text goes.
const PATHS: &[&str] = &[
    "factory/pipeline/P.json",
    "factory/dataset/D.json",
    "factory/linkedService/L.json",
    "factory/trigger/T.json",
    "arm/ARMTemplateForFactory.json",
    "arm/ARMTemplateParametersForFactory.json",
    "factory/P.json",
];

/// The rest of the factory, so cross-file rules have something to read.
const NEIGHBOURS: &[(&str, &str)] = &[
    (
        "factory/pipeline/Other.json",
        r#"{"name": "Other", "properties": {"activities": [{"name": "Run", "type": "ExecutePipeline",
  "typeProperties": {"pipeline": {"referenceName": "P", "type": "PipelineReference"}}}]}}"#,
    ),
    (
        "factory/linkedService/Blob.json",
        r#"{"name": "Blob", "properties": {"type": "AzureBlobStorage",
  "typeProperties": {"connectionString": "DefaultEndpointsProtocol=https;AccountName=a;AccountKey=k"}}}"#,
    ),
];

fn assert_range(text: &str, r: TextRange, what: &str) {
    assert!(
        r.start <= r.end
            && r.end <= text.len()
            && text.is_char_boundary(r.start)
            && text.is_char_boundary(r.end),
        "{what} {r:?} is off in a text of {} bytes",
        text.len()
    );
}

fuzz_target!(|data: &[u8]| {
    let Some((&pick, rest)) = data.split_first() else {
        return;
    };
    let text = String::from_utf8_lossy(rest);
    let path = PATHS[usize::from(pick) % PATHS.len()];
    let mut files = vec![SourceFile { path, text: &text }];
    files.extend(
        NEIGHBOURS
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t }),
    );
    let options = CheckOptions::default();
    for report in check_files(&files, &options) {
        let body = files
            .iter()
            .find(|f| f.path == report.path)
            .map_or("", |f| f.text);
        for d in &report.diagnostics {
            assert_range(body, d.range, d.rule.name);
        }
        for s in &report.secrets {
            assert_range(body, *s, "secret");
        }
    }
    let ws = Workspace::with_files(options, &files);
    let _ = ide::document_symbols(&ws, path);
    let _ = ide::folding_ranges(&ws, path);
    let offsets = [0, text.len() / 3, text.len() / 2, text.len()];
    let _ = ide::selection_ranges(&ws, path, &offsets);
    for offset in offsets {
        let _ = ide::completion(&ws, path, offset);
        let _ = ide::hover(&ws, path, offset);
        let _ = ide::definition(&ws, path, offset);
    }
});
