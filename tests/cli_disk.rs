//! `adf check` on hostile disks: links out of the folder, FIFOs, system folders, huge trees,
//! `.ignore` files, UTF-16 files. Real temporary folders, the real binary.

use adf_e2e::{adf, adf_bin, copy_tree, repo, scratch};
use serde_json::Value;
use std::path::Path;

/// A scratch copy of a small clean factory.
fn factory(name: &str) -> std::path::PathBuf {
    let dir = scratch(name);
    copy_tree(&repo().join("examples/ml-retraining"), &dir);
    dir
}

/// `adf check --format json` with extra arguments: exit code, output, standard error.
fn check(dir: &Path, extra: &[&str]) -> (i32, Value, String) {
    let mut args = vec!["check", "--format", "json"];
    args.extend_from_slice(extra);
    let out = adf(dir, &args);
    let json = serde_json::from_slice(&out.stdout).unwrap_or(Value::Null);
    let stderr = String::from_utf8_lossy(&out.stderr).into_owned();
    (out.status.code().unwrap_or(-1), json, stderr)
}

/// The files not checked, as `file: message`.
fn errors(json: &Value) -> Vec<String> {
    json["errors"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|e| {
            format!(
                "{}: {}",
                e["file"].as_str().unwrap_or(""),
                e["message"].as_str().unwrap_or("")
            )
        })
        .collect()
}

#[cfg(unix)]
#[test]
fn links_out_of_the_folder_are_reported_and_never_read() {
    let dir = factory("links-out");
    let outside = scratch("links-out-target");
    std::fs::write(
        outside.join("Secret.json"),
        r#"{"name": "Secret", "properties": {"type": "AzureBlobStorage", "typeProperties": {"connectionString": "AccountKey=outside-the-root"}}}"#,
    )
    .expect("write");
    std::os::unix::fs::symlink("/proc/self/environ", dir.join("env.json")).expect("link");
    std::os::unix::fs::symlink(outside.join("Secret.json"), dir.join("Secret.json")).expect("link");
    for format in ["json", "text", "sarif", "github", "azure-devops"] {
        // The job's environment, as /proc/self/environ shows it to adf.
        let out = std::process::Command::new(adf_bin())
            .args(["check", "--format", format, "."])
            .current_dir(&dir)
            .env_clear()
            .env("CI_TOKEN", "environment-secret")
            .output()
            .expect("run adf");
        let stdout = String::from_utf8_lossy(&out.stdout);
        assert!(!stdout.contains("environment-secret"), "{format}: {stdout}");
        assert!(!stdout.contains("outside-the-root"), "{format}: {stdout}");
    }
    let (code, json, _) = check(&dir, &["."]);
    assert_eq!(code, 1, "files not checked fail the run");
    assert_eq!(
        errors(&json),
        [
            "Secret.json: symbolic link to a place outside the folder being checked: not followed (keep a copy inside it instead)",
            "env.json: symbolic link into /proc, /sys or /dev: not followed, never read",
        ]
    );
    assert_eq!(
        json["summary"]["entities"], 7,
        "the factory is still checked"
    );
    let _ = std::fs::remove_dir_all(dir);
    let _ = std::fs::remove_dir_all(outside);
}

#[cfg(unix)]
#[test]
fn a_fifo_is_reported_not_read() {
    let dir = factory("fifo");
    let made = std::process::Command::new("mkfifo")
        .arg(dir.join("Pipe.json"))
        .status();
    assert!(made.is_ok_and(|s| s.success()), "mkfifo");
    let (code, json, _) = check(&dir, &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&json),
        ["Pipe.json: not a regular file (a FIFO, socket or device): not read"]
    );
    // Named on the command line, it is refused too (opening it would wait for a writer).
    let (code, _, stderr) = check(&dir, &["Pipe.json"]);
    assert_eq!(code, 2, "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[cfg(target_os = "linux")]
#[test]
fn system_folders_are_not_walked() {
    let (code, json, stderr) = check(&repo(), &["/proc"]);
    assert_eq!(code, 2, "{stderr}");
    assert_eq!(
        errors(&json),
        ["/proc: below /proc, /sys or /dev: system state, not files; never read"]
    );
}

#[test]
fn a_walk_past_the_file_limit_stops_with_exit_2() {
    let dir = factory("max-files");
    let (code, json, stderr) = check(&dir, &["--max-files", "3", "."]);
    assert_eq!(code, 2, "{json}");
    assert!(
        stderr.contains("error: more than 3 JSON files below .: stopped walking"),
        "{stderr}"
    );
    let (code, _, stderr) = check(&dir, &["--max-files", "7", "."]);
    assert_eq!(code, 0, "{stderr}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_dot_ignore_file_does_not_remove_factory_files() {
    let dir = factory("dot-ignore");
    std::fs::write(dir.join(".ignore"), "*.json\n").expect("write");
    let (code, json, _) = check(&dir, &["."]);
    assert_eq!(code, 0, "{json}");
    assert_eq!(json["summary"]["files"], 7, "{json}");
    let _ = std::fs::remove_dir_all(dir);
}

#[test]
fn a_utf16_file_is_named_as_such() {
    let dir = factory("utf16");
    let mut bytes = vec![0xFF, 0xFE];
    for unit in "{\"name\": \"X\"}".encode_utf16() {
        bytes.extend_from_slice(&unit.to_le_bytes());
    }
    std::fs::write(dir.join("Wide.json"), bytes).expect("write");
    let (code, json, _) = check(&dir, &["."]);
    assert_eq!(code, 1);
    assert_eq!(
        errors(&json),
        ["Wide.json: UTF-16 text (little-endian, byte order mark FF FE): adf reads UTF-8 only; re-save the file as UTF-8"]
    );
    let _ = std::fs::remove_dir_all(dir);
}
