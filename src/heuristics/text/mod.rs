//! Heuristics for text input on sites no rule set knows.
//!
//! 1. **Units**: the blocks (lines) are grouped into units: a paragraph that a renderer
//!    wrapped at a fixed width is one unit, every other line is its own unit.
//! 2. **Features** ([`features`]): length, words, stop-word density in the page's language
//!    ([`lang`]), case, digits, link-row separators and column gaps, renderer artefacts,
//!    lines repeated within the page.
//! 3. **Classes** ([`classify`]): prose, near-prose, short, chrome; then context smoothing.
//! 4. **Region** ([`region`]): the heaviest run of prose; what lies outside is chrome.
//! 5. **Title and byline**: the headline-shaped line just before the article, and the
//!    byline or date line near it, go to `title` and `meta` (and stay in the body).
//!
//! When the page has no prose unit at all, nothing is labelled: a short page is kept.

mod classify;
mod code;
mod columns;
mod features;
mod lang;
pub(crate) mod region;

use crate::heuristics::here;
use std::sync::LazyLock;

use regex::Regex;
use rustc_hash::FxHashMap;

use crate::engine::Found;
use crate::label::{Features, Label, Labels, Reason};
use crate::page::{Block, Page};

use classify::{Cause, Class, Shape};
use features::Counts;
pub(crate) use features::Raw;
use lang::Lang;

/// A run of blocks classified together.
struct Unit {
    start: usize,
    end: usize,
    counts: Counts,
    /// Label set by a rule before the heuristics ran, if any.
    fixed: Option<Label>,
    cause: Cause,
    first: Class,
    class: Class,
    rail: bool,
    /// A comment signature ("Posted by: … | date").
    signature: bool,
    /// Lines of a code listing ([`code::listings`]).
    code: bool,
}

/// Label the blocks no rule claimed. Blocks left `None` become body. `raw` is the page's
/// input when the caller has it: a side-by-side layout is then read in columns. `cache` is
/// the [`Scan`] of a page of the same block texts, if there is one (a later look, see
/// `Cleaner::settle`).
///
/// Returns, for a page read in columns, each block's paragraph in the article column: the
/// paragraphs the body should be written with (see [`columns`]); and for a page read line by
/// line, its own scan, for the next look.
pub(crate) fn label(
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    raw: Option<&str>,
    cache: Option<&Scan>,
) -> (Option<Vec<u32>>, Option<Scan>) {
    let blocks = page.blocks();
    if blocks.is_empty() {
        return (None, None);
    }
    if let Some(view) = raw.and_then(|r| columns::view(blocks, r)) {
        if let Some(paras) = label_view(&view, labels, found) {
            return (Some(paras), None);
        }
    }
    let scan = label_lines(page, labels, found, None, cache);
    (None, Some(scan))
}

/// Label the blocks of a page line by line (no column view). `wrapped`, when given, receives
/// the block ranges of the paragraphs a renderer wrapped (units of several lines). Returns
/// the page's scan (see [`label`]).
fn label_lines(
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    wrapped: Option<&mut Vec<(usize, usize)>>,
    cache: Option<&Scan>,
) -> Scan {
    let (lang, counts, scan) = scan_blocks(page.blocks(), labels, cache);
    label_scanned(page, labels, found, wrapped, lang, &counts);
    scan
}

/// [`label_lines`] once the blocks are scanned.
fn label_scanned(
    page: &Page,
    labels: &mut Labels,
    found: &mut Found,
    wrapped: Option<&mut Vec<(usize, usize)>>,
    lang: Option<Lang>,
    counts: &[Counts],
) {
    let blocks = page.blocks();
    let mut units = units(blocks, labels, lang, counts);
    if units.is_empty() {
        return;
    }
    if let Some(w) = wrapped {
        w.extend(
            units
                .iter()
                .filter(|u| u.end - u.start > 1)
                .map(|u| (u.start, u.end)),
        );
    }
    let mut classes: Vec<Class> = units.iter().map(|u| u.first).collect();
    let fixed: Vec<bool> = units.iter().map(|u| u.fixed.is_some()).collect();
    let lens: Vec<f32> = units.iter().map(|u| u.counts.eff_len()).collect();
    let free: Vec<bool> = units
        .iter()
        .map(|u| u.fixed.is_none() && blocks[u.start].marker().is_none())
        .collect();
    classify::promote_runs(&mut classes, &free, &lens);
    classify::smooth(&mut classes, &fixed);
    for (u, c) in units.iter_mut().zip(&classes) {
        u.class = *c;
    }
    if !units
        .iter()
        .any(|u| u.fixed.is_none() && u.class == Class::Good)
    {
        // A short page with no prose unit is kept, but a rail heading (TRENDING, Related,
        // Most read…) after some text still ends it: what follows is a list of other pages.
        if let Some(cut) = units.iter().skip(1).position(|u| u.rail).map(|i| i + 1) {
            let reason = Reason::Heuristic {
                name: "text/rail-cut",
                score: 1.0,
            };
            for l in &mut labels[units[cut].start..] {
                if l.is_none() {
                    *l = Some((Label::Chrome, reason.clone()));
                }
            }
        }
        return;
    }

    // The article region.
    let mut weights: Vec<f32> = units.iter().map(weight).collect();
    // Past a rail heading that follows prose, prose is most likely comments or teasers: it
    // counts for less, so a long comment thread does not outweigh the article.
    let mut prose_seen = 0.0f32;
    let mut discount = 1.0f32;
    let mut last_good: Option<usize> = None;
    // The first heading that ends the article (comments, related stories) after prose.
    let mut ends: Option<usize> = None;
    // The heaviest run of prose starting at or after each unit, before any discount.
    let ahead = if units.iter().any(|u| u.rail) {
        region::heaviest_ahead(&weights)
    } else {
        Vec::new()
    };
    for (ui, (u, w)) in units.iter().zip(weights.iter_mut()).enumerate() {
        let closes = last_good.is_some_and(|g| ui - g <= region::RAIL_REACH);
        // A list of other stories above the article (teasers, then "Related Stories", then
        // the story): a run of prose after the heading many times heavier than all the prose
        // before it is the article, not one more teaser. A comment heading gets no such
        // exception: a thread can be many times longer than the article.
        let teasers_before = u.rail
            && ahead
                .get(ui + 1)
                .is_some_and(|&h| h >= region::TEASERS_RATIO * prose_seen)
            && blocks[u.start].marker().is_none()
            && region::lists_stories(blocks[u.start].text());
        if u.rail && closes && prose_seen >= region::RAIL_AFTER && !teasers_before {
            // A comment section or related list heading (not a menu item) closes the article
            // more surely than other rail headings.
            let b = &blocks[u.start];
            let d = if b.marker().is_none() && region::ends_article(b.text()) {
                ends.get_or_insert(ui);
                region::ENDS_DISCOUNT
            } else {
                region::RAIL_DISCOUNT
            };
            discount = discount.min(d);
        }
        if *w > 0.0 {
            prose_seen += *w;
            *w *= discount;
            last_good = Some(ui);
        }
    }
    // The article lies before such a heading when enough prose does: a long comment thread
    // after it does not outweigh it.
    let before_ends = ends
        .and_then(|e| region::heaviest(&weights[..e]))
        .filter(|&(_, _, sum)| sum >= region::RAIL_AFTER);
    let Some((mut a, mut b, total)) = before_ends.or_else(|| region::heaviest(&weights)) else {
        return;
    };
    // A rail heading inside the region, after enough prose, ends it.
    let mut inside = 0.0f32;
    for (ui, u) in units.iter().enumerate().take(b).skip(a) {
        if u.rail && inside >= region::RAIL_AFTER && region::ends_article(blocks[u.start].text()) {
            b = ui;
            break;
        }
        inside += weights[ui].max(0.0);
    }

    // The region's end that shares no word with the rest of it (a disclaimer, an
    // advertisement, a newsletter blurb, another story run on after the article) is not the
    // article's.
    let core_end = b;
    let mut words = None;
    if RegionWords::may_trim(blocks, &units[a..b]) {
        let w = RegionWords::new(blocks, &units[a..b]);
        b = a + w.on_topic_end(&units[a..b]);
        words = Some(w);
    }

    // The article's last lines: short sentences right after the last prose ("Mr X is banned
    // from the Open.", "Reporting by …; editing by ….") are too short to be prose on their own.
    // Lines without words ("------") may come between; anything else ends the search.
    let tail = sentence_run(
        blocks,
        &units,
        core_end..(core_end + TAIL_REACH).min(units.len()),
    );

    // Further runs of prose as heavy as a good part of the article (an article split by a
    // gallery or an advertisement block) join it.
    let mut extra: Vec<(usize, usize)> = Vec::new();
    // Nothing after a comment or related heading that follows the article joins it.
    let stop = (b..units.len())
        .find(|&i| units[i].rail && region::ends_article(blocks[units[i].start].text()))
        .unwrap_or(units.len());
    let mut todo = vec![(0usize, a), (core_end, stop)];
    while let Some((lo, hi)) = todo.pop() {
        if let Some((x, y, sum)) = region::heaviest(&weights[lo..hi]) {
            if sum >= region::SECOND_FRACTION * total {
                // A run nearly as heavy as the main one may be the article itself.
                if sum >= EXTRA_PEER * total || {
                    let words = words.get_or_insert_with(|| RegionWords::new(blocks, &units[a..b]));
                    shares_topic(blocks, &units, (lo + x, lo + y), |w| {
                        words.in_first(b - a, w)
                    })
                } {
                    extra.push((lo + x, lo + y));
                }
                todo.push((lo, lo + x));
                todo.push((lo + y, hi));
            }
        }
    }

    // Title and byline just before (or at the top of) the region.
    let head = find_head(blocks, &units, a, labels, found);
    if let Some(t) = head {
        a = a.min(t);
    }
    // Likewise the first lines: short sentences between the title and the first prose (a
    // one-line lede, "He only feels like one."). Without a title, a sentence above the prose
    // is as often a notice ("This video is playable across all supported devices.").
    let first_good = (a..b).find(|&i| units[i].fixed.is_none() && units[i].class == Class::Good);
    let lede = match (first_good, head) {
        (Some(g), Some(t)) => {
            let floor = (t + 1).max(g.saturating_sub(TAIL_REACH));
            sentence_run(blocks, &units, (floor..g).rev())
        }
        _ => Vec::new(),
    };

    for (ui, u) in units.iter().enumerate() {
        if u.fixed.is_some() {
            continue;
        }
        let inside = (ui >= a && ui < b) || extra.iter().any(|&(x, y)| ui >= x && ui < y);
        let (label, name, score) = if head == Some(ui) {
            (Label::Body, "text/title", 1.0)
        } else if tail.contains(&ui) {
            (Label::Body, "text/last-line", 1.0)
        } else if lede.contains(&ui) {
            (Label::Body, "text/first-line", 1.0)
        } else if !inside {
            let name = if u.rail {
                "text/rail"
            } else if u.signature {
                "text/comment-signature"
            } else if ui >= b && ui < core_end {
                "text/off-topic"
            } else if ui >= b {
                "text/after-article"
            } else {
                "text/before-article"
            };
            (Label::Chrome, name, weights[ui])
        } else if u.code {
            (Label::Body, "text/code", weights[ui])
        } else if u.class != Class::Good && inner_sentence(blocks, u) {
            // A short sentence inside the article whose neighbours are short lines too (a
            // quote, a one-line paragraph between a heading and a list): smoothing made it
            // chrome, but it reads as the article's.
            (Label::Body, "text/in-sentence", weights[ui])
        } else if u.class != Class::Good && inner_heading(blocks, &units, ui) {
            (Label::Body, "text/in-heading", weights[ui])
        } else if u.class == Class::Good {
            let name = match (u.first, u.cause) {
                (Class::Good, _) => "text/prose",
                (Class::NearGood, _) => "text/near-prose",
                _ => "text/in-article",
            };
            (Label::Body, name, weights[ui])
        } else {
            let name = match u.first {
                Class::Bad => u.cause.name(),
                _ => "text/near-chrome",
            };
            (Label::Chrome, name, weights[ui])
        };
        let features = Features::new(
            &["len", "words", "stop", "caps", "digits", "seps"],
            &[
                u.counts.eff_len(),
                u.counts.words as f32,
                u.counts.stop_density(),
                u.counts.cap_ratio(),
                u.counts.digit_ratio(),
                u.counts.seps as f32,
            ],
        );
        let reason = Reason::Scored {
            name,
            score,
            features,
        };
        for l in &mut labels[u.start..u.end] {
            if l.is_none() {
                *l = Some((label, reason.clone()));
            }
        }
    }
    if let Some(l) = lang {
        found.meta.set_first("language", l.code());
    }
}

/// Label a page laid out in columns through its column view: each input line takes the
/// label of its text in the article column; a line with nothing there is chrome. Returns
/// each block's paragraph in the view, or `None` (and labels nothing) when the view finds no
/// article.
fn label_view(view: &columns::View, labels: &mut Labels, found: &mut Found) -> Option<Vec<u32>> {
    let vpage = Page::from_text(&view.text);
    let vblocks = vpage.blocks();
    if vblocks.len() != view.blocks.len() {
        return None;
    }
    let mut vlabels: Labels = view.blocks.iter().map(|&i| labels[i].clone()).collect();
    let before = vlabels.iter().filter(|l| l.is_some()).count();
    let mut wrapped = Vec::new();
    label_lines(&vpage, &mut vlabels, found, Some(&mut wrapped), None);
    if vlabels.iter().filter(|l| l.is_some()).count() == before {
        return None;
    }
    // Paragraphs of the view: its own, and each wrapped paragraph apart from the lines
    // around it (a table layout often has no blank line between paragraphs at all).
    let mut vparas = Vec::with_capacity(vblocks.len());
    let mut para = 0u32;
    let mut w = wrapped.iter().peekable();
    let mut in_wrap_until = 0usize;
    for (k, vb) in vblocks.iter().enumerate() {
        let starts_wrap = w.next_if(|&&(x, _)| x == k);
        let new = k > 0
            && (vb.para != vblocks[k - 1].para || starts_wrap.is_some() || k == in_wrap_until);
        if let Some(&(_, y)) = starts_wrap {
            in_wrap_until = y;
        }
        para += u32::from(new);
        vparas.push(para);
    }
    let off = Reason::Heuristic {
        name: "text/off-column",
        score: 1.0,
    };
    let mut paras = Vec::with_capacity(labels.len());
    let mut para = 0u32;
    let mut next = view
        .blocks
        .iter()
        .zip(vparas.into_iter().zip(vlabels))
        .peekable();
    for (i, l) in labels.iter_mut().enumerate() {
        match next.next_if(|&(&j, _)| j == i) {
            Some((_, (vp, vl))) => {
                para = vp;
                if l.is_none() {
                    *l = vl;
                }
            }
            None => {
                if l.is_none() {
                    *l = Some((Label::Chrome, off.clone()));
                }
            }
        }
        paras.push(para);
    }
    Some(paras)
}

/// Weight of a unit for the region search.
fn weight(u: &Unit) -> f32 {
    if u.rail {
        return -region::RAIL_WEIGHT;
    }
    if u.signature {
        return -region::SIGNATURE_WEIGHT;
    }
    match (u.fixed, u.class) {
        (Some(Label::Chrome), _) => -region::BAD_FLOOR,
        // A code listing neither makes the article nor cuts it.
        (None, _) if u.code => 0.0,
        (Some(_), _) => 0.0,
        (None, Class::Good) => u.counts.eff_len(),
        // A rule line or a run of symbols: its length is no text; it weighs as a short line.
        (None, _) if u.counts.words == 0 => -region::BAD_WEIGHT * region::BAD_FLOOR,
        (None, _) => -region::BAD_WEIGHT * u.counts.eff_len().max(region::BAD_FLOOR),
    }
}

/// What [`scan_blocks`] read from a page's blocks: each block's raw counts and, for the
/// blocks it sampled for the language, their language evidence. Both depend on a block's
/// text alone, so a later look at the same lines ([`Cleaner::settle`](crate::Cleaner)) takes
/// them from here instead of reading the text again.
pub(crate) struct Scan {
    raws: Vec<features::Raw>,
    /// Evidence of block `i` when it was sampled (`None` past the sample or when labelled).
    evidence: Vec<Option<lang::Evidence>>,
}

impl Scan {
    /// The scan of a page made of the blocks `picked` of the scanned page, in that order
    /// (the caller checks that the texts are the same); `None` unless this scan covers the
    /// `blocks` blocks of that page.
    pub(crate) fn select(&self, picked: &[usize], blocks: usize) -> Option<Scan> {
        if self.raws.len() != blocks || picked.iter().any(|&i| i >= blocks) {
            return None;
        }
        Some(Scan {
            raws: picked.iter().map(|&i| self.raws[i]).collect(),
            evidence: picked
                .iter()
                .map(|&i| self.evidence.get(i).copied().flatten())
                .collect(),
        })
    }
}

/// Scan every block once: the page language from the first unlabelled blocks (see
/// [`lang::Evidence`]), and each block's counts for that language. With `cache` (the scan of
/// a page of the same block texts), what it holds is reused.
fn scan_blocks(
    blocks: &[Block],
    labels: &Labels,
    cache: Option<&Scan>,
) -> (Option<Lang>, Vec<Counts>, Scan) {
    let stops = lang::StopWords::get();
    let mut evidence = lang::Evidence::default();
    let mut scan = Scan {
        raws: Vec::with_capacity(blocks.len()),
        evidence: Vec::new(),
    };
    let mut sampling = true;
    for (i, (b, l)) in blocks.iter().zip(labels).enumerate() {
        let cached = cache.and_then(|c| c.raws.get(i));
        if sampling && l.is_none() {
            let hit = cache.and_then(|c| c.evidence.get(i).copied().flatten());
            let (raw, ev) = match (cached, hit) {
                (Some(r), Some(e)) => (*r, e),
                _ => {
                    let mut e = lang::Evidence::default();
                    let r = features::scan_raw(b.text(), &stops, Some(&mut e));
                    (r, e)
                }
            };
            evidence.absorb(&ev);
            scan.raws.push(raw);
            scan.evidence.resize(i, None);
            scan.evidence.push(Some(ev));
            evidence.sampled(b.text().len());
            if evidence.full() {
                sampling = false;
            }
        } else {
            scan.raws.push(match cached {
                Some(r) => *r,
                None => features::scan_raw(b.text(), &stops, None),
            });
        }
    }
    let lang = evidence.decide();
    let mut counts: Vec<Counts> = scan.raws.iter().map(|r| r.counts(lang)).collect();
    for (c, b) in counts.iter_mut().zip(blocks) {
        c.seps += u32::from(b.gaps);
    }
    (lang, counts, scan)
}

/// Group blocks into units and classify each on its own. `counts` are the blocks' counts.
fn units(blocks: &[Block], labels: &Labels, lang: Option<Lang>, counts: &[Counts]) -> Vec<Unit> {
    let mut seen: FxHashMap<&str, u32> =
        FxHashMap::with_capacity_and_hasher(blocks.len(), Default::default());
    for b in blocks {
        *seen.entry(b.text()).or_insert(0) += 1;
    }
    // Widest line of each paragraph: the wrap width estimate.
    let lens: Vec<usize> = blocks.iter().map(|b| char_len(b.line())).collect();
    let paras = blocks
        .iter()
        .map(|b| b.para as usize + 1)
        .max()
        .unwrap_or(0);
    let mut widths: Vec<usize> = vec![0; paras];
    for (b, &l) in blocks.iter().zip(&lens) {
        let w = &mut widths[b.para as usize];
        *w = (*w).max(l);
    }
    let listing = code::listings(blocks);
    let mut out: Vec<Unit> = Vec::with_capacity(blocks.len());
    let mut i = 0;
    while i < blocks.len() {
        let start = i;
        let fixed = labels[i].as_ref().map(|(l, _)| *l);
        let mut sum = counts[i];
        i += 1;
        if fixed.is_none() {
            while i < blocks.len()
                && labels[i].is_none()
                // A rule line (no letters) is no line of a paragraph.
                && counts[i - 1].letters > 0
                && counts[i].letters > 0
                && wraps_into(
                    &blocks[i - 1],
                    &blocks[i],
                    lens[i - 1],
                    widths[blocks[i].para as usize],
                )
            {
                sum.add(&counts[i]);
                i += 1;
            }
        }
        let counts = sum;
        let last = &blocks[i - 1];
        let sentence_end = features::ends_sentence(last.text());
        let repeated = i - start == 1 && seen.get(blocks[start].text()).copied().unwrap_or(0) > 1;
        let (first, cause) = match fixed {
            Some(Label::Chrome) => (Class::Bad, Cause::Rule),
            Some(Label::Body) => (Class::Good, Cause::Rule),
            Some(_) => (Class::Short, Cause::Rule),
            None => classify::initial(
                &Shape {
                    c: &counts,
                    sentence_end,
                    repeated,
                },
                lang,
            ),
        };
        let single = fixed.is_none() && i - start == 1 && first != Class::Good;
        let rail = single && region::is_rail_heading(blocks[start].text());
        let signature = single && region::is_signature(blocks[start].text());
        out.push(Unit {
            code: fixed.is_none() && listing[start..i].iter().all(|&c| c),
            signature,
            start,
            end: i,
            counts,
            fixed,
            cause,
            first,
            class: first,
            rail,
        });
    }
    out
}

fn char_len(s: &str) -> usize {
    if s.is_ascii() {
        s.len()
    } else {
        s.chars().count()
    }
}

/// Whether `next` continues the paragraph `prev` when a renderer wrapped it: same paragraph,
/// same indentation, no bullet, no column gaps, and `prev` is full: its next word would not
/// have fitted within the paragraph's width.
fn wraps_into(prev: &Block, next: &Block, prev_len: usize, width: usize) -> bool {
    if prev.para != next.para
        || prev.indent != next.indent
        || next.content != 0
        || prev.gaps != 0
        || next.gaps != 0
        || width < 40
        || prev_len < 30
    {
        return false;
    }
    let first_word = next.line().split(' ').next().map_or(0, char_len);
    prev_len + 1 + first_word > width.saturating_sub(2)
}

static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(concat!(
        r"(?i)\b(?:\d{4}-\d{2}-\d{2}|\d{1,2}[./]\d{1,2}[./]\d{2,4}",
        r"|(?:jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*\.? \d{1,2}(?:st|nd|rd|th)?,? \d{4}",
        r"|\d{1,2}\.? (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec|januar|februar|märz|mai|juni|juli|oktober|dezember|janvier|février|mars|avril|juin|juillet|août|septembre|octobre|novembre|décembre|enero|febrero|marzo|abril|mayo|junio|julio|agosto|septiembre|octubre|noviembre|diciembre|gennaio|febbraio|aprile|maggio|giugno|luglio|settembre|ottobre|dicembre|janeiro|fevereiro|março|maio|junho|julho|setembro|outubro|dezembro|januari|februari|maart|mei|augustus|oktober)[a-zé]*\.?,? \d{4})\b",
    ))
    .expect("date regex compiles")
});

static BYLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(?i:by|von|par|por|di|door|от|posted by|written by|autor|auteur|autore)\s*:?\s+(?P<author>\p{Lu}[\p{L}.'\-]*(?:\s+(?:\p{Lu}[\p{L}.'\-]*|van|von|de|da|di|del|der|la|le|and|und|et|y|e)){0,5})")
        .expect("byline regex compiles")
});

/// Compile the date regex now (see [`crate::heuristics::warm_up`]).
pub(crate) fn force_date() {
    LazyLock::force(&DATE);
}

pub(crate) fn force_byline() {
    LazyLock::force(&BYLINE);
}

/// Build the language tables now (see [`crate::heuristics::warm_up`]).
pub(crate) fn force_tables() {
    lang::force_tables();
}

/// Find the title (and a byline or date line) just before the region starting at unit `a`.
/// Returns the title unit.
fn find_head(
    blocks: &[Block],
    units: &[Unit],
    a: usize,
    labels: &mut Labels,
    found: &mut Found,
) -> Option<usize> {
    let mut title: Option<usize> = None;
    let lo = a.saturating_sub(8);
    let mut items = 0u32;
    let mut candidates: Vec<usize> = Vec::new();
    // The title: the nearest headline-shaped unit before the region (or its first unit).
    for ui in (lo..=a.min(units.len() - 1)).rev() {
        let u = &units[ui];
        if u.fixed.is_some() || labels[u.start].is_some() {
            continue;
        }
        if ui == a && u.first == Class::Good {
            continue;
        }
        // A list item is no title. One may sit between the title and the article (a map
        // link, a photo credit); a list of them (share buttons, related stories) is a menu:
        // the head is past, and a headline above it is some other box's.
        if u.counts.words > 0 && blocks[u.start].marker().is_some() {
            items += 1;
            if items >= 2 {
                break;
            }
            continue;
        }
        if is_headline(blocks, u) {
            candidates.push(ui);
            if candidates.len() >= HEAD_CANDIDATES {
                break;
            }
            continue;
        }
        // Stop at prose-looking text that is not a headline: the head is past.
        if ui < a && u.first != Class::Short && u.first != Class::Bad {
            break;
        }
    }
    // Of several headline-shaped lines, the title is the nearest that shares a word with the
    // article's first lines ("Email to a friend" and "Life is Local" share none).
    if !candidates.is_empty() {
        let lede = lede_words(blocks, units, a);
        title = candidates
            .iter()
            .copied()
            .find(|&ui| {
                blocks[units[ui].start..units[ui].end]
                    .iter()
                    .any(|b| head_words(b.text()).any(|w| lede.contains(&w)))
            })
            .or(candidates.first().copied());
    }
    // Byline and date between the title and the first lines of the region.
    let from = title.unwrap_or(a);
    let hi = (a + 3).min(units.len());
    for u in units.iter().take(hi).skip(from) {
        if u.fixed.is_some() || u.end - u.start > 2 || u.counts.words > 25 {
            continue;
        }
        let text = blocks[u.start].text();
        // A bordered layout's frame ("│ By …") is no part of the byline.
        let author = here!(BYLINE).with(|r| {
            r.captures(text.trim_start_matches(is_frame))
                .map(|c| c["author"].trim().to_string())
        });
        if let Some(author) = author {
            found.meta.set_first("author", &author);
            mark_meta(labels, u, "text/byline");
        }
        // Every alternative of DATE holds a decimal digit (`\d`, Unicode `Nd`), and the unit's
        // counts hold every numeric character of its blocks: with none, DATE cannot match
        // (and its search, which falls back to a slow engine on non-ASCII text, is skipped).
        if u.counts.digits == 0 {
            continue;
        }
        if let Some(date) = here!(DATE).with(|r| r.find(text).map(|m| m.as_str())) {
            found.meta.set_first("date", date);
            if u.counts.words <= 12 {
                mark_meta(labels, u, "text/date");
            }
        }
    }
    if let Some(t) = title {
        if found.title.is_none() {
            let u = &units[t];
            let text: Vec<&str> = blocks[u.start..u.end].iter().map(|b| b.text()).collect();
            found.title = Some(text.join(" "));
        }
    }
    title
}

/// Words of at least five letters ([`head_words`]) a unit, or a tail of units, must have for
/// [`RegionWords::on_topic_end`] to judge it.
const TOPIC_WORDS: usize = 8;
/// Distinct such words the rest of the region must have: a short article's last paragraph
/// may well share none with the two before it.
const TOPIC_REST: usize = 60;

/// Where each word ([`head_words`]) of the region's units occurs: one pass over the region
/// answers both topic checks ([`RegionWords::on_topic_end`]) and the region's words for
/// [`shares_topic`].
struct RegionWords {
    /// Word → (first unit, last unit) holding it, counted from the region's first unit.
    at: rustc_hash::FxHashMap<u64, (u32, u32)>,
    /// Per unit: the first unit holding any of its words (itself when none is older;
    /// `u32::MAX` for a unit without words).
    oldest: Vec<u32>,
    /// Per unit: its distinct words.
    distinct: Vec<u32>,
}

impl RegionWords {
    fn new(blocks: &[Block], units: &[Unit]) -> RegionWords {
        // About one word of five letters or more in ten bytes of text.
        let bytes: usize = units
            .iter()
            .flat_map(|u| &blocks[u.start..u.end])
            .map(|bl| bl.text().len())
            .sum();
        let mut at =
            rustc_hash::FxHashMap::with_capacity_and_hasher(bytes / 10, Default::default());
        let mut oldest = vec![u32::MAX; units.len()];
        let mut distinct = vec![0u32; units.len()];
        for (i, u) in units.iter().enumerate() {
            let i = i as u32;
            for w in blocks[u.start..u.end]
                .iter()
                .flat_map(|bl| head_words(bl.text()))
            {
                let e = at.entry(w).or_insert((i, u32::MAX));
                if e.1 != i {
                    e.1 = i;
                    distinct[i as usize] += 1;
                    oldest[i as usize] = oldest[i as usize].min(e.0);
                }
            }
        }
        RegionWords {
            at,
            oldest,
            distinct,
        }
    }

    /// Whether [`RegionWords::on_topic_end`] may trim anything, read from a few units in
    /// most articles instead of the whole region.
    ///
    /// A tail of the first rule holds [`TOPIC_WORDS`] words and a line too short to be
    /// prose, so it holds the region's last units back to the last such line and to the
    /// first that brings their words to that many (a part of them does as well); the second
    /// rule's first unit is the region's last. No word of those units may come before the
    /// tail: when one of them
    /// comes among the region's first words, too few words before it to judge by
    /// ([`TOPIC_REST`]) rule the rule out. In an article the last paragraphs soon share a
    /// word with the first.
    fn may_trim(blocks: &[Block], units: &[Unit]) -> bool {
        let words = |u: &Unit| {
            blocks[u.start..u.end]
                .iter()
                .flat_map(|bl| head_words(bl.text()))
        };
        // Whether TOPIC_REST distinct words come before the first of `last` in `units`; with
        // `whole`, also whether no word of `last` is in `units` at all (one reading).
        let enough_before = |units: &[Unit], last: &rustc_hash::FxHashSet<u64>, whole: bool| {
            let mut seen = rustc_hash::FxHashSet::default();
            for unit in units {
                for w in words(unit) {
                    if seen.len() >= TOPIC_REST && !whole {
                        return true;
                    }
                    if last.contains(&w) {
                        return false;
                    }
                    if seen.len() < TOPIC_REST {
                        seen.insert(w);
                    }
                }
            }
            seen.len() >= TOPIC_REST
        };
        let n = units.len();
        if n < 2 {
            return false;
        }
        if let Some(rough) = (1..n).rfind(|&k| matches!(units[k].first, Class::Short | Class::Bad))
        {
            let mut last = rustc_hash::FxHashSet::default();
            let mut u = n;
            // (Forty words are enough to meet the region's first words soon.)
            while u > 0 && (last.len() < TOPIC_WORDS || (u > rough && last.len() < 40)) {
                u -= 1;
                last.extend(words(&units[u]));
            }
            if last.len() >= TOPIC_WORDS && enough_before(&units[..u], &last, false) {
                return true;
            }
        }
        let last: rustc_hash::FxHashSet<u64> = words(&units[n - 1]).collect();
        // The last unit may share no word with any unit before it.
        last.len() >= TOPIC_WORDS && enough_before(&units[..n - 1], &last, true)
    }

    /// Whether `w` is a word of the region's first `n` units.
    fn in_first(&self, n: usize, w: u64) -> bool {
        self.at.get(&w).is_some_and(|&(f, _)| (f as usize) < n)
    }

    /// The end (counted from the region's first unit, `units` its units) of the region
    /// without its off-topic end:
    ///
    /// - its longest tail sharing no word with the units before it and holding a line too
    ///   short to be prose: a sign-up blurb between menu lines, a footer, a blog post run on
    ///   under its title and date after the article. The tail's units may share words among
    ///   themselves; judged together they need [`TOPIC_WORDS`] words. The short lines keep
    ///   the rule off the article's own last paragraphs, which can share no word with the
    ///   rest of a short story (names of four letters, a closing quote).
    /// - then, one unit at a time, its last units sharing no word with the rest of it (a
    ///   disclaimer, an advertisement, another story's teaser), each of [`TOPIC_WORDS`]
    ///   words at least.
    ///
    /// What stays needs [`TOPIC_REST`] words: a short article's last paragraph may well share
    /// none with the two before it. (Trimming the start likewise cost short pages their first
    /// paragraph.)
    fn on_topic_end(&self, units: &[Unit]) -> usize {
        let n = units.len();
        // Distinct words first seen before unit k (`kept[k]`), last seen at or after it
        // (`tail[k]`).
        let mut kept = vec![0u32; n + 1];
        let mut tail = vec![0u32; n + 1];
        for &(f, l) in self.at.values() {
            kept[f as usize + 1] += 1;
            tail[l as usize] += 1;
        }
        for k in 1..=n {
            kept[k] += kept[k - 1];
        }
        for k in (0..n).rev() {
            tail[k] += tail[k + 1];
        }
        let enough = |k: usize| kept[k] as usize >= TOPIC_REST;
        let mut end = n;
        // The tail `k..n` shares no word with `..k` when no word of it is older than k.
        let mut oldest = u32::MAX;
        let mut rough = false;
        for k in (1..n).rev() {
            if !enough(k) {
                break;
            }
            oldest = oldest.min(self.oldest[k]);
            rough |= matches!(units[k].first, Class::Short | Class::Bad);
            if oldest as usize >= k && rough && tail[k] as usize >= TOPIC_WORDS {
                end = k;
            }
        }
        while end > 1 {
            let u = end - 1;
            if (self.distinct[u] as usize) < TOPIC_WORDS
                || (self.oldest[u] as usize) < u
                || !enough(u)
            {
                break;
            }
            end = u;
        }
        end
    }
}

/// Whether the units `run` share at least [`EXTRA_SHARED`] words ([`head_words`]) with the
/// article region (`region` tells its words): another part of the article does, another
/// story seldom.
fn shares_topic(
    blocks: &[Block],
    units: &[Unit],
    run: (usize, usize),
    region: impl Fn(u64) -> bool,
) -> bool {
    let mut shared = 0;
    let mut seen = rustc_hash::FxHashSet::default();
    for u in &units[run.0..run.1] {
        for bl in &blocks[u.start..u.end] {
            for w in head_words(bl.text()) {
                if region(w) && seen.insert(w) {
                    shared += 1;
                    if shared >= EXTRA_SHARED {
                        return true;
                    }
                }
            }
        }
    }
    false
}

/// Words a further run of prose must share with the article's region to join it …
const EXTRA_SHARED: usize = 3;
/// … unless it weighs at least this share of the region: then it may be the article itself
/// (the region a long comment thread or another story), and it joins as before.
const EXTRA_PEER: f32 = 0.8;

/// Headline-shaped lines looked at before the article, nearest first.
const HEAD_CANDIDATES: usize = 8;

/// The words [`find_head`] and the region's topic checks compare: words of at least five
/// characters (mostly content words), each as a hash of its lowercased characters (no
/// string is built). Runs of a script written without spaces (Chinese, Japanese, Thai…) are
/// no words: between two punctuation marks such a run is a clause, which no other line
/// repeats, so every Chinese paragraph would look off-topic.
fn head_words(text: &str) -> impl Iterator<Item = u64> + '_ {
    let bytes = text.as_bytes();
    let mut i = 0;
    // The character at byte `i` (a char boundary), when it is a letter or digit: its length
    // and whether its script is written with spaces. ASCII bytes need no decoding, and CJK
    // Unified Ideographs (all letters, the commonest run beyond ASCII) no Unicode tables.
    let alnum = move |i: usize| -> Option<(usize, bool)> {
        let b = *bytes.get(i)?;
        if b < 0x80 {
            return b.is_ascii_alphanumeric().then_some((1, true));
        }
        let c = text[i..].chars().next()?;
        (matches!(c as u32, 0x4E00..=0x9FFF) || c.is_alphanumeric())
            .then(|| (c.len_utf8(), !unspaced(c)))
    };
    let ascii = text.is_ascii();
    std::iter::from_fn(move || {
        if ascii {
            while i < bytes.len() {
                while i < bytes.len() && !bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                let start = i;
                while i < bytes.len() && bytes[i].is_ascii_alphanumeric() {
                    i += 1;
                }
                if i - start >= 5 {
                    return Some(ascii_word_hash(&bytes[start..i]));
                }
            }
            return None;
        }
        while i < bytes.len() {
            if alnum(i).is_none() {
                // Past this character (a UTF-8 lead byte gives its length).
                i += utf8_len(bytes[i]);
                continue;
            }
            let start = i;
            // Whether the word is written with spaces, told as it is read (lowercasing never
            // takes a letter into or out of an unspaced script): a run of Chinese is read
            // once and never hashed.
            let mut spaced = true;
            while let Some((n, sp)) = alnum(i) {
                spaced &= sp;
                i += n;
            }
            if !spaced {
                continue;
            }
            let word = &text[start..i];
            if word.is_ascii() {
                if word.len() >= 5 {
                    return Some(ascii_word_hash(word.as_bytes()));
                }
                continue;
            }
            let (mut h, mut n) = (0u64, 0);
            for c in word.chars().flat_map(char::to_lowercase) {
                h = word_hash(h, c as u32);
                n += 1;
            }
            if n >= 5 {
                return Some(h);
            }
        }
        None
    })
}

/// The length of the UTF-8 character whose first byte is `b`.
fn utf8_len(b: u8) -> usize {
    match b {
        0xF0.. => 4,
        0xE0.. => 3,
        0xC0.. => 2,
        _ => 1,
    }
}

/// The hash of an ASCII word of letters and digits, lowercased: eight bytes at a time
/// (setting bit 5 lowercases a letter and leaves a digit as it is). A word with other
/// letters goes through [`word_hash`] character by character; the two never meet, as an
/// ASCII word only ever equals an ASCII word.
fn ascii_word_hash(word: &[u8]) -> u64 {
    let mut h = 0u64;
    for chunk in word.chunks(8) {
        let mut b = [0u8; 8];
        for (d, &c) in b.iter_mut().zip(chunk) {
            *d = c | 0x20;
        }
        h = (h.rotate_left(5) ^ u64::from_le_bytes(b)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95);
    }
    h
}

/// Whether `c` belongs to a script written without spaces between words: Thai, Lao,
/// Myanmar, Khmer, CJK (with kana and fullwidth forms; Hangul is written with spaces).
fn unspaced(c: char) -> bool {
    matches!(c as u32,
        0x0E00..=0x0EFF | 0x1000..=0x109F | 0x1780..=0x17FF | 0x2E80..=0x9FFF
        | 0xF900..=0xFAFF | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// One step of the hash of [`head_words`] (FxHash's: rotate, xor, multiply).
fn word_hash(h: u64, c: u32) -> u64 {
    (h.rotate_left(5) ^ u64::from(c)).wrapping_mul(0x51_7c_c1_b7_27_22_0a_95)
}

/// [`head_words`] of the first prose of the region starting at unit `a` (about 80 words).
fn lede_words(blocks: &[Block], units: &[Unit], a: usize) -> rustc_hash::FxHashSet<u64> {
    let mut words = rustc_hash::FxHashSet::default();
    let mut seen = 0;
    for u in units.iter().skip(a).filter(|u| u.class == Class::Good) {
        for b in &blocks[u.start..u.end] {
            words.extend(head_words(b.text()));
            seen += b.text().len();
        }
        if seen >= 600 {
            break;
        }
    }
    words
}

/// How far past the region's end, or before its first prose, (in units) its last and first
/// lines are looked for, and how many words each has at least.
const TAIL_REACH: usize = 3;
const TAIL_WORDS: u32 = 4;

/// The units of `order`, walked in that order, that are short sentences ([`short_sentence`]),
/// up to the first that is neither one nor a line without words (or is a rule's, a rail
/// heading or a signature).
fn sentence_run(
    blocks: &[Block],
    units: &[Unit],
    order: impl Iterator<Item = usize>,
) -> Vec<usize> {
    let mut run = Vec::new();
    for i in order {
        let u = &units[i];
        if u.fixed.is_some() || u.rail || u.signature {
            break;
        }
        if u.cause != Cause::NoWords {
            if !short_sentence(blocks, u) {
                break;
            }
            run.push(i);
        }
    }
    run
}

/// A line too short to be prose that still reads as a sentence of the article: a few words,
/// a sentence end, no separators, renderer artefacts or copyright sign.
fn short_sentence(blocks: &[Block], u: &Unit) -> bool {
    u.first == Class::Short && short_sentence_shape(blocks, u)
}

/// What [`short_sentence`] asks of a line but its class.
fn short_sentence_shape(blocks: &[Block], u: &Unit) -> bool {
    u.counts.words >= TAIL_WORDS
        && u.counts.seps == 0
        && u.counts.brackets == 0
        && features::ends_sentence(blocks[u.end - 1].text())
        && !blocks[u.start..u.end]
            .iter()
            .any(|b| b.text().contains('©'))
}

/// A line inside the region that reads as a sentence of the article: a short or near-prose
/// line with the shape of [`short_sentence`] (and no comment signature). A sentence the page
/// repeats counts too: inside the article it is a pull quote or a caption said again.
fn inner_sentence(blocks: &[Block], u: &Unit) -> bool {
    !u.signature
        && !u.rail
        && (matches!(u.first, Class::Short | Class::NearGood) || u.cause == Cause::Repeated)
        && short_sentence_shape(blocks, u)
}

/// How near (in units) prose must be on both sides of a heading inside the region.
const HEADING_REACH: usize = 3;

/// A subheading inside the article: a short headline-shaped line (no list item, no label
/// such as "Photo: …") with prose close before and after it. Smoothing made it chrome when
/// other short lines stand between it and the prose.
fn inner_heading(blocks: &[Block], units: &[Unit], ui: usize) -> bool {
    let u = &units[ui];
    let good = |v: &Unit| v.fixed.is_none() && v.class == Class::Good;
    let text = blocks[u.start].text();
    u.first == Class::Short
        && !u.signature
        && blocks[u.start].marker().is_none()
        && !text.split(' ').next().is_some_and(|w| w.ends_with(':'))
        && is_headline(blocks, u)
        && units[ui.saturating_sub(HEADING_REACH)..ui].iter().any(good)
        && units[ui + 1..].iter().take(HEADING_REACH).any(good)
}

/// Spaces and box-drawing characters ([`columns::is_box`]): a bordered render's frame around
/// a line.
fn is_frame(c: char) -> bool {
    c == ' ' || columns::is_box(c)
}

fn mark_meta(labels: &mut Labels, u: &Unit, name: &'static str) {
    for l in &mut labels[u.start..u.end] {
        if l.is_none() {
            *l = Some((Label::Body, Reason::Heuristic { name, score: 1.0 }));
        }
    }
}

fn is_headline(blocks: &[Block], u: &Unit) -> bool {
    let c = &u.counts;
    let cjk = c.cjk > c.chars / 2;
    let words_ok = if cjk {
        (6..=80).contains(&c.cjk)
    } else {
        (3..=30).contains(&c.words)
    };
    if !words_ok || c.seps > 0 || c.brackets > 0 || c.digit_ratio() > 0.3 {
        return false;
    }
    let last = blocks[u.end - 1].text();
    if last.ends_with(['.', ',', ';', ':', '|']) && !last.ends_with("...") {
        return false;
    }
    let text = blocks[u.start].text();
    // DATE needs a digit (see `find_head`).
    !here!(BYLINE).with(|r| r.is_match(text.trim_start_matches(is_frame)))
        && (c.digits == 0 || !here!(DATE).with(|r| r.is_match(text)))
        && !region::is_rail_heading(text)
}

/// Stop-word density in a page's language, for scorers outside the text heuristics (the
/// HTML article scorer). The language is detected once from the page's lines; every density
/// then reuses the text heuristics' word scan and stop-word lists.
pub(crate) struct StopWords {
    lang: Option<Lang>,
    stops: lang::StopWords,
}

impl StopWords {
    /// Detect the language of the page from (a sample of) its lines.
    #[cfg(test)]
    pub(crate) fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> Self {
        StopWords {
            lang: lang::detect(lines),
            stops: lang::StopWords::get(),
        }
    }

    /// [`Self::detect`] from keyed lines, handing each line read for it to `scanned` with its
    /// key and its scan, for [`Self::density_of_scan`] (the lines after the evidence is full
    /// are not read).
    pub(crate) fn detect_scanning<'a, K>(
        lines: impl Iterator<Item = (K, &'a str)>,
        scanned: impl FnMut(K, Raw),
    ) -> Self {
        StopWords {
            lang: lang::detect_scanning(lines, scanned),
            stops: lang::StopWords::get(),
        }
    }

    /// Share of the words of `text` that are stop words of the page's language (by-character
    /// languages: share of function characters); `None` when no language was detected.
    pub(crate) fn density(&mut self, text: &str) -> Option<f32> {
        let lang = self.lang?;
        Some(features::scan(text, Some(lang), &self.stops).stop_density())
    }

    /// [`Self::density`] of a text already scanned by [`Self::detect_scanning`].
    pub(crate) fn density_of_scan(&self, scan: &Raw) -> Option<f32> {
        Some(scan.counts(Some(self.lang?)).stop_density())
    }
}

#[cfg(test)]
mod stop_words_tests {
    use super::StopWords;

    #[test]
    fn prose_is_denser_in_stop_words_than_a_menu() {
        let lines = [
            "The council said that it would not raise the tax this year, and that the money \
             for the new school was already in the budget.",
            "Home News Sport Weather Business Politics",
        ];
        let mut sw = StopWords::detect(lines.iter().copied());
        let prose = sw.density(lines[0]).unwrap();
        let menu = sw.density(lines[1]).unwrap();
        assert!(prose > 0.3, "prose {prose}");
        assert!(menu < 0.05, "menu {menu}");
    }

    #[test]
    fn no_language_means_no_density() {
        let mut sw = StopWords::detect(["12345 67890", "---"].into_iter());
        assert_eq!(sw.density("12345"), None);
    }
}

#[cfg(test)]
mod head_words_tests {
    use super::head_words;

    /// Words of five letters or more, case folded, in any script written with spaces; a run
    /// of Chinese between punctuation marks is a clause, no word.
    #[test]
    fn words_are_spaced_words_of_five_letters() {
        let n = |t: &str| head_words(t).count();
        assert_eq!(n("The harbour board voted to rebuild the pier"), 4);
        assert_eq!(
            head_words("HARBOUR Ärzte").collect::<Vec<_>>(),
            head_words("harbour ärzte").collect::<Vec<_>>()
        );
        assert_eq!(n("Die Ärzte warnten vor Grippewellen"), 3);
        assert_eq!(n("人类在月球表面上喝的第一种液体是葡萄酒，前宇航员说。"), 0);
        assert_eq!(n("Nasa表示：这种试验不仅对麦芽威士忌行业有影响"), 0);
        assert_eq!(n("สวัสดีครับ ขอบคุณมาก"), 0);
        assert_eq!(n("Москва объявила новые правила"), 4);
        // A Chinese clause ends at its punctuation; a word after it counts, one run on with
        // it does not; fullwidth letters are unspaced too.
        assert_eq!(
            head_words("中文字符串。Ärzteschaft 中文Ärzteschaft ＡＢＣＤＥＦ").collect::<Vec<_>>(),
            head_words("ärzteschaft").collect::<Vec<_>>()
        );
    }
}

#[cfg(test)]
mod region_words_tests {
    use super::*;

    /// `may_trim` only spares work: wherever it says no, the full reading trims nothing.
    /// Checked on every region `a..b` of every test page's units (page tails and windows),
    /// including the topic tests' own pages.
    #[test]
    fn may_trim_never_refuses_a_trim() {
        let mut pages = crate::test_pages();
        let story = "The harbour board voted on Monday to rebuild the old pier, which has been \
                     closed to visitors since a storm damaged its wooden deck in the spring.";
        pages.push(format!(
            "{story}\n\n{story} Engineers inspecting the structure found weakened columns.\n\n\
             Newsletter\n\nReceive our daily bulletin each morning: breaking stories, weather \
             forecasts and sport results delivered straight into your inbox, free.\n"
        ));
        // A tail whose short line holds the tail's words right after exactly sixty distinct
        // words: the reading must stop at the sixtieth, not look at one word more.
        let words = |stem: &str, n: usize| {
            (0..n)
                .map(|i| {
                    format!(
                        "{stem}{}{}",
                        (b'a' + (i / 26) as u8) as char,
                        (b'a' + (i % 26) as u8) as char
                    )
                })
                .collect::<Vec<_>>()
                .join(" ")
        };
        pages.push(format!(
            "{}.\n\nNewsletter signup\n\nNewsletter signup {}.\n",
            words("story", 60),
            words("blurb", 45)
        ));
        let (mut regions, mut trimmed) = (0, 0);
        for text in &pages {
            let page = Page::from_text(text);
            let blocks = page.blocks();
            let labels: Labels = vec![None; blocks.len()];
            let (lang, counts, _) = scan_blocks(blocks, &labels, None);
            let units = units(blocks, &labels, lang, &counts);
            let n = units.len();
            for a in (0..n).step_by(3) {
                for b in (a + 1..=n).rev().step_by(2).take(12) {
                    let region = &units[a..b];
                    let end = RegionWords::new(blocks, region).on_topic_end(region);
                    regions += 1;
                    if end < region.len() {
                        trimmed += 1;
                        assert!(RegionWords::may_trim(blocks, region), "units {a}..{b}");
                    }
                }
            }
        }
        assert!(
            regions > 1000 && trimmed > 10,
            "{regions} regions, {trimmed} trimmed"
        );
    }
}
