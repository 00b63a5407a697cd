//! Declarative rule sets: parsing, validation, compilation and serialisation.
//!
//! The file format is documented in `rules/README.md` at the repository root.

mod spec;
mod write;

pub(crate) use write::string as toml_string;

use std::collections::HashMap;
use std::path::Path;
use std::sync::Arc;

use regex::{Regex, RegexBuilder, RegexSet, RegexSetBuilder};
use toml::Spanned;

use crate::error::{Error, ErrorKind};
use crate::page::BlockKind;
use spec::{RuleSpec, SetSpec};

/// Most rules one set may hold.
///
/// ```
/// assert_eq!(dechrome::MAX_RULES, 1_000);
/// ```
pub const MAX_RULES: usize = 1_000;
/// Longest regex or selector source accepted, in bytes.
///
/// ```
/// assert_eq!(dechrome::MAX_PATTERN_LEN, 4_096);
/// ```
pub const MAX_PATTERN_LEN: usize = 4_096;
/// Compiled size limit of one regex, in bytes: a pattern that would compile larger is refused.
///
/// ```
/// assert_eq!(dechrome::REGEX_SIZE_LIMIT, 1 << 20);
/// ```
pub const REGEX_SIZE_LIMIT: usize = 1 << 20;
/// Largest rule file read, in bytes.
///
/// ```
/// assert_eq!(dechrome::MAX_RULE_FILE_LEN, 4 << 20);
/// ```
pub const MAX_RULE_FILE_LEN: usize = 4 << 20;

/// What a rule does to the block it matches.
///
/// ```
/// use dechrome::Action;
/// assert_eq!(Action::parse("drop-rest"), Some(Action::DropRest));
/// assert_eq!(Action::DropRest.as_str(), "drop-rest");
/// ```
#[non_exhaustive]
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Action {
    /// Remove the block.
    Drop,
    /// Remove the block from the body and keep it as metadata (its named captures, or its
    /// whole text under the rule id when the regex has none).
    Meta,
    /// Remove this block and every block after it.
    DropRest,
    /// Remove this block and every block before it.
    DropBefore,
    /// Remove this block and the blocks after it, up to (not including) the first block that
    /// matches `until`. When nothing matches `until`, only this block is removed.
    DropUntil,
    /// The block is the article's title.
    Title,
    /// The block is (part of) the article's summary or standfirst.
    Summary,
    /// The block is body text: later rules and heuristics leave it alone.
    Keep,
}

impl Action {
    const ALL: [Action; 8] = [
        Action::Drop,
        Action::Meta,
        Action::DropRest,
        Action::DropBefore,
        Action::DropUntil,
        Action::Title,
        Action::Summary,
        Action::Keep,
    ];

    /// Parse an action name as written in rule files.
    ///
    /// ```
    /// # use dechrome::Action;
    /// assert_eq!(Action::parse("keep"), Some(Action::Keep));
    /// assert_eq!(Action::parse("delete"), None);
    /// ```
    pub fn parse(s: &str) -> Option<Action> {
        Action::ALL.into_iter().find(|a| a.as_str() == s)
    }

    /// The name used in rule files.
    ///
    /// ```
    /// # use dechrome::Action;
    /// assert_eq!(Action::DropUntil.as_str(), "drop-until");
    /// ```
    pub fn as_str(self) -> &'static str {
        match self {
            Action::Drop => "drop",
            Action::Meta => "meta",
            Action::DropRest => "drop-rest",
            Action::DropBefore => "drop-before",
            Action::DropUntil => "drop-until",
            Action::Title => "title",
            Action::Summary => "summary",
            Action::Keep => "keep",
        }
    }

    pub(crate) fn is_range(self) -> bool {
        matches!(
            self,
            Action::DropRest | Action::DropBefore | Action::DropUntil
        )
    }
}

/// A regex with the source it was written as.
#[derive(Clone, Debug)]
pub(crate) struct Pattern {
    pub(crate) regex: Regex,
    /// Whole-line literal this pattern is equivalent to (`^TRENDING$` → `TRENDING`), when it is.
    pub(crate) literal: Option<String>,
    pub(crate) has_names: bool,
}

impl Pattern {
    pub(crate) fn source(&self) -> &str {
        self.regex.as_str()
    }
}

impl Rule {
    /// Whether the rule's pattern is tried block by block inside its window (after its `after`
    /// anchor, before its `before` anchor) once the anchors have fired, instead of on every
    /// block in the set's one pass: a non-literal pattern with an anchor. Such rules often
    /// match most lines (`^[^.!?]+$` for a list under a label) and apply to a few.
    pub(crate) fn windowed(&self) -> bool {
        self.text.as_ref().is_some_and(|p| p.literal.is_none())
            && (self.after.is_some() || self.before.is_some())
    }
}

/// A CSS selector with the source it was written as.
#[derive(Clone, Debug)]
pub(crate) struct CssSelector {
    pub(crate) source: String,
    pub(crate) compiled: scraper::Selector,
    /// The same selector on the fast path, when it is a plain list of compound selectors.
    pub(crate) simple: Option<crate::segment::simple_css::SimpleSelector>,
}

/// One compiled rule.
#[derive(Clone, Debug)]
pub(crate) struct Rule {
    pub(crate) id: String,
    /// `set/id`, as it appears in the ledger.
    pub(crate) qualified: Arc<str>,
    pub(crate) text: Option<Pattern>,
    pub(crate) selector: Option<CssSelector>,
    pub(crate) kind: Option<BlockKind>,
    pub(crate) action: Action,
    pub(crate) until: Option<Pattern>,
    pub(crate) after: Option<usize>,
    pub(crate) before: Option<usize>,
    pub(crate) same_as: Option<usize>,
    pub(crate) contiguous: bool,
    pub(crate) max: Option<u32>,
    pub(crate) max_words: Option<u32>,
    pub(crate) list: bool,
    /// A comment written above the rule when the set is serialised (learned sets use it).
    pub(crate) comment: Option<String>,
}

/// A compiled, validated rule set: a site's chrome, named.
///
/// Build one from TOML with [`RuleSet::from_toml`] or [`RuleSet::from_path`]; every problem is
/// reported with its line and column. A compiled set is immutable and `Send + Sync`.
///
/// ```
/// use dechrome::RuleSet;
/// let set = RuleSet::from_toml(r#"
/// name = "example"
/// hosts = ["example.com"]
///
/// [[rule]]
/// id = "footer"
/// text = '^All rights reserved\.?$'
/// action = "drop"
/// "#).unwrap();
/// assert_eq!(set.name(), "example");
/// assert_eq!(set.rule_ids().collect::<Vec<_>>(), ["footer"]);
/// ```
#[derive(Clone, Debug)]
pub struct RuleSet {
    pub(crate) name: String,
    pub(crate) description: Option<String>,
    pub(crate) hosts: Vec<String>,
    pub(crate) detect: Vec<Pattern>,
    /// The `detect` patterns as one set: a block matching none (most blocks) costs one
    /// search instead of one per pattern.
    pub(crate) detect_set: Option<RegexSet>,
    pub(crate) detect_min: usize,
    pub(crate) detect_min_written: Option<usize>,
    pub(crate) rules: Vec<Rule>,
    /// One regex set over every non-literal `text` pattern but those of windowed rules (see
    /// [`Rule::windowed`]); `set_map[i]` is its rule index.
    pub(crate) text_set: Option<RegexSet>,
    pub(crate) set_map: Vec<usize>,
    /// Whole-line literal → rule indices, for `^literal$` patterns.
    pub(crate) literals: rustc_hash::FxHashMap<String, Vec<usize>>,
    /// Rules whose candidates are every block (no `text`).
    pub(crate) scan_all: Vec<usize>,
    /// A comment written at the top when serialised.
    pub(crate) comment: Option<String>,
}

impl RuleSet {
    /// Parse and compile a rule set from TOML text. Errors carry line and column.
    ///
    /// ```
    /// use dechrome::RuleSet;
    /// let err = RuleSet::from_toml("name = 'x'\n[[rule]]\nid = 'a'\naction = 'explode'\n")
    ///     .unwrap_err();
    /// assert_eq!(err.to_string(), "<rules>:4:10: unknown action \"explode\" (expected one of: drop, meta, drop-rest, drop-before, drop-until, title, summary, keep)");
    /// ```
    pub fn from_toml(source: &str) -> Result<RuleSet, Error> {
        compile(source)
    }

    /// Read, parse and compile a rule set file. Errors name the file, line and column.
    ///
    /// ```
    /// use dechrome::RuleSet;
    /// let set = RuleSet::from_path(concat!(env!("CARGO_MANIFEST_DIR"), "/rules/generic.toml"))
    ///     .unwrap();
    /// assert_eq!(set.name(), "generic");
    /// ```
    pub fn from_path(path: impl AsRef<Path>) -> Result<RuleSet, Error> {
        let path = path.as_ref();
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, &e))?;
        if bytes.len() > MAX_RULE_FILE_LEN {
            return Err(Error::new(
                ErrorKind::RuleInvalid,
                format!("rule file is larger than {MAX_RULE_FILE_LEN} bytes"),
            )
            .with_path(path));
        }
        let text = String::from_utf8(bytes).map_err(|e| {
            let (valid, _) = e.as_bytes().split_at(e.utf8_error().valid_up_to());
            let valid = String::from_utf8_lossy(valid).into_owned();
            Error::new(ErrorKind::RuleSyntax, "rule file is not valid UTF-8")
                .at(&valid, valid.len())
                .with_path(path)
        })?;
        compile(&text).map_err(|e| e.with_path(path))
    }

    /// The set's name (`name = "…"`), which prefixes its rule ids in the ledger.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// assert_eq!(RuleSet::from_toml("name = 'site'").unwrap().name(), "site");
    /// ```
    pub fn name(&self) -> &str {
        &self.name
    }

    /// The set's description, when it has one.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let set = RuleSet::from_toml("name = 'x'\ndescription = 'demo'").unwrap();
    /// assert_eq!(set.description(), Some("demo"));
    /// ```
    pub fn description(&self) -> Option<&str> {
        self.description.as_deref()
    }

    /// The hosts the set applies to (each with its subdomains).
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let set = RuleSet::from_toml("name = 'x'\nhosts = ['example.com']").unwrap();
    /// assert!(set.matches_host("news.example.com"));
    /// assert!(!set.matches_host("badexample.com"));
    /// ```
    pub fn hosts(&self) -> &[String] {
        &self.hosts
    }

    /// Whether the set names `host` or one of its parent domains.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let set = RuleSet::from_toml("name = 'x'\nhosts = ['example.com']").unwrap();
    /// assert!(set.matches_host("WWW.EXAMPLE.COM"));
    /// ```
    pub fn matches_host(&self, host: &str) -> bool {
        let host = host.trim_end_matches('.').to_ascii_lowercase();
        self.hosts.iter().any(|h| {
            host == *h
                || (host.len() > h.len()
                    && host.ends_with(h.as_str())
                    && host.as_bytes()[host.len() - h.len() - 1] == b'.')
        })
    }

    /// True for a set that applies to every page: one with neither `hosts` nor `detect`
    /// (like the bundled `generic` set). Such sets run after the site set.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// assert!(RuleSet::from_toml("name = 'x'").unwrap().applies_everywhere());
    /// assert!(!RuleSet::from_toml("name = 'x'\nhosts = ['a.b']").unwrap().applies_everywhere());
    /// ```
    pub fn applies_everywhere(&self) -> bool {
        self.hosts.is_empty() && self.detect.is_empty()
    }

    /// The rule ids, in order.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let set = RuleSet::from_toml("name = 'x'\n[[rule]]\nid = 'a'\ntext = 'A'\naction = 'drop'").unwrap();
    /// assert_eq!(set.rule_ids().collect::<Vec<_>>(), ["a"]);
    /// ```
    pub fn rule_ids(&self) -> impl Iterator<Item = &str> {
        self.rules.iter().map(|r| r.id.as_str())
    }

    /// Number of rules.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// assert_eq!(RuleSet::from_toml("name = 'x'").unwrap().len(), 0);
    /// ```
    pub fn len(&self) -> usize {
        self.rules.len()
    }

    /// Whether the set has no rules.
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// assert!(RuleSet::from_toml("name = 'x'").unwrap().is_empty());
    /// ```
    pub fn is_empty(&self) -> bool {
        self.rules.is_empty()
    }

    /// How many `detect` patterns match some block of `page` (each counts once), and how many
    /// are needed for the set to apply.
    ///
    /// ```
    /// # use dechrome::{Page, RuleSet};
    /// let set = RuleSet::from_toml("name = 'x'\ndetect = { patterns = ['^A$', '^B$'], min = 2 }")
    ///     .unwrap();
    /// assert_eq!(set.detect_score(&Page::from_text("A\nC")), (1, 2));
    /// ```
    pub fn detect_score(&self, page: &crate::Page) -> (usize, usize) {
        let mut hit = vec![false; self.detect.len()];
        let mut count = 0;
        'blocks: for b in page.blocks() {
            if self
                .detect_set
                .as_ref()
                .is_some_and(|s| !s.is_match(b.text()))
            {
                continue;
            }
            for (i, p) in self.detect.iter().enumerate() {
                if !hit[i] && p.regex.is_match(b.text()) {
                    hit[i] = true;
                    count += 1;
                    if count == hit.len() {
                        break 'blocks;
                    }
                }
            }
        }
        (count, self.detect_min)
    }

    /// Serialise back to TOML, in the format `from_toml` reads (round trip).
    ///
    /// ```
    /// # use dechrome::RuleSet;
    /// let set = RuleSet::from_toml("name = 'x'\n[[rule]]\nid = 'a'\ntext = '^A\\d$'\naction = 'drop'\n").unwrap();
    /// let again = RuleSet::from_toml(&set.to_toml()).unwrap();
    /// assert_eq!(again.to_toml(), set.to_toml());
    /// ```
    pub fn to_toml(&self) -> String {
        write::to_toml(self)
    }

    /// Set the comment written at the top of the serialised file.
    #[allow(dead_code)] // used by the rule learner
    pub(crate) fn set_comment(&mut self, comment: impl Into<String>) {
        self.comment = Some(comment.into());
    }
}

fn compile(source: &str) -> Result<RuleSet, Error> {
    let spec: SetSpec = toml::from_str(source).map_err(|e| {
        let msg = toml_message(&e);
        let err = Error::new(ErrorKind::RuleSyntax, msg);
        match e.span() {
            Some(span) => err.at(source, span.start),
            None => err,
        }
    })?;
    Compiler { source }.set(spec)
}

fn toml_message(e: &toml::de::Error) -> String {
    let msg = e.message().trim();
    let first = msg.lines().next().unwrap_or("invalid TOML");
    crate::error::lowercase_first(first)
}

struct Compiler<'a> {
    source: &'a str,
}

impl Compiler<'_> {
    fn err<T>(&self, at: &Spanned<T>, msg: impl Into<String>) -> Error {
        Error::new(ErrorKind::RuleInvalid, msg).at(self.source, at.span().start)
    }

    fn regex(&self, s: &Spanned<String>) -> Result<Pattern, Error> {
        let src = s.get_ref();
        if src.len() > MAX_PATTERN_LEN {
            return Err(self.err(s, format!("regex is longer than {MAX_PATTERN_LEN} bytes")));
        }
        let regex = RegexBuilder::new(src)
            .size_limit(REGEX_SIZE_LIMIT)
            .dfa_size_limit(REGEX_SIZE_LIMIT)
            .build()
            .map_err(|e| self.err(s, regex_message(&e)))?;
        let has_names = regex.capture_names().flatten().next().is_some();
        Ok(Pattern {
            literal: whole_line_literal(src),
            regex,
            has_names,
        })
    }

    fn set(&self, spec: SetSpec) -> Result<RuleSet, Error> {
        let name = spec.name.get_ref().trim();
        if name.is_empty()
            || !name
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(self.err(
                &spec.name,
                "set name must be non-empty ASCII letters, digits, '-', '_' or '.'",
            ));
        }
        if spec.rules.len() > MAX_RULES {
            return Err(self.err(
                &spec.rules[MAX_RULES].id,
                format!("a rule set may hold at most {MAX_RULES} rules"),
            ));
        }
        let mut hosts = Vec::new();
        for h in &spec.hosts {
            let host = h
                .get_ref()
                .trim()
                .trim_end_matches('.')
                .to_ascii_lowercase();
            if host.is_empty() || host.contains(['/', ':', ' ', '*']) {
                return Err(self.err(
                    h,
                    format!(
                        "host \"{}\" must be a bare host name like \"example.com\"",
                        h.get_ref()
                    ),
                ));
            }
            hosts.push(host);
        }
        let (detect, detect_min, detect_min_written) = match &spec.detect {
            None => (Vec::new(), 0, None),
            Some(d) => {
                let mut pats = Vec::new();
                for p in &d.get_ref().patterns {
                    pats.push(self.regex(p)?);
                }
                if pats.is_empty() {
                    return Err(self.err(d, "detect needs at least one pattern"));
                }
                let written = match &d.get_ref().min {
                    None => None,
                    Some(m) => {
                        let v = *m.get_ref();
                        if v < 1 || v as usize > pats.len() {
                            return Err(self.err(
                                m,
                                format!(
                                    "detect.min must be between 1 and the number of patterns ({})",
                                    pats.len()
                                ),
                            ));
                        }
                        Some(v as usize)
                    }
                };
                let min = written.unwrap_or(pats.len().min(2));
                (pats, min, written)
            }
        };

        let mut ids: HashMap<String, usize> = HashMap::new();
        let mut rules = Vec::with_capacity(spec.rules.len());
        for (index, r) in spec.rules.iter().enumerate() {
            let rule = self.rule(name, r, &ids)?;
            if ids.insert(rule.id.clone(), index).is_some() {
                return Err(self.err(&r.id, format!("duplicate rule id \"{}\"", rule.id)));
            }
            rules.push(rule);
        }

        let mut set_sources = Vec::new();
        let mut set_map = Vec::new();
        // Looked up once per block: FxHash, not SipHash (the keys come from rule files).
        let mut literals: rustc_hash::FxHashMap<String, Vec<usize>> = Default::default();
        let mut scan_all = Vec::new();
        for (i, r) in rules.iter().enumerate() {
            match &r.text {
                Some(p) => match &p.literal {
                    Some(lit) => literals.entry(lit.clone()).or_default().push(i),
                    None if r.windowed() => {}
                    None => {
                        set_sources.push(p.source().to_string());
                        set_map.push(i);
                    }
                },
                None => scan_all.push(i),
            }
        }
        let text_set = if set_sources.is_empty() {
            None
        } else {
            let set = RegexSetBuilder::new(&set_sources)
                .size_limit(REGEX_SIZE_LIMIT * 8)
                .dfa_size_limit(REGEX_SIZE_LIMIT * 8)
                .build()
                .map_err(|e| {
                    self.err(
                        &spec.name,
                        format!(
                            "the set's regexes together are too large: {}",
                            regex_message(&e)
                        ),
                    )
                })?;
            Some(set)
        };
        // Built like the text set; a set too large to build leaves the per-pattern searches.
        let detect_set = if detect.len() > 1 {
            RegexSetBuilder::new(detect.iter().map(Pattern::source))
                .size_limit(REGEX_SIZE_LIMIT * 8)
                .dfa_size_limit(REGEX_SIZE_LIMIT * 8)
                .build()
                .ok()
        } else {
            None
        };
        Ok(RuleSet {
            name: name.to_string(),
            description: spec.description.clone(),
            hosts,
            detect,
            detect_set,
            detect_min,
            detect_min_written,
            rules,
            text_set,
            set_map,
            literals,
            scan_all,
            comment: None,
        })
    }

    fn rule(&self, set: &str, r: &RuleSpec, ids: &HashMap<String, usize>) -> Result<Rule, Error> {
        let id = r.id.get_ref().trim();
        if id.is_empty()
            || !id
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        {
            return Err(self.err(
                &r.id,
                "rule id must be non-empty ASCII letters, digits, '-', '_' or '.'",
            ));
        }
        let action = Action::parse(r.action.get_ref()).ok_or_else(|| {
            let all: Vec<_> = Action::ALL.iter().map(|a| a.as_str()).collect();
            self.err(
                &r.action,
                format!(
                    "unknown action \"{}\" (expected one of: {})",
                    r.action.get_ref(),
                    all.join(", ")
                ),
            )
        })?;
        let text = r.text.as_ref().map(|t| self.regex(t)).transpose()?;
        let selector = match &r.selector {
            None => None,
            Some(s) => Some(self.selector(s)?),
        };
        let kind = match &r.kind {
            None => None,
            Some(k) => Some(BlockKind::parse(k.get_ref()).ok_or_else(|| {
                self.err(
                    k,
                    format!(
                        "unknown block kind \"{}\" (expected one of: heading, paragraph, list-item, table-cell, preformatted, line)",
                        k.get_ref()
                    ),
                )
            })?),
        };
        let until = r.until.as_ref().map(|t| self.regex(t)).transpose()?;
        match (action, &until) {
            (Action::DropUntil, None) => {
                return Err(self.err(&r.action, "action \"drop-until\" needs an `until` regex"));
            }
            (a, Some(_)) if a != Action::DropUntil => {
                return Err(self.err(
                    r.until.as_ref().unwrap(),
                    "`until` only goes with action \"drop-until\"",
                ));
            }
            _ => {}
        }
        let anchor = |a: &Option<Spanned<String>>, key: &str| -> Result<Option<usize>, Error> {
            match a {
                None => Ok(None),
                Some(name) => ids
                    .get(name.get_ref().as_str())
                    .copied()
                    .map(Some)
                    .ok_or_else(|| {
                        self.err(
                            name,
                            format!(
                            "`{key}` names rule \"{}\", which is not an earlier rule of this set",
                            name.get_ref()
                        ),
                        )
                    }),
            }
        };
        let after = anchor(&r.after, "after")?;
        let before = anchor(&r.before, "before")?;
        let same_as = anchor(&r.same_as, "same_as")?;
        if r.contiguous && after.is_none() {
            return Err(self.err(&r.id, "`contiguous = true` needs `after`"));
        }
        let positive = |v: &Option<Spanned<i64>>, key: &str| -> Result<Option<u32>, Error> {
            match v {
                None => Ok(None),
                Some(x) if *x.get_ref() >= 1 && *x.get_ref() <= u32::MAX as i64 => {
                    Ok(Some(*x.get_ref() as u32))
                }
                Some(x) => Err(self.err(x, format!("`{key}` must be a positive whole number"))),
            }
        };
        let max = positive(&r.max, "max")?;
        let max_words = positive(&r.max_words, "max_words")?;
        if text.is_none()
            && selector.is_none()
            && kind.is_none()
            && same_as.is_none()
            && after.is_none()
            && before.is_none()
        {
            return Err(self.err(
                &r.id,
                "rule matches every block: give it `text`, `selector`, `kind`, `same_as`, `after` or `before`",
            ));
        }
        Ok(Rule {
            id: id.to_string(),
            qualified: Arc::from(format!("{set}/{id}")),
            text,
            selector,
            kind,
            action,
            until,
            after,
            before,
            same_as,
            contiguous: r.contiguous,
            max,
            max_words,
            list: r.list,
            comment: None,
        })
    }

    fn selector(&self, s: &Spanned<String>) -> Result<CssSelector, Error> {
        let src = s.get_ref();
        if src.len() > MAX_PATTERN_LEN {
            return Err(self.err(
                s,
                format!("selector is longer than {MAX_PATTERN_LEN} bytes"),
            ));
        }
        if src.trim().is_empty() {
            return Err(self.err(s, "empty CSS selector"));
        }
        let compiled = scraper::Selector::parse(src).map_err(|e| {
            self.err(
                s,
                format!("invalid CSS selector \"{src}\": {}", selector_message(&e)),
            )
        })?;
        Ok(CssSelector {
            source: src.clone(),
            simple: crate::segment::simple_css::SimpleSelector::parse(src),
            compiled,
        })
    }
}

fn selector_message(e: &scraper::error::SelectorErrorKind) -> String {
    use scraper::error::SelectorErrorKind as K;
    match e {
        K::UnexpectedToken => "unexpected token".to_string(),
        K::EndOfLine => "it ends too early".to_string(),
        K::InvalidAtRule => "at-rules are not allowed here".to_string(),
        K::InvalidAtRuleBody => "invalid at-rule body".to_string(),
        K::QualRuleInvalid => "invalid qualified rule".to_string(),
        K::TooManyNestedBlocks => "too deeply nested".to_string(),
        K::ExpectedColonOnPseudoElement => "expected '::' before a pseudo-element".to_string(),
        K::ExpectedIdentityOnPseudoElement => "expected a pseudo-element name".to_string(),
        K::UnexpectedSelectorParseError(k) => words(&format!("{k:?}")),
    }
}

/// `DanglingCombinator` → `dangling combinator`; a variant's payload, if any, is dropped.
fn words(debug: &str) -> String {
    let name = debug.split(['(', ' ', '{']).next().unwrap_or(debug);
    let mut out = String::new();
    for (i, c) in name.chars().enumerate() {
        if c.is_uppercase() && i > 0 {
            out.push(' ');
        }
        out.extend(c.to_lowercase());
    }
    out
}

fn regex_message(e: &regex::Error) -> String {
    match e {
        regex::Error::CompiledTooBig(limit) => {
            format!("regex is too large: it would compile to more than {limit} bytes")
        }
        regex::Error::Syntax(s) => {
            // The regex crate's message is multi-line with a caret diagram; keep its last line,
            // which names the problem.
            let last = s
                .lines()
                .rev()
                .find(|l| l.starts_with("error:"))
                .unwrap_or(s);
            format!("invalid regex: {}", last.trim_start_matches("error: "))
        }
        other => format!("invalid regex: {other}"),
    }
}

/// `^literal$` → `literal` when the middle has no regex syntax but escaped punctuation.
fn whole_line_literal(src: &str) -> Option<String> {
    let mid = src.strip_prefix('^')?.strip_suffix('$')?;
    if mid.ends_with('\\') && !mid.ends_with("\\\\") {
        return None;
    }
    let mut out = String::with_capacity(mid.len());
    let mut chars = mid.chars();
    while let Some(c) = chars.next() {
        match c {
            '\\' => match chars.next() {
                Some(e) if e.is_ascii_punctuation() => out.push(e),
                _ => return None,
            },
            '.' | '+' | '*' | '?' | '(' | ')' | '|' | '[' | ']' | '{' | '}' | '^' | '$' => {
                return None;
            }
            c => out.push(c),
        }
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn literal_detection() {
        assert_eq!(
            whole_line_literal("^TRENDING$").as_deref(),
            Some("TRENDING")
        );
        assert_eq!(
            whole_line_literal(r"^OPINION / BLOG \| X\.$").as_deref(),
            Some("OPINION / BLOG | X.")
        );
        assert_eq!(whole_line_literal("^a.b$"), None);
        assert_eq!(whole_line_literal("TRENDING"), None);
        assert_eq!(whole_line_literal(r"^\d$"), None);
        assert_eq!(whole_line_literal("^(?i)x$"), None);
    }

    #[test]
    fn host_matching() {
        let s = RuleSet::from_toml("name='x'\nhosts=['Example.COM']").unwrap();
        assert!(s.matches_host("example.com"));
        assert!(s.matches_host("WWW.example.com."));
        assert!(!s.matches_host("notexample.com"));
        assert!(!s.matches_host("example.com.evil.net"));
    }
}
