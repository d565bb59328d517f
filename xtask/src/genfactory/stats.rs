//! Size statistics of a generated factory, printed after each run (benchmark tables repeat them).

use super::gen::{Generated, CATEGORIES};

pub struct Stats {
    /// (folder or root file, files, bytes) in a fixed order.
    pub kinds: Vec<(&'static str, usize, usize)>,
    pub files: usize,
    pub bytes: usize,
    /// Pipeline file sizes in bytes: (min, median, max).
    pub pipeline_bytes: (usize, usize, usize),
    /// Activities per pipeline, nested ones included: (min, median, max).
    pub activities: (usize, usize, usize),
    pub max_depth: usize,
    /// (reference type, site, count) per reference site.
    pub references: Vec<(&'static str, &'static str, usize)>,
}

const KINDS: [&str; 8] = [
    "pipeline",
    "dataset",
    "linkedService",
    "dataflow",
    "trigger",
    "integrationRuntime",
    "factory",
    "publish_config.json",
];

/// (min, median, max); the median is the lower middle value, so it is always a real sample.
fn spread(mut v: Vec<usize>) -> (usize, usize, usize) {
    if v.is_empty() {
        return (0, 0, 0);
    }
    v.sort_unstable();
    (v[0], v[(v.len() - 1) / 2], v[v.len() - 1])
}

impl Stats {
    pub fn of(g: &Generated) -> Stats {
        let kinds = KINDS
            .iter()
            .map(|k| {
                let mine = g.files.iter().filter(|(p, _)| {
                    p.split_once('/').map_or(p.as_str(), |(folder, _)| folder) == *k
                });
                let (n, bytes) = mine.fold((0, 0), |(n, b), (_, t)| (n + 1, b + t.len()));
                (*k, n, bytes)
            })
            .collect();
        let pipelines = g
            .files
            .iter()
            .filter(|(p, _)| p.starts_with("pipeline/"))
            .map(|(_, t)| t.len())
            .collect();
        let references = CATEGORIES
            .iter()
            .map(|c| {
                let n = g.sites.iter().filter(|s| s.category == *c).count();
                (c.kind(), c.site(), n)
            })
            .collect();
        Stats {
            kinds,
            files: g.files.len(),
            bytes: g.files.iter().map(|(_, t)| t.len()).sum(),
            pipeline_bytes: spread(pipelines),
            activities: spread(g.activities.clone()),
            max_depth: g.max_depth,
            references,
        }
    }

    pub fn render(&self, pipelines: usize, seed: u64, planted: usize) -> String {
        let kb = |b: usize| format!("{:.1} KB", b as f64 / 1024.0);
        let mb = |b: usize| format!("{:.1} MB", b as f64 / (1024.0 * 1024.0));
        let mut out = format!("factory: {pipelines} pipelines, seed {seed}, {planted} planted\n");
        out.push_str("files by folder:\n");
        for (k, n, bytes) in &self.kinds {
            out.push_str(&format!("  {k:<20} {n:>7} files {:>10}\n", kb(*bytes)));
        }
        out.push_str(&format!(
            "total: {} files ({:.2} per pipeline), {} ({} bytes)\n",
            self.files,
            self.files as f64 / pipelines as f64,
            mb(self.bytes),
            self.bytes
        ));
        let (lo, mid, hi) = self.pipeline_bytes;
        out.push_str(&format!(
            "pipeline file size: min {}, median {}, max {}\n",
            kb(lo),
            kb(mid),
            kb(hi)
        ));
        let (lo, mid, hi) = self.activities;
        out.push_str(&format!(
            "activities per pipeline: min {lo}, median {mid}, max {hi}; nesting depth max {}\n",
            self.max_depth
        ));
        out.push_str("references:\n");
        for (kind, site, n) in &self.references {
            out.push_str(&format!("  {kind:<28} {site:<32} {n:>7}\n"));
        }
        let total: usize = self.references.iter().map(|r| r.2).sum();
        out.push_str(&format!("  {:<61} {total:>7}\n", "total"));
        out
    }
}
