//! Binary values: `binary`, `base64ToBinary`, `dataUriToBinary` (and its older name
//! `decodeDataUri`), `uriComponentToBinary`.
//!
//! The reference prints their results as strings of bits, which are the bits of each example's
//! *argument* (`binary('hello')` is printed as the bits of "hello", `base64ToBinary('aGVsbG8=')`
//! as the bits of "aGVsbG8=", not of "hello"). The service gives a content object instead,
//! `{"$content-type": ..., "$content": <base64>}` (see [`Value::content`]); that is what these
//! functions return, and `@{...}`, `string()`, `base64()`, `dataUri()` and `json()` read it back.

use super::conversion::unescape;
use super::{Call, Outcome, Want};
use crate::eval::value::Value;

/// The content type of bytes with no other type (observed in Logic Apps for `binary` and
/// `base64ToBinary`).
const OCTETS: &str = "application/octet-stream";

/// The binary functions; `None` for a function of another group.
pub(super) fn call(c: &Call<'_>) -> Option<Outcome> {
    Some(match c.name() {
        "binary" => binary(c),
        "base64ToBinary" => base64_to_binary(c),
        "dataUriToBinary" | "decodeDataUri" => data_uri_to_binary(c),
        "uriComponentToBinary" => c
            .str(0)
            .map(|s| Value::content_of(OCTETS, unescape(s).as_bytes())),
        _ => return None,
    })
}

/// `binary(value)`: the UTF-8 bytes of the value's text; a content value keeps its bytes
/// (observed in Logic Apps: `binary(3.14)` holds "3.14", `binary(true)` "True",
/// `binary(binary('123'))` "123", `binary(null)` is an error; IllogicApps' binary tests).
fn binary(c: &Call<'_>) -> Outcome {
    let v = c.arg(0);
    if let Some((_, bytes)) = v.as_content() {
        return Ok(Value::content_of(OCTETS, &bytes));
    }
    if *v == Value::Null {
        return Err(c.type_error(0, Want::Str));
    }
    Ok(Value::content_of(OCTETS, v.to_text().as_bytes()))
}

/// `base64ToBinary(text)`: the text must be base64; the content keeps it as written (observed in
/// Logic Apps: `base64ToBinary('aGVsbG8 gd29ybGQ=')` keeps the space).
fn base64_to_binary(c: &Call<'_>) -> Outcome {
    let text = c.str(0)?;
    if super::base64_decode(text).is_none() {
        return Err(c.fail_at(
            0,
            "The function 'base64ToBinary' was given text that is not base64.",
        ));
    }
    Ok(Value::content(OCTETS, text.to_string()))
}

/// `dataUriToBinary(uri)`: the media type and parameters (without `;base64`) become the content
/// type, `text/plain` when there is none; base64 data is kept as written, other data is
/// URI-decoded with `+` for a space (observed in Logic Apps, IllogicApps' binary tests:
/// `data:text/plain;charset=utf-8,abc+def` holds "abc def"). Refused: empty parameters (`;;`),
/// a media type that is not `type/subtype`, parameters that are not `name=value`, `base64`
/// anywhere but last.
fn data_uri_to_binary(c: &Call<'_>) -> Outcome {
    let text = c.str(0)?;
    let (content_type, content) = parse_data_uri(text).ok_or_else(|| {
        c.fail_at(
            0,
            format!(
                "The function '{}' was given text that is not a data URI.",
                c.name()
            ),
        )
    })?;
    Ok(match content {
        DataUriContent::Base64(b64) => Value::content(&content_type, b64.to_string()),
        DataUriContent::Bytes(bytes) => Value::content_of(&content_type, &bytes),
    })
}

/// The data of a data URI.
#[derive(Debug, PartialEq)]
enum DataUriContent<'t> {
    /// Base64 as written after the comma.
    Base64(&'t str),
    /// Decoded bytes of URI-escaped data.
    Bytes(Vec<u8>),
}

/// A data URI's content type and data; `None` when malformed.
fn parse_data_uri(text: &str) -> Option<(String, DataUriContent<'_>)> {
    let scheme = text.get(..5)?;
    if !scheme.eq_ignore_ascii_case("data:") {
        return None;
    }
    let (header, data) = text.get(5..)?.split_once(',')?;
    let mut parts: Vec<&str> = header.split(';').collect();
    let base64 = match parts.last() {
        Some(last) if last.eq_ignore_ascii_case("base64") => {
            parts.pop();
            true
        }
        _ => false,
    };
    // An empty part (`data:;,x`, `data:;;base64,x`) fails the `name=value` check below.
    let media = if parts.is_empty() {
        ""
    } else {
        parts.remove(0)
    };
    if !media.is_empty() {
        let (kind, sub) = media.split_once('/')?;
        if kind.is_empty() || sub.is_empty() || sub.contains('/') {
            return None;
        }
    }
    for p in &parts {
        let (name, value) = p.split_once('=')?;
        if name.is_empty() || value.contains('=') {
            return None;
        }
    }
    let mut content_type = if media.is_empty() {
        "text/plain".to_string()
    } else {
        media.to_string()
    };
    for p in parts {
        content_type.push(';');
        content_type.push_str(p);
    }
    let content = if base64 {
        DataUriContent::Base64(data)
    } else {
        DataUriContent::Bytes(unescape(&data.replace('+', " ")).into_bytes())
    };
    Some((content_type, content))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parsed(t: &str) -> Option<(String, String)> {
        parse_data_uri(t).map(|(ct, d)| {
            let data = match d {
                DataUriContent::Base64(b) => format!("b64:{b}"),
                DataUriContent::Bytes(b) => String::from_utf8_lossy(&b).into_owned(),
            };
            (ct, data)
        })
    }

    #[test]
    fn data_uris_as_the_service_reads_them() {
        let ok = |t: &str, ct: &str, data: &str| {
            assert_eq!(parsed(t), Some((ct.to_string(), data.to_string())), "{t}");
        };
        ok(
            "data:text/plain;charset=utf-8;base64,aGVsbG8=",
            "text/plain;charset=utf-8",
            "b64:aGVsbG8=",
        );
        ok(
            "data:text/plain;charset=utf-8,abc+def%20g",
            "text/plain;charset=utf-8",
            "abc def g",
        );
        ok("data:,  [ 1 ]  ", "text/plain", "  [ 1 ]  ");
        ok("data:base64,dGVzdA==", "text/plain", "b64:dGVzdA==");
        ok("data:;base64,dGVzdA==", "text/plain", "b64:dGVzdA==");
        ok(
            "DATA:TEXT/PLAIN;COWS=MOO;BASE64,dGVzdA==",
            "TEXT/PLAIN;COWS=MOO",
            "b64:dGVzdA==",
        );
        for bad in [
            "data:;;base64,dGVzdA==",
            "data:;,test",
            "data:;;,test",
            "data:badmime;charset=utf-8,x",
            "data:text/plain/epic;charset=utf-8;base64,eA==",
            "data:text/plain;base64;charset=ascii,dGVzdA==",
            "data:text/plain;a=b=c;base64,dGVzdA==",
            "text/plain,hello",
            "data:text/plain",
            "",
            "dat",
        ] {
            assert_eq!(parsed(bad), None, "{bad}");
        }
    }
}
