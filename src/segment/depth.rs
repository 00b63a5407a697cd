//! A nesting cap for HTML, applied before parsing.
//!
//! html5ever keeps every open element on a stack and, for each block-level start tag, walks
//! that stack looking for an open `<p>` ("has a p element in button scope"). On a page nested
//! a hundred thousand `<div>`s deep that walk makes parsing quadratic: minutes of CPU for a
//! 1 MB page. Browsers cap the tree instead (Blink attaches elements beyond depth 512 to the
//! element at depth 512); we do the equivalent before the parser sees the page: beyond
//! [`MAX_DEPTH`] open elements, start and end tags of plain containers and formatting elements
//! are left out. Their text stays exactly where it was; only structure that deep is flattened.
//! Tags that change what text means (`<script>`, `<style>`, `<svg>`, `<template>`,
//! `<table>`…) are never left out.
//!
//! The scan is a cheap tag tokenizer (comments, raw-text elements and quoted attribute values
//! are skipped), so it is an estimate of the parser's stack, counting only elements whose end
//! tag is required. Ordinary pages never come near the cap, and pay one `memchr` pass.

/// Open elements beyond which container tags are left out (Blink's DOM depth limit).
pub(crate) const MAX_DEPTH: usize = 512;

/// The page with container tags beyond [`MAX_DEPTH`] left out, or `None` when the page never
/// nests that deep (the usual case).
pub(crate) struct Flattened {
    pub(crate) text: String,
    /// `(position in text, bytes removed before it)`, ascending: maps positions back.
    removed: Vec<(usize, usize)>,
}

impl Flattened {
    /// The input range of range `r` of the flattened text (a tag left out at either edge
    /// stays outside it).
    pub(crate) fn original(&self, r: std::ops::Range<usize>) -> std::ops::Range<usize> {
        let shift = |i: usize| if i == 0 { 0 } else { self.removed[i - 1].1 };
        let start = self.removed.partition_point(|&(at, _)| at <= r.start);
        let end = self.removed.partition_point(|&(at, _)| at < r.end);
        r.start + shift(start)..r.end + shift(end)
    }
}

/// Elements with no end tag, or whose end tag may be left out (the parser closes them
/// itself): they do not count towards the depth.
fn uncounted(name: &[u8]) -> bool {
    matches!(
        name,
        b"area"
            | b"base"
            | b"br"
            | b"col"
            | b"embed"
            | b"hr"
            | b"img"
            | b"input"
            | b"link"
            | b"meta"
            | b"param"
            | b"source"
            | b"track"
            | b"wbr"
            | b"keygen"
            | b"p"
            | b"li"
            | b"dt"
            | b"dd"
            | b"tr"
            | b"td"
            | b"th"
            | b"option"
            | b"optgroup"
            | b"rb"
            | b"rt"
            | b"rp"
            | b"rtc"
            | b"tbody"
            | b"thead"
            | b"tfoot"
            | b"colgroup"
            | b"caption"
            | b"html"
            | b"head"
            | b"body"
    )
}

/// Elements whose content is raw text up to their end tag.
fn raw_text(name: &[u8]) -> bool {
    matches!(
        name,
        b"script"
            | b"style"
            | b"textarea"
            | b"title"
            | b"xmp"
            | b"iframe"
            | b"noembed"
            | b"noframes"
            | b"noscript"
            | b"plaintext"
    )
}

/// Containers and formatting elements whose tags can be left out without changing what the
/// text inside them is.
fn droppable(name: &[u8]) -> bool {
    matches!(
        name,
        b"div"
            | b"span"
            | b"section"
            | b"article"
            | b"main"
            | b"aside"
            | b"nav"
            | b"header"
            | b"footer"
            | b"blockquote"
            | b"center"
            | b"font"
            | b"b"
            | b"i"
            | b"u"
            | b"s"
            | b"em"
            | b"strong"
            | b"small"
            | b"big"
            | b"tt"
            | b"code"
            | b"sub"
            | b"sup"
            | b"a"
            | b"ul"
            | b"ol"
            | b"dl"
            | b"label"
            | b"abbr"
            | b"cite"
            | b"q"
            | b"mark"
            | b"figure"
            | b"figcaption"
            | b"address"
            | b"details"
            | b"summary"
            | b"nobr"
    )
}

/// Position just past the `>` that ends a tag starting at `from`, skipping quoted attribute
/// values; the input's end when the tag never closes (or a quote is never closed).
fn tag_end(b: &[u8], from: usize) -> usize {
    let mut i = from;
    while let Some(j) = memchr::memchr3(b'>', b'"', b'\'', &b[i..]) {
        let at = i + j;
        match b[at] {
            b'>' => return at + 1,
            quote => match memchr::memchr(quote, &b[at + 1..]) {
                Some(k) => i = at + 1 + k + 1,
                None => break,
            },
        }
    }
    b.len()
}

/// Case-insensitive search for `</name` from `from`; the input's end when absent.
fn raw_text_end(b: &[u8], from: usize, name: &[u8]) -> usize {
    // One searcher for every `</` of the raw text (scripts hold many).
    memchr::memmem::find_iter(&b[from..], b"</")
        .map(|j| from + j)
        .find(|&at| {
            let n = &b[at + 2..];
            n.len() >= name.len() && n[..name.len()].eq_ignore_ascii_case(name)
        })
        .unwrap_or(b.len())
}

/// Leave out container tags nested deeper than [`MAX_DEPTH`] (see the module docs).
pub(crate) fn flatten(input: &str) -> Option<Flattened> {
    flatten_at(input, MAX_DEPTH)
}

fn flatten_at(input: &str, max: usize) -> Option<Flattened> {
    let b = input.as_bytes();
    // Only a start tag (`<` and a letter) can open an element: a page with no more than `max`
    // of them never reaches the cap, and is not read further.
    let starts = memchr::memchr_iter(b'<', b)
        .filter(|&i| b.get(i + 1).is_some_and(u8::is_ascii_alphabetic))
        .take(max + 1)
        .count();
    if starts <= max {
        return None;
    }
    let mut depth = 0usize;
    let mut dropped = 0usize;
    let mut out: Option<Flattened> = None;
    let mut copied = 0usize;
    let mut i = 0usize;
    let mut name = [0u8; 16];
    while let Some(j) = memchr::memchr(b'<', &b[i..]) {
        let lt = i + j;
        let rest = &b[lt + 1..];
        if rest.starts_with(b"!--") {
            i = memchr::memmem::find(&rest[3..], b"-->").map_or(b.len(), |k| lt + 4 + k + 3);
            continue;
        }
        let (end_tag, start) = match rest.first() {
            Some(b'/') => (true, lt + 2),
            Some(c) if c.is_ascii_alphabetic() => (false, lt + 1),
            Some(b'!' | b'?') => {
                i = tag_end(b, lt + 1);
                continue;
            }
            _ => {
                i = lt + 1;
                continue;
            }
        };
        let len = b[start..]
            .iter()
            .take_while(|c| c.is_ascii_alphanumeric())
            .count();
        // Most end tags, and start tags without attributes, close right after the name.
        let end = match b.get(start + len) {
            Some(b'>') => start + len + 1,
            _ => tag_end(b, start + len),
        };
        i = end;
        if len == 0 || len > name.len() {
            continue;
        }
        let name = &mut name[..len];
        name.copy_from_slice(&b[start..start + len]);
        name.make_ascii_lowercase();
        let name = &*name;
        if uncounted(name) {
            continue;
        }
        let self_closing = !end_tag && end >= 2 && b[end - 2] == b'/';
        if !end_tag && raw_text(name) {
            i = raw_text_end(b, end, name);
            depth += 1;
            continue;
        }
        let drop = if end_tag {
            if dropped > 0 && droppable(name) {
                dropped -= 1;
                true
            } else {
                depth = depth.saturating_sub(1);
                false
            }
        } else if self_closing {
            false
        } else if depth >= max && droppable(name) {
            dropped += 1;
            true
        } else {
            depth += 1;
            false
        };
        if drop {
            let f = out.get_or_insert_with(|| Flattened {
                text: String::with_capacity(input.len()),
                removed: Vec::new(),
            });
            // Tags start at `<` and end after `>`: both are char boundaries.
            f.text.push_str(&input[copied..lt]);
            let before = f.removed.last().map_or(0, |&(_, r)| r);
            f.removed.push((f.text.len(), before + (end - lt)));
            copied = end;
        }
    }
    let mut f = out?;
    f.text.push_str(&input[copied..]);
    Some(f)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ordinary_pages_are_left_alone() {
        let page = "<html><body><div><p>One<p>Two<ul><li>a<li>b</ul></div>\
                    <script>if (a<b) { x('<div>') }</script><!-- <div><div> --></body></html>";
        assert!(flatten_at(page, 3).is_none());
    }

    #[test]
    fn tags_beyond_the_cap_are_left_out_and_text_kept() {
        // The cap counts: two start tags fit under a cap of 2, the third is left out.
        assert!(flatten_at("<div><div>x</div></div>", 2).is_none());
        assert_eq!(
            flatten_at("<div><div><div>x", 2).unwrap().text,
            "<div><div>x"
        );
        let page = "<div><div><div><b>deep</b> text</div></div></div>";
        let f = flatten_at(page, 2).unwrap();
        assert_eq!(f.text, "<div><div>deep text</div></div>");
        // Ranges map back to the input: "deep", " text", and both with the tag between.
        let deep = f.text.find("deep").unwrap();
        assert_eq!(&page[f.original(deep..deep + 4)], "deep");
        assert_eq!(&page[f.original(deep + 4..deep + 9)], " text");
        assert_eq!(&page[f.original(deep..deep + 9)], "deep</b> text");
    }

    #[test]
    fn script_and_tables_are_never_left_out() {
        let page = "<div><table><tr><td><script>x</script><svg>t</svg></td></tr></table></div>";
        assert!(flatten_at(page, 1).is_none());
    }

    #[test]
    fn a_hundred_thousand_divs_flatten_to_the_cap() {
        let mut page = "<div>".repeat(100_000);
        page.push_str("<p>Deep text.</p>");
        page.push_str(&"</div>".repeat(100_000));
        let f = flatten(&page).unwrap();
        assert_eq!(f.text.matches("<div>").count(), MAX_DEPTH);
        assert_eq!(f.text.matches("</div>").count(), MAX_DEPTH);
        assert!(f.text.contains("<p>Deep text.</p>"));
    }
}
