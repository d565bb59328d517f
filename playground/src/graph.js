// The dependency graph as an SVG laid out here: one column per kind (triggers, pipelines, data
// flows, datasets, linked services, integration runtimes ...), nodes ordered inside a column by the
// mean place of their neighbours (a few barycentre sweeps keep edges from crossing much).
// Activities are folded into their pipeline: an activity's dependencies become the pipeline's.

const SVG = "http://www.w3.org/2000/svg";
const RANK = {
  Trigger: 0,
  Pipeline: 1,
  ChangeDataCapture: 1,
  DataFlow: 2,
  Dataset: 3,
  LinkedService: 4,
  Credential: 5,
  IntegrationRuntime: 5,
  ManagedVirtualNetwork: 6,
  ManagedPrivateEndpoint: 6,
  Factory: 7,
  GlobalParameters: 7,
};
const LABEL = {
  Trigger: "triggers",
  Pipeline: "pipelines",
  DataFlow: "data flows",
  Dataset: "datasets",
  LinkedService: "linked services",
  IntegrationRuntime: "integration runtimes",
  Credential: "credentials",
  ManagedVirtualNetwork: "managed networks",
  Factory: "factory",
};
const COL_W = 165;
const NODE_W = 140;
const NODE_H = 26;
const ROW_H = 34;
const TOP = 34;

/** Nodes and edges with activities folded into their pipelines. */
export function foldActivities(graph) {
  const byId = new Map(graph.nodes.map((n) => [n.id, n]));
  const pipelines = new Map();
  for (const n of graph.nodes) if (n.kind === "Pipeline") pipelines.set(`${n.root}\n${n.name.toLowerCase()}`, n.id);
  const pipelineOf = new Map();
  for (const n of graph.nodes) {
    if (n.kind !== "Activity" || !n.pipeline) continue;
    const p = pipelines.get(`${n.root}\n${n.pipeline.toLowerCase()}`);
    if (p) pipelineOf.set(n.id, p);
  }
  const nodes = graph.nodes.filter((n) => n.kind !== "Activity");
  const seen = new Set();
  const edges = [];
  for (const e of graph.edges) {
    const from = pipelineOf.get(e.from) ?? e.from;
    const to = pipelineOf.get(e.to) ?? e.to;
    if (from === to || !byId.has(from) || !byId.has(to)) continue;
    if (byId.get(from).kind === "Activity" || byId.get(to).kind === "Activity") continue;
    const key = from + "\n" + to;
    if (seen.has(key)) continue;
    seen.add(key);
    edges.push({ from, to });
  }
  return { nodes, edges };
}

/** Columns of node ids, and each node's `{x, y}`. */
export function layout(graph) {
  const { nodes, edges } = foldActivities(graph);
  const ranks = [...new Set(nodes.map((n) => RANK[n.kind] ?? 8))].sort((a, b) => a - b);
  const columns = ranks.map((r) =>
    nodes
      .filter((n) => (RANK[n.kind] ?? 8) === r)
      .sort((a, b) => a.root.localeCompare(b.root) || a.name.localeCompare(b.name)),
  );
  const neighbours = new Map(nodes.map((n) => [n.id, []]));
  for (const e of edges) {
    neighbours.get(e.from).push(e.to);
    neighbours.get(e.to).push(e.from);
  }
  const order = new Map();
  const renumber = () => columns.forEach((col) => col.forEach((n, i) => order.set(n.id, i)));
  renumber();
  for (let sweep = 0; sweep < 4; sweep++) {
    const cols = sweep % 2 === 0 ? columns.slice(1) : columns.slice(0, -1).reverse();
    for (const col of cols) {
      const bary = new Map(
        col.map((n) => {
          const ns = neighbours.get(n.id);
          return [n.id, ns.length ? ns.reduce((s, m) => s + order.get(m), 0) / ns.length : order.get(n.id)];
        }),
      );
      col.sort((a, b) => bary.get(a.id) - bary.get(b.id));
      col.forEach((n, i) => order.set(n.id, i));
    }
  }
  const at = new Map();
  columns.forEach((col, c) => col.forEach((n, i) => at.set(n.id, { x: 10 + c * COL_W, y: TOP + i * ROW_H })));
  return { nodes, edges, columns, at };
}

function el(name, attrs, parent) {
  const e = document.createElementNS(SVG, name);
  for (const [k, v] of Object.entries(attrs)) e.setAttribute(k, String(v));
  parent?.appendChild(e);
  return e;
}

/** Draws `graph` into a new SVG; `onOpen(node)` when a node is clicked. */
export function renderGraph(graph, onOpen) {
  const { nodes, edges, columns, at } = layout(graph);
  const height = TOP + Math.max(1, ...columns.map((c) => c.length)) * ROW_H + 10;
  const width = 20 + Math.max(1, columns.length) * COL_W;
  const svg = el("svg", { class: "graph", width, height, viewBox: `0 0 ${width} ${height}` });
  el("title", {}, svg).textContent = `dependency graph: ${nodes.length} nodes, ${edges.length} edges`;
  const defs = el("defs", {}, svg);
  const marker = el("marker", { id: "arrow", viewBox: "0 0 8 8", refX: 8, refY: 4, markerWidth: 6, markerHeight: 6, orient: "auto" }, defs);
  el("path", { d: "M0,0 L8,4 L0,8 z", class: "arrow" }, marker);
  columns.forEach((col, c) => {
    const kind = col[0]?.kind;
    el("text", { x: 10 + c * COL_W, y: 16, class: "column" }, svg).textContent = LABEL[kind] ?? kind ?? "";
  });
  const edgeLayer = el("g", { class: "edges" }, svg);
  for (const e of edges) {
    const a = at.get(e.from);
    const b = at.get(e.to);
    const forward = a.x < b.x;
    const x1 = forward ? a.x + NODE_W : a.x;
    const x2 = forward ? b.x : b.x + NODE_W;
    const y1 = a.y + NODE_H / 2;
    const y2 = b.y + NODE_H / 2;
    const dx = Math.max(30, Math.abs(x2 - x1) / 2) * (forward ? 1 : -1);
    el("path", { d: `M${x1},${y1} C${x1 + dx},${y1} ${x2 - dx},${y2} ${x2},${y2}`, class: "edge", "marker-end": "url(#arrow)", "data-from": e.from, "data-to": e.to }, edgeLayer);
  }
  const nodeLayer = el("g", { class: "nodes" }, svg);
  for (const n of nodes) {
    const { x, y } = at.get(n.id);
    const g = el("g", { class: `node kind-${n.kind}${n.path ? "" : " missing"}`, transform: `translate(${x},${y})`, "data-id": n.id, tabindex: 0 }, nodeLayer);
    el("rect", { width: NODE_W, height: NODE_H, rx: 5 }, g);
    const label = n.name.length > 20 ? n.name.slice(0, 19) + "…" : n.name;
    el("text", { x: 8, y: 17 }, g).textContent = label;
    el("title", {}, g).textContent = `${n.kind} ${n.name}${n.path ? `\n${n.path}` : "\n(not defined in this factory)"}`;
    if (n.path) {
      g.addEventListener("click", () => onOpen(n));
      g.addEventListener("keydown", (ev) => ev.key === "Enter" && onOpen(n));
    }
    g.addEventListener("mouseenter", () => highlight(svg, n.id, true));
    g.addEventListener("mouseleave", () => highlight(svg, n.id, false));
  }
  return svg;
}

function highlight(svg, id, on) {
  for (const p of svg.querySelectorAll("path.edge")) {
    if (p.dataset.from === id || p.dataset.to === id) p.classList.toggle("lit", on);
  }
}
