// The graph webview's script: the playground's renderer draws what the extension posts; a click
// on a defined node asks the extension to open its file.
import { renderGraph } from "../../playground/src/graph.js";

const vscode = acquireVsCodeApi();

window.addEventListener("message", (event) => {
  const m = event.data;
  if (m?.type !== "graph") return;
  const entities = m.graph.nodes.filter((n) => n.kind !== "Activity").length;
  document.getElementById("count").textContent =
    `${entities} entities, ${m.graph.nodes.length - entities} activities, ${m.graph.edges.length} links`;
  const box = document.getElementById("graph");
  box.textContent = "";
  box.appendChild(renderGraph(m.graph, (node) => vscode.postMessage({ type: "open", node })));
});
vscode.postMessage({ type: "ready" });
