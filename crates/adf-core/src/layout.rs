//! Factory roots and folder-level dialects, derived from path strings and classifications only.

use crate::classify::{Classification, DialectEvidence, FileKind, GIT_FOLDERS, V1_FOLDERS};
use adf_catalog::Dialect;
use foldhash::{HashMap, HashMapExt};
use std::borrow::Cow;
use std::collections::BTreeSet;

/// Where the factories are among a set of files.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Layout {
    roots: BTreeSet<String>,
    dialects: HashMap<String, Dialect>,
    synapse: BTreeSet<String>,
    /// Folder groups declared to form one factory (`adf.toml`'s `[[factory]]`); a file below
    /// any folder of a group belongs to the factory named by the group's first folder.
    joins: Vec<Vec<String>>,
}

/// Which product a file is written for: the catalog dialect plus whether the factory is a Synapse
/// workspace (same v2 shapes, other built-ins and artifacts).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Flavor {
    /// Data Factory v1.
    AdfV1,
    /// Data Factory v2.
    AdfV2,
    /// Synapse pipelines (v2 shapes).
    Synapse,
}

/// The folder part of a path ("" for a bare file name), with `\` read as `/`.
fn dir_of(path: &str) -> Cow<'_, str> {
    // Runs several times per file: a path with `/` separators (all but Windows hosts') is
    // sliced, not copied.
    let p = if path.as_bytes().contains(&b'\\') {
        Cow::Owned(path.replace('\\', "/"))
    } else {
        Cow::Borrowed(path)
    };
    match (p.bytes().rposition(|b| b == b'/'), p) {
        (None, _) => Cow::Borrowed(""),
        (Some(i), Cow::Borrowed(b)) => Cow::Borrowed(&b[..i]),
        (Some(i), Cow::Owned(mut o)) => {
            o.truncate(i);
            Cow::Owned(o)
        }
    }
}

fn parent(dir: &str) -> &str {
    match dir.rfind('/') {
        Some(i) => &dir[..i],
        None => "",
    }
}

fn last(dir: &str) -> &str {
    dir.rsplit('/').next().unwrap_or(dir)
}

fn is_within(dir: &str, root: &str) -> bool {
    root.is_empty()
        || dir == root
        || dir
            .strip_prefix(root)
            .is_some_and(|rest| rest.starts_with('/'))
}

impl Layout {
    /// Finds factory roots: the parent of an ADF git folder (`pipeline/`, `dataset/`, ...), a
    /// folder holding publish_config.json or a `factory/` folder, or a flat folder of entities
    /// (v1 projects). Each folder's dialect is the majority of its files' certain dialects.
    pub fn new<'p>(files: impl IntoIterator<Item = (&'p str, Classification)>) -> Self {
        Self::with_joins(files, &[])
    }

    /// As [`Layout::new`], with groups of folders (`/` separators, in the form of the paths)
    /// that form one factory each: their files share one factory root, the group's first
    /// folder.
    pub fn with_joins<'p>(
        files: impl IntoIterator<Item = (&'p str, Classification)>,
        joins: &[Vec<String>],
    ) -> Self {
        let joins: Vec<Vec<String>> = joins
            .iter()
            .map(|g| {
                g.iter()
                    .map(|f| f.replace('\\', "/").trim_end_matches('/').to_string())
                    .collect::<Vec<String>>()
            })
            .filter(|g| !g.is_empty())
            .collect();
        // Strong roots come from the layout itself (git folders, v1 project folders,
        // publish_config.json); weak ones are plain folders holding entities, which only count
        // when no strong root contains them (a v1 sample's extra subfolder belongs to it).
        let mut roots = BTreeSet::new();
        let mut weak = BTreeSet::new();
        let mut votes: HashMap<String, (usize, usize)> = HashMap::new();
        let files: Vec<(Cow<'p, str>, Classification, &'p str)> = files
            .into_iter()
            .map(|(p, c)| (dir_of(p), c, p.rsplit(['/', '\\']).next().unwrap_or(p)))
            .collect();
        // Most files share their folder's root: the sets are only written when it is new.
        let add = |set: &mut BTreeSet<String>, dir: &str| {
            if !set.contains(dir) {
                set.insert(dir.to_string());
            }
        };
        for (dir, class, name) in &files {
            let folder = last(dir);
            let is = |f: &str| folder.eq_ignore_ascii_case(f);
            let git = GIT_FOLDERS.iter().any(|(f, _)| is(f));
            let v1_folder = ["linkedservices", "tables", "datasets", "pipelines"]
                .into_iter()
                .any(is);
            if git {
                let mut root = parent(dir);
                // managedVirtualNetwork/<name>/managedPrivateEndpoint/ sits two levels deeper.
                if is("managedprivateendpoint") {
                    root = parent(parent(root));
                }
                add(&mut roots, root);
            } else if name.eq_ignore_ascii_case("publish_config.json") {
                add(&mut roots, dir);
            } else if matches!(class.kind, FileKind::Entity(_)) {
                if v1_folder {
                    add(&mut roots, parent(dir));
                } else {
                    add(&mut weak, dir);
                }
            }
        }
        let weak: Vec<String> = weak
            .into_iter()
            .filter(|w| !roots.iter().any(|r| is_within(w, r)))
            .collect();
        roots.extend(weak);
        let mut synapse = BTreeSet::new();
        for (dir, class, _) in &files {
            if class.synapse {
                add(
                    &mut synapse,
                    Self::root_in(&roots, &joins, dir).unwrap_or(dir),
                );
            }
            if let DialectEvidence::Certain(d) = class.dialect {
                let key = Self::root_in(&roots, &joins, dir).unwrap_or(dir);
                if !votes.contains_key(key) {
                    votes.insert(key.to_string(), (0, 0));
                }
                let Some(v) = votes.get_mut(key) else {
                    continue;
                };
                match d {
                    Dialect::V1 => v.0 += 1,
                    Dialect::V2 => v.1 += 1,
                }
            }
        }
        let dialects = votes
            .into_iter()
            .map(|(k, (v1, v2))| (k, if v1 > v2 { Dialect::V1 } else { Dialect::V2 }))
            .collect();
        Self {
            roots,
            dialects,
            synapse,
            joins,
        }
    }

    /// The factory root of a folder: the first folder of a declared group holding it, else the
    /// nearest root found above it.
    fn root_in<'r>(
        roots: &'r BTreeSet<String>,
        joins: &'r [Vec<String>],
        dir: &str,
    ) -> Option<&'r str> {
        let joined = joins
            .iter()
            .find(|g| g.iter().any(|f| is_within(dir, f)))
            .and_then(|g| g.first());
        if let Some(first) = joined {
            return Some(first.as_str());
        }
        roots
            .iter()
            .filter(|r| is_within(dir, r))
            .max_by_key(|r| r.len())
            .map(String::as_str)
    }

    /// The factory root a file belongs to, if any.
    pub fn factory_root(&self, path: &str) -> Option<&str> {
        Self::root_in(&self.roots, &self.joins, &dir_of(path))
    }

    /// Whether a file sits where a factory keeps its entities: in a factory's root folder, in
    /// one of the layout's folders (`pipeline/`, v1's `LinkedServices/`, ...), or in a folder of
    /// a declared group. Other folders below a root (an app's `config/`, a build's scripts) are
    /// not read by Data Factory, so their files are not the factory's.
    pub fn holds_entities_at(&self, path: &str) -> bool {
        let Some(root) = self.factory_root(path) else {
            return false;
        };
        let dir = dir_of(path);
        let folder = last(&dir);
        dir == root
            || GIT_FOLDERS
                .iter()
                .any(|(f, _)| folder.eq_ignore_ascii_case(f))
            || V1_FOLDERS
                .iter()
                .any(|(f, _)| folder.eq_ignore_ascii_case(f))
            || self.joins.iter().flatten().any(|f| *f == dir)
    }

    /// The folder groups declared to form one factory.
    pub fn joins(&self) -> &[Vec<String>] {
        &self.joins
    }

    /// Every factory root found.
    pub fn roots(&self) -> impl Iterator<Item = &str> {
        self.roots.iter().map(String::as_str)
    }

    /// The product a file is written for: v1, v2, or a Synapse workspace's v2 when any file of its
    /// factory root proves one (a Synapse-only artifact folder, `template-parameters-definition.json`,
    /// a dedicated SQL pool reference).
    pub fn flavor(&self, path: &str, evidence: DialectEvidence) -> Flavor {
        match self.dialect(path, evidence) {
            Dialect::V1 => Flavor::AdfV1,
            Dialect::V2 => {
                let dir = dir_of(path);
                let key = self.factory_root(path).unwrap_or(&dir);
                if self.synapse.contains(key) {
                    Flavor::Synapse
                } else {
                    Flavor::AdfV2
                }
            }
        }
    }

    /// The dialect to check a file in: its own evidence, else its factory's majority, else v2.
    pub fn dialect(&self, path: &str, evidence: DialectEvidence) -> Dialect {
        if let DialectEvidence::Certain(d) = evidence {
            return d;
        }
        let dir = dir_of(path);
        let key = self.factory_root(path).unwrap_or(&dir);
        self.dialects.get(key).copied().unwrap_or(Dialect::V2)
    }
}
