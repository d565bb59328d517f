//! `adf explain <rule>`: a rule's documentation page, embedded at build time.

mod pages {
    include!(concat!(env!("OUT_DIR"), "/rule_pages.rs"));
}

/// The page of a rule given by name or code.
pub fn page(name_or_code: &str) -> Result<&'static str, String> {
    let rule = adf_core::rules::find(name_or_code).ok_or_else(|| {
        let near =
            adf_core::suggest::nearest(name_or_code, adf_core::RULES.iter().map(|r| r.name), 3);
        format!(
            "no rule `{name_or_code}`{} (`adf rules` lists them)",
            adf_core::suggest::did_you_mean(&near)
        )
    })?;
    pages::PAGES
        .iter()
        .find(|(n, _)| *n == rule.name)
        .map(|(_, text)| *text)
        .ok_or_else(|| {
            format!(
                "the page of `{}` is missing: run `cargo xtask docs`",
                rule.name
            )
        })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn pages_are_found_by_name_and_code() {
        let page_of = page("unused-entity").unwrap_or_default();
        assert!(
            page_of.starts_with("# unused-entity (ADF0212)"),
            "{page_of}"
        );
        assert_eq!(page("adf0212"), Ok(page_of));
        assert!(page("unused-entty").is_err_and(|e| e.contains("did you mean `unused-entity`")));
    }

    #[test]
    fn every_embedded_page_is_a_rule() {
        // Whether every rule has a page at all is the freshness test of `cargo xtask docs`.
        for (name, text) in pages::PAGES {
            let rule = adf_core::rules::find(name);
            assert!(rule.is_some(), "docs/rules/{name}.md names no rule");
            assert!(text.contains(name));
        }
        for r in adf_core::RULES {
            if let Err(e) = page(r.name) {
                assert!(e.contains("cargo xtask docs"), "{e}");
            }
        }
    }
}
