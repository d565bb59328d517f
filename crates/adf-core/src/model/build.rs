//! Model building, file by file: parse, classify, run the single-file rules and read the
//! file's model. The phases (`prepare`, `build_model`, `model_early`, `finish`) are driven by
//! `batch`, the workspace's loader and the graph; they stay crate-private.

use super::{extract_entity, FileModel, Named};
use crate::check::{CheckOptions, Profile};
use crate::classify::{Classification, DialectEvidence, FileKind};
use crate::diagnostic::TextRange;
use crate::layout::Layout;
use crate::rules::{
    file_too_large, invalid_json, misplaced_file, nesting_too_deep, unrecognized_file,
};
use crate::schema_check::SchemaWalker;
use crate::{classify, json};
use crate::{rules, values};
use adf_catalog::{catalog, Dialect, EntityKind};
use adf_syntax::ast::Value;
use adf_syntax::{Parsed, SyntaxErrorKind};

/// A file parsed and classified, ready to be checked once the layout of all files is known.
#[derive(Debug)]
pub struct Prepared<'a> {
    /// The file's path as the adapter names it.
    pub path: &'a str,
    /// The file's text.
    pub text: &'a str,
    /// Its syntax tree and syntax errors.
    pub parsed: Parsed<'a>,
    /// What it is.
    pub class: Classification,
    /// Whether expressions are checked ([`CheckOptions::expressions`]).
    pub expressions: bool,
    /// The extra rules selected ([`CheckOptions::profile`]).
    pub profile: Option<Profile>,
}

/// Parses and classifies one file (the parallel first phase of a run).
pub fn prepare<'a>(path: &'a str, text: &'a str, options: &CheckOptions) -> Prepared<'a> {
    let parsed = adf_syntax::parse(text, &options.parse);
    let mut class = classify::classify(path, parsed.value.as_ref());
    class.synapse |= classify::synapse_evidence(text);
    Prepared {
        path,
        text,
        parsed,
        class,
        expressions: options.expressions,
        profile: options.profile,
    }
}

/// Reads a prepared file into its model: single-file findings, entities and references (the
/// second phase, once the layout of all files is known). The tree can be dropped afterwards.
pub fn build_model(file: &Prepared<'_>, layout: &Layout) -> FileModel {
    let mut model = FileModel {
        path: file.path.to_string(),
        class: Some(file.class),
        ..FileModel::default()
    };
    for e in first_per_line(file.text, &file.parsed.errors) {
        model.diagnostics.push(match e.kind {
            SyntaxErrorKind::Invalid => invalid_json::diagnostic(e.range.into(), &e.message),
            SyntaxErrorKind::TooDeep => nesting_too_deep::diagnostic(e.range.into(), &e.message),
            SyntaxErrorKind::TooLarge => file_too_large::diagnostic(&e.message),
        });
    }
    model
        .secrets
        .extend(invalid_json::tokens_to_mask(file.text, &file.parsed.errors));
    let syntax_ok = file.parsed.errors.is_empty();
    match (file.class.kind, file.parsed.value.as_ref()) {
        (FileKind::Entity(kind), Some(Value::Object(obj))) => {
            let dialect = check_entity(
                obj,
                kind,
                layout.dialect(file.path, file.class.dialect),
                syntax_ok,
                false,
                &mut model,
            );
            let name = match json::get(obj, "name").map(|p| &p.value) {
                Some(Value::StringLit(s)) => Named {
                    name: s.value.to_string(),
                    range: s.range.into(),
                },
                // Properties-only files are named by their file name.
                _ => Named {
                    name: file_stem(file.path).to_string(),
                    range: TextRange::new(obj.range.start, obj.range.start + 1),
                },
            };
            let (mut entity, dynamic) = extract_entity(
                obj,
                kind,
                dialect,
                name,
                0,
                &resolve_literal,
                &mut model.refs,
            );
            crate::expr::param_use::annotate(obj, &mut entity, false);
            profile_rules(file.profile, obj, &entity, &mut model.diagnostics);
            if file.expressions {
                crate::expr::analyze::check_entity(
                    file.text,
                    obj,
                    &entity,
                    None,
                    &mut model.diagnostics,
                    &mut model.global_param_uses,
                );
            }
            if let Some(folder) = file.class.folder_kind {
                model.diagnostics.push(misplaced_file::diagnostic(
                    TextRange::new(obj.range.start, obj.range.start + 1),
                    kind,
                    folder,
                ));
            }
            model.dialect = Some(dialect);
            model.dynamic_refs += dynamic;
            model.entities.push(entity);
        }
        (FileKind::ArmTemplate, Some(Value::Object(root))) => {
            // The envelope (`parameters`, `variables`, `outputs`...); each resource reports its
            // own repeated keys as an entity.
            rules::duplicate_key::report(
                &super::extract::duplicate_keys(root),
                &mut model.diagnostics,
            );
            for resource in crate::arm::resources(root) {
                let dialect = check_entity(
                    resource.object,
                    resource.kind,
                    resource.dialect,
                    syntax_ok,
                    true,
                    &mut model,
                );
                let name = Named {
                    // Empty when computed at deployment: checked, but not indexed.
                    name: resource.name.clone().unwrap_or_default(),
                    range: resource.name_range.into(),
                };
                let ctx = resource.context.clone();
                let resolve = move |text: &str| {
                    if crate::arm::is_expression(text) {
                        crate::arm::resolve_reference(text, &ctx).and_then(|n| resolve_literal(&n))
                    } else {
                        resolve_literal(text)
                    }
                };
                let index = model.entities.len();
                let (mut entity, dynamic) = extract_entity(
                    resource.object,
                    resource.kind,
                    dialect,
                    name,
                    index,
                    &resolve,
                    &mut model.refs,
                );
                crate::expr::param_use::annotate(resource.object, &mut entity, true);
                profile_rules(
                    file.profile,
                    resource.object,
                    &entity,
                    &mut model.diagnostics,
                );
                if file.expressions {
                    crate::expr::analyze::check_entity(
                        file.text,
                        resource.object,
                        &entity,
                        Some(&resource.context),
                        &mut model.diagnostics,
                        &mut model.global_param_uses,
                    );
                }
                model.dynamic_refs += dynamic;
                model.entities.push(entity);
            }
        }
        (FileKind::Tooling, Some(value))
            if crate::parameterization::is_definition_file(file.path) =>
        {
            rules::invalid_parameterization::check(value, &mut model.diagnostics);
        }
        (FileKind::Unknown, Some(value)) if syntax_ok && layout.holds_entities_at(file.path) => {
            let r = json::range(value);
            model
                .diagnostics
                .push(unrecognized_file::diagnostic(TextRange::new(
                    r.start,
                    r.start + 1,
                )));
        }
        _ => {}
    }
    if let Some(root) = file.parsed.value.as_ref() {
        crate::secrets::scan(
            root,
            reports_secrets(file, model.dialect),
            &mut model.diagnostics,
            &mut model.secrets,
        );
    }
    for e in &mut model.entities {
        e.complete = syntax_ok;
    }
    rules::check_entities(&model.entities, &mut model.diagnostics);
    rules::check_entity_text(&model.entities, file.text, &mut model.diagnostics);
    model
        .diagnostics
        .sort_by_key(|d| (d.range.start, d.range.end));
    model
}

/// The rules of the selected profile, if any, over one entity.
fn profile_rules(
    profile: Option<Profile>,
    obj: &adf_syntax::ast::Object<'_>,
    entity: &super::Entity,
    out: &mut Vec<crate::Diagnostic>,
) {
    match profile {
        Some(Profile::Fabric) => crate::fabric::check(obj, entity, out),
        None => {}
    }
}

/// Whether secrets found by their shape are reported in this file (they are masked in every
/// file): v2 entities, ARM templates and ARM parameter files. v1 had no Key Vault references.
fn reports_secrets(file: &Prepared<'_>, dialect: Option<Dialect>) -> bool {
    match file.class.kind {
        FileKind::Entity(_) => dialect == Some(Dialect::V2),
        FileKind::ArmTemplate => true,
        FileKind::Tooling => {
            let name = file_stem(file.path).to_ascii_lowercase();
            name.starts_with("armtemplateparametersforfactory")
                || name.starts_with("templateparametersforworkspace")
                || name.ends_with(".parameters")
        }
        _ => false,
    }
}

/// The syntax errors to report: one per line. The parser resynchronises after each fault, and
/// what it trips over next on the same line (the rest of a string broken by a stray quote)
/// follows from the first.
fn first_per_line<'e>(
    text: &str,
    errors: &'e [adf_syntax::SyntaxError],
) -> Vec<&'e adf_syntax::SyntaxError> {
    let mut sorted: Vec<&adf_syntax::SyntaxError> = errors.iter().collect();
    sorted.sort_by_key(|e| e.range.start);
    let mut out: Vec<&adf_syntax::SyntaxError> = Vec::new();
    let mut kept_start = 0;
    for e in sorted {
        let same_line = out.last().is_some_and(|prev| {
            prev.kind == e.kind
                && text
                    .get(kept_start..e.range.start)
                    .is_some_and(|between| !between.contains('\n'))
        });
        if !same_line {
            kept_start = e.range.start;
            out.push(e);
        }
    }
    out
}

fn file_stem(path: &str) -> &str {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    name.strip_suffix(".json").unwrap_or(name)
}

/// A written reference name as a checkable one; expressions and placeholders are computed.
fn resolve_literal(name: &str) -> Option<String> {
    let t = name.trim();
    if t.is_empty()
        || values::is_adf_expression(t)
        || values::is_arm_expression(t)
        || values::is_placeholder(t)
    {
        None
    } else {
        Some(name.to_string())
    }
}

/// Checks one entity object (an ARM resource envelope when `arm`); returns the dialect it was
/// checked in.
fn check_entity(
    obj: &adf_syntax::ast::Object<'_>,
    kind: EntityKind,
    mut dialect: Dialect,
    syntax_ok: bool,
    arm: bool,
    model: &mut FileModel,
) -> Dialect {
    let cat = catalog();
    // A type known only in the other generation means the file was taken for the wrong one.
    let type_name = json::get_obj(obj, "properties")
        .and_then(|p| json::get_str(p, "type"))
        .or_else(|| json::get_str(obj, "type"));
    if let Some(t) = type_name {
        let here = classify::kinds_of_type(t)
            .iter()
            .any(|(d, k)| *d == dialect && *k == kind);
        let other = match dialect {
            Dialect::V1 => Dialect::V2,
            Dialect::V2 => Dialect::V1,
        };
        let there = classify::kinds_of_type(t)
            .iter()
            .any(|(d, k)| *d == other && *k == kind);
        if !here && there {
            dialect = other;
        }
    }
    let Some(shape) = entity_shape(dialect, kind, obj, arm) else {
        return dialect;
    };
    let start = obj.range.start;
    SchemaWalker {
        cat,
        dialect,
        syntax_ok,
        out: &mut model.diagnostics,
        secrets: &mut model.secrets,
    }
    .walk(obj, shape, TextRange::new(start, start + 1));
    dialect
}

/// The catalog shape of an entity's object (the schema walk and the IDE queries share it);
/// `arm`: the object is an ARM resource.
pub(crate) fn entity_shape(
    dialect: Dialect,
    kind: EntityKind,
    obj: &adf_syntax::ast::Object<'_>,
    arm: bool,
) -> Option<adf_catalog::ObjId> {
    let entity = catalog().entity(dialect, kind)?;
    // Files written for `az datafactory ... --properties @file` hold only the `properties` object.
    // An ARM resource is an envelope (`name`, `type`, `apiVersion`, `location`...) with or
    // without `properties`: a factory resource often has none.
    let properties_only =
        !arm && json::get(obj, "properties").is_none() && json::get(obj, "type").is_some();
    Some(if properties_only {
        entity.properties
    } else {
        entity.root
    })
}

/// Whether checking this file needs the layout of all files: a file of unknown kind (is it inside
/// a factory?) or an entity that does not tell its dialect (its factory's majority decides).
/// Every other file can be checked at once and its tree dropped.
pub fn needs_layout(class: &Classification) -> bool {
    match class.kind {
        FileKind::Unknown => true,
        FileKind::Entity(_) => class.dialect == DialectEvidence::Unknown,
        _ => false,
    }
}

/// A file modelled at once, or kept until the layout is known.
#[derive(Debug)]
pub enum Step<'a> {
    /// The file's model.
    Done(FileModel),
    /// The file, parsed, waiting for [`build_model`] with the layout.
    Deferred(Prepared<'a>),
}

/// Parses, classifies and, when the layout does not matter, models one file.
pub fn model_early<'a>(
    path: &'a str,
    text: &'a str,
    options: &CheckOptions,
) -> (Classification, Step<'a>) {
    let prepared = prepare(path, text, options);
    let class = prepared.class;
    if needs_layout(&class) {
        return (class, Step::Deferred(prepared));
    }
    let model = build_model(&prepared, &Layout::default());
    drop(prepared);
    // The model's allocations were made between the tree's; once the tree is freed they would
    // pin its pages. A copy made now lands in the freed space and leaves the rest reusable for
    // the next file: peak RSS on the 5 000-pipeline factory drops from 197 MB to 146 MB
    // (docs/benchmarks.md).
    (class, Step::Done(model.clone()))
}

/// Models the deferred files with the layout; every model in input order.
pub fn finish(steps: Vec<Step<'_>>, layout: &Layout) -> Vec<FileModel> {
    steps
        .into_iter()
        .map(|s| match s {
            Step::Done(m) => m,
            Step::Deferred(p) => build_model(&p, layout),
        })
        .collect()
}
