//! Leaving out of the parse what nothing reads (comments, the attributes no reader asks for,
//! the text of scripts and style sheets), and not reading twice what the scan has read.
//!
//! html5ever reads markup one character at a time, and on older news pages more than half of
//! the bytes are inside tags (event handlers, layout attributes, link targets) or comments:
//! none of which reaches dechrome's output, yet parsing them is most of the time a page costs.
//! So the input is scanned ahead of the parser, the way its tokenizer reads it, and handed
//! over with
//!
//! - every comment shrunk to `<!>` (an empty comment: the comment token stays, so the tree
//!   builder does what it did; the tree sink never keeps comments anyway);
//! - in start tags, the attributes nothing reads left out ([`Prune`] names those kept), and an
//!   `href` that is only ever tested for being there kept without its value;
//! - the text of `script`, `style`, `noscript` and `iframe` replaced by one space (see
//!   [`super::raw`]).
//!
//! The scan knows the tokenizer's state only as long as the tokenizer is in its data state,
//! and it can tell that it is: from the data state the scan reads every tag, comment and
//! declaration exactly as the tokenizer does, and after a start tag the tokenizer is back in
//! the data state unless the tree builder switches it (only for `title`, `textarea`,
//! `style`, `xmp`, `iframe`, `noembed`, `noframes`, `noscript`, `script` and `plaintext` in the
//! HTML namespace). After a start tag of one of those names the input is fed up to the tag's
//! `>` and the tree sink says what the tree builder made of it
//! ([`LeanSink::take_opened`](super::sink::LeanSink::take_opened)): an HTML element of that
//! name (the tokenizer is in its raw-text, RCDATA or PLAINTEXT state; the scan goes on after
//! the element's end tag), a foreign one (still the data state), or anything else — then, and
//! after `<![CDATA[` or an unterminated construct, the rest of the input goes to the parser
//! as it is.
//!
//! What the scan has read it does not make the tokenizer read again: a start tag, an end tag
//! or a comment, with the text before it, goes to the tree builder as the token the tokenizer
//! would have made of it (see [`Direct`]), when that token follows from the markup as
//! written (no character reference, NUL or carriage return in the text or in a value kept).
//! The tokenizer gets the others, with the text before them: those, doctypes, bogus
//! comments, the start tags after which the tree builder may switch its state, and the end
//! tag of the raw text it then reads.
//!
//! Attributes the tree builder itself reads are always kept: `type` (hidden inputs in
//! tables), `color`, `face`, `size` (a `font` leaving SVG), `encoding` (MathML integration
//! points), `shadowrootmode`. The formatting elements (`b`, `font`, `i`, …, but `a`) keep all
//! their attributes: the tree builder compares them to cap how many alike stay open, and
//! leaving some out could make two differing elements alike (an `a` is never compared: a new
//! one closes the last).
//!
//! `raw::check_prune` checks that the tree is the plain parse's, but for the attributes left
//! out, comments and the text of the stepped-over elements; the fuzz target checks it on
//! every input.

use html5ever::driver::Parser;
use html5ever::tendril::StrTendril;
use html5ever::tokenizer::{Tag, TagKind, Token, TokenSink, TokenSinkResult};
use html5ever::{local_name, ns, Attribute, LocalName, QualName};

use super::raw;
use super::sink::{LeanSink, RawText};

/// What the parse may leave out of the markup.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub(crate) struct Prune {
    /// The attributes kept besides those dechrome reads (lower case), when attributes are
    /// left out at all; `None` keeps every attribute.
    attrs: Option<Vec<Box<[u8]>>>,
}

/// Whether some part of dechrome (the walk, the metadata reader, the raw-text step) or the
/// tree builder reads the attribute named `low` (in lower case). Selectors may read more: see
/// [`Prune::for_selectors`].
fn read_anyway(low: &[u8]) -> bool {
    matches!(
        low,
        b"class"
            | b"id"
            | b"role"
            | b"itemprop"
            | b"hidden"
            | b"lang"
            | b"xml:lang"
            | b"rel"
            | b"type"
            | b"datetime"
            | b"content"
            | b"property"
            | b"name"
            | b"http-equiv"
            | b"charset"
            | b"encoding"
            | b"color"
            | b"face"
            | b"size"
            | b"shadowrootmode"
    )
}

/// Whether a start tag of this name keeps all its attributes: the formatting elements (all
/// but `a`), whose attributes the tree builder compares.
fn keeps_all(tag: &[u8]) -> bool {
    const FORMATTING: &[&[u8]] = &[
        b"b", b"big", b"code", b"em", b"font", b"i", b"nobr", b"s", b"small", b"strike", b"strong",
        b"tt", b"u",
    ];
    tag.len() <= 6 && FORMATTING.iter().any(|n| n.eq_ignore_ascii_case(tag))
}

/// What becomes of one attribute.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Fate {
    Keep,
    Drop,
    /// Kept without its value (`href`: only whether it is there is read).
    Bare,
    /// `style`: only read for whether it hides the element (see [`style_may_hide`]); kept
    /// without its value when it cannot.
    Style,
}

/// Whether a `style` attribute written as `value` may hide its element (see
/// [`super::html::style_says_hidden`]): unless it is ASCII without a character reference (so
/// that the parser reads it as written, but for line breaks and NULs, which do not matter
/// here) and says neither `display:none` nor `visibility:hidden`, it may.
fn style_may_hide(value: &[u8]) -> bool {
    match std::str::from_utf8(value) {
        Ok(v) if v.is_ascii() && !v.contains('&') => super::html::style_says_hidden(v),
        _ => true,
    }
}

impl Prune {
    /// Comments and raw text only: every attribute is kept (a page whose selectors are not
    /// known yet).
    pub(crate) fn comments() -> Prune {
        Prune::default()
    }

    /// Attributes left out too, but those the CSS selectors `sources` may test: every name
    /// that follows a `[` in them (a selector's attribute conditions, and some harmless extra
    /// words from quoted values). A name written with a CSS escape keeps every attribute.
    pub(crate) fn for_selectors<'a>(sources: impl IntoIterator<Item = &'a str>) -> Prune {
        let mut names: Vec<Box<[u8]>> = Vec::new();
        for src in sources {
            let b = src.as_bytes();
            for open in memchr::memchr_iter(b'[', b) {
                let Some(name) = attribute_name(&b[open + 1..]) else {
                    return Prune::comments();
                };
                let name = name.to_ascii_lowercase().into_boxed_slice();
                if !names.contains(&name) {
                    names.push(name);
                }
            }
        }
        Prune { attrs: Some(names) }
    }

    /// What becomes of attribute `attr` (as written) of a start tag named `tag`.
    pub(crate) fn fate(&self, tag: &[u8], attr: &[u8]) -> Fate {
        self.fate_in(keeps_all(tag), tag.eq_ignore_ascii_case(b"link"), attr)
    }

    /// [`Self::fate`], with what depends on the tag alone already known.
    fn fate_in(&self, keeps_all: bool, link: bool, attr: &[u8]) -> Fate {
        let Some(extra) = &self.attrs else {
            return Fate::Keep;
        };
        // Every name the lists hold is shorter; a longer one is read by none.
        let mut buf = [0u8; 16];
        let low = match buf.get_mut(..attr.len()) {
            Some(low) => {
                for (l, c) in low.iter_mut().zip(attr) {
                    *l = c.to_ascii_lowercase();
                }
                &*low
            }
            None if keeps_all || extra.iter().any(|n| n.eq_ignore_ascii_case(attr)) => {
                return Fate::Keep
            }
            None => return Fate::Drop,
        };
        if keeps_all || read_anyway(low) || extra.iter().any(|n| **n == *low) {
            Fate::Keep
        } else if low == b"href" {
            if link {
                Fate::Keep
            } else {
                Fate::Bare
            }
        } else if low == b"style" {
            Fate::Style
        } else {
            Fate::Drop
        }
    }
}

/// The attribute name at the start of `s` (what follows a `[` in a selector): whitespace and
/// a namespace prefix (`ns|`, `*|`, `|`) skipped. `None` when it holds a CSS escape.
fn attribute_name(s: &[u8]) -> Option<&[u8]> {
    let ident = |s: &[u8]| -> usize {
        s.iter()
            .position(|&c| !(c.is_ascii_alphanumeric() || c == b'-' || c == b'_' || c >= 0x80))
            .unwrap_or(s.len())
    };
    let mut s = &s[s
        .iter()
        .position(|c| !c.is_ascii_whitespace())
        .unwrap_or(s.len())..];
    if s.starts_with(b"*|") {
        s = &s[2..];
    } else if s.starts_with(b"|") && !s.starts_with(b"|=") {
        s = &s[1..];
    } else {
        let n = ident(s);
        if s[n..].starts_with(b"|") && !s[n..].starts_with(b"|=") {
            s = &s[n + 1..];
        }
    }
    let n = ident(s);
    if s[n..].starts_with(b"\\") {
        return None;
    }
    Some(&s[..n])
}

/// One attribute of a start tag: offsets of its name and of its value as written (quotes
/// included), if it has one.
#[derive(Clone, Debug, PartialEq, Eq)]
pub(crate) struct AttrSpan {
    pub(crate) name: (usize, usize),
    pub(crate) value: Option<(usize, usize)>,
}

/// Whitespace as the tokenizer sees it (`\r` becomes `\n` before it reads the input).
pub(super) fn is_ws(b: u8) -> bool {
    matches!(b, b'\t' | b'\n' | b'\x0c' | b'\r' | b' ')
}

/// Where a tag name that starts at `at` ends: at whitespace, `/`, `>` or the end of input.
fn name_end(bytes: &[u8], at: usize) -> usize {
    bytes[at..]
        .iter()
        .position(|&c| is_ws(c) || c == b'/' || c == b'>')
        .map_or(bytes.len(), |p| at + p)
}

/// Reads a start tag's attributes from the end of its name, following the tokenizer's states
/// from "before attribute name" on. Returns the offset just past the tag's `>` and whether the
/// tag is self-closing; `None` when the input ends first.
pub(crate) fn scan_tag(
    bytes: &[u8],
    mut at: usize,
    attrs: &mut Vec<AttrSpan>,
) -> Option<(usize, bool)> {
    #[derive(Clone, Copy)]
    enum S {
        BeforeName,
        Name,
        AfterName,
        BeforeValue,
        Quoted,
        Unquoted,
        AfterQuoted,
        SelfClosing,
    }
    attrs.clear();
    let mut s = S::BeforeName;
    loop {
        let c = *bytes.get(at)?;
        match s {
            S::BeforeName => match c {
                b'/' => s = S::SelfClosing,
                b'>' => return Some((at + 1, false)),
                c if is_ws(c) => {}
                _ => {
                    attrs.push(AttrSpan {
                        name: (at, at + 1),
                        value: None,
                    });
                    s = S::Name;
                }
            },
            S::Name | S::AfterName => match c {
                b'/' => s = S::SelfClosing,
                b'=' => s = S::BeforeValue,
                b'>' => return Some((at + 1, false)),
                c if is_ws(c) => s = S::AfterName,
                _ => {
                    if let (S::Name, Some(a)) = (s, attrs.last_mut()) {
                        a.name.1 = at + 1;
                    } else {
                        s = S::BeforeName;
                        continue;
                    }
                }
            },
            S::BeforeValue => match c {
                b'"' | b'\'' => {
                    let close = at + 1 + memchr::memchr(c, &bytes[at + 1..])?;
                    if let Some(a) = attrs.last_mut() {
                        a.value = Some((at, close + 1));
                    }
                    at = close;
                    s = S::Quoted;
                }
                b'>' => return Some((at + 1, false)),
                c if is_ws(c) => {}
                _ => {
                    if let Some(a) = attrs.last_mut() {
                        a.value = Some((at, at + 1));
                    }
                    s = S::Unquoted;
                }
            },
            // Only entered on the closing quote (the value was read at once).
            S::Quoted => {
                s = S::AfterQuoted;
                continue;
            }
            S::Unquoted => match c {
                b'>' => return Some((at + 1, false)),
                c if is_ws(c) => s = S::BeforeName,
                _ => {
                    if let Some((_, end)) = attrs.last_mut().and_then(|a| a.value.as_mut()) {
                        *end = at + 1;
                    }
                }
            },
            S::AfterQuoted => match c {
                b'/' => s = S::SelfClosing,
                b'>' => return Some((at + 1, false)),
                c if is_ws(c) => s = S::BeforeName,
                _ => {
                    s = S::BeforeName;
                    continue;
                }
            },
            S::SelfClosing => {
                if c == b'>' {
                    return Some((at + 1, true));
                }
                s = S::BeforeName;
                continue;
            }
        }
        at += 1;
    }
}

/// Where a comment whose `<!--` ends at `from` ends (just past its `>`), as the tokenizer
/// finds it: `<!-->` and `<!--->` end at once; otherwise at the first `-->` or `--!>`.
/// `None` when the input ends first.
pub(crate) fn comment_end(bytes: &[u8], from: usize) -> Option<usize> {
    let rest = &bytes[from..];
    if rest.starts_with(b">") {
        return Some(from + 1);
    }
    if rest.starts_with(b"->") {
        return Some(from + 2);
    }
    let mut at = 0;
    loop {
        let p = at + memchr::memmem::find(&rest[at..], b"--")?;
        match rest.get(p + 2) {
            Some(b'>') => return Some(from + p + 3),
            Some(b'!') if rest.get(p + 3) == Some(&b'>') => return Some(from + p + 4),
            Some(_) => at = p + 1,
            None => return None,
        }
    }
}

/// The state a start tag of this name may switch the tokenizer to, as the end tag that ends
/// the element's content spells it, if the tree builder switches for it.
fn switching(name: &[u8]) -> Option<Switch> {
    const RAW: [&str; 9] = [
        "title", "textarea", "style", "xmp", "iframe", "noembed", "noframes", "noscript", "script",
    ];
    if name.eq_ignore_ascii_case(b"plaintext") {
        return Some(Switch::Plaintext);
    }
    RAW.iter()
        .find(|n| n.as_bytes().eq_ignore_ascii_case(name))
        .map(|n| {
            Switch::Until(if *n == "script" {
                RawText::Script
            } else {
                RawText::Rawtext(n)
            })
        })
}

enum Switch {
    /// The content runs to an end tag of this name (script data: see [`raw::content_end`]).
    Until(RawText),
    /// The content runs to the end of input.
    Plaintext,
}

/// Bytes of input handed to the parser at a time.
pub(super) const PARSE_CHUNK: usize = 64 * 1024;

/// Hands `text` to the parser in chunks of about [`PARSE_CHUNK`] bytes.
pub(super) fn feed(parser: &mut Parser<LeanSink>, mut text: &str) {
    use html5ever::tendril::{StrTendril, TendrilSink};
    while !text.is_empty() {
        let mut end = text.len().min(PARSE_CHUNK);
        while !text.is_char_boundary(end) {
            end += 1;
        }
        parser.process(StrTendril::from_slice(&text[..end]));
        text = &text[end..];
    }
}

/// Feeds `input` to the parser with what `prune` allows left out (see the module's notes).
pub(super) fn feed_pruned(parser: &mut Parser<LeanSink>, input: &str, prune: &Prune) {
    let bytes = input.as_bytes();
    // Rewritten input not yet fed; the input is copied into it (or fed, or handed over as
    // tokens) up to `pos`; the scan is at `at`, in the tokenizer's data state. The text before
    // the next construct starts at `text_from` (where the last construct ended).
    let mut out = String::new();
    let (mut pos, mut at, mut text_from) = (0usize, 0usize, 0usize);
    let (mut attrs, mut fates) = (Vec::new(), Vec::new());
    // Whether the tokenizer reads the next construct itself: the end tag of a raw-text
    // element it is inside.
    let mut raw_end = false;
    while let Some(p) = memchr::memchr(b'<', &bytes[at..]) {
        let lt = at + p;
        let Some(&next) = bytes.get(lt + 1) else {
            break;
        };
        // Whether the construct at `lt` may go to the tree builder as a token (see
        // [`Direct`]): the tokenizer is in its data state once it has what is pending, and the
        // text before the construct is plain.
        let direct = !std::mem::take(&mut raw_end) && plain_text(&bytes[text_from..lt], text_from);
        let mut direct = direct.then(|| Direct {
            pending: (pos, text_from),
            text: &input[text_from..lt],
        });
        // A DOCTYPE or a bogus comment (`<!x>`, `<?x>`, `</ x>`): the first `>` ends it.
        let to_gt = |from: usize| memchr::memchr(b'>', &bytes[from..]).map(|p| from + p + 1);
        if next == b'!' {
            if bytes[lt..].starts_with(b"<!--") {
                let Some(end) = comment_end(bytes, lt + 4) else {
                    break;
                };
                if let Some(d) = direct.take() {
                    d.hand_over(
                        parser,
                        &mut out,
                        input,
                        Token::CommentToken(StrTendril::new()),
                    );
                    pos = end;
                } else if end - lt > 3 {
                    out.push_str(&input[pos..lt]);
                    // An empty bogus comment: the same token, the fewest characters.
                    out.push_str("<!>");
                    pos = end;
                }
                at = end;
            } else if bytes[lt + 2..].starts_with(b"[CDATA[") {
                // A CDATA section in foreign content, a bogus comment elsewhere: which one
                // only the tree builder knows.
                break;
            } else {
                let Some(gt) = to_gt(lt + 2) else {
                    break;
                };
                at = gt;
            }
        } else if next == b'?' {
            let Some(gt) = to_gt(lt + 2) else {
                break;
            };
            at = gt;
        } else if next == b'/' {
            match bytes.get(lt + 2) {
                // An end tag: its attributes are read as a start tag's (and dropped).
                Some(c) if c.is_ascii_alphabetic() => {
                    let ne = name_end(bytes, lt + 2);
                    let Some((gt, self_closing)) = scan_tag(bytes, ne, &mut attrs) else {
                        break;
                    };
                    // The name is only made into an atom when the tag goes as a token.
                    let name = || tag_name(&input[lt + 2..ne]);
                    if let Some((d, name)) = direct
                        .take()
                        .filter(|_| attrs.is_empty() && !self_closing)
                        .and_then(|d| Some((d, name()?)))
                    {
                        d.hand_over(parser, &mut out, input, end_tag(name));
                        pos = gt;
                    }
                    at = gt;
                }
                Some(b'>') => at = lt + 3,
                Some(_) => {
                    let Some(gt) = to_gt(lt + 2) else {
                        break;
                    };
                    at = gt;
                }
                None => break,
            }
        } else if next.is_ascii_alphabetic() {
            let ne = name_end(bytes, lt + 1);
            let name = &bytes[lt + 1..ne];
            let Some((end, self_closing)) = scan_tag(bytes, ne, &mut attrs) else {
                break;
            };
            let (all, link) = (keeps_all(name), name.eq_ignore_ascii_case(b"link"));
            fates.clear();
            fates.extend(attrs.iter().map(|a| {
                match prune.fate_in(all, link, &bytes[a.name.0..a.name.1]) {
                    Fate::Style
                        if a.value
                            .is_some_and(|(v0, v1)| style_may_hide(&bytes[v0..v1])) =>
                    {
                        Fate::Keep
                    }
                    Fate::Style => Fate::Bare,
                    f => f,
                }
            }));
            let switch = switching(name);
            if switch.is_some() {
                direct = None;
            }
            let tag = direct
                .as_ref()
                .and_then(|_| start_tag(input, &input[lt + 1..ne], &attrs, &fates, self_closing));
            at = end;
            if let (Some(d), Some(tag)) = (direct, tag) {
                d.hand_over(parser, &mut out, input, tag);
                pos = end;
            } else if fates.iter().any(|f| *f != Fate::Keep) {
                out.push_str(&input[pos..ne]);
                for (a, &fate) in attrs.iter().zip(&fates) {
                    if fate == Fate::Drop {
                        continue;
                    }
                    out.push(' ');
                    out.push_str(&input[a.name.0..a.name.1]);
                    if let (Fate::Keep, Some((v0, v1))) = (fate, a.value) {
                        out.push('=');
                        out.push_str(&input[v0..v1]);
                    }
                }
                out.push_str(if self_closing { " />" } else { ">" });
                pos = end;
            }
            if let Some(switch) = switch {
                feed(parser, &out);
                out.clear();
                feed(parser, &input[pos..at]);
                pos = at;
                if !parser.input_buffer.is_empty() {
                    break;
                }
                let opened = parser.tokenizer.sink.sink.take_opened();
                let Some(opened) = opened.filter(|o| o.name.as_bytes().eq_ignore_ascii_case(name))
                else {
                    // Ignored, or something else happened: the state is not known.
                    break;
                };
                if opened.html {
                    let Switch::Until(kind) = switch else {
                        break;
                    };
                    let Some(close) = raw::content_end(bytes, at, kind) else {
                        break;
                    };
                    if opened.raw.is_some() && close > at {
                        // The content, whatever it was, became a text node: one space keeps
                        // it.
                        feed(parser, " ");
                        pos = close;
                    }
                    at = close;
                    raw_end = true;
                }
                // SVG or MathML: no raw text there.
            }
        } else {
            // A `<` that starts nothing: text.
            at = lt + 1;
            continue;
        }
        text_from = at;
        if out.len() >= PARSE_CHUNK {
            feed(parser, &out);
            out.clear();
        }
    }
    feed(parser, &out);
    feed(parser, &input[pos..]);
}

/// A construct handed to the tree builder as the token the tokenizer would make of it, with
/// the text before it: html5ever's tokenizer reads markup a character at a time, and the
/// scan has read the construct already.
///
/// The tree builder cannot tell: the tokenizer is in its data state with nothing pending
/// (what it was given ends with a construct, after which it is back in the data state), the
/// text is plain (see [`plain_text`]) and split as the tokenizer splits it, and a construct
/// goes this way only when its token follows from it as written ([`start_tag`], end tags
/// without attributes, comments). A start tag after which the tree builder may switch the
/// tokenizer's state (see [`switching`]) and anything else goes through the tokenizer, as
/// does the end tag of raw text it is inside. `raw::check_prune` compares the tree with the
/// plain parse's.
struct Direct<'a> {
    /// Input not yet handed over (`pos` to the start of the text), after what `out` holds.
    pending: (usize, usize),
    /// The text between the last construct and this one.
    text: &'a str,
}

impl Direct<'_> {
    fn hand_over(self, parser: &mut Parser<LeanSink>, out: &mut String, input: &str, token: Token) {
        let (from, to) = self.pending;
        if !out.is_empty() || from < to {
            out.push_str(&input[from..to]);
            feed(parser, out);
            out.clear();
        }
        let builder = &parser.tokenizer.sink;
        let emit = |token| {
            let r = builder.process_token(token, 1);
            debug_assert!(matches!(
                r,
                TokenSinkResult::Continue | TokenSinkResult::EncodingIndicator(_)
            ));
        };
        // The tokenizer reads a line feed that starts a run of text on its own (its fast path
        // takes runs that start with anything else, through line feeds), and the sink may
        // leave out whitespace-only text (see `LeanSink::append`): "\n  x" in a list is "  x".
        // Whitespace tokens in a row share one fate, so the line feeds go as one token, and
        // text that is all whitespace as one.
        let text = self.text;
        let lf = text.bytes().take_while(|&b| b == b'\n').count();
        if lf > 0 && !text.bytes().all(is_ws) {
            emit(Token::CharacterTokens(StrTendril::from_slice(&text[..lf])));
            emit(Token::CharacterTokens(StrTendril::from_slice(&text[lf..])));
        } else if !text.is_empty() {
            emit(Token::CharacterTokens(StrTendril::from_slice(text)));
        }
        emit(token);
    }
}

/// Whether text between two constructs (starting at offset `from` of the input) reaches the
/// tree builder as written: no character reference, NUL, carriage return or `<` (the
/// tokenizer reads each of those on its own) and no byte-order mark at the start of the input
/// (the tokenizer drops it).
fn plain_text(text: &[u8], from: usize) -> bool {
    memchr::memchr3(b'&', b'\0', b'\r', text).is_none()
        && memchr::memchr(b'<', text).is_none()
        && !(from == 0 && text.starts_with("\u{feff}".as_bytes()))
}

/// The local name the tokenizer makes of a tag or attribute name as written (ASCII lower
/// case), unless it holds a NUL (which the tokenizer replaces).
fn tag_name(written: &str) -> Option<LocalName> {
    // The commonest names (most tags are one of these) without hashing the name.
    let common = match written.as_bytes() {
        b"a" => Some(local_name!("a")),
        b"p" => Some(local_name!("p")),
        b"b" => Some(local_name!("b")),
        b"i" => Some(local_name!("i")),
        b"br" => Some(local_name!("br")),
        b"li" => Some(local_name!("li")),
        b"td" => Some(local_name!("td")),
        b"tr" => Some(local_name!("tr")),
        b"ul" => Some(local_name!("ul")),
        b"id" => Some(local_name!("id")),
        b"div" => Some(local_name!("div")),
        b"img" => Some(local_name!("img")),
        b"span" => Some(local_name!("span")),
        b"href" => Some(local_name!("href")),
        b"font" => Some(local_name!("font")),
        b"meta" => Some(local_name!("meta")),
        b"link" => Some(local_name!("link")),
        b"type" => Some(local_name!("type")),
        b"name" => Some(local_name!("name")),
        b"class" => Some(local_name!("class")),
        b"table" => Some(local_name!("table")),
        b"input" => Some(local_name!("input")),
        b"style" => Some(local_name!("style")),
        b"strong" => Some(local_name!("strong")),
        b"option" => Some(local_name!("option")),
        b"content" => Some(local_name!("content")),
        _ => None,
    };
    if common.is_some() {
        return common;
    }
    if written.as_bytes().contains(&0) {
        return None;
    }
    Some(if written.bytes().any(|c| c.is_ascii_uppercase()) {
        LocalName::from(written.to_ascii_lowercase())
    } else {
        LocalName::from(written)
    })
}

fn end_tag(name: LocalName) -> Token {
    Token::TagToken(Tag {
        kind: TagKind::EndTag,
        name,
        self_closing: false,
        attrs: Vec::new(),
        had_duplicate_attributes: false,
    })
}

/// The token the tokenizer makes of start tag `<name …>` as the prune leaves it (attributes
/// `attrs` with their `fates`), when it follows from the tag as written: no NUL in a name, no
/// character reference, NUL or carriage return in a value kept.
fn start_tag(
    input: &str,
    name: &str,
    attrs: &[AttrSpan],
    fates: &[Fate],
    self_closing: bool,
) -> Option<Token> {
    let name = tag_name(name)?;
    let mut kept: Vec<Attribute> = Vec::with_capacity(attrs.len());
    let mut had_duplicate_attributes = false;
    for (a, fate) in attrs.iter().zip(fates) {
        let value = match (fate, a.value) {
            (Fate::Drop, _) => continue,
            (Fate::Keep, Some((v0, v1))) => {
                let quoted = matches!(input.as_bytes()[v0], b'"' | b'\'');
                let v = &input[v0 + usize::from(quoted)..v1 - usize::from(quoted)];
                if memchr::memchr3(b'&', b'\0', b'\r', v.as_bytes()).is_some() {
                    return None;
                }
                StrTendril::from_slice(v)
            }
            _ => StrTendril::new(),
        };
        let local = tag_name(&input[a.name.0..a.name.1])?;
        // The first of two alike stays.
        if kept.iter().any(|k| k.name.local == local) {
            had_duplicate_attributes = true;
            continue;
        }
        kept.push(Attribute {
            name: QualName::new(None, ns!(), local),
            value,
        });
    }
    Some(Token::TagToken(Tag {
        kind: TagKind::StartTag,
        name,
        self_closing,
        attrs: kept,
        had_duplicate_attributes,
    }))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// An attribute's name and value as written.
    type Written = (String, Option<String>);

    fn spans(tag: &str) -> (Option<(usize, bool)>, Vec<Written>) {
        let b = tag.as_bytes();
        let mut attrs = Vec::new();
        let r = scan_tag(b, name_end(b, 1), &mut attrs);
        let a = attrs
            .iter()
            .map(|a| {
                (
                    tag[a.name.0..a.name.1].to_string(),
                    a.value.map(|(x, y)| tag[x..y].to_string()),
                )
            })
            .collect();
        (r, a)
    }

    #[test]
    fn tags_are_read_as_the_tokenizer_reads_them() {
        let n = |s: &str| s.to_string();
        assert_eq!(
            spans("<a href=\"x>y\" b c = 'd' e=f/>"),
            (
                Some((29, false)),
                vec![
                    (n("href"), Some(n("\"x>y\""))),
                    (n("b"), None),
                    (n("c"), Some(n("'d'"))),
                    (n("e"), Some(n("f/"))),
                ]
            )
        );
        assert_eq!(spans("<br/>").0, Some((5, true)));
        assert_eq!(spans("<br / >").0, Some((7, false)));
        assert_eq!(spans("<img a=\"1\"/>").0, Some((12, true)));
        // `=` and quotes may start a name; a quoted value needs no space after it.
        assert_eq!(
            spans("<p =x \"y a='1'b>"),
            (
                Some((16, false)),
                vec![
                    (n("=x"), None),
                    (n("\"y"), None),
                    (n("a"), Some(n("'1'"))),
                    (n("b"), None),
                ]
            )
        );
        assert_eq!(spans("<p a=\"unclosed>").0, None);
        // A `>` in quotes does not end the tag; an unquoted value runs to whitespace or `>`.
        for (t, end) in [
            ("<a b='>'>x", 9),
            ("<a b=c>d>", 7),
            ("<a/b>", 5),
            ("<a b = >", 8),
            ("<a b=\"\"c>", 9),
        ] {
            assert_eq!(spans(t).0.map(|e| e.0), Some(end), "{t}");
        }
    }

    #[test]
    fn comments_end_as_the_tokenizer_ends_them() {
        fn end(s: &str) -> Option<&str> {
            comment_end(s.as_bytes(), 4).map(|e| &s[..e])
        }
        assert_eq!(end("<!-->x"), Some("<!-->"));
        assert_eq!(end("<!--->x"), Some("<!--->"));
        assert_eq!(end("<!---->x"), Some("<!---->"));
        assert_eq!(end("<!-- a -- b --->x"), Some("<!-- a -- b --->"));
        assert_eq!(end("<!-- a --!>x-->"), Some("<!-- a --!>"));
        assert_eq!(end("<!-- a --!-->x"), Some("<!-- a --!-->"));
        assert_eq!(end("<!-- <!-- -->x"), Some("<!-- <!-- -->"));
        assert_eq!(end("<!---!>-->"), Some("<!---!>-->"));
        assert_eq!(end("<!-- a --"), None);
    }

    #[test]
    fn selectors_keep_the_attributes_they_test() {
        let p = Prune::for_selectors([
            "td[bgcolor], a[ HREF *= 'x' i]",
            "[data-Role|=x], [*|width], [svg|height]",
        ]);
        assert_eq!(p.fate(b"td", b"bgcolor"), Fate::Keep);
        assert_eq!(p.fate(b"td", b"BGCOLOR"), Fate::Keep);
        assert_eq!(p.fate(b"div", b"data-role"), Fate::Keep);
        assert_eq!(p.fate(b"img", b"width"), Fate::Keep);
        assert_eq!(p.fate(b"img", b"height"), Fate::Keep);
        assert_eq!(p.fate(b"a", b"href"), Fate::Keep);
        assert_eq!(p.fate(b"td", b"onclick"), Fate::Drop);
        // Read by dechrome or the tree builder whatever the selectors.
        for a in ["class", "id", "type", "face", "encoding"] {
            assert_eq!(p.fate(b"td", a.as_bytes()), Fate::Keep, "{a}");
        }
        assert_eq!(p.fate(b"td", b"style"), Fate::Style);
        let p = Prune::for_selectors(["nav, .menu"]);
        assert_eq!(p.fate(b"a", b"href"), Fate::Bare);
        assert_eq!(p.fate(b"LINK", b"href"), Fate::Keep);
        // Formatting elements keep all theirs.
        assert_eq!(p.fate(b"font", b"onclick"), Fate::Keep);
        // An escaped name cannot be told: every attribute stays.
        let p = Prune::for_selectors(["[data\\-x]"]);
        assert_eq!(p.fate(b"td", b"onclick"), Fate::Keep);
        assert_eq!(p.fate(b"a", b"href"), Fate::Keep);
        // Comments only.
        assert_eq!(Prune::comments().fate(b"td", b"onclick"), Fate::Keep);
    }

    /// The attributes of each element of the lean parse, as `name=value` (`name` alone when
    /// it has no value), in the order the tree keeps them (by name).
    fn lean_attrs(html: &str) -> Vec<String> {
        let doc = super::super::html::parse_with(html, Some(crate::Cleaner::new().prune()));
        doc.root_element()
            .descendants()
            .filter_map(|n| n.value().as_element())
            .filter(|e| !matches!(e.name(), "html" | "head" | "body"))
            .map(|e| {
                let mut s = e.name().to_string();
                for (k, v) in e.attrs() {
                    s += &if v.is_empty() {
                        format!(" {k}")
                    } else {
                        format!(" {k}={v}")
                    };
                }
                s
            })
            .collect()
    }

    #[test]
    fn what_nothing_reads_is_left_out() {
        assert_eq!(
            lean_attrs(
                "<table><tr><td onclick=\"go('>')\" width=3 class=c id=i>\
                 <a href=\"/x\" target=_blank TITLE=t>x</a><img src=y alt=z/></td></tr></table>"
            ),
            ["table", "tbody", "tr", "td class=c id=i", "a href", "img"]
        );
        // `style` stays when it hides, as written (character references and all).
        assert_eq!(
            lean_attrs(
                "<p style='color:red'>a</p><p style='Display : None'>b</p>\
                 <p style=\"display:&#110;one\">c</p>"
            ),
            ["p style", "p style=Display : None", "p style=display:none"]
        );
        // What the tree builder or the metadata reader reads stays.
        assert_eq!(
            lean_attrs(
                "<link rel=canonical href=/c onload=x><meta name=author content=A>\
                 <table><input type=hidden value=1 name=q></table>"
            ),
            [
                "link href=/c rel=canonical",
                "meta content=A name=author",
                "table",
                "input name=q type=hidden"
            ]
        );
        // Formatting elements keep everything (the tree builder compares their attributes).
        assert_eq!(
            lean_attrs("<font size=2 onclick=a>x</font><b title=t>y</b>"),
            ["font onclick=a size=2", "b title=t"]
        );
        // Comments are gone from the tree in any case; a self-closing tag stays one.
        assert_eq!(
            lean_attrs("<!-- <p onclick=x> --><svg><path d=\"M0\" width=1/><g/></svg>"),
            ["svg", "path", "g"]
        );
    }

    /// A `textarea` in a form is associated with the form as it is created: the scan still
    /// knows what the tree builder made of it and goes on after it.
    #[test]
    fn the_scan_goes_on_after_a_textarea_in_a_form() {
        assert_eq!(
            lean_attrs("<form><textarea rows=3>a</textarea></form><p onclick=x>b</p>"),
            ["form", "textarea", "p"]
        );
    }

    /// A script or style sheet after `</head>` goes into the head, which the tree builder
    /// puts back on its stack for it and takes off again: the scan still steps over it.
    #[test]
    fn the_scan_goes_on_after_a_script_after_the_head() {
        assert_eq!(
            lean_attrs(
                "<head></head><script>a('<b onclick=x>')</script>\
                 <style>p{}</style><p onclick=y>c</p>"
            ),
            ["script", "style", "p"]
        );
    }

    /// Text and tags handed to the tree builder as tokens build the tree the tokenizer's
    /// tokens build: the text split as the tokenizer splits it (whitespace alone in a list is
    /// left out, see the sink), a byte-order mark dropped, names in lower case, the first of
    /// two attributes alike kept.
    #[test]
    fn tokens_handed_over_build_the_tokenizers_tree() {
        for page in [
            // A line feed that starts a run is a token of its own.
            "<ul>\n  x<li>a</li>\n\n<li>b</ul>",
            // So is the `<` that starts no tag, and the space after it.
            "<ul> < x<li>a</ul>",
            "<table> < <tr><td>a</table>",
            "\u{feff}<p>a",
            "\u{feff}a<p>b",
            "<DIV CLASS=A Id=b class=c>x</DIV>",
            "<p title=\"a&amp;b\" class='c&d'>x</p>",
            "<p>a\r\nb<b>c</b>",
        ] {
            assert_eq!(super::super::raw::check_lean_parse(page), None, "{page:?}");
        }
    }

    /// Four formatting elements alike but for attributes the lean parse would leave out: the
    /// tree builder keeps only three of them open, so leaving the attributes out would change
    /// the tree.
    #[test]
    fn formatting_elements_stay_distinct() {
        let page = "<p><font onclick=1><font onclick=2><font onclick=3><font onclick=4>x\
                    <p>y</p>";
        assert_eq!(super::super::raw::check_lean_parse(page), None);
    }
}
