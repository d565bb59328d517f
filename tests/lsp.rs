//! `adf lsp` end to end: a JSON-RPC client of our own (tests/src/lsp_client.rs) speaks to the
//! release binary over stdio, no shortcut into the server. One scripted exchange per advertised
//! capability, on scratch copies of examples/ml-retraining (v1) and tests/fixtures/lsp-v2.

use adf_e2e::lsp_client::{pos, td, uri, Client};
use adf_e2e::{adf_bin, copy_tree, repo, scratch};
use serde_json::{json, Value};
use std::path::{Path, PathBuf};

/// A scratch copy of a folder of the repository, by its canonical path (URIs must match).
fn copy_of(rel: &str, name: &str) -> PathBuf {
    let dir = scratch(name);
    copy_tree(&repo().join(rel), &dir);
    std::fs::canonicalize(&dir).expect("canonical scratch")
}

fn read(path: &Path) -> String {
    std::fs::read_to_string(path).expect("read")
}

/// Client capabilities of an editor that shows progress and expands snippets.
fn with_progress() -> Value {
    json!({"window": {"workDoneProgress": true},
           "textDocument": {"completion": {"completionItem": {"snippetSupport": true}}}})
}

fn codes(diagnostics: &Value) -> Vec<String> {
    diagnostics
        .as_array()
        .into_iter()
        .flatten()
        .filter_map(|d| d["code"].as_str().map(str::to_string))
        .collect()
}

#[test]
fn lsp_over_stdio_serves_every_advertised_capability() {
    let dir = copy_of("examples/ml-retraining", "lsp");
    let mut c = Client::start(&adf_bin());

    // initialize: exactly the tested capabilities, nothing more; UTF-16 unless offered UTF-8.
    let caps = c.initialize(&dir, with_progress());
    let mut names: Vec<&str> = caps
        .as_object()
        .expect("capabilities")
        .keys()
        .map(String::as_str)
        .collect();
    names.sort_unstable();
    assert_eq!(
        names,
        vec![
            "codeActionProvider",
            "completionProvider",
            "definitionProvider",
            "diagnosticProvider",
            "documentSymbolProvider",
            "executeCommandProvider",
            "foldingRangeProvider",
            "hoverProvider",
            "positionEncoding",
            "referencesProvider",
            "renameProvider",
            "selectionRangeProvider",
            "textDocumentSync",
            "workspaceSymbolProvider",
        ]
    );
    assert_eq!(caps["positionEncoding"], "utf-16");
    assert_eq!(
        caps["executeCommandProvider"]["commands"],
        json!(["adf.evaluate"])
    );
    assert_eq!(caps["textDocumentSync"]["change"], 2);
    c.indexed();
    assert!(
        c.server_requests
            .contains(&"window/workDoneProgress/create".to_string()),
        "{:?}",
        c.server_requests
    );

    // didOpen with a broken reference: diagnostics with the document's version.
    let model = dir.join("TrainedModel.json");
    let model_uri = uri(&model);
    let good = read(&model);
    let broken = good.replace(
        "\"linkedServiceName\": \"BlobStorage\"",
        "\"linkedServiceName\": \"BlobStorag\"",
    );
    assert_ne!(good, broken);
    c.open(&model_uri, &broken);
    let d = c.diagnostics(&model_uri, |p| p["version"] == 1);
    assert!(
        codes(&d["diagnostics"]).contains(&"unresolved-reference".to_string()),
        "{d}"
    );

    // didChange, incremental: type the missing letter; the finding goes away.
    let at = broken.find("BlobStorag\"").expect("name") + "BlobStorag".len();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 2},
               "contentChanges": [{"range": {"start": pos(&broken, at), "end": pos(&broken, at)}, "text": "e"}]}),
    );
    let d = c.diagnostics(&model_uri, |p| p["version"] == 2);
    assert!(codes(&d["diagnostics"]).is_empty(), "{d}");
    let text = good.clone();

    // definition: from the dataset's linkedServiceName to the linked service's file.
    let on_ref = pos(&text, text.find("\"BlobStorage\"").expect("ref") + 3);
    let def = c.result("textDocument/definition", td(&model_uri, on_ref.clone()));
    let ls_uri = uri(&dir.join("BlobStorage.json"));
    assert_eq!(def[0]["uri"], ls_uri.as_str(), "{def}");
    assert_eq!(def[0]["range"]["start"]["line"], 2, "{def}");

    // hover on the reference: an entity summary.
    let h = c.result("textDocument/hover", td(&model_uri, on_ref.clone()));
    let md = h["contents"]["value"].as_str().expect("markdown");
    assert!(
        md.contains("linked service") && md.contains("AzureStorage"),
        "{h}"
    );

    // references: the declaration and every dataset and activity naming it.
    let mut params = td(&model_uri, on_ref.clone());
    params["context"] = json!({"includeDeclaration": true});
    let refs = c.result("textDocument/references", params);
    let files: Vec<&str> = refs
        .as_array()
        .expect("array")
        .iter()
        .filter_map(|l| l["uri"].as_str())
        .collect();
    assert!(files.contains(&ls_uri.as_str()), "{refs}");
    assert!(files.contains(&model_uri.as_str()), "{refs}");
    assert!(files.len() >= 4, "{refs}");

    // completion of a property name in half-typed text (full-text sync this time).
    let brace = text.find("\"properties\": {").expect("properties") + "\"properties\": {".len();
    let half = format!("{}\n        \"ext{}", &text[..brace], &text[brace..]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 3}, "contentChanges": [{"text": half}]}),
    );
    let cursor = pos(&half, brace + "\n        \"ext".len());
    let items = c.result("textDocument/completion", td(&model_uri, cursor.clone()));
    let external = items
        .as_array()
        .expect("array")
        .iter()
        .find(|i| i["label"] == "external")
        .unwrap_or_else(|| panic!("no `external` in {items}"));
    assert_eq!(external["insertTextFormat"], 2, "{external}");
    // It replaces what was typed of the key, opening quote included.
    let edit = &external["textEdit"];
    assert_eq!(
        edit["range"]["start"]["character"].as_u64(),
        cursor["character"].as_u64().map(|c| c - 4),
        "{external}"
    );
    assert!(
        edit["newText"]
            .as_str()
            .is_some_and(|t| t.starts_with("\"external\": ")),
        "{external}"
    );
    assert_eq!(external["filterText"], "\"external\"", "{external}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 4}, "contentChanges": [{"text": text}]}),
    );

    // documentSymbol: the pipeline with its activities nested.
    let pipe_uri = uri(&dir.join("WeeklyRetraining.json"));
    let syms = c.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": pipe_uri}}),
    );
    assert_eq!(syms[0]["name"], "WeeklyRetraining", "{syms}");
    let children: Vec<&str> = syms[0]["children"]
        .as_array()
        .expect("children")
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    assert_eq!(children, vec!["RetrainModel", "UpdateScoringModel"]);

    // workspace/symbol: an activity found by a fuzzy query, with its pipeline as container.
    let found = c.result("workspace/symbol", json!({"query": "updscor"}));
    let hit = found
        .as_array()
        .expect("array")
        .iter()
        .find(|s| s["name"] == "UpdateScoringModel")
        .unwrap_or_else(|| panic!("no UpdateScoringModel in {found}"));
    assert_eq!(hit["containerName"], "WeeklyRetraining", "{hit}");
    assert_eq!(hit["location"]["uri"], pipe_uri.as_str(), "{hit}");

    // pull diagnostics answer too (this client also gets pushes, having not declared pull).
    let report = c.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": model_uri}}),
    );
    assert_eq!(report["kind"], "full", "{report}");

    // rename: the linked service's name and every reference, across files.
    let mut params = td(&model_uri, on_ref.clone());
    params["newName"] = json!("TrainingStorage");
    let edit = c.result("textDocument/rename", params);
    let changes = edit["changes"].as_object().expect("changes");
    assert!(
        changes.contains_key(&ls_uri) && changes.contains_key(&model_uri),
        "{edit}"
    );
    assert!(changes
        .values()
        .flat_map(|v| v.as_array().into_iter().flatten())
        .all(|e| e["newText"] == "\"TrainingStorage\""));

    // A position outside the document is an error; a document that is no file (not part of
    // the factory) gets an empty answer, not an error the client would log each time.
    let r = c.request(
        "textDocument/hover",
        td(&model_uri, json!({"line": 9999, "character": 0})),
    );
    assert_eq!(r["error"]["code"], -32602, "{r}");
    let r = c.request(
        "textDocument/definition",
        td("untitled:Untitled-1", json!({"line": 0, "character": 0})),
    );
    assert!(r.get("error").is_none() && r["result"].is_null(), "{r}");

    // didClose: the file returns to its disk text, still served.
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": model_uri}}),
    );
    let def = c.result("textDocument/definition", td(&model_uri, on_ref));
    assert_eq!(def[0]["uri"], ls_uri.as_str(), "{def}");
    c.stop();
}

#[test]
fn a_pulling_client_gets_result_ids_and_no_pushes() {
    let dir = copy_of("examples/ml-retraining", "lsp-pull");
    let mut c = Client::start(&adf_bin());
    c.initialize(
        &dir,
        json!({"window": {"workDoneProgress": true},
               "textDocument": {"diagnostic": {"dynamicRegistration": false}}}),
    );
    c.indexed();
    let model = dir.join("TrainedModel.json");
    let model_uri = uri(&model);
    let text = read(&model);
    c.open(&model_uri, &text);

    let first = c.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": model_uri}}),
    );
    assert_eq!(first["kind"], "full", "{first}");
    assert_eq!(first["items"], json!([]), "{first}");
    let id = first["resultId"].as_str().expect("result id").to_string();
    let again = c.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": model_uri}, "previousResultId": id}),
    );
    assert_eq!(again["kind"], "unchanged", "{again}");

    // An edit that breaks a reference: a new report with the finding.
    let broken = text.replace("\"BlobStorage\"", "\"Nowhere\"");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": model_uri, "version": 2}, "contentChanges": [{"text": broken}]}),
    );
    let after = c.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": model_uri}, "previousResultId": id}),
    );
    assert_eq!(after["kind"], "full", "{after}");
    assert!(
        codes(&after["items"]).contains(&"unresolved-reference".to_string()),
        "{after}"
    );

    // workspace/diagnostic: every file, unchanged where the client has the current id.
    let all = c.result(
        "workspace/diagnostic",
        json!({"previousResultIds": [{"uri": model_uri, "value": after["resultId"]}]}),
    );
    let items = all["items"].as_array().expect("items");
    assert_eq!(items.len(), 7, "{all}");
    let mine = items
        .iter()
        .find(|i| i["uri"] == model_uri.as_str())
        .expect("the open file");
    assert_eq!(mine["kind"], "unchanged", "{mine}");
    assert_eq!(mine["version"], 2, "{mine}");

    // A file that left the workspace (VS Code pulls the old name once more after a rename)
    // has no findings; it is not an error.
    let gone = c.result(
        "textDocument/diagnostic",
        json!({"textDocument": {"uri": uri(&dir.join("Renamed.json"))}}),
    );
    assert_eq!(gone["kind"], "full", "{gone}");
    assert_eq!(gone["items"], json!([]), "{gone}");

    // Nothing was pushed to a client that pulls.
    c.drain();
    assert!(
        !c.notes
            .iter()
            .any(|m| m["method"] == "textDocument/publishDiagnostics"),
        "pushed to a pulling client"
    );
    c.stop();
}

#[test]
fn utf8_positions_when_the_client_offers_them() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-utf8");
    let mut c = Client::start(&adf_bin());
    let caps = c.initialize(
        &dir,
        json!({"window": {"workDoneProgress": true},
               "general": {"positionEncodings": ["utf-8", "utf-16"]}}),
    );
    assert_eq!(caps["positionEncoding"], "utf-8");
    c.indexed();
    // A description with multi-byte characters before the reference on the same line.
    let ds = dir.join("dataset/SalesCsv.json");
    let ds_uri = uri(&ds);
    let text = read(&ds).replace(
        "\"referenceName\": \"SalesStore\"",
        "\"referenceName\": \"SalesStore\", \"description\": \"Ümsätze €\"",
    );
    let text = text.replace(
        "\"linkedServiceName\": {",
        "\"annotations\": [\"Ümsätze 😀\"], \"linkedServiceName\": {",
    );
    c.open(&ds_uri, &text);
    let at = text.find("\"SalesStore\"").expect("ref") + 2;
    let line_start = text[..at].rfind('\n').map_or(0, |i| i + 1);
    let utf8 = json!({"line": text[..at].matches('\n').count(), "character": at - line_start});
    let def = c.result("textDocument/definition", td(&ds_uri, utf8));
    assert_eq!(
        def[0]["uri"],
        uri(&dir.join("linkedService/SalesStore.json")),
        "{def}"
    );
    c.stop();
}

#[test]
fn files_changed_outside_the_editor_and_the_configuration_are_followed() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-watch");
    let mut c = Client::start(&adf_bin());
    c.initialize(
        &dir,
        json!({"window": {"workDoneProgress": true},
               "workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    c.indexed();
    assert!(
        c.server_requests
            .contains(&"client/registerCapability".to_string()),
        "{:?}",
        c.server_requests
    );

    // A git checkout brings a dataset whose linked service does not exist.
    let orders = dir.join("dataset/Orders.json");
    std::fs::write(
        &orders,
        read(&dir.join("dataset/SalesCsv.json"))
            .replace("\"SalesCsv\"", "\"Orders\"")
            .replace("\"SalesStore\"", "\"OrdersStore\""),
    )
    .expect("write");
    let orders_uri = uri(&orders);
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": orders_uri, "type": 1}]}),
    );
    let d = c.diagnostics(&orders_uri, |p| {
        codes(&p["diagnostics"]).contains(&"unresolved-reference".to_string())
    });
    assert!(d["version"].is_null(), "{d}");

    // adf.toml switches the rule off: the finding is withdrawn.
    std::fs::write(
        dir.join("adf.toml"),
        "[rules]\nunresolved-reference = \"off\"\n",
    )
    .expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("adf.toml")), "type": 1}]}),
    );
    c.diagnostics(&orders_uri, |p| {
        !codes(&p["diagnostics"]).contains(&"unresolved-reference".to_string())
    });

    // A mistake in it is a finding of adf.toml at the fault; the last good version holds.
    let config_uri = uri(&dir.join("adf.toml"));
    std::fs::write(
        dir.join("adf.toml"),
        "[rules]\nunresolved-reference = \"of\"\n",
    )
    .expect("write");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": config_uri, "type": 2}]}),
    );
    let bad = c.diagnostics(&config_uri, |p| {
        codes(&p["diagnostics"]) == ["invalid-config".to_string()]
    });
    assert_eq!(
        bad["diagnostics"][0]["range"],
        json!({"start": {"line": 1, "character": 23}, "end": {"line": 1, "character": 27}}),
        "{bad}"
    );
    assert!(
        c.notes.iter().all(|m| m["method"] != "window/showMessage"),
        "a finding, not a message: {:?}",
        c.notes
    );

    // The file is deleted: its findings are cleared, and so are the configuration's.
    std::fs::remove_file(dir.join("adf.toml")).expect("rm");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("adf.toml")), "type": 3}]}),
    );
    c.diagnostics(&orders_uri, |p| {
        codes(&p["diagnostics"]).contains(&"unresolved-reference".to_string())
    });
    c.diagnostics(&config_uri, |p| p["diagnostics"] == json!([]));
    std::fs::remove_file(&orders).expect("rm");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": orders_uri, "type": 3}]}),
    );
    c.diagnostics(&orders_uri, |p| p["diagnostics"] == json!([]));
    c.stop();
}

#[test]
fn folders_joined_in_adf_toml_form_one_factory() {
    let dir = copy_of("tests/fixtures/config-factory-joins", "lsp-joins");
    std::fs::copy(
        repo().join("tests/fixtures/config-factory-joins/adf.toml"),
        dir.join("adf.toml"),
    )
    .expect("copy adf.toml");
    let unresolved = |p: &Value| {
        codes(&p["diagnostics"])
            .iter()
            .filter(|c| *c == "unresolved-reference")
            .count()
    };
    let mut c = Client::start(&adf_bin());
    c.initialize(
        &dir,
        json!({"workspace": {"didChangeWatchedFiles": {"dynamicRegistration": true}}}),
    );
    let pipeline = uri(&dir.join("templates/pipeline/P_Sample.json"));
    // Indexed with the configuration: only the name that is nowhere is unresolved.
    c.diagnostics(&pipeline, |p| unresolved(p) == 1);
    std::fs::remove_file(dir.join("adf.toml")).expect("rm");
    c.notify(
        "workspace/didChangeWatchedFiles",
        json!({"changes": [{"uri": uri(&dir.join("adf.toml")), "type": 3}]}),
    );
    c.diagnostics(&pipeline, |p| unresolved(p) == 2);
    c.stop();
}

#[test]
fn no_false_unresolved_reference_while_indexing() {
    // A factory big enough that indexing takes a while: the example plus thousands of
    // datasets that reference its linked service.
    let dir = copy_of("examples/ml-retraining", "lsp-indexing");
    let template = read(&dir.join("TrainedModel.json"));
    for i in 0..3000 {
        let name = format!("Filler{i:04}");
        std::fs::write(
            dir.join(format!("{name}.json")),
            template.replace("\"TrainedModel\"", &format!("\"{name}\"")),
        )
        .expect("write");
    }
    let broken = dir.join("Broken.json");
    let broken_text = template
        .replace("\"TrainedModel\"", "\"Broken\"")
        .replace("\"BlobStorage\"", "\"NoSuchStore\"");
    std::fs::write(&broken, broken_text).expect("write");
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    // Opened at once: a dataset whose references all resolve once the factory is known, and
    // one planted broken reference.
    let model = dir.join("TrainedModel.json");
    let model_uri = uri(&model);
    let text = read(&model).replace(
        "\"properties\": {",
        "\"properties\": {\n        \"description\": \"x\",",
    );
    c.open(&model_uri, &text);
    let first = c.diagnostics(&model_uri, |_| true);
    let before_end = !c
        .notes
        .iter()
        .any(|m| m["method"] == "$/progress" && m["params"]["value"]["kind"] == "end");
    assert!(
        before_end,
        "the factory was indexed before the first answer; the test proves nothing"
    );
    assert!(
        !codes(&first["diagnostics"]).contains(&"unresolved-reference".to_string()),
        "{first}"
    );
    c.indexed();
    // Once indexed, the planted fault is reported, and the opened file stays clean.
    let broken_uri = uri(&broken);
    let d = c.diagnostics(&broken_uri, |_| true);
    assert!(
        codes(&d["diagnostics"]).contains(&"unresolved-reference".to_string()),
        "{d}"
    );
    c.drain();
    for m in &c.notes {
        if m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == model_uri {
            assert!(
                !codes(&m["params"]["diagnostics"]).contains(&"unresolved-reference".to_string()),
                "{m}"
            );
        }
    }
    c.stop();
}

#[test]
fn the_secret_never_reaches_the_client() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-secret");
    let secret = "Lsp7vKx2mP4tR7wY1cB5nL9sD3fG6hJ0kQeUiOa==";
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    let ls = dir.join("linkedService/SalesStore.json");
    let ls_uri = uri(&ls);
    let text = read(&ls);
    assert!(text.contains(secret));
    c.open(&ls_uri, &text);
    let d = c.diagnostics(&ls_uri, |p| {
        codes(&p["diagnostics"]).contains(&"plaintext-secret".to_string())
    });
    assert!(!d.to_string().contains(secret), "{d}");
    let at = text.find(secret).expect("secret");
    let h = c.request("textDocument/hover", td(&ls_uri, pos(&text, at + 5)));
    assert!(!h.to_string().contains(secret), "{h}");
    // Typed without its quotes, the secret is invalid JSON, quoted by three characters only.
    let start = text
        .find("\"connectionString\": \"")
        .expect("connectionString");
    let end = start + text[start..].find('\n').expect("line end");
    let unquoted = format!("{}\"password\": {secret}{}", &text[..start], &text[end..]);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ls_uri, "version": 2}, "contentChanges": [{"text": unquoted}]}),
    );
    let d = c.diagnostics(&ls_uri, |p| {
        codes(&p["diagnostics"]).contains(&"invalid-json".to_string())
    });
    assert!(!d.to_string().contains(&secret[..4]), "{d}");
    c.stop();
}

#[test]
fn v2_actions_folding_selection_expressions_and_file_renames() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-v2");
    let secret = "Lsp7vKx2mP4tR7wY1cB5nL9sD3fG6hJ0kQeUiOa==";
    let mut c = Client::start(&adf_bin());
    c.initialize(
        &dir,
        json!({"window": {"workDoneProgress": true},
               "workspace": {"workspaceEdit": {"documentChanges": true,
                                               "resourceOperations": ["create", "rename", "delete"]}}}),
    );
    c.indexed();

    // codeAction: replace the inline secret with a Key Vault reference, one per vault.
    let ls = dir.join("linkedService/SalesStore.json");
    let ls_uri = uri(&ls);
    let ls_text = read(&ls);
    c.open(&ls_uri, &ls_text);
    let d = c.diagnostics(&ls_uri, |p| {
        codes(&p["diagnostics"]).contains(&"plaintext-secret".to_string())
    });
    let finding = d["diagnostics"]
        .as_array()
        .expect("array")
        .iter()
        .find(|x| x["code"] == "plaintext-secret")
        .expect("finding")
        .clone();
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": ls_uri}, "range": finding["range"],
               "context": {"diagnostics": [finding]}}),
    );
    assert!(!actions.to_string().contains(secret), "{actions}");
    let vault = actions
        .as_array()
        .expect("array")
        .iter()
        .find(|a| a["title"].as_str().is_some_and(|t| t.contains("'Vault'")))
        .unwrap_or_else(|| panic!("no Key Vault action in {actions}"));
    assert_eq!(vault["kind"], "quickfix", "{vault}");
    assert_eq!(
        vault["diagnostics"][0]["code"], "plaintext-secret",
        "{vault}"
    );
    let new_text = vault["edit"]["changes"][ls_uri.as_str()][0]["newText"]
        .as_str()
        .expect("edit");
    assert!(new_text.contains("AzureKeyVaultSecret"), "{new_text}");

    // codeAction: take the suggested name of a misspelled reference.
    let ds = dir.join("dataset/SalesCsv.json");
    let ds_uri = uri(&ds);
    let typo = read(&ds).replace("\"SalesStore\"", "\"SalesStor\"");
    c.open(&ds_uri, &typo);
    let d = c.diagnostics(&ds_uri, |p| {
        codes(&p["diagnostics"]).contains(&"unresolved-reference".to_string())
    });
    let finding = d["diagnostics"][0].clone();
    let actions = c.result(
        "textDocument/codeAction",
        json!({"textDocument": {"uri": ds_uri}, "range": finding["range"],
               "context": {"diagnostics": [finding]}}),
    );
    let take = &actions[0];
    assert_eq!(take["isPreferred"], true, "{actions}");
    assert_eq!(
        take["edit"]["changes"][ds_uri.as_str()][0]["newText"],
        "\"SalesStore\"",
        "{actions}"
    );

    // foldingRange: the pipeline's objects and arrays that span lines.
    let pipe = dir.join("pipeline/LoadSales.json");
    let pipe_uri = uri(&pipe);
    let pipe_text = read(&pipe);
    let folds = c.result(
        "textDocument/foldingRange",
        json!({"textDocument": {"uri": pipe_uri}}),
    );
    let folds = folds.as_array().expect("array");
    assert!(folds.len() >= 8, "{folds:?}");
    let activities_line = pipe_text[..pipe_text.find("\"activities\"").expect("activities")]
        .matches('\n')
        .count();
    assert!(
        folds.iter().any(|f| f["startLine"] == activities_line),
        "{folds:?}"
    );

    // selectionRange: from the activity name outwards, each range inside the next.
    let at = pipe_text.find("\"LookupSales\"").expect("name") + 3;
    let sel = c.result(
        "textDocument/selectionRange",
        json!({"textDocument": {"uri": pipe_uri}, "positions": [pos(&pipe_text, at)]}),
    );
    let mut depth = 0;
    let mut node = &sel[0];
    while node.is_object() {
        depth += 1;
        node = &node["parent"];
    }
    assert!(depth >= 4, "{sel}");

    // completion and hover inside an expression.
    let expr_at = pipe_text.find("@string(").expect("expression") + "@str".len();
    let items = c.result(
        "textDocument/completion",
        td(&pipe_uri, pos(&pipe_text, expr_at)),
    );
    assert!(
        items
            .as_array()
            .expect("array")
            .iter()
            .any(|i| i["label"] == "string" && i["kind"] == 3),
        "{items}"
    );
    let h = c.result(
        "textDocument/hover",
        td(&pipe_uri, pos(&pipe_text, expr_at)),
    );
    assert!(
        h["contents"]["value"]
            .as_str()
            .is_some_and(|m| m.contains("string")),
        "{h}"
    );

    // rename an activity: its name, dependsOn, and activity('...') in the expression.
    let mut params = td(&pipe_uri, pos(&pipe_text, at));
    params["newName"] = json!("ReadSales");
    let edit = c.result("textDocument/rename", params);
    // No file moves: plain changes.
    let edits = edit["changes"][pipe_uri.as_str()]
        .as_array()
        .expect("changes");
    assert_eq!(edits.len(), 3, "{edit}");
    assert!(edits.iter().all(|e| e["newText"]
        .as_str()
        .is_some_and(|t| t.contains("ReadSales"))));

    // rename a dataset: every reference and its file, which ADF's git layout names after it.
    let ds_text = read(&ds);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": ds_uri, "version": 2}, "contentChanges": [{"text": ds_text}]}),
    );
    let name_at = ds_text.find("\"SalesCsv\"").expect("name") + 2;
    let mut params = td(&ds_uri, pos(&ds_text, name_at));
    params["newName"] = json!("Sales");
    let edit = c.result("textDocument/rename", params);
    let ops = edit["documentChanges"]
        .as_array()
        .expect("document changes");
    let renames: Vec<&Value> = ops.iter().filter(|o| o["kind"] == "rename").collect();
    assert_eq!(renames.len(), 1, "{edit}");
    assert_eq!(renames[0]["oldUri"], ds_uri.as_str(), "{edit}");
    assert_eq!(
        renames[0]["newUri"],
        uri(&dir.join("dataset/Sales.json")),
        "{edit}"
    );
    // The edits come first, naming the open document's version.
    let first = &ops[0];
    assert!(first["edits"].is_array(), "{edit}");
    let ds_edit = ops
        .iter()
        .find(|o| o["textDocument"]["uri"] == ds_uri.as_str())
        .expect("edit of the dataset");
    assert_eq!(ds_edit["textDocument"]["version"], 2, "{edit}");
    c.stop();
}

#[test]
fn a_guard_typed_into_the_callee_updates_the_callers_diagnostics() {
    let dir = scratch("lsp-null-guard");
    let pipelines = dir.join("pipeline");
    std::fs::create_dir_all(&pipelines).expect("mkdir");
    let parent = pipelines.join("Parent.json");
    let child = pipelines.join("Child.json");
    let parent_text = r#"{"name": "Parent", "properties": {"activities": [{"name": "Run", "type": "ExecutePipeline", "typeProperties": {"pipeline": {"referenceName": "Child", "type": "PipelineReference"}}}]}}"#;
    let child_text = |value: &str| {
        format!(
            r#"{{"name": "Child", "properties": {{"parameters": {{"x": {{"type": "string"}}}}, "variables": {{"n": {{"type": "String"}}}}, "activities": [{{"name": "Len", "type": "SetVariable", "typeProperties": {{"variableName": "n", "value": "{value}"}}}}]}}}}"#
        )
    };
    let bare = child_text("@string(length(pipeline().parameters.x))");
    let guarded = child_text("@string(length(coalesce(pipeline().parameters.x, '')))");
    std::fs::write(&parent, parent_text).expect("write");
    std::fs::write(&child, &bare).expect("write");
    let dir = std::fs::canonicalize(&dir).expect("canonical scratch");
    let (parent_uri, child_uri) = (
        uri(&dir.join("pipeline/Parent.json")),
        uri(&dir.join("pipeline/Child.json")),
    );
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    c.open(&parent_uri, parent_text);
    c.open(&child_uri, &bare);
    let missing =
        |p: &Value| codes(&p["diagnostics"]).contains(&"missing-parameter-argument".into());
    c.diagnostics(&parent_uri, missing);

    // Typing the guard into the callee clears the caller's finding, without a restart.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": child_uri, "version": 2}, "contentChanges": [{"text": guarded}]}),
    );
    c.diagnostics(&parent_uri, |p| !missing(p));

    // Taking it out again brings the finding back.
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": child_uri, "version": 3}, "contentChanges": [{"text": bare}]}),
    );
    c.diagnostics(&parent_uri, missing);
    c.stop();
}

#[test]
fn an_adf_toml_edited_in_the_editor_shows_its_mistake_as_it_is_typed() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-config-edit");
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    let config_uri = uri(&dir.join("adf.toml"));
    // Half typed: a key without its value.
    c.open(&config_uri, "[rules]\nunused-entity = \n");
    let d = c.diagnostics(&config_uri, |p| p["version"] == 1);
    assert_eq!(codes(&d["diagnostics"]), ["invalid-config"], "{d}");
    assert_eq!(d["diagnostics"][0]["range"]["start"]["line"], 1, "{d}");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config_uri, "version": 2},
               "contentChanges": [{"text": "[rules]\nunused-entity = \"off\"\n"}]}),
    );
    let d = c.diagnostics(&config_uri, |p| p["version"] == 2);
    assert!(codes(&d["diagnostics"]).is_empty(), "{d}");
    c.stop();
}

/// One malformed frame used to end the session silently with status 0: each is now skipped,
/// answered when it is a request with an id, and the session goes on.
#[test]
fn malformed_frames_are_skipped_and_the_session_goes_on() {
    let dir = copy_of("examples/ml-retraining", "lsp-frames");
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, json!({}));
    let file = dir.join("WeeklyRetraining.json");
    c.open(&uri(&file), &read(&file));
    let frame = |header: &str, body: &str| format!("{header}: {}\r\n\r\n{body}", body.len());
    let hover = json!({"jsonrpc": "2.0", "id": 900, "method": "textDocument/hover",
        "params": td(&uri(&file), json!({"line": 0, "character": 0}))});
    for (what, bytes, answer_id) in [
        (
            "a body that is not JSON",
            frame("Content-Length", "{not json"),
            Some(Value::Null),
        ),
        (
            "a batch",
            frame(
                "Content-Length",
                r#"[{"jsonrpc":"2.0","id":5,"method":"shutdown"}]"#,
            ),
            Some(Value::Null),
        ),
        (
            "JSON-RPC 1.0",
            frame(
                "Content-Length",
                r#"{"jsonrpc":"1.0","id":6,"method":"shutdown"}"#,
            ),
            Some(json!(6)),
        ),
        (
            "no jsonrpc member",
            frame("Content-Length", r#"{"id":"seven","method":"shutdown"}"#),
            Some(json!("seven")),
        ),
        (
            "a length that is not a number",
            "Content-Length: twelve\r\n\r\n{}".to_string(),
            None,
        ),
    ] {
        c.write_raw(bytes.as_bytes());
        if let Some(id) = answer_id {
            let error = c.wait_for(what, |m| m["id"] == id && m.get("error").is_some());
            assert!(error["error"]["code"].as_i64().is_some(), "{what}: {error}");
        }
        // The session is alive: a well-formed request still gets its answer.
        c.write_raw(frame("Content-Length", &hover.to_string()).as_bytes());
        let r = c.wait_for(what, |m| m["id"] == 900);
        assert!(r.get("error").is_none(), "{what}: {r}");
    }
    // Header names are case-insensitive: a lowercase `content-length` is a good frame.
    c.write_raw(frame("content-length", &hover.to_string()).as_bytes());
    let r = c.wait_for("a lowercase header", |m| m["id"] == 900);
    assert!(r.get("error").is_none(), "{r}");
    c.stop();
}

/// LSP: `exit` without a `shutdown` before it ends the server with status 1.
#[test]
fn exit_without_shutdown_is_status_1() {
    let dir = copy_of("examples/ml-retraining", "lsp-exit");
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, json!({}));
    c.notify("exit", Value::Null);
    assert_eq!(c.exit_status().code(), Some(1));
}

#[test]
fn completion_sends_plain_text_to_a_client_without_snippet_support() {
    let dir = copy_of("examples/ml-retraining", "lsp-plain-completion");
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, json!({"window": {"workDoneProgress": true}}));
    c.indexed();
    let model = dir.join("TrainedModel.json");
    let model_uri = uri(&model);
    let text = read(&model);
    let brace = text.find("\"properties\": {").expect("properties") + "\"properties\": {".len();
    let half = format!("{}\n        \"ext{}", &text[..brace], &text[brace..]);
    c.open(&model_uri, &half);
    let cursor = pos(&half, brace + "\n        \"ext".len());
    let items = c.result("textDocument/completion", td(&model_uri, cursor));
    let items = items.as_array().expect("array");
    let external = items
        .iter()
        .find(|i| i["label"] == "external")
        .unwrap_or_else(|| panic!("no `external` in {items:?}"));
    assert_eq!(external["insertTextFormat"], 1, "{external}");
    assert_eq!(
        external["textEdit"]["newText"], "\"external\": true",
        "{external}"
    );
    for item in items {
        assert_ne!(item["insertTextFormat"], 2, "{item}");
        let inserted = item["textEdit"]["newText"]
            .as_str()
            .or(item["insertText"].as_str())
            .unwrap_or("");
        assert!(
            !inserted.contains("$1") && !inserted.contains("${"),
            "{item}"
        );
    }
    c.stop();
}

/// Every publishDiagnostics received so far, as (uri, version, codes).
fn published(c: &Client) -> Vec<(String, Value, Vec<String>)> {
    c.notes
        .iter()
        .filter(|m| m["method"] == "textDocument/publishDiagnostics")
        .map(|m| {
            let p = &m["params"];
            (
                p["uri"].as_str().unwrap_or_default().to_string(),
                p["version"].clone(),
                codes(&p["diagnostics"]),
            )
        })
        .collect()
}

/// An incremental change of one range (`start`, `end` as LSP positions) to `text`.
fn change(uri: &str, version: i32, start: Value, end: Value, text: &str) -> Value {
    json!({"textDocument": {"uri": uri, "version": version},
           "contentChanges": [{"range": {"start": start, "end": end}, "text": text}]})
}

#[test]
fn a_diff_view_of_an_open_file_never_replaces_the_editors_text() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-diff-view");
    let path = dir.join("pipeline/LoadSales.json");
    let file_uri = uri(&path);
    let disk = read(&path);
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();

    // The editor breaks the dataset reference (unsaved): an unresolved reference.
    c.open(&file_uri, &disk);
    c.diagnostics(&file_uri, |p| p["version"] == 1);
    let at = disk.find("\"SalesCsv\"").expect("reference") + "\"SalesCsv".len();
    c.notify(
        "textDocument/didChange",
        change(&file_uri, 2, pos(&disk, at), pos(&disk, at), "X"),
    );
    let d = c.diagnostics(&file_uri, |p| p["version"] == 2);
    assert!(codes(&d["diagnostics"]).contains(&"unresolved-reference".to_string()));
    let mut editor = disk.clone();
    editor.insert(at, 'X');

    // VS Code's diff editor opens the HEAD text under `git:` (its query, percent-encoded,
    // says `{"path": ..., "ref": "HEAD"}`), then closes it.
    let git_uri = format!(
        "git:{}?%7B%22path%22%3A%22{}%22%2C%22ref%22%3A%22HEAD%22%7D",
        path.display(),
        path.display()
    );
    c.open(&git_uri, &disk);
    c.notify(
        "textDocument/didClose",
        json!({"textDocument": {"uri": git_uri}}),
    );

    // Typing goes on in the editor's text: the reference stays broken (now "SalesCsvXY").
    let at = at + 1;
    c.notify(
        "textDocument/didChange",
        change(&file_uri, 3, pos(&editor, at), pos(&editor, at), "Y"),
    );
    let d = c.diagnostics(&file_uri, |p| p["version"] == 3);
    let found = codes(&d["diagnostics"]);
    assert!(found.contains(&"unresolved-reference".to_string()), "{d}");
    assert!(!found.contains(&"invalid-json".to_string()), "{d}");
    let symbols = c.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": file_uri}}),
    );
    assert_eq!(symbols[0]["name"], "LoadSales", "{symbols}");
    let hover_at = editor.find("SalesCsvX").expect("edited reference") + 2;
    editor.insert(at, 'Y');
    assert!(editor.contains("\"SalesCsvXY\""));
    let h = c.request("textDocument/hover", td(&file_uri, pos(&editor, hover_at)));
    assert!(h.get("error").is_none(), "{h}");
    c.drain();
    assert!(
        published(&c).iter().all(|(u, _, _)| !u.starts_with("git:")),
        "{:?}",
        published(&c)
    );
    c.stop();
}

#[test]
fn copies_in_untitled_and_notebook_documents_are_not_part_of_the_factory() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-other-schemes");
    let path = dir.join("pipeline/LoadSales.json");
    let file_uri = uri(&path);
    let text = read(&path);
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();

    let pipeline = dir.join("pipeline");
    let copies = [
        format!("untitled:{}/Copy.json", pipeline.display()),
        format!(
            "vscode-notebook-cell:{}/Notes.json#W0sZmlsZQ%3D%3D",
            pipeline.display()
        ),
        format!(
            "fugitive://{}/.git//0/pipeline/LoadSales.json",
            dir.display()
        ),
    ];
    for copy in &copies {
        c.open(copy, &text);
        // Requests on them are answered, empty, without an error.
        for method in ["textDocument/documentSymbol", "textDocument/diagnostic"] {
            let r = c.request(method, json!({"textDocument": {"uri": copy}}));
            assert!(r.get("error").is_none(), "{method} {copy}: {r}");
        }
        let r = c.request("textDocument/hover", td(copy, pos(&text, 10)));
        assert!(r.get("error").is_none() && r["result"].is_null(), "{r}");
    }
    // The real pipeline, opened after the copies, has no duplicate name.
    c.open(&file_uri, &text);
    let d = c.diagnostics(&file_uri, |p| p["version"] == 1);
    assert!(
        !codes(&d["diagnostics"]).contains(&"duplicate-name".to_string()),
        "{d}"
    );
    c.drain();
    let about_copies: Vec<_> = published(&c)
        .into_iter()
        .filter(|(u, _, _)| !u.starts_with("file:"))
        .collect();
    assert!(about_copies.is_empty(), "{about_copies:?}");
    c.stop();
}

#[test]
fn a_change_outside_the_text_is_mended_and_late_versions_never_go_back() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-bad-ranges");
    let path = dir.join("pipeline/LoadSales.json");
    let file_uri = uri(&path);
    let text = read(&path);
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    c.open(&file_uri, &text);
    c.diagnostics(&file_uri, |p| p["version"] == 1);

    // One batch: a range given end first renames the pipeline, then a change at a line past
    // the end appends to the text the first change produced.
    let name = text.find("LoadSales").expect("name");
    let end = name + "LoadSales".len();
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file_uri, "version": 2},
               "contentChanges": [
                   {"range": {"start": pos(&text, end), "end": pos(&text, name)}, "text": "Renamed"},
                   {"range": {"start": {"line": 9999, "character": 0},
                              "end": {"line": 9999, "character": 0}}, "text": "\n"}]}),
    );
    let d = c.diagnostics(&file_uri, |p| p["version"] == 2);
    assert!(codes(&d["diagnostics"]).is_empty(), "{d}");
    let symbols = c.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": file_uri}}),
    );
    assert_eq!(symbols[0]["name"], "Renamed", "{symbols}");
    let logged = |c: &mut Client, what: &str| {
        c.wait_for(what, |m| {
            m["method"] == "window/logMessage"
                && m["params"]["message"]
                    .as_str()
                    .is_some_and(|s| s.contains(what))
        })
    };
    logged(&mut c, "other way round");
    logged(&mut c, "past the end");

    // Version 5, then a change that claims version 3: it is applied (the client sent it) and
    // logged, but findings never go back to an older version than one already published.
    let mut now = text.replacen("LoadSales", "Renamed", 1);
    now.push('\n');
    let at = now.find("Renamed").expect("name") + "Renamed".len();
    c.notify(
        "textDocument/didChange",
        change(&file_uri, 5, pos(&now, at), pos(&now, at), "A"),
    );
    c.diagnostics(&file_uri, |p| p["version"] == 5);
    now.insert(at, 'A');
    c.notify(
        "textDocument/didChange",
        change(&file_uri, 3, pos(&now, at + 1), pos(&now, at + 1), "B"),
    );
    logged(&mut c, "arrived after");
    let symbols = c.result(
        "textDocument/documentSymbol",
        json!({"textDocument": {"uri": file_uri}}),
    );
    assert_eq!(symbols[0]["name"], "RenamedAB", "{symbols}");
    c.drain();
    let versions: Vec<i64> = published(&c)
        .into_iter()
        .filter(|(u, _, _)| *u == file_uri)
        .filter_map(|(_, v, _)| v.as_i64())
        .collect();
    assert!(
        versions.windows(2).all(|w| w[0] <= w[1]),
        "versions published: {versions:?}"
    );
    c.stop();
}

/// A pipeline of `n` activities: big enough that checking it takes far longer than a hover.
fn big_pipeline(name: &str, n: usize) -> String {
    let activities: Vec<String> = (0..n)
        .map(|i| {
            format!(
                r#"{{"name": "Wait{i}", "type": "Wait", "typeProperties": {{"waitTimeInSeconds": 1}}}}"#
            )
        })
        .collect();
    format!(
        "{{\"name\": \"{name}\", \"properties\": {{\"activities\": [\n{}\n]}}}}",
        activities.join(",\n")
    )
}

#[test]
fn a_file_being_checked_does_not_hold_up_requests_on_other_files() {
    let dir = copy_of("tests/fixtures/lsp-v2", "lsp-slow-check");
    let other = dir.join("pipeline/LoadSales.json");
    let other_text = read(&other);
    let big_uri = uri(&dir.join("pipeline/Big.json"));
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();

    // The big file's check starts; a hover on another file is asked right behind it. Which
    // answer comes first is the order of two messages, not a time: the hover is answered
    // while the check runs, so before the big file's findings.
    c.open(&big_uri, &big_pipeline("Big", 10_000));
    let at = other_text.find("\"SalesCsv\"").expect("reference") + 2;
    let hover = c.send("textDocument/hover", td(&uri(&other), pos(&other_text, at)));
    let first = c.wait_for("the hover or the big file's findings", |m| {
        m["id"] == hover
            || (m["method"] == "textDocument/publishDiagnostics" && m["params"]["uri"] == big_uri)
    });
    assert_eq!(first["id"], hover, "{first}");
    assert!(first["result"]["contents"]["value"]
        .as_str()
        .is_some_and(|md| md.contains("SalesCsv")));
    c.stop();
}

#[test]
fn the_graph_request_answers_what_adf_graph_prints_with_the_configuration_applied() {
    let dir = copy_of("tests/fixtures/config-factory-joins", "lsp-graph");
    // The joined folders form one factory; a scratch dataset is excluded and must leave no node.
    std::fs::write(
        dir.join("adf.toml"),
        "exclude = [\"workspace/dataset/Ds_Scratch.json\"]\n\n[[factory]]\nfolders = [\"workspace\", \"templates\"]\n",
    )
    .expect("write adf.toml");
    let ingest = read(&dir.join("workspace/dataset/Ds_Ingest.json"));
    std::fs::write(
        dir.join("workspace/dataset/Ds_Scratch.json"),
        ingest.replace("\"Ds_Ingest\"", "\"Ds_Scratch\""),
    )
    .expect("write scratch dataset");
    let cli = adf_e2e::adf(
        &dir,
        &["graph", "--format", "json", dir.to_str().expect("utf-8")],
    );
    assert!(cli.status.success(), "{cli:?}");
    let printed: Value = serde_json::from_slice(&cli.stdout).expect("adf graph prints JSON");

    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    let graph = c.result("adf/graph", Value::Null);
    assert_eq!(graph, printed);
    let names: Vec<&str> = graph["nodes"]
        .as_array()
        .expect("nodes")
        .iter()
        .filter_map(|n| n["name"].as_str())
        .collect();
    assert!(
        names.contains(&"Ds_Ingest") && names.contains(&"P_Sample"),
        "{names:?}"
    );
    assert!(
        !names.contains(&"Ds_Scratch"),
        "an excluded file made a node: {names:?}"
    );
    // The pipeline in templates/ reaches the dataset in workspace/: one factory, a defined node.
    let ingest_node = graph["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["name"] == "Ds_Ingest")
        .expect("Ds_Ingest");
    assert!(ingest_node["path"].is_string(), "{ingest_node}");

    // The editor's text, not the disk's: a dataset typed into an open file is in the graph.
    let scratch_uri = uri(&dir.join("workspace/dataset/Ds_Typed.json"));
    c.open(
        &scratch_uri,
        &ingest.replace("\"Ds_Ingest\"", "\"Ds_Typed\""),
    );
    let graph = c.result("adf/graph", Value::Null);
    let typed = graph["nodes"]
        .as_array()
        .into_iter()
        .flatten()
        .find(|n| n["name"] == "Ds_Typed")
        .expect("the typed dataset is a node");
    assert_eq!(
        typed["range"]["start"],
        json!({"line": 1, "character": 12}),
        "{typed}"
    );
    // A params object the request does not take is refused, not ignored.
    let refused = c.request("adf/graph", json!({"root": "P_Sample"}));
    assert!(refused.get("error").is_some(), "{refused}");
    c.stop();
}

/// `profile` in adf.toml selects its rules in the editor as in `adf check`, and an edit of the
/// configuration in the editor switches them on and off.
#[test]
fn a_profile_in_adf_toml_is_followed_in_the_editor() {
    let dir = copy_of("examples/retail-lake", "lsp-profile");
    std::fs::write(dir.join("adf.toml"), "profile = \"fabric\"\n").expect("write adf.toml");
    let runtime = dir.join("integrationRuntime/StoreNetwork.json");
    let runtime_uri = uri(&runtime);
    let config_uri = uri(&dir.join("adf.toml"));
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    c.open(&runtime_uri, &read(&runtime));
    let d = c.diagnostics(&runtime_uri, |p| p["version"] == 1);
    assert_eq!(codes(&d["diagnostics"]), ["fabric-not-migrated"], "{d}");
    // The profile line taken out in the editor: the runtime's findings go.
    c.open(&config_uri, "profile = \"fabric\"\n");
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": config_uri, "version": 2},
               "contentChanges": [{"text": "# no profile\n"}]}),
    );
    let d = c.diagnostics(&runtime_uri, |p| {
        p["diagnostics"].as_array().is_some_and(Vec::is_empty)
    });
    assert!(codes(&d["diagnostics"]).is_empty(), "{d}");
    c.stop();
}

/// A pipeline whose Set Variable reads `activity('LookupConfig')` and whose Lookup has
/// `firstRowOnly` as given (`None`: absent).
fn lookup_pipeline(first_row_only: Option<bool>, expression: &str) -> String {
    let mut lookup = json!({
        "name": "LookupConfig",
        "type": "Lookup",
        "typeProperties": {
            "source": {"type": "AzureSqlSource", "sqlReaderQuery": "select 1 as n"},
            "dataset": {"referenceName": "ConfigTable", "type": "DatasetReference"}
        }
    });
    if let Some(only) = first_row_only {
        lookup["typeProperties"]["firstRowOnly"] = json!(only);
    }
    let pipeline = json!({
        "name": "LoadConfig",
        "properties": {
            "activities": [lookup, {
                "name": "KeepIt",
                "type": "SetVariable",
                "dependsOn": [{"activity": "LookupConfig", "dependencyConditions": ["Succeeded"]}],
                "typeProperties": {"variableName": "config", "value": expression}
            }],
            "variables": {"config": {"type": "String"}}
        }
    });
    serde_json::to_string_pretty(&pipeline).expect("JSON")
}

#[test]
fn completion_after_an_activity_knows_what_a_lookup_returns() {
    let dir = std::fs::canonicalize({
        let d = scratch("lsp-activity-outputs");
        std::fs::create_dir_all(d.join("pipeline")).expect("mkdir");
        d
    })
    .expect("canonical scratch");
    let path = dir.join("pipeline/LoadConfig.json");
    let output = "@activity('LookupConfig').output.";
    std::fs::write(&path, lookup_pipeline(None, output)).expect("write");
    let file_uri = uri(&path);
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    let labels_at = |c: &mut Client, text: &str, after: &str| -> Vec<String> {
        let at = text.find(after).expect("expression") + after.len();
        let items = c.result("textDocument/completion", td(&file_uri, pos(text, at)));
        items
            .as_array()
            .expect("array")
            .iter()
            .filter_map(|i| i["label"].as_str().map(str::to_string))
            .collect()
    };
    // A default Lookup (no firstRowOnly) returns its first row only.
    let text = lookup_pipeline(None, output);
    c.open(&file_uri, &text);
    let labels = labels_at(&mut c, &text, output);
    assert!(labels.iter().any(|l| l == "firstRow"), "{labels:?}");
    assert!(
        !labels.iter().any(|l| l == "value" || l == "count"),
        "{labels:?}"
    );
    // firstRowOnly false: every row and their number.
    let text = lookup_pipeline(Some(false), output);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file_uri, "version": 2}, "contentChanges": [{"text": text}]}),
    );
    let labels = labels_at(&mut c, &text, output);
    for member in ["value", "count"] {
        assert!(labels.iter().any(|l| l == member), "{labels:?}");
    }
    assert!(!labels.iter().any(|l| l == "firstRow"), "{labels:?}");
    // One level up: the activity run itself.
    let run = "@activity('LookupConfig').";
    let text = lookup_pipeline(None, run);
    c.notify(
        "textDocument/didChange",
        json!({"textDocument": {"uri": file_uri, "version": 3}, "contentChanges": [{"text": text}]}),
    );
    let labels = labels_at(&mut c, &text, run);
    for member in ["output", "Status", "error"] {
        assert!(labels.iter().any(|l| l == member), "{labels:?}");
    }
    c.stop();
}

#[test]
fn evaluate_lists_the_inputs_then_answers_with_the_given_ones() {
    let dir = std::fs::canonicalize({
        let d = scratch("lsp-evaluate");
        std::fs::create_dir_all(d.join("pipeline")).expect("mkdir");
        d
    })
    .expect("canonical scratch");
    let path = dir.join("pipeline/Days.json");
    // A non-ASCII name before the expression: the ranges are in UTF-16 code units.
    let text = r#"{"name": "Days", "properties": {
 "parameters": {"day": {"type": "string", "defaultValue": "2026-01-01"}, "n": {"type": "int"}},
 "variables": {"out": {"type": "String"}},
 "activities": [{"name": "Größe 😀", "type": "SetVariable", "typeProperties": {"variableName": "out",
   "value": "@concat(pipeline().parameters.day, '/', string(div(10, pipeline().parameters.n)))"}}]}}"#;
    std::fs::write(&path, text).expect("write");
    let file_uri = uri(&path);
    let mut c = Client::start(&adf_bin());
    c.initialize(&dir, with_progress());
    c.indexed();
    c.open(&file_uri, text);
    let at = pos(text, text.find("@concat").expect("expression") + 3);
    let command = |inputs: Value| {
        json!({"command": "adf.evaluate",
               "arguments": [{"uri": file_uri, "position": at, "inputs": inputs}]})
    };

    // Without inputs: what it reads, with the declared defaults, and what is still needed.
    let first = c.result("workspace/executeCommand", command(json!({})));
    assert_eq!(
        first["inputs"],
        json!([
            {"name": "pipeline().parameters.day", "kind": "parameter", "default": "\"2026-01-01\""},
            {"name": "pipeline().parameters.n", "kind": "parameter", "default": null}
        ]),
        "{first}"
    );
    assert_eq!(
        first["result"],
        json!({"kind": "unknown", "needs": ["pipeline().parameters.n"]})
    );
    let start = text.find("\"@concat").expect("literal");
    assert_eq!(first["range"]["start"], pos(text, start), "{first}");
    // The line of the expression holds "Größe 😀": UTF-16 counts the emoji as 2 units.
    let line = text.lines().nth(4).expect("line");
    assert_eq!(
        first["range"]["start"]["character"],
        line.find("\"@concat")
            .map(|b| line[..b].encode_utf16().count())
            .expect("on the line"),
    );

    // With inputs: JSON when it parses, else a string.
    let second = c.result(
        "workspace/executeCommand",
        command(json!({"pipeline().parameters.n": "5", "pipeline().parameters.day": "Mon"})),
    );
    assert_eq!(
        second["result"],
        json!({"kind": "value", "value": "\"Mon/2\""}),
        "{second}"
    );

    // An error: the message and the range of the sub-expression at fault.
    let third = c.result(
        "workspace/executeCommand",
        command(json!({"pipeline().parameters.n": "0"})),
    );
    assert_eq!(third["result"]["kind"], "error", "{third}");
    let fault = text.find("pipeline().parameters.n)").expect("divisor");
    assert_eq!(third["result"]["range"]["start"], pos(text, fault));

    // Outside an expression: null.
    let outside = json!({"command": "adf.evaluate", "arguments": [
        {"uri": file_uri, "position": pos(text, text.find("Days").expect("name"))}]});
    assert_eq!(c.result("workspace/executeCommand", outside), Value::Null);
    // A document that is not a file (an untitled buffer) is none of the factory's: null too.
    let untitled =
        json!({"command": "adf.evaluate", "arguments": [{"uri": "untitled:x", "position": at}]});
    assert_eq!(c.result("workspace/executeCommand", untitled), Value::Null);

    // Bad arguments and unknown commands are errors, and the server goes on.
    for bad in [
        json!({"command": "adf.evaluate", "arguments": []}),
        json!({"command": "adf.evaluate", "arguments": [{"uri": file_uri}]}),
        json!({"command": "adf.evaluate", "arguments": [{"uri": file_uri, "position": at, "inputs": [1]}]}),
        json!({"command": "adf.nothing", "arguments": []}),
    ] {
        let r = c.request("workspace/executeCommand", bad.clone());
        assert_eq!(r["error"]["code"], -32602, "{bad} -> {r}");
    }
    let again = c.result("workspace/executeCommand", command(json!({})));
    assert_eq!(again, first);
    c.stop();
}
