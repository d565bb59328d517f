//! The second half of the real-world data: ../shared/corpus-extra (MANIFEST.md: 314 files from 17
//! public sources, none tuned for). Every error and warning of every unit is pinned below with
//! the evidence that the file is at fault, or, for a partial source, the reason a reference leaves
//! it. A finding that is not pinned fails the test, and so does a pin that no longer occurs: a rule
//! or severity change shows here before it lands.
//!
//! A unit is a source, or one folder of a source read from several folders of its repository
//! (MANIFEST.md gives such a source one row per folder).

use adf_core::{check_files, CheckOptions, Severity, SourceFile};
use adf_e2e::{json_files, shared};
use std::collections::{BTreeMap, BTreeSet};

/// An error or warning: (file under the unit, rule, the text it points at, unquoted).
type Finding = (&'static str, &'static str, &'static str);

/// A unit and the findings it must give, with the reason.
struct Pin {
    unit: &'static str,
    why: &'static str,
    findings: &'static [Finding],
}

const PINS: &[Pin] = &[];

/// Sources that MANIFEST.md lists with more than one folder: each folder is its own unit.
fn multi_folder_sources(manifest: &str) -> BTreeSet<String> {
    let mut rows: BTreeMap<String, usize> = BTreeMap::new();
    for line in manifest.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        // | source | repository | commit | path | ADF | files | license |
        if cells.len() == 9 && cells[6].parse::<usize>().is_ok() {
            *rows.entry(cells[1].to_string()).or_default() += 1;
        }
    }
    rows.into_iter()
        .filter(|(_, n)| *n > 1)
        .map(|(s, _)| s)
        .collect()
}

#[test]
fn corpus_extra_findings_are_all_pinned() {
    let extra = shared().join("corpus-extra");
    let manifest = std::fs::read_to_string(extra.join("MANIFEST.md")).expect("MANIFEST.md");
    let multi = multi_folder_sources(&manifest);
    assert!(
        multi.contains("adf-samples-json-copy-2015") && multi.contains("synapse-e2e-demo"),
        "MANIFEST.md rows not read as expected: {multi:?}"
    );

    let mut units: BTreeMap<String, Vec<String>> = BTreeMap::new();
    for rel in json_files(&extra) {
        let parts: Vec<&str> = rel.split('/').collect();
        let depth = if multi.contains(parts[0]) { 2 } else { 1 };
        if parts.len() <= depth {
            continue;
        }
        units
            .entry(parts[..depth].join("/"))
            .or_default()
            .push(rel.clone());
    }
    assert!(units.len() >= 25, "too few units: {}", units.len());

    let mut actual: BTreeMap<String, BTreeSet<(String, String, String)>> = BTreeMap::new();
    let mut files = 0;
    for (unit, rels) in &units {
        let texts: Vec<(String, String)> = rels
            .iter()
            .map(|r| {
                let text = std::fs::read(extra.join(r)).expect("corpus-extra file");
                (r.clone(), String::from_utf8_lossy(&text).into_owned())
            })
            .collect();
        let sources: Vec<SourceFile<'_>> = texts
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t })
            .collect();
        for (report, (_, text)) in check_files(&sources, &CheckOptions::default())
            .into_iter()
            .zip(&texts)
        {
            files += 1;
            for d in report
                .diagnostics
                .iter()
                .filter(|d| d.severity <= Severity::Warning)
            {
                let at = text
                    .get(d.range.start..d.range.end)
                    .unwrap_or("")
                    .trim_matches('"');
                let file = report
                    .path
                    .strip_prefix(&format!("{unit}/"))
                    .unwrap_or(&report.path);
                actual.entry(unit.clone()).or_default().insert((
                    file.to_string(),
                    d.rule.name.to_string(),
                    at.chars().take(80).collect(),
                ));
            }
        }
    }
    assert!(files >= 300, "too few files: {files}");

    let mut mismatches = Vec::new();
    for unit in units.keys() {
        let got = actual.get(unit).cloned().unwrap_or_default();
        let pin = PINS.iter().find(|p| p.unit == unit);
        let expected: BTreeSet<(String, String, String)> = pin
            .map(|p| {
                p.findings
                    .iter()
                    .map(|(f, r, t)| (f.to_string(), r.to_string(), t.to_string()))
                    .collect()
            })
            .unwrap_or_default();
        if got != expected {
            let show = |set: Vec<&(String, String, String)>| {
                set.iter()
                    .map(|(f, r, t)| format!("            ({f:?}, {r:?}, {t:?}),"))
                    .collect::<Vec<_>>()
                    .join("\n")
            };
            mismatches.push(format!(
                "{unit} ({}):\n  unexpected:\n{}\n  missing:\n{}",
                pin.map_or("no pin: a unit without faults", |p| p.why),
                show(got.difference(&expected).collect()),
                show(expected.difference(&got).collect()),
            ));
        }
    }
    for pin in PINS {
        assert!(
            units.contains_key(pin.unit),
            "pinned unit {} is not in corpus-extra",
            pin.unit
        );
        assert!(
            !pin.why.is_empty() && !pin.findings.is_empty(),
            "{}: a pin needs its reason and its findings",
            pin.unit
        );
    }
    assert!(
        mismatches.is_empty(),
        "errors and warnings on corpus-extra differ from the pins:\n{}",
        mismatches.join("\n")
    );
}
