//! Applying a configuration to one file's findings: severities, rules off per path, ignores.

use super::{resolve_pointer, Config, ConfigSet};
use crate::diagnostic::{Diagnostic, TextRange};
use crate::model::FileModel;

/// Where a pointer ignore (by its index in [`Config::ignores`]) landed in the file's text.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PointerHit {
    /// Index of the ignore.
    pub ignore: usize,
    /// The range its pointer names.
    pub range: TextRange,
}

/// What the configuration needs to know of a file besides its findings.
#[derive(Debug, Clone, Copy)]
pub struct FileContext<'a> {
    /// The path relative to the configuration's folder, `/` separators.
    pub rel_path: &'a str,
    /// Entities the file defines: name and the range of their object.
    pub entities: &'a [(String, TextRange)],
    /// Pointer ignores resolved in the file's text.
    pub pointer_hits: &'a [PointerHit],
}

/// The entity a range belongs to: the innermost entity object holding it, or the file's only
/// entity (findings about a file as a whole sit outside any object).
pub fn entity_at(entities: &[(String, TextRange)], range: TextRange) -> Option<&str> {
    entities
        .iter()
        .filter(|(_, r)| r.start <= range.start && range.end <= r.end)
        .min_by_key(|(_, r)| r.end - r.start)
        .or(match entities {
            [only] => Some(only),
            _ => None,
        })
        .map(|(n, _)| n.as_str())
}

/// The findings that remain under a configuration, with their configured severities.
pub fn apply(
    config: &Config,
    file: &FileContext<'_>,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    diagnostics
        .into_iter()
        .filter_map(|mut d| {
            if config.is_off_for(d.rule, file.rel_path) {
                return None;
            }
            let entity = entity_at(file.entities, d.range);
            let ignored = config.ignores.iter().enumerate().any(|(i, ig)| {
                std::ptr::eq(ig.rule, d.rule)
                    && ig.file.as_deref().is_none_or(|f| f == file.rel_path)
                    && ig
                        .entity
                        .as_deref()
                        .is_none_or(|e| entity.is_some_and(|n| n.eq_ignore_ascii_case(e)))
                    && (ig.pointer.is_none()
                        || file.pointer_hits.iter().any(|h| {
                            h.ignore == i
                                && h.range.start <= d.range.start
                                && d.range.end <= h.range.end
                        }))
            });
            if ignored {
                return None;
            }
            d.severity = config.severity(d.rule)?;
            Some(d)
        })
        .collect()
}

/// The pointer ignores of a file (path relative to the configuration's folder) resolved in its
/// text.
pub fn pointer_hits(config: &Config, rel_path: &str, text: &str) -> Vec<PointerHit> {
    config
        .pointer_ignores(rel_path)
        .filter_map(|(ignore, pointer)| {
            Some(PointerHit {
                ignore,
                range: resolve_pointer(text, pointer)?,
            })
        })
        .collect()
}

/// A file's findings under the configuration that governs its path (none when it is
/// excluded): for adapters that keep the text and the model of every file (server, wasm).
pub fn apply_to_file(
    configs: &ConfigSet,
    path: &str,
    text: &str,
    model: &FileModel,
    diagnostics: Vec<Diagnostic>,
) -> Vec<Diagnostic> {
    let Some((config, rel)) = configs.for_path(path) else {
        return diagnostics;
    };
    if config.is_excluded(&rel) {
        return Vec::new();
    }
    let entities: Vec<(String, TextRange)> = model
        .entities
        .iter()
        .map(|e| (e.name.clone(), e.range))
        .collect();
    let hits = pointer_hits(config, &rel, text);
    let ctx = FileContext {
        rel_path: &rel,
        entities: &entities,
        pointer_hits: &hits,
    };
    apply(config, &ctx, diagnostics)
}
