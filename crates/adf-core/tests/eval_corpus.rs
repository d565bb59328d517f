//! The evaluator and `what-if` over every pipeline and expression of both shared corpora
//! (../shared/corpus, ../shared/corpus-extra): factories nobody wrote for this tool. Every
//! expression evaluates with nothing given (a value, unknown, or an error on the text's
//! character boundaries), and every pipeline's what-if ends, without a panic.

use adf_catalog::EntityKind;
use adf_core::eval::defaults::context_with_defaults;
use adf_core::eval::whatif::{what_if, Inputs};
use adf_core::eval::{evaluate, Context, Value};
use adf_core::json;
use adf_syntax::ast::Value as Json;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};

const SHARED: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/../../../shared");

/// Every `.json` file below `dir` (links not followed), sorted.
fn json_files(dir: &Path, out: &mut Vec<PathBuf>) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    let mut paths: Vec<PathBuf> = entries.flatten().map(|e| e.path()).collect();
    paths.sort();
    for p in paths {
        let Ok(meta) = std::fs::symlink_metadata(&p) else {
            continue;
        };
        if meta.is_dir() {
            json_files(&p, out);
        } else if meta.is_file() && p.extension().is_some_and(|e| e == "json") {
            out.push(p);
        }
    }
}

/// The folder a file's factory starts at: above its `pipeline/` folder, else its own folder.
fn factory_root(file: &Path) -> PathBuf {
    let dir = file.parent().unwrap_or(file);
    dir.ancestors()
        .find(|a| a.file_name().is_some_and(|n| n == "pipeline"))
        .and_then(Path::parent)
        .unwrap_or(dir)
        .to_path_buf()
}

/// Every string value of a JSON tree that is an ADF expression or holds an interpolation.
fn expressions<'t>(v: &'t Json<'_>, out: &mut Vec<&'t str>) {
    match v {
        Json::StringLit(s) if s.value.starts_with('@') || s.value.contains("@{") => {
            out.push(s.value.as_ref())
        }
        Json::Array(a) => a.elements.iter().for_each(|e| expressions(e, out)),
        Json::Object(o) => o.properties.iter().for_each(|p| expressions(&p.value, out)),
        _ => {}
    }
}

#[test]
fn every_corpus_expression_and_pipeline_evaluates_without_a_panic() {
    let mut files = Vec::new();
    for corpus in ["corpus", "corpus-extra"] {
        json_files(&Path::new(SHARED).join(corpus), &mut files);
    }
    assert!(
        files.len() > 1_000,
        "the corpora are missing: {} files",
        files.len()
    );
    let texts: BTreeMap<PathBuf, String> = files
        .iter()
        .filter_map(|f| Some((f.clone(), std::fs::read_to_string(f).ok()?)))
        .collect();

    let (mut values, mut unknown, mut errors) = (0, 0, 0);
    let mut by_factory: BTreeMap<PathBuf, Vec<&str>> = BTreeMap::new();
    let mut pipelines: Vec<(PathBuf, String)> = Vec::new();
    for (path, text) in &texts {
        by_factory
            .entry(factory_root(path))
            .or_default()
            .push(text.as_str());
        let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
        let Some(root) = &parsed.value else {
            continue;
        };
        let mut found = Vec::new();
        expressions(root, &mut found);
        // A pipeline's expressions see its declared defaults, as hover shows them.
        let is_pipeline = match root {
            Json::Object(o) => json::get_obj(o, "properties").is_some_and(|p| {
                matches!(
                    json::get(p, "activities").map(|a| &a.value),
                    Some(Json::Array(_))
                )
            }),
            _ => false,
        };
        let ctx = match root {
            Json::Object(o) if is_pipeline => context_with_defaults(o, EntityKind::Pipeline),
            _ => Context::default(),
        };
        for e in found {
            match evaluate(e, &ctx) {
                Ok(Value::Unknown(_)) => unknown += 1,
                Ok(_) => values += 1,
                Err(err) => {
                    assert!(
                        err.range.start <= err.range.end
                            && e.is_char_boundary(err.range.start)
                            && e.is_char_boundary(err.range.end),
                        "{}: error range {:?} is off in {e:?}",
                        path.display(),
                        err.range
                    );
                    errors += 1;
                }
            }
        }
        if is_pipeline {
            if let Json::Object(o) = root {
                if let Some(name) = json::get_str(o, "name") {
                    pipelines.push((factory_root(path), name.to_string()));
                }
            }
        }
    }
    // Most corpus expressions read parameters, items or outputs not given here; many do not.
    assert!(
        values > 500 && unknown > 500,
        "values {values}, unknown {unknown}"
    );
    assert!(errors < values, "errors {errors}, values {values}");

    let mut walked = 0;
    for (root, name) in &pipelines {
        let factory = &by_factory[root];
        let inputs = Inputs {
            seed: Some(1),
            ..Inputs::default()
        };
        match what_if(factory, name, &inputs) {
            Ok(run) => {
                assert_eq!(&run.pipeline, name);
                walked += 1;
            }
            Err(e) => panic!("{}: {name}: {e}", root.display()),
        }
    }
    eprintln!("{values} values, {unknown} unknown, {errors} errors; what-if on {walked} pipelines");
    assert!(walked > 250, "what-if ran on {walked} pipelines");
}
