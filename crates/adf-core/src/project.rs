//! The project every host drives: the analysis of a factory's files under the `adf.toml`
//! configurations that govern them. A file a configuration excludes is not part of the factory
//! in any host: it defines no entity, resolves no reference and gets no finding; its text is
//! kept aside so that a change of the configuration can bring it back without the host reading
//! it again. Hosts push texts and configurations and ask; they decide nothing about membership.
//!
//! Configuration files are given by path and text ([`Project::set_config`]): a mistake in one
//! is an `invalid-config` finding of that file in every host, and the last version of it that
//! parsed stays in force meanwhile (see [`ConfigFiles`]).

use crate::config::{self, ConfigFiles, ConfigSet};
use crate::graph::Graph;
use crate::workspace::{BuiltFile, EditBasis};
use crate::{CheckOptions, Diagnostic, Loader, Workspace};
use std::collections::BTreeMap;

/// A factory's files and the configurations in force, with the analysis over the files that
/// belong to the factory.
pub struct Project {
    ws: Workspace,
    configs: ConfigSet,
    /// The `adf.toml` files given by path, with their findings.
    config_files: ConfigFiles,
    /// Texts of files the configurations exclude, by path.
    excluded: BTreeMap<String, String>,
}

impl Default for Project {
    fn default() -> Self {
        Self::new(CheckOptions::default())
    }
}

impl Project {
    /// An empty project.
    pub fn new(options: CheckOptions) -> Self {
        Self {
            ws: Workspace::new(options),
            configs: ConfigSet::default(),
            config_files: ConfigFiles::default(),
            excluded: BTreeMap::new(),
        }
    }

    /// A loader for many files at once under these configurations (see [`ProjectLoader`]).
    pub(crate) fn loader(options: CheckOptions, configs: ConfigSet) -> ProjectLoader {
        ProjectLoader {
            loader: Loader::new(options)
                .with_joins(configs.factory_joins())
                .with_profiles(configs.profiles()),
            configs,
            config_files: ConfigFiles::default(),
            excluded: BTreeMap::new(),
        }
    }

    /// A loader under configuration files given by path (see [`Project::set_config`]).
    pub fn loader_with_files(options: CheckOptions, config_files: ConfigFiles) -> ProjectLoader {
        let mut loader = Self::loader(options, config_files.config_set());
        loader.config_files = config_files;
        loader
    }

    /// The analysis of the files that belong to the factory (for the IDE queries).
    pub fn workspace(&self) -> &Workspace {
        &self.ws
    }

    /// The dependency graph of the files that belong to the factory.
    pub fn graph(&self) -> Graph {
        Graph::of(&self.ws)
    }

    /// The configurations in force.
    pub fn configs(&self) -> &ConfigSet {
        &self.configs
    }

    /// Whether the configurations leave `path` out of the factory.
    pub fn is_excluded(&self, path: &str) -> bool {
        self.configs.excludes(path)
    }

    /// Whether the project holds the file, excluded or not, or the configuration file.
    pub fn contains(&self, path: &str) -> bool {
        self.excluded.contains_key(path)
            || self.config_files.contains(path)
            || self.ws.text(path).is_some()
    }

    /// The current text of a file, excluded or not, or of a configuration file.
    pub fn text(&self, path: &str) -> Option<&str> {
        self.excluded
            .get(path)
            .map(String::as_str)
            .or_else(|| self.config_files.text(path))
            .or_else(|| self.ws.text(path))
    }

    /// Whether `path` was given as a configuration file.
    pub fn is_config(&self, path: &str) -> bool {
        self.config_files.contains(path)
    }

    /// The paths of the configuration files given, sorted.
    pub fn config_paths(&self) -> Vec<String> {
        self.config_files.paths().map(str::to_string).collect()
    }

    /// Every file given and not removed, excluded ones included, sorted.
    pub fn paths(&self) -> Vec<String> {
        let mut out: Vec<String> = self
            .ws
            .file_ids()
            .into_iter()
            .filter_map(|id| self.ws.path(id).map(str::to_string))
            .chain(self.excluded.keys().cloned())
            .collect();
        out.sort();
        out.dedup();
        out
    }

    /// Adds or replaces a file; returns the paths whose findings were computed again (the
    /// file itself included when it is excluded, since its findings are now none).
    pub fn set_file(&mut self, path: &str, text: &str) -> Vec<String> {
        if self.is_excluded(path) {
            self.excluded.insert(path.to_string(), text.to_string());
            let mut changed = self.ws.remove_file(path);
            changed.push(path.to_string());
            return sorted(changed);
        }
        self.excluded.remove(path);
        sorted(self.ws.set_file(path, text))
    }

    /// A copy of what building a file needs, for checking an edit away from the project
    /// ([`EditBasis::build`], then [`Project::commit`]).
    pub fn edit_basis(&self) -> EditBasis {
        self.ws.edit_basis()
    }

    /// Puts a file built with [`Project::edit_basis`] in; the same as [`Project::set_file`]
    /// with its text, even when the project changed since the build.
    pub fn commit(&mut self, built: BuiltFile) -> Vec<String> {
        if self.is_excluded(built.path()) {
            let (path, text) = (built.path().to_string(), built.text().to_string());
            return self.set_file(&path, &text);
        }
        self.excluded.remove(built.path());
        sorted(self.ws.commit(built))
    }

    /// Removes a file; returns the paths whose findings were computed again.
    pub fn remove_file(&mut self, path: &str) -> Vec<String> {
        self.excluded.remove(path);
        sorted(self.ws.remove_file(path))
    }

    /// Adds or replaces many files at once (one layout, one check of everything): for loading a
    /// folder, where one [`Project::set_file`] each would check the factory again and again.
    pub fn set_files(&mut self, files: Vec<(String, String)>) {
        let mut texts: BTreeMap<String, String> = self
            .ws
            .file_ids()
            .into_iter()
            .filter_map(|id| {
                let path = self.ws.path(id)?;
                Some((path.to_string(), self.ws.text(path)?.to_string()))
            })
            .collect();
        texts.append(&mut std::mem::take(&mut self.excluded));
        texts.extend(files);
        let mut loader = Project::loader(*self.ws.options(), self.configs.clone());
        loader.config_files = std::mem::take(&mut self.config_files);
        for (path, text) in texts {
            loader.add(path, text);
        }
        *self = loader.finish();
    }

    /// Adds or replaces the `adf.toml` at `path` (it governs the files below its folder);
    /// returns the paths whose findings may have changed, `path` included. A text with a
    /// mistake is a finding of `path`, and the last version that parsed stays in force.
    pub fn set_config(&mut self, path: &str, text: &str) -> Vec<String> {
        let mut changed = if self.config_files.set(path, text) {
            self.reconfigure()
        } else {
            Vec::new()
        };
        changed.push(path.to_string());
        sorted(changed)
    }

    /// Removes the `adf.toml` at `path`; returns the paths whose findings may have changed.
    pub fn remove_config(&mut self, path: &str) -> Vec<String> {
        if !self.config_files.contains(path) {
            return Vec::new();
        }
        let mut changed = if self.config_files.remove(path) {
            self.reconfigure()
        } else {
            Vec::new()
        };
        changed.push(path.to_string());
        sorted(changed)
    }

    /// Replaces every configuration file at once (a host that read them all from disk);
    /// returns the paths whose findings may have changed, configuration files included.
    pub fn set_config_files(&mut self, files: Vec<(String, String)>) -> Vec<String> {
        let mut gone = self.config_paths();
        gone.retain(|p| !files.iter().any(|(f, _)| f == p));
        for p in &gone {
            self.config_files.remove(p);
        }
        for (path, text) in &files {
            self.config_files.set(path, text);
        }
        let mut changed = self.reconfigure();
        changed.extend(gone);
        changed.extend(self.config_paths());
        sorted(changed)
    }

    fn reconfigure(&mut self) -> Vec<String> {
        let set = self.config_files.config_set();
        self.put_configs(set)
    }

    fn put_configs(&mut self, configs: ConfigSet) -> Vec<String> {
        self.configs = configs;
        // Excludes decide which files take part at all, so a change of them rebuilds.
        let now_excluded = self
            .ws
            .file_ids()
            .into_iter()
            .any(|id| self.ws.path(id).is_some_and(|p| self.is_excluded(p)));
        let now_included = self.excluded.keys().any(|p| !self.is_excluded(p));
        if now_excluded || now_included {
            self.set_files(Vec::new());
        } else {
            // Folders joined into one factory change what names resolve to, anywhere; a profile
            // changes which rules run.
            self.ws.set_factory_joins(self.configs.factory_joins());
            self.ws.set_profiles(self.configs.profiles());
        }
        self.paths()
    }

    /// The findings of a file as a user sees them: the governing configuration applied, none
    /// for an excluded or unknown file; a configuration file's mistake.
    pub fn findings(&self, path: &str) -> Vec<Diagnostic> {
        if self.config_files.contains(path) {
            return self.config_files.findings(path);
        }
        let found = self
            .ws
            .report(path)
            .map(|r| r.diagnostics)
            .unwrap_or_default();
        self.apply(path, found)
    }

    /// Findings of a file, computed by the caller (e.g. single-file ones while a host is still
    /// indexing), with the governing configuration applied; none for an excluded or unknown file.
    pub fn apply(&self, path: &str, found: Vec<Diagnostic>) -> Vec<Diagnostic> {
        // Most files have no findings: their texts (kept compressed) need not be read.
        if found.is_empty() {
            return found;
        }
        let (Some(model), Some(text)) = (self.ws.model(path), self.ws.text(path)) else {
            return Vec::new();
        };
        config::apply_to_file(&self.configs, path, text, model, found)
    }
}

/// Builds a [`Project`] from many files as they are read (the memory profile of [`Loader`]);
/// excluded files are set aside as they arrive.
pub struct ProjectLoader {
    loader: Loader,
    configs: ConfigSet,
    config_files: ConfigFiles,
    excluded: BTreeMap<String, String>,
}

impl ProjectLoader {
    /// Adds a file.
    pub fn add(&mut self, path: String, text: String) {
        if self.configs.excludes(&path) {
            self.excluded.insert(path, text);
        } else {
            self.loader.add(path, text);
        }
    }

    /// Checks everything and returns the project.
    pub fn finish(self) -> Project {
        Project {
            ws: self.loader.finish(),
            configs: self.configs,
            config_files: self.config_files,
            excluded: self.excluded,
        }
    }
}

fn sorted(mut paths: Vec<String>) -> Vec<String> {
    paths.sort();
    paths.dedup();
    paths
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    const BLOB: &str = r#"{"name": "Blob", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://a.blob.core.windows.net"}}}"#;

    fn excluding(glob: &str) -> ConfigSet {
        let config = Config::parse(&format!("exclude = [\"{glob}\"]")).expect("config");
        ConfigSet::new([(String::new(), config)])
    }

    /// The errors and warnings of a file (an unused linked service is a hint either way).
    fn rules(p: &Project, path: &str) -> Vec<&'static str> {
        p.findings(path)
            .iter()
            .filter(|d| d.severity <= crate::Severity::Warning)
            .map(|d| d.rule.name)
            .collect()
    }

    #[test]
    fn an_excluded_copy_is_no_duplicate_and_comes_back_when_the_exclude_goes() {
        let mut p = Project::default();
        let exclude = "exclude = [\"linkedService/Blob_old.json\"]";
        p.set_config("adf.toml", exclude);
        p.set_file("linkedService/Blob.json", BLOB);
        let changed = p.set_file("linkedService/Blob_old.json", BLOB);
        assert!(changed.contains(&"linkedService/Blob_old.json".to_string()));
        assert!(rules(&p, "linkedService/Blob.json").is_empty());
        assert!(p.is_excluded("linkedService/Blob_old.json"));
        assert_eq!(p.text("linkedService/Blob_old.json"), Some(BLOB));
        assert_eq!(p.paths().len(), 2);

        // Without the exclude the copy takes part again, from the text kept aside.
        p.remove_config("adf.toml");
        assert_eq!(rules(&p, "linkedService/Blob.json"), ["duplicate-name"]);
        assert_eq!(rules(&p, "linkedService/Blob_old.json"), ["duplicate-name"]);

        // And leaves again with it; removing it drops its text.
        p.set_config("adf.toml", exclude);
        assert!(rules(&p, "linkedService/Blob.json").is_empty());
        p.remove_file("linkedService/Blob_old.json");
        assert!(!p.contains("linkedService/Blob_old.json"));
    }

    /// Every rule that reports on a file, whatever its severity.
    fn all_rules(p: &Project, path: &str) -> Vec<&'static str> {
        p.findings(path).iter().map(|d| d.rule.name).collect()
    }

    #[test]
    fn a_profile_in_adf_toml_selects_its_rules_for_the_files_below_it() {
        const SHIR: &str = r#"{"name": "StoreNetwork", "properties": {"type": "SelfHosted"}}"#;
        let mut p = Project::default();
        p.set_file("shop/integrationRuntime/StoreNetwork.json", SHIR);
        p.set_file("lab/integrationRuntime/StoreNetwork.json", SHIR);
        assert!(all_rules(&p, "shop/integrationRuntime/StoreNetwork.json").is_empty());

        let changed = p.set_config("shop/adf.toml", "profile = \"fabric\"\n");
        assert!(changed.contains(&"shop/integrationRuntime/StoreNetwork.json".to_string()));
        assert_eq!(
            all_rules(&p, "shop/integrationRuntime/StoreNetwork.json"),
            ["fabric-not-migrated"]
        );
        // Only below its folder.
        assert!(all_rules(&p, "lab/integrationRuntime/StoreNetwork.json").is_empty());

        // An edit keeps it, on the editor's path (built away from the project) as on set_file.
        let edited = SHIR.replace("StoreNetwork\"", "StoreNetwork\", \"description\": \"x\"");
        let built = p.edit_basis().build(
            "shop/integrationRuntime/StoreNetwork.json".to_string(),
            edited,
        );
        p.commit(built);
        assert_eq!(
            all_rules(&p, "shop/integrationRuntime/StoreNetwork.json"),
            ["fabric-not-migrated"]
        );
        p.set_file("shop/integrationRuntime/StoreNetwork.json", SHIR);
        assert_eq!(
            all_rules(&p, "shop/integrationRuntime/StoreNetwork.json"),
            ["fabric-not-migrated"]
        );

        // A nearer configuration without a profile governs alone (they are not merged).
        p.set_config("shop/integrationRuntime/adf.toml", "");
        assert!(all_rules(&p, "shop/integrationRuntime/StoreNetwork.json").is_empty());
        p.remove_config("shop/integrationRuntime/adf.toml");
        assert_eq!(
            all_rules(&p, "shop/integrationRuntime/StoreNetwork.json"),
            ["fabric-not-migrated"]
        );

        // Gone with the configuration, also for an edit built before it went.
        let basis = p.edit_basis();
        p.remove_config("shop/adf.toml");
        assert!(all_rules(&p, "shop/integrationRuntime/StoreNetwork.json").is_empty());
        let path = "shop/integrationRuntime/StoreNetwork.json";
        p.commit(basis.build(path.to_string(), SHIR.to_string()));
        assert!(all_rules(&p, path).is_empty());
    }

    #[test]
    fn a_bad_configuration_is_a_finding_of_its_file_and_the_good_one_stays_in_force() {
        let mut p = Project::default();
        p.set_file("linkedService/Blob.json", BLOB);
        p.set_file("linkedService/Blob_old.json", BLOB);
        let good = "exclude = [\"linkedService/Blob_old.json\"]\n";
        let changed = p.set_config("adf.toml", good);
        assert!(changed.contains(&"adf.toml".to_string()));
        assert!(changed.contains(&"linkedService/Blob.json".to_string()));
        assert!(rules(&p, "linkedService/Blob.json").is_empty());
        assert!(p.findings("adf.toml").is_empty());

        // A half-typed line: only the configuration's own findings change.
        let bad = "exclude = [\"linkedService/Blob_old.json\"]\n[rules]\nunused-entity = \n";
        assert_eq!(p.set_config("adf.toml", bad), ["adf.toml"]);
        let found = p.findings("adf.toml");
        assert_eq!(found.len(), 1, "{found:?}");
        assert_eq!(found[0].rule.name, "invalid-config");
        assert_eq!(found[0].severity, crate::Severity::Error);
        assert!(bad[found[0].range.start..].starts_with('\n'), "{found:?}");
        assert!(
            rules(&p, "linkedService/Blob.json").is_empty(),
            "the exclude holds"
        );
        assert_eq!(p.text("adf.toml"), Some(bad));
        assert!(p.paths().iter().all(|path| path.ends_with(".json")));
        assert_eq!(p.config_paths(), ["adf.toml"]);

        // Loading files again keeps the configuration files.
        p.set_files(Vec::new());
        assert_eq!(p.findings("adf.toml").len(), 1);

        // Removed, it excludes nothing and has no findings.
        p.remove_config("adf.toml");
        assert!(p.findings("adf.toml").is_empty());
        assert!(!p.contains("adf.toml"));
        assert_eq!(rules(&p, "linkedService/Blob.json"), ["duplicate-name"]);
    }

    #[test]
    fn a_nested_configuration_that_never_parsed_leaves_its_folder_to_the_one_above() {
        let mut p = Project::default();
        p.set_file("sub/linkedService/Blob.json", BLOB);
        p.set_file("sub/linkedService/Blob_old.json", BLOB);
        p.set_config_files(vec![
            (
                "adf.toml".into(),
                "exclude = [\"**/Blob_old.json\"]\n".into(),
            ),
            (
                "sub/adf.toml".into(),
                "[rules]\nunused-entity = \"of\"\n".into(),
            ),
        ]);
        assert_eq!(p.findings("sub/adf.toml").len(), 1);
        assert!(p.findings("adf.toml").is_empty());
        assert!(rules(&p, "sub/linkedService/Blob.json").is_empty());
        // Read from disk again without the nested file: its finding goes with it.
        let changed = p.set_config_files(vec![("adf.toml".into(), String::new())]);
        assert!(changed.contains(&"sub/adf.toml".to_string()));
        assert!(p.findings("sub/adf.toml").is_empty());
        assert_eq!(rules(&p, "sub/linkedService/Blob.json"), ["duplicate-name"]);
    }

    #[test]
    fn the_loader_sets_excluded_files_aside() {
        let mut loader = Project::loader(CheckOptions::default(), excluding("old/**"));
        loader.add("linkedService/Blob.json".into(), BLOB.into());
        loader.add("old/linkedService/Blob.json".into(), BLOB.into());
        let p = loader.finish();
        assert!(p.workspace().text("old/linkedService/Blob.json").is_none());
        assert!(p.contains("old/linkedService/Blob.json"));
        assert!(rules(&p, "linkedService/Blob.json").is_empty());
    }
}
