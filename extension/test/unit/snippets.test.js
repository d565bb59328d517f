const test = require("node:test");
const assert = require("node:assert/strict");
const path = require("node:path");
const fs = require("node:fs");
const os = require("node:os");
const { spawnSync } = require("node:child_process");

const ext = path.join(__dirname, "..", "..");
const pkg = JSON.parse(fs.readFileSync(path.join(ext, "package.json"), "utf8"));
const adf = process.env.ADF_BINARY ?? path.join(ext, "..", "target", "release", "adf");

/** The text VS Code inserts when every placeholder keeps its default: `${n:default}` is the
 * default, `${n|a,b|}` the first choice, `$n` nothing. */
function expand(body) {
  const text = Array.isArray(body) ? body.join("\n") : body;
  return text
    .replace(/\$\{\d+\|([^,|}]*)[^}]*\|\}/g, "$1")
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\d+/g, "");
}

const contributed = pkg.contributes.snippets.filter((s) => s.language === "adf-json");
const snippets = Object.fromEntries(contributed.flatMap((s) =>
  Object.entries(JSON.parse(fs.readFileSync(path.join(ext, s.path), "utf8")))));

test("placeholder expansion as VS Code does it", () => {
  assert.equal(expand(["\"${1:Name}\": ${2|Day,Hour|}, $0"]), "\"Name\": Day, ");
});

test("the snippets for new entities are contributed to ADF JSON", () => {
  assert.deepEqual(Object.keys(snippets).sort(),
    ["Copy pipeline", "Dataset", "Key Vault linked service", "Linked service with Key Vault", "Schedule trigger"]);
  for (const [name, s] of Object.entries(snippets)) {
    assert.match(s.prefix, /^adf-/, name);
    assert.ok(s.description, name);
  }
});

test("each snippet, expanded, is valid JSON, and together they form a factory adf check finds no error in", () => {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), "adf-snippets-"));
  const put = (folder, name, text) => {
    fs.mkdirSync(path.join(dir, folder), { recursive: true });
    fs.writeFileSync(path.join(dir, folder, `${name}.json`), text);
  };
  const entity = (title) => {
    const text = expand(snippets[title].body);
    const json = JSON.parse(text);
    assert.equal(typeof json.name, "string", title);
    return [json.name, text];
  };
  const [pipeline, pipelineText] = entity("Copy pipeline");
  put("pipeline", pipeline, pipelineText);
  const copy = JSON.parse(pipelineText).properties.activities[0];
  // The pipeline's default source and sink are two datasets of the dataset snippet.
  const [dataset, datasetText] = entity("Dataset");
  assert.equal(dataset, copy.inputs[0].referenceName);
  put("dataset", dataset, datasetText);
  const sink = copy.outputs[0].referenceName;
  put("dataset", sink, datasetText.replace(`"${dataset}"`, `"${sink}"`));
  for (const title of ["Linked service with Key Vault", "Key Vault linked service"]) {
    const [name, text] = entity(title);
    put("linkedService", name, text);
  }
  const [trigger, triggerText] = entity("Schedule trigger");
  put("trigger", trigger, triggerText);

  const run = spawnSync(adf, ["check", "--format", "json", "."], { cwd: dir, encoding: "utf8" });
  const report = JSON.parse(run.stdout);
  assert.equal(report.summary.entities, 6, run.stdout);
  assert.deepEqual(report.diagnostics.filter((d) => d.severity === "error"), [], run.stdout);
  assert.equal(run.status, 0, run.stdout + run.stderr);
  fs.rmSync(dir, { recursive: true, force: true });
});
