use super::*;
use crate::diagnostic::{Diagnostic, TextRange};
use crate::rules;

fn rule(name: &str) -> &'static Rule {
    rules::find(name).unwrap_or_else(|| panic!("no rule {name}"))
}

fn finding(name: &str, start: usize, end: usize) -> Diagnostic {
    Diagnostic::new(rule(name), TextRange::new(start, end), "message")
}

fn ctx<'a>(
    rel: &'a str,
    entities: &'a [(String, TextRange)],
    hits: &'a [PointerHit],
) -> FileContext<'a> {
    FileContext {
        rel_path: rel,
        entities,
        pointer_hits: hits,
    }
}

#[test]
fn the_starter_parses_and_changes_nothing() {
    let c = Config::parse(STARTER).expect("starter parses");
    assert!(c.severities.is_empty() && c.ignores.is_empty() && c.path_rules.is_empty());
    assert_eq!(c.profile, None);
    // Its commented profile line, switched on, selects the profile.
    let on = STARTER.replace("# profile = \"fabric\"", "profile = \"fabric\"");
    assert_ne!(on, STARTER);
    let c = Config::parse(&on).expect("starter with its profile parses");
    assert_eq!(c.profile, Some(crate::Profile::Fabric));
}

#[test]
fn severities_by_name_or_code_and_off() {
    let c =
        Config::parse("[rules]\nunused-entity = \"off\"\nADF0102 = \"error\"\n").expect("parse");
    assert_eq!(c.severity(rule("unused-entity")), None);
    assert_eq!(c.severity(rule("unknown-property")), Some(Severity::Error));
    assert_eq!(c.severity(rule("invalid-json")), Some(Severity::Error));
    let out = apply(
        &c,
        &ctx("a.json", &[], &[]),
        vec![
            finding("unused-entity", 0, 1),
            finding("unknown-property", 2, 3),
        ],
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].severity, Severity::Error);
}

#[test]
fn errors_carry_line_and_column() {
    let e = Config::parse("[rules]\nunused-entity = \"loud\"\n").expect_err("bad severity");
    assert_eq!((e.line, e.column), (2, 17));
    assert!(e.message.contains("unknown severity `loud`"), "{e}");
    let e = Config::parse("\n[rules]\nunused-entty = \"off\"\n").expect_err("bad rule");
    assert_eq!((e.line, e.column), (3, 1));
    assert!(e.message.contains("did you mean `unused-entity`"), "{e}");
    let e = Config::parse("exclude = [\"a/**\"]\ncolour = 1\n").expect_err("unknown key");
    assert_eq!(e.line, 2);
    let e = Config::parse("[rules\n").expect_err("syntax");
    assert_eq!(e.line, 1);
    let e = Config::parse("[[paths]]\nfiles = [\"a/[\"]\noff = [\"unused-entity\"]\n")
        .expect_err("bad glob");
    assert_eq!((e.line, e.column), (2, 10));
    let e = Config::parse("[[ignore]]\nrule = \"unused-entity\"\npointer = \"/a\"\n")
        .expect_err("pointer without file");
    assert!(e.message.contains("needs the `file`"), "{e}");
}

#[test]
fn rules_off_per_glob() {
    let c = Config::parse("[[paths]]\nfiles = [\"legacy/**\"]\noff = [\"unknown-property\"]\n")
        .expect("parse");
    let r = rule("unknown-property");
    assert!(c.is_off_for(r, "legacy/pipeline/A.json"));
    assert!(!c.is_off_for(r, "pipeline/A.json"));
    assert!(!c.is_off_for(rule("invalid-json"), "legacy/A.json"));
}

#[test]
fn excludes_match_relative_paths() {
    let c = Config::parse("exclude = [\"archive/**\", \"*.bak.json\"]\n").expect("parse");
    assert!(c.is_excluded("archive/pipeline/Old.json"));
    assert!(c.is_excluded("x.bak.json"));
    assert!(
        !c.is_excluded("pipeline/x.bak.json"),
        "`*` stays within a folder"
    );
    assert!(!c.is_excluded("pipeline/New.json"));
}

#[test]
fn ignore_by_entity_drops_only_that_entity() {
    let c = Config::parse("[[ignore]]\nrule = \"unused-entity\"\nentity = \"oldexport\"\n")
        .expect("parse");
    let one = [("OldExport".to_string(), TextRange::new(0, 100))];
    let out = apply(
        &c,
        &ctx("d.json", &one, &[]),
        vec![finding("unused-entity", 5, 9)],
    );
    assert!(out.is_empty());
    let other = [("NewExport".to_string(), TextRange::new(0, 100))];
    let out = apply(
        &c,
        &ctx("d.json", &other, &[]),
        vec![finding("unused-entity", 5, 9)],
    );
    assert_eq!(out.len(), 1);
}

#[test]
fn ignore_by_pointer_drops_findings_inside_the_value() {
    let text = r#"{"properties": {"activities": [{"name": "A", "extra": 1, "more": 2}]}}"#;
    let c = Config::parse(
        "[[ignore]]\nrule = \"unknown-property\"\nfile = \"pipeline/Load.json\"\npointer = \"/properties/activities/0/extra\"\n",
    )
    .expect("parse");
    let hits: Vec<PointerHit> = c
        .pointer_ignores("pipeline/Load.json")
        .filter_map(|(i, p)| {
            Some(PointerHit {
                ignore: i,
                range: resolve_pointer(text, p)?,
            })
        })
        .collect();
    assert_eq!(hits.len(), 1);
    let extra = text.find("\"extra\"").unwrap_or(0);
    let more = text.find("\"more\"").unwrap_or(0);
    let out = apply(
        &c,
        &ctx("pipeline/Load.json", &[], &hits),
        vec![
            finding("unknown-property", extra, extra + 7),
            finding("unknown-property", more, more + 6),
        ],
    );
    assert_eq!(out.len(), 1);
    assert_eq!(out[0].range.start, more);
    assert_eq!(c.pointer_ignores("pipeline/Other.json").count(), 0);
}

#[test]
fn pointers_resolve_members_elements_and_escapes() {
    let text = r#"{"a/b": {"m~n": [10, 20]}, "c": 1}"#;
    let r = resolve_pointer(text, "/a~1b/m~0n/1").expect("element");
    assert_eq!(&text[r.start..r.end], "20");
    let r = resolve_pointer(text, "/c").expect("member");
    assert_eq!(&text[r.start..r.end], "\"c\": 1");
    assert_eq!(resolve_pointer(text, "").map(|r| r.end), Some(text.len()));
    assert!(resolve_pointer(text, "/a~1b/m~0n/01").is_none());
    assert!(resolve_pointer(text, "/missing").is_none());
    assert!(resolve_pointer(text, "/c/0").is_none());
}

#[test]
fn nearest_ancestor_wins() {
    let top = Config::parse("[rules]\nunused-entity = \"off\"\n").expect("parse");
    let inner = Config::parse("[rules]\nunused-entity = \"error\"\n").expect("parse");
    let set = ConfigSet::new([
        ("/repo".to_string(), top),
        ("/repo/factories/b/".to_string(), inner),
    ]);
    let (c, rel) = set
        .for_path("/repo/factories/b/dataset/X.json")
        .expect("inner");
    assert_eq!(rel, "dataset/X.json");
    assert_eq!(c.severity(rule("unused-entity")), Some(Severity::Error));
    let (c, rel) = set
        .for_path("/repo/factories/a/dataset/X.json")
        .expect("top");
    assert_eq!(rel, "factories/a/dataset/X.json");
    assert_eq!(c.severity(rule("unused-entity")), None);
    assert!(set.for_path("/elsewhere/X.json").is_none());
    assert!(
        set.for_path("/repository/X.json").is_none(),
        "a prefix is not a folder"
    );
}

#[test]
fn a_single_configuration_applies_everywhere() {
    let set = ConfigSet::single("/cfg", Config::default());
    assert_eq!(
        set.for_path("/cfg/a/b.json").map(|(_, r)| r).as_deref(),
        Some("a/b.json")
    );
    assert_eq!(
        set.for_path("/x/b.json").map(|(_, r)| r).as_deref(),
        Some("/x/b.json")
    );
}

#[test]
fn entity_of_a_finding() {
    let entities = [
        ("Outer".to_string(), TextRange::new(0, 100)),
        ("Inner".to_string(), TextRange::new(10, 20)),
    ];
    assert_eq!(entity_at(&entities, TextRange::new(12, 14)), Some("Inner"));
    assert_eq!(entity_at(&entities, TextRange::new(30, 34)), Some("Outer"));
    assert_eq!(entity_at(&entities, TextRange::new(300, 304)), None);
    let one = [("Only".to_string(), TextRange::new(5, 10))];
    assert_eq!(entity_at(&one, TextRange::new(0, 0)), Some("Only"));
}

#[test]
fn factory_folders_join_below_the_configuration() {
    let c =
        Config::parse("[[factory]]\nfolders = [\"workspace\", \"./templates/\"]\n").expect("parse");
    assert_eq!(c.factories, vec![vec!["workspace", "templates"]]);
    let set = ConfigSet::new([("/repo/syn".to_string(), c)]);
    assert_eq!(
        set.factory_joins(),
        vec![vec!["/repo/syn/workspace", "/repo/syn/templates"]]
    );
    let e = Config::parse("[[factory]]\nfolders = [\"workspace\"]\n").expect_err("one folder");
    assert_eq!((e.line, e.column), (1, 1));
    let e = Config::parse("[[factory]]\nfolders = [\"a\", \"../b\"]\n").expect_err("outside");
    assert_eq!((e.line, e.column), (2, 17));
    let e = Config::parse("[[factory]]\nfolder = [\"a\", \"b\"]\n").expect_err("unknown key");
    assert_eq!(e.line, 2);
}
