//! Telling HTML from page text.

use crate::page::InputKind;

/// Guess whether `input` is HTML or page text.
///
/// HTML when, after leading whitespace and a BOM, the input starts with a tag, a comment, a
/// doctype or an XML declaration and has at least one known HTML tag in its first 8 KiB; or
/// when it has at least five known HTML tags there. Page text that merely mentions `<b>` stays
/// text.
///
/// ```
/// use dechrome::{detect_input, InputKind};
/// assert_eq!(detect_input("<!DOCTYPE html><p>x</p>"), InputKind::Html);
/// assert_eq!(detect_input("Use the <b> tag for bold."), InputKind::Text);
/// ```
pub fn detect_input(input: &str) -> InputKind {
    let head = input.trim_start_matches(|c: char| c.is_whitespace() || c == '\u{feff}');
    let window = &head.as_bytes()[..head.len().min(8192)];
    let tags = count_known_tags(window, 5);
    let starts_markup = head.starts_with('<')
        && head
            .as_bytes()
            .get(1)
            .is_some_and(|c| c.is_ascii_alphabetic() || *c == b'!' || *c == b'?');
    if (starts_markup && tags >= 1) || tags >= 5 {
        InputKind::Html
    } else {
        InputKind::Text
    }
}

const KNOWN: &[&[u8]] = &[
    b"html",
    b"head",
    b"body",
    b"meta",
    b"title",
    b"div",
    b"p",
    b"span",
    b"a",
    b"script",
    b"style",
    b"link",
    b"table",
    b"tr",
    b"td",
    b"ul",
    b"li",
    b"br",
    b"img",
    b"h1",
    b"h2",
    b"h3",
    b"section",
    b"article",
    b"nav",
    b"header",
    b"footer",
    b"form",
    b"!--",
    b"!doctype",
];

fn count_known_tags(s: &[u8], stop_at: usize) -> usize {
    let mut n = 0;
    for pos in memchr::memchr_iter(b'<', s) {
        let rest = &s[pos + 1..];
        let rest = rest.strip_prefix(b"/").unwrap_or(rest);
        let name_len = rest
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric() || **c == b'!' || **c == b'-')
            .count();
        let name = &rest[..name_len];
        let known = KNOWN
            .iter()
            .any(|k| name.eq_ignore_ascii_case(k) || (k == b"!--" && name.starts_with(b"!--")));
        let ends_ok = rest.get(name_len).map_or(true, |c| {
            matches!(c, b' ' | b'>' | b'/' | b'\n' | b'\t' | b'\r')
        });
        if known && ends_ok {
            n += 1;
            if n >= stop_at {
                break;
            }
        }
    }
    n
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn kinds() {
        assert_eq!(detect_input("  \u{feff}<html><body>x"), InputKind::Html);
        assert_eq!(detect_input("<!-- c --><div>x</div>"), InputKind::Html);
        assert_eq!(detect_input("<p>one</p>"), InputKind::Html);
        assert_eq!(
            detect_input("a <p> b <div> c <a> d <li> e <br>"),
            InputKind::Html
        );
        assert_eq!(detect_input("x < y and <b> is bold"), InputKind::Text);
        assert_eq!(detect_input("<3 love"), InputKind::Text);
        assert_eq!(detect_input("<notatag>"), InputKind::Text);
        assert_eq!(detect_input(""), InputKind::Text);
    }
}
