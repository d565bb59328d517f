// URIs ⇄ the engine's paths. The engine knows paths only (a factory's layout is read from them);
// the client speaks in URIs, which in a browser are not `file:` ones (`vscode-remote://host/…`,
// `vscode-vfs://github/…`). A document belongs to the workspace when its scheme and authority
// are a workspace folder's: other views of a file (`git:` for a diff's left side, `untitled:`,
// an output channel) must never replace or join it, as adf-lsp keeps to `file:` URIs.

import { URI } from "vscode-uri";

export class Paths {
  /** Scheme and authority of each workspace folder ("file" and "" on a desktop). */
  private roots: { scheme: string; authority: string; path: string }[] = [];
  /** The URI of each path as the client spells it (its own percent-encoding kept). */
  private uris = new Map<string, string>();

  setRoots(uris: string[]): void {
    this.roots = [];
    for (const u of uris) {
      const parsed = parse(u);
      if (parsed) this.roots.push({ scheme: parsed.scheme, authority: parsed.authority, path: parsed.path });
    }
  }

  /** The engine's path of a URI of the workspace, else undefined. Without workspace folders (a
   * file opened alone) only `file:` URIs are files. */
  pathOf(uri: string): string | undefined {
    const parsed = parse(uri);
    if (!parsed) return undefined;
    const ours = this.roots.length > 0
      ? this.roots.some((r) => r.scheme === parsed.scheme && r.authority === parsed.authority)
      : parsed.scheme === "file";
    return ours ? parsed.path : undefined;
  }

  /** Like `pathOf`, and remembers how the client spells the URI. */
  learn(uri: string): string | undefined {
    const path = this.pathOf(uri);
    if (path !== undefined) this.uris.set(path, uri);
    return path;
  }

  /** The URI of an engine path: as the client spelt it, else under the workspace folder that
   * holds it (the first one, or `file:`, when none does). */
  uriOf(path: string): string {
    const known = this.uris.get(path);
    if (known !== undefined) return known;
    const root = this.roots.find((r) => path === r.path || path.startsWith(r.path.endsWith("/") ? r.path : `${r.path}/`))
      ?? this.roots[0];
    return URI.from({ scheme: root?.scheme ?? "file", authority: root?.authority ?? "", path }).toString();
  }
}

function parse(uri: string): URI | undefined {
  try {
    return URI.parse(uri, true);
  } catch {
    return undefined;
  }
}
