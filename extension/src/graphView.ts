import * as vscode from "vscode";
import { nodeTarget } from "./commandLogic";

/** A node of the server's graph as far as this view needs it (docs/cli.md, `adf graph`). */
interface GraphNode {
  kind: string;
  name: string;
  path?: string | null;
  range?: { start: { line: number; character: number }; end: { line: number; character: number } } | null;
}

/** The graph's webview: one panel, drawn by the playground's renderer (dist/graphView.js,
 * bundled from playground/src/graph.js), redrawn with each new graph. */
export class GraphPanel {
  private panel: vscode.WebviewPanel | undefined;
  private latest: { nodes: GraphNode[] } | undefined;

  constructor(private readonly extensionUri: vscode.Uri) {}

  /** Shows `graph` in the panel, creating it or bringing it forward. */
  show(graph: { nodes: GraphNode[] }): void {
    this.latest = graph;
    if (!this.panel) {
      const dist = vscode.Uri.joinPath(this.extensionUri, "dist");
      this.panel = vscode.window.createWebviewPanel("adf.graph", "ADF: Dependency Graph", vscode.ViewColumn.Active, {
        enableScripts: true,
        localResourceRoots: [dist],
        retainContextWhenHidden: true,
      });
      this.panel.iconPath = vscode.Uri.joinPath(this.extensionUri, "images", "icon.png");
      this.panel.onDidDispose(() => {
        this.panel = undefined;
      });
      // A message posted before the page's script runs is lost: the page says when it listens.
      this.panel.webview.onDidReceiveMessage((m: { type?: string; node?: GraphNode }) => {
        if (m?.type === "open" && m.node) void openNode(m.node);
        if (m?.type === "ready" && this.latest) void this.panel?.webview.postMessage({ type: "graph", graph: this.latest });
      });
      this.panel.webview.html = html(this.panel.webview, vscode.Uri.joinPath(dist, "graphView.js"));
    } else {
      this.panel.reveal();
      void this.panel.webview.postMessage({ type: "graph", graph });
    }
  }
}

async function openNode(node: GraphNode): Promise<void> {
  if (!node.path) return;
  const target = nodeTarget(node.path);
  const uri = target.kind === "uri" ? vscode.Uri.parse(target.value) : pathUri(target.value);
  const r = node.range;
  const selection = r ? new vscode.Range(r.start.line, r.start.character, r.end.line, r.end.character) : undefined;
  try {
    await vscode.window.showTextDocument(uri, { selection, viewColumn: vscode.ViewColumn.One });
  } catch (e) {
    void vscode.window.showErrorMessage(`ADF: cannot open ${node.path}: ${e instanceof Error ? e.message : String(e)}`);
  }
}

/** A server's path as a URI: under the workspace folder that holds it, with that folder's
 * scheme (the wasm server in a browser knows the `vscode-remote:` or `vscode-vfs:` paths of the
 * workspace, not `file:` ones), else a file. */
function pathUri(p: string): vscode.Uri {
  const folder = vscode.workspace.workspaceFolders?.find((f) => {
    const root = f.uri.path.replace(/\/+$/, "");
    return p === root || p.startsWith(`${root}/`);
  });
  return folder ? folder.uri.with({ path: p }) : vscode.Uri.file(p);
}

function html(webview: vscode.Webview, script: vscode.Uri): string {
  const nonce = [...Array(32)].map(() => Math.floor(Math.random() * 36).toString(36)).join("");
  return `<!DOCTYPE html>
<html lang="en">
<head>
<meta charset="UTF-8">
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; style-src 'unsafe-inline'; script-src 'nonce-${nonce}';">
<meta name="viewport" content="width=device-width, initial-scale=1.0">
<title>ADF: Dependency Graph</title>
<style>
  body { padding: 8px; color: var(--vscode-foreground); }
  #count { color: var(--vscode-descriptionForeground); margin-bottom: 6px; }
  svg.graph { font: 12px var(--vscode-font-family); }
  svg.graph .column { fill: var(--vscode-descriptionForeground); font-weight: 600; }
  svg.graph .edge { fill: none; stroke: var(--vscode-editorLineNumber-foreground); stroke-width: 1; opacity: 0.8; }
  svg.graph .edge.lit { stroke: var(--vscode-focusBorder); stroke-width: 2; opacity: 1; }
  svg.graph .arrow { fill: var(--vscode-editorLineNumber-foreground); }
  svg.graph .node { cursor: pointer; }
  svg.graph .node rect { fill: var(--vscode-editorWidget-background); stroke: var(--vscode-editorWidget-border, #8c959f); }
  svg.graph .node text { fill: var(--vscode-editor-foreground); }
  svg.graph .node:hover rect, svg.graph .node:focus rect { stroke: var(--vscode-focusBorder); stroke-width: 2; }
  svg.graph .node.missing { cursor: default; }
  svg.graph .node.missing rect { stroke: var(--vscode-errorForeground); stroke-dasharray: 4 3; }
</style>
</head>
<body>
<div id="count"></div>
<div id="graph"></div>
<script nonce="${nonce}" src="${webview.asWebviewUri(script)}"></script>
</body>
</html>`;
}
