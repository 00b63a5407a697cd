//! Generic heuristics: labelling what no rule claimed, on sites no rule set knows.
//!
//! Structural steps that hold on every site live here too (a caption repeating the title).

mod gallery;
mod html;
mod text;

use crate::engine::Found;
use crate::label::{Label, Labels, Reason};
use crate::page::{InputKind, Page};

pub(crate) use text::Scan as TextScan;

/// What the text heuristics compile on first use (regexes, language tables), costliest
/// first: some 60M instructions, otherwise paid by the first pages cleaned, one worker at a
/// time (each waits on the lazy value another is building).
const LAZIES: &[fn()] = &[
    text::force_byline,
    text::region::force_rail,
    text::force_date,
    text::region::force_ends,
    text::region::force_signature,
    gallery::force_counter,
    text::region::force_lists,
    text::force_tables,
];

/// Build part `part` of `parts` of [`LAZIES`] now, so that threads can share the work and
/// do it while the rule sets compile.
pub(crate) fn warm_up(part: usize, parts: usize) {
    for f in LAZIES.iter().skip(part).step_by(parts.max(1)) {
        f();
    }
}

/// Structural cleanup that applies whatever rule sets ran: photo galleries (numbered items,
/// see [`gallery`]), and a block repeating the title verbatim after it (an image caption, a
/// breadcrumb), are chrome.
pub(crate) fn structure(page: &Page, labels: &mut Labels, found: &Found) {
    gallery::label(page, labels);
    let Some(title) = found.title.as_deref() else {
        return;
    };
    let Some(title_at) = labels
        .iter()
        .position(|l| matches!(l, Some((Label::Title, _))))
    else {
        return;
    };
    for (i, b) in page.blocks().iter().enumerate().skip(title_at + 1) {
        if labels[i].is_none() && b.text() == title {
            labels[i] = Some((
                Label::Chrome,
                Reason::Heuristic {
                    name: "repeated-title",
                    score: 1.0,
                },
            ));
        }
    }
}

/// Label the blocks no rule claimed on a page no site rule set knows.
/// `raw` is the text page's input, when the caller has it. Returns new paragraph indices for
/// the blocks of a text page read in columns (see [`text::label`]), and a text page's scan:
/// `cache` is the scan of a page of the same lines (a later look, see `Cleaner::settle`).
pub(crate) fn unknown_site(
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    raw: Option<&str>,
    cache: Option<&TextScan>,
) -> (Option<Vec<u32>>, Option<TextScan>) {
    match page.input_kind() {
        InputKind::Text => text::label(page, labels, found, raw, cache),
        InputKind::Html => {
            html::label(page, labels, found);
            (None, None)
        }
    }
}
