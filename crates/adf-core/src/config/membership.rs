//! Which paths belong to a factory, decided over path strings alone so that every host (the
//! CLI's walk, the server's file watcher, wasm's folder load) draws the same line: a `*.json`
//! file outside vendor, build and system folders, not excluded by its `adf.toml`, and not
//! reached through a link that leaves the folder being checked.
//!
//! Hosts that touch a disk still have to resolve links and read file types themselves; what
//! they find is judged here.

use super::parse::normalize;
use super::ConfigSet;

/// Folders never descended into: version control, package managers' and build tools' output,
/// editors' state. None of them holds a factory's own files.
pub const SKIPPED_FOLDERS: &[&str] = &[
    ".git",
    "node_modules",
    "target",
    ".vs",
    ".vscode",
    "bin",
    "obj",
];

/// Folders of pseudo files (kernel state, devices): reading them leaks the machine's state
/// (`/proc/self/environ` holds the CI job's secrets), blocks or never ends.
pub const SYSTEM_FOLDERS: &[&str] = &["/proc", "/sys", "/dev"];

/// Whether a path is part of the factory, or why not.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Membership {
    /// A factory file: it is read and checked.
    Member,
    /// Not a `*.json` file.
    NotJson,
    /// Below a vendor, build or editor folder ([`SKIPPED_FOLDERS`]).
    SkippedFolder,
    /// Below `/proc`, `/sys` or `/dev` ([`SYSTEM_FOLDERS`]): never read.
    SystemFolder,
    /// Left out by the `exclude` globs of its `adf.toml`.
    Excluded,
}

/// Whether the file at `absolute` (`relative` below the folder being checked) belongs to the
/// factory. Folder names are judged in `relative` only: a factory kept below `~/bin/` is still
/// one.
pub fn membership(relative: &str, absolute: &str, configs: &ConfigSet) -> Membership {
    let relative = normalize(relative);
    if is_system_path(absolute) {
        Membership::SystemFolder
    } else if relative.split('/').rev().skip(1).any(is_skipped_folder) {
        Membership::SkippedFolder
    } else if !is_json(&relative) {
        Membership::NotJson
    } else if configs.excludes(absolute) {
        Membership::Excluded
    } else {
        Membership::Member
    }
}

/// Whether a folder of this name is never descended into.
pub fn is_skipped_folder(name: &str) -> bool {
    SKIPPED_FOLDERS.contains(&name)
}

/// Whether an absolute path is, or is below, one of the [`SYSTEM_FOLDERS`].
pub fn is_system_path(absolute: &str) -> bool {
    let path = normalize(absolute);
    SYSTEM_FOLDERS.iter().any(|dir| is_within(&path, dir))
}

/// Whether a link whose target resolves to `target` may be followed in a check of `root`
/// (both canonical, links resolved): only when the target stays inside the root and outside
/// the system folders. A link out of the root would read files nobody asked to check (and print
/// them in snippets).
pub fn link_stays_inside(root: &str, target: &str) -> bool {
    let (root, target) = (normalize(root), normalize(target));
    is_within(&target, root.trim_end_matches('/')) && !is_system_path(&target)
}

fn is_json(path: &str) -> bool {
    path.rsplit_once('.')
        .is_some_and(|(stem, ext)| !stem.ends_with('/') && ext.eq_ignore_ascii_case("json"))
}

/// `path` is `dir` or below it (whole components; `dir` without a trailing `/`, or `` for `/`).
fn is_within(path: &str, dir: &str) -> bool {
    if dir.is_empty() {
        return path.starts_with('/');
    }
    path.strip_prefix(dir)
        .is_some_and(|rest| rest.is_empty() || rest.starts_with('/'))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::config::Config;

    fn member(relative: &str) -> Membership {
        membership(
            relative,
            &format!("/repo/{relative}"),
            &ConfigSet::default(),
        )
    }

    #[test]
    fn factory_files_are_json_outside_vendor_and_build_folders() {
        assert_eq!(member("pipeline/Load.json"), Membership::Member);
        assert_eq!(member("dataset/Sales.JSON"), Membership::Member);
        assert_eq!(member("adf.toml"), Membership::NotJson);
        assert_eq!(member(".json"), Membership::Member);
        assert_eq!(member("pipeline/.json/x"), Membership::NotJson);
        assert_eq!(member(".git/objects/x.json"), Membership::SkippedFolder);
        assert_eq!(
            member("tools/node_modules/pkg/package.json"),
            Membership::SkippedFolder
        );
        assert_eq!(
            member("bin.json"),
            Membership::Member,
            "a file named like a skipped folder"
        );
    }

    #[test]
    fn only_folders_below_the_root_count() {
        let set = ConfigSet::default();
        assert_eq!(
            membership(
                "pipeline/Load.json",
                "/home/u/bin/f/pipeline/Load.json",
                &set
            ),
            Membership::Member
        );
    }

    #[test]
    fn system_folders_are_never_members() {
        let set = ConfigSet::default();
        assert_eq!(
            membership("self/environ.json", "/proc/self/environ.json", &set),
            Membership::SystemFolder
        );
        assert_eq!(
            membership("x.json", "/dev/x.json", &set),
            Membership::SystemFolder
        );
        assert_eq!(
            membership("x.json", "/device/x.json", &set),
            Membership::Member
        );
        assert!(is_system_path("/sys"));
        assert!(!is_system_path("/system/x"));
    }

    #[test]
    fn excludes_of_the_governing_configuration_apply() {
        let c = Config::parse("exclude = [\"archive/**\"]\n").expect("parse");
        let set = ConfigSet::new([("/repo".to_string(), c)]);
        assert_eq!(
            membership("archive/p.json", "/repo/archive/p.json", &set),
            Membership::Excluded
        );
        assert_eq!(
            membership("pipeline/p.json", "/repo/pipeline/p.json", &set),
            Membership::Member
        );
    }

    #[test]
    fn links_are_followed_only_inside_the_root() {
        assert!(link_stays_inside("/repo", "/repo/shared/ls.json"));
        assert!(link_stays_inside("/repo/", "/repo/x.json"));
        assert!(!link_stays_inside("/repo", "/repository/x.json"));
        assert!(!link_stays_inside("/repo", "/etc/passwd"));
        assert!(!link_stays_inside("/repo", "/proc/self/environ"));
        assert!(
            !link_stays_inside("/", "/proc/self/environ"),
            "a check of `/` still never reads /proc"
        );
        assert!(link_stays_inside("/", "/srv/f/x.json"));
    }
}
