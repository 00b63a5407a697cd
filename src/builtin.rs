//! Rule sets bundled into the binary from `rules/` at the repository root.

use std::sync::{Arc, OnceLock};

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

/// Each bundled set, compiled on first use: apart, so that threads can compile them side by
/// side at start-up (see [`crate::heuristics::Warmup`]).
static SETS: [OnceLock<Arc<RuleSet>>; SOURCES.len()] = [const { OnceLock::new() }; SOURCES.len()];

/// The bundled set `i` of [`SOURCES`], compiled.
pub(crate) fn set(i: usize) -> &'static Arc<RuleSet> {
    SETS[i].get_or_init(|| {
        let (file, src) = SOURCES[i];
        Arc::new(RuleSet::from_toml(src).unwrap_or_else(|e| {
            // A test (`builtin_rule_sets_compile`) keeps this unreachable.
            panic!("bundled rule set rules/{file} is invalid: {e}")
        }))
    })
}

/// Whether bundled set `i` is compiled yet.
#[cfg(test)]
pub(crate) fn is_compiled(i: usize) -> bool {
    SETS[i].get().is_some()
}

/// Every bundled set, compiled, in [`SOURCES`] order.
pub(crate) fn all() -> impl Iterator<Item = &'static Arc<RuleSet>> {
    (0..SOURCES.len()).map(set)
}

/// The TOML source of a bundled rule set, by set name.
///
/// ```
/// assert!(dechrome::builtin_rule_source("generic").unwrap().contains("name = \"generic\""));
/// assert!(dechrome::builtin_rule_source("nope").is_none());
/// ```
pub fn builtin_rule_source(name: &str) -> Option<&'static str> {
    all()
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
