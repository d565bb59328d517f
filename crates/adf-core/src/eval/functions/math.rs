//! Math functions: integers stay integers (with overflow an error), a float operand makes a
//! float; `div` of two integers is integer division, as the reference shows (`div(11, 5)` is 2).

use super::{Call, Num, Outcome, Want};
use crate::eval::value::Value;

/// The math functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "add" => arith(c, i64::checked_add, |a, b| a + b),
        "sub" => arith(c, i64::checked_sub, |a, b| a - b),
        "mul" => arith(c, i64::checked_mul, |a, b| a * b),
        "div" => divide(c, i64::checked_div, |a, b| a / b),
        "mod" => divide(c, i64::checked_rem, |a, b| a % b),
        "max" => extreme(c, true),
        "min" => extreme(c, false),
        "rand" => rand(c),
        "range" => range(c),
        _ => return None,
    })
}

fn arith(c: &Call<'_>, int: fn(i64, i64) -> Option<i64>, float: fn(f64, f64) -> f64) -> Outcome {
    match (c.num(0)?, c.num(1)?) {
        (Num::I(a), Num::I(b)) => int(a, b).map(Value::Int).ok_or_else(|| {
            c.fail(format!(
                "The function '{}' overflows the integer range with {a} and {b}.",
                c.name()
            ))
        }),
        (a, b) => finite(c, float(a.as_f64(), b.as_f64())),
    }
}

/// A float result; infinity (`mul(1e308, 10.0)`) is an error rather than a value JSON cannot
/// write.
fn finite(c: &Call<'_>, f: f64) -> Outcome {
    if f.is_finite() {
        Ok(Value::Float(f))
    } else {
        Err(c.fail(format!(
            "The function '{}' overflows the range of floating-point numbers.",
            c.name()
        )))
    }
}

fn divide(c: &Call<'_>, int: fn(i64, i64) -> Option<i64>, float: fn(f64, f64) -> f64) -> Outcome {
    let (a, b) = (c.num(0)?, c.num(1)?);
    if b.as_f64() == 0.0 {
        return Err(c.fail_at(
            1,
            format!("The function '{}' cannot divide by zero.", c.name()),
        ));
    }
    match (a, b) {
        (Num::I(x), Num::I(y)) => int(x, y).map(Value::Int).ok_or_else(|| {
            c.fail(format!(
                "The function '{}' overflows the integer range.",
                c.name()
            ))
        }),
        (x, y) => finite(c, float(x.as_f64(), y.as_f64())),
    }
}

/// `max` / `min` of the arguments, or of the one array argument.
fn extreme(c: &Call<'_>, max: bool) -> Outcome {
    let items: Vec<(usize, &Value)> = match (c.args.len(), c.arg(0)) {
        (1, Value::Array(a)) => a.iter().map(|v| (0, v)).collect(),
        _ => c
            .args
            .iter()
            .enumerate()
            .map(|(i, a)| (i, &a.value))
            .collect(),
    };
    let mut best: Option<Num> = None;
    for (i, v) in items {
        let n = match v {
            Value::Int(n) => Num::I(*n),
            Value::Float(f) => Num::F(*f),
            _ => return Err(c.type_error(i, Want::Number)),
        };
        best = Some(match best {
            None => n,
            Some(b) => {
                let better = if max {
                    n.as_f64() > b.as_f64()
                } else {
                    n.as_f64() < b.as_f64()
                };
                if better {
                    n
                } else {
                    b
                }
            }
        });
    }
    best.map(Num::value).ok_or_else(|| {
        c.fail(format!(
            "The function '{}' was given an empty array.",
            c.name()
        ))
    })
}

/// `rand(min, max)`: an integer from `min` up to, not including, `max`.
fn rand(c: &Call<'_>) -> Outcome {
    let (lo, hi) = (c.int(0)?, c.int(1)?);
    if hi <= lo {
        return Err(c.fail(format!(
            "The function 'rand' expects its second parameter ({hi}) to be greater than its \
             first ({lo})."
        )));
    }
    let Some(r) = c.ctx.next_random() else {
        return Ok(Value::unknown("a random source (rand)"));
    };
    let span = (i128::from(hi) - i128::from(lo)) as u128;
    let pick = i128::from(lo) + (u128::from(r) % span) as i128;
    Ok(Value::Int(i64::try_from(pick).unwrap_or(lo)))
}

/// `range(start, count)`. Chosen: more than 100 000 items is an error (a bound of this
/// evaluator, so that a typo cannot take all the memory; ForEach runs at most 100 000 items).
fn range(c: &Call<'_>) -> Outcome {
    let (start, count) = (c.int(0)?, c.int(1)?);
    let Ok(n) = usize::try_from(count) else {
        return Err(c.fail_at(
            1,
            format!("The function 'range' expects a count of zero or more, not {count}."),
        ));
    };
    c.check_items(n)?;
    if start.checked_add(count).is_none() {
        return Err(c.fail("The function 'range' overflows the integer range."));
    }
    Ok(Value::Array(
        (0..count).map(|i| Value::Int(start + i)).collect(),
    ))
}
