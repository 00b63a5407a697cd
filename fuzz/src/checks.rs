//! Invariants every input must satisfy. Used by the fuzz targets and, through `#[path]`, by
//! the main crate's regression tests, so a saved crash input is checked exactly as the fuzzer
//! checked it.

use std::collections::HashSet;

use dechrome::{normalize_space, Article, Cleaner, InputMode, Options, RuleSet};

/// Inputs larger than this are rejected by the targets (they only slow the fuzzer down).
pub const MAX_INPUT: usize = 64 * 1024;

fn ledger(a: &Article) -> Vec<(String, (u32, u32), String)> {
    a.removed()
        .iter()
        .map(|r| (r.rule().to_string(), r.lines(), r.text().to_string()))
        .collect()
}

/// Every body line is a line of the input, whitespace-normalised: nothing is invented.
fn assert_lines_from_input(input: &str, a: &Article) {
    let lines: HashSet<String> = input
        .split('\n')
        .map(|l| normalize_space(l).into_owned())
        .collect();
    for line in a.body().split('\n').filter(|l| !l.is_empty()) {
        assert!(
            lines.contains(&*normalize_space(line)),
            "body line not in input: {line:?}"
        );
    }
}

fn assert_same(a: &Article, b: &Article) {
    assert_eq!(a.body(), b.body(), "body differs between runs");
    assert_eq!(a.title(), b.title());
    assert_eq!(a.summary(), b.summary());
    assert_eq!(ledger(a), ledger(b), "ledger differs between runs");
}

/// Page text: no invented lines, deterministic (same article and ledger twice), and
/// idempotent: cleaning the output again changes nothing.
pub fn clean_text(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let decoded = dechrome::decode(data);
    let input = decoded.text();
    let cleaner = Cleaner::new();
    let opts = Options::default().input(InputMode::Text);
    let a = cleaner.clean(input, &opts);
    assert_lines_from_input(input, &a);
    assert_same(&a, &cleaner.clean(input, &opts));
    assert_idempotent(&cleaner, &a, &opts);
}

/// Cleaning the body of `a` again gives the same body, when no site rule set applied (a site
/// set recognises a layout the output no longer has, so those pages are not held to it).
fn assert_idempotent(cleaner: &Cleaner, a: &Article, opts: &Options) {
    if a.site().is_some() {
        return;
    }
    let again = cleaner.clean(a.body(), opts);
    assert_eq!(
        again.site(),
        None,
        "a site set detected the output of a page it did not"
    );
    assert_eq!(
        again.body(),
        a.body(),
        "cleaning the output again changed it"
    );
}

/// Idempotence on a test page (the fuzz target checks it on every input too).
pub fn text_idempotent(data: &[u8]) {
    let decoded = dechrome::decode(data);
    let cleaner = Cleaner::new();
    let opts = Options::default().input(InputMode::Text);
    let a = cleaner.clean(decoded.text(), &opts);
    assert_idempotent(&cleaner, &a, &opts);
}

/// Whether the characters of `needle` occur in `hay` in order (not necessarily adjacent).
fn is_subsequence(needle: &str, hay: &str) -> bool {
    let mut hay = hay.chars();
    needle.chars().all(|c| hay.any(|h| h == c))
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !dechrome::is_space(*c)).collect()
}

/// Raw HTML: no invented text, deterministic.
///
/// "Not invented" here: the characters of every body line (spaces aside) occur in order in the
/// page's text nodes, or in the raw input. A line may join text runs the DOM separates (text on
/// both sides of a skipped `<svg>` or `<script>` renders as one run, as in a browser), and a
/// page with an unclosed `<title>` is read a second time with it closed, so the text nodes of
/// that second parse count too.
pub fn clean_html(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let decoded = dechrome::decode(data);
    let input = decoded.text();
    let cleaner = Cleaner::new();
    let opts = Options::default().input(InputMode::Html);
    let a = cleaner.clean(input, &opts);
    assert_same(&a, &cleaner.clean(input, &opts));
    // The lean parse (no comments, no text of scripts and style sheets, no attribute nothing
    // reads) builds the plain parse's tree, as far as anything reads it.
    if let Some(diff) = dechrome::__private::html_lean_parse_differs(input) {
        panic!("{diff}");
    }
    let doc = scraper::Html::parse_document(input);
    let text: String = doc.root_element().text().collect();
    let (text, raw) = (squeeze(&text), squeeze(input));
    // The parser turns a NUL into U+FFFD in some states (RCDATA, foreign content) and drops it
    // in others, so the re-read of an unclosed `<title>` may show a U+FFFD the first parse's
    // text nodes do not have.
    let raw_nul = squeeze(&input.replace('\0', "\u{FFFD}"));
    // A page whose `<title>` swallowed it is read again with the title closed: that parse's
    // text nodes (entities decoded, NULs dropped or replaced by its own rules) are a source too.
    let reread = dechrome::__private::html_reread_source(input).map(|fixed| {
        let doc = scraper::Html::parse_document(&fixed);
        squeeze(&doc.root_element().text().collect::<String>())
    });
    for line in a.body().split('\n') {
        let line = squeeze(line);
        assert!(
            is_subsequence(&line, &text)
                || is_subsequence(&line, &raw)
                || is_subsequence(&line, &raw_nul)
                || reread.as_ref().is_some_and(|r| is_subsequence(&line, r)),
            "body line {line:?} does not come from the page"
        );
    }
}

/// Rule files: a set that parses serialises, re-parses, and serialises to the same text.
pub fn rule_set(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Ok(src) = std::str::from_utf8(data) else {
        return;
    };
    if let Ok(set) = RuleSet::from_toml(src) {
        let written = set.to_toml();
        let again = RuleSet::from_toml(&written)
            .unwrap_or_else(|e| panic!("serialised set does not parse: {e}\n{written}"));
        assert_eq!(
            again.to_toml(),
            written,
            "serialisation is not a fixed point"
        );
    }
}

/// A small rule set (before the first NUL byte) applied to a page (after it): no invented
/// lines, deterministic, and the serialised set behaves the same as the parsed one.
pub fn clean_with_rules(data: &[u8]) {
    if data.len() > MAX_INPUT {
        return;
    }
    let Some(split) = data.iter().position(|&b| b == 0) else {
        return;
    };
    let (rules, page) = (&data[..split], &data[split + 1..]);
    let Ok(rules) = std::str::from_utf8(rules) else {
        return;
    };
    let Ok(set) = RuleSet::from_toml(rules) else {
        return;
    };
    let name = set.name().to_string();
    let reparsed = RuleSet::from_toml(&set.to_toml()).expect("serialised set parses");
    let build = |s: RuleSet| {
        Cleaner::builder()
            .builtin(false)
            .rule_set(s)
            .build()
            .unwrap()
    };
    let (c1, c2) = (build(set), build(reparsed));
    let input = dechrome::decode(page);
    let opts = Options::default().site(name).input(InputMode::Text);
    let a = c1.clean(input.text(), &opts);
    assert_lines_from_input(input.text(), &a);
    assert_same(&a, &c1.clean(input.text(), &opts));
    assert_same(&a, &c2.clean(input.text(), &opts));
}
