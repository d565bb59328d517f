//! The parts of a factory a what-if reads: pipelines by name (their texts), v1 datasets'
//! availability, and the factory's global parameters.

use crate::eval::value::{from_ast, Value};
use crate::json;
use adf_syntax::ast::Value as Json;

/// A v1 dataset's facts a what-if reads.
#[derive(Debug, Clone, PartialEq)]
pub(super) struct Dataset {
    /// Its name.
    pub name: String,
    /// `availability.frequency` and `availability.interval`.
    pub availability: Option<(String, i64)>,
    /// `external: true`: produced outside the factory.
    pub external: bool,
}

/// Pipelines, v1 datasets and global parameters of the files given.
#[derive(Debug, Default)]
pub struct Factory<'t> {
    pipelines: Vec<(String, &'t str)>,
    pub(super) datasets: Vec<Dataset>,
    pub(super) globals: Vec<(String, Value)>,
}

impl<'t> Factory<'t> {
    /// Reads every text; those that are not JSON objects or not one of the kinds above are
    /// left out.
    pub fn read(texts: &[&'t str]) -> Self {
        let mut factory = Factory::default();
        for text in texts {
            let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
            let Some(Json::Object(root)) = &parsed.value else {
                continue;
            };
            let Some(props) = json::get_obj(root, "properties") else {
                continue;
            };
            let name = json::get_str(root, "name").unwrap_or("").to_string();
            if matches!(
                json::get(props, "activities").map(|p| &p.value),
                Some(Json::Array(_))
            ) {
                if !name.is_empty() {
                    factory.pipelines.push((name, text));
                }
                continue;
            }
            if let Some(globals) = json::get_obj(props, "globalParameters") {
                for p in json::live(globals) {
                    if let Json::Object(decl) = &p.value {
                        if let Some(v) = json::get(decl, "value") {
                            factory
                                .globals
                                .push((json::name(p).to_string(), from_ast(&v.value)));
                        }
                    }
                }
                continue;
            }
            let availability = json::get_obj(props, "availability").and_then(|a| {
                let frequency = json::get_str(a, "frequency")?.to_string();
                let interval = match json::get(a, "interval").map(|p| &p.value) {
                    Some(Json::NumberLit(n)) => n.value.parse().ok()?,
                    _ => 1,
                };
                Some((frequency, interval))
            });
            if !name.is_empty() && availability.is_some() {
                let external = matches!(
                    json::get(props, "external").map(|p| &p.value),
                    Some(Json::BooleanLit(b)) if b.value
                );
                factory.datasets.push(Dataset {
                    name,
                    availability,
                    external,
                });
            }
        }
        factory
    }

    /// The pipeline named `name`: exact spelling first, then any case.
    pub fn pipeline(&self, name: &str) -> Option<(&str, &'t str)> {
        self.pipelines
            .iter()
            .find(|(n, _)| n == name)
            .or_else(|| {
                self.pipelines
                    .iter()
                    .find(|(n, _)| n.eq_ignore_ascii_case(name))
            })
            .map(|(n, t)| (n.as_str(), *t))
    }

    /// The names of the pipelines, sorted.
    pub fn pipeline_names(&self) -> Vec<String> {
        let mut names: Vec<String> = self.pipelines.iter().map(|(n, _)| n.clone()).collect();
        names.sort();
        names
    }

    /// A v1 dataset by name (any case).
    pub(super) fn dataset(&self, name: &str) -> Option<&Dataset> {
        self.datasets
            .iter()
            .find(|d| d.name.eq_ignore_ascii_case(name))
    }
}
