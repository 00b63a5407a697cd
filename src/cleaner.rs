//! The cleaner: rule sets chosen for a page, then labels, then the article.

use std::cell::RefCell;
use std::rc::Rc;
use std::sync::{Arc, LazyLock, Weak};

use crate::article::Article;
use crate::engine::{self, Found};
use crate::error::{Error, ErrorKind};
use crate::label::{Label, Labels, Reason};
use crate::page::{InputKind, Page};
use crate::rules::RuleSet;

/// How to read the input.
///
/// ```
/// use dechrome::InputMode;
/// assert_eq!(InputMode::parse("html"), Some(InputMode::Html));
/// ```
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum InputMode {
    /// Tell HTML from text by looking at it (see [`detect_input`](crate::detect_input)).
    #[default]
    Auto,
    /// Raw HTML.
    Html,
    /// Page text.
    Text,
}

impl InputMode {
    /// Parse `auto`, `html` or `text`.
    ///
    /// ```
    /// # use dechrome::InputMode;
    /// assert_eq!(InputMode::parse("auto"), Some(InputMode::Auto));
    /// assert_eq!(InputMode::parse("pdf"), None);
    /// ```
    pub fn parse(s: &str) -> Option<InputMode> {
        match s {
            "auto" => Some(InputMode::Auto),
            "html" => Some(InputMode::Html),
            "text" => Some(InputMode::Text),
            _ => None,
        }
    }
}

/// Per-page options: the page URL, the input kind, a forced site rule set.
///
/// ```
/// use dechrome::{Cleaner, Options};
/// let opts = Options::default().url("https://www.devdiscourse.com/article/x");
/// let a = Cleaner::new().clean("Body.", &opts);
/// assert_eq!(a.site(), Some("devdiscourse"));
/// ```
#[derive(Clone, Debug, Default)]
pub struct Options {
    url: Option<String>,
    input: InputMode,
    site: Option<String>,
    /// Internal: no second look (see `Cleaner::settle`).
    single_pass: bool,
}

/// How many times text cleaning looks again at its own output at most (each look that changes
/// something drops at least one line; real pages settle after one or two).
const MAX_LOOKS: usize = 8;

impl Options {
    /// The page's URL: its host picks the site rule set.
    ///
    /// ```
    /// # use dechrome::{Cleaner, Options};
    /// let a = Cleaner::new().clean("Body.", &Options::default().url("https://devdiscourse.com/a"));
    /// assert_eq!(a.site(), Some("devdiscourse"));
    /// ```
    pub fn url(mut self, url: impl Into<String>) -> Options {
        self.url = Some(url.into());
        self
    }

    /// How to read the input (default: auto-detect).
    ///
    /// ```
    /// # use dechrome::{Cleaner, InputKind, InputMode, Options};
    /// let a = Cleaner::new().clean("<p>x</p>", &Options::default().input(InputMode::Text));
    /// assert_eq!(a.input_kind(), InputKind::Text);
    /// ```
    pub fn input(mut self, mode: InputMode) -> Options {
        self.input = mode;
        self
    }

    /// Apply this site rule set, whatever the URL or page says. An unknown name applies no
    /// site set (check it with [`Cleaner::rule_set`] first).
    ///
    /// ```
    /// # use dechrome::{Cleaner, Options};
    /// let a = Cleaner::new().clean("Body.", &Options::default().site("devdiscourse"));
    /// assert_eq!(a.site(), Some("devdiscourse"));
    /// ```
    pub fn site(mut self, name: impl Into<String>) -> Options {
        self.site = Some(name.into());
        self
    }
}

/// Cleans pages. Holds compiled rule sets; cheap to clone and share across threads. Each
/// thread cleans with its own copy of the rule sets (the compiled regexes shared, their search
/// caches not), made on the thread's first page and kept until the cleaner and its clones are
/// gone.
///
/// ```
/// use dechrome::{Cleaner, Options};
/// let cleaner = Cleaner::new();
/// let page = std::fs::read_to_string(concat!(
///     env!("CARGO_MANIFEST_DIR"), "/testdata/devdiscourse/000_ee075fbc00a359f0.txt"
/// )).unwrap();
/// let article = cleaner.clean(&page, &Options::default());
/// assert_eq!(article.site(), Some("devdiscourse"));
/// assert!(article.body().starts_with("In a move reflecting deepening security ties"));
/// assert_eq!(article.meta().get("date").unwrap().as_str(), Some("2025-03-21"));
/// ```
#[derive(Clone, Debug)]
pub struct Cleaner {
    /// Site sets, in priority order (user sets before bundled ones).
    sites: Vec<Arc<RuleSet>>,
    /// Sets that apply to every page, in order.
    everywhere: Vec<Arc<RuleSet>>,
    /// What the HTML parse may leave out: the attributes none of the sets' selectors tests.
    prune: crate::segment::html::Prune,
    /// Names these sets for the copies each thread cleans with (see [`Cleaner::here`]);
    /// shared by the clones of this cleaner.
    id: Arc<()>,
}

thread_local! {
    /// This thread's copies of the cleaners it has cleaned with, each with the `id` of the
    /// cleaner it copies.
    static HERE: RefCell<Vec<(Weak<()>, Rc<Cleaner>)>> = const { RefCell::new(Vec::new()) };
}

static DEFAULT: LazyLock<Cleaner> = LazyLock::new(|| {
    Cleaner::builder()
        .build()
        .expect("bundled rule sets have distinct names")
});

impl Default for Cleaner {
    fn default() -> Cleaner {
        Cleaner::new()
    }
}

impl Cleaner {
    /// A cleaner with the bundled rule sets.
    ///
    /// ```
    /// let cleaner = dechrome::Cleaner::new();
    /// assert!(cleaner.rule_set("devdiscourse").is_some());
    /// ```
    pub fn new() -> Cleaner {
        DEFAULT.clone()
    }

    /// A builder, to add rule sets or leave out the bundled ones.
    ///
    /// ```
    /// use dechrome::{Cleaner, RuleSet};
    /// let mine = RuleSet::from_toml("name = 'mine'\n[[rule]]\nid = 'x'\ntext = '^X$'\naction = 'drop'").unwrap();
    /// let cleaner = Cleaner::builder().builtin(false).rule_set(mine).build().unwrap();
    /// assert_eq!(cleaner.clean("A\nX", &Default::default()).body(), "A");
    /// ```
    pub fn builder() -> CleanerBuilder {
        CleanerBuilder {
            builtin: true,
            sets: Vec::new(),
        }
    }

    /// Every rule set, site sets first, then those that apply everywhere.
    ///
    /// ```
    /// # use dechrome::Cleaner;
    /// let cleaner = Cleaner::new();
    /// let names: Vec<_> = cleaner.rule_sets().map(|s| s.name()).collect();
    /// assert_eq!(names, ["devdiscourse", "generic"]);
    /// ```
    pub fn rule_sets(&self) -> impl Iterator<Item = &RuleSet> {
        self.sites.iter().chain(&self.everywhere).map(|s| &**s)
    }

    /// The rule set with this name.
    ///
    /// ```
    /// # use dechrome::Cleaner;
    /// assert!(Cleaner::new().rule_set("generic").is_some());
    /// ```
    pub fn rule_set(&self, name: &str) -> Option<&RuleSet> {
        self.rule_sets().find(|s| s.name() == name)
    }

    /// Clean one page. Never fails: whatever the input, an article comes back (possibly with
    /// an empty body).
    ///
    /// ```
    /// # use dechrome::{Cleaner, Options};
    /// let a = Cleaner::new().clean("Article text.\n\nAdvertisement", &Options::default());
    /// assert_eq!(a.body(), "Article text.");
    /// ```
    pub fn clean(&self, input: &str, options: &Options) -> Article {
        self.here().clean_here(input, options)
    }

    /// This thread's copy of the cleaner: its rule sets cloned, the compiled regexes shared.
    ///
    /// regex keeps a pool of search caches per compiled regex: the first thread to search one
    /// owns a fast slot (and writes to it on every search), every other thread takes a
    /// mutex-guarded slot and reads the line the owner keeps writing. A clone of a regex
    /// shares its program and has a pool of its own, so each thread cleans with copies of its
    /// own, made on its first page and kept for its life (a thread forgets the copies of
    /// dropped cleaners when it next makes one).
    fn here(&self) -> Rc<Cleaner> {
        HERE.with(|here| {
            let mut here = here.borrow_mut();
            // A `Weak` keeps its allocation: no other cleaner's `id` can have this address
            // while an entry points at it.
            let key = Arc::as_ptr(&self.id);
            if let Some((_, c)) = here.iter().find(|(w, _)| w.as_ptr() == key) {
                return Rc::clone(c);
            }
            here.retain(|(w, _)| w.strong_count() > 0);
            let copy = |sets: &[Arc<RuleSet>]| -> Vec<Arc<RuleSet>> {
                sets.iter().map(|s| Arc::new(RuleSet::clone(s))).collect()
            };
            let c = Rc::new(Cleaner {
                sites: copy(&self.sites),
                everywhere: copy(&self.everywhere),
                prune: self.prune.clone(),
                // Its own: a copy is never copied, and holding the original's would keep
                // the entry alive after the original is gone.
                id: Arc::new(()),
            });
            here.push((Arc::downgrade(&self.id), Rc::clone(&c)));
            c
        })
    }

    /// [`Cleaner::clean`] with this thread's copy.
    fn clean_here(&self, input: &str, options: &Options) -> Article {
        let kind = match options.input {
            InputMode::Auto => crate::detect::detect_input(input),
            InputMode::Html => InputKind::Html,
            InputMode::Text => InputKind::Text,
        };
        match kind {
            InputKind::Html => self.clean_segmented(
                crate::segment::html::segment(input, &self.prune),
                None,
                options,
                None,
            ),
            InputKind::Text => {
                self.clean_segmented(Page::from_text(input), Some(input), options, None)
            }
        }
    }

    /// What the HTML parse of a page this cleaner cleans may leave out.
    pub(crate) fn prune(&self) -> &crate::segment::html::Prune {
        &self.prune
    }

    /// Clean a page that is already segmented.
    ///
    /// ```
    /// # use dechrome::{Cleaner, Page};
    /// let a = Cleaner::new().clean_page(Page::from_text("Body.\n\nAdvertisement"), &Default::default());
    /// assert_eq!(a.body(), "Body.");
    /// ```
    pub fn clean_page(&self, page: Page, options: &Options) -> Article {
        self.here().clean_segmented(page, None, options, None)
    }

    /// Clean a segmented page; `raw` is a text page's input, when known: its column layout
    /// (which segmenting flattens) helps the text heuristics. `prior` is what an earlier look
    /// at a page of the same lines found (see [`Cleaner::settle`]).
    fn clean_segmented(
        &self,
        mut page: Page,
        raw: Option<&str>,
        options: &Options,
        prior: Option<Prior>,
    ) -> Article {
        let mut labels: Labels = vec![None; page.blocks().len()];
        let mut found = Found::default();
        // A later look sees some of the lines of a page no site set recognised: no site set
        // recognises it either (a URL or a forced site would have applied the first time, and
        // detect patterns match fewer lines, not more).
        let (site, cache, mut known) = match prior {
            Some(p) => (None, p.scan, p.candidates),
            None => (self.pick_site(&page, options), None, Vec::new()),
        };
        if let Some(set) = site {
            engine::apply(set, &page, &mut labels, &mut found);
        }
        // The text patterns' candidates of the sets applied everywhere, for a later look: one
        // entry per set, in order (none for the site set, applied above).
        let mut candidates = Vec::with_capacity(self.everywhere.len());
        for (i, set) in self.everywhere.iter().enumerate() {
            if site.is_some_and(|s| std::ptr::eq(s, &**set)) {
                candidates.push(engine::Candidates::new());
                continue;
            }
            let known = known.get_mut(i).map(std::mem::take);
            candidates.push(engine::apply_with(
                set,
                &page,
                &mut labels,
                &mut found,
                known,
            ));
        }
        page.drop_tree();
        crate::heuristics::structure(&page, &mut labels, &found);
        let mut scan = None;
        if site.is_none() {
            let (paras, s) = crate::heuristics::unknown_site(
                &page,
                &mut labels,
                &mut found,
                raw,
                cache.as_ref(),
            );
            scan = s;
            // A page read in columns is written with the paragraphs of its article column.
            if let Some(paras) = paras {
                for (b, p) in page.blocks.iter_mut().zip(paras) {
                    b.para = p;
                }
            }
        }
        for (k, v) in std::mem::take(&mut found_meta(&page)) {
            found.meta.set_first(&k, &v);
        }
        let labels: Vec<(Label, Reason)> = labels
            .into_iter()
            .map(|l| l.unwrap_or((Label::Body, Reason::Default)))
            .collect();
        let Page { kind, blocks, .. } = page;
        let mut article = Article::assemble(
            kind,
            blocks,
            labels,
            found.title,
            found.summary,
            found.meta,
            site.map(|s| Arc::from(s.name())),
        );
        if kind == InputKind::Text && site.is_none() && !options.single_pass {
            self.settle(&mut article, options, scan.as_ref(), &candidates);
        }
        article
    }

    /// Make text cleaning idempotent: clean the body again, as a page of its own, and drop
    /// what that second look drops, until nothing changes. The text heuristics judge a line
    /// by its neighbours, and cleaning removes neighbours: a line kept for the title and
    /// byline around it may look like chrome once they are gone. Settling here means that
    /// cleaning the output of [`Cleaner::clean`] again gives the same body.
    ///
    /// A block dropped on a later look keeps the label and reason that look gave it. Each look
    /// reuses what the first look found that depends on the lines' texts alone: the text
    /// heuristics' scan (`scan`) and the text patterns' candidates of the sets applied
    /// everywhere (`candidates`, one entry per set, every block unlabelled).
    fn settle(
        &self,
        article: &mut Article,
        options: &Options,
        scan: Option<&crate::heuristics::TextScan>,
        candidates: &[engine::Candidates],
    ) {
        let once = Options {
            input: InputMode::Text,
            single_pass: true,
            ..options.clone()
        };
        for _ in 0..MAX_LOOKS {
            let body: Vec<usize> = (0..article.labels.len())
                .filter(|&i| article.labels[i].0 == Label::Body)
                .collect();
            if body.is_empty() {
                return;
            }
            // The body as a page of its own: the blocks `Page::from_text(&article.body)`
            // would give, their lines lent by the article's blocks instead of copied.
            let (page, same_texts) = body_page(&mut article.blocks, &body);
            // The first look's scan and candidates are of the blocks' texts: of no use once a
            // marker became a word.
            let prior = if same_texts {
                Prior {
                    scan: scan.and_then(|s| s.select(&body, article.blocks.len())),
                    candidates: candidates.iter().map(|c| pick(c, &body)).collect(),
                }
            } else {
                Prior {
                    scan: None,
                    candidates: Vec::new(),
                }
            };
            let mut again = self.clean_segmented(page, None, &once, Some(prior));
            for (&i, b) in body.iter().zip(&mut again.blocks) {
                article.blocks[i].line = std::mem::take(&mut b.line);
            }
            // A site set that recognises the body leaves the first look as it is.
            if again.site.is_some() || again.blocks.len() != body.len() {
                return;
            }
            let mut changed = false;
            for (&i, (label, reason)) in body.iter().zip(again.labels) {
                if label != Label::Body {
                    article.labels[i] = (label, reason);
                    changed = true;
                }
            }
            if !changed {
                return;
            }
            article.body = crate::render::body_text(&article.blocks, &article.labels);
        }
    }

    /// The site rule set that applies to `page`: forced by name, else by URL host, else by
    /// detect patterns. The first match in priority order wins.
    fn pick_site(&self, page: &Page, options: &Options) -> Option<&RuleSet> {
        if let Some(name) = &options.site {
            return self.rule_set(name);
        }
        if let Some(host) = options.url.as_deref().and_then(host_of) {
            if let Some(s) = self.sites.iter().find(|s| s.matches_host(&host)) {
                return Some(s);
            }
        }
        self.sites
            .iter()
            .find(|s| {
                if s.detect.is_empty() {
                    return false;
                }
                let (got, need) = s.detect_score(page);
                got >= need
            })
            .map(|s| &**s)
    }
}

/// What a later look at some of the lines of a page takes from the first look instead of
/// computing it again (see [`Cleaner::settle`]); it implies that no site set applies.
struct Prior {
    scan: Option<crate::heuristics::TextScan>,
    candidates: Vec<engine::Candidates>,
}

/// The page that segmenting the body text of the blocks `body` (increasing) of `blocks` gives
/// (see [`crate::render::body_text`]: lines of a paragraph joined by a newline, paragraphs by
/// a blank line), built from the blocks themselves: each line, already normalised, is moved
/// into the new page (and left empty in `blocks` until the caller moves it back); the
/// paragraphs, line numbers and byte spans are those of the body text; a normalised line has
/// no indentation and no column gap, so a marker read from the indentation is a word there.
/// Also returns whether every block's text (the line without its marker) stays the same.
fn body_page(blocks: &mut [crate::page::Block], body: &[usize]) -> (Page, bool) {
    let mut out = Vec::with_capacity(body.len());
    let mut same_texts = true;
    let (mut para, mut line_no, mut offset) = (0u32, 1u32, 0usize);
    let mut prev_para = None;
    for &i in body {
        let b = &mut blocks[i];
        if let Some(p) = prev_para {
            let new_para = p != b.para;
            para += u32::from(new_para);
            line_no = line_no.saturating_add(1 + u32::from(new_para));
            offset += 1 + usize::from(new_para);
        }
        prev_para = Some(b.para);
        let line = std::mem::take(&mut b.line);
        let len = line.len();
        let (content, kind) = crate::segment::text::marker(&line, 0);
        same_texts &= content as u32 == b.content;
        out.push(crate::page::Block {
            line,
            content: content as u32,
            kind,
            span: offset..offset + len,
            first_line: line_no,
            last_line: line_no,
            para,
            indent: 0,
            gaps: 0,
            html: None,
        });
        offset += len;
    }
    let page = Page {
        kind: InputKind::Text,
        blocks: out,
        wrap_width: None,
        dom: None,
        found_meta: Vec::new(),
    };
    (page, same_texts)
}

/// The candidates of a page made of the blocks `picked` (increasing) of the page `c` was
/// found on, renumbered.
fn pick(c: &engine::Candidates, picked: &[usize]) -> engine::Candidates {
    c.iter()
        .map(|blocks| {
            blocks
                .iter()
                .filter_map(|&b| picked.binary_search(&(b as usize)).ok())
                .map(|j| j as u32)
                .collect()
        })
        .collect()
}

fn found_meta(page: &Page) -> Vec<(String, String)> {
    page.found_meta.clone()
}

fn host_of(url: &str) -> Option<String> {
    let parsed = url::Url::parse(url.trim())
        .or_else(|_| url::Url::parse(&format!("http://{}", url.trim())))
        .ok()?;
    parsed.host_str().map(|h| h.to_ascii_lowercase())
}

/// Builds a [`Cleaner`].
///
/// ```
/// use dechrome::{Cleaner, RuleSet};
/// let a = RuleSet::from_toml("name = 'a'").unwrap();
/// let err = Cleaner::builder().rule_set(a.clone()).rule_set(a).build().unwrap_err();
/// assert_eq!(err.to_string(), "rule set \"a\" is given twice");
/// ```
#[derive(Debug)]
pub struct CleanerBuilder {
    builtin: bool,
    sets: Vec<RuleSet>,
}

impl CleanerBuilder {
    /// Whether to include the bundled rule sets (default: yes). A set you add replaces a
    /// bundled set of the same name.
    ///
    /// ```
    /// # use dechrome::Cleaner;
    /// let c = Cleaner::builder().builtin(false).build().unwrap();
    /// assert_eq!(c.rule_sets().count(), 0);
    /// ```
    pub fn builtin(mut self, yes: bool) -> CleanerBuilder {
        self.builtin = yes;
        self
    }

    /// Add a rule set. Added site sets are tried before the bundled ones, in the order added.
    ///
    /// ```
    /// # use dechrome::{Cleaner, RuleSet};
    /// let set = RuleSet::from_toml("name = 'devdiscourse'").unwrap();
    /// let c = Cleaner::builder().rule_set(set).build().unwrap();
    /// // It replaced the bundled set of the same name.
    /// assert_eq!(c.rule_set("devdiscourse").unwrap().len(), 0);
    /// ```
    pub fn rule_set(mut self, set: RuleSet) -> CleanerBuilder {
        self.sets.push(set);
        self
    }

    /// Build the cleaner. Fails when two added sets share a name.
    ///
    /// ```
    /// # use dechrome::Cleaner;
    /// assert!(Cleaner::builder().build().is_ok());
    /// ```
    pub fn build(self) -> Result<Cleaner, Error> {
        let mut all: Vec<Arc<RuleSet>> = Vec::new();
        for s in self.sets {
            if all.iter().any(|t| t.name() == s.name()) {
                return Err(Error::new(
                    ErrorKind::DuplicateRuleSet,
                    format!("rule set \"{}\" is given twice", s.name()),
                ));
            }
            all.push(Arc::new(s));
        }
        if self.builtin {
            for b in crate::builtin::all() {
                if !all.iter().any(|t| t.name() == b.name()) {
                    all.push(b.clone());
                }
            }
        }
        let prune = crate::segment::html::Prune::for_selectors(
            all.iter()
                .flat_map(|s| &s.rules)
                .filter_map(|r| r.selector.as_ref())
                .map(|c| c.source.as_str()),
        );
        let (everywhere, sites) = all.into_iter().partition(|s| s.applies_everywhere());
        Ok(Cleaner {
            sites,
            everywhere,
            prune,
            id: Arc::new(()),
        })
    }
}

/// Clean one page with the bundled rule sets and default options.
///
/// ```
/// let article = dechrome::clean("The article.\n\nAdvertisement\n");
/// assert_eq!(article.body(), "The article.");
/// ```
pub fn clean(input: &str) -> Article {
    DEFAULT.clean(input, &Options::default())
}

#[cfg(test)]
mod tests {
    use super::*;

    /// How many cleaners' copies this thread keeps.
    fn kept() -> usize {
        HERE.with(|h| h.borrow().len())
    }

    /// Each thread cleans with copies of its own (made once, shared by clones of the
    /// cleaner), a copy is never copied again, and the copies of dropped cleaners go.
    #[test]
    fn each_thread_cleans_with_its_own_copy() {
        let c = Cleaner::new();
        let (first, again) = (c.here(), c.here());
        assert!(Rc::ptr_eq(&first, &again));
        assert!(Rc::ptr_eq(&c.clone().here(), &first));
        // Not the same rule sets: copies of them.
        assert!(!Arc::ptr_eq(&first.everywhere[0], &c.everywhere[0]));
        let before = kept();
        // Cleaning HTML and text (with its second look) goes through the one copy.
        let html = Options::default().input(InputMode::Html);
        c.clean("<p>Body text of the page.</p><p>Advertisement</p>", &html);
        c.clean("Body.\n\nAdvertisement", &Options::default());
        c.clean_page(Page::from_text("Body."), &Options::default());
        assert_eq!(kept(), before);
        let other =
            std::thread::scope(|s| s.spawn(|| Rc::as_ptr(&c.here()) as usize).join().unwrap());
        assert_ne!(other, Rc::as_ptr(&first) as usize);
        // Built cleaners are other cleaners: one copy each, the dropped ones forgotten.
        for _ in 0..5 {
            let own = Cleaner::builder().build().unwrap();
            own.clean("Body.", &Options::default());
        }
        assert_eq!(kept(), before + 1);
    }

    #[test]
    fn hosts() {
        assert_eq!(
            host_of("https://WWW.Example.com:8080/a?b").as_deref(),
            Some("www.example.com")
        );
        assert_eq!(host_of("example.com/path").as_deref(), Some("example.com"));
        assert_eq!(host_of(""), None);
    }

    /// A later look's candidates are the first look's on the blocks it keeps, renumbered, and
    /// they are what the rules find on that page themselves.
    #[test]
    fn later_looks_take_the_first_looks_candidates() {
        let set = RuleSet::from_toml(
            "name = 'x'\n[[rule]]\nid = 'ad'\ntext = '^Advertisement$'\naction = 'drop'\n\
             [[rule]]\nid = 'n'\ntext = '^\\d+$'\naction = 'drop'\nmax = 1\n",
        )
        .unwrap();
        let first = Page::from_text("a\nAdvertisement\n12\nb\nAdvertisement\n7\n");
        let mut labels: Labels = vec![None; first.blocks().len()];
        let c = engine::apply_with(&set, &first, &mut labels, &mut Found::default(), None);
        assert_eq!(c, [vec![1, 4], vec![2, 5]]);
        let kept = [0, 3, 4, 5];
        let picked = pick(&c, &kept);
        assert_eq!(picked, [vec![2], vec![3]]);
        let page = Page::from_text("a\nb\nAdvertisement\n7\n");
        let mut labels: Labels = vec![None; page.blocks().len()];
        let own = engine::apply_with(&set, &page, &mut labels, &mut Found::default(), None);
        assert_eq!(own, picked);
    }

    /// The page a later look builds from the body's blocks is the one segmenting the body
    /// text gives, field for field, and the blocks get their lines back; on the test pages
    /// and every way of keeping some of their blocks tried here. One page has inscriptis's
    /// indented "o" bullets: with the indentation gone, the "o" is a word of the line.
    #[test]
    fn the_body_page_is_the_segmented_body() {
        let nested = "Sections\n   o Sports\n   o Local news\n\n\
            The council met on Tuesday and voted on the budget for the coming year.\n   \
            o an item of a nested list, long enough to be prose if it were read as a line\n";
        let mut tried = 0;
        for input in crate::test_pages().into_iter().chain([nested.to_string()]) {
            let page = Page::from_text(&input);
            let n = page.blocks().len();
            for keep in [
                |_: usize| true,
                |i: usize| i % 3 != 1,
                |i: usize| i % 2 == 0,
                |i: usize| (5..9).contains(&i) || i > 20,
            ] {
                let body: Vec<usize> = (0..n).filter(|&i| keep(i)).collect();
                let labels: Vec<(Label, Reason)> = (0..n)
                    .map(|i| {
                        let l = if keep(i) { Label::Body } else { Label::Chrome };
                        (l, Reason::Default)
                    })
                    .collect();
                let text = crate::render::body_text(page.blocks(), &labels);
                let want = Page::from_text(&text);
                let mut blocks = page.blocks().to_vec();
                let (got, _) = body_page(&mut blocks, &body);
                assert_eq!(format!("{:?}", got.blocks), format!("{:?}", want.blocks));
                assert!(body.iter().all(|&i| blocks[i].line.is_empty()));
                tried += 1;
            }
        }
        assert!(tried > 20, "{tried}");
    }

    fn assert_send_sync<T: Send + Sync>() {}

    #[test]
    fn cleaner_and_article_are_send_sync() {
        assert_send_sync::<Cleaner>();
        assert_send_sync::<Article>();
        assert_send_sync::<RuleSet>();
    }
}
