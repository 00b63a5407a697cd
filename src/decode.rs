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
