//! Facts about string values: expressions, timespans, date-times, patterns.

use std::collections::HashMap;
use std::sync::{Mutex, OnceLock};

/// An ARM template expression such as `[parameters('x')]` (`[[` escapes a literal bracket).
pub fn is_arm_expression(s: &str) -> bool {
    // Asked of every string of every file: nearly all start with a byte that is neither `[`
    // nor whitespace (nor a non-ASCII byte, which may begin a Unicode space), and are done.
    match s.as_bytes().first() {
        Some(&b) if b != b'[' && b.is_ascii() && !(b as char).is_whitespace() => return false,
        None => return false,
        _ => {}
    }
    let t = s.trim();
    t.starts_with('[') && t.ends_with(']') && !t.starts_with("[[")
}

/// A v2 ADF expression: `@...` (but not the `@@` escape) or a string with `@{...}` interpolation.
pub fn is_adf_expression(s: &str) -> bool {
    // Asked of every string of every file: `contains` of one byte is a memchr, and most strings
    // hold no `@` at all, so the pair loop runs only on the few that do.
    let b = s.as_bytes();
    (b.first() == Some(&b'@') && b.get(1) != Some(&b'@'))
        || (b.contains(&b'@') && b.windows(2).any(|w| w == b"@{"))
}

/// A v1 expression or system variable such as `$$Text.Format(...)` or `SliceStart`.
pub fn is_v1_expression(s: &str) -> bool {
    s.starts_with("$$")
        || s.contains("SliceStart")
        || s.contains("WindowStart")
        || s.contains("SliceEnd")
        || s.contains("WindowEnd")
}

/// A `SecureString` or `AzureKeyVaultSecret` object (a SecretBase).
pub fn is_secret_object(v: &adf_syntax::ast::Value<'_>) -> bool {
    match v {
        adf_syntax::ast::Value::Object(o) => crate::json::get_str(o, "type").is_some_and(|t| {
            t.eq_ignore_ascii_case("SecureString") || t.eq_ignore_ascii_case("AzureKeyVaultSecret")
        }),
        _ => false,
    }
}

/// A template placeholder such as `<storage-account>` standing for the whole value.
pub fn is_placeholder(s: &str) -> bool {
    let t = s.trim();
    t.len() >= 2 && t.starts_with('<') && t.ends_with('>')
}

/// A .NET timespan: `[d.]hh:mm:ss[.fffffff]`.
pub fn is_timespan(s: &str) -> bool {
    let (days, rest) = match s.split_once('.') {
        Some((d, r)) if !d.contains(':') => (Some(d), r),
        _ => (None, s),
    };
    if let Some(d) = days {
        if d.is_empty() || !d.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    let (hms, fraction) = match rest.split_once('.') {
        Some((h, f)) => (h, Some(f)),
        None => (rest, None),
    };
    if let Some(f) = fraction {
        if f.is_empty() || f.len() > 7 || !f.bytes().all(|b| b.is_ascii_digit()) {
            return false;
        }
    }
    let parts: Vec<&str> = hms.split(':').collect();
    // .NET's TimeSpan parser, which Data Factory uses, also takes one-digit parts ("0.0:10:00",
    // corpus: the template gallery's Dataverse orchestrator).
    if parts.len() != 3
        || !parts
            .iter()
            .all(|p| (1..=2).contains(&p.len()) && p.bytes().all(|b| b.is_ascii_digit()))
    {
        return false;
    }
    // The schemas' own pattern puts no bound on hours: ((\d+)\.)?(\d\d):(60|[0-5]\d):(60|[0-5]\d).
    let num = |p: &str| p.parse::<u32>().unwrap_or(99);
    num(parts[1]) <= 60 && num(parts[2]) <= 60
}

/// An ISO 8601 date-time `YYYY-MM-DDThh:mm[:ss[.f+]]` with an optional or required offset.
pub fn is_datetime(s: &str, offset_required: bool) -> bool {
    let b = s.as_bytes();
    let digits =
        |r: std::ops::Range<usize>| b.get(r).is_some_and(|x| x.iter().all(u8::is_ascii_digit));
    if b.len() < 16
        || !digits(0..4)
        || b[4] != b'-'
        || !digits(5..7)
        || b[7] != b'-'
        || !digits(8..10)
    {
        return false;
    }
    if !(b[10] == b'T' || b[10] == b't' || b[10] == b' ')
        || !digits(11..13)
        || b[13] != b':'
        || !digits(14..16)
    {
        return false;
    }
    let mut i = 16;
    if b.get(i) == Some(&b':') {
        if !digits(i + 1..i + 3) {
            return false;
        }
        i += 3;
        if b.get(i) == Some(&b'.') {
            i += 1;
            let start = i;
            while b.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            if i == start {
                return false;
            }
        }
    }
    match b.get(i) {
        None => !offset_required,
        Some(b'Z') | Some(b'z') => i + 1 == b.len(),
        Some(b'+') | Some(b'-') => {
            digits(i + 1..i + 3)
                && b.get(i + 3) == Some(&b':')
                && digits(i + 4..i + 6)
                && i + 6 == b.len()
        }
        _ => false,
    }
}

/// Whether `s` matches a schema `pattern`; `None` when the pattern cannot be compiled.
pub fn matches_pattern(pattern: &str, s: &str) -> Option<bool> {
    static CACHE: OnceLock<Mutex<HashMap<String, Option<regex_lite::Regex>>>> = OnceLock::new();
    let cache = CACHE.get_or_init(|| Mutex::new(HashMap::new()));
    let mut cache = cache.lock().ok()?;
    if !cache.contains_key(pattern) {
        cache.insert(pattern.to_string(), regex_lite::Regex::new(pattern).ok());
    }
    cache.get(pattern)?.as_ref().map(|r| r.is_match(s))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn timespans() {
        for ok in [
            "02:00:00",
            "1.00:00:00",
            "00:10:00",
            "0.0:10:00",
            "7.00:00:00",
            "00:00:30.5",
            "0.0:10:00",
        ] {
            assert!(is_timespan(ok), "{ok}");
        }
        for bad in ["02:00", "two hours", "1.", "00:61:00", ""] {
            assert!(!is_timespan(bad), "{bad}");
        }
    }

    #[test]
    fn datetimes() {
        assert!(is_datetime("2016-02-13T00:00:00Z", true));
        assert!(is_datetime("2021-01-01T10:00:00+01:00", true));
        assert!(is_datetime("2021-01-01T10:00:00.123Z", true));
        assert!(!is_datetime("2021-01-01T10:00:00", true));
        assert!(is_datetime("2021-01-01T10:00:00", false));
        assert!(!is_datetime("yesterday", false));
        assert!(!is_datetime("2021-13", false));
    }

    #[test]
    fn expressions() {
        assert!(is_adf_expression("@pipeline().parameters.x"));
        assert!(is_adf_expression("path/@{item().name}"));
        assert!(!is_adf_expression("@@literal"));
        assert!(is_arm_expression("[parameters('factoryName')]"));
        assert!(!is_arm_expression("[[literal]"));
    }
}

/// Whether a secret value looks real rather than a placeholder: not empty, no `<...>`,
/// `{...}`/`${...}`/`#{...}#`/`$(...)`/`__X__` token, not a run of one character (`xxxx`,
/// `****`), not containing `xxx` or `***`, and not an expression.
pub fn looks_real_secret(s: &str) -> bool {
    let t = s.trim();
    if t.is_empty() || is_adf_expression(t) || is_arm_expression(t) {
        return false;
    }
    let lower = t.to_ascii_lowercase();
    let placeholder = t.contains('<')
        || t.contains("${")
        || t.contains("#{")
        || t.contains("$(")
        || (t.starts_with('{') && t.ends_with('}'))
        || (t.starts_with("__") && t.ends_with("__"))
        || lower.contains("xxx")
        || t.contains("***");
    let first = t.chars().next().unwrap_or(' ');
    !placeholder && !t.chars().all(|c| c == first)
}

/// Dummy values samples and templates put where a secret goes.
const DUMMY_SECRETS: &[&str] = &[
    "abc", "abc123", "admin", "changeit", "changeme", "demo", "dummy", "example", "foo", "foobar",
    "letmein", "none", "null", "qwerty", "sample", "test", "todo", "value",
];

/// Words that name a secret rather than being one ("servicePrincipalKey", "APIKeyOfEndpoint1").
const SECRET_WORDS: &[&str] = &[
    "key",
    "pass",
    "pwd",
    "secret",
    "token",
    "sas",
    "signature",
    "connection",
    "credential",
];

/// A value that stands in for a secret rather than being one: a placeholder (see
/// [`looks_real_secret`]), a common dummy (`abcd`, `123456`, `changeme`), a run of consecutive
/// letters or digits, prose ("Sql Connection String", "api key"), or a short name of the secret
/// (`password`, `myKey`, `servicePrincipalKey`). Outputs still mask these; only reporting
/// skips them.
pub fn is_stand_in_secret(s: &str) -> bool {
    let t = s.trim();
    if !looks_real_secret(t) {
        return true;
    }
    let lower = t.to_ascii_lowercase();
    if DUMMY_SECRETS.contains(&lower.as_str()) {
        return true;
    }
    let bytes = lower.as_bytes();
    let consecutive = bytes.len() >= 3
        && bytes.iter().all(u8::is_ascii_alphanumeric)
        && bytes.windows(2).all(|w| w[1] == w[0].wrapping_add(1));
    if consecutive {
        return true;
    }
    let prose = t.contains(' ') && t.chars().all(|c| c.is_ascii_alphanumeric() || c == ' ');
    if prose {
        return true;
    }
    let word_only = t.len() <= 32 && t.chars().all(|c| c.is_ascii_alphanumeric());
    word_only && SECRET_WORDS.iter().any(|w| lower.contains(w))
}

/// Keys of connection strings, form bodies and SAS URLs whose values are secrets (also the key
/// before a literal that `concat` joins to it).
pub(crate) const SECRET_KEYS: &[&str] = &[
    "accountkey",
    "sharedaccesskey",
    "password",
    "pwd",
    "sig",
    "client_secret",
    "access_token",
];

/// Byte spans (within `s`) of the secret parts of a connection string, form body or URL, e.g.
/// the value of `AccountKey=...;`, `sig=...&` or, in a URL's query, a function key `code=...`;
/// empty when there is none.
pub fn connection_string_secrets(s: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    if !s.contains('=') {
        return out;
    }
    let mut start = 0;
    for part in s.split([';', '&', '?']) {
        let part_start = start;
        start += part.len() + 1;
        let Some(eq) = part.find('=') else { continue };
        let key = part[..eq].trim().to_ascii_lowercase();
        let in_query = s[..part_start].contains("://") && s[..part_start].contains('?');
        if SECRET_KEYS.contains(&key.as_str()) || (key == "code" && in_query) {
            let value = &part[eq + 1..];
            if looks_real_secret(value) {
                out.push(part_start + eq + 1..part_start + part.len());
            }
        }
    }
    out
}

#[cfg(test)]
mod secret_tests {
    use super::*;

    #[test]
    fn placeholders_are_not_secrets() {
        for p in [
            "",
            "<api-key>",
            "xxxxxxxx",
            "********",
            "**********",
            "@pipeline().parameters.k",
            "[parameters('k')]",
            "#{SqlPassword}#",
            "${KEY}",
            "$(Key)",
            "__KEY__",
            "{key}",
            "myxxxkey",
        ] {
            assert!(!looks_real_secret(p), "{p}");
        }
        for r in [
            "123456",
            "zWa0000000000Tp6FjtZOspK/WMA2tQ08c8U+gZRBlw=",
            "P@ssw0rd!",
        ] {
            assert!(looks_real_secret(r), "{r}");
        }
    }

    #[test]
    fn stand_ins_are_not_reported() {
        for d in [
            "abcd",
            "123456",
            "password",
            "<password>",
            "****",
            "Sql Connection String",
            "api key",
            "{your key}",
            "servicePrincipalKey",
            "APIKeyOfEndpoint1",
            "myKey",
            "key",
            "changeme",
        ] {
            assert!(is_stand_in_secret(d), "{d}");
        }
        for r in [
            "zWa0000000000Tp6FjtZOspK/WMA2tQ08c8U+gZRBlw=",
            "P@ssw0rd!",
            "q1w2e3r4t5y6u7i8o9p0==",
            "Xk29fLq",
        ] {
            assert!(!is_stand_in_secret(r), "{r}");
        }
    }

    #[test]
    fn secret_parts_of_connection_strings() {
        let s = "DefaultEndpointsProtocol=https;AccountName=acct;AccountKey=abc123==;EndpointSuffix=core.windows.net";
        let spans = connection_string_secrets(s);
        assert_eq!(spans.len(), 1);
        assert_eq!(&s[spans[0].clone()], "abc123==");
        assert!(connection_string_secrets("AccountName=a;AccountKey=<key>").is_empty());
        let sas = "https://a.blob.core.windows.net/c?sv=2020&sig=AbCd%2Bef&se=2030";
        assert_eq!(&sas[connection_string_secrets(sas)[0].clone()], "AbCd%2Bef");
    }
}
