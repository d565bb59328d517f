//! ## What it does
//! Reports a property value of the wrong kind: a JSON type the property does not take (a string
//! where a number is required, an object where a string is), a value outside the property's
//! allowed values, a malformed timespan (`"02:00:00"`, `"1.00:00:00"`), a date-time that is not
//! ISO 8601, a string that does not match the property's pattern, or a number above a
//! documented maximum (a ForEach `batchCount` above 50).
//!
//! Values that are computed are never reported: an ARM template expression `[...]` anywhere, and
//! an ADF expression (`@...`, `@{...}` interpolation, or `{"value": "...", "type": "Expression"}`)
//! where the property accepts one. Strings holding a number or boolean are accepted where one is
//! expected, because Data Factory converts them. A value that is a whole `<...>` placeholder is
//! left alone: it marks a template still to be filled in. In v1 a date-time without an offset is
//! read as UTC and accepted.
//!
//! ## Why is this bad?
//! The value does not have the JSON type, form or one of the values that Microsoft's published
//! schema gives the property. Data Factory may reject it when publishing or fail when the run
//! reads it, but the published schemas are not everywhere what the service enforces (Studio
//! writes objects where a schema says string, and accepts values a schema does not list), so
//! this is a warning.
//!
//! ## Example
//! ```json
//! {
//!     "name": "Daily",
//!     "properties": {
//!         "activities": [{
//!             "name": "PingService",
//!             "type": "WebActivity",
//!             "policy": {"timeout": "2 hours", "retry": "three"},
//!             "typeProperties": {"url": "https://example.com/health", "method": "GETT"}
//!         }]
//!     }
//! }
//! ```
//!
//! Use instead:
//! ```json
//! {
//!     "name": "Daily",
//!     "properties": {
//!         "activities": [{
//!             "name": "PingService",
//!             "type": "WebActivity",
//!             "policy": {"timeout": "02:00:00", "retry": 3},
//!             "typeProperties": {"url": "https://example.com/health", "method": "GET"}
//!         }]
//!     }
//! }
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::{json, suggest, values};
use adf_catalog::{Dialect, JsonType, PropDef};
use adf_syntax::ast::Value;

pub static RULE: Rule = Rule {
    code: "ADF0104",
    name: "invalid-value",
    severity: Severity::Warning,
    summary: "wrong JSON type, enum value, timespan, date-time or pattern",
    source: "src/rules/invalid_value.rs",
};

/// What the walker should do after a value was checked.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Next {
    /// Check the value's members against the property's nested shape.
    Descend,
    /// The value is computed or already wrong: do not look inside.
    Stop,
}

fn is_expression_object(value: &Value<'_>) -> bool {
    match value {
        Value::Object(o) => {
            json::get_str(o, "type").is_some_and(|t| t.eq_ignore_ascii_case("Expression"))
        }
        _ => false,
    }
}

/// Checks one value against its property definition, pushing findings into `out`.
pub(crate) fn check(
    name: &str,
    def: &PropDef,
    value: &Value<'_>,
    dialect: Dialect,
    out: &mut Vec<Diagnostic>,
) -> Next {
    let types = &def.types;
    let allows = |t: JsonType| types.is_empty() || types.contains(&t);
    let range = TextRange::from(json::range(value));
    let wrong_type = |out: &mut Vec<Diagnostic>, found: &str, hint: &str| {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{name}` must be {}, found {found}{hint}",
                JsonType::alternatives(types)
            ),
        ));
        Next::Stop
    };
    match value {
        Value::StringLit(s) => {
            let s = s.value.as_ref();
            if values::is_arm_expression(s) || values::is_placeholder(s) {
                return Next::Stop;
            }
            let expression = match dialect {
                Dialect::V2 => values::is_adf_expression(s),
                Dialect::V1 => values::is_v1_expression(s),
            };
            if expression && (def.expression || dialect == Dialect::V1) {
                return Next::Stop;
            }
            if !allows(JsonType::String) {
                let t = s.trim();
                let converts = (allows(JsonType::Number) && t.parse::<f64>().is_ok())
                    || (allows(JsonType::Integer) && t.parse::<i64>().is_ok())
                    || (allows(JsonType::Boolean)
                        && (t.eq_ignore_ascii_case("true") || t.eq_ignore_ascii_case("false")));
                if converts {
                    return Next::Stop;
                }
                if expression {
                    return wrong_type(
                        out,
                        "an expression",
                        "; this property takes no expressions, write a literal value",
                    );
                }
                return wrong_type(out, "a string", "");
            }
            if expression {
                return Next::Stop;
            }
            check_string(name, def, s, range, dialect, out);
            Next::Stop
        }
        Value::NumberLit(n) => {
            if allows(JsonType::Number) {
                return Next::Stop;
            }
            if types.contains(&JsonType::Integer) {
                let integral = n.value.parse::<f64>().is_ok_and(|f| f.fract() == 0.0);
                if integral {
                    out.extend(out_of_range(name, n.value, range));
                    return Next::Stop;
                }
                return wrong_type(out, "a number with a fraction", "");
            }
            wrong_type(out, "a number", "")
        }
        Value::BooleanLit(_) => {
            if allows(JsonType::Boolean) {
                Next::Stop
            } else {
                wrong_type(out, "a boolean", "")
            }
        }
        // Optional properties written as null are accepted by Data Factory.
        Value::NullKeyword(_) => Next::Stop,
        Value::Object(_) => {
            if is_expression_object(value) && (def.expression || def.secret) {
                return Next::Stop;
            }
            // Data Factory resolves a SecureString or Key Vault reference to a string, so one may
            // stand wherever a string does (Studio writes `servicePrincipalId` so).
            if values::is_secret_object(value) && (allows(JsonType::String) || def.expression) {
                return Next::Stop;
            }
            if allows(JsonType::Object) {
                Next::Descend
            } else if is_expression_object(value) {
                wrong_type(
                    out,
                    "an expression object",
                    "; this property does not take expressions",
                )
            } else {
                wrong_type(out, "an object", "")
            }
        }
        Value::Array(_) => {
            if allows(JsonType::Array) {
                Next::Descend
            } else {
                wrong_type(out, "an array", "")
            }
        }
    }
}

/// Documented bounds of integer properties the catalog does not carry (the schemas' `maximum`
/// is not in it): property name, lowest, highest. A name here belongs to one object only.
const RANGES: &[(&str, f64, f64)] = &[
    // ForEach: "Integer (maximum 50)", learn.microsoft.com/azure/data-factory/control-flow-for-each-activity;
    // the ARM schema has `maximum: 50` too. No minimum is documented.
    ("batchCount", f64::NEG_INFINITY, 50.0),
];

/// The finding for an integer outside its property's documented bounds, if it is.
fn out_of_range(name: &str, number: &str, range: TextRange) -> Option<Diagnostic> {
    let (_, low, high) = RANGES.iter().find(|(n, _, _)| *n == name)?;
    let value = number.parse::<f64>().ok()?;
    if (*low..=*high).contains(&value) {
        return None;
    }
    let bound = if value > *high {
        format!("at most {high}")
    } else {
        format!("at least {low}")
    };
    Some(Diagnostic::new(
        &RULE,
        range,
        format!("`{name}` must be {bound}, found {number}"),
    ))
}

fn check_string(
    name: &str,
    def: &PropDef,
    s: &str,
    range: TextRange,
    dialect: Dialect,
    out: &mut Vec<Diagnostic>,
) {
    // A secret's value is never echoed into a message.
    let shown = if def.secret { "<redacted>" } else { s };
    if !def.enum_values.is_empty() && !def.enum_values.iter().any(|e| e.eq_ignore_ascii_case(s)) {
        let near = suggest::nearest(s, def.enum_values.iter().map(String::as_str), 3);
        let hint = if near.is_empty() {
            let all: Vec<String> = def
                .enum_values
                .iter()
                .take(12)
                .map(|e| format!("`{e}`"))
                .collect();
            let more = if def.enum_values.len() > 12 {
                ", ..."
            } else {
                ""
            };
            format!("; allowed: {}{more}", all.join(", "))
        } else {
            suggest::did_you_mean(&near)
        };
        out.push(
            Diagnostic::new(
                &RULE,
                range,
                format!("`{shown}` is not an allowed value of `{name}`{hint}"),
            )
            .with_suggestion(&near),
        );
        return;
    }
    // Tumbling-window offsets and sizes are negative timespans: their patterns start with `-`.
    let negative_ok = def.pattern.as_deref().is_some_and(|p| p.starts_with('-'));
    let unsigned = if negative_ok {
        s.strip_prefix('-').unwrap_or(s)
    } else {
        s
    };
    if def.timespan && !values::is_timespan(unsigned) {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!("`{name}` must be a timespan such as \"02:00:00\" or \"1.00:00:00\" ([d.]hh:mm:ss), found \"{shown}\""),
        ));
        return;
    }
    match def.format.as_deref() {
        // v1 read date-times without an offset as UTC (its docs write them so).
        Some("date-time") if dialect == Dialect::V2 && !values::is_datetime(s, true) => {
            out.push(Diagnostic::new(
                &RULE,
                range,
                format!("`{name}` must be an ISO 8601 date-time with an offset, such as \"2024-01-31T06:00:00Z\", found \"{shown}\""),
            ));
            return;
        }
        Some("date-time" | "date-time-local") if !values::is_datetime(s, false) => {
            out.push(Diagnostic::new(
                &RULE,
                range,
                format!("`{name}` must be an ISO 8601 date-time such as \"2024-01-31T06:00:00\", found \"{shown}\""),
            ));
            return;
        }
        _ => {}
    }
    if let Some(p) = &def.pattern {
        if !def.timespan && values::matches_pattern(p, s) == Some(false) {
            out.push(Diagnostic::new(
                &RULE,
                range,
                format!("\"{shown}\" does not match the pattern of `{name}`: {p}"),
            ));
        }
    }
}
