//! `adf graph`: the dependency graph of the factories below the paths (built by the core, with
//! the files `adf.toml` excludes left out as `adf check` leaves them out), rendered as Graphviz
//! dot, Mermaid or JSON.

use crate::check;
use adf_core::graph::{Graph, Node};
use adf_core::CheckOptions;
use adf_host::files;
use adf_host::fs::FileSystem;
use std::collections::{BTreeMap, BTreeSet};

/// Graph output formats.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum GraphFormat {
    /// Graphviz dot.
    Dot,
    /// A Mermaid flowchart.
    Mermaid,
    /// One JSON object: nodes and edges (docs/cli.md).
    Json,
}

/// What `adf graph` was asked for.
pub struct GraphArgs<'a> {
    /// Files or folders.
    pub paths: &'a [String],
    /// Output format.
    pub format: GraphFormat,
    /// Only what this entity leads to.
    pub root: Option<&'a str>,
    /// The configuration for every file instead of the nearest `adf.toml`.
    pub config: Option<&'a str>,
}

/// Reads the factories below the paths and renders their graph.
pub fn render(fs: &dyn FileSystem, args: &GraphArgs<'_>) -> Result<String, String> {
    // Files the walk could not list are left out here; `adf check` reports them.
    let (mut targets, _) = check::walk(fs, args.paths, adf_host::fs::DEFAULT_MAX_FILES)?;
    let configs = check::configs(fs, args.config, &targets).map_err(|t| t.message())?;
    targets.retain(|t| !configs.excludes(&t.absolute));
    let joins = check::displayed_joins(&configs, &targets);
    // Unreadable files are left out too, for the same reason.
    let texts: Vec<(String, String)> = targets
        .iter()
        .filter_map(|t| Some((t.display.clone(), files::load(fs, &t.path).ok()?)))
        .collect();
    let graph = Graph::load(&CheckOptions::default(), &joins, &texts);
    if graph.nodes.is_empty() {
        return Err(format!(
            "no Data Factory entities found in {}",
            args.paths.join(", ")
        ));
    }
    let graph = match args.root {
        Some(name) => graph
            .rooted(name)
            .ok_or_else(|| format!("no entity named `{name}` in the factories checked"))?,
        None => graph,
    };
    // Names come from the files, and a pipeline step's log is read by the Azure Pipelines agent.
    use crate::output::azure_devops::{defuse, defuse_json};
    Ok(match args.format {
        GraphFormat::Dot => defuse(&dot(&graph)),
        GraphFormat::Mermaid => defuse(&mermaid(&graph)),
        GraphFormat::Json => defuse_json(&json(&graph, &texts)),
    })
}

/// Short ids for the drawing formats, in node order.
fn short_ids(g: &Graph) -> BTreeMap<&str, String> {
    g.nodes
        .iter()
        .enumerate()
        .map(|(i, n)| (n.id.as_str(), format!("n{i}")))
        .collect()
}

/// The drawing formats show one arrow per pair of nodes, whatever the references are.
fn arrows(g: &Graph) -> BTreeSet<(&str, &str)> {
    g.edges
        .iter()
        .map(|e| (e.from.as_str(), e.to.as_str()))
        .collect()
}

fn label(n: &Node) -> String {
    let missing = if n.is_defined() { "" } else { " (missing)" };
    format!("{}: {}{missing}", n.kind.name(), n.name)
}

fn dot(g: &Graph) -> String {
    let ids = short_ids(g);
    let mut out = String::from("digraph adf {\n  rankdir=LR;\n  node [shape=box];\n");
    for n in &g.nodes {
        let id = ids.get(n.id.as_str()).map_or("", String::as_str);
        let style = if n.is_defined() { "" } else { ", style=dashed" };
        let label = label(n).replace('\\', "\\\\").replace('"', "\\\"");
        out.push_str(&format!("  {id} [label=\"{label}\"{style}];\n"));
    }
    for (a, b) in arrows(g) {
        if let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) {
            out.push_str(&format!("  {x} -> {y};\n"));
        }
    }
    out.push_str("}\n");
    out
}

fn mermaid(g: &Graph) -> String {
    let ids = short_ids(g);
    let mut out = String::from("flowchart LR\n");
    for n in &g.nodes {
        let id = ids.get(n.id.as_str()).map_or("", String::as_str);
        let label = label(n).replace('"', "#quot;");
        out.push_str(&format!("  {id}[\"{label}\"]\n"));
    }
    for (a, b) in arrows(g) {
        if let (Some(x), Some(y)) = (ids.get(a), ids.get(b)) {
            out.push_str(&format!("  {x} --> {y}\n"));
        }
    }
    out
}

/// `--format json`: the core's plain graph, the object the wasm package's `graph()` returns.
fn json(g: &Graph, texts: &[(String, String)]) -> String {
    let texts: BTreeMap<&str, &str> = texts
        .iter()
        .map(|(p, t)| (p.as_str(), t.as_str()))
        .collect();
    let plain = g.plain(|path| texts.get(path).copied());
    serde_json::to_string_pretty(&plain).unwrap_or_default() + "\n"
}
