//! Raw HTML → blocks.
//!
//! The document is parsed with `scraper` (html5ever) and walked once, without recursion, with
//! an explicit stack of open elements. Every block-level element boundary ends the current text
//! run; `<br>` ends a run but keeps the paragraph (two in a row start a new one). Text of
//! `script`, `style`, `noscript`, `template`, `svg`, `iframe`, form controls, `<head>` and
//! hidden elements (`hidden` attribute, inline `display:none` / `visibility:hidden`) never
//! becomes a block.
//!
//! Besides the blocks, the walk records one [`ElemInfo`] per element in document (pre-)order:
//! parent, last descendant, tag, landmarks, class/id weight and the text and link characters
//! below it. Descendants of element `e` are exactly the ordinals `e + 1 ..= end[e]`, which lets
//! selector rules and the article heuristics reason about subtrees without walking the tree.

use std::sync::LazyLock;

use aho_corasick::{AhoCorasick, AhoCorasickKind};
use html5ever::{local_name, LocalName};
use scraper::node::Element;
use scraper::{ElementRef, Node};

use super::simple_css;
use crate::normalize::is_space;
use crate::page::{Block, BlockKind, HtmlFeatures, InputKind, Page};

/// Landmark bits of [`HtmlFeatures::landmarks`] and [`ElemInfo::landmarks`].
pub(crate) mod landmark {
    /// `<nav>`, `role=navigation|menu|menubar`.
    pub(crate) const NAV: u16 = 1;
    /// `<header>`, `role=banner`.
    pub(crate) const HEADER: u16 = 1 << 1;
    /// `<footer>`, `role=contentinfo`.
    pub(crate) const FOOTER: u16 = 1 << 2;
    /// `<aside>`, `role=complementary`.
    pub(crate) const ASIDE: u16 = 1 << 3;
    /// `<main>`, `role=main`.
    pub(crate) const MAIN: u16 = 1 << 4;
    /// `<article>`, `role=article`.
    pub(crate) const ARTICLE: u16 = 1 << 5;
    /// `<form>`, `role=form|search`.
    pub(crate) const FORM: u16 = 1 << 6;
    /// `<dialog>`, `role=dialog|alertdialog`.
    pub(crate) const DIALOG: u16 = 1 << 7;
    /// `<figure>`.
    pub(crate) const FIGURE: u16 = 1 << 8;
    /// `<a>` with an `href` (the block's element or an ancestor is a link).
    pub(crate) const LINK: u16 = 1 << 9;
    /// `<table>`.
    pub(crate) const TABLE: u16 = 1 << 10;
}

/// Tags the heuristics care about.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Tag {
    Html,
    Body,
    Div,
    P,
    H(u8),
    Ul,
    Ol,
    Li,
    Dl,
    Dt,
    Dd,
    Table,
    Tbody,
    Tr,
    Td,
    Th,
    Pre,
    Blockquote,
    Section,
    Article,
    Main,
    Nav,
    Header,
    Footer,
    Aside,
    Form,
    Figure,
    Figcaption,
    Address,
    A,
    Br,
    Time,
    Other,
}

/// What the segmenter knows about one element, indexed by its pre-order ordinal.
#[derive(Clone, Copy, Debug)]
pub(crate) struct ElemInfo {
    pub(crate) tag: Tag,
    /// Ordinal of the parent element (`u32::MAX` for the root).
    pub(crate) parent: u32,
    /// Ordinal of the last descendant (itself when it has none).
    pub(crate) end: u32,
    /// Landmarks of the element and its ancestors.
    pub(crate) landmarks: u16,
    /// Class/id vocabulary weight of this element alone: positive = article-like.
    pub(crate) weight: i16,
    /// Class/id say "unlikely to be content" (comments, sidebars, share bars…).
    pub(crate) unlikely: bool,
    /// Skipped subtree (script, hidden…): none of its text reached a block.
    pub(crate) skipped: bool,
    /// Visible text characters below the element.
    pub(crate) chars: u32,
    /// Of which inside links.
    pub(crate) link_chars: u32,
}

/// The parsed document, kept on the page for selector rules and the HTML heuristics.
pub(crate) struct Dom {
    /// The parsed tree, for selector rules; dropped once the rule sets have run
    /// ([`Page::drop_tree`](crate::page::Page)), since it is the largest part of a page.
    pub(crate) html: Option<scraper::Html>,
    /// One entry per element, in document order.
    pub(crate) elems: Vec<ElemInfo>,
    /// `og:title` / `twitter:title`, when present.
    pub(crate) og_title: Option<String>,
    /// JSON-LD `headline`, when present.
    pub(crate) ld_headline: Option<String>,
    /// `<title>`, when present.
    pub(crate) doc_title: Option<String>,
}

impl Dom {
    /// Whether element `a` is `d` or an ancestor of `d`.
    pub(crate) fn contains(&self, a: u32, d: u32) -> bool {
        match self.elems.get(a as usize) {
            Some(e) => a <= d && d <= e.end,
            None => false,
        }
    }
}

/// Elements whose text never becomes a block.
fn skip_tag(name: &LocalName) -> bool {
    matches!(
        *name,
        local_name!("script")
            | local_name!("style")
            | local_name!("noscript")
            | local_name!("template")
            | local_name!("svg")
            | local_name!("iframe")
            | local_name!("object")
            | local_name!("embed")
            | local_name!("canvas")
            | local_name!("select")
            | local_name!("textarea")
            | local_name!("button")
            | local_name!("head")
            | local_name!("audio")
            | local_name!("video")
            | local_name!("input")
            | local_name!("datalist")
            | local_name!("frameset")
            | local_name!("dialog")
            | local_name!("title")
    )
}

/// The tag of an element (names compare as interned atoms, not strings).
fn tag_of(name: &LocalName) -> Tag {
    match *name {
        local_name!("html") => Tag::Html,
        local_name!("body") => Tag::Body,
        local_name!("div") => Tag::Div,
        local_name!("p") => Tag::P,
        local_name!("h1") => Tag::H(1),
        local_name!("h2") => Tag::H(2),
        local_name!("h3") => Tag::H(3),
        local_name!("h4") => Tag::H(4),
        local_name!("h5") => Tag::H(5),
        local_name!("h6") => Tag::H(6),
        local_name!("ul") | local_name!("menu") | local_name!("dir") => Tag::Ul,
        local_name!("ol") => Tag::Ol,
        local_name!("li") => Tag::Li,
        local_name!("dl") => Tag::Dl,
        local_name!("dt") => Tag::Dt,
        local_name!("dd") => Tag::Dd,
        local_name!("table") => Tag::Table,
        local_name!("tbody") | local_name!("thead") | local_name!("tfoot") => Tag::Tbody,
        local_name!("tr") => Tag::Tr,
        local_name!("td") => Tag::Td,
        local_name!("th") => Tag::Th,
        local_name!("pre")
        | local_name!("listing")
        | local_name!("xmp")
        | local_name!("plaintext") => Tag::Pre,
        local_name!("blockquote") => Tag::Blockquote,
        local_name!("section") => Tag::Section,
        local_name!("article") => Tag::Article,
        local_name!("main") => Tag::Main,
        local_name!("nav") => Tag::Nav,
        local_name!("header") => Tag::Header,
        local_name!("footer") => Tag::Footer,
        local_name!("aside") => Tag::Aside,
        local_name!("form") => Tag::Form,
        local_name!("figure") => Tag::Figure,
        local_name!("figcaption") => Tag::Figcaption,
        local_name!("address") => Tag::Address,
        local_name!("a") => Tag::A,
        local_name!("br") => Tag::Br,
        local_name!("time") => Tag::Time,
        _ => Tag::Other,
    }
}

/// Block-level elements: their start and end end a text run.
fn is_block(tag: Tag, name: &LocalName) -> bool {
    match tag {
        Tag::A | Tag::Br | Tag::Time => false,
        Tag::Other => matches!(
            *name,
            local_name!("center")
                | local_name!("details")
                | local_name!("summary")
                | local_name!("fieldset")
                | local_name!("legend")
                | local_name!("hgroup")
                | local_name!("hr")
                | local_name!("caption")
                | local_name!("option")
                | local_name!("optgroup")
                | local_name!("title")
                | local_name!("frame")
                | local_name!("noframes")
                | local_name!("colgroup")
                | local_name!("col")
                | local_name!("search")
        ),
        _ => true,
    }
}

/// Readability's class/id vocabulary, split in article-like and chrome-like words.
const POSITIVE: &[&str] = &[
    "article",
    "body",
    "content",
    "entry",
    "hentry",
    "h-entry",
    "main",
    "page",
    "post",
    "text",
    "blog",
    "story",
    "prose",
    "instapaper_body",
];
const NEGATIVE: &[&str] = &[
    "hidden",
    "banner",
    "combx",
    "comment",
    "com-",
    "contact",
    "foot",
    "masthead",
    "media",
    "meta",
    "outbrain",
    "promo",
    "related",
    "scroll",
    "share",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "sponsor",
    "shopping",
    "tags",
    "tool",
    "widget",
    "social",
    "nav",
    "menu",
    "breadcrumb",
    "cookie",
    "consent",
    "newsletter",
    "subscribe",
    "signup",
    "popup",
    "modal",
    "advert",
    "recommend",
    "trending",
    "taboola",
    "footer",
    "header",
    "byline",
    "caption",
    "pagination",
    "pager",
    "login",
    "disqus",
    "rss",
    "print",
    "email",
    "author",
    "dateline",
];
/// Words that make an element unlikely to hold the article unless it also says "article".
const UNLIKELY: &[&str] = &[
    "comment",
    "community",
    "disqus",
    "extra",
    "foot",
    "header",
    "menu",
    "related",
    "remark",
    "replies",
    "rss",
    "shoutbox",
    "sidebar",
    "skyscraper",
    "social",
    "sponsor",
    "supplemental",
    "ad-break",
    "agegate",
    "pagination",
    "pager",
    "popup",
    "share",
    "cookie",
    "consent",
    "newsletter",
    "breadcrumb",
    "banner",
    "promo",
    "recommend",
    "trending",
    "taboola",
    "outbrain",
    "nav",
    "widget",
    "tags",
    "masthead",
    "subscribe",
    "signup",
    "login",
];
const MAYBE: &[&str] = &[
    "and", "article", "body", "column", "content", "main", "shadow", "story", "post",
];

struct Vocab {
    ac: AhoCorasick,
    /// Per pattern: 0 positive, 1 negative, 2 unlikely, 3 maybe.
    class: Vec<u8>,
}

static VOCAB: LazyLock<Vocab> = LazyLock::new(|| {
    let mut pats = Vec::new();
    let mut class = Vec::new();
    for (c, list) in [POSITIVE, NEGATIVE, UNLIKELY, MAYBE].iter().enumerate() {
        for p in list.iter() {
            pats.push(*p);
            class.push(c as u8);
        }
    }
    // A DFA: every element with a class or id is searched, and with this many patterns the
    // builder would otherwise pick a (slower to search) NFA.
    let ac = AhoCorasick::builder()
        .ascii_case_insensitive(true)
        .kind(Some(AhoCorasickKind::DFA))
        .build(pats)
        .expect("static patterns compile");
    Vocab { ac, class }
});

/// (weight, unlikely) of one element from its class and id.
fn vocab_weight(a: &Attrs<'_>) -> (i16, bool) {
    let mut weight = 0i16;
    let mut unlikely = false;
    let mut maybe = false;
    let v = &*VOCAB;
    let mut attr = |s: &str| {
        let mut pos = false;
        let mut neg = false;
        for m in v.ac.find_overlapping_iter(s) {
            match v.class[m.pattern().as_usize()] {
                0 => pos = true,
                1 => neg = true,
                2 => unlikely = true,
                _ => maybe = true,
            }
        }
        if pos {
            weight += 25;
        }
        if neg {
            weight -= 25;
        }
    };
    if let Some(c) = a.class {
        attr(c);
    }
    if let Some(i) = a.id {
        attr(i);
    }
    (weight, unlikely && !maybe)
}

/// The attributes the walk reads, found in one pass over the element's attributes (each
/// `Element::attr` call interns its name and searches again).
#[derive(Default)]
struct Attrs<'a> {
    class: Option<&'a str>,
    id: Option<&'a str>,
    style: Option<&'a str>,
    role: Option<&'a str>,
    href: Option<&'a str>,
    itemprop: Option<&'a str>,
    hidden: bool,
}

fn attrs_of(el: &Element) -> Attrs<'_> {
    let mut a = Attrs::default();
    for (q, v) in &el.attrs {
        if !q.ns.is_empty() {
            continue;
        }
        let v = Some(&**v);
        match q.local {
            local_name!("class") => a.class = v,
            local_name!("id") => a.id = v,
            local_name!("style") => a.style = v,
            local_name!("role") => a.role = v,
            local_name!("href") => a.href = v,
            local_name!("itemprop") => a.itemprop = v,
            local_name!("hidden") => a.hidden = true,
            _ => {}
        }
    }
    a
}

fn is_hidden(a: &Attrs<'_>) -> bool {
    if a.hidden {
        return true;
    }
    a.style
        .is_some_and(|style| style.len() < 4096 && style_says_hidden(style))
}

/// Whether a `style` attribute's value says `display:none` or `visibility:hidden`, whatever
/// the spaces and the case.
pub(crate) fn style_says_hidden(style: &str) -> bool {
    let compact: Vec<u8> = if style.is_ascii() {
        style
            .bytes()
            .filter(|c| !(*c as char).is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect()
    } else {
        style
            .chars()
            .filter(|c| !c.is_whitespace())
            .map(|c| c.to_ascii_lowercase())
            .collect::<String>()
            .into_bytes()
    };
    let has = |n: &[u8]| memchr::memmem::find(&compact, n).is_some();
    has(b"display:none") || has(b"visibility:hidden")
}

fn landmarks_of(tag: Tag, a: &Attrs<'_>) -> u16 {
    use landmark::*;
    let mut l = match tag {
        Tag::Nav => NAV,
        Tag::Header => HEADER,
        Tag::Footer => FOOTER,
        Tag::Aside => ASIDE,
        Tag::Main => MAIN,
        Tag::Article => ARTICLE,
        Tag::Form => FORM,
        Tag::Figure => FIGURE,
        Tag::Table => TABLE,
        Tag::A if a.href.is_some() => LINK,
        _ => 0,
    };
    if let Some(role) = a.role {
        l |= match role.trim().to_ascii_lowercase().as_str() {
            "navigation" | "menu" | "menubar" => NAV,
            "banner" => HEADER,
            "contentinfo" => FOOTER,
            "complementary" => ASIDE,
            "main" => MAIN,
            "article" => ARTICLE,
            "form" | "search" => FORM,
            "dialog" | "alertdialog" => DIALOG,
            _ => 0,
        };
    }
    l
}

/// Metadata read while walking the document.
#[derive(Default)]
struct MetaFound {
    author: Option<String>,
    date: Option<String>,
    site_name: Option<String>,
    language: Option<String>,
    canonical: Option<String>,
    og_url: Option<String>,
    og_title: Option<String>,
    doc_title: Option<String>,
    ld: LdFound,
    time: Option<String>,
    /// Raw length of the first `<title>`'s text.
    title_raw_len: usize,
}

#[derive(Default)]
struct LdFound {
    author: Option<String>,
    date: Option<String>,
    site_name: Option<String>,
    headline: Option<String>,
}

fn clean_value(s: &str) -> Option<String> {
    let v = crate::normalize::normalize_space(s);
    (!v.is_empty() && v.len() < 512).then(|| v.into_owned())
}

fn set_once(slot: &mut Option<String>, v: &str) {
    if slot.is_none() {
        *slot = clean_value(v);
    }
}

impl MetaFound {
    fn meta_tag(&mut self, el: &Element) {
        let Some(content) = el.attr("content") else {
            if let Some(cs) = el.attr("http-equiv") {
                let _ = cs;
            }
            return;
        };
        let key = el
            .attr("property")
            .or_else(|| el.attr("name"))
            .or_else(|| el.attr("itemprop"))
            .or_else(|| el.attr("http-equiv"));
        let Some(key) = key else { return };
        let key = key.trim().to_ascii_lowercase();
        match key.as_str() {
            "og:title" | "twitter:title" => set_once(&mut self.og_title, content),
            "og:site_name" | "application-name" | "twitter:site" => {
                set_once(&mut self.site_name, content)
            }
            "author" | "article:author" | "dc.creator" | "dcterms.creator" | "byl"
            | "sailthru.author" | "parsely-author" | "citation_author"
                if !content.trim_start().starts_with("http") =>
            {
                set_once(&mut self.author, content.trim_start_matches("By ").trim());
            }
            "article:published_time"
            | "og:published_time"
            | "date"
            | "pubdate"
            | "publishdate"
            | "publish-date"
            | "dc.date"
            | "dc.date.issued"
            | "dcterms.date"
            | "dcterms.created"
            | "sailthru.date"
            | "parsely-pub-date"
            | "datepublished"
            | "citation_publication_date"
            | "article.published"
            | "original-publish-date" => set_once(&mut self.date, content),
            "og:url" => set_once(&mut self.og_url, content),
            "og:locale" | "content-language" | "dc.language" | "language" => {
                set_once(&mut self.language, content)
            }
            _ => {}
        }
    }

    fn json_ld(&mut self, src: &str) {
        if src.len() > 1 << 20 {
            return;
        }
        let Ok(v) = serde_json::from_str::<serde_json::Value>(src) else {
            return;
        };
        // Walk without recursion; read the first article-like object's fields.
        let mut stack = vec![&v];
        let mut steps = 0;
        while let Some(v) = stack.pop() {
            steps += 1;
            if steps > 10_000 {
                break;
            }
            match v {
                serde_json::Value::Array(a) => stack.extend(a.iter().rev()),
                serde_json::Value::Object(o) => {
                    let ty = o.get("@type").map(|t| t.to_string()).unwrap_or_default();
                    let articleish = ty.contains("Article")
                        || ty.contains("BlogPosting")
                        || ty.contains("Report")
                        || ty.contains("WebPage");
                    if articleish {
                        if let Some(h) = o.get("headline").and_then(|h| h.as_str()) {
                            set_once(&mut self.ld.headline, h);
                        }
                        if let Some(d) = o.get("datePublished").and_then(|h| h.as_str()) {
                            set_once(&mut self.ld.date, d);
                        }
                        if let Some(a) = o.get("author") {
                            if let Some(name) = ld_name(a) {
                                set_once(&mut self.ld.author, name);
                            }
                        }
                        if let Some(p) = o.get("publisher") {
                            if let Some(name) = ld_name(p) {
                                set_once(&mut self.ld.site_name, name);
                            }
                        }
                    }
                    if let Some(g) = o.get("@graph") {
                        stack.push(g);
                    }
                    if let Some(m) = o.get("mainEntity") {
                        stack.push(m);
                    }
                }
                _ => {}
            }
        }
    }

    fn into_pairs(self) -> Vec<(String, String)> {
        let mut out = Vec::new();
        let mut put = |k: &str, v: Option<String>| {
            if let Some(v) = v {
                out.push((k.to_string(), v));
            }
        };
        put("author", self.ld.author.or(self.author));
        put("date", self.ld.date.or(self.date).or(self.time));
        put("site_name", self.site_name.or(self.ld.site_name));
        put("language", self.language);
        put("url", self.canonical.or(self.og_url));
        out
    }
}

fn ld_name(v: &serde_json::Value) -> Option<&str> {
    match v {
        serde_json::Value::String(s) => Some(s),
        serde_json::Value::Object(o) => o.get("name").and_then(|n| n.as_str()),
        serde_json::Value::Array(a) => a.first().and_then(ld_name),
        _ => None,
    }
}

/// One open element on the walk's stack.
struct Frame {
    ord: u32,
    /// Ordinal of the nearest block-level element (itself when block-level).
    block: u32,
    block_kind: BlockKind,
    /// Inside a skipped subtree.
    skip: bool,
    pre: bool,
    link: bool,
    is_block: bool,
}

/// The text run being built.
struct Run<'a> {
    buf: String,
    chars: u32,
    link_chars: u32,
    first_raw: Option<&'a str>,
    last_raw: Option<&'a str>,
    pending_space: bool,
}

struct Walker<'a> {
    input: &'a str,
    blocks: Vec<Block>,
    elems: Vec<ElemInfo>,
    stack: Vec<Frame>,
    run: Run<'a>,
    para: u32,
    emitted_in_para: bool,
    /// `<br>`s since the last text.
    brs: u32,
    /// Search cursor and line counter for locating text in the input.
    cursor: usize,
    line_pos: usize,
    line_no: u32,
    /// Name, id and classes of each open frame, for the blocks' tokens and CSS paths.
    idents: Vec<Ident<'a>>,
}

/// What a block's tokens and CSS path read of one open element, read once when it opens.
#[derive(Clone, Copy)]
struct Ident<'a> {
    name: &'a str,
    id: Option<&'a str>,
    /// The first [`IDENT_CLASSES`] classes in sorted order without repeats (as
    /// `Element::classes` gives them); `""` past the last.
    classes: [&'a str; IDENT_CLASSES],
}

/// Classes an [`Ident`] keeps: a path step shows two, tokens take three.
const IDENT_CLASSES: usize = 3;

impl<'a> Ident<'a> {
    fn new(name: &'a str, at: &Attrs<'a>) -> Ident<'a> {
        let mut classes = [""; IDENT_CLASSES];
        let mut n = 0;
        for c in at.class.into_iter().flat_map(str::split_ascii_whitespace) {
            // Insert `c` in the sorted prefix unless it is there already or sorts after a
            // full one: the smallest distinct classes, without sorting them all.
            let pos = classes[..n].partition_point(|k| *k < c);
            if classes[..n].get(pos) == Some(&c) || pos == IDENT_CLASSES {
                continue;
            }
            n = (n + 1).min(IDENT_CLASSES);
            classes[pos..n].rotate_right(1);
            classes[pos] = c;
        }
        Ident {
            name,
            id: at.id,
            classes,
        }
    }
}

/// Longest prefix (or suffix) of `raw`'s trimmed text that appears verbatim in the source:
/// ASCII without characters entities usually stand for, at most 24 bytes.
fn needle(raw: &str, from_end: bool) -> &str {
    let t = raw.trim_matches(is_space);
    let ok = |b: u8| {
        b.is_ascii()
            && !matches!(b, b'&' | b'<' | b'>' | b'"' | b'\'' | b'\n' | b'\r' | b'\t')
            && b >= 0x20
    };
    let bytes = t.as_bytes();
    if from_end {
        let n = bytes.iter().rev().take(24).take_while(|b| ok(**b)).count();
        &t[t.len() - n..]
    } else {
        let n = bytes.iter().take(24).take_while(|b| ok(**b)).count();
        &t[..n]
    }
}

const SEARCH_WINDOW: usize = 64 * 1024;
/// Places of a needle's first byte [`Walker::find`] checks before it builds a searcher.
const NEAR_CANDIDATES: usize = 8;

/// Byte offset of the `<body` tag in the first 1 MiB, or 0.
fn body_start(input: &str) -> usize {
    let head = &input.as_bytes()[..input.len().min(1 << 20)];
    memchr::memmem::find_iter(head, b"<")
        .find(|&p| head[p + 1..].len() >= 4 && head[p + 1..p + 5].eq_ignore_ascii_case(b"body"))
        .unwrap_or(0)
}

impl<'a> Walker<'a> {
    fn find(&self, from: usize, what: &str) -> Option<usize> {
        if what.len() < 3 || from >= self.input.len() {
            return None;
        }
        let end = (from + SEARCH_WINDOW).min(self.input.len());
        let (hay, what) = (&self.input.as_bytes()[from..end], what.as_bytes());
        // Most needles are found near the cursor: checking the first few places their first
        // byte occurs costs less than building a substring searcher, which only pays past them.
        let (mut next, mut seen) = (0, 0);
        for p in memchr::memchr_iter(what[0], hay).take(NEAR_CANDIDATES) {
            if hay[p..].starts_with(what) {
                return Some(from + p);
            }
            (next, seen) = (p + 1, seen + 1);
        }
        if seen < NEAR_CANDIDATES {
            return None;
        }
        memchr::memmem::find(&hay[next..], what).map(|p| from + next + p)
    }

    fn line_at(&mut self, pos: usize) -> u32 {
        if pos < self.line_pos {
            self.line_pos = 0;
            self.line_no = 1;
        }
        self.line_no +=
            memchr::memchr_iter(b'\n', &self.input.as_bytes()[self.line_pos..pos]).count() as u32;
        self.line_pos = pos;
        self.line_no
    }

    fn push_text(&mut self, raw: &'a str, pre: bool, link: bool) {
        let run = &mut self.run;
        let mut added = 0u32;
        for c in raw.chars() {
            if pre && c == '\n' {
                run.buf.push('\n');
                run.pending_space = false;
            } else if is_space(c) {
                run.pending_space = !run.buf.is_empty() && !run.buf.ends_with('\n');
            } else {
                if run.pending_space {
                    run.buf.push(' ');
                    run.pending_space = false;
                }
                run.buf.push(c);
                added += 1;
            }
        }
        if added > 0 {
            if run.first_raw.is_none() {
                run.first_raw = Some(raw);
            }
            run.last_raw = Some(raw);
            run.chars += added;
            if link {
                run.link_chars += added;
            }
            self.brs = 0;
        }
        if let Some(f) = self.stack.last() {
            let e = &mut self.elems[f.ord as usize];
            e.chars += added;
            if link {
                e.link_chars += added;
            }
        }
    }

    /// End the current run: emit a block when it has text.
    fn flush(&mut self) {
        if self.run.chars == 0 {
            self.run.buf.clear();
            self.run.pending_space = false;
            self.run.first_raw = None;
            self.run.last_raw = None;
            return;
        }
        let (chars, link_chars) = (self.run.chars, self.run.link_chars);
        let (first_raw, last_raw) = (self.run.first_raw.take(), self.run.last_raw.take());
        self.run.chars = 0;
        self.run.link_chars = 0;
        self.run.pending_space = false;
        let Some(top) = self.stack.last() else {
            self.run.buf.clear();
            return;
        };
        let (block_ord, kind) = (top.block, top.block_kind);
        // The block's text is copied out at its final length; the run's buffer is kept for the
        // next run, so it grows once per page rather than once per block.
        let run = self.run.buf.as_str();
        let text = if run.contains('\n') {
            let lines: Vec<&str> = run.split('\n').map(|l| l.trim_matches(is_space)).collect();
            let first = lines.iter().position(|l| !l.is_empty()).unwrap_or(0);
            let last = lines.iter().rposition(|l| !l.is_empty()).unwrap_or(0);
            lines[first..=last].join("\n")
        } else {
            run.trim_end_matches(is_space).to_string()
        };
        self.run.buf.clear();
        // Where the run sits in the input (best effort: entities make some text unfindable).
        let start = first_raw
            .and_then(|r| self.find(self.cursor, needle(r, false)))
            .unwrap_or(self.cursor);
        let end = last_raw
            .and_then(|r| {
                let n = needle(r, true);
                self.find(start, n).map(|p| p + n.len())
            })
            .unwrap_or(start)
            .max(start);
        self.cursor = start;
        let first_line = self.line_at(start);
        let last_line = self.line_at(end);
        self.cursor = end;
        let features = self.features(block_ord, chars, link_chars);
        self.blocks.push(Block {
            line: text,
            content: 0,
            kind,
            span: start..end,
            first_line,
            last_line,
            para: self.para,
            indent: 0,
            gaps: 0,
            html: Some(Box::new(features)),
        });
        self.emitted_in_para = true;
    }

    fn features(&self, block_ord: u32, chars: u32, link_chars: u32) -> HtmlFeatures {
        // The frames from the block element up, nearest first; capped so deep pages stay linear.
        let pos = self
            .stack
            .iter()
            .rposition(|f| f.ord == block_ord)
            .unwrap_or(self.stack.len().saturating_sub(1));
        // Tokens and path steps are gathered as slices of the tree and written once: a block
        // costs three allocations (tag, tokens, path), not one per step and token. An element
        // adds up to an id and `IDENT_CLASSES` classes at once, so the count may pass the cap.
        let mut toks: [&str; MAX_TOKENS + IDENT_CLASSES] = [""; MAX_TOKENS + IDENT_CLASSES];
        let mut n_tokens = 0;
        // (name, id, first two classes) of the path's steps, nearest first.
        let mut steps: [(&str, Option<&str>, [&str; 2]); PATH_STEPS] =
            [("", None, [""; 2]); PATH_STEPS];
        let mut n_steps = 0;
        let lo = pos.saturating_sub(24);
        for i in (lo..=pos).rev() {
            let Some(ident) = self.idents.get(i) else {
                continue;
            };
            if n_steps >= PATH_STEPS && n_tokens >= MAX_TOKENS {
                break;
            }
            let classes = ident.classes.iter().copied().filter(|c| !c.is_empty());
            if n_steps < PATH_STEPS {
                steps[n_steps] = (ident.name, ident.id, [ident.classes[0], ident.classes[1]]);
                n_steps += 1;
            }
            if n_tokens < MAX_TOKENS {
                for t in ident.id.into_iter().chain(classes) {
                    toks[n_tokens] = t;
                    n_tokens += 1;
                }
            }
        }
        let toks = &toks[..n_tokens];
        let mut tokens = String::with_capacity(
            toks.iter()
                .map(|t| t.len() + 1)
                .sum::<usize>()
                .saturating_sub(1),
        );
        for t in toks {
            if !tokens.is_empty() {
                tokens.push(' ');
            }
            let from = tokens.len();
            tokens.push_str(t);
            tokens[from..].make_ascii_lowercase();
        }
        let steps = &steps[..n_steps];
        let mut css_path = String::with_capacity(
            4 + steps
                .iter()
                .map(|(n, id, c)| {
                    n.len() + id.map_or(0, |i| i.len() + 1) + c[0].len() + c[1].len() + 5
                })
                .sum::<usize>(),
        );
        if pos + 1 > steps.len() {
            css_path.push_str("… > ");
        }
        for (k, (name, id, classes)) in steps.iter().rev().enumerate() {
            if k > 0 {
                css_path.push_str(" > ");
            }
            css_path.push_str(name);
            if let Some(id) = id {
                css_path.push('#');
                css_path.push_str(id);
            }
            for c in classes.iter().filter(|c| !c.is_empty()) {
                css_path.push('.');
                css_path.push_str(c);
            }
        }
        let tag = self
            .idents
            .get(pos)
            .map(|i| i.name.to_string())
            .unwrap_or_default();
        HtmlFeatures {
            tag,
            landmarks: self
                .elems
                .get(block_ord as usize)
                .map_or(0, |e| e.landmarks),
            tokens,
            link_density: if chars == 0 {
                0.0
            } else {
                link_chars as f32 / chars as f32
            },
            css_path,
            node: block_ord as usize,
        }
    }

    fn boundary(&mut self) {
        self.flush();
        if self.emitted_in_para {
            self.para += 1;
            self.emitted_in_para = false;
        }
        self.brs = 0;
    }
}

/// Steps of a block's CSS path (nearest ancestors).
const PATH_STEPS: usize = 5;
/// Class and id tokens kept per block (about: an element adds up to four at once).
const MAX_TOKENS: usize = 10;

pub(crate) use super::prune::Prune;

/// Segment raw HTML into blocks, keeping the parsed document on the page. `prune` says what
/// of the markup the parse may leave out (what the rule sets to apply never read).
pub(crate) fn segment(input: &str, prune: &Prune) -> Page {
    // A page nested deeper than browsers build is flattened first (see `depth`); spans then
    // index the caller's input again.
    if let Some(flat) = super::depth::flatten(input) {
        let mut page = segment_capped(&flat.text, prune);
        for b in &mut page.blocks {
            b.span = flat.original(b.span.clone());
        }
        return page;
    }
    segment_capped(input, prune)
}

fn segment_capped(input: &str, prune: &Prune) -> Page {
    let html = parse(input, prune);
    let mut meta = MetaFound::default();
    let (blocks, elems) = walk(input, &html, &mut meta);
    // A `<title>` that is never closed swallows the whole page as its text (the parser is
    // right to do so); a browser shows nothing either, but the page is still worth reading:
    // close the title at its first line and read again.
    if blocks.is_empty() && meta.title_raw_len > 512 {
        if let Some((fixed, at)) = close_title(input) {
            let mut page = segment_parsed(&fixed, parse(&fixed, prune));
            // Spans index the caller's input: shift back what follows the inserted tag.
            let back = |p: usize| if p >= at + 8 { p - 8 } else { p.min(at) };
            for b in &mut page.blocks {
                b.span = back(b.span.start)..back(b.span.end);
            }
            return page;
        }
    }
    finish(html, blocks, elems, meta)
}

/// Parse a document as `scraper::Html::parse_document` does, but feed the parser the input in
/// chunks: it copies what it is given into its own buffers, and text nodes keep pieces of those
/// buffers alive, so one whole copy of a large page would stay until the tree is dropped.
///
/// Comments, the text of scripts, style sheets and the other raw-text elements dechrome never
/// reads, and the attributes `prune` allows are not fed at all (see [`super::prune`]).
fn parse(input: &str, prune: &Prune) -> scraper::Html {
    parse_with(input, Some(prune))
}

/// [`parse`], or with `None` the plain parse (everything fed as it is).
pub(super) fn parse_with(input: &str, prune: Option<&Prune>) -> scraper::Html {
    // The node vector sized up front: a tree grown by doubling holds the old and the new
    // vector at once when it moves (a third of a large page's peak memory). A page has about
    // one node per `<` (an element per start tag, a text node per end tag); capped so a text
    // full of `<` does not reserve more than it could use, and so a huge input reserves no
    // more than 2^20 nodes (128 MiB) up front: beyond that the vector grows as it fills.
    let nodes = memchr::memchr_iter(b'<', input.as_bytes())
        .count()
        .min(input.len() / 4)
        .min(1 << 20)
        + 16;
    let mut doc = scraper::Html::new_document();
    doc.tree = ego_tree::Tree::with_capacity(scraper::Node::Document, nodes);
    let mut parser = html5ever::driver::parse_document(
        super::sink::LeanSink::new(doc, input.len()),
        Default::default(),
    );
    match prune {
        Some(p) => super::prune::feed_pruned(&mut parser, input, p),
        None => super::prune::feed(&mut parser, input),
    }
    html5ever::tendril::TendrilSink::finish(parser)
}

fn segment_parsed(input: &str, html: scraper::Html) -> Page {
    let mut meta = MetaFound::default();
    let (blocks, elems) = walk(input, &html, &mut meta);
    finish(html, blocks, elems, meta)
}

/// The input with `</title>` inserted at the end of the title's first line.
pub(crate) fn close_title(input: &str) -> Option<(String, usize)> {
    let lower = input.as_bytes().to_ascii_lowercase();
    let at = memchr::memmem::find(&lower, b"<title")?;
    let gt = at + memchr::memchr(b'>', &lower[at..])?;
    let end = gt
        + 1
        + lower[gt + 1..]
            .iter()
            .position(|&c| matches!(c, b'<' | b'\n'))?;
    if !input.is_char_boundary(end) {
        return None;
    }
    let mut s = String::with_capacity(input.len() + 8);
    s.push_str(&input[..end]);
    s.push_str("</title>");
    s.push_str(&input[end..]);
    Some((s, end))
}

fn finish(
    html: scraper::Html,
    blocks: Vec<Block>,
    elems: Vec<ElemInfo>,
    mut meta: MetaFound,
) -> Page {
    let og_title = meta.og_title.take();
    let ld_headline = meta.ld.headline.take();
    let doc_title = meta.doc_title.take();
    let found_meta = meta.into_pairs();
    let dom = Dom {
        html: Some(html),
        elems,
        og_title,
        ld_headline,
        doc_title,
    };
    Page {
        kind: InputKind::Html,
        blocks,
        wrap_width: None,
        dom: Some(dom),
        found_meta,
    }
}

fn walk(input: &str, html: &scraper::Html, meta: &mut MetaFound) -> (Vec<Block>, Vec<ElemInfo>) {
    let mut w = Walker {
        input,
        blocks: Vec::with_capacity(input.len() / 400 + 4),
        elems: Vec::with_capacity(input.len() / 64 + 4),
        stack: Vec::new(),
        run: Run {
            buf: String::new(),
            chars: 0,
            link_chars: 0,
            first_raw: None,
            last_raw: None,
            pending_space: false,
        },
        para: 0,
        emitted_in_para: false,
        brs: 0,
        // Text before <body> (comments, <title>, scripts) would only mislead the search.
        cursor: body_start(input),
        line_pos: 0,
        line_no: 1,
        idents: Vec::new(),
    };
    for edge in html.tree.root().traverse() {
        match edge {
            ego_tree::iter::Edge::Open(node) => match node.value() {
                Node::Element(el) => open(&mut w, node, el, meta),
                Node::Text(t) => {
                    let Some(f) = w.stack.last() else { continue };
                    if f.skip {
                        continue;
                    }
                    let (pre, link) = (f.pre, f.link);
                    w.push_text(t, pre, link);
                }
                _ => {}
            },
            ego_tree::iter::Edge::Close(node) => {
                if let Node::Element(el) = node.value() {
                    close(&mut w, el);
                }
            }
        }
    }
    w.flush();
    unwrap_page_forms(&mut w.blocks, &mut w.elems);
    (w.blocks, w.elems)
}

/// Text characters from which a `<form>` (or `role=form|search`) is a page wrapper, not a
/// form: ASP.NET's `<form id="aspnetForm">` and older sites' `<form name="frm">` hold the
/// whole page, article included. A search box, a sign-up or a comment form holds a few
/// hundred.
const PAGE_FORM_CHARS: u32 = 1000;

/// Clear the form landmark under forms that hold a page's worth of prose (at least
/// [`PAGE_FORM_CHARS`] characters, under half of them link text), in the elements and in the
/// blocks' features. Forms do not nest in parsed HTML, so each cleared range is one form's.
fn unwrap_page_forms(blocks: &mut [Block], elems: &mut [ElemInfo]) {
    let mut cleared = false;
    let mut i = 0;
    while i < elems.len() {
        let e = &elems[i];
        let origin = e.landmarks & landmark::FORM != 0
            && elems
                .get(e.parent as usize)
                .is_none_or(|p| p.landmarks & landmark::FORM == 0);
        if origin && e.chars >= PAGE_FORM_CHARS && e.link_chars * 2 < e.chars {
            let end = (e.end as usize).min(elems.len() - 1);
            for d in &mut elems[i..=end] {
                d.landmarks &= !landmark::FORM;
            }
            cleared = true;
            i = end + 1;
        } else {
            i += 1;
        }
    }
    if cleared {
        for b in blocks.iter_mut() {
            if let Some(h) = b.html.as_mut() {
                if let Some(e) = elems.get(h.node) {
                    h.landmarks = e.landmarks;
                }
            }
        }
    }
}

fn open<'a>(
    w: &mut Walker<'a>,
    node: ego_tree::NodeRef<'a, Node>,
    el: &'a Element,
    meta: &mut MetaFound,
) {
    let name = el.name();
    let local = &el.name.local;
    let tag = tag_of(local);
    let at = attrs_of(el);
    let ord = w.elems.len() as u32;
    let parent = w.stack.last();
    let parent_ord = parent.map_or(u32::MAX, |f| f.ord);
    let parent_skip = parent.is_some_and(|f| f.skip);
    let parent_land = parent.map_or(0, |f| w.elems[f.ord as usize].landmarks);
    // Metadata lives in <head> and in scripts, which are skipped for text.
    match *local {
        local_name!("html") => {
            if let Some(l) = el.attr("lang").or_else(|| el.attr("xml:lang")) {
                set_once(&mut meta.language, l);
            }
        }
        local_name!("title") if meta.doc_title.is_none() => {
            let t: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| &**t))
                .collect();
            meta.title_raw_len = t.len();
            set_once(&mut meta.doc_title, &t);
        }
        local_name!("meta") => meta.meta_tag(el),
        local_name!("link")
            if el
                .attr("rel")
                .is_some_and(|r| r.eq_ignore_ascii_case("canonical")) =>
        {
            if let Some(h) = el.attr("href") {
                set_once(&mut meta.canonical, h);
            }
        }
        local_name!("script")
            if el
                .attr("type")
                .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/ld+json")) =>
        {
            let t: String = node
                .children()
                .filter_map(|c| c.value().as_text().map(|t| &**t))
                .collect();
            meta.json_ld(&t);
        }
        local_name!("time") if meta.time.is_none() && !parent_skip => {
            if let Some(d) = el.attr("datetime") {
                set_once(&mut meta.time, d);
            }
        }
        _ => {}
    }
    if at.itemprop.is_some_and(|p| p == "datePublished") {
        if let Some(d) = el.attr("datetime").or_else(|| el.attr("content")) {
            set_once(&mut meta.date, d);
        }
    }
    let skip = parent_skip || (tag == Tag::Other && skip_tag(local)) || is_hidden(&at);
    let (mut weight, mut unlikely) = if at.class.is_some() || at.id.is_some() {
        vocab_weight(&at)
    } else {
        (0, false)
    };
    // schema.org microdata: the element the page itself marks as the article's body.
    if at.itemprop.is_some_and(|p| p == "articleBody") {
        weight = weight.max(0) + 25;
        unlikely = false;
    }
    let landmarks = parent_land | landmarks_of(tag, &at);
    w.elems.push(ElemInfo {
        tag,
        parent: parent_ord,
        end: ord,
        landmarks,
        weight,
        unlikely,
        skipped: skip,
        chars: 0,
        link_chars: 0,
    });
    if tag == Tag::Br && !skip {
        {
            if w.run.chars > 0 {
                w.flush();
                w.brs = 1;
            } else {
                w.brs += 1;
                if w.brs >= 2 && w.emitted_in_para {
                    w.para += 1;
                    w.emitted_in_para = false;
                }
            }
        }
    }
    let block = !skip && is_block(tag, local);
    if block {
        // Cells of one row stay one paragraph (one line each); rows and tables separate them.
        if matches!(tag, Tag::Td | Tag::Th) {
            w.flush();
        } else {
            w.boundary();
        }
    }
    let (pblock, pkind, ppre, plink) = match w.stack.last() {
        Some(f) => (f.block, f.block_kind, f.pre, f.link),
        None => (ord, BlockKind::Line, false, false),
    };
    let kind = if block {
        match tag {
            Tag::H(n) => BlockKind::Heading(n),
            Tag::P => BlockKind::Paragraph,
            Tag::Li | Tag::Dt | Tag::Dd => BlockKind::ListItem,
            Tag::Td | Tag::Th => BlockKind::TableCell,
            Tag::Pre => BlockKind::Preformatted,
            // Container elements inside a more specific block keep its kind only for headings.
            _ => match pkind {
                BlockKind::Heading(n) => BlockKind::Heading(n),
                _ => BlockKind::Line,
            },
        }
    } else {
        pkind
    };
    w.stack.push(Frame {
        ord,
        block: if block { ord } else { pblock },
        block_kind: kind,
        skip,
        pre: ppre || tag == Tag::Pre,
        link: plink || (tag == Tag::A && at.href.is_some()),
        is_block: block,
    });
    w.idents.push(Ident::new(name, &at));
}

fn close(w: &mut Walker<'_>, _el: &Element) {
    let Some(f) = w.stack.last() else { return };
    if f.is_block {
        if matches!(w.elems[f.ord as usize].tag, Tag::Td | Tag::Th) {
            w.flush();
        } else {
            w.boundary();
        }
    }
    let f = w.stack.pop().expect("checked above");
    w.idents.pop();
    let last = w.elems.len() as u32 - 1;
    let e = &mut w.elems[f.ord as usize];
    e.end = last;
    let (chars, links) = (e.chars, e.link_chars);
    if let Some(p) = w.stack.last() {
        let pe = &mut w.elems[p.ord as usize];
        pe.chars += chars;
        pe.link_chars += links;
    }
}

/// For each block, whether a selector matches its element or an ancestor of it.
/// Selector rules never match text input.
#[cfg(test)]
pub(crate) fn selector_hits(page: &Page, selector: &crate::rules::CssSelector) -> Vec<bool> {
    selectors_hits(page, &[selector]).pop().unwrap_or_default()
}

/// [`selector_hits`] for several selectors, in one walk of the document: for each selector,
/// for each block, whether it matches the block's element or an ancestor of it.
///
/// Subtrees with no visible text are stepped over (no block lies in them, and a match there
/// covers nothing), and an element inside a match is not tested again for that selector.
pub(crate) fn selectors_hits(
    page: &Page,
    selectors: &[&crate::rules::CssSelector],
) -> Vec<Vec<bool>> {
    let n = page.blocks().len();
    let Some((dom, html)) = page.dom.as_ref().and_then(|d| Some((d, d.html.as_ref()?))) else {
        return vec![vec![false; n]; selectors.len()];
    };
    let elems = &dom.elems;
    // Per selector: whether each element lies in a match, and the last ordinal of the match
    // open at the current element, if any (matches below a match are not looked for, so at
    // most one is open).
    let mut hit = vec![vec![false; elems.len()]; selectors.len()];
    let mut open: Vec<Option<u32>> = vec![None; selectors.len()];
    let mut ord = 0usize;
    let mut node = html.tree.root();
    loop {
        let mut descend = true;
        if let Some(el) = ElementRef::wrap(node) {
            let Some(info) = elems.get(ord) else {
                break;
            };
            let last = if info.chars == 0 {
                descend = false;
                info.end as usize
            } else {
                ord
            };
            // The element's attributes as the fast path reads them, gathered once for all
            // the selectors when the first one is tested.
            let mut target = None;
            for (k, sel) in selectors.iter().enumerate() {
                if open[k].is_some_and(|end| ord as u32 > end) {
                    open[k] = None;
                }
                if open[k].is_none()
                    && info.chars > 0
                    && match &sel.simple {
                        Some(s) => s.matches_target(
                            target.get_or_insert_with(|| simple_css::Target::new(el.value())),
                        ),
                        None => sel.compiled.matches(&el),
                    }
                {
                    open[k] = Some(info.end);
                }
                if open[k].is_some() {
                    if let Some(h) = hit[k].get_mut(ord..=last.min(elems.len() - 1)) {
                        h.fill(true);
                    }
                }
            }
            ord = last + 1;
        }
        if descend {
            if let Some(c) = node.first_child() {
                node = c;
                continue;
            }
        }
        // The next node in document order after `node`'s subtree.
        loop {
            if let Some(s) = node.next_sibling() {
                node = s;
                break;
            }
            match node.parent() {
                Some(p) => node = p,
                None => return per_block(page, hit),
            }
        }
    }
    per_block(page, hit)
}

fn per_block(page: &Page, hit: Vec<Vec<bool>>) -> Vec<Vec<bool>> {
    hit.into_iter()
        .map(|hit| {
            page.blocks()
                .iter()
                .map(|b| {
                    b.html
                        .as_ref()
                        .is_some_and(|h| hit.get(h.node).copied().unwrap_or(false))
                })
                .collect()
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Segmented as the default cleaner segments.
    fn segment_default(s: &str) -> Page {
        super::segment(s, crate::Cleaner::new().prune())
    }
    use super::*;

    /// `src` compiled twice: on the fast path and for `scraper` alone.
    fn css(src: &str) -> [crate::rules::CssSelector; 2] {
        let compiled = scraper::Selector::parse(src).unwrap();
        let simple = crate::segment::simple_css::SimpleSelector::parse(src);
        assert!(simple.is_some(), "{src}");
        [
            crate::rules::CssSelector {
                source: src.to_string(),
                compiled: compiled.clone(),
                simple,
            },
            crate::rules::CssSelector {
                source: src.to_string(),
                compiled,
                simple: None,
            },
        ]
    }

    fn texts(html: &str) -> Vec<String> {
        segment_default(html)
            .blocks
            .iter()
            .map(|b| b.line.clone())
            .collect()
    }

    #[test]
    fn blocks_and_inline() {
        assert_eq!(
            texts("<div>Hello <b>big</b>\n world<p>Para <a href=x>link</a>.</p>tail</div>"),
            ["Hello big world", "Para link.", "tail"]
        );
    }

    #[test]
    fn skipped_elements() {
        let t = texts(
            "<head><title>T</title><style>p{}</style></head><body><script>var x</script>\
             <noscript>nojs</noscript><p hidden>h</p><p style='display: none'>n</p>\
             <template>t</template><svg><text>s</text></svg><p>kept</p></body>",
        );
        assert_eq!(t, ["kept"]);
    }

    /// A `<title>` in the body is RCDATA holding the rest of the page as text, markup and
    /// all; browsers never render it, so neither do we (fuzz finding
    /// `testdata/fuzz/clean_html/title-in-body-rcdata`).
    #[test]
    fn a_title_in_the_body_gives_no_text() {
        let t = texts("<body><p>kept</p><title>x <div hidden>secret</div>");
        assert_eq!(t, ["kept"]);
    }

    #[test]
    fn br_lines_and_paragraphs() {
        let p = segment_default("<p>one<br>two<br><br>three</p><p>four</p>");
        let got: Vec<(&str, u32)> = p.blocks.iter().map(|b| (b.line.as_str(), b.para)).collect();
        assert_eq!(got, [("one", 0), ("two", 0), ("three", 1), ("four", 2)]);
    }

    #[test]
    fn only_small_forms_are_form_landmarks() {
        let prose = "<p>A sentence of the article, long enough to count as some prose.</p>";
        let page = format!(
            "<body><form id=aspnetForm>{}</form><form role=search><p>Search the site</p>\
             <input name=q></form></body>",
            prose.repeat(20)
        );
        let p = segment_default(&page);
        let form = |i: usize| p.blocks[i].html.as_ref().unwrap().landmarks & landmark::FORM;
        assert_eq!(
            form(0),
            0,
            "a form wrapping the page is not a form landmark"
        );
        assert_ne!(form(20), 0, "a search form is");
        let dom = p.dom.as_ref().unwrap();
        assert!(dom
            .elems
            .iter()
            .filter(|e| e.tag == Tag::P)
            .take(20)
            .all(|e| e.landmarks & landmark::FORM == 0));
    }

    #[test]
    fn kinds_and_features() {
        let p = segment_default(
            "<nav class='menu'><ul><li><a href='/'>Home</a></li></ul></nav>\
             <article><h2>Head</h2><table><tr><td>cell</td></tr></table><pre>a  b\n c</pre></article>",
        );
        let b = &p.blocks;
        assert_eq!(b[0].kind, BlockKind::ListItem);
        let h = b[0].html.as_ref().unwrap();
        assert!(h.landmarks & landmark::NAV != 0);
        assert_eq!(h.link_density, 1.0);
        assert!(h.tokens.split(' ').any(|t| t == "menu"));
        assert!(h.css_path.ends_with("nav.menu > ul > li"), "{}", h.css_path);
        assert_eq!(b[1].kind, BlockKind::Heading(2));
        assert_eq!(b[2].kind, BlockKind::TableCell);
        assert_eq!(b[3].kind, BlockKind::Preformatted);
        assert_eq!(b[3].line, "a b\nc");
    }

    #[test]
    fn deep_nesting_is_fine() {
        let n = 100_000;
        let html = format!("{}deep text{}", "<div>".repeat(n), "</div>".repeat(n));
        let p = segment_default(&html);
        assert_eq!(p.blocks.len(), 1);
        assert_eq!(p.blocks[0].line, "deep text");
        for sel in css("div") {
            assert_eq!(selector_hits(&p, &sel), [true]);
        }
    }

    #[test]
    fn selector_hits_ancestors() {
        let p = segment_default(
            "<div class='share'><p>Share</p></div><p>Body</p><div class=share>x<p>y</p></div>",
        );
        for sel in css(".share") {
            assert_eq!(selector_hits(&p, &sel), [true, false, true, true]);
        }
    }

    #[test]
    fn spans_and_lines() {
        let src = "<html>\n<body>\n<p>First para</p>\n\n<p>Second &amp; last</p>\n</body></html>";
        let p = segment_default(src);
        assert_eq!(&src[p.blocks[0].span.clone()], "First para");
        assert_eq!((p.blocks[0].first_line, p.blocks[1].first_line), (3, 5));
        assert_eq!(&src[p.blocks[1].span.clone()], "Second &amp; last");
    }

    #[test]
    fn metadata() {
        let p = segment_default(
            r#"<html lang="en"><head><title> Doc title </title>
            <meta property="og:title" content="OG title"><meta name="author" content="Ann Author">
            <meta property="og:site_name" content="Site"><link rel="canonical" href="https://e.com/a">
            <script type="application/ld+json">{"@type":"NewsArticle","datePublished":"2020-01-02","author":{"name":"LD Author"}}</script>
            </head><body><time datetime="2019-01-01">x</time></body></html>"#,
        );
        let m: Vec<(&str, &str)> = p
            .found_meta
            .iter()
            .map(|(k, v)| (k.as_str(), v.as_str()))
            .collect();
        assert_eq!(
            m,
            [
                ("author", "LD Author"),
                ("date", "2020-01-02"),
                ("site_name", "Site"),
                ("language", "en"),
                ("url", "https://e.com/a")
            ]
        );
        let d = p.dom.as_ref().unwrap();
        assert_eq!(d.og_title.as_deref(), Some("OG title"));
        assert_eq!(d.doc_title.as_deref(), Some("Doc title"));
    }
}
