//! The activities of a pipeline by activities list and name, for questions about `dependsOn`
//! entries in one lookup each (a scan of every activity per entry made a pipeline of thousands
//! of activities quadratic).

use crate::model::{Activity, Entity};
use crate::steps::step;
use foldhash::{HashMap, HashMapExt};
use std::collections::hash_map::Entry;

/// The first activity with a name (case-insensitive), and one whose name is spelled otherwise.
#[derive(Debug, Clone, Copy)]
struct Named {
    first: usize,
    // Enough to answer "one named so, other than this spelling" without a list of all of them.
    other_spelling: Option<usize>,
}

/// An activities list: the container and which of its lists (see [`Activity::branch`]).
type List = (Option<usize>, u32);

/// Activities by (list, lower-case name) and by lower-case name alone.
pub(crate) struct Siblings<'e> {
    entity: &'e Entity,
    in_list: HashMap<(List, String), Named>,
    anywhere: HashMap<String, Named>,
}

fn add(names: &Entity, slot: &mut Named, i: usize) {
    let spelled = |k: usize| names.activities.get(k).map(|a| a.name.as_str());
    if slot.other_spelling.is_none() && spelled(slot.first) != spelled(i) {
        slot.other_spelling = Some(i);
    }
}

impl<'e> Siblings<'e> {
    /// Indexes the activities of one pipeline.
    pub fn of(entity: &'e Entity) -> Self {
        let mut in_list: HashMap<(List, String), Named> = HashMap::new();
        let mut anywhere: HashMap<String, Named> = HashMap::new();
        for (i, a) in entity.activities.iter().enumerate() {
            step(1);
            let key = a.name.to_ascii_lowercase();
            let new = Named {
                first: i,
                other_spelling: None,
            };
            match in_list.entry(((a.parent, a.branch), key.clone())) {
                Entry::Occupied(mut o) => add(entity, o.get_mut(), i),
                Entry::Vacant(v) => {
                    v.insert(new);
                }
            }
            match anywhere.entry(key) {
                Entry::Occupied(mut o) => add(entity, o.get_mut(), i),
                Entry::Vacant(v) => {
                    v.insert(new);
                }
            }
        }
        Self {
            entity,
            in_list,
            anywhere,
        }
    }

    fn spelled(&self, i: usize) -> &str {
        self.entity
            .activities
            .get(i)
            .map_or("", |a| a.name.as_str())
    }

    /// Whether `a`'s list holds an activity named `name` (case-insensitive) whose name is not
    /// spelled exactly `not`.
    pub fn has_in_list_other_than(&self, a: &Activity, name: &str, not: &str) -> bool {
        step(1);
        let key = ((a.parent, a.branch), name.to_ascii_lowercase());
        self.in_list
            .get(&key)
            .is_some_and(|n| self.spelled(n.first) != not || n.other_spelling.is_some())
    }

    /// Whether any list holds an activity named `name` (case-insensitive) whose name is not
    /// spelled exactly `not`.
    pub fn has_anywhere_other_than(&self, name: &str, not: &str) -> bool {
        step(1);
        self.anywhere
            .get(&name.to_ascii_lowercase())
            .is_some_and(|n| self.spelled(n.first) != not || n.other_spelling.is_some())
    }
}
