//! `--format sarif`: SARIF 2.1.0 as GitHub code scanning reads it: every rule with its help
//! page, results with regions and partial fingerprints that survive line moves, and files that
//! could not be checked as tool execution notifications. No snippets: a region's text could hold
//! a secret.

use super::located;
use crate::baseline::fingerprint;
use crate::check::RunResult;
use adf_core::{Severity, RULES};
use serde_json::{json, Value};

/// Where the rule pages live (docs/rules/<name>.md in the repository).
pub const REPOSITORY_URL: &str = env!("CARGO_PKG_REPOSITORY");

fn level(s: Severity) -> &'static str {
    match s {
        Severity::Error => "error",
        Severity::Warning => "warning",
        Severity::Info | Severity::Hint => "note",
    }
}

/// The help page of a rule.
pub fn help_uri(name: &str) -> String {
    format!("{REPOSITORY_URL}/blob/main/docs/rules/{name}.md")
}

fn artifact(uri: &str) -> Value {
    // Paths are relative to where adf ran, as given; `%SRCROOT%` lets consumers rebase them.
    json!({ "uri": uri, "uriBaseId": "%SRCROOT%" })
}

/// Renders the run as one SARIF log.
pub fn render(result: &RunResult) -> String {
    let rules: Vec<Value> = RULES
        .iter()
        .map(|r| {
            json!({
                "id": r.code,
                "name": r.name,
                "shortDescription": { "text": r.summary },
                "fullDescription": { "text": r.summary },
                "helpUri": help_uri(r.name),
                "help": { "text": format!("{}: {} (see {})", r.name, r.summary, help_uri(r.name)) },
                "defaultConfiguration": { "level": level(r.severity) },
                "properties": { "tags": ["adf"] },
            })
        })
        .collect();
    let results: Vec<Value> = located(result)
        .map(|l| {
            let d = l.diagnostic;
            let index = RULES
                .iter()
                .position(|r| std::ptr::eq(*r, d.rule))
                .unwrap_or_default();
            json!({
                "ruleId": d.rule.code,
                "ruleIndex": index,
                "level": level(d.severity),
                "message": { "text": format!("{} ({})", d.message, d.rule.name) },
                "locations": [{
                    "physicalLocation": {
                        "artifactLocation": artifact(&l.checked.report.path),
                        "region": {
                            "startLine": l.start.0,
                            "startColumn": l.start.1,
                            "endLine": l.end.0,
                            "endColumn": l.end.1.max(if l.end.0 == l.start.0 { l.start.1 } else { 1 }),
                        }
                    }
                }],
                "partialFingerprints": { "adfFindingHash/v1": fingerprint(l.checked, d) },
            })
        })
        .collect();
    let notifications: Vec<Value> = result
        .errors
        .iter()
        .map(|e| {
            json!({
                "level": "error",
                "message": { "text": format!("{}: {}", e.file, e.message) },
                "locations": [{ "physicalLocation": { "artifactLocation": artifact(&e.file) } }],
            })
        })
        .collect();
    let log = json!({
        "$schema": "https://json.schemastore.org/sarif-2.1.0.json",
        "version": "2.1.0",
        "runs": [{
            "tool": {
                "driver": {
                    "name": "adf",
                    "informationUri": REPOSITORY_URL,
                    "semanticVersion": env!("CARGO_PKG_VERSION"),
                    "version": env!("CARGO_PKG_VERSION"),
                    "rules": rules,
                }
            },
            "invocations": [{
                // Files that could not be read were not checked: the run did not do all its job.
                "executionSuccessful": result.errors.is_empty(),
                "toolExecutionNotifications": notifications,
            }],
            "originalUriBaseIds": { "%SRCROOT%": { "description": { "text": "the folder adf ran in" } } },
            "columnKind": "unicodeCodePoints",
            "results": results,
        }]
    });
    serde_json::to_string_pretty(&log).unwrap_or_default()
}
