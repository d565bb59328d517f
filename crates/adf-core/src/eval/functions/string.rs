//! String functions. Positions and lengths count UTF-16 code units, as .NET strings do (chosen:
//! the service is .NET; for text without characters outside the BMP it is the character count).

use super::{Call, Outcome};
use crate::eval::value::{Value, MAX_STRING};

/// The string functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "concat" => concat(c),
        "endsWith" => {
            both(c).map(|(t, s)| Value::Bool(t.to_lowercase().ends_with(&s.to_lowercase())))
        }
        "startsWith" => {
            both(c).map(|(t, s)| Value::Bool(t.to_lowercase().starts_with(&s.to_lowercase())))
        }
        "indexOf" => both(c).map(|(t, s)| Value::Int(index_of(t, s, false))),
        "lastIndexOf" => both(c).map(|(t, s)| Value::Int(index_of(t, s, true))),
        "guid" => guid(c),
        "replace" => replace(c),
        "split" => split(c),
        "substring" => substring(c),
        "toLower" => c.str(0).map(|s| Value::String(s.to_lowercase())),
        "toUpper" => c.str(0).map(|s| Value::String(s.to_uppercase())),
        "trim" => c.str(0).map(|s| Value::String(s.trim().to_string())),
        _ => return None,
    })
}

fn both<'c>(c: &'c Call<'_>) -> Result<(&'c str, &'c str), crate::eval::EvalError> {
    Ok((c.str(0)?, c.str(1)?))
}

/// `concat`: the texts of its arguments joined (chosen: numbers, booleans and other values
/// join as their text, as in `@{...}`; the reference only shows strings).
fn concat(c: &Call<'_>) -> Outcome {
    let total: usize = c.args.iter().map(|a| a.value.weight()).sum();
    if total > MAX_STRING {
        return Err(c.too_long());
    }
    let mut out = String::with_capacity(total);
    for a in &c.args {
        out.push_str(&a.value.to_text());
    }
    c.string_result(out)
}

/// The UTF-16 position of the first (or last) occurrence, ignoring case (the reference says
/// indexOf and lastIndexOf are not case-sensitive); -1 when absent.
fn index_of(text: &str, search: &str, last: bool) -> i64 {
    let (t, s) = (text.to_lowercase(), search.to_lowercase());
    // Lower-casing can change lengths; positions are mapped on the lowered text, which matches
    // the original for all but a few characters (chosen).
    let found = if last { t.rfind(&s) } else { t.find(&s) };
    found.map_or(-1, |at| {
        t.get(..at).map_or(0, |p| p.encode_utf16().count()) as i64
    })
}

fn replace(c: &Call<'_>) -> Outcome {
    let (text, old, new) = (c.str(0)?, c.str(1)?, c.str(2)?);
    if old.is_empty() {
        return Err(c.fail_at(1, "The function 'replace' cannot replace an empty string."));
    }
    // The size is known before building: refuse a result past the bound without making it.
    let count = text.matches(old).count();
    let size = text.len() - count * old.len() + count.saturating_mul(new.len());
    if size > MAX_STRING {
        return Err(c.too_long());
    }
    c.string_result(text.replace(old, new))
}

fn split(c: &Call<'_>) -> Outcome {
    let (text, delimiter) = both(c)?;
    // Chosen: an empty delimiter gives the whole text as the one item (.NET's `Split("")`).
    let parts: Vec<Value> = if delimiter.is_empty() {
        vec![Value::String(text.to_string())]
    } else {
        let n = text.matches(delimiter).count() + 1;
        c.check_items(n)?;
        text.split(delimiter)
            .map(|p| Value::String(p.to_string()))
            .collect()
    };
    Ok(Value::Array(parts))
}

/// `substring(text, start, length?)`; out of range is Data Factory's error.
fn substring(c: &Call<'_>) -> Outcome {
    let text = c.str(0)?;
    let start = c.int(1)?;
    let units: Vec<u16> = text.encode_utf16().collect();
    let len = if c.args.len() > 2 {
        c.int(2)?
    } else {
        units.len() as i64 - start
    };
    let end = start.checked_add(len);
    let slice = match (
        usize::try_from(start),
        end.and_then(|e| usize::try_from(e).ok()),
    ) {
        (Ok(s), Some(e)) if len >= 0 => units.get(s..e),
        _ => None,
    };
    match slice {
        Some(s) => Ok(Value::String(String::from_utf16_lossy(s))),
        None => Err(c.fail(
            "The template language function 'substring' parameters are out of range: 'start \
             index' and 'length' must be non-negative integers and their sum must be no larger \
             than the length of the string.",
        )),
    }
}

/// `guid(format?)`: 122 random bits as a version-4 GUID, in .NET's N, D, B, P or X format.
fn guid(c: &Call<'_>) -> Outcome {
    let format = c.opt_str(0)?.unwrap_or("D");
    let (Some(hi), Some(lo)) = (c.ctx.next_random(), c.ctx.next_random()) else {
        return Ok(Value::unknown("a random source (guid)"));
    };
    let hi = (hi & !0xF000) | 0x4000;
    let lo = (lo & !(0xC000 << 48)) | (0x8000 << 48);
    let hex = format!("{hi:016x}{lo:016x}");
    let part = |r: std::ops::Range<usize>| hex.get(r).unwrap_or("");
    let d = format!(
        "{}-{}-{}-{}-{}",
        part(0..8),
        part(8..12),
        part(12..16),
        part(16..20),
        part(20..32)
    );
    let s = match format {
        "N" | "n" => hex.clone(),
        "D" | "d" => d,
        "B" | "b" => format!("{{{d}}}"),
        "P" | "p" => format!("({d})"),
        "X" | "x" => {
            let bytes: Vec<String> = (0..8)
                .map(|i| format!("0x{}", part(16 + 2 * i..18 + 2 * i)))
                .collect();
            format!(
                "{{0x{},0x{},0x{},{{{}}}}}",
                part(0..8),
                part(8..12),
                part(12..16),
                bytes.join(",")
            )
        }
        other => {
            return Err(c.fail_at(
                0,
                format!(
                    "The function 'guid' does not know the format '{other}' (use N, D, B, P or X)."
                ),
            ))
        }
    };
    Ok(Value::String(s))
}
