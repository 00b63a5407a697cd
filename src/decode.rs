//! Bytes → text: byte-order marks, then UTF-8 with replacement.

use std::borrow::Cow;

/// The result of decoding input bytes.
///
/// ```
/// let d = dechrome::decode(b"caf\xe9 ok");
/// assert_eq!(d.text(), "caf\u{fffd} ok");
/// assert_eq!(d.replaced(), 1);
/// assert_eq!(d.encoding(), "UTF-8");
/// ```
#[derive(Clone, Debug)]
pub struct Decoded<'a> {
    text: Cow<'a, str>,
    replaced: usize,
    encoding: &'static str,
}

impl<'a> Decoded<'a> {
    /// The decoded text.
    ///
    /// ```
    /// assert_eq!(dechrome::decode(b"hi").text(), "hi");
    /// ```
    pub fn text(&self) -> &str {
        &self.text
    }

    /// The decoded text, owned.
    ///
    /// ```
    /// assert_eq!(dechrome::decode(b"hi").into_text(), "hi");
    /// ```
    pub fn into_text(self) -> Cow<'a, str> {
        self.text
    }

    /// How many invalid byte sequences were replaced by U+FFFD.
    ///
    /// ```
    /// assert_eq!(dechrome::decode(b"\xff ok").replaced(), 1);
    /// ```
    pub fn replaced(&self) -> usize {
        self.replaced
    }

    /// The name of the encoding that was used.
    ///
    /// ```
    /// assert_eq!(dechrome::decode(b"\xef\xbb\xbfhi").encoding(), "UTF-8");
    /// ```
    pub fn encoding(&self) -> &'static str {
        self.encoding
    }
}

/// Decode input bytes: a UTF-8 or UTF-16 byte-order mark decides; otherwise UTF-8, with each
/// invalid sequence replaced by U+FFFD and counted. Never fails.
///
/// ```
/// let d = dechrome::decode(b"\xff\xfeh\x00i\x00");
/// assert_eq!((d.text(), d.encoding()), ("hi", "UTF-16LE"));
/// ```
pub fn decode(bytes: &[u8]) -> Decoded<'_> {
    if let Some((enc, bom_len)) = encoding_rs::Encoding::for_bom(bytes) {
        let body = &bytes[bom_len..];
        if enc == encoding_rs::UTF_8 {
            return utf8(body);
        }
        let (text, had_errors) = enc.decode_without_bom_handling(body);
        let replaced = if had_errors {
            text.matches('\u{fffd}').count()
        } else {
            0
        };
        return Decoded {
            text,
            replaced,
            encoding: enc.name(),
        };
    }
    utf8(bytes)
}

fn utf8(bytes: &[u8]) -> Decoded<'_> {
    match std::str::from_utf8(bytes) {
        Ok(s) => Decoded {
            text: Cow::Borrowed(s),
            replaced: 0,
            encoding: "UTF-8",
        },
        Err(_) => {
            let mut replaced = 0;
            let mut out = String::with_capacity(bytes.len() + 16);
            for chunk in bytes.utf8_chunks() {
                out.push_str(chunk.valid());
                if !chunk.invalid().is_empty() {
                    out.push('\u{fffd}');
                    replaced += 1;
                }
            }
            Decoded {
                text: Cow::Owned(out),
                replaced,
                encoding: "UTF-8",
            }
        }
    }
}

/// Decode input bytes for a given input mode: [`decode_html`] for HTML (in `Auto` mode when the
/// start of the input looks like HTML, see [`detect_input`](crate::detect_input)), [`decode`]
/// otherwise.
///
/// ```
/// use dechrome::{decode_input, InputMode};
/// let page = b"<html><meta charset=latin1><p>caf\xe9</p>";
/// assert_eq!(decode_input(page, InputMode::Auto).encoding(), "windows-1252");
/// assert_eq!(decode_input(page, InputMode::Text).encoding(), "UTF-8");
/// ```
pub fn decode_input(bytes: &[u8], mode: crate::InputMode) -> Decoded<'_> {
    let html = match mode {
        crate::InputMode::Html => true,
        crate::InputMode::Text => false,
        crate::InputMode::Auto => {
            let head = String::from_utf8_lossy(&bytes[..bytes.len().min(8192)]);
            crate::detect::detect_input(&head) == crate::InputKind::Html
        }
    };
    if html {
        decode_html(bytes)
    } else {
        decode(bytes)
    }
}

/// Decode the bytes of an HTML page: a byte-order mark decides; else valid UTF-8 is UTF-8;
/// else the `<meta charset>` or `http-equiv="Content-Type"` declaration in the first 4 KiB;
/// else a statistical guess (chardetng). Never fails.
///
/// ```
/// let page = b"<meta charset=\"windows-1252\"><p>caf\xe9</p>";
/// let d = dechrome::decode_html(page);
/// assert_eq!((d.text(), d.encoding()), ("<meta charset=\"windows-1252\"><p>caf\u{e9}</p>", "windows-1252"));
/// assert_eq!(dechrome::decode_html("<p>déjà</p>".as_bytes()).encoding(), "UTF-8");
/// ```
pub fn decode_html(bytes: &[u8]) -> Decoded<'_> {
    if encoding_rs::Encoding::for_bom(bytes).is_some() {
        return decode(bytes);
    }
    if std::str::from_utf8(bytes).is_ok() {
        return utf8(bytes);
    }
    let enc = meta_charset(&bytes[..bytes.len().min(4096)])
        .filter(|e| *e != encoding_rs::UTF_16LE && *e != encoding_rs::UTF_16BE)
        .unwrap_or_else(|| {
            let mut det = chardetng::EncodingDetector::new(chardetng::Iso2022JpDetection::Deny);
            det.feed(bytes, true);
            det.guess(None, chardetng::Utf8Detection::Allow)
        });
    if enc == encoding_rs::UTF_8 {
        return utf8(bytes);
    }
    let (text, had_errors) = enc.decode_without_bom_handling(bytes);
    let replaced = if had_errors {
        text.matches('\u{fffd}').count()
    } else {
        0
    };
    Decoded {
        text,
        replaced,
        encoding: enc.name(),
    }
}

/// The encoding a `<meta>` declares in `head`, if any (a simplified HTML prescan).
fn meta_charset(head: &[u8]) -> Option<&'static encoding_rs::Encoding> {
    let lower: Vec<u8> = head.to_ascii_lowercase();
    let mut from = 0;
    while let Some(p) = memchr::memmem::find(&lower[from..], b"<meta") {
        let start = from + p + 5;
        let end = lower[start..]
            .iter()
            .position(|&c| c == b'>')
            .map_or(lower.len(), |e| start + e);
        let tag = &lower[start..end];
        if let Some(c) = memchr::memmem::find(tag, b"charset") {
            let rest = &tag[c + 7..];
            let rest = rest.trim_ascii_start();
            if let Some(rest) = rest.strip_prefix(b"=") {
                let rest = rest.trim_ascii_start();
                let rest = rest
                    .strip_prefix(b"\"")
                    .or(rest.strip_prefix(b"'"))
                    .unwrap_or(rest);
                let len = rest
                    .iter()
                    .position(|c| matches!(c, b'"' | b'\'' | b';' | b' ' | b'/' | b'>'))
                    .unwrap_or(rest.len());
                if let Some(e) = encoding_rs::Encoding::for_label(&rest[..len]) {
                    return Some(e);
                }
            }
        }
        from = end.min(lower.len());
        if from >= lower.len() {
            break;
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn http_equiv_and_guess() {
        let page =
            b"<meta http-equiv='Content-Type' content='text/html; charset=ISO-8859-2'><p>\xb1</p>";
        assert_eq!(decode_html(page).encoding(), "ISO-8859-2");
        let sjis = encoding_rs::SHIFT_JIS
            .encode("<p>日本語のテキストです。これは長い文章です。</p>")
            .0;
        let d = decode_html(&sjis);
        assert_eq!(d.encoding(), "Shift_JIS");
        assert!(d.text().contains("日本語"));
        // A BOM wins over a declaration.
        let bom = b"\xef\xbb\xbf<meta charset=latin1><p>\xc3\xa9</p>";
        assert_eq!(
            decode_html(bom).text(),
            "<meta charset=latin1><p>\u{e9}</p>"
        );
    }
}
