//! Logical comparison functions, and the four functions that can decide with an unknown
//! argument (`if`, `and`, `or`, `coalesce`).

use super::{equal, Call, Outcome, Want};
use crate::eval::value::Value;
use std::cmp::Ordering;

/// The logical functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "and" => bools(c).map(|b| Value::Bool(b.iter().all(|x| *x))),
        "or" => bools(c).map(|b| Value::Bool(b.iter().any(|x| *x))),
        "not" => c.bool(0).map(|b| Value::Bool(!b)),
        "if" => c.bool(0).map(|b| c.arg(if b { 1 } else { 2 }).clone()),
        "equals" => Ok(Value::Bool(equal(c.arg(0), c.arg(1)))),
        "greater" => compare(c).map(|o| Value::Bool(o == Ordering::Greater)),
        "greaterOrEquals" => compare(c).map(|o| Value::Bool(o != Ordering::Less)),
        "less" => compare(c).map(|o| Value::Bool(o == Ordering::Less)),
        "lessOrEquals" => compare(c).map(|o| Value::Bool(o != Ordering::Greater)),
        _ => return None,
    })
}

fn bools(c: &Call<'_>) -> Result<Vec<bool>, crate::eval::EvalError> {
    (0..c.args.len()).map(|i| c.bool(i)).collect()
}

/// Numbers by value, strings by ordinal comparison (chosen: case-sensitive, the reference does
/// not say; its examples are lower case).
fn compare(c: &Call<'_>) -> Result<Ordering, crate::eval::EvalError> {
    match (c.arg(0), c.arg(1)) {
        (Value::String(a), Value::String(b)) => Ok(a.cmp(b)),
        (Value::String(_), _) => Err(c.type_error(1, Want::Str)),
        (Value::Int(_) | Value::Float(_), _) => {
            let (a, b) = (c.num(0)?.as_f64(), c.num(1)?.as_f64());
            match (c.arg(0), c.arg(1)) {
                (Value::Int(x), Value::Int(y)) => Ok(x.cmp(y)),
                _ => a
                    .partial_cmp(&b)
                    .ok_or_else(|| c.fail("NaN cannot be compared.")),
            }
        }
        _ => Err(c.type_error(0, Want::Comparable)),
    }
}

/// `if`, `and`, `or`, `coalesce` with unknown arguments: a known condition picks a known
/// branch; a known `false` decides `and`, a known `true` decides `or`; `coalesce` returns the
/// first non-null value when no unknown comes before it. `None`: decide as usual.
///
/// Chosen: every argument is evaluated first, as for any function (the reference does not say
/// that `if` skips the branch it does not take), so an error in either branch is reported.
pub(super) fn decide_with_unknowns(c: &Call<'_>) -> Option<Outcome> {
    let is_unknown = |v: &Value| matches!(v, Value::Unknown(_));
    if !c.args.iter().any(|a| is_unknown(&a.value)) {
        return None;
    }
    match c.name() {
        "if" => match c.arg(0) {
            Value::Bool(b) => Some(Ok(c.arg(if *b { 1 } else { 2 }).clone())),
            _ => None,
        },
        "and" | "or" => {
            let decider = c.name() == "or";
            c.args
                .iter()
                .any(|a| a.value == Value::Bool(decider))
                .then_some(Ok(Value::Bool(decider)))
        }
        "coalesce" => c
            .args
            .iter()
            .map(|a| &a.value)
            .take_while(|v| !is_unknown(v))
            .find(|v| **v != Value::Null)
            .map(|v| Ok(v.clone())),
        _ => None,
    }
}
