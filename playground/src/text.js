// Conversions between the engine's shapes and the editor's: positions, snippets, Markdown.

/** `{line, character}` (zero-based, UTF-16) to an offset of a CodeMirror document. */
export function toOffset(doc, { line, character }) {
  if (line >= doc.lines) return doc.length;
  const l = doc.line(line + 1);
  return Math.min(l.from + character, l.to);
}

/** An offset of a CodeMirror document to `{line, character}`. */
export function toPosition(doc, offset) {
  const l = doc.lineAt(offset);
  return { line: l.number - 1, character: offset - l.from };
}

/**
 * An LSP snippet (`$1`, `${1:x}`, `${1|a,b|}`, `$0`) in CodeMirror's template syntax, which knows
 * `${1:x}`, `${1}` and `${0}` but neither bare `$1` nor choices (the first choice is the default).
 */
export function toTemplate(snippet) {
  return snippet
    .replace(/\$\{(\d+)\|([^|}]*)\|\}/g, (_, n, choices) => `\${${n}:${choices.split(",")[0]}}`)
    .replace(/\$(\d+)/g, (_, n) => `\${${n}}`)
    .replace(/#\{/g, "#\\{");
}

/** The text a snippet inserts once its placeholders are filled with their defaults. */
export function snippetText(snippet) {
  return snippet
    .replace(/\$\{\d+\|([^|}]*)\|\}/g, (_, choices) => choices.split(",")[0])
    .replace(/\$\{\d+:([^}]*)\}/g, "$1")
    .replace(/\$\{\d+\}|\$\d+/g, "");
}

const escapeHtml = (s) =>
  s.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]);

/** The little Markdown hovers use: paragraphs, `code`, **bold**, *italics*, fenced code, lists. */
export function markdownToHtml(md) {
  const out = [];
  const blocks = md.split(/\n{2,}/);
  for (const block of blocks) {
    const fence = /^```[^\n]*\n([\s\S]*?)\n?```$/.exec(block.trim());
    if (fence) {
      out.push(`<pre>${escapeHtml(fence[1])}</pre>`);
      continue;
    }
    const lines = block.split("\n");
    if (lines.every((l) => /^\s*[-*] /.test(l))) {
      out.push(`<ul>${lines.map((l) => `<li>${inline(l.replace(/^\s*[-*] /, ""))}</li>`).join("")}</ul>`);
    } else {
      out.push(`<p>${lines.map(inline).join("<br>")}</p>`);
    }
  }
  return out.join("");
}

function inline(text) {
  return text
    .split(/(`[^`]*`)/)
    .map((part) =>
      part.startsWith("`") && part.endsWith("`") && part.length > 1
        ? `<code>${escapeHtml(part.slice(1, -1))}</code>`
        : escapeHtml(part)
            .replace(/\*\*([^*]+)\*\*/g, "<strong>$1</strong>")
            .replace(/(^|[^*])\*([^*]+)\*/g, "$1<em>$2</em>"),
    )
    .join("");
}
