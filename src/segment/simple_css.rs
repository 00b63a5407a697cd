//! A fast path for the CSS selectors rule sets mostly use: lists of compound selectors made of
//! a tag name, `.class`, `#id` and attribute tests, with no combinators and no pseudo-classes
//! (`nav, .share, [class*="related-" i]`). Matching them against a parsed element is a few
//! string comparisons, where the general `selectors` machinery costs a large share of the
//! whole pipeline on HTML. Anything else is left to `scraper` (see [`SimpleSelector::parse`]).
//!
//! Semantics are those of `selectors` on an HTML document in no-quirks mode, which is how
//! `scraper` matches: tag names compare lowercased, classes and ids case-sensitively, attribute
//! values case-sensitively unless flagged `i`. Attributes whose values HTML compares without
//! case when no flag is given (`type`, `lang`, …) are not taken on the fast path.

use html5ever::LocalName;
use scraper::node::Element;

/// How an attribute test compares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
enum Op {
    /// `[a]`
    Exists,
    /// `[a=v]`
    Equals,
    /// `[a~=v]`
    Includes,
    /// `[a|=v]`
    DashMatch,
    /// `[a^=v]`
    Prefix,
    /// `[a$=v]`
    Suffix,
    /// `[a*=v]`
    Substring,
}

/// One test of a compound; attribute tests name the attribute by its index in
/// [`SimpleSelector::names`].
#[derive(Clone, Debug)]
enum Test {
    Class(String),
    Id(String),
    Attr {
        name: usize,
        op: Op,
        value: String,
        /// `i` flag: ASCII case-insensitive value.
        fold: bool,
    },
}

#[derive(Clone, Debug, Default)]
struct Compound {
    /// Lowercase tag name, when the compound names one.
    tag: Option<String>,
    tests: Vec<Test>,
}

/// What an element needs to possibly match a compound, cheap to test before the compound.
#[derive(Clone, Copy, Debug, Default)]
struct Filter {
    /// [`grams`] the element's class (id) value has: each test on the class or id wants a
    /// value that contains its string, whatever the case.
    class_grams: u64,
    id_grams: u64,
    /// [`HAS_CLASS`], [`HAS_ID`], [`HAS_OTHER`]: the attributes the tests read.
    needs: u8,
}

/// Bits of [`Filter::needs`] and [`Target::has`].
const HAS_CLASS: u8 = 1;
const HAS_ID: u8 = 1 << 1;
/// An attribute other than class and id.
const HAS_OTHER: u8 = 1 << 2;

impl Filter {
    fn of(comp: &Compound) -> Filter {
        let mut f = Filter::default();
        for t in &comp.tests {
            let (name, value) = match t {
                Test::Class(c) => (CLASS, c.as_str()),
                Test::Id(i) => (ID, i.as_str()),
                Test::Attr { name, value, .. } => (*name, value.as_str()),
            };
            match name {
                CLASS => {
                    f.needs |= HAS_CLASS;
                    f.class_grams |= grams(value.as_bytes());
                }
                ID => {
                    f.needs |= HAS_ID;
                    f.id_grams |= grams(value.as_bytes());
                }
                _ => f.needs |= HAS_OTHER,
            }
        }
        f
    }

    fn admits(&self, t: &Target<'_>) -> bool {
        self.needs & !t.has == 0
            && self.class_grams & !t.class_grams == 0
            && self.id_grams & !t.id_grams == 0
    }
}

/// A 64-bit set of the byte pairs of `s`, ASCII-lowercased: if `s` contains `t` (whatever the
/// ASCII case), `grams(t)` is a subset of `grams(s)`.
fn grams(s: &[u8]) -> u64 {
    s.windows(2).fold(0, |set, w| {
        let pair = u16::from(w[0].to_ascii_lowercase()) << 8 | u16::from(w[1].to_ascii_lowercase());
        set | 1 << (pair.wrapping_mul(0x9e37) >> 10)
    })
}

/// An element's attributes as [`SimpleSelector::matches_target`] reads them, gathered once for
/// all the selectors tested on it.
pub(crate) struct Target<'a> {
    el: &'a Element,
    name: &'a str,
    class: Option<&'a str>,
    id: Option<&'a str>,
    /// [`HAS_CLASS`], [`HAS_ID`], [`HAS_OTHER`] (attributes without a namespace).
    has: u8,
    class_grams: u64,
    id_grams: u64,
    /// The class tokens, split once (a long class list is split again per test).
    classes: [&'a [u8]; 16],
    n_classes: usize,
    many: bool,
}

impl<'a> Target<'a> {
    pub(crate) fn new(el: &'a Element) -> Target<'a> {
        use html5ever::local_name;
        let (mut class, mut id, mut has) = (None, None, 0);
        // Only attributes without a namespace, as a selector without one reads.
        for (q, v) in el.attrs.iter().filter(|(q, _)| q.ns.is_empty()) {
            match q.local {
                local_name!("class") => {
                    class.get_or_insert(&**v);
                    has |= HAS_CLASS;
                }
                local_name!("id") => {
                    id.get_or_insert(&**v);
                    has |= HAS_ID;
                }
                _ => has |= HAS_OTHER,
            }
        }
        let mut t = Target {
            el,
            name: el.name(),
            class,
            id,
            has,
            class_grams: class.map_or(0, |c| grams(c.as_bytes())),
            id_grams: id.map_or(0, |i| grams(i.as_bytes())),
            classes: [b""; 16],
            n_classes: 0,
            many: false,
        };
        if let Some(v) = class {
            for c in v.as_bytes().split(is_html_space).filter(|c| !c.is_empty()) {
                if t.n_classes == t.classes.len() {
                    t.many = true;
                    break;
                }
                t.classes[t.n_classes] = c;
                t.n_classes += 1;
            }
        }
        t
    }

    fn has_class(&self, c: &str) -> bool {
        let c = c.as_bytes();
        if self.many {
            self.class
                .is_some_and(|v| v.as_bytes().split(is_html_space).any(|t| t == c))
        } else {
            self.classes[..self.n_classes].contains(&c)
        }
    }
}

/// A selector list of compound selectors only.
#[derive(Clone, Debug)]
pub(crate) struct SimpleSelector {
    alternatives: Vec<Compound>,
    /// One per alternative.
    filters: Vec<Filter>,
    /// Bit `h` is set when an element with the attributes `h` ([`Target::has`]) may match some
    /// alternative: most elements are ruled out with one test.
    admits_has: u8,
    /// The attributes the tests read (`class` and `id` first), at most [`MAX_NAMES`]; atoms
    /// compare as integers.
    names: Vec<LocalName>,
}

/// Most distinct attributes one fast selector reads.
const MAX_NAMES: usize = 8;
const CLASS: usize = 0;
const ID: usize = 1;

fn is_ident_byte(b: u8) -> bool {
    b.is_ascii_alphanumeric() || b == b'-' || b == b'_'
}

/// HTML attributes whose values selectors compare ASCII-case-insensitively when no flag is
/// given (the HTML standard's list).
fn case_insensitive_attr(name: &str) -> bool {
    matches!(
        name,
        "accept"
            | "accept-charset"
            | "align"
            | "alink"
            | "axis"
            | "bgcolor"
            | "charset"
            | "checked"
            | "clear"
            | "codetype"
            | "color"
            | "compact"
            | "declare"
            | "defer"
            | "dir"
            | "direction"
            | "disabled"
            | "enctype"
            | "face"
            | "frame"
            | "hreflang"
            | "http-equiv"
            | "lang"
            | "language"
            | "link"
            | "media"
            | "method"
            | "multiple"
            | "nohref"
            | "noresize"
            | "noshade"
            | "nowrap"
            | "readonly"
            | "rel"
            | "rev"
            | "rules"
            | "scope"
            | "scrolling"
            | "selected"
            | "shape"
            | "target"
            | "text"
            | "type"
            | "valign"
            | "valuetype"
            | "vlink"
    )
}

struct Cursor<'a> {
    s: &'a [u8],
    at: usize,
}

impl<'a> Cursor<'a> {
    fn peek(&self) -> Option<u8> {
        self.s.get(self.at).copied()
    }
    fn skip_ws(&mut self) {
        while self.peek().is_some_and(|b| b.is_ascii_whitespace()) {
            self.at += 1;
        }
    }
    /// An identifier: ASCII letters, digits, `-` and `_`, not starting with a digit (and not
    /// `-` + digit or `--`, which CSS reads differently).
    fn ident(&mut self) -> Option<&'a str> {
        let start = self.at;
        while self.peek().is_some_and(is_ident_byte) {
            self.at += 1;
        }
        let id = &self.s[start..self.at];
        let ok = match id {
            [] => false,
            [b'-', b'-', ..] => false,
            [b'-', d, ..] if d.is_ascii_digit() => false,
            [b'-'] => false,
            [d, ..] => !d.is_ascii_digit(),
        };
        ok.then(|| std::str::from_utf8(id).expect("ASCII"))
    }
    /// A quoted string without escapes or an identifier.
    fn value(&mut self) -> Option<String> {
        match self.peek()? {
            q @ (b'"' | b'\'') => {
                let start = self.at + 1;
                let len = self.s[start..].iter().position(|&b| b == q)?;
                let v = &self.s[start..start + len];
                if v.iter().any(|&b| b == b'\\' || b == b'\n' || !b.is_ascii()) {
                    return None;
                }
                self.at = start + len + 1;
                Some(std::str::from_utf8(v).ok()?.to_string())
            }
            _ => self.ident().map(str::to_string),
        }
    }
}

impl SimpleSelector {
    /// The fast form of `src`, when it is a list of compound selectors this module knows
    /// (`src` has already been accepted by `scraper`); `None` means "match with `scraper`".
    pub(crate) fn parse(src: &str) -> Option<SimpleSelector> {
        let mut c = Cursor {
            s: src.as_bytes(),
            at: 0,
        };
        let mut alternatives = Vec::new();
        let mut names = vec![LocalName::from("class"), LocalName::from("id")];
        loop {
            c.skip_ws();
            let mut comp = Compound::default();
            if c.peek().is_some_and(|b| b.is_ascii_alphabetic()) {
                let t = c.ident()?;
                if t.bytes().any(|b| b.is_ascii_uppercase()) {
                    return None;
                }
                comp.tag = Some(t.to_string());
            }
            loop {
                match c.peek() {
                    Some(b'.') => {
                        c.at += 1;
                        comp.tests.push(Test::Class(c.ident()?.to_string()));
                    }
                    Some(b'#') => {
                        c.at += 1;
                        comp.tests.push(Test::Id(c.ident()?.to_string()));
                    }
                    Some(b'[') => {
                        c.at += 1;
                        c.skip_ws();
                        let name = c.ident()?.to_ascii_lowercase();
                        c.skip_ws();
                        let op = match c.peek()? {
                            b']' => Op::Exists,
                            b'=' => Op::Equals,
                            b'~' => Op::Includes,
                            b'|' => Op::DashMatch,
                            b'^' => Op::Prefix,
                            b'$' => Op::Suffix,
                            b'*' => Op::Substring,
                            _ => return None,
                        };
                        let (mut value, mut fold) = (String::new(), false);
                        if op != Op::Exists {
                            c.at += if op == Op::Equals { 1 } else { 2 };
                            if op != Op::Equals && c.s.get(c.at - 1) != Some(&b'=') {
                                return None;
                            }
                            c.skip_ws();
                            value = c.value()?;
                            c.skip_ws();
                            match c.peek()? {
                                b'i' | b'I' => {
                                    fold = true;
                                    c.at += 1;
                                }
                                b's' | b'S' => c.at += 1,
                                // No flag: HTML compares some attributes without case.
                                _ if case_insensitive_attr(&name) => return None,
                                _ => {}
                            }
                            c.skip_ws();
                        }
                        if c.peek()? != b']' {
                            return None;
                        }
                        c.at += 1;
                        let name = match names.iter().position(|n| &**n == name.as_str()) {
                            Some(i) => i,
                            None => {
                                names.push(LocalName::from(name.as_str()));
                                names.len() - 1
                            }
                        };
                        if names.len() > MAX_NAMES {
                            return None;
                        }
                        if fold {
                            // Compared without case: kept lowercase for `contains_fold`.
                            value.make_ascii_lowercase();
                        }
                        comp.tests.push(Test::Attr {
                            name,
                            op,
                            value,
                            fold,
                        });
                    }
                    _ => break,
                }
            }
            if comp.tag.is_none() && comp.tests.is_empty() {
                return None;
            }
            alternatives.push(comp);
            c.skip_ws();
            match c.peek() {
                None => break,
                Some(b',') => c.at += 1,
                // A combinator, a pseudo-class, `*`, an escape…
                Some(_) => return None,
            }
        }
        let filters: Vec<Filter> = alternatives.iter().map(Filter::of).collect();
        let admits_has = (0..8u8)
            .filter(|h| filters.iter().any(|f| f.needs & !h == 0))
            .fold(0, |set, h| set | 1 << h);
        (!alternatives.is_empty()).then_some(SimpleSelector {
            alternatives,
            filters,
            admits_has,
            names,
        })
    }

    /// Whether the selector matches `el`.
    #[cfg(test)]
    pub(crate) fn matches(&self, el: &Element) -> bool {
        self.matches_target(&Target::new(el))
    }

    /// Whether the selector matches the element of `t`.
    pub(crate) fn matches_target(&self, t: &Target<'_>) -> bool {
        // The values of the other attributes the tests read, looked up when a test first needs
        // them, in one pass over the element's attributes.
        if self.admits_has >> t.has & 1 == 0 {
            return false;
        }
        let mut vals: Option<[Option<&str>; MAX_NAMES]> = None;
        'alt: for (comp, f) in self.alternatives.iter().zip(&self.filters) {
            if !f.admits(t) || comp.tag.as_deref().is_some_and(|n| n != t.name) {
                continue;
            }
            for test in &comp.tests {
                let ok = match test {
                    Test::Class(c) => t.has_class(c),
                    Test::Id(i) => t.id.is_some_and(|v| v == i),
                    Test::Attr {
                        name,
                        op,
                        value,
                        fold,
                    } => {
                        let v = match *name {
                            CLASS => t.class,
                            ID => t.id,
                            i => vals.get_or_insert_with(|| self.values(t.el))[i],
                        };
                        v.is_some_and(|v| test_value(v, *op, value, *fold))
                    }
                };
                if !ok {
                    continue 'alt;
                }
            }
            return true;
        }
        false
    }

    /// The values of the attributes [`Self::names`] lists, in one pass over the element's
    /// attributes (only those without a namespace, as a selector without one reads).
    fn values<'e>(&self, el: &'e Element) -> [Option<&'e str>; MAX_NAMES] {
        let mut vals: [Option<&str>; MAX_NAMES] = [None; MAX_NAMES];
        for (q, v) in &el.attrs {
            if !q.ns.is_empty() {
                continue;
            }
            if let Some(i) = self.names.iter().position(|n| *n == q.local) {
                if vals[i].is_none() {
                    vals[i] = Some(&**v);
                }
            }
        }
        vals
    }
}

/// ASCII whitespace, as HTML splits class lists on it (splitting the bytes of a `str` on
/// ASCII bytes never cuts a multi-byte character).
fn is_html_space(b: &u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c')
}

/// Whether `hay` contains `lower` (ASCII lowercase) without regard to ASCII case: candidate
/// positions come from `memchr` on the needle's first byte in both cases.
fn contains_fold(hay: &[u8], lower: &[u8]) -> bool {
    let Some(&first) = lower.first() else {
        return true;
    };
    if hay.len() < lower.len() {
        return false;
    }
    let last_start = hay.len() - lower.len();
    memchr::memchr2_iter(first, first.to_ascii_uppercase(), &hay[..=last_start])
        .any(|at| hay[at..at + lower.len()].eq_ignore_ascii_case(lower))
}

fn test_value(v: &str, op: Op, want: &str, fold: bool) -> bool {
    let eq = |a: &[u8], b: &[u8]| {
        if fold {
            a.eq_ignore_ascii_case(b)
        } else {
            a == b
        }
    };
    let (v, w) = (v.as_bytes(), want.as_bytes());
    match op {
        Op::Exists => true,
        Op::Equals => eq(v, w),
        Op::Includes => {
            !w.is_empty()
                && !w.iter().any(|b| b.is_ascii_whitespace())
                && v.split(|&b| matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c'))
                    .any(|t| eq(t, w))
        }
        Op::DashMatch => {
            v.len() >= w.len() && eq(&v[..w.len()], w) && (v.len() == w.len() || v[w.len()] == b'-')
        }
        Op::Prefix => !w.is_empty() && v.len() >= w.len() && eq(&v[..w.len()], w),
        Op::Suffix => !w.is_empty() && v.len() >= w.len() && eq(&v[v.len() - w.len()..], w),
        Op::Substring => {
            !w.is_empty()
                && v.len() >= w.len()
                && if fold {
                    contains_fold(v, w)
                } else {
                    memchr::memmem::find(v, w).is_some()
                }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// Every element of `html`, matched by `scraper` and by the fast path, must agree.
    fn agree(selector: &str, html: &str) -> usize {
        let fast = SimpleSelector::parse(selector).unwrap_or_else(|| panic!("{selector}"));
        let slow = scraper::Selector::parse(selector).unwrap();
        let doc = scraper::Html::parse_document(html);
        let mut hits = 0;
        for node in doc.tree.root().descendants() {
            let Some(el) = scraper::ElementRef::wrap(node) else {
                continue;
            };
            let f = fast.matches(el.value());
            assert_eq!(f, slow.matches(&el), "{selector} on {:?}", el.value());
            hits += usize::from(f);
        }
        hits
    }

    const DOC: &str = r#"<html><body>
        <nav class="Main menu">x</nav><div class="share  share-bar" id="Top">a</div>
        <div class="breadcrumbs-x" aria-label="BreadCrumb">b</div><p class="comment">c</p>
        <p class="comments-x commentary" id="comment-12">d</p><section class="related-stories">e</section>
        <div class="shared" role="navigation">f</div><footer role="contentinfo">g</footer>
        <div lang="en-US" type="A">h</div><svg><a class="share">i</a></svg><div class="">j</div>
        <div id="">k</div><div data-x="a b" class="a&#9;b">l</div>
    </body></html>"#;

    #[test]
    fn agrees_with_scraper() {
        for sel in [
            "nav, [role=\"navigation\"], [role=\"menubar\"]",
            ".share, .sharing, [class*=\"share-bar\" i], [class*=\"SHARE\" i]",
            ".breadcrumb, [class*=\"breadcrumb\" i], [aria-label=\"breadcrumb\" i]",
            "#comments, [id^=\"comment-\" i], [class~=\"comment\"], [class~='']",
            "[class*=\"related-\"], [class$=\"stories\"], [class^=\"rel\"], [class|=\"related\"]",
            "footer, [role='contentinfo'], div#Top.share, div.share.shares, p#top",
            "[data-x], [data-x~=\"b\"], [class~=b], .b, [id], [id=''], [class*=''], [class^='']",
            "div[aria-label], a.share, [lang|='en' i], [type='a' s]",
        ] {
            agree(sel, DOC);
        }
        assert_eq!(agree(".share", DOC), 2);
        assert_eq!(agree("[class*=\"breadcrumb\" i], #Top", DOC), 2);
    }

    #[test]
    fn substring_without_case() {
        assert!(contains_fold(b"Main-RELATED-Stories", b"related-"));
        assert!(contains_fold(b"related", b"related"));
        assert!(contains_fold(b"x", b""));
        assert!(!contains_fold(b"relate", b"related"));
        assert!(!contains_fold(b"rrelatex", b"related"));
        assert!(contains_fold(b"rrelated", b"related"));
        assert!(contains_fold(b"1-2", b"-2"));
    }

    #[test]
    fn the_generic_rule_set_takes_the_fast_path() {
        let toml = crate::builtin_rule_source("generic").unwrap();
        let mut n = 0;
        for line in toml.lines() {
            if let Some(s) = line.strip_prefix("selector = '") {
                let s = s.strip_suffix('\'').unwrap();
                agree(s, DOC);
                n += 1;
            }
        }
        assert!(n >= 8, "{n}");
    }

    #[test]
    fn others_are_left_to_scraper() {
        for sel in [
            "div p",
            "div > p",
            "a:not(.x)",
            "*",
            "[lang='en']",
            ".a\\:b",
            "Div",
            "p::before",
            "[x=\"é\"]",
            "a + b",
        ] {
            assert!(SimpleSelector::parse(sel).is_none(), "{sel}");
        }
    }
}
