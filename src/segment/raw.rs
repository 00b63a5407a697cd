//! Where the content of raw-text elements (`script`, `style`, …) ends, and the check that the
//! lean parse builds the plain parse's tree.
//!
//! html5ever reads the text of a `<script>` or `<style>` one character at a time, and on news
//! pages that text is a large part of the input, none of which dechrome reads (the JSON-LD it
//! does read is never stepped over). When the tree sink reports that the parser has just
//! opened such an element (see [`super::prune`]), the content up to the element's end tag is
//! replaced by one space and parsing goes on at the end tag. What this module must get right
//! is where the content ends, as the tokenizer would find it:
//!
//! - RAWTEXT (`style`, `noscript`, `iframe`, and the others the scan steps through) and RCDATA
//!   (`title`, `textarea`): at the first `</` followed by the element's name in any ASCII case
//!   and by whitespace, `/` or `>`;
//! - script data: the same with `script`, but the tokenizer's escape states are followed
//!   (see [`script_end`]): after `<!--`, a `<script>` inside makes the next `</script>` part
//!   of the data (scripts that `document.write` a script).
//!
//! An end tag that is never found leaves the content to the parser. The tree is then the
//! same as without this step but for the text of those elements, which becomes a single space
//! (kept so that `:empty` and every node count stay as they were).

use super::prune::{is_ws, Fate, Prune};
use super::sink::RawText;

/// Names of the raw-text elements whose text is stepped over.
const NAMES: [&[u8]; 4] = [b"script", b"style", b"noscript", b"iframe"];

/// Whether `bytes` at `at` hold an end tag name that ends an element named `name` (ASCII
/// case-insensitive, then whitespace, `/` or `>`), `at` being just past its `</`.
fn ends_element(bytes: &[u8], at: usize, name: &[u8]) -> bool {
    let end = at + name.len();
    bytes.len() > end
        && bytes[at..end].eq_ignore_ascii_case(name)
        && (is_ws(bytes[end]) || matches!(bytes[end], b'/' | b'>'))
}

/// Where the content of a raw-text element that starts at `from` ends, as the tokenizer finds
/// it: the offset of the `<` of its end tag; `None` when the input ends first.
pub(crate) fn content_end(bytes: &[u8], from: usize, kind: RawText) -> Option<usize> {
    if kind == RawText::Script {
        return script_end(bytes, from);
    }
    let name = kind.name().as_bytes();
    let mut at = from;
    loop {
        let p = at + memchr::memmem::find(bytes.get(at..)?, b"</")?;
        if ends_element(bytes, p + 2, name) {
            return Some(p);
        }
        at = p + 2;
    }
}

/// [`content_end`] of a script, following the tokenizer's script data states: `<!--` escapes
/// the data, and in escaped data a `<script` followed by whitespace, `/` or `>` enters the
/// double-escaped state, where `</script>` does not end the element but goes back to the
/// escaped state; `-->` unescapes from either. `</script` ends the element in the plain and the
/// escaped state. Only `<`, `-`, `!`, `/`, `>`, letters and whitespace move the tokenizer
/// between these states, all ASCII, so the bytes can be read as they are (the tokenizer sees a
/// carriage return as a line feed: whitespace either way).
fn script_end(bytes: &[u8], from: usize) -> Option<usize> {
    #[derive(Clone, Copy, PartialEq, Eq)]
    enum S {
        Data,
        Escaped,
        EscapedDash,
        EscapedDashDash,
        Double,
        DoubleDash,
        DoubleDashDash,
    }
    const NAME: &[u8] = b"script";
    let mut s = S::Data;
    let mut at = from;
    loop {
        // Skip to the next byte that can change the state.
        at += match s {
            S::Data => memchr::memchr(b'<', bytes.get(at..)?)?,
            S::Escaped | S::Double => memchr::memchr2(b'<', b'-', bytes.get(at..)?)?,
            _ => 0,
        };
        let c = *bytes.get(at)?;
        let double = matches!(s, S::Double | S::DoubleDash | S::DoubleDashDash);
        match c {
            b'<' => {
                let next = bytes.get(at + 1).copied();
                if next == Some(b'/') {
                    if double {
                        // The double escape end state: `</script` so followed escapes once.
                        s = if ends_element(bytes, at + 2, NAME) {
                            at += 2 + NAME.len() + 1;
                            S::Escaped
                        } else {
                            at += 2;
                            S::Double
                        };
                        continue;
                    }
                    if ends_element(bytes, at + 2, NAME) {
                        return Some(at);
                    }
                    at += 2;
                    s = if s == S::Data { S::Data } else { S::Escaped };
                    continue;
                }
                if s == S::Data {
                    if bytes[at + 1..].starts_with(b"!--") {
                        // Into the escaped state, its dashes already read.
                        at += 4;
                        s = S::EscapedDashDash;
                    } else {
                        at += 1;
                    }
                    continue;
                }
                if double {
                    at += 1;
                    s = S::Double;
                    continue;
                }
                // The escaped less-than sign state: a letter starts a tag name that may
                // double-escape (the double escape start state).
                if ends_element(bytes, at + 1, NAME) {
                    at += 1 + NAME.len() + 1;
                    s = S::Double;
                } else {
                    at += 1;
                    s = S::Escaped;
                }
                continue;
            }
            b'-' => {
                s = match s {
                    S::Escaped => S::EscapedDash,
                    S::EscapedDash | S::EscapedDashDash => S::EscapedDashDash,
                    S::Double => S::DoubleDash,
                    S::DoubleDash | S::DoubleDashDash => S::DoubleDashDash,
                    S::Data => S::Data,
                };
            }
            b'>' if matches!(s, S::EscapedDashDash | S::DoubleDashDash) => s = S::Data,
            _ => {
                s = match s {
                    S::EscapedDash | S::EscapedDashDash => S::Escaped,
                    S::DoubleDash | S::DoubleDashDash => S::Double,
                    other => other,
                };
            }
        }
        at += 1;
    }
}

/// Where the lean parse (see [`super::prune`]; attributes left out as the default cleaner
/// leaves them out) and the plain parse of `input` differ, if they do: a listing of each tree (every
/// node, attribute and text, but the text of the raw-text elements stepped over, which is only
/// shown to be there; the plain tree's attributes as the lean parse would keep them) and the
/// first line that differs.
pub(crate) fn check_lean_parse(input: &str) -> Option<String> {
    check_prune(input, crate::Cleaner::new().prune())
}

/// [`check_lean_parse`] with `prune`.
pub(crate) fn check_prune(input: &str, prune: &Prune) -> Option<String> {
    let fast = dump(&super::html::parse_with(input, Some(prune)), prune);
    let plain = dump(&super::html::parse_with(input, None), prune);
    if fast == plain {
        return None;
    }
    let at = fast
        .lines()
        .zip(plain.lines())
        .position(|(a, b)| a != b)
        .unwrap_or(0);
    Some(format!(
        "trees differ at line {at}:\nlean: {:?}\nplain: {:?}",
        fast.lines().nth(at),
        plain.lines().nth(at)
    ))
}

/// Every node of the tree, one a line, indented by depth; each element's attributes as far as
/// dechrome reads them after `prune` (those left out not shown, those read for being there
/// shown without their value, a `style` shown as whether it hides the element).
fn dump(html: &scraper::Html, prune: &Prune) -> String {
    use html5ever::ns;
    use scraper::Node;
    use std::fmt::Write;
    let mut out = String::new();
    let mut depth = 0usize;
    for edge in html.tree.root().traverse() {
        let node = match edge {
            ego_tree::iter::Edge::Open(n) => n,
            ego_tree::iter::Edge::Close(_) => {
                depth -= 1;
                continue;
            }
        };
        let _ = write!(out, "{:1$}", "", depth);
        depth += 1;
        match node.value() {
            Node::Element(e) => {
                let _ = write!(out, "<{:?} {}", e.name.ns, e.name.local);
                for (q, v) in &e.attrs {
                    // As written in the tag (`xlink:href` in SVG is `href` in the xlink space).
                    let written = match &q.prefix {
                        Some(p) => format!("{p}:{}", q.local),
                        None => q.local.to_string(),
                    };
                    match prune.fate(e.name.local.as_bytes(), written.as_bytes()) {
                        Fate::Drop => continue,
                        Fate::Bare => out.push_str(&format!(" {written}")),
                        Fate::Style => {
                            let hides = v.len() < 4096 && super::html::style_says_hidden(v);
                            out.push_str(&format!(" {written}(hides: {hides})"));
                        }
                        Fate::Keep => out.push_str(&format!(" {written}={:?}", &**v)),
                    }
                }
                out.push('>');
            }
            Node::Text(t) => {
                let raw = node
                    .parent()
                    .and_then(|p| p.value().as_element().map(|e| e.name.clone()))
                    .is_some_and(|n| n.ns == ns!(html) && NAMES.contains(&n.local.as_bytes()));
                if raw {
                    out.push_str("#raw text");
                } else {
                    let _ = write!(out, "{:?}", &**t);
                }
            }
            other => {
                let _ = write!(out, "{other:?}");
            }
        }
        out.push('\n');
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The text of every raw-text element, as the parse with stepping over leaves it.
    fn raw_texts(input: &str) -> Vec<String> {
        let html = super::super::html::parse_with(input, Some(crate::Cleaner::new().prune()));
        html.tree
            .root()
            .descendants()
            .filter(|n| {
                n.value().as_element().is_some_and(|e| {
                    matches!(&*e.name.local, "script" | "style" | "noscript" | "iframe")
                })
            })
            .map(|n| {
                n.children()
                    .filter_map(|c| c.value().as_text().map(|t| t.to_string()))
                    .collect()
            })
            .collect()
    }

    /// Same tree either way; and which raw-text elements were stepped over (their text is then
    /// one space).
    fn check(input: &str, stepped: &[bool]) {
        if let Some(d) = check_lean_parse(input) {
            panic!("{input:?}: {d}");
        }
        let got: Vec<bool> = raw_texts(input).iter().map(|t| t == " ").collect();
        assert_eq!(got, stepped, "{input:?}: {:?}", raw_texts(input));
    }

    #[test]
    fn end_tags_as_the_tokenizer_reads_them() {
        check("<SCRIPT>a<b</SCRIPT >x", &[true]);
        check("<script>if (a<b) c()</script\t>x", &[true]);
        check("<script>a</script/>b", &[true]);
        check("<script>a</ScRiPt\r\n>b", &[true]);
        check("<script>a\r\nb</script>c", &[true]);
        // Not end tags: a longer name, no terminator, the end of input.
        check("<script>a</scripts>b</script>c", &[true]);
        check("<script>a</script", &[false]);
        check("<script>abc", &[false]);
        check("<style>p{}</styl></STYLE\n>x", &[true]);
        check("<script></script><style></style>", &[false, false]);
        check("<script>\0x</script>", &[true]);
    }

    #[test]
    fn double_escaped_script_data_ends_where_the_tokenizer_ends_it() {
        // After `<!--` a `<script>` inside nests, and the first `</script>` does not end it.
        let s = "<script><!-- document.write('<script>x</script>'); --></script><p>after</p>";
        check(s, &[true]);
        check(
            "<script><!-- <SCRIPT>a</script> b</script><p>c</p>",
            &[true],
        );
        check("<script><!-- <script/></script>--></script>", &[true]);
        check("<script><!-- x --> <script></script>y", &[true]);
        check(
            "<script><!-- <script>a</script> --> <!-- <script>b</script></script>c",
            &[true],
        );
        check("<script><!-- <script>--></script>d<p>e", &[true]);
        check("<script><!-- <script> <!-- </script>--></script>f", &[true]);
        check("<script><!-- <scripts> </script>g", &[true]);
        check("<script><!--> <script></script>h", &[true]);
        check("<script><!-</script>i", &[true]);
        check("<script><!-- <<script>-</script> j</script>k", &[true]);
        check("<script><!-- <script </script>--></script>l", &[true]);
        check("<script><!-- <script>--!></script>m</script>n", &[true]);
        // Still double-escaped at the end of input: no end tag, left to the parser.
        check("<script><!-- <script></script><p>o", &[false]);
        check("<script><!-- <script> --></script>p", &[true]);
        // Escaped but never double-escaped: the first `</script>` ends it.
        check("<script><!--</script><p>a</p>", &[true]);
        check(
            "<script>a</script><script><!-- b --></script>",
            &[true, true],
        );
        check("<script><!-- if (a<b) c(); --></script>d", &[true]);
        check("<script><!-- x = '<scripts>'; --></script>d", &[true]);
        // A comment outside scripts is no concern.
        check("<!-- <script> --><p>a</p><script>b</script>", &[true]);
    }

    #[test]
    fn start_tags_as_the_tokenizer_reads_them() {
        check("<script data-x=\"a>b\">c<d</script>", &[true]);
        check("<script data-x='a>b' async>c</script>", &[true]);
        check("<script/>x</script>y", &[true]);
        check("<script\n  src=x>c</script>", &[true]);
        check(
            "<script a=b>c</script><script a = \"</script>\">d</script>",
            &[true, true],
        );
        // Inside an attribute value, a comment or RCDATA a `<script>` is text.
        check("<div title=\"<script>\">t</div><script>1</script>", &[true]);
        check("<textarea><script>a</script></textarea>", &[]);
        check("<title><style>x</style></title><p>t", &[]);
        check("<xmp><script>a</script></xmp>", &[]);
        check("<plaintext><script>a</script>", &[]);
    }

    #[test]
    fn foreign_content_is_left_to_the_parser() {
        // In SVG and MathML, `script` and `style` hold markup, not raw text.
        check("<svg><script>a<b>c</b></script></svg><p>t</p>", &[false]);
        check("<svg><style>a<b>x</b></style></svg>", &[false]);
        check(
            "<math><style>x</style></math><style>y</style>",
            &[false, true],
        );
        // An HTML integration point holds HTML again.
        check(
            "<svg><foreignObject><script>x<y</script></foreignObject></svg>",
            &[true],
        );
        check("<math><mi><script>a</script></mi></math>", &[true]);
        check(
            "<svg><desc><style>a</style></desc><style>b</style></svg>",
            &[true, false],
        );
    }

    #[test]
    fn every_insertion_mode() {
        check(
            "<html><head><noscript><link></noscript><style>a</style></head>",
            &[true, true],
        );
        check(
            "<table><script>x</script><tr><td>a</td></tr></table>",
            &[true],
        );
        check(
            "<table><noscript>x</noscript><tr><td>a</td></tr></table>",
            &[true],
        );
        check(
            "<table><tr><style>x</style><td>a</td></tr></table>",
            &[true],
        );
        check("<select><script>x</script><option>a</select>", &[true]);
        check("<template><script>x</script></template>", &[true]);
        check("<frameset><noframes>x</noframes></frameset>", &[]);
        check(
            "<iframe><p>x</p></iframe><noembed><p>y</p></noembed>",
            &[true],
        );
        check("</html><script>x</script>", &[true]);
    }

    #[test]
    fn json_ld_is_parsed() {
        let s =
            r#"<script type="application/ld+json">{"@type":"NewsArticle","headline":"H"}</script>"#;
        check(s, &[false]);
        let page = crate::Page::from_html(&format!("{s}<p>Body text here.</p>"));
        assert_eq!(
            page.dom.as_ref().and_then(|d| d.ld_headline.as_deref()),
            Some("H")
        );
    }

    /// Pages made of random pieces of markup that trip the tokenizer: the same tree either way.
    #[test]
    fn token_soup_parses_alike() {
        const PIECES: &[&str] = &[
            "<script>",
            "<SCRIPT type=x>",
            "</script>",
            "</Script ",
            "</script/>",
            "<script",
            "<style>",
            "</style>",
            "<noscript>",
            "</noscript>",
            "<iframe>",
            "</iframe>",
            "<!--",
            "-->",
            "--!>",
            "<!",
            "<![CDATA[",
            "]]>",
            "<svg>",
            "</svg>",
            "<math>",
            "<mi>",
            "<foreignObject>",
            "<desc>",
            "<textarea>",
            "</textarea>",
            "<title>",
            "</title>",
            "<xmp>",
            "</xmp>",
            "<plaintext>",
            "<table>",
            "<tr>",
            "<td>",
            "</table>",
            "<select>",
            "<template>",
            "</template>",
            "<p>",
            "<div class=\"a>b\">",
            "<b>",
            "</b>",
            "\"",
            "'",
            ">",
            "<",
            "/",
            "=",
            " ",
            "\n",
            "\r",
            "\0",
            "a",
            "x<y",
            "&amp;",
            "&",
            "<frameset>",
            "<noframes>",
            "</body>",
            "</html>",
            "<head>",
            "type=\"application/ld+json\"",
            "{\"headline\":\"h\"}",
            // Attributes the lean parse leaves out, shortens or keeps.
            "<td onclick=\"a>b\" width=3 class=c>",
            "<a href=\"/x\" target=_blank>",
            "<a HREF=y href=z title='t'/>",
            "</a>",
            "<div style=\"display: NONE\" data-x>",
            "<div style='color:red' hidden>",
            "<p style=\"display:&#110;one\">",
            "<font size=2 onclick=y>",
            "<font onclick=x>",
            "</font>",
            "<input type=hidden value=1>",
            "<link rel=canonical href=/c>",
            "<svg><a xlink:href=x href=y>",
            "<math><annotation-xml encoding=text/html>",
            "<img src=x alt=y/>",
            "<!-- a -- b -->",
            "<!-->",
            "<!--->",
            "<?pi x>",
            "</ a>",
            "</>",
            "<!DOCTYPE html>",
            " x=y ",
            "<pre>",
            "<table><tr><td>",
        ];
        let mut seed = 0x9e37_79b9_7f4a_7c15u64;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        for _ in 0..3000 {
            let n = 3 + next() % 30;
            let page: String = (0..n)
                .map(|_| PIECES[(next() % PIECES.len() as u64) as usize])
                .collect();
            if let Some(d) = check_lean_parse(&page) {
                panic!("{page:?}: {d}");
            }
        }
    }

    #[test]
    fn test_pages_parse_alike() {
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("testdata");
        for entry in walkdir::WalkDir::new(dir) {
            let entry = entry.unwrap();
            let p = entry.path();
            if !p.extension().is_some_and(|e| e == "html" || e == "htm") {
                continue;
            }
            let Ok(bytes) = std::fs::read(p) else {
                continue;
            };
            let d = crate::decode_html(&bytes);
            if let Some(diff) = check_lean_parse(d.text()) {
                panic!("{}: {diff}", p.display());
            }
        }
    }
}
