//! ## What it does
//! Checks the custom parameterization file of Data Factory's CI/CD,
//! `arm-template-parameters-definition.json` (any folder; Data Factory reads it from the root
//! folder of the git branch). It reports:
//! - a top-level key that is not a Data Factory resource type (the file has one section per
//!   resource type, such as `Microsoft.DataFactory/factories/pipelines`; names are compared
//!   without regard to case);
//! - a definition string that does not follow `<action>:<name>:<stype>`: the action must be
//!   `=` (keep the current value as the parameter's default), `-` (no default) or `|` (a Key
//!   Vault secret for a connection string or key); the type, when given, one of `string`,
//!   `securestring`, `int`, `bool`, `object`, `secureobject` and `array` (any case);
//! - a value that is neither such a string nor an object or array of further definitions
//!   (a number, `true`, `null`, or a section that is not an object).
//!
//! Property paths are checked by `unknown-parameterized-property`.
//!
//! ## Why is this bad?
//! Data Factory reads this file when it publishes from the collaboration branch or exports
//! the ARM template, and parameterizes the properties it describes. A section under a
//! resource type it does not know, or a definition it cannot read, does not give the ARM
//! template the parameter the author meant, and the deployment to the next environment keeps
//! the development value.
//!
//! The severity is a warning: no published error says that publishing fails on such a file.
//!
//! ## Evidence
//! The resource type sections, the `<action>:<name>:<stype>` format, the three actions and the
//! supported types are those of Microsoft's page on custom parameters:
//! <https://learn.microsoft.com/en-us/azure/data-factory/continuous-integration-delivery-resource-manager-custom-parameters>.
//!
//! ## Example
//! `arm-template-parameters-definition.json`:
//! ```json
//! {
//!     "Microsoft.DataFactory/factories/pipeline": {
//!         "properties": {"parameters": {"*": {"defaultValue": "="}}}
//!     },
//!     "Microsoft.DataFactory/factories/triggers": {
//!         "properties": {"typeProperties": {"recurrence": {"interval": "=:-interval:integer"}}}
//!     }
//! }
//! ```
//!
//! Use instead: `arm-template-parameters-definition.json`:
//! ```json
//! {
//!     "Microsoft.DataFactory/factories/pipelines": {
//!         "properties": {"parameters": {"*": {"defaultValue": "="}}}
//!     },
//!     "Microsoft.DataFactory/factories/triggers": {
//!         "properties": {"typeProperties": {"recurrence": {"interval": "=:-interval:int"}}}
//!     }
//! }
//! ```

use super::{unknown_parameterized_property, Rule};
use crate::diagnostic::{Diagnostic, Severity, TextRange};
use crate::parameterization::{
    is_root_property, lookup, Level, Lookup, DOCUMENTED_PATHS, RESOURCE_TYPES, TYPES,
};
use crate::{json, suggest};
use adf_catalog::{catalog, Catalog, Dialect, EntityKind};
use adf_syntax::ast::{Object, Value};

pub static RULE: Rule = Rule {
    code: "ADF0130",
    name: "invalid-parameterization",
    severity: Severity::Warning,
    summary: "an unknown resource type or a malformed definition in arm-template-parameters-definition.json",
    source: "src/rules/invalid_parameterization.rs",
};

/// One definition object waiting to be checked.
struct Work<'t, 'a> {
    obj: &'t Object<'a>,
    /// The catalog shapes its keys are looked up in; `None` once the path cannot be followed
    /// (open shapes, `*` over shapes the catalog does not describe): then only the syntax is
    /// checked.
    levels: Option<Vec<Level>>,
    /// The entity kind and whether this is the resource's own level (where linked services and
    /// datasets take a type name or `*` as a key), for the path in messages.
    kind: EntityKind,
    entity_level: bool,
    path: String,
}

/// Checks a parsed `arm-template-parameters-definition.json`.
pub(crate) fn check(root: &Value<'_>, out: &mut Vec<Diagnostic>) {
    let Value::Object(root) = root else {
        let r = json::range(root);
        out.push(Diagnostic::new(
            &RULE,
            TextRange::new(r.start, r.start + 1),
            "the parameterization file is an object with one section per resource type, such \
             as `Microsoft.DataFactory/factories/pipelines`",
        ));
        return;
    };
    let cat = catalog();
    let mut work = Vec::new();
    for prop in json::live(root) {
        let key = json::name(prop);
        let range: TextRange = json::name_range(prop).into();
        let Some((_, kind)) = RESOURCE_TYPES
            .iter()
            .find(|(t, _)| t.eq_ignore_ascii_case(key))
        else {
            let typos = suggest::typos(key, RESOURCE_TYPES.iter().map(|(t, _)| *t), 2);
            out.push(
                Diagnostic::new(
                    &RULE,
                    range,
                    format!(
                        "`{key}` is not a Data Factory resource type, so this section \
                         parameterizes nothing{}",
                        suggest::did_you_mean(&typos)
                    ),
                )
                .with_suggestion(&typos),
            );
            continue;
        };
        let Value::Object(section) = &prop.value else {
            not_a_definition(&prop.value, key, out);
            continue;
        };
        let Some(kind) = *kind else {
            // No catalog shape to follow: the syntax is still checked.
            work.push(Work {
                obj: section,
                levels: None,
                kind: EntityKind::Factory,
                entity_level: false,
                path: String::new(),
            });
            continue;
        };
        let levels = cat
            .entity(Dialect::V2, kind)
            .map(|e| vec![Level::Obj(e.root)]);
        work.push(Work {
            obj: section,
            levels,
            kind,
            entity_level: true,
            path: String::new(),
        });
    }
    while let Some(w) = work.pop() {
        check_object(cat, w, &mut work, out);
    }
}

/// Checks one definition object's keys and values, queueing nested objects.
fn check_object<'t, 'a>(
    cat: &Catalog,
    w: Work<'t, 'a>,
    work: &mut Vec<Work<'t, 'a>>,
    out: &mut Vec<Diagnostic>,
) {
    let type_names = if w.entity_level {
        cat.type_names(Dialect::V2, w.kind)
    } else {
        Vec::new()
    };
    for prop in json::live(w.obj) {
        let key = json::name(prop);
        let range: TextRange = json::name_range(prop).into();
        let path = if w.path.is_empty() {
            key.to_string()
        } else {
            format!("{}/{key}", w.path)
        };
        // At the resource's own level a key may name the entity's type (or `*`, any type):
        // its definitions apply to entities of that type (the page's linked service sample).
        let type_key = w.entity_level
            && (key == "*" || type_names.iter().any(|t| t.eq_ignore_ascii_case(key)))
            && !is_root_property(cat, w.levels.as_deref(), key);
        let (next, entity_level) = if type_key {
            (w.levels.clone(), false)
        } else {
            let documented = DOCUMENTED_PATHS
                .iter()
                .any(|(k, p)| *k == w.kind && p.eq_ignore_ascii_case(&path));
            let next = match &w.levels {
                Some(_) if documented => Some(vec![Level::Any]),
                Some(levels) => match lookup(cat, levels, key) {
                    Lookup::Found(next) => (!next.is_empty()).then_some(next),
                    Lookup::Open => {
                        if w.entity_level {
                            unknown_level_key(
                                cat,
                                w.levels.as_deref(),
                                key,
                                range,
                                w.kind,
                                &type_names,
                                out,
                            );
                        }
                        None
                    }
                    Lookup::Missing(known) => {
                        out.push(unknown_parameterized_property::diagnostic(
                            range,
                            key,
                            &w.path,
                            w.kind,
                            known.iter().map(String::as_str),
                        ));
                        None
                    }
                },
                None => None,
            };
            (next, false)
        };
        match &prop.value {
            Value::StringLit(s) => check_definition(s.value.as_ref(), s.range.into(), out),
            Value::Object(o) => work.push(Work {
                obj: o,
                levels: next,
                kind: w.kind,
                entity_level,
                path,
            }),
            Value::Array(a) => {
                // `[definition object, "name property"]`: the object applies to every element
                // of the array, the optional string names the element property that names the
                // parameters.
                for e in &a.elements {
                    match e {
                        Value::Object(o) => work.push(Work {
                            obj: o,
                            levels: next.clone(),
                            kind: w.kind,
                            entity_level: false,
                            path: path.clone(),
                        }),
                        Value::StringLit(_) => {}
                        other => not_a_definition(other, key, out),
                    }
                }
            }
            other => not_a_definition(other, key, out),
        }
    }
}

/// A key at the resource's level that is neither one of its properties nor a known type: a
/// near miss of a property (`propertes`) or a type name is reported. Other names are left
/// alone: the resource's own level is open (an ARM resource has `apiVersion`, `dependsOn`...),
/// and the catalog may lag newer types.
fn unknown_level_key(
    cat: &Catalog,
    levels: Option<&[Level]>,
    key: &str,
    range: TextRange,
    kind: EntityKind,
    type_names: &[&str],
    out: &mut Vec<Diagnostic>,
) {
    let mut known: Vec<&str> = type_names.to_vec();
    for level in levels.unwrap_or_default() {
        if let Level::Obj(id) = level {
            if let Some(def) = cat.object(*id) {
                known.extend(def.properties.keys().map(String::as_str));
            }
        }
    }
    let typos = suggest::typos(key, known, 3);
    if typos.is_empty() {
        return;
    }
    out.push(unknown_parameterized_property::unknown_at_resource_level(
        range,
        key,
        kind,
        !type_names.is_empty(),
        &typos,
    ));
}

/// Checks one definition string, `<action>:<name>:<stype>`.
fn check_definition(text: &str, range: TextRange, out: &mut Vec<Diagnostic>) {
    let parts: Vec<&str> = text.split(':').collect();
    let action = parts.first().map_or("", |a| a.trim());
    if !matches!(action, "=" | "-" | "|") {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{text}` is not a parameter definition: it starts with the action `=` (keep \
                 the current value as default), `-` (no default) or `|` (Key Vault secret), \
                 followed by optional `:<name>:<type>`"
            ),
        ));
        return;
    }
    if parts.len() > 3 {
        out.push(Diagnostic::new(
            &RULE,
            range,
            format!(
                "`{text}` has more than three `:`-separated parts; a parameter definition is \
                 `<action>:<name>:<type>`"
            ),
        ));
        return;
    }
    if let Some(t) = parts.get(2).map(|t| t.trim()) {
        if !t.is_empty() && !TYPES.iter().any(|k| k.eq_ignore_ascii_case(t)) {
            let typos = suggest::typos(t, TYPES.iter().copied(), 3);
            let hint = if typos.is_empty() {
                format!("; use one of {}", TYPES.join(", "))
            } else {
                suggest::did_you_mean(&typos)
            };
            out.push(Diagnostic::new(
                &RULE,
                range,
                format!("`{t}` is not a parameter type{hint}"),
            ));
        }
    }
}

/// A value that is neither a definition string nor an object or array of definitions.
fn not_a_definition(value: &Value<'_>, key: &str, out: &mut Vec<Diagnostic>) {
    out.push(Diagnostic::new(
        &RULE,
        json::range(value).into(),
        format!(
            "the value of `{key}` is not a definition: write a string `<action>:<name>:<type>` \
             (such as \"=\"), or an object or array of further definitions"
        ),
    ));
}
