//! `cargo xtask gen-factory --pipelines N [--seed S] --out DIR [--plant K] [--manifest PATH]
//! [--force]`: writes a synthetic ADF v2 factory in the git layout, deterministic by N, seed and
//! K, for benchmarks and for testing the cross-file rules at scale. See docs/generator.md.

mod gen;
mod json;
mod plant;
mod rng;
mod stats;
#[cfg(test)]
mod tests;

use std::path::{Path, PathBuf};

pub use stats::Stats;

/// Everything a run produces, in memory: the generator core is pure so tests need no disk.
pub struct Factory {
    /// (path relative to the factory root, text), in generation order.
    pub files: Vec<(String, String)>,
    pub stats: Stats,
    pub planted: Vec<plant::Planted>,
}

pub fn build(pipelines: usize, seed: u64, plant_count: usize) -> Factory {
    let mut g = gen::generate(pipelines, seed);
    let planted = if plant_count > 0 {
        plant::plant(&mut g, plant_count, seed)
    } else {
        Vec::new()
    };
    let stats = Stats::of(&g);
    Factory {
        files: g.files,
        stats,
        planted,
    }
}

/// The folders (and root file) the generator owns; `--force` removes only these.
const OWNED: [&str; 8] = [
    "pipeline",
    "dataset",
    "linkedService",
    "trigger",
    "dataflow",
    "integrationRuntime",
    "factory",
    "publish_config.json",
];

struct Args {
    pipelines: usize,
    seed: u64,
    out: PathBuf,
    plant: usize,
    manifest: Option<PathBuf>,
    force: bool,
}

const USAGE: &str = "usage: cargo xtask gen-factory --pipelines N [--seed S] --out DIR [--plant K] [--manifest PATH] [--force]";

fn parse(args: &[String]) -> Result<Args, String> {
    let mut pipelines = None;
    let mut seed = 1;
    let mut out = None;
    let mut plant = 0;
    let mut manifest = None;
    let mut force = false;
    let mut it = args.iter();
    while let Some(a) = it.next() {
        let mut value = |name: &str| {
            it.next()
                .cloned()
                .ok_or_else(|| format!("{name} needs a value\n{USAGE}"))
        };
        let number = |v: String, name: &str| {
            v.replace('_', "")
                .parse::<u64>()
                .map_err(|_| format!("{name}: not a number: {v}"))
        };
        match a.as_str() {
            "--pipelines" => pipelines = Some(number(value(a)?, a)? as usize),
            "--seed" => seed = number(value(a)?, a)?,
            "--out" => out = Some(PathBuf::from(value(a)?)),
            "--plant" => plant = number(value(a)?, a)? as usize,
            "--manifest" => manifest = Some(PathBuf::from(value(a)?)),
            "--force" => force = true,
            _ => return Err(format!("unknown argument {a}\n{USAGE}")),
        }
    }
    let pipelines = pipelines.ok_or_else(|| format!("--pipelines is required\n{USAGE}"))?;
    if pipelines == 0 {
        return Err("--pipelines must be at least 1".into());
    }
    Ok(Args {
        pipelines,
        seed,
        out: out.ok_or_else(|| format!("--out is required\n{USAGE}"))?,
        plant,
        manifest,
        force,
    })
}

/// The manifest goes beside the factory (`DIR.planted.json`), not inside it: a JSON file in the
/// factory root would itself be checked (and reported as an unrecognized file).
fn default_manifest(out: &Path) -> PathBuf {
    let mut name = out
        .file_name()
        .map(|n| n.to_os_string())
        .unwrap_or_else(|| "factory".into());
    name.push(".planted.json");
    out.with_file_name(name)
}

pub fn run(args: &[String]) -> Result<(), String> {
    let args = parse(args)?;
    let out = &args.out;
    let io = |p: &Path, e: std::io::Error| format!("{}: {e}", p.display());
    if out.exists() {
        let mut entries = std::fs::read_dir(out).map_err(|e| io(out, e))?;
        if entries.next().is_some() {
            if !args.force {
                return Err(format!(
                    "{} is not empty; pass --force to replace the generated folders in it",
                    out.display()
                ));
            }
            for owned in OWNED {
                let p = out.join(owned);
                if p.is_dir() {
                    std::fs::remove_dir_all(&p).map_err(|e| io(&p, e))?;
                } else if p.is_file() {
                    std::fs::remove_file(&p).map_err(|e| io(&p, e))?;
                }
            }
        }
    }
    let factory = build(args.pipelines, args.seed, args.plant);
    for (rel, text) in &factory.files {
        let path = out.join(rel);
        if let Some(parent) = path.parent() {
            std::fs::create_dir_all(parent).map_err(|e| io(parent, e))?;
        }
        std::fs::write(&path, text).map_err(|e| io(&path, e))?;
    }
    print!(
        "{}",
        factory
            .stats
            .render(args.pipelines, args.seed, factory.planted.len())
    );
    println!("wrote {}", out.display());
    if args.plant > 0 {
        let path = args
            .manifest
            .clone()
            .unwrap_or_else(|| default_manifest(out));
        std::fs::write(&path, plant::manifest(&factory.planted)).map_err(|e| io(&path, e))?;
        println!(
            "planted {} broken references: {}",
            factory.planted.len(),
            path.display()
        );
        if factory.planted.len() < args.plant {
            println!(
                "(asked for {}; the factory has too few references)",
                args.plant
            );
        }
    }
    Ok(())
}
