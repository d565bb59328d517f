//! What a pipeline run would do, without running it (`adf what-if`): the activities that run in
//! run order, each with its expression-valued properties evaluated (the walk of
//! [`super::activity`]), following `dependsOn` conditions, the control activities and Execute
//! Pipeline into the child pipeline. Activities are assumed to succeed unless they must fail (a
//! Fail activity, an expression that fails) or the caller says they fail; outputs of other
//! activities are inputs, never invented. v1 pipelines are ordered by the datasets their
//! activities produce and read, with their activity windows.
//!
//! Pure: the factory comes in as texts. Every loop is bounded: iterations
//! ([`MAX_ITERATIONS`], [`MAX_UNTIL`]), Execute Pipeline depth ([`MAX_DEPTH`]) and cycles, and
//! the activity runs of one what-if ([`MAX_RUNS`]).

mod factory;
mod v1;
mod walk;

#[cfg(test)]
mod tests;

pub use factory::Factory;

use super::activity::PropertyValue;
use super::{DateTime, Value};
use crate::outcome::Outcomes;

/// ForEach iterations printed per ForEach (the others are followed and counted).
pub const SHOWN_ITERATIONS: usize = 3;
/// ForEach items followed at most; past them, variables the body sets become unknown.
pub const MAX_ITERATIONS: usize = 1000;
/// Until iterations followed at most.
pub const MAX_UNTIL: usize = 10;
/// Execute Pipeline levels followed at most.
pub const MAX_DEPTH: usize = 8;
/// Nesting of lists (containers and child pipelines together) followed at most: keeps the walk's
/// recursion shallow whatever the input.
pub const MAX_NESTING: usize = 40;
/// Activity runs one what-if follows at most (a ForEach of a ForEach through a child pipeline
/// multiplies).
pub const MAX_RUNS: usize = 20_000;

/// What the what-if is asked with.
#[derive(Debug, Clone, Default)]
pub struct Inputs {
    /// Pipeline parameters given (they win over declared defaults).
    pub parameters: Vec<(String, Value)>,
    /// Global parameters given (they win over the factory's).
    pub global_parameters: Vec<(String, Value)>,
    /// System variables of `pipeline()` given (`RunId`, `TriggerTime`, ...).
    pub system: Vec<(String, Value)>,
    /// Outputs of activities by name (`activity('X').output`).
    pub outputs: Vec<(String, Value)>,
    /// The time for `utcNow()`.
    pub now: Option<DateTime>,
    /// Seed of `guid()` and `rand()`.
    pub seed: Option<u64>,
    /// Activities assumed to fail (by name, any case).
    pub fail: Vec<String>,
}

/// How an activity, a list or the pipeline ends.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Outcome {
    /// Succeeded.
    Succeeded,
    /// Failed.
    Failed,
    /// Not run (its dependencies did not hold, or its branch was not taken).
    Skipped,
    /// Depends on what is not known (a condition, an activity that may fail).
    NotKnown,
}

impl Outcome {
    /// The one outcome a set holds, or [`Outcome::NotKnown`].
    pub fn of(set: Outcomes) -> Self {
        if set.is(Outcomes::SUCCEEDED) {
            Outcome::Succeeded
        } else if set.is(Outcomes::FAILED) {
            Outcome::Failed
        } else if set.is(Outcomes::SKIPPED) {
            Outcome::Skipped
        } else {
            Outcome::NotKnown
        }
    }

    /// Its name in JSON.
    pub fn name(self) -> &'static str {
        match self {
            Outcome::NotKnown => "NotKnown",
            other => other.word(),
        }
    }

    /// The word printed for it.
    pub fn word(self) -> &'static str {
        match self {
            Outcome::Succeeded => "Succeeded",
            Outcome::Failed => "Failed",
            Outcome::Skipped => "Skipped",
            Outcome::NotKnown => "not known",
        }
    }
}

/// Whether an activity runs.
#[derive(Debug, Clone, PartialEq)]
pub enum Runs {
    /// It runs.
    Yes,
    /// It runs only if what is said here holds.
    Maybe(String),
    /// It does not run, for this reason.
    No(String),
}

/// When a block of activities (a branch, an iteration, a child pipeline) runs.
#[derive(Debug, Clone, PartialEq)]
pub enum When {
    /// It runs.
    Runs,
    /// It does not run, for this reason.
    NotRun(String),
    /// Whether it runs depends on these inputs, which are not given.
    DependsOn(Vec<String>),
}

/// One activity of the what-if.
#[derive(Debug, Clone, PartialEq)]
pub struct Step {
    /// Its name.
    pub activity: String,
    /// Its type.
    pub activity_type: String,
    /// Whether it runs.
    pub runs: Runs,
    /// How it ends.
    pub outcome: Outcome,
    /// Its expression-valued properties with their values (nothing when it does not run).
    pub properties: Vec<PropertyValue>,
    /// What the what-if found: the branch taken, the items, the variable set, the windows...
    pub notes: Vec<String>,
    /// The activities it holds or starts: branches, iterations, a child pipeline.
    pub blocks: Vec<Block>,
}

/// Activities run together: a branch, one iteration, a child pipeline's run.
#[derive(Debug, Clone, PartialEq)]
pub struct Block {
    /// What it is: `ifTrueActivities`, `iteration 1 of 3`, `pipeline Child`.
    pub label: String,
    /// Whether it runs.
    pub when: When,
    /// The ForEach item of an iteration.
    pub item: Option<Value>,
    /// Its activities in run order.
    pub steps: Vec<Step>,
    /// How it ends.
    pub outcome: Outcome,
}

/// A v1 pipeline's active period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ActivePeriod {
    /// `start` as written.
    pub start: String,
    /// `end` as written.
    pub end: String,
}

/// The what-if of one pipeline.
#[derive(Debug, Clone, PartialEq)]
pub struct WhatIf {
    /// The pipeline's name as written.
    pub pipeline: String,
    /// For a v1 pipeline, its active period.
    pub v1: Option<ActivePeriod>,
    /// Its activities in run order.
    pub steps: Vec<Step>,
    /// How the pipeline ends (the leaf rule of `crate::outcome`).
    pub outcome: Outcome,
    /// The pipeline variables at the end.
    pub variables: Vec<(String, Value)>,
    /// `pipelineReturnValue` entries set.
    pub return_value: Vec<(String, Value)>,
    /// What applies to the whole what-if: limits reached, `--fail` names that matched nothing.
    pub notes: Vec<String>,
}

/// Longest value a note or a line of text shows; longer ones are cut (the JSON output of the
/// command line keeps property values whole).
pub const MAX_SHOWN: usize = 300;

/// A value as one line: JSON (cut after [`MAX_SHOWN`] bytes, saying how long it is), or
/// `unknown (needs: ...)`.
pub fn brief(v: &Value) -> String {
    let text = match v {
        Value::Unknown(needs) => return format!("unknown (needs: {})", needs.join(", ")),
        v => v.to_json(),
    };
    if text.len() <= MAX_SHOWN {
        return text;
    }
    let mut cut = MAX_SHOWN;
    while !text.is_char_boundary(cut) {
        cut -= 1;
    }
    format!("{}… ({} bytes)", &text[..cut], text.len())
}

/// Why no what-if could be made.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WhatIfError {
    /// No pipeline of that name in the factory; the names there are listed.
    NoPipeline {
        /// The name asked for.
        name: String,
        /// The pipelines found.
        known: Vec<String>,
    },
}

impl std::fmt::Display for WhatIfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            WhatIfError::NoPipeline { name, known } if known.is_empty() => {
                write!(f, "no pipeline named `{name}`: the files hold no pipeline")
            }
            WhatIfError::NoPipeline { name, known } => {
                let shown: Vec<String> = known.iter().take(20).map(|k| format!("`{k}`")).collect();
                let more = if known.len() > 20 { ", ..." } else { "" };
                write!(
                    f,
                    "no pipeline named `{name}` (pipelines: {}{more})",
                    shown.join(", ")
                )
            }
        }
    }
}

/// The what-if of pipeline `name` (any case) of the factory made of `texts` (file texts;
/// pipelines, datasets and the factory's global parameters are read from them).
pub fn what_if(texts: &[&str], name: &str, inputs: &Inputs) -> Result<WhatIf, WhatIfError> {
    let factory = Factory::read(texts);
    let Some((pipeline, text)) = factory.pipeline(name) else {
        return Err(WhatIfError::NoPipeline {
            name: name.to_string(),
            known: factory.pipeline_names(),
        });
    };
    if let Some(found) = v1::what_if(&factory, pipeline, text, inputs) {
        return Ok(found);
    }
    let mut engine = walk::Engine::new(&factory, inputs);
    let run = engine.pipeline(pipeline, text, inputs.parameters.clone(), None);
    let mut notes = engine.notes;
    for f in &inputs.fail {
        if !engine.failed.iter().any(|m| m.eq_ignore_ascii_case(f)) {
            notes.push(format!("--fail `{f}`: no activity of that name runs"));
        }
    }
    Ok(WhatIf {
        pipeline: pipeline.to_string(),
        v1: None,
        steps: run.steps,
        outcome: Outcome::of(run.outcome),
        variables: run.variables,
        return_value: run.return_value,
        notes,
    })
}
