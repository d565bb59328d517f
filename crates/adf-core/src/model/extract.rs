//! Reads one entity object (a git file's root, or an ARM resource) into an [`Entity`] and its
//! [`RefSite`]s. Iterative walks only; the tree depth is bounded by the parser anyway.

use super::{
    Activity, Arg, ArgKind, Condition, Conditions, DatasetFacts, Entity, Flag, LinkedServiceFacts,
    Named, OutputSettings, Param, RefSite, Role, Schedule,
};
use crate::diagnostic::TextRange;
use crate::json;
use crate::values;
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::{Object, Value};
use foldhash::{HashMap, HashMapExt};

/// How a reference's name is turned into a name that can be looked up: `None` means computed
/// (an expression) and not checkable.
pub type Resolve<'r> = &'r dyn Fn(&str) -> Option<String>;

/// The entity kind a v2 `"type": "<X>Reference"` points at, if it is one the index holds.
pub(crate) fn reference_kind(type_name: &str) -> Option<EntityKind> {
    Some(match type_name.to_ascii_lowercase().as_str() {
        "linkedservicereference" => EntityKind::LinkedService,
        "datasetreference" => EntityKind::Dataset,
        "pipelinereference" => EntityKind::Pipeline,
        "dataflowreference" => EntityKind::DataFlow,
        "integrationruntimereference" => EntityKind::IntegrationRuntime,
        "credentialreference" => EntityKind::Credential,
        "managedvirtualnetworkreference" => EntityKind::ManagedVirtualNetwork,
        "triggerreference" | "tumblingwindowtriggerreference" => EntityKind::Trigger,
        _ => return None,
    })
}

fn named(s: &adf_syntax::ast::StringLit<'_>) -> Named {
    Named {
        name: s.value.to_string(),
        range: s.range.into(),
    }
}

fn get_named(obj: &Object<'_>, key: &str) -> Option<Named> {
    match json::get(obj, key).map(|p| &p.value) {
        Some(Value::StringLit(s)) => Some(named(s)),
        _ => None,
    }
}

fn one_char(obj: &Object<'_>) -> TextRange {
    TextRange::new(obj.range.start, obj.range.start + 1)
}

fn schedule(obj: &Object<'_>, key: &str) -> Option<Schedule> {
    let s = json::get_obj(obj, key)?;
    let frequency = json::get_str(s, "frequency")?.to_string();
    // A frequency computed by an expression cannot be compared.
    if values::is_arm_expression(&frequency) || values::is_adf_expression(&frequency) {
        return None;
    }
    let interval = match json::get(s, "interval").map(|p| &p.value) {
        Some(Value::NumberLit(n)) => n.value.parse().ok()?,
        Some(Value::StringLit(t)) => t.value.trim().parse().ok()?,
        _ => 1,
    };
    Some(Schedule {
        frequency,
        interval,
        range: json::get(obj, key).map_or(one_char(s), |p| json::name_range(p).into()),
    })
}

/// The kind of an argument value.
fn arg_kind(value: &Value<'_>) -> ArgKind {
    match value {
        Value::StringLit(s) => {
            let s = s.value.as_ref();
            if values::is_adf_expression(s) || values::is_arm_expression(s) {
                ArgKind::Expression
            } else {
                ArgKind::String
            }
        }
        Value::NumberLit(n) => {
            if n.value.contains(['.', 'e', 'E']) {
                ArgKind::Float
            } else {
                ArgKind::Int
            }
        }
        Value::BooleanLit(_) => ArgKind::Bool,
        Value::Array(_) => ArgKind::Array,
        Value::Object(o) => {
            if json::get_str(o, "type").is_some_and(|t| t.eq_ignore_ascii_case("Expression")) {
                ArgKind::Expression
            } else {
                ArgKind::Object
            }
        }
        Value::NullKeyword(_) => ArgKind::Null,
    }
}

fn args_of(obj: &Object<'_>) -> Option<Vec<Arg>> {
    let params = json::get_obj(obj, "parameters")?;
    Some(
        json::live(params)
            .map(|p| Arg {
                name: json::name(p).to_string(),
                range: json::name_range(p).into(),
                kind: arg_kind(&p.value),
                literal: match &p.value {
                    Value::StringLit(s) => Some(s.value.to_string()),
                    _ => None,
                },
                value_range: json::range(&p.value).into(),
            })
            .collect(),
    )
}

fn params_of(props: &Object<'_>) -> Vec<Param> {
    match json::get_obj(props, "parameters") {
        Some(params) => params_in(params),
        None => Vec::new(),
    }
}

/// Declarations written as `{"<name>": {"type": ..., "defaultValue"|"value": ...}}`.
fn params_in(params: &Object<'_>) -> Vec<Param> {
    json::live(params)
        .map(|p| {
            let (ty, has_default) = match &p.value {
                Value::Object(spec) => (
                    json::get_str(spec, "type").map(str::to_ascii_lowercase),
                    json::get(spec, "defaultValue").is_some() || json::get(spec, "value").is_some(),
                ),
                _ => (None, false),
            };
            Param {
                name: json::name(p).to_string(),
                range: json::name_range(p).into(),
                ty,
                has_default,
                null_use: None,
            }
        })
        .collect()
}

/// The activities arrays of a container activity: (branch, array).
pub(crate) fn child_arrays<'t, 'a>(act: &'t Object<'a>) -> Vec<(u32, &'t [Value<'a>])> {
    let Some(tp) = json::get_obj(act, "typeProperties") else {
        return Vec::new();
    };
    let arr = |o: &'t Object<'a>, key: &str| match json::get(o, key).map(|p| &p.value) {
        Some(Value::Array(a)) => Some(a.elements.as_slice()),
        _ => None,
    };
    let mut out = Vec::new();
    for (branch, key) in [
        (0, "activities"),
        (0, "ifTrueActivities"),
        (1, "ifFalseActivities"),
    ] {
        if let Some(a) = arr(tp, key) {
            out.push((branch, a));
        }
    }
    if let Some(Value::Array(cases)) = json::get(tp, "cases").map(|p| &p.value) {
        for (i, case) in cases.elements.iter().enumerate() {
            if let Value::Object(c) = case {
                if let Some(a) = arr(c, "activities") {
                    out.push((i as u32, a));
                }
            }
        }
        if let Some(a) = arr(tp, "defaultActivities") {
            out.push((cases.elements.len() as u32, a));
        }
    }
    out
}

fn names_in(value: Option<&Value<'_>>) -> Vec<Named> {
    match value {
        Some(Value::StringLit(s)) => vec![named(s)],
        Some(Value::Object(o)) => o
            .properties
            .iter()
            .filter_map(|p| match &p.value {
                Value::StringLit(s) => Some(named(s)),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn io_names(act: &Object<'_>, key: &str) -> Vec<Named> {
    match json::get(act, key).map(|p| &p.value) {
        Some(Value::Array(a)) => a
            .elements
            .iter()
            .filter_map(|e| match e {
                Value::Object(o) if json::get(o, "referenceName").is_none() => get_named(o, "name"),
                _ => None,
            })
            .collect(),
        _ => Vec::new(),
    }
}

fn flag(tp: Option<&Object<'_>>, key: &str) -> Flag {
    match tp.and_then(|tp| json::get(tp, key)).map(|p| &p.value) {
        None => Flag::Absent,
        Some(Value::BooleanLit(b)) => Flag::Literal(b.value),
        Some(Value::StringLit(s)) if s.value.eq_ignore_ascii_case("true") => Flag::Literal(true),
        Some(Value::StringLit(s)) if s.value.eq_ignore_ascii_case("false") => Flag::Literal(false),
        Some(_) => Flag::Unknown,
    }
}

/// A literal array of literal strings (no expression among them).
fn field_list(tp: Option<&Object<'_>>) -> Option<Vec<String>> {
    let Some(Value::Array(a)) = tp
        .and_then(|tp| json::get(tp, "fieldList"))
        .map(|p| &p.value)
    else {
        return None;
    };
    a.elements
        .iter()
        .map(|e| match e {
            Value::StringLit(s) if !s.value.starts_with('@') && !s.value.starts_with('[') => {
                Some(s.value.to_string())
            }
            _ => None,
        })
        .collect()
}

fn read_activity(act: &Object<'_>, parent: Option<usize>, branch: u32) -> Activity {
    let name = get_named(act, "name");
    let type_named = get_named(act, "type");
    let tp = json::get_obj(act, "typeProperties");
    let (mut depends_on, mut conditions) = (Vec::new(), Vec::new());
    if let Some(Value::Array(a)) = json::get(act, "dependsOn").map(|p| &p.value) {
        for d in &a.elements {
            let Value::Object(o) = d else { continue };
            let Some(target) = get_named(o, "activity") else {
                continue;
            };
            depends_on.push(target);
            conditions.push(read_conditions(o));
        }
    }
    let inactive = get_named(act, "state").is_some_and(|s| s.name.eq_ignore_ascii_case("Inactive"));
    let (mut web_in, mut web_out, mut trained, mut source, mut sink) =
        (Vec::new(), Vec::new(), None, None, None);
    let is_type = |t: &str| {
        type_named
            .as_ref()
            .is_some_and(|n| n.name.eq_ignore_ascii_case(t))
    };
    let parallel = is_type("ForEach")
        && match tp
            .and_then(|tp| json::get(tp, "isSequential"))
            .map(|p| &p.value)
        {
            None => true,
            Some(Value::BooleanLit(b)) => !b.value,
            Some(Value::StringLit(s)) => s.value.eq_ignore_ascii_case("false"),
            Some(_) => false,
        };
    let sets_variable = tp
        .filter(|_| is_type("SetVariable") || is_type("AppendVariable"))
        .filter(|tp| {
            !matches!(
                json::get(tp, "setSystemVariable").map(|p| &p.value),
                Some(Value::BooleanLit(b)) if b.value
            )
        })
        .and_then(|tp| get_named(tp, "variableName"))
        // Computed names (an ADF or ARM expression) are not known here.
        .filter(|n| {
            !n.name.contains('@')
                && !n.name.starts_with('[')
                && !n.name.eq_ignore_ascii_case("pipelineReturnValue")
        });
    if let Some(tp) = tp {
        web_in = names_in(json::get(tp, "webServiceInput").map(|p| &p.value));
        web_in.extend(names_in(
            json::get(tp, "webServiceInputs").map(|p| &p.value),
        ));
        web_out = names_in(json::get(tp, "webServiceOutputs").map(|p| &p.value));
        trained = get_named(tp, "trainedModelDatasetName");
        source = json::get_obj(tp, "source").and_then(|s| get_named(s, "type"));
        sink = json::get_obj(tp, "sink").and_then(|s| get_named(s, "type"));
    }
    Activity {
        name_range: name.as_ref().map_or(one_char(act), |n| n.range),
        name: name.map(|n| n.name).unwrap_or_default(),
        type_range: type_named.as_ref().map(|t| t.range),
        type_name: type_named.map(|t| t.name),
        parent,
        branch,
        depends_on,
        conditions,
        reads_activities: Vec::new(),
        inactive,
        waits_on: Vec::new(),
        inputs: io_names(act, "inputs"),
        outputs: io_names(act, "outputs"),
        scheduler: schedule(act, "scheduler"),
        web_service_inputs: web_in,
        web_service_outputs: web_out,
        trained_model_dataset: trained,
        copy_source: source,
        copy_sink: sink,
        parallel,
        sets_variable,
        output_settings: OutputSettings {
            first_row_only: flag(tp, "firstRowOnly"),
            wait_on_completion: flag(tp, "waitOnCompletion"),
            field_list: field_list(tp),
        },
        range: one_char(act),
    }
}

/// The `activity('X')` calls in an activity's strings, found by a scan (enough to know which
/// activities it reads and what of them), with the member read after each.
fn activity_calls(act: &Object<'_>) -> Vec<(String, String)> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value<'_>> = act.properties.iter().map(|p| &p.value).collect();
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => stack.extend(o.properties.iter().map(|p| &p.value)),
            Value::Array(a) => stack.extend(a.elements.iter()),
            Value::StringLit(s) => crate::expr::outputs::activity_reads(&s.value, &mut out),
            _ => {}
        }
    }
    out
}

/// The `dependencyConditions` of one `dependsOn` entry.
fn read_conditions(entry: &Object<'_>) -> Conditions {
    let Some(p) = json::get(entry, "dependencyConditions") else {
        return Conditions {
            range: one_char(entry),
            ..Conditions::default()
        };
    };
    let mut out = Conditions {
        range: TextRange::from(json::range(&p.value)),
        ..Conditions::default()
    };
    let Value::Array(a) = &p.value else {
        return out;
    };
    let mut all_known = !a.elements.is_empty();
    let mut at = 0;
    for e in &a.elements {
        let c = match e {
            Value::StringLit(s) => Condition::parse(&s.value),
            _ => None,
        };
        match c {
            Some(c) if !out.known.contains(&Some(c)) => {
                if let Some(slot) = out.known.get_mut(at) {
                    *slot = Some(c);
                    at += 1;
                }
            }
            Some(_) => {}
            None => all_known = false,
        }
    }
    out.literal = all_known;
    out
}

/// Reads the activities of a pipeline (nested ones included, parents first) and maps each
/// activity object's address to its index, so the reference walk can attribute references.
fn read_activities<'t>(props: &'t Object<'_>) -> (Vec<Activity>, HashMap<usize, usize>) {
    let mut out = Vec::new();
    let mut by_addr = HashMap::new();
    let Some(Value::Array(top)) = json::get(props, "activities").map(|p| &p.value) else {
        return (out, by_addr);
    };
    let mut stack: Vec<(&'t [Value<'_>], Option<usize>, u32)> =
        vec![(top.elements.as_slice(), None, 0)];
    let mut objects = Vec::new();
    while let Some((array, parent, branch)) = stack.pop() {
        for value in array {
            let Value::Object(act) = value else { continue };
            let index = out.len();
            out.push(read_activity(act, parent, branch));
            objects.push(act);
            by_addr.insert(act as *const Object<'_> as usize, index);
            for (b, children) in child_arrays(act) {
                stack.push((children, Some(index), b));
            }
        }
    }
    resolve_depends_on(&mut out);
    // Only an Upon Completion path makes a rule ask what an activity reads
    // (`failure-swallowed`), and walking every string of every activity for it was 2 % of
    // `adf check`: the reads are read only in pipelines that have one.
    let completed = out
        .iter()
        .any(|a| a.conditions.iter().any(Conditions::has_completed));
    if completed {
        for (a, obj) in out.iter_mut().zip(objects) {
            a.reads_activities = activity_calls(obj);
        }
    }
    (out, by_addr)
}

/// Fills in `waits_on`: each `dependsOn` name resolved once here, so that the rules walking
/// dependencies take one step per edge.
fn resolve_depends_on(acts: &mut [Activity]) {
    let mut first: HashMap<(Option<usize>, u32, String), usize> = HashMap::new();
    for (i, a) in acts.iter().enumerate() {
        first
            .entry((a.parent, a.branch, a.name.to_ascii_lowercase()))
            .or_insert(i);
    }
    for a in acts.iter_mut() {
        a.waits_on = a
            .depends_on
            .iter()
            .filter_map(|d| {
                let key = (a.parent, a.branch, d.name.to_ascii_lowercase());
                first.get(&key).copied()
            })
            .collect();
    }
}

/// Keys written again in the same object, at their later place, below `obj` (an ARM
/// resource's nested `resources` are entities of their own and report theirs).
pub(crate) fn duplicate_keys(obj: &Object<'_>) -> Vec<Named> {
    let mut out = Vec::new();
    let mut stack: Vec<&Value<'_>> = Vec::new();
    repeated_keys(obj, &mut out);
    for p in &obj.properties {
        if !json::name(p).eq_ignore_ascii_case("resources") {
            stack.push(&p.value);
        }
    }
    while let Some(v) = stack.pop() {
        match v {
            Value::Object(o) => {
                repeated_keys(o, &mut out);
                stack.extend(o.properties.iter().map(|p| &p.value));
            }
            Value::Array(a) => stack.extend(a.elements.iter()),
            _ => {}
        }
    }
    out.sort_by_key(|n| n.range.start);
    out
}

/// The keys of one object that an earlier key of the same name precedes.
fn repeated_keys(o: &Object<'_>, out: &mut Vec<Named>) {
    if !json::has_repeats(o) {
        return;
    }
    let mut earlier = foldhash::HashSet::default();
    for p in &o.properties {
        let key = json::name(p);
        if !earlier.insert(key) {
            out.push(Named {
                name: key.to_string(),
                range: json::name_range(p).into(),
            });
        }
    }
}

/// The activities' indexes sorted by lower-case name, then index ([`Entity::activities_named`]).
fn by_name(acts: &[Activity]) -> Vec<usize> {
    let mut order: Vec<usize> = (0..acts.len()).collect();
    let lower = |i: usize| {
        acts.get(i)
            .map_or("", |a| a.name.as_str())
            .bytes()
            .map(|b| b.to_ascii_lowercase())
    };
    order.sort_by(|a, b| lower(*a).cmp(lower(*b)).then(a.cmp(b)));
    order
}

/// A node still to visit: the entity object itself, or a value below it.
enum Node<'t, 'a> {
    Object(&'t Object<'a>),
    Value(&'t Value<'a>),
}

struct Walk<'t, 'a> {
    value: Node<'t, 'a>,
    key: Option<&'t str>,
    parent: Option<&'t Object<'a>>,
    activity: Option<usize>,
    in_array: bool,
}

/// Reads one entity. `obj` is the entity's object (a file root, or an ARM resource); `name` its
/// name; `entity` the index it will have in the file's entity list; references are appended to
/// `refs`; `resolve` turns written names into checkable ones. Returns the entity and the number
/// of references that are computed and not checked.
#[allow(clippy::too_many_arguments)]
pub fn extract_entity(
    obj: &Object<'_>,
    kind: EntityKind,
    dialect: Dialect,
    name: Named,
    entity: usize,
    resolve: Resolve<'_>,
    refs: &mut Vec<RefSite>,
) -> (Entity, usize) {
    // Files written for `az datafactory ... --properties @file` hold only the properties object.
    let props = json::get_obj(obj, "properties").unwrap_or(obj);
    let type_named = get_named(props, "type");
    let tp = json::get_obj(props, "typeProperties");
    let (activities, by_addr) = if kind == EntityKind::Pipeline {
        read_activities(props)
    } else {
        (Vec::new(), HashMap::new())
    };
    let params = match kind {
        // Data flows declare their parameters inside the script; they are not read yet.
        EntityKind::DataFlow => None,
        // A factory's parameters are its global parameters; a global parameters resource (ARM)
        // is a map of them.
        EntityKind::Factory => Some(
            json::get_obj(props, "globalParameters")
                .map(params_in)
                .unwrap_or_default(),
        ),
        EntityKind::GlobalParameters => Some(params_in(props)),
        _ => Some(params_of(props)),
    };
    let variables = json::get_obj(props, "variables")
        .map(|v| {
            json::live(v)
                .map(|p| Named {
                    name: json::name(p).to_string(),
                    range: json::name_range(p).into(),
                })
                .collect()
        })
        .unwrap_or_default();
    let linked_service = (kind == EntityKind::LinkedService).then(|| {
        let has = |k: &str| tp.is_some_and(|t| json::get(t, k).is_some());
        LinkedServiceFacts {
            update_resource_endpoint: tp
                .and_then(|t| json::get_str(t, "updateResourceEndpoint"))
                .map(str::to_string),
            service_principal_id: has("servicePrincipalId"),
            service_principal_key: has("servicePrincipalKey"),
            tenant: has("tenant"),
            api_key: has("apiKey"),
        }
    });
    let dataset = (kind == EntityKind::Dataset).then(|| DatasetFacts {
        availability: schedule(props, "availability"),
        external: matches!(json::get(props, "external").map(|p| &p.value), Some(Value::BooleanLit(b)) if b.value),
        location_type: tp.and_then(|t| json::get_obj(t, "location")).and_then(|l| get_named(l, "type")),
    });
    let duplicate_keys = duplicate_keys(obj);
    // `duplicate_keys` has seen every object `collect_refs` visits: with no key written twice
    // in the entity, no property there is overridden, and no object need be asked again.
    let repeats = !duplicate_keys.is_empty();
    let dynamic = collect_refs(obj, kind, entity, &by_addr, resolve, repeats, refs);
    // v1 AzureML web-service datasets are names inside typeProperties.
    for (index, act) in activities.iter().enumerate() {
        for n in act
            .web_service_inputs
            .iter()
            .chain(&act.web_service_outputs)
            .chain(&act.trained_model_dataset)
        {
            if let Some(name) = resolve(&n.name) {
                refs.push(RefSite {
                    target: EntityKind::Dataset,
                    name,
                    range: n.range,
                    entity,
                    activity: Some(index),
                    role: Role::WebService,
                    args: None,
                });
            }
        }
    }
    let entity = Entity {
        kind,
        name: name.name,
        name_range: name.range,
        dialect,
        type_range: type_named.as_ref().map(|t| t.range),
        type_name: type_named.map(|t| t.name),
        params,
        variables,
        by_name: by_name(&activities),
        activities,
        linked_service,
        dataset,
        duplicate_keys,
        range: obj.range.into(),
        complete: true,
    };
    (entity, dynamic)
}

/// Finds every reference below `obj`: v2 `{"referenceName", "type": "<X>Reference"}` objects and
/// v1 bare names (`linkedServiceName` strings, `inputs`/`outputs` by `name`).
#[allow(clippy::too_many_arguments)]
fn collect_refs(
    obj: &Object<'_>,
    kind: EntityKind,
    entity: usize,
    by_addr: &HashMap<usize, usize>,
    resolve: Resolve<'_>,
    repeats: bool,
    refs: &mut Vec<RefSite>,
) -> usize {
    let mut dynamic = 0;
    let mut stack = vec![Walk {
        value: Node::Object(obj),
        key: None,
        parent: None,
        activity: None,
        in_array: false,
    }];
    while let Some(w) = stack.pop() {
        let object = match w.value {
            Node::Object(o) | Node::Value(Value::Object(o)) => Some(o),
            _ => None,
        };
        match (object, &w.value) {
            (Some(o), _) => {
                let activity = by_addr
                    .get(&(o as *const Object<'_> as usize))
                    .copied()
                    .or(w.activity);
                if let Some(site) =
                    v2_reference(o, &w, activity, kind, entity, resolve, &mut dynamic)
                {
                    refs.push(site);
                    continue;
                }
                if w.in_array && matches!(w.key, Some("inputs" | "outputs")) && activity.is_some() {
                    if let Some(n) = get_named(o, "name") {
                        push_named(
                            refs,
                            &mut dynamic,
                            resolve,
                            n,
                            EntityKind::Dataset,
                            entity,
                            activity,
                            io_role(w.key),
                        );
                        continue;
                    }
                }
                let gone = if repeats {
                    json::overridden(o)
                } else {
                    Vec::new()
                };
                for (_, p) in o
                    .properties
                    .iter()
                    .enumerate()
                    .rev()
                    .filter(|(i, _)| !json::is_gone(&gone, *i))
                {
                    let key = json::name(p);
                    // An ARM resource's nested `resources` are entities of their own, whose
                    // references are theirs.
                    if std::ptr::eq(o, obj) && key.eq_ignore_ascii_case("resources") {
                        continue;
                    }
                    if key.eq_ignore_ascii_case("linkedServiceName") {
                        if let Value::StringLit(s) = &p.value {
                            let role = if activity.is_some() {
                                Role::ActivityLinkedService
                            } else if kind == EntityKind::Dataset {
                                Role::DatasetLinkedService
                            } else {
                                Role::Other
                            };
                            push_named(
                                refs,
                                &mut dynamic,
                                resolve,
                                named(s),
                                EntityKind::LinkedService,
                                entity,
                                activity,
                                role,
                            );
                            continue;
                        }
                    }
                    stack.push(Walk {
                        value: Node::Value(&p.value),
                        key: Some(key),
                        parent: Some(o),
                        activity,
                        in_array: false,
                    });
                }
            }
            (None, Node::Value(Value::Array(a))) => {
                for e in a.elements.iter().rev() {
                    stack.push(Walk {
                        value: Node::Value(e),
                        key: w.key,
                        parent: w.parent,
                        activity: w.activity,
                        in_array: true,
                    });
                }
            }
            _ => {}
        }
    }
    dynamic
}

fn io_role(key: Option<&str>) -> Role {
    match key {
        Some("inputs") => Role::ActivityInput,
        Some("outputs") => Role::ActivityOutput,
        _ => Role::Other,
    }
}

#[allow(clippy::too_many_arguments)]
fn push_named(
    refs: &mut Vec<RefSite>,
    dynamic: &mut usize,
    resolve: Resolve<'_>,
    n: Named,
    target: EntityKind,
    entity: usize,
    activity: Option<usize>,
    role: Role,
) {
    match resolve(&n.name) {
        Some(name) => refs.push(RefSite {
            target,
            name,
            range: n.range,
            entity,
            activity,
            role,
            args: None,
        }),
        None => *dynamic += 1,
    }
}

fn v2_reference(
    o: &Object<'_>,
    w: &Walk<'_, '_>,
    activity: Option<usize>,
    kind: EntityKind,
    entity: usize,
    resolve: Resolve<'_>,
    dynamic: &mut usize,
) -> Option<RefSite> {
    let Value::StringLit(name) = &json::get(o, "referenceName")?.value else {
        return None;
    };
    let target = reference_kind(json::get_str(o, "type")?)?;
    let role = match (w.key, target) {
        (Some("store"), _) => Role::KeyVaultStore,
        (Some("connectVia"), _) => Role::ConnectVia,
        (Some("linkedServiceName"), _) if activity.is_some() => Role::ActivityLinkedService,
        (Some("linkedServiceName"), _) if kind == EntityKind::Dataset => Role::DatasetLinkedService,
        (Some("inputs"), _) => Role::ActivityInput,
        (Some("outputs"), _) => Role::ActivityOutput,
        (Some("pipelineReference"), _) => Role::TriggerPipeline,
        (Some("pipeline"), EntityKind::Pipeline) if kind == EntityKind::Trigger => {
            Role::TriggerPipeline
        }
        (Some("pipeline"), EntityKind::Pipeline) => Role::ExecutePipeline,
        _ => Role::Other,
    };
    // ExecutePipeline and trigger pipelines pass arguments next to the reference, not inside it.
    let args = args_of(o).or_else(|| {
        (target == EntityKind::Pipeline)
            .then_some(w.parent)
            .flatten()
            .and_then(args_of)
    });
    let Some(resolved) = resolve(&name.value) else {
        *dynamic += 1;
        return None;
    };
    Some(RefSite {
        target,
        name: resolved,
        range: name.range.into(),
        entity,
        activity,
        role,
        args,
    })
}
