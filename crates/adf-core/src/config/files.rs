//! The `adf.toml` texts a host gives by path: each is parsed, the ones that parse are in force
//! (each governing the files below its folder), and a mistake is an `invalid-config` finding on
//! its file. While a file is bad, the last version of it that parsed stays in force, so that a
//! half-typed line in an editor does not flip the findings of the whole factory; a file that
//! never parsed is as if absent.

use super::{Config, ConfigSet};
use crate::diagnostic::Diagnostic;
use std::collections::BTreeMap;

/// One configuration file.
#[derive(Debug, Clone)]
struct ConfigFile {
    text: String,
    /// The last version that parsed.
    in_force: Option<Config>,
    /// Why the current text does not parse.
    finding: Option<Diagnostic>,
}

/// The configuration files of a project, by path.
#[derive(Debug, Clone, Default)]
pub struct ConfigFiles {
    files: BTreeMap<String, ConfigFile>,
}

/// The folder of a path (`/` or `\` separators), `""` for a bare file name.
fn dir_of(path: &str) -> &str {
    path.rfind(['/', '\\']).map_or("", |i| &path[..i])
}

impl ConfigFiles {
    /// Adds or replaces the file at `path`; returns whether the configurations in force changed.
    pub fn set(&mut self, path: &str, text: &str) -> bool {
        let previous = self.files.remove(path);
        let (in_force, finding, changed) = match Config::parse(text) {
            Ok(config) => (Some(config), None, true),
            Err(e) => {
                let kept = previous.and_then(|p| p.in_force);
                (kept, Some(e.diagnostic()), false)
            }
        };
        self.files.insert(
            path.to_string(),
            ConfigFile {
                text: text.to_string(),
                in_force,
                finding,
            },
        );
        changed
    }

    /// Removes the file at `path`; returns whether the configurations in force changed.
    pub fn remove(&mut self, path: &str) -> bool {
        self.files
            .remove(path)
            .is_some_and(|f| f.in_force.is_some())
    }

    /// Whether a file of this path was given.
    pub fn contains(&self, path: &str) -> bool {
        self.files.contains_key(path)
    }

    /// The paths of the files given, sorted.
    pub fn paths(&self) -> impl Iterator<Item = &str> {
        self.files.keys().map(String::as_str)
    }

    /// The current text of a file.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.files.get(path).map(|f| f.text.as_str())
    }

    /// The findings of a file: its mistake, if its current text has one.
    pub fn findings(&self, path: &str) -> Vec<Diagnostic> {
        self.files
            .get(path)
            .and_then(|f| f.finding.clone())
            .into_iter()
            .collect()
    }

    /// Whether any current text has a mistake.
    pub fn has_findings(&self) -> bool {
        self.files.values().any(|f| f.finding.is_some())
    }

    /// The configurations in force, each governing the folder of its file.
    pub fn config_set(&self) -> ConfigSet {
        ConfigSet::new(self.files.iter().filter_map(|(path, f)| {
            let config = f.in_force.clone()?;
            Some((dir_of(path).to_string(), config))
        }))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const GOOD: &str = "exclude = [\"old/**\"]\n";
    const BAD: &str = "exclude = [\"old/**\"]\n[rules]\nunsued-entity = \"off\"\n";

    #[test]
    fn a_bad_text_is_a_finding_at_its_fault_and_the_last_good_one_stays_in_force() {
        let mut files = ConfigFiles::default();
        assert!(files.set("f/adf.toml", GOOD));
        assert!(files.config_set().excludes("f/old/a.json"));

        assert!(!files.set("f/adf.toml", BAD));
        let found = files.findings("f/adf.toml");
        assert_eq!(found.len(), 1);
        assert_eq!(found[0].rule.name, "invalid-config");
        let at = &BAD[found[0].range.start..found[0].range.end];
        assert_eq!(at, "unsued-entity");
        assert!(found[0].message.contains("did you mean `unused-entity`"));
        assert!(
            files.config_set().excludes("f/old/a.json"),
            "the good one stays"
        );
        assert_eq!(files.text("f/adf.toml"), Some(BAD));

        assert!(files.set("f/adf.toml", GOOD));
        assert!(files.findings("f/adf.toml").is_empty());
    }

    #[test]
    fn a_file_that_never_parsed_is_as_if_absent() {
        let mut files = ConfigFiles::default();
        files.set("adf.toml", "exclude = [\"**/old/**\"]\n");
        assert!(!files.set("sub/adf.toml", "exclude = "));
        assert!(files.has_findings());
        // The root configuration governs `sub/` too.
        assert!(files.config_set().excludes("sub/old/a.json"));
        assert!(!files.remove("sub/adf.toml"));
        assert!(!files.has_findings());
        assert!(files.remove("adf.toml"));
        assert!(files.config_set().is_empty());
    }
}
