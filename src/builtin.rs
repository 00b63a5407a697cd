//! Rule sets bundled into the binary from `rules/` at the repository root.

use std::sync::{Arc, LazyLock};

use crate::rules::RuleSet;

/// (file name, contents) of every bundled rule set. Site sets first; sets that apply
/// everywhere run after the site set whatever their position here.
pub(crate) const SOURCES: &[(&str, &str)] = &[
    (
        "devdiscourse.toml",
        include_str!("../rules/devdiscourse.toml"),
    ),
    ("generic.toml", include_str!("../rules/generic.toml")),
];

pub(crate) static BUILTIN: LazyLock<Vec<Arc<RuleSet>>> = LazyLock::new(|| {
    SOURCES
        .iter()
        .map(|(file, src)| {
            Arc::new(RuleSet::from_toml(src).unwrap_or_else(|e| {
                // A test (`builtin_rule_sets_compile`) keeps this unreachable.
                panic!("bundled rule set rules/{file} is invalid: {e}")
            }))
        })
        .collect()
});

/// The TOML source of a bundled rule set, by set name.
///
/// ```
/// assert!(dechrome::builtin_rule_source("generic").unwrap().contains("name = \"generic\""));
/// assert!(dechrome::builtin_rule_source("nope").is_none());
/// ```
pub fn builtin_rule_source(name: &str) -> Option<&'static str> {
    BUILTIN
        .iter()
        .zip(SOURCES)
        .find(|(set, _)| set.name() == name)
        .map(|(_, (_, src))| *src)
}

#[cfg(test)]
mod tests {
    #[test]
    fn builtin_rule_sets_compile() {
        for (file, src) in super::SOURCES {
            if let Err(e) = crate::RuleSet::from_toml(src) {
                panic!("rules/{file}: {e}");
            }
        }
    }
}
