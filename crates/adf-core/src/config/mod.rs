//! The configuration file `adf.toml`: what it says (severities, rules off per path glob, ignores
//! of single findings, excludes), how it is parsed and how it applies to a file's findings.
//!
//! The core only parses texts and answers questions about path strings; adapters find the files
//! (nearest ancestor folder holding `adf.toml`) and read them.

mod apply;
mod files;
pub mod membership;
mod parse;
mod pointer;
mod set;

pub use apply::{apply, apply_to_file, entity_at, pointer_hits, FileContext, PointerHit};
pub use files::ConfigFiles;
pub use membership::{membership, Membership};
pub use parse::ConfigError;
pub use pointer::resolve_pointer;
pub use set::{ConfigSet, Profiles};

use crate::diagnostic::{Rule, Severity};
use globset::GlobSet;

/// The name adapters look for in each folder.
pub const FILE_NAME: &str = "adf.toml";

/// A parsed `adf.toml`.
#[derive(Debug, Clone, Default)]
pub struct Config {
    /// Severity per rule; `None` switches the rule off.
    pub severities: Vec<(&'static Rule, Option<Severity>)>,
    /// Rules switched off for paths matching globs.
    pub path_rules: Vec<PathRules>,
    /// Single findings to drop.
    pub ignores: Vec<Ignore>,
    /// Paths (relative to the configuration's folder) not to check at all.
    excludes: Option<GlobSet>,
    /// The exclude globs as written (for display).
    pub exclude_patterns: Vec<String>,
    /// Groups of folders (relative to the configuration's folder, `/` separators) that form one
    /// factory: names resolve across them (`[[factory]] folders = [...]`).
    pub factories: Vec<Vec<String>>,
    /// The profile whose extra rules run on the files this configuration governs
    /// (`profile = "fabric"`), on top of one the run selects.
    pub profile: Option<crate::Profile>,
}

/// Rules switched off below some paths.
#[derive(Debug, Clone)]
pub struct PathRules {
    /// The globs as written.
    pub patterns: Vec<String>,
    globs: GlobSet,
    /// The rules switched off there.
    pub off: Vec<&'static Rule>,
}

/// One finding (or family of findings) to drop.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Ignore {
    /// The rule whose findings are dropped.
    pub rule: &'static Rule,
    /// Only findings in the entity of this name (case-insensitive, as ADF names are).
    pub entity: Option<String>,
    /// Only findings in this file (relative to the configuration's folder, `/` separators).
    pub file: Option<String>,
    /// Only findings inside the value this JSON pointer names (needs `file`).
    pub pointer: Option<String>,
}

impl Config {
    /// Parses the text of an `adf.toml`; errors carry a 1-based line and column.
    pub fn parse(text: &str) -> Result<Config, ConfigError> {
        parse::parse(text)
    }

    /// The severity a rule has under this configuration (`None`: off), before path rules.
    pub fn severity(&self, rule: &'static Rule) -> Option<Severity> {
        self.severities
            .iter()
            .rev()
            .find(|(r, _)| std::ptr::eq(*r, rule))
            .map_or(Some(rule.severity), |(_, s)| *s)
    }

    /// Whether a rule is switched off for a path (relative to the configuration's folder).
    pub fn is_off_for(&self, rule: &'static Rule, rel_path: &str) -> bool {
        self.severity(rule).is_none()
            || self
                .path_rules
                .iter()
                .any(|p| p.off.iter().any(|r| std::ptr::eq(*r, rule)) && p.globs.is_match(rel_path))
    }

    /// Whether a path (relative to the configuration's folder) is excluded from checking.
    pub fn is_excluded(&self, rel_path: &str) -> bool {
        self.excludes.as_ref().is_some_and(|g| g.is_match(rel_path))
    }

    /// The pointer ignores that concern a file, with their index in [`Config::ignores`].
    pub fn pointer_ignores<'c>(
        &'c self,
        rel_path: &'c str,
    ) -> impl Iterator<Item = (usize, &'c str)> + 'c {
        self.ignores.iter().enumerate().filter_map(move |(i, ig)| {
            let pointer = ig.pointer.as_deref()?;
            (ig.file.as_deref() == Some(rel_path)).then_some((i, pointer))
        })
    }

    /// Whether any ignore names a JSON pointer (adapters then keep texts to resolve them).
    pub fn has_pointer_ignores(&self) -> bool {
        self.ignores.iter().any(|i| i.pointer.is_some())
    }
}

/// A starter configuration, every feature shown and commented (written by `adf init`).
pub const STARTER: &str = include_str!("starter.toml");

#[cfg(test)]
mod tests;
