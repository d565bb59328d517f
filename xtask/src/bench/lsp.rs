//! `cargo xtask bench-lsp [--adf PATH] [--samples 1000] [--pipelines 100,5000] [--inits 20]
//! [--opens 200]`: latency and memory of `adf lsp` over stdio on generated factories (a small and
//! a large N), plus the in-process numbers that explain them (files re-checked per keystroke,
//! `adf_core::ide::completion`). Every LSP sample is timed from writing the message to reading
//! its answer in this process, so pipes and JSON on both sides are included. Samples of the two
//! factories alternate, so a burst of other work on a shared machine hits both alike. See
//! docs/benchmarks.md, "Language server".

use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use adf_core::{CheckOptions, SourceFile, Workspace};
use adf_e2e::lsp_client::{pos, td, uri, Client};
use serde_json::{json, Value};

use super::{build_adf, factory, SEED};
use crate::genfactory;

const USAGE: &str = "usage: cargo xtask bench-lsp [--adf PATH] [--samples 1000] [--pipelines 100,5000] [--inits 20] [--opens 200]";

/// String values whose text no rule reads across files, tried in this order for the keystroke.
const FREE_TEXT: [&str; 5] = [
    "wildcardFolderPath",
    "fileName",
    "tableName",
    "url",
    "defaultValue",
];

struct Args {
    adf: Option<PathBuf>,
    samples: usize,
    pipelines: [usize; 2],
    inits: usize,
    opens: usize,
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        adf: None,
        samples: 1000,
        pipelines: [100, 5000],
        inits: 20,
        opens: 200,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        let number = |v: &str| super::positive(a, v);
        match a.as_str() {
            "--adf" => out.adf = Some(PathBuf::from(value()?)),
            "--samples" => out.samples = number(&value()?)?,
            "--inits" => out.inits = number(&value()?)?,
            "--opens" => out.opens = number(&value()?)?,
            "--pipelines" => {
                let v = value()?;
                let ns: Vec<usize> = v.split(',').map(number).collect::<Result<_, _>>()?;
                let [small, large] = ns[..] else {
                    return Err(format!("--pipelines takes two numbers, got {v}\n{USAGE}"));
                };
                out.pipelines = [small, large];
            }
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    Ok(out)
}

/// The value at quantile `q` (nearest rank: a real sample).
pub(crate) fn percentile(samples: &[Duration], q: f64) -> Duration {
    let mut v = samples.to_vec();
    v.sort_unstable();
    let rank = ((q * v.len() as f64).ceil() as usize).clamp(1, v.len().max(1));
    v.get(rank - 1).copied().unwrap_or_default()
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// The pipeline files of a generated factory ordered by size (then path), as (path, text).
fn pipelines_by_size(files: &[(String, String)]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = files
        .iter()
        .filter(|(p, _)| p.starts_with("pipeline/"))
        .cloned()
        .collect();
    out.sort_by(|a, b| (a.1.len(), &a.0).cmp(&(b.1.len(), &b.0)));
    out
}

/// The byte offset in the middle of a free-text string value (inserting or deleting one
/// character there keeps the JSON valid and changes no fact another file reads), and its key.
/// Falls back to the middle of the first activity's name.
fn edit_spot(text: &str) -> Result<(usize, &'static str), String> {
    let middle = |start: usize| {
        let len = text[start..].find('"')?;
        (len >= 2 && !text[start..start + len].contains('\\')).then_some(start + len / 2)
    };
    for key in FREE_TEXT {
        let needle = format!("\"{key}\": \"");
        if let Some(i) = text.find(&needle) {
            if let Some(at) = middle(i + needle.len()) {
                return Ok((at, key));
            }
        }
    }
    let acts = text
        .find("\"activities\"")
        .ok_or("the edited pipeline has no activities")?;
    let needle = "\"name\": \"";
    let i = text[acts..]
        .find(needle)
        .ok_or("the edited pipeline's first activity has no name")?;
    middle(acts + i + needle.len())
        .map(|at| (at, "name (activity)"))
        .ok_or_else(|| "no string value to edit in the edited pipeline".to_string())
}

/// The offset just inside the opening quote of a property name in the first activity's object
/// (where completion proposes the activity's other properties).
fn completion_spot(text: &str) -> Result<usize, String> {
    let acts = text
        .find("\"activities\"")
        .ok_or("the edited pipeline has no activities")?;
    ["\"userProperties\"", "\"dependsOn\"", "\"policy\""]
        .iter()
        .find_map(|k| text[acts..].find(k))
        .map(|i| acts + i + 1)
        .ok_or_else(|| "no property name in the first activity".to_string())
}

/// Inserts `x` at the edit spot (even samples) or deletes it again (odd samples).
fn keystroke(text: &mut String, at: usize, insert: bool) -> Value {
    let start = pos(text, at);
    if insert {
        text.insert(at, 'x');
        json!({"range": {"start": start, "end": start}, "text": "x"})
    } else {
        let end = pos(text, at + 1);
        text.remove(at);
        json!({"range": {"start": start, "end": end}, "text": ""})
    }
}

/// What the bench client declares: progress (so `indexed` sees the end of indexing), no pull
/// diagnostics (so every edit is answered by a push).
fn client_caps() -> Value {
    json!({"window": {"workDoneProgress": true},
           "general": {"positionEncodings": ["utf-16"]}})
}

/// VmRSS and VmHWM of a process, in KiB.
fn memory_kb(pid: u32) -> Result<(u64, u64), String> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status"))
        .map_err(|e| format!("/proc/{pid}/status: {e}"))?;
    let field = |key: &str| {
        status
            .lines()
            .find_map(|l| l.strip_prefix(key))
            .and_then(|v| v.split_whitespace().next())
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| format!("/proc/{pid}/status has no {key}"))
    };
    Ok((field("VmRSS:")?, field("VmHWM:")?))
}

/// One factory under measurement: its folder, files in memory and the edited document.
struct Side {
    n: usize,
    dir: PathBuf,
    files: Vec<(String, String)>,
    /// Pipelines by size; the median one is the edited document.
    by_size: Vec<(String, String)>,
    median: usize,
}

impl Side {
    fn load(n: usize) -> Result<Self, String> {
        println!("\n## N = {n}");
        let (dir, _) = factory(n)?;
        let files = genfactory::build(n, SEED, 0).files;
        let by_size = pipelines_by_size(&files);
        if by_size.is_empty() {
            return Err(format!("the factory of {n} pipelines has no pipeline file"));
        }
        let median = (by_size.len() - 1) / 2;
        println!(
            "edited document: {} ({} bytes, the median of {} pipeline files)",
            by_size[median].0,
            by_size[median].1.len(),
            by_size.len()
        );
        Ok(Self {
            n,
            dir,
            files,
            by_size,
            median,
        })
    }

    fn doc(&self) -> (&str, &str) {
        let (p, t) = &self.by_size[self.median];
        (p, t)
    }

    fn uri(&self, rel: &str) -> String {
        uri(&self.dir.join(rel))
    }

    /// The `count` pipelines nearest the median in size (cycling when there are fewer).
    fn near_median(&self, count: usize) -> Vec<usize> {
        let len = self.by_size.len();
        let take = count.min(len);
        let first = (self.median + 1)
            .saturating_sub(take.div_ceil(2))
            .min(len - take);
        (0..count).map(|i| first + i % take).collect()
    }
}

/// Everything measured on one factory.
#[derive(Default)]
struct Measured {
    init: Vec<Duration>,
    open: Vec<Duration>,
    key: Vec<Duration>,
    completion: Vec<Duration>,
    rss_kb: (u64, u64),
    index_time: Duration,
    rechecked: usize,
    set_file: Vec<Duration>,
    completion_core: Vec<Duration>,
    completion_items: usize,
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    if cfg!(debug_assertions) {
        eprintln!(
            "warning: xtask is a debug build, so the in-process numbers are meaningless; use \
             `cargo run --release -p xtask -- bench-lsp`"
        );
    }
    let adf = match &args.adf {
        Some(p) => p.clone(),
        None => build_adf()?,
    };
    println!("adf: {}", adf.display());
    println!(
        "machine: {} cores; debounce: none (the server checks and publishes on every change)",
        std::thread::available_parallelism().map_or(0, |n| n.get())
    );
    let sides = [
        Side::load(args.pipelines[0])?,
        Side::load(args.pipelines[1])?,
    ];
    let mut m = [Measured::default(), Measured::default()];

    in_process(&sides, &mut m, args.samples)?;
    initialize(&adf, &sides[1], &mut m[1], args.inits)?;
    over_lsp(&adf, &sides, &mut m, &args)?;

    print!("{}", report(&sides, &m));
    Ok(())
}

/// The core alone: files re-checked by the keystroke's `set_file`, its time, and completion.
fn in_process(sides: &[Side; 2], m: &mut [Measured; 2], samples: usize) -> Result<(), String> {
    for (side, m) in sides.iter().zip(m.iter_mut()) {
        let t = Instant::now();
        let sources: Vec<SourceFile<'_>> = side
            .files
            .iter()
            .map(|(p, t)| SourceFile { path: p, text: t })
            .collect();
        let mut ws = Workspace::with_files(CheckOptions::default(), &sources);
        let (path, original) = side.doc();
        println!(
            "\nN = {}: in-process workspace of {} files built in {:.0} ms",
            side.n,
            sources.len(),
            ms(t.elapsed())
        );
        let (at, key) = edit_spot(original)?;
        let mut text = original.to_string();
        for i in 0..samples {
            keystroke(&mut text, at, i % 2 == 0);
            let t = Instant::now();
            let again = ws.set_file(path, &text);
            m.set_file.push(t.elapsed());
            if i == 0 {
                m.rechecked = again.len();
                println!(
                    "keystroke: one character into \"{key}\" at byte {at} re-checks {} file(s): {again:?}",
                    again.len()
                );
            }
        }
        ws.set_file(path, original);
        let offset = completion_spot(original)?;
        for _ in 0..samples {
            let t = Instant::now();
            let items = adf_core::ide::completion(&ws, path, offset);
            m.completion_core.push(t.elapsed());
            m.completion_items = items.len();
        }
        if m.completion_items == 0 {
            return Err(format!(
                "completion at byte {offset} of {path} proposes nothing"
            ));
        }
        println!(
            "completion at byte {offset}: {} items; set_file p50 {:.3} ms, completion p50 {:.3} ms",
            m.completion_items,
            ms(percentile(&m.set_file, 0.5)),
            ms(percentile(&m.completion_core, 0.5))
        );
    }
    Ok(())
}

fn init_params(root: &Path) -> Value {
    json!({"processId": null, "capabilities": client_caps(),
           "workspaceFolders": [{"uri": uri(root), "name": "factory"}]})
}

/// `initialize` on fresh servers: each is spawned and given time to reach its read loop, so
/// the sample is the handler and the transport, not the exec.
fn initialize(adf: &Path, side: &Side, m: &mut Measured, runs: usize) -> Result<(), String> {
    for _ in 0..runs {
        let mut c = Client::start(adf);
        std::thread::sleep(Duration::from_millis(100));
        let t = Instant::now();
        let r = c.request("initialize", init_params(&side.dir));
        m.init.push(t.elapsed());
        if r.get("error").is_some() {
            return Err(format!("initialize failed: {r}"));
        }
        c.stop();
    }
    println!(
        "\ninitialize on N = {}: p50 {:.2} ms over {runs} fresh servers",
        side.n,
        ms(percentile(&m.init, 0.5))
    );
    Ok(())
}

/// Open/close cycles, keystrokes and completion on one indexed server per factory.
fn over_lsp(
    adf: &Path,
    sides: &[Side; 2],
    m: &mut [Measured; 2],
    args: &Args,
) -> Result<(), String> {
    let mut clients = Vec::new();
    for (side, m) in sides.iter().zip(m.iter_mut()) {
        let mut c = Client::start(adf);
        let t = Instant::now();
        c.initialize(&side.dir, client_caps());
        c.indexed();
        m.index_time = t.elapsed();
        // The findings published after indexing (on a clean factory, `failure-swallowed`
        // information only) are of no interest.
        std::thread::sleep(Duration::from_millis(200));
        c.drain();
        c.notes.clear();
        m.rss_kb = memory_kb(c.child.id())?;
        println!(
            "\nN = {}: indexed in {:.0} ms; VmRSS {:.1} MB, VmHWM {:.1} MB",
            side.n,
            ms(m.index_time),
            m.rss_kb.0 as f64 / 1024.0,
            m.rss_kb.1 as f64 / 1024.0
        );
        clients.push(c);
    }

    // First diagnostics after didOpen, for pipelines around the median size.
    let picks = sides[0]
        .near_median(args.opens)
        .into_iter()
        .zip(sides[1].near_median(args.opens));
    for (a, b) in picks {
        for (k, (side, pick)) in sides.iter().zip([a, b]).enumerate() {
            let c = &mut clients[k];
            let (rel, text) = &side.by_size[pick];
            let u = side.uri(rel);
            c.notes.clear();
            let t = Instant::now();
            c.open(&u, text);
            c.diagnostics(&u, |p| p["version"] == 1);
            m[k].open.push(t.elapsed());
            c.notify("textDocument/didClose", json!({"textDocument": {"uri": u}}));
            // A request after the close returns once the close was applied, so the next open
            // does not wait for it.
            c.request(
                "textDocument/foldingRange",
                json!({"textDocument": {"uri": u}}),
            );
        }
    }

    // Keystrokes in the median pipeline, alternating insert and delete.
    let mut docs = Vec::new();
    for (k, side) in sides.iter().enumerate() {
        let (rel, text) = side.doc();
        let u = side.uri(rel);
        let c = &mut clients[k];
        c.notes.clear();
        c.open(&u, text);
        c.diagnostics(&u, |p| p["version"] == 1);
        let (at, _) = edit_spot(text)?;
        docs.push((u, text.to_string(), at, 1_i64));
    }
    for i in 0..args.samples {
        for (k, (u, text, at, version)) in docs.iter_mut().enumerate() {
            let c = &mut clients[k];
            *version += 1;
            let change = keystroke(text, *at, i % 2 == 0);
            c.notes.clear();
            let t = Instant::now();
            c.notify(
                "textDocument/didChange",
                json!({"textDocument": {"uri": u, "version": *version},
                       "contentChanges": [change]}),
            );
            let v = *version;
            c.diagnostics(u, |p| p["version"] == v);
            m[k].key.push(t.elapsed());
        }
    }

    // Completion at a property name of the first activity.
    let spots: Vec<Value> = docs
        .iter()
        .map(|(u, text, _, _)| completion_spot(text).map(|o| td(u, pos(text, o))))
        .collect::<Result<_, _>>()?;
    for _ in 0..args.samples {
        for (k, params) in spots.iter().enumerate() {
            let c = &mut clients[k];
            let t = Instant::now();
            let r = c.request("textDocument/completion", params.clone());
            m[k].completion.push(t.elapsed());
            let items = r["result"].as_array().map_or(0, Vec::len);
            if items == 0 {
                return Err(format!("completion over LSP proposed nothing: {r}"));
            }
        }
    }
    for c in clients {
        c.stop();
    }
    Ok(())
}

/// Whether two p50s are within max(10 %, 0.3 ms) of each other.
fn size_independent(a: Duration, b: Duration) -> (bool, f64) {
    let diff = (ms(b) - ms(a)).abs();
    (diff <= (0.1 * ms(a)).max(0.3), diff)
}

fn report(sides: &[Side; 2], m: &[Measured; 2]) -> String {
    let verdict = |ok: bool| if ok { "yes" } else { "NO" };
    let p = |v: &[Duration], q: f64| ms(percentile(v, q));
    let (small, large) = (sides[0].n, sides[1].n);
    let mut out =
        format!("\n| metric | N={small} | N={large} | goal | met? |\n|---|---|---|---|---|\n");
    let mut row = |name: &str, a: String, b: String, goal: &str, ok: bool| {
        out.push_str(&format!(
            "| {name} | {a} | {b} | {goal} | {} |\n",
            verdict(ok)
        ));
    };
    let f = |x: f64| format!("{x:.2} ms");
    let init = p(&m[1].init, 0.5);
    row(
        &format!("initialize p50 ({} fresh servers)", m[1].init.len()),
        "-".into(),
        f(init),
        "≤ 30 ms",
        init <= 30.0,
    );
    let open = [p(&m[0].open, 0.5), p(&m[1].open, 0.5)];
    row(
        &format!(
            "didOpen → publishDiagnostics p50 ({} cycles)",
            m[0].open.len()
        ),
        f(open[0]),
        f(open[1]),
        "≤ 20 ms",
        open.iter().all(|x| *x <= 20.0),
    );
    let key50 = [p(&m[0].key, 0.5), p(&m[1].key, 0.5)];
    let key99 = [p(&m[0].key, 0.99), p(&m[1].key, 0.99)];
    row(
        &format!(
            "keystroke → publishDiagnostics p50 ({} samples)",
            m[0].key.len()
        ),
        f(key50[0]),
        f(key50[1]),
        "≤ 5 ms",
        key50.iter().all(|x| *x <= 5.0),
    );
    row(
        "keystroke → publishDiagnostics p99",
        f(key99[0]),
        f(key99[1]),
        "≤ 15 ms",
        key99.iter().all(|x| *x <= 15.0),
    );
    let comp = [p(&m[0].completion, 0.5), p(&m[1].completion, 0.5)];
    row(
        &format!(
            "completion over LSP p50 ({} samples)",
            m[0].completion.len()
        ),
        f(comp[0]),
        f(comp[1]),
        "≤ 3 ms",
        comp.iter().all(|x| *x <= 3.0),
    );
    let core = [p(&m[0].completion_core, 0.5), p(&m[1].completion_core, 0.5)];
    row(
        "completion in process p50 (adf_core::ide::completion)",
        format!("{:.3} ms", core[0]),
        format!("{:.3} ms", core[1]),
        "≤ 0.5 ms",
        core.iter().all(|x| *x <= 0.5),
    );
    let mb = |kb: u64| kb as f64 / 1024.0;
    row(
        "server VmRSS / VmHWM after indexing",
        format!("{:.1} / {:.1} MB", mb(m[0].rss_kb.0), mb(m[0].rss_kb.1)),
        format!("{:.1} / {:.1} MB", mb(m[1].rss_kb.0), mb(m[1].rss_kb.1)),
        "≤ 250 MB at N=5000",
        mb(m[1].rss_kb.0.max(m[1].rss_kb.1)) <= 250.0,
    );
    let (ok, diff) = size_independent(percentile(&m[0].key, 0.5), percentile(&m[1].key, 0.5));
    row(
        "size independence: keystroke p50 difference",
        "-".into(),
        format!("{diff:.3} ms"),
        "≤ max(10 %, 0.3 ms)",
        ok,
    );
    let (ok, diff) = size_independent(
        percentile(&m[0].completion, 0.5),
        percentile(&m[1].completion, 0.5),
    );
    row(
        "size independence: completion p50 difference",
        "-".into(),
        format!("{diff:.3} ms"),
        "≤ max(10 %, 0.3 ms)",
        ok,
    );
    row(
        "files re-checked per keystroke (Workspace::set_file)",
        m[0].rechecked.to_string(),
        m[1].rechecked.to_string(),
        "equal, ≤ 2",
        m[0].rechecked == m[1].rechecked && m[1].rechecked <= 2,
    );
    out.push_str("\nFor reference (not goals):\n\n| metric | N=");
    out.push_str(&format!(
        "{small} | N={large} |\n|---|---|---|\n| indexing (initialize → end of progress) | {:.0} ms | {:.0} ms |\n",
        ms(m[0].index_time),
        ms(m[1].index_time)
    ));
    let extra = [
        (
            "didOpen → publishDiagnostics p99",
            &m[0].open,
            &m[1].open,
            0.99,
        ),
        (
            "completion over LSP p99",
            &m[0].completion,
            &m[1].completion,
            0.99,
        ),
        (
            "Workspace::set_file (keystroke, in process) p50",
            &m[0].set_file,
            &m[1].set_file,
            0.5,
        ),
        (
            "Workspace::set_file (keystroke, in process) p99",
            &m[0].set_file,
            &m[1].set_file,
            0.99,
        ),
    ];
    for (name, a, b, q) in extra {
        out.push_str(&format!(
            "| {name} | {:.3} ms | {:.3} ms |\n",
            p(a, q),
            p(b, q)
        ));
    }
    out.push_str(&format!(
        "| completion items at the spot | {} | {} |\n",
        m[0].completion_items, m[1].completion_items
    ));
    out
}
