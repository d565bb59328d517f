//! The walk on a real disk: what it follows, what it refuses to read, when it stops.

use super::{sort_key, FileSystem, RealFs, WalkError};
use std::path::{Path, PathBuf};

/// A fresh folder of its own below the system's temporary folder.
fn folder(name: &str) -> PathBuf {
    let dir = std::env::temp_dir().join(format!("adf-host-{name}-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("pipeline")).expect("mkdir");
    dir
}

fn write(dir: &Path, rel: &str, text: &str) {
    std::fs::write(dir.join(rel), text).expect("write");
}

/// The walk's listing, below `dir`: `rel` for files, `rel: message` for places skipped.
fn listing(dir: &Path, max_files: usize) -> Vec<String> {
    RealFs
        .walk_at_most(dir, max_files)
        .into_iter()
        .map(|r| match r {
            Ok(p) => rel(dir, &p),
            Err(WalkError { path, message, .. }) => format!("{}: {message}", rel(dir, &path)),
        })
        .collect()
}

fn rel(dir: &Path, p: &Path) -> String {
    p.strip_prefix(dir)
        .unwrap_or(p)
        .to_string_lossy()
        .replace('\\', "/")
}

#[cfg(unix)]
#[test]
fn links_out_of_the_root_are_reported_and_never_read() {
    let dir = folder("links");
    let outside = folder("links-outside");
    write(&dir, "pipeline/Load.json", "{}");
    write(
        &outside,
        "pipeline/Secret.json",
        "{\"password\": \"hunter2\"}",
    );
    std::os::unix::fs::symlink("/proc/self/environ", dir.join("env.json")).expect("link");
    std::os::unix::fs::symlink(
        outside.join("pipeline/Secret.json"),
        dir.join("secret.json"),
    )
    .expect("link");
    std::os::unix::fs::symlink(outside.join("pipeline"), dir.join("elsewhere")).expect("link");
    std::os::unix::fs::symlink(dir.join("pipeline/Load.json"), dir.join("again.json"))
        .expect("link");
    assert_eq!(
        listing(&dir, 100),
        [
            "again.json",
            "elsewhere: symbolic link to a place outside the folder being checked: not followed (keep a copy inside it instead)",
            "env.json: symbolic link into /proc, /sys or /dev: not followed, never read",
            "pipeline/Load.json",
            "secret.json: symbolic link to a place outside the folder being checked: not followed (keep a copy inside it instead)",
        ]
    );
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(outside);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reported_and_never_waited_on_or_read() {
    let dir = folder("fifo");
    write(&dir, "pipeline/Load.json", "{}");
    let fifo = dir.join("pipeline/Pipe.json");
    let made = std::process::Command::new("mkfifo").arg(&fifo).status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    assert_eq!(
        listing(&dir, 100),
        [
            "pipeline/Load.json",
            "pipeline/Pipe.json: not a regular file (a FIFO, socket or device): not read",
        ]
    );
    // A plain open would block until a writer comes: it is opened without waiting and refused
    // on its descriptor. (The test would hang here otherwise.)
    let read = RealFs.read(&fifo);
    assert!(
        read.as_ref()
            .is_err_and(|e| e.to_string().contains("not a regular file")),
        "{read:?}"
    );
    // Through a link too.
    let link = dir.join("pipeline/Link.json");
    std::os::unix::fs::symlink(&fifo, &link).expect("symlink");
    assert!(RealFs.read(&link).is_err());
    // A link to a regular file inside is read; a folder is refused.
    let to_file = dir.join("pipeline/Alias.json");
    std::os::unix::fs::symlink(dir.join("pipeline/Load.json"), &to_file).expect("symlink");
    assert_eq!(RealFs.read(&to_file).ok(), Some(b"{}".to_vec()));
    assert!(RealFs
        .read(&dir.join("pipeline"))
        .is_err_and(|e| e.to_string().contains("folder")));
    assert_eq!(
        RealFs.walk(&fifo),
        [Err(WalkError::skipped(
            &fifo,
            "not a regular file (a FIFO, socket or device): not read"
        ))]
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(target_os = "linux")]
#[test]
fn system_folders_are_neither_walked_nor_read() {
    let walked = RealFs.walk(Path::new("/proc"));
    assert_eq!(walked.len(), 1, "{walked:?}");
    assert!(
        walked[0]
            .as_ref()
            .is_err_and(|e| e.message.contains("never read")),
        "{walked:?}"
    );
    assert!(RealFs.read(Path::new("/proc/self/environ")).is_err());
    assert!(RealFs.walk(Path::new("/sys/kernel")).len() == 1);
}

#[test]
fn the_walk_stops_past_its_file_limit() {
    let dir = folder("limit");
    for name in ["A", "B", "C"] {
        write(&dir, &format!("pipeline/{name}.json"), "{}");
    }
    assert_eq!(listing(&dir, 3).len(), 3);
    let walked = RealFs.walk_at_most(&dir, 2);
    let fatal: Vec<&WalkError> = walked
        .iter()
        .filter_map(|r| r.as_ref().err())
        .filter(|e| e.fatal)
        .collect();
    assert_eq!(fatal.len(), 1, "{walked:?}");
    assert!(
        fatal[0].message.starts_with("more than 2 JSON files below"),
        "{}",
        fatal[0].message
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_watched_walk_counts_every_entry_and_stops_when_told() {
    let dir = folder("watched");
    for i in 0..10 {
        write(&dir, &format!("pipeline/P{i}.json"), "{}");
    }
    let mut seen = Vec::new();
    let all = RealFs.walk_watched(&dir, 100, &mut |c| {
        seen.push(c);
        true
    });
    assert_eq!(all.len(), 10);
    // The root, its folder and the ten files, each counted once and in order.
    assert_eq!(seen.len(), 12, "{seen:?}");
    assert_eq!(seen.last().map(|c| c.files), Some(9));
    let stopped = RealFs.walk_watched(&dir, 100, &mut |c| c.files < 3);
    assert_eq!(stopped.len(), 3, "{stopped:?}");
    assert!(
        stopped.iter().all(Result::is_ok),
        "no error for a walk stopped on purpose"
    );
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_dot_ignore_file_does_not_hide_factory_files_but_gitignore_does() {
    let dir = folder("ignore");
    write(&dir, "pipeline/Load.json", "{}");
    std::fs::create_dir_all(dir.join("out")).expect("mkdir");
    write(&dir, "out/Build.json", "{}");
    write(&dir, ".ignore", "pipeline/\n");
    write(&dir, ".gitignore", "out/\n");
    assert_eq!(listing(&dir, 100), ["pipeline/Load.json"]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn vendor_and_build_folders_are_skipped() {
    let dir = folder("vendor");
    write(&dir, "pipeline/Load.json", "{}");
    for skipped in ["node_modules/pkg", ".git", "bin"] {
        std::fs::create_dir_all(dir.join(skipped)).expect("mkdir");
        write(&dir, &format!("{skipped}/x.json"), "{}");
    }
    assert_eq!(listing(&dir, 100), ["pipeline/Load.json"]);
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn the_walks_sort_key_orders_paths_as_their_components_do() {
    let mut paths: Vec<PathBuf> = [
        "f/a.b/c.json",
        "f/a/b.json",
        "f/a-b.json",
        "f/a.json",
        "f/a/z/y.json",
        "f/A.json",
        "f/é.json",
        "f/e.json",
        "f/pipeline/p 1.json",
        "f/pipeline/p.json",
        "f/pipeline.json",
        "g.json",
    ]
    .iter()
    .map(PathBuf::from)
    .collect();
    let mut by_components = paths.clone();
    by_components.sort();
    paths.sort_by_cached_key(|p| sort_key(&Ok(p.clone())));
    assert_eq!(paths, by_components);
}
