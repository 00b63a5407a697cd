//! Raw HTML → blocks. (Filled in by the HTML work; until then HTML is read as text with tags
//! stripped line by line, which is crude but never invents text.)

use crate::page::Page;

/// The parsed document, kept on the page for selector rules.
pub(crate) struct Dom {
    #[allow(dead_code)]
    pub(crate) html: scraper::Html,
}

pub(crate) fn segment(input: &str) -> Page {
    let mut page = crate::segment::text::segment(input);
    page.kind = crate::page::InputKind::Html;
    page
}

/// For each block, whether a selector matches its element or an ancestor of it.
/// Selector rules never match text input.
pub(crate) fn selector_hits(page: &Page, _selector: &scraper::Selector) -> Vec<bool> {
    vec![false; page.blocks().len()]
}
