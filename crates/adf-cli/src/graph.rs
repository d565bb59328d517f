//! `adf graph`: the dependency graph of the factories below the paths (trigger -> pipeline ->
//! activity -> dataset -> linked service -> integration runtime), as Graphviz dot or Mermaid,
//! optionally only what one entity leads to.

use adf_core::{CheckOptions, FileModel, Layout};
use adf_host::files;
use adf_host::fs::FileSystem;
use std::collections::{BTreeMap, BTreeSet, VecDeque};
use std::path::Path;

/// Graph output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
}

/// A node: an entity, or an activity inside a pipeline.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
struct Node {
    /// The factory root it belongs to (names are unique per factory only).
    root: String,
    /// `Pipeline`, `Dataset`, ..., or `Activity`.
    kind: String,
    /// Lower-case key: the name, for activities `pipeline/activity`.
    key: String,
}

#[derive(Default)]
struct Graph {
    /// Node -> (label, defined in a file).
    nodes: BTreeMap<Node, (String, bool)>,
    edges: BTreeSet<(Node, Node)>,
}

impl Graph {
    fn node(&mut self, root: &str, kind: &str, key: &str, label: &str, defined: bool) -> Node {
        let n = Node {
            root: root.to_string(),
            kind: kind.to_string(),
            key: key.to_lowercase(),
        };
        let entry = self
            .nodes
            .entry(n.clone())
            .or_insert_with(|| (label.to_string(), defined));
        entry.1 |= defined;
        n
    }

    fn add_model(&mut self, root: &str, model: &FileModel) {
        let mut entity_nodes = Vec::new();
        let mut activity_nodes = Vec::new();
        for e in &model.entities {
            let kind = format!("{:?}", e.kind);
            let n = self.node(root, &kind, &e.name, &e.name, true);
            let acts: Vec<Node> = e
                .activities
                .iter()
                .map(|a| {
                    let key = format!("{}/{}", e.name, a.name);
                    self.node(root, "Activity", &key, &a.name, true)
                })
                .collect();
            for (a, an) in e.activities.iter().zip(&acts) {
                let parent = a.parent.and_then(|p| acts.get(p)).unwrap_or(&n);
                self.edges.insert((parent.clone(), an.clone()));
            }
            entity_nodes.push(n);
            activity_nodes.push(acts);
        }
        for r in &model.refs {
            let Some(from) = entity_nodes.get(r.entity) else {
                continue;
            };
            let from = r
                .activity
                .and_then(|a| activity_nodes.get(r.entity)?.get(a))
                .unwrap_or(from)
                .clone();
            let kind = format!("{:?}", r.target);
            let to = self.node(root, &kind, &r.name, &r.name, false);
            self.edges.insert((from, to));
        }
    }

    /// Keeps only what the named entities lead to.
    fn rooted(self, name: &str) -> Result<Graph, String> {
        let starts: Vec<Node> = self
            .nodes
            .iter()
            .filter(|(n, (label, _))| n.kind != "Activity" && label.eq_ignore_ascii_case(name))
            .map(|(n, _)| n.clone())
            .collect();
        if starts.is_empty() {
            return Err(format!("no entity named `{name}` in the factories checked"));
        }
        let mut seen: BTreeSet<Node> = starts.iter().cloned().collect();
        let mut queue: VecDeque<Node> = starts.into_iter().collect();
        while let Some(n) = queue.pop_front() {
            for (a, b) in &self.edges {
                if *a == n && seen.insert(b.clone()) {
                    queue.push_back(b.clone());
                }
            }
        }
        Ok(Graph {
            nodes: self
                .nodes
                .into_iter()
                .filter(|(n, _)| seen.contains(n))
                .collect(),
            edges: self
                .edges
                .into_iter()
                .filter(|(a, b)| seen.contains(a) && seen.contains(b))
                .collect(),
        })
    }

    fn ids(&self) -> BTreeMap<&Node, String> {
        self.nodes
            .keys()
            .enumerate()
            .map(|(i, n)| (n, format!("n{i}")))
            .collect()
    }

    fn label(&self, n: &Node) -> String {
        let (name, defined) = self.nodes.get(n).cloned().unwrap_or_default();
        let missing = if defined { "" } else { " (missing)" };
        format!("{}: {name}{missing}", n.kind)
    }

    fn dot(&self) -> String {
        let ids = self.ids();
        let mut out = String::from("digraph adf {\n  rankdir=LR;\n  node [shape=box];\n");
        for (n, id) in &ids {
            let style = if self.nodes.get(*n).is_some_and(|(_, d)| *d) {
                ""
            } else {
                ", style=dashed"
            };
            let label = self.label(n).replace('\\', "\\\\").replace('"', "\\\"");
            out.push_str(&format!("  {id} [label=\"{label}\"{style}];\n"));
        }
        for (a, b) in &self.edges {
            if let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) {
                out.push_str(&format!("  {x} -> {y};\n"));
            }
        }
        out.push_str("}\n");
        out
    }

    fn mermaid(&self) -> String {
        let ids = self.ids();
        let mut out = String::from("flowchart LR\n");
        for (n, id) in &ids {
            let label = self.label(n).replace('"', "#quot;");
            out.push_str(&format!("  {id}[\"{label}\"]\n"));
        }
        for (a, b) in &self.edges {
            if let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) {
                out.push_str(&format!("  {x} --> {y}\n"));
            }
        }
        out
    }
}

/// Reads the factories below the paths and renders their graph.
pub fn render(
    fs: &dyn FileSystem,
    paths: &[String],
    format: GraphFormat,
    root: Option<&str>,
) -> Result<String, String> {
    let mut found = Vec::new();
    for p in paths {
        if !fs.exists(Path::new(p)) {
            return Err(format!("path `{p}` does not exist"));
        }
        found.extend(fs.walk(Path::new(p)).into_iter().flatten());
    }
    // Unreadable files are left out here; `adf check` reports them.
    let texts: Vec<(String, String)> = found
        .iter()
        .filter_map(|p| Some((files::display(p), files::load(fs, p).ok()?)))
        .collect();
    let options = CheckOptions::default();
    let mut classes = Vec::new();
    let mut steps = Vec::new();
    for (path, text) in &texts {
        let (class, step) = adf_core::model_early(path, text, &options);
        classes.push((path.as_str(), class));
        steps.push(step);
    }
    let layout = Layout::new(classes);
    let models = adf_core::finish(steps, &layout);
    let mut graph = Graph::default();
    for m in &models {
        if m.entities.is_empty() {
            continue;
        }
        let root = layout.factory_root(&m.path).unwrap_or("").to_string();
        graph.add_model(&root, m);
    }
    if graph.nodes.is_empty() {
        return Err(format!(
            "no Data Factory entities found in {}",
            paths.join(", ")
        ));
    }
    let graph = match root {
        Some(name) => graph.rooted(name)?,
        None => graph,
    };
    Ok(match format {
        GraphFormat::Dot => graph.dot(),
        GraphFormat::Mermaid => graph.mermaid(),
    })
}
