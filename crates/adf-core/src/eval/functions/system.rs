//! The run's context as functions: `variables('x')`, `item()`, `pipeline()`, `activity('A')`
//! and the other argument-less context functions. Access chains such as
//! `pipeline().parameters.X` are read by the walk itself (it sees the whole chain); here is what
//! a bare call gives.

use super::{Call, Outcome};
use crate::eval::context::lookup;
use crate::eval::value::Value;

/// The system functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    let name = c.name();
    Some(match name {
        "variables" => c
            .str(0)
            .map(|v| read(c, lookup(&c.ctx.variables, v), format!("variables('{v}')"))),
        "item" => Ok(read(c, c.ctx.item.as_ref(), "item()".to_string())),
        "activity" => c.str(0).map(|a| Value::unknown(format!("activity('{a}')"))),
        "pipeline" => Ok(Value::unknown("pipeline()")),
        "trigger" | "triggerBody" | "triggerOutputs" | "linkedService" | "dataset" | "dataflow" => {
            Ok(read(c, lookup(&c.ctx.functions, name), format!("{name}()")))
        }
        _ => return None,
    })
}

/// A given input, noted as read, or unknown needing `input`.
fn read(c: &Call<'_>, given: Option<&Value>, input: String) -> Value {
    match given {
        Some(v) => {
            c.ctx.note(input);
            v.clone()
        }
        None => Value::unknown(input),
    }
}
