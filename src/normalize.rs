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

/// Length in bytes of the space character (see [`is_space`]) that starts at `b[i]`, or 0.
///
/// `b` must be valid UTF-8 (the bytes of a `str`) and `i` a character boundary. Spaces are
/// recognised from their UTF-8 bytes, without decoding the characters that are not.
#[inline]
pub(crate) fn space_len(b: &[u8], i: usize) -> usize {
    match b[i] {
        b' ' | b'\t' | b'\n' | b'\r' | 0x0b | 0x0c => 1,
        // U+0085, U+00A0
        0xc2 => usize::from(matches!(b.get(i + 1), Some(0x85 | 0xa0))) * 2,
        // U+1680
        0xe1 => usize::from(b.get(i + 1..i + 3) == Some(&[0x9a, 0x80])) * 3,
        // U+2000..=U+200B, U+2028, U+2029, U+202F, U+205F
        0xe2 => match b.get(i + 1..i + 3) {
            Some([0x80, 0x80..=0x8b | 0xa8 | 0xa9 | 0xaf] | [0x81, 0x9f]) => 3,
            _ => 0,
        },
        // U+3000
        0xe3 => usize::from(b.get(i + 1..i + 3) == Some(&[0x80, 0x80])) * 3,
        // U+FEFF
        0xef => usize::from(b.get(i + 1..i + 3) == Some(&[0xbb, 0xbf])) * 3,
        _ => 0,
    }
}

/// The run of space characters starting at `b[i]`: where it ends, and how many characters
/// it holds (`(i, 0)` when `b[i]` starts no space).
#[inline]
pub(crate) fn space_run(b: &[u8], mut i: usize) -> (usize, usize) {
    let mut n = 0;
    while i < b.len() {
        // Runs of ASCII spaces, eight bytes at a time: text renders pad their columns with
        // them (two thirds of the bytes of the evaluation sets' w3m pages are spaces).
        let from = i;
        while let Some(w) = b.get(i..i + 8) {
            if w != b"        " {
                break;
            }
            i += 8;
        }
        while b.get(i) == Some(&b' ') {
            i += 1;
        }
        n += i - from;
        if i == b.len() {
            break;
        }
        let l = space_len(b, i);
        if l == 0 {
            break;
        }
        i += l;
        n += 1;
    }
    (i, n)
}

/// Bytes that may start a space character: ASCII whitespace and the lead bytes of the
/// Unicode spaces.
static MAY_START_SPACE: [bool; 256] = {
    let mut t = [false; 256];
    let starts = [
        b' ', b'\t', b'\n', b'\r', 0x0b, 0x0c, 0xc2, 0xe1, 0xe2, 0xe3, 0xef,
    ];
    let mut i = 0;
    while i < starts.len() {
        t[starts[i] as usize] = true;
        i += 1;
    }
    t
};

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
    if is_plain(s.as_bytes()) {
        return Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len());
    collapse_into(s, &mut out, usize::MAX);
    Cow::Owned(out)
}

/// Whether `b` is already normalised: its only spaces are single ASCII spaces between two
/// non-spaces. A few passes that vectorise (memchr) instead of a branch per byte.
#[inline]
pub(crate) fn is_plain(b: &[u8]) -> bool {
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    // One pass that vectorises: ASCII whitespace other than the space (and other control
    // bytes: rare, slow path), two spaces in a row, non-ASCII bytes.
    let (mut bad, mut high) = (false, 0u8);
    for (&x, &y) in b.iter().zip(b.iter().skip(1)) {
        bad |= (x < 0x20) | ((x == b' ') & (y == b' '));
        high |= x;
    }
    if let Some(&x) = b.last() {
        bad |= x < 0x20;
        high |= x;
    }
    if bad {
        return false;
    }
    if high < 0x80 {
        return true;
    }
    // The lead bytes of the Unicode spaces: check what follows each.
    memchr::memchr3_iter(0xc2, 0xe1, 0xe2, b)
        .chain(memchr::memchr2_iter(0xe3, 0xef, b))
        .all(|i| space_len(b, i) == 0)
}

/// Append `s` with its spaces collapsed and trimmed (as [`normalize_space`]) to `out`.
///
/// Returns the number of runs of at least `min_run` space characters between two words,
/// and where the last word of `s` ends (0 when `s` holds no word). Text between irregular
/// spaces (anything but one ASCII space between two words) is copied in one piece.
#[inline]
pub(crate) fn collapse_into(s: &str, out: &mut String, min_run: usize) -> (usize, usize) {
    if is_plain(s.as_bytes()) {
        out.push_str(s);
        return (0, s.len());
    }
    let b = s.as_bytes();
    let mut runs = 0;
    // End of the last word seen.
    let mut end = 0;
    let mut i = 0;
    // Leading spaces.
    i = space_run(b, i).0;
    // Start of the text not yet copied.
    let mut from = i;
    while i < b.len() {
        if !MAY_START_SPACE[b[i] as usize] {
            i += 1;
            continue;
        }
        let l = space_len(b, i);
        if l == 0 {
            i += 1;
            continue;
        }
        // A word ends at `i`. One ASCII space followed by a word stays in the piece.
        end = i;
        if l == 1 && b[i] == b' ' && i + 1 < b.len() && space_len(b, i + 1) == 0 {
            i += 1;
            continue;
        }
        out.push_str(&s[from..i]);
        let n;
        (i, n) = space_run(b, i);
        from = i;
        if i < b.len() {
            out.push(' ');
            runs += usize::from(n >= min_run);
        }
    }
    if from < b.len() {
        out.push_str(&s[from..]);
        end = b.len();
    }
    (runs, end)
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

#[cfg(test)]
mod exhaustive {
    use super::*;

    #[test]
    fn space_len_agrees_with_is_space() {
        for u in 0..=0x10_ffffu32 {
            let Some(c) = char::from_u32(u) else { continue };
            let mut buf = [0u8; 8];
            let s = c.encode_utf8(&mut buf);
            let want = if is_space(c) { c.len_utf8() } else { 0 };
            assert_eq!(space_len(s.as_bytes(), 0), want, "{u:x}");
            // Truncated context: the next character starts right after.
            let t = format!("{c}x");
            assert_eq!(space_len(t.as_bytes(), 0), want, "{u:x}");
        }
    }

    /// Collapse as the definition says: split at spaces, drop empty pieces, join with one space.
    fn reference(s: &str) -> String {
        s.split(is_space)
            .filter(|w| !w.is_empty())
            .collect::<Vec<_>>()
            .join(" ")
    }

    #[test]
    fn agrees_with_reference() {
        let pieces = [
            "a", "bc", " ", "  ", "\t", "\r", "\n", "\u{a0}", "\u{85}", "\u{1680}", "\u{2000}",
            "\u{200b}", "\u{200c}", "\u{2028}", "\u{202f}", "\u{205f}", "\u{2060}", "\u{3000}",
            "\u{3001}", "\u{feff}", "\u{fffd}", "é", "€", "😀", "\u{2010}", "\u{c2}",
        ];
        let mut x = 0x9e37_79b9_7f4a_7c15u64;
        for _ in 0..20_000 {
            let mut s = String::new();
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            let mut y = x;
            for _ in 0..(x % 9) {
                s.push_str(pieces[(y % pieces.len() as u64) as usize]);
                y /= pieces.len() as u64;
            }
            let want = reference(&s);
            let got = normalize_space(&s);
            assert_eq!(got, want, "{s:?}");
            assert_eq!(matches!(got, Cow::Borrowed(_)), want == s, "{s:?}");
        }
    }
}
