//! Which configuration applies to a path: the one in the nearest ancestor folder, or one given
//! for the whole run.

use super::parse::normalize;
use super::Config;
use crate::Profile;

/// The configurations of a run, by the folder that holds each.
#[derive(Debug, Clone, Default)]
pub struct ConfigSet {
    /// (folder with `/` separators and no trailing `/`, its configuration).
    entries: Vec<(String, Config)>,
    /// One configuration for every path (`--config FILE`).
    forced: bool,
}

impl ConfigSet {
    /// Configurations found in folders; each applies to the paths below its folder, the nearest
    /// one winning (they are not merged).
    pub fn new(entries: impl IntoIterator<Item = (String, Config)>) -> Self {
        let entries = entries
            .into_iter()
            .map(|(dir, c)| (trim_dir(&dir), c))
            .collect();
        Self {
            entries,
            forced: false,
        }
    }

    /// One configuration for every path; globs and files are relative to `dir`.
    pub fn single(dir: &str, config: Config) -> Self {
        Self {
            entries: vec![(trim_dir(dir), config)],
            forced: true,
        }
    }

    /// Whether any configuration is known.
    pub fn is_empty(&self) -> bool {
        self.entries.is_empty()
    }

    /// Every configuration with its folder.
    pub fn iter(&self) -> impl Iterator<Item = (&str, &Config)> {
        self.entries.iter().map(|(d, c)| (d.as_str(), c))
    }

    /// The folder groups every configuration declares as one factory, each folder joined to
    /// the configuration's folder (`/` separators), in the form paths are given to
    /// [`ConfigSet::for_path`].
    pub fn factory_joins(&self) -> Vec<Vec<String>> {
        self.entries
            .iter()
            .flat_map(|(dir, c)| {
                c.factories.iter().map(move |group| {
                    group
                        .iter()
                        .map(|f| match dir.as_str() {
                            "" => f.clone(),
                            "/" => format!("/{f}"),
                            d => format!("{d}/{f}"),
                        })
                        .collect()
                })
            })
            .collect()
    }

    /// Whether the configuration that governs `path` leaves it out of the factory (its
    /// `exclude` globs): the one decision every host asks, so that an excluded file is not part
    /// of the factory anywhere.
    pub fn excludes(&self, path: &str) -> bool {
        self.for_path(path)
            .is_some_and(|(c, rel)| c.is_excluded(&rel))
    }

    /// The configuration that applies to a path and the path relative to its folder.
    pub fn for_path(&self, path: &str) -> Option<(&Config, String)> {
        let path = normalize(path);
        match nearest(&self.entries, &path) {
            Some((dir, c)) => Some((c, relative(&path, dir))),
            None if self.forced => self.entries.first().map(|(_, c)| (c, path.into_owned())),
            None => None,
        }
    }

    /// Which profile each configuration selects: all that building a file's model needs of
    /// the configurations.
    pub fn profiles(&self) -> Profiles {
        Profiles {
            entries: self
                .entries
                .iter()
                .map(|(dir, c)| (dir.clone(), c.profile))
                .collect(),
            forced: self.forced,
        }
    }
}

/// The profile of each configuration's folder (see [`ConfigSet::profiles`]), the nearest
/// configuration governing a path as in [`ConfigSet::for_path`].
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Profiles {
    entries: Vec<(String, Option<Profile>)>,
    forced: bool,
}

impl Profiles {
    /// The profile the configuration that governs `path` selects, if any.
    pub fn for_path(&self, path: &str) -> Option<Profile> {
        match nearest(&self.entries, &normalize(path)) {
            Some((_, p)) => *p,
            None if self.forced => self.entries.first().and_then(|(_, p)| *p),
            None => None,
        }
    }
}

/// The entry of the nearest folder above `path`.
fn nearest<'e, T>(entries: &'e [(String, T)], path: &str) -> Option<&'e (String, T)> {
    entries
        .iter()
        .filter(|(dir, _)| is_below(path, dir))
        .max_by_key(|(dir, _)| dir.len())
}

fn trim_dir(dir: &str) -> String {
    let d = normalize(dir);
    if d == "/" || d.is_empty() || d == "." {
        return if d == "/" {
            d.into_owned()
        } else {
            String::new()
        };
    }
    d.trim_end_matches('/').to_string()
}

fn is_below(path: &str, dir: &str) -> bool {
    match dir {
        "" => !path.starts_with('/'),
        "/" => path.starts_with('/'),
        _ => path
            .strip_prefix(dir)
            .is_some_and(|rest| rest.starts_with('/')),
    }
}

fn relative(path: &str, dir: &str) -> String {
    match dir {
        "" => path.to_string(),
        "/" => path.trim_start_matches('/').to_string(),
        _ => path
            .strip_prefix(dir)
            .map_or(path, |r| r.trim_start_matches('/'))
            .to_string(),
    }
}
