//! The dependency graph (trigger → pipeline → activity → dataset → linked service → integration
//! runtime) built from the models the workspace holds, as `adf graph` builds it from disk.

use crate::convert::entity_kind;
use crate::types::{Graph, GraphEdge, GraphNode};
use adf_core::{FileModel, Workspace};
use std::collections::{BTreeMap, BTreeSet};

#[derive(Default)]
struct Builder {
    nodes: BTreeMap<String, GraphNode>,
    edges: BTreeSet<GraphEdge>,
}

impl Builder {
    /// The id of a node, added when new; a definition fills in the path of a referenced one.
    fn node(
        &mut self,
        root: &str,
        kind: &'static str,
        name: &str,
        pipeline: Option<&str>,
        path: Option<&str>,
    ) -> String {
        // ADF names are case-insensitive and unique per kind per factory.
        let key = match pipeline {
            Some(p) => format!("{p}/{name}"),
            None => name.to_string(),
        };
        let id = format!("{root}|{kind}|{}", key.to_lowercase());
        let node = self.nodes.entry(id.clone()).or_insert_with(|| GraphNode {
            id: id.clone(),
            kind,
            name: name.to_string(),
            path: None,
            root: root.to_string(),
            pipeline: pipeline.map(str::to_string),
        });
        if node.path.is_none() {
            node.path = path.map(str::to_string);
        }
        id
    }

    fn edge(&mut self, from: &str, to: &str) {
        self.edges.insert(GraphEdge {
            from: from.to_string(),
            to: to.to_string(),
        });
    }

    fn add_model(&mut self, root: &str, model: &FileModel) {
        let path = Some(model.path.as_str());
        let mut entity_ids = Vec::new();
        let mut activity_ids = Vec::new();
        for e in &model.entities {
            let id = self.node(root, entity_kind(e.kind), &e.name, None, path);
            let acts: Vec<String> = e
                .activities
                .iter()
                .map(|a| self.node(root, "Activity", &a.name, Some(&e.name), path))
                .collect();
            for (a, act) in e.activities.iter().zip(&acts) {
                let parent = a.parent.and_then(|p| acts.get(p)).unwrap_or(&id).clone();
                self.edge(&parent, act);
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
            let to = self.node(root, entity_kind(r.target), &r.name, None, None);
            self.edge(&from, &to);
        }
    }
}

/// The graph of every file of the workspace.
pub fn build(ws: &Workspace) -> Graph {
    let mut paths: Vec<&str> = ws
        .file_ids()
        .into_iter()
        .filter_map(|id| ws.path(id))
        .collect();
    paths.sort_unstable();
    let mut b = Builder::default();
    for path in paths {
        let Some(model) = ws.model(path) else {
            continue;
        };
        if model.entities.is_empty() {
            continue;
        }
        let root = ws.layout().factory_root(path).unwrap_or("");
        b.add_model(root, model);
    }
    Graph {
        nodes: b.nodes.into_values().collect(),
        edges: b.edges.into_iter().collect(),
    }
}
