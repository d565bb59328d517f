//! `adf eval`: evaluates one ADF expression with the inputs given on the command line, offline.
//! Inputs not given stay unknown and the answer says which ones it needs.

mod activity;

use adf_core::eval::{self, Context, DateTime, Value};
use adf_host::files;
use std::path::Path;
use std::process::ExitCode;

/// What `adf eval` was asked for.
#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// The expression: as written in a property (`@concat(...)`, text with `@{...}`), or without
    /// the leading `@` (`concat('a', 'b')`). With --pipeline: the file or folder holding the
    /// pipeline (default: the current folder).
    #[arg(value_name = "EXPRESSION|PATH")]
    expression: Option<String>,
    /// Evaluate every expression-valued property of an activity of this pipeline (by name)
    /// instead, with the pipeline's parameter and variable defaults (given inputs win).
    #[arg(long, value_name = "PIPELINE", requires = "activity")]
    pipeline: Option<String>,
    /// The activity of --pipeline (by name, also inside If, Switch, ForEach and Until).
    #[arg(long, value_name = "ACTIVITY", requires = "pipeline")]
    activity: Option<String>,
    /// A pipeline parameter, `pipeline().parameters.NAME` (repeatable).
    #[arg(long = "param", value_name = "NAME=VALUE")]
    params: Vec<String>,
    /// A global parameter, `pipeline().globalParameters.NAME` (repeatable).
    #[arg(long = "global", value_name = "NAME=VALUE")]
    globals: Vec<String>,
    /// A pipeline variable, `variables('NAME')` (repeatable).
    #[arg(long = "var", value_name = "NAME=VALUE")]
    vars: Vec<String>,
    /// A system variable of `pipeline()`, e.g. `RunId=...` or `TriggerTime=...` (repeatable).
    #[arg(long = "system", value_name = "NAME=VALUE")]
    system: Vec<String>,
    /// The current ForEach item, `item()`.
    #[arg(long = "item", value_name = "VALUE")]
    item: Option<String>,
    /// An earlier activity's output, `activity('ACTIVITY').output`, read from a JSON file
    /// (repeatable).
    #[arg(long = "output", value_name = "ACTIVITY=FILE")]
    outputs: Vec<String>,
    /// The current time for utcNow(), getFutureTime() and getPastTime() (default: the clock).
    #[arg(long = "now", value_name = "TIMESTAMP")]
    now: Option<String>,
    /// Seed of guid() and rand(), for repeatable answers (default: from the clock).
    #[arg(long = "seed", value_name = "N")]
    seed: Option<u64>,
}

/// The help text after the options.
pub const AFTER_HELP: &str = "\
A VALUE is read as JSON when it parses as JSON (42, true, [1,2], {\"a\":1}, \"quoted\"), \
otherwise as a string (--param name=Ada). Prints the value as JSON (a string in quotes), or \
`unknown (needs: ...)` naming the inputs that were not given.

Exit codes: 0 a value (or unknown), 1 the expression fails (the message names the \
sub-expression), 2 bad usage.";

/// A `NAME=VALUE` argument as a name and a value (JSON if it parses, else the text).
fn named(arg: &str, option: &str) -> Result<(String, Value), String> {
    let (name, value) = arg
        .split_once('=')
        .filter(|(n, _)| !n.is_empty())
        .ok_or_else(|| format!("{option} `{arg}`: expected NAME=VALUE"))?;
    Ok((name.to_string(), input(value)))
}

/// A value given on the command line: JSON when it parses, else the text itself.
fn input(text: &str) -> Value {
    Value::from_input(text)
}

pub(crate) fn all(args: &[String], option: &str) -> Result<Vec<(String, Value)>, String> {
    args.iter().map(|a| named(a, option)).collect()
}

/// The clock now, as .NET ticks (the core reads no clock).
pub(crate) fn clock() -> (DateTime, u64) {
    let since_epoch = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default();
    // 0001-01-01 to 1970-01-01 in ticks of 100 ns.
    const UNIX_EPOCH_TICKS: i64 = 621_355_968_000_000_000;
    let ticks = UNIX_EPOCH_TICKS + (since_epoch.as_nanos() / 100) as i64;
    (DateTime { ticks, utc: true }, since_epoch.as_nanos() as u64)
}

/// Builds the inputs from the arguments.
fn context(args: &EvalArgs) -> Result<Context, String> {
    let mut ctx = Context::new();
    ctx.parameters = all(&args.params, "--param")?;
    ctx.global_parameters = all(&args.globals, "--global")?;
    ctx.variables = all(&args.vars, "--var")?;
    ctx.system = all(&args.system, "--system")?;
    ctx.item = args.item.as_deref().map(input);
    for arg in &args.outputs {
        let (activity, file) = arg
            .split_once('=')
            .filter(|(a, f)| !a.is_empty() && !f.is_empty())
            .ok_or_else(|| format!("--output `{arg}`: expected ACTIVITY=FILE"))?;
        let path = Path::new(file);
        let text = std::fs::read_to_string(path)
            .map_err(|e| format!("--output: cannot read {}: {e}", files::display(path)))?;
        let value = Value::from_json(&text)
            .map_err(|e| format!("--output: {} is not JSON: {e}", files::display(path)))?;
        ctx.activity_outputs.push((activity.to_string(), value));
    }
    let (now, seed) = clock();
    ctx.now = Some(match &args.now {
        Some(t) => DateTime::parse(t)
            .ok_or_else(|| format!("--now `{t}`: not a timestamp (e.g. 2026-01-01T00:00:00Z)"))?,
        None => now,
    });
    ctx.seed(args.seed.unwrap_or(seed));
    Ok(ctx)
}

/// Ends with a usage error (exit 2).
pub(crate) fn usage(message: &str) -> ExitCode {
    crate::stdout::line_to_stderr(&format!("error: {message}"));
    ExitCode::from(2)
}

/// Runs `adf eval`: the value on standard output (exit 0), an evaluation error on standard
/// error (exit 1), bad usage (exit 2).
pub fn run(args: &EvalArgs) -> ExitCode {
    let ctx = match context(args) {
        Ok(c) => c,
        Err(e) => return usage(&e),
    };
    if let (Some(pipeline), Some(activity)) = (&args.pipeline, &args.activity) {
        let path = args.expression.as_deref().unwrap_or(".");
        return match activity::properties(path, pipeline, activity, ctx) {
            Ok((text, failed)) => {
                crate::stdout::emit(&text, ExitCode::from(if failed { 1 } else { 0 }))
            }
            Err(e) => usage(&e),
        };
    }
    let Some(written) = &args.expression else {
        return usage("give an expression (or --pipeline and --activity)");
    };
    // A property value starts with `@` or interpolates; anything else is an expression.
    let prefixed = !(written.starts_with('@') || written.contains("@{"));
    let text = if prefixed {
        format!("@{written}")
    } else {
        written.clone()
    };
    match eval::evaluate(&text, &ctx) {
        Ok(Value::Unknown(needs)) => crate::stdout::emit(
            &format!("unknown (needs: {})\n", needs.join(", ")),
            ExitCode::SUCCESS,
        ),
        Ok(v) => crate::stdout::emit(&format!("{}\n", v.to_json()), ExitCode::SUCCESS),
        Err(e) => {
            let shift = usize::from(prefixed);
            let (start, end) = (
                e.range.start.saturating_sub(shift),
                e.range.end.saturating_sub(shift),
            );
            let part = text.get(e.range.clone()).unwrap_or("");
            crate::stdout::line_to_stderr(&format!(
                "error: {}\n  in `{part}` (characters {start}..{end} of the expression)",
                e.message
            ));
            ExitCode::from(1)
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn values_are_json_when_they_parse() {
        assert_eq!(input("42"), Value::Int(42));
        assert_eq!(input("[1, \"a\"]").to_json(), r#"[1,"a"]"#);
        assert_eq!(input("Ada"), Value::String("Ada".into()));
        assert_eq!(input("\"42\""), Value::String("42".into()));
        assert!(named("=1", "--param").is_err());
        assert_eq!(
            named("a=b=c", "--var"),
            Ok(("a".to_string(), Value::String("b=c".into())))
        );
    }
}
