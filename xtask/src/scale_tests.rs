//! Whole-factory checks at scale, on factories from the generator (in memory, no disk):
//! planted broken references are found exactly, and the incremental workspace re-checks exactly
//! the files an edit can affect while agreeing with a from-scratch check.

use std::collections::{BTreeMap, BTreeSet};
use std::time::Instant;

use adf_core::{check_files, CheckOptions, FileReport, Severity, SourceFile, Workspace};
use serde_json::Value;

use crate::genfactory;

fn sources(files: &[(String, String)]) -> Vec<SourceFile<'_>> {
    files
        .iter()
        .map(|(path, text)| SourceFile { path, text })
        .collect()
}

/// 1-based (line, column in characters) of a byte offset, as `adf check` prints positions and the
/// plant manifest records them.
fn line_col(text: &str, offset: usize) -> (usize, usize) {
    let at = adf_syntax::LineIndex::new(text).to_chars(text, offset);
    (at.line as usize + 1, at.col as usize + 1)
}

#[test]
fn planted_references_are_found_exactly() {
    let started = Instant::now();
    let factory = genfactory::build(1000, 1, 50);
    assert_eq!(factory.planted.len(), 50, "the generator planted 50");
    let reports = check_files(&sources(&factory.files), &CheckOptions::default());
    let texts: BTreeMap<&str, &str> = factory
        .files
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();

    let mut found = BTreeSet::new();
    let mut other = Vec::new();
    for r in &reports {
        let text = texts[r.path.as_str()];
        for d in &r.diagnostics {
            let (line, column) = line_col(text, d.range.start);
            if d.rule.name == "unresolved-reference" {
                assert_eq!(d.severity, Severity::Error, "{}:{line}:{column}", r.path);
                found.insert((r.path.clone(), line, column));
            } else if matches!(d.severity, Severity::Error | Severity::Warning) {
                other.push(format!(
                    "{}:{line}:{column} {} {}",
                    r.path, d.rule.name, d.message
                ));
            }
        }
    }
    let planted: BTreeSet<(String, usize, usize)> = factory
        .planted
        .iter()
        .map(|p| (p.file.clone(), p.line, p.column))
        .collect();
    let missed: Vec<_> = planted.difference(&found).collect();
    let extra: Vec<_> = found.difference(&planted).collect();
    println!(
        "N = 1000: {} files, {} planted, {} unresolved-reference found, {} missed, {} extra, \
         {} other errors/warnings ({:.1} s)",
        factory.files.len(),
        planted.len(),
        found.len(),
        missed.len(),
        extra.len(),
        other.len(),
        started.elapsed().as_secs_f64()
    );
    assert!(missed.is_empty(), "recall below 100 %: missed {missed:?}");
    assert!(extra.is_empty(), "precision below 100 %: extra {extra:?}");
    assert!(other.is_empty(), "other errors or warnings: {other:#?}");
}

/// Every reference object `{"referenceName": name, "type": ty}` in a JSON value.
fn collect_refs<'v>(v: &'v Value, out: &mut Vec<(&'v str, &'v str)>) {
    match v {
        Value::Object(map) => {
            if let (Some(Value::String(name)), Some(Value::String(ty))) =
                (map.get("referenceName"), map.get("type"))
            {
                out.push((ty.as_str(), name.as_str()));
            }
            map.values().for_each(|x| collect_refs(x, out));
        }
        Value::Array(items) => items.iter().for_each(|x| collect_refs(x, out)),
        _ => {}
    }
}

/// A reading of the factory made from the texts alone (serde_json, not adf-core), so the expected
/// re-check sets do not come from the code under test.
struct Texts {
    files: BTreeMap<String, String>,
}

impl Texts {
    fn json(&self, path: &str) -> Value {
        serde_json::from_str(&self.files[path]).expect("generated files are valid JSON")
    }

    /// Every file's references as (type, name).
    fn refs(&self) -> BTreeMap<String, Vec<(String, String)>> {
        self.files
            .keys()
            .map(|p| {
                let v = self.json(p);
                let mut refs = Vec::new();
                collect_refs(&v, &mut refs);
                let owned = refs
                    .into_iter()
                    .map(|(t, n)| (t.to_string(), n.to_string()))
                    .collect();
                (p.clone(), owned)
            })
            .collect()
    }

    /// Files holding a reference of this type to this name (ADF compares names ignoring case).
    fn referrers(&self, ty: &str, name: &str) -> BTreeSet<String> {
        referrers(&self.refs(), ty, name)
    }

    /// Entity names per reference type, from each file's `name` and its git folder.
    fn names(&self) -> BTreeMap<&'static str, BTreeSet<String>> {
        let mut out: BTreeMap<&'static str, BTreeSet<String>> = BTreeMap::new();
        for path in self.files.keys() {
            let ty = match path.split_once('/').map(|(folder, _)| folder) {
                Some("pipeline") => "PipelineReference",
                Some("dataset") => "DatasetReference",
                Some("linkedService") => "LinkedServiceReference",
                Some("dataflow") => "DataFlowReference",
                Some("integrationRuntime") => "IntegrationRuntimeReference",
                Some("trigger") => "TriggerReference",
                _ => continue,
            };
            if let Some(name) = self.json(path).get("name").and_then(Value::as_str) {
                out.entry(ty).or_default().insert(name.to_lowercase());
            }
        }
        out
    }

    /// Files holding a reference that resolves to nothing (they read the list of names for "did
    /// you mean", and other kinds under the same name).
    fn with_unresolved(&self, ty: &str) -> BTreeSet<String> {
        let names = self.names();
        let empty = BTreeSet::new();
        let known = names.get(ty).unwrap_or(&empty);
        self.refs()
            .into_iter()
            .filter(|(_, refs)| {
                refs.iter()
                    .any(|(t, n)| t == ty && !known.contains(&n.to_lowercase()))
            })
            .map(|(p, _)| p)
            .collect()
    }

    fn sources(&self) -> Vec<SourceFile<'_>> {
        self.files
            .iter()
            .map(|(path, text)| SourceFile { path, text })
            .collect()
    }
}

fn referrers(
    refs: &BTreeMap<String, Vec<(String, String)>>,
    ty: &str,
    name: &str,
) -> BTreeSet<String> {
    refs.iter()
        .filter(|(_, refs)| {
            refs.iter()
                .any(|(t, n)| t == ty && n.eq_ignore_ascii_case(name))
        })
        .map(|(p, _)| p.clone())
        .collect()
}

fn findings(r: &FileReport) -> Vec<(&'static str, usize, usize, Severity, String)> {
    r.diagnostics
        .iter()
        .map(|d| {
            (
                d.rule.name,
                d.range.start,
                d.range.end,
                d.severity,
                d.message.clone(),
            )
        })
        .collect()
}

/// The incremental state equals a check from scratch of the same texts, file by file; returns the
/// findings by rule (printed, so a reader sees the edits had visible effects to compare).
fn assert_same_as_from_scratch(
    ws: &Workspace,
    texts: &Texts,
    step: &str,
) -> BTreeMap<&'static str, usize> {
    let fresh = check_files(&texts.sources(), &CheckOptions::default());
    let mut by_rule = BTreeMap::new();
    assert_eq!(fresh.len(), texts.files.len());
    for r in &fresh {
        let inc = ws
            .report(&r.path)
            .unwrap_or_else(|| panic!("{step}: no report for {}", r.path));
        assert_eq!(
            findings(&inc),
            findings(r),
            "{step}: {} differs from a check from scratch (left: incremental)",
            r.path
        );
        for d in &r.diagnostics {
            *by_rule.entry(d.rule.name).or_insert(0) += 1;
        }
    }
    println!("    {step}: incremental = from scratch; findings by rule {by_rule:?}");
    by_rule
}

fn set(paths: Vec<String>) -> BTreeSet<String> {
    let n = paths.len();
    let s: BTreeSet<String> = paths.into_iter().collect();
    assert_eq!(s.len(), n, "a file is reported as re-checked twice");
    s
}

/// Builds the typeProperties of a linked service's new type from its old ones.
type NewTypeProperties<'a> = dyn Fn(&Value) -> Value + 'a;

#[test]
fn recheck_counts() {
    let factory = genfactory::build(100, 1, 0);
    let mut texts = Texts {
        files: factory.files.iter().cloned().collect(),
    };
    let mut ws = Workspace::with_files(CheckOptions::default(), &texts.sources());
    assert_same_as_from_scratch(&ws, &texts, "load");

    // (a) Linked services change type (typeProperties valid for the new type, Key Vault secrets
    // kept): exactly the linked service and the files that refer to it are checked again.
    // Blob -> ADLS Gen2 is the plain case (a Blob location is valid on both, so no finding);
    // ADLS Gen2 -> Blob makes its datasets' AzureBlobFSLocation wrong (findings appear, so the
    // comparison with a check from scratch has something to compare); a Key Vault's referrers are
    // the linked services that keep secrets in it.
    let kv_secret = |tp: &Value| {
        [
            "connectionString",
            "accountKey",
            "servicePrincipalKey",
            "sasUri",
        ]
        .iter()
        .find_map(|k| tp.get(*k).cloned())
        .unwrap_or_else(|| Value::String("<secret>".into()))
    };
    let changes: [(&str, &str, &NewTypeProperties); 3] = [
        ("AzureBlobStorage", "AzureBlobFS", &|tp| {
            serde_json::json!({
                "url": "https://stsynthchanged.dfs.core.windows.net/",
                "accountKey": kv_secret(tp),
            })
        }),
        (
            "AzureBlobFS",
            "AzureBlobStorage",
            &|tp| serde_json::json!({ "connectionString": kv_secret(tp) }),
        ),
        (
            "AzureKeyVault",
            "AzureBlobStorage",
            &|_| serde_json::json!({ "serviceEndpoint": "https://stsynthchanged.blob.core.windows.net/" }),
        ),
    ];
    for (from, to, type_properties) in changes {
        let refs = texts.refs();
        // The linked service of that type with the most referring files: the largest honest set.
        let (ls_path, ls_name) = texts
            .files
            .keys()
            .filter(|p| p.starts_with("linkedService/"))
            .filter_map(|p| {
                let v = texts.json(p);
                let name = v["name"].as_str()?.to_string();
                (v["properties"]["type"] == from).then(|| (p.clone(), name))
            })
            .max_by_key(|(p, name)| {
                (
                    referrers(&refs, "LinkedServiceReference", name).len(),
                    std::cmp::Reverse(p.clone()),
                )
            })
            .unwrap_or_else(|| panic!("a {from} linked service"));
        let mut v = texts.json(&ls_path);
        let tp = type_properties(&v["properties"]["typeProperties"]);
        v["properties"]["type"] = to.into();
        v["properties"]["typeProperties"] = tp;
        let new_text = serde_json::to_string_pretty(&v).expect("serialize");
        let mut expected = referrers(&refs, "LinkedServiceReference", &ls_name);
        let n_referrers = expected.len();
        assert!(n_referrers > 0, "{ls_name} is referenced");
        expected.insert(ls_path.clone());
        texts.files.insert(ls_path.clone(), new_text.clone());
        let got = set(ws.set_file(&ls_path, &new_text));
        println!(
            "(a) {ls_name} {from} -> {to}: re-checked {} files (the linked service + \
             {n_referrers} referring files; expected {})",
            got.len(),
            expected.len()
        );
        assert_eq!(
            got, expected,
            "(a) {ls_name}: re-checked set (left: actual)"
        );
        assert_same_as_from_scratch(&ws, &texts, "(a)");
    }

    // (b) A pipeline's body changes, not its name or parameters: only it is checked again.
    let pl_path = texts
        .files
        .iter()
        .find(|(p, t)| p.starts_with("pipeline/") && t.contains("\"waitTimeInSeconds\": "))
        .map(|(p, _)| p.clone())
        .expect("a pipeline with a Wait activity");
    let text = &texts.files[&pl_path];
    let key = "\"waitTimeInSeconds\": ";
    let at = text.find(key).expect("found above") + key.len();
    let digits = text[at..].bytes().take_while(u8::is_ascii_digit).count();
    let seconds: u64 = text[at..at + digits].parse().expect("an integer");
    let new_text = format!("{}{}{}", &text[..at], seconds + 7, &text[at + digits..]);
    texts.files.insert(pl_path.clone(), new_text.clone());
    let got = set(ws.set_file(&pl_path, &new_text));
    println!(
        "(b) {pl_path} waitTimeInSeconds {seconds} -> {}: re-checked {} file(s)",
        seconds + 7,
        got.len()
    );
    assert_eq!(got, BTreeSet::from([pl_path.clone()]), "(b) re-checked set");
    assert_same_as_from_scratch(&ws, &texts, "(b)");

    // (c) A dataset is renamed (its `name`; the file stays where it is). Checked again: the
    // dataset, the files that referred to the old name (now unresolved), and every file that
    // could refer to the new name: a dataset reference that is unresolved before or after.
    let refs = texts.refs();
    let ds_path = texts
        .files
        .keys()
        .find(|p| {
            p.starts_with("dataset/") && {
                let name = texts.json(p)["name"].as_str().unwrap_or("").to_string();
                referrers(&refs, "DatasetReference", &name).len() >= 2
            }
        })
        .cloned()
        .expect("a dataset referenced from two files");
    let mut v = texts.json(&ds_path);
    let old = v["name"].as_str().expect("a name").to_string();
    let new = format!("{old}_renamed");
    v["name"] = new.clone().into();
    let new_text = serde_json::to_string_pretty(&v).expect("serialize");
    let unresolved_before = texts.with_unresolved("DatasetReference");
    let old_referrers = texts.referrers("DatasetReference", &old);
    texts.files.insert(ds_path.clone(), new_text.clone());
    let mut expected: BTreeSet<String> = old_referrers.clone();
    expected.extend(unresolved_before);
    expected.extend(texts.with_unresolved("DatasetReference"));
    expected.extend(texts.referrers("DatasetReference", &new));
    expected.insert(ds_path.clone());
    let got = set(ws.set_file(&ds_path, &new_text));
    println!(
        "(c) {old} -> {new}: re-checked {} files ({} referred to the old name; expected {})",
        got.len(),
        old_referrers.len(),
        expected.len()
    );
    let unrelated: Vec<&String> = got
        .iter()
        .filter(|p| p.starts_with("pipeline/") && !expected.contains(*p))
        .collect();
    assert!(
        unrelated.is_empty(),
        "(c) unrelated pipelines: {unrelated:?}"
    );
    assert_eq!(got, expected, "(c) re-checked set (left: actual)");
    let by_rule = assert_same_as_from_scratch(&ws, &texts, "(c)");
    for p in &old_referrers {
        let r = ws.report(p).expect("a report");
        assert!(
            r.diagnostics
                .iter()
                .any(|d| d.rule.name == "unresolved-reference"),
            "(c) {p} still refers to {old}"
        );
    }
    assert!(by_rule.get("unresolved-reference").copied().unwrap_or(0) >= old_referrers.len());
}
