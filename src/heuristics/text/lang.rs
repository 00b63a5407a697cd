//! Page language and stop words.
//!
//! Stop-word density is the strongest text-only signal of running prose (jusText): menus,
//! headlines and link rows are mostly content words, sentences are a third function words.
//! Languages written without spaces are measured by characters instead: Japanese by its
//! hiragana (particles and inflections), Chinese by its most frequent function characters.

use std::sync::{LazyLock, OnceLock};

use rustc_hash::FxHashMap;

use super::features::Raw;

/// A language the classifier knows.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub(crate) enum Lang {
    En,
    De,
    Fr,
    Es,
    It,
    Pt,
    Nl,
    Ru,
    Ar,
    Zh,
    Ja,
}

impl Lang {
    pub(crate) const WORDS: [Lang; 9] = [
        Lang::En,
        Lang::De,
        Lang::Fr,
        Lang::Es,
        Lang::It,
        Lang::Pt,
        Lang::Nl,
        Lang::Ru,
        Lang::Ar,
    ];

    /// ISO 639-1 code.
    pub(crate) fn code(self) -> &'static str {
        match self {
            Lang::En => "en",
            Lang::De => "de",
            Lang::Fr => "fr",
            Lang::Es => "es",
            Lang::It => "it",
            Lang::Pt => "pt",
            Lang::Nl => "nl",
            Lang::Ru => "ru",
            Lang::Ar => "ar",
            Lang::Zh => "zh",
            Lang::Ja => "ja",
        }
    }

    pub(crate) fn bit(self) -> u16 {
        1 << (self as u16)
    }

    /// Whether words are measured by characters (no spaces between words).
    pub(crate) fn by_chars(self) -> bool {
        matches!(self, Lang::Zh | Lang::Ja)
    }
}

const EN: &str = "a about above after again against all also am an and any are as at be because been before being below between both but by can could did do does doing down during each few for from further had has have having he her here hers herself him himself his how i if in into is it its itself just me more most my myself no nor not now of off on once only or other our ours out over own said same she should so some such than that the their theirs them themselves then there these they this those through to too under until up very was we were what when where which while who whom why will with would you your yours";
const DE: &str = "aber alle allem allen aller alles als also am an ander andere anderen auch auf aus bei beim bin bis bist da damit dann das dass daß dem den denn der des dich die dies diese diesem diesen dieser dieses dir doch dort du durch ein eine einem einen einer eines er es etwas euch für gegen gewesen hab habe haben hat hatte hatten hier hin hinter ich ihm ihn ihnen ihr ihre ihrem ihren ihrer im in indem ins ist jede jedem jeden jeder jedes jetzt kann kein keine können könnte man manche mehr mein meine mich mir mit muss musste nach nicht nichts noch nun nur ob oder ohne sehr sein seine seinem seinen seiner seit sich sie sind so solche soll sollte sondern sonst über um und uns unser unter viel vom von vor war waren warum was weil welche wenn werde werden wie wieder will wir wird wurde wurden zu zum zur zwar zwischen";
const FR: &str = "à au aux avec ce ces cette celle celui comme contre dans de des du elle elles en entre est et été être eu il ils je la le les leur leurs lui mais me même mes moi mon ne nos notre nous on ont ou où par pas plus pour qu que qui sa sans se ses si son sont sous sur ta te tes toi ton tous tout toute tu un une vos votre vous y était avait ainsi alors aussi avoir bien cela dont fait faire peut sera sont très déjà encore depuis après avant selon";
const ES: &str = "a al algo algunos ante antes como con contra cual cuando de del desde donde durante e el ella ellas ellos en entre era es esa esas ese eso esos esta estaba estas este esto estos fue fueron ha había han hasta hay la las le les lo los más me mi mis mucho muy nada ni no nos o otra otras otro otros para pero poco por porque que quien se ser si sido sin sobre son su sus también tanto te tiene todo todos tu un una uno unos y ya está están según sólo solo cada";
const IT: &str = "a ad al alla alle allo agli ai anche avere c che chi ci come con contro cui da dal dalla dalle dei del della delle dello degli di dove e è ed era erano essere gli ha hanno i il in io la le lei lo loro lui ma mi molto ne nei nel nella nelle non noi o per più perché poi quale quando quella quelle quello questa queste questo se sei si sia sono su sua sue suo suoi sul sulla tra tu tutti tutto un una uno vi viene stato stata fa essere anche ancora dopo";
const PT: &str = "a ao aos as até com como da das de dela dele deles depois do dos e é ela elas ele eles em entre era essa esse esta está estão este eu foi foram há isso isto já la lhe mais mas me mesmo meu minha muito na nas não nem no nos nós o os ou para pela pelas pelo pelos por qual quando que quem se sem ser seu seus sua suas também te tem ter um uma umas uns você vai ainda sobre segundo pode são";
const NL: &str = "aan al alles als altijd ben bij daar dan dat de der deze die dit doch doen door dus een eens en er ge geen geweest haar had heb hebben heeft hem het hier hij hoe hun iemand iets ik in is ja je kan kon kunnen maar me meer men met mij mijn moet na naar niet niets nog nu of om omdat onder ons ook op over reeds te tegen toch toen tot u uit uw van veel voor want waren was wat werd wezen wie wil worden wordt zal ze zelf zich zij zijn zo zonder zou";
const RU: &str = "а без более бы был была были было быть в вам вас весь во вот все всего всех вы где да даже для до его ее её если есть еще ещё же за здесь и из или им их к как когда кто ли либо между меня мне может мы на над надо не него нее неё нет ни них но ну о об однако он она они оно от очень по под после при с со так также такой там те тем то того тоже той только том ты у уже хотя чего чей чем что чтобы чье чья эта эти это я";
const AR: &str = "في من على إلى أن عن مع هذا هذه التي الذي الذين كان كانت لا ما لم لن هو هي هم و أو ثم قد كل بعد قبل حتى إذا إن أنه أنها بين عند منذ ذلك تلك غير أي لقد وقد كما فيها فيه منها عليه عليها به بها له لها وفي ومن وعلى وأن أيضا حيث";

/// Function characters of Chinese prose (a rough stop list by character).
const ZH_CHARS: &str =
    "的了是在和有我他这中不人们一个上也为就说到要以与而及或其之被把对从将于但所已都很更还";

static ZH_SORTED: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = ZH_CHARS.chars().collect();
    v.sort_unstable();
    v.dedup();
    v
});

struct Tables {
    /// Word (see [`key`]) → bit set of languages it is a stop word of.
    words: FxHashMap<u128, u16>,
    /// Longest stop word, in bytes.
    max_len: usize,
    /// A bit per [`Tables::sketch`] of the ASCII stop words.
    sketch: [u64; (1 << SKETCH_BITS) / 64],
}

/// Size of the sketch of ASCII stop words, in bits (log 2): 2 KiB.
const SKETCH_BITS: u32 = 14;

/// Room for a word in a [`key`]: 15 bytes, the last byte holds the length.
const KEY_ROOM: usize = 15;

/// A word of at most [`KEY_ROOM`] bytes packed with its length into one integer: a hash key
/// that needs no allocation and compares in one instruction.
#[inline]
fn key(bytes: &[u8; 16], len: usize) -> u128 {
    let mut a = *bytes;
    a[15] = len as u8;
    u128::from_le_bytes(a)
}

pub(super) fn force_tables() {
    LazyLock::force(&TABLES);
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut words: FxHashMap<u128, u16> = FxHashMap::default();
    let mut max_len = 0;
    let mut sketch = [0u64; (1 << SKETCH_BITS) / 64];
    for (lang, list) in [
        (Lang::En, EN),
        (Lang::De, DE),
        (Lang::Fr, FR),
        (Lang::Es, ES),
        (Lang::It, IT),
        (Lang::Pt, PT),
        (Lang::Nl, NL),
        (Lang::Ru, RU),
        (Lang::Ar, AR),
    ] {
        for w in list.split(' ') {
            assert!(w.len() <= KEY_ROOM, "stop word {w:?} is too long for a key");
            let mut a = [0u8; 16];
            a[..w.len()].copy_from_slice(w.as_bytes());
            *words.entry(key(&a, w.len())).or_insert(0) |= lang.bit();
            max_len = max_len.max(w.len());
            if w.is_ascii() {
                let i = Tables::sketch(w.as_bytes());
                sketch[i / 64] |= 1 << (i % 64);
            }
        }
    }
    Tables {
        words,
        max_len,
        sketch,
    }
});

impl Tables {
    /// Stop-word bits of an ASCII word of at most `max_len` bytes, any case.
    #[inline]
    fn ascii_bits(&self, w: &[u8]) -> u16 {
        if !self.may_hold(w) {
            return 0;
        }
        self.words.get(&Self::ascii_key(w)).copied().unwrap_or(0)
    }

    /// Whether a stop word may be `w` (ASCII, any case), by a bit per length, first and last
    /// letter: most other words are told apart without building a key and probing the map.
    #[inline]
    fn may_hold(&self, w: &[u8]) -> bool {
        let i = Self::sketch(w);
        self.sketch[i / 64] >> (i % 64) & 1 != 0
    }

    /// The [`Tables::sketch`] bit of an ASCII word: its length, first and last byte, in any
    /// case.
    #[inline]
    fn sketch(w: &[u8]) -> usize {
        let (Some(&f), Some(&l)) = (w.first(), w.last()) else {
            return 0;
        };
        let h = (w.len() as u32) << 16
            | u32::from(f.to_ascii_lowercase()) << 8
            | u32::from(l.to_ascii_lowercase());
        (h.wrapping_mul(0x9e37_79b1) >> (32 - SKETCH_BITS)) as usize
    }

    /// The [`key`] of an ASCII word of at most [`KEY_ROOM`] bytes, lowercased.
    #[inline]
    fn ascii_key(w: &[u8]) -> u128 {
        debug_assert!(w.len() <= KEY_ROOM && w.is_ascii());
        // The word's bytes, little-endian, from two overlapping loads.
        let n = w.len();
        let v: u128 = if n >= 8 {
            let lo = u64::from_le_bytes(w[..8].try_into().expect("8 bytes"));
            let hi = u64::from_le_bytes(w[n - 8..].try_into().expect("8 bytes"));
            u128::from(lo) | (u128::from(hi) << ((n - 8) * 8))
        } else if n >= 4 {
            let lo = u32::from_le_bytes(w[..4].try_into().expect("4 bytes"));
            let hi = u32::from_le_bytes(w[n - 4..].try_into().expect("4 bytes"));
            u128::from(lo) | (u128::from(hi) << ((n - 4) * 8))
        } else {
            w.iter()
                .rev()
                .fold(0u128, |acc, &b| (acc << 8) | u128::from(b))
        };
        // ASCII lowercase of every byte at once: set bit 5 of the bytes in `A..=Z`.
        const EACH: u128 = u128::MAX / 255;
        let ge_a = v + EACH * (0x80 - 0x41);
        let gt_z = v + EACH * (0x80 - 0x5b);
        let upper = ge_a & !gt_z & (EACH * 0x80);
        let lower = v | (upper >> 2);
        lower | ((n as u128) << 120)
    }

    /// Stop-word bits of a word of at most `max_len` bytes, any case, any script: the word
    /// is lowercased on the fly into a fixed buffer.
    #[inline]
    fn bits(&self, w: &str) -> u16 {
        debug_assert!(w.len() <= self.max_len);
        if w.is_ascii() {
            return self.ascii_bits(w.as_bytes());
        }
        let mut a = [0u8; 16];
        let mut n = 0;
        for c in w.chars() {
            if !c.is_ascii() && !may_be_in_stop_word(c) {
                return 0;
            }
            for l in c.to_lowercase() {
                let m = l.len_utf8();
                if n + m > KEY_ROOM {
                    return 0;
                }
                l.encode_utf8(&mut a[n..n + m]);
                n += m;
            }
        }
        self.words.get(&key(&a, n)).copied().unwrap_or(0)
    }
}

/// The stop-word tables, built on first use.
pub(crate) struct StopWords(&'static Tables);

impl StopWords {
    /// The tables (cheap: fetch once per page, not per word).
    #[inline]
    pub(crate) fn get() -> StopWords {
        StopWords(&TABLES)
    }

    /// Longest stop word, in bytes: longer words need not be lowercased and looked up.
    #[cfg(test)]
    pub(crate) fn max_len(&self) -> usize {
        self.0.max_len
    }

    /// Bit set of the languages `word` (any case) is a stop word of.
    #[inline]
    pub(crate) fn bits(&self, word: &str) -> u16 {
        if word.len() > self.0.max_len {
            return 0;
        }
        self.0.bits(word)
    }

    /// [`Self::bits`] of an ASCII word.
    #[inline]
    pub(crate) fn ascii_bits(&self, word: &[u8]) -> u16 {
        if word.len() > self.0.max_len {
            return 0;
        }
        self.0.ascii_bits(word)
    }

    /// Whether `lang` has `word` (any case) among its stop words.
    #[cfg(test)]
    pub(crate) fn is_stop(&self, lang: Lang, word: &str) -> bool {
        self.bits(word) & lang.bit() != 0
    }

    /// [`Self::is_stop`] of an ASCII word.
    #[cfg(test)]
    pub(crate) fn is_ascii_stop(&self, lang: Lang, word: &[u8]) -> bool {
        self.ascii_bits(word) & lang.bit() != 0
    }
}

/// `char::is_alphabetic`, `char::is_numeric` and [`is_zh_function`] of the 256 code points
/// of one block of the Basic Multilingual Plane.
struct CharBlock {
    alpha: [u64; 4],
    num: [u64; 4],
    zh: [u64; 4],
    /// Characters whose lowercase is made of characters of the stop lists.
    stop: [u64; 4],
}

/// Per block of 256 code points, built on first use from std's own answers: std answers
/// each non-ASCII query with a binary search over its tables, and a page's text mostly
/// stays within a few blocks of one script.
static CHAR_BLOCKS: [OnceLock<CharBlock>; 256] = [const { OnceLock::new() }; 256];

#[inline]
fn char_block(u: u32) -> &'static CharBlock {
    CHAR_BLOCKS[(u >> 8) as usize & 0xff].get_or_init(|| {
        let mut b = CharBlock {
            alpha: [0; 4],
            num: [0; 4],
            zh: [0; 4],
            stop: [0; 4],
        };
        let base = u & !0xff;
        for i in 0..256u32 {
            if let Some(c) = char::from_u32(base + i) {
                let (w, bit) = ((i >> 6) as usize, 1u64 << (i & 63));
                if c.is_alphabetic() {
                    b.alpha[w] |= bit;
                }
                if c.is_numeric() {
                    b.num[w] |= bit;
                }
                if ('\u{4e00}'..='\u{9fff}').contains(&c) && ZH_SORTED.binary_search(&c).is_ok() {
                    b.zh[w] |= bit;
                }
                if c.to_lowercase()
                    .all(|l| STOP_CHARS.binary_search(&l).is_ok())
                {
                    b.stop[w] |= bit;
                }
            }
        }
        b
    })
}

/// The characters of the stop lists, sorted.
static STOP_CHARS: LazyLock<Vec<char>> = LazyLock::new(|| {
    let mut v: Vec<char> = [EN, DE, FR, ES, IT, PT, NL, RU, AR]
        .iter()
        .flat_map(|l| l.chars())
        .filter(|&c| c != ' ')
        .collect();
    v.sort_unstable();
    v.dedup();
    v
});

/// Whether a stop word may hold `c` (any case), for a non-ASCII `c`: a word with any other
/// character need not be lowercased and looked up.
#[inline]
fn may_be_in_stop_word(c: char) -> bool {
    let u = c as u32;
    if u < 0x1_0000 {
        let i = u & 0xff;
        char_block(u).stop[(i >> 6) as usize] >> (i & 63) & 1 != 0
    } else {
        c.to_lowercase()
            .all(|l| STOP_CHARS.binary_search(&l).is_ok())
    }
}

/// `c.is_alphabetic()`, fast.
#[inline]
pub(crate) fn is_alpha(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_alphabetic()
    } else if u < 0x1_0000 {
        let i = u & 0xff;
        char_block(u).alpha[(i >> 6) as usize] >> (i & 63) & 1 != 0
    } else {
        c.is_alphabetic()
    }
}

/// `c.is_numeric()`, fast.
#[inline]
pub(crate) fn is_num(c: char) -> bool {
    let u = c as u32;
    if u < 0x80 {
        c.is_ascii_digit()
    } else if u < 0x1_0000 {
        let i = u & 0xff;
        char_block(u).num[(i >> 6) as usize] >> (i & 63) & 1 != 0
    } else {
        c.is_numeric()
    }
}

/// Whether `c` is one of the Chinese function characters.
#[inline]
pub(crate) fn is_zh_function(c: char) -> bool {
    let u = c as u32;
    if (0x4e00..=0x9fff).contains(&u) {
        let i = u & 0xff;
        char_block(u).zh[(i >> 6) as usize] >> (i & 63) & 1 != 0
    } else {
        false
    }
}

#[inline]
pub(crate) fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[inline]
pub(crate) fn is_kana(c: char) -> bool {
    ('\u{3040}'..='\u{30ff}').contains(&c)
}

#[inline]
pub(crate) fn is_hiragana(c: char) -> bool {
    ('\u{3041}'..='\u{309f}').contains(&c)
}

#[inline]
pub(crate) fn is_arabic(c: char) -> bool {
    ('\u{0600}'..='\u{06ff}').contains(&c)
}

/// Language evidence gathered over lines: stop-word votes per language, letters, and the
/// letters of the scripts that decide alone. Filled by
/// [`scan_raw`](super::features::scan_raw).
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Evidence {
    votes: [u32; 11],
    pub(crate) han: u32,
    pub(crate) kana: u32,
    pub(crate) arabic: u32,
    pub(crate) letters: u32,
    seen_words: u32,
    sampled: usize,
}

impl Evidence {
    /// A word (a run of alphanumeric characters) with its stop-word bits.
    #[inline]
    pub(crate) fn word(&mut self, bits: u16) {
        self.seen_words += 1;
        let mut m = bits;
        while m != 0 {
            self.votes[m.trailing_zeros() as usize] += 1;
            m &= m - 1;
        }
    }

    /// Whether enough has been sampled: no further line need be scanned for evidence.
    #[inline]
    pub(crate) fn full(&self) -> bool {
        self.seen_words > 3_000 || self.sampled > 32 * 1024
    }

    /// Add the evidence of other lines (gathered on its own, see [`Evidence::word`]): every
    /// field is a sum, so adding lines one by one or through a partial sum is the same.
    #[inline]
    pub(crate) fn absorb(&mut self, o: &Evidence) {
        for (v, w) in self.votes.iter_mut().zip(&o.votes) {
            *v += w;
        }
        self.han += o.han;
        self.kana += o.kana;
        self.arabic += o.arabic;
        self.letters += o.letters;
        self.seen_words += o.seen_words;
        self.sampled += o.sampled;
    }

    /// Count a scanned line of `len` bytes towards the sample.
    #[inline]
    pub(crate) fn sampled(&mut self, len: usize) {
        self.sampled += len;
    }

    /// The language, or `None` when no language has enough evidence; the classifier then
    /// falls back to punctuation and length.
    pub(crate) fn decide(&self) -> Option<Lang> {
        let &Evidence {
            votes,
            han,
            kana,
            arabic,
            letters,
            ..
        } = self;
        if letters == 0 {
            return None;
        }
        if kana * 20 > letters {
            return Some(Lang::Ja);
        }
        if han * 3 > letters {
            return Some(Lang::Zh);
        }
        if arabic * 3 > letters {
            return Some(Lang::Ar);
        }
        let (best, &n) = votes.iter().enumerate().max_by_key(|&(_, v)| *v)?;
        (n >= 5 && covers(n, self.seen_words)).then(|| Lang::WORDS[best])
    }
}

/// On a sample of at least this many words, the best language's stop words must make at
/// least `SHARE_PERCENT` of them. Running text holds 20–50% stop words of its language; a
/// page in a language the lists do not cover (Czech) shares a few short words with several
/// of them ("a", "i", "se", "je") and would take whichever it shares most: 6.6% of the
/// words of a Czech news page voted Portuguese. A smaller sample keeps its best guess.
const SHARE_SAMPLE: u32 = 1_000;
const SHARE_PERCENT: u32 = 8;

/// Whether `votes` stop words among `seen` words are enough for a language (see
/// [`SHARE_SAMPLE`]).
fn covers(votes: u32, seen: u32) -> bool {
    seen < SHARE_SAMPLE || u64::from(votes) * 100 >= u64::from(seen) * u64::from(SHARE_PERCENT)
}

/// Detect the page language from (a sample of) its lines: the first lines up to some 3,000
/// words or 32 KiB. `None` when no language has enough evidence.
#[cfg(test)]
pub(crate) fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> Option<Lang> {
    detect_scanning(lines.map(|l| ((), l)), |(), _| {})
}

/// [`detect`] over keyed lines, handing each line it reads to `scanned` with its key and its
/// scan (the lines after the evidence is full are not read).
pub(crate) fn detect_scanning<'a, K>(
    lines: impl Iterator<Item = (K, &'a str)>,
    mut scanned: impl FnMut(K, Raw),
) -> Option<Lang> {
    let stops = StopWords::get();
    let mut e = Evidence::default();
    for (key, line) in lines {
        scanned(key, super::features::scan_raw(line, &stops, Some(&mut e)));
        e.sampled(line.len());
        if e.full() {
            break;
        }
    }
    e.decide()
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    #[test]
    fn detects_languages() {
        let cases = [
            (
                "The cat sat on the mat and it was happy with the world that it had.",
                Lang::En,
            ),
            (
                "Der Hund ist mit dem Ball in den Garten gelaufen, und er war nicht müde.",
                Lang::De,
            ),
            (
                "Le chat est sur la table et il ne veut pas partir avec les enfants.",
                Lang::Fr,
            ),
            (
                "El perro está en la casa y no quiere salir con los niños para el parque.",
                Lang::Es,
            ),
            (
                "Il gatto è sulla tavola e non vuole andare con i bambini per la strada.",
                Lang::It,
            ),
            (
                "O gato está na mesa e não quer sair com as crianças para a rua do bairro.",
                Lang::Pt,
            ),
            (
                "De kat zit op de tafel en hij wil niet met de kinderen naar het park.",
                Lang::Nl,
            ),
            (
                "Кошка сидит на столе и не хочет уходить, потому что она это любит.",
                Lang::Ru,
            ),
            (
                "ذهب الولد إلى المدرسة في الصباح مع أخيه الذي كان سعيدا بذلك.",
                Lang::Ar,
            ),
            (
                "我们今天在公园里看到了一个很大的花园，这是我们第一次来到这里。",
                Lang::Zh,
            ),
            (
                "私は昨日、友達と一緒に公園へ行きました。とても楽しかったです。",
                Lang::Ja,
            ),
        ];
        for (text, want) in cases {
            let text = format!("{text} {text}");
            assert_eq!(detect(std::iter::once(text.as_str())), Some(want), "{text}");
        }
        assert_eq!(detect(std::iter::once("12345 67890")), None);
        assert_eq!(detect(std::iter::empty()), None);
    }

    /// A page in a language the lists do not cover is no language, once the sample is
    /// large enough to tell: Czech shares "a", "i", "se", "je" with the Romance lists.
    #[test]
    fn an_uncovered_language_is_none() {
        // A Czech news page: its menu, then the story.
        let cz = "Domácí Zahraničí Sport Ekonomika Kultura Magazín Žena Názory Počasí \
                  Fotbalisté West Hamu vyhráli v neděli čtyři jedna. Trenér Moyes chválí \
                  tým, který hraje výborně celou sezonu. Souček vstřelil gól hlavou \
                  po rohovém kopu. Kladiváři jsou čtvrtí, stejně bodů mají jako Liverpool. \
                  Hráči věří, že mohou bojovat o Ligu mistrů a hrát se soupeři z Evropy.";
        let words = cz.split_whitespace().count();
        let lines: Vec<&str> = std::iter::repeat_n(cz, 1_200 / words + 1).collect();
        assert_eq!(detect(lines.iter().copied()), None);
        // A short sample keeps its best guess; a long one needs the share.
        assert!(covers(20, SHARE_SAMPLE - 1));
        assert!(!covers(79, SHARE_SAMPLE));
        assert!(covers(80, SHARE_SAMPLE));
        // Covered languages stay far above the share on long samples.
        let en = "The cat sat on the mat and it was happy with the world that it had.";
        assert_eq!(detect(std::iter::repeat_n(en, 100)), Some(Lang::En));
    }

    /// Renderer artefacts are markup, not language: w3m writes an `<ins>` as
    /// `[INS:word:INS]`, and "ins" is a German stop word, so a page of ads in `<ins>` once
    /// read as German and lost its English prose.
    #[test]
    fn renderer_artefacts_give_no_language_evidence() {
        let ad = "[INS:Find:INS] [INS:out:INS] [INS:why:INS] [INS:more:INS] [INS:than:INS] \
                  [INS:20:INS] [INS:million:INS] [INS:people:INS] [INS:can\u{2019}t:INS] [INS:stop:INS]";
        let prose = "The cat sat on the mat and it was happy with the world that it had.";
        let lines: Vec<&str> = std::iter::repeat_n(ad, 12).chain([prose]).collect();
        assert_eq!(detect(lines.iter().copied()), Some(Lang::En));
        assert_eq!(detect(std::iter::repeat_n(ad, 12)), None);
    }

    #[test]
    fn stop_words() {
        let s = StopWords::get();
        assert!(s.is_stop(Lang::En, "the"));
        assert!(s.is_stop(Lang::En, "The"));
        assert!(s.is_ascii_stop(Lang::En, b"THE"));
        assert!(!s.is_stop(Lang::En, "cat"));
        assert!(!s.is_stop(Lang::En, "th"));
        assert!(!s.is_stop(Lang::En, "thee"));
        assert!(s.is_stop(Lang::De, "über"));
        assert!(s.is_stop(Lang::De, "ÜBER"));
        assert!(s.is_stop(Lang::Ru, "Однако"));
        // Characters outside the lists' alphabets whose lowercase is in them.
        assert!(s.is_stop(Lang::De, "DAẞ"));
        assert!(s.is_stop(Lang::De, "\u{212a}ANN"));
        assert_eq!(s.bits("的了"), 0);
        assert!(s.is_stop(Lang::En, "themselves"));
        assert!(!s.is_stop(Lang::En, "themselvesx"));
        // Lowercasing may lengthen a word past the key: no match, no panic.
        assert!(!s.is_stop(Lang::En, "İİİİİİ"));
        assert_eq!(s.bits("a") & Lang::En.bit(), Lang::En.bit());
        assert_eq!(s.bits("a") & Lang::Ru.bit(), 0);
    }

    /// Bits of the lists that hold `w` as it is, by a plain search.
    pub(crate) fn naive_bits(w: &str) -> u16 {
        let lists = [EN, DE, FR, ES, IT, PT, NL, RU, AR];
        let mut bits = 0;
        for (l, list) in Lang::WORDS.iter().zip(lists) {
            if list.split(' ').any(|x| x == w) {
                bits |= l.bit();
            }
        }
        bits
    }

    /// The lookup agrees with the lists lowercased by std, for every word of every list in
    /// several casings, and for words that are not in any list.
    #[test]
    fn stop_lookup_agrees_with_the_lists() {
        let s = StopWords::get();
        let lists = [EN, DE, FR, ES, IT, PT, NL, RU, AR];
        let naive = |w: &str| -> u16 {
            let lw: String = w.chars().flat_map(char::to_lowercase).collect();
            let mut bits = 0;
            for (l, list) in Lang::WORDS.iter().zip(lists) {
                if list.split(' ').any(|x| x == lw) {
                    bits |= l.bit();
                }
            }
            bits
        };
        for list in lists {
            for w in list.split(' ') {
                let mut cap = w.chars();
                let cap: String = cap
                    .next()
                    .into_iter()
                    .flat_map(char::to_uppercase)
                    .chain(cap)
                    .collect();
                for v in [
                    w.to_string(),
                    w.to_uppercase(),
                    cap,
                    format!("{w}s"),
                    format!("x{w}"),
                ] {
                    if v.len() <= s.max_len() {
                        assert_eq!(s.bits(&v), naive(&v), "{v}");
                        if v.is_ascii() {
                            assert_eq!(s.ascii_bits(v.as_bytes()), naive(&v), "{v}");
                        }
                    } else {
                        assert_eq!(s.bits(&v), 0, "{v}");
                    }
                }
            }
        }
    }

    #[test]
    fn ascii_keys_are_keys_of_the_lowercase_word() {
        let alphabet = b"@AZ[`az{0\x7f";
        let mut w = Vec::new();
        for len in 0..=KEY_ROOM {
            for seed in 0..400usize {
                w.clear();
                let mut x = seed.wrapping_mul(2_654_435_761) ^ len;
                for _ in 0..len {
                    w.push(alphabet[x % alphabet.len()]);
                    x = x / alphabet.len() + seed;
                }
                let mut a = [0u8; 16];
                a[..len].copy_from_slice(&w.to_ascii_lowercase());
                assert_eq!(Tables::ascii_key(&w), key(&a, len), "{w:?}");
            }
        }
    }

    /// The cached character classes give std's answers, for every code point.
    #[test]
    fn char_classes_agree_with_std() {
        for u in 0..=0x10_ffffu32 {
            // Past the Basic Multilingual Plane std answers directly; sample it.
            if u > 0x1_0000 && u % 97 != 0 {
                continue;
            }
            if let Some(c) = char::from_u32(u) {
                assert_eq!(is_alpha(c), c.is_alphabetic(), "{u:x}");
                assert_eq!(is_num(c), c.is_numeric(), "{u:x}");
                assert_eq!(is_zh_function(c), ZH_CHARS.contains(c), "{u:x}");
            }
        }
    }

    /// The straightforward definition `detect` must agree with: words split at every
    /// non-alphanumeric character, lowercased by std, looked up in the lists; what lies
    /// inside a renderer artefact (a space-separated word in brackets, a tag, an attribute)
    /// counts only as letters.
    fn detect_reference<'a>(lines: impl Iterator<Item = &'a str>) -> Option<Lang> {
        let lists = [EN, DE, FR, ES, IT, PT, NL, RU, AR];
        let max = lists
            .iter()
            .flat_map(|l| l.split(' '))
            .map(str::len)
            .max()
            .unwrap();
        let mut votes = [0u32; 11];
        let (mut han, mut kana, mut arabic, mut letters) = (0u32, 0u32, 0u32, 0u32);
        let (mut seen_words, mut sampled) = (0u32, 0usize);
        // Renderer artefacts (a space-separated word in brackets, a tag, an attribute) give
        // no evidence but their letters.
        let artefact = |w: &str| {
            (w.starts_with('[') && w.ends_with(']')) || w.starts_with('<') || w.contains("=\"")
        };
        for line in lines {
            letters += line.chars().filter(|c| c.is_alphabetic()).count() as u32;
            let text: Vec<&str> = line.split(' ').filter(|w| !artefact(w)).collect();
            for c in text.iter().flat_map(|w| w.chars()) {
                if !c.is_alphabetic() {
                } else if is_han(c) {
                    han += 1;
                } else if is_kana(c) {
                    kana += 1;
                } else if is_arabic(c) {
                    arabic += 1;
                }
            }
            for w in text
                .iter()
                .flat_map(|w| w.split(|c: char| !c.is_alphanumeric()))
            {
                if w.is_empty() {
                    continue;
                }
                seen_words += 1;
                if w.len() > max {
                    continue;
                }
                let lw: String = w.chars().flat_map(char::to_lowercase).collect();
                for (i, list) in lists.iter().enumerate() {
                    if list.split(' ').any(|x| x == lw) {
                        votes[i] += 1;
                    }
                }
            }
            sampled += line.len();
            if seen_words > 3_000 || sampled > 32 * 1024 {
                break;
            }
        }
        if letters == 0 {
            return None;
        }
        if kana * 20 > letters {
            return Some(Lang::Ja);
        }
        if han * 3 > letters {
            return Some(Lang::Zh);
        }
        if arabic * 3 > letters {
            return Some(Lang::Ar);
        }
        let (best, &n) = votes.iter().enumerate().max_by_key(|&(_, v)| *v)?;
        (n >= 5 && (seen_words < 1_000 || n as f64 >= 0.08 * seen_words as f64))
            .then(|| Lang::WORDS[best])
    }

    /// Mixed-script lines built from stop words, other words, digits, punctuation and
    /// spaces of several kinds, deterministic.
    pub(crate) fn mixed_lines(n: usize, seed: u64) -> Vec<String> {
        let pieces = [
            "the",
            "The",
            "AND",
            "über",
            "ÜBER",
            "однако",
            "Однако",
            "في",
            "的",
            "了",
            "です",
            "の",
            "cat",
            "Ελλάδα",
            "naïve",
            "déjà",
            "SEÑOR",
            "e",
            "è",
            "É",
            "İstanbul",
            "ǅemal",
            "Ⅻ",
            "²",
            "٣",
            "42",
            "3.5",
            "x1",
            "|",
            "·",
            "»",
            "[IMG]",
            "<a",
            "href=\"x\"",
            "—",
            "-",
            ",",
            ".",
            "!",
            "?",
            "。",
            "，",
            "'",
            "don't",
            "l'homme",
            "\u{a0}",
            "\u{2009}",
            "\u{3000}",
            "  ",
            "   ",
            "\t",
            "😀",
            "𝐀𝐁",
            "𐐀",
            "한국어",
            "ß",
            "ẞ",
            "ﬁ",
            "Σ",
            "ς",
            "\u{feff}",
        ];
        let mut x = seed;
        let mut next = move || {
            x ^= x << 13;
            x ^= x >> 7;
            x ^= x << 17;
            x
        };
        (0..n)
            .map(|_| {
                let len = (next() % 24) as usize;
                let mut s = String::new();
                for _ in 0..len {
                    let p = pieces[(next() % pieces.len() as u64) as usize];
                    s.push_str(p);
                    match next() % 4 {
                        0 => {}
                        1 | 2 => s.push(' '),
                        _ => s.push_str(["/", "-", "  ", ":"][(next() % 4) as usize]),
                    }
                }
                s
            })
            .collect()
    }

    #[test]
    fn detect_agrees_with_reference() {
        for seed in 1..200u64 {
            let lines = mixed_lines(40, seed);
            let got = detect(lines.iter().map(String::as_str));
            let want = detect_reference(lines.iter().map(String::as_str));
            assert_eq!(got, want, "seed {seed}");
        }
        let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/testdata/text");
        for e in std::fs::read_dir(dir).unwrap() {
            let path = e.unwrap().path();
            if path.extension().is_none_or(|x| x != "txt") {
                continue;
            }
            let text = std::fs::read_to_string(path).unwrap();
            let got = detect(text.lines());
            assert_eq!(got, detect_reference(text.lines()));
            assert!(got.is_some());
        }
    }
}
