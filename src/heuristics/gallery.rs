//! Photo galleries embedded in a page: a run of items numbered `1/50`, `2/50`, … (or
//! `Image 3 of 12`), each a short title with an optional caption. The numbering is what
//! tells them apart from the article: a run of at least [`MIN_ITEMS`] counters with the same
//! total, counting up by one. Works on HTML and text alike (it reads block text only).

use crate::heuristics::here;
use regex::Regex;
use std::sync::LazyLock;

use crate::label::{Label, Labels, Reason};
use crate::page::Page;

/// Counters a gallery needs before it is one.
const MIN_ITEMS: usize = 3;
/// Longest counter block, in words (an item title; a caption is a separate block).
const MAX_TITLE_WORDS: usize = 16;
/// Short blocks just before the first item taken as the gallery's heading.
const MAX_HEADING_BLOCKS: usize = 3;
const MAX_HEADING_WORDS: usize = 8;

/// Compile the counter regex now (see [`crate::heuristics::warm_up`]).
pub(super) fn force_counter() {
    LazyLock::force(&COUNTER);
}

static COUNTER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)^(?:(?:image|photo|picture|slide|bild|foto|imagen|immagine)\s+)?(\d{1,3})\s*(?:/|of|von|de|sur|di)\s*(\d{1,3})(?:\s|$)",
    )
    .expect("gallery counter regex")
});

/// The block's counter `(k, total)`, when it opens with one.
fn counter(text: &str) -> Option<(u32, u32)> {
    // Cheap test first: a counter starts with a digit or a counter word (most lines start
    // with neither, and the regex would run on every line of every page).
    let b = text.as_bytes();
    if !b.first()?.is_ascii_digit() {
        let head = b.get(..4)?.to_ascii_lowercase();
        if !matches!(
            &head[..],
            b"imag" | b"phot" | b"pict" | b"slid" | b"bild" | b"foto" | b"imme"
        ) {
            return None;
        }
    }
    let c = here!(COUNTER).with(|r| r.captures(text))?;
    let k: u32 = c[1].parse().ok()?;
    let total: u32 = c[2].parse().ok()?;
    (k >= 1 && k <= total && total as usize >= MIN_ITEMS).then_some((k, total))
}

fn words(text: &str) -> usize {
    text.split_whitespace().count()
}

/// Label the blocks of every gallery on the page as chrome (blocks already labelled are
/// left alone, and are never counted as items).
pub(crate) fn label(page: &Page, labels: &mut Labels) {
    let blocks = page.blocks();
    let mut i = 0;
    while i < blocks.len() {
        let Some((k0, total)) = counter(blocks[i].text())
            .filter(|_| labels[i].is_none() && words(blocks[i].text()) <= MAX_TITLE_WORDS)
        else {
            i += 1;
            continue;
        };
        // Items counting up from `k0`: (block index, blocks after it before the next item).
        let mut items = vec![i];
        let mut next = k0 + 1;
        let mut j = i + 1;
        // An item's own blocks (caption, credit) between two counters.
        let mut longest_item = 0usize;
        let mut since = 0usize;
        while j < blocks.len() && since <= 4 {
            let t = blocks[j].text();
            match counter(t) {
                Some((k, tot)) if tot == total && k == next && words(t) <= MAX_TITLE_WORDS => {
                    longest_item = longest_item.max(since);
                    items.push(j);
                    next += 1;
                    since = 0;
                }
                _ => since += 1,
            }
            j += 1;
        }
        if items.len() < MIN_ITEMS {
            i += 1;
            continue;
        }
        let first = items[0];
        let last = items[items.len() - 1];
        // The last item has as many blocks after it as the longest item before it.
        let end = (last + longest_item).min(blocks.len() - 1);
        // A short heading right before the first item ("Business news in pictures").
        let mut start = first;
        while start > 0
            && first - start < MAX_HEADING_BLOCKS
            && labels[start - 1].is_none()
            && words(blocks[start - 1].text()) <= MAX_HEADING_WORDS
            && !blocks[start - 1].text().ends_with(['.', '!', '?', ':'])
        {
            start -= 1;
        }
        let score = (items.len() as f32 / total as f32).min(1.0);
        for l in &mut labels[start..=end] {
            if l.is_none() {
                *l = Some((
                    Label::Chrome,
                    Reason::Heuristic {
                        name: "gallery",
                        score,
                    },
                ));
            }
        }
        i = end + 1;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn run(text: &str) -> Vec<bool> {
        let page = Page::from_text(text);
        let mut labels: Labels = vec![None; page.blocks().len()];
        label(&page, &mut labels);
        labels.iter().map(|l| l.is_some()).collect()
    }

    #[test]
    fn counters() {
        assert_eq!(counter("1/50 United goin down"), Some((1, 50)));
        assert_eq!(counter("Image 3 of 12"), Some((3, 12)));
        assert_eq!(counter("3 von 7 Bildern"), Some((3, 7)));
        assert_eq!(counter("1/2 cup sugar"), None);
        assert_eq!(counter("12/5 was a Tuesday"), None);
        assert_eq!(counter("24/7 coverage"), None);
        assert_eq!(counter("Prices rose 3/4 of a point"), None);
    }

    #[test]
    fn a_gallery_between_paragraphs_goes_with_its_heading_and_captions() {
        let page = "Intro paragraph of the story, long enough to be prose.\n\n\
                    Pictures of the week\n\n\
                    1/4 First title\n\nFirst caption sentence.\n\n\
                    2/4 Second title\n\n\
                    3/4 Third title\n\nThird caption sentence.\n\n\
                    4/4 Fourth title\n\nFourth caption sentence.\n\n\
                    The story goes on here.";
        assert_eq!(
            run(page),
            [false, true, true, true, true, true, true, true, true, false]
        );
    }

    #[test]
    fn an_html_gallery_of_list_items() {
        // The shape of the Independent's galleries (readability test page bug-1255978).
        let mut html = String::from("<p>Story paragraph one.</p><h2>News in pictures</h2><ul>");
        for k in 1..=5 {
            html.push_str(&format!(
                "<li><h2><span>{k}/5</span> Item {k}</h2><p>Caption {k} text.</p></li>"
            ));
        }
        html.push_str("</ul><p>Story paragraph two.</p>");
        let page = Page::from_html(&html);
        let mut labels: Labels = vec![None; page.blocks().len()];
        label(&page, &mut labels);
        let kept: Vec<&str> = page
            .blocks()
            .iter()
            .zip(&labels)
            .filter(|(_, l)| l.is_none())
            .map(|(b, _)| b.text())
            .collect();
        assert_eq!(kept, ["Story paragraph one.", "Story paragraph two."]);
    }

    #[test]
    fn numbers_that_do_not_count_up_are_no_gallery() {
        assert_eq!(
            run("1/3 cup flour\n\n2/3 cup milk\n\n1/4 cup sugar"),
            [false; 3]
        );
        // Two items are not enough.
        assert_eq!(run("1/5 One\n\n2/5 Two\n\nText."), [false; 3]);
        // Same total but a gap in the count.
        assert_eq!(run("1/9 One\n\n2/9 Two\n\n5/9 Five\n\nText."), [false; 4]);
    }
}
