//! Date functions over [`DateTime`]; results are strings in the `o` format unless a format is
//! given, as the reference says.

use super::{Call, Outcome};
use crate::eval::time::DateTime;
use crate::eval::value::Value;
use crate::eval::EvalError;

/// The date functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "addDays" => shift(c, "Day"),
        "addHours" => shift(c, "Hour"),
        "addMinutes" => shift(c, "Minute"),
        "addSeconds" => shift(c, "Second"),
        "addToTime" => by_unit(c, 1),
        "subtractFromTime" => by_unit(c, -1),
        "getFutureTime" => from_now(c, 1),
        "getPastTime" => from_now(c, -1),
        "dayOfMonth" => timestamp(c, 0).map(|t| Value::Int(t.day_of_month())),
        "dayOfWeek" => timestamp(c, 0).map(|t| Value::Int(t.day_of_week())),
        "dayOfYear" => timestamp(c, 0).map(|t| Value::Int(t.day_of_year())),
        "ticks" => timestamp(c, 0).map(|t| Value::Int(t.ticks)),
        "formatDateTime" => timestamp(c, 0).and_then(|t| write(c, t, 1)),
        "startOfDay" => timestamp(c, 0).and_then(|t| write(c, t.start_of_day(), 1)),
        "startOfHour" => timestamp(c, 0).and_then(|t| write(c, t.start_of_hour(), 1)),
        "startOfMonth" => timestamp(c, 0).and_then(|t| write(c, t.start_of_month(), 1)),
        "utcNow" => match c.ctx.now {
            Some(now) => {
                c.ctx.note("the current time");
                write(c, now, 0)
            }
            None => Ok(Value::unknown("the current time (utcNow)")),
        },
        _ => return None,
    })
}

/// Argument `i` read as a timestamp.
fn timestamp(c: &Call<'_>, i: usize) -> Result<DateTime, EvalError> {
    let text = c.str(i)?;
    DateTime::parse(text).ok_or_else(|| {
        c.fail_at(
            i,
            format!(
                "The template language function '{}' expects a timestamp (ISO 8601 such as \
                 2018-03-15T13:00:00Z); '{text}' is not one.",
                c.name()
            ),
        )
    })
}

/// Writes a timestamp with the format of argument `fmt` (default `o`).
fn write(c: &Call<'_>, t: DateTime, fmt: usize) -> Outcome {
    let format = c.opt_str(fmt)?.unwrap_or("o");
    t.format(format)
        .map(Value::String)
        .map_err(|e| c.fail_at(fmt, format!("The function '{}': {e}.", c.name())))
}

fn moved(
    c: &Call<'_>,
    t: DateTime,
    n: i64,
    unit: &str,
    unit_arg: usize,
) -> Result<DateTime, EvalError> {
    t.add(n, unit)
        .map_err(|e| c.fail_at(unit_arg, format!("The function '{}': {e}.", c.name())))
}

/// `addDays(ts, n, format?)` and its siblings.
fn shift(c: &Call<'_>, unit: &str) -> Outcome {
    let t = timestamp(c, 0)?;
    let n = c.int(1)?;
    let t = moved(c, t, n, unit, 1)?;
    write(c, t, 2)
}

/// `addToTime(ts, n, unit, format?)`, `subtractFromTime` with `sign` -1.
fn by_unit(c: &Call<'_>, sign: i64) -> Outcome {
    let t = timestamp(c, 0)?;
    let n = c.int(1)?.saturating_mul(sign);
    let unit = c.str(2)?;
    let t = moved(c, t, n, unit, 2)?;
    write(c, t, 3)
}

/// `getFutureTime(n, unit, format?)`, `getPastTime` with `sign` -1: from the context's clock.
fn from_now(c: &Call<'_>, sign: i64) -> Outcome {
    let n = c.int(0)?.saturating_mul(sign);
    let unit = c.str(1)?;
    let Some(now) = c.ctx.now else {
        return Ok(Value::unknown(format!("the current time ({})", c.name())));
    };
    c.ctx.note("the current time");
    let t = moved(c, now, n, unit, 1)?;
    write(c, t, 2)
}
