// The parts of the client that decide something, kept free of the `vscode` module so that
// `node --test` can exercise them outside an editor, and free of Node's modules, as the
// browser entry uses them too.

/** The folders of ADF's git layout (a factory or Synapse workspace). */
export const FACTORY_FOLDERS: readonly string[] = [
  "pipeline",
  "linkedService",
  "dataset",
  "trigger",
  "dataflow",
  "integrationRuntime",
  "credential",
  "managedVirtualNetwork",
  "factory",
];

/** File names of a factory's exported ARM templates. */
export const ARM_TEMPLATE_NAMES: readonly string[] = [
  "ARMTemplateForFactory.json",
  "ARMTemplateParametersForFactory.json",
];

/** Data Factory's custom ARM parameterization file (checked by `invalid-parameterization`). */
export const PARAMETERIZATION_NAME = "arm-template-parameters-definition.json";

/** The language id of factory files: VS Code's JSON service leaves them alone (it would
 * otherwise try to download their `$schema` URLs and report it cannot), and the client's
 * document selector names only this id, so other JSON never reaches the server. */
export const LANGUAGE_ID = "adf-json";

/** The globs that give a file the factory language id (package.json `filenamePatterns`
 * must list the same; a unit test checks it). */
export function factoryFilenamePatterns(): string[] {
  return [
    ...FACTORY_FOLDERS.map((f) => `**/${f}/*.json`),
    ...ARM_TEMPLATE_NAMES.map((n) => `**/${n}`),
    `**/${PARAMETERIZATION_NAME}`,
  ];
}

/** What the extension's presence in a workspace hinges on (`workspaceContains:` events). */
export function activationPatterns(): string[] {
  return [...factoryFilenamePatterns(), "**/publish_config.json", "**/*.dfproj"];
}

/** Whether a document opened as plain JSON is a factory file the path patterns cannot see:
 * a v1 entity (its `$schema` names the 2015 Data Factory schemas), an exported ARM template of a
 * factory or Synapse workspace under another name, or a v2 entity opened alone. Only the shape
 * is looked at here; findings are the server's. */
export function looksLikeFactoryJson(text: string): boolean {
  const head = text.slice(0, 4096);
  if (/"\$schema"\s*:\s*"https?:\/\/datafactories\.schema\.management\.azure\.com\/schemas\/2015-/i.test(head)) {
    return true;
  }
  if (
    /"\$schema"\s*:\s*"[^"]*deploymentTemplate\.json/i.test(head) &&
    /"type"\s*:\s*"Microsoft\.(DataFactory\/factories|Synapse\/workspaces)/i.test(text)
  ) {
    return true;
  }
  return isV2EntityShape(text);
}

/** A v2 entity as Studio's git integration writes it, opened alone outside the layout's
 * folders: `name` and `properties` holding activities (a pipeline), or a `type` with its
 * `typeProperties` (a linked service, dataset, trigger, data flow or integration runtime).
 * A `name` and `properties.type` alone are not enough: apps keep such settings too. */
function isV2EntityShape(text: string): boolean {
  if (!/"properties"/.test(text.slice(0, 65536))) return false;
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return false;
  }
  if (!isObject(value) || typeof value.name !== "string" || !isObject(value.properties)) return false;
  const p = value.properties;
  if (Array.isArray(p.activities)) return true;
  return typeof p.type === "string" && isObject(p.typeProperties);
}

function isObject(v: unknown): v is Record<string, unknown> {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

export interface ServerLocation {
  command: string;
  /** Where it came from, for the output channel and error messages; `wasm`: `command` is the
   * Node module of the wasm server (dist/server-node.js), not a binary. */
  origin: "setting" | "bundled" | "wasm";
}

/** The server to run: the `adf` binary named by the `adf.server.path` setting when set, else
 * the one bundled for this platform (server/<platform>-<arch>/adf), else the wasm server in
 * Node, which runs everywhere (so one universal .vsix serves every OS). */
export function resolveServerPath(
  setting: string | undefined,
  extensionPath: string,
  platform: string,
  arch: string,
  exists: (p: string) => boolean,
  home: string,
): ServerLocation {
  const configured = setting?.trim();
  if (configured) {
    const expanded = configured === "~" || configured.startsWith("~/")
      ? home + configured.slice(1)
      : configured;
    return { command: expanded, origin: "setting" };
  }
  const exe = platform === "win32" ? "adf.exe" : "adf";
  const sep = platform === "win32" ? "\\" : "/";
  const bundled = [extensionPath, "server", `${platform}-${arch}`, exe].join(sep);
  if (exists(bundled)) {
    return { command: bundled, origin: "bundled" };
  }
  return { command: [extensionPath, "dist", "server-node.js"].join(sep), origin: "wasm" };
}

/** The page documenting a rule, at the release's tag: the server names the rule in a
 * diagnostic's `code` but sends no link. Undefined for a code that is not a rule name. */
export function ruleLink(repository: string, version: string, code: unknown): string | undefined {
  if (typeof code !== "string" || !/^[a-z0-9]+(-[a-z0-9]+)*$/.test(code)) {
    return undefined;
  }
  return `${repository.replace(/\/+$/, "")}/blob/v${version}/docs/rules/${code}.md`;
}
