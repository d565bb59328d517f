//! Invariants of the code base that no compiler checks (rust-analyzer keeps a test like this):
//! the core does no I/O, every rule file is registered and documented, the README names every
//! rule, docs/architecture.md names only files that exist, the core's cheap layers hold, and every
//! test file runs.

use adf_core::RULES;
use adf_e2e::{files_where, repo};
use std::path::Path;

/// Every `*.rs` file below `dir` with its text.
fn rust_files(dir: &Path) -> Vec<(String, String)> {
    files_where(dir, |p| p.extension().is_some_and(|x| x == "rs"))
        .into_iter()
        .map(|rel| {
            let text = std::fs::read_to_string(dir.join(&rel)).expect("source is UTF-8");
            (rel, text)
        })
        .collect()
}

/// The part of a source file before its unit tests (`#[cfg(test)]`), where I/O is allowed.
fn non_test_part(text: &str) -> &str {
    text.find("#[cfg(test)]").map_or(text, |at| &text[..at])
}

#[test]
fn the_core_does_no_io() {
    // adf-core runs in a browser's Web Worker too: texts come in, plain data goes out.
    let forbidden = [
        "std::fs",
        "std::net",
        "std::process",
        "std::env",
        "std::io::stdin",
        "std::io::stdout",
        "println!",
        "eprintln!",
        "print!(",
        "std::thread::sleep",
        "SystemTime::now",
    ];
    let mut found = Vec::new();
    for crate_dir in [
        "crates/adf-core/src",
        "crates/adf-syntax/src",
        "crates/adf-catalog/src",
    ] {
        for (path, text) in rust_files(&repo().join(crate_dir)) {
            // `tests.rs` modules are compiled for unit tests only.
            if path == "tests.rs" || path.ends_with("/tests.rs") {
                continue;
            }
            for f in forbidden {
                if non_test_part(&text).contains(f) {
                    found.push(format!("{crate_dir}/{path}: {f}"));
                }
            }
        }
    }
    assert!(found.is_empty(), "I/O in the core crates: {found:#?}");
}

#[test]
fn every_rule_file_is_registered() {
    let dir = repo().join("crates/adf-core/src/rules");
    let registry = std::fs::read_to_string(dir.join("mod.rs")).expect("rules/mod.rs");
    let mut missing = Vec::new();
    for e in std::fs::read_dir(&dir).expect("read_dir").flatten() {
        let name = e.file_name().to_string_lossy().into_owned();
        let Some(module) = name.strip_suffix(".rs").filter(|m| *m != "mod") else {
            continue;
        };
        let kebab = module.replace('_', "-");
        let registered =
            RULES.iter().any(|r| r.name == kebab) && registry.contains(&format!("&{module}::RULE"));
        let page = repo().join(format!("docs/rules/{kebab}.md")).is_file();
        if !registered || !page {
            missing.push(format!("{name}: registered {registered}, page {page}"));
        }
    }
    assert!(
        missing.is_empty(),
        "rule files without a RULES entry or a docs/rules page: {missing:#?}"
    );
}

#[test]
fn the_readme_names_every_rule() {
    let readme = std::fs::read_to_string(repo().join("README.md")).expect("README.md");
    let missing: Vec<&str> = RULES
        .iter()
        .map(|r| r.name)
        .filter(|n| !readme.contains(&format!("`{n}`")))
        .collect();
    assert!(
        missing.is_empty(),
        "rules the README does not name: {missing:?}"
    );
}

#[test]
fn the_studio_validation_table_cites_a_source_and_names_real_rules() {
    // docs/studio-validation.md is the parity table of issue 17: a row without a source is a
    // claim nobody can check, and a rule renamed must not leave a row pointing at nothing.
    let doc = std::fs::read_to_string(repo().join("docs/studio-validation.md")).expect("table");
    let mut rows = 0;
    let mut named = std::collections::BTreeSet::new();
    for line in doc
        .lines()
        .filter(|l| l.starts_with("| ") && !l.starts_with("| check |"))
    {
        // `\|` inside a cell is a literal bar, not a column.
        let unescaped = line.replace("\\|", "\u{1}");
        let cells: Vec<&str> = unescaped
            .trim_matches('|')
            .split('|')
            .map(str::trim)
            .collect();
        assert_eq!(cells.len(), 3, "a row of three cells: {line}");
        assert!(!cells[1].is_empty(), "a row without a source: {line}");
        assert!(
            !cells[2].is_empty(),
            "a row without its rule or reason: {line}"
        );
        rows += 1;
        if cells[2].starts_with("not checked") {
            continue;
        }
        for span in cells[2].split('`').skip(1).step_by(2) {
            let looks_like_rule = span.contains('-')
                && !span.starts_with('-')
                && span.chars().all(|c| c.is_ascii_lowercase() || c == '-');
            if looks_like_rule {
                named.insert(span.to_string());
            }
        }
    }
    assert!(rows >= 50, "the table shrank to {rows} rows");
    let unknown: Vec<&String> = named
        .iter()
        .filter(|n| !RULES.iter().any(|r| r.name == n.as_str()))
        .collect();
    assert!(
        unknown.is_empty(),
        "rules the table names that do not exist: {unknown:?}"
    );
    // Every rule issue 17 added is in the table.
    for rule in [
        "too-many-parameters",
        "entity-too-large",
        "expression-too-long",
        "variable-in-parallel-foreach",
        "variable-reads-itself",
        "trigger-value-unavailable",
        "global-parameter-outside-pipeline",
        "pipeline-parameter-in-dataset",
        "invalid-parameterization",
        "unknown-parameterized-property",
        "fabric-not-migrated",
        "fabric-needs-rework",
    ] {
        assert!(named.contains(rule), "the table does not name `{rule}`");
    }
}

/// Every `` `…/x.rs` `` path in a Markdown text (one code span each, no spaces).
fn rust_paths_in(markdown: &str) -> Vec<&str> {
    markdown
        .split('`')
        .skip(1)
        .step_by(2)
        .filter(|span| span.ends_with(".rs") && !span.contains(char::is_whitespace))
        .collect()
}

#[test]
fn the_architecture_doc_names_only_files_that_exist() {
    // A module renamed or split must not leave the map pointing at nothing. A path is taken
    // from the repository root, or from a crate's root or `src/` (`workspace/loader.rs`).
    let doc = std::fs::read_to_string(repo().join("docs/architecture.md")).expect("architecture");
    let crates: Vec<std::path::PathBuf> = std::fs::read_dir(repo().join("crates"))
        .expect("crates/")
        .flatten()
        .map(|e| e.path())
        .collect();
    let exists = |p: &str| {
        repo().join(p).is_file()
            || crates
                .iter()
                .any(|c| c.join(p).is_file() || c.join("src").join(p).is_file())
    };
    let paths = rust_paths_in(&doc);
    assert!(paths.len() > 10, "the doc names modules: {paths:?}");
    let missing: Vec<&str> = paths.into_iter().filter(|p| !exists(p)).collect();
    assert!(
        missing.is_empty(),
        "docs/architecture.md names files that do not exist: {missing:?}"
    );
}

#[test]
fn the_cheap_layers_of_the_core_hold() {
    // Cut once (issue 13): findings depend on nothing else in the crate, and IDE code asks a
    // finding's rule for its fix instead of naming rule modules.
    let src = repo().join("crates/adf-core/src");
    // `quote` (shortening text from the input) is a leaf: it uses nothing of the crate.
    let uses_crate = |file: &str| {
        let text = std::fs::read_to_string(src.join(file)).expect("a core module");
        non_test_part(&text)
            .replace("crate::quote::", "")
            .contains("crate::")
    };
    assert!(
        !uses_crate("diagnostic.rs"),
        "diagnostic.rs uses another module of the crate"
    );
    assert!(
        !uses_crate("quote.rs"),
        "quote.rs uses another module of the crate"
    );
    let reaching: Vec<String> = rust_files(&src.join("ide"))
        .into_iter()
        .filter(|(_, text)| non_test_part(text).contains("crate::rules"))
        .map(|(path, _)| path)
        .collect();
    assert!(reaching.is_empty(), "ide/ names rule modules: {reaching:?}");
}

#[test]
fn every_test_file_is_part_of_its_crates_one_test_binary() {
    // One integration-test binary per crate (issue 13: 22 link steps on 2 cores before). With
    // `autotests = false` a file that main.rs does not name would silently never run.
    for dir in ["crates/adf-core/tests", "crates/adf-syntax/tests", "tests"] {
        let dir = repo().join(dir);
        let main = std::fs::read_to_string(dir.join("main.rs")).expect("main.rs");
        let missing: Vec<String> = std::fs::read_dir(&dir)
            .expect("tests folder")
            .filter_map(|e| e.ok()?.file_name().into_string().ok())
            .filter_map(|name| name.strip_suffix(".rs").map(str::to_string))
            .filter(|m| m != "main" && !main.contains(&format!("mod {m};")))
            .collect();
        assert!(
            missing.is_empty(),
            "{} does not name {missing:?}",
            dir.join("main.rs").display()
        );
    }
}

#[test]
fn every_package_carries_the_workspace_version() {
    // One version for every artefact (the CLI, the wheel, the npm packages, the .vsix): it
    // lives in Cargo.toml; the package.json files npm needs repeat it, set by
    // scripts/set-version.py.
    let cargo = std::fs::read_to_string(repo().join("Cargo.toml")).expect("Cargo.toml");
    let section = cargo
        .split("[workspace.package]")
        .nth(1)
        .expect("[workspace.package]");
    let version = section
        .lines()
        .find_map(|l| l.strip_prefix("version = \""))
        .and_then(|l| l.strip_suffix('"'))
        .expect("workspace version");
    for file in [
        "wasm-pkg/package.json",
        "wasm-pkg/package-lock.json",
        "playground/package.json",
        "playground/package-lock.json",
        "extension/package.json",
        "extension/package-lock.json",
    ] {
        let path = repo().join(file);
        let Ok(text) = std::fs::read_to_string(&path) else {
            assert!(file.ends_with("-lock.json"), "{file} is missing");
            continue;
        };
        let json: serde_json::Value = serde_json::from_str(&text).expect(file);
        assert_eq!(
            json["version"].as_str(),
            Some(version),
            "{file}: run `python3 scripts/set-version.py {version}`"
        );
        if let Some(root) = json.get("packages").and_then(|p| p.get("")) {
            assert_eq!(
                root["version"].as_str(),
                Some(version),
                "{file} (packages[\"\"])"
            );
        }
    }
}
