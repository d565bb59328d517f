// Feeds the wasm server, which cannot read a disk: the texts of the workspace's JSON files and
// `adf.toml` files at start, then what the file watcher sees change. Which of them belong to a
// factory is the engine's decision; this only reads and relays.

import * as vscode from "vscode";
import type { BaseLanguageClient } from "vscode-languageclient";
import { FILES_NOTIFICATION, FileText, FilesParams } from "./protocol";

const GLOB = "**/{*.json,adf.toml}";
// The engine leaves vendor folders out of every factory (as the native server's walk does);
// not reading them at all spares a browser thousands of fetches.
const NOT_READ = "**/node_modules/**";
// Files read at once: enough to hide a remote file system's latency, few enough not to flood it.
const PARALLEL = 16;

// `fatal`: a file that is not UTF-8 is left out, as the native server leaves it out (it logs
// it); `ignoreBOM`: a UTF-8 byte order mark stays in the text, as the native server reads it.
const decoder = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true });

async function read(uris: readonly vscode.Uri[], log: (line: string) => void): Promise<FileText[]> {
  const out: FileText[] = [];
  let next = 0;
  async function worker(): Promise<void> {
    while (next < uris.length) {
      const uri = uris[next++];
      try {
        out.push({ uri: uri.toString(), text: decoder.decode(await vscode.workspace.fs.readFile(uri)) });
      } catch (e) {
        log(`adf: ${uri.toString(true)} left out: ${e instanceof Error ? e.message : String(e)}`);
      }
    }
  }
  await Promise.all(Array.from({ length: Math.min(PARALLEL, uris.length) }, worker));
  return out;
}

/** Sends every file to `client`'s server, then keeps it told of changes until disposed. */
export async function feedFiles(client: BaseLanguageClient, log: (line: string) => void): Promise<vscode.Disposable> {
  const watcher = vscode.workspace.createFileSystemWatcher(GLOB);
  // Changes that arrive while the first listing is read wait for it, so they are not overtaken.
  const changed = new Map<string, vscode.Uri>();
  const removed = new Set<string>();
  let timer: ReturnType<typeof setTimeout> | undefined;
  let ready = false;
  async function flush(): Promise<void> {
    timer = undefined;
    const params: FilesParams = { changed: await read([...changed.values()], log), removed: [...removed] };
    changed.clear();
    removed.clear();
    if (params.changed?.length || params.removed?.length) await client.sendNotification(FILES_NOTIFICATION, params);
  }
  function later(): void {
    // A save or a checkout touches many files at once: one message for the lot.
    if (ready) timer ??= setTimeout(() => void flush(), 100);
  }
  watcher.onDidCreate((uri) => (removed.delete(uri.toString()), changed.set(uri.toString(), uri), later()));
  watcher.onDidChange((uri) => (removed.delete(uri.toString()), changed.set(uri.toString(), uri), later()));
  watcher.onDidDelete((uri) => (changed.delete(uri.toString()), removed.add(uri.toString()), later()));

  const started = Date.now();
  const uris = await vscode.workspace.findFiles(GLOB, NOT_READ);
  const files = await read(uris, log);
  await client.sendNotification(FILES_NOTIFICATION, { changed: files } satisfies FilesParams);
  log(`adf: sent ${files.length} files to the server in ${Date.now() - started} ms`);
  ready = true;
  if (changed.size || removed.size) later();
  return new vscode.Disposable(() => {
    if (timer) clearTimeout(timer);
    watcher.dispose();
  });
}
