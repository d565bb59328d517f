//! What a check run is given: its options and the files (by path and text).

use crate::diagnostic::Rule;
use adf_syntax::ParseOptions;

/// Options of a check run.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CheckOptions {
    /// Parser limits (nesting depth, file size).
    pub parse: ParseOptions,
    /// Read and check ADF expressions (on by default; off only to measure their cost).
    pub expressions: bool,
    /// An extra pack of rules, off unless selected (`adf check --profile`, `profile` in
    /// `adf.toml`).
    pub profile: Option<Profile>,
}

/// A pack of rules that only runs when selected: its findings answer a question the factory's
/// own correctness does not raise (e.g. what stands in the way of moving it elsewhere).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Profile {
    /// Readiness for Data Factory in Microsoft Fabric: what its migration leaves out
    /// (`fabric-not-migrated`, `fabric-needs-rework`).
    Fabric,
}

/// The rules of [`Profile::Fabric`].
static FABRIC_RULES: &[&Rule] = &[
    &crate::rules::fabric_not_migrated::RULE,
    &crate::rules::fabric_needs_rework::RULE,
];

impl Profile {
    /// Every profile.
    pub const ALL: [Profile; 1] = [Profile::Fabric];

    /// The name written on the command line and in `adf.toml`.
    pub fn name(self) -> &'static str {
        match self {
            Profile::Fabric => "fabric",
        }
    }

    /// The rules that run only under this profile.
    pub fn rules(self) -> &'static [&'static Rule] {
        match self {
            Profile::Fabric => FABRIC_RULES,
        }
    }

    /// The profile whose rule this is, if any.
    pub fn of_rule(rule: &Rule) -> Option<Profile> {
        Profile::ALL
            .into_iter()
            .find(|p| p.rules().iter().any(|r| r.name == rule.name))
    }

    /// The profile of a name (ASCII case aside).
    pub fn from_name(name: &str) -> Option<Profile> {
        Profile::ALL
            .into_iter()
            .find(|p| p.name().eq_ignore_ascii_case(name))
    }
}

impl Default for CheckOptions {
    fn default() -> Self {
        Self {
            parse: ParseOptions::default(),
            expressions: true,
            profile: None,
        }
    }
}

/// A file given by path and text.
#[derive(Debug, Clone, Copy)]
pub struct SourceFile<'a> {
    /// The path (any separator; only used for classification and roots).
    pub path: &'a str,
    /// The text.
    pub text: &'a str,
}
