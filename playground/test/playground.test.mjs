// The built playground in headless Chromium, used as a person would: a broken reference shows a
// squiggle and a problem, completion inserts a property, a definition opens the other file, the
// graph is drawn, a share link and a dropped zip bring factories in. A screenshot is kept at
// playground/test-results/playground.png.

import assert from "node:assert/strict";
import { mkdirSync } from "node:fs";
import { join } from "node:path";
import { after, before, test } from "node:test";
import { strToU8, zipSync } from "fflate";
import { RESULTS, openPlayground } from "./browser.mjs";

/** @type {Awaited<ReturnType<typeof openPlayground>>} */
let pg;
let page;

before(async () => {
  pg = await openPlayground();
  page = pg.page;
});

after(async () => {
  await pg?.close();
});

const line = (text) => page.locator(".cm-line", { hasText: text });
const editorText = () => page.evaluate(() => window.playground.view.state.doc.toString());
const openInTree = (name) => page.locator("#tree li.file button.open", { hasText: new RegExp(`^${name}$`) }).click();

test("the ML retraining example is loaded, checked clean, and its graph drawn", async () => {
  const names = await page.locator("#tree li.file button.open").allTextContents();
  assert.deepEqual(names.sort(), [
    "BlobStorage.json",
    "LabeledTrainingData.json",
    "RetrainingService.json",
    "ScoringService.json",
    "ScoringUpdateLog.json",
    "TrainedModel.json",
    "WeeklyRetraining.json",
  ]);
  assert.equal(await page.textContent("#problems-count"), "no problems");
  const nodes = page.locator("svg.graph g.node");
  assert.equal(await nodes.count(), 7, "2 activities folded into their pipeline: 9 - 2 nodes");
  const labels = await page.locator("svg.graph g.node text").allTextContents();
  assert.ok(labels.includes("WeeklyRetraining") && labels.includes("BlobStorage"), labels.join(", "));
  assert.ok((await page.locator("svg.graph path.edge").count()) > 0);
});

test("a broken reference is squiggled, listed and quick-fixed", async () => {
  await openInTree("TrainedModel.json");
  await page.waitForFunction(() => window.playground.current === "ml-retraining/TrainedModel.json");
  // Clicking the value, not the line's middle, keeps the editor from scrolling sideways.
  await line('"linkedServiceName"').locator("span", { hasText: '"BlobStorage"' }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("ArrowLeft"); // before ,
  await page.keyboard.press("ArrowLeft"); // before the closing quote
  await page.keyboard.press("Backspace");
  assert.match(await editorText(), /"linkedServiceName": "BlobStorag",/);

  const squiggle = page.locator(".cm-lintRange-error");
  await squiggle.first().waitFor({ timeout: 10_000 });
  assert.equal(await squiggle.first().textContent(), '"BlobStorag"');
  const problem = page.locator("#problems-list .problem.error", { hasText: "BlobStorag" });
  await problem.waitFor();
  assert.match(await problem.textContent(), /no linked service named `BlobStorag`.*ADF0201.*ml-retraining\/TrainedModel\.json:6:30/);
  assert.equal(await page.locator("#tree li.file.active .badge.error").textContent(), "1");
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, "playground.png") });

  // Clicking the problem from another file opens its file at the finding.
  await openInTree("BlobStorage.json");
  await problem.click();
  await page.waitForFunction(() => window.playground.current === "ml-retraining/TrainedModel.json");
  const selected = await page.evaluate(() => {
    const { state } = window.playground.view;
    return state.sliceDoc(state.selection.main.from, state.selection.main.to);
  });
  assert.equal(selected, '"BlobStorag"');

  // The squiggle's tooltip offers the engine's quick fix; applying it clears the finding.
  await squiggle.first().hover();
  const fix = page.locator(".cm-tooltip .cm-diagnosticAction", { hasText: "Change to `BlobStorage`" });
  await fix.waitFor({ timeout: 10_000 });
  await fix.click();
  assert.match(await editorText(), /"linkedServiceName": "BlobStorage",/);
  await page.waitForFunction(() => document.querySelector("#problems-count").textContent === "no problems");
  assert.equal(await page.locator(".cm-lintRange-error").count(), 0);
  await page.mouse.move(5, 5);
});

test("undo brings a finding back and redo clears it", async () => {
  await page.keyboard.press("Control+z");
  await page.locator("#problems-list .problem.error", { hasText: "BlobStorag" }).waitFor();
  await page.keyboard.press("Control+Shift+z");
  await page.waitForFunction(() => document.querySelector("#problems-count").textContent === "no problems");
});

test("hover explains a reference", async () => {
  await openInTree("TrainedModel.json");
  await line('"linkedServiceName"').locator("span", { hasText: '"BlobStorage"' }).hover();
  const tip = page.locator(".cm-tooltip-hover .hover-md");
  await tip.waitFor({ timeout: 10_000 });
  assert.match(await tip.textContent(), /linked service.*BlobStorage.*AzureStorage/s);
  await page.mouse.move(5, 5);
});

test("Ctrl+Space completes a property and its snippet's field takes the value", async () => {
  await openInTree("TrainedModel.json");
  await line('"linkedServiceName"').locator("span", { hasText: '"BlobStorage"' }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type('"desc');
  await page.keyboard.press("Control+Space");
  const option = page.locator(".cm-tooltip-autocomplete li", { hasText: "description" });
  await option.first().waitFor({ timeout: 10_000 });
  // CodeMirror ignores Enter for 75 ms after the list (re)opens (its interactionDelay), and the
  // explicit request's answer may just have replaced the one typing started.
  await page.waitForTimeout(150);
  await page.keyboard.press("Enter");
  await page.waitForFunction(() => /"description": ""/.test(window.playground.view.state.doc.toString()));
  await page.keyboard.type("weekly model");
  await page.keyboard.press("End");
  await page.keyboard.type(",");
  assert.match(await editorText(), /"linkedServiceName": "BlobStorage",\n\s+"description": "weekly model",\n\s+"typeProperties"/);
  // The file is still valid: nothing is reported once the worker has seen the last keystroke.
  await page.waitForFunction(() => document.querySelector("#problems-count").textContent === "no problems");
});

test("F12 and Ctrl+click go to the definition in another file", async () => {
  await openInTree("TrainedModel.json");
  await line('"linkedServiceName"').locator("span", { hasText: '"BlobStorage"' }).click({ modifiers: ["Control"] });
  await page.waitForFunction(() => window.playground.current === "ml-retraining/BlobStorage.json");
  assert.equal(await page.textContent("#current-path"), "ml-retraining/BlobStorage.json");
  assert.match(await editorText(), /"name": "BlobStorage"/);
  assert.equal(await page.textContent("#tree li.file.active button.open"), "BlobStorage.json");
  const cursorLine = await page.evaluate(() => {
    const { state } = window.playground.view;
    return state.doc.lineAt(state.selection.main.head).text;
  });
  assert.match(cursorLine, /"name": "BlobStorage"/);

  await openInTree("WeeklyRetraining.json");
  await line('"linkedServiceName": "RetrainingService"').locator("span", { hasText: '"RetrainingService"' }).click();
  await page.keyboard.press("F12");
  await page.waitForFunction(() => window.playground.current === "ml-retraining/RetrainingService.json");
  assert.match(await editorText(), /"name": "RetrainingService"/);
});

test("a share link restores the factory with the edits", async () => {
  await page.click("#share");
  const hash = await page.evaluate(() => location.hash);
  assert.match(hash, /^#f=[A-Za-z0-9_-]+$/);
  const other = await page.context().newPage();
  await other.evaluate(() => 0);
  await page.evaluate(() => localStorage.clear());
  await other.goto(pg.url + hash);
  await other.waitForSelector("body[data-ready=true]");
  const trained = await other.evaluate(() => window.playground.files["ml-retraining/TrainedModel.json"]);
  assert.match(trained, /"description": "weekly model"/);
  assert.equal(await other.evaluate(() => window.playground.current), "ml-retraining/RetrainingService.json");
  await other.close();
});

test("the factory is kept in localStorage across a reload", async () => {
  await page.evaluate(() => history.replaceState(null, "", location.pathname));
  await openInTree("ScoringUpdateLog.json");
  await line('"name": "ScoringUpdateLog"').locator("span", { hasText: '"ScoringUpdateLog"' }).click();
  await page.keyboard.press("End");
  await page.keyboard.press("Enter");
  await page.keyboard.type('"description": "kept locally",');
  // The page saves 300 ms after the last change.
  await page.waitForFunction(() => (localStorage.getItem("adf-playground:factory") ?? "").includes("kept locally"));
  await page.reload();
  await page.waitForSelector("body[data-ready=true]");
  assert.match(await page.textContent("#status"), /^restored: 7 files/);
  assert.equal(await page.evaluate(() => window.playground.current), "ml-retraining/ScoringUpdateLog.json");
  assert.match(await editorText(), /"description": "kept locally",/);
  const trained = await page.evaluate(() => window.playground.files["ml-retraining/TrainedModel.json"]);
  assert.match(trained, /"description": "weekly model"/);
});

test("a zipped git folder replaces the factory", async () => {
  const ls = { name: "Store", properties: { type: "AzureBlobStorage", typeProperties: { connectionString: "DefaultEndpointsProtocol=https;AccountName=x" } } };
  const ds = {
    name: "Input",
    properties: {
      type: "DelimitedText",
      linkedServiceName: { referenceName: "Stor", type: "LinkedServiceReference" },
      typeProperties: { location: { type: "AzureBlobStorageLocation", container: "in" } },
    },
  };
  const zip = zipSync({
    "myfactory/linkedService/Store.json": strToU8(JSON.stringify(ls, null, 4)),
    "myfactory/dataset/Input.json": strToU8(JSON.stringify(ds, null, 4)),
    "myfactory/README.md": strToU8("not a factory file"),
  });
  await page.setInputFiles("#pick", { name: "myfactory.zip", mimeType: "application/zip", buffer: Buffer.from(zip) });
  await page.waitForFunction(() => Object.keys(window.playground.files).length === 2);
  assert.deepEqual(Object.keys(await page.evaluate(() => window.playground.files)).sort(), [
    "myfactory/dataset/Input.json",
    "myfactory/linkedService/Store.json",
  ]);
  await page.locator("#problems-list .problem.error", { hasText: "no linked service named `Stor`" }).waitFor();
  assert.ok((await page.locator("svg.graph g.node").count()) >= 2);
});

test("completion after activity('LookupConfig'). knows what a Lookup returns", async () => {
  const lookup = (firstRowOnly) => ({
    name: "LookupConfig",
    type: "Lookup",
    typeProperties: {
      source: { type: "AzureSqlSource", sqlReaderQuery: "select 1 as n" },
      dataset: { referenceName: "ConfigTable", type: "DatasetReference" },
      ...(firstRowOnly === undefined ? {} : { firstRowOnly }),
    },
  });
  const pipeline = (firstRowOnly) => JSON.stringify(
    {
      name: "LoadConfig",
      properties: {
        activities: [
          lookup(firstRowOnly),
          {
            name: "KeepIt",
            type: "SetVariable",
            dependsOn: [{ activity: "LookupConfig", dependencyConditions: ["Succeeded"] }],
            typeProperties: { variableName: "config", value: "@activity('LookupConfig').output.X" },
          },
        ],
        variables: { config: { type: "String" } },
      },
    },
    null,
    4,
  );
  const offered = async (text, after) => {
    await page.evaluate(
      ([t]) => window.playground.loadFactory({ files: { "outputs/pipeline/LoadConfig.json": t } }, "test"),
      [text],
    );
    await page.waitForFunction(() => window.playground.current === "outputs/pipeline/LoadConfig.json");
    // The cursor goes right after `after`, where a person would have typed it.
    await page.evaluate(([a]) => {
      const { view } = window.playground;
      const at = view.state.doc.toString().indexOf(a) + a.length;
      view.dispatch({ selection: { anchor: at } });
      view.focus();
    }, [after]);
    await page.keyboard.press("Control+Space");
    const items = page.locator(".cm-tooltip-autocomplete li");
    await items.first().waitFor({ timeout: 10_000 });
    const labels = (await page.locator(".cm-tooltip-autocomplete li .cm-completionLabel").allTextContents()).sort();
    await page.keyboard.press("Escape");
    return labels;
  };
  const output = "@activity('LookupConfig').output.";
  // A default Lookup (firstRowOnly absent) returns the first row only.
  let labels = await offered(pipeline(undefined).replace(`${output}X`, output), output);
  assert.ok(labels.includes("firstRow"), labels.join(", "));
  assert.ok(!labels.includes("value") && !labels.includes("count"), labels.join(", "));
  // firstRowOnly false: every row, and how many.
  labels = await offered(pipeline(false).replace(`${output}X`, output), output);
  assert.ok(labels.includes("value") && labels.includes("count"), labels.join(", "));
  assert.ok(!labels.includes("firstRow"), labels.join(", "));
  // One level up: the activity run itself.
  const run = "@activity('LookupConfig').";
  labels = await offered(pipeline(undefined).replace(`${output}X`, run), run);
  for (const member of ["output", "Status", "error"]) assert.ok(labels.includes(member), labels.join(", "));
});

test("Evaluate with inputs: the panel lists the inputs with their defaults and shows the value", async () => {
  const text = JSON.stringify(
    {
      name: "Days",
      properties: {
        parameters: { day: { type: "string", defaultValue: "2026-01-01" }, n: { type: "int" } },
        variables: { out: { type: "String" } },
        activities: [
          {
            name: "Keep",
            type: "SetVariable",
            typeProperties: { variableName: "out", value: "@concat(pipeline().parameters.day, '/', string(div(10, pipeline().parameters.n)))" },
          },
        ],
      },
    },
    null,
    4,
  );
  await page.evaluate(([t]) => window.playground.loadFactory({ files: { "eval/pipeline/Days.json": t } }, "test"), [text]);
  await page.waitForFunction(() => window.playground.current === "eval/pipeline/Days.json");
  await page.evaluate(() => {
    const { view } = window.playground;
    view.dispatch({ selection: { anchor: view.state.doc.toString().indexOf("@concat") + 3 } });
    view.focus();
  });
  // The keyboard shortcut opens the panel.
  await page.keyboard.press("Control+Shift+E");
  const panel = page.locator("#evaluate-panel");
  await panel.waitFor({ state: "visible", timeout: 10_000 });
  assert.match(await page.textContent("#evaluate-expression"), /^@concat\(pipeline\(\)\.parameters\.day/);
  const day = page.locator('#evaluate-inputs input[data-name="pipeline().parameters.day"]');
  const n = page.locator('#evaluate-inputs input[data-name="pipeline().parameters.n"]');
  assert.equal(await day.inputValue(), '"2026-01-01"');
  assert.equal(await n.inputValue(), "");
  assert.equal(await page.textContent("#evaluate-result"), "unknown: needs pipeline().parameters.n");

  // Given values: JSON when they parse (5), else text (Mon).
  await n.fill("5");
  await day.fill("Mon");
  await page.click("#evaluate-run");
  await page.waitForFunction(() => document.querySelector("#evaluate-result").className === "value");
  assert.equal(await page.textContent("#evaluate-result"), '"Mon/2"');
  mkdirSync(RESULTS, { recursive: true });
  await page.screenshot({ path: join(RESULTS, "evaluate.png") });

  // An error names the place; Enter in a field evaluates too.
  await n.fill("0");
  await n.press("Enter");
  await page.waitForFunction(() => document.querySelector("#evaluate-result").className === "error");
  assert.match(await page.textContent("#evaluate-result"), /^error: .*\(line \d+, column \d+\)/);

  // The button asks at the cursor; outside an expression it says so in the status line.
  await page.click("#evaluate-close");
  await page.evaluate(() => {
    const { view } = window.playground;
    view.dispatch({ selection: { anchor: view.state.doc.toString().indexOf("Days") + 1 } });
  });
  await page.click("#evaluate");
  await page.waitForFunction(() => /no expression at the cursor/.test(document.querySelector("#status").textContent));
  assert.equal(await panel.isHidden(), true);
});

test("the page logged no errors", () => {
  assert.deepEqual(pg.errors, []);
});
