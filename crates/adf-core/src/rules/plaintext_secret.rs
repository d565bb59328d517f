//! ## What it does
//! Reports a real-looking secret written inline in a v2 entity, in a property that takes a
//! secret (an `apiKey`, `password`, `servicePrincipalKey`, a `SecureString` value), or as the
//! `AccountKey=`, `SharedAccessKey=`, `Password=` or SAS `sig=` part of a connection string or
//! URL. Only those parts count: a connection string with only a server, database or integrated
//! security holds no secret, and a URL whose query has no `sig=` is not reported.
//!
//! Secrets are also found by their shape in any string of a v2 entity, an ARM template or an
//! ARM parameters file (`ARMTemplateParametersForFactory.json`): the same connection-string
//! parts and `client_secret=` in a form body; `sig=` and a function key `code=` in a URL's
//! query; the token after `Bearer` or `Basic`; a JSON Web Token; a PEM private key; the value
//! of a header named `Authorization`, `x-api-key`, `Ocp-Apim-Subscription-Key` (and the like)
//! in a Web activity's `headers` or a REST linked service's `authHeaders`; the default value of
//! a `SecureString` parameter; and a literal inside an expression, including the one that
//! follows `'Password='` in a `concat`.
//!
//! Stand-ins are not reported: empty values, placeholders (`<...>`, `{your key}`, `xxx`, `****`
//! (ADF Studio's mask), `#{...}#`, `${...}`, `$(...)`, `__...__`), ADF or ARM expressions,
//! common dummies (`abcd`, `123456`, `changeme`), prose ("Sql Connection String") and words
//! that name the secret (`password`, `myKey`, `servicePrincipalKey`). v1 had no Key Vault
//! references, so v1 files are not reported. Whether reported or not, every real-looking value
//! in a secret property is masked in every output; the value is never shown.
//!
//! It is a warning: the factory runs with the secret inline.
//!
//! ## Why is this bad?
//! A secret committed to git is readable by everyone with access to the repository and its
//! history, and it ends up in every ARM template exported from the factory. Data Factory can
//! read secrets from Azure Key Vault at run time instead.
//!
//! ## Example
//! `linkedService/Sales.json`:
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "AzureBlobStorage",
//!         "typeProperties": {
//!             "connectionString": "DefaultEndpointsProtocol=https;AccountName=sales;AccountKey=q1w2e3r4t5y6u7i8o9p0=="
//!         }
//!     }
//! }
//! ```
//!
//! Use instead: `linkedService/Sales.json` (with the key stored in the vault as `sales-connection`):
//! ```json
//! {
//!     "name": "Sales",
//!     "properties": {
//!         "type": "AzureBlobStorage",
//!         "typeProperties": {
//!             "connectionString": {
//!                 "type": "AzureKeyVaultSecret",
//!                 "store": {"referenceName": "Vault", "type": "LinkedServiceReference"},
//!                 "secretName": "sales-connection"
//!             }
//!         }
//!     }
//! }
//! ```
//!
//! `linkedService/Vault.json` (beside both):
//! ```json
//! {"name": "Vault", "properties": {"type": "AzureKeyVault", "typeProperties": {"baseUrl": "https://sales-kv.vault.azure.net"}}}
//! ```

use super::Rule;
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::ide::actions::{edit, objects, FixCx};
use crate::ide::{ActionKind, CodeAction};
use crate::json::quote;
use crate::{json, values};
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::Value;

pub static RULE: Rule = Rule {
    code: "ADF0120",
    name: "plaintext-secret",
    severity: Severity::Warning,
    summary: "a real-looking secret written inline where a Key Vault reference could stand",
    source: "src/rules/plaintext_secret.rs",
};

/// A real-looking secret in a string literal: where it is in the file, and its text.
struct Found<'s> {
    range: TextRange,
    text: &'s str,
}

/// Real-looking secrets in a string literal's value (broad: every one of them is masked).
fn spans<'s>(lit: &'s adf_syntax::ast::StringLit<'_>) -> Vec<Found<'s>> {
    let s = lit.value.as_ref();
    if values::is_adf_expression(s) || values::is_arm_expression(s) {
        return Vec::new();
    }
    let whole = TextRange::from(lit.range);
    // Offsets map one to one into the text only when the literal has no escapes.
    let plain = lit.range.end - lit.range.start == s.len() + 2;
    let parts = values::connection_string_secrets(s);
    if !parts.is_empty() {
        return parts
            .into_iter()
            .map(|r| Found {
                range: if plain {
                    TextRange::new(whole.start + 1 + r.start, whole.start + 1 + r.end)
                } else {
                    whole
                },
                text: s.get(r).unwrap_or(s),
            })
            .collect();
    }
    // A connection string without a secret part holds no secret.
    if s.contains('=') && s.contains(';') {
        return Vec::new();
    }
    if values::looks_real_secret(s) {
        vec![Found {
            range: if plain {
                TextRange::new(whole.start + 1, whole.end - 1)
            } else {
                whole
            },
            text: s,
        }]
    } else {
        Vec::new()
    }
}

/// Whether a masked value is worth reporting: not a stand-in (`abcd`, `123456`, `password`,
/// prose such as "Sql Connection String"), and not a URL whose query has no SAS signature.
fn reportable(found: &Found<'_>) -> bool {
    let t = found.text.trim();
    let lower = t.to_ascii_lowercase();
    if (lower.starts_with("https://") || lower.starts_with("http://"))
        && values::connection_string_secrets(t).is_empty()
    {
        return false;
    }
    !values::is_stand_in_secret(t)
}

/// Checks the value of a secret-typed property: records every real-looking secret span (all
/// outputs mask them) and reports, in v2, those that are not stand-ins.
pub(crate) fn check(
    name: &str,
    value: &Value<'_>,
    dialect: Dialect,
    out: &mut Vec<Diagnostic>,
    secrets: &mut Vec<TextRange>,
) {
    let lit = match value {
        Value::StringLit(s) => s,
        Value::Object(o)
            if json::get_str(o, "type").is_some_and(|t| t.eq_ignore_ascii_case("SecureString")) =>
        {
            match json::get(o, "value").map(|p| &p.value) {
                Some(Value::StringLit(s)) => s,
                _ => return,
            }
        }
        _ => return,
    };
    let found = spans(lit);
    secrets.extend(found.iter().map(|f| f.range));
    if dialect != Dialect::V2 {
        return;
    }
    if let Some(first) = found.iter().find(|f| reportable(f)) {
        out.push(Diagnostic::new(
            &RULE,
            first.range,
            format!(
                "`{name}` holds a secret in plain text; store it in Azure Key Vault and reference it \
                 with {{\"type\": \"AzureKeyVaultSecret\", \"store\": <Key Vault linked service>, \"secretName\": ...}}"
            ),
        ));
    }
}

/// The finding for a secret found by its shape (`crate::secrets`) under property `key`.
pub(crate) fn by_shape(range: TextRange, key: &str, shape: crate::secrets::Shape) -> Diagnostic {
    Diagnostic::new(
        &RULE,
        range,
        format!(
            "`{key}` holds {} in plain text; keep it in Azure Key Vault (a Key Vault reference, or a \
             SecureString parameter given at run time) instead of in the factory's files",
            shape.what()
        ),
    )
}

/// The fix: one action per Key Vault linked service of the scope: replace the secret's value with a
/// reference to a secret named after the entity and the property.
pub(crate) fn fix(cx: &FixCx<'_, '_, '_>, d: &Diagnostic) -> Vec<CodeAction> {
    let contains = |r: TextRange| r.start <= d.range.start && d.range.end <= r.end;
    // The property whose value holds the secret: a string, or a SecureString object.
    let found = objects(cx.root).into_iter().find_map(|(o, _)| {
        o.properties.iter().find(|p| match &p.value {
            Value::StringLit(s) => contains(s.range.into()),
            Value::Object(v) => {
                json::get_str(v, "type").is_some_and(|t| t.eq_ignore_ascii_case("SecureString"))
                    && contains(v.range.into())
            }
            _ => false,
        })
    });
    let Some(prop) = found else {
        return Vec::new();
    };
    let entity = cx
        .model
        .entities
        .iter()
        .filter(|e| e.range.start <= d.range.start && d.range.end <= e.range.end)
        .min_by_key(|e| e.range.end - e.range.start)
        .map_or("secret", |e| e.name.as_str());
    let secret = secret_name(&format!("{entity}-{}", json::name(prop)));
    let value_range: TextRange = json::range(&prop.value).into();
    let mut vaults: Vec<&str> = cx
        .ws
        .scope_models(cx.path)
        .into_iter()
        .flat_map(|m| m.entities.iter())
        .filter(|e| {
            e.kind == EntityKind::LinkedService
                && e.type_name
                    .as_deref()
                    .is_some_and(|t| t.eq_ignore_ascii_case("AzureKeyVault"))
        })
        .map(|e| e.name.as_str())
        .collect();
    vaults.sort_unstable();
    vaults.dedup();
    vaults
        .into_iter()
        .map(|kv| {
            let new_text = format!(
                "{{\"type\": \"AzureKeyVaultSecret\", \"store\": {{\"referenceName\": {}, \"type\": \"LinkedServiceReference\"}}, \"secretName\": {}}}",
                quote(kv),
                quote(&secret)
            );
            CodeAction {
                title: format!(
                    "Replace with secret '{secret}' from Key Vault '{kv}' (store the value in the vault first)"
                ),
                kind: ActionKind::QuickFix,
                rule: Some(d.rule.name),
                edits: vec![edit(cx.path, value_range, new_text)],
                preferred: false,
            }
        })
        .collect()
}

/// A Key Vault secret name from free text: letters, digits and dashes only.
fn secret_name(raw: &str) -> String {
    let mut out = String::new();
    for c in raw.chars() {
        let c = if c.is_ascii_alphanumeric() { c } else { '-' };
        if !(c == '-' && out.ends_with('-')) {
            out.push(c);
        }
    }
    out.trim_matches('-').to_string()
}
