//! What an evaluation may read: parameters, variables, global parameters, system variables,
//! the ForEach item, activity outputs, the clock and a random source. Whatever is absent makes
//! the expressions that read it unknown, never a guess.

use super::time::DateTime;
use super::value::Value;
use std::cell::{Cell, RefCell};

/// The inputs of one evaluation.
#[derive(Debug, Default)]
pub struct Context {
    /// Pipeline parameters (`pipeline().parameters.X`): given values or declared defaults.
    pub parameters: Vec<(String, Value)>,
    /// Global parameters (`pipeline().globalParameters.X`).
    pub global_parameters: Vec<(String, Value)>,
    /// Pipeline variables (`variables('X')`).
    pub variables: Vec<(String, Value)>,
    /// System variables of `pipeline()`: `RunId`, `TriggerTime`, `Pipeline`, ...
    pub system: Vec<(String, Value)>,
    /// The current ForEach item (`item()`).
    pub item: Option<Value>,
    /// The `output` of earlier activities by name (`activity('X').output`).
    pub activity_outputs: Vec<(String, Value)>,
    /// Values of the other argument-less context functions by name: `trigger`, `triggerBody`,
    /// `triggerOutputs`, `dataset`, `linkedService`, `dataflow`.
    pub functions: Vec<(String, Value)>,
    /// The current time for `utcNow()` and friends; unknown when not set.
    pub now: Option<DateTime>,
    /// State of the random source for `guid()` and `rand()`; unknown when not seeded.
    random: Cell<Option<u64>>,
    /// The inputs the evaluations so far have read, in the order first read.
    read: RefCell<Vec<String>>,
}

/// A lookup ignoring ASCII case (ADF's names of parameters and variables are matched so).
pub(crate) fn lookup<'c>(list: &'c [(String, Value)], name: &str) -> Option<&'c Value> {
    list.iter()
        .find(|(k, _)| k == name)
        .or_else(|| list.iter().find(|(k, _)| k.eq_ignore_ascii_case(name)))
        .map(|(_, v)| v)
}

impl Context {
    /// An empty context: every input is unknown.
    pub fn new() -> Self {
        Self::default()
    }

    /// Seeds the random source (tests fix it; the command line seeds it from the clock).
    pub fn seed(&mut self, seed: u64) {
        self.random.set(Some(seed));
    }

    /// The random source's state, to carry it from one evaluation's inputs to the next.
    pub(crate) fn random_state(&self) -> Option<u64> {
        self.random.get()
    }

    /// Records that an evaluation read an input (`pipeline().parameters.X`, ...).
    pub(crate) fn note(&self, input: impl Into<String>) {
        let input = input.into();
        let mut read = self.read.borrow_mut();
        if !read.contains(&input) {
            read.push(input);
        }
    }

    /// The inputs the evaluations so far have read: what a value "assumed".
    pub fn inputs_read(&self) -> Vec<String> {
        self.read.borrow().clone()
    }

    /// The next 64 random bits (SplitMix64), or `None` when the source is not seeded.
    pub(crate) fn next_random(&self) -> Option<u64> {
        self.random.get()?;
        self.note("the random source");
        let state = self.random.get()?.wrapping_add(0x9E37_79B9_7F4A_7C15);
        self.random.set(Some(state));
        let mut z = state;
        z = (z ^ (z >> 30)).wrapping_mul(0xBF58_476D_1CE4_E5B9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94D0_49BB_1331_11EB);
        Some(z ^ (z >> 31))
    }
}
