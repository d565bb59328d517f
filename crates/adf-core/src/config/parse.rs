//! Reading `adf.toml` text into a [`Config`], with positions for every mistake.

use super::{Config, Ignore, PathRules};
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::rules::{self, Rule};
use globset::{GlobBuilder, GlobSet, GlobSetBuilder};
use serde::Deserialize;
use std::collections::BTreeMap;
use std::ops::Range;
use toml::Spanned;

/// Why a configuration text was refused, and where.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ConfigError {
    /// 1-based line.
    pub line: u32,
    /// 1-based column, in characters.
    pub column: u32,
    /// The bytes at fault (empty when the parser names a point only).
    pub range: TextRange,
    /// What is wrong.
    pub message: String,
}

impl std::fmt::Display for ConfigError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "{}:{}: {}", self.line, self.column, self.message)
    }
}

impl std::error::Error for ConfigError {}

impl ConfigError {
    /// The mistake as an `invalid-config` finding on the configuration file.
    pub fn diagnostic(&self) -> Diagnostic {
        crate::rules::invalid_config::diagnostic(self)
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Raw {
    #[serde(default)]
    profile: Option<Spanned<String>>,
    #[serde(default)]
    exclude: Vec<Spanned<String>>,
    #[serde(default)]
    rules: BTreeMap<Spanned<String>, Spanned<String>>,
    #[serde(default)]
    paths: Vec<RawPaths>,
    #[serde(default)]
    ignore: Vec<Spanned<RawIgnore>>,
    #[serde(default)]
    factory: Vec<Spanned<RawFactory>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawFactory {
    folders: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawPaths {
    files: Vec<Spanned<String>>,
    off: Vec<Spanned<String>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RawIgnore {
    rule: Spanned<String>,
    entity: Option<String>,
    file: Option<String>,
    pointer: Option<Spanned<String>>,
}

/// 1-based line and character column of a byte offset.
fn position(text: &str, offset: usize) -> (u32, u32) {
    let before = text.get(..offset.min(text.len())).unwrap_or(text);
    let line = before.matches('\n').count() + 1;
    let line_start = before.rfind('\n').map_or(0, |i| i + 1);
    let column = before.get(line_start..).map_or(0, |s| s.chars().count()) + 1;
    (
        u32::try_from(line).unwrap_or(u32::MAX),
        u32::try_from(column).unwrap_or(u32::MAX),
    )
}

/// The nearest char boundary at or before a byte offset (a range must split no character).
fn char_floor(text: &str, offset: usize) -> usize {
    let mut i = offset.min(text.len());
    while !text.is_char_boundary(i) {
        i -= 1;
    }
    i
}

fn error_at(text: &str, span: Range<usize>, message: impl Into<String>) -> ConfigError {
    let start = char_floor(text, span.start);
    let end = char_floor(text, span.end.max(span.start));
    let (line, column) = position(text, start);
    ConfigError {
        line,
        column,
        range: TextRange::new(start, end),
        message: message.into(),
    }
}

fn rule_named(text: &str, name: &Spanned<String>) -> Result<&'static Rule, ConfigError> {
    rules::find(name.get_ref()).ok_or_else(|| {
        let near = crate::suggest::nearest(name.get_ref(), rules::RULES.iter().map(|r| r.name), 1);
        let hint = near
            .first()
            .map(|n| format!(" (did you mean `{n}`?)"))
            .unwrap_or_default();
        error_at(
            text,
            name.span(),
            format!("unknown rule `{}`{hint}", name.get_ref()),
        )
    })
}

fn severity_named(text: &str, value: &Spanned<String>) -> Result<Option<Severity>, ConfigError> {
    match value.get_ref().to_ascii_lowercase().as_str() {
        "error" => Ok(Some(Severity::Error)),
        "warning" => Ok(Some(Severity::Warning)),
        "info" => Ok(Some(Severity::Info)),
        "hint" => Ok(Some(Severity::Hint)),
        "off" => Ok(None),
        other => Err(error_at(
            text,
            value.span(),
            format!("unknown severity `{other}` (use error, warning, info, hint or off)"),
        )),
    }
}

fn glob_set(text: &str, patterns: &[Spanned<String>]) -> Result<GlobSet, ConfigError> {
    let mut builder = GlobSetBuilder::new();
    for p in patterns {
        let glob = GlobBuilder::new(p.get_ref())
            .literal_separator(true)
            .build()
            .map_err(|e| error_at(text, p.span(), format!("bad glob: {}", e.kind())))?;
        builder.add(glob);
    }
    builder
        .build()
        .map_err(|e| error_at(text, 0..0, format!("bad globs: {e}")))
}

pub(super) fn parse(text: &str) -> Result<Config, ConfigError> {
    let raw: Raw = toml::from_str(text).map_err(|e| {
        let span = e.span().unwrap_or(0..0);
        error_at(text, span, e.message().trim_end().to_string())
    })?;
    let mut config = Config::default();
    if let Some(p) = &raw.profile {
        config.profile = Some(crate::Profile::from_name(p.get_ref()).ok_or_else(|| {
            let known: Vec<&str> = crate::Profile::ALL.iter().map(|p| p.name()).collect();
            error_at(
                text,
                p.span(),
                format!(
                    "unknown profile `{}` (known: {})",
                    p.get_ref(),
                    known.join(", ")
                ),
            )
        })?);
    }
    for (name, value) in &raw.rules {
        config
            .severities
            .push((rule_named(text, name)?, severity_named(text, value)?));
    }
    for p in &raw.paths {
        let off = p
            .off
            .iter()
            .map(|r| rule_named(text, r))
            .collect::<Result<Vec<_>, _>>()?;
        config.path_rules.push(PathRules {
            patterns: p.files.iter().map(|f| f.get_ref().clone()).collect(),
            globs: glob_set(text, &p.files)?,
            off,
        });
    }
    for ig in &raw.ignore {
        let span = ig.span();
        let ig = ig.get_ref();
        let rule = rule_named(text, &ig.rule)?;
        if ig.entity.is_none() && ig.file.is_none() && ig.pointer.is_none() {
            return Err(error_at(
                text,
                span,
                "an ignore needs `entity`, `file` or `file` and `pointer` (to switch a rule off everywhere, set it to \"off\" under [rules])",
            ));
        }
        if let Some(p) = &ig.pointer {
            if ig.file.is_none() {
                return Err(error_at(
                    text,
                    p.span(),
                    "a `pointer` needs the `file` it points into",
                ));
            }
            if !(p.get_ref().is_empty() || p.get_ref().starts_with('/')) {
                return Err(error_at(
                    text,
                    p.span(),
                    "a JSON pointer starts with `/` (e.g. \"/properties/activities/0\")",
                ));
            }
        }
        config.ignores.push(Ignore {
            rule,
            entity: ig.entity.clone(),
            file: ig.file.as_deref().map(|f| normalize(f).into_owned()),
            pointer: ig.pointer.as_ref().map(|p| p.get_ref().clone()),
        });
    }
    for f in &raw.factory {
        let span = f.span();
        let mut folders = Vec::new();
        for folder in &f.get_ref().folders {
            let n = normalize(folder.get_ref());
            let n = n.trim_end_matches('/');
            if n.is_empty() || n == "." || n.starts_with('/') || n.split('/').any(|p| p == "..") {
                return Err(error_at(
                    text,
                    folder.span(),
                    "a factory folder is a folder below this file's folder, e.g. \"templates\"",
                ));
            }
            folders.push(n.to_string());
        }
        if folders.len() < 2 {
            return Err(error_at(
                text,
                span,
                "a [[factory]] joins two or more folders into one factory: folders = [\"a\", \"b\"]",
            ));
        }
        config.factories.push(folders);
    }
    if !raw.exclude.is_empty() {
        config.excludes = Some(glob_set(text, &raw.exclude)?);
        config.exclude_patterns = raw.exclude.iter().map(|e| e.get_ref().clone()).collect();
    }
    Ok(config)
}

/// A path as the configuration compares them: `/` separators, no leading `./`.
pub(super) fn normalize(path: &str) -> std::borrow::Cow<'_, str> {
    // Runs for every file a walk lists: a path with `/` separators is sliced, not copied.
    if path.contains('\\') {
        let p = path.replace('\\', "/");
        return std::borrow::Cow::Owned(p.strip_prefix("./").map(str::to_string).unwrap_or(p));
    }
    std::borrow::Cow::Borrowed(path.strip_prefix("./").unwrap_or(path))
}
