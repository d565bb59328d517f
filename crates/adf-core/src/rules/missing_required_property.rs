//! ## What it does
//! Reports a property that the entity's or object's type requires but that is absent, such as a
//! linked service's `typeProperties`, an AzureML linked service's `mlEndpoint` and `apiKey`, or a
//! dataset's `linkedServiceName`. It is not reported while the file has JSON syntax errors, since
//! the property may sit in the part that could not be read.
//!
//! What is required comes from the published schema's `required` lists, corrected by the
//! catalog's overlay with a source for each change (docs/catalog.md): for example a Stored
//! Procedure activity's `linkedServiceName` (the database that holds the procedure) is required
//! by its documentation page although the schema leaves it optional.
//!
//! ## Why is this bad?
//! Microsoft's published schema marks the property required, and the entity very likely does
//! not work without it. The schemas and the documentation's "Required" columns are not
//! everywhere what the service enforces (the documentation marks an activity's `description` as
//! required), so this is a warning.
//!
//! ## Example
//! ```json
//! {
//!     "name": "ScoringService",
//!     "properties": {
//!         "type": "AzureML",
//!         "typeProperties": {"apiKey": "<api-key>"}
//!     }
//! }
//! ```
//!
//! Use instead:
//! ```json
//! {
//!     "name": "ScoringService",
//!     "properties": {
//!         "type": "AzureML",
//!         "typeProperties": {
//!             "mlEndpoint": "https://ussouthcentral.services.azureml.net/workspaces/ws/services/svc/jobs",
//!             "apiKey": "<api-key>"
//!         }
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::ide::actions::{insert_properties, objects, quick_fix, FixCx};
use crate::ide::CodeAction;
use crate::json::{self, quote};
use adf_catalog::{catalog, JsonType, PropDef};
use adf_syntax::ast::Value;

pub static RULE: Rule = Rule {
    code: "ADF0103",
    name: "missing-required-property",
    severity: Severity::Warning,
    summary: "a property the type requires is absent",
    source: "src/rules/missing_required_property.rs",
};

/// The finding for `missing` properties of the object called `shape`.
pub(crate) fn diagnostic(range: TextRange, missing: &[&str], shape: &str) -> Diagnostic {
    let list: Vec<String> = missing.iter().map(|m| format!("`{m}`")).collect();
    let (noun, verb) = if missing.len() == 1 {
        ("property", "is")
    } else {
        ("properties", "are")
    };
    Diagnostic::new(
        &RULE,
        range,
        format!(
            "required {noun} {} {verb} missing in {shape}; add {}",
            list.join(", "),
            if missing.len() == 1 { "it" } else { "them" }
        ),
    )
}

/// The fix: adds each missing required property of the object the finding points at.
pub(crate) fn fix(cx: &FixCx<'_, '_, '_>, d: &Diagnostic) -> Vec<CodeAction> {
    // The object starts at the finding (array elements, the root), or the property whose
    // name the finding points at holds it.
    let all = objects(cx.root);
    let obj = all.iter().find_map(|(o, _)| {
        if o.range.start == d.range.start {
            return Some(*o);
        }
        o.properties.iter().find_map(|p| match &p.value {
            Value::Object(v) if TextRange::from(json::name_range(p)) == d.range => Some(v),
            _ => None,
        })
    });
    let Some(obj) = obj else {
        return Vec::new();
    };
    let spot = cx.locate(obj.range.start + 1);
    let Some(frame) = spot.frames.last().filter(|f| std::ptr::eq(f.obj, obj)) else {
        return Vec::new();
    };
    let mut required: Vec<&str> = frame
        .def
        .into_iter()
        .chain(frame.variant)
        .flat_map(|d| d.required.iter().map(String::as_str))
        .filter(|r| json::get(obj, r).is_none())
        .collect();
    required.dedup();
    required
        .into_iter()
        .filter_map(|r| {
            let value = placeholder(r, frame.prop(r), 0);
            let e = insert_properties(cx.path, cx.text, obj, &[(r.to_string(), value)])?;
            Some(quick_fix(
                d,
                format!("Add required property `{r}`"),
                vec![e],
                true,
            ))
        })
        .collect()
}

/// A placeholder value for a property by its JSON type; objects get their own required
/// properties (a few levels deep), so the placeholder does not itself lack one.
fn placeholder(name: &str, pd: Option<&PropDef>, depth: usize) -> String {
    match pd.and_then(|p| p.types.first()) {
        Some(JsonType::Object) => {
            let def = pd
                .and_then(|p| p.object)
                .and_then(|id| catalog().object(id));
            let Some(def) = def.filter(|d| d.variants.is_empty() && depth < 4) else {
                return "{}".to_string();
            };
            let members: Vec<String> = def
                .required
                .iter()
                .map(|r| {
                    format!(
                        "{}: {}",
                        quote(r),
                        placeholder(r, def.properties.get(r), depth + 1)
                    )
                })
                .collect();
            format!("{{{}}}", members.join(", "))
        }
        Some(JsonType::Array) => "[]".to_string(),
        Some(JsonType::Boolean) => "false".to_string(),
        Some(JsonType::Integer) | Some(JsonType::Number) => "0".to_string(),
        Some(JsonType::Null) => "null".to_string(),
        // `<...>` is a placeholder that no rule judges.
        Some(JsonType::String) | None => quote(&format!("<{name}>")),
    }
}
