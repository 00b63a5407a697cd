//! Shared test cases for the fuzz targets. The same checks replay the saved crash inputs in
//! the main crate's `tests/fuzz_regressions.rs`.

#[path = "checks.rs"]
mod checks;

pub use checks::{clean_html, clean_text, clean_with_rules, rule_set, text_idempotent, MAX_INPUT};
