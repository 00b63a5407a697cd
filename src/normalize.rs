//! Whitespace normalisation shared by segmentation, matching and tests.

use std::borrow::Cow;

/// True for every character dechrome treats as a space: ASCII whitespace, NBSP, the Unicode
/// space separators, zero-width spaces and the byte-order mark.
#[inline]
///
/// ```
/// assert!(dechrome::is_space('\u{a0}'));
/// assert!(!dechrome::is_space('x'));
/// ```
pub fn is_space(c: char) -> bool {
    matches!(
        c,
        ' ' | '\t' | '\n' | '\r' | '\x0b' | '\x0c' | '\u{85}' | '\u{a0}' | '\u{1680}' | '\u{2000}'
            ..='\u{200b}'
                | '\u{2028}'
                | '\u{2029}'
                | '\u{202f}'
                | '\u{205f}'
                | '\u{3000}'
                | '\u{feff}'
    )
}

/// Collapse every run of spaces (see [`is_space`]) into one ASCII space and trim both ends.
///
/// Borrows when the input is already normalised, which is the common case for ASCII lines.
///
/// ```
/// use dechrome::normalize_space;
/// assert_eq!(normalize_space("  a\u{a0}\u{a0}b\t c \r"), "a b c");
/// assert!(matches!(normalize_space("already fine"), std::borrow::Cow::Borrowed(_)));
/// ```
pub fn normalize_space(s: &str) -> Cow<'_, str> {
    if is_normalized(s) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    let mut pending_space = false;
    for c in s.chars() {
        if is_space(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    Cow::Owned(out)
}

fn is_normalized(s: &str) -> bool {
    let b = s.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &x in b {
        match x {
            b' ' => {
                if prev_space {
                    return false;
                }
                prev_space = true;
            }
            b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => return false,
            // Any non-ASCII byte may start a Unicode space: take the slow path.
            0x80.. => return s.chars().all(|c| c == ' ' || !is_space(c)) && !has_double(s),
            _ => prev_space = false,
        }
    }
    true
}

fn has_double(s: &str) -> bool {
    s.contains("  ")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn normalises_unicode_spaces() {
        assert_eq!(normalize_space("\u{feff}a\u{2009}b\u{3000}"), "a b");
        assert_eq!(normalize_space("Newsletter \u{a0}"), "Newsletter");
        assert_eq!(normalize_space(""), "");
        assert_eq!(normalize_space(" \u{a0} "), "");
    }

    #[test]
    fn borrows_clean_text() {
        assert!(matches!(normalize_space("a b — c"), Cow::Borrowed(_)));
        assert!(matches!(normalize_space("a  b"), Cow::Owned(_)));
        assert!(matches!(normalize_space("a\u{a0}b"), Cow::Owned(_)));
    }
}
