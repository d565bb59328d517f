//! The dependency graph of the factories a workspace holds (trigger → pipeline → activity →
//! dataset → linked service → integration runtime) as plain nodes and edges, for every host to
//! render its own way. It is built from the files that belong to the factory only, so a file an
//! `adf.toml` excludes contributes no node and no edge in any host.

use crate::check::CheckOptions;
use crate::layout::Layout;
use crate::model::build;
use crate::model::{FileModel, Role};
use crate::steps::step;
use crate::{TextRange, Workspace};
use adf_catalog::EntityKind;
use adf_syntax::LineIndex;
use serde::Serialize;
use std::collections::{BTreeMap, BTreeSet, VecDeque};

/// A node: an entity, or an activity of a pipeline (kind [`EntityKind::Activity`]).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Node {
    /// Stable key: factory root, kind and lower-case name (`pipeline/activity` for activities).
    pub id: String,
    /// The entity kind, or [`EntityKind::Activity`].
    pub kind: EntityKind,
    /// The name as first seen (a definition wins over a reference).
    pub name: String,
    /// The factory root it belongs to: names are unique per factory only.
    pub root: String,
    /// For an activity: its pipeline.
    pub pipeline: Option<String>,
    /// The file that defines it; `None` when it is only referenced (missing).
    pub path: Option<String>,
    /// Where its name is written in `path`.
    pub range: Option<TextRange>,
}

impl Node {
    /// Whether a file defines it (an unresolved reference target is not defined).
    pub fn is_defined(&self) -> bool {
        self.path.is_some()
    }
}

/// What an edge stands for.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Link {
    /// A pipeline (or container activity) holds the activity.
    Contains,
    /// A reference, by where it is written.
    Reference(Role),
}

impl Link {
    /// A stable camelCase name, for machine-readable output.
    pub fn name(self) -> &'static str {
        match self {
            Link::Contains => "contains",
            Link::Reference(role) => match role {
                Role::DatasetLinkedService => "datasetLinkedService",
                Role::ActivityLinkedService => "activityLinkedService",
                Role::ActivityInput => "activityInput",
                Role::ActivityOutput => "activityOutput",
                Role::KeyVaultStore => "keyVaultStore",
                Role::ConnectVia => "connectVia",
                Role::ExecutePipeline => "executePipeline",
                Role::TriggerPipeline => "triggerPipeline",
                Role::WebService => "webService",
                Role::Other => "reference",
            },
        }
    }
}

/// A dependency: `from` references (or contains) `to`.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct Edge {
    /// The id of the node that depends.
    pub from: String,
    /// The id of the node depended on.
    pub to: String,
    /// What the dependency is.
    pub link: Link,
}

/// The dependency graph of every factory given.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Graph {
    /// Nodes sorted by id.
    pub nodes: Vec<Node>,
    /// Edges sorted, each (from, to, link) once.
    pub edges: Vec<Edge>,
}

impl Graph {
    /// The graph of the files a workspace holds.
    pub fn of(ws: &Workspace) -> Graph {
        let mut paths: Vec<&str> = ws
            .file_ids()
            .into_iter()
            .filter_map(|id| ws.path(id))
            .collect();
        paths.sort_unstable();
        Graph::from_models(ws.layout(), paths.into_iter().filter_map(|p| ws.model(p)))
    }

    /// The graph of files read once, without checking them (a one-shot host such as
    /// `adf graph`): `joins` are the folder groups `[[factory]]` makes one factory each, in the
    /// form of the paths given. The caller leaves out what the configurations exclude.
    pub fn load(
        options: &CheckOptions,
        joins: &[Vec<String>],
        files: &[(String, String)],
    ) -> Graph {
        let mut classes = Vec::new();
        let mut steps = Vec::new();
        for (path, text) in files {
            let (class, step) = build::model_early(path, text, options);
            classes.push((path.as_str(), class));
            steps.push(step);
        }
        let layout = Layout::with_joins(classes, joins);
        let mut models = build::finish(steps, &layout);
        models.sort_by(|a, b| a.path.cmp(&b.path));
        Graph::from_models(&layout, models.iter())
    }

    fn from_models<'m>(layout: &Layout, models: impl IntoIterator<Item = &'m FileModel>) -> Graph {
        let mut b = Builder::default();
        for model in models {
            if model.entities.is_empty() {
                continue;
            }
            let root = layout.factory_root(&model.path).unwrap_or("");
            b.add_model(root, model);
        }
        Graph {
            nodes: b.nodes.into_values().collect(),
            edges: b.edges.into_iter().collect(),
        }
    }

    /// Only what the entities named `name` (case-insensitive, any kind but activities) lead
    /// to; `None` when no entity has that name.
    pub fn rooted(&self, name: &str) -> Option<Graph> {
        let mut seen: BTreeSet<&str> = self
            .nodes
            .iter()
            .filter(|n| n.kind != EntityKind::Activity && n.name.eq_ignore_ascii_case(name))
            .map(|n| n.id.as_str())
            .collect();
        if seen.is_empty() {
            return None;
        }
        // Adjacency lists, so that the walk reads each edge once (not every edge per node).
        let mut next: BTreeMap<&str, Vec<&str>> = BTreeMap::new();
        for e in &self.edges {
            step(1);
            next.entry(e.from.as_str()).or_default().push(e.to.as_str());
        }
        let mut queue: VecDeque<&str> = seen.iter().copied().collect();
        while let Some(id) = queue.pop_front() {
            for to in next.get(id).into_iter().flatten() {
                step(1);
                if seen.insert(to) {
                    queue.push_back(to);
                }
            }
        }
        Some(Graph {
            nodes: self
                .nodes
                .iter()
                .filter(|n| seen.contains(n.id.as_str()))
                .cloned()
                .collect(),
            edges: self
                .edges
                .iter()
                .filter(|e| seen.contains(e.from.as_str()) && seen.contains(e.to.as_str()))
                .cloned()
                .collect(),
        })
    }
}

/// The graph as every host hands it out (`adf graph --format json`, the wasm package's
/// `graph()`), so that both print the same object for the same factory.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize)]
pub struct Plain {
    /// Nodes sorted by id.
    pub nodes: Vec<PlainNode>,
    /// Edges sorted, each (from, to, link) once.
    pub edges: Vec<PlainEdge>,
}

/// A node of [`Plain`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainNode {
    /// Stable key: factory root, kind and lower-case name (`pipeline/activity` for activities).
    pub id: String,
    /// The entity kind, or [`EntityKind::Activity`]; written as [`EntityKind::name`].
    #[serde(serialize_with = "kind_name")]
    pub kind: EntityKind,
    /// The name as defined (as first referenced when nothing defines it).
    pub name: String,
    /// The factory root it belongs to.
    pub root: String,
    /// For an activity: its pipeline.
    pub pipeline: Option<String>,
    /// The file that defines it, as the host gave it; `None` when only referenced (missing).
    pub path: Option<String>,
    /// Where its name (the string, quotes included) is written in `path`; `None` when `path`
    /// is, or when the host has no text for it.
    pub range: Option<PlainRange>,
}

/// An edge of [`Plain`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct PlainEdge {
    /// The id of the node that depends.
    pub from: String,
    /// The id of the node depended on.
    pub to: String,
    /// What the dependency is; written as [`Link::name`].
    #[serde(serialize_with = "link_name")]
    pub link: Link,
}

/// A half-open range of [`PlainPosition`]s.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlainRange {
    /// Where it starts.
    pub start: PlainPosition,
    /// Just past its end.
    pub end: PlainPosition,
}

/// A zero-based line and column in UTF-16 code units: editors' positions, which every host
/// that shows the graph can use as they are.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
pub struct PlainPosition {
    /// Zero-based line.
    pub line: u32,
    /// Zero-based column in UTF-16 code units.
    pub character: u32,
}

fn link_name<S: serde::Serializer>(link: &Link, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(link.name())
}

fn kind_name<S: serde::Serializer>(kind: &EntityKind, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(kind.name())
}

impl Graph {
    /// The graph as plain data, name ranges converted with the text of each defining file
    /// (`text` gives it by path; a file without text gives nodes without range).
    pub fn plain<'t>(&self, text: impl Fn(&str) -> Option<&'t str>) -> Plain {
        let mut indexes: BTreeMap<&str, Option<(&'t str, LineIndex)>> = BTreeMap::new();
        let nodes = self
            .nodes
            .iter()
            .map(|n| {
                let range = n.path.as_deref().zip(n.range).and_then(|(path, range)| {
                    let (text, index) = indexes
                        .entry(path)
                        .or_insert_with(|| text(path).map(|t| (t, LineIndex::new(t))))
                        .as_ref()?;
                    let at = |offset| {
                        let lc = index.to_utf16(text, offset);
                        PlainPosition {
                            line: lc.line,
                            character: lc.col,
                        }
                    };
                    Some(PlainRange {
                        start: at(range.start),
                        end: at(range.end),
                    })
                });
                PlainNode {
                    id: n.id.clone(),
                    kind: n.kind,
                    name: n.name.clone(),
                    root: n.root.clone(),
                    pipeline: n.pipeline.clone(),
                    path: n.path.clone(),
                    range,
                }
            })
            .collect();
        let edges = self
            .edges
            .iter()
            .map(|e| PlainEdge {
                from: e.from.clone(),
                to: e.to.clone(),
                link: e.link,
            })
            .collect();
        Plain { nodes, edges }
    }
}

#[derive(Default)]
struct Builder {
    nodes: BTreeMap<String, Node>,
    edges: BTreeSet<Edge>,
}

/// Where a node is defined.
struct Site<'m> {
    path: &'m str,
    range: TextRange,
}

impl Builder {
    /// The id of a node, added when new; a definition fills in the place of a referenced one.
    fn node(
        &mut self,
        root: &str,
        kind: EntityKind,
        name: &str,
        pipeline: Option<&str>,
        site: Option<Site<'_>>,
    ) -> String {
        // ADF names are case-insensitive and unique per kind per factory.
        let key = match pipeline {
            Some(p) => format!("{p}/{name}"),
            None => name.to_string(),
        };
        let id = format!("{root}|{}|{}", kind.name(), key.to_lowercase());
        let node = self.nodes.entry(id.clone()).or_insert_with(|| Node {
            id: id.clone(),
            kind,
            name: name.to_string(),
            root: root.to_string(),
            pipeline: pipeline.map(str::to_string),
            path: None,
            range: None,
        });
        if let Some(site) = site.filter(|_| node.path.is_none()) {
            name.clone_into(&mut node.name);
            node.path = Some(site.path.to_string());
            node.range = Some(site.range);
        }
        id
    }

    fn add_model(&mut self, root: &str, model: &FileModel) {
        let path = model.path.as_str();
        let mut entity_ids = Vec::new();
        let mut activity_ids = Vec::new();
        for e in &model.entities {
            let site = Site {
                path,
                range: e.name_range,
            };
            let id = self.node(root, e.kind, &e.name, None, Some(site));
            let acts: Vec<String> = e
                .activities
                .iter()
                .map(|a| {
                    let site = Site {
                        path,
                        range: a.name_range,
                    };
                    self.node(
                        root,
                        EntityKind::Activity,
                        &a.name,
                        Some(&e.name),
                        Some(site),
                    )
                })
                .collect();
            for (a, act) in e.activities.iter().zip(&acts) {
                let parent = a.parent.and_then(|p| acts.get(p)).unwrap_or(&id);
                self.edges.insert(Edge {
                    from: parent.clone(),
                    to: act.clone(),
                    link: Link::Contains,
                });
            }
            entity_ids.push(id);
            activity_ids.push(acts);
        }
        for r in &model.refs {
            let Some(from) = entity_ids.get(r.entity) else {
                continue;
            };
            let from = r
                .activity
                .and_then(|a| activity_ids.get(r.entity)?.get(a))
                .unwrap_or(from)
                .clone();
            let to = self.node(root, r.target, &r.name, None, None);
            self.edges.insert(Edge {
                from,
                to,
                link: Link::Reference(r.role),
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::{Config, ConfigSet};
    use crate::{fixture, Project};

    const FACTORY: &str = r#"
//- f/trigger/Daily.json
{"name": "Daily", "properties": {"type": "ScheduleTrigger", "pipelines": [{"pipelineReference": {"referenceName": "Copy", "type": "PipelineReference"}}],
 "typeProperties": {"recurrence": {"frequency": "Day", "interval": 1, "startTime": "2024-01-01T00:00:00Z"}}}}
//- f/pipeline/Copy.json
{"name": "Copy", "properties": {"activities": [{"name": "Read", "type": "GetMetadata", "typeProperties": {"fieldList": ["size"],
 "dataset": {"referenceName": "Sales", "type": "DatasetReference"}}}]}}
//- f/dataset/Sales.json
{"name": "Sales", "properties": {"type": "Binary", "linkedServiceName": {"referenceName": "Store", "type": "LinkedServiceReference"},
 "typeProperties": {"location": {"type": "AzureBlobStorageLocation", "container": "c"}}}}
//- f/linkedService/Other.json
{"name": "Other", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://o.blob.core.windows.net"}}}
"#;

    fn project(fixture_text: &str, exclude: Option<&str>) -> Project {
        let configs = match exclude {
            Some(glob) => {
                let config = Config::parse(&format!("exclude = [\"{glob}\"]")).expect("config");
                ConfigSet::new([(String::new(), config)])
            }
            None => ConfigSet::default(),
        };
        let mut loader = Project::loader(CheckOptions::default(), configs);
        for (path, text) in fixture::parse(fixture_text).files {
            loader.add(path, text);
        }
        loader.finish()
    }

    fn node<'g>(g: &'g Graph, id: &str) -> Option<&'g Node> {
        g.nodes.iter().find(|n| n.id == id)
    }

    fn links(g: &Graph) -> Vec<(&str, &str, &str)> {
        g.edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.link.name()))
            .collect()
    }

    #[test]
    fn edges_run_from_trigger_to_linked_service_and_a_missing_target_has_no_file() {
        let g = project(FACTORY, None).graph();
        assert_eq!(
            links(&g),
            [
                (
                    "f|Dataset|sales",
                    "f|LinkedService|store",
                    "datasetLinkedService"
                ),
                ("f|Pipeline|copy", "f|Activity|copy/read", "contains"),
                ("f|Trigger|daily", "f|Pipeline|copy", "triggerPipeline"),
                ("f|Activity|copy/read", "f|Dataset|sales", "reference"),
            ]
            .into_iter()
            .collect::<BTreeSet<_>>()
            .into_iter()
            .collect::<Vec<_>>()
        );
        let store = node(&g, "f|LinkedService|store").expect("the missing target is a node");
        assert!(!store.is_defined());
        assert_eq!(store.range, None);
        let read = node(&g, "f|Activity|copy/read").expect("activity");
        assert_eq!(read.pipeline.as_deref(), Some("Copy"));
        assert_eq!(read.path.as_deref(), Some("f/pipeline/Copy.json"));
        let other = node(&g, "f|LinkedService|other").expect("defined, unreferenced");
        let text = fixture::parse(FACTORY).files[3].1.clone();
        let range = other.range.expect("a defined node has its name's range");
        assert_eq!(&text[range.start..range.end], "\"Other\"");
    }

    #[test]
    fn reading_once_gives_the_graph_of_the_workspace() {
        let files = fixture::parse(FACTORY).files;
        assert_eq!(
            Graph::load(&CheckOptions::default(), &[], &files),
            project(FACTORY, None).graph()
        );
    }

    #[test]
    fn an_excluded_file_gives_no_node_and_no_edge() {
        let with_store = format!(
            "{FACTORY}//- f/linkedService/Store.json\n{}\n",
            r#"{"name": "Store", "properties": {"type": "AzureBlobStorage", "typeProperties": {"serviceEndpoint": "https://s.blob.core.windows.net"}}}"#
        );
        // Included, the linked service is defined ...
        let g = project(&with_store, None).graph();
        let store = node(&g, "f|LinkedService|store").expect("node");
        assert_eq!(store.path.as_deref(), Some("f/linkedService/Store.json"));
        // ... excluded, it is only a name the dataset gives.
        let g = project(&with_store, Some("f/linkedService/Store.json")).graph();
        assert!(node(&g, "f|LinkedService|store").is_some_and(|n| !n.is_defined()));
        // An excluded referrer takes its edges along.
        let g = project(&with_store, Some("f/trigger/*.json")).graph();
        assert!(node(&g, "f|Trigger|daily").is_none());
        assert!(g.edges.iter().all(|e| !e.from.starts_with("f|Trigger|")));
        assert!(g
            .nodes
            .iter()
            .all(|n| n.path.as_deref() != Some("f/trigger/Daily.json")));
    }

    /// A factory of `n` pipelines, each running the next, with one dataset each.
    fn pipelines_in_a_row(n: usize) -> Graph {
        let mut g = Graph::default();
        for i in 0..n {
            for (kind, id) in [
                (EntityKind::Pipeline, format!("f|Pipeline|p{i}")),
                (EntityKind::Dataset, format!("f|Dataset|d{i}")),
            ] {
                g.nodes.push(Node {
                    name: id.rsplit('|').next().unwrap_or("").to_string(),
                    id,
                    kind,
                    root: "f".into(),
                    pipeline: None,
                    path: None,
                    range: None,
                });
            }
            let edge = |to: String, link| Edge {
                from: format!("f|Pipeline|p{i}"),
                to,
                link,
            };
            g.edges.push(edge(
                format!("f|Dataset|d{i}"),
                Link::Reference(Role::Other),
            ));
            if i + 1 < n {
                g.edges.push(edge(
                    format!("f|Pipeline|p{}", i + 1),
                    Link::Reference(Role::ExecutePipeline),
                ));
            }
        }
        g
    }

    #[test]
    fn rooted_reads_each_edge_once() {
        let run = |n| crate::steps::counted(|| pipelines_in_a_row(n).rooted("p0"));
        let (small, small_steps) = run(2_000);
        let (large, large_steps) = run(4_000);
        assert_eq!(small.map(|g| g.nodes.len()), Some(4_000));
        assert_eq!(
            large.map(|g| (g.nodes.len(), g.edges.len())),
            Some((8_000, 7_999))
        );
        assert!(
            large_steps * 10 <= small_steps * 22,
            "{small_steps} steps for 2 000 pipelines, {large_steps} for 4 000"
        );
    }

    #[test]
    fn plain_ranges_are_utf16_positions_of_the_name() {
        let files = fixture::parse(FACTORY).files;
        // An astral character (two UTF-16 units) before the name on its line.
        let other =
            r#"{"description": "📦", "name": "Other", "properties": {"type": "AzureBlobStorage"}}"#;
        let mut files: Vec<(String, String)> = files
            .into_iter()
            .filter(|(p, _)| !p.ends_with("Other.json"))
            .collect();
        files.push(("f/linkedService/Other.json".into(), format!("\n{other}")));
        let g = Graph::load(&CheckOptions::default(), &[], &files);
        let text = |p: &str| files.iter().find(|f| f.0 == p).map(|f| f.1.as_str());
        let plain = g.plain(text);
        let node = |id: &str| plain.nodes.iter().find(|n| n.id == id);
        let at = |line, character| PlainPosition { line, character };
        let name_at = other.find("\"Other\"").unwrap_or(0);
        // `📦` is four bytes and two UTF-16 units: the column is two less than the byte's.
        let column = u32::try_from(name_at).unwrap_or(0) - 2;
        assert_eq!(
            node("f|LinkedService|other").and_then(|n| n.range),
            Some(PlainRange {
                start: at(1, column),
                end: at(1, column + 7)
            })
        );
        assert_eq!(
            node("f|LinkedService|other").map(|n| n.kind),
            Some(EntityKind::LinkedService)
        );
        // A missing target, or a file the host has no text of, has no range.
        assert_eq!(node("f|LinkedService|store").map(|n| n.range), Some(None));
        assert!(g.plain(|_| None).nodes.iter().all(|n| n.range.is_none()));
        let links: Vec<(&str, &str, &str)> = plain
            .edges
            .iter()
            .map(|e| (e.from.as_str(), e.to.as_str(), e.link.name()))
            .collect();
        assert!(links.contains(&("f|Trigger|daily", "f|Pipeline|copy", "triggerPipeline")));
    }

    #[test]
    fn rooted_keeps_what_an_entity_leads_to() {
        let g = project(FACTORY, None).graph();
        let from_sales = g.rooted("SALES").expect("Sales exists");
        let ids: Vec<&str> = from_sales.nodes.iter().map(|n| n.id.as_str()).collect();
        assert_eq!(ids, ["f|Dataset|sales", "f|LinkedService|store"]);
        assert_eq!(from_sales.edges.len(), 1);
        assert_eq!(g.rooted("Daily").map(|r| r.nodes.len()), Some(5));
        // Activities are not roots; unknown names give nothing.
        assert_eq!(g.rooted("Read"), None);
        assert_eq!(g.rooted("Nobody"), None);
    }
}
