//! Features of a block of page text, computed in one pass over its words.

use super::lang::{self, Lang};

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

/// Scan one block's text.
pub(crate) fn scan(text: &str, lang: Option<Lang>, buf: &mut String) -> Counts {
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
                    if core.len() <= lang::max_len() && lang::is_stop(l, lang::lower(core, buf)) {
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
                if lang::is_han(ch) || lang::is_kana(ch) || ('\u{ac00}'..='\u{d7af}').contains(&ch)
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
                    && core.len() <= lang::max_len()
                    && lang::is_stop(l, lang::lower(core, buf))
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
        let mut b = String::new();
        let p = scan(
            "The cat sat on the mat, and it was happy.",
            Some(Lang::En),
            &mut b,
        );
        assert_eq!(p.words, 10);
        assert_eq!(p.stops, 6); // the, on, the, and, it, was
        assert_eq!(p.caps, 1);
        assert_eq!(p.puncts, 2);
        let m = scan("Home | News | Sport · Weather", Some(Lang::En), &mut b);
        assert_eq!(m.seps, 3);
        assert_eq!(m.words, 4);
        assert_eq!(m.stops, 0);
        assert!((m.cap_ratio() - 1.0).abs() < 1e-6);
        let d = scan("Über den Fluss", Some(Lang::De), &mut b);
        assert_eq!(d.stops, 2);
        let z = scan(
            "我们今天在公园里看到了一个很大的花园",
            Some(Lang::Zh),
            &mut b,
        );
        assert!(z.cjk > 10 && z.stops > 0);
        assert!(ends_sentence("He said “no.”"));
        assert!(!ends_sentence("Related stories"));
    }
}
