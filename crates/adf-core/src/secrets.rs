//! Secrets found by their shape in any string of a file, wherever they sit: a Web activity's
//! `headers` and `body`, a REST `authHeaders`, a `url` with `sig=` or `code=`, a SetVariable
//! value, a literal inside an expression, a SecureString parameter's `defaultValue`, a value of
//! an ARM parameters file. The catalog walk (`schema_check`) only sees properties the catalog
//! marks as secrets; this scan looks at every string.
//!
//! Masking is broad (every real-looking span is masked in every output); reporting follows the
//! severity policy: only shapes that are credentials by construction, never a placeholder,
//! prose, or a URL without `sig=`/`code=`.

use crate::diagnostic::{Diagnostic, TextRange};
use crate::rules::plaintext_secret;
use crate::{json, values};
use adf_syntax::ast::{StringLit, Value};
use std::ops::Range;

/// What a secret span holds, as a message names it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Shape {
    /// The value of `Password=`, `AccountKey=`, `client_secret=`... in a connection string or
    /// form body.
    KeyValue,
    /// A SAS signature or a function key in a URL's query.
    UrlKey,
    /// The token after `Bearer` or `Basic`.
    Bearer,
    /// The body of a PEM private key.
    PrivateKey,
    /// A JSON Web Token.
    Jwt,
    /// The value of a header or property whose name says it is a secret (`x-api-key`).
    Named,
    /// The default value of a SecureString parameter.
    SecureDefault,
}

impl Shape {
    /// How a message names it.
    pub fn what(self) -> &'static str {
        match self {
            Shape::KeyValue => "a password or key",
            Shape::UrlKey => "a SAS signature or function key",
            Shape::Bearer => "an authorization token",
            Shape::PrivateKey => "a private key",
            Shape::Jwt => "a JSON Web Token",
            Shape::Named => "a secret",
            Shape::SecureDefault => "a SecureString default value",
        }
    }
}

/// A secret within a string: its byte span and shape.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Span {
    /// Byte range within the string.
    pub range: Range<usize>,
    /// What it is.
    pub shape: Shape,
}

/// Names of headers and properties whose value is a secret whatever it looks like.
const SECRET_NAMES: &[&str] = &[
    "authorization",
    "proxy-authorization",
    "x-api-key",
    "api-key",
    "apikey",
    "ocp-apim-subscription-key",
    "x-functions-key",
    "client_secret",
    "clientsecret",
    "password",
    "pwd",
];

/// Whether a header or property name says its value is a secret.
pub fn is_secret_name(name: &str) -> bool {
    // Runs for the key of every string: `trim` (Unicode white space at both ends) only when
    // an end byte is not plainly part of a name.
    let plain_end = |b: Option<&u8>| b.is_some_and(|b| b.is_ascii_graphic());
    let bytes = name.as_bytes();
    let name = if plain_end(bytes.first()) && plain_end(bytes.last()) {
        name
    } else {
        name.trim()
    };
    // Runs for every string's key: most keys (`name`, `type`, `value`...) have a length no
    // secret name has.
    json::may_be_of_length(SECRET_NAME_LENGTHS, name.len())
        && SECRET_NAMES.iter().any(|n| n.eq_ignore_ascii_case(name))
}

const SECRET_NAME_LENGTHS: u64 = json::length_bits(SECRET_NAMES);

/// Secret spans in a string that is not an expression.
pub fn in_text(s: &str) -> Vec<Span> {
    marked(s, &Marks::of(s))
}

/// [`in_text`] with the string's marks known.
fn marked(s: &str, marks: &Marks) -> Vec<Span> {
    // Every string of every file comes here: most are names and types with none of the marks
    // of a secret shape, and each search runs only where its mark is.
    if !(marks.equals || marks.space || marks.dashes || marks.jwt) {
        return Vec::new();
    }
    let mut out: Vec<Span> = Vec::new();
    if marks.equals {
        out.extend(
            values::connection_string_secrets(s)
                .into_iter()
                .map(|range| Span {
                    shape: if is_url_query_key(s, range.start) {
                        Shape::UrlKey
                    } else {
                        Shape::KeyValue
                    },
                    range,
                }),
        );
    }
    if marks.dashes {
        out.extend(private_keys(s));
    }
    if marks.space {
        out.extend(auth_tokens(s));
    }
    if marks.jwt {
        out.extend(jwts(s));
    }
    out.sort_by_key(|sp| (sp.range.start, sp.range.end));
    // A JWT after `Bearer` is one secret, not two.
    out.dedup_by(|b, a| b.range.start < a.range.end);
    out
}

/// The marks of secret shapes a string has: `=` (connection strings, queries), a space (an
/// authorization scheme), `-----` (PEM) and `eyJ` (a JWT); and `@`, without which it is no
/// ADF expression (found in the same pass, so the scan reads each string once).
struct Marks {
    equals: bool,
    space: bool,
    dashes: bool,
    jwt: bool,
    at: bool,
}

/// The mark bits of each byte value (see [`Marks`]).
const MARK_BITS: [u8; 256] = {
    let mut t = [0u8; 256];
    t[b'=' as usize] = 1;
    t[b' ' as usize] = 2;
    t[b'-' as usize] = 4;
    t[b'J' as usize] = 8;
    t[b'@' as usize] = 16;
    t
};

impl Marks {
    fn of(s: &str) -> Marks {
        // One pass without branches: a table lookup per byte (most strings are names of a
        // few dozen bytes, too short for the compiler's vector loop to pay), then a search for
        // the two longer marks only where their rarer byte is.
        let b = s.as_bytes();
        let bits = b.iter().fold(0u8, |m, &c| m | MARK_BITS[usize::from(c)]);
        // Plain loops for the longer marks, not `str::contains`: a substring searcher costs
        // more to set up than these strings take to scan, and dashes (dates, GUIDs, names)
        // are common.
        Marks {
            equals: bits & 1 != 0,
            space: bits & 2 != 0,
            dashes: bits & 4 != 0 && b.windows(5).any(|w| w.iter().all(|&c| c == b'-')),
            jwt: bits & 8 != 0
                && b.windows(3)
                    .any(|w| w[0] == b'e' && w[1] == b'y' && w[2] == b'J'),
            at: bits & 16 != 0,
        }
    }
}

/// Whether the `key=` whose value starts at `at` sits in a URL's query.
fn is_url_query_key(s: &str, at: usize) -> bool {
    let before = &s[..at];
    before.contains("://") && before.contains('?')
}

/// Bodies of PEM private keys (`-----BEGIN ... PRIVATE KEY-----`).
fn private_keys(s: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find("-----BEGIN ") {
        let head = from + i;
        let Some(head_end) = s[head + 11..].find("-----").map(|j| head + 11 + j + 5) else {
            break;
        };
        let label = &s[head..head_end];
        let end = s[head_end..]
            .find("-----END")
            .map_or(s.len(), |j| head_end + j);
        let body = &s[head_end..end];
        if label.contains("PRIVATE KEY") && values::looks_real_secret(body) {
            out.push(Span {
                range: head_end..end,
                shape: Shape::PrivateKey,
            });
        }
        from = end.max(head_end);
    }
    out
}

fn is_token_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b"-._~+/=%:".contains(&b)
}

/// The token after `Bearer ` or `Basic ` (HTTP authorization schemes).
fn auth_tokens(s: &str) -> Vec<Span> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    for (sep, _) in s.match_indices(' ') {
        // The scheme is the word that ends at this space.
        let Some(at) = [&b"bearer"[..], &b"basic"[..]].iter().find_map(|scheme| {
            let at = sep.checked_sub(scheme.len())?;
            bytes[at..sep].eq_ignore_ascii_case(scheme).then_some(at)
        }) else {
            continue;
        };
        let from = sep + 1;
        let boundary = at == 0 || !bytes[at - 1].is_ascii_alphanumeric();
        let start = from + s[from..].len() - s[from..].trim_start_matches(' ').len();
        let len = bytes[start..]
            .iter()
            .take_while(|b| is_token_byte(**b))
            .count();
        let token = &s[start..start + len];
        if boundary && len >= 8 && values::looks_real_secret(token) {
            out.push(Span {
                range: start..start + len,
                shape: Shape::Bearer,
            });
        }
    }
    out
}

fn is_base64url(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// JSON Web Tokens: `eyJ...` `.` `eyJ...` `.` signature.
fn jwts(s: &str) -> Vec<Span> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(i) = s[from..].find("eyJ") {
        let start = from + i;
        from = start + 3;
        if start > 0 && is_base64url(bytes[start - 1]) {
            continue;
        }
        let segment = |at: usize| bytes[at..].iter().take_while(|b| is_base64url(**b)).count();
        let one = segment(start);
        let dot = start + one;
        if one < 10 || bytes.get(dot) != Some(&b'.') || !s[dot + 1..].starts_with("eyJ") {
            continue;
        }
        let two = segment(dot + 1);
        let mut end = dot + 1 + two;
        if two < 10 {
            continue;
        }
        if bytes.get(end) == Some(&b'.') {
            end += 1 + segment(end + 1);
        }
        out.push(Span {
            range: start..end,
            shape: Shape::Jwt,
        });
        from = end;
    }
    out
}

/// Secret spans in an ADF expression: in each string literal, and the literal that follows
/// one ending in `Password=` (the two joined by `concat`).
pub fn in_expression(s: &str) -> Vec<Span> {
    let literals = expression_literals(s);
    let mut out = Vec::new();
    for (i, lit) in literals.iter().enumerate() {
        let content = &s[lit.clone()];
        out.extend(in_text(content).into_iter().map(|sp| Span {
            range: lit.start + sp.range.start..lit.start + sp.range.end,
            shape: sp.shape,
        }));
        let Some(next) = literals.get(i + 1) else {
            continue;
        };
        let between = &s[lit.end + 1..next.start - 1];
        let joined = between.trim() == ",";
        let key = content
            .trim_end()
            .strip_suffix('=')
            .map(|k| k.rsplit([';', '&', '?']).next().unwrap_or(k))
            .map(|k| k.trim().to_ascii_lowercase());
        if joined
            && key.is_some_and(|k| values::SECRET_KEYS.contains(&k.as_str()))
            && values::looks_real_secret(&s[next.clone()])
        {
            out.push(Span {
                range: next.clone(),
                shape: Shape::KeyValue,
            });
        }
    }
    out
}

/// Byte ranges of the contents of an expression's single-quoted literals (`''` escapes a quote).
fn expression_literals(s: &str) -> Vec<Range<usize>> {
    let bytes = s.as_bytes();
    let mut out = Vec::new();
    let mut i = 0;
    while i < bytes.len() {
        if bytes[i] != b'\'' {
            i += 1;
            continue;
        }
        let start = i + 1;
        let mut j = start;
        loop {
            match bytes.get(j) {
                None => return out,
                Some(b'\'') if bytes.get(j + 1) == Some(&b'\'') => j += 2,
                Some(b'\'') => break,
                Some(_) => j += 1,
            }
        }
        out.push(start..j);
        i = j + 1;
    }
    out
}

/// Scans every string value under `root`: every secret span goes to `secrets` (outputs mask
/// them); when `report`, the first reportable one of each string becomes a finding unless the
/// catalog walk already reported that string.
pub(crate) fn scan(
    root: &Value<'_>,
    report: bool,
    out: &mut Vec<Diagnostic>,
    secrets: &mut Vec<TextRange>,
) {
    let reported: Vec<TextRange> = out
        .iter()
        .filter(|d| d.rule.name == plaintext_secret::RULE.name)
        .map(|d| d.range)
        .collect();
    let mut scan = Scan {
        report,
        reported,
        out,
        secrets,
    };
    scan.value(root, None, "", "");
}

struct Scan<'o> {
    report: bool,
    reported: Vec<TextRange>,
    out: &'o mut Vec<Diagnostic>,
    secrets: &'o mut Vec<TextRange>,
}

impl Scan<'_> {
    /// `key`: the property (or header) name the value sits under; `parent`: the name the
    /// enclosing object sits under (a message says `Sql_connectionString.value`, not `value`).
    fn value(&mut self, v: &Value<'_>, key: Option<&str>, secure: &str, parent: &str) {
        match v {
            Value::StringLit(lit) => self.string(lit, key, secure, parent),
            Value::Array(a) => {
                for e in &a.elements {
                    self.value(e, key, "", parent);
                }
            }
            Value::Object(o) => {
                let this = key.unwrap_or(parent);
                // A SecureString parameter: its default value is a secret whatever it looks like.
                // Header lists: `[{"name": "x-api-key", "value": "..."}]`. One pass for both.
                let mut secure_type = false;
                let mut header = None;
                for p in &o.properties {
                    let Value::StringLit(v) = &p.value else {
                        continue;
                    };
                    let name = json::name(p);
                    if name.eq_ignore_ascii_case("type") {
                        secure_type = v.value.eq_ignore_ascii_case("SecureString");
                    } else if name.eq_ignore_ascii_case("name") && is_secret_name(&v.value) {
                        header = Some(v.value.as_ref());
                    }
                }
                for p in &o.properties {
                    let name = json::name(p);
                    let secure = if secure_type && name.eq_ignore_ascii_case("defaultValue") {
                        "defaultValue"
                    } else {
                        ""
                    };
                    let key = match header {
                        Some(h) if name.eq_ignore_ascii_case("value") => h,
                        _ => name,
                    };
                    self.value(&p.value, Some(key), secure, this);
                }
            }
            _ => {}
        }
    }

    fn string(&mut self, lit: &StringLit<'_>, key: Option<&str>, secure: &str, parent: &str) {
        let s = lit.value.as_ref();
        let marks = Marks::of(s);
        let adf = marks.at && values::is_adf_expression(s);
        let arm = !adf && values::is_arm_expression(s);
        let mut spans = if adf {
            in_expression(s)
        } else if arm {
            Vec::new()
        } else {
            marked(s, &marks)
        };
        let whole_secret = if !secure.is_empty() {
            Some(Shape::SecureDefault)
        } else if key.is_some_and(is_secret_name) {
            Some(Shape::Named)
        } else {
            None
        };
        if let Some(shape) = whole_secret {
            if spans.is_empty() && !adf && !arm && values::looks_real_secret(s) {
                spans.push(Span {
                    range: 0..s.len(),
                    shape,
                });
            }
        }
        if spans.is_empty() {
            return;
        }
        let whole = TextRange::from(lit.range);
        // Offsets map one to one into the text only when the literal has no escapes.
        let plain = lit.range.end - lit.range.start == s.len() + 2;
        let at = |r: &Range<usize>| {
            if plain {
                TextRange::new(whole.start + 1 + r.start, whole.start + 1 + r.end)
            } else {
                whole
            }
        };
        self.secrets.extend(spans.iter().map(|sp| at(&sp.range)));
        if !self.report
            || self
                .reported
                .iter()
                .any(|r| r.start < whole.end && whole.start < r.end)
        {
            return;
        }
        if let Some(sp) = spans.iter().find(|sp| reportable(s, sp)) {
            let shown = match key {
                Some(k)
                    if (k.eq_ignore_ascii_case("value")
                        || k.eq_ignore_ascii_case("defaultValue"))
                        && !parent.is_empty() =>
                {
                    format!("{parent}.{k}")
                }
                Some(k) => k.to_string(),
                None if parent.is_empty() => "a value".to_string(),
                None => parent.to_string(),
            };
            self.out
                .push(plaintext_secret::by_shape(at(&sp.range), &shown, sp.shape));
        }
    }
}

/// Whether a masked span is worth a finding: a credential by construction, not a stand-in.
fn reportable(s: &str, sp: &Span) -> bool {
    let Some(text) = s.get(sp.range.clone()) else {
        return false;
    };
    match sp.shape {
        Shape::PrivateKey | Shape::Jwt => true,
        // "Basic authentication" is prose: a token has digits and letters.
        Shape::Bearer => {
            text.len() >= 16
                && text.bytes().any(|b| b.is_ascii_digit())
                && text.bytes().any(|b| b.is_ascii_alphabetic())
                && !values::is_stand_in_secret(text)
        }
        Shape::KeyValue | Shape::UrlKey => !values::is_stand_in_secret(text),
        // A whole URL is a secret only through its `sig=` or `code=`, found as `UrlKey`.
        Shape::Named | Shape::SecureDefault => {
            let lower = text.trim().to_ascii_lowercase();
            let url = lower.starts_with("https://") || lower.starts_with("http://");
            !(url || values::is_stand_in_secret(text))
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shown(s: &str, spans: &[Span]) -> Vec<(String, Shape)> {
        spans
            .iter()
            .map(|sp| (s[sp.range.clone()].to_string(), sp.shape))
            .collect()
    }

    #[test]
    fn every_secret_name_passes_the_length_filter() {
        for name in SECRET_NAMES {
            assert!(is_secret_name(name), "{name}");
            assert!(
                is_secret_name(&format!(" {} ", name.to_uppercase())),
                "{name}"
            );
        }
        for name in [
            "name",
            "type",
            "value",
            "referenceName",
            "passwords",
            "api-keys",
            "",
        ] {
            assert!(!is_secret_name(name), "{name}");
        }
        assert!(!is_secret_name(&"x".repeat(40)));
    }

    #[test]
    fn shapes_in_plain_text() {
        let cases: &[(&str, &[(&str, Shape)])] = &[
            (
                "https://fn.azurewebsites.net/api/run?code=Zx81kQ0pLm2nB4vC&name=x",
                &[("Zx81kQ0pLm2nB4vC", Shape::UrlKey)],
            ),
            (
                "https://acct.blob.core.windows.net/c?sv=2020&sig=Ab12Cd34Ef%2B56",
                &[("Ab12Cd34Ef%2B56", Shape::UrlKey)],
            ),
            (
                "grant_type=client_credentials&client_id=abc&client_secret=Q8~x.Yz12Lm",
                &[("Q8~x.Yz12Lm", Shape::KeyValue)],
            ),
            (
                "Bearer 9f8e7d6c5b4a39281706f5e4d3c2b1a0",
                &[("9f8e7d6c5b4a39281706f5e4d3c2b1a0", Shape::Bearer)],
            ),
            (
                "-----BEGIN RSA PRIVATE KEY-----\nMIIEowIBAAKCAQEA7\n-----END RSA PRIVATE KEY-----",
                &[("\nMIIEowIBAAKCAQEA7\n", Shape::PrivateKey)],
            ),
            (
                "token eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
                &[(
                    "eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N",
                    Shape::Jwt,
                )],
            ),
        ];
        for (s, want) in cases {
            let got = shown(s, &in_text(s));
            let want: Vec<(String, Shape)> =
                want.iter().map(|(t, k)| (t.to_string(), *k)).collect();
            assert_eq!(got, want, "{s}");
        }
        // Not secrets: a URL without a key, prose, placeholders.
        for s in [
            "https://api.example.com/items?page=2&code=",
            "Use Basic authentication here",
            "Bearer <token>",
            "Bearer {{token}}",
            "https://fn.azurewebsites.net/api/run?code=<function-key>",
            "-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----",
        ] {
            let found = in_text(s);
            assert!(
                found.iter().all(|sp| !reportable(s, sp)),
                "{s}: {:?}",
                shown(s, &found)
            );
        }
    }

    #[test]
    fn shapes_in_expressions() {
        let s = "@{concat('Server=db;Password=', 'Hunter2Secret!', ';')}";
        assert_eq!(
            shown(s, &in_expression(s)),
            [("Hunter2Secret!".to_string(), Shape::KeyValue)]
        );
        let s = "@concat('Server=db;Password=S3cr3tValue;', pipeline().parameters.db)";
        assert_eq!(
            shown(s, &in_expression(s)),
            [("S3cr3tValue".to_string(), Shape::KeyValue)]
        );
        // The value of a parameter is no literal: nothing to mask.
        let s = "@concat('Password=', pipeline().parameters.pwd)";
        assert!(in_expression(s).is_empty());
        let s = "@{concat('it''s ', 'Bearer 9f8e7d6c5b4a39281706f5e4')}";
        assert_eq!(
            shown(s, &in_expression(s)),
            [("9f8e7d6c5b4a39281706f5e4".to_string(), Shape::Bearer)]
        );
    }
}
