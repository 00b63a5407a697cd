//! Page text → blocks: one block per non-empty line.

use crate::normalize::{is_space, normalize_space};
use crate::page::{Block, BlockKind, InputKind, Page};

pub(crate) fn segment(input: &str) -> Page {
    let mut blocks = Vec::with_capacity(input.len() / 60 + 1);
    let mut para = 0u32;
    let mut blank_before = false;
    let mut offset = 0usize;
    for (i, raw) in input.split_inclusive('\n').enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let start = offset;
        offset += raw.len();
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let norm = normalize_space(line);
        if norm.is_empty() {
            blank_before = true;
            continue;
        }
        if blank_before && !blocks.is_empty() {
            para += 1;
        }
        blank_before = false;
        let lead = line.len() - line.trim_start_matches(is_space).len();
        let trail = line.len() - line.trim_end_matches(is_space).len();
        let indent = line[..lead].chars().count().min(u16::MAX as usize) as u16;
        let gaps = match norm {
            std::borrow::Cow::Borrowed(_) => 0,
            std::borrow::Cow::Owned(_) => column_gaps(&line[lead..line.len() - trail]),
        };
        let norm = norm.into_owned();
        let content = marker_len(&norm);
        let kind = if content > 0 {
            BlockKind::ListItem
        } else {
            BlockKind::Line
        };
        blocks.push(Block {
            line: norm,
            content: content as u32,
            kind,
            span: start + lead..start + line.len() - trail,
            first_line: line_no,
            last_line: line_no,
            para,
            indent,
            gaps,
            html: None,
        });
    }
    Page {
        kind: InputKind::Text,
        blocks,
        wrap_width: None,
        dom: None,
        found_meta: Vec::new(),
    }
}

/// Runs of three or more spaces (ASCII, tab or NBSP) inside a trimmed line.
fn column_gaps(line: &str) -> u16 {
    let mut gaps = 0u16;
    let mut run = 0u32;
    for c in line.chars() {
        if is_space(c) {
            run += 1;
        } else {
            if run >= 3 {
                gaps = gaps.saturating_add(1);
            }
            run = 0;
        }
    }
    gaps
}

/// Length in bytes of a leading bullet or list number plus the space after it, or 0.
///
/// Bullets: `•` `·` `▪` `◦` `‣` `●` `○` `■` `□` `–` `*` `-` `+`; numbers: `1.` `12)` `a)`
/// are not bullets (too often prose). A marker needs a space after it and text after that.
pub(crate) fn marker_len(s: &str) -> usize {
    let mut chars = s.char_indices();
    let Some((_, first)) = chars.next() else {
        return 0;
    };
    let after = match first {
        '•' | '·' | '▪' | '◦' | '‣' | '●' | '○' | '■' | '□' | '–' | '*' | '-' | '+' => {
            first.len_utf8()
        }
        '0'..='9' => {
            let digits = s.bytes().take_while(u8::is_ascii_digit).count();
            if digits > 3 {
                return 0;
            }
            match s.as_bytes().get(digits) {
                Some(b'.') | Some(b')') => digits + 1,
                _ => return 0,
            }
        }
        _ => return 0,
    };
    // One space (normalised text has exactly one) and some content after it.
    if s.as_bytes().get(after) == Some(&b' ') && s.len() > after + 1 {
        after + 1
    } else {
        0
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers() {
        assert_eq!(marker_len("• Country:"), "• ".len());
        assert_eq!(marker_len("* x"), 2);
        assert_eq!(marker_len("12. x"), 4);
        assert_eq!(marker_len("3) x"), 3);
        assert_eq!(marker_len("2025 was"), 0);
        assert_eq!(marker_len("1234. x"), 0);
        assert_eq!(marker_len("-5 degrees"), 0);
        assert_eq!(marker_len("- "), 0);
        assert_eq!(marker_len("•"), 0);
        assert_eq!(marker_len(""), 0);
        assert_eq!(marker_len("1"), 0);
    }

    #[test]
    fn paragraphs_lines_and_spans() {
        let src = "\r\n a\r\nb\n\n\n  • c \n";
        let page = segment(src);
        let b = page.blocks();
        assert_eq!(b.len(), 3);
        assert_eq!(
            (b[0].line(), b[0].lines(), b[0].paragraph()),
            ("a", (2, 2), 0)
        );
        assert_eq!(
            (b[1].line(), b[1].lines(), b[1].paragraph()),
            ("b", (3, 3), 0)
        );
        assert_eq!(
            (b[2].text(), b[2].lines(), b[2].paragraph()),
            ("c", (6, 6), 1)
        );
        assert_eq!(&src[b[2].span()], "• c");
        assert_eq!(b[2].indent(), 2);
    }

    #[test]
    fn column_gaps_count_wide_runs_only() {
        assert_eq!(column_gaps("a  b"), 0);
        assert_eq!(column_gaps("Search     Login   Help"), 2);
        let page = segment("  Home    News  \nplain line\n");
        assert_eq!(page.blocks()[0].gaps, 1);
        assert_eq!(page.blocks()[1].gaps, 0);
    }

    #[test]
    fn no_trailing_newline_and_empty() {
        assert_eq!(segment("x").blocks().len(), 1);
        assert_eq!(segment("").blocks().len(), 0);
        assert_eq!(segment("\n \n\u{a0}\n").blocks().len(), 0);
    }
}
