//! "Evaluate with inputs": the expression-valued string at the cursor, the inputs it reads (each
//! with its declared default) and its value with the caller's inputs laid over those defaults.
//!
//! A UI needs two calls: one without inputs lists what the expression reads (and shows its
//! value with the defaults), one with the values the user typed. Inputs are named as the
//! evaluator names what it needs (`pipeline().parameters.day`, `variables('v')`, `item()`,
//! `activity('Lookup').output`, ...), so the names of [`Outcome::Unknown`] can be given back.

use crate::diagnostic::TextRange;
use crate::eval::{self, Context, DateTime, Value};
use crate::Workspace;
use adf_catalog::EntityKind;

/// What kind of input an expression reads.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum InputKind {
    /// `pipeline().parameters.X`.
    Parameter,
    /// `pipeline().globalParameters.X`.
    GlobalParameter,
    /// `variables('X')`.
    Variable,
    /// A system variable: `pipeline().RunId`, `pipeline().TriggerTime`, ...
    System,
    /// The current ForEach item, `item()`.
    Item,
    /// An earlier activity's output, `activity('A').output`.
    ActivityOutput,
    /// A parameter of the dataset or linked service itself: `dataset().X`, `linkedService().X`.
    EntityParameter,
    /// A whole context object: `trigger()`, `triggerBody()`, `triggerOutputs()`, `dataflow()`.
    ContextFunction,
    /// The current time (`utcNow()` and the other clock functions), a timestamp.
    Clock,
    /// The seed of `guid()` and `rand()`, an unsigned integer.
    Random,
    /// Something this evaluator cannot be given (`activity('A').status`, a function it does not
    /// evaluate yet): listed so that the user knows why the value stays unknown.
    Unsupported,
}

impl InputKind {
    /// A stable lowercase name for adapters (`parameter`, `activityOutput`, ...).
    pub fn as_str(self) -> &'static str {
        match self {
            InputKind::Parameter => "parameter",
            InputKind::GlobalParameter => "globalParameter",
            InputKind::Variable => "variable",
            InputKind::System => "system",
            InputKind::Item => "item",
            InputKind::ActivityOutput => "activityOutput",
            InputKind::EntityParameter => "entityParameter",
            InputKind::ContextFunction => "contextFunction",
            InputKind::Clock => "clock",
            InputKind::Random => "random",
            InputKind::Unsupported => "unsupported",
        }
    }
}

/// The name of the clock input (the evaluator names it after the function that read it).
pub const CLOCK_INPUT: &str = "the current time";
/// The name of the random source's input.
pub const RANDOM_INPUT: &str = "the random seed";

/// One input an expression reads.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EvalInput {
    /// Its name as the evaluator names it; give it back with a value to set it.
    pub name: String,
    /// What it is.
    pub kind: InputKind,
    /// The declared default (a parameter's or variable's `defaultValue`, a global parameter's
    /// `value` in the factory file) as compact JSON, if any.
    pub default: Option<String>,
}

/// The value of an expression, or why there is none.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Outcome {
    /// The value as compact JSON.
    Value(String),
    /// Not computable without these inputs (names as in [`EvalInput::name`]).
    Unknown(Vec<String>),
    /// The evaluation fails: the message and the sub-expression's bytes in the file.
    Error {
        /// What went wrong.
        message: String,
        /// The sub-expression at fault.
        range: TextRange,
    },
}

/// The answer of [`evaluate_at`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Evaluation {
    /// The expression as the property's decoded value.
    pub expression: String,
    /// The string literal holding it (quotes included).
    pub range: TextRange,
    /// The inputs it reads, in the order the evaluator meets them.
    pub inputs: Vec<EvalInput>,
    /// Its value with the given inputs over the declared defaults.
    pub outcome: Outcome,
    /// Given inputs whose names are not inputs the evaluator knows (they were not used).
    pub ignored: Vec<String>,
}

/// Reads an input typed by a user (see [`Value::from_input`]): JSON when it parses, else a string.
pub fn input_value(text: &str) -> Value {
    Value::from_input(text)
}

/// What an input name stands for: its kind and the key it is stored under.
fn classify(name: &str) -> (InputKind, String) {
    let quoted = |s: &str, prefix: &str, suffix: &str| {
        s.strip_prefix(prefix)
            .and_then(|r| r.strip_suffix(suffix))
            .map(str::to_string)
    };
    if let Some(p) = name.strip_prefix("pipeline().parameters.") {
        return (InputKind::Parameter, p.to_string());
    }
    if let Some(p) = name.strip_prefix("pipeline().globalParameters.") {
        return (InputKind::GlobalParameter, p.to_string());
    }
    if let Some(v) = quoted(name, "variables('", "')") {
        return (InputKind::Variable, v);
    }
    if name == "item()" {
        return (InputKind::Item, String::new());
    }
    if let Some(a) = quoted(name, "activity('", "').output") {
        return (InputKind::ActivityOutput, a);
    }
    for scope in ["dataset().", "linkedService()."] {
        if let Some(p) = name.strip_prefix(scope) {
            return (InputKind::EntityParameter, p.to_string());
        }
    }
    for f in [
        "trigger",
        "triggerBody",
        "triggerOutputs",
        "dataflow",
        "dataset",
        "linkedService",
    ] {
        if name.strip_suffix("()") == Some(f) {
            return (InputKind::ContextFunction, f.to_string());
        }
    }
    if name.starts_with(CLOCK_INPUT) {
        return (InputKind::Clock, String::new());
    }
    // Needed: "a random source (guid)"; read once seeded: "the random source".
    if name.starts_with("a random source") || name == "the random source" || name == RANDOM_INPUT {
        return (InputKind::Random, String::new());
    }
    if let Some(s) = name.strip_prefix("pipeline().") {
        // `pipeline().parameters` without a name is no one input.
        let scope =
            s.eq_ignore_ascii_case("parameters") || s.eq_ignore_ascii_case("globalParameters");
        if !scope && !s.is_empty() && s.chars().all(|c| c.is_alphanumeric() || c == '_') {
            return (InputKind::System, s.to_string());
        }
    }
    (InputKind::Unsupported, String::new())
}

/// The name an input is listed under: the evaluator's need, except for the clock and the random
/// source, which the evaluator names after the function that read them.
fn listed_name(need: &str) -> String {
    match classify(need).0 {
        InputKind::Clock => CLOCK_INPUT.to_string(),
        InputKind::Random => RANDOM_INPUT.to_string(),
        _ => need.to_string(),
    }
}

/// The entity-parameter scope (`dataset` or `linkedService`) of an input name.
fn entity_scope(name: &str) -> &'static str {
    if name.starts_with("linkedService") {
        "linkedService"
    } else {
        "dataset"
    }
}

/// Puts `value` in front of `list` under `key` (lookups take the first match, so it wins).
fn put(list: &mut Vec<(String, Value)>, key: &str, value: Value) {
    list.retain(|(k, _)| !k.eq_ignore_ascii_case(key));
    list.insert(0, (key.to_string(), value));
}

/// The property `key` of the object `scope` in `functions` (created when missing).
fn put_member(functions: &mut Vec<(String, Value)>, scope: &str, key: &str, value: Value) {
    let slot = functions.iter_mut().find(|(k, _)| k == scope);
    match slot {
        Some((_, Value::Object(props))) => put(props, key, value),
        Some((_, other)) => *other = Value::Object(vec![(key.to_string(), value)]),
        None => functions.push((
            scope.to_string(),
            Value::Object(vec![(key.to_string(), value)]),
        )),
    }
}

/// Lays one given input over the context; `false` when the name is not an input.
fn give(ctx: &mut Context, name: &str, text: &str) -> bool {
    let (kind, key) = classify(name);
    match kind {
        InputKind::Parameter => put(&mut ctx.parameters, &key, input_value(text)),
        InputKind::GlobalParameter => put(&mut ctx.global_parameters, &key, input_value(text)),
        InputKind::Variable => put(&mut ctx.variables, &key, input_value(text)),
        InputKind::System => put(&mut ctx.system, &key, input_value(text)),
        InputKind::Item => ctx.item = Some(input_value(text)),
        InputKind::ActivityOutput => put(&mut ctx.activity_outputs, &key, input_value(text)),
        InputKind::EntityParameter => put_member(
            &mut ctx.functions,
            entity_scope(name),
            &key,
            input_value(text),
        ),
        InputKind::ContextFunction => put(&mut ctx.functions, &key, input_value(text)),
        InputKind::Clock => {
            // A timestamp typed bare or as a JSON string.
            let t = match input_value(text) {
                Value::String(s) => s,
                _ => text.trim().to_string(),
            };
            match DateTime::parse(t.trim()) {
                Some(now) => ctx.now = Some(now),
                None => return false,
            }
        }
        InputKind::Random => match text.trim().parse::<u64>() {
            Ok(seed) => ctx.seed(seed),
            Err(_) => return false,
        },
        InputKind::Unsupported => return false,
    }
    true
}

/// The declared default of an input, as compact JSON.
fn default_of(defaults: &Context, name: &str) -> Option<String> {
    let (kind, key) = classify(name);
    let found = match kind {
        InputKind::Parameter => eval::context::lookup(&defaults.parameters, &key),
        InputKind::GlobalParameter => eval::context::lookup(&defaults.global_parameters, &key),
        InputKind::Variable => eval::context::lookup(&defaults.variables, &key),
        InputKind::EntityParameter => {
            eval::context::lookup(&defaults.functions, entity_scope(name)).and_then(|o| o.get(&key))
        }
        _ => None,
    };
    found.map(Value::to_json)
}

/// The global parameters of the factory the file belongs to: the `value` of each entry of the
/// factory's `properties.globalParameters` (a factory file, or the factory resource of an ARM
/// template), or of a global parameters resource.
fn global_parameters(ws: &Workspace, path: &str) -> Vec<(String, Value)> {
    let mut out = Vec::new();
    for kind in [EntityKind::Factory, EntityKind::GlobalParameters] {
        for name in ws.names_from(path, kind) {
            for (file, entity) in ws.lookup_from(path, kind, name) {
                let Some(text) = ws.text(file) else { continue };
                let parsed = adf_syntax::parse(text, &adf_syntax::ParseOptions::default());
                let Some(obj) = parsed
                    .value
                    .as_ref()
                    .and_then(|root| crate::expr::ide::object_at(root, entity.range.start))
                else {
                    continue;
                };
                let props = crate::json::get_obj(obj, "properties").unwrap_or(obj);
                let list = match kind {
                    EntityKind::Factory => crate::json::get_obj(props, "globalParameters"),
                    _ => Some(props),
                };
                for p in list.into_iter().flat_map(crate::json::live) {
                    let adf_syntax::ast::Value::Object(decl) = &p.value else {
                        continue;
                    };
                    if let Some(v) = crate::json::get(decl, "value") {
                        let name = crate::json::name(p);
                        if eval::context::lookup(&out, name).is_none() {
                            out.push((name.to_string(), eval::value::from_ast(&v.value)));
                        }
                    }
                }
            }
        }
    }
    out
}

/// Adds the inputs one evaluation met (read or still needed) to `names`, in order, no repeats.
fn meet(names: &mut Vec<String>, ctx: &Context, v: &Result<Value, eval::EvalError>) {
    let needs = match v {
        Ok(Value::Unknown(needs)) => needs.clone(),
        _ => Vec::new(),
    };
    for n in ctx.inputs_read().into_iter().chain(needs) {
        let n = listed_name(&n);
        if !names.contains(&n) {
            names.push(n);
        }
    }
}

/// Evaluates the expression-valued string at `offset` of `path` with `given` inputs (name and
/// the text typed, read by [`input_value`]) over the defaults the entity and its factory
/// declare. `None` when the offset is not in an expression-valued string.
pub fn evaluate_at(
    ws: &Workspace,
    path: &str,
    offset: usize,
    given: &[(String, String)],
) -> Option<Evaluation> {
    let text = ws.text(path)?;
    let model = ws.model(path)?;
    let site = crate::expr::ide::expression_site(text, offset, model)?;
    let mut defaults = site.defaults;
    defaults.global_parameters = global_parameters(ws, path);

    // First with no inputs at all: every input the value depends on is then a need (branches
    // that a default would decide are still listed).
    let bare = Context::new();
    let bare_value = eval::evaluate(&site.value, &bare);
    let mut names = Vec::new();
    meet(&mut names, &bare, &bare_value);

    let mut ctx = Context::new();
    ctx.parameters = defaults.parameters.clone();
    ctx.global_parameters = defaults.global_parameters.clone();
    ctx.variables = defaults.variables.clone();
    ctx.functions = defaults.functions.clone();
    let mut ignored = Vec::new();
    for (name, value) in given {
        if !give(&mut ctx, name, value) {
            ignored.push(name.clone());
        }
    }
    let value = eval::evaluate(&site.value, &ctx);
    meet(&mut names, &ctx, &value);

    let outcome = match value {
        Ok(Value::Unknown(needs)) => {
            let mut listed: Vec<String> = Vec::new();
            for n in needs.iter().map(|n| listed_name(n)) {
                if !listed.contains(&n) {
                    listed.push(n);
                }
            }
            Outcome::Unknown(listed)
        }
        Ok(v) => Outcome::Value(v.to_json()),
        Err(e) => Outcome::Error {
            message: e.message,
            range: site.map.file_range(&e.range),
        },
    };
    let inputs = names
        .into_iter()
        .map(|name| EvalInput {
            kind: classify(&name).0,
            default: default_of(&defaults, &name),
            name,
        })
        .collect();
    Some(Evaluation {
        expression: site.value,
        range: site.range,
        inputs,
        outcome,
        ignored,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names_are_classified_and_given_back() {
        assert_eq!(
            classify("pipeline().parameters.day"),
            (InputKind::Parameter, "day".to_string())
        );
        assert_eq!(
            classify("activity('Look up').output"),
            (InputKind::ActivityOutput, "Look up".to_string())
        );
        assert_eq!(classify("pipeline().RunId").0, InputKind::System);
        assert_eq!(classify("the current time (utcNow)").0, InputKind::Clock);
        assert_eq!(classify("activity('A').status").0, InputKind::Unsupported);
        assert_eq!(classify("pipeline()").0, InputKind::Unsupported);
        assert_eq!(classify("pipeline().parameters").0, InputKind::Unsupported);
        assert_eq!(classify("the random source").0, InputKind::Random);
        assert_eq!(listed_name("a random source (rand)"), RANDOM_INPUT);
        assert_eq!(
            classify("linkedService().host"),
            (InputKind::EntityParameter, "host".to_string())
        );
    }

    #[test]
    fn typed_text_is_json_when_it_parses() {
        assert_eq!(input_value("42"), Value::Int(42));
        assert_eq!(input_value("\"a\""), Value::String("a".into()));
        assert_eq!(input_value("Ada"), Value::String("Ada".into()));
        assert_eq!(input_value("[1"), Value::String("[1".into()));
    }
}
