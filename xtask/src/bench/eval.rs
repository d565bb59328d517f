//! `cargo xtask bench-eval [--pipelines 1000] [--runs 5]`: evaluates every expression-valued
//! string of the generated factory with each entity's declared defaults (as the editor's hover
//! does) and prints the time per expression and what the evaluations gave. Run it in release
//! (`cargo run --release -p xtask -- bench-eval`). See docs/benchmarks.md, "Expression
//! evaluator (issue 19)".

use std::time::Instant;

use adf_core::eval::{self, defaults::context_with_defaults, Context, Value};
use adf_core::{classify, FileKind};
use adf_syntax::ast::Value as Json;

use super::{positive, SEED};
use crate::genfactory;

const USAGE: &str = "usage: cargo xtask bench-eval [--pipelines 1000] [--runs 5]";

/// What the evaluations of one run gave.
#[derive(Debug, Default, PartialEq, Eq)]
struct Outcomes {
    values: usize,
    unknown: usize,
    errors: usize,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let (mut pipelines, mut runs) = (1000, 5);
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let v = it
            .next()
            .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))?;
        match a.as_str() {
            "--pipelines" => pipelines = positive(a, v)?,
            "--runs" => runs = positive(a, v)?,
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    let files = genfactory::build(pipelines, SEED, 0).files;
    // Every expression with the context of its entity, gathered before the clock starts: what
    // is timed is the evaluation alone.
    let mut work: Vec<(Context, Vec<String>)> = Vec::new();
    for (path, text) in &files {
        let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
        let Some(root @ Json::Object(obj)) = parsed.value.as_ref() else {
            continue;
        };
        let FileKind::Entity(kind) = classify::classify(path, Some(root)).kind else {
            continue;
        };
        let mut found = Vec::new();
        strings(root, &mut found);
        if !found.is_empty() {
            work.push((context_with_defaults(obj, kind), found));
        }
    }
    let count: usize = work.iter().map(|(_, e)| e.len()).sum();
    if count == 0 {
        return Err("the generated factory holds no expression".to_string());
    }
    let mut times = Vec::with_capacity(runs);
    let mut first: Option<Outcomes> = None;
    for _ in 0..runs {
        let mut got = Outcomes::default();
        let start = Instant::now();
        for (ctx, exprs) in &work {
            for e in exprs {
                match eval::evaluate(e, ctx) {
                    Ok(Value::Unknown(_)) => got.unknown += 1,
                    Ok(_) => got.values += 1,
                    Err(_) => got.errors += 1,
                }
            }
        }
        times.push(start.elapsed());
        match &first {
            None => first = Some(got),
            Some(f) if *f != got => return Err("two runs gave different results".to_string()),
            Some(_) => {}
        }
    }
    times.sort();
    let median = times[times.len() / 2];
    let got = first.unwrap_or_default();
    println!(
        "N = {pipelines}: {count} expressions in {} entities; per run (median of {runs}) {:.1} ms, \
         {:.2} µs per expression",
        work.len(),
        median.as_secs_f64() * 1e3,
        median.as_secs_f64() * 1e6 / count as f64
    );
    println!(
        "values {}, unknown (an input not declared, the clock, a run's output) {}, errors {}",
        got.values, got.unknown, got.errors
    );
    Ok(())
}

/// The strings below `v` that hold an expression (iterative: the parser bounds depth anyway).
fn strings(v: &Json<'_>, out: &mut Vec<String>) {
    let mut stack = vec![v];
    while let Some(v) = stack.pop() {
        match v {
            Json::StringLit(s) if adf_core::expr::parse_template(&s.value).is_expression() => {
                out.push(s.value.to_string());
            }
            Json::Array(a) => stack.extend(a.elements.iter()),
            Json::Object(o) => stack.extend(o.properties.iter().map(|p| &p.value)),
            _ => {}
        }
    }
}
