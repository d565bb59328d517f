//! Incremental correctness over LSP: hundreds of random edits (typing, deleting, entity
//! renames, type changes, references retargeted, documents created and closed) sent to
//! `adf lsp` as a real client would; after each step the pulled `workspace/diagnostic` report
//! must equal a from-scratch check of the same texts. Seeded, so a failure names its seed and
//! step and replays exactly. `ADF_LSP_STEPS` raises the step count.

use adf_core::{CheckOptions, Severity, SourceFile, Workspace};
use adf_e2e::lsp_client::{pos, uri, Client};
use adf_e2e::{adf_bin, copy_tree, json_files, repo, scratch};
use adf_syntax::LineIndex;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::Path;

/// A small deterministic generator (xorshift64*), so failures replay from their seed.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }

    fn pick<'a, T>(&mut self, items: &'a [T]) -> &'a T {
        &items[self.below(items.len())]
    }
}

/// What one diagnostic looks like on the wire, for comparison.
type Seen = (u64, u64, u64, u64, String, String, u64);

fn from_wire(items: &Value) -> Vec<Seen> {
    let mut out: Vec<Seen> = items
        .as_array()
        .into_iter()
        .flatten()
        .map(|d| {
            let r = &d["range"];
            let n = |v: &Value| v.as_u64().unwrap_or(u64::MAX);
            (
                n(&r["start"]["line"]),
                n(&r["start"]["character"]),
                n(&r["end"]["line"]),
                n(&r["end"]["character"]),
                d["code"].as_str().unwrap_or("").to_string(),
                d["message"].as_str().unwrap_or("").to_string(),
                n(&d["severity"]),
            )
        })
        .collect();
    out.sort();
    out
}

/// The findings of a from-scratch check of these texts, as the server would send them.
fn from_scratch(texts: &BTreeMap<String, String>) -> BTreeMap<String, Vec<Seen>> {
    let sources: Vec<SourceFile<'_>> = texts
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let ws = Workspace::with_files(CheckOptions::default(), &sources);
    let mut out = BTreeMap::new();
    for (path, text) in texts {
        let index = LineIndex::new(text);
        let mut seen: Vec<Seen> = ws
            .report(path)
            .map(|r| r.diagnostics)
            .unwrap_or_default()
            .iter()
            .map(|d| {
                let s = index.to_utf16(text, d.range.start);
                let e = index.to_utf16(text, d.range.end);
                let severity = match d.severity {
                    Severity::Error => 1,
                    Severity::Warning => 2,
                    Severity::Info => 3,
                    Severity::Hint => 4,
                };
                (
                    u64::from(s.line),
                    u64::from(s.col),
                    u64::from(e.line),
                    u64::from(e.col),
                    d.rule.name.to_string(),
                    d.message.clone(),
                    severity,
                )
            })
            .collect();
        seen.sort();
        out.insert(uri(Path::new(path)), seen);
    }
    out
}

/// A char boundary of `text` at or before `i`.
fn boundary(text: &str, mut i: usize) -> usize {
    i = i.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

const SNIPPETS: &[&str] = &[
    "x",
    "\"",
    "{",
    "}",
    ",",
    ":",
    " ",
    "\n",
    "@",
    "]",
    "\"name\": \"Extra\",",
    "\"referenceName\": \"SalesCsv\"",
    "@pipeline().parameters.missing",
    "\"dependsOn\": [{\"activity\": \"Nope\"}],",
];

const NAMES: &[&str] = &[
    "SalesCsv",
    "SalesStore",
    "SalesBlob",
    "SalesDb",
    "SalesTable",
    "Vault",
    "LoadSales",
    "CopySales",
    "Renamed",
    "salescsv",
];

const TYPES: &[(&str, &str)] = &[
    ("\"AzureBlobStorage\"", "\"AzureSqlDatabase\""),
    ("\"DelimitedText\"", "\"Parquet\""),
    ("\"AzureSqlTable\"", "\"DelimitedText\""),
    ("\"Lookup\"", "\"Copy\""),
];

/// The byte range of the string value after a random occurrence of `key`.
fn value_after(text: &str, key: &str, rng: &mut Rng) -> Option<(usize, usize)> {
    let hits: Vec<usize> = text
        .match_indices(key)
        .map(|(i, _)| i + key.len())
        .collect();
    if hits.is_empty() {
        return None;
    }
    let at = *rng.pick(&hits);
    let rest = &text[at..];
    let open = rest.find('"')?;
    let close = rest[open + 1..].find('"')?;
    Some((at + open, at + open + close + 2))
}

/// One random change of one document: (start, end, replacement), byte offsets.
fn random_edit(text: &str, rng: &mut Rng) -> Option<(usize, usize, String)> {
    match rng.below(10) {
        0..=3 => {
            let at = boundary(text, rng.below(text.len() + 1));
            Some((at, at, rng.pick(SNIPPETS).to_string()))
        }
        4..=5 => {
            let start = boundary(text, rng.below(text.len() + 1));
            let end = boundary(text, start + 1 + rng.below(12));
            Some((start, end.max(start), String::new()))
        }
        6 => {
            let (s, e) = value_after(text, "\"name\":", rng)?;
            Some((s, e, format!("\"{}\"", rng.pick(NAMES))))
        }
        7 => {
            let (s, e) = value_after(text, "\"referenceName\":", rng)?;
            Some((s, e, format!("\"{}\"", rng.pick(NAMES))))
        }
        _ => {
            let (from, to) = *rng.pick(TYPES);
            let (from, to) = if rng.below(2) == 0 {
                (from, to)
            } else {
                (to, from)
            };
            let at = text.find(from)?;
            Some((at, at + from.len(), to.to_string()))
        }
    }
}

fn check_seed(seed: u64, steps: usize) {
    let dir = scratch(&format!("lsp-incremental-{seed}"));
    copy_tree(&repo().join("tests/fixtures/lsp-v2"), &dir);
    copy_tree(&repo().join("tests/fixtures/planted-v2"), &dir);
    let dir = std::fs::canonicalize(&dir).expect("canonical");
    let mut texts: BTreeMap<String, String> = json_files(&dir)
        .into_iter()
        .map(|rel| {
            let p = dir.join(rel);
            let t = std::fs::read_to_string(&p).expect("read");
            (p.to_string_lossy().into_owned(), t)
        })
        .collect();
    let mut c = Client::start(&adf_bin());
    c.initialize(
        &dir,
        json!({"window": {"workDoneProgress": true},
               "textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
    );
    c.indexed();
    let mut versions: BTreeMap<String, i32> = BTreeMap::new();
    let mut created: Vec<String> = Vec::new();
    let mut rng = Rng(seed.wrapping_mul(0x9E37_79B9_7F4A_7C15) | 1);
    for step in 0..steps {
        let what = rng.below(20);
        if what == 0 {
            // A new document, never saved: a dataset or pipeline naming existing entities.
            let n = created.len();
            let path = dir.join(format!("dataset/New{n}.json"));
            let path = path.to_string_lossy().into_owned();
            let text = format!(
                "{{\"name\": \"New{n}\", \"properties\": {{\"type\": \"DelimitedText\", \
                 \"linkedServiceName\": {{\"referenceName\": \"{}\", \"type\": \"LinkedServiceReference\"}}}}}}",
                rng.pick(NAMES)
            );
            c.open(&uri(Path::new(&path)), &text);
            versions.insert(path.clone(), 1);
            texts.insert(path.clone(), text);
            created.push(path);
        } else if what == 1 && !created.is_empty() {
            // Closing a never-saved document deletes it.
            let path = created.remove(rng.below(created.len()));
            c.notify(
                "textDocument/didClose",
                json!({"textDocument": {"uri": uri(Path::new(&path))}}),
            );
            versions.remove(&path);
            texts.remove(&path);
        } else {
            let paths: Vec<String> = texts.keys().cloned().collect();
            let path = rng.pick(&paths).clone();
            let text = texts[&path].clone();
            let Some((start, end, new)) = random_edit(&text, &mut rng) else {
                continue;
            };
            let file_uri = uri(Path::new(&path));
            let version = match versions.get_mut(&path) {
                Some(v) => {
                    *v += 1;
                    *v
                }
                None => {
                    c.open(&file_uri, &text);
                    versions.insert(path.clone(), 2);
                    2
                }
            };
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": file_uri, "version": version},
                       "contentChanges": [{"range": {"start": pos(&text, start), "end": pos(&text, end)},
                                           "text": new}]}),
            );
            let mut changed = text;
            changed.replace_range(start..end, &new);
            texts.insert(path, changed);
        }
        let report = c.result("workspace/diagnostic", json!({"previousResultIds": []}));
        let got: BTreeMap<String, Vec<Seen>> = report["items"]
            .as_array()
            .expect("items")
            .iter()
            .map(|i| {
                (
                    i["uri"].as_str().unwrap_or("").to_string(),
                    from_wire(&i["items"]),
                )
            })
            .collect();
        let want = from_scratch(&texts);
        if got != want {
            for (u, w) in &want {
                if got.get(u) != Some(w) {
                    eprintln!("{u}\n  server: {:?}\n  fresh:  {w:?}", got.get(u));
                }
            }
            panic!("seed {seed}, step {step}: the server's findings differ from a fresh check");
        }
    }
    c.stop();
}

#[test]
fn random_edits_over_lsp_match_a_fresh_check() {
    let steps = std::env::var("ADF_LSP_STEPS")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(250);
    for seed in [1, 2] {
        check_seed(seed, steps);
    }
}
