// The playground page: file tree, editor, problems, graph. Every question goes to the analysis
// worker (src/worker.js) through `Engine`; the page only draws answers.

import { autocompletion, closeBrackets, closeBracketsKeymap, completionKeymap, snippet } from "@codemirror/autocomplete";
import { defaultKeymap, history as undoHistory, historyKeymap, indentWithTab } from "@codemirror/commands";
import { json } from "@codemirror/lang-json";
import {
  bracketMatching,
  defaultHighlightStyle,
  foldGutter,
  foldKeymap,
  indentOnInput,
  indentUnit,
  syntaxHighlighting,
} from "@codemirror/language";
import { lintGutter, lintKeymap, setDiagnostics } from "@codemirror/lint";
import { highlightSelectionMatches, searchKeymap } from "@codemirror/search";
import { EditorSelection, EditorState } from "@codemirror/state";
import {
  EditorView,
  crosshairCursor,
  drawSelection,
  highlightActiveLine,
  highlightActiveLineGutter,
  hoverTooltip,
  keymap,
  lineNumbers,
  rectangularSelection,
} from "@codemirror/view";
import example from "virtual:example";
import { Engine } from "./engine.js";
import { renderGraph } from "./graph.js";
import { clearLocal, decodeShare, encodeShare, filesFromZip, isFactoryFile, loadLocal, saveLocal } from "./share.js";
import { markdownToHtml, snippetText, toOffset, toPosition, toTemplate } from "./text.js";

const $ = (sel) => document.querySelector(sel);

/** The factory as the page knows it: path -> text (the editor's newest). */
let files = {};
/** path -> the findings last received for it. */
const findings = new Map();
/** path -> its editor state, so each file keeps its undo history and selection. */
const states = new Map();
let current = null;
let lastGraph = null;

const engine = new Engine(new Worker(new URL("./worker.js", import.meta.url), { type: "module" }), onFindings);

// ---------------------------------------------------------------- editor

const COMPLETION_TYPE = {
  property: "property",
  value: "enum",
  type: "type",
  entity: "class",
  activity: "method",
  function: "function",
  parameter: "variable",
  variable: "variable",
};

// The engine says what an item replaces (a key typed so far with its quotes, a string's
// content); the editor's own word stops at quotes. Text typed since the request stays covered.
function applyItem(item) {
  return (view, completion, from, to) => {
    const text = item.insertText;
    const doc = view.state.doc;
    let start = from;
    let end = to;
    if (item.range) {
      start = Math.min(toOffset(doc, item.range.start), from);
      end = Math.max(toOffset(doc, item.range.end), to);
    }
    if (item.snippet) {
      snippet(toTemplate(text))(view, completion, start, end);
    } else {
      view.dispatch({
        changes: { from: start, to: end, insert: text },
        selection: { anchor: start + text.length },
        userEvent: "input.complete",
      });
    }
  };
}

async function completionSource(context) {
  // A word stops at `.`, `@`, `'` and `(`: in an expression the name after
  // `activity('X').output.` is what is typed, and CodeMirror filters the options by it.
  const word = context.matchBefore(/[\w\-$]*/);
  const before = context.state.doc.sliceString(Math.max(0, context.pos - 1), context.pos);
  if (!context.explicit && word.from === word.to && !['"', ".", "'"].includes(before)) return null;
  const path = current;
  const items = await engine.query("completion", path, { position: toPosition(context.state.doc, context.pos) });
  if (context.aborted || path !== current || items.length === 0) return null;
  return {
    from: word.from,
    validFor: /^[\w\-$]*$/,
    options: items.map((item, i) => ({
      label: item.label,
      detail: item.detail ?? undefined,
      type: COMPLETION_TYPE[item.kind] ?? "text",
      info: item.snippet ? snippetText(item.insertText) : undefined,
      apply: applyItem(item),
      boost: -i / items.length, // keep the engine's order among equal matches
    })),
  };
}

const hover = hoverTooltip(async (view, pos) => {
  const path = current;
  const h = await engine.query("hover", path, { position: toPosition(view.state.doc, pos) });
  if (!h || path !== current) return null;
  const doc = view.state.doc;
  return {
    pos: toOffset(doc, h.range.start),
    end: toOffset(doc, h.range.end),
    above: true,
    create() {
      const dom = document.createElement("div");
      dom.className = "hover-md";
      dom.innerHTML = markdownToHtml(h.markdown);
      return { dom };
    },
  };
});

async function goToDefinition(view, pos) {
  const path = current;
  let locations;
  try {
    locations = await engine.query("definition", path, { position: toPosition(view.state.doc, pos) });
  } catch (e) {
    status(String(e.message));
    return;
  }
  if (path !== current) return;
  const target = locations.find((l) => l.path in files);
  if (!target) {
    status("no definition here");
    return;
  }
  openFile(target.path, target.range);
}

const definitionKeys = keymap.of([
  { key: "F12", run: (view) => (goToDefinition(view, view.state.selection.main.head), true) },
  { key: "Mod-Shift-e", run: (view) => (openEvaluate(view.state.selection.main.head), true) },
]);

// ---------------------------------------------------------------- evaluate with inputs

/** What the panel evaluates: the file and the position the action was asked at. */
let evaluating = null;

const INPUT_KIND = {
  parameter: "pipeline parameter",
  globalParameter: "global parameter",
  variable: "variable",
  system: "system variable",
  item: "ForEach item",
  activityOutput: "activity output (JSON)",
  entityParameter: "parameter",
  contextFunction: "context object (JSON)",
  clock: "timestamp, e.g. 2026-01-01T00:00:00Z",
  random: "seed (an integer)",
  unsupported: "cannot be given",
};

/** Adds a field per input not shown yet, prefilled with its declared default. */
function addInputFields(inputs) {
  const box = $("#evaluate-inputs");
  for (const input of inputs) {
    if ([...box.querySelectorAll("input")].some((i) => i.dataset.name === input.name)) continue;
    const label = document.createElement("label");
    const name = document.createElement("span");
    name.textContent = input.name;
    const kind = document.createElement("span");
    kind.className = "kind";
    kind.textContent = input.default === null ? INPUT_KIND[input.kind] ?? input.kind : `${INPUT_KIND[input.kind] ?? input.kind}, default ${input.default}`;
    const field = document.createElement("input");
    field.dataset.name = input.name;
    field.value = input.default ?? "";
    field.disabled = input.kind === "unsupported";
    field.setAttribute("aria-label", input.name);
    label.append(name, kind, field);
    box.appendChild(label);
  }
  $("#evaluate-hint").hidden = !box.querySelector("input");
}

/** Shows a result: the value as JSON, the inputs still needed, or the error and where. */
function showEvaluation(e) {
  const out = $("#evaluate-result");
  const r = e.result;
  out.className = r.kind;
  if (r.kind === "value") out.textContent = r.value;
  else if (r.kind === "unknown") out.textContent = `unknown: needs ${r.needs.join(", ")}`;
  else out.textContent = `error: ${r.message} (line ${r.range.start.line + 1}, column ${r.range.start.character + 1})`;
  if (e.ignored.length) out.textContent += `\nnot inputs of this expression: ${e.ignored.join(", ")}`;
}

/** "Evaluate with inputs…": the expression at `pos` of the open file in the panel. */
async function openEvaluate(pos) {
  const path = current;
  if (!path) return;
  const position = toPosition(view.state.doc, pos);
  let e;
  try {
    e = await engine.query("evaluate", path, { position });
  } catch (err) {
    status(String(err.message));
    return;
  }
  if (path !== current) return;
  if (!e) {
    status("no expression at the cursor: put it inside a string that starts with @ or holds @{...}");
    return;
  }
  evaluating = { path, position };
  $("#evaluate-where").textContent = `${path}:${position.line + 1}`;
  $("#evaluate-expression").textContent = e.expression;
  $("#evaluate-inputs").textContent = "";
  addInputFields(e.inputs);
  showEvaluation(e);
  $("#evaluate-panel").hidden = false;
  const first = $("#evaluate-inputs input:not([disabled])");
  (first ?? $("#evaluate-run")).focus();
}

/** Evaluates again with the fields' texts (empty fields are not given). */
async function runEvaluate() {
  if (!evaluating) return;
  const inputs = {};
  for (const field of $("#evaluate-inputs").querySelectorAll("input:not([disabled])")) {
    if (field.value !== "") inputs[field.dataset.name] = field.value;
  }
  let e;
  try {
    e = await engine.query("evaluate", evaluating.path, { position: evaluating.position, inputs });
  } catch (err) {
    status(String(err.message));
    return;
  }
  if (!e) {
    $("#evaluate-result").className = "error";
    $("#evaluate-result").textContent = "the expression is no longer at this place: ask again from the editor";
    return;
  }
  // An input may lead to others (variables(pipeline().parameters.name)).
  addInputFields(e.inputs);
  showEvaluation(e);
}

// Ctrl+click (Cmd+click on macOS) follows a reference, as in VS Code.
const definitionClick = EditorView.domEventHandlers({
  mousedown(event, view) {
    if (!(event.ctrlKey || event.metaKey) || event.button !== 0) return false;
    const pos = view.posAtCoords({ x: event.clientX, y: event.clientY });
    if (pos == null) return false;
    event.preventDefault();
    goToDefinition(view, pos);
    return true;
  },
});

const onEdit = EditorView.updateListener.of((update) => {
  if (!update.docChanged || !current) return;
  const text = update.state.doc.toString();
  files[current] = text;
  engine.edit(current, text);
  remember();
});

/** The indentation a file already uses (ADF tools write 4 spaces; hand-written files vary). */
function indentOf(text) {
  const m = /\n( +|\t)"/.exec(text);
  return m ? m[1] : "    ";
}

function newState(path, text) {
  return EditorState.create({
    doc: text,
    extensions: [
      lineNumbers(),
      highlightActiveLineGutter(),
      foldGutter(),
      lintGutter(),
      undoHistory(),
      drawSelection(),
      EditorState.allowMultipleSelections.of(true),
      indentOnInput(),
      syntaxHighlighting(defaultHighlightStyle, { fallback: true }),
      bracketMatching(),
      closeBrackets(),
      autocompletion({ override: [completionSource], icons: true }),
      rectangularSelection(),
      crosshairCursor(),
      highlightActiveLine(),
      highlightSelectionMatches(),
      definitionKeys,
      keymap.of([
        ...closeBracketsKeymap,
        ...defaultKeymap,
        ...searchKeymap,
        ...historyKeymap,
        ...foldKeymap,
        ...completionKeymap,
        ...lintKeymap,
        indentWithTab,
      ]),
      json(),
      hover,
      definitionClick,
      onEdit,
      indentUnit.of(indentOf(text)),
      EditorState.tabSize.of(4),
      EditorView.contentAttributes.of({ "aria-label": `editor: ${path}` }),
    ],
  });
}

const view = new EditorView({ parent: $("#editor"), state: EditorState.create({ doc: "" }) });

function toLint(doc, diags) {
  return diags.map((d) => {
    const from = toOffset(doc, d.range.start);
    const to = Math.max(from, toOffset(doc, d.range.end));
    return { from, to, severity: d.severity, message: d.message, source: `${d.code} ${d.rule}` };
  });
}

function showFindingsInEditor() {
  if (!current) return;
  const diags = findings.get(current) ?? [];
  view.dispatch(setDiagnostics(view.state, toLint(view.state.doc, diags)));
  if (diags.length) attachQuickFixes(current, view.state.doc, diags);
}

const overlaps = (a, b) =>
  !(cmp(a.end, b.start) < 0 || cmp(b.end, a.start) < 0);
const cmp = (p, q) => p.line - q.line || p.character - q.character;

/** Applies the edits of a code action: in the editor for the open file, to the others' texts. */
function applyEdits(edits) {
  const byPath = new Map();
  for (const e of edits) byPath.set(e.path, [...(byPath.get(e.path) ?? []), e]);
  for (const [path, list] of byPath) {
    if (path === current) {
      const doc = view.state.doc;
      view.dispatch({ changes: list.map((e) => ({ from: toOffset(doc, e.range.start), to: toOffset(doc, e.range.end), insert: e.newText })), userEvent: "input.fix" });
    } else if (path in files) {
      const state = states.get(path) ?? newState(path, files[path]);
      const doc = state.doc;
      const next = state.update({ changes: list.map((e) => ({ from: toOffset(doc, e.range.start), to: toOffset(doc, e.range.end), insert: e.newText })) }).state;
      states.set(path, next);
      files[path] = next.doc.toString();
      engine.edit(path, files[path]);
    }
  }
  remember();
}

// The engine's quick fixes become the squiggles' actions (shown in their tooltip), once they come:
// one request for the whole file, matched to findings by rule and place.
async function attachQuickFixes(path, doc, diags) {
  const whole = { start: { line: 0, character: 0 }, end: toPosition(doc, doc.length) };
  let actions;
  try {
    actions = await engine.query("codeActions", path, { range: whole });
  } catch {
    return;
  }
  if (path !== current || view.state.doc !== doc || findings.get(path) !== diags || !actions.length) return;
  const lint = toLint(doc, diags).map((l, i) => {
    const d = diags[i];
    const fixes = actions.filter(
      (a) => a.kind === "quickfix" && (!a.rule || a.rule === d.rule) && a.edits.some((e) => e.path === path && overlaps(e.range, d.range)),
    );
    return fixes.length ? { ...l, actions: fixes.map((a) => ({ name: a.title, apply: () => applyEdits(a.edits) })) } : l;
  });
  view.dispatch(setDiagnostics(view.state, lint));
}

/** Shows `path` in the editor; with `range`, selects it and scrolls there. */
function openFile(path, range) {
  if (!(path in files)) return;
  if (current) states.set(current, view.state);
  if (!states.has(path)) states.set(path, newState(path, files[path]));
  current = path;
  view.setState(states.get(path));
  showFindingsInEditor();
  if (range) {
    const doc = view.state.doc;
    const anchor = toOffset(doc, range.start);
    view.dispatch({
      selection: EditorSelection.single(anchor, Math.max(anchor, toOffset(doc, range.end))),
      effects: EditorView.scrollIntoView(anchor, { y: "center" }),
    });
  }
  view.focus();
  $("#current-path").textContent = path;
  renderTree();
  remember();
}

// ---------------------------------------------------------------- findings, problems, tree

let drawScheduled = false;
function scheduleDraw() {
  if (drawScheduled) return;
  drawScheduled = true;
  requestAnimationFrame(() => {
    drawScheduled = false;
    renderProblems();
    renderTree();
    renderGraphPanel();
  });
}

/** Answers of the worker; `fresh(path)` tells whether they match the editor's newest text. */
function onFindings(result, fresh) {
  for (const [path, diags] of Object.entries(result.diagnostics)) {
    if (!(path in files) || !fresh(path)) continue;
    findings.set(path, diags);
    if (path === current) showFindingsInEditor();
  }
  if (result.graph) lastGraph = result.graph;
  scheduleDraw();
}

const plural = (n, word) => `${n} ${word}${n === 1 ? "" : "s"}`;
const SEVERITY_ORDER = { error: 0, warning: 1, info: 2, hint: 3 };

function renderProblems() {
  const list = $("#problems-list");
  list.textContent = "";
  const all = [];
  for (const [path, diags] of findings) if (path in files) for (const d of diags) all.push({ path, d });
  all.sort(
    (a, b) =>
      SEVERITY_ORDER[a.d.severity] - SEVERITY_ORDER[b.d.severity] ||
      a.path.localeCompare(b.path) ||
      a.d.range.start.line - b.d.range.start.line ||
      a.d.range.start.character - b.d.range.start.character,
  );
  const counts = { error: 0, warning: 0, info: 0, hint: 0 };
  for (const { path, d } of all) {
    counts[d.severity]++;
    const li = document.createElement("li");
    li.className = `problem ${d.severity}`;
    li.tabIndex = 0;
    li.dataset.path = path;
    const where = `${path}:${d.range.start.line + 1}:${d.range.start.character + 1}`;
    li.innerHTML = `<span class="sev"></span><span><span class="msg"></span> <span class="meta"></span></span>`;
    li.querySelector(".sev").textContent = d.severity;
    li.querySelector(".msg").textContent = d.message;
    li.querySelector(".meta").textContent = `${d.code} ${d.rule} · ${where}`;
    const go = () => openFile(path, d.range);
    li.addEventListener("click", go);
    li.addEventListener("keydown", (e) => e.key === "Enter" && go());
    list.appendChild(li);
  }
  $("#problems-count").textContent = all.length
    ? [plural(counts.error, "error"), plural(counts.warning, "warning"), plural(counts.info + counts.hint, "note")].join(", ")
    : "no problems";
}

function renderTree() {
  const root = { dirs: new Map(), files: [] };
  for (const path of Object.keys(files).sort()) {
    const parts = path.split("/");
    let node = root;
    for (const dir of parts.slice(0, -1)) {
      if (!node.dirs.has(dir)) node.dirs.set(dir, { dirs: new Map(), files: [] });
      node = node.dirs.get(dir);
    }
    node.files.push(path);
  }
  const draw = (node, into) => {
    for (const [name, sub] of node.dirs) {
      const li = document.createElement("li");
      const details = document.createElement("details");
      details.open = true;
      const summary = document.createElement("summary");
      summary.textContent = name;
      summary.className = "folder";
      const ul = document.createElement("ul");
      details.append(summary, ul);
      li.appendChild(details);
      into.appendChild(li);
      draw(sub, ul);
    }
    for (const path of node.files) {
      const li = document.createElement("li");
      li.className = "file" + (path === current ? " active" : "");
      li.dataset.path = path;
      const name = document.createElement("button");
      name.className = "open";
      name.textContent = path.split("/").pop();
      name.title = path;
      name.addEventListener("click", () => openFile(path));
      li.appendChild(name);
      const diags = findings.get(path) ?? [];
      const errors = diags.filter((d) => d.severity === "error").length;
      const warnings = diags.filter((d) => d.severity === "warning").length;
      if (errors || warnings) {
        const badge = document.createElement("span");
        badge.className = errors ? "badge error" : "badge warning";
        badge.textContent = String(errors || warnings);
        li.appendChild(badge);
      }
      const del = document.createElement("button");
      del.className = "remove";
      del.title = `remove ${path}`;
      del.textContent = "×";
      del.addEventListener("click", () => removeFile(path));
      li.appendChild(del);
      into.appendChild(li);
    }
  };
  const tree = $("#tree");
  tree.textContent = "";
  draw(root, tree);
}

let drawnGraph = "";
function renderGraphPanel() {
  if (!lastGraph) return;
  const key = JSON.stringify(lastGraph);
  if (key === drawnGraph) return;
  drawnGraph = key;
  const box = $("#graph");
  box.textContent = "";
  box.appendChild(renderGraph(lastGraph, (node) => openFile(node.path)));
  const entities = lastGraph.nodes.filter((n) => n.kind !== "Activity").length;
  $("#graph-count").textContent = `${entities} entities, ${lastGraph.nodes.length - entities} activities`;
}

// ---------------------------------------------------------------- factory: load, add, remove, keep

let saveTimer = 0;
function remember() {
  clearTimeout(saveTimer);
  saveTimer = setTimeout(() => saveLocal({ files, open: current ?? undefined }), 300);
}

async function loadFactory(factory, why) {
  files = { ...factory.files };
  findings.clear();
  states.clear();
  current = null;
  lastGraph = null;
  drawnGraph = "";
  const t0 = performance.now();
  await engine.load(files);
  const paths = Object.keys(files).sort();
  const open = factory.open && factory.open in files ? factory.open : paths.find((p) => p.endsWith(".json")) ?? paths[0];
  if (open) openFile(open);
  else {
    view.setState(EditorState.create({ doc: "" }));
    $("#current-path").textContent = "(no file)";
    renderTree();
  }
  status(`${why}: ${paths.length} files checked in ${Math.round(performance.now() - t0)} ms`);
  scheduleDraw();
  remember();
}

async function addFiles(added) {
  for (const [path, text] of Object.entries(added)) {
    files[path] = text;
    states.delete(path);
    engine.edit(path, text);
  }
  const first = Object.keys(added).sort()[0];
  if (first) openFile(first);
  status(`added ${Object.keys(added).length} files`);
  remember();
}

async function removeFile(path) {
  delete files[path];
  states.delete(path);
  findings.delete(path);
  await engine.remove(path);
  if (current === path) {
    current = null;
    const next = Object.keys(files).sort()[0];
    if (next) openFile(next);
    else view.setState(EditorState.create({ doc: "" }));
  }
  scheduleDraw();
  remember();
}

/** The folder new loose files go to: the current file's, so they join its factory. */
function currentFolder() {
  const p = current ?? Object.keys(files)[0] ?? "factory/x";
  return p.includes("/") ? p.slice(0, p.lastIndexOf("/")) : "factory";
}

const readEntry = (entry) =>
  new Promise((resolve) => {
    if (entry.isFile) {
      entry.file(
        (file) => resolve([{ file, path: entry.fullPath.replace(/^\//, "") }]),
        () => resolve([]),
      );
    } else if (entry.isDirectory) {
      const reader = entry.createReader();
      const all = [];
      const next = () =>
        reader.readEntries(async (batch) => {
          if (!batch.length) {
            const nested = await Promise.all(all.map(readEntry));
            resolve(nested.flat());
          } else {
            all.push(...batch);
            next();
          }
        }, () => resolve([]));
      next();
    } else resolve([]);
  });

/** Dropped, pasted or picked files: a zip replaces the factory, JSON files join it. */
async function takeFiles(list) {
  const zip = list.find(({ file }) => /\.zip$/i.test(file.name));
  if (zip) {
    const unzipped = filesFromZip(new Uint8Array(await zip.file.arrayBuffer()));
    if (!Object.keys(unzipped).length) return status(`${zip.file.name}: no JSON files in it`);
    return loadFactory({ files: unzipped }, zip.file.name);
  }
  const added = {};
  const folder = currentFolder();
  for (const { file, path } of list) {
    const target = path && path.includes("/") ? path : `${folder}/${file.name}`;
    if (!isFactoryFile(target)) continue;
    added[target] = (await file.text()).replace(/^\uFEFF/, "");
  }
  if (!Object.keys(added).length) return status("nothing to add: drop .json files, adf.toml or a .zip");
  addFiles(added);
}

document.addEventListener("dragover", (e) => {
  e.preventDefault();
  document.body.classList.add("dropping");
});
document.addEventListener("dragleave", (e) => {
  if (!e.relatedTarget) document.body.classList.remove("dropping");
});
document.addEventListener("drop", async (e) => {
  e.preventDefault();
  document.body.classList.remove("dropping");
  const items = [...(e.dataTransfer?.items ?? [])];
  const entries = items.map((i) => i.webkitGetAsEntry?.()).filter(Boolean);
  const list = entries.length
    ? (await Promise.all(entries.map(readEntry))).flat()
    : [...(e.dataTransfer?.files ?? [])].map((file) => ({ file, path: null }));
  // A single dropped folder's own name is kept: it names the factory root.
  await takeFiles(list.map(({ file, path }) => ({ file, path: path && path.includes("/") ? path : null })));
});

// Pasting outside the editor: files, or the text of one entity (named after its `name`).
document.addEventListener("paste", async (e) => {
  if (e.target instanceof Node && view.dom.contains(e.target)) return;
  if (e.target instanceof Element && e.target.closest("input, textarea")) return;
  const pasted = [...(e.clipboardData?.files ?? [])];
  if (pasted.length) {
    e.preventDefault();
    return takeFiles(pasted.map((file) => ({ file, path: null })));
  }
  const text = e.clipboardData?.getData("text/plain") ?? "";
  try {
    const value = JSON.parse(text);
    const name = typeof value?.name === "string" ? value.name : null;
    if (!name) return status("pasted JSON has no name: paste it into a file instead");
    e.preventDefault();
    addFiles({ [`${currentFolder()}/${name.replace(/[\\/:*?"<>|]/g, "_")}.json`]: text });
  } catch {
    status("pasted text is not JSON");
  }
});

$("#pick").addEventListener("change", async (e) => {
  const input = e.target;
  await takeFiles([...input.files].map((file) => ({ file, path: file.webkitRelativePath || null })));
  input.value = "";
});

$("#evaluate").addEventListener("click", () => openEvaluate(view.state.selection.main.head));
$("#evaluate-form").addEventListener("submit", (e) => {
  e.preventDefault();
  runEvaluate();
});
$("#evaluate-close").addEventListener("click", () => {
  $("#evaluate-panel").hidden = true;
  evaluating = null;
  view.focus();
});

$("#example").addEventListener("click", () => loadFactory({ files: example.files, open: example.open }, "example"));
$("#clear").addEventListener("click", () => {
  clearLocal();
  loadFactory({ files: {} }, "cleared");
});
$("#share").addEventListener("click", async () => {
  const hash = encodeShare({ files, open: current ?? undefined });
  history.replaceState(null, "", hash);
  const url = location.href;
  $("#share-url").value = url;
  $("#share-url").hidden = false;
  try {
    await navigator.clipboard.writeText(url);
    status(`share link copied (${url.length} characters)`);
  } catch {
    status(`share link in the address bar (${url.length} characters)`);
  }
});

window.addEventListener("hashchange", () => {
  const shared = decodeShare(location.hash);
  if (shared) loadFactory(shared, "shared link");
});

function status(text) {
  $("#status").textContent = text;
}

// ---------------------------------------------------------------- start

async function start() {
  engine.request("version").then((v) => ($("#version").textContent = `engine ${v}`), () => {});
  const shared = decodeShare(location.hash);
  const kept = loadLocal();
  if (shared) await loadFactory(shared, "shared link");
  else if (kept && Object.keys(kept.files).length) await loadFactory(kept, "restored");
  else await loadFactory({ files: example.files, open: example.open }, "example");
  document.body.dataset.ready = "true";
}

// For the tests and the benchmark, which drive the page from outside.
window.playground = {
  engine,
  view,
  openFile,
  loadFactory,
  findings,
  get current() {
    return current;
  },
  get files() {
    return files;
  },
};

start().catch((e) => {
  status(`failed to start: ${e.message}`);
  console.error(e);
});
