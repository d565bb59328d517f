//! `cargo xtask docs`: write docs/rules/<name>.md from each rule's documentation.

pub fn run(_args: &[String]) -> Result<(), String> {
    Err("not yet written".into())
}
