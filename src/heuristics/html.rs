//! Heuristics for HTML input on sites no rule set knows: find the article region, prune chrome
//! inside it, pick the title.
//!
//! The region is found the way Readability finds it: every paragraph-like block gives a score
//! (one point, one per comma, one per 100 characters, at most three; scaled by its stop-word
//! density in the page's language, so sentences outweigh headline rows) to the element above its
//! block element, half to the one above that and a third to the next; each scored element
//! starts from its tag and its class/id vocabulary, and its total is scaled down by its link
//! density. The best element, and those of its siblings that score close to it or read like
//! prose, form the article region. Blocks outside it are chrome; inside it, link lists,
//! navigation, forms and short blocks under chrome-named elements are pruned.
//!
//! Nothing here walks the DOM recursively: the segmenter's per-element table (parent, subtree
//! end, counts) is enough.

use std::collections::HashMap;

use super::text::{Raw, StopWords};
use crate::engine::Found;
use crate::label::{Label, Labels, Reason};
use crate::page::{Block, BlockKind, Page};
use crate::segment::html::{landmark, Dom, ElemInfo, Tag};

const NONE: u32 = u32::MAX;

fn heuristic(name: &'static str, score: f32) -> Reason {
    Reason::Heuristic { name, score }
}

fn link_density(e: &ElemInfo) -> f32 {
    if e.chars == 0 {
        0.0
    } else {
        e.link_chars as f32 / e.chars as f32
    }
}

fn tag_base(tag: Tag) -> f32 {
    match tag {
        Tag::Div | Tag::Article | Tag::Main | Tag::Section => 5.0,
        Tag::Pre | Tag::Td | Tag::Blockquote => 3.0,
        Tag::Address | Tag::Ol | Tag::Ul | Tag::Dl | Tag::Dd | Tag::Dt | Tag::Li | Tag::Form => {
            -3.0
        }
        Tag::H(_) | Tag::Th => -5.0,
        _ => 0.0,
    }
}

fn commas(s: &str) -> usize {
    s.chars()
        .filter(|c| matches!(c, ',' | '，' | '、' | '،' | '﹐' | '︐' | '⹁' | '٫'))
        .count()
}

/// Label the blocks no rule claimed. Blocks left `None` become body.
pub(crate) fn label(page: &Page, labels: &mut Labels, found: &mut Found) {
    let Some(dom) = page.dom.as_ref() else {
        return;
    };
    let blocks = page.blocks();
    if blocks.is_empty() {
        return;
    }
    pick_title(dom, blocks, labels, found);
    // The scans read for the language serve the prose scores too (when the text read is
    // the whole line).
    let mut scans: Vec<Option<Raw>> = vec![None; blocks.len()];
    let mut stops = StopWords::detect_scanning(
        blocks
            .iter()
            .zip(labels.iter())
            .enumerate()
            .filter(|(_, (_, l))| l.is_none())
            .map(|(i, (b, _))| (i, b.text())),
        |i, scan| {
            if blocks[i].content == 0 {
                scans[i] = Some(scan);
            }
        },
    );
    let prose = prose_scores(blocks, &mut stops, &scans);
    let (mut region, roots) = article_region(dom, blocks, &prose);
    trim_region(dom, blocks, labels, &mut region);
    let n_region = region.iter().filter(|&&r| r).count();
    // With no region found, the whole page is the region.
    let region_chars: u32 = if roots.is_empty() {
        dom.elems
            .iter()
            .filter(|e| e.parent == NONE)
            .map(|e| e.chars)
            .sum()
    } else {
        roots.iter().map(|&r| dom.elems[r as usize].chars).sum()
    };

    for (i, b) in blocks.iter().enumerate() {
        if labels[i].is_some() {
            continue;
        }
        if !region[i] {
            labels[i] = Some((Label::Chrome, heuristic("outside-article", 1.0)));
            continue;
        }
        if in_comments(b) {
            labels[i] = Some((Label::Chrome, heuristic("comments", 0.8)));
            continue;
        }
        if let Some(score) = prune(dom, b, &roots, region_chars) {
            labels[i] = Some((Label::Chrome, heuristic("chrome-in-article", score)));
        }
    }
    // Never an empty body for a page with prose: first give back what was pruned inside the
    // region, then every block that is not a link.
    let has_body = |labels: &Labels| {
        blocks.iter().zip(labels.iter()).any(|(b, l)| {
            b.word_count() > 0 && (l.is_none() || matches!(l, Some((Label::Body, _))))
        })
    };
    // Last, prose the generic set's guarded selector rules took (a page that sits wholly
    // inside a container named like chrome).
    for pass in 0..3 {
        if has_body(labels) {
            break;
        }
        for (i, b) in blocks.iter().enumerate() {
            let revive = match (&labels[i], pass) {
                (Some((Label::Chrome, Reason::Heuristic { .. })), 0) => region[i] || n_region == 0,
                (Some((Label::Chrome, Reason::Heuristic { .. })), 1) => {
                    link_density_of(b) < 0.5 || blocks.len() < 4
                }
                (Some((Label::Chrome, Reason::Rule(r))), 2) => {
                    r.starts_with("generic/") && b.word_count() >= 8 && link_density_of(b) < 0.5
                }
                _ => false,
            };
            if revive {
                labels[i] = None;
            }
        }
    }
}

fn link_density_of(b: &Block) -> f32 {
    b.html.as_ref().map_or(0.0, |h| h.link_density)
}

fn node_of(b: &Block) -> u32 {
    b.html.as_ref().map_or(NONE, |h| h.node as u32)
}

/// Shortest block (bytes) that counts as a paragraph for the region score.
const MIN_PARAGRAPH: usize = 25;

/// Per block, how much it reads like running prose in the page's language: its stop-word
/// density turned into a factor around 1 (about 1.3 for a sentence, about 0.5 for a headline
/// or a row of names). 1 for short blocks and when the page's language is unknown. `scans`
/// holds, per block, the scan of its line if one was made already.
fn prose_scores(blocks: &[Block], stops: &mut StopWords, scans: &[Option<Raw>]) -> Vec<f32> {
    blocks
        .iter()
        .zip(scans)
        .map(|(b, scan)| {
            let skipped = b.html.as_ref().is_some_and(|h| {
                h.landmarks & (landmark::NAV | landmark::FORM | landmark::DIALOG) != 0
            });
            if skipped || b.line.len() < MIN_PARAGRAPH || matches!(b.kind, BlockKind::Heading(_)) {
                // Not scored (see `article_region`): no need to scan it.
                return 1.0;
            }
            match scan {
                Some(scan) => stops.density_of_scan(scan),
                None => stops.density(&b.line),
            }
            .map_or(1.0, |d| (0.4 + 2.0 * d).clamp(0.4, 1.4))
        })
        .collect()
}

/// Which blocks lie in the article region, and the elements the region is made of (none when
/// the whole page is the region).
fn article_region(dom: &Dom, blocks: &[Block], prose: &[f32]) -> (Vec<bool>, Vec<u32>) {
    let elems = &dom.elems;
    let mut scores: HashMap<u32, f32> = HashMap::new();
    let init = |e: u32| -> f32 {
        let info = &elems[e as usize];
        tag_base(info.tag) + f32::from(info.weight)
    };
    for (b, &factor) in blocks.iter().zip(prose) {
        let node = node_of(b);
        let Some(info) = elems.get(node as usize) else {
            continue;
        };
        let len = b.line.len();
        if len < MIN_PARAGRAPH || matches!(b.kind, BlockKind::Heading(_)) {
            continue;
        }
        if info.landmarks & (landmark::NAV | landmark::FORM | landmark::DIALOG) != 0 {
            continue;
        }
        // A block named like chrome itself (`<p class="footer">`) does not vote for its
        // ancestors (Readability drops such elements before scoring).
        if info.unlikely {
            continue;
        }
        let score = (1.0 + commas(&b.line) as f32 + (len as f32 / 100.0).min(3.0)) * factor;
        let mut up = info.parent;
        for level in 0..3 {
            if up == NONE {
                break;
            }
            let div = match level {
                0 => 1.0,
                1 => 2.0,
                l => l as f32 * 3.0,
            };
            *scores.entry(up).or_insert_with(|| init(up)) += score / div;
            up = elems[up as usize].parent;
        }
    }
    let mut best: Option<(u32, f32)> = None;
    let mut finals: HashMap<u32, f32> = HashMap::with_capacity(scores.len());
    for (&e, &s) in &scores {
        let info = &elems[e as usize];
        let mut f = s * (1.0 - link_density(info));
        if info.unlikely {
            f *= 0.5;
        }
        finals.insert(e, f);
        if best.is_none_or(|(be, bs)| f > bs || (f == bs && e < be)) {
            best = Some((e, f));
        }
    }
    let Some((mut top, top_score)) = best else {
        return (vec![true; blocks.len()], Vec::new());
    };
    // When several of the best candidates share an ancestor, the article is that ancestor
    // (Readability's "alternative candidates").
    let mut ranked: Vec<(u32, f32)> = finals.iter().map(|(&e, &s)| (e, s)).collect();
    ranked.sort_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
    let alternatives: Vec<u32> = ranked
        .iter()
        .skip(1)
        .take(5)
        .filter(|(_, s)| *s >= top_score * 0.75)
        .map(|(e, _)| *e)
        .collect();
    if alternatives.len() >= 3 {
        let mut up = elems[top as usize].parent;
        let mut steps = 0;
        while up != NONE && steps < 64 && elems[up as usize].tag != Tag::Body {
            let covered = alternatives
                .iter()
                .filter(|&&a| dom.contains(up, a))
                .count();
            if covered >= 3 {
                top = up;
                break;
            }
            up = elems[up as usize].parent;
            steps += 1;
        }
    }
    // Climb while the parent holds little more than the candidate (a lone wrapper).
    let mut steps = 0;
    loop {
        let p = elems[top as usize].parent;
        if p == NONE || steps > 64 || matches!(elems[p as usize].tag, Tag::Body | Tag::Html) {
            break;
        }
        let (pc, tc) = (elems[p as usize].chars, elems[top as usize].chars);
        if tc > 0 && pc as f32 <= tc as f32 * 1.1 {
            top = p;
            steps += 1;
        } else {
            break;
        }
    }
    // A candidate named like chrome (a gallery or share widget full of captions) is not the
    // article: the article is the element around it.
    if elems[top as usize].unlikely {
        let p = elems[top as usize].parent;
        if p != NONE && !matches!(elems[p as usize].tag, Tag::Body | Tag::Html) {
            top = p;
        }
    }
    let top_final = finals
        .get(&top)
        .copied()
        .unwrap_or(top_score)
        .max(top_score);
    // The region: the top candidate and its qualifying siblings.
    let mut roots = vec![top];
    let parent = elems[top as usize].parent;
    if parent != NONE {
        let threshold = (top_final * 0.2).max(10.0);
        let mut c = parent + 1;
        let pend = elems[parent as usize].end;
        while c <= pend && (c as usize) < elems.len() {
            let info = &elems[c as usize];
            if c != top && !info.skipped && info.chars > 0 {
                let s = finals.get(&c).copied().unwrap_or(0.0)
                    + if info.weight > 0 {
                        top_final * 0.1
                    } else {
                        0.0
                    };
                let ld = link_density(info);
                let prose = (info.chars > 80 && ld < 0.25)
                    || (info.chars > 0 && ld == 0.0 && matches!(info.tag, Tag::P));
                let chrome_land = info.landmarks
                    & (landmark::NAV | landmark::FORM | landmark::DIALOG | landmark::ASIDE)
                    != 0;
                if (s >= threshold || prose) && !chrome_land && !info.unlikely {
                    roots.push(c);
                }
            }
            c = info.end + 1;
        }
    }
    let region = blocks
        .iter()
        .map(|b| {
            let n = node_of(b);
            n != NONE && roots.iter().any(|&r| dom.contains(r, n))
        })
        .collect();
    (region, roots)
}

/// Whether a block inside the region is chrome; the score says how sure.
fn prune(dom: &Dom, b: &Block, roots: &[u32], region_chars: u32) -> Option<f32> {
    let h = b.html.as_ref()?;
    let node = h.node as u32;
    let landmarks = h.landmarks;
    let len = b.line.len();
    let words = b.word_count();
    if landmarks & (landmark::NAV | landmark::DIALOG) != 0 {
        return Some(0.9);
    }
    if h.link_density > 0.5 && words < 30 && !in_data_row(dom, node) {
        return Some(h.link_density);
    }
    if landmarks & landmark::FORM != 0 && words < 20 {
        return Some(0.7);
    }
    // A block under an element named like chrome (share, related, gallery widgets…): short
    // blocks always; headings and long blocks only when that element is a container that lies
    // inside the region and holds at most half of it (a widget in the article, not a wrapper
    // or a paragraph named oddly).
    let short = !matches!(b.kind, BlockKind::Heading(_)) && len < 160;
    let mut up = node;
    for _ in 0..12 {
        let Some(e) = dom.elems.get(up as usize) else {
            break;
        };
        if e.unlikely {
            let widget = e.tag != Tag::P
                && !roots.iter().any(|&r| dom.contains(up, r))
                && e.chars * 2 <= region_chars;
            if short || widget {
                return Some(0.6);
            }
            break;
        }
        if e.weight > 0 {
            break;
        }
        up = e.parent;
    }
    None
}

/// Title: the first `h1`/`h2` block that the page's `og:title`/JSON-LD headline/`<title>`
/// agrees with (it becomes the Title block), else the best of those sources.
fn pick_title(dom: &Dom, blocks: &[Block], labels: &mut Labels, found: &mut Found) {
    if found.title.is_some() {
        return;
    }
    let sources: Vec<&str> = [
        dom.og_title.as_deref(),
        dom.ld_headline.as_deref(),
        dom.doc_title.as_deref(),
    ]
    .into_iter()
    .flatten()
    .collect();
    let agrees = |t: &str| {
        t.len() >= 4
            && sources
                .iter()
                .any(|s| s.contains(t) || (t.contains(*s) && s.len() * 2 > t.len()))
    };
    let mut chosen = None;
    for level in [1u8, 2] {
        chosen = blocks.iter().enumerate().find(|(i, b)| {
            labels[*i].is_none() && b.kind == BlockKind::Heading(level) && agrees(b.text())
        });
        if chosen.is_some() {
            break;
        }
    }
    if chosen.is_none() {
        // A short link-free block that repeats the page title (sites that style a <div> or a
        // <b> as their headline).
        chosen = blocks.iter().enumerate().find(|(i, b)| {
            labels[*i].is_none()
                && b.word_count() >= 3
                && b.line.len() < 200
                && link_density_of(b) == 0.0
                && agrees(b.text())
        });
    }
    if chosen.is_none() {
        // A single h1 is the title even when the meta tags disagree.
        let h1s: Vec<_> = blocks
            .iter()
            .enumerate()
            .filter(|(i, b)| labels[*i].is_none() && b.kind == BlockKind::Heading(1))
            .collect();
        if h1s.len() == 1 && h1s[0].1.word_count() >= 2 {
            chosen = Some(h1s[0]);
        }
    }
    if let Some((i, b)) = chosen {
        found.title = Some(b.text().to_string());
        labels[i] = Some((Label::Title, heuristic("title-heading", 1.0)));
        return;
    }
    if let Some(t) = dom
        .og_title
        .as_deref()
        .or(dom.ld_headline.as_deref())
        .or(dom.doc_title.as_deref())
    {
        found.title = Some(t.to_string());
    }
}

static COMMENTS_HEAD: std::sync::LazyLock<regex::Regex> = std::sync::LazyLock::new(|| {
    regex::Regex::new(
        r"(?i)^(?:\d+\s+)?(?:comments?|reader comments|user comments|leave a (?:comment|reply)|post a comment|add (?:a |your )?comments?|comments are (?:now )?closed(?: for this (?:story|article|post|entry))?|have your say|join the discussion|your comments?|\d+ (?:comments?|responses?|replies)(?: to .{1,120})?)\s*[:.!]?\s*(?:\(\d+\))?$",
    )
    .expect("static regex compiles")
});

/// Drop, from the region, what comes before the title heading when it is little, and the
/// comment section that follows the article (announced by a "Comments" line).
fn trim_region(dom: &Dom, blocks: &[Block], labels: &Labels, region: &mut [bool]) {
    let total: usize = blocks
        .iter()
        .zip(region.iter())
        .filter(|(_, r)| **r)
        .map(|(b, _)| b.word_count())
        .sum();
    if total == 0 {
        return;
    }
    let title = labels
        .iter()
        .position(|l| matches!(l, Some((Label::Title, _))));
    if let Some(t) = title {
        let before: usize = (0..t)
            .filter(|&i| region[i])
            .map(|i| blocks[i].word_count())
            .sum();
        if before * 4 < total {
            for r in &mut region[..t] {
                *r = false;
            }
        }
    }
    // Words seen in the region, and of them after the title (all of them when there is none).
    let (mut seen, mut article) = (0usize, 0usize);
    // A page of several posts, each with its own "Comments (3)" link, has no one thread to
    // cut: two heads that differ only in their digits.
    let one_thread = || {
        let mut seen_heads: Vec<String> = Vec::new();
        for (b, _) in blocks.iter().zip(region.iter()).filter(|(_, r)| **r) {
            if b.word_count() <= 8 && COMMENTS_HEAD.is_match(b.text()) {
                let key: String = b.text().chars().filter(|c| !c.is_ascii_digit()).collect();
                if seen_heads.contains(&key) {
                    return false;
                }
                seen_heads.push(key);
            }
        }
        true
    };
    let mut one = None;
    for i in 0..blocks.len() {
        if !region[i] {
            continue;
        }
        let b = &blocks[i];
        // A comments head ends the article once half the region is behind it, or, for a
        // thread longer than the article, once the article is: the region's only head, of
        // two words or more ("12 Comments", "Comments are closed") or followed by comment
        // signatures.
        let words = b.word_count();
        let late = seen * 2 >= total;
        if words <= 8
            && (late || article >= THREAD_AFTER_WORDS)
            && COMMENTS_HEAD.is_match(b.text())
            && (late
                || ((words >= 2 || thread_follows(blocks, region, i))
                    && *one.get_or_insert_with(one_thread)))
            && !in_data_cell(dom, node_of(b))
        {
            for r in &mut region[i..] {
                *r = false;
            }
            return;
        }
        seen += words;
        if title.is_none_or(|t| i > t) {
            article += words;
        }
    }
}

/// Longest cell (characters) of a row that reads as a data table.
const DATA_CELL_CHARS: u32 = 200;

/// The table cell (`td`/`th`) holding `node`, a few levels up at most, when its parent is a
/// row: `(cell, row)` ordinals.
fn cell_of(elems: &[ElemInfo], node: u32) -> Option<(u32, u32)> {
    let mut up = node;
    for _ in 0..6 {
        let e = elems.get(up as usize)?;
        if matches!(e.tag, Tag::Td | Tag::Th) {
            return elems
                .get(e.parent as usize)
                .filter(|r| r.tag == Tag::Tr)
                .map(|_| (up, e.parent));
        }
        up = e.parent;
    }
    None
}

/// The children of element `parent`, with their ordinals, in order.
fn children(elems: &[ElemInfo], parent: u32) -> impl Iterator<Item = (u32, &ElemInfo)> {
    let end = elems.get(parent as usize).map_or(0, |p| p.end);
    let mut c = parent + 1;
    std::iter::from_fn(move || {
        if c > end {
            return None;
        }
        let e = elems.get(c as usize)?;
        let at = c;
        c = e.end + 1;
        Some((at, e))
    })
}

/// Whether `node` sits in a cell of a data table's row: at least three cells with text,
/// none of them a page section, and some other cell with text that is not a link (a film
/// title linked in a list of films, beside its year and description). A row of link cells
/// only is a menu, and stays chrome.
fn in_data_row(dom: &Dom, node: u32) -> bool {
    let elems = &dom.elems;
    let Some((cell, row)) = cell_of(elems, node) else {
        return false;
    };
    let (mut cells, mut plain_cells, mut plain_chars) = (0, 0, 0);
    for (c, e) in children(elems, row).filter(|(_, e)| matches!(e.tag, Tag::Td | Tag::Th)) {
        if e.chars > DATA_ROW_CELL_CHARS {
            return false;
        }
        if e.chars > 0 {
            cells += 1;
        }
        let plain = e.chars.saturating_sub(e.link_chars);
        if c != cell && plain > 0 {
            plain_cells += 1;
            plain_chars += plain;
        }
    }
    cells >= 3 && (plain_cells >= 2 || plain_chars >= 20) && header_row(elems, row)
}

/// Whether the table of row `row` opens with a row of header cells (`<th>`), as data tables
/// do and listings laid out in tables ("Visit my Web Site | Request Information") do not.
fn header_row(elems: &[ElemInfo], row: u32) -> bool {
    let mut t = row;
    for _ in 0..3 {
        match elems.get(t as usize) {
            Some(e) if e.tag == Tag::Table => break,
            Some(e) => t = e.parent,
            None => return false,
        }
    }
    let Some(table) = elems.get(t as usize).filter(|e| e.tag == Tag::Table) else {
        return false;
    };
    // The first row, a few elements in (a caption or a row group may come first).
    for c in (t + 1..).take(16) {
        let Some(e) = elems.get(c as usize).filter(|_| c <= table.end) else {
            return false;
        };
        if e.tag == Tag::Tr {
            return children(elems, c).any(|(_, cell)| cell.tag == Tag::Th);
        }
    }
    false
}

/// Largest cell of a data row, in characters: a description, not a page section.
const DATA_ROW_CELL_CHARS: u32 = 1500;

/// Whether `node` sits in a data table's row (short cells, at least one other with text): a
/// column header such as "Comment", not the head of a comment section.
fn in_data_cell(dom: &Dom, node: u32) -> bool {
    let elems = &dom.elems;
    let Some((cell, row)) = cell_of(elems, node) else {
        return false;
    };
    // Other cells of the row that hold text.
    let mut cells = 0;
    for (c, e) in children(elems, row).filter(|(_, e)| matches!(e.tag, Tag::Td | Tag::Th)) {
        if e.chars > DATA_CELL_CHARS {
            // A layout table: the cell holds a page section.
            return false;
        }
        if c != cell && e.chars > 0 {
            cells += 1;
        }
    }
    cells > 0
}

/// Whether the block sits in an element named like a comment thread.
/// Words of article a comments head must follow to end the region when the comment thread
/// after it is longer than the article.
const THREAD_AFTER_WORDS: usize = 100;

/// Whether the region after block `at` reads like a comment thread: at least two signature
/// lines ("Posted by John on January 10, 2008 5:29 PM", "Anna wrote:").
fn thread_follows(blocks: &[Block], region: &[bool], at: usize) -> bool {
    blocks[at + 1..]
        .iter()
        .zip(&region[at + 1..])
        .filter(|(b, r)| **r && crate::heuristics::text::region::is_signature(b.text()))
        .nth(1)
        .is_some()
}

fn in_comments(b: &Block) -> bool {
    let Some(h) = b.html.as_ref() else {
        return false;
    };
    h.tokens.split(' ').any(|t| {
        let named = t == "comment"
            || t == "comments"
            || t == "commentlist"
            || t == "disqus_thread"
            || t == "respond"
            || t == "replies"
            || ["comment-", "comments-", "comment_", "comments_"]
                .iter()
                .any(|p| t.starts_with(p))
            || ["-comment", "-comments", "_comment", "_comments"]
                .iter()
                .any(|p| t.ends_with(p));
        named
            && ![
                "open", "closed", "count", "link", "meta", "button", "icon", "number", "bubble",
            ]
            .iter()
            .any(|x| t.contains(x))
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::segment::html;

    /// Segmented as the default cleaner segments.
    fn segment(s: &str) -> Page {
        html::segment(s, crate::Cleaner::new().prune())
    }

    fn labelled(html: &str) -> (Page, Labels) {
        let page = segment(html);
        let mut labels: Labels = vec![None; page.blocks().len()];
        let mut found = Found::default();
        label(&page, &mut labels, &mut found);
        (page, labels)
    }

    fn body(page: &Page, labels: &Labels) -> Vec<String> {
        page.blocks()
            .iter()
            .zip(labels)
            .filter(|(_, l)| l.is_none())
            .map(|(b, _)| b.text().to_string())
            .collect()
    }

    /// Whether a body line starts with `prefix`.
    fn kept(body: &[String], prefix: &str) -> bool {
        body.iter().any(|t| t.starts_with(prefix))
    }

    const PROSE: &str = "<p>The council said on Monday that it would not raise the local tax this \
        year, and that the money for the new school in the north of the town was already in \
        the budget it had passed in the spring.</p>";

    #[test]
    fn an_article_inside_a_page_wrapping_form_is_found() {
        // ASP.NET and older sites wrap the whole page, article included, in one <form>: the
        // article must not lose to a footer outside it.
        let html = format!(
            "<html><body><form name=frm><div class=menu><a href=/a>Home</a> \
             <a href=/b>World</a></div><h1>Council keeps the tax</h1><div>{p}</div></form><div><p>Copyright 2008 The Example Times. All rights \
             reserved, and so on, in every country of the world.</p></div></body></html>",
            p = PROSE.repeat(8)
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(
            body.iter().filter(|t| t.starts_with("The council")).count() == 8,
            "{body:?}"
        );
        assert!(!kept(&body, "Home"), "{body:?}");
    }

    #[test]
    fn a_small_form_is_still_chrome() {
        let html = format!(
            "<html><body><div>{PROSE}{PROSE}</div><form><p>Sign up for our newsletter</p>\
             <input name=email></form></body></html>"
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(!body.iter().any(|t| t.contains("newsletter")), "{body:?}");
    }

    #[test]
    fn paragraphs_named_footer_do_not_make_their_cell_the_article() {
        // The article's cell is link-dense (archive links after each section); the footer
        // cell is called "Contentpane" and its paragraphs are class=footer.
        let links: String = (0..12)
            .map(|i| {
                format!("<td><a href=/m{i}>Month {i} by Date</a> <a href=/t{i}>by Thread</a></td>")
            })
            .collect();
        let sect = format!(
            "<h3>Community list</h3><p>Archives of the discussions on the community list are \
             made available to the public for review and comment, in two formats.</p><div>\
             <table><tr>{links}</tr></table></div>"
        );
        let foot = "<p class=footer>This site is sponsored by the department, which see, and \
             hosted by the corporation, which see, too, and the logo, the name, and the marks \
             are theirs.</p>";
        let html = format!(
            "<html><body><table><tr><td>{s}</td></tr></table><table><tr><td id=Contentpane>\
             {foot}{foot}<p class=footer>NOTICE: this software or technical data was produced \
             for the government under a contract, and is subject to the rights in data clause \
             of that contract.</p></td></tr></table></body></html>",
            s = sect.repeat(3)
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(kept(&body, "Archives"), "{body:?}");
        assert!(!kept(&body, "NOTICE"), "{body:?}");
    }

    #[test]
    fn a_footer_is_pruned_when_no_region_stands_out() {
        // Headings only, no paragraph to score: the whole page is the region, and a footer
        // holding less than half of it is still a widget.
        let html = "<html><body><div id=about><h1>What is the group we are?</h1><h2>We are \
             an organization of activists. We publish a magazine offering analysis of politics, \
             social movements and culture, and our website and magazine are forums for people \
             who want to strengthen activism, and for those who wish to replace what is with a \
             democracy. We believe that the liberation of the people can be won only through \
             their own struggles.</h2><h3>Activities</h3><h3>Events</h3></div><div id=footer>\
             Get our news feed sent directly to your web site, syndicate us. Get involved with \
             the group. We have branches in several cities in the country. Contact us by \
             clicking here, or write to us.</div></body></html>";
        let (page, labels) = labelled(html);
        let body = body(&page, &labels);
        assert!(kept(&body, "We are"), "{body:?}");
        assert!(!kept(&body, "Get our"), "{body:?}");
    }

    #[test]
    fn a_comment_thread_longer_than_the_article_is_cut() {
        let comment = |who: &str, n: usize| {
            format!(
                "<p>I think the council is wrong about this, and I have said so at every \
                 meeting since the spring, and I will say it again at the next one.</p>\
                 <p>Posted by {who} on January {n}, 2008 5:{n:02} PM</p>"
            )
        };
        let thread: String = ["Anna", "Bob", "Carl", "Dora", "Emil", "Fay"]
            .iter()
            .enumerate()
            .map(|(k, w)| comment(w, k + 10))
            .collect();
        let html = format!(
            "<html><body><div class=main>{PROSE}{PROSE}{PROSE}<h3>Comments</h3>{thread}</div>\
             </body></html>"
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(kept(&body, "The council"), "{body:?}");
        assert!(!kept(&body, "I think"), "{body:?}");
        assert!(!kept(&body, "Posted by"), "{body:?}");
    }

    #[test]
    fn a_page_of_posts_with_comment_links_keeps_every_post() {
        // A blog's front page: each post ends with its "Comments (N)" link and signature.
        let post = |n: usize| {
            format!(
                "<h3>Post number {n}</h3>{PROSE}{PROSE}{PROSE}<p>Comments ({n})</p>\
                 <p>// posted by Aaron @ 9:{n:02} AM</p>"
            )
        };
        let posts: String = (1..=4).map(post).collect();
        let html = format!("<html><body><div class=main>{posts}</div></body></html>");
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(body.iter().any(|t| t == "Post number 2"), "{body:?}");
    }

    #[test]
    fn a_comments_line_without_a_thread_after_it_keeps_the_rest() {
        // A "Comments" line early in a long article, with no signatures after it, is not
        // the start of a thread.
        let html = format!(
            "<html><body><div class=main>{PROSE}<p>Comments</p>{p}</div></body></html>",
            p = PROSE.repeat(4)
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert_eq!(
            body.iter().filter(|t| t.starts_with("The council")).count(),
            5,
            "{body:?}"
        );
    }

    #[test]
    fn a_comment_column_header_does_not_end_the_article() {
        let html = format!(
            "<html><body><div class=main>{PROSE}{PROSE}<table><tr><td>Status</td>\
             <td>Comment</td></tr><tr><td>new</td><td>Waiting for a worker to pick it up.</td>\
             </tr></table><p>After the table the article goes on with more of its \
             sentences, as it did before the table began.</p></div></body></html>"
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(body.iter().any(|t| t == "Comment"), "{body:?}");
        assert!(kept(&body, "After the table"), "{body:?}");
    }

    #[test]
    fn a_comments_head_still_ends_the_article() {
        let html = format!(
            "<html><body><div class=main>{PROSE}{PROSE}<h3>Comments</h3><p>Great post, thank \
             you so much for writing it, I have shared it with my friends.</p></div>\
             </body></html>"
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(!kept(&body, "Great post"), "{body:?}");
        assert!(kept(&body, "The council"), "{body:?}");
    }

    #[test]
    fn a_related_widget_inside_the_article_goes_whole() {
        let html = format!(
            "<html><body><div class=post>{PROSE}{PROSE}{PROSE}{PROSE}<div class=related-items>\
             <h3>You may also like</h3><p>Another story from the same site, told in a long \
             sentence that goes on and on about what happened in another town last week, and \
             how the people there felt about it when they heard the news.</p></div></div>\
             </body></html>"
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(kept(&body, "The council"), "{body:?}");
        assert!(!kept(&body, "You may"), "{body:?}");
        assert!(!kept(&body, "Another story"), "{body:?}");
    }

    #[test]
    fn a_chrome_named_wrapper_around_the_article_keeps_it() {
        let html = format!(
            "<html><body><div class=share-wrapper>{PROSE}{PROSE}<p>The last paragraph is long \
             enough to count as prose on its own, and it ends the article with a sentence or \
             two about what the council will decide next month, when its members meet again \
             in the town hall.</p></div></body></html>"
        );
        let (page, labels) = labelled(&html);
        let body = body(&page, &labels);
        assert!(kept(&body, "The last paragraph"), "{body:?}");
    }

    #[test]
    fn prose_weighs_more_than_headline_lists_of_the_same_length() {
        let page = segment(&format!(
            "<html><body>{PROSE}<p>Council Tax Budget School North Town Spring Monday Money \
             Local Year New Plans Vote Members Meeting Report Agenda Minutes</p></body></html>"
        ));
        let mut stops = StopWords::detect(page.blocks().iter().map(|b| b.text()));
        let f = prose_scores(page.blocks(), &mut stops, &vec![None; page.blocks().len()]);
        assert_eq!(f.len(), 2);
        assert!(f[0] > 1.0 && f[1] < 0.6, "{f:?}");
    }

    /// A table of `rows` rows of (linked name, year, description), with a header row or not,
    /// inside an article.
    fn table_page(header: bool, cells: &[&str]) -> String {
        let mut t = String::from("<table>");
        if header {
            t.push_str("<tr><th>Film</th><th>Year</th><th>Description</th></tr>");
        }
        for (k, c) in cells.iter().enumerate() {
            t.push_str(&format!(
                "<tr><td><a href='/f{k}'>{c}</a></td><td>19{k}7</td><td>A woman relives \
                 the same day, over and over again, until she sets it right.</td></tr>"
            ));
        }
        t.push_str("</table>");
        format!("<html><body><article>{PROSE}{t}{PROSE}</article></body></html>")
    }

    #[test]
    fn linked_names_in_a_data_table_are_content() {
        let names = ["Repeat Performance", "The Time Travelers", "Le 15 Mai"];
        let (page, labels) = labelled(&table_page(true, &names));
        let body = body(&page, &labels);
        for n in names {
            assert!(body.iter().any(|t| t == n), "{n}: {body:?}");
        }
    }

    #[test]
    fn links_in_a_table_without_header_cells_stay_chrome() {
        // A listing laid out in a table ("Visit my Web Site" beside each entry).
        let (page, labels) = labelled(&table_page(false, &["Visit my Web Site"; 3]));
        let kept = body(&page, &labels);
        assert!(!kept.iter().any(|t| t == "Visit my Web Site"), "{kept:?}");
        // A row of link cells only is a menu, header or not.
        let menu = format!(
            "<html><body><article>{PROSE}<table><tr><th>Menu</th></tr><tr><td><a href=/a>Home</a>\
             </td><td><a href=/b>News</a></td><td><a href=/c>Sport</a></td></tr></table>{PROSE}\
             </article></body></html>"
        );
        let (page, labels) = labelled(&menu);
        let kept = body(&page, &labels);
        assert!(!kept.iter().any(|t| t == "News"), "{kept:?}");
    }
}
