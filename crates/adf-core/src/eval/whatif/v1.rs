//! v1 (2015) pipelines: activities ordered by the datasets they produce and read (an activity
//! runs after the one whose output it reads), with the activity windows of their schedule
//! between the pipeline's `start` and `end`, and their properties as written (v1 expressions,
//! `$$Text.Format(...)`, are not evaluated).
//!
//! Windows: chosen, counted from `start` in steps of the activity's `scheduler` (or its first
//! output's `availability`); `offset`, `style` and `anchorDateTime`, which move the windows'
//! boundaries, are named in a note and not applied.
//! (<https://learn.microsoft.com/azure/data-factory/v1/data-factory-scheduling-and-execution>)

use super::factory::Factory;
use super::{ActivePeriod, Inputs, Outcome, Runs, Step, WhatIf};
use crate::eval::activity::PropertyValue;
use crate::eval::value::from_ast;
use crate::eval::{DateTime, Value};
use crate::json;
use adf_syntax::ast::{Object, Value as Json};

/// Windows counted at most (a minute schedule over years is millions).
const MAX_WINDOWS: usize = 100_000;
/// Windows printed per activity.
const SHOWN_WINDOWS: usize = 2;
/// Leaves of `typeProperties` printed per activity.
const MAX_LEAVES: usize = 200;

/// One v1 activity's facts.
struct Activity<'o> {
    name: String,
    ty: String,
    inputs: Vec<String>,
    outputs: Vec<String>,
    scheduler: Option<(String, i64, bool)>,
    object: &'o Object<'o>,
}

fn names(obj: &Object<'_>, key: &str) -> Vec<String> {
    match json::get(obj, key).map(|p| &p.value) {
        Some(Json::Array(a)) => a
            .elements
            .iter()
            .filter_map(|e| match e {
                Json::Object(o) => json::get_str(o, "name").map(str::to_string),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

/// `frequency`, `interval` and whether boundaries are moved (`offset`, `style`,
/// `anchorDateTime`).
fn cadence(obj: &Object<'_>) -> Option<(String, i64, bool)> {
    let frequency = json::get_str(obj, "frequency")?.to_string();
    let interval = match json::get(obj, "interval").map(|p| &p.value) {
        Some(Json::NumberLit(n)) => n.value.parse().ok()?,
        _ => 1,
    };
    let moved = ["offset", "style", "anchorDateTime"]
        .iter()
        .any(|k| json::get(obj, k).is_some());
    Some((frequency, interval, moved))
}

fn is_v1(root: &Object<'_>, props: &Object<'_>) -> bool {
    let schema = json::get_str(root, "$schema")
        .is_some_and(|s| s.contains("datafactories.schema.management.azure.com"));
    let scheduled = match json::get(props, "activities").map(|p| &p.value) {
        Some(Json::Array(a)) => a
            .elements
            .iter()
            .any(|e| matches!(e, Json::Object(o) if json::get(o, "scheduler").is_some())),
        _ => false,
    };
    schema || scheduled || json::get(props, "start").is_some()
}

fn stamp(t: &DateTime) -> String {
    t.format("yyyy-MM-dd'T'HH:mm:ss'Z'").unwrap_or_default()
}

/// The windows of one cadence between `start` and `end`: the first few and how many.
fn windows(start: &str, end: &str, frequency: &str, interval: i64) -> Result<String, String> {
    let (Some(from), Some(to)) = (DateTime::parse(start), DateTime::parse(end)) else {
        return Err(format!(
            "start `{start}` or end `{end}` is not a timestamp: windows not counted"
        ));
    };
    if interval < 1 {
        return Err(format!(
            "interval {interval} is not positive: windows not counted"
        ));
    }
    let mut shown = Vec::new();
    let mut count = 0usize;
    let mut at = from;
    while at.ticks < to.ticks && count < MAX_WINDOWS {
        let next = at.add(interval, frequency)?;
        if count < SHOWN_WINDOWS {
            shown.push(format!("{} to {}", stamp(&at), stamp(&next)));
        }
        count += 1;
        at = next;
    }
    let more = if at.ticks < to.ticks {
        format!("more than {MAX_WINDOWS}")
    } else {
        count.to_string()
    };
    Ok(format!(
        "{more} windows of {interval} {frequency} from {start} to {end}; the first: {}",
        shown.join(", ")
    ))
}

/// `linkedServiceName`, `typeProperties` and `policy` as written, leaf by leaf; v1 expressions
/// are left unknown.
fn written(obj: &Object<'_>) -> Vec<PropertyValue> {
    let mut out = Vec::new();
    if let Some(ls) = json::get_str(obj, "linkedServiceName") {
        out.push(PropertyValue {
            path: "linkedServiceName".into(),
            expression: ls.to_string(),
            value: Ok(Value::String(ls.to_string())),
        });
    }
    let mut stack: Vec<(&Json<'_>, String)> = ["policy", "typeProperties"]
        .iter()
        .filter_map(|k| Some((&json::get(obj, k)?.value, k.to_string())))
        .collect();
    while let Some((v, path)) = stack.pop() {
        if out.len() >= MAX_LEAVES {
            break;
        }
        match v {
            Json::Object(o) => {
                let live: Vec<_> = json::live(o).collect();
                for p in live.into_iter().rev() {
                    stack.push((&p.value, format!("{path}.{}", json::name(p))));
                }
            }
            Json::Array(a) => {
                for (i, e) in a.elements.iter().enumerate().rev() {
                    stack.push((e, format!("{path}[{i}]")));
                }
            }
            Json::StringLit(s) if s.value.contains("$$") || s.value.contains("SliceStart") => {
                out.push(PropertyValue {
                    path,
                    expression: s.value.to_string(),
                    value: Ok(Value::unknown("a v1 expression, not evaluated here")),
                });
            }
            leaf => {
                let value = from_ast(leaf);
                out.push(PropertyValue {
                    path,
                    expression: value.to_json(),
                    value: Ok(value),
                });
            }
        }
    }
    out
}

/// The what-if of a v1 pipeline, or `None` when the pipeline is not v1.
pub(super) fn what_if(
    factory: &Factory<'_>,
    name: &str,
    text: &str,
    inputs: &Inputs,
) -> Option<WhatIf> {
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let Some(Json::Object(root)) = &parsed.value else {
        return None;
    };
    let props = json::get_obj(root, "properties")?;
    if !is_v1(root, props) {
        return None;
    }
    let start = json::get_str(props, "start").unwrap_or("").to_string();
    let end = json::get_str(props, "end").unwrap_or("").to_string();
    let acts: Vec<Activity<'_>> = match json::get(props, "activities").map(|p| &p.value) {
        Some(Json::Array(a)) => a
            .elements
            .iter()
            .filter_map(|e| match e {
                Json::Object(o) => Some(Activity {
                    name: json::get_str(o, "name").unwrap_or("").to_string(),
                    ty: json::get_str(o, "type").unwrap_or("").to_string(),
                    inputs: names(o, "inputs"),
                    outputs: names(o, "outputs"),
                    scheduler: json::get_obj(o, "scheduler").and_then(cadence),
                    object: o,
                }),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    };
    let producer = |dataset: &str| {
        acts.iter()
            .position(|a| a.outputs.iter().any(|o| o.eq_ignore_ascii_case(dataset)))
    };
    // Dependency order by datasets (Kahn's algorithm, ties in written order).
    let n = acts.len();
    let waits: Vec<Vec<(usize, String)>> = acts
        .iter()
        .enumerate()
        .map(|(i, a)| {
            a.inputs
                .iter()
                .filter_map(|d| producer(d).filter(|&p| p != i).map(|p| (p, d.clone())))
                .collect()
        })
        .collect();
    let mut placed = vec![false; n];
    let mut order = Vec::with_capacity(n);
    let mut notes = Vec::new();
    while order.len() < n {
        let next = (0..n).find(|&i| !placed[i] && waits[i].iter().all(|(p, _)| placed[*p]));
        let Some(i) = next else {
            notes.push(
                "the activities' datasets form a cycle: the rest is listed as written".to_string(),
            );
            order.extend((0..n).filter(|&i| !placed[i]));
            break;
        };
        placed[i] = true;
        order.push(i);
    }
    let mut failed = vec![false; n];
    let mut ran = vec![false; n];
    let mut steps = Vec::new();
    let mut matched = Vec::new();
    for &i in &order {
        let a = &acts[i];
        let mut step = Step {
            activity: a.name.clone(),
            activity_type: a.ty.clone(),
            runs: Runs::Yes,
            outcome: Outcome::Succeeded,
            properties: Vec::new(),
            notes: Vec::new(),
            blocks: Vec::new(),
        };
        let blocked = waits[i]
            .iter()
            .find(|(p, _)| !ran.get(*p).copied().unwrap_or(false) || failed[*p]);
        if let Some((p, d)) = blocked {
            step.runs = Runs::No(format!(
                "its input `{d}` is not produced: `{}` does not succeed",
                acts[*p].name
            ));
            step.outcome = Outcome::Skipped;
            steps.push(step);
            continue;
        }
        ran[i] = true;
        for d in &a.inputs {
            let why = match (producer(d).filter(|&p| p != i), factory.dataset(d)) {
                (Some(p), _) => format!("reads `{d}` after `{}` produces it", acts[p].name),
                (None, Some(ds)) if ds.external => {
                    format!("reads `{d}` (external: produced outside the factory)")
                }
                (None, Some(_)) => format!("reads `{d}`, produced by another pipeline"),
                (None, None) => format!("reads `{d}`, which is not in the factory"),
            };
            step.notes.push(why);
        }
        if !a.outputs.is_empty() {
            step.notes.push(format!(
                "produces {}",
                a.outputs
                    .iter()
                    .map(|o| format!("`{o}`"))
                    .collect::<Vec<_>>()
                    .join(", ")
            ));
        }
        let schedule = a.scheduler.clone().or_else(|| {
            a.outputs
                .iter()
                .find_map(|o| factory.dataset(o)?.availability.clone())
                .map(|(f, i)| (f, i, false))
        });
        match schedule {
            Some((frequency, interval, moved)) => {
                step.notes.push(
                    windows(&start, &end, &frequency, interval).unwrap_or_else(|e| e.to_string()),
                );
                if moved {
                    step.notes.push(
                        "offset, style or anchorDateTime move the windows' boundaries: not \
                         applied here"
                            .to_string(),
                    );
                }
            }
            None => step
                .notes
                .push("no scheduler and no output availability: windows not known".to_string()),
        }
        step.properties = written(a.object);
        if inputs.fail.iter().any(|f| f.eq_ignore_ascii_case(&a.name)) {
            failed[i] = true;
            matched.push(a.name.clone());
            step.outcome = Outcome::Failed;
            step.notes.push("fails: --fail says so".to_string());
        }
        steps.push(step);
    }
    for f in &inputs.fail {
        if !matched.iter().any(|m| m.eq_ignore_ascii_case(f)) {
            notes.push(format!("--fail `{f}`: no activity of that name runs"));
        }
    }
    notes.push(
        "v1: every window runs the activities in this order; v1 expressions are not evaluated"
            .to_string(),
    );
    let outcome = if failed.iter().any(|f| *f) {
        Outcome::Failed
    } else {
        Outcome::Succeeded
    };
    Some(WhatIf {
        pipeline: name.to_string(),
        v1: Some(ActivePeriod { start, end }),
        steps,
        outcome,
        variables: Vec::new(),
        return_value: Vec::new(),
        notes,
    })
}
