//! dechrome strips site chrome — menus, trending rails, share bars, newsletter prompts,
//! footers — from scraped web pages, so that only the article remains.
//!
//! It reads raw HTML or page text, applies declarative per-site rule sets (TOML) and generic
//! heuristics, and returns the article's title, summary, body and metadata, with a ledger of
//! every removal and the rule that made it.
//!
//! ```
//! use dechrome::{Cleaner, Options};
//!
//! let page = "Left column\n\nThe article's first paragraph.\n\nShare this article\n\n© Copyright 2025\n";
//! let article = Cleaner::new().clean(page, &Options::default());
//! assert!(article.body().contains("The article's first paragraph."));
//! for r in article.removed() {
//!     println!("{} removed lines {:?}: {}", r.rule(), r.lines(), r.text());
//! }
//! ```

#![warn(missing_docs)]

mod article;
mod builtin;
mod cleaner;
mod decode;
mod detect;
mod engine;
mod error;
/// The extraction metric behind `dechrome eval`.
///
/// ```
/// let s = dechrome::eval::PageScore::new("a b c d", "a b c d");
/// assert_eq!(s.f1(), 1.0);
/// ```
pub mod eval;
mod heuristics;
mod label;
mod learn;
mod meta;
mod normalize;
mod page;
mod render;
mod rules;
mod segment;

pub use article::{Article, LabelledBlock, Removal};
pub use builtin::builtin_rule_source;
pub use cleaner::{clean, Cleaner, CleanerBuilder, InputMode, Options};
pub use decode::{decode, decode_html, decode_input, Decoded};
pub use detect::detect_input;
pub use error::{Error, ErrorKind};
pub use label::{Features, Label, Reason};
pub use learn::{learn, learn_from_loader, learn_pages, LearnOptions};
pub use meta::{Meta, MetaValue};
pub use normalize::{is_space, normalize_space};
pub use page::{Block, BlockKind, InputKind, Page};
pub use rules::{Action, RuleSet, MAX_PATTERN_LEN, MAX_RULES, MAX_RULE_FILE_LEN, REGEX_SIZE_LIMIT};

/// Internals the fuzz checks need to state their invariants exactly; not part of the API.
#[doc(hidden)]
pub mod __private {
    pub use crate::heuristics::Warmup;

    /// The input an unreadable HTML page is read again from: the text with `</title>` inserted
    /// at the end of its first `<title>` line (see the HTML segmenter).
    pub fn html_reread_source(input: &str) -> Option<String> {
        crate::segment::html::close_title(input).map(|(s, _)| s)
    }

    /// Where the lean HTML parse (comments, the text of scripts and style sheets, and the
    /// attributes nothing reads left out; see the HTML segmenter) and the plain parse of
    /// `input` build trees that differ in anything dechrome reads, if they do (they must not).
    pub fn html_lean_parse_differs(input: &str) -> Option<String> {
        crate::segment::check_lean_parse(input)
    }
}

/// The text pages of `testdata/text`, `testdata/devdiscourse` and `testdata/generic` (the
/// files that read as UTF-8), for unit tests that check a property on every test page.
#[cfg(test)]
pub(crate) fn test_pages() -> Vec<String> {
    let mut pages = Vec::new();
    for dir in ["testdata/text", "testdata/devdiscourse", "testdata/generic"] {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join(dir);
        let mut paths: Vec<_> = std::fs::read_dir(dir)
            .unwrap()
            .map(|e| e.unwrap().path())
            .collect();
        paths.sort();
        pages.extend(paths.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    pages
}

/// The README's examples are compiled and run as doctests.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
struct ReadmeDoctests;
