//! The expression-valued properties of one activity of a pipeline, each with its value from the
//! pipeline's declared defaults and the inputs given (`adf eval --pipeline P --activity A`; an
//! editor command can ask the same).

use super::{defaults, evaluate, Context, EvalError, Value};
use crate::json;
use adf_catalog::EntityKind;
use adf_syntax::ast::{Object, Value as Json};

/// Keys under `typeProperties` that hold other activities: those are activities of their own
/// (asked for by name), not properties of this one.
const NESTED: &[&str] = &[
    "activities",
    "ifTrueActivities",
    "ifFalseActivities",
    "defaultActivities",
    "cases",
];

/// One expression-valued property of an activity.
#[derive(Debug, Clone, PartialEq)]
pub struct PropertyValue {
    /// Where it is in the activity, e.g. `typeProperties.url`.
    pub path: String,
    /// The expression as written.
    pub expression: String,
    /// Its value, or why it could not be computed.
    pub value: Result<Value, EvalError>,
}

/// Why an activity's properties could not be listed.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum ActivityError {
    /// The text is not a JSON object.
    NotAnObject,
    /// No activity of that name, at any depth.
    NoActivity,
}

/// Evaluates every expression-valued property of the activity named `activity` (found in
/// container activities too, without regard to case) of the pipeline `text`. Inputs: the
/// pipeline's declared parameter and variable defaults, under the values `given`.
pub fn activity_values(
    text: &str,
    activity: &str,
    given: Context,
) -> Result<Vec<PropertyValue>, ActivityError> {
    let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
    let Some(Json::Object(root)) = &parsed.value else {
        return Err(ActivityError::NotAnObject);
    };
    let act = find_activity(root, activity).ok_or(ActivityError::NoActivity)?;
    let declared = defaults::context_with_defaults(root, EntityKind::Pipeline);
    let mut ctx = given;
    ctx.parameters = overlay(declared.parameters, std::mem::take(&mut ctx.parameters));
    ctx.variables = overlay(declared.variables, std::mem::take(&mut ctx.variables));
    Ok(object_values(act, &ctx))
}

/// Evaluates every expression-valued property of one activity object in `ctx`, in the order
/// written; the activities nested in it are left out.
pub fn object_values(act: &Object<'_>, ctx: &Context) -> Vec<PropertyValue> {
    let mut found = Vec::new();
    for p in json::live(act) {
        let key = json::name(p);
        // Its name and dependencies hold no values of its own.
        if key.eq_ignore_ascii_case("name") || key.eq_ignore_ascii_case("dependsOn") {
            continue;
        }
        expressions(&p.value, key, &mut found);
    }
    found
        .into_iter()
        .map(|(path, expression)| PropertyValue {
            value: evaluate(expression, ctx),
            path,
            expression: expression.to_string(),
        })
        .collect()
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

/// Every string below `root` (the value of the activity's property `key`) that holds an
/// expression, with its path (`typeProperties.url`), in the order written. Iterative: the
/// depth is the parser's to bound.
fn expressions<'v>(root: &'v Json<'_>, key: &str, out: &mut Vec<(String, &'v str)>) {
    let type_properties = key.eq_ignore_ascii_case("typeProperties");
    let mut stack: Vec<(&'v Json<'_>, String, bool)> =
        vec![(root, key.to_string(), type_properties)];
    while let Some((v, path, under_type_properties)) = stack.pop() {
        match v {
            Json::StringLit(s) if crate::expr::parse_template(&s.value).is_expression() => {
                out.push((path, s.value.as_ref()));
            }
            Json::Array(items) => {
                for (i, item) in items.elements.iter().enumerate().rev() {
                    stack.push((item, format!("{path}[{i}]"), false));
                }
            }
            Json::Object(o) => {
                let live: Vec<_> = json::live(o).collect();
                for p in live.into_iter().rev() {
                    let key = json::name(p);
                    if under_type_properties && NESTED.iter().any(|n| n.eq_ignore_ascii_case(key)) {
                        continue;
                    }
                    stack.push((&p.value, format!("{path}.{key}"), false));
                }
            }
            _ => {}
        }
    }
}

/// The declared values with the given ones in place of those of the same name (any case).
pub(crate) fn overlay(
    mut declared: Vec<(String, Value)>,
    given: Vec<(String, Value)>,
) -> Vec<(String, Value)> {
    for (name, v) in given {
        declared.retain(|(k, _)| !k.eq_ignore_ascii_case(&name));
        declared.push((name, v));
    }
    declared
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

    fn shown(found: &[PropertyValue]) -> Vec<(String, String)> {
        found
            .iter()
            .map(|p| {
                let v = match &p.value {
                    Ok(v) => v.to_json(),
                    Err(e) => e.message.clone(),
                };
                (p.path.clone(), v)
            })
            .collect()
    }

    #[test]
    fn nested_activities_are_found_and_not_listed_as_properties() {
        let check = activity_values(PIPELINE, "Check", Context::new()).expect("found");
        assert_eq!(
            shown(&check),
            [(
                "typeProperties.expression.value".to_string(),
                "true".to_string()
            )]
        );
        // Found inside the If Condition, without regard to case, with the declared default.
        let inner = activity_values(PIPELINE, "inner", Context::new()).expect("found");
        assert_eq!(
            shown(&inner),
            [(
                "typeProperties.waitTimeInSeconds".to_string(),
                "10".to_string()
            )]
        );
        assert_eq!(
            activity_values(PIPELINE, "Nope", Context::new()),
            Err(ActivityError::NoActivity)
        );
        assert_eq!(
            activity_values("[1]", "Check", Context::new()),
            Err(ActivityError::NotAnObject)
        );
    }

    #[test]
    fn given_inputs_win_over_defaults() {
        let mut given = Context::new();
        given.parameters = vec![("DAY".to_string(), Value::String("2026".into()))];
        let inner = activity_values(PIPELINE, "Inner", given).expect("found");
        assert_eq!(
            shown(&inner),
            [(
                "typeProperties.waitTimeInSeconds".to_string(),
                "4".to_string()
            )]
        );
        let declared = vec![("Day".to_string(), Value::String("a".into()))];
        assert_eq!(
            overlay(declared, vec![("day".into(), Value::Int(1))]),
            vec![("day".to_string(), Value::Int(1))]
        );
    }
}
