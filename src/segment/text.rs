//! Page text → blocks: one block per non-empty line.

use crate::normalize::{collapse_into, space_run};
use crate::page::{Block, BlockKind, InputKind, Page};

pub(crate) fn segment(input: &str) -> Page {
    let mut blocks = Vec::with_capacity(input.len() / 60 + 1);
    let mut para = 0u32;
    let mut blank_before = false;
    let mut offset = 0usize;
    // Lines by memchr (vectorised), as `split_inclusive('\n')` would give them.
    let ends = memchr::memchr_iter(b'\n', input.as_bytes())
        .map(|i| i + 1)
        .chain((!input.ends_with('\n') && !input.is_empty()).then_some(input.len()));
    for (i, end) in ends.enumerate() {
        let line_no = u32::try_from(i + 1).unwrap_or(u32::MAX);
        let start = offset;
        let raw = &input[start..end];
        offset = end;
        let line = raw.strip_suffix('\n').unwrap_or(raw);
        let line = line.strip_suffix('\r').unwrap_or(line);
        let b = line.as_bytes();
        // Leading spaces: their bytes and, for the indentation, their characters.
        let (lead, indent) = space_run(b, 0);
        if lead == b.len() {
            blank_before = true;
            continue;
        }
        if blank_before && !blocks.is_empty() {
            para += 1;
        }
        blank_before = false;
        let mut norm = String::with_capacity(b.len() - lead);
        // Runs of three or more spaces inside the line: column gaps.
        let (gaps, end) = collapse_into(&line[lead..], &mut norm, 3);
        let trail = b.len() - lead - end;
        let indent = indent.min(u16::MAX as usize) as u16;
        let gaps = gaps.min(u16::MAX as usize) as u16;
        let (content, kind) = marker(&norm, indent);
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

/// Where the text of a normalised line indented by `indent` characters starts (the length of
/// its marker and the space after it, or 0), and the kind of block it is.
pub(crate) fn marker(norm: &str, indent: u16) -> (usize, BlockKind) {
    let content = match marker_len(norm) {
        // inscriptis marks the third level of nested lists with an "o", always indented:
        // read as a word, the bullet of a long menu ("o Bears", "o Jets") is a stop word
        // of Portuguese, Spanish and Italian, and made an English page Portuguese. No other
        // renderer starts an indented line with a lone "o" (w3m wraps without indenting).
        // The body loses the indentation: there, the "o" is a word (`Cleaner::settle`).
        0 if indent > 0 && norm.starts_with("o ") && norm.len() > 2 => 2,
        n => n,
    };
    let kind = if content > 0 {
        BlockKind::ListItem
    } else {
        BlockKind::Line
    };
    (content, kind)
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

    /// inscriptis's third-level bullet: an "o" starting an indented line; at the margin an
    /// "o" is a word (a wrapped line of Portuguese).
    #[test]
    fn an_indented_o_is_a_bullet() {
        let page = segment("  o Bears\n    o Jets\no governo disse\n  o\n  of course\n");
        let b = page.blocks();
        let markers: Vec<Option<&str>> = b.iter().map(|b| b.marker()).collect();
        assert_eq!(markers, [Some("o"), Some("o"), None, None, None]);
        assert_eq!(b[0].text(), "Bears");
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
        let page = segment(
            "  Home    News  \nplain line\na  b\nSearch     Login \u{a0}\u{2009}Help\nx \u{a0} y\n",
        );
        let gaps: Vec<u16> = page.blocks().iter().map(|b| b.gaps).collect();
        assert_eq!(gaps, [1, 0, 0, 2, 1]);
    }

    #[test]
    fn no_trailing_newline_and_empty() {
        assert_eq!(segment("x").blocks().len(), 1);
        assert_eq!(segment("").blocks().len(), 0);
        assert_eq!(segment("\n \n\u{a0}\n").blocks().len(), 0);
    }
}

#[cfg(test)]
mod reference {
    use super::*;
    use crate::normalize::is_space;

    /// Lines of words, spaces of every kind and bullets, deterministic.
    fn lines(seed: u64) -> String {
        let pieces = [
            "a", "Bc", "• ", "12. ", " ", "   ", "\t", "\r", "\n", "\n\n", "\u{a0}", "\u{2009}",
            "\u{3000}", "\u{feff}", "\u{2060}", "é", "😀", "\r\n", "-", "Ⅻ",
        ];
        let mut x = seed;
        let mut s = String::new();
        for _ in 0..400 {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            s.push_str(pieces[(x % pieces.len() as u64) as usize]);
        }
        s
    }

    /// Every block against its definition: the trimmed line with spaces collapsed, its span,
    /// its indentation in characters, its runs of three or more spaces between words.
    #[test]
    fn blocks_agree_with_definitions() {
        for seed in 1..300u64 {
            let src = lines(seed);
            let page = segment(&src);
            let mut want = Vec::new();
            let mut offset = 0;
            for (i, raw) in src.split_inclusive('\n').enumerate() {
                let start = offset;
                offset += raw.len();
                let line = raw.strip_suffix('\n').unwrap_or(raw);
                let line = line.strip_suffix('\r').unwrap_or(line);
                let words: Vec<&str> = line.split(is_space).filter(|w| !w.is_empty()).collect();
                if words.is_empty() {
                    continue;
                }
                let trimmed = line.trim_matches(is_space);
                let lead = line.len() - line.trim_start_matches(is_space).len();
                let gaps = trimmed
                    .split(|c: char| !is_space(c))
                    .filter(|run| run.chars().count() >= 3)
                    .count();
                want.push((
                    words.join(" "),
                    start + lead..start + lead + trimmed.len(),
                    i as u32 + 1,
                    line[..lead].chars().count() as u16,
                    gaps as u16,
                ));
            }
            let got: Vec<_> = page
                .blocks()
                .iter()
                .map(|b| {
                    (
                        b.line().to_string(),
                        b.span(),
                        b.lines().0,
                        b.indent(),
                        b.gaps,
                    )
                })
                .collect();
            assert_eq!(got, want, "{src:?}");
        }
    }
}
