//! Sequences of LSP messages through the whole server, in process: opens, edits (ranges past
//! the end, reversed, versions out of order), closes and queries on documents of odd URI
//! schemes (`git:`, `untitled:`, `vscode-notebook-cell:`, `fugitive:`, ...), mixed with
//! malformed frames, then `shutdown` and `exit`. The server never panics, answers every request a client waits
//! for, and the session ends.
//!
//! No message names a folder that exists, so the server never walks the disk.
#![no_main]

use libfuzzer_sys::fuzz_target;
use serde_json::{json, Value};

const URIS: &[&str] = &[
    "file:///adf-fuzz-none/factory/pipeline/P.json",
    "file:///adf-fuzz-none/factory/dataset/D.json",
    "file:///adf-fuzz-none/arm/ARMTemplateForFactory.json",
    "git:/adf-fuzz-none/factory/pipeline/P.json?%7B%22ref%22%3A%22HEAD%22%7D",
    "untitled:Untitled-1",
    "vscode-notebook-cell:/adf-fuzz-none/n.ipynb#W0sZmlsZQ%3D%3D",
    "fugitive:///adf-fuzz-none/.git//0/factory/pipeline/P.json",
    "diffview:///adf-fuzz-none/factory/pipeline/P.json",
    "file:///adf-fuzz-none/factory/pipeline/%E2%82%AC%ZZ.json",
    "file://server/share/adf-fuzz-none/pipeline/P.json",
    "not a uri",
];

const TEXTS: &[&str] = &[
    r#"{"name": "P", "properties": {"activities": [{"name": "A", "type": "Wait", "typeProperties": {"waitTimeInSeconds": 1}},
  {"name": "B", "type": "SetVariable", "dependsOn": [{"activity": "A", "dependencyConditions": ["Succeeded"]}],
   "typeProperties": {"variableName": "v", "value": "@{concat(pipeline().parameters.p, activity('A').output)}"}}],
  "parameters": {"p": {"type": "string"}}, "variables": {"v": {"type": "String"}}}}"#,
    r#"{"name": "D", "properties": {"type": "DelimitedText", "linkedServiceName": {"referenceName": "L", "type": "LinkedServiceReference"}}}"#,
    r#"{"$schema": "https://schema.management.azure.com/schemas/2015-01-01/deploymentTemplate.json#", "resources": [{"type": "Microsoft.DataFactory/factories/pipelines", "name": "[concat(parameters('factoryName'), '/P')]", "properties": {"activities": []}}]}"#,
];

/// Reads the fuzz input as a sequence of small decisions.
struct Input<'a>(&'a [u8]);

impl Input<'_> {
    fn byte(&mut self) -> Option<u8> {
        let (&b, rest) = self.0.split_first()?;
        self.0 = rest;
        Some(b)
    }

    fn pick<'t>(&mut self, from: &[&'t str]) -> &'t str {
        from[usize::from(self.byte().unwrap_or(0)) % from.len()]
    }

    fn bytes(&mut self) -> Vec<u8> {
        let n = usize::from(self.byte().unwrap_or(0)).min(self.0.len());
        let (taken, rest) = self.0.split_at(n);
        self.0 = rest;
        taken.to_vec()
    }

    fn text(&mut self) -> String {
        String::from_utf8_lossy(&self.bytes()).into_owned()
    }

    fn position(&mut self) -> Value {
        json!({"line": self.byte().unwrap_or(0) % 8, "character": self.byte().unwrap_or(0)})
    }
}

fn frame(body: &[u8]) -> Vec<u8> {
    let mut out = format!("Content-Length: {}\r\n\r\n", body.len()).into_bytes();
    out.extend_from_slice(body);
    out
}

fn message(v: Value) -> Vec<u8> {
    frame(v.to_string().as_bytes())
}

const REQUESTS: &[&str] = &[
    "textDocument/hover",
    "textDocument/completion",
    "textDocument/definition",
    "textDocument/references",
    "textDocument/rename",
    "textDocument/prepareRename",
    "textDocument/documentSymbol",
    "textDocument/foldingRange",
    "textDocument/selectionRange",
    "textDocument/codeAction",
    "workspace/symbol",
];

fuzz_target!(|data: &[u8]| {
    let mut input = Input(data);
    // Each step's bytes, and the request whose answer a client would wait for before going on.
    let mut steps = vec![
        (
            message(json!({"jsonrpc": "2.0", "id": 0, "method": "initialize",
                "params": {"processId": null, "rootUri": null, "capabilities": {}}})),
            Some(0),
        ),
        (
            message(json!({"jsonrpc": "2.0", "method": "initialized", "params": {}})),
            None,
        ),
    ];
    // Once raw bytes went out, a later frame may be swallowed whole: wait for nothing more.
    let mut framed = true;
    let mut id = 1;
    let mut ops = 0;
    while let Some(op) = input.byte() {
        ops += 1;
        if ops > 64 {
            break;
        }
        let uri = input.pick(URIS);
        let doc = json!({"uri": uri});
        let mut wait = None;
        let sent = match op % 10 {
            0 => {
                let text = if input.byte().unwrap_or(0) % 2 == 0 {
                    input.pick(TEXTS).to_string()
                } else {
                    input.text()
                };
                json!({"jsonrpc": "2.0", "method": "textDocument/didOpen", "params": {"textDocument":
                    {"uri": uri, "languageId": "json", "version": input.byte().unwrap_or(0), "text": text}}})
            }
            1 => {
                let version = i32::from(input.byte().unwrap_or(0)) - 8;
                let change = if input.byte().unwrap_or(0) % 4 == 0 {
                    json!({"text": input.text()})
                } else {
                    json!({"range": {"start": input.position(), "end": input.position()},
                        "text": input.text()})
                };
                json!({"jsonrpc": "2.0", "method": "textDocument/didChange", "params": {
                    "textDocument": {"uri": uri, "version": version}, "contentChanges": [change]}})
            }
            2 => json!({"jsonrpc": "2.0", "method": "textDocument/didClose",
                "params": {"textDocument": doc}}),
            3 => json!({"jsonrpc": "2.0", "method": "textDocument/didSave",
                "params": {"textDocument": doc}}),
            4 => json!({"jsonrpc": "2.0", "method": "workspace/didChangeWatchedFiles",
                "params": {"changes": [{"uri": uri, "type": input.byte().unwrap_or(0) % 4}]}}),
            5 | 6 => {
                id += 1;
                let method = input.pick(REQUESTS);
                // Mostly wait for the answer; sometimes cancel or overtake it instead.
                if framed && op % 20 < 10 {
                    wait = Some(id);
                }
                let position = input.position();
                json!({"jsonrpc": "2.0", "id": id, "method": method, "params": {
                    "textDocument": doc, "position": position,
                    "positions": [position],
                    "range": {"start": position, "end": input.position()},
                    "context": {"diagnostics": [], "includeDeclaration": true},
                    "newName": input.text(), "query": input.text()}})
            }
            7 => json!({"jsonrpc": "2.0", "method": "$/cancelRequest",
                "params": {"id": id}}),
            8 => {
                // A frame whose body is anything, under a correct length.
                steps.push((frame(&input.bytes()), None));
                continue;
            }
            _ => {
                // Bytes that need not be a frame at all.
                framed = false;
                steps.push((input.bytes(), None));
                continue;
            }
        };
        steps.push((message(sent), wait));
    }
    let shutdown = json!({"jsonrpc": "2.0", "id": id + 1, "method": "shutdown"});
    steps.push((message(shutdown), framed.then_some(id + 1)));
    steps.push((message(json!({"jsonrpc": "2.0", "method": "exit"})), None));
    let _ = adf_lsp::fuzz_session(steps);
});
