//! An edit checked in two steps, so a host can check a file away from the workspace it serves
//! queries from: [`EditBasis::build`] does the slow part (parsing, the schema walk, expressions
//! and the single-file rules) on a copy of what it needs, and [`Workspace::commit`] puts the
//! result in (the cross-file rules and the files they re-check). The result is the same as
//! [`Workspace::set_file`]'s, whatever changed in between: a commit whose layout went out of date
//! builds the file again.

use super::Workspace;
use crate::check::CheckOptions;
use crate::classify::Classification;
use crate::config::Profiles;
use crate::layout::Layout;
use crate::model::build;
use crate::model::FileModel;
use crate::stored_text::StoredText;

/// What building one file's model needs from a workspace, copied (small: options and the
/// layout of factory roots and folder dialects).
#[derive(Debug, Clone)]
pub struct EditBasis {
    options: CheckOptions,
    profiles: Profiles,
    layout: Layout,
}

/// A file's text and the model built from it, ready for [`Workspace::commit`].
#[derive(Debug)]
pub struct BuiltFile {
    path: String,
    text: String,
    class: Classification,
    /// The layout the model was built with.
    layout: Layout,
    /// The options it was built with (its configuration's profile applied).
    options: CheckOptions,
    model: FileModel,
}

impl BuiltFile {
    /// The file's path.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The file's text.
    pub fn text(&self) -> &str {
        &self.text
    }
}

impl EditBasis {
    /// Parses, classifies and models a file as the workspace would, without it.
    pub fn build(&self, path: String, text: String) -> BuiltFile {
        let options = super::options_under(&self.options, &self.profiles, &path);
        let prepared = build::prepare(&path, &text, &options);
        let class = prepared.class;
        let model = build::build_model(&prepared, &self.layout);
        drop(prepared);
        BuiltFile {
            path,
            text,
            class,
            layout: self.layout.clone(),
            options,
            model,
        }
    }
}

impl Workspace {
    /// A copy of what [`EditBasis::build`] needs from this workspace.
    pub fn edit_basis(&self) -> EditBasis {
        EditBasis {
            options: self.options,
            profiles: self.profiles.clone(),
            layout: self.layout.clone(),
        }
    }

    /// Puts a file built elsewhere in (adds or replaces it), as [`Workspace::set_file`] would
    /// with its text; returns the paths whose findings were computed again.
    pub fn commit(&mut self, built: BuiltFile) -> Vec<String> {
        let BuiltFile {
            path,
            text,
            class,
            layout,
            options,
            model,
        } = built;
        let old_class = self.classes.insert(path.clone(), class);
        if old_class != Some(class) {
            let now = self.compute_layout();
            if now != self.layout {
                self.layout = now;
                return self.rebuild_with(Some((&path, &text)));
            }
        }
        if layout != self.layout || options != self.options_for(&path) {
            // Another file or the configuration moved a root or a dialect, or changed the
            // profile, since the build.
            return self.set_file(&path, &text);
        }
        self.replace(&path, Some(StoredText::Plain(text)), Some(model))
    }
}

#[cfg(test)]
mod tests {
    use crate::fixture;
    use crate::Workspace;

    const FACTORY: &str = r#"
//- f/pipeline/Caller.json
{"name": "Caller", "properties": {"activities": [
  {"name": "Run", "type": "ExecutePipeline",
   "typeProperties": {"pipeline": {"referenceName": "Callee", "type": "PipelineReference"}}}]}}
//- f/pipeline/Callee.json
{"name": "Callee", "properties": {"activities": []}}
"#;

    fn findings(ws: &Workspace) -> Vec<(String, Vec<String>)> {
        ws.reports()
            .into_iter()
            .map(|r| {
                let rules = r.diagnostics.iter().map(|d| d.rule.name.to_string());
                (r.path, rules.collect())
            })
            .collect()
    }

    #[test]
    fn a_commit_equals_set_file_and_rechecks_the_readers() {
        let renamed = r#"{"name": "Other", "properties": {"activities": []}}"#;
        let mut direct = fixture::parse(FACTORY).workspace();
        let direct_changed = direct.set_file("f/pipeline/Callee.json", renamed);

        let mut two_step = fixture::parse(FACTORY).workspace();
        let built = two_step
            .edit_basis()
            .build("f/pipeline/Callee.json".into(), renamed.into());
        let changed = two_step.commit(built);

        assert_eq!(changed, direct_changed);
        assert!(changed.contains(&"f/pipeline/Caller.json".to_string()));
        assert_eq!(findings(&two_step), findings(&direct));
        assert_eq!(two_step.text("f/pipeline/Callee.json"), Some(renamed));
    }

    #[test]
    fn a_commit_after_the_layout_changed_builds_again() {
        let v1_style = r#"{"name": "Callee", "properties": {"activities": [], "bogus": 1}}"#;
        let mut two_step = fixture::parse(FACTORY).workspace();
        let basis = two_step.edit_basis();
        // A second factory root appears between the build and the commit.
        two_step.set_file(
            "g/pipeline/Lone.json",
            r#"{"name": "Lone", "properties": {"activities": []}}"#,
        );
        let built = basis.build("f/pipeline/Callee.json".into(), v1_style.into());
        two_step.commit(built);

        let mut direct = fixture::parse(FACTORY).workspace();
        direct.set_file(
            "g/pipeline/Lone.json",
            r#"{"name": "Lone", "properties": {"activities": []}}"#,
        );
        direct.set_file("f/pipeline/Callee.json", v1_style);
        assert_eq!(findings(&two_step), findings(&direct));
    }
}
