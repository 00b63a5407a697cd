//! The TOML form of a rule set, as serde reads it (with spans for error positions).

use serde::Deserialize;
use toml::Spanned;

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct SetSpec {
    pub(crate) name: Spanned<String>,
    #[serde(default)]
    pub(crate) description: Option<String>,
    #[serde(default)]
    pub(crate) hosts: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) detect: Option<Spanned<DetectSpec>>,
    #[serde(default, rename = "rule")]
    pub(crate) rules: Vec<RuleSpec>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct DetectSpec {
    pub(crate) patterns: Vec<Spanned<String>>,
    #[serde(default)]
    pub(crate) min: Option<Spanned<i64>>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub(crate) struct RuleSpec {
    pub(crate) id: Spanned<String>,
    #[serde(default)]
    pub(crate) text: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) selector: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) kind: Option<Spanned<String>>,
    pub(crate) action: Spanned<String>,
    #[serde(default)]
    pub(crate) until: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) after: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) before: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) same_as: Option<Spanned<String>>,
    #[serde(default)]
    pub(crate) contiguous: bool,
    #[serde(default)]
    pub(crate) max: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) max_words: Option<Spanned<i64>>,
    #[serde(default)]
    pub(crate) list: bool,
}
