//! Learning a site's rule set from several of its pages.
//!
//! What the pages of one site share and their articles do not is chrome. The learner reads the
//! pages a few times (it never holds more than one page at once, so memory grows with the
//! number of distinct lines, not with the total text):
//!
//! 1. **Count** on how many pages each distinct line occurs, and each line *shape* (the line
//!    with digits, dates and free-text fields generalised, see [`shape`]). A line or shape is
//!    *common* when it occurs on at least [`LearnOptions::needed`] pages: by default 60 % of
//!    them and never fewer than 2. Everything else is *varying*: article text.
//! 2. **Place** every common line relative to the page's article body, found as the run of
//!    varying blocks with the most words (common lines inside it cost more than they add).
//!    A common line always after the body that opens the tail of some page, or is followed by
//!    varying content (a TRENDING header, a Related rail), becomes `drop-rest`; the last common
//!    line before the title (varying head lines, a news ticker, may come before it) becomes
//!    `drop-before`; a common line preceded by
//!    one to four varying lines (a byline) anchors `title`, `summary` and a `caption` that
//!    repeats the title; a common `Label:` line followed by short list items gets a `meta`
//!    list rule; shapes with captures become `meta`; other common lines `drop`.
//!    For HTML pages, stable `#id`, `.class` and landmark selectors whose blocks are never in
//!    the body and hold repeating text become `selector` rules first.
//! 3. **Check** the drafted set on the pages: rules that fire on fewer than the needed pages are
//!    pruned; every kept rule gets a comment with its support and one example line; `detect`
//!    patterns are picked among the best-supported rules.
//!
//! The result does not depend on the order of the pages: only counts are kept, and ties and
//! examples are broken by text. Identical pages count once; near-duplicates (one article
//! scraped twice) count twice, so give the learner distinct articles.
//!
//! Not learned (yet): `drop-until` (a boxed section in the middle of the article, ended by a
//! common line), a title without a byline-like anchor after it, and more than one layout per
//! site (a host serving several templates gets the rules its majority template supports).

mod shape;

use std::collections::{BTreeMap, BTreeSet, HashMap, HashSet};
use std::hash::{Hash, Hasher};

use crate::engine::{self, Found};
use crate::label::{Labels, Reason};
use crate::page::{BlockKind, InputKind, Page};
use crate::rules::{toml_string, Action, RuleSet, MAX_PATTERN_LEN, MAX_RULES, REGEX_SIZE_LIMIT};

/// Options for [`learn`].
///
/// ```
/// use dechrome::LearnOptions;
/// let opts = LearnOptions { name: "mysite".into(), min_support: 0.8, ..Default::default() };
/// assert_eq!(opts.needed(10), 8);
/// assert_eq!(LearnOptions::default().needed(5), 3);
/// assert_eq!(LearnOptions::default().needed(2), 2);
/// ```
#[derive(Clone, Debug)]
pub struct LearnOptions {
    /// Name of the learned set (`name = …`); made into a valid name when it is not one.
    pub name: String,
    /// Share of the pages (0–1) a line, shape or selector must occur on to count as chrome,
    /// and a rule must fire on to be kept. Default 0.6; never fewer than 2 pages.
    pub min_support: f64,
    /// Hosts written into the set (`hosts = […]`), when known.
    pub hosts: Vec<String>,
    /// Rule sets whose matches are already handled (the bundled `generic` set, say): blocks
    /// they label are treated as chrome but get no rule of their own.
    pub known: Vec<RuleSet>,
}

impl Default for LearnOptions {
    fn default() -> LearnOptions {
        LearnOptions {
            name: "learned".to_string(),
            min_support: 0.6,
            hosts: Vec::new(),
            known: Vec::new(),
        }
    }
}

impl LearnOptions {
    /// How many of `pages` pages a line must occur on to be chrome, and a rule must fire on
    /// to be kept: `ceil(min_support × pages)`, at least 2.
    ///
    /// ```
    /// let o = dechrome::LearnOptions::default();
    /// assert_eq!((o.needed(10), o.needed(2)), (6, 2));
    /// ```
    pub fn needed(&self, pages: usize) -> usize {
        let f = if self.min_support.is_finite() {
            self.min_support.clamp(0.0, 1.0)
        } else {
            0.6
        };
        ((f * pages as f64 - 1e-9).ceil().max(0.0) as usize).max(2)
    }
}

/// Learn a rule set from pages of one site, given as text or HTML (each detected).
///
/// ```
/// use dechrome::{learn, Cleaner, LearnOptions};
/// let pages: Vec<String> = (0..5)
///     .map(|i| {
///         let body = ["Rain fell on the old harbour all night.",
///                     "A new bridge opened to traffic on Monday.",
///                     "The library will extend its opening hours.",
///                     "Farmers expect a late harvest this autumn.",
///                     "The city council approved the budget."][i];
///         format!("Home | News | Sport\n\n{body}\n\nMost read\n\nStory {i}\n\nAbout us\n")
///     })
///     .collect();
/// let refs: Vec<&str> = pages.iter().map(|s| s.as_str()).collect();
/// let set = learn(&refs, &LearnOptions { name: "town".into(), ..Default::default() });
/// let toml = set.to_toml();
/// assert!(toml.contains("fired on 5 of 5 pages"));
/// assert!(!toml.contains("harbour"));
///
/// let cleaner = Cleaner::builder().builtin(false).rule_set(set).build().unwrap();
/// let page = "Home | News | Sport\n\nA fox was seen in the park.\n\nMost read\n\nStory 9\n\nAbout us\n";
/// assert_eq!(cleaner.clean(page, &Default::default()).body(), "A fox was seen in the park.");
/// ```
pub fn learn(pages: &[&str], options: &LearnOptions) -> RuleSet {
    learn_with(
        pages.len(),
        &|i: usize, f: &mut dyn FnMut(&Page)| {
            let page = match crate::detect::detect_input(pages[i]) {
                InputKind::Html => Page::from_html(pages[i]),
                InputKind::Text => Page::from_text(pages[i]),
            };
            f(&page);
        },
        options,
    )
}

/// Learn a rule set from pages that are already segmented.
///
/// ```
/// use dechrome::{learn_pages, LearnOptions, Page};
/// let pages: Vec<Page> = ["Menu\nOne story.\nFooter", "Menu\nAnother story.\nFooter",
///                         "Menu\nA third story.\nFooter"]
///     .iter().map(|t| Page::from_text(t)).collect();
/// let set = learn_pages(&pages, &LearnOptions::default());
/// assert_eq!(set.rule_ids().collect::<Vec<_>>(), ["menu", "footer"]);
/// ```
pub fn learn_pages(pages: &[Page], options: &LearnOptions) -> RuleSet {
    learn_with(
        pages.len(),
        &|i: usize, f: &mut dyn FnMut(&Page)| f(&pages[i]),
        options,
    )
}

/// Learn from `count` pages produced on demand by `load` (called a few times per page, never
/// holding two pages at once); `None` skips a page. Use it to learn from many files without
/// reading them all into memory.
///
/// ```
/// use dechrome::{learn_from_loader, LearnOptions, Page};
/// let texts = ["Top\nA.\nEnd", "Top\nB.\nEnd", "Top\nC.\nEnd"];
/// let set = learn_from_loader(texts.len(), |i| Some(Page::from_text(texts[i])), &Default::default());
/// assert_eq!(set.len(), 2);
/// ```
pub fn learn_from_loader<F>(count: usize, load: F, options: &LearnOptions) -> RuleSet
where
    F: Fn(usize) -> Option<Page>,
{
    learn_with(
        count,
        &|i: usize, f: &mut dyn FnMut(&Page)| {
            if let Some(p) = load(i) {
                f(&p);
            }
        },
        options,
    )
}

type Visit<'a> = &'a dyn Fn(usize, &mut dyn FnMut(&Page));

/// How a block relates to the other pages.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Class {
    /// Labelled by a known set.
    Known,
    /// Common line or shape: key index.
    Common(u32),
    /// Varying: article text, or chrome that changes (a trending headline).
    Var,
}

/// On how many pages each distinct line and shape occurs, counted by 64-bit hash so that
/// memory grows with the number of distinct lines, not with their text; the text is kept for
/// the common ones only.
#[derive(Default)]
struct Keys {
    df: HashMap<u64, u32>,
    /// Common key hash → index into `text`.
    common: HashMap<u64, u32>,
    /// `L<line>` or `S<shape regex>`, for common keys.
    text: Vec<Box<str>>,
    shape: Vec<bool>,
    cdf: Vec<u32>,
}

fn key_hash(tag: char, s: &str) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    tag.hash(&mut h);
    s.hash(&mut h);
    h.finish()
}

impl Keys {
    fn df(&self, h: u64) -> u32 {
        self.df.get(&h).copied().unwrap_or(0)
    }
}

/// Where a common key sits, counted in pages.
#[derive(Default, Clone)]
struct Stat {
    pages: u32,
    before: u32,
    inside: u32,
    after: u32,
    multi: u32,
    first_tail: u32,
    followed_by_var: u32,
    prefix_end: u32,
    prefix_end_with_lead: u32,
    title_anchor: u32,
    caption: u32,
    summary: u32,
    label_list: u32,
    list_words: u32,
    max_words: u32,
    /// Sum over pages of the first occurrence's position, in thousandths of the page.
    pos: u64,
}

struct Ctx<'a> {
    visit: Visit<'a>,
    count: usize,
    opts: &'a LearnOptions,
    used: Vec<bool>,
    n: usize,
    need: usize,
    keys: Keys,
    /// Whether some page has CSS paths (HTML segmented with its structure).
    has_paths: bool,
}

fn page_hash(page: &Page) -> u64 {
    let mut h = std::collections::hash_map::DefaultHasher::new();
    for b in page.blocks() {
        b.line().hash(&mut h);
    }
    h.finish()
}

fn learn_with(count: usize, visit: Visit<'_>, opts: &LearnOptions) -> RuleSet {
    let mut ctx = Ctx {
        visit,
        count,
        opts,
        used: vec![false; count],
        n: 0,
        need: 2,
        keys: Keys::default(),
        has_paths: false,
    };
    ctx.count_pass();
    ctx.n = ctx.used.iter().filter(|u| **u).count();
    ctx.need = opts.needed(ctx.n);
    if ctx.n < 2 {
        return ctx.finish(Vec::new(), Vec::new());
    }
    ctx.collect_pass();
    let selectors = ctx.selector_pass();
    let stats = ctx.structure_pass(&selectors);
    let drafts = ctx.draft(&stats, &selectors);
    ctx.finish(drafts, selectors)
}

impl Ctx<'_> {
    fn known_labels(&self, page: &Page) -> Vec<bool> {
        let mut labels: Labels = vec![None; page.blocks().len()];
        let mut found = Found::default();
        for set in &self.opts.known {
            engine::apply(set, page, &mut labels, &mut found);
        }
        labels.into_iter().map(|l| l.is_some()).collect()
    }

    /// Pass 1: distinct pages, and on how many pages each line and shape occurs.
    fn count_pass(&mut self) {
        let mut seen: HashSet<u64> = HashSet::new();
        let mut used = std::mem::take(&mut self.used);
        let mut df = std::mem::take(&mut self.keys.df);
        let mut has_paths = false;
        for (i, u) in used.iter_mut().enumerate().take(self.count) {
            (self.visit)(i, &mut |page: &Page| {
                if page.blocks().is_empty() || !seen.insert(page_hash(page)) {
                    return;
                }
                *u = true;
                has_paths |= page.blocks().iter().any(|b| b.css_path().is_some());
                let known = self.known_labels(page);
                let mut on_page: HashSet<u64> = HashSet::new();
                for (b, k) in page.blocks().iter().zip(&known) {
                    if *k {
                        continue;
                    }
                    on_page.insert(key_hash('L', b.text()));
                    if let Some(s) = shape::shape(b.text()) {
                        on_page.insert(key_hash('S', &s));
                    }
                }
                for h in on_page {
                    *df.entry(h).or_insert(0) += 1;
                }
            });
        }
        self.used = used;
        self.keys.df = df;
        self.has_paths = has_paths;
    }

    /// Pass 1b: the text of the common lines and shapes.
    fn collect_pass(&mut self) {
        let need = self.need as u32;
        let mut keys = std::mem::take(&mut self.keys);
        for i in 0..self.count {
            if !self.used[i] {
                continue;
            }
            (self.visit)(i, &mut |page: &Page| {
                let known = self.known_labels(page);
                for (b, k) in page.blocks().iter().zip(&known) {
                    if *k {
                        continue;
                    }
                    let shape = shape::shape(b.text());
                    let cands = [('L', Some(b.text().to_string())), ('S', shape)];
                    for (tag, text) in cands {
                        let Some(text) = text else { continue };
                        let h = key_hash(tag, &text);
                        let df = keys.df(h);
                        if df >= need && !keys.common.contains_key(&h) {
                            keys.common.insert(h, keys.text.len() as u32);
                            keys.text.push(format!("{tag}{text}").into_boxed_str());
                            keys.shape.push(tag == 'S');
                            keys.cdf.push(df);
                        }
                    }
                }
            });
        }
        self.keys = keys;
    }

    fn classify(&self, page: &Page, known: &[bool]) -> Vec<Class> {
        let need = self.need as u32;
        page.blocks()
            .iter()
            .zip(known)
            .map(|(b, k)| {
                if *k {
                    return Class::Known;
                }
                let lit = key_hash('L', b.text());
                let lit_df = self.keys.df(lit);
                // A shape shared by more pages than the line itself generalises better
                // (`date 2025-03-21 …` on 3 pages, its shape on all).
                if let Some(s) = shape::shape(b.text()) {
                    let h = key_hash('S', &s);
                    let df = self.keys.df(h);
                    if df >= need && df > lit_df {
                        if let Some(&i) = self.keys.common.get(&h) {
                            return Class::Common(i);
                        }
                    }
                }
                match self.keys.common.get(&lit) {
                    Some(&i) if lit_df >= need => Class::Common(i),
                    _ => Class::Var,
                }
            })
            .collect()
    }

    /// Pass 2 (HTML): selectors that hold repeating text and never the body.
    fn selector_pass(&self) -> Vec<String> {
        #[derive(Default)]
        struct Sel {
            pages: u32,
            with_body: u32,
            with_common: u32,
            blocks: u64,
            depth: u32,
            /// Selectors that are an ancestor of this one wherever it occurs.
            under: Option<BTreeSet<String>>,
        }
        if !self.has_paths {
            return Vec::new();
        }
        let mut sels: BTreeMap<String, Sel> = BTreeMap::new();
        let mut any_html = false;
        for i in 0..self.count {
            if !self.used[i] {
                continue;
            }
            (self.visit)(i, &mut |page: &Page| {
                if !page.blocks().iter().any(|b| b.css_path().is_some()) {
                    return;
                }
                any_html = true;
                let known = self.known_labels(page);
                let classes = self.classify(page, &known);
                let body = body_span(page, &classes);
                // Per selector on this page: (in body, has common, blocks, min depth, ancestors).
                let mut here: BTreeMap<String, (bool, bool, u64, u32, BTreeSet<String>)> =
                    BTreeMap::new();
                for (bi, b) in page.blocks().iter().enumerate() {
                    let Some(path) = b.css_path() else { continue };
                    let cands = path_selectors(path);
                    for (ci, (sel, depth)) in cands.iter().enumerate() {
                        let anc: BTreeSet<String> =
                            cands[..ci].iter().map(|(s, _)| s.clone()).collect();
                        let e = here
                            .entry(sel.clone())
                            .or_insert_with(|| (false, false, 0, *depth, anc.clone()));
                        e.0 |= body.as_ref().is_some_and(|r| r.contains(&bi));
                        // Repeating text: a common line, not merely a common shape.
                        e.1 |= match classes[bi] {
                            Class::Common(k) => !self.keys.shape[k as usize],
                            Class::Known => true,
                            Class::Var => false,
                        };
                        e.2 += 1;
                        e.3 = e.3.min(*depth);
                        e.4 = e.4.intersection(&anc).cloned().collect();
                    }
                }
                for (sel, (in_body, common, blocks, depth, anc)) in here {
                    let s = sels.entry(sel).or_default();
                    s.pages += 1;
                    s.with_body += in_body as u32;
                    s.with_common += common as u32;
                    s.blocks += blocks;
                    s.depth = if s.pages == 1 {
                        depth
                    } else {
                        s.depth.min(depth)
                    };
                    s.under = Some(match s.under.take() {
                        None => anc,
                        Some(u) => u.intersection(&anc).cloned().collect(),
                    });
                }
            });
        }
        if !any_html {
            return Vec::new();
        }
        let need = self.need as u32;
        let mut cands: Vec<(&String, &Sel)> = sels
            .iter()
            .filter(|(_, s)| s.pages >= need && s.with_body == 0 && s.with_common >= need)
            .collect();
        cands.sort_by(|a, b| a.1.depth.cmp(&b.1.depth).then(a.0.cmp(b.0)));
        let mut chosen: Vec<String> = Vec::new();
        for (sel, s) in cands {
            let covered = s
                .under
                .as_ref()
                .is_some_and(|u| u.iter().any(|a| chosen.contains(a)));
            if !covered {
                chosen.push(sel.clone());
            }
        }
        chosen
    }

    /// Pass 3: where each common line sits on each page.
    fn structure_pass(&self, selectors: &[String]) -> BTreeMap<u32, Stat> {
        let mut stats: HashMap<u32, Stat> = HashMap::new();
        for i in 0..self.count {
            if !self.used[i] {
                continue;
            }
            (self.visit)(i, &mut |page: &Page| {
                let mut known = self.known_labels(page);
                // Blocks under a learned selector are handled by it.
                for (bi, b) in page.blocks().iter().enumerate() {
                    if let Some(p) = b.css_path() {
                        if selectors.iter().any(|s| selector_matches_path(s, p)) {
                            known[bi] = true;
                        }
                    }
                }
                let classes = self.classify(page, &known);
                page_stats(page, &classes, &mut stats);
            });
        }
        stats.into_iter().collect()
    }

    fn draft(&self, by_index: &BTreeMap<u32, Stat>, selectors: &[String]) -> Vec<Draft> {
        let need = self.need as u32;
        // Key indices follow the order pages were read in; rank keys by their text instead,
        // so that every tie below is broken the same way whatever the order of the pages.
        let mut order: Vec<(&str, u32)> = self
            .keys
            .text
            .iter()
            .enumerate()
            .filter(|(i, _)| by_index.contains_key(&(*i as u32)))
            .map(|(i, k)| (&**k, i as u32))
            .collect();
        order.sort_unstable();
        let stats: BTreeMap<u32, Stat> = order
            .iter()
            .enumerate()
            .map(|(r, (_, i))| (r as u32, by_index[i].clone()))
            .collect();
        let stats = &stats;
        // Rank → its source line or shape.
        let source: HashMap<u32, (&str, bool)> = order
            .iter()
            .enumerate()
            .map(|(r, (k, _))| (r as u32, (&k[1..], k.starts_with('S'))))
            .collect();
        let mut ids = Ids::default();
        let mut drafts = Vec::new();
        for sel in selectors {
            drafts.push(Draft {
                id: ids.take(&format!("sel-{}", shape::id_from(sel))),
                selector: Some(sel.clone()),
                action: Action::Drop,
                order: (0, 0),
                ..Draft::default()
            });
        }
        let once = |s: &Stat| s.multi == 0;
        // The drop-before anchor: ends the leading run of common lines, has lines before it.
        let prefix = stats
            .iter()
            .filter(|(k, s)| {
                once(s)
                    && s.before == s.pages
                    && s.prefix_end >= need
                    && s.prefix_end_with_lead >= need
                    && source.get(k).is_some_and(|&(src, sh)| wordy(src, sh))
            })
            .max_by(|a, b| {
                a.1.prefix_end
                    .cmp(&b.1.prefix_end)
                    .then(b.1.pos.cmp(&a.1.pos).reverse())
                    .then(b.0.cmp(a.0))
            })
            .map(|(k, _)| *k);
        // The title anchor: a byline-like common line right after the title; of several, the
        // one nearest the body (a menu line after a ticker is not it).
        let title = stats
            .iter()
            .filter(|(k, s)| {
                Some(**k) != prefix && once(s) && s.before == s.pages && s.title_anchor >= need
            })
            .max_by(|a, b| {
                a.1.title_anchor
                    .cmp(&b.1.title_anchor)
                    .then(a.1.pos.cmp(&b.1.pos))
                    .then(b.0.cmp(a.0))
            })
            .map(|(k, _)| *k);
        let mut key_rule: HashMap<u32, String> = HashMap::new();
        for (&k, s) in stats {
            let Some(&(src, is_shape)) = source.get(&k) else {
                continue;
            };
            let (regex, base_id) = if is_shape {
                let mut base = shape::id_from(src);
                if base == "by" {
                    base = "byline".to_string();
                }
                (src.to_string(), base)
            } else {
                (shape::literal(src), shape::id_from(&shape::literal(src)))
            };
            let has_captures = regex.contains("(?<");
            let mean = s.pos / s.pages.max(1) as u64;
            // A range anchor must read like a header (letters), not a bare number or symbol.
            let tail = wordy(src, is_shape)
                && s.after == s.pages
                && once(s)
                && (s.first_tail >= 1 || s.followed_by_var >= need);
            let (action, group) = if Some(k) == prefix {
                (Action::DropBefore, 1)
            } else if tail {
                (Action::DropRest, 7)
            } else if has_captures {
                (Action::Meta, if s.before == s.pages { 0 } else { 6 })
            } else if s.before == s.pages {
                (Action::Drop, 0)
            } else if s.after == s.pages {
                (Action::Drop, 8)
            } else {
                (Action::Drop, 6)
            };
            let id = ids.take(&base_id);
            key_rule.insert(k, id.clone());
            drafts.push(Draft {
                id,
                text: Some(regex),
                action,
                max: (Some(k) == title || Some(k) == prefix).then_some(1),
                max_words: (is_shape && src.contains(".+")).then_some(s.max_words + 5),
                order: (group, mean),
                range: action.is_range(),
                ..Draft::default()
            });
            if s.label_list >= need && src.ends_with(':') && !is_shape {
                let label = src.trim_end_matches(':');
                let name = shape::Names::default().take(label);
                let lid = ids.take(&format!("{}-items", shape::id_from(label)));
                drafts.push(Draft {
                    id: lid,
                    text: Some(format!("^(?<{name}>[^.!?]+)$")),
                    kind: Some(BlockKind::ListItem),
                    after: key_rule.get(&k).cloned(),
                    contiguous: true,
                    list: true,
                    max_words: Some((s.list_words + 2).max(6)),
                    action: Action::Meta,
                    order: (4, mean),
                    ..Draft::default()
                });
            }
        }
        if let Some(t) = title {
            let anchor = key_rule[&t].clone();
            let s = &stats[&t];
            let tid = ids.take("title");
            let mean = s.pos / s.pages.max(1) as u64;
            drafts.push(Draft {
                id: tid.clone(),
                before: Some(anchor.clone()),
                max: Some(1),
                action: Action::Title,
                order: (2, mean),
                protected: true,
                ..Draft::default()
            });
            if s.summary >= need {
                drafts.push(Draft {
                    id: ids.take("summary"),
                    after: Some(tid.clone()),
                    before: Some(anchor.clone()),
                    action: Action::Summary,
                    order: (2, mean + 1),
                    ..Draft::default()
                });
            }
            if s.caption >= need {
                drafts.push(Draft {
                    id: ids.take("caption"),
                    same_as: Some(tid),
                    after: Some(anchor),
                    max: Some(1),
                    action: Action::Drop,
                    order: (3, mean),
                    ..Draft::default()
                });
            }
        }
        drafts.sort_by(|a, b| a.order.cmp(&b.order).then(a.id.cmp(&b.id)));
        // Anchors must come before the rules that name them.
        let mut placed: Vec<Draft> = Vec::new();
        let mut pending = drafts;
        while !pending.is_empty() {
            let before = pending.len();
            let mut rest = Vec::new();
            for d in pending {
                let ok = [&d.after, &d.before, &d.same_as]
                    .iter()
                    .all(|a| a.as_ref().is_none_or(|a| placed.iter().any(|p| &p.id == a)));
                if ok {
                    placed.push(d);
                } else {
                    rest.push(d);
                }
            }
            if rest.len() == before {
                break; // unresolvable anchors: leave those rules out
            }
            pending = rest;
        }
        placed
    }

    /// Check, prune, comment and pick `detect`.
    fn finish(&self, mut drafts: Vec<Draft>, selectors: Vec<String>) -> RuleSet {
        let _ = selectors;
        let name = valid_name(&self.opts.name);
        // Patterns the rule compiler would refuse (too long, too large) are left out one by
        // one, so that one odd line cannot cost the whole set.
        drafts.retain(|d| {
            [&d.text, &d.until].iter().all(|t| {
                t.as_ref().is_none_or(|t| {
                    t.len() <= MAX_PATTERN_LEN
                        && regex::RegexBuilder::new(t)
                            .size_limit(REGEX_SIZE_LIMIT)
                            .build()
                            .is_ok()
                })
            })
        });
        // The most rules a set may hold: head and tail rules come first in `drafts`' order of
        // importance only roughly, so keep range rules and anchors, then the rest in order.
        if drafts.len() > MAX_RULES {
            let mut keep: Vec<Draft> = Vec::with_capacity(MAX_RULES);
            let mut rest = Vec::new();
            for d in drafts {
                if d.range || d.protected || d.selector.is_some() {
                    keep.push(d);
                } else {
                    rest.push(d);
                }
            }
            let room = MAX_RULES.saturating_sub(keep.len());
            keep.extend(rest.into_iter().take(room));
            keep.truncate(MAX_RULES);
            drafts = keep;
        }
        let mut support = Vec::new();
        for _ in 0..4 {
            let set = match RuleSet::from_toml(&render(&name, &self.opts.hosts, &[], 0, &drafts)) {
                Ok(s) => s,
                Err(_) => {
                    drafts.clear();
                    break;
                }
            };
            support = self.check(&set, &drafts);
            let referenced: HashSet<String> = drafts
                .iter()
                .flat_map(|d| [&d.after, &d.before, &d.same_as])
                .flatten()
                .cloned()
                .collect();
            let before = drafts.len();
            let mut i = 0;
            drafts.retain(|d| {
                let keep = d.range
                    || d.protected
                    || d.selector.is_some()
                    || referenced.contains(&d.id)
                    || support[i].pages >= self.need;
                i += 1;
                keep
            });
            if drafts.len() == before {
                break;
            }
            support.clear();
        }
        // Rules that name a pruned rule go too (a title anchored on nothing).
        loop {
            let ids: HashSet<String> = drafts.iter().map(|d| d.id.clone()).collect();
            let before = drafts.len();
            drafts.retain(|d| {
                [&d.after, &d.before, &d.same_as]
                    .iter()
                    .all(|a| a.as_ref().is_none_or(|a| ids.contains(a)))
            });
            if drafts.len() == before {
                break;
            }
        }
        let base = RuleSet::from_toml(&render(&name, &self.opts.hosts, &[], 0, &drafts))
            .unwrap_or_else(|_| empty_set(&name));
        if base.len() != drafts.len() {
            drafts.clear();
        }
        if support.len() != drafts.len() {
            support = self.check(&base, &drafts);
        }
        let patterns = self.detect_patterns(&drafts, &support);
        let min = patterns.len().min(2);
        let mut set = RuleSet::from_toml(&render(&name, &self.opts.hosts, &patterns, min, &drafts))
            .unwrap_or_else(|_| base.clone());
        let detected = if patterns.is_empty() {
            0
        } else {
            self.count_detected(&set)
        };
        let mut head = format!(
            "Learned by `dechrome learn` from {} distinct pages.\n\
             A line, shape or selector is chrome when it occurs on at least {} of them\n\
             (--min-support {}); a rule is kept when it fires on at least as many.\n",
            self.n, self.need, self.opts.min_support
        );
        if !patterns.is_empty() {
            head.push_str(&format!(
                "detect: {min} of the patterns below match {detected} of {} pages.\n",
                self.n
            ));
        }
        if !drafts.iter().all(|d| d.selector.is_none()) {
            head.push_str(
                "Selector rules (HTML input only) match a block when they match its element or\n\
                 an ancestor; their support was counted on the pages' CSS paths.\n",
            );
        }
        head.push_str("Review before use: every rule names its support and one example line.");
        set.set_comment(head);
        for (r, s) in set.rules.iter_mut().zip(&support) {
            let verb = if r.action.is_range() || r.selector.is_some() {
                "matched on"
            } else {
                "fired on"
            };
            let mut c = format!("{verb} {} of {} pages", s.pages, self.n);
            if let Some(e) = &s.example {
                let e: String = if e.chars().count() > 90 {
                    e.chars().take(89).chain(['…']).collect()
                } else {
                    e.clone()
                };
                c.push_str(&format!("; e.g. {e:?}"));
            }
            r.comment = Some(c);
        }
        set
    }

    /// Detect patterns: the best-supported distinctive patterns among the rules' regexes and
    /// the common lines (lines under a learned selector are not rules but still identify the
    /// site). Ranked by pages, then rules before lines, shapes before literals, longer first.
    fn detect_patterns(&self, drafts: &[Draft], support: &[Support]) -> Vec<String> {
        let distinctive = |e: &str| e.split(' ').filter(|w| !w.is_empty()).count() >= 2;
        // (pages, is rule, has captures, example length, pattern)
        let mut cands: Vec<(usize, bool, bool, usize, String)> = Vec::new();
        for (d, s) in drafts.iter().zip(support) {
            let (Some(t), Some(e)) = (&d.text, &s.example) else {
                continue;
            };
            if s.pages >= self.need
                && !matches!(d.action, Action::Title | Action::Summary)
                && d.kind.is_none()
                && distinctive(e)
            {
                cands.push((s.pages, true, t.contains("(?<"), e.len(), t.clone()));
            }
        }
        for (i, k) in self.keys.text.iter().enumerate() {
            let df = self.keys.cdf[i] as usize;
            if df >= self.need && !self.keys.shape[i] && distinctive(&k[1..]) {
                let t = shape::literal(&k[1..]);
                if !cands.iter().any(|c| c.4 == t) {
                    cands.push((df, false, false, k.len() - 1, t));
                }
            }
        }
        cands.sort_by(|a, b| {
            b.0.cmp(&a.0)
                .then(b.1.cmp(&a.1))
                .then(b.2.cmp(&a.2))
                .then(b.3.cmp(&a.3))
                .then(a.4.cmp(&b.4))
        });
        cands.into_iter().take(4).map(|c| c.4).collect()
    }

    fn count_detected(&self, set: &RuleSet) -> usize {
        let mut n = 0;
        for i in 0..self.count {
            if !self.used[i] {
                continue;
            }
            (self.visit)(i, &mut |page: &Page| {
                let (got, need) = set.detect_score(page);
                n += (got >= need) as usize;
            });
        }
        n
    }

    /// On how many pages each rule fires (range and selector rules: matches), with the
    /// smallest line it took as the example.
    fn check(&self, set: &RuleSet, drafts: &[Draft]) -> Vec<Support> {
        let mut out = vec![Support::default(); set.rules.len()];
        for i in 0..self.count {
            if !self.used[i] {
                continue;
            }
            (self.visit)(i, &mut |page: &Page| {
                self.check_page(set, drafts, page, &mut out);
            });
        }
        out
    }

    fn check_page<'p>(&self, set: &RuleSet, drafts: &[Draft], page: &'p Page, out: &mut [Support]) {
        {
            {
                let mut labels: Labels = vec![None; page.blocks().len()];
                let mut found = Found::default();
                engine::apply(set, page, &mut labels, &mut found);
                for (ri, r) in set.rules.iter().enumerate() {
                    let mut hit = false;
                    let mut example: Option<&str> = None;
                    let mut note = |t: &'p str| {
                        hit = true;
                        if example.is_none_or(|e| t < e) {
                            example = Some(t);
                        }
                    };
                    if let Some(sel) = drafts.get(ri).and_then(|d| d.selector.as_deref()) {
                        for b in page.blocks() {
                            if b.css_path().is_some_and(|p| selector_matches_path(sel, p)) {
                                note(b.text());
                            }
                        }
                    } else if r.action.is_range() {
                        if let Some(p) = &r.text {
                            for b in page.blocks() {
                                if p.regex.is_match(b.text()) {
                                    note(b.text());
                                }
                            }
                        }
                    } else {
                        for (b, l) in page.blocks().iter().zip(&labels) {
                            if let Some((_, Reason::Rule(q))) = l {
                                if **q == *r.qualified {
                                    note(b.text());
                                }
                            }
                        }
                    }
                    if hit {
                        let s = &mut out[ri];
                        s.pages += 1;
                        if let Some(e) = example {
                            if s.example.as_deref().is_none_or(|x| e < x) {
                                s.example = Some(e.to_string());
                            }
                        }
                    }
                }
            }
        }
    }
}

#[derive(Clone, Default)]
struct Support {
    pages: usize,
    example: Option<String>,
}

#[derive(Clone, Debug)]
struct Draft {
    id: String,
    text: Option<String>,
    selector: Option<String>,
    kind: Option<BlockKind>,
    action: Action,
    until: Option<String>,
    after: Option<String>,
    before: Option<String>,
    same_as: Option<String>,
    contiguous: bool,
    max: Option<u32>,
    max_words: Option<u32>,
    list: bool,
    /// (group, mean position): head rules first, tail rules last.
    order: (u8, u64),
    range: bool,
    /// Kept even when it fires on few pages (the title: its support is its anchor's).
    protected: bool,
}

impl Default for Draft {
    fn default() -> Draft {
        Draft {
            id: String::new(),
            text: None,
            selector: None,
            kind: None,
            action: Action::Drop,
            until: None,
            after: None,
            before: None,
            same_as: None,
            contiguous: false,
            max: None,
            max_words: None,
            list: false,
            order: (0, 0),
            range: false,
            protected: false,
        }
    }
}

#[derive(Default)]
struct Ids {
    used: HashSet<String>,
}

impl Ids {
    fn take(&mut self, base: &str) -> String {
        let mut id = base.to_string();
        let mut k = 2;
        while self.used.contains(&id) {
            id = format!("{base}-{k}");
            k += 1;
        }
        self.used.insert(id.clone());
        id
    }
}

/// Whether a line or shape reads like a header: three letters or more outside regex syntax.
fn wordy(src: &str, is_shape: bool) -> bool {
    let letters = |s: &str| s.chars().filter(|c| c.is_alphabetic()).count();
    if is_shape {
        letters(&shape::id_from(src)) >= 3
    } else {
        letters(src) >= 3
    }
}

fn valid_name(name: &str) -> String {
    let s: String = name
        .trim()
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c
            } else {
                '-'
            }
        })
        .collect();
    let s = s.trim_matches('-').to_string();
    if s.is_empty() {
        "learned".to_string()
    } else {
        s
    }
}

fn empty_set(name: &str) -> RuleSet {
    RuleSet::from_toml(&format!("name = {}", toml_string(name)))
        .unwrap_or_else(|_| RuleSet::from_toml("name = 'learned'").expect("valid"))
}

fn render(name: &str, hosts: &[String], detect: &[String], min: usize, drafts: &[Draft]) -> String {
    let mut out = format!("name = {}\n", toml_string(name));
    if !hosts.is_empty() {
        let h: Vec<String> = hosts.iter().map(|h| toml_string(h)).collect();
        out.push_str(&format!("hosts = [{}]\n", h.join(", ")));
    }
    if !detect.is_empty() {
        let p: Vec<String> = detect.iter().map(|p| toml_string(p)).collect();
        out.push_str(&format!(
            "detect = {{ patterns = [{}], min = {min} }}\n",
            p.join(", ")
        ));
    }
    for d in drafts {
        out.push_str("\n[[rule]]\n");
        out.push_str(&format!("id = {}\n", toml_string(&d.id)));
        if let Some(t) = &d.text {
            out.push_str(&format!("text = {}\n", toml_string(t)));
        }
        if let Some(s) = &d.selector {
            out.push_str(&format!("selector = {}\n", toml_string(s)));
        }
        if let Some(k) = d.kind {
            out.push_str(&format!("kind = {}\n", toml_string(k.as_str())));
        }
        for (key, v) in [
            ("after", &d.after),
            ("before", &d.before),
            ("same_as", &d.same_as),
        ] {
            if let Some(v) = v {
                out.push_str(&format!("{key} = {}\n", toml_string(v)));
            }
        }
        if d.contiguous {
            out.push_str("contiguous = true\n");
        }
        if let Some(m) = d.max {
            out.push_str(&format!("max = {m}\n"));
        }
        if let Some(m) = d.max_words {
            out.push_str(&format!("max_words = {m}\n"));
        }
        if d.list {
            out.push_str("list = true\n");
        }
        out.push_str(&format!("action = {}\n", toml_string(d.action.as_str())));
        if let Some(u) = &d.until {
            out.push_str(&format!("until = {}\n", toml_string(u)));
        }
    }
    out
}

/// The article body of a page: the run of blocks with the highest score, where a varying
/// block adds its words and a common (or known) block costs 20 plus its words.
fn body_span(page: &Page, classes: &[Class]) -> Option<std::ops::Range<usize>> {
    let mut best: Option<(i64, usize, usize)> = None;
    let mut sum = 0i64;
    let mut start = 0usize;
    for (i, (b, c)) in page.blocks().iter().zip(classes).enumerate() {
        let w = b.word_count().max(1) as i64;
        let v = match c {
            Class::Var => w,
            _ => -(20 + w),
        };
        if sum <= 0 {
            sum = 0;
            start = i;
        }
        sum += v;
        if sum > 0 && best.is_none_or(|(s, _, _)| sum > s) {
            best = Some((sum, start, i + 1));
        }
    }
    best.map(|(_, a, b)| a..b)
}

/// Add one page's placement of its common keys to `stats`.
fn page_stats(page: &Page, classes: &[Class], stats: &mut HashMap<u32, Stat>) {
    let blocks = page.blocks();
    let n = blocks.len();
    let Some(body) = body_span(page, classes) else {
        return;
    };
    let is_var = |i: usize| classes[i] == Class::Var;
    let mut seen: HashMap<u32, (usize, u32)> = HashMap::new(); // key → (first index, count)
    let mut first_tail_done = false;
    // Per key flags for this page.
    #[derive(Default)]
    struct Flags {
        before: bool,
        inside: bool,
        after: bool,
        first_tail: bool,
        followed_by_var: bool,
        prefix_end: bool,
        prefix_lead: bool,
        title_anchor: bool,
        caption: bool,
        summary: bool,
        label_list: bool,
        list_words: u32,
        max_words: u32,
    }
    let mut flags: HashMap<u32, Flags> = HashMap::new();
    let lead_end = classes.iter().position(|c| *c == Class::Var).unwrap_or(n);
    // The end of the head: the last common line before the title (the varying run just before
    // the first byline-like anchor), or before the body when there is no such anchor.
    let is_common = |i: usize| matches!(classes[i], Class::Common(_));
    // A title run: one to four varying blocks right before a common line in the head, the
    // first of them new on the page (a caption repeating the title is not a title run).
    let title_run = |i: usize| -> Option<usize> {
        if !(i > lead_end && i < body.start && is_common(i) && is_var(i - 1)) {
            return None;
        }
        let mut r = i - 1;
        while r > 0 && is_var(r - 1) {
            r -= 1;
        }
        let t = blocks[r].text();
        (i - r <= 4 && !blocks[..r].iter().any(|b| b.text() == t)).then_some(r)
    };
    // The title run nearest the body.
    let title_start = (0..body.start).rev().find_map(title_run);
    let head_end = (0..title_start.unwrap_or(body.start))
        .rev()
        .find(|&i| is_common(i));
    for (i, c) in classes.iter().enumerate() {
        let Class::Common(k) = *c else { continue };
        let e = seen.entry(k).or_insert((i, 0));
        e.1 += 1;
        let f = flags.entry(k).or_default();
        f.max_words = f.max_words.max(blocks[i].word_count() as u32);
        if i < body.start {
            f.before = true;
        } else if i < body.end {
            f.inside = true;
        } else {
            f.after = true;
            if !first_tail_done {
                first_tail_done = true;
                f.first_tail = true;
            }
        }
        if i + 1 < n && is_var(i + 1) {
            f.followed_by_var = true;
        }
        if Some(i) == head_end {
            f.prefix_end = true;
            f.prefix_lead |= i > 0;
        }
        if let Some(r) = title_run(i) {
            f.title_anchor = true;
            f.summary |= i - r > 1;
            let t = blocks[r].text();
            f.caption |= (i + 1..n.min(i + 4)).any(|j| blocks[j].text() == t);
        }
        if blocks[i].text().ends_with(':') {
            let mut j = i + 1;
            let mut words = 0;
            while j < n
                && classes[j] != Class::Known
                && blocks[j].kind == BlockKind::ListItem
                && blocks[j].word_count() <= 6
            {
                words = words.max(blocks[j].word_count() as u32);
                j += 1;
            }
            if j > i + 1 {
                f.label_list = true;
                f.list_words = f.list_words.max(words);
            }
        }
    }
    for (k, f) in flags {
        let (first, count) = seen[&k];
        let s = stats.entry(k).or_default();
        s.pages += 1;
        s.before += f.before as u32;
        s.inside += f.inside as u32;
        s.after += f.after as u32;
        s.multi += (count > 1) as u32;
        s.first_tail += f.first_tail as u32;
        s.followed_by_var += f.followed_by_var as u32;
        s.prefix_end += f.prefix_end as u32;
        s.prefix_end_with_lead += (f.prefix_end && f.prefix_lead) as u32;
        s.title_anchor += f.title_anchor as u32;
        s.caption += f.caption as u32;
        s.summary += f.summary as u32;
        s.label_list += f.label_list as u32;
        s.list_words = s.list_words.max(f.list_words);
        s.max_words = s.max_words.max(f.max_words);
        s.pos += (first as u64 * 1000) / n.max(1) as u64;
    }
}

/// Candidate selectors of one CSS path (`html > body > div#main.wide > p`), outermost first,
/// each with its depth: `#id`, `.class`, and landmark tags (`nav`, `header`, `footer`, `aside`).
fn path_selectors(path: &str) -> Vec<(String, u32)> {
    let mut out = Vec::new();
    for (depth, seg) in path.split('>').map(str::trim).enumerate() {
        let seg = seg.split(':').next().unwrap_or("");
        let tag_end = seg.find(['#', '.']).unwrap_or(seg.len());
        let tag = &seg[..tag_end];
        // Ids first, then classes, then a landmark tag: the most specific name wins when one
        // element offers several.
        let mut names: Vec<String> = Vec::new();
        let mut rest = &seg[tag_end..];
        while let Some(c) = rest.chars().next() {
            let end = rest[1..].find(['#', '.']).map_or(rest.len(), |e| e + 1);
            let name = &rest[1..end];
            if !name.is_empty() && valid_css_ident(name) {
                names.push(format!("{c}{name}"));
            }
            rest = &rest[end..];
        }
        names.sort_by_key(|n| !n.starts_with('#'));
        if matches!(tag, "nav" | "header" | "footer" | "aside") {
            names.push(tag.to_string());
        }
        out.extend(names.into_iter().map(|n| (n, depth as u32)));
    }
    out
}

fn valid_css_ident(s: &str) -> bool {
    s.chars()
        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        && !s.starts_with(|c: char| c.is_ascii_digit())
        && !s.starts_with("--")
}

/// Whether a simple selector (`#id`, `.class`, `tag`) matches a CSS path's element or an
/// ancestor.
fn selector_matches_path(sel: &str, path: &str) -> bool {
    path_selectors(path).iter().any(|(s, _)| s == sel)
}

#[cfg(test)]
mod tests;
