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
        "convertFromUtc" | "convertToUtc" => zones::convert(c, 2),
        "convertTimeZone" => zones::convert(c, 3),
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

/// The time zone functions. Native builds convert with the bundled IANA database; the
/// WebAssembly build leaves the database out (it would grow the .wasm) and says so.
mod zones {
    #[cfg(not(target_arch = "wasm32"))]
    use super::{timestamp, write};
    use super::{Call, Outcome};
    #[cfg(target_arch = "wasm32")]
    use crate::eval::value::Value;

    /// `convertFromUtc(ts, to, fmt?)`, `convertToUtc(ts, from, fmt?)` and
    /// `convertTimeZone(ts, from, to, fmt?)`; `fmt` is the format's argument.
    #[cfg(target_arch = "wasm32")]
    pub(super) fn convert(c: &Call<'_>, _fmt: usize) -> Outcome {
        Ok(Value::unknown(format!(
            "{}() is not evaluated in the WebAssembly build (it has no time zone database)",
            c.name()
        )))
    }

    /// `convertFromUtc(ts, to, fmt?)`, `convertToUtc(ts, from, fmt?)` and
    /// `convertTimeZone(ts, from, to, fmt?)`; `fmt` is the format's argument.
    #[cfg(not(target_arch = "wasm32"))]
    pub(super) fn convert(c: &Call<'_>, fmt: usize) -> Outcome {
        use crate::eval::time::DateTime;
        use crate::eval::zones::{self, ZoneError};

        let t = timestamp(c, 0)?;
        // Where the source and target zones are written: convertFromUtc has only a target,
        // convertToUtc only a source (its target is UTC), convertTimeZone both.
        let (source, source_arg, target, target_arg) = match c.name() {
            "convertFromUtc" => ("UTC", None, c.str(1)?, Some(1)),
            "convertToUtc" => (c.str(1)?, Some(1), "UTC", None),
            _ => (c.str(1)?, Some(1), c.str(2)?, Some(2)),
        };
        let fail = |e: ZoneError, zone: &str, arg: Option<usize>, local: i64| {
            let message = match e {
                ZoneError::UnknownZone => format!(
                    "The function '{}': the time zone ID '{zone}' was not found; time zones are \
                     Windows names such as 'Pacific Standard Time' or 'UTC'.",
                    c.name()
                ),
                ZoneError::InvalidTime => format!(
                    "The function '{}': {} is not a valid time in '{zone}' (the clocks moved \
                     forward past it).",
                    c.name(),
                    DateTime::from_ticks(local, false)
                        .and_then(|d| d.format("s").ok())
                        .unwrap_or_default()
                ),
                ZoneError::OutOfRange => format!(
                    "The function '{}': the result is outside the years 1 to 9999.",
                    c.name()
                ),
                ZoneError::Database => format!(
                    "The function '{}': the time zone '{zone}' could not be read.",
                    c.name()
                ),
            };
            // A zone that is not found is the zone's fault; a time that does not exist there is
            // the timestamp's.
            let at = match e {
                ZoneError::UnknownZone | ZoneError::Database => arg.unwrap_or(0),
                ZoneError::InvalidTime | ZoneError::OutOfRange => 0,
            };
            c.fail_at(at, message)
        };
        let out_of_range = || {
            c.fail_at(
                0,
                format!(
                    "The function '{}': the result is outside the years 1 to 9999.",
                    c.name()
                ),
            )
        };
        // Chosen: the timestamp's clock reading is the time in the source zone, whatever zone
        // it was written with (the reference's own example gives a `Z` time with source 'UTC').
        let utc = if source_arg.is_none() {
            t.ticks
        } else {
            let offset = zones::offset_at_local(source, t.ticks)
                .map_err(|e| fail(e, source, source_arg, t.ticks))?;
            t.ticks - offset
        };
        let (ticks, is_utc) = match target_arg {
            None => (utc, true),
            Some(_) => {
                let offset = zones::offset_at_utc(target, utc)
                    .map_err(|e| fail(e, target, target_arg, utc))?;
                // A UTC target is written with `Z`; any other zone as a time without one (.NET's
                // `DateTimeKind.Unspecified`, which 'o' writes without an offset).
                (utc + offset, zones::iana(target) == Some("Etc/UTC"))
            }
        };
        let result = DateTime::from_ticks(ticks, is_utc).ok_or_else(out_of_range)?;
        write(c, result, fmt)
    }
}
