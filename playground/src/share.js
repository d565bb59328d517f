// The factory in localStorage and in a share link: `#f=` + base64url(deflate(JSON)).

import { deflateSync, inflateSync, strFromU8, strToU8, unzipSync } from "fflate";

const STORAGE_KEY = "adf-playground:factory";

/** @typedef {{files: Record<string, string>, open?: string}} Factory */

function toBase64Url(bytes) {
  let s = "";
  for (let i = 0; i < bytes.length; i += 0x8000) s += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(s).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function fromBase64Url(text) {
  const b = atob(text.replace(/-/g, "+").replace(/_/g, "/"));
  const bytes = new Uint8Array(b.length);
  for (let i = 0; i < b.length; i++) bytes[i] = b.charCodeAt(i);
  return bytes;
}

/** The URL hash that carries `factory`. */
export function encodeShare(factory) {
  return "#f=" + toBase64Url(deflateSync(strToU8(JSON.stringify(factory)), { level: 9 }));
}

/** The factory of a share hash, or null when the hash carries none (or a broken one). */
export function decodeShare(hash) {
  const m = /^#f=([A-Za-z0-9_-]+)$/.exec(hash);
  if (!m) return null;
  try {
    return validFactory(JSON.parse(strFromU8(inflateSync(fromBase64Url(m[1])))));
  } catch {
    return null;
  }
}

function validFactory(v) {
  if (!v || typeof v !== "object" || !v.files || typeof v.files !== "object") return null;
  const files = {};
  for (const [p, t] of Object.entries(v.files)) if (typeof t === "string") files[p] = t;
  return { files, open: typeof v.open === "string" ? v.open : undefined };
}

export function saveLocal(factory) {
  try {
    localStorage.setItem(STORAGE_KEY, JSON.stringify(factory));
    return true;
  } catch {
    return false; // quota or privacy mode: the page still works, it just won't remember
  }
}

export function loadLocal() {
  try {
    const raw = localStorage.getItem(STORAGE_KEY);
    return raw ? validFactory(JSON.parse(raw)) : null;
  } catch {
    return null;
  }
}

export function clearLocal() {
  try {
    localStorage.removeItem(STORAGE_KEY);
  } catch {
    /* nothing stored */
  }
}

/** Whether a path is one the engine reads: JSON entities, ARM templates, `adf.toml`. */
export const isFactoryFile = (path) => /\.json$/i.test(path) || /(^|\/)adf\.toml$/.test(path);

const SKIPPED = /(^|\/)(\.git|node_modules|__MACOSX)\//;

/**
 * The factory files of a zip (e.g. a downloaded git folder). A single top folder every entry shares
 * (GitHub's `repo-main/`) is kept: it becomes the factory root's name.
 */
export function filesFromZip(bytes) {
  const entries = unzipSync(bytes, { filter: (f) => isFactoryFile(f.name) && !SKIPPED.test(f.name) });
  const files = {};
  for (const [name, data] of Object.entries(entries)) {
    if (name.endsWith("/")) continue;
    files[name] = strFromU8(data).replace(/^\uFEFF/, "");
  }
  return files;
}
