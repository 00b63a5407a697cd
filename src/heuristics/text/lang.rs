//! Page language and stop words.
//!
//! Stop-word density is the strongest text-only signal of running prose (jusText): menus,
//! headlines and link rows are mostly content words, sentences are a third function words.
//! Languages written without spaces are measured by characters instead: Japanese by its
//! hiragana (particles and inflections), Chinese by its most frequent function characters.

use std::sync::LazyLock;

use rustc_hash::FxHashMap;

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

    fn bit(self) -> u16 {
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
    /// Word → bit set of languages it is a stop word of.
    words: FxHashMap<&'static str, u16>,
    /// Longest stop word, in bytes.
    max_len: usize,
}

static TABLES: LazyLock<Tables> = LazyLock::new(|| {
    let mut words: FxHashMap<&'static str, u16> = FxHashMap::default();
    let mut max_len = 0;
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
            *words.entry(w).or_insert(0) |= lang.bit();
            max_len = max_len.max(w.len());
        }
    }
    Tables { words, max_len }
});

/// Bit set of the languages `word` (already lowercase) is a stop word of.
#[inline]
pub(crate) fn stop_bits(word: &str) -> u16 {
    let t = &*TABLES;
    if word.len() > t.max_len {
        return 0;
    }
    t.words.get(word).copied().unwrap_or(0)
}

/// Longest stop word, in bytes: longer words need not be lowercased and looked up.
#[inline]
pub(crate) fn max_len() -> usize {
    TABLES.max_len
}

/// Whether `lang` has `word` (lowercase) among its stop words.
#[inline]
pub(crate) fn is_stop(lang: Lang, word: &str) -> bool {
    stop_bits(word) & lang.bit() != 0
}

/// Whether `c` is one of the Chinese function characters.
#[inline]
pub(crate) fn is_zh_function(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) && ZH_SORTED.binary_search(&c).is_ok()
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

/// Detect the page language from (a sample of) its lines. `None` when no language has enough
/// evidence; the classifier then falls back to punctuation and length.
pub(crate) fn detect<'a>(lines: impl Iterator<Item = &'a str>) -> Option<Lang> {
    let mut votes = [0u32; 11];
    let (mut han, mut kana, mut arabic, mut letters) = (0u32, 0u32, 0u32, 0u32);
    let mut buf = String::new();
    let mut seen_words = 0u32;
    let mut sampled = 0usize;
    for line in lines {
        if line.is_ascii() {
            letters += line.bytes().filter(u8::is_ascii_alphabetic).count() as u32;
        } else {
            for c in line.chars() {
                if c.is_alphabetic() {
                    letters += 1;
                    if is_han(c) {
                        han += 1;
                    } else if is_kana(c) {
                        kana += 1;
                    } else if is_arabic(c) {
                        arabic += 1;
                    }
                }
            }
        }
        let max = max_len();
        let mut tally = |w: &str, buf: &mut String| {
            if w.is_empty() {
                return;
            }
            seen_words += 1;
            if w.len() > max {
                return;
            }
            let bits = stop_bits(lower(w, buf));
            if bits != 0 {
                for l in Lang::WORDS {
                    if bits & l.bit() != 0 {
                        votes[l as usize] += 1;
                    }
                }
            }
        };
        if line.is_ascii() {
            for w in line.split(|c: char| !c.is_ascii_alphanumeric()) {
                tally(w, &mut buf);
            }
        } else {
            for w in line.split(|c: char| !c.is_alphanumeric()) {
                tally(w, &mut buf);
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
    (n >= 5).then(|| Lang::WORDS[best])
}

/// `w` lowercased, borrowing when it already is (the common case).
#[inline]
pub(crate) fn lower<'a>(w: &'a str, buf: &'a mut String) -> &'a str {
    if w.bytes().all(|b| !b.is_ascii_uppercase()) && w.is_ascii() {
        return w;
    }
    buf.clear();
    if w.is_ascii() {
        buf.push_str(w);
        buf.make_ascii_lowercase();
    } else {
        for c in w.chars() {
            buf.extend(c.to_lowercase());
        }
    }
    buf
}

#[cfg(test)]
mod tests {
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

    #[test]
    fn stop_words() {
        assert!(is_stop(Lang::En, "the"));
        assert!(!is_stop(Lang::En, "cat"));
        assert!(is_stop(Lang::De, "über"));
        let mut b = String::new();
        assert_eq!(lower("ÜBER", &mut b), "über");
    }
}
