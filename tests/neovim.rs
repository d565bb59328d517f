//! `adf lsp` in a real editor: headless Neovim (0.7, Debian's) starts the release binary with
//! `vim.lsp.start_client` on a scratch copy of examples/ml-retraining and runs
//! tests/nvim/lsp_session.lua: diagnostics of a clean and a broken dataset, completion of a
//! property name applied to the buffer, and a jump from a dataset's linked service to its file.
//! The script logs one JSON line per step; this test checks that every step ran and passed.
//!
//! Without `nvim` on the PATH the test is skipped, unless `ADF_REQUIRE_NVIM` is set (CI sets it).

use adf_e2e::{adf_bin, copy_tree, repo, scratch};
use serde_json::Value;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

const TIMEOUT: Duration = Duration::from_secs(60);

/// The steps the script must report, each passed.
const STEPS: &[&str] = &[
    "start_client",
    "clean file has no errors",
    "edit to a missing name is an unresolved-reference error",
    "undoing the edit clears the error",
    "completion offers the property `external`",
    "the applied completion is in the buffer",
    "definition answers a location",
    "jumped to the linked service file",
    "the cursor is on its name",
];

fn nvim_present() -> bool {
    Command::new("nvim")
        .arg("--version")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .is_ok_and(|s| s.success())
}

#[test]
fn neovim_gets_diagnostics_completion_and_definition_from_adf_lsp() {
    if !nvim_present() {
        assert!(
            std::env::var_os("ADF_REQUIRE_NVIM").is_none(),
            "ADF_REQUIRE_NVIM is set but `nvim` is not on the PATH"
        );
        eprintln!(
            "skipped: `nvim` is not on the PATH (set ADF_REQUIRE_NVIM=1 to make this a failure)"
        );
        return;
    }
    let dir = scratch("neovim");
    copy_tree(&repo().join("examples/ml-retraining"), &dir);
    let dir = std::fs::canonicalize(&dir).expect("canonical scratch");
    let log = dir.join("nvim-steps.jsonl");
    let script = std::fs::canonicalize(repo().join("tests/nvim/lsp_session.lua")).expect("script");

    let mut child = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .current_dir(&dir)
        .env("ADF_LSP_BIN", adf_bin())
        .env("ADF_NVIM_ROOT", &dir)
        .env("ADF_NVIM_LOG", &log)
        .stdin(Stdio::null())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped())
        .spawn()
        .expect("spawn nvim");
    let deadline = Instant::now() + TIMEOUT;
    let status = loop {
        if let Some(status) = child.try_wait().expect("wait for nvim") {
            break Some(status);
        }
        if Instant::now() > deadline {
            let _ = child.kill();
            let _ = child.wait();
            break None;
        }
        std::thread::sleep(Duration::from_millis(50));
    };
    let output = child.wait_with_output().ok();
    let steps = std::fs::read_to_string(&log).unwrap_or_default();
    let context = || {
        let (out, err) = output.as_ref().map_or((String::new(), String::new()), |o| {
            (
                String::from_utf8_lossy(&o.stdout).into_owned(),
                String::from_utf8_lossy(&o.stderr).into_owned(),
            )
        });
        format!("script log:\n{steps}\nnvim stdout:\n{out}\nnvim stderr:\n{err}")
    };
    let Some(status) = status else {
        panic!("nvim did not finish within {TIMEOUT:?}\n{}", context());
    };

    let reported: Vec<Value> = steps
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("{e} in `{l}`\n{}", context())))
        .collect();
    for step in STEPS {
        let entry = reported
            .iter()
            .find(|v| v["step"] == *step)
            .unwrap_or_else(|| panic!("step `{step}` did not run\n{}", context()));
        assert_eq!(
            entry["ok"],
            true,
            "step `{step}` failed: {entry}\n{}",
            context()
        );
    }
    let failed: Vec<&Value> = reported.iter().filter(|v| v["ok"] == false).collect();
    assert!(failed.is_empty(), "failed steps: {failed:?}\n{}", context());
    assert!(status.success(), "nvim exited with {status}\n{}", context());
}

/// The `adf_root` function of docs/editors.md's Neovim setup, run in Neovim on a few paths:
/// a file opened in `/` or in the home folder must not make either the server's workspace.
#[test]
fn the_documented_neovim_root_is_never_slash_or_home() {
    if !nvim_present() {
        assert!(
            std::env::var_os("ADF_REQUIRE_NVIM").is_none(),
            "ADF_REQUIRE_NVIM is set but `nvim` is not on the PATH"
        );
        return;
    }
    let page = std::fs::read_to_string(repo().join("docs/editors.md")).expect("editors.md");
    let start = page
        .find("local function adf_root")
        .expect("adf_root in docs/editors.md");
    let end = start + page[start..].find("\nend\n").expect("end of adf_root") + 5;
    let dir = scratch("neovim-root");
    let home = std::fs::canonicalize(&dir).expect("canonical scratch");
    let home = home.to_string_lossy();
    let cases = [
        "/x.json",
        "/pipeline/x.json",
        "HOME/x.json",
        "HOME/pipeline/x.json",
        "HOME/f/x.json",
        "HOME/f/pipeline/x.json",
    ];
    let script = dir.join("root.lua");
    let out = dir.join("roots.txt");
    let mut lua = page[start..end].to_string();
    lua.push_str("local lines = {}\n");
    for case in cases {
        let path = case.replace("HOME", &home);
        lua.push_str(&format!(
            "table.insert(lines, '{case} => ' .. tostring(adf_root('{path}')))\n"
        ));
    }
    lua.push_str(&format!(
        "vim.fn.writefile(lines, '{}')\nvim.cmd('qa!')\n",
        out.display()
    ));
    std::fs::write(&script, lua).expect("write script");
    let status = Command::new("nvim")
        .args(["--headless", "--clean", "-u", "NONE", "-c"])
        .arg(format!("luafile {}", script.display()))
        .env("HOME", &*home)
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status();
    assert!(status.is_ok_and(|s| s.success()), "nvim");
    let roots = std::fs::read_to_string(&out).unwrap_or_default();
    assert_eq!(
        roots.replace(&*home, "HOME"),
        "/x.json => nil\n/pipeline/x.json => nil\nHOME/x.json => nil\nHOME/pipeline/x.json => nil\n\
         HOME/f/x.json => HOME/f\nHOME/f/pipeline/x.json => HOME/f\n"
    );
    let _ = std::fs::remove_dir_all(dir);
}
