//! `--plant K`: turn K reference names into near misses (one edit) of the name they meant, spread
//! over every reference kind and site, and say where each one is.
//!
//! Only the `referenceName` text changes, so nothing else about the reference (its `type`, its
//! arguments) can produce a second finding. Sites whose target is also referenced elsewhere are
//! preferred, so the intended entity usually stays referenced (if not, it only draws the
//! `unused-entity` hint).

use std::collections::{BTreeMap, HashSet};

use super::gen::{Generated, CATEGORIES};
use super::json::{obj, s, J};
use super::rng::Rng;

pub struct Planted {
    pub file: String,
    pub line: usize,
    pub column: usize,
    pub kind: &'static str,
    pub site: &'static str,
    pub name: String,
    pub intended: String,
}

/// Every entity name of the factory, lower-cased (ADF compares names case-insensitively).
fn entity_names(g: &Generated) -> HashSet<String> {
    g.files
        .iter()
        .filter_map(|(path, _)| {
            let (_, file) = path.split_once('/')?;
            Some(file.strip_suffix(".json")?.to_lowercase())
        })
        .collect()
}

/// A one-edit misspelling of `name` (swap, drop, double or replace a letter) that is no entity
/// name, or None when 200 tries found none (never seen with the generated names).
pub fn typo(name: &str, taken: &HashSet<String>, rng: &mut Rng) -> Option<String> {
    let bytes = name.as_bytes();
    let letters: Vec<usize> = (0..bytes.len())
        .filter(|&i| bytes[i].is_ascii_alphabetic())
        .collect();
    if letters.is_empty() {
        return None;
    }
    for _ in 0..200 {
        let at = *rng.pick(&letters);
        let mut v = bytes.to_vec();
        match rng.below(4) {
            0 => {
                let ok = at + 1 < v.len()
                    && v[at + 1].is_ascii_alphabetic()
                    && !v[at].eq_ignore_ascii_case(&v[at + 1]);
                if !ok {
                    continue;
                }
                v.swap(at, at + 1);
            }
            1 => {
                v.remove(at);
            }
            2 => v.insert(at, v[at]),
            _ => {
                let c = v[at];
                let base = if c.is_ascii_uppercase() { b'A' } else { b'a' };
                v[at] = base + (c - base + 1 + rng.below(24) as u8) % 26;
            }
        }
        let t = String::from_utf8(v).ok()?;
        let lower = t.to_lowercase();
        if lower != name.to_lowercase() && !taken.contains(&lower) {
            return Some(t);
        }
    }
    None
}

/// Plants up to `k` broken references into `g` (edits its texts) and returns them sorted by file
/// then line.
pub fn plant(g: &mut Generated, k: usize, seed: u64) -> Vec<Planted> {
    let mut rng = Rng::new(seed ^ 0x0050_4C41_4E54); // "PLANT": independent of generation draws
    let taken = entity_names(g);
    let mut refcount: BTreeMap<(&str, String), usize> = BTreeMap::new();
    for site in &g.sites {
        *refcount
            .entry((site.category.target_folder(), site.target.to_lowercase()))
            .or_default() += 1;
    }
    let mut queues: Vec<Vec<usize>> = CATEGORIES
        .iter()
        .map(|c| {
            let mut v: Vec<usize> = (0..g.sites.len())
                .filter(|&i| g.sites[i].category == *c)
                .collect();
            rng.shuffle(&mut v);
            v
        })
        .collect();
    let mut chosen: Vec<(usize, String)> = Vec::new();
    let mut turn = 0;
    while chosen.len() < k && queues.iter().any(|q| !q.is_empty()) {
        let q = &mut queues[turn % CATEGORIES.len()];
        turn += 1;
        if q.is_empty() {
            continue;
        }
        let key = |i: usize| {
            let site = &g.sites[i];
            (site.category.target_folder(), site.target.to_lowercase())
        };
        let pos = q
            .iter()
            .position(|&i| refcount.get(&key(i)).copied().unwrap_or(0) >= 2)
            .unwrap_or(0);
        let i = q.remove(pos);
        if let Some(c) = refcount.get_mut(&key(i)) {
            *c = c.saturating_sub(1);
        }
        if let Some(t) = typo(&g.sites[i].target, &taken, &mut rng) {
            chosen.push((i, t));
        }
    }
    // Edit each file from its last site backwards so earlier offsets stay valid; a name never
    // spans lines, so the line and column of the opening quote do not move.
    chosen.sort_by_key(|(i, _)| (g.sites[*i].file, std::cmp::Reverse(g.sites[*i].offset)));
    for (i, t) in &chosen {
        let site = &g.sites[*i];
        let text = &mut g.files[site.file].1;
        let old = format!("\"{}\"", site.target);
        debug_assert_eq!(&text[site.offset..site.offset + old.len()], old);
        text.replace_range(site.offset..site.offset + old.len(), &format!("\"{t}\""));
    }
    let mut out: Vec<Planted> = chosen
        .iter()
        .map(|(i, t)| {
            let site = &g.sites[*i];
            let (path, text) = &g.files[site.file];
            let before = &text[..site.offset];
            let line = before.matches('\n').count() + 1;
            let line_start = before.rfind('\n').map_or(0, |p| p + 1);
            Planted {
                file: path.clone(),
                line,
                column: text[line_start..site.offset].chars().count() + 1,
                kind: site.category.kind(),
                site: site.category.site(),
                name: t.clone(),
                intended: site.target.clone(),
            }
        })
        .collect();
    out.sort_by(|a, b| (&a.file, a.line).cmp(&(&b.file, b.line)));
    out
}

/// The manifest: a JSON array, pretty-printed like the factory files.
pub fn manifest(planted: &[Planted]) -> String {
    let items = planted
        .iter()
        .map(|p| {
            obj()
                .k("file", s(&p.file))
                .k("line", J::Int(p.line as i64))
                .k("column", J::Int(p.column as i64))
                .k("kind", s(p.kind))
                .k("site", s(p.site))
                .k("name", s(&p.name))
                .k("intended", s(&p.intended))
                .done()
        })
        .collect();
    let mut text = super::json::write(&J::Arr(items), &mut Vec::new());
    text.push('\n');
    text
}
