//! `cargo xtask bench [--pipelines 1000,5000] [--runs 5] [--adf PATH]`: times `adf check` on
//! generated factories against plain reading + jsonc-parsing of the same files, and measures the
//! check's peak memory. Run it in release (`cargo run --release -p xtask -- bench`): the
//! read + parse baseline runs in this process. See docs/benchmarks.md, "Whole-factory check".

use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use rayon::prelude::*;

use crate::genfactory;

pub(crate) mod eval;
pub(crate) mod lsp;
pub(crate) mod lsp_busy;

const USAGE: &str = "usage: cargo xtask bench [--pipelines 1000,5000] [--runs 5] [--adf PATH]";

/// The hidden first argument of the measuring wrapper (see [`measure_child`]).
const MEASURE: &str = "--measure-child";

/// The seed of every benchmark factory, so numbers stay comparable between runs and machines.
pub(crate) const SEED: u64 = 1;

struct Args {
    pipelines: Vec<usize>,
    runs: usize,
    adf: Option<PathBuf>,
}

/// A positive whole number given to a flag (`_` may group digits).
pub(crate) fn positive(flag: &str, v: &str) -> Result<usize, String> {
    v.trim()
        .replace('_', "")
        .parse::<usize>()
        .ok()
        .filter(|n| *n > 0)
        .ok_or_else(|| format!("{flag}: not a positive number: {v}"))
}

fn parse(args: &[String]) -> Result<Args, String> {
    let mut out = Args {
        pipelines: vec![1000, 5000],
        runs: 5,
        adf: None,
    };
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = || {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{a} needs a value\n{USAGE}"))
        };
        let number = |v: &str| positive(a, v);
        match a.as_str() {
            "--pipelines" => {
                out.pipelines = value()?.split(',').map(number).collect::<Result<_, _>>()?
            }
            "--runs" => out.runs = number(&value()?)?,
            "--adf" => out.adf = Some(PathBuf::from(value()?)),
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    Ok(out)
}

pub fn run(args: &[String]) -> Result<(), String> {
    if args.first().map(String::as_str) == Some(MEASURE) {
        return measure_child(&args[1..]);
    }
    let args = parse(args)?;
    if cfg!(debug_assertions) {
        eprintln!(
            "warning: xtask is a debug build, so the in-process read + parse baseline is slow and \
             every ratio meaningless; use `cargo run --release -p xtask -- bench`"
        );
    }
    let adf = match &args.adf {
        Some(p) => p.clone(),
        None => build_adf()?,
    };
    println!("adf: {}", adf.display());
    println!(
        "machine: {} cores (rayon threads: {})",
        std::thread::available_parallelism().map_or(0, |n| n.get()),
        rayon::current_num_threads()
    );
    let rows = bench_all(&args.pipelines, args.runs, &adf)?;
    print!("{}", report(&rows));
    Ok(())
}

/// The workspace's `target` directory, or `CARGO_TARGET_DIR` as cargo itself resolves it.
fn target_dir() -> PathBuf {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."))
        .to_path_buf();
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(d) => {
            let d = PathBuf::from(d);
            if d.is_absolute() {
                d
            } else {
                std::env::current_dir().unwrap_or_default().join(d)
            }
        }
        None => workspace.join("target"),
    }
}

/// Builds the release `adf` (a no-op when it is current) so the benchmark never times a stale
/// binary, and returns its path.
pub(crate) fn build_adf() -> Result<PathBuf, String> {
    let workspace = Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .unwrap_or(Path::new("."));
    let cargo = std::env::var_os("CARGO").unwrap_or_else(|| "cargo".into());
    eprintln!("building the release adf (cargo build --release -p adf-cli) ...");
    let status = Command::new(&cargo)
        .args(["build", "--release", "--quiet", "-p", "adf-cli"])
        .current_dir(workspace)
        .status()
        .map_err(|e| format!("cannot run cargo to build adf: {e}; build it with `cargo build --release -p adf-cli` and pass --adf PATH"))?;
    if !status.success() {
        return Err(
            "`cargo build --release -p adf-cli` failed; fix the build or pass --adf PATH".into(),
        );
    }
    let adf = target_dir()
        .join("release")
        .join(format!("adf{}", std::env::consts::EXE_SUFFIX));
    if !adf.is_file() {
        return Err(format!(
            "no adf binary at {} after building; pass --adf PATH",
            adf.display()
        ));
    }
    Ok(adf)
}

/// Writes the factory of N pipelines into the temp folder, unless the folder already holds it:
/// a stamp beside the folder records the generator's statistics, so a generator change (new
/// statistics) or an interrupted write (no stamp) regenerates. Returns the folder and the stats.
pub(crate) fn factory(n: usize) -> Result<(PathBuf, genfactory::Stats), String> {
    let dir = std::env::temp_dir().join(format!("adf-bench-{n}"));
    let stamp = std::env::temp_dir().join(format!("adf-bench-{n}.stats.txt"));
    let built = genfactory::build(n, SEED, 0);
    let stats = built.stats;
    drop(built.files);
    let rendered = stats.render(n, SEED, 0);
    let current = dir.is_dir() && std::fs::read_to_string(&stamp).ok().as_ref() == Some(&rendered);
    if current {
        print!("{rendered}");
        println!("reusing {}", dir.display());
    } else {
        let _ = std::fs::remove_file(&stamp);
        // The generator prints the statistics itself. Its --force removes only the folders it writes, so a wrong temp path can
        // never lose anything else. It regenerates the same bytes (same N and seed).
        let gen_args: Vec<String> = [
            "--pipelines",
            &n.to_string(),
            "--seed",
            &SEED.to_string(),
            "--out",
            &dir.to_string_lossy(),
            "--force",
        ]
        .iter()
        .map(|s| s.to_string())
        .collect();
        genfactory::run(&gen_args)?;
        std::fs::write(&stamp, &rendered).map_err(|e| format!("{}: {e}", stamp.display()))?;
    }
    Ok((dir, stats))
}

/// Every `*.json` below `dir`, sorted (what `adf check` reads in a generated factory, which has
/// no .gitignore and no excluded folders).
fn json_files(dir: &Path) -> Result<Vec<PathBuf>, String> {
    let mut out = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let entries = std::fs::read_dir(&d).map_err(|e| format!("{}: {e}", d.display()))?;
        for entry in entries {
            let path = entry.map_err(|e| format!("{}: {e}", d.display()))?.path();
            if path.is_dir() {
                stack.push(path);
            } else if path
                .extension()
                .is_some_and(|x| x.eq_ignore_ascii_case("json"))
            {
                out.push(path);
            }
        }
    }
    out.sort();
    Ok(out)
}

/// Reads and jsonc-parses one file; true when it parsed (every generated file does).
fn read_parse(path: &Path) -> bool {
    let Ok(text) = std::fs::read_to_string(path) else {
        return false;
    };
    let parsed =
        jsonc_parser::parse_to_ast(&text, &Default::default(), &adf_syntax::jsonc_options());
    std::hint::black_box(parsed).is_ok()
}

/// The baseline: walk the folder, read and parse every file, in one thread or on every core. The
/// walk is inside the timing because `adf check` walks too.
fn time_read_parse(dir: &Path, parallel: bool, files: usize) -> Result<Duration, String> {
    let t = Instant::now();
    let paths = json_files(dir)?;
    let ok = if parallel {
        paths.par_iter().filter(|p| read_parse(p)).count()
    } else {
        paths.iter().filter(|p| read_parse(p)).count()
    };
    let elapsed = t.elapsed();
    if ok != files {
        return Err(format!(
            "{}: parsed {ok} of {} files, expected {files}",
            dir.display(),
            paths.len()
        ));
    }
    Ok(elapsed)
}

/// One `adf check --format json DIR > /dev/null` in a fresh process, timed and measured by a
/// fresh wrapper process (this binary with [`MEASURE`]). getrusage(RUSAGE_CHILDREN) gives the
/// maximum peak RSS over *every* child a process has waited for, so measured here it would
/// report the largest N so far; in the wrapper the only child is this one `adf`.
fn time_check(adf: &Path, dir: &Path) -> Result<(Duration, u64), String> {
    let me = std::env::current_exe().map_err(|e| format!("cannot find xtask itself: {e}"))?;
    let out = Command::new(me)
        .arg("bench")
        .arg(MEASURE)
        .arg(adf)
        .args(["check", "--format", "json"])
        .arg(dir)
        .stderr(Stdio::inherit())
        .output()
        .map_err(|e| format!("cannot run the measuring wrapper: {e}"))?;
    let stdout = String::from_utf8_lossy(&out.stdout);
    if !out.status.success() {
        return Err(format!("measuring wrapper failed: {stdout}"));
    }
    let field = |key: &str| {
        stdout
            .split_whitespace()
            .find_map(|w| w.strip_prefix(key))
            .and_then(|v| v.parse::<u64>().ok())
            .ok_or_else(|| format!("measuring wrapper printed no {key}: {stdout}"))
    };
    let nanos = field("wall_ns=")?;
    let rss_kb = field("maxrss_kb=")?;
    let code = field("exit=")?;
    // A clean generated factory must check clean; exit 1 would mean findings, which a
    // benchmark of the clean path must not silently include.
    if code != 0 {
        return Err(format!("adf check exited with {code} on {}", dir.display()));
    }
    Ok((Duration::from_nanos(nanos), rss_kb))
}

/// The wrapper: runs the command with stdout to /dev/null, and prints its wall time, its peak
/// RSS (KiB on Linux) and its exit code.
fn measure_child(cmd: &[String]) -> Result<(), String> {
    let (prog, rest) = cmd
        .split_first()
        .ok_or_else(|| format!("{MEASURE} needs a command"))?;
    let t = Instant::now();
    let status = Command::new(prog)
        .args(rest)
        .stdout(Stdio::null())
        .status()
        .map_err(|e| format!("cannot run {prog}: {e}"))?;
    let wall = t.elapsed();
    let usage = nix::sys::resource::getrusage(nix::sys::resource::UsageWho::RUSAGE_CHILDREN)
        .map_err(|e| format!("getrusage: {e}"))?;
    println!(
        "wall_ns={} maxrss_kb={} exit={}",
        wall.as_nanos(),
        usage.max_rss(),
        status.code().map_or(255, |c| c as u64)
    );
    Ok(())
}

/// The summary of one `adf check --format json` run (also a warm-up: page cache, binary).
fn check_summary(adf: &Path, dir: &Path) -> Result<String, String> {
    let out = Command::new(adf)
        .args(["check", "--format", "json"])
        .arg(dir)
        .output()
        .map_err(|e| format!("cannot run {}: {e}", adf.display()))?;
    let v: serde_json::Value = serde_json::from_slice(&out.stdout)
        .map_err(|e| format!("adf check printed no JSON ({e})"))?;
    Ok(v["summary"].to_string())
}

struct Row {
    n: usize,
    files: usize,
    bytes: usize,
    seq: Duration,
    par: Duration,
    check: Duration,
    rss_kb: u64,
}

/// The lower middle value (a real sample, as the generator's statistics take it).
fn median<T: Ord + Copy>(mut v: Vec<T>) -> T {
    v.sort_unstable();
    v[(v.len() - 1) / 2]
}

fn ms(d: Duration) -> f64 {
    d.as_secs_f64() * 1000.0
}

/// One factory under measurement and its samples.
struct Bench {
    n: usize,
    dir: PathBuf,
    stats: genfactory::Stats,
    seq: Vec<Duration>,
    par: Vec<Duration>,
    check: Vec<Duration>,
    rss_kb: Vec<u64>,
}

/// Every factory first, then `runs` rounds that each measure every N back to back: on a shared
/// machine a burst of other work then hits both sides of the scaling ratio alike, instead of
/// landing on one N's runs only.
fn bench_all(pipelines: &[usize], runs: usize, adf: &Path) -> Result<Vec<Row>, String> {
    let mut benches = Vec::new();
    for &n in pipelines {
        println!("\n## N = {n}");
        let (dir, stats) = factory(n)?;
        // Also a warm-up: the page cache holds the files before any timing.
        println!("adf check summary: {}", check_summary(adf, &dir)?);
        benches.push(Bench {
            n,
            dir,
            stats,
            seq: Vec::new(),
            par: Vec::new(),
            check: Vec::new(),
            rss_kb: Vec::new(),
        });
    }
    println!();
    for i in 0..runs {
        for b in &mut benches {
            // adf check reads every *.json; publish_config.json is one too.
            let files = b.stats.files;
            let s = time_read_parse(&b.dir, false, files)?;
            let p = time_read_parse(&b.dir, true, files)?;
            let (c, r) = time_check(adf, &b.dir)?;
            println!(
                "run {}/{runs} N = {}: read+parse 1 thread {:.0} ms, all cores {:.0} ms; adf check \
                 {:.0} ms, peak RSS {:.1} MB",
                i + 1,
                b.n,
                ms(s),
                ms(p),
                ms(c),
                r as f64 / 1024.0
            );
            b.seq.push(s);
            b.par.push(p);
            b.check.push(c);
            b.rss_kb.push(r);
        }
    }
    Ok(benches
        .into_iter()
        .map(|b| Row {
            n: b.n,
            files: b.stats.files,
            bytes: b.stats.bytes,
            seq: median(b.seq),
            par: median(b.par),
            check: median(b.check),
            rss_kb: median(b.rss_kb),
        })
        .collect())
}

fn report(rows: &[Row]) -> String {
    let mut out = String::from("\n| N | files | MB | read+parse 1 thread ms | read+parse all cores ms | adf check ms | check / parallel read+parse | peak RSS MB |\n|---|---|---|---|---|---|---|---|\n");
    for r in rows {
        out.push_str(&format!(
            "| {} | {} | {:.1} | {:.0} | {:.0} | {:.0} | {:.2}x | {:.1} |\n",
            r.n,
            r.files,
            r.bytes as f64 / (1024.0 * 1024.0),
            ms(r.seq),
            ms(r.par),
            ms(r.check),
            ms(r.check) / ms(r.par),
            r.rss_kb as f64 / 1024.0
        ));
    }
    let at = |n: usize| rows.iter().find(|r| r.n == n);
    let verdict = |ok: bool| if ok { "met" } else { "MISSED" };
    out.push('\n');
    if let (Some(a), Some(b)) = (at(1000), at(5000)) {
        let scaling = ms(b.check) / ms(a.check);
        out.push_str(&format!(
            "scaling adf check time(N=5000)/time(N=1000): {scaling:.2} (goal <= 5.0: {}; input grows {:.2}x)\n",
            verdict(scaling <= 5.0),
            b.bytes as f64 / a.bytes as f64
        ));
    }
    if let Some(a) = at(1000) {
        let ratio = ms(a.check) / ms(a.par);
        out.push_str(&format!(
            "ratio at N=1000 check / parallel read+parse: {ratio:.2} (goal <= 3.0: {}; vs one thread: {:.2})\n",
            verdict(ratio <= 3.0),
            ms(a.check) / ms(a.seq)
        ));
    }
    if let Some(b) = at(5000) {
        let mb = b.rss_kb as f64 / 1024.0;
        out.push_str(&format!(
            "peak RSS at N=5000: {mb:.1} MB (goal <= 150 MB: {})\n",
            verdict(mb <= 150.0)
        ));
    }
    out
}
