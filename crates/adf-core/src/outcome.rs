//! Run outcomes: which activities of a pipeline run, fail or are skipped when one activity
//! fails, and the status the pipeline then reports (docs/run-outcomes.md).
//!
//! The rules follow Microsoft's "Errors and Conditional execution" page
//! (<https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling>)
//! and the activity dependency section of the pipelines page
//! (<https://learn.microsoft.com/azure/data-factory/concepts-pipelines-activities#activity-dependency>):
//!
//! - an activity runs when every `dependsOn` entry holds (entries are AND); the conditions of one
//!   entry are alternatives (OR): Succeeded, Failed, Skipped, or Completed (Succeeded or Failed);
//!   an activity that does not run is Skipped;
//! - the pipeline's status comes from its leaf activities (those nothing depends on): a skipped
//!   leaf is replaced by its parent, evaluated the same way; the pipeline succeeds only when every
//!   evaluated activity succeeded.
//!
//! Outcomes are sets of what is possible, so "not known" is a state of its own and nothing is
//! claimed from it. A skipped activity with several parents is evaluated as the union of its
//! parents: the page speaks of "its parent", so where parents disagree the status is not known.
//! Containers (ForEach, Until, If Condition, Switch): their own activities lists are evaluated
//! with the same rule; a list that fails fails its container, any other list leaves the
//! container's outcome unknown (an absorbed failure inside a loop or a branch is not evidence of
//! what the container reports). An inactive activity (`state: Inactive`) has an unknown outcome.

use crate::model::{Activity, Entity};
use crate::steps::step;
use foldhash::{HashMap, HashMapExt};

/// A set of possible outcomes of an activity or a pipeline.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Outcomes(u8);

impl Outcomes {
    /// Nothing possible (not evaluated).
    pub const NONE: Self = Self(0);
    /// Succeeded.
    pub const SUCCEEDED: Self = Self(1);
    /// Failed.
    pub const FAILED: Self = Self(2);
    /// Skipped: its dependencies did not hold.
    pub const SKIPPED: Self = Self(4);
    /// Ran, with either result.
    pub const RAN: Self = Self(3);
    /// Not known at all.
    pub const ANY: Self = Self(7);

    /// Whether any outcome of `other` is possible.
    pub fn has(self, other: Self) -> bool {
        self.0 & other.0 != 0
    }

    /// Both sets' outcomes.
    pub fn or(self, other: Self) -> Self {
        Self(self.0 | other.0)
    }

    /// The outcomes possible here that are not in `other`.
    fn minus(self, other: Self) -> Self {
        Self(self.0 & !other.0)
    }

    /// Whether exactly one outcome is possible and it is `one`.
    pub fn is(self, one: Self) -> bool {
        self == one
    }
}

pub use crate::model::Condition;

impl Condition {
    /// The outcomes of the activity depended on that satisfy it.
    pub fn accepts(self) -> Outcomes {
        match self {
            Self::Succeeded => Outcomes::SUCCEEDED,
            Self::Failed => Outcomes::FAILED,
            Self::Skipped => Outcomes::SKIPPED,
            Self::Completed => Outcomes::RAN,
        }
    }

    /// The path's name in ADF Studio.
    pub fn path(self) -> &'static str {
        match self {
            Self::Succeeded => "Upon Success",
            Self::Failed => "Upon Failure",
            Self::Skipped => "Upon Skip",
            Self::Completed => "Upon Completion",
        }
    }
}

/// The parsed conditions of one `dependsOn` entry, if all are known.
pub fn conditions(a: &Activity, entry: usize) -> Option<Vec<Condition>> {
    let c = a.conditions.get(entry)?;
    c.literal.then(|| c.iter().collect())
}

/// One dependency inside a list: the activity waited on (its position in the list's order) and
/// the outcomes of it that satisfy the entry (`None`: not known).
#[derive(Debug, Clone)]
struct Dep {
    target: Option<usize>,
    accepts: Option<Outcomes>,
}

/// An activities list: the pipeline's top level, or one list of a container.
#[derive(Debug, Clone)]
pub struct List {
    /// The container, `None` for the pipeline's own list.
    pub container: Option<usize>,
    /// Which list of the container (see [`Activity::branch`]).
    pub branch: u32,
    /// Its activities (entity indexes) in dependency order when `acyclic`, else as written.
    pub order: Vec<usize>,
    /// No dependency cycle: the list can be evaluated.
    pub acyclic: bool,
    deps: Vec<Vec<Dep>>,
    leaf: Vec<bool>,
}

impl List {
    /// Whether the activity at position `p` can run and whether it can be skipped, given the
    /// possible outcomes of the positions before it (`states`, by position of `order`).
    pub fn may_run(&self, p: usize, states: &[Outcomes]) -> (bool, bool) {
        let (mut can_run, mut can_skip) = (true, false);
        for d in self.deps.get(p).map_or(&[][..], Vec::as_slice) {
            match (d.target, d.accepts) {
                (Some(t), Some(acc)) => {
                    let s = states.get(t).copied().unwrap_or(Outcomes::ANY);
                    can_run &= s.has(acc);
                    can_skip |= s.minus(acc).has(Outcomes::ANY);
                }
                _ => can_skip = true,
            }
        }
        (can_run, can_skip)
    }

    /// The first `dependsOn` entry of position `p` that may not hold, given `states`: its index
    /// among the activity's entries and the position it waits on (`None` when that name or its
    /// conditions are not known).
    pub fn blocking(&self, p: usize, states: &[Outcomes]) -> Option<(usize, Option<usize>)> {
        let deps = self.deps.get(p)?;
        deps.iter()
            .enumerate()
            .find_map(|(entry, d)| match (d.target, d.accepts) {
                (Some(t), Some(acc)) => {
                    let s = states.get(t).copied().unwrap_or(Outcomes::ANY);
                    s.minus(acc).has(Outcomes::ANY).then_some((entry, Some(t)))
                }
                (t, _) => Some((entry, t)),
            })
    }
}

/// One evaluation of a list: each activity's possible outcomes and the list's status.
#[derive(Debug, Clone)]
pub struct Run {
    /// Possible outcomes per position of [`List::order`].
    pub states: Vec<Outcomes>,
    /// What the leaf rule reads per position: the outcome, or for a skipped one its parents'.
    pub evaluated: Vec<Outcomes>,
    /// The list's status: Succeeded, Failed, or both when not known.
    pub status: Outcomes,
}

/// The dependency graphs of one pipeline, ready for questions about outcomes.
#[derive(Debug, Clone)]
pub struct Graph<'e> {
    entity: &'e Entity,
    /// Every activities list.
    pub lists: Vec<List>,
    /// Per activity: its list and its position in that list's order.
    at: Vec<(usize, usize)>,
    /// Per activity: it is a Fail activity, or a container with an active Fail activity inside
    /// (so whether it fails depends on data when nothing else fails).
    fails_alone: Vec<Outcomes>,
}

/// What happens when one activity fails and every other activity that runs succeeds.
#[derive(Debug, Clone)]
pub struct IfFails {
    /// The pipeline's status: exactly Succeeded or Failed when known.
    pub status: Outcomes,
    /// Where the failure is absorbed at the pipeline's top level: (activity whose failure or
    /// skip is taken, activity that runs on it, the path taken).
    pub absorbed: Vec<(usize, usize, Condition)>,
}

fn is_type(a: &Activity, t: &str) -> bool {
    a.type_name
        .as_deref()
        .is_some_and(|n| n.eq_ignore_ascii_case(t))
}

impl<'e> Graph<'e> {
    /// Builds the lists of one pipeline.
    pub fn of(entity: &'e Entity) -> Self {
        let acts = &entity.activities;
        let mut by_list: HashMap<(Option<usize>, u32), usize> = HashMap::new();
        let mut members: Vec<Vec<usize>> = Vec::new();
        let mut keys = Vec::new();
        for (i, a) in acts.iter().enumerate() {
            let n = *by_list.entry((a.parent, a.branch)).or_insert_with(|| {
                members.push(Vec::new());
                keys.push((a.parent, a.branch));
                members.len() - 1
            });
            members[n].push(i);
        }
        let mut at = vec![(0, 0); acts.len()];
        let mut lists = Vec::with_capacity(members.len());
        for (n, written) in members.into_iter().enumerate() {
            let list = build_list(acts, keys[n], written);
            for (p, &i) in list.order.iter().enumerate() {
                at[i] = (n, p);
            }
            lists.push(list);
        }
        // Parents come before children in `activities`, so one backward pass carries "a Fail
        // activity inside" up to every container.
        let mut fails_alone = vec![Outcomes::SUCCEEDED; acts.len()];
        for i in (0..acts.len()).rev() {
            step(1);
            let a = &acts[i];
            if is_type(a, "Fail") && !a.inactive {
                fails_alone[i] = Outcomes::FAILED;
            }
            if a.inactive {
                fails_alone[i] = Outcomes::ANY;
            }
            if fails_alone[i] != Outcomes::SUCCEEDED {
                if let Some(p) = a.parent {
                    if fails_alone[p] == Outcomes::SUCCEEDED {
                        fails_alone[p] = Outcomes::RAN;
                    }
                }
            }
        }
        Self {
            entity,
            lists,
            at,
            fails_alone,
        }
    }

    /// The list an activity is in, and its position there.
    pub fn place(&self, activity: usize) -> Option<(&List, usize)> {
        let (l, p) = *self.at.get(activity)?;
        Some((self.lists.get(l)?, p))
    }

    /// The top-level list.
    pub fn top(&self) -> Option<&List> {
        self.lists.iter().find(|l| l.container.is_none())
    }

    /// What an activity does when it runs and nothing fails unless it must: a Fail activity
    /// fails, a container with one inside may, an inactive one is not known.
    fn alone(&self, activity: usize) -> Outcomes {
        self.fails_alone
            .get(activity)
            .copied()
            .unwrap_or(Outcomes::ANY)
    }

    /// Evaluates a list; `ran` gives what an activity does when it runs.
    pub fn run(&self, list: &List, ran: &dyn Fn(usize) -> Outcomes) -> Run {
        let n = list.order.len();
        if !list.acyclic {
            return Run {
                states: vec![Outcomes::ANY; n],
                evaluated: vec![Outcomes::RAN; n],
                status: Outcomes::RAN,
            };
        }
        let mut states = vec![Outcomes::NONE; n];
        let mut evaluated = vec![Outcomes::NONE; n];
        for p in 0..n {
            let act = list.order[p];
            let deps = &list.deps[p];
            step(1 + deps.len());
            let inactive = self.entity.activities.get(act).is_some_and(|a| a.inactive);
            let (can_run, can_skip) = list.may_run(p, &states);
            let state = if inactive {
                Outcomes::ANY
            } else {
                let mut s = Outcomes::NONE;
                if can_run {
                    s = s.or(ran(act));
                }
                if can_skip {
                    s = s.or(Outcomes::SKIPPED);
                }
                s
            };
            states[p] = state;
            let mut e = Outcomes(state.0 & Outcomes::RAN.0);
            if state.has(Outcomes::SKIPPED) {
                if deps.is_empty() {
                    e = e.or(Outcomes::RAN);
                }
                for d in deps {
                    e = e.or(d
                        .target
                        .and_then(|t| evaluated.get(t).copied())
                        .unwrap_or(Outcomes::RAN));
                }
            }
            evaluated[p] = e;
        }
        let (mut can_succeed, mut can_fail) = (true, false);
        for p in (0..n).filter(|p| list.leaf[*p]) {
            can_succeed &= evaluated[p].has(Outcomes::SUCCEEDED);
            can_fail |= evaluated[p].has(Outcomes::FAILED);
        }
        let mut status = Outcomes::NONE;
        if can_succeed {
            status = status.or(Outcomes::SUCCEEDED);
        }
        if can_fail {
            status = status.or(Outcomes::FAILED);
        }
        Run {
            states,
            evaluated,
            status,
        }
    }

    /// The status of the pipeline when nothing fails that need not.
    pub fn baseline(&self) -> Option<Run> {
        let top = self.top()?;
        Some(self.run(top, &|a| self.alone(a)))
    }

    /// The pipeline's top-level list evaluated with `failing` (one of its activities) failing,
    /// or with nothing failing that need not.
    pub fn top_run(&self, failing: Option<usize>) -> Option<(&List, Run)> {
        let top = self.top()?;
        let run = self.run(top, &|x| {
            if Some(x) == failing {
                Outcomes::FAILED
            } else {
                self.alone(x)
            }
        });
        Some((top, run))
    }

    /// What the pipeline reports when `failing` fails and every other activity that runs
    /// succeeds (Fail activities fail; containers with one inside are not known).
    pub fn if_fails(&self, failing: usize) -> Option<IfFails> {
        let acts = &self.entity.activities;
        let a = acts.get(failing)?;
        if a.inactive {
            return None;
        }
        // Evaluate X's list, then each container's list upwards with the container's outcome.
        let mut member = failing;
        let mut outcome = Outcomes::FAILED;
        // Bounded by the nesting depth: each step moves to a strictly earlier parent.
        loop {
            let (list, _) = self.place(member)?;
            let run = self.run(list, &|x| if x == member { outcome } else { self.alone(x) });
            match list.container {
                Some(c) => {
                    outcome = if run.status.is(Outcomes::FAILED) {
                        Outcomes::FAILED
                    } else {
                        Outcomes::RAN
                    };
                    if c >= member {
                        return None;
                    }
                    member = c;
                }
                None => {
                    let absorbed = if outcome.is(Outcomes::FAILED) {
                        self.absorbed(list, &run, member)
                    } else {
                        Vec::new()
                    };
                    return Some(IfFails {
                        status: run.status,
                        absorbed,
                    });
                }
            }
        }
    }

    /// The dependencies through which a run goes on after `failing` failed: edges from it, or
    /// from an activity skipped because of it, to an activity that runs on that outcome.
    fn absorbed(&self, list: &List, run: &Run, failing: usize) -> Vec<(usize, usize, Condition)> {
        let base = self.run(list, &|x| self.alone(x));
        let mut out = Vec::new();
        for (p, deps) in list.deps.iter().enumerate() {
            if !run.states[p].is(Outcomes::SUCCEEDED) {
                continue;
            }
            let act = list.order[p];
            for (entry, d) in deps.iter().enumerate() {
                let Some(t) = d.target else { continue };
                let s = run.states[t];
                let from = list.order[t];
                let caused =
                    from == failing || (s.is(Outcomes::SKIPPED) && base.states[t] != run.states[t]);
                if !caused || !(s.is(Outcomes::FAILED) || s.is(Outcomes::SKIPPED)) {
                    continue;
                }
                let Some(conds) = self
                    .entity
                    .activities
                    .get(act)
                    .and_then(|a| conditions(a, entry))
                else {
                    continue;
                };
                let want = if s.is(Outcomes::FAILED) {
                    [Condition::Failed, Condition::Completed]
                } else {
                    [Condition::Skipped, Condition::Skipped]
                };
                if let Some(c) = want.into_iter().find(|c| conds.contains(c)) {
                    out.push((from, act, c));
                }
            }
        }
        out
    }

    /// The conditions of the entry of `dependent` that waits on `target`, per position.
    pub fn dependents(&self, target: usize) -> Vec<(usize, Option<Vec<Condition>>)> {
        let Some((list, p)) = self.place(target) else {
            return Vec::new();
        };
        let mut out = Vec::new();
        for (q, deps) in list.deps.iter().enumerate() {
            for (entry, d) in deps.iter().enumerate() {
                if d.target == Some(p) {
                    let act = list.order[q];
                    let conds = self
                        .entity
                        .activities
                        .get(act)
                        .and_then(|a| conditions(a, entry));
                    out.push((act, conds));
                }
            }
        }
        out
    }

    /// Whether `activity` can never run whatever the activities before it do: its dependencies
    /// cannot all hold at once. `None` when that is not known.
    pub fn never_runs(&self, activity: usize) -> Option<bool> {
        let (list, p) = self.place(activity)?;
        let sets = self.possible(list);
        self.never_runs_at(list, &sets, p)
    }

    /// Every outcome each activity of `list` may have in some run (any activity may fail).
    pub fn possible(&self, list: &List) -> Run {
        self.run(list, &|x| self.may(x))
    }

    /// [`Graph::never_runs`] for position `p` of `list`, given [`Graph::possible`] of it.
    pub fn never_runs_at(&self, list: &List, sets: &Run, p: usize) -> Option<bool> {
        if !list.acyclic {
            return None;
        }
        if !sets.states.get(p)?.has(Outcomes::RAN) {
            return Some(true);
        }
        if list.deps.get(p)?.len() < 2 {
            // One dependency: the sets are exact, so it can run.
            return Some(false);
        }
        self.enumerate(list, sets, p)
    }

    /// What an activity may do when it runs, any failure allowed.
    fn may(&self, activity: usize) -> Outcomes {
        match self.alone(activity) {
            Outcomes::FAILED => Outcomes::FAILED,
            Outcomes::ANY => Outcomes::ANY,
            _ => Outcomes::RAN,
        }
    }

    /// Tries every outcome of the activities `p` depends on, directly or not (at most
    /// [`MAX_CHOICES`] of them), so that correlated dependencies are seen: C waiting on A
    /// Succeeded and on B, which runs only when A failed. An activity with one possible outcome
    /// in every run is a constant and the walk stops there.
    fn enumerate(&self, list: &List, sets: &Run, p: usize) -> Option<bool> {
        let single = |q: usize| {
            let s = sets.states.get(q).copied().unwrap_or(Outcomes::ANY);
            [Outcomes::SUCCEEDED, Outcomes::FAILED, Outcomes::SKIPPED].contains(&s)
        };
        // The ancestors that vary, and the constants they stop at; bounded by MAX_CHOICES.
        let mut seen: HashMap<usize, Option<u32>> = HashMap::new();
        let mut stack = vec![p];
        let mut n = 0u32;
        while let Some(q) = stack.pop() {
            step(1);
            for d in list.deps.get(q)? {
                let (Some(t), Some(_)) = (d.target, d.accepts) else {
                    return None;
                };
                if seen.contains_key(&t) {
                    continue;
                }
                if single(t) {
                    seen.insert(t, None);
                    continue;
                }
                let bit = match self.may(list.order[t]) {
                    Outcomes::FAILED => None,
                    Outcomes::RAN => {
                        n += 1;
                        Some(n - 1)
                    }
                    _ => return None,
                };
                if n as usize > MAX_CHOICES {
                    return None;
                }
                seen.insert(t, bit);
                stack.push(t);
            }
        }
        let mut order: Vec<usize> = seen.keys().copied().collect();
        order.sort_unstable();
        order.push(p);
        let mut states: HashMap<usize, Outcomes> = HashMap::new();
        for mask in 0u32..(1 << n) {
            step(order.len());
            for &q in &order {
                if q != p && single(q) {
                    states.insert(q, sets.states[q]);
                    continue;
                }
                let runs = list.deps[q].iter().all(|d| match (d.target, d.accepts) {
                    (Some(t), Some(acc)) => states.get(&t).is_some_and(|s| s.has(acc)),
                    _ => false,
                });
                let state = match (runs, seen.get(&q).copied().flatten()) {
                    (false, _) => Outcomes::SKIPPED,
                    (true, _) if q == p => Outcomes::SUCCEEDED,
                    (true, Some(bit)) if mask & (1 << bit) != 0 => Outcomes::FAILED,
                    (true, Some(_)) => Outcomes::SUCCEEDED,
                    (true, None) => Outcomes::FAILED,
                };
                states.insert(q, state);
            }
            if states.get(&p).is_some_and(|s| s.is(Outcomes::SUCCEEDED)) {
                return Some(false);
            }
        }
        Some(true)
    }
}

/// How many activities' outcomes [`Graph::never_runs`] tries at most (2^n runs).
const MAX_CHOICES: usize = 12;

/// One list: its dependency order (Kahn's algorithm, ties in written order) and its edges.
fn build_list(acts: &[Activity], key: (Option<usize>, u32), written: Vec<usize>) -> List {
    let mut pos_written: HashMap<String, usize> = HashMap::new();
    for (w, &i) in written.iter().enumerate() {
        pos_written
            .entry(acts[i].name.to_ascii_lowercase())
            .or_insert(w);
    }
    // Edges in written positions.
    let mut raw: Vec<Vec<(Option<usize>, Option<Outcomes>)>> = Vec::with_capacity(written.len());
    for &i in &written {
        let a = &acts[i];
        step(1 + a.depends_on.len());
        let deps = a
            .depends_on
            .iter()
            .enumerate()
            .map(|(entry, d)| {
                let target = pos_written.get(&d.name.to_ascii_lowercase()).copied();
                let accepts = conditions(a, entry)
                    .map(|cs| cs.iter().fold(Outcomes::NONE, |acc, c| acc.or(c.accepts())));
                (target, accepts)
            })
            .collect();
        raw.push(deps);
    }
    let n = written.len();
    let mut indegree = vec![0usize; n];
    let mut dependents: Vec<Vec<usize>> = vec![Vec::new(); n];
    for (w, deps) in raw.iter().enumerate() {
        for (t, _) in deps {
            if let Some(t) = t {
                indegree[w] += 1;
                dependents[*t].push(w);
            }
        }
    }
    let leaf_written: Vec<bool> = dependents.iter().map(Vec::is_empty).collect();
    let mut ready: std::collections::BTreeSet<usize> =
        (0..n).filter(|w| indegree[*w] == 0).collect();
    let mut order_w = Vec::with_capacity(n);
    while let Some(w) = ready.pop_first() {
        order_w.push(w);
        for &d in &dependents[w] {
            indegree[d] -= 1;
            if indegree[d] == 0 {
                ready.insert(d);
            }
        }
    }
    let acyclic = order_w.len() == n;
    if !acyclic {
        order_w = (0..n).collect();
    }
    let mut pos_of = vec![0; n];
    for (p, &w) in order_w.iter().enumerate() {
        pos_of[w] = p;
    }
    let deps = order_w
        .iter()
        .map(|&w| {
            raw[w]
                .iter()
                .map(|(t, acc)| Dep {
                    target: t.map(|t| pos_of[t]),
                    accepts: *acc,
                })
                .collect()
        })
        .collect();
    List {
        container: key.0,
        branch: key.1,
        order: order_w.iter().map(|&w| written[w]).collect(),
        acyclic,
        deps,
        leaf: order_w.iter().map(|&w| leaf_written[w]).collect(),
    }
}

/// The hover's line on what the pipeline reports if activity `failing` fails (and every other
/// activity that runs succeeds); `None` where that is not known.
pub fn if_fails_text(entity: &Entity, failing: usize) -> Option<String> {
    let graph = Graph::of(entity);
    let result = graph.if_fails(failing)?;
    let acts = &entity.activities;
    if result.status.is(Outcomes::FAILED) {
        return Some("If this activity fails: the pipeline reports **Failed**.".to_string());
    }
    if !result.status.is(Outcomes::SUCCEEDED) || result.absorbed.is_empty() {
        return None;
    }
    let via: Vec<String> = result
        .absorbed
        .iter()
        .filter_map(|(from, to, c)| {
            let (f, t) = (acts.get(*from)?, acts.get(*to)?);
            Some(format!("`{}` ({} of `{}`)", t.name, c.path(), f.name))
        })
        .collect();
    Some(format!(
        "If this activity fails: the pipeline reports **Succeeded** via {}, when the activities \
         on that path succeed ([run outcomes](https://learn.microsoft.com/azure/data-factory/tutorial-pipeline-failure-error-handling)).",
        via.join(", ")
    ))
}
