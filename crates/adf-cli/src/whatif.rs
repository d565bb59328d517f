//! `adf what-if PIPELINE [PATH]`: finds the factory's files below PATH, asks the core what a run
//! of the pipeline would do (`adf_core::eval::whatif`) and prints it as text or JSON. Nothing is
//! run and Azure is never called.

use crate::check;
use crate::eval::{all, clock, usage};
use adf_core::eval::activity::PropertyValue;
use adf_core::eval::whatif::{
    self, brief as shown, Block, Inputs, Outcome, Runs, Step, WhatIf, When,
};
use adf_core::eval::{DateTime, Value};
use adf_host::files;
use adf_host::fs::RealFs;
use serde_json::{json, Map, Value as Json};
use std::path::Path;
use std::process::ExitCode;

/// Output formats of `adf what-if`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum WhatIfFormat {
    /// Indented text, one activity per line with its values below.
    Text,
    /// One JSON object (docs/cli.md).
    Json,
}

/// What `adf what-if` was asked for.
#[derive(Debug, clap::Args)]
pub struct WhatIfArgs {
    /// The pipeline (by name, any case).
    pipeline: String,
    /// The file or folder holding the factory.
    #[arg(default_value = ".")]
    path: String,
    /// A pipeline parameter, `pipeline().parameters.NAME` (repeatable; wins over the default).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// A global parameter, `pipeline().globalParameters.NAME` (repeatable; wins over the
    /// factory's value).
    #[arg(long = "global", value_name = "NAME=VALUE")]
    globals: Vec<String>,
    /// A system variable of `pipeline()`, e.g. `RunId=...` (repeatable).
    #[arg(long = "system", value_name = "NAME=VALUE")]
    system: Vec<String>,
    /// Outputs of activities: a JSON object, activity name → its `output` object.
    #[arg(long = "outputs", value_name = "FILE")]
    outputs: Option<String>,
    /// Assume this activity fails (repeatable): its Upon Failure and Upon Completion paths run.
    #[arg(long = "fail", value_name = "ACTIVITY")]
    fail: Vec<String>,
    /// The current time for utcNow() and friends (default: the clock).
    #[arg(long = "now", value_name = "TIMESTAMP")]
    now: Option<String>,
    /// Seed of guid() and rand(), for repeatable answers (default: from the clock).
    #[arg(long = "seed", value_name = "N")]
    seed: Option<u64>,
    /// Output format.
    #[arg(long, value_enum, default_value_t = WhatIfFormat::Text)]
    format: WhatIfFormat,
}

/// The help text after the options.
pub const AFTER_HELP: &str = "\
Every activity is assumed to succeed unless it must fail (a Fail activity, an expression that \
fails) or --fail names it. Outputs of activities come from --outputs or stay unknown.

Exit codes: 0 the pipeline would succeed (or its end is not known), 1 it would fail, 2 bad \
usage (unknown pipeline, unreadable --outputs, a --now that is not a timestamp).";

/// Builds the inputs from the arguments.
fn inputs(args: &WhatIfArgs) -> Result<Inputs, String> {
    let mut inputs = Inputs {
        parameters: all(&args.params, "--param")?,
        global_parameters: all(&args.globals, "--global")?,
        system: all(&args.system, "--system")?,
        fail: args.fail.clone(),
        ..Inputs::default()
    };
    if let Some(file) = &args.outputs {
        let path = Path::new(file);
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("--outputs: cannot read {}: {e}", files::display(path)))?;
        match Value::from_json(&text) {
            Ok(Value::Object(outputs)) => inputs.outputs = outputs,
            Ok(other) => {
                return Err(format!(
                    "--outputs: {} holds {}, not an object of activity names",
                    files::display(path),
                    other.type_name()
                ))
            }
            Err(e) => {
                return Err(format!(
                    "--outputs: {} is not JSON: {e}",
                    files::display(path)
                ))
            }
        }
    }
    let (now, seed) = clock();
    inputs.now = Some(match &args.now {
        Some(t) => DateTime::parse(t)
            .ok_or_else(|| format!("--now `{t}`: not a timestamp (e.g. 2026-01-01T00:00:00Z)"))?,
        None => now,
    });
    inputs.seed = Some(args.seed.unwrap_or(seed));
    Ok(inputs)
}

/// The texts of the factory's files below `path` (those `adf.toml` excludes left out, as
/// `adf check` leaves them out).
fn texts(path: &str) -> Result<Vec<String>, String> {
    let fs = RealFs;
    let paths = [path.to_string()];
    let (mut targets, _) = check::walk(&fs, &paths, adf_host::fs::DEFAULT_MAX_FILES)?;
    let configs = check::configs(&fs, None, &targets).map_err(|t| t.message())?;
    targets.retain(|t| !configs.excludes(&t.absolute));
    Ok(targets
        .iter()
        .filter_map(|t| files::load(&fs, &t.path).ok())
        .collect())
}

/// Runs `adf what-if`.
pub fn run(args: &WhatIfArgs) -> ExitCode {
    let inputs = match inputs(args) {
        Ok(i) => i,
        Err(e) => return usage(&e),
    };
    let texts = match texts(&args.path) {
        Ok(t) => t,
        Err(e) => return usage(&e),
    };
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let found = match whatif::what_if(&refs, &args.pipeline, &inputs) {
        Ok(w) => w,
        Err(e) => return usage(&format!("{e} below {}", args.path)),
    };
    let code = ExitCode::from(u8::from(found.outcome == Outcome::Failed));
    let out = match args.format {
        WhatIfFormat::Text => text(&found),
        WhatIfFormat::Json => {
            serde_json::to_string_pretty(&to_json(&found)).unwrap_or_default() + "\n"
        }
    };
    // Names and values come from the files, and a pipeline step's log is read by the agent.
    crate::stdout::emit(&crate::output::azure_devops::defuse(&out), code)
}

fn property_line(p: &PropertyValue) -> String {
    match &p.value {
        Ok(v) => format!("{}: {}", p.path, shown(v)),
        Err(e) => {
            let part = p.expression.get(e.range.clone()).unwrap_or("");
            format!("{}: error: {} (in `{part}`)", p.path, e.message)
        }
    }
}

/// The text report.
fn text(w: &WhatIf) -> String {
    let mut out = String::new();
    match &w.v1 {
        Some(period) => out.push_str(&format!(
            "what-if {} (v1, active {} to {}): nothing runs in Azure; each activity is taken to succeed unless --fail names it\n",
            w.pipeline, period.start, period.end
        )),
        None => out.push_str(&format!(
            "what-if {}: nothing runs in Azure; each activity is taken to succeed unless --fail names it; outputs not given stay unknown\n",
            w.pipeline
        )),
    }
    steps_text(&w.steps, 0, &mut out);
    out.push_str(&format!("pipeline {}: {}\n", w.pipeline, w.outcome.word()));
    if !w.variables.is_empty() {
        out.push_str("variables at the end:\n");
        for (k, v) in &w.variables {
            out.push_str(&format!("  {k} = {}\n", shown(v)));
        }
    }
    if !w.return_value.is_empty() {
        out.push_str("pipelineReturnValue:\n");
        for (k, v) in &w.return_value {
            out.push_str(&format!("  {k} = {}\n", shown(v)));
        }
    }
    for n in &w.notes {
        out.push_str(&format!("note: {n}\n"));
    }
    out
}

fn steps_text(steps: &[Step], depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth);
    if steps.is_empty() {
        out.push_str(&format!("{pad}(no activities)\n"));
    }
    for (i, s) in steps.iter().enumerate() {
        let runs = match &s.runs {
            Runs::Yes => s.outcome.word().to_string(),
            Runs::Maybe(why) => format!("may run ({why}): {}", s.outcome.word()),
            Runs::No(why) => format!("not run: {why}"),
        };
        out.push_str(&format!(
            "{pad}{}. {} ({}): {runs}\n",
            i + 1,
            s.activity,
            s.activity_type
        ));
        for p in &s.properties {
            out.push_str(&format!("{pad}     {}\n", property_line(p)));
        }
        for n in &s.notes {
            out.push_str(&format!("{pad}   - {n}\n"));
        }
        for b in &s.blocks {
            block_text(b, depth + 2, out);
        }
    }
}

fn block_text(b: &Block, depth: usize, out: &mut String) {
    let pad = "  ".repeat(depth.saturating_sub(1));
    let item = b
        .item
        .as_ref()
        .map_or(String::new(), |v| format!(", item() = {}", shown(v)));
    let when = match &b.when {
        When::Runs => format!("runs: {}", b.outcome.word()),
        When::NotRun(why) => format!("not run: {why}"),
        When::DependsOn(needs) => {
            format!("depends on {}: {}", needs.join(", "), b.outcome.word())
        }
    };
    out.push_str(&format!("{pad}[{}{item}] {when}\n", b.label));
    steps_text(&b.steps, depth, out);
}

/// A value in the JSON report: `{"value": ...}`, or `{"needs": [...]}` when unknown.
fn value_json(v: &Value) -> Json {
    match v {
        Value::Unknown(needs) => json!({ "needs": needs }),
        v => json!({ "value": plain(v) }),
    }
}

/// A value as JSON; an unknown part inside a known value is the text `unknown (needs: ...)`.
fn plain(v: &Value) -> Json {
    match v {
        Value::Null => Json::Null,
        Value::Bool(b) => Json::Bool(*b),
        Value::Int(i) => json!(i),
        Value::Float(f) => serde_json::Number::from_f64(*f).map_or(Json::Null, Json::Number),
        Value::String(s) => Json::String(s.clone()),
        Value::Array(items) => Json::Array(items.iter().map(plain).collect()),
        Value::Object(props) => {
            Json::Object(props.iter().map(|(k, v)| (k.clone(), plain(v))).collect())
        }
        Value::Unknown(_) => Json::String(shown(v)),
    }
}

fn named_values(list: &[(String, Value)]) -> Json {
    Json::Array(
        list.iter()
            .map(|(k, v)| {
                let mut m = Map::new();
                m.insert("name".into(), Json::String(k.clone()));
                if let Json::Object(rest) = value_json(v) {
                    m.extend(rest);
                }
                Json::Object(m)
            })
            .collect(),
    )
}

fn step_json(s: &Step) -> Json {
    let (runs, reason) = match &s.runs {
        Runs::Yes => ("yes", None),
        Runs::Maybe(why) => ("maybe", Some(why)),
        Runs::No(why) => ("no", Some(why)),
    };
    let properties: Vec<Json> = s
        .properties
        .iter()
        .map(|p| {
            let mut m = Map::new();
            m.insert("path".into(), Json::String(p.path.clone()));
            m.insert("expression".into(), Json::String(p.expression.clone()));
            match &p.value {
                Ok(v) => {
                    if let Json::Object(rest) = value_json(v) {
                        m.extend(rest);
                    }
                }
                Err(e) => {
                    m.insert("error".into(), Json::String(e.message.clone()));
                }
            }
            Json::Object(m)
        })
        .collect();
    json!({
        "activity": s.activity,
        "type": s.activity_type,
        "runs": runs,
        "reason": reason,
        "outcome": s.outcome.name(),
        "properties": properties,
        "notes": s.notes,
        "blocks": s.blocks.iter().map(block_json).collect::<Vec<_>>(),
    })
}

fn block_json(b: &Block) -> Json {
    let (runs, reason, needs) = match &b.when {
        When::Runs => ("yes", None, None),
        When::NotRun(why) => ("no", Some(why), None),
        When::DependsOn(needs) => ("dependsOn", None, Some(needs)),
    };
    json!({
        "label": b.label,
        "runs": runs,
        "reason": reason,
        "needs": needs,
        "item": b.item.as_ref().map(value_json),
        "outcome": b.outcome.name(),
        "steps": b.steps.iter().map(step_json).collect::<Vec<_>>(),
    })
}

/// The JSON report (docs/cli.md).
fn to_json(w: &WhatIf) -> Json {
    json!({
        "pipeline": w.pipeline,
        "generation": if w.v1.is_some() { "v1" } else { "v2" },
        "activePeriod": w.v1.as_ref().map(|p| json!({"start": p.start, "end": p.end})),
        "outcome": w.outcome.name(),
        "steps": w.steps.iter().map(step_json).collect::<Vec<_>>(),
        "variables": named_values(&w.variables),
        "returnValue": named_values(&w.return_value),
        "notes": w.notes,
    })
}
