//! The walk of a v2 pipeline: its lists in dependency order (`crate::outcome`), each activity's
//! properties evaluated with the state so far (variables, outputs, `item()`), and the control
//! activities followed.

use super::factory::Factory;
use super::{
    brief as shown, Block, Inputs, Outcome, Runs, Step, When, MAX_DEPTH, MAX_ITERATIONS,
    MAX_NESTING, MAX_RUNS, MAX_UNTIL, SHOWN_ITERATIONS,
};
use crate::eval::activity::{object_values, overlay, PropertyValue};
use crate::eval::context::lookup;
use crate::eval::value::from_ast;
use crate::eval::{defaults, evaluate, Context, Value};
use crate::json;
use crate::model::{extract_entity, Entity, Named};
use crate::outcome::{conditions, Graph, List, Outcomes};
use adf_catalog::{Dialect, EntityKind};
use adf_syntax::ast::{Object, Value as Json};
use std::collections::HashMap;

/// What a run has changed so far.
#[derive(Debug, Clone, Default, PartialEq)]
struct State {
    variables: Vec<(String, Value)>,
    outputs: Vec<(String, Value)>,
    return_value: Vec<(String, Value)>,
}

/// One pipeline run being walked.
struct Frame<'a, 'e> {
    name: &'a str,
    entity: &'e Entity,
    graph: &'e Graph<'e>,
    /// Activity objects by the offset where they start (an activity's `range.start`).
    objects: HashMap<usize, &'e Object<'a>>,
    parameters: Vec<(String, Value)>,
    system: Vec<(String, Value)>,
}

/// The end of one pipeline's walk.
pub(super) struct PipelineRun {
    pub steps: Vec<Step>,
    pub outcome: Outcomes,
    pub variables: Vec<(String, Value)>,
    pub return_value: Vec<(String, Value)>,
}

/// The walk's inputs and bounds.
pub(super) struct Engine<'f> {
    factory: &'f Factory<'f>,
    inputs: &'f Inputs,
    runs_left: usize,
    /// The pipelines being walked, outermost first (cycles of Execute Pipeline).
    stack: Vec<String>,
    /// Lists entered and not left (containers and child pipelines).
    nesting: usize,
    random: Option<u64>,
    /// Notes on the whole what-if.
    pub notes: Vec<String>,
    /// The `--fail` activities that ran.
    pub failed: Vec<String>,
}

fn is(a: &str, b: &str) -> bool {
    a.eq_ignore_ascii_case(b)
}

/// Sets `name` in a list of named values (any case), adding it when absent.
fn set(list: &mut Vec<(String, Value)>, name: &str, v: Value) {
    match list.iter_mut().find(|(k, _)| is(k, name)) {
        Some(slot) => slot.1 = v,
        None => list.push((name.to_string(), v)),
    }
}

/// The values that differ between two states become unknown, needing `needs`: what a run holds
/// after a step that may or may not have happened.
fn merge(into: &mut Vec<(String, Value)>, other: &[(String, Value)], needs: &[String]) {
    let unknown = || Value::Unknown(needs.to_vec());
    for slot in into.iter_mut() {
        if lookup(other, &slot.0) != Some(&slot.1) {
            slot.1 = unknown();
        }
    }
    for (k, _) in other {
        if lookup(into, k).is_none() {
            into.push((k.clone(), unknown()));
        }
    }
}

fn merge_state(into: &mut State, other: &State, needs: &[String]) {
    merge(&mut into.variables, &other.variables, needs);
    merge(&mut into.outputs, &other.outputs, needs);
    merge(&mut into.return_value, &other.return_value, needs);
}

/// The outcome of a container whose lists ended with `statuses`: failed when one failed, not
/// known when one may have.
fn combine(statuses: &[Outcomes]) -> Outcomes {
    if statuses.iter().any(|s| s.is(Outcomes::FAILED)) {
        Outcomes::FAILED
    } else if statuses.iter().all(|s| s.is(Outcomes::SUCCEEDED)) {
        Outcomes::SUCCEEDED
    } else {
        Outcomes::RAN
    }
}

/// What happened to the activity depended on, for a reason.
fn happened(s: Outcomes) -> &'static str {
    match Outcome::of(s) {
        Outcome::Succeeded => "succeeds",
        Outcome::Failed => "fails",
        Outcome::Skipped => "does not run",
        Outcome::NotKnown => "may not end that way",
    }
}

/// A list's activities as not run, for `reason`.
fn not_run(f: &Frame<'_, '_>, list: Option<&List>, reason: &str) -> Vec<Step> {
    list.map(|l| l.order.as_slice())
        .unwrap_or(&[])
        .iter()
        .filter_map(|&i| f.entity.activities.get(i))
        .map(|a| Step {
            activity: a.name.clone(),
            activity_type: a.type_name.clone().unwrap_or_default(),
            runs: Runs::No(reason.to_string()),
            outcome: Outcome::Skipped,
            properties: Vec::new(),
            notes: Vec::new(),
            blocks: Vec::new(),
        })
        .collect()
}

/// The list of container `act`'s activities array `branch` (see `crate::model::Activity`).
fn child_list<'g>(f: &Frame<'_, 'g>, act: usize, branch: u32) -> Option<&'g List> {
    f.graph
        .lists
        .iter()
        .find(|l| l.container == Some(act) && l.branch == branch)
}

/// The value a setting of `typeProperties` holds: its evaluated property when it is an
/// expression (`key` or `key.value`), else the JSON as written.
fn setting(tp: &Object<'_>, key: &str, properties: &[PropertyValue]) -> Option<Value> {
    let p = json::get(tp, key)?;
    // `{"value": "@...", "type": "Expression"}` wraps an expression; any other object is a value.
    let wrapped = match &p.value {
        Json::Object(o) if json::get_str(o, "type").is_some_and(|t| is(t, "Expression")) => {
            json::get(o, "value")
        }
        _ => None,
    };
    match wrapped {
        Some(inner) => rebuilt(
            &inner.value,
            &format!("typeProperties.{key}.value"),
            properties,
        ),
        None => rebuilt(&p.value, &format!("typeProperties.{key}"), properties),
    }
}

/// A JSON value with each string that holds an expression replaced by its evaluated property
/// (found by `path`, as the walk of `crate::eval::activity` names it); `None` when one failed.
/// Recursive: the parser bounds the depth.
fn rebuilt(v: &Json<'_>, path: &str, properties: &[PropertyValue]) -> Option<Value> {
    match v {
        Json::StringLit(_) => match properties
            .iter()
            .find(|pv| pv.path.eq_ignore_ascii_case(path))
        {
            Some(pv) => pv.value.clone().ok(),
            None => Some(from_ast(v)),
        },
        Json::Array(a) => a
            .elements
            .iter()
            .enumerate()
            .map(|(i, e)| rebuilt(e, &format!("{path}[{i}]"), properties))
            .collect::<Option<Vec<_>>>()
            .map(Value::Array),
        Json::Object(o) => json::live(o)
            .map(|p| {
                let key = json::name(p);
                rebuilt(&p.value, &format!("{path}.{key}"), properties)
                    .map(|v| (key.to_string(), v))
            })
            .collect::<Option<Vec<_>>>()
            .map(Value::Object),
        other => Some(from_ast(other)),
    }
}

/// The text of an expression setting (`key` as a string or `{"value": ...}`).
fn expression_text<'o>(tp: &'o Object<'_>, key: &str) -> Option<&'o str> {
    match &json::get(tp, key)?.value {
        Json::StringLit(s) => Some(s.value.as_ref()),
        Json::Object(o) => json::get_str(o, "value"),
        _ => None,
    }
}

/// A JSON value passed on (an Execute Pipeline parameter): strings and `{"value": ..., "type":
/// "Expression"}` are evaluated, the rest is read as written.
fn passed(v: &Json<'_>, ctx: &Context) -> Value {
    let text = match v {
        Json::StringLit(s) => Some(s.value.as_ref()),
        Json::Object(o) if json::get_str(o, "type").is_some_and(|t| is(t, "Expression")) => {
            json::get_str(o, "value")
        }
        _ => None,
    };
    match text {
        Some(t) => {
            evaluate(t, ctx).unwrap_or_else(|e| Value::unknown(format!("error: {}", e.message)))
        }
        None => from_ast(v),
    }
}

impl<'f> Engine<'f> {
    pub(super) fn new(factory: &'f Factory<'f>, inputs: &'f Inputs) -> Self {
        Engine {
            factory,
            inputs,
            runs_left: MAX_RUNS,
            stack: Vec::new(),
            nesting: 0,
            random: inputs.seed,
            notes: Vec::new(),
            failed: Vec::new(),
        }
    }

    /// Walks pipeline `name` (text `text`) with the parameters `given`; `parent` starts it.
    pub(super) fn pipeline(
        &mut self,
        name: &str,
        text: &str,
        given: Vec<(String, Value)>,
        parent: Option<&str>,
    ) -> PipelineRun {
        let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
        let Some(Json::Object(root)) = &parsed.value else {
            return PipelineRun {
                steps: Vec::new(),
                outcome: Outcomes::RAN,
                variables: Vec::new(),
                return_value: Vec::new(),
            };
        };
        let mut refs = Vec::new();
        let named = Named {
            name: name.to_string(),
            range: crate::TextRange::new(0, 0),
        };
        let (entity, _) = extract_entity(
            root,
            EntityKind::Pipeline,
            Dialect::V2,
            named,
            0,
            &|s: &str| Some(s.to_string()),
            &mut refs,
        );
        let graph = Graph::of(&entity);
        let mut objects = HashMap::new();
        let props = json::get_obj(root, "properties").unwrap_or(root);
        let mut stack: Vec<&Json<'_>> = json::get(props, "activities")
            .map(|p| &p.value)
            .into_iter()
            .collect();
        while let Some(v) = stack.pop() {
            match v {
                Json::Array(items) => stack.extend(items.elements.iter()),
                Json::Object(o) => {
                    objects.insert(o.range.start, o);
                    for (_, children) in crate::model::child_arrays(o) {
                        stack.extend(children.iter());
                    }
                }
                _ => {}
            }
        }
        let declared = defaults::context_with_defaults(root, EntityKind::Pipeline);
        let mut system = self.inputs.system.clone();
        if parent.is_some() {
            // A child run is a run of its own: the caller's run id is not its id.
            system.retain(|(k, _)| !is(k, "RunId"));
            set(
                &mut system,
                "TriggeredByPipelineName",
                Value::String(parent.unwrap_or_default().to_string()),
            );
        }
        if parent.is_some() || lookup(&system, "Pipeline").is_none() {
            set(&mut system, "Pipeline", Value::String(name.to_string()));
        }
        let frame = Frame {
            name,
            entity: &entity,
            graph: &graph,
            objects,
            parameters: overlay(declared.parameters, given),
            system,
        };
        let mut state = State {
            variables: declared.variables,
            outputs: self.inputs.outputs.clone(),
            return_value: Vec::new(),
        };
        self.stack.push(name.to_string());
        let (steps, outcome) = self.list(&frame, graph.top(), &mut state, None);
        self.stack.pop();
        PipelineRun {
            steps,
            outcome,
            variables: state.variables,
            return_value: state.return_value,
        }
    }

    /// Whether the activity runs one what-if follows are used up (noted once when they are).
    fn out_of_runs(&mut self) -> bool {
        if self.runs_left > 0 {
            return false;
        }
        let limit = format!(
            "the what-if stops after {MAX_RUNS} activity runs: later ones are not followed"
        );
        if !self.notes.contains(&limit) {
            self.notes.push(limit);
        }
        true
    }

    /// The inputs of one evaluation.
    fn context(&self, f: &Frame<'_, '_>, st: &State, item: Option<&Value>) -> Context {
        let mut ctx = Context::new();
        ctx.parameters = f.parameters.clone();
        ctx.global_parameters = overlay(
            self.factory.globals.clone(),
            self.inputs.global_parameters.clone(),
        );
        ctx.variables = st.variables.clone();
        ctx.system = f.system.clone();
        ctx.item = item.cloned();
        ctx.activity_outputs = st.outputs.clone();
        ctx.now = self.inputs.now;
        if let Some(r) = self.random {
            ctx.seed(r);
        }
        ctx
    }

    /// Walks one list: each activity when its dependencies hold, in dependency order. The
    /// list's status is `crate::outcome`'s leaf rule over the outcomes found.
    fn list(
        &mut self,
        f: &Frame<'_, '_>,
        list: Option<&List>,
        st: &mut State,
        item: Option<&Value>,
    ) -> (Vec<Step>, Outcomes) {
        let Some(list) = list else {
            return (Vec::new(), Outcomes::SUCCEEDED);
        };
        if !list.acyclic {
            let steps = not_run(
                f,
                Some(list),
                "the dependsOn entries of this list form a cycle, which Data Factory refuses",
            );
            return (steps, Outcomes::RAN);
        }
        if self.nesting >= MAX_NESTING {
            let reason = format!("not followed: nested deeper than {MAX_NESTING} levels");
            return (not_run(f, Some(list), &reason), Outcomes::RAN);
        }
        self.nesting += 1;
        let mut states = vec![Outcomes::NONE; list.order.len()];
        let mut ran: HashMap<usize, Outcomes> = HashMap::new();
        let mut steps = Vec::new();
        for (p, &act) in list.order.iter().enumerate() {
            let Some(a) = f.entity.activities.get(act) else {
                continue;
            };
            let (can_run, can_skip) = list.may_run(p, &states);
            if a.inactive {
                let marked = f
                    .objects
                    .get(&a.range.start)
                    .and_then(|o| json::get_str(o, "onInactiveMarkAs"))
                    .unwrap_or("Succeeded");
                let state = match marked.to_ascii_lowercase().as_str() {
                    "failed" => Outcomes::FAILED,
                    "skipped" => Outcomes::SKIPPED,
                    _ => Outcomes::SUCCEEDED,
                };
                states[p] = state;
                steps.push(Step {
                    activity: a.name.clone(),
                    activity_type: a.type_name.clone().unwrap_or_default(),
                    runs: Runs::No(format!("deactivated (state Inactive): marked {marked}")),
                    outcome: Outcome::of(state),
                    properties: Vec::new(),
                    notes: Vec::new(),
                    blocks: Vec::new(),
                });
                continue;
            }
            if !can_run {
                states[p] = Outcomes::SKIPPED;
                steps.push(Step {
                    activity: a.name.clone(),
                    activity_type: a.type_name.clone().unwrap_or_default(),
                    runs: Runs::No(self.why(f, list, p, &states)),
                    outcome: Outcome::Skipped,
                    properties: Vec::new(),
                    notes: Vec::new(),
                    blocks: Vec::new(),
                });
                continue;
            }
            let before = can_skip.then(|| st.clone());
            let (mut step, outcome) = self.activity(f, act, st, item);
            ran.insert(act, outcome);
            states[p] = outcome;
            if let Some(before) = before {
                let why = self.why(f, list, p, &states);
                let need = vec![format!("whether {} runs", a.name)];
                merge_state(st, &before, &need);
                step.runs = Runs::Maybe(why);
                states[p] = outcome.or(Outcomes::SKIPPED);
            }
            steps.push(step);
        }
        self.nesting -= 1;
        let status = f
            .graph
            .run(list, &|x| ran.get(&x).copied().unwrap_or(Outcomes::ANY))
            .status;
        (steps, status)
    }

    /// Why the activity at `p` does not (or may not) run: the first dependency that may not
    /// hold.
    fn why(&self, f: &Frame<'_, '_>, list: &List, p: usize, states: &[Outcomes]) -> String {
        let Some(a) = list.order.get(p).and_then(|&i| f.entity.activities.get(i)) else {
            return String::new();
        };
        let Some((entry, target)) = list.blocking(p, states) else {
            return String::new();
        };
        let on = a.depends_on.get(entry).map_or("", |d| d.name.as_str());
        let Some(target) = target else {
            return format!("it waits on `{on}`, which is not in its list");
        };
        let wanted = match conditions(a, entry) {
            Some(cs) => cs.iter().map(|c| c.path()).collect::<Vec<_>>().join(" or "),
            None => return format!("its conditions on `{on}` are not known"),
        };
        let s = states.get(target).copied().unwrap_or(Outcomes::ANY);
        format!("it runs {wanted} of `{on}`, which {}", happened(s))
    }

    /// Walks one activity that runs: its properties, then what its type does.
    fn activity(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        st: &mut State,
        item: Option<&Value>,
    ) -> (Step, Outcomes) {
        let Some(a) = f.entity.activities.get(act) else {
            return (
                Step {
                    activity: String::new(),
                    activity_type: String::new(),
                    runs: Runs::No("not found".into()),
                    outcome: Outcome::NotKnown,
                    properties: Vec::new(),
                    notes: Vec::new(),
                    blocks: Vec::new(),
                },
                Outcomes::RAN,
            );
        };
        let ty = a.type_name.clone().unwrap_or_default();
        let mut step = Step {
            activity: a.name.clone(),
            activity_type: ty.clone(),
            runs: Runs::Yes,
            outcome: Outcome::NotKnown,
            properties: Vec::new(),
            notes: Vec::new(),
            blocks: Vec::new(),
        };
        let Some(obj) = f.objects.get(&a.range.start).copied() else {
            return (step, Outcomes::RAN);
        };
        if self.out_of_runs() {
            step.runs = Runs::Maybe("not followed: the what-if's limit of activity runs".into());
            return (step, Outcomes::RAN);
        }
        self.runs_left -= 1;
        let ctx = self.context(f, st, item);
        let mut properties = object_values(obj, &ctx);
        self.random = ctx.random_state();
        // Evaluated per iteration or per item below, with the state of that moment.
        let per_iteration = match ty.to_ascii_lowercase().as_str() {
            "until" => Some("typeProperties.expression"),
            "filter" => Some("typeProperties.condition"),
            _ => None,
        };
        // A description is not evaluated by Data Factory: text in it that reads as an
        // expression must not fail the activity.
        properties.retain(|p| !p.path.eq_ignore_ascii_case("description"));
        if let Some(prefix) = per_iteration {
            properties.retain(|p| {
                !p.path
                    .to_ascii_lowercase()
                    .starts_with(&prefix.to_ascii_lowercase())
            });
        }
        let failure = properties.iter().find_map(|p| {
            p.value
                .as_ref()
                .err()
                .map(|e| format!("`{}` fails: {}", p.path, e.message))
        });
        step.properties = properties;
        let tp = json::get_obj(obj, "typeProperties");
        let mut outcome = match (failure, tp) {
            (Some(message), _) => {
                step.notes.push(format!("fails: {message}"));
                Outcomes::FAILED
            }
            (None, Some(tp)) => self.by_type(f, act, &ty, tp, &mut step, st, item),
            (None, None) => Outcomes::SUCCEEDED,
        };
        if self.inputs.fail.iter().any(|n| is(n, &a.name)) {
            outcome = Outcomes::FAILED;
            step.notes.push("fails: --fail says so".to_string());
            self.failed.push(a.name.clone());
        }
        step.outcome = Outcome::of(outcome);
        (step, outcome)
    }

    /// What an activity does by its type, once its properties are evaluated.
    #[allow(clippy::too_many_arguments)]
    fn by_type(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        ty: &str,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        match ty.to_ascii_lowercase().as_str() {
            "ifcondition" => self.if_condition(f, act, tp, step, st, item),
            "switch" => self.switch(f, act, tp, step, st, item),
            "foreach" => self.for_each(f, act, tp, step, st),
            "until" => self.until(f, act, tp, step, st, item),
            "setvariable" => set_variable(tp, step, st, &self.context(f, st, item)),
            "appendvariable" => append_variable(tp, step, st),
            "filter" => self.filter(f, tp, step, st, item),
            "executepipeline" => self.execute_pipeline(f, act, tp, step, st, item),
            "fail" => {
                let message = setting(tp, "message", &step.properties);
                let code = setting(tp, "errorCode", &step.properties);
                let text = |v: Option<Value>| v.map_or("(none)".to_string(), |v| shown(&v));
                step.notes.push(format!(
                    "fails: the Fail activity ends its branch with errorCode {} and message {}",
                    text(code),
                    text(message)
                ));
                Outcomes::FAILED
            }
            _ => Outcomes::SUCCEEDED,
        }
    }

    /// Walks the branches of an If Condition or a Switch: the one taken (`Some(index)`), or all
    /// of them when the choice is not known (`None`, with what it needs).
    #[allow(clippy::too_many_arguments)]
    fn branches(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        branches: &[(u32, String)],
        taken: Result<u32, Vec<String>>,
        not_taken: &str,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        match taken {
            Ok(chosen) => {
                let mut outcome = Outcomes::SUCCEEDED;
                for (branch, label) in branches {
                    let list = child_list(f, act, *branch);
                    if *branch == chosen {
                        let (steps, status) = self.list(f, list, st, item);
                        outcome = status;
                        step.blocks.push(Block {
                            label: label.clone(),
                            when: When::Runs,
                            item: None,
                            steps,
                            outcome: Outcome::of(status),
                        });
                    } else {
                        step.blocks.push(Block {
                            label: label.clone(),
                            when: When::NotRun(not_taken.to_string()),
                            item: None,
                            steps: not_run(f, list, "its branch is not taken"),
                            outcome: Outcome::Skipped,
                        });
                    }
                }
                outcome
            }
            Err(needs) => {
                let start = st.clone();
                let mut ends: Vec<State> = Vec::new();
                let mut outcome = Outcomes::NONE;
                for (branch, label) in branches {
                    let mut branch_state = start.clone();
                    let (steps, status) =
                        self.list(f, child_list(f, act, *branch), &mut branch_state, item);
                    outcome = outcome.or(status);
                    ends.push(branch_state);
                    step.blocks.push(Block {
                        label: label.clone(),
                        when: When::DependsOn(needs.clone()),
                        item: None,
                        steps,
                        outcome: Outcome::of(status),
                    });
                }
                if let Some((first, rest)) = ends.split_first() {
                    *st = first.clone();
                    for other in rest {
                        merge_state(st, other, &needs);
                    }
                }
                outcome
            }
        }
    }

    fn if_condition(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        let branches = [
            (0, "ifTrueActivities".to_string()),
            (1, "ifFalseActivities".to_string()),
        ];
        let taken = match setting(tp, "expression", &step.properties) {
            Some(Value::Bool(b)) => {
                step.notes.push(format!(
                    "the expression is {b}: {} run",
                    if b {
                        "ifTrueActivities"
                    } else {
                        "ifFalseActivities"
                    }
                ));
                Ok(if b { 0 } else { 1 })
            }
            Some(Value::Unknown(needs)) => {
                step.notes.push(format!(
                    "the expression depends on {}: both branches are shown",
                    needs.join(", ")
                ));
                Err(needs)
            }
            other => {
                let what = other.map_or("missing".to_string(), |v| {
                    format!("of type {}", v.type_name())
                });
                step.notes.push(format!(
                    "fails: the expression must be a boolean; it is {what}"
                ));
                return Outcomes::FAILED;
            }
        };
        let not_taken = match &taken {
            Ok(0) => "the expression is true",
            _ => "the expression is false",
        };
        self.branches(f, act, &branches, taken, not_taken, step, st, item)
    }

    fn switch(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        let cases: Vec<String> = match json::get(tp, "cases").map(|p| &p.value) {
            Some(Json::Array(a)) => a
                .elements
                .iter()
                .map(|c| match c {
                    Json::Object(o) => json::get_str(o, "value").unwrap_or("").to_string(),
                    _ => String::new(),
                })
                .collect(),
            _ => Vec::new(),
        };
        let default = cases.len() as u32;
        let mut branches: Vec<(u32, String)> = cases
            .iter()
            .enumerate()
            .map(|(i, v)| (i as u32, format!("case \"{v}\"")))
            .collect();
        branches.push((default, "defaultActivities".to_string()));
        let (taken, not_taken) = match setting(tp, "on", &step.properties) {
            Some(Value::String(on)) => {
                // Chosen: the case whose value is written exactly as `on` (the Switch page
                // speaks of matching values, not of case).
                let chosen = cases.iter().position(|c| *c == on);
                let label = chosen.map_or("defaultActivities".to_string(), |i| {
                    format!("case \"{}\"", cases[i])
                });
                step.notes.push(format!("on is \"{on}\": {label} run"));
                (
                    Ok(chosen.map_or(default, |i| i as u32)),
                    format!("on is \"{on}\""),
                )
            }
            Some(Value::Unknown(needs)) => {
                step.notes.push(format!(
                    "on depends on {}: every case is shown",
                    needs.join(", ")
                ));
                (Err(needs), String::new())
            }
            other => {
                let what = other.map_or("missing".to_string(), |v| {
                    format!("of type {}", v.type_name())
                });
                step.notes
                    .push(format!("fails: on must be a string; it is {what}"));
                return Outcomes::FAILED;
            }
        };
        self.branches(f, act, &branches, taken, &not_taken, step, st, item)
    }

    fn for_each(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
    ) -> Outcomes {
        let body = child_list(f, act, 0);
        let parallel = f.entity.activities.get(act).is_some_and(|a| a.parallel);
        match setting(tp, "items", &step.properties) {
            Some(Value::Array(items)) => {
                let n = items.len();
                if n == 0 {
                    step.notes
                        .push("items is an empty array: the body does not run".to_string());
                    return Outcomes::SUCCEEDED;
                }
                step.notes.push(format!(
                    "{n} item{}{}",
                    if n == 1 { "" } else { "s" },
                    if n > SHOWN_ITERATIONS {
                        format!(
                            "; the first {SHOWN_ITERATIONS} iterations are printed, all are \
                             followed"
                        )
                    } else {
                        String::new()
                    }
                ));
                if parallel && n > 1 {
                    step.notes.push(
                        "isSequential is not true: iterations run in parallel in a run; they \
                         are followed here in item order"
                            .to_string(),
                    );
                }
                let start = st.clone();
                let mut statuses = Vec::new();
                for (i, it) in items.iter().take(MAX_ITERATIONS).enumerate() {
                    let (steps, status) = self.list(f, body, st, Some(it));
                    statuses.push(status);
                    if i < SHOWN_ITERATIONS {
                        step.blocks.push(Block {
                            label: format!("iteration {} of {n}", i + 1),
                            when: When::Runs,
                            item: Some(it.clone()),
                            steps,
                            outcome: Outcome::of(status),
                        });
                    }
                    if self.out_of_runs() {
                        statuses.push(Outcomes::RAN);
                        break;
                    }
                }
                if n > MAX_ITERATIONS {
                    let need = vec![format!(
                        "the iterations of {} past {MAX_ITERATIONS}",
                        step.activity
                    )];
                    step.notes.push(format!(
                        "only the first {MAX_ITERATIONS} items are followed: what the body \
                         changes is unknown afterwards"
                    ));
                    let after = st.clone();
                    *st = start;
                    merge_state(st, &after, &need);
                    statuses.push(Outcomes::RAN);
                }
                combine(&statuses)
            }
            Some(Value::Unknown(needs)) => {
                step.notes.push(format!(
                    "items depend on {}: the body is shown once, with item() unknown",
                    needs.join(", ")
                ));
                let start = st.clone();
                let unknown_item = Value::Unknown(needs.clone());
                let (steps, status) = self.list(f, body, st, Some(&unknown_item));
                // The body may run any number of times, including none.
                merge_state(st, &start, &needs);
                step.blocks.push(Block {
                    label: "each item".to_string(),
                    when: When::DependsOn(needs),
                    item: Some(unknown_item),
                    steps,
                    outcome: Outcome::of(status),
                });
                status.or(Outcomes::SUCCEEDED)
            }
            other => {
                let what = other.map_or("missing".to_string(), |v| {
                    format!("of type {}", v.type_name())
                });
                step.notes
                    .push(format!("fails: items must be an array; it is {what}"));
                Outcomes::FAILED
            }
        }
    }

    fn until(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        let body = child_list(f, act, 0);
        // https://learn.microsoft.com/azure/data-factory/control-flow-until-activity: the
        // expression is evaluated after the inner activities; the timeout defaults to 7 days.
        let timeout = json::get_str(tp, "timeout").unwrap_or("7.00:00:00 (the default)");
        let Some(expression) = expression_text(tp, "expression") else {
            step.notes
                .push("fails: the Until activity has no expression".to_string());
            return Outcomes::FAILED;
        };
        let mut statuses = Vec::new();
        let mut iterations = 0;
        for i in 0..MAX_UNTIL {
            iterations += 1;
            let before = st.clone();
            let (steps, status) = self.list(f, body, st, item);
            statuses.push(status);
            let ctx = self.context(f, st, item);
            let value = evaluate(expression, &ctx);
            self.random = ctx.random_state();
            let (when, end) = match value {
                Ok(Value::Bool(true)) => {
                    step.notes.push(format!(
                        "the expression is true after iteration {}: the loop ends",
                        i + 1
                    ));
                    (When::Runs, true)
                }
                Ok(Value::Bool(false)) if i + 1 == MAX_UNTIL => {
                    step.notes.push(format!(
                        "the expression is still false after {MAX_UNTIL} iterations: the \
                         what-if stops there; a run goes on until the expression holds or the \
                         timeout ({timeout}) ends it"
                    ));
                    statuses.push(Outcomes::RAN);
                    (When::Runs, true)
                }
                Ok(Value::Bool(false)) => (When::Runs, false),
                Ok(Value::Unknown(needs)) => {
                    step.notes.push(format!(
                        "whether the loop ends after iteration {} depends on {}: the what-if \
                         stops there; a run repeats until the expression holds or the timeout \
                         ({timeout}) ends it",
                        i + 1,
                        needs.join(", ")
                    ));
                    // More iterations may change again what this one changed.
                    merge_state(st, &before, &needs);
                    statuses.push(Outcomes::RAN);
                    (When::DependsOn(needs), true)
                }
                Ok(other) => {
                    step.notes.push(format!(
                        "fails: the expression must be a boolean; it is of type {}",
                        other.type_name()
                    ));
                    statuses.push(Outcomes::FAILED);
                    (When::Runs, true)
                }
                Err(e) => {
                    step.notes
                        .push(format!("fails: the expression fails: {}", e.message));
                    statuses.push(Outcomes::FAILED);
                    (When::Runs, true)
                }
            };
            if i < SHOWN_ITERATIONS || end {
                step.blocks.push(Block {
                    label: format!("iteration {}", i + 1),
                    when,
                    item: None,
                    steps,
                    outcome: Outcome::of(status),
                });
            }
            if end {
                break;
            }
            if self.out_of_runs() {
                statuses.push(Outcomes::RAN);
                break;
            }
        }
        if step.blocks.len() < iterations {
            step.notes.push(format!(
                "iterations after the first {SHOWN_ITERATIONS} are followed; only the last is \
                 printed"
            ));
        }
        combine(&statuses)
    }

    fn filter(
        &mut self,
        f: &Frame<'_, '_>,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        let condition = expression_text(tp, "condition").unwrap_or("");
        let output = match setting(tp, "items", &step.properties) {
            Some(Value::Array(items)) => {
                let mut kept = Vec::new();
                let mut unknown = None;
                for it in items.iter().take(MAX_ITERATIONS) {
                    let mut ctx = self.context(f, st, item);
                    ctx.item = Some(it.clone());
                    let v = evaluate(condition, &ctx);
                    self.random = ctx.random_state();
                    match v {
                        Ok(Value::Bool(true)) => kept.push(it.clone()),
                        Ok(Value::Bool(false)) => {}
                        Ok(Value::Unknown(needs)) => {
                            unknown = Some(needs);
                            break;
                        }
                        Ok(other) => {
                            step.notes.push(format!(
                                "fails: the condition must be a boolean; it is of type {}",
                                other.type_name()
                            ));
                            return Outcomes::FAILED;
                        }
                        Err(e) => {
                            step.notes.push(format!(
                                "fails: the condition fails for item {}: {}",
                                it.to_json(),
                                e.message
                            ));
                            return Outcomes::FAILED;
                        }
                    }
                }
                match unknown {
                    Some(needs) => {
                        step.notes.push(format!(
                            "the condition depends on {}: the output is unknown",
                            needs.join(", ")
                        ));
                        Value::Unknown(needs)
                    }
                    None if items.len() > MAX_ITERATIONS => {
                        step.notes.push(format!(
                            "more than {MAX_ITERATIONS} items: the output is not computed"
                        ));
                        Value::unknown(format!(
                            "the items of {} past {MAX_ITERATIONS}",
                            step.activity
                        ))
                    }
                    None => {
                        step.notes.push(format!(
                            "keeps {} of {} items: {}",
                            kept.len(),
                            items.len(),
                            shown(&Value::Array(kept.clone()))
                        ));
                        // The Filter page documents `value`, the items kept.
                        Value::Object(vec![("value".to_string(), Value::Array(kept))])
                    }
                }
            }
            Some(Value::Unknown(needs)) => {
                step.notes.push(format!(
                    "items depend on {}: the output is unknown",
                    needs.join(", ")
                ));
                Value::Unknown(needs)
            }
            other => {
                let what = other.map_or("missing".to_string(), |v| {
                    format!("of type {}", v.type_name())
                });
                step.notes
                    .push(format!("fails: items must be an array; it is {what}"));
                return Outcomes::FAILED;
            }
        };
        self.set_output(st, &step.activity, output);
        Outcomes::SUCCEEDED
    }

    /// Records an activity's computed output, unless the caller gave it.
    fn set_output(&self, st: &mut State, activity: &str, output: Value) {
        if lookup(&self.inputs.outputs, activity).is_none() {
            set(&mut st.outputs, activity, output);
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn execute_pipeline(
        &mut self,
        f: &Frame<'_, '_>,
        act: usize,
        tp: &Object<'_>,
        step: &mut Step,
        st: &mut State,
        item: Option<&Value>,
    ) -> Outcomes {
        let Some(child) =
            json::get_obj(tp, "pipeline").and_then(|p| json::get_str(p, "referenceName"))
        else {
            step.notes
                .push("not followed: the pipeline it runs is not named by a literal".into());
            return Outcomes::RAN;
        };
        let wait = f
            .entity
            .activities
            .get(act)
            .and_then(|a| a.output_settings.wait_on_completion.or_default(false));
        let ctx = self.context(f, st, item);
        let params: Vec<(String, Value)> = json::get_obj(tp, "parameters")
            .map(|ps| {
                json::live(ps)
                    .map(|p| (json::name(p).to_string(), passed(&p.value, &ctx)))
                    .collect()
            })
            .unwrap_or_default();
        self.random = ctx.random_state();
        let Some((child_name, text)) = self.factory.pipeline(child) else {
            step.notes.push(format!(
                "not followed: pipeline `{child}` is not in the factory"
            ));
            return Outcomes::RAN;
        };
        if let Some(at) = self.stack.iter().position(|p| is(p, child_name)) {
            let mut cycle: Vec<&str> = self.stack[at..].iter().map(String::as_str).collect();
            cycle.push(child_name);
            step.notes.push(format!(
                "not followed: {} is a cycle, a run would start pipelines without end",
                cycle
                    .iter()
                    .map(|p| format!("`{p}`"))
                    .collect::<Vec<_>>()
                    .join(" → ")
            ));
            return Outcomes::RAN;
        }
        if self.stack.len() >= MAX_DEPTH {
            step.notes.push(format!(
                "not followed: Execute Pipeline nested more than {MAX_DEPTH} levels deep"
            ));
            return Outcomes::RAN;
        }
        let run = self.pipeline(child_name, text, params, Some(f.name));
        step.blocks.push(Block {
            label: format!("pipeline {child_name}"),
            when: When::Runs,
            item: None,
            steps: run.steps,
            outcome: Outcome::of(run.outcome),
        });
        let run_id = Value::unknown(format!("the run id of {child_name}"));
        match wait {
            Some(true) => {
                let mut output = vec![
                    (
                        "pipelineName".to_string(),
                        Value::String(child_name.to_string()),
                    ),
                    ("pipelineRunId".to_string(), run_id),
                ];
                if !run.return_value.is_empty() {
                    output.push((
                        "pipelineReturnValue".to_string(),
                        Value::Object(run.return_value),
                    ));
                }
                self.set_output(st, &step.activity, Value::Object(output));
                run.outcome
            }
            _ => {
                step.notes.push(
                    "waitOnCompletion is not true: the activity succeeds once the child run \
                     starts, whatever the child does"
                        .to_string(),
                );
                let output = vec![
                    (
                        "pipelineName".to_string(),
                        Value::String(child_name.to_string()),
                    ),
                    ("pipelineRunId".to_string(), run_id),
                ];
                self.set_output(st, &step.activity, Value::Object(output));
                Outcomes::SUCCEEDED
            }
        }
    }
}

/// Set Variable: the variable (or a `pipelineReturnValue` entry) takes its value.
fn set_variable(tp: &Object<'_>, step: &mut Step, st: &mut State, ctx: &Context) -> Outcomes {
    let Some(name) = json::get_str(tp, "variableName") else {
        step.notes
            .push("fails: variableName is not a literal name".to_string());
        return Outcomes::FAILED;
    };
    let system = matches!(
        json::get(tp, "setSystemVariable").map(|p| &p.value),
        Some(Json::BooleanLit(b)) if b.value
    );
    if system && is(name, "pipelineReturnValue") {
        let Some(Json::Array(entries)) = json::get(tp, "value").map(|p| &p.value) else {
            return Outcomes::SUCCEEDED;
        };
        for entry in &entries.elements {
            let Json::Object(e) = entry else { continue };
            let Some(key) = json::get_str(e, "key") else {
                continue;
            };
            let Some(v) = json::get_obj(e, "value") else {
                continue;
            };
            let ty = json::get_str(v, "type").unwrap_or("");
            let content = json::get(v, "content").map(|p| &p.value);
            let value = match (ty.to_ascii_lowercase().as_str(), content) {
                ("expression", Some(Json::StringLit(s))) => evaluate(&s.value, ctx)
                    .unwrap_or_else(|e| Value::unknown(format!("error: {}", e.message))),
                ("array" | "object", _) => Value::unknown(format!(
                    "pipelineReturnValue.{key} ({ty}: not evaluated here)"
                )),
                (_, Some(c)) => from_ast(c),
                (_, None) => Value::Null,
            };
            step.notes
                .push(format!("pipelineReturnValue.{key} = {}", shown(&value)));
            set(&mut st.return_value, key, value);
        }
        return Outcomes::SUCCEEDED;
    }
    let value = setting(tp, "value", &step.properties).unwrap_or(Value::Null);
    step.notes
        .push(format!("variables('{name}') = {}", shown(&value)));
    set(&mut st.variables, name, value);
    Outcomes::SUCCEEDED
}

/// Append Variable: the value is added to the array variable.
fn append_variable(tp: &Object<'_>, step: &mut Step, st: &mut State) -> Outcomes {
    let Some(name) = json::get_str(tp, "variableName") else {
        step.notes
            .push("fails: variableName is not a literal name".to_string());
        return Outcomes::FAILED;
    };
    let value = setting(tp, "value", &step.properties).unwrap_or(Value::Null);
    let next = match lookup(&st.variables, name).cloned() {
        Some(Value::Array(mut items)) => {
            items.push(value);
            Value::Array(items)
        }
        Some(Value::Unknown(needs)) => Value::Unknown(needs),
        Some(other) => {
            step.notes.push(format!(
                "fails: variable '{name}' is of type {}, not an array",
                other.type_name()
            ));
            return Outcomes::FAILED;
        }
        None => Value::unknown(format!("variables('{name}')")),
    };
    step.notes
        .push(format!("variables('{name}') = {}", shown(&next)));
    set(&mut st.variables, name, next);
    Outcomes::SUCCEEDED
}
