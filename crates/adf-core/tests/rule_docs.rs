//! Every rule's documented bad example triggers the rule, and its fixed example is clean.

use adf_core::{check_files, CheckOptions, Profile, Project, Severity, SourceFile, RULES};

/// One ```json (or ```toml, an `adf.toml`) block of a doc comment and the backticked paths
/// named on the line before it (it is written to each), and whether that line says it sits
/// "beside both".
struct Block {
    toml: bool,
    paths: Vec<String>,
    beside: bool,
    after_use_instead: bool,
    text: String,
}

fn json_blocks(source: &str) -> Vec<Block> {
    let lines: Vec<&str> = source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| {
            let l = l.trim_start_matches("//!");
            l.strip_prefix(' ').unwrap_or(l)
        })
        .collect();
    let mut blocks = Vec::new();
    let mut after_use_instead = false;
    let mut i = 0;
    while i < lines.len() {
        if lines[i].starts_with("Use instead") {
            after_use_instead = true;
        }
        let fence = lines[i].trim();
        if fence == "```json" || fence == "```toml" {
            let toml = fence == "```toml";
            let before = i.checked_sub(1).map_or("", |p| lines[p]);
            let paths = before
                .split('`')
                .skip(1)
                .step_by(2)
                .filter(|p| p.ends_with(if toml { ".toml" } else { ".json" }))
                .map(str::to_string)
                .collect();
            let mut text = String::new();
            i += 1;
            while i < lines.len() && lines[i].trim() != "```" {
                text.push_str(lines[i]);
                text.push('\n');
                i += 1;
            }
            blocks.push(Block {
                toml,
                paths,
                beside: before.contains("beside both"),
                after_use_instead,
                text,
            });
        }
        i += 1;
    }
    blocks
}

/// Checks the example's files together; returns the findings of the example's own files. A
/// profile's rule is checked with its profile selected (it is off otherwise).
fn findings(
    example: &[&Block],
    context: &[&Block],
    profile: Option<Profile>,
) -> Vec<(String, adf_core::Severity)> {
    let mut files: Vec<(String, String)> = Vec::new();
    let mut configs: Vec<(String, String)> = Vec::new();
    for b in example.iter().chain(context) {
        let paths = if b.paths.is_empty() {
            let default = if b.toml {
                "adf.toml"
            } else {
                "example/entity.json"
            };
            vec![default.to_string()]
        } else {
            b.paths.clone()
        };
        for p in paths {
            let into = if b.toml { &mut configs } else { &mut files };
            into.push((p, b.text.clone()));
        }
    }
    if !configs.is_empty() {
        // Configuration examples go through the project, which reads `adf.toml` files.
        let mut project = Project::new(CheckOptions {
            profile,
            ..CheckOptions::default()
        });
        project.set_files(files);
        project.set_config_files(configs);
        let own: Vec<&String> = example.iter().flat_map(|b| &b.paths).collect();
        return own
            .into_iter()
            .flat_map(|p| project.findings(p))
            .map(|d| (format!("{}: {}", d.rule.name, d.message), d.severity))
            .collect();
    }
    let own: Vec<String> = files
        .iter()
        .take(example.iter().map(|b| b.paths.len().max(1)).sum())
        .map(|f| f.0.clone())
        .collect();
    let sources: Vec<SourceFile<'_>> = files
        .iter()
        .map(|(p, t)| SourceFile { path: p, text: t })
        .collect();
    let options = CheckOptions {
        profile,
        ..CheckOptions::default()
    };
    check_files(&sources, &options)
        .into_iter()
        .filter(|r| own.contains(&r.path))
        .flat_map(|r| {
            r.diagnostics
                .into_iter()
                .map(|d| (format!("{}: {}", d.rule.name, d.message), d.severity))
        })
        .collect()
}

#[test]
fn documented_examples_behave_as_documented() {
    // These describe inputs too large to write in a doc page; their own tests cover them.
    let illustrative = [
        "file-too-large",
        "nesting-too-deep",
        "too-many-activities",
        "too-many-parameters",
        "entity-too-large",
        "expression-too-long",
    ];
    let root = env!("CARGO_MANIFEST_DIR");
    for rule in RULES {
        if illustrative.contains(&rule.name) {
            continue;
        }
        let source =
            std::fs::read_to_string(format!("{root}/{}", rule.source)).expect("rule source");
        let blocks = json_blocks(&source);
        let context: Vec<&Block> = blocks.iter().filter(|b| b.beside).collect();
        let bad: Vec<&Block> = blocks
            .iter()
            .filter(|b| !b.beside && !b.after_use_instead)
            .collect();
        let fixed: Vec<&Block> = blocks
            .iter()
            .filter(|b| !b.beside && b.after_use_instead)
            .collect();
        assert!(
            !bad.is_empty() && !fixed.is_empty(),
            "{}: expected a bad and a fixed example",
            rule.name
        );
        let profile = Profile::of_rule(rule);
        let found = findings(&bad, &context, profile);
        assert!(
            found
                .iter()
                .any(|(f, _)| f.starts_with(&format!("{}:", rule.name))),
            "{}: the bad example does not trigger the rule; found {found:?}",
            rule.name
        );
        if profile.is_some() {
            // Off unless its profile is selected.
            let without = findings(&bad, &context, None);
            assert!(
                !without
                    .iter()
                    .any(|(f, _)| f.starts_with(&format!("{}:", rule.name))),
                "{}: a profile's rule fired without its profile",
                rule.name
            );
        }
        // The fixed example is clean of errors and warnings (an unrelated hint may remain).
        let found = findings(&fixed, &context, profile);
        let serious: Vec<&(String, Severity)> = found
            .iter()
            .filter(|(f, s)| f.starts_with(&format!("{}:", rule.name)) || *s <= Severity::Warning)
            .collect();
        assert!(
            serious.is_empty(),
            "{}: the fixed example is not clean: {serious:?}",
            rule.name
        );
    }
}

/// The text of a doc comment's `## Evidence` section, up to the next `## ` heading.
fn evidence_section(source: &str) -> Option<String> {
    let doc: Vec<&str> = source
        .lines()
        .take_while(|l| l.starts_with("//!"))
        .map(|l| l.trim_start_matches("//!").trim())
        .collect();
    let start = doc.iter().position(|l| *l == "## Evidence")?;
    let section: Vec<&str> = doc[start + 1..]
        .iter()
        .take_while(|l| !l.starts_with("## "))
        .copied()
        .collect();
    Some(section.join("\n"))
}

#[test]
fn error_rules_cite_their_evidence() {
    // The severity policy (docs/rules/README.md): an error means Data Factory rejects the JSON or
    // the run fails, and the page says how we know: a web page, or a file of the test corpus.
    let root = env!("CARGO_MANIFEST_DIR");
    let mut missing = Vec::new();
    for rule in RULES.iter().filter(|r| r.severity == Severity::Error) {
        let source =
            std::fs::read_to_string(format!("{root}/{}", rule.source)).expect("rule source");
        let cited = evidence_section(&source).is_some_and(|s| {
            s.contains("https://") || s.contains("corpus/") || s.contains("corpus-extra/")
        });
        if !cited {
            missing.push(rule.name);
        }
    }
    assert!(
        missing.is_empty(),
        "error-severity rules without an '## Evidence' section citing a URL or a corpus file \
         (cite one, or make the rule a warning): {missing:?}"
    );
}
