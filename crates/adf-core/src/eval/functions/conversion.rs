//! Conversion functions: between strings, numbers, booleans, arrays and JSON; base64, data
//! URIs and URI escapes.

use super::{Call, Outcome, Want};
use crate::eval::value::Value;

/// The conversion functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "array" => Ok(Value::Array(vec![c.arg(0).clone()])),
        "createArray" => Ok(Value::Array(
            c.args.iter().map(|a| a.value.clone()).collect(),
        )),
        "coalesce" => Ok(c
            .args
            .iter()
            .map(|a| &a.value)
            .find(|v| **v != Value::Null)
            .cloned()
            .unwrap_or(Value::Null)),
        // A content value (binary, XML) is encoded from its bytes (chosen: the reference names
        // strings only; the service keeps binary data as bytes).
        "base64" => match c.arg(0).as_content() {
            Some((_, bytes)) => Ok(Value::String(base64_encode(&bytes))),
            None => c.str(0).map(|s| Value::String(base64_encode(s.as_bytes()))),
        },
        "base64ToString" | "decodeBase64" => from_base64(c),
        // A content value keeps its content type (observed in Logic Apps: `dataUri(xml('<t/>'))` is
        // "data:application/xml;charset=utf-8;base64,PHQgLz4=", IllogicApps' binary tests).
        "dataUri" => match c.arg(0).as_content() {
            Some((content_type, bytes)) => Ok(Value::String(format!(
                "data:{content_type};base64,{}",
                base64_encode(&bytes)
            ))),
            None => c.str(0).map(|s| {
                Value::String(format!(
                    "data:text/plain;charset=utf-8;base64,{}",
                    base64_encode(s.as_bytes())
                ))
            }),
        },
        "dataUriToString" => data_uri_to_string(c),
        "uriComponent" | "encodeUriComponent" => c.str(0).map(|s| Value::String(escape(s))),
        "uriComponentToString" | "decodeUriComponent" => {
            c.str(0).map(|s| Value::String(unescape(s)))
        }
        "bool" => to_bool(c),
        "int" => to_int(c),
        "float" => to_float(c),
        "string" => c.string_result(c.arg(0).to_text()),
        "json" => json(c),
        _ => return None,
    })
}

const ALPHABET: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";

/// Standard base64 with padding.
pub(crate) fn base64_encode(bytes: &[u8]) -> String {
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for chunk in bytes.chunks(3) {
        let b = [
            chunk.first().copied().unwrap_or(0),
            chunk.get(1).copied().unwrap_or(0),
            chunk.get(2).copied().unwrap_or(0),
        ];
        let n = (u32::from(b[0]) << 16) | (u32::from(b[1]) << 8) | u32::from(b[2]);
        for i in 0..4 {
            if i <= chunk.len() {
                let six = (n >> (18 - 6 * i)) & 63;
                out.push(char::from(
                    ALPHABET.get(six as usize).copied().unwrap_or(b'A'),
                ));
            } else {
                out.push('=');
            }
        }
    }
    out
}

/// Standard base64; white space is skipped (as .NET's `Convert.FromBase64String` does).
pub(crate) fn base64_decode(text: &str) -> Option<Vec<u8>> {
    let clean: Vec<u8> = text.bytes().filter(|b| !b.is_ascii_whitespace()).collect();
    // Whole groups of four only (`len() % 4` spelled so for the 1.85 MSRV and clippy alike).
    if clean.len() & 3 != 0 {
        return None;
    }
    let mut out = Vec::with_capacity(clean.len() / 4 * 3);
    for quad in clean.chunks(4) {
        let mut n = 0u32;
        let mut pad = 0;
        for (i, &b) in quad.iter().enumerate() {
            let six = match b {
                b'=' if i >= 2 => {
                    pad += 1;
                    0
                }
                _ if pad > 0 => return None,
                _ => ALPHABET.iter().position(|&a| a == b)? as u32,
            };
            n = (n << 6) | six;
        }
        let bytes = [(n >> 16) as u8, (n >> 8) as u8, n as u8];
        out.extend(bytes.get(..3 - pad).unwrap_or(&[]));
    }
    Some(out)
}

fn from_base64(c: &Call<'_>) -> Outcome {
    let text = c.str(0)?;
    let bytes = base64_decode(text).ok_or_else(|| {
        c.fail_at(
            0,
            format!(
                "The function '{}' was given text that is not base64.",
                c.name()
            ),
        )
    })?;
    Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
}

fn data_uri_to_string(c: &Call<'_>) -> Outcome {
    let text = c.str(0)?;
    let bad = || {
        c.fail_at(
            0,
            "The function 'dataUriToString' was given text that is not a data URI.",
        )
    };
    let rest = text.strip_prefix("data:").ok_or_else(bad)?;
    let (header, data) = rest.split_once(',').ok_or_else(bad)?;
    if header.to_ascii_lowercase().ends_with(";base64") {
        let bytes = base64_decode(data).ok_or_else(bad)?;
        Ok(Value::String(String::from_utf8_lossy(&bytes).into_owned()))
    } else {
        Ok(Value::String(unescape(data)))
    }
}

/// URI-escapes everything but the unreserved characters (.NET's `Uri.EscapeDataString`).
fn escape(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    for b in s.bytes() {
        if b.is_ascii_alphanumeric() || matches!(b, b'-' | b'.' | b'_' | b'~') {
            out.push(char::from(b));
        } else {
            out.push_str(&format!("%{b:02X}"));
        }
    }
    out
}

/// Decodes `%XX` escapes; a `%` not followed by two hex digits stays as written (.NET's
/// `Uri.UnescapeDataString`).
pub(super) fn unescape(s: &str) -> String {
    let bytes = s.as_bytes();
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        let hex = bytes
            .get(i + 1..i + 3)
            .and_then(|h| std::str::from_utf8(h).ok())
            .and_then(|h| u8::from_str_radix(h, 16).ok());
        match (b, hex) {
            (b'%', Some(v)) => {
                out.push(v);
                i += 3;
            }
            _ => {
                out.push(b);
                i += 1;
            }
        }
    }
    String::from_utf8_lossy(&out).into_owned()
}

/// `bool`: numbers are true unless zero; the strings `true` and `false` in any case.
fn to_bool(c: &Call<'_>) -> Outcome {
    Ok(Value::Bool(match c.arg(0) {
        Value::Bool(b) => *b,
        Value::Int(i) => *i != 0,
        Value::Float(f) => *f != 0.0,
        Value::String(s) if s.trim().eq_ignore_ascii_case("true") => true,
        Value::String(s) if s.trim().eq_ignore_ascii_case("false") => false,
        Value::String(s) => {
            return Err(c.fail_at(
                0,
                format!("The function 'bool' cannot convert the string '{s}' to a boolean."),
            ))
        }
        _ => return Err(c.type_error(0, Want::Str)),
    }))
}

/// `int`: a string of an integer, a number (chosen: a float rounds half to even, as .NET's
/// `Convert.ToInt64`), a boolean as 1 or 0.
fn to_int(c: &Call<'_>) -> Outcome {
    let overflow = || {
        c.fail_at(
            0,
            "The function 'int' was given a value outside the integer range.",
        )
    };
    Ok(Value::Int(match c.arg(0) {
        Value::Int(i) => *i,
        Value::Bool(b) => i64::from(*b),
        Value::Float(f) => {
            let r = f.round_ties_even();
            if !(-9.2e18..9.2e18).contains(&r) {
                return Err(overflow());
            }
            r as i64
        }
        Value::String(s) => s.trim().parse::<i64>().map_err(|_| {
            c.fail_at(
                0,
                format!("The function 'int' cannot convert the string '{s}' to an integer."),
            )
        })?,
        _ => return Err(c.type_error(0, Want::Str)),
    }))
}

fn to_float(c: &Call<'_>) -> Outcome {
    Ok(Value::Float(match c.arg(0) {
        Value::Int(i) => *i as f64,
        Value::Float(f) => *f,
        Value::String(s) => s
            .trim()
            .parse::<f64>()
            .ok()
            .filter(|f| f.is_finite())
            .ok_or_else(|| {
                c.fail_at(
                    0,
                    format!("The function 'float' cannot convert the string '{s}' to a float."),
                )
            })?,
        _ => return Err(c.type_error(0, Want::Str)),
    }))
}

/// `json`: reads a string as JSON; null gives an empty object (as the reference says); arrays
/// and objects are returned as they are (chosen); binary content is read as JSON text (observed
/// in Logic Apps: `json(binary('[1,2,3]'))` is `[1,2,3]`, IllogicApps' binary tests). XML content
/// would be converted by Json.NET's XML rules, which this evaluator does not reproduce.
fn json(c: &Call<'_>) -> Outcome {
    if let Some((content_type, bytes)) = c.arg(0).as_content() {
        if content_type
            .to_ascii_lowercase()
            .starts_with("application/xml")
        {
            return Ok(Value::unknown(
                "json() of an XML value is not evaluated yet",
            ));
        }
        let text = String::from_utf8_lossy(&bytes);
        return Value::from_json(&text).map_err(|e| {
            c.fail_at(
                0,
                format!("The function 'json' was given content that is not JSON: {e}"),
            )
        });
    }
    match c.arg(0) {
        Value::String(s) => Value::from_json(s).map_err(|e| {
            c.fail_at(
                0,
                format!("The function 'json' was given text that is not JSON: {e}"),
            )
        }),
        Value::Null => Ok(Value::Object(Vec::new())),
        v @ (Value::Array(_) | Value::Object(_)) => Ok(v.clone()),
        _ => Err(c.type_error(0, Want::Str)),
    }
}
