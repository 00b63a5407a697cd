//! Features of a block of page text, computed in one pass over its words.

use super::lang::{self, Evidence, Lang, StopWords};

/// Counts over one block (or, summed, over a unit of blocks).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Counts {
    /// Non-space characters.
    pub(crate) chars: u32,
    /// Han, kana and hangul characters (they carry more than a Latin letter each).
    pub(crate) cjk: u32,
    /// Whitespace-separated words (CJK runs count as one word per two characters).
    pub(crate) words: u32,
    /// Words (or function characters, by-char languages) that are stop words of the language.
    pub(crate) stops: u32,
    /// Words that start with a letter.
    pub(crate) alpha_words: u32,
    /// Of those, words that start with an uppercase letter.
    pub(crate) caps: u32,
    /// Letters.
    pub(crate) letters: u32,
    /// Digits.
    pub(crate) digits: u32,
    /// Link-row separators (`|`, `·`, `•`, `»`, `›`) and column gaps.
    pub(crate) seps: u32,
    /// Bracketed renderer artefacts: `[IMG]`, `[Search]`, form fields `[ ]`.
    pub(crate) brackets: u32,
    /// Sentence and clause punctuation inside the text.
    pub(crate) puncts: u32,
}

impl Counts {
    pub(crate) fn add(&mut self, o: &Counts) {
        self.chars += o.chars;
        self.cjk += o.cjk;
        self.words += o.words;
        self.stops += o.stops;
        self.alpha_words += o.alpha_words;
        self.caps += o.caps;
        self.letters += o.letters;
        self.digits += o.digits;
        self.seps += o.seps;
        self.brackets += o.brackets;
        self.puncts += o.puncts;
    }

    /// Length that compares across scripts: a CJK character counts as two.
    pub(crate) fn eff_len(&self) -> f32 {
        (self.chars + self.cjk) as f32
    }

    /// Share of stop words among words (by-char languages: share of function characters).
    pub(crate) fn stop_density(&self) -> f32 {
        if self.words == 0 {
            0.0
        } else {
            (self.stops as f32 / self.words as f32).min(1.0)
        }
    }

    /// Share of words starting with an uppercase letter, among words starting with a letter.
    pub(crate) fn cap_ratio(&self) -> f32 {
        if self.alpha_words == 0 {
            0.0
        } else {
            self.caps as f32 / self.alpha_words as f32
        }
    }

    /// Share of digits among letters and digits.
    pub(crate) fn digit_ratio(&self) -> f32 {
        let d = self.letters + self.digits;
        if d == 0 {
            0.0
        } else {
            self.digits as f32 / d as f32
        }
    }
}

/// Byte classes of ASCII for [`ascii_word`].
const ALPHA: u8 = 1;
const DIGIT: u8 = 2;
const UPPER: u8 = 4;
/// `|` and `>`: a word made of them only is a separator (`|`, `>>`).
const SEP: u8 = 8;
const EQ: u8 = 16;
const QUOTE: u8 = 32;
/// Letters and digits: a word whose every byte has it is its own core.
const ALNUM: u8 = 64;
/// What ends an ASCII word: a space, or a byte of a non-ASCII character.
const STOP: u8 = 128;

static CLASS: [u8; 256] = {
    let mut t = [STOP; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_uppercase() {
            ALPHA | UPPER | ALNUM
        } else if b.is_ascii_lowercase() {
            ALPHA | ALNUM
        } else if b.is_ascii_digit() {
            DIGIT | ALNUM
        } else {
            match b {
                b' ' => STOP,
                b'|' | b'>' => SEP,
                b'=' => EQ,
                b'"' => QUOTE,
                _ => 0,
            }
        };
        i += 1;
    }
    t
};

/// Per ASCII byte, what it adds to a word's four counts, each in 16 bits of a `u64`: letters
/// (bits 0–15), digits (16–31), sentence punctuation (32–47) and pipes (48–63). A word's
/// counts are then one addition per byte; [`ascii_word`] flushes them before a field could
/// overflow.
static PACKED: [u64; 256] = {
    let mut t = [0u64; 256];
    let mut i = 0;
    while i < 128 {
        let b = i as u8;
        t[i] = if b.is_ascii_alphabetic() {
            1
        } else if b.is_ascii_digit() {
            1 << 16
        } else {
            match b {
                b'.' | b',' | b';' | b':' | b'!' | b'?' => 1 << 32,
                b'|' => 1 << 48,
                _ => 0,
            }
        };
        i += 1;
    }
    t
};

/// The four counts of [`PACKED`], summed over a piece of a word.
#[derive(Clone, Copy, Default)]
struct Packed {
    letters: u32,
    digits: u32,
    puncts: u32,
    pipes: u32,
}

impl Packed {
    #[inline]
    fn add(&mut self, acc: u64) {
        self.letters += (acc & 0xffff) as u32;
        self.digits += (acc >> 16 & 0xffff) as u32;
        self.puncts += (acc >> 32 & 0xffff) as u32;
        self.pipes += (acc >> 48) as u32;
    }
}

/// What one pass over a block's text finds before the page language is known: every count
/// but the stop words, and the stop words of each language. [`Raw::counts`] gives the
/// counts for the language once it is known, so the text is read once for language
/// detection and features together.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Raw {
    /// Counts, `stops` left at 0.
    counts: Counts,
    /// Words whose core is a stop word, per language of [`Lang::WORDS`].
    stops: [u32; 9],
    /// Chinese function characters and hiragana among the CJK letters.
    zh_function: u32,
    hiragana: u32,
}

impl Raw {
    /// The block's counts for the page language.
    pub(crate) fn counts(&self, lang: Option<Lang>) -> Counts {
        let mut c = self.counts;
        c.stops = match lang {
            None => 0,
            Some(Lang::Zh) => self.zh_function,
            Some(Lang::Ja) => self.hiragana,
            Some(l) => self.stops[l as usize],
        };
        if lang.is_some_and(Lang::by_chars) && c.cjk > 0 {
            // Stop density over characters: scale `stops` to the word estimate.
            let density = c.stops as f32 / c.cjk as f32;
            c.stops = (density * c.words as f32).round() as u32;
        }
        c
    }

    #[inline]
    fn add_stops(&mut self, bits: u16) {
        let mut m = bits;
        while m != 0 {
            self.stops[m.trailing_zeros() as usize] += 1;
            m &= m - 1;
        }
    }
}

/// Scan one block's text for a known language.
pub(crate) fn scan(text: &str, lang: Option<Lang>, stops: &StopWords) -> Counts {
    scan_raw(text, stops, None).counts(lang)
}

/// Scan one block's text: its words split at spaces, each word counted as a whole and by
/// its core (the word without the punctuation around it). With `evidence`, the line's
/// language evidence is added to it as well (see [`lang::Evidence`]).
pub(crate) fn scan_raw(text: &str, stops: &StopWords, mut evidence: Option<&mut Evidence>) -> Raw {
    let mut r = Raw::default();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let end = match ascii_word(bytes, i, &mut r, stops, evidence.as_deref_mut()) {
            Ok(end) => end,
            Err(()) => {
                let end = memchr::memchr(b' ', &bytes[i..]).map_or(bytes.len(), |p| i + p);
                word(&text[i..end], &mut r, stops, evidence.as_deref_mut());
                end
            }
        };
        i = end + 1;
    }
    if let Some(e) = evidence {
        e.letters += r.counts.letters;
    }
    r
}

/// Count the word starting at `bytes[start]` and running to the next space or the end, and
/// return where it ends, if it is ASCII; `Err` (and nothing counted) at its first non-ASCII
/// byte. One pass over its bytes, one table lookup and one addition each (see [`PACKED`]);
/// what needs positions (the word's core) is found afterwards from its ends.
#[inline]
fn ascii_word(
    bytes: &[u8],
    start: usize,
    r: &mut Raw,
    stops: &StopWords,
    evidence: Option<&mut Evidence>,
) -> Result<usize, ()> {
    let mut sum = Packed::default();
    // Class bits seen in some byte, and in every byte.
    let (mut any, mut all) = (0u8, !0u8);
    let mut j = start;
    loop {
        // At most 0xffff bytes per flush: no field of the packed sum overflows.
        let stop = bytes.len().min(j + 0xffff);
        let mut acc = 0u64;
        while j < stop {
            let x = bytes[j];
            let k = CLASS[x as usize];
            if k & STOP != 0 {
                break;
            }
            acc += PACKED[x as usize];
            any |= k;
            all &= k;
            j += 1;
        }
        sum.add(acc);
        if j < stop || j == bytes.len() {
            break;
        }
    }
    if j < bytes.len() && bytes[j] != b' ' {
        return Err(());
    }
    let c = &mut r.counts;
    let b = &bytes[start..j];
    let Some((&b0, &bl)) = b.first().zip(b.last()) else {
        return Ok(j);
    };
    c.chars += b.len() as u32;
    if b.len() == 1 && matches!(b0, b'|' | b'/') {
        c.seps += 1;
        return Ok(j);
    }
    let eq_quote = any & (EQ | QUOTE) == EQ | QUOTE && b.windows(2).any(|w| w == b"=\"");
    let artefact = (b0 == b'[' && bl == b']') || b0 == b'<' || eq_quote;
    if artefact {
        c.brackets += 1;
    }
    let alnum = |x: &u8| CLASS[*x as usize] & ALNUM != 0;
    // Most words are letters and digits only: their core is the whole word.
    let whole = all & ALNUM != 0;
    let (first, last) = if whole {
        (0, b.len() - 1)
    } else {
        let (Some(first), Some(last)) = (b.iter().position(alnum), b.iter().rposition(alnum))
        else {
            c.seps += u32::from(all & SEP != 0);
            return Ok(j);
        };
        (first, last)
    };
    c.words += 1;
    c.letters += sum.letters;
    c.digits += sum.digits;
    c.puncts += sum.puncts;
    c.seps += sum.pipes;
    let k = CLASS[b[first] as usize];
    if k & ALPHA != 0 {
        c.alpha_words += 1;
        c.caps += u32::from((k & UPPER) >> 2);
    }
    let core = &b[first..=last];
    let bits = stops.ascii_bits(core);
    r.add_stops(bits);
    // A renderer artefact ("[INS:in:INS]", `<img alt="…">`) is markup, not the page's
    // language: w3m's `[INS:…:INS]` around every word of an ad once voted a page German.
    if let Some(e) = evidence.filter(|_| !artefact) {
        // A non-alphanumeric byte inside the core: it holds several tokens.
        if !whole && core.iter().any(|x| !alnum(x)) {
            for t in core.split(|x| !x.is_ascii_alphanumeric()) {
                if !t.is_empty() {
                    e.word(stops.ascii_bits(t));
                }
            }
        } else {
            e.word(bits);
        }
    }
    Ok(j)
}

/// Count one word with non-ASCII characters.
fn word(w: &str, r: &mut Raw, stops: &StopWords, evidence: Option<&mut Evidence>) {
    let c = &mut r.counts;
    let mut n = 0u32;
    let mut first_alpha: Option<char> = None;
    let mut cjk_run = 0u32;
    let mut other_letters = 0u32;
    let mut digits = 0u32;
    let (mut han, mut kana, mut arabic) = (0u32, 0u32, 0u32);
    // The word without leading and trailing non-alphanumeric characters.
    let (mut core_start, mut core_end) = (usize::MAX, 0);
    let (mut inner_gap, mut gap) = (false, false);
    for (at, ch) in w.char_indices() {
        n += 1;
        let alpha = lang::is_alpha(ch);
        if alpha {
            c.letters += 1;
            if first_alpha.is_none() {
                first_alpha = Some(ch);
            }
            let is_han = lang::is_han(ch);
            let is_kana = !is_han && lang::is_kana(ch);
            han += u32::from(is_han);
            kana += u32::from(is_kana);
            if is_han || is_kana || ('\u{ac00}'..='\u{d7af}').contains(&ch) {
                c.cjk += 1;
                cjk_run += 1;
                r.hiragana += u32::from(lang::is_hiragana(ch));
                r.zh_function += u32::from(lang::is_zh_function(ch));
            } else {
                other_letters += 1;
                arabic += u32::from(lang::is_arabic(ch));
            }
        }
        let num = !alpha && lang::is_num(ch);
        if alpha || num {
            if core_start == usize::MAX {
                core_start = at;
            } else {
                inner_gap |= gap;
            }
            gap = false;
            core_end = at + ch.len_utf8();
        } else {
            gap = true;
        }
        if alpha {
        } else if num {
            digits += 1;
        } else if matches!(
            ch,
            '.' | ','
                | ';'
                | ':'
                | '!'
                | '?'
                | '。'
                | '，'
                | '、'
                | '！'
                | '？'
                | '；'
                | '：'
                | '،'
                | '؛'
                | '؟'
        ) {
            c.puncts += 1;
        } else if matches!(ch, '|' | '·' | '•' | '»' | '›' | '◦' | '▪' | '¦') {
            c.seps += 1;
        }
    }
    c.chars += n;
    c.digits += digits;
    let core = (core_start < core_end).then(|| &w[core_start..core_end]);
    let mut core_bits = None;
    // A renderer artefact gives no language evidence (see `ascii_word`); the test runs only
    // when evidence is gathered.
    let artefact = |w: &str| {
        (w.starts_with('[') && w.ends_with(']')) || w.starts_with('<') || w.contains("=\"")
    };
    if let Some(e) = evidence.filter(|_| !artefact(w)) {
        e.han += han;
        e.kana += kana;
        e.arabic += arabic;
        if let Some(core) = core {
            if inner_gap {
                for t in core.split(|ch: char| !lang::is_alpha(ch) && !lang::is_num(ch)) {
                    if !t.is_empty() {
                        e.word(stops.bits(t));
                    }
                }
            } else {
                let bits = stops.bits(core);
                e.word(bits);
                core_bits = Some(bits);
            }
        }
    }
    // Numeric characters that are also letters (Roman numerals) have set `first_alpha`.
    if first_alpha.is_none() && digits == 0 {
        // A lone symbol: a separator or a dash, not a word.
        return;
    }
    if cjk_run > 0 {
        // By-char languages: words are estimated from characters; stop density is then
        // function characters over CJK characters.
        c.words += cjk_run.div_ceil(2) + u32::from(other_letters > 0);
    } else {
        c.words += 1;
    }
    if let Some(f) = first_alpha {
        if cjk_run == 0 {
            c.alpha_words += 1;
            if f.is_uppercase() {
                c.caps += 1;
            }
        }
        if let Some(core) = core {
            let bits = core_bits.unwrap_or_else(|| stops.bits(core));
            r.add_stops(bits);
        }
    }
}

/// Whether a line ends like a sentence.
pub(crate) fn ends_sentence(text: &str) -> bool {
    let t = text.trim_end_matches(['"', '\'', '”', '’', '»', ')', '」', '』']);
    t.ends_with(['.', '!', '?', '。', '！', '？', '…', ':', ';', '؟'])
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn counts_prose_and_menus() {
        let b = StopWords::get();
        let p = scan(
            "The cat sat on the mat, and it was happy.",
            Some(Lang::En),
            &b,
        );
        assert_eq!(p.words, 10);
        assert_eq!(p.stops, 6); // the, on, the, and, it, was
        assert_eq!(p.caps, 1);
        assert_eq!(p.puncts, 2);
        let m = scan("Home | News | Sport · Weather", Some(Lang::En), &b);
        assert_eq!(m.seps, 3);
        assert_eq!(m.words, 4);
        assert_eq!(m.stops, 0);
        assert!((m.cap_ratio() - 1.0).abs() < 1e-6);
        let d = scan("Über den Fluss", Some(Lang::De), &b);
        assert_eq!(d.stops, 2);
        let z = scan("我们今天在公园里看到了一个很大的花园", Some(Lang::Zh), &b);
        assert!(z.cjk > 10 && z.stops > 0);
        let a = scan("[IMG] <a href=\"x\"> ... || >> / 3rd", Some(Lang::En), &b);
        assert_eq!(a.brackets, 3);
        assert_eq!((a.words, a.digits, a.letters), (4, 1, 11)); // IMG, <a, href="x">, 3rd
        assert_eq!(a.seps, 3); // "||", ">>", "/"
        assert!(ends_sentence("He said “no.”"));
        assert!(!ends_sentence("Related stories"));
    }

    /// `scan` as it was before its fast paths (dechrome 8e42b1d), on std's character
    /// classes and a plain search of the stop lists: the fast `scan` must agree with it.
    fn scan_reference(text: &str, lang: Option<Lang>) -> Counts {
        let buf = &mut String::new();
        let mut c = Counts::default();
        let by_chars = lang.is_some_and(Lang::by_chars);
        for w in text.split(' ') {
            if w.is_empty() {
                continue;
            }
            let b = w.as_bytes();
            // Fast path: plain ASCII words.
            if w.is_ascii() {
                c.chars += b.len() as u32;
                if b.len() == 1 && matches!(b[0], b'|' | b'/') {
                    c.seps += 1;
                    continue;
                }
                if (b[0] == b'[' && b[b.len() - 1] == b']') || b[0] == b'<' || w.contains("=\"") {
                    c.brackets += 1;
                }
                if !b.iter().any(u8::is_ascii_alphanumeric) {
                    c.seps += u32::from(b.iter().all(|&x| x == b'|' || x == b'>'));
                    continue;
                }
                c.words += 1;
                let mut letters = 0u32;
                for &x in b {
                    if x.is_ascii_alphabetic() {
                        letters += 1;
                    } else if x.is_ascii_digit() {
                        c.digits += 1;
                    } else if matches!(x, b'.' | b',' | b';' | b':' | b'!' | b'?') {
                        c.puncts += 1;
                    } else if x == b'|' {
                        c.seps += 1;
                    }
                }
                c.letters += letters;
                let start = b.iter().position(|x| x.is_ascii_alphanumeric());
                if let Some(s) = start {
                    if b[s].is_ascii_alphabetic() {
                        c.alpha_words += 1;
                        if b[s].is_ascii_uppercase() {
                            c.caps += 1;
                        }
                    }
                    if let Some(l) = lang.filter(|l| !l.by_chars()) {
                        let end = b
                            .iter()
                            .rposition(|x| x.is_ascii_alphanumeric())
                            .unwrap_or(s);
                        let core = &w[s..=end];
                        if core.len() <= 12
                            && lang::tests::naive_bits(lower(core, buf)) & l.bit() != 0
                        {
                            c.stops += 1;
                        }
                    }
                }
                continue;
            }
            // General path.
            let mut n = 0u32;
            let mut first_alpha: Option<char> = None;
            let mut cjk_run = 0u32;
            let mut other_letters = 0u32;
            for ch in w.chars() {
                n += 1;
                if ch.is_alphabetic() {
                    c.letters += 1;
                    if first_alpha.is_none() {
                        first_alpha = Some(ch);
                    }
                    if lang::is_han(ch)
                        || lang::is_kana(ch)
                        || ('\u{ac00}'..='\u{d7af}').contains(&ch)
                    {
                        c.cjk += 1;
                        cjk_run += 1;
                        if by_chars {
                            let stop = match lang {
                                Some(Lang::Ja) => lang::is_hiragana(ch),
                                _ => lang::is_zh_function(ch),
                            };
                            if stop {
                                c.stops += 1;
                            }
                        }
                    } else {
                        other_letters += 1;
                    }
                } else if ch.is_numeric() {
                    c.digits += 1;
                } else if matches!(
                    ch,
                    '.' | ','
                        | ';'
                        | ':'
                        | '!'
                        | '?'
                        | '。'
                        | '，'
                        | '、'
                        | '！'
                        | '？'
                        | '；'
                        | '：'
                        | '،'
                        | '؛'
                        | '؟'
                ) {
                    c.puncts += 1;
                } else if matches!(ch, '|' | '·' | '•' | '»' | '›' | '◦' | '▪' | '¦') {
                    c.seps += 1;
                }
            }
            c.chars += n;
            if first_alpha.is_none() && !w.chars().any(char::is_numeric) {
                // A lone symbol: a separator or a dash, not a word.
                continue;
            }
            if cjk_run > 0 {
                // By-char languages: words are estimated from characters; stop density is then
                // function characters over CJK characters.
                c.words += cjk_run.div_ceil(2) + u32::from(other_letters > 0);
            } else {
                c.words += 1;
            }
            if let Some(f) = first_alpha {
                if cjk_run == 0 {
                    c.alpha_words += 1;
                    if f.is_uppercase() {
                        c.caps += 1;
                    }
                }
                if let Some(l) = lang.filter(|l| !l.by_chars()) {
                    let core = w.trim_matches(|ch: char| !ch.is_alphanumeric());
                    if !core.is_empty()
                        && core.len() <= 12
                        && lang::tests::naive_bits(lower(core, buf)) & l.bit() != 0
                    {
                        c.stops += 1;
                    }
                }
            }
        }
        if by_chars && c.cjk > 0 {
            // Stop density over characters: scale `stops` to the word estimate.
            let density = c.stops as f32 / c.cjk as f32;
            c.stops = (density * c.words as f32).round() as u32;
        }
        c
    }

    fn lower<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
        buf.clear();
        buf.extend(w.chars().flat_map(char::to_lowercase));
        buf
    }

    #[test]
    fn scan_agrees_with_reference() {
        let stops = StopWords::get();
        let langs = [
            None,
            Some(Lang::En),
            Some(Lang::De),
            Some(Lang::Ru),
            Some(Lang::Zh),
        ];
        let mut lines = lang::tests::mixed_lines(4000, 7);
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/text");
        for e in std::fs::read_dir(dir).unwrap() {
            let text = std::fs::read_to_string(e.unwrap().path()).unwrap();
            lines.extend(text.lines().map(|l| crate::normalize_space(l).into_owned()));
        }
        for (i, line) in lines.iter().enumerate() {
            let lang = langs[i % langs.len()];
            let got = scan(line, lang, &stops);
            let want = scan_reference(line, lang);
            assert_eq!(format!("{got:?}"), format!("{want:?}"), "{line:?} {lang:?}");
        }
    }
}
