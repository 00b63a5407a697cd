//! Side-by-side layouts: a renderer (w3m above all) lays an old table layout out in columns,
//! so one input line holds a cell of the navigation column, a line of the article and a
//! cell of the right rail, with runs of spaces between them. Judged as whole lines, the
//! article's lines look like link rows and never join into paragraphs.
//!
//! [`view`] finds the article column — the start column shared by most long cells — and
//! gives, for each line, only its cells in that column (with their indentation inside the
//! column). A row with nothing in the column is a blank line of the view: paragraph breaks of
//! the article column come back. The view is classified as a page of its own and its labels
//! go back to the input's lines, which are kept or dropped whole.
//!
//! Only the input's own text shows the columns: cleaning a body again (the second look of
//! `Cleaner::settle`) sees single-spaced lines and no view.

use rustc_hash::FxHashMap;

use crate::normalize::space_len;
use crate::page::Block;

/// A line is split into cells at runs of at least this many spaces.
const GAP: usize = 3;
/// Share of the lines that must have column gaps for a page to be read in columns. Low: a
/// long nested menu above the columns (w3m gives each item a line) is most of some pages;
/// [`MIN_COLUMN_TEXT`] is what asks for a real article column.
const MIN_GAPPED_SHARE: f32 = 0.05;
/// Lines a page must have to be read in columns.
const MIN_LINES: usize = 10;
/// A cell votes for its start column when it is at least this long (characters) …
const LONG_CELL: usize = 40;
/// … and has at least this many words.
const LONG_CELL_WORDS: usize = 6;
/// Characters of long cells at the article column, on lines with gaps, for a view: the
/// columns must hold a real article, not a stray table.
const MIN_COLUMN_TEXT: usize = 300;
/// A cell starting this many columns before the article column still belongs to it.
const SLACK: usize = 2;
/// A full-width line starting left of the column reaches into it by at least this much.
const REACH: usize = 5;

/// One cell of a line: display columns `[start, end)`, text bytes `[from, to)` of the raw
/// line.
#[derive(Clone, Copy)]
struct Cell {
    start: usize,
    end: usize,
    from: usize,
    to: usize,
    words: usize,
}

/// The column view of a page: one text line per input block that has text in the article
/// column.
pub(crate) struct View {
    /// The view, as page text.
    pub(crate) text: String,
    /// For each line of the view (in order), the input block it comes from.
    pub(crate) blocks: Vec<usize>,
}

/// Display width of a character as a terminal renderer counts it: East Asian wide
/// characters take two columns.
fn width(c: char) -> usize {
    let u = c as u32;
    if u < 0x1100 {
        return 1;
    }
    let wide = (0x1100..=0x115f).contains(&u)
        || (0x2e80..=0xa4cf).contains(&u)
        || (0xac00..=0xd7a3).contains(&u)
        || (0xf900..=0xfaff).contains(&u)
        || (0xfe30..=0xfe4f).contains(&u)
        || (0xff00..=0xff60).contains(&u)
        || (0xffe0..=0xffe6).contains(&u)
        || (0x20000..=0x3fffd).contains(&u);
    if wide {
        2
    } else {
        1
    }
}

/// Whether `c` is a box-drawing character (U+2500–U+257F): w3m draws the borders of tables
/// with them (`┃ Home ┃ The council said… ┃`), so they part cells as wide gaps do.
pub(super) fn is_box(c: char) -> bool {
    ('\u{2500}'..='\u{257f}').contains(&c)
}

/// Whether a line holds box-drawing characters (see [`is_box`]): their UTF-8 starts with
/// `E2 94` or `E2 95`.
fn has_box(line: &str) -> bool {
    memchr::memchr_iter(0xe2, line.as_bytes())
        .any(|i| matches!(line.as_bytes().get(i + 1), Some(0x94 | 0x95)))
}

/// Split a raw line (starting at display column `indent`, no leading or trailing spaces)
/// into cells at runs of `GAP` or more spaces and at box-drawing characters. Cells without a
/// word are left out.
fn cells(raw: &str, indent: usize, out: &mut Vec<Cell>) {
    out.clear();
    let b = raw.as_bytes();
    let mut col = indent;
    let mut i = 0;
    let empty = |col: usize, i: usize| Cell {
        start: col,
        end: col,
        from: i,
        to: i,
        words: 0,
    };
    let mut cell = empty(col, 0);
    let mut in_word = false;
    while i < b.len() {
        let l = space_len(b, i);
        if l > 0 {
            // A run of spaces.
            let (j, n) = crate::normalize::space_run(b, i);
            if n >= GAP && j < b.len() && cell.words > 0 {
                out.push(cell);
                cell = empty(col + n, j);
            }
            col += n;
            i = j;
            in_word = false;
            continue;
        }
        let c = raw[i..].chars().next().unwrap_or(' ');
        i += c.len_utf8();
        if is_box(c) {
            if cell.words > 0 {
                out.push(cell);
            }
            col += 1;
            cell = empty(col, i);
            in_word = false;
            continue;
        }
        if !in_word {
            if cell.words == 0 {
                cell.start = col;
                cell.from = i - c.len_utf8();
            }
            cell.words += 1;
            in_word = true;
        }
        col += width(c);
        cell.end = col;
        cell.to = i;
    }
    if cell.words > 0 {
        out.push(cell);
    }
}

/// The column view of a text page, when it is laid out in columns. `raw` is the page's
/// input: the blocks' spans point into it.
pub(crate) fn view(blocks: &[Block], raw: &str) -> Option<View> {
    if blocks.len() < MIN_LINES {
        return None;
    }
    // Only wide gaps make a page a column layout: a cleaned body has none (its spaces are
    // single), so cleaning it again reads it line by line, as the settle look of
    // `Cleaner::settle` did; table borders alone, which a body keeps, do not.
    let gapped = blocks.iter().filter(|b| b.gaps > 0).count();
    if (gapped as f32) < MIN_GAPPED_SHARE * blocks.len() as f32 {
        return None;
    }
    let line_of = |b: &Block| raw.get(b.span.clone());
    // Lines split into cells: those with wide gaps or table borders.
    let split: Vec<bool> = blocks
        .iter()
        .map(|b| b.gaps > 0 || line_of(b).is_some_and(has_box))
        .collect();
    // Cells of every block (one cell for a line without gaps).
    let mut all: Vec<Cell> = Vec::with_capacity(blocks.len() + 2 * gapped);
    let mut first: Vec<u32> = Vec::with_capacity(blocks.len() + 1);
    let mut buf = Vec::new();
    for (b, &split) in blocks.iter().zip(&split) {
        first.push(all.len() as u32);
        let line = line_of(b)?;
        if split {
            cells(line, b.indent as usize, &mut buf);
            all.extend_from_slice(&buf);
        } else {
            let w: usize = if line.is_ascii() {
                line.len()
            } else {
                line.chars().map(width).sum()
            };
            all.push(Cell {
                start: b.indent as usize,
                end: b.indent as usize + w,
                from: 0,
                to: line.len(),
                words: LONG_CELL_WORDS,
            });
        }
    }
    first.push(all.len() as u32);
    let cells_of = |bi: usize| &all[first[bi] as usize..first[bi + 1] as usize];

    // The article column: the start shared by the most text in long cells.
    // For each start column: the width of its long cells, and where the widest ends.
    let mut votes: FxHashMap<usize, (usize, usize)> = FxHashMap::default();
    for c in &all {
        if c.end - c.start >= LONG_CELL && c.words >= LONG_CELL_WORDS {
            let v = votes.entry(c.start).or_insert((0, 0));
            v.0 += c.end - c.start;
            v.1 = v.1.max(c.end);
        }
    }
    let (&x0, &(_, widest)) = votes
        .iter()
        .max_by_key(|&(&x, &(v, _))| (v, std::cmp::Reverse(x)))?;
    // Enough of it on lines with gaps: the layout really puts it beside other columns.
    let mut beside = 0usize;
    // Where the next column starts: the most common start of the cell after one at x0.
    let mut next: FxHashMap<usize, usize> = FxHashMap::default();
    for (bi, _) in split.iter().enumerate().filter(|&(_, &s)| s) {
        let cs = cells_of(bi);
        for (k, c) in cs.iter().enumerate() {
            if c.start == x0 {
                beside += c.end - c.start;
                if let Some(n) = cs.get(k + 1) {
                    *next.entry(n.start).or_insert(0) += 1;
                }
            }
        }
    }
    if beside < MIN_COLUMN_TEXT {
        return None;
    }
    let x1 = next
        .iter()
        .max_by_key(|&(&x, &n)| (n, std::cmp::Reverse(x)))
        .map_or(usize::MAX, |(&x, _)| x);
    // The column ends where its widest long cell ends: a cell starting past that edge
    // belongs to a column to the right, even on a line where that column's usual first
    // cell is missing (a rail heading set a little left of the rail's links).
    let edge = widest.min(x1);
    let inside = |c: &Cell| {
        (c.start + SLACK >= x0 && c.start < edge) || (c.start < x0 && c.end > x0 + REACH)
    };

    let mut text = String::with_capacity(raw.len() / 2);
    let mut kept = Vec::with_capacity(blocks.len());
    let mut prev_para = None;
    for (bi, b) in blocks.iter().enumerate() {
        let line = line_of(b)?;
        let cs = cells_of(bi);
        let mut any = false;
        for c in cs.iter().filter(|c| inside(c)) {
            if !any {
                // A paragraph break of the input stays one.
                if prev_para.is_some_and(|p| p != b.para) {
                    text.push('\n');
                }
                for _ in 0..c.start.saturating_sub(x0) {
                    text.push(' ');
                }
                any = true;
            } else {
                text.push(' ');
            }
            text.push_str(&line[c.from..c.to]);
        }
        if any {
            text.push('\n');
            kept.push(bi);
            prev_para = Some(b.para);
        } else if prev_para.is_some() {
            // A row with nothing in the column: a paragraph break of the column.
            text.push('\n');
            prev_para = None;
        }
    }
    Some(View { text, blocks: kept })
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An article column and the navigation cells beside it, for the view tests.
    const ARTICLE: [&str; 7] = [
        "The council said on Monday that it would not raise the local tax this year,",
        "and that the money for the new school was already set aside in the budget.",
        "Residents had asked for the plans to be published before the vote next month,",
        "and the council agreed to publish them on its website by the end of the week.",
        "",
        "The mayor said the school would open in September as planned, with room for",
        "four hundred pupils, and that the old building would become a library.",
    ];
    const NAV: [&str; 7] = [
        "Home", "News", "Sport", "", "Weather", "Business", "Contact",
    ];

    #[test]
    fn cells_split_at_wide_gaps() {
        let mut out = Vec::new();
        cells("Home   The council said  that   Weather", 4, &mut out);
        let got: Vec<(usize, usize, &str)> = out
            .iter()
            .map(|c| {
                (
                    c.start,
                    c.end,
                    &"Home   The council said  that   Weather"[c.from..c.to],
                )
            })
            .collect();
        assert_eq!(
            got,
            [
                (4, 8, "Home"),
                (11, 33, "The council said  that"),
                (36, 43, "Weather")
            ]
        );
        assert_eq!(out[1].words, 4);
    }

    /// The column view of `page` with `footer` lines (full width) after it.
    fn view_with(mut page: String, footer: &[&str]) -> Option<View> {
        for line in footer {
            page.push_str(line);
            page.push('\n');
        }
        let p = crate::page::Page::from_text(&page);
        view(p.blocks(), &page)
    }

    #[test]
    fn view_keeps_the_article_column() {
        let (article, nav) = (ARTICLE, NAV);
        let mut page = String::new();
        for (n, a) in nav.iter().zip(article) {
            page.push_str(&format!("{n:<14}{a}\n"));
        }
        let v = view_with(
            page,
            &["Footer line one", "Footer line two", "About us", "Jobs"],
        )
        .expect("a column layout");
        let lines: Vec<&str> = v.text.lines().collect();
        assert_eq!(lines[0], article[0]);
        assert_eq!(lines[4], "");
        assert_eq!(lines[5], article[5]);
        assert_eq!(v.blocks.len(), 6);
        assert!(!v.text.contains("Weather"), "{}", v.text);
    }

    /// A heading of the right rail alone on its line, set a little left of the rail's
    /// links (no cell of the article column beside it), is no line of the article column.
    #[test]
    fn a_rail_heading_alone_on_its_line_is_not_in_the_column() {
        let width = ARTICLE.iter().map(|a| a.len()).max().unwrap();
        let mut page = String::new();
        for (k, (n, a)) in NAV.iter().zip(ARTICLE).enumerate() {
            if k == 4 {
                // The article's paragraph break: only the rail's heading on this row.
                page.push_str(&format!("{:w$}Related Stories\n", "", w = 14 + width + 1));
                continue;
            }
            page.push_str(&format!("{n:<14}{a:<width$}    * Story {k}\n"));
        }
        let v = view_with(
            page,
            &["Footer line one", "Footer line two", "About us", "Jobs"],
        )
        .expect("a column layout");
        assert!(!v.text.contains("Related Stories"), "{}", v.text);
        assert!(!v.text.contains("Story"), "{}", v.text);
        let lines: Vec<&str> = v.text.lines().collect();
        assert_eq!(lines[0], ARTICLE[0]);
        assert_eq!(lines[5], ARTICLE[5]);
    }

    /// A long site menu above the columns (sixty lines without gaps, as w3m renders a
    /// nested navigation list) leaves the gapped lines a small share of the page: the
    /// article column is still read as one.
    #[test]
    fn a_long_menu_above_the_columns_does_not_hide_them() {
        let mut page = String::new();
        for k in 0..60 {
            page.push_str(&format!("      * Section {k}\n"));
        }
        for (n, a) in NAV.iter().zip(ARTICLE) {
            page.push_str(&format!("{n:<14}{a}\n"));
        }
        let v = view_with(page, &["Footer line one", "Footer line two"])
            .expect("a column layout under the menu");
        let lines: Vec<&str> = v.text.lines().collect();
        assert_eq!(lines[0], ARTICLE[0]);
        assert_eq!(lines[5], ARTICLE[5]);
        assert!(!v.text.contains("Weather"), "{}", v.text);
    }

    #[test]
    fn cells_split_at_table_borders() {
        let line = "┃ Home ┃ The council said that ┃ ┃";
        let mut out = Vec::new();
        cells(line, 0, &mut out);
        let got: Vec<(usize, &str)> = out.iter().map(|c| (c.start, &line[c.from..c.to])).collect();
        assert_eq!(got, [(2, "Home"), (9, "The council said that")]);
        cells("┏━━━━━━┳━━━━┓", 0, &mut out);
        assert!(out.is_empty());
    }

    /// w3m draws a bordered table's cells between box-drawing characters, with single
    /// spaces: the borders part the columns as wide gaps do.
    #[test]
    fn view_reads_bordered_tables() {
        let (article, nav) = (ARTICLE, NAV);
        let mut page = String::from("┏━━━━━━━━━━┳━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┓\n");
        for (n, a) in nav.iter().zip(article) {
            page.push_str(&format!("┃ {n:<8} ┃ {a:<78} ┃\n"));
        }
        page.push_str("┗━━━━━━━━━━┻━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━━┛\n");
        let v = view_with(page, &["Footer line one", "Footer line two", "About us"])
            .expect("a bordered column layout");
        let lines: Vec<&str> = v.text.lines().collect();
        assert_eq!(lines[0], article[0]);
        assert_eq!(lines[5], article[5]);
        assert!(
            !v.text.contains("Weather") && !v.text.contains('┃'),
            "{}",
            v.text
        );
    }
}
