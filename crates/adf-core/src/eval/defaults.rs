//! The inputs an entity's own JSON gives: the declared defaults of its parameters and
//! variables, for values "with defaults" (the editor's hover). Nothing else is assumed.

use super::context::Context;
use super::value::{from_ast, Value};
use adf_catalog::EntityKind;
use adf_syntax::ast::{Object, Value as Json};

/// `properties.<section>` as (name, default) pairs, for entries that declare `defaultValue`.
fn declared(entity: &Object<'_>, section: &str) -> Vec<(String, Value)> {
    let Some(list) =
        crate::json::get_obj(entity, "properties").and_then(|p| crate::json::get_obj(p, section))
    else {
        return Vec::new();
    };
    crate::json::live(list)
        .filter_map(|p| {
            let Json::Object(decl) = &p.value else {
                return None;
            };
            let default = crate::json::get(decl, "defaultValue")?;
            Some((crate::json::name(p).to_string(), from_ast(&default.value)))
        })
        .collect()
}

/// A context holding the defaults an entity declares: a pipeline's parameters and variables, a
/// dataset's or linked service's parameters (read by `dataset().X`, `linkedService().X`).
pub fn context_with_defaults(entity: &Object<'_>, kind: EntityKind) -> Context {
    let mut ctx = Context::new();
    match kind {
        EntityKind::Pipeline => {
            ctx.parameters = declared(entity, "parameters");
            ctx.variables = declared(entity, "variables");
        }
        EntityKind::Dataset => {
            ctx.functions = vec![(
                "dataset".into(),
                Value::Object(declared(entity, "parameters")),
            )];
        }
        EntityKind::LinkedService => {
            ctx.functions = vec![(
                "linkedService".into(),
                Value::Object(declared(entity, "parameters")),
            )];
        }
        _ => {}
    }
    ctx
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::eval::evaluate;

    fn pipeline_ctx(text: &str) -> Context {
        let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
        match parsed.value {
            Some(Json::Object(o)) => context_with_defaults(&o, EntityKind::Pipeline),
            _ => Context::new(),
        }
    }

    #[test]
    fn defaults_are_read_and_the_rest_stays_unknown() {
        let ctx = pipeline_ctx(
            r#"{"name": "P", "properties": {
                "parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"},
                               "n": {"type": "int"}},
                "variables": {"v": {"type": "Array", "defaultValue": [1, 2]}}}}"#,
        );
        assert_eq!(
            evaluate(
                "@concat(pipeline().parameters.day, '/', string(length(variables('v'))))",
                &ctx
            ),
            Ok(Value::String("2026-01-01/2".into()))
        );
        assert_eq!(
            ctx.inputs_read(),
            vec![
                "pipeline().parameters.day".to_string(),
                "variables('v')".to_string()
            ]
        );
        assert_eq!(
            evaluate("@pipeline().parameters.n", &ctx),
            Ok(Value::unknown("pipeline().parameters.n"))
        );
    }

    #[test]
    fn dataset_parameters_without_default_are_unknown() {
        let parsed = adf_syntax::parse(
            r#"{"properties": {"parameters": {"path": {"type": "String", "defaultValue": "in"},
                                             "file": {"type": "String"}}}}"#,
            &adf_syntax::ParseOptions::default(),
        );
        let Some(Json::Object(o)) = parsed.value else {
            panic!("not an object");
        };
        let ctx = context_with_defaults(&o, EntityKind::Dataset);
        assert_eq!(
            evaluate("@{dataset().path}/@{dataset().file}", &ctx),
            Ok(Value::unknown("dataset().file"))
        );
        assert_eq!(
            evaluate("@dataset().path", &ctx),
            Ok(Value::String("in".into()))
        );
    }
}
