//! `adf eval --pipeline P --activity A [PATH]`: every expression-valued property of one
//! activity with its value, from the pipeline's declared defaults and the inputs given.

use adf_core::eval::{self, Context, Value};
use adf_core::json;
use adf_host::files;
use adf_syntax::ast::{Object, Value as Json};

/// Keys under `typeProperties` that hold other activities: those are activities of their own
/// (ask for them by name), not properties of this one.
const NESTED: &[&str] = &[
    "activities",
    "ifTrueActivities",
    "ifFalseActivities",
    "defaultActivities",
    "cases",
];

/// The pipeline's file text below `path`, found by its name (case-insensitive).
fn pipeline_text(path: &str, pipeline: &str) -> Result<(String, String), String> {
    let fs = adf_host::fs::RealFs;
    let (targets, _) =
        crate::check::walk(&fs, &[path.to_string()], adf_host::fs::DEFAULT_MAX_FILES)?;
    for t in &targets {
        let Ok(text) = files::load(&fs, &t.path) else {
            continue;
        };
        let parsed = adf_syntax::parse(&text, &adf_syntax::ParseOptions::default());
        let Some(Json::Object(root)) = &parsed.value else {
            continue;
        };
        let is_it = json::get_str(root, "name").is_some_and(|n| n.eq_ignore_ascii_case(pipeline))
            && json::get_obj(root, "properties")
                .is_some_and(|p| json::get(p, "activities").is_some());
        if is_it {
            return Ok((t.display.clone(), text));
        }
    }
    Err(format!("no pipeline named `{pipeline}` below {path}"))
}

/// The activity by name, searched through container activities too (iteratively).
fn find_activity<'o, 'a>(pipeline: &'o Object<'a>, name: &str) -> Option<&'o Object<'a>> {
    let mut stack: Vec<&Json<'_>> = json::get_obj(pipeline, "properties")
        .and_then(|p| json::get(p, "activities"))
        .map(|p| &p.value)
        .into_iter()
        .collect();
    while let Some(v) = stack.pop() {
        match v {
            Json::Array(items) => stack.extend(items.elements.iter()),
            Json::Object(o) => {
                if json::get_str(o, "name").is_some_and(|n| n.eq_ignore_ascii_case(name))
                    && json::get(o, "type").is_some()
                {
                    return Some(o);
                }
                if let Some(tp) = json::get_obj(o, "typeProperties") {
                    for key in NESTED {
                        if let Some(p) = json::get(tp, key) {
                            stack.push(&p.value);
                        }
                    }
                }
                // A Switch case is an object holding `activities`.
                if let Some(p) = json::get(o, "activities") {
                    stack.push(&p.value);
                }
            }
            _ => {}
        }
    }
    None
}

/// Every string below `v` that holds an expression, with its path (`typeProperties.url`).
fn expressions<'v>(
    v: &'v Json<'_>,
    path: String,
    under_type_properties: bool,
    out: &mut Vec<(String, &'v str)>,
) {
    match v {
        Json::StringLit(s) if adf_core::expr::parse_template(&s.value).is_expression() => {
            out.push((path, s.value.as_ref()));
        }
        Json::Array(items) => {
            for (i, item) in items.elements.iter().enumerate() {
                expressions(item, format!("{path}[{i}]"), false, out);
            }
        }
        Json::Object(o) => {
            for p in json::live(o) {
                let key = json::name(p);
                if under_type_properties && NESTED.iter().any(|n| n.eq_ignore_ascii_case(key)) {
                    continue;
                }
                let child = if path.is_empty() {
                    key.to_string()
                } else {
                    format!("{path}.{key}")
                };
                let is_tp = path.is_empty() && key.eq_ignore_ascii_case("typeProperties");
                expressions(&p.value, child, is_tp, out);
            }
        }
        _ => {}
    }
}

/// Replaces or adds the given inputs over the declared defaults.
fn overlay(defaults: &mut Vec<(String, Value)>, given: Vec<(String, Value)>) {
    for (name, v) in given {
        defaults.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        defaults.push((name, v));
    }
}

/// One line per expression-valued property, and whether any failed.
pub fn properties(
    path: &str,
    pipeline: &str,
    activity: &str,
    given: Context,
) -> Result<(String, bool), String> {
    let (shown, text) = pipeline_text(path, pipeline)?;
    let parsed = adf_syntax::parse(&text, &adf_syntax::ParseOptions::default());
    let Some(Json::Object(root)) = &parsed.value else {
        return Err(format!("{shown} is not a JSON object"));
    };
    let act = find_activity(root, activity)
        .ok_or_else(|| format!("pipeline `{pipeline}` ({shown}) has no activity `{activity}`"))?;
    let mut ctx = eval::defaults::context_with_defaults(root, adf_catalog::EntityKind::Pipeline);
    let mut given = given;
    overlay(&mut ctx.parameters, std::mem::take(&mut given.parameters));
    overlay(&mut ctx.variables, std::mem::take(&mut given.variables));
    given.parameters = ctx.parameters;
    given.variables = ctx.variables;
    let ctx = given;
    let mut found = Vec::new();
    for p in json::live(act) {
        let key = json::name(p);
        // The activity's own nested activities and its dependencies hold no values of its own.
        if key.eq_ignore_ascii_case("name") || key.eq_ignore_ascii_case("dependsOn") {
            continue;
        }
        expressions(
            &p.value,
            key.to_string(),
            key.eq_ignore_ascii_case("typeProperties"),
            &mut found,
        );
    }
    let mut out = String::new();
    let mut failed = false;
    for (at, value) in &found {
        let shown = match eval::evaluate(value, &ctx) {
            Ok(Value::Unknown(needs)) => format!("unknown (needs: {})", needs.join(", ")),
            Ok(v) => v.to_json(),
            Err(e) => {
                failed = true;
                let part = value.get(e.range.clone()).unwrap_or("");
                format!("error: {} (in `{part}`)", e.message)
            }
        };
        out.push_str(&format!("{at}: {shown}\n"));
    }
    if found.is_empty() {
        out.push_str(&format!(
            "activity `{activity}` has no expression-valued property\n"
        ));
    }
    Ok((out, failed))
}

#[cfg(test)]
mod tests {
    use super::*;

    const PIPELINE: &str = r#"{"name": "P", "properties": {
        "parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"}},
        "activities": [{"name": "Check", "type": "IfCondition",
            "typeProperties": {"expression": {"value": "@equals(1, 1)", "type": "Expression"},
                "ifTrueActivities": [{"name": "Inner", "type": "Wait",
                    "typeProperties": {"waitTimeInSeconds": "@length(pipeline().parameters.day)"}}]}}]}}"#;

    #[test]
    fn nested_activities_are_found_and_not_listed_as_properties() {
        let parsed = adf_syntax::parse(PIPELINE, &adf_syntax::ParseOptions::default());
        let Some(Json::Object(o)) = &parsed.value else {
            panic!("not an object");
        };
        let inner = find_activity(o, "inner");
        assert!(inner.is_some());
        let check = find_activity(o, "Check").map(|a| {
            let mut found = Vec::new();
            for p in json::live(a) {
                let key = json::name(p);
                expressions(
                    &p.value,
                    key.to_string(),
                    key == "typeProperties",
                    &mut found,
                );
            }
            found
        });
        assert_eq!(
            check,
            Some(vec![(
                "typeProperties.expression.value".to_string(),
                "@equals(1, 1)"
            )])
        );
    }

    #[test]
    fn given_inputs_win_over_defaults() {
        let mut defaults = vec![("Day".to_string(), Value::String("a".into()))];
        overlay(&mut defaults, vec![("day".into(), Value::Int(1))]);
        assert_eq!(defaults, vec![("day".to_string(), Value::Int(1))]);
    }
}
