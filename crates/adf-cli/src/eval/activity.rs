//! `adf eval --pipeline P --activity A [PATH]`: every expression-valued property of one
//! activity with its value, from the pipeline's declared defaults and the inputs given.

use adf_core::eval::activity::{activity_values, ActivityError};
use adf_core::eval::{Context, Value};
use adf_core::json;
use adf_host::files;
use adf_syntax::ast::Value as Json;

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

/// One line per expression-valued property, and whether any failed.
pub fn properties(
    path: &str,
    pipeline: &str,
    activity: &str,
    given: Context,
) -> Result<(String, bool), String> {
    let (shown, text) = pipeline_text(path, pipeline)?;
    let found = activity_values(&text, activity, given).map_err(|e| match e {
        ActivityError::NotAnObject => format!("{shown} is not a JSON object"),
        ActivityError::NoActivity => {
            format!("pipeline `{pipeline}` ({shown}) has no activity `{activity}`")
        }
    })?;
    let mut out = String::new();
    let mut failed = false;
    for p in &found {
        let shown = match &p.value {
            Ok(Value::Unknown(needs)) => format!("unknown (needs: {})", needs.join(", ")),
            Ok(v) => v.to_json(),
            Err(e) => {
                failed = true;
                let part = p.expression.get(e.range.clone()).unwrap_or("");
                format!("error: {} (in `{part}`)", e.message)
            }
        };
        out.push_str(&format!("{}: {shown}\n", p.path));
    }
    if found.is_empty() {
        out.push_str(&format!(
            "activity `{activity}` has no expression-valued property\n"
        ));
    }
    Ok((out, failed))
}
