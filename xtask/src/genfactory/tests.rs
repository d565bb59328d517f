use std::collections::HashSet;

use super::gen::{generate, CATEGORIES};
use super::{build, plant};

/// One edit apart: a letter dropped, doubled/inserted, replaced, or two neighbours swapped.
fn one_edit(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() == b.len() {
        let diff: Vec<usize> = (0..a.len()).filter(|&i| a[i] != b[i]).collect();
        match diff.as_slice() {
            [_] => true,
            [i, j] => *j == i + 1 && a[*i] == b[*j] && a[*j] == b[*i],
            _ => false,
        }
    } else {
        let (long, short) = if a.len() > b.len() { (a, b) } else { (b, a) };
        long.len() == short.len() + 1
            && (0..long.len())
                .any(|skip| long[..skip] == short[..skip] && long[skip + 1..] == short[skip..])
    }
}

#[test]
fn same_seed_same_bytes_other_seed_other_bytes() {
    let a = build(40, 7, 12);
    let b = build(40, 7, 12);
    assert_eq!(a.files, b.files);
    assert_eq!(plant::manifest(&a.planted), plant::manifest(&b.planted));
    let c = build(40, 8, 12);
    assert_ne!(a.files, c.files);
}

#[test]
fn statistics_at_1000_pipelines_are_within_targets() {
    let f = build(1000, 1, 0);
    let s = &f.stats;
    let per_pipeline = s.files as f64 / 1000.0;
    assert!(
        (6.0..=8.0).contains(&per_pipeline),
        "{per_pipeline} files per pipeline"
    );
    let mb = s.bytes as f64 / (1024.0 * 1024.0);
    assert!((17.0..=25.0).contains(&mb), "{mb} MB");
    let median_kb = s.pipeline_bytes.1 as f64 / 1024.0;
    assert!(
        (10.0..=18.0).contains(&median_kb),
        "median pipeline {median_kb} KB"
    );
    assert!(
        s.activities.0 >= 3 && s.activities.2 <= 15,
        "{:?}",
        s.activities
    );
    // ForEach > IfCondition > leaf is the deepest ADF allows here.
    assert_eq!(s.max_depth, 3);
    assert!(
        s.references.iter().all(|r| r.2 > 0),
        "every reference site occurs"
    );
}

#[test]
fn every_reference_resolves_in_a_clean_factory() {
    let g = generate(150, 3);
    let names: HashSet<String> = g
        .files
        .iter()
        .map(|(p, _)| p.trim_end_matches(".json").to_lowercase())
        .collect();
    for site in &g.sites {
        let key = format!("{}/{}", site.category.target_folder(), site.target).to_lowercase();
        assert!(names.contains(&key), "{key} does not exist");
        let text = &g.files[site.file].1;
        assert!(text[site.offset..].starts_with(&format!("\"{}\"", site.target)));
    }
}

#[test]
fn planted_positions_point_at_the_planted_names() {
    let f = build(200, 1, 40);
    assert_eq!(f.planted.len(), 40);
    let kinds: HashSet<&str> = f.planted.iter().map(|p| p.site).collect();
    assert_eq!(
        kinds.len(),
        CATEGORIES.len(),
        "spread over every site: {kinds:?}"
    );
    for p in &f.planted {
        let text = &f
            .files
            .iter()
            .find(|(path, _)| *path == p.file)
            .expect("file")
            .1;
        let line = text.lines().nth(p.line - 1).expect("line");
        let at: String = line.chars().skip(p.column - 1).collect();
        assert!(
            at.starts_with(&format!("\"{}\"", p.name)),
            "{}:{}: {line}",
            p.file,
            p.line
        );
        assert!(
            line.trim_start().starts_with("\"referenceName\": "),
            "{line}"
        );
    }
    let mut sorted: Vec<(String, usize)> =
        f.planted.iter().map(|p| (p.file.clone(), p.line)).collect();
    sorted.sort();
    let order: Vec<(String, usize)> = f.planted.iter().map(|p| (p.file.clone(), p.line)).collect();
    assert_eq!(order, sorted);
}

#[test]
fn planted_names_are_near_misses_of_no_entity() {
    let f = build(200, 5, 60);
    let names: HashSet<String> = f
        .files
        .iter()
        .filter_map(|(p, _)| {
            Some(
                p.split_once('/')?
                    .1
                    .trim_end_matches(".json")
                    .to_lowercase(),
            )
        })
        .collect();
    assert_eq!(f.planted.len(), 60);
    for p in &f.planted {
        assert!(!names.contains(&p.name.to_lowercase()), "{} exists", p.name);
        assert!(
            names.contains(&p.intended.to_lowercase()),
            "{} is missing",
            p.intended
        );
        assert!(
            one_edit(&p.name, &p.intended),
            "{} vs {}",
            p.name,
            p.intended
        );
    }
}

#[test]
fn one_edit_recognises_the_typo_kinds() {
    assert!(one_edit("SalesDataset", "SalesDatset"));
    assert!(one_edit("SalesDataset", "SalesDatasett"));
    assert!(one_edit("SalesDataset", "SalesDataste"));
    assert!(one_edit("SalesDataset", "SalesDatasex"));
    assert!(!one_edit("SalesDataset", "SalesDataset"));
    assert!(!one_edit("SalesDataset", "SlaesDatsaet"));
}

#[test]
fn numbers_in_the_docs_are_current() {
    // docs/generator.md and the benchmark tables quote these; regenerate them when this fails.
    let f = build(100, 1, 0);
    assert_eq!((f.stats.files, f.stats.bytes), (698, 2_365_003));
}
